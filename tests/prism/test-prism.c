/* test-prism.c — the Personio and BambooHR connectors against Prism serving
 * the vendors' official OpenAPI specs: Prism checks what the connectors send
 * and answers with the specs' own examples
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "config.h"
#include "hc-bamboohr-connector.h"
#include "hc-error.h"
#include "hc-personio-connector.h"
#include "hc-prism.h"

/* Credentials for Prism, which checks that they are sent the way the spec
 * says (Bearer, Basic), not what they are. */
#define PERSONIO_CLIENT_ID  "prism-client-id"
#define PERSONIO_SECRET     "prism_SECRET_client_24680"
#define BAMBOOHR_SUBDOMAIN  "acme"
#define BAMBOOHR_KEY        "prism_BAMBOO_KEY_13579"

/* The token of the Personio auth spec's example answer (its last part):
 * the connector sends it on, and it must not be logged either. */
#define PERSONIO_EXAMPLE_TOKEN_TAIL "QZZCdlDjmL-LYdoDx2XLUfhwTdcjDgm9h4t-6JoACiM"

/* The Personio spec contradicts itself: EmployeesResponse is allOf the
 * generic Response, whose "data" is an object, and a list whose "data" is
 * an array, so no answer of GET /company/employees can match it, the spec's
 * own example included. Prism reports this on every such answer; that is
 * why Personio runs without --errors (which would turn it into a 500), and
 * this violation is the only one allowed. */
#define PERSONIO_SPEC_CONFLICT "Violation: response.body.data Response body property data must be object"

typedef enum
{
  SPEC_PERSONIO,
  SPEC_BAMBOOHR,
  N_SPECS
} Spec;

static HcPrism *prisms[N_SPECS];
static GError *prism_errors[N_SPECS];

/* The debug log of the "hc-http" domain, captured instead of printed. */
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
  char *copy;

  g_mutex_lock (&log_mutex);
  copy = g_strdup (captured_log->str);
  g_mutex_unlock (&log_mutex);
  return copy;
}

/* Prism, started once per spec for the whole binary: NULL, with the case
 * failed, when it cannot start. */
static HcPrism *
get_prism (Spec spec)
{
  if (prisms[spec] == NULL && prism_errors[spec] == NULL)
    {
      if (spec == SPEC_PERSONIO)
        prisms[spec] = hc_prism_new (HC_PRISM_DIR, HC_PRISM_PERSONIO_DOC, FALSE, &prism_errors[spec]);
      else
        prisms[spec] = hc_prism_new (HC_PRISM_DIR, HC_SPECS_DIR "/bamboohr/public-api.yaml",
                                     TRUE, &prism_errors[spec]);
    }
  if (prisms[spec] == NULL)
    g_test_fail_printf ("%s", prism_errors[spec]->message);
  return prisms[spec];
}

/* Requests since the last call, for the checks below. */
static GPtrArray *
take_requests (HcPrism *prism)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *requests = hc_prism_take_requests (prism, &error);

  g_assert_no_error (error);
  g_assert_nonnull (requests);
  return requests;
}

/* "post /auth; get /company/employees (problem | problem)", on one line:
 * an assertion message must not break the TAP output. */
static char *
describe_requests (GPtrArray *requests)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < requests->len; i++)
    {
      HcPrismRequest *r = g_ptr_array_index (requests, i);

      g_string_append_printf (text, "%s%s %s", i > 0 ? "; " : "", r->method, r->path);
      for (guint j = 0; j < r->problems->len; j++)
        g_string_append_printf (text, "%s%s", j > 0 ? " | " : " (",
                                (const char *) g_ptr_array_index (r->problems, j));
      if (r->problems->len > 0)
        g_string_append_c (text, ')');
    }
  return g_string_free (text, FALSE);
}

/* Every request Prism saw met the spec (and so did every answer, but for
 * the one known conflict of the Personio spec). */
static void
assert_no_violation (GPtrArray *requests)
{
  g_autofree char *described = describe_requests (requests);

  g_test_message ("Prism saw: %s", described);

  for (guint i = 0; i < requests->len; i++)
    {
      HcPrismRequest *r = g_ptr_array_index (requests, i);

      for (guint j = 0; j < r->problems->len; j++)
        {
          const char *problem = g_ptr_array_index (r->problems, j);

          g_autoptr (GError) violation = NULL;

          if (g_str_equal (r->method, "get") && g_str_equal (r->path, "/company/employees")
              && g_str_equal (problem, PERSONIO_SPEC_CONFLICT))
            continue;
          violation = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   "Prism reports a violation on %s %s: %s (it saw: %s)",
                                   r->method, r->path, problem, described);
          g_assert_no_error (violation);
        }
    }
}

static guint
count_requests (GPtrArray  *requests,
                const char *method,
                const char *path)
{
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      HcPrismRequest *r = g_ptr_array_index (requests, i);

      n += g_str_equal (r->method, method) && g_str_equal (r->path, path);
    }
  return n;
}

static gboolean
has_problem (HcPrismRequest *request,
             const char     *needle)
{
  for (guint i = 0; i < request->problems->len; i++)
    if (strstr (g_ptr_array_index (request->problems, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Neither the secrets nor the token reach the hc-http log or Prism's. */
static void
assert_no_secret (HcPrism *prism)
{
  g_autofree char *http_log = dup_captured_log ();
  g_autofree char *prism_log = hc_prism_dup_log (prism);
  g_autofree char *basic = g_base64_encode ((const guchar *) BAMBOOHR_KEY ":x", strlen (BAMBOOHR_KEY ":x"));
  const char *secrets[] = { PERSONIO_SECRET, BAMBOOHR_KEY, PERSONIO_EXAMPLE_TOKEN_TAIL, basic };

  /* The connectors did log their requests: the check looks at something. */
  g_assert_nonnull (strstr (http_log, hc_prism_get_base_url (prism) + strlen ("http://")));
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_assert_null (strstr (http_log, secrets[i]));
      g_assert_null (strstr (prism_log, secrets[i]));
    }
}

/* Direct requests to Prism */

typedef struct
{
  guint status;
  char *violations;    /* the sl-violations header, or NULL */
  char *body;
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->violations, g_free);
  g_clear_pointer (&answer->body, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static void
send_direct (HcPrism    *prism,
             const char *method,
             const char *path,
             const char *authorization,
             const char *json_body,
             Answer     *answer)
{
  g_autoptr (SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 10, NULL);
  g_autofree char *url = g_strconcat (hc_prism_get_base_url (prism), path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", authorization);
  if (json_body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  answer->status = soup_message_get_status (msg);
  answer->violations = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                               "sl-violations"));
  answer->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static char *
basic_auth (const char *key)
{
  g_autofree char *pair = g_strconcat (key, ":x", NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strconcat ("Basic ", encoded, NULL);
}

/* Running the connectors */

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

typedef struct
{
  guint  calls;
  double last_fraction;
  char  *last_message;
} Progress;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    data)
{
  Progress *progress = data;

  progress->calls++;
  progress->last_fraction = fraction;
  g_free (progress->last_message);
  progress->last_message = g_strdup (message);
}

static void
test_connection (HcConnector *connector)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hc_connector_test_connection_async (connector, NULL, got_result_cb, &result);
  g_assert_true (hc_connector_test_connection_finish (connector, wait_for (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
fetch (HcConnector *connector,
       Progress    *progress)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *employees;

  hc_connector_fetch_employees_async (connector, progress_cb, progress, NULL, got_result_cb, &result);
  employees = hc_connector_fetch_employees_finish (connector, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (employees);
  return employees;
}

static HcConnector *
new_personio (HcPrism *prism)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector;

  /* The specs mount their paths without the "/v1" of the real base URL. */
  connector = hc_personio_connector_new (hc_prism_get_base_url (prism), NULL,
                                         PERSONIO_CLIENT_ID, PERSONIO_SECRET, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connector);
  return connector;
}

static HcConnector *
new_bamboohr (HcPrism *prism)
{
  g_autoptr (GError) error = NULL;
  HcConnector *connector;

  /* The override replaces https://{companyDomain}.bamboohr.com. */
  connector = hc_bamboohr_connector_new (hc_prism_get_base_url (prism), BAMBOOHR_SUBDOMAIN,
                                         NULL, BAMBOOHR_KEY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connector);
  return connector;
}

/* The cases */

static void
test_installed (void)
{
  g_autofree char *prism = g_build_filename (HC_PRISM_DIR, "node_modules", ".bin", "prism", NULL);
  g_autofree char *lock = g_build_filename (HC_PRISM_DIR, "package-lock.json", NULL);
  g_autoptr (GError) missing = NULL;

  if (!g_file_test (prism, G_FILE_TEST_IS_EXECUTABLE))
    missing = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "Prism is not installed (%s is missing); " HC_PRISM_INSTALL_HINT, prism);
  else if (!g_file_test (HC_SPECS_DIR "/personio/personnel-data-api-v1.yaml", G_FILE_TEST_IS_REGULAR)
           || !g_file_test (HC_SPECS_DIR "/personio/auth-api-v1.yaml", G_FILE_TEST_IS_REGULAR)
           || !g_file_test (HC_SPECS_DIR "/bamboohr/public-api.yaml", G_FILE_TEST_IS_REGULAR))
    missing = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "The vendors' specs are missing from %s, where the repository "
                           "keeps them (see its README.md)", HC_SPECS_DIR);
  g_assert_no_error (missing);
  g_assert_true (g_file_test (lock, G_FILE_TEST_IS_REGULAR));
  /* Both start, and answer. */
  g_assert_nonnull (get_prism (SPEC_PERSONIO));
  g_assert_nonnull (get_prism (SPEC_BAMBOOHR));
}

/* Prism does check requests: what breaks the spec is refused and reported,
 * so the connector cases below, which expect no report, can fail. */
static void
test_validates_bamboohr (void)
{
  HcPrism *prism = get_prism (SPEC_BAMBOOHR);
  g_autofree char *auth = basic_auth (BAMBOOHR_KEY);
  g_auto (Answer) good = { 0 };
  g_auto (Answer) upper = { 0 };
  g_auto (Answer) anonymous = { 0 };
  g_autoptr (GPtrArray) requests = NULL;
  HcPrismRequest *r;

  if (prism == NULL)
    return;
  g_ptr_array_unref (take_requests (prism));

  /* The spec's enum for format is lower case. */
  send_direct (prism, "POST", "/api/v1/reports/custom?format=json", auth,
               "{\"title\":\"Headcount\",\"fields\":[\"firstName\"]}", &good);
  g_assert_cmpuint (good.status, ==, 200);
  g_assert_null (good.violations);
  g_assert_nonnull (strstr (good.body, "\"employees\""));

  send_direct (prism, "POST", "/api/v1/reports/custom?format=JSON", auth,
               "{\"title\":\"Headcount\",\"fields\":[\"firstName\"]}", &upper);
  g_assert_cmpuint (upper.status, ==, 400);
  g_assert_nonnull (upper.violations);
  g_assert_nonnull (strstr (upper.violations, "\"format\""));

  /* No credentials: the spec asks for Basic (or OAuth). */
  send_direct (prism, "GET", "/api/v1/employees/directory", NULL, NULL, &anonymous);
  g_assert_cmpuint (anonymous.status, ==, 401);

  g_clear_pointer (&requests, g_ptr_array_unref);
  requests = take_requests (prism);
  g_assert_cmpuint (requests->len, ==, 3);
  r = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (r->path, ==, "/api/v1/reports/custom");
  g_assert_cmpuint (r->problems->len, ==, 0);
  r = g_ptr_array_index (requests, 1);
  g_assert_cmpstr (r->method, ==, "post");
  g_assert_true (has_problem (r, "format must be equal to one of the allowed values"));
  r = g_ptr_array_index (requests, 2);
  g_assert_cmpstr (r->path, ==, "/api/v1/employees/directory");
  g_assert_true (has_problem (r, "Invalid security scheme used"));
}

static void
test_validates_personio (void)
{
  HcPrism *prism = get_prism (SPEC_PERSONIO);
  g_auto (Answer) zero = { 0 };
  g_auto (Answer) anonymous = { 0 };
  g_auto (Answer) no_secret = { 0 };
  g_autoptr (GPtrArray) requests = NULL;
  HcPrismRequest *r;

  if (prism == NULL)
    return;
  g_ptr_array_unref (take_requests (prism));

  /* limit has a minimum of 1. */
  send_direct (prism, "GET", "/company/employees?limit=0&offset=0", "Bearer papi-prism", NULL, &zero);
  g_assert_cmpuint (zero.status, ==, 422);
  g_assert_nonnull (strstr (zero.body, "limit must be >= 1"));

  send_direct (prism, "GET", "/company/employees?limit=1&offset=0", NULL, NULL, &anonymous);
  g_assert_cmpuint (anonymous.status, ==, 401);

  send_direct (prism, "POST", "/auth", NULL, "{\"client_id\":\"" PERSONIO_CLIENT_ID "\"}", &no_secret);
  g_assert_cmpuint (no_secret.status, ==, 422);
  g_assert_nonnull (strstr (no_secret.body, "client_secret"));

  g_clear_pointer (&requests, g_ptr_array_unref);
  requests = take_requests (prism);
  g_assert_cmpuint (requests->len, ==, 3);
  r = g_ptr_array_index (requests, 0);
  g_assert_true (has_problem (r, "limit must be >= 1"));
  r = g_ptr_array_index (requests, 1);
  g_assert_true (has_problem (r, "Invalid security scheme used"));
  r = g_ptr_array_index (requests, 2);
  g_assert_cmpstr (r->method, ==, "post");
  g_assert_cmpstr (r->path, ==, "/auth");
  g_assert_true (has_problem (r, "client_secret"));
}

static void
test_personio_connection (void)
{
  HcPrism *prism = get_prism (SPEC_PERSONIO);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  HcPrismRequest *first;

  if (prism == NULL)
    return;
  g_ptr_array_unref (take_requests (prism));
  connector = new_personio (prism);
  test_connection (connector);

  requests = take_requests (prism);
  assert_no_violation (requests);
  g_assert_cmpuint (requests->len, >=, 2);
  first = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (first->method, ==, "post");
  g_assert_cmpstr (first->path, ==, "/auth");
  g_assert_cmpuint (count_requests (requests, "post", "/auth"), ==, 1);
  g_assert_cmpuint (count_requests (requests, "get", "/company/employees"), >=, 1);
  assert_no_secret (prism);
}

static void
test_personio_fetch (void)
{
  HcPrism *prism = get_prism (SPEC_PERSONIO);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  Progress progress = { 0 };
  HcEmployee *e;

  if (prism == NULL)
    return;
  g_ptr_array_unref (take_requests (prism));
  connector = new_personio (prism);
  employees = fetch (connector, &progress);

  /* The example says total_elements 2, total_pages 3, and lists one
   * employee whatever the offset: one short page, read once. */
  requests = take_requests (prism);
  assert_no_violation (requests);
  g_assert_cmpuint (count_requests (requests, "post", "/auth"), ==, 1);
  g_assert_cmpuint (count_requests (requests, "get", "/company/employees"), ==, 1);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpuint (employees->len, ==, 1);
  g_assert_cmpuint (progress.calls, >=, 1);
  g_assert_nonnull (progress.last_message);
  g_assert_nonnull (strstr (progress.last_message, "Personio"));
  g_clear_pointer (&progress.last_message, g_free);

  /* The spec's example, field by field. */
  e = g_ptr_array_index (employees, 0);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "1");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_FIRST_NAME), ==, "Alexander");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_LAST_NAME), ==, "Bergmann");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_PREFERRED_NAME), ==, "Alexander Bergmann");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_EMAIL), ==, "alexander.bergmann@demo.email");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  g_assert_cmpstr (hc_employee_get_field (e, HC_PERSONIO_FIELD_STATUS_RAW), ==, "active");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_POSITION), ==, "CTO");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_MANAGER_ID), ==, "2");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_DEPARTMENT), ==, "Customer Support");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_OFFICE), ==, "Munich");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_TEAM), ==, "T_X");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_HIRE_DATE), ==, "2014-11-09");
  /* contract_end_date and termination_date are null */
  g_assert_null (hc_employee_get_field (e, HC_FIELD_END_DATE));

  /* Raw attributes, keyed as hc-personio-connector.h says. */
  g_assert_cmpstr (hc_employee_get_field (e, "gender"), ==, "male");
  g_assert_cmpstr (hc_employee_get_field (e, "employment_type"), ==, "external");
  g_assert_cmpstr (hc_employee_get_field (e, "weekly_working_hours"), ==, "40");
  g_assert_cmpstr (hc_employee_get_field (e, "fix_salary"), ==, "3000");
  g_assert_cmpstr (hc_employee_get_field (e, "fix_salary.currency"), ==, "EUR");
  g_assert_cmpstr (hc_employee_get_field (e, "department.id"), ==, "281521");
  g_assert_cmpstr (hc_employee_get_field (e, "department.name"), ==, "Customer Support");
  g_assert_cmpstr (hc_employee_get_field (e, "supervisor.id"), ==, "2");
  g_assert_cmpstr (hc_employee_get_field (e, "subcompany.name"), ==, "CS Demo GmbH");
  g_assert_cmpstr (hc_employee_get_field (e, "holiday_calendar.country"), ==, "DE");
  g_assert_cmpstr (hc_employee_get_field (e, "cost_centers.name"), ==, "Cost center 1");
  g_assert_cmpstr (hc_employee_get_field (e, "created_at"), ==, "2017-05-23T09:49:03+02:00");
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_24407"), ==, "Dr");
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_21827"), ==, "DE98 8989 9898 0000 8989 00");
  g_assert_cmpstr (hc_employee_get_field (e, "dynamic_33400"), ==, "2021-01-01");
  g_assert_null (hc_employee_get_field (e, "contract_end_date"));
  /* and by the slug of their label */
  g_assert_cmpstr (hc_employee_get_field (e, "titel"), ==, "Dr");
  g_assert_cmpstr (hc_employee_get_field (e, "anniversary_date"), ==, "2021-01-01");

  assert_no_secret (prism);
}

static void
test_bamboohr_connection (void)
{
  HcPrism *prism = get_prism (SPEC_BAMBOOHR);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GPtrArray) requests = NULL;

  if (prism == NULL)
    return;
  g_ptr_array_unref (take_requests (prism));
  connector = new_bamboohr (prism);
  test_connection (connector);

  requests = take_requests (prism);
  assert_no_violation (requests);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpuint (count_requests (requests, "post", "/api/v1/reports/custom"), ==, 1);
  assert_no_secret (prism);
}

static void
test_bamboohr_fetch (void)
{
  HcPrism *prism = get_prism (SPEC_BAMBOOHR);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  Progress progress = { 0 };
  HcEmployee *e;

  if (prism == NULL)
    return;
  g_ptr_array_unref (take_requests (prism));
  connector = new_bamboohr (prism);
  employees = fetch (connector, &progress);
  g_clear_pointer (&progress.last_message, g_free);

  requests = take_requests (prism);
  assert_no_violation (requests);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpuint (count_requests (requests, "get", "/api/v1/meta/fields"), ==, 1);
  g_assert_cmpuint (count_requests (requests, "post", "/api/v1/reports/custom"), ==, 1);

  /* The custom report has no example in the spec: Prism answers with the
   * schema's own placeholders, one employee
   * {"id": "string", "property1": "string", "property2": "string"}. */
  g_assert_cmpuint (employees->len, ==, 1);
  e = g_ptr_array_index (employees, 0);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "string");
  g_assert_cmpstr (hc_employee_get_field (e, "property1"), ==, "string");
  g_assert_cmpstr (hc_employee_get_field (e, "property2"), ==, "string");
  g_assert_null (hc_employee_get_field (e, HC_FIELD_FIRST_NAME));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_EMAIL));
  g_assert_null (hc_employee_get_field (e, HC_FIELD_MANAGER_ID));
  g_assert_null (hc_employee_get_field (e, "bamboohr.status"));
  /* No status at all reads as active (hc-bamboohr-connector.h). */
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  assert_no_secret (prism);
}

typedef struct
{
  const char *path;
  GTestFunc   func;
} Case;

static const Case cases[] = {
  { "/prism/installed", test_installed },
  { "/prism/validates/bamboohr", test_validates_bamboohr },
  { "/prism/validates/personio", test_validates_personio },
  { "/prism/personio/test-connection", test_personio_connection },
  { "/prism/personio/fetch", test_personio_fetch },
  { "/prism/bamboohr/test-connection", test_bamboohr_connection },
  { "/prism/bamboohr/fetch", test_bamboohr_fetch },
};

/* Why every case is skipped, or NULL to run them. Only the prism option
 * skips: -Dprism=disabled, or -Dprism=auto without Node.js or without
 * Prism installed. With -Dprism=enabled a missing Prism fails the cases,
 * saying how to install it. */
static char *skip_reason;

static char *
find_skip_reason (void)
{
  g_autofree char *prism = NULL;

  if (HC_PRISM_SKIP_REASON[0] != '\0')
    return g_strdup (HC_PRISM_SKIP_REASON);
  if (!g_str_equal (HC_PRISM_MODE, "auto"))
    return NULL;
  prism = g_build_filename (HC_PRISM_DIR, "node_modules", ".bin", "prism", NULL);
  if (!g_file_test (prism, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup_printf ("Prism skipped: it is not installed (%s is missing) and -Dprism=auto; "
                            HC_PRISM_INSTALL_HINT, prism);
  return NULL;
}

static void
run_case (gconstpointer data)
{
  const Case *test_case = data;

  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }
  test_case->func ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* hc-http logs only when its debug output is enabled; the tests capture
   * it rather than print it. */
  g_setenv ("G_MESSAGES_DEBUG", "hc-http", TRUE);
  /* 127.0.0.1 direct, whatever the machine's proxy */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  /* Prism answers at once: a hang is a failure, not a reason to wait. */
  g_setenv ("HEADCOUNT_HTTP_POLICY", "connect=5,read=10,attempts=2,total=20,delay=100", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  captured_log = g_string_new (NULL);
  g_log_set_handler ("hc-http", G_LOG_LEVEL_DEBUG, capture_log_cb, NULL);

  skip_reason = find_skip_reason ();
  if (skip_reason != NULL)
    g_test_message ("%s", skip_reason);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_case);

  status = g_test_run ();

  for (guint i = 0; i < N_SPECS; i++)
    {
      g_clear_pointer (&prisms[i], hc_prism_free);
      g_clear_error (&prism_errors[i]);
    }
  g_string_free (captured_log, TRUE);
  g_free (skip_reason);
  return status;
}
