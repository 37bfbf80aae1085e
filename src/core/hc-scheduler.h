/* hc-scheduler.h — scheduled syncs on the main loop, with persisted next-run times
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-config.h"
#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_SCHEDULER (hc_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (HcScheduler, hc_scheduler, HC, SCHEDULER, GObject)

/* The time now, µs since the epoch (g_get_real_time() by default). */
typedef gint64   (*HcClockFunc)          (gpointer user_data);
/* TRUE when a sync of @connector_id runs elsewhere in this process (the
 * window's manual sync): the scheduler then leaves it for later. */
typedef gboolean (*HcSchedulerBusyFunc)  (gint64   connector_id,
                                          gpointer user_data);

typedef enum
{
  HC_SCHEDULED_UNCHANGED,           /* applied; the directory was up to date */
  HC_SCHEDULED_CHANGED,             /* applied; members changed */
  HC_SCHEDULED_FAILED,
  HC_SCHEDULED_NEEDS_CONFIRMATION,  /* stopped: nothing applied, action required */
  HC_SCHEDULED_BUSY,                /* skipped: another run of it was running */
} HcScheduledResult;

typedef struct
{
  gint64             connector_id;
  char              *connector_name;
  HcScheduledResult  result;
  char              *message;       /* the error or the confirmation reason, or NULL */
} HcScheduledRun;

void             hc_scheduled_run_free       (HcScheduledRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcScheduledRun, hc_scheduled_run_free)

/* A run of a connector that holds it for longer than this is taken for
 * dead (a crashed process) and no longer blocks the next one. */
#define HC_SCHEDULER_STALE_CLAIM (G_TIME_SPAN_HOUR * 2)

/* µs between two runs; 0 for HC_SCHEDULE_MANUAL. */
gint64           hc_schedule_get_interval    (HcSchedule      schedule);

/* The next run of a connector as the scheduler sees it, 0 for none:
 * manual and test-instance connectors never run on a schedule; a
 * connector without a stored time runs one interval after its last sync
 * (or after @now); a stored time beyond one interval from @now (the
 * schedule became shorter) is brought back to @now + interval. Due when
 * it is not 0 and not after @now. */
gint64           hc_scheduler_compute_next_run (HcSchedule    schedule,
                                              gboolean        test_instance,
                                              gint64          stored_next_run,
                                              gint64          last_sync_at,
                                              gint64          now);

/* Signal "run-finished" (HcScheduledRun *run, transfer none): a scheduled
 * run of one connector ended or was skipped. */
HcScheduler     *hc_scheduler_new            (HcStore            *store);
HcStore         *hc_scheduler_get_store      (HcScheduler        *self);
void             hc_scheduler_set_clock      (HcScheduler        *self,
                                              HcClockFunc         func,
                                              gpointer            user_data);
gint64           hc_scheduler_get_now        (HcScheduler        *self);
void             hc_scheduler_set_busy_func  (HcScheduler        *self,
                                              HcSchedulerBusyFunc func,
                                              gpointer            user_data,
                                              GDestroyNotify      destroy);
/* TRUE while this scheduler runs @connector_id. */
gboolean         hc_scheduler_is_running     (HcScheduler        *self,
                                              gint64              connector_id);

/* The connectors due now, oldest due first; stores the next-run times it
 * computes (hc_scheduler_compute_next_run()). (transfer full) of
 * HcConnectorInfo* */
GPtrArray       *hc_scheduler_list_due       (HcScheduler        *self,
                                              GError            **error);

/* Runs every connector due now, once each and one after the other, as
 * trigger "schedule": each one's next run moves to one interval from now
 * first, so that a run missed while nothing ran happens once, not once per
 * missed slot. A plan that needs a confirmation is not applied: the run is
 * recorded as waiting, the connector marked "Action required". Returns
 * (transfer full) HcScheduledRun* in the order they ran. */
void             hc_scheduler_run_due_async  (HcScheduler        *self,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
GPtrArray       *hc_scheduler_run_due_finish (HcScheduler        *self,
                                              GAsyncResult       *result,
                                              GError            **error);

/* Checks what is due now and then every @interval_seconds on the main
 * loop (g_timeout_add_seconds), until hc_scheduler_stop() or disposal. */
void             hc_scheduler_start          (HcScheduler        *self,
                                              guint               interval_seconds);
void             hc_scheduler_stop           (HcScheduler        *self);
gboolean         hc_scheduler_is_started     (HcScheduler        *self);

G_END_DECLS
