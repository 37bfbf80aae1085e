/* hc-connector-settings.c — a connector's settings: which employees it
 * manages, how their fields land on members, and when it syncs
 *
 * Three pages over one copy of the connector's configuration: Employees
 * (the scope, with a live count), Fields (the mapping, with examples from
 * real records) and Options. The employees are read once, when the window
 * opens: the choosers offer the fields and values the HR data really has.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-connector-settings"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-connector.h"
#include "hc-connector-kind.h"
#include "hc-connector-groups-page.h"
#include "hc-connector-settings.h"
#include "hc-error.h"
#include "hc-mapping.h"
#include "hc-rule-row.h"
#include "hc-scope.h"
#include "hc-window.h"

/* The examples under a mapping line: how many, how long each and all. */
#define N_SAMPLES     3
#define SAMPLE_CHARS  24
#define SAMPLES_CHARS 48
/* Examples come from the first employees only: 12 lines over 100,000
* employees would take a while, and a few are enough to recognise. */
#define SAMPLE_SCAN   2000

/* Fields a rule is most often about, offered first for a new rule. */
static const char * const preferred_rule_fields[] = {
  HC_FIELD_OFFICE, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM, NULL
};

/* Every connector fills these (hc-employee.h): a mapping may use them even
 * when no employee read has a value. */
static const char * const standard_fields[] = {
  HC_FIELD_ID, HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME, HC_FIELD_PREFERRED_NAME,
  HC_FIELD_EMAIL, HC_FIELD_STATUS, HC_FIELD_POSITION, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM,
  HC_FIELD_OFFICE, HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE, HC_FIELD_END_DATE, NULL
};

/* The values of one field, counted once per field. */
typedef struct
{
  GPtrArray *values;            /* of char* */
  GArray    *counts;            /* of guint */
  guint      n_empty;
} FieldValues;

static void
field_values_free (FieldValues *fv)
{
  g_ptr_array_unref (fv->values);
  g_array_unref (fv->counts);
  g_free (fv);
}

/* One line of the Fields page: member target ← HR source. */
typedef struct
{
  char        *target;
  AdwComboRow *row;             /* owned by its group */
  gboolean     custom;
} MappingLine;

static void
mapping_line_free (MappingLine *line)
{
  g_free (line->target);
  g_free (line);
}

struct _HcConnectorSettings
{
  AdwWindow              parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle  *switcher_title;
  GtkButton             *save_button;
  GtkButton             *save_apply_button;
  GtkRevealer           *error_revealer;
  GtkLabel              *error_label;
  GtkStack              *state_stack;
  GtkSpinner            *loading_spinner;
  GtkLabel              *loading_label;
  GtkLabel              *progress_label;
  AdwStatusPage         *error_status;
  GtkButton             *retry_button;
  AdwViewStack          *view_stack;
  AdwActionRow          *all_row;
  AdwActionRow          *custom_row;
  GtkCheckButton        *all_check;
  GtkCheckButton        *custom_check;
  AdwPreferencesGroup   *rules_group;
  GtkButton             *add_rule_button;
  AdwActionRow          *no_rules_row;
  AdwComboRow           *exclude_row;
  AdwActionRow          *managers_row;
  GtkSwitch             *managers_switch;
  GtkCheckButton        *active_check;
  GtkCheckButton        *onboarding_check;
  GtkCheckButton        *leave_check;
  GtkCheckButton        *inactive_check;
  GtkLabel              *active_count;
  GtkLabel              *onboarding_count;
  GtkLabel              *leave_count;
  GtkLabel              *inactive_count;
  AdwActionRow          *pre_start_row;
  GtkSwitch             *pre_start_switch;
  GtkSpinButton         *pre_start_spin;
  GtkLabel              *pre_start_unit;
  GtkLabel              *count_label;
  AdwPreferencesGroup   *missing_group;
  AdwPreferencesGroup   *mapping_group;
  AdwPreferencesGroup   *custom_group;
  AdwEntryRow           *custom_entry;
  AdwActionRow          *archive_row;
  GtkSwitch             *archive_switch;
  AdwPreferencesGroup   *schedule_group;
  AdwActionRow          *schedule_6h_row;
  AdwActionRow          *schedule_12h_row;
  AdwActionRow          *schedule_24h_row;
  GtkCheckButton        *schedule_manual_check;
  GtkCheckButton        *schedule_6h_check;
  GtkCheckButton        *schedule_12h_check;
  GtkCheckButton        *schedule_24h_check;
  AdwActionRow          *background_row;
  GtkButton             *background_button;
  GtkSpinButton         *threshold_spin;
  HcConnectorGroupsPage *groups_page;

  /* Owned state */
  GSettings             *settings;      /* run-in-background; NULL without the schema */
  HcStore               *store;
  HcConnectorInfo       *info;
  GCancellable          *cancellable;
  HcConnector           *connector;     /* while reading */
  GPtrArray             *employees;     /* of HcEmployee, NULL until read */
  GHashTable            *employees_by_id; /* id → HcEmployee, for manager names */
  GPtrArray             *fields;        /* char*: the fields of the HR data */
  GPtrArray             *field_infos;   /* HcFieldInfo*: labels and types of the fields */
  GtkStringList         *rule_fields;   /* what a rule can be about */
  GPtrArray             *source_fields; /* char*: what a mapping can read */
  GHashTable            *values_cache;  /* field → FieldValues */
  GPtrArray             *rule_rows;     /* HcRuleRow*, owned by rules_group */
  GPtrArray             *mapping_lines; /* MappingLine* */
  GPtrArray             *missing_rows;  /* GtkWidget*, owned by missing_group */
  char                  *error;
  guint                  count_idle;
  guint                  in_scope;
  gboolean               filling;       /* the form is being filled, not edited */
  gboolean               stopped;       /* the admin stopped the reading */
  gboolean               disposed;
};

G_DEFINE_FINAL_TYPE (HcConnectorSettings, hc_connector_settings, ADW_TYPE_WINDOW)

static void update_missing_fields (HcConnectorSettings *self);

/* The application's settings, when the schema is installed. (transfer full) */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "run-in-background"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* Small helpers */

static gboolean
is_custom (HcConnectorSettings *self)
{
  return gtk_check_button_get_active (self->custom_check);
}

static void
show_error (HcConnectorSettings *self,
            const char          *page,
            const char          *message)
{
  g_free (self->error);
  self->error = g_strdup (message);

  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
  if (page != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page);
}

static void
clear_error (HcConnectorSettings *self)
{
  if (self->error != NULL)
    show_error (self, NULL, NULL);
}

static void
update_actions (HcConnectorSettings *self)
{
  gboolean ready = self->employees != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.save", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.save-apply", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.add-rule", ready && is_custom (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.retry", self->employees == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.stop",
                                 self->employees == NULL && self->cancellable != NULL);
}

static FieldValues *
get_field_values (HcConnectorSettings *self,
                  const char          *field)
{
  FieldValues *fv = g_hash_table_lookup (self->values_cache, field);
  guint counted = 0;

  if (fv != NULL)
    return fv;

  fv = g_new0 (FieldValues, 1);
  fv->values = hc_connector_list_values (self->employees, field, &fv->counts);
  for (guint i = 0; i < fv->counts->len; i++)
    counted += g_array_index (fv->counts, guint, i);
  fv->n_empty = self->employees->len > counted ? self->employees->len - counted : 0;
  g_hash_table_insert (self->values_cache, g_strdup (field), fv);

  return fv;
}

/* The live count: "312 of 540 employees in scope" */

static gboolean
count_idle_cb (gpointer user_data)
{
  HcConnectorSettings *self = user_data;
  g_autoptr (HcConfig) config = NULL;
  g_autofree char *text = NULL;
  guint total;

  self->count_idle = 0;
  if (self->employees == NULL)
    return G_SOURCE_REMOVE;

  /* A rule still without values counts as not there yet. */
  config = hc_connector_settings_dup_config (self);
  for (guint i = config->rules->len; i > 0; i--)
    {
      HcScopeRule *rule = g_ptr_array_index (config->rules, i - 1);

      if (rule->values->len == 0)
        g_ptr_array_remove_index (config->rules, i - 1);
    }

  total = self->employees->len;
  self->in_scope = hc_scope_count_in_scope (config, self->employees, NULL);
  hc_connector_groups_page_set_scope (self->groups_page, config);
  /* Translators: the live count of the settings, "312 of 540 employees in scope" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u of %u employee in scope",
                                       "%u of %u employees in scope", total),
                          self->in_scope, total);
  gtk_label_set_label (self->count_label, text);

  return G_SOURCE_REMOVE;
}

static void
schedule_count (HcConnectorSettings *self)
{
  /* Many edits in one go (a Clear, a field change) count once. */
  if (self->count_idle == 0 && !self->filling)
    self->count_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, count_idle_cb, self, NULL);
}

static void
update_scope_sensitivity (HcConnectorSettings *self)
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
renumber_rules (HcConnectorSettings *self)
{
  for (guint i = 0; i < self->rule_rows->len; i++)
    hc_rule_row_set_number (g_ptr_array_index (self->rule_rows, i), i + 1);
  gtk_widget_set_visible (GTK_WIDGET (self->no_rules_row), self->rule_rows->len == 0);
}

static void
rule_field_changed_cb (HcConnectorSettings *self,
                       HcRuleRow           *row)
{
  const char *field = hc_rule_row_get_field (row);

  if (field != NULL)
    {
      FieldValues *fv = get_field_values (self, field);

      /* The values chosen were the other field's. */
      hc_rule_row_set_values (row, fv->values, fv->counts, fv->n_empty, NULL);
    }
  clear_error (self);
  schedule_count (self);
}

static void
rule_values_changed_cb (HcConnectorSettings *self,
                        HcRuleRow           *row)
{
  clear_error (self);
  schedule_count (self);
}

static void
rule_remove_cb (HcConnectorSettings *self,
                HcRuleRow           *row)
{
  g_ptr_array_remove (self->rule_rows, row);
  adw_preferences_group_remove (self->rules_group, GTK_WIDGET (row));
  renumber_rules (self);
  clear_error (self);
  schedule_count (self);
  gtk_widget_grab_focus (self->rule_rows->len > 0
                         ? GTK_WIDGET (g_ptr_array_index (self->rule_rows, self->rule_rows->len - 1))
                         : GTK_WIDGET (self->custom_check));
}

static HcRuleRow *
add_rule_row (HcConnectorSettings *self,
              const char          *field,
              const char * const  *values)
{
  HcRuleRow *row = hc_rule_row_new (G_LIST_MODEL (self->rule_fields));

  if (field != NULL && hc_rule_row_set_field (row, field))
    {
      FieldValues *fv = get_field_values (self, field);

      hc_rule_row_set_values (row, fv->values, fv->counts, fv->n_empty, values);
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
rule_uses_field (HcConnectorSettings *self,
                 const char          *field)
{
  for (guint i = 0; i < self->rule_rows->len; i++)
    if (g_strcmp0 (hc_rule_row_get_field (g_ptr_array_index (self->rule_rows, i)), field) == 0)
      return TRUE;
  return FALSE;
}

/* The field a new rule starts on: an office, a department… not used yet. */
static const char *
choose_new_rule_field (HcConnectorSettings *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rule_fields));

  for (guint i = 0; preferred_rule_fields[i] != NULL; i++)
    if (g_hash_table_contains (self->values_cache, preferred_rule_fields[i]) ||
        g_ptr_array_find_with_equal_func (self->fields, preferred_rule_fields[i], g_str_equal, NULL))
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

/* Mapping lines */

static const char *
line_source (MappingLine *line)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (line->row);

  return item != NULL ? gtk_string_object_get_string (item) : "";
}

static gboolean
source_is_known (HcConnectorSettings *self,
                 const char          *source)
{
  g_auto (GStrv) parts = g_strsplit (source, "|", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (self->fields, parts[i], g_str_equal, NULL) &&
        !hc_mapping_is_standard_field (parts[i]))
      return FALSE;
  return TRUE;
}

/* "Zoé, Marc, Inès" from the first employees with a value. (transfer full) */
static char *
describe_samples (HcConnectorSettings *self,
                  MappingLine         *line)
{
  const char *source = line_source (line);
  const HcMappingEntry *existing = hc_mapping_get_entry (self->info->config, line->target);
  g_autoptr (GPtrArray) samples = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) text = g_string_new (NULL);
  HcMappingEntry entry = { 0, };

  if (*source == '\0')
    return g_strdup (line->custom ? _("Choose the HR field it takes its value from")
                                  : _("Not taken from the HR system"));
  if (!source_is_known (self, source))
    return g_strdup (_("None of the employees read has this field"));

  entry.target = line->target;
  entry.source = (char *) source;
  entry.transforms = existing != NULL ? existing->transforms : HC_MAPPING_TRANSFORM_DEFAULT;

  for (guint i = 0; i < self->employees->len && i < SAMPLE_SCAN && samples->len < N_SAMPLES; i++)
    {
      HcEmployee *employee = g_ptr_array_index (self->employees, i);
      g_autofree char *value = hc_mapping_resolve_entry (&entry, employee);

      if (value == NULL)
        continue;

      /* A manager is an employee id: say who it is. */
      if (g_str_equal (line->target, HC_MEMBER_FIELD_MANAGER))
        {
          HcEmployee *manager = g_hash_table_lookup (self->employees_by_id, value);

          if (manager != NULL)
            {
              g_autofree char *name = hc_employee_dup_display_name (manager);
              char *named = g_strdup_printf ("%s (%s)", name, value);

              g_free (value);
              value = named;
            }
        }

      if (!g_ptr_array_find_with_equal_func (samples, value, g_str_equal, NULL))
        g_ptr_array_add (samples, g_steal_pointer (&value));
    }

  if (samples->len == 0 && self->employees->len > SAMPLE_SCAN)
    return g_strdup_printf (_("Empty for the first %u employees read"), SAMPLE_SCAN);
  if (samples->len == 0)
    return g_strdup (_("Empty for every employee read"));

  /* Short enough to leave room for the chooser beside it. */
  for (guint i = 0; i < samples->len; i++)
    {
      const char *sample = g_ptr_array_index (samples, i);
      glong length = g_utf8_strlen (sample, -1);

      if (i > 0 && g_utf8_strlen (text->str, -1) + MIN (length, SAMPLE_CHARS) > SAMPLES_CHARS)
        break;
      if (i > 0)
        g_string_append (text, _(", "));
      if (length > SAMPLE_CHARS)
        {
          g_string_append_len (text, sample, g_utf8_offset_to_pointer (sample, SAMPLE_CHARS - 1) - sample);
          g_string_append (text, "…");
        }
      else
        g_string_append (text, sample);
    }
  /* Translators: examples of the values a member field will take, "Zoé, Marc, Inès" */
  return g_strdup_printf (_("For example: %s"), text->str);
}

static void
update_line_subtitle (HcConnectorSettings *self,
                      MappingLine         *line)
{
  g_autofree char *subtitle = describe_samples (self, line);
  const char *source = line_source (line);
  gboolean missing = *source != '\0' && !source_is_known (self, source);
  gboolean pending = line->custom && *source == '\0';

  adw_action_row_set_subtitle (ADW_ACTION_ROW (line->row), subtitle);
  if (missing || pending)
    gtk_widget_add_css_class (GTK_WIDGET (line->row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (line->row), "warning");
}

static void
line_selected_cb (AdwComboRow         *row,
                  GParamSpec          *pspec,
                  HcConnectorSettings *self)
{
  MappingLine *line = g_object_get_data (G_OBJECT (row), "hc-line");

  if (self->filling || line == NULL)
    return;

  update_line_subtitle (self, line);
  update_missing_fields (self);
  clear_error (self);
}

static char *
describe_source_item (GtkStringObject *item,
                      gpointer         user_data)
{
  const char *source = gtk_string_object_get_string (item);
  g_auto (GStrv) parts = NULL;

  if (source == NULL || *source == '\0')
    return g_strdup (_("Not mapped"));
  if (strchr (source, '|') == NULL)
    return g_strdup (source);

  /* Several fields, the first non-empty wins: "work_email, else email". */
  parts = g_strsplit (source, "|", -1);
  /* Translators: joins the HR fields of one mapping line, the first with a value wins */
  return g_strjoinv (_(", else "), parts);
}

/* "Ne pas synchroniser avec Elevo (skip_elevo_sync)", or the API name alone
 * when the HR system gives no other label. */
static char *
describe_field (HcConnectorSettings *self,
                const char          *name)
{
  const HcFieldInfo *info = hc_field_info_find (self->field_infos, name);

  if (info == NULL || info->label == NULL || g_str_equal (info->label, name))
    return g_strdup (name);
  /* Translators: an HR field, its label then its API name */
  return g_strdup_printf (_("%s (%s)"), info->label, name);
}

/* The checkboxes the automatic choice finds in the HR data. */
static GPtrArray *
list_automatic_exclusions (HcConnectorSettings *self)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; self->field_infos != NULL && i < self->field_infos->len; i++)
    {
      const HcFieldInfo *info = g_ptr_array_index (self->field_infos, i);

      if (info->type == HC_FIELD_TYPE_BOOLEAN && hc_field_info_is_exclusion (info))
        g_ptr_array_add (found, describe_field (self, info->name));
    }
  return found;
}

/* @user_data is the settings window. */
static char *
describe_exclude_item (GtkStringObject *item,
                       gpointer         user_data)
{
  HcConnectorSettings *self = user_data;
  const char *field = gtk_string_object_get_string (item);
  g_auto (GStrv) parts = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (field == NULL || *field == '\0')
    return g_strdup (_("None"));
  if (g_str_equal (field, HC_CONFIG_EXCLUDE_AUTO))
    return g_strdup (_("Automatic"));

  /* Several checkboxes, any of them set excludes: "skip_sync or customSkipSync". */
  parts = g_strsplit (field, "|", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    g_ptr_array_add (names, g_str_equal (parts[i], HC_CONFIG_EXCLUDE_AUTO)
                            ? g_strdup (_("Automatic"))
                            : describe_field (self, parts[i]));
  g_ptr_array_add (names, NULL);
  /* Translators: joins the fields of the exclusion checkbox, any of them set excludes */
  return g_strjoinv (_(" or "), (char **) names->pdata);
}

/* With the automatic choice, the subtitle says which checkboxes it found. */
static void
update_exclude_subtitle (HcConnectorSettings *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->exclude_row);
  const char *field = item != NULL ? gtk_string_object_get_string (item) : NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autofree char *list = NULL;
  g_autofree char *subtitle = NULL;

  if (g_strcmp0 (field, HC_CONFIG_EXCLUDE_AUTO) != 0)
    {
      g_auto (GStrv) parts = field != NULL ? g_strsplit (field, "|", -1) : NULL;

      /* a name the HR data lacks stops every sync (hc_field_info_check_exclusion) */
      for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
        if (*parts[i] != '\0' && !g_str_equal (parts[i], HC_CONFIG_EXCLUDE_AUTO) &&
            hc_field_info_find (self->field_infos, parts[i]) == NULL)
          {
            /* Translators: %s is the name of an HR field */
            subtitle = g_strdup_printf (_("“%s” is not a field of the HR data: syncs stop until another checkbox is chosen"),
                                        parts[i]);
            adw_action_row_set_subtitle (ADW_ACTION_ROW (self->exclude_row), subtitle);
            return;
          }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->exclude_row),
                                   _("Employees with this checkbox set are never synced"));
      return;
    }

  found = list_automatic_exclusions (self);
  if (found->len == 0)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->exclude_row),
                                   _("No checkbox with a usual name (Skip sync, Do not sync, Ne pas synchroniser…) in the HR data: nobody is excluded"));
      return;
    }
  g_ptr_array_add (found, NULL);
  /* Translators: joins the fields of the exclusion checkbox, any of them set excludes */
  list = g_strjoinv (_(" or "), (char **) found->pdata);
  /* Translators: %s names the checkboxes found, "Skip sync (customSkipSync) or …" */
  subtitle = g_strdup_printf (_("Employees with %s set are never synced"), list);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->exclude_row), subtitle);
}

static void
exclude_selected_cb (HcConnectorSettings *self)
{
  update_exclude_subtitle (self);
}

/* The chooser's list: the label on one line, the API name below it, both
 * whole (the default list cuts them), and the check mark of the choice. */
static void
exclude_list_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       HcConnectorSettings      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 40);
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
update_exclude_check (GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  AdwComboRow *row = g_object_get_data (G_OBJECT (item), "hc-row");

  if (box == NULL || row == NULL)
    return;
  gtk_widget_set_opacity (gtk_widget_get_last_child (box),
                          adw_combo_row_get_selected_item (row) == gtk_list_item_get_item (item) ? 1 : 0);
}

static void
exclude_list_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      HcConnectorSettings      *self)
{
  GtkWidget *labels = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkLabel *title = GTK_LABEL (gtk_widget_get_first_child (labels));
  GtkLabel *name = GTK_LABEL (gtk_widget_get_last_child (labels));
  const char *field = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const HcFieldInfo *info = hc_field_info_find (self->field_infos, field);
  g_autofree char *text = NULL;

  if (info != NULL && info->label != NULL && !g_str_equal (info->label, field))
    {
      gtk_label_set_label (title, info->label);
      gtk_label_set_label (name, field);
    }
  else
    {
      text = describe_exclude_item (gtk_list_item_get_item (item), self);
      gtk_label_set_label (title, text);
      gtk_label_set_label (name, "");
    }
  gtk_widget_set_visible (GTK_WIDGET (name), *gtk_label_get_label (name) != '\0');

  g_object_set_data (G_OBJECT (item), "hc-row", self->exclude_row);
  g_signal_connect_object (self->exclude_row, "notify::selected-item",
                           G_CALLBACK (update_exclude_check), item, G_CONNECT_SWAPPED);
  update_exclude_check (item);
}

static void
exclude_list_unbind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        HcConnectorSettings      *self)
{
  /* while the window is disposed, the row goes with its handlers */
  if (self->exclude_row != NULL)
    g_signal_handlers_disconnect_by_func (self->exclude_row, update_exclude_check, item);
  g_object_set_data (G_OBJECT (item), "hc-row", NULL);
}

/* A string list of "" (none), @extra when it is not among @names, then @names. */
static GtkStringList *
create_choice_model (GPtrArray  *names,
                     const char *extra)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, "");
  if (extra != NULL && *extra != '\0' &&
      !g_ptr_array_find_with_equal_func (names, extra, g_str_equal, NULL))
    gtk_string_list_append (model, extra);
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (names, i));

  return model;
}

static guint
find_string (GtkStringList *model,
             const char    *str)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (model, i), str != NULL ? str : "") == 0)
      return i;
  return 0;
}

static void line_remove_clicked_cb (GtkButton           *button,
                                    HcConnectorSettings *self);

static MappingLine *
add_mapping_line (HcConnectorSettings *self,
                  const char          *target,
                  const char          *source,
                  gboolean             custom)
{
  g_autoptr (GtkStringList) model = create_choice_model (self->source_fields, source);
  g_autofree char *title = hc_mapping_describe_target (target);
  GtkExpression *expression;
  MappingLine *line;

  line = g_new0 (MappingLine, 1);
  line->target = g_strdup (target);
  line->custom = custom;
  line->row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line->row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (line->row), FALSE);
  adw_combo_row_set_use_subtitle (line->row, FALSE);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (describe_source_item), NULL, NULL);
  adw_combo_row_set_expression (line->row, expression);
  gtk_expression_unref (expression);
  adw_combo_row_set_model (line->row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (line->row, find_string (model, source));
  g_object_set_data (G_OBJECT (line->row), "hc-line", line);

  if (custom)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = NULL;

      /* Translators: the accessible name of the remove button of a custom field */
      label = g_strdup_printf (_("Remove %s"), title);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove Custom Field"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      g_object_set_data (G_OBJECT (remove), "hc-line", line);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (line_remove_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (line->row), remove);
    }

  g_signal_connect_object (line->row, "notify::selected", G_CALLBACK (line_selected_cb), self, 0);
  g_ptr_array_add (self->mapping_lines, line);

  if (custom)
    {
      /* The entry to add one stays last. */
      g_object_ref (self->custom_entry);
      adw_preferences_group_remove (self->custom_group, GTK_WIDGET (self->custom_entry));
      adw_preferences_group_add (self->custom_group, GTK_WIDGET (line->row));
      adw_preferences_group_add (self->custom_group, GTK_WIDGET (self->custom_entry));
      g_object_unref (self->custom_entry);
    }
  else
    adw_preferences_group_add (self->mapping_group, GTK_WIDGET (line->row));

  update_line_subtitle (self, line);

  return line;
}

static MappingLine *
find_line (HcConnectorSettings *self,
           const char          *target)
{
  for (guint i = 0; i < self->mapping_lines->len; i++)
    {
      MappingLine *line = g_ptr_array_index (self->mapping_lines, i);

      if (g_str_equal (line->target, target))
        return line;
    }
  return NULL;
}

static void
line_remove_clicked_cb (GtkButton           *button,
                        HcConnectorSettings *self)
{
  MappingLine *line = g_object_get_data (G_OBJECT (button), "hc-line");

  adw_preferences_group_remove (self->custom_group, GTK_WIDGET (line->row));
  g_ptr_array_remove (self->mapping_lines, line);
  update_missing_fields (self);
  clear_error (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->custom_entry));
}

static void
clear_missing_rows (HcConnectorSettings *self)
{
  for (guint i = 0; i < self->missing_rows->len; i++)
    adw_preferences_group_remove (self->missing_group, g_ptr_array_index (self->missing_rows, i));
  g_ptr_array_set_size (self->missing_rows, 0);
}

static void
update_missing_fields (HcConnectorSettings *self)
{
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *description = NULL;

  clear_missing_rows (self);
  /* Nobody read, nothing to check against. */
  if (self->employees == NULL || self->employees->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->missing_group), FALSE);
      return;
    }

  config = hc_connector_settings_dup_config (self);
  problems = hc_mapping_find_missing_fields (config, self->fields);
  for (guint i = 0; i < problems->len; i++)
    {
      HcMappingProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->missing_group, row);
      g_ptr_array_add (self->missing_rows, row);
    }

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME,
                                              "None of the %u employee read has these fields: a sync "
                                              "stops with an error until each line reads a field that exists.",
                                              "None of the %u employees read has these fields: a sync "
                                              "stops with an error until each line reads a field that exists.",
                                              self->employees->len),
                                 self->employees->len);
  adw_preferences_group_set_description (self->missing_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_group), problems->len > 0);
}

/* Filling the form */

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
update_pre_start (HcConnectorSettings *self)
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

/* Scheduled syncs run only while the app runs in the background, or from
 * a timer's headcount-cli: say so, and offer to turn the background on. */
static void
update_background (HcConnectorSettings *self)
{
  gboolean on;

  if (self->settings == NULL || self->info == NULL || self->info->test_instance)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->background_row), FALSE);
      return;
    }

  on = g_settings_get_boolean (self->settings, "run-in-background");
  gtk_widget_set_visible (GTK_WIDGET (self->background_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->background_button), !on);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->background_row),
                                 on ? _("Headcount runs in the background")
                                    : _("Headcount does not run in the background"));
  adw_action_row_set_subtitle (self->background_row,
                               on ? _("Scheduled syncs run while you are logged in, even with the window closed.")
                                  : _("Scheduled syncs run only while Headcount runs in the background, or from "
                                      "a timer (headcount-cli sync --all-due; see the README)."));
}

static void
background_changed_cb (GSettings           *settings,
                       const char          *key,
                       HcConnectorSettings *self)
{
  update_background (self);
}

static void
fill_form (HcConnectorSettings *self)
{
  const HcConfig *config = self->info->config;
  g_autoptr (GtkStringList) exclude_model = NULL;
  g_autoptr (GPtrArray) exclude_names = NULL;
  GtkExpression *expression;
  guint status_counts[HC_EMPLOYEE_STATUS_INACTIVE + 1] = { 0, };
  GtkCheckButton *schedule_checks[] = {
    self->schedule_manual_check, self->schedule_6h_check,
    self->schedule_12h_check, self->schedule_24h_check,
  };

  self->filling = TRUE;

  /* Employees */
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

  /* None, automatic, what the config has, then every boolean or checkbox
   * field the HR system reports. */
  exclude_names = g_ptr_array_new ();
  g_ptr_array_add (exclude_names, (gpointer) HC_CONFIG_EXCLUDE_AUTO);
  for (guint i = 0; i < self->field_infos->len; i++)
    {
      const HcFieldInfo *info = g_ptr_array_index (self->field_infos, i);

      if (info->type == HC_FIELD_TYPE_BOOLEAN)
        g_ptr_array_add (exclude_names, info->name);
    }
  exclude_model = create_choice_model (exclude_names, config->exclude_field);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (describe_exclude_item),
                                            self, NULL);
  adw_combo_row_set_expression (self->exclude_row, expression);
  gtk_expression_unref (expression);
  {
    g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (exclude_list_setup_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (exclude_list_bind_cb), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (exclude_list_unbind_cb), self);
    adw_combo_row_set_list_factory (self->exclude_row, factory);
  }
  adw_combo_row_set_model (self->exclude_row, G_LIST_MODEL (exclude_model));
  g_signal_handlers_disconnect_by_func (self->exclude_row, exclude_selected_cb, self);
  g_signal_connect_swapped (self->exclude_row, "notify::selected",
                            G_CALLBACK (exclude_selected_cb), self);
  adw_combo_row_set_selected (self->exclude_row, find_string (exclude_model, config->exclude_field));
  update_exclude_subtitle (self);

  for (guint i = 0; i < self->employees->len; i++)
    {
      HcEmployeeStatus status = hc_employee_get_status (g_ptr_array_index (self->employees, i));

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

  /* Fields */
  for (const char * const *target = hc_mapping_get_targets (); *target != NULL; target++)
    add_mapping_line (self, *target, hc_mapping_get_source (config, *target), FALSE);
  for (guint i = 0; i < config->mapping->len; i++)
    {
      HcMappingEntry *entry = g_ptr_array_index (config->mapping, i);

      if (g_str_has_prefix (entry->target, "custom."))
        add_mapping_line (self, entry->target, entry->source, TRUE);
    }

  /* Options */
  gtk_switch_set_active (self->archive_switch, config->archive_inactive);
  if (self->info->test_instance)
    {
      /* rules.md 14: a test instance syncs by hand only. */
      gtk_check_button_set_active (self->schedule_manual_check, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_6h_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_12h_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_24h_row), FALSE);
      adw_preferences_group_set_description (self->schedule_group,
                                             _("This connector is a test instance: it syncs only when you ask, "
                                               "so it never sends an invitation on its own."));
    }
  else
    {
      if (config->schedule <= HC_SCHEDULE_24H)
        gtk_check_button_set_active (schedule_checks[config->schedule], TRUE);
      /* when scheduled syncs run is the background row's to say */
      adw_preferences_group_set_description (self->schedule_group,
                                             _("The first sync of a connector is always by hand, through its "
                                               "preview."));
    }
  update_background (self);
  gtk_spin_button_set_value (self->threshold_spin, config->safety_threshold_percent);

  self->filling = FALSE;

  update_scope_sensitivity (self);
  update_missing_fields (self);
  schedule_count (self);
}

static void
populate (HcConnectorSettings *self)
{
  const HcConfig *config = self->info->config;
  g_autoptr (GHashTable) rule_fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) rule_names = g_ptr_array_new ();

  self->fields = hc_connector_list_fields (self->employees);
  self->employees_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->employees->len; i++)
    {
      HcEmployee *employee = g_ptr_array_index (self->employees, i);

      g_hash_table_insert (self->employees_by_id, (gpointer) hc_employee_get_id (employee), employee);
    }

  /* A rule can be about any field read, or one a template brought. */
  for (guint i = 0; i < self->fields->len; i++)
    if (g_hash_table_add (rule_fields, g_ptr_array_index (self->fields, i)))
      g_ptr_array_add (rule_names, g_ptr_array_index (self->fields, i));
  for (guint i = 0; i < config->rules->len; i++)
    {
      HcScopeRule *rule = g_ptr_array_index (config->rules, i);

      if (g_hash_table_add (rule_fields, rule->field))
        g_ptr_array_add (rule_names, rule->field);
    }
  hc_ptr_array_sort_strings (rule_names);
  g_ptr_array_add (rule_names, NULL);
  self->rule_fields = gtk_string_list_new ((const char * const *) rule_names->pdata);

  /* A mapping can read any field read, and the standard ones. */
  self->source_fields = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->fields->len; i++)
    g_ptr_array_add (self->source_fields, g_strdup (g_ptr_array_index (self->fields, i)));
  for (guint i = 0; standard_fields[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (self->source_fields, standard_fields[i], g_str_equal, NULL))
      g_ptr_array_add (self->source_fields, g_strdup (standard_fields[i]));
  hc_ptr_array_sort_strings (self->source_fields);

  fill_form (self);
  hc_connector_groups_page_load (self->groups_page, self->store, config, self->employees, self->fields,
                                 self->field_infos);
}

/* Reading the employees */

static void
set_state (HcConnectorSettings *self,
           const char          *state)
{
  gboolean loading = g_str_equal (state, "loading");

  gtk_stack_set_visible_child_name (self->state_stack, state);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     g_str_equal (state, "content"));
  update_actions (self);
}

static void
read_failed (HcConnectorSettings *self,
             GError              *error)
{
  g_autofree char *escaped = NULL;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->connector);

  if (self->stopped)
    {
      adw_status_page_set_icon_name (self->error_status, "action-unavailable-symbolic");
      adw_status_page_set_title (self->error_status, _("Reading Stopped"));
      escaped = g_markup_escape_text (_("The settings offer the fields and values of your HR data, "
                                        "so they need its employees."), -1);
    }
  else
    {
      adw_status_page_set_icon_name (self->error_status,
                                     g_error_matches (error, HC_ERROR, HC_ERROR_AUTH)
                                     ? "dialog-password-symbolic"
                                     : hc_connector_kind_is_remote (self->info->kind)
                                     ? "network-error-symbolic" : "dialog-error-symbolic");
      adw_status_page_set_title (self->error_status, _("Could Not Read the Employees"));
      escaped = g_markup_escape_text (error->message, -1);
    }
  adw_status_page_set_description (self->error_status, escaped);
  set_state (self, "error");
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  HcConnectorSettings *self = user_data;

  /* The fetch holds a reference on @self; after dispose it only winds down. */
  if (self->disposed || message == NULL)
    return;

  gtk_label_set_label (self->progress_label, message);
}

/* The connector reports progress from its thread through idles that hold
 * no reference: let those run before the last reference can go. */
static gboolean
release_cb (gpointer user_data)
{
  g_object_unref (user_data);

  return G_SOURCE_REMOVE;
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  HcConnectorSettings *self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *employees;

  employees = hc_connector_fetch_employees_finish (HC_CONNECTOR (source), result, &error);
  if (self->disposed)
    g_clear_pointer (&employees, g_ptr_array_unref);
  else if (employees == NULL)
    read_failed (self, error);
  else
    {
      g_clear_object (&self->cancellable);
      self->field_infos = hc_connector_describe_fields (HC_CONNECTOR (source), employees);
      g_clear_object (&self->connector);
      self->employees = employees;
      populate (self);
      set_state (self, "content");
      /* Focus starts on the form, not on Cancel. */
      gtk_widget_grab_focus (GTK_WIDGET (is_custom (self) ? self->custom_check : self->all_check));
    }

  g_idle_add_full (G_PRIORITY_LOW, release_cb, self, NULL);
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (HcConnectorSettings) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  self->connector = hc_connector_open_finish (result, &error);
  if (self->disposed)
    return;
  if (self->connector == NULL)
    {
      read_failed (self, error);
      return;
    }

  if (!hc_connector_kind_is_remote (self->info->kind))
    {
      /* Translators: %s is where employees come from, "the bundled demo company" */
      text = g_strdup_printf (_("Reading employees from %s…"),
                              hc_connector_get_vendor_name (self->connector));
      gtk_label_set_label (self->loading_label, text);
    }
  /* the exclusion checkbox the config names, whatever its name */
  hc_connector_request_config_fields (self->connector, self->info->config);
  hc_connector_fetch_employees_async (self->connector, progress_cb, self, self->cancellable,
                                      fetch_cb, g_object_ref (self));
}

static void
start_reading (HcConnectorSettings *self)
{
  const HcConnectorKind *kind = hc_connector_kind_lookup (self->info->kind);
  g_autofree char *text = NULL;

  if (self->cancellable != NULL || self->employees != NULL)
    return;

  if (kind != NULL && hc_connector_kind_is_remote (kind->kind))
    /* Translators: %s is an HR system, "Personio" */
    text = g_strdup_printf (_("Reading employees from %s…"), kind->vendor_name);
  else
    text = g_strdup (_("Reading employees…"));
  gtk_label_set_label (self->loading_label, text);
  gtk_label_set_label (self->progress_label,
                       _("The settings offer the fields and values of your HR data."));

  self->stopped = FALSE;
  self->cancellable = g_cancellable_new ();
  set_state (self, "loading");
  hc_connector_open_async (self->store, self->info, NULL, self->cancellable,
                           open_cb, g_object_ref (self));
}

/* Validating and saving */

static HcConfig *
validate (HcConnectorSettings *self,
          gboolean             for_apply,
          const char         **page,
          GError             **error)
{
  g_autoptr (HcConfig) config = hc_connector_settings_dup_config (self);
  g_autoptr (HcConfig) parsed = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *json = NULL;

  *page = "employees";
  if (is_custom (self))
    {
      if (self->rule_rows->len == 0)
        {
          g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                               _("A custom filter needs at least one rule: add one, or choose All employees."));
          return NULL;
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
              return NULL;
            }
          if (values[0] == NULL)
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Rule %u (%s) has no value: choose at least one, or remove the rule."),
                           i + 1, field);
              hc_rule_row_set_error (row, _("Choose at least one value"));
              gtk_widget_grab_focus (GTK_WIDGET (hc_rule_row_get_values_button (row)));
              return NULL;
            }
        }
    }
  if ((config->statuses & ((1u << (HC_EMPLOYEE_STATUS_INACTIVE + 1)) - 1)) == 0)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("No status is in scope, so no employee would be synced: choose at least one."));
      gtk_widget_grab_focus (GTK_WIDGET (self->active_check));
      return NULL;
    }

  *page = "fields";
  for (guint i = 0; i < self->mapping_lines->len; i++)
    {
      MappingLine *line = g_ptr_array_index (self->mapping_lines, i);

      if (line->custom && *line_source (line) == '\0')
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("The custom field “%s” has no HR field: choose the one it takes its value from, "
                         "or remove it."),
                       line->target + strlen ("custom."));
          gtk_widget_grab_focus (GTK_WIDGET (line->row));
          return NULL;
        }
    }
  if (for_apply && self->employees->len > 0)
    {
      g_autoptr (GPtrArray) problems = hc_mapping_find_missing_fields (config, self->fields);
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          HcMappingProblem *problem = g_ptr_array_index (problems, i);

          if (i > 0)
            g_string_append (text, "; ");
          g_string_append (text, problem->message);
        }
      if (problems->len > 0)
        {
          /* Translators: %s names the mapping lines and the fields they miss */
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("The sync would stop at once (%s). Choose HR fields that exist, or Save without applying."),
                       text->str);
          return NULL;
        }
    }

  /* What the store and headcount-cli config read back must be this. */
  *page = NULL;
  json = hc_config_to_json (config);
  parsed = hc_config_new_from_json_for_kind (json, self->info->kind, &local_error);
  if (parsed == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("These settings are not valid: %s"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&parsed);
}

static void
save (HcConnectorSettings *self,
      gboolean             apply)
{
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkWindow) parent = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_strdup (self->info->name);
  const char *page = NULL;
  gboolean changed;
  gint64 id = self->info->id;

  if (self->employees == NULL)
    return;

  config = validate (self, apply, &page, &error);
  if (config == NULL)
    {
      show_error (self, page, error->message);
      return;
    }

  changed = !hc_config_equal (config, self->info->config);
  if (changed && !hc_store_set_connector_config (self->store, id, config, &error))
    {
      /* Translators: %s is an error message */
      text = g_strdup_printf (_("The settings were not saved: %s"), error->message);
      show_error (self, NULL, text);
      return;
    }

  /* Closing destroys the window: nothing of it is used after. */
  if (gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL)
    parent = g_object_ref (gtk_window_get_transient_for (GTK_WINDOW (self)));
  gtk_window_close (GTK_WINDOW (self));
  self = NULL;

  if (parent == NULL || !HC_IS_WINDOW (parent))
    return;

  hc_window_reload (HC_WINDOW (parent));
  if (apply)
    {
      if (hc_window_sync_connector (HC_WINDOW (parent), id, FALSE))
        return;
      /* Translators: %s is a connector name */
      text = g_strdup_printf (_("Settings of “%s” saved. A sync is running: sync it again when it ends."),
                              name);
    }
  else if (changed)
    /* Translators: %s is a connector name */
    text = g_strdup_printf (_("Settings of “%s” saved"), name);

  if (text != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      hc_window_add_toast (HC_WINDOW (parent), adw_toast_new (escaped));
    }
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (HC_CONNECTOR_SETTINGS (widget), FALSE);
}

static void
save_apply_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  save (HC_CONNECTOR_SETTINGS (widget), TRUE);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_reading (HC_CONNECTOR_SETTINGS (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcConnectorSettings *self = HC_CONNECTOR_SETTINGS (widget);

  if (self->cancellable == NULL)
    return;

  self->stopped = TRUE;
  g_cancellable_cancel (self->cancellable);
}

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HcConnectorSettings *self = HC_CONNECTOR_SETTINGS (widget);
  HcRuleRow *row;

  if (self->employees == NULL || !is_custom (self))
    return;

  row = add_rule_row (self, choose_new_rule_field (self), NULL);
  clear_error (self);
  schedule_count (self);
  gtk_widget_grab_focus (GTK_WIDGET (hc_rule_row_get_values_button (row)));
}

/* Template callbacks */

static void
scope_edited_cb (HcConnectorSettings *self)
{
  if (self->filling)
    return;

  update_scope_sensitivity (self);
  clear_error (self);
  schedule_count (self);
}

static void
pre_start_edited_cb (HcConnectorSettings *self)
{
  update_pre_start (self);
  scope_edited_cb (self);
}

static void
background_clicked_cb (HcConnectorSettings *self)
{
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "run-in-background", TRUE);
}

static void
custom_entry_changed_cb (HcConnectorSettings *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->custom_entry), "error");
}

static void
custom_entry_apply_cb (HcConnectorSettings *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_entry))));
  g_autofree char *target = NULL;
  const char *source = NULL;
  MappingLine *line;

  if (self->employees == NULL || *name == '\0')
    return;

  target = g_strconcat ("custom.", name, NULL);
  if (!hc_mapping_is_valid_target (target))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” cannot name a custom field: use letters, digits, “_”, “-” and “.” only."),
                                 name);
      gtk_widget_add_css_class (GTK_WIDGET (self->custom_entry), "error");
      show_error (self, "fields", message);
      return;
    }
  if (find_line (self, target) != NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("There is a custom field “%s” already."), name);
      gtk_widget_add_css_class (GTK_WIDGET (self->custom_entry), "error");
      show_error (self, "fields", message);
      return;
    }

  /* The HR field of the same name, when there is one. */
  for (guint i = 0; i < self->fields->len && source == NULL; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->fields, i), name) == 0)
      source = g_ptr_array_index (self->fields, i);

  line = add_mapping_line (self, target, source, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->custom_entry), "");
  /* An emptied entry has nothing left to apply. */
  adw_entry_row_set_show_apply_button (self->custom_entry, FALSE);
  adw_entry_row_set_show_apply_button (self->custom_entry, TRUE);
  clear_error (self);
  update_missing_fields (self);
  gtk_widget_grab_focus (GTK_WIDGET (line->row));
}

/* GObject */

static void
hc_connector_settings_dispose (GObject *object)
{
  HcConnectorSettings *self = HC_CONNECTOR_SETTINGS (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->count_idle, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_CONNECTOR_SETTINGS);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->connector);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->rule_fields);
  g_clear_pointer (&self->employees_by_id, g_hash_table_unref);
  g_clear_pointer (&self->values_cache, g_hash_table_unref);
  g_clear_pointer (&self->employees, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_connector_settings_parent_class)->dispose (object);
}

static void
hc_connector_settings_finalize (GObject *object)
{
  HcConnectorSettings *self = HC_CONNECTOR_SETTINGS (object);

  g_clear_pointer (&self->info, hc_connector_info_free);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->field_infos, g_ptr_array_unref);
  g_clear_pointer (&self->source_fields, g_ptr_array_unref);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_clear_pointer (&self->mapping_lines, g_ptr_array_unref);
  g_clear_pointer (&self->missing_rows, g_ptr_array_unref);
  g_free (self->error);

  G_OBJECT_CLASS (hc_connector_settings_parent_class)->finalize (object);
}

static void
hc_connector_settings_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hc_connector_settings_parent_class)->show (widget);

  start_reading (HC_CONNECTOR_SETTINGS (widget));
}

static void
hc_connector_settings_class_init (HcConnectorSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_connector_settings_dispose;
  object_class->finalize = hc_connector_settings_finalize;
  widget_class->show = hc_connector_settings_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-connector-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, save_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, save_apply_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, error_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, state_stack);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, loading_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, progress_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, error_status);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, retry_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, all_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, custom_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, all_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, custom_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, rules_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, add_rule_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, no_rules_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, exclude_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, managers_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, managers_switch);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, active_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, onboarding_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, leave_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, inactive_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, active_count);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, onboarding_count);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, leave_count);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, inactive_count);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, pre_start_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, pre_start_switch);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, pre_start_spin);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, pre_start_unit);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, count_label);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, missing_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, custom_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, custom_entry);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, archive_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, archive_switch);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, schedule_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, schedule_6h_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, schedule_12h_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, schedule_24h_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, schedule_manual_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, schedule_6h_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, schedule_12h_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, schedule_24h_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, background_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, background_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorSettings, groups_page);
  gtk_widget_class_bind_template_callback (widget_class, scope_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, pre_start_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, background_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "settings.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "settings.save-apply", NULL, save_apply_action);
  gtk_widget_class_install_action (widget_class, "settings.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "settings.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "settings.add-rule", NULL, add_rule_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "settings.save", NULL);
}

static void
hc_connector_settings_init (HcConnectorSettings *self)
{
  g_type_ensure (HC_TYPE_RULE_ROW);
  g_type_ensure (HC_TYPE_CONNECTOR_GROUPS_PAGE);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->values_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) field_values_free);
  self->rule_rows = g_ptr_array_new ();
  self->mapping_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) mapping_line_free);
  self->missing_rows = g_ptr_array_new ();

  set_state (self, "loading");
}

HcConnectorSettings *
hc_connector_settings_new (HcStore               *store,
                           const HcConnectorInfo *info)
{
  HcConnectorSettings *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (info != NULL && info->config != NULL, NULL);

  self = g_object_new (HC_TYPE_CONNECTOR_SETTINGS, NULL);
  self->store = g_object_ref (store);
  self->info = hc_connector_info_copy (info);
  self->settings = create_settings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::run-in-background",
                             G_CALLBACK (background_changed_cb), self, 0);
  update_background (self);
  adw_view_switcher_title_set_subtitle (self->switcher_title, info->name);
  {
    /* Translators: the title of a connector's settings window; %s is its name */
    g_autofree char *title = g_strdup_printf (_("Settings of %s"), info->name);

    gtk_window_set_title (GTK_WINDOW (self), title);
  }

  return self;
}

gint64
hc_connector_settings_get_connector_id (HcConnectorSettings *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), 0);

  return self->info->id;
}

const char *
hc_connector_settings_get_state (HcConnectorSettings *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), NULL);

  return gtk_stack_get_visible_child_name (self->state_stack);
}

GPtrArray *
hc_connector_settings_get_employees (HcConnectorSettings *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), NULL);

  return self->employees;
}

guint
hc_connector_settings_get_in_scope (HcConnectorSettings *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), 0);

  return self->in_scope;
}

HcConfig *
hc_connector_settings_dup_config (HcConnectorSettings *self)
{
  HcConfig *config;
  GtkStringObject *exclude;
  const char *exclude_field;

  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), NULL);

  config = hc_config_copy (self->info->config);
  if (self->employees == NULL)
    return config;

  /* Employees */
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

  /* Fields: a changed line keeps its transforms and "required". */
  for (guint i = 0; i < self->mapping_lines->len; i++)
    {
      MappingLine *line = g_ptr_array_index (self->mapping_lines, i);
      const HcMappingEntry *entry = hc_mapping_get_entry (self->info->config, line->target);
      const char *source = line_source (line);
      g_auto (GStrv) sources = NULL;

      if (g_strcmp0 (entry != NULL ? entry->source : "", source) == 0)
        continue;
      sources = g_strsplit (source, "|", -1);
      hc_config_set_mapping_full (config, line->target, (const char * const *) sources,
                                  entry != NULL ? entry->transforms : HC_MAPPING_TRANSFORM_DEFAULT,
                                  entry != NULL && entry->required);
    }
  for (guint i = 0; i < self->info->config->mapping->len; i++)
    {
      HcMappingEntry *entry = g_ptr_array_index (self->info->config->mapping, i);

      if (g_str_has_prefix (entry->target, "custom.") && find_line (self, entry->target) == NULL)
        hc_config_set_mapping (config, entry->target, NULL);
    }

  /* Options */
  config->archive_inactive = gtk_switch_get_active (self->archive_switch);
  if (gtk_check_button_get_active (self->schedule_6h_check))
    config->schedule = HC_SCHEDULE_6H;
  else if (gtk_check_button_get_active (self->schedule_12h_check))
    config->schedule = HC_SCHEDULE_12H;
  else if (gtk_check_button_get_active (self->schedule_24h_check))
    config->schedule = HC_SCHEDULE_24H;
  else
    config->schedule = HC_SCHEDULE_MANUAL;
  config->safety_threshold_percent = gtk_spin_button_get_value_as_int (self->threshold_spin);
  hc_connector_groups_page_apply (self->groups_page, config);

  return config;
}

const char *
hc_connector_settings_get_error (HcConnectorSettings *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_SETTINGS (self), NULL);

  return self->error;
}
