/* hc-fake-bamboohr.h — a fake BambooHR: the field list and the custom
 * report of the public API, as BambooHR's API documentation and the
 * official spec (tests/prism/specs/bamboohr/public-api.yaml) record them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/* The credentials the fake accepts: fixed, fake, obviously not real. The
 * API key is the user name of HTTP Basic; any password is accepted. */
#define HC_FAKE_BAMBOOHR_SECRET     "fake_bamboohr_KEY_0123456789abcdef"
#define HC_FAKE_BAMBOOHR_CLIENT_ID  ""
#define HC_FAKE_BAMBOOHR_SUBDOMAIN  "fakeco"

/* The spec's server is https://{companyDomain}.bamboohr.com and its paths
 * start with /api/v1/: the fake serves the same paths under its base URL. */
#define HC_FAKE_BAMBOOHR_FIELDS_PATH "/api/v1/meta/fields"
#define HC_FAKE_BAMBOOHR_REPORT_PATH "/api/v1/reports/custom"

/*
 * What it serves:
 * - GET /api/v1/meta/fields: the field list, standard fields with their
 *   aliases, three custom fields (Skip sync: alias customSkipSync, a
 *   checkbox; Cost center: customCostCenter, a list; Badge number: id 4420,
 *   no alias), a checkbox whose alias does not start with "custom"
 *   (skip_elevo_sync, "Ne pas synchroniser avec Elevo": the person's
 *   vendor_skip), a deprecated custom field (customOldCode), a table sub-field
 *   ("4340.4") and a sensitive standard field (ssn). Accept must be
 *   application/json, or the answer is XML, BambooHR's default.
 * - POST /api/v1/reports/custom?format=json: the custom report. format must
 *   be "json" exactly (the spec's enum; anything else is BambooHR's 404 for
 *   an unknown format); onlyCurrent, if sent, true or false (else 400);
 *   Content-Type exactly application/json (else BambooHR's 400, the body
 *   being read as XML); a JSON body with "fields", 1 to 400 strings (else
 *   400). Unknown fields are left out silently, as BambooHR does. The answer
 *   is {"title", "fields": [{"id", "type", "name"}], "employees": [{"id":
 *   "…", <field>: "<string>" or null}]}: every person, active and inactive,
 *   in one answer (the report is not paged).
 * - anything else: 404.
 * A missing or wrong Authorization is BambooHR's 401, with an empty body.
 *
 * People are rendered as BambooHR sends them: status Active or Inactive;
 * employmentHistoryStatus Full-Time, "Leave of Absence" (leave),
 * Terminated (inactive) or null (onboarding: the row is future-dated, and
 * the report gives current values); onboarding people are Inactive until
 * their hire date (future hires are Inactive, the spec says); supervisorEId
 * the manager's id; dates "YYYY-MM-DD", null when absent; teams the team;
 * location the office; customSkipSync "1" or "0"; customCostCenter the cost
 * centre; 4420 "B-<id>".
 */
typedef struct _HcFakeBamboohr HcFakeBamboohr;

HcFakeBamboohr *hc_fake_bamboohr_new          (GPtrArray      *people);   /* HcFakePerson*, deep-copied */
/* Replaces the data (thread-safe). */
void            hc_fake_bamboohr_set_people   (HcFakeBamboohr *fake,
                                               GPtrArray      *people);
/* Base URL, faults, request log. */
HcFakeHris     *hc_fake_bamboohr_get_server   (HcFakeBamboohr *fake);
/* The base URL to give the connector's --base-url. */
const char     *hc_fake_bamboohr_get_base_url (HcFakeBamboohr *fake);
void            hc_fake_bamboohr_free         (HcFakeBamboohr *fake);

/* Knobs for the tests. */

/* Appends a raw employee record (a JSON object, or any JSON value) to the
 * report, after the people, as is: odd or missing fields, wrong types, an
 * unknown status, no id… */
void            hc_fake_bamboohr_add_raw_employee (HcFakeBamboohr *fake,
                                                   const char     *json);
/* Answers the report with @json (NULL: back to normal), for wrong shapes. */
void            hc_fake_bamboohr_set_report_override (HcFakeBamboohr *fake,
                                                      const char     *json);
/* Answers the field list with @json (NULL: back to normal). */
void            hc_fake_bamboohr_set_fields_override (HcFakeBamboohr *fake,
                                                      const char     *json);
/* The body of the last report request, or NULL. (transfer full) */
char           *hc_fake_bamboohr_dup_last_report_request (HcFakeBamboohr *fake);
/* The Content-Type of the last report request, or NULL. (transfer full) */
char           *hc_fake_bamboohr_dup_last_content_type   (HcFakeBamboohr *fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakeBamboohr, hc_fake_bamboohr_free)

G_END_DECLS
