/* bench-sync.c — end to end: headcount-cli against the fake Personio, and
 * the plain script an admin would write instead, on the same server
 *
 *   bench-sync HEADCOUNT_CLI BASELINE_SYNC_PY [BENCH_SPAWN]
 *
 * Serves HC_BENCH_EMPLOYEES generated employees (100,000 by default) from
 * the test suite's fake Personio on 127.0.0.1, then runs, each in a process
 * of its own: a first sync into an empty data dir, a re-sync with no
 * change, a re-sync with 1 % of the employees changed, `members --json`,
 * and baseline_sync.py. Prints `name value unit` lines: each step's wall
 * time, CPU time and peak RSS, the plan's counts, and ratio_first_sync =
 * baseline / headcount. Budgets (2 cores): ratio ≥ 2, first sync ≤ 200 MB,
 * no-change re-sync ≤ the script's first sync, members --json ≤ 1 s.
 *
 * The first sync and the script run HC_BENCH_ROUNDS times (3 by default),
 * one after the other, each time into an empty data dir and an empty
 * database, the script first in even rounds: on a shared machine one pair
 * can land on a busy second and the next on a quiet one. Each round prints
 * its figures and its ratio (ratio_first_sync_roundN); ratio_first_sync
 * is their median, beside ratio_first_sync_min and _max. Round 1 is the
 * first_sync and baseline_first_sync lines, and its data dir is the one
 * the re-syncs run on.
 *
 * HC_BENCH_FIRST_ONLY=1 stops after the first sync (to profile it).
 * HC_BENCH_WRAPPER, a command line, runs each headcount-cli step under it:
 * HC_BENCH_WRAPPER="valgrind --tool=massif --massif-out-file=massif.%p"
 * (see docs/HACKING.md); the baseline script runs as it is.
 *
 * Each step runs through BENCH_SPAWN (bench-spawn.c, beside this file in
 * the build): a small process that forks the step and reports its rusage.
 * Forked from this one, which holds the fake's employees, a step's peak
 * RSS would start from this process's. Without BENCH_SPAWN the steps are
 * forked from here, and their peak RSS reads high by that much.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <locale.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "hc-connector-info.h"
#include "hc-fake-personio.h"
#include "hc-store.h"

#define CONNECTOR "Bench"

/* HC_BENCH_WRAPPER split into words, or NULL */
static char **wrapper;
/* bench-spawn, or NULL */
static const char *spawner;
/* headcount-cli: HC_BENCH_WRAPPER wraps its steps only */
static const char *cli;

typedef struct
{
  double wall_ms;
  double cpu_ms;    /* user and system, less sensitive than wall time to a busy machine */
  double peak_mb;
} Step;

/* Runs @argv with @input on stdin and stdout into @out_path; the wall time,
 * and the child's CPU time and peak RSS as bench-spawn reports them (or
 * wait4 when there is no bench-spawn). Any exit status but 0 ends the
 * benchmark. */
static Step
run_step (const char * const *argv,
          const char * const *envp,
          const char         *input,
          const char         *out_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *in_path = NULL;
  g_autofree char *usage_path = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) full = NULL;
  struct rusage usage;
  int in_fd, out_fd, usage_fd, status = 0;
  GPid pid;
  gint64 start;
  Step step;
  const char *what = argv[0];
  const char *command = argv[1] ? argv[1] : "";

  in_fd = g_file_open_tmp ("hc-bench-in-XXXXXX", &in_path, &error);
  g_assert_no_error (error);
  g_assert_true (write (in_fd, input, strlen (input)) == (ssize_t) strlen (input));
  lseek (in_fd, 0, SEEK_SET);
  out_fd = open (out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (out_fd, >=, 0);
  usage_fd = g_file_open_tmp ("hc-bench-usage-XXXXXX", &usage_path, &error);
  g_assert_no_error (error);
  close (usage_fd);

  /* bench-spawn RESULT_FILE, then HC_BENCH_WRAPPER, then the step */
  if (spawner != NULL)
    {
      g_strv_builder_add (builder, spawner);
      g_strv_builder_add (builder, usage_path);
    }
  if (wrapper != NULL && g_str_equal (argv[0], cli))
    g_strv_builder_addv (builder, (const char **) wrapper);
  g_strv_builder_addv (builder, (const char **) argv);
  full = g_strv_builder_end (builder);

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_fds (NULL, full, (char **) envp,
                               G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH, NULL, NULL, &pid,
                               in_fd, out_fd, -1, &error))
    g_error ("%s: %s", full[0], error->message);
  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("wait4: %s", g_strerror (errno));
  step.wall_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_spawn_close_pid (pid);
  close (in_fd);
  close (out_fd);
  g_unlink (in_path);

  if (spawner != NULL)
    {
      g_autofree char *text = NULL;
      int child_status;
      long max_rss_kb;
      long long user_us, system_us;

      /* the step's own figures, not bench-spawn's */
      if (!g_file_get_contents (usage_path, &text, NULL, &error))
        g_error ("%s did not report on %s: %s", spawner, what, error->message);
      if (sscanf (text, "%d %ld %lld %lld", &child_status, &max_rss_kb, &user_us, &system_us) != 4)
        g_error ("%s: unexpected report \"%s\"", spawner, text);
      step.peak_mb = max_rss_kb / 1024.0;
      step.cpu_ms = (user_us + system_us) / 1000.0;
    }
  else
    {
      step.peak_mb = usage.ru_maxrss / 1024.0;
      step.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
                    (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
    }
  g_unlink (usage_path);

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s %s failed (status %d); its output is in %s", what, command, status, out_path);
  return step;
}

static void
print_step (const char *name,
            Step        step)
{
  g_print ("%s %.0f ms\n", name, step.wall_ms);
  g_print ("%s_cpu %.0f ms\n", name, step.cpu_ms);
  g_print ("%s_peak_rss %.0f MB\n", name, step.peak_mb);
}

/* The plan counts of the newest run, as History records them: the same
 * numbers before and after any change of the data path. */
static void
print_counts (const char *data_dir,
              const char *name)
{
  static const char * const kinds[HC_PLAN_N_KINDS] = {
    [HC_PLAN_INVITE] = "invite",
    [HC_PLAN_CREATE_NO_ACCESS] = "create_no_access",
    [HC_PLAN_BECOME_MANAGED] = "become_managed",
    [HC_PLAN_UPDATE] = "update",
    [HC_PLAN_ARCHIVE] = "archive",
    [HC_PLAN_UNMANAGE] = "unmanage",
    [HC_PLAN_SKIP] = "skip",
    [HC_PLAN_UNCHANGED] = "unchanged",
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (data_dir, "default.db", NULL);
  g_autoptr (HcStore) store = hc_store_new (path, &error);
  g_autoptr (GPtrArray) runs = NULL;
  const HcSyncRun *run;

  g_assert_no_error (error);
  runs = hc_store_list_runs (store, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  if (run->result != HC_SYNC_RESULT_SUCCESS)
    g_error ("%s: the run did not succeed: %s", name, run->error_message);
  for (guint k = 0; k < HC_PLAN_N_KINDS; k++)
    if (kinds[k] != NULL)
      g_print ("%s_%s %u count\n", name, kinds[k], run->counts[k]);
}

/* @dir/@name, an empty data dir with the connector to the fake */
static char *
new_data_dir (const char *dir,
              const char *name,
              const char *base_url)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_build_filename (data_dir, "default.db", NULL);
  g_autoptr (HcStore) store = NULL;
  g_autofree char *settings = NULL;

  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  store = hc_store_new (path, &error);
  g_assert_no_error (error);
  settings = hc_connector_info_build_settings (base_url, NULL, HC_FAKE_PERSONIO_CLIENT_ID, NULL);
  g_assert_cmpint (hc_store_add_connector (store, CONNECTOR, "personio", settings, NULL, TRUE, &error), >, 0);
  g_assert_no_error (error);
  return g_steal_pointer (&data_dir);
}

/* The baseline's database and its WAL, gone before each run of it. */
static void
remove_database (const char *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
}

/* The script into an empty database; what it printed (the number of
 * members it wrote) into @printed. */
static Step
run_baseline (const char * const *argv,
              const char * const *envp,
              const char         *db,
              const char         *out_path,
              char              **printed)
{
  g_autoptr (GError) error = NULL;
  Step step;

  remove_database (db);
  step = run_step (argv, envp, "", out_path);
  g_file_get_contents (out_path, printed, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (*printed);
  return step;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @values (sorted in place): the middle one, or the mean of
 * the two middle ones. */
static double
median (GArray *values)
{
  guint n = values->len;

  g_assert_cmpuint (n, >, 0);
  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (HcFakePersonio) fake = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *db = NULL;
  g_auto (GStrv) envp = g_get_environ ();
  const char *env = g_getenv ("HC_BENCH_EMPLOYEES");
  const char *rounds_env = g_getenv ("HC_BENCH_ROUNDS");
  const char *script;
  guint n = 100000, n_changed = 0, rounds = 3;
  Step again, changed, members;
  g_autoptr (GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpu_ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) baseline_walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *out = NULL;
  gsize out_len = 0;

  setlocale (LC_ALL, "");
  if (argc != 3 && argc != 4)
    {
      g_printerr ("usage: bench-sync HEADCOUNT_CLI BASELINE_SYNC_PY [BENCH_SPAWN]\n");
      return 2;
    }
  cli = argv[1];
  script = argv[2];
  spawner = argc == 4 ? argv[3] : NULL;
  if (env)
    n = (guint) g_ascii_strtoull (env, NULL, 10);
  if (rounds_env)
    rounds = (guint) g_ascii_strtoull (rounds_env, NULL, 10);
  g_assert_cmpuint (rounds, >=, 1);
  if (g_getenv ("HC_BENCH_WRAPPER") != NULL && *g_getenv ("HC_BENCH_WRAPPER") != '\0' &&
      !g_shell_parse_argv (g_getenv ("HC_BENCH_WRAPPER"), NULL, &wrapper, &error))
    g_error ("HC_BENCH_WRAPPER: %s", error->message);
  g_assert_cmpuint (n, >=, 1);

  /* The CLI speaks C: its counts and messages are the same on any machine. */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "HC_BENCH_SECRET", HC_FAKE_PERSONIO_SECRET, TRUE);

  people = hc_fake_people_new (n);
  fake = hc_fake_personio_new (people);
  /* pages rendered once, before any timing: the server costs both sides little */
  hc_fake_personio_cache_pages (fake, 100);
  base_url = g_strdup (hc_fake_personio_get_base_url (fake));
  g_print ("sync_employees %u employees\n", n);

  dir = g_dir_make_tmp ("hc-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = new_data_dir (dir, "data", base_url);
  out_path = g_build_filename (dir, "out", NULL);
  db = g_build_filename (dir, "baseline.db", NULL);

  {
    const char * const sync_argv[] = {
      cli, "--data-dir", data_dir, "sync", CONNECTOR, "--yes", "--secret-stdin", NULL
    };
    const char * const members_argv[] = { cli, "--data-dir", data_dir, "members", "--json", NULL };
    const char * const baseline_argv[] = {
      "python3", script, "--base-url", base_url, "--client-id", HC_FAKE_PERSONIO_CLIENT_ID,
      "--secret-env", "HC_BENCH_SECRET", "--db", db, NULL
    };
    g_autofree char *secret = g_strconcat (HC_FAKE_PERSONIO_SECRET, "\n", NULL);

    const char * const empty_argv[] = { "true", NULL };

    /* what any step's peak RSS includes: a process that does nothing */
    print_step ("empty_step", run_step (empty_argv, (const char * const *) envp, "", out_path));

    for (guint r = 1; r <= rounds; r++)
      {
        g_autofree char *round_dir = NULL;
        g_autofree char *name = NULL;
        g_autofree char *baseline_name = NULL;
        g_autofree char *members_line = NULL;
        gboolean script_first = r % 2 == 0;
        const char *round_sync_argv[G_N_ELEMENTS (sync_argv)];
        Step h, b = { 0 };
        double ratio, cpu_ratio;

        memcpy (round_sync_argv, sync_argv, sizeof sync_argv);
        if (r > 1)
          {
            g_autofree char *round_name = g_strdup_printf ("data%u", r);

            round_dir = new_data_dir (dir, round_name, base_url);
            round_sync_argv[2] = round_dir;
          }
        if (script_first)
          b = run_baseline (baseline_argv, (const char * const *) envp, db, out_path, &members_line);
        h = run_step (round_sync_argv, (const char * const *) envp, secret, out_path);
        name = r == 1 ? g_strdup ("first_sync") : g_strdup_printf ("first_sync_round%u", r);
        print_step (name, h);
        print_counts (r == 1 ? data_dir : round_dir, name);
        /* HC_BENCH_FIRST_ONLY=1: the first sync alone, to profile it */
        if (r == 1 && g_strcmp0 (g_getenv ("HC_BENCH_FIRST_ONLY"), "1") == 0)
          {
            g_clear_pointer (&fake, hc_fake_personio_free);
            remove_tree (dir);
            return 0;
          }
        if (!script_first)
          b = run_baseline (baseline_argv, (const char * const *) envp, db, out_path, &members_line);
        baseline_name = r == 1 ? g_strdup ("baseline_first_sync") : g_strdup_printf ("baseline_first_sync_round%u", r);
        print_step (baseline_name, b);
        g_print ("%s_members %s members\n", r == 1 ? "baseline" : baseline_name, members_line);

        ratio = b.wall_ms / h.wall_ms;
        cpu_ratio = b.cpu_ms / h.cpu_ms;
        g_print ("ratio_first_sync_round%u %.2f x\n", r, ratio);
        g_array_append_val (ratios, ratio);
        g_array_append_val (cpu_ratios, cpu_ratio);
        g_array_append_val (baseline_walls, b.wall_ms);
        if (r > 1)
          remove_tree (round_dir);
      }

    again = run_step (sync_argv, (const char * const *) envp, secret, out_path);
    print_step ("resync_unchanged", again);
    print_counts (data_dir, "resync_unchanged");

    /* 1 %: a new position for every hundredth employee */
    for (guint i = 0; i < people->len; i += 100)
      {
        HcFakePerson *person = g_ptr_array_index (people, i);

        g_free (person->position);
        person->position = g_strdup_printf ("Changed %u", i);
        n_changed++;
      }
    hc_fake_personio_set_people (fake, people);
    hc_fake_personio_cache_pages (fake, 100);
    changed = run_step (sync_argv, (const char * const *) envp, secret, out_path);
    print_step ("resync_changed", changed);
    print_counts (data_dir, "resync_changed");
    g_print ("resync_changed_employees %u employees\n", n_changed);

    members = run_step (members_argv, (const char * const *) envp, "", out_path);
    print_step ("members_json", members);
    g_file_get_contents (out_path, &out, &out_len, &error);
    g_assert_no_error (error);
    g_print ("members_json_size %.1f MB\n", out_len / 1e6);
    g_clear_pointer (&out, g_free);
  }

  g_print ("ratio_first_sync %.2f x\n", median (ratios));
  g_print ("ratio_first_sync_min %.2f x\n", g_array_index (ratios, double, 0));
  g_print ("ratio_first_sync_max %.2f x\n", g_array_index (ratios, double, ratios->len - 1));
  g_print ("ratio_first_sync_cpu %.2f x\n", median (cpu_ratios));
  g_print ("resync_unchanged_vs_baseline %.2f x\n", median (baseline_walls) / again.wall_ms);

  g_clear_pointer (&fake, hc_fake_personio_free);
  remove_tree (dir);
  return 0;
}
