/* hc-settings-exclusion.h — the chooser of the exclusion checkbox on a
 * connector's Employees page
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-settings-context.h"

G_BEGIN_DECLS

/* Fills @row with the choices (none, automatic, the HR data's checkboxes)
 * and selects @current; its subtitle says what the choice means. */
void hc_settings_exclusion_setup (AdwComboRow       *row,
                                  HcSettingsContext *context,
                                  const char        *current);

G_END_DECLS
