/* hc-scope.c — which employees a connector manages (rules.md 3, 4, 17); pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-scope"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-field-info.h"
#include "hc-scope.h"

gboolean
hc_scope_value_is_set (const char *value)
{
  const char *end;
  gsize length;

  if (value == NULL)
    return FALSE;

  /* trimmed without a copy: this runs for every employee */
  while (g_ascii_isspace (*value))
    value++;
  for (end = value + strlen (value); end > value && g_ascii_isspace (end[-1]); end--)
    ;
  length = end - value;
  return (length == 4 && g_ascii_strncasecmp (value, "true", 4) == 0) ||
         (length == 1 && value[0] == '1') ||
         (length == 3 && g_ascii_strncasecmp (value, "yes", 3) == 0);
}

/* The form values are compared in: trimmed, NFC, case-folded; "" for
 * NULL or blank. (transfer full) */
static char *
fold_value (const char *value)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *normal = NULL;

  if (value == NULL)
    return g_strdup ("");
  trimmed = g_strstrip (g_strdup (value));
  if (g_str_is_ascii (trimmed))
    return g_ascii_strdown (trimmed, -1);
  normal = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC);
  if (normal == NULL)
    return g_steal_pointer (&trimmed);  /* not UTF-8: compared as bytes */
  return g_utf8_casefold (normal, -1);
}

gboolean
hc_scope_values_equal (const char *a,
                       const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  fa = fold_value (a);
  fb = fold_value (b);
  return g_str_equal (fa, fb);
}

gboolean
hc_scope_parse_date (const char *text,
                     GDate      *date)
{
  int year, month, day;
  char sep1, sep2;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL || strlen (text) < 10 ||
      sscanf (text, "%4d%c%2d%c%2d", &year, &sep1, &month, &sep2, &day) != 5 ||
      sep1 != '-' || sep2 != '-' ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static void
set_today (GDate       *date,
           const GDate *today)
{
  g_autoptr (GDateTime) now = NULL;

  g_date_clear (date, 1);
  if (today != NULL && g_date_valid (today))
    {
      *date = *today;
      return;
    }
  now = g_date_time_new_now_local ();
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

gboolean
hc_scope_get_entry_date (const HcConfig *config,
                         HcEmployee     *employee,
                         const GDate    *today,
                         GDate          *enters)
{
  GDate hire, now;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (HC_IS_EMPLOYEE (employee), FALSE);

  /* Without a limit, onboarding employees are in from the day the HR
   * system has them, whatever their start date. */
  if (config->pre_start_days == HC_CONFIG_PRE_START_NO_LIMIT ||
      hc_employee_get_status (employee) != HC_EMPLOYEE_STATUS_ONBOARDING ||
      !hc_scope_parse_date (hc_employee_get_field (employee, HC_FIELD_HIRE_DATE), &hire))
    return FALSE;

  set_today (&now, today);
  g_date_subtract_days (&hire, MIN (config->pre_start_days, g_date_get_julian (&hire) - 1));
  if (g_date_compare (&hire, &now) <= 0)
    return FALSE;
  if (enters != NULL)
    *enters = hire;
  return TRUE;
}

/* The config compiled for many employees: rule values folded once. */
typedef struct
{
  const HcConfig *config;
  GPtrArray      *rule_values;    /* per rule: GHashTable of folded values */
  GStrv           exclude_fields;
  gboolean        exclude_auto;   /* HC_CONFIG_EXCLUDE_AUTO among them */
  GHashTable     *auto_names;     /* interned name → 1 exclusion, 2 not */
  GDate           today;
} Matcher;

static void
matcher_init (Matcher        *m,
              const HcConfig *config,
              const GDate    *today)
{
  m->config = config;
  m->rule_values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < config->rules->len; i++)
    {
      HcScopeRule *rule = g_ptr_array_index (config->rules, i);
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint j = 0; j < rule->values->len; j++)
        g_hash_table_add (set, fold_value (g_ptr_array_index (rule->values, j)));
      g_ptr_array_add (m->rule_values, set);
    }
  m->exclude_fields = config->exclude_field ? g_strsplit (config->exclude_field, "|", -1) : NULL;
  m->exclude_auto = m->exclude_fields != NULL &&
                    g_strv_contains ((const char * const *) m->exclude_fields, HC_CONFIG_EXCLUDE_AUTO);
  m->auto_names = m->exclude_auto ? g_hash_table_new (NULL, NULL) : NULL;
  set_today (&m->today, today);
}

static void
matcher_clear (Matcher *m)
{
  g_clear_pointer (&m->rule_values, g_ptr_array_unref);
  g_clear_pointer (&m->exclude_fields, g_strfreev);
  g_clear_pointer (&m->auto_names, g_hash_table_unref);
}

/* A set field whose name says "do not sync"; names are judged once. */
static gboolean
auto_exclusion_cb (const char *name,
                   const char *value,
                   gpointer    user_data)
{
  Matcher *m = user_data;
  gpointer known;

  /* this runs for every field of every employee: most values are ruled
   * out by their first character (a set value is true, 1 or yes) */
  if (value == NULL ||
      (value[0] != 't' && value[0] != 'T' && value[0] != '1' && value[0] != 'y' &&
       value[0] != 'Y' && !g_ascii_isspace (value[0])) ||
      !hc_scope_value_is_set (value))
    return FALSE;
  known = g_hash_table_lookup (m->auto_names, name);
  if (known == NULL)
    {
      known = GINT_TO_POINTER (hc_field_info_is_exclusion_name (name) ? 1 : 2);
      g_hash_table_insert (m->auto_names, (gpointer) name, known);
    }
  return GPOINTER_TO_INT (known) == 1;
}

/* The field of the exclusion checkbox that is set, or NULL. */
static const char *
matcher_excluded_by (Matcher    *m,
                     HcEmployee *employee)
{
  for (guint i = 0; m->exclude_fields && m->exclude_fields[i]; i++)
    if (*m->exclude_fields[i] && !g_str_equal (m->exclude_fields[i], HC_CONFIG_EXCLUDE_AUTO) &&
        hc_scope_value_is_set (hc_employee_get_field (employee, m->exclude_fields[i])))
      return m->exclude_fields[i];
  if (m->exclude_auto)
    return hc_employee_find_field (employee, auto_exclusion_cb, m);
  return NULL;
}

static gboolean
matcher_rule_matches (Matcher    *m,
                      guint       index,
                      HcEmployee *employee)
{
  HcScopeRule *rule = g_ptr_array_index (m->config->rules, index);
  g_autofree char *folded = fold_value (hc_employee_get_field (employee, rule->field));

  /* OR within one rule's values ("" matches an empty field) */
  return g_hash_table_contains (g_ptr_array_index (m->rule_values, index), folded);
}

/* The index of the first rule that does not match, or -1. */
static int
matcher_failing_rule (Matcher    *m,
                      HcEmployee *employee)
{
  if (m->config->scope_mode != HC_SCOPE_MODE_CUSTOM)
    return -1;
  /* AND across rules */
  for (guint i = 0; i < m->config->rules->len; i++)
    if (!matcher_rule_matches (m, i, employee))
      return (int) i;
  return -1;
}

static HcScopeResult
matcher_evaluate (Matcher    *m,
                  HcEmployee *employee)
{
  if ((m->config->statuses & (1u << hc_employee_get_status (employee))) == 0)
    return HC_SCOPE_OUT_STATUS;
  if (matcher_excluded_by (m, employee) != NULL)
    return HC_SCOPE_OUT_EXCLUDED;
  if (matcher_failing_rule (m, employee) >= 0)
    return HC_SCOPE_OUT_FILTER;
  if (hc_scope_get_entry_date (m->config, employee, &m->today, NULL))
    return HC_SCOPE_OUT_NOT_STARTED;
  return HC_SCOPE_IN;
}

HcScopeResult
hc_scope_evaluate_at (const HcConfig *config,
                      HcEmployee     *employee,
                      const GDate    *today)
{
  Matcher m;
  HcScopeResult result;

  g_return_val_if_fail (config != NULL, HC_SCOPE_OUT_FILTER);
  g_return_val_if_fail (HC_IS_EMPLOYEE (employee), HC_SCOPE_OUT_FILTER);

  matcher_init (&m, config, today);
  result = matcher_evaluate (&m, employee);
  matcher_clear (&m);
  return result;
}

HcScopeResult
hc_scope_evaluate (const HcConfig *config,
                   HcEmployee     *employee)
{
  return hc_scope_evaluate_at (config, employee, NULL);
}

static HcScopeResult
lookup_result (GHashTable *results,
               const char *id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (results, id)) - 1;
}

GHashTable *
hc_scope_evaluate_all_at (const HcConfig *config,
                          GPtrArray      *employees,
                          const GDate    *today,
                          GHashTable    **brought_by)
{
  GHashTable *results = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) by_id = NULL;
  Matcher m;

  if (brought_by != NULL)
    *brought_by = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (config != NULL, results);
  g_return_val_if_fail (employees != NULL, results);

  matcher_init (&m, config, today);
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      const char *id = hc_employee_get_id (e);

      /* the first of a repeated id counts, as in the plan */
      if (!g_hash_table_contains (results, id))
        g_hash_table_insert (results, (gpointer) id, GINT_TO_POINTER (matcher_evaluate (&m, e) + 1));
    }

  if (config->scope_mode == HC_SCOPE_MODE_CUSTOM && config->include_managers)
    {
      by_id = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < employees->len; i++)
        {
          HcEmployee *e = g_ptr_array_index (employees, i);

          if (!g_hash_table_contains (by_id, hc_employee_get_id (e)))
            g_hash_table_insert (by_id, (gpointer) hc_employee_get_id (e), e);
        }
    }

  if (by_id != NULL)
    for (guint i = 0; i < employees->len; i++)
      {
        HcEmployee *e = g_ptr_array_index (employees, i);
        HcEmployee *report = e;
        const char *manager_id;
        guint steps = 0;

        if (g_hash_table_lookup (by_id, hc_employee_get_id (e)) != e ||
            lookup_result (results, hc_employee_get_id (e)) != HC_SCOPE_IN)
          continue;

        /* Up the chain; a chain longer than the company is a cycle. */
        manager_id = hc_employee_get_manager_id (e);
        while (manager_id != NULL && steps++ < employees->len)
          {
            HcEmployee *manager = g_hash_table_lookup (by_id, manager_id);
            HcScopeResult mr;

            if (manager == NULL || manager == e)
              break;
            mr = lookup_result (results, manager_id);
            if (HC_SCOPE_RESULT_IS_IN (mr))
              break;  /* that chain is walked from there */
            /* Only the filter keeps a manager out: rules.md 4 never brings in
             * the inactive, the excluded or those who have not started. */
            if (mr == HC_SCOPE_OUT_FILTER &&
                !hc_scope_get_entry_date (config, manager, &m.today, NULL))
              {
                g_hash_table_insert (results, (gpointer) hc_employee_get_id (manager),
                                     GINT_TO_POINTER (HC_SCOPE_IN_AS_MANAGER + 1));
                if (brought_by != NULL)
                  g_hash_table_insert (*brought_by, (gpointer) hc_employee_get_id (manager),
                                       (gpointer) hc_employee_get_id (report));
              }
            report = manager;
            manager_id = hc_employee_get_manager_id (manager);
          }
      }

  matcher_clear (&m);
  return results;
}

GHashTable *
hc_scope_evaluate_all (const HcConfig *config,
                       GPtrArray      *employees)
{
  return hc_scope_evaluate_all_at (config, employees, NULL, NULL);
}

guint
hc_scope_count_in_scope (const HcConfig *config,
                         GPtrArray      *employees,
                         const GDate    *today)
{
  g_autoptr (GHashTable) results = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (config != NULL, 0);
  g_return_val_if_fail (employees != NULL, 0);

  results = hc_scope_evaluate_all_at (config, employees, today, NULL);
  g_hash_table_iter_init (&iter, results);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (HC_SCOPE_RESULT_IS_IN (GPOINTER_TO_INT (value) - 1))
      n++;
  return n;
}

static const char * const result_names[] = {
  "in", "in_as_manager", "out_status", "out_excluded", "out_filter", "out_not_started",
};

const char *
hc_scope_result_to_string (HcScopeResult result)
{
  g_return_val_if_fail (result <= HC_SCOPE_OUT_NOT_STARTED, NULL);
  return result_names[result];
}

const char *
hc_scope_result_describe (HcScopeResult result)
{
  switch (result)
    {
    case HC_SCOPE_IN:
      return _("In scope");
    case HC_SCOPE_IN_AS_MANAGER:
      return _("In scope as the manager of an employee in scope");
    case HC_SCOPE_OUT_STATUS:
      return _("HR status not in scope");
    case HC_SCOPE_OUT_EXCLUDED:
      return _("Excluded by the exclusion checkbox");
    case HC_SCOPE_OUT_FILTER:
      return _("Filtered out");
    case HC_SCOPE_OUT_NOT_STARTED:
      return _("Not started yet");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "Paris, Lyon, (empty)" */
static char *
describe_values (HcScopeRule *rule)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < rule->values->len; i++)
    {
      const char *v = g_ptr_array_index (rule->values, i);
      g_autofree char *trimmed = g_strstrip (g_strdup (v));

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, *trimmed ? v : _("(empty)"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "rule 1: office is “Paris” (one of Paris, Lyon)" or "… not one of …". */
static char *
describe_rule (HcScopeRule *rule,
               guint        index,
               HcEmployee  *employee,
               gboolean     matches)
{
  const char *value = hc_employee_get_field (employee, rule->field);
  g_autofree char *values = describe_values (rule);

  if (value == NULL)
    return matches
           /* Translators: "rule 1: office is empty (one of Paris, (empty))" */
           ? g_strdup_printf (_("rule %u: %s is empty (one of %s)"), index + 1, rule->field, values)
           : g_strdup_printf (_("rule %u: %s is empty, not one of %s"), index + 1, rule->field, values);
  return matches
         /* Translators: "rule 1: office is “Paris” (one of Paris, Lyon)" */
         ? g_strdup_printf (_("rule %u: %s is “%s” (one of %s)"), index + 1, rule->field, value, values)
         : g_strdup_printf (_("rule %u: %s is “%s”, not one of %s"), index + 1, rule->field, value, values);
}

static char *
format_date (const GDate *date)
{
  char buf[16];

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

char *
hc_scope_explain (const HcConfig *config,
                  HcEmployee     *employee,
                  HcScopeResult   result,
                  const char     *manager_of,
                  const GDate    *today)
{
  g_autoptr (GString) text = g_string_new (NULL);
  Matcher m;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (HC_IS_EMPLOYEE (employee), NULL);

  matcher_init (&m, config, today);

  switch (result)
    {
    case HC_SCOPE_IN:
      if (config->scope_mode != HC_SCOPE_MODE_CUSTOM)
        g_string_printf (text, _("All employees are in scope, and HR status “%s” is in scope"),
                         hc_employee_status_to_string (hc_employee_get_status (employee)));
      else if (config->rules->len == 0)
        g_string_printf (text, _("The custom filter has no rules, and HR status “%s” is in scope"),
                         hc_employee_status_to_string (hc_employee_get_status (employee)));
      else
        {
          g_string_append (text, _("Every rule of the filter matches: "));
          for (guint i = 0; i < config->rules->len; i++)
            {
              g_autofree char *rule = describe_rule (g_ptr_array_index (config->rules, i), i, employee, TRUE);

              g_string_append_printf (text, "%s%s", i ? "; " : "", rule);
            }
        }
      break;

    case HC_SCOPE_IN_AS_MANAGER:
      {
        int failing = matcher_failing_rule (&m, employee);
        g_autofree char *rule = failing >= 0
                                ? describe_rule (g_ptr_array_index (config->rules, failing), failing, employee, FALSE)
                                : NULL;

        /* Translators: the first %s is a person, the second why they are not in scope on their own */
        g_string_printf (text, _("Brought in as the manager of %s by “Include managers automatically” (on their own: %s)"),
                         manager_of ? manager_of : _("an employee in scope"),
                         rule ? rule : _("filtered out"));
      }
      break;

    case HC_SCOPE_OUT_STATUS:
      {
        g_autofree char *statuses = hc_config_describe_statuses (config->statuses);

        g_string_printf (text, _("HR status is “%s”; the statuses in scope are %s"),
                         hc_employee_status_to_string (hc_employee_get_status (employee)), statuses);
      }
      break;

    case HC_SCOPE_OUT_EXCLUDED:
      {
        const char *field = matcher_excluded_by (&m, employee);

        g_string_printf (text, _("The exclusion checkbox %s is set (“%s”)"),
                         field ? field : config->exclude_field,
                         field ? hc_employee_get_field (employee, field) : "");
      }
      break;

    case HC_SCOPE_OUT_FILTER:
      {
        int failing = matcher_failing_rule (&m, employee);

        if (failing < 0)
          g_string_assign (text, _("Filtered out"));
        else
          {
            g_autofree char *rule = describe_rule (g_ptr_array_index (config->rules, failing),
                                                   failing, employee, FALSE);

            /* Translators: %s is "rule 2: office is “Berlin”, not one of Paris, Lyon" */
            g_string_printf (text, _("The filter does not match: %s"), rule);
          }
      }
      break;

    case HC_SCOPE_OUT_NOT_STARTED:
      {
        GDate enters;
        g_autofree char *start = NULL;
        g_autofree char *day = NULL;

        if (!hc_scope_get_entry_date (config, employee, &m.today, &enters))
          {
            g_string_assign (text, _("Not started yet"));
            break;
          }
        start = g_strdup (hc_employee_get_field (employee, HC_FIELD_HIRE_DATE));
        day = format_date (&enters);
        g_string_printf (text,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "Starts on %s: future hires are invited %u day before their start date, on %s",
                                      "Starts on %s: future hires are invited %u days before their start date, on %s",
                                      config->pre_start_days),
                         start, config->pre_start_days, day);
      }
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  matcher_clear (&m);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
