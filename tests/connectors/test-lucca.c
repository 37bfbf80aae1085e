/* test-lucca.c — the Lucca connector against its fake account
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "config.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-lucca-connector.h"
#include "hc-fake-lucca.h"
#include "hc-connector-fixture.h"
#include "hc-connector-test.h"

#define WRONG_KEY      "WRONG-lucca-key-9999-also-fake"
#define DEFAULT_POLICY "connect=5,read=5,attempts=3,total=10,delay=10"

/* Helpers */

static void
assert_no_secret (const char *text)
{
  hc_connector_test_assert_lacks (text, HC_FAKE_LUCCA_SECRET);
  hc_connector_test_assert_lacks (text, WRONG_KEY);
}

static HcConnector *
connector_new (HcFakeLucca *fake,
               const char  *secret)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector = hc_lucca_connector_new (hc_fake_lucca_get_base_url (fake), NULL,
                                                   NULL, secret, &error);

  g_assert_no_error (error);
  g_assert_true (HC_IS_CONNECTOR (connector));
  return connector;
}

/* Fetches with @fake and expects an error; returns its message. */
static char *
fetch_expect_error (HcFakeLucca *fake,
                    GQuark       domain,
                    int          code)
{
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_LUCCA_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = hc_connector_fixture_run_fetch (connector, &error);

  g_assert_null (employees);
  g_assert_error (error, domain, code);
  assert_no_secret (error->message);
  return g_strdup (error->message);
}

/* Five people who cover the statuses, with dates relative to today so that
 * the derived status holds whenever the test runs. */
static GPtrArray *
small_people (void)
{
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);
  HcFakePerson *p;

  p = hc_fake_person_new ("1", "Zoé", "Lefèvre", "zoe.lefevre@fake-hris.example");
  p->preferred_name = g_strdup ("Zo");
  p->position = g_strdup ("Chief Executive Officer");
  p->department = g_strdup ("Executive");
  p->team = g_strdup ("Board");
  p->office = g_strdup ("Paris");
  p->hire_date = g_strdup ("2015-03-02");
  p->cost_center = g_strdup ("CC-100");
  g_ptr_array_add (people, p);

  /* onboarding: starts in a month; no e-mail yet */
  p = hc_fake_person_new ("2", "Jürgen", "Müller", NULL);
  g_free (p->status);
  p->status = g_strdup ("onboarding");
  p->position = g_strdup ("Engineer");
  p->department = g_strdup ("Engineering");
  p->team = g_strdup ("Platform");
  p->office = g_strdup ("Berlin");
  p->manager_id = g_strdup ("1");
  p->hire_date = hc_connector_fixture_date_from_today (30);
  p->cost_center = g_strdup ("CC-110");
  p->skip_sync = TRUE;
  g_ptr_array_add (people, p);

  /* inactive: the contract ended a month ago */
  p = hc_fake_person_new ("3", "Søren", "Ørsted", "soren.orsted@fake-hris.example");
  g_free (p->status);
  p->status = g_strdup ("inactive");
  p->position = g_strdup ("Account Executive");
  p->department = g_strdup ("Sales");
  p->office = g_strdup ("London");
  p->manager_id = g_strdup ("1");
  p->hire_date = g_strdup ("2018-01-01");
  p->end_date = hc_connector_fixture_date_from_today (-30);
  p->cost_center = g_strdup ("CC-110");
  g_ptr_array_add (people, p);

  /* on leave: Lucca v3 cannot say so; today is the last day of contract */
  p = hc_fake_person_new ("4", "Hélène", "Dubois", "helene.dubois@fake-hris.example");
  g_free (p->status);
  p->status = g_strdup ("leave");
  p->position = g_strdup ("Accountant");
  p->department = g_strdup ("Finance");
  p->office = g_strdup ("Lyon");
  p->manager_id = g_strdup ("2");
  p->hire_date = g_strdup ("2020-06-15");
  p->end_date = hc_connector_fixture_date_from_today (0);
  p->cost_center = g_strdup ("CC-130");
  g_ptr_array_add (people, p);

  /* active, leaving in the future, nothing optional set */
  p = hc_fake_person_new ("5", "Ümit", "Yılmaz", "umit.yilmaz@fake-hris.example");
  p->manager_id = g_strdup ("1");
  p->hire_date = g_strdup ("2021-09-01");
  p->end_date = hc_connector_fixture_date_from_today (100);
  g_ptr_array_add (people, p);

  return people;
}

/* Settings */

static void
expect_config_error (const char *base_url,
                     const char *subdomain,
                     const char *secret,
                     const char *flag)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnector) connector = hc_lucca_connector_new (base_url, subdomain, NULL, secret, &error);

  g_assert_null (connector);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  hc_connector_test_assert_has (error->message, flag);
  hc_connector_test_assert_has (error->message, "Lucca");
  assert_no_secret (error->message);
}

static void
expect_base_url (const char *base_url,
                 const char *subdomain,
                 const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnector) connector = hc_lucca_connector_new (base_url, subdomain, "ignored-client-id",
                                                              HC_FAKE_LUCCA_SECRET, &error);
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  g_assert_true (HC_IS_LUCCA_CONNECTOR (connector));
  g_assert_cmpstr (hc_connector_get_vendor_name (connector), ==, "Lucca");
  g_object_get (connector, "base-url", &url, NULL);
  g_assert_cmpstr (url, ==, expected);
}

static void
test_settings (void)
{
  /* missing */
  expect_config_error (NULL, NULL, HC_FAKE_LUCCA_SECRET, "--subdomain");
  expect_config_error ("", "", HC_FAKE_LUCCA_SECRET, "--subdomain");
  expect_config_error (NULL, "  ", HC_FAKE_LUCCA_SECRET, "--subdomain");
  expect_config_error (NULL, "acme", NULL, "--secret-stdin");
  expect_config_error (NULL, "acme", "", "--secret-stdin");
  expect_config_error (NULL, "acme", " \n", "--secret-stdin");
  /* invalid */
  expect_config_error (NULL, "acme/api", HC_FAKE_LUCCA_SECRET, "--subdomain");
  expect_config_error (NULL, "acme.ilucca.net:8443", HC_FAKE_LUCCA_SECRET, "--subdomain");
  expect_config_error (NULL, "acme..ilucca.net", HC_FAKE_LUCCA_SECRET, "--subdomain");
  expect_config_error (NULL, "ac me", HC_FAKE_LUCCA_SECRET, "--subdomain");
  expect_config_error (NULL, "http://acme.ilucca.net", HC_FAKE_LUCCA_SECRET, "--subdomain");
  expect_config_error ("ftp://acme.ilucca.net", NULL, HC_FAKE_LUCCA_SECRET, "--base-url");
  expect_config_error ("http://acme.ilucca.net", NULL, HC_FAKE_LUCCA_SECRET, "--base-url");
  expect_config_error ("https://" WRONG_KEY "@acme.ilucca.net", NULL, HC_FAKE_LUCCA_SECRET, "--base-url");
  expect_config_error (NULL, "acme", "FAKE-key\nwith-a-break", "--secret-stdin");

  /* the account name, a whole host, a pasted address; --base-url wins;
   * the client id is ignored */
  expect_base_url (NULL, "acme", "https://acme.ilucca.net");
  expect_base_url (NULL, " Acme ", "https://acme.ilucca.net");
  expect_base_url (NULL, "acme.ilucca.net", "https://acme.ilucca.net");
  expect_base_url (NULL, "ACME.ilucca-demo.net", "https://acme.ilucca-demo.net");
  expect_base_url (NULL, "https://acme.ilucca.ch/", "https://acme.ilucca.ch");
  expect_base_url ("https://lucca-proxy.example.com/", "acme", "https://lucca-proxy.example.com");
  expect_base_url ("http://127.0.0.1:8080", NULL, "http://127.0.0.1:8080");
}

/* test_connection */

static void
test_connection_ok (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_LUCCA_SECRET);
  HcFakeHris *server = hc_fake_lucca_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *authorization = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_assert_true (hc_connector_fixture_run_test_connection (connector, NULL, &error));
  g_assert_no_error (error);

  /* one user, its id only */
  g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 1);
  log = hc_fake_hris_dup_request_log (server);
  g_assert_cmpstr (log, ==, "GET /api/v3/users?fields=id&paging=0,1\n");
  authorization = hc_fake_hris_dup_last_header (server, "Authorization");
  g_assert_cmpstr (authorization, ==, "lucca application=" HC_FAKE_LUCCA_SECRET);

  /* an account without anyone is still a working key */
  hc_fake_lucca_set_people (fake, NULL);
  g_assert_true (hc_connector_fixture_run_test_connection (connector, NULL, &error));
  g_assert_no_error (error);
}

static void
test_connection_wrong_secret (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, WRONG_KEY);
  g_autoptr (GError) error = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_assert_false (hc_connector_fixture_run_test_connection (connector, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "Lucca");
  hc_connector_test_assert_has (error->message, "401");
  hc_connector_test_assert_has (error->message, "/api/v3/users");
  /* the fake quotes the key it got: it must come out redacted */
  assert_no_secret (error->message);
  /* not retried */
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_lucca_get_server (fake), NULL), ==, 1);
}

static void
test_connection_bad_shape (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_LUCCA_SECRET);
  g_autoptr (GError) error = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_lucca_set_users_body (fake, "{\"data\":[{\"id\":1}]}");
  g_assert_false (hc_connector_fixture_run_test_connection (connector, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_test_assert_has (error->message, "Lucca");
  hc_connector_test_assert_has (error->message, "/api/v3/users");
}

/* fetch_employees */

static void
test_fetch_fields (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_LUCCA_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *log = NULL;
  g_autofree char *in_30 = hc_connector_fixture_date_from_today (30);
  g_autofree char *ago_30 = hc_connector_fixture_date_from_today (-30);
  g_autofree char *today = hc_connector_fixture_date_from_today (0);
  g_autofree char *in_100 = hc_connector_fixture_date_from_today (100);
  g_autofree char *raw_end = NULL;
  HcEmployee *e;
  HcConnectorFixtureProgress progress;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_connector_fixture_progress_init (&progress);
  employees = hc_connector_fixture_run_fetch_full (connector, NULL, &progress, &error);
  g_assert_no_error (error);
  g_assert_nonnull (employees);
  g_assert_cmpuint (employees->len, ==, 5);

  /* what was asked: the fields, former employees, the paging */
  log = hc_fake_hris_dup_request_log (hc_fake_lucca_get_server (fake));
  g_assert_cmpstr (log, ==,
                   "GET /api/v3/users?fields=id,name,displayName,firstName,lastName,login,mail,"
                   "employeeNumber,jobTitle,dtContractStart,dtContractEnd,legalEntity.id,"
                   "legalEntity.name,department.id,department.name,manager.id,manager.name,"
                   "extendedData&formerEmployees=true&paging=0,1000\n");

  /* one short page: one progress report, no fraction */
  g_assert_cmpuint (progress.messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (progress.messages, 0), ==, "Fetched 5 employees from Lucca");
  g_assert_cmpfloat (g_array_index (progress.fractions, double, 0), <, 0);
  hc_connector_fixture_progress_clear (&progress);

  /* 1: the CEO, accents, no manager */
  e = hc_connector_fixture_employee_at (employees, 0);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "1");
  hc_connector_fixture_assert_field (e, HC_FIELD_ID, "1");
  hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, "Zoé");
  hc_connector_fixture_assert_field (e, HC_FIELD_LAST_NAME, "Lefèvre");
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, "zoe.lefevre@fake-hris.example");
  hc_connector_fixture_assert_field (e, HC_FIELD_POSITION, "Chief Executive Officer");
  hc_connector_fixture_assert_field (e, HC_FIELD_DEPARTMENT, "Executive");
  hc_connector_fixture_assert_field (e, HC_FIELD_OFFICE, "Paris");
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, "2015-03-02");
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, NULL);
  /* v3 has no preferred name and no team: never invented */
  hc_connector_fixture_assert_field (e, HC_FIELD_PREFERRED_NAME, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_TEAM, NULL);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  hc_connector_fixture_assert_field (e, HC_FIELD_STATUS, "active");
  /* raw attributes under their Lucca names */
  hc_connector_fixture_assert_field (e, "firstName", "Zoé");
  hc_connector_fixture_assert_field (e, "lastName", "Lefèvre");
  hc_connector_fixture_assert_field (e, "name", "Zoé Lefèvre");
  hc_connector_fixture_assert_field (e, "displayName", "Lefèvre Zoé");
  hc_connector_fixture_assert_field (e, "login", "u1");
  hc_connector_fixture_assert_field (e, "mail", "zoe.lefevre@fake-hris.example");
  hc_connector_fixture_assert_field (e, "employeeNumber", "00001");
  hc_connector_fixture_assert_field (e, "jobTitle", "Chief Executive Officer");
  hc_connector_fixture_assert_field (e, "dtContractStart", "2015-03-02T00:00:00");
  hc_connector_fixture_assert_field (e, "dtContractEnd", NULL);
  hc_connector_fixture_assert_field (e, "department.name", "Executive");
  hc_connector_fixture_assert_field (e, "department.id", "10");
  hc_connector_fixture_assert_field (e, "legalEntity.name", "Paris");
  hc_connector_fixture_assert_field (e, "legalEntity.id", "1");
  hc_connector_fixture_assert_field (e, "manager.id", NULL);
  hc_connector_fixture_assert_field (e, "extendedData.e_skip_sync", "false");
  hc_connector_fixture_assert_field (e, "extendedData.e_cost_center", "CC-100");
  /* not asked for, so not there */
  hc_connector_fixture_assert_field (e, "modifiedAt", NULL);
  hc_connector_fixture_assert_field (e, "department.url", NULL);

  /* 2: onboarding, no e-mail, skip_sync */
  e = hc_connector_fixture_employee_at (employees, 1);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "2");
  hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, "Jürgen");
  hc_connector_fixture_assert_field (e, HC_FIELD_LAST_NAME, "Müller");
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, NULL);
  hc_connector_fixture_assert_field (e, "mail", NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_POSITION, "Engineer");
  hc_connector_fixture_assert_field (e, HC_FIELD_DEPARTMENT, "Engineering");
  hc_connector_fixture_assert_field (e, HC_FIELD_OFFICE, "Berlin");
  hc_connector_fixture_assert_field (e, HC_FIELD_TEAM, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, "1");
  hc_connector_fixture_assert_field (e, "manager.id", "1");
  hc_connector_fixture_assert_field (e, "manager.name", "Zoé Lefèvre");
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, in_30);
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, NULL);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);
  hc_connector_fixture_assert_field (e, "extendedData.e_skip_sync", "true");
  hc_connector_fixture_assert_field (e, "extendedData.e_cost_center", "CC-110");

  /* 3: the contract ended: a former employee, there thanks to
   * formerEmployees=true */
  e = hc_connector_fixture_employee_at (employees, 2);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "3");
  hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, "Søren");
  hc_connector_fixture_assert_field (e, HC_FIELD_LAST_NAME, "Ørsted");
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, "2018-01-01");
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, ago_30);
  raw_end = g_strconcat (ago_30, "T00:00:00", NULL);
  hc_connector_fixture_assert_field (e, "dtContractEnd", raw_end);
  hc_connector_fixture_assert_field (e, HC_FIELD_OFFICE, "London");
  hc_connector_fixture_assert_field (e, "legalEntity.id", "3");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  hc_connector_fixture_assert_field (e, HC_FIELD_STATUS, "inactive");

  /* 4: on leave in the people, which v3 cannot express; the last day of
   * contract is today: still active */
  e = hc_connector_fixture_employee_at (employees, 3);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "4");
  hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, "Hélène");
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, "2");
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, today);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  /* 5: leaving later, so active; no department, office, title, cost
   * centre */
  e = hc_connector_fixture_employee_at (employees, 4);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "5");
  hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, "Ümit");
  hc_connector_fixture_assert_field (e, HC_FIELD_LAST_NAME, "Yılmaz");
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, in_100);
  hc_connector_fixture_assert_field (e, HC_FIELD_DEPARTMENT, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_OFFICE, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_POSITION, NULL);
  hc_connector_fixture_assert_field (e, "department.name", NULL);
  hc_connector_fixture_assert_field (e, "extendedData.e_cost_center", NULL);
  hc_connector_fixture_assert_field (e, "extendedData.e_skip_sync", "false");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
}

static void
test_fetch_many (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5000);
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_LUCCA_SECRET);
  HcFakeHris *server = hc_fake_lucca_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *log = NULL;
  g_autofree char *last = g_strdup_printf ("Fetched %'u employees from Lucca", 5000u);
  g_auto (GStrv) lines = NULL;
  HcConnectorFixtureProgress progress;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_connector_fixture_progress_init (&progress);
  employees = hc_connector_fixture_run_fetch_full (connector, NULL, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5000);

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = hc_connector_fixture_employee_at (employees, i);
      HcFakePerson *p = g_ptr_array_index (people, i);

      g_assert_cmpstr (hc_employee_get_id (e), ==, p->id);
      g_assert_true (g_hash_table_add (seen, (gpointer) hc_employee_get_id (e)));
      hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, p->email);
      hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, p->manager_id);
      hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, p->first_name);
      /* ended contracts (all in the past) are former employees */
      if (g_str_equal (p->status, "inactive"))
        g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
    }

  /* five full pages of Lucca's maximum, then the empty one that ends it */
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_LUCCA_USERS_PATH), ==, 6);
  log = hc_fake_hris_dup_request_log (server);
  lines = g_strsplit (log, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *paging = g_strdup_printf ("&formerEmployees=true&paging=%u,1000", i * 1000);

      g_assert_true (g_str_has_prefix (lines[i], "GET /api/v3/users?fields=id,"));
      g_assert_true (g_str_has_suffix (lines[i], paging));
    }

  g_assert_cmpuint (progress.messages->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (progress.messages, 4), ==, last);
  for (guint i = 0; i < progress.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (progress.fractions, double, i), <, 0);
  hc_connector_fixture_progress_clear (&progress);

  /* a short last page ends the list without one more request */
  hc_fake_lucca_set_people (fake, NULL);
  g_clear_pointer (&people, g_ptr_array_unref);
  people = hc_fake_people_new (2500);
  hc_fake_lucca_set_people (fake, people);
  g_clear_pointer (&employees, g_ptr_array_unref);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 2500);
  g_assert_cmpstr (hc_employee_get_id (hc_connector_fixture_employee_at (employees, 2499)), ==, "3499");
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_LUCCA_USERS_PATH), ==, 6 + 3);
}

/* Errors */

static void
test_rate_limited_then_ok (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_LUCCA_SECRET);
  HcFakeHris *server = hc_fake_lucca_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  gint64 start;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, HC_FAKE_LUCCA_USERS_PATH, 1);
  start = g_get_monotonic_time ();
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5);
  /* Retry-After was honoured */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_LUCCA_USERS_PATH), ==, 2);
}

static void
test_rate_limited_exhausted (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  HcFakeHris *server = hc_fake_lucca_get_server (fake);
  g_autofree char *message = NULL;

  hc_connector_fixture_use_policy ("connect=5,read=5,attempts=2,total=5,delay=10");
  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, NULL, 0);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_RATE_LIMITED);
  hc_connector_test_assert_has (message, "Lucca");
  hc_connector_test_assert_has (message, "429");
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_LUCCA_USERS_PATH), ==, 2);
}

static void
test_server_error (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  HcFakeHris *server = hc_fake_lucca_get_server (fake);
  g_autofree char *message = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, NULL, 0);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_FAILED);
  hc_connector_test_assert_has (message, "Lucca");
  hc_connector_test_assert_has (message, "500");
  hc_connector_test_assert_has (message, "/api/v3/users");
  /* a 500 is not retried */
  g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 1);
}

static void
test_timeout (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  HcFakeHris *server = hc_fake_lucca_get_server (fake);
  g_autofree char *message = NULL;
  gint64 start;

  hc_connector_fixture_use_policy ("connect=1,read=1,attempts=1,total=5,delay=10");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, NULL, 0);
  start = g_get_monotonic_time ();
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_NETWORK);
  hc_connector_test_assert_has (message, "Lucca");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_truncated_and_not_json (void)
{
  const HcFakeFault faults[] = { HC_FAKE_FAULT_TRUNCATED, HC_FAKE_FAULT_NOT_JSON };

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr (GPtrArray) people = small_people ();
      g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
      g_autofree char *message = NULL;

      hc_fake_hris_set_fault (hc_fake_lucca_get_server (fake), faults[i], NULL, 0);
      message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (message, "Lucca");
      hc_connector_test_assert_has (message, "/api/v3/users");
    }
}

static void
test_bad_page_shape (void)
{
  const char *bodies[] = {
    "{\"data\":{\"items\":{\"id\":1}}}",
    "{\"data\":[{\"id\":1}]}",
    "{\"items\":[{\"id\":1}]}",
    "{\"data\":null}",
    "[]",
    "\"data\"",
  };

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (GPtrArray) people = small_people ();
      g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
      g_autofree char *message = NULL;

      hc_fake_lucca_set_users_body (fake, bodies[i]);
      message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (message, "Lucca");
      hc_connector_test_assert_has (message, "/api/v3/users");
      /* a bare string is not even a JSON document for hc-http */
      if (bodies[i][0] != '"')
        hc_connector_test_assert_has (message, "data.items");
    }
}

/* Odd records */

static void
test_odd_records (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeLucca) fake = NULL;
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  HcEmployee *e;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_ptr_array_set_size (people, 1);
  fake = hc_fake_lucca_new (people);
  /* no e-mail, null manager */
  hc_fake_lucca_add_raw_user (fake, "{\"id\":9001,\"firstName\":\"Ana\",\"lastName\":\"Sem\","
                              "\"mail\":null,\"manager\":null,\"managerId\":null,"
                              "\"department\":null,\"dtContractEnd\":null}");
  /* nothing but the id */
  hc_fake_lucca_add_raw_user (fake, "{\"id\":9002}");
  /* wrong types everywhere, a string id */
  hc_fake_lucca_add_raw_user (fake, "{\"id\":\"ext-9003\",\"firstName\":42,\"lastName\":true,"
                              "\"mail\":17,\"jobTitle\":[\"Lead\",\"Ops\"],\"department\":\"Sales\","
                              "\"legalEntity\":{\"name\":{\"x\":1}},\"manager\":{\"id\":{\"nested\":1}},"
                              "\"managerId\":77,\"dtContractStart\":20140901,\"dtContractEnd\":\"soon\","
                              "\"extendedData\":[1,\"two\",null,true],"
                              "\"habilitedRoles\":[{\"id\":59,\"name\":\"Employee +\"},{\"id\":63,\"name\":\"Analytics\"}],"
                              "\"score\":2.5,\"big\":3.0,\"nothing\":null,\"empty\":\"\",\"list\":[]}");
  /* dates that do not exist */
  hc_fake_lucca_add_raw_user (fake, "{\"id\":9004,\"dtContractStart\":\"2014-02-30T00:00:00\","
                              "\"dtContractEnd\":\"2015-13-01\"}");
  /* an ISO date with an offset, long past: a former employee */
  hc_fake_lucca_add_raw_user (fake, "{\"id\":9005,\"dtContractStart\":\"1999-05-01\","
                              "\"dtContractEnd\":\"2001-01-01T00:00:00+02:00\"}");
  /* custom fields of other types, nested */
  hc_fake_lucca_add_raw_user (fake, "{\"id\":9006,\"extendedData\":{\"e_skip_sync\":\"yes\","
                              "\"e_nested\":{\"a\":[1,2]},\"e_none\":null}}");
  connector = connector_new (fake, HC_FAKE_LUCCA_SECRET);

  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 7);

  e = hc_connector_fixture_employee_at (employees, 1);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9001");
  hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, "Ana");
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_DEPARTMENT, NULL);
  hc_connector_fixture_assert_field (e, "manager", NULL);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  e = hc_connector_fixture_employee_at (employees, 2);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9002");
  hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_LAST_NAME, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, NULL);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  e = hc_connector_fixture_employee_at (employees, 3);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "ext-9003");
  hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, "42");
  hc_connector_fixture_assert_field (e, HC_FIELD_LAST_NAME, NULL);
  hc_connector_fixture_assert_field (e, "lastName", "true");
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, NULL);
  hc_connector_fixture_assert_field (e, "mail", "17");
  hc_connector_fixture_assert_field (e, HC_FIELD_POSITION, NULL);
  hc_connector_fixture_assert_field (e, "jobTitle", "Lead, Ops");
  /* "department" is also the standard name: the standard field wins, and
   * text is not the {id, name} object Lucca sends */
  hc_connector_fixture_assert_field (e, HC_FIELD_DEPARTMENT, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_OFFICE, NULL);
  hc_connector_fixture_assert_field (e, "legalEntity.name.x", "1");
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, "77");
  hc_connector_fixture_assert_field (e, "manager.id.nested", "1");
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, NULL);
  hc_connector_fixture_assert_field (e, "dtContractStart", "20140901");
  /* an unreadable end date: the safe reading is "no end", kept raw */
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, NULL);
  hc_connector_fixture_assert_field (e, "dtContractEnd", "soon");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  hc_connector_fixture_assert_field (e, "extendedData", "1, two, true");
  hc_connector_fixture_assert_field (e, "habilitedRoles.id", "59, 63");
  hc_connector_fixture_assert_field (e, "habilitedRoles.name", "Employee +, Analytics");
  hc_connector_fixture_assert_field (e, "score", "2.5");
  hc_connector_fixture_assert_field (e, "big", "3");
  hc_connector_fixture_assert_field (e, "nothing", NULL);
  hc_connector_fixture_assert_field (e, "empty", NULL);
  hc_connector_fixture_assert_field (e, "list", NULL);

  e = hc_connector_fixture_employee_at (employees, 4);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9004");
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, NULL);
  hc_connector_fixture_assert_field (e, "dtContractStart", "2014-02-30T00:00:00");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  e = hc_connector_fixture_employee_at (employees, 5);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9005");
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, "1999-05-01");
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, "2001-01-01");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);

  e = hc_connector_fixture_employee_at (employees, 6);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9006");
  hc_connector_fixture_assert_field (e, "extendedData.e_skip_sync", "yes");
  hc_connector_fixture_assert_field (e, "extendedData.e_nested.a", "1, 2");
  hc_connector_fixture_assert_field (e, "extendedData.e_none", NULL);
}

static void
test_record_without_id (void)
{
  const struct
  {
    const char *json;
    const char *says;
  } cases[] = {
    { "{\"firstName\":\"Nadia Noid\",\"mail\":\"nadia@fake-hris.example\"}", "without an id" },
    { "{\"id\":null,\"firstName\":\"Nadia Noid\"}", "without an id" },
    { "{\"id\":\"\",\"firstName\":\"Nadia Noid\"}", "without an id" },
    { "{\"id\":true,\"firstName\":\"Nadia Noid\"}", "neither a number nor text" },
    { "{\"id\":{\"value\":3},\"firstName\":\"Nadia Noid\"}", "neither a number nor text" },
    { "{\"id\":12.5,\"firstName\":\"Nadia Noid\"}", "neither a number nor text" },
    { "\"Nadia Noid\"", "not an object" },
    { "null", "not an object" },
  };

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) people = small_people ();
      g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
      g_autofree char *message = NULL;

      hc_fake_lucca_add_raw_user (fake, "{\"id\":9001}");
      hc_fake_lucca_add_raw_user (fake, cases[i].json);
      message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (message, "Lucca");
      hc_connector_test_assert_has (message, "/api/v3/users");
      /* five people, 9001, then the bad one */
      hc_connector_test_assert_has (message, "record 7 ");
      hc_connector_test_assert_has (message, cases[i].says);
      /* no personal data in the message */
      hc_connector_test_assert_lacks (message, "Nadia");
      hc_connector_test_assert_lacks (message, "nadia@");
    }
}

/* Cancellation */

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5000);
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_LUCCA_SECRET);
  HcFakeHris *server = hc_fake_lucca_get_server (fake);
  g_autoptr (GCancellable) before = g_cancellable_new ();
  g_autoptr (GCancellable) during = g_cancellable_new ();
  g_autoptr (GCancellable) between = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  HcConnectorFixtureProgress progress;
  gint64 start;
  guint before_count;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);

  /* cancelled before it starts */
  g_cancellable_cancel (before);
  g_assert_false (hc_connector_fixture_run_test_connection (connector, before, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  employees = hc_connector_fixture_run_fetch_full (connector, before, NULL, &error);
  g_assert_null (employees);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* while Lucca does not answer */
  hc_connector_fixture_use_policy ("connect=5,read=30,attempts=1,total=60,delay=10");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, NULL, 1);
  g_timeout_add (200, cancel_cb, during);
  start = g_get_monotonic_time ();
  employees = hc_connector_fixture_run_fetch_full (connector, during, NULL, &error);
  g_assert_null (employees);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* between two pages, from the progress callback */
  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  before_count = hc_fake_hris_count_requests (server, HC_FAKE_LUCCA_USERS_PATH);
  hc_connector_fixture_progress_init (&progress);
  progress.cancel_after_first = between;
  employees = hc_connector_fixture_run_fetch_full (connector, between, &progress, &error);
  g_assert_null (employees);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.messages->len, ==, 1);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_LUCCA_USERS_PATH), ==, before_count + 1);
  hc_connector_fixture_progress_clear (&progress);
}

/* Secrets */

static void
test_no_secret_leak (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakeLucca) fake = hc_fake_lucca_new (people);
  g_autoptr (HcConnector) good = connector_new (fake, HC_FAKE_LUCCA_SECRET);
  g_autoptr (HcConnector) wrong = connector_new (fake, WRONG_KEY);
  HcFakeHris *server = hc_fake_lucca_get_server (fake);
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *log = NULL;

  hc_connector_test_log_start ();

  /* 401 on both calls, the fake quoting the wrong key in its body */
  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_assert_false (hc_connector_fixture_run_test_connection (wrong, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_fixture_keep_message (messages, &error);
  employees = hc_connector_fixture_run_fetch (wrong, &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_fixture_keep_message (messages, &error);

  /* 500, 429 until the budget is spent, a timeout, a bad record */
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, NULL, 1);
  employees = hc_connector_fixture_run_fetch (good, &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  hc_connector_fixture_keep_message (messages, &error);

  hc_connector_fixture_use_policy ("connect=5,read=1,attempts=2,total=5,delay=10");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, NULL, 2);
  g_assert_false (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_RATE_LIMITED);
  hc_connector_fixture_keep_message (messages, &error);

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, NULL, 2);
  employees = hc_connector_fixture_run_fetch (good, &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  hc_connector_fixture_keep_message (messages, &error);

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_lucca_add_raw_user (fake, "{\"firstName\":\"" HC_FAKE_LUCCA_SECRET "\"}");
  employees = hc_connector_fixture_run_fetch (good, &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_fixture_keep_message (messages, &error);

  /* and a run that works */
  g_assert_true (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_no_error (error);

  log = hc_connector_test_log_stop ();
  if (g_test_verbose ())
    g_printerr ("%s", log);

  for (guint i = 0; i < messages->len; i++)
    {
      if (g_test_verbose ())
        g_printerr ("message: %s\n", (char *) g_ptr_array_index (messages, i));
      assert_no_secret (g_ptr_array_index (messages, i));
    }

  /* the log is there… */
  hc_connector_test_assert_has (log, "GET /api/v3/users");
  hc_connector_test_assert_has (log, "Authorization: " HC_HTTP_REDACTED);
  /* …without a key, and without the bodies (names of people) */
  assert_no_secret (log);
  hc_connector_test_assert_lacks (log, "application=");
  hc_connector_test_assert_lacks (log, "Zoé");
}

int
main (int   argc,
      char *argv[])
{
  hc_connector_fixture_init (&argc, &argv, "hc-lucca-connector", DEFAULT_POLICY);

  g_test_add_func ("/lucca/settings", test_settings);
  g_test_add_func ("/lucca/test-connection/ok", test_connection_ok);
  g_test_add_func ("/lucca/test-connection/wrong-secret", test_connection_wrong_secret);
  g_test_add_func ("/lucca/test-connection/bad-shape", test_connection_bad_shape);
  g_test_add_func ("/lucca/fetch/fields", test_fetch_fields);
  g_test_add_func ("/lucca/fetch/many-pages", test_fetch_many);
  g_test_add_func ("/lucca/fetch/odd-records", test_odd_records);
  g_test_add_func ("/lucca/fetch/record-without-id", test_record_without_id);
  g_test_add_func ("/lucca/fetch/bad-page-shape", test_bad_page_shape);
  g_test_add_func ("/lucca/errors/rate-limited-then-ok", test_rate_limited_then_ok);
  g_test_add_func ("/lucca/errors/rate-limited-exhausted", test_rate_limited_exhausted);
  g_test_add_func ("/lucca/errors/server-error", test_server_error);
  g_test_add_func ("/lucca/errors/timeout", test_timeout);
  g_test_add_func ("/lucca/errors/truncated-and-not-json", test_truncated_and_not_json);
  g_test_add_func ("/lucca/cancel", test_cancel);
  g_test_add_func ("/lucca/secrets/no-leak", test_no_secret_leak);

  return g_test_run ();
}
