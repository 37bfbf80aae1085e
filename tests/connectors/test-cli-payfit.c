/* test-cli-payfit.c — PayFit end to end through headcount-cli: connector add
 * signs in through the (test's) browser, then test, sync, members, with a
 * real keyring; the tokens never in the output, a log or a file
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hc-connector-kind.h"
#include "hc-connector-secret.h"
#include "hc-fake-payfit.h"
#include "hc-oauth-tokens.h"
#include "hc-secrets.h"
#include "hc-store.h"
#include "hc-test-keyring.h"

#define N_PEOPLE 60

static HcTestSession *session;
static char **session_env;
static char *root;

static GSubprocess *
spawn_cli (const char         *data_dir,
           const char * const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_environ (launcher, session_env);
  g_subprocess_launcher_unsetenv (launcher, "HEADCOUNT_DATA_DIR");
  /* Debug logging on, so that a token in a log line would show. */
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "HEADCOUNT_HTTP_POLICY",
                                "connect=5,read=5,attempts=2,total=10,delay=10", TRUE);
  g_ptr_array_add (args, (char *) g_getenv ("HC_CLI"));
  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, (char *) data_dir);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static void
communicate (GSubprocess *process,
             char       **out,
             char       **err)
{
  g_autoptr (GError) error = NULL;

  g_subprocess_communicate_utf8 (process, "", NULL, out, err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("headcount-cli did not exit normally: %s", *err);
}

/* The browser: GET @uri (redirects followed, to the CLI's listener). */
static gpointer
browser_thread (gpointer data)
{
  char *uri = data;
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (SoupSession) session_ = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  char *page;

  g_main_context_push_thread_default (context);
  session_ = soup_session_new ();
  msg = soup_message_new ("GET", uri);
  body = soup_session_send_and_read (session_, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  page = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_clear_object (&msg);
  g_clear_object (&session_);
  g_main_context_pop_thread_default (context);
  g_free (uri);
  return page;
}

/* Runs "connector add payfit …" (or edit --sign-in) and plays the browser
 * once it printed the address. */
static int
run_sign_in (const char         *data_dir,
             const char * const *argv,
             char              **out,
             char              **err,
             char              **page)
{
  g_autoptr (GSubprocess) process = spawn_cli (data_dir, argv);
  g_autoptr (GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_autoptr (GString) head = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *rest = NULL;
  GThread *browser = NULL;
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      g_autofree char *owned = line;

      g_string_append_printf (head, "%s\n", line);
      if (g_str_has_prefix (line, "  http"))
        {
          browser = g_thread_new ("browser", browser_thread, g_strdup (g_strstrip (line)));
          break;
        }
    }
  g_assert_no_error (error);
  g_assert_nonnull (browser);
  *page = g_thread_join (browser);
  /* The rest of stdout, then stderr. */
  {
    g_autoptr (GBytes) bytes = NULL;
    g_autoptr (GOutputStream) sink = g_memory_output_stream_new_resizable ();

    g_output_stream_splice (sink, G_INPUT_STREAM (lines), G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
    g_assert_no_error (error);
    bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (sink));
    rest = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  }
  {
    g_autoptr (GOutputStream) sink = g_memory_output_stream_new_resizable ();
    g_autoptr (GBytes) bytes = NULL;

    g_output_stream_splice (sink, g_subprocess_get_stderr_pipe (process),
                            G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
    g_assert_no_error (error);
    bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (sink));
    *err = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  }
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  *out = g_strconcat (head->str, rest, NULL);
  return g_subprocess_get_exit_status (process);
}

static void
assert_no_token (const char *text)
{
  if (text != NULL && strstr (text, HC_FAKE_PAYFIT_TOKEN_PREFIX) != NULL)
    g_error ("a PayFit token appears in the output (%zu bytes searched)", strlen (text));
}

static void
test_end_to_end (void)
{
  g_autofree char *data_dir = g_build_filename (root, "payfit", NULL);
  g_autoptr (GPtrArray) people = hc_fake_people_new (N_PEOPLE);
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autofree char *authorize = hc_fake_payfit_dup_authorize_url (fake);
  g_autofree char *token = hc_fake_payfit_dup_token_url (fake);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *page = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *refresh = NULL;
  g_autoptr (HcStore) store = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcSecret) secret = NULL;
  g_autoptr (HcOAuthTokens) tokens = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GPtrArray) members = NULL;
  guint n_managed = 0;
  int status;
  const char *add[] = {
    "connector", "add", "payfit", "--name", "Paie", "--no-browser",
    "--base-url", hc_fake_payfit_get_base_url (fake), "--authorize-url", authorize,
    "--token-url", token, "--client-id", HC_FAKE_PAYFIT_CLIENT_ID, NULL
  };

  /* --secret-stdin has no place: nothing is typed. */
  {
    const char *typed[] = { "connector", "add", "payfit", "--name", "Typed", "--secret-stdin", NULL };
    g_autoptr (GSubprocess) process = spawn_cli (data_dir, typed);

    communicate (process, &out, &err);
    g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
    g_assert_nonnull (strstr (err, "signing in in the browser"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  status = run_sign_in (data_dir, add, &out, &err, &page);
  if (status != 0)
    g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "sign in in your browser"));
  g_assert_nonnull (strstr (out, "Signed in to PayFit"));
  g_assert_nonnull (strstr (out, "Connector “Paie” added"));
  g_assert_nonnull (strstr (page, "You can close this window"));
  assert_no_token (out);
  assert_no_token (err);
  g_assert_cmpuint (hc_fake_payfit_count_grants (fake, "authorization_code"), ==, 1);

  /* The tokens are in the keyring, and only there. */
  db_path = g_build_filename (data_dir, "default.db", NULL);
  store = hc_store_new (db_path, &error);
  g_assert_no_error (error);
  info = hc_store_find_connector (store, "Paie", NULL);
  g_assert_nonnull (info);
  g_assert_nonnull (strstr (info->settings, authorize));
  assert_no_token (info->settings);
  secret = hc_connector_secret_lookup_sync (hc_store_get_workspace_id (store), info->id,
                                            hc_connector_kind_lookup ("payfit"), NULL, &error);
  g_assert_no_error (error);
  tokens = hc_oauth_tokens_from_secret (secret);
  g_assert_nonnull (tokens);
  refresh = hc_fake_payfit_dup_refresh_token (fake);
  g_assert_cmpstr (tokens->refresh_token, ==, refresh);

  /* test and sync with the keyring's tokens */
  {
    const char *test[] = { "connector", "test", "Paie", NULL };
    g_autoptr (GSubprocess) process = spawn_cli (data_dir, test);

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    communicate (process, &out, &err);
    if (g_subprocess_get_exit_status (process) != 0)
      g_test_message ("%s", err);
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    assert_no_token (out);
    assert_no_token (err);
  }
  {
    const char *sync[] = { "sync", "Paie", "--yes", "--json", NULL };
    g_autoptr (GSubprocess) process = spawn_cli (data_dir, sync);

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    communicate (process, &out, &err);
    if (g_subprocess_get_exit_status (process) != 0)
      g_test_message ("%s", err);
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    assert_no_token (out);
    assert_no_token (err);
  }
  g_clear_object (&store);
  store = hc_store_new (db_path, &error);
  g_assert_no_error (error);
  members = hc_store_list_members (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < members->len; i++)
    if (hc_member_get_hr_status (g_ptr_array_index (members, i)) == HC_HR_STATUS_MANAGED)
      n_managed++;
  g_assert_cmpuint (n_managed, >, N_PEOPLE / 2);

  /* Revoked in PayFit, expired here: the sync says to sign in again, and
   * the connector's credentials show as rejected. */
  hc_fake_payfit_set_refuse_refresh (fake, TRUE);
  tokens->expires_at = 1;
  {
    g_autofree char *expired = hc_oauth_tokens_to_secret (tokens);
    const HcConnectorKind *kind = hc_connector_kind_lookup ("payfit");

    g_assert_true (hc_secrets_store_sync (hc_store_get_workspace_id (store), info->id, kind->secret_kind,
                                          NULL, expired, NULL, &error));
    g_assert_no_error (error);
  }
  {
    const char *sync[] = { "sync", "Paie", "--yes", NULL };
    g_autoptr (GSubprocess) process = spawn_cli (data_dir, sync);

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    communicate (process, &out, &err);
    g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
    g_assert_nonnull (strstr (err, "Sign in to PayFit again"));
    assert_no_token (out);
    assert_no_token (err);

    {
      g_autoptr (HcStore) reread = hc_store_new (db_path, &error);
      g_autoptr (HcConnectorInfo) failed = NULL;

      g_assert_no_error (error);
      failed = hc_store_get_connector (reread, info->id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (failed->credentials, ==, HC_CREDENTIALS_REJECTED);
      g_assert_cmpstr (hc_connector_status_describe (hc_connector_info_get_status (failed)), ==,
                       "Credentials rejected");
    }
  }

  /* Signing in again replaces the tokens. */
  hc_fake_payfit_set_refuse_refresh (fake, FALSE);
  {
    const char *edit[] = { "connector", "edit", "Paie", "--sign-in", "--no-browser", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&page, g_free);
    status = run_sign_in (data_dir, edit, &out, &err, &page);
    if (status != 0)
      g_test_message ("%s", err);
    g_assert_cmpint (status, ==, 0);
    assert_no_token (out);
    assert_no_token (err);
    g_assert_cmpuint (hc_fake_payfit_count_grants (fake, "authorization_code"), ==, 2);
  }

  /* No token in any file of the data directory. */
  hits = hc_test_find_in_tree (data_dir, HC_FAKE_PAYFIT_TOKEN_PREFIX, NULL);
  g_assert_cmpuint (hits->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  session = hc_test_session_start_private ("hc-cli-payfit-XXXXXX", &root);
  session_env = hc_test_session_update_environ (session, g_get_environ ());
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", hc_test_session_get_bus_address (session), TRUE);

  g_test_add_func ("/cli-payfit/end-to-end", test_end_to_end);

  status = g_test_run ();

  g_strfreev (session_env);
  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
