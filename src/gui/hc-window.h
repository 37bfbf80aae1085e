/* hc-window.h — the main window: Members, Connectors, History, syncs
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-connectors-page.h"
#include "hc-groups-page.h"
#include "hc-history-page.h"
#include "hc-members-page.h"
#include "hc-store.h"
#include "hc-sync-flow.h"

G_BEGIN_DECLS

/* Not its header: the application includes this one. */
typedef struct _HcApplication HcApplication;

#define HC_TYPE_WINDOW (hc_window_get_type ())
G_DECLARE_FINAL_TYPE (HcWindow, hc_window, HC, WINDOW, AdwApplicationWindow)

/* The demo connector "Connect Demo Company" and --demo add. */
#define HC_DEMO_CONNECTOR_NAME "Demo company"
#define HC_DEMO_CONNECTOR_KIND "demo"
/* "Try the Demo Company" opens, or creates, this workspace: sample people
 * never land in a customer's. */
#define HC_DEMO_WORKSPACE "demo"

/* @app and @store may be NULL: without a store the window shows an error
 * page (see hc_window_show_error). */
HcWindow         *hc_window_new                 (HcApplication *app,
                                                 HcStore       *store);
HcStore          *hc_window_get_store           (HcWindow      *self);
/* Replaces the content with an error page ("Could Not Open the Workspace"). */
void              hc_window_show_error          (HcWindow      *self,
                                                 const char    *message);

HcMembersPage    *hc_window_get_members_page    (HcWindow      *self);
HcConnectorsPage *hc_window_get_connectors_page (HcWindow      *self);
HcHistoryPage    *hc_window_get_history_page    (HcWindow      *self);
HcGroupsPage     *hc_window_get_groups_page     (HcWindow      *self);
HcSyncFlow       *hc_window_get_sync_flow       (HcWindow      *self);

/* "members", "connectors" or "history". */
const char       *hc_window_get_page            (HcWindow      *self);
void              hc_window_set_page            (HcWindow      *self,
                                                 const char    *name);

/* Re-reads members, connectors and history from the store. */
void              hc_window_reload              (HcWindow      *self);
/* Starts a sync; the preview opens before anything is applied, unless
 * @confirmed (the demo company). FALSE when one already runs. */
gboolean          hc_window_sync_connector      (HcWindow      *self,
                                                 gint64         connector_id,
                                                 gboolean       confirmed);
/* Adds the demo connector when there is none and runs its first sync,
 * confirmed: the user asked for the sample company. */
void              hc_window_connect_demo        (HcWindow      *self);

/* Reads a CSV file in a thread, then opens the import dialog on it (what
 * "Import Members…" does once a file is chosen). */
void              hc_window_import_file         (HcWindow      *self,
                                                 GFile         *file);

/* Property "workspace": the store's workspace name; setting another
 * switches to it (the application opens it in a new window). */
/* Asks to delete the workspace, naming what goes. (transfer none) */
GtkWindow        *hc_window_confirm_delete_workspace (HcWindow *self);

void              hc_window_add_toast           (HcWindow      *self,
                                                 AdwToast      *toast);

G_END_DECLS
