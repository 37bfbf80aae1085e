/* hc-lucca-connector.h — employees from Lucca, through the legacy
 * Directory v3 users API (GET /api/v3/users)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

/*
 * Which API. Lucca has two: the legacy Directory v3 (/api/v3/users, an API
 * key in "Authorization: lucca application=KEY") and the newer Lucca API
 * (/lucca-api/employees, OAuth 2.0 client credentials and an Api-Version
 * header). Lucca calls v3 deprecated but has announced no sunset date, and
 * its own list-users page still calls the Lucca API "currently in beta";
 * the team's settings (one API key, no client id) are v3's; and v3 is the
 * one whose response Lucca's documentation describes field by field. So
 * this connector reads v3. Moving to /lucca-api/employees means OAuth and
 * another record shape: a connector of its own, when Lucca sets a date.
 *
 * Settings:
 * - @subdomain: the Lucca account, needed unless @base_url is given.
 *   "acme" means https://acme.ilucca.net; a value with a dot is the whole
 *   host ("acme.ilucca.net", "acme.ilucca-test.net", "acme.ilucca-demo.net",
 *   a Swiss "acme.ilucca.ch"); a pasted "https://" or trailing "/" is
 *   dropped. (--subdomain)
 * - @base_url: NULL or "" for the account's https://{subdomain}; otherwise
 *   the whole base URL, which wins over @subdomain (tests, proxies).
 *   (--base-url)
 * - @secret: the API key, required. (--secret-stdin)
 * - @client_id: ignored: Lucca API keys have none.
 * Missing or invalid settings are an HC_ERROR_INVALID_CONFIG naming the
 * setting and its flag. The resolved base URL is the read-only "base-url"
 * property.
 *
 * Requests:
 * - test_connection: GET /api/v3/users?fields=id&paging=0,1 — one user,
 *   which proves the key and its right to read the directory.
 * - fetch_employees: GET /api/v3/users?fields=…&formerEmployees=true
 *   &paging={offset},{limit}, 1,000 (Lucca's maximum) per page, until a
 *   short or empty page. formerEmployees=true brings the people whose
 *   contract has ended, so that they arrive as INACTIVE rather than simply
 *   vanish. Lucca sends no total: progress has no fraction (-1).
 *   fields= asks for: id, name, displayName, firstName, lastName, login,
 *   mail, employeeNumber, jobTitle, dtContractStart, dtContractEnd,
 *   legalEntity.id, legalEntity.name, department.id, department.name,
 *   manager.id, manager.name and extendedData (every custom "e_" field),
 *   and the top-level member of each field asked for with
 *   hc_connector_set_requested_fields() that the list lacks. Lucca has no
 *   field metadata: the types are read from the values.
 *
 * Mapping into HcEmployee:
 *   id              ← id (an integer, or a string; anything else, or none,
 *                     fails the fetch with HC_ERROR_PARSE)
 *   first_name      ← firstName        last_name  ← lastName
 *   email           ← mail (text only; absent when null or missing)
 *   position        ← jobTitle         department ← department.name
 *   office          ← legalEntity.name (the establishment the employee
 *                     works for)
 *   manager_id      ← manager.id, else managerId (absent when null)
 *   hire_date       ← dtContractStart  end_date   ← dtContractEnd,
 *                     both cut to "YYYY-MM-DD"
 *   preferred_name, team: never set: v3 users have neither.
 *   Text fields accept a number too ("42"); other types leave the standard
 *   field absent, the raw value still being in the table.
 *
 * Status. v3 users carry no status: it is derived from the contract dates
 * against today's local date, as Lucca's own "former employee" is:
 *   dtContractEnd before today       → INACTIVE (the end date is the last
 *                                       day of employment)
 *   dtContractStart after today      → ONBOARDING
 *   otherwise (no dates included)    → ACTIVE
 * There is no "on leave" in v3, so LEAVE never comes from Lucca. A date
 * that cannot be read counts as absent (see the .c for why).
 *
 * Raw attributes: every member of the user, under its Lucca name, in the
 * field table; nested objects with dots ("department.name", "manager.id",
 * "legalEntity.name", "extendedData.e_skip_sync",
 * "extendedData.e_cost_center"); arrays as their elements joined with
 * ", " (for an array of objects, each member path gets the values of the
 * elements joined, e.g. "habilitedRoles.name" = "Admin, Employee +");
 * booleans "true"/"false"; numbers as text; null as absent. Where a raw
 * key is also a standard field name (a "department" sent as text instead
 * of an object), the standard field wins.
 */

#define HC_TYPE_LUCCA_CONNECTOR (hc_lucca_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcLuccaConnector, hc_lucca_connector, HC, LUCCA_CONNECTOR, GObject)

HcConnector *hc_lucca_connector_new (const char  *base_url,
                                     const char  *subdomain,
                                     const char  *client_id,
                                     const char  *secret,
                                     GError     **error);

G_END_DECLS
