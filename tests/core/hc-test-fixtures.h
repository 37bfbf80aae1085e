/* hc-test-fixtures.h — compact builders for employees and members in tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-employee.h"
#include "hc-member.h"

/* "id|first|last|email|status|manager_id|office|skip_sync|position|hire_date|extra"
 * (empty = absent; trailing fields may be left out); extra is any other
 * fields as "path=value;path=value" ("cost_center=CC-1;location.city=Lyon"). */
HcEmployee *hc_test_employee (const char *spec);

/* "2026-06-01" → a GDate. */
GDate       hc_test_date     (const char *ymd);

/* "member_id|external_id|email|first|last|state|hr_status|connector_id|title|manager_member_id|archived_from" */
HcMember   *hc_test_member   (const char *spec);

/* NULL-terminated specs → arrays */
GPtrArray  *hc_test_employees (const char * const *specs);
GPtrArray  *hc_test_members   (const char * const *specs);

/* Deletes the temporary folder @dir of a test and the files in it (a
 * store's database with its -wal and -shm). */
void        hc_test_remove_dir (const char *dir);
