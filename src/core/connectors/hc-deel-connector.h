/* hc-deel-connector.h — employees from Deel, through its REST API v2
 * people list (GET /rest/v2/people)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

/*
 * Deel's OpenAPI document (tests/prism/specs/deel/openapi.yaml) is the
 * source of what follows.
 *
 * Settings:
 * - @base_url: NULL or "" for https://api.letsdeel.com/rest/v2; otherwise
 *   the whole base URL (Deel's sandbox https://api-sandbox.demo.deel.com/rest/v2,
 *   tests, proxies). (--base-url)
 * - @secret: the API token (an organization token with the people:read
 *   scope), required. (--secret-stdin)
 * - @subdomain, @client_id: ignored: Deel tokens need neither.
 * Missing or invalid settings are an HC_ERROR_INVALID_CONFIG naming the
 * setting and its flag. The resolved base URL is the read-only "base-url"
 * property.
 *
 * Requests, with "Authorization: Bearer TOKEN":
 * - test_connection: GET /people?offset=0&limit=1.
 * - fetch_employees: GET /people?offset={offset}&limit=200 (Deel's
 *   maximum), until an empty or short page, or the page.total_rows of the
 *   first page is reached. Every hiring status is asked for, so that people
 *   who left arrive as INACTIVE rather than vanish. A person sent twice
 *   (the list shifting between pages) is delivered once.
 *
 * Mapping into HcEmployee:
 *   id              ← id (a string; a whole number is accepted; anything
 *                     else, or none, fails the fetch with HC_ERROR_PARSE)
 *   first_name      ← first_name       last_name ← last_name
 *   preferred_name  ← preferred_first_name
 *   email           ← the value of the first emails[] entry of type "work"
 *                     (Deel lists personal addresses there too: those are
 *                     never used, rules.md 5 matches on the work e-mail)
 *   position        ← job_title        department ← department.name
 *   team            ← the team.name of the first employment that has one
 *   office          ← work_location
 *   manager_id      ← direct_manager.id
 *   hire_date       ← start_date
 *   end_date        ← direct_employee_termination_last_day, else
 *                     completion_date, both cut to "YYYY-MM-DD"
 *
 * Status, from hiring_status (Deel's values: active, onboarding,
 * offboarding, inactive):
 *   onboarding, or a start_date after today  → ONBOARDING
 *   inactive                                → INACTIVE
 *   a value that says "leave" (on_leave…)   → LEAVE
 *   active, offboarding (still working until the last day), or anything
 *   else whose end date is not past          → ACTIVE
 *   anything else with an end date before today → INACTIVE
 *
 * Raw attributes: every member of the person in the field table, nested
 * objects with dots ("department.name", "direct_manager.id"), arrays as
 * their elements joined with ", " ("emails.value"); the standard fields
 * win over a raw member of the same name.
 *
 * Field metadata: Deel has no metadata endpoint for people; the connector
 * reports the fields Deel documents for this list, with Deel's labels and
 * types, so that the settings offer them before a first sync.
 */

#define HC_TYPE_DEEL_CONNECTOR (hc_deel_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcDeelConnector, hc_deel_connector, HC, DEEL_CONNECTOR, GObject)

HcConnector *hc_deel_connector_new (const char  *base_url,
                                    const char  *subdomain,
                                    const char  *client_id,
                                    const char  *secret,
                                    GError     **error);

G_END_DECLS
