/* test-cli.c — headcount-cli end to end: the real binary on a temporary data dir
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"

#include "hc-config.h"
#include "hc-employee.h"
#include "hc-file-connector.h"
#include "hc-scope.h"

typedef struct
{
  char *data_dir;
  char *snapshot;               /* a file connector's snapshot in data_dir */
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("headcount-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->snapshot = g_build_filename (f->data_dir, "snapshot.json", NULL);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  hc_cli_remove_tree (f->data_dir);
  g_free (f->data_dir);
  g_free (f->snapshot);
}

/* Runs the CLI with @argv (after the program name), @input on stdin and
 * @env pairs (NULL value: unset) in its environment. Never passes
 * --data-dir itself: the callers below do. */
static void
run_cli_full (Fixture            *f,
              const char         *input,
              const char * const *env,
              const char * const *argv,
              HcCliRun           *run)
{
  g_autofree char *xdg = g_build_filename (f->data_dir, "xdg", NULL);

  hc_cli_spawn (NULL, xdg, env, argv, input != NULL ? input : "", run);

  g_test_message ("headcount-cli … %s → %d\n%s", argv[0], run->status, run->err);
}

/* headcount-cli --data-dir DATA_DIR ARGS… */
static void
run_cli_input (Fixture    *f,
               HcCliRun   *run,
               const char *input,
               ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, f->data_dir);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run_cli_full (f, input, NULL, (const char * const *) args->pdata, run);
}

#define run_cli(f, run, ...) run_cli_input ((f), (run), NULL, __VA_ARGS__, NULL)

/* Parses stdout as the one JSON object of the contract. (transfer full) */
static JsonNode *
parse_json (const char *text)
{
  return hc_cli_parse_document (text);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  return json_node_get_array (node);
}

static gint64
get_int (JsonObject *object,
         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);

  return json_node_get_int (node);
}

static gboolean
get_bool (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_BOOLEAN);

  return json_node_get_boolean (node);
}

/* NULL for a JSON null. */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);

  return json_node_get_string (node);
}

static guint
plan_count (JsonObject *sync_result,
            const char *kind)
{
  return get_int (get_object (get_object (sync_result, "plan"), "counts"), kind);
}

/* `members --json [ARGS]`, checked against the contract; the array. */
static JsonArray *
list_members (Fixture    *f,
              JsonNode  **keep,
              const char *state)
{
  static const char * const keys[] = {
    "id", "external_id", "email", "first_name", "last_name", "title",
    "department", "team", "office", "groups", "roles", "manager_id", "state", "hr_status", "has_access", "custom",
    "destinations",
  };
  g_auto (HcCliRun) run = { 0 };
  JsonArray *members;

  if (state != NULL)
    run_cli (f, &run, "members", "--state", state, "--json");
  else
    run_cli (f, &run, "members", "--json");
  g_assert_cmpint (run.status, ==, 0);

  *keep = parse_json (run.out);
  members = get_array (json_node_get_object (*keep), "members");

  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      g_assert_cmpuint (json_object_get_size (member), ==, G_N_ELEMENTS (keys));
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (member, keys[k]));
      g_assert_cmpint (get_int (member, "id"), >, 0);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (member, "custom")));
      get_bool (member, "has_access");
    }

  return members;
}

static JsonObject *
find_member (JsonArray  *members,
             const char *external_id)
{
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      if (g_strcmp0 (get_string (member, "external_id"), external_id) == 0)
        return member;
    }

  g_assert_not_reached ();
}

static char *
members_json (Fixture *f)
{
  g_auto (HcCliRun) run = { 0 };

  run_cli (f, &run, "members", "--json");
  g_assert_cmpint (run.status, ==, 0);

  return g_steal_pointer (&run.out);
}

static void
add_demo (Fixture *f)
{
  g_auto (HcCliRun) run = { 0 };

  run_cli (f, &run, "connector", "add", "demo", "--name", "demo");
  g_assert_cmpint (run.status, ==, 0);
}

static void
write_snapshot (Fixture    *f,
                const char *json)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (f->snapshot, json, -1, &error);
  g_assert_no_error (error);
}

/* What rules.md 3 and 6 make of the bundled demo company with
 * the default configuration, computed here from the data itself: in
 * scope are the statuses the config lists, minus the excluded; an
 * in-scope employee with an e-mail is invited, without one created
 * without access; a second in-scope employee with the same e-mail
 * (any case) is a conflict and skipped. */
typedef struct
{
  guint invite;
  guint create_no_access;
  guint skip;
  guint duplicate_email;
} DemoFigures;

static DemoFigures
compute_demo_figures (void)
{
  g_autoptr (GFile) file = g_file_new_for_uri (HC_DEMO_COMPANY_URI);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  DemoFigures figures = { 0 };

  g_file_load_contents (file, NULL, &data, &length, NULL, &error);
  g_assert_no_error (error);
  employees = hc_file_connector_parse (data, length, "demo", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, >, 0);

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *employee = g_ptr_array_index (employees, i);
      HcEmployeeStatus status = hc_employee_get_status (employee);
      const char *email = hc_employee_get_email (employee);
      /* the automatic exclusion field finds the demo's "skip_sync" */
      const char *excluded = hc_employee_get_field (employee, "skip_sync");
      gboolean in_scope = (config->statuses & (1u << status)) != 0 &&
                          !(excluded != NULL &&
                            (g_ascii_strcasecmp (excluded, "true") == 0 ||
                             g_ascii_strcasecmp (excluded, "yes") == 0 ||
                             g_str_equal (excluded, "1"))) &&
                          /* onboarding, hire date ahead: not in scope yet */
                          !hc_scope_get_entry_date (config, employee, NULL, NULL);

      if (!in_scope)
        {
          figures.skip++;
        }
      else if (email == NULL)
        {
          figures.create_no_access++;
        }
      else if (!g_hash_table_add (emails, g_utf8_casefold (email, -1)))
        {
          figures.skip++;
          figures.duplicate_email++;
        }
      else
        {
          figures.invite++;
        }
    }

  /* The demo exists to show every case. */
  g_assert_cmpuint (figures.invite, >, 0);
  g_assert_cmpuint (figures.create_no_access, >, 0);
  g_assert_cmpuint (figures.skip, >, 0);

  return figures;
}

/* ─── usage ────────────────────────────────────────────────────────── */

static void
assert_usage_error (Fixture            *f,
                    const char * const *argv,
                    const char         *in_stderr)
{
  g_auto (HcCliRun) run = { 0 };

  run_cli_full (f, NULL, NULL, argv, &run);
  g_assert_cmpint (run.status, ==, 2);
  /* With --json the usage error is a JSON document too. */
  if (g_strv_contains (argv, "--json"))
    hc_cli_assert_error (&run, 2, "usage");
  else
    g_assert_cmpstr (run.out, ==, "");
  hc_cli_assert_usage_lines (run.err, NULL);
  if (in_stderr != NULL)
    g_assert_nonnull (strstr (run.err, in_stderr));
}

static void
test_bad_usage (Fixture      *f,
                gconstpointer data)
{
  const struct
  {
    const char *argv[8];
    const char *in_stderr;
  } cases[] = {
    { { NULL }, NULL },
    { { "frobnicate", NULL }, "frobnicate" },
    { { "--frobnicate", "members", NULL }, "--frobnicate" },
    { { "members", "--frobnicate", NULL }, "--frobnicate" },
    { { "members", "--json", "--csv", NULL }, NULL },
    { { "members", "--state", "retired", NULL }, "retired" },
    { { "members", "extra", NULL }, "extra" },
    { { "sync", NULL }, NULL },
    { { "sync", "a", "b", NULL }, "b" },
    { { "connector", NULL }, NULL },
    { { "connector", "frobnicate", NULL }, "frobnicate" },
    { { "connector", "add", NULL }, NULL },
    { { "connector", "add", "demo", NULL }, "--name" },
    { { "connector", "add", "file", "--name", "f", NULL }, "--path" },
    { { "connector", "add", "demo", "--name", "d", "--path", "x.json", NULL }, "--path" },
    { { "connector", "add", "demo", "--name", "d", "--base-url", "not a url", NULL }, "not a url" },
    { { "connector", "add", "no-such-kind", "--name", "d", NULL }, "no-such-kind" },
    { { "connector", "test", NULL }, NULL },
    { { "connector", "remove", NULL }, NULL },
    { { "history", "--csv", NULL }, "--csv" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) argv = g_ptr_array_new ();

      g_ptr_array_add (argv, "--data-dir");
      g_ptr_array_add (argv, f->data_dir);
      for (guint j = 0; cases[i].argv[j] != NULL; j++)
        g_ptr_array_add (argv, (char *) cases[i].argv[j]);
      g_ptr_array_add (argv, NULL);

      assert_usage_error (f, (const char * const *) argv->pdata, cases[i].in_stderr);
    }
}

static void
test_help (Fixture      *f,
           gconstpointer data)
{
  const char *commands[][3] = {
    { "--help", NULL },
    { "sync", "--help", NULL },
    { "members", "--help", NULL },
    { "connector", "--help", NULL },
    { "connector", "add", "--help" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *argv[4] = { commands[i][0], commands[i][1], commands[i][2], NULL };
      g_auto (HcCliRun) run = { 0 };

      run_cli_full (f, NULL, NULL, argv, &run);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage:"));
      g_assert_nonnull (strstr (run.out, "--data-dir"));
    }
}

/* ─── connectors ───────────────────────────────────────────────────── */

static void
test_unknown_connector (Fixture      *f,
                        gconstpointer data)
{
  const char *commands[][3] = {
    { "sync", "no-such-hris", NULL },
    { "connector", "test", "no-such-hris" },
    { "connector", "remove", "no-such-hris" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *argv[6] = { "--data-dir", f->data_dir, commands[i][0], commands[i][1], commands[i][2], NULL };
      g_auto (HcCliRun) run = { 0 };

      run_cli_full (f, NULL, NULL, argv, &run);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "headcount-cli: "));
      g_assert_nonnull (strstr (run.err, "“no-such-hris”"));
    }
}

static void
test_connector_add_list (Fixture      *f,
                         gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *base = g_path_get_basename (f->data_dir);
  g_autofree char *cwd = g_get_current_dir ();
  JsonArray *connectors;
  JsonObject *demo, *file, *settings;

  write_snapshot (f, "{\"employees\": []}");

  run_cli (f, &run, "connector", "add", "demo", "--name", "demo",
           "--test-instance", "--base-url", "http://127.0.0.1:8080/v1",
           "--client-id", "client-42");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "demo"));
  hc_cli_run_clear (&run);

  /* A relative path is stored absolute. */
  relative = g_build_filename (base, "snapshot.json", NULL);
  g_assert_cmpint (g_chdir (g_get_tmp_dir ()), ==, 0);
  run_cli (f, &run, "connector", "add", "file", "--name", "Replay", "--path", relative);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "connector", "add", "demo", "--name", "demo");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "“demo”"));
  g_assert_nonnull (strstr (run.err, "already exists"));
  hc_cli_run_clear (&run);

  run_cli (f, &run, "connector", "add", "file", "--name", "gone", "--path", "/nonexistent/x.json");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "/nonexistent/x.json"));
  hc_cli_run_clear (&run);

  run_cli (f, &run, "connector", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  connectors = get_array (json_node_get_object (root), "connectors");
  g_assert_cmpuint (json_array_get_length (connectors), ==, 2);

  demo = json_array_get_object_element (connectors, 0);
  file = json_array_get_object_element (connectors, 1);
  if (g_strcmp0 (get_string (demo, "name"), "demo") != 0)
    {
      JsonObject *swap = demo;
      demo = file;
      file = swap;
    }
  g_assert_cmpstr (get_string (demo, "name"), ==, "demo");
  g_assert_cmpstr (get_string (demo, "kind"), ==, "demo");
  g_assert_true (get_bool (demo, "test_instance"));
  g_assert_null (get_string (demo, "last_sync_at"));
  settings = get_object (demo, "settings");
  g_assert_cmpstr (get_string (settings, "base_url"), ==, "http://127.0.0.1:8080/v1");
  g_assert_cmpstr (get_string (settings, "client_id"), ==, "client-42");

  g_assert_cmpstr (get_string (file, "name"), ==, "Replay");
  g_assert_cmpstr (get_string (file, "kind"), ==, "file");
  g_assert_false (get_bool (file, "test_instance"));
  g_assert_cmpstr (get_string (get_object (file, "settings"), "path"), ==, f->snapshot);
  hc_cli_run_clear (&run);

  /* Human output names both. */
  run_cli (f, &run, "connector", "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Replay"));
  g_assert_nonnull (strstr (run.out, "demo"));
}

/* rules.md 43: `connector list` says what the cards say: connected, a
 * failed sync beside the last successful one (the states of credentials:
 * tests/connectors/test-cli-connectors.c). */
static void
test_connector_list_states (Fixture      *f,
                            gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonArray *connectors;
  const char *header;

  add_demo (f);
  write_snapshot (f, "{\"employees\": [{\"id\": \"E1\", \"first_name\": \"Ann\", "
                  "\"last_name\": \"Lee\", \"email\": \"ann@example.com\"}]}");
  run_cli (f, &run, "connector", "add", "file", "--name", "replay", "--path", f->snapshot);
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "connector", "list");
  g_assert_cmpint (run.status, ==, 0);
  header = run.out;
  g_assert_nonnull (strstr (header, "Last successful sync"));
  g_assert_nonnull (strstr (header, "Last failed attempt"));
  /* the demo and a file have no credentials to test */
  g_assert_nonnull (strstr (run.out, "Connected"));
  g_assert_null (strstr (run.out, "Not tested yet"));
  g_assert_null (strstr (run.out, "Last sync failed"));
  hc_cli_run_clear (&run);

  run_cli (f, &run, "sync", "replay", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  run_cli (f, &run, "connector", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  connectors = get_array (json_node_get_object (root), "connectors");
  for (guint i = 0; i < json_array_get_length (connectors); i++)
    {
      JsonObject *c = json_array_get_object_element (connectors, i);

      if (g_str_equal (get_string (c, "name"), "replay"))
        {
          g_assert_cmpstr (get_string (c, "status"), ==, "connected");
          g_assert_nonnull (get_string (c, "last_sync_at"));
          g_assert_null (get_string (c, "last_failed_at"));
        }
      else
        g_assert_cmpstr (get_string (c, "status"), ==, "connected");
    }
  g_clear_pointer (&root, json_node_unref);
  hc_cli_run_clear (&run);

  /* The file goes away: the next sync fails, and the list says so beside
   * the last successful sync, with the error in words. */
  g_assert_cmpint (g_unlink (f->snapshot), ==, 0);
  run_cli (f, &run, "sync", "replay", "--yes");
  g_assert_cmpint (run.status, !=, 0);
  hc_cli_run_clear (&run);
  run_cli (f, &run, "connector", "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Last sync failed"));
  g_assert_nonnull (strstr (run.out, "replay: "));
  hc_cli_run_clear (&run);
  run_cli (f, &run, "connector", "list", "--json");
  root = parse_json (run.out);
  connectors = get_array (json_node_get_object (root), "connectors");
  for (guint i = 0; i < json_array_get_length (connectors); i++)
    {
      JsonObject *c = json_array_get_object_element (connectors, i);

      if (g_str_equal (get_string (c, "name"), "replay"))
        {
          g_assert_cmpstr (get_string (c, "status"), ==, "sync_failed");
          g_assert_nonnull (get_string (c, "last_sync_at"));
          g_assert_nonnull (get_string (c, "last_failed_at"));
        }
    }
}

/* Every kind of connector is there; an unknown one is a usage error
 * that lists them. */
static void
test_connector_kinds (Fixture      *f,
                      gconstpointer data)
{
  const char * const *kinds = (const char * const *) hc_connector_get_kinds ();
  const char *expected[] = { "personio", "bamboohr", "hibob", "lucca", "workday", "deel", "merge", "apideck", "demo", "file" };
  g_auto (HcCliRun) run = { 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_strv_contains (kinds, expected[i]));

  run_cli (f, &run, "connector", "add", "sap", "--name", "hr");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Unknown connector kind “sap”"));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (run.err, expected[i]));
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  for (gsize i = 0; i + strlen (needle) <= length; i++)
    {
      if (memcmp (contents + i, needle, strlen (needle)) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_connector_secret_stdin (Fixture      *f,
                             gconstpointer data)
{
  const char *secret = "hunter2-TOP-secret";
  g_autofree char *input = g_strconcat (secret, "\n", NULL);
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  run_cli_input (f, &run, input, "connector", "add", "demo", "--name", "demo", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "ignored"));
  g_assert_null (strstr (run.out, secret));
  g_assert_null (strstr (run.err, secret));
  hc_cli_run_clear (&run);

  /* No secret line at all is an error. */
  run_cli_input (f, &run, "", "connector", "add", "demo", "--name", "other", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "connector", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, secret));

  /* Nor in the database, its journal or anything else written. */
  dir = g_dir_open (f->data_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->data_dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_false (file_contains (path, secret));
      n_files++;
    }
  g_assert_cmpuint (n_files, >, 0);
}

static void
test_connector_test_remove (Fixture      *f,
                            gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) before_root = NULL;
  g_autoptr (JsonNode) after_root = NULL;
  g_autoptr (JsonNode) list_root = NULL;
  JsonArray *before, *after;

  add_demo (f);
  run_cli (f, &run, "connector", "test", "demo");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Connection to demo works"));
  hc_cli_run_clear (&run);

  /* A file connector whose file went away fails, naming the connector. */
  write_snapshot (f, "{\"employees\": []}");
  run_cli (f, &run, "connector", "add", "file", "--name", "replay", "--path", f->snapshot);
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  g_assert_cmpint (g_unlink (f->snapshot), ==, 0);
  run_cli (f, &run, "connector", "test", "replay");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "replay"));
  hc_cli_run_clear (&run);

  run_cli (f, &run, "sync", "demo", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  before = list_members (f, &before_root, NULL);
  g_assert_cmpuint (json_array_get_length (before), >, 0);

  /* rules.md 13: members stay; those it managed are previously managed, the
   * rest of each member as it was. */
  run_cli (f, &run, "connector", "remove", "demo");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "no longer managed"));
  hc_cli_run_clear (&run);

  after = list_members (f, &after_root, NULL);
  g_assert_cmpuint (json_array_get_length (after), ==, json_array_get_length (before));
  for (guint i = 0; i < json_array_get_length (before); i++)
    {
      g_autoptr (JsonNode) expected = json_node_copy (json_array_get_element (before, i));
      JsonObject *object = json_node_get_object (expected);

      if (g_strcmp0 (json_object_get_string_member (object, "hr_status"), "managed") == 0)
        json_object_set_string_member (object, "hr_status", "previously_managed");
      g_assert_true (json_node_equal (expected, json_array_get_element (after, i)));
    }

  run_cli (f, &run, "connector", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  list_root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (get_array (json_node_get_object (list_root), "connectors")), ==, 1);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "sync", "demo");
  g_assert_cmpint (run.status, ==, 1);
  hc_cli_run_clear (&run);

  /* Connected again: the same members are managed again, none added. */
  add_demo (f);
  run_cli (f, &run, "sync", "demo", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  {
    g_autoptr (JsonNode) again_root = NULL;
    JsonArray *again = list_members (f, &again_root, NULL);

    g_assert_cmpuint (json_array_get_length (again), ==, json_array_get_length (before));
    for (guint i = 0; i < json_array_get_length (before); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (before, i), "hr_status"),
                     "managed") == 0)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (again, i), "hr_status"),
                         ==, "managed");
  }
}

/* ─── sync of the demo company ─────────────────────────────────────── */

static void
test_sync_needs_confirmation (Fixture      *f,
                              gconstpointer data)
{
  DemoFigures figures = compute_demo_figures ();
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) members_root = NULL;
  g_autoptr (JsonNode) history = NULL;
  JsonObject *result;

  add_demo (f);

  run_cli (f, &run, "sync", "demo", "--json");
  g_assert_cmpint (run.status, ==, 3);
  root = parse_json (run.out);
  result = json_node_get_object (root);
  g_assert_false (get_bool (result, "dry_run"));
  g_assert_false (get_bool (result, "applied"));
  g_assert_true (get_bool (result, "needs_confirmation"));
  g_assert_false (json_object_has_member (result, "run"));
  g_assert_cmpuint (plan_count (result, "invite"), ==, figures.invite);
  g_assert_cmpuint (plan_count (result, "create_no_access"), ==, figures.create_no_access);
  g_assert_cmpuint (plan_count (result, "skip"), ==, figures.skip);
  g_assert_nonnull (get_string (get_object (result, "plan"), "confirmation_reason"));
  /* Stopped for a confirmation: the plan, and the error that says so. */
  g_assert_cmpstr (get_string (get_object (result, "error"), "code"), ==, "confirmation-required");
  g_assert_cmpstr (get_string (get_object (result, "error"), "message"), ==,
                   get_string (get_object (result, "plan"), "confirmation_reason"));
  /* The conflicts reach the output too. */
  g_assert_cmpuint (json_array_get_length (get_array (get_object (result, "plan"), "warnings")), >=,
                    figures.duplicate_email);
  g_assert_true (g_str_has_prefix (run.err, "headcount-cli: "));
  g_assert_nonnull (strstr (run.err, "--yes"));
  hc_cli_run_clear (&run);

  g_assert_cmpuint (json_array_get_length (list_members (f, &members_root, NULL)), ==, 0);

  run_cli (f, &run, "history", "--json");
  g_assert_cmpint (run.status, ==, 0);
  history = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (get_array (json_node_get_object (history), "runs")), ==, 0);
  hc_cli_run_clear (&run);

  /* Human output: the counts, the reason on stderr, still exit 3. */
  run_cli (f, &run, "sync", "demo");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "demo"));
  g_assert_nonnull (strstr (run.err, "--yes"));
}

static void
test_sync_dry_run (Fixture      *f,
                   gconstpointer data)
{
  DemoFigures figures = compute_demo_figures ();
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) members_root = NULL;
  g_autoptr (JsonNode) history = NULL;
  JsonObject *result;

  add_demo (f);

  /* --yes does not make a dry run write. */
  run_cli (f, &run, "sync", "demo", "--dry-run", "--yes", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  result = json_node_get_object (root);
  g_assert_true (get_bool (result, "dry_run"));
  g_assert_false (get_bool (result, "applied"));
  g_assert_true (get_bool (result, "needs_confirmation"));
  g_assert_cmpuint (plan_count (result, "invite"), ==, figures.invite);
  g_assert_cmpuint (json_array_get_length (get_array (get_object (result, "plan"), "items")), >=,
                    figures.invite + figures.create_no_access);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "sync", "demo", "--dry-run");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Dry run"));
  hc_cli_run_clear (&run);

  g_assert_cmpuint (json_array_get_length (list_members (f, &members_root, NULL)), ==, 0);
  run_cli (f, &run, "history", "--json");
  history = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (get_array (json_node_get_object (history), "runs")), ==, 0);
}

static guint
count_in_state (JsonArray  *members,
                const char *state)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (members); i++)
    n += g_strcmp0 (get_string (json_array_get_object_element (members, i), "state"), state) == 0;

  return n;
}

static void
test_sync_apply (Fixture      *f,
                 gconstpointer data)
{
  DemoFigures figures = compute_demo_figures ();
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) first = NULL;
  g_autoptr (JsonNode) second = NULL;
  g_autoptr (JsonNode) all_root = NULL;
  g_autoptr (JsonNode) invited_root = NULL;
  g_autoptr (JsonNode) active_root = NULL;
  g_autoptr (JsonNode) archived_root = NULL;
  g_autoptr (JsonNode) after_root = NULL;
  g_autoptr (JsonNode) history = NULL;
  JsonObject *result, *run_object;
  JsonArray *all, *invited, *active, *runs;

  add_demo (f);

  run_cli (f, &run, "sync", "demo", "--yes", "--json");
  g_assert_cmpint (run.status, ==, 0);
  first = parse_json (run.out);
  result = json_node_get_object (first);
  g_assert_false (get_bool (result, "dry_run"));
  g_assert_true (get_bool (result, "applied"));
  g_assert_true (get_bool (result, "needs_confirmation"));
  g_assert_cmpuint (plan_count (result, "invite"), ==, figures.invite);
  g_assert_cmpuint (plan_count (result, "create_no_access"), ==, figures.create_no_access);
  g_assert_cmpuint (plan_count (result, "skip"), ==, figures.skip);
  run_object = get_object (result, "run");
  g_assert_cmpstr (get_string (run_object, "result"), ==, "success");
  g_assert_cmpstr (get_string (run_object, "trigger"), ==, "cli");
  g_assert_cmpuint (get_int (get_object (run_object, "counts"), "invite"), ==, figures.invite);
  hc_cli_run_clear (&run);

  all = list_members (f, &all_root, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, figures.invite + figures.create_no_access);
  g_assert_cmpuint (count_in_state (all, "invited"), ==, figures.invite);

  invited = list_members (f, &invited_root, "invited");
  g_assert_cmpuint (json_array_get_length (invited), ==, figures.invite);
  g_assert_cmpuint (count_in_state (invited, "invited"), ==, figures.invite);

  /* rules.md 6: no e-mail, created active without access. */
  active = list_members (f, &active_root, "active");
  g_assert_cmpuint (json_array_get_length (active), ==, figures.create_no_access);
  for (guint i = 0; i < json_array_get_length (active); i++)
    {
      JsonObject *member = json_array_get_object_element (active, i);

      g_assert_false (get_bool (member, "has_access"));
      g_assert_null (get_string (member, "email"));
      g_assert_cmpstr (get_string (member, "hr_status"), ==, "managed");
    }

  g_assert_cmpuint (json_array_get_length (list_members (f, &archived_root, "archived")), ==, 0);

  /* Second sync: no confirmation, nothing new. */
  run_cli (f, &run, "sync", "demo", "--json");
  g_assert_cmpint (run.status, ==, 0);
  second = parse_json (run.out);
  result = json_node_get_object (second);
  g_assert_false (get_bool (result, "needs_confirmation"));
  g_assert_true (get_bool (result, "applied"));
  g_assert_cmpuint (plan_count (result, "invite"), ==, 0);
  g_assert_cmpuint (plan_count (result, "create_no_access"), ==, 0);
  g_assert_cmpuint (plan_count (result, "archive"), ==, 0);
  hc_cli_run_clear (&run);

  g_assert_cmpuint (json_array_get_length (list_members (f, &after_root, NULL)), ==,
                    figures.invite + figures.create_no_access);

  run_cli (f, &run, "history", "--json");
  g_assert_cmpint (run.status, ==, 0);
  history = parse_json (run.out);
  runs = get_array (json_node_get_object (history), "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *entry = json_array_get_object_element (runs, i);

      g_assert_cmpstr (get_string (entry, "result"), ==, "success");
      g_assert_cmpstr (get_string (entry, "connector"), ==, "demo");
    }
  /* Newest first: the second run invited nobody. */
  g_assert_cmpint (get_int (get_object (json_array_get_object_element (runs, 0), "counts"), "invite"), ==, 0);
  g_assert_cmpint (get_int (get_object (json_array_get_object_element (runs, 1), "counts"), "invite"), ==,
                   figures.invite);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "history");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "demo"));
  hc_cli_run_clear (&run);

  run_cli (f, &run, "connector", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr (JsonNode) list = parse_json (run.out);
    JsonObject *demo = json_array_get_object_element (get_array (json_node_get_object (list), "connectors"), 0);

    g_assert_nonnull (get_string (demo, "last_sync_at"));
  }
}

/* ─── the file connector, end to end ───────────────────────────────── */

static const char snapshot_v1[] =
  "{\"employees\": ["
  " {\"id\": \"E1\", \"first_name\": \"Zoé\", \"last_name\": \"Ørsted\", \"email\": \"zoe@example.com\","
  "  \"status\": \"active\", \"position\": \"Engineer\", \"department\": \"R&D\"},"
  " {\"id\": \"E2\", \"first_name\": \"Bob\", \"last_name\": \"Floor\", \"status\": \"active\","
  "  \"position\": \"Warehouse\", \"manager_id\": \"E1\"},"
  " {\"id\": \"E3\", \"first_name\": \"Chen\", \"last_name\": \"Li\", \"email\": \"chen@example.com\","
  "  \"status\": \"active\", \"position\": \"Head of \\\"Sales\\\", EMEA\", \"manager_id\": \"E1\"},"
  " {\"id\": \"E4\", \"first_name\": \"Old\", \"last_name\": \"Timer\", \"email\": \"old@example.com\","
  "  \"status\": \"inactive\"}"
  "]}";

/* E1's title changes, E3 becomes inactive. */
static const char snapshot_v2[] =
  "{\"employees\": ["
  " {\"id\": \"E1\", \"first_name\": \"Zoé\", \"last_name\": \"Ørsted\", \"email\": \"zoe@example.com\","
  "  \"status\": \"active\", \"position\": \"Lead Engineer\", \"department\": \"R&D\"},"
  " {\"id\": \"E2\", \"first_name\": \"Bob\", \"last_name\": \"Floor\", \"status\": \"active\","
  "  \"position\": \"Warehouse\", \"manager_id\": \"E1\"},"
  " {\"id\": \"E3\", \"first_name\": \"Chen\", \"last_name\": \"Li\", \"email\": \"chen@example.com\","
  "  \"status\": \"inactive\", \"position\": \"Head of \\\"Sales\\\", EMEA\", \"manager_id\": \"E1\"},"
  " {\"id\": \"E4\", \"first_name\": \"Old\", \"last_name\": \"Timer\", \"email\": \"old@example.com\","
  "  \"status\": \"inactive\"}"
  "]}";

static void
sync_file_v1 (Fixture *f)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *result;

  write_snapshot (f, snapshot_v1);
  run_cli (f, &run, "connector", "add", "file", "--name", "replay", "--path", f->snapshot);
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "sync", "replay", "--yes", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  result = json_node_get_object (root);
  g_assert_true (get_bool (result, "applied"));
  g_assert_cmpuint (plan_count (result, "invite"), ==, 2);
  g_assert_cmpuint (plan_count (result, "create_no_access"), ==, 1);
  g_assert_cmpuint (plan_count (result, "skip"), ==, 1);
}

static void
test_file_connector (Fixture      *f,
                     gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) v1_root = NULL;
  g_autoptr (JsonNode) v2_root = NULL;
  g_autoptr (JsonNode) sync_root = NULL;
  JsonArray *members;
  JsonObject *zoe, *bob, *chen, *result;

  sync_file_v1 (f);

  members = list_members (f, &v1_root, NULL);
  g_assert_cmpuint (json_array_get_length (members), ==, 3);
  zoe = find_member (members, "E1");
  bob = find_member (members, "E2");
  chen = find_member (members, "E3");
  g_assert_cmpstr (get_string (zoe, "first_name"), ==, "Zoé");
  g_assert_cmpstr (get_string (zoe, "last_name"), ==, "Ørsted");
  g_assert_cmpstr (get_string (zoe, "email"), ==, "zoe@example.com");
  g_assert_cmpstr (get_string (zoe, "title"), ==, "Engineer");
  g_assert_cmpstr (get_string (zoe, "department"), ==, "R&D");
  g_assert_cmpstr (get_string (zoe, "state"), ==, "invited");
  g_assert_cmpstr (get_string (zoe, "hr_status"), ==, "managed");
  g_assert_true (get_bool (zoe, "has_access"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (zoe, "manager_id")));

  g_assert_cmpstr (get_string (bob, "state"), ==, "active");
  g_assert_false (get_bool (bob, "has_access"));
  g_assert_null (get_string (bob, "email"));
  g_assert_cmpint (get_int (bob, "manager_id"), ==, get_int (zoe, "id"));
  g_assert_cmpint (get_int (chen, "manager_id"), ==, get_int (zoe, "id"));
  g_assert_cmpstr (get_string (chen, "title"), ==, "Head of \"Sales\", EMEA");

  /* The HR system moves on. */
  write_snapshot (f, snapshot_v2);
  run_cli (f, &run, "sync", "replay", "--json");
  g_assert_cmpint (run.status, ==, 0);
  sync_root = parse_json (run.out);
  result = json_node_get_object (sync_root);
  g_assert_false (get_bool (result, "needs_confirmation"));
  g_assert_true (get_bool (result, "applied"));
  g_assert_cmpuint (plan_count (result, "update"), ==, 1);
  g_assert_cmpuint (plan_count (result, "unmanage"), ==, 1);
  g_assert_cmpuint (plan_count (result, "archive"), ==, 0);
  g_assert_cmpuint (plan_count (result, "invite"), ==, 0);

  members = list_members (f, &v2_root, NULL);
  g_assert_cmpuint (json_array_get_length (members), ==, 3);
  zoe = find_member (members, "E1");
  chen = find_member (members, "E3");
  g_assert_cmpstr (get_string (zoe, "title"), ==, "Lead Engineer");
  g_assert_cmpstr (get_string (zoe, "hr_status"), ==, "managed");
  /* rules.md 9, archiving off: previously managed, not archived. */
  g_assert_cmpstr (get_string (chen, "hr_status"), ==, "previously_managed");
  g_assert_cmpstr (get_string (chen, "state"), ==, "invited");
}

/* HR words in the text output: a member the HR scope lets go is "No
 * longer managed", never `previously_managed` (the JSON keeps its values),
 * named by name and e-mail, never "#3". */
static void
test_file_connector_hr_words (Fixture      *f,
                              gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };

  sync_file_v1 (f);
  write_snapshot (f, snapshot_v2);

  run_cli (f, &run, "sync", "replay", "--dry-run");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Chen Li <chen@example.com>"));
  g_assert_nonnull (strstr (run.out, "HR status: Managed by HR → No longer managed"));
  g_assert_nonnull (strstr (run.out, "Job title: Engineer → Lead Engineer"));
  g_assert_null (strstr (run.out, "previously_managed"));
  g_assert_null (strstr (run.out, "hr_status"));
  g_assert_null (strstr (run.out, " #"));
  hc_cli_run_clear (&run);

  run_cli (f, &run, "sync", "replay", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "history", "show", "2");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Managed by HR → No longer managed"));
  g_assert_null (strstr (run.out, "previously_managed"));
  hc_cli_run_clear (&run);

  run_cli (f, &run, "members");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "No longer managed"));
  g_assert_nonnull (strstr (run.out, "Managed by HR"));
  g_assert_null (strstr (run.out, "previously_managed"));
  hc_cli_run_clear (&run);

  run_cli (f, &run, "members", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"previously_managed\""));
}

static void
test_file_connector_malformed (Fixture      *f,
                               gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) history = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonArray *runs;

  sync_file_v1 (f);
  before = members_json (f);

  write_snapshot (f, "{\"employees\": [ {\"id\": \"E1\", ");
  run_cli (f, &run, "sync", "replay", "--yes", "--json");
  g_assert_cmpint (run.status, ==, 1);
  /* With --json, stdout is the error document alone. */
  {
    g_autoptr (JsonNode) failure = parse_json (run.out);
    JsonObject *error = get_object (json_node_get_object (failure), "error");

    g_assert_cmpuint (json_object_get_size (json_node_get_object (failure)), ==, 2);
    g_assert_cmpstr (get_string (error, "code"), ==, "invalid-data");
    g_assert_nonnull (strstr (get_string (error, "message"), "snapshot.json"));
  }
  g_assert_true (g_str_has_prefix (run.err, "headcount-cli: "));
  g_assert_nonnull (strstr (run.err, "snapshot.json"));
  hc_cli_run_clear (&run);

  after = members_json (f);
  g_assert_cmpstr (after, ==, before);

  /* The failure is in the history, newest first. */
  run_cli (f, &run, "history", "--json");
  history = parse_json (run.out);
  runs = get_array (json_node_get_object (history), "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 2);
  g_assert_cmpstr (get_string (json_array_get_object_element (runs, 0), "result"), ==, "failed");
  g_assert_cmpstr (get_string (json_array_get_object_element (runs, 1), "result"), ==, "success");
}

/* ─── members output ───────────────────────────────────────────────── */

/* RFC 4180 records. (transfer full) GPtrArray of GStrv */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
        }
      else
        {
          while (*p != ',' && *p != '\r' && *p != '\0')
            {
              g_assert_true (*p != '"' && *p != '\n');
              g_string_append_c (field, *p++);
            }
        }

      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        {
          p++;
        }
      else
        {
          /* Every record ends with CRLF. */
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (fields, NULL);
          /* stealing leaves the array empty, ready for the next record */
          g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
        }
    }

  return records;
}

static void
test_members_csv (Fixture      *f,
                  gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *members;
  char **header;
  guint title_column = 0;
  gboolean found_quoted = FALSE;

  sync_file_v1 (f);
  members = list_members (f, &root, NULL);

  run_cli (f, &run, "members", "--csv");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_utf8_validate (run.out, -1, NULL));
  /* The quoted field as it stands in the file. */
  g_assert_nonnull (strstr (run.out, ",\"Head of \"\"Sales\"\", EMEA\","));

  records = parse_csv (run.out);
  g_assert_cmpuint (records->len, ==, json_array_get_length (members) + 1);

  header = g_ptr_array_index (records, 0);
  g_assert_cmpstr (header[0], ==, "id");
  g_assert_cmpstr (header[1], ==, "external_id");
  g_assert_cmpstr (header[2], ==, "email");
  g_assert_cmpstr (header[3], ==, "first_name");
  g_assert_cmpstr (header[4], ==, "last_name");
  g_assert_cmpstr (header[5], ==, "title");
  g_assert_cmpstr (header[8], ==, "state");
  g_assert_cmpstr (header[9], ==, "hr_status");
  title_column = 5;

  /* Row by row the same as the JSON. */
  for (guint i = 1; i < records->len; i++)
    {
      char **record = g_ptr_array_index (records, i);
      JsonObject *member = find_member (members, record[1]);
      const char *title = get_string (member, "title");
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, get_int (member, "id"));

      g_assert_cmpuint (g_strv_length (record), ==, g_strv_length (header));
      g_assert_cmpstr (record[0], ==, id);
      g_assert_cmpstr (record[3], ==, get_string (member, "first_name"));
      g_assert_cmpstr (record[title_column], ==, title != NULL ? title : "");
      found_quoted |= g_strcmp0 (record[title_column], "Head of \"Sales\", EMEA") == 0;
    }
  g_assert_true (found_quoted);
  hc_cli_run_clear (&run);

  /* A filter applies to CSV too: only the header when nothing matches. */
  run_cli (f, &run, "members", "--state", "archived", "--csv");
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = parse_csv (run.out);
  g_assert_cmpuint (records->len, ==, 1);
}

/* The column where @needle starts, counted in characters. */
static glong
column_of (const char *line,
           const char *needle)
{
  const char *at = strstr (line, needle);

  g_assert_nonnull (at);

  return g_utf8_pointer_to_offset (line, at);
}

static void
test_members_human (Fixture      *f,
                    gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_auto (GStrv) lines = NULL;
  const char *zoe_line = NULL;
  const char *chen_line = NULL;

  sync_file_v1 (f);

  run_cli (f, &run, "members");
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "zoe@example.com") != NULL)
        zoe_line = lines[i];
      if (strstr (lines[i], "chen@example.com") != NULL)
        chen_line = lines[i];
    }
  g_assert_nonnull (zoe_line);
  g_assert_nonnull (chen_line);
  g_assert_nonnull (strstr (zoe_line, "Zoé Ørsted"));

  /* Accents do not push the columns out of line. */
  g_assert_cmpint (column_of (zoe_line, "@example.com") - (glong) strlen ("zoe"), ==,
                   column_of (chen_line, "@example.com") - (glong) strlen ("chen"));
  g_assert_cmpint (column_of (zoe_line, "Invited"), ==, column_of (chen_line, "Invited"));
}

/* ─── data dir and workspaces ──────────────────────────────────────── */

static void
test_workspaces (Fixture      *f,
                 gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) acme = NULL;
  g_autoptr (JsonNode) other = NULL;
  g_autoptr (JsonNode) env_list = NULL;
  const char *env[] = { "HEADCOUNT_DATA_DIR", f->data_dir, NULL };
  const char *list_argv[] = { "--workspace", "acme", "connector", "list", "--json", NULL };
  g_autofree char *parent = g_path_get_dirname (f->data_dir);
  g_autofree char *escaped = g_build_filename (parent, "escape.db", NULL);

  run_cli (f, &run, "--workspace", "acme", "connector", "add", "demo", "--name", "demo");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  /* Global options also after the command. */
  run_cli (f, &run, "connector", "list", "--workspace", "acme", "--json");
  g_assert_cmpint (run.status, ==, 0);
  acme = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (get_array (json_node_get_object (acme), "connectors")), ==, 1);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "connector", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  other = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (get_array (json_node_get_object (other), "connectors")), ==, 0);
  hc_cli_run_clear (&run);

  /* HEADCOUNT_DATA_DIR when there is no --data-dir. */
  run_cli_full (f, NULL, env, list_argv, &run);
  g_assert_cmpint (run.status, ==, 0);
  env_list = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (get_array (json_node_get_object (env_list), "connectors")), ==, 1);
  hc_cli_run_clear (&run);

  /* A workspace name is not a path. */
  run_cli (f, &run, "--workspace", "../escape", "members");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "../escape"));
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
}

/* rules.md 47: the members go with the connector, through a plan that a
 * dry run prints and --yes applies, as a run that undo rolls back. */
static void
test_connector_remove_members (Fixture      *f,
                               gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) before_root = NULL;
  g_autoptr (JsonNode) after_root = NULL;
  g_autoptr (JsonNode) back_root = NULL;
  g_autoptr (JsonNode) history_root = NULL;
  JsonArray *before, *after, *back, *runs;
  gint64 run_id;
  guint n_managed = 0;

  add_demo (f);
  run_cli (f, &run, "sync", "demo", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  /* one member by hand, never touched */
  run_cli (f, &run, "members", "add", "--first-name", "Hand", "--last-name", "Made", "--email", "hand@x.test");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  before = list_members (f, &before_root, NULL);
  for (guint i = 0; i < json_array_get_length (before); i++)
    n_managed += g_strcmp0 (json_object_get_string_member (json_array_get_object_element (before, i), "hr_status"),
                            "managed") == 0;
  g_assert_cmpuint (n_managed, >, 0);

  /* both is a usage error */
  run_cli (f, &run, "connector", "remove", "demo", "--archive-members", "--remove-members");
  g_assert_cmpint (run.status, ==, 2);
  hc_cli_run_clear (&run);

  /* a dry run prints the plan, changes nothing */
  run_cli (f, &run, "connector", "remove", "demo", "--remove-members", "--dry-run");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Plan for disconnecting “demo”"));
  g_assert_nonnull (strstr (run.out, "Removed members"));
  g_assert_null (strstr (run.out, "hand@x.test"));
  g_assert_nonnull (strstr (run.out, "Dry run: nothing was changed."));
  hc_cli_run_clear (&run);
  /* without --yes: the plan, nothing changed, exit 3 */
  run_cli (f, &run, "connector", "remove", "demo", "--remove-members");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "--remove-members --yes"));
  hc_cli_run_clear (&run);
  after = list_members (f, &after_root, NULL);
  g_assert_cmpuint (json_array_get_length (after), ==, json_array_get_length (before));
  g_clear_pointer (&after_root, json_node_unref);

  run_cli (f, &run, "connector", "remove", "demo", "--remove-members", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "removed from the directory"));
  hc_cli_run_clear (&run);
  after = list_members (f, &after_root, NULL);
  g_assert_cmpuint (json_array_get_length (after), ==, json_array_get_length (before) - n_managed);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (after, 0), "email"), ==,
                   "hand@x.test");

  /* History: a "disconnect" run, which undo rolls back */
  run_cli (f, &run, "history", "--json");
  g_assert_cmpint (run.status, ==, 0);
  history_root = parse_json (run.out);
  runs = get_array (json_node_get_object (history_root), "runs");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (runs, 0), "trigger"), ==,
                   "disconnect");
  run_id = json_object_get_int_member (json_array_get_object_element (runs, 0), "id");
  hc_cli_run_clear (&run);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);

    run_cli (f, &run, "undo", id, "--yes");
    g_assert_cmpint (run.status, ==, 0);
    hc_cli_run_clear (&run);
  }

  /* back as they were, no longer managed as the connector is gone */
  back = list_members (f, &back_root, NULL);
  g_assert_cmpuint (json_array_get_length (back), ==, json_array_get_length (before));
  for (guint i = 0; i < json_array_get_length (before); i++)
    {
      g_autoptr (JsonNode) expected = json_node_copy (json_array_get_element (before, i));
      JsonObject *object = json_node_get_object (expected);

      if (g_strcmp0 (json_object_get_string_member (object, "hr_status"), "managed") == 0)
        json_object_set_string_member (object, "hr_status", "previously_managed");
      g_assert_true (json_node_equal (expected, json_array_get_element (back, i)));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/usage/bad", test_bad_usage);
  ADD ("/cli/usage/help", test_help);
  ADD ("/cli/connector/unknown", test_unknown_connector);
  ADD ("/cli/connector/add-list", test_connector_add_list);
  ADD ("/cli/connector/kinds", test_connector_kinds);
  ADD ("/cli/connector/secret-stdin", test_connector_secret_stdin);
  ADD ("/cli/connector/test-remove", test_connector_test_remove);
  ADD ("/cli/connector/list-states", test_connector_list_states);
  ADD ("/cli/sync/needs-confirmation", test_sync_needs_confirmation);
  ADD ("/cli/sync/dry-run", test_sync_dry_run);
  ADD ("/cli/sync/apply", test_sync_apply);
  ADD ("/cli/sync/file", test_file_connector);
  ADD ("/cli/sync/file-malformed", test_file_connector_malformed);
  ADD ("/cli/sync/hr-words", test_file_connector_hr_words);
  ADD ("/cli/members/csv", test_members_csv);
  ADD ("/cli/members/human", test_members_human);
  ADD ("/cli/workspaces", test_workspaces);
  ADD ("/cli/connector/remove-members", test_connector_remove_members);

#undef ADD

  return g_test_run ();
}
