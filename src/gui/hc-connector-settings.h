/* hc-connector-settings.h — a connector's settings: which employees it
 * manages, how their fields land on members, and when it syncs
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_CONNECTOR_SETTINGS (hc_connector_settings_get_type ())
G_DECLARE_FINAL_TYPE (HcConnectorSettings, hc_connector_settings, HC, CONNECTOR_SETTINGS, AdwWindow)

/* Reads the connector's employees once when shown (the forms offer their
 * fields and values), then edits a copy of its configuration. Save, and
 * Save and Apply, store it and emit "saved" (gint64 connector_id, gboolean
 * changed, gboolean apply): whoever opened the window starts the sync
 * (its preview) for apply. Closing with changes asks to discard them. */
HcConnectorSettings *hc_connector_settings_new      (HcStore               *store,
                                                     const HcConnectorInfo *info);

gint64               hc_connector_settings_get_connector_id (HcConnectorSettings *self);
/* "loading", "error" or "content". */
const char          *hc_connector_settings_get_state (HcConnectorSettings *self);
/* The employees read, or NULL before. (transfer none) of HcEmployee* */
GPtrArray           *hc_connector_settings_get_employees (HcConnectorSettings *self);
/* What the live count shows: employees in scope with the form as it is. */
guint                hc_connector_settings_get_in_scope (HcConnectorSettings *self);
/* The configuration the form describes now, not validated. (transfer full) */
HcConfig            *hc_connector_settings_dup_config (HcConnectorSettings *self);
/* The problem shown above the form after a save that failed, or NULL. */
const char          *hc_connector_settings_get_error (HcConnectorSettings *self);

G_END_DECLS
