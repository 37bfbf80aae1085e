/* hc-list-slot.c — a row's place in a list, showing one item at a time
 *
 * GTK 4.8's list views destroy a row's widgets when its item goes and
 * build new ones for the item that comes, about 200 rows of a cell per
 * column when a search puts other members in the view. A slot stays at
 * its place while the items it shows change (HcSlotModel): the row and
 * its widgets stay, and hc_list_slot_bind() sets again what they show.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-list-slot"

#include "config.h"

#include "hc-list-slot.h"

struct _HcListSlot
{
  GObject  parent_instance;

  GObject *item;
};

G_DEFINE_FINAL_TYPE (HcListSlot, hc_list_slot, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hc_list_slot_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HcListSlot *self = HC_LIST_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_list_slot_finalize (GObject *object)
{
  g_clear_object (&HC_LIST_SLOT (object)->item);

  G_OBJECT_CLASS (hc_list_slot_parent_class)->finalize (object);
}

static void
hc_list_slot_class_init (HcListSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hc_list_slot_get_property;
  object_class->finalize = hc_list_slot_finalize;

  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_list_slot_init (HcListSlot *self)
{
}

HcListSlot *
hc_list_slot_new (gpointer item)
{
  HcListSlot *self;

  g_return_val_if_fail (G_IS_OBJECT (item), NULL);

  self = g_object_new (HC_TYPE_LIST_SLOT, NULL);
  self->item = g_object_ref (item);
  return self;
}

gpointer
hc_list_slot_get_item (HcListSlot *self)
{
  g_return_val_if_fail (HC_IS_LIST_SLOT (self), NULL);

  return self->item;
}

void
hc_list_slot_set_item (HcListSlot *self,
                       gpointer    item)
{
  g_return_if_fail (HC_IS_LIST_SLOT (self));
  g_return_if_fail (G_IS_OBJECT (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/* Binding rows */

typedef struct
{
  GtkListItem       *list_item;  /* owns this */
  HcListSlot        *slot;       /* the one last bound, owned */
  gulong             handler;
  HcListSlotShowFunc show;
  gpointer           user_data;
} Watch;

static GQuark
watch_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("hc-list-slot-watch");
  return quark;
}

static void
watch_stop (Watch *watch)
{
  if (watch->slot != NULL)
    g_clear_signal_handler (&watch->handler, watch->slot);
  g_clear_object (&watch->slot);
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  watch_stop (watch);
  g_free (watch);
}

static void
slot_item_changed_cb (HcListSlot *slot,
                      GParamSpec *pspec,
                      Watch      *watch)
{
  /* Unbound since, or bound to another slot: nothing of this one shows. */
  if (gtk_list_item_get_item (watch->list_item) != (gpointer) slot)
    return;
  watch->show (watch->list_item, slot->item, watch->user_data);
}

void
hc_list_slot_bind (GtkListItem       *list_item,
                   HcListSlotShowFunc show,
                   gpointer           user_data)
{
  HcListSlot *slot;
  Watch *watch;

  g_return_if_fail (GTK_IS_LIST_ITEM (list_item));
  g_return_if_fail (show != NULL);

  slot = gtk_list_item_get_item (list_item);
  /* a list of the items themselves: shown as they are */
  if (!HC_IS_LIST_SLOT (slot))
    {
      show (list_item, slot, user_data);
      return;
    }

  watch = g_object_get_qdata (G_OBJECT (list_item), watch_quark ());
  if (watch == NULL)
    {
      watch = g_new0 (Watch, 1);
      watch->list_item = list_item;
      g_object_set_qdata_full (G_OBJECT (list_item), watch_quark (), watch, watch_free);
    }
  watch->show = show;
  watch->user_data = user_data;
  if (watch->slot != slot)
    {
      watch_stop (watch);
      watch->slot = g_object_ref (slot);
      watch->handler = g_signal_connect (slot, "notify::item", G_CALLBACK (slot_item_changed_cb), watch);
    }
  show (list_item, slot->item, user_data);
}
