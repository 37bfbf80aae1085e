/* hc-test-fixtures.h — compact builders for employees and members in tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-employee.h"
#include "hc-member.h"

/* "id|first|last|email|status|manager_id|office|skip_sync|position"
 * (empty = absent; trailing fields may be left out) */
HcEmployee *hc_test_employee (const char *spec);

/* "member_id|external_id|email|first|last|state|hr_status|connector_id|title|manager_member_id" */
HcMember   *hc_test_member   (const char *spec);

/* NULL-terminated specs → arrays */
GPtrArray  *hc_test_employees (const char * const *specs);
GPtrArray  *hc_test_members   (const char * const *specs);
