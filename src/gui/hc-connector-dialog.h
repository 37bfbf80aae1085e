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

/* A kind that signs in through the browser (PayFit, rules.md 45). */
typedef enum
{
  HC_SIGN_IN_NONE,      /* not started (editing: the keyring's sign-in stays) */
  HC_SIGN_IN_WAITING,   /* the browser is open, Headcount waits for it */
  HC_SIGN_IN_DONE,      /* signed in: the tokens wait to be saved */
  HC_SIGN_IN_FAILED,    /* declined, timed out, cancelled: the row says why */
} HcSignInState;

HcSignInState      hc_connector_dialog_get_sign_in_state  (HcConnectorDialog *self);
/* The sentence on the sign-in row ("Waiting for the browser…", "Signed in
 * to PayFit, company …", or why it failed). */
const char        *hc_connector_dialog_get_sign_in_status (HcConnectorDialog *self);

/* For tests: called with the sign-in address instead of opening a browser
 * (gtk_show_uri_full()); the test plays the browser. */
typedef void (*HcConnectorDialogOpenUriFunc) (HcConnectorDialog *self,
                                              const char        *uri,
                                              gpointer           user_data);
void               hc_connector_dialog_set_open_uri_func  (HcConnectorDialog            *self,
                                                           HcConnectorDialogOpenUriFunc  func,
                                                           gpointer                      user_data);
/* For tests: how long the sign-in waits for the browser, in seconds
 * (HC_OAUTH_FLOW_DEFAULT_TIMEOUT unless set). */
void               hc_connector_dialog_set_sign_in_timeout (HcConnectorDialog *self,
                                                            guint              seconds);

G_END_DECLS
