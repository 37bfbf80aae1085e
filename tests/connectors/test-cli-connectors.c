/* test-cli-connectors.c — each HR connector end to end through the real
 * headcount-cli: add with the secret on stdin (into a real
 * gnome-keyring-daemon), test, sync against the vendor's fake, members,
 * wrong credentials, remove (the secret goes), no keyring; and the secret
 * never reaches the database, a log or the output
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-connectors"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-connector-kind.h"
#include "hc-fake-bamboohr.h"
#include "hc-fake-deel.h"
#include "hc-fake-hibob.h"
#include "hc-fake-hris.h"
#include "hc-fake-lucca.h"
#include "hc-fake-merge.h"
#include "hc-fake-apideck.h"
#include "hc-fake-personio.h"
#include "hc-fake-personio-v2.h"
#include "hc-fake-workday.h"
#include "hc-secrets.h"
#include "hc-store.h"
#include "hc-test-keyring.h"

#define N_PEOPLE 60

typedef struct
{
  const char *kind;
  const char *vendor;
  gpointer (*fake_new)(GPtrArray *people);
  const char *(*fake_base_url)(gpointer fake);
  HcFakeHris *(*fake_server)(gpointer fake);
  void (*fake_free)(gpointer fake);
  const char         *secret;
  const char         *client_id;
  const char         *subdomain;
  /* More options for "connector add" (Apideck's ids), or NULL */
  const char * const *options;
  /* A token the fake issues, as secret as the secret (Personio API v2's
   * access token), or NULL */
  const char         *issued;
  /* The HTTP status that refuses a wrong secret, NULL for "401" */
  const char         *refused;
} Vendor;

#define VENDOR_WRAPPERS(k) \
  static gpointer k ## _new (GPtrArray * people) { return hc_fake_ ## k ## _new (people); } \
  static const char *k ## _base_url (gpointer fake) { return hc_fake_ ## k ## _get_base_url (fake); } \
  static HcFakeHris *k ## _server (gpointer fake) { return hc_fake_ ## k ## _get_server (fake); } \
  static void k ## _free (gpointer fake) { hc_fake_ ## k ## _free (fake); }

VENDOR_WRAPPERS (personio)
VENDOR_WRAPPERS (bamboohr)
VENDOR_WRAPPERS (hibob)
VENDOR_WRAPPERS (lucca)
VENDOR_WRAPPERS (workday)
VENDOR_WRAPPERS (deel)
VENDOR_WRAPPERS (merge)
VENDOR_WRAPPERS (apideck)
VENDOR_WRAPPERS (personio_v2)

#define HC_FAKE_APIDECK_CLIENT_ID ""
#define HC_FAKE_APIDECK_SUBDOMAIN ""
static const char * const apideck_options[] = {
  "--app-id", HC_FAKE_APIDECK_APP_ID, "--consumer-id", HC_FAKE_APIDECK_CONSUMER_ID,
  "--service-id", HC_FAKE_APIDECK_SERVICE_ID, NULL
};

#define VENDOR(k, K, name) \
  { #k, name, k ## _new, k ## _base_url, k ## _server, k ## _free, \
    HC_FAKE_ ## K ## _SECRET, HC_FAKE_ ## K ## _CLIENT_ID, HC_FAKE_ ## K ## _SUBDOMAIN }

static const Vendor vendors[] = {
  VENDOR (personio, PERSONIO, "Personio"),
  VENDOR (bamboohr, BAMBOOHR, "BambooHR"),
  VENDOR (hibob, HIBOB, "HiBob"),
  VENDOR (lucca, LUCCA, "Lucca"),
  VENDOR (workday, WORKDAY, "Workday"),
  VENDOR (deel, DEEL, "Deel"),
  VENDOR (merge, MERGE, "Merge"),
  { "apideck", "Apideck", apideck_new, apideck_base_url, apideck_server, apideck_free,
    HC_FAKE_APIDECK_SECRET, HC_FAKE_APIDECK_CLIENT_ID, HC_FAKE_APIDECK_SUBDOMAIN, apideck_options },
  /* Personio refuses unknown API v2 credentials with 400 invalid_client. */
  { "personio-v2", "Personio", personio_v2_new, personio_v2_base_url, personio_v2_server, personio_v2_free,
    HC_FAKE_PERSONIO_V2_SECRET, HC_FAKE_PERSONIO_V2_CLIENT_ID, HC_FAKE_PERSONIO_V2_SUBDOMAIN, NULL,
    HC_FAKE_PERSONIO_V2_TOKEN, "400" },
};

/* One keyring for the binary: a private bus and a real gnome-keyring-daemon. */
static HcTestSession *session;
static char **session_env;
static char *root;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* headcount-cli --data-dir @data_dir @argv…, @input on stdin.
 * @with_keyring FALSE runs it on a bus where no keyring answers. */
static void
run_cli_argv (Run                *run,
              const char         *data_dir,
              gboolean            with_keyring,
              const char         *input,
              const char * const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("HC_CLI");

  g_assert_nonnull (cli);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, session_env);
  g_subprocess_launcher_unsetenv (launcher, "HEADCOUNT_DATA_DIR");
  /* Debug logging on, so that a leak into a log line would show. */
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "HEADCOUNT_HTTP_POLICY",
                                "connect=5,read=5,attempts=2,total=10,delay=10", TRUE);
  if (!with_keyring)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                  "unix:path=/nonexistent/headcount-no-bus", TRUE);

  g_ptr_array_add (args, (char *) cli);
  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, (char *) data_dir);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static void
run_cli (Run        *run,
         const char *data_dir,
         gboolean    with_keyring,
         const char *input,
         ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run_cli_argv (run, data_dir, with_keyring, input, (const char * const *) args->pdata);
}

/* Never print the secret, even when an assertion fails. A secret of two
 * lines (Merge's key and account token) is two secrets: neither may show. */
static void
assert_no_secret (const char *text,
                  const char *secret)
{
  g_auto (GStrv) parts = g_strsplit (secret, "\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (text != NULL && *parts[i] != '\0' && strstr (text, parts[i]) != NULL)
      g_error ("the secret appears in the output (%zu bytes searched)", strlen (text));
}

static void
assert_run_clean (const Run  *run,
                  const char *secret)
{
  assert_no_secret (run->out, secret);
  assert_no_secret (run->err, secret);
}

static JsonObject *
parse_object (const char *json,
              JsonNode  **root_out)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  /* The JSON contract (docs/cli.md): every document says its version. */
  g_assert_cmpint (json_object_get_int_member_with_default (json_node_get_object (node), "format_version", 0), ==, 1);
  *root_out = node;
  return json_node_get_object (node);
}

/* A failure with --json: stdout is {"format_version": 1, "error": …}
 * alone, with @code. */
static void
assert_json_error (const Run  *run,
                   int         status,
                   const char *code)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object, *error;

  g_assert_cmpint (run->status, ==, status);
  object = parse_object (run->out, &root);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  error = json_object_get_object_member (object, "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member_with_default (error, "code", NULL), ==, code);
  g_assert_nonnull (strstr (run->err, json_object_get_string_member_with_default (error, "message", "-")));
}

static JsonObject *
find_member (JsonArray  *members,
             const char *external_id)
{
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (m, "external_id", ""), external_id) == 0)
        return m;
    }
  return NULL;
}

static void
test_end_to_end (gconstpointer data)
{
  const Vendor *v = data;
  g_autofree char *data_dir = g_build_filename (root, v->kind, NULL);
  g_autofree char *secret_line = g_strconcat (v->secret, "\n", NULL);
  g_autoptr (GPtrArray) people = hc_fake_people_new (N_PEOPLE);
  g_autoptr (JsonNode) sync_root = NULL;
  g_autoptr (JsonNode) members_root = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (HcStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSecret) left = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *workspace_id = NULL;
  g_auto (Run) run = { 0 };
  JsonObject *counts, *object;
  JsonArray *members;
  gpointer fake = v->fake_new (people);
  /* What must never show: the secret, and a token issued for it. */
  g_autofree char *guarded = v->issued ? g_strconcat (v->secret, "\n", v->issued, NULL) : g_strdup (v->secret);
  guint n_files = 0, n_expected = 0;

  /* add: the secret goes to the keyring */
  {
    g_autoptr (GPtrArray) add = g_ptr_array_new ();

    g_ptr_array_add (add, "connector");
    g_ptr_array_add (add, "add");
    g_ptr_array_add (add, (char *) v->kind);
    g_ptr_array_add (add, "--name");
    g_ptr_array_add (add, "HR");
    g_ptr_array_add (add, "--base-url");
    g_ptr_array_add (add, (char *) v->fake_base_url (fake));
    if (*v->subdomain)
      {
        g_ptr_array_add (add, "--subdomain");
        g_ptr_array_add (add, (char *) v->subdomain);
      }
    if (*v->client_id)
      {
        g_ptr_array_add (add, "--client-id");
        g_ptr_array_add (add, (char *) v->client_id);
      }
    for (guint i = 0; v->options != NULL && v->options[i] != NULL; i++)
      g_ptr_array_add (add, (char *) v->options[i]);
    g_ptr_array_add (add, "--secret-stdin");
    g_ptr_array_add (add, NULL);
    run_cli_argv (&run, data_dir, TRUE, secret_line, (const char * const *) add->pdata);
  }
  g_assert_cmpint (run.status, ==, 0);
  assert_run_clean (&run, guarded);
  run_clear (&run);

  /* rules.md 43: credentials nothing tried yet, as the card says it */
  run_cli (&run, data_dir, TRUE, NULL, "connector", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Not tested yet"));
  g_assert_null (strstr (run.out, "Connected"));
  run_clear (&run);

  /* test, with the secret from the keyring */
  run_cli (&run, data_dir, TRUE, NULL, "connector", "test", "HR", NULL);
  if (run.status != 0)
    g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "works"));
  assert_run_clean (&run, guarded);
  run_clear (&run);

  /* sync */
  run_cli (&run, data_dir, TRUE, NULL, "sync", "HR", "--yes", "--json", NULL);
  if (run.status != 0)
    g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  assert_run_clean (&run, guarded);
  object = parse_object (run.out, &sync_root);
  g_assert_true (json_object_get_boolean_member_with_default (object, "applied", FALSE));
  counts = json_object_get_object_member (json_object_get_object_member (object, "plan"), "counts");
  g_assert_nonnull (counts);
  run_clear (&run);

  /* members: every in-scope person with an e-mail is a managed member
   * with their names; nobody inactive is there */
  run_cli (&run, data_dir, TRUE, NULL, "members", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  members = json_object_get_array_member (parse_object (run.out, &members_root), "members");
  g_assert_nonnull (members);
  for (guint i = 0; i < people->len; i++)
    {
      HcFakePerson *p = g_ptr_array_index (people, i);
      JsonObject *m = find_member (members, p->id);

      /* Inactive people are not in scope; future hires are, from the day
       * the HR system has them (no pre-start limit by default), whether
       * the vendor says onboarding or the dates do. */
      if (g_str_equal (p->status, "inactive"))
        {
          g_assert_null (m);
          continue;
        }
      if (p->skip_sync)
        continue;
      if (m == NULL)
        g_error ("%s: no member for employee %s (%s %s); members: %s", v->kind, p->id,
                 p->first_name, p->last_name, run.out);  /* excluded where the vendor's field is "skip_sync" (the default) */
      n_expected++;
      g_assert_nonnull (m);
      g_assert_cmpstr (json_object_get_string_member_with_default (m, "hr_status", ""), ==, "managed");
      g_assert_cmpstr (json_object_get_string_member_with_default (m, "first_name", ""), ==, p->first_name);
      g_assert_cmpstr (json_object_get_string_member_with_default (m, "last_name", ""), ==, p->last_name);
      if (p->email != NULL)
        {
          g_assert_cmpstr (json_object_get_string_member_with_default (m, "email", ""), ==, p->email);
          g_assert_cmpstr (json_object_get_string_member_with_default (m, "state", ""), ==, "invited");
        }
      else
        g_assert_false (json_object_get_boolean_member_with_default (m, "has_access", TRUE));
    }
  g_assert_cmpuint (n_expected, >, N_PEOPLE / 2);
  g_assert_cmpint (json_object_get_int_member_with_default (counts, "invite", 0) +
                   json_object_get_int_member_with_default (counts, "create_no_access", 0),
                   ==, json_array_get_length (members));
  run_clear (&run);

  /* a wrong secret for one run: the vendor and 401 named, nothing leaked */
  run_cli (&run, data_dir, TRUE, "wrong-SECRET-0000\nwrong-SECRET-0000\n", "connector", "test", "HR", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, v->vendor));
  g_assert_nonnull (strstr (run.err, v->refused ? v->refused : "401"));
  assert_no_secret (run.err, "wrong-SECRET-0000");
  assert_run_clean (&run, guarded);
  run_clear (&run);

  /* … which a script reads as "auth" */
  run_cli (&run, data_dir, TRUE, "wrong-SECRET-0000\nwrong-SECRET-0000\n", "sync", "HR", "--dry-run", "--json", "--secret-stdin", NULL);
  assert_json_error (&run, 1, "auth");
  assert_no_secret (run.out, "wrong-SECRET-0000");
  assert_no_secret (run.err, "wrong-SECRET-0000");
  assert_run_clean (&run, guarded);
  run_clear (&run);

  /* … and the list says the credentials were refused, beside the last
   * successful sync, with where to enter them again */
  run_cli (&run, data_dir, TRUE, NULL, "connector", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Credentials rejected"));
  g_assert_nonnull (strstr (run.out, "HR: "));
  g_assert_nonnull (strstr (run.out, "connector edit HR --secret-stdin"));
  g_assert_null (strstr (run.out, "Never"));
  assert_no_secret (run.out, "wrong-SECRET-0000");
  run_clear (&run);

  /* without a keyring, --secret-stdin works for one run */
  run_cli (&run, data_dir, FALSE, secret_line, "sync", "HR", "--dry-run", "--json", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_run_clean (&run, guarded);
  run_clear (&run);

  /* … and without either, the person is told plainly */
  run_cli (&run, data_dir, FALSE, NULL, "sync", "HR", "--dry-run", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "No keyring is available"));
  run_clear (&run);
  run_cli (&run, data_dir, FALSE, NULL, "sync", "HR", "--dry-run", "--json", NULL);
  assert_json_error (&run, 1, "no-keyring");
  run_clear (&run);

  /* nothing secret in the database, its journal or anything written */
  {
    g_auto (GStrv) parts = g_strsplit (guarded, "\n", -1);

    for (guint i = 0; parts[i] != NULL; i++)
      {
        hits = hc_test_find_in_tree (data_dir, parts[i], &n_files);
        g_assert_cmpuint (n_files, >, 0);
        g_assert_cmpuint (hits->len, ==, 0);
        g_clear_pointer (&hits, g_ptr_array_unref);
      }
  }
  /* nor in any request the fake saw (a query token, say) */
  {
    g_autofree char *log = hc_fake_hris_dup_request_log (v->fake_server (fake));

    assert_no_secret (log, guarded);
  }

  /* remove: members stay, the secret leaves the keyring (rules.md 13) */
  db_path = g_build_filename (data_dir, "default.db", NULL);
  store = hc_store_new (db_path, &error);
  g_assert_no_error (error);
  workspace_id = g_strdup (hc_store_get_workspace_id (store));
  g_clear_object (&store);

  run_cli (&run, data_dir, TRUE, NULL, "connector", "remove", "HR", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  left = hc_secrets_lookup_sync (workspace_id, 1, hc_connector_kind_lookup (v->kind)->secret_kind,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_null (left);
  if (hc_connector_kind_lookup (v->kind)->secret2_kind != NULL)
    {
      left = hc_secrets_lookup_sync (workspace_id, 1, hc_connector_kind_lookup (v->kind)->secret2_kind,
                                     NULL, &error);
      g_assert_no_error (error);
      g_assert_null (left);
    }
  run_cli (&run, data_dir, TRUE, NULL, "members", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&members_root, json_node_unref);
  members = json_object_get_array_member (parse_object (run.out, &members_root), "members");
  g_assert_cmpuint (json_array_get_length (members), >=, n_expected);

  v->fake_free (fake);
}

/* A connector whose secret cannot be stored is not added at all. */
static void
test_add_without_keyring (void)
{
  g_autofree char *data_dir = g_build_filename (root, "no-keyring", NULL);
  g_auto (Run) run = { 0 };

  run_cli (&run, data_dir, FALSE, "sk_test_NOKEYRING_123\n", "connector", "add", "personio",
           "--name", "HR", "--client-id", "abc", "--base-url", "http://127.0.0.1:9/v1",
           "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "No keyring is available"));
  assert_run_clean (&run, "sk_test_NOKEYRING_123");
  run_clear (&run);

  run_cli (&run, data_dir, FALSE, NULL, "connector", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "\"HR\""));
}

/* Flags a vendor needs are asked for by name, before anything is stored. */
static void
test_add_missing_settings (void)
{
  g_autofree char *data_dir = g_build_filename (root, "missing", NULL);
  g_auto (Run) run = { 0 };

  /* No input: the usage error comes before the secret is read, and a
   * write to a command that has exited would fail with a broken pipe. */
  run_cli (&run, data_dir, TRUE, NULL, "connector", "add", "bamboohr",
           "--name", "HR", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--subdomain"));
  run_clear (&run);

  run_cli (&run, data_dir, TRUE, NULL, "connector", "add", "hibob", "--name", "HR",
           "--client-id", "svc", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--secret-stdin"));
  run_clear (&run);

  run_cli (&run, data_dir, TRUE, NULL, "connector", "add", "workday", "--name", "HR",
           "--client-id", "ISU", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--base-url"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  session = hc_test_session_start_private ("hc-cli-connectors-XXXXXX", &root);
  session_env = hc_test_session_update_environ (session, g_get_environ ());
  /* This process reads the keyring too (after "connector remove"). No
   * thread runs yet. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", hc_test_session_get_bus_address (session), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (vendors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli-connectors/%s", vendors[i].kind);

      g_test_add_data_func (path, &vendors[i], test_end_to_end);
    }
  g_test_add_func ("/cli-connectors/add-without-keyring", test_add_without_keyring);
  g_test_add_func ("/cli-connectors/add-missing-settings", test_add_missing_settings);

  status = g_test_run ();

  g_strfreev (session_env);
  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
