/* hc-group-placement.h — where a sync puts a managed member: one chosen group, or the deepest group of a hierarchy their HR values match
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hc-config.h"
#include "hc-employee.h"
#include "hc-store.h"

G_BEGIN_DECLS

/* The result of placing one employee (rules.md 36). */
typedef struct
{
  HcGroup    *group;            /* the target group (owned by the tree), NULL for none */
  guint       matched;          /* levels of the hierarchy matched: 0 is the top group */
  guint       n_levels;         /* the hierarchy's levels, 0 for "into" */
  const char *missing_field;    /* the level's HR field that had no group, NULL when all matched */
  char       *missing_value;    /* its value, trimmed; NULL when the employee has none */
  char       *values[HC_CONFIG_MAX_GROUP_LEVELS]; /* the values read, trimmed, NULL for none */
} HcPlacement;

void        hc_placement_clear        (HcPlacement        *placement);

/* One line of the live preview: the members one group receives. */
typedef struct
{
  char    *label;               /* "Paris / Engineering", "Paris (no department group)", "top group" */
  guint    count;
  HcGroup *group;               /* (owned by the tree) */
} HcPlacementCount;

void        hc_placement_count_free   (HcPlacementCount   *count);

#define HC_TYPE_GROUP_PLACEMENT (hc_group_placement_get_type ())
G_DECLARE_FINAL_TYPE (HcGroupPlacement, hc_group_placement, HC, GROUP_PLACEMENT, GObject)

/* Pure: reads @groups (HcGroup* with their paths, as hc_groups_list()
 * gives them; kept, not copied) and the groups part of @config (copied).
 * Archived groups are never a target. Names match as group names do
 * (hc_group_name_key(): trimmed, without case or accents). Nothing is
 * created. Not thread-safe: one object per thread. */
HcGroupPlacement *hc_group_placement_new        (const HcConfig      *config,
                                                 GPtrArray           *groups);
HcGroupMode       hc_group_placement_get_mode   (HcGroupPlacement    *self);
/* The top group, NULL when the mode is none or it does not exist. */
HcGroup          *hc_group_placement_get_top    (HcGroupPlacement    *self);
/* A sentence saying why nothing can be placed (the top group does not
 * exist or is archived), or NULL. */
const char       *hc_group_placement_get_problem (HcGroupPlacement   *self);

/* The group for the values of the levels (values[i] of level i + 1; NULL
 * or blank for none; @n_values may be fewer than the levels): the
 * deepest group whose path of names under the top group matches, else
 * the top group. NULL when the mode is none or there is no top group.
 * @out, when not NULL, says why (clear it with hc_placement_clear()). */
HcGroup          *hc_group_placement_place_values (HcGroupPlacement  *self,
                                                 const char * const *values,
                                                 guint               n_values,
                                                 HcPlacement        *out);
/* The same with the employee's values of the level fields. */
HcGroup          *hc_group_placement_place      (HcGroupPlacement    *self,
                                                 HcEmployee          *employee,
                                                 HcPlacement         *out);
/* Why, for people and "explain": "office “Paris” and department
 * “Engineering” match Staff/Paris/Engineering", "office “Paris” matches
 * Staff/Paris; no department group “Sales” under it". (transfer full) */
char             *hc_group_placement_describe   (HcGroupPlacement    *self,
                                                 const HcPlacement   *placement);
/* The rule a membership records: "into Staff", "hierarchy office=Paris,
 * department=Engineering". (transfer full) */
char             *hc_group_placement_dup_rule   (HcGroupPlacement    *self,
                                                 const HcPlacement   *placement);
/* The same rule for @employee, worked out once per combination of values
 * (the placement keeps it). */
const char       *hc_group_placement_get_rule   (HcGroupPlacement    *self,
                                                 HcEmployee          *employee);

/* Where a combination of the levels' values places a member: owned by
 * the placement, worked out once per combination. */
typedef struct _HcPlacedValues HcPlacedValues;

/* Each of @employees' combination, in their order (free the array with
 * g_free()): reads each record once, so that it can be done apart from
 * (and beside) the member plan. */
HcPlacedValues  **hc_group_placement_place_each (HcGroupPlacement    *self,
                                                 GPtrArray           *employees);
HcGroup          *hc_placed_values_get_group    (const HcPlacedValues *placed);
const char       *hc_group_placement_get_placed_rule (HcGroupPlacement *self,
                                                 HcPlacedValues      *placed);

/* The live preview: how many of @employees (HcEmployee*) each group
 * receives, most first. (transfer full) of HcPlacementCount* */
GPtrArray        *hc_group_placement_count      (HcGroupPlacement    *self,
                                                 GPtrArray           *employees);
/* The same in one line: "Paris / Engineering: 42, Paris (no department
 * group): 3, top group: 7"; the problem when there is one; "" for no
 * employee or the mode none. (transfer full) */
char             *hc_group_placement_summarize  (HcGroupPlacement    *self,
                                                 GPtrArray           *employees);

/* Create from HR (rules.md 37): the names of the group @employee belongs
 * in under the teams' parent (one per create-from field, stopping at the
 * first blank value), trimmed; NULL when the option is off or the first
 * value is blank. (transfer full) */
GStrv             hc_group_placement_team_names (const HcConfig      *config,
                                                 HcEmployee          *employee);

G_END_DECLS
