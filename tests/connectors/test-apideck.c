/* test-apideck.c — the Apideck connector against its fake Unify application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "config.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-apideck-connector.h"
#include "hc-fake-apideck.h"
#include "hc-connector-fixture.h"
#include "hc-connector-test.h"

#define WRONG_KEY      "WRONG-apideck-key-9999-also-fake"
#define DEFAULT_POLICY "connect=5,read=5,attempts=3,total=10,delay=10"

/* Helpers */

static void
assert_no_secret (const char *text)
{
  hc_connector_test_assert_lacks (text, HC_FAKE_APIDECK_SECRET);
  hc_connector_test_assert_lacks (text, WRONG_KEY);
}

static HcConnector *
connector_new_full (HcFakeApideck *fake,
                    const char    *consumer_id,
                    const char    *service_id,
                    const char    *secret)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector = hc_apideck_connector_new (hc_fake_apideck_get_base_url (fake), HC_FAKE_APIDECK_APP_ID,
                                                     consumer_id, service_id, secret, &error);

  g_assert_no_error (error);
  g_assert_true (HC_IS_CONNECTOR (connector));
  return connector;
}

static HcConnector *
connector_new (HcFakeApideck *fake,
               const char    *secret)
{
  return connector_new_full (fake, HC_FAKE_APIDECK_CONSUMER_ID, NULL, secret);
}

/* Fetches with @fake and expects an error; returns its message. */
static char *
fetch_expect_error (HcFakeApideck *fake,
                    GQuark         domain,
                    int            code)
{
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_APIDECK_SECRET);
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
  const struct { const char *app; const char *consumer; const char *service; const char *secret; const char *names; } bad[] = {
    { NULL, "c", NULL, HC_FAKE_APIDECK_SECRET, "--app-id" },
    { "a b", "c", NULL, HC_FAKE_APIDECK_SECRET, "--app-id" },
    { "a", "", NULL, HC_FAKE_APIDECK_SECRET, "--consumer-id" },
    { "a", "c\nd", NULL, HC_FAKE_APIDECK_SECRET, "--consumer-id" },
    { "a", "c", "two words", HC_FAKE_APIDECK_SECRET, "--service-id" },
    { "a", "c", NULL, NULL, "--secret-stdin" },
    { "a", "c", NULL, " ", "--secret-stdin" },
    { "a", "c", NULL, "FAKE key", "--secret-stdin" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnector) connector = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (HcConnector) c = hc_apideck_connector_new (NULL, bad[i].app, bad[i].consumer, bad[i].service,
                                                            bad[i].secret, &error);

      g_assert_null (c);
      g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
      hc_connector_test_assert_has (error->message, bad[i].names);
      hc_connector_test_assert_has (error->message, "Apideck");
      assert_no_secret (error->message);
      hc_connector_test_assert_lacks (error->message, "FAKE ");
      g_clear_error (&error);
    }

  /* blanks around each value are dropped; an empty service id is none */
  connector = hc_apideck_connector_new (NULL, " a ", "c ", "", " " HC_FAKE_APIDECK_SECRET "\n", &error);
  g_assert_no_error (error);
  g_assert_true (HC_IS_APIDECK_CONNECTOR (connector));
  g_assert_cmpstr (hc_connector_get_vendor_name (connector), ==, "Apideck");
  g_clear_object (&connector);

  connector = hc_apideck_connector_new ("ftp://unify.apideck.com", "a", "c", NULL, HC_FAKE_APIDECK_SECRET, &error);
  g_assert_null (connector);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  hc_connector_test_assert_has (error->message, "--base-url");
}

static void
test_connection (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakeApideck) fake = hc_fake_apideck_new (people);
  g_autoptr (HcConnector) good = connector_new (fake, HC_FAKE_APIDECK_SECRET);
  g_autoptr (HcConnector) service = connector_new_full (fake, HC_FAKE_APIDECK_CONSUMER_ID,
                                                        HC_FAKE_APIDECK_SERVICE_ID, HC_FAKE_APIDECK_SECRET);
  g_autoptr (HcConnector) wrong_key = connector_new (fake, WRONG_KEY);
  g_autoptr (HcConnector) wrong_consumer = connector_new_full (fake, "someone-else", NULL, HC_FAKE_APIDECK_SECRET);
  g_autoptr (HcConnector) wrong_service = connector_new_full (fake, HC_FAKE_APIDECK_CONSUMER_ID, "sage-hr",
                                                              HC_FAKE_APIDECK_SECRET);
  HcFakeHris *server = hc_fake_apideck_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *app = NULL;
  g_autofree char *consumer = NULL;
  g_autofree char *service_id = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_assert_true (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_no_error (error);
  log = hc_fake_hris_dup_request_log (server);
  g_assert_cmpstr (log, ==, "GET /hris/employees?limit=1\n");
  authorization = hc_fake_hris_dup_last_header (server, "Authorization");
  g_assert_cmpstr (authorization, ==, "Bearer " HC_FAKE_APIDECK_SECRET);
  app = hc_fake_hris_dup_last_header (server, "x-apideck-app-id");
  g_assert_cmpstr (app, ==, HC_FAKE_APIDECK_APP_ID);
  consumer = hc_fake_hris_dup_last_header (server, "x-apideck-consumer-id");
  g_assert_cmpstr (consumer, ==, HC_FAKE_APIDECK_CONSUMER_ID);
  service_id = hc_fake_hris_dup_last_header (server, "x-apideck-service-id");
  g_assert_null (service_id);

  g_assert_true (hc_connector_fixture_run_test_connection (service, NULL, &error));
  g_assert_no_error (error);
  service_id = hc_fake_hris_dup_last_header (server, "x-apideck-service-id");
  g_assert_cmpstr (service_id, ==, HC_FAKE_APIDECK_SERVICE_ID);

  /* a wrong key or consumer: 401, named, not retried, nothing quoted back */
  g_assert_false (hc_connector_fixture_run_test_connection (wrong_key, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "Apideck");
  hc_connector_test_assert_has (error->message, "401");
  assert_no_secret (error->message);
  g_clear_error (&error);
  g_assert_false (hc_connector_fixture_run_test_connection (wrong_consumer, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_false (hc_connector_fixture_run_test_connection (wrong_service, NULL, &error));
  g_assert_nonnull (error);
  hc_connector_test_assert_has (error->message, "400");
  g_clear_error (&error);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 5);

  hc_fake_apideck_set_body (fake, "{\"results\":[]}");
  g_assert_false (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_test_assert_has (error->message, "(data)");
}

static void
test_fetch_fields (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakeApideck) fake = hc_fake_apideck_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_APIDECK_SECRET);
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
  log = hc_fake_hris_dup_request_log (hc_fake_apideck_get_server (fake));
  g_assert_cmpstr (log, ==, "GET /hris/employees?limit=200\n");

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
  /* raw attributes: the model and the custom fields by name */
  hc_connector_fixture_assert_field (e, "downstream_id", "D1");
  hc_connector_fixture_assert_field (e, "employment_status", "active");
  hc_connector_fixture_assert_field (e, "emails.type", "personal, work");
  hc_connector_fixture_assert_field (e, "jobs.location.city", "Paris");
  hc_connector_fixture_assert_field (e, "custom_fields.cost_center", "CC-100");
  hc_connector_fixture_assert_field (e, "custom_fields.skip_sync", "false");
  hc_connector_fixture_assert_field (e, "custom_fields.name", NULL);

  /* a start ahead; no work e-mail: the personal one is never taken */
  e = hc_connector_fixture_employee_at (employees, 1);
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, "1");
  hc_connector_fixture_assert_field (e, "manager.email", "zoe.lefevre@fake-hris.example");
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, in_30);
  hc_connector_fixture_assert_field (e, HC_FIELD_OFFICE, NULL);
  hc_connector_fixture_assert_field (e, "custom_fields.skip_sync", "true");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  e = hc_connector_fixture_employee_at (employees, 2);
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, ago_30);
  hc_connector_fixture_assert_field (e, HC_FIELD_DEPARTMENT, NULL);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);

  e = hc_connector_fixture_employee_at (employees, 3);
  hc_connector_fixture_assert_field (e, "employment_status", "active");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  e = hc_connector_fixture_employee_at (employees, 4);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  /* metadata: Apideck's model, and the custom fields met */
  described = hc_connector_describe_fields (connector, employees);
  info = hc_field_info_find (described, "employment_status");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->label, ==, "Employment status");
  g_assert_true (info->from_metadata);
  info = hc_field_info_find (described, "custom_fields.skip_sync");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->label, ==, "skip_sync");
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_BOOLEAN);
  info = hc_field_info_find (described, "employment_end_date");
  g_assert_nonnull (info);
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_DATE);
}

static void
test_statuses (void)
{
  g_autoptr (HcFakeApideck) fake = hc_fake_apideck_new (NULL);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_APIDECK_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *future = hc_connector_fixture_date_from_today (10);
  g_autofree char *past = hc_connector_fixture_date_from_today (-10);
  const struct { const char *status; const char *start; const char *end; HcEmployeeStatus expected; } cases[] = {
    { "active", "2020-01-01", NULL, HC_EMPLOYEE_STATUS_ACTIVE },
    { "inactive", "2020-01-01", NULL, HC_EMPLOYEE_STATUS_INACTIVE },
    { "terminated", "2020-01-01", past, HC_EMPLOYEE_STATUS_INACTIVE },
    { "active", future, NULL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "other", "2020-01-01", past, HC_EMPLOYEE_STATUS_INACTIVE },
    { "other", "2020-01-01", future, HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL, "2020-01-01", NULL, HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL, "2020-01-01T00:00:00.000Z", past, HC_EMPLOYEE_STATUS_INACTIVE },
  };

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *status = cases[i].status ? g_strdup_printf ("\"%s\"", cases[i].status) : g_strdup ("null");
      g_autofree char *end = cases[i].end ? g_strdup_printf ("\"%s\"", cases[i].end) : g_strdup ("null");
      g_autofree char *json = g_strdup_printf ("{\"id\":\"a%u\",\"employment_status\":%s,"
                                               "\"employment_start_date\":\"%s\","
                                               "\"employment_end_date\":%s}",
                                               i, status, cases[i].start, end);

      hc_fake_apideck_add_raw_employee (fake, json);
    }
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (hc_employee_get_status (hc_connector_fixture_employee_at (employees, i)) != cases[i].expected)
      g_error ("case %u: status %d, expected %d", i, hc_employee_get_status (hc_connector_fixture_employee_at (employees, i)),
               cases[i].expected);

  /* the fallbacks: a primary address, the first job's title, the
   * deprecated department, a work address's city, a custom field by id */
  g_clear_pointer (&employees, g_ptr_array_unref);
  hc_fake_apideck_add_raw_employee (fake, "{\"id\":\"a99\",\"emails\":[{\"type\":\"personal\",\"email\":\"p@x.example\"},"
                                    "{\"type\":\"primary\",\"email\":\"a99@fake-hris.example\"}],"
                                    "\"jobs\":[{\"id\":\"j\",\"title\":\"Nurse\"}],\"department\":\"Care\","
                                    "\"addresses\":[{\"type\":\"home\",\"city\":\"Lille\"},{\"type\":\"work\",\"city\":\"Nantes\"}],"
                                    "\"custom_fields\":[{\"id\":\"cf-9\",\"value\":[\"x\",\"y\"]}],\"manager\":null}");
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, G_N_ELEMENTS (cases)), HC_FIELD_EMAIL, "a99@fake-hris.example");
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, G_N_ELEMENTS (cases)), HC_FIELD_POSITION, "Nurse");
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, G_N_ELEMENTS (cases)), HC_FIELD_DEPARTMENT, "Care");
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, G_N_ELEMENTS (cases)), HC_FIELD_OFFICE, "Nantes");
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, G_N_ELEMENTS (cases)), HC_FIELD_MANAGER_ID, NULL);
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, G_N_ELEMENTS (cases)), "custom_fields.cf-9", "x, y");
}

static void
test_pages (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (250);
  g_autoptr (HcFakeApideck) fake = hc_fake_apideck_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_APIDECK_SECRET);
  HcFakeHris *server = hc_fake_apideck_get_server (fake);
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
  /* two pages, the cursor of the first answer on the second request,
   * and no third once meta.cursors.next is null */
  log = hc_fake_hris_dup_request_log (server);
  lines = g_strsplit (log, "\n", -1);
  g_assert_false (strstr (lines[0], "cursor=") != NULL);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  hc_connector_test_assert_has (lines[1], "&cursor=bz0yMDA");

  /* an empty last page: a list of exactly 200, whose full first page
   * still gives a next cursor */
  g_clear_pointer (&employees, g_ptr_array_unref);
  g_ptr_array_set_size (people, 200);
  hc_fake_apideck_set_people (fake, people);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 200);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_APIDECK_EMPLOYEES_PATH), ==, 4);

  /* an empty account */
  g_clear_pointer (&employees, g_ptr_array_unref);
  hc_fake_apideck_set_people (fake, NULL);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 0);
}

/* A cursor that comes back: an error, not an endless loop. */
static void
test_repeated_cursor (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (450);
  g_autoptr (HcFakeApideck) fake = hc_fake_apideck_new (people);
  g_autofree char *message = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_apideck_set_repeat_cursor (fake, TRUE);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_FAILED);
  hc_connector_test_assert_has (message, "Apideck");
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_apideck_get_server (fake), HC_FAKE_APIDECK_EMPLOYEES_PATH), ==, 2);
}

static void
test_errors (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakeApideck) fake = hc_fake_apideck_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_APIDECK_SECRET);
  g_autoptr (HcConnector) wrong = connector_new (fake, WRONG_KEY);
  HcFakeHris *server = hc_fake_apideck_get_server (fake);
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
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, HC_FAKE_APIDECK_EMPLOYEES_PATH, 1);
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
  hc_fake_apideck_add_raw_employee (fake, "{\"first_name\":\"Nadia\",\"emails\":[{\"type\":\"work\",\"email\":\"nadia@fake-hris.example\"}]}");
  g_free (message);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_test_assert_has (message, "record 6 ");
  hc_connector_test_assert_lacks (message, "Nadia");
}

static void
test_no_secret_leak (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakeApideck) fake = hc_fake_apideck_new (people);
  g_autoptr (HcConnector) good = connector_new (fake, HC_FAKE_APIDECK_SECRET);
  g_autoptr (HcConnector) wrong = connector_new (fake, WRONG_KEY);
  HcFakeHris *server = hc_fake_apideck_get_server (fake);
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
  hc_connector_test_assert_has (log, "GET /hris/employees");
  hc_connector_test_assert_has (log, "Authorization: " HC_HTTP_REDACTED);
  assert_no_secret (log);
  hc_connector_test_assert_lacks (log, "Zoé");
}

int
main (int   argc,
      char *argv[])
{
  hc_connector_fixture_init (&argc, &argv, "hc-apideck-connector", DEFAULT_POLICY);

  g_test_add_func ("/apideck/settings", test_settings);
  g_test_add_func ("/apideck/test-connection", test_connection);
  g_test_add_func ("/apideck/fetch/fields", test_fetch_fields);
  g_test_add_func ("/apideck/fetch/statuses", test_statuses);
  g_test_add_func ("/apideck/fetch/pages", test_pages);
  g_test_add_func ("/apideck/fetch/repeated-cursor", test_repeated_cursor);
  g_test_add_func ("/apideck/errors", test_errors);
  g_test_add_func ("/apideck/secrets/no-leak", test_no_secret_leak);

  return g_test_run ();
}
