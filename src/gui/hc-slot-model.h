/* hc-slot-model.h — a list's items, each in a slot that keeps its place
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HC_TYPE_SLOT_MODEL (hc_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (HcSlotModel, hc_slot_model, HC, SLOT_MODEL, GObject)

/* The items of @model, each in an HcListSlot: item n of this model is the
 * slot at place n, whose item is @model's item n. */
HcSlotModel *hc_slot_model_new          (GListModel  *model);
/* While @in_place is TRUE, a change of @model is told as the slots taking
 * their new items where they are ("notify::item"), and this model's
 * "items-changed" only says that it has fewer or more at its end: a view
 * keeps the rows it has and sets again what they show. A listener that
 * keeps something by place (a selection, the focus) then finds other
 * items there: set it only around changes that make a list anew (a
 * search), when nothing is selected. Otherwise, changes are told as
 * they are, and the slots after a change move with their items. */
void         hc_slot_model_set_in_place (HcSlotModel *self,
                                         gboolean     in_place);

G_END_DECLS
