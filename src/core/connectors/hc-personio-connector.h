/* hc-personio-connector.h — employees from Personio, API v1 (Personnel Data)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

/* The production API; the base URL carries the "/v1" prefix, and every
 * request path is appended to it ("/auth", "/company/employees"). */
#define HC_PERSONIO_DEFAULT_BASE_URL "https://api.personio.de/v1"

/* The value of the X-Personio-Partner-ID and X-Personio-App-ID headers. */
#define HC_PERSONIO_PARTNER_ID "HEADCOUNT"

/* Employees per page: Personio's maximum for GET /company/employees. */
#define HC_PERSONIO_PAGE_SIZE 100

/* The field holding Personio's own status word ("active", or one Headcount
 * does not know): HC_FIELD_STATUS holds the normalised status. */
#define HC_PERSONIO_FIELD_STATUS_RAW "status_raw"

/*
 * Each run signs in with POST /auth (client_id and client_secret, form
 * encoded) and sends the token as "Authorization: Bearer …"; employees come
 * from GET /company/employees?limit=100&offset=N, until a short or empty
 * page. metadata.total_elements only feeds the progress fraction: Personio's
 * totals are not reliable. A page that repeats an earlier one fails the
 * fetch (the list would be incomplete); an employee repeated on a later page
 * is kept once.
 *
 * Mapping of an employee's attributes ({label, value, type, universal_id}):
 *   id                                  → the HcEmployee id (required)
 *   first_name, last_name, preferred_name, email, position
 *                                       → the standard fields of those names
 *   status                              → the status: active, onboarding,
 *       leave, inactive (any case). Any other word, or a null value, reads
 *       as inactive; the word itself is kept in "status_raw". A record
 *       without a status attribute at all fails the fetch: the API
 *       credentials are not allowed to read it.
 *   department, office, team            → value.attributes.name (or a plain
 *       string value)
 *   supervisor                          → manager_id, from
 *       value.attributes.id.value
 *   hire_date                           → hire_date, "YYYY-MM-DD"
 *   termination_date, else contract_end_date → end_date, "YYYY-MM-DD"
 * A standard field whose value has the wrong JSON type is left absent.
 *
 * Raw attributes, every one, in the field table, keyed twice:
 *  - by the attribute key: "gender", "weekly_working_hours", "dynamic_12345";
 *  - by a slug of its label ("Skip sync" → "skip_sync", "Cost center" →
 *    "cost_center", "Name (preferred)" → "name_preferred": lower case, ASCII,
 *    every run of other characters one "_"), unless that key is already
 *    taken by an attribute key, a standard field or an earlier label.
 * The label and type each scalar attribute carries are the field metadata
 * hc_connector_dup_field_metadata() gives after a fetch ("standard" types
 * none: a checkbox comes as one, its true/false values tell).
 * Values: strings as they are, numbers as text ("40", "37.5"), booleans
 * "true"/"false", null and "" absent. Personio objects
 * {"type", "attributes": {…}} are flattened from their attributes, and
 * nested attribute objects from their value: "department.id",
 * "department.name", "supervisor.id", "supervisor.email",
 * "holiday_calendar.country"; other objects by member ("a.b"). Arrays are
 * joined with ", ", member by member for arrays of objects:
 * "cost_centers.name" = "Cost center 1, Cost center 2". Other members of an
 * attribute object are kept beside its value: "fix_salary.currency".
 * Standard field names are never written from raw attributes (the standard
 * mapping owns them), and neither is "status_raw".
 */

#define HC_TYPE_PERSONIO_CONNECTOR (hc_personio_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcPersonioConnector, hc_personio_connector, HC, PERSONIO_CONNECTOR, GObject)

/* Every connector takes the same four strings; which ones it needs is vendor-specific (documented
 * here). @base_url NULL or "" means the vendor's production default. Missing or invalid settings are
 * an HC_ERROR_INVALID_CONFIG whose message names the setting and the CLI flag that sets it
 * (--base-url, --subdomain, --client-id, --secret-stdin), e.g.
 * "BambooHR needs the company subdomain (--subdomain), as in acme for acme.bamboohr.com".
 *
 * Personio: @client_id (required) is the client ID of the API credentials,
 * @secret (required) their client secret; @base_url defaults to
 * HC_PERSONIO_DEFAULT_BASE_URL and must include the "/v1" prefix when it
 * has one; @subdomain is accepted and ignored (may be NULL). */
HcConnector *hc_personio_connector_new (const char  *base_url,
                                        const char  *subdomain,
                                        const char  *client_id,
                                        const char  *secret,
                                        GError     **error);

G_END_DECLS
