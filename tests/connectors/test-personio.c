/* test-personio.c — the Personio connector against its fake server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <malloc.h>
#include <string.h>

#include "config.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-fake-personio.h"
#include "hc-personio-connector.h"
#include "hc-connector-test.h"

#define EMPLOYEES "/v1/company/employees"
#define AUTH      "/v1/auth"

/* Secrets, in every form they could leak in */
static void
assert_no_secret (const char *text)
{
  g_autofree char *escaped_secret = g_uri_escape_string (HC_FAKE_PERSONIO_SECRET, NULL, FALSE);
  g_autofree char *escaped_token = g_uri_escape_string (HC_FAKE_PERSONIO_TOKEN, NULL, FALSE);

  g_assert_nonnull (text);
  g_assert_null (strstr (text, HC_FAKE_PERSONIO_SECRET));
  g_assert_null (strstr (text, escaped_secret));
  g_assert_null (strstr (text, HC_FAKE_PERSONIO_TOKEN));
  g_assert_null (strstr (text, escaped_token));
  /* a part long enough to identify them */
  g_assert_null (strstr (text, "SECRET-2f9c4e1a7b"));
  g_assert_null (strstr (text, "TOKEN-77e1d0c3b2a1f0e9"));
}

static void
assert_message_has (const GError *error,
                    const char   *part)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” not in the message “%s”", part, error->message);
}

/* Running the async calls */

typedef struct
{
  GPtrArray    *messages;    /* char* */
  GArray       *fractions;   /* double */
  GCancellable *cancel;      /* cancelled at the first "Fetched" message */
} Progress;

static void
progress_init (Progress *p)
{
  p->messages = g_ptr_array_new_with_free_func (g_free);
  p->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  p->cancel = NULL;
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

  g_assert_true (fraction < 0 || (fraction >= 0 && fraction <= 1.0));
  g_ptr_array_add (p->messages, g_strdup (message));
  g_array_append_val (p->fractions, fraction);
  if (p->cancel != NULL && message != NULL && g_str_has_prefix (message, "Fetched"))
    g_cancellable_cancel (p->cancel);
}

static GPtrArray *
fetch (HcConnector  *connector,
       GCancellable *cancellable,
       Progress     *progress,
       GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_connector_fetch_employees_async (connector, progress ? progress_cb : NULL, progress,
                                      cancellable, hc_connector_test_store_result_cb, &result);
  hc_connector_test_wait (&result);
  return hc_connector_fetch_employees_finish (connector, result, error);
}

static gboolean
test_connection (HcConnector *connector,
                 GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_connector_test_connection_async (connector, NULL, hc_connector_test_store_result_cb, &result);
  hc_connector_test_wait (&result);
  return hc_connector_test_connection_finish (connector, result, error);
}

static HcConnector *
connector_new (HcFakePersonio *fake,
               const char     *secret)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector;

  connector = hc_personio_connector_new (hc_fake_personio_get_base_url (fake), NULL,
                                         HC_FAKE_PERSONIO_CLIENT_ID, secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connector);
  return connector;
}

/* A fetch that must fail: the error, checked for secrets. */
static GError *
fetch_error (HcFakePersonio *fake)
{
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  g_autoptr (GPtrArray) employees = NULL;
  GError *error = NULL;

  employees = fetch (connector, NULL, NULL, &error);
  g_assert_null (employees);
  g_assert_nonnull (error);
  assert_no_secret (error->message);
  return error;
}

static guint
count_substring (const char *text,
                 const char *part)
{
  guint n = 0;

  for (const char *p = strstr (text, part); p != NULL; p = strstr (p + 1, part))
    n++;
  return n;
}

/* Settings */

static void
test_config (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnector) connector = NULL;
  static const char * const bad_urls[] = {
    "ftp://api.personio.de/v1",
    "http://api.personio.de/v1",
    "not a url",
    "https://user:hunter2pass@api.personio.de/v1",
    "https://api.personio.de/v1?x=1",
  };

  connector = hc_personio_connector_new (NULL, NULL, NULL, HC_FAKE_PERSONIO_SECRET, &error);
  g_assert_null (connector);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  assert_message_has (error, "--client-id");
  assert_message_has (error, "Personio");
  g_clear_error (&error);

  connector = hc_personio_connector_new (NULL, NULL, "  ", HC_FAKE_PERSONIO_SECRET, &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  assert_message_has (error, "--client-id");
  g_clear_error (&error);

  connector = hc_personio_connector_new (NULL, NULL, HC_FAKE_PERSONIO_CLIENT_ID, NULL, &error);
  g_assert_null (connector);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  assert_message_has (error, "--secret-stdin");
  g_clear_error (&error);

  connector = hc_personio_connector_new (NULL, NULL, HC_FAKE_PERSONIO_CLIENT_ID, "", &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  assert_message_has (error, "--secret-stdin");
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      connector = hc_personio_connector_new (bad_urls[i], NULL, HC_FAKE_PERSONIO_CLIENT_ID,
                                             HC_FAKE_PERSONIO_SECRET, &error);
      g_assert_null (connector);
      g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
      assert_message_has (error, "--base-url");
      g_assert_null (strstr (error->message, "hunter2pass"));
      assert_no_secret (error->message);
      g_clear_error (&error);
    }

  /* the default base URL; the subdomain is ignored */
  connector = hc_personio_connector_new (NULL, NULL, HC_FAKE_PERSONIO_CLIENT_ID,
                                         HC_FAKE_PERSONIO_SECRET, &error);
  g_assert_no_error (error);
  g_assert_true (HC_IS_PERSONIO_CONNECTOR (connector));
  g_assert_cmpstr (hc_connector_get_vendor_name (connector), ==, "Personio");
  g_clear_object (&connector);

  connector = hc_personio_connector_new ("", "acme", HC_FAKE_PERSONIO_CLIENT_ID,
                                         HC_FAKE_PERSONIO_SECRET, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connector);
  g_clear_object (&connector);

  connector = hc_personio_connector_new ("https://api.personio.de/v1/", "", HC_FAKE_PERSONIO_CLIENT_ID,
                                         HC_FAKE_PERSONIO_SECRET, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connector);
}

/* test_connection */

static void
test_connection_ok (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (30);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  HcFakeHris *server = hc_fake_personio_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *app_id = NULL;
  g_autofree char *partner_id = NULL;

  g_assert_true (test_connection (connector, &error));
  g_assert_no_error (error);

  log = hc_fake_hris_dup_request_log (server);
  g_assert_cmpstr (log, ==,
                   "POST " AUTH "\n"
                   "GET " EMPLOYEES "?limit=1&offset=0\n");
  app_id = hc_fake_hris_dup_last_header (server, "X-Personio-App-ID");
  partner_id = hc_fake_hris_dup_last_header (server, "X-Personio-Partner-ID");
  g_assert_cmpstr (app_id, ==, "HEADCOUNT");
  g_assert_cmpstr (partner_id, ==, "HEADCOUNT");
}

static void
test_connection_wrong_secret (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, "wrong-" HC_FAKE_PERSONIO_SECRET);
  g_autoptr (HcConnector) other_id = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (test_connection (connector, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  assert_message_has (error, "Personio");
  assert_message_has (error, "401");
  assert_message_has (error, AUTH);
  assert_no_secret (error->message);
  g_clear_error (&error);
  /* nothing asked with a token that was never issued */
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_personio_get_server (fake), EMPLOYEES), ==, 0);

  other_id = hc_personio_connector_new (hc_fake_personio_get_base_url (fake), NULL,
                                        "papi-someone-else", HC_FAKE_PERSONIO_SECRET, &error);
  g_assert_no_error (error);
  g_assert_false (test_connection (other_id, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  assert_no_secret (error->message);
}

/* The employees list is read, not just reached: an unusable first record
 * shows at once. */
static void
test_connection_bad_record (void)
{
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (NULL);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  g_autoptr (GError) error = NULL;

  hc_fake_personio_add_raw_employee (fake,
                                     "{\"type\":\"Employee\",\"attributes\":{\"id\":{\"label\":\"ID\",\"value\":77,\"type\":\"integer\",\"universal_id\":\"id\"}}}");
  g_assert_false (test_connection (connector, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  assert_message_has (error, "status");
  assert_message_has (error, "ID 77");
  g_clear_error (&error);

  hc_fake_personio_set_employees_body (fake, "{\"success\":true,\"data\":{}}");
  g_assert_false (test_connection (connector, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  assert_message_has (error, EMPLOYEES);
  g_clear_error (&error);

  /* an empty company is a working connection */
  hc_fake_personio_set_employees_body (fake, "{\"success\":true,\"metadata\":{\"total_elements\":0},\"data\":[]}");
  g_assert_true (test_connection (connector, &error));
  g_assert_no_error (error);
}

/* Fetching */

static void
assert_employee_matches (HcEmployee   *e,
                         HcFakePerson *p,
                         GPtrArray    *people)
{
  HcEmployeeStatus status;
  HcFakePerson *manager = p->manager_id ? hc_fake_people_find (people, p->manager_id) : NULL;
  g_autofree char *raw_end = p->end_date ? g_strconcat (p->end_date, "T00:00:00+01:00", NULL) : NULL;
  g_autofree char *raw_hire = p->hire_date ? g_strconcat (p->hire_date, "T00:00:00+01:00", NULL) : NULL;

  g_assert_cmpstr (hc_employee_get_id (e), ==, p->id);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_FIRST_NAME), ==, p->first_name);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_LAST_NAME), ==, p->last_name);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_PREFERRED_NAME), ==, p->preferred_name);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_EMAIL), ==, p->email);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_POSITION), ==, p->position);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_DEPARTMENT), ==, p->department);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_TEAM), ==, p->team);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_OFFICE), ==, p->office);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_MANAGER_ID), ==, p->manager_id);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_HIRE_DATE), ==, p->hire_date);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_END_DATE), ==, p->end_date);

  g_assert_true (hc_employee_status_from_string (p->status, &status));
  g_assert_cmpint (hc_employee_get_status (e), ==, status);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_STATUS), ==, p->status);
  g_assert_cmpstr (hc_employee_get_field (e, HC_PERSONIO_FIELD_STATUS_RAW), ==, p->status);

  /* custom attributes, by key and by label */
  g_assert_cmpstr (hc_employee_get_field (e, HC_FAKE_PERSONIO_SKIP_SYNC_KEY), ==, p->skip_sync ? "true" : "false");
  g_assert_cmpstr (hc_employee_get_field (e, "skip_sync"), ==, p->skip_sync ? "true" : "false");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FAKE_PERSONIO_COST_CENTER_KEY), ==, p->cost_center);
  g_assert_cmpstr (hc_employee_get_field (e, "cost_center"), ==, p->cost_center);

  /* raw attributes, flattened */
  g_assert_cmpstr (hc_employee_get_field (e, "employment_type"), ==, "internal");
  g_assert_cmpstr (hc_employee_get_field (e, "weekly_working_hours"), ==, "40");
  g_assert_cmpstr (hc_employee_get_field (e, "weekly_hours"), ==, "40");
  g_assert_cmpstr (hc_employee_get_field (e, "name_preferred"), ==, p->preferred_name);
  g_assert_cmpstr (hc_employee_get_field (e, "fix_salary"), ==, "4250.5");
  g_assert_cmpstr (hc_employee_get_field (e, "fix_salary.currency"), ==, "EUR");
  /* an attribute's label, type and universal id are no fields of their own */
  g_assert_null (hc_employee_get_field (e, "fix_salary.universal_id"));
  g_assert_null (hc_employee_get_field (e, "fix_salary.type"));
  g_assert_null (hc_employee_get_field (e, "fix_salary.label"));
  g_assert_cmpstr (hc_employee_get_field (e, "termination_date"), ==, raw_end);
  g_assert_null (hc_employee_get_field (e, "contract_end_date"));
  g_assert_null (hc_employee_get_field (e, "termination_type"));
  g_assert_cmpstr (hc_employee_get_field (e, "department.name"), ==, p->department);
  g_assert_cmpstr (hc_employee_get_field (e, "office.name"), ==, p->office);
  g_assert_cmpstr (hc_employee_get_field (e, "team.name"), ==, p->team);
  g_assert_nonnull (hc_employee_get_field (e, "department.id"));
  g_assert_nonnull (hc_employee_get_field (e, "office.id"));
  g_assert_null (hc_employee_get_field (e, "department.type"));
  g_assert_cmpstr (hc_employee_get_field (e, "cost_centers.name"), ==, p->cost_center);
  g_assert_cmpstr (hc_employee_get_field (e, "cost_centers.percentage"), ==, "100");
  g_assert_cmpstr (hc_employee_get_field (e, "cost_center.name"), ==, p->cost_center);
  g_assert_cmpstr (hc_employee_get_field (e, "supervisor.id"), ==, p->manager_id);
  g_assert_cmpstr (hc_employee_get_field (e, "supervisor.first_name"), ==, manager ? manager->first_name : NULL);
  g_assert_cmpstr (hc_employee_get_field (e, "supervisor.email"), ==, manager ? manager->email : NULL);
  /* the standard names hold normalised values, the raw one is not kept */
  g_assert_cmpstr (hc_employee_get_field (e, "hire_date"), !=, raw_hire);
}

static void
test_fetch_small (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (60);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  guint seen[4] = { 0 };
  guint no_email = 0, no_manager = 0, no_team = 0, skipped = 0, preferred = 0, ended = 0;
  Progress progress;

  progress_init (&progress);
  employees = fetch (connector, NULL, &progress, &error);
  g_assert_no_error (error);
  g_assert_nonnull (employees);
  g_assert_cmpuint (employees->len, ==, people->len);

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      HcFakePerson *p = g_ptr_array_index (people, i);

      assert_employee_matches (e, p, people);
      seen[hc_employee_get_status (e)]++;
      no_email += p->email == NULL;
      no_manager += p->manager_id == NULL;
      no_team += p->team == NULL;
      skipped += p->skip_sync;
      preferred += p->preferred_name != NULL;
      ended += p->end_date != NULL;
    }

  /* the population covers what the assertions above check */
  for (guint s = 0; s < G_N_ELEMENTS (seen); s++)
    g_assert_cmpuint (seen[s], >, 0);
  g_assert_cmpuint (no_email, >, 0);
  g_assert_cmpuint (no_manager, ==, 1);
  g_assert_cmpuint (no_team, >, 0);
  g_assert_cmpuint (skipped, >, 0);
  g_assert_cmpuint (preferred, >, 0);
  g_assert_cmpuint (ended, >, 0);

  /* names with accents, as sent */
  g_assert_cmpstr (hc_employee_get_first_name (g_ptr_array_index (employees, 0)), ==, "Zoé");
  g_assert_cmpstr (hc_employee_get_last_name (g_ptr_array_index (employees, 0)), ==, "Lefèvre");
  g_assert_cmpstr (hc_employee_get_first_name (g_ptr_array_index (employees, 2)), ==, "Søren");
  g_assert_null (hc_employee_get_manager_id (g_ptr_array_index (employees, 0)));

  /* one page, one sign-in */
  log = hc_fake_hris_dup_request_log (hc_fake_personio_get_server (fake));
  g_assert_cmpstr (log, ==, "POST " AUTH "\nGET " EMPLOYEES "?limit=100&offset=0\n");

  g_assert_cmpuint (progress.messages->len, >=, 2);
  g_assert_cmpfloat (g_array_index (progress.fractions, double, progress.fractions->len - 1), ==, 1.0);
  g_assert_cmpstr (g_ptr_array_index (progress.messages, progress.messages->len - 1), ==,
                   "Fetched 60 employees from Personio");
  g_assert_true (g_ptr_array_find_with_equal_func (progress.messages, "Fetched 60 of 60 employees from Personio",
                                                   g_str_equal, NULL));
  progress_clear (&progress);
}

static void
test_fetch_many_pages (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5000);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *log = NULL;
  g_autofree char *first = g_strdup_printf ("Fetched %'u of %'u employees from Personio", 100, 5000);
  g_autofree char *last = g_strdup_printf ("Fetched %'u of %'u employees from Personio", 5000, 5000);
  double previous = 0;
  Progress progress;

  progress_init (&progress);
  employees = fetch (connector, NULL, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5000);

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      HcFakePerson *p = g_ptr_array_index (people, i);

      g_assert_cmpstr (hc_employee_get_id (e), ==, p->id);
      g_assert_true (g_hash_table_add (ids, (gpointer) hc_employee_get_id (e)));
    }
  assert_employee_matches (g_ptr_array_index (employees, 4321), g_ptr_array_index (people, 4321), people);

  /* limit and offset, 100 at a time, until the empty page */
  log = hc_fake_hris_dup_request_log (hc_fake_personio_get_server (fake));
  g_assert_cmpuint (count_substring (log, "POST " AUTH "\n"), ==, 1);
  g_assert_cmpuint (count_substring (log, "GET " EMPLOYEES "?"), ==, 51);
  for (guint offset = 0; offset <= 5000; offset += 100)
    {
      g_autofree char *line = g_strdup_printf ("GET " EMPLOYEES "?limit=100&offset=%u\n", offset);

      g_assert_nonnull (strstr (log, line));
    }
  g_assert_null (strstr (log, "offset=5100"));

  /* progress: from the metadata total, never backwards */
  g_assert_true (g_ptr_array_find_with_equal_func (progress.messages, first, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (progress.messages, last, g_str_equal, NULL));
  for (guint i = 0; i < progress.fractions->len; i++)
    {
      double f = g_array_index (progress.fractions, double, i);

      if (f < 0)
        continue;
      g_assert_cmpfloat (f, >=, previous);
      previous = f;
    }
  g_assert_cmpfloat (previous, ==, 1.0);
  g_assert_cmpfloat (g_array_index (progress.fractions, double, 1), ==, 0.02);
  progress_clear (&progress);
}

/* The bytes the process holds on its heap, every arena counted. */
static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks;
}

/* Mapping keeps nothing per employee once the list is freed: 5,000
 * employees leaking a status word each would leave 5,000 blocks (160 KB)
 * behind on every fetch, far above what the HTTP session and the fake keep
 * (20 to 50 KB).
 * The smallest growth of three fetches counts, so that a cache filled once
 * does not. */
static void
test_fetch_no_leak (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5000);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  gssize least = G_MAXSSIZE;
  gsize before = 0;

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
      g_autoptr (GPtrArray) employees = NULL;
      g_autoptr (GError) error = NULL;

      employees = fetch (connector, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (employees->len, ==, 5000);
      g_clear_pointer (&employees, g_ptr_array_unref);
      g_clear_object (&connector);

      malloc_trim (0);
      if (round > 0)
        {
          gssize growth = (gssize) heap_in_use () - (gssize) before;

          g_test_message ("heap growth over fetch %u: %" G_GSSIZE_FORMAT " bytes", round + 1, growth);
          least = MIN (least, growth);
        }
      before = heap_in_use ();
    }
  g_assert_cmpint (least, <, 5000 * 20);
}

/* Personio's totals are not reliable: a short page ends the list whatever
 * they say. */
static void
test_fetch_unreliable_total (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (150);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  HcFakeHris *server = hc_fake_personio_get_server (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  Progress progress;

  /* more than there are */
  hc_fake_personio_set_total_elements (fake, 10000);
  employees = fetch (connector, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 150);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, EMPLOYEES), ==, 2);
  g_clear_pointer (&employees, g_ptr_array_unref);

  /* fewer than there are, as in the spec's example: all are read anyway */
  hc_fake_personio_set_total_elements (fake, 2);
  progress_init (&progress);
  employees = fetch (connector, NULL, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 150);
  g_assert_cmpstr (hc_employee_get_id (g_ptr_array_index (employees, 149)), ==, "1149");
  g_assert_true (g_ptr_array_find_with_equal_func (progress.messages, "Fetched 100 employees from Personio",
                                                   g_str_equal, NULL));
  g_assert_cmpfloat (g_array_index (progress.fractions, double, 1), <, 0);
  progress_clear (&progress);
}

/* A server that ignores offset: the fetch fails rather than return 100
 * employees twice or stop at the first page. */
static void
test_fetch_repeated_page (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (250);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (GError) error = NULL;

  hc_fake_personio_set_ignore_offset (fake, TRUE);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  assert_message_has (error, "Personio");
  assert_message_has (error, EMPLOYEES);
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_personio_get_server (fake), EMPLOYEES), ==, 2);
}

static void
test_fetch_retry_after (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (20);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  HcFakeHris *server = hc_fake_personio_get_server (fake);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  g_setenv ("HEADCOUNT_HTTP_POLICY", "attempts=3,total=10,delay=10", TRUE);
  connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, EMPLOYEES, 1);

  start = g_get_monotonic_time ();
  employees = fetch (connector, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 20);
  /* Retry-After was honoured */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, EMPLOYEES), ==, 2);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, AUTH), ==, 1);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");
}

static void
test_fetch_rate_limited (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (20);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  HcFakeHris *server = hc_fake_personio_get_server (fake);
  g_autoptr (GError) error = NULL;

  g_setenv ("HEADCOUNT_HTTP_POLICY", "attempts=2,total=5,delay=10", TRUE);
  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, EMPLOYEES, 0);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_RATE_LIMITED);
  assert_message_has (error, "Personio");
  assert_message_has (error, "429");
  g_assert_cmpuint (hc_fake_hris_count_requests (server, EMPLOYEES), ==, 2);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");
}

static void
test_fetch_server_error (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (20);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  HcFakeHris *server = hc_fake_personio_get_server (fake);
  g_autoptr (GError) error = NULL;

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, EMPLOYEES, 0);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  assert_message_has (error, "Personio");
  assert_message_has (error, "500");
  assert_message_has (error, EMPLOYEES);
  /* not retried */
  g_assert_cmpuint (hc_fake_hris_count_requests (server, EMPLOYEES), ==, 1);
}

static void
test_fetch_timeout (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (20);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  HcFakeHris *server = hc_fake_personio_get_server (fake);
  g_autoptr (GError) error = NULL;

  g_setenv ("HEADCOUNT_HTTP_POLICY", "read=1,attempts=1,total=5,delay=10", TRUE);
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, EMPLOYEES, 0);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  assert_message_has (error, "Personio");
  g_clear_error (&error);

  /* the sign-in too */
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, AUTH, 0);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  assert_message_has (error, AUTH);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");
}

static void
test_fetch_bad_bodies (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (20);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  HcFakeHris *server = hc_fake_personio_get_server (fake);
  g_autoptr (GError) error = NULL;

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TRUNCATED, EMPLOYEES, 1);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  assert_message_has (error, "Personio");
  g_clear_error (&error);

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_NOT_JSON, EMPLOYEES, 1);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  assert_message_has (error, EMPLOYEES);
  g_clear_error (&error);

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_NOT_JSON, AUTH, 1);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  assert_message_has (error, AUTH);
  g_clear_error (&error);

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TRUNCATED, AUTH, 1);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_clear_error (&error);

  /* the token rejected after the sign-in */
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_UNAUTHORIZED, EMPLOYEES, 1);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  assert_message_has (error, "401");
  assert_message_has (error, EMPLOYEES);
}

/* Pages and sign-in answers of the wrong shape */
static void
test_fetch_bad_shapes (void)
{
  static const char * const pages[] = {
    "{\"success\":true,\"data\":{}}",
    "{\"success\":true}",
    "{\"success\":true,\"data\":\"none\"}",
    "[]",
    "{\"success\":true,\"data\":[3]}",
    "{\"success\":true,\"data\":[{\"type\":\"Employee\"}]}",
    "{\"success\":true,\"data\":[{\"type\":\"Employee\",\"attributes\":[]}]}",
  };
  static const char * const tokens[] = {
    "{\"success\":true,\"data\":{}}",
    "{\"success\":true,\"data\":{\"token\":42}}",
    "{\"success\":true,\"data\":{\"token\":\"\"}}",
    "{\"success\":true,\"data\":{\"token\":\"two words\"}}",
    "{\"success\":true,\"data\":\"papi-token\"}",
    "[\"papi-token\"]",
  };
  g_autoptr (GPtrArray) people = hc_fake_people_new (5);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      hc_fake_personio_set_employees_body (fake, pages[i]);
      error = fetch_error (fake);
      g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
      assert_message_has (error, "Personio");
      assert_message_has (error, EMPLOYEES);
      g_clear_error (&error);
    }

  /* no employees at all is a list */
  hc_fake_personio_set_employees_body (fake, "{\"success\":true,\"metadata\":{\"total_elements\":0},\"data\":[]}");
  employees = fetch (connector, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 0);
  hc_fake_personio_set_employees_body (fake, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      hc_fake_personio_set_auth_body (fake, tokens[i]);
      error = fetch_error (fake);
      g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
      assert_message_has (error, AUTH);
      g_clear_error (&error);
    }

  hc_fake_personio_set_auth_body (fake, "{\"success\":false,\"error\":{\"code\":0,\"message\":\"Access denied\"}}");
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  assert_message_has (error, "Access denied");
  assert_message_has (error, "--client-id");
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_personio_get_server (fake), EMPLOYEES), ==,
                    G_N_ELEMENTS (pages) + 1);
}

/* rules.md 31: dirty values are cleaned where the connectors hand their
 * employees over. */
static void
test_fetch_dirty_values (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (1);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) long_name = g_string_new (NULL);
  g_autofree char *record = NULL;
  HcEmployee *e;
  GPtrArray *problems;

#define DIRTY(id, attr, value) \
  "{\"type\":\"Employee\",\"attributes\":{" \
  "\"id\":{\"label\":\"ID\",\"value\":" id ",\"type\":\"integer\",\"universal_id\":\"id\"}," \
  "\"first_name\":{\"label\":\"First name\",\"value\":\"Ana\",\"type\":\"standard\",\"universal_id\":\"first_name\"}," \
  "\"status\":{\"label\":\"Status\",\"value\":\"active\",\"type\":\"standard\",\"universal_id\":\"status\"}," \
  "\"" attr "\":{\"label\":\"X\",\"value\":" value ",\"type\":\"standard\",\"universal_id\":\"" attr "\"}}}"

  /* a NUL cuts the e-mail to "a": not an address */
  hc_fake_personio_add_raw_employee (fake, DIRTY ("9101", "email", "\"a\\u0000@evil.example\""));
  /* a zero-width space in the e-mail */
  hc_fake_personio_add_raw_employee (fake, DIRTY ("9103", "email", "\"ana\\u200b@example.com\""));
  /* ESC, BEL and a right-to-left override in the name */
  hc_fake_personio_add_raw_employee (fake, DIRTY ("9104", "last_name", "\"Ev\\u001b[2Jil\\u0007\\u202egpj.exe\""));
  /* a 64 KB name */
  for (guint i = 0; i < 65536; i++)
    g_string_append_c (long_name, 'n');
  record = g_strdup_printf (DIRTY ("9105", "last_name", "\"%s\""), long_name->str);
  hc_fake_personio_add_raw_employee (fake, record);
#undef DIRTY

  employees = fetch (connector, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5);

  e = g_ptr_array_index (employees, 1);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9101");
  g_assert_null (hc_employee_get_email (e));
  problems = hc_employee_get_problems (e);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "9101"));
  g_assert_false (hc_employee_get_invalid (e));

  e = g_ptr_array_index (employees, 2);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9103");
  g_assert_null (hc_employee_get_email (e));
  g_assert_nonnull (hc_employee_get_problems (e));

  e = g_ptr_array_index (employees, 3);
  g_assert_cmpstr (hc_employee_get_last_name (e), ==, "Ev[2Jilgpj.exe");

  e = g_ptr_array_index (employees, 4);
  g_assert_cmpuint (strlen (hc_employee_get_last_name (e)), ==, 256);
}

/* rules.md 32: a number that is no id (beyond what a JSON number holds
 * exactly, negative, or an integer beyond 2^63 that json-glib wraps
 * around) skips its record with the reason, and is never cast; a
 * supervisor with such an id is no manager. */
static void
test_fetch_invalid_ids (void)
{
  static const char * const bad_ids[] = {
    "1e300", "-1", "9223372036854775808", "9223372036854775808.0", "-1e300", "-9223372036854775809",
  };
  g_autoptr (GPtrArray) people = hc_fake_people_new (1);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  HcEmployee *e;

#define RECORD(id, supervisor) \
  "{\"type\":\"Employee\",\"attributes\":{" \
  "\"id\":{\"label\":\"ID\",\"value\":" id ",\"type\":\"integer\",\"universal_id\":\"id\"}," \
  "\"first_name\":{\"label\":\"First name\",\"value\":\"Ana\",\"type\":\"standard\",\"universal_id\":\"first_name\"}," \
  "\"status\":{\"label\":\"Status\",\"value\":\"active\",\"type\":\"standard\",\"universal_id\":\"status\"}," \
  "\"supervisor\":{\"label\":\"Supervisor\",\"value\":" supervisor ",\"type\":\"standard\",\"universal_id\":\"supervisor\"}}}"

  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_autofree char *record = g_strdup_printf (RECORD ("%s", "null"), bad_ids[i]);

      hc_fake_personio_add_raw_employee (fake, record);
    }
  hc_fake_personio_add_raw_employee (fake, RECORD ("9201.0", "1e300"));
  hc_fake_personio_add_raw_employee (fake, RECORD ("9007199254740991", "\"1000\""));
#undef RECORD

  employees = fetch (connector, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 1 + G_N_ELEMENTS (bad_ids) + 2);

  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      GPtrArray *problems;

      e = g_ptr_array_index (employees, 1 + i);
      g_test_message ("id %s read as %s", bad_ids[i], hc_employee_get_id (e));
      g_assert_true (hc_employee_get_invalid (e));
      problems = hc_employee_get_problems (e);
      g_assert_nonnull (problems);
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "not a valid ID"));
      g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), hc_employee_get_id (e)));
    }
  g_assert_cmpstr (hc_employee_get_id (g_ptr_array_index (employees, 1)), ==, "1e+300");
  g_assert_cmpstr (hc_employee_get_id (g_ptr_array_index (employees, 2)), ==, "-1");

  e = g_ptr_array_index (employees, 1 + G_N_ELEMENTS (bad_ids));
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9201");
  g_assert_false (hc_employee_get_invalid (e));
  g_assert_null (hc_employee_get_manager_id (e));

  e = g_ptr_array_index (employees, 2 + G_N_ELEMENTS (bad_ids));
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9007199254740991");
  g_assert_false (hc_employee_get_invalid (e));
  g_assert_cmpstr (hc_employee_get_manager_id (e), ==, "1000");
}

/* Odd records map without a critical and without losing the employee. */
static void
test_fetch_odd_records (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  HcEmployee *e;

  /* bare minimum: no e-mail, no supervisor attribute, an unknown status */
  hc_fake_personio_add_raw_employee (fake,
                                     "{\"type\":\"Employee\",\"attributes\":{"
                                     "\"id\":{\"label\":\"ID\",\"value\":9001,\"type\":\"integer\",\"universal_id\":\"id\"},"
                                     "\"first_name\":{\"label\":\"First name\",\"value\":\" Ærøskøbing \",\"type\":\"standard\",\"universal_id\":\"first_name\"},"
                                     "\"last_name\":{\"label\":\"Last name\",\"value\":\"Ñúñez\",\"type\":\"standard\",\"universal_id\":\"last_name\"},"
                                     "\"status\":{\"label\":\"Status\",\"value\":\"Terminated\",\"type\":\"standard\",\"universal_id\":\"status\"}}}");
  /* wrong types everywhere */
  hc_fake_personio_add_raw_employee (fake,
                                     "{\"type\":\"Employee\",\"attributes\":{"
                                     "\"id\":{\"label\":\"ID\",\"value\":\"9002\",\"type\":\"integer\",\"universal_id\":\"id\"},"
                                     "\"first_name\":{\"label\":\"First name\",\"value\":42,\"type\":\"standard\",\"universal_id\":\"first_name\"},"
                                     "\"email\":{\"label\":\"Email\",\"value\":12345,\"type\":\"standard\",\"universal_id\":\"email\"},"
                                     "\"position\":{\"label\":\"Position\",\"value\":true,\"type\":\"standard\",\"universal_id\":\"position\"},"
                                     "\"status\":{\"label\":\"Status\",\"value\":\" ACTIVE \",\"type\":\"standard\",\"universal_id\":\"status\"},"
                                     "\"department\":{\"label\":\"Department\",\"value\":\"Sales\",\"type\":\"standard\",\"universal_id\":\"department\"},"
                                     "\"office\":{\"label\":\"Office\",\"value\":[1,2],\"type\":\"standard\",\"universal_id\":\"office\"},"
                                     "\"team\":{\"label\":\"Team\",\"value\":{\"type\":\"Team\",\"attributes\":{\"id\":\"t-1\",\"name\":7}},\"type\":\"standard\",\"universal_id\":\"team\"},"
                                     "\"supervisor\":{\"label\":\"Supervisor\",\"value\":\"1000\",\"type\":\"standard\",\"universal_id\":\"supervisor\"},"
                                     "\"hire_date\":{\"label\":\"Hire date\",\"value\":\"2020-03-01\",\"type\":\"date\",\"universal_id\":\"hire_date\"},"
                                     "\"termination_date\":{\"label\":\"Termination date\",\"value\":20200301,\"type\":\"date\",\"universal_id\":\"termination_date\"},"
                                     "\"contract_end_date\":{\"label\":\"Contract ends\",\"value\":\"2020-02-30T00:00:00+01:00\",\"type\":\"date\",\"universal_id\":\"contract_end_date\"},"
                                     "\"dynamic_2001\":{\"label\":\"Skip sync\",\"value\":\"Yes\",\"type\":\"list\",\"universal_id\":null},"
                                     "\"dynamic_2002\":{\"label\":\"Kostenstelle für Ärzte\",\"value\":1234.5,\"type\":\"decimal\",\"universal_id\":null},"
                                     "\"dynamic_2003\":{\"label\":\"Tags\",\"value\":[\"a\",\"b\",null,\"\"],\"type\":\"tags\",\"universal_id\":null},"
                                     "\"dynamic_2004\":{\"label\":\"\",\"value\":\"no label\",\"type\":\"standard\",\"universal_id\":null},"
                                     "\"dynamic_2005\":{\"label\":\"Email\",\"value\":\"private@example.com\",\"type\":\"standard\",\"universal_id\":null},"
                                     "\"dynamic_2006\":{\"label\":\"Remote\",\"value\":false,\"type\":\"standard\",\"universal_id\":null},"
                                     "\"dynamic_2007\":{\"label\":\"Address\",\"value\":{\"city\":\"Köln\",\"zip\":50667,\"geo\":{\"lat\":50.9}},\"type\":\"standard\",\"universal_id\":null},"
                                     "\"weird\":7}}");
  /* null supervisor, null status, the schema's date form */
  hc_fake_personio_add_raw_employee (fake,
                                     "{\"type\":\"Employee\",\"attributes\":{"
                                     "\"id\":{\"label\":\"ID\",\"value\":9003.0,\"type\":\"integer\",\"universal_id\":\"id\"},"
                                     "\"preferred_name\":{\"label\":\"Name (preferred)\",\"value\":null,\"type\":\"standard\",\"universal_id\":\"preferred_name\"},"
                                     "\"email\":{\"label\":\"Email\",\"value\":\"\",\"type\":\"standard\",\"universal_id\":\"email\"},"
                                     "\"status\":{\"label\":\"Status\",\"value\":null,\"type\":\"standard\",\"universal_id\":\"status\"},"
                                     "\"supervisor\":{\"label\":\"Supervisor\",\"value\":null,\"type\":\"standard\",\"universal_id\":\"supervisor\"},"
                                     "\"hire_date\":{\"label\":\"Hire date\",\"value\":\"2012-02-01T00:00:00+0100\",\"type\":\"date\",\"universal_id\":\"hire_date\"},"
                                     "\"department\":{\"label\":\"Department\",\"value\":null,\"type\":\"standard\",\"universal_id\":\"department\"}}}");
  /* a supervisor without an id, lists of objects */
  hc_fake_personio_add_raw_employee (fake,
                                     "{\"type\":\"Employee\",\"attributes\":{"
                                     "\"id\":{\"label\":\"ID\",\"value\":9004,\"type\":\"integer\",\"universal_id\":\"id\"},"
                                     "\"status\":{\"label\":\"Status\",\"value\":\"leave\",\"type\":\"standard\",\"universal_id\":\"status\"},"
                                     "\"supervisor\":{\"label\":\"Supervisor\",\"value\":{\"type\":\"Employee\",\"attributes\":{}},\"type\":\"standard\",\"universal_id\":\"supervisor\"},"
                                     "\"contract_end_date\":{\"label\":\"Contract ends\",\"value\":\"2026-06-30T00:00:00+02:00\",\"type\":\"date\",\"universal_id\":\"contract_end_date\"},"
                                     "\"absence_entitlement\":{\"label\":\"Absence entitlement\",\"value\":["
                                     "{\"type\":\"TimeOffType\",\"attributes\":{\"id\":1,\"name\":\"Paid vacation\",\"entitlement\":24}},"
                                     "{\"type\":\"TimeOffType\",\"attributes\":{\"id\":2,\"name\":\"Sick leave\",\"entitlement\":0}}],\"type\":\"standard\",\"universal_id\":\"absence_entitlement\"}}}");
  /* the same employee again, as on overlapping pages: kept once */
  hc_fake_personio_add_raw_employee (fake,
                                     "{\"type\":\"Employee\",\"attributes\":{"
                                     "\"id\":{\"label\":\"ID\",\"value\":1001,\"type\":\"integer\",\"universal_id\":\"id\"},"
                                     "\"status\":{\"label\":\"Status\",\"value\":\"active\",\"type\":\"standard\",\"universal_id\":\"status\"}}}");

  employees = fetch (connector, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 7);
  for (guint i = 0; i < 3; i++)
    assert_employee_matches (g_ptr_array_index (employees, i), g_ptr_array_index (people, i), people);

  e = g_ptr_array_index (employees, 3);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9001");
  g_assert_cmpstr (hc_employee_get_first_name (e), ==, "Ærøskøbing");
  g_assert_cmpstr (hc_employee_get_last_name (e), ==, "Ñúñez");
  g_assert_null (hc_employee_get_email (e));
  g_assert_null (hc_employee_get_manager_id (e));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_DEPARTMENT));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_HIRE_DATE));
  /* unknown: the safe reading, the word kept */
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  g_assert_cmpstr (hc_employee_get_field (e, HC_PERSONIO_FIELD_STATUS_RAW), ==, "Terminated");

  e = g_ptr_array_index (employees, 4);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9002");
  g_assert_null (hc_employee_get_first_name (e));
  g_assert_null (hc_employee_get_email (e));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_POSITION));
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  g_assert_cmpstr (hc_employee_get_field (e, HC_PERSONIO_FIELD_STATUS_RAW), ==, " ACTIVE ");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_DEPARTMENT), ==, "Sales");
  g_assert_null (hc_employee_get_field (e, HC_FIELD_OFFICE));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_TEAM));
  g_assert_cmpstr (hc_employee_get_field (e, "team.id"), ==, "t-1");
  g_assert_cmpstr (hc_employee_get_field (e, "team.name"), ==, "7");
  g_assert_cmpstr (hc_employee_get_manager_id (e), ==, "1000");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_HIRE_DATE), ==, "2020-03-01");
  g_assert_null (hc_employee_get_field (e, HC_FIELD_END_DATE));
  g_assert_cmpstr (hc_employee_get_field (e, "termination_date"), ==, "20200301");
  g_assert_cmpstr (hc_employee_get_field (e, "contract_end_date"), ==, "2020-02-30T00:00:00+01:00");
  g_assert_cmpstr (hc_employee_get_field (e, "skip_sync"), ==, "Yes");
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_2002"), ==, "1234.5");
  g_assert_cmpstr (hc_employee_get_field (e, "kostenstelle_fur_arzte"), ==, "1234.5");
  g_assert_cmpstr (hc_employee_get_field (e, "tags"), ==, "a, b");
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_2004"), ==, "no label");
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_2005"), ==, "private@example.com");
  g_assert_cmpstr (hc_employee_get_field (e, "remote"), ==, "false");
  g_assert_cmpstr (hc_employee_get_field (e, "address.city"), ==, "Köln");
  g_assert_cmpstr (hc_employee_get_field (e, "address.zip"), ==, "50667");
  g_assert_cmpstr (hc_employee_get_field (e, "address.geo.lat"), ==, "50.9");
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_2007.geo.lat"), ==, "50.9");
  g_assert_cmpstr (hc_employee_get_field (e, "weird"), ==, "7");

  e = g_ptr_array_index (employees, 5);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9003");
  g_assert_null (hc_employee_get_field (e, HC_FIELD_PREFERRED_NAME));
  g_assert_null (hc_employee_get_email (e));
  g_assert_null (hc_employee_get_manager_id (e));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_DEPARTMENT));
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  g_assert_null (hc_employee_get_field (e, HC_PERSONIO_FIELD_STATUS_RAW));
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_HIRE_DATE), ==, "2012-02-01");

  e = g_ptr_array_index (employees, 6);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "9004");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_LEAVE);
  g_assert_null (hc_employee_get_manager_id (e));
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_END_DATE), ==, "2026-06-30");
  g_assert_cmpstr (hc_employee_get_field (e, "absence_entitlement.name"), ==, "Paid vacation, Sick leave");
  g_assert_cmpstr (hc_employee_get_field (e, "absence_entitlement.entitlement"), ==, "24, 0");

  /* 1001 once, with its first rendering */
  g_assert_cmpstr (hc_employee_get_id (g_ptr_array_index (employees, 1)), ==, "1001");
  g_assert_cmpstr (hc_employee_get_first_name (g_ptr_array_index (employees, 1)), ==, "Jürgen");
}

/* Records that cannot be matched fail the fetch, naming the record, never
 * what it holds. */
static const char * const unusable_records[] = {
  "{\"type\":\"Employee\",\"attributes\":{\"first_name\":{\"label\":\"First name\",\"value\":\"Privatissima\"},\"status\":{\"label\":\"Status\",\"value\":\"active\"}}}",
  "{\"type\":\"Employee\",\"attributes\":{\"id\":{\"label\":\"ID\",\"value\":null},\"first_name\":{\"label\":\"First name\",\"value\":\"Privatissima\"},\"status\":{\"label\":\"Status\",\"value\":\"active\"}}}",
  "{\"type\":\"Employee\",\"attributes\":{\"id\":{\"label\":\"ID\",\"value\":\"  \"},\"first_name\":{\"label\":\"First name\",\"value\":\"Privatissima\"},\"status\":{\"label\":\"Status\",\"value\":\"active\"}}}",
  "{\"type\":\"Employee\",\"attributes\":{\"id\":{\"label\":\"ID\",\"value\":{\"n\":1}},\"first_name\":{\"label\":\"First name\",\"value\":\"Privatissima\"},\"status\":{\"label\":\"Status\",\"value\":\"active\"}}}",
  "{\"type\":\"Employee\",\"attributes\":{\"id\":{\"label\":\"ID\",\"value\":1.5},\"first_name\":{\"label\":\"First name\",\"value\":\"Privatissima\"},\"status\":{\"label\":\"Status\",\"value\":\"active\"}}}",
  "{\"type\":\"Employee\",\"attributes\":{\"id\":{\"label\":\"ID\",\"value\":[1]},\"first_name\":{\"label\":\"First name\",\"value\":\"Privatissima\"},\"status\":{\"label\":\"Status\",\"value\":\"active\"}}}",
  "{\"type\":\"Employee\",\"attributes\":{\"id\":{\"label\":\"ID\",\"value\":true},\"first_name\":{\"label\":\"First name\",\"value\":\"Privatissima\"},\"status\":{\"label\":\"Status\",\"value\":\"active\"}}}",
  "{\"type\":\"Employee\",\"attributes\":\"Privatissima\"}",
  "{\"type\":\"Employee\"}",
  "\"Privatissima\"",
  "null",
};

static void
test_fetch_unusable_record (gconstpointer data)
{
  const char *record = *(const char * const *) data;
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (GError) error = NULL;

  hc_fake_personio_add_raw_employee (fake, record);
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  assert_message_has (error, "Personio");
  assert_message_has (error, EMPLOYEES);
  assert_message_has (error, "#4");
  g_assert_null (strstr (error->message, "Privatissima"));
}

static void
test_fetch_missing_status (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (GError) error = NULL;

  hc_fake_personio_add_raw_employee (fake,
                                     "{\"type\":\"Employee\",\"attributes\":{\"id\":{\"label\":\"ID\",\"value\":9100},"
                                     "\"first_name\":{\"label\":\"First name\",\"value\":\"Privatissima\"}}}");
  error = fetch_error (fake);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  assert_message_has (error, "#4");
  assert_message_has (error, "ID 9100");
  assert_message_has (error, "Status");
  assert_message_has (error, EMPLOYEES);
  g_assert_null (strstr (error->message, "Privatissima"));
}

typedef struct
{
  HcFakeHris   *server;
  guint         before;
  GCancellable *cancellable;
} Arrival;

static gboolean
cancel_on_arrival_cb (gpointer user_data)
{
  Arrival *a = user_data;

  if (hc_fake_hris_count_requests (a->server, EMPLOYEES) > a->before)
    g_cancellable_cancel (a->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
test_cancel (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (1000);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  HcFakeHris *server = hc_fake_personio_get_server (fake);
  g_autoptr (GCancellable) before = g_cancellable_new ();
  g_autoptr (GCancellable) during = g_cancellable_new ();
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  Progress progress;

  /* cancelled before it starts: nothing is asked */
  g_cancellable_cancel (before);
  employees = fetch (connector, before, NULL, &error);
  g_assert_null (employees);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, EMPLOYEES), ==, 0);

  /* cancelled after the first page */
  progress_init (&progress);
  progress.cancel = during;
  employees = fetch (connector, during, &progress, &error);
  g_assert_null (employees);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, EMPLOYEES), <=, 2);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, EMPLOYEES), >=, 1);
  progress_clear (&progress);
  g_clear_error (&error);

  /* cancelled while the server does not answer */
  {
    g_autoptr (GCancellable) waiting = g_cancellable_new ();
    g_autoptr (GAsyncResult) result = NULL;
    guint before_count = hc_fake_hris_count_requests (server, EMPLOYEES);

    Arrival arrival = { server, before_count, waiting };
    guint poll_id;

    hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, EMPLOYEES, 0);
    hc_connector_fetch_employees_async (connector, NULL, NULL, waiting,
                                        hc_connector_test_store_result_cb, &result);
    /* the request arrives in the server's thread: look for it from here */
    poll_id = g_timeout_add (5, cancel_on_arrival_cb, &arrival);
    hc_connector_test_wait (&result);
    g_source_remove (poll_id);
    g_assert_cmpuint (hc_fake_hris_count_requests (server, EMPLOYEES), ==, before_count + 1);
    employees = hc_connector_fetch_employees_finish (connector, result, &error);
    g_assert_null (employees);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

/* Secrets never reach an error message or the debug log */
static void
test_no_secret_leak (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (120);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  HcFakeHris *server = hc_fake_personio_get_server (fake);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  g_autoptr (HcConnector) wrong = connector_new (fake, "wrong-" HC_FAKE_PERSONIO_SECRET);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  const HcFakeFault faults[] = {
    HC_FAKE_FAULT_UNAUTHORIZED, HC_FAKE_FAULT_SERVER_ERROR, HC_FAKE_FAULT_NOT_JSON,
    HC_FAKE_FAULT_TRUNCATED, HC_FAKE_FAULT_BAD_GATEWAY,
  };

  g_setenv ("HEADCOUNT_HTTP_POLICY", "attempts=1,total=5,delay=10", TRUE);
  hc_connector_test_log_start ();

  /* a good run: the token goes out, and comes back in a header */
  employees = fetch (connector, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 120);

  g_assert_false (test_connection (wrong, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  assert_no_secret (error->message);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      hc_fake_hris_set_fault (server, faults[i], i % 2 ? AUTH : EMPLOYEES, 1);
      g_clear_pointer (&employees, g_ptr_array_unref);
      employees = fetch (connector, NULL, NULL, &error);
      g_assert_null (employees);
      g_assert_nonnull (error);
      assert_no_secret (error->message);
      g_clear_error (&error);
    }

  log = hc_connector_test_log_stop ();
  if (g_test_verbose ())
    g_printerr ("%s", log);

  /* the log is there, with the credentials masked */
  g_assert_nonnull (strstr (log, "POST /v1/auth"));
  g_assert_nonnull (strstr (log, "GET /v1/company/employees?limit=100&offset=100"));
  g_assert_nonnull (strstr (log, "Authorization: " HC_HTTP_REDACTED));
  g_assert_nonnull (strstr (log, "X-Personio-App-ID: HEADCOUNT"));
  assert_no_secret (log);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");
}

/* The fake checks what it is asked, as Personio does */
static JsonNode *
get_json (HcHttp     *http,
          const char *path,
          GError    **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_http_get_json_async (http, path, NULL, hc_connector_test_store_result_cb, &result);
  hc_connector_test_wait (&result);
  return hc_http_get_json_finish (http, result, error);
}

static void
test_fake_checks (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (120);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  static const char * const bad_queries[] = {
    "?limit=101", "?limit=0", "?limit=ten", "?offset=-1", "?page=2&limit=10",
  };

  http = hc_http_new ("Personio", hc_fake_personio_get_base_url (fake), &error);
  g_assert_no_error (error);

  /* no token, a wrong one */
  root = get_json (http, "/company/employees", &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  g_clear_error (&error);
  hc_http_set_auth_header (http, "Authorization", "Bearer papi-not-issued");
  root = get_json (http, "/company/employees", &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  g_clear_error (&error);

  hc_http_set_auth_header (http, "Authorization", "Bearer " HC_FAKE_PERSONIO_TOKEN);
  for (guint i = 0; i < G_N_ELEMENTS (bad_queries); i++)
    {
      g_autofree char *path = g_strconcat ("/company/employees", bad_queries[i], NULL);

      root = get_json (http, path, &error);
      g_assert_null (root);
      g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
      assert_message_has (error, "400");
      g_clear_error (&error);
    }

  /* without paging, Personio's default of 50 */
  root = get_json (http, "/company/employees", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "data")), ==, 50);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (root), "metadata"),
                                               "total_elements"), ==, 120);
  g_clear_pointer (&root, json_node_unref);

  /* only the two documented paths */
  root = get_json (http, "/company/people", &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_NOT_FOUND);
}

/* A page whose records are alike but not the same at every place: the
 * decoder reuses what it found for the record before at the same place
 * (a path's field, a label's slug, whether the page describes a key),
 * and must see each difference. */
static void
test_fetch_alike_records (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (1);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake, HC_FAKE_PERSONIO_SECRET);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GError) error = NULL;
  const HcFieldInfo *info;
  HcEmployee *e;

  hc_fake_personio_set_employees_body (fake,
                                       "{\"success\":true,\"metadata\":{\"total_elements\":3},\"data\":["
                                       "{\"type\":\"Employee\",\"attributes\":{"
                                       "\"id\":{\"label\":\"ID\",\"value\":1,\"type\":\"integer\",\"universal_id\":\"id\"},"
                                       "\"status\":{\"label\":\"Status\",\"value\":\"active\",\"type\":\"standard\",\"universal_id\":\"status\"},"
                                       "\"dynamic_1\":{\"label\":\"Cost center\",\"value\":\"CC-1\",\"type\":\"standard\",\"universal_id\":null},"
                                       "\"dynamic_2\":{\"label\":\"Skills\",\"value\":[\"C\",\"Go\"],\"type\":\"tags\",\"universal_id\":null},"
                                       "\"fix_salary\":{\"label\":\"Salary\",\"value\":3000,\"currency\":\"EUR\",\"type\":\"decimal\",\"universal_id\":\"fix_salary\"}}}"
                                       /* the same keys, other labels; a key twice (the first counts) */
                                       ","
                                       "{\"type\":\"Employee\",\"attributes\":{"
                                       "\"id\":{\"label\":\"ID\",\"value\":2,\"type\":\"integer\",\"universal_id\":\"id\"},"
                                       "\"status\":{\"label\":\"Status\",\"value\":\"active\",\"type\":\"standard\",\"universal_id\":\"status\"},"
                                       "\"dynamic_1\":{\"label\":\"Team code\",\"value\":\"TC-2\",\"type\":\"standard\",\"universal_id\":null},"
                                       "\"dynamic_2\":{\"label\":\"Skills\",\"value\":\"Rust\",\"type\":\"tags\",\"universal_id\":null},"
                                       "\"fix_salary\":{\"label\":\"Salary\",\"value\":4000,\"type\":\"decimal\",\"universal_id\":\"fix_salary\"},"
                                       "\"first_name\":{\"label\":\"First name\",\"value\":\"Ana\",\"type\":\"standard\",\"universal_id\":\"first_name\"},"
                                       "\"first_name\":{\"label\":\"First name\",\"value\":\"Bea\",\"type\":\"standard\",\"universal_id\":\"first_name\"}}}"
                                       /* other keys at the same places, a label seen before on
                                        * another key, an object without a value */
                                       ","
                                       "{\"type\":\"Employee\",\"attributes\":{"
                                       "\"id\":{\"label\":\"ID\",\"value\":3,\"type\":\"integer\",\"universal_id\":\"id\"},"
                                       "\"status\":{\"label\":\"Status\",\"value\":\"active\",\"type\":\"standard\",\"universal_id\":\"status\"},"
                                       "\"dynamic_9\":{\"label\":\"Cost center\",\"value\":\"CC-3\",\"type\":\"standard\",\"universal_id\":null},"
                                       "\"fix_salary\":{\"label\":\"Salary\",\"currency\":\"CHF\",\"type\":\"decimal\",\"universal_id\":\"fix_salary\"},"
                                       "\"dynamic_1\":{\"value\":\"TC-3\",\"currency\":\"none\"}}}"
                                       "]}");

  employees = fetch (connector, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 3);

  e = g_ptr_array_index (employees, 0);
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_1"), ==, "CC-1");
  g_assert_cmpstr (hc_employee_get_field (e, "cost_center"), ==, "CC-1");
  g_assert_null (hc_employee_get_field (e, "team_code"));
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_2"), ==, "C, Go");
  g_assert_cmpstr (hc_employee_get_field (e, "skills"), ==, "C, Go");
  g_assert_cmpstr (hc_employee_get_field (e, "fix_salary"), ==, "3000");
  g_assert_cmpstr (hc_employee_get_field (e, "fix_salary.currency"), ==, "EUR");
  g_assert_cmpstr (hc_employee_get_field (e, "salary.currency"), ==, "EUR");

  e = g_ptr_array_index (employees, 1);
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_1"), ==, "TC-2");
  g_assert_cmpstr (hc_employee_get_field (e, "team_code"), ==, "TC-2");
  g_assert_null (hc_employee_get_field (e, "cost_center"));
  g_assert_cmpstr (hc_employee_get_field (e, "skills"), ==, "Rust");
  g_assert_cmpstr (hc_employee_get_field (e, "fix_salary"), ==, "4000");
  g_assert_null (hc_employee_get_field (e, "fix_salary.currency"));
  g_assert_cmpstr (hc_employee_get_first_name (e), ==, "Ana");

  e = g_ptr_array_index (employees, 2);
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_9"), ==, "CC-3");
  g_assert_cmpstr (hc_employee_get_field (e, "cost_center"), ==, "CC-3");
  g_assert_null (hc_employee_get_field (e, "dynamic_2"));
  /* without a value, the object is the value: its members under its key */
  g_assert_null (hc_employee_get_field (e, "fix_salary"));
  g_assert_cmpstr (hc_employee_get_field (e, "fix_salary.currency"), ==, "CHF");
  g_assert_cmpstr (hc_employee_get_field (e, "fix_salary.label"), ==, "Salary");
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_1"), ==, "TC-3");
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_1.currency"), ==, "none");
  g_assert_null (hc_employee_get_field (e, "team_code"));

  /* described once each, from the first record that has it as a value */
  fields = hc_connector_dup_field_metadata (connector);
  info = hc_field_info_find (fields, "dynamic_1");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->label, ==, "Cost center");
  info = hc_field_info_find (fields, "dynamic_2");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->label, ==, "Skills");
  info = hc_field_info_find (fields, "dynamic_9");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->label, ==, "Cost center");
}

int
main (int   argc,
      char *argv[])
{
  /* hc-http logs (and adds its redacting SoupLogger) only when its debug
   * output is enabled; the tests capture it rather than print it. */
  g_setenv ("G_MESSAGES_DEBUG", "hc-http", TRUE);
  /* 127.0.0.1 direct, whatever the machine's proxy */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  hc_connector_test_capture_log ("hc-http", FALSE);

  g_test_add_func ("/personio/config", test_config);
  g_test_add_func ("/personio/test-connection/ok", test_connection_ok);
  g_test_add_func ("/personio/test-connection/wrong-secret", test_connection_wrong_secret);
  g_test_add_func ("/personio/test-connection/bad-record", test_connection_bad_record);
  g_test_add_func ("/personio/fetch/small", test_fetch_small);
  g_test_add_func ("/personio/fetch/many-pages", test_fetch_many_pages);
  g_test_add_func ("/personio/fetch/unreliable-total", test_fetch_unreliable_total);
  g_test_add_func ("/personio/fetch/repeated-page", test_fetch_repeated_page);
  g_test_add_func ("/personio/fetch/retry-after", test_fetch_retry_after);
  g_test_add_func ("/personio/fetch/rate-limited", test_fetch_rate_limited);
  g_test_add_func ("/personio/fetch/server-error", test_fetch_server_error);
  g_test_add_func ("/personio/fetch/timeout", test_fetch_timeout);
  g_test_add_func ("/personio/fetch/bad-bodies", test_fetch_bad_bodies);
  g_test_add_func ("/personio/fetch/bad-shapes", test_fetch_bad_shapes);
  g_test_add_func ("/personio/fetch/odd-records", test_fetch_odd_records);
  g_test_add_func ("/personio/fetch/alike-records", test_fetch_alike_records);
  for (guint i = 0; i < G_N_ELEMENTS (unusable_records); i++)
    {
      g_autofree char *name = g_strdup_printf ("/personio/fetch/unusable-record/%u", i);

      g_test_add_data_func (name, &unusable_records[i], test_fetch_unusable_record);
    }
  g_test_add_func ("/personio/fetch/missing-status", test_fetch_missing_status);
  g_test_add_func ("/personio/fetch/dirty-values", test_fetch_dirty_values);
  g_test_add_func ("/personio/cancel", test_cancel);
  g_test_add_func ("/personio/secrets/no-leak", test_no_secret_leak);
  g_test_add_func ("/personio/fake/checks", test_fake_checks);
  g_test_add_func ("/personio/fetch/no-leak", test_fetch_no_leak);
  g_test_add_func ("/personio/fetch/invalid-ids", test_fetch_invalid_ids);

  return g_test_run ();
}
