/* hc-hibob-connector.h — employees from HiBob (Bob), through its people
 * search API with a service user
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

/* The production API; @base_url NULL or "" means this one. */
#define HC_HIBOB_DEFAULT_BASE_URL "https://api.hibob.com/v1"

/* At most this many field ids in one people search (HiBob's limit). */
#define HC_HIBOB_MAX_FIELDS 400

/*
 * Settings:
 *   @base_url   optional (--base-url), default HC_HIBOB_DEFAULT_BASE_URL;
 *               the sandbox is https://api.sandbox.hibob.com/v1.
 *   @subdomain  ignored: HiBob has one API host for every company.
 *   @client_id  required (--client-id): the service user ID.
 *   @secret     required (--secret-stdin): the service user token.
 * They travel as HTTP Basic "<ID>:<TOKEN>". Missing or invalid settings are
 * an HC_ERROR_INVALID_CONFIG naming the setting and its flag.
 *
 * test_connection asks POST /people/search for the ids of the active
 * employees only: it proves the credentials and that the service user may
 * read employees (a service user outside every permission group gets 403,
 * or sees nobody, which is reported too).
 *
 * fetch_employees reads GET /company/people/fields (the field metadata) to
 * learn the company's custom fields, then makes ONE POST /people/search:
 * the people search has no pagination and returns every employee in one
 * response. It asks for the standard fields below, every custom field (ids
 * "custom.…" and "….custom.…"), every checkbox field and every field asked
 * for with hc_connector_set_requested_fields() by id or label slug (up to
 * HC_HIBOB_MAX_FIELDS in all),
 * "showInactive": true (terminated and future employees come back, so an
 * employee who leaves is seen as inactive, not as vanished) and
 * "humanReadable": "APPEND" (list fields such as department carry a list
 * item id; their labels come in a "humanReadable" node beside the machine
 * values, whose dates stay ISO). The response is mapped in a worker thread
 * with progress ("Fetched 1,000 of 5,000 employees from HiBob").
 *
 * Field table keys are HiBob's field ids, in dot notation: the response
 * keys "/work/department" (with or without a {"value": …} wrapper) and the
 * nested form {"work": {"department": …}} both give "work.department";
 * root fields, which the nested form puts at the top level ("firstName"),
 * are keyed "root.firstName" as in "/root/firstName". Nested objects go on
 * with dots ("work.reportsTo.email"), custom fields keep their ids
 * ("custom.category_1.field_2", "work.custom.field_123"), arrays of scalars
 * are joined with ", " (other elements as compact JSON), booleans are
 * "true"/"false", numbers are text, null is absent. When both forms carry a
 * field the slash form wins. The human-readable labels are kept under
 * "humanReadable." + the same key ("humanReadable.work.department").
 * A checkbox is also keyed by the slug of its metadata name ("Ne pas
 * synchroniser avec Elevo" → "ne_pas_synchroniser_avec_elevo"), unless
 * that is a standard name, so the exclusion checkbox is found by its label.
 * The metadata is what hc_connector_dup_field_metadata() gives.
 *
 * Standard fields, the label preferred to the list item id where Bob has one:
 *   first_name      root.firstName
 *   last_name       root.surname
 *   preferred_name  the first name part of root.displayName, when Bob builds
 *                   it from a preferred name and the surname ("Ben Doe"
 *                   for John Doe); absent when it is the first name
 *   email           root.email
 *   position        work.title
 *   department      work.department
 *   team            the custom field whose metadata name is "Team", if any
 *                   (Bob has no built-in team)
 *   office          work.site
 *   manager_id      work.reportsTo.id, else work.manager
 *   hire_date       work.startDate                 (YYYY-MM-DD)
 *   end_date        internal.terminationDate       (YYYY-MM-DD)
 *   status          internal.lifecycleStatus, else internal.status, as
 *                   described in hc-hibob-connector.c; the raw values stay
 *                   in the table under those keys.
 */

#define HC_TYPE_HIBOB_CONNECTOR (hc_hibob_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcHibobConnector, hc_hibob_connector, HC, HIBOB_CONNECTOR, GObject)

HcConnector *hc_hibob_connector_new (const char  *base_url,
                                     const char  *subdomain,
                                     const char  *client_id,
                                     const char  *secret,
                                     GError     **error);

G_END_DECLS
