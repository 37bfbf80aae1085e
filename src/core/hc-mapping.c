/* hc-mapping.c — how HR fields land on member fields; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-mapping"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-error.h"
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

static const char * const standard_fields[] = {
  HC_FIELD_ID, HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME, HC_FIELD_PREFERRED_NAME,
  HC_FIELD_EMAIL, HC_FIELD_STATUS, HC_FIELD_POSITION, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM,
  HC_FIELD_OFFICE, HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE, HC_FIELD_END_DATE,
  NULL
};

/* Every connector fills the standard fields (hc-employee.h), so the
 * standard lines suit them all. The exclusion checkbox is found by its API
 * name or label on every vendor (HC_CONFIG_EXCLUDE_AUTO): each connector
 * keys its fields by the label's slug too where the vendor has labels. */
static const HcMappingDefault no_lines[] = { { NULL, NULL } };

static const HcVendorDefaults vendor_defaults[] = {
  { NULL, HC_CONFIG_EXCLUDE_AUTO, no_lines },
  { "demo", HC_CONFIG_EXCLUDE_AUTO, no_lines },
  { "file", HC_CONFIG_EXCLUDE_AUTO, no_lines },
  { "personio", HC_CONFIG_EXCLUDE_AUTO, no_lines },
  { "bamboohr", HC_CONFIG_EXCLUDE_AUTO, no_lines },
  { "hibob", HC_CONFIG_EXCLUDE_AUTO, no_lines },
  { "lucca", HC_CONFIG_EXCLUDE_AUTO, no_lines },
  { "workday", HC_CONFIG_EXCLUDE_AUTO, no_lines },
  { "deel", HC_CONFIG_EXCLUDE_AUTO, no_lines },
  { "merge", HC_CONFIG_EXCLUDE_AUTO, no_lines },
  { "apideck", HC_CONFIG_EXCLUDE_AUTO, no_lines },
  /* PayFit does not require a work e-mail: employee id only (rules.md 5). */
  { "payfit", HC_CONFIG_EXCLUDE_AUTO, no_lines, TRUE },
  { "personio-v2", HC_CONFIG_EXCLUDE_AUTO, no_lines },
};

const char *const *
hc_mapping_get_targets (void)
{
  return targets;
}

char *
hc_mapping_describe_target (const char *target)
{
  g_return_val_if_fail (target != NULL, NULL);

  if (g_str_has_prefix (target, "custom."))
    /* Translators: %s is the name of a custom member field, e.g. cost_center */
    return g_strdup_printf (_("%s (custom field)"), target + strlen ("custom."));
  if (g_str_equal (target, HC_MEMBER_FIELD_FIRST_NAME))
    return g_strdup (_("First name"));
  if (g_str_equal (target, HC_MEMBER_FIELD_LAST_NAME))
    return g_strdup (_("Last name"));
  if (g_str_equal (target, HC_MEMBER_FIELD_PREFERRED_NAME))
    return g_strdup (_("Preferred name"));
  if (g_str_equal (target, HC_MEMBER_FIELD_EMAIL))
    return g_strdup (_("E-mail"));
  if (g_str_equal (target, HC_MEMBER_FIELD_TITLE))
    return g_strdup (_("Job title"));
  if (g_str_equal (target, HC_MEMBER_FIELD_DEPARTMENT))
    return g_strdup (_("Department"));
  if (g_str_equal (target, HC_MEMBER_FIELD_TEAM))
    return g_strdup (_("Team"));
  if (g_str_equal (target, HC_MEMBER_FIELD_OFFICE))
    return g_strdup (_("Office"));
  if (g_str_equal (target, HC_MEMBER_FIELD_MANAGER))
    return g_strdup (_("Manager"));
  if (g_str_equal (target, HC_MEMBER_FIELD_EMPLOYEE_ID))
    return g_strdup (_("Employee ID"));
  if (g_str_equal (target, HC_MEMBER_FIELD_START_DATE))
    return g_strdup (_("Start date"));
  if (g_str_equal (target, HC_MEMBER_FIELD_END_DATE))
    return g_strdup (_("End date"));
  return g_strdup (target);
}

gboolean
hc_mapping_is_valid_target (const char *target)
{
  if (target == NULL)
    return FALSE;

  if (g_str_has_prefix (target, "custom."))
    {
      const char *name = target + strlen ("custom.");

      if (*name == '\0')
        return FALSE;
      for (const char *p = name; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
          return FALSE;
      return TRUE;
    }
  return g_strv_contains (targets, target);
}

gboolean
hc_mapping_is_standard_field (const char *field)
{
  return field != NULL && g_strv_contains (standard_fields, field);
}

const HcVendorDefaults *
hc_mapping_get_vendor_defaults (const char *kind)
{
  for (guint i = 1; kind != NULL && i < G_N_ELEMENTS (vendor_defaults); i++)
    if (g_str_equal (kind, vendor_defaults[i].kind))
      return &vendor_defaults[i];
  return &vendor_defaults[0];
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

void
hc_mapping_add_defaults_for_kind (GPtrArray  *mapping,
                                  const char *kind)
{
  const HcVendorDefaults *defaults = hc_mapping_get_vendor_defaults (kind);

  hc_mapping_add_defaults (mapping);
  for (guint i = 0; defaults->mapping[i].target != NULL; i++)
    {
      const HcMappingDefault *d = &defaults->mapping[i];
      HcMappingEntry *e = NULL;

      for (guint j = 0; j < mapping->len && e == NULL; j++)
        if (g_str_equal (((HcMappingEntry *) g_ptr_array_index (mapping, j))->target, d->target))
          e = g_ptr_array_index (mapping, j);
      if (e == NULL)
        {
          e = g_new0 (HcMappingEntry, 1);
          e->target = g_strdup (d->target);
          g_ptr_array_add (mapping, e);
        }
      g_free (e->source);
      e->source = g_strdup (d->source);
    }
}

const HcMappingEntry *
hc_mapping_get_entry (const HcConfig *config,
                      const char     *target)
{
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  for (guint i = 0; i < config->mapping->len; i++)
    {
      HcMappingEntry *e = g_ptr_array_index (config->mapping, i);

      if (g_str_equal (e->target, target))
        return e;
    }

  return NULL;
}

const char *
hc_mapping_get_source (const HcConfig *config,
                       const char     *target)
{
  const HcMappingEntry *e = hc_mapping_get_entry (config, target);

  return e ? e->source : NULL;
}

GStrv
hc_mapping_entry_dup_sources (const HcMappingEntry *entry)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  parts = g_strsplit (entry->source ? entry->source : "", "|", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

HcMappingTransform
hc_mapping_entry_get_transforms (const HcMappingEntry *entry)
{
  g_return_val_if_fail (entry != NULL, HC_MAPPING_TRANSFORM_NONE);

  if (entry->transforms != HC_MAPPING_TRANSFORM_DEFAULT)
    return entry->transforms;
  if (g_strcmp0 (entry->target, HC_MEMBER_FIELD_EMAIL) == 0)
    return HC_MAPPING_TRANSFORM_TRIM | HC_MAPPING_TRANSFORM_LOWER;
  return HC_MAPPING_TRANSFORM_TRIM;
}

/* [*@start, *@end) without the ASCII spaces around it */
static void
trim_slice (const char **start,
            const char **end)
{
  while (*start < *end && g_ascii_isspace (**start))
    (*start)++;
  while (*end > *start && g_ascii_isspace ((*end)[-1]))
    (*end)--;
}

/* @value with @transforms applied, or NULL when nothing is left. */
static char *
transform_value (const char        *value,
                 gsize              length,
                 HcMappingTransform transforms)
{
  const char *start = value;
  const char *end = value + length;

  if (transforms & HC_MAPPING_TRANSFORM_TRIM)
    trim_slice (&start, &end);
  if (end == start)
    return NULL;
  if (transforms & HC_MAPPING_TRANSFORM_LOWER)
    {
      gsize len = end - start;
      char *lower = g_malloc (len + 1);
      gsize i;

      /* ASCII, most values (every e-mail of a sync is lowered), without
       * the Unicode tables. Not 'I': in a Turkish or Azeri locale
       * g_utf8_strdown() makes it a dotless ı. */
      for (i = 0; i < len && (guchar) start[i] < 0x80 && start[i] != 'I'; i++)
        lower[i] = g_ascii_tolower (start[i]);
      if (i == len)
        {
          lower[len] = '\0';
          return lower;
        }
      g_free (lower);
      return g_utf8_strdown (start, end - start);
    }
  return g_strndup (start, end - start);
}

/* A line's one source value, transformed; NULL for none. */
static char *
transform_raw (const char        *value,
               HcMappingTransform transforms)
{
  return value ? transform_value (value, strlen (value), transforms) : NULL;
}

char *
hc_mapping_resolve_entry (const HcMappingEntry *entry,
                          HcEmployee           *employee)
{
  HcMappingTransform transforms;
  const char *p;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (HC_IS_EMPLOYEE (employee), NULL);

  if (entry->source == NULL)
    return NULL;
  transforms = hc_mapping_entry_get_transforms (entry);

  /* One source: no copy of its name (this runs for every employee). */
  if (strchr (entry->source, '|') == NULL)
    {
      return transform_raw (hc_employee_get_field (employee, entry->source), transforms);
    }

  /* "a|b": the first non-empty of several sources */
  p = entry->source;
  while (*p != '\0')
    {
      const char *bar = strchr (p, '|');
      const char *end = bar ? bar : p + strlen (p);
      g_autofree char *name = NULL;
      const char *value;
      char *result;

      name = g_strstrip (g_strndup (p, end - p));
      p = bar ? bar + 1 : end;
      if (*name == '\0')
        continue;
      value = hc_employee_get_field (employee, name);
      if (value == NULL)
        continue;
      result = transform_value (value, strlen (value), transforms);
      if (result != NULL)
        return result;
    }

  return NULL;
}

guint
hc_mapping_entry_get_field_id (const HcMappingEntry *entry)
{
  g_return_val_if_fail (entry != NULL, G_MAXUINT);

  if (entry->source == NULL || strchr (entry->source, '|') != NULL)
    return G_MAXUINT;
  return hc_employee_field_id (entry->source);
}

char *
hc_mapping_resolve_field (const HcMappingEntry *entry,
                          guint                 field,
                          HcEmployee           *employee)
{
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (HC_IS_EMPLOYEE (employee), NULL);

  if (field == G_MAXUINT)
    return hc_mapping_resolve_entry (entry, employee);
  return transform_raw (hc_employee_get_field_by_id (employee, field), hc_mapping_entry_get_transforms (entry));
}

gboolean
hc_mapping_resolve_field_in_place (const HcMappingEntry *entry,
                                   guint                 field,
                                   HcEmployee           *employee,
                                   const char          **start,
                                   gsize                *length)
{
  HcMappingTransform transforms;
  const char *raw, *from, *end;

  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (HC_IS_EMPLOYEE (employee), FALSE);

  *start = NULL;
  *length = 0;
  if (entry->source == NULL)
    return TRUE;
  if (field == G_MAXUINT)
    return FALSE;
  transforms = hc_mapping_entry_get_transforms (entry);
  raw = hc_employee_get_field_by_id (employee, field);
  if (raw == NULL)
    return TRUE;
  from = raw;
  end = raw + strlen (raw);
  if (transforms & HC_MAPPING_TRANSFORM_TRIM)
    trim_slice (&from, &end);
  if (end == from)
    return TRUE;
  /* lower case already, in ASCII: the value is as it is (anything else
   * is lowered by transform_value()'s rules) */
  if (transforms & HC_MAPPING_TRANSFORM_LOWER)
    for (const char *p = from; p < end; p++)
      if ((guchar) * p >= 0x80 || g_ascii_isupper (*p))
        return FALSE;
  *start = from;
  *length = end - from;
  return TRUE;
}

char *
hc_mapping_resolve (const HcConfig *config,
                    HcEmployee     *employee,
                    const char     *target)
{
  const HcMappingEntry *entry = hc_mapping_get_entry (config, target);

  return entry ? hc_mapping_resolve_entry (entry, employee) : NULL;
}

static const struct
{
  HcMappingTransform transform;
  const char        *name;
} transform_names[] = {
  { HC_MAPPING_TRANSFORM_NONE, "none" },
  { HC_MAPPING_TRANSFORM_TRIM, "trim" },
  { HC_MAPPING_TRANSFORM_LOWER, "lower" },
};

const char *
hc_mapping_transform_to_string (HcMappingTransform transform)
{
  for (guint i = 0; i < G_N_ELEMENTS (transform_names); i++)
    if (transform_names[i].transform == transform)
      return transform_names[i].name;
  g_return_val_if_reached (NULL);
}

gboolean
hc_mapping_transform_from_string (const char         *str,
                                  HcMappingTransform *transform)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (transform_names); i++)
    if (g_str_equal (str, transform_names[i].name))
      {
        *transform = transform_names[i].transform;
        return TRUE;
      }
  return FALSE;
}

void
hc_mapping_problem_free (HcMappingProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->target);
  g_free (problem->source);
  g_free (problem->message);
  g_free (problem);
}

GPtrArray *
hc_mapping_find_missing_fields (const HcConfig *config,
                                GPtrArray      *fields)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_mapping_problem_free);
  g_autoptr (GHashTable) known = NULL;

  g_return_val_if_fail (config != NULL, problems);
  g_return_val_if_fail (fields != NULL, problems);

  known = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < fields->len; i++)
    g_hash_table_add (known, g_ptr_array_index (fields, i));

  for (guint i = 0; i < config->mapping->len; i++)
    {
      HcMappingEntry *e = g_ptr_array_index (config->mapping, i);
      g_auto (GStrv) sources = hc_mapping_entry_dup_sources (e);

      for (guint j = 0; sources[j] != NULL; j++)
        {
          HcMappingProblem *problem;
          g_autofree char *label = NULL;

          if (hc_mapping_is_standard_field (sources[j]) || g_hash_table_contains (known, sources[j]))
            continue;
          label = hc_mapping_describe_target (e->target);
          problem = g_new0 (HcMappingProblem, 1);
          problem->target = g_strdup (e->target);
          problem->source = g_strdup (sources[j]);
          /* Translators: "Cost center (custom field) ← cost_centre: no employee…" */
          problem->message = g_strdup_printf (_("%s ← %s: no employee in the HR system has the field “%s”"),
                                              label, sources[j], sources[j]);
          g_ptr_array_add (problems, problem);
        }
    }

  return problems;
}

gboolean
hc_mapping_check_fields (const HcConfig *config,
                         GPtrArray      *fields,
                         GError        **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GString) text = NULL;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (fields->len == 0)
    return TRUE;
  problems = hc_mapping_find_missing_fields (config, fields);
  if (problems->len == 0)
    return TRUE;

  text = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "The field mapping points at a field the HR system does not have, so nothing was synced: ",
                                    "The field mapping points at fields the HR system does not have, so nothing was synced: ",
                                    problems->len));
  for (guint i = 0; i < problems->len; i++)
    {
      HcMappingProblem *problem = g_ptr_array_index (problems, i);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, problem->message);
    }
  g_string_append (text, _(". Change the mapping, then sync again."));
  g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG, text->str);
  return FALSE;
}
