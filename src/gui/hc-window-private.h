/* hc-window-private.h — what the window's files share: its fields and
 * the helpers its actions use
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-dialog-host.h"
#include "hc-window.h"

G_BEGIN_DECLS

struct _HcWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  HcDialogHost         *dialog_host;
  GtkStack             *main_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkRevealer          *sync_revealer;
  GtkLabel             *sync_label;
  GtkProgressBar       *sync_progress;
  AdwViewStack         *view_stack;
  HcMembersPage        *members_page;
  HcConnectorsPage     *connectors_page;
  HcHistoryPage        *history_page;
  HcGroupsPage         *groups_page;
  AdwStatusPage        *error_status;
  GMenu                *workspace_section;
  GtkMenuButton        *workspace_button;
  GtkLabel             *workspace_label;
  GtkButton            *sync_button;
  GtkMenuButton        *sync_menu_button;
  GMenu                *sync_connectors_section;

  /* Owned state */
  HcStore              *store;
  GSettings            *settings;
  HcSyncFlow           *sync_flow;
  GSignalGroup         *sync_signals;   /* the sync flow's, while there is one */
  GBindingGroup        *sync_bindings;  /* the sync flow's state onto the bar */
  guint                 pulse_source;
  gboolean              first_sync;     /* of the running sync */
  GArray               *sync_queue;     /* gint64: "All Connectors" still to sync */
  char                 *workspace;      /* the store's workspace name */
  char                 *pending_workspace;  /* to switch to, from the menu */
  char                 *pending_rename;     /* the new name, from the dialog */
  gboolean              pending_delete;
};

/* hc-window.c */
void       hc_window_update_actions     (HcWindow   *self);
/* The connectors of the store, or NULL (a warning logged). */
GPtrArray *hc_window_list_connectors    (HcWindow   *self);
/* A toast of plain text: names in it are escaped. */
void       hc_window_add_toast_text     (HcWindow   *self,
                                         const char *text);
gboolean   hc_window_check_no_sync      (HcWindow   *self);

/* hc-window-actions.c */
void       hc_window_class_add_actions  (GtkWidgetClass *widget_class);
/* The header's Sync: a button for one connector, a menu for several. */
void       hc_window_update_sync_button (HcWindow   *self);
/* After a sync of "All Connectors": the next one, if any. */
void       hc_window_sync_next_queued   (HcWindow   *self);

/* hc-window-workspaces.c */
void       hc_window_class_add_workspace_actions (GtkWidgetClass *widget_class);
void       hc_window_setup_workspace    (HcWindow   *self);
void       hc_window_set_workspace      (HcWindow   *self,
                                         const char *name);

/* hc-window-disconnect.c: asks what becomes of the connector's members,
 * then disconnects it (rules.md 13, 46). */
void       hc_window_disconnect_connector (HcWindow *self,
                                           gint64    id);

G_END_DECLS
