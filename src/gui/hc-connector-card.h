/* hc-connector-card.h — one connector as a card: state, last sync, Sync Now
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-connector-info.h"

G_BEGIN_DECLS

#define HC_TYPE_CONNECTOR_CARD (hc_connector_card_get_type ())
G_DECLARE_FINAL_TYPE (HcConnectorCard, hc_connector_card, HC, CONNECTOR_CARD, GtkWidget)

HcConnectorCard       *hc_connector_card_new          (const HcConnectorInfo *info);
const HcConnectorInfo *hc_connector_card_get_info     (HcConnectorCard       *self);
/* Shows a spinner while this connector syncs. */
void                   hc_connector_card_set_syncing  (HcConnectorCard       *self,
                                                       gboolean               syncing);
/* "Sync Now" as the suggested action: only when it is the only card, as
 * a view has one suggested action at most (HIG). */
void                   hc_connector_card_set_prominent (HcConnectorCard      *self,
                                                        gboolean              prominent);
/* Rewrites "Last synced 5 minutes ago" against the clock. */
void                   hc_connector_card_update_time  (HcConnectorCard       *self);

G_END_DECLS
