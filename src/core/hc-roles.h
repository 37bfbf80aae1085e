/* hc-roles.h — the role catalogue by hand, and who holds which role
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-store.h"

G_BEGIN_DECLS

/* Every operation that changes something is one run by hand in History
 * (trigger "edit", changes HC_RUN_CHANGE_ROLE_*), in one transaction.
 * Role names are trimmed and unique without case or accents (the group
 * name key). Roles from positions are made by syncs (rules.md 39); these
 * are the admin's own changes. */

/* Every role, by name, with the members who hold it counted.
 * (transfer full) of HcRole* */
GPtrArray  *hc_roles_list              (HcStore     *store,
                                        GError     **error);
/* The role of @roles named @name (without case or accents), or NULL with
 * HC_ERROR_NOT_FOUND naming it. (transfer none) */
HcRole     *hc_roles_find              (GPtrArray   *roles,
                                        const char  *name,
                                        GError     **error);
gboolean    hc_roles_create            (HcStore     *store,
                                        const char  *name,
                                        gint64      *role_id,
                                        gint64      *run_id,
                                        GError     **error);
gboolean    hc_roles_rename            (HcStore     *store,
                                        const char  *name,
                                        const char  *new_name,
                                        gint64      *run_id,
                                        GError     **error);
/* Unless @confirmed, a role someone holds is not deleted:
 * HC_ERROR_NEEDS_CONFIRMATION saying how many hold it. */
gboolean    hc_roles_delete            (HcStore     *store,
                                        const char  *name,
                                        gboolean     confirmed,
                                        gint64      *run_id,
                                        GError     **error);
/* Gives (by hand) or takes back the role: refuses, naming them, a member
 * who holds it already, or who does not hold it. */
gboolean    hc_roles_add_members       (HcStore     *store,
                                        const char  *name,
                                        GArray      *member_ids,
                                        gint64      *run_id,
                                        GError     **error);
gboolean    hc_roles_remove_members    (HcStore     *store,
                                        const char  *name,
                                        GArray      *member_ids,
                                        gint64      *run_id,
                                        GError     **error);
/* Member id (gint64*) → the names of the roles they hold, sorted.
 * (transfer full) of GPtrArray of char* */
GHashTable *hc_roles_list_member_names (HcStore     *store,
                                        GError     **error);

G_END_DECLS
