/* test-bamboohr.c — the BambooHR connector against its fake server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "config.h"
#include "hc-bamboohr-connector.h"
#include "hc-error.h"
#include "hc-fake-bamboohr.h"
#include "hc-http.h"

#define REPORT_REQUEST "POST " HC_FAKE_BAMBOOHR_REPORT_PATH "?format=json"
#define FIELDS_REQUEST "GET " HC_FAKE_BAMBOOHR_FIELDS_PATH
#define WRONG_SECRET   "wrong_bamboohr_KEY_99999999"

/* The debug log of the "hc-http" and "hc-bamboohr" domains, captured
 * instead of printed. */
static GMutex log_mutex;
static GString *captured_log;

static void
capture_log_cb (const char    *domain,
                GLogLevelFlags level,
                const char    *message,
                gpointer       user_data)
{
  g_mutex_lock (&log_mutex);
  if (message != NULL)
    g_string_append_printf (captured_log, "%s\n", message);
  g_mutex_unlock (&log_mutex);
}

static char *
dup_captured_log (void)
{
  char *log;

  g_mutex_lock (&log_mutex);
  log = g_strdup (captured_log->str);
  g_mutex_unlock (&log_mutex);
  return log;
}

/* Neither the key nor its Basic forms. */
static void
assert_no_secret (const char *text,
                  const char *secret)
{
  g_autofree char *pair = g_strconcat (secret, ":x", NULL);
  g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *key64 = g_base64_encode ((const guchar *) secret, strlen (secret));

  g_assert_nonnull (text);
  g_assert_null (strstr (text, secret));
  g_assert_null (strstr (text, basic));
  g_assert_null (strstr (text, key64));
}

/* Running the async calls */

typedef struct
{
  gboolean   done;
  GPtrArray *employees;
  gboolean   ok;
  GError    *error;
  GPtrArray *messages;      /* progress messages */
  GArray    *fractions;     /* double */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->employees, g_ptr_array_unref);
  g_clear_error (&run->error);
  g_clear_pointer (&run->messages, g_ptr_array_unref);
  g_clear_pointer (&run->fractions, g_array_unref);
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Run *run = user_data;

  g_assert_false (run->done);
  g_ptr_array_add (run->messages, g_strdup (message));
  g_array_append_val (run->fractions, fraction);
}

static void
fetch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;

  run->employees = hc_connector_fetch_employees_finish (HC_CONNECTOR (source), result, &run->error);
  g_assert_true ((run->employees == NULL) != (run->error == NULL));
  run->done = TRUE;
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  run->ok = hc_connector_test_connection_finish (HC_CONNECTOR (source), result, &run->error);
  g_assert_true (run->ok != (run->error != NULL));
  run->done = TRUE;
}

static void
run_init (Run *run)
{
  memset (run, 0, sizeof *run);
  run->messages = g_ptr_array_new_with_free_func (g_free);
  run->fractions = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
wait_for (Run *run)
{
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fetch (HcConnector  *connector,
       GCancellable *cancellable,
       Run          *run)
{
  run_init (run);
  hc_connector_fetch_employees_async (connector, progress_cb, run, cancellable, fetch_done_cb, run);
  wait_for (run);
}

static void
test_connection (HcConnector  *connector,
                 GCancellable *cancellable,
                 Run          *run)
{
  run_init (run);
  hc_connector_test_connection_async (connector, cancellable, test_done_cb, run);
  wait_for (run);
}

static HcConnector *
new_connector (HcFakeBamboohr *fake,
               const char     *secret)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector;

  connector = hc_bamboohr_connector_new (hc_fake_bamboohr_get_base_url (fake), NULL, NULL,
                                         secret, &error);
  g_assert_no_error (error);
  g_assert_true (HC_IS_CONNECTOR (connector));
  return connector;
}

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
assert_field (HcEmployee *employee,
              const char *field,
              const char *expected)
{
  const char *value = hc_employee_get_field (employee, field);

  if (g_strcmp0 (value, expected) != 0)
    g_error ("employee %s, field “%s”: “%s”, expected “%s”", hc_employee_get_id (employee),
             field, value ? value : "(absent)", expected ? expected : "(absent)");
}

static HcEmployee *
find_employee (GPtrArray  *employees,
               const char *id)
{
  for (guint i = 0; i < employees->len; i++)
    if (g_str_equal (hc_employee_get_id (g_ptr_array_index (employees, i)), id))
      return g_ptr_array_index (employees, i);
  g_error ("no employee %s", id);
  return NULL;
}

/* The field list of the last report request. */
static GStrv
last_requested_fields (HcFakeBamboohr *fake)
{
  g_autofree char *body = hc_fake_bamboohr_dup_last_report_request (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *fields;

  g_assert_nonnull (body);
  root = json_from_string (body, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  fields = json_object_get_array_member (json_node_get_object (root), "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    g_strv_builder_add (builder, json_array_get_string_element (fields, i));
  return g_strv_builder_end (builder);
}

/* People */

static HcFakePerson *
person (GPtrArray  *people,
        const char *id,
        const char *first,
        const char *last,
        const char *email,
        const char *status)
{
  HcFakePerson *p = hc_fake_person_new (id, first, last, email);

  g_free (p->status);
  p->status = g_strdup (status);
  g_ptr_array_add (people, p);
  return p;
}

static GPtrArray *
small_people (void)
{
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);
  HcFakePerson *p;

  p = person (people, "1000", "Zoé", "Lefèvre", "zoe.lefevre@fake-hris.example", "active");
  p->position = g_strdup ("Chief Executive Officer");
  p->department = g_strdup ("Executive");
  p->office = g_strdup ("Paris");
  p->hire_date = g_strdup ("2015-01-05");
  p->cost_center = g_strdup ("CC-100");

  p = person (people, "1001", "Jürgen", "Müller", "jurgen.muller@fake-hris.example", "leave");
  p->preferred_name = g_strdup ("Jü");
  p->position = g_strdup ("Engineer");
  p->department = g_strdup ("Engineering");
  p->team = g_strdup ("Platform");
  p->office = g_strdup ("Berlin");
  p->manager_id = g_strdup ("1000");
  p->hire_date = g_strdup ("2019-03-04");
  p->cost_center = g_strdup ("CC-110");
  p->skip_sync = TRUE;

  p = person (people, "1002", "Søren", "Ørsted", NULL, "onboarding");
  p->position = g_strdup ("Account Executive");
  p->department = g_strdup ("Sales");
  p->team = g_strdup ("Field");
  p->office = g_strdup ("London");
  p->manager_id = g_strdup ("1001");
  p->hire_date = g_strdup ("2099-02-01");
  p->cost_center = g_strdup ("CC-120");

  p = person (people, "1003", "Hélène", "Dubois", "helene.dubois@fake-hris.example", "inactive");
  p->position = g_strdup ("Accountant");
  p->department = g_strdup ("Finance");
  p->team = g_strdup ("Accounts");
  p->office = g_strdup ("Lyon");
  p->manager_id = g_strdup ("1000");
  p->hire_date = g_strdup ("2018-09-10");
  p->end_date = g_strdup ("2024-06-30");

  p = person (people, "1004", "Siobhán", "Ní Bhriain", "siobhan.nibhriain@fake-hris.example", "active");
  p->position = g_strdup ("Recruiter");
  p->department = g_strdup ("People");
  p->team = g_strdup ("Talent");
  p->office = g_strdup ("Paris");
  p->manager_id = g_strdup ("1001");
  p->hire_date = g_strdup ("2021-11-15");
  p->cost_center = g_strdup ("CC-140");

  return people;
}

/* Tests */

static void
assert_config_error (const char *base_url,
                     const char *subdomain,
                     const char *secret,
                     const char *flag)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector;

  connector = hc_bamboohr_connector_new (base_url, subdomain, NULL, secret, &error);
  g_assert_null (connector);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  g_assert_nonnull (strstr (error->message, flag));
  g_assert_nonnull (strstr (error->message, "BambooHR"));
  if (secret != NULL && *secret != '\0')
    g_assert_null (strstr (error->message, secret));
}

static void
assert_base_url (const char *base_url,
                 const char *subdomain,
                 const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnector) connector = NULL;
  g_autofree char *url = NULL;

  connector = hc_bamboohr_connector_new (base_url, subdomain, "ignored-client-id",
                                         HC_FAKE_BAMBOOHR_SECRET, &error);
  g_assert_no_error (error);
  g_assert_true (HC_IS_BAMBOOHR_CONNECTOR (connector));
  g_assert_cmpstr (hc_connector_get_vendor_name (connector), ==, "BambooHR");
  g_object_get (connector, "base-url", &url, NULL);
  g_assert_cmpstr (url, ==, expected);
}

static void
test_settings (void)
{
  assert_config_error (NULL, NULL, HC_FAKE_BAMBOOHR_SECRET, "--subdomain");
  assert_config_error ("", "", HC_FAKE_BAMBOOHR_SECRET, "--subdomain");
  assert_config_error (NULL, "acme corp", HC_FAKE_BAMBOOHR_SECRET, "--subdomain");
  assert_config_error (NULL, "-acme", HC_FAKE_BAMBOOHR_SECRET, "--subdomain");
  assert_config_error (NULL, "acme/x", HC_FAKE_BAMBOOHR_SECRET, "--subdomain");
  assert_config_error (NULL, "acme", NULL, "--secret-stdin");
  assert_config_error (NULL, "acme", "", "--secret-stdin");
  assert_config_error (NULL, "acme", "  \n", "--secret-stdin");
  assert_config_error (NULL, "acme", "fake:KEY_with_colon", "--secret-stdin");
  assert_config_error (NULL, "acme", "fake KEY_with_space", "--secret-stdin");
  assert_config_error ("ftp://127.0.0.1/", NULL, HC_FAKE_BAMBOOHR_SECRET, "--base-url");
  assert_config_error ("not a url", NULL, HC_FAKE_BAMBOOHR_SECRET, "--base-url");
  assert_config_error ("http://acme.bamboohr.com", NULL, HC_FAKE_BAMBOOHR_SECRET, "--base-url");
  assert_config_error ("https://user:pw@acme.bamboohr.com", NULL, HC_FAKE_BAMBOOHR_SECRET, "--base-url");

  assert_base_url (NULL, "acme", "https://acme.bamboohr.com");
  assert_base_url ("", "Acme.BambooHR.com", "https://acme.bamboohr.com");
  assert_base_url (NULL, " acme-eu ", "https://acme-eu.bamboohr.com");
  /* the override wins; the subdomain is not even checked */
  assert_base_url ("https://bamboo.test.example/", "not valid!", "https://bamboo.test.example");
  assert_base_url ("http://127.0.0.1:8080", NULL, "http://127.0.0.1:8080");
}

static void
test_connection_ok (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  HcFakeHris *server = hc_fake_bamboohr_get_server (fake);
  g_autofree char *log = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *encoded = NULL;
  g_auto (GStrv) fields = NULL;
  Run run;

  test_connection (connector, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);

  log = hc_fake_hris_dup_request_log (server);
  g_assert_cmpstr (log, ==, REPORT_REQUEST "\n");
  encoded = g_base64_encode ((const guchar *) HC_FAKE_BAMBOOHR_SECRET ":x",
                             strlen (HC_FAKE_BAMBOOHR_SECRET ":x"));
  expected = g_strconcat ("Basic ", encoded, NULL);
  authorization = hc_fake_hris_dup_last_header (server, "Authorization");
  g_assert_cmpstr (authorization, ==, expected);
  accept = hc_fake_hris_dup_last_header (server, "Accept");
  g_assert_cmpstr (accept, ==, "application/json");
  content_type = hc_fake_bamboohr_dup_last_content_type (fake);
  g_assert_cmpstr (content_type, ==, "application/json");
  fields = last_requested_fields (fake);
  g_assert_cmpuint (g_strv_length (fields), ==, 1);
  g_assert_cmpstr (fields[0], ==, "id");
  run_clear (&run);
}

static void
test_connection_wrong_secret (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = new_connector (fake, WRONG_SECRET);
  g_autofree char *log = NULL;
  Run run;

  test_connection (connector, NULL, &run);
  g_assert_false (run.ok);
  g_assert_error (run.error, HC_ERROR, HC_ERROR_AUTH);
  g_assert_nonnull (strstr (run.error->message, "BambooHR"));
  g_assert_nonnull (strstr (run.error->message, "401"));
  g_assert_nonnull (strstr (run.error->message, HC_FAKE_BAMBOOHR_REPORT_PATH));
  assert_no_secret (run.error->message, WRONG_SECRET);
  log = dup_captured_log ();
  assert_no_secret (log, WRONG_SECRET);
  run_clear (&run);

  /* the same on a fetch, at the first request */
  fetch (connector, NULL, &run);
  g_assert_error (run.error, HC_ERROR, HC_ERROR_AUTH);
  g_assert_nonnull (strstr (run.error->message, "401"));
  assert_no_secret (run.error->message, WRONG_SECRET);
  run_clear (&run);
}

static void
test_fetch_fields (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  g_autofree char *log = NULL;
  g_auto (GStrv) fields = NULL;
  HcEmployee *e;
  Run run;

  fetch (connector, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.employees->len, ==, 5);

  log = hc_fake_hris_dup_request_log (hc_fake_bamboohr_get_server (fake));
  g_assert_cmpstr (log, ==, FIELDS_REQUEST "\n" REPORT_REQUEST "\n");

  /* the standard fields, the custom ones by alias or id, nothing else */
  fields = last_requested_fields (fake);
  for (guint i = 0; i < 4; i++)
    {
      const char *wanted[] = { "customSkipSync", "customCostCenter", "4420", "supervisorEId" };

      g_assert_true (g_strv_contains ((const char * const *) fields, wanted[i]));
    }
  g_assert_true (g_strv_contains ((const char * const *) fields, "employmentHistoryStatus"));
  g_assert_true (g_strv_contains ((const char * const *) fields, "terminationDate"));
  g_assert_false (g_strv_contains ((const char * const *) fields, "customOldCode"));
  g_assert_false (g_strv_contains ((const char * const *) fields, "4340.4"));
  g_assert_false (g_strv_contains ((const char * const *) fields, "ssn"));
  g_assert_false (g_strv_contains ((const char * const *) fields, "4001"));

  /* in BambooHR's order */
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (hc_employee_get_id (g_ptr_array_index (run.employees, i)), ==,
                     ((HcFakePerson *) g_ptr_array_index (people, i))->id);

  e = g_ptr_array_index (run.employees, 0);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "1000");
  assert_field (e, HC_FIELD_FIRST_NAME, "Zoé");
  assert_field (e, HC_FIELD_LAST_NAME, "Lefèvre");
  assert_field (e, HC_FIELD_PREFERRED_NAME, NULL);
  assert_field (e, HC_FIELD_EMAIL, "zoe.lefevre@fake-hris.example");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  assert_field (e, HC_FIELD_STATUS, "active");
  assert_field (e, HC_FIELD_POSITION, "Chief Executive Officer");
  assert_field (e, HC_FIELD_DEPARTMENT, "Executive");
  assert_field (e, HC_FIELD_TEAM, NULL);
  assert_field (e, HC_FIELD_OFFICE, "Paris");
  assert_field (e, HC_FIELD_MANAGER_ID, NULL);
  assert_field (e, HC_FIELD_HIRE_DATE, "2015-01-05");
  assert_field (e, HC_FIELD_END_DATE, NULL);
  assert_field (e, "skip_sync", "0");
  assert_field (e, "customSkipSync", "0");
  assert_field (e, "cost_center", "CC-100");
  assert_field (e, "customCostCenter", "CC-100");
  /* raw attributes, by BambooHR's names and by their labels */
  assert_field (e, "firstName", "Zoé");
  assert_field (e, "lastName", "Lefèvre");
  assert_field (e, "workEmail", "zoe.lefevre@fake-hris.example");
  assert_field (e, "work_email", "zoe.lefevre@fake-hris.example");
  assert_field (e, "bamboohr.status", "Active");
  assert_field (e, "employmentHistoryStatus", "Full-Time");
  assert_field (e, "employment_status", "Full-Time");
  assert_field (e, "jobTitle", "Chief Executive Officer");
  assert_field (e, "job_title", "Chief Executive Officer");
  assert_field (e, "location", "Paris");
  assert_field (e, "division", "Europe");
  assert_field (e, "employeeNumber", "E1000");
  assert_field (e, "employee", "E1000");
  assert_field (e, "displayName", "Zoé Lefèvre");
  assert_field (e, "display_name", "Zoé Lefèvre");
  assert_field (e, "hireDate", "2015-01-05");
  assert_field (e, "4420", "B-1000");
  assert_field (e, "badge_number", "B-1000");
  assert_field (e, "supervisorEId", NULL);
  assert_field (e, "supervisor", NULL);
  assert_field (e, "terminationDate", NULL);
  assert_field (e, "ssn", NULL);

  e = g_ptr_array_index (run.employees, 1);
  assert_field (e, HC_FIELD_FIRST_NAME, "Jürgen");
  assert_field (e, HC_FIELD_LAST_NAME, "Müller");
  assert_field (e, HC_FIELD_PREFERRED_NAME, "Jü");
  assert_field (e, HC_FIELD_EMAIL, "jurgen.muller@fake-hris.example");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_LEAVE);
  assert_field (e, "bamboohr.status", "Active");
  assert_field (e, "employmentHistoryStatus", "Leave of Absence");
  assert_field (e, HC_FIELD_POSITION, "Engineer");
  assert_field (e, HC_FIELD_DEPARTMENT, "Engineering");
  assert_field (e, HC_FIELD_TEAM, "Platform");
  assert_field (e, "teams", "Platform");
  assert_field (e, HC_FIELD_OFFICE, "Berlin");
  assert_field (e, HC_FIELD_MANAGER_ID, "1000");
  assert_field (e, "supervisorEId", "1000");
  assert_field (e, "supervisor_eid", "1000");
  assert_field (e, "supervisor", "Zoé Lefèvre");
  assert_field (e, "reporting_to", "Zoé Lefèvre");
  assert_field (e, HC_FIELD_HIRE_DATE, "2019-03-04");
  assert_field (e, "skip_sync", "1");
  assert_field (e, "cost_center", "CC-110");

  e = g_ptr_array_index (run.employees, 2);
  assert_field (e, HC_FIELD_FIRST_NAME, "Søren");
  assert_field (e, HC_FIELD_LAST_NAME, "Ørsted");
  assert_field (e, HC_FIELD_EMAIL, NULL);
  assert_field (e, "workEmail", NULL);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);
  assert_field (e, HC_FIELD_STATUS, "onboarding");
  assert_field (e, "bamboohr.status", "Inactive");
  assert_field (e, "employmentHistoryStatus", NULL);
  assert_field (e, HC_FIELD_HIRE_DATE, "2099-02-01");
  assert_field (e, HC_FIELD_MANAGER_ID, "1001");
  assert_field (e, HC_FIELD_TEAM, "Field");
  assert_field (e, HC_FIELD_OFFICE, "London");

  e = g_ptr_array_index (run.employees, 3);
  assert_field (e, HC_FIELD_FIRST_NAME, "Hélène");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  assert_field (e, HC_FIELD_STATUS, "inactive");
  assert_field (e, "bamboohr.status", "Inactive");
  assert_field (e, "employmentHistoryStatus", "Terminated");
  assert_field (e, HC_FIELD_HIRE_DATE, "2018-09-10");
  assert_field (e, HC_FIELD_END_DATE, "2024-06-30");
  assert_field (e, "terminationDate", "2024-06-30");
  assert_field (e, "termination_date", "2024-06-30");
  assert_field (e, "cost_center", NULL);

  e = g_ptr_array_index (run.employees, 4);
  assert_field (e, HC_FIELD_FIRST_NAME, "Siobhán");
  assert_field (e, HC_FIELD_LAST_NAME, "Ní Bhriain");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  assert_field (e, HC_FIELD_MANAGER_ID, "1001");
  assert_field (e, HC_FIELD_DEPARTMENT, "People");
  assert_field (e, HC_FIELD_TEAM, "Talent");

  /* progress: unknown while asking, then the count */
  g_assert_cmpuint (run.messages->len, >=, 3);
  g_assert_cmpfloat (g_array_index (run.fractions, double, 0), <, 0);
  g_assert_cmpfloat (g_array_index (run.fractions, double, run.fractions->len - 1), ==, 1.0);
  g_assert_cmpstr (g_ptr_array_index (run.messages, run.messages->len - 1), ==,
                   "Fetched 5 of 5 employees from BambooHR");
  run_clear (&run);
}

static void
test_fetch_many (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5000);
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *log = NULL;
  g_autofree char *now = today ();
  guint n_onboarding = 0, n_leave = 0, n_inactive = 0, n_skip = 0;
  double last = -1;
  Run run;

  fetch (connector, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.employees->len, ==, 5000);

  /* BambooHR's custom report is not paged: one field list, one report */
  log = hc_fake_hris_dup_request_log (hc_fake_bamboohr_get_server (fake));
  g_assert_cmpstr (log, ==, FIELDS_REQUEST "\n" REPORT_REQUEST "\n");

  for (guint i = 0; i < 5000; i++)
    {
      HcEmployee *e = g_ptr_array_index (run.employees, i);
      HcFakePerson *p = g_ptr_array_index (people, i);
      HcEmployeeStatus status = hc_employee_get_status (e);

      g_assert_cmpstr (hc_employee_get_id (e), ==, p->id);
      g_assert_true (g_hash_table_add (seen, (gpointer) hc_employee_get_id (e)));
      assert_field (e, HC_FIELD_EMAIL, p->email);
      assert_field (e, HC_FIELD_MANAGER_ID, p->manager_id);
      assert_field (e, HC_FIELD_FIRST_NAME, p->first_name);
      assert_field (e, HC_FIELD_OFFICE, p->office);
      assert_field (e, HC_FIELD_END_DATE, p->end_date);
      assert_field (e, "skip_sync", p->skip_sync ? "1" : "0");

      if (g_str_equal (p->status, "onboarding"))
        {
          /* a future hire until the day comes */
          if (strcmp (p->hire_date, now) > 0)
            g_assert_cmpint (status, ==, HC_EMPLOYEE_STATUS_ONBOARDING);
          n_onboarding++;
        }
      else if (g_str_equal (p->status, "leave"))
        {
          g_assert_cmpint (status, ==, HC_EMPLOYEE_STATUS_LEAVE);
          n_leave++;
        }
      else if (g_str_equal (p->status, "inactive"))
        {
          g_assert_cmpint (status, ==, HC_EMPLOYEE_STATUS_INACTIVE);
          n_inactive++;
        }
      else
        g_assert_cmpint (status, ==, HC_EMPLOYEE_STATUS_ACTIVE);
      n_skip += p->skip_sync;
    }
  g_assert_cmpuint (n_onboarding, >, 0);
  g_assert_cmpuint (n_leave, >, 0);
  g_assert_cmpuint (n_inactive, >, 0);
  g_assert_cmpuint (n_skip, >, 0);

  /* progress along the records, in order, ending at 1 */
  g_assert_cmpuint (run.fractions->len, >=, 10);
  for (guint i = 0; i < run.fractions->len; i++)
    {
      double f = g_array_index (run.fractions, double, i);

      if (f >= 0)
        {
          g_assert_cmpfloat (f, >, last);
          last = f;
        }
    }
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpstr (g_ptr_array_index (run.messages, run.messages->len - 1), ==,
                   "Fetched 5000 of 5000 employees from BambooHR");
  g_assert_true (g_ptr_array_find_with_equal_func (run.messages, "Fetched 2500 of 5000 employees from BambooHR",
                                                   g_str_equal, NULL));
  run_clear (&run);
}

static void
test_rate_limited_then_ok (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  HcFakeHris *server = hc_fake_bamboohr_get_server (fake);
  gint64 start = g_get_monotonic_time ();
  Run run;

  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, HC_FAKE_BAMBOOHR_REPORT_PATH, 1);
  fetch (connector, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.employees->len, ==, 5);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_BAMBOOHR_REPORT_PATH), ==, 2);
  /* it waited as asked */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1000 * 1000);
  run_clear (&run);
}

static void
test_rate_limited_exhausted (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = NULL;
  HcFakeHris *server = hc_fake_bamboohr_get_server (fake);
  Run run;

  g_setenv ("HEADCOUNT_HTTP_POLICY", "attempts=2,total=10,delay=10", TRUE);
  connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, HC_FAKE_BAMBOOHR_REPORT_PATH, 0);
  fetch (connector, NULL, &run);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");

  g_assert_error (run.error, HC_ERROR, HC_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (run.error->message, "BambooHR"));
  g_assert_nonnull (strstr (run.error->message, "429"));
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_BAMBOOHR_REPORT_PATH), ==, 2);
  assert_no_secret (run.error->message, HC_FAKE_BAMBOOHR_SECRET);
  run_clear (&run);
}

static void
test_server_error (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  HcFakeHris *server = hc_fake_bamboohr_get_server (fake);
  Run run;

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, HC_FAKE_BAMBOOHR_REPORT_PATH, 1);
  fetch (connector, NULL, &run);
  g_assert_error (run.error, HC_ERROR, HC_ERROR_FAILED);
  g_assert_nonnull (strstr (run.error->message, "BambooHR"));
  g_assert_nonnull (strstr (run.error->message, "500"));
  g_assert_nonnull (strstr (run.error->message, HC_FAKE_BAMBOOHR_REPORT_PATH));
  /* not retried */
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_BAMBOOHR_REPORT_PATH), ==, 1);
  run_clear (&run);

  /* on the field list too: nothing is fetched without it */
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, HC_FAKE_BAMBOOHR_FIELDS_PATH, 1);
  fetch (connector, NULL, &run);
  g_assert_error (run.error, HC_ERROR, HC_ERROR_FAILED);
  g_assert_nonnull (strstr (run.error->message, HC_FAKE_BAMBOOHR_FIELDS_PATH));
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_BAMBOOHR_REPORT_PATH), ==, 1);
  run_clear (&run);
}

static void
test_timeout (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = NULL;
  HcFakeHris *server = hc_fake_bamboohr_get_server (fake);
  Run run;

  g_setenv ("HEADCOUNT_HTTP_POLICY", "read=1,attempts=1,total=5,delay=10", TRUE);
  connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, HC_FAKE_BAMBOOHR_REPORT_PATH, 1);
  fetch (connector, NULL, &run);
  g_assert_error (run.error, HC_ERROR, HC_ERROR_NETWORK);
  g_assert_nonnull (strstr (run.error->message, "BambooHR"));
  run_clear (&run);

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, HC_FAKE_BAMBOOHR_REPORT_PATH, 1);
  test_connection (connector, NULL, &run);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");
  g_assert_error (run.error, HC_ERROR, HC_ERROR_NETWORK);
  run_clear (&run);
}

static void
test_bad_bodies (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  HcFakeHris *server = hc_fake_bamboohr_get_server (fake);
  const struct { HcFakeFault fault; const char *path; } cases[] = {
    { HC_FAKE_FAULT_TRUNCATED, HC_FAKE_BAMBOOHR_REPORT_PATH },
    { HC_FAKE_FAULT_NOT_JSON, HC_FAKE_BAMBOOHR_REPORT_PATH },
    { HC_FAKE_FAULT_TRUNCATED, HC_FAKE_BAMBOOHR_FIELDS_PATH },
    { HC_FAKE_FAULT_NOT_JSON, HC_FAKE_BAMBOOHR_FIELDS_PATH },
  };
  Run run;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      hc_fake_hris_set_fault (server, cases[i].fault, cases[i].path, 1);
      fetch (connector, NULL, &run);
      g_assert_error (run.error, HC_ERROR, HC_ERROR_PARSE);
      g_assert_nonnull (strstr (run.error->message, "BambooHR"));
      g_assert_nonnull (strstr (run.error->message, cases[i].path));
      run_clear (&run);
    }

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_NOT_JSON, HC_FAKE_BAMBOOHR_REPORT_PATH, 1);
  test_connection (connector, NULL, &run);
  g_assert_error (run.error, HC_ERROR, HC_ERROR_PARSE);
  run_clear (&run);
}

static void
test_odd_records (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = NULL;
  g_autoptr (HcConnector) connector = NULL;
  HcEmployee *e;
  Run run;

  g_ptr_array_set_size (people, 1);
  fake = hc_fake_bamboohr_new (people);
  connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);

  /* an unknown status, nulls, a timestamp, BambooHR's empty date */
  hc_fake_bamboohr_add_raw_employee (fake,
                                     "{\"id\":\"2001\",\"firstName\":\"Ana\",\"lastName\":\"Solo\",\"workEmail\":null,"
                                     "\"status\":\"Suspended\",\"employmentHistoryStatus\":\"Full-Time\",\"supervisorEId\":null,"
                                     "\"hireDate\":\"2020-01-01T00:00:00+02:00\",\"terminationDate\":\"0000-00-00\","
                                     "\"customSkipSync\":null}");
  /* wrong types everywhere */
  hc_fake_bamboohr_add_raw_employee (fake,
                                     "{\"id\":2002,\"firstName\":42,\"lastName\":true,\"workEmail\":17,\"jobTitle\":3.5,"
                                     "\"supervisorEId\":1000,\"status\":\"Active\",\"employmentHistoryStatus\":\"Parental Leave\","
                                     "\"hireDate\":20200101,\"teams\":[\"Alpha\",\"Beta\"],\"department\":{\"name\":\"R&D\"},"
                                     "\"extra\":{\"nested\":{\"deep\":\"x\"},\"flag\":false},\"list\":[1,\"two\",null,{\"a\":1}],"
                                     "\"location\":\"  Lyon  \",\"preferredName\":\"\"}");
  /* the id alone: no status either */
  hc_fake_bamboohr_add_raw_employee (fake, "{\"id\":\" 2003 \"}");
  /* a termination that has passed, with an Active status */
  hc_fake_bamboohr_add_raw_employee (fake,
                                     "{\"id\":\"2004\",\"status\":\"Active\",\"hireDate\":\"2000-01-01\",\"terminationDate\":\"2001-05-31\"}");
  /* a re-hire to come after an old termination */
  hc_fake_bamboohr_add_raw_employee (fake,
                                     "{\"id\":\"2005\",\"status\":\"Inactive\",\"hireDate\":\"2099-01-01\",\"terminationDate\":\"2010-01-01\"}");
  /* Terminated while still Active; an impossible date */
  hc_fake_bamboohr_add_raw_employee (fake,
                                     "{\"id\":\"2006\",\"status\":\"active\",\"employmentHistoryStatus\":\"Terminated\","
                                     "\"hireDate\":\"2020-02-30\",\"supervisorEId\":\"\"}");
  /* a fixed-term contract to come */
  hc_fake_bamboohr_add_raw_employee (fake,
                                     "{\"id\":\"2008\",\"status\":\"Inactive\",\"hireDate\":\"2099-01-01\",\"terminationDate\":\"2099-06-30\"}");
  /* a missing manager key, an unknown key and a number as the status */
  hc_fake_bamboohr_add_raw_employee (fake,
                                     "{\"id\":\"2007\",\"firstName\":\"Élodie\",\"status\":7,\"newField\":\"v\"}");

  fetch (connector, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.employees->len, ==, 9);

  e = find_employee (run.employees, "2001");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  assert_field (e, "bamboohr.status", "Suspended");
  assert_field (e, HC_FIELD_EMAIL, NULL);
  assert_field (e, HC_FIELD_MANAGER_ID, NULL);
  assert_field (e, HC_FIELD_HIRE_DATE, "2020-01-01");
  assert_field (e, "hireDate", "2020-01-01T00:00:00+02:00");
  assert_field (e, HC_FIELD_END_DATE, NULL);
  assert_field (e, "terminationDate", "0000-00-00");
  assert_field (e, "customSkipSync", NULL);
  assert_field (e, HC_FIELD_FIRST_NAME, "Ana");

  e = find_employee (run.employees, "2002");
  assert_field (e, HC_FIELD_FIRST_NAME, "42");
  assert_field (e, HC_FIELD_LAST_NAME, "true");
  assert_field (e, HC_FIELD_EMAIL, NULL);
  assert_field (e, "workEmail", "17");
  assert_field (e, HC_FIELD_POSITION, "3.5");
  assert_field (e, HC_FIELD_MANAGER_ID, "1000");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_LEAVE);
  assert_field (e, HC_FIELD_HIRE_DATE, NULL);
  assert_field (e, "hireDate", "20200101");
  assert_field (e, HC_FIELD_TEAM, "Alpha, Beta");
  assert_field (e, "teams", "Alpha, Beta");
  assert_field (e, HC_FIELD_DEPARTMENT, NULL);
  assert_field (e, "department.name", "R&D");
  assert_field (e, "extra.nested.deep", "x");
  assert_field (e, "extra.flag", "false");
  assert_field (e, "list", "1, two");
  assert_field (e, HC_FIELD_OFFICE, "Lyon");
  assert_field (e, HC_FIELD_PREFERRED_NAME, NULL);

  e = find_employee (run.employees, "2003");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  assert_field (e, HC_FIELD_FIRST_NAME, NULL);
  assert_field (e, HC_FIELD_EMAIL, NULL);
  assert_field (e, "bamboohr.status", NULL);

  e = find_employee (run.employees, "2004");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  assert_field (e, HC_FIELD_END_DATE, "2001-05-31");

  e = find_employee (run.employees, "2005");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  e = find_employee (run.employees, "2008");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);
  assert_field (e, HC_FIELD_END_DATE, "2099-06-30");

  e = find_employee (run.employees, "2006");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  assert_field (e, HC_FIELD_HIRE_DATE, NULL);
  assert_field (e, "hireDate", "2020-02-30");
  assert_field (e, HC_FIELD_MANAGER_ID, NULL);

  e = find_employee (run.employees, "2007");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  assert_field (e, "bamboohr.status", "7");
  assert_field (e, "newField", "v");
  assert_field (e, HC_FIELD_FIRST_NAME, "Élodie");
  assert_field (e, HC_FIELD_MANAGER_ID, NULL);
  run_clear (&run);
}

static void
assert_parse_failure (const char *raw,
                      const char *expected_1,
                      const char *expected_2,
                      const char *not_expected)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  Run run;

  hc_fake_bamboohr_add_raw_employee (fake, raw);
  fetch (connector, NULL, &run);
  g_assert_error (run.error, HC_ERROR, HC_ERROR_PARSE);
  g_assert_nonnull (strstr (run.error->message, "BambooHR"));
  g_assert_nonnull (strstr (run.error->message, HC_FAKE_BAMBOOHR_REPORT_PATH));
  g_assert_nonnull (strstr (run.error->message, expected_1));
  if (expected_2 != NULL)
    g_assert_nonnull (strstr (run.error->message, expected_2));
  if (not_expected != NULL)
    g_assert_null (strstr (run.error->message, not_expected));
  run_clear (&run);
}

static void
test_record_without_id (void)
{
  assert_parse_failure ("{\"firstName\":\"Nobody\",\"workEmail\":\"nobody@fake-hris.example\"}",
                        "#6", "id", "Nobody");
  assert_parse_failure ("{\"id\":null,\"firstName\":\"Nobody\"}", "#6", NULL, "Nobody");
  assert_parse_failure ("{\"id\":\"  \",\"firstName\":\"Nobody\"}", "#6", NULL, "Nobody");
  assert_parse_failure ("{\"id\":{\"value\":\"9\"},\"firstName\":\"Nobody\"}", "#6", NULL, "Nobody");
  assert_parse_failure ("{\"id\":12.5}", "#6", NULL, NULL);
  assert_parse_failure ("\"an employee\"", "#6", NULL, NULL);
  assert_parse_failure ("[\"2001\"]", "#6", NULL, NULL);
  /* twice the same employee: which record is right is unknown */
  assert_parse_failure ("{\"id\":\"1002\",\"firstName\":\"Other\"}", "1002", "#3", "Other");
}

static void
test_bad_shapes (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  const char *bad_reports[] = {
    "[]", "{}", "{\"employees\":{}}", "{\"employees\":null}", "{\"employees\":\"x\"}", "3",
  };
  Run run;

  for (guint i = 0; i < G_N_ELEMENTS (bad_reports); i++)
    {
      hc_fake_bamboohr_set_report_override (fake, bad_reports[i]);
      fetch (connector, NULL, &run);
      g_assert_error (run.error, HC_ERROR, HC_ERROR_PARSE);
      g_assert_nonnull (strstr (run.error->message, "BambooHR"));
      g_assert_nonnull (strstr (run.error->message, HC_FAKE_BAMBOOHR_REPORT_PATH));
      run_clear (&run);

      test_connection (connector, NULL, &run);
      g_assert_error (run.error, HC_ERROR, HC_ERROR_PARSE);
      run_clear (&run);
    }

  /* labels of a wrong shape are only labels; an empty company is empty */
  hc_fake_bamboohr_set_report_override (fake,
                                        "{\"title\":7,\"fields\":[3,{\"id\":4},{\"id\":\"x\",\"name\":[]},{\"name\":\"y\"}],"
                                        "\"employees\":[{\"id\":\"1\",\"x\":\"v\"}]}");
  fetch (connector, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.employees->len, ==, 1);
  assert_field (g_ptr_array_index (run.employees, 0), "x", "v");
  run_clear (&run);

  hc_fake_bamboohr_set_report_override (fake, "{\"fields\":3,\"employees\":[]}");
  fetch (connector, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.employees->len, ==, 0);
  g_assert_cmpstr (g_ptr_array_index (run.messages, run.messages->len - 1), ==,
                   "Fetched 0 of 0 employees from BambooHR");
  run_clear (&run);
  hc_fake_bamboohr_set_report_override (fake, NULL);

  /* the field list must be a list */
  hc_fake_bamboohr_set_fields_override (fake, "{\"fields\":[]}");
  fetch (connector, NULL, &run);
  g_assert_error (run.error, HC_ERROR, HC_ERROR_PARSE);
  g_assert_nonnull (strstr (run.error->message, HC_FAKE_BAMBOOHR_FIELDS_PATH));
  run_clear (&run);

  /* odd entries in it are skipped, labels still come from the report */
  hc_fake_bamboohr_set_fields_override (fake,
                                        "[1,\"x\",null,{\"id\":null},{\"name\":\"No id\"},{\"id\":true,\"name\":\"Bool\"},"
                                        "{\"id\":4001,\"name\":7,\"alias\":\"customSkipSync\"},{\"id\":4420,\"alias\":null}]");
  fetch (connector, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.employees->len, ==, 5);
  assert_field (g_ptr_array_index (run.employees, 1), "skip_sync", "1");
  assert_field (g_ptr_array_index (run.employees, 1), "4420", "B-1001");
  assert_field (g_ptr_array_index (run.employees, 1), "cost_center", NULL);
  run_clear (&run);
}

static gboolean
cancel_when_asked_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;
  HcFakeHris *server = g_object_get_data (G_OBJECT (cancellable), "server");

  if (hc_fake_hris_count_requests (server, HC_FAKE_BAMBOOHR_REPORT_PATH) == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  HcFakeHris *server = hc_fake_bamboohr_get_server (fake);
  gint64 start;
  Run run;

  /* before anything is sent */
  g_cancellable_cancel (cancelled);
  fetch (connector, cancelled, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run_clear (&run);
  test_connection (connector, cancelled, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run_clear (&run);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 0);

  /* while BambooHR prepares the report (it never answers) */
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, HC_FAKE_BAMBOOHR_REPORT_PATH, 0);
  g_object_set_data (G_OBJECT (cancellable), "server", server);
  g_timeout_add (10, cancel_when_asked_cb, cancellable);
  start = g_get_monotonic_time ();
  fetch (connector, cancellable, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_BAMBOOHR_FIELDS_PATH), ==, 1);
  run_clear (&run);
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_NONE, NULL, 0);
}

static void
test_no_secret_leak (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (HcConnector) wrong = new_connector (fake, WRONG_SECRET);
  HcFakeHris *server = hc_fake_bamboohr_get_server (fake);
  const HcFakeFault faults[] = {
    HC_FAKE_FAULT_UNAUTHORIZED, HC_FAKE_FAULT_RATE_LIMITED, HC_FAKE_FAULT_SERVER_ERROR,
    HC_FAKE_FAULT_BAD_GATEWAY, HC_FAKE_FAULT_TIMEOUT, HC_FAKE_FAULT_TRUNCATED,
    HC_FAKE_FAULT_NOT_JSON,
  };
  g_autofree char *log = NULL;
  Run run;

  g_mutex_lock (&log_mutex);
  g_string_truncate (captured_log, 0);
  g_mutex_unlock (&log_mutex);

  g_setenv ("HEADCOUNT_HTTP_POLICY", "read=1,attempts=2,total=5,delay=10", TRUE);
  connector = new_connector (fake, HC_FAKE_BAMBOOHR_SECRET);
  hc_fake_hris_set_retry_after (server, "0");
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      hc_fake_hris_set_fault (server, faults[i], HC_FAKE_BAMBOOHR_REPORT_PATH, 0);
      fetch (connector, NULL, &run);
      g_assert_nonnull (run.error);
      assert_no_secret (run.error->message, HC_FAKE_BAMBOOHR_SECRET);
      run_clear (&run);

      test_connection (connector, NULL, &run);
      g_assert_nonnull (run.error);
      assert_no_secret (run.error->message, HC_FAKE_BAMBOOHR_SECRET);
      run_clear (&run);
    }
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_NONE, NULL, 0);

  /* a record without id, and a wrong key */
  hc_fake_bamboohr_add_raw_employee (fake, "{\"firstName\":\"Nobody\"}");
  fetch (connector, NULL, &run);
  g_assert_error (run.error, HC_ERROR, HC_ERROR_PARSE);
  assert_no_secret (run.error->message, HC_FAKE_BAMBOOHR_SECRET);
  run_clear (&run);
  test_connection (wrong, NULL, &run);
  g_assert_error (run.error, HC_ERROR, HC_ERROR_AUTH);
  assert_no_secret (run.error->message, WRONG_SECRET);
  run_clear (&run);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");

  /* the log ran, with the headers, and holds no key */
  log = dup_captured_log ();
  g_assert_nonnull (strstr (log, "Authorization: " HC_HTTP_REDACTED));
  g_assert_nonnull (strstr (log, HC_FAKE_BAMBOOHR_REPORT_PATH));
  assert_no_secret (log, HC_FAKE_BAMBOOHR_SECRET);
  assert_no_secret (log, WRONG_SECRET);
}

int
main (int   argc,
      char *argv[])
{
  /* hc-http logs (and adds its redacting SoupLogger) only when its debug
   * output is enabled; the tests capture it rather than print it. */
  g_setenv ("G_MESSAGES_DEBUG", "hc-http hc-bamboohr", TRUE);
  /* 127.0.0.1 direct, whatever the machine's proxy */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  captured_log = g_string_new (NULL);
  g_log_set_handler ("hc-http", G_LOG_LEVEL_DEBUG, capture_log_cb, NULL);
  g_log_set_handler ("hc-bamboohr", G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE,
                     capture_log_cb, NULL);

  g_test_add_func ("/bamboohr/settings", test_settings);
  g_test_add_func ("/bamboohr/test-connection/ok", test_connection_ok);
  g_test_add_func ("/bamboohr/test-connection/wrong-secret", test_connection_wrong_secret);
  g_test_add_func ("/bamboohr/fetch/fields", test_fetch_fields);
  g_test_add_func ("/bamboohr/fetch/5000", test_fetch_many);
  g_test_add_func ("/bamboohr/fetch/429-then-ok", test_rate_limited_then_ok);
  g_test_add_func ("/bamboohr/fetch/429-exhausted", test_rate_limited_exhausted);
  g_test_add_func ("/bamboohr/fetch/500", test_server_error);
  g_test_add_func ("/bamboohr/fetch/timeout", test_timeout);
  g_test_add_func ("/bamboohr/fetch/truncated-and-not-json", test_bad_bodies);
  g_test_add_func ("/bamboohr/fetch/odd-records", test_odd_records);
  g_test_add_func ("/bamboohr/fetch/record-without-id", test_record_without_id);
  g_test_add_func ("/bamboohr/fetch/bad-shapes", test_bad_shapes);
  g_test_add_func ("/bamboohr/cancel", test_cancel);
  g_test_add_func ("/bamboohr/no-secret-leak", test_no_secret_leak);

  return g_test_run ();
}
