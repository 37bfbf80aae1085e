/* hc-member-snapshot.h — a whole member as a JSON text, to remove it and put it back
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

struct sqlite3;

/* The store's own (hc-store.c calls them under its lock, inside the
 * transaction of a run): a member removed by a disconnect (rules.md 47)
 * is recorded whole so that its undo puts it back. */

/* Every column of the member's row, the rows that name it in the tables
 * that go with it (groups, roles, invitations, destinations) and the ids
 * of the members it manages, as one JSON object. NULL with @error when
 * there is no such member. (transfer full) */
char     *hc_member_snapshot_take    (struct sqlite3 *db,
                                      gint64          member_id,
                                      GError        **error);
/* Inserts the member @snapshot holds again, with its id when it is free
 * (else a new one, in *@member_id), and what went with it when it is still
 * there: a group, role, destination or invitation run deleted since is
 * left out, a connector removed since leaves the member no longer managed
 * (as removing the connector leaves its members), a manager removed since
 * leaves no manager. The members it managed that have no manager now get
 * it back. */
gboolean  hc_member_snapshot_restore (struct sqlite3 *db,
                                      const char     *snapshot,
                                      gint64          now,
                                      gint64         *member_id,
                                      GError        **error);
/* The e-mail a snapshot holds, or NULL. (transfer full) */
char     *hc_member_snapshot_dup_email (const char   *snapshot);

G_END_DECLS
