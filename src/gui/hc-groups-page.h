/* hc-groups-page.h — the groups tree with member counts: create, rename,
 * move, delete; the selected group filters the member table
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_GROUPS_PAGE (hc_groups_page_get_type ())
G_DECLARE_FINAL_TYPE (HcGroupsPage, hc_groups_page, HC, GROUPS_PAGE, GtkWidget)

/* Properties: "store" (HcStore), "selected-path" (the selected group's
 * path, NULL for none; the window binds the member table's "group" to
 * it), "state-name" ("loading", "empty", "error", "tree"). Actions
 * groups.new, groups.rename, groups.move, groups.delete (asks first,
 * naming the members who leave the group), groups.show-members. */

HcGroupsPage *hc_groups_page_new               (void);

void          hc_groups_page_set_store         (HcGroupsPage *self,
                                                HcStore      *store);
/* Reads the groups in a thread; the selection stays on the same path. */
void          hc_groups_page_reload            (HcGroupsPage *self);
gboolean      hc_groups_page_get_loading       (HcGroupsPage *self);
const char   *hc_groups_page_get_state_name    (HcGroupsPage *self);

/* The rows as shown: a GtkSingleSelection of GtkTreeListRow, each
 * row's item an HcGroupItem. (transfer none) */
GListModel   *hc_groups_page_get_model         (HcGroupsPage *self);
const char   *hc_groups_page_get_selected_path (HcGroupsPage *self);
/* Selects the group at @path (NULL: none); FALSE when there is none. */
gboolean      hc_groups_page_set_selected_path (HcGroupsPage *self,
                                                const char   *path);

G_END_DECLS
