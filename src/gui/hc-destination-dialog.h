/* hc-destination-dialog.h — add or edit a SCIM destination: name,
 * address, sign-in, token, test instance
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-destination.h"
#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_DESTINATION_DIALOG (hc_destination_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcDestinationDialog, hc_destination_dialog, HC, DESTINATION_DIALOG, AdwWindow)

/* Add Destination. Emits "saved" once the destination and its token (or
 * password) are stored: the token in the keyring only. */
HcDestinationDialog *hc_destination_dialog_new      (GtkWindow           *parent,
                                                     HcStore             *store);
/* Edit @destination: its address, sign-in, test instance flag and what an
 * archive does. The stored token is never shown; a blank token keeps it,
 * unless the sign-in changes. Emits "saved" once stored. */
HcDestinationDialog *hc_destination_dialog_new_edit (GtkWindow           *parent,
                                                     HcStore             *store,
                                                     const HcDestination *destination);

G_END_DECLS
