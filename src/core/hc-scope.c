/* hc-scope.c — which employees a connector manages (rules 3 and 4); pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-scope"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-scope.h"

gboolean
hc_scope_value_is_set (const char *value)
{
  if (value == NULL)
    return FALSE;

  return g_ascii_strcasecmp (value, "true") == 0 ||
         g_ascii_strcasecmp (value, "1") == 0 ||
         g_ascii_strcasecmp (value, "yes") == 0;
}

/* Compares values as people read them: case and Unicode form do not count. */
static gboolean
values_equal (const char *a,
              const char *b)
{
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  na = g_utf8_normalize (a, -1, G_NORMALIZE_NFC);
  nb = g_utf8_normalize (b, -1, G_NORMALIZE_NFC);
  if (na == NULL || nb == NULL)
    return FALSE;
  fa = g_utf8_casefold (g_strstrip (na), -1);
  fb = g_utf8_casefold (g_strstrip (nb), -1);
  return g_str_equal (fa, fb);
}

static gboolean
rule_matches (const HcScopeRule *rule,
              HcEmployee        *employee)
{
  const char *value = hc_employee_get_field (employee, rule->field);

  if (value == NULL)
    return FALSE;

  for (guint i = 0; i < rule->values->len; i++)
    if (values_equal (value, g_ptr_array_index (rule->values, i)))
      return TRUE;

  return FALSE;
}

HcScopeResult
hc_scope_evaluate (const HcConfig *config,
                   HcEmployee     *employee)
{
  g_return_val_if_fail (config != NULL, HC_SCOPE_OUT_FILTER);
  g_return_val_if_fail (HC_IS_EMPLOYEE (employee), HC_SCOPE_OUT_FILTER);

  if ((config->statuses & (1u << hc_employee_get_status (employee))) == 0)
    return HC_SCOPE_OUT_STATUS;

  if (config->exclude_field != NULL &&
      hc_scope_value_is_set (hc_employee_get_field (employee, config->exclude_field)))
    return HC_SCOPE_OUT_EXCLUDED;

  if (config->scope_mode == HC_SCOPE_MODE_CUSTOM)
    {
      /* AND across rules, OR within one rule's values */
      for (guint i = 0; i < config->rules->len; i++)
        if (!rule_matches (g_ptr_array_index (config->rules, i), employee))
          return HC_SCOPE_OUT_FILTER;
    }

  return HC_SCOPE_IN;
}

GHashTable *
hc_scope_evaluate_all (const HcConfig *config,
                       GPtrArray      *employees)
{
  GHashTable *results = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_id = NULL;

  g_return_val_if_fail (config != NULL, results);
  g_return_val_if_fail (employees != NULL, results);

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);

      g_hash_table_insert (results, (gpointer) hc_employee_get_id (e),
                           GINT_TO_POINTER (hc_scope_evaluate (config, e) + 1));
    }

  if (config->scope_mode != HC_SCOPE_MODE_CUSTOM || !config->include_managers)
    return results;

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      g_hash_table_insert (by_id, (gpointer) hc_employee_get_id (e), e);
    }

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      HcScopeResult r = GPOINTER_TO_INT (g_hash_table_lookup (results, hc_employee_get_id (e))) - 1;
      const char *manager_id;
      guint steps = 0;

      if (r != HC_SCOPE_IN)
        continue;

      /* Up the chain; a chain longer than the company is a cycle. */
      manager_id = hc_employee_get_manager_id (e);
      while (manager_id != NULL && steps++ < employees->len)
        {
          HcEmployee *manager = g_hash_table_lookup (by_id, manager_id);
          HcScopeResult mr;

          if (manager == NULL)
            break;
          mr = GPOINTER_TO_INT (g_hash_table_lookup (results, manager_id)) - 1;
          if (mr == HC_SCOPE_IN_AS_MANAGER)
            break;  /* this chain is already walked */
          if (mr == HC_SCOPE_OUT_FILTER)
            g_hash_table_insert (results, (gpointer) hc_employee_get_id (manager),
                                 GINT_TO_POINTER (HC_SCOPE_IN_AS_MANAGER + 1));
          manager_id = hc_employee_get_manager_id (manager);
        }
    }

  return results;
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
    default:
      g_return_val_if_reached (NULL);
    }
}
