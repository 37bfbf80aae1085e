/* hc-fake-personio.h — a fake Personio API v1: POST /v1/auth and
 * GET /v1/company/employees, as Personio's API v1 documentation and the
 * official spec (tests/prism/specs/personio/) describe them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/* The credentials the fake accepts (fixed, fake, obviously not real). */
#define HC_FAKE_PERSONIO_SECRET     "fake-personio-SECRET-2f9c4e1a7b"
#define HC_FAKE_PERSONIO_CLIENT_ID  "papi-fake-client-id-0000"
#define HC_FAKE_PERSONIO_SUBDOMAIN  ""
/* The token POST /v1/auth hands out ("stable" tokens: one for every run). */
#define HC_FAKE_PERSONIO_TOKEN      "papi-FAKE-TOKEN-77e1d0c3b2a1f0e9"

/* GET /v1/company/employees: limit is 1…100 (a 400 otherwise), 50 when
 * absent; offset ≥ 0. */
#define HC_FAKE_PERSONIO_MAX_LIMIT      100
#define HC_FAKE_PERSONIO_DEFAULT_LIMIT  50

/* The custom attributes each person carries. */
#define HC_FAKE_PERSONIO_SKIP_SYNC_KEY    "dynamic_1001"   /* label "Skip sync", a boolean */
#define HC_FAKE_PERSONIO_COST_CENTER_KEY  "dynamic_1002"   /* label "Cost center", a list value */

typedef struct _HcFakePersonio HcFakePersonio;

/* @people: HcFakePerson*, deep-copied. Each is rendered as an Employee:
 * id (an integer when the id is digits), first_name, last_name,
 * preferred_name ("" when unset), email (null when unset), status (the
 * person's word, verbatim), position, supervisor (an Employee with id,
 * first_name, last_name, email; null without a manager), employment_type,
 * hire_date and termination_date ("YYYY-MM-DDT00:00:00+01:00" or null),
 * contract_end_date (null), office, department, team (Personio objects,
 * null when unset), cost_centers (a list of CostCenter), fix_salary (a
 * decimal with a currency), weekly_working_hours, and the two custom
 * attributes above. */
HcFakePersonio *hc_fake_personio_new          (GPtrArray      *people);
/* Replaces the data (thread-safe). */
void            hc_fake_personio_set_people   (HcFakePersonio *fake,
                                               GPtrArray      *people);
/* Base URL, faults, request log. */
HcFakeHris     *hc_fake_personio_get_server   (HcFakePersonio *fake);
/* The base URL to give the connector's --base-url: "http://127.0.0.1:PORT/v1". */
const char     *hc_fake_personio_get_base_url (HcFakePersonio *fake);
void            hc_fake_personio_free         (HcFakePersonio *fake);

/* Knobs */

/* Appends one item of "data", verbatim (valid JSON, any shape), after the
 * people: records with odd or missing attributes. */
void            hc_fake_personio_add_raw_employee   (HcFakePersonio *fake,
                                                     const char     *json);
/* What metadata.total_elements claims; -1 (the default) tells the truth. */
void            hc_fake_personio_set_total_elements (HcFakePersonio *fake,
                                                     gint64          total);
/* Every page starts at offset 0 whatever was asked: a server that ignores
 * the paging parameters. */
void            hc_fake_personio_set_ignore_offset  (HcFakePersonio *fake,
                                                     gboolean        ignore);
/* The body of every authorised 200 answer on /v1/company/employees
 * instead of the page (NULL: the page). */
void            hc_fake_personio_set_employees_body (HcFakePersonio *fake,
                                                     const char     *json);
/* The body of the 200 answer of /v1/auth for good credentials instead of
 * the token (NULL: the token). */
void            hc_fake_personio_set_auth_body      (HcFakePersonio *fake,
                                                     const char     *json);

/* Benchmarks: renders every page of @limit employees now, and keeps the
 * pages rendered until the data changes, so that serving costs little
 * beside the client measured. */
void            hc_fake_personio_cache_pages        (HcFakePersonio *fake,
                                                     guint           limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakePersonio, hc_fake_personio_free)

G_END_DECLS
