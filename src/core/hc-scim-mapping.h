/* hc-scim-mapping.h — which member field a destination sends in each SCIM
 * attribute: the outbound mapping, its defaults and its checks
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hc-destination.h"
#include "hc-member.h"

G_BEGIN_DECLS

/* Fields made of others, offered next to the member fields. */
#define HC_SCIM_FIELD_GIVEN_NAME   "preferred_or_first_name" /* the preferred name, else the first name */
#define HC_SCIM_FIELD_DISPLAY_NAME "display_name"            /* the name as Headcount shows it */
#define HC_SCIM_FIELD_EXTERNAL_ID  "employee_or_headcount_id" /* the HR employee ID, else "headcount-ID" */
#define HC_SCIM_FIELD_STATUS       "status"                  /* active unless archived */

/* One SCIM attribute a member field can be sent in. */
typedef struct
{
  const char *attribute;      /* "userName", "name.givenName", "emails[primary]", "employeeNumber"… */
  const char *label;          /* for people, untranslated (N_()) */
  const char *default_field;  /* a member field or HC_SCIM_FIELD_* */
  gboolean    enterprise;     /* in the enterprise extension */
  gboolean    required;       /* always sent: no "Not sent"; empty falls back to the default */
  gboolean    fixed;          /* always its default field */
} HcScimAttribute;

/* Every attribute, in the order of a User. */
const HcScimAttribute *hc_scim_mapping_get_attributes (guint *n_attributes);
/* NULL when @attribute is none of them. */
const HcScimAttribute *hc_scim_mapping_find_attribute (const char *attribute);

/* The member fields and HC_SCIM_FIELD_* an attribute can take, in display
 * order (custom fields are any "custom.NAME"). NULL-terminated. */
const char * const    *hc_scim_mapping_get_fields     (const HcScimAttribute *attribute);
/* "Preferred name, else first name", "Job title", "Not sent" (NULL)…
 * translated. (transfer full) */
char                  *hc_scim_mapping_describe_field (const char *field);

/* The field @destination sends in @attribute, NULL when it is not sent. */
const char            *hc_scim_mapping_get            (const HcDestination *destination,
                                                       const char          *attribute);
/* Sends @field (NULL: nothing) in @attribute. HC_ERROR_INVALID_ARGUMENT
 * with a sentence for an unknown attribute or field, or one the attribute
 * cannot take. Setting the default removes the override. */
gboolean               hc_scim_mapping_set            (HcDestination       *destination,
                                                       const char          *attribute,
                                                       const char          *field,
                                                       GError             **error);
/* Back to the defaults. */
void                   hc_scim_mapping_reset          (HcDestination       *destination);
/* TRUE when @attribute takes its default field. */
gboolean               hc_scim_mapping_is_default     (const HcDestination *destination,
                                                       const char          *attribute);

/* The value @destination sends in @attribute for @member, NULL for none
 * (not sent, or empty). Not for "manager", a reference. (transfer full) */
char                  *hc_scim_mapping_get_value      (const HcDestination *destination,
                                                       const char          *attribute,
                                                       HcMember            *member);
/* TRUE when a change of @field (a member field, "custom.NAME", "state" or
 * "has_access") changes what @destination receives. */
gboolean               hc_scim_mapping_uses_field     (const HcDestination *destination,
                                                       const char          *field);

G_END_DECLS
