/* hc-fake-personio-v2.h — a fake Personio company speaking API v2: the
 * client-credentials token, GET /v2/persons and each person's employments,
 * as Personio's v2 OpenAPI documents (persons-service-api-v2,
 * employment-contract-v2, credentials-service-api-v2) record them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/* The credentials the fake accepts and the token it issues: fixed, fake,
 * obviously not real. */
#define HC_FAKE_PERSONIO_V2_CLIENT_ID  "papi-FAKE-client-0000"
#define HC_FAKE_PERSONIO_V2_SECRET     "FAKE-personio-v2-secret-0000-not-real"
#define HC_FAKE_PERSONIO_V2_TOKEN      "papi-FAKE-access-token-0000-not-real"
#define HC_FAKE_PERSONIO_V2_SUBDOMAIN  ""

/* The API's prefix (in the base URL) and the paths it serves under it. */
#define HC_FAKE_PERSONIO_V2_PREFIX       "/v2"
#define HC_FAKE_PERSONIO_V2_TOKEN_PATH   "/v2/auth/token"
#define HC_FAKE_PERSONIO_V2_PERSONS_PATH "/v2/persons"
#define HC_FAKE_PERSONIO_V2_MAX_LIMIT    50

/*
 * Serves:
 * - POST /v2/auth/token, application/x-www-form-urlencoded only:
 *   grant_type=client_credentials with the client id and secret above
 *   answers {"access_token", "expires_in": 86400, "token_type": "Bearer",
 *   "scope"}; anything else 400 with Personio's OAuth-style problem
 *   {"error": "invalid_client", "error_description", …} whose description
 *   quotes the secret it got (so that the tests see a redaction failure if
 *   there is one).
 * - GET /v2/persons with "Authorization: Bearer <token>" (else 401 with
 *   Personio's problem+json {"personio_trace_id", "timestamp",
 *   "errors": [{"title", "detail", "type", "_meta"}]}, the detail quoting
 *   the header): limit 1 to 50 (default 10), cursor (opaque, from the
 *   previous page); anything else 400. Answers {"_data": [Person…],
 *   "_meta": {"links": {"self": {"href"}, "next": {"href"}}}}, next being an
 *   absolute URL with the next cursor, left out on the last page.
 * - GET /v2/persons/{id}/employments (same token): {"_data": [Employment],
 *   "_meta": {"links": {"self"}}}; 404 problem+json for an unknown person.
 *
 * A person: id, email, first_name, last_name, preferred_name, gender
 * "UNSPECIFIED", status (ACTIVE, or INACTIVE for an inactive person),
 * custom_attributes (the cost center as {"id": "dynamic_1001", "type":
 * "string", "global_id": "1001", "label": "Cost center", "value"} when the
 * person has one), employments [{"id"}], created_at, updated_at,
 * _meta.links.employments.href.
 * An employment: id, status (ACTIVE, ONBOARDING, LEAVE or INACTIVE),
 * position {title}, supervisor {id} (null without a manager), office {id},
 * org_units [{type: "department", id}, {type: "team", id}], legal_entity
 * {id}, type "INTERNAL", employment_start_date, employment_end_date,
 * termination {termination_date, last_working_day, type, reason} (null
 * without an end date), weekly_working_hours 40.
 */
typedef struct _HcFakePersonioV2 HcFakePersonioV2;

HcFakePersonioV2 *hc_fake_personio_v2_new            (GPtrArray        *people);
/* Replaces the people (deep-copied); thread-safe. */
void              hc_fake_personio_v2_set_people     (HcFakePersonioV2 *fake,
                                                      GPtrArray        *people);
/* Base URL, faults, request log. */
HcFakeHris       *hc_fake_personio_v2_get_server     (HcFakePersonioV2 *fake);
/* The base URL to give the connector's --base-url: the server's, with
 * HC_FAKE_PERSONIO_V2_PREFIX. */
const char       *hc_fake_personio_v2_get_base_url   (HcFakePersonioV2 *fake);
void              hc_fake_personio_v2_free           (HcFakePersonioV2 *fake);

/* Vendor-specific knobs for the tests. */

/* Appends a raw person (any JSON value), served as is after the people;
 * give it no employments. Aborts if @json does not parse. */
void              hc_fake_personio_v2_add_raw_person (HcFakePersonioV2 *fake,
                                                      const char       *json);
/* Every authorised GET /v2/persons answers 200 with @json instead (a page
 * of the wrong shape); NULL goes back to normal. */
void              hc_fake_personio_v2_set_persons_body (HcFakePersonioV2 *fake,
                                                        const char       *json);
/* Every authorised employments request answers 200 with @json instead;
 * NULL goes back to normal. */
void              hc_fake_personio_v2_set_employments_body (HcFakePersonioV2 *fake,
                                                            const char       *json);
/* TRUE: every page after the first links to the second page again, an
 * endless list. */
void              hc_fake_personio_v2_set_repeat_cursor (HcFakePersonioV2 *fake,
                                                         gboolean          repeat);
/* TRUE: persons as a credential without whitelisted attributes sees
 * them, only id and employments. */
void              hc_fake_personio_v2_set_sparse     (HcFakePersonioV2 *fake,
                                                      gboolean          sparse);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakePersonioV2, hc_fake_personio_v2_free)

G_END_DECLS
