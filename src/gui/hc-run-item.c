/* hc-run-item.c — one sync run as a GObject, for the History list model
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-run-item"

#include "config.h"

#include "hc-run-item.h"

struct _HcRunItem
{
  GObject    parent_instance;

  HcSyncRun *run;
};

G_DEFINE_FINAL_TYPE (HcRunItem, hc_run_item, G_TYPE_OBJECT)

static void
hc_run_item_finalize (GObject *object)
{
  HcRunItem *self = HC_RUN_ITEM (object);

  g_clear_pointer (&self->run, hc_sync_run_free);

  G_OBJECT_CLASS (hc_run_item_parent_class)->finalize (object);
}

static void
hc_run_item_class_init (HcRunItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_run_item_finalize;
}

static void
hc_run_item_init (HcRunItem *self)
{
}

HcRunItem *
hc_run_item_new (const HcSyncRun *run)
{
  HcRunItem *self;

  g_return_val_if_fail (run != NULL, NULL);

  self = g_object_new (HC_TYPE_RUN_ITEM, NULL);
  self->run = hc_sync_run_copy (run);

  return self;
}

const HcSyncRun *
hc_run_item_get_run (HcRunItem *self)
{
  g_return_val_if_fail (HC_IS_RUN_ITEM (self), NULL);

  return self->run;
}
