/* hc-destination.c — where a sync delivers the directory: the store side
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-destination"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "hc-destination.h"
#include "hc-error.h"
#include "hc-json.h"
#include "hc-types.h"

void
hc_destination_free (HcDestination *destination)
{
  if (destination == NULL)
    return;

  g_free (destination->name);
  g_free (destination->kind);
  g_free (destination->base_url);
  g_free (destination->basic_user);
  g_free (destination->group_names);
  g_free (destination->custom_schema);
  g_clear_pointer (&destination->custom_fields, g_hash_table_unref);
  g_clear_pointer (&destination->mapping, g_hash_table_unref);
  g_free (destination->last_error);
  g_free (destination);
}

gint64
hc_destination_secret_id (const HcDestination *destination)
{
  return HC_DESTINATION_SECRET_BASE + destination->id;
}

const char *
hc_destination_status_to_string (HcDestinationStatus status)
{
  switch (status)
    {
    case HC_DESTINATION_IN_SYNC:
      return "in_sync";
    case HC_DESTINATION_ERROR:
      return "error";
    case HC_DESTINATION_PENDING:
    default:
      return "pending";
    }
}

const char *
hc_destination_status_describe (HcDestinationStatus status)
{
  switch (status)
    {
    case HC_DESTINATION_IN_SYNC:
      return _("in sync");
    case HC_DESTINATION_ERROR:
      return _("error");
    case HC_DESTINATION_PENDING:
    default:
      return _("pending");
    }
}

static HcDestinationStatus
status_from_string (const char *text)
{
  if (g_strcmp0 (text, "in_sync") == 0)
    return HC_DESTINATION_IN_SYNC;
  if (g_strcmp0 (text, "error") == 0)
    return HC_DESTINATION_ERROR;
  return HC_DESTINATION_PENDING;
}

void
hc_destination_member_free (HcDestinationMember *record)
{
  if (record == NULL)
    return;

  g_free (record->destination_name);
  g_free (record->scim_id);
  g_free (record->error);
  g_free (record->scim_type);
  g_free (record->last_outcome);
  g_free (record->sent);
  g_free (record);
}

/* The statement helpers: every call holds the store's lock. */

static gboolean
fail (sqlite3 *db,
      GError **error)
{
  g_set_error (error, HC_ERROR, HC_ERROR_STORE, _("Could not read or write the destinations: %s"),
               sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql,
         GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  /* hc_store_close() was called. */
  if (db == NULL)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_STORE, _("The workspace database is closed"));
      return NULL;
    }
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (db, error);
      return NULL;
    }
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

/* A string → string table as an object, in key order (the same table
 * gives the same text). */
static void
add_table (JsonBuilder *builder,
           const char  *member,
           GHashTable  *table)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (table == NULL || g_hash_table_size (table) == 0)
    return;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  hc_ptr_array_sort_strings (keys);
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, g_hash_table_lookup (table, key));
    }
  json_builder_end_object (builder);
}

static GHashTable *
read_table (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  GHashTable *table;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      g_hash_table_insert (table, g_strdup (name), g_strdup (json_node_get_string (value)));
  return table;
}

static char *
build_settings (const HcDestination *destination)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "delete_on_archive");
  json_builder_add_boolean_value (builder, destination->delete_on_archive);
  json_builder_set_member_name (builder, "group_names");
  json_builder_add_string_value (builder, destination->group_names != NULL ? destination->group_names
                                                                            : HC_DESTINATION_GROUPS_PATH);
  if (destination->custom_schema != NULL)
    {
      json_builder_set_member_name (builder, "custom_schema");
      json_builder_add_string_value (builder, destination->custom_schema);
    }
  add_table (builder, "custom_fields", destination->custom_fields);
  add_table (builder, "mapping", destination->mapping);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
read_settings (HcDestination *destination,
               const char    *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  destination->group_names = g_strdup (HC_DESTINATION_GROUPS_PATH);
  if (text == NULL || !hc_json_load (parser, text, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  destination->delete_on_archive = json_object_get_boolean_member_with_default (object, "delete_on_archive", FALSE);
  g_free (destination->group_names);
  destination->group_names = g_strdup (json_object_get_string_member_with_default (object, "group_names",
                                                                                   HC_DESTINATION_GROUPS_PATH));
  destination->custom_schema = g_strdup (json_object_get_string_member_with_default (object, "custom_schema", NULL));
  destination->custom_fields = read_table (object, "custom_fields");
  destination->mapping = read_table (object, "mapping");
}

gint64
hc_destination_add (HcStore             *store,
                    const HcDestination *destination,
                    GError             **error)
{
  sqlite3 *db = hc_store_lock_database (store);
  g_autofree char *settings = build_settings (destination);
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = prepare (db,
                  "INSERT INTO destinations (name, kind, base_url, basic_user, test_instance, settings, created_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, destination->name);
      bind_text (stmt, 2, destination->kind != NULL ? destination->kind : "scim");
      bind_text (stmt, 3, destination->base_url);
      bind_text (stmt, 4, destination->basic_user);
      sqlite3_bind_int (stmt, 5, destination->test_instance);
      bind_text (stmt, 6, settings);
      sqlite3_bind_int64 (stmt, 7, g_get_real_time ());
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        id = sqlite3_last_insert_rowid (db);
      else if (sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, HC_ERROR, HC_ERROR_EXISTS,
                     _("A destination named “%s” already exists in this workspace"), destination->name);
      else
        fail (db, error);
      sqlite3_finalize (stmt);
    }
  hc_store_unlock_database (store);
  return id;
}

static HcDestination *
read_destination (sqlite3_stmt *stmt)
{
  HcDestination *destination = g_new0 (HcDestination, 1);

  destination->id = sqlite3_column_int64 (stmt, 0);
  destination->name = column_text (stmt, 1);
  destination->kind = column_text (stmt, 2);
  destination->base_url = column_text (stmt, 3);
  destination->basic_user = column_text (stmt, 4);
  destination->test_instance = sqlite3_column_int (stmt, 5) != 0;
  read_settings (destination, (const char *) sqlite3_column_text (stmt, 6));
  destination->last_error = column_text (stmt, 7);
  destination->last_delivery_at = sqlite3_column_int64 (stmt, 8);
  return destination;
}

#define DESTINATION_COLUMNS \
  "id, name, kind, base_url, basic_user, test_instance, settings, last_error, last_delivery_at"

GPtrArray *
hc_destination_list (HcStore *store,
                     GError **error)
{
  sqlite3 *db = hc_store_lock_database (store);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_destination_free);
  sqlite3_stmt *stmt = prepare (db, "SELECT " DESTINATION_COLUMNS " FROM destinations ORDER BY name", error);
  int rc = SQLITE_ERROR;

  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (list, read_destination (stmt));
      if (rc != SQLITE_DONE)
        fail (db, error);
      sqlite3_finalize (stmt);
    }
  hc_store_unlock_database (store);
  if (rc != SQLITE_DONE)
    g_clear_pointer (&list, g_ptr_array_unref);
  return list;
}

HcDestination *
hc_destination_find (HcStore    *store,
                     const char *name,
                     GError    **error)
{
  g_autoptr (GPtrArray) list = hc_destination_list (store, error);

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      HcDestination *destination = g_ptr_array_index (list, i);

      if (g_str_equal (destination->name, name))
        return g_ptr_array_steal_index (list, i);
    }
  g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND, _("No destination named “%s” in this workspace"), name);
  return NULL;
}

static gboolean
run_simple (HcStore    *store,
            const char *sql,
            gint64      id,
            const char *text,
            gint64      number,
            GError    **error)
{
  sqlite3 *db = hc_store_lock_database (store);
  sqlite3_stmt *stmt = prepare (db, sql, error);
  gboolean ok = FALSE;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        bind_text (stmt, 2, text);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        sqlite3_bind_int64 (stmt, 3, number);
      ok = sqlite3_step (stmt) == SQLITE_DONE || fail (db, error);
      sqlite3_finalize (stmt);
    }
  hc_store_unlock_database (store);
  return ok;
}

gboolean
hc_destination_remove (HcStore *store,
                       gint64   id,
                       GError **error)
{
  /* The foreign keys take its member and group records and its log. */
  return run_simple (store, "DELETE FROM destination_members WHERE destination_id = ?1", id, NULL, 0, error) &&
         run_simple (store, "DELETE FROM destination_groups WHERE destination_id = ?1", id, NULL, 0, error) &&
         run_simple (store, "DELETE FROM destination_outcomes WHERE destination_id = ?1", id, NULL, 0, error) &&
         run_simple (store, "DELETE FROM destinations WHERE id = ?1", id, NULL, 0, error);
}

GPtrArray *
hc_destination_list_custom_fields (HcStore *store,
                                   GError **error)
{
  sqlite3 *db = hc_store_lock_database (store);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  stmt = prepare (db,
                  "SELECT DISTINCT j.key FROM members m, json_each (m.custom) j"
                  " WHERE m.custom IS NOT NULL AND json_valid (m.custom) ORDER BY 1", error);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (list, g_strconcat ("custom.", (const char *) sqlite3_column_text (stmt, 0), NULL));
      if (rc != SQLITE_DONE)
        fail (db, error);
      sqlite3_finalize (stmt);
    }
  hc_store_unlock_database (store);
  if (rc != SQLITE_DONE)
    g_clear_pointer (&list, g_ptr_array_unref);
  return list;
}

gboolean
hc_destination_save_settings (HcStore             *store,
                              const HcDestination *destination,
                              GError             **error)
{
  g_autofree char *settings = build_settings (destination);

  return run_simple (store, "UPDATE destinations SET settings = ?2 WHERE id = ?1", destination->id, settings, 0,
                     error);
}

gboolean
hc_destination_update (HcStore             *store,
                       const HcDestination *destination,
                       GError             **error)
{
  g_autofree char *settings = build_settings (destination);
  g_autofree char *old_url = NULL;
  sqlite3 *db = hc_store_lock_database (store);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  stmt = prepare (db, "SELECT base_url FROM destinations WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, destination->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        old_url = column_text (stmt, 0);
      sqlite3_finalize (stmt);
    }
  stmt = old_url != NULL
         ? prepare (db, "UPDATE destinations SET base_url = ?2, basic_user = ?3, test_instance = ?4, settings = ?5"
                    " WHERE id = ?1", error)
         : NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, destination->id);
      bind_text (stmt, 2, destination->base_url);
      bind_text (stmt, 3, destination->basic_user);
      sqlite3_bind_int (stmt, 4, destination->test_instance);
      bind_text (stmt, 5, settings);
      ok = sqlite3_step (stmt) == SQLITE_DONE || fail (db, error);
      sqlite3_finalize (stmt);
    }
  else if (old_url == NULL && (error == NULL || *error == NULL))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND, _("The destination “%s” no longer exists"),
                   destination->name);
    }
  hc_store_unlock_database (store);
  if (!ok)
    return FALSE;

  /* Another address may be another service: its users' ids are not the
   * ones recorded. The next delivery finds them again (by externalId,
   * userName, then e-mail) instead of sending to ids it does not know. */
  if (g_strcmp0 (old_url, destination->base_url) != 0)
    return run_simple (store, "DELETE FROM destination_members WHERE destination_id = ?1", destination->id, NULL, 0,
                       error) &&
           run_simple (store, "DELETE FROM destination_groups WHERE destination_id = ?1", destination->id, NULL, 0,
                       error);
  return TRUE;
}

gboolean
hc_destination_set_result (HcStore    *store,
                           gint64      id,
                           const char *last_error,
                           gint64      at,
                           GError    **error)
{
  return run_simple (store, "UPDATE destinations SET last_error = ?2, last_delivery_at = ?3 WHERE id = ?1",
                     id, last_error, at, error);
}

static HcDestinationMember *
read_record (sqlite3_stmt *stmt)
{
  HcDestinationMember *record = g_new0 (HcDestinationMember, 1);

  record->destination_id = sqlite3_column_int64 (stmt, 0);
  record->member_id = sqlite3_column_int64 (stmt, 1);
  record->scim_id = column_text (stmt, 2);
  record->status = status_from_string ((const char *) sqlite3_column_text (stmt, 3));
  record->error = column_text (stmt, 4);
  record->scim_type = column_text (stmt, 5);
  record->last_outcome = column_text (stmt, 6);
  record->sent = column_text (stmt, 7);
  record->updated_at = sqlite3_column_int64 (stmt, 8);
  record->destination_name = column_text (stmt, 9);
  return record;
}

/* The two record tables have the same columns, but a group's has no
 * scim_type or last outcome: both read as HcDestinationMember (member_id
 * is a group's id). @where names the row "r". */
static GPtrArray *
list_records (HcStore    *store,
              gboolean    groups,
              const char *where,
              gint64      id,
              GError    **error)
{
  sqlite3 *db = hc_store_lock_database (store);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_destination_member_free);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  sql = g_strdup_printf ("SELECT r.destination_id, %s, r.scim_id, r.status, r.error, %s, r.sent, r.updated_at, d.name"
                         " FROM %s r JOIN destinations d ON d.id = r.destination_id WHERE %s",
                         groups ? "r.group_id" : "r.member_id",
                         groups ? "NULL, NULL" : "r.scim_type, r.last_outcome",
                         groups ? "destination_groups" : "destination_members", where);
  stmt = prepare (db, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (list, read_record (stmt));
      if (rc != SQLITE_DONE)
        fail (db, error);
      sqlite3_finalize (stmt);
    }
  hc_store_unlock_database (store);
  if (rc != SQLITE_DONE)
    g_clear_pointer (&list, g_ptr_array_unref);
  return list;
}

static GHashTable *
records_by_id (GPtrArray *list)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                             (GDestroyNotify) hc_destination_member_free);

  for (guint i = 0; i < list->len; i++)
    {
      HcDestinationMember *record = g_ptr_array_index (list, i);

      g_hash_table_insert (table, &record->member_id, record);
    }
  g_ptr_array_set_free_func (list, NULL);
  return table;
}

GHashTable *
hc_destination_list_members (HcStore *store,
                             gint64   destination_id,
                             GError **error)
{
  g_autoptr (GPtrArray) list = NULL;

  list = list_records (store, FALSE, "r.destination_id = ?1", destination_id, error);
  return list != NULL ? records_by_id (list) : NULL;
}

GPtrArray *
hc_destination_list_for_member (HcStore *store,
                                gint64   member_id,
                                GError **error)
{
  return list_records (store, FALSE, "r.member_id = ?1 ORDER BY d.name", member_id, error);
}

GHashTable *
hc_destination_list_groups (HcStore *store,
                            gint64   destination_id,
                            GError **error)
{
  g_autoptr (GPtrArray) list = NULL;

  list = list_records (store, TRUE, "r.destination_id = ?1", destination_id, error);
  return list != NULL ? records_by_id (list) : NULL;
}

/* One member's or group's record (list_records()). */
static gboolean
save_record (HcStore                   *store,
             gboolean                   group,
             const HcDestinationMember *record,
             GError                   **error)
{
  sqlite3 *db = hc_store_lock_database (store);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  /* ?6 and ?7 (scim_type, last outcome) are a member's only. */
  stmt = prepare (db,
                  group ? "INSERT OR REPLACE INTO destination_groups"
                  " (destination_id, group_id, scim_id, status, error, sent, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?8, ?9)"
                        : "INSERT OR REPLACE INTO destination_members"
                  " (destination_id, member_id, scim_id, status, error, scim_type, last_outcome, sent, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, record->destination_id);
      sqlite3_bind_int64 (stmt, 2, record->member_id);
      bind_text (stmt, 3, record->scim_id);
      bind_text (stmt, 4, hc_destination_status_to_string (record->status));
      bind_text (stmt, 5, record->error);
      bind_text (stmt, 6, record->scim_type);
      bind_text (stmt, 7, record->last_outcome);
      bind_text (stmt, 8, record->sent);
      sqlite3_bind_int64 (stmt, 9, g_get_real_time ());
      ok = sqlite3_step (stmt) == SQLITE_DONE || fail (db, error);
      sqlite3_finalize (stmt);
    }
  hc_store_unlock_database (store);
  return ok;
}

gboolean
hc_destination_save_member (HcStore                   *store,
                            const HcDestinationMember *record,
                            GError                   **error)
{
  return save_record (store, FALSE, record, error);
}

gboolean
hc_destination_save_group (HcStore                   *store,
                           const HcDestinationMember *record,
                           GError                   **error)
{
  return save_record (store, TRUE, record, error);
}

gboolean
hc_destination_log_outcome (HcStore    *store,
                            gint64      run_id,
                            gint64      destination_id,
                            gint64      member_id,
                            gint64      group_id,
                            const char *request,
                            guint       status,
                            const char *outcome,
                            const char *detail,
                            GError    **error)
{
  sqlite3 *db = hc_store_lock_database (store);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  stmt = prepare (db,
                  "INSERT INTO destination_outcomes"
                  " (destination_id, member_id, group_id, at, request, status, outcome, detail)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, destination_id);
      if (member_id != 0)
        sqlite3_bind_int64 (stmt, 2, member_id);
      else
        sqlite3_bind_null (stmt, 2);
      if (group_id != 0)
        sqlite3_bind_int64 (stmt, 3, group_id);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
      bind_text (stmt, 5, request);
      sqlite3_bind_int (stmt, 6, (int) status);
      bind_text (stmt, 7, outcome);
      bind_text (stmt, 8, detail);
      ok = sqlite3_step (stmt) == SQLITE_DONE || fail (db, error);
      sqlite3_finalize (stmt);
    }
  if (ok && run_id != 0)
    {
      stmt = prepare (db, "INSERT INTO destination_outcome_runs (outcome_id, run_id) VALUES (?, ?)", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, sqlite3_last_insert_rowid (db));
          sqlite3_bind_int64 (stmt, 2, run_id);
          ok = sqlite3_step (stmt) == SQLITE_DONE || fail (db, error);
          sqlite3_finalize (stmt);
        }
    }
  hc_store_unlock_database (store);
  return ok;
}

GPtrArray *
hc_destination_list_outcomes (HcStore *store,
                              gint64   member_id,
                              guint    limit,
                              GError **error)
{
  sqlite3 *db = hc_store_lock_database (store);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  stmt = prepare (db,
                  "SELECT d.name, o.member_id, o.group_id, o.at, o.request, o.status, o.outcome, o.detail"
                  " FROM destination_outcomes o JOIN destinations d ON d.id = o.destination_id"
                  " WHERE ?1 = 0 OR o.member_id = ?1 ORDER BY o.id DESC LIMIT ?2", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, member_id);
      sqlite3_bind_int (stmt, 2, (int) limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          JsonObject *o = json_object_new ();

          json_object_set_string_member (o, "destination", (const char *) sqlite3_column_text (stmt, 0));
          json_object_set_int_member (o, "member_id", sqlite3_column_int64 (stmt, 1));
          json_object_set_int_member (o, "group_id", sqlite3_column_int64 (stmt, 2));
          json_object_set_int_member (o, "at", sqlite3_column_int64 (stmt, 3));
          json_object_set_string_member (o, "request", (const char *) sqlite3_column_text (stmt, 4));
          json_object_set_int_member (o, "status", sqlite3_column_int (stmt, 5));
          json_object_set_string_member (o, "outcome", (const char *) sqlite3_column_text (stmt, 6));
          if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
            json_object_set_string_member (o, "detail", (const char *) sqlite3_column_text (stmt, 7));
          else
            json_object_set_null_member (o, "detail");
          g_ptr_array_add (list, o);
        }
      if (rc != SQLITE_DONE)
        fail (db, error);
      sqlite3_finalize (stmt);
    }
  hc_store_unlock_database (store);
  if (rc != SQLITE_DONE)
    g_clear_pointer (&list, g_ptr_array_unref);
  return list;
}

void
hc_destination_run_outcome_free (HcDestinationRunOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->destination);
  g_free (outcome);
}

GPtrArray *
hc_destination_list_run_outcomes (HcStore *store,
                                  gint64   run_id,
                                  GError **error)
{
  sqlite3 *db = hc_store_lock_database (store);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_destination_run_outcome_free);
  HcDestinationRunOutcome *current = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  /* Members, not requests: a member updated twice in a run counts once. */
  stmt = prepare (db,
                  "SELECT d.name, o.outcome, COUNT (DISTINCT coalesce (o.member_id, -o.group_id))"
                  " FROM destination_outcome_runs r JOIN destination_outcomes o ON o.id = r.outcome_id"
                  " JOIN destinations d ON d.id = o.destination_id"
                  " WHERE r.run_id = ?1 GROUP BY d.name, o.outcome ORDER BY d.name", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);
          const char *outcome = (const char *) sqlite3_column_text (stmt, 1);
          guint n = (guint) sqlite3_column_int (stmt, 2);

          if (current == NULL || g_strcmp0 (current->destination, name) != 0)
            {
              current = g_new0 (HcDestinationRunOutcome, 1);
              current->destination = g_strdup (name);
              g_ptr_array_add (list, current);
            }
          if (g_strcmp0 (outcome, "created") == 0)
            current->created += n;
          else if (g_strcmp0 (outcome, "updated") == 0 || g_strcmp0 (outcome, "matched") == 0)
            current->updated += n;
          else if (g_strcmp0 (outcome, "deactivated") == 0)
            current->deactivated += n;
          else if (g_strcmp0 (outcome, "deleted") == 0)
            current->deleted += n;
          else
            current->failed += n;
        }
      if (rc != SQLITE_DONE)
        fail (db, error);
      sqlite3_finalize (stmt);
    }
  hc_store_unlock_database (store);
  if (rc != SQLITE_DONE)
    g_clear_pointer (&list, g_ptr_array_unref);
  return list;
}

char *
hc_destination_run_outcome_describe (const HcDestinationRunOutcome *outcome)
{
  /* Translators: what one sync delivered to one destination, "Platform: 3
   * created, 1 updated, 0 deactivated, 0 failed" */
  return g_strdup_printf (_("%s: %u created, %u updated, %u deactivated, %u failed"), outcome->destination,
                          outcome->created, outcome->updated, outcome->deactivated + outcome->deleted,
                          outcome->failed);
}
