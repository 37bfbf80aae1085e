/* hc-group-actions.h — members into and out of a group by hand, from a
 * selection of the member table: what "Add to Group…" and "Remove from
 * Group" do
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-store.h"

G_BEGIN_DECLS

/* Adds those of @member_ids not in the group at @path already (by hand);
 * @message is set to what to tell the admin ("3 members added to “Paris”",
 * or that they all were in it). Each add is one run in History. */
gboolean  hc_group_actions_add      (HcStore     *store,
                                     const char  *path,
                                     GArray      *member_ids,
                                     char       **message,
                                     GError     **error);
/* Removes those of @member_ids who are in the group at @path itself; the
 * message says too how many are only in one of its subgroups. */
gboolean  hc_group_actions_remove   (HcStore     *store,
                                     const char  *path,
                                     GArray      *member_ids,
                                     char       **message,
                                     GError     **error);
/* "Paris / Engineering" for the path "Paris/Engineering". (transfer full) */
char     *hc_group_actions_dup_label (const char *path);

/* Asks which group (a HcGroupDialog transient for @parent) and adds
 * @member_ids to it; @done is called with the message after an add, not
 * after Cancel. */
void      hc_group_actions_choose_and_add (GtkWindow   *parent,
                                     HcStore     *store,
                                     GArray      *member_ids,
                                     void       (*done) (gpointer    user_data,
                                                         const char *message),
                                     gpointer     user_data,
                                     GDestroyNotify destroy);

G_END_DECLS
