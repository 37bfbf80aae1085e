/* test-merge.c — the Merge connector against its fake linked account
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "config.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-merge-connector.h"
#include "hc-fake-merge.h"
#include "hc-connector-fixture.h"
#include "hc-connector-test.h"

#define WRONG_KEY      "WRONG-merge-key-9999-also-fake"
#define WRONG_ACCOUNT  "WRONG-merge-account-9999-also-fake"
#define DEFAULT_POLICY "connect=5,read=5,attempts=3,total=10,delay=10"

/* Helpers */

static void
assert_no_secret (const char *text)
{
  hc_connector_test_assert_lacks (text, HC_FAKE_MERGE_API_KEY);
  hc_connector_test_assert_lacks (text, HC_FAKE_MERGE_ACCOUNT_TOKEN);
  hc_connector_test_assert_lacks (text, WRONG_KEY);
  hc_connector_test_assert_lacks (text, WRONG_ACCOUNT);
}

static HcConnector *
connector_new (HcFakeMerge *fake,
               const char  *secret)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector = hc_merge_connector_new (hc_fake_merge_get_base_url (fake), NULL,
                                                   NULL, secret, &error);

  g_assert_no_error (error);
  g_assert_true (HC_IS_CONNECTOR (connector));
  return connector;
}

/* Fetches with @fake and expects an error; returns its message. */
static char *
fetch_expect_error (HcFakeMerge *fake,
                    GQuark       domain,
                    int          code)
{
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_MERGE_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = hc_connector_fixture_run_fetch (connector, &error);

  g_assert_null (employees);
  g_assert_error (error, domain, code);
  assert_no_secret (error->message);
  return g_strdup (error->message);
}

/* Settings */

static void
test_settings (void)
{
  const char *bad[] = {
    NULL, "", HC_FAKE_MERGE_API_KEY, HC_FAKE_MERGE_API_KEY "\n", "\n" HC_FAKE_MERGE_ACCOUNT_TOKEN,
    HC_FAKE_MERGE_API_KEY "\nFAKE account", "FAKE key\n" HC_FAKE_MERGE_ACCOUNT_TOKEN,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnector) connector = NULL;
  g_autofree char *url = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (HcConnector) c = hc_merge_connector_new (NULL, NULL, NULL, bad[i], &error);

      g_assert_null (c);
      g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
      hc_connector_test_assert_has (error->message, "--secret-stdin");
      hc_connector_test_assert_has (error->message, "Merge");
      assert_no_secret (error->message);
      hc_connector_test_assert_lacks (error->message, "FAKE ");
      g_clear_error (&error);
    }

  connector = hc_merge_connector_new (NULL, "ignored", "ignored", HC_FAKE_MERGE_SECRET, &error);
  g_assert_no_error (error);
  g_assert_true (HC_IS_MERGE_CONNECTOR (connector));
  g_assert_cmpstr (hc_connector_get_vendor_name (connector), ==, "Merge");
  g_object_get (connector, "base-url", &url, NULL);
  g_assert_cmpstr (url, ==, "https://api.merge.dev/api/hris/v1");
  g_clear_object (&connector);
  g_clear_pointer (&url, g_free);

  /* blanks around each line are dropped */
  connector = hc_merge_connector_new ("https://api-eu.merge.dev/api/hris/v1", NULL, NULL,
                                      " " HC_FAKE_MERGE_API_KEY "\r\n" HC_FAKE_MERGE_ACCOUNT_TOKEN " ", &error);
  g_assert_no_error (error);
  g_object_get (connector, "base-url", &url, NULL);
  g_assert_cmpstr (url, ==, "https://api-eu.merge.dev/api/hris/v1");
}

static void
test_connection (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakeMerge) fake = hc_fake_merge_new (people);
  g_autoptr (HcConnector) good = connector_new (fake, HC_FAKE_MERGE_SECRET);
  g_autoptr (HcConnector) wrong_key = connector_new (fake, WRONG_KEY "\n" HC_FAKE_MERGE_ACCOUNT_TOKEN);
  g_autoptr (HcConnector) wrong_account = connector_new (fake, HC_FAKE_MERGE_API_KEY "\n" WRONG_ACCOUNT);
  HcFakeHris *server = hc_fake_merge_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *account = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_assert_true (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_no_error (error);
  log = hc_fake_hris_dup_request_log (server);
  g_assert_cmpstr (log, ==, "GET /api/hris/v1/employees?page_size=1\n");
  authorization = hc_fake_hris_dup_last_header (server, "Authorization");
  g_assert_cmpstr (authorization, ==, "Bearer " HC_FAKE_MERGE_API_KEY);
  account = hc_fake_hris_dup_last_header (server, "X-Account-Token");
  g_assert_cmpstr (account, ==, HC_FAKE_MERGE_ACCOUNT_TOKEN);

  /* either secret wrong: 401, named, not retried, nothing quoted back */
  g_assert_false (hc_connector_fixture_run_test_connection (wrong_key, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "Merge");
  hc_connector_test_assert_has (error->message, "401");
  assert_no_secret (error->message);
  g_clear_error (&error);
  g_assert_false (hc_connector_fixture_run_test_connection (wrong_account, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  assert_no_secret (error->message);
  g_clear_error (&error);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 3);

  hc_fake_merge_set_body (fake, "{\"data\":[]}");
  g_assert_false (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_test_assert_has (error->message, "results");
}

static void
test_fetch_fields (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakeMerge) fake = hc_fake_merge_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_MERGE_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) described = NULL;
  g_autofree char *log = NULL;
  g_autofree char *in_30 = hc_connector_fixture_date_from_today (30);
  g_autofree char *ago_30 = hc_connector_fixture_date_from_today (-30);
  const HcFieldInfo *info;
  HcEmployee *e;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5);
  log = hc_fake_hris_dup_request_log (hc_fake_merge_get_server (fake));
  g_assert_cmpstr (log, ==, "GET /api/hris/v1/employees?expand=manager,groups,work_location,employments"
                   "&include_remote_data=true&page_size=100\n");

  e = hc_connector_fixture_employee_at (employees, 0);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "1");
  hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, "Zoé");
  hc_connector_fixture_assert_field (e, HC_FIELD_LAST_NAME, "Lefèvre");
  hc_connector_fixture_assert_field (e, HC_FIELD_PREFERRED_NAME, "Zo");
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, "zoe.lefevre@fake-hris.example");
  hc_connector_fixture_assert_field (e, HC_FIELD_POSITION, "Chief Executive Officer");
  hc_connector_fixture_assert_field (e, HC_FIELD_DEPARTMENT, "Executive");
  hc_connector_fixture_assert_field (e, HC_FIELD_TEAM, "Board");
  hc_connector_fixture_assert_field (e, HC_FIELD_OFFICE, "Paris");
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, "2015-03-02");
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, NULL);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  /* raw attributes: the model, the custom fields, the HR system's record */
  hc_connector_fixture_assert_field (e, "remote_id", "R1");
  hc_connector_fixture_assert_field (e, "employment_status", "ACTIVE");
  hc_connector_fixture_assert_field (e, "groups.type", "DEPARTMENT, TEAM");
  hc_connector_fixture_assert_field (e, "custom_fields.cost_center", "CC-100");
  hc_connector_fixture_assert_field (e, "custom_fields.skip_sync", "false");
  hc_connector_fixture_assert_field (e, "remote_data.data.lifecycle", "employed");
  hc_connector_fixture_assert_field (e, "personal_email", "1@personal.example");

  /* PENDING; no work e-mail: the personal one is never taken */
  e = hc_connector_fixture_employee_at (employees, 1);
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, "1");
  hc_connector_fixture_assert_field (e, "manager.work_email", "zoe.lefevre@fake-hris.example");
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, in_30);
  hc_connector_fixture_assert_field (e, HC_FIELD_OFFICE, NULL);
  hc_connector_fixture_assert_field (e, "custom_fields.skip_sync", "true");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  e = hc_connector_fixture_employee_at (employees, 2);
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, ago_30);
  hc_connector_fixture_assert_field (e, HC_FIELD_DEPARTMENT, NULL);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);

  e = hc_connector_fixture_employee_at (employees, 3);
  hc_connector_fixture_assert_field (e, "remote_data.data.lifecycle", "on_leave");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  e = hc_connector_fixture_employee_at (employees, 4);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  /* metadata: Merge's model, and the custom fields met */
  described = hc_connector_describe_fields (connector, employees);
  info = hc_field_info_find (described, "employment_status");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->label, ==, "Employment status");
  g_assert_true (info->from_metadata);
  info = hc_field_info_find (described, "custom_fields.skip_sync");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->label, ==, "skip_sync");
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_BOOLEAN);
  info = hc_field_info_find (described, "termination_date");
  g_assert_nonnull (info);
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_DATE);
}

static void
test_statuses (void)
{
  g_autoptr (HcFakeMerge) fake = hc_fake_merge_new (NULL);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_MERGE_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *future = hc_connector_fixture_date_from_today (10);
  g_autofree char *past = hc_connector_fixture_date_from_today (-10);
  const struct { const char *status; gboolean deleted; const char *start; const char *end; HcEmployeeStatus expected; } cases[] = {
    { "ACTIVE", FALSE, "2020-01-01T00:00:00Z", NULL, HC_EMPLOYEE_STATUS_ACTIVE },
    { "PENDING", FALSE, "2020-01-01T00:00:00Z", NULL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "INACTIVE", FALSE, "2020-01-01T00:00:00Z", past, HC_EMPLOYEE_STATUS_INACTIVE },
    { "ACTIVE", TRUE, "2020-01-01T00:00:00Z", NULL, HC_EMPLOYEE_STATUS_INACTIVE },
    { "ACTIVE", FALSE, future, NULL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "ON_LEAVE", FALSE, "2020-01-01T00:00:00Z", NULL, HC_EMPLOYEE_STATUS_LEAVE },
    { "active", FALSE, "2020-01-01T00:00:00Z", NULL, HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL, FALSE, "2020-01-01T00:00:00Z", past, HC_EMPLOYEE_STATUS_INACTIVE },
    { NULL, FALSE, "2020-01-01T00:00:00Z", future, HC_EMPLOYEE_STATUS_ACTIVE },
  };

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *status = cases[i].status ? g_strdup_printf ("\"%s\"", cases[i].status) : g_strdup ("null");
      g_autofree char *end = cases[i].end ? g_strdup_printf ("\"%s\"", cases[i].end) : g_strdup ("null");
      g_autofree char *json = g_strdup_printf ("{\"id\":\"m%u\",\"employment_status\":%s,"
                                               "\"remote_was_deleted\":%s,\"start_date\":\"%s\","
                                               "\"termination_date\":%s}",
                                               i, status, cases[i].deleted ? "true" : "false",
                                               cases[i].start, end);

      hc_fake_merge_add_raw_employee (fake, json);
    }
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (hc_employee_get_status (hc_connector_fixture_employee_at (employees, i)) != cases[i].expected)
      g_error ("case %u: status %d, expected %d", i, hc_employee_get_status (hc_connector_fixture_employee_at (employees, i)),
               cases[i].expected);
  /* the manager as a bare id, as without expand */
  g_clear_pointer (&employees, g_ptr_array_unref);
  hc_fake_merge_add_raw_employee (fake, "{\"id\":\"m99\",\"manager\":\"m0\",\"groups\":[\"g1\"],"
                                  "\"work_location\":\"loc-1\",\"employments\":[\"job-1\"]}");
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, G_N_ELEMENTS (cases)), HC_FIELD_MANAGER_ID, "m0");
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, G_N_ELEMENTS (cases)), HC_FIELD_DEPARTMENT, NULL);
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, G_N_ELEMENTS (cases)), HC_FIELD_OFFICE, NULL);
}

static void
test_pages (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (250);
  g_autoptr (HcFakeMerge) fake = hc_fake_merge_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_MERGE_SECRET);
  HcFakeHris *server = hc_fake_merge_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *log = NULL;
  g_auto (GStrv) lines = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 250);
  for (guint i = 0; i < employees->len; i++)
    {
      HcFakePerson *p = g_ptr_array_index (people, i);

      g_assert_cmpstr (hc_employee_get_id (hc_connector_fixture_employee_at (employees, i)), ==, p->id);
      hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, i), HC_FIELD_EMAIL, p->email);
      hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, i), HC_FIELD_MANAGER_ID, p->manager_id);
    }
  /* three pages, the cursor of each answer on the next request, and no
   * fourth once "next" is null */
  log = hc_fake_hris_dup_request_log (server);
  lines = g_strsplit (log, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_false (strstr (lines[0], "cursor=") != NULL);
  hc_connector_test_assert_has (lines[1], "&cursor=bz0xMDA");
  hc_connector_test_assert_has (lines[2], "&cursor=bz0yMDA");

  /* an empty last page: a list of exactly 200 */
  g_clear_pointer (&employees, g_ptr_array_unref);
  g_ptr_array_set_size (people, 200);
  hc_fake_merge_set_people (fake, people);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 200);

  /* an empty account */
  g_clear_pointer (&employees, g_ptr_array_unref);
  hc_fake_merge_set_people (fake, NULL);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 0);
}

/* A cursor that comes back: an error, not an endless loop. */
static void
test_repeated_cursor (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (350);
  g_autoptr (HcFakeMerge) fake = hc_fake_merge_new (people);
  g_autofree char *message = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_merge_set_repeat_cursor (fake, TRUE);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_FAILED);
  hc_connector_test_assert_has (message, "Merge");
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_merge_get_server (fake), HC_FAKE_MERGE_EMPLOYEES_PATH), ==, 2);
}

static void
test_errors (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakeMerge) fake = hc_fake_merge_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_MERGE_SECRET);
  g_autoptr (HcConnector) wrong = connector_new (fake, HC_FAKE_MERGE_API_KEY "\n" WRONG_ACCOUNT);
  HcFakeHris *server = hc_fake_merge_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *message = NULL;
  gint64 start;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  employees = hc_connector_fixture_run_fetch (wrong, &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "401");
  assert_no_secret (error->message);
  g_clear_error (&error);

  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, HC_FAKE_MERGE_EMPLOYEES_PATH, 1);
  start = g_get_monotonic_time ();
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC * 9 / 10);

  hc_connector_fixture_use_policy ("connect=5,read=5,attempts=2,total=5,delay=10");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, NULL, 0);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_RATE_LIMITED);
  hc_connector_test_assert_has (message, "429");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_NONE, NULL, 0);

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_merge_add_raw_employee (fake, "{\"first_name\":\"Nadia\",\"work_email\":\"nadia@fake-hris.example\"}");
  g_free (message);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_test_assert_has (message, "record 6 ");
  hc_connector_test_assert_lacks (message, "Nadia");
}

static void
test_no_secret_leak (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakeMerge) fake = hc_fake_merge_new (people);
  g_autoptr (HcConnector) good = connector_new (fake, HC_FAKE_MERGE_SECRET);
  g_autoptr (HcConnector) wrong = connector_new (fake, WRONG_KEY "\n" WRONG_ACCOUNT);
  HcFakeHris *server = hc_fake_merge_get_server (fake);
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *log = NULL;

  hc_connector_test_log_start ();
  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_assert_false (hc_connector_fixture_run_test_connection (wrong, NULL, &error));
  hc_connector_fixture_keep_message (messages, &error);
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, NULL, 1);
  employees = hc_connector_fixture_run_fetch (good, &error);
  hc_connector_fixture_keep_message (messages, &error);
  employees = hc_connector_fixture_run_fetch (good, &error);
  g_assert_no_error (error);
  log = hc_connector_test_log_stop ();

  for (guint i = 0; i < messages->len; i++)
    assert_no_secret (g_ptr_array_index (messages, i));
  hc_connector_test_assert_has (log, "GET /api/hris/v1/employees");
  hc_connector_test_assert_has (log, "Authorization: " HC_HTTP_REDACTED);
  hc_connector_test_assert_has (log, "X-Account-Token: " HC_HTTP_REDACTED);
  assert_no_secret (log);
  hc_connector_test_assert_lacks (log, "Zoé");
}

int
main (int   argc,
      char *argv[])
{
  hc_connector_fixture_init (&argc, &argv, "hc-merge-connector", DEFAULT_POLICY);

  g_test_add_func ("/merge/settings", test_settings);
  g_test_add_func ("/merge/test-connection", test_connection);
  g_test_add_func ("/merge/fetch/fields", test_fetch_fields);
  g_test_add_func ("/merge/fetch/statuses", test_statuses);
  g_test_add_func ("/merge/fetch/pages", test_pages);
  g_test_add_func ("/merge/fetch/repeated-cursor", test_repeated_cursor);
  g_test_add_func ("/merge/errors", test_errors);
  g_test_add_func ("/merge/secrets/no-leak", test_no_secret_leak);

  return g_test_run ();
}
