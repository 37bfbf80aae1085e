/* hc-checks.c — the five scenario checks a tester runs on a test instance
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-checks"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-checks.h"
#include "hc-json.h"
#include "hc-mapping.h"
#include "hc-plan.h"
#include "hc-scope.h"

void
hc_check_failure_free (HcCheckFailure *failure)
{
  if (failure == NULL)
    return;
  g_free (failure->employee_id);
  g_free (failure->display_name);
  g_free (failure->message);
  g_free (failure);
}

void
hc_check_result_free (HcCheckResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->failures, g_ptr_array_unref);
  g_free (result);
}

const char *
hc_check_kind_to_string (HcCheckKind kind)
{
  static const char * const names[] = { "visible", "fields", "updated", "created", "removed" };

  g_return_val_if_fail (kind < HC_CHECK_N_KINDS, NULL);
  return names[kind];
}

const char *
hc_check_kind_describe (HcCheckKind kind)
{
  switch (kind)
    {
    case HC_CHECK_VISIBLE:
      return _("Every active employee in scope is a member");
    case HC_CHECK_FIELDS:
      return _("Every mapped field equals its HR value");
    case HC_CHECK_UPDATED:
      return _("Employees edited in HR are updated");
    case HC_CHECK_CREATED:
      return _("Employees added in HR are created");
    case HC_CHECK_REMOVED:
      return _("Employees removed or inactive in HR are archived or no longer managed");
    case HC_CHECK_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
add_failure (HcCheckResult *result,
             HcMember      *member,
             HcEmployee    *employee,
             const char    *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_failure (HcCheckResult *result,
             HcMember      *member,
             HcEmployee    *employee,
             const char    *format,
             ...)
{
  HcCheckFailure *failure = g_new0 (HcCheckFailure, 1);
  va_list args;

  va_start (args, format);
  failure->message = g_strdup_vprintf (format, args);
  va_end (args);
  if (member != NULL)
    {
      failure->member_id = hc_member_get_id (member);
      failure->display_name = g_strdup (hc_member_get_display_name (member));
      failure->employee_id = g_strdup (hc_member_get_external_id (member));
    }
  if (employee != NULL)
    {
      g_free (failure->employee_id);
      failure->employee_id = g_strdup (hc_employee_get_id (employee));
      if (failure->display_name == NULL)
        failure->display_name = hc_employee_dup_display_name (employee);
    }
  g_ptr_array_add (result->failures, failure);
}

static const char *
or_empty (const char *value)
{
  return value != NULL ? value : "∅";
}

/* "Title: “A” in HR, “B” in the directory; …" for the fields of @member
 * that differ from @employee, or NULL when none does. */
static char *
describe_differences (const HcConfig *config,
                      HcEmployee     *employee,
                      HcMember       *member,
                      GHashTable     *members_by_id,
                      GHashTable     *synced_ids)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < config->mapping->len; i++)
    {
      const HcMappingEntry *entry = g_ptr_array_index (config->mapping, i);
      g_autofree char *hr = NULL;
      g_autofree char *label = NULL;
      const char *ours;

      if (g_str_equal (entry->target, HC_MEMBER_FIELD_EMPLOYEE_ID))
        continue;

      hr = hc_mapping_resolve_entry (entry, employee);
      if (g_str_equal (entry->target, HC_MEMBER_FIELD_MANAGER))
        {
          gint64 manager_id = hc_member_get_manager_id (member);
          HcMember *manager = manager_id ? g_hash_table_lookup (members_by_id, &manager_id) : NULL;

          /* A manager who is not synced (gone, inactive, out of scope) is
           * left out, as the plan does; one's own manager is ignored. */
          if (hr != NULL && (!g_hash_table_contains (synced_ids, hr) ||
                             g_str_equal (hr, hc_employee_get_id (employee))))
            g_clear_pointer (&hr, g_free);
          ours = manager ? hc_member_get_external_id (manager) : NULL;
        }
      else
        ours = hc_member_get_field (member, entry->target);

      if (g_strcmp0 (hr, ours) == 0)
        continue;
      label = hc_mapping_describe_target (entry->target);
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: a field, its HR value and its value in Headcount */
      g_string_append_printf (text, _("%s: “%s” in HR, “%s” in the directory"),
                              label, or_empty (hr), or_empty (ours));
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
last_run_has (GHashTable *last_run,
              const char *employee_id,
              const char *kinds[])
{
  const char *kind = last_run ? g_hash_table_lookup (last_run, employee_id) : NULL;

  return kind != NULL && g_strv_contains (kinds, kind);
}

static void
fail_no_sync (HcCheckResult *result)
{
  add_failure (result, NULL, NULL, "%s", _("No sync of this connector has been applied yet: run one first"));
}

GPtrArray *
hc_checks_evaluate (const HcConfig *config,
                    gint64          connector_id,
                    GPtrArray      *employees,
                    GPtrArray      *members,
                    GHashTable     *last_run,
                    const GDate    *today)
{
  static const char *updated_kinds[] = { "update", "become_managed", NULL };
  static const char *created_kinds[] = { "invite", "create_no_access", "become_managed", NULL };
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_check_result_free);
  g_autoptr (GHashTable) employees_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) members_by_external = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) members_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) synced_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) pending = g_hash_table_new (g_str_hash, g_str_equal);  /* employee id → HcPlanItem */
  g_autoptr (HcPlan) plan = NULL;
  HcCheckResult *r[HC_CHECK_N_KINDS];
  GPtrArray *items;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (employees != NULL, NULL);
  g_return_val_if_fail (members != NULL, NULL);

  for (guint k = 0; k < HC_CHECK_N_KINDS; k++)
    {
      r[k] = g_new0 (HcCheckResult, 1);
      r[k]->kind = k;
      r[k]->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_check_failure_free);
      g_ptr_array_add (results, r[k]);
    }

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);

      g_hash_table_insert (employees_by_id, (gpointer) hc_employee_get_id (e), e);
    }
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *m = g_ptr_array_index (members, i);
      gint64 *id = g_new (gint64, 1);

      *id = hc_member_get_id (m);
      g_hash_table_insert (members_by_id, id, m);
      if (hc_member_get_connector_id (m) == connector_id && hc_member_get_external_id (m) != NULL)
        g_hash_table_insert (members_by_external, (gpointer) hc_member_get_external_id (m), m);
    }

  /* What a sync would still do now: after a good sync, nothing. Who is in
   * scope is the plan's own decision (the pre-start limit, the exclusion
   * checkbox, the filter…), never one taken again here. */
  plan = hc_plan_compute_at (config, connector_id, employees, members, FALSE, today);
  items = hc_plan_get_items (plan);
  for (guint i = 0; i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);

      HcPlanItem *other;

      if (item->employee_id == NULL || item->kind == HC_PLAN_UNCHANGED)
        continue;
      /* A skip never hides what the sync would do for the same id. */
      other = g_hash_table_lookup (pending, item->employee_id);
      if (other == NULL || other->kind == HC_PLAN_SKIP)
        g_hash_table_insert (pending, item->employee_id, item);
    }

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      HcScopeResult result = hc_plan_get_scope (plan, hc_employee_get_id (e));
      HcPlanItem *item = g_hash_table_lookup (pending, hc_employee_get_id (e));

      if (HC_SCOPE_RESULT_IS_IN (result) && hc_employee_get_status (e) != HC_EMPLOYEE_STATUS_INACTIVE &&
          (item == NULL || item->kind != HC_PLAN_SKIP) &&
          g_hash_table_contains (members_by_external, hc_employee_get_id (e)))
        g_hash_table_add (synced_ids, (gpointer) hc_employee_get_id (e));
    }

  /* 1 and 2: every active employee in scope. */
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      const char *id = hc_employee_get_id (e);
      HcScopeResult result = hc_plan_get_scope (plan, id);
      HcMember *m = g_hash_table_lookup (members_by_external, id);
      HcPlanItem *item = g_hash_table_lookup (pending, id);
      g_autofree char *differences = NULL;

      if (!HC_SCOPE_RESULT_IS_IN (result) || hc_employee_get_status (e) == HC_EMPLOYEE_STATUS_INACTIVE)
        continue;

      r[HC_CHECK_VISIBLE]->n_checked++;
      if (m == NULL)
        {
          if (item != NULL && item->kind == HC_PLAN_SKIP && item->reason != NULL)
            add_failure (r[HC_CHECK_VISIBLE], NULL, e, _("Not a member: %s"), item->reason);
          else
            add_failure (r[HC_CHECK_VISIBLE], NULL, e, "%s", _("Not a member of the directory"));
          continue;
        }
      if (hc_member_get_state (m) == HC_MEMBER_STATE_ARCHIVED)
        add_failure (r[HC_CHECK_VISIBLE], m, e, "%s", _("Archived in the directory"));
      else if (hc_member_get_hr_status (m) != HC_HR_STATUS_MANAGED)
        add_failure (r[HC_CHECK_VISIBLE], m, e, "%s", _("A member, but not managed by this connector"));

      r[HC_CHECK_FIELDS]->n_checked++;
      differences = describe_differences (config, e, m, members_by_id, synced_ids);
      if (differences != NULL)
        add_failure (r[HC_CHECK_FIELDS], m, e, "%s", differences);
    }

  if (last_run == NULL)
    {
      fail_no_sync (r[HC_CHECK_UPDATED]);
      fail_no_sync (r[HC_CHECK_CREATED]);
      fail_no_sync (r[HC_CHECK_REMOVED]);
    }

  /* 3: the employees the last sync updated must still equal HR; one a
   * sync would update now was edited in HR (or in the directory) and is
   * not up to date. */
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      const char *id = hc_employee_get_id (e);
      HcPlanItem *item = g_hash_table_lookup (pending, id);
      HcMember *m = g_hash_table_lookup (members_by_external, id);
      gboolean was_updated = last_run_has (last_run, id, updated_kinds);

      if (!was_updated && (item == NULL || item->kind != HC_PLAN_UPDATE))
        continue;
      r[HC_CHECK_UPDATED]->n_checked++;
      if (item != NULL && item->kind == HC_PLAN_UPDATE)
        {
          g_autoptr (GString) fields = g_string_new (NULL);

          for (guint j = 0; item->changes != NULL && j < item->changes->len; j++)
            {
              HcFieldChange *change = g_ptr_array_index (item->changes, j);
              g_autofree char *label = hc_mapping_describe_target (change->field);

              if (fields->len > 0)
                g_string_append (fields, ", ");
              g_string_append_printf (fields, "%s “%s” → “%s”", label,
                                      or_empty (change->before), or_empty (change->after));
            }
          if (was_updated)
            add_failure (r[HC_CHECK_UPDATED], m, e, _("Updated by the last sync, but differs from HR again: %s"),
                         fields->str);
          else
            add_failure (r[HC_CHECK_UPDATED], m, e, _("Not up to date with HR: %s"), fields->str);
        }
      else if (m == NULL)
        add_failure (r[HC_CHECK_UPDATED], NULL, e, "%s", _("Updated by the last sync, but no longer a member"));
    }

  /* 4: the employees the last sync created are members; one a sync would
   * still create was added in HR and is missing. */
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      const char *id = hc_employee_get_id (e);
      HcPlanItem *item = g_hash_table_lookup (pending, id);
      HcMember *m = g_hash_table_lookup (members_by_external, id);
      gboolean was_created = last_run_has (last_run, id, created_kinds);
      gboolean to_create = item != NULL && (item->kind == HC_PLAN_INVITE ||
                                            item->kind == HC_PLAN_CREATE_NO_ACCESS ||
                                            item->kind == HC_PLAN_BECOME_MANAGED);

      if (!was_created && !to_create)
        continue;
      r[HC_CHECK_CREATED]->n_checked++;
      if (to_create)
        add_failure (r[HC_CHECK_CREATED], NULL, e, "%s",
                     was_created ? _("Created by the last sync, but no longer a member")
                                 : _("Added in HR, not created in the directory"));
      else if (m == NULL || hc_member_get_state (m) == HC_MEMBER_STATE_ARCHIVED)
        add_failure (r[HC_CHECK_CREATED], m, e, "%s", _("Created by the last sync, but no longer a member"));
    }

  /* 5: members of this connector whose employee is gone or inactive. */
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *m = g_ptr_array_index (members, i);
      const char *id = hc_member_get_external_id (m);
      HcEmployee *e;

      if (hc_member_get_connector_id (m) != connector_id || id == NULL)
        continue;
      e = g_hash_table_lookup (employees_by_id, id);
      if (e != NULL && hc_employee_get_status (e) != HC_EMPLOYEE_STATUS_INACTIVE)
        continue;

      r[HC_CHECK_REMOVED]->n_checked++;
      if (config->archive_inactive)
        {
          if (hc_member_get_state (m) != HC_MEMBER_STATE_ARCHIVED)
            add_failure (r[HC_CHECK_REMOVED], m, e, "%s",
                         e == NULL ? _("No longer in HR, but not archived (archiving is on)")
                                   : _("Inactive in HR, but not archived (archiving is on)"));
        }
      else if (hc_member_get_state (m) != HC_MEMBER_STATE_ARCHIVED &&
               hc_member_get_hr_status (m) == HC_HR_STATUS_MANAGED)
        add_failure (r[HC_CHECK_REMOVED], m, e, "%s",
                     e == NULL ? _("No longer in HR, but still managed")
                               : _("Inactive in HR, but still managed"));
    }

  return g_steal_pointer (&results);
}

gboolean
hc_checks_all_passed (GPtrArray *results)
{
  g_return_val_if_fail (results != NULL, FALSE);

  for (guint i = 0; i < results->len; i++)
    if (((HcCheckResult *) g_ptr_array_index (results, i))->failures->len > 0)
      return FALSE;
  return TRUE;
}

void
hc_checks_to_json (GPtrArray   *results,
                   JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "passed");
  json_builder_add_boolean_value (builder, hc_checks_all_passed (results));
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      HcCheckResult *result = g_ptr_array_index (results, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "check");
      json_builder_add_string_value (builder, hc_check_kind_to_string (result->kind));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, hc_check_kind_describe (result->kind));
      json_builder_set_member_name (builder, "passed");
      json_builder_add_boolean_value (builder, result->failures->len == 0);
      json_builder_set_member_name (builder, "checked");
      json_builder_add_int_value (builder, result->n_checked);
      json_builder_set_member_name (builder, "failures");
      json_builder_begin_array (builder);
      for (guint j = 0; j < result->failures->len; j++)
        {
          HcCheckFailure *failure = g_ptr_array_index (result->failures, j);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "member_id");
          if (failure->member_id != 0)
            json_builder_add_int_value (builder, failure->member_id);
          else
            json_builder_add_null_value (builder);
          hc_json_add_string (builder, "employee_id", failure->employee_id);
          hc_json_add_string (builder, "name", failure->display_name);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, failure->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}
