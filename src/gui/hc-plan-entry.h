/* hc-plan-entry.h — one line of the preview: a plan item, an upcoming hire or a warning
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hc-group-plan.h"
#include "hc-plan.h"

G_BEGIN_DECLS

/* The preview's categories: the plan's kinds, then two lists of notes. */
typedef enum
{
  HC_PLAN_CATEGORY_INVITE           = HC_PLAN_INVITE,
  HC_PLAN_CATEGORY_CREATE_NO_ACCESS = HC_PLAN_CREATE_NO_ACCESS,
  HC_PLAN_CATEGORY_BECOME_MANAGED   = HC_PLAN_BECOME_MANAGED,
  HC_PLAN_CATEGORY_UPDATE           = HC_PLAN_UPDATE,
  HC_PLAN_CATEGORY_ARCHIVE          = HC_PLAN_ARCHIVE,
  HC_PLAN_CATEGORY_UNMANAGE         = HC_PLAN_UNMANAGE,
  HC_PLAN_CATEGORY_SKIP             = HC_PLAN_SKIP,
  HC_PLAN_CATEGORY_UNCHANGED        = HC_PLAN_UNCHANGED,
  HC_PLAN_CATEGORY_REMOVE           = HC_PLAN_REMOVE,   /* a disconnect's (rules.md 47) */
  HC_PLAN_CATEGORY_WARNINGS         = HC_PLAN_N_KINDS,  /* conflicts (rules.md 18) */
  HC_PLAN_CATEGORY_UPCOMING,                            /* hires of the next 30 days (rules.md 17) */
  HC_PLAN_CATEGORY_GROUPS,                              /* group and role changes (rules.md 36–39) */
  HC_PLAN_N_CATEGORIES
} HcPlanCategory;

#define HC_TYPE_PLAN_ENTRY (hc_plan_entry_get_type ())
G_DECLARE_FINAL_TYPE (HcPlanEntry, hc_plan_entry, HC, PLAN_ENTRY, GObject)

/* Each keeps @plan alive; @item, @upcoming and @warning belong to it. */
HcPlanEntry          *hc_plan_entry_new_item        (HcPlan         *plan,
                                                     HcPlanItem     *item);
HcPlanEntry          *hc_plan_entry_new_upcoming    (HcPlan         *plan,
                                                     HcPlanUpcoming *upcoming);
HcPlanEntry          *hc_plan_entry_new_warning     (HcPlan         *plan,
                                                     const char     *warning);
/* @change belongs to the plan's group plan. */
HcPlanEntry          *hc_plan_entry_new_group_change (HcPlan        *plan,
                                                     HcGroupChange  *change);

HcPlanCategory        hc_plan_entry_get_category    (HcPlanEntry    *self);
/* NULL unless the entry is of that sort. */
HcPlanItem           *hc_plan_entry_get_item        (HcPlanEntry    *self);
HcPlanUpcoming       *hc_plan_entry_get_upcoming    (HcPlanEntry    *self);
HcGroupChange        *hc_plan_entry_get_group_change (HcPlanEntry   *self);

/* The person's name, or the warning's text. */
const char           *hc_plan_entry_get_title       (HcPlanEntry    *self);
/* "ada@example.com · E0012", or NULL. (the entry keeps it) */
const char           *hc_plan_entry_get_subtitle    (HcPlanEntry    *self);
/* Name, e-mail, employee id and reason, folded as
 * hc_member_fold_search_text() folds: what the search matches. */
const char           *hc_plan_entry_get_search_text (HcPlanEntry    *self);

/* What "Why?" asks hc_plan_explain() for: the employee id, else "#<member
 * id>"; @fallback the member ("#12") when the employee may be gone. NULL
 * for a warning. */
const char           *hc_plan_entry_get_query       (HcPlanEntry    *self);
const char           *hc_plan_entry_get_fallback_query (HcPlanEntry *self);

/* An archive the admin approves (not staged). Property "approved": read
 * from the plan; hc_plan_entry_notify_approved() after the plan changed. */
gboolean              hc_plan_entry_get_approved    (HcPlanEntry    *self);
void                  hc_plan_entry_notify_approved (HcPlanEntry    *self);

/* Property "explanation": the answer to "Why?", once worked out. Takes
 * ownership. */
const HcExplanation  *hc_plan_entry_get_explanation (HcPlanEntry    *self);
void                  hc_plan_entry_set_explanation (HcPlanEntry    *self,
                                                     HcExplanation  *explanation);

/* "New invitations"… for the sidebar and headings. */
const char           *hc_plan_category_describe     (HcPlanCategory  category);
/* A symbolic icon name, and a style class for it or NULL. */
const char           *hc_plan_category_get_icon     (HcPlanCategory  category);
const char           *hc_plan_category_get_style    (HcPlanCategory  category);
/* "invite", "warnings"…: a stable name, for widget names and tests. */
const char           *hc_plan_category_to_string    (HcPlanCategory  category);

G_END_DECLS
