/* test-workday.c — the Workday (RaaS) connector against its fake tenant
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "config.h"
#include "hc-error.h"
#include "hc-fake-workday.h"
#include "hc-http.h"
#include "hc-workday-connector.h"
#include "hc-connector-test.h"

#define DEFAULT_POLICY "connect=5,read=10,attempts=3,total=20,delay=10"

/* Helpers */

/* The secret and the ISU name, clear and in the Basic header. */
static void
assert_no_secret (const char *text)
{
  g_autofree char *plain = g_strconcat (HC_FAKE_WORKDAY_CLIENT_ID, ":", HC_FAKE_WORKDAY_SECRET, NULL);
  g_autofree char *basic = g_base64_encode ((const guchar *) plain, strlen (plain));

  hc_connector_test_assert_lacks (text, HC_FAKE_WORKDAY_SECRET);
  hc_connector_test_assert_lacks (text, HC_FAKE_WORKDAY_CLIENT_ID);
  hc_connector_test_assert_lacks (text, basic);
}

static void
set_policy (const char *policy)
{
  g_setenv ("HEADCOUNT_HTTP_POLICY", policy, TRUE);
}

static HcConnector *
connector_for_url (const char *url)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector;

  connector = hc_workday_connector_new (url, HC_FAKE_WORKDAY_SUBDOMAIN, HC_FAKE_WORKDAY_CLIENT_ID,
                                        HC_FAKE_WORKDAY_SECRET, &error);
  g_assert_no_error (error);
  g_assert_true (HC_IS_CONNECTOR (connector));
  return connector;
}

static HcConnector *
connector_new (HcFakeWorkday *fake)
{
  return connector_for_url (hc_fake_workday_get_base_url (fake));
}

typedef struct
{
  GPtrArray    *messages;   /* char* */
  GArray       *fractions;  /* double */
  GCancellable *cancel_midway;
} Progress;

static void
progress_init (Progress *p)
{
  p->messages = g_ptr_array_new_with_free_func (g_free);
  p->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  p->cancel_midway = NULL;
}

static void
progress_clear (Progress *p)
{
  g_ptr_array_unref (p->messages);
  g_array_unref (p->fractions);
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_ptr_array_add (p->messages, g_strdup (message));
  g_array_append_val (p->fractions, fraction);
  if (p->cancel_midway != NULL && fraction > 0 && fraction < 1)
    g_cancellable_cancel (p->cancel_midway);
}

static GPtrArray *
fetch_full (HcConnector  *connector,
            Progress     *progress,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_connector_fetch_employees_async (connector, progress ? progress_cb : NULL, progress,
                                      cancellable, hc_connector_test_store_once_cb, &result);
  hc_connector_test_wait (&result);
  return hc_connector_fetch_employees_finish (connector, result, error);
}

static GPtrArray *
fetch (HcConnector *connector,
       GError     **error)
{
  return fetch_full (connector, NULL, NULL, error);
}

static gboolean
test_connection (HcConnector  *connector,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_connector_test_connection_async (connector, cancellable, hc_connector_test_store_once_cb, &result);
  hc_connector_test_wait (&result);
  return hc_connector_test_connection_finish (connector, result, error);
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

#define assert_field(e, name, expected) \
  g_assert_cmpstr (hc_employee_get_field ((e), (name)), ==, (expected))

static char *
joined_phones (const HcFakePerson *person,
               gboolean            types)
{
  guint64 number = g_ascii_strtoull (person->id, NULL, 10);

  if (types)
    return g_strdup (number % 2 == 0 ? "Work, Mobile" : "Work");
  if (number % 2 == 0)
    return g_strdup_printf ("+33 1 00 00 %s, +33 6 00 00 %s", person->id, person->id);
  return g_strdup_printf ("+33 1 00 00 %s", person->id);
}

static void
check_person (HcEmployee         *e,
              const HcFakePerson *p,
              HcFakeWorkdayLayout layout)
{
  HcEmployeeStatus expected;

  g_assert_cmpstr (hc_employee_get_id (e), ==, p->id);
  assert_field (e, HC_FIELD_ID, p->id);
  assert_field (e, HC_FIELD_FIRST_NAME, p->first_name);
  assert_field (e, HC_FIELD_LAST_NAME, p->last_name);
  assert_field (e, HC_FIELD_PREFERRED_NAME, p->preferred_name);
  assert_field (e, HC_FIELD_EMAIL, p->email);
  assert_field (e, HC_FIELD_POSITION, p->position);
  assert_field (e, HC_FIELD_DEPARTMENT, p->department);
  assert_field (e, HC_FIELD_TEAM, p->team);
  assert_field (e, HC_FIELD_OFFICE, p->office);
  assert_field (e, HC_FIELD_MANAGER_ID, p->manager_id);
  assert_field (e, HC_FIELD_HIRE_DATE, p->hire_date);
  assert_field (e, HC_FIELD_END_DATE, p->end_date);

  g_assert_true (hc_employee_status_from_string (p->status, &expected));
  g_assert_cmpint (hc_employee_get_status (e), ==, expected);
  assert_field (e, HC_FIELD_STATUS, p->status);

  if (layout == HC_FAKE_WORKDAY_LAYOUT_DEFAULT)
    {
      g_autofree char *hire = g_strconcat (p->hire_date, "-08:00", NULL);
      g_autofree char *phones = joined_phones (p, FALSE);
      g_autofree char *types = joined_phones (p, TRUE);
      const char *words[] = { "Active", "Pre-Hire", "On Leave", "Terminated" };

      assert_field (e, "Employee_ID", p->id);
      assert_field (e, "Legal_Name_First_Name", p->first_name);
      assert_field (e, "Legal_Name_Last_Name", p->last_name);
      assert_field (e, "Preferred_Name_First_Name", p->preferred_name);
      assert_field (e, "Email_Address", p->email);
      assert_field (e, "Supervisory_Organization", p->department);
      assert_field (e, "Location", p->office);
      assert_field (e, "Manager_ID", p->manager_id);
      assert_field (e, "Hire_Date", hire);
      assert_field (e, "Cost_Center", p->cost_center);
      assert_field (e, "Skip_Sync", p->skip_sync ? "1" : "0");
      assert_field (e, "Worker_Status", words[expected]);
      assert_field (e, "On_Leave", expected == HC_EMPLOYEE_STATUS_LEAVE ? "1" : "0");
      assert_field (e, "Terminated", expected == HC_EMPLOYEE_STATUS_INACTIVE ? "1" : "0");
      assert_field (e, "Worker_Type", "Employee");
      assert_field (e, "Phone_group.Phone_Number", phones);
      assert_field (e, "Phone_group.Phone_Type", types);
      g_assert_nonnull (hc_employee_get_field (e, "Worker"));
      g_assert_null (hc_employee_get_field (e, "Phone_group"));
    }
  else
    {
      g_autofree char *wid = g_compute_checksum_for_string (G_CHECKSUM_MD5, p->id, -1);

      assert_field (e, "employeeID", p->id);
      assert_field (e, "workdayID", wid);
      assert_field (e, "firstName", p->first_name);
      assert_field (e, "primaryWorkEmail", p->email);
      assert_field (e, "managerEmployeeID", p->manager_id);
      assert_field (e, "hireDate", p->hire_date);
      assert_field (e, "terminationDate", p->end_date);
      assert_field (e, "costCenter", p->cost_center);
      assert_field (e, "skipSync", p->skip_sync ? "true" : "false");
      assert_field (e, "onLeave", expected == HC_EMPLOYEE_STATUS_LEAVE ? "true" : "false");
      assert_field (e, "active", (expected == HC_EMPLOYEE_STATUS_ACTIVE ||
                                  expected == HC_EMPLOYEE_STATUS_LEAVE) ? "true" : "false");
    }
}

/* Asserts @people has the cases a field-by-field check must cover, so
 * that the check cannot pass on a population without them. */
static void
assert_people_cover_cases (GPtrArray *people)
{
  gboolean status_seen[4] = { FALSE };
  gboolean no_email = FALSE, no_manager = FALSE, preferred = FALSE, skip = FALSE, no_team = FALSE;
  gboolean end_date = FALSE, accents = FALSE;

  for (guint i = 0; i < people->len; i++)
    {
      const HcFakePerson *p = g_ptr_array_index (people, i);
      HcEmployeeStatus status;

      g_assert_true (hc_employee_status_from_string (p->status, &status));
      status_seen[status] = TRUE;
      no_email |= p->email == NULL;
      no_manager |= p->manager_id == NULL;
      preferred |= p->preferred_name != NULL;
      skip |= p->skip_sync;
      no_team |= p->team == NULL;
      end_date |= p->end_date != NULL;
      accents |= !g_str_is_ascii (p->first_name) || !g_str_is_ascii (p->last_name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (status_seen); i++)
    g_assert_true (status_seen[i]);
  g_assert_true (no_email && no_manager && preferred && skip && no_team && end_date && accents);
}

/* Settings */

static void
assert_config_error (const char *base_url,
                     const char *client_id,
                     const char *secret,
                     const char *flag)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector = hc_workday_connector_new (base_url, "ignored", client_id, secret, &error);

  g_assert_null (connector);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  hc_connector_test_assert_has (error->message, "Workday");
  hc_connector_test_assert_has (error->message, flag);
  hc_connector_test_assert_lacks (error->message, HC_FAKE_WORKDAY_SECRET);
  hc_connector_test_assert_lacks (error->message, "hunter2pass");
}

static void
test_config_missing (void)
{
  const char *url = "https://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/hr/Headcount_Workers?format=json";
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GError) error = NULL;

  assert_config_error (NULL, HC_FAKE_WORKDAY_CLIENT_ID, HC_FAKE_WORKDAY_SECRET, "--base-url");
  assert_config_error ("", HC_FAKE_WORKDAY_CLIENT_ID, HC_FAKE_WORKDAY_SECRET, "--base-url");
  assert_config_error (url, NULL, HC_FAKE_WORKDAY_SECRET, "--client-id");
  assert_config_error (url, "", HC_FAKE_WORKDAY_SECRET, "--client-id");
  assert_config_error (url, "isu:with-colon", HC_FAKE_WORKDAY_SECRET, "--client-id");
  assert_config_error (url, HC_FAKE_WORKDAY_CLIENT_ID, NULL, "--secret-stdin");
  assert_config_error (url, HC_FAKE_WORKDAY_CLIENT_ID, "", "--secret-stdin");

  /* bad report URLs */
  assert_config_error ("wd2-impl-services1.workday.com/ccx/service/customreport2/acme/hr/R",
                       HC_FAKE_WORKDAY_CLIENT_ID, HC_FAKE_WORKDAY_SECRET, "--base-url");
  assert_config_error ("ftp://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/hr/R",
                       HC_FAKE_WORKDAY_CLIENT_ID, HC_FAKE_WORKDAY_SECRET, "--base-url");
  assert_config_error ("http://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/hr/R?format=json",
                       HC_FAKE_WORKDAY_CLIENT_ID, HC_FAKE_WORKDAY_SECRET, "https://");
  assert_config_error ("https://isu:hunter2pass@wd2-impl-services1.workday.com/ccx/service/customreport2/acme/hr/R",
                       HC_FAKE_WORKDAY_CLIENT_ID, HC_FAKE_WORKDAY_SECRET, "--secret-stdin");
  assert_config_error ("https://wd2-impl-services1.workday.com/?format=json",
                       HC_FAKE_WORKDAY_CLIENT_ID, HC_FAKE_WORKDAY_SECRET, "--base-url");
  assert_config_error ("https://wd2-impl-services1.workday.com",
                       HC_FAKE_WORKDAY_CLIENT_ID, HC_FAKE_WORKDAY_SECRET, "--base-url");

  /* the subdomain is ignored, whatever it is */
  connector = hc_workday_connector_new (url, NULL, HC_FAKE_WORKDAY_CLIENT_ID, HC_FAKE_WORKDAY_SECRET, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hc_connector_get_vendor_name (connector), ==, "Workday");
}

/* The query is kept, format forced to json, the fragment dropped. */
static void
test_config_report_url (void)
{
  static const struct { const char *suffix; const char *request; } cases[] = {
    { "", "?format=json" },
    { "?format=json", "?format=json" },
    { "?format=simplexml", "?format=json" },
    { "?Effective_as_of_Date=2026-01-01-08%3A00&format=csv&Include_Terminated=1",
      "?Effective_as_of_Date=2026-01-01-08%3A00&format=json&Include_Terminated=1" },
    { "?Include_Terminated=1&FORMAT=xml&format=json", "?Include_Terminated=1&format=json" },
    { "?Include_Terminated=1#top", "?Include_Terminated=1&format=json" },
  };
  g_autoptr (HcFakeWorkday) fake = NULL;
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  HcFakeHris *server;

  fake = hc_fake_workday_new (people);
  server = hc_fake_workday_get_server (fake);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (hc_fake_hris_get_base_url (server), HC_FAKE_WORKDAY_REPORT_PATH,
                                          cases[i].suffix, NULL);
      g_autofree char *expected = g_strdup_printf ("GET %s%s\n", HC_FAKE_WORKDAY_REPORT_PATH, cases[i].request);
      g_autofree char *before = hc_fake_hris_dup_request_log (server);
      g_autofree char *after = NULL;
      g_autoptr (HcConnector) connector = connector_for_url (url);
      g_autoptr (GPtrArray) employees = NULL;
      g_autoptr (GError) error = NULL;

      employees = fetch (connector, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (employees->len, ==, 3);
      after = hc_fake_hris_dup_request_log (server);
      g_assert_cmpstr (after + strlen (before), ==, expected);
    }
}

/* Test connection */

static void
test_connection_ok (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_workday_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *log = NULL;
  g_autofree char *plain = g_strconcat (HC_FAKE_WORKDAY_CLIENT_ID, ":", HC_FAKE_WORKDAY_SECRET, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) plain, strlen (plain));
  g_autofree char *basic = g_strconcat ("Basic ", encoded, NULL);

  g_assert_true (test_connection (connector, NULL, &error));
  g_assert_no_error (error);

  authorization = hc_fake_hris_dup_last_header (server, "Authorization");
  g_assert_cmpstr (authorization, ==, basic);
  log = hc_fake_hris_dup_request_log (server);
  g_assert_cmpstr (log, ==, "GET " HC_FAKE_WORKDAY_REPORT_PATH "?format=json\n");

  /* an empty report is a working connection */
  hc_fake_workday_set_raw_body (fake, "{\"Report_Entry\":[]}");
  g_assert_true (test_connection (connector, NULL, &error));
  g_assert_no_error (error);
}

static void
test_connection_wrong_secret (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) fetch_error = NULL;
  g_autoptr (GPtrArray) employees = NULL;

  connector = hc_workday_connector_new (hc_fake_workday_get_base_url (fake), NULL,
                                        HC_FAKE_WORKDAY_CLIENT_ID, "wrong-Passw0rd-123", &error);
  g_assert_no_error (error);

  g_assert_false (test_connection (connector, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "Workday");
  hc_connector_test_assert_has (error->message, "401");
  hc_connector_test_assert_has (error->message, HC_FAKE_WORKDAY_REPORT_PATH);
  hc_connector_test_assert_lacks (error->message, "wrong-Passw0rd-123");
  assert_no_secret (error->message);

  employees = fetch (connector, &fetch_error);
  g_assert_null (employees);
  g_assert_error (fetch_error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (fetch_error->message, "401");
  /* 401 is not retried */
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_workday_get_server (fake), NULL), ==, 2);

  /* a wrong user name is the same 401 */
  {
    g_autoptr (HcConnector) other = hc_workday_connector_new (hc_fake_workday_get_base_url (fake), NULL,
                                                              "ISU_Someone_Else", HC_FAKE_WORKDAY_SECRET, NULL);
    g_autoptr (GError) other_error = NULL;

    g_assert_false (test_connection (other, NULL, &other_error));
    g_assert_error (other_error, HC_ERROR, HC_ERROR_AUTH);
    hc_connector_test_assert_lacks (other_error->message, HC_FAKE_WORKDAY_SECRET);
  }
}

static void
test_connection_bad_report (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) id_error = NULL;

  /* the REST workers API, not a RaaS report */
  hc_fake_workday_set_raw_body (fake, "{\"total\":1,\"data\":[{\"id\":\"3aa5\",\"descriptor\":\"Zoé\"}]}");
  g_assert_false (test_connection (connector, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_test_assert_has (error->message, "Workday");
  hc_connector_test_assert_has (error->message, HC_FAKE_WORKDAY_REPORT_PATH);
  hc_connector_test_assert_has (error->message, "Report_Entry");
  hc_connector_test_assert_has (error->message, "format=json");
  hc_connector_test_assert_has (error->message, "--base-url");

  /* a report without an employee id column */
  hc_fake_workday_set_raw_body (fake, "{\"Report_Entry\":[{\"Worker\":\"Zoé Lefèvre\"}]}");
  g_assert_false (test_connection (connector, NULL, &id_error));
  g_assert_error (id_error, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_test_assert_has (id_error->message, "Employee_ID");
  hc_connector_test_assert_has (id_error->message, "#1");
  hc_connector_test_assert_lacks (id_error->message, "Zoé");
}

/* Fetch */

static void
check_small_fetch (HcFakeWorkdayLayout layout)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (42);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  assert_people_cover_cases (people);
  hc_fake_workday_set_layout (fake, layout);

  employees = fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_nonnull (employees);
  g_assert_cmpuint (employees->len, ==, people->len);

  for (guint i = 0; i < people->len; i++)
    check_person (g_ptr_array_index (employees, i), g_ptr_array_index (people, i), layout);

  /* one spot check by hand, so the helper cannot hide a mistake */
  {
    HcEmployee *ceo = g_ptr_array_index (employees, 0);
    HcEmployee *e = g_ptr_array_index (employees, 1);

    g_assert_cmpstr (hc_employee_get_id (ceo), ==, "1000");
    assert_field (ceo, HC_FIELD_FIRST_NAME, "Zoé");
    assert_field (ceo, HC_FIELD_LAST_NAME, "Lefèvre");
    g_assert_null (hc_employee_get_manager_id (ceo));
    assert_field (ceo, HC_FIELD_POSITION, "Chief Executive Officer");
    g_assert_null (hc_employee_get_field (ceo, HC_FIELD_TEAM));
    assert_field (e, HC_FIELD_FIRST_NAME, "Jürgen");
    assert_field (e, HC_FIELD_MANAGER_ID, "1000");
  }
}

static void
test_fetch_small (void)
{
  check_small_fetch (HC_FAKE_WORKDAY_LAYOUT_DEFAULT);
}

static void
test_fetch_camel_layout (void)
{
  check_small_fetch (HC_FAKE_WORKDAY_LAYOUT_CAMEL);
}

static void
test_fetch_5000 (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5000);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_workday_get_server (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  Progress progress;
  double last = -1;

  progress_init (&progress);
  employees = fetch_full (connector, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5000);

  /* all ids once, in the report's order */
  for (guint i = 0; i < employees->len; i++)
    {
      const HcFakePerson *p = g_ptr_array_index (people, i);

      g_assert_cmpstr (hc_employee_get_id (g_ptr_array_index (employees, i)), ==, p->id);
    }
  check_person (g_ptr_array_index (employees, 4999), g_ptr_array_index (people, 4999),
                HC_FAKE_WORKDAY_LAYOUT_DEFAULT);

  /* no paging in RaaS: one request */
  log = hc_fake_hris_dup_request_log (server);
  g_assert_cmpstr (log, ==, "GET " HC_FAKE_WORKDAY_REPORT_PATH "?format=json\n");

  /* progress: unknown while the report runs, then through the entries */
  g_assert_cmpuint (progress.fractions->len, >=, 5);
  g_assert_cmpfloat (g_array_index (progress.fractions, double, 0), <, 0);
  hc_connector_test_assert_has (g_ptr_array_index (progress.messages, 0), "Workday");
  for (guint i = 1; i < progress.fractions->len; i++)
    {
      double fraction = g_array_index (progress.fractions, double, i);

      g_assert_cmpfloat (fraction, >, last);
      g_assert_cmpfloat (fraction, <=, 1.0);
      last = fraction;
    }
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpstr (g_ptr_array_index (progress.messages, 1), ==, "Fetched 500 of 5,000 employees from Workday");
  g_assert_cmpstr (g_ptr_array_index (progress.messages, progress.messages->len - 1), ==,
                   "Fetched 5,000 of 5,000 employees from Workday");
  progress_clear (&progress);
}

/* Faults */

static void
test_retry_after (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (10);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_workday_get_server (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, NULL, 1);

  start = g_get_monotonic_time ();
  employees = fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 10);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_WORKDAY_REPORT_PATH), ==, 2);
  /* Retry-After: 1 was honoured */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
}

static void
test_rate_limited (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (10);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_workday_get_server (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  set_policy ("connect=5,read=10,attempts=2,total=10,delay=10");
  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, NULL, 0);

  employees = fetch (connector, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_RATE_LIMITED);
  hc_connector_test_assert_has (error->message, "Workday");
  hc_connector_test_assert_has (error->message, "429");
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_WORKDAY_REPORT_PATH), ==, 2);
  set_policy (DEFAULT_POLICY);
}

static void
test_server_error (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (10);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_workday_get_server (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, NULL, 1);
  employees = fetch (connector, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  hc_connector_test_assert_has (error->message, "Workday");
  hc_connector_test_assert_has (error->message, "500");
  g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 1);
}

static void
test_timeout (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (10);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = NULL;
  HcFakeHris *server = hc_fake_workday_get_server (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  set_policy ("read=1,attempts=1,total=5,delay=10");
  connector = connector_new (fake);
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, NULL, 0);

  start = g_get_monotonic_time ();
  employees = fetch (connector, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  hc_connector_test_assert_has (error->message, "Workday");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  set_policy (DEFAULT_POLICY);
}

static void
test_truncated_and_not_json (void)
{
  static const HcFakeFault faults[] = { HC_FAKE_FAULT_TRUNCATED, HC_FAKE_FAULT_NOT_JSON };
  g_autoptr (GPtrArray) people = hc_fake_people_new (50);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_workday_get_server (fake);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr (GPtrArray) employees = NULL;
      g_autoptr (GError) error = NULL;

      hc_fake_hris_set_fault (server, faults[i], NULL, 1);
      employees = fetch (connector, &error);
      g_assert_null (employees);
      g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (error->message, "Workday");
      hc_connector_test_assert_has (error->message, HC_FAKE_WORKDAY_REPORT_PATH);
    }
}

/* Odd records */

static void
test_odd_records (void)
{
  static const char * const entries[] = {
    /* #0 unknown status, null manager, no e-mail */
    "{\"Employee_ID\":\"9001\",\"Legal_Name_First_Name\":\"Ève\",\"Legal_Name_Last_Name\":\"Noël\","
    "\"Worker_Status\":\"Suspended\",\"Manager_ID\":null}",
    /* #1 wrong types: number id, object name, number last name, list of
     * e-mails, number date, "yes" flag, JSON true, number manager */
    "{\"Employee_ID\":9002,\"Legal_Name_First_Name\":{\"x\":1},\"First_Name\":\"Ana\",\"Last_Name\":42,"
    "\"Email_Address\":[\"ana@x.example\",\"ana.2@x.example\"],\"Hire_Date\":20200101,\"Active\":\"yes\","
    "\"On_Leave\":true,\"Manager_ID\":1000,\"Termination_Date\":\"soon\",\"Business_Title\":true,"
    "\"Job_Title\":\"Analyst\",\"Score\":2.5}",
    /* #2 only a Worker name; terminated by the dates */
    "{\"Employee_ID\":\"9003\",\"Worker\":\"Siobhán Ní Bhriain\","
    "\"Termination_Date\":\"2001-02-03T00:00:00.000-08:00\",\"Hire_Date\":\"1999-01-01\"}",
    /* #3 a hire ahead, nothing else */
    "{\"Employee_ID\":\"9004\",\"First_Name\":\"Zoé\",\"Hire_Date\":\"2099-05-01-07:00\"}",
    /* #4 status words, columns named like standard fields, nesting */
    "{\"Employee_ID\":\"9005\",\"Worker_Status\":\"Leave of Absence\",\"status\":\"whatever\","
    "\"email\":\"raw@x.example\",\"Primary_Address\":{\"City\":\"Lyon\",\"Lines\":[\"1 rue A\",\"Bât. B\"]},"
    "\"Skills\":[\"C\",\"GLib\",null,\"\"],\"Nested\":{\"Deep\":{\"Flag\":false}},\"Empty\":{}}",
    /* #5 Active = 0, no Terminated column, hired long ago */
    "{\"Employee_ID\":\"9006\",\"Active\":\"0\",\"Hire_Date\":\"2001-01-01\"}",
    /* #6 Active = 0, Terminated = 0: a hire not started yet */
    "{\"Employee_ID\":\"9007\",\"Active\":\"0\",\"Terminated\":\"0\",\"Hire_Date\":\"2001-01-01\"}",
    /* #7 spaces, empty e-mail */
    "{\"Employee_ID\":\"  9008  \",\"Legal_Name_First_Name\":\"  Trim  \",\"Email_Address\":\"\"}",
    /* #8 rehired after an old termination */
    "{\"Employee_ID\":\"9009\",\"Termination_Date\":\"2010-01-01\",\"Hire_Date\":\"2012-03-04-08:00\"}",
    /* #9 empty values everywhere, alternative id and column names */
    "{\"Worker_ID\":\"9010\",\"Manager_ID\":\"\",\"Team\":null,\"Location\":[],\"Work_Email\":\"w@x.example\","
    "\"businessTitle\":\"Designer\",\"Worker_Status\":\"TERMINATED\",\"terminationDate\":\"2020-06-30-07:00\"}",
    /* #10 Terminated flag, status text absent, leave flag ignored */
    "{\"Employee_ID\":\"9011\",\"Terminated\":\"1\",\"On_Leave\":\"1\",\"Active\":\"0\"}",
    /* #11 Pre-Hire */
    "{\"Employee_ID\":\"9012\",\"Worker_Status\":\"Pre-Hire\",\"Hire_Date\":\"2001-01-01\"}",
    /* #12 the word alone, no flag */
    "{\"Employee_ID\":\"9013\",\"Worker_Status\":\"On Leave\"}",
    /* #13 Active text, On_Leave = 0 */
    "{\"Employee_ID\":\"9014\",\"Worker_Status\":\"active\",\"On_Leave\":\"0\",\"Termination_Date\":\"2001-01-01\"}",
  };
  g_autoptr (GPtrArray) people = hc_fake_people_new (2);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  HcEmployee *e;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    hc_fake_workday_add_raw_entry (fake, entries[i]);

  employees = fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 2 + G_N_ELEMENTS (entries));
  check_person (g_ptr_array_index (employees, 0), g_ptr_array_index (people, 0), HC_FAKE_WORKDAY_LAYOUT_DEFAULT);
  check_person (g_ptr_array_index (employees, 1), g_ptr_array_index (people, 1), HC_FAKE_WORKDAY_LAYOUT_DEFAULT);

  e = g_ptr_array_index (employees, 2);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9001");
  assert_field (e, HC_FIELD_FIRST_NAME, "Ève");
  assert_field (e, HC_FIELD_LAST_NAME, "Noël");
  g_assert_null (hc_employee_get_email (e));
  g_assert_null (hc_employee_get_manager_id (e));
  g_assert_null (hc_employee_get_field (e, "Manager_ID"));
  /* unknown word: the safe reading, and the word kept */
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  assert_field (e, "Worker_Status", "Suspended");

  e = g_ptr_array_index (employees, 3);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9002");
  assert_field (e, HC_FIELD_FIRST_NAME, "Ana");
  assert_field (e, "Legal_Name_First_Name.x", "1");
  assert_field (e, HC_FIELD_LAST_NAME, "42");
  assert_field (e, HC_FIELD_EMAIL, "ana@x.example");
  assert_field (e, "Email_Address", "ana@x.example, ana.2@x.example");
  g_assert_null (hc_employee_get_field (e, HC_FIELD_HIRE_DATE));
  assert_field (e, "Hire_Date", "20200101");
  g_assert_null (hc_employee_get_field (e, HC_FIELD_END_DATE));
  assert_field (e, "Termination_Date", "soon");
  assert_field (e, HC_FIELD_MANAGER_ID, "1000");
  assert_field (e, HC_FIELD_POSITION, "Analyst");
  assert_field (e, "Business_Title", "true");
  assert_field (e, "On_Leave", "true");
  assert_field (e, "Score", "2.5");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_LEAVE);

  e = g_ptr_array_index (employees, 4);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9003");
  assert_field (e, HC_FIELD_FIRST_NAME, "Siobhán");
  assert_field (e, HC_FIELD_LAST_NAME, "Ní Bhriain");
  assert_field (e, HC_FIELD_END_DATE, "2001-02-03");
  assert_field (e, HC_FIELD_HIRE_DATE, "1999-01-01");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);

  e = g_ptr_array_index (employees, 5);
  assert_field (e, HC_FIELD_FIRST_NAME, "Zoé");
  g_assert_null (hc_employee_get_field (e, HC_FIELD_LAST_NAME));
  assert_field (e, HC_FIELD_HIRE_DATE, "2099-05-01");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  e = g_ptr_array_index (employees, 6);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_LEAVE);
  assert_field (e, "workday.status", "whatever");
  assert_field (e, "workday.email", "raw@x.example");
  assert_field (e, HC_FIELD_EMAIL, "raw@x.example");
  assert_field (e, "Primary_Address.City", "Lyon");
  assert_field (e, "Primary_Address.Lines", "1 rue A, Bât. B");
  assert_field (e, "Skills", "C, GLib");
  assert_field (e, "Nested.Deep.Flag", "false");
  g_assert_null (hc_employee_get_field (e, "Empty"));

  e = g_ptr_array_index (employees, 7);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  e = g_ptr_array_index (employees, 8);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  e = g_ptr_array_index (employees, 9);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9008");
  assert_field (e, HC_FIELD_FIRST_NAME, "Trim");
  g_assert_null (hc_employee_get_email (e));
  g_assert_null (hc_employee_get_field (e, "Email_Address"));

  e = g_ptr_array_index (employees, 10);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  assert_field (e, HC_FIELD_HIRE_DATE, "2012-03-04");

  e = g_ptr_array_index (employees, 11);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9010");
  g_assert_null (hc_employee_get_manager_id (e));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_TEAM));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_OFFICE));
  assert_field (e, HC_FIELD_EMAIL, "w@x.example");
  assert_field (e, HC_FIELD_POSITION, "Designer");
  assert_field (e, HC_FIELD_END_DATE, "2020-06-30");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);

  e = g_ptr_array_index (employees, 12);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  e = g_ptr_array_index (employees, 13);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  e = g_ptr_array_index (employees, 14);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_LEAVE);
  e = g_ptr_array_index (employees, 15);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  /* the standard fields are in the table too */
  g_assert_nonnull (find_employee (employees, "9012"));
  assert_field (find_employee (employees, "9001"), HC_FIELD_STATUS, "active");
}

static void
test_record_without_id (void)
{
  static const char * const bad[] = {
    "{\"Legal_Name_First_Name\":\"Nobody\"}",
    "{\"Employee_ID\":null,\"Legal_Name_First_Name\":\"Nobody\"}",
    "{\"Employee_ID\":\"   \",\"Legal_Name_First_Name\":\"Nobody\"}",
    "{\"Employee_ID\":{\"ID\":\"1\"},\"Legal_Name_First_Name\":\"Nobody\"}",
    "{\"Employee_ID\":true,\"Legal_Name_First_Name\":\"Nobody\"}",
    "{\"Employee_ID\":[],\"Legal_Name_First_Name\":\"Nobody\"}",
    "\"Nobody\"",
    "42",
    "null",
    "[{\"Employee_ID\":\"1\"}]",
  };
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GPtrArray) employees = NULL;
      g_autoptr (GError) error = NULL;

      hc_fake_workday_clear_raw_entries (fake);
      hc_fake_workday_add_raw_entry (fake, bad[i]);
      hc_fake_workday_add_raw_entry (fake, "{\"Employee_ID\":\"7777\"}");

      employees = fetch (connector, &error);
      g_assert_null (employees);
      g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (error->message, "Workday");
      hc_connector_test_assert_has (error->message, HC_FAKE_WORKDAY_REPORT_PATH);
      hc_connector_test_assert_has (error->message, "#4");
      hc_connector_test_assert_lacks (error->message, "Nobody");
    }
}

static void
test_duplicate_id (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  hc_fake_workday_add_raw_entry (fake, "{\"Employee_ID\":\"1001\",\"Business_Title\":\"Second position\"}");
  employees = fetch (connector, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_test_assert_has (error->message, "#4");
  hc_connector_test_assert_has (error->message, "1001");
  hc_connector_test_assert_has (error->message, "#2");
}

static void
test_bad_shape (void)
{
  static const char * const bodies[] = {
    "{}",
    "{\"report_entry\":[]}",
    "{\"Report_Entry\":{\"Employee_ID\":\"1\"}}",
    "{\"Report_Entry\":null}",
    "{\"Report_Entry\":\"[]\"}",
    "{\"Report_Entry\":12}",
    "[]",
    "[{\"Employee_ID\":\"1\"}]",
  };
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (GPtrArray) employees = NULL;
      g_autoptr (GError) error = NULL;

      hc_fake_workday_set_raw_body (fake, bodies[i]);
      employees = fetch (connector, &error);
      g_assert_null (employees);
      g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (error->message, "Workday");
      hc_connector_test_assert_has (error->message, HC_FAKE_WORKDAY_REPORT_PATH);
      hc_connector_test_assert_has (error->message, "format=json");
      hc_connector_test_assert_has (error->message, "RaaS");
    }
}

static void
test_empty_report (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  Progress progress;

  hc_fake_workday_set_raw_body (fake, "{\"Report_Entry\":[]}");
  progress_init (&progress);
  employees = fetch_full (connector, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 0);
  g_assert_cmpfloat (g_array_index (progress.fractions, double, progress.fractions->len - 1), ==, 1.0);
  progress_clear (&progress);
}

/* Cancellation */

typedef struct
{
  HcFakeHris   *server;
  GCancellable *cancellable;
} CancelWhenAsked;

/* Cancels once the server has the request: a fixed delay may come before
 * it on a slow machine (a sanitizer build). */
static gboolean
cancel_when_asked_cb (gpointer user_data)
{
  CancelWhenAsked *c = user_data;

  if (hc_fake_hris_count_requests (c->server, NULL) == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (c->cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5000);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_workday_get_server (fake);

  /* before anything was sent */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (GError) test_error = NULL;

    g_cancellable_cancel (cancellable);
    employees = fetch_full (connector, NULL, cancellable, &error);
    g_assert_null (employees);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (test_connection (connector, cancellable, &test_error));
    g_assert_error (test_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 0);
  }

  /* while Workday runs the report (it never answers here) */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;
    gint64 start = g_get_monotonic_time ();

    CancelWhenAsked when = { server, cancellable };

    hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, NULL, 1);
    g_timeout_add (20, cancel_when_asked_cb, &when);
    employees = fetch_full (connector, NULL, cancellable, &error);
    g_assert_null (employees);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 1);
  }

  /* while the entries are read */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;
    Progress progress;

    progress_init (&progress);
    progress.cancel_midway = cancellable;
    employees = fetch_full (connector, &progress, cancellable, &error);
    g_assert_null (employees);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_true (g_cancellable_is_cancelled (cancellable));
    progress_clear (&progress);
  }

  /* and the connector still works afterwards */
  {
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;

    employees = fetch (connector, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (employees->len, ==, 5000);
  }
}

/* Secrets */

static void
test_no_secret_leak (void)
{
  static const HcFakeFault faults[] = {
    HC_FAKE_FAULT_UNAUTHORIZED, HC_FAKE_FAULT_SERVER_ERROR, HC_FAKE_FAULT_NOT_JSON,
    HC_FAKE_FAULT_TRUNCATED, HC_FAKE_FAULT_BAD_GATEWAY, HC_FAKE_FAULT_TIMEOUT,
  };
  g_autoptr (GPtrArray) people = hc_fake_people_new (20);
  g_autoptr (HcFakeWorkday) fake = hc_fake_workday_new (people);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (HcConnector) wrong = NULL;
  HcFakeHris *server = hc_fake_workday_get_server (fake);
  g_autoptr (GString) messages = g_string_new (NULL);
  g_autofree char *log = NULL;

  set_policy ("connect=2,read=1,attempts=1,total=5,delay=10");
  hc_connector_test_log_start ();
  connector = connector_new (fake);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr (GPtrArray) employees = NULL;
      g_autoptr (GError) error = NULL;

      hc_fake_hris_set_fault (server, faults[i], NULL, 1);
      employees = fetch (connector, &error);
      g_assert_null (employees);
      g_assert_nonnull (error);
      g_string_append_printf (messages, "%s\n", error->message);
    }

  /* a real 401, wrong password, from the fake's own check */
  wrong = hc_workday_connector_new (hc_fake_workday_get_base_url (fake), NULL, HC_FAKE_WORKDAY_CLIENT_ID,
                                    "Another-Wrong-Passw0rd", NULL);
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (test_connection (wrong, NULL, &error));
    g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
    g_string_append_printf (messages, "%s\n", error->message);
    hc_connector_test_assert_lacks (error->message, "Another-Wrong-Passw0rd");
  }

  /* bad shapes and records */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GError) record_error = NULL;
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GPtrArray) more = NULL;

    hc_fake_workday_set_raw_body (fake, "{\"data\":[]}");
    employees = fetch (connector, &error);
    g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
    g_string_append_printf (messages, "%s\n", error->message);
    hc_fake_workday_set_raw_body (fake, NULL);

    hc_fake_workday_add_raw_entry (fake, "{\"Worker\":\"No Id\"}");
    more = fetch (connector, &record_error);
    g_assert_error (record_error, HC_ERROR, HC_ERROR_PARSE);
    g_string_append_printf (messages, "%s\n", record_error->message);
    hc_fake_workday_clear_raw_entries (fake);
  }

  /* and a success, so that the log holds a full exchange */
  {
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;

    employees = fetch (connector, &error);
    g_assert_no_error (error);
  }

  log = hc_connector_test_log_stop ();
  set_policy (DEFAULT_POLICY);

  /* the checks below can fail: the log is there and shows the header */
  hc_connector_test_assert_has (log, HC_FAKE_WORKDAY_REPORT_PATH);
  hc_connector_test_assert_has (log, "Authorization: " HC_HTTP_REDACTED);
  hc_connector_test_assert_has (messages->str, "401");
  assert_no_secret (log);
  hc_connector_test_assert_lacks (log, "Another-Wrong-Passw0rd");
  assert_no_secret (messages->str);
  hc_connector_test_assert_lacks (messages->str, "Another-Wrong-Passw0rd");
}

int
main (int   argc,
      char *argv[])
{
  /* hc-http logs only when its debug output is enabled; the tests capture
   * it rather than print it. */
  g_setenv ("G_MESSAGES_DEBUG", "hc-http", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  set_policy (DEFAULT_POLICY);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  hc_connector_test_capture_log ("hc-http", FALSE);

  g_test_add_func ("/workday/config/missing", test_config_missing);
  g_test_add_func ("/workday/config/report-url", test_config_report_url);
  g_test_add_func ("/workday/connection/ok", test_connection_ok);
  g_test_add_func ("/workday/connection/wrong-secret", test_connection_wrong_secret);
  g_test_add_func ("/workday/connection/bad-report", test_connection_bad_report);
  g_test_add_func ("/workday/fetch/small", test_fetch_small);
  g_test_add_func ("/workday/fetch/camel-layout", test_fetch_camel_layout);
  g_test_add_func ("/workday/fetch/5000-in-one-report", test_fetch_5000);
  g_test_add_func ("/workday/fetch/empty-report", test_empty_report);
  g_test_add_func ("/workday/fetch/odd-records", test_odd_records);
  g_test_add_func ("/workday/fetch/record-without-id", test_record_without_id);
  g_test_add_func ("/workday/fetch/duplicate-id", test_duplicate_id);
  g_test_add_func ("/workday/fetch/bad-shape", test_bad_shape);
  g_test_add_func ("/workday/faults/retry-after", test_retry_after);
  g_test_add_func ("/workday/faults/rate-limited", test_rate_limited);
  g_test_add_func ("/workday/faults/server-error", test_server_error);
  g_test_add_func ("/workday/faults/timeout", test_timeout);
  g_test_add_func ("/workday/faults/truncated-and-not-json", test_truncated_and_not_json);
  g_test_add_func ("/workday/cancel", test_cancel);
  g_test_add_func ("/workday/secrets/no-leak", test_no_secret_leak);

  return g_test_run ();
}
