/* hc-list-slot.h — a row's place in a list, showing one item at a time
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HC_TYPE_LIST_SLOT (hc_list_slot_get_type ())
G_DECLARE_FINAL_TYPE (HcListSlot, hc_list_slot, HC, LIST_SLOT, GObject)

/* What a row shows, given the list item, the item its slot holds now
 * and the data passed to hc_list_slot_bind(). */
typedef void (*HcListSlotShowFunc) (GtkListItem *list_item,
                                    gpointer     item,
                                    gpointer     user_data);

HcListSlot *hc_list_slot_new      (gpointer    item);
/* The item shown at the slot's place now (the slot keeps a reference). */
gpointer    hc_list_slot_get_item (HcListSlot *self);
/* Puts @item in the slot: "notify::item" when it is another one. */
void        hc_list_slot_set_item (HcListSlot *self,
                                   gpointer    item);

/* For a factory's "bind": @show (@list_item, item, @user_data) with the
 * item of the slot @list_item is bound to, now and again each time that
 * slot takes another item, for as long as @list_item shows it. A row
 * whose slot changes item keeps its widgets: only what they show is
 * set again. In a list of the items themselves, @show is called with
 * the list item's item, once. */
void        hc_list_slot_bind     (GtkListItem       *list_item,
                                   HcListSlotShowFunc show,
                                   gpointer           user_data);

G_END_DECLS
