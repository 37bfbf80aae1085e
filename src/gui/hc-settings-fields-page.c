/* hc-settings-fields-page.c — the Fields page of a connector's settings:
 * which HR field each member field takes its value from, with examples
 * from the employees read, custom fields, and the role of each position
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-settings-fields-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-error.h"
#include "hc-group-path.h"
#include "hc-mapping.h"
#include "hc-roles.h"
#include "hc-settings-fields-page.h"
#include "hc-settings-page.h"

/* The examples under a mapping line: how many, how long each and all. */
#define N_SAMPLES     3
#define SAMPLE_CHARS  24
#define SAMPLES_CHARS 48
/* Examples come from the first employees only: 12 lines over 100,000
* employees would take a while, and a few are enough to recognise. */
#define SAMPLE_SCAN   2000
/* The positions offered in the role mapping: the ones most employees
 * hold first; a position already mapped is always shown. */
#define MAX_POSITIONS 200

/* The role choices that are not role names: a role name is trimmed, so
 * neither can be one (rules.md 39). */
#define ROLE_SAME     ""
#define ROLE_NONE     " "

/* Every connector fills these (hc-employee.h): a mapping may use them even
 * when no employee read has a value. */
static const char * const standard_fields[] = {
  HC_FIELD_ID, HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME, HC_FIELD_PREFERRED_NAME,
  HC_FIELD_EMAIL, HC_FIELD_STATUS, HC_FIELD_POSITION, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM,
  HC_FIELD_OFFICE, HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE, HC_FIELD_END_DATE, NULL
};

/* One line of the page: member target ← HR source. */
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

/* One position of the role mapping: position → role. */
typedef struct
{
  char        *position;
  AdwComboRow *row;             /* owned by its group */
} PositionLine;

static void
position_line_free (PositionLine *line)
{
  g_free (line->position);
  g_free (line);
}

struct _HcSettingsFieldsPage
{
  AdwBin                 parent_instance;

  /* Template widgets */
  AdwPreferencesGroup   *missing_group;
  AdwPreferencesGroup   *mapping_group;
  AdwPreferencesGroup   *custom_group;
  AdwEntryRow           *custom_entry;
  AdwPreferencesGroup   *roles_group;
  GtkSwitch             *roles_switch;
  AdwEntryRow           *role_entry;

  /* Owned state */
  HcSettingsContext     *context;       /* NULL until loaded */
  const HcConnectorInfo *info;          /* the context's */
  GPtrArray             *employees;     /* the context's */
  GPtrArray             *fields;        /* the context's */
  GPtrArray             *source_fields; /* char*: what a mapping can read */
  GPtrArray             *mapping_lines; /* MappingLine* */
  GPtrArray             *missing_rows;  /* GtkWidget*, owned by missing_group */
  GPtrArray             *position_lines; /* PositionLine* */
  GtkStringList         *role_choices;  /* ROLE_SAME, ROLE_NONE, then role names */
  gboolean               filling;       /* the form is being filled, not edited */
};

static void hc_settings_fields_page_iface_init (HcSettingsPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcSettingsFieldsPage, hc_settings_fields_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_SETTINGS_PAGE,
                                                      hc_settings_fields_page_iface_init))

static void update_missing_fields (HcSettingsFieldsPage *self);

/* Mapping lines */

static const char *
line_source (MappingLine *line)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (line->row);

  return item != NULL ? gtk_string_object_get_string (item) : "";
}

static gboolean
source_is_known (HcSettingsFieldsPage *self,
                 const char           *source)
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
describe_samples (HcSettingsFieldsPage *self,
                  MappingLine          *line)
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
          HcEmployee *manager = hc_settings_context_lookup_employee (self->context, value);

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

static char *describe_sources (const char        *source,
                               HcSettingsContext *label_of);

static void
update_line_subtitle (HcSettingsFieldsPage *self,
                      MappingLine          *line)
{
  g_autofree char *samples = describe_samples (self, line);
  g_autofree char *subtitle = NULL;
  const char *source = line_source (line);
  gboolean missing = *source != '\0' && !source_is_known (self, source);
  gboolean pending = line->custom && *source == '\0';

  /* The label on the chooser, the API name in the subtitle. */
  if (*source != '\0')
    {
      g_autofree char *names = describe_sources (source, NULL);

      /* Translators: an HR field's API name, then examples of its values */
      subtitle = g_strdup_printf (_("%s — %s"), names, samples);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (line->row), subtitle != NULL ? subtitle : samples);
  if (missing || pending)
    gtk_widget_add_css_class (GTK_WIDGET (line->row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (line->row), "warning");
}

static void
line_selected_cb (AdwComboRow          *row,
                  GParamSpec           *pspec,
                  HcSettingsFieldsPage *self)
{
  MappingLine *line = g_object_get_data (G_OBJECT (row), "hc-line");

  if (self->filling || line == NULL)
    return;

  update_line_subtitle (self, line);
  update_missing_fields (self);
  hc_settings_page_changed (HC_SETTINGS_PAGE (self));
}

/* An HR field by its label, "Hire date"; several by theirs, "Work e-mail,
 * else E-mail" (the first non-empty wins). @label_of is the page's context
 * or NULL for the API names. (transfer full) */
static char *
describe_sources (const char        *source,
                  HcSettingsContext *label_of)
{
  g_auto (GStrv) parts = NULL;

  if (source == NULL || *source == '\0')
    return g_strdup (_("Not mapped"));

  parts = g_strsplit (source, "|", -1);
  if (label_of != NULL)
    for (guint i = 0; parts[i] != NULL; i++)
      {
        char *label = hc_settings_context_dup_field_label (label_of, parts[i]);

        g_free (parts[i]);
        parts[i] = label;
      }
  /* Translators: joins the HR fields of one mapping line, the first with a value wins */
  return g_strjoinv (_(", else "), parts);
}

/* What the chooser shows: labels. @user_data is the page. */
static char *
describe_source_item (GtkStringObject *item,
                      gpointer         user_data)
{
  HcSettingsFieldsPage *self = user_data;

  return describe_sources (gtk_string_object_get_string (item), self->context);
}

/* The chooser's list: the label, the API name below it. */
static void
source_list_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_list_item_set_child (item, labels);
}

static void
source_list_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     HcSettingsFieldsPage     *self)
{
  GtkWidget *labels = gtk_list_item_get_child (item);
  const char *source = gtk_string_object_get_string (gtk_list_item_get_item (item));
  g_autofree char *title = describe_sources (source, self->context);
  g_autofree char *name = source != NULL && *source != '\0' ? describe_sources (source, NULL) : NULL;

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (labels)), title);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (labels)), name);
  gtk_widget_set_visible (gtk_widget_get_last_child (labels), name != NULL);
}

static void line_remove_clicked_cb (GtkButton            *button,
                                    HcSettingsFieldsPage *self);

static MappingLine *
add_mapping_line (HcSettingsFieldsPage *self,
                  const char           *target,
                  const char           *source,
                  gboolean              custom)
{
  g_autoptr (GtkStringList) model = hc_settings_choice_model_new (self->source_fields, source);
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
                                            G_CALLBACK (describe_source_item), self, NULL);
  adw_combo_row_set_expression (line->row, expression);
  gtk_expression_unref (expression);
  {
    g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (source_list_setup_cb), NULL);
    g_signal_connect_object (factory, "bind", G_CALLBACK (source_list_bind_cb), self, 0);
    adw_combo_row_set_list_factory (line->row, factory);
  }
  adw_combo_row_set_model (line->row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (line->row, hc_settings_choice_model_find (model, source));
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
find_line (HcSettingsFieldsPage *self,
           const char           *target)
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
line_remove_clicked_cb (GtkButton            *button,
                        HcSettingsFieldsPage *self)
{
  MappingLine *line = g_object_get_data (G_OBJECT (button), "hc-line");

  adw_preferences_group_remove (self->custom_group, GTK_WIDGET (line->row));
  g_ptr_array_remove (self->mapping_lines, line);
  update_missing_fields (self);
  hc_settings_page_changed (HC_SETTINGS_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->custom_entry));
}

static void
clear_missing_rows (HcSettingsFieldsPage *self)
{
  for (guint i = 0; i < self->missing_rows->len; i++)
    adw_preferences_group_remove (self->missing_group, g_ptr_array_index (self->missing_rows, i));
  g_ptr_array_set_size (self->missing_rows, 0);
}

static void
update_missing_fields (HcSettingsFieldsPage *self)
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

  config = hc_config_copy (self->info->config);
  hc_settings_page_apply (HC_SETTINGS_PAGE (self), config);
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


/* Roles from positions (rules.md 39) */

/* What a role choice shows. */
static char *
describe_role_choice (GtkStringObject *item,
                      gpointer         user_data)
{
  const char *choice = gtk_string_object_get_string (item);

  if (g_str_equal (choice, ROLE_SAME))
    return g_strdup (_("Role: same as position"));
  if (g_str_equal (choice, ROLE_NONE))
    return g_strdup (_("No role"));
  return g_strdup (choice);
}

/* The position of the choice named @name (without case or accents), or
 * GTK_INVALID_LIST_POSITION. */
static guint
find_role_choice (HcSettingsFieldsPage *self,
                  const char           *name)
{
  g_autofree char *key = hc_group_name_key (name);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->role_choices));

  for (guint i = 2; i < n; i++)
    {
      g_autofree char *other = hc_group_name_key (gtk_string_list_get_string (self->role_choices, i));

      if (g_str_equal (key, other))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static const char *
position_line_choice (PositionLine *line)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (line->row);

  return item != NULL ? gtk_string_object_get_string (item) : ROLE_SAME;
}

static void
position_selected_cb (AdwComboRow          *row,
                      GParamSpec           *pspec,
                      HcSettingsFieldsPage *self)
{
  if (!self->filling)
    hc_settings_page_changed (HC_SETTINGS_PAGE (self));
}

static void
add_position_line (HcSettingsFieldsPage *self,
                   const char           *position,
                   guint                 count)
{
  const HcRoleMapping *mapped = hc_config_find_role_mapping (self->info->config, position);
  g_autofree char *subtitle = NULL;
  GtkExpression *expression;
  PositionLine *line;
  guint selected = 0;

  line = g_new0 (PositionLine, 1);
  line->position = g_strdup (position);
  line->row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line->row), position);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (line->row), FALSE);
  if (count > 0)
    /* Translators: how many of the employees read hold a position */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u employee", "%u employees", count), count);
  else
    subtitle = g_strdup (_("No employee read has this position"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (line->row), subtitle);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (describe_role_choice), NULL, NULL);
  adw_combo_row_set_expression (line->row, expression);
  gtk_expression_unref (expression);
  adw_combo_row_set_model (line->row, G_LIST_MODEL (self->role_choices));
  if (mapped != NULL && mapped->role == NULL)
    selected = 1;
  else if (mapped != NULL)
    selected = find_role_choice (self, mapped->role);
  adw_combo_row_set_selected (line->row, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (line->row), gtk_switch_get_active (self->roles_switch));
  g_signal_connect_object (line->row, "notify::selected", G_CALLBACK (position_selected_cb), self, 0);
  g_ptr_array_add (self->position_lines, line);
  adw_preferences_group_add (self->roles_group, GTK_WIDGET (line->row));
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
load_roles (HcSettingsFieldsPage *self)
{
  const HcConfig *config = self->info->config;
  const char *field = config->roles_from != NULL ? config->roles_from : HC_FIELD_POSITION;
  HcStore *store = hc_settings_context_get_store (self->context);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *values = NULL;
  GArray *counts = NULL;

  gtk_switch_set_active (self->roles_switch, config->roles_from != NULL);

  /* The catalogue, and the roles the mapping names that it lacks. */
  if (store != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) roles = hc_roles_list (store, &error);

      if (roles == NULL)
        g_warning ("Could not list the roles: %s", error->message);
      for (guint i = 0; roles != NULL && i < roles->len; i++)
        g_ptr_array_add (names, g_strdup (((HcRole *) g_ptr_array_index (roles, i))->name));
    }
  gtk_string_list_append (self->role_choices, ROLE_SAME);
  gtk_string_list_append (self->role_choices, ROLE_NONE);
  for (guint i = 0; i < config->role_mapping->len; i++)
    {
      const HcRoleMapping *line = g_ptr_array_index (config->role_mapping, i);

      if (line->role != NULL)
        g_ptr_array_add (names, g_strdup (line->role));
    }
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    if (find_role_choice (self, g_ptr_array_index (names, i)) == GTK_INVALID_LIST_POSITION)
      gtk_string_list_append (self->role_choices, g_ptr_array_index (names, i));

  hc_settings_context_get_values (self->context, field, &values, &counts, NULL);
  for (guint i = 0; i < values->len && i < MAX_POSITIONS; i++)
    {
      const char *position = g_ptr_array_index (values, i);

      add_position_line (self, position, g_array_index (counts, guint, i));
      g_hash_table_add (shown, hc_group_name_key (position));
    }
  for (guint i = 0; i < config->role_mapping->len; i++)
    {
      const HcRoleMapping *line = g_ptr_array_index (config->role_mapping, i);
      g_autofree char *key = hc_group_name_key (line->position);
      guint count = 0;

      if (g_hash_table_contains (shown, key))
        continue;
      for (guint j = MAX_POSITIONS; j < values->len; j++)
        {
          g_autofree char *other = hc_group_name_key (g_ptr_array_index (values, j));

          if (g_str_equal (key, other))
            count = g_array_index (counts, guint, j);
        }
      add_position_line (self, line->position, count);
      g_hash_table_add (shown, g_steal_pointer (&key));
    }
  if (values->len > MAX_POSITIONS)
    {
      g_autofree char *description = NULL;

      /* Translators: the description of the role mapping when positions are left out */
      description = g_strdup_printf (_("A sync gives each member the role of their position. Several "
                                       "positions can share one role, and a position can have none. "
                                       "The %u positions most employees hold are shown; the others "
                                       "each get the role of their own name."),
                                     MAX_POSITIONS);
      adw_preferences_group_set_description (self->roles_group, description);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->role_entry), gtk_switch_get_active (self->roles_switch));
}

/* What the form says the mapping is: a line for each position not left
 * at "same as position". */
static void
apply_roles (HcSettingsFieldsPage *self,
             HcConfig             *config)
{
  const HcConfig *saved = self->info->config;
  gboolean same = TRUE;
  guint n_lines = 0;

  if (!gtk_switch_get_active (self->roles_switch))
    g_clear_pointer (&config->roles_from, g_free);
  else if (config->roles_from == NULL)
    config->roles_from = g_strdup (saved->roles_from != NULL ? saved->roles_from : HC_FIELD_POSITION);

  /* Unchanged lines keep their order. */
  for (guint i = 0; i < self->position_lines->len; i++)
    {
      PositionLine *line = g_ptr_array_index (self->position_lines, i);
      const char *choice = position_line_choice (line);
      const HcRoleMapping *mapped = hc_config_find_role_mapping (saved, line->position);

      if (g_str_equal (choice, ROLE_SAME))
        {
          same = same && mapped == NULL;
          continue;
        }
      n_lines++;
      same = same && mapped != NULL &&
             g_strcmp0 (mapped->role, g_str_equal (choice, ROLE_NONE) ? NULL : choice) == 0;
    }
  if (same && n_lines == saved->role_mapping->len)
    return;

  g_ptr_array_set_size (config->role_mapping, 0);
  for (guint i = 0; i < self->position_lines->len; i++)
    {
      PositionLine *line = g_ptr_array_index (self->position_lines, i);
      const char *choice = position_line_choice (line);

      if (!g_str_equal (choice, ROLE_SAME))
        hc_config_add_role_mapping (config, line->position,
                                    g_str_equal (choice, ROLE_NONE) ? NULL : choice);
    }
}

/* HcSettingsPage */

static void
hc_settings_fields_page_load (HcSettingsPage    *page,
                              HcSettingsContext *context)
{
  HcSettingsFieldsPage *self = HC_SETTINGS_FIELDS_PAGE (page);
  const HcConfig *config;

  g_set_object (&self->context, context);
  self->info = hc_settings_context_get_info (context);
  self->employees = hc_settings_context_get_employees (context);
  self->fields = hc_settings_context_get_fields (context);
  config = self->info->config;

  /* A mapping can read any field read, and the standard ones. */
  g_clear_pointer (&self->source_fields, g_ptr_array_unref);
  self->source_fields = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->fields->len; i++)
    g_ptr_array_add (self->source_fields, g_strdup (g_ptr_array_index (self->fields, i)));
  for (guint i = 0; standard_fields[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (self->source_fields, standard_fields[i], g_str_equal, NULL))
      g_ptr_array_add (self->source_fields, g_strdup (standard_fields[i]));
  hc_ptr_array_sort_strings (self->source_fields);

  self->filling = TRUE;
  for (const char * const *target = hc_mapping_get_targets (); *target != NULL; target++)
    add_mapping_line (self, *target, hc_mapping_get_source (config, *target), FALSE);
  for (guint i = 0; i < config->mapping->len; i++)
    {
      HcMappingEntry *entry = g_ptr_array_index (config->mapping, i);

      if (g_str_has_prefix (entry->target, "custom."))
        add_mapping_line (self, entry->target, entry->source, TRUE);
    }
  load_roles (self);
  self->filling = FALSE;

  update_missing_fields (self);
}

/* A changed line keeps its transforms and "required". */
static void
hc_settings_fields_page_apply (HcSettingsPage *page,
                               HcConfig       *config)
{
  HcSettingsFieldsPage *self = HC_SETTINGS_FIELDS_PAGE (page);

  if (self->context == NULL)
    return;

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
  apply_roles (self, config);
}

static gboolean
hc_settings_fields_page_validate (HcSettingsPage *page,
                                  gboolean        for_apply,
                                  GError        **error)
{
  HcSettingsFieldsPage *self = HC_SETTINGS_FIELDS_PAGE (page);
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

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
          return FALSE;
        }
    }
  if (!for_apply || self->employees->len == 0)
    return TRUE;

  config = hc_config_copy (self->info->config);
  hc_settings_page_apply (page, config);
  problems = hc_mapping_find_missing_fields (config, self->fields);
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
      return FALSE;
    }
  return TRUE;
}

static void
hc_settings_fields_page_iface_init (HcSettingsPageInterface *iface)
{
  iface->load = hc_settings_fields_page_load;
  iface->apply = hc_settings_fields_page_apply;
  iface->validate = hc_settings_fields_page_validate;
}

/* Template callbacks */

static void
custom_entry_changed_cb (HcSettingsFieldsPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->custom_entry), "error");
}

static void
custom_entry_apply_cb (HcSettingsFieldsPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_entry))));
  g_autofree char *target = NULL;
  g_autofree char *message = NULL;
  const char *source = NULL;
  MappingLine *line;

  if (self->context == NULL || *name == '\0')
    return;

  target = g_strconcat ("custom.", name, NULL);
  if (!hc_mapping_is_valid_target (target))
    message = g_strdup_printf (_("“%s” cannot name a custom field: use letters, digits, “_”, “-” and “.” only."),
                               name);
  else if (find_line (self, target) != NULL)
    message = g_strdup_printf (_("There is a custom field “%s” already."), name);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->custom_entry), "error");
      hc_settings_page_error (HC_SETTINGS_PAGE (self), message);
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
  hc_settings_page_changed (HC_SETTINGS_PAGE (self));
  update_missing_fields (self);
  gtk_widget_grab_focus (GTK_WIDGET (line->row));
}

static void
roles_switch_cb (HcSettingsFieldsPage *self)
{
  gboolean active = gtk_switch_get_active (self->roles_switch);

  for (guint i = 0; i < self->position_lines->len; i++)
    gtk_widget_set_sensitive (GTK_WIDGET (((PositionLine *) g_ptr_array_index (self->position_lines, i))->row),
                              active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->role_entry), active);
  if (!self->filling && self->context != NULL)
    hc_settings_page_changed (HC_SETTINGS_PAGE (self));
}

static void
role_entry_changed_cb (HcSettingsFieldsPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->role_entry), "error");
}

/* A new role joins every position's choices; nothing is chosen yet. */
static void
role_entry_apply_cb (HcSettingsFieldsPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->role_entry))));

  if (self->context == NULL || *name == '\0')
    return;
  if (find_role_choice (self, name) != GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *message = g_strdup_printf (_("There is a role “%s” already."), name);

      gtk_widget_add_css_class (GTK_WIDGET (self->role_entry), "error");
      hc_settings_page_error (HC_SETTINGS_PAGE (self), message);
      return;
    }
  gtk_string_list_append (self->role_choices, name);
  gtk_editable_set_text (GTK_EDITABLE (self->role_entry), "");
  /* An emptied entry has nothing left to apply. */
  adw_entry_row_set_show_apply_button (self->role_entry, FALSE);
  adw_entry_row_set_show_apply_button (self->role_entry, TRUE);
}

/* GObject */

static void
hc_settings_fields_page_dispose (GObject *object)
{
  HcSettingsFieldsPage *self = HC_SETTINGS_FIELDS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_SETTINGS_FIELDS_PAGE);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (hc_settings_fields_page_parent_class)->dispose (object);
}

static void
hc_settings_fields_page_finalize (GObject *object)
{
  HcSettingsFieldsPage *self = HC_SETTINGS_FIELDS_PAGE (object);

  g_clear_pointer (&self->source_fields, g_ptr_array_unref);
  g_clear_pointer (&self->mapping_lines, g_ptr_array_unref);
  g_clear_pointer (&self->missing_rows, g_ptr_array_unref);
  g_clear_pointer (&self->position_lines, g_ptr_array_unref);
  g_clear_object (&self->role_choices);

  G_OBJECT_CLASS (hc_settings_fields_page_parent_class)->finalize (object);
}

static void
hc_settings_fields_page_class_init (HcSettingsFieldsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_settings_fields_page_dispose;
  object_class->finalize = hc_settings_fields_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-settings-fields-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HcSettingsFieldsPage, missing_group);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsFieldsPage, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsFieldsPage, custom_group);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsFieldsPage, custom_entry);
  gtk_widget_class_bind_template_callback (widget_class, custom_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_entry_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsFieldsPage, roles_group);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsFieldsPage, roles_switch);
  gtk_widget_class_bind_template_child (widget_class, HcSettingsFieldsPage, role_entry);
  gtk_widget_class_bind_template_callback (widget_class, roles_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_entry_changed_cb);
}

static void
hc_settings_fields_page_init (HcSettingsFieldsPage *self)
{
  self->position_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) position_line_free);
  self->role_choices = gtk_string_list_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mapping_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) mapping_line_free);
  self->missing_rows = g_ptr_array_new ();
}
