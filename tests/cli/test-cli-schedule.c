/* test-cli-schedule.c — headcount-cli sync --all-due end to end, on a
 * temporary data directory
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"

#include "hc-store.h"

#define WORKSPACE "acme"

static const char snapshot[] =
  "{\"employees\": ["
  " {\"id\": \"E1\", \"first_name\": \"Ada\", \"last_name\": \"Lovelace\", \"email\": \"ada@x.test\", \"status\": \"active\"},"
  " {\"id\": \"E2\", \"first_name\": \"Alan\", \"last_name\": \"Turing\", \"email\": \"alan@x.test\", \"status\": \"active\"}"
  "]}";

typedef struct
{
  char *data_dir;
  char *snapshot;
  char *config;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("headcount-cli-schedule-XXXXXX", &error);
  g_assert_no_error (error);
  f->snapshot = g_build_filename (f->data_dir, "snapshot.json", NULL);
  f->config = g_build_filename (f->data_dir, "config.json", NULL);
  g_file_set_contents (f->snapshot, snapshot, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (f->config, "{\"schedule\": \"6h\"}", -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  hc_cli_remove_tree (f->data_dir);
  g_free (f->data_dir);
  g_free (f->snapshot);
  g_free (f->config);
}

/* headcount-cli --data-dir DIR --workspace WORKSPACE ARGS… */
static void
run_cli_argv (Fixture            *f,
              const char         *workspace,
              const char * const *argv,
              HcCliRun           *run)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *xdg = g_build_filename (f->data_dir, "xdg", NULL);

  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, f->data_dir);
  g_ptr_array_add (args, "--workspace");
  g_ptr_array_add (args, (char *) workspace);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  /* No stdin pipe: the child keeps the test's stdin, as before. */
  hc_cli_spawn (NULL, xdg, NULL, (const char * const *) args->pdata, NULL, run);
  g_test_message ("headcount-cli %s → %d\n%s%s", argv[0], run->status, run->out, run->err);
}

#define run_cli(f, run, ...) \
  G_STMT_START { \
    const char *argv_[] = { __VA_ARGS__, NULL }; \
    hc_cli_run_clear (run); \
    run_cli_argv ((f), WORKSPACE, argv_, (run)); \
  } G_STMT_END

static HcStore *
open_store (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->data_dir, WORKSPACE ".db", NULL);
  g_autoptr (GError) error = NULL;
  HcStore *store = hc_store_new (path, &error);

  g_assert_no_error (error);
  return store;
}

/* As if the app had been closed since before these connectors were due. */
static void
make_due (Fixture    *f,
          const char *name)
{
  g_autoptr (HcStore) store = open_store (f);
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  info = hc_store_find_connector (store, name, &error);
  g_assert_no_error (error);
  g_assert_true (hc_store_set_connector_next_run (store, info->id,
                                                  g_get_real_time () - 30 * G_TIME_SPAN_HOUR, &error));
  g_assert_no_error (error);
}

static guint
count_scheduled_runs (Fixture     *f,
                      const char  *name,
                      HcSyncResult result)
{
  g_autoptr (HcStore) store = open_store (f);
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 0;

  info = hc_store_find_connector (store, name, &error);
  g_assert_no_error (error);
  runs = hc_store_list_runs (store, info->id, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < runs->len; i++)
    {
      HcSyncRun *run = g_ptr_array_index (runs, i);

      n += run->trigger == HC_SYNC_TRIGGER_SCHEDULE && run->result == result;
    }
  return n;
}

static void
add_scheduled_connector (Fixture    *f,
                         const char *name,
                         const char *path)
{
  g_auto (HcCliRun) run = { 0 };

  run_cli (f, &run, "connector", "add", "file", "--name", name, "--path", path);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (f, &run, "config", name, "--set", f->config);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_all_due (Fixture      *f,
              gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = NULL;
  JsonArray *runs;
  JsonObject *first;

  add_scheduled_connector (f, "Nightly HR", f->snapshot);
  run_cli (f, &run, "sync", "Nightly HR", "--yes");
  g_assert_cmpint (run.status, ==, 0);

  /* Just synced: nothing is due for six hours. */
  run_cli (f, &run, "sync", "--all-due");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "No sync is due"));
  g_assert_cmpuint (count_scheduled_runs (f, "Nightly HR", HC_SYNC_RESULT_SUCCESS), ==, 0);

  /* Due since long ago: it runs once, recorded as a scheduled run. */
  make_due (f, "Nightly HR");
  run_cli (f, &run, "sync", "--all-due", "--json");
  g_assert_cmpint (run.status, ==, 0);
  json_node_unref (hc_cli_parse_document (run.out));
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  runs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 1);
  first = json_array_get_object_element (runs, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "connector"), ==, "Nightly HR");
  g_assert_cmpstr (json_object_get_string_member (first, "result"), ==, "unchanged");
  g_assert_cmpuint (count_scheduled_runs (f, "Nightly HR", HC_SYNC_RESULT_SUCCESS), ==, 1);

  run_cli (f, &run, "sync", "--all-due");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_scheduled_runs (f, "Nightly HR", HC_SYNC_RESULT_SUCCESS), ==, 1);

  /* A first sync waits for a person: exit 3, nothing applied. */
  add_scheduled_connector (f, "Fresh", f->snapshot);
  make_due (f, "Fresh");
  make_due (f, "Nightly HR");
  run_cli (f, &run, "sync", "--all-due");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "“Fresh”: not applied"));
  g_assert_nonnull (strstr (run.out, "headcount-cli sync Fresh"));
  g_assert_nonnull (strstr (run.out, "“Nightly HR”: nothing to change"));
  g_assert_cmpuint (count_scheduled_runs (f, "Fresh", HC_SYNC_RESULT_NEEDS_CONFIRMATION), ==, 1);
  store = open_store (f);
  {
    g_autoptr (HcConnectorInfo) fresh = hc_store_find_connector (store, "Fresh", &error);

    g_assert_no_error (error);
    g_assert_cmpint (fresh->state, ==, HC_CONNECTOR_STATE_ACTION_REQUIRED);
    g_assert_false (hc_store_connector_has_synced (store, fresh->id));
  }
  g_clear_object (&store);

  /* With --json: the runs, and "confirmation-required" naming it. */
  make_due (f, "Fresh");
  run_cli (f, &run, "sync", "--all-due", "--json");
  g_assert_cmpint (run.status, ==, 3);
  {
    g_autoptr (JsonNode) root = hc_cli_parse_document (run.out);
    JsonObject *failure = json_object_get_object_member (json_node_get_object (root), "error");

    g_assert_cmpstr (json_object_get_string_member (failure, "code"), ==, "confirmation-required");
    g_assert_nonnull (strstr (json_object_get_string_member (failure, "message"), "“Fresh”"));
  }

  /* A failure wins over a confirmation: exit 1, each one reported. */
  {
    g_autofree char *gone = g_build_filename (f->data_dir, "gone.json", NULL);

    /* A snapshot that went away since the connector was added. */
    g_assert_true (g_file_set_contents (gone, snapshot, -1, NULL));
    add_scheduled_connector (f, "Broken", gone);
    g_unlink (gone);
  }
  make_due (f, "Broken");
  make_due (f, "Fresh");
  run_cli (f, &run, "sync", "--all-due");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "“Broken”: failed"));
  g_assert_nonnull (strstr (run.out, "“Fresh”: not applied"));
  g_assert_cmpuint (count_scheduled_runs (f, "Broken", HC_SYNC_RESULT_FAILED), ==, 1);

  /* With --json: every run, and the error naming the one that failed. */
  make_due (f, "Broken");
  make_due (f, "Fresh");
  run_cli (f, &run, "sync", "--all-due", "--json");
  g_assert_cmpint (run.status, ==, 1);
  {
    g_autoptr (JsonNode) root = hc_cli_parse_document (run.out);
    JsonObject *object = json_node_get_object (root);
    JsonObject *failure = json_object_get_object_member (object, "error");

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "runs")), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (failure, "code"), ==, "sync-failed");
    g_assert_nonnull (strstr (json_object_get_string_member (failure, "message"), "“Broken”"));
    g_assert_null (strstr (json_object_get_string_member (failure, "message"), "“Fresh”"));
  }
}

static void
test_all_due_usage (Fixture      *f,
                    gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  const char *other_argv[] = { "sync", "--all-due", NULL };

  run_cli (f, &run, "sync", "--all-due", "Nightly HR");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (f, &run, "sync", "--all-due", "--yes");
  g_assert_cmpint (run.status, ==, 2);

  /* Another workspace has its own schedules. */
  add_scheduled_connector (f, "Nightly HR", f->snapshot);
  make_due (f, "Nightly HR");
  hc_cli_run_clear (&run);
  run_cli_argv (f, "other", other_argv, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "No sync is due"));
}

static void
test_sync_while_claimed (Fixture      *f,
                         gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (HcStore) store = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  gboolean claimed = FALSE;
  gint64 now = g_get_real_time ();

  add_scheduled_connector (f, "Nightly HR", f->snapshot);
  store = open_store (f);
  info = hc_store_find_connector (store, "Nightly HR", &error);
  g_assert_no_error (error);

  /* The app runs it in the background: the CLI does not start a second run. */
  g_assert_true (hc_store_claim_connector_run (store, info->id, now, now - G_TIME_SPAN_HOUR, &claimed, &error));
  g_assert_true (claimed);
  run_cli (f, &run, "sync", "Nightly HR", "--yes");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "already running"));
  g_assert_cmpuint (hc_store_count_members (store, -1), ==, 0);
  run_cli (f, &run, "sync", "Nightly HR", "--yes", "--json");
  hc_cli_assert_error (&run, 1, "busy");
  g_assert_cmpuint (hc_store_count_members (store, -1), ==, 0);

  g_assert_true (hc_store_release_connector_run (store, info->id, &error));
  run_cli (f, &run, "sync", "Nightly HR", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (hc_store_count_members (store, -1), ==, 2);
}

/* rules.md 12: an HR system that answers with no employee at all would no
 * longer manage everyone; a scheduled run applies nothing and waits. */
static void
test_all_due_empty_list (Fixture      *f,
                         gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (HcStore) store = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GError) error = NULL;

  add_scheduled_connector (f, "Nightly HR", f->snapshot);
  run_cli (f, &run, "sync", "Nightly HR", "--yes");
  g_assert_cmpint (run.status, ==, 0);

  g_assert_true (g_file_set_contents (f->snapshot, "{\"employees\": []}", -1, NULL));
  make_due (f, "Nightly HR");
  run_cli (f, &run, "sync", "--all-due");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "“Nightly HR”: not applied"));
  g_assert_cmpuint (count_scheduled_runs (f, "Nightly HR", HC_SYNC_RESULT_NEEDS_CONFIRMATION), ==, 1);
  g_assert_cmpuint (count_scheduled_runs (f, "Nightly HR", HC_SYNC_RESULT_SUCCESS), ==, 0);

  store = open_store (f);
  members = hc_store_list_members (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  for (guint i = 0; i < members->len; i++)
    g_assert_cmpint (hc_member_get_hr_status (g_ptr_array_index (members, i)), ==, HC_HR_STATUS_MANAGED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/sync-all-due/end-to-end", Fixture, NULL, fixture_set_up, test_all_due, fixture_tear_down);
  g_test_add ("/cli/sync-all-due/empty-list", Fixture, NULL, fixture_set_up, test_all_due_empty_list, fixture_tear_down);
  g_test_add ("/cli/sync-all-due/usage", Fixture, NULL, fixture_set_up, test_all_due_usage, fixture_tear_down);
  g_test_add ("/cli/sync/not-while-running", Fixture, NULL, fixture_set_up, test_sync_while_claimed, fixture_tear_down);

  return g_test_run ();
}
