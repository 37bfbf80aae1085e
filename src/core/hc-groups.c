/* hc-groups.c — groups by hand: the tree, its paths, who is in it
 *
 * The app and headcount-cli's groups commands share these operations:
 * each one validates against the tree as it is, then applies its changes
 * as one run by hand (hc_store_apply_hand_changes()).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-groups"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-error.h"
#include "hc-groups.h"
#include "hc-hand-edit.h"

static int
compare_siblings (gconstpointer a,
                  gconstpointer b)
{
  const HcGroup *ga = *(HcGroup * const *) a;
  const HcGroup *gb = *(HcGroup * const *) b;
  int cmp = g_utf8_collate (ga->name, gb->name);

  if (cmp != 0)
    return cmp;
  return ga->id < gb->id ? -1 : ga->id > gb->id;
}

static void
add_subtree (GPtrArray  *sorted,
             GHashTable *children,
             HcGroup    *group,
             guint       depth,
             const char *parent_path)
{
  g_autofree char *escaped = hc_group_path_escape (group->name);
  GPtrArray *kids = g_hash_table_lookup (children, &group->id);

  group->depth = depth;
  group->path = parent_path != NULL ? g_strconcat (parent_path, "/", escaped, NULL) : g_steal_pointer (&escaped);
  g_ptr_array_add (sorted, group);
  for (guint i = 0; kids != NULL && i < kids->len; i++)
    add_subtree (sorted, children, g_ptr_array_index (kids, i), depth + 1, group->path);
}

static int
compare_by_member (gconstpointer a,
                   gconstpointer b)
{
  const HcGroupMembership *ma = a;
  const HcGroupMembership *mb = b;

  return ma->member_id < mb->member_id ? -1 : ma->member_id > mb->member_id;
}

GPtrArray *
hc_groups_list (HcStore *store,
                GError **error)
{
  return hc_groups_list_full (store, TRUE, error);
}

GPtrArray *
hc_groups_list_full (HcStore *store,
                     gboolean count_members,
                     GError **error)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GArray) memberships = NULL;
  g_autoptr (GHashTable) children = NULL;
  g_autoptr (GHashTable) by_id = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GPtrArray) sorted = NULL;
  static const gint64 top = 0;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  groups = hc_store_list_groups_full (store, count_members, error);
  if (groups == NULL)
    return NULL;
  memberships = count_members ? hc_store_list_group_memberships (store, error)
                              : g_array_new (FALSE, FALSE, sizeof (HcGroupMembership));
  if (memberships == NULL)
    return NULL;

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);
      GPtrArray *kids;

      g_hash_table_insert (by_id, &group->id, group);
      kids = g_hash_table_lookup (children, &group->parent_id);
      if (kids == NULL)
        {
          kids = g_ptr_array_new ();
          g_hash_table_insert (children, &group->parent_id, kids);
        }
      g_ptr_array_add (kids, group);
    }
  {
    GHashTableIter iter;
    GPtrArray *kids;

    g_hash_table_iter_init (&iter, children);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &kids))
      g_ptr_array_sort (kids, compare_siblings);
  }

  /* The tree from the top groups down; the groups array keeps owning them. */
  sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_group_free);
  {
    GPtrArray *tops = g_hash_table_lookup (children, &top);

    for (guint i = 0; tops != NULL && i < tops->len; i++)
      add_subtree (sorted, children, g_ptr_array_index (tops, i), 0, NULL);
  }
  g_ptr_array_set_free_func (groups, NULL);

  /* Each member counts once in a group and in each of its ancestors: the
   * memberships by member, each group stamped with the last member it
   * counted, so that a walk up stops where that member was counted
   * already (its ancestors were too). No allocation per membership: this
   * runs on every plan. */
  {
    g_autoptr (GArray) by_member = g_array_copy (memberships);

    g_array_sort (by_member, compare_by_member);
    seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
    for (guint i = 0; i < sorted->len; i++)
      {
        HcGroup *group = g_ptr_array_index (sorted, i);

        g_hash_table_insert (seen, &group->id, g_new0 (gint64, 1));
      }
    for (guint i = 0; i < by_member->len; i++)
      {
        const HcGroupMembership *membership = &g_array_index (by_member, HcGroupMembership, i);
        HcGroup *group = g_hash_table_lookup (by_id, &membership->group_id);

        for (guint depth = 0; group != NULL && depth <= sorted->len; depth++)
          {
            gint64 *stamp = g_hash_table_lookup (seen, &group->id);

            if (stamp == NULL || *stamp == membership->member_id)
              break;
            *stamp = membership->member_id;
            group->n_members++;
            group = group->parent_id != 0 ? g_hash_table_lookup (by_id, &group->parent_id) : NULL;
          }
      }
  }
  return g_steal_pointer (&sorted);
}

HcGroup *
hc_groups_find (GPtrArray  *groups,
                const char *path,
                GError    **error)
{
  g_auto (GStrv) names = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (groups != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  names = hc_group_path_parse (path, error);
  if (names == NULL)
    return NULL;
  canonical = hc_group_path_format ((const char * const *) names);
  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);

      if (g_str_equal (group->path, canonical))
        return group;
    }
  g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
               /* Translators: %s is a group path */
               _("There is no group “%s”"), canonical);
  return NULL;
}

/* Every group into *@groups, and the one at @path in it (owned by the
 * list), or NULL with @error set. */
static HcGroup *
list_and_find (HcStore    *store,
               const char *path,
               GPtrArray **groups,
               GError    **error)
{
  *groups = hc_groups_list (store, error);
  if (*groups == NULL)
    return NULL;
  return hc_groups_find (*groups, path, error);
}

/* Whether a group is a sibling under Sibling.parent_id, itself aside. */
typedef struct
{
  gint64 parent_id;
  gint64 self_id;
} Sibling;

static gboolean
keep_sibling (gconstpointer item,
              gconstpointer data)
{
  const HcGroup *group = item;
  const Sibling *sibling = data;

  return group->parent_id == sibling->parent_id && group->id != sibling->self_id;
}

static gboolean
check_sibling_free (GPtrArray  *groups,
                    gint64      parent_id,
                    const char *name,
                    gint64      self_id,
                    GError    **error)
{
  Sibling sibling = { parent_id, self_id };
  HcGroup *other = hc_hand_edit_find_name (groups, G_STRUCT_OFFSET (HcGroup, name), name, keep_sibling, &sibling);

  if (other == NULL)
    return TRUE;
  g_set_error (error, HC_ERROR, HC_ERROR_EXISTS,
               /* Translators: a group name, then the path of a group that exists */
               _("There is a group “%s” there already: “%s” (names are compared without case or accents)"),
               name, other->path);
  return FALSE;
}

static HcHandChange *
group_change_new (const char *kind,
                  gint64      group_id,
                  gint64      member_id,
                  const char *before,
                  const char *after)
{
  return hc_hand_edit_change_new (kind, "group", group_id, member_id, before, after);
}

/* The parent of the group at @names (all but the last name), 0 for the
 * top. FALSE with HC_ERROR_NOT_FOUND when it does not exist. */
static gboolean
find_parent (GPtrArray *groups,
             GStrv      names,
             gint64    *parent_id,
             char     **parent_path,
             GError   **error)
{
  guint n = g_strv_length (names);
  g_autofree char *saved = NULL;
  g_autofree char *path = NULL;
  HcGroup *parent;

  *parent_id = 0;
  *parent_path = NULL;
  if (n < 2)
    return TRUE;
  saved = names[n - 1];
  names[n - 1] = NULL;
  path = hc_group_path_format ((const char * const *) names);
  names[n - 1] = g_steal_pointer (&saved);
  parent = hc_groups_find (groups, path, NULL);
  if (parent == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
                   /* Translators: %s is a group path */
                   _("There is no group “%s”: create it first"), path);
      return FALSE;
    }
  *parent_id = parent->id;
  *parent_path = g_steal_pointer (&path);
  return TRUE;
}

gboolean
hc_groups_create (HcStore    *store,
                  const char *path,
                  gint64     *group_id,
                  gint64     *run_id,
                  GError    **error)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GPtrArray) changes = hc_hand_edit_changes_new ();
  g_auto (GStrv) names = NULL;
  g_autofree char *parent_path = NULL;
  g_autofree char *canonical = NULL;
  gint64 parent_id;
  HcHandChange *change;
  const char *name;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  names = hc_group_path_parse (path, error);
  if (names == NULL)
    return FALSE;
  groups = hc_groups_list (store, error);
  if (groups == NULL || !find_parent (groups, names, &parent_id, &parent_path, error))
    return FALSE;
  name = names[g_strv_length (names) - 1];
  if (!check_sibling_free (groups, parent_id, name, 0, error))
    return FALSE;

  canonical = hc_group_path_format ((const char * const *) names);
  change = group_change_new (HC_RUN_CHANGE_GROUP_CREATE, 0, 0, NULL, canonical);
  change->parent_id = parent_id;
  change->name = g_strdup (name);
  g_ptr_array_add (changes, change);
  if (!hc_hand_edit_apply (store, changes, 0, run_id, error))
    return FALSE;
  if (group_id != NULL)
    *group_id = change->group_id;
  return TRUE;
}

/* The path @group would have under @parent_path with @name. */
static char *
build_path (const char *parent_path,
            const char *name)
{
  g_autofree char *escaped = hc_group_path_escape (name);

  if (parent_path == NULL || *parent_path == '\0')
    return g_steal_pointer (&escaped);
  return g_strconcat (parent_path, "/", escaped, NULL);
}

gboolean
hc_groups_rename (HcStore    *store,
                  const char *path,
                  const char *new_name,
                  gint64     *run_id,
                  GError    **error)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GPtrArray) changes = hc_hand_edit_changes_new ();
  g_autofree char *name = NULL;
  g_autofree char *after = NULL;
  HcHandChange *change;
  HcGroup *group;
  HcGroup *parent = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL && new_name != NULL, FALSE);

  name = g_strstrip (g_strdup (new_name));
  if (*name == '\0')
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT, _("A group needs a name"));
      return FALSE;
    }
  group = list_and_find (store, path, &groups, error);
  if (group == NULL)
    return FALSE;
  if (g_str_equal (group->name, name))
    {
      if (run_id != NULL)
        *run_id = 0;
      return TRUE;
    }
  if (!check_sibling_free (groups, group->parent_id, name, group->id, error))
    return FALSE;

  for (guint i = 0; i < groups->len && group->parent_id != 0; i++)
    if (((HcGroup *) g_ptr_array_index (groups, i))->id == group->parent_id)
      parent = g_ptr_array_index (groups, i);
  after = build_path (parent != NULL ? parent->path : NULL, name);
  change = group_change_new (HC_RUN_CHANGE_GROUP_RENAME, group->id, 0, group->path, after);
  change->name = g_steal_pointer (&name);
  g_ptr_array_add (changes, change);
  return hc_hand_edit_apply (store, changes, 0, run_id, error);
}

static gboolean
is_in_subtree (GPtrArray *groups,
               HcGroup   *group,
               HcGroup   *root)
{
  /* Tree order: a subtree is the groups after its root, deeper than it. */
  for (guint i = 0; i < groups->len; i++)
    {
      if (g_ptr_array_index (groups, i) != root)
        continue;
      if (group == root)
        return TRUE;
      for (guint j = i + 1; j < groups->len; j++)
        {
          HcGroup *next = g_ptr_array_index (groups, j);

          if (next->depth <= root->depth)
            break;
          if (next == group)
            return TRUE;
        }
      break;
    }
  return FALSE;
}

static gboolean
is_top_level (const char *path)
{
  g_autofree char *trimmed = NULL;

  if (path == NULL)
    return TRUE;
  trimmed = g_strstrip (g_strdup (path));
  return *trimmed == '\0' || g_str_equal (trimmed, "/");
}

gboolean
hc_groups_move (HcStore    *store,
                const char *path,
                const char *new_parent,
                gint64     *run_id,
                GError    **error)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GPtrArray) changes = hc_hand_edit_changes_new ();
  g_autofree char *after = NULL;
  HcHandChange *change;
  HcGroup *group;
  HcGroup *parent = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  group = list_and_find (store, path, &groups, error);
  if (group == NULL)
    return FALSE;
  if (!is_top_level (new_parent))
    {
      parent = hc_groups_find (groups, new_parent, error);
      if (parent == NULL)
        return FALSE;
      if (is_in_subtree (groups, parent, group))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                       /* Translators: two group paths */
                       _("“%s” cannot move under “%s”: that is the group itself or one of its subgroups"),
                       group->path, parent->path);
          return FALSE;
        }
    }
  if ((parent != NULL ? parent->id : 0) == group->parent_id)
    {
      if (run_id != NULL)
        *run_id = 0;
      return TRUE;
    }
  if (!check_sibling_free (groups, parent != NULL ? parent->id : 0, group->name, group->id, error))
    return FALSE;

  after = build_path (parent != NULL ? parent->path : NULL, group->name);
  change = group_change_new (HC_RUN_CHANGE_GROUP_MOVE, group->id, 0, group->path, after);
  change->parent_id = parent != NULL ? parent->id : 0;
  g_ptr_array_add (changes, change);
  return hc_hand_edit_apply (store, changes, 0, run_id, error);
}

/* The direct members of @group_id, by id. */
static GArray *
list_direct_members (HcStore *store,
                     gint64   group_id,
                     GError **error)
{
  g_autoptr (GArray) memberships = hc_store_list_group_memberships (store, error);
  GArray *ids;

  if (memberships == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < memberships->len; i++)
    {
      const HcGroupMembership *membership = &g_array_index (memberships, HcGroupMembership, i);

      if (membership->group_id == group_id)
        g_array_append_val (ids, membership->member_id);
    }
  return ids;
}

gboolean
hc_groups_delete (HcStore    *store,
                  const char *path,
                  gboolean    confirmed,
                  gint64     *run_id,
                  GError    **error)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GPtrArray) changes = hc_hand_edit_changes_new ();
  g_autoptr (GPtrArray) subgroups = g_ptr_array_new ();
  g_autoptr (GArray) members = NULL;
  HcGroup *group;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  group = list_and_find (store, path, &groups, error);
  if (group == NULL)
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *other = g_ptr_array_index (groups, i);

      if (other->parent_id == group->id)
        g_ptr_array_add (subgroups, other->path);
    }
  if (subgroups->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (subgroups, NULL);
      list = g_strjoinv (", ", (char **) subgroups->pdata);
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   /* Translators: a group path, then a list of group paths */
                   _("“%s” has subgroups: %s. Move or delete them first"), group->path, list);
      return FALSE;
    }

  members = list_direct_members (store, group->id, error);
  if (members == NULL)
    return FALSE;
  if (!confirmed && members->len > 0)
    {
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; i < members->len; i++)
        {
          g_autoptr (HcMember) member = hc_store_get_member (store, g_array_index (members, gint64, i), error);

          if (member == NULL)
            return FALSE;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, hc_member_get_display_name (member));
        }
      g_set_error (error, HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION,
                   /* Translators: a group path, then a count, then a list of names */
                   g_dngettext (GETTEXT_PACKAGE, "Deleting “%s” takes %u member out of it: %s",
                                "Deleting “%s” takes %u members out of it: %s", members->len),
                   group->path, members->len, names->str);
      return FALSE;
    }
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (changes, group_change_new (HC_RUN_CHANGE_GROUP_LEAVE, group->id,
                                                g_array_index (members, gint64, i), group->path, NULL));
  g_ptr_array_add (changes, group_change_new (HC_RUN_CHANGE_GROUP_DELETE, group->id, 0, group->path, NULL));
  return hc_hand_edit_apply (store, changes, members->len, run_id, error);
}

/* Refuses a member who is not there, or who is (not) in the group already. */
static gboolean
check_member (gint64   member_id,
              gboolean add,
              gboolean held,
              gpointer data,
              GError **error)
{
  HcStore *store = ((gpointer *) data)[0];
  HcGroup *group = ((gpointer *) data)[1];
  g_autoptr (HcMember) member = hc_store_get_member (store, member_id, error);

  if (member == NULL)
    return FALSE;
  if (add != held)
    return TRUE;
  g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
               add ? /* Translators: a member's name, then a group path */
               _("%s is in “%s” already")
                   : /* Translators: a member's name, then a group path */
               _("%s is not in “%s”"),
               hc_member_get_display_name (member), group->path);
  return FALSE;
}

static gboolean
change_members (HcStore    *store,
                const char *path,
                GArray     *member_ids,
                gboolean    add,
                gint64     *run_id,
                GError    **error)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GArray) direct = NULL;
  g_autoptr (GHashTable) in_group = g_hash_table_new (g_int64_hash, g_int64_equal);
  HcHandEditTarget target = { HC_RUN_CHANGE_GROUP_JOIN, HC_RUN_CHANGE_GROUP_LEAVE, "group", 0, NULL, check_member, NULL };
  gpointer check_data[2];
  HcGroup *group;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL && member_ids != NULL, FALSE);

  group = list_and_find (store, path, &groups, error);
  if (group == NULL)
    return FALSE;
  direct = list_direct_members (store, group->id, error);
  if (direct == NULL)
    return FALSE;
  for (guint i = 0; i < direct->len; i++)
    g_hash_table_add (in_group, &g_array_index (direct, gint64, i));

  check_data[0] = store;
  check_data[1] = group;
  target.id = group->id;
  target.label = group->path;
  target.data = check_data;
  return hc_hand_edit_members (store, &target, in_group, member_ids, add, run_id, error);
}

gboolean
hc_groups_add_members (HcStore    *store,
                       const char *path,
                       GArray     *member_ids,
                       gint64     *run_id,
                       GError    **error)
{
  return change_members (store, path, member_ids, TRUE, run_id, error);
}

gboolean
hc_groups_remove_members (HcStore    *store,
                          const char *path,
                          GArray     *member_ids,
                          gint64     *run_id,
                          GError    **error)
{
  return change_members (store, path, member_ids, FALSE, run_id, error);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = *(const gint64 *) a;
  gint64 ib = *(const gint64 *) b;

  return ia < ib ? -1 : ia > ib;
}

GArray *
hc_groups_list_members (HcStore    *store,
                        const char *path,
                        GError    **error)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GArray) memberships = NULL;
  g_autoptr (GHashTable) subtree = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *ids;
  HcGroup *group;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  group = list_and_find (store, path, &groups, error);
  if (group == NULL)
    return NULL;
  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *other = g_ptr_array_index (groups, i);

      if (is_in_subtree (groups, other, group))
        g_hash_table_add (subtree, &other->id);
    }
  memberships = hc_store_list_group_memberships (store, error);
  if (memberships == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < memberships->len; i++)
    {
      HcGroupMembership *membership = &g_array_index (memberships, HcGroupMembership, i);

      if (g_hash_table_contains (subtree, &membership->group_id) &&
          g_hash_table_add (seen, &membership->member_id))
        g_array_append_val (ids, membership->member_id);
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GHashTable *
hc_groups_list_member_paths (HcStore *store,
                             GError **error)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GArray) memberships = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) paths = NULL;
  GHashTableIter iter;
  GPtrArray *list;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  groups = hc_groups_list (store, error);
  if (groups == NULL)
    return NULL;
  memberships = hc_store_list_group_memberships (store, error);
  if (memberships == NULL)
    return NULL;
  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);

      g_hash_table_insert (by_id, &group->id, group);
    }

  paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < memberships->len; i++)
    {
      const HcGroupMembership *membership = &g_array_index (memberships, HcGroupMembership, i);
      HcGroup *group = g_hash_table_lookup (by_id, &membership->group_id);

      if (group == NULL)
        continue;
      list = g_hash_table_lookup (paths, &membership->member_id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (paths, g_memdup2 (&membership->member_id, sizeof (gint64)), list);
        }
      g_ptr_array_add (list, g_strdup (group->path));
    }
  g_hash_table_iter_init (&iter, paths);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &list))
    g_ptr_array_sort (list, compare_paths);
  return g_steal_pointer (&paths);
}
