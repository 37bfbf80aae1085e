/* hc-window.c — the main window: Members, Connectors, History, syncs
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-session.h"
#include "hc-application.h"
#include "hc-window-private.h"

G_DEFINE_FINAL_TYPE (HcWindow, hc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_page_name (HcWindow   *self,
              const char *name)
{
  return name != NULL && adw_view_stack_get_child_by_name (self->view_stack, name) != NULL;
}

void
hc_window_update_actions (HcWindow *self)
{
  gboolean busy = self->sync_flow != NULL && hc_sync_flow_get_busy (self->sync_flow);
  /* A dialog in place of the content (the preview): nothing of what it
   * hides is reached from the keyboard meanwhile. */
  gboolean modal = hc_dialog_host_get_dialog (self->dialog_host) != NULL;
  gboolean ready = self->store != NULL && !busy && !modal;
  gboolean open = self->store != NULL && !modal;
  gboolean has_connector = hc_connectors_page_get_n_connectors (self->connectors_page) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", ready && has_connector);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-connector", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect-demo", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-connector", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-connector", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connector-settings", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect-connector", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-members", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-members", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", !modal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-workspace", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-workspace", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-all", ready && has_connector);
  hc_window_update_sync_button (self);
}

static void
reload_connectors (HcWindow *self)
{
  hc_connectors_page_reload (self->connectors_page);
  hc_window_update_actions (self);
}

GPtrArray *
hc_window_list_connectors (HcWindow *self)
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

void
hc_window_add_toast_text (HcWindow   *self,
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

/* The label keeps the last status while the next is computed. */
static gboolean
status_text_to_label (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  if (g_value_get_string (from) == NULL)
    return FALSE;
  g_value_set_string (to, g_value_get_string (from));
  return TRUE;
}

static void
sync_busy_changed_cb (HcWindow   *self,
                      GParamSpec *pspec,
                      HcSyncFlow *flow)
{
  gboolean busy = hc_sync_flow_get_busy (flow);

  hc_members_page_set_syncing (self->members_page, busy);
  hc_connectors_page_set_syncing (self->connectors_page,
                                  busy ? hc_sync_flow_get_connector_id (flow) : 0);
  if (busy)
    gtk_progress_bar_set_fraction (self->sync_progress, 0.0);

  sync_progress_changed_cb (self, NULL, flow);
  hc_window_update_actions (self);
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

  if (failed)
    {
      gint64 run_id = hc_sync_flow_get_failed_run_id (flow);

      /* The failed run's details; the card when no run was recorded. */
      adw_toast_set_button_label (toast, _("_Details"));
      if (run_id > 0)
        {
          adw_toast_set_action_name (toast, "win.show-run");
          adw_toast_set_action_target (toast, "x", run_id);
        }
      else
        {
          adw_toast_set_action_name (toast, "win.show-page");
          adw_toast_set_action_target (toast, "s", "connectors");
        }
      /* Not ADW_TOAST_PRIORITY_HIGH: libadwaita 1.2 puts the toast it
       * interrupts back in its queue and, when that one comes back while
       * it is still fading out, aborts on an assertion (show_toast in
       * adw-toast-overlay.c). The failure waits its turn, a few seconds. */
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

  /* A first sync invites nearly everyone: show them where they are. The
   * pages update themselves from the session. */
  if (run != NULL && self->first_sync && run->counts[HC_PLAN_INVITE] > 0)
    hc_members_page_set_tab (self->members_page, HC_MEMBER_STATE_INVITED);
  self->first_sync = FALSE;

  hc_window_sync_next_queued (self);
}

/* "win.add-toast": dialogs and pages report with plain text (names in it
 * are escaped here), as the libadwaita demo's add-toast does. */
static void
add_toast_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hc_window_add_toast_text (HC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Window state (g_settings_bind) */

/* A page another version saved, and no longer here, shows the default. */
static gboolean
page_from_setting (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  HcWindow *self = user_data;
  const char *name = g_variant_get_string (variant, NULL);

  if (!is_page_name (self, name))
    return FALSE;
  g_value_set_string (value, name);
  return TRUE;
}

static GVariant *
page_to_setting (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  HcWindow *self = user_data;
  const char *name = g_value_get_string (value);

  /* not while the pages go with the window */
  if (!is_page_name (self, name))
    return NULL;
  return g_variant_new_string (name);
}

static void
bind_state (HcWindow *self)
{
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "last-page", self->view_stack, "visible-child-name",
                                G_SETTINGS_BIND_DEFAULT, page_from_setting, page_to_setting, self, NULL);
}

static void
hc_window_constructed (GObject *object)
{
  HcWindow *self = HC_WINDOW (object);

  G_OBJECT_CLASS (hc_window_parent_class)->constructed (object);

  bind_state (self);

  if (self->store == NULL)
    {
      hc_window_show_error (self, _("No workspace is open."));
      return;
    }

  self->sync_flow = hc_sync_flow_new (self->store, GTK_WINDOW (self));
  g_signal_group_set_target (self->sync_signals, self->sync_flow);
  g_binding_group_set_source (self->sync_bindings, self->sync_flow);

  hc_members_page_set_store (self->members_page, self->store);
  hc_members_page_set_sync_flow (self->members_page, self->sync_flow);
  hc_connectors_page_set_store (self->connectors_page, self->store);
  hc_history_page_set_store (self->history_page, self->store);
  hc_groups_page_set_store (self->groups_page, self->store);
  hc_window_setup_workspace (self);

  /* After the pages: the actions follow the connectors they list. */
  g_signal_connect_object (hc_session_get_for_store (self->store), "connector-changed",
                           G_CALLBACK (hc_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hc_session_get_for_store (self->store), "run-finished",
                           G_CALLBACK (hc_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialog_host, "notify::dialog",
                           G_CALLBACK (hc_window_update_actions), self, G_CONNECT_SWAPPED);

  hc_window_update_actions (self);
}

static void
hc_window_dispose (GObject *object)
{
  HcWindow *self = HC_WINDOW (object);

  g_clear_handle_id (&self->pulse_source, g_source_remove);

  if (self->sync_flow != NULL)
    {
      hc_sync_flow_cancel (self->sync_flow);
      g_signal_group_set_target (self->sync_signals, NULL);
      g_binding_group_set_source (self->sync_bindings, NULL);
      g_clear_object (&self->sync_flow);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_WINDOW);

  g_clear_pointer (&self->sync_queue, g_array_unref);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->sync_bindings);
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
      hc_window_set_workspace (self, g_value_get_string (value));
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

  object_class->constructed = hc_window_constructed;
  object_class->dispose = hc_window_dispose;
  object_class->get_property = hc_window_get_property;
  object_class->set_property = hc_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Set from the workspace menu: switches to it in a new window. */
  properties[PROP_WORKSPACE] =
    g_param_spec_string ("workspace", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HC_TYPE_DIALOG_HOST);
  g_type_ensure (HC_TYPE_MEMBERS_PAGE);
  g_type_ensure (HC_TYPE_CONNECTORS_PAGE);
  g_type_ensure (HC_TYPE_HISTORY_PAGE);
  g_type_ensure (HC_TYPE_GROUPS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, dialog_host);
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
  gtk_widget_class_bind_template_child (widget_class, HcWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, sync_menu_button);
  gtk_widget_class_bind_template_child (widget_class, HcWindow, sync_connectors_section);

  gtk_widget_class_install_action (widget_class, "win.add-toast", "s", add_toast_action);
  hc_window_class_add_actions (widget_class);
  hc_window_class_add_workspace_actions (widget_class);

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

  self->settings = g_settings_new (APP_ID);

  /* The sync flow's state and signals, wherever it comes from. */
  self->sync_bindings = g_binding_group_new ();
  g_binding_group_bind (self->sync_bindings, "busy", self->sync_revealer, "reveal-child",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->sync_bindings, "status-text", self->sync_label, "label",
                             G_BINDING_SYNC_CREATE, status_text_to_label, NULL, NULL, NULL);
  self->sync_signals = g_signal_group_new (HC_TYPE_SYNC_FLOW);
  g_signal_group_connect_object (self->sync_signals, "notify::progress",
                                 G_CALLBACK (sync_progress_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->sync_signals, "notify::busy",
                                 G_CALLBACK (sync_busy_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->sync_signals, "finished",
                                 G_CALLBACK (sync_finished_cb), self, G_CONNECT_SWAPPED);
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

  if (is_page_name (self, name))
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
  g_return_val_if_fail (HC_IS_WINDOW (self), FALSE);

  if (self->sync_flow == NULL || hc_sync_flow_get_busy (self->sync_flow))
    return FALSE;

  self->first_sync = !hc_store_connector_has_synced (self->store, connector_id);
  return hc_sync_flow_start (self->sync_flow, connector_id, confirmed);
}

void
hc_window_add_toast (HcWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (HC_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
