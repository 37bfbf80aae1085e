/* hc-role-index.h — who holds which role, read once for the member table:
 * each member's roles as one line, and whether a member holds a role
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-store.h"

G_BEGIN_DECLS

typedef struct _HcRoleIndex HcRoleIndex;

/* Reads the catalogue and who holds what from @store; safe in a worker
 * thread. NULL with @error set when the store fails. (transfer full) */
HcRoleIndex     *hc_role_index_load         (HcStore          *store,
                                             GError          **error);
/* The same from lists as the store gives them: @roles of HcRole* by name,
 * @held of HcMemberRole by member. (transfer full) */
HcRoleIndex     *hc_role_index_new          (GPtrArray        *roles,
                                             GArray           *held);
void             hc_role_index_free         (HcRoleIndex      *self);

/* Every role, by name. (transfer none) of HcRole* */
GPtrArray       *hc_role_index_get_roles    (HcRoleIndex      *self);
/* The roles @member_id holds, "Engineer, Fire warden": the one from HR
 * first, then the others by name; NULL when none. (transfer none) */
const char      *hc_role_index_get_label    (HcRoleIndex      *self,
                                             gint64            member_id);
gboolean         hc_role_index_holds        (HcRoleIndex      *self,
                                             gint64            member_id,
                                             gint64            role_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcRoleIndex, hc_role_index_free)

G_END_DECLS
