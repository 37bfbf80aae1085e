/* hc-history-page.h — the sync runs, newest first
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_HISTORY_PAGE (hc_history_page_get_type ())
G_DECLARE_FINAL_TYPE (HcHistoryPage, hc_history_page, HC, HISTORY_PAGE, GtkWidget)

/* How many runs the page shows at most. */
#define HC_HISTORY_PAGE_LIMIT 500
/* Narrower than this, the page lists two lines a run instead of columns. */
#define HC_HISTORY_PAGE_NARROW_WIDTH 760

HcHistoryPage *hc_history_page_new       (void);
void           hc_history_page_set_store (HcHistoryPage *self,
                                          HcStore       *store);
void           hc_history_page_reload    (HcHistoryPage *self);
/* The runs are listed two lines each, for a narrow window. */
gboolean       hc_history_page_is_narrow (HcHistoryPage *self);
/* The runs shown, of HcRunItem. */
GListModel    *hc_history_page_get_model (HcHistoryPage *self);

G_END_DECLS
