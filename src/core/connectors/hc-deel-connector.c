/* hc-deel-connector.c — employees from Deel (REST API v2 people)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-deel-connector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-connector-pages.h"
#include "hc-connector-map.h"
#include "hc-connector-util.h"
#include "hc-deel-connector.h"
#include "hc-error.h"
#include "hc-http.h"

/* A brand: not translated. */
#define VENDOR_NAME      "Deel"
#define DEFAULT_BASE_URL "https://api.letsdeel.com/rest/v2"
#define PEOPLE_PATH      "/people"
/* The maximum of the limit parameter of GET /people (Deel's OpenAPI
 * document). */
#define PAGE_SIZE        200
/* How Deel's values read as text: strings as they are, whole numbers as
 * integers, others with 15 digits. */
#define DEEL_TEXT        (HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_WHOLE)

struct _HcDeelConnector
{
  GObject parent_instance;

  char   *base_url;
  char   *token;
};

enum
{
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcDeelConnector, hc_deel_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

static void
hc_deel_connector_finalize (GObject *object)
{
  HcDeelConnector *self = HC_DEEL_CONNECTOR (object);

  g_clear_pointer (&self->base_url, g_free);
  hc_connector_util_clear_secret (&self->token);

  G_OBJECT_CLASS (hc_deel_connector_parent_class)->finalize (object);
}

static void
hc_deel_connector_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HcDeelConnector *self = HC_DEEL_CONNECTOR (object);

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
hc_deel_connector_class_init (HcDeelConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_deel_connector_finalize;
  object_class->get_property = hc_deel_connector_get_property;

  /* The URL requests go to: Deel's, or --base-url. */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_deel_connector_init (HcDeelConnector *self)
{
}

HcConnector *
hc_deel_connector_new (const char *base_url,
                       const char *subdomain,
                       const char *client_id,
                       const char *secret,
                       GError    **error)
{
  g_autoptr (HcDeelConnector) self = NULL;
  g_autofree char *checked_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Deel tokens need no account name nor client id. */
  (void) subdomain;
  (void) client_id;

  url = g_strstrip (g_strdup (base_url != NULL && *base_url != '\0' ? base_url : DEFAULT_BASE_URL));

  token = g_strstrip (g_strdup (secret ? secret : ""));
  if (*token == '\0')
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Deel needs an API token (--secret-stdin). An administrator creates one in Deel’s Developer Center, with the people:read scope."));
      return NULL;
    }
  if (!hc_connector_util_is_header_token (token))
    {
      /* It would break the Authorization header; not quoted back. */
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("The Deel API token (--secret-stdin) contains spaces or line breaks. Enter the token alone."));
      return NULL;
    }

  /* hc-http checks the address (https, no credentials in it) once here,
   * so that a bad one is a settings error, not a failed sync. */
  checked_url = hc_connector_util_check_base_url (VENDOR_NAME, url, NULL, error);
  if (checked_url == NULL)
    return NULL;

  self = g_object_new (HC_TYPE_DEEL_CONNECTOR, NULL);
  self->base_url = g_steal_pointer (&checked_url);
  self->token = g_steal_pointer (&token);
  return HC_CONNECTOR (g_steal_pointer (&self));
}

/* One HcHttp, so one SoupSession, per run, with the token registered as a
 * secret before anything can log it. */
static HcHttp *
create_http (HcDeelConnector *self,
             GError         **error)
{
  g_autoptr (HcHttp) http = hc_http_new (VENDOR_NAME, self->base_url, error);

  if (http == NULL)
    return NULL;
  hc_http_add_secret (http, self->token);
  hc_connector_util_set_bearer (http, self->token);
  return g_steal_pointer (&http);
}

/* The first e-mail of type "work"; a personal address is never used. */
static char *
work_email (JsonObject *person)
{
  JsonArray *emails = hc_json_member_array (person, "emails");

  for (guint i = 0; emails != NULL && i < json_array_get_length (emails); i++)
    {
      JsonNode *element = json_array_get_element (emails, i);
      JsonObject *email;
      const char *type, *value;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      email = json_node_get_object (element);
      type = hc_json_member_string (email, "type");
      value = hc_json_member_string (email, "value");
      if (type != NULL && g_ascii_strcasecmp (type, "work") == 0 && value != NULL && *value != '\0')
        return g_strdup (value);
    }
  return NULL;
}

/* The team of the first employment (contract) that names one. */
static char *
first_team (JsonObject *person)
{
  JsonArray *employments = hc_json_member_array (person, "employments");

  for (guint i = 0; employments != NULL && i < json_array_get_length (employments); i++)
    {
      JsonNode *element = json_array_get_element (employments, i);
      g_autofree char *team = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      team = hc_connector_map_text (hc_json_lookup (json_node_get_object (element), "team.name"), DEEL_TEXT);
      if (team != NULL)
        return g_steal_pointer (&team);
    }
  return NULL;
}

/* Deel's hiring_status into the four statuses (see the header). */
static HcEmployeeStatus
read_status (const char *hiring_status,
             const char *start,
             const char *end,
             const char *today)
{
  static const HcConnectorMapStatusWord words[] = {
    { "onboarding", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "inactive", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_INACTIVE },
    { "leave", HC_CONNECTOR_MAP_CONTAINS, HC_EMPLOYEE_STATUS_LEAVE },
    /* offboarding: still working until the last day */
    { "active", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_ACTIVE },
    { "offboarding", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL }
  };

  return hc_connector_map_status (hiring_status, words, start, end, today);
}

/* One person of GET /people → HcEmployee. @index counts from 1 over the
 * whole list, for messages that must not quote personal data. */
static HcEmployee *
map_person (JsonNode   *node,
            guint64     index,
            const char *today,
            GError    **error)
{
  g_autoptr (HcEmployee) employee = NULL;
  g_autofree char *email = NULL;
  g_autofree char *team = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  JsonObject *person;

  employee = hc_connector_map_begin (node, index, VENDOR_NAME, PEOPLE_PATH, DEEL_TEXT, NULL, NULL, NULL, &person, error);
  if (employee == NULL)
    return NULL;

  hc_connector_map_set_text (employee, HC_FIELD_FIRST_NAME, person, "first_name", DEEL_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_LAST_NAME, person, "last_name", DEEL_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_PREFERRED_NAME, person, "preferred_first_name", DEEL_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_POSITION, person, "job_title", DEEL_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_DEPARTMENT, person, "department.name", DEEL_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_OFFICE, person, "work_location", DEEL_TEXT);

  email = work_email (person);
  hc_employee_set_field (employee, HC_FIELD_EMAIL, email);
  team = first_team (person);
  hc_employee_set_field (employee, HC_FIELD_TEAM, team);

  if (hc_json_id_text (hc_json_lookup (person, "direct_manager.id"), FALSE, &manager) != HC_JSON_ID_OK)
    g_clear_pointer (&manager, g_free);
  hc_employee_set_field (employee, HC_FIELD_MANAGER_ID, manager);

  start = hc_connector_map_date (hc_json_lookup (person, "start_date"));
  end = hc_connector_map_date (hc_json_lookup (person, "direct_employee_termination_last_day"));
  if (end == NULL)
    end = hc_connector_map_date (hc_json_lookup (person, "completion_date"));
  hc_employee_set_field (employee, HC_FIELD_HIRE_DATE, start);
  hc_employee_set_field (employee, HC_FIELD_END_DATE, end);

  hc_employee_set_status (employee,
                          read_status (hc_json_member_string (person, "hiring_status"),
                                       start, end, today));

  return g_steal_pointer (&employee);
}

/* test_connection */

static HcHttp *
create_run_http (HcConnector *connector,
                 GError     **error)
{
  return create_http (HC_DEEL_CONNECTOR (connector), error);
}

static HcEmployee *
map_item (JsonNode   *item,
          guint64     index,
          const char *today,
          gpointer    user_data,
          GError    **error)
{
  return map_person (item, index, today, error);
}

static void
hc_deel_connector_test_connection_async (HcConnector        *connector,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  /* One person: the token works and may read people. */
  hc_connector_pages_test_async (connector, hc_deel_connector_test_connection_async, create_run_http,
                                 PEOPLE_PATH "?offset=0&limit=1", "data", cancellable, callback, user_data);
}

/* fetch_employees */

static void
hc_deel_connector_fetch_employees_async (HcConnector        *connector,
                                         HcProgressFunc      progress,
                                         gpointer            progress_data,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  /* offset/limit; page.total_rows bounds the list. Duplicates by id (a
   * list shifting between pages) are delivered once. */
  const HcHttpPager pager = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = PEOPLE_PATH,
    .query = "offset={offset}&limit={limit}",
    .page_size = PAGE_SIZE,
    .first = 0,
    .items_path = "data",
    .total_path = "page.total_rows",
    .id_path = "id",
  };
  const HcConnectorPages pages = {
    .noun = "people",
    .create_http = create_run_http,
    .map = map_item,
  };

  hc_connector_pages_fetch_async (connector, hc_deel_connector_fetch_employees_async, &pages, &pager,
                                  progress, progress_data, cancellable, callback, user_data);
}

static const char *
hc_deel_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

/* The fields of a person in GET /people as Deel documents them, with the
 * labels of Deel's reference. Brand field names: not translated. */
static GPtrArray *
hc_deel_connector_dup_field_metadata (HcConnector *connector)
{
  static const struct { const char *name; const char *label; HcFieldType type; } fields[] = {
    { "id", "ID", HC_FIELD_TYPE_TEXT },
    { "worker_id", "Worker ID", HC_FIELD_TYPE_NUMBER },
    { "external_id", "External ID", HC_FIELD_TYPE_TEXT },
    { "first_name", "First name", HC_FIELD_TYPE_TEXT },
    { "last_name", "Last name", HC_FIELD_TYPE_TEXT },
    { "full_name", "Full name", HC_FIELD_TYPE_TEXT },
    { "preferred_first_name", "Preferred first name", HC_FIELD_TYPE_TEXT },
    { "preferred_last_name", "Preferred last name", HC_FIELD_TYPE_TEXT },
    { "emails.type", "Email type", HC_FIELD_TYPE_LIST },
    { "emails.value", "Email", HC_FIELD_TYPE_TEXT },
    { "job_title", "Job title", HC_FIELD_TYPE_TEXT },
    { "seniority", "Seniority", HC_FIELD_TYPE_LIST },
    { "hiring_status", "Hiring status", HC_FIELD_TYPE_LIST },
    { "new_hiring_status", "New hiring status", HC_FIELD_TYPE_LIST },
    { "hiring_type", "Hiring type", HC_FIELD_TYPE_LIST },
    { "state", "State", HC_FIELD_TYPE_LIST },
    { "start_date", "Start date", HC_FIELD_TYPE_DATE },
    { "completion_date", "Completion date", HC_FIELD_TYPE_DATE },
    { "direct_employee_termination_last_day", "Termination last day", HC_FIELD_TYPE_DATE },
    { "department.id", "Department ID", HC_FIELD_TYPE_TEXT },
    { "department.name", "Department", HC_FIELD_TYPE_LIST },
    { "department.parent", "Parent department", HC_FIELD_TYPE_LIST },
    { "work_location", "Work location", HC_FIELD_TYPE_LIST },
    { "country", "Country", HC_FIELD_TYPE_LIST },
    { "timezone", "Timezone", HC_FIELD_TYPE_LIST },
    { "client_legal_entity.id", "Legal entity ID", HC_FIELD_TYPE_TEXT },
    { "client_legal_entity.name", "Legal entity", HC_FIELD_TYPE_LIST },
    { "direct_manager.id", "Direct manager ID", HC_FIELD_TYPE_TEXT },
    { "direct_manager.work_email", "Direct manager email", HC_FIELD_TYPE_TEXT },
    { "direct_reports_count", "Direct reports", HC_FIELD_TYPE_NUMBER },
    { "employments.team.name", "Team", HC_FIELD_TYPE_LIST },
    { "employments.contract_status", "Contract status", HC_FIELD_TYPE_LIST },
  };
  GPtrArray *metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_ptr_array_add (metadata, hc_field_info_new (fields[i].name, fields[i].label, fields[i].type));
  return metadata;
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->get_vendor_name = hc_deel_connector_get_vendor_name;
  iface->test_connection_async = hc_deel_connector_test_connection_async;
  iface->test_connection_finish = hc_connector_pages_test_finish;
  iface->fetch_employees_async = hc_deel_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_connector_pages_fetch_finish;
  iface->dup_field_metadata = hc_deel_connector_dup_field_metadata;
}
