/* hc-role-column.h — the member table's Roles column, and the Role filter
 * next to the search
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-member.h"
#include "hc-role-index.h"

G_BEGIN_DECLS

#define HC_TYPE_ROLE_COLUMN (hc_role_column_get_type ())
G_DECLARE_FINAL_TYPE (HcRoleColumn, hc_role_column, HC, ROLE_COLUMN, GObject)

/* Puts a Roles column into @column_view after @after (at the end when
 * NULL). The filter's widget is for the caller to place. */
HcRoleColumn    *hc_role_column_new         (GtkColumnView       *column_view,
                                             GtkColumnViewColumn *after);
GtkColumnViewColumn *hc_role_column_get_column (HcRoleColumn     *self);
/* The Role drop-down: "All roles" and each role with its member count;
 * hidden while there is no role. */
GtkWidget       *hc_role_column_get_filter_widget (HcRoleColumn  *self);

/* Who holds what, as a load read it; NULL for nobody. A filtered role
 * that is gone clears the filter. (transfer full) */
void             hc_role_column_set_index   (HcRoleColumn        *self,
                                             HcRoleIndex         *index);

/* The role the table is filtered by, or NULL for all. */
const char      *hc_role_column_get_role    (HcRoleColumn        *self);
/* Filters by the role named @name (compared as role names are), or shows
 * everyone for NULL; FALSE when there is no such role. */
gboolean         hc_role_column_set_role    (HcRoleColumn        *self,
                                             const char          *name);
/* Whether @member passes the Role filter (always, without one). */
gboolean         hc_role_column_match       (HcRoleColumn        *self,
                                             HcMember            *member);

G_END_DECLS
