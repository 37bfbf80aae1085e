/* hc-member.h — one directory member
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hc-types.h"

G_BEGIN_DECLS

#define HC_TYPE_MEMBER (hc_member_get_type ())
G_DECLARE_FINAL_TYPE (HcMember, hc_member, HC, MEMBER, GObject)

/* Member field names, the targets of a mapping (rules.md 21). */
#define HC_MEMBER_FIELD_FIRST_NAME     "first_name"
#define HC_MEMBER_FIELD_LAST_NAME      "last_name"
#define HC_MEMBER_FIELD_PREFERRED_NAME "preferred_name"
#define HC_MEMBER_FIELD_EMAIL          "email"
#define HC_MEMBER_FIELD_TITLE          "title"
#define HC_MEMBER_FIELD_DEPARTMENT     "department"
#define HC_MEMBER_FIELD_TEAM           "team"
#define HC_MEMBER_FIELD_OFFICE         "office"
#define HC_MEMBER_FIELD_MANAGER        "manager"
#define HC_MEMBER_FIELD_EMPLOYEE_ID    "employee_id"
#define HC_MEMBER_FIELD_START_DATE     "start_date"
#define HC_MEMBER_FIELD_END_DATE       "end_date"

HcMember      *hc_member_new              (void);
HcMember      *hc_member_copy             (HcMember      *self);
/* A member as the plan reads 100,000 of them: the external id and the
 * text @fields (HC_MEMBER_FIELD_* with text values, at most ten) in one
 * block, and the derived properties ("display-name"…) made when first
 * read. Bulk mode is on (hc_member_begin_bulk()): set the rest, then call
 * hc_member_end_bulk(). Otherwise a member like any other. */
HcMember      *hc_member_new_packed       (gint64              id,
                                           const char         *external_id,
                                           gint64              connector_id,
                                           const char * const *fields,
                                           const char * const *values,
                                           guint               n_fields);

gint64         hc_member_get_id           (HcMember      *self);
void           hc_member_set_id           (HcMember      *self,
                                           gint64         id);
/* The HR employee id this member was matched to (rules.md 5), or NULL. */
const char    *hc_member_get_external_id  (HcMember      *self);
void           hc_member_set_external_id  (HcMember      *self,
                                           const char    *external_id);
/* The connector that manages (or managed) this member, 0 for none. */
gint64         hc_member_get_connector_id (HcMember      *self);
void           hc_member_set_connector_id (HcMember      *self,
                                           gint64         connector_id);

/* Text fields by name: any HC_MEMBER_FIELD_* except "manager" and
 * "employee_id" (see the id getters), or "custom.<name>". */
const char    *hc_member_get_field        (HcMember      *self,
                                           const char    *field);
void           hc_member_set_field        (HcMember      *self,
                                           const char    *field,
                                           const char    *value);
/* Names of the custom fields set on this member, sorted. (transfer container) */
GPtrArray     *hc_member_list_custom_fields (HcMember    *self);

#define hc_member_get_email(m)      hc_member_get_field ((m), HC_MEMBER_FIELD_EMAIL)
#define hc_member_get_first_name(m) hc_member_get_field ((m), HC_MEMBER_FIELD_FIRST_NAME)
#define hc_member_get_last_name(m)  hc_member_get_field ((m), HC_MEMBER_FIELD_LAST_NAME)
#define hc_member_get_title(m)      hc_member_get_field ((m), HC_MEMBER_FIELD_TITLE)
#define hc_member_get_department(m) hc_member_get_field ((m), HC_MEMBER_FIELD_DEPARTMENT)

/* The member id of this member's manager, 0 for none. */
gint64         hc_member_get_manager_id   (HcMember      *self);
void           hc_member_set_manager_id   (HcMember      *self,
                                           gint64         manager_id);
/* Display name of the manager, filled in by the store when loading. */
const char    *hc_member_get_manager_name (HcMember      *self);
void           hc_member_set_manager_name (HcMember      *self,
                                           const char    *name);

HcMemberState  hc_member_get_state        (HcMember      *self);
void           hc_member_set_state        (HcMember      *self,
                                           HcMemberState  state);
HcHrStatus     hc_member_get_hr_status    (HcMember      *self);
void           hc_member_set_hr_status    (HcMember      *self,
                                           HcHrStatus     status);
/* FALSE for a member created without e-mail: no login (rules.md 6). */
gboolean       hc_member_get_has_access   (HcMember      *self);
void           hc_member_set_has_access   (HcMember      *self,
                                           gboolean       has_access);
/* The state an archived member had before the archive (active: they had
 * joined; invited: they never joined), or HC_MEMBER_STATE_ARCHIVED when it
 * is not known (archived before Headcount kept it). */
HcMemberState  hc_member_get_archived_from (HcMember    *self);
gboolean       hc_member_returns_invited   (HcMember    *self,
                                            const char  *email);
void           hc_member_set_archived_from (HcMember    *self,
                                           HcMemberState  state);

/* Derived, read-only properties for the table: "display-name"
 * (preferred or first name + last name, or the e-mail), "initials",
 * "search-text" (display name and e-mail, case-folded). */
const char    *hc_member_get_display_name (HcMember      *self);
const char    *hc_member_get_initials     (HcMember      *self);
const char    *hc_member_get_search_text  (HcMember      *self);

/* Sets many fields at once, as the store's loader does: between the two
 * calls nothing is notified, and the derived properties are computed once
 * at the end. For a member no one observes yet. */
void           hc_member_begin_bulk       (HcMember      *self);
void           hc_member_end_bulk         (HcMember      *self);

/* Folds text for search: lower case, accents removed ("Zoé" → "zoe"),
 * as "search-text" is folded; apply it to the query too. (transfer full) */
char          *hc_member_fold_search_text (const char    *text);

/* Whether @email looks like an address people sign in with: loose, as
 * the form and the CSV import check it (something@domain.tld). */
gboolean       hc_member_email_is_valid   (const char    *email);

/* Whether @value is a start or end date as members keep them: YYYY-MM-DD,
 * a real day. */
gboolean       hc_member_date_is_valid    (const char    *value);
/* The same, setting @date (if not NULL) to that day: the one reader of
 * "YYYY-MM-DD" dates. */
gboolean       hc_member_date_parse       (const char    *value,
                                           GDate         *date);

/* Properties: "id", "external-id", "connector-id", "email", "first-name",
 * "last-name", "preferred-name", "title", "department", "team", "office",
 * "manager-id", "manager-name", "state", "hr-status", "has-access",
 * "display-name", "initials", "search-text", "start-date", "end-date". */

G_END_DECLS
