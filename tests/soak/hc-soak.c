/* hc-soak.c — N syncs in one process against a fake Personio whose data
 * changes at random between runs (docs/HACKING.md, `bash build-aux/dev.sh
 * soak [N]`): each run's counts must match a recount from the fake's data,
 * and the resident memory after the last run must be within 10 % of the
 * memory after the 10th. Not part of `meson test`.
 *
 * The fake HR server runs in a child process, as an HR system runs on
 * another machine: what is measured is the process that syncs. (The
 * fake's libsoup 3.2 server keeps every connection a client closed while
 * idle, with its socket, a known libsoup bug fixed in 3.3: in the same
 * process it added its own growth to the app's.) The child makes the same
 * random changes from the same seed, when the parent says.
 *
 *   hc-soak [--runs N] [--people N] [--seed N] [--fake-in-process]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "hc-connector-info.h"
#include "hc-fake-personio.h"
#include "hc-memory.h"
#include "hc-store.h"
#include "hc-sync.h"

#define WARM_UP_RUNS 10

typedef struct
{
  GPtrArray *people;     /* HcFakePerson*: what the fake serves */
  guint      next_id;
  GRand     *rand;
} Hr;

/* What one change of the HR data must give in the next run's plan. */
typedef struct
{
  guint added;
  guint updated;
  guint removed;
  guint unchanged;
} Expected;

static const char *titles[] = {
  "Engineer", "Senior Engineer", "Analyst", "Designer", "Accountant", "Recruiter",
};
static const char *departments[] = { "Engineering", "Finance", "People", "Sales" };

static HcFakePerson *
new_person (Hr *hr)
{
  g_autofree char *id = g_strdup_printf ("%u", hr->next_id++);
  g_autofree char *email = g_strdup_printf ("soak.person%s@fake-hris.example", id);
  HcFakePerson *person = hc_fake_person_new (id, "Soak", id, email);

  person->position = g_strdup (titles[g_rand_int_range (hr->rand, 0, G_N_ELEMENTS (titles))]);
  person->department = g_strdup (departments[g_rand_int_range (hr->rand, 0, G_N_ELEMENTS (departments))]);
  person->office = g_strdup ("Paris");
  person->hire_date = g_strdup ("2020-01-06");
  if (hr->people->len > 0)
    person->manager_id = g_strdup (((HcFakePerson *) g_ptr_array_index (hr->people, 0))->id);
  return person;
}

/* Everyone active, with an e-mail, reporting to the first person: every
 * employee is in scope, so that the recount needs no scope rules. */
static void
hr_init (Hr   *hr,
         guint n,
         guint seed)
{
  hr->rand = g_rand_new_with_seed (seed);
  hr->people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);
  hr->next_id = 1000;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (hr->people, new_person (hr));
}

/* Random edits, of people other than the first (everyone's manager): up
 * to 10 new titles or departments, up to 2 leave, up to 2 join. */
static Expected
hr_change (Hr *hr)
{
  Expected e = { 0 };
  guint n_updates = g_rand_int_range (hr->rand, 0, 11);
  guint n_removed = g_rand_int_range (hr->rand, 0, 3);
  guint n_added = g_rand_int_range (hr->rand, 0, 3);
  /* person → "title|department" before the changes */
  g_autoptr (GHashTable) before = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n_updates; i++)
    {
      HcFakePerson *person = g_ptr_array_index (hr->people, g_rand_int_range (hr->rand, 1, hr->people->len));
      char **slot = g_rand_boolean (hr->rand) ? &person->position : &person->department;
      const char *text = slot == &person->position
                         ? titles[g_rand_int_range (hr->rand, 0, G_N_ELEMENTS (titles))]
                         : departments[g_rand_int_range (hr->rand, 0, G_N_ELEMENTS (departments))];

      if (!g_hash_table_contains (before, person))
        g_hash_table_insert (before, person, g_strconcat (person->position, "|", person->department, NULL));
      g_free (*slot);
      *slot = g_strdup (text);
    }
  for (guint i = 0; i < n_removed; i++)
    {
      HcFakePerson *person = g_ptr_array_index (hr->people, g_rand_int_range (hr->rand, 1, hr->people->len));

      g_hash_table_remove (before, person);
      g_ptr_array_remove (hr->people, person);
    }
  /* Updated: what differs from before (a title changed twice may be back). */
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      HcFakePerson *person = key;
      g_autofree char *now = g_strconcat (person->position, "|", person->department, NULL);

      if (!g_str_equal (now, value))
        e.updated++;
    }
  e.removed = n_removed;
  for (guint i = 0; i < n_added; i++)
    g_ptr_array_add (hr->people, new_person (hr));
  e.added = n_added;
  e.unchanged = hr->people->len - e.added - e.updated;
  return e;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* The child: serves @hr from a fake Personio, says its URL on @out, then
 * makes the next change each time a byte comes on @in, and answers with
 * a byte once the fake serves it. */
static int
fake_process_main (Hr *hr,
                   int in,
                   int out)
{
  HcFakePersonio *fake = hc_fake_personio_new (hr->people);
  const char *url = hc_fake_personio_get_base_url (fake);
  char byte;

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (write (out, url, strlen (url) + 1) < 0)
    return 1;
  while (read (in, &byte, 1) == 1)
    {
      hr_change (hr);
      hc_fake_personio_set_people (fake, hr->people);
      if (write (out, &byte, 1) != 1)
        return 1;
    }
  hc_fake_personio_free (fake);
  return 0;
}

/* What SQLite holds (its page cache above all), in KiB. */
static guint64
sqlite_kib (void)
{
  return (guint64) sqlite3_memory_used () / 1024;
}

/* Resident memory in KiB. */
static guint64
rss_kib (void)
{
  g_autofree char *text = NULL;
  guint64 size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &text, NULL, NULL) ||
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &size, &resident) != 2)
    g_error ("cannot read /proc/self/statm");
  return resident * (guint64) sysconf (_SC_PAGESIZE) / 1024;
}

/* One sync, fetched, planned and applied (confirmed): its run. */
static HcSyncRun *
sync_once (HcStore *store,
           gint64   id,
           guint   *n_employees,
           GError **error)
{
  g_autoptr (HcSync) sync = hc_sync_new (store, id, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (GAsyncResult) prepared = NULL;
  g_autoptr (GAsyncResult) applied = NULL;
  g_autoptr (HcPlan) plan = NULL;

  hc_sync_set_secret (sync, HC_FAKE_PERSONIO_SECRET);
  hc_sync_prepare_async (sync, NULL, store_result_cb, &prepared);
  plan = hc_sync_prepare_finish (sync, wait_for (&prepared), error);
  if (plan == NULL)
    return NULL;
  *n_employees = hc_sync_get_employees (sync) ? hc_sync_get_employees (sync)->len : 0;
  hc_sync_apply_async (sync, TRUE, NULL, store_result_cb, &applied);
  return hc_sync_apply_finish (sync, wait_for (&applied), error);
}

static gboolean
check_counts (guint            run,
              const HcSyncRun *r,
              const Expected  *e,
              guint            n_employees,
              guint            n_people)
{
  const guint *c = r->counts;
  guint gone = c[HC_PLAN_ARCHIVE] + c[HC_PLAN_UNMANAGE];

  if (r->result == HC_SYNC_RESULT_SUCCESS && n_employees == n_people &&
      c[HC_PLAN_INVITE] == e->added && c[HC_PLAN_UPDATE] == e->updated && gone == e->removed &&
      c[HC_PLAN_UNCHANGED] == e->unchanged && c[HC_PLAN_CREATE_NO_ACCESS] == 0 &&
      c[HC_PLAN_BECOME_MANAGED] == 0 && c[HC_PLAN_SKIP] == 0)
    return TRUE;

  g_printerr ("run %u: %s, %u employees fetched of %u; counted invite %u update %u archive+unmanage %u "
              "unchanged %u skip %u, expected %u %u %u %u 0\n",
              run, hc_sync_result_to_string (r->result), n_employees, n_people,
              c[HC_PLAN_INVITE], c[HC_PLAN_UPDATE], gone, c[HC_PLAN_UNCHANGED], c[HC_PLAN_SKIP],
              e->added, e->updated, e->removed, e->unchanged);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *settings = NULL;
  g_autoptr (HcStore) store = NULL;
  HcFakePersonio *fake = NULL;
  Hr hr = { 0 };
  int runs = 1000, people = 300, seed = 0;
  gboolean in_process = FALSE;
  int to_fake[2] = { -1, -1 }, from_fake[2] = { -1, -1 };
  char url[256];
  GPid child = 0;
  guint64 rss_warm = 0, rss_last = 0, sqlite_warm = 0, sqlite_last = 0;
  double growth;
  guint failures = 0;
  gint64 start;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Syncs to run (1000)", "N" },
    { "people", 0, 0, G_OPTION_ARG_INT, &people, "Employees at the start (300)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed (0: from the clock)", "N" },
    { "fake-in-process", 0, 0, G_OPTION_ARG_NONE, &in_process, "Run the fake HR server in this process", NULL },
    { NULL }
  };

  /* As the app and headcount-cli start (rules.md 44). */
  hc_memory_init (argv);
  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs <= WARM_UP_RUNS || people < 10)
    {
      g_printerr ("%s\n", error ? error->message : "--runs must be above 10, --people at least 10");
      return 2;
    }
  if (seed == 0)
    seed = (int) (g_get_real_time () % G_MAXINT);
  g_print ("soak: %d syncs of about %d employees, seed %d, fake HR server %s\n", runs, people, seed,
           in_process ? "in this process" : "in a child process");

  hr_init (&hr, people, seed);
  if (in_process)
    {
      fake = hc_fake_personio_new (hr.people);
      g_strlcpy (url, hc_fake_personio_get_base_url (fake), sizeof url);
    }
  else
    {
      gsize got = 0;

      /* Before this process starts any thread. */
      if (pipe (to_fake) != 0 || pipe (from_fake) != 0 || (child = fork ()) < 0)
        g_error ("cannot start the fake HR server: %s", g_strerror (errno));
      if (child == 0)
        {
          close (to_fake[1]);
          close (from_fake[0]);
          _exit (fake_process_main (&hr, to_fake[0], from_fake[1]));
        }
      close (to_fake[0]);
      close (from_fake[1]);
      while (got < sizeof url && read (from_fake[0], url + got, 1) == 1 && url[got] != '\0')
        got++;
      if (got == 0 || got == sizeof url)
        g_error ("the fake HR server did not start");
    }

  dir = g_dir_make_tmp ("hc-soak-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "default.db", NULL);
  store = hc_store_new (path, &error);
  g_assert_no_error (error);

  settings = hc_connector_info_build_settings (url, NULL, HC_FAKE_PERSONIO_CLIENT_ID, NULL);
  {
    gint64 id = hc_store_add_connector (store, "Soak", "personio", settings, NULL, TRUE, &error);
    Expected e = { .added = hr.people->len };

    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    for (int run = 1; run <= runs; run++)
      {
        g_autoptr (HcSyncRun) r = NULL;
        guint n_employees = 0;

        r = sync_once (store, id, &n_employees, &error);
        if (r == NULL)
          {
            g_printerr ("run %d failed: %s\n", run, error->message);
            return 1;
          }
        if (!check_counts (run, r, &e, n_employees, hr.people->len))
          failures++;

        rss_last = rss_kib ();
        sqlite_last = sqlite_kib ();
        if (run == WARM_UP_RUNS)
          {
            rss_warm = rss_last;
            sqlite_warm = sqlite_last;
          }
        if (run % 100 == 0 || run == WARM_UP_RUNS)
          g_print ("run %4d: %3u employees, RSS %" G_GUINT64_FORMAT " KiB of which SQLite %"
                   G_GUINT64_FORMAT " KiB, %.1f s\n", run, n_employees, rss_last, sqlite_last,
                   (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

        /* The next run's data, the same in the child from the same seed. */
        e = hr_change (&hr);
        if (in_process)
          {
            hc_fake_personio_set_people (fake, hr.people);
          }
        else
          {
            char byte = 'n';

            if (write (to_fake[1], &byte, 1) != 1 || read (from_fake[0], &byte, 1) != 1)
              g_error ("the fake HR server stopped");
          }
      }
  }

  growth = 100.0 * ((double) rss_last - rss_warm) / rss_warm;
  g_print ("soak: %d runs in %.0f s, %u with counts that differ from the recount\n"
           "soak: RSS after run %d: %" G_GUINT64_FORMAT " KiB (SQLite %" G_GUINT64_FORMAT " KiB), "
           "after run %d: %" G_GUINT64_FORMAT " KiB (SQLite %" G_GUINT64_FORMAT " KiB): %+.1f %%\n",
           runs, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, failures,
           WARM_UP_RUNS, rss_warm, sqlite_warm, runs, rss_last, sqlite_last, growth);

  if (in_process)
    {
      hc_fake_personio_free (fake);
    }
  else
    {
      close (to_fake[1]);
      waitpid (child, NULL, 0);
      close (from_fake[0]);
    }
  g_ptr_array_unref (hr.people);
  g_rand_free (hr.rand);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }

  if (failures > 0 || growth > 10.0)
    {
      g_printerr ("soak: FAILED\n");
      return 1;
    }
  g_print ("soak: OK\n");
  return 0;
}
