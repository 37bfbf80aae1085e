/* hc-group-item.c — one group as a GObject, for the Groups page's tree
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-group-item"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-group-item.h"

struct _HcGroupItem
{
  GObject       parent_instance;

  gint64        id;
  gint64        parent_id;
  char         *name;
  char         *path;
  char         *label;
  guint         n_members;
  guint         n_direct;
  HcGroupOrigin origin;
  gboolean      archived;
  GListStore   *children;
};

G_DEFINE_FINAL_TYPE (HcGroupItem, hc_group_item, G_TYPE_OBJECT)

static void
hc_group_item_finalize (GObject *object)
{
  HcGroupItem *self = HC_GROUP_ITEM (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (hc_group_item_parent_class)->finalize (object);
}

static void
hc_group_item_class_init (HcGroupItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_group_item_finalize;
}

static void
hc_group_item_init (HcGroupItem *self)
{
  self->children = g_list_store_new (HC_TYPE_GROUP_ITEM);
}

HcGroupItem *
hc_group_item_new (const HcGroup *group)
{
  HcGroupItem *self;

  g_return_val_if_fail (group != NULL, NULL);

  self = g_object_new (HC_TYPE_GROUP_ITEM, NULL);
  self->id = group->id;
  self->parent_id = group->parent_id;
  self->name = g_strdup (group->name);
  self->path = g_strdup (group->path != NULL ? group->path : group->name);
  self->label = g_strdup (group->name);
  self->n_members = group->n_members;
  self->n_direct = group->n_direct;
  self->origin = group->origin;
  self->archived = group->archived;

  return self;
}

gint64
hc_group_item_get_id (HcGroupItem *self)
{
  g_return_val_if_fail (HC_IS_GROUP_ITEM (self), 0);

  return self->id;
}

gint64
hc_group_item_get_parent_id (HcGroupItem *self)
{
  g_return_val_if_fail (HC_IS_GROUP_ITEM (self), 0);

  return self->parent_id;
}

const char *
hc_group_item_get_name (HcGroupItem *self)
{
  g_return_val_if_fail (HC_IS_GROUP_ITEM (self), NULL);

  return self->name;
}

const char *
hc_group_item_get_path (HcGroupItem *self)
{
  g_return_val_if_fail (HC_IS_GROUP_ITEM (self), NULL);

  return self->path;
}

const char *
hc_group_item_get_label (HcGroupItem *self)
{
  g_return_val_if_fail (HC_IS_GROUP_ITEM (self), NULL);

  return self->label;
}

guint
hc_group_item_get_n_members (HcGroupItem *self)
{
  g_return_val_if_fail (HC_IS_GROUP_ITEM (self), 0);

  return self->n_members;
}

guint
hc_group_item_get_n_direct (HcGroupItem *self)
{
  g_return_val_if_fail (HC_IS_GROUP_ITEM (self), 0);

  return self->n_direct;
}

HcGroupOrigin
hc_group_item_get_origin (HcGroupItem *self)
{
  g_return_val_if_fail (HC_IS_GROUP_ITEM (self), HC_GROUP_ORIGIN_HAND);

  return self->origin;
}

gboolean
hc_group_item_get_archived (HcGroupItem *self)
{
  g_return_val_if_fail (HC_IS_GROUP_ITEM (self), FALSE);

  return self->archived;
}

GListStore *
hc_group_item_get_children (HcGroupItem *self)
{
  g_return_val_if_fail (HC_IS_GROUP_ITEM (self), NULL);

  return self->children;
}

GListStore *
hc_group_item_build_tree (GPtrArray *groups)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GListStore *top = g_list_store_new (HC_TYPE_GROUP_ITEM);

  g_return_val_if_fail (groups != NULL, top);

  /* Tree order puts a parent before its subgroups: one pass does. */
  for (guint i = 0; i < groups->len; i++)
    {
      const HcGroup *group = g_ptr_array_index (groups, i);
      g_autoptr (HcGroupItem) item = hc_group_item_new (group);
      HcGroupItem *parent = g_hash_table_lookup (by_id, &group->parent_id);

      if (parent != NULL)
        {
          g_free (item->label);
          /* Translators: a group under its parent, "Paris / Engineering" */
          item->label = g_strdup_printf (C_("group path", "%s / %s"), parent->label, item->name);
          g_list_store_append (parent->children, item);
        }
      else
        g_list_store_append (top, item);
      g_hash_table_insert (by_id, &item->id, item);
    }

  return top;
}
