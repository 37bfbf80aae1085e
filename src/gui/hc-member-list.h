/* hc-member-list.h — a GListModel of members over an array
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-member.h"

G_BEGIN_DECLS

#define HC_TYPE_MEMBER_LIST (hc_member_list_get_type ())
G_DECLARE_FINAL_TYPE (HcMemberList, hc_member_list, HC, MEMBER_LIST, GObject)

HcMemberList *hc_member_list_new     (void);
/* Replaces every member in one "items-changed", keeping @members itself
 * (transfer full): an array that holds a reference on each member
 * (g_object_unref as its free func) and that nobody changes from then
 * on. No reference to take per member on the main thread (100,000 of
 * them: a fifth of a reload's frame). */
void          hc_member_list_take    (HcMemberList *self,
                                      GPtrArray    *members);
/* The members, in the model's order, for a pass over all of them without
 * a reference per item. (transfer none) */
GPtrArray    *hc_member_list_peek    (HcMemberList *self);

/* Sorts @members by name as the Name column orders them (case-folded, then
 * collated) and gives each its rank there, 1 for the first. Costly (a
 * collation key per member): call it where the members are read, off the
 * main thread, on members no one else uses yet. */
void          hc_member_list_rank_by_name (GPtrArray *members);
/* Whether every member of @members has a rank, and they come in that
 * order: what the table shows until a header is clicked. */
gboolean      hc_member_list_is_in_name_order (GPtrArray *members);
/* The rank by name, or 0 for a member that was not ranked. */
guint         hc_member_list_get_name_rank (HcMember *member);
/* Orders members by their rank by name: what the Name column sorts with.
 * Members come ranked and in that order, so sorting them is one pass.
 * (transfer full) */
GtkSorter    *hc_member_list_new_name_sorter (void);

G_END_DECLS
