/* hc-settings-page.c — one page of a connector's settings
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-settings-page"

#include "config.h"

#include "hc-settings-page.h"

G_DEFINE_INTERFACE (HcSettingsPage, hc_settings_page, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hc_settings_page_default_init (HcSettingsPageInterface *iface)
{
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
hc_settings_page_load (HcSettingsPage    *self,
                       HcSettingsContext *context)
{
  g_return_if_fail (HC_IS_SETTINGS_PAGE (self));
  g_return_if_fail (HC_IS_SETTINGS_CONTEXT (context));

  HC_SETTINGS_PAGE_GET_IFACE (self)->load (self, context);
}

void
hc_settings_page_apply (HcSettingsPage *self,
                        HcConfig       *config)
{
  g_return_if_fail (HC_IS_SETTINGS_PAGE (self));
  g_return_if_fail (config != NULL);

  HC_SETTINGS_PAGE_GET_IFACE (self)->apply (self, config);
}

gboolean
hc_settings_page_validate (HcSettingsPage *self,
                           gboolean        for_apply,
                           GError        **error)
{
  HcSettingsPageInterface *iface;

  g_return_val_if_fail (HC_IS_SETTINGS_PAGE (self), FALSE);

  iface = HC_SETTINGS_PAGE_GET_IFACE (self);
  return iface->validate == NULL || iface->validate (self, for_apply, error);
}

GtkWidget *
hc_settings_page_get_initial_focus (HcSettingsPage *self)
{
  HcSettingsPageInterface *iface;

  g_return_val_if_fail (HC_IS_SETTINGS_PAGE (self), NULL);

  iface = HC_SETTINGS_PAGE_GET_IFACE (self);
  return iface->get_initial_focus != NULL ? iface->get_initial_focus (self) : NULL;
}

void
hc_settings_page_changed (HcSettingsPage *self)
{
  g_return_if_fail (HC_IS_SETTINGS_PAGE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

void
hc_settings_page_error (HcSettingsPage *self,
                        const char     *message)
{
  g_return_if_fail (HC_IS_SETTINGS_PAGE (self));

  g_signal_emit (self, signals[ERROR], 0, message);
}

GtkStringList *
hc_settings_choice_model_new (GPtrArray  *names,
                              const char *extra)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, "");
  if (extra != NULL && *extra != '\0' &&
      !g_ptr_array_find_with_equal_func (names, extra, g_str_equal, NULL))
    gtk_string_list_append (model, extra);
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (names, i));

  return model;
}

guint
hc_settings_choice_model_find (GtkStringList *model,
                               const char    *str)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (model, i), str != NULL ? str : "") == 0)
      return i;
  return 0;
}
