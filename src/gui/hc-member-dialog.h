/* hc-member-dialog.h — one member's details, read-only where HR rules
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

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

G_END_DECLS
