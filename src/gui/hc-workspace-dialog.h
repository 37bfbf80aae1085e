/* hc-workspace-dialog.h — ask for a workspace name: New Workspace, Rename
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HC_TYPE_WORKSPACE_DIALOG (hc_workspace_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcWorkspaceDialog, hc_workspace_dialog, HC, WORKSPACE_DIALOG, AdwMessageDialog)

/* Responses "cancel" and "save"; "save" is enabled for a valid name that
 * no workspace of @data_dir has. @current is the name to rename, or NULL
 * for a new workspace. */
HcWorkspaceDialog *hc_workspace_dialog_new      (GtkWindow         *parent,
                                                 const char        *data_dir,
                                                 const char        *current);
const char        *hc_workspace_dialog_get_name (HcWorkspaceDialog *self);
void               hc_workspace_dialog_set_name (HcWorkspaceDialog *self,
                                                 const char        *name);
/* Why "save" is disabled, or NULL. */
const char        *hc_workspace_dialog_get_problem (HcWorkspaceDialog *self);

G_END_DECLS
