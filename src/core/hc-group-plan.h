/* hc-group-plan.h — what a sync changes in groups and roles: joins, leaves, groups made or archived from HR, roles
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-config.h"
#include "hc-plan.h"
#include "hc-store.h"

G_BEGIN_DECLS

/* The kinds of change, in the order a sync applies them. Their names
 * (hc_group_change_kind_to_string()) are the kinds History records. */
typedef enum
{
  HC_GROUP_CHANGE_CREATE,       /* a group made from HR (rules.md 37) */
  HC_GROUP_CHANGE_RESTORE,      /* an archived group from HR that people come back to */
  HC_GROUP_CHANGE_ROLE_CREATE,  /* a role for a position seen the first time (rules.md 39) */
  HC_GROUP_CHANGE_JOIN,         /* a managed member put in a group (rules.md 38) */
  HC_GROUP_CHANGE_LEAVE,        /* a managed member taken out of a group the sync had put them in */
  HC_GROUP_CHANGE_ROLE_ADD,     /* a managed member given their position's role */
  HC_GROUP_CHANGE_ROLE_REMOVE,  /* an HR role taken back: the position changed, or the member left */
  HC_GROUP_CHANGE_ARCHIVE,      /* a group from HR that empties: archived, never deleted */
  HC_GROUP_CHANGE_N_KINDS
} HcGroupChangeKind;

typedef struct
{
  HcGroupChangeKind kind;
  gint64      member_id;        /* 0 for a member the plan creates (see employee_id), or none */
  char       *employee_id;      /* NULL for a group or role change */
  char       *display_name;     /* the member's name, for member changes */
  /* The group: > 0 an existing one; < 0 the one the CREATE change with
   * this id makes; 0 for a role change. */
  gint64      group_id;
  gint64      parent_id;        /* CREATE: its parent, as group_id; 0 for the top level */
  gint64      role_id;          /* role changes: > 0 existing, < 0 made by a ROLE_CREATE */
  char       *name;             /* CREATE: the group's name; role changes: the role's name */
  char       *path;             /* group changes: the group's path */
  /* JOIN, ROLE_ADD: the rule ("hierarchy office=Paris", "teams team=Blue",
   * "position Developer"); LEAVE, ROLE_REMOVE: the rule that had put it. */
  char       *rule;
  gboolean    leaving;          /* LEAVE, ROLE_REMOVE: the member leaves the scope */
} HcGroupChange;

/* A change and its strings belong to the group plan that made it: they
 * live as long as that plan. */
const char *hc_group_change_kind_to_string  (HcGroupChangeKind kind);
/* "Added to groups", "Groups archived"…, translated. */
const char *hc_group_change_kind_describe   (HcGroupChangeKind kind);

#define HC_TYPE_GROUP_PLAN (hc_group_plan_get_type ())
G_DECLARE_FINAL_TYPE (HcGroupPlan, hc_group_plan, HC, GROUP_PLAN, GObject)

/* Pure: what @plan's sync changes in groups and roles, from @config's
 * groups, teams and roles, the @employees the plan was made from, and the
 * store's @groups (hc_groups_list()), @memberships
 * (hc_store_scan_group_memberships() or _list_, in any order), @roles
 * (hc_store_list_roles()) and @member_roles (hc_store_scan_member_roles()
 * or _list_, in any order). Only memberships and
 * roles that this connector's syncs gave are ever taken back; groups and
 * roles made by hand are never changed. */
HcGroupPlan *hc_group_plan_compute          (const HcConfig  *config,
                                             HcPlan          *plan,
                                             GPtrArray       *employees,
                                             GPtrArray       *groups,
                                             GArray          *memberships,
                                             GPtrArray       *roles,
                                             GArray          *member_roles);
/* The same, reading the groups and roles from @store, and attaching the
 * result to @plan (hc_plan_set_group_plan()) when it changes anything or
 * warns. */
gboolean     hc_group_plan_attach           (HcPlan          *plan,
                                             const HcConfig  *config,
                                             GPtrArray       *employees,
                                             HcStore         *store,
                                             GError         **error);

/* What the groups' part of a plan reads from the store (the group tree,
 * memberships, roles and roles held): read on its own, in a thread beside
 * the member plan, while that plan is made (hc_sync_make_plan()). */
typedef struct _HcGroupPlanInputs HcGroupPlanInputs;

HcGroupPlanInputs *hc_group_plan_inputs_read  (HcStore          *store,
                                               GError          **error);
void               hc_group_plan_inputs_free  (HcGroupPlanInputs *inputs);
/* Where each of @employees goes and which position each one holds, worked
 * out from the inputs before the member plan is there (in the same
 * thread as the reading): what is left to do after the member plan is
 * comparing. @config and @employees must be the ones the plan is made
 * with. */
void               hc_group_plan_inputs_place (HcGroupPlanInputs *inputs,
                                               const HcConfig   *config,
                                               GPtrArray        *employees);
/* hc_group_plan_attach() on inputs read before. */
void               hc_group_plan_attach_inputs (HcPlan          *plan,
                                               const HcConfig   *config,
                                               GPtrArray        *employees,
                                               HcGroupPlanInputs *inputs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcGroupPlanInputs, hc_group_plan_inputs_free)

/* In the order to apply them. (transfer none) of HcGroupChange* */
GPtrArray   *hc_group_plan_get_changes      (HcGroupPlan     *self);
guint        hc_group_plan_count            (HcGroupPlan     *self,
                                             HcGroupChangeKind kind);
gboolean     hc_group_plan_is_empty         (HcGroupPlan     *self);
/* Sentences the admin should read (a top group that does not exist…).
 * (transfer none) of char* */
GPtrArray   *hc_group_plan_get_warnings     (HcGroupPlan     *self);
/* What a sync would do for one employee's member: the groups and role it
 * places them in and why, then what it changes ("Joins Staff/Lyon
 * (hierarchy office=Lyon)"), one sentence each. (transfer full) of char* */
GPtrArray   *hc_group_plan_explain          (HcGroupPlan     *self,
                                             const char      *employee_id);
/* Lets go of the employees (see hc_plan_release_employees()): explaining
 * then gives what was written down while planning only. */
void         hc_group_plan_release_employees (HcGroupPlan    *self);
/* The groups and roles @member_id has now and what put them there ("In
 * Staff/Lyon: put there by the sync of hr (hierarchy office=Lyon)", "In
 * Teams: added by hand"), one sentence each. (transfer full) of char* */
GPtrArray   *hc_group_plan_describe_member  (HcStore         *store,
                                             gint64           member_id,
                                             GError         **error);

/* {"counts": {"group_join": n, …}, "warnings": [...], "items": [{"kind",
 *  "member_id", "employee_id", "name", "group", "role", "rule"}]} */
void         hc_group_plan_to_json          (HcGroupPlan     *self,
                                             JsonBuilder     *builder,
                                             gboolean         with_items);

G_END_DECLS
