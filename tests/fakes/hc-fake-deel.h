/* hc-fake-deel.h — a fake Deel organisation: GET /rest/v2/people, as
 * Deel's OpenAPI document (tests/prism/specs/deel/openapi.yaml) records it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/* The credentials the fake accepts: fixed, fake, obviously not real. The
 * token goes in "Authorization: Bearer <token>"; Deel has neither client id
 * nor subdomain. */
#define HC_FAKE_DEEL_SECRET      "FAKE-deel-token-0000-not-a-real-token"
#define HC_FAKE_DEEL_CLIENT_ID   ""
#define HC_FAKE_DEEL_SUBDOMAIN   ""

/* The API's prefix (in the base URL), the endpoint it serves under it, and
 * Deel's documented maximum for limit. */
#define HC_FAKE_DEEL_PREFIX      "/rest/v2"
#define HC_FAKE_DEEL_PEOPLE_PATH "/rest/v2/people"
#define HC_FAKE_DEEL_MAX_LIMIT   200

/*
 * Serves GET /rest/v2/people:
 * - checks "Authorization: Bearer HC_FAKE_DEEL_SECRET"; a missing or wrong
 *   one answers 401 with Deel's error container
 *   {"request": {…, "status": 401}, "errors": [{"message": …}]} whose
 *   message quotes the token it got (so that the tests see a redaction
 *   failure if there is one);
 * - offset (default 0) and limit (1 to 200, default 50); anything else
 *   answers 400;
 * - answers {"data": [ … ], "page": {"offset", "items_per_page",
 *   "total_rows"}} (total_rows left out with
 *   hc_fake_deel_set_send_total (FALSE)).
 *
 * A person is rendered as a Deel person: id (a string), worker_id (the
 * position in the list, from 1), external_id, first_name, last_name,
 * full_name, preferred_first_name (the preferred name, else the first
 * name), emails [{type: "work", value}] plus a personal address
 * [{type: "personal", value: "<id>@personal.example"}] for everyone,
 * job_title, hiring_status (active, onboarding, inactive; Deel has no
 * "leave": a person on leave is "active"), hiring_type "direct_employee",
 * state, start_date ("YYYY-MM-DD"), completion_date (the end date, or
 * null), department {id, name, parent} (null without one), work_location
 * (the office), country, direct_manager {id, first_name, last_name,
 * work_email} (null without a manager), direct_reports_count,
 * client_legal_entity {id, name}, and employments [{id, team {id, name},
 * hiring_status, contract_status}] with the person's team.
 */
typedef struct _HcFakeDeel HcFakeDeel;

HcFakeDeel  *hc_fake_deel_new            (GPtrArray   *people);
/* Replaces the people (deep-copied); thread-safe. */
void         hc_fake_deel_set_people     (HcFakeDeel  *fake,
                                          GPtrArray   *people);
/* Base URL, faults, request log. */
HcFakeHris  *hc_fake_deel_get_server     (HcFakeDeel  *fake);
/* The base URL to give the connector's --base-url: the server's, with
 * HC_FAKE_DEEL_PREFIX. */
const char  *hc_fake_deel_get_base_url   (HcFakeDeel  *fake);
void         hc_fake_deel_free           (HcFakeDeel  *fake);

/* Vendor-specific knobs for the tests. */

/* Appends a raw person (any JSON value), served as is after the people.
 * Aborts if @json does not parse. */
void         hc_fake_deel_add_raw_person (HcFakeDeel  *fake,
                                          const char  *json);
/* Every authorised GET answers 200 with @json instead (a page of the wrong
 * shape); NULL goes back to normal. */
void         hc_fake_deel_set_people_body (HcFakeDeel *fake,
                                          const char  *json);
/* Whether page.total_rows is sent (TRUE by default). */
void         hc_fake_deel_set_send_total (HcFakeDeel  *fake,
                                          gboolean     send_total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakeDeel, hc_fake_deel_free)

G_END_DECLS
