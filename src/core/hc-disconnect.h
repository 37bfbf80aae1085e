/* hc-disconnect.h — what disconnecting a connector does to its members: a plan, then a run
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-plan.h"
#include "hc-store.h"
#include "hc-sync-run.h"

G_BEGIN_DECLS

/* rules.md 47: what becomes of the members a connector manages when it is
 * disconnected. */
typedef enum
{
  HC_DISCONNECT_KEEP_MEMBERS,       /* they stay, no longer managed (rules.md 13) */
  HC_DISCONNECT_ARCHIVE_MEMBERS,    /* archived, kept in the directory */
  HC_DISCONNECT_REMOVE_MEMBERS,     /* deleted from the directory */
} HcDisconnectMembers;

/* The plan of @what for the members @connector_id manages: an archive item
 * for each one not archived yet, or a remove item for each one. Members
 * made by hand, no longer managed, or managed by another connector are
 * never in it. KEEP is an empty plan. Reads the store, changes nothing. */
HcPlan     *hc_disconnect_plan_new    (HcStore              *store,
                                       gint64                connector_id,
                                       HcDisconnectMembers   what,
                                       GError              **error);
/* Applies @plan as one run of trigger "disconnect" in History, which its
 * Undo rolls back, also once the connector is removed. Does not remove
 * the connector. (transfer full) the run, or NULL with @error and nothing
 * changed. */
HcSyncRun  *hc_disconnect_apply       (HcStore              *store,
                                       HcPlan               *plan,
                                       GError              **error);

/* The same off the main thread (the store serialises its calls). */
void        hc_disconnect_plan_new_async (HcStore           *store,
                                          gint64             connector_id,
                                          HcDisconnectMembers what,
                                          GCancellable      *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer           user_data);
HcPlan     *hc_disconnect_plan_new_finish (GAsyncResult     *result,
                                           GError          **error);
void        hc_disconnect_apply_async (HcStore              *store,
                                       HcPlan               *plan,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
HcSyncRun  *hc_disconnect_apply_finish (GAsyncResult        *result,
                                        GError             **error);

/* "keep", "archive", "remove". */
const char *hc_disconnect_members_to_string (HcDisconnectMembers what);

G_END_DECLS
