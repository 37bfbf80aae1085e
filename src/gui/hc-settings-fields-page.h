/* hc-settings-fields-page.h — the Fields page of a connector's settings:
 * how HR fields land on member fields
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HC_TYPE_SETTINGS_FIELDS_PAGE (hc_settings_fields_page_get_type ())
G_DECLARE_FINAL_TYPE (HcSettingsFieldsPage, hc_settings_fields_page, HC, SETTINGS_FIELDS_PAGE, AdwBin)

G_END_DECLS
