/* hc-member-form.h — add a member by hand, or edit one
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_MEMBER_FORM (hc_member_form_get_type ())
G_DECLARE_FINAL_TYPE (HcMemberForm, hc_member_form, HC, MEMBER_FORM, AdwWindow)

/* A form to add a manual member. */
HcMemberForm *hc_member_form_new_add      (HcStore      *store);
/* A form to edit @member: the fields its HR system feeds are shown locked,
 * naming the system; the others can be changed. */
HcMemberForm *hc_member_form_new_edit     (HcStore      *store,
                                           HcMember     *member);

/* The entry of @field ("email", "custom.badge"…), NULL when the field is
 * locked or not in the form. */
GtkEditable  *hc_member_form_get_entry    (HcMemberForm *self,
                                           const char   *field);
/* The row that shows a locked field, NULL when @field is not locked. */
AdwActionRow *hc_member_form_get_locked_row (HcMemberForm *self,
                                           const char   *field);
/* Adds an entry for the custom field @name, as "New field name" does. */
GtkEditable  *hc_member_form_add_custom_field (HcMemberForm *self,
                                           const char   *name);
/* Why the form cannot be saved ("“x” is not an e-mail address…"), or NULL. */
const char   *hc_member_form_get_message  (HcMemberForm *self);
gboolean      hc_member_form_get_can_save (HcMemberForm *self);
/* What Save does: adds or edits, then emits "saved" (with the member id)
 * and closes; on error the message shows in the form. */
gboolean      hc_member_form_save         (HcMemberForm *self,
                                           GError      **error);

G_END_DECLS
