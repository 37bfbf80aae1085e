/* hc-plan.h — the pure diff: employees + members + config → plan (rules 3–12)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-config.h"
#include "hc-employee.h"
#include "hc-member.h"

G_BEGIN_DECLS

typedef enum
{
  HC_PLAN_INVITE,               /* new member, state invited (rule 6) */
  HC_PLAN_CREATE_NO_ACCESS,     /* new member without e-mail: active, no login */
  HC_PLAN_BECOME_MANAGED,       /* an existing member is matched (rule 5) */
  HC_PLAN_UPDATE,               /* fields change from HR (rule 7) */
  HC_PLAN_ARCHIVE,              /* inactive or gone, archiving on (rule 9) */
  HC_PLAN_UNMANAGE,             /* leaves the scope: previously managed (rules 8, 9) */
  HC_PLAN_SKIP,                 /* an employee that will not be synced, with the reason */
  HC_PLAN_UNCHANGED,            /* managed and already up to date */
  HC_PLAN_N_KINDS
} HcPlanKind;

typedef struct
{
  char *field;                  /* member field: "title", "manager", "custom.x", "state"… */
  char *before;                 /* NULL for empty */
  char *after;
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
};

#define HC_TYPE_PLAN (hc_plan_get_type ())
G_DECLARE_FINAL_TYPE (HcPlan, hc_plan, HC, PLAN, GObject)

/* Pure: reads its arguments, changes none of them.
 * @members is the whole directory (HcMember*); @employees what the HR
 * system sent (HcEmployee*); @first_sync TRUE when the connector never
 * applied a sync (rule 12). */
HcPlan        *hc_plan_compute             (const HcConfig *config,
                                            gint64          connector_id,
                                            GPtrArray      *employees,
                                            GPtrArray      *members,
                                            gboolean        first_sync);

GPtrArray     *hc_plan_get_items           (HcPlan         *self);
guint          hc_plan_count               (HcPlan         *self,
                                            HcPlanKind      kind);
gint64         hc_plan_get_connector_id    (HcPlan         *self);
/* TRUE when the plan changes nothing in the directory. */
gboolean       hc_plan_is_empty            (HcPlan         *self);
/* Rule 12: first sync, or more archives than the safety threshold. */
gboolean       hc_plan_needs_confirmation  (HcPlan         *self);
/* A sentence naming why and how many, or NULL. */
const char    *hc_plan_get_confirmation_reason (HcPlan     *self);
guint          hc_plan_get_archive_threshold (HcPlan       *self);
/* Conflicts and notes the admin should read (manager outside the scope,
 * duplicate e-mails…). (transfer none) of char* */
GPtrArray     *hc_plan_get_warnings        (HcPlan         *self);

/* {"connector_id", "needs_confirmation", "confirmation_reason",
 *  "counts": {"invite": n, …}, "items": [...], "warnings": [...]} */
void           hc_plan_to_json             (HcPlan         *self,
                                            JsonBuilder    *builder,
                                            gboolean        with_items);

const char    *hc_plan_kind_to_string      (HcPlanKind      kind);
/* "New invitations", "Archived"… translated, for people. */
const char    *hc_plan_kind_describe       (HcPlanKind      kind);

void           hc_field_change_free        (HcFieldChange  *change);
void           hc_plan_item_free           (HcPlanItem     *item);

G_END_DECLS
