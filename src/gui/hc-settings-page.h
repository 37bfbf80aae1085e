/* hc-settings-page.h — one page of a connector's settings: it fills its
 * part of the form from the configuration and the employees read, and
 * writes it back
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-settings-context.h"

G_BEGIN_DECLS

#define HC_TYPE_SETTINGS_PAGE (hc_settings_page_get_type ())
G_DECLARE_INTERFACE (HcSettingsPage, hc_settings_page, HC, SETTINGS_PAGE, GtkWidget)

/* A page is a child of the settings window's view stack (its .ui lists
 * them): the window loads each, asks each to validate and to write its part
 * of the configuration, in the order of the stack. */
struct _HcSettingsPageInterface
{
  GTypeInterface parent_iface;

  /* Fills the form from the configuration saved and the employees read. */
  void       (*load)        (HcSettingsPage    *self,
                             HcSettingsContext *context);
  /* Writes what the page edits into @config. */
  void       (*apply)       (HcSettingsPage    *self,
                             HcConfig          *config);
  /* FALSE with a message for the admin, the focus on what is wrong.
   * @for_apply: a sync follows at once. Optional. */
  gboolean   (*validate)    (HcSettingsPage    *self,
                             gboolean           for_apply,
                             GError           **error);
  /* The widget the focus starts on, or NULL. Optional. */
  GtkWidget *(*get_initial_focus) (HcSettingsPage *self);
};

void       hc_settings_page_load     (HcSettingsPage    *self,
                                      HcSettingsContext *context);
void       hc_settings_page_apply    (HcSettingsPage    *self,
                                      HcConfig          *config);
gboolean   hc_settings_page_validate (HcSettingsPage    *self,
                                      gboolean           for_apply,
                                      GError           **error);
GtkWidget *hc_settings_page_get_initial_focus (HcSettingsPage *self);

/* Signals a page emits:
 * "changed" (): the admin edited the page;
 * "error" (const char *message): a problem to show above the form. */
void       hc_settings_page_changed  (HcSettingsPage    *self);
void       hc_settings_page_error    (HcSettingsPage    *self,
                                      const char        *message);

G_END_DECLS

G_BEGIN_DECLS

/* Helpers of the pages' choosers. A string list of "" (none), @extra when
 * it is not among @names, then @names. (transfer full) */
GtkStringList *hc_settings_choice_model_new  (GPtrArray     *names,
                                              const char    *extra);
/* The position of @str in @model, "" for NULL; 0 when not there. */
guint          hc_settings_choice_model_find (GtkStringList *model,
                                              const char    *str);

G_END_DECLS
