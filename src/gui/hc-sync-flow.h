/* hc-sync-flow.h — one sync from the window: prepare, preview, apply, report
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-plan-dialog.h"
#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_SYNC_FLOW (hc_sync_flow_get_type ())
G_DECLARE_FINAL_TYPE (HcSyncFlow, hc_sync_flow, HC, SYNC_FLOW, GObject)

/* Properties: "busy", "progress" (-1 when unknown), "status-text",
 * "connector-id" (of the running sync, 0 when idle).
 *
 * Signal "finished" (const char *message, gboolean changed, gboolean failed,
 * HcSyncRun *run): the sync ended; @message is for a toast, @changed TRUE
 * when the directory changed, @failed TRUE on an error (not on a cancel),
 * @run the applied run or NULL when nothing was applied. */

/* @parent (nullable) is the window the preview shows in. */
HcSyncFlow *hc_sync_flow_new             (HcStore    *store,
                                          GtkWindow  *parent);

gboolean    hc_sync_flow_get_busy        (HcSyncFlow *self);
double      hc_sync_flow_get_progress    (HcSyncFlow *self);
const char *hc_sync_flow_get_status_text (HcSyncFlow *self);
gint64      hc_sync_flow_get_connector_id (HcSyncFlow *self);

/* Starts a sync of one connector. With @confirmed the plan is applied
 * without a preview, even when it needs a confirmation (the user asked for
 * exactly this, as with the demo company); otherwise the preview
 * (HcPlanDialog) shows every change first and applies on its Apply; its
 * Cancel records the run as cancelled. FALSE when a sync already runs. */
gboolean    hc_sync_flow_start           (HcSyncFlow *self,
                                          gint64      connector_id,
                                          gboolean    confirmed);
void        hc_sync_flow_cancel          (HcSyncFlow *self);

/* The preview of the running sync while it shows, or NULL. (transfer none) */
HcPlanDialog *hc_sync_flow_get_preview   (HcSyncFlow *self);
/* The employees the last sync fetched in this window, if it was of
 * @connector_id, for "Why?"; else NULL. (transfer none) of HcEmployee* */
GPtrArray  *hc_sync_flow_get_employees   (HcSyncFlow *self,
                                          gint64      connector_id);

/* The run in the history of the last sync here that failed, 0 for none:
 * what the failure toast's Details opens. */
gint64      hc_sync_flow_get_failed_run_id (HcSyncFlow *self);

G_END_DECLS
