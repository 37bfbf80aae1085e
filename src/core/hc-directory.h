/* hc-directory.h — the directory by hand: add, edit, archive, restore, invitations
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-csv.h"
#include "hc-store.h"

G_BEGIN_DECLS

/* Every operation here is one run by hand in History (trigger "edit"),
 * with the changes field by field, applied in one transaction: on error
 * nothing has changed. @run_id, when not NULL, is set to the run's id (0
 * when there was nothing to change).
 *
 * The states mean one thing everywhere: Invited is a member who has access
 * (an e-mail to sign in with) and has not joined yet; Active is a member
 * who joined, or, without access, who is in the directory. */

/* The member fields a form or `members edit` sets, in form order, then
 * any "custom.NAME". NULL-terminated. */
const char * const *hc_directory_list_fields (void);
/* One of those, or "custom.NAME" (hc_mapping_is_valid_target()). */
gboolean   hc_directory_field_is_editable   (const char      *field);

/* The HR system that feeds @field of @member, NULL when it can be edited
 * by hand: only a managed member's fields that its connector's mapping
 * fills (and its HR id) are locked (rules.md 2: HR is the source of truth for
 * those, the other fields are the admin's). @connector is the member's
 * connector (NULL when none). (transfer none) */
const char *hc_directory_get_field_lock     (const HcConnectorInfo *connector,
                                             HcMember        *member,
                                             const char      *field);

/* HC_ERROR_INVALID_ARGUMENT with a sentence when @email is no address. */
gboolean   hc_directory_check_email         (const char      *email,
                                             GError         **error);

/* HC_ERROR_EXISTS naming the member when a member other than @self_id
 * (0 for none) has @email, compared trimmed and without case. */
gboolean   hc_directory_check_email_free    (HcStore         *store,
                                             const char      *email,
                                             gint64           self_id,
                                             GError         **error);

/* "42" (a member id) or an e-mail (any case); HC_ERROR_NOT_FOUND naming
 * @id_or_email otherwise. (transfer full) */
HcMember  *hc_directory_find_member         (HcStore         *store,
                                             const char      *id_or_email,
                                             GError         **error);

/* Adds @member, a manual member, and sets its id. It needs a first or last
 * name; an e-mail, when given, must be an address no other member has
 * (HC_ERROR_EXISTS naming them). With an e-mail the member has access and
 * is invited (an invitation is recorded); without, they are active without
 * access. */
gboolean   hc_directory_add_member          (HcStore         *store,
                                             HcMember        *member,
                                             gint64          *run_id,
                                             GError         **error);

/* Sets the fields of @values (field → value; NULL or "" clears it) on the
 * member @member_id. Refuses, naming the field and the HR system, a field
 * the HR system feeds; checks an e-mail as an add does, and keeps the
 * e-mail of a member with access (they sign in with it). An e-mail given
 * to a member without access gives them access and invites them. */
gboolean   hc_directory_edit_member         (HcStore         *store,
                                             gint64           member_id,
                                             GHashTable      *values,
                                             gint64          *run_id,
                                             GError         **error);

/* Archives members that are not archived yet. A managed member whom the HR
 * system still has in scope comes back with the next sync. */
gboolean   hc_directory_archive_members     (HcStore         *store,
                                             GArray          *member_ids,
                                             gint64          *run_id,
                                             GError         **error);
/* Restores archived members to the state they had: active when they had
 * joined (or have no access); invited, with a new invitation, when they
 * had access and never joined. */
gboolean   hc_directory_restore_members     (HcStore         *store,
                                             GArray          *member_ids,
                                             gint64          *run_id,
                                             GError         **error);
/* Invited members joined (signed up where invitations lead): active. */
gboolean   hc_directory_mark_joined         (HcStore         *store,
                                             GArray          *member_ids,
                                             gint64          *run_id,
                                             GError         **error);
/* Sends invited members' invitations again: each goes back to the
 * invitations to send (its sent time cleared until the next export),
 * its resend count bumped. */
gboolean   hc_directory_resend_invitations  (HcStore         *store,
                                             GArray          *member_ids,
                                             gint64          *run_id,
                                             GError         **error);

/* The export of the invitations to send, for a mail merge or the
 * platform's bulk invite: a header "first_name,last_name,name,email,link",
 * then one line per invited member whose invitation is still to send
 * (hc_store_list_invitations_to_send()). @link is where people sign up;
 * "{email}" in it becomes the member's e-mail, URI-escaped; NULL leaves
 * the column empty. *@exported is set to the ids of the members written:
 * mark them sent (hc_store_mark_invitations_sent()) once the file is
 * complete. A test instance's members are never exported:
 * *@n_test_instance counts them. */
gboolean   hc_directory_export_invitations  (HcStore         *store,
                                             GOutputStream   *stream,
                                             char             separator,
                                             HcCsvWriterFlags flags,
                                             const char      *link,
                                             GArray         **exported,
                                             guint           *n_test_instance,
                                             GCancellable    *cancellable,
                                             GError         **error);

G_END_DECLS
