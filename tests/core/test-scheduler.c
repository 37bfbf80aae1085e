/* test-scheduler.c — schedules with an injected clock: due times, catch-up,
 * no overlap, confirmation, persistence
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gstdio.h>

#include "hc-connector-info.h"
#include "hc-scheduler.h"
#include "hc-store.h"
#include "hc-sync.h"
#include "hc-test-fixtures.h"

#define HOUR G_TIME_SPAN_HOUR
#define T0   (G_GINT64_CONSTANT (1790000000) * G_USEC_PER_SEC)
#define WAIT_SECONDS 30

static const char snapshot_two[] =
  "{\"employees\": ["
  " {\"id\": \"E1\", \"first_name\": \"Ada\", \"last_name\": \"Lovelace\", \"email\": \"ada@x.test\", \"status\": \"active\"},"
  " {\"id\": \"E2\", \"first_name\": \"Alan\", \"last_name\": \"Turing\", \"email\": \"alan@x.test\", \"status\": \"active\"}"
  "]}";

static const char snapshot_renamed[] =
  "{\"employees\": ["
  " {\"id\": \"E1\", \"first_name\": \"Ada\", \"last_name\": \"King\", \"email\": \"ada@x.test\", \"status\": \"active\"},"
  " {\"id\": \"E2\", \"first_name\": \"Alan\", \"last_name\": \"Turing\", \"email\": \"alan@x.test\", \"status\": \"active\"}"
  "]}";

static const char snapshot_empty[] = "{\"employees\": []}";

typedef struct
{
  char    *dir;
  char    *db_path;
  char    *snapshot;
  HcStore *store;
  gint64   now;
  guint    n_finished;
} Fixture;

static gint64
fixture_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return f->now;
}

static void
write_snapshot (Fixture    *f,
                const char *json)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (f->snapshot, json, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("hc-scheduler-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "test.db", NULL);
  f->snapshot = g_build_filename (f->dir, "employees.json", NULL);
  write_snapshot (f, snapshot_two);
  f->store = hc_store_new (f->db_path, &error);
  g_assert_no_error (error);
  f->now = T0;
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_clear_object (&f->store);
  hc_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->snapshot);
}

static gint64
add_connector (Fixture    *f,
               const char *name,
               const char *schedule,
               gboolean    test_instance,
               const char *path)
{
  g_autofree char *json = g_strdup_printf ("{\"schedule\": \"%s\"}", schedule);
  g_autofree char *settings = hc_connector_info_build_settings (NULL, NULL, NULL,
                                                                path != NULL ? path : f->snapshot);
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  config = hc_config_new_from_json (json, &error);
  g_assert_no_error (error);
  id = hc_store_add_connector (f->store, name, "file", settings, config, test_instance, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set_next_run (Fixture *f,
              gint64   id,
              gint64   when)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (hc_store_set_connector_next_run (f->store, id, when, &error));
  g_assert_no_error (error);
}

static gint64
get_next_run (Fixture *f,
              gint64   id)
{
  g_autoptr (GError) error = NULL;
  gint64 when = -1;

  g_assert_true (hc_store_get_connector_next_run (f->store, id, &when, &error));
  g_assert_no_error (error);
  return when;
}

static HcScheduler *
scheduler_new (Fixture *f)
{
  HcScheduler *scheduler = hc_scheduler_new (f->store);

  hc_scheduler_set_clock (scheduler, fixture_clock, f);
  return scheduler;
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);
  return *result;
}

static GPtrArray *
run_due (HcScheduler *scheduler)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *runs;

  hc_scheduler_run_due_async (scheduler, NULL, got_result_cb, &result);
  runs = hc_scheduler_run_due_finish (scheduler, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (runs);
  return runs;
}

static HcScheduledRun *
run_of (GPtrArray *runs,
        gint64     connector_id)
{
  for (guint i = 0; i < runs->len; i++)
    {
      HcScheduledRun *run = g_ptr_array_index (runs, i);

      if (run->connector_id == connector_id)
        return run;
    }
  return NULL;
}

/* A first sync applied by hand, confirmed. */
static void
sync_by_hand (Fixture *f,
              gint64   id)
{
  g_autoptr (HcSync) sync = hc_sync_new (f->store, id, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (GAsyncResult) prepared = NULL;
  g_autoptr (GAsyncResult) applied = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GError) error = NULL;

  hc_sync_prepare_async (sync, NULL, got_result_cb, &prepared);
  plan = hc_sync_prepare_finish (sync, wait_for (&prepared), &error);
  g_assert_no_error (error);
  hc_sync_apply_async (sync, TRUE, NULL, got_result_cb, &applied);
  run = hc_sync_apply_finish (sync, wait_for (&applied), &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
}

static guint
count_runs (Fixture      *f,
            gint64        id,
            HcSyncTrigger trigger,
            HcSyncResult  result)
{
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 0;

  runs = hc_store_list_runs (f->store, id, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < runs->len; i++)
    {
      HcSyncRun *run = g_ptr_array_index (runs, i);

      if (run->trigger == trigger && run->result == result)
        n++;
    }
  return n;
}

static HcConnectorInfo *
get_connector (Fixture *f,
               gint64   id)
{
  g_autoptr (GError) error = NULL;
  HcConnectorInfo *info = hc_store_get_connector (f->store, id, &error);

  g_assert_no_error (error);
  return info;
}

/* Pure: the next run of each schedule */

typedef struct
{
  const char *name;
  HcSchedule  schedule;
  gboolean    test_instance;
  gint64      stored;
  gint64      last_sync;
  gint64      expected;
} NextRunCase;

static const NextRunCase next_run_cases[] = {
  { "manual", HC_SCHEDULE_MANUAL, FALSE, 0, 0, 0 },
  { "manual-stored", HC_SCHEDULE_MANUAL, FALSE, T0 - HOUR, T0 - 2 * HOUR, 0 },
  { "test-instance", HC_SCHEDULE_6H, TRUE, T0 - HOUR, 0, 0 },
  { "6h-new", HC_SCHEDULE_6H, FALSE, 0, 0, T0 + 6 * HOUR },
  { "12h-new", HC_SCHEDULE_12H, FALSE, 0, 0, T0 + 12 * HOUR },
  { "24h-new", HC_SCHEDULE_24H, FALSE, 0, 0, T0 + 24 * HOUR },
  { "6h-after-sync", HC_SCHEDULE_6H, FALSE, 0, T0 - 2 * HOUR, T0 + 4 * HOUR },
  { "24h-synced-long-ago", HC_SCHEDULE_24H, FALSE, 0, T0 - 72 * HOUR, T0 - 48 * HOUR },
  { "12h-stored", HC_SCHEDULE_12H, FALSE, T0 + 3 * HOUR, T0 - HOUR, T0 + 3 * HOUR },
  { "12h-overdue", HC_SCHEDULE_12H, FALSE, T0 - 30 * HOUR, T0 - 42 * HOUR, T0 - 30 * HOUR },
  { "shortened-24h-to-6h", HC_SCHEDULE_6H, FALSE, T0 + 20 * HOUR, T0 - 4 * HOUR, T0 + 6 * HOUR },
  { "6h-exactly-now", HC_SCHEDULE_6H, FALSE, T0, 0, T0 },
};

static void
test_next_run (gconstpointer data)
{
  const NextRunCase *c = data;

  g_assert_cmpint (hc_scheduler_compute_next_run (c->schedule, c->test_instance,
                                                  c->stored, c->last_sync, T0),
                   ==, c->expected);
}

static void
test_interval (void)
{
  g_assert_cmpint (hc_schedule_get_interval (HC_SCHEDULE_MANUAL), ==, 0);
  g_assert_cmpint (hc_schedule_get_interval (HC_SCHEDULE_6H), ==, 6 * HOUR);
  g_assert_cmpint (hc_schedule_get_interval (HC_SCHEDULE_12H), ==, 12 * HOUR);
  g_assert_cmpint (hc_schedule_get_interval (HC_SCHEDULE_24H), ==, 24 * HOUR);
}

/* The store: what is due as the clock moves */

static gboolean
is_listed (GPtrArray *due,
           gint64     id)
{
  for (guint i = 0; i < due->len; i++)
    if (((HcConnectorInfo *) g_ptr_array_index (due, i))->id == id)
      return TRUE;
  return FALSE;
}

static void
test_due_per_schedule (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (HcScheduler) scheduler = scheduler_new (f);
  gint64 manual = add_connector (f, "manual", "manual", FALSE, NULL);
  gint64 six = add_connector (f, "six", "6h", FALSE, NULL);
  gint64 twelve = add_connector (f, "twelve", "12h", FALSE, NULL);
  gint64 day = add_connector (f, "day", "24h", FALSE, NULL);
  gint64 test = add_connector (f, "test", "6h", TRUE, NULL);
  struct { gint64 at; gboolean six, twelve, day; } steps[] = {
    { T0, FALSE, FALSE, FALSE },
    { T0 + 6 * HOUR - 1, FALSE, FALSE, FALSE },
    { T0 + 6 * HOUR, TRUE, FALSE, FALSE },
    { T0 + 12 * HOUR, TRUE, TRUE, FALSE },
    { T0 + 24 * HOUR, TRUE, TRUE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (GPtrArray) due = NULL;
      g_autoptr (GError) error = NULL;

      f->now = steps[i].at;
      due = hc_scheduler_list_due (scheduler, &error);
      g_assert_no_error (error);
      g_assert_cmpint (is_listed (due, six), ==, steps[i].six);
      g_assert_cmpint (is_listed (due, twelve), ==, steps[i].twelve);
      g_assert_cmpint (is_listed (due, day), ==, steps[i].day);
      g_assert_false (is_listed (due, manual));
      g_assert_false (is_listed (due, test));
    }

  /* The first look stored one interval from then; manual stays empty. */
  g_assert_cmpint (get_next_run (f, six), ==, T0 + 6 * HOUR);
  g_assert_cmpint (get_next_run (f, twelve), ==, T0 + 12 * HOUR);
  g_assert_cmpint (get_next_run (f, day), ==, T0 + 24 * HOUR);
  g_assert_cmpint (get_next_run (f, manual), ==, 0);
  g_assert_cmpint (get_next_run (f, test), ==, 0);
}

static void
test_catch_up_once (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (HcScheduler) scheduler = scheduler_new (f);
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GPtrArray) later = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  gint64 id = add_connector (f, "hr", "6h", FALSE, NULL);
  HcScheduledRun *run;

  sync_by_hand (f, id);
  set_next_run (f, id, T0 + 6 * HOUR);
  write_snapshot (f, snapshot_renamed);

  /* Ten days closed: forty missed slots, one run. */
  f->now = T0 + 240 * HOUR;
  runs = run_due (scheduler);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpint (run->connector_id, ==, id);
  g_assert_cmpint (run->result, ==, HC_SCHEDULED_CHANGED);
  g_assert_cmpint (get_next_run (f, id), ==, f->now + 6 * HOUR);
  g_assert_cmpuint (count_runs (f, id, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_SUCCESS), ==, 1);

  again = run_due (scheduler);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (count_runs (f, id, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_SUCCESS), ==, 1);

  info = get_connector (f, id);
  g_assert_cmpint (info->state, ==, HC_CONNECTOR_STATE_CONNECTED);

  /* Six hours on, the next one; it changes nothing. */
  f->now += 6 * HOUR;
  later = run_due (scheduler);
  g_assert_cmpuint (later->len, ==, 1);
  g_assert_cmpint (((HcScheduledRun *) g_ptr_array_index (later, 0))->result, ==, HC_SCHEDULED_UNCHANGED);
  g_assert_cmpuint (count_runs (f, id, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_SUCCESS), ==, 2);
}

static gboolean
busy_cb (gint64   connector_id,
         gpointer user_data)
{
  gint64 *busy_id = user_data;

  return connector_id == *busy_id;
}

static void
count_finished_cb (HcScheduler    *scheduler,
                   HcScheduledRun *run,
                   Fixture        *f)
{
  f->n_finished++;
}

static void
test_no_overlap (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (HcScheduler) scheduler = scheduler_new (f);
  g_autoptr (HcScheduler) other = scheduler_new (f);
  g_autoptr (GAsyncResult) first_result = NULL;
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GPtrArray) skipped = NULL;
  g_autoptr (GPtrArray) claimed_elsewhere = NULL;
  g_autoptr (GPtrArray) finally = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = add_connector (f, "hr", "12h", FALSE, NULL);
  gint64 busy_id = 0;
  gboolean claimed = FALSE;

  sync_by_hand (f, id);
  set_next_run (f, id, T0 - HOUR);
  g_signal_connect (scheduler, "run-finished", G_CALLBACK (count_finished_cb), f);

  /* A run in flight: a second scheduler (another process) that finds it
   * due anyway does not start it again. */
  hc_scheduler_run_due_async (scheduler, NULL, got_result_cb, &first_result);
  g_assert_true (hc_scheduler_is_running (scheduler, id));
  set_next_run (f, id, T0 - HOUR);
  second = run_due (other);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpint (((HcScheduledRun *) g_ptr_array_index (second, 0))->result, ==, HC_SCHEDULED_BUSY);
  first = hc_scheduler_run_due_finish (scheduler, wait_for (&first_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpint (((HcScheduledRun *) g_ptr_array_index (first, 0))->result, ==, HC_SCHEDULED_UNCHANGED);
  g_assert_false (hc_scheduler_is_running (scheduler, id));
  g_assert_cmpuint (count_runs (f, id, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_SUCCESS), ==, 1);
  g_assert_cmpuint (f->n_finished, ==, 1);

  /* A manual sync running in the window: left for later, still due. */
  busy_id = id;
  hc_scheduler_set_busy_func (scheduler, busy_cb, &busy_id, NULL);
  set_next_run (f, id, T0 - HOUR);
  skipped = run_due (scheduler);
  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_cmpint (((HcScheduledRun *) g_ptr_array_index (skipped, 0))->result, ==, HC_SCHEDULED_BUSY);
  g_assert_cmpint (get_next_run (f, id), ==, T0 - HOUR);
  busy_id = 0;

  /* Held by another process (headcount-cli from a timer) until released. */
  g_assert_true (hc_store_claim_connector_run (f->store, id, T0, T0 - HC_SCHEDULER_STALE_CLAIM,
                                               &claimed, &error));
  g_assert_no_error (error);
  g_assert_true (claimed);
  g_assert_true (hc_store_connector_run_is_claimed (f->store, id, T0 - HC_SCHEDULER_STALE_CLAIM));
  claimed_elsewhere = run_due (scheduler);
  g_assert_cmpint (((HcScheduledRun *) g_ptr_array_index (claimed_elsewhere, 0))->result, ==, HC_SCHEDULED_BUSY);
  g_assert_cmpuint (count_runs (f, id, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_SUCCESS), ==, 1);
  g_assert_true (hc_store_release_connector_run (f->store, id, &error));
  g_assert_false (hc_store_connector_run_is_claimed (f->store, id, T0 - HC_SCHEDULER_STALE_CLAIM));

  finally = run_due (scheduler);
  g_assert_cmpint (((HcScheduledRun *) g_ptr_array_index (finally, 0))->result, ==, HC_SCHEDULED_UNCHANGED);
  g_assert_cmpuint (count_runs (f, id, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_SUCCESS), ==, 2);
  g_assert_cmpuint (f->n_finished, ==, 4);
}

static void
test_stale_claim (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (HcScheduler) scheduler = scheduler_new (f);
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = add_connector (f, "hr", "6h", FALSE, NULL);
  gboolean claimed = FALSE;
  g_autofree char *cmd = NULL;
  int status = 0;

  sync_by_hand (f, id);
  /* A process of another machine (sharing the data folder) that crashed
   * mid-run a day ago does not block it forever; one of this machine is
   * checked instead (rules.md 40). */
  g_assert_true (hc_store_claim_connector_run (f->store, id, T0 - 24 * HOUR, 0, &claimed, &error));
  g_assert_true (claimed);
  g_assert_true (hc_store_release_connector_run (f->store, id, &error));
  cmd = g_strdup_printf ("sqlite3 '%s' \"UPDATE connectors SET run_claimed_at = %" G_GINT64_FORMAT ", "
                         "run_claimed_by = 'another-machine:4242:1' WHERE id = %" G_GINT64_FORMAT "\"",
                         hc_store_get_path (f->store), T0 - 24 * HOUR, id);
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("sqlite3 command not available");
      return;
    }
  g_assert_true (hc_store_claim_connector_run (f->store, id, T0, T0 - 48 * HOUR, &claimed, &error));
  g_assert_false (claimed);
  set_next_run (f, id, T0 - HOUR);
  runs = run_due (scheduler);
  g_assert_cmpint (((HcScheduledRun *) g_ptr_array_index (runs, 0))->result, ==, HC_SCHEDULED_UNCHANGED);
}

static void
test_confirmation_stops_first_sync (Fixture      *f,
                                    gconstpointer data)
{
  g_autoptr (HcScheduler) scheduler = scheduler_new (f);
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  gint64 id = add_connector (f, "hr", "24h", FALSE, NULL);
  HcScheduledRun *run;

  set_next_run (f, id, T0 - HOUR);
  runs = run_due (scheduler);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpint (run->result, ==, HC_SCHEDULED_NEEDS_CONFIRMATION);
  g_assert_nonnull (run->message);

  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 0);
  info = get_connector (f, id);
  g_assert_cmpint (info->state, ==, HC_CONNECTOR_STATE_ACTION_REQUIRED);
  g_assert_nonnull (info->last_error);
  g_assert_true (g_str_has_suffix (info->last_error, "."));
  g_assert_cmpuint (count_runs (f, id, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_NEEDS_CONFIRMATION), ==, 1);
  g_assert_cmpuint (count_runs (f, id, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_SUCCESS), ==, 0);
  g_assert_false (hc_store_connector_has_synced (f->store, id));
  g_assert_cmpint (get_next_run (f, id), ==, T0 + 24 * HOUR);
}

/* A new production connector syncs every 24 hours by default, a test
 * instance by hand only; the first sync of the daily one still waits for
 * the admin's confirmation: nothing is applied unattended. */
static void
test_default_schedule (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (HcScheduler) scheduler = scheduler_new (f);
  g_autoptr (HcConfig) config = hc_config_new_for_kind ("file");
  g_autofree char *settings = hc_connector_info_build_settings (NULL, NULL, NULL, f->snapshot);
  g_autoptr (HcConnectorInfo) daily = NULL;
  g_autoptr (HcConnectorInfo) staging = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id, test_id;

  g_assert_cmpint (config->schedule, ==, HC_SCHEDULE_24H);
  id = hc_store_add_connector (f->store, "hr", "file", settings, config, FALSE, &error);
  g_assert_no_error (error);
  test_id = hc_store_add_connector (f->store, "staging", "file", settings, config, TRUE, &error);
  g_assert_no_error (error);
  daily = get_connector (f, id);
  staging = get_connector (f, test_id);
  g_assert_cmpint (daily->config->schedule, ==, HC_SCHEDULE_24H);
  g_assert_cmpint (staging->config->schedule, ==, HC_SCHEDULE_MANUAL);

  /* nothing due at creation: the first run is a day later */
  due = hc_scheduler_list_due (scheduler, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 0);
  g_assert_cmpint (get_next_run (f, id), ==, T0 + 24 * HOUR);
  g_assert_cmpint (get_next_run (f, test_id), ==, 0);

  /* a day later the daily one runs, stops for confirmation, applies nothing */
  f->now = T0 + 24 * HOUR + 60 * G_USEC_PER_SEC;
  runs = run_due (scheduler);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_nonnull (run_of (runs, id));
  g_assert_null (run_of (runs, test_id));
  g_assert_cmpint (run_of (runs, id)->result, ==, HC_SCHEDULED_NEEDS_CONFIRMATION);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 0);
  g_assert_false (hc_store_connector_has_synced (f->store, id));
}

static void
test_confirmation_stops_threshold (Fixture      *f,
                                   gconstpointer data)
{
  g_autoptr (HcScheduler) scheduler = scheduler_new (f);
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  GString *many = g_string_new ("{\"employees\": [");
  gint64 id = add_connector (f, "hr", "6h", FALSE, NULL);

  /* Twenty employees, then none: archiving all is beyond the threshold. */
  for (guint i = 0; i < 20; i++)
    g_string_append_printf (many, "%s{\"id\": \"E%u\", \"first_name\": \"N%u\", \"email\": \"n%u@x.test\", \"status\": \"active\"}",
                            i > 0 ? "," : "", i, i, i);
  g_string_append (many, "]}");
  write_snapshot (f, many->str);
  g_string_free (many, TRUE);
  config = hc_config_new_from_json ("{\"schedule\": \"6h\", \"archive_inactive\": true}", &error);
  g_assert_no_error (error);
  g_assert_true (hc_store_set_connector_config (f->store, id, config, &error));
  sync_by_hand (f, id);
  g_assert_cmpuint (hc_store_count_members (f->store, HC_MEMBER_STATE_ARCHIVED), ==, 0);

  write_snapshot (f, snapshot_empty);
  set_next_run (f, id, T0 - HOUR);
  runs = run_due (scheduler);
  g_assert_cmpint (((HcScheduledRun *) g_ptr_array_index (runs, 0))->result, ==, HC_SCHEDULED_NEEDS_CONFIRMATION);
  g_assert_cmpuint (hc_store_count_members (f->store, HC_MEMBER_STATE_ARCHIVED), ==, 0);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 20);
  info = get_connector (f, id);
  g_assert_cmpint (info->state, ==, HC_CONNECTOR_STATE_ACTION_REQUIRED);
  g_assert_cmpuint (count_runs (f, id, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_NEEDS_CONFIRMATION), ==, 1);
}

static void
test_failure (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (HcScheduler) scheduler = scheduler_new (f);
  g_autoptr (GPtrArray) runs = NULL;
  gint64 gone = add_connector (f, "gone", "6h", FALSE, "/nonexistent/employees.json");
  gint64 ok = add_connector (f, "ok", "6h", FALSE, NULL);

  sync_by_hand (f, ok);
  set_next_run (f, gone, T0 - 2 * HOUR);
  set_next_run (f, ok, T0 - HOUR);
  g_signal_connect (scheduler, "run-finished", G_CALLBACK (count_finished_cb), f);
  runs = run_due (scheduler);

  /* Oldest due first; one failure does not stop the others. */
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpint (((HcScheduledRun *) g_ptr_array_index (runs, 0))->connector_id, ==, gone);
  g_assert_cmpint (run_of (runs, gone)->result, ==, HC_SCHEDULED_FAILED);
  g_assert_nonnull (run_of (runs, gone)->message);
  g_assert_cmpint (run_of (runs, ok)->result, ==, HC_SCHEDULED_UNCHANGED);
  g_assert_cmpuint (f->n_finished, ==, 2);
  g_assert_cmpuint (count_runs (f, gone, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_FAILED), ==, 1);
  g_assert_cmpint (get_next_run (f, gone), ==, T0 + 6 * HOUR);
}

static void
test_persisted (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (HcScheduler) scheduler = scheduler_new (f);
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = add_connector (f, "hr", "12h", FALSE, NULL);

  sync_by_hand (f, id);
  due = hc_scheduler_list_due (scheduler, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_object (&scheduler);

  /* Closed and reopened: the time is the stored one, not a fresh interval. */
  g_clear_object (&f->store);
  f->store = hc_store_new (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hc_store_get_schema_version (f->store), ==, HC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (get_next_run (f, id), >, 0);
  set_next_run (f, id, T0 + 5 * HOUR);
  g_clear_object (&f->store);
  f->store = hc_store_new (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (get_next_run (f, id), ==, T0 + 5 * HOUR);

  f->now = T0 + 5 * HOUR;
  scheduler = scheduler_new (f);
  runs = run_due (scheduler);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (get_next_run (f, id), ==, T0 + 17 * HOUR);
}

static void
test_start_runs_due (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (HcScheduler) scheduler = scheduler_new (f);
  gint64 id = add_connector (f, "hr", "6h", FALSE, NULL);
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  sync_by_hand (f, id);
  set_next_run (f, id, T0 - HOUR);
  g_signal_connect (scheduler, "run-finished", G_CALLBACK (count_finished_cb), f);

  /* Started, the app catches up at once, without waiting for the timeout. */
  hc_scheduler_start (scheduler, 60);
  g_assert_true (hc_scheduler_is_started (scheduler));
  while (f->n_finished == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_cmpuint (count_runs (f, id, HC_SYNC_TRIGGER_SCHEDULE, HC_SYNC_RESULT_SUCCESS), ==, 1);
  hc_scheduler_stop (scheduler);
  g_assert_false (hc_scheduler_is_started (scheduler));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scheduler/interval", test_interval);
  for (guint i = 0; i < G_N_ELEMENTS (next_run_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scheduler/next-run/%s", next_run_cases[i].name);

      g_test_add_data_func (path, &next_run_cases[i], test_next_run);
    }
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/scheduler/due-per-schedule", test_due_per_schedule);
  ADD ("/scheduler/catch-up-once", test_catch_up_once);
  ADD ("/scheduler/no-overlap", test_no_overlap);
  ADD ("/scheduler/stale-claim", test_stale_claim);
  ADD ("/scheduler/confirmation/first-sync", test_confirmation_stops_first_sync);
  ADD ("/scheduler/default-schedule", test_default_schedule);
  ADD ("/scheduler/confirmation/threshold", test_confirmation_stops_threshold);
  ADD ("/scheduler/failure", test_failure);
  ADD ("/scheduler/persisted", test_persisted);
  ADD ("/scheduler/start-runs-due", test_start_runs_due);
#undef ADD

  return g_test_run ();
}
