/* test-hibob.c — the HiBob connector against its fake server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "config.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-hibob-connector.h"
#include "hc-fake-hibob.h"
#include "hc-connector-fixture.h"
#include "hc-connector-test.h"

#define SEARCH      "/v1/people/search"
#define FIELDS      "/v1/company/people/fields"
#define WRONG_TOKEN "hibob_WRONG_TOKEN_55aa77"

/* Helpers */

static HcConnector *
connector_new_with (HcFakeHibob *fake,
                    const char  *secret)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector = hc_hibob_connector_new (hc_fake_hibob_get_base_url (fake), NULL,
                                                   HC_FAKE_HIBOB_CLIENT_ID, secret, &error);

  g_assert_no_error (error);
  g_assert_nonnull (connector);
  return connector;
}

static HcConnector *
connector_new (HcFakeHibob *fake)
{
  return connector_new_with (fake, HC_FAKE_HIBOB_SECRET);
}

typedef struct
{
  GArray       *fractions;
  GPtrArray    *messages;
  GCancellable *cancel_when_mapping;   /* cancelled at the first fraction in (0, 1) */
} Progress;

static void
progress_init (Progress *p)
{
  p->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  p->messages = g_ptr_array_new_with_free_func (g_free);
  p->cancel_when_mapping = NULL;
}

static void
progress_clear (Progress *p)
{
  g_array_unref (p->fractions);
  g_ptr_array_unref (p->messages);
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_array_append_val (p->fractions, fraction);
  g_ptr_array_add (p->messages, g_strdup (message));
  if (p->cancel_when_mapping != NULL && fraction > 0 && fraction < 1)
    g_cancellable_cancel (p->cancel_when_mapping);
}

static GPtrArray *
fetch_full (HcConnector  *connector,
            Progress     *progress,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_connector_fetch_employees_async (connector, progress ? progress_cb : NULL, progress,
                                      cancellable, hc_connector_test_store_result_cb, &result);
  return hc_connector_fetch_employees_finish (connector, hc_connector_test_wait (&result), error);
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

  hc_connector_test_connection_async (connector, cancellable, hc_connector_test_store_result_cb, &result);
  return hc_connector_test_connection_finish (connector, hc_connector_test_wait (&result), error);
}

static HcEmployee *
find_employee (GPtrArray  *employees,
               const char *id)
{
  for (guint i = 0; i < employees->len; i++)
    if (g_str_equal (hc_employee_get_id (g_ptr_array_index (employees, i)), id))
      return g_ptr_array_index (employees, i);
  return NULL;
}

/* Like hc_connector_test_assert_lacks, without printing the text or the
 * secret on failure: the test output must not show a secret either. */
static void
assert_no_secret (const char *text,
                  const char *secret,
                  const char *what)
{
  const char *found = text ? strstr (text, secret) : NULL;

  if (found != NULL)
    g_error ("a secret (%s) appears at offset %" G_GSIZE_FORMAT, what, (gsize) (found - text));
}

static JsonObject *
parse_object (const char *json,
              JsonParser *parser)
{
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (json);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static char *
basic_value (const char *secret)
{
  g_autofree char *pair = g_strconcat (HC_FAKE_HIBOB_CLIENT_ID, ":", secret, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strconcat ("Basic ", encoded, NULL);
}

static HcEmployeeStatus
status_of (const char *status)
{
  HcEmployeeStatus value;

  g_assert_true (hc_employee_status_from_string (status, &value));
  return value;
}

/* Every standard field and the raw ones, against the person. */
static void
assert_employee_is (HcEmployee         *e,
                    const HcFakePerson *p,
                    guint               index)
{
  g_autofree char *department_id = hc_fake_hibob_list_item_id (p->department);
  g_autofree char *title_id = hc_fake_hibob_list_item_id (p->position);
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  const char *preferred = p->preferred_name && g_strcmp0 (p->preferred_name, p->first_name) != 0
                          ? p->preferred_name : NULL;
  g_autofree char *raw_team = NULL;

  g_assert_cmpstr (hc_employee_get_id (e), ==, p->id);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_FIRST_NAME), ==, p->first_name);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_LAST_NAME), ==, p->last_name);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_PREFERRED_NAME), ==, preferred);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_EMAIL), ==, p->email);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_POSITION), ==, p->position);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_DEPARTMENT), ==, p->department);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_TEAM), ==, p->team);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_OFFICE), ==, p->office);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_MANAGER_ID), ==, p->manager_id);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_HIRE_DATE), ==, p->hire_date);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_END_DATE), ==, p->end_date);
  g_assert_cmpint (hc_employee_get_status (e), ==, status_of (p->status));

  /* custom fields, by their HiBob ids */
  g_assert_cmpstr (hc_employee_get_field (e, HC_FAKE_HIBOB_FIELD_SKIP_SYNC), ==,
                   p->skip_sync ? "true" : "false");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FAKE_HIBOB_FIELD_COST_CENTER), ==, p->cost_center);
  raw_team = p->team ? hc_fake_hibob_list_item_id (p->team) : NULL;
  g_assert_cmpstr (hc_employee_get_field (e, HC_FAKE_HIBOB_FIELD_TEAM), ==, raw_team);

  /* raw attributes: machine values, labels, nested objects, numbers */
  g_assert_cmpstr (hc_employee_get_field (e, "root.id"), ==, p->id);
  g_assert_cmpstr (hc_employee_get_field (e, "root.firstName"), ==, p->first_name);
  g_assert_cmpstr (hc_employee_get_field (e, "work.department"), ==, department_id);
  g_assert_cmpstr (hc_employee_get_field (e, "humanReadable.work.department"), ==, p->department);
  g_assert_cmpstr (hc_employee_get_field (e, "work.title"), ==, title_id);
  g_assert_cmpstr (hc_employee_get_field (e, "work.startDate"), ==, p->hire_date);
  g_assert_cmpstr (hc_employee_get_field (e, "work.employeeIdInCompany"), ==, number);
  g_assert_cmpstr (hc_employee_get_field (e, "work.manager"), ==, p->manager_id);
  g_assert_cmpstr (hc_employee_get_field (e, "work.reportsTo.id"), ==, p->manager_id);
  g_assert_nonnull (hc_employee_get_field (e, "work.siteId"));
  g_assert_nonnull (hc_employee_get_field (e, "internal.lifecycleStatus"));
  g_assert_nonnull (hc_employee_get_field (e, "internal.status"));
  g_assert_cmpstr (hc_employee_get_field (e, "humanReadable.root.fullName"), !=, NULL);
}

/* Settings */

static void
test_config (void)
{
  struct {
    const char *base_url, *client_id, *secret, *flag;
  } cases[] = {
    { NULL, NULL, HC_FAKE_HIBOB_SECRET, "--client-id" },
    { NULL, "   ", HC_FAKE_HIBOB_SECRET, "--client-id" },
    { NULL, "svc:user", HC_FAKE_HIBOB_SECRET, "--client-id" },
    { NULL, "svc\nuser", HC_FAKE_HIBOB_SECRET, "--client-id" },
    { NULL, HC_FAKE_HIBOB_CLIENT_ID, NULL, "--secret-stdin" },
    { NULL, HC_FAKE_HIBOB_CLIENT_ID, " \n", "--secret-stdin" },
    { NULL, HC_FAKE_HIBOB_CLIENT_ID, "hibob_TOKEN\nsecond_line", "--secret-stdin" },
    { "ftp://api.hibob.com/v1", HC_FAKE_HIBOB_CLIENT_ID, HC_FAKE_HIBOB_SECRET, "--base-url" },
    { "http://api.hibob.com/v1", HC_FAKE_HIBOB_CLIENT_ID, HC_FAKE_HIBOB_SECRET, "--base-url" },
    { "https://svc:p4ssw0rd_URL@api.hibob.com/v1", HC_FAKE_HIBOB_CLIENT_ID, HC_FAKE_HIBOB_SECRET, "--base-url" },
    { "not a url", HC_FAKE_HIBOB_CLIENT_ID, HC_FAKE_HIBOB_SECRET, "--base-url" },
  };
  g_autoptr (HcConnector) defaults = NULL;
  g_autoptr (HcConnector) sandbox = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HcConnector) connector = NULL;

      connector = hc_hibob_connector_new (cases[i].base_url, NULL, cases[i].client_id,
                                          cases[i].secret, &error);
      g_assert_null (connector);
      g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
      hc_connector_test_assert_has (error->message, "HiBob");
      hc_connector_test_assert_has (error->message, cases[i].flag);
      assert_no_secret (error->message, "second_line", "a token line");
      assert_no_secret (error->message, "p4ssw0rd_URL", "the password in the URL");
      assert_no_secret (error->message, HC_FAKE_HIBOB_SECRET, "the token");
      g_clear_error (&error);
    }

  /* no base URL: production; the subdomain is ignored */
  defaults = hc_hibob_connector_new (NULL, "ignored", HC_FAKE_HIBOB_CLIENT_ID, HC_FAKE_HIBOB_SECRET, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hc_connector_get_vendor_name (defaults), ==, "HiBob");
  sandbox = hc_hibob_connector_new ("", NULL, " " HC_FAKE_HIBOB_CLIENT_ID " ", HC_FAKE_HIBOB_SECRET "\n", &error);
  g_assert_no_error (error);
  g_assert_nonnull (sandbox);
}

/* Test connection */

static void
test_connection_ok (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (40);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *authorization = NULL;
  g_autofree char *expected = basic_value (HC_FAKE_HIBOB_SECRET);
  g_autofree char *body = NULL;
  g_autofree char *log = NULL;
  JsonObject *request;
  JsonArray *fields;

  g_assert_true (test_connection (connector, NULL, &error));
  g_assert_no_error (error);

  authorization = hc_fake_hris_dup_last_header (hc_fake_hibob_get_server (fake), "Authorization");
  g_assert_cmpstr (authorization, ==, expected);
  log = hc_fake_hris_dup_request_log (hc_fake_hibob_get_server (fake));
  g_assert_cmpstr (log, ==, "POST " SEARCH "\n");

  /* one small field, active employees only */
  body = hc_fake_hibob_dup_last_search (fake);
  request = parse_object (body, parser);
  fields = json_object_get_array_member (request, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "root.id");
  g_assert_false (json_object_get_boolean_member (request, "showInactive"));
  g_assert_false (json_object_has_member (request, "filters"));
}

static void
test_connection_wrong_secret (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new_with (fake, WRONG_TOKEN);
  g_autoptr (GError) error = NULL;

  g_assert_false (test_connection (connector, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "HiBob");
  hc_connector_test_assert_has (error->message, "401");
  hc_connector_test_assert_has (error->message, SEARCH);
  assert_no_secret (error->message, WRONG_TOKEN, "the wrong token");
  assert_no_secret (error->message, HC_FAKE_HIBOB_SECRET, "the token");
  /* the 401 is not retried */
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_hibob_get_server (fake), SEARCH), ==, 1);
}

static void
test_connection_forbidden (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GError) error = NULL;

  /* a service user in no permission group */
  hc_fake_hibob_set_permitted (fake, FALSE);
  g_assert_false (test_connection (connector, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "HiBob");
  hc_connector_test_assert_has (error->message, "403");
  g_clear_error (&error);

  /* one that sees nobody */
  hc_fake_hibob_set_permitted (fake, TRUE);
  hc_fake_hibob_set_search_body (fake, "{\"employees\":[]}");
  g_assert_false (test_connection (connector, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "no employees");
  hc_connector_test_assert_has (error->message, "permission group");
}

/* Fetch */

static void
test_fetch_small (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (60);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *body = NULL;
  g_autofree char *log = NULL;
  guint statuses[4] = { 0 };
  guint no_email = 0, no_manager = 0, preferred = 0, skipped = 0;
  JsonObject *request;
  JsonArray *fields;
  HcEmployee *ceo;

  employees = fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_nonnull (employees);
  g_assert_cmpuint (employees->len, ==, people->len);

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);

      assert_employee_is (e, g_ptr_array_index (people, i), i);
      statuses[hc_employee_get_status (e)]++;
      no_email += hc_employee_get_email (e) == NULL;
      no_manager += hc_employee_get_manager_id (e) == NULL;
      preferred += hc_employee_get_field (e, HC_FIELD_PREFERRED_NAME) != NULL;
      skipped += g_strcmp0 (hc_employee_get_field (e, HC_FAKE_HIBOB_FIELD_SKIP_SYNC), "true") == 0;
    }

  /* the set covers every case, so the loop above checked them all */
  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    g_assert_cmpuint (statuses[s], >, 0);
  g_assert_cmpuint (no_email, >, 0);
  g_assert_cmpuint (no_manager, ==, 1);
  g_assert_cmpuint (preferred, >, 0);
  g_assert_cmpuint (skipped, >, 0);

  ceo = g_ptr_array_index (employees, 0);
  g_assert_cmpstr (hc_employee_get_first_name (ceo), ==, "Zoé");
  g_assert_cmpstr (hc_employee_get_last_name (ceo), ==, "Lefèvre");
  g_assert_cmpstr (hc_employee_get_field (ceo, HC_FIELD_POSITION), ==, "Chief Executive Officer");
  g_assert_null (hc_employee_get_manager_id (ceo));
  g_assert_null (hc_employee_get_field (ceo, HC_FIELD_TEAM));
  {
    /* Oliver Smith prefers Oli, Søren Ørsted nothing; a former employee
     * has an end date */
    HcEmployee *oliver = find_employee (employees, "1004");
    HcEmployee *soren = find_employee (employees, "1002");
    HcEmployee *former = find_employee (employees, "1011");

    g_assert_cmpstr (hc_employee_get_first_name (oliver), ==, "Oliver");
    g_assert_cmpstr (hc_employee_get_field (oliver, HC_FIELD_PREFERRED_NAME), ==, "Oli");
    g_assert_cmpstr (hc_employee_get_field (oliver, "root.displayName"), ==, "Oli Smith");
    g_assert_cmpstr (hc_employee_get_field (soren, "root.displayName"), ==, "Søren Ørsted");
    g_assert_null (hc_employee_get_field (soren, HC_FIELD_PREFERRED_NAME));
    g_assert_cmpint (hc_employee_get_status (former), ==, HC_EMPLOYEE_STATUS_INACTIVE);
    g_assert_cmpstr (hc_employee_get_field (former, "internal.lifecycleStatus"), ==, "terminated");
    g_assert_nonnull (hc_employee_get_field (former, HC_FIELD_END_DATE));
  }

  /* the metadata, then one search: documented field ids, former and
   * future employees, labels beside the machine values */
  log = hc_fake_hris_dup_request_log (hc_fake_hibob_get_server (fake));
  g_assert_cmpstr (log, ==, "GET " FIELDS "\nPOST " SEARCH "\n");
  body = hc_fake_hibob_dup_last_search (fake);
  request = parse_object (body, parser);
  g_assert_true (json_object_get_boolean_member (request, "showInactive"));
  g_assert_cmpstr (json_object_get_string_member (request, "humanReadable"), ==, "APPEND");
  g_assert_false (json_object_has_member (request, "filters"));
  fields = json_object_get_array_member (request, "fields");
  g_assert_true (array_has_string (fields, "root.id"));
  g_assert_true (array_has_string (fields, "root.email"));
  g_assert_true (array_has_string (fields, "work.reportsTo"));
  g_assert_true (array_has_string (fields, "internal.lifecycleStatus"));
  g_assert_true (array_has_string (fields, "internal.terminationDate"));
  g_assert_true (array_has_string (fields, HC_FAKE_HIBOB_FIELD_SKIP_SYNC));
  g_assert_true (array_has_string (fields, HC_FAKE_HIBOB_FIELD_COST_CENTER));
  g_assert_true (array_has_string (fields, HC_FAKE_HIBOB_FIELD_TEAM));
  /* built-in fields outside the standard set are not asked for, but
   * every checkbox is: the exclusion checkbox may be any of them */
  g_assert_false (array_has_string (fields, "personal.pronouns"));
  g_assert_true (array_has_string (fields, "work.isManager"));
  g_assert_true (array_has_string (fields, HC_FAKE_HIBOB_FIELD_VENDOR_SKIP));
}

/* The slash form alone, the nested form alone and both give the same
 * employees, field for field. */
static void
test_fetch_shapes (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (30);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) both = NULL;
  g_autoptr (GError) error = NULL;
  HcFakeHibobShape shapes[] = { HC_FAKE_HIBOB_SHAPE_SLASH, HC_FAKE_HIBOB_SHAPE_NESTED };

  both = fetch (connector, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr (GPtrArray) employees = NULL;

      hc_fake_hibob_set_shape (fake, shapes[s]);
      employees = fetch (connector, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (employees->len, ==, both->len);

      for (guint i = 0; i < employees->len; i++)
        {
          HcEmployee *a = g_ptr_array_index (both, i);
          HcEmployee *b = g_ptr_array_index (employees, i);
          g_autoptr (GPtrArray) names_a = hc_employee_list_fields (a);
          g_autoptr (GPtrArray) names_b = hc_employee_list_fields (b);

          assert_employee_is (b, g_ptr_array_index (people, i), i);
          g_assert_cmpint (hc_employee_get_status (a), ==, hc_employee_get_status (b));
          g_assert_cmpuint (names_a->len, ==, names_b->len);
          for (guint n = 0; n < names_a->len; n++)
            {
              const char *name = g_ptr_array_index (names_a, n);

              g_assert_cmpstr (name, ==, g_ptr_array_index (names_b, n));
              g_assert_cmpstr (hc_employee_get_field (a, name), ==, hc_employee_get_field (b, name));
            }
        }
    }
}

static void
test_fetch_5000 (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5000);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *log = NULL;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *last_message = NULL;
  guint n_partial = 0;
  double previous = 0;
  Progress progress;

  progress_init (&progress);
  employees = fetch_full (connector, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5000);

  /* all, once each, in HiBob's order */
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      HcFakePerson *p = g_ptr_array_index (people, i);

      g_assert_cmpstr (hc_employee_get_id (e), ==, p->id);
      g_assert_true (g_hash_table_add (seen, (gpointer) hc_employee_get_id (e)));
      if (i % 250 == 0 || i == employees->len - 1)
        assert_employee_is (e, p, i);
    }

  /* People search has no pagination: one request, no paging parameter */
  log = hc_fake_hris_dup_request_log (hc_fake_hibob_get_server (fake));
  g_assert_cmpstr (log, ==, "GET " FIELDS "\nPOST " SEARCH "\n");

  /* progress while mapping the one big response, growing, then done */
  g_assert_cmpuint (progress.fractions->len, >=, 3);
  g_assert_cmpfloat (g_array_index (progress.fractions, double, 0), <, 0);
  for (guint i = 1; i < progress.fractions->len; i++)
    {
      double fraction = g_array_index (progress.fractions, double, i);

      g_assert_cmpfloat (fraction, >, previous);
      g_assert_cmpfloat (fraction, <=, 1.0);
      previous = fraction;
      n_partial += fraction < 1.0;
    }
  g_assert_cmpuint (n_partial, >=, 5);
  g_assert_cmpfloat (previous, ==, 1.0);
  done = g_strdup_printf ("%'u", 5000);
  total = g_strdup_printf ("Fetched %s of %s employees from HiBob", done, done);
  last_message = g_strdup (g_ptr_array_index (progress.messages, progress.messages->len - 1));
  g_assert_cmpstr (last_message, ==, total);
  progress_clear (&progress);
}

static void
test_fetch_rate_limited (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (10);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_hibob_get_server (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* 50 searches a minute: one 429 with Retry-After: 1, then the answer */
  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, SEARCH, 1);
  employees = fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 10);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, SEARCH), ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
}

static void
test_fetch_rate_limited_exhausted (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (10);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = NULL;
  HcFakeHris *server = hc_fake_hibob_get_server (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  g_setenv ("HEADCOUNT_HTTP_POLICY", "attempts=2,total=10,delay=10", TRUE);
  connector = connector_new (fake);
  hc_fake_hris_set_retry_after (server, "1");
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_RATE_LIMITED, SEARCH, 0);
  employees = fetch (connector, &error);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");

  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_RATE_LIMITED);
  hc_connector_test_assert_has (error->message, "HiBob");
  hc_connector_test_assert_has (error->message, "429");
  hc_connector_test_assert_has (error->message, SEARCH);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, SEARCH), ==, 2);
}

static void
test_fetch_server_error (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (10);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_hibob_get_server (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, SEARCH, 0);
  employees = fetch (connector, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  hc_connector_test_assert_has (error->message, "HiBob");
  hc_connector_test_assert_has (error->message, "500");
  hc_connector_test_assert_has (error->message, SEARCH);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, SEARCH), ==, 1);
  g_clear_error (&error);

  /* the metadata failing stops the fetch before the search */
  hc_fake_hris_set_fault (server, HC_FAKE_FAULT_SERVER_ERROR, FIELDS, 1);
  employees = fetch (connector, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  hc_connector_test_assert_has (error->message, FIELDS);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, SEARCH), ==, 1);
}

static void
test_fetch_timeout (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (10);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  g_setenv ("HEADCOUNT_HTTP_POLICY", "read=1,attempts=1,total=5,delay=10", TRUE);
  connector = connector_new (fake);
  hc_fake_hris_set_fault (hc_fake_hibob_get_server (fake), HC_FAKE_FAULT_TIMEOUT, SEARCH, 0);
  employees = fetch (connector, &error);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");

  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  hc_connector_test_assert_has (error->message, "HiBob");
  hc_connector_test_assert_has (error->message, SEARCH);
}

static void
test_fetch_bad_bodies (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (20);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_hibob_get_server (fake);
  HcFakeFault faults[] = { HC_FAKE_FAULT_TRUNCATED, HC_FAKE_FAULT_NOT_JSON };
  const char *shapes[] = {
    "{\"employees\":{\"id\":\"1\"}}",
    "{\"employees\":null}",
    "{\"data\":[]}",
    "[{\"id\":\"1\"}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr (GPtrArray) employees = NULL;
      g_autoptr (GError) error = NULL;

      hc_fake_hris_set_fault (server, faults[i], SEARCH, 1);
      employees = fetch (connector, &error);
      g_assert_null (employees);
      g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (error->message, "HiBob");
      hc_connector_test_assert_has (error->message, SEARCH);
    }

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr (GPtrArray) employees = NULL;
      g_autoptr (GError) error = NULL;

      hc_fake_hibob_set_search_body (fake, shapes[i]);
      employees = fetch (connector, &error);
      g_assert_null (employees);
      g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (error->message, "HiBob");
      hc_connector_test_assert_has (error->message, "employees");
      hc_connector_test_assert_has (error->message, SEARCH);
    }
}

/* Records with odd, missing and wrong-typed fields are read, not dropped. */
static void
test_fetch_odd_records (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  HcEmployee *e;

  /* nested only, no e-mail, null manager, no human-readable node */
  hc_fake_hibob_add_raw_employee (fake,
                                  "{\"id\":\"r1\",\"firstName\":\"Añá\",\"surname\":\"Ñúñez\",\"email\":null,"
                                  "\"work\":{\"reportsTo\":null,\"manager\":null,\"department\":\"Legal\",\"startDate\":\"2020-02-29\"},"
                                  "\"internal\":{\"lifecycleStatus\":\"Employed\",\"status\":\"Active\"}}");
  /* slash only, almost nothing: no names, no manager, no dates */
  hc_fake_hibob_add_raw_employee (fake,
                                  "{\"/root/id\":{\"value\":\"r2\"},\"/internal/status\":{\"value\":\"Active\"}}");
  /* an unknown lifecycle status with access to Bob */
  hc_fake_hibob_add_raw_employee (fake,
                                  "{\"/root/id\":{\"value\":\"r3\"},\"/internal/lifecycleStatus\":{\"value\":\"Sabbatical\"},"
                                  "\"/internal/status\":{\"value\":\"Active\"},\"/root/email\":{\"value\":\"\"}}");
  /* wrong types everywhere */
  hc_fake_hibob_add_raw_employee (fake,
                                  "{\"/root/id\":{\"value\":12345},\"/root/firstName\":{\"value\":42},"
                                  "\"/root/surname\":{\"value\":{\"x\":\"y\"}},"
                                  "\"/root/email\":{\"value\":[\"a@example.com\",\"b@example.com\"]},"
                                  "\"/work/startDate\":{\"value\":\"not a date\"},\"/work/department\":{\"value\":true},"
                                  "\"/work/reportsTo\":{\"value\":\"oops\"},\"/work/siteId\":{\"value\":55.5},"
                                  "\"/internal/lifecycleStatus\":{\"value\":7},\"/internal/terminationDate\":{\"value\":20260101},"
                                  "\"/about/hobbies\":{\"value\":[\"chess\",null,{\"k\":1},\"go\"]},\"/about/superpowers\":{\"value\":[]}}");
  /* times after the dates, a bare value without wrapper, the slash form
   * winning over a stale nested one */
  hc_fake_hibob_add_raw_employee (fake,
                                  "{\"/root/id\":{\"value\":\"r5\"},\"/work/startDate\":{\"value\":\"2019-03-04T00:00:00.000+01:00\"},"
                                  "\"/internal/terminationDate\":\"2026-03-31T18:00:00\",\"/internal/lifecycleStatus\":{\"value\":\"Terminated\"},"
                                  "\"/work/manager\":{\"value\":\"1000\"},\"work\":{\"manager\":\"999\",\"title\":\"255490048\"},"
                                  "\"humanReadable\":{\"work\":{\"title\":\"Engineer\",\"startDate\":\"04/03/2019\"}}}");

  employees = fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 8);

  e = find_employee (employees, "r1");
  g_assert_nonnull (e);
  g_assert_cmpstr (hc_employee_get_first_name (e), ==, "Añá");
  g_assert_cmpstr (hc_employee_get_last_name (e), ==, "Ñúñez");
  g_assert_null (hc_employee_get_email (e));
  g_assert_null (hc_employee_get_manager_id (e));
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_DEPARTMENT), ==, "Legal");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_HIRE_DATE), ==, "2020-02-29");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  g_assert_cmpstr (hc_employee_get_field (e, "internal.lifecycleStatus"), ==, "Employed");

  e = find_employee (employees, "r2");
  g_assert_nonnull (e);
  g_assert_null (hc_employee_get_first_name (e));
  g_assert_null (hc_employee_get_manager_id (e));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_HIRE_DATE));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_TEAM));
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  e = find_employee (employees, "r3");
  g_assert_nonnull (e);
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_LEAVE);
  g_assert_cmpstr (hc_employee_get_field (e, "internal.lifecycleStatus"), ==, "Sabbatical");
  g_assert_null (hc_employee_get_email (e));

  e = find_employee (employees, "12345");
  g_assert_nonnull (e);
  g_assert_cmpstr (hc_employee_get_first_name (e), ==, "42");
  g_assert_null (hc_employee_get_last_name (e));
  g_assert_cmpstr (hc_employee_get_field (e, "root.surname.x"), ==, "y");
  /* two addresses are no address to invite */
  g_assert_null (hc_employee_get_email (e));
  g_assert_cmpstr (hc_employee_get_field (e, "root.email"), ==, "a@example.com, b@example.com");
  g_assert_null (hc_employee_get_field (e, HC_FIELD_HIRE_DATE));
  g_assert_cmpstr (hc_employee_get_field (e, "work.startDate"), ==, "not a date");
  g_assert_null (hc_employee_get_field (e, HC_FIELD_END_DATE));
  g_assert_cmpstr (hc_employee_get_field (e, "internal.terminationDate"), ==, "20260101");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_DEPARTMENT), ==, "true");
  g_assert_null (hc_employee_get_manager_id (e));
  g_assert_cmpstr (hc_employee_get_field (e, "work.reportsTo"), ==, "oops");
  g_assert_cmpstr (hc_employee_get_field (e, "work.siteId"), ==, "55.5");
  g_assert_cmpstr (hc_employee_get_field (e, "about.hobbies"), ==, "chess, {\"k\":1}, go");
  g_assert_null (hc_employee_get_field (e, "about.superpowers"));
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_LEAVE);
  g_assert_cmpstr (hc_employee_get_field (e, "internal.lifecycleStatus"), ==, "7");

  e = find_employee (employees, "r5");
  g_assert_nonnull (e);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_HIRE_DATE), ==, "2019-03-04");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_END_DATE), ==, "2026-03-31");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  g_assert_cmpstr (hc_employee_get_manager_id (e), ==, "1000");
  g_assert_cmpstr (hc_employee_get_field (e, "work.manager"), ==, "1000");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_POSITION), ==, "Engineer");
  g_assert_cmpstr (hc_employee_get_field (e, "work.title"), ==, "255490048");
  g_assert_cmpstr (hc_employee_get_field (e, "humanReadable.work.startDate"), ==, "04/03/2019");
}

/* HiBob's lifecycle vocabulary, in several casings, with and without
 * internal.status, and the dates when neither says. */
static void
test_status_mapping (void)
{
  struct {
    const char      *lifecycle, *internal, *start, *end;
    HcEmployeeStatus expected;
  } cases[] = {
    { "employed", "Active", NULL, NULL, HC_EMPLOYEE_STATUS_ACTIVE },
    { "Employed", NULL, NULL, NULL, HC_EMPLOYEE_STATUS_ACTIVE },
    { "hired", "Inactive", "2099-01-01", NULL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "Hired", NULL, NULL, NULL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "leave", "Active", NULL, NULL, HC_EMPLOYEE_STATUS_LEAVE },
    { "Parental leave", "Active", NULL, NULL, HC_EMPLOYEE_STATUS_LEAVE },
    { "Garden leave", "Active", NULL, NULL, HC_EMPLOYEE_STATUS_LEAVE },
    { "maternity_leave", NULL, NULL, NULL, HC_EMPLOYEE_STATUS_LEAVE },
    { "terminated", "Inactive", "2015-01-01", "2025-06-30", HC_EMPLOYEE_STATUS_INACTIVE },
    { "TERMINATED", NULL, NULL, NULL, HC_EMPLOYEE_STATUS_INACTIVE },
    /* unknown: a custom leave type, unless Bob says the person has no access */
    { "Sabbatical", "Active", NULL, NULL, HC_EMPLOYEE_STATUS_LEAVE },
    { "Sabbatical", NULL, NULL, NULL, HC_EMPLOYEE_STATUS_LEAVE },
    { "Retired", "Inactive", "2010-01-01", NULL, HC_EMPLOYEE_STATUS_INACTIVE },
    { "Preboarding", "Inactive", "2099-01-01", NULL, HC_EMPLOYEE_STATUS_ONBOARDING },
    /* no lifecycle status */
    { NULL, "Active", NULL, NULL, HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL, "active", NULL, NULL, HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL, "Inactive", "2099-02-01", NULL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { NULL, "Inactive", "2018-02-01", "2024-01-31", HC_EMPLOYEE_STATUS_INACTIVE },
    { NULL, "Suspended", NULL, "2020-01-31", HC_EMPLOYEE_STATUS_INACTIVE },
    /* neither: the dates */
    { NULL, NULL, "2018-02-01", "2024-01-31", HC_EMPLOYEE_STATUS_INACTIVE },
    { NULL, NULL, "2099-02-01", NULL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { NULL, NULL, "2018-02-01", "2099-01-31", HC_EMPLOYEE_STATUS_ACTIVE },
    { NULL, NULL, NULL, NULL, HC_EMPLOYEE_STATUS_ACTIVE },
  };
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (NULL);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GString *json = g_string_new (NULL);

      g_string_append_printf (json, "{\"/root/id\":{\"value\":\"s%u\"}", i);
      if (cases[i].lifecycle)
        g_string_append_printf (json, ",\"/internal/lifecycleStatus\":{\"value\":\"%s\"}", cases[i].lifecycle);
      if (cases[i].internal)
        g_string_append_printf (json, ",\"/internal/status\":{\"value\":\"%s\"}", cases[i].internal);
      if (cases[i].start)
        g_string_append_printf (json, ",\"/work/startDate\":{\"value\":\"%s\"}", cases[i].start);
      if (cases[i].end)
        g_string_append_printf (json, ",\"/internal/terminationDate\":{\"value\":\"%s\"}", cases[i].end);
      g_string_append_c (json, '}');
      hc_fake_hibob_add_raw_employee (fake, json->str);
      g_string_free (json, TRUE);
    }

  employees = fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);

      if (hc_employee_get_status (e) != cases[i].expected)
        g_error ("case %u (%s, %s): got %s, expected %s", i,
                 cases[i].lifecycle ? cases[i].lifecycle : "-", cases[i].internal ? cases[i].internal : "-",
                 hc_employee_status_to_string (hc_employee_get_status (e)),
                 hc_employee_status_to_string (cases[i].expected));
      g_assert_cmpstr (hc_employee_get_field (e, "internal.lifecycleStatus"), ==, cases[i].lifecycle);
    }
}

/* Bob silently leaves out the internal fields the service user may not
 * view: without any status, nobody could be told inactive. */
static void
test_fetch_status_hidden (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (40);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  hc_fake_hibob_hide_category (fake, "internal");
  employees = fetch (connector, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "HiBob");
  hc_connector_test_assert_has (error->message, "internal.lifecycleStatus");
  hc_connector_test_assert_has (error->message, SEARCH);
}

static void
test_fetch_no_id (void)
{
  const char *records[] = {
    "{\"firstName\":\"Xavière\",\"work\":{\"department\":\"Sales\"}}",
    "{\"/root/id\":{\"value\":null},\"/root/firstName\":{\"value\":\"Xavière\"}}",
    "{\"/root/id\":{\"value\":true},\"/root/firstName\":{\"value\":\"Xavière\"}}",
    "{\"/root/id\":{\"value\":{\"id\":\"5\"}},\"/root/firstName\":{\"value\":\"Xavière\"}}",
    "{\"id\":\"   \",\"firstName\":\"Xavière\"}",
    "{\"id\":4.5,\"firstName\":\"Xavière\"}",
    "[\"Xavière\"]",
    "\"Xavière\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr (GPtrArray) people = hc_fake_people_new (2);
      g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
      g_autoptr (HcConnector) connector = connector_new (fake);
      g_autoptr (GPtrArray) employees = NULL;
      g_autoptr (GError) error = NULL;

      hc_fake_hibob_add_raw_employee (fake, records[i]);
      employees = fetch (connector, &error);
      g_assert_null (employees);
      g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
      hc_connector_test_assert_has (error->message, "HiBob");
      hc_connector_test_assert_has (error->message, SEARCH);
      hc_connector_test_assert_has (error->message, "#3");
      hc_connector_test_assert_lacks (error->message, "Xavière");
      hc_connector_test_assert_lacks (error->message, "Zoé");
    }
}

/* HiBob takes at most 400 field ids: a company with more custom fields
 * still gets its standard fields and as many custom ones as fit. */
static void
test_fetch_many_custom_fields (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *body = NULL;
  JsonArray *fields;

  hc_fake_hibob_add_custom_fields (fake, 500);
  employees = fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 5);

  body = hc_fake_hibob_dup_last_search (fake);
  fields = json_object_get_array_member (parse_object (body, parser), "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, HC_HIBOB_MAX_FIELDS);
  g_assert_true (array_has_string (fields, "root.id"));
  g_assert_true (array_has_string (fields, "internal.lifecycleStatus"));
  g_assert_true (array_has_string (fields, HC_FAKE_HIBOB_FIELD_SKIP_SYNC));
  g_assert_true (array_has_string (fields, "custom.category_extra.field_1"));
  g_assert_false (array_has_string (fields, "custom.category_extra.field_500"));

  for (guint i = 0; i < employees->len; i++)
    assert_employee_is (g_ptr_array_index (employees, i), g_ptr_array_index (people, i), i);
  g_assert_cmpstr (hc_employee_get_field (g_ptr_array_index (employees, 0), "custom.category_extra.field_1"),
                   ==, "extra 1 for 1000");
}

/* Cancellation */

static gboolean
cancel_when_searching_cb (gpointer user_data)
{
  gpointer *data = user_data;
  HcFakeHibob *fake = data[0];
  GCancellable *cancellable = data[1];

  if (hc_fake_hris_count_requests (hc_fake_hibob_get_server (fake), SEARCH) == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (5000);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  g_autoptr (HcConnector) connector = connector_new (fake);
  HcFakeHris *server = hc_fake_hibob_get_server (fake);

  /* before anything is sent */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;

    g_cancellable_cancel (cancellable);
    employees = fetch_full (connector, NULL, cancellable, &error);
    g_assert_null (employees);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (test_connection (connector, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (hc_fake_hris_count_requests (server, SEARCH), ==, 0);
  }

  /* while HiBob keeps the search waiting */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;
    gpointer data[] = { fake, cancellable };
    gint64 start = g_get_monotonic_time ();

    hc_fake_hris_set_fault (server, HC_FAKE_FAULT_TIMEOUT, SEARCH, 1);
    g_timeout_add (5, cancel_when_searching_cb, data);
    employees = fetch_full (connector, NULL, cancellable, &error);
    g_assert_null (employees);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  }

  /* while the response is being mapped */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;
    Progress progress;

    progress_init (&progress);
    progress.cancel_when_mapping = cancellable;
    employees = fetch_full (connector, &progress, cancellable, &error);
    g_assert_null (employees);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_true (g_cancellable_is_cancelled (cancellable));
    progress_clear (&progress);
  }
}

/* Secrets */

static void
collect_error (GString *messages,
               GError  *error)
{
  g_assert_nonnull (error);
  g_string_append_printf (messages, "%s\n", error->message);
}

static void
test_no_secret_leak (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (30);
  g_autoptr (HcFakeHibob) fake = hc_fake_hibob_new (people);
  HcFakeHris *server = hc_fake_hibob_get_server (fake);
  g_autoptr (GString) messages = g_string_new (NULL);
  g_autofree char *good_basic = basic_value (HC_FAKE_HIBOB_SECRET);
  g_autofree char *wrong_basic = basic_value (WRONG_TOKEN);
  g_autofree char *log = NULL;
  g_autofree char *all = NULL;
  const char *secrets[] = { HC_FAKE_HIBOB_SECRET, WRONG_TOKEN, good_basic + 6, wrong_basic + 6 };
  const char *names[] = { "the token", "the wrong token", "the Basic credentials", "the wrong Basic credentials" };

  hc_connector_test_log_start ();

  g_setenv ("HEADCOUNT_HTTP_POLICY", "read=1,attempts=2,total=10,delay=10", TRUE);

  /* a success, logged */
  {
    g_autoptr (HcConnector) connector = connector_new (fake);
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;

    g_assert_true (test_connection (connector, NULL, &error));
    employees = fetch (connector, &error);
    g_assert_no_error (error);
  }

  /* the wrong token */
  {
    g_autoptr (HcConnector) connector = connector_new_with (fake, WRONG_TOKEN);
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;

    g_assert_false (test_connection (connector, NULL, &error));
    collect_error (messages, error);
    g_clear_error (&error);
    employees = fetch (connector, &error);
    collect_error (messages, error);
  }

  /* every fault on the search */
  {
    HcFakeFault faults[] = {
      HC_FAKE_FAULT_UNAUTHORIZED, HC_FAKE_FAULT_RATE_LIMITED, HC_FAKE_FAULT_SERVER_ERROR,
      HC_FAKE_FAULT_BAD_GATEWAY, HC_FAKE_FAULT_TIMEOUT, HC_FAKE_FAULT_TRUNCATED, HC_FAKE_FAULT_NOT_JSON,
    };
    g_autoptr (HcConnector) connector = connector_new (fake);

    for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
      {
        g_autoptr (GPtrArray) employees = NULL;
        g_autoptr (GError) error = NULL;

        hc_fake_hris_set_fault (server, faults[i], SEARCH, 0);
        employees = fetch (connector, &error);
        collect_error (messages, error);
      }
    hc_fake_hris_set_fault (server, HC_FAKE_FAULT_NONE, NULL, 0);
  }

  /* a bad record, a bad setting */
  {
    g_autoptr (HcConnector) connector = connector_new (fake);
    g_autoptr (HcConnector) invalid = NULL;
    g_autoptr (GPtrArray) employees = NULL;
    g_autoptr (GError) error = NULL;

    hc_fake_hibob_add_raw_employee (fake, "{\"firstName\":\"" HC_FAKE_HIBOB_SECRET "\"}");
    employees = fetch (connector, &error);
    collect_error (messages, error);
    g_clear_error (&error);
    invalid = hc_hibob_connector_new ("http://example.com", NULL, HC_FAKE_HIBOB_CLIENT_ID,
                                      HC_FAKE_HIBOB_SECRET, &error);
    collect_error (messages, error);
    g_clear_error (&error);
    invalid = hc_hibob_connector_new (NULL, NULL, HC_FAKE_HIBOB_CLIENT_ID,
                                      HC_FAKE_HIBOB_SECRET "\nmore", &error);
    collect_error (messages, error);
  }

  g_unsetenv ("HEADCOUNT_HTTP_POLICY");

  log = hc_connector_test_log_stop ();
  if (g_test_verbose ())
    g_printerr ("%s%s", messages->str, log);

  /* the log is there, with the requests and the redacted credentials… */
  hc_connector_test_assert_has (log, "POST " SEARCH);
  hc_connector_test_assert_has (log, "GET " FIELDS);
  hc_connector_test_assert_has (log, "Authorization: " HC_HTTP_REDACTED);
  hc_connector_test_assert_has (messages->str, "401");
  hc_connector_test_assert_has (messages->str, "429");
  /* …and no secret anywhere, nor any employee data from the bodies */
  all = g_strconcat (messages->str, log, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    assert_no_secret (all, secrets[i], names[i]);
  assert_no_secret (log, "Basic ", "a Basic header");
  hc_connector_test_assert_lacks (log, "Zoé");
}

int
main (int   argc,
      char *argv[])
{
  hc_connector_fixture_init (&argc, &argv, "hc-hibob-connector", NULL);

  g_test_add_func ("/hibob/config", test_config);
  g_test_add_func ("/hibob/test-connection/ok", test_connection_ok);
  g_test_add_func ("/hibob/test-connection/wrong-secret", test_connection_wrong_secret);
  g_test_add_func ("/hibob/test-connection/forbidden", test_connection_forbidden);
  g_test_add_func ("/hibob/fetch/small", test_fetch_small);
  g_test_add_func ("/hibob/fetch/shapes", test_fetch_shapes);
  g_test_add_func ("/hibob/fetch/5000", test_fetch_5000);
  g_test_add_func ("/hibob/fetch/rate-limited", test_fetch_rate_limited);
  g_test_add_func ("/hibob/fetch/rate-limited-exhausted", test_fetch_rate_limited_exhausted);
  g_test_add_func ("/hibob/fetch/server-error", test_fetch_server_error);
  g_test_add_func ("/hibob/fetch/timeout", test_fetch_timeout);
  g_test_add_func ("/hibob/fetch/bad-bodies", test_fetch_bad_bodies);
  g_test_add_func ("/hibob/fetch/odd-records", test_fetch_odd_records);
  g_test_add_func ("/hibob/fetch/status-mapping", test_status_mapping);
  g_test_add_func ("/hibob/fetch/status-hidden", test_fetch_status_hidden);
  g_test_add_func ("/hibob/fetch/no-id", test_fetch_no_id);
  g_test_add_func ("/hibob/fetch/many-custom-fields", test_fetch_many_custom_fields);
  g_test_add_func ("/hibob/cancel", test_cancel);
  g_test_add_func ("/hibob/secrets/no-leak", test_no_secret_leak);

  return g_test_run ();
}
