/* hc-settings-options-page.c — the Options page of a connector's
 * settings: leavers, schedule and the safety threshold
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-settings-options-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-settings-options-page.h"
#include "hc-settings-page.h"

struct _HcSettingsOptionsPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwActionRow        *archive_row;
  GtkSwitch           *archive_switch;
  AdwPreferencesGroup *schedule_group;
  AdwActionRow        *schedule_6h_row;
  AdwActionRow        *schedule_12h_row;
  AdwActionRow        *schedule_24h_row;
  GtkCheckButton      *schedule_manual_check;
  GtkCheckButton      *schedule_6h_check;
  GtkCheckButton      *schedule_12h_check;
  GtkCheckButton      *schedule_24h_check;
  AdwActionRow        *background_row;
  GtkButton           *background_button;
  GtkSpinButton       *threshold_spin;

  /* Owned state */
  GSettings           *settings;       /* run-in-background */
  HcSettingsContext   *context;        /* NULL until loaded */
};

static void hc_settings_options_page_iface_init (HcSettingsPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcSettingsOptionsPage, hc_settings_options_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_SETTINGS_PAGE,
                                                      hc_settings_options_page_iface_init))

/* Scheduled syncs run only while the app runs in the background, or from
 * a timer's headcount-cli: say so, and offer to turn the background on. */
static void
update_background (HcSettingsOptionsPage *self)
{
  gboolean on = g_settings_get_boolean (self->settings, "run-in-background");

  if (self->context == NULL || hc_settings_context_get_info (self->context)->test_instance)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->background_row), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->background_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->background_button), !on);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->background_row),
                                 on ? _("Headcount runs in the background")
                                    : _("Headcount does not run in the background"));
  adw_action_row_set_subtitle (self->background_row,
                               on ? _("Scheduled syncs run while you are logged in, even with the window closed.")
                                  : _("Scheduled syncs run only while Headcount runs in the background, or from "
                                      "a timer (headcount-cli sync --all-due; see the README)."));
}

static void
edited_cb (HcSettingsOptionsPage *self)
{
  if (self->context != NULL)
    hc_settings_page_changed (HC_SETTINGS_PAGE (self));
}

static void
background_clicked_cb (HcSettingsOptionsPage *self)
{
  g_settings_set_boolean (self->settings, "run-in-background", TRUE);
}

/* HcSettingsPage */

static void
hc_settings_options_page_load (HcSettingsPage    *page,
                               HcSettingsContext *context)
{
  HcSettingsOptionsPage *self = HC_SETTINGS_OPTIONS_PAGE (page);
  const HcConnectorInfo *info = hc_settings_context_get_info (context);
  const HcConfig *config = info->config;
  GtkCheckButton *schedule_checks[] = {
    self->schedule_manual_check, self->schedule_6h_check,
    self->schedule_12h_check, self->schedule_24h_check,
  };

  gtk_switch_set_active (self->archive_switch, config->archive_inactive);
  if (info->test_instance)
    {
      /* rules.md 14: a test instance syncs by hand only. */
      gtk_check_button_set_active (self->schedule_manual_check, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_6h_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_12h_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_24h_row), FALSE);
      adw_preferences_group_set_description (self->schedule_group,
                                             _("This connector is a test instance: it syncs only when you ask, "
                                               "so it never sends an invitation on its own."));
    }
  else
    {
      if (config->schedule <= HC_SCHEDULE_24H)
        gtk_check_button_set_active (schedule_checks[config->schedule], TRUE);
      /* when scheduled syncs run is the background row's to say */
      adw_preferences_group_set_description (self->schedule_group,
                                             _("The first sync of a connector is always by hand, through its "
                                               "preview."));
    }
  gtk_spin_button_set_value (self->threshold_spin, config->safety_threshold_percent);

  /* Edits count from here. */
  g_set_object (&self->context, context);
  update_background (self);
}

static void
hc_settings_options_page_apply (HcSettingsPage *page,
                                HcConfig       *config)
{
  HcSettingsOptionsPage *self = HC_SETTINGS_OPTIONS_PAGE (page);

  if (self->context == NULL)
    return;

  config->archive_inactive = gtk_switch_get_active (self->archive_switch);
  if (gtk_check_button_get_active (self->schedule_6h_check))
    config->schedule = HC_SCHEDULE_6H;
  else if (gtk_check_button_get_active (self->schedule_12h_check))
    config->schedule = HC_SCHEDULE_12H;
  else if (gtk_check_button_get_active (self->schedule_24h_check))
    config->schedule = HC_SCHEDULE_24H;
  else
    config->schedule = HC_SCHEDULE_MANUAL;
  config->safety_threshold_percent = gtk_spin_button_get_value_as_int (self->threshold_spin);
}

static void
hc_settings_options_page_iface_init (HcSettingsPageInterface *iface)
{
  iface->load = hc_settings_options_page_load;
  iface->apply = hc_settings_options_page_apply;
}

/* GObject */

static void
hc_settings_options_page_dispose (GObject *object)
{
  HcSettingsOptionsPage *self = HC_SETTINGS_OPTIONS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_SETTINGS_OPTIONS_PAGE);

  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (hc_settings_options_page_parent_class)->dispose (object);
}

static void
hc_settings_options_page_class_init (HcSettingsOptionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_settings_options_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-settings-options-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, archive_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, archive_switch);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, schedule_group);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, schedule_6h_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, schedule_12h_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, schedule_24h_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, schedule_manual_check);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, schedule_6h_check);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, schedule_12h_check);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, schedule_24h_check);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, background_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, background_button);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsOptionsPage, threshold_spin);
  gtk_widget_class_bind_template_callback (widget_class, background_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edited_cb);
}

static void
hc_settings_options_page_init (HcSettingsOptionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (update_background), self, G_CONNECT_SWAPPED);
  update_background (self);
}
