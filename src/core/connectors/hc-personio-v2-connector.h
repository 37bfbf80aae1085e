/* hc-personio-v2-connector.h — employees from Personio, through its API v2
 * (persons and their employments)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

#define HC_PERSONIO_V2_DEFAULT_BASE_URL "https://api.personio.de/v2"
/* GET /persons: Personio's maximum for limit. */
#define HC_PERSONIO_V2_PAGE_SIZE        50
/* Employment lists asked at once, one per person (rules.md 46). */
#define HC_PERSONIO_V2_IN_FLIGHT        4

/*
 * Personio's API v2 is a connector kind of its own, "personio-v2", offered
 * beside the API v1 connector ("personio"), which stays as it is
 * (rules.md 46). Personio's v2 OpenAPI documents (persons-service-api-v2,
 * employment-contract-v2, credentials-service-api-v2) are the source of
 * what follows.
 *
 * Settings:
 * - @base_url: NULL or "" for https://api.personio.de/v2; otherwise the
 *   whole base URL (tests, proxies). (--base-url)
 * - @client_id: the client ID of the API v2 credentials, required.
 *   (--client-id)
 * - @secret: their client secret, required. (--secret-stdin)
 * - @subdomain: ignored: Personio has one API host for every company.
 * Missing or invalid settings are an HC_ERROR_INVALID_CONFIG naming the
 * setting and its flag.
 *
 * Requests:
 * - POST /auth/token, form-encoded grant_type=client_credentials,
 *   client_id, client_secret: an access token for this run only, sent as
 *   "Authorization: Bearer …" afterwards; never stored. A refusal (400
 *   invalid_client, 401) is an HC_ERROR_AUTH that names the credentials.
 * - test_connection: the token, then GET /persons?limit=1.
 * - fetch_employees: GET /persons?limit=50, following
 *   _meta.links.next.href until a page has none; a link that comes back,
 *   or a page that repeats an earlier one, stops the fetch with an error
 *   instead of looping. For every person with an employment,
 *   GET /persons/{id}/employments?limit=50, at most
 *   HC_PERSONIO_V2_IN_FLIGHT at once, started while the persons' pages are
 *   still coming; 429 answers wait as Retry-After says (hc-http). The
 *   first employment listed is the current one (Personio lists the most
 *   recent first). Any failure stops the fetch: a list without some
 *   employments is never delivered.
 *
 * Mapping into HcEmployee:
 *   id              ← id (a string; a whole number is accepted; anything
 *                     else, or none, fails the fetch with HC_ERROR_PARSE)
 *   first_name      ← first_name       last_name ← last_name
 *   preferred_name  ← preferred_name   email     ← email
 *   position        ← employment position.title
 *   manager_id      ← employment supervisor.id
 *   hire_date       ← employment employment_start_date
 *   end_date        ← employment termination.last_working_day, else
 *                     termination.termination_date, else
 *                     employment_end_date; dates cut to "YYYY-MM-DD"
 *   department, team, office: not set. API v2 sends only the ids of
 *   org units and offices (their names need endpoints this connector does
 *   not read); the ids are in the raw attributes.
 *
 * Status, from the employment's status (ACTIVE, ONBOARDING, LEAVE,
 * INACTIVE), else the person's (ACTIVE, INACTIVE):
 *   a start date after today, or ONBOARDING  → ONBOARDING
 *   LEAVE                                    → LEAVE
 *   INACTIVE                                 → INACTIVE
 *   ACTIVE                                   → ACTIVE
 *   anything else: INACTIVE when the end date is past, else ACTIVE
 *
 * Raw attributes: every member of the person but custom_attributes,
 * employments and _meta, nested objects with dots ("profile_picture.url");
 * every member of the employment under "employment." ("employment.
 * office.id"); each custom attribute under its id ("dynamic_305") and,
 * when free, under its label's slug ("cost_center"). The standard fields
 * win over a raw member of the same name.
 *
 * Field metadata: the fields Personio documents for persons and
 * employments, then the custom attributes of the last fetch with their
 * labels and types.
 */

#define HC_TYPE_PERSONIO_V2_CONNECTOR (hc_personio_v2_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcPersonioV2Connector, hc_personio_v2_connector, HC, PERSONIO_V2_CONNECTOR, GObject)

HcConnector *hc_personio_v2_connector_new (const char  *base_url,
                                           const char  *subdomain,
                                           const char  *client_id,
                                           const char  *secret,
                                           GError     **error);

G_END_DECLS
