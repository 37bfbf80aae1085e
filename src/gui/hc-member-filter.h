/* hc-member-filter.h — the members a filter lets through, over an array
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-member.h"

G_BEGIN_DECLS

#define HC_TYPE_MEMBER_FILTER (hc_member_filter_get_type ())
G_DECLARE_FINAL_TYPE (HcMemberFilter, hc_member_filter, HC, MEMBER_FILTER, GObject)

typedef gboolean (*HcMemberFilterFunc) (HcMember *member,
                                        gpointer  user_data);

/* The members of @source (a model of HcMember) that @func lets through, in
 * @source's order. Filters at once when @source changes. */
HcMemberFilter *hc_member_filter_new      (GListModel        *source,
                                           HcMemberFilterFunc func,
                                           gpointer           user_data);
/* Filters @source instead, at once (a model of HcMember). */
void            hc_member_filter_set_source (HcMemberFilter *self,
                                             GListModel     *source);
/* The filter changed: @narrowing when it only lets fewer members through
 * (then only the members shown now are checked again). */
void            hc_member_filter_changed  (HcMemberFilter *self,
                                           gboolean        narrowing);

G_END_DECLS
