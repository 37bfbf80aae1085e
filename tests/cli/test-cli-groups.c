/* test-cli-groups.c — headcount-cli groups and members --group
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-groups"

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

  f->data_dir = g_dir_make_tmp ("headcount-cli-groups-XXXXXX", &error);
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
  g_assert_cmpint (run.status, ==, 0);
}

#define RUN_OK(f, ...) run_ok ((f), (const char * const []) { __VA_ARGS__, NULL })

/* groups list --json as "path|name|parent|origin|members" lines. */
static char *
groups_summary (Fixture *f)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  JsonObject *object;
  JsonArray *groups;

  RUN (f, &run, "groups", "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = hc_cli_parse_document (run.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "format_version"), ==, 1);
  groups = json_object_get_array_member (object, "groups");
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *g = json_array_get_object_element (groups, i);

      g_assert_true (json_object_has_member (g, "parent"));
      g_string_append_printf (out, "%s|%s|%s|%s|%" G_GINT64_FORMAT "\n",
                              json_object_get_string_member (g, "path"),
                              json_object_get_string_member (g, "name"),
                              json_object_get_string_member_with_default (g, "parent", "-"),
                              json_object_get_string_member (g, "origin"),
                              json_object_get_int_member (g, "members"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* members [ARGS] --json as "email:team:office:groups" lines. */
static char *
members_summary (Fixture    *f,
                 const char *group)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  JsonArray *members;

  if (group != NULL)
    RUN (f, &run, "members", "--group", group, "--json");
  else
    RUN (f, &run, "members", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = hc_cli_parse_document (run.out);
  members = json_object_get_array_member (json_node_get_object (root), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);
      JsonArray *groups = json_object_get_array_member (m, "groups");

      g_string_append_printf (out, "%s:%s:%s:",
                              json_object_get_string_member_with_default (m, "email", "-"),
                              json_object_get_string_member_with_default (m, "team", "-"),
                              json_object_get_string_member_with_default (m, "office", "-"));
      for (guint j = 0; j < json_array_get_length (groups); j++)
        g_string_append_printf (out, "%s%s", j > 0 ? "," : "", json_array_get_string_element (groups, j));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_members (Fixture *f)
{
  RUN_OK (f, "members", "add", "--first-name", "Zoé", "--email", "zoe@x.test", "--team", "Core", "--office", "Paris");
  RUN_OK (f, "members", "add", "--first-name", "Max", "--email", "max@x.test");
  RUN_OK (f, "members", "add", "--first-name", "Ana", "--email", "ana@x.test");
}

static void
test_empty (Fixture      *f,
            gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *groups = groups_summary (f);
  g_autofree char *members = NULL;

  g_assert_cmpstr (groups, ==, "");
  RUN (f, &run, "groups", "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "No groups"));

  add_members (f);
  members = members_summary (f, NULL);
  g_assert_cmpstr (members, ==, "zoe@x.test:Core:Paris:\nmax@x.test:-:-:\nana@x.test:-:-:\n");
}

static void
test_commands (Fixture      *f,
               gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *groups = NULL;
  g_autofree char *members = NULL;

  add_members (f);
  RUN_OK (f, "groups", "create", "Paris");
  RUN_OK (f, "groups", "create", "Paris/Engineering");
  RUN_OK (f, "groups", "create", "Paris/R\\/D");
  RUN_OK (f, "groups", "create", "Lyon");

  /* Refusals: a missing parent, a sibling clash without accents or case. */
  RUN (f, &run, "groups", "create", "Nantes/Sales");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Nantes"));
  RUN (f, &run, "groups", "create", "paris/ENGINEERING");
  g_assert_cmpint (run.status, ==, 1);
  RUN (f, &run, "groups", "create", "Paris//x");
  g_assert_cmpint (run.status, ==, 1);
  RUN (f, &run, "groups", "create");
  g_assert_cmpint (run.status, ==, 2);
  hc_cli_assert_usage_lines (run.err, "groups create");
  RUN (f, &run, "groups", "frobnicate");
  g_assert_cmpint (run.status, ==, 2);

  RUN_OK (f, "groups", "add", "Paris/Engineering", "zoe@x.test", "2");
  RUN_OK (f, "groups", "add", "Paris/R\\/D", "ZOE@X.TEST");
  RUN_OK (f, "groups", "add", "Lyon", "3");
  RUN (f, &run, "groups", "add", "Lyon", "nobody@x.test");
  g_assert_cmpint (run.status, ==, 1);
  RUN (f, &run, "groups", "add", "Lyon", "ana@x.test");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Ana"));
  RUN (f, &run, "groups", "add", "Lyon");
  g_assert_cmpint (run.status, ==, 2);

  groups = groups_summary (f);
  g_assert_cmpstr (groups, ==,
                   "Lyon|Lyon|-|hand|1\n"
                   "Paris|Paris|-|hand|2\n"
                   "Paris/Engineering|Engineering|Paris|hand|2\n"
                   "Paris/R\\/D|R/D|Paris|hand|1\n");
  RUN (f, &run, "groups", "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Paris  (2 members)\n  Engineering  (2 members)\n  R/D  (1 member)\n"));

  members = members_summary (f, NULL);
  g_assert_cmpstr (members, ==,
                   "zoe@x.test:Core:Paris:Paris/Engineering,Paris/R\\/D\n"
                   "max@x.test:-:-:Paris/Engineering\n"
                   "ana@x.test:-:-:Lyon\n");
  g_clear_pointer (&members, g_free);
  members = members_summary (f, "Paris");
  g_assert_cmpstr (members, ==,
                   "zoe@x.test:Core:Paris:Paris/Engineering,Paris/R\\/D\n"
                   "max@x.test:-:-:Paris/Engineering\n");
  g_clear_pointer (&members, g_free);
  members = members_summary (f, "Paris/R\\/D");
  g_assert_cmpstr (members, ==, "zoe@x.test:Core:Paris:Paris/Engineering,Paris/R\\/D\n");
  RUN (f, &run, "members", "--group", "Nowhere", "--json");
  hc_cli_assert_error (&run, 1, "not-found");

  /* Rename and move. */
  RUN_OK (f, "groups", "rename", "Paris/R\\/D", "Research");
  RUN_OK (f, "groups", "move", "Lyon", "Paris");
  RUN (f, &run, "groups", "move", "Paris", "Paris/Lyon");
  g_assert_cmpint (run.status, ==, 1);
  RUN (f, &run, "groups", "rename", "Paris/Lyon", "engineering");
  g_assert_cmpint (run.status, ==, 1);
  g_clear_pointer (&groups, g_free);
  groups = groups_summary (f);
  g_assert_cmpstr (groups, ==,
                   "Paris|Paris|-|hand|3\n"
                   "Paris/Engineering|Engineering|Paris|hand|2\n"
                   "Paris/Lyon|Lyon|Paris|hand|1\n"
                   "Paris/Research|Research|Paris|hand|1\n");
  RUN_OK (f, "groups", "move", "Paris/Lyon", "/");
  RUN_OK (f, "groups", "move", "Lyon", "Paris");
  RUN_OK (f, "groups", "move", "Paris/Lyon", "");

  /* Remove. */
  RUN_OK (f, "groups", "remove", "Paris/Research", "1");
  RUN (f, &run, "groups", "remove", "Paris/Research", "1");
  g_assert_cmpint (run.status, ==, 1);

  /* Delete: subgroups first; members need --yes (exit 3, naming them). */
  RUN (f, &run, "groups", "delete", "Paris");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Paris/Engineering"));
  RUN (f, &run, "groups", "delete", "Paris/Engineering");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "Zoé"));
  g_assert_nonnull (strstr (run.err, "Max"));
  g_assert_nonnull (strstr (run.err, "headcount-cli groups delete Paris/Engineering --yes"));
  RUN_OK (f, "groups", "delete", "Paris/Engineering", "--yes");
  RUN_OK (f, "groups", "delete", "Paris/Research");
  RUN_OK (f, "groups", "delete", "Paris");
  g_clear_pointer (&groups, g_free);
  groups = groups_summary (f);
  g_assert_cmpstr (groups, ==, "Lyon|Lyon|-|hand|1\n");
  g_clear_pointer (&members, g_free);
  members = members_summary (f, NULL);
  g_assert_cmpstr (members, ==, "zoe@x.test:Core:Paris:\nmax@x.test:-:-:\nana@x.test:-:-:Lyon\n");

  /* Each change is in History, by hand. */
  RUN (f, &run, "history", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"edit\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/groups/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/cli/groups/commands", Fixture, NULL, fixture_set_up, test_commands, fixture_tear_down);

  return g_test_run ();
}
