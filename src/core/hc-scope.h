/* hc-scope.h — which employees a connector manages (rules.md 3, 4, 17); pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-config.h"
#include "hc-employee.h"

G_BEGIN_DECLS

typedef enum
{
  HC_SCOPE_IN,
  HC_SCOPE_IN_AS_MANAGER,       /* brought in by "include managers" */
  HC_SCOPE_OUT_STATUS,          /* inactive, or a status not in scope */
  HC_SCOPE_OUT_EXCLUDED,        /* exclusion checkbox set */
  HC_SCOPE_OUT_FILTER,          /* a filter rule did not match */
  HC_SCOPE_OUT_NOT_STARTED,     /* onboarding, hire date beyond the opt-in pre-start limit */
} HcScopeResult;

#define HC_SCOPE_RESULT_IS_IN(r) ((r) == HC_SCOPE_IN || (r) == HC_SCOPE_IN_AS_MANAGER)

/* TRUE for true/"true"/"1"/"yes" (any case, spaces around ignored). */
gboolean   hc_scope_value_is_set     (const char       *value);

/* TRUE when both read the same to a person: case, Unicode normalisation
 * and spaces around do not count; accents do ("Zürich" ≠ "Zurich"). */
gboolean   hc_scope_values_equal     (const char       *a,
                                      const char       *b);

/* Reads the "YYYY-MM-DD" a date field starts with. */
gboolean   hc_scope_parse_date       (const char       *text,
                                      GDate            *date);

/* The day an onboarding employee whose hire date is after @today enters
 * the scope (hire date − pre_start_days), in @enters; FALSE when the
 * pre-start limit does not hold the employee back (no limit, not
 * onboarding, no hire date, or the day has come). */
gboolean   hc_scope_get_entry_date   (const HcConfig   *config,
                                      HcEmployee       *employee,
                                      const GDate      *today,
                                      GDate            *enters);

/* Evaluates one employee against the config, without manager inclusion,
 * on @today (NULL for the local date now). Checked in this order: status,
 * exclusion field, filter rules, pre-start interval. */
HcScopeResult hc_scope_evaluate_at   (const HcConfig   *config,
                                      HcEmployee       *employee,
                                      const GDate      *today);
/* The same on today's local date. */
HcScopeResult hc_scope_evaluate      (const HcConfig   *config,
                                      HcEmployee       *employee);

/* Evaluates all employees, then brings in managers up the chain when the
 * config asks for it (cycles are safe): a manager out only by the filter
 * comes in; one out by status, exclusion or start date does not, and the
 * walk goes on above them. Returns a GHashTable employee-id →
 * GINT_TO_POINTER (HcScopeResult + 1). @brought_by, if not NULL, receives
 * a GHashTable manager id → the id of the in-scope employee whose chain
 * brought them in. The ids point into @employees. (transfer full) */
GHashTable *hc_scope_evaluate_all_at (const HcConfig   *config,
                                      GPtrArray        *employees,
                                      const GDate      *today,
                                      GHashTable      **brought_by);
GHashTable *hc_scope_evaluate_all    (const HcConfig   *config,
                                      GPtrArray        *employees);

/* Counts the employees in scope (managers included), for "312 of 540
 * employees in scope" while the admin edits the filter. */
guint      hc_scope_count_in_scope   (const HcConfig   *config,
                                      GPtrArray        *employees,
                                      const GDate      *today);

const char *hc_scope_result_to_string (HcScopeResult    result);
const char *hc_scope_result_describe (HcScopeResult     result);

/* The clause that put the employee in or out, for "why?": "office is
 * “Paris” (rule 1: office ∈ {Paris, Lyon})", "skip_sync is “true”: the
 * exclusion checkbox is set"… @result is the employee's result from
 * hc_scope_evaluate_all_at(); @manager_of, for HC_SCOPE_IN_AS_MANAGER, the
 * display name of the report that brought them in. (transfer full) */
char      *hc_scope_explain          (const HcConfig   *config,
                                      HcEmployee       *employee,
                                      HcScopeResult     result,
                                      const char       *manager_of,
                                      const GDate      *today);

G_END_DECLS
