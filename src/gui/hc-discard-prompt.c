/* hc-discard-prompt.c — "Discard Changes?" before a window with unsaved
 * edits closes (rules.md: unsaved edits are never thrown away silently)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-discard-prompt"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hc-discard-prompt.h"

/* Set on the window once it may close without asking. */
#define RELEASED_KEY "hc-discard-released"

void
hc_discard_prompt_release (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_object_set_data (G_OBJECT (window), RELEASED_KEY, GINT_TO_POINTER (TRUE));
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GtkWindow        *window)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  hc_discard_prompt_release (window);
  /* Not while the prompt, transient for the window, answers. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (window), g_object_unref);
}

gboolean
hc_discard_prompt_hold_close (GtkWindow  *window,
                              gboolean    has_changes,
                              const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  if (!has_changes || g_object_get_data (G_OBJECT (window), RELEASED_KEY) != NULL)
    return FALSE;

  dialog = adw_message_dialog_new (window, _("Discard Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}
