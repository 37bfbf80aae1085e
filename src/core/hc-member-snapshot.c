/* hc-member-snapshot.c — a whole member as a JSON text, to remove it and put it back
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-member-snapshot"

#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-error.h"
#include "hc-member-snapshot.h"

/* The tables whose rows name a member and go with it when it is deleted
 * (ON DELETE CASCADE), each with the table a row needs to exist to be put
 * back ("parent" its column, NULL for none). */
static const struct
{
  const char *table;
  const char *parent_column;
  const char *parent_table;
} member_tables[] = {
  { "group_members", "group_id", "groups" },
  { "member_roles", "role_id", "roles" },
  { "invitations", NULL, NULL },
  { "destination_members", "destination_id", "destinations" },
};

static void
node_free (gpointer node)
{
  if (node != NULL)
    json_node_unref (node);
}

static gboolean
sqlite_error (sqlite3    *db,
              const char *what,
              GError    **error)
{
  g_set_error (error, HC_ERROR, HC_ERROR_STORE, _("Could not %s: %s"), what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
table_exists (sqlite3    *db,
              const char *table)
{
  sqlite3_stmt *stmt = NULL;
  gboolean exists = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return exists;
}

/* One row as an object of its columns (blobs left out: none of these
 * tables has one). */
static void
add_row (JsonBuilder  *builder,
         sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    {
      json_builder_set_member_name (builder, sqlite3_column_name (stmt, c));
      switch (sqlite3_column_type (stmt, c))
        {
        case SQLITE_INTEGER:
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, c));
          break;
        case SQLITE_FLOAT:
          json_builder_add_double_value (builder, sqlite3_column_double (stmt, c));
          break;
        case SQLITE_TEXT:
          json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, c));
          break;
        default:
          json_builder_add_null_value (builder);
          break;
        }
    }
  json_builder_end_object (builder);
}

/* The rows of @sql (one parameter, @id) as an array. */
static gboolean
add_rows (sqlite3     *db,
          JsonBuilder *builder,
          const char  *sql,
          gint64       id,
          gboolean     ids_only,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_error (db, _("read a member"), error);
  sqlite3_bind_int64 (stmt, 1, id);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (ids_only)
        json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
      else
        add_row (builder, stmt);
    }
  json_builder_end_array (builder);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_error (db, _("read a member"), error);
  return TRUE;
}

char *
hc_member_snapshot_take (sqlite3 *db,
                         gint64   member_id,
                         GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "member");
  if (sqlite3_prepare_v2 (db, "SELECT * FROM members WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite_error (db, _("read a member"), error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, HC_ERROR, HC_ERROR_STORE,
                             _("A member is no longer in the directory; it changed since the preview"));
      else
        sqlite_error (db, _("read a member"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  add_row (builder, stmt);
  sqlite3_finalize (stmt);

  for (gsize i = 0; i < G_N_ELEMENTS (member_tables); i++)
    {
      g_autofree char *sql = NULL;

      if (!table_exists (db, member_tables[i].table))
        continue;
      sql = g_strdup_printf ("SELECT * FROM %s WHERE member_id = ? ORDER BY rowid", member_tables[i].table);
      json_builder_set_member_name (builder, member_tables[i].table);
      if (!add_rows (db, builder, sql, member_id, FALSE, error))
        return NULL;
    }
  json_builder_set_member_name (builder, "reports");
  if (!add_rows (db, builder, "SELECT id FROM members WHERE manager_id = ? ORDER BY id", member_id, TRUE, error))
    return NULL;
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The columns @table has now (a snapshot may come from an older schema). */
static GHashTable *
list_columns (sqlite3    *db,
              const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return columns;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return columns;
}

static gboolean
row_exists (sqlite3    *db,
            const char *table,
            gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = NULL;
  gboolean exists = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return exists;
}

static gint64
get_int (JsonObject *row,
         const char *column)
{
  JsonNode *node = json_object_get_member (row, column);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

/* Inserts @row into @table, its columns the table still has, with what
 * @override says (a column name → a JsonNode*, NULL for SQL NULL) in
 * place of the snapshot's values. */
static gboolean
insert_row (sqlite3    *db,
            const char *table,
            JsonObject *row,
            GHashTable *override,
            GError    **error)
{
  g_autoptr (GHashTable) columns = list_columns (db, table);
  g_autoptr (GString) names = g_string_new (NULL);
  g_autoptr (GString) marks = g_string_new (NULL);
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  g_autoptr (GList) members = json_object_get_members (row);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *column = l->data;
      JsonNode *value = json_object_get_member (row, column);

      if (!g_hash_table_contains (columns, column))
        continue;
      if (override != NULL && g_hash_table_contains (override, column))
        value = g_hash_table_lookup (override, column);
      g_string_append_printf (names, "%s\"%s\"", names->len ? ", " : "", column);
      g_string_append (marks, marks->len ? ", ?" : "?");
      g_ptr_array_add (values, value);
    }
  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table, names->str, marks->str);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_error (db, _("put a member back"), error);
  for (guint i = 0; i < values->len; i++)
    {
      JsonNode *value = g_ptr_array_index (values, i);

      if (value == NULL || JSON_NODE_HOLDS_NULL (value) || !JSON_NODE_HOLDS_VALUE (value))
        sqlite3_bind_null (stmt, i + 1);
      else if (json_node_get_value_type (value) == G_TYPE_INT64)
        sqlite3_bind_int64 (stmt, i + 1, json_node_get_int (value));
      else if (json_node_get_value_type (value) == G_TYPE_DOUBLE)
        sqlite3_bind_double (stmt, i + 1, json_node_get_double (value));
      else if (json_node_get_value_type (value) == G_TYPE_STRING)
        sqlite3_bind_text (stmt, i + 1, json_node_get_string (value), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, i + 1);
    }
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    sqlite_error (db, _("put a member back"), error);
  sqlite3_finalize (stmt);
  return ok;
}

static JsonNode *
int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

static JsonNode *
string_node (const char *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value);
  return node;
}

static JsonObject *
parse_snapshot (JsonParser *parser,
                const char *snapshot,
                GError    **error)
{
  JsonNode *root;
  JsonObject *object;

  if (snapshot == NULL || !json_parser_load_from_data (parser, snapshot, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (object = json_node_get_object (root)) == NULL ||
      json_object_get_member (object, "member") == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "member")))
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_PARSE,
                           _("The history does not hold the removed member whole, so it cannot be put back"));
      return NULL;
    }
  return object;
}

char *
hc_member_snapshot_dup_email (const char *snapshot)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_snapshot (parser, snapshot, NULL);
  JsonObject *member;
  JsonNode *email;

  if (object == NULL)
    return NULL;
  member = json_object_get_object_member (object, "member");
  email = json_object_get_member (member, "email");
  if (email == NULL || json_node_get_value_type (email) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (email));
}

gboolean
hc_member_snapshot_restore (sqlite3    *db,
                            const char *snapshot,
                            gint64      now,
                            gint64     *member_id,
                            GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) override = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           node_free);
  JsonObject *object;
  JsonObject *member;
  gint64 old_id, new_id, connector_id, manager_id;
  JsonArray *reports;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  object = parse_snapshot (parser, snapshot, error);
  if (object == NULL)
    return FALSE;
  member = json_object_get_object_member (object, "member");
  old_id = get_int (member, "id");
  connector_id = get_int (member, "connector_id");
  manager_id = get_int (member, "manager_id");

  /* Its id when still free, so that its history stays its own. */
  if (old_id != 0 && row_exists (db, "members", old_id))
    g_hash_table_insert (override, (gpointer) "id", NULL);
  if (connector_id != 0 && !row_exists (db, "connectors", connector_id))
    {
      /* rules.md 13: as removing the connector left its members. */
      g_hash_table_insert (override, (gpointer) "connector_id", NULL);
      g_hash_table_insert (override, (gpointer) "hr_status", string_node ("previously_managed"));
    }
  if (manager_id != 0 && !row_exists (db, "members", manager_id))
    g_hash_table_insert (override, (gpointer) "manager_id", NULL);
  g_hash_table_insert (override, (gpointer) "updated_at", int_node (now));
  if (!insert_row (db, "members", member, override, error))
    return FALSE;
  new_id = sqlite3_last_insert_rowid (db);

  for (gsize i = 0; i < G_N_ELEMENTS (member_tables); i++)
    {
      JsonNode *rows_node = json_object_get_member (object, member_tables[i].table);
      JsonArray *rows;

      if (rows_node == NULL || !JSON_NODE_HOLDS_ARRAY (rows_node) || !table_exists (db, member_tables[i].table))
        continue;
      rows = json_node_get_array (rows_node);
      for (guint r = 0; r < json_array_get_length (rows); r++)
        {
          JsonNode *row_node = json_array_get_element (rows, r);
          g_autoptr (GHashTable) row_override = NULL;
          JsonObject *row;
          gint64 row_connector, run_id;

          if (!JSON_NODE_HOLDS_OBJECT (row_node))
            continue;
          row = json_node_get_object (row_node);
          /* a group, role or destination deleted since: nothing to be in */
          if (member_tables[i].parent_column != NULL &&
              !row_exists (db, member_tables[i].parent_table, get_int (row, member_tables[i].parent_column)))
            continue;
          row_override = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, node_free);
          g_hash_table_insert (row_override, (gpointer) "member_id", int_node (new_id));
          row_connector = get_int (row, "connector_id");
          if (row_connector != 0 && !row_exists (db, "connectors", row_connector))
            g_hash_table_insert (row_override, (gpointer) "connector_id", NULL);
          run_id = get_int (row, "run_id");
          if (run_id != 0 && !row_exists (db, "sync_runs", run_id))
            g_hash_table_insert (row_override, (gpointer) "run_id", NULL);
          /* an invitation's own id may be taken since */
          if (g_str_equal (member_tables[i].table, "invitations") && row_exists (db, "invitations",
                                                                                 get_int (row, "id")))
            g_hash_table_insert (row_override, (gpointer) "id", NULL);
          if (!insert_row (db, member_tables[i].table, row, row_override, error))
            return FALSE;
        }
    }

  /* Its reports lost their manager with it: those still without one get
   * it back. */
  reports = json_object_get_member (object, "reports") != NULL &&
            JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "reports"))
            ? json_object_get_array_member (object, "reports") : NULL;
  if (reports != NULL && json_array_get_length (reports) > 0)
    {
      if (sqlite3_prepare_v2 (db, "UPDATE members SET manager_id = ? WHERE id = ? AND manager_id IS NULL", -1,
                              &stmt, NULL) != SQLITE_OK)
        return sqlite_error (db, _("put a member back"), error);
      for (guint r = 0; r < json_array_get_length (reports); r++)
        {
          JsonNode *id = json_array_get_element (reports, r);

          if (json_node_get_value_type (id) != G_TYPE_INT64)
            continue;
          sqlite3_bind_int64 (stmt, 1, new_id);
          sqlite3_bind_int64 (stmt, 2, json_node_get_int (id));
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              sqlite3_finalize (stmt);
              return sqlite_error (db, _("put a member back"), error);
            }
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
    }

  if (member_id != NULL)
    *member_id = new_id;
  return TRUE;
}
