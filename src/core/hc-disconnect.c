/* hc-disconnect.c — what disconnecting a connector does to its members: a plan, then a run
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-disconnect"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-disconnect.h"
#include "hc-error.h"
#include "hc-store-task.h"

static HcPlanItem *
make_item (HcPlanKind  kind,
           HcMember   *member,
           const char *connector_name)
{
  HcPlanItem *item = g_new0 (HcPlanItem, 1);

  item->kind = kind;
  item->member_id = hc_member_get_id (member);
  item->employee_id = g_strdup (hc_member_get_external_id (member));
  item->display_name = g_strdup (hc_member_get_display_name (member));
  item->email = g_strdup (hc_member_get_email (member));
  item->reason = g_strdup_printf (_("Managed by %s, which is being disconnected"), connector_name);
  if (kind == HC_PLAN_ARCHIVE)
    {
      HcFieldChange *change = g_new0 (HcFieldChange, 1);

      /* what the undo puts back (hc-undo.c) */
      change->field = g_strdup ("state");
      change->before = g_strdup (hc_member_state_to_string (hc_member_get_state (member)));
      change->after = g_strdup ("archived");
      item->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_change_free);
      g_ptr_array_add (item->changes, change);
    }
  return item;
}

HcPlan *
hc_disconnect_plan_new (HcStore            *store,
                        gint64              connector_id,
                        HcDisconnectMembers what,
                        GError            **error)
{
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GPtrArray) members = NULL;
  GPtrArray *items;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  info = hc_store_get_connector (store, connector_id, error);
  if (info == NULL)
    return NULL;
  members = hc_store_list_members (store, error);
  if (members == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_plan_item_free);
  for (guint i = 0; i < members->len && what != HC_DISCONNECT_KEEP_MEMBERS; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      /* rules.md 47: its managed members only; never one made by hand, no
       * longer managed, or another connector's. */
      if (hc_member_get_connector_id (member) != connector_id ||
          hc_member_get_hr_status (member) != HC_HR_STATUS_MANAGED)
        continue;
      if (what == HC_DISCONNECT_REMOVE_MEMBERS)
        g_ptr_array_add (items, make_item (HC_PLAN_REMOVE, member, info->name));
      else if (hc_member_get_state (member) != HC_MEMBER_STATE_ARCHIVED)
        g_ptr_array_add (items, make_item (HC_PLAN_ARCHIVE, member, info->name));
    }
  return hc_plan_new_from_items (connector_id, items);
}

HcSyncRun *
hc_disconnect_apply (HcStore *store,
                     HcPlan  *plan,
                     GError **error)
{
  g_autoptr (HcSyncRun) run = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (HC_IS_PLAN (plan), NULL);

  run = hc_sync_run_new (hc_plan_get_connector_id (plan), HC_SYNC_TRIGGER_DISCONNECT);
  if (!hc_store_apply_plan (store, plan, run, error))
    return NULL;
  return g_steal_pointer (&run);
}

const char *
hc_disconnect_members_to_string (HcDisconnectMembers what)
{
  switch (what)
    {
    case HC_DISCONNECT_ARCHIVE_MEMBERS:
      return "archive";
    case HC_DISCONNECT_REMOVE_MEMBERS:
      return "remove";
    case HC_DISCONNECT_KEEP_MEMBERS:
    default:
      return "keep";
    }
}

typedef struct
{
  gint64              connector_id;
  HcDisconnectMembers what;
} PlanArgs;

static gpointer
plan_work (gpointer source_object,
           HcStore *store,
           gpointer data,
           GError **error)
{
  PlanArgs *args = data;

  return hc_disconnect_plan_new (store, args->connector_id, args->what, error);
}

void
hc_disconnect_plan_new_async (HcStore            *store,
                              gint64              connector_id,
                              HcDisconnectMembers what,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  static const HcStoreTask task = {
    hc_disconnect_plan_new_async, plan_work, g_object_unref, TRUE
  };
  PlanArgs *args = g_new0 (PlanArgs, 1);

  args->connector_id = connector_id;
  args->what = what;
  hc_store_task_run_async (&task, NULL, store, args, g_free, cancellable, callback, user_data);
}

HcPlan *
hc_disconnect_plan_new_finish (GAsyncResult *result,
                               GError      **error)
{
  return hc_store_task_finish (result, NULL, error);
}

static gpointer
apply_work (gpointer source_object,
            HcStore *store,
            gpointer data,
            GError **error)
{
  /* One transaction: no cancelling it once begun. */
  return hc_disconnect_apply (store, HC_PLAN (data), error);
}

void
hc_disconnect_apply_async (HcStore            *store,
                           HcPlan             *plan,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  static const HcStoreTask task = {
    hc_disconnect_apply_async, apply_work, (GDestroyNotify) hc_sync_run_free, FALSE
  };

  g_return_if_fail (HC_IS_PLAN (plan));

  hc_store_task_run_async (&task, NULL, store, g_object_ref (plan), g_object_unref,
                           cancellable, callback, user_data);
}

HcSyncRun *
hc_disconnect_apply_finish (GAsyncResult *result,
                            GError      **error)
{
  return hc_store_task_finish (result, NULL, error);
}
