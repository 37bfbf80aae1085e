/* test-deel.c — the Deel connector against its fake organisation
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "config.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-deel-connector.h"
#include "hc-fake-deel.h"
#include "hc-connector-fixture.h"
#include "hc-connector-test.h"

#define WRONG_TOKEN    "WRONG-deel-token-9999-also-fake"
#define DEFAULT_POLICY "connect=5,read=5,attempts=3,total=10,delay=10"

/* Helpers */

static void
assert_no_secret (const char *text)
{
  hc_connector_test_assert_lacks (text, HC_FAKE_DEEL_SECRET);
  hc_connector_test_assert_lacks (text, WRONG_TOKEN);
}

static HcConnector *
connector_new (HcFakeDeel *fake,
               const char *secret)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector = hc_deel_connector_new (hc_fake_deel_get_base_url (fake), NULL,
                                                  NULL, secret, &error);

  g_assert_no_error (error);
  g_assert_true (HC_IS_CONNECTOR (connector));
  return connector;
}

/* Fetches with @fake and expects an error; returns its message. */
static char *
fetch_expect_error (HcFakeDeel *fake,
                    GQuark      domain,
                    int         code)
{
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_DEEL_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = hc_connector_fixture_run_fetch (connector, &error);

  g_assert_null (employees);
  g_assert_error (error, domain, code);
  assert_no_secret (error->message);
  return g_strdup (error->message);
}

/* The fixture's five people, with the offices and the sales position that
 * Deel's tests read. */
static GPtrArray *
small_people (void)
{
  GPtrArray *people = hc_connector_fixture_small_people ();
  HcFakePerson *p;

  p = g_ptr_array_index (people, 1);
  p->office = g_strdup ("Berlin");
  p = g_ptr_array_index (people, 2);
  p->position = g_strdup ("Account Executive");
  p->department = g_strdup ("Sales");
  p->office = g_strdup ("London");
  p = g_ptr_array_index (people, 3);
  p->office = g_strdup ("Lyon");
  return people;
}

/* Settings */

static void
test_settings (void)
{
  const char *bad_secrets[] = { NULL, "", " \n", "FAKE token" };
  const char *bad_urls[] = { "ftp://api.letsdeel.com", "http://api.letsdeel.com/rest/v2",
                             "https://" WRONG_TOKEN "@api.letsdeel.com/rest/v2" };
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnector) connector = NULL;
  g_autofree char *url = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_secrets); i++)
    {
      g_autoptr (HcConnector) c = hc_deel_connector_new (NULL, NULL, NULL, bad_secrets[i], &error);

      g_assert_null (c);
      g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
      hc_connector_test_assert_has (error->message, "--secret-stdin");
      hc_connector_test_assert_has (error->message, "Deel");
      hc_connector_test_assert_lacks (error->message, "FAKE token");
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_autoptr (HcConnector) c = hc_deel_connector_new (bad_urls[i], NULL, NULL, HC_FAKE_DEEL_SECRET, &error);

      g_assert_null (c);
      g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
      hc_connector_test_assert_has (error->message, "--base-url");
      assert_no_secret (error->message);
      g_clear_error (&error);
    }

  /* Deel's address by default; subdomain and client id ignored */
  connector = hc_deel_connector_new (NULL, "ignored", "ignored", HC_FAKE_DEEL_SECRET, &error);
  g_assert_no_error (error);
  g_assert_true (HC_IS_DEEL_CONNECTOR (connector));
  g_assert_cmpstr (hc_connector_get_vendor_name (connector), ==, "Deel");
  g_object_get (connector, "base-url", &url, NULL);
  g_assert_cmpstr (url, ==, "https://api.letsdeel.com/rest/v2");
  g_clear_object (&connector);
  g_clear_pointer (&url, g_free);

  connector = hc_deel_connector_new ("https://api-sandbox.demo.deel.com/rest/v2/", NULL, NULL,
                                     HC_FAKE_DEEL_SECRET, &error);
  g_assert_no_error (error);
  g_object_get (connector, "base-url", &url, NULL);
  g_assert_cmpstr (url, ==, "https://api-sandbox.demo.deel.com/rest/v2");
}

/* test_connection */

static void
test_connection (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeDeel) fake = hc_fake_deel_new (people);
  g_autoptr (HcConnector) good = connector_new (fake, HC_FAKE_DEEL_SECRET);
  g_autoptr (HcConnector) wrong = connector_new (fake, WRONG_TOKEN);
  HcFakeHris *server = hc_fake_deel_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *authorization = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_assert_true (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_no_error (error);
  log = hc_fake_hris_dup_request_log (server);
  g_assert_cmpstr (log, ==, "GET /rest/v2/people?offset=0&limit=1\n");
  authorization = hc_fake_hris_dup_last_header (server, "Authorization");
  g_assert_cmpstr (authorization, ==, "Bearer " HC_FAKE_DEEL_SECRET);

  /* 401: named, not retried, the token the fake quotes redacted */
  g_assert_false (hc_connector_fixture_run_test_connection (wrong, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "Deel");
  hc_connector_test_assert_has (error->message, "401");
  hc_connector_test_assert_has (error->message, "/people");
  assert_no_secret (error->message);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 2);
  g_clear_error (&error);

  /* a page of another shape */
  hc_fake_deel_set_people_body (fake, "{\"people\":[]}");
  g_assert_false (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_test_assert_has (error->message, "Deel");
}

/* fetch_employees */

static void
test_fetch_fields (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeDeel) fake = hc_fake_deel_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_DEEL_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) metadata = NULL;
  g_autoptr (GPtrArray) described = NULL;
  g_autofree char *log = NULL;
  g_autofree char *in_30 = hc_connector_fixture_date_from_today (30);
  g_autofree char *ago_30 = hc_connector_fixture_date_from_today (-30);
  g_autofree char *in_7 = hc_connector_fixture_date_from_today (7);
  const HcFieldInfo *info;
  HcConnectorFixtureProgress progress = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (double)) };
  HcEmployee *e;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  employees = hc_connector_fixture_run_fetch_full (connector, NULL, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5);

  log = hc_fake_hris_dup_request_log (hc_fake_deel_get_server (fake));
  g_assert_cmpstr (log, ==, "GET /rest/v2/people?offset=0&limit=200\n");

  /* the total is known: a fraction */
  g_assert_cmpuint (progress.messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (progress.messages, 0), ==, "Fetched 5 of 5 employees from Deel");
  g_assert_cmpfloat (g_array_index (progress.fractions, double, 0), ==, 1.0);
  g_ptr_array_unref (progress.messages);
  g_array_unref (progress.fractions);

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
  /* raw attributes under Deel's names */
  hc_connector_fixture_assert_field (e, "hiring_status", "active");
  hc_connector_fixture_assert_field (e, "hiring_type", "direct_employee");
  hc_connector_fixture_assert_field (e, "worker_id", "1");
  hc_connector_fixture_assert_field (e, "department.name", "Executive");
  hc_connector_fixture_assert_field (e, "department.parent", "Company");
  hc_connector_fixture_assert_field (e, "employments.team.name", "Board");
  /* the personal address first (odd ids), the work one still chosen */
  hc_connector_fixture_assert_field (e, "emails.type", "personal, work");
  hc_connector_fixture_assert_field (e, "direct_reports_count", "3");

  /* onboarding; only a personal address, which is never the work e-mail */
  e = hc_connector_fixture_employee_at (employees, 1);
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, NULL);
  hc_connector_fixture_assert_field (e, "emails.value", "2@personal.example");
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, "1");
  hc_connector_fixture_assert_field (e, "direct_manager.work_email", "zoe.lefevre@fake-hris.example");
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, in_30);
  hc_connector_fixture_assert_field (e, HC_FIELD_TEAM, "Platform");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  /* inactive */
  e = hc_connector_fixture_employee_at (employees, 2);
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, "soren.orsted@fake-hris.example");
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, ago_30);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);

  /* on leave in the people: "active" in Deel; the work address first */
  e = hc_connector_fixture_employee_at (employees, 3);
  hc_connector_fixture_assert_field (e, "emails.type", "work, personal");
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, "helene.dubois@fake-hris.example");
  hc_connector_fixture_assert_field (e, HC_FIELD_DEPARTMENT, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_TEAM, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_POSITION, NULL);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  /* "active" with a start date in the future: onboarding */
  e = hc_connector_fixture_employee_at (employees, 4);
  hc_connector_fixture_assert_field (e, "hiring_status", "active");
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, in_7);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  /* the field metadata: Deel's fields with their labels and types,
   * before and beside what the people carry */
  metadata = hc_connector_dup_field_metadata (connector);
  g_assert_nonnull (metadata);
  g_assert_cmpuint (metadata->len, >, 20);
  described = hc_connector_describe_fields (connector, employees);
  info = hc_field_info_find (described, "hiring_status");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->label, ==, "Hiring status");
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_LIST);
  g_assert_true (info->from_metadata);
  info = hc_field_info_find (described, "start_date");
  g_assert_nonnull (info);
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_DATE);
  info = hc_field_info_find (described, "department.name");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->label, ==, "Department");
}

/* The statuses Deel documents, and the odd ones. */
static void
test_statuses (void)
{
  g_autoptr (HcFakeDeel) fake = hc_fake_deel_new (NULL);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_DEEL_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *future = hc_connector_fixture_date_from_today (10);
  g_autofree char *past = hc_connector_fixture_date_from_today (-10);
  g_autofree char *json = NULL;
  const struct { const char *status; const char *start; const char *end; HcEmployeeStatus expected; } cases[] = {
    { "active", "2020-01-01", NULL, HC_EMPLOYEE_STATUS_ACTIVE },
    { "onboarding", "2020-01-01", NULL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "offboarding", "2020-01-01", future, HC_EMPLOYEE_STATUS_ACTIVE },
    { "inactive", "2020-01-01", past, HC_EMPLOYEE_STATUS_INACTIVE },
    { "INACTIVE", "2020-01-01", NULL, HC_EMPLOYEE_STATUS_INACTIVE },
    { "on_leave", "2020-01-01", NULL, HC_EMPLOYEE_STATUS_LEAVE },
    { "active", future, NULL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "something_new", "2020-01-01", past, HC_EMPLOYEE_STATUS_INACTIVE },
    { "something_new", "2020-01-01", future, HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL, "2020-01-01", NULL, HC_EMPLOYEE_STATUS_ACTIVE },
  };

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *status = cases[i].status ? g_strdup_printf ("\"%s\"", cases[i].status) : g_strdup ("null");
      g_autofree char *end = cases[i].end ? g_strdup_printf ("\"%s\"", cases[i].end) : g_strdup ("null");

      g_free (json);
      json = g_strdup_printf ("{\"id\":\"p%u\",\"first_name\":\"A\",\"last_name\":\"B\","
                              "\"hiring_status\":%s,\"start_date\":\"%s\",\"completion_date\":%s}",
                              i, status, cases[i].start, end);
      hc_fake_deel_add_raw_person (fake, json);
    }
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (hc_employee_get_status (hc_connector_fixture_employee_at (employees, i)) != cases[i].expected)
      g_error ("case %u (%s): status %d, expected %d", i, cases[i].status ? cases[i].status : "null",
               hc_employee_get_status (hc_connector_fixture_employee_at (employees, i)), cases[i].expected);
}

static void
test_fetch_many (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (450);
  g_autoptr (HcFakeDeel) fake = hc_fake_deel_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_DEEL_SECRET);
  HcFakeHris *server = hc_fake_deel_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *log = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 450);
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = hc_connector_fixture_employee_at (employees, i);
      HcFakePerson *p = g_ptr_array_index (people, i);

      g_assert_cmpstr (hc_employee_get_id (e), ==, p->id);
      hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, p->email);
      hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, p->manager_id);
      if (g_str_equal (p->status, "inactive"))
        g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
    }
  /* two full pages and a short one: the total says it is the end */
  log = hc_fake_hris_dup_request_log (server);
  g_assert_cmpstr (log, ==,
                   "GET /rest/v2/people?offset=0&limit=200\n"
                   "GET /rest/v2/people?offset=200&limit=200\n"
                   "GET /rest/v2/people?offset=400&limit=200\n");
  g_clear_pointer (&log, g_free);
  g_clear_pointer (&employees, g_ptr_array_unref);

  /* without a total, a list of exactly two pages ends on an empty page */
  hc_fake_deel_set_send_total (fake, FALSE);
  g_ptr_array_set_size (people, 400);
  hc_fake_deel_set_people (fake, people);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 400);
  g_assert_cmpstr (hc_employee_get_id (hc_connector_fixture_employee_at (employees, 399)), ==, "1399");
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_DEEL_PEOPLE_PATH), ==, 3 + 3);
  log = hc_fake_hris_dup_request_log (server);
  hc_connector_test_assert_has (log, "GET /rest/v2/people?offset=400&limit=200\n");

  /* and an empty organisation is one empty page */
  g_clear_pointer (&employees, g_ptr_array_unref);
  hc_fake_deel_set_people (fake, NULL);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 0);
}

/* Errors */

static void
test_unauthorized (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeDeel) fake = hc_fake_deel_new (people);
  g_autoptr (HcConnector) wrong = connector_new (fake, WRONG_TOKEN);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  employees = hc_connector_fixture_run_fetch (wrong, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "Deel");
  hc_connector_test_assert_has (error->message, "401");
  assert_no_secret (error->message);
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_deel_get_server (fake), NULL), ==, 1);
}

static void
test_rate_limited (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeDeel) fake = hc_fake_deel_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_DEEL_SECRET);
  HcFakeHris *server = hc_fake_deel_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *message = NULL;
  gint64 start;

  /* one 429, then the list: Retry-After honoured */
  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, HC_FAKE_DEEL_PEOPLE_PATH, 1);
  start = g_get_monotonic_time ();
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_DEEL_PEOPLE_PATH), ==, 2);

  /* 429 until the attempts run out */
  hc_connector_fixture_use_policy ("connect=5,read=5,attempts=2,total=5,delay=10");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, NULL, 0);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_RATE_LIMITED);
  hc_connector_test_assert_has (message, "Deel");
  hc_connector_test_assert_has (message, "429");
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_DEEL_PEOPLE_PATH), ==, 2 + 2);
}

static void
test_bad_pages (void)
{
  const char *bodies[] = {
    "{\"data\":{\"id\":\"1\"}}",
    "{\"people\":[{\"id\":\"1\"}]}",
    "{\"data\":null}",
    "[]",
  };
  const struct { const char *json; const char *says; } records[] = {
    { "{\"first_name\":\"Nadia\",\"emails\":[{\"type\":\"work\",\"value\":\"nadia@fake-hris.example\"}]}", "without an id" },
    { "{\"id\":\"\",\"first_name\":\"Nadia\"}", "without an id" },
    { "{\"id\":true,\"first_name\":\"Nadia\"}", "without an id" },
    { "\"Nadia\"", "not an object" },
  };

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (HcFakeDeel) fake = hc_fake_deel_new (NULL);
      g_autofree char *message = NULL;

      hc_fake_deel_set_people_body (fake, bodies[i]);
      message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (message, "Deel");
    }
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr (GPtrArray) people = small_people ();
      g_autoptr (HcFakeDeel) fake = hc_fake_deel_new (people);
      g_autofree char *message = NULL;

      hc_fake_deel_add_raw_person (fake, records[i].json);
      message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (message, "record 6 ");
      hc_connector_test_assert_has (message, records[i].says);
      hc_connector_test_assert_lacks (message, "Nadia");
      hc_connector_test_assert_lacks (message, "nadia@");
    }

  /* a number too large for an id: kept, skipped by the plan (rules.md 32) */
  {
    g_autoptr (HcFakeDeel) fake = hc_fake_deel_new (NULL);
    g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_DEEL_SECRET);
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) employees = NULL;

    hc_fake_deel_add_raw_person (fake, "{\"id\":-5,\"first_name\":\"Neg\"}");
    hc_fake_deel_add_raw_person (fake, "{\"id\":77,\"first_name\":\"Num\",\"direct_manager\":{\"id\":-5}}");
    employees = hc_connector_fixture_run_fetch (connector, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (employees->len, ==, 2);
    g_assert_true (hc_employee_get_invalid (hc_connector_fixture_employee_at (employees, 0)));
    g_assert_cmpstr (hc_employee_get_id (hc_connector_fixture_employee_at (employees, 1)), ==, "77");
    g_assert_false (hc_employee_get_invalid (hc_connector_fixture_employee_at (employees, 1)));
    hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, 1), HC_FIELD_MANAGER_ID, NULL);
  }
}

/* Secrets */

static void
test_no_secret_leak (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeDeel) fake = hc_fake_deel_new (people);
  g_autoptr (HcConnector) good = connector_new (fake, HC_FAKE_DEEL_SECRET);
  g_autoptr (HcConnector) wrong = connector_new (fake, WRONG_TOKEN);
  HcFakeHris *server = hc_fake_deel_get_server (fake);
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *log = NULL;

  hc_connector_test_log_start ();

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_assert_false (hc_connector_fixture_run_test_connection (wrong, NULL, &error));
  hc_connector_fixture_keep_message (messages, &error);
  employees = hc_connector_fixture_run_fetch (wrong, &error);
  hc_connector_fixture_keep_message (messages, &error);

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, NULL, 1);
  employees = hc_connector_fixture_run_fetch (good, &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  hc_connector_fixture_keep_message (messages, &error);

  hc_connector_fixture_use_policy ("connect=5,read=1,attempts=2,total=5,delay=10");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, NULL, 2);
  g_assert_false (hc_connector_fixture_run_test_connection (good, NULL, &error));
  hc_connector_fixture_keep_message (messages, &error);

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_assert_true (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_no_error (error);
  employees = hc_connector_fixture_run_fetch (good, &error);
  g_assert_no_error (error);

  log = hc_connector_test_log_stop ();
  for (guint i = 0; i < messages->len; i++)
    assert_no_secret (g_ptr_array_index (messages, i));

  hc_connector_test_assert_has (log, "GET /rest/v2/people");
  hc_connector_test_assert_has (log, "Authorization: " HC_HTTP_REDACTED);
  assert_no_secret (log);
  hc_connector_test_assert_lacks (log, "Bearer FAKE");
  hc_connector_test_assert_lacks (log, "Zoé");
}

int
main (int   argc,
      char *argv[])
{
  hc_connector_fixture_init (&argc, &argv, "hc-deel-connector", DEFAULT_POLICY);

  g_test_add_func ("/deel/settings", test_settings);
  g_test_add_func ("/deel/test-connection", test_connection);
  g_test_add_func ("/deel/fetch/fields", test_fetch_fields);
  g_test_add_func ("/deel/fetch/statuses", test_statuses);
  g_test_add_func ("/deel/fetch/pages", test_fetch_many);
  g_test_add_func ("/deel/fetch/bad-pages", test_bad_pages);
  g_test_add_func ("/deel/errors/unauthorized", test_unauthorized);
  g_test_add_func ("/deel/errors/rate-limited", test_rate_limited);
  g_test_add_func ("/deel/secrets/no-leak", test_no_secret_leak);

  return g_test_run ();
}
