/* hc-apideck-connector.c — employees through Apideck's unified HRIS API
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-apideck-connector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-apideck-connector.h"
#include "hc-connector-pages.h"
#include "hc-connector-map.h"
#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-http.h"

/* A brand: not translated. */
#define VENDOR_NAME      "Apideck"
#define DEFAULT_BASE_URL "https://unify.apideck.com"
#define EMPLOYEES_PATH   "/hris/employees"
/* The maximum of the limit parameter (Apideck's HRIS API reference). */
#define PAGE_SIZE        200
#define APIDECK_TEXT     (HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_WHOLE)
#define CUSTOM_PREFIX    "custom_fields."

struct _HcApideckConnector
{
  GObject    parent_instance;

  char      *base_url;
  char      *app_id;
  char      *consumer_id;
  char      *service_id;
  char      *token;
  /* "custom_fields.NAME" of each custom field the last fetch met */
  GPtrArray *custom_fields;
};

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcApideckConnector, hc_apideck_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

static void
hc_apideck_connector_finalize (GObject *object)
{
  HcApideckConnector *self = HC_APIDECK_CONNECTOR (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->app_id, g_free);
  g_clear_pointer (&self->consumer_id, g_free);
  g_clear_pointer (&self->service_id, g_free);
  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);
  hc_connector_util_clear_secret (&self->token);

  G_OBJECT_CLASS (hc_apideck_connector_parent_class)->finalize (object);
}

static void
hc_apideck_connector_class_init (HcApideckConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_apideck_connector_finalize;
}

static void
hc_apideck_connector_init (HcApideckConnector *self)
{
}

HcConnector *
hc_apideck_connector_new (const char *base_url,
                          const char *app_id,
                          const char *consumer_id,
                          const char *service_id,
                          const char *secret,
                          GError    **error)
{
  g_autoptr (HcApideckConnector) self = NULL;
  g_autofree char *checked_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *app = hc_connector_util_dup_setting (app_id);
  g_autofree char *consumer = hc_connector_util_dup_setting (consumer_id);
  g_autofree char *service = hc_connector_util_dup_setting (service_id);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  url = g_strstrip (g_strdup (base_url != NULL && *base_url != '\0' ? base_url : DEFAULT_BASE_URL));

  if (!hc_connector_util_is_header_token (app))
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Apideck needs the application ID (--app-id), one word without spaces. It is shown in the Apideck dashboard under Configuration → API keys."));
      return NULL;
    }
  if (!hc_connector_util_is_header_token (consumer))
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Apideck needs the consumer ID (--consumer-id), one word without spaces: the consumer in Apideck Vault whose HR system Headcount reads."));
      return NULL;
    }
  if (service != NULL && !hc_connector_util_is_header_token (service))
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("The Apideck service ID (--service-id) is one word without spaces, such as bamboohr or workday."));
      return NULL;
    }

  token = g_strstrip (g_strdup (secret ? secret : ""));
  if (*token == '\0')
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Apideck needs an API key (--secret-stdin). It is shown in the Apideck dashboard under Configuration → API keys."));
      return NULL;
    }
  if (!hc_connector_util_is_header_token (token))
    {
      /* It would break the Authorization header; not quoted back. */
      hc_connector_util_wipe (token);
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("The Apideck API key (--secret-stdin) contains spaces or line breaks. Enter the key alone."));
      return NULL;
    }

  /* hc-http checks the address (https, no credentials in it) once here,
   * so that a bad one is a settings error, not a failed sync. */
  checked_url = hc_connector_util_check_base_url (VENDOR_NAME, url, NULL, error);
  if (checked_url == NULL)
    return NULL;

  self = g_object_new (HC_TYPE_APIDECK_CONNECTOR, NULL);
  self->base_url = g_steal_pointer (&checked_url);
  self->app_id = g_steal_pointer (&app);
  self->consumer_id = g_steal_pointer (&consumer);
  self->service_id = g_steal_pointer (&service);
  self->token = g_steal_pointer (&token);
  return HC_CONNECTOR (g_steal_pointer (&self));
}

/* One HcHttp, so one SoupSession, per run, with the key registered as a
 * secret before anything can log it. */
static HcHttp *
create_http (HcConnector *connector,
             GError     **error)
{
  HcApideckConnector *self = HC_APIDECK_CONNECTOR (connector);
  g_autoptr (HcHttp) http = hc_http_new (VENDOR_NAME, self->base_url, error);

  if (http == NULL)
    return NULL;
  hc_http_add_secret (http, self->token);
  hc_connector_util_set_bearer (http, self->token);
  hc_http_set_header (http, "x-apideck-app-id", self->app_id);
  hc_http_set_header (http, "x-apideck-consumer-id", self->consumer_id);
  if (self->service_id != NULL)
    hc_http_set_header (http, "x-apideck-service-id", self->service_id);
  return g_steal_pointer (&http);
}

/* The first object of @array whose member @name is @value
 * (case-insensitive); any object when @value is NULL. */
static JsonObject *
find_object (JsonArray  *array,
             const char *name,
             const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *member;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      member = hc_json_member_string (json_node_get_object (element), name);
      if (value == NULL || (member != NULL && g_ascii_strcasecmp (member, value) == 0))
        return json_node_get_object (element);
    }
  return NULL;
}

/* A work address, else the primary one; never a personal one. */
static char *
work_email (JsonObject *person)
{
  JsonArray *emails = hc_json_member_array (person, "emails");
  const char *types[] = { "work", "primary" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *email = hc_connector_map_text (hc_json_member (find_object (emails, "type", types[i]), "email"), APIDECK_TEXT);

      if (email != NULL)
        return g_steal_pointer (&email);
    }
  return NULL;
}

static char *
position (JsonObject *person)
{
  char *title = hc_connector_map_text (hc_json_member (person, "title"), APIDECK_TEXT);

  if (title == NULL)
    title = hc_connector_map_text (hc_json_member (find_object (hc_json_member_array (person, "jobs"), "title", NULL),
                                                   "title"), APIDECK_TEXT);
  return title;
}

static char *
office (JsonObject *person)
{
  JsonObject *job = find_object (hc_json_member_array (person, "jobs"), "id", NULL);
  char *city = hc_connector_map_text (hc_json_lookup (job, "location.city"), APIDECK_TEXT);

  if (city == NULL)
    city = hc_connector_map_text (hc_json_member (find_object (hc_json_member_array (person, "addresses"), "type", "work"),
                                                  "city"), APIDECK_TEXT);
  return city;
}

/* Apideck's employment_status into the four statuses (see the header). */
static HcEmployeeStatus
read_status (const char *employment_status,
             const char *start,
             const char *end,
             const char *today)
{
  /* "other", or none: the dates say it. */
  static const HcConnectorMapStatusWord words[] = {
    { "inactive", HC_CONNECTOR_MAP_EXACT, HC_EMPLOYEE_STATUS_INACTIVE },
    { "terminated", HC_CONNECTOR_MAP_EXACT, HC_EMPLOYEE_STATUS_INACTIVE },
    { "active", HC_CONNECTOR_MAP_EXACT, HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL }
  };

  return hc_connector_map_status (employment_status, words, start, end, today);
}

/* Each custom field as "custom_fields.NAME" (its id without a name), and
 * noted for the field metadata. */
static void
add_custom_fields (HcApideckConnector *self,
                   HcJsonFlat         *flat,
                   JsonArray          *custom)
{
  for (guint i = 0; custom != NULL && i < json_array_get_length (custom); i++)
    {
      JsonNode *element = json_array_get_element (custom, i);
      JsonObject *field;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *value = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      field = json_node_get_object (element);
      name = hc_connector_map_text (hc_json_member (field, "name"), APIDECK_TEXT);
      if (name == NULL)
        name = hc_connector_map_text (hc_json_member (field, "id"), APIDECK_TEXT);
      if (name == NULL)
        continue;
      path = g_strconcat (CUSTOM_PREFIX, name, NULL);
      value = hc_json_value_text (hc_json_member (field, "value"), APIDECK_TEXT);
      if (value != NULL)
        hc_json_flat_add (flat, path, value);
      if (!g_ptr_array_find_with_equal_func (self->custom_fields, path, g_str_equal, NULL))
        g_ptr_array_add (self->custom_fields, g_steal_pointer (&path));
    }
}

/* The custom fields, after the members (hc_connector_map_begin()). */
static void
add_custom_fields_cb (HcJsonFlat *flat,
                      JsonObject *item,
                      gpointer    user_data)
{
  add_custom_fields (user_data, flat, hc_json_member_array (item, "custom_fields"));
}

/* One Apideck Employee → HcEmployee. @index counts from 1 over the whole
 * list, for messages that must not quote personal data. */
static HcEmployee *
map_employee (JsonNode   *node,
              guint64     index,
              const char *today,
              gpointer    user_data,
              GError    **error)
{
  HcApideckConnector *self = user_data;
  g_autoptr (HcEmployee) employee = NULL;
  g_autofree char *email = NULL;
  g_autofree char *title = NULL;
  g_autofree char *city = NULL;
  g_autofree char *department = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  static const char * const skip[] = { "custom_fields", NULL };
  JsonObject *person;

  employee = hc_connector_map_begin (node, index, VENDOR_NAME, EMPLOYEES_PATH, APIDECK_TEXT, skip,
                                     add_custom_fields_cb, self, &person, error);
  if (employee == NULL)
    return NULL;

  hc_connector_map_set_text (employee, HC_FIELD_FIRST_NAME, person, "first_name", APIDECK_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_LAST_NAME, person, "last_name", APIDECK_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_PREFERRED_NAME, person, "preferred_name", APIDECK_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_TEAM, person, "team.name", APIDECK_TEXT);

  email = work_email (person);
  hc_employee_set_field (employee, HC_FIELD_EMAIL, email);
  title = position (person);
  hc_employee_set_field (employee, HC_FIELD_POSITION, title);
  department = hc_connector_map_text (hc_json_member (person, "department_name"), APIDECK_TEXT);
  if (department == NULL)
    department = hc_connector_map_text (hc_json_member (person, "department"), APIDECK_TEXT);
  hc_employee_set_field (employee, HC_FIELD_DEPARTMENT, department);
  city = office (person);
  hc_employee_set_field (employee, HC_FIELD_OFFICE, city);

  if (hc_json_id_text (hc_json_lookup (person, "manager.id"), FALSE, &manager) != HC_JSON_ID_OK)
    g_clear_pointer (&manager, g_free);
  hc_employee_set_field (employee, HC_FIELD_MANAGER_ID, manager);

  start = hc_connector_map_date (hc_json_member (person, "employment_start_date"));
  end = hc_connector_map_date (hc_json_member (person, "employment_end_date"));
  hc_employee_set_field (employee, HC_FIELD_HIRE_DATE, start);
  hc_employee_set_field (employee, HC_FIELD_END_DATE, end);

  hc_employee_set_status (employee,
                          read_status (hc_json_member_string (person, "employment_status"), start, end, today));

  return g_steal_pointer (&employee);
}

static void
hc_apideck_connector_test_connection_async (HcConnector        *connector,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data)
{
  /* One employee: the key, the application and the consumer work, and
   * may read employees. */
  hc_connector_pages_test_async (connector, hc_apideck_connector_test_connection_async, create_http,
                                 EMPLOYEES_PATH "?limit=1", "data", cancellable, callback, user_data);
}

static void
hc_apideck_connector_fetch_employees_async (HcConnector        *connector,
                                            HcProgressFunc      progress,
                                            gpointer            progress_data,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data)
{
  HcApideckConnector *self = HC_APIDECK_CONNECTOR (connector);
  /* Apideck's cursor: meta.cursors.next until null; a cursor that comes
   * back is an error, not a loop. Duplicates by id are delivered once. */
  const HcHttpPager pager = {
    .style = HC_HTTP_PAGING_CURSOR,
    .path = EMPLOYEES_PATH,
    .query = "limit={limit}&cursor={cursor}",
    .page_size = PAGE_SIZE,
    .items_path = "data",
    .next_path = "meta.cursors.next",
    .id_path = "id",
  };
  /* The task holds @self (its source object) until the fetch ends. */
  const HcConnectorPages pages = {
    .noun = "employees",
    .create_http = create_http,
    .map = map_employee,
    .map_data = self,
  };

  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);
  self->custom_fields = g_ptr_array_new_with_free_func (g_free);

  hc_connector_pages_fetch_async (connector, hc_apideck_connector_fetch_employees_async, &pages, &pager,
                                  progress, progress_data, cancellable, callback, user_data);
}

static const char *
hc_apideck_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

/* The fields of Apideck's Employee model, with the titles of Apideck's
 * reference, and the custom fields the last fetch met. Brand field names:
 * not translated. */
static GPtrArray *
hc_apideck_connector_dup_field_metadata (HcConnector *connector)
{
  HcApideckConnector *self = HC_APIDECK_CONNECTOR (connector);
  static const struct { const char *name; const char *label; HcFieldType type; } fields[] = {
    { "id", "ID", HC_FIELD_TYPE_TEXT },
    { "downstream_id", "Downstream ID", HC_FIELD_TYPE_TEXT },
    { "employee_number", "Employee number", HC_FIELD_TYPE_TEXT },
    { "first_name", "First name", HC_FIELD_TYPE_TEXT },
    { "last_name", "Last name", HC_FIELD_TYPE_TEXT },
    { "preferred_name", "Preferred name", HC_FIELD_TYPE_TEXT },
    { "display_name", "Display name", HC_FIELD_TYPE_TEXT },
    { "title", "Job title", HC_FIELD_TYPE_TEXT },
    { "emails.email", "Email", HC_FIELD_TYPE_TEXT },
    { "emails.type", "Email type", HC_FIELD_TYPE_LIST },
    { "employment_status", "Employment status", HC_FIELD_TYPE_LIST },
    { "employment_role.type", "Employment type", HC_FIELD_TYPE_LIST },
    { "employment_role.sub_type", "Employment sub type", HC_FIELD_TYPE_LIST },
    { "employment_start_date", "Employee start date", HC_FIELD_TYPE_DATE },
    { "employment_end_date", "Employee end date", HC_FIELD_TYPE_DATE },
    { "leaving_reason", "Leaving reason", HC_FIELD_TYPE_LIST },
    { "department_id", "Department ID", HC_FIELD_TYPE_TEXT },
    { "department_name", "Department", HC_FIELD_TYPE_LIST },
    { "division", "Division", HC_FIELD_TYPE_LIST },
    { "team.id", "Team ID", HC_FIELD_TYPE_TEXT },
    { "team.name", "Team", HC_FIELD_TYPE_LIST },
    { "company_id", "Company ID", HC_FIELD_TYPE_TEXT },
    { "company_name", "Company", HC_FIELD_TYPE_LIST },
    { "manager.id", "Manager ID", HC_FIELD_TYPE_TEXT },
    { "manager.name", "Manager name", HC_FIELD_TYPE_TEXT },
    { "manager.email", "Manager email", HC_FIELD_TYPE_TEXT },
    { "jobs.title", "Jobs", HC_FIELD_TYPE_TEXT },
    { "jobs.location.city", "Work location", HC_FIELD_TYPE_LIST },
    { "addresses.city", "City", HC_FIELD_TYPE_LIST },
    { "works_remote", "Works remote", HC_FIELD_TYPE_BOOLEAN },
    { "timezone", "Timezone", HC_FIELD_TYPE_LIST },
    { "tags", "Tags", HC_FIELD_TYPE_LIST },
    { "deleted", "Deleted", HC_FIELD_TYPE_BOOLEAN },
  };
  GPtrArray *metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_ptr_array_add (metadata, hc_field_info_new (fields[i].name, fields[i].label, fields[i].type));
  for (guint i = 0; self->custom_fields != NULL && i < self->custom_fields->len; i++)
    {
      const char *name = g_ptr_array_index (self->custom_fields, i);

      g_ptr_array_add (metadata, hc_field_info_new (name, name + strlen (CUSTOM_PREFIX), HC_FIELD_TYPE_UNKNOWN));
    }
  return metadata;
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->get_vendor_name = hc_apideck_connector_get_vendor_name;
  iface->test_connection_async = hc_apideck_connector_test_connection_async;
  iface->test_connection_finish = hc_connector_pages_test_finish;
  iface->fetch_employees_async = hc_apideck_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_connector_pages_fetch_finish;
  iface->dup_field_metadata = hc_apideck_connector_dup_field_metadata;
}
