/* hc-window-actions.c — the main window's actions: syncs, connectors,
 * scenario checks, CSV import and export
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-checks-dialog.h"
#include "hc-connector-dialog.h"
#include "hc-connector-settings.h"
#include "hc-connector-kind.h"
#include "hc-error.h"
#include "hc-export-dialog.h"
#include "hc-import-dialog.h"
#include "hc-run-dialog.h"
#include "hc-secrets.h"
#include "hc-session.h"
#include "hc-window-private.h"


/* The connectors a sync can run: all but the disconnected. (transfer full) */
static GPtrArray *
list_syncable (HcWindow *self)
{
  g_autoptr (GPtrArray) connectors = hc_window_list_connectors (self);
  GPtrArray *syncable = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_connector_info_free);

  for (guint i = 0; connectors != NULL && i < connectors->len; i++)
    {
      const HcConnectorInfo *info = g_ptr_array_index (connectors, i);

      if (info->state != HC_CONNECTOR_STATE_DISCONNECTED)
        g_ptr_array_add (syncable, hc_connector_info_copy (info));
    }
  return syncable;
}

void
hc_window_update_sync_button (HcWindow *self)
{
  g_autoptr (GPtrArray) connectors = list_syncable (self);
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *tooltip = NULL;
  gboolean several = connectors->len > 1;

  g_menu_remove_all (self->sync_connectors_section);
  for (guint i = 0; i < connectors->len; i++)
    {
      const HcConnectorInfo *info = g_ptr_array_index (connectors, i);
      g_autofree char *label = NULL;
      g_auto (GStrv) parts = NULL;
      g_autoptr (GMenuItem) item = NULL;

      if (i > 0)
        /* Translators: between the names of two connectors, "Personio, BambooHR" */
        g_string_append (names, _(", "));
      g_string_append (names, info->name);

      /* A menu label's "_" is a mnemonic: a name's is not. */
      parts = g_strsplit (info->name, "_", -1);
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.sync-connector", "x", info->id);
      g_menu_append_item (self->sync_connectors_section, item);
    }

  if (connectors->len == 0)
    tooltip = g_strdup (_("Sync Now"));
  else
    /* Translators: the tooltip of the header's Sync; %s names the connectors, "Personio, BambooHR" */
    tooltip = g_strdup_printf (_("Sync %s"), names->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button), tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_menu_button), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), !several);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_menu_button), several);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_menu_button),
                            gtk_widget_is_sensitive (GTK_WIDGET (self)) &&
                            (self->sync_flow == NULL || !hc_sync_flow_get_busy (self->sync_flow)));
}

/* Ctrl+R: the one connector, or the menu that names them. */
static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  g_autoptr (GPtrArray) connectors = list_syncable (self);

  if (connectors->len == 1)
    {
      hc_window_sync_connector (self, ((HcConnectorInfo *) g_ptr_array_index (connectors, 0))->id, FALSE);
      return;
    }
  if (connectors->len > 1)
    {
      gtk_menu_button_popup (self->sync_menu_button);
      return;
    }

  hc_window_add_toast_text (self, _("Connect an HR system first"));
  hc_window_set_page (self, "connectors");
}

/* "All Connectors": one after the other, each with its preview. */
static void
sync_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  g_autoptr (GPtrArray) connectors = list_syncable (self);

  g_clear_pointer (&self->sync_queue, g_array_unref);
  self->sync_queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < connectors->len; i++)
    g_array_append_val (self->sync_queue, ((HcConnectorInfo *) g_ptr_array_index (connectors, i))->id);
  hc_window_sync_next_queued (self);
}

static gboolean
sync_next_idle_cb (gpointer user_data)
{
  HcWindow *self = user_data;
  gint64 id;

  if (self->sync_queue == NULL || self->sync_queue->len == 0)
    {
      g_clear_pointer (&self->sync_queue, g_array_unref);
      return G_SOURCE_REMOVE;
    }
  id = g_array_index (self->sync_queue, gint64, 0);
  g_array_remove_index (self->sync_queue, 0);
  if (!hc_window_sync_connector (self, id, FALSE))
    g_clear_pointer (&self->sync_queue, g_array_unref);

  return G_SOURCE_REMOVE;
}

void
hc_window_sync_next_queued (HcWindow *self)
{
  /* Not from inside the last sync's end: its flow is still winding down. */
  if (self->sync_queue != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, sync_next_idle_cb, g_object_ref (self), g_object_unref);
}

static void
sync_connector_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  hc_window_sync_connector (HC_WINDOW (widget), g_variant_get_int64 (parameter), FALSE);
}

static void
cancel_sync_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);

  if (self->sync_flow != NULL)
    hc_sync_flow_cancel (self->sync_flow);
}

static void
connector_saved_cb (HcConnectorDialog *dialog,
                    gint64             connector_id,
                    gboolean           added,
                    HcWindow          *self)
{
  g_autoptr (HcConnectorInfo) info = hc_store_get_connector (self->store, connector_id, NULL);
  g_autofree char *text = NULL;

  hc_session_connector_changed (hc_session_get_for_store (self->store), connector_id);
  hc_window_set_page (self, "connectors");
  if (info == NULL)
    return;

  if (added)
    {
      g_autofree char *escaped = NULL;
      AdwToast *toast;

      /* rules.md 43: never "connected" for credentials that failed. */
      if (info->credentials == HC_CREDENTIALS_REJECTED)
        text = g_strdup_printf (_("“%s” added, but its credentials were rejected"), info->name);
      else
        text = g_strdup_printf (_("“%s” connected. Preview its first sync to see what it will change."),
                                info->name);
      /* Toast titles are markup: a name is text. */
      escaped = g_markup_escape_text (text, -1);
      toast = adw_toast_new (escaped);
      if (info->credentials == HC_CREDENTIALS_REJECTED)
        {
          adw_toast_set_button_label (toast, _("_Edit Credentials"));
          adw_toast_set_action_name (toast, "win.edit-connector");
        }
      else
        {
          adw_toast_set_button_label (toast, _("_Preview"));
          adw_toast_set_action_name (toast, "win.sync-connector");
        }
      adw_toast_set_action_target (toast, "x", connector_id);
      adw_toast_set_timeout (toast, 10);
      hc_window_add_toast (self, toast);
    }
  else
    {
      text = g_strdup_printf (_("Credentials of “%s” saved"), info->name);
      hc_window_add_toast_text (self, text);
    }
}

static void
present_connector_dialog (HcWindow          *self,
                          HcConnectorDialog *dialog)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (connector_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_connector_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);

  if (self->store == NULL)
    return;
  present_connector_dialog (self, hc_connector_dialog_new_add (self->store));
}

static void
edit_connector_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  if (self->store == NULL)
    return;
  info = hc_store_get_connector (self->store, g_variant_get_int64 (parameter), &error);
  if (info == NULL)
    {
      hc_window_add_toast_text (self, error->message);
      return;
    }
  present_connector_dialog (self, hc_connector_dialog_new_edit (self->store, info));
}

/* Saved settings change the connector's card; Save and Apply previews a
 * sync with them. */
static void
settings_saved_cb (HcConnectorSettings *settings,
                   gint64               connector_id,
                   gboolean             changed,
                   gboolean             apply,
                   HcWindow            *self)
{
  g_autoptr (HcConnectorInfo) info = hc_store_get_connector (self->store, connector_id, NULL);
  g_autofree char *text = NULL;

  hc_session_connector_changed (hc_session_get_for_store (self->store), connector_id);
  if (info == NULL)
    return;
  if (apply)
    {
      if (hc_window_sync_connector (self, connector_id, FALSE))
        return;
      /* Translators: %s is a connector name */
      text = g_strdup_printf (_("Settings of “%s” saved. A sync is running: sync it again when it ends."),
                              info->name);
    }
  else if (changed)
    /* Translators: %s is a connector name */
    text = g_strdup_printf (_("Settings of “%s” saved"), info->name);

  if (text != NULL)
    hc_window_add_toast_text (self, text);
}

static void
connector_settings_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  HcConnectorSettings *settings;

  if (self->store == NULL)
    return;
  info = hc_store_get_connector (self->store, g_variant_get_int64 (parameter), &error);
  if (info == NULL)
    {
      hc_window_add_toast_text (self, error->message);
      return;
    }
  settings = hc_connector_settings_new (self->store, info);
  gtk_window_set_transient_for (GTK_WINDOW (settings), GTK_WINDOW (self));
  g_signal_connect_object (settings, "saved", G_CALLBACK (settings_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (settings));
}

/* The scenario checks of a test instance (the card's menu, the toast
 * after its sync). */
static void
scenario_checks_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  HcChecksDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = hc_checks_dialog_new (GTK_WINDOW (self), self->store, g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (dialog));
  hc_checks_dialog_run (dialog);
}

static void
disconnect_connector_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  hc_window_disconnect_connector (HC_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hc_window_set_page (HC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A run's details, as History opens them: the failure toast's Details. */
static void
show_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  HcRunDialog *dialog;

  if (self->store == NULL)
    return;
  hc_window_set_page (self, "history");
  dialog = hc_run_dialog_new (GTK_WINDOW (self), self->store, g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);

  hc_window_set_page (self, "members");
  hc_members_page_focus_search (self->members_page);
}

/* CSV export and import (rules.md 28) */

static void
export_finished_cb (HcExportDialog *dialog,
                    guint           n_exported,
                    const char     *error_message,
                    HcWindow       *self)
{
  g_autofree char *text = NULL;

  if (error_message != NULL)
    /* Translators: %s is an error message */
    text = g_strdup_printf (_("Could not export the members: %s"), error_message);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u member exported",
                                         "%u members exported", n_exported),
                            n_exported);
  hc_window_add_toast_text (self, text);
}

static void
export_members_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  HcExportDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = hc_export_dialog_new (GTK_WINDOW (self), self->store,
                                 hc_members_page_get_tab (self->members_page));
  g_signal_connect_object (dialog, "finished", G_CALLBACK (export_finished_cb), self, 0);
  /* The window keeps the last one alive while its chooser shows. */
  g_object_set_data_full (G_OBJECT (self), "hc-export-dialog", dialog, g_object_unref);
  hc_export_dialog_present (dialog);
}

static void
members_imported_cb (HcImportDialog *dialog,
                     guint           n_imported,
                     HcWindow       *self)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u member imported",
                                                        "%u members imported", n_imported),
                                           n_imported);

  hc_window_add_toast_text (self, text);
  hc_window_set_page (self, "members");
  hc_session_members_changed (hc_session_get_for_store (self->store), NULL, 0);
}

static void
read_import_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  HcMemberCsvImport *import;

  stream = g_file_read (G_FILE (task_data), cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  import = hc_member_csv_import_new_from_stream (G_INPUT_STREAM (stream), 0, cancellable, &error);
  if (import == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, import, g_object_unref);
}

static void
import_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  HcWindow *self = HC_WINDOW (source);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr (HcMemberCsvImport) import = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  HcImportDialog *dialog;

  import = g_task_propagate_pointer (G_TASK (result), &error);
  if (import == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the first %s is a file name, the second an error message */
      text = g_strdup_printf (_("Could not read %s: %s"), basename, error->message);
      hc_window_add_toast_text (self, text);
      return;
    }
  if (self->store == NULL)
    return;

  dialog = hc_import_dialog_new (self->store, import, basename);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (members_imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
hc_window_import_file (HcWindow *self,
                       GFile    *file)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Parsing 100,000 lines is work for a thread. */
  task = g_task_new (self, NULL, import_read_cb, NULL);
  g_task_set_source_tag (task, hc_window_import_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_import_thread);
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            HcWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      hc_window_import_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_members_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Members"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
hc_window_connect_demo (HcWindow *self)
{
  g_autoptr (GPtrArray) connectors = NULL;
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_return_if_fail (HC_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  /* Already there (a second click, another window): sync it. */
  connectors = hc_window_list_connectors (self);
  for (guint i = 0; connectors != NULL && i < connectors->len; i++)
    {
      const HcConnectorInfo *info = g_ptr_array_index (connectors, i);

      if (g_strcmp0 (info->kind, HC_DEMO_CONNECTOR_KIND) == 0)
        {
          id = info->id;
          break;
        }
    }

  if (id == 0)
    {
      config = hc_config_new_default ();
      id = hc_store_add_connector (self->store, HC_DEMO_CONNECTOR_NAME, HC_DEMO_CONNECTOR_KIND,
                                   "{}", config, FALSE, &error);
      if (id <= 0)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is an error message */
          message = g_strdup_printf (_("Could not add the demo company: %s"),
                                     error != NULL ? error->message : _("unknown error"));
          hc_window_add_toast_text (self, message);
          return;
        }

      hc_session_connector_changed (hc_session_get_for_store (self->store), 0);
    }

  hc_window_set_page (self, "members");
  hc_window_sync_connector (self, id, !hc_store_connector_has_synced (self->store, id));
}

void
hc_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.sync-all", NULL, sync_all_action);
  gtk_widget_class_install_action (widget_class, "win.sync-connector", "x", sync_connector_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-sync", NULL, cancel_sync_action);
  gtk_widget_class_install_action (widget_class, "win.add-connector", NULL, add_connector_action);
  gtk_widget_class_install_action (widget_class, "win.edit-connector", "x", edit_connector_action);
  gtk_widget_class_install_action (widget_class, "win.connector-settings", "x", connector_settings_action);
  gtk_widget_class_install_action (widget_class, "win.disconnect-connector", "x", disconnect_connector_action);
  gtk_widget_class_install_action (widget_class, "win.scenario-checks", "x", scenario_checks_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-run", "x", show_run_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export-members", NULL, export_members_action);
  gtk_widget_class_install_action (widget_class, "win.import-members", NULL, import_members_action);
}
