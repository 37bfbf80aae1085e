/* hc-hand-edit.h — what groups and roles by hand share: a name found by
 * its key, the changes that add or remove members, one run to apply them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-store.h"

G_BEGIN_DECLS

/* Whether @item may be found by hc_hand_edit_find_name(). */
typedef gboolean (*HcHandEditKeep) (gconstpointer item,
                                    gconstpointer data);

/* The first item of @items whose name (a char * at @name_offset in the
 * struct) has the key of @name (hc_group_name_key(): case, accents and
 * spaces aside) and that @keep, when given, keeps; NULL when none. */
gpointer         hc_hand_edit_find_name     (GPtrArray        *items,
                                             gsize             name_offset,
                                             const char       *name,
                                             HcHandEditKeep    keep,
                                             gconstpointer     data);

/* A change by hand of @kind to the group or role @object_id (kept in
 * group_id), for @member_id or 0, recorded under @field. (transfer full) */
HcHandChange    *hc_hand_edit_change_new    (const char       *kind,
                                             const char       *field,
                                             gint64            object_id,
                                             gint64            member_id,
                                             const char       *before,
                                             const char       *after);

/* An empty list of HcHandChange*. (transfer full) */
GPtrArray       *hc_hand_edit_changes_new   (void);

/* Whether a member may be added (@add) to or removed from the target, who
 * @held it already: FALSE with @error set to refuse. */
typedef gboolean (*HcHandEditCheck) (gint64     member_id,
                                     gboolean   add,
                                     gboolean   held,
                                     gpointer   data,
                                     GError   **error);

/* The group or role members are added to or removed from. */
typedef struct
{
  const char      *add_kind;
  const char      *remove_kind;
  const char      *field;      /* "group", "role" */
  gint64           id;
  const char      *label;      /* its path or name, before or after */
  HcHandEditCheck  check;
  gpointer         data;
} HcHandEditTarget;

/* Adds the members of @member_ids (each once) to @target (@add), or
 * removes them from it, as one run by hand (hc_hand_edit_apply()); its
 * members now are @holders (a set of gint64*). FALSE with @error, nothing
 * changed, when @target's check refuses one. */
gboolean         hc_hand_edit_members       (HcStore                *store,
                                             const HcHandEditTarget *target,
                                             GHashTable             *holders,
                                             GArray                 *member_ids,
                                             gboolean                add,
                                             gint64                 *run_id,
                                             GError                **error);

/* Applies @changes as one run by hand that changed @n_members members
 * (hc_store_apply_hand_changes()); its id into @run_id, 0 when @changes is
 * empty and nothing was applied. */
gboolean         hc_hand_edit_apply         (HcStore          *store,
                                             GPtrArray        *changes,
                                             guint             n_members,
                                             gint64           *run_id,
                                             GError          **error);

G_END_DECLS
