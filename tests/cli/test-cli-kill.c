/* test-cli-kill.c — headcount-cli sync killed with SIGKILL at random
 * points against a fake Personio whose data changes between runs: the
 * database stays sound, the directory is the state before the sync or the
 * one after it (never half-applied), and the next sync succeeds. The next
 * start records each killed sync that held its connector as interrupted,
 * once, and a sync killed before it took its connector leaves no entry
 * (rules.md 41).
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <signal.h>
#include <sqlite3.h>

#include "hc-cli-test.h"

#include "hc-connector-info.h"
#include "hc-email.h"
#include "hc-fake-personio.h"
#include "hc-member.h"
#include "hc-store.h"

#define N_PEOPLE 1500
#define N_KILLS  30

static const char * const cli_env[] = {
  "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/headcount-no-bus",
  "LANGUAGE", "C",
  NULL
};

/* headcount-cli --data-dir @data_dir sync Sandbox --yes --secret-stdin,
 * started; the caller waits or kills. */
static GSubprocess *
start_sync (const char *data_dir,
            gboolean    read_stderr)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               (read_stderr ? G_SUBPROCESS_FLAGS_STDERR_PIPE : G_SUBPROCESS_FLAGS_STDERR_SILENCE));
  g_autoptr (GError) error = NULL;
  GSubprocess *process;
  GOutputStream *input;

  for (guint i = 0; cli_env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, cli_env[i], cli_env[i + 1], TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("HC_CLI"),
                                         "--data-dir", data_dir, "sync", "Sandbox", "--yes",
                                         "--secret-stdin", NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (process);
  g_output_stream_write_all (input, HC_FAKE_PERSONIO_SECRET "\n",
                             strlen (HC_FAKE_PERSONIO_SECRET "\n"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, NULL);
  return process;
}

/* A whole sync, which must succeed. */
static void
sync_to_end (const char *data_dir)
{
  g_autoptr (GSubprocess) process = start_sync (data_dir, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) err = g_memory_output_stream_new_resizable ();

  g_output_stream_splice (err, g_subprocess_get_stderr_pipe (process),
                          G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_test_message ("stderr: %.*s",
                    (int) g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (err)),
                    (const char *) g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (err)));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* The store's SQL hc_email_key(), which its e-mail index uses. */
static void
email_key_func (sqlite3_context *context,
                int              argc,
                sqlite3_value  **argv)
{
  g_autofree char *key = hc_email_normalize ((const char *) sqlite3_value_text (argv[0]));

  if (key == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, key, -1, SQLITE_TRANSIENT);
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Read-write, as the next process opens it: it rolls back what the
   * killed one left in its journal. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_create_function_v2 (db, "hc_email_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                              email_key_func, NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("PRAGMA integrity_check on %s: %s", path, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* What the database says right after a kill, before anything opens it
 * as the app or the command line do: how many runs History has, and
 * whether process @pid holds the connector's claim. */
static void
read_after_kill (const char *path,
                 const char *pid,
                 guint      *n_runs,
                 gboolean   *held)
{
  g_autofree char *pattern = g_strdup_printf ("*:%s:*", pid);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM sync_runs", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *n_runs = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT run_claimed_by GLOB ?1 FROM connectors WHERE name = 'Sandbox'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *held = sqlite3_column_int (stmt, 0) == 1;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* `headcount-cli history --json`, the next start after a kill: its
 * interrupted runs, the newest first. (transfer full) */
static GPtrArray *
list_interrupted (const char *data_dir)
{
  const char *argv[] = { "--data-dir", data_dir, "history", "--json", NULL };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  GPtrArray *interrupted = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *runs;

  hc_cli_spawn (NULL, NULL, cli_env, argv, "", &run);
  g_assert_cmpint (run.status, ==, 0);
  root = hc_cli_parse_document (run.out);
  runs = json_object_get_array_member (json_node_get_object (root), "runs");
  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      JsonObject *entry = json_array_get_object_element (runs, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "result"), "interrupted") == 0)
        g_ptr_array_add (interrupted, json_object_ref (entry));
    }
  return interrupted;
}

/* The directory as text: every member with what a sync sets. */
static char *
dump_directory (const char *path)
{
  static const char *fields[] = {
    HC_MEMBER_FIELD_EMAIL, HC_MEMBER_FIELD_FIRST_NAME, HC_MEMBER_FIELD_LAST_NAME,
    HC_MEMBER_FIELD_TITLE, HC_MEMBER_FIELD_DEPARTMENT, HC_MEMBER_FIELD_OFFICE,
    HC_MEMBER_FIELD_START_DATE, HC_MEMBER_FIELD_END_DATE,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (path, &error);
  g_autoptr (GPtrArray) members = NULL;
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  members = hc_store_list_members (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT " %s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                              hc_member_get_id (member),
                              hc_member_state_to_string (hc_member_get_state (member)),
                              hc_member_get_external_id (member) ? hc_member_get_external_id (member) : "-",
                              hc_member_get_connector_id (member), hc_member_get_manager_id (member));
      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        g_string_append_printf (text, "|%s", hc_member_get_field (member, fields[j]) ? hc_member_get_field (member, fields[j]) : "");
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* New titles for some, a few leave, a few join: what the next sync
 * changes. */
static void
change_people (GPtrArray *people,
               guint     *next_id)
{
  static const char *titles[] = { "Engineer", "Senior Engineer", "Manager", "Analyst", "Designer" };

  for (guint i = 1; i < people->len; i++)
    {
      HcFakePerson *person = g_ptr_array_index (people, i);

      if (g_test_rand_int_range (0, 100) < 8)
        {
          g_free (person->position);
          person->position = g_strdup (titles[g_test_rand_int_range (0, G_N_ELEMENTS (titles))]);
        }
      else if (g_test_rand_int_range (0, 1000) < 3 && g_strcmp0 (person->status, "active") == 0)
        {
          g_free (person->status);
          person->status = g_strdup ("inactive");
          g_free (person->end_date);
          person->end_date = g_strdup ("2020-01-31");
        }
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", (*next_id)++);
      g_autofree char *email = g_strdup_printf ("new.person%s@fake-hris.example", id);
      HcFakePerson *person = hc_fake_person_new (id, "New", "Person", email);

      person->manager_id = g_strdup ("1000");
      g_ptr_array_add (people, person);
    }
}

static void
test_kill_sync (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = g_dir_make_tmp ("hc-test-cli-kill-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *settings = NULL;
  g_autoptr (GPtrArray) people = hc_fake_people_new (N_PEOPLE);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  guint next_id = 900000;
  guint kills = 0, old_states = 0, new_states = 0;
  guint held_kills = 0, early_kills = 0, n_interrupted = 0;
  gint64 start;
  double full;

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

  /* The first sync, timed: the kills land within that time. */
  start = g_get_monotonic_time ();
  sync_to_end (data_dir);
  full = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("a whole sync of %u employees takes %.2f s", N_PEOPLE, full);

  for (guint round = 0; kills < N_KILLS; round++)
    {
      g_autoptr (GSubprocess) process = NULL;
      g_autofree char *before = NULL;
      g_autofree char *killed = NULL;
      g_autofree char *after = NULL;
      g_autofree char *pid = NULL;
      g_autoptr (GPtrArray) interrupted = NULL;
      gboolean killed_holding = FALSE;
      guint runs_before = 0, runs_after = 0;
      gint64 spawned, stopped;
      gulong delay;

      g_assert_cmpuint (round, <, 3 * N_KILLS);
      change_people (people, &next_id);
      hc_fake_personio_set_people (fake, people);
      before = dump_directory (path);
      read_after_kill (path, "-", &runs_before, &killed_holding);

      /* Every tenth kill at once, before the sync can take its connector. */
      delay = round % 10 == 0 ? 0 : (gulong) g_test_rand_double_range (0.0, full * 0.9 * G_USEC_PER_SEC);
      spawned = g_get_real_time ();
      process = start_sync (data_dir, FALSE);
      pid = g_strdup (g_subprocess_get_identifier (process));
      g_usleep (delay);
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      stopped = g_get_real_time ();
      if (g_subprocess_get_if_signaled (process))
        {
          g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
          kills++;
          /* It held the connector and died before it recorded its end: one
           * interrupted entry at the next start; else none. */
          read_after_kill (path, pid, &runs_after, &killed_holding);
          killed_holding = killed_holding && runs_after == runs_before;
          if (killed_holding)
            held_kills++;
          else if (runs_after == runs_before)
            early_kills++;
        }
      else
        {
          g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
        }

      interrupted = list_interrupted (data_dir);
      g_assert_cmpuint (interrupted->len, ==, n_interrupted + (killed_holding ? 1 : 0));
      if (killed_holding)
        {
          JsonObject *entry = g_ptr_array_index (interrupted, 0);
          JsonObject *counts = json_object_get_object_member (entry, "counts");
          g_autoptr (GList) names = json_object_get_members (counts);
          g_autoptr (GDateTime) started =
            g_date_time_new_from_iso8601 (json_object_get_string_member (entry, "started_at"), NULL);

          g_assert_cmpstr (json_object_get_string_member (entry, "connector"), ==, "Sandbox");
          g_assert_cmpstr (json_object_get_string_member (entry, "trigger"), ==, "cli");
          g_assert_nonnull (started);
          g_assert_cmpint (g_date_time_to_unix (started), >=, spawned / G_USEC_PER_SEC);
          g_assert_cmpint (g_date_time_to_unix (started), <=, stopped / G_USEC_PER_SEC);
          g_assert_nonnull (strstr (json_object_get_string_member (entry, "error"), "Nothing was changed"));
          /* nothing applied */
          for (GList *l = names; l != NULL; l = l->next)
            g_assert_cmpint (json_object_get_int_member (counts, l->data), ==, 0);
          n_interrupted++;
        }
      /* A second start adds nothing. */
      g_clear_pointer (&interrupted, g_ptr_array_unref);
      interrupted = list_interrupted (data_dir);
      g_assert_cmpuint (interrupted->len, ==, n_interrupted);

      assert_integrity (path);
      killed = dump_directory (path);
      assert_integrity (path);

      /* The next sync succeeds and gives the new state. */
      sync_to_end (data_dir);
      assert_integrity (path);
      after = dump_directory (path);
      g_assert_cmpstr (before, !=, after);
      if (g_strcmp0 (killed, before) == 0)
        old_states++;
      else if (g_strcmp0 (killed, after) == 0)
        new_states++;
      else
        g_assert_cmpstr (killed, ==, after);  /* half-applied: prints the difference */
      g_test_message ("round %u: killed after %.2f s, %s state%s", round, delay / (double) G_USEC_PER_SEC,
                      g_strcmp0 (killed, before) == 0 ? "old" : "new",
                      killed_holding ? ", recorded as interrupted" : "");
    }
  g_test_message ("%u kills held the connector and were recorded as interrupted, %u came before the "
                  "sync took it and left no entry", held_kills, early_kills);
  /* Both kinds happened. */
  g_assert_cmpuint (held_kills, >, 0);
  g_assert_cmpuint (early_kills, >, 0);
  {
    const char *argv[] = { "--data-dir", data_dir, "history", NULL };
    g_auto (HcCliRun) run = { 0 };

    hc_cli_spawn (NULL, NULL, cli_env, argv, "", &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Interrupted"));
    g_assert_nonnull (strstr (run.out, "The sync stopped before it finished"));
  }
  g_test_message ("%u runs, %u of them killed: %u found the old state after, %u the new one",
                  old_states + new_states, kills, old_states, new_states);
  g_assert_cmpuint (kills, >=, N_KILLS);

  hc_cli_remove_tree (data_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/kill/sync", test_kill_sync);

  return g_test_run ();
}
