/* hc-hibob-connector.c — employees from HiBob (Bob), through its people
 * search API with a service user (apidocs.hibob.com)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-hibob-connector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-hibob-connector.h"

#define VENDOR_NAME    "HiBob"
#define SEARCH_PATH    "/people/search"
#define FIELDS_PATH    "/company/people/fields"
#define PROGRESS_STEP  500    /* employees mapped between two progress reports */
#define CANCEL_STEP    100    /* employees mapped between two cancellation checks */
#define HUMAN_PREFIX   "humanReadable"
/* Doubles as the shortest text that reads back the same. */
#define HIBOB_TEXT     (HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_ROUND_TRIP)

/* What every fetch asks for, by HiBob field id (dot notation, as the field
 * metadata and the people read API contract give them). */
static const char * const standard_fields[] = {
  "root.id",
  "root.email",
  "root.firstName",
  "root.surname",
  "root.displayName",
  "root.fullName",
  "work.title",
  "work.department",
  "work.site",
  "work.siteId",
  "work.reportsTo",
  "work.manager",
  "work.startDate",
  "work.employeeIdInCompany",
  "internal.status",
  "internal.lifecycleStatus",
  "internal.terminationDate",
};

struct _HcHibobConnector
{
  GObject    parent_instance;

  char      *base_url;
  char      *client_id;
  char      *secret;
  GPtrArray *metadata;    /* HcFieldInfo*, from the last metadata read */
  GStrv      requested;   /* field ids or label slugs asked for */
};

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcHibobConnector, hc_hibob_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

static void
hc_hibob_connector_finalize (GObject *object)
{
  HcHibobConnector *self = HC_HIBOB_CONNECTOR (object);

  g_free (self->base_url);
  g_free (self->client_id);
  hc_connector_util_clear_secret (&self->secret);
  g_clear_pointer (&self->metadata, g_ptr_array_unref);
  g_clear_pointer (&self->requested, g_strfreev);

  G_OBJECT_CLASS (hc_hibob_connector_parent_class)->finalize (object);
}

static void
hc_hibob_connector_class_init (HcHibobConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_hibob_connector_finalize;
}

static void
hc_hibob_connector_init (HcHibobConnector *self)
{
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) * p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

HcConnector *
hc_hibob_connector_new (const char *base_url,
                        const char *subdomain,
                        const char *client_id,
                        const char *secret,
                        GError    **error)
{
  g_autoptr (HcHibobConnector) self = NULL;
  g_autoptr (HcHttp) probe = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *id = NULL;
  char *token;
  const char *url = (base_url != NULL && *base_url != '\0') ? base_url : HC_HIBOB_DEFAULT_BASE_URL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* pasted values often end in a newline */
  id = client_id ? g_strstrip (g_strdup (client_id)) : NULL;
  token = secret ? g_strstrip (g_strdup (secret)) : NULL;

  /* @subdomain is not used: every company shares api.hibob.com. */

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("HiBob needs the service user ID (--client-id), as shown in Bob under System settings › Integrations › Service users"));
      hc_connector_util_clear_secret (&token);
      return NULL;
    }
  if (strchr (id, ':') != NULL || has_control_characters (id))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The HiBob service user ID (--client-id) cannot contain “:” or line breaks: copy the ID shown in Bob under System settings › Integrations › Service users"));
      hc_connector_util_clear_secret (&token);
      return NULL;
    }
  if (token == NULL || *token == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("HiBob needs the service user token (--secret-stdin), shown in Bob when the service user is created"));
      hc_connector_util_clear_secret (&token);
      return NULL;
    }
  if (has_control_characters (token))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The HiBob service user token (--secret-stdin) cannot contain line breaks or control characters: paste the token alone"));
      hc_connector_util_clear_secret (&token);
      return NULL;
    }

  /* hc-http validates the address, without quoting it back */
  probe = hc_http_new (VENDOR_NAME, url, &local_error);
  if (probe == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("HiBob needs a valid base URL (--base-url), such as %s: %s"),
                   HC_HIBOB_DEFAULT_BASE_URL, local_error->message);
      hc_connector_util_clear_secret (&token);
      return NULL;
    }

  self = g_object_new (HC_TYPE_HIBOB_CONNECTOR, NULL);
  self->base_url = g_strdup (hc_http_get_base_url (probe));
  self->client_id = g_steal_pointer (&id);
  self->secret = token;
  return HC_CONNECTOR (g_steal_pointer (&self));
}

/* One run */

/* Each run has its own HcHttp, with the Basic credentials registered as
 * secrets: the token, the encoded pair and its parts never reach a log. */
static HcHttp *
create_http (HcHibobConnector *self,
             GError          **error)
{
  g_autoptr (HcHttp) http = hc_http_new (VENDOR_NAME, self->base_url, error);
  char *pair, *encoded, *value;

  if (http == NULL)
    return NULL;

  pair = g_strconcat (self->client_id, ":", self->secret, NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  value = g_strconcat ("Basic ", encoded, NULL);
  hc_http_add_secret (http, self->secret);
  hc_http_set_auth_header (http, "Authorization", value);
  hc_connector_util_clear_secret (&value);
  hc_connector_util_clear_secret (&encoded);
  hc_connector_util_clear_secret (&pair);

  return g_steal_pointer (&http);
}

/* "/v1/people/search", for messages: the path as the server sees it. */
static char *
endpoint_path (HcHttp     *http,
               const char *path)
{
  g_autoptr (GUri) uri = g_uri_parse (hc_http_get_base_url (http), G_URI_FLAGS_NONE, NULL);
  const char *base = uri ? g_uri_get_path (uri) : "";

  return g_strconcat (base ? base : "", path, NULL);
}

static JsonNode *
build_search_body (GPtrArray  *fields,
                   gboolean    show_inactive,
                   const char *human_readable)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < fields->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (fields, i));
  json_builder_end_array (builder);
  /* false returns internal.status Active only: no future, no former
   * employees. No "filters": an empty one is a 400. */
  json_builder_set_member_name (builder, "showInactive");
  json_builder_add_boolean_value (builder, show_inactive);
  if (human_readable != NULL)
    {
      json_builder_set_member_name (builder, "humanReadable");
      json_builder_add_string_value (builder, human_readable);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* {"employees": [ … ]}, checked. */
static JsonArray *
get_employees (JsonNode   *root,
               const char *path,
               GError    **error)
{
  JsonNode *node = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    node = json_object_get_member (json_node_get_object (root), "employees");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("HiBob sent a response without the list of employees (“employees”) at %s. Try again later; if the error persists, contact HiBob support."),
                   path);
      return NULL;
    }
  return json_node_get_array (node);
}

/* Test connection */

typedef struct
{
  HcHttp *http;
  char   *search_path;
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_object (&probe->http);
  g_free (probe->search_path);
  g_free (probe);
}

static void
test_search_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;
  JsonArray *employees;

  root = hc_http_post_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  employees = get_employees (root, probe->search_path, &error);
  if (employees == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Bob silently leaves out what the service user may not see: a service
   * user that sees nobody would later archive every member. */
  if (json_array_get_length (employees) == 0)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_AUTH,
                               _("HiBob accepted the service user but shows it no employees at %s. In Bob, add the service user to a permission group that may view employees, then try again."),
                               probe->search_path);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
hc_hibob_connector_test_connection_async (HcConnector        *connector,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  HcHibobConnector *self = HC_HIBOB_CONNECTOR (connector);
  g_autoptr (GTask) task = g_task_new (connector, cancellable, callback, user_data);
  g_autoptr (GPtrArray) fields = g_ptr_array_new ();
  g_autoptr (JsonNode) body = NULL;
  GError *error = NULL;
  Probe *probe;

  g_task_set_source_tag (task, hc_hibob_connector_test_connection_async);

  probe = g_new0 (Probe, 1);
  g_task_set_task_data (task, probe, (GDestroyNotify) probe_free);
  probe->http = create_http (self, &error);
  if (probe->http == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  probe->search_path = endpoint_path (probe->http, SEARCH_PATH);

  /* There is no limit=1: the cheapest proof is the ids of the active
   * employees, one small field each. */
  g_ptr_array_add (fields, (gpointer) "root.id");
  body = build_search_body (fields, FALSE, NULL);
  hc_http_post_json_async (probe->http, SEARCH_PATH, body, cancellable,
                           test_search_cb, g_steal_pointer (&task));
}

static gboolean
hc_hibob_connector_test_connection_finish (HcConnector  *connector,
                                           GAsyncResult *result,
                                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Fetch: progress */

typedef struct
{
  HcHttp        *http;            /* main thread only; dropped before mapping */
  HcProgressFunc progress;
  gpointer       progress_data;
  char          *search_path;
  char          *fields_path;
  GPtrArray     *fields;          /* char*: the field ids asked for */
  char          *team_field;      /* the custom field named "Team", or NULL */
  GHashTable    *label_slugs;     /* checkbox id → slug of its label */
  GPtrArray     *metadata;        /* HcFieldInfo*: what the metadata says */
  JsonNode      *response;        /* the people search, for the mapping thread */
} Fetch;

static void
fetch_free (Fetch *f)
{
  g_clear_object (&f->http);
  g_free (f->search_path);
  g_free (f->fields_path);
  g_clear_pointer (&f->fields, g_ptr_array_unref);
  g_free (f->team_field);
  g_clear_pointer (&f->label_slugs, g_hash_table_unref);
  g_clear_pointer (&f->metadata, g_ptr_array_unref);
  g_clear_pointer (&f->response, json_node_unref);
  g_free (f);
}

/* On the caller's context, at the priority of the task's own completion,
 * so that every report arrives before the result. Takes @message. */
static void
report_progress (GTask *task,
                 double fraction,
                 char  *message)
{
  Fetch *f = g_task_get_task_data (task);

  hc_connector_util_report_progress (task, f->progress, f->progress_data, fraction, message);
}

/* "Fetched 1,000 of 5,000 employees from HiBob", grouped as the locale does. */
static char *
fetched_message (guint done,
                 guint total)
{
  return hc_connector_util_fetched_message (VENDOR_NAME, done, total,
                                            HC_CONNECTOR_UTIL_COUNT_LOCALE);
}

/* Fetch: flattening */

/* A leaf of a record into @raw (a GHashTable): a list's values joined (an
 * object in it as JSON), a scalar trimmed. */
static void
add_leaf (const char *key,
          JsonNode   *node,
          gpointer    raw)
{
  char *value;

  if (JSON_NODE_HOLDS_ARRAY (node))
    value = hc_json_join_scalars (json_node_get_array (node),
                                  HIBOB_TEXT | HC_JSON_TEXT_NO_EMPTY | HC_JSON_TEXT_JSON_CONTAINERS);
  else
    value = hc_json_scalar_text (node, HIBOB_TEXT | HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY);
  if (value != NULL)
    g_hash_table_replace (raw, g_strdup (key), value);
}

static void
flatten_value (GHashTable *raw,
               const char *key,
               JsonNode   *node)
{
  hc_json_foreach_leaf (key, node, add_leaf, raw);
}

/* "/work/reportsTo/email" → "work.reportsTo.email" */
static char *
slash_to_key (const char *prefix,
              const char *name)
{
  g_auto (GStrv) parts = g_strsplit (name + 1, "/", -1);
  g_autofree char *joined = g_strjoinv (".", parts);

  return prefix ? g_strconcat (prefix, ".", joined, NULL) : g_steal_pointer (&joined);
}

/* Whether @key or one of its parents ("work.reportsTo" for
 * "work.reportsTo.id") came in slash form. */
static gboolean
covered (GHashTable *slash_keys,
         const char *key)
{
  g_autofree char *copy = g_strdup (key);
  char *dot;

  for (;;)
    {
      if (g_hash_table_contains (slash_keys, copy))
        return TRUE;
      dot = strrchr (copy, '.');
      if (dot == NULL)
        return FALSE;
      *dot = '\0';
    }
}

/* Every value of one employee object (or of its "humanReadable" node, with
 * @prefix) into @raw, keyed by field id. The slash form is the documented
 * one: it goes first and the nested form only adds what it lacks. */
static void
flatten_record (GHashTable *raw,
                const char *prefix,
                JsonObject *object)
{
  g_autoptr (GHashTable) slash_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) nested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter hash_iter;
  gpointer key, value;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *path = NULL;

      if (name[0] != '/' || name[1] == '\0')
        continue;
      path = slash_to_key (prefix, name);
      /* {"value": …}; a bare value is read as is */
      if (JSON_NODE_HOLDS_OBJECT (node) &&
          json_object_has_member (json_node_get_object (node), "value"))
        node = json_object_get_member (json_node_get_object (node), "value");
      flatten_value (raw, path, node);
      g_hash_table_add (slash_keys, g_steal_pointer (&path));
    }

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *path = NULL;

      if (name[0] == '/' || name[0] == '\0')
        continue;
      if (prefix == NULL && g_str_equal (name, HUMAN_PREFIX))
        {
          if (JSON_NODE_HOLDS_OBJECT (node))
            flatten_record (raw, HUMAN_PREFIX, json_node_get_object (node));
          continue;
        }
      /* categories are objects; root fields sit at the top level */
      if (JSON_NODE_HOLDS_OBJECT (node))
        path = prefix ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
      else
        path = prefix ? g_strconcat (prefix, ".root.", name, NULL) : g_strconcat ("root.", name, NULL);
      flatten_value (nested, path, node);
    }

  g_hash_table_iter_init (&hash_iter, nested);
  while (g_hash_table_iter_next (&hash_iter, &key, &value))
    if (!covered (slash_keys, key))
      {
        g_hash_table_iter_steal (&hash_iter);
        g_hash_table_replace (raw, key, value);
      }
}

/* The id: a string or an integer, in either form. */
static char *
read_id (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "/root/id");
  char *id;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = json_object_get_member (json_node_get_object (node), "value");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    node = json_object_get_member (object, "id");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      JsonNode *root = json_object_get_member (object, "root");

      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        node = json_object_get_member (json_node_get_object (root), "id");
    }

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    id = g_strdup (json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    return NULL;

  g_strstrip (id);
  if (*id == '\0')
    g_clear_pointer (&id, g_free);
  return id;
}

/* Fetch: standard fields */

/* "2021-05-04", "2021-05-04T00:00:00.000+02:00" → "2021-05-04"; NULL for
 * anything else (a human-readable "04/05/2021" among them). */
static char *
cut_date (const char *value)
{
  return hc_connector_util_cut_date (value, NULL, NULL);
}

/* The label of a list field when Bob sent one, else its value. */
static const char *
label_of (GHashTable *raw,
          const char *key)
{
  g_autofree char *human = g_strconcat (HUMAN_PREFIX, ".", key, NULL);
  const char *label = g_hash_table_lookup (raw, human);

  return label ? label : g_hash_table_lookup (raw, key);
}

/* One address, or nothing: a list or a stray word is no address to invite. */
static const char *
plausible_email (const char *value)
{
  if (value == NULL || strchr (value, '@') == NULL)
    return NULL;
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';')
      return NULL;
  return value;
}

/* Bob builds the display name from the preferred first name, if any, and
 * the surname: "Ben Doe" for John Doe prefers Ben. */
static char *
preferred_name_of (const char *display,
                   const char *first,
                   const char *last)
{
  g_autofree char *suffix = NULL;
  g_autofree char *name = NULL;

  if (display == NULL || last == NULL)
    return NULL;
  suffix = g_strconcat (" ", last, NULL);
  if (!g_str_has_suffix (display, suffix))
    return NULL;
  name = g_strndup (display, strlen (display) - strlen (suffix));
  g_strstrip (name);
  if (*name == '\0' || g_strcmp0 (name, first) == 0)
    return NULL;
  return g_steal_pointer (&name);
}

/* Lower-case letters only: "Garden leave", "garden_leave" → "gardenleave". */
static char *
fold_word (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

/*
 * HiBob's lifecycle statuses (help.hibob.com, article 4409776355857):
 * Hired (signed, start date still ahead), Employed, Garden leave, Leave,
 * Parental leave and the company's own leave types, Terminated. Their
 * casing in the API is not documented, so letters are compared without
 * case, spaces or underscores.
 */
static gboolean
map_lifecycle (const char       *value,
               HcEmployeeStatus *status)
{
  g_autofree char *word = fold_word (value);

  if (g_str_equal (word, "employed") || g_str_equal (word, "active"))
    *status = HC_EMPLOYEE_STATUS_ACTIVE;
  else if (g_str_equal (word, "hired") || g_str_equal (word, "onboarding"))
    *status = HC_EMPLOYEE_STATUS_ONBOARDING;
  else if (g_str_equal (word, "terminated") || g_str_equal (word, "inactive"))
    *status = HC_EMPLOYEE_STATUS_INACTIVE;
  /* garden leave (notice served, not working), parental leave, custom leaves */
  else if (strstr (word, "leave") != NULL)
    *status = HC_EMPLOYEE_STATUS_LEAVE;
  else
    return FALSE;
  return TRUE;
}

/* Without access to Bob (internal.status "Inactive") a person is either
 * hired and not started yet, or gone. */
static HcEmployeeStatus
without_access (const char *hire_date,
                const char *today)
{
  if (hire_date != NULL && strcmp (hire_date, today) > 0)
    return HC_EMPLOYEE_STATUS_ONBOARDING;
  return HC_EMPLOYEE_STATUS_INACTIVE;
}

static HcEmployeeStatus
map_status (const char *lifecycle,
            const char *internal,
            const char *hire_date,
            const char *end_date,
            const char *today)
{
  gboolean no_access = internal != NULL && g_ascii_strcasecmp (internal, "Inactive") == 0;
  HcEmployeeStatus status;

  if (lifecycle != NULL)
    {
      if (map_lifecycle (lifecycle, &status))
        return status;
      /* An unknown lifecycle status. The built-in ones are all above, so it
       * is most likely one of the company's own leave types. Without access
       * to Bob the person is not working there (yet, or any more); with
       * access, or when Bob does not say, read it as a leave: the member is
       * kept but not counted as working — neither archived nor invited on a
       * guess. The raw value stays in internal.lifecycleStatus. */
      if (no_access)
        return without_access (hire_date, today);
      return HC_EMPLOYEE_STATUS_LEAVE;
    }

  /* No lifecycle status (older accounts): internal.status alone. */
  if (internal != NULL && g_ascii_strcasecmp (internal, "Active") == 0)
    return HC_EMPLOYEE_STATUS_ACTIVE;
  if (no_access)
    return without_access (hire_date, today);

  /* Neither, or an unknown internal.status: the dates tell. */
  if (end_date != NULL && strcmp (end_date, today) <= 0)
    return HC_EMPLOYEE_STATUS_INACTIVE;
  if (hire_date != NULL && strcmp (hire_date, today) > 0)
    return HC_EMPLOYEE_STATUS_ONBOARDING;
  return HC_EMPLOYEE_STATUS_ACTIVE;
}

static HcEmployee *
map_employee (Fetch      *f,
              JsonNode   *node,
              guint       index,
              const char *today,
              gboolean   *has_status,
              GError    **error)
{
  g_autoptr (GHashTable) raw = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (HcEmployee) employee = NULL;
  g_autofree char *id = NULL;
  g_autofree char *hire_date = NULL;
  g_autofree char *end_date = NULL;
  g_autofree char *preferred = NULL;
  const char *first, *last, *lifecycle, *internal, *manager;
  GHashTableIter iter;
  gpointer key, value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("HiBob sent employee #%u at %s that is not an object. Try again later; if the error persists, contact HiBob support."),
                   index + 1, f->search_path);
      return NULL;
    }

  id = read_id (json_node_get_object (node));
  if (id == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("HiBob sent employee #%u without an id (root.id) at %s. Check that the service user may view the employees’ basic information in Bob; Headcount stopped rather than skip an employee."),
                   index + 1, f->search_path);
      return NULL;
    }

  flatten_record (raw, NULL, json_node_get_object (node));

  employee = hc_employee_new (id);
  /* the raw values first: the standard fields below are set after them */
  g_hash_table_iter_init (&iter, raw);
  while (g_hash_table_iter_next (&iter, &key, &value))
    hc_employee_set_field (employee, key, value);

  first = g_hash_table_lookup (raw, "root.firstName");
  last = g_hash_table_lookup (raw, "root.surname");
  hc_employee_set_field (employee, HC_FIELD_FIRST_NAME, first);
  hc_employee_set_field (employee, HC_FIELD_LAST_NAME, last);
  preferred = preferred_name_of (g_hash_table_lookup (raw, "root.displayName"), first, last);
  hc_employee_set_field (employee, HC_FIELD_PREFERRED_NAME, preferred);
  hc_employee_set_field (employee, HC_FIELD_EMAIL, plausible_email (g_hash_table_lookup (raw, "root.email")));
  hc_employee_set_field (employee, HC_FIELD_POSITION, label_of (raw, "work.title"));
  hc_employee_set_field (employee, HC_FIELD_DEPARTMENT, label_of (raw, "work.department"));
  hc_employee_set_field (employee, HC_FIELD_OFFICE, label_of (raw, "work.site"));
  if (f->team_field != NULL)
    hc_employee_set_field (employee, HC_FIELD_TEAM, label_of (raw, f->team_field));

  /* a checkbox is found by its label too ("Ne pas synchroniser avec
   * Elevo" → ne_pas_synchroniser_avec_elevo), as other vendors' are */
  if (f->label_slugs != NULL)
    {
      GHashTableIter slugs;
      gpointer slug_id, slug;

      g_hash_table_iter_init (&slugs, f->label_slugs);
      while (g_hash_table_iter_next (&slugs, &slug_id, &slug))
        if (hc_employee_get_field (employee, slug) == NULL)
          hc_employee_set_field (employee, slug, g_hash_table_lookup (raw, slug_id));
    }

  manager = g_hash_table_lookup (raw, "work.reportsTo.id");
  if (manager == NULL)
    manager = g_hash_table_lookup (raw, "work.manager");
  hc_employee_set_field (employee, HC_FIELD_MANAGER_ID, manager);

  /* machine values only: the human-readable dates follow the user's format */
  hire_date = cut_date (g_hash_table_lookup (raw, "work.startDate"));
  end_date = cut_date (g_hash_table_lookup (raw, "internal.terminationDate"));
  hc_employee_set_field (employee, HC_FIELD_HIRE_DATE, hire_date);
  hc_employee_set_field (employee, HC_FIELD_END_DATE, end_date);

  lifecycle = g_hash_table_lookup (raw, "internal.lifecycleStatus");
  internal = g_hash_table_lookup (raw, "internal.status");
  if (lifecycle != NULL || internal != NULL)
    *has_status = TRUE;
  hc_employee_set_status (employee, map_status (lifecycle, internal, hire_date, end_date, today));

  return g_steal_pointer (&employee);
}

static void
map_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Fetch *f = task_data;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *today = hc_connector_util_today ();
  GError *error = NULL;
  gboolean has_status = FALSE;
  JsonArray *array;
  guint n;

  array = get_employees (f->response, f->search_path, &error);
  if (array == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n = json_array_get_length (array);
  employees = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      HcEmployee *employee;

      if (i % CANCEL_STEP == 0 && g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }

      employee = map_employee (f, json_array_get_element (array, i), i, today, &has_status, &error);
      if (employee == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (employees, employee);

      if ((i + 1) % PROGRESS_STEP == 0 && i + 1 < n)
        report_progress (task, (double) (i + 1) / n, fetched_message (i + 1, n));
    }

  /* Bob leaves out the fields the service user may not view. Without any
   * status, former employees would read as active. */
  if (n > 0 && !has_status)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_AUTH,
                               _("HiBob sent no employment status (internal.lifecycleStatus, internal.status) at %s: the service user may not view them. In Bob, let its permission group view the employees’ lifecycle and status fields, then try again."),
                               f->search_path);
      return;
    }

  report_progress (task, 1.0, fetched_message (n, n));
  g_task_return_pointer (task, g_steal_pointer (&employees), (GDestroyNotify) g_ptr_array_unref);
}

/* Fetch: requests */

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  GError *error = NULL;

  f->response = hc_http_post_json_finish (HC_HTTP (source), result, &error);
  if (f->response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The session belongs to this thread: done with it. */
  g_clear_object (&f->http);

  g_task_run_in_thread (task, map_thread);
}

static gboolean
is_custom_field (const char *id)
{
  return g_str_has_prefix (id, "custom.") || strstr (id, ".custom.") != NULL;
}

static gboolean
add_field (GPtrArray  *fields,
           const char *id)
{
  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (g_ptr_array_index (fields, i), id))
      return TRUE;
  if (fields->len >= HC_HIBOB_MAX_FIELDS)
    return FALSE;
  g_ptr_array_add (fields, g_strdup (id));
  return TRUE;
}

/* Bob's metadata types: text, list, date, number, checkbox,
 * employee-reference… */
static HcFieldType
field_type (const char *type)
{
  if (type == NULL)
    return HC_FIELD_TYPE_UNKNOWN;
  if (g_str_equal (type, "checkbox") || g_str_equal (type, "boolean") || g_str_equal (type, "bool"))
    return HC_FIELD_TYPE_BOOLEAN;
  if (g_str_equal (type, "date"))
    return HC_FIELD_TYPE_DATE;
  if (g_str_equal (type, "number") || g_str_equal (type, "currency"))
    return HC_FIELD_TYPE_NUMBER;
  if (g_str_equal (type, "list") || g_str_equal (type, "multi-list") ||
      g_str_equal (type, "hierarchy-list"))
    return HC_FIELD_TYPE_LIST;
  return HC_FIELD_TYPE_TEXT;
}

/* The field was asked for by its id or the slug of its label. */
static gboolean
is_requested (const char * const *requested,
              const char         *id,
              const char         *slug)
{
  for (guint i = 0; requested != NULL && requested[i] != NULL; i++)
    if (g_str_equal (requested[i], id) || g_strcmp0 (requested[i], slug) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_standard_name (const char *name)
{
  static const char * const names[] = {
    HC_FIELD_ID, HC_FIELD_STATUS, HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME,
    HC_FIELD_PREFERRED_NAME, HC_FIELD_EMAIL, HC_FIELD_POSITION, HC_FIELD_DEPARTMENT,
    HC_FIELD_TEAM, HC_FIELD_OFFICE, HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE,
    HC_FIELD_END_DATE, NULL
  };

  return g_strv_contains (names, name);
}

/* GET /company/people/fields: [{"id", "category", "name", "jsonPath",
 * "type", …}]. Custom fields are sent only when asked for by id: every
 * custom field, every checkbox (the exclusion checkbox is one, custom or
 * not) and the fields asked for are. */
static gboolean
read_field_metadata (Fetch              *f,
                     const char * const *requested,
                     JsonNode           *root,
                     GError            **error)
{
  JsonArray *array = NULL;
  guint n_left_out = 0;

  if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *node = json_object_get_member (json_node_get_object (root), "fields");

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        array = json_node_get_array (node);
    }
  if (array == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("HiBob sent a response without the list of fields at %s. Try again later; if the error persists, contact HiBob support."),
                   f->fields_path);
      return FALSE;
    }

  f->fields = g_ptr_array_new_with_free_func (g_free);
  f->metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);
  f->label_slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (standard_fields); i++)
    add_field (f->fields, standard_fields[i]);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *id, *name;
      g_autofree char *slug = NULL;
      HcFieldType type;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      id = hc_json_member_string (object, "id");
      name = hc_json_member_string (object, "name");
      if (id == NULL || *id == '\0')
        continue;
      type = field_type (hc_json_member_string (object, "type"));
      g_clear_pointer (&slug, g_free);
      slug = name != NULL ? hc_connector_util_slugify (name) : NULL;
      g_ptr_array_add (f->metadata, hc_field_info_new (id, name, type));

      if (f->team_field == NULL && name != NULL && g_ascii_strcasecmp (name, "Team") == 0)
        {
          if (add_field (f->fields, id))
            f->team_field = g_strdup (id);
        }
      else if ((is_custom_field (id) || type == HC_FIELD_TYPE_BOOLEAN ||
                is_requested (requested, id, slug)) &&
               !add_field (f->fields, id))
        n_left_out++;

      if (type == HC_FIELD_TYPE_BOOLEAN && slug != NULL && !g_str_equal (slug, id) &&
          !is_standard_name (slug) && !g_hash_table_contains (f->label_slugs, id))
        g_hash_table_insert (f->label_slugs, g_strdup (id), g_steal_pointer (&slug));
    }

  if (n_left_out > 0)
    g_debug ("%u custom fields left out: a people search takes at most %u fields",
             n_left_out, HC_HIBOB_MAX_FIELDS);
  return TRUE;
}

static void
fields_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  HcHibobConnector *self = g_task_get_source_object (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) body = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  root = hc_http_get_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL || !read_field_metadata (f, (const char * const *) self->requested, root, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_pointer (&self->metadata, g_ptr_array_unref);
  self->metadata = hc_field_info_copy_array (f->metadata);

  report_progress (task, -1, g_strdup (_("Asking HiBob for every employee…")));

  /* Terminated and future employees too: one who leaves must be seen as
   * inactive, not as vanished. APPEND keeps the machine values (ISO dates,
   * ids) and adds the labels of list fields. */
  body = build_search_body (f->fields, TRUE, "APPEND");
  cancellable = g_task_get_cancellable (task);
  hc_http_post_json_async (f->http, SEARCH_PATH, body, cancellable,
                           search_cb, g_steal_pointer (&task));
}

static void
hc_hibob_connector_fetch_employees_async (HcConnector        *connector,
                                          HcProgressFunc      progress,
                                          gpointer            progress_data,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  HcHibobConnector *self = HC_HIBOB_CONNECTOR (connector);
  g_autoptr (GTask) task = g_task_new (connector, cancellable, callback, user_data);
  GError *error = NULL;
  Fetch *f;

  g_task_set_source_tag (task, hc_hibob_connector_fetch_employees_async);

  f = g_new0 (Fetch, 1);
  f->progress = progress;
  f->progress_data = progress_data;
  g_task_set_task_data (task, f, (GDestroyNotify) fetch_free);

  f->http = create_http (self, &error);
  if (f->http == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  f->search_path = endpoint_path (f->http, SEARCH_PATH);
  f->fields_path = endpoint_path (f->http, FIELDS_PATH);

  hc_http_get_json_async (f->http, FIELDS_PATH, cancellable, fields_cb, g_steal_pointer (&task));
}

static GPtrArray *
hc_hibob_connector_fetch_employees_finish (HcConnector  *connector,
                                           GAsyncResult *result,
                                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
hc_hibob_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

static GPtrArray *
hc_hibob_connector_dup_field_metadata (HcConnector *connector)
{
  return hc_field_info_copy_array (HC_HIBOB_CONNECTOR (connector)->metadata);
}

static void
hc_hibob_connector_set_requested_fields (HcConnector        *connector,
                                         const char * const *fields)
{
  HcHibobConnector *self = HC_HIBOB_CONNECTOR (connector);

  g_strfreev (self->requested);
  self->requested = g_strdupv ((char **) fields);
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->dup_field_metadata = hc_hibob_connector_dup_field_metadata;
  iface->set_requested_fields = hc_hibob_connector_set_requested_fields;
  iface->get_vendor_name = hc_hibob_connector_get_vendor_name;
  iface->test_connection_async = hc_hibob_connector_test_connection_async;
  iface->test_connection_finish = hc_hibob_connector_test_connection_finish;
  iface->fetch_employees_async = hc_hibob_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_hibob_connector_fetch_employees_finish;
}
