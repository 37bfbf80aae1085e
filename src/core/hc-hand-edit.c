/* hc-hand-edit.c — what groups and roles by hand share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-hand-edit"

#include "config.h"

#include "hc-group-path.h"
#include "hc-hand-edit.h"

gpointer
hc_hand_edit_find_name (GPtrArray     *items,
                        gsize          name_offset,
                        const char    *name,
                        HcHandEditKeep keep,
                        gconstpointer  data)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = hc_group_name_key (name);
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      g_autofree char *other = NULL;

      if (keep != NULL && !keep (item, data))
        continue;
      other = hc_group_name_key (G_STRUCT_MEMBER (char *, item, name_offset));
      if (g_str_equal (key, other))
        return item;
    }
  return NULL;
}

HcHandChange *
hc_hand_edit_change_new (const char *kind,
                         const char *field,
                         gint64      object_id,
                         gint64      member_id,
                         const char *before,
                         const char *after)
{
  HcHandChange *change = g_new0 (HcHandChange, 1);

  change->kind = kind;
  change->group_id = object_id;
  change->member_id = member_id;
  change->field = g_strdup (field);
  change->before = g_strdup (before);
  change->after = g_strdup (after);
  return change;
}

GPtrArray *
hc_hand_edit_changes_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) hc_hand_change_free);
}

gboolean
hc_hand_edit_members (HcStore                *store,
                      const HcHandEditTarget *target,
                      GHashTable             *holders,
                      GArray                 *member_ids,
                      gboolean                add,
                      gint64                 *run_id,
                      GError                **error)
{
  g_autoptr (GHashTable) done = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) changes = hc_hand_edit_changes_new ();

  g_return_val_if_fail (HC_IS_STORE (store) && target != NULL, FALSE);
  g_return_val_if_fail (holders != NULL && member_ids != NULL, FALSE);

  for (guint i = 0; i < member_ids->len; i++)
    {
      gint64 *id = &g_array_index (member_ids, gint64, i);
      gboolean held = g_hash_table_contains (holders, id);

      if (!g_hash_table_add (done, id))
        continue;
      if (target->check != NULL && !target->check (*id, add, held, target->data, error))
        return FALSE;
      g_ptr_array_add (changes, hc_hand_edit_change_new (add ? target->add_kind : target->remove_kind,
                                                         target->field, target->id, *id,
                                                         add ? NULL : target->label,
                                                         add ? target->label : NULL));
    }
  return hc_hand_edit_apply (store, changes, changes->len, run_id, error);
}

gboolean
hc_hand_edit_apply (HcStore   *store,
                    GPtrArray *changes,
                    guint      n_members,
                    gint64    *run_id,
                    GError   **error)
{
  g_autoptr (HcSyncRun) run = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (run_id != NULL)
    *run_id = 0;
  if (changes->len == 0)
    return TRUE;
  run = hc_sync_run_new (0, HC_SYNC_TRIGGER_EDIT);
  run->counts[HC_PLAN_UPDATE] = n_members;
  if (!hc_store_apply_hand_changes (store, changes, run, error))
    return FALSE;
  if (run_id != NULL)
    *run_id = run->id;
  return TRUE;
}
