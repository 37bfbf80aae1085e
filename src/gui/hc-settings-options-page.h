/* hc-settings-options-page.h — the Options page of a connector's
 * settings: leavers, schedule and the safety threshold
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HC_TYPE_SETTINGS_OPTIONS_PAGE (hc_settings_options_page_get_type ())
G_DECLARE_FINAL_TYPE (HcSettingsOptionsPage, hc_settings_options_page, HC, SETTINGS_OPTIONS_PAGE, AdwBin)

G_END_DECLS
