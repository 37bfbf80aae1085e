/* hc-fake-apideck.h — a fake Apideck Unify application: GET
 * /hris/employees, as Apideck's HRIS OpenAPI document
 * (tests/prism/specs/apideck/hris.yml) records it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/* The credentials the fake accepts: fixed, fake, obviously not real.
 * "Authorization: Bearer <API key>", x-apideck-app-id and
 * x-apideck-consumer-id; x-apideck-service-id is optional, and when sent
 * must be HC_FAKE_APIDECK_SERVICE_ID. */
#define HC_FAKE_APIDECK_SECRET      "FAKE-apideck-key-0000-not-real"
#define HC_FAKE_APIDECK_APP_ID      "fake-app-0001"
#define HC_FAKE_APIDECK_CONSUMER_ID "fake-consumer-0001"
#define HC_FAKE_APIDECK_SERVICE_ID  "fake-hris"
#define HC_FAKE_APIDECK_EMPLOYEES_PATH "/hris/employees"
#define HC_FAKE_APIDECK_MAX_LIMIT   200

/*
 * Serves GET /hris/employees:
 * - checks the key and the two ids; a missing or wrong one answers 401
 *   {"status_code": 401, "error": "Unauthorized", "type_name":
 *   "UnauthorizedError", "message": …, "detail": …} whose detail quotes
 *   what it got (so that the tests see a redaction failure if there is
 *   one); a wrong service id answers 400 the same way;
 * - limit (1 to 200, default 20) and cursor (an opaque string this fake
 *   made, else 400); answers {"status_code": 200, "status": "OK",
 *   "service", "resource": "employees", "operation": "all", "data": [ … ],
 *   "meta": {"items_on_page", "cursors": {"previous", "current", "next"}},
 *   "links": {…}}.
 *
 * A person is rendered as an Apideck Employee: id, downstream_id ("D" +
 * id), employee_number, first_name, last_name, preferred_name,
 * display_name, title (the position), department_name, department_id,
 * team {id, name}, company_name, employment_start_date,
 * employment_end_date (the end date or null), employment_status (active;
 * terminated for inactive; Apideck has neither onboarding nor leave: such
 * people are active), employment_role {type: "employee"}, manager {id,
 * name, first_name, last_name, email} (null without one), emails [a
 * personal address for everyone, "<id>@personal.example", then the work
 * one], jobs [{id, title, is_primary, location {type: "work", city}}],
 * custom_fields [{id, name: "skip_sync", value: bool}, {id, name:
 * "cost_center", value}], works_remote false, deleted false.
 */
typedef struct _HcFakeApideck HcFakeApideck;

HcFakeApideck *hc_fake_apideck_new          (GPtrArray     *people);
void           hc_fake_apideck_set_people   (HcFakeApideck *fake,
                                             GPtrArray     *people);
HcFakeHris    *hc_fake_apideck_get_server   (HcFakeApideck *fake);
/* The server's URL: the connector's --base-url. */
const char    *hc_fake_apideck_get_base_url (HcFakeApideck *fake);
void           hc_fake_apideck_free         (HcFakeApideck *fake);

/* Appends a raw employee (any JSON value), served after the people. */
void           hc_fake_apideck_add_raw_employee (HcFakeApideck *fake,
                                                 const char    *json);
/* Every authorised GET answers 200 with @json; NULL goes back to normal. */
void           hc_fake_apideck_set_body     (HcFakeApideck *fake,
                                             const char    *json);
/* From the second page on, the next cursor is always the second page's:
 * a list that would never end. */
void           hc_fake_apideck_set_repeat_cursor (HcFakeApideck *fake,
                                                  gboolean       repeat);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakeApideck, hc_fake_apideck_free)

G_END_DECLS
