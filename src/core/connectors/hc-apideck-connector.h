/* hc-apideck-connector.h — employees through Apideck's unified HRIS API
 * (GET /hris/employees), which reaches the HR system a customer connected
 * in Apideck Vault (Workday, SAP SuccessFactors, Sage HR, ADP…)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

/*
 * Settings:
 * - @base_url: NULL or "" for https://unify.apideck.com; otherwise the
 *   whole base URL (tests, proxies). (--base-url)
 * - @app_id: the id of the Unify application (x-apideck-app-id), required.
 *   (--app-id)
 * - @consumer_id: the consumer whose connection is read
 *   (x-apideck-consumer-id), required. (--consumer-id)
 * - @service_id: the HR system's service id (x-apideck-service-id,
 *   "bamboohr", "workday"…), only needed when the consumer has connected
 *   several; NULL or "" to send none. (--service-id)
 * - @secret: the Apideck API key. (--secret-stdin)
 * The three ids are not secrets: they are stored in the connector's
 * settings. Missing or invalid settings are an HC_ERROR_INVALID_CONFIG
 * naming the setting and its flag.
 *
 * Requests, with "Authorization: Bearer API_KEY" and the headers above
 * (Apideck's HRIS API reference):
 * - test_connection: GET /hris/employees?limit=1.
 * - fetch_employees: GET /hris/employees?limit=200 (Apideck's maximum),
 *   then &cursor= each answer's meta.cursors.next until it is null. A
 *   cursor that comes back fails the fetch (HC_ERROR_FAILED) instead of
 *   looping, and a person sent twice is delivered once.
 *
 * Mapping of Apideck's common Employee model into HcEmployee:
 *   id              ← id
 *   first_name      ← first_name      last_name ← last_name
 *   preferred_name  ← preferred_name
 *   email           ← the first of emails[] of type "work", else of type
 *                     "primary" (a "personal" address is never used)
 *   position        ← title, else the title of the first job
 *   department      ← department_name, else department
 *   team            ← team.name
 *   office          ← the city of the first job's location, else of the
 *                     first address of type "work"
 *   manager_id      ← manager.id
 *   hire_date       ← employment_start_date   end_date ← employment_end_date
 * Status, from employment_status (Apideck's active, inactive, terminated,
 * other):
 *   a start after today                      → ONBOARDING
 *   inactive, terminated                     → INACTIVE
 *   active                                   → ACTIVE
 *   anything else: INACTIVE after a past end date, else ACTIVE.
 * Apideck has no "on leave": LEAVE never comes from it.
 *
 * Raw attributes: every member in the field table, nested objects with
 * dots ("manager.email"), arrays joined ("emails.email"); each custom
 * field as "custom_fields.NAME" (its id when it has no name).
 *
 * Field metadata: the fields of Apideck's Employee model with Apideck's
 * labels and types, and each custom field a fetch met.
 */

#define HC_TYPE_APIDECK_CONNECTOR (hc_apideck_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcApideckConnector, hc_apideck_connector, HC, APIDECK_CONNECTOR, GObject)

HcConnector *hc_apideck_connector_new (const char  *base_url,
                                       const char  *app_id,
                                       const char  *consumer_id,
                                       const char  *service_id,
                                       const char  *secret,
                                       GError     **error);

G_END_DECLS
