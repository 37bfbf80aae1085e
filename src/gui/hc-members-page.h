/* hc-members-page.h — the member table: tabs, search, sort, states
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-role-column.h"
#include "hc-store.h"
#include "hc-sync-flow.h"

G_BEGIN_DECLS

#define HC_TYPE_MEMBERS_PAGE (hc_members_page_get_type ())
G_DECLARE_FINAL_TYPE (HcMembersPage, hc_members_page, HC, MEMBERS_PAGE, GtkWidget)

/* Properties: "store" (HcStore), "loading" (boolean), "tab" (HcMemberState),
 * "search-text" (string), "state-name" (the visible state: "loading",
 * "no-connector", "no-members", "empty-tab", "no-results", "error", "table"). */

HcMembersPage *hc_members_page_new              (void);

HcStore       *hc_members_page_get_store        (HcMembersPage *self);
void           hc_members_page_set_store        (HcMembersPage *self,
                                                 HcStore       *store);
/* Loads the members in a thread; "loading" is TRUE until they are in. */
void           hc_members_page_reload           (HcMembersPage *self);
gboolean       hc_members_page_get_loading      (HcMembersPage *self);

/* The filtered and sorted model the column view shows (of HcMember). */
GListModel    *hc_members_page_get_model        (HcMembersPage *self);
/* Replaces the content in one splice (the loader and the benchmark use it).
 * @members is a GPtrArray of HcMember*; references are taken. */
void           hc_members_page_set_members      (HcMembersPage *self,
                                                 GPtrArray     *members);

/* Until a tab is set (here or by a click), a load that leaves the current
 * tab empty shows the first tab with members. */
HcMemberState  hc_members_page_get_tab          (HcMembersPage *self);
void           hc_members_page_set_tab          (HcMembersPage *self,
                                                 HcMemberState  state);
/* Members in a tab, whatever the search. */
guint          hc_members_page_get_tab_count    (HcMembersPage *self,
                                                 HcMemberState  state);
/* While searching, the members of a tab that match the search (and the
 * group filter); what the tab shows then. */
guint          hc_members_page_get_match_count  (HcMembersPage *self,
                                                 HcMemberState  state);

const char    *hc_members_page_get_search_text  (HcMembersPage *self);
/* Sets the search entry and filters at once (no typing delay). */
void           hc_members_page_set_search_text  (HcMembersPage *self,
                                                 const char    *text);
void           hc_members_page_focus_search     (HcMembersPage *self);

const char    *hc_members_page_get_state_name   (HcMembersPage *self);
/* While a sync runs, an empty directory shows the spinner, not
 * "No Members Yet". */
void           hc_members_page_set_syncing      (HcMembersPage *self,
                                                 gboolean       syncing);

/* Opens the details of @member, transient for the page's window.
 * Returns the dialog. (transfer none) */
GtkWindow     *hc_members_page_show_member      (HcMembersPage *self,
                                                 HcMember      *member);

/* Opens the form that adds a member by hand (as "Add Member…" does).
 * (transfer none) */
GtkWindow     *hc_members_page_add_member       (HcMembersPage *self);
/* What "Export Invitations to Send…" does once the file is chosen: writes
 * the invitations still to send to @file (the sign-up link @link, kept for
 * the next time) and marks them sent. */
gboolean       hc_members_page_export_invitations (HcMembersPage *self,
                                                 GFile         *file,
                                                 const char    *link,
                                                 guint         *n_exported,
                                                 GError       **error);
/* The selection over hc_members_page_get_model(), place for place (its
 * items are the rows' HcListSlot): several members can be selected, and
 * an action bar offers what fits the tab. */
GtkSelectionModel *hc_members_page_get_selection_model (HcMembersPage *self);
/* What the action bar's buttons do to the selected members: @change is
 * "mark-joined", "resend", "restore" or "archive" (once confirmed). */
gboolean       hc_members_page_change_selected  (HcMembersPage *self,
                                                 const char    *change,
                                                 GError       **error);
/* "269 members are managed by Personio: …", shown over the table, or NULL
 * when no HR system manages a member. */
const char    *hc_members_page_get_notice       (HcMembersPage *self);

/* The window's sync flow, handed to the member details ("Why?"). */
void             hc_members_page_set_sync_flow (HcMembersPage *self,
                                                HcSyncFlow    *flow);
/* "group": the member table shows the members of the group at @path and
 * of its subgroups only (NULL: everyone), with a bar saying so. The
 * selection bar then offers "Remove from Group" besides "Add to Group…". */
const char    *hc_members_page_get_group        (HcMembersPage *self);
void           hc_members_page_set_group        (HcMembersPage *self,
                                                 const char    *path);
/* The Roles column and the Role filter by the search, with the search and
 * the group filter (hc_role_column_set_role()). (transfer none) */
HcRoleColumn  *hc_members_page_get_role_column  (HcMembersPage *self);

G_END_DECLS
