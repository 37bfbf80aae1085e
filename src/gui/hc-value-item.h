/* hc-value-item.h — one value of an HR field with its count, chosen or not,
 * for the values chooser of a filter rule
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HC_TYPE_VALUE_ITEM (hc_value_item_get_type ())
G_DECLARE_FINAL_TYPE (HcValueItem, hc_value_item, HC, VALUE_ITEM, GObject)

/* Properties: "value" (string, "" for an empty field), "count" (uint),
 * "label" ("Paris (124)", read-only), "selected" (boolean). */

HcValueItem *hc_value_item_new          (const char  *value,
                                         guint        count);
const char  *hc_value_item_get_value    (HcValueItem *self);
guint        hc_value_item_get_count    (HcValueItem *self);
const char  *hc_value_item_get_label    (HcValueItem *self);
gboolean     hc_value_item_get_selected (HcValueItem *self);
void         hc_value_item_set_selected (HcValueItem *self,
                                         gboolean     selected);

G_END_DECLS
