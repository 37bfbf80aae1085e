/* bench-headcount.c — 100,000 employees: plan, apply, member table, search
 *
 * Run with `bash build-aux/dev.sh bench` (or `meson test -C _bench
 * --benchmark --suite bench --verbose`). Prints `name value unit` lines.
 * Budgets: plan ≤ 300 ms, apply ≤ 1.5 s, table ≤ 1.5 s, keystroke ≤ 100 ms,
 * and during a sync of the same size run as the window runs it, no gap
 * over 100 ms on the main thread (gui_sync_worst_gap); placing every member
 * into 2,000 groups (plan_groups) ≤ 10 % of the plan.
 * HC_BENCH_EMPLOYEES=N (or `dev.sh bench N`) runs it on N employees;
 * HC_BENCH_PLAN_ONLY=1 stops after the plan's figures (the _cpu ones are
 * CPU time, steadier than wall time on a busy machine).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "hc-group-plan.h"
#include "hc-groups.h"
#include "hc-connector-info.h"
#include "hc-fake-personio.h"
#include "hc-members-page.h"
#include "hc-plan.h"
#include "hc-store.h"
#include "hc-sync.h"

static guint n_employees = 100000;

static const char * const first_names[] = {
  "Zoé", "Loïc", "Hélène", "Jürgen", "Søren", "Åse", "Marie-Hélène", "Paul", "Amira", "Chloé",
  "Björn", "Inès", "Matthäus", "Noémie", "Oliver", "Ingrid", "Théo", "Léa", "Mika", "Yusuf",
};
static const char * const last_names[] = {
  "Lefèvre", "Müller", "Ørsted", "Schröder", "Weiß", "Martin", "Dubois", "de La Tour-d'Auvergne",
  "Smith", "Nguyen", "García", "Kowalski", "Bernard", "Fischer", "Hansen", "Okafor",
};
static const char * const offices[] = { "Paris", "Lyon", "London", "Berlin" };
static const char * const departments[] = {
  "Engineering", "Product", "Sales", "Marketing", "Customer Success", "Finance", "People", "Operations",
};

static GPtrArray *
generate_company (guint n)
{
  GPtrArray *employees = g_ptr_array_new_full (n, g_object_unref);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("E%06u", i);
      g_autofree char *email = g_strdup_printf ("person.%06u@bench.example", i);
      g_autofree char *manager = i > 0 ? g_strdup_printf ("E%06u", (i - 1) / 8) : NULL;
      g_autofree char *cost = g_strdup_printf ("CC-%u", g_rand_int_range (rand, 100, 140));
      HcEmployee *e = hc_employee_new (id);
      guint r = g_rand_int_range (rand, 0, 100);

      hc_employee_set_field (e, HC_FIELD_FIRST_NAME, first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))]);
      hc_employee_set_field (e, HC_FIELD_LAST_NAME, last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))]);
      hc_employee_set_field (e, HC_FIELD_EMAIL, r == 0 ? NULL : email);
      hc_employee_set_status (e, r < 3 ? HC_EMPLOYEE_STATUS_INACTIVE
                                 : r < 5 ? HC_EMPLOYEE_STATUS_LEAVE
                                 : r < 7 ? HC_EMPLOYEE_STATUS_ONBOARDING
                                 : HC_EMPLOYEE_STATUS_ACTIVE);
      hc_employee_set_field (e, HC_FIELD_MANAGER_ID, manager);
      hc_employee_set_field (e, HC_FIELD_OFFICE, offices[g_rand_int_range (rand, 0, G_N_ELEMENTS (offices))]);
      hc_employee_set_field (e, HC_FIELD_DEPARTMENT, departments[g_rand_int_range (rand, 0, G_N_ELEMENTS (departments))]);
      hc_employee_set_field (e, HC_FIELD_POSITION, "Specialist");
      hc_employee_set_field (e, HC_FIELD_HIRE_DATE, "2020-01-06");
      hc_employee_set_field (e, "cost_center", cost);
      hc_employee_set_field (e, "skip_sync", r == 99 ? "true" : "false");
      g_ptr_array_add (employees, e);
    }

  g_rand_free (rand);
  return employees;
}

/* The groups the bench places members into: a hierarchy Staff / office /
 * department / cost center (4 × 8 × 40 branches), and groups that match
 * nobody up to @n_groups. By hand, one level per run. */
static void
create_groups (HcStore *store,
               guint    n_groups)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) parents = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 top = 0;
  guint total = 0;

  g_array_append_val (parents, top);
  for (guint level = 0; level < 4; level++)
    {
      g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_hand_change_free);
      g_autoptr (HcSyncRun) run = hc_sync_run_new (0, HC_SYNC_TRIGGER_EDIT);
      guint n = level == 0 ? 1 : level == 1 ? G_N_ELEMENTS (offices) : level == 2 ? G_N_ELEMENTS (departments) : 40;
      guint n_branches;

      for (guint p = 0; p < parents->len; p++)
        for (guint i = 0; i < n; i++)
          {
            HcHandChange *change = g_new0 (HcHandChange, 1);

            change->kind = HC_RUN_CHANGE_GROUP_CREATE;
            change->parent_id = g_array_index (parents, gint64, p);
            change->name = level == 0 ? g_strdup ("Staff")
                           : level == 1 ? g_strdup (offices[i])
                           : level == 2 ? g_strdup (departments[i])
                           : g_strdup_printf ("CC-%u", 100 + i);
            g_ptr_array_add (changes, change);
          }
      n_branches = changes->len;
      /* the rest, matching nobody, under the top group */
      for (guint i = 0; level == 3 && total + changes->len < n_groups; i++)
        {
          HcHandChange *change = g_new0 (HcHandChange, 1);

          change->kind = HC_RUN_CHANGE_GROUP_CREATE;
          change->parent_id = top;
          change->name = g_strdup_printf ("Unused %u", i);
          g_ptr_array_add (changes, change);
        }
      if (!hc_store_apply_hand_changes (store, changes, run, &error))
        g_error ("groups: %s", error->message);
      total += changes->len;
      g_array_set_size (parents, 0);
      for (guint i = 0; i < n_branches; i++)
        g_array_append_val (parents, ((HcHandChange *) g_ptr_array_index (changes, i))->group_id);
      if (level == 0)
        top = g_array_index (parents, gint64, 0);
    }
  g_print ("groups %u count\n", total);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* CPU time of this thread so far (user and system): a busy machine
 * stretches wall time, much less this. */
static double
cpu_ms (void)
{
  struct rusage usage;

#ifdef RUSAGE_THREAD
  getrusage (RUSAGE_THREAD, &usage);
#else
  getrusage (RUSAGE_SELF, &usage);
#endif
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until the window has painted a frame. */
static void
wait_for_paint (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

/* A 10 ms timeout on the main thread: the longest time between two of its
 * ticks is the longest the window could not draw nor answer. */
typedef struct
{
  gint64 last;
  gint64 worst;
} Probe;

static gboolean
probe_cb (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  probe->worst = MAX (probe->worst, now - probe->last);
  probe->last = now;
  return G_SOURCE_CONTINUE;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The sync the window runs (HcSync, as the Sync button does), of the
 * fake Personio serving the same number of employees, while the probe
 * watches the main thread. */
static void
measure_sync_stalls (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) people = hc_fake_people_new (n_employees);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autofree char *path = g_build_filename (dir, "sync.db", NULL);
  g_autoptr (HcStore) store = hc_store_new (path, &error);
  g_autofree char *settings = NULL;
  g_autoptr (HcSync) sync = NULL;
  g_autoptr (GAsyncResult) prepared = NULL;
  g_autoptr (GAsyncResult) applied = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  Probe probe = { 0 };
  gint64 start, prepare_worst;
  gint64 cid;
  guint probe_id;

  g_assert_no_error (error);
  hc_fake_personio_cache_pages (fake, 100);
  settings = hc_connector_info_build_settings (hc_fake_personio_get_base_url (fake), NULL,
                                               HC_FAKE_PERSONIO_CLIENT_ID, NULL);
  cid = hc_store_add_connector (store, "HR", "personio", settings, NULL, TRUE, &error);
  g_assert_no_error (error);
  sync = hc_sync_new (store, cid, HC_SYNC_TRIGGER_MANUAL);
  hc_sync_set_secret (sync, HC_FAKE_PERSONIO_SECRET);

  probe.last = g_get_monotonic_time ();
  probe_id = g_timeout_add (10, probe_cb, &probe);

  start = g_get_monotonic_time ();
  hc_sync_prepare_async (sync, NULL, store_result_cb, &prepared);
  plan = hc_sync_prepare_finish (sync, wait_for (&prepared), &error);
  g_assert_no_error (error);
  g_print ("gui_sync_prepare %.0f ms\n", ms_since (start));
  prepare_worst = probe.worst;
  g_print ("gui_sync_prepare_worst_gap %.0f ms\n", prepare_worst / 1000.0);

  probe.worst = 0;
  probe.last = g_get_monotonic_time ();
  start = g_get_monotonic_time ();
  hc_sync_apply_async (sync, TRUE, NULL, store_result_cb, &applied);
  run = hc_sync_apply_finish (sync, wait_for (&applied), &error);
  g_assert_no_error (error);
  g_print ("gui_sync_apply %.0f ms\n", ms_since (start));
  g_print ("gui_sync_apply_worst_gap %.0f ms\n", probe.worst / 1000.0);
  g_print ("gui_sync_worst_gap %.0f ms\n", MAX (prepare_worst, probe.worst) / 1000.0);
  g_print ("gui_sync_invited %u count\n", run->counts[HC_PLAN_INVITE]);
  g_source_remove (probe_id);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (HcStore) store = NULL;
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcPlan) resync = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  const char *env = g_getenv ("HC_BENCH_EMPLOYEES");
  const char * const keystrokes[] = { "m", "ma", "mar", "mart", "marti" };
  struct rusage usage;
  GtkWidget *window;
  HcMembersPage *page;
  gint64 start;
  double total_key = 0, worst_key = 0, total_filter = 0;
  gint64 cid;
  double plan_ms;

  setlocale (LC_ALL, "");
  if (env)
    n_employees = (guint) g_ascii_strtoull (env, NULL, 10);

  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("hc-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = hc_store_new (path, &error);
  g_assert_no_error (error);
  cid = hc_store_add_connector (store, "bench", "demo", NULL, config, FALSE, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  employees = generate_company (n_employees);
  g_print ("employees %u count\n", employees->len);
  g_print ("generate %.0f ms\n", ms_since (start));

  /* rules.md 36: everyone placed into a hierarchy of 2,000 groups */
  create_groups (store, 2000);
  config->group_mode = HC_GROUP_MODE_HIERARCHY;
  config->group_top = g_strdup ("Staff");
  g_ptr_array_add (config->group_levels, g_strdup (HC_FIELD_OFFICE));
  g_ptr_array_add (config->group_levels, g_strdup (HC_FIELD_DEPARTMENT));
  g_ptr_array_add (config->group_levels, g_strdup ("cost_center"));

  members = g_ptr_array_new ();
  start = g_get_monotonic_time ();
  plan = hc_plan_compute (config, cid, employees, members, TRUE);
  plan_ms = ms_since (start);
  g_print ("plan_first_sync %.0f ms\n", plan_ms);
  start = g_get_monotonic_time ();
  if (!hc_group_plan_attach (plan, config, employees, store, &error))
    g_error ("groups: %s", error->message);
  g_print ("plan_groups_first_sync %.0f ms\n", ms_since (start));
  g_print ("plan_groups_first_sync_share %.1f %%\n", 100.0 * ms_since (start) / plan_ms);
  g_print ("group_joins %u count\n", hc_group_plan_count (hc_plan_get_group_plan (plan), HC_GROUP_CHANGE_JOIN));

  run = hc_sync_run_new (cid, HC_SYNC_TRIGGER_CLI);
  start = g_get_monotonic_time ();
  if (!hc_store_apply_plan (store, plan, run, &error))
    g_error ("apply: %s", error->message);
  g_print ("apply %.2f s\n", ms_since (start) / 1000.0);

  g_ptr_array_unref (members);
  start = g_get_monotonic_time ();
  members = hc_store_list_members (store, &error);
  g_assert_no_error (error);
  g_print ("load_members %.0f ms\n", ms_since (start));
  g_print ("members %u count\n", members->len);

  /* The plan of every later sync: 100,000 members already there. */
  start = g_get_monotonic_time ();
  resync = hc_plan_compute (config, cid, employees, members, FALSE);
  plan_ms = ms_since (start);
  g_print ("plan %.0f ms\n", plan_ms);
  start = g_get_monotonic_time ();
  if (!hc_group_plan_attach (resync, config, employees, store, &error))
    g_error ("groups: %s", error->message);
  g_print ("plan_groups %.0f ms\n", ms_since (start));
  g_print ("plan_groups_share %.1f %%\n", 100.0 * ms_since (start) / plan_ms);
  if (!hc_plan_is_empty (resync))
    g_error ("a second plan over the same data must be empty");
  /* The same in CPU time (this thread's: both are single-threaded), the
   * least of ten runs: the plan, what placing everyone into the groups adds
   * to it, and where that goes: reading the tree, reading the memberships
   * and roles, placing. */
  {
    enum { PLAN, GROUPS, TREE, MEMBERSHIPS, PLACE, N_PARTS };
    static const char * const names[N_PARTS] = {
      "plan_cpu", "plan_groups_cpu", "plan_groups_read_tree_cpu", "plan_groups_read_memberships_cpu",
      "plan_groups_place_cpu"
    };
    double best[N_PARTS];

    for (guint k = 0; k < N_PARTS; k++)
      best[k] = G_MAXDOUBLE;
    for (guint i = 0; i < 10; i++)
      {
        g_autoptr (HcPlan) again = NULL;
        g_autoptr (GPtrArray) groups = NULL;
        g_autoptr (GArray) memberships = NULL;
        g_autoptr (GPtrArray) roles = NULL;
        g_autoptr (GArray) held = NULL;
        g_autoptr (HcGroupPlan) placed = NULL;
        double t = cpu_ms ();

        again = hc_plan_compute (config, cid, employees, members, FALSE);
        best[PLAN] = MIN (best[PLAN], cpu_ms () - t);
        t = cpu_ms ();
        if (!hc_group_plan_attach (again, config, employees, store, &error))
          g_error ("groups: %s", error->message);
        best[GROUPS] = MIN (best[GROUPS], cpu_ms () - t);

        t = cpu_ms ();
        groups = hc_groups_list_full (store, FALSE, &error);
        best[TREE] = MIN (best[TREE], cpu_ms () - t);
        t = cpu_ms ();
        memberships = hc_store_scan_group_memberships (store, &error);
        roles = hc_store_list_roles (store, &error);
        held = hc_store_scan_member_roles (store, &error);
        best[MEMBERSHIPS] = MIN (best[MEMBERSHIPS], cpu_ms () - t);
        t = cpu_ms ();
        placed = hc_group_plan_compute (config, again, employees, groups, memberships, roles, held);
        best[PLACE] = MIN (best[PLACE], cpu_ms () - t);
        g_assert_true (hc_group_plan_is_empty (placed));
      }
    for (guint k = 0; k < N_PARTS; k++)
      g_print ("%s %.1f ms\n", names[k], best[k]);
    g_print ("plan_groups_cpu_share %.1f %%\n", 100.0 * best[GROUPS] / best[PLAN]);
  }
  /* HC_BENCH_PLAN_ONLY=1: the plan's figures only, not the table's nor the
   * sync's (quicker on a shared machine). */
  if (g_strcmp0 (g_getenv ("HC_BENCH_PLAN_ONLY"), "1") == 0)
    {
      g_clear_object (&store);
      remove_tree (dir);
      return 0;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  page = hc_members_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_paint (window);

  start = g_get_monotonic_time ();
  hc_members_page_set_members (page, members);
  wait_for_paint (window);
  g_print ("table_shown %.0f ms\n", ms_since (start));
  g_print ("table_rows %u count\n", g_list_model_get_n_items (hc_members_page_get_model (page)));

  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      double t;

      start = g_get_monotonic_time ();
      hc_members_page_set_search_text (page, keystrokes[i]);
      /* the filter itself, before the frame is laid out and drawn */
      total_filter += ms_since (start);
      wait_for_paint (window);
      t = ms_since (start);
      total_key += t;
      worst_key = MAX (worst_key, t);
    }
  g_print ("keystroke %.0f ms\n", total_key / G_N_ELEMENTS (keystrokes));
  g_print ("keystroke_worst %.0f ms\n", worst_key);
  g_print ("keystroke_filter %.0f ms\n", total_filter / G_N_ELEMENTS (keystrokes));
  g_print ("search_rows %u count\n", g_list_model_get_n_items (hc_members_page_get_model (page)));

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak_rss %.0f MB\n", usage.ru_maxrss / 1024.0);

  /* Budget: no main-thread gap over 100 ms during a sync of this size. */
  measure_sync_stalls (dir);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  remove_tree (dir);
  return 0;
}
