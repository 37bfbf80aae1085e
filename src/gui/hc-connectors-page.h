/* hc-connectors-page.h — the configured connectors, one card each
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_CONNECTORS_PAGE (hc_connectors_page_get_type ())
G_DECLARE_FINAL_TYPE (HcConnectorsPage, hc_connectors_page, HC, CONNECTORS_PAGE, GtkWidget)

HcConnectorsPage *hc_connectors_page_new            (void);
void              hc_connectors_page_set_store      (HcConnectorsPage *self,
                                                     HcStore          *store);
/* Re-reads the connectors from the store. */
void              hc_connectors_page_reload         (HcConnectorsPage *self);
guint             hc_connectors_page_get_n_connectors (HcConnectorsPage *self);
/* The connector that shows a sync in progress, 0 for none. */
void              hc_connectors_page_set_syncing    (HcConnectorsPage *self,
                                                     gint64            connector_id);

G_END_DECLS
