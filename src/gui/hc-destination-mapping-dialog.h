/* hc-destination-mapping-dialog.h — which member field a destination
 * receives in each SCIM attribute, like a connector's Fields page
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-destination.h"
#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_DESTINATION_MAPPING_DIALOG (hc_destination_mapping_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcDestinationMappingDialog, hc_destination_mapping_dialog, HC, DESTINATION_MAPPING_DIALOG,
                      AdwPreferencesWindow)

/* Each change is stored at once. Its rows are named after their
 * attributes ("title", "name.givenName"…). */
HcDestinationMappingDialog *hc_destination_mapping_dialog_new (GtkWindow           *parent,
                                                               HcStore             *store,
                                                               const HcDestination *destination);

G_END_DECLS
