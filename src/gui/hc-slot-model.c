/* hc-slot-model.c — a list's items, each in a slot that keeps its place
 *
 * The slots a view holds (its rows) are known by place; the others are
 * made when asked for and forgotten when the last reference goes. A
 * change in place costs a "notify::item" per slot a view holds, whatever
 * the number of items that changed.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-slot-model"

#include "config.h"

#include "hc-list-slot.h"
#include "hc-slot-model.h"

struct _HcSlotModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      changed_handler;
  guint       n_items;     /* as last announced */
  GHashTable *slots;       /* place → HcListSlot*, weak: those someone holds */
  gboolean    in_place;
};

static void hc_slot_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcSlotModel, hc_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, hc_slot_model_list_model_init))

/* The place a slot is known by, on the slot itself: its weak reference
 * finds it there as it goes. */
static GQuark
place_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("hc-slot-model-place");
  return quark;
}

static guint
slot_place (HcListSlot *slot)
{
  return GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (slot), place_quark ()));
}

static void
slot_gone_cb (gpointer data,
              GObject *where)
{
  HcSlotModel *self = data;
  gpointer key = GUINT_TO_POINTER (slot_place ((HcListSlot *) where));

  if (g_hash_table_lookup (self->slots, key) == (gpointer) where)
    g_hash_table_remove (self->slots, key);
}

static void
remember (HcSlotModel *self,
          HcListSlot  *slot,
          guint        place)
{
  g_object_set_qdata (G_OBJECT (slot), place_quark (), GUINT_TO_POINTER (place));
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (place), slot);
}

static void
forget (HcSlotModel *self,
        HcListSlot  *slot)
{
  g_object_weak_unref (G_OBJECT (slot), slot_gone_cb, self);
}

static GType
get_item_type (GListModel *list)
{
  return HC_TYPE_LIST_SLOT;
}

static guint
get_n_items (GListModel *list)
{
  return HC_SLOT_MODEL (list)->n_items;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  HcSlotModel *self = HC_SLOT_MODEL (list);
  HcListSlot *slot;
  g_autoptr (GObject) item = NULL;

  if (position >= self->n_items)
    return NULL;
  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  item = g_list_model_get_item (self->model, position);
  if (item == NULL)
    return NULL;
  slot = hc_list_slot_new (item);
  g_object_weak_ref (G_OBJECT (slot), slot_gone_cb, self);
  remember (self, slot, position);
  return slot;
}

static void
hc_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* The slots held, taken out of the table (which is then empty), with a
 * reference each: a view may let go of some while they are gone over. */
static GPtrArray *
take_slots (HcSlotModel *self)
{
  GPtrArray *slots = g_ptr_array_new_full (g_hash_table_size (self->slots), g_object_unref);
  GHashTableIter iter;
  gpointer slot;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    g_ptr_array_add (slots, g_object_ref (slot));
  g_hash_table_remove_all (self->slots);
  return slots;
}

static void
change_in_place (HcSlotModel *self,
                 guint        position)
{
  guint n_old = self->n_items;
  guint n_new = g_list_model_get_n_items (self->model);
  g_autoptr (GPtrArray) slots = take_slots (self);

  self->n_items = n_new;
  for (guint i = 0; i < slots->len; i++)
    {
      HcListSlot *slot = g_ptr_array_index (slots, i);
      guint place = slot_place (slot);

      if (place < n_new)
        remember (self, slot, place);
      else
        forget (self, slot);
    }
  if (n_new < n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_new, n_old - n_new, 0);

  /* The rows a view holds show their new items. Every slot before the
   * new end is still at its place, as this holds a reference on each. */
  for (guint i = 0; i < slots->len; i++)
    {
      HcListSlot *slot = g_ptr_array_index (slots, i);
      guint place = slot_place (slot);

      if (place >= position && place < n_new)
        {
          g_autoptr (GObject) item = g_list_model_get_item (self->model, place);

          hc_list_slot_set_item (slot, item);
        }
    }

  if (n_new > n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_old, 0, n_new - n_old);
}

static void
change_as_it_is (HcSlotModel *self,
                 guint        position,
                 guint        removed,
                 guint        added)
{
  g_autoptr (GPtrArray) slots = take_slots (self);

  /* Slots of removed items go with them; those after move with theirs. */
  for (guint i = 0; i < slots->len; i++)
    {
      HcListSlot *slot = g_ptr_array_index (slots, i);
      guint place = slot_place (slot);

      if (place < position)
        remember (self, slot, place);
      else if (place >= position + removed)
        remember (self, slot, place - removed + added);
      else
        forget (self, slot);
    }
  self->n_items = g_list_model_get_n_items (self->model);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
model_changed_cb (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  HcSlotModel *self)
{
  if (self->in_place)
    change_in_place (self, position);
  else
    change_as_it_is (self, position, removed, added);
}

static void
hc_slot_model_dispose (GObject *object)
{
  HcSlotModel *self = HC_SLOT_MODEL (object);

  if (self->slots != NULL)
    {
      g_autoptr (GPtrArray) slots = take_slots (self);

      for (guint i = 0; i < slots->len; i++)
        forget (self, g_ptr_array_index (slots, i));
    }
  if (self->model != NULL)
    g_clear_signal_handler (&self->changed_handler, self->model);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (hc_slot_model_parent_class)->dispose (object);
}

static void
hc_slot_model_finalize (GObject *object)
{
  g_clear_pointer (&HC_SLOT_MODEL (object)->slots, g_hash_table_unref);
  G_OBJECT_CLASS (hc_slot_model_parent_class)->finalize (object);
}

static void
hc_slot_model_class_init (HcSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hc_slot_model_dispose;
  object_class->finalize = hc_slot_model_finalize;
}

static void
hc_slot_model_init (HcSlotModel *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
}

HcSlotModel *
hc_slot_model_new (GListModel *model)
{
  HcSlotModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (HC_TYPE_SLOT_MODEL, NULL);
  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (model);
  self->changed_handler = g_signal_connect (model, "items-changed", G_CALLBACK (model_changed_cb), self);
  return self;
}

void
hc_slot_model_set_in_place (HcSlotModel *self,
                            gboolean     in_place)
{
  g_return_if_fail (HC_IS_SLOT_MODEL (self));

  self->in_place = !!in_place;
}
