/* hc-lucca-connector.c — employees from Lucca (legacy Directory v3 users)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-lucca-connector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-connector-pages.h"
#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-lucca-connector.h"

/* A brand: not translated. */
#define VENDOR_NAME  "Lucca"
#define USERS_PATH   "/api/v3/users"
/* Lucca's maximum limit for paging={offset},{limit} (Lucca's legacy
 * Directory API documentation, developers.lucca.fr). */
#define PAGE_SIZE    1000
/* What fetch_employees asks for; see the header for the mapping. */
/* How Lucca's values read as text: strings as they are, whole numbers as
 * integers, others with 15 digits. */
#define LUCCA_TEXT   (HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_WHOLE)
#define USER_FIELDS  "id,name,displayName,firstName,lastName,login,mail,employeeNumber," \
  "jobTitle,dtContractStart,dtContractEnd," \
  "legalEntity.id,legalEntity.name,department.id,department.name," \
  "manager.id,manager.name,extendedData"

struct _HcLuccaConnector
{
  GObject parent_instance;

  char   *base_url;
  char   *api_key;
  GStrv   requested;    /* field-table names asked for, "extendedData.e_x" */
};

enum
{
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcLuccaConnector, hc_lucca_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

static void
hc_lucca_connector_finalize (GObject *object)
{
  HcLuccaConnector *self = HC_LUCCA_CONNECTOR (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->requested, g_strfreev);
  hc_connector_util_clear_secret (&self->api_key);

  G_OBJECT_CLASS (hc_lucca_connector_parent_class)->finalize (object);
}

static void
hc_lucca_connector_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HcLuccaConnector *self = HC_LUCCA_CONNECTOR (object);

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
hc_lucca_connector_class_init (HcLuccaConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_lucca_connector_finalize;
  object_class->get_property = hc_lucca_connector_get_property;

  /* The URL requests go to: the account's https://{host}, or --base-url. */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_lucca_connector_init (HcLuccaConnector *self)
{
}

/* Settings */

static gboolean
host_is_valid (const char *host)
{
  char previous = '.';

  if (*host == '\0' || strlen (host) > 253)
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          if (previous == '.' || previous == '-')
            return FALSE;
        }
      else if (*p == '-')
        {
          if (previous == '.')
            return FALSE;
        }
      else if (!g_ascii_isalnum (*p))
        return FALSE;
      previous = *p;
    }
  return previous != '.' && previous != '-';
}

/* "acme" → https://acme.ilucca.net; "acme.ilucca-demo.net" → that host. */
static char *
base_url_for_account (const char *subdomain,
                      GError    **error)
{
  g_autofree char *account = g_strstrip (g_strdup (subdomain ? subdomain : ""));
  g_autofree char *host = NULL;
  const char *start = account;
  gsize length;

  /* A pasted address is fine, as long as it is only the host. */
  if (g_ascii_strncasecmp (start, "https://", 8) == 0)
    start += 8;
  length = strlen (start);
  while (length > 0 && start[length - 1] == '/')
    length--;
  host = g_ascii_strdown (start, length);

  if (*host == '\0')
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Lucca needs the account name (--subdomain), as in acme for acme.ilucca.net."));
      return NULL;
    }
  if (!host_is_valid (host))
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("The Lucca account (--subdomain) must be a name such as acme, or a whole host such as acme.ilucca.net, without a path, a port or spaces."));
      return NULL;
    }

  if (strchr (host, '.') == NULL)
    return g_strdup_printf ("https://%s.ilucca.net", host);
  return g_strdup_printf ("https://%s", host);
}

HcConnector *
hc_lucca_connector_new (const char *base_url,
                        const char *subdomain,
                        const char *client_id,
                        const char *secret,
                        GError    **error)
{
  g_autoptr (HcLuccaConnector) self = NULL;
  g_autofree char *checked_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  gboolean from_flag = base_url != NULL && *base_url != '\0';

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* client_id: Lucca API keys have none. */
  (void) client_id;

  if (from_flag)
    url = g_strstrip (g_strdup (base_url));
  else if ((url = base_url_for_account (subdomain, error)) == NULL)
    return NULL;

  key = g_strstrip (g_strdup (secret ? secret : ""));
  if (*key == '\0')
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Lucca needs an API key (--secret-stdin). An administrator creates one in Lucca’s API keys settings, with the right to read the employee directory."));
      return NULL;
    }
  if (!hc_connector_util_is_header_token (key))
    {
      /* It would break the Authorization header; not quoted back. */
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("The Lucca API key (--secret-stdin) contains spaces or line breaks. Enter the key alone."));
      return NULL;
    }

  /* hc-http checks the address (https, no credentials in it) once here,
   * so that a bad one is a settings error, not a failed sync. */
  checked_url = hc_connector_util_check_base_url (VENDOR_NAME, url,
                                                  from_flag ? NULL
                                                  : _("On the command line, the account is set with --subdomain."),
                                                  error);
  if (checked_url == NULL)
    return NULL;

  self = g_object_new (HC_TYPE_LUCCA_CONNECTOR, NULL);
  self->base_url = g_steal_pointer (&checked_url);
  self->api_key = g_steal_pointer (&key);
  return HC_CONNECTOR (g_steal_pointer (&self));
}

/* One HcHttp, so one SoupSession, per run, with the key registered as a
 * secret before anything can log it. */
static HcHttp *
create_http (HcLuccaConnector *self,
             GError          **error)
{
  g_autoptr (HcHttp) http = hc_http_new (VENDOR_NAME, self->base_url, error);
  g_autofree char *value = NULL;

  if (http == NULL)
    return NULL;
  hc_http_add_secret (http, self->api_key);
  value = g_strconcat ("lucca application=", self->api_key, NULL);
  hc_http_set_auth_header (http, "Authorization", value);
  hc_connector_util_wipe (value);
  return g_steal_pointer (&http);
}

/* Checked access to the JSON only: never a getter on a node of another
 * type. */

/* For a standard text field: a string, or a number written as text. */
static char *
text_value (JsonNode *node)
{
  GType type = hc_json_value_type (node);

  if (type == G_TYPE_STRING || type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return hc_json_scalar_text (node, LUCCA_TEXT);
  return NULL;
}

/* Lucca ids are integers; a non-empty string is accepted as well. */
static char *
id_value (JsonNode *node)
{
  switch (hc_json_value_type (node))
    {
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);

        return (s != NULL && *s != '\0') ? g_strdup (s) : NULL;
      }
    default:
      return NULL;
    }
}

/* "2014-09-01T00:00:00" (v3's form), "2014-09-01" or any ISO 8601 form
 * that starts with the date → "2014-09-01"; NULL when it is not a date. */
static char *
date_value (JsonNode *node)
{
  if (hc_json_value_type (node) != G_TYPE_STRING)
    return NULL;
  return hc_connector_util_cut_date (json_node_get_string (node), NULL, NULL);
}

/* Raw attributes: every path with the values found there, in order.
 * Arrays add each element under the array's own path, so that their values
 * are joined. */
static void
set_raw_fields (HcEmployee *employee,
                JsonNode   *user)
{
  HcJsonFlat flat;

  hc_json_flat_init (&flat);
  hc_json_flatten (&flat, NULL, user, LUCCA_TEXT);
  hc_json_flat_set_fields (&flat, employee);
  hc_json_flat_clear (&flat);
}

static void
set_text_field (HcEmployee *employee,
                const char *field,
                JsonObject *user,
                const char *path)
{
  g_autofree char *value = text_value (hc_json_lookup (user, path));

  hc_employee_set_field (employee, field, value);
}

/* One v3 user → HcEmployee. @index counts from 1 over the whole list, for
 * messages that must not quote personal data. */
static HcEmployee *
map_user (JsonNode   *node,
          guint64     index,
          const char *today,
          GError    **error)
{
  g_autoptr (HcEmployee) employee = NULL;
  g_autofree char *id = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  /* Formatted outside the message: a G_GUINT64_FORMAT in it would cut it
   * short for xgettext. */
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, index);
  JsonObject *user;
  JsonNode *id_node;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("%s sent employee record %s at %s that is not an object, so the list cannot be trusted. Try again later; if the error persists, contact %s support."),
                   VENDOR_NAME, number, USERS_PATH, VENDOR_NAME);
      return NULL;
    }
  user = json_node_get_object (node);

  id_node = json_object_get_member (user, "id");
  id = id_value (id_node);
  if (id == NULL)
    {
      if (id_node == NULL || JSON_NODE_HOLDS_NULL (id_node) ||
          (hc_json_value_type (id_node) == G_TYPE_STRING && *json_node_get_string (id_node) == '\0'))
        g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                     _("%s sent employee record %s at %s without an id, so the list cannot be trusted. Try again later; if the error persists, contact %s support."),
                     VENDOR_NAME, number, USERS_PATH, VENDOR_NAME);
      else
        g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                     _("%s sent employee record %s at %s with an id that is neither a number nor text, so the list cannot be trusted. Try again later; if the error persists, contact %s support."),
                     VENDOR_NAME, number, USERS_PATH, VENDOR_NAME);
      return NULL;
    }

  employee = hc_employee_new (id);

  /* Every raw attribute first, so that the standard fields below win over
   * a raw member that happened to share their name. */
  set_raw_fields (employee, node);

  set_text_field (employee, HC_FIELD_FIRST_NAME, user, "firstName");
  set_text_field (employee, HC_FIELD_LAST_NAME, user, "lastName");
  set_text_field (employee, HC_FIELD_POSITION, user, "jobTitle");
  set_text_field (employee, HC_FIELD_DEPARTMENT, user, "department.name");
  set_text_field (employee, HC_FIELD_OFFICE, user, "legalEntity.name");

  /* An e-mail address is text; a number there is not one. */
  if (hc_json_value_type (hc_json_lookup (user, "mail")) == G_TYPE_STRING)
    mail = g_strdup (json_node_get_string (hc_json_lookup (user, "mail")));
  hc_employee_set_field (employee, HC_FIELD_EMAIL, mail);

  manager = id_value (hc_json_lookup (user, "manager.id"));
  if (manager == NULL)
    manager = id_value (hc_json_lookup (user, "managerId"));
  hc_employee_set_field (employee, HC_FIELD_MANAGER_ID, manager);

  start = date_value (hc_json_lookup (user, "dtContractStart"));
  end = date_value (hc_json_lookup (user, "dtContractEnd"));
  hc_employee_set_field (employee, HC_FIELD_HIRE_DATE, start);
  hc_employee_set_field (employee, HC_FIELD_END_DATE, end);

  /* v3 has no status: the contract dates say it, as they do for Lucca's
   * own "former employees" (dtContractEnd in the past). The end date is
   * the last day of employment, so that day is still ACTIVE.
   *
   * A date that is there but cannot be read counts as absent, which reads
   * as ACTIVE. That is the safe reading: ACTIVE and ONBOARDING are both in
   * scope, so an unreadable start changes nothing for the sync; reading an
   * unreadable end as INACTIVE could archive (rules.md 9, 16) someone who still
   * works there, on a value Headcount did not understand. The raw value
   * stays in the field table (dtContractEnd…) for filters, and the debug
   * log names the record by id. There is no "on leave" in v3: LEAVE never
   * comes from Lucca. */
  if (end == NULL && hc_json_lookup (user, "dtContractEnd") != NULL &&
      !JSON_NODE_HOLDS_NULL (hc_json_lookup (user, "dtContractEnd")))
    g_debug ("User %s: dtContractEnd is not a date; read as no end date", id);
  if (start == NULL && hc_json_lookup (user, "dtContractStart") != NULL &&
      !JSON_NODE_HOLDS_NULL (hc_json_lookup (user, "dtContractStart")))
    g_debug ("User %s: dtContractStart is not a date; read as started", id);

  if (end != NULL && strcmp (end, today) < 0)
    hc_employee_set_status (employee, HC_EMPLOYEE_STATUS_INACTIVE);
  else if (start != NULL && strcmp (start, today) > 0)
    hc_employee_set_status (employee, HC_EMPLOYEE_STATUS_ONBOARDING);
  else
    hc_employee_set_status (employee, HC_EMPLOYEE_STATUS_ACTIVE);

  return g_steal_pointer (&employee);
}

/* test_connection */

static HcHttp *
create_run_http (HcConnector *connector,
                 GError     **error)
{
  return create_http (HC_LUCCA_CONNECTOR (connector), error);
}

static HcEmployee *
map_item (JsonNode   *item,
          guint64     index,
          const char *today,
          gpointer    user_data,
          GError    **error)
{
  return map_user (item, index, today, error);
}

static void
hc_lucca_connector_test_connection_async (HcConnector        *connector,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  /* One user, its id only: the key works and may read the directory. */
  hc_connector_pages_test_async (connector, hc_lucca_connector_test_connection_async, create_run_http,
                                 USERS_PATH "?fields=id&paging=0,1", "data.items", cancellable, callback, user_data);
}

/* fetch_employees */

/* fields= with the top-level member of each field asked for that the
 * standard list lacks: "culture" for "culture.name"; extendedData brings
 * every custom field already. */
static char *
build_users_path (HcLuccaConnector *self)
{
  g_autoptr (GString) path = g_string_new (USERS_PATH "?fields=" USER_FIELDS);
  g_auto (GStrv) standard = g_strsplit (USER_FIELDS, ",", -1);
  g_autoptr (GHashTable) added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; standard[i] != NULL; i++)
    {
      char *dot = strchr (standard[i], '.');

      if (dot != NULL)
        *dot = '\0';
      g_hash_table_add (added, g_strdup (standard[i]));
    }

  for (guint i = 0; self->requested != NULL && self->requested[i] != NULL; i++)
    {
      g_autofree char *top = g_strdup (self->requested[i]);
      char *dot = strchr (top, '.');
      gboolean plain = *top != '\0';

      if (dot != NULL)
        *dot = '\0';
      for (const char *p = top; *p != '\0'; p++)
        plain = plain && (g_ascii_isalnum (*p) || *p == '_');
      if (!plain || g_hash_table_contains (added, top))
        continue;
      g_string_append_printf (path, ",%s", top);
      g_hash_table_add (added, g_steal_pointer (&top));
    }
  g_string_append (path, "&formerEmployees=true");
  return g_string_free (g_steal_pointer (&path), FALSE);
}

static void
hc_lucca_connector_fetch_employees_async (HcConnector        *connector,
                                          HcProgressFunc      progress,
                                          gpointer            progress_data,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  HcLuccaConnector *self = HC_LUCCA_CONNECTOR (connector);
  g_autofree char *path = build_users_path (self);
  /* formerEmployees=true: people whose contract ended come as INACTIVE
   * instead of vanishing. paging: Lucca's {offset},{limit}; v3 sends no
   * total. Duplicates by id (a list shifting between pages) are delivered
   * once. */
  const HcHttpPager pager = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = path,
    .query = "paging={offset},{limit}",
    .page_size = PAGE_SIZE,
    .first = 0,
    .items_path = "data.items",
    .id_path = "id",
  };
  const HcConnectorPages pages = {
    .noun = "users",
    .create_http = create_run_http,
    .map = map_item,
  };

  hc_connector_pages_fetch_async (connector, hc_lucca_connector_fetch_employees_async, &pages, &pager,
                                  progress, progress_data, cancellable, callback, user_data);
}

static const char *
hc_lucca_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

static void
hc_lucca_connector_set_requested_fields (HcConnector        *connector,
                                         const char * const *fields)
{
  HcLuccaConnector *self = HC_LUCCA_CONNECTOR (connector);

  g_strfreev (self->requested);
  self->requested = g_strdupv ((char **) fields);
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->set_requested_fields = hc_lucca_connector_set_requested_fields;
  iface->get_vendor_name = hc_lucca_connector_get_vendor_name;
  iface->test_connection_async = hc_lucca_connector_test_connection_async;
  iface->test_connection_finish = hc_connector_pages_test_finish;
  iface->fetch_employees_async = hc_lucca_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_connector_pages_fetch_finish;
}
