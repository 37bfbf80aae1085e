/* hc-member-dialog.h — one member's details, locked where HR rules
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-sync-flow.h"

#include "hc-explain-view.h"
#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_MEMBER_DIALOG (hc_member_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcMemberDialog, hc_member_dialog, HC, MEMBER_DIALOG, AdwWindow)

/* @store (nullable) names the managing connector. */
HcMemberDialog *hc_member_dialog_new        (HcStore        *store,
                                             HcMember       *member);
HcMember       *hc_member_dialog_get_member (HcMemberDialog *self);
/* TRUE when HR is the source of truth for this member (rules.md 2). */
gboolean        hc_member_dialog_get_managed (HcMemberDialog *self);

/* Opens "Why?" as a click does (managed or previously managed members
 * only): the explanation against the employees the transient window's last
 * sync of the connector fetched, else a note saying a preview explains. */
void            hc_member_dialog_show_explanation (HcMemberDialog *self);
HcExplainView  *hc_member_dialog_get_explain_view (HcMemberDialog *self);

/* The changes by hand of the details' buttons (hc-directory.h). */
typedef enum
{
  HC_MEMBER_DIALOG_ARCHIVE,      /* "Archive…", once confirmed */
  HC_MEMBER_DIALOG_RESTORE,
  HC_MEMBER_DIALOG_MARK_JOINED,
  HC_MEMBER_DIALOG_RESEND,
} HcMemberDialogChange;

/* Applies @change as its button does (after any confirmation): the window
 * reloads, a toast says what changed and the details close. */
gboolean        hc_member_dialog_apply      (HcMemberDialog       *self,
                                             HcMemberDialogChange  change,
                                             GError              **error);
/* Opens the form that edits the member in place of the details.
 * (transfer none) */
GtkWindow      *hc_member_dialog_edit       (HcMemberDialog *self);

/* The window's sync flow: "Why?" reads the employees its last sync
 * fetched. */
void            hc_member_dialog_set_sync_flow (HcMemberDialog *self,
                                                HcSyncFlow     *flow);

G_END_DECLS
