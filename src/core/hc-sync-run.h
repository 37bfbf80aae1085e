/* hc-sync-run.h — the record of one sync run, as History shows it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-plan.h"

G_BEGIN_DECLS

typedef enum
{
  HC_SYNC_TRIGGER_MANUAL,
  HC_SYNC_TRIGGER_SCHEDULE,
  HC_SYNC_TRIGGER_CLI,
  /* Changes made by hand in the directory (hc-directory.h), from the app
   * or the command line: no connector. */
  HC_SYNC_TRIGGER_EDIT,
  /* A connector's managed members archived or removed as it is
   * disconnected (hc-disconnect.h, rules.md 13). */
  HC_SYNC_TRIGGER_DISCONNECT,
} HcSyncTrigger;

typedef enum
{
  HC_SYNC_RESULT_SUCCESS,
  HC_SYNC_RESULT_FAILED,
  HC_SYNC_RESULT_CANCELLED,
  HC_SYNC_RESULT_NEEDS_CONFIRMATION,
  /* Its process died before it recorded its end (killed, crashed, the
   * machine stopped): recorded at the next start (rules.md 41). */
  HC_SYNC_RESULT_INTERRUPTED,
} HcSyncResult;

struct _HcSyncRun
{
  gint64         id;
  gint64         connector_id;
  char          *connector_name;
  gint64         started_at;     /* microseconds since the epoch, UTC */
  gint64         finished_at;
  /* Of the time between the two, how long the run waited for someone (its
   * preview open, before Apply): not part of its duration. */
  gint64         waited;
  HcSyncTrigger  trigger;
  HcSyncResult   result;
  char          *error_message;  /* a sentence for people, or NULL */
  guint          counts[HC_PLAN_N_KINDS];
};

#define HC_TYPE_SYNC_RUN (hc_sync_run_get_type ())
GType        hc_sync_run_get_type       (void) G_GNUC_CONST;

HcSyncRun   *hc_sync_run_new            (gint64          connector_id,
                                         HcSyncTrigger   trigger);
HcSyncRun   *hc_sync_run_copy           (const HcSyncRun *self);
void         hc_sync_run_free           (HcSyncRun      *self);
void         hc_sync_run_set_counts_from_plan (HcSyncRun *self,
                                         HcPlan         *plan);
/* How long the run worked, in microseconds: preparing and applying, not
 * the time its preview waited for someone (0 when it has not finished). */
gint64       hc_sync_run_get_duration   (const HcSyncRun *self);
void         hc_sync_run_to_json        (const HcSyncRun *self,
                                         JsonBuilder    *builder);

const char  *hc_sync_trigger_to_string  (HcSyncTrigger   trigger);
const char  *hc_sync_result_to_string   (HcSyncResult    result);
/* For people, the same words in the app and the CLI: "Manual",
 * "Scheduled", "Command line"…; "Succeeded", "Failed"… */
const char  *hc_sync_trigger_describe   (HcSyncTrigger   trigger);
const char  *hc_sync_result_describe    (HcSyncResult    result);
/* How long the run took, for people: "1.2 s", "2 min 5 s". (transfer full) */
char        *hc_sync_run_describe_duration (const HcSyncRun *self);
gboolean     hc_sync_trigger_from_string (const char    *str,
                                          HcSyncTrigger *trigger);
gboolean     hc_sync_result_from_string (const char     *str,
                                         HcSyncResult   *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcSyncRun, hc_sync_run_free)

G_END_DECLS
