/* hc-run-change-item.h — one field change of a sync run, for the run dialog's list model
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HC_TYPE_RUN_CHANGE_ITEM (hc_run_change_item_get_type ())
G_DECLARE_FINAL_TYPE (HcRunChangeItem, hc_run_change_item, HC, RUN_CHANGE_ITEM, GObject)

/* Texts for people; NULL for empty. */
HcRunChangeItem *hc_run_change_item_new        (const char      *member,
                                                const char      *change,
                                                const char      *field,
                                                const char      *before,
                                                const char      *after);
const char      *hc_run_change_item_get_member (HcRunChangeItem *self);
const char      *hc_run_change_item_get_change (HcRunChangeItem *self);
const char      *hc_run_change_item_get_field  (HcRunChangeItem *self);
const char      *hc_run_change_item_get_before (HcRunChangeItem *self);
const char      *hc_run_change_item_get_after  (HcRunChangeItem *self);
/* Every text, case-folded, for the search. */
gboolean         hc_run_change_item_matches    (HcRunChangeItem *self,
                                                const char      *folded_query);

G_END_DECLS
