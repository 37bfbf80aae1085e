/* hc-merge-connector.h — employees through Merge's unified HRIS API
 * (GET /api/hris/v1/employees), which reaches the HR system a customer
 * linked in Merge (Workday, SAP SuccessFactors, Sage, ADP…)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

/*
 * Settings:
 * - @base_url: NULL or "" for https://api.merge.dev/api/hris/v1;
 *   otherwise the whole base URL (Merge's EU region
 *   https://api-eu.merge.dev/api/hris/v1, tests, proxies). (--base-url)
 * - @secret: two secrets, joined by a line break (hc-connector-secret.h):
 *   the production API key of the Merge organisation, then the account
 *   token of the customer's linked HR system. (--secret-stdin: two lines)
 * - @subdomain, @client_id: ignored.
 * Missing or invalid settings are an HC_ERROR_INVALID_CONFIG naming the
 * setting and its flag. The resolved base URL is the read-only "base-url"
 * property.
 *
 * Requests, with "Authorization: Bearer API_KEY" and
 * "X-Account-Token: ACCOUNT_TOKEN" (Merge's HRIS API reference):
 * - test_connection: GET /employees?page_size=1.
 * - fetch_employees: GET /employees?expand=manager,groups,work_location,
 *   employments&include_remote_data=true&page_size=100 (Merge's maximum),
 *   then &cursor= each answer's "next" until it is null. A cursor that
 *   comes back fails the fetch (HC_ERROR_FAILED) instead of looping, and
 *   a person sent twice is delivered once.
 *
 * Mapping of Merge's common Employee model into HcEmployee:
 *   id              ← id (Merge's id; remote_id stays in the field table)
 *   first_name      ← first_name      last_name ← last_name
 *   preferred_name  ← preferred_name
 *   email           ← work_email (personal_email is never used)
 *   position        ← the job_title of the first employment
 *   department      ← the name of the first group of type DEPARTMENT
 *   team            ← the name of the first group of type TEAM
 *   office          ← work_location.name
 *   manager_id      ← manager.id (expanded), or manager as an id
 *   hire_date       ← start_date, else hire_date   end_date ← termination_date
 * Status, from employment_status (Merge's ACTIVE, PENDING, INACTIVE):
 *   PENDING, or a start after today              → ONBOARDING
 *   INACTIVE, or remote_was_deleted              → INACTIVE
 *   a value that says LEAVE                      → LEAVE
 *   ACTIVE                                       → ACTIVE
 *   anything else: INACTIVE after a past termination_date, else ACTIVE.
 *
 * Raw attributes: every member in the field table, nested objects with
 * dots ("work_location.name", "custom_fields.cost_center"), arrays joined
 * ("groups.name"); the HR system's own record under "remote_data.data.…".
 *
 * Field metadata: the fields of Merge's Employee model with Merge's labels
 * and types, and each custom field a fetch met ("custom_fields.NAME").
 */

#define HC_TYPE_MERGE_CONNECTOR (hc_merge_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcMergeConnector, hc_merge_connector, HC, MERGE_CONNECTOR, GObject)

HcConnector *hc_merge_connector_new (const char  *base_url,
                                     const char  *subdomain,
                                     const char  *client_id,
                                     const char  *secret,
                                     GError     **error);

G_END_DECLS
