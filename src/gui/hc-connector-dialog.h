/* hc-connector-dialog.h — add a connector to an HR system, or edit the
 * credentials of one
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_CONNECTOR_DIALOG (hc_connector_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcConnectorDialog, hc_connector_dialog, HC, CONNECTOR_DIALOG, AdwWindow)

/* Signal "saved" (gint64 connector_id, gboolean added): the connector and
 * its secret are stored; the dialog closes itself after. */

/* Starts on the choice of the HR system. */
HcConnectorDialog *hc_connector_dialog_new_add  (HcStore               *store);
/* Starts on the details of @info, its kind fixed; the secret field stays
 * empty (the stored one is kept unless a new one is typed). */
HcConnectorDialog *hc_connector_dialog_new_edit (HcStore               *store,
                                                 const HcConnectorInfo *info);

/* For tests: choose a kind as a click on its row would. */
void               hc_connector_dialog_choose_kind (HcConnectorDialog  *self,
                                                    const char         *kind);
const char        *hc_connector_dialog_get_kind    (HcConnectorDialog  *self);
/* The text under "Test Connection": the result of the last test. */
const char        *hc_connector_dialog_get_test_result (HcConnectorDialog *self);
gboolean           hc_connector_dialog_get_testing (HcConnectorDialog  *self);
/* "Add anyway?" while it asks (Add after a failed test), or NULL. */
AdwMessageDialog  *hc_connector_dialog_get_add_anyway (HcConnectorDialog *self);

G_END_DECLS
