/* hc-disconnect.c — what disconnecting a connector does to its members: a plan, then a run
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-disconnect"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-disconnect.h"
#include "hc-error.h"

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

static void
plan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HcStore *store = task_data;
  gint64 connector_id = *(gint64 *) g_object_get_data (G_OBJECT (task), "connector-id");
  HcDisconnectMembers what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "what"));
  GError *error = NULL;
  HcPlan *plan = hc_disconnect_plan_new (store, connector_id, what, &error);

  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

void
hc_disconnect_plan_new_async (HcStore            *store,
                              gint64              connector_id,
                              HcDisconnectMembers what,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HC_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_disconnect_plan_new_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "connector-id", g_memdup2 (&connector_id, sizeof connector_id),
                          g_free);
  g_object_set_data (G_OBJECT (task), "what", GINT_TO_POINTER (what));
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, plan_thread);
}

HcPlan *
hc_disconnect_plan_new_finish (GAsyncResult *result,
                               GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
apply_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  HcStore *store = task_data;
  HcPlan *plan = g_object_get_data (G_OBJECT (task), "plan");
  GError *error = NULL;
  HcSyncRun *run;

  /* One transaction: no cancelling it once begun. */
  run = hc_disconnect_apply (store, plan, &error);
  if (run == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, run, (GDestroyNotify) hc_sync_run_free);
}

void
hc_disconnect_apply_async (HcStore            *store,
                           HcPlan             *plan,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HC_IS_STORE (store));
  g_return_if_fail (HC_IS_PLAN (plan));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_disconnect_apply_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "plan", g_object_ref (plan), g_object_unref);
  g_task_run_in_thread (task, apply_thread);
}

HcSyncRun *
hc_disconnect_apply_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
