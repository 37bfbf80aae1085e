/* hc-connector-card.c — one connector as a card: state, last sync, Sync Now
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-connector-card"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-connector-card.h"
#include "hc-connector-kind.h"
#include "hc-error.h"
#include "hc-format.h"
#include "hc-scheduler.h"

struct _HcConnectorCard
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *name_label;
  GtkLabel        *test_badge;
  GtkLabel        *kind_label;
  GtkMenuButton   *menu_button;
  GtkButton       *sync_button;
  GtkLabel        *state_pill;
  GtkLabel        *last_sync_label;
  GtkSpinner      *spinner;
  GtkLabel        *error_label;
  GtkExpander     *technical_expander;
  GtkLabel        *technical_label;
  GtkButton       *credentials_button;

  /* Owned state */
  HcConnectorInfo *info;
};

G_DEFINE_FINAL_TYPE (HcConnectorCard, hc_connector_card, GTK_TYPE_WIDGET)

static const char *
status_style (HcConnectorStatus status)
{
  switch (status)
    {
    case HC_CONNECTOR_STATUS_CONNECTED:
      return "success";
    case HC_CONNECTOR_STATUS_ACTION_REQUIRED:
    case HC_CONNECTOR_STATUS_NOT_TESTED:
      return "warning";
    case HC_CONNECTOR_STATUS_CREDENTIALS_REJECTED:
    case HC_CONNECTOR_STATUS_SYNC_FAILED:
      return "error";
    case HC_CONNECTOR_STATUS_DISCONNECTED:
    default:
      return "dim";
    }
}

static void
set_style (GtkWidget  *widget,
           const char *style)
{
  static const char * const styles[] = { "success", "warning", "error", "dim" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (widget, styles[i]);
  gtk_widget_add_css_class (widget, style);
}

static void
fill (HcConnectorCard *self)
{
  const HcConnectorInfo *info = self->info;
  HcConnectorStatus status = hc_connector_info_get_status (info);
  gboolean rejected = status == HC_CONNECTOR_STATUS_CREDENTIALS_REJECTED;
  gboolean show_error;
  g_autofree char *summary = NULL;
  const char *technical = NULL;

  gtk_label_set_label (self->name_label, info->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), info->name);
  gtk_label_set_label (self->kind_label, hc_format_connector_kind (info->kind));
  gtk_widget_set_visible (GTK_WIDGET (self->test_badge), info->test_instance);

  gtk_label_set_label (self->state_pill, hc_connector_status_describe (status));
  set_style (GTK_WIDGET (self->state_pill), status_style (status));

  show_error = (status == HC_CONNECTOR_STATUS_CREDENTIALS_REJECTED ||
                status == HC_CONNECTOR_STATUS_SYNC_FAILED ||
                status == HC_CONNECTOR_STATUS_ACTION_REQUIRED) &&
               info->last_error != NULL && *info->last_error != '\0';
  /* The error in words; the HTTP status and the path under "Technical
   * details". */
  if (show_error)
    {
      summary = hc_error_dup_summary (info->last_error);
      technical = hc_error_get_technical (info->last_error);
    }
  if (show_error && rejected && hc_connector_kind_is_remote (info->kind))
    {
      g_autofree char *advice = NULL;

      /* Translators: %s is the HR system's answer; the button beside it is
       * "Edit Credentials…" */
      advice = g_strdup_printf (_("%s Correct them with Edit Credentials…"), summary);
      gtk_label_set_label (self->error_label, advice);
    }
  else
    gtk_label_set_label (self->error_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), show_error);
  gtk_label_set_label (self->technical_label, technical);
  gtk_widget_set_visible (GTK_WIDGET (self->technical_expander), technical != NULL);
  set_style (GTK_WIDGET (self->error_label), status_style (status));

  /* rules.md 43: credentials at fault point at where to correct them. */
  gtk_widget_set_visible (GTK_WIDGET (self->credentials_button),
                          rejected && hc_connector_kind_is_remote (info->kind));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->credentials_button), "x", info->id);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->sync_button), "x", info->id);

  {
    g_autoptr (GMenu) menu = g_menu_new ();
    g_autoptr (GMenuItem) edit = NULL;
    g_autoptr (GMenuItem) settings = NULL;
    g_autoptr (GMenuItem) disconnect = NULL;

    if (hc_connector_kind_is_remote (info->kind))
      {
        edit = g_menu_item_new (_("_Edit Credentials…"), NULL);
        g_menu_item_set_action_and_target_value (edit, "win.edit-connector",
                                                 g_variant_new_int64 (info->id));
        g_menu_append_item (menu, edit);
      }
    if (info->test_instance)
      {
        g_autoptr (GMenuItem) checks = g_menu_item_new (_("Scenario _Checks…"), NULL);

        g_menu_item_set_action_and_target_value (checks, "win.scenario-checks",
                                                 g_variant_new_int64 (info->id));
        g_menu_append_item (menu, checks);
      }
    settings = g_menu_item_new (_("_Settings…"), NULL);
    g_menu_item_set_action_and_target_value (settings, "win.connector-settings",
                                             g_variant_new_int64 (info->id));
    g_menu_append_item (menu, settings);
    disconnect = g_menu_item_new (_("_Disconnect…"), NULL);
    g_menu_item_set_action_and_target_value (disconnect, "win.disconnect-connector",
                                             g_variant_new_int64 (info->id));
    g_menu_append_item (menu, disconnect);
    gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
  }
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button),
                          info->state != HC_CONNECTOR_STATE_DISCONNECTED);

  {
    g_autofree char *label = NULL;

    /* Translators: the accessible name of a card's button; %s is a connector name */
    label = g_strdup_printf (_("Sync %s now"), info->name);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  }

  hc_connector_card_update_time (self);
}

static void
hc_connector_card_dispose (GObject *object)
{
  HcConnectorCard *self = HC_CONNECTOR_CARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_CONNECTOR_CARD);
  /* The template's root is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->info, hc_connector_info_free);

  G_OBJECT_CLASS (hc_connector_card_parent_class)->dispose (object);
}

static void
hc_connector_card_class_init (HcConnectorCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_connector_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-connector-card.ui");
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, test_badge);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, kind_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, sync_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, state_pill);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, last_sync_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, spinner);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, error_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, technical_expander);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, technical_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorCard, credentials_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hc-connector-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hc_connector_card_init (HcConnectorCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HcConnectorCard *
hc_connector_card_new (const HcConnectorInfo *info)
{
  HcConnectorCard *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (HC_TYPE_CONNECTOR_CARD, NULL);
  self->info = hc_connector_info_copy (info);
  fill (self);

  return self;
}

const HcConnectorInfo *
hc_connector_card_get_info (HcConnectorCard *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_CARD (self), NULL);

  return self->info;
}

void
hc_connector_card_set_syncing (HcConnectorCard *self,
                               gboolean         syncing)
{
  g_return_if_fail (HC_IS_CONNECTOR_CARD (self));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), syncing);
  gtk_spinner_set_spinning (self->spinner, syncing);

  if (syncing)
    gtk_label_set_label (self->last_sync_label, _("Syncing…"));
  else
    hc_connector_card_update_time (self);
}

void
hc_connector_card_set_prominent (HcConnectorCard *self,
                                 gboolean         prominent)
{
  g_return_if_fail (HC_IS_CONNECTOR_CARD (self));

  if (prominent)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sync_button), "suggested-action");
}

void
hc_connector_card_update_time (HcConnectorCard *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (HC_IS_CONNECTOR_CARD (self));

  if (gtk_spinner_get_spinning (self->spinner))
    return;

  /* rules.md 43: a failed attempt shows beside the last successful sync. */
  if (self->info->failed_at > 0 && self->info->failed_at >= self->info->last_sync_at)
    text = hc_format_last_attempt_failed (self->info->last_sync_at, self->info->failed_at,
                                          g_get_real_time ());
  else
    text = hc_format_last_synced (self->info->last_sync_at, g_get_real_time ());
  if (self->info->config != NULL && self->info->state != HC_CONNECTOR_STATE_DISCONNECTED)
    {
      gint64 now = g_get_real_time ();
      gint64 next = hc_scheduler_compute_next_run (self->info->config->schedule,
                                                   self->info->test_instance,
                                                   self->info->next_run_at,
                                                   self->info->last_sync_at, now);

      if (next > 0)
        {
          g_autofree char *next_text = hc_format_next_sync (next, now);
          g_autofree char *both = NULL;

          /* Translators: "Last synced 2 hours ago · next sync in 4 hours" */
          both = g_strdup_printf (_("%s · %s"), text, next_text);
          g_free (text);
          text = g_steal_pointer (&both);
        }
    }
  gtk_label_set_label (self->last_sync_label, text);

  if (self->info->last_sync_at > 0)
    {
      g_autofree char *exact = hc_format_datetime (self->info->last_sync_at);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->last_sync_label), exact);
    }
}
