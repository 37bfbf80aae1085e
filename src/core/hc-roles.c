/* hc-roles.c — the role catalogue by hand, and who holds which role
 *
 * The app and headcount-cli's roles commands share these operations: each
 * one validates against the catalogue as it is, then applies its changes
 * as one run by hand (hc_store_apply_hand_changes()).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-roles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-error.h"
#include "hc-group-path.h"
#include "hc-hand-edit.h"
#include "hc-roles.h"

GPtrArray *
hc_roles_list (HcStore *store,
               GError **error)
{
  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  return hc_store_list_roles (store, error);
}

HcRole *
hc_roles_find (GPtrArray  *roles,
               const char *name,
               GError    **error)
{
  HcRole *role;

  g_return_val_if_fail (roles != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  role = hc_hand_edit_find_name (roles, G_STRUCT_OFFSET (HcRole, name), name, NULL, NULL);
  if (role == NULL)
    g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
                 /* Translators: %s is a role name */
                 _("There is no role “%s”"), name);
  return role;
}

/* A trimmed name, or NULL with an error for a blank one. */
static char *
check_name (const char *name,
            GError    **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT, _("A role needs a name"));
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

static gboolean
check_free (GPtrArray  *roles,
            const char *name,
            gint64      self_id,
            GError    **error)
{
  HcRole *other = hc_roles_find (roles, name, NULL);

  if (other == NULL || other->id == self_id)
    return TRUE;
  g_set_error (error, HC_ERROR, HC_ERROR_EXISTS,
               /* Translators: a role name, then the name of the role that exists */
               _("There is a role “%s” already: “%s” (names are compared without case or accents)"),
               name, other->name);
  return FALSE;
}

static HcHandChange *
role_change_new (const char *kind,
                 gint64      role_id,
                 gint64      member_id,
                 const char *before,
                 const char *after)
{
  return hc_hand_edit_change_new (kind, "role", role_id, member_id, before, after);
}

gboolean
hc_roles_create (HcStore    *store,
                 const char *name,
                 gint64     *role_id,
                 gint64     *run_id,
                 GError    **error)
{
  g_autoptr (GPtrArray) roles = NULL;
  g_autoptr (GPtrArray) changes = hc_hand_edit_changes_new ();
  g_autofree char *trimmed = NULL;
  HcHandChange *change;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);

  if ((trimmed = check_name (name, error)) == NULL ||
      (roles = hc_store_list_roles (store, error)) == NULL ||
      !check_free (roles, trimmed, 0, error))
    return FALSE;
  change = role_change_new (HC_RUN_CHANGE_ROLE_CREATE, 0, 0, NULL, trimmed);
  change->name = g_strdup (trimmed);
  g_ptr_array_add (changes, change);
  if (!hc_hand_edit_apply (store, changes, 0, run_id, error))
    return FALSE;
  if (role_id != NULL)
    *role_id = change->group_id;
  return TRUE;
}

gboolean
hc_roles_rename (HcStore    *store,
                 const char *name,
                 const char *new_name,
                 gint64     *run_id,
                 GError    **error)
{
  g_autoptr (GPtrArray) roles = NULL;
  g_autoptr (GPtrArray) changes = hc_hand_edit_changes_new ();
  g_autofree char *trimmed = NULL;
  HcHandChange *change;
  HcRole *role;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);

  if ((trimmed = check_name (new_name, error)) == NULL ||
      (roles = hc_store_list_roles (store, error)) == NULL ||
      (role = hc_roles_find (roles, name, error)) == NULL ||
      !check_free (roles, trimmed, role->id, error))
    return FALSE;
  change = role_change_new (HC_RUN_CHANGE_ROLE_RENAME, role->id, 0, role->name, trimmed);
  change->name = g_strdup (trimmed);
  g_ptr_array_add (changes, change);
  return hc_hand_edit_apply (store, changes, 0, run_id, error);
}

gboolean
hc_roles_delete (HcStore    *store,
                 const char *name,
                 gboolean    confirmed,
                 gint64     *run_id,
                 GError    **error)
{
  g_autoptr (GPtrArray) roles = NULL;
  g_autoptr (GPtrArray) changes = hc_hand_edit_changes_new ();
  HcRole *role;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);

  if ((roles = hc_store_list_roles (store, error)) == NULL ||
      (role = hc_roles_find (roles, name, error)) == NULL)
    return FALSE;
  if (role->n_members > 0 && !confirmed)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION,
                   g_dngettext (GETTEXT_PACKAGE, "%u member holds the role “%s”",
                                "%u members hold the role “%s”", role->n_members),
                   role->n_members, role->name);
      return FALSE;
    }
  g_ptr_array_add (changes, role_change_new (HC_RUN_CHANGE_ROLE_DELETE, role->id, 0, role->name, NULL));
  return hc_hand_edit_apply (store, changes, role->n_members, run_id, error);
}

/* Refuses a member who holds the role already, or does not hold it. */
static gboolean
check_holder (gint64   member_id,
              gboolean add,
              gboolean held,
              gpointer data,
              GError **error)
{
  HcStore *store = ((gpointer *) data)[0];
  HcRole *role = ((gpointer *) data)[1];
  g_autoptr (HcMember) member = NULL;

  if (add != held)
    return TRUE;
  /* the member by name, as an HR admin knows them */
  if ((member = hc_store_get_member (store, member_id, error)) == NULL)
    return FALSE;
  g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
               add ? /* Translators: a member's name, then a role */
               _("%s holds the role “%s” already")
                   : /* Translators: a member's name, then a role */
               _("%s does not hold the role “%s”"),
               hc_member_get_display_name (member), role->name);
  return FALSE;
}

static gboolean
change_members (HcStore    *store,
                const char *name,
                GArray     *member_ids,
                gboolean    add,
                gint64     *run_id,
                GError    **error)
{
  g_autoptr (GPtrArray) roles = NULL;
  g_autoptr (GArray) held = NULL;
  g_autoptr (GHashTable) holders = g_hash_table_new (g_int64_hash, g_int64_equal);
  HcHandEditTarget target = { HC_RUN_CHANGE_ROLE_ADD, HC_RUN_CHANGE_ROLE_REMOVE, "role", 0, NULL, check_holder, NULL };
  gpointer check_data[2];
  HcRole *role;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (member_ids != NULL, FALSE);

  if ((roles = hc_store_list_roles (store, error)) == NULL ||
      (role = hc_roles_find (roles, name, error)) == NULL ||
      (held = hc_store_list_member_roles (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < held->len; i++)
    {
      HcMemberRole *r = &g_array_index (held, HcMemberRole, i);

      if (r->role_id == role->id)
        g_hash_table_add (holders, &r->member_id);
    }
  target.id = role->id;
  target.label = role->name;
  check_data[0] = store;
  check_data[1] = role;
  target.data = check_data;
  return hc_hand_edit_members (store, &target, holders, member_ids, add, run_id, error);
}

gboolean
hc_roles_add_members (HcStore    *store,
                      const char *name,
                      GArray     *member_ids,
                      gint64     *run_id,
                      GError    **error)
{
  return change_members (store, name, member_ids, TRUE, run_id, error);
}

gboolean
hc_roles_remove_members (HcStore    *store,
                         const char *name,
                         GArray     *member_ids,
                         gint64     *run_id,
                         GError    **error)
{
  return change_members (store, name, member_ids, FALSE, run_id, error);
}

GHashTable *
hc_roles_list_member_names (HcStore *store,
                            GError **error)
{
  g_autoptr (GPtrArray) roles = NULL;
  g_autoptr (GArray) held = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTable *names;
  GHashTableIter iter;
  GPtrArray *list;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  if ((roles = hc_store_list_roles (store, error)) == NULL ||
      (held = hc_store_list_member_roles (store, error)) == NULL)
    return NULL;
  for (guint i = 0; i < roles->len; i++)
    {
      HcRole *role = g_ptr_array_index (roles, i);

      g_hash_table_insert (by_id, &role->id, role);
    }
  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < held->len; i++)
    {
      HcMemberRole *r = &g_array_index (held, HcMemberRole, i);
      HcRole *role = g_hash_table_lookup (by_id, &r->role_id);

      if (role == NULL)
        continue;
      list = g_hash_table_lookup (names, &r->member_id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (names, g_memdup2 (&r->member_id, sizeof (gint64)), list);
        }
      g_ptr_array_add (list, g_strdup (role->name));
    }
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &list))
    hc_ptr_array_sort_strings (list);
  return names;
}
