/* hc-personio-connector.c — employees from Personio, API v1 (Personnel Data)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-personio-connector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-personio-connector.h"

/* A brand: not translated. */
#define VENDOR_NAME     "Personio"
#define AUTH_PATH       "/auth"
#define EMPLOYEES_PATH  "/company/employees"
#define MAX_FLAT_DEPTH  16
#define MAX_TOKEN_CHARS 8192
/* Strings as they are; "37.5", "3000", "0.1": the shortest text that reads
 * back the same. */
#define PERSONIO_TEXT   (HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_ROUND_TRIP | \
                         HC_JSON_TEXT_DOUBLE_WHOLE)

struct _HcPersonioConnector
{
  GObject    parent_instance;

  char      *base_url;
  char      *client_id;
  char      *secret;
  GPtrArray *metadata;    /* HcFieldInfo*, from the last fetch's attributes */
};

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcPersonioConnector, hc_personio_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

/* Overwrites a secret before it goes back to the allocator. */
static void
wipe_string (char *s)
{
  if (s != NULL)
    {
      volatile char *p = s;

      while (*p != '\0')
        *p++ = '\0';
    }
}

static void
hc_personio_connector_finalize (GObject *object)
{
  HcPersonioConnector *self = HC_PERSONIO_CONNECTOR (object);

  wipe_string (self->secret);
  g_free (self->secret);
  g_free (self->client_id);
  g_free (self->base_url);
  g_clear_pointer (&self->metadata, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_personio_connector_parent_class)->finalize (object);
}

static void
hc_personio_connector_class_init (HcPersonioConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_personio_connector_finalize;
}

static void
hc_personio_connector_init (HcPersonioConnector *self)
{
}

/* A copy without surrounding white space, or NULL when nothing is left. */
static char *
dup_setting (const char *value)
{
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (value));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

HcConnector *
hc_personio_connector_new (const char *base_url,
                           const char *subdomain,
                           const char *client_id,
                           const char *secret,
                           GError    **error)
{
  g_autoptr (HcPersonioConnector) self = NULL;
  g_autoptr (HcHttp) probe = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *url = dup_setting (base_url);
  g_autofree char *id = dup_setting (client_id);
  g_autofree char *key = dup_setting (secret);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* @subdomain: Personio has one API host for every company. */

  if (id == NULL)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Personio needs the client ID of its API credentials (--client-id), from Settings → Integrations → API credentials in Personio."));
      return NULL;
    }
  if (key == NULL)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Personio needs the client secret of its API credentials (--secret-stdin), shown when the credentials are created in Personio."));
      return NULL;
    }

  if (url == NULL)
    url = g_strdup (HC_PERSONIO_DEFAULT_BASE_URL);
  /* The same checks every request will pass through, now, so that a bad
   * address is reported when the connector is set up. */
  probe = hc_http_new (VENDOR_NAME, url, &local_error);
  if (probe == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s (Personio base URL: --base-url, for example %s)"),
                   local_error->message, HC_PERSONIO_DEFAULT_BASE_URL);
      wipe_string (key);
      return NULL;
    }

  self = g_object_new (HC_TYPE_PERSONIO_CONNECTOR, NULL);
  self->base_url = g_strdup (hc_http_get_base_url (probe));
  self->client_id = g_steal_pointer (&id);
  self->secret = g_steal_pointer (&key);
  return HC_CONNECTOR (g_steal_pointer (&self));
}

/* Reading JSON, with checked access only */

/* An attribute is {label, value, type, universal_id}: its value. Anything
 * else stands for itself. */
static JsonNode *
attribute_value (JsonNode *attribute)
{
  JsonObject *object;

  if (attribute == NULL || !JSON_NODE_HOLDS_OBJECT (attribute))
    return attribute;
  object = json_node_get_object (attribute);
  if (json_object_has_member (object, "value"))
    return json_object_get_member (object, "value");
  return attribute;
}

static gboolean
is_attribute_object (JsonObject *object)
{
  return json_object_has_member (object, "value") &&
         (json_object_has_member (object, "label") ||
          json_object_has_member (object, "universal_id"));
}

/* An id: a non-empty string, an integer or a whole number (rules.md 32);
 * NULL for none and for a number that is no id. */
static char *
id_text (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (hc_json_id_text (node, TRUE, &text) != HC_JSON_ID_OK)
    return NULL;
  return g_steal_pointer (&text);
}

/* The value of a text attribute, trimmed; NULL when absent, empty or not a
 * string (a wrong type is no name nor address). */
static char *
attribute_string (JsonObject *attributes,
                  const char *key)
{
  JsonNode *value = attribute_value (json_object_get_member (attributes, key));

  if (hc_json_value_type (value) != G_TYPE_STRING)
    return NULL;
  return hc_json_scalar_text (value, HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY);
}

/* department, office, team: {"type": "Department", "attributes": {"id": 1,
 * "name": "…"}}; a plain name is taken as it is. */
static char *
attribute_org_name (JsonObject *attributes,
                    const char *key)
{
  JsonNode *value = attribute_value (json_object_get_member (attributes, key));
  JsonObject *object, *inner;
  const char *name;
  char *text;

  if (value == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (value))
    return attribute_string (attributes, key);
  if (!JSON_NODE_HOLDS_OBJECT (value))
    return NULL;

  object = json_node_get_object (value);
  inner = hc_json_member_object (object, "attributes");
  name = hc_json_member_string (inner != NULL ? inner : object, "name");
  if (name == NULL)
    return NULL;
  text = g_strstrip (g_strdup (name));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* supervisor: {"type": "Employee", "attributes": {"id": {"value": 2, …}, …}},
 * or a bare id. */
static char *
attribute_supervisor_id (JsonObject *attributes)
{
  JsonNode *value = attribute_value (json_object_get_member (attributes, "supervisor"));
  JsonObject *inner;

  if (value == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (value))
    return id_text (value);
  if (!JSON_NODE_HOLDS_OBJECT (value))
    return NULL;

  inner = hc_json_member_object (json_node_get_object (value), "attributes");
  if (inner == NULL)
    inner = json_node_get_object (value);
  return id_text (attribute_value (json_object_get_member (inner, "id")));
}

/* "2014-11-09T00:00:00+01:00" → "2014-11-09": the date as Personio shows
 * it, whatever the offset. NULL when it is not a date. */
static char *
attribute_date (JsonObject *attributes,
                const char *key)
{
  g_autofree char *text = attribute_string (attributes, key);

  return hc_connector_util_cut_date (text, NULL, NULL);
}

/* Flattening raw attributes */

static void
flatten_value (HcJsonFlat *sink,
               const char *path,
               JsonNode   *node,
               guint       depth);

static void
flatten_members (HcJsonFlat *sink,
                 const char *path,
                 JsonObject *object,
                 gboolean    unwrap_attributes,
                 guint       depth)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *child = NULL;

      if (*name == '\0')
        continue;
      child = g_strconcat (path, ".", name, NULL);
      flatten_value (sink, child, unwrap_attributes ? attribute_value (member) : member, depth + 1);
    }
}

static void
flatten_value (HcJsonFlat *sink,
               const char *path,
               JsonNode   *node,
               guint       depth)
{
  if (node == NULL || depth > MAX_FLAT_DEPTH)
    return;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_VALUE:
      {
        g_autofree char *text = hc_json_scalar_text (node, PERSONIO_TEXT | HC_JSON_TEXT_NO_EMPTY);

        if (text != NULL)
          hc_json_flat_add (sink, path, text);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          flatten_value (sink, path, json_array_get_element (array, i), depth + 1);
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObject *inner = hc_json_member_object (object, "attributes");

        /* A Personio object: {"type": "Office", "attributes": {…}}, whose
        * attributes may be attribute objects in turn (a supervisor's). */
        if (inner != NULL && hc_json_member_string (object, "type") != NULL)
          flatten_members (sink, path, inner, TRUE, depth);
        else if (is_attribute_object (object))
          flatten_value (sink, path, json_object_get_member (object, "value"), depth + 1);
        else
          flatten_members (sink, path, object, FALSE, depth);
      }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* One attribute: its value under @path, and the members of the attribute
 * object other than the usual four beside it ("fix_salary.currency"). */
static void
flatten_attribute (HcJsonFlat *sink,
                   const char *path,
                   JsonNode   *attribute)
{
  static const char * const usual[] = { "label", "value", "type", "universal_id", NULL };
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  flatten_value (sink, path, attribute_value (attribute), 0);

  if (attribute == NULL || !JSON_NODE_HOLDS_OBJECT (attribute))
    return;
  object = json_node_get_object (attribute);
  if (!json_object_has_member (object, "value"))
    return;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *child = NULL;

      if (*name == '\0' || g_strv_contains (usual, name))
        continue;
      child = g_strconcat (path, ".", name, NULL);
      flatten_value (sink, child, member, 1);
    }
}

/* Keys only the standard mapping writes. */
static gboolean
is_reserved_field (const char *path)
{
  static const char * const reserved[] = {
    HC_FIELD_ID, HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME, HC_FIELD_PREFERRED_NAME,
    HC_FIELD_EMAIL, HC_FIELD_STATUS, HC_FIELD_POSITION, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM,
    HC_FIELD_OFFICE, HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE, HC_FIELD_END_DATE,
    HC_PERSONIO_FIELD_STATUS_RAW, NULL
  };

  return g_strv_contains (reserved, path);
}

static void
add_raw_attributes (HcEmployee *employee,
                    JsonObject *attributes)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *attribute;
  HcJsonFlat sink;

  hc_json_flat_init (&sink);
  json_object_iter_init (&iter, attributes);
  while (json_object_iter_next (&iter, &key, &attribute))
    if (*key != '\0')
      flatten_attribute (&sink, key, attribute);

  for (guint i = 0; i < sink.paths->len; i++)
    {
      const char *path = g_ptr_array_index (sink.paths, i);

      if (!is_reserved_field (path))
        hc_employee_set_field (employee, path, hc_json_flat_lookup (&sink, path));
    }
  hc_json_flat_clear (&sink);
}

/* After the keys and the standard fields: a label never hides them, and
* of two attributes with the same label, the first with a value wins. */
static void
add_label_aliases (HcEmployee *employee,
                   JsonObject *attributes)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *attribute;

  json_object_iter_init (&iter, attributes);
  while (json_object_iter_next (&iter, &key, &attribute))
    {
      g_autofree char *slug = NULL;
      const char *label;
      HcJsonFlat sink;

      if (attribute == NULL || !JSON_NODE_HOLDS_OBJECT (attribute) ||
          (label = hc_json_member_string (json_node_get_object (attribute), "label")) == NULL)
        continue;
      /* "Skip sync" → "skip_sync", "Kostenstelle Nr." → "kostenstelle_nr" */
      slug = hc_connector_util_slugify (label);
      if (slug == NULL || g_str_equal (slug, key))
        continue;

      hc_json_flat_init (&sink);
      flatten_attribute (&sink, slug, attribute);
      for (guint i = 0; i < sink.paths->len; i++)
        {
          const char *path = g_ptr_array_index (sink.paths, i);

          if (!is_reserved_field (path) && hc_employee_get_field (employee, path) == NULL)
            hc_employee_set_field (employee, path, hc_json_flat_lookup (&sink, path));
        }
      hc_json_flat_clear (&sink);
    }
}

/* Mapping one employee */

static void
set_field_take (HcEmployee *employee,
                const char *path,
                char       *value)
{
  hc_employee_set_field (employee, path, value);
  g_free (value);
}

static void
set_status (HcEmployee *employee,
            JsonNode   *attribute)
{
  g_autofree char *raw = hc_json_scalar_text (attribute_value (attribute), PERSONIO_TEXT);
  g_autofree char *word = raw ? g_strstrip (g_ascii_strdown (raw, -1)) : NULL;
  HcEmployeeStatus status;

  hc_employee_set_field (employee, HC_PERSONIO_FIELD_STATUS_RAW, raw);

  if (g_strcmp0 (word, "active") == 0)
    status = HC_EMPLOYEE_STATUS_ACTIVE;
  else if (g_strcmp0 (word, "onboarding") == 0)
    status = HC_EMPLOYEE_STATUS_ONBOARDING;
  else if (g_strcmp0 (word, "leave") == 0)
    status = HC_EMPLOYEE_STATUS_LEAVE;
  else if (g_strcmp0 (word, "inactive") == 0)
    status = HC_EMPLOYEE_STATUS_INACTIVE;
  else
    {
      /* A status Personio does not document (or null): read as inactive.
       * Headcount then never invites nor gives access on a word it does not
       * understand; the worst it does is stop managing an existing member
       * (or archive it when the admin asked for that, in a plan shown
       * first), which is visible and reversible. Reading it as active could
       * let someone who has left in. The word stays in "status_raw". */
      g_debug ("unknown Personio status for employee %s, read as inactive",
               hc_employee_get_id (employee));
      status = HC_EMPLOYEE_STATUS_INACTIVE;
    }
  hc_employee_set_status (employee, status);
}

static void
set_standard_fields (HcEmployee *employee,
                     JsonObject *attributes)
{
  char *end_date;

  set_field_take (employee, HC_FIELD_FIRST_NAME, attribute_string (attributes, "first_name"));
  set_field_take (employee, HC_FIELD_LAST_NAME, attribute_string (attributes, "last_name"));
  set_field_take (employee, HC_FIELD_PREFERRED_NAME, attribute_string (attributes, "preferred_name"));
  set_field_take (employee, HC_FIELD_EMAIL, attribute_string (attributes, "email"));
  set_field_take (employee, HC_FIELD_POSITION, attribute_string (attributes, "position"));
  set_field_take (employee, HC_FIELD_DEPARTMENT, attribute_org_name (attributes, "department"));
  set_field_take (employee, HC_FIELD_OFFICE, attribute_org_name (attributes, "office"));
  set_field_take (employee, HC_FIELD_TEAM, attribute_org_name (attributes, "team"));
  set_field_take (employee, HC_FIELD_MANAGER_ID, attribute_supervisor_id (attributes));
  set_field_take (employee, HC_FIELD_HIRE_DATE, attribute_date (attributes, "hire_date"));

  /* The day the employment ends: the termination, else the end of a fixed
   * term contract. */
  end_date = attribute_date (attributes, "termination_date");
  if (end_date == NULL)
    end_date = attribute_date (attributes, "contract_end_date");
  set_field_take (employee, HC_FIELD_END_DATE, end_date);

  set_status (employee, json_object_get_member (attributes, "status"));
}

/* @index counts from 1 in the list; @endpoint is the path for messages. */
static HcEmployee *
map_employee (JsonNode   *node,
              guint       index,
              const char *endpoint,
              GError    **error)
{
  g_autoptr (HcEmployee) employee = NULL;
  g_autofree char *id = NULL;
  HcJsonIdResult id_result;
  JsonObject *attributes;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Personio sent employee #%u at %s in an unexpected form (not an object), so the list cannot be read. Try again later; if the error persists, contact Personio support."),
                   index, endpoint);
      return NULL;
    }
  attributes = hc_json_member_object (json_node_get_object (node), "attributes");
  if (attributes == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Personio sent employee #%u at %s without its attributes, so the list cannot be read. Try again later; if the error persists, contact Personio support."),
                   index, endpoint);
      return NULL;
    }

  id_result = hc_json_id_text (attribute_value (json_object_get_member (attributes, "id")), TRUE, &id);
  if (id_result == HC_JSON_ID_NONE)
    {
      /* Never skipped: a missing employee would look like one who left. */
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Personio sent employee #%u at %s without an ID, so Headcount cannot match it and synchronised nothing. Try again later; if the error persists, contact Personio support."),
                   index, endpoint);
      return NULL;
    }

  /* Personio returns only the attributes the API credentials may read:
   * without the status every employee would look inactive. */
  if (!json_object_has_member (attributes, "status"))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Personio sent employee #%u (ID %s) at %s without a status. In Personio, allow the API credentials to read the “Status” attribute (Settings → Integrations → API credentials), then try again."),
                   index, id, endpoint);
      return NULL;
    }

  employee = hc_employee_new (id);
  add_raw_attributes (employee, attributes);
  set_standard_fields (employee, attributes);
  add_label_aliases (employee, attributes);
  if (id_result == HC_JSON_ID_INVALID)
    hc_connector_util_mark_invalid_id (employee, VENDOR_NAME);
  return g_steal_pointer (&employee);
}

/* Runs: sign in, then test or fetch */

typedef enum
{
  RUN_TEST,
  RUN_FETCH,
} RunKind;

typedef struct
{
  RunKind        kind;
  HcHttp        *http;
  char          *auth_path;         /* for messages: "/v1/auth" */
  char          *employees_path;    /* "/v1/company/employees" */
  HcProgressFunc progress;
  gpointer       progress_data;
  GPtrArray     *employees;
  GHashTable    *metadata;          /* attribute key → HcFieldInfo*, fetch only */
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->http);
  g_clear_pointer (&run->employees, g_ptr_array_unref);
  g_clear_pointer (&run->metadata, g_hash_table_unref);
  g_free (run->auth_path);
  g_free (run->employees_path);
  g_free (run);
}

/* The path of an endpoint under the base URL, as hc-http names it. */
static char *
endpoint_path (HcHttp     *http,
               const char *path)
{
  g_autoptr (GUri) base = g_uri_parse (hc_http_get_base_url (http), G_URI_FLAGS_NONE, NULL);
  const char *prefix = base ? g_uri_get_path (base) : "";

  if (g_str_equal (prefix, "/"))
    prefix = "";
  return g_strconcat (prefix, path, NULL);
}

static void
report_progress (Run   *run,
                 double fraction,
                 char  *message)
{
  if (run->progress != NULL)
    run->progress (fraction, message, run->progress_data);
  g_free (message);
}

static void
report_fetched (Run   *run,
                gint64 total)
{
  guint n = run->employees->len;

  /* metadata.total_elements is an estimate: never below what came */
  if (total >= n && total > 0 && total <= G_MAXUINT)
    report_progress (run, (double) n / (double) total,
                     hc_connector_util_fetched_message (VENDOR_NAME, n, (guint) total,
                                                        HC_CONNECTOR_UTIL_COUNT_LOCALE));
  else
    report_progress (run, -1,
                     hc_connector_util_fetched_count_message (VENDOR_NAME, n,
                                                              HC_CONNECTOR_UTIL_COUNT_LOCALE));
}

static gint64
page_total (JsonNode *root)
{
  JsonObject *metadata;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (metadata = hc_json_member_object (json_node_get_object (root), "metadata")) == NULL ||
      (node = json_object_get_member (metadata, "total_elements")) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (node);
}

/* Personio's attribute types: standard, date, integer, decimal, list, link,
 * tags, multiline. A checkbox comes as "standard" with true or false:
 * "standard" says nothing, the values decide. */
static HcFieldType
field_type (const char *type)
{
  if (type == NULL || g_str_equal (type, "standard"))
    return HC_FIELD_TYPE_UNKNOWN;
  if (g_str_equal (type, "date"))
    return HC_FIELD_TYPE_DATE;
  if (g_str_equal (type, "integer") || g_str_equal (type, "decimal"))
    return HC_FIELD_TYPE_NUMBER;
  if (g_str_equal (type, "list") || g_str_equal (type, "tags"))
    return HC_FIELD_TYPE_LIST;
  return HC_FIELD_TYPE_TEXT;
}

/* Every attribute carries its label and type: the field metadata, with no
* request of its own. Scalar attributes only, keyed as the field table. */
static void
collect_metadata (GHashTable *metadata,
                  JsonNode   *item)
{
  JsonObject *attributes = JSON_NODE_HOLDS_OBJECT (item)
                           ? hc_json_member_object (json_node_get_object (item), "attributes")
                           : NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *attribute;

  if (attributes == NULL)
    return;
  json_object_iter_init (&iter, attributes);
  while (json_object_iter_next (&iter, &key, &attribute))
    {
      JsonObject *object;
      JsonNode *value;

      if (g_hash_table_contains (metadata, key) || is_reserved_field (key) ||
          !JSON_NODE_HOLDS_OBJECT (attribute))
        continue;
      object = json_node_get_object (attribute);
      value = json_object_get_member (object, "value");
      if (value != NULL && !JSON_NODE_HOLDS_VALUE (value) && !JSON_NODE_HOLDS_NULL (value))
        continue;
      g_hash_table_insert (metadata, g_strdup (key),
                           hc_field_info_new (key, hc_json_member_string (object, "label"),
                                              field_type (hc_json_member_string (object, "type"))));
    }
}

static gboolean
page_cb (HcHttp           *http,
         const HcHttpPage *page,
         gpointer          user_data,
         GError          **error)
{
  Run *run = user_data;

  for (guint i = 0; i < page->items->len; i++)
    {
      HcEmployee *employee = map_employee (g_ptr_array_index (page->items, i),
                                           (guint) page->n_before + i + 1,
                                           run->employees_path, error);

      if (employee == NULL)
        return FALSE;
      g_ptr_array_add (run->employees, employee);
      if (run->metadata != NULL)
        collect_metadata (run->metadata, g_ptr_array_index (page->items, i));
    }

  report_fetched (run, page_total (page->root));
  return TRUE;
}

static void
pages_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!hc_http_fetch_pages_finish (HC_HTTP (source), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  report_progress (run, 1.0,
                   hc_connector_util_fetched_count_message (VENDOR_NAME, run->employees->len,
                                                            HC_CONNECTOR_UTIL_COUNT_LOCALE));
  if (run->metadata != NULL)
    {
      HcPersonioConnector *self = g_task_get_source_object (task);
      GHashTableIter iter;
      gpointer key, info;

      g_clear_pointer (&self->metadata, g_ptr_array_unref);
      self->metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);
      g_hash_table_iter_init (&iter, run->metadata);
      while (g_hash_table_iter_next (&iter, &key, &info))
        {
          /* Stealing frees neither: the info moves, the key goes. */
          g_ptr_array_add (self->metadata, info);
          g_hash_table_iter_steal (&iter);
          g_free (key);
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&run->employees), (GDestroyNotify) g_ptr_array_unref);
}

/* test_connection: one employee proves the token and the permission to
 * read employees; it is mapped too, so that missing attributes show now. */
static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (HcEmployee) employee = NULL;
  GError *error = NULL;
  JsonNode *data;
  JsonArray *items;

  root = hc_http_get_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (data = json_object_get_member (json_node_get_object (root), "data")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (data))
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("Personio sent a page without the employee list (data) at %s. Check the base URL (--base-url); if it is right, try again later."),
                               run->employees_path);
      return;
    }

  items = json_node_get_array (data);
  if (json_array_get_length (items) > 0)
    {
      employee = map_employee (json_array_get_element (items, 0), 1, run->employees_path, &error);
      if (employee == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

/* {"success": true, "data": {"token": "…", "expires_in": 86400, …}} */
static char *
read_token (Run      *run,
            JsonNode *root,
            GError  **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *success = object ? json_object_get_member (object, "success") : NULL;
  JsonObject *data = object ? hc_json_member_object (object, "data") : NULL;
  const char *token = data ? hc_json_member_string (data, "token") : NULL;

  if (success != NULL && JSON_NODE_HOLDS_VALUE (success) &&
      json_node_get_value_type (success) == G_TYPE_BOOLEAN && !json_node_get_boolean (success))
    {
      JsonObject *failure = hc_json_member_object (object, "error");
      const char *said = failure ? hc_json_member_string (failure, "message") : NULL;
      g_autofree char *detail = said ? hc_http_redact (run->http, said) : NULL;

      if (detail != NULL)
        g_set_error (error, HC_ERROR, HC_ERROR_AUTH,
                     _("Personio refused to sign in at %s: “%s”. Check the API credentials (--client-id, --secret-stdin) in the connector settings."),
                     run->auth_path, detail);
      else
        g_set_error (error, HC_ERROR, HC_ERROR_AUTH,
                     _("Personio refused to sign in at %s. Check the API credentials (--client-id, --secret-stdin) in the connector settings."),
                     run->auth_path);
      return NULL;
    }

  /* A token goes into a header: printable ASCII without spaces only. */
  if (token != NULL && *token != '\0' && strlen (token) <= MAX_TOKEN_CHARS)
    {
      gboolean printable = TRUE;

      for (const char *p = token; *p != '\0' && printable; p++)
        printable = *p > ' ' && *p < 0x7f;
      if (printable)
        return g_strdup (token);
    }

  g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
               _("Personio answered at %s without a usable access token. Check the base URL (--base-url); if it is right, try again later."),
               run->auth_path);
  return NULL;
}

static void
auth_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *token = NULL;
  g_autofree char *authorization = NULL;
  GError *error = NULL;

  root = hc_http_post_form_finish (run->http, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  token = read_token (run, root, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  authorization = g_strconcat ("Bearer ", token, NULL);
  hc_http_set_auth_header (run->http, "Authorization", authorization);
  wipe_string (authorization);
  wipe_string (token);
  hc_http_set_header (run->http, "X-Personio-Partner-ID", HC_PERSONIO_PARTNER_ID);
  hc_http_set_header (run->http, "X-Personio-App-ID", HC_PERSONIO_PARTNER_ID);

  if (run->kind == RUN_TEST)
    {
      hc_http_get_json_async (run->http, EMPLOYEES_PATH "?limit=1&offset=0", cancellable,
                              probe_cb, g_steal_pointer (&task));
      return;
    }

  {
    HcHttpPager pager = {
      .style = HC_HTTP_PAGING_OFFSET,
      .path = EMPLOYEES_PATH,
      .query = "limit={limit}&offset={offset}",
      .page_size = HC_PERSONIO_PAGE_SIZE,
      .first = 0,
      .items_path = "data",
      /* no total_path: Personio's totals are unreliable, a short page ends */
      .id_path = "attributes.id.value",
    };

    report_progress (run, -1, g_strdup (_("Reading the employees from Personio…")));
    hc_http_fetch_pages_async (run->http, &pager, page_cb, run, cancellable,
                               pages_cb, g_steal_pointer (&task));
  }
}

static void
start_run (HcPersonioConnector *self,
           GTask               *task,
           RunKind              kind,
           HcProgressFunc       progress,
           gpointer             progress_data)
{
  g_autoptr (GHashTable) fields = NULL;
  GError *error = NULL;
  Run *run;

  run = g_new0 (Run, 1);
  run->kind = kind;
  run->progress = progress;
  run->progress_data = progress_data;
  run->employees = g_ptr_array_new_with_free_func (g_object_unref);
  if (kind == RUN_FETCH)
    run->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) hc_field_info_free);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  /* One session per run. */
  run->http = hc_http_new (VENDOR_NAME, self->base_url, &error);
  if (run->http == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  hc_http_add_secret (run->http, self->secret);
  run->auth_path = endpoint_path (run->http, AUTH_PATH);
  run->employees_path = endpoint_path (run->http, EMPLOYEES_PATH);

  fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (fields, "client_id", self->client_id);
  g_hash_table_insert (fields, "client_secret", self->secret);
  hc_http_post_form_async (run->http, AUTH_PATH, fields, g_task_get_cancellable (task),
                           auth_cb, task);
}

static void
hc_personio_connector_test_connection_async (HcConnector        *connector,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  g_task_set_source_tag (task, hc_personio_connector_test_connection_async);
  start_run (HC_PERSONIO_CONNECTOR (connector), task, RUN_TEST, NULL, NULL);
}

static gboolean
hc_personio_connector_test_connection_finish (HcConnector  *connector,
                                              GAsyncResult *result,
                                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
hc_personio_connector_fetch_employees_async (HcConnector        *connector,
                                             HcProgressFunc      progress,
                                             gpointer            progress_data,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  g_task_set_source_tag (task, hc_personio_connector_fetch_employees_async);
  start_run (HC_PERSONIO_CONNECTOR (connector), task, RUN_FETCH, progress, progress_data);
}

static GPtrArray *
hc_personio_connector_fetch_employees_finish (HcConnector  *connector,
                                              GAsyncResult *result,
                                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
hc_personio_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

static GPtrArray *
hc_personio_connector_dup_field_metadata (HcConnector *connector)
{
  return hc_field_info_copy_array (HC_PERSONIO_CONNECTOR (connector)->metadata);
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->dup_field_metadata = hc_personio_connector_dup_field_metadata;
  iface->get_vendor_name = hc_personio_connector_get_vendor_name;
  iface->test_connection_async = hc_personio_connector_test_connection_async;
  iface->test_connection_finish = hc_personio_connector_test_connection_finish;
  iface->fetch_employees_async = hc_personio_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_personio_connector_fetch_employees_finish;
}
