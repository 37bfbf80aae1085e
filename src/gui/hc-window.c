/* hc-window.c — the main window: Members, Connectors, History, syncs
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
#include "hc-groups-page.h"
#include "hc-scheduler.h"
#include "hc-import-dialog.h"
#include "hc-secrets.h"
#include "hc-window.h"
#include "hc-workspace.h"
#include "hc-workspace-dialog.h"

#define DEFAULT_WIDTH  1100
#define DEFAULT_HEIGHT 720

struct _HcWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
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

  /* Owned state */
  HcStore              *store;
  GSettings            *settings;       /* NULL when the schema is not installed */
  HcSyncFlow           *sync_flow;
  guint                 pulse_source;
  gboolean              first_sync;     /* of the running sync */
  gint64                claimed_connector_id; /* reserved in the store for the running sync */
  char                 *workspace;      /* the store's workspace name */
  char                 *pending_workspace;  /* to switch to, from the menu */
  char                 *pending_rename;     /* the new name, from the dialog */
  gboolean              pending_delete;
};

G_DEFINE_FINAL_TYPE (HcWindow, hc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *key;
  const char *type;
} settings_keys[] = {
  { "window-width", "i" },
  { "window-height", "i" },
  { "window-maximized", "b" },
  { "last-page", "s" },
};

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("Schema %s not installed: the window state is not saved", APP_ID);
      return NULL;
    }

  /* A key missing or of another type would abort in g_settings_get_*(). */
  for (guint i = 0; i < G_N_ELEMENTS (settings_keys); i++)
    {
      g_autoptr (GSettingsSchemaKey) key = NULL;

      if (g_settings_schema_has_key (schema, settings_keys[i].key))
        key = g_settings_schema_get_key (schema, settings_keys[i].key);

      if (key == NULL ||
          !g_variant_type_equal (g_settings_schema_key_get_value_type (key),
                                 G_VARIANT_TYPE (settings_keys[i].type)))
        {
          g_warning ("Schema %s has no key %s of type %s: the window state is not saved",
                     APP_ID, settings_keys[i].key, settings_keys[i].type);
          return NULL;
        }
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
is_page_name (const char *name)
{
  return g_strcmp0 (name, "members") == 0 ||
         g_strcmp0 (name, "connectors") == 0 ||
         g_strcmp0 (name, "history") == 0 ||
         g_strcmp0 (name, "groups") == 0;
}

static void
update_actions (HcWindow *self)
{
  gboolean busy = self->sync_flow != NULL && hc_sync_flow_get_busy (self->sync_flow);
  gboolean ready = self->store != NULL && !busy;
  gboolean has_connector = hc_connectors_page_get_n_connectors (self->connectors_page) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", ready && has_connector);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-connector", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect-demo", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-connector", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-connector", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connector-settings", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect-connector", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-members", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-members", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-workspace", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-workspace", ready);
}

static void
reload_connectors (HcWindow *self)
{
  hc_connectors_page_reload (self->connectors_page);
  update_actions (self);
}

static GPtrArray *
list_connectors (HcWindow *self)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *connectors;

  if (self->store == NULL)
    return NULL;

  connectors = hc_store_list_connectors (self->store, &error);
  if (connectors == NULL)
    g_warning ("Could not list the connectors: %s", error->message);

  return connectors;
}

static void
add_toast_text (HcWindow   *self,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  /* Toast titles are Pango markup in libadwaita 1.2. */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* The sync flow */

static gboolean
pulse_cb (gpointer user_data)
{
  HcWindow *self = user_data;

  gtk_progress_bar_pulse (self->sync_progress);

  return G_SOURCE_CONTINUE;
}

static void
sync_progress_changed_cb (HcWindow   *self,
                          GParamSpec *pspec,
                          HcSyncFlow *flow)
{
  double progress = hc_sync_flow_get_progress (flow);
  gboolean pulse = hc_sync_flow_get_busy (flow) && progress < 0;

  if (pulse && self->pulse_source == 0)
    self->pulse_source = g_timeout_add (100, pulse_cb, self);
  else if (!pulse)
    g_clear_handle_id (&self->pulse_source, g_source_remove);

  if (progress >= 0)
    gtk_progress_bar_set_fraction (self->sync_progress, CLAMP (progress, 0.0, 1.0));
}

static void
sync_status_changed_cb (HcWindow   *self,
                        GParamSpec *pspec,
                        HcSyncFlow *flow)
{
  const char *text = hc_sync_flow_get_status_text (flow);

  if (text != NULL)
    gtk_label_set_label (self->sync_label, text);
}

static void
sync_busy_changed_cb (HcWindow   *self,
                      GParamSpec *pspec,
                      HcSyncFlow *flow)
{
  gboolean busy = hc_sync_flow_get_busy (flow);

  gtk_revealer_set_reveal_child (self->sync_revealer, busy);
  hc_members_page_set_syncing (self->members_page, busy);
  hc_connectors_page_set_syncing (self->connectors_page,
                                  busy ? hc_sync_flow_get_connector_id (flow) : 0);
  if (busy)
    gtk_progress_bar_set_fraction (self->sync_progress, 0.0);

  sync_progress_changed_cb (self, NULL, flow);
  update_actions (self);
}

/* Lets the scheduler and headcount-cli run the connector again. */
static void
release_connector_claim (HcWindow *self)
{
  if (self->claimed_connector_id != 0 && self->store != NULL)
    hc_store_release_connector_run (self->store, self->claimed_connector_id, NULL);
  self->claimed_connector_id = 0;
}

static void
sync_finished_cb (HcWindow   *self,
                  const char *message,
                  gboolean    changed,
                  gboolean    failed,
                  HcSyncRun  *run,
                  HcSyncFlow *flow)
{
  g_autofree char *escaped = g_markup_escape_text (message != NULL ? message : "", -1);
  AdwToast *toast = adw_toast_new (escaped);

  release_connector_claim (self);

  if (failed)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-page");
      adw_toast_set_action_target (toast, "s", "connectors");
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  else if (run != NULL && self->store != NULL)
    {
      g_autoptr (HcConnectorInfo) synced = hc_store_get_connector (self->store, run->connector_id, NULL);

      /* A test instance offers its scenario checks after a sync. */
      if (synced != NULL && synced->test_instance && run->result == HC_SYNC_RESULT_SUCCESS)
        {
          adw_toast_set_button_label (toast, _("Scenario _Checks"));
          adw_toast_set_action_name (toast, "win.scenario-checks");
          adw_toast_set_action_target (toast, "x", run->connector_id);
          adw_toast_set_timeout (toast, 10);
        }
    }

  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  /* The connector's state, its last sync and the history change even
   * when the members do not. */
  /* A first sync invites nearly everyone: show them where they are. */
  if (run != NULL && self->first_sync && run->counts[HC_PLAN_INVITE] > 0)
    hc_members_page_set_tab (self->members_page, HC_MEMBER_STATE_INVITED);
  self->first_sync = FALSE;

  if (changed)
    hc_members_page_reload (self->members_page);
  reload_connectors (self);
  hc_history_page_reload (self->history_page);
}

/* Actions */

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcWindow *self = HC_WINDOW (widget);
  g_autoptr (GPtrArray) connectors = list_connectors (self);

  for (guint i = 0; connectors != NULL && i < connectors->len; i++)
    {
      const HcConnectorInfo *info = g_ptr_array_index (connectors, i);

      if (info->state != HC_CONNECTOR_STATE_DISCONNECTED)
        {
          hc_window_sync_connector (self, info->id, FALSE);
          return;
        }
    }

  add_toast_text (self, _("Connect an HR system first"));
  hc_window_set_page (self, "connectors");
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

  hc_window_reload (self);
  hc_window_set_page (self, "connectors");
  if (info == NULL)
    return;

  if (added)
    {
      AdwToast *toast;

      text = g_strdup_printf (_("“%s” connected. Preview its first sync to see what it will change."),
                              info->name);
      toast = adw_toast_new (text);
      adw_toast_set_button_label (toast, _("_Preview"));
      adw_toast_set_action_name (toast, "win.sync-connector");
      adw_toast_set_action_target (toast, "x", connector_id);
      adw_toast_set_timeout (toast, 10);
      hc_window_add_toast (self, toast);
    }
  else
    {
      text = g_strdup_printf (_("Credentials of “%s” saved"), info->name);
      add_toast_text (self, text);
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
      add_toast_text (self, error->message);
      return;
    }
  present_connector_dialog (self, hc_connector_dialog_new_edit (self->store, info));
}

/* The settings save themselves, and start the sync for Save and Apply. */
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
      add_toast_text (self, error->message);
      return;
    }
  settings = hc_connector_settings_new (self->store, info);
  gtk_window_set_transient_for (GTK_WINDOW (settings), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (settings));
}

typedef struct
{
  HcWindow *self;
  char     *name;
} DisconnectData;

static void
disconnect_data_free (DisconnectData *data)
{
  g_object_unref (data->self);
  g_free (data->name);
  g_free (data);
}

static void
secret_cleared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DisconnectData *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!hc_secrets_clear_finish (result, NULL, &error))
    text = g_strdup_printf (_("“%s” disconnected, but its secret is still in the keyring: %s"),
                            data->name, error->message);
  else
    text = g_strdup_printf (_("“%s” disconnected and its secret deleted from the keyring"), data->name);
  add_toast_text (data->self, text);
  disconnect_data_free (data);
}

static void
disconnect_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr (HcWindow) self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "hc-connector-id"));
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  DisconnectData *data;

  if (g_strcmp0 (response, "disconnect") != 0 || self->store == NULL)
    return;

  info = hc_store_get_connector (self->store, id, &error);
  if (info == NULL || !hc_store_remove_connector (self->store, id, &error))
    {
      add_toast_text (self, error->message);
      return;
    }
  hc_window_reload (self);

  data = g_new0 (DisconnectData, 1);
  data->self = g_object_ref (self);
  data->name = g_strdup (info->name);
  if (!hc_connector_kind_is_remote (info->kind))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” disconnected"), info->name);

      add_toast_text (self, text);
      disconnect_data_free (data);
      return;
    }
  /* rules.md 13: the secret goes with the connector. */
  hc_secrets_clear_async (hc_store_get_workspace_id (self->store), id, NULL, NULL,
                          secret_cleared_cb, data);
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
  HcWindow *self = HC_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n_members = 0;

  if (self->store == NULL)
    return;
  if (self->sync_flow != NULL && hc_sync_flow_get_busy (self->sync_flow))
    {
      add_toast_text (self, _("Wait for the sync to finish, or cancel it, before disconnecting"));
      return;
    }
  info = hc_store_get_connector (self->store, id, &error);
  if (info == NULL)
    {
      add_toast_text (self, error->message);
      return;
    }
  n_members = hc_store_count_connector_members (self->store, id);

  heading = g_strdup_printf (_("Disconnect “%s”?"), info->name);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME,
                                       "Headcount stops syncing from it and deletes its API credentials from "
                                       "the keyring. The %u member it manages stays in the directory as it is, "
                                       "marked as previously managed: nothing updates it until you connect the "
                                       "HR system again.",
                                       "Headcount stops syncing from it and deletes its API credentials from "
                                       "the keyring. The %u members it manages stay in the directory as they "
                                       "are, marked as previously managed: nothing updates them until you "
                                       "connect the HR system again.",
                                       n_members),
                          n_members);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "disconnect", _("_Disconnect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disconnect",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "hc-connector-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (dialog, "response", G_CALLBACK (disconnect_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
connect_demo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hc_window_connect_demo (HC_WINDOW (widget));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hc_window_set_page (HC_WINDOW (widget), g_variant_get_string (parameter, NULL));
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
  add_toast_text (self, text);
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

  add_toast_text (self, text);
  hc_window_set_page (self, "members");
  hc_members_page_reload (self->members_page);
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
      add_toast_text (self, text);
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

static void
set_workspace (HcWindow   *self,
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
      add_toast_text (self, error->message);
      return;
    }
  set_workspace (self, name);
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

static gboolean
check_no_sync (HcWindow *self)
{
  if (self->sync_flow != NULL && hc_sync_flow_get_busy (self->sync_flow))
    {
      add_toast_text (self, _("Wait for the sync to finish, or cancel it, first"));
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

  if (g_strcmp0 (response, "save") != 0 || app == NULL || !check_no_sync (self))
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

  if (self->store == NULL || !check_no_sync (self))
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

  if (g_strcmp0 (response, "delete") != 0 || app == NULL || !check_no_sync (self))
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

  if (self->store == NULL || !check_no_sync (self))
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
setup_workspace (HcWindow *self)
{
  g_autofree char *title = NULL;

  self->workspace = hc_store_dup_workspace_name (self->store);
  adw_view_switcher_title_set_subtitle (self->switcher_title, self->workspace);
  gtk_label_set_label (self->workspace_label, self->workspace);
  /* Translators: the window title; %s is the workspace name */
  title = g_strdup_printf (_("%s — Headcount"), self->workspace);
  gtk_window_set_title (GTK_WINDOW (self), title);
  fill_workspace_menu (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/* Template callbacks */

static void
page_changed_cb (HcWindow     *self,
                 GParamSpec   *pspec,
                 AdwViewStack *stack)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  if (self->settings != NULL && is_page_name (name))
    g_settings_set_string (self->settings, "last-page", name);
}

/* GObject */

static void
restore_state (HcWindow *self)
{
  int width = DEFAULT_WIDTH;
  int height = DEFAULT_HEIGHT;
  g_autofree char *page = NULL;

  if (self->settings != NULL)
    {
      width = g_settings_get_int (self->settings, "window-width");
      height = g_settings_get_int (self->settings, "window-height");
      page = g_settings_get_string (self->settings, "last-page");

      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  if (width <= 0 || height <= 0)
    {
      width = DEFAULT_WIDTH;
      height = DEFAULT_HEIGHT;
    }

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (is_page_name (page))
    adw_view_stack_set_visible_child_name (self->view_stack, page);
}

static gboolean
hc_window_close_request (GtkWindow *window)
{
  HcWindow *self = HC_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (hc_window_parent_class)->close_request (window);
}

static void
hc_window_constructed (GObject *object)
{
  HcWindow *self = HC_WINDOW (object);

  G_OBJECT_CLASS (hc_window_parent_class)->constructed (object);

  restore_state (self);

  if (self->store == NULL)
    {
      hc_window_show_error (self, _("No workspace is open."));
      return;
    }

  self->sync_flow = hc_sync_flow_new (self->store, GTK_WINDOW (self));
  g_signal_connect_object (self->sync_flow, "notify::progress",
                           G_CALLBACK (sync_progress_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_flow, "notify::status-text",
                           G_CALLBACK (sync_status_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_flow, "notify::busy",
                           G_CALLBACK (sync_busy_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_flow, "finished",
                           G_CALLBACK (sync_finished_cb), self, G_CONNECT_SWAPPED);

  hc_members_page_set_store (self->members_page, self->store);
  hc_connectors_page_set_store (self->connectors_page, self->store);
  hc_history_page_set_store (self->history_page, self->store);
  hc_groups_page_set_store (self->groups_page, self->store);
  setup_workspace (self);

  update_actions (self);
}

static void
hc_window_dispose (GObject *object)
{
  HcWindow *self = HC_WINDOW (object);

  g_clear_handle_id (&self->pulse_source, g_source_remove);

  if (self->sync_flow != NULL)
    {
      hc_sync_flow_cancel (self->sync_flow);
      g_signal_handlers_disconnect_by_data (self->sync_flow, self);
      g_clear_object (&self->sync_flow);
    }
  release_connector_claim (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->workspace, g_free);
  g_clear_pointer (&self->pending_workspace, g_free);
  g_clear_pointer (&self->pending_rename, g_free);

  G_OBJECT_CLASS (hc_window_parent_class)->dispose (object);
}

static void
hc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HcWindow *self = HC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_WORKSPACE:
      g_value_set_string (value, self->workspace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HcWindow *self = HC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_WORKSPACE:
      set_workspace (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_window_class_init (HcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = hc_window_constructed;
  object_class->dispose = hc_window_dispose;
  object_class->get_property = hc_window_get_property;
  object_class->set_property = hc_window_set_property;
  window_class->close_request = hc_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Set from the workspace menu: switches to it in a new window. */
  properties[PROP_WORKSPACE] =
    g_param_spec_string ("workspace", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HC_TYPE_MEMBERS_PAGE);
  g_type_ensure (HC_TYPE_CONNECTORS_PAGE);
  g_type_ensure (HC_TYPE_HISTORY_PAGE);
  g_type_ensure (HC_TYPE_GROUPS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, sync_revealer);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, members_page);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, connectors_page);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, history_page);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, groups_page);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, error_status);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, workspace_section);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, workspace_button);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, workspace_label);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.sync-connector", "x", sync_connector_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-sync", NULL, cancel_sync_action);
  gtk_widget_class_install_action (widget_class, "win.connect-demo", NULL, connect_demo_action);
  gtk_widget_class_install_action (widget_class, "win.add-connector", NULL, add_connector_action);
  gtk_widget_class_install_action (widget_class, "win.edit-connector", "x", edit_connector_action);
  gtk_widget_class_install_action (widget_class, "win.connector-settings", "x", connector_settings_action);
  gtk_widget_class_install_action (widget_class, "win.disconnect-connector", "x", disconnect_connector_action);
  gtk_widget_class_install_action (widget_class, "win.scenario-checks", "x", scenario_checks_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export-members", NULL, export_members_action);
  gtk_widget_class_install_action (widget_class, "win.import-members", NULL, import_members_action);
  gtk_widget_class_install_property_action (widget_class, "win.workspace", "workspace");
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, new_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.rename-workspace", NULL, rename_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.delete-workspace", NULL, delete_workspace_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.show-page", "s", "members");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.show-page", "s", "connectors");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.show-page", "s", "history");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK,
                                       "win.show-page", "s", "groups");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
hc_window_init (HcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A development build stripes its header bar, so it is not mistaken for
   * the installed release running beside it. */
#if DEVELOPMENT_PROFILE
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  self->settings = create_settings ();
}

HcWindow *
hc_window_new (HcApplication *app,
               HcStore       *store)
{
  g_return_val_if_fail (app == NULL || HC_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (store == NULL || HC_IS_STORE (store), NULL);

  return g_object_new (HC_TYPE_WINDOW,
                       "application", app,
                       "store", store,
                       NULL);
}

HcStore *
hc_window_get_store (HcWindow *self)
{
  g_return_val_if_fail (HC_IS_WINDOW (self), NULL);

  return self->store;
}

void
hc_window_show_error (HcWindow   *self,
                      const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (HC_IS_WINDOW (self));

  /* The status page's description is markup. */
  escaped = g_markup_escape_text (message != NULL ? message : "", -1);
  adw_status_page_set_description (self->error_status, escaped);
  gtk_stack_set_visible_child_name (self->main_stack, "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-connector", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect-demo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-connector", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-connector", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connector-settings", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect-connector", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-members", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-members", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-workspace", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-workspace", FALSE);
}

HcMembersPage *
hc_window_get_members_page (HcWindow *self)
{
  g_return_val_if_fail (HC_IS_WINDOW (self), NULL);

  return self->members_page;
}

HcConnectorsPage *
hc_window_get_connectors_page (HcWindow *self)
{
  g_return_val_if_fail (HC_IS_WINDOW (self), NULL);

  return self->connectors_page;
}

HcHistoryPage *
hc_window_get_history_page (HcWindow *self)
{
  g_return_val_if_fail (HC_IS_WINDOW (self), NULL);

  return self->history_page;
}

HcGroupsPage *
hc_window_get_groups_page (HcWindow *self)
{
  g_return_val_if_fail (HC_IS_WINDOW (self), NULL);

  return self->groups_page;
}

HcSyncFlow *
hc_window_get_sync_flow (HcWindow *self)
{
  g_return_val_if_fail (HC_IS_WINDOW (self), NULL);

  return self->sync_flow;
}

const char *
hc_window_get_page (HcWindow *self)
{
  g_return_val_if_fail (HC_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
hc_window_set_page (HcWindow   *self,
                    const char *name)
{
  g_return_if_fail (HC_IS_WINDOW (self));

  if (is_page_name (name))
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
hc_window_reload (HcWindow *self)
{
  g_return_if_fail (HC_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  hc_members_page_reload (self->members_page);
  reload_connectors (self);
  hc_history_page_reload (self->history_page);
  hc_groups_page_reload (self->groups_page);
}

gboolean
hc_window_sync_connector (HcWindow *self,
                          gint64    connector_id,
                          gboolean  confirmed)
{
  gboolean claimed = FALSE;
  gint64 now;

  g_return_val_if_fail (HC_IS_WINDOW (self), FALSE);

  if (self->sync_flow == NULL || hc_sync_flow_get_busy (self->sync_flow))
    return FALSE;

  /* Never two runs of one connector: a scheduled one (the app's or a
   * timer's headcount-cli) holds it until it ends, and so does this one. */
  now = g_get_real_time ();
  if (!hc_store_claim_connector_run (self->store, connector_id, now, now - HC_SCHEDULER_STALE_CLAIM,
                                     &claimed, NULL) || !claimed)
    {
      add_toast_text (self, _("A sync of this connector is already running: try again when it has ended"));
      return FALSE;
    }

  self->first_sync = !hc_store_connector_has_synced (self->store, connector_id);

  release_connector_claim (self);
  self->claimed_connector_id = connector_id;
  if (!hc_sync_flow_start (self->sync_flow, connector_id, confirmed))
    {
      release_connector_claim (self);
      return FALSE;
    }
  return TRUE;
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
  connectors = list_connectors (self);
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
          add_toast_text (self, message);
          return;
        }

      reload_connectors (self);
      hc_members_page_reload (self->members_page);
    }

  hc_window_set_page (self, "members");
  hc_window_sync_connector (self, id, !hc_store_connector_has_synced (self->store, id));
}

void
hc_window_add_toast (HcWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (HC_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
