/* hc-destination-dialog.h — add a SCIM destination: name, address, token
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_DESTINATION_DIALOG (hc_destination_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcDestinationDialog, hc_destination_dialog, HC, DESTINATION_DIALOG, AdwWindow)

/* Emits "added" once the destination and its token are stored. */
HcDestinationDialog *hc_destination_dialog_new (GtkWindow *parent,
                                                HcStore   *store);

G_END_DECLS
