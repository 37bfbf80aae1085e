/* hc-scope.h — which employees a connector manages (rules 3 and 4); pure
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
} HcScopeResult;

#define HC_SCOPE_RESULT_IS_IN(r) ((r) == HC_SCOPE_IN || (r) == HC_SCOPE_IN_AS_MANAGER)

/* TRUE for true/"true"/"1"/"yes" (any case). */
gboolean   hc_scope_value_is_set     (const char       *value);

/* Evaluates one employee against the config, without manager inclusion. */
HcScopeResult hc_scope_evaluate      (const HcConfig   *config,
                                      HcEmployee       *employee);

/* Evaluates all employees, then brings in managers up the chain when the
 * config asks for it (cycles are safe). Returns a GHashTable
 * employee-id → GINT_TO_POINTER (HcScopeResult + 1). (transfer full) */
GHashTable *hc_scope_evaluate_all    (const HcConfig   *config,
                                      GPtrArray        *employees);

const char *hc_scope_result_describe (HcScopeResult     result);

G_END_DECLS
