/* hc-run-item.h — one sync run as a GObject, for the History list model
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hc-sync-run.h"

G_BEGIN_DECLS

#define HC_TYPE_RUN_ITEM (hc_run_item_get_type ())
G_DECLARE_FINAL_TYPE (HcRunItem, hc_run_item, HC, RUN_ITEM, GObject)

/* Takes a copy of @run. */
HcRunItem       *hc_run_item_new     (const HcSyncRun *run);
const HcSyncRun *hc_run_item_get_run (HcRunItem       *self);

G_END_DECLS
