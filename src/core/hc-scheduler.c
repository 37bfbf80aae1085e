/* hc-scheduler.c — scheduled syncs on the main loop, with persisted next-run times
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-error.h"
#include "hc-scheduler.h"
#include "hc-sync.h"

struct _HcScheduler
{
  GObject             parent_instance;

  HcStore            *store;
  HcClockFunc         clock_func;
  gpointer            clock_data;
  HcSchedulerBusyFunc busy_func;
  gpointer            busy_data;
  GDestroyNotify      busy_destroy;

  GHashTable         *running;       /* connector id (gint64*) set */
  GCancellable       *cancellable;   /* of the runs hc_scheduler_start() makes */
  guint               timeout_id;
  gboolean            ticking;       /* a run_due started by the timeout is in flight */
};

G_DEFINE_FINAL_TYPE (HcScheduler, hc_scheduler, G_TYPE_OBJECT)

enum
{
  RUN_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One run_due: the due connectors, run one after the other. */
typedef struct
{
  GPtrArray             *due;      /* HcConnectorInfo* */
  guint                  next;
  GPtrArray             *results;  /* HcScheduledRun* */
  const HcConnectorInfo *info;     /* (in due) the connector running now */
  HcSync                *sync;     /* its sync */
} RunDue;

static void run_next (GTask *task);

void
hc_scheduled_run_free (HcScheduledRun *run)
{
  if (run == NULL)
    return;
  g_free (run->connector_name);
  g_free (run->message);
  g_free (run);
}

static void
run_due_free (RunDue *state)
{
  g_clear_pointer (&state->due, g_ptr_array_unref);
  g_clear_pointer (&state->results, g_ptr_array_unref);
  g_clear_object (&state->sync);
  g_free (state);
}

gint64
hc_schedule_get_interval (HcSchedule schedule)
{
  switch (schedule)
    {
    case HC_SCHEDULE_6H:
      return G_TIME_SPAN_HOUR * 6;
    case HC_SCHEDULE_12H:
      return G_TIME_SPAN_HOUR * 12;
    case HC_SCHEDULE_24H:
      return G_TIME_SPAN_HOUR * 24;
    case HC_SCHEDULE_MANUAL:
    default:
      return 0;
    }
}

gint64
hc_scheduler_compute_next_run (HcSchedule schedule,
                               gboolean   test_instance,
                               gint64     stored_next_run,
                               gint64     last_sync_at,
                               gint64     now)
{
  gint64 interval = hc_schedule_get_interval (schedule);

  /* Test instances run by hand only (rules.md 14). */
  if (interval == 0 || test_instance)
    return 0;

  if (stored_next_run == 0)
    return (last_sync_at > 0 ? last_sync_at : now) + interval;

  if (stored_next_run > now + interval)
    return now + interval;

  return stored_next_run;
}

static gint64
default_clock (gpointer user_data)
{
  return g_get_real_time ();
}

static void
hc_scheduler_dispose (GObject *object)
{
  HcScheduler *self = HC_SCHEDULER (object);

  hc_scheduler_stop (self);
  if (self->busy_destroy != NULL)
    g_clear_pointer (&self->busy_data, self->busy_destroy);
  self->busy_func = NULL;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hc_scheduler_parent_class)->dispose (object);
}

static void
hc_scheduler_finalize (GObject *object)
{
  HcScheduler *self = HC_SCHEDULER (object);

  g_clear_pointer (&self->running, g_hash_table_unref);

  G_OBJECT_CLASS (hc_scheduler_parent_class)->finalize (object);
}

static void
hc_scheduler_class_init (HcSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hc_scheduler_dispose;
  object_class->finalize = hc_scheduler_finalize;

  signals[RUN_FINISHED] = g_signal_new ("run-finished",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
hc_scheduler_init (HcScheduler *self)
{
  self->clock_func = default_clock;
  self->running = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

HcScheduler *
hc_scheduler_new (HcStore *store)
{
  HcScheduler *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  self = g_object_new (HC_TYPE_SCHEDULER, NULL);
  self->store = g_object_ref (store);
  return self;
}

HcStore *
hc_scheduler_get_store (HcScheduler *self)
{
  g_return_val_if_fail (HC_IS_SCHEDULER (self), NULL);
  return self->store;
}

void
hc_scheduler_set_clock (HcScheduler *self,
                        HcClockFunc  func,
                        gpointer     user_data)
{
  g_return_if_fail (HC_IS_SCHEDULER (self));

  self->clock_func = func != NULL ? func : default_clock;
  self->clock_data = func != NULL ? user_data : NULL;
}

gint64
hc_scheduler_get_now (HcScheduler *self)
{
  g_return_val_if_fail (HC_IS_SCHEDULER (self), 0);
  return self->clock_func (self->clock_data);
}

void
hc_scheduler_set_busy_func (HcScheduler        *self,
                            HcSchedulerBusyFunc func,
                            gpointer            user_data,
                            GDestroyNotify      destroy)
{
  g_return_if_fail (HC_IS_SCHEDULER (self));

  if (self->busy_destroy != NULL)
    g_clear_pointer (&self->busy_data, self->busy_destroy);
  self->busy_func = func;
  self->busy_data = user_data;
  self->busy_destroy = destroy;
}

gboolean
hc_scheduler_is_running (HcScheduler *self,
                         gint64       connector_id)
{
  g_return_val_if_fail (HC_IS_SCHEDULER (self), FALSE);
  return g_hash_table_contains (self->running, &connector_id);
}

static int
compare_next_run (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GHashTable *next_runs = user_data;
  const HcConnectorInfo *ia = *(HcConnectorInfo **) a;
  const HcConnectorInfo *ib = *(HcConnectorInfo **) b;
  gint64 na = *(gint64 *) g_hash_table_lookup (next_runs, &ia->id);
  gint64 nb = *(gint64 *) g_hash_table_lookup (next_runs, &ib->id);

  return na < nb ? -1 : na > nb ? 1 : (ia->id < ib->id ? -1 : ia->id > ib->id);
}

GPtrArray *
hc_scheduler_list_due (HcScheduler *self,
                       GError     **error)
{
  g_autoptr (GPtrArray) connectors = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GHashTable) next_runs = NULL;
  gint64 now;

  g_return_val_if_fail (HC_IS_SCHEDULER (self), NULL);

  connectors = hc_store_list_connectors (self->store, error);
  if (connectors == NULL)
    return NULL;

  now = hc_scheduler_get_now (self);
  due = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_connector_info_free);
  next_runs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < connectors->len; i++)
    {
      const HcConnectorInfo *info = g_ptr_array_index (connectors, i);
      gint64 stored = 0;
      gint64 next;

      if (info->state == HC_CONNECTOR_STATE_DISCONNECTED)
        continue;
      if (!hc_store_get_connector_next_run (self->store, info->id, &stored, error))
        return NULL;

      next = hc_scheduler_compute_next_run (info->config->schedule, info->test_instance,
                                            stored, info->last_sync_at, now);
      if (next != stored && !hc_store_set_connector_next_run (self->store, info->id, next, error))
        return NULL;

      if (next != 0 && next <= now)
        {
          g_hash_table_insert (next_runs, g_memdup2 (&info->id, sizeof info->id),
                               g_memdup2 (&next, sizeof next));
          g_ptr_array_add (due, hc_connector_info_copy (info));
        }
    }
  g_ptr_array_sort_with_data (due, compare_next_run, next_runs);

  return g_steal_pointer (&due);
}

static void
finish_one (GTask            *task,
            HcScheduledResult result,
            const char       *message)
{
  HcScheduler *self = g_task_get_source_object (task);
  RunDue *state = g_task_get_task_data (task);
  HcScheduledRun *run = g_new0 (HcScheduledRun, 1);
  gint64 id = state->info->id;

  run->connector_id = id;
  run->connector_name = g_strdup (state->info->name);
  run->result = result;
  run->message = g_strdup (message);
  g_ptr_array_add (state->results, run);

  if (result != HC_SCHEDULED_BUSY)
    {
      g_autoptr (GError) error = NULL;

      if (!hc_store_release_connector_run (self->store, id, &error))
        g_warning ("Could not release connector %lld: %s", (long long) id, error->message);
      g_hash_table_remove (self->running, &id);
    }
  g_clear_object (&state->sync);

  g_signal_emit (self, signals[RUN_FINISHED], 0, run);

  run_next (task);
}

static void
stop_for_confirmation (GTask  *task,
                       HcPlan *plan)
{
  HcScheduler *self = g_task_get_source_object (task);
  RunDue *state = g_task_get_task_data (task);
  g_autoptr (HcSyncRun) waiting = hc_sync_run_new (state->info->id, HC_SYNC_TRIGGER_SCHEDULE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) state_error = NULL;
  g_autofree char *sentence = NULL;
  const char *reason = hc_plan_get_confirmation_reason (plan);

  if (reason == NULL)
    reason = _("This sync needs a confirmation.");

  waiting->started_at = hc_scheduler_get_now (self);
  waiting->result = HC_SYNC_RESULT_NEEDS_CONFIRMATION;
  waiting->error_message = g_strdup (reason);
  hc_sync_run_set_counts_from_plan (waiting, plan);
  if (!hc_store_record_run (self->store, waiting, &error))
    g_warning ("Could not record the waiting run: %s", error->message);

  /* Translators: %s is why the plan needs a confirmation, a sentence. */
  sentence = g_strdup_printf (_("The scheduled sync was not applied: %s Sync now to review and apply it."),
                              reason);
  if (!hc_store_set_connector_state (self->store, state->info->id,
                                     HC_CONNECTOR_STATE_ACTION_REQUIRED, sentence, &state_error))
    g_warning ("Could not mark the connector: %s", state_error->message);

  finish_one (task, HC_SCHEDULED_NEEDS_CONFIRMATION, reason);
}

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GError) error = NULL;
  HcPlan *plan = hc_sync_get_plan (HC_SYNC (source));

  run = hc_sync_apply_finish (HC_SYNC (source), result, &error);
  if (run == NULL)
    {
      if (g_error_matches (error, HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION))
        finish_one (task, HC_SCHEDULED_NEEDS_CONFIRMATION, error->message);
      else
        finish_one (task, HC_SCHEDULED_FAILED, error->message);
      return;
    }

  finish_one (task, hc_plan_is_empty (plan) ? HC_SCHEDULED_UNCHANGED : HC_SCHEDULED_CHANGED, NULL);
}

static void
prepare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (GError) error = NULL;

  plan = hc_sync_prepare_finish (HC_SYNC (source), result, &error);
  if (plan == NULL)
    {
      finish_one (task, HC_SCHEDULED_FAILED, error->message);
      return;
    }

  /* Nobody is there to confirm: stop before anything is applied (rules.md 19). */
  if (hc_plan_needs_confirmation (plan))
    {
      stop_for_confirmation (task, plan);
      return;
    }

  hc_sync_apply_async (HC_SYNC (source), FALSE, g_task_get_cancellable (task),
                       apply_done_cb, g_object_ref (task));
}

static void
run_next (GTask *task)
{
  HcScheduler *self = g_task_get_source_object (task);
  RunDue *state = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  const HcConnectorInfo *info;
  gboolean claimed = FALSE;
  gint64 now;
  gint64 *key;

  if (state->next >= state->due->len)
    {
      g_task_return_pointer (task, g_steal_pointer (&state->results),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  info = g_ptr_array_index (state->due, state->next++);
  state->info = info;
  now = hc_scheduler_get_now (self);

  /* Never two runs of one connector at once: not ours, not the window's
   * manual one, not another process's (the store's claim). */
  if (g_hash_table_contains (self->running, &info->id) ||
      (self->busy_func != NULL && self->busy_func (info->id, self->busy_data)))
    {
      finish_one (task, HC_SCHEDULED_BUSY, NULL);
      return;
    }
  if (!hc_store_claim_connector_sync (self->store, info->id, HC_SYNC_TRIGGER_SCHEDULE, now,
                                      now - HC_SCHEDULER_STALE_CLAIM, &claimed, &error) ||
      !claimed)
    {
      finish_one (task, HC_SCHEDULED_BUSY, error != NULL ? error->message : NULL);
      return;
    }

  key = g_new (gint64, 1);
  *key = info->id;
  g_hash_table_add (self->running, key);

  /* The next slot is one interval from now, whatever was missed. */
  if (!hc_store_set_connector_next_run (self->store, info->id,
                                        now + hc_schedule_get_interval (info->config->schedule),
                                        &error))
    {
      finish_one (task, HC_SCHEDULED_FAILED, error->message);
      return;
    }

  g_debug ("Scheduled sync of “%s”", info->name);
  state->sync = hc_sync_new (self->store, info->id, HC_SYNC_TRIGGER_SCHEDULE);
  hc_sync_prepare_async (state->sync, g_task_get_cancellable (task),
                         prepare_done_cb, g_object_ref (task));
}

void
hc_scheduler_run_due_async (HcScheduler        *self,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  RunDue *state;

  g_return_if_fail (HC_IS_SCHEDULER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_scheduler_run_due_async);

  state = g_new0 (RunDue, 1);
  state->results = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_scheduled_run_free);
  g_task_set_task_data (task, state, (GDestroyNotify) run_due_free);

  state->due = hc_scheduler_list_due (self, &error);
  if (state->due == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  run_next (task);
}

GPtrArray *
hc_scheduler_run_due_finish (HcScheduler  *self,
                             GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
tick_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  HcScheduler *self = HC_SCHEDULER (source);
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GError) error = NULL;

  self->ticking = FALSE;
  runs = hc_scheduler_run_due_finish (self, result, &error);
  if (runs == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Scheduled syncs failed: %s", error->message);
}

static gboolean
tick_cb (gpointer user_data)
{
  HcScheduler *self = user_data;

  if (!self->ticking)
    {
      self->ticking = TRUE;
      hc_scheduler_run_due_async (self, self->cancellable, tick_done_cb, NULL);
    }
  return G_SOURCE_CONTINUE;
}

void
hc_scheduler_start (HcScheduler *self,
                    guint        interval_seconds)
{
  g_return_if_fail (HC_IS_SCHEDULER (self));
  g_return_if_fail (interval_seconds > 0);

  hc_scheduler_stop (self);
  self->cancellable = g_cancellable_new ();
  self->timeout_id = g_timeout_add_seconds (interval_seconds, tick_cb, self);
  /* What was due while the app was closed runs now, once. */
  tick_cb (self);
}

void
hc_scheduler_stop (HcScheduler *self)
{
  g_return_if_fail (HC_IS_SCHEDULER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

gboolean
hc_scheduler_is_started (HcScheduler *self)
{
  g_return_val_if_fail (HC_IS_SCHEDULER (self), FALSE);
  return self->timeout_id != 0;
}
