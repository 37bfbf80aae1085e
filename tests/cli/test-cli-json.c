/* test-cli-json.c — the JSON contract of headcount-cli (docs/cli.md): every
 * --json document carries format_version 1, a failure is one error document
 * with a stable code, a usage error is two lines
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-json"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"

typedef struct
{
  char *data_dir;
  char *snapshot;
  char *csv;
  char *bad_config;
} Fixture;

static const char snapshot[] =
  "{\"employees\": ["
  " {\"id\": \"E1\", \"first_name\": \"Zoé\", \"last_name\": \"Ørsted\", \"email\": \"zoe@example.com\","
  "  \"status\": \"active\", \"position\": \"Engineer\", \"department\": \"R&D\"},"
  " {\"id\": \"E2\", \"first_name\": \"Bob\", \"last_name\": \"Floor\", \"status\": \"active\","
  "  \"position\": \"Warehouse\", \"manager_id\": \"E1\"},"
  " {\"id\": \"E3\", \"first_name\": \"Chen\", \"last_name\": \"Li\", \"email\": \"chen@example.com\","
  "  \"status\": \"active\", \"position\": \"Sales\", \"manager_id\": \"E1\"}"
  "]}";

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("headcount-cli-json-XXXXXX", &error);
  g_assert_no_error (error);
  f->snapshot = g_build_filename (f->data_dir, "snapshot.json", NULL);
  f->csv = g_build_filename (f->data_dir, "members.csv", NULL);
  f->bad_config = g_build_filename (f->data_dir, "bad-config.json", NULL);
  write_file (f->snapshot, snapshot);
  write_file (f->csv, "E-mail,First name,Last name\r\nada@example.com,Ada,Lovelace\r\n");
  write_file (f->bad_config, "{\"schedule\": \"weekly\"}");
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  hc_cli_remove_tree (f->data_dir);
  g_free (f->data_dir);
  g_free (f->snapshot);
  g_free (f->csv);
  g_free (f->bad_config);
}

/* headcount-cli --data-dir DATA_DIR @argv… */
static void
run_cli_v (Fixture            *f,
           const char * const *argv,
           HcCliRun           *run)
{
  g_autofree char *xdg = g_build_filename (f->data_dir, "xdg", NULL);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, f->data_dir);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  hc_cli_spawn (NULL, xdg, NULL, (const char * const *) args->pdata, "", run);
  g_test_message ("headcount-cli %s … → %d\n%s", argv[0] != NULL ? argv[0] : "", run->status, run->err);
}

static void
run_cli_ok (Fixture            *f,
            const char * const *argv)
{
  g_auto (HcCliRun) run = { 0 };

  run_cli_v (f, argv, &run);
  g_assert_cmpint (run.status, ==, 0);
}

/* A workspace with a synced file connector "hr" (sync 1) and a fresh
 * one "fresh" whose first sync waits for a confirmation. */
static void
add_workspace (Fixture *f)
{
  run_cli_ok (f, (const char *[]) { "connector", "add", "file", "--name", "hr", "--test-instance",
                                    "--path", f->snapshot, NULL });
  run_cli_ok (f, (const char *[]) { "sync", "hr", "--yes", NULL });
  run_cli_ok (f, (const char *[]) { "connector", "add", "file", "--name", "fresh",
                                    "--path", f->snapshot, NULL });
}

/* Every command that has --json, in one loop: one document each,
 * format_version 1 first, an error member exactly when it fails. */
static void
test_format_version (Fixture      *f,
                     gconstpointer data)
{
  const struct
  {
    const char *argv[9];
    int         status;
  } commands[] = {
    { { "connector", "list", "--json" }, 0 },
    { { "config", "hr", "--json" }, 0 },
    { { "sync", "hr", "--dry-run", "--json" }, 0 },
    { { "sync", "--all-due", "--json" }, 0 },
    { { "explain", "hr", "zoe@example.com", "--json" }, 0 },
    { { "check", "hr", "--json" }, 0 },
    { { "members", "--json" }, 0 },
    { { "history", "--json" }, 0 },
    { { "history", "show", "1", "--json" }, 0 },
    { { "undo", "1", "--json" }, 3 },
    /* After the undo preview: a sync applied would be the one to undo. */
    { { "sync", "hr", "--json" }, 0 },
    { { "import-members", "CSV", "--dry-run", "--json" }, 0 },
    { { "workspace", "list", "--json" }, 0 },
  };

  add_workspace (f);

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (HcCliRun) run = { 0 };
      g_autoptr (JsonNode) root = NULL;
      const char *argv[G_N_ELEMENTS (commands[i].argv)] = { NULL };
      JsonObject *object;

      for (guint j = 0; commands[i].argv[j] != NULL; j++)
        argv[j] = g_str_equal (commands[i].argv[j], "CSV") ? f->csv : commands[i].argv[j];

      run_cli_v (f, argv, &run);
      g_assert_cmpint (run.status, ==, commands[i].status);
      root = hc_cli_parse_document (run.out);
      object = json_node_get_object (root);
      /* More than the version: the command's own keys are there. */
      g_assert_cmpuint (json_object_get_size (object), >, 1);
      g_assert_cmpint (json_object_has_member (object, "error"), ==, commands[i].status != 0);
    }
}

/* A failing command with --json: on stdout the error document alone,
 * with the code of its cause, and the exit status of today. */
static void
test_errors (Fixture      *f,
             gconstpointer data)
{
  const struct
  {
    const char *argv[9];
    int         status;
    const char *code;
  } failures[] = {
    { { "sync", "no-such-connector", "--json" }, 1, "not-found" },
    { { "explain", "no-such-connector", "zoe@example.com", "--json" }, 1, "not-found" },
    { { "connector", "list", "--json", "--workspace", "../elsewhere" }, 2, "usage" },
    { { "history", "show", "99", "--json" }, 1, "not-found" },
    { { "import-members", "/nonexistent/members.csv", "--json" }, 1, "not-found" },
    { { "config", "hr", "--set", "BAD-CONFIG", "--json" }, 1, "invalid-config" },
    { { "config", "hr", "--set", "/nonexistent/config.json", "--json" }, 1, "not-found" },
    { { "sync", "hr", "--approve-archive", "77", "--json" }, 1, "invalid-argument" },
    { { "members", "--json", "--frobnicate" }, 2, "usage" },
    { { "members", "--json", "--state", "retired" }, 2, "usage" },
    { { "frobnicate", "--json" }, 2, "usage" },
  };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;

  add_workspace (f);

  for (gsize i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_auto (HcCliRun) failed = { 0 };
      const char *argv[G_N_ELEMENTS (failures[i].argv)] = { NULL };

      for (guint j = 0; failures[i].argv[j] != NULL; j++)
        argv[j] = g_str_equal (failures[i].argv[j], "BAD-CONFIG") ? f->bad_config : failures[i].argv[j];

      run_cli_v (f, argv, &failed);
      hc_cli_assert_error (&failed, failures[i].status, failures[i].code);
    }

  /* A plan that needs a confirmation: exit 3, the plan to review and
   * the error that says why nothing was applied, in one document. */
  run_cli_v (f, (const char *[]) { "sync", "fresh", "--json", NULL }, &run);
  g_assert_cmpint (run.status, ==, 3);
  root = hc_cli_parse_document (run.out);
  object = json_node_get_object (root);
  g_assert_false (json_object_get_boolean_member (object, "applied"));
  g_assert_true (json_object_has_member (object, "plan"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "error"), "code"), ==,
                   "confirmation-required");
  g_assert_nonnull (strstr (run.err, json_object_get_string_member (json_object_get_object_member (object, "error"),
                                                                    "message")));
  hc_cli_run_clear (&run);

  /* Nothing was applied: its first sync still waits. */
  run_cli_v (f, (const char *[]) { "sync", "fresh", "--dry-run", "--json", NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = hc_cli_parse_document (run.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "needs_confirmation"));
}

/* A usage error: two lines on stderr, nothing on stdout, exit 2. */
static void
test_usage_two_lines (Fixture      *f,
                      gconstpointer data)
{
  const struct
  {
    const char *argv[6];
    const char *command;
  } cases[] = {
    { { NULL }, "" },
    { { "frobnicate" }, "" },
    { { "--frobnicate", "members" }, "" },
    { { "members", "--frobnicate" }, "members" },
    { { "members", "--state", "retired" }, "members" },
    { { "--workspace", "../elsewhere", "members" }, "members" },
    { { "sync" }, "sync" },
    { { "connector" }, "connector" },
    { { "connector", "frobnicate" }, "connector" },
    { { "connector", "add", "demo" }, "connector add" },
    { { "connector", "remove" }, "connector remove" },
    { { "config" }, "config" },
    { { "explain", "hr" }, "explain" },
    { { "check" }, "check" },
    { { "history", "--csv" }, "history" },
    { { "history", "show" }, "history show" },
    { { "undo", "x" }, "undo" },
    { { "import-members" }, "import-members" },
    { { "export-members" }, "export-members" },
    { { "workspace", "create" }, "workspace create" },
    { { "workspace", "delete" }, "workspace delete" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (HcCliRun) run = { 0 };

      run_cli_v (f, cases[i].argv, &run);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      hc_cli_assert_usage_lines (run.err, cases[i].command);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli-json/format-version", test_format_version);
  ADD ("/cli-json/errors", test_errors);
  ADD ("/cli-json/usage-two-lines", test_usage_two_lines);

#undef ADD

  return g_test_run ();
}
