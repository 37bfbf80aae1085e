/* hc-run-change-item.c — one field change of a sync run, for the run dialog's list model
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-run-change-item"

#include "config.h"

#include <string.h>

#include "hc-run-change-item.h"

struct _HcRunChangeItem
{
  GObject parent_instance;

  char   *member;
  char   *change;
  char   *field;
  char   *before;
  char   *after;
  char   *search_text;          /* folded, built on first search */
};

G_DEFINE_FINAL_TYPE (HcRunChangeItem, hc_run_change_item, G_TYPE_OBJECT)

static void
hc_run_change_item_finalize (GObject *object)
{
  HcRunChangeItem *self = HC_RUN_CHANGE_ITEM (object);

  g_free (self->member);
  g_free (self->change);
  g_free (self->field);
  g_free (self->before);
  g_free (self->after);
  g_free (self->search_text);

  G_OBJECT_CLASS (hc_run_change_item_parent_class)->finalize (object);
}

static void
hc_run_change_item_class_init (HcRunChangeItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_run_change_item_finalize;
}

static void
hc_run_change_item_init (HcRunChangeItem *self)
{
}

HcRunChangeItem *
hc_run_change_item_new (const char *member,
                        const char *change,
                        const char *field,
                        const char *before,
                        const char *after)
{
  HcRunChangeItem *self = g_object_new (HC_TYPE_RUN_CHANGE_ITEM, NULL);

  self->member = g_strdup (member);
  self->change = g_strdup (change);
  self->field = g_strdup (field);
  self->before = g_strdup (before);
  self->after = g_strdup (after);
  return self;
}

const char *
hc_run_change_item_get_member (HcRunChangeItem *self)
{
  g_return_val_if_fail (HC_IS_RUN_CHANGE_ITEM (self), NULL);
  return self->member;
}

const char *
hc_run_change_item_get_change (HcRunChangeItem *self)
{
  g_return_val_if_fail (HC_IS_RUN_CHANGE_ITEM (self), NULL);
  return self->change;
}

const char *
hc_run_change_item_get_field (HcRunChangeItem *self)
{
  g_return_val_if_fail (HC_IS_RUN_CHANGE_ITEM (self), NULL);
  return self->field;
}

const char *
hc_run_change_item_get_before (HcRunChangeItem *self)
{
  g_return_val_if_fail (HC_IS_RUN_CHANGE_ITEM (self), NULL);
  return self->before;
}

const char *
hc_run_change_item_get_after (HcRunChangeItem *self)
{
  g_return_val_if_fail (HC_IS_RUN_CHANGE_ITEM (self), NULL);
  return self->after;
}

gboolean
hc_run_change_item_matches (HcRunChangeItem *self,
                            const char      *folded_query)
{
  g_return_val_if_fail (HC_IS_RUN_CHANGE_ITEM (self), FALSE);

  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;
  if (self->search_text == NULL)
    {
      g_autofree char *joined = g_strjoin ("\n", self->member ? self->member : "",
                                           self->change ? self->change : "",
                                           self->field ? self->field : "",
                                           self->before ? self->before : "",
                                           self->after ? self->after : "", NULL);

      self->search_text = g_utf8_casefold (joined, -1);
    }
  return strstr (self->search_text, folded_query) != NULL;
}
