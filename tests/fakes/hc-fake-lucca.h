/* hc-fake-lucca.h — a fake Lucca account: the legacy Directory v3
 * GET /api/v3/users, as Lucca's legacy Directory API documentation
 * records it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/* The credentials the fake accepts: fixed, fake, obviously not real. The
 * API key goes in "Authorization: lucca application=<key>"; Lucca has no
 * client id; the subdomain is the account name of acme.ilucca.net. */
#define HC_FAKE_LUCCA_SECRET     "FAKE-lucca-apikey-0000-not-a-real-key"
#define HC_FAKE_LUCCA_CLIENT_ID  ""
#define HC_FAKE_LUCCA_SUBDOMAIN  "fake-acme"

/* The endpoint it serves, and Lucca's documented maximum for the limit of
 * paging={offset},{limit}. */
#define HC_FAKE_LUCCA_USERS_PATH "/api/v3/users"
#define HC_FAKE_LUCCA_MAX_LIMIT  1000

/*
 * Serves GET /api/v3/users:
 * - checks "Authorization: lucca application=HC_FAKE_LUCCA_SECRET"; a
 *   missing or wrong one answers 401 (with a body that quotes the key it
 *   got, so that the tests see a redaction failure if there is one);
 * - paging={offset},{limit}, default 0,1000; a limit above 1000, a
 *   malformed value or a limit of 0 answer 400;
 * - fields=… selects what each user carries, top-level names and
 *   "parent.child" for nested objects ("department.name"); without it a
 *   user is {id, name, url}; an unknown field answers 400;
 * - formerEmployees=true includes the users whose dtContractEnd is before
 *   today (local date); without it they are left out, as Lucca does;
 * - answers {"data": {"items": [ … ]}}.
 *
 * A person is rendered as a v3 user: id as an integer when it is all
 * digits (else a string), name, url, displayName, firstName, lastName,
 * login, mail (null without e-mail), dtContractStart / dtContractEnd
 * ("YYYY-MM-DDT00:00:00" or null), employeeNumber, jobTitle, modifiedAt,
 * legalEntityId + legalEntity{id,name,url} for the office,
 * departmentId + department{id,name,url}, managerId + manager{id,name,url}
 * (null without a manager), and extendedData{e_skip_sync (boolean),
 * e_ne_pas_synchroniser (boolean, the person's vendor_skip),
 * e_cost_center}. Lucca v3 has no status, no "on leave" flag, no team and
 * no preferred name: a person's status only shows through the contract
 * dates, and team and preferred_name are not rendered.
 */
typedef struct _HcFakeLucca HcFakeLucca;

HcFakeLucca *hc_fake_lucca_new          (GPtrArray    *people);
/* Replaces the people (deep-copied); thread-safe. */
void         hc_fake_lucca_set_people   (HcFakeLucca  *fake,
                                         GPtrArray    *people);
/* Base URL, faults, request log. */
HcFakeHris  *hc_fake_lucca_get_server   (HcFakeLucca  *fake);
/* The base URL to give the connector's --base-url. */
const char  *hc_fake_lucca_get_base_url (HcFakeLucca  *fake);
void         hc_fake_lucca_free         (HcFakeLucca  *fake);

/* Vendor-specific knobs for the tests. */

/* Appends a raw user (any JSON value, odd or incomplete on purpose),
 * served as is after the people, whatever fields= asks for and whatever
 * formerEmployees says. Aborts if @json does not parse. */
void         hc_fake_lucca_add_raw_user (HcFakeLucca  *fake,
                                         const char   *json);
/* Every authorised GET /api/v3/users answers 200 with @json instead of the
 * users (a page of the wrong shape); NULL goes back to normal. */
void         hc_fake_lucca_set_users_body (HcFakeLucca *fake,
                                         const char   *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakeLucca, hc_fake_lucca_free)

G_END_DECLS
