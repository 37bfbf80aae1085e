/* hc-workday-connector.c — Workday, through a custom report exposed as a
 * web service (RaaS) in JSON: one request, {"Report_Entry": [ … ]}
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-workday-connector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-workday-connector.h"

#define VENDOR_NAME        "Workday"
#define REPORT_ENTRY       "Report_Entry"
/* Entries mapped between two progress reports. */
#define PROGRESS_CHUNK     500
/* Columns whose name is a standard field's are kept under this prefix. */
#define COLLISION_PREFIX   "workday."

struct _HcWorkdayConnector
{
  GObject parent_instance;

  char   *origin;          /* "https://host[:port]", for HcHttp */
  char   *request_path;    /* "/ccx/service/customreport2/…?…format=json" */
  char   *path;            /* the same without the query, for messages */
  char   *client_id;
  char   *secret;
};

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcWorkdayConnector, hc_workday_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

/* Column names */

/* What a report column may stand for. */
typedef enum
{
  COLUMN_ID,
  COLUMN_FIRST_NAME,
  COLUMN_LAST_NAME,
  COLUMN_FULL_NAME,
  COLUMN_PREFERRED_NAME,
  COLUMN_EMAIL,
  COLUMN_POSITION,
  COLUMN_DEPARTMENT,
  COLUMN_TEAM,
  COLUMN_OFFICE,
  COLUMN_MANAGER_ID,
  COLUMN_HIRE_DATE,
  COLUMN_END_DATE,
  COLUMN_STATUS,
  COLUMN_ACTIVE,
  COLUMN_TERMINATED,
  COLUMN_ON_LEAVE,
  N_COLUMNS
} Column;

/* The report names tried for each column, best first; compared without
 * case, "_", "-" or spaces, so "businessTitle" is "Business_Title". */
static const struct
{
  Column      column;
  const char *names[8];
} column_names[] = {
  { COLUMN_ID, { "Employee_ID", "Employee_Number", "Worker_ID", "Contingent_Worker_ID", "ID", "Workday_ID", NULL } },
  { COLUMN_FIRST_NAME, { "Legal_Name_First_Name", "First_Name", "Legal_First_Name", "Given_Name", NULL } },
  { COLUMN_LAST_NAME, { "Legal_Name_Last_Name", "Last_Name", "Legal_Last_Name", "Family_Name", NULL } },
  { COLUMN_FULL_NAME, { "Worker", "Full_Name", "Legal_Name", "Name", NULL } },
  { COLUMN_PREFERRED_NAME, { "Preferred_Name_First_Name", "Preferred_First_Name", "Preferred_Name", NULL } },
  { COLUMN_EMAIL, { "Email_Address", "Primary_Work_Email", "Work_Email", "Email_Primary_Work", "Email", NULL } },
  { COLUMN_POSITION, { "Business_Title", "Job_Title", "Position_Title", "Job_Profile", "Job_Profile_Name", "Position", NULL } },
  { COLUMN_DEPARTMENT, { "Department", "Supervisory_Organization", "Organization", NULL } },
  { COLUMN_TEAM, { "Team", "Team_Name", NULL } },
  { COLUMN_OFFICE, { "Location", "Work_Location", "Office", "Business_Site", "Location_Name", NULL } },
  { COLUMN_MANAGER_ID, { "Manager_ID", "Manager_Employee_ID", "Supervisor_ID", "Manager_Worker_ID", NULL } },
  { COLUMN_HIRE_DATE, { "Hire_Date", "Start_Date", "Most_Recent_Hire_Date", "Original_Hire_Date", NULL } },
  { COLUMN_END_DATE, { "Termination_Date", "End_Date", "Separation_Date", NULL } },
  { COLUMN_STATUS, { "Worker_Status", "Employee_Status", "Employment_Status", "Status", NULL } },
  { COLUMN_ACTIVE, { "Active", "Active_Status", "Is_Active", NULL } },
  { COLUMN_TERMINATED, { "Terminated", "Is_Terminated", NULL } },
  { COLUMN_ON_LEAVE, { "On_Leave", "Is_On_Leave", "On_Leave_of_Absence", "Leave_of_Absence", NULL } },
};

/* Status words, normalised like column names. */
static const struct
{
  const char      *word;
  HcEmployeeStatus status;
} status_words[] = {
  { "active", HC_EMPLOYEE_STATUS_ACTIVE },
  { "activeemployee", HC_EMPLOYEE_STATUS_ACTIVE },
  { "employed", HC_EMPLOYEE_STATUS_ACTIVE },
  { "current", HC_EMPLOYEE_STATUS_ACTIVE },
  { "onleave", HC_EMPLOYEE_STATUS_LEAVE },
  { "leave", HC_EMPLOYEE_STATUS_LEAVE },
  { "leaveofabsence", HC_EMPLOYEE_STATUS_LEAVE },
  { "onleaveofabsence", HC_EMPLOYEE_STATUS_LEAVE },
  { "paidleave", HC_EMPLOYEE_STATUS_LEAVE },
  { "unpaidleave", HC_EMPLOYEE_STATUS_LEAVE },
  { "terminated", HC_EMPLOYEE_STATUS_INACTIVE },
  { "inactive", HC_EMPLOYEE_STATUS_INACTIVE },
  { "retired", HC_EMPLOYEE_STATUS_INACTIVE },
  { "deceased", HC_EMPLOYEE_STATUS_INACTIVE },
  { "separated", HC_EMPLOYEE_STATUS_INACTIVE },
  { "prehire", HC_EMPLOYEE_STATUS_ONBOARDING },
  { "pendinghire", HC_EMPLOYEE_STATUS_ONBOARDING },
  { "hirepending", HC_EMPLOYEE_STATUS_ONBOARDING },
  { "futurehire", HC_EMPLOYEE_STATUS_ONBOARDING },
  { "onboarding", HC_EMPLOYEE_STATUS_ONBOARDING },
  { "preboarding", HC_EMPLOYEE_STATUS_ONBOARDING },
};

static const char * const standard_names[] = {
  HC_FIELD_ID, HC_FIELD_STATUS, HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME, HC_FIELD_PREFERRED_NAME,
  HC_FIELD_EMAIL, HC_FIELD_POSITION, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM, HC_FIELD_OFFICE,
  HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE, HC_FIELD_END_DATE,
};

/* "Business_Title", "businessTitle", "Business Title" → "businesstitle".
 * Bytes outside ASCII are kept. */
static char *
normalise_name (const char *name)
{
  GString *out = g_string_sized_new (strlen (name));

  for (const char *p = name; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c >= 0x80)
        g_string_append_c (out, c);
      else if (g_ascii_isalnum (c))
        g_string_append_c (out, g_ascii_tolower (c));
    }
  return g_string_free (out, FALSE);
}

/* normalised name → (column << 8 | rank + 1); built once, read-only after. */
static GHashTable *
get_column_table (void)
{
  static gsize initialised = 0;
  static GHashTable *table = NULL;

  if (g_once_init_enter (&initialised))
    {
      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
        for (guint rank = 0; column_names[i].names[rank] != NULL; rank++)
          {
            char *key = normalise_name (column_names[i].names[rank]);

            if (g_hash_table_contains (table, key))
              g_free (key);
            else
              g_hash_table_insert (table, key,
                                   GUINT_TO_POINTER ((column_names[i].column << 8) | (rank + 1)));
          }
      g_once_init_leave (&initialised, 1);
    }
  return table;
}

static gboolean
is_standard_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (standard_names); i++)
    if (g_str_equal (name, standard_names[i]))
      return TRUE;
  return FALSE;
}

/* Values, with checked access only */

/* A scalar as text: NULL for null, containers and empty text. */
static char *
scalar_to_text (JsonNode *node)
{
  return hc_json_scalar_text (node, HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY);
}

/* A column's value for a standard field: a scalar, or the first value of a
 * list (the primary instance of a multi-instance field). */
static char *
column_text (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          char *text = scalar_to_text (json_array_get_element (array, i));

          if (text != NULL)
            return text;
        }
      return NULL;
    }
  return scalar_to_text (node);
}

/* -1 unknown, else 0 or 1. RaaS sends booleans as "1"/"0". */
static int
column_flag (JsonNode *node)
{
  g_autofree char *text = column_text (node);
  static const char * const yes[] = { "1", "true", "yes", "y", NULL };
  static const char * const no[] = { "0", "false", "no", "n", NULL };

  if (text == NULL)
    return -1;
  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return 1;
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return 0;
  return -1;
}

/* "2015-01-01", "2015-01-01-08:00", "2015-01-01T00:00:00.000-08:00" →
 * "2015-01-01" and its GDate; NULL when the text does not start with a
 * date. */
static char *
parse_date (const char *text,
            GDate      *date)
{
  return hc_connector_util_cut_date (text, "Tt -+Zz", date);
}

static gboolean
status_from_text (const char       *text,
                  HcEmployeeStatus *status)
{
  g_autofree char *word = NULL;

  if (text == NULL)
    return FALSE;
  word = normalise_name (text);
  for (guint i = 0; i < G_N_ELEMENTS (status_words); i++)
    if (g_str_equal (word, status_words[i].word))
      {
        *status = status_words[i].status;
        return TRUE;
      }
  return FALSE;
}

/* The field table */

/* Objects as "a.b"; lists, and lists of groups, joined per path. */
static void
set_raw_fields (HcEmployee *employee,
                JsonObject *entry)
{
  HcJsonFlat flat;
  JsonObjectIter iter;
  const char *name;
  JsonNode *child;

  hc_json_flat_init (&flat);
  json_object_iter_init (&iter, entry);
  while (json_object_iter_next (&iter, &name, &child))
    {
      g_autofree char *key = is_standard_name (name) ? g_strconcat (COLLISION_PREFIX, name, NULL)
                                                      : g_strdup (name);

      hc_json_flatten (&flat, key, child, HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY);
    }
  hc_json_flat_set_fields (&flat, employee);
  hc_json_flat_clear (&flat);
}

/* One entry */

static GError *
entry_error (const char *path,
             guint       index,
             const char *problem)
{
  return g_error_new (HC_ERROR, HC_ERROR_PARSE,
                      _("Workday sent an unusable report at %s: entry #%u %s. Check the report in Workday, then try again."),
                      path, index + 1, problem);
}

/* The standard columns of @entry: the best-ranked top-level column with a
 * usable value for each. Groups are not searched: a "Manager_group" holds
 * the manager's Employee_ID and e-mail, not the worker's. */
static void
find_columns (JsonObject *entry,
              JsonNode   *found[N_COLUMNS])
{
  GHashTable *table = get_column_table ();
  guint found_rank[N_COLUMNS] = { 0 };
  JsonObjectIter iter;
  const char *name;
  JsonNode *child;

  json_object_iter_init (&iter, entry);
  while (json_object_iter_next (&iter, &name, &child))
    {
      g_autofree char *key = normalise_name (name);
      g_autofree char *text = NULL;
      guint value = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
      Column column = value >> 8;
      guint rank = value & 0xff;

      if (value == 0 || (found[column] != NULL && found_rank[column] <= rank))
        continue;
      /* A boolean is a flag, never a name, a title or an id: the raw
       * column keeps it. */
      if (JSON_NODE_HOLDS_VALUE (child) && json_node_get_value_type (child) == G_TYPE_BOOLEAN &&
          column != COLUMN_ACTIVE && column != COLUMN_TERMINATED && column != COLUMN_ON_LEAVE)
        continue;
      text = column_text (child);
      if (text == NULL)
        continue;
      found[column] = child;
      found_rank[column] = rank;
    }
}

static HcEmployeeStatus
decide_status (JsonNode    *found[N_COLUMNS],
               const GDate *hire,
               const GDate *end,
               const GDate *today)
{
  g_autofree char *text = column_text (found[COLUMN_STATUS]);
  gboolean hire_ahead = g_date_valid (hire) && g_date_compare (hire, today) > 0;
  int active = column_flag (found[COLUMN_ACTIVE]);
  int terminated = column_flag (found[COLUMN_TERMINATED]);
  HcEmployeeStatus status;

  /* 1. The report's own word, when we know it. An unknown word (a
   * tenant's "Suspended") falls through to the flags and dates: the raw
   * column keeps it for filters. */
  if (!status_from_text (text, &status))
    {
      /* 2. Workday's flags. Active = 0 without termination is a hire
       * that has not started yet. */
      if (terminated == 1)
        status = HC_EMPLOYEE_STATUS_INACTIVE;
      else if (active == 0)
        status = (hire_ahead || terminated == 0) ? HC_EMPLOYEE_STATUS_ONBOARDING
                                                 : HC_EMPLOYEE_STATUS_INACTIVE;
      else if (active == 1)
        status = HC_EMPLOYEE_STATUS_ACTIVE;
      /* 3. The dates; a rehire has a hire date after the old
       * termination. */
      else if (g_date_valid (end) && g_date_compare (end, today) <= 0 &&
               !(g_date_valid (hire) && g_date_compare (hire, end) > 0))
        status = HC_EMPLOYEE_STATUS_INACTIVE;
      else if (hire_ahead)
        status = HC_EMPLOYEE_STATUS_ONBOARDING;
      /* 4. Nothing we can read: active is the safe reading. It keeps the
       * member managed and up to date; inactive would archive it (or
       * leave it unmanaged) on a word we do not understand. */
      else
        status = HC_EMPLOYEE_STATUS_ACTIVE;
    }

  /* A worker on leave stays Active in Workday, with On_Leave set. */
  if (status == HC_EMPLOYEE_STATUS_ACTIVE && column_flag (found[COLUMN_ON_LEAVE]) == 1)
    status = HC_EMPLOYEE_STATUS_LEAVE;

  return status;
}

static void
set_text_field (HcEmployee *employee,
                const char *field,
                JsonNode   *node)
{
  g_autofree char *text = column_text (node);

  if (text != NULL)
    hc_employee_set_field (employee, field, text);
}

static HcEmployee *
map_entry (JsonNode    *element,
           guint        index,
           const char  *path,
           const GDate *today,
           GError     **error)
{
  JsonNode *found[N_COLUMNS] = { NULL };
  g_autoptr (HcEmployee) employee = NULL;
  g_autofree char *id = NULL;
  g_autofree char *hire_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *hire_date = NULL;
  g_autofree char *end_date = NULL;
  JsonObject *entry;
  GDate hire, end;

  if (element == NULL || !JSON_NODE_HOLDS_OBJECT (element))
    {
      g_propagate_error (error, entry_error (path, index, _("is not an object")));
      return NULL;
    }
  entry = json_node_get_object (element);
  find_columns (entry, found);

  /* An id is text or a number (a list's first); anything else would
   * match nobody. */
  id = column_text (found[COLUMN_ID]);
  if (id == NULL)
    {
      g_propagate_error (error, entry_error (path, index,
                                             _("has no employee ID (a column such as Employee_ID, with text or a number)")));
      return NULL;
    }

  employee = hc_employee_new (id);
  set_raw_fields (employee, entry);

  set_text_field (employee, HC_FIELD_FIRST_NAME, found[COLUMN_FIRST_NAME]);
  set_text_field (employee, HC_FIELD_LAST_NAME, found[COLUMN_LAST_NAME]);
  if (found[COLUMN_FIRST_NAME] == NULL && found[COLUMN_LAST_NAME] == NULL)
    {
      /* Only Worker ("Zoé Lefèvre"): the first word is the first name. */
      g_autofree char *full = column_text (found[COLUMN_FULL_NAME]);
      char *space = full ? strchr (full, ' ') : NULL;

      if (space != NULL)
        {
          *space = '\0';
          hc_employee_set_field (employee, HC_FIELD_LAST_NAME, g_strstrip (space + 1));
        }
      if (full != NULL)
        hc_employee_set_field (employee, HC_FIELD_FIRST_NAME, full);
    }
  set_text_field (employee, HC_FIELD_PREFERRED_NAME, found[COLUMN_PREFERRED_NAME]);
  set_text_field (employee, HC_FIELD_EMAIL, found[COLUMN_EMAIL]);
  set_text_field (employee, HC_FIELD_POSITION, found[COLUMN_POSITION]);
  set_text_field (employee, HC_FIELD_DEPARTMENT, found[COLUMN_DEPARTMENT]);
  set_text_field (employee, HC_FIELD_TEAM, found[COLUMN_TEAM]);
  set_text_field (employee, HC_FIELD_OFFICE, found[COLUMN_OFFICE]);
  set_text_field (employee, HC_FIELD_MANAGER_ID, found[COLUMN_MANAGER_ID]);

  g_date_clear (&hire, 1);
  g_date_clear (&end, 1);
  hire_text = column_text (found[COLUMN_HIRE_DATE]);
  end_text = column_text (found[COLUMN_END_DATE]);
  hire_date = parse_date (hire_text, &hire);
  end_date = parse_date (end_text, &end);
  if (hire_date != NULL)
    hc_employee_set_field (employee, HC_FIELD_HIRE_DATE, hire_date);
  if (end_date != NULL)
    hc_employee_set_field (employee, HC_FIELD_END_DATE, end_date);

  hc_employee_set_status (employee, decide_status (found, &hire, &end, today));

  return g_steal_pointer (&employee);
}

/* The Report_Entry list of a report, or an error asking for the JSON URL. */
static JsonArray *
report_entries (JsonNode   *root,
                const char *path,
                GError    **error)
{
  JsonNode *node = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    node = json_object_get_member (json_node_get_object (root), REPORT_ENTRY);

  if (node == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Workday answered %s without a “Report_Entry” list. The report URL (--base-url) must point at a JSON RaaS report (format=json): in Workday, open the report’s Actions › Web Service › View URLs and copy the JSON link."),
                   path);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Workday answered %s with a “Report_Entry” that is not a list. The report URL (--base-url) must point at a JSON RaaS report (format=json): in Workday, open the report’s Actions › Web Service › View URLs and copy the JSON link."),
                   path);
      return NULL;
    }
  return json_node_get_array (node);
}

/* The connector */

static void
hc_workday_connector_finalize (GObject *object)
{
  HcWorkdayConnector *self = HC_WORKDAY_CONNECTOR (object);

  g_free (self->origin);
  g_free (self->request_path);
  g_free (self->path);
  g_free (self->client_id);
  hc_connector_util_clear_secret (&self->secret);

  G_OBJECT_CLASS (hc_workday_connector_parent_class)->finalize (object);
}

static void
hc_workday_connector_class_init (HcWorkdayConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_workday_connector_finalize;
}

static void
hc_workday_connector_init (HcWorkdayConnector *self)
{
}

/* The query as given, with format=json in place of any format. */
static char *
build_query (const char *query)
{
  g_auto (GStrv) pairs = g_strsplit (query ? query : "", "&", -1);
  GString *out = g_string_new (NULL);
  gboolean have_format = FALSE;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = pairs[i];
      gsize name_length = strcspn (pair, "=");

      if (*pair == '\0')
        continue;
      if (name_length == strlen ("format") && g_ascii_strncasecmp (pair, "format", name_length) == 0)
        {
          if (have_format)
            continue;
          have_format = TRUE;
          pair = "format=json";
        }
      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append (out, pair);
    }
  if (!have_format)
    g_string_append_printf (out, "%sformat=json", out->len > 0 ? "&" : "");
  return g_string_free (out, FALSE);
}

static gboolean
parse_report_url (HcWorkdayConnector *self,
                  const char         *base_url,
                  GError            **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (HcHttp) probe = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *query = NULL;
  const char *scheme, *host, *path;

  /* The URL is never quoted back: it could carry a password. */
  uri = g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The Workday report URL (--base-url) is not a web address. Copy the JSON link from the report’s Actions › Web Service › View URLs in Workday, as in https://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/ISU_Headcount/Headcount_Workers?format=json"));
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The Workday report URL (--base-url) must not contain a user name or a password. Give the integration system user with --client-id and its password with --secret-stdin."));
      return FALSE;
    }
  path = g_uri_get_path (uri);
  if (path == NULL || *path == '\0' || g_str_equal (path, "/"))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The Workday report URL (--base-url) names no report. Copy the JSON link from the report’s Actions › Web Service › View URLs in Workday; it ends like /ccx/service/customreport2/acme/ISU_Headcount/Headcount_Workers?format=json"));
      return FALSE;
    }

  self->origin = g_uri_join (SOUP_HTTP_URI_FLAGS, scheme, NULL, host, g_uri_get_port (uri),
                             "", NULL, NULL);
  /* HcHttp decides what a safe base is (https, or http on loopback). */
  probe = hc_http_new (VENDOR_NAME, self->origin, &local_error);
  if (probe == NULL)
    {
      if (g_str_equal (scheme, "http"))
        g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                     _("The Workday report URL (--base-url) must start with https://, so that the password travels encrypted."));
      else
        g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                     _("The Workday report URL (--base-url) is not usable: %s"), local_error->message);
      return FALSE;
    }

  query = build_query (g_uri_get_query (uri));
  self->path = g_strdup (path);
  self->request_path = g_strconcat (path, "?", query, NULL);
  return TRUE;
}

HcConnector *
hc_workday_connector_new (const char *base_url,
                          const char *subdomain,
                          const char *client_id,
                          const char *secret,
                          GError    **error)
{
  g_autoptr (HcWorkdayConnector) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("Workday needs the URL of the report (--base-url), as in https://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/ISU_Headcount/Headcount_Workers?format=json: copy the JSON link from the report’s Actions › Web Service › View URLs in Workday."));
      return NULL;
    }
  if (client_id == NULL || *client_id == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("Workday needs the integration system user that may run the report (--client-id), as in ISU_Headcount."));
      return NULL;
    }
  if (strchr (client_id, ':') != NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The Workday integration system user (--client-id) must not contain “:”. Enter the user name alone, and the password with --secret-stdin."));
      return NULL;
    }
  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("Workday needs the password of the integration system user (--secret-stdin)."));
      return NULL;
    }

  self = g_object_new (HC_TYPE_WORKDAY_CONNECTOR, NULL);
  if (!parse_report_url (self, base_url, error))
    return NULL;
  self->client_id = g_strdup (client_id);
  self->secret = g_strdup (secret);

  return HC_CONNECTOR (g_steal_pointer (&self));
}

static HcHttp *
create_http (HcWorkdayConnector *self,
             GError            **error)
{
  g_autoptr (HcHttp) http = hc_http_new (VENDOR_NAME, self->origin, error);
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *value = NULL;

  if (http == NULL)
    return NULL;

  credentials = g_strconcat (self->client_id, ":", self->secret, NULL);
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  value = g_strconcat ("Basic ", encoded, NULL);
  hc_http_add_secret (http, self->secret);
  hc_http_set_auth_header (http, "Authorization", value);

  hc_connector_util_wipe (credentials);
  hc_connector_util_wipe (value);
  return g_steal_pointer (&http);
}

static const char *
hc_workday_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

/* Progress, on the caller's context */

typedef struct
{
  HcHttp        *http;
  char          *path;          /* for messages, redacted */
  HcProgressFunc progress;
  gpointer       progress_data;
  JsonNode      *root;
  GDate          today;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->http);
  g_clear_pointer (&fetch->root, json_node_unref);
  g_free (fetch->path);
  g_free (fetch);
}

/* Always through the context, at the priority GTask returns with, so the
 * reports arrive in order and before the result. Takes @message. */
static void
report_progress (GTask *task,
                 double fraction,
                 char  *message)
{
  Fetch *fetch = g_task_get_task_data (task);

  hc_connector_util_queue_progress (task, fetch->progress, fetch->progress_data,
                                    fraction, message);
}

static char *
fetched_message (guint done,
                 guint total)
{
  return hc_connector_util_fetched_message (VENDOR_NAME, done, total,
                                            HC_CONNECTOR_UTIL_COUNT_GROUPED);
}

/* Fetch */

static void
map_report_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Fetch *fetch = task_data;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GHashTable) seen = NULL;
  GError *error = NULL;
  JsonArray *entries;
  guint n;

  entries = report_entries (fetch->root, fetch->path, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n = json_array_get_length (entries);
  employees = g_ptr_array_new_full (n, g_object_unref);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      HcEmployee *employee;
      gpointer first;

      if (i > 0 && i % PROGRESS_CHUNK == 0)
        {
          if (g_task_return_error_if_cancelled (task))
            return;
          report_progress (task, (double) i / n, fetched_message (i, n));
        }

      employee = map_entry (json_array_get_element (entries, i), i, fetch->path,
                            &fetch->today, &error);
      if (employee == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (employees, employee);

      /* Two rows for one worker (a report on positions, not workers)
       * would make the sync pick one at random. */
      if (g_hash_table_lookup_extended (seen, hc_employee_get_id (employee), NULL, &first))
        {
          g_autofree char *problem =
            g_strdup_printf (_("repeats employee %s of entry #%u: the report must list each worker once"),
                             hc_employee_get_id (employee), GPOINTER_TO_UINT (first) + 1);

          g_task_return_error (task, entry_error (fetch->path, i, problem));
          return;
        }
      g_hash_table_insert (seen, (gpointer) hc_employee_get_id (employee), GUINT_TO_POINTER (i));
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  report_progress (task, 1.0, fetched_message (n, n));
  g_task_return_pointer (task, g_steal_pointer (&employees), (GDestroyNotify) g_ptr_array_unref);
}

static void
fetch_report_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->root = hc_http_get_json_finish (HC_HTTP (source), result, &error);
  if (fetch->root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* 5,000 or 100,000 entries: mapped off the main thread. */
  g_task_run_in_thread (task, map_report_thread);
}

static Fetch *
fetch_new (HcWorkdayConnector *self,
           GError            **error)
{
  Fetch *fetch;
  HcHttp *http = create_http (self, error);
  g_autoptr (GDateTime) now = NULL;

  if (http == NULL)
    return NULL;

  fetch = g_new0 (Fetch, 1);
  fetch->http = http;
  fetch->path = hc_http_redact (http, self->path);
  now = g_date_time_new_now_local ();
  g_date_clear (&fetch->today, 1);
  g_date_set_dmy (&fetch->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  return fetch;
}

static void
hc_workday_connector_fetch_employees_async (HcConnector        *connector,
                                            HcProgressFunc      progress,
                                            gpointer            progress_data,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data)
{
  HcWorkdayConnector *self = HC_WORKDAY_CONNECTOR (connector);
  g_autoptr (GTask) task = g_task_new (connector, cancellable, callback, user_data);
  GError *error = NULL;
  Fetch *fetch;

  g_task_set_source_tag (task, hc_workday_connector_fetch_employees_async);

  fetch = fetch_new (self, &error);
  if (fetch == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  fetch->progress = progress;
  fetch->progress_data = progress_data;
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  report_progress (task, -1, g_strdup (_("Running the report in Workday…")));
  hc_http_get_json_async (fetch->http, self->request_path, cancellable,
                          fetch_report_cb, g_steal_pointer (&task));
}

static GPtrArray *
hc_workday_connector_fetch_employees_finish (HcConnector  *connector,
                                             GAsyncResult *result,
                                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Test connection: RaaS has no row limit, so the report runs once; its
 * shape and its first entry are checked. */

static void
test_report_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  JsonArray *entries;
  g_autoptr (HcEmployee) first = NULL;

  fetch->root = hc_http_get_json_finish (HC_HTTP (source), result, &error);
  if (fetch->root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  entries = report_entries (fetch->root, fetch->path, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (json_array_get_length (entries) > 0)
    {
      first = map_entry (json_array_get_element (entries, 0), 0, fetch->path, &fetch->today, &error);
      if (first == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
hc_workday_connector_test_connection_async (HcConnector        *connector,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data)
{
  HcWorkdayConnector *self = HC_WORKDAY_CONNECTOR (connector);
  g_autoptr (GTask) task = g_task_new (connector, cancellable, callback, user_data);
  GError *error = NULL;
  Fetch *fetch;

  g_task_set_source_tag (task, hc_workday_connector_test_connection_async);

  fetch = fetch_new (self, &error);
  if (fetch == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  hc_http_get_json_async (fetch->http, self->request_path, cancellable,
                          test_report_cb, g_steal_pointer (&task));
}

static gboolean
hc_workday_connector_test_connection_finish (HcConnector  *connector,
                                             GAsyncResult *result,
                                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->get_vendor_name = hc_workday_connector_get_vendor_name;
  iface->test_connection_async = hc_workday_connector_test_connection_async;
  iface->test_connection_finish = hc_workday_connector_test_connection_finish;
  iface->fetch_employees_async = hc_workday_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_workday_connector_fetch_employees_finish;
}
