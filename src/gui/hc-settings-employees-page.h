/* hc-settings-employees-page.h — the Employees page of a connector's
 * settings: which employees it manages, with a live count
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HC_TYPE_SETTINGS_EMPLOYEES_PAGE (hc_settings_employees_page_get_type ())
G_DECLARE_FINAL_TYPE (HcSettingsEmployeesPage, hc_settings_employees_page, HC, SETTINGS_EMPLOYEES_PAGE, AdwBin)

/* What the live count shows: employees in scope with the form as it is. */
guint hc_settings_employees_page_get_in_scope (HcSettingsEmployeesPage *self);

G_END_DECLS
