/* hc-groups.h — groups by hand: the tree, its paths, who is in it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-group-path.h"
#include "hc-store.h"

G_BEGIN_DECLS

/* Every operation that changes something is one run by hand in History
 * (trigger "edit", changes HC_RUN_CHANGE_GROUP_*), applied in one
 * transaction: on error nothing has changed. @run_id, when not NULL, is
 * set to the run's id. Groups are named by path (hc-group-path.h).
 *
 * A group with subgroups is not deleted: its subgroups are moved or
 * deleted first (the error names them), so that no delete ever takes a
 * whole branch by surprise. Deleting a group takes its memberships only,
 * never a member. */

/* Every group in tree order (a parent before its subgroups, siblings by
 * name), with their paths, depths and member counts (each member once,
 * the subgroups' included). (transfer full) of HcGroup* */
GPtrArray  *hc_groups_list              (HcStore     *store,
                                         GError     **error);
/* The same; without @count_members, n_members and n_direct stay 0 and
 * the memberships are not read (a sync's plan counts them itself). */
GPtrArray  *hc_groups_list_full         (HcStore     *store,
                                         gboolean     count_members,
                                         GError     **error);
/* The group of @groups (hc_groups_list()) at @path; HC_ERROR_NOT_FOUND
 * naming it otherwise. (transfer none) */
HcGroup    *hc_groups_find              (GPtrArray   *groups,
                                         const char  *path,
                                         GError     **error);

/* Creates the group at @path by hand: its parent must exist, and no
 * sibling may have the same name (without case or accents). */
gboolean    hc_groups_create            (HcStore     *store,
                                         const char  *path,
                                         gint64      *group_id,
                                         gint64      *run_id,
                                         GError     **error);
gboolean    hc_groups_rename            (HcStore     *store,
                                         const char  *path,
                                         const char  *new_name,
                                         gint64      *run_id,
                                         GError     **error);
/* Moves the group under @new_parent (a path; NULL, "" or "/" for the top
 * level), never under itself or one of its subgroups. */
gboolean    hc_groups_move              (HcStore     *store,
                                         const char  *path,
                                         const char  *new_parent,
                                         gint64      *run_id,
                                         GError     **error);
/* Refuses, naming them, while the group has subgroups. Unless
 * @confirmed, a group with members is not deleted:
 * HC_ERROR_NEEDS_CONFIRMATION naming the members who would leave it. */
gboolean    hc_groups_delete            (HcStore     *store,
                                         const char  *path,
                                         gboolean     confirmed,
                                         gint64      *run_id,
                                         GError     **error);
/* Adds (by hand) or removes members: refuses, naming them, a member who
 * is in the group already, or who is not in it. */
gboolean    hc_groups_add_members       (HcStore     *store,
                                         const char  *path,
                                         GArray      *member_ids,
                                         gint64      *run_id,
                                         GError     **error);
gboolean    hc_groups_remove_members    (HcStore     *store,
                                         const char  *path,
                                         GArray      *member_ids,
                                         gint64      *run_id,
                                         GError     **error);

/* The members of the group at @path and of its subgroups, each once, by
 * id. (transfer full) of gint64 */
GArray     *hc_groups_list_members      (HcStore     *store,
                                         const char  *path,
                                         GError     **error);
/* Member id (gint64*) → the paths of the groups they are in, sorted.
 * (transfer full) of GPtrArray of char* */
GHashTable *hc_groups_list_member_paths (HcStore     *store,
                                         GError     **error);

G_END_DECLS
