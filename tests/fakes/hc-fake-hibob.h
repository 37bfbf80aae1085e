/* hc-fake-hibob.h — a fake HiBob API: POST /v1/people/search (one
 * response, no pagination) and GET /v1/company/people/fields, service user
 * Basic auth, machine and human-readable values
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/* The credentials the fake accepts (fake, obviously not real). */
#define HC_FAKE_HIBOB_SECRET     "hibob_FAKE_TOKEN_kR7w2Qx9pL"   /* service user token */
#define HC_FAKE_HIBOB_CLIENT_ID  "SERVICE-FAKE-4242"             /* service user ID */
#define HC_FAKE_HIBOB_SUBDOMAIN  ""                               /* HiBob has none */

/* The custom fields the fake's company defines (ids as in Bob's metadata). */
#define HC_FAKE_HIBOB_FIELD_SKIP_SYNC   "custom.category_sync.field_skipSync"  /* boolean */
#define HC_FAKE_HIBOB_FIELD_COST_CENTER "work.custom.field_costCenter"         /* text */
#define HC_FAKE_HIBOB_FIELD_TEAM        "work.custom.field_team"               /* list, named "Team" */
/* boolean, named "Ne pas synchroniser avec Elevo": HcFakePerson's vendor_skip */
#define HC_FAKE_HIBOB_FIELD_VENDOR_SKIP "work.custom.field_1712"
#define HC_FAKE_HIBOB_VENDOR_SKIP_LABEL "Ne pas synchroniser avec Elevo"

/* How each employee is written: the documented slash keys with {"value": …}
 * wrappers, the nested category objects, or both together (the default, as
 * in HiBob's own example). */
typedef enum
{
  HC_FAKE_HIBOB_SHAPE_BOTH,
  HC_FAKE_HIBOB_SHAPE_SLASH,
  HC_FAKE_HIBOB_SHAPE_NESTED,
} HcFakeHibobShape;

typedef struct _HcFakeHibob HcFakeHibob;

HcFakeHibob *hc_fake_hibob_new          (GPtrArray    *people);   /* HcFakePerson*, deep-copied */
/* Replaces the data (thread-safe). */
void         hc_fake_hibob_set_people   (HcFakeHibob  *fake,
                                         GPtrArray    *people);
HcFakeHris  *hc_fake_hibob_get_server   (HcFakeHibob  *fake);
/* "http://127.0.0.1:PORT/v1", for the connector's --base-url. */
const char  *hc_fake_hibob_get_base_url (HcFakeHibob  *fake);
void         hc_fake_hibob_free         (HcFakeHibob  *fake);

/* Knobs, all thread-safe. */
void         hc_fake_hibob_set_shape    (HcFakeHibob      *fake,
                                         HcFakeHibobShape  shape);
/* Appends one employee object, written as is after the people (odd or
 * missing fields, unknown statuses…). It ignores showInactive and fields. */
void         hc_fake_hibob_add_raw_employee (HcFakeHibob *fake,
                                             const char  *json);
/* The next searches answer 200 with this body instead (NULL: normal). */
void         hc_fake_hibob_set_search_body (HcFakeHibob *fake,
                                            const char  *json);
/* The fields of @category ("internal", "work"…) are silently left out, as
 * Bob does when the service user may not view that category. */
void         hc_fake_hibob_hide_category (HcFakeHibob *fake,
                                          const char  *category);
/* FALSE: searches answer 403, as for a service user in no permission group. */
void         hc_fake_hibob_set_permitted (HcFakeHibob *fake,
                                          gboolean     permitted);
/* @n more text custom fields ("custom.category_extra.field_N") in the
 * metadata, each with a value for every person. */
void         hc_fake_hibob_add_custom_fields (HcFakeHibob *fake,
                                              guint        n);
/* The body of the last people search, or NULL. (transfer full) */
char        *hc_fake_hibob_dup_last_search (HcFakeHibob *fake);
/* The list item id Bob would send for a list label (department, title, team). */
char        *hc_fake_hibob_list_item_id (const char *label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakeHibob, hc_fake_hibob_free)

G_END_DECLS
