/* hc-scim-mapping.c — which member field a destination sends in each SCIM
 * attribute
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-scim"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-email.h"
#include "hc-error.h"
#include "hc-mapping.h"
#include "hc-scim-mapping.h"

/* The defaults are what a User always carried, so that a destination
 * nobody edited sends the same documents (rules.md 42). */
static const HcScimAttribute attributes[] = {
  { "userName", N_("Sign-in name"), HC_MEMBER_FIELD_EMAIL, FALSE, TRUE, FALSE },
  { "externalId", N_("Identifier from HR"), HC_SCIM_FIELD_EXTERNAL_ID, FALSE, TRUE, FALSE },
  { "name.givenName", N_("First name"), HC_SCIM_FIELD_GIVEN_NAME, FALSE, FALSE, FALSE },
  { "name.familyName", N_("Last name"), HC_MEMBER_FIELD_LAST_NAME, FALSE, FALSE, FALSE },
  { "displayName", N_("Name shown"), HC_SCIM_FIELD_DISPLAY_NAME, FALSE, FALSE, FALSE },
  { "emails[primary]", N_("Work e-mail"), HC_MEMBER_FIELD_EMAIL, FALSE, FALSE, FALSE },
  { "title", N_("Job title"), HC_MEMBER_FIELD_TITLE, FALSE, FALSE, FALSE },
  { "active", N_("Active"), HC_SCIM_FIELD_STATUS, FALSE, TRUE, TRUE },
  { "employeeNumber", N_("Employee number"), HC_MEMBER_FIELD_EMPLOYEE_ID, TRUE, FALSE, FALSE },
  { "department", N_("Department"), HC_MEMBER_FIELD_DEPARTMENT, TRUE, FALSE, FALSE },
  { "manager", N_("Manager"), HC_MEMBER_FIELD_MANAGER, TRUE, FALSE, FALSE },
};

static const char * const text_fields[] = {
  HC_SCIM_FIELD_GIVEN_NAME, HC_SCIM_FIELD_DISPLAY_NAME, HC_SCIM_FIELD_EXTERNAL_ID,
  HC_MEMBER_FIELD_FIRST_NAME, HC_MEMBER_FIELD_LAST_NAME, HC_MEMBER_FIELD_PREFERRED_NAME,
  HC_MEMBER_FIELD_EMAIL, HC_MEMBER_FIELD_TITLE, HC_MEMBER_FIELD_DEPARTMENT, HC_MEMBER_FIELD_TEAM,
  HC_MEMBER_FIELD_OFFICE, HC_MEMBER_FIELD_EMPLOYEE_ID, HC_MEMBER_FIELD_START_DATE, HC_MEMBER_FIELD_END_DATE,
  NULL
};
static const char * const manager_fields[] = { HC_MEMBER_FIELD_MANAGER, NULL };
static const char * const status_fields[] = { HC_SCIM_FIELD_STATUS, NULL };

const HcScimAttribute *
hc_scim_mapping_get_attributes (guint *n_attributes)
{
  *n_attributes = G_N_ELEMENTS (attributes);
  return attributes;
}

const HcScimAttribute *
hc_scim_mapping_find_attribute (const char *attribute)
{
  for (guint i = 0; attribute != NULL && i < G_N_ELEMENTS (attributes); i++)
    if (g_str_equal (attributes[i].attribute, attribute))
      return &attributes[i];
  return NULL;
}

const char *const *
hc_scim_mapping_get_fields (const HcScimAttribute *attribute)
{
  if (g_str_equal (attribute->default_field, HC_MEMBER_FIELD_MANAGER))
    return manager_fields;
  if (g_str_equal (attribute->default_field, HC_SCIM_FIELD_STATUS))
    return status_fields;
  return text_fields;
}

char *
hc_scim_mapping_describe_field (const char *field)
{
  if (field == NULL || *field == '\0')
    return g_strdup (_("Not sent"));
  if (g_str_equal (field, HC_SCIM_FIELD_GIVEN_NAME))
    return g_strdup (_("Preferred name, else first name"));
  if (g_str_equal (field, HC_SCIM_FIELD_DISPLAY_NAME))
    return g_strdup (_("Full name as shown in Headcount"));
  if (g_str_equal (field, HC_SCIM_FIELD_EXTERNAL_ID))
    return g_strdup (_("Employee ID, else Headcount’s member number"));
  if (g_str_equal (field, HC_SCIM_FIELD_STATUS))
    return g_strdup (_("Status: active unless archived"));
  return hc_mapping_describe_target (field);
}

static gboolean
field_allowed (const HcScimAttribute *attribute,
               const char            *field)
{
  const char * const *fields = hc_scim_mapping_get_fields (attribute);

  if (g_strv_contains (fields, field))
    return TRUE;
  return fields == text_fields && g_str_has_prefix (field, "custom.") && hc_mapping_is_valid_target (field);
}

const char *
hc_scim_mapping_get (const HcDestination *destination,
                     const char          *attribute)
{
  const HcScimAttribute *known = hc_scim_mapping_find_attribute (attribute);
  const char *field;

  g_return_val_if_fail (known != NULL, NULL);

  field = destination->mapping != NULL ? g_hash_table_lookup (destination->mapping, attribute) : NULL;
  if (field == NULL || known->fixed)
    return known->default_field;
  return *field != '\0' ? field : NULL;
}

gboolean
hc_scim_mapping_set (HcDestination *destination,
                     const char    *attribute,
                     const char    *field,
                     GError       **error)
{
  const HcScimAttribute *known = hc_scim_mapping_find_attribute (attribute);

  if (known == NULL)
    {
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", attributes[i].attribute);
      /* Translators: the second %s lists the attributes, e.g. userName, title */
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a SCIM attribute Headcount sends; choose one of %s"), attribute, names->str);
      return FALSE;
    }
  if (field != NULL && *field == '\0')
    field = NULL;
  if (known->fixed && g_strcmp0 (field, known->default_field) != 0)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("“%s” always follows the member’s status: archiving a member deactivates them there"),
                   attribute);
      return FALSE;
    }
  if (field == NULL && known->required)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("“%s” is always sent: the service needs it to know the person"), attribute);
      return FALSE;
    }
  if (field != NULL && !field_allowed (known, field))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot be sent in “%s”: choose a member field such as first_name, title or "
                     "custom.NAME"), field, attribute);
      return FALSE;
    }

  if (g_strcmp0 (field, known->default_field) == 0)
    {
      if (destination->mapping != NULL)
        g_hash_table_remove (destination->mapping, attribute);
      return TRUE;
    }
  if (destination->mapping == NULL)
    destination->mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (destination->mapping, g_strdup (attribute), g_strdup (field != NULL ? field : ""));
  return TRUE;
}

void
hc_scim_mapping_reset (HcDestination *destination)
{
  g_clear_pointer (&destination->mapping, g_hash_table_unref);
}

gboolean
hc_scim_mapping_is_default (const HcDestination *destination,
                            const char          *attribute)
{
  const HcScimAttribute *known = hc_scim_mapping_find_attribute (attribute);

  g_return_val_if_fail (known != NULL, TRUE);
  return g_strcmp0 (hc_scim_mapping_get (destination, attribute), known->default_field) == 0;
}

static char *
field_value (HcMember   *member,
             const char *field)
{
  const char *value;

  if (g_str_equal (field, HC_SCIM_FIELD_GIVEN_NAME))
    {
      value = hc_member_get_field (member, HC_MEMBER_FIELD_PREFERRED_NAME);
      if (value == NULL || *value == '\0')
        value = hc_member_get_first_name (member);
    }
  else if (g_str_equal (field, HC_SCIM_FIELD_DISPLAY_NAME))
    {
      value = hc_member_get_display_name (member);
    }
  else if (g_str_equal (field, HC_SCIM_FIELD_EXTERNAL_ID))
    {
      value = hc_member_get_external_id (member);
      if (value == NULL || *value == '\0')
        return g_strdup_printf ("headcount-%" G_GINT64_FORMAT, hc_member_get_id (member));
    }
  else if (g_str_equal (field, HC_MEMBER_FIELD_EMAIL))
    {
      char *normalized = hc_email_normalize (hc_member_get_email (member));

      if (normalized != NULL)
        return normalized;
      value = hc_member_get_email (member);
    }
  else
    {
      value = hc_member_get_field (member, field);
    }
  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

char *
hc_scim_mapping_get_value (const HcDestination *destination,
                           const char          *attribute,
                           HcMember            *member)
{
  const HcScimAttribute *known = hc_scim_mapping_find_attribute (attribute);
  const char *field = hc_scim_mapping_get (destination, attribute);
  char *value;

  g_return_val_if_fail (known != NULL, NULL);

  if (field == NULL)
    return NULL;
  value = field_value (member, field);
  /* userName and externalId are how the service knows the person. */
  if (value == NULL && known->required && !g_str_equal (field, known->default_field))
    value = field_value (member, known->default_field);
  return value;
}

/* The member fields an HC_SCIM_FIELD_* is made of. */
static gboolean
made_of (const char *mapped,
         const char *field)
{
  if (g_str_equal (mapped, field))
    return TRUE;
  if (g_str_equal (mapped, HC_SCIM_FIELD_GIVEN_NAME))
    return g_str_equal (field, HC_MEMBER_FIELD_FIRST_NAME) || g_str_equal (field, HC_MEMBER_FIELD_PREFERRED_NAME);
  if (g_str_equal (mapped, HC_SCIM_FIELD_DISPLAY_NAME))
    return g_str_equal (field, HC_MEMBER_FIELD_FIRST_NAME) || g_str_equal (field, HC_MEMBER_FIELD_PREFERRED_NAME) ||
           g_str_equal (field, HC_MEMBER_FIELD_LAST_NAME);
  if (g_str_equal (mapped, HC_SCIM_FIELD_EXTERNAL_ID))
    return g_str_equal (field, HC_MEMBER_FIELD_EMPLOYEE_ID);
  if (g_str_equal (mapped, HC_SCIM_FIELD_STATUS))
    return g_str_equal (field, "state");
  return FALSE;
}

gboolean
hc_scim_mapping_uses_field (const HcDestination *destination,
                            const char          *field)
{
  /* Who is delivered at all: rules.md 42. */
  if (g_str_equal (field, "state") || g_str_equal (field, "has_access") ||
      g_str_equal (field, HC_MEMBER_FIELD_EMAIL))
    return TRUE;
  if (g_str_has_prefix (field, "custom.") && destination->custom_schema != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      const char *mapped = hc_scim_mapping_get (destination, attributes[i].attribute);

      if (mapped != NULL && made_of (mapped, field))
        return TRUE;
    }
  return FALSE;
}
