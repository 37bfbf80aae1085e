/* hc-checks.h — the five scenario checks a tester runs on a test instance; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "hc-config.h"
#include "hc-employee.h"
#include "hc-member.h"

G_BEGIN_DECLS

typedef enum
{
  HC_CHECK_VISIBLE,             /* every active employee in scope is a member */
  HC_CHECK_FIELDS,              /* every mapped field equals its HR value */
  HC_CHECK_UPDATED,             /* an employee edited in HR is updated */
  HC_CHECK_CREATED,             /* an employee added in HR is created */
  HC_CHECK_REMOVED,             /* removed or inactive: archived or unmanaged */
  HC_CHECK_N_KINDS
} HcCheckKind;

/* One member or employee that fails a check. */
typedef struct
{
  gint64  member_id;            /* 0 when there is no member */
  char   *employee_id;          /* NULL when the member has no employee */
  char   *display_name;         /* NULL for a failure about the run itself */
  char   *message;              /* why, for people */
} HcCheckFailure;

typedef struct
{
  HcCheckKind  kind;
  guint        n_checked;       /* employees or members the check looked at */
  GPtrArray   *failures;        /* of HcCheckFailure* */
} HcCheckResult;

/* Evaluates the five checks, in HcCheckKind order, for @connector_id:
 * @employees what the HR system sends now (HcEmployee*), @members the
 * whole directory (HcMember*), @last_run what the connector's last
 * applied sync changed (employee id → change kind, as
 * hc_store_list_run_employees() gives), NULL when no sync was applied;
 * @today as for hc_plan_compute_at(). Checks 3 and 4 look at the
 * employees the last sync updated or created and at those a sync would
 * still update or create; check 5 expects archives when
 * config->archive_inactive, "previously managed" otherwise.
 * (transfer full) of HcCheckResult* */
GPtrArray   *hc_checks_evaluate        (const HcConfig *config,
                                        gint64          connector_id,
                                        GPtrArray      *employees,
                                        GPtrArray      *members,
                                        GHashTable     *last_run,
                                        const GDate    *today);

gboolean     hc_checks_all_passed      (GPtrArray      *results);

/* {"passed": bool, "checks": [{"check", "title", "passed", "checked",
 *  "failures": [{"member_id", "employee_id", "name", "message"}]}]} */
void         hc_checks_to_json         (GPtrArray      *results,
                                        JsonBuilder    *builder);

/* "visible", "fields", "updated", "created", "removed". */
const char  *hc_check_kind_to_string   (HcCheckKind     kind);
/* The check as a sentence, translated. */
const char  *hc_check_kind_describe    (HcCheckKind     kind);

void         hc_check_failure_free     (HcCheckFailure *failure);
void         hc_check_result_free      (HcCheckResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcCheckResult, hc_check_result_free)

G_END_DECLS
