/* hc-checks-dialog.h — "Scenario Checks": the five checks of a test instance
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "hc-checks.h"
#include "hc-connector.h"
#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_CHECKS_DIALOG (hc_checks_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HcChecksDialog, hc_checks_dialog, HC, CHECKS_DIALOG, AdwWindow)

/* Fetches the connector's employees (nothing is written) and shows the
 * checks. Property "busy" while it fetches. */
HcChecksDialog *hc_checks_dialog_new         (GtkWindow      *parent,
                                              HcStore        *store,
                                              gint64          connector_id);
/* For tests: use this connector instead of the stored one's. Call before
 * hc_checks_dialog_run(). */
void            hc_checks_dialog_set_connector (HcChecksDialog *self,
                                              HcConnector    *connector);
/* Runs (again) the checks. */
void            hc_checks_dialog_run         (HcChecksDialog *self);
gboolean        hc_checks_dialog_get_busy    (HcChecksDialog *self);
/* The last results, or NULL. (transfer none) of HcCheckResult* */
GPtrArray      *hc_checks_dialog_get_results (HcChecksDialog *self);

G_END_DECLS
