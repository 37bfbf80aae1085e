/* hc-window-workspaces.c — the main window's workspace menu: switch,
 * new, rename, delete
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-application.h"
#include "hc-session.h"
#include "hc-window-private.h"
#include "hc-workspace.h"
#include "hc-workspace-dialog.h"

/* Workspaces: each its own database and secrets (rules.md 26) */

static char *
dup_data_dir (HcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return hc_store_dup_data_dir (HC_IS_APPLICATION (app) ?
                                hc_application_get_data_dir (HC_APPLICATION (app)) : NULL);
}

static HcApplication *
get_hc_application (HcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return HC_IS_APPLICATION (app) ? HC_APPLICATION (app) : NULL;
}

static void
fill_workspace_menu (HcWindow *self)
{
  g_autofree char *data_dir = dup_data_dir (self);
  g_autoptr (GPtrArray) names = hc_workspace_list (data_dir, NULL);

  g_menu_remove_all (self->workspace_section);
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr (GMenuItem) item = g_menu_item_new (name, NULL);

      /* A name is not a mnemonic. */
      g_menu_item_set_attribute (item, "use-markup", "b", FALSE);
      g_menu_item_set_action_and_target (item, "win.workspace", "s", name);
      g_menu_append_item (self->workspace_section, item);
    }
}

static gboolean
switch_workspace_idle_cb (gpointer user_data)
{
  HcWindow *self = user_data;
  HcApplication *app = get_hc_application (self);

  /* Not from inside the action: the window goes. */
  if (app != NULL && self->pending_workspace != NULL)
    {
      g_autofree char *name = g_steal_pointer (&self->pending_workspace);

      hc_application_open_workspace (app, name, GTK_WINDOW (self));
    }
  return G_SOURCE_REMOVE;
}

void
hc_window_set_workspace (HcWindow   *self,
                         const char *name)
{
  if (name == NULL || g_strcmp0 (name, self->workspace) == 0 || get_hc_application (self) == NULL)
    return;

  g_free (self->pending_workspace);
  self->pending_workspace = g_strdup (name);
  g_idle_add_full (G_PRIORITY_DEFAULT, switch_workspace_idle_cb, g_object_ref (self), g_object_unref);
}

static void
new_workspace_response_cb (HcWorkspaceDialog *dialog,
                           const char        *response,
                           HcWindow          *self)
{
  g_autofree char *data_dir = dup_data_dir (self);
  g_autoptr (GError) error = NULL;
  const char *name = hc_workspace_dialog_get_name (dialog);

  if (g_strcmp0 (response, "save") != 0)
    return;
  if (!hc_workspace_create (data_dir, name, &error))
    {
      hc_window_add_toast_text (self, error->message);
      return;
    }
  hc_window_set_workspace (self, name);
}

static void
new_workspace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  g_autofree char *data_dir = dup_data_dir (self);
  HcWorkspaceDialog *dialog = hc_workspace_dialog_new (GTK_WINDOW (self), data_dir, NULL);

  g_signal_connect_object (dialog, "response", G_CALLBACK (new_workspace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
hc_window_check_no_sync (HcWindow *self)
{
  if (self->sync_flow != NULL && hc_sync_flow_get_busy (self->sync_flow))
    {
      hc_window_add_toast_text (self, _("Wait for the sync to finish, or cancel it, first"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
close_workspace_idle_cb (gpointer user_data)
{
  HcWindow *self = user_data;
  HcApplication *app = get_hc_application (self);
  g_autofree char *new_name = g_steal_pointer (&self->pending_rename);
  gboolean delete = self->pending_delete;

  self->pending_delete = FALSE;
  if (app == NULL || self->store == NULL)
    return G_SOURCE_REMOVE;

  if (delete)
    hc_application_delete_workspace (app, self);
  else if (new_name != NULL)
    hc_application_rename_workspace (app, self, new_name);

  return G_SOURCE_REMOVE;
}

static void
rename_workspace_response_cb (HcWorkspaceDialog *dialog,
                              const char        *response,
                              HcWindow          *self)
{
  HcApplication *app = get_hc_application (self);

  if (g_strcmp0 (response, "save") != 0 || app == NULL || !hc_window_check_no_sync (self))
    return;
  /* Not while the dialog answers: the window goes, and the dialog with it. */
  g_free (self->pending_rename);
  self->pending_rename = g_strdup (hc_workspace_dialog_get_name (dialog));
  g_idle_add_full (G_PRIORITY_DEFAULT, close_workspace_idle_cb, g_object_ref (self), g_object_unref);
}

static void
rename_workspace_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  g_autofree char *data_dir = dup_data_dir (self);
  HcWorkspaceDialog *dialog;

  if (self->store == NULL || !hc_window_check_no_sync (self))
    return;
  dialog = hc_workspace_dialog_new (GTK_WINDOW (self), data_dir, self->workspace);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_workspace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_workspace_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              HcWindow         *self)
{
  HcApplication *app = get_hc_application (self);

  if (g_strcmp0 (response, "delete") != 0 || app == NULL || !hc_window_check_no_sync (self))
    return;
  self->pending_delete = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_workspace_idle_cb, g_object_ref (self), g_object_unref);
}

/* The confirmation names what goes. (transfer full) */
GtkWindow *
hc_window_confirm_delete_workspace (HcWindow *self)
{
  g_autoptr (GPtrArray) connectors = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *members_text = NULL;
  g_autofree char *connectors_text = NULL;
  g_autofree char *runs_text = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n_members;

  g_return_val_if_fail (HC_IS_WINDOW (self), NULL);

  if (self->store == NULL || !hc_window_check_no_sync (self))
    return NULL;

  n_members = hc_store_count_members (self->store, -1);
  connectors = hc_store_list_connectors (self->store, NULL);
  runs = hc_store_list_runs (self->store, 0, 0, NULL);

  heading = g_strdup_printf (_("Delete Workspace “%s”?"), self->workspace);
  members_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u member", "%u members", n_members),
                                  n_members);
  connectors_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME,
                                                  "%u connector and its keyring secret",
                                                  "%u connectors and their keyring secrets",
                                                  connectors != NULL ? connectors->len : 0),
                                     connectors != NULL ? connectors->len : 0);
  runs_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u sync of history",
                                            "%u syncs of history", runs != NULL ? runs->len : 0),
                               runs != NULL ? runs->len : 0);
  /* Translators: the three %s are "N members", "N connectors and their
   * keyring secrets" and "N syncs of history" */
  body = g_strdup_printf (_("Its %s, %s and %s are deleted from this computer. This cannot be undone."),
                          members_text, connectors_text, runs_text);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Workspace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_workspace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

static void
delete_workspace_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  hc_window_confirm_delete_workspace (HC_WINDOW (widget));
}

static void
show_workspace_name (HcWindow   *self,
                     const char *name)
{
  g_autofree char *title = NULL;

  g_free (self->workspace);
  self->workspace = g_strdup (name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, self->workspace);
  gtk_label_set_label (self->workspace_label, self->workspace);
  /* Translators: the window title; %s is the workspace name */
  title = g_strdup_printf (_("%s — Headcount"), self->workspace);
  gtk_window_set_title (GTK_WINDOW (self), title);
  fill_workspace_menu (self);
  g_object_notify (G_OBJECT (self), "workspace");
}

/* A rename keeps the window: its title, menu and property follow. */
static void
workspace_renamed_cb (HcWindow   *self,
                      const char *name)
{
  show_workspace_name (self, name);
}

void
hc_window_setup_workspace (HcWindow *self)
{
  g_autofree char *name = hc_store_dup_workspace_name (self->store);

  show_workspace_name (self, name);
  g_signal_connect_object (hc_session_get_for_store (self->store), "workspace-renamed",
                           G_CALLBACK (workspace_renamed_cb), self, G_CONNECT_SWAPPED);
}

/* The demo company */

static gboolean
open_demo_idle_cb (gpointer user_data)
{
  HcWindow *self = user_data;
  HcApplication *app = get_hc_application (self);
  HcWindow *demo;

  /* Not from inside the action: this window goes. */
  if (app == NULL)
    return G_SOURCE_REMOVE;
  demo = hc_application_open_workspace (app, HC_DEMO_WORKSPACE, GTK_WINDOW (self));
  if (demo != NULL && hc_window_get_store (demo) != NULL)
    hc_window_connect_demo (demo);
  return G_SOURCE_REMOVE;
}

static void
connect_demo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  g_autofree char *data_dir = NULL;
  g_autoptr (GError) error = NULL;

  /* Without the application (a test's window) there is no other workspace. */
  if (get_hc_application (self) == NULL || g_strcmp0 (self->workspace, HC_DEMO_WORKSPACE) == 0)
    {
      hc_window_connect_demo (self);
      return;
    }
  if (!hc_window_check_no_sync (self))
    return;

  data_dir = dup_data_dir (self);
  if (!hc_workspace_exists (data_dir, HC_DEMO_WORKSPACE) &&
      !hc_workspace_create (data_dir, HC_DEMO_WORKSPACE, &error))
    {
      hc_window_add_toast_text (self, error->message);
      return;
    }
  g_idle_add_full (G_PRIORITY_DEFAULT, open_demo_idle_cb, g_object_ref (self), g_object_unref);
}

void
hc_window_class_add_workspace_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.connect-demo", NULL, connect_demo_action);
  gtk_widget_class_install_property_action (widget_class, "win.workspace", "workspace");
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, new_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.rename-workspace", NULL, rename_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.delete-workspace", NULL, delete_workspace_action);
}
