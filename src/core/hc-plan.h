/* hc-plan.h — the pure diff: employees + members + config → plan (rules.md 3–12, 16–21)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-config.h"
#include "hc-employee.h"
#include "hc-member.h"
#include "hc-scope.h"

G_BEGIN_DECLS

typedef enum
{
  HC_PLAN_INVITE,               /* new member, state invited (rules.md 6) */
  HC_PLAN_CREATE_NO_ACCESS,     /* new member without e-mail: active, no login */
  HC_PLAN_BECOME_MANAGED,       /* an existing member is matched (rules.md 5) */
  HC_PLAN_UPDATE,               /* fields change from HR (rules.md 7) */
  HC_PLAN_ARCHIVE,              /* inactive or gone, archiving on (rules.md 9) */
  HC_PLAN_UNMANAGE,             /* leaves the scope: previously managed (rules.md 8, 9) */
  HC_PLAN_SKIP,                 /* an employee that will not be synced, with the reason */
  HC_PLAN_UNCHANGED,            /* managed and already up to date */
  HC_PLAN_REMOVE,               /* deleted from the directory: a disconnect's only (hc-disconnect.h) */
  HC_PLAN_N_KINDS
} HcPlanKind;

/* Why an employee is skipped, or why a member leaves the scope. */
typedef enum
{
  HC_PLAN_REASON_NONE,
  HC_PLAN_REASON_FILTERED_OUT,       /* a filter rule does not match */
  HC_PLAN_REASON_EXCLUDED,           /* the exclusion checkbox is set */
  HC_PLAN_REASON_INACTIVE,           /* inactive in the HR system */
  HC_PLAN_REASON_STATUS,             /* a status the scope leaves out */
  HC_PLAN_REASON_NOT_STARTED,        /* starts after the pre-start interval */
  HC_PLAN_REASON_DUPLICATE_EMAIL,    /* another employee in scope has the e-mail */
  HC_PLAN_REASON_DUPLICATE_ID,       /* the HR system sent the id twice */
  HC_PLAN_REASON_MISSING_FIELD,      /* a required field is empty */
  HC_PLAN_REASON_FOREIGN_MEMBER,     /* the e-mail is another connector's member's */
  HC_PLAN_REASON_GONE,               /* no longer in the HR system */
  HC_PLAN_REASON_INVALID_DATA,       /* a value is not valid text (rules.md 31) */
} HcPlanReason;

/* How an employee was matched to its member (rules.md 5). */
typedef enum
{
  HC_PLAN_MATCH_NONE,
  HC_PLAN_MATCH_EMPLOYEE_ID,    /* the member's external id */
  HC_PLAN_MATCH_EMAIL,          /* the e-mail, case-insensitively */
} HcPlanMatch;

typedef struct
{
  char *field;                  /* member field: "title", "manager", "custom.x", "state"… */
  char *before;                 /* NULL for empty */
  char *after;
  /*< private >*/
  gboolean packed;              /* in its item's block, @field a literal or interned:
                                 * hc-plan.c's own */
} HcFieldChange;

struct _HcPlanItem
{
  HcPlanKind  kind;
  char       *employee_id;      /* NULL when the member has no employee any more */
  gint64      member_id;        /* 0 for a member to create */
  char       *display_name;
  char       *email;
  char       *reason;           /* why: skip, unmanage, archive; NULL otherwise */
  GPtrArray  *changes;          /* of HcFieldChange*, for create, become managed, update */
  char       *manager_employee_id; /* the HR manager to resolve on apply, or NULL */
  HcPlanReason reason_code;     /* the reason, for programs */
  HcPlanMatch match;            /* how the member was found */
  gboolean    staged;           /* an archive not approved: listed, not applied */
  gpointer    changes_block;    /* hc-plan.c's own: where @changes live, or NULL */
  gboolean    identity_packed;  /* hc-plan.c's own: @employee_id, @display_name and
                                 * @email live in the item's own block */
};

/* An onboarding employee who enters the scope soon (the preview's
 * "upcoming"). */
typedef struct
{
  char  *employee_id;
  char  *display_name;
  char  *email;
  GDate  start_date;            /* the hire date */
  GDate  enters_on;             /* start date − pre-start interval */
} HcPlanUpcoming;

/* How far ahead the plan lists upcoming employees. */
#define HC_PLAN_UPCOMING_DAYS 30

#define HC_TYPE_PLAN (hc_plan_get_type ())
G_DECLARE_FINAL_TYPE (HcPlan, hc_plan, HC, PLAN, GObject)

/* Pure: reads its arguments, changes none of them.
 * @members is the whole directory (HcMember*); @employees what the HR
 * system sent (HcEmployee*); @first_sync TRUE when the connector never
 * applied a sync (rules.md 12); @today the date the pre-start interval counts
 * from (NULL: the local date now). */
HcPlan        *hc_plan_compute_at          (const HcConfig *config,
                                            gint64          connector_id,
                                            GPtrArray      *employees,
                                            GPtrArray      *members,
                                            gboolean        first_sync,
                                            const GDate    *today);
/* The same on today's date. */
HcPlan        *hc_plan_compute             (const HcConfig *config,
                                            gint64          connector_id,
                                            GPtrArray      *employees,
                                            GPtrArray      *members,
                                            gboolean        first_sync);

/* A plan of @items (of HcPlanItem*, taken, field changes not packed)
 * made outside the diff: what a connector's disconnect does to its members
 * (hc-disconnect.h). Not a first sync; no confirmation of its own. */
HcPlan        *hc_plan_new_from_items      (gint64          connector_id,
                                            GPtrArray      *items);

GPtrArray     *hc_plan_get_items           (HcPlan         *self);
/* The scope decision the plan was made with (status, exclusion checkbox,
 * filter, pre-start limit, managers brought in), so that nothing else
 * decides it again; HC_SCOPE_OUT_FILTER for an id the plan did not see. */
HcScopeResult  hc_plan_get_scope           (HcPlan         *self,
                                            const char     *employee_id);
guint          hc_plan_count               (HcPlan         *self,
                                            HcPlanKind      kind);
gint64         hc_plan_get_connector_id    (HcPlan         *self);
gboolean       hc_plan_is_first_sync       (HcPlan         *self);
/* TRUE when the plan changes nothing in the directory. */
gboolean       hc_plan_is_empty            (HcPlan         *self);
/* rules.md 12: first sync, or more approved archives than the safety
 * threshold. */
gboolean       hc_plan_needs_confirmation  (HcPlan         *self);
/* A sentence naming why and how many, or NULL. */
const char    *hc_plan_get_confirmation_reason (HcPlan     *self);
guint          hc_plan_get_archive_threshold (HcPlan       *self);
/* rules.md 12: past the first sync, the approved archives and the members
 * no longer managed together exceed the safety threshold (or are every
 * managed member): what makes a confirmation necessary, and the preview's
 * Apply destructive. */
gboolean       hc_plan_exceeds_safety_threshold (HcPlan    *self);
/* Conflicts and notes the admin should read (manager outside the scope,
 * duplicate e-mails…), each saying what Headcount will do.
 * (transfer none) of char* */
GPtrArray     *hc_plan_get_warnings        (HcPlan         *self);
/* Employees who enter the scope within HC_PLAN_UPCOMING_DAYS, soonest
 * first. (transfer none) of HcPlanUpcoming* */
GPtrArray     *hc_plan_get_upcoming        (HcPlan         *self);

/* Archives are approved when the plan is made. An archive the admin does
 * not approve stays staged: listed in the run, not applied, while the rest
 * of the sync applies; the member stays managed and the next sync proposes
 * it again. Approving changes what needs a confirmation. FALSE when
 * @member_id is not an archive of this plan. */
gboolean       hc_plan_set_archive_approved (HcPlan        *self,
                                            gint64          member_id,
                                            gboolean        approved);
void           hc_plan_approve_all_archives (HcPlan        *self,
                                            gboolean        approved);
gboolean       hc_plan_is_archive_approved (HcPlan         *self,
                                            gint64          member_id);
/* Archives that stay staged. */
guint          hc_plan_count_staged        (HcPlan         *self);

/* What the sync changes in groups and roles (hc-group-plan.h), or NULL:
 * applied with the plan, shown as its own category, and counted by
 * hc_plan_is_empty(). */
void           hc_plan_set_group_plan      (HcPlan         *self,
                                            HcGroupPlan    *group_plan);
HcGroupPlan   *hc_plan_get_group_plan      (HcPlan         *self);
/* Lets go of the employees the plan was made from, and of its scope
 * decisions, in the plan and its group plan: applying needs none of them
 * (the items hold their own copies). For a plan about to be applied, so
 * that the store's writes do not come on top of them (peak memory).
 * Afterwards hc_plan_get_scope() answers HC_SCOPE_OUT_FILTER and the group
 * plan explains from what it wrote down only. */
void           hc_plan_release_employees   (HcPlan         *self);

/* {"connector_id", "first_sync", "needs_confirmation", "confirmation_reason",
 *  "archive_threshold", "counts": {"invite": n, …}, "staged_archives": n,
 *  "warnings": [...], "upcoming": [...], "items": [...], "groups": {…}}, the
 *  last one hc_group_plan_to_json() when there is a group plan */
void           hc_plan_to_json             (HcPlan         *self,
                                            JsonBuilder    *builder,
                                            gboolean        with_items);

/* Which items hc_plan_to_json_with() lists. */
typedef enum
{
  HC_PLAN_JSON_NO_ITEMS,
  HC_PLAN_JSON_CHANGED_ITEMS,   /* what the sync changes */
  HC_PLAN_JSON_PREVIEW_ITEMS,   /* and the skipped employees (hc_plan_to_json's items) */
  HC_PLAN_JSON_ALL_ITEMS,       /* and the unchanged members */
} HcPlanJsonItems;

void           hc_plan_to_json_with        (HcPlan         *self,
                                            JsonBuilder    *builder,
                                            HcPlanJsonItems items);

const char    *hc_plan_kind_to_string      (HcPlanKind      kind);
/* "New invitations", "Archived"… translated, for people. */
const char    *hc_plan_kind_describe       (HcPlanKind      kind);
/* "filtered_out", "duplicate_email"…; NULL for none. */
const char    *hc_plan_reason_to_string    (HcPlanReason    reason);
const char    *hc_plan_match_to_string     (HcPlanMatch     match);

void           hc_field_change_free        (HcFieldChange  *change);
void           hc_plan_item_free           (HcPlanItem     *item);
void           hc_plan_upcoming_free       (HcPlanUpcoming *upcoming);

/* "Why?" for one employee or member. */
typedef struct
{
  char          *query;          /* what was asked */
  char          *employee_id;    /* NULL for a member without an employee */
  gint64         member_id;      /* 0 when there is no member (yet) */
  char          *display_name;
  char          *email;
  gboolean       has_employee;
  HcScopeResult  scope;          /* when has_employee */
  char          *clause;         /* the filter clause that put them in or out */
  HcPlanMatch    match;
  char          *match_text;     /* "Matched member 12 by employee id E0001" */
  HcPlanKind     kind;           /* what the sync does; HC_PLAN_N_KINDS for nothing */
  char          *outcome;        /* the same in a sentence */
  GPtrArray     *changes;        /* of HcFieldChange*: the fields that will change */
  /* Groups and roles: what put the member in them and what the sync
   * changes (hc_group_plan_describe_member(), hc_group_plan_explain());
   * NULL unless the caller fills it. (of char*) */
  GPtrArray     *groups;
} HcExplanation;

/* Pure: finds @id_or_email among the employees (by id, else e-mail) and
 * the members (by e-mail, or "#12" / "12" for a member id) and tells why.
 * HC_ERROR_NOT_FOUND when nobody matches. */
HcExplanation *hc_plan_explain             (const HcConfig *config,
                                            gint64          connector_id,
                                            GPtrArray      *employees,
                                            GPtrArray      *members,
                                            const char     *id_or_email,
                                            const GDate    *today,
                                            GError        **error);
void           hc_explanation_to_json      (HcExplanation  *self,
                                            JsonBuilder    *builder);
void           hc_explanation_free         (HcExplanation  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcExplanation, hc_explanation_free)

G_END_DECLS
