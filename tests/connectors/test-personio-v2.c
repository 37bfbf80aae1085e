/* test-personio-v2.c — the Personio API v2 connector against its fake
 * company
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "config.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-personio-v2-connector.h"
#include "hc-fake-personio-v2.h"
#include "hc-connector-fixture.h"
#include "hc-connector-test.h"

#define WRONG_SECRET   "WRONG-personio-v2-secret-9999-also-fake"
#define DEFAULT_POLICY "connect=5,read=5,attempts=3,total=10,delay=10"

/* Helpers */

static void
assert_no_secret (const char *text)
{
  hc_connector_test_assert_lacks (text, HC_FAKE_PERSONIO_V2_SECRET);
  hc_connector_test_assert_lacks (text, HC_FAKE_PERSONIO_V2_TOKEN);
  hc_connector_test_assert_lacks (text, WRONG_SECRET);
}

static HcConnector *
connector_new (HcFakePersonioV2 *fake,
               const char       *secret)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector = hc_personio_v2_connector_new (hc_fake_personio_v2_get_base_url (fake), NULL,
                                                         HC_FAKE_PERSONIO_V2_CLIENT_ID, secret, &error);

  g_assert_no_error (error);
  g_assert_true (HC_IS_CONNECTOR (connector));
  return connector;
}

/* The employment lists asked: every request but the token's and the
 * persons' pages. */
static guint
count_employments (HcFakeHris *server)
{
  return hc_fake_hris_count_requests (server, NULL) -
         hc_fake_hris_count_requests (server, HC_FAKE_PERSONIO_V2_TOKEN_PATH) -
         hc_fake_hris_count_requests (server, HC_FAKE_PERSONIO_V2_PERSONS_PATH);
}

/* Fetches with @fake and expects an error; returns its message. */
static char *
fetch_expect_error (HcFakePersonioV2 *fake,
                    GQuark            domain,
                    int               code)
{
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_V2_SECRET);
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
  const char *bad_secrets[] = { NULL, "", " \n" };
  const char *bad_urls[] = { "ftp://api.personio.de", "http://api.personio.de/v2",
                             "https://" WRONG_SECRET "@api.personio.de/v2" };
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnector) connector = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_secrets); i++)
    {
      g_autoptr (HcConnector) c = hc_personio_v2_connector_new (NULL, NULL, HC_FAKE_PERSONIO_V2_CLIENT_ID,
                                                                bad_secrets[i], &error);

      g_assert_null (c);
      g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
      hc_connector_test_assert_has (error->message, "--secret-stdin");
      hc_connector_test_assert_has (error->message, "Personio");
      g_clear_error (&error);
    }
  {
    g_autoptr (HcConnector) c = hc_personio_v2_connector_new (NULL, NULL, " ", HC_FAKE_PERSONIO_V2_SECRET, &error);

    g_assert_null (c);
    g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
    hc_connector_test_assert_has (error->message, "--client-id");
    assert_no_secret (error->message);
    g_clear_error (&error);
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_autoptr (HcConnector) c = hc_personio_v2_connector_new (bad_urls[i], NULL, HC_FAKE_PERSONIO_V2_CLIENT_ID,
                                                                HC_FAKE_PERSONIO_V2_SECRET, &error);

      g_assert_null (c);
      g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
      hc_connector_test_assert_has (error->message, "--base-url");
      assert_no_secret (error->message);
      g_clear_error (&error);
    }

  connector = hc_personio_v2_connector_new (NULL, "ignored", HC_FAKE_PERSONIO_V2_CLIENT_ID,
                                            HC_FAKE_PERSONIO_V2_SECRET, &error);
  g_assert_no_error (error);
  g_assert_true (HC_IS_PERSONIO_V2_CONNECTOR (connector));
  g_assert_cmpstr (hc_connector_get_vendor_name (connector), ==, "Personio");
}

/* test_connection */

static void
test_connection (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
  g_autoptr (HcConnector) good = connector_new (fake, HC_FAKE_PERSONIO_V2_SECRET);
  g_autoptr (HcConnector) wrong = connector_new (fake, WRONG_SECRET);
  HcFakeHris *server = hc_fake_personio_v2_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *authorization = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  g_assert_true (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_no_error (error);
  log = hc_fake_hris_dup_request_log (server);
  g_assert_cmpstr (log, ==, "POST /v2/auth/token\nGET /v2/persons?limit=1\n");
  authorization = hc_fake_hris_dup_last_header (server, "Authorization");
  g_assert_cmpstr (authorization, ==, "Bearer " HC_FAKE_PERSONIO_V2_TOKEN);

  /* refused credentials (400 invalid_client): a credentials error, the
   * secret the fake quotes redacted, not retried */
  g_assert_false (hc_connector_fixture_run_test_connection (wrong, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "Personio");
  hc_connector_test_assert_has (error->message, "--client-id");
  hc_connector_test_assert_has (error->message, "400");
  assert_no_secret (error->message);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 3);
  g_clear_error (&error);

  /* a page of another shape */
  hc_fake_personio_v2_set_persons_body (fake, "{\"data\":[]}");
  g_assert_false (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  hc_connector_test_assert_has (error->message, "_data");
}

/* fetch_employees */

static void
test_fetch_fields (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_V2_SECRET);
  HcFakeHris *server = hc_fake_personio_v2_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) metadata = NULL;
  g_autofree char *in_30 = hc_connector_fixture_date_from_today (30);
  g_autofree char *ago_30 = hc_connector_fixture_date_from_today (-30);
  HcConnectorFixtureProgress progress = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (double)) };
  gboolean found = FALSE;
  HcEmployee *e;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  employees = hc_connector_fixture_run_fetch_full (connector, NULL, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5);

  /* the token, one page of persons, then each one's employments */
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_PERSONIO_V2_TOKEN_PATH), ==, 1);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_PERSONIO_V2_PERSONS_PATH), ==, 1);
  g_assert_cmpuint (count_employments (server), ==, 5);

  /* the count of persons, then the employments with a fraction */
  g_assert_cmpuint (progress.messages->len, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (progress.messages, 0), ==, "Fetched 5 employees from Personio");
  g_assert_cmpstr (g_ptr_array_index (progress.messages, progress.messages->len - 1), ==,
                   "Fetched 5 of 5 employees from Personio");
  g_assert_cmpfloat (g_array_index (progress.fractions, double, progress.fractions->len - 1), ==, 1.0);
  g_ptr_array_unref (progress.messages);
  g_array_unref (progress.fractions);

  e = hc_connector_fixture_employee_at (employees, 0);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "1");
  hc_connector_fixture_assert_field (e, HC_FIELD_FIRST_NAME, "Zoé");
  hc_connector_fixture_assert_field (e, HC_FIELD_LAST_NAME, "Lefèvre");
  hc_connector_fixture_assert_field (e, HC_FIELD_PREFERRED_NAME, "Zo");
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, "zoe.lefevre@fake-hris.example");
  hc_connector_fixture_assert_field (e, HC_FIELD_POSITION, "Chief Executive Officer");
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, "2015-03-02");
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, NULL);
  /* org units and offices come as ids only: no names invented */
  hc_connector_fixture_assert_field (e, HC_FIELD_DEPARTMENT, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_OFFICE, NULL);
  g_assert_nonnull (hc_employee_get_field (e, "employment.office.id"));
  hc_connector_fixture_assert_field (e, "employment.org_units.type", "department, team");
  hc_connector_fixture_assert_field (e, "employment.type", "INTERNAL");
  hc_connector_fixture_assert_field (e, "employment.weekly_working_hours", "40");
  hc_connector_fixture_assert_field (e, "gender", "UNSPECIFIED");
  /* the custom attribute, by id and by its label's slug */
  hc_connector_fixture_assert_field (e, "dynamic_1001", "CC-100");
  hc_connector_fixture_assert_field (e, "cost_center", "CC-100");
  g_assert_null (hc_employee_get_field (e, "_meta.links.employments.href"));
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  e = hc_connector_fixture_employee_at (employees, 1);
  hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, NULL);
  hc_connector_fixture_assert_field (e, HC_FIELD_POSITION, "Engineer");
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, "1");
  hc_connector_fixture_assert_field (e, HC_FIELD_HIRE_DATE, in_30);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  e = hc_connector_fixture_employee_at (employees, 2);
  hc_connector_fixture_assert_field (e, HC_FIELD_END_DATE, ago_30);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);

  e = hc_connector_fixture_employee_at (employees, 3);
  hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, "2");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_LEAVE);

  e = hc_connector_fixture_employee_at (employees, 4);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  /* the documented fields, and the custom attribute seen, with its label */
  metadata = hc_connector_dup_field_metadata (connector);
  for (guint i = 0; i < metadata->len; i++)
    {
      HcFieldInfo *info = g_ptr_array_index (metadata, i);

      if (g_str_equal (info->name, "dynamic_1001"))
        {
          g_assert_cmpstr (info->label, ==, "Cost center");
          g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_TEXT);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* Statuses from the employment, else the person, else the dates. */
static void
test_statuses (void)
{
  g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (NULL);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_V2_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  /* raw persons have no employment to ask for: the person's status */
  hc_fake_personio_v2_add_raw_person (fake, "{\"id\":\"10\",\"status\":\"ACTIVE\",\"employments\":[]}");
  hc_fake_personio_v2_add_raw_person (fake, "{\"id\":\"11\",\"status\":\"INACTIVE\"}");
  hc_fake_personio_v2_add_raw_person (fake, "{\"id\":\"12\",\"status\":\"UNSPECIFIED\"}");
  hc_fake_personio_v2_add_raw_person (fake, "{\"id\":12345}");
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 4);
  g_assert_cmpint (hc_employee_get_status (hc_connector_fixture_employee_at (employees, 0)), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  g_assert_cmpint (hc_employee_get_status (hc_connector_fixture_employee_at (employees, 1)), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  g_assert_cmpint (hc_employee_get_status (hc_connector_fixture_employee_at (employees, 2)), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  g_assert_cmpstr (hc_employee_get_id (hc_connector_fixture_employee_at (employees, 3)), ==, "12345");
  /* no employment asked: none listed */
  g_assert_cmpuint (count_employments (hc_fake_personio_v2_get_server (fake)), ==, 0);
}

/* Persons as a credential without whitelisted attributes sees them: ids
 * only, the employment still gives status and manager. */
static void
test_sparse (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_V2_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_personio_v2_set_sparse (fake, TRUE);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5);
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, 0), HC_FIELD_FIRST_NAME, NULL);
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, 0), HC_FIELD_EMAIL, NULL);
  hc_connector_fixture_assert_field (hc_connector_fixture_employee_at (employees, 3), HC_FIELD_MANAGER_ID, "2");
  g_assert_cmpint (hc_employee_get_status (hc_connector_fixture_employee_at (employees, 3)), ==, HC_EMPLOYEE_STATUS_LEAVE);
}

static void
test_fetch_many (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (120);
  g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_V2_SECRET);
  HcFakeHris *server = hc_fake_personio_v2_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 120);
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = hc_connector_fixture_employee_at (employees, i);
      HcFakePerson *p = g_ptr_array_index (people, i);

      g_assert_cmpstr (hc_employee_get_id (e), ==, p->id);
      hc_connector_fixture_assert_field (e, HC_FIELD_EMAIL, p->email);
      hc_connector_fixture_assert_field (e, HC_FIELD_MANAGER_ID, p->manager_id);
      hc_connector_fixture_assert_field (e, HC_FIELD_POSITION, p->position);
      if (g_str_equal (p->status, "inactive"))
        g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
    }
  /* 50, 50 and 20, following the next links; one employments list each */
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_PERSONIO_V2_PERSONS_PATH), ==, 3);
  g_assert_cmpuint (count_employments (server), ==, 120);
  g_clear_pointer (&employees, g_ptr_array_unref);

  /* an empty company is one empty page */
  hc_fake_personio_v2_set_people (fake, NULL);
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 0);
}

/* A next link that comes back: an error, never an endless loop. */
static void
test_endless (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (120);
  g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
  HcFakeHris *server = hc_fake_personio_v2_get_server (fake);
  g_autofree char *message = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_personio_v2_set_repeat_cursor (fake, TRUE);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_FAILED);
  hc_connector_test_assert_has (message, "Personio");
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_PERSONIO_V2_PERSONS_PATH), <=, 4);
}

static void
test_bad_pages (void)
{
  const char *bodies[] = {
    "{\"_data\":{\"id\":\"1\"}}",
    "{\"data\":[{\"id\":\"1\"}]}",
    "{\"_data\":null}",
    "[]",
  };
  const struct { const char *json; const char *says; } records[] = {
    { "{\"first_name\":\"Nadia\",\"email\":\"nadia@fake-hris.example\"}", "without an id" },
    { "{\"id\":\"\",\"first_name\":\"Nadia\"}", "without an id" },
    { "{\"id\":true,\"first_name\":\"Nadia\"}", "without an id" },
    { "\"Nadia\"", "not an object" },
  };

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (NULL);
      g_autofree char *message = NULL;

      hc_fake_personio_v2_set_persons_body (fake, bodies[i]);
      message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (message, "Personio");
    }
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
      g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
      g_autofree char *message = NULL;

      hc_fake_personio_v2_add_raw_person (fake, records[i].json);
      message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (message, "record 6 ");
      hc_connector_test_assert_has (message, records[i].says);
      hc_connector_test_assert_lacks (message, "Nadia");
      hc_connector_test_assert_lacks (message, "nadia@");
    }

  /* employments of another shape: the whole fetch fails */
  {
    g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
    g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
    g_autofree char *message = NULL;

    hc_fake_personio_v2_set_employments_body (fake, "{\"employments\":[]}");
    message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
    hc_connector_test_assert_has (message, "employments");
  }

  /* a page cut in the middle, and a sign-in page instead of JSON */
  {
    g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
    g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
    HcFakeHris *server = hc_fake_personio_v2_get_server (fake);
    g_autofree char *truncated = NULL;
    g_autofree char *html = NULL;

    hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TRUNCATED, HC_FAKE_PERSONIO_V2_PERSONS_PATH, 1);
    truncated = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
    hc_connector_test_assert_has (truncated, "Personio");
    hc_fake_hris_set_fault (server, HC_FAKE_FAULT_NOT_JSON, HC_FAKE_PERSONIO_V2_PERSONS_PATH "/3/", 1);
    html = fetch_expect_error (fake, HC_ERROR, HC_ERROR_PARSE);
    hc_connector_test_assert_has (html, "Personio");
  }
}

/* Errors */

static void
test_unauthorized (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
  HcFakeHris *server = hc_fake_personio_v2_get_server (fake);
  g_autoptr (HcConnector) wrong = connector_new (fake, WRONG_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *message = NULL;

  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  employees = hc_connector_fixture_run_fetch (wrong, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "Personio");
  assert_no_secret (error->message);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, NULL), ==, 1);

  /* the token refused on the list: 401, named, not retried */
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_UNAUTHORIZED, HC_FAKE_PERSONIO_V2_PERSONS_PATH, 1);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (message, "401");
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_PERSONIO_V2_PERSONS_PATH), ==, 1);
}

static void
test_rate_limited (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_V2_SECRET);
  HcFakeHris *server = hc_fake_personio_v2_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *message = NULL;
  gint64 start;

  /* one 429 on an employments list, then the rest: Retry-After honoured */
  hc_connector_fixture_use_policy (DEFAULT_POLICY);
  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, HC_FAKE_PERSONIO_V2_PERSONS_PATH "/2/", 1);
  start = g_get_monotonic_time ();
  employees = hc_connector_fixture_run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5);
  g_assert_cmpint (hc_employee_get_status (hc_connector_fixture_employee_at (employees, 1)), ==, HC_EMPLOYEE_STATUS_ONBOARDING);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_PERSONIO_V2_PERSONS_PATH "/2/employments"), ==, 2);

  /* 429 until the attempts run out */
  hc_connector_fixture_use_policy ("connect=5,read=5,attempts=2,total=5,delay=10");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, HC_FAKE_PERSONIO_V2_PERSONS_PATH, 0);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_RATE_LIMITED);
  hc_connector_test_assert_has (message, "Personio");
  hc_connector_test_assert_has (message, "429");
}

static void
test_timeout (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
  HcFakeHris *server = hc_fake_personio_v2_get_server (fake);
  g_autofree char *message = NULL;

  hc_connector_fixture_use_policy ("connect=2,read=1,attempts=1,total=5,delay=10");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, HC_FAKE_PERSONIO_V2_PERSONS_PATH "/4/", 1);
  message = fetch_expect_error (fake, HC_ERROR, HC_ERROR_NETWORK);
  hc_connector_test_assert_has (message, "Personio");
  hc_connector_fixture_use_policy (DEFAULT_POLICY);
}

/* Secrets */

static void
test_no_secret_leak (void)
{
  g_autoptr (GPtrArray) people = hc_connector_fixture_small_people ();
  g_autoptr (HcFakePersonioV2) fake = hc_fake_personio_v2_new (people);
  g_autoptr (HcConnector) good = connector_new (fake, HC_FAKE_PERSONIO_V2_SECRET);
  g_autoptr (HcConnector) wrong = connector_new (fake, WRONG_SECRET);
  HcFakeHris *server = hc_fake_personio_v2_get_server (fake);
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

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_UNAUTHORIZED, HC_FAKE_PERSONIO_V2_PERSONS_PATH, 1);
  employees = hc_connector_fixture_run_fetch (good, &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_fixture_keep_message (messages, &error);

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, NULL, 1);
  employees = hc_connector_fixture_run_fetch (good, &error);
  g_assert_nonnull (error);
  hc_connector_fixture_keep_message (messages, &error);

  g_assert_true (hc_connector_fixture_run_test_connection (good, NULL, &error));
  g_assert_no_error (error);
  employees = hc_connector_fixture_run_fetch (good, &error);
  g_assert_no_error (error);

  log = hc_connector_test_log_stop ();
  for (guint i = 0; i < messages->len; i++)
    assert_no_secret (g_ptr_array_index (messages, i));

  hc_connector_test_assert_has (log, "GET /v2/persons");
  hc_connector_test_assert_has (log, "Authorization: " HC_HTTP_REDACTED);
  assert_no_secret (log);
  hc_connector_test_assert_lacks (log, "Zoé");
}

int
main (int   argc,
      char *argv[])
{
  hc_connector_fixture_init (&argc, &argv, "hc-personio-v2-connector", DEFAULT_POLICY);

  g_test_add_func ("/personio-v2/settings", test_settings);
  g_test_add_func ("/personio-v2/test-connection", test_connection);
  g_test_add_func ("/personio-v2/fetch/fields", test_fetch_fields);
  g_test_add_func ("/personio-v2/fetch/statuses", test_statuses);
  g_test_add_func ("/personio-v2/fetch/sparse", test_sparse);
  g_test_add_func ("/personio-v2/fetch/pages", test_fetch_many);
  g_test_add_func ("/personio-v2/fetch/endless", test_endless);
  g_test_add_func ("/personio-v2/fetch/bad-pages", test_bad_pages);
  g_test_add_func ("/personio-v2/errors/unauthorized", test_unauthorized);
  g_test_add_func ("/personio-v2/errors/rate-limited", test_rate_limited);
  g_test_add_func ("/personio-v2/errors/timeout", test_timeout);
  g_test_add_func ("/personio-v2/secrets/no-leak", test_no_secret_leak);

  return g_test_run ();
}
