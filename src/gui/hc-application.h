/* hc-application.h — the application: options, the store, the window
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HC_TYPE_APPLICATION (hc_application_get_type ())
G_DECLARE_FINAL_TYPE (HcApplication, hc_application, HC, APPLICATION, AdwApplication)

/* Options: --data-dir DIR, --workspace NAME (default "default"),
 * --demo (the workspace "demo", with the demo company connected and
 * synced on first use), --version. */
HcApplication *hc_application_new           (void);

/* The workspace the window opens: "demo" with --demo. */
const char    *hc_application_get_workspace (HcApplication *self);
/* The --data-dir override, or NULL. */
const char    *hc_application_get_data_dir  (HcApplication *self);

/* Workspaces. The window of a workspace holds its store: these close
 * @window (or @replace) and open the workspace's in a new one, which they
 * return, and remember it (GSettings last-workspace). */
typedef struct _HcWindow HcWindow;

HcWindow      *hc_application_open_workspace   (HcApplication *self,
                                                const char    *name,
                                                GtkWindow     *replace);
/* Renames @window's workspace in place: its store is closed
 * (hc_store_close()), the database moved, and the same store opened again
 * under the new name, whose session then emits "workspace-renamed" (the
 * window's title follows). On failure (a taken name, a sync still holding
 * it) the store opens again under the old name. Either way a toast says
 * what happened. */
void           hc_application_rename_workspace (HcApplication *self,
                                                HcWindow      *window,
                                                const char    *new_name);
/* Closes @window, clears the workspace's secrets and deletes its database
 * in a thread, then opens the first workspace left (or "default") with a
 * toast. On failure nothing is deleted and it opens again. */
void           hc_application_delete_workspace (HcApplication *self,
                                                HcWindow      *window);

G_END_DECLS
