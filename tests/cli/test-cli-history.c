/* test-cli-history.c — headcount-cli history show and undo end to end, on a temporary data dir
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-history"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
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

  f->data_dir = g_dir_make_tmp ("headcount-cli-history-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  hc_cli_remove_tree (f->data_dir);
  g_free (f->data_dir);
}

/* headcount-cli --data-dir DATA_DIR ARGS…, never the user's own data. */
static void
run_cli (Fixture  *f,
         HcCliRun *run,
         ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *xdg = g_build_filename (f->data_dir, "xdg", NULL);
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, f->data_dir);
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  hc_cli_spawn (NULL, xdg, NULL, (const char * const *) args->pdata, "", run);

  g_test_message ("headcount-cli %s → %d\nstdout:\n%s\nstderr:\n%s",
                  (const char *) args->pdata[2], run->status, run->out, run->err);
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr (GError) error = NULL;

  /* One document, format_version first (docs/cli.md). */
  json_node_unref (hc_cli_parse_document (text));
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static const char snapshot_v1[] =
  "{\"employees\": ["
  " {\"id\": \"E1\", \"first_name\": \"Zoé\", \"last_name\": \"Ørsted\", \"email\": \"zoe@example.com\","
  "  \"status\": \"active\", \"position\": \"Engineer\"},"
  " {\"id\": \"E3\", \"first_name\": \"Chen\", \"last_name\": \"Li\", \"email\": \"chen@example.com\","
  "  \"status\": \"active\", \"position\": \"Sales\", \"manager_id\": \"E1\"}"
  "]}";

/* E1's title changes, E3 becomes inactive. */
static const char snapshot_v2[] =
  "{\"employees\": ["
  " {\"id\": \"E1\", \"first_name\": \"Zoé\", \"last_name\": \"Ørsted\", \"email\": \"zoe@example.com\","
  "  \"status\": \"active\", \"position\": \"Lead Engineer\"},"
  " {\"id\": \"E3\", \"first_name\": \"Chen\", \"last_name\": \"Li\", \"email\": \"chen@example.com\","
  "  \"status\": \"inactive\", \"position\": \"Sales\", \"manager_id\": \"E1\"}"
  "]}";

static void
write_snapshot (const char *path,
                const char *json)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
}

/* The member with @external_id, from members --json, as "title|hr_status". */
static char *
member_summary (Fixture    *f,
                const char *external_id)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *members;

  run_cli (f, &run, "members", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  members = json_object_get_array_member (parse_object (run.out, parser), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (m, "external_id", NULL), external_id) == 0)
        return g_strdup_printf ("%s|%s", json_object_get_string_member_with_default (m, "title", ""),
                                json_object_get_string_member (m, "hr_status"));
    }
  return NULL;
}

static void
two_syncs (Fixture *f)
{
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *snapshot = g_build_filename (f->data_dir, "snapshot.json", NULL);

  write_snapshot (snapshot, snapshot_v1);
  run_cli (f, &run, "connector", "add", "file", "--name", "replay", "--path", snapshot, NULL);
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  run_cli (f, &run, "sync", "replay", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  write_snapshot (snapshot, snapshot_v2);
  run_cli (f, &run, "sync", "replay", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* The display column where the @n-th cell (from 0) of a table line
 * starts: cells are apart by two spaces or more, and hold none. */
static glong
cell_start (const char *line,
            guint       n)
{
  const char *p = line;

  for (guint i = 0; i < n; i++)
    {
      p = strstr (p, "  ");
      g_assert_nonnull (p);
      while (*p == ' ')
        p++;
    }
  return g_utf8_pointer_to_offset (line, p);
}

/* The table under the first blank line of @text: the header, its rule as
 * wide as the widest line, and every row's second and third cells where
 * the header's are. */
static void
check_table_aligned (const char *text,
                     guint       min_rows)
{
  g_auto (GStrv) lines = g_strsplit (strstr (text, "\n\n") + 2, "\n", -1);
  glong widest = 0;
  guint n = 0;

  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      if (i == 1)
        continue;
      widest = MAX (widest, g_utf8_strlen (lines[i], -1));
      g_assert_false (g_str_has_suffix (lines[i], " "));
      g_assert_cmpint (cell_start (lines[i], 1), ==, cell_start (lines[0], 1));
      g_assert_cmpint (cell_start (lines[i], 2), ==, cell_start (lines[0], 2));
      n++;
    }
  g_assert_true (g_str_has_prefix (lines[1], "─") || g_str_has_prefix (lines[1], "-"));
  g_assert_cmpint (g_utf8_strlen (lines[1], -1), ==, widest);
  g_assert_cmpuint (n - 1, >=, min_rows);
}

static void
test_history_show (Fixture      *f,
                   gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *changes;
  gboolean title = FALSE;

  two_syncs (f);

  run_cli (f, &run, "history", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Sync"));
  g_assert_nonnull (strstr (run.out, "replay"));
  /* the app's words for how a run was started and how it ended */
  g_assert_nonnull (strstr (run.out, "Command line  Succeeded"));
  hc_cli_run_clear (&run);

  run_cli (f, &run, "history", "show", "2", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "run"), "id"), ==, 2);
  g_assert_true (json_object_get_boolean_member (root, "can_undo"));
  g_assert_true (json_object_get_null_member (root, "undoes"));
  changes = json_object_get_array_member (root, "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (c, "field", NULL), "title") == 0)
        {
          title = TRUE;
          g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "update");
          g_assert_cmpstr (json_object_get_string_member (c, "member"), ==, "Zoé Ørsted");
          g_assert_cmpstr (json_object_get_string_member (c, "before"), ==, "Engineer");
          g_assert_cmpstr (json_object_get_string_member (c, "after"), ==, "Lead Engineer");
        }
    }
  g_assert_true (title);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "history", "show", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Engineer → Lead Engineer"));
  g_assert_nonnull (strstr (run.out, "result: Succeeded"));
  hc_cli_run_clear (&run);

  run_cli (f, &run, "history", "show", "1", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (json_object_get_boolean_member (parse_object (run.out, parser), "can_undo"));
  hc_cli_run_clear (&run);

  /* the table, measured then printed row by row: aligned as a whole, the
   * two new members' values a row each */
  run_cli (f, &run, "history", "show", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Zoé Ørsted"));
  g_assert_nonnull (strstr (run.out, "∅ → Chen"));
  check_table_aligned (run.out, 6);
  hc_cli_run_clear (&run);
  run_cli (f, &run, "history", "show", "2", NULL);
  check_table_aligned (run.out, 2);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "history", "show", "99", NULL);
  g_assert_cmpint (run.status, ==, 1);
  hc_cli_run_clear (&run);
  run_cli (f, &run, "history", "show", "two", NULL);
  g_assert_cmpint (run.status, ==, 2);
  hc_cli_run_clear (&run);
  run_cli (f, &run, "history", "show", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_undo (Fixture      *f,
           gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *zoe = NULL;
  g_autofree char *chen = NULL;
  JsonObject *root, *undo;

  two_syncs (f);
  zoe = member_summary (f, "E1");
  chen = member_summary (f, "E3");
  g_assert_cmpstr (zoe, ==, "Lead Engineer|managed");
  g_assert_cmpstr (chen, ==, "Sales|previously_managed");
  g_clear_pointer (&zoe, g_free);
  g_clear_pointer (&chen, g_free);

  /* not the last applied run */
  run_cli (f, &run, "undo", "1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  hc_cli_run_clear (&run);

  /* a preview: needs confirmation, changes nothing */
  run_cli (f, &run, "undo", "2", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "Lead Engineer → Engineer"));
  g_assert_nonnull (strstr (run.err, "undo 2 --yes"));
  hc_cli_run_clear (&run);
  run_cli (f, &run, "undo", "2", "--json", NULL);
  g_assert_cmpint (run.status, ==, 3);
  root = parse_object (run.out, parser);
  g_assert_false (json_object_get_boolean_member (root, "applied"));
  undo = json_object_get_object_member (root, "undo");
  g_assert_cmpint (json_object_get_int_member (undo, "restored"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (undo, "removed"), ==, 0);
  hc_cli_run_clear (&run);
  zoe = member_summary (f, "E1");
  g_assert_cmpstr (zoe, ==, "Lead Engineer|managed");
  g_clear_pointer (&zoe, g_free);

  run_cli (f, &run, "undo", "2", "--yes", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser);
  g_assert_true (json_object_get_boolean_member (root, "applied"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "run"), "id"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "run"), "trigger"), ==,
                   "cli");
  hc_cli_run_clear (&run);
  zoe = member_summary (f, "E1");
  chen = member_summary (f, "E3");
  g_assert_cmpstr (zoe, ==, "Engineer|managed");
  g_assert_cmpstr (chen, ==, "Sales|managed");

  /* never twice; the undo is in the history and cannot be undone */
  run_cli (f, &run, "undo", "2", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 1);
  hc_cli_run_clear (&run);
  run_cli (f, &run, "undo", "3", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 1);
  hc_cli_run_clear (&run);
  run_cli (f, &run, "history", "show", "3", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser);
  g_assert_cmpint (json_object_get_int_member (root, "undoes"), ==, 2);
  hc_cli_run_clear (&run);
  run_cli (f, &run, "history", NULL);
  g_assert_nonnull (strstr (run.out, "Undo of sync 2"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/history/show", Fixture, NULL, fixture_set_up, test_history_show, fixture_tear_down);
  g_test_add ("/cli/history/undo", Fixture, NULL, fixture_set_up, test_undo, fixture_tear_down);

  return g_test_run ();
}
