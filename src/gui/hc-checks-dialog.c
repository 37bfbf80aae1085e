/* hc-checks-dialog.c — "Scenario Checks": fetches the HR data of a test
 * instance (writing nothing), then shows the five checks, each passed or
 * failed, a failed one opening into the members that fail it
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-checks-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-checks-dialog.h"
#include "hc-sync.h"

/* A failed check lists this many members, then says how many more. */
#define MAX_LISTED 50

struct _HcChecksDialog
{
  AdwWindow            parent_instance;

  /* template widgets */
  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  AdwPreferencesGroup *checks_group;

  /* owned state */
  HcStore             *store;
  gint64               connector_id;
  HcConnector         *connector;
  GCancellable        *cancellable;
  GPtrArray           *rows;           /* of GtkWidget*, in checks_group */
  GPtrArray           *results;        /* of HcCheckResult* */
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (HcChecksDialog, hc_checks_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (HcChecksDialog *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checks.run", !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
clear_rows (HcChecksDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->checks_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
make_status_icon (gboolean passed)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (passed ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  const char *label = passed ? _("Passed") : _("Failed");

  gtk_widget_add_css_class (icon, passed ? "success" : "error");
  gtk_widget_set_tooltip_text (icon, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return icon;
}

static GtkWidget *
make_failure_row (HcCheckFailure *failure)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (failure->display_name != NULL)
    {
      if (failure->employee_id != NULL)
        /* Translators: a person, then their HR employee id */
        title = g_strdup_printf (_("%s (HR id %s)"), failure->display_name, failure->employee_id);
      else
        title = g_strdup (failure->display_name);
      subtitle = g_markup_escape_text (failure->message, -1);
    }
  else
    title = g_strdup (failure->message);

  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  }
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

static void
show_results (HcChecksDialog *self)
{
  guint passed = 0;

  clear_rows (self);
  for (guint i = 0; i < self->results->len; i++)
    {
      HcCheckResult *result = g_ptr_array_index (self->results, i);
      gboolean ok = result->failures->len == 0;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (ok && result->n_checked == 0)
        {
          /* Nobody to look at: not a pass. */
          GtkWidget *icon = gtk_image_new_from_icon_name ("content-loading-symbolic");

          gtk_widget_add_css_class (icon, "dim-label");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Not checked yet"), -1);
          row = adw_action_row_new ();
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not checked yet: nobody to check"));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }
      else if (ok)
        {
          passed++;
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Passed — %u checked", "Passed — %u checked",
                                                   result->n_checked), result->n_checked);
          row = adw_action_row_new ();
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), make_status_icon (TRUE));
        }
      else
        {
          guint shown = MIN (result->failures->len, MAX_LISTED);

          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Failed — %u failure", "Failed — %u failures",
                                                   result->failures->len), result->failures->len);
          row = adw_expander_row_new ();
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
          adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), make_status_icon (FALSE));
          for (guint j = 0; j < shown; j++)
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                      make_failure_row (g_ptr_array_index (result->failures, j)));
          if (result->failures->len > shown)
            {
              GtkWidget *more = adw_action_row_new ();
              g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "And %u more: headcount-cli check --json lists them all",
                                                                    "And %u more: headcount-cli check --json lists them all",
                                                                    result->failures->len - shown),
                                                       result->failures->len - shown);

              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
              gtk_widget_add_css_class (more, "dim-label");
              adw_expander_row_add_row (ADW_EXPANDER_ROW (row), more);
            }
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hc_check_kind_describe (result->kind));
      gtk_widget_set_name (row, hc_check_kind_to_string (result->kind));
      adw_preferences_group_add (self->checks_group, row);
      g_ptr_array_add (self->rows, row);
    }

  {
    g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u of %u check passes",
                                                                 "%u of %u checks pass", passed),
                                                    passed, self->results->len);

    adw_preferences_group_set_description (self->checks_group, description);
  }
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
show_error (HcChecksDialog *self,
            const GError   *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  HcSync *sync = HC_SYNC (source);
  g_autoptr (HcChecksDialog) self = user_data;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GHashTable) last_run = NULL;
  g_autoptr (GError) error = NULL;

  plan = hc_sync_prepare_finish (sync, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (plan == NULL)
    {
      show_error (self, error);
      return;
    }

  members = hc_store_list_members (self->store, &error);
  if (members == NULL)
    {
      show_error (self, error);
      return;
    }
  if (!hc_store_list_last_run_employees (self->store, self->connector_id, &last_run, &error))
    {
      show_error (self, error);
      return;
    }

  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = hc_checks_evaluate (hc_sync_get_connector_info (sync)->config, self->connector_id,
                                      hc_sync_get_employees (sync), members, last_run, NULL);
  show_results (self);
}

void
hc_checks_dialog_run (HcChecksDialog *self)
{
  g_autoptr (HcSync) sync = NULL;

  g_return_if_fail (HC_IS_CHECKS_DIALOG (self));

  if (self->busy)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  sync = hc_sync_new (self->store, self->connector_id, HC_SYNC_TRIGGER_MANUAL);
  if (self->connector != NULL)
    hc_sync_set_connector (sync, self->connector);
  set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  hc_sync_prepare_async (sync, self->cancellable, prepared_cb, g_object_ref (self));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  hc_checks_dialog_run (HC_CHECKS_DIALOG (widget));
}

static void
hc_checks_dialog_dispose (GObject *object)
{
  HcChecksDialog *self = HC_CHECKS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_CHECKS_DIALOG);

  G_OBJECT_CLASS (hc_checks_dialog_parent_class)->dispose (object);
}

static void
hc_checks_dialog_finalize (GObject *object)
{
  HcChecksDialog *self = HC_CHECKS_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->connector);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_checks_dialog_parent_class)->finalize (object);
}

static void
hc_checks_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HcChecksDialog *self = HC_CHECKS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_checks_dialog_class_init (HcChecksDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_checks_dialog_dispose;
  object_class->finalize = hc_checks_dialog_finalize;
  object_class->get_property = hc_checks_dialog_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/headcount/Headcount/hc-checks-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HcChecksDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HcChecksDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, HcChecksDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, HcChecksDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, HcChecksDialog, checks_group);

  gtk_widget_class_install_action (widget_class, "checks.run", NULL, run_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "checks.run", NULL);
}

static void
hc_checks_dialog_init (HcChecksDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
}

HcChecksDialog *
hc_checks_dialog_new (GtkWindow *parent,
                      HcStore   *store,
                      gint64     connector_id)
{
  HcChecksDialog *self;
  g_autoptr (HcConnectorInfo) info = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  self = g_object_new (HC_TYPE_CHECKS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->connector_id = connector_id;

  info = hc_store_get_connector (store, connector_id, NULL);
  if (info != NULL)
    adw_window_title_set_subtitle (self->window_title, info->name);
  return self;
}

void
hc_checks_dialog_set_connector (HcChecksDialog *self,
                                HcConnector    *connector)
{
  g_return_if_fail (HC_IS_CHECKS_DIALOG (self));

  g_set_object (&self->connector, connector);
}

gboolean
hc_checks_dialog_get_busy (HcChecksDialog *self)
{
  g_return_val_if_fail (HC_IS_CHECKS_DIALOG (self), FALSE);

  return self->busy;
}

GPtrArray *
hc_checks_dialog_get_results (HcChecksDialog *self)
{
  g_return_val_if_fail (HC_IS_CHECKS_DIALOG (self), NULL);

  return self->results;
}
