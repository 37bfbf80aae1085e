/* hc-merge-connector.c — employees through Merge's unified HRIS API
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-merge-connector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-connector-pages.h"
#include "hc-connector-map.h"
#include "hc-connector-util.h"
#include "hc-connector-secret.h"
#include "hc-merge-connector.h"
#include "hc-error.h"
#include "hc-http.h"

/* A brand: not translated. */
#define VENDOR_NAME      "Merge"
#define DEFAULT_BASE_URL "https://api.merge.dev/api/hris/v1"
#define PEOPLE_PATH      "/employees"
/* The related objects expanded in place of their ids, and the HR system's
 * own record. */
#define FETCH_QUERY      "?expand=manager,groups,work_location,employments&include_remote_data=true"
/* The maximum of page_size (Merge's pagination guide). */
#define PAGE_SIZE        100
/* How Merge's values read as text: strings as they are, whole numbers as
 * integers, others with 15 digits. */
#define MERGE_TEXT        (HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_WHOLE)

struct _HcMergeConnector
{
  GObject    parent_instance;

  char      *base_url;
  char      *token;          /* the API key */
  char      *account_token;
  GPtrArray *custom_fields;  /* "custom_fields.NAME" met by the last fetch */
};

enum
{
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcMergeConnector, hc_merge_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

static void
hc_merge_connector_finalize (GObject *object)
{
  HcMergeConnector *self = HC_MERGE_CONNECTOR (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);
  hc_connector_util_clear_secret (&self->token);
  hc_connector_util_clear_secret (&self->account_token);

  G_OBJECT_CLASS (hc_merge_connector_parent_class)->finalize (object);
}

static void
hc_merge_connector_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HcMergeConnector *self = HC_MERGE_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_merge_connector_class_init (HcMergeConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_merge_connector_finalize;
  object_class->get_property = hc_merge_connector_get_property;

  /* The URL requests go to: Merge's, or --base-url. */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_merge_connector_init (HcMergeConnector *self)
{
}

HcConnector *
hc_merge_connector_new (const char *base_url,
                        const char *subdomain,
                        const char *client_id,
                        const char *secret,
                        GError    **error)
{
  g_autoptr (HcMergeConnector) self = NULL;
  g_autofree char *checked_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autofree char *account = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Merge needs no account name nor client id. */
  (void) subdomain;
  (void) client_id;

  url = g_strstrip (g_strdup (base_url != NULL && *base_url != '\0' ? base_url : DEFAULT_BASE_URL));

  if (secret == NULL || !hc_connector_secret_split (secret, &key, &account))
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Merge needs two secrets (--secret-stdin, one a line): the API key of your Merge organisation, then the account token of the HR system linked in Merge."));
      return NULL;
    }
  g_strstrip (key);
  g_strstrip (account);
  if (!hc_connector_util_is_header_token (key) || !hc_connector_util_is_header_token (account))
    {
      /* It would break a header; not quoted back. */
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("The Merge API key or account token (--secret-stdin) is empty or contains spaces. Enter the key on the first line and the account token on the second, nothing else."));
      hc_connector_util_wipe (key);
      hc_connector_util_wipe (account);
      return NULL;
    }

  /* hc-http checks the address (https, no credentials in it) once here,
   * so that a bad one is a settings error, not a failed sync. */
  checked_url = hc_connector_util_check_base_url (VENDOR_NAME, url, NULL, error);
  if (checked_url == NULL)
    return NULL;

  self = g_object_new (HC_TYPE_MERGE_CONNECTOR, NULL);
  self->base_url = g_steal_pointer (&checked_url);
  self->token = g_steal_pointer (&key);
  self->account_token = g_steal_pointer (&account);
  return HC_CONNECTOR (g_steal_pointer (&self));
}

/* One HcHttp, so one SoupSession, per run, with the token registered as a
 * secret before anything can log it. */
static HcHttp *
create_http (HcMergeConnector *self,
             GError          **error)
{
  g_autoptr (HcHttp) http = hc_http_new (VENDOR_NAME, self->base_url, error);

  if (http == NULL)
    return NULL;
  hc_http_add_secret (http, self->token);
  hc_http_add_secret (http, self->account_token);
  hc_connector_util_set_bearer (http, self->token);
  /* Which customer's HR system: a secret as well, registered above, and
   * its header's name has it redacted from the log. */
  hc_http_set_header (http, "X-Account-Token", self->account_token);
  return g_steal_pointer (&http);
}

/* The name of the first group of @type (DEPARTMENT, TEAM…) in the
 * expanded groups. */
static char *
group_name (JsonObject *employee,
            const char *type)
{
  JsonArray *groups = hc_json_member_array (employee, "groups");

  for (guint i = 0; groups != NULL && i < json_array_get_length (groups); i++)
    {
      JsonNode *element = json_array_get_element (groups, i);
      JsonObject *group;
      const char *group_type;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      group = json_node_get_object (element);
      group_type = hc_json_member_string (group, "type");
      if (group_type != NULL && g_ascii_strcasecmp (group_type, type) == 0)
        {
          g_autofree char *name = hc_connector_map_text (hc_json_member (group, "name"), MERGE_TEXT);

          if (name != NULL)
            return g_steal_pointer (&name);
        }
    }
  return NULL;
}

/* The job title of the first employment that has one. */
static char *
first_job_title (JsonObject *employee)
{
  JsonArray *employments = hc_json_member_array (employee, "employments");

  for (guint i = 0; employments != NULL && i < json_array_get_length (employments); i++)
    {
      JsonNode *element = json_array_get_element (employments, i);
      g_autofree char *title = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      title = hc_connector_map_text (hc_json_member (json_node_get_object (element), "job_title"), MERGE_TEXT);
      if (title != NULL)
        return g_steal_pointer (&title);
    }
  return NULL;
}

/* The manager: an expanded object's id, or the id itself. */
static char *
manager_id (JsonObject *employee)
{
  JsonNode *node = hc_json_member (employee, "manager");
  char *id = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = hc_json_member (json_node_get_object (node), "id");
  if (hc_json_id_text (node, FALSE, &id) != HC_JSON_ID_OK)
    g_clear_pointer (&id, g_free);
  return id;
}

/* Merge's employment_status into the four statuses (see the header). */
static HcEmployeeStatus
read_status (const char *employment_status,
             gboolean    deleted,
             const char *start,
             const char *end,
             const char *today)
{
  static const HcConnectorMapStatusWord words[] = {
    { "PENDING", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "LEAVE", HC_CONNECTOR_MAP_CONTAINS, HC_EMPLOYEE_STATUS_LEAVE },
    { "ACTIVE", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL }
  };

  /* Deleted or INACTIVE: gone, even with a start date to come. */
  if (deleted || (employment_status != NULL && g_ascii_strcasecmp (employment_status, "INACTIVE") == 0))
    return HC_EMPLOYEE_STATUS_INACTIVE;
  return hc_connector_map_status (employment_status, words, start, end, today);
}

/* One Merge Employee → HcEmployee. @index counts from 1 over the whole
 * list, for messages that must not quote personal data. */
static HcEmployee *
map_employee (JsonNode   *node,
              guint64     index,
              const char *today,
              GError    **error)
{
  g_autoptr (HcEmployee) employee = NULL;
  g_autofree char *email = NULL;
  g_autofree char *position = NULL;
  g_autofree char *department = NULL;
  g_autofree char *team = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  JsonObject *person;
  JsonNode *deleted;

  employee = hc_connector_map_begin (node, index, VENDOR_NAME, PEOPLE_PATH, MERGE_TEXT, NULL, NULL, NULL, &person, error);
  if (employee == NULL)
    return NULL;

  hc_connector_map_set_text (employee, HC_FIELD_FIRST_NAME, person, "first_name", MERGE_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_LAST_NAME, person, "last_name", MERGE_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_PREFERRED_NAME, person, "preferred_name", MERGE_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_OFFICE, person, "work_location.name", MERGE_TEXT);

  /* The work address only; personal_email never. */
  if (hc_json_member_string (person, "work_email") != NULL && *hc_json_member_string (person, "work_email") != '\0')
    email = g_strdup (hc_json_member_string (person, "work_email"));
  hc_employee_set_field (employee, HC_FIELD_EMAIL, email);
  position = first_job_title (person);
  hc_employee_set_field (employee, HC_FIELD_POSITION, position);
  department = group_name (person, "DEPARTMENT");
  hc_employee_set_field (employee, HC_FIELD_DEPARTMENT, department);
  team = group_name (person, "TEAM");
  hc_employee_set_field (employee, HC_FIELD_TEAM, team);
  manager = manager_id (person);
  hc_employee_set_field (employee, HC_FIELD_MANAGER_ID, manager);

  start = hc_connector_map_date (hc_json_member (person, "start_date"));
  if (start == NULL)
    start = hc_connector_map_date (hc_json_member (person, "hire_date"));
  end = hc_connector_map_date (hc_json_member (person, "termination_date"));
  hc_employee_set_field (employee, HC_FIELD_HIRE_DATE, start);
  hc_employee_set_field (employee, HC_FIELD_END_DATE, end);

  deleted = hc_json_member (person, "remote_was_deleted");
  hc_employee_set_status (employee,
                          read_status (hc_json_member_string (person, "employment_status"),
                                       hc_json_value_type (deleted) == G_TYPE_BOOLEAN &&
                                       json_node_get_boolean (deleted),
                                       start, end, today));

  return g_steal_pointer (&employee);
}

/* test_connection */

static HcHttp *
create_run_http (HcConnector *connector,
                 GError     **error)
{
  return create_http (HC_MERGE_CONNECTOR (connector), error);
}

static void
hc_merge_connector_test_connection_async (HcConnector        *connector,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  /* One employee: the key and the account token work, and may read
   * employees. */
  hc_connector_pages_test_async (connector, hc_merge_connector_test_connection_async, create_run_http,
                                 PEOPLE_PATH "?page_size=1", "results", cancellable, callback, user_data);
}

/* fetch_employees */

/* The custom fields of @node, for the field metadata. */
static void
note_custom_fields (HcMergeConnector *self,
                    JsonNode         *node)
{
  JsonObject *custom = JSON_NODE_HOLDS_OBJECT (node) ?
                       hc_json_member_object (json_node_get_object (node), "custom_fields") : NULL;
  g_autoptr (GList) names = custom ? json_object_get_members (custom) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *field = g_strconcat ("custom_fields.", (const char *) l->data, NULL);

      if (!g_ptr_array_find_with_equal_func (self->custom_fields, field, g_str_equal, NULL))
        g_ptr_array_add (self->custom_fields, g_steal_pointer (&field));
    }
}

static HcEmployee *
map_item (JsonNode   *item,
          guint64     index,
          const char *today,
          gpointer    user_data,
          GError    **error)
{
  HcEmployee *employee = map_employee (item, index, today, error);

  if (employee != NULL)
    note_custom_fields (HC_MERGE_CONNECTOR (user_data), item);
  return employee;
}

static void
hc_merge_connector_fetch_employees_async (HcConnector        *connector,
                                          HcProgressFunc      progress,
                                          gpointer            progress_data,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  HcMergeConnector *self = HC_MERGE_CONNECTOR (connector);
  /* Merge's cursor: "next" until null; a cursor that comes back is an
   * error, not a loop. Duplicates by id are delivered once. */
  const HcHttpPager pager = {
    .style = HC_HTTP_PAGING_CURSOR,
    .path = PEOPLE_PATH FETCH_QUERY,
    .query = "page_size={limit}&cursor={cursor}",
    .page_size = PAGE_SIZE,
    .items_path = "results",
    .next_path = "next",
    .id_path = "id",
  };
  /* The task holds @self (its source object) until the fetch ends. */
  const HcConnectorPages pages = {
    .noun = "employees",
    .create_http = create_run_http,
    .map = map_item,
    .map_data = self,
  };

  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);
  self->custom_fields = g_ptr_array_new_with_free_func (g_free);

  hc_connector_pages_fetch_async (connector, hc_merge_connector_fetch_employees_async, &pages, &pager,
                                  progress, progress_data, cancellable, callback, user_data);
}

static const char *
hc_merge_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

/* The fields of Merge's Employee model, with the labels of Merge's
 * reference, and the custom fields the last fetch met. Brand field names:
 * not translated. */
static GPtrArray *
hc_merge_connector_dup_field_metadata (HcConnector *connector)
{
  HcMergeConnector *self = HC_MERGE_CONNECTOR (connector);
  static const struct { const char *name; const char *label; HcFieldType type; } fields[] = {
    { "id", "ID", HC_FIELD_TYPE_TEXT },
    { "remote_id", "Remote ID", HC_FIELD_TYPE_TEXT },
    { "employee_number", "Employee number", HC_FIELD_TYPE_TEXT },
    { "first_name", "First name", HC_FIELD_TYPE_TEXT },
    { "last_name", "Last name", HC_FIELD_TYPE_TEXT },
    { "preferred_name", "Preferred name", HC_FIELD_TYPE_TEXT },
    { "display_full_name", "Display full name", HC_FIELD_TYPE_TEXT },
    { "username", "Username", HC_FIELD_TYPE_TEXT },
    { "work_email", "Work email", HC_FIELD_TYPE_TEXT },
    { "employment_status", "Employment status", HC_FIELD_TYPE_LIST },
    { "start_date", "Start date", HC_FIELD_TYPE_DATE },
    { "hire_date", "Hire date", HC_FIELD_TYPE_DATE },
    { "termination_date", "Termination date", HC_FIELD_TYPE_DATE },
    { "manager.id", "Manager ID", HC_FIELD_TYPE_TEXT },
    { "manager.work_email", "Manager work email", HC_FIELD_TYPE_TEXT },
    { "groups.name", "Groups", HC_FIELD_TYPE_LIST },
    { "groups.type", "Group types", HC_FIELD_TYPE_LIST },
    { "work_location.name", "Work location", HC_FIELD_TYPE_LIST },
    { "employments.job_title", "Job title", HC_FIELD_TYPE_TEXT },
    { "employments.employment_type", "Employment type", HC_FIELD_TYPE_LIST },
    { "company", "Company", HC_FIELD_TYPE_TEXT },
    { "remote_was_deleted", "Deleted in the HR system", HC_FIELD_TYPE_BOOLEAN },
  };
  GPtrArray *metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_ptr_array_add (metadata, hc_field_info_new (fields[i].name, fields[i].label, fields[i].type));
  for (guint i = 0; self->custom_fields != NULL && i < self->custom_fields->len; i++)
    {
      const char *name = g_ptr_array_index (self->custom_fields, i);

      g_ptr_array_add (metadata, hc_field_info_new (name, name + strlen ("custom_fields."), HC_FIELD_TYPE_UNKNOWN));
    }
  return metadata;
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->get_vendor_name = hc_merge_connector_get_vendor_name;
  iface->test_connection_async = hc_merge_connector_test_connection_async;
  iface->test_connection_finish = hc_connector_pages_test_finish;
  iface->fetch_employees_async = hc_merge_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_connector_pages_fetch_finish;
  iface->dup_field_metadata = hc_merge_connector_dup_field_metadata;
}
