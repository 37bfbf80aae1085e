/* test-cli-check.c — headcount-cli check against a fake Personio whose data
 * changes between two syncs, with --secret-stdin (no keyring)
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"

#include "hc-connector-info.h"
#include "hc-fake-personio.h"
#include "hc-store.h"

/* headcount-cli --data-dir @data_dir …, the fake's secret on stdin, on a
 * bus where no keyring answers. */
static void
run_cli (HcCliRun   *run,
         const char *data_dir,
         ...)
{
  static const char * const env[] = {
    "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/headcount-no-bus",
    "LANGUAGE", "C",
    NULL
  };
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  gboolean secret_stdin = FALSE;
  va_list ap;

  hc_cli_run_clear (run);
  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, (char *) data_dir);
  va_start (ap, data_dir);
  while ((arg = va_arg (ap, const char *)) != NULL)
    {
      secret_stdin |= g_str_equal (arg, "--secret-stdin");
      g_ptr_array_add (args, (char *) arg);
    }
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* The secret only when the command reads it: one that exits without
  * reading its input would make the write fail with a broken pipe. */
  hc_cli_spawn (NULL, NULL, env, (const char * const *) args->pdata,
                secret_stdin ? HC_FAKE_PERSONIO_SECRET "\n" : "", run);
  if (run->status > 1)
    g_test_message ("stderr: %s", run->err);
}

static JsonObject *
check_json (HcCliRun  *run,
            JsonNode **root)
{
  g_autoptr (GError) error = NULL;

  *root = hc_cli_parse_document (run->out);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  /* Failed checks are a failure, with its error object (docs/cli.md). */
  if (run->status != 0)
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (*root), "error"),
                                                    "code"), ==, "checks-failed");
  else
    g_assert_false (json_object_has_member (json_node_get_object (*root), "error"));
  return json_node_get_object (*root);
}

/* The failures of check @name that name @employee_id. */
static guint
count_named (JsonObject *object,
             const char *name,
             const char *employee_id)
{
  JsonArray *checks = json_object_get_array_member (object, "checks");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);
      JsonArray *failures;

      if (g_strcmp0 (json_object_get_string_member (check, "check"), name) != 0)
        continue;
      failures = json_object_get_array_member (check, "failures");
      for (guint j = 0; j < json_array_get_length (failures); j++)
        if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (failures, j),
                                                                   "employee_id", ""), employee_id) == 0)
          n++;
    }
  return n;
}

static void
test_check (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = g_dir_make_tmp ("hc-test-cli-check-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *settings = NULL;
  g_autoptr (GPtrArray) people = hc_fake_people_new (16);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (JsonNode) root = NULL;
  g_auto (HcCliRun) run = { 0 };
  HcFakePerson *added;
  JsonObject *object;

  g_assert_no_error (error);
  path = g_build_filename (data_dir, "default.db", NULL);
  {
    g_autoptr (HcStore) store = hc_store_new (path, &error);

    g_assert_no_error (error);
    settings = hc_connector_info_build_settings (hc_fake_personio_get_base_url (fake), NULL,
                                                 HC_FAKE_PERSONIO_CLIENT_ID, NULL);
    g_assert_cmpint (hc_store_add_connector (store, "Sandbox", "personio", settings, NULL, TRUE, &error), >, 0);
    g_assert_no_error (error);
  }

  /* usage */
  run_cli (&run, data_dir, "check", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, data_dir, "check", "Nope", NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* before any sync */
  run_cli (&run, data_dir, "check", "Sandbox", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "No sync"));

  run_cli (&run, data_dir, "sync", "Sandbox", "--yes", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);

  run_cli (&run, data_dir, "check", "Sandbox", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "5 of 5 checks pass"));
  g_assert_null (strstr (run.out, "✗"));
  g_assert_null (strstr (run.out, "%"));
  g_assert_nonnull (strstr (run.out, "✓ Every active employee in scope is a member ("));
  g_assert_nonnull (strstr (run.out, " checked)"));

  /* A person added in HR: check fails naming them until the next sync. */
  added = hc_fake_person_new ("9001", "Grace", "Hopper", "grace.hopper@example.com");
  g_ptr_array_add (people, added);
  hc_fake_personio_set_people (fake, people);

  run_cli (&run, data_dir, "check", "Sandbox", "--json", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  object = check_json (&run, &root);
  g_assert_false (json_object_get_boolean_member (object, "passed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "checks")), ==, 5);
  g_assert_cmpuint (count_named (object, "visible", "9001"), ==, 1);
  g_assert_cmpuint (count_named (object, "created", "9001"), ==, 1);
  g_assert_cmpuint (count_named (object, "fields", "9001"), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  run_cli (&run, data_dir, "check", "Sandbox", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "Grace Hopper (9001)"));
  g_assert_nonnull (strstr (run.out, "3 of 5 checks pass"));

  run_cli (&run, data_dir, "sync", "Sandbox", "--yes", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);

  run_cli (&run, data_dir, "check", "Sandbox", "--json", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = check_json (&run, &root);
  g_assert_true (json_object_get_boolean_member (object, "passed"));
  g_clear_pointer (&root, json_node_unref);

  /* A sync with nothing to do says nothing of the scenario: the checks
   * still look at the one that created Grace Hopper. */
  run_cli (&run, data_dir, "sync", "Sandbox", "--yes", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, data_dir, "check", "Sandbox", "--json", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = check_json (&run, &root);
  {
    JsonObject *created = json_array_get_object_element (json_object_get_array_member (object, "checks"), 3);

    g_assert_cmpstr (json_object_get_string_member (created, "check"), ==, "created");
    g_assert_cmpint (json_object_get_int_member (created, "checked"), ==, 1);
  }
  g_clear_pointer (&root, json_node_unref);

  {
    g_autoptr (HcStore) store = hc_store_new (path, &error);
    g_autoptr (HcConnectorInfo) info = NULL;

    g_assert_no_error (error);
    info = hc_store_find_connector (store, "Sandbox", &error);
    g_assert_no_error (error);
    g_assert_false (hc_store_connector_has_sent_invitations (store, info->id));
  }

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (data_dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/check", test_check);

  return g_test_run ();
}
