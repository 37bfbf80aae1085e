/* hc-bamboohr-connector.h — BambooHR: the employees of a company through the
 * custom report of its public API
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

#define HC_TYPE_BAMBOOHR_CONNECTOR (hc_bamboohr_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcBamboohrConnector, hc_bamboohr_connector, HC, BAMBOOHR_CONNECTOR, GObject)

/*
 * Settings:
 * - @subdomain: the company domain, "acme" for acme.bamboohr.com
 *   ("acme.bamboohr.com" is accepted too). Required unless @base_url is
 *   given; ignored when it is.
 * - @base_url: NULL or "" for https://<subdomain>.bamboohr.com. An override
 *   replaces that part only: the paths /api/v1/… are appended to it (the
 *   official spec's server; the old …/api/gateway.php/<company> form is not
 *   a base URL here).
 * - @secret: the API key (required). It is sent as HTTP Basic, user = key,
 *   password "x", and never appears in a message or a log.
 * - @client_id: ignored (may be NULL).
 * A missing or invalid setting is an HC_ERROR_INVALID_CONFIG naming the
 * setting and its flag (--subdomain, --base-url, --secret-stdin). The
 * read-only "base-url" property is the base URL the requests go to.
 *
 * Requests (BambooHR/bhr-api-python specs/public.yaml, OpenAPI 3.1):
 * - test connection: POST /api/v1/reports/custom?format=json asking for the
 *   employee ids only.
 * - fetch: GET /api/v1/meta/fields (to find the custom fields), then one
 *   POST /api/v1/reports/custom?format=json with the fields listed below
 *   plus every custom field. The custom report is not paged: BambooHR sends
 *   every employee, active and inactive, in one answer, which is parsed and
 *   mapped in worker threads.
 *
 * Custom fields requested: every field of /api/v1/meta/fields that is not
 * deprecated and has an alias starting with "custom" (requested by alias),
 * or has no alias and a plain integer id (requested by id, "4420"); table
 * sub-fields ("4340.4") and standard fields are not requested beyond those
 * below. At most 400 fields in all (BambooHR's limit).
 *
 * Standard fields requested: id, employeeNumber, firstName, lastName,
 * preferredName, displayName, workEmail, status, employmentHistoryStatus,
 * jobTitle, department, division, location, teams, supervisorEId,
 * supervisor, hireDate, terminationDate.
 *
 * Mapping into HcEmployee:
 *   id ← id            first_name ← firstName     last_name ← lastName
 *   preferred_name ← preferredName                 email ← workEmail
 *   position ← jobTitle   department ← department  team ← teams
 *   office ← location     manager_id ← supervisorEId (the manager's id)
 *   hire_date ← hireDate  end_date ← terminationDate ("YYYY-MM-DD";
 *   "0000-00-00", BambooHR's empty date, is absent)
 * Status (BambooHR's "status" is only Active / Inactive, so the dates and
 * the employment status say the rest), in this order:
 *   onboarding  the hire date is after today (future hires are Inactive in
 *               BambooHR until they start; a re-hire or a fixed-term
 *               contract to come too)
 *   inactive    status Inactive; or the employment status is "Terminated";
 *               or a termination date today or earlier not followed by a
 *               later hire date
 *   leave       the employment status (company-defined) contains "leave",
 *               as in "Leave of Absence", "Parental Leave"
 *   active      otherwise, including a status value other than Active or
 *               Inactive, or none (see the .c file for why)
 *
 * Field table: every attribute of the record, keyed by the field's name as
 * BambooHR returns it ("firstName", "supervisorEId", "customSkipSync",
 * "4420"): nested objects as "a.b", arrays joined with ", ", numbers as
 * text, booleans "true"/"false", null absent. BambooHR's "status" is kept
 * as "bamboohr.status" ("Active"), because "status" is the normalised
 * status. Each field is also keyed by the slug of its label, as the report
 * or the field list names it ("Skip sync" → "skip_sync", "Cost center" →
 * "cost_center", "Job Title" → "job_title"), unless that slug is one of
 * the standard names above, "id", "status" or the name of another field.
 */
HcConnector *hc_bamboohr_connector_new (const char  *base_url,
                                        const char  *subdomain,
                                        const char  *client_id,
                                        const char  *secret,
                                        GError     **error);

G_END_DECLS
