/* hc-session.h — one open workspace: its store, and the signals that say
 * what changed in it (members, connectors, runs, its name), so that every
 * view of it updates itself
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hc-store.h"
#include "hc-sync-run.h"

G_BEGIN_DECLS

#define HC_TYPE_SESSION (hc_session_get_type ())
G_DECLARE_FINAL_TYPE (HcSession, hc_session, HC, SESSION, GObject)

/* The session of @store's workspace, made on first use and living as long
 * as the store: whoever holds the store reaches the same session.
 * (transfer none) */
HcSession *hc_session_get_for_store      (HcStore       *store);

HcStore   *hc_session_get_store          (HcSession     *self);

/* Signals:
 * "members-changed" (GArray *ids of gint64, or NULL for "any of them");
 * "connector-changed" (gint64 id, 0 when connectors came or went);
 * "run-started" (gint64 connector_id);
 * "run-finished" (gint64 connector_id, HcSyncRun *run or NULL on failure);
 * "workspace-renamed" (const char *name). */
void       hc_session_members_changed    (HcSession     *self,
                                          const gint64  *ids,
                                          guint          n_ids);
void       hc_session_connector_changed  (HcSession     *self,
                                          gint64         connector_id);
void       hc_session_run_started        (HcSession     *self,
                                          gint64         connector_id);
void       hc_session_run_finished       (HcSession     *self,
                                          gint64         connector_id,
                                          HcSyncRun     *run);
void       hc_session_workspace_renamed  (HcSession     *self,
                                          const char    *name);

G_END_DECLS
