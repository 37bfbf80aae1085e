/* hc-member-list.h — a GListModel of members over an array
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-member.h"

G_BEGIN_DECLS

#define HC_TYPE_MEMBER_LIST (hc_member_list_get_type ())
G_DECLARE_FINAL_TYPE (HcMemberList, hc_member_list, HC, MEMBER_LIST, GObject)

HcMemberList *hc_member_list_new     (void);
/* Replaces every member in one "items-changed". References are taken. */
void          hc_member_list_replace (HcMemberList *self,
                                      GPtrArray    *members);
/* The members, in the model's order, for a pass over all of them without
 * a reference per item. (transfer none) */
GPtrArray    *hc_member_list_peek    (HcMemberList *self);

G_END_DECLS
