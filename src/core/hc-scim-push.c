/* hc-scim-push.c — delivering the directory to a SCIM 2.0 destination
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-scim"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-directory.h"
#include "hc-email.h"
#include "hc-error.h"
#include "hc-group-plan.h"
#include "hc-groups.h"
#include "hc-member.h"
#include "hc-plan.h"
#include "hc-scim-client.h"
#include "hc-scim-mapping.h"
#include "hc-scim-push.h"
#include "hc-secrets.h"

/* What is sent for a member already deleted there. */
#define SENT_DELETED "deleted"

HcScimPushResult *
hc_scim_push_result_new (const char *destination)
{
  HcScimPushResult *result = g_new0 (HcScimPushResult, 1);

  result->destination = g_strdup (destination);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  result->items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  return result;
}

void
hc_scim_push_result_free (HcScimPushResult *result)
{
  if (result == NULL)
    return;
  g_free (result->destination);
  g_ptr_array_unref (result->warnings);
  g_ptr_array_unref (result->items);
  g_free (result->error);
  g_free (result);
}

void
hc_scim_push_result_to_json (const HcScimPushResult *result,
                             JsonBuilder            *builder)
{
  const struct
  {
    const char *name;
    guint       value;
  } counts[] = {
    { "created", result->created },
    { "updated", result->updated },
    { "deactivated", result->deactivated },
    { "deleted", result->deleted },
    { "unchanged", result->unchanged },
    { "failed", result->failed },
    { "held", result->held },
    { "groups_created", result->groups_created },
    { "groups_updated", result->groups_updated },
    { "groups_failed", result->groups_failed },
    { "joined", result->joined },
    { "writes", result->writes },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "destination");
  json_builder_add_string_value (builder, result->destination);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (builder, counts[i].name);
      json_builder_add_int_value (builder, counts[i].value);
    }
  json_builder_set_member_name (builder, "error");
  if (result->error != NULL)
    json_builder_add_string_value (builder, result->error);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (result->warnings, i));
  json_builder_end_array (builder);
  if (result->items->len > 0)
    {
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < result->items->len; i++)
        {
          g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

          json_node_set_object (node, g_ptr_array_index (result->items, i));
          json_builder_add_value (builder, g_steal_pointer (&node));
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/* The run's state */

typedef struct
{
  HcStore             *store;
  const HcDestination *destination;
  HcScimClient        *client;
  HcScimCapabilities  *caps;
  GCancellable        *cancellable;
  HcScimPushResult    *result;
  gboolean             confirm_deactivations;
  gint64               run_id;        /* the sync run delivered after, 0 for none */
  GHashTable          *records;       /* member id → HcDestinationMember* */
  GHashTable          *members;       /* member id → HcMember* */
  GPtrArray           *custom_names;  /* attributes of the custom schema, or NULL */
  gboolean             stopped;       /* a failure that stops the delivery */
} Push;

static gboolean
member_in_scope (HcMember *member)
{
  const char *email = hc_member_get_email (member);

  return email != NULL && *email != '\0' && hc_member_get_has_access (member);
}

static void
add_string (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, name, value);
}

/* custom_field → attribute: the destination's mapping, else the attribute
 * of the same name without case, "_" or "-" ("cost_center" → "costCenter"). */
static const char *
custom_attribute (Push       *push,
                  const char *field)
{
  g_autoptr (GString) folded = g_string_new (NULL);

  if (push->destination->custom_fields != NULL)
    return g_hash_table_lookup (push->destination->custom_fields, field);
  for (const char *p = field; *p != '\0'; p++)
    if (*p != '_' && *p != '-')
      g_string_append_c (folded, g_ascii_tolower (*p));
  for (guint i = 0; push->custom_names != NULL && i < push->custom_names->len; i++)
    {
      const char *name = g_ptr_array_index (push->custom_names, i);

      if (g_ascii_strcasecmp (name, folded->str) == 0)
        return name;
    }
  return NULL;
}

/* Sets @name of @object to what the destination's mapping sends in
 * @attribute (nothing when none). */
static void
add_mapped (Push       *push,
            JsonObject *object,
            const char *name,
            const char *attribute,
            HcMember   *member)
{
  g_autofree char *value = hc_scim_mapping_get_value (push->destination, attribute, member);

  add_string (object, name, value);
}

/* The SCIM User a member should be, in a fixed order of members, so that
 * the same member gives the same text: each attribute as the destination's
 * mapping says (rules.md 42). The manager's SCIM id comes from the records
 * (NULL while the manager is not there). */
static JsonObject *
build_user (Push     *push,
            HcMember *member)
{
  const HcDestination *destination = push->destination;
  JsonObject *user = json_object_new ();
  JsonArray *schemas = json_array_new ();
  JsonObject *name = json_object_new ();
  g_autofree char *primary = hc_scim_mapping_get_value (destination, "emails[primary]", member);
  gint64 manager_id = hc_member_get_manager_id (member);

  json_array_add_string_element (schemas, HC_SCIM_SCHEMA_USER);
  if (push->caps->enterprise)
    json_array_add_string_element (schemas, HC_SCIM_SCHEMA_ENTERPRISE);
  json_object_set_array_member (user, "schemas", schemas);
  add_mapped (push, user, "externalId", "externalId", member);
  add_mapped (push, user, "userName", "userName", member);
  add_mapped (push, name, "givenName", "name.givenName", member);
  add_mapped (push, name, "familyName", "name.familyName", member);
  json_object_set_object_member (user, "name", name);
  add_mapped (push, user, "displayName", "displayName", member);
  if (primary != NULL)
    {
      JsonArray *emails = json_array_new ();
      JsonObject *email = json_object_new ();

      json_object_set_string_member (email, "value", primary);
      json_object_set_string_member (email, "type", "work");
      json_object_set_boolean_member (email, "primary", TRUE);
      json_array_add_object_element (emails, email);
      json_object_set_array_member (user, "emails", emails);
    }
  add_mapped (push, user, "title", "title", member);
  json_object_set_boolean_member (user, "active", hc_member_get_state (member) != HC_MEMBER_STATE_ARCHIVED);

  if (push->caps->enterprise)
    {
      JsonObject *enterprise = json_object_new ();
      HcDestinationMember *manager = manager_id != 0 ? g_hash_table_lookup (push->records, &manager_id) : NULL;

      add_mapped (push, enterprise, "employeeNumber", "employeeNumber", member);
      add_mapped (push, enterprise, "department", "department", member);
      if (manager != NULL && manager->scim_id != NULL && hc_scim_mapping_get (destination, "manager") != NULL)
        {
          JsonObject *reference = json_object_new ();

          json_object_set_string_member (reference, "value", manager->scim_id);
          json_object_set_object_member (enterprise, "manager", reference);
        }
      json_object_set_object_member (user, HC_SCIM_SCHEMA_ENTERPRISE, enterprise);
    }

  if (push->custom_names != NULL)
    {
      g_autoptr (GPtrArray) fields = hc_member_list_custom_fields (member);
      JsonObject *custom = json_object_new ();

      for (guint i = 0; fields != NULL && i < fields->len; i++)
        {
          const char *field = g_ptr_array_index (fields, i);
          g_autofree char *key = g_strconcat ("custom.", field, NULL);
          const char *attribute = custom_attribute (push, field);

          if (attribute != NULL)
            add_string (custom, attribute, hc_member_get_field (member, key));
        }
      if (json_object_get_size (custom) > 0)
        {
          json_array_add_string_element (schemas, push->destination->custom_schema);
          json_object_set_object_member (user, push->destination->custom_schema, custom);
        }
      else
        {
          json_object_unref (custom);
        }
    }
  return user;
}

static char *
object_to_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static char *
node_to_text (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : NULL;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static void
add_operation (JsonArray  *operations,
               const char *op,
               const char *path,
               JsonNode   *value)
{
  JsonObject *operation = json_object_new ();

  json_object_set_string_member (operation, "op", op);
  json_object_set_string_member (operation, "path", path);
  if (value != NULL)
    json_object_set_member (operation, "value", json_node_copy (value));
  json_array_add_object_element (operations, operation);
}

/* The PATCH operations that turn @before into @after: the attributes that
 * changed, an extension's attributes one by one ("urn:…:User:department"). */
static JsonArray *
diff_operations (JsonObject *before,
                 JsonObject *after,
                 gboolean    with_removals)
{
  JsonArray *operations = json_array_new ();
  g_autoptr (GList) names = json_object_get_members (after);
  g_autoptr (GList) old_names = before != NULL ? json_object_get_members (before) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (after, name);
      JsonNode *old = before != NULL ? json_object_get_member (before, name) : NULL;
      g_autofree char *value_text = NULL;
      g_autofree char *old_text = NULL;

      if (g_str_equal (name, "schemas") || g_str_equal (name, "id") || g_str_equal (name, "meta"))
        continue;
      value_text = node_to_text (value);
      old_text = node_to_text (old);
      if (g_strcmp0 (value_text, old_text) == 0)
        continue;
      if (g_str_has_prefix (name, "urn:") && JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonObject *ext = json_node_get_object (value);
          JsonObject *old_ext = old != NULL && JSON_NODE_HOLDS_OBJECT (old) ? json_node_get_object (old) : NULL;
          g_autoptr (GList) keys = json_object_get_members (ext);
          g_autoptr (GList) old_keys = old_ext != NULL ? json_object_get_members (old_ext) : NULL;

          for (GList *k = keys; k != NULL; k = k->next)
            {
              g_autofree char *a = node_to_text (json_object_get_member (ext, k->data));
              g_autofree char *b = old_ext != NULL ? node_to_text (json_object_get_member (old_ext, k->data)) : NULL;
              g_autofree char *path = g_strconcat (name, ":", (const char *) k->data, NULL);

              if (g_strcmp0 (a, b) != 0)
                add_operation (operations, "replace", path, json_object_get_member (ext, k->data));
            }
          for (GList *k = old_keys; with_removals && k != NULL; k = k->next)
            if (!json_object_has_member (ext, k->data))
              {
                g_autofree char *path = g_strconcat (name, ":", (const char *) k->data, NULL);

                add_operation (operations, "remove", path, NULL);
              }
          continue;
        }
      add_operation (operations, "replace", name, value);
    }
  /* Only what Headcount sent before is removed: never what someone else
   * set on a user found there. */
  for (GList *l = old_names; with_removals && l != NULL; l = l->next)
    if (!json_object_has_member (after, l->data) && !g_str_equal (l->data, "schemas"))
      add_operation (operations, "remove", l->data, NULL);
  return operations;
}

/* A failure that concerns the whole service, not one member: stop. */
static gboolean
failure_stops (const GError        *error,
               const HcScimFailure *failure)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;
  if (error->domain == HC_ERROR &&
      (error->code == HC_ERROR_AUTH || error->code == HC_ERROR_NETWORK ||
       error->code == HC_ERROR_RATE_LIMITED || error->code == HC_ERROR_CANCELLED))
    return TRUE;
  return failure->status >= 500 || failure->status == 0;
}

static char *
describe_failure (const GError        *error,
                  const HcScimFailure *failure)
{
  if (failure->detail != NULL && failure->scim_type != NULL)
    return g_strdup_printf ("%s (%s, %u)", failure->detail, failure->scim_type, failure->status);
  if (failure->detail != NULL)
    return g_strdup_printf ("%s (%u)", failure->detail, failure->status);
  return g_strdup (error->message);
}

/* Records one member's outcome at once: a push killed half-way keeps it. */
static gboolean
save (Push                *push,
      HcDestinationMember *record,
      const char          *request,
      guint                status,
      const char          *outcome,
      GError             **error)
{
  if (!hc_destination_save_member (push->store, record, error))
    return FALSE;
  if (request != NULL &&
      !hc_destination_log_outcome (push->store, push->run_id, push->destination->id, record->member_id, 0,
                                   request, status,
                                   outcome, record->error, error))
    return FALSE;
  return TRUE;
}

static HcDestinationMember *
ensure_record (Push  *push,
               gint64 member_id)
{
  HcDestinationMember *record = g_hash_table_lookup (push->records, &member_id);

  if (record == NULL)
    {
      record = g_new0 (HcDestinationMember, 1);
      record->destination_id = push->destination->id;
      record->member_id = member_id;
      record->destination_name = g_strdup (push->destination->name);
      g_hash_table_insert (push->records, &record->member_id, record);
    }
  return record;
}

/* Looks the member up there: externalId, then userName, then e-mail. */
static JsonObject *
match_user (Push       *push,
            JsonObject *user,
            GError    **error)
{
  JsonArray *emails = json_object_has_member (user, "emails") ? json_object_get_array_member (user, "emails") : NULL;
  const char *user_name = json_object_get_string_member_with_default (user, "userName", NULL);
  const char *email = user_name;
  const struct
  {
    const char *attribute;
    const char *value;
  } keys[] = {
    { "externalId", json_object_get_string_member_with_default (user, "externalId", NULL) },
    { "userName", user_name },
    { "emails.value", NULL },
  };

  /* The primary e-mail, whatever the mapping sends as userName. */
  if (emails != NULL && json_array_get_length (emails) > 0)
    email = json_object_get_string_member_with_default (json_array_get_object_element (emails, 0), "value",
                                                        user_name);

  if (!push->caps->filter)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = i == 2 ? email : keys[i].value;
      JsonObject *found;

      if (value == NULL)
        continue;
      found = hc_scim_client_find (push->client, "/Users", keys[i].attribute, value, push->cancellable, error);

      if (found != NULL || (error != NULL && *error != NULL))
        return found;
    }
  return NULL;
}

typedef enum
{
  SEND_OK,
  SEND_FAILED,   /* recorded on the member */
  SEND_STOP,     /* the delivery stops */
} SendResult;

/* Sends @method @path @body; on failure records it on @record. */
static SendResult
send_request (Push                *push,
              HcDestinationMember *record,
              const char          *method,
              const char          *path,
              JsonNode            *body,
              JsonNode           **answer,
              HcScimFailure       *failure,
              GError             **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *request = g_strdup_printf ("%s %s", method, path);
  JsonNode *node;

  push->result->writes += !g_str_equal (method, "GET");
  node = hc_scim_client_request (push->client, method, path, body, push->cancellable, failure, &local_error);
  if (node != NULL)
    {
      if (answer != NULL)
        *answer = node;
      else
        json_node_unref (node);
      return SEND_OK;
    }
  if (failure_stops (local_error, failure))
    {
      push->stopped = TRUE;
      push->result->error = g_strdup (local_error->message);
      return SEND_STOP;
    }
  g_free (record->error);
  record->error = describe_failure (local_error, failure);
  g_free (record->scim_type);
  record->scim_type = g_strdup (failure->scim_type);
  record->status = HC_DESTINATION_ERROR;
  g_free (record->last_outcome);
  record->last_outcome = g_strdup_printf ("failed: %s", method);
  if (!save (push, record, request, failure->status, "failed", error))
    return SEND_STOP;
  return SEND_FAILED;
}

static void
mark_ok (HcDestinationMember *record,
         const char          *outcome,
         const char          *sent)
{
  /* @outcome may be the record's own last outcome: copied before it goes. */
  char *outcome_copy = g_strdup (outcome);
  char *sent_copy = g_strdup (sent);

  record->status = HC_DESTINATION_IN_SYNC;
  g_clear_pointer (&record->error, g_free);
  g_clear_pointer (&record->scim_type, g_free);
  g_free (record->last_outcome);
  record->last_outcome = outcome_copy;
  g_free (record->sent);
  record->sent = sent_copy;
}

/* Updates a user known there from @before (NULL: replace it all). */
static SendResult
update_user (Push                *push,
             HcDestinationMember *record,
             JsonObject          *before,
             gboolean             before_is_ours,
             JsonObject          *user,
             const char          *outcome,
             GError             **error)
{
  g_autofree char *path = g_strdup_printf ("/Users/%s", record->scim_id);
  g_autofree char *text = object_to_text (user);
  g_autoptr (JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  HcScimFailure failure = { 0 };
  SendResult sent;
  const char *method;

  if (push->caps->patch)
    {
      JsonObject *patch = json_object_new ();
      JsonArray *schemas = json_array_new ();
      JsonArray *operations = diff_operations (before, user, before_is_ours);

      if (json_array_get_length (operations) == 0)
        {
          json_array_unref (operations);
          json_array_unref (schemas);
          json_object_unref (patch);
          mark_ok (record, record->last_outcome != NULL ? record->last_outcome : "matched", text);
          return save (push, record, NULL, 0, NULL, error) ? SEND_OK : SEND_STOP;
        }
      json_array_add_string_element (schemas, HC_SCIM_SCHEMA_PATCH_OP);
      json_object_set_array_member (patch, "schemas", schemas);
      json_object_set_array_member (patch, "Operations", operations);
      json_node_take_object (body, patch);
      method = "PATCH";
    }
  else
    {
      json_node_set_object (body, user);
      method = "PUT";
    }

  sent = send_request (push, record, method, path, body, NULL, &failure, error);
  if (sent == SEND_OK)
    {
      g_autofree char *request = g_strdup_printf ("%s %s", method, path);

      mark_ok (record, outcome, text);
      if (!save (push, record, request, 200, outcome, error))
        sent = SEND_STOP;
    }
  else if (sent == SEND_FAILED && failure.status == 404)
    {
      /* Deleted there: found again, or created, on the next run. */
      g_clear_pointer (&record->scim_id, g_free);
      g_clear_pointer (&record->sent, g_free);
      if (!save (push, record, NULL, 0, NULL, error))
        sent = SEND_STOP;
    }
  hc_scim_failure_clear (&failure);
  return sent;
}

static SendResult
push_member (Push     *push,
             HcMember *member,
             GError  **error)
{
  gint64 id = hc_member_get_id (member);
  HcDestinationMember *record = g_hash_table_lookup (push->records, &id);
  gboolean archived = hc_member_get_state (member) == HC_MEMBER_STATE_ARCHIVED;
  g_autoptr (JsonObject) user = NULL;
  g_autoptr (JsonObject) before = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) local_error = NULL;

  if (archived && (record == NULL || (record->scim_id == NULL && record->sent == NULL)))
    return SEND_OK;   /* never there: nothing to deactivate */
  if (record != NULL && g_strcmp0 (record->sent, SENT_DELETED) == 0 && archived)
    {
      push->result->unchanged++;
      return SEND_OK;
    }

  user = build_user (push, member);
  text = object_to_text (user);
  if (record != NULL && record->scim_id != NULL && record->status == HC_DESTINATION_IN_SYNC &&
      g_strcmp0 (record->sent, text) == 0)
    {
      push->result->unchanged++;
      return SEND_OK;
    }

  /* A deactivation on a test instance waits for the admin (rules.md 42). */
  if (archived && push->destination->test_instance && !push->confirm_deactivations)
    {
      record->status = HC_DESTINATION_PENDING;
      g_free (record->error);
      record->error = g_strdup (_("Deactivation held: this destination is a test instance; confirm it to send it"));
      push->result->held++;
      return save (push, record, NULL, 0, NULL, error) ? SEND_OK : SEND_STOP;
    }

  record = ensure_record (push, id);

  if (archived && push->destination->delete_on_archive && record->scim_id != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/Users/%s", record->scim_id);
      HcScimFailure failure = { 0 };
      SendResult sent = send_request (push, record, "DELETE", path, NULL, NULL, &failure, error);

      if (sent == SEND_OK || (sent == SEND_FAILED && failure.status == 404))
        {
          g_autofree char *request = g_strdup_printf ("DELETE %s", path);

          g_clear_pointer (&record->scim_id, g_free);
          mark_ok (record, "deleted", SENT_DELETED);
          push->result->deleted++;
          sent = save (push, record, request, 204, "deleted", error) ? SEND_OK : SEND_STOP;
        }
      hc_scim_failure_clear (&failure);
      if (sent == SEND_FAILED)
        push->result->failed++;
      return sent;
    }

  if (record->scim_id == NULL)
    {
      g_autoptr (JsonObject) found = match_user (push, user, &local_error);

      if (local_error != NULL)
        {
          HcScimFailure none = { 0 };

          if (failure_stops (local_error, &none))
            {
              push->stopped = TRUE;
              push->result->error = g_strdup (local_error->message);
              return SEND_STOP;
            }
          g_clear_error (&local_error);
        }
      if (found != NULL)
        {
          SendResult sent;

          record->scim_id = g_strdup (json_object_get_string_member_with_default (found, "id", NULL));
          if (record->scim_id == NULL)
            return SEND_OK;
          sent = update_user (push, record, found, FALSE, user, archived ? "deactivated" : "matched", error);
          if (sent == SEND_OK)
            push->result->updated++;
          else if (sent == SEND_FAILED)
            push->result->failed++;
          return sent;
        }
      if (archived)
        return SEND_OK;

      {
        g_autoptr (JsonNode) body = json_node_new (JSON_NODE_OBJECT);
        g_autoptr (JsonNode) answer = NULL;
        HcScimFailure failure = { 0 };
        SendResult sent;

        json_node_set_object (body, user);
        sent = send_request (push, record, "POST", "/Users", body, &answer, &failure, error);
        hc_scim_failure_clear (&failure);
        if (sent != SEND_OK)
          {
            push->result->failed += sent == SEND_FAILED;
            return sent;
          }
        if (answer != NULL && JSON_NODE_HOLDS_OBJECT (answer))
          record->scim_id = g_strdup (json_object_get_string_member_with_default (json_node_get_object (answer),
                                                                                  "id", NULL));
        mark_ok (record, "created", text);
        push->result->created++;
        if (!save (push, record, "POST /Users", 201, "created", error))
          return SEND_STOP;

        /* Creating the user is the invitation: the platform sends its own. */
        if (hc_member_get_state (member) == HC_MEMBER_STATE_INVITED)
          {
            g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

            g_array_append_val (ids, id);
            if (!hc_store_mark_invitations_sent (push->store, ids, g_get_real_time (), NULL, error))
              return SEND_STOP;
          }
        return SEND_OK;
      }
    }

  before = parse_object (record->sent);
  {
    SendResult sent = update_user (push, record, before, before != NULL, user, archived ? "deactivated" : "updated", error);

    if (sent == SEND_OK && archived)
      push->result->deactivated++;
    else if (sent == SEND_OK)
      push->result->updated++;
    else if (sent == SEND_FAILED)
      push->result->failed++;
    return sent;
  }
}

/* Managers before the people who report to them, so that manager.value
 * can name them. */
static guint
manager_depth (GHashTable *members,
               HcMember   *member)
{
  guint depth = 0;
  gint64 manager_id = hc_member_get_manager_id (member);

  while (manager_id != 0 && depth < 64)
    {
      HcMember *manager = g_hash_table_lookup (members, &manager_id);

      if (manager == NULL)
        break;
      depth++;
      manager_id = hc_member_get_manager_id (manager);
    }
  return depth;
}

typedef struct
{
  HcMember *member;
  guint     depth;
} Ordered;

static int
compare_ordered (gconstpointer a,
                 gconstpointer b)
{
  const Ordered *x = a;
  const Ordered *y = b;

  if (x->depth != y->depth)
    return x->depth < y->depth ? -1 : 1;
  return hc_member_get_id (x->member) < hc_member_get_id (y->member) ? -1 : 1;
}

static GArray *
order_members (GPtrArray  *list,
               GHashTable *by_id)
{
  GArray *ordered = g_array_new (FALSE, FALSE, sizeof (Ordered));

  for (guint i = 0; i < list->len; i++)
    {
      HcMember *member = g_ptr_array_index (list, i);
      Ordered o = { member, manager_depth (by_id, member) };

      if (member_in_scope (member))
        g_array_append_val (ordered, o);
    }
  g_array_sort (ordered, compare_ordered);
  return ordered;
}

/* The SCIM Group a group should be: its name by path or by leaf, and
 * those of its own members that are there and not archived. */
static JsonObject *
build_group (Push          *push,
             const HcGroup *group,
             GArray        *memberships)
{
  JsonObject *desired = json_object_new ();
  JsonArray *schemas = json_array_new ();
  JsonArray *members = json_array_new ();
  g_autofree char *external = NULL;

  json_array_add_string_element (schemas, HC_SCIM_SCHEMA_GROUP);
  json_object_set_array_member (desired, "schemas", schemas);
  external = g_strdup_printf ("headcount-group-%" G_GINT64_FORMAT, group->id);
  json_object_set_string_member (desired, "externalId", external);
  json_object_set_string_member (desired, "displayName",
                                 g_strcmp0 (push->destination->group_names, HC_DESTINATION_GROUPS_LEAF) == 0
                                 ? group->name : group->path);
  for (guint j = 0; j < memberships->len; j++)
    {
      const HcGroupMembership *m = &g_array_index (memberships, HcGroupMembership, j);
      HcDestinationMember *user;
      HcMember *member;

      if (m->group_id != group->id)
        continue;
      user = g_hash_table_lookup (push->records, &m->member_id);
      member = g_hash_table_lookup (push->members, &m->member_id);
      if (user != NULL && user->scim_id != NULL && member != NULL &&
          hc_member_get_state (member) != HC_MEMBER_STATE_ARCHIVED)
        {
          JsonObject *reference = json_object_new ();

          json_object_set_string_member (reference, "value", user->scim_id);
          json_array_add_object_element (members, reference);
        }
    }
  json_object_set_array_member (desired, "members", members);
  return desired;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Groups: each group that is not archived, with its own members that are
 * there, named by path or by leaf. */
static gboolean
push_groups (Push    *push,
             GError **error)
{
  g_autoptr (GPtrArray) groups = hc_groups_list (push->store, error);
  g_autoptr (GArray) memberships = NULL;
  g_autoptr (GHashTable) records = NULL;

  if (groups == NULL)
    return FALSE;
  if (groups->len == 0)
    return TRUE;
  if (!push->caps->groups)
    {
      g_ptr_array_add (push->result->warnings,
                       g_strdup (_("The service has no Groups: the workspace’s groups were not delivered")));
      return TRUE;
    }
  memberships = hc_store_list_group_memberships (push->store, error);
  records = hc_destination_list_groups (push->store, push->destination->id, error);
  if (memberships == NULL || records == NULL)
    return FALSE;

  for (guint i = 0; i < groups->len && !push->stopped; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);
      JsonObject *desired;
      g_autofree char *external = NULL;
      g_autofree char *text = NULL;
      g_autoptr (JsonNode) body = NULL;
      HcDestinationMember *record;
      HcScimFailure failure = { 0 };
      SendResult sent;
      gboolean created = FALSE;

      if (group->archived)
        continue;
      desired = build_group (push, group, memberships);
      external = g_strdup (json_object_get_string_member (desired, "externalId"));
      text = object_to_text (desired);
      body = json_node_new (JSON_NODE_OBJECT);

      record = g_hash_table_lookup (records, &group->id);
      if (record == NULL)
        {
          record = g_new0 (HcDestinationMember, 1);
          record->destination_id = push->destination->id;
          record->member_id = group->id;
          g_hash_table_insert (records, &record->member_id, record);
        }
      if (record->scim_id != NULL && g_strcmp0 (record->sent, text) == 0)
        {
          json_object_unref (desired);
          continue;
        }

      if (record->scim_id == NULL && push->caps->filter)
        {
          g_autoptr (GError) find_error = NULL;
          g_autoptr (JsonObject) found = hc_scim_client_find (push->client, "/Groups", "externalId", external,
                                                              push->cancellable, &find_error);

          if (found == NULL && find_error == NULL)
            found = hc_scim_client_find (push->client, "/Groups", "displayName",
                                         json_object_get_string_member (desired, "displayName"),
                                         push->cancellable, &find_error);
          if (found != NULL)
            record->scim_id = g_strdup (json_object_get_string_member_with_default (found, "id", NULL));
        }

      if (record->scim_id == NULL)
        {
          g_autoptr (JsonNode) answer = NULL;

          json_node_take_object (body, desired);
          sent = send_request (push, record, "POST", "/Groups", body, &answer, &failure, error);
          if (sent == SEND_OK && answer != NULL && JSON_NODE_HOLDS_OBJECT (answer))
            record->scim_id = g_strdup (json_object_get_string_member_with_default (json_node_get_object (answer),
                                                                                    "id", NULL));
          created = TRUE;
        }
      else if (push->caps->patch)
        {
          g_autoptr (JsonObject) before = parse_object (record->sent);
          JsonObject *patch = json_object_new ();
          JsonArray *patch_schemas = json_array_new ();
          g_autofree char *path = g_strdup_printf ("/Groups/%s", record->scim_id);
          JsonArray *operations;

          /* Without what was sent, the members are replaced whole. */
          if (before == NULL)
            {
              operations = json_array_new ();
              add_operation (operations, "replace", "displayName", json_object_get_member (desired, "displayName"));
              add_operation (operations, "replace", "members", json_object_get_member (desired, "members"));
            }
          else
            {
              operations = diff_operations (before, desired, TRUE);
            }
          json_array_add_string_element (patch_schemas, HC_SCIM_SCHEMA_PATCH_OP);
          json_object_set_array_member (patch, "schemas", patch_schemas);
          json_object_set_array_member (patch, "Operations", operations);
          json_node_take_object (body, patch);
          json_object_unref (desired);
          sent = send_request (push, record, "PATCH", path, body, NULL, &failure, error);
        }
      else
        {
          g_autofree char *path = g_strdup_printf ("/Groups/%s", record->scim_id);

          json_node_take_object (body, desired);
          sent = send_request (push, record, "PUT", path, body, NULL, &failure, error);
        }

      if (sent == SEND_OK)
        {
          mark_ok (record, created ? "created" : "updated", text);
          if (created)
            push->result->groups_created++;
          else
            push->result->groups_updated++;
        }
      else if (sent == SEND_FAILED)
        {
          push->result->groups_failed++;
          if (failure.status == 404)
            g_clear_pointer (&record->scim_id, g_free);
        }
      hc_scim_failure_clear (&failure);
      if (sent != SEND_STOP && !hc_destination_save_group (push->store, record, error))
        return FALSE;
    }
  return TRUE;
}

/* Invitations (rules.md 42): an invited member whose user there is active
 * and has signed in, by the service's own sign-in attribute, has joined.
 * A service that does not say when users sign in leaves them invited
 * until someone marks them joined by hand. */
static gboolean
follow_invitations (Push    *push,
                    GError **error)
{
  g_autoptr (GArray) joined = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;
  gint64 run_id = 0;

  if (push->caps->sign_in_attribute == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, push->members);
  while (g_hash_table_iter_next (&iter, &key, &value) && !push->stopped)
    {
      HcMember *member = value;
      HcDestinationMember *record = g_hash_table_lookup (push->records, key);
      g_autofree char *path = NULL;
      g_autoptr (JsonNode) answer = NULL;
      g_autoptr (GError) local_error = NULL;
      HcScimFailure failure = { 0 };
      JsonObject *user;
      JsonNode *extension;
      JsonNode *signed_in;

      if (hc_member_get_state (member) != HC_MEMBER_STATE_INVITED || record == NULL || record->scim_id == NULL ||
          record->status != HC_DESTINATION_IN_SYNC)
        continue;
      path = g_strdup_printf ("/Users/%s", record->scim_id);
      answer = hc_scim_client_request (push->client, "GET", path, NULL, push->cancellable, &failure, &local_error);
      if (answer == NULL)
        {
          if (failure_stops (local_error, &failure))
            {
              push->stopped = TRUE;
              push->result->error = g_strdup (local_error->message);
            }
          hc_scim_failure_clear (&failure);
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (answer))
        continue;
      user = json_node_get_object (answer);
      if (!json_object_get_boolean_member_with_default (user, "active", FALSE))
        continue;
      extension = json_object_get_member (user, push->caps->sign_in_schema);
      if (extension == NULL || !JSON_NODE_HOLDS_OBJECT (extension))
        continue;
      signed_in = json_object_get_member (json_node_get_object (extension), push->caps->sign_in_attribute);
      if (signed_in == NULL || !JSON_NODE_HOLDS_VALUE (signed_in) ||
          (json_node_get_value_type (signed_in) == G_TYPE_STRING && *json_node_get_string (signed_in) == '\0'))
        continue;
      g_array_append_val (joined, *(gint64 *) key);
    }
  if (joined->len == 0)
    return TRUE;
  g_array_sort (joined, compare_ids);
  if (!hc_directory_mark_joined (push->store, joined, &run_id, error))
    return FALSE;
  push->result->joined += joined->len;
  return TRUE;
}

static gboolean
load (Push       *push,
      GArray    **ordered,
      GPtrArray **list,
      GError    **error)
{
  *list = hc_store_list_members (push->store, error);
  if (*list == NULL)
    return FALSE;
  push->members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < (*list)->len; i++)
    {
      HcMember *member = g_ptr_array_index (*list, i);
      gint64 *key = g_new (gint64, 1);

      *key = hc_member_get_id (member);
      g_hash_table_insert (push->members, key, member);
    }
  push->records = hc_destination_list_members (push->store, push->destination->id, error);
  if (push->records == NULL)
    return FALSE;
  *ordered = order_members (*list, push->members);
  return TRUE;
}

static void
push_clear (Push *push)
{
  g_clear_pointer (&push->records, g_hash_table_unref);
  g_clear_pointer (&push->members, g_hash_table_unref);
  g_clear_pointer (&push->caps, hc_scim_capabilities_free);
  g_clear_pointer (&push->client, hc_scim_client_free);
  g_clear_pointer (&push->custom_names, g_ptr_array_unref);
}

gboolean
hc_scim_push (HcStore             *store,
              const HcDestination *destination,
              const char          *secret,
              gboolean             confirm_deactivations,
              gint64               run_id,
              GCancellable        *cancellable,
              HcScimPushResult    *result,
              GError             **error)
{
  Push push = { 0 };
  g_autoptr (GArray) ordered = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean ok = FALSE;

  push.store = store;
  push.destination = destination;
  push.cancellable = cancellable;
  push.result = result;
  push.confirm_deactivations = confirm_deactivations;
  push.run_id = run_id;

  push.client = hc_scim_client_new (destination->name, destination->base_url, destination->basic_user, secret,
                                    &local_error);
  if (push.client != NULL)
    push.caps = hc_scim_client_discover (push.client, cancellable, &local_error);
  if (push.caps == NULL)
    {
      result->error = g_strdup (local_error->message);
      ok = hc_destination_set_result (store, destination->id, result->error, g_get_real_time (), error);
      push_clear (&push);
      return ok;
    }

  if (destination->custom_schema != NULL)
    {
      GPtrArray *names = g_hash_table_lookup (push.caps->extension_attributes, destination->custom_schema);

      if (names != NULL)
        push.custom_names = g_ptr_array_ref (names);
      else
        g_ptr_array_add (result->warnings,
                         g_strdup_printf (_("The service does not offer the schema %s: custom fields were not delivered"),
                                          destination->custom_schema));
    }

  if (!load (&push, &ordered, &list, error))
    goto out;

  for (guint i = 0; i < ordered->len && !push.stopped; i++)
    if (push_member (&push, g_array_index (ordered, Ordered, i).member, error) == SEND_STOP && !push.stopped)
      goto out;

  /* A manager created in this run after someone who reports to them (a
   * loop, or a failure then a retry) is named on the next pass: one more
   * look at those whose document changed. */
  for (guint i = 0; i < ordered->len && !push.stopped; i++)
    {
      HcMember *member = g_array_index (ordered, Ordered, i).member;
      gint64 id = hc_member_get_id (member);
      HcDestinationMember *record = g_hash_table_lookup (push.records, &id);
      g_autoptr (JsonObject) user = NULL;
      g_autofree char *text = NULL;

      if (record == NULL || record->scim_id == NULL || record->status != HC_DESTINATION_IN_SYNC)
        continue;
      user = build_user (&push, member);
      text = object_to_text (user);
      if (g_strcmp0 (text, record->sent) != 0)
        {
          if (push_member (&push, member, error) == SEND_STOP && !push.stopped)
            goto out;
        }
    }

  if (!push.stopped && !push_groups (&push, error))
    goto out;
  if (!push.stopped && !follow_invitations (&push, error))
    goto out;

  ok = hc_destination_set_result (store, destination->id, result->error, g_get_real_time (), error);

out:
  push_clear (&push);
  return ok;
}

static void
add_item (HcScimPushResult *result,
          const char       *id_name,
          gint64            id,
          const char       *name,
          const char       *email,
          const char       *action)
{
  JsonObject *item = json_object_new ();

  if (id != 0)
    json_object_set_int_member (item, id_name, id);
  json_object_set_string_member (item, "name", name != NULL ? name : "");
  if (email != NULL)
    json_object_set_string_member (item, "email", email);
  json_object_set_string_member (item, "action", action);
  g_ptr_array_add (result->items, item);
}

/* What an archived member gets there: counted in @result. */
static const char *
count_removal (const HcDestination *destination,
               HcScimPushResult    *result)
{
  if (destination->test_instance)
    return result->held++, "held";
  if (destination->delete_on_archive)
    return result->deleted++, "delete";
  return result->deactivated++, "deactivate";
}

/* The groups whose document differs from what was last sent. */
static gboolean
preview_groups (Push    *push,
                GError **error)
{
  g_autoptr (GPtrArray) groups = hc_groups_list (push->store, error);
  g_autoptr (GArray) memberships = NULL;
  g_autoptr (GHashTable) records = NULL;

  if (groups == NULL)
    return FALSE;
  if (groups->len == 0)
    return TRUE;
  memberships = hc_store_list_group_memberships (push->store, error);
  records = hc_destination_list_groups (push->store, push->destination->id, error);
  if (memberships == NULL || records == NULL)
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);
      HcDestinationMember *record = g_hash_table_lookup (records, &group->id);
      g_autoptr (JsonObject) desired = NULL;
      g_autofree char *text = NULL;

      if (group->archived)
        continue;
      desired = build_group (push, group, memberships);
      text = object_to_text (desired);
      if (record != NULL && record->scim_id != NULL && g_strcmp0 (record->sent, text) == 0)
        continue;
      if (record == NULL || record->scim_id == NULL)
        {
          push->result->groups_created++;
          add_item (push->result, "group_id", group->id, json_object_get_string_member (desired, "displayName"),
                    NULL, "create-group");
        }
      else
        {
          push->result->groups_updated++;
          add_item (push->result, "group_id", group->id, json_object_get_string_member (desired, "displayName"),
                    NULL, "update-group");
        }
    }
  return TRUE;
}

gboolean
hc_scim_preview (HcStore             *store,
                 const HcDestination *destination,
                 HcScimPushResult    *result,
                 GError             **error)
{
  Push push = { 0 };
  HcScimCapabilities caps = { TRUE, TRUE, FALSE, TRUE, TRUE, NULL, NULL };
  g_autoptr (GArray) ordered = NULL;
  g_autoptr (GPtrArray) list = NULL;
  gboolean ok;

  push.store = store;
  push.destination = destination;
  push.result = result;
  /* The enterprise extension is assumed; the service may not have it. */
  push.caps = &caps;
  ok = load (&push, &ordered, &list, error);
  push.caps = NULL;
  if (!ok)
    {
      push_clear (&push);
      return FALSE;
    }
  push.caps = &caps;
  for (guint i = 0; i < ordered->len; i++)
    {
      HcMember *member = g_array_index (ordered, Ordered, i).member;
      gint64 id = hc_member_get_id (member);
      HcDestinationMember *record = g_hash_table_lookup (push.records, &id);
      gboolean archived = hc_member_get_state (member) == HC_MEMBER_STATE_ARCHIVED;
      g_autoptr (JsonObject) user = build_user (&push, member);
      g_autofree char *text = object_to_text (user);
      const char *action = NULL;

      if (archived && (record == NULL || (record->scim_id == NULL && record->sent == NULL)))
        continue;
      if (record != NULL && g_strcmp0 (record->sent, SENT_DELETED) == 0)
        continue;
      if (record != NULL && record->scim_id != NULL && record->status == HC_DESTINATION_IN_SYNC &&
          g_strcmp0 (record->sent, text) == 0)
        {
          result->unchanged++;
          continue;
        }
      if (archived)
        action = count_removal (destination, result);
      else if (record == NULL || record->scim_id == NULL)
        action = "create", result->created++;
      else
        action = "update", result->updated++;
      add_item (result, "member_id", id, hc_member_get_display_name (member), hc_member_get_email (member), action);
    }
  ok = preview_groups (&push, error);
  push.caps = NULL;
  push_clear (&push);
  return ok;
}

static gboolean
item_changes_delivered (const HcDestination *destination,
                        const HcPlanItem    *item)
{
  for (guint i = 0; item->changes != NULL && i < item->changes->len; i++)
    {
      const HcFieldChange *change = g_ptr_array_index (item->changes, i);

      if (hc_scim_mapping_uses_field (destination, change->field))
        return TRUE;
    }
  return FALSE;
}

/* hc_scim_preview_plan() with @approved, when not NULL, the member ids of
 * the archives approved (a copy taken on the thread that owns @plan, for a
 * worker thread to read while the admin approves in the window). */
static gboolean
preview_plan (HcStore             *store,
              const HcDestination *destination,
              HcPlan              *plan,
              GHashTable          *approved,
              HcScimPushResult    *result,
              GError             **error)
{
  g_autoptr (GHashTable) records = NULL;
  g_autoptr (GHashTable) listed = NULL;
  GPtrArray *items;
  HcGroupPlan *group_plan;

  if (!hc_scim_preview (store, destination, result, error))
    return FALSE;
  if (plan == NULL)
    return TRUE;
  records = hc_destination_list_members (store, destination->id, error);
  if (records == NULL)
    return FALSE;
  /* The members already listed, looked up once each. */
  listed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < result->items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (result->items, i);
      gint64 id = json_object_get_int_member_with_default (item, "member_id", 0);

      if (id != 0)
        g_hash_table_add (listed, g_memdup2 (&id, sizeof id));
    }

  items = hc_plan_get_items (plan);
  for (guint i = 0; i < items->len; i++)
    {
      const HcPlanItem *item = g_ptr_array_index (items, i);
      HcDestinationMember *record = item->member_id != 0 ? g_hash_table_lookup (records, &item->member_id) : NULL;
      gboolean there = record != NULL && record->scim_id != NULL && g_strcmp0 (record->sent, SENT_DELETED) != 0;
      const char *action = NULL;

      /* Already listed: what is due now stays what is shown. */
      if (item->member_id != 0 && g_hash_table_contains (listed, &item->member_id))
        continue;
      switch (item->kind)
        {
        case HC_PLAN_INVITE:
          if (item->email != NULL && *item->email != '\0')
            action = "create", result->created++;
          break;
        case HC_PLAN_BECOME_MANAGED:
        case HC_PLAN_UPDATE:
          if (!item_changes_delivered (destination, item))
            break;
          if (there)
            {
              action = "update", result->updated++;
            }
          else
            {
              g_autoptr (HcMember) member = hc_store_get_member (store, item->member_id, NULL);

              if (member != NULL && member_in_scope (member) &&
                  hc_member_get_state (member) != HC_MEMBER_STATE_ARCHIVED)
                action = "create", result->created++;
            }
          break;
        case HC_PLAN_ARCHIVE:
          if (there && (approved != NULL ? g_hash_table_contains (approved, &item->member_id)
                                         : hc_plan_is_archive_approved (plan, item->member_id)))
            action = count_removal (destination, result);
          break;
        default:
          break;
        }
      if (action != NULL)
        add_item (result, "member_id", item->member_id, item->display_name, item->email, action);
    }

  /* Groups that gain or lose members, or are made, change there. */
  group_plan = hc_plan_get_group_plan (plan);
  if (group_plan != NULL)
    {
      GPtrArray *changes = hc_group_plan_get_changes (group_plan);
      g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < result->items->len; i++)
        {
          JsonObject *item = g_ptr_array_index (result->items, i);

          if (json_object_has_member (item, "group_id"))
            g_hash_table_add (seen, g_strdup (json_object_get_string_member (item, "name")));
        }
      for (guint i = 0; i < changes->len; i++)
        {
          const HcGroupChange *change = g_ptr_array_index (changes, i);
          const char *path = change->path;
          const char *name;
          const char *action;

          if (path == NULL)
            continue;
          switch (change->kind)
            {
            case HC_GROUP_CHANGE_CREATE:
            case HC_GROUP_CHANGE_RESTORE:
              action = "create-group";
              break;
            case HC_GROUP_CHANGE_JOIN:
            case HC_GROUP_CHANGE_LEAVE:
              action = "update-group";
              break;
            default:
              continue;
            }
          name = path;
          if (g_strcmp0 (destination->group_names, HC_DESTINATION_GROUPS_LEAF) == 0 && strrchr (path, '/') != NULL)
            name = strrchr (path, '/') + 1;
          if (g_hash_table_contains (seen, name))
            continue;
          g_hash_table_add (seen, g_strdup (name));
          if (g_str_equal (action, "create-group"))
            result->groups_created++;
          else
            result->groups_updated++;
          add_item (result, "group_id", change->group_id, name, NULL, action);
        }
    }
  return TRUE;
}

gboolean
hc_scim_preview_plan (HcStore             *store,
                      const HcDestination *destination,
                      HcPlan              *plan,
                      HcScimPushResult    *result,
                      GError             **error)
{
  return preview_plan (store, destination, plan, NULL, result, error);
}

/* Every destination, in a worker thread */

typedef struct
{
  char    *store_path;
  gboolean confirm;
  gint64   run_id;
} DeliverData;

static void
deliver_data_free (DeliverData *data)
{
  g_free (data->store_path);
  g_free (data);
}

static void
deliver_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  DeliverData *data = task_data;
  g_autoptr (HcStore) store = NULL;
  g_autoptr (GPtrArray) destinations = NULL;
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_scim_push_result_free);
  GError *error = NULL;

  store = hc_store_new (data->store_path, &error);
  if (store == NULL || (destinations = hc_destination_list (store, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < destinations->len; i++)
    {
      HcDestination *destination = g_ptr_array_index (destinations, i);
      g_autoptr (HcScimPushResult) result = hc_scim_push_result_new (destination->name);
      g_autoptr (HcSecret) secret = NULL;
      g_autoptr (GError) secret_error = NULL;

      secret = hc_secrets_lookup_sync (hc_store_get_workspace_id (store), hc_destination_secret_id (destination),
                                       HC_SECRET_KIND_SCIM_TOKEN, cancellable, &secret_error);
      if (secret == NULL)
        {
          result->error = secret_error != NULL
                          ? g_strdup (secret_error->message)
                          : g_strdup (_("No secret for this destination in the keyring: add the destination again"));
        }
      else if (!hc_scim_push (store, destination, secret, data->confirm, data->run_id, cancellable, result,
                              &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (results, g_steal_pointer (&result));
    }
  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

void
hc_scim_deliver_all_async (const char         *store_path,
                           gboolean            confirm_deactivations,
                           gint64              run_id,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  DeliverData *data = g_new0 (DeliverData, 1);

  data->store_path = g_strdup (store_path);
  data->confirm = confirm_deactivations;
  data->run_id = run_id;
  g_task_set_source_tag (task, hc_scim_deliver_all_async);
  g_task_set_task_data (task, data, (GDestroyNotify) deliver_data_free);
  g_task_run_in_thread (task, deliver_thread);
}

GPtrArray *
hc_scim_deliver_all_finish (GAsyncResult *result,
                            GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GPtrArray *
preview_deliveries (HcStore      *store,
                    HcPlan       *plan,
                    GHashTable   *approved,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr (GPtrArray) list = hc_destination_list (store, error);
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_scim_push_result_free);

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      HcDestination *destination = g_ptr_array_index (list, i);
      HcScimPushResult *result = hc_scim_push_result_new (destination->name);

      g_ptr_array_add (results, result);
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !preview_plan (store, destination, plan, approved, result, error))
        return NULL;
    }
  return g_steal_pointer (&results);
}

GPtrArray *
hc_scim_preview_deliveries (HcStore *store,
                            HcPlan  *plan,
                            GError **error)
{
  return preview_deliveries (store, plan, NULL, NULL, error);
}

/* The deliveries of a preview, in a worker thread */

typedef struct
{
  HcStore    *store;
  HcPlan     *plan;
  GHashTable *approved;   /* member id (gint64*) of each approved archive */
} PreviewData;

static void
preview_data_free (PreviewData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->plan);
  g_clear_pointer (&data->approved, g_hash_table_unref);
  g_free (data);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewData *data = task_data;
  GPtrArray *results;
  GError *error = NULL;

  results = preview_deliveries (data->store, data->plan, data->approved, cancellable, &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

void
hc_scim_preview_deliveries_async (HcStore            *store,
                                  HcPlan             *plan,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PreviewData *data = g_new0 (PreviewData, 1);

  g_return_if_fail (HC_IS_STORE (store));

  /* The store serialises its calls; the plan's items do not change once
   * made, but which archives are approved does, on this thread: a copy. */
  data->store = g_object_ref (store);
  data->approved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (plan != NULL)
    {
      GPtrArray *items = hc_plan_get_items (plan);

      data->plan = g_object_ref (plan);
      for (guint i = 0; i < items->len; i++)
        {
          const HcPlanItem *item = g_ptr_array_index (items, i);

          if (item->kind == HC_PLAN_ARCHIVE && !item->staged)
            g_hash_table_add (data->approved, g_memdup2 (&item->member_id, sizeof item->member_id));
        }
    }
  g_task_set_source_tag (task, hc_scim_preview_deliveries_async);
  g_task_set_task_data (task, data, (GDestroyNotify) preview_data_free);
  g_task_run_in_thread (task, preview_thread);
}

GPtrArray *
hc_scim_preview_deliveries_finish (GAsyncResult *result,
                                   GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
