/* hc-fake-merge.h — a fake Merge linked account: GET /api/hris/v1/employees,
 * as Merge's HRIS API reference records it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/* The credentials the fake accepts: fixed, fake, obviously not real.
 * "Authorization: Bearer <API key>" and "X-Account-Token: <account token>";
 * HC_FAKE_MERGE_SECRET is both as the connector takes them, one a line. */
#define HC_FAKE_MERGE_API_KEY       "FAKE-merge-apikey-0000-not-real"
#define HC_FAKE_MERGE_ACCOUNT_TOKEN "FAKE-merge-account-0000-not-real"
#define HC_FAKE_MERGE_SECRET        HC_FAKE_MERGE_API_KEY "\n" HC_FAKE_MERGE_ACCOUNT_TOKEN
#define HC_FAKE_MERGE_CLIENT_ID     ""
#define HC_FAKE_MERGE_SUBDOMAIN     ""

#define HC_FAKE_MERGE_PREFIX         "/api/hris/v1"
#define HC_FAKE_MERGE_EMPLOYEES_PATH "/api/hris/v1/employees"
#define HC_FAKE_MERGE_MAX_PAGE_SIZE  100

/*
 * Serves GET /api/hris/v1/employees:
 * - checks both headers; a missing or wrong one answers 401
 *   {"detail": "…"} quoting what it got (so that the tests see a redaction
 *   failure if there is one);
 * - page_size (1 to 100, default 100) and cursor (an opaque string this
 *   fake made, else 400); answers {"next": cursor or null, "previous": …,
 *   "results": [ … ]};
 * - expand=manager,groups,work_location,employments (any of them) puts
 *   the objects in place of their ids; include_remote_data=true adds
 *   remote_data [{"path": "/employees", "data": {…}}].
 *
 * A person is rendered as a Merge Employee: id (the person's id),
 * remote_id ("R" + id), employee_number, company, first_name, last_name,
 * preferred_name, display_full_name, work_email, personal_email (for
 * everyone, "<id>@personal.example"), groups (a DEPARTMENT and a TEAM),
 * work_location {id, name} (the office), employments [{id, job_title,
 * employment_type}], manager, start_date and hire_date
 * ("YYYY-MM-DDT00:00:00Z"), termination_date (the end date or null),
 * employment_status (ACTIVE, PENDING for onboarding, INACTIVE; Merge has no
 * leave: a person on leave is ACTIVE), custom_fields {skip_sync,
 * cost_center}, remote_was_deleted false, modified_at.
 */
typedef struct _HcFakeMerge HcFakeMerge;

HcFakeMerge *hc_fake_merge_new           (GPtrArray   *people);
void         hc_fake_merge_set_people    (HcFakeMerge *fake,
                                          GPtrArray   *people);
HcFakeHris  *hc_fake_merge_get_server    (HcFakeMerge *fake);
/* The server's URL with HC_FAKE_MERGE_PREFIX. */
const char  *hc_fake_merge_get_base_url  (HcFakeMerge *fake);
void         hc_fake_merge_free          (HcFakeMerge *fake);

/* Appends a raw employee (any JSON value), served after the people. */
void         hc_fake_merge_add_raw_employee (HcFakeMerge *fake,
                                          const char  *json);
/* Every authorised GET answers 200 with @json; NULL goes back to normal. */
void         hc_fake_merge_set_body      (HcFakeMerge *fake,
                                          const char  *json);
/* From the second page on, "next" is always the first page's cursor: a
 * list that would never end. */
void         hc_fake_merge_set_repeat_cursor (HcFakeMerge *fake,
                                          gboolean     repeat);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakeMerge, hc_fake_merge_free)

G_END_DECLS
