/* hc-tab-out.h — Tab leaves a list or a table instead of going from row
 * to row (the arrow keys move between rows)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* On @list (a GtkColumnView, a GtkListView…), Tab and Shift+Tab move the
 * focus to the widget after or before it, as for any other control. */
void hc_tab_out_install (GtkWidget *list);

G_END_DECLS
