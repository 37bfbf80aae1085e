/* hc-mapping.c — how HR fields land on member fields; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-mapping"

#include "config.h"

#include <string.h>

#include "hc-mapping.h"
#include "hc-member.h"

static const char * const targets[] = {
  HC_MEMBER_FIELD_FIRST_NAME,
  HC_MEMBER_FIELD_LAST_NAME,
  HC_MEMBER_FIELD_PREFERRED_NAME,
  HC_MEMBER_FIELD_EMAIL,
  HC_MEMBER_FIELD_TITLE,
  HC_MEMBER_FIELD_DEPARTMENT,
  HC_MEMBER_FIELD_TEAM,
  HC_MEMBER_FIELD_OFFICE,
  HC_MEMBER_FIELD_MANAGER,
  HC_MEMBER_FIELD_EMPLOYEE_ID,
  HC_MEMBER_FIELD_START_DATE,
  HC_MEMBER_FIELD_END_DATE,
  NULL
};

/* target → source, in targets' order */
static const char * const default_sources[] = {
  HC_FIELD_FIRST_NAME,
  HC_FIELD_LAST_NAME,
  HC_FIELD_PREFERRED_NAME,
  HC_FIELD_EMAIL,
  HC_FIELD_POSITION,
  HC_FIELD_DEPARTMENT,
  HC_FIELD_TEAM,
  HC_FIELD_OFFICE,
  HC_FIELD_MANAGER_ID,
  HC_FIELD_ID,
  HC_FIELD_HIRE_DATE,
  HC_FIELD_END_DATE,
};

const char * const *
hc_mapping_get_targets (void)
{
  return targets;
}

void
hc_mapping_add_defaults (GPtrArray *mapping)
{
  for (guint i = 0; targets[i] != NULL; i++)
    {
      HcMappingEntry *e = g_new0 (HcMappingEntry, 1);

      e->target = g_strdup (targets[i]);
      e->source = g_strdup (default_sources[i]);
      g_ptr_array_add (mapping, e);
    }
}

const char *
hc_mapping_get_source (const HcConfig *config,
                       const char     *target)
{
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  for (guint i = 0; i < config->mapping->len; i++)
    {
      HcMappingEntry *e = g_ptr_array_index (config->mapping, i);

      if (g_str_equal (e->target, target))
        return e->source;
    }

  return NULL;
}

char *
hc_mapping_resolve (const HcConfig *config,
                    HcEmployee     *employee,
                    const char     *target)
{
  const char *source = hc_mapping_get_source (config, target);
  g_auto(GStrv) alternatives = NULL;

  if (source == NULL)
    return NULL;

  if (strchr (source, '|') == NULL)
    {
      const char *value = hc_employee_get_field (employee, source);
      const char *start, *end;

      if (value == NULL)
        return NULL;
      /* trim without copying twice */
      for (start = value; g_ascii_isspace (*start); start++)
        ;
      for (end = start + strlen (start); end > start && g_ascii_isspace (end[-1]); end--)
        ;
      if (end == start)
        return NULL;
      if (g_str_equal (target, HC_MEMBER_FIELD_EMAIL))
        return g_utf8_strdown (start, end - start);
      return g_strndup (start, end - start);
    }

  /* "a|b": the first non-empty of several sources */
  alternatives = g_strsplit (source, "|", -1);
  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      const char *value = hc_employee_get_field (employee, g_strstrip (alternatives[i]));
      g_autofree char *trimmed = NULL;

      if (value == NULL)
        continue;
      trimmed = g_strstrip (g_strdup (value));
      if (*trimmed == '\0')
        continue;
      if (g_str_equal (target, HC_MEMBER_FIELD_EMAIL))
        return g_utf8_strdown (trimmed, -1);
      return g_steal_pointer (&trimmed);
    }

  return NULL;
}
