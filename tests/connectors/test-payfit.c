/* test-payfit.c — PayFit's browser sign-in and collaborators against the
 * fake authorization server and API
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "config.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-oauth-flow.h"
#include "hc-payfit-connector.h"
#include "hc-fake-payfit.h"
#include "hc-connector-test.h"

#define DEFAULT_POLICY "connect=5,read=5,attempts=3,total=10,delay=10"

static char *
date_from_today (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

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
  g_ptr_array_add (people, p);

  /* No work e-mail: PayFit does not require one. */
  p = hc_fake_person_new ("2", "Jürgen", "Müller", NULL);
  g_free (p->status);
  p->status = g_strdup ("onboarding");
  p->position = g_strdup ("Engineer");
  p->manager_id = g_strdup ("1");
  p->hire_date = date_from_today (30);
  g_ptr_array_add (people, p);

  p = hc_fake_person_new ("3", "Søren", "Ørsted", "soren@fake-hris.example");
  g_free (p->status);
  p->status = g_strdup ("leave");
  p->manager_id = g_strdup ("1");
  p->hire_date = g_strdup ("2019-01-07");
  g_ptr_array_add (people, p);

  p = hc_fake_person_new ("4", "Ada", "Byron", "ada@fake-hris.example");
  g_free (p->status);
  p->status = g_strdup ("inactive");
  p->manager_id = g_strdup ("1");
  p->hire_date = g_strdup ("2018-05-01");
  p->end_date = g_strdup ("2024-12-31");
  g_ptr_array_add (people, p);

  return people;
}

/* The browser: GETs @uri in a thread of its own, following redirects (to
 * the loopback listener), while the test's main loop runs the flow. */

typedef struct
{
  char *uri;
  guint status;
  char *body;
  char *final_uri;
} Browser;

static void
browser_free (Browser *browser)
{
  g_free (browser->uri);
  g_free (browser->body);
  g_free (browser->final_uri);
  g_free (browser);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Browser, browser_free)

static void
browser_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Browser *browser = task_data;
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  msg = soup_message_new ("GET", browser->uri);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  browser->status = soup_message_get_status (msg);
  browser->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  browser->final_uri = g_uri_to_string (soup_message_get_uri (msg));
  g_clear_object (&msg);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  g_task_return_boolean (task, TRUE);
}

static void
browser_open (const char    *uri,
              GAsyncResult **result)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, hc_connector_test_store_once_cb, result);
  Browser *browser = g_new0 (Browser, 1);

  browser->uri = g_strdup (uri);
  g_task_set_task_data (task, browser, (GDestroyNotify) browser_free);
  g_task_run_in_thread (task, browser_thread);
}

static Browser *
browser_finish (GAsyncResult *result)
{
  Browser *browser = g_task_get_task_data (G_TASK (result));
  Browser *copy = g_new0 (Browser, 1);

  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  copy->status = browser->status;
  copy->body = g_strdup (browser->body);
  copy->final_uri = g_strdup (browser->final_uri);
  return copy;
}

static HcOAuthFlow *
flow_new (HcFakePayfit *fake)
{
  g_autofree char *authorize = hc_fake_payfit_dup_authorize_url (fake);
  g_autofree char *token = hc_fake_payfit_dup_token_url (fake);
  g_autoptr (GError) error = NULL;
  HcOAuthFlow *flow = hc_oauth_flow_new ("PayFit", authorize, token, HC_FAKE_PAYFIT_CLIENT_ID,
                                         HC_PAYFIT_SCOPE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (flow);
  return flow;
}

/* Runs a whole sign-in, the browser included; returns the tokens, or NULL
 * with @error; @page: (out) (optional) what the browser showed. */
static HcOAuthTokens *
sign_in (HcFakePayfit *fake,
         Browser     **page,
         GError      **error)
{
  g_autoptr (HcOAuthFlow) flow = flow_new (fake);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) browsed = NULL;
  g_autoptr (Browser) browser = NULL;
  HcOAuthTokens *tokens;

  hc_oauth_flow_wait_async (flow, 20, NULL, hc_connector_test_store_once_cb, &result);
  browser_open (hc_oauth_flow_get_authorize_uri (flow), &browsed);
  hc_connector_test_wait (&result);
  tokens = hc_oauth_flow_wait_finish (flow, result, error);
  hc_connector_test_wait (&browsed);
  browser = browser_finish (browsed);
  g_assert_true (g_str_has_prefix (browser->final_uri, hc_oauth_flow_get_redirect_uri (flow)));
  if (page != NULL)
    *page = g_steal_pointer (&browser);
  return tokens;
}

static char *
signed_in_secret (HcFakePayfit *fake)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcOAuthTokens) tokens = sign_in (fake, NULL, &error);

  g_assert_no_error (error);
  return hc_oauth_tokens_to_secret (tokens);
}

static HcConnector *
connector_new (HcFakePayfit *fake,
               const char   *secret)
{
  g_autofree char *token = hc_fake_payfit_dup_token_url (fake);
  g_autoptr (GError) error = NULL;
  HcConnector *connector = hc_payfit_connector_new (hc_fake_payfit_get_base_url (fake), token,
                                                    HC_FAKE_PAYFIT_CLIENT_ID, secret, &error);

  g_assert_no_error (error);
  g_assert_true (HC_IS_CONNECTOR (connector));
  return connector;
}

static gboolean
run_test_connection (HcConnector *connector,
                     GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_connector_test_connection_async (connector, NULL, hc_connector_test_store_once_cb, &result);
  hc_connector_test_wait (&result);
  return hc_connector_test_connection_finish (connector, result, error);
}

static GPtrArray *
run_fetch (HcConnector *connector,
           GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_connector_fetch_employees_async (connector, NULL, NULL, NULL, hc_connector_test_store_once_cb, &result);
  hc_connector_test_wait (&result);
  return hc_connector_fetch_employees_finish (connector, result, error);
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

static void
assert_field (HcEmployee *employee,
              const char *field,
              const char *expected)
{
  const char *value = hc_employee_get_field (employee, field);

  if (g_strcmp0 (value, expected) != 0)
    g_error ("employee %s, field %s: “%s”, expected “%s”", hc_employee_get_id (employee), field,
             value ? value : "(absent)", expected ? expected : "(absent)");
}

/* Tests */

static void
test_pkce (void)
{
  /* RFC 7636 appendix B. */
  g_autofree char *challenge = hc_oauth_flow_compute_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_sign_in (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autoptr (HcOAuthFlow) flow = flow_new (fake);
  g_autoptr (GUri) uri = g_uri_parse (hc_oauth_flow_get_authorize_uri (flow), G_URI_FLAGS_NONE, NULL);
  g_autoptr (GHashTable) query = soup_form_decode (g_uri_get_query (uri));
  g_autoptr (GError) error = NULL;
  g_autoptr (Browser) page = NULL;
  g_autoptr (HcOAuthTokens) tokens = NULL;
  g_autoptr (HcOAuthTokens) back = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *secret = NULL;

  /* What the browser is sent to: PKCE S256, a loopback redirect on the
   * port the system chose, a state. */
  g_assert_cmpstr (g_hash_table_lookup (query, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge_method"), ==, "S256");
  g_assert_cmpuint (strlen (g_hash_table_lookup (query, "code_challenge")), ==, 43);
  g_assert_cmpuint (strlen (g_hash_table_lookup (query, "state")), >=, 32);
  g_assert_cmpstr (g_hash_table_lookup (query, "client_id"), ==, HC_FAKE_PAYFIT_CLIENT_ID);
  g_assert_cmpstr (g_hash_table_lookup (query, "scope"), ==, HC_PAYFIT_SCOPE);
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (query, "redirect_uri"), "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (query, "redirect_uri"), HC_OAUTH_FLOW_CALLBACK_PATH));
  g_assert_false (g_str_has_prefix (g_hash_table_lookup (query, "redirect_uri"), "http://127.0.0.1:0/"));

  tokens = sign_in (fake, &page, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);

  /* The fake checked the verifier against the challenge; so does the test. */
  challenge = hc_fake_payfit_dup_last_challenge (fake);
  verifier = hc_fake_payfit_dup_last_verifier (fake);
  g_assert_nonnull (verifier);
  {
    g_autofree char *expected = hc_oauth_flow_compute_challenge (verifier);

    g_assert_cmpstr (challenge, ==, expected);
  }
  g_assert_cmpuint (hc_fake_payfit_count_grants (fake, "authorization_code"), ==, 1);

  access = hc_fake_payfit_dup_access_token (fake);
  refresh = hc_fake_payfit_dup_refresh_token (fake);
  g_assert_cmpstr (tokens->access_token, ==, access);
  g_assert_cmpstr (tokens->refresh_token, ==, refresh);
  g_assert_cmpint (tokens->expires_at, >, g_get_real_time () / G_USEC_PER_SEC + 3000);

  /* The browser's page: the sign-in worked, and no token on it. */
  g_assert_cmpuint (page->status, ==, 200);
  hc_connector_test_assert_has (page->body, "You can close this window");
  hc_connector_test_assert_lacks (page->body, HC_FAKE_PAYFIT_TOKEN_PREFIX);

  /* The keyring's form comes back whole. */
  secret = hc_oauth_tokens_to_secret (tokens);
  back = hc_oauth_tokens_from_secret (secret);
  g_assert_cmpstr (back->access_token, ==, access);
  g_assert_cmpstr (back->refresh_token, ==, refresh);
  g_assert_cmpint (back->expires_at, ==, tokens->expires_at);
  g_assert_null (hc_oauth_tokens_from_secret ("not json"));
  g_assert_null (hc_oauth_tokens_from_secret ("{}"));
}

/* An answer with another state is refused, and the flow goes on waiting
 * for its own. */
static void
test_sign_in_state (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autoptr (HcOAuthFlow) flow = flow_new (fake);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) forged = NULL;
  g_autoptr (GAsyncResult) browsed = NULL;
  g_autoptr (Browser) forged_page = NULL;
  g_autoptr (Browser) page = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcOAuthTokens) tokens = NULL;
  g_autofree char *forged_uri = g_strconcat (hc_oauth_flow_get_redirect_uri (flow),
                                             "?code=stolen-code&state=not-the-state", NULL);

  hc_oauth_flow_wait_async (flow, 20, NULL, hc_connector_test_store_once_cb, &result);
  browser_open (forged_uri, &forged);
  hc_connector_test_wait (&forged);
  forged_page = browser_finish (forged);
  g_assert_cmpuint (forged_page->status, ==, 400);
  hc_connector_test_assert_has (forged_page->body, "not the one Headcount is waiting for");
  g_assert_null (result);
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_payfit_get_server (fake), HC_FAKE_PAYFIT_TOKEN_PATH), ==, 0);

  browser_open (hc_oauth_flow_get_authorize_uri (flow), &browsed);
  hc_connector_test_wait (&result);
  tokens = hc_oauth_flow_wait_finish (flow, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  hc_connector_test_wait (&browsed);
  page = browser_finish (browsed);
  g_assert_cmpuint (page->status, ==, 200);
}

static void
test_sign_in_denied (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autoptr (GError) error = NULL;
  g_autoptr (Browser) page = NULL;
  g_autoptr (HcOAuthTokens) tokens = NULL;

  hc_fake_payfit_set_deny (fake, TRUE);
  tokens = sign_in (fake, &page, &error);
  g_assert_null (tokens);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "declined");
  hc_connector_test_assert_has (error->message, "PayFit");
  g_assert_cmpuint (page->status, ==, 200);
  hc_connector_test_assert_has (page->body, "You can close this window");
  g_assert_cmpuint (hc_fake_payfit_count_grants (fake, "authorization_code"), ==, 0);
}

static void
test_sign_in_timeout_cancel (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autoptr (HcOAuthFlow) slow = flow_new (fake);
  g_autoptr (HcOAuthFlow) cancelled = flow_new (fake);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) result2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcOAuthTokens) tokens = NULL;

  hc_oauth_flow_wait_async (slow, 1, NULL, hc_connector_test_store_once_cb, &result);
  hc_connector_test_wait (&result);
  tokens = hc_oauth_flow_wait_finish (slow, result, &error);
  g_assert_null (tokens);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  hc_connector_test_assert_has (error->message, "did not come back");
  g_clear_error (&error);

  hc_oauth_flow_wait_async (cancelled, 60, cancellable, hc_connector_test_store_once_cb, &result2);
  g_cancellable_cancel (cancellable);
  hc_connector_test_wait (&result2);
  tokens = hc_oauth_flow_wait_finish (cancelled, result2, &error);
  g_assert_null (tokens);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* A plain http sign-in page elsewhere than this machine is refused. */
  g_clear_error (&error);
  g_assert_null (hc_oauth_flow_new ("PayFit", "http://oauth.example/authorize", "https://oauth.example/token",
                                    "x", NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
}

static void
test_fetch (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autofree char *secret = signed_in_secret (fake);
  g_autoptr (HcConnector) connector = connector_new (fake, secret);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) metadata = NULL;
  HcFakeHris *server = hc_fake_payfit_get_server (fake);
  HcEmployee *e;
  gboolean has_contract_status = FALSE;

  run_test_connection (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_PAYFIT_INTROSPECT_PATH), ==, 1);

  employees = run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 4);
  /* The company id was learnt once. */
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_PAYFIT_INTROSPECT_PATH), ==, 1);

  e = find_employee (employees, "1");
  assert_field (e, HC_FIELD_FIRST_NAME, "Zoé");
  assert_field (e, HC_FIELD_LAST_NAME, "Lefèvre");
  assert_field (e, HC_FIELD_PREFERRED_NAME, "Zo");
  assert_field (e, HC_FIELD_EMAIL, "zoe.lefevre@fake-hris.example");
  assert_field (e, HC_FIELD_POSITION, "Chief Executive Officer");
  assert_field (e, HC_FIELD_DEPARTMENT, "Executive");
  assert_field (e, HC_FIELD_TEAM, "Board");
  assert_field (e, HC_FIELD_OFFICE, "Paris");
  assert_field (e, HC_FIELD_HIRE_DATE, "2015-03-02");
  assert_field (e, "matricule", "00001");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);

  /* The personal address is never the e-mail. */
  e = find_employee (employees, "2");
  assert_field (e, HC_FIELD_EMAIL, NULL);
  assert_field (e, HC_FIELD_MANAGER_ID, "1");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);
  g_assert_cmpint (hc_employee_get_status (find_employee (employees, "3")), ==, HC_EMPLOYEE_STATUS_LEAVE);
  e = find_employee (employees, "4");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  assert_field (e, HC_FIELD_END_DATE, "2024-12-31");

  metadata = hc_connector_dup_field_metadata (connector);
  for (guint i = 0; i < metadata->len; i++)
    if (g_str_equal (((HcFieldInfo *) g_ptr_array_index (metadata, i))->name, "contract.status"))
      has_contract_status = TRUE;
  g_assert_true (has_contract_status);
}

static void
test_refresh (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autofree char *secret = NULL;
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (HcOAuthTokens) before = NULL;
  g_autoptr (HcOAuthTokens) after = NULL;
  g_autofree char *renewed = NULL;
  g_autofree char *access = NULL;

  /* Tokens that expire within the margin: renewed before any request. */
  hc_fake_payfit_set_expires_in (fake, 2);
  secret = signed_in_secret (fake);
  before = hc_oauth_tokens_from_secret (secret);
  hc_fake_payfit_set_expires_in (fake, 3600);
  connector = connector_new (fake, secret);

  employees = run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 4);
  g_assert_cmpuint (hc_fake_payfit_count_grants (fake, "refresh_token"), ==, 1);

  renewed = hc_payfit_connector_dup_secret (HC_PAYFIT_CONNECTOR (connector));
  after = hc_oauth_tokens_from_secret (renewed);
  access = hc_fake_payfit_dup_access_token (fake);
  g_assert_cmpstr (after->access_token, ==, access);
  g_assert_cmpstr (after->access_token, !=, before->access_token);
  g_assert_cmpstr (after->refresh_token, !=, before->refresh_token);
  g_assert_cmpstr (after->account_id, ==, HC_FAKE_PAYFIT_COMPANY_ID);
  g_assert_cmpint (after->expires_at, >, g_get_real_time () / G_USEC_PER_SEC + 3000);

  /* Fresh tokens are not renewed again. */
  g_clear_pointer (&employees, g_ptr_array_unref);
  employees = run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_fake_payfit_count_grants (fake, "refresh_token"), ==, 1);
}

static void
test_refresh_refused (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autofree char *secret = NULL;
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;

  hc_fake_payfit_set_expires_in (fake, 2);
  secret = signed_in_secret (fake);
  hc_fake_payfit_set_refuse_refresh (fake, TRUE);
  connector = connector_new (fake, secret);

  employees = run_fetch (connector, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  hc_connector_test_assert_has (error->message, "Sign in to PayFit again");
  hc_connector_test_assert_lacks (error->message, HC_FAKE_PAYFIT_TOKEN_PREFIX);
  g_clear_error (&error);
  g_assert_false (run_test_connection (connector, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_payfit_get_server (fake), HC_FAKE_PAYFIT_PEOPLE_PATH), ==, 0);
}

static void
test_pages (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (120);
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autofree char *secret = signed_in_secret (fake);
  g_autoptr (HcConnector) connector = connector_new (fake, secret);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  HcFakeHris *server = hc_fake_payfit_get_server (fake);
  g_autofree char *log = NULL;

  employees = run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 120);
  g_assert_cmpuint (hc_fake_hris_count_requests (server, HC_FAKE_PAYFIT_PEOPLE_PATH), ==, 3);
  log = hc_fake_hris_dup_request_log (server);
  hc_connector_test_assert_has (log, "maxResults=50");
  hc_connector_test_assert_has (log, "nextPageToken=");
}

static void
test_pages_empty_last (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (100);
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autofree char *secret = signed_in_secret (fake);
  g_autoptr (HcConnector) connector = connector_new (fake, secret);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;

  hc_fake_payfit_set_empty_last_page (fake, TRUE);
  employees = run_fetch (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 100);
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_payfit_get_server (fake), HC_FAKE_PAYFIT_PEOPLE_PATH), ==, 3);
}

static void
test_pages_repeated_token (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (160);
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autofree char *secret = signed_in_secret (fake);
  g_autoptr (HcConnector) connector = connector_new (fake, secret);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;

  hc_fake_payfit_set_repeat_token (fake, TRUE);
  employees = run_fetch (connector, &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  g_assert_cmpuint (hc_fake_hris_count_requests (hc_fake_payfit_get_server (fake), HC_FAKE_PAYFIT_PEOPLE_PATH), <=, 4);
}

static void
test_no_token_leak (void)
{
  g_autoptr (GPtrArray) people = small_people ();
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autofree char *secret = NULL;
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (HcConnector) stale = NULL;
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autofree char *log = NULL;
  g_autoptr (HcOAuthTokens) stale_tokens = NULL;
  g_autofree char *stale_secret = NULL;

  hc_connector_test_log_start ();
  hc_fake_payfit_set_expires_in (fake, 2);
  secret = signed_in_secret (fake);
  hc_fake_payfit_set_expires_in (fake, 3600);
  connector = connector_new (fake, secret);
  employees = run_fetch (connector, &error);
  g_assert_no_error (error);

  /* A token the server no longer knows: its 401 quotes it. */
  stale_tokens = hc_oauth_tokens_from_secret (secret);
  stale_tokens->expires_at = 0;
  stale_tokens->account_id = g_strdup (HC_FAKE_PAYFIT_COMPANY_ID);
  stale_secret = hc_oauth_tokens_to_secret (stale_tokens);
  stale = connector_new (fake, stale_secret);
  g_assert_false (run_test_connection (stale, &error));
  g_ptr_array_add (messages, g_strdup (error->message));
  g_clear_error (&error);
  hc_fake_payfit_set_refuse_refresh (fake, TRUE);
  g_clear_object (&stale);
  stale_tokens->expires_at = 1;
  g_clear_pointer (&stale_secret, g_free);
  stale_secret = hc_oauth_tokens_to_secret (stale_tokens);
  stale = connector_new (fake, stale_secret);
  g_assert_false (run_test_connection (stale, &error));
  g_ptr_array_add (messages, g_strdup (error->message));
  log = hc_connector_test_log_stop ();

  for (guint i = 0; i < messages->len; i++)
    hc_connector_test_assert_lacks (g_ptr_array_index (messages, i), HC_FAKE_PAYFIT_TOKEN_PREFIX);
  hc_connector_test_assert_has (log, "Authorization: " HC_HTTP_REDACTED);
  hc_connector_test_assert_has (log, "collaborators");
  hc_connector_test_assert_lacks (log, HC_FAKE_PAYFIT_TOKEN_PREFIX);
  hc_connector_test_assert_lacks (log, "code-");
  hc_connector_test_assert_lacks (log, "Zoé");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "hc-http hc-payfit-connector hc-oauth-flow hc-oauth-tokens", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("HEADCOUNT_HTTP_POLICY", DEFAULT_POLICY, TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  hc_connector_test_capture_log ("hc-http", TRUE);
  hc_connector_test_capture_log ("hc-payfit-connector", TRUE);
  hc_connector_test_capture_log ("hc-oauth-flow", TRUE);
  hc_connector_test_capture_log ("hc-oauth-tokens", TRUE);

  g_test_add_func ("/payfit/pkce", test_pkce);
  g_test_add_func ("/payfit/sign-in", test_sign_in);
  g_test_add_func ("/payfit/sign-in/state", test_sign_in_state);
  g_test_add_func ("/payfit/sign-in/denied", test_sign_in_denied);
  g_test_add_func ("/payfit/sign-in/timeout-cancel", test_sign_in_timeout_cancel);
  g_test_add_func ("/payfit/fetch", test_fetch);
  g_test_add_func ("/payfit/refresh", test_refresh);
  g_test_add_func ("/payfit/refresh/refused", test_refresh_refused);
  g_test_add_func ("/payfit/pages", test_pages);
  g_test_add_func ("/payfit/pages/empty-last", test_pages_empty_last);
  g_test_add_func ("/payfit/pages/repeated-token", test_pages_repeated_token);
  g_test_add_func ("/payfit/secrets/no-leak", test_no_token_leak);

  return g_test_run ();
}
