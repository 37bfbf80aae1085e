/* hc-sync.h — one sync of one connector: fetch → scope → plan → confirm → apply
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-connector.h"
#include "hc-plan.h"
#include "hc-store.h"
#include "hc-sync-run.h"

G_BEGIN_DECLS

#define HC_TYPE_SYNC (hc_sync_get_type ())
G_DECLARE_FINAL_TYPE (HcSync, hc_sync, HC, SYNC, GObject)

/* Properties: "progress" (double, -1 when unknown), "status-text" (string),
 * "plan" (HcPlan, set once prepared), "busy" (boolean). */
HcSync     *hc_sync_new              (HcStore             *store,
                                      gint64               connector_id,
                                      HcSyncTrigger        trigger);
/* For tests and the CLI's file replays: use this connector instead of
 * building one from the stored connector. */
void        hc_sync_set_connector    (HcSync              *self,
                                      HcConnector         *connector);

/* The connector's secret for this run only, instead of the keyring's
 * (headcount-cli --secret-stdin). Wiped when the sync is freed. */
void        hc_sync_set_secret       (HcSync              *self,
                                      const char          *secret);

gint64      hc_sync_get_connector_id (HcSync              *self);
double      hc_sync_get_progress     (HcSync              *self);
const char *hc_sync_get_status_text  (HcSync              *self);
HcPlan     *hc_sync_get_plan         (HcSync              *self);
/* How long the prepared plan has waited (its preview open) since it was
 * ready, in µs; 0 before a plan. A run records it and leaves it out of
 * its duration (hc_sync_run_get_duration()). */
gint64      hc_sync_get_waited       (HcSync              *self);
/* The employees the last prepare fetched, or NULL; applying the plan
 * drops them (take a reference to keep them). (transfer none) of HcEmployee* */
GPtrArray  *hc_sync_get_employees    (HcSync              *self);
/* The stored connector as the last prepare read it, or NULL. */
const HcConnectorInfo *hc_sync_get_connector_info (HcSync     *self);

/* Fetches the employees and computes the plan; nothing is written, but a
 * failure is recorded in the history and on the connector's state. A
 * mapping that points at a field none of the employees has fails with
 * HC_ERROR_INVALID_CONFIG before any plan. */
void        hc_sync_prepare_async    (HcSync              *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* The plan a sync makes of @employees against the directory in @store,
 * with its groups' part, which reads the store in a thread of its own
 * while the member plan is made. Blocks: for a worker thread. */
HcPlan     *hc_sync_make_plan        (HcStore             *store,
                                      const HcConfig      *config,
                                      gint64               connector_id,
                                      GPtrArray           *employees,
                                      gboolean             first_sync,
                                      GCancellable        *cancellable,
                                      GError             **error);
HcPlan     *hc_sync_prepare_finish   (HcSync              *self,
                                      GAsyncResult        *result,
                                      GError             **error);

/* Applies the prepared plan in one transaction. Fails with
 * HC_ERROR_NEEDS_CONFIRMATION when the plan needs it and @confirmed is
 * FALSE (the run is then recorded as waiting for confirmation). A
 * scheduled run that is not the first leaves the archives staged instead
 * and applies the rest. Staged archives (hc_plan_set_archive_approved())
 * are not applied; the connector is then marked as needing action. */
void        hc_sync_apply_async      (HcSync              *self,
                                      gboolean             confirmed,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
HcSyncRun  *hc_sync_apply_finish     (HcSync              *self,
                                      GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
