/* hc-discard-prompt.h — "Discard Changes?" before a window with unsaved
 * edits closes: the one prompt Settings, Add Connector, Edit Credentials
 * and Import share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* From a window's close-request: when @has_changes and the admin has not
 * chosen to discard them yet, asks "Discard Changes?" (@body says what is
 * lost) and returns TRUE, so the close waits; Discard closes the window,
 * Keep Editing leaves it open. Returns FALSE when the close may go on. */
gboolean hc_discard_prompt_hold_close (GtkWindow  *window,
                                       gboolean    has_changes,
                                       const char *body);
/* The next close of @window goes through without asking: the edits were
 * saved, or the window closes itself. */
void     hc_discard_prompt_release    (GtkWindow  *window);

G_END_DECLS
