/* test-cli-workspace.c — headcount-cli workspace: create, list, rename, delete,
 * and isolation (a connector and its secret in a real gnome-keyring-daemon)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"

#include "hc-secrets.h"
#include "hc-store.h"
#include "hc-test-keyring.h"

#define SECRET "acme-CLIENT-SECRET-4242"

static HcTestSession *session;
static char **session_env;
static char *root;

/* headcount-cli --data-dir @data_dir @…, @input on stdin. */
G_GNUC_NULL_TERMINATED static void
run_cli (HcCliRun   *run,
         const char *data_dir,
         const char *input,
         ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  hc_cli_run_clear (run);

  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, (char *) data_dir);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  hc_cli_spawn ((const char * const *) session_env, NULL, NULL,
                (const char * const *) args->pdata, input ? input : "", run);
}

static char *
make_data_dir (const char *name)
{
  char *dir = g_build_filename (root, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static char *
db_path (const char *data_dir,
         const char *workspace)
{
  g_autoptr (GError) error = NULL;
  char *path = hc_store_build_path (data_dir, workspace, &error);

  g_assert_no_error (error);
  return path;
}

static char *
dup_workspace_id (const char *data_dir,
                  const char *workspace)
{
  g_autofree char *path = db_path (data_dir, workspace);
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (path, &error);

  g_assert_no_error (error);
  return g_strdup (hc_store_get_workspace_id (store));
}

static HcSecret *
lookup (const char *workspace_id,
        gint64      connector_id)
{
  g_autoptr (GError) error = NULL;
  HcSecret *secret = hc_secrets_lookup_sync (workspace_id, connector_id, HC_SECRET_KIND_CLIENT_SECRET,
                                             NULL, &error);

  g_assert_no_error (error);
  return secret;
}

/* "HR" (Personio, id 1) with its secret in the keyring, in @workspace. */
static void
add_personio (const char *data_dir,
              const char *workspace)
{
  g_auto (HcCliRun) run = { 0 };

  run_cli (&run, data_dir, SECRET "\n", "--workspace", workspace,
           "connector", "add", "personio", "--name", "HR", "--base-url", "http://127.0.0.1:9",
           "--client-id", "acme-client", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, SECRET));
  g_assert_null (strstr (run.err, SECRET));
}

static guint
count_connectors (const char *data_dir,
                  const char *workspace)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  run_cli (&run, data_dir, NULL, "--workspace", workspace, "connector", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_node_unref (hc_cli_parse_document (run.out));
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                              "connectors"));
}

static void
assert_no_db_files (const char *data_dir,
                    const char *workspace)
{
  g_autofree char *path = db_path (data_dir, workspace);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        g_error ("%s is still there", file);
    }
}

static void
test_create_list (void)
{
  g_autofree char *data_dir = make_data_dir ("create-list");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto (HcCliRun) run = { 0 };
  JsonArray *array;

  run_cli (&run, data_dir, NULL, "workspace", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "No workspace yet"));

  run_cli (&run, data_dir, NULL, "workspace", "create", "zeta", NULL);
  g_assert_cmpint (run.status, ==, 0);
  path = db_path (data_dir, "zeta");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  run_cli (&run, data_dir, NULL, "workspace", "create", "acme", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* twice, or a bad name: refused */
  run_cli (&run, data_dir, NULL, "workspace", "create", "acme", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "exists already"));
  run_cli (&run, data_dir, NULL, "workspace", "create", "../escape", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not a valid workspace name"));
  run_cli (&run, data_dir, NULL, "workspace", "create", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, data_dir, NULL, "workspace", "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* sorted, the current one marked */
  run_cli (&run, data_dir, NULL, "--workspace", "zeta", "workspace", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_node_unref (hc_cli_parse_document (run.out));
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "workspaces");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "name"), ==, "acme");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (array, 0), "current"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "name"), ==, "zeta");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 1), "current"));

  run_cli (&run, data_dir, NULL, "--workspace", "acme", "workspace", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "* acme\n  zeta\n");

  /* a name with a space: its file name is derived, the list says the name
   * (rules.md 33) */
  run_cli (&run, data_dir, NULL, "workspace", "create", "Acme Corp", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *file = g_build_filename (data_dir, "Acme%20Corp.db", NULL);

    g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  }
  run_cli (&run, data_dir, NULL, "--workspace", "Acme Corp", "workspace", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "* Acme Corp\n  acme\n  zeta\n");
}

static void
test_isolation (void)
{
  g_autofree char *data_dir = make_data_dir ("isolation");
  g_autofree char *acme_id = NULL;
  g_autofree char *beta_id = NULL;
  g_autoptr (HcSecret) acme_secret = NULL;
  g_autoptr (HcSecret) beta_secret = NULL;
  g_auto (HcCliRun) run = { 0 };

  add_personio (data_dir, "acme");
  run_cli (&run, data_dir, NULL, "workspace", "create", "beta", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* beta sees no connector of acme's */
  g_assert_cmpuint (count_connectors (data_dir, "acme"), ==, 1);
  g_assert_cmpuint (count_connectors (data_dir, "beta"), ==, 0);
  run_cli (&run, data_dir, NULL, "--workspace", "beta", "connector", "test", "HR", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "No connector named “HR” in workspace “beta”"));

  /* a connector of beta's gets the same id, and still not acme's secret */
  run_cli (&run, data_dir, NULL, "--workspace", "beta", "connector", "add", "demo", "--name", "HR", NULL);
  g_assert_cmpint (run.status, ==, 0);
  acme_id = dup_workspace_id (data_dir, "acme");
  beta_id = dup_workspace_id (data_dir, "beta");
  g_assert_cmpstr (acme_id, !=, beta_id);
  acme_secret = lookup (acme_id, 1);
  g_assert_cmpstr (acme_secret, ==, SECRET);
  beta_secret = lookup (beta_id, 1);
  g_assert_null (beta_secret);
}

static void
test_rename (void)
{
  g_autofree char *data_dir = make_data_dir ("rename");
  g_autofree char *old_path = NULL;
  g_autofree char *workspace_id = NULL;
  g_autofree char *renamed_id = NULL;
  g_autoptr (HcSecret) secret = NULL;
  g_auto (HcCliRun) run = { 0 };

  add_personio (data_dir, "acme");
  run_cli (&run, data_dir, NULL, "workspace", "create", "taken", NULL);
  g_assert_cmpint (run.status, ==, 0);
  workspace_id = dup_workspace_id (data_dir, "acme");
  old_path = db_path (data_dir, "acme");

  /* not over another workspace, not to a bad name, not a missing one */
  run_cli (&run, data_dir, NULL, "workspace", "rename", "acme", "taken", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "exists already"));
  run_cli (&run, data_dir, NULL, "workspace", "rename", "acme", "a/b", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_cli (&run, data_dir, NULL, "workspace", "rename", "nowhere", "other", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "No workspace named “nowhere”"));

  /* not while something has it open: a sync, the app */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (HcStore) open_store = hc_store_new (old_path, &error);

    g_assert_no_error (error);
    run_cli (&run, data_dir, NULL, "workspace", "rename", "acme", "acme-corp", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "is in use"));
    g_assert_true (g_file_test (old_path, G_FILE_TEST_IS_REGULAR));
    assert_no_db_files (data_dir, "acme-corp");
  }

  run_cli (&run, data_dir, NULL, "workspace", "rename", "acme", "acme-corp", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_no_db_files (data_dir, "acme");

  /* same database, same id: the connector and its secret are still reachable */
  g_assert_cmpuint (count_connectors (data_dir, "acme-corp"), ==, 1);
  renamed_id = dup_workspace_id (data_dir, "acme-corp");
  g_assert_cmpstr (renamed_id, ==, workspace_id);
  secret = lookup (renamed_id, 1);
  g_assert_cmpstr (secret, ==, SECRET);
}

static void
test_delete (void)
{
  g_autofree char *data_dir = make_data_dir ("delete");
  g_autofree char *acme_id = NULL;
  g_autofree char *keep_id = NULL;
  g_autofree char *path = NULL;
  g_autoptr (HcSecret) kept = NULL;
  g_autoptr (HcSecret) gone = NULL;
  g_autoptr (HcSecret) still = NULL;
  g_auto (HcCliRun) run = { 0 };

  add_personio (data_dir, "acme");
  add_personio (data_dir, "keep");
  acme_id = dup_workspace_id (data_dir, "acme");
  keep_id = dup_workspace_id (data_dir, "keep");
  path = db_path (data_dir, "acme");

  /* without --yes: what goes is named, nothing goes */
  run_cli (&run, data_dir, NULL, "workspace", "delete", "acme", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "0 members, 1 connector with its keyring secrets and 0 syncs"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  still = lookup (acme_id, 1);
  g_assert_cmpstr (still, ==, SECRET);

  run_cli (&run, data_dir, NULL, "workspace", "delete", "nowhere", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* a rollback journal left beside it (a first sync's bulk load writes
   * one) goes with it */
  {
    g_autofree char *journal = g_strconcat (path, "-journal", NULL);

    g_assert_true (g_file_set_contents (journal, "", 0, NULL));
  }
  run_cli (&run, data_dir, NULL, "workspace", "delete", "acme", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_no_db_files (data_dir, "acme");
  gone = lookup (acme_id, 1);
  g_assert_null (gone);

  /* the other workspace keeps its own */
  kept = lookup (keep_id, 1);
  g_assert_cmpstr (kept, ==, SECRET);
  g_assert_cmpuint (count_connectors (data_dir, "keep"), ==, 1);
  run_cli (&run, data_dir, NULL, "workspace", "list", NULL);
  g_assert_cmpstr (run.out, ==, "  keep\n");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  session = hc_test_session_start_private ("hc-cli-workspace-XXXXXX", &root);
  session_env = hc_test_session_update_environ (session, g_get_environ ());
  /* This process reads the keyring too. No thread runs yet. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", hc_test_session_get_bus_address (session), TRUE);

  g_test_add_func ("/cli-workspace/create-list", test_create_list);
  g_test_add_func ("/cli-workspace/isolation", test_isolation);
  g_test_add_func ("/cli-workspace/rename", test_rename);
  g_test_add_func ("/cli-workspace/delete", test_delete);

  status = g_test_run ();

  g_strfreev (session_env);
  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
