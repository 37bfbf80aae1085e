/* hc-application.h — the application: options, the store, the window
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HC_TYPE_APPLICATION (hc_application_get_type ())
G_DECLARE_FINAL_TYPE (HcApplication, hc_application, HC, APPLICATION, AdwApplication)

/* Options: --data-dir DIR, --workspace NAME (default "default"),
 * --demo (the workspace "demo", with the demo company connected and
 * synced on first use), --version. */
HcApplication *hc_application_new           (void);

/* The workspace the window opens: "demo" with --demo. */
const char    *hc_application_get_workspace (HcApplication *self);
/* The --data-dir override, or NULL. */
const char    *hc_application_get_data_dir  (HcApplication *self);

G_END_DECLS
