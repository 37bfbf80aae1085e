/* hc-bamboohr-connector.c — BambooHR: the employees of a company through the
 * custom report of its public API
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-bamboohr"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-bamboohr-connector.h"
#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-http.h"

#define VENDOR_NAME        "BambooHR"
#define DEFAULT_DOMAIN     ".bamboohr.com"
#define FIELDS_PATH        "/api/v1/meta/fields"
#define REPORT_PATH        "/api/v1/reports/custom"
/* The spec's enum for format is lower case: Prism refuses "JSON". */
#define REPORT_QUERY       "?format=json"
#define MAX_REPORT_FIELDS  400   /* BambooHR's limit per report */
#define PROGRESS_EVERY     500   /* records between two progress reports */

/* Strings trimmed, nothing empty. */
#define BAMBOOHR_TEXT      (HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY)

/* The raw "status" would clash with the normalised one. */
#define RAW_STATUS_KEY     "bamboohr.status"

struct _HcBamboohrConnector
{
  GObject    parent_instance;

  char      *base_url;
  char      *api_key;
  GPtrArray *metadata;    /* HcFieldInfo*, from the last field list read */
  GStrv      requested;   /* fields asked for by name, alias or label slug */
};

enum {
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcBamboohrConnector, hc_bamboohr_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

/* The fields every report asks for, besides the custom ones. */
static const char * const standard_fields[] = {
  "id", "employeeNumber", "firstName", "lastName", "preferredName", "displayName",
  "workEmail", "status", "employmentHistoryStatus", "jobTitle", "department",
  "division", "location", "teams", "supervisorEId", "supervisor", "hireDate",
  "terminationDate",
};

/* Names a label slug must not take: the normalised fields. */
static const char * const reserved_names[] = {
  HC_FIELD_ID, HC_FIELD_STATUS, HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME,
  HC_FIELD_PREFERRED_NAME, HC_FIELD_EMAIL, HC_FIELD_POSITION, HC_FIELD_DEPARTMENT,
  HC_FIELD_TEAM, HC_FIELD_OFFICE, HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE,
  HC_FIELD_END_DATE, RAW_STATUS_KEY,
};

static void
hc_bamboohr_connector_finalize (GObject *object)
{
  HcBamboohrConnector *self = HC_BAMBOOHR_CONNECTOR (object);

  g_free (self->base_url);
  g_clear_pointer (&self->metadata, g_ptr_array_unref);
  g_clear_pointer (&self->requested, g_strfreev);
  hc_connector_util_clear_secret (&self->api_key);

  G_OBJECT_CLASS (hc_bamboohr_connector_parent_class)->finalize (object);
}

static void
hc_bamboohr_connector_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  HcBamboohrConnector *self = HC_BAMBOOHR_CONNECTOR (object);

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
hc_bamboohr_connector_class_init (HcBamboohrConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_bamboohr_connector_finalize;
  object_class->get_property = hc_bamboohr_connector_get_property;

  /* The base URL the requests go to: the override, or the company's own. */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_bamboohr_connector_init (HcBamboohrConnector *self)
{
}

/* Settings */

/* "acme", "ACME", "acme.bamboohr.com" → "acme"; NULL when it cannot be a
 * DNS label. */
static char *
normalize_subdomain (const char *subdomain)
{
  g_autofree char *s = g_ascii_strdown (subdomain, -1);
  gsize length;

  g_strstrip (s);
  if (g_str_has_suffix (s, DEFAULT_DOMAIN))
    s[strlen (s) - strlen (DEFAULT_DOMAIN)] = '\0';

  length = strlen (s);
  if (length == 0 || length > 63 || s[0] == '-' || s[length - 1] == '-')
    return NULL;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '-')
      return NULL;
  return g_steal_pointer (&s);
}

static gboolean
api_key_is_valid (const char *key)
{
  /* The key is the user name of HTTP Basic: no colon, nothing invisible. */
  for (const char *p = key; *p != '\0'; p++)
    if (*p == ':' || g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

HcConnector *
hc_bamboohr_connector_new (const char *base_url,
                           const char *subdomain,
                           const char *client_id,
                           const char *secret,
                           GError    **error)
{
  g_autoptr (HcBamboohrConnector) self = NULL;
  g_autoptr (HcHttp) http = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (base_url != NULL && *base_url != '\0')
    url = g_strdup (base_url);
  else if (subdomain == NULL || *subdomain == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("BambooHR needs the company subdomain (--subdomain), as in acme for acme.bamboohr.com."));
      return NULL;
    }
  else
    {
      g_autofree char *label = normalize_subdomain (subdomain);

      if (label == NULL)
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("The BambooHR company subdomain (--subdomain) “%s” is not valid: enter the first part of the company’s address, as in acme for acme.bamboohr.com."),
                       subdomain);
          return NULL;
        }
      url = g_strconcat ("https://", label, DEFAULT_DOMAIN, NULL);
    }

  key = g_strstrip (g_strdup (secret ? secret : ""));
  if (*key == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("BambooHR needs an API key (--secret-stdin). Create one in BambooHR under your account menu, “API Keys”."));
      return NULL;
    }
  if (!api_key_is_valid (key))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The BambooHR API key (--secret-stdin) contains spaces, a colon or control characters, which an API key never has. Paste the key again."));
      return NULL;
    }

  /* The same checks as every run's, now, so that a bad address is a
   * configuration error at once. */
  http = hc_http_new (VENDOR_NAME, url, &local_error);
  if (http == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   base_url != NULL && *base_url != '\0'
                   ? _("The BambooHR base URL (--base-url) is not usable: %s")
                   : _("The BambooHR company subdomain (--subdomain) is not usable: %s"),
                   local_error->message);
      return NULL;
    }

  self = g_object_new (HC_TYPE_BAMBOOHR_CONNECTOR, NULL);
  self->base_url = g_strdup (hc_http_get_base_url (http));
  self->api_key = g_steal_pointer (&key);
  return HC_CONNECTOR (g_steal_pointer (&self));
}

/* One HcHttp, hence one SoupSession, per run. */
static HcHttp *
create_http (HcBamboohrConnector *self,
             GError             **error)
{
  g_autoptr (HcHttp) http = hc_http_new (VENDOR_NAME, self->base_url, error);
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *header = NULL;

  if (http == NULL)
    return NULL;

  hc_http_add_secret (http, self->api_key);
  /* BambooHR: the key as the user name, any password */
  credentials = g_strconcat (self->api_key, ":x", NULL);
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  header = g_strconcat ("Basic ", encoded, NULL);
  hc_http_set_auth_header (http, "Authorization", header);
  hc_http_set_header (http, "Accept", "application/json");

  hc_connector_util_wipe (credentials);
  hc_connector_util_wipe (header);
  return g_steal_pointer (&http);
}

static JsonNode *
build_report_request (const char *title,
                      GPtrArray  *fields)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < fields->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (fields, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Reading values, with checked access only */

/* Only a string is an e-mail address or a date. */
static char *
string_text (JsonNode *node)
{
  if (hc_json_value_type (node) != G_TYPE_STRING)
    return NULL;
  return hc_json_scalar_text (node, BAMBOOHR_TEXT);
}

/* Ids are strings in BambooHR's reports; an integer is read as one too. */
static char *
id_text (JsonNode *node)
{
  if (hc_json_value_type (node) != G_TYPE_STRING && hc_json_value_type (node) != G_TYPE_INT64)
    return NULL;
  return hc_json_scalar_text (node, BAMBOOHR_TEXT);
}

/* "2024-03-01", "2024-03-01T00:00:00+01:00" → "2024-03-01"; NULL for
 * "0000-00-00" (BambooHR's empty date) and for anything else. */
static char *
date_text (JsonNode *node)
{
  g_autofree char *text = string_text (node);

  return hc_connector_util_cut_date (text, NULL, NULL);
}

static gboolean
is_reserved_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (reserved_names); i++)
    if (g_str_equal (name, reserved_names[i]))
      return TRUE;
  return FALSE;
}

/* The field table */

static void
set_raw_field (HcEmployee *employee,
               const char *key,
               const char *value)
{
  /* the id is the employee's own; "status" is the normalised status */
  if (g_str_equal (key, HC_FIELD_ID))
    return;
  if (g_str_equal (key, HC_FIELD_STATUS))
    key = RAW_STATUS_KEY;
  hc_employee_set_field (employee, key, value);
}

/* A leaf of the record: a value, or a list of them joined. */
static void
add_leaf (const char *key,
          JsonNode   *node,
          gpointer    employee)
{
  g_autofree char *value = hc_json_value_text (node, BAMBOOHR_TEXT);

  if (value != NULL)
    set_raw_field (employee, key, value);
}

/* Objects as "a.b". */
static void
flatten_into (HcEmployee *employee,
              const char *key,
              JsonNode   *node)
{
  hc_json_foreach_leaf (key, node, add_leaf, employee);
}

/* Status */

static gboolean
ascii_contains_word (const char *text,
                     const char *word)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  return strstr (lower, word) != NULL;
}

/*
 * BambooHR's "status" says only whether the person is Active or Inactive;
 * the employment status (employmentHistoryStatus) is a list each company
 * defines (Full-Time, Part-Time, Contractor, Terminated, leave types…); the
 * report gives its current value. So:
 * - a hire date after today is a future hire, Inactive in BambooHR until
 *   the start date (the spec, Datasets), hence onboarding, whatever the
 *   termination date (an old one before a re-hire, or the end of a
 *   fixed-term contract);
 * - Inactive, an employment status "Terminated" or a termination date that
 *   has passed (and no later re-hire) is inactive;
 * - an employment status that names a leave is leave;
 * - the rest is active.
 * An unknown or missing "status" is read as active unless a date or the
 * employment status says otherwise. That is the safe reading: reading it as
 * inactive could archive a whole company the day BambooHR adds a value or
 * the API key loses the right to see the field (the report then silently
 * leaves it out), while reading it as active keeps members as they are and
 * still lets a termination take effect. The raw value stays in the field
 * table as "bamboohr.status".
 */
static HcEmployeeStatus
map_status (const char *status,
            const char *employment,
            const char *hire_date,
            const char *end_date,
            const char *today)
{
  if (hire_date != NULL && strcmp (hire_date, today) > 0)
    return HC_EMPLOYEE_STATUS_ONBOARDING;

  if (status != NULL && g_ascii_strcasecmp (status, "Inactive") == 0)
    return HC_EMPLOYEE_STATUS_INACTIVE;
  if (employment != NULL && g_ascii_strcasecmp (employment, "Terminated") == 0)
    return HC_EMPLOYEE_STATUS_INACTIVE;
  if (end_date != NULL && strcmp (end_date, today) <= 0 &&
      (hire_date == NULL || strcmp (hire_date, end_date) <= 0))
    return HC_EMPLOYEE_STATUS_INACTIVE;

  if (employment != NULL && ascii_contains_word (employment, "leave"))
    return HC_EMPLOYEE_STATUS_LEAVE;

  return HC_EMPLOYEE_STATUS_ACTIVE;
}

/* The report */

typedef struct
{
  const char *field;     /* BambooHR's key */
  const char *standard;  /* HC_FIELD_* */
} Mapping;

static const Mapping text_mappings[] = {
  { "firstName", HC_FIELD_FIRST_NAME },
  { "lastName", HC_FIELD_LAST_NAME },
  { "preferredName", HC_FIELD_PREFERRED_NAME },
  { "jobTitle", HC_FIELD_POSITION },
  { "department", HC_FIELD_DEPARTMENT },
  { "teams", HC_FIELD_TEAM },
  { "location", HC_FIELD_OFFICE },
};

typedef struct
{
  GHashTable *slugs;     /* report key → slug of its label */
  char       *today;     /* "YYYY-MM-DD", local */
} ReportContext;

/* The slug of each field's label, decided once per report: the report's
 * own labels first, then the field list's. A slug never takes a standard
 * name, another field's key or a slug already given. */
static GHashTable *
build_slugs (JsonObject *report,
             GHashTable *meta_labels)
{
  /* key → slug, or NULL for a field the report describes without a usable slug */
  GHashTable *slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  JsonNode *fields = hc_json_member (report, "fields");

  if (fields != NULL && JSON_NODE_HOLDS_ARRAY (fields))
    {
      JsonArray *array = json_node_get_array (fields);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *field = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          const char *id = hc_json_member_string (field, "id");
          const char *name = hc_json_member_string (field, "name");

          if (id == NULL)
            continue;
          if (name == NULL && meta_labels != NULL)
            name = g_hash_table_lookup (meta_labels, id);
          g_hash_table_add (keys, (gpointer) id);
          g_ptr_array_add (ids, (gpointer) id);
          g_ptr_array_add (labels, (gpointer) name);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const char *label = g_ptr_array_index (labels, i);
      g_autofree char *slug = label ? hc_connector_util_slugify (label) : NULL;

      if (g_hash_table_contains (slugs, id))
        continue;
      /* a described field without a slug maps to NULL: no fallback label */
      if (slug != NULL &&
          (g_str_equal (slug, id) || is_reserved_name (slug) ||
           g_hash_table_contains (keys, slug) || g_hash_table_contains (taken, slug)))
        g_clear_pointer (&slug, g_free);
      if (slug != NULL)
        g_hash_table_add (taken, slug);
      /* "taken" borrows the slug, now owned by "slugs" */
      g_hash_table_insert (slugs, g_strdup (id), g_steal_pointer (&slug));
    }

  return slugs;
}

static HcEmployee *
map_employee (JsonObject    *record,
              ReportContext *context,
              GHashTable    *meta_labels,
              const char    *id)
{
  HcEmployee *employee = hc_employee_new (id);
  g_autofree char *status = NULL;
  g_autofree char *employment = NULL;
  g_autofree char *email = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *hire_date = NULL;
  g_autofree char *end_date = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  /* Raw first, then the label slugs: the standard fields come last and
   * win over both. */
  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &name, &node))
    flatten_into (employee, name, node);

  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &name, &node))
    {
      const char *slug = g_hash_table_lookup (context->slugs, name);
      g_autofree char *meta_slug = NULL;

      /* a key the report did not describe: the field list's label */
      if (slug == NULL && meta_labels != NULL && !g_hash_table_contains (context->slugs, name))
        {
          const char *label = g_hash_table_lookup (meta_labels, name);

          meta_slug = label ? hc_connector_util_slugify (label) : NULL;
          if (meta_slug != NULL &&
              (g_str_equal (meta_slug, name) || is_reserved_name (meta_slug) ||
               json_object_has_member (record, meta_slug) ||
               hc_employee_get_field (employee, meta_slug) != NULL))
            g_clear_pointer (&meta_slug, g_free);
          slug = meta_slug;
        }
      if (slug != NULL)
        flatten_into (employee, slug, node);
    }

  for (guint i = 0; i < G_N_ELEMENTS (text_mappings); i++)
    {
      g_autofree char *value = hc_json_value_text (hc_json_member (record, text_mappings[i].field),
                                                   BAMBOOHR_TEXT);

      hc_employee_set_field (employee, text_mappings[i].standard, value);
    }

  email = string_text (hc_json_member (record, "workEmail"));
  hc_employee_set_field (employee, HC_FIELD_EMAIL, email);

  manager = id_text (hc_json_member (record, "supervisorEId"));
  hc_employee_set_field (employee, HC_FIELD_MANAGER_ID, manager);

  hire_date = date_text (hc_json_member (record, "hireDate"));
  end_date = date_text (hc_json_member (record, "terminationDate"));
  hc_employee_set_field (employee, HC_FIELD_HIRE_DATE, hire_date);
  hc_employee_set_field (employee, HC_FIELD_END_DATE, end_date);

  status = hc_json_scalar_text (hc_json_member (record, "status"), BAMBOOHR_TEXT);
  employment = hc_json_scalar_text (hc_json_member (record, "employmentHistoryStatus"),
                                    BAMBOOHR_TEXT);
  hc_employee_set_status (employee, map_status (status, employment, hire_date, end_date,
                                                context->today));
  return employee;
}

typedef void (*ReportProgressFunc) (guint    done,
                                    guint    total,
                                    gpointer user_data);

/* The whole report into HcEmployee*, in BambooHR's order. A record
 * without an id, twice the same id or a wrong shape fails it all: a record
 * dropped here would later archive a member. */
static GPtrArray *
parse_report (JsonNode          *root,
              GHashTable        *meta_labels,
              ReportProgressFunc progress,
              gpointer           progress_data,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ReportContext context = { 0 };
  JsonObject *report = NULL;
  JsonNode *list;
  JsonArray *array;
  guint n;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    report = json_node_get_object (root);
  list = hc_json_member (report, "employees");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("BambooHR sent a report without the list of employees at %s. Check the base URL in the connector settings; if it is right, contact BambooHR support."),
                   REPORT_PATH);
      return NULL;
    }

  array = json_node_get_array (list);
  n = json_array_get_length (array);
  context.slugs = build_slugs (report, meta_labels);
  context.today = hc_connector_util_today ();

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *id = NULL;
      gpointer first = NULL;

      if (i % PROGRESS_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                       _("BambooHR sent record #%u of the employee report (%s) that is not an employee. Try again later; if the error persists, contact BambooHR support."),
                       i + 1, REPORT_PATH);
          goto failed;
        }

      id = id_text (hc_json_member (json_node_get_object (element), "id"));
      if (id == NULL)
        {
          g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                       _("BambooHR sent record #%u of the employee report (%s) without an employee id, so Headcount cannot tell who it is. No employee was imported; try again later, and if the error persists, contact BambooHR support."),
                       i + 1, REPORT_PATH);
          goto failed;
        }
      if (g_hash_table_lookup_extended (seen, id, NULL, &first))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                       _("BambooHR sent employee %s twice in the employee report (%s), as records #%u and #%u. No employee was imported; try again later, and if the error persists, contact BambooHR support."),
                       id, REPORT_PATH, GPOINTER_TO_UINT (first), i + 1);
          goto failed;
        }
      g_hash_table_insert (seen, g_strdup (id), GUINT_TO_POINTER (i + 1));

      g_ptr_array_add (employees, map_employee (json_node_get_object (element), &context,
                                                meta_labels, id));

      if (progress != NULL && (i + 1) % PROGRESS_EVERY == 0 && i + 1 < n)
        progress (i + 1, n, progress_data);
    }

  if (progress != NULL)
    progress (n, n, progress_data);

  g_hash_table_unref (context.slugs);
  g_free (context.today);
  return g_steal_pointer (&employees);

failed:
  g_hash_table_unref (context.slugs);
  g_free (context.today);
  return NULL;
}

/* Progress, on the caller's main context */

typedef struct
{
  HcHttp        *http;
  HcProgressFunc progress;
  gpointer       progress_data;
  GHashTable    *meta_labels;    /* alias and id → label, from the field list */
  JsonNode      *report;
} FetchData;

static void
fetch_data_free (FetchData *d)
{
  g_clear_object (&d->http);
  g_clear_pointer (&d->meta_labels, g_hash_table_unref);
  g_clear_pointer (&d->report, json_node_unref);
  g_free (d);
}

/* From any thread: the message reaches the caller's context in order. */
static void
report_progress (GTask      *task,
                 double      fraction,
                 const char *message)
{
  FetchData *d = g_task_get_task_data (task);

  if (d->progress != NULL)
    hc_connector_util_report_progress (task, d->progress, d->progress_data, fraction,
                                       g_strdup (message));
}

static void
records_progress_cb (guint    done,
                     guint    total,
                     gpointer user_data)
{
  GTask *task = user_data;
  g_autofree char *message = NULL;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Fetched %u of %u employee from BambooHR",
                                          "Fetched %u of %u employees from BambooHR",
                                          total),
                             done, total);
  report_progress (task, total > 0 ? (double) done / total : 1.0, message);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *d = task_data;
  GError *error = NULL;
  GPtrArray *employees;

  employees = parse_report (d->report, d->meta_labels, records_progress_cb, task,
                            cancellable, &error);
  if (employees == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, employees, (GDestroyNotify) g_ptr_array_unref);
}

static void
report_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  FetchData *d = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  root = hc_http_post_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* 5,000 records map in milliseconds, 100,000 do not: off the main loop. */
  d->report = root;
  g_task_run_in_thread (task, parse_thread);
}

static gboolean
is_plain_integer (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* meta/fields types: text, date, list, checkbox, int, currency… */
static HcFieldType
field_type (const char *type)
{
  static const char * const booleans[] = { "checkbox", "bool", "boolean", NULL };
  static const char * const numbers[] = { "int", "integer", "float", "currency", "percentage", NULL };
  static const char * const lists[] = { "list", "multilist", "options", NULL };

  if (type == NULL)
    return HC_FIELD_TYPE_UNKNOWN;
  if (g_strv_contains (booleans, type))
    return HC_FIELD_TYPE_BOOLEAN;
  if (g_str_equal (type, "date"))
    return HC_FIELD_TYPE_DATE;
  if (g_strv_contains (numbers, type))
    return HC_FIELD_TYPE_NUMBER;
  if (g_strv_contains (lists, type))
    return HC_FIELD_TYPE_LIST;
  return HC_FIELD_TYPE_TEXT;
}

/* The field was asked for by its alias, id or the slug of its label. */
static gboolean
is_requested (const char * const *requested,
              const char         *alias,
              const char         *id,
              const char         *label)
{
  g_autofree char *slug = label ? hc_connector_util_slugify (label) : NULL;

  for (guint i = 0; requested != NULL && requested[i] != NULL; i++)
    if (g_strcmp0 (requested[i], alias) == 0 || g_strcmp0 (requested[i], id) == 0 ||
        g_strcmp0 (requested[i], slug) == 0)
      return TRUE;
  return FALSE;
}

/* The fields to request: the standard ones, then the custom fields of the
 * field list (see the header), every checkbox whatever its alias (the
 * exclusion checkbox is one), and the fields asked for by name. Fills
 * @labels with alias/id → label and @metadata with what the list says of
 * each field. */
static GPtrArray *
choose_fields (JsonArray          *list,
               const char * const *requested,
               GHashTable         *labels,
               GPtrArray          *metadata)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) chosen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_dropped = 0;

  for (guint i = 0; i < G_N_ELEMENTS (standard_fields); i++)
    {
      g_ptr_array_add (fields, g_strdup (standard_fields[i]));
      g_hash_table_add (chosen, (gpointer) standard_fields[i]);
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *field = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonNode *deprecated = hc_json_member (field, "deprecated");
      g_autofree char *id = id_text (hc_json_member (field, "id"));
      const char *alias = hc_json_member_string (field, "alias");
      const char *name = hc_json_member_string (field, "name");
      HcFieldType type = field_type (hc_json_member_string (field, "type"));
      gboolean asked;
      const char *key = NULL;

      if (field == NULL || id == NULL)
        continue;
      if (alias != NULL && *alias == '\0')
        alias = NULL;

      if (name != NULL)
        {
          g_hash_table_insert (labels, g_strdup (id), g_strdup (name));
          if (alias != NULL)
            g_hash_table_insert (labels, g_strdup (alias), g_strdup (name));
        }

      asked = is_requested (requested, alias, id, name);
      if (!asked && deprecated != NULL && JSON_NODE_HOLDS_VALUE (deprecated) &&
          json_node_get_value_type (deprecated) == G_TYPE_BOOLEAN &&
          json_node_get_boolean (deprecated))
        continue;

      /* the report keys a field by what it was asked by */
      g_ptr_array_add (metadata, hc_field_info_new (alias != NULL ? alias : id, name, type));

      if (alias != NULL && g_str_has_prefix (alias, "custom"))
        key = alias;
      else if (alias == NULL && is_plain_integer (id))
        key = id;
      else if (type == HC_FIELD_TYPE_BOOLEAN || asked)
        key = alias != NULL ? alias : id;
      if (key == NULL || g_hash_table_contains (chosen, key))
        continue;

      if (fields->len >= MAX_REPORT_FIELDS)
        {
          n_dropped++;
          continue;
        }
      g_ptr_array_add (fields, g_strdup (key));
      g_hash_table_add (chosen, g_ptr_array_index (fields, fields->len - 1));
    }

  if (n_dropped > 0)
    g_debug ("%u custom fields left out of the report: BambooHR takes %u fields at most",
             n_dropped, MAX_REPORT_FIELDS);
  return fields;
}

static void
fields_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  FetchData *d = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GPtrArray) metadata = NULL;
  HcBamboohrConnector *self = g_task_get_source_object (task);

  root = hc_http_get_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("BambooHR sent something other than the list of fields at %s. Check the base URL in the connector settings; if it is right, contact BambooHR support."),
                               FIELDS_PATH);
      return;
    }

  d->meta_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);
  fields = choose_fields (json_node_get_array (root), (const char * const *) self->requested,
                          d->meta_labels, metadata);
  g_clear_pointer (&self->metadata, g_ptr_array_unref);
  self->metadata = g_steal_pointer (&metadata);
  body = build_report_request ("Headcount employees", fields);

  report_progress (task, -1, _("Requesting the employee report from BambooHR…"));
  hc_http_post_json_async (d->http, REPORT_PATH REPORT_QUERY, body,
                           g_task_get_cancellable (task), report_cb, g_object_ref (task));
}

static void
hc_bamboohr_connector_fetch_employees_async (HcConnector        *connector,
                                             HcProgressFunc      progress,
                                             gpointer            progress_data,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data)
{
  HcBamboohrConnector *self = HC_BAMBOOHR_CONNECTOR (connector);
  g_autoptr (GTask) task = g_task_new (connector, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  FetchData *d;

  g_task_set_source_tag (task, hc_bamboohr_connector_fetch_employees_async);
  d = g_new0 (FetchData, 1);
  d->progress = progress;
  d->progress_data = progress_data;
  g_task_set_task_data (task, d, (GDestroyNotify) fetch_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  d->http = create_http (self, &error);
  if (d->http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report_progress (task, -1, _("Reading the list of fields from BambooHR…"));
  hc_http_get_json_async (d->http, FIELDS_PATH, cancellable, fields_cb, g_object_ref (task));
}

static GPtrArray *
hc_bamboohr_connector_fetch_employees_finish (HcConnector  *connector,
                                              GAsyncResult *result,
                                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Test connection: the report of the ids alone, the cheapest request that
 * needs the right to read employees. */

static void
test_report_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonNode *list = NULL;

  root = hc_http_post_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (root))
    list = json_object_get_member (json_node_get_object (root), "employees");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("BambooHR sent a report without the list of employees at %s. Check the base URL in the connector settings; if it is right, contact BambooHR support."),
                               REPORT_PATH);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
hc_bamboohr_connector_test_connection_async (HcConnector        *connector,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data)
{
  HcBamboohrConnector *self = HC_BAMBOOHR_CONNECTOR (connector);
  g_autoptr (GTask) task = g_task_new (connector, cancellable, callback, user_data);
  g_autoptr (HcHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) fields = g_ptr_array_new ();
  g_autoptr (JsonNode) body = NULL;

  g_task_set_source_tag (task, hc_bamboohr_connector_test_connection_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  http = create_http (self, &error);
  if (http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* the request's own task keeps the HcHttp alive until it answers */
  g_ptr_array_add (fields, (gpointer) "id");
  body = build_report_request ("Headcount connection test", fields);
  hc_http_post_json_async (http, REPORT_PATH REPORT_QUERY, body, cancellable,
                           test_report_cb, g_object_ref (task));
}

static gboolean
hc_bamboohr_connector_test_connection_finish (HcConnector  *connector,
                                              GAsyncResult *result,
                                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static const char *
hc_bamboohr_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

static GPtrArray *
hc_bamboohr_connector_dup_field_metadata (HcConnector *connector)
{
  HcBamboohrConnector *self = HC_BAMBOOHR_CONNECTOR (connector);

  return hc_field_info_copy_array (self->metadata);
}

static void
hc_bamboohr_connector_set_requested_fields (HcConnector        *connector,
                                            const char * const *fields)
{
  HcBamboohrConnector *self = HC_BAMBOOHR_CONNECTOR (connector);

  g_strfreev (self->requested);
  self->requested = g_strdupv ((char **) fields);
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->dup_field_metadata = hc_bamboohr_connector_dup_field_metadata;
  iface->set_requested_fields = hc_bamboohr_connector_set_requested_fields;
  iface->get_vendor_name = hc_bamboohr_connector_get_vendor_name;
  iface->test_connection_async = hc_bamboohr_connector_test_connection_async;
  iface->test_connection_finish = hc_bamboohr_connector_test_connection_finish;
  iface->fetch_employees_async = hc_bamboohr_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_bamboohr_connector_fetch_employees_finish;
}
