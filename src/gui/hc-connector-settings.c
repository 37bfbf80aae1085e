/* hc-connector-settings.c — a connector's settings: which employees it
 * manages, how their fields land on members, and when it syncs
 *
 * Pages over one copy of the connector's configuration, listed in the .ui
 * (Employees, Fields, Options…): each an HcSettingsPage. The employees are
 * read once, when the window opens: the pages offer the fields and values
 * the HR data really has.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-connector-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-connector.h"
#include "hc-connector-kind.h"
#include "hc-connector-settings.h"
#include "hc-discard-prompt.h"
#include "hc-error.h"
#include "hc-connector-groups-page.h"
#include "hc-settings-employees-page.h"
#include "hc-settings-fields-page.h"
#include "hc-settings-options-page.h"
#include "hc-settings-page.h"

struct _HcConnectorSettings
{
  AdwWindow                parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle    *switcher_title;
  GtkButton               *save_button;
  GtkButton               *save_apply_button;
  GtkRevealer             *error_revealer;
  GtkLabel                *error_label;
  GtkStack                *state_stack;
  GtkSpinner              *loading_spinner;
  GtkLabel                *loading_label;
  GtkLabel                *progress_label;
  AdwStatusPage           *error_status;
  GtkButton               *retry_button;
  AdwViewStack            *view_stack;
  HcSettingsEmployeesPage *employees_page;
  HcConnectorGroupsPage   *groups_page;

  /* Owned state */
  HcStore                 *store;
  HcConnectorInfo         *info;
  GCancellable            *cancellable;
  HcConnector             *connector;      /* while reading */
  HcSettingsContext       *context;        /* NULL until the employees are read */
  char                    *error;
  gboolean                 stopped;        /* the admin stopped the reading */
  gboolean                 disposed;
};

G_DEFINE_FINAL_TYPE (HcConnectorSettings, hc_connector_settings, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The pages, in the order of the stack. (transfer container) */
static GPtrArray *
list_pages (HcConnectorSettings *self)
{
  g_autoptr (GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  GPtrArray *found = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (HC_IS_SETTINGS_PAGE (child))
        g_ptr_array_add (found, child);
    }
  return found;
}

static void
show_error (HcConnectorSettings *self,
            GtkWidget           *page,
            const char          *message)
{
  g_free (self->error);
  self->error = g_strdup (message);

  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
  if (page != NULL)
    adw_view_stack_set_visible_child (self->view_stack, page);
}

/* The Groups page previews where the employees in scope land: it follows
 * the scope as the other pages edit it. */
static void
update_groups_scope (HcConnectorSettings *self)
{
  g_autoptr (HcConfig) config = NULL;

  if (self->context == NULL)
    return;
  config = hc_connector_settings_dup_config (self);
  hc_connector_groups_page_set_scope (self->groups_page, config);
}

static void
page_changed_cb (HcConnectorSettings *self)
{
  if (self->error != NULL)
    show_error (self, NULL, NULL);
  update_groups_scope (self);
}

static void
page_error_cb (HcConnectorSettings *self,
               const char          *message,
               GtkWidget           *page)
{
  show_error (self, page, message);
}

static void
update_actions (HcConnectorSettings *self)
{
  gboolean ready = self->context != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.save", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.save-apply", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.retry", !ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.stop", !ready && self->cancellable != NULL);
}

static void
load_pages (HcConnectorSettings *self)
{
  g_autoptr (GPtrArray) pages = list_pages (self);

  for (guint i = 0; i < pages->len; i++)
    hc_settings_page_load (g_ptr_array_index (pages, i), self->context);
  hc_connector_groups_page_load (self->groups_page, self->store, self->info->config,
                                 hc_settings_context_get_employees (self->context),
                                 hc_settings_context_get_fields (self->context),
                                 hc_settings_context_get_field_infos (self->context));
  update_groups_scope (self);
}

static void
set_state (HcConnectorSettings *self,
           const char          *state)
{
  gboolean loading = g_str_equal (state, "loading");

  gtk_stack_set_visible_child_name (self->state_stack, state);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     g_str_equal (state, "content"));
  update_actions (self);

  /* Focus starts on the form, not on Cancel. */
  if (g_str_equal (state, "content"))
    {
      GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);
      GtkWidget *focus = HC_IS_SETTINGS_PAGE (page)
                         ? hc_settings_page_get_initial_focus (HC_SETTINGS_PAGE (page)) : NULL;

      if (focus != NULL)
        gtk_widget_grab_focus (focus);
    }
}

/* Reading the employees */

static void
read_failed (HcConnectorSettings *self,
             GError              *error)
{
  g_autofree char *escaped = NULL;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->connector);

  if (self->stopped)
    {
      adw_status_page_set_icon_name (self->error_status, "action-unavailable-symbolic");
      adw_status_page_set_title (self->error_status, _("Reading Stopped"));
      escaped = g_markup_escape_text (_("The settings offer the fields and values of your HR data, "
                                        "so they need its employees."), -1);
    }
  else
    {
      adw_status_page_set_icon_name (self->error_status,
                                     g_error_matches (error, HC_ERROR, HC_ERROR_AUTH)
                                     ? "dialog-password-symbolic"
                                     : hc_connector_kind_is_remote (self->info->kind)
                                     ? "network-error-symbolic" : "dialog-error-symbolic");
      adw_status_page_set_title (self->error_status, _("Could Not Read the Employees"));
      escaped = g_markup_escape_text (error->message, -1);
    }
  adw_status_page_set_description (self->error_status, escaped);
  set_state (self, "error");
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  HcConnectorSettings *self = user_data;

  /* The fetch holds a reference on @self; after dispose it only winds down. */
  if (self->disposed || message == NULL)
    return;

  gtk_label_set_label (self->progress_label, message);
}

/* The connector reports progress from its thread through idles that hold
 * no reference: let those run before the last reference can go. */
static gboolean
release_cb (gpointer user_data)
{
  g_object_unref (user_data);

  return G_SOURCE_REMOVE;
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  HcConnectorSettings *self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *employees;

  employees = hc_connector_fetch_employees_finish (HC_CONNECTOR (source), result, &error);
  if (self->disposed)
    g_clear_pointer (&employees, g_ptr_array_unref);
  else if (employees == NULL)
    read_failed (self, error);
  else
    {
      GPtrArray *field_infos = hc_connector_describe_fields (HC_CONNECTOR (source), employees);

      g_clear_object (&self->cancellable);
      g_clear_object (&self->connector);
      self->context = hc_settings_context_new (self->info, employees, field_infos);
      hc_settings_context_set_store (self->context, self->store);
      load_pages (self);
      set_state (self, "content");
    }

  g_idle_add_full (G_PRIORITY_LOW, release_cb, self, NULL);
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (HcConnectorSettings) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  self->connector = hc_connector_open_finish (result, &error);
  if (self->disposed)
    return;
  if (self->connector == NULL)
    {
      read_failed (self, error);
      return;
    }

  if (!hc_connector_kind_is_remote (self->info->kind))
    {
      /* Translators: %s is where employees come from, "the bundled demo company" */
      text = g_strdup_printf (_("Reading employees from %s…"),
                              hc_connector_get_vendor_name (self->connector));
      gtk_label_set_label (self->loading_label, text);
    }
  /* the exclusion checkbox the config names, whatever its name */
  hc_connector_request_config_fields (self->connector, self->info->config);
  hc_connector_fetch_employees_async (self->connector, progress_cb, self, self->cancellable,
                                      fetch_cb, g_object_ref (self));
}

static void
start_reading (HcConnectorSettings *self)
{
  const HcConnectorKind *kind = hc_connector_kind_lookup (self->info->kind);
  g_autofree char *text = NULL;

  if (self->cancellable != NULL || self->context != NULL)
    return;

  if (kind != NULL && hc_connector_kind_is_remote (kind->kind))
    /* Translators: %s is an HR system, "Personio" */
    text = g_strdup_printf (_("Reading employees from %s…"), kind->vendor_name);
  else
    text = g_strdup (_("Reading employees…"));
  gtk_label_set_label (self->loading_label, text);
  gtk_label_set_label (self->progress_label,
                       _("The settings offer the fields and values of your HR data."));

  self->stopped = FALSE;
  self->cancellable = g_cancellable_new ();
  set_state (self, "loading");
  hc_connector_open_async (self->store, self->info, NULL, self->cancellable,
                           open_cb, g_object_ref (self));
}

/* Validating and saving */

static HcConfig *
validate (HcConnectorSettings *self,
          gboolean             for_apply,
          GtkWidget          **page,
          GError             **error)
{
  g_autoptr (HcConfig) config = hc_connector_settings_dup_config (self);
  g_autoptr (HcConfig) parsed = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) pages = list_pages (self);
  g_autofree char *json = NULL;

  for (guint i = 0; i < pages->len; i++)
    if (!hc_settings_page_validate (g_ptr_array_index (pages, i), for_apply, error))
      {
        *page = g_ptr_array_index (pages, i);
        return NULL;
      }

  /* What the store and headcount-cli config read back must be this. */
  *page = NULL;
  json = hc_config_to_json (config);
  parsed = hc_config_new_from_json_for_kind (json, self->info->kind, &local_error);
  if (parsed == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("These settings are not valid: %s"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&parsed);
}

static void
save (HcConnectorSettings *self,
      gboolean             apply)
{
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *page = NULL;
  gboolean changed;

  if (self->context == NULL)
    return;

  config = validate (self, apply, &page, &error);
  if (config == NULL)
    {
      show_error (self, page, error->message);
      return;
    }

  changed = !hc_config_equal (config, self->info->config);
  if (changed && !hc_store_set_connector_config (self->store, self->info->id, config, &error))
    {
      /* Translators: %s is an error message */
      text = g_strdup_printf (_("The settings were not saved: %s"), error->message);
      show_error (self, NULL, text);
      return;
    }

  /* Whoever opened the window reloads, syncs, and says so. */
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, self->info->id, changed, apply);
  hc_discard_prompt_release (GTK_WINDOW (self));
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

/* Unsaved edits are never thrown away silently. */

static gboolean
has_changes (HcConnectorSettings *self)
{
  g_autoptr (HcConfig) config = NULL;

  if (self->context == NULL)
    return FALSE;
  config = hc_connector_settings_dup_config (self);
  return !hc_config_equal (config, self->info->config);
}

static gboolean
hc_connector_settings_close_request (GtkWindow *window)
{
  HcConnectorSettings *self = HC_CONNECTOR_SETTINGS (window);

  if (hc_discard_prompt_hold_close (window, has_changes (self),
                                    _("The settings you changed are not saved.")))
    return TRUE;

  return GTK_WINDOW_CLASS (hc_connector_settings_parent_class)->close_request (window);
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (HC_CONNECTOR_SETTINGS (widget), FALSE);
}

static void
save_apply_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  save (HC_CONNECTOR_SETTINGS (widget), TRUE);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_reading (HC_CONNECTOR_SETTINGS (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcConnectorSettings *self = HC_CONNECTOR_SETTINGS (widget);

  if (self->cancellable == NULL)
    return;

  self->stopped = TRUE;
  g_cancellable_cancel (self->cancellable);
}

/* GObject */

static void
hc_connector_settings_dispose (GObject *object)
{
  HcConnectorSettings *self = HC_CONNECTOR_SETTINGS (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_CONNECTOR_SETTINGS);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->connector);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (hc_connector_settings_parent_class)->dispose (object);
}

static void
hc_connector_settings_finalize (GObject *object)
{
  HcConnectorSettings *self = HC_CONNECTOR_SETTINGS (object);

  g_clear_pointer (&self->info, hc_connector_info_free);
  g_free (self->error);

  G_OBJECT_CLASS (hc_connector_settings_parent_class)->finalize (object);
}

static void
hc_connector_settings_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hc_connector_settings_parent_class)->show (widget);

  start_reading (HC_CONNECTOR_SETTINGS (widget));
}

static void
hc_connector_settings_class_init (HcConnectorSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hc_connector_settings_dispose;
  object_class->finalize = hc_connector_settings_finalize;
  widget_class->show = hc_connector_settings_show;
  window_class->close_request = hc_connector_settings_close_request;

  /* The settings were stored (@changed: they differ from before); with
   * @apply, the admin asked for a sync with them. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                 G_TYPE_INT64, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN);

  /* The pages the .ui lists. */
  g_type_ensure (HC_TYPE_SETTINGS_EMPLOYEES_PAGE);
  g_type_ensure (HC_TYPE_SETTINGS_FIELDS_PAGE);
  g_type_ensure (HC_TYPE_SETTINGS_OPTIONS_PAGE);
  g_type_ensure (HC_TYPE_CONNECTOR_GROUPS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-connector-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, save_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, save_apply_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, error_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, state_stack);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, loading_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, progress_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, error_status);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, retry_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, employees_page);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, groups_page);

  gtk_widget_class_install_action (widget_class, "settings.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "settings.save-apply", NULL, save_apply_action);
  gtk_widget_class_install_action (widget_class, "settings.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "settings.stop", NULL, stop_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "settings.save", NULL);
}

static void
hc_connector_settings_init (HcConnectorSettings *self)
{
  g_autoptr (GPtrArray) pages = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  pages = list_pages (self);
  for (guint i = 0; i < pages->len; i++)
    {
      g_signal_connect_object (g_ptr_array_index (pages, i), "changed",
                               G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (g_ptr_array_index (pages, i), "error",
                               G_CALLBACK (page_error_cb), self, G_CONNECT_SWAPPED);
    }

  set_state (self, "loading");
}

HcConnectorSettings *
hc_connector_settings_new (HcStore               *store,
                           const HcConnectorInfo *info)
{
  HcConnectorSettings *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (info != NULL && info->config != NULL, NULL);

  self = g_object_new (HC_TYPE_CONNECTOR_SETTINGS, NULL);
  self->store = g_object_ref (store);
  self->info = hc_connector_info_copy (info);
  /* A name is text, not markup (rules.md: names are escaped). */
  adw_view_switcher_title_set_subtitle (self->switcher_title, info->name);
  /* Translators: the title of a connector's settings window; %s is its name */
  title = g_strdup_printf (_("Settings of %s"), info->name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  return self;
}

gint64
hc_connector_settings_get_connector_id (HcConnectorSettings *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), 0);

  return self->info->id;
}

const char *
hc_connector_settings_get_state (HcConnectorSettings *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), NULL);

  return gtk_stack_get_visible_child_name (self->state_stack);
}

GPtrArray *
hc_connector_settings_get_employees (HcConnectorSettings *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), NULL);

  return self->context != NULL ? hc_settings_context_get_employees (self->context) : NULL;
}

guint
hc_connector_settings_get_in_scope (HcConnectorSettings *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), 0);

  return hc_settings_employees_page_get_in_scope (self->employees_page);
}

HcConfig *
hc_connector_settings_dup_config (HcConnectorSettings *self)
{
  g_autoptr (GPtrArray) pages = NULL;
  HcConfig *config;

  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), NULL);

  config = hc_config_copy (self->info->config);
  if (self->context == NULL)
    return config;

  pages = list_pages (self);
  for (guint i = 0; i < pages->len; i++)
    hc_settings_page_apply (g_ptr_array_index (pages, i), config);
  hc_connector_groups_page_apply (self->groups_page, config);

  return config;
}

const char *
hc_connector_settings_get_error (HcConnectorSettings *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), NULL);

  return self->error;
}
