/* hc-settings-employees-page.c — the Employees page of a connector's
 * settings: the scope (all employees or a custom filter, statuses,
 * the exclusion checkbox, managers, future hires) with a live count
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-settings-employees-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-error.h"
#include "hc-field-info.h"
#include "hc-rule-row.h"
#include "hc-scope.h"
#include "hc-settings-employees-page.h"
#include "hc-settings-exclusion.h"
#include "hc-settings-page.h"

/* Fields a rule is most often about, offered first for a new rule. */
static const char * const preferred_rule_fields[] = {
  HC_FIELD_OFFICE, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM, NULL
};

struct _HcSettingsEmployeesPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwActionRow        *all_row;
  AdwActionRow        *custom_row;
  GtkButton           *add_rule_button;
  GtkCheckButton      *all_check;
  GtkCheckButton      *custom_check;
  AdwPreferencesGroup *rules_group;
  AdwActionRow        *no_rules_row;
  AdwComboRow         *exclude_row;
  AdwActionRow        *managers_row;
  GtkSwitch           *managers_switch;
  GtkCheckButton      *active_check;
  GtkCheckButton      *onboarding_check;
  GtkCheckButton      *leave_check;
  GtkCheckButton      *inactive_check;
  GtkLabel            *active_count;
  GtkLabel            *onboarding_count;
  GtkLabel            *leave_count;
  GtkLabel            *inactive_count;
  AdwActionRow        *pre_start_row;
  GtkSwitch           *pre_start_switch;
  GtkSpinButton       *pre_start_spin;
  GtkLabel            *pre_start_unit;
  GtkLabel            *count_label;

  /* Owned state */
  HcSettingsContext   *context;        /* NULL until loaded */
  GtkStringList       *rule_fields;    /* what a rule can be about */
  GPtrArray           *rule_rows;      /* HcRuleRow*, owned by rules_group */
  guint                count_idle;
  guint                in_scope;
  gboolean             filling;        /* the form is being filled, not edited */
};

static void hc_settings_employees_page_iface_init (HcSettingsPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcSettingsEmployeesPage, hc_settings_employees_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_SETTINGS_PAGE,
                                                      hc_settings_employees_page_iface_init))

static gboolean
is_custom (HcSettingsEmployeesPage *self)
{
  return gtk_check_button_get_active (self->custom_check);
}

static void
update_actions (HcSettingsEmployeesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "employees.add-rule",
                                 self->context != NULL && is_custom (self));
}

/* The live count: "312 of 540 employees in scope" */

static gboolean
count_idle_cb (gpointer user_data)
{
  HcSettingsEmployeesPage *self = user_data;
  const HcConnectorInfo *info = hc_settings_context_get_info (self->context);
  GPtrArray *employees = hc_settings_context_get_employees (self->context);
  g_autoptr (HcConfig) config = hc_config_copy (info->config);
  g_autofree char *text = NULL;
  guint total = employees->len;

  self->count_idle = 0;

  hc_settings_page_apply (HC_SETTINGS_PAGE (self), config);
  /* A rule still without values counts as not there yet. */
  for (guint i = config->rules->len; i > 0; i--)
    {
      HcScopeRule *rule = g_ptr_array_index (config->rules, i - 1);

      if (rule->values->len == 0)
        g_ptr_array_remove_index (config->rules, i - 1);
    }

  self->in_scope = hc_scope_count_in_scope (config, employees, NULL);
  /* Translators: the live count of the settings, "312 of 540 employees in scope" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u of %u employee in scope",
                                       "%u of %u employees in scope", total),
                          self->in_scope, total);
  gtk_label_set_label (self->count_label, text);

  return G_SOURCE_REMOVE;
}

static void
schedule_count (HcSettingsEmployeesPage *self)
{
  /* Many edits in one go (a Clear, a field change) count once. */
  if (self->count_idle == 0 && !self->filling && self->context != NULL)
    self->count_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, count_idle_cb, self, NULL);
}

static void
edited (HcSettingsEmployeesPage *self)
{
  if (self->filling)
    return;
  schedule_count (self);
  hc_settings_page_changed (HC_SETTINGS_PAGE (self));
}

static void
update_scope_sensitivity (HcSettingsEmployeesPage *self)
{
  gboolean custom = is_custom (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->rules_group), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->managers_row), custom);
  adw_action_row_set_subtitle (self->managers_row,
                               custom
                               ? _("The managers of employees in scope come in too, so every reporting line resolves")
                               : _("Only with a custom filter: with all employees, managers are in scope already"));
  gtk_widget_set_visible (GTK_WIDGET (self->no_rules_row), self->rule_rows->len == 0);
  update_actions (self);
}

/* Filter rules */

static void
renumber_rules (HcSettingsEmployeesPage *self)
{
  for (guint i = 0; i < self->rule_rows->len; i++)
    hc_rule_row_set_number (g_ptr_array_index (self->rule_rows, i), i + 1);
  gtk_widget_set_visible (GTK_WIDGET (self->no_rules_row), self->rule_rows->len == 0);
}

static void
rule_field_changed_cb (HcSettingsEmployeesPage *self,
                       HcRuleRow               *row)
{
  const char *field = hc_rule_row_get_field (row);

  if (field != NULL)
    {
      GPtrArray *values;
      GArray *counts;
      guint n_empty;

      /* The values chosen were the other field's. */
      hc_settings_context_get_values (self->context, field, &values, &counts, &n_empty);
      hc_rule_row_set_values (row, values, counts, n_empty, NULL);
    }
  edited (self);
}

static void
rule_values_changed_cb (HcSettingsEmployeesPage *self,
                        HcRuleRow               *row)
{
  edited (self);
}

static void
rule_remove_cb (HcSettingsEmployeesPage *self,
                HcRuleRow               *row)
{
  g_ptr_array_remove (self->rule_rows, row);
  adw_preferences_group_remove (self->rules_group, GTK_WIDGET (row));
  renumber_rules (self);
  edited (self);
  gtk_widget_grab_focus (self->rule_rows->len > 0
                         ? GTK_WIDGET (g_ptr_array_index (self->rule_rows, self->rule_rows->len - 1))
                         : GTK_WIDGET (self->custom_check));
}

static HcRuleRow *
add_rule_row (HcSettingsEmployeesPage *self,
              const char              *field,
              const char * const      *values)
{
  HcRuleRow *row = hc_rule_row_new (G_LIST_MODEL (self->rule_fields));

  hc_rule_row_set_label_source (row, self->context);

  if (field != NULL && hc_rule_row_set_field (row, field))
    {
      GPtrArray *field_values;
      GArray *counts;
      guint n_empty;

      hc_settings_context_get_values (self->context, field, &field_values, &counts, &n_empty);
      hc_rule_row_set_values (row, field_values, counts, n_empty, values);
    }

  g_signal_connect_object (row, "field-changed", G_CALLBACK (rule_field_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "values-changed", G_CALLBACK (rule_values_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (rule_remove_cb),
                           self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->rule_rows, row);
  adw_preferences_group_add (self->rules_group, GTK_WIDGET (row));
  renumber_rules (self);

  return row;
}

static gboolean
rule_uses_field (HcSettingsEmployeesPage *self,
                 const char              *field)
{
  for (guint i = 0; i < self->rule_rows->len; i++)
    if (g_strcmp0 (hc_rule_row_get_field (g_ptr_array_index (self->rule_rows, i)), field) == 0)
      return TRUE;
  return FALSE;
}

/* The field a new rule starts on: an office, a department… not used yet. */
static const char *
choose_new_rule_field (HcSettingsEmployeesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rule_fields));

  for (guint i = 0; preferred_rule_fields[i] != NULL; i++)
    if (hc_settings_context_has_values (self->context, preferred_rule_fields[i]))
      if (!rule_uses_field (self, preferred_rule_fields[i]))
        return preferred_rule_fields[i];

  for (guint i = 0; i < n; i++)
    {
      const char *field = gtk_string_list_get_string (self->rule_fields, i);

      if (!rule_uses_field (self, field))
        return field;
    }

  return n > 0 ? gtk_string_list_get_string (self->rule_fields, 0) : NULL;
}


static void
set_status_count (GtkLabel *label,
                  guint     count)
{
  g_autofree char *text = NULL;

  /* Translators: how many employees have a status, next to it */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u employee", "%u employees", count),
                          count);
  gtk_label_set_label (label, text);
}

/* The pre-start limit is opt-in: the day count counts only when on. */
static void
update_pre_start (HcSettingsEmployeesPage *self)
{
  gboolean limited = gtk_switch_get_active (self->pre_start_switch);
  guint days = (guint) gtk_spin_button_get_value_as_int (self->pre_start_spin);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->pre_start_spin), limited);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pre_start_unit), limited);
  /* Translators: the unit after the number of days before a start date */
  gtk_label_set_label (self->pre_start_unit, g_dngettext (GETTEXT_PACKAGE, "day", "days", days));
  if (limited)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Future hires are invited %u day before their start date",
                                             "Future hires are invited %u days before their start date", days),
                                days);
  else
    subtitle = g_strdup (_("Off: future hires are invited as soon as they appear in the HR system"));
  adw_action_row_set_subtitle (self->pre_start_row, subtitle);
}


/* HcSettingsPage */

static void
hc_settings_employees_page_load (HcSettingsPage    *page,
                                 HcSettingsContext *context)
{
  HcSettingsEmployeesPage *self = HC_SETTINGS_EMPLOYEES_PAGE (page);
  const HcConfig *config = hc_settings_context_get_info (context)->config;
  GPtrArray *fields = hc_settings_context_get_fields (context);
  GPtrArray *employees = hc_settings_context_get_employees (context);
  g_autoptr (GHashTable) rule_fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) rule_names = g_ptr_array_new ();
  guint status_counts[HC_EMPLOYEE_STATUS_INACTIVE + 1] = { 0, };

  g_set_object (&self->context, context);
  self->filling = TRUE;

  /* A rule can be about any field read, or one a template brought. */
  for (guint i = 0; i < fields->len; i++)
    if (g_hash_table_add (rule_fields, g_ptr_array_index (fields, i)))
      g_ptr_array_add (rule_names, g_ptr_array_index (fields, i));
  for (guint i = 0; i < config->rules->len; i++)
    {
      HcScopeRule *rule = g_ptr_array_index (config->rules, i);

      if (g_hash_table_add (rule_fields, rule->field))
        g_ptr_array_add (rule_names, rule->field);
    }
  hc_ptr_array_sort_strings (rule_names);
  g_ptr_array_add (rule_names, NULL);
  g_clear_object (&self->rule_fields);
  self->rule_fields = gtk_string_list_new ((const char * const *) rule_names->pdata);

  gtk_check_button_set_active (config->scope_mode == HC_SCOPE_MODE_CUSTOM
                               ? self->custom_check : self->all_check, TRUE);
  for (guint i = 0; i < config->rules->len; i++)
    {
      HcScopeRule *rule = g_ptr_array_index (config->rules, i);
      /* Borrowed strings: a copy of the array would free them. */
      g_autoptr (GPtrArray) values = g_ptr_array_sized_new (rule->values->len + 1);

      for (guint j = 0; j < rule->values->len; j++)
        g_ptr_array_add (values, g_ptr_array_index (rule->values, j));
      g_ptr_array_add (values, NULL);
      add_rule_row (self, rule->field, (const char * const *) values->pdata);
    }

  hc_settings_exclusion_setup (self->exclude_row, context, config->exclude_field);

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployeeStatus status = hc_employee_get_status (g_ptr_array_index (employees, i));

      if (status <= HC_EMPLOYEE_STATUS_INACTIVE)
        status_counts[status]++;
    }
  set_status_count (self->active_count, status_counts[HC_EMPLOYEE_STATUS_ACTIVE]);
  set_status_count (self->onboarding_count, status_counts[HC_EMPLOYEE_STATUS_ONBOARDING]);
  set_status_count (self->leave_count, status_counts[HC_EMPLOYEE_STATUS_LEAVE]);
  set_status_count (self->inactive_count, status_counts[HC_EMPLOYEE_STATUS_INACTIVE]);
  gtk_check_button_set_active (self->active_check, config->statuses & (1u << HC_EMPLOYEE_STATUS_ACTIVE));
  gtk_check_button_set_active (self->onboarding_check, config->statuses & (1u << HC_EMPLOYEE_STATUS_ONBOARDING));
  gtk_check_button_set_active (self->leave_check, config->statuses & (1u << HC_EMPLOYEE_STATUS_LEAVE));
  gtk_check_button_set_active (self->inactive_check, config->statuses & (1u << HC_EMPLOYEE_STATUS_INACTIVE));

  gtk_switch_set_active (self->managers_switch, config->include_managers);
  gtk_switch_set_active (self->pre_start_switch, config->pre_start_days != HC_CONFIG_PRE_START_NO_LIMIT);
  if (config->pre_start_days != HC_CONFIG_PRE_START_NO_LIMIT)
    gtk_spin_button_set_value (self->pre_start_spin, config->pre_start_days);
  update_pre_start (self);

  self->filling = FALSE;

  update_scope_sensitivity (self);
  schedule_count (self);
}

static void
hc_settings_employees_page_apply (HcSettingsPage *page,
                                  HcConfig       *config)
{
  HcSettingsEmployeesPage *self = HC_SETTINGS_EMPLOYEES_PAGE (page);
  GtkStringObject *exclude;
  const char *exclude_field;

  if (self->context == NULL)
    return;

  config->scope_mode = is_custom (self) ? HC_SCOPE_MODE_CUSTOM : HC_SCOPE_MODE_ALL;
  g_ptr_array_set_size (config->rules, 0);
  for (guint i = 0; i < self->rule_rows->len; i++)
    {
      HcRuleRow *row = g_ptr_array_index (self->rule_rows, i);
      g_auto (GStrv) values = hc_rule_row_dup_values (row);
      const char *field = hc_rule_row_get_field (row);

      /* An unfinished rule cannot be kept while the filter is off. */
      if (field == NULL || (values[0] == NULL && !is_custom (self)))
        continue;
      hc_config_add_rule (config, field, (const char * const *) values);
    }

  exclude = adw_combo_row_get_selected_item (self->exclude_row);
  exclude_field = exclude != NULL ? gtk_string_object_get_string (exclude) : "";
  g_free (config->exclude_field);
  config->exclude_field = *exclude_field != '\0' ? g_strdup (exclude_field) : NULL;

  config->statuses = 0;
  if (gtk_check_button_get_active (self->active_check))
    config->statuses |= 1u << HC_EMPLOYEE_STATUS_ACTIVE;
  if (gtk_check_button_get_active (self->onboarding_check))
    config->statuses |= 1u << HC_EMPLOYEE_STATUS_ONBOARDING;
  if (gtk_check_button_get_active (self->leave_check))
    config->statuses |= 1u << HC_EMPLOYEE_STATUS_LEAVE;
  if (gtk_check_button_get_active (self->inactive_check))
    config->statuses |= 1u << HC_EMPLOYEE_STATUS_INACTIVE;
  config->include_managers = gtk_switch_get_active (self->managers_switch);
  config->pre_start_days = gtk_switch_get_active (self->pre_start_switch)
                           ? (guint) gtk_spin_button_get_value_as_int (self->pre_start_spin)
                           : HC_CONFIG_PRE_START_NO_LIMIT;
}

static gboolean
hc_settings_employees_page_validate (HcSettingsPage *page,
                                     gboolean        for_apply,
                                     GError        **error)
{
  HcSettingsEmployeesPage *self = HC_SETTINGS_EMPLOYEES_PAGE (page);
  guint statuses = 0;

  if (is_custom (self))
    {
      if (self->rule_rows->len == 0)
        {
          g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                               _("A custom filter needs at least one rule: add one, or choose All employees."));
          return FALSE;
        }
      for (guint i = 0; i < self->rule_rows->len; i++)
        {
          HcRuleRow *row = g_ptr_array_index (self->rule_rows, i);
          g_auto (GStrv) values = hc_rule_row_dup_values (row);
          const char *field = hc_rule_row_get_field (row);

          if (field == NULL)
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Rule %u has no HR field: choose one, or remove the rule."), i + 1);
              hc_rule_row_set_error (row, _("Choose an HR field"));
              gtk_widget_grab_focus (GTK_WIDGET (hc_rule_row_get_field_dropdown (row)));
              return FALSE;
            }
          if (values[0] == NULL)
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Rule %u (%s) has no value: choose at least one, or remove the rule."),
                           i + 1, field);
              hc_rule_row_set_error (row, _("Choose at least one value"));
              gtk_widget_grab_focus (GTK_WIDGET (hc_rule_row_get_values_button (row)));
              return FALSE;
            }
        }
    }

  statuses |= gtk_check_button_get_active (self->active_check);
  statuses |= gtk_check_button_get_active (self->onboarding_check);
  statuses |= gtk_check_button_get_active (self->leave_check);
  statuses |= gtk_check_button_get_active (self->inactive_check);
  if (statuses == 0)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("No status is in scope, so no employee would be synced: choose at least one."));
      gtk_widget_grab_focus (GTK_WIDGET (self->active_check));
      return FALSE;
    }

  return TRUE;
}

static GtkWidget *
hc_settings_employees_page_get_initial_focus (HcSettingsPage *page)
{
  HcSettingsEmployeesPage *self = HC_SETTINGS_EMPLOYEES_PAGE (page);

  return GTK_WIDGET (is_custom (self) ? self->custom_check : self->all_check);
}

static void
hc_settings_employees_page_iface_init (HcSettingsPageInterface *iface)
{
  iface->load = hc_settings_employees_page_load;
  iface->apply = hc_settings_employees_page_apply;
  iface->validate = hc_settings_employees_page_validate;
  iface->get_initial_focus = hc_settings_employees_page_get_initial_focus;
}

/* Actions and template callbacks */

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HcSettingsEmployeesPage *self = HC_SETTINGS_EMPLOYEES_PAGE (widget);
  HcRuleRow *row;

  if (self->context == NULL || !is_custom (self))
    return;

  row = add_rule_row (self, choose_new_rule_field (self), NULL);
  edited (self);
  gtk_widget_grab_focus (GTK_WIDGET (hc_rule_row_get_values_button (row)));
}

static void
scope_edited_cb (HcSettingsEmployeesPage *self)
{
  if (self->filling)
    return;

  update_scope_sensitivity (self);
  edited (self);
}

static void
pre_start_edited_cb (HcSettingsEmployeesPage *self)
{
  update_pre_start (self);
  scope_edited_cb (self);
}

/* GObject */

static void
hc_settings_employees_page_dispose (GObject *object)
{
  HcSettingsEmployeesPage *self = HC_SETTINGS_EMPLOYEES_PAGE (object);

  g_clear_handle_id (&self->count_idle, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_SETTINGS_EMPLOYEES_PAGE);

  g_clear_object (&self->rule_fields);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (hc_settings_employees_page_parent_class)->dispose (object);
}

static void
hc_settings_employees_page_finalize (GObject *object)
{
  HcSettingsEmployeesPage *self = HC_SETTINGS_EMPLOYEES_PAGE (object);

  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_settings_employees_page_parent_class)->finalize (object);
}

static void
hc_settings_employees_page_class_init (HcSettingsEmployeesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_settings_employees_page_dispose;
  object_class->finalize = hc_settings_employees_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-settings-employees-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, all_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, custom_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, add_rule_button);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, all_check);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, custom_check);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, rules_group);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, no_rules_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, exclude_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, managers_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, managers_switch);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, active_check);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, onboarding_check);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, leave_check);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, inactive_check);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, active_count);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, onboarding_count);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, leave_count);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, inactive_count);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, pre_start_row);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, pre_start_switch);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, pre_start_spin);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, pre_start_unit);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsEmployeesPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, scope_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, pre_start_edited_cb);

  gtk_widget_class_install_action (widget_class, "employees.add-rule", NULL, add_rule_action);
}

static void
hc_settings_employees_page_init (HcSettingsEmployeesPage *self)
{
  g_type_ensure (HC_TYPE_RULE_ROW);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rule_rows = g_ptr_array_new ();
  update_actions (self);
}

guint
hc_settings_employees_page_get_in_scope (HcSettingsEmployeesPage *self)
{
  g_return_val_if_fail (HC_IS_SETTINGS_EMPLOYEES_PAGE (self), 0);

  return self->in_scope;
}
