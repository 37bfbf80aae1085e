/* hc-personio-v2-connector.c — employees from Personio, API v2 (persons
 * and employments)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-personio-v2-connector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-connector-map.h"
#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-personio-v2-connector.h"

/* A brand: not translated. */
#define VENDOR_NAME      "Personio"
#define TOKEN_PATH       "/auth/token"
#define PERSONS_PATH     "/persons"
#define MAX_TOKEN_CHARS  8192
/* Strings as they are; numbers with the shortest text that reads back the
 * same, whole ones as integers (as the API v1 connector writes them). */
#define PERSONIO_TEXT    (HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_ROUND_TRIP | \
                          HC_JSON_TEXT_DOUBLE_WHOLE)

struct _HcPersonioV2Connector
{
  GObject    parent_instance;

  char      *base_url;
  char      *client_id;
  char      *secret;
  GPtrArray *custom_fields;   /* HcFieldInfo*: the custom attributes of the last fetch */
};

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcPersonioV2Connector, hc_personio_v2_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

static void
hc_personio_v2_connector_finalize (GObject *object)
{
  HcPersonioV2Connector *self = HC_PERSONIO_V2_CONNECTOR (object);

  hc_connector_util_clear_secret (&self->secret);
  g_free (self->client_id);
  g_free (self->base_url);
  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_personio_v2_connector_parent_class)->finalize (object);
}

static void
hc_personio_v2_connector_class_init (HcPersonioV2ConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_personio_v2_connector_finalize;
}

static void
hc_personio_v2_connector_init (HcPersonioV2Connector *self)
{
}

HcConnector *
hc_personio_v2_connector_new (const char *base_url,
                              const char *subdomain,
                              const char *client_id,
                              const char *secret,
                              GError    **error)
{
  g_autoptr (HcPersonioV2Connector) self = NULL;
  g_autofree char *checked_url = NULL;
  g_autofree char *url = hc_connector_util_dup_setting (base_url);
  g_autofree char *id = hc_connector_util_dup_setting (client_id);
  g_autofree char *key = hc_connector_util_dup_setting (secret);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* @subdomain: Personio has one API host for every company. */
  (void) subdomain;

  if (id == NULL)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Personio API v2 needs the client ID of its API credentials (--client-id), from Settings → Integrations → API credentials in Personio."));
      hc_connector_util_wipe (key);
      return NULL;
    }
  if (key == NULL)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Personio API v2 needs the client secret of its API credentials (--secret-stdin), shown when the credentials are created in Personio."));
      return NULL;
    }

  if (url == NULL)
    url = g_strdup (HC_PERSONIO_V2_DEFAULT_BASE_URL);
  /* hc-http checks the address (https, no credentials in it) once here,
   * so that a bad one is a settings error, not a failed sync. */
  checked_url = hc_connector_util_check_base_url (VENDOR_NAME, url, NULL, error);
  if (checked_url == NULL)
    {
      hc_connector_util_wipe (key);
      return NULL;
    }

  self = g_object_new (HC_TYPE_PERSONIO_V2_CONNECTOR, NULL);
  self->base_url = g_steal_pointer (&checked_url);
  self->client_id = g_steal_pointer (&id);
  self->secret = g_steal_pointer (&key);
  return HC_CONNECTOR (g_steal_pointer (&self));
}

/* Mapping, with checked access to the JSON only: never a getter on a node
 * of another type (hc-connector-map.h). */

/* The employment's status, else the person's, into the four statuses (see
 * the header). */
static HcEmployeeStatus
read_status (const char *employment_status,
             const char *person_status,
             const char *start,
             const char *end,
             const char *today)
{
  static const HcConnectorMapStatusWord words[] = {
    { "ONBOARDING", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "LEAVE", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_LEAVE },
    { "INACTIVE", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_INACTIVE },
    { "ACTIVE", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL }
  };
  const char *status = employment_status;

  if (status == NULL || g_ascii_strcasecmp (status, "UNSPECIFIED") == 0)
    status = person_status;
  return hc_connector_map_status (status, words, start, end, today);
}

static HcFieldType
custom_type (const char *type)
{
  if (type == NULL)
    return HC_FIELD_TYPE_UNKNOWN;
  if (g_ascii_strcasecmp (type, "DATE") == 0)
    return HC_FIELD_TYPE_DATE;
  if (g_ascii_strcasecmp (type, "INT") == 0 || g_ascii_strcasecmp (type, "DOUBLE") == 0)
    return HC_FIELD_TYPE_NUMBER;
  if (g_ascii_strcasecmp (type, "BOOLEAN") == 0)
    return HC_FIELD_TYPE_BOOLEAN;
  if (g_ascii_strcasecmp (type, "STRING_LIST") == 0)
    return HC_FIELD_TYPE_LIST;
  if (g_ascii_strcasecmp (type, "STRING") == 0)
    return HC_FIELD_TYPE_TEXT;
  return HC_FIELD_TYPE_UNKNOWN;
}

/* Each custom attribute under its id and, when free, its label's slug;
 * @custom (id → HcFieldInfo), when given, collects their labels and types
 * for the field metadata. */
static void
set_custom_attributes (HcEmployee *employee,
                       JsonObject *person,
                       GHashTable *custom)
{
  JsonArray *attributes = hc_json_member_array (person, "custom_attributes");

  for (guint i = 0; attributes != NULL && i < json_array_get_length (attributes); i++)
    {
      JsonNode *element = json_array_get_element (attributes, i);
      JsonObject *attribute;
      const char *id, *label;
      g_autofree char *value = NULL;
      g_autofree char *slug = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      attribute = json_node_get_object (element);
      id = hc_json_member_string (attribute, "id");
      if (id == NULL || *id == '\0')
        continue;
      label = hc_json_member_string (attribute, "label");
      value = hc_json_value_text (hc_json_member (attribute, "value"), PERSONIO_TEXT);
      hc_employee_set_field (employee, id, value);

      if (custom != NULL && !g_hash_table_contains (custom, id))
        g_hash_table_insert (custom, g_strdup (id),
                             hc_field_info_new (id, label != NULL && *label != '\0' ? label : id,
                                                custom_type (hc_json_member_string (attribute, "type"))));

      slug = label ? hc_connector_util_slugify (label) : NULL;
      if (slug != NULL && hc_employee_get_field (employee, slug) == NULL)
        hc_employee_set_field (employee, slug, value);
    }
}

/* Every member of @node into the field table, under @prefix, but the
 * members named in @skip. */
static void
set_raw_fields (HcEmployee         *employee,
                JsonNode           *node,
                const char         *prefix,
                const char * const *skip)
{
  JsonObject *object = json_node_get_object (node);
  g_autoptr (GList) members = json_object_get_members (object);
  HcJsonFlat flat;

  hc_json_flat_init (&flat);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *path = NULL;

      if (g_strv_contains (skip, l->data))
        continue;
      path = prefix ? g_strconcat (prefix, ".", l->data, NULL) : g_strdup (l->data);
      hc_json_flatten (&flat, path, json_object_get_member (object, l->data), PERSONIO_TEXT);
    }
  hc_json_flat_set_fields (&flat, employee);
  hc_json_flat_clear (&flat);
}

/* One person of GET /persons, with its current employment (a member of
 * GET /persons/{id}/employments, or NULL), into an HcEmployee. @index
 * counts from 1 over the whole list, for messages that must not quote
 * personal data. @custom as for set_custom_attributes(). */
static HcEmployee *
map_person (JsonNode   *node,
            JsonNode   *employment_node,
            guint64     index,
            const char *today,
            GHashTable *custom,
            GError    **error)
{
  static const char * const person_skip[] = { "custom_attributes", "employments", "_meta", NULL };
  static const char * const employment_skip[] = { "_meta", NULL };
  g_autoptr (HcEmployee) employee = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  JsonObject *person;
  JsonObject *employment = NULL;

  employee = hc_connector_map_begin (node, index, VENDOR_NAME, PERSONS_PATH, PERSONIO_TEXT, person_skip,
                                     NULL, NULL, &person, error);
  if (employee == NULL)
    return NULL;
  if (employment_node != NULL && JSON_NODE_HOLDS_OBJECT (employment_node))
    employment = json_node_get_object (employment_node);

  /* The raw attributes first, so that the standard fields below win over
   * a raw member that happened to share their name. */
  if (employment != NULL)
    set_raw_fields (employee, employment_node, "employment", employment_skip);
  set_custom_attributes (employee, person, custom);

  hc_connector_map_set_text (employee, HC_FIELD_FIRST_NAME, person, "first_name", PERSONIO_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_LAST_NAME, person, "last_name", PERSONIO_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_PREFERRED_NAME, person, "preferred_name", PERSONIO_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_EMAIL, person, "email", PERSONIO_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_POSITION, employment, "position.title", PERSONIO_TEXT);

  if (employment == NULL ||
      hc_json_id_text (hc_json_lookup (employment, "supervisor.id"), FALSE, &manager) != HC_JSON_ID_OK)
    g_clear_pointer (&manager, g_free);
  hc_employee_set_field (employee, HC_FIELD_MANAGER_ID, manager);

  if (employment != NULL)
    {
      start = hc_connector_map_date (hc_json_lookup (employment, "employment_start_date"));
      end = hc_connector_map_date (hc_json_lookup (employment, "termination.last_working_day"));
      if (end == NULL)
        end = hc_connector_map_date (hc_json_lookup (employment, "termination.termination_date"));
      if (end == NULL)
        end = hc_connector_map_date (hc_json_lookup (employment, "employment_end_date"));
    }
  hc_employee_set_field (employee, HC_FIELD_HIRE_DATE, start);
  hc_employee_set_field (employee, HC_FIELD_END_DATE, end);

  hc_employee_set_status (employee,
                          read_status (employment ? hc_json_member_string (employment, "status") : NULL,
                                       hc_json_member_string (person, "status"),
                                       start, end, today));

  return g_steal_pointer (&employee);
}

/* One run: the token, then the persons' pages and their employments. */

typedef struct
{
  HcPersonioV2Connector *self;
  HcHttp                *http;
  gboolean               test;
  HcProgressFunc         progress;
  gpointer               progress_data;
  /* Cancelled on the first failure, or when the caller cancels: stops the
   * pages and the employments in flight. */
  GCancellable          *stop;
  GCancellable          *caller;
  gulong                 caller_id;
  GPtrArray             *persons;       /* JsonNode* */
  GPtrArray             *employments;   /* JsonNode* or NULL, one per person */
  guint                  next;          /* the next person whose employments to ask */
  guint                  in_flight;
  guint                  done;          /* persons whose employments are known */
  gboolean               pages_done;
  gboolean               returned;
  GError                *error;         /* the first failure */
} Run;

static void
run_free (Run *run)
{
  if (run->caller_id != 0)
    g_cancellable_disconnect (run->caller, run->caller_id);
  g_clear_object (&run->caller);
  g_clear_object (&run->stop);
  g_clear_object (&run->http);
  g_clear_object (&run->self);
  g_clear_pointer (&run->persons, g_ptr_array_unref);
  g_clear_pointer (&run->employments, g_ptr_array_unref);
  g_clear_error (&run->error);
  g_free (run);
}

static void
node_unref_or_null (gpointer node)
{
  if (node != NULL)
    json_node_unref (node);
}

/* Keeps the first failure and stops the rest. */
static void
run_fail (Run    *run,
          GError *error)
{
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
  g_cancellable_cancel (run->stop);
}

static void
report (Run        *run,
        double      fraction,
        const char *message)
{
  if (run->progress != NULL)
    run->progress (fraction, message, run->progress_data);
}

static void
run_return (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GHashTable) custom = NULL;
  g_autofree char *today = NULL;
  GError *error = NULL;

  run->returned = TRUE;
  if (run->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&run->error));
      return;
    }

  employees = g_ptr_array_new_full (run->persons->len, g_object_unref);
  custom = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) hc_field_info_free);
  today = hc_connector_util_today ();
  for (guint i = 0; i < run->persons->len; i++)
    {
      HcEmployee *employee = map_person (g_ptr_array_index (run->persons, i),
                                         g_ptr_array_index (run->employments, i),
                                         i + 1, today, custom, &error);

      if (employee == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (employees, employee);
    }

  /* The custom attributes of this fetch, sorted, for the field metadata. */
  {
    g_autoptr (GList) ids = g_list_sort (g_hash_table_get_keys (custom), (GCompareFunc) strcmp);
    GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);

    for (GList *l = ids; l != NULL; l = l->next)
      g_ptr_array_add (fields, hc_field_info_copy (g_hash_table_lookup (custom, l->data)));
    g_clear_pointer (&run->self->custom_fields, g_ptr_array_unref);
    run->self->custom_fields = fields;
  }

  g_task_return_pointer (task, g_steal_pointer (&employees), (GDestroyNotify) g_ptr_array_unref);
}

/* Returns once the pages are over and no employment is in flight. */
static void
maybe_return (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->returned || !run->pages_done || run->in_flight > 0)
    return;
  if (run->error == NULL && run->next < run->persons->len)
    return;
  run_return (task);
}

typedef struct
{
  GTask *task;
  guint  index;
} EmploymentRequest;

static void pump (GTask *task);

static void
employments_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  EmploymentRequest *request = user_data;
  g_autoptr (GTask) task = request->task;
  Run *run = g_task_get_task_data (task);
  guint index = request->index;
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;
  JsonNode *items;

  g_free (request);
  run->in_flight--;

  root = hc_http_get_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL)
    run_fail (run, error);
  else if (run->error == NULL)
    {
      items = JSON_NODE_HOLDS_OBJECT (root) ? hc_json_lookup (json_node_get_object (root), "_data") : NULL;
      if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
        {
          g_autofree char *number = g_strdup_printf ("%u", index + 1);

          run_fail (run, g_error_new (HC_ERROR, HC_ERROR_PARSE,
                                      _("%s answered the employments of employee record %s without the expected list (_data), so the list cannot be trusted. Try again later; if the error persists, contact %s support."),
                                      VENDOR_NAME, number, VENDOR_NAME));
        }
      else
        {
          JsonArray *array = json_node_get_array (items);

          /* The most recent first: the current one. */
          if (json_array_get_length (array) > 0)
            g_ptr_array_index (run->employments, index) = json_node_ref (json_array_get_element (array, 0));
          run->done++;
          if (run->progress != NULL && run->pages_done)
            {
              g_autofree char *message = hc_connector_util_fetched_message (VENDOR_NAME, run->done, run->persons->len,
                                                                            HC_CONNECTOR_UTIL_COUNT_LOCALE);

              report (run, (double) run->done / MAX (run->persons->len, 1), message);
            }
        }
    }

  pump (task);
  maybe_return (task);
}

/* Keeps up to HC_PERSONIO_V2_IN_FLIGHT employment lists asked. */
static void
pump (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  while (run->error == NULL && run->in_flight < HC_PERSONIO_V2_IN_FLIGHT &&
         run->next < run->persons->len)
    {
      guint index = run->next++;
      JsonNode *node = g_ptr_array_index (run->persons, index);
      JsonObject *person = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonArray *list = hc_json_member_array (person, "employments");
      g_autofree char *id = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *path = NULL;
      EmploymentRequest *request;

      /* Without an employment, or an id to ask with, there is nothing to
       * ask (a person without an id fails the mapping). */
      if (list == NULL || json_array_get_length (list) == 0 ||
          hc_json_id_text (hc_json_member (person, "id"), FALSE, &id) != HC_JSON_ID_OK)
        {
          run->done++;
          continue;
        }

      escaped = g_uri_escape_string (id, NULL, FALSE);
      path = g_strdup_printf (PERSONS_PATH "/%s/employments?limit=%d", escaped, HC_PERSONIO_V2_PAGE_SIZE);
      request = g_new0 (EmploymentRequest, 1);
      request->task = g_object_ref (task);
      request->index = index;
      run->in_flight++;
      hc_http_get_json_async (run->http, path, run->stop, employments_cb, request);
    }
}

/* Runs on the caller's main context, once per page of persons. */
static gboolean
persons_page_cb (HcHttp           *http,
                 const HcHttpPage *page,
                 gpointer          user_data,
                 GError          **error)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  if (run->error != NULL)
    {
      g_propagate_error (error, g_error_copy (run->error));
      return FALSE;
    }

  for (guint i = 0; i < page->items->len; i++)
    {
      g_ptr_array_add (run->persons, json_node_ref (g_ptr_array_index (page->items, i)));
      g_ptr_array_add (run->employments, NULL);
    }
  g_debug ("Page %u: %u persons, %u in all", page->index + 1, page->items->len, run->persons->len);

  if (run->progress != NULL)
    {
      g_autofree char *message = hc_connector_util_fetched_count_message (VENDOR_NAME, run->persons->len,
                                                                          HC_CONNECTOR_UTIL_COUNT_LOCALE);

      report (run, -1, message);
    }

  pump (task);
  /* The progress callback may have cancelled: stop before the next page. */
  return !g_cancellable_set_error_if_cancelled (run->stop, error);
}

static void
persons_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!hc_http_fetch_pages_finish (HC_HTTP (source), result, NULL, &error))
    run_fail (run, error);
  run->pages_done = TRUE;
  pump (task);
  maybe_return (task);
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;
  JsonNode *items;

  root = hc_http_get_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  items = JSON_NODE_HOLDS_OBJECT (root) ? hc_json_lookup (json_node_get_object (root), "_data") : NULL;
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("%s answered %s without the expected list (%s). Check the base URL in the connector settings; if it is right, contact %s support."),
                               VENDOR_NAME, PERSONS_PATH, "_data", VENDOR_NAME);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* {"access_token": "papi-…", "expires_in": 86400, "token_type": "Bearer"} */
static char *
read_token (JsonNode *root,
            GError  **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *token = hc_json_member_string (object, "access_token");

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
               TOKEN_PATH);
  return NULL;
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;

  root = hc_http_post_form_finish (run->http, result, &error);
  if (root == NULL)
    {
      /* Personio refuses unknown credentials with 400 invalid_client (or
       * 401): a credentials problem, said as one. */
      if (g_error_matches (error, HC_ERROR, HC_ERROR_FAILED) || g_error_matches (error, HC_ERROR, HC_ERROR_AUTH))
        {
          GError *auth = g_error_new (HC_ERROR, HC_ERROR_AUTH,
                                      _("Personio did not accept the API v2 credentials. Check the client ID and the client secret (--client-id, --secret-stdin) in the connector settings. %s"),
                                      error->message);

          g_error_free (error);
          error = auth;
        }
      g_task_return_error (task, error);
      return;
    }
  token = read_token (root, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  hc_connector_util_set_bearer (run->http, token);
  hc_connector_util_wipe (token);

  if (run->test)
    {
      hc_http_get_json_async (run->http, PERSONS_PATH "?limit=1", run->stop, probe_cb, g_steal_pointer (&task));
      return;
    }

  {
    const HcHttpPager pager = {
      .style = HC_HTTP_PAGING_CURSOR,
      .path = PERSONS_PATH,
      .query = "limit={limit}&cursor={cursor}",
      .page_size = HC_PERSONIO_V2_PAGE_SIZE,
      .items_path = "_data",
      .next_path = "_meta.links.next.href",
      .next_is_link = TRUE,
      .id_path = "id",
    };

    hc_http_fetch_pages_async (run->http, &pager, persons_page_cb, task, run->stop,
                               persons_cb, g_object_ref (task));
  }
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *stop)
{
  g_cancellable_cancel (stop);
}

static void
start_run (HcPersonioV2Connector *self,
           GTask                 *task,
           gboolean               test,
           HcProgressFunc         progress,
           gpointer               progress_data)
{
  g_autoptr (GHashTable) fields = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  Run *run;

  run = g_new0 (Run, 1);
  run->self = g_object_ref (self);
  run->test = test;
  run->progress = progress;
  run->progress_data = progress_data;
  run->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  run->employments = g_ptr_array_new_with_free_func (node_unref_or_null);
  run->stop = g_cancellable_new ();
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  if (cancellable != NULL)
    {
      run->caller = g_object_ref (cancellable);
      run->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                              g_object_ref (run->stop), g_object_unref);
    }

  /* One session per run, the secret registered before anything can log
   * it. */
  run->http = hc_http_new (VENDOR_NAME, self->base_url, &error);
  if (run->http == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  hc_http_add_secret (run->http, self->secret);

  fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (fields, "grant_type", "client_credentials");
  g_hash_table_insert (fields, "client_id", self->client_id);
  g_hash_table_insert (fields, "client_secret", self->secret);
  hc_http_post_form_async (run->http, TOKEN_PATH, fields, run->stop, token_cb, task);
}

static void
hc_personio_v2_connector_test_connection_async (HcConnector        *connector,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  g_task_set_source_tag (task, hc_personio_v2_connector_test_connection_async);
  start_run (HC_PERSONIO_V2_CONNECTOR (connector), task, TRUE, NULL, NULL);
}

static gboolean
hc_personio_v2_connector_test_connection_finish (HcConnector  *connector,
                                                 GAsyncResult *result,
                                                 GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
hc_personio_v2_connector_fetch_employees_async (HcConnector        *connector,
                                                HcProgressFunc      progress,
                                                gpointer            progress_data,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  g_task_set_source_tag (task, hc_personio_v2_connector_fetch_employees_async);
  start_run (HC_PERSONIO_V2_CONNECTOR (connector), task, FALSE, progress, progress_data);
}

static GPtrArray *
hc_personio_v2_connector_fetch_employees_finish (HcConnector  *connector,
                                                 GAsyncResult *result,
                                                 GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
hc_personio_v2_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

/* The fields of a person and of an employment as Personio documents them
 * in API v2, with the labels of its reference, then the custom attributes
 * of the last fetch. Brand field names: not translated. */
static GPtrArray *
hc_personio_v2_connector_dup_field_metadata (HcConnector *connector)
{
  static const struct { const char *name; const char *label; HcFieldType type; } fields[] = {
    { "id", "Person ID", HC_FIELD_TYPE_TEXT },
    { "email", "Email", HC_FIELD_TYPE_TEXT },
    { "first_name", "First name", HC_FIELD_TYPE_TEXT },
    { "last_name", "Last name", HC_FIELD_TYPE_TEXT },
    { "preferred_name", "Preferred name", HC_FIELD_TYPE_TEXT },
    { "gender", "Gender", HC_FIELD_TYPE_LIST },
    { "status", "Status", HC_FIELD_TYPE_LIST },
    { "profile_picture.url", "Profile picture", HC_FIELD_TYPE_TEXT },
    { "created_at", "Created at", HC_FIELD_TYPE_DATE },
    { "updated_at", "Updated at", HC_FIELD_TYPE_DATE },
    { "employment.id", "Employment ID", HC_FIELD_TYPE_TEXT },
    { "employment.status", "Employment status", HC_FIELD_TYPE_LIST },
    { "employment.type", "Employment type", HC_FIELD_TYPE_LIST },
    { "employment.position.title", "Position", HC_FIELD_TYPE_TEXT },
    { "employment.supervisor.id", "Supervisor ID", HC_FIELD_TYPE_TEXT },
    { "employment.office.id", "Office ID", HC_FIELD_TYPE_TEXT },
    { "employment.org_units.id", "Org unit IDs", HC_FIELD_TYPE_TEXT },
    { "employment.org_units.type", "Org unit types", HC_FIELD_TYPE_LIST },
    { "employment.legal_entity.id", "Legal entity ID", HC_FIELD_TYPE_TEXT },
    { "employment.cost_centers.id", "Cost center IDs", HC_FIELD_TYPE_TEXT },
    { "employment.employment_start_date", "Employment start date", HC_FIELD_TYPE_DATE },
    { "employment.employment_end_date", "Employment end date", HC_FIELD_TYPE_DATE },
    { "employment.contract_end_date", "Contract end date", HC_FIELD_TYPE_DATE },
    { "employment.probation_end_date", "Probation end date", HC_FIELD_TYPE_DATE },
    { "employment.termination.termination_date", "Termination date", HC_FIELD_TYPE_DATE },
    { "employment.termination.last_working_day", "Last working day", HC_FIELD_TYPE_DATE },
    { "employment.termination.type", "Termination type", HC_FIELD_TYPE_LIST },
    { "employment.weekly_working_hours", "Weekly working hours", HC_FIELD_TYPE_NUMBER },
  };
  HcPersonioV2Connector *self = HC_PERSONIO_V2_CONNECTOR (connector);
  GPtrArray *metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_ptr_array_add (metadata, hc_field_info_new (fields[i].name, fields[i].label, fields[i].type));
  for (guint i = 0; self->custom_fields != NULL && i < self->custom_fields->len; i++)
    g_ptr_array_add (metadata, hc_field_info_copy (g_ptr_array_index (self->custom_fields, i)));
  return metadata;
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->get_vendor_name = hc_personio_v2_connector_get_vendor_name;
  iface->test_connection_async = hc_personio_v2_connector_test_connection_async;
  iface->test_connection_finish = hc_personio_v2_connector_test_connection_finish;
  iface->fetch_employees_async = hc_personio_v2_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_personio_v2_connector_fetch_employees_finish;
  iface->dup_field_metadata = hc_personio_v2_connector_dup_field_metadata;
}
