/* test-cli-roles.c — headcount-cli roles, members --role, and a sync that keeps groups and roles
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-roles"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"

typedef struct
{
  char *data_dir;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("headcount-cli-roles-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  hc_cli_remove_tree (f->data_dir);
  g_free (f->data_dir);
}

#define RUN(f, run, ...) \
  hc_cli_run_in_data_dir ((f)->data_dir, (const char * const []) { __VA_ARGS__, NULL }, (run))

static void
run_ok (Fixture            *f,
        const char * const *argv)
{
  g_auto (HcCliRun) run = { 0 };

  hc_cli_run_in_data_dir (f->data_dir, argv, &run);
  if (run.status != 0)
    g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
}

#define RUN_OK(f, ...) run_ok ((f), (const char * const []) { __VA_ARGS__, NULL })

/* roles list --json as "name|origin|members" lines. */
static char *
roles_summary (Fixture *f)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  JsonArray *roles;

  RUN (f, &run, "roles", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = hc_cli_parse_document (run.out);
  roles = json_object_get_array_member (json_node_get_object (root), "roles");
  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *r = json_array_get_object_element (roles, i);

      g_string_append_printf (out, "%s|%s|%" G_GINT64_FORMAT "\n", json_object_get_string_member (r, "name"),
                              json_object_get_string_member (r, "origin"), json_object_get_int_member (r, "members"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* members --json [--role NAME]: "e-mail:role,role" per member. */
static char *
members_roles (Fixture    *f,
               const char *role)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  JsonArray *members;

  if (role != NULL)
    RUN (f, &run, "members", "--json", "--role", role);
  else
    RUN (f, &run, "members", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = hc_cli_parse_document (run.out);
  members = json_object_get_array_member (json_node_get_object (root), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);
      JsonArray *roles = json_object_get_array_member (m, "roles");

      g_string_append_printf (out, "%s:", json_object_get_string_member (m, "email"));
      for (guint j = 0; j < json_array_get_length (roles); j++)
        g_string_append_printf (out, "%s%s", j ? "," : "", json_array_get_string_element (roles, j));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_commands (Fixture      *f,
               gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *summary = NULL;
  g_autofree char *held = NULL;

  RUN (f, &run, "roles", "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "No roles."));
  hc_cli_run_clear (&run);

  RUN_OK (f, "members", "add", "--first-name", "Zoé", "--email", "zoe@x.test");
  RUN_OK (f, "members", "add", "--first-name", "Max", "--email", "max@x.test");
  RUN_OK (f, "roles", "create", "First aider");
  RUN_OK (f, "roles", "create", "Mentor");

  RUN (f, &run, "roles", "create", " first AIDER ");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is a role “first AIDER” already: “First aider”"));
  hc_cli_run_clear (&run);
  RUN (f, &run, "roles", "create", "  ");
  g_assert_cmpint (run.status, ==, 1);
  hc_cli_run_clear (&run);

  RUN_OK (f, "roles", "add", "first aider", "zoe@x.test", "max@x.test");
  RUN_OK (f, "roles", "add", "Mentor", "zoe@x.test");
  RUN (f, &run, "roles", "add", "Mentor", "zoe@x.test");
  g_assert_cmpint (run.status, ==, 1);
  /* named as an HR admin knows them, not "Member 1" */
  g_assert_nonnull (strstr (run.err, "Zoé holds the role “Mentor” already"));
  hc_cli_run_clear (&run);

  summary = roles_summary (f);
  g_assert_cmpstr (summary, ==, "First aider|hand|2\nMentor|hand|1\n");
  held = members_roles (f, NULL);
  g_assert_cmpstr (held, ==, "zoe@x.test:First aider,Mentor\nmax@x.test:First aider\n");
  g_clear_pointer (&held, g_free);
  held = members_roles (f, "MENTOR");
  g_assert_cmpstr (held, ==, "zoe@x.test:First aider,Mentor\n");
  g_clear_pointer (&held, g_free);

  RUN (f, &run, "members", "--role", "Nobody");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no role “Nobody”"));
  hc_cli_run_clear (&run);

  RUN_OK (f, "roles", "remove", "First aider", "max@x.test");
  RUN_OK (f, "roles", "rename", "Mentor", "Buddy");
  RUN (f, &run, "roles", "rename", "Buddy", "first aider");
  g_assert_cmpint (run.status, ==, 1);
  hc_cli_run_clear (&run);

  /* a role someone holds needs --yes */
  RUN (f, &run, "roles", "delete", "Buddy");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "1 member holds the role “Buddy”"));
  g_assert_nonnull (strstr (run.err, "headcount-cli roles delete Buddy --yes"));
  hc_cli_run_clear (&run);
  RUN_OK (f, "roles", "delete", "Buddy", "--yes");

  g_clear_pointer (&summary, g_free);
  summary = roles_summary (f);
  g_assert_cmpstr (summary, ==, "First aider|hand|1\n");
  held = members_roles (f, NULL);
  g_assert_cmpstr (held, ==, "zoe@x.test:First aider\nmax@x.test:\n");

  /* each change is a run by hand in History */
  RUN (f, &run, "history");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
}

/* The demo company with a hierarchy (some department groups missing),
* teams from HR and roles from positions, through the command line. */
static void
test_sync (Fixture      *f,
           gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *doc = g_build_filename (f->data_dir, "groups.json", NULL);
  JsonObject *groups;
  JsonObject *counts;

  RUN_OK (f, "connector", "add", "demo", "--name", "hr");
  RUN_OK (f, "groups", "create", "Staff");
  RUN_OK (f, "groups", "create", "Staff/Paris");
  RUN_OK (f, "groups", "create", "Staff/Paris/Engineering");
  RUN_OK (f, "groups", "create", "Staff/London");
  RUN_OK (f, "groups", "create", "Teams");
  g_assert_true (g_file_set_contents (doc,
                                      "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\", "
                                      "\"levels\": [\"office\", \"department\"]}, "
                                      "\"teams\": {\"create_from\": \"team\", \"parent\": \"Teams\"}, "
                                      "\"roles\": {\"from\": \"position\"}}", -1, NULL));
  RUN_OK (f, "config", "hr", "--set", doc);

  RUN (f, &run, "sync", "hr", "--dry-run");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Groups and roles:"));
  g_assert_nonnull (strstr (run.out, "Added to groups"));
  hc_cli_run_clear (&run);

  RUN (f, &run, "sync", "hr", "--yes", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = hc_cli_parse_document (run.out);
  groups = json_object_get_object_member (json_object_get_object_member (json_node_get_object (root), "plan"),
                                          "groups");
  g_assert_nonnull (groups);
  counts = json_object_get_object_member (groups, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "group_create"), >, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "group_join"), >, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "role_create"), >, 0);
  hc_cli_run_clear (&run);

  /* a second sync has nothing to do */
  RUN (f, &run, "sync", "hr", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "\"groups\" : {"));
  hc_cli_run_clear (&run);

  /* the members of Paris without a department group stay in Staff/Paris */
  RUN (f, &run, "members", "--group", "Staff/Paris", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"Staff/Paris/Engineering\""));
  g_assert_nonnull (strstr (run.out, "\"Staff/Paris\""));
  hc_cli_run_clear (&run);

  RUN (f, &run, "explain", "hr", "E0002");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "put there by the sync of hr (hierarchy office="));
  g_assert_nonnull (strstr (run.out, "(teams team="));
  g_assert_nonnull (strstr (run.out, "(position "));
}

/* Roles by default (rules.md 39): a connector whose configuration says
 * nothing of roles makes one per distinct position on its first sync and
 * gives each managed member the role of their position; `members --json`
 * agrees with `roles list`; "from": false turns it off. */
static void
test_default (Fixture      *f,
              gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) listed = NULL;
  g_autoptr (GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *doc = g_build_filename (f->data_dir, "off.json", NULL);
  JsonObject *counts;
  JsonArray *members;
  JsonArray *roles;
  guint with_position = 0;

  RUN_OK (f, "connector", "add", "demo", "--name", "hr");
  RUN (f, &run, "sync", "hr", "--yes", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = hc_cli_parse_document (run.out);
  counts = json_object_get_object_member (
    json_object_get_object_member (json_object_get_object_member (json_node_get_object (root), "plan"), "groups"),
    "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "role_create"), >, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "role_add"), >, 1);
  g_clear_pointer (&root, json_node_unref);
  hc_cli_run_clear (&run);

  /* The first sync in HR words: a created member's values one field a
   * row (as the app shows them), the roles given under "Role". */
  RUN (f, &run, "history", "show", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "First name"));
  g_assert_nonnull (strstr (run.out, "∅ → Zoé"));
  g_assert_null (strstr (run.out, "{\"first_name\""));
  g_assert_nonnull (strstr (run.out, "Role given"));
  g_assert_null (strstr (run.out, " role "));
  hc_cli_run_clear (&run);

  /* Its undo takes the roles back, and restores nobody. */
  RUN (f, &run, "undo", "1");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "Take back"));
  g_assert_nonnull (strstr (run.out, "Role given: "));
  g_assert_null (strstr (run.out, "role_add"));
  g_assert_null (strstr (run.out, "Restores"));
  hc_cli_run_clear (&run);

  RUN (f, &run, "members", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = hc_cli_parse_document (run.out);
  members = json_object_get_array_member (json_node_get_object (root), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);
      JsonArray *mine = json_object_get_array_member (m, "roles");
      /* the title is the HR position (the default mapping) */
      const char *position = json_object_get_string_member_with_default (m, "title", NULL);

      if (position == NULL || *position == '\0')
        continue;
      /* the role of their position, named as the position */
      with_position++;
      g_assert_cmpuint (json_array_get_length (mine), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (mine, 0), ==, position);
      g_hash_table_insert (held, g_strdup (position),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (held, position)) + 1));
    }
  g_assert_cmpuint (with_position, >, 1);
  hc_cli_run_clear (&run);

  RUN (f, &run, "roles", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  listed = hc_cli_parse_document (run.out);
  roles = json_object_get_array_member (json_node_get_object (listed), "roles");
  g_assert_cmpuint (json_array_get_length (roles), ==, g_hash_table_size (held));
  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);

      g_assert_cmpstr (json_object_get_string_member (role, "origin"), ==, "hr");
      g_assert_cmpint (json_object_get_int_member (role, "members"), ==,
                       GPOINTER_TO_UINT (g_hash_table_lookup (held, json_object_get_string_member (role, "name"))));
    }
  hc_cli_run_clear (&run);

  /* off: the change is named, and the next sync makes no role */
  g_assert_true (g_file_set_contents (doc, "{\"roles\": {\"from\": false}}", -1, NULL));
  RUN (f, &run, "config", "hr", "--set", doc);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "roles.from: position "));
  hc_cli_run_clear (&run);
  RUN (f, &run, "config", "hr");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"from\" : false"));
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "e-mail: group, group | role, role" for every member of a workspace. */
static char *
directory_groups (Fixture    *f,
                  const char *workspace)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  JsonArray *members;

  RUN (f, &run, "--workspace", workspace, "members", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = hc_cli_parse_document (run.out);
  members = json_object_get_array_member (json_node_get_object (root), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);
      JsonArray *groups = json_object_get_array_member (m, "groups");
      JsonArray *roles = json_object_get_array_member (m, "roles");
      g_autoptr (GString) line = g_string_new (json_object_get_string_member_with_default (m, "email", "-"));

      g_string_append (line, ":");
      for (guint j = 0; j < json_array_get_length (groups); j++)
        g_string_append_printf (line, " %s", json_array_get_string_element (groups, j));
      g_string_append (line, " |");
      for (guint j = 0; j < json_array_get_length (roles); j++)
        g_string_append_printf (line, " %s", json_array_get_string_element (roles, j));
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* The snapshot of the demo company, replayed by the file connector, gives
 * the same groups and roles as the demo connector. */
static void
test_replay (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *snapshot = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "demo-company.json", NULL);
  g_autofree char *doc = g_build_filename (f->data_dir, "groups.json", NULL);
  g_autofree char *live = NULL;
  g_autofree char *replay = NULL;
  const char * const workspaces[] = { "live", "replay" };

  g_assert_true (g_file_set_contents (doc,
                                      "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\", "
                                      "\"levels\": [\"office\", \"department\"]}, "
                                      "\"teams\": {\"create_from\": [\"office\", \"team\"], \"parent\": \"Teams\"}, "
                                      "\"roles\": {\"from\": \"position\"}}", -1, NULL));
  RUN_OK (f, "--workspace", "live", "connector", "add", "demo", "--name", "hr");
  RUN_OK (f, "--workspace", "replay", "connector", "add", "file", "--name", "hr", "--path", snapshot);
  for (guint i = 0; i < G_N_ELEMENTS (workspaces); i++)
    {
      RUN_OK (f, "--workspace", workspaces[i], "groups", "create", "Staff");
      RUN_OK (f, "--workspace", workspaces[i], "groups", "create", "Staff/Paris");
      RUN_OK (f, "--workspace", workspaces[i], "groups", "create", "Staff/Lyon");
      RUN_OK (f, "--workspace", workspaces[i], "groups", "create", "Staff/Lyon/Sales");
      RUN_OK (f, "--workspace", workspaces[i], "groups", "create", "Teams");
      RUN_OK (f, "--workspace", workspaces[i], "config", "hr", "--set", doc);
      RUN_OK (f, "--workspace", workspaces[i], "sync", "hr", "--yes");
    }
  live = directory_groups (f, "live");
  replay = directory_groups (f, "replay");
  g_assert_nonnull (strstr (live, " Staff/Lyon/Sales "));
  g_assert_nonnull (strstr (live, " Teams/Paris/"));
  g_assert_cmpstr (live, ==, replay);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/roles/commands", Fixture, NULL, fixture_set_up, test_commands, fixture_tear_down);
  g_test_add ("/cli/roles/sync", Fixture, NULL, fixture_set_up, test_sync, fixture_tear_down);
  g_test_add ("/cli/roles/replay", Fixture, NULL, fixture_set_up, test_replay, fixture_tear_down);
  g_test_add ("/cli/roles/default", Fixture, NULL, fixture_set_up, test_default, fixture_tear_down);

  return g_test_run ();
}
