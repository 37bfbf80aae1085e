/* hc-undo.c — the rollback of a connector's last applied sync: a preview, then one transaction
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-undo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-error.h"
#include "hc-json.h"
#include "hc-mapping.h"
#include "hc-member-snapshot.h"
#include "hc-store-task.h"
#include "hc-undo.h"

struct _HcUndo
{
  GObject    parent_instance;

  gint64     run_id;
  gint64     connector_id;
  char      *connector_name;    /* a removed connector's, for the undo run */
  GPtrArray *items;             /* of HcUndoItem* */
};

G_DEFINE_FINAL_TYPE (HcUndo, hc_undo, G_TYPE_OBJECT)

static void
undo_item_free (HcUndoItem *item)
{
  g_free (item->display_name);
  g_free (item->field);
  g_free (item->current);
  g_free (item->restored);
  g_free (item->reason);
  g_free (item->rule);
  g_free (item);
}

static void
hc_undo_finalize (GObject *object)
{
  HcUndo *self = HC_UNDO (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->connector_name);

  G_OBJECT_CLASS (hc_undo_parent_class)->finalize (object);
}

static void
hc_undo_class_init (HcUndoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_undo_finalize;
}

static void
hc_undo_init (HcUndo *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_item_free);
}

gboolean
hc_undo_can_undo (HcStore *store,
                  gint64   run_id,
                  GError **error)
{
  g_autoptr (HcSyncRun) run = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);

  run = hc_store_get_run (store, run_id, error);
  if (run == NULL)
    return FALSE;
  if (run->trigger == HC_SYNC_TRIGGER_EDIT)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("Change %lld was made by hand: edit, archive or restore the member again to change it back"),
                   (long long) run_id);
      return FALSE;
    }
  if (run->result != HC_SYNC_RESULT_SUCCESS ||
      (run->connector_id == 0 && run->trigger != HC_SYNC_TRIGGER_DISCONNECT))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("Sync %lld applied nothing, so there is nothing to undo"), (long long) run_id);
      return FALSE;
    }
  if (hc_store_get_undone_run (store, run_id) != 0)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("Sync %lld is itself an undo and cannot be undone"), (long long) run_id);
      return FALSE;
    }
  if (hc_store_find_undo_of (store, run_id) != 0)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("Sync %lld was undone already"), (long long) run_id);
      return FALSE;
    }
  /* rules.md 47: a disconnect's run whose connector is gone: nothing of
   * that connector ran since. */
  if (run->connector_id != 0 && hc_store_get_last_applied_run (store, run->connector_id) != run_id)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("Only the last applied sync of a connector can be undone, and %s has synced since sync %lld"),
                   run->connector_name ? run->connector_name : "—", (long long) run_id);
      return FALSE;
    }
  return TRUE;
}

static HcUndoItem *
add_item (HcUndo      *self,
          HcUndoAction action,
          HcMember    *member,
          const char  *field)
{
  HcUndoItem *item = g_new0 (HcUndoItem, 1);

  item->action = action;
  item->member_id = hc_member_get_id (member);
  item->display_name = g_strdup (hc_member_get_display_name (member));
  item->field = g_strdup (field);
  g_ptr_array_add (self->items, item);
  return item;
}

static void
add_keep (HcUndo     *self,
          HcMember   *member,
          const char *field,
          const char *reason)
{
  HcUndoItem *item = add_item (self, HC_UNDO_KEEP, member, field);

  item->reason = g_strdup (reason);
}

/* The value of @field now, as the sync recorded it; FALSE when the undo
 * cannot put it back. */
static gboolean
current_value (HcMember    *member,
               const char  *field,
               const char **value)
{
  if (g_str_equal (field, "state"))
    *value = hc_member_state_to_string (hc_member_get_state (member));
  else if (g_str_equal (field, "access"))
    *value = hc_member_get_has_access (member) ? "yes" : "no";
  else if (g_str_equal (field, "hr_status"))
    *value = hc_hr_status_to_string (hc_member_get_hr_status (member));
  else if (g_str_equal (field, HC_MEMBER_FIELD_EMPLOYEE_ID))
    *value = hc_member_get_external_id (member);
  else if (g_str_equal (field, HC_MEMBER_FIELD_MANAGER))
    return FALSE;
  else
    *value = hc_member_get_field (member, field);
  return TRUE;
}

static void
add_field_restore (HcUndo            *self,
                   HcMember          *member,
                   const HcRunChange *change)
{
  const char *now = NULL;
  HcUndoItem *item;

  if (!current_value (member, change->field, &now))
    {
      add_keep (self, member, change->field,
                _("The history names the previous manager only: set it again by hand if needed"));
      return;
    }
  if (g_strcmp0 (now != NULL && *now != '\0' ? now : NULL,
                 change->after != NULL && *change->after != '\0' ? change->after : NULL) != 0)
    {
      add_keep (self, member, change->field, _("Changed again since the sync"));
      return;
    }
  item = add_item (self, HC_UNDO_RESTORE, member, change->field);
  item->current = g_strdup (now);
  item->restored = g_strdup (change->before);
  if (g_str_equal (change->field, "hr_status"))
    item->connector_id = hc_member_get_connector_id (member);
}

/* What a sync changed in groups and roles goes back (rules.md 38): the
 * apply checks what is still there. */
static void
add_group_restore (HcUndo            *self,
                   const HcRunChange *change)
{
  HcUndoItem *item = g_new0 (HcUndoItem, 1);

  item->action = HC_UNDO_RESTORE;
  item->member_id = change->member_id;
  item->display_name = g_strdup (change->member_name);
  item->field = g_strdup (change->kind);
  item->current = g_strdup (change->after);
  item->restored = g_strdup (change->before);
  item->object_id = change->object_id;
  item->rule = g_strdup (change->rule);
  g_ptr_array_add (self->items, item);
}

/* A member a disconnect removed (rules.md 47) is put back whole, unless
 * someone in the directory has its e-mail now. */
static void
add_put_back (HcUndo            *self,
              HcStore           *store,
              const HcRunChange *change)
{
  g_autofree char *email = hc_member_snapshot_dup_email (change->before);
  g_autoptr (HcMember) other = email != NULL && *email != '\0'
                               ? hc_store_find_member_by_email (store, email, NULL) : NULL;
  HcUndoItem *item = g_new0 (HcUndoItem, 1);

  item->member_id = change->member_id;
  item->display_name = g_strdup (change->member_name != NULL ? change->member_name : email);
  if (other != NULL && hc_member_get_state (other) != HC_MEMBER_STATE_ARCHIVED)
    {
      item->action = HC_UNDO_KEEP;
      item->reason = g_strdup_printf (_("%s has this e-mail in the directory now"),
                                      hc_member_get_display_name (other));
    }
  else
    {
      item->action = HC_UNDO_PUT_BACK;
      item->restored = g_strdup (change->before);
    }
  g_ptr_array_add (self->items, item);
}

HcUndo *
hc_undo_new (HcStore *store,
             gint64   run_id,
             GError **error)
{
  g_autoptr (HcUndo) self = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GHashTable) members = NULL;    /* member id → HcMember*, or NULL when gone */
  g_autoptr (GHashTable) status_done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GPtrArray) group_changes = g_ptr_array_new ();

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  if (!hc_undo_can_undo (store, run_id, error))
    return NULL;
  run = hc_store_get_run (store, run_id, error);
  if (run == NULL)
    return NULL;
  changes = hc_store_list_run_changes (store, run_id, error);
  if (changes == NULL)
    return NULL;

  self = g_object_new (HC_TYPE_UNDO, NULL);
  self->run_id = run_id;
  self->connector_id = run->connector_id;
  self->connector_name = g_strdup (run->connector_name);
  members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  for (guint i = 0; i < changes->len; i++)
    {
      HcRunChange *change = g_ptr_array_index (changes, i);
      HcMember *member;

      if (change->object_id != 0)
        {
          /* groups and roles: undone last, newest first */
          g_ptr_array_add (group_changes, change);
          continue;
        }
      if (g_str_equal (change->kind, hc_plan_kind_to_string (HC_PLAN_REMOVE)))
        {
          add_put_back (self, store, change);
          continue;
        }
      if (change->member_id == 0 || g_str_equal (change->kind, "staged_archive") ||
          g_str_equal (change->kind, "skip") || g_str_equal (change->kind, "unchanged"))
        continue;

      member = g_hash_table_lookup (members, &change->member_id);
      if (member == NULL)
        {
          member = hc_store_get_member (store, change->member_id, NULL);
          if (member == NULL)
            continue;   /* gone since: nothing to put back */
          g_hash_table_insert (members, g_memdup2 (&change->member_id, sizeof (gint64)), member);
        }

      if (g_str_equal (change->kind, "invite") || g_str_equal (change->kind, "create_no_access"))
        {
          gint64 created_at = 0, updated_at = 0;

          hc_store_get_member_times (store, change->member_id, &created_at, &updated_at);
          if (updated_at == created_at)
            add_item (self, HC_UNDO_REMOVE, member, NULL)->updated_at = updated_at;
          else
            add_keep (self, member, NULL, _("Changed since the sync created it, so it stays"));
          continue;
        }

      if (change->field != NULL)
        add_field_restore (self, member, change);

      if (g_str_equal (change->kind, "become_managed") &&
          !g_hash_table_contains (status_done, &change->member_id))
        {
          HcHrStatus status;
          gint64 connector_id;
          HcUndoItem *item;

          g_hash_table_add (status_done, g_memdup2 (&change->member_id, sizeof (gint64)));
          if (hc_member_get_hr_status (member) != HC_HR_STATUS_MANAGED ||
              hc_member_get_connector_id (member) != run->connector_id)
            {
              add_keep (self, member, "hr_status", _("Changed again since the sync"));
              continue;
            }
          hc_store_get_status_before_run (store, change->member_id, run_id, &status, &connector_id);
          item = add_item (self, HC_UNDO_RESTORE, member, "hr_status");
          item->current = g_strdup (hc_hr_status_to_string (HC_HR_STATUS_MANAGED));
          item->restored = g_strdup (hc_hr_status_to_string (status));
          item->connector_id = connector_id;
        }
    }

  for (guint i = group_changes->len; i-- > 0;)
    add_group_restore (self, g_ptr_array_index (group_changes, i));

  return g_steal_pointer (&self);
}

gint64
hc_undo_get_run_id (HcUndo *self)
{
  g_return_val_if_fail (HC_IS_UNDO (self), 0);
  return self->run_id;
}

gint64
hc_undo_get_connector_id (HcUndo *self)
{
  g_return_val_if_fail (HC_IS_UNDO (self), 0);
  return self->connector_id;
}

GPtrArray *
hc_undo_get_items (HcUndo *self)
{
  g_return_val_if_fail (HC_IS_UNDO (self), NULL);
  return self->items;
}

guint
hc_undo_count_members (HcUndo      *self,
                       HcUndoAction action)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (HC_IS_UNDO (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      HcUndoItem *item = g_ptr_array_index (self->items, i);

      /* a membership of a group or a role is counted apart */
      if (item->action == action && item->member_id != 0 && item->object_id == 0)
        g_hash_table_add (seen, &item->member_id);
    }
  return g_hash_table_size (seen);
}

char *
hc_undo_dup_summary (HcUndo *self)
{
  guint removed = hc_undo_count_members (self, HC_UNDO_REMOVE);
  guint restored = hc_undo_count_members (self, HC_UNDO_RESTORE);
  guint kept = hc_undo_count_members (self, HC_UNDO_KEEP);
  guint put_back = hc_undo_count_members (self, HC_UNDO_PUT_BACK);
  guint in_groups = 0;
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->items->len; i++)
    in_groups += ((HcUndoItem *) g_ptr_array_index (self->items, i))->object_id != 0;
  if (removed + restored + kept + put_back + in_groups == 0)
    {
      g_string_append (text, _("The undo changes nothing: the members this sync changed are gone."));
      return g_string_free (text, FALSE);
    }
  /* One sentence per number, zeros left out. */
  if (removed)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Removes %u member it created.",
                                               "Removes %u members it created.", removed), removed);
  if (restored)
    {
      if (text->len)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Restores %u member as it was before.",
                                                 "Restores %u members as they were before.", restored), restored);
    }
  if (put_back)
    {
      if (text->len)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Puts back %u removed member.",
                                                 "Puts back %u removed members.", put_back), put_back);
    }
  if (kept)
    {
      if (text->len)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Keeps %u member as it is.",
                                                 "Keeps %u members as they are.", kept), kept);
    }
  if (in_groups)
    {
      if (text->len)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Takes back %u change in groups and roles.",
                                                 "Takes back %u changes in groups and roles.", in_groups),
                              in_groups);
    }
  return g_string_free (text, FALSE);
}

const char *
hc_undo_action_to_string (HcUndoAction action)
{
  switch (action)
    {
    case HC_UNDO_REMOVE:
      return "remove";
    case HC_UNDO_RESTORE:
      return "restore";
    case HC_UNDO_PUT_BACK:
      return "put_back";
    case HC_UNDO_KEEP:
    default:
      return "keep";
    }
}

char *
hc_undo_describe_field (const char *field)
{
  if (field == NULL)
    return g_strdup (_("Member"));
  if (g_str_equal (field, "state"))
    return g_strdup (_("State"));
  if (g_str_equal (field, "access"))
    return g_strdup (_("Access"));
  if (g_str_equal (field, "hr_status"))
    return g_strdup (_("HR status"));
  if (g_str_equal (field, "group"))
    return g_strdup (_("Group"));
  if (g_str_equal (field, "role"))
    return g_strdup (_("Role"));
  /* an undo item of groups and roles names what the sync did there */
  if (g_str_has_prefix (field, "group_") || g_str_has_prefix (field, "role_"))
    return g_strdup (hc_undo_describe_change_kind (field));
  return hc_mapping_describe_target (field);
}

const char *
hc_undo_describe_value (const char *field,
                        const char *value)
{
  if (value == NULL || *value == '\0')
    return "—";
  if (field == NULL)
    return value;

  if (g_str_equal (field, "state"))
    {
      if (g_str_equal (value, "active"))
        return C_("member state", "Active");
      if (g_str_equal (value, "invited"))
        return C_("member state", "Invited");
      if (g_str_equal (value, "archived"))
        return C_("member state", "Archived");
    }
  else if (g_str_equal (field, "hr_status"))
    {
      if (g_str_equal (value, "managed"))
        return C_("hr status", "Managed by HR");
      if (g_str_equal (value, "previously_managed"))
        return C_("hr status", "No longer managed");
      if (g_str_equal (value, "manual"))
        return C_("hr status", "Manual");
    }
  else if (g_str_equal (field, "access"))
    {
      if (g_str_equal (value, "yes"))
        return _("Can sign in");
      if (g_str_equal (value, "no"))
        return _("No login");
    }

  return value;
}

/* The recorded kind of a change, for people. */
const char *
hc_undo_describe_change_kind (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { "invite", N_("Invited") },
    { "create_no_access", N_("Created without access") },
    { "become_managed", N_("Became managed") },
    { "update", N_("Updated") },
    { "archive", N_("Archived") },
    { "unmanage", N_("No longer managed") },
    { "staged_archive", N_("Archive not approved") },
    { HC_RUN_CHANGE_UNDO_REMOVE, N_("Removed") },
    { HC_RUN_CHANGE_UNDO_RESTORE, N_("Restored") },
    { HC_RUN_CHANGE_UNDO_KEEP, N_("Kept as it is") },
    { HC_RUN_CHANGE_UNDO_PUT_BACK, N_("Put back") },
    { "remove", N_("Removed from the directory") },
    { HC_RUN_CHANGE_ADD, N_("Added by hand") },
    { HC_RUN_CHANGE_EDIT, N_("Edited by hand") },
    { HC_RUN_CHANGE_RESTORE, N_("Restored") },
    { HC_RUN_CHANGE_JOINED, N_("Joined") },
    { HC_RUN_CHANGE_INVITE, N_("Invited") },
    { HC_RUN_CHANGE_RESEND, N_("Invitation sent again") },
    { HC_RUN_CHANGE_GROUP_CREATE, N_("Group created") },
    { HC_RUN_CHANGE_GROUP_RENAME, N_("Group renamed") },
    { HC_RUN_CHANGE_GROUP_MOVE, N_("Group moved") },
    { HC_RUN_CHANGE_GROUP_DELETE, N_("Group deleted") },
    { HC_RUN_CHANGE_GROUP_JOIN, N_("Added to a group") },
    { HC_RUN_CHANGE_GROUP_LEAVE, N_("Removed from a group") },
    { HC_RUN_CHANGE_GROUP_ARCHIVE, N_("Group archived") },
    { HC_RUN_CHANGE_GROUP_RESTORE, N_("Group back from the archive") },
    { HC_RUN_CHANGE_ROLE_CREATE, N_("Role created") },
    { HC_RUN_CHANGE_ROLE_RENAME, N_("Role renamed") },
    { HC_RUN_CHANGE_ROLE_DELETE, N_("Role deleted") },
    { HC_RUN_CHANGE_ROLE_ADD, N_("Role given") },
    { HC_RUN_CHANGE_ROLE_REMOVE, N_("Role taken back") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].kind) == 0)
      return _(labels[i].label);
  return kind;
}

void
hc_undo_to_json (HcUndo      *self,
                 JsonBuilder *builder)
{
  g_return_if_fail (HC_IS_UNDO (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "run");
  json_builder_add_int_value (builder, self->run_id);
  json_builder_set_member_name (builder, "connector_id");
  json_builder_add_int_value (builder, self->connector_id);
  json_builder_set_member_name (builder, "removed");
  json_builder_add_int_value (builder, hc_undo_count_members (self, HC_UNDO_REMOVE));
  json_builder_set_member_name (builder, "restored");
  json_builder_add_int_value (builder, hc_undo_count_members (self, HC_UNDO_RESTORE));
  json_builder_set_member_name (builder, "kept");
  json_builder_add_int_value (builder, hc_undo_count_members (self, HC_UNDO_KEEP));
  json_builder_set_member_name (builder, "put_back");
  json_builder_add_int_value (builder, hc_undo_count_members (self, HC_UNDO_PUT_BACK));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      HcUndoItem *item = g_ptr_array_index (self->items, i);

      json_builder_begin_object (builder);
      hc_json_add_string (builder, "action", hc_undo_action_to_string (item->action));
      json_builder_set_member_name (builder, "member_id");
      json_builder_add_int_value (builder, item->member_id);
      hc_json_add_string (builder, "name", item->display_name);
      hc_json_add_string (builder, "field", item->field);
      hc_json_add_string (builder, "current", item->current);
      /* a put-back's snapshot is the whole member: not for the listing */
      hc_json_add_string (builder, "restored", item->action == HC_UNDO_PUT_BACK ? NULL : item->restored);
      hc_json_add_string (builder, "reason", item->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

gboolean
hc_undo_apply (HcUndo       *self,
               HcStore      *store,
               HcSyncTrigger trigger,
               HcSyncRun   **out_run,
               GError      **error)
{
  g_autoptr (HcSyncRun) run = NULL;

  g_return_val_if_fail (HC_IS_UNDO (self), FALSE);
  g_return_val_if_fail (HC_IS_STORE (store), FALSE);

  run = hc_sync_run_new (self->connector_id, trigger);
  run->connector_name = g_strdup (self->connector_name);
  /* What the run did, in the columns History has: members put back count
   * as updated, members kept as skipped. */
  run->counts[HC_PLAN_UPDATE] = hc_undo_count_members (self, HC_UNDO_RESTORE) +
                                hc_undo_count_members (self, HC_UNDO_PUT_BACK);
  run->counts[HC_PLAN_SKIP] = hc_undo_count_members (self, HC_UNDO_KEEP);
  if (!hc_store_apply_undo (store, self->run_id, self->items, run, error))
    return FALSE;
  if (out_run)
    *out_run = g_steal_pointer (&run);
  return TRUE;
}

static gpointer
new_work (gpointer source_object,
          HcStore *store,
          gpointer data,
          GError **error)
{
  return hc_undo_new (store, *(gint64 *) data, error);
}

void
hc_undo_new_async (HcStore            *store,
                   gint64              run_id,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  static const HcStoreTask task = {
    hc_undo_new_async, new_work, g_object_unref, TRUE
  };

  hc_store_task_run_async (&task, NULL, store, g_memdup2 (&run_id, sizeof run_id), g_free,
                           cancellable, callback, user_data);
}

HcUndo *
hc_undo_new_finish (GAsyncResult *result,
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
  HcSyncRun *run = NULL;

  /* Past this point the rollback is one transaction: no cancelling it. */
  if (!hc_undo_apply (HC_UNDO (source_object), store, GPOINTER_TO_INT (data), &run, error))
    return NULL;
  return run;
}

void
hc_undo_apply_async (HcUndo             *self,
                     HcStore            *store,
                     HcSyncTrigger       trigger,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  static const HcStoreTask task = {
    hc_undo_apply_async, apply_work, (GDestroyNotify) hc_sync_run_free, FALSE
  };

  g_return_if_fail (HC_IS_UNDO (self));

  hc_store_task_run_async (&task, self, store, GINT_TO_POINTER (trigger), NULL,
                           cancellable, callback, user_data);
}

HcSyncRun *
hc_undo_apply_finish (HcUndo       *self,
                      GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (HC_IS_UNDO (self), NULL);

  return hc_store_task_finish (result, self, error);
}

/* A created member's row holds its values as one JSON object: one row
 * per field. FALSE when @change is not such a row. */
static gboolean
foreach_created_row (const HcRunChange *change,
                     HcRunChangeRowFunc func,
                     gpointer           user_data)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GList) names = NULL;
  JsonObject *object;

  if (change->field != NULL || change->before != NULL || change->after == NULL || change->after[0] != '{')
    return FALSE;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, change->after, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      g_autofree char *field = hc_undo_describe_field (l->data);

      func (field, NULL, JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL, user_data);
    }
  return TRUE;
}

void
hc_undo_foreach_change_row (const HcRunChange *change,
                            HcRunChangeRowFunc func,
                            gpointer           user_data)
{
  g_autofree char *field = NULL;
  const char *before = change->before, *after = change->after;

  g_return_if_fail (change != NULL && func != NULL);

  if (foreach_created_row (change, func, user_data))
    return;
  if (g_strcmp0 (change->kind, HC_RUN_CHANGE_UNDO_REMOVE) == 0)
    before = after = NULL;
  else if (g_strcmp0 (change->kind, HC_RUN_CHANGE_UNDO_KEEP) == 0)
    before = NULL;   /* after: why */
  if (change->field != NULL)
    {
      field = hc_undo_describe_field (change->field);
      /* "No longer managed", not "previously_managed" */
      if (before != NULL)
        before = hc_undo_describe_value (change->field, before);
      if (after != NULL && g_strcmp0 (change->kind, HC_RUN_CHANGE_UNDO_KEEP) != 0)
        after = hc_undo_describe_value (change->field, after);
    }
  func (field, before, after, user_data);
}
