/* hc-group-item.h — one group as a GObject, for the Groups page's tree
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_GROUP_ITEM (hc_group_item_get_type ())
G_DECLARE_FINAL_TYPE (HcGroupItem, hc_group_item, HC, GROUP_ITEM, GObject)

/* Takes a copy of what @group says (hc_groups_list() sets its path). */
HcGroupItem   *hc_group_item_new              (const HcGroup *group);

gint64         hc_group_item_get_id           (HcGroupItem   *self);
gint64         hc_group_item_get_parent_id    (HcGroupItem   *self);
const char    *hc_group_item_get_name         (HcGroupItem   *self);
/* The path as hc-group-path.h writes it ("Paris/R\/D"). */
const char    *hc_group_item_get_path         (HcGroupItem   *self);
/* The path for people: the names joined by " / " ("Paris / R/D"). */
const char    *hc_group_item_get_label        (HcGroupItem   *self);
/* Its members and its subgroups', each once. */
guint          hc_group_item_get_n_members    (HcGroupItem   *self);
/* Its own members. */
guint          hc_group_item_get_n_direct     (HcGroupItem   *self);
HcGroupOrigin  hc_group_item_get_origin       (HcGroupItem   *self);
gboolean       hc_group_item_get_archived     (HcGroupItem   *self);

/* Its subgroups, for a GtkTreeListModel. (transfer none) of HcGroupItem */
GListStore    *hc_group_item_get_children     (HcGroupItem   *self);

/* Every group of @groups (hc_groups_list(), tree order) as items with
 * their labels and subgroups; the top groups in order. (transfer full) */
GListStore    *hc_group_item_build_tree       (GPtrArray     *groups);

G_END_DECLS
