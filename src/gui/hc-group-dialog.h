/* hc-group-dialog.h — asks for a group name, a group, or both: New Group,
 * Rename, Move and Add to Group
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HC_TYPE_GROUP_DIALOG (hc_group_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcGroupDialog, hc_group_dialog, HC, GROUP_DIALOG, AdwMessageDialog)

typedef enum
{
  HC_GROUP_DIALOG_NAME      = 1 << 0,   /* a name entry */
  HC_GROUP_DIALOG_GROUP     = 1 << 1,   /* a group chooser */
  HC_GROUP_DIALOG_TOP_LEVEL = 1 << 2,   /* the chooser offers "Top Level" first */
} HcGroupDialogFlags;

/* Responses "cancel" and "accept" (@accept_label); "accept" is enabled
 * while the name, when asked, is not blank. @groups (hc_groups_list(),
 * tree order) are offered but @exclude_path and its subgroups;
 * @selected_path is chosen first (NULL: the first). */
HcGroupDialog *hc_group_dialog_new               (GtkWindow          *parent,
                                                  HcGroupDialogFlags  flags,
                                                  const char         *heading,
                                                  const char         *body,
                                                  const char         *accept_label,
                                                  GPtrArray          *groups,
                                                  const char         *exclude_path,
                                                  const char         *selected_path,
                                                  const char         *name);

/* The name typed, trimmed. (transfer full) */
char          *hc_group_dialog_dup_name          (HcGroupDialog      *self);
void           hc_group_dialog_set_name          (HcGroupDialog      *self,
                                                  const char         *name);
/* The chosen group's path, or NULL for "Top Level". */
const char    *hc_group_dialog_get_selected_path (HcGroupDialog      *self);
/* Chooses @path (NULL: "Top Level"); FALSE when it is not offered. */
gboolean       hc_group_dialog_set_selected_path (HcGroupDialog      *self,
                                                  const char         *path);

G_END_DECLS
