/* hc-connector-groups-page.c — a connector's Groups settings: None, Into
 * one group or Hierarchy, groups created from HR, and a live preview of
 * where the employees in scope land
 *
 * The preview is the sync's own rule (HcGroupPlacement, rules.md 36 and
 * 37) run on the employees the settings read, in scope as the Employees
 * page has it now, recomputed in an idle after each edit.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-connector-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-connector-groups-page.h"
#include "hc-field-info.h"
#include "hc-group-placement.h"
#include "hc-groups.h"
#include "hc-scope.h"

/* How many groups the create-from-HR preview names. */
#define MAX_NAMED_TEAMS 5

struct _HcConnectorGroupsPage
{
  AdwPreferencesPage   parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *mode_group;
  AdwActionRow        *into_row;
  AdwActionRow        *hierarchy_row;
  GtkCheckButton      *none_check;
  GtkCheckButton      *into_check;
  GtkCheckButton      *hierarchy_check;
  AdwPreferencesGroup *top_group;
  AdwComboRow         *top_row;
  AdwPreferencesGroup *levels_group;
  AdwPreferencesGroup *preview_group;
  AdwExpanderRow      *teams_row;
  AdwComboRow         *teams_field_row;
  AdwComboRow         *teams_sub_row;
  AdwComboRow         *teams_parent_row;
  AdwActionRow        *teams_preview_row;

  /* Owned state */
  HcStore             *store;
  GPtrArray           *employees;      /* HcEmployee*, as read */
  GPtrArray           *in_scope;       /* HcEmployee*, those the scope takes in */
  GPtrArray           *field_infos;    /* HcFieldInfo*, or NULL */
  GPtrArray           *groups;         /* HcGroup*, tree order, with paths */
  GtkStringList       *field_model;    /* HR field names */
  GtkStringList       *sub_model;      /* "" (none), then the HR field names */
  GPtrArray           *top_paths;      /* char*, one per top_row item */
  GPtrArray           *parent_paths;   /* char*, one per teams_parent_row item; NULL: top level */
  GPtrArray           *levels;         /* char*: the levels' HR fields, in order */
  GPtrArray           *level_rows;     /* AdwComboRow*, owned by levels_group */
  GPtrArray           *preview_rows;   /* GtkWidget*, owned by preview_group */
  char                *preview;
  char                *teams_preview;
  guint                preview_idle;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (HcConnectorGroupsPage, hc_connector_groups_page, ADW_TYPE_PREFERENCES_PAGE)

static void rebuild_level_rows (HcConnectorGroupsPage *self,
                                int                    focus);

/* Helpers */

static HcGroupMode
get_mode (HcConnectorGroupsPage *self)
{
  if (gtk_check_button_get_active (self->into_check))
    return HC_GROUP_MODE_INTO;
  if (gtk_check_button_get_active (self->hierarchy_check))
    return HC_GROUP_MODE_HIERARCHY;
  return HC_GROUP_MODE_NONE;
}

/* "Office (office_id)" as the Fields page names HR fields; "None" for "". */
static char *
describe_field_item (GtkStringObject       *item,
                     HcConnectorGroupsPage *self)
{
  const char *name = item != NULL ? gtk_string_object_get_string (item) : NULL;
  const HcFieldInfo *info;

  if (name == NULL || *name == '\0')
    return g_strdup (_("None"));
  info = self->field_infos != NULL ? hc_field_info_find (self->field_infos, name) : NULL;
  if (info == NULL || info->label == NULL || g_str_equal (info->label, name))
    return g_strdup (name);
  /* Translators: an HR field, its label then its API name */
  return g_strdup_printf (_("%s (%s)"), info->label, name);
}

static void
set_field_expression (HcConnectorGroupsPage *self,
                      AdwComboRow           *row)
{
  g_autoptr (GtkExpression) expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                                      G_CALLBACK (describe_field_item),
                                                                      self, NULL);

  adw_combo_row_set_expression (row, expression);
}

static guint
find_string (GtkStringList *model,
             const char    *text)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (model, i), text) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The field model's position of @field, added first when the HR data
 * lacks it (a field of the configuration that no employee has now). */
static guint
field_position (HcConnectorGroupsPage *self,
                const char            *field)
{
  guint position = find_string (self->field_model, field);

  if (position == GTK_INVALID_LIST_POSITION && field != NULL && *field != '\0')
    {
      gtk_string_list_append (self->field_model, field);
      gtk_string_list_append (self->sub_model, field);
      position = g_list_model_get_n_items (G_LIST_MODEL (self->field_model)) - 1;
    }
  return position;
}

static const char *
get_selected_field (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static const char *
get_selected_path (AdwComboRow *row,
                   GPtrArray   *paths)
{
  guint position = adw_combo_row_get_selected (row);

  return position < paths->len ? g_ptr_array_index (paths, position) : NULL;
}

static void
select_path (AdwComboRow *row,
             GPtrArray   *paths,
             const char  *path)
{
  for (guint i = 0; i < paths->len; i++)
    if (g_strcmp0 (g_ptr_array_index (paths, i), path) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
}

/* The groups as labels ("Paris / Engineering") with their paths; a path
 * of the configuration the store lacks is offered as it is, so that
 * saving keeps it. */
static GtkStringList *
build_group_model (HcConnectorGroupsPage *self,
                   gboolean               with_top_level,
                   const char            *keep_path,
                   GPtrArray             *paths)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  gboolean kept = keep_path == NULL;

  g_ptr_array_set_size (paths, 0);
  if (with_top_level)
    {
      gtk_string_list_append (labels, _("Top Level"));
      g_ptr_array_add (paths, NULL);
    }
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (self->groups, i);
      const char *parent = g_hash_table_lookup (names, &group->parent_id);
      /* Translators: a group under its parent, "Paris / Engineering" */
      char *label = parent != NULL ? g_strdup_printf (C_("group path", "%s / %s"), parent, group->name)
                                   : g_strdup (group->name);

      g_hash_table_insert (names, &group->id, label);
      if (group->archived)
        continue;
      gtk_string_list_append (labels, label);
      g_ptr_array_add (paths, g_strdup (group->path));
      kept = kept || g_strcmp0 (group->path, keep_path) == 0;
    }
  if (!kept)
    {
      gtk_string_list_append (labels, keep_path);
      g_ptr_array_add (paths, g_strdup (keep_path));
    }
  return labels;
}

/* The preview */

static void
clear_preview_rows (HcConnectorGroupsPage *self)
{
  for (guint i = 0; i < self->preview_rows->len; i++)
    adw_preferences_group_remove (self->preview_group, g_ptr_array_index (self->preview_rows, i));
  g_ptr_array_set_size (self->preview_rows, 0);
}

static void
add_preview_row (HcConnectorGroupsPage *self,
                 const char            *title,
                 const char            *count,
                 const char            *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (count != NULL)
    {
      GtkWidget *label = gtk_label_new (count);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      gtk_widget_add_css_class (image, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
    }
  adw_preferences_group_add (self->preview_group, row);
  g_ptr_array_add (self->preview_rows, row);
}

static int
compare_by_count (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const char *name_a = *(const char * const *) a;
  const char *name_b = *(const char * const *) b;
  guint count_a = GPOINTER_TO_UINT (g_hash_table_lookup (user_data, name_a));
  guint count_b = GPOINTER_TO_UINT (g_hash_table_lookup (user_data, name_b));

  if (count_a != count_b)
    return count_a > count_b ? -1 : 1;
  return g_utf8_collate (name_a, name_b);
}

static void
update_teams_preview (HcConnectorGroupsPage *self,
                      const HcConfig        *config)
{
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  g_clear_pointer (&self->teams_preview, g_free);
  if (config->teams_from == NULL || config->teams_from->len == 0)
    {
      self->teams_preview = g_strdup ("");
      adw_action_row_set_subtitle (self->teams_preview_row, "");
      return;
    }
  for (guint i = 0; self->in_scope != NULL && i < self->in_scope->len; i++)
    {
      g_auto (GStrv) path = hc_group_placement_team_names (config, g_ptr_array_index (self->in_scope, i));
      g_autofree char *label = NULL;

      if (path == NULL)
        continue;
      /* Translators: the separator of a group under its parent, "Paris / Engineering" */
      label = g_strjoinv (C_("group path separator", " / "), path);
      g_hash_table_replace (counts, g_strdup (label),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, label)) + 1));
    }

  names = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  /* Most members first, then by name. */
  g_ptr_array_sort_with_data (names, compare_by_count, counts);
  if (names->len == 0)
    g_string_append (text, _("No employee in scope has a value: no group would be made"));
  else
    /* Translators: how many groups, then a list of "Name (count)" */
    g_string_append_printf (text, ngettext ("%u group: ", "%u groups: ", names->len), names->len);
  for (guint i = 0; i < names->len && i < MAX_NAMED_TEAMS; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (i > 0)
        g_string_append (text, ", ");
      /* Translators: a group and how many members it would have, "Sales (5)" */
      g_string_append_printf (text, _("%s (%u)"), name, GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)));
    }
  if (names->len > MAX_NAMED_TEAMS)
    g_string_append (text, "…");
  self->teams_preview = g_string_free (g_steal_pointer (&text), FALSE);
  adw_action_row_set_subtitle (self->teams_preview_row, self->teams_preview);
}

static gboolean
preview_idle_cb (gpointer user_data)
{
  HcConnectorGroupsPage *self = user_data;
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcGroupPlacement) placement = NULL;
  g_autoptr (GPtrArray) counts = NULL;
  GPtrArray *in_scope = self->in_scope;
  g_autoptr (GPtrArray) empty = g_ptr_array_new ();
  const char *problem;

  self->preview_idle = 0;
  if (in_scope == NULL)
    in_scope = empty;

  hc_connector_groups_page_apply (self, config);
  update_teams_preview (self, config);

  clear_preview_rows (self);
  g_clear_pointer (&self->preview, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), config->group_mode != HC_GROUP_MODE_NONE);
  if (config->group_mode == HC_GROUP_MODE_NONE || self->groups == NULL)
    {
      self->preview = g_strdup ("");
      return G_SOURCE_REMOVE;
    }

  placement = hc_group_placement_new (config, self->groups);
  self->preview = hc_group_placement_summarize (placement, in_scope);
  problem = hc_group_placement_get_problem (placement);
  if (problem != NULL)
    {
      add_preview_row (self, problem, NULL, "dialog-warning-symbolic");
      return G_SOURCE_REMOVE;
    }
  counts = hc_group_placement_count (placement, in_scope);
  if (counts->len == 0)
    add_preview_row (self, _("No employee in scope"), NULL, NULL);
  for (guint i = 0; i < counts->len; i++)
    {
      HcPlacementCount *count = g_ptr_array_index (counts, i);
      g_autofree char *number = g_strdup_printf ("%u", count->count);

      add_preview_row (self, count->label, number, NULL);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (HcConnectorGroupsPage *self)
{
  if (self->preview_idle == 0 && !self->filling)
    self->preview_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, preview_idle_cb, self, NULL);
}

/* The form */

static void
update_sensitivity (HcConnectorGroupsPage *self)
{
  HcGroupMode mode = get_mode (self);
  gboolean has_groups = self->top_paths->len > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->top_group), mode != HC_GROUP_MODE_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->levels_group), mode == HC_GROUP_MODE_HIERARCHY);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->top_row),
                                 mode == HC_GROUP_MODE_HIERARCHY ? _("Top _group") : _("_Group"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->top_row),
                               mode == HC_GROUP_MODE_HIERARCHY
                              ? _("Members whose values match no group below land here")
                              : "");
  /* Nothing to choose from: the modes that need a group wait for one. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->into_row), has_groups || mode == HC_GROUP_MODE_INTO);
  gtk_widget_set_sensitive (GTK_WIDGET (self->hierarchy_row), has_groups || mode == HC_GROUP_MODE_HIERARCHY);
  adw_preferences_group_set_description (self->mode_group,
                                         has_groups
                                         ? _("Where each sync puts the members this connector manages. Groups "
                                             "made by hand are never renamed or deleted, and members added to a "
                                             "group by hand stay in it.")
                                         : _("Where each sync puts the members this connector manages. There is no "
                                             "group yet: create one on the Groups page of the main window."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->teams_sub_row),
                            get_selected_field (self->teams_field_row) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups-settings.add-level",
                                 self->levels->len < HC_CONFIG_MAX_GROUP_LEVELS &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->field_model)) > 0);
}

static void
form_changed_cb (HcConnectorGroupsPage *self)
{
  if (self->filling)
    return;
  update_sensitivity (self);
  schedule_preview (self);
}

static void
level_selected_cb (AdwComboRow           *row,
                   GParamSpec            *pspec,
                   HcConnectorGroupsPage *self)
{
  guint index;
  const char *field = get_selected_field (row);

  if (self->filling || field == NULL || !g_ptr_array_find (self->level_rows, row, &index))
    return;
  g_free (self->levels->pdata[index]);
  self->levels->pdata[index] = g_strdup (field);
  schedule_preview (self);
}

static void
level_button_clicked_cb (GtkButton             *button,
                         HcConnectorGroupsPage *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  const char *what = g_object_get_data (G_OBJECT (button), "what");
  guint index;
  int focus;

  if (!g_ptr_array_find (self->level_rows, row, &index))
    return;
  if (g_str_equal (what, "remove"))
    {
      g_ptr_array_remove_index (self->levels, index);
      focus = self->levels->len == 0 ? -1 : (int) MIN (index, self->levels->len - 1);
    }
  else
    {
      guint other = g_str_equal (what, "up") ? index - 1 : index + 1;
      gpointer tmp;

      if (other >= self->levels->len)
        return;
      tmp = self->levels->pdata[index];
      self->levels->pdata[index] = self->levels->pdata[other];
      self->levels->pdata[other] = tmp;
      focus = (int) other;
    }
  rebuild_level_rows (self, focus);
  update_sensitivity (self);
  schedule_preview (self);
}

static GtkWidget *
new_level_button (HcConnectorGroupsPage *self,
                  GtkWidget             *row,
                  const char            *icon,
                  const char            *tooltip,
                  const char            *what,
                  gboolean               sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data (G_OBJECT (button), "row", row);
  g_object_set_data (G_OBJECT (button), "what", (gpointer) what);
  g_signal_connect_object (button, "clicked", G_CALLBACK (level_button_clicked_cb), self, 0);
  return button;
}

/* The rows follow self->levels; @focus (a level, or -1) takes the focus. */
static void
rebuild_level_rows (HcConnectorGroupsPage *self,
                    int                    focus)
{
  gboolean filling = self->filling;

  self->filling = TRUE;
  for (guint i = 0; i < self->level_rows->len; i++)
    adw_preferences_group_remove (self->levels_group, g_ptr_array_index (self->level_rows, i));
  g_ptr_array_set_size (self->level_rows, 0);

  for (guint i = 0; i < self->levels->len; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *title = NULL;

      /* Translators: a level of the group hierarchy under the top group, "Level 1" */
      title = g_strdup_printf (_("Level %u"), i + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->field_model));
      set_field_expression (self, ADW_COMBO_ROW (row));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), field_position (self, g_ptr_array_index (self->levels, i)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_level_button (self, row, "go-up-symbolic", _("Move Up"), "up", i > 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_level_button (self, row, "go-down-symbolic", _("Move Down"), "down",
                                                   i + 1 < self->levels->len));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_level_button (self, row, "list-remove-symbolic", _("Remove Level"), "remove",
                                                   TRUE));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (level_selected_cb), self, 0);
      adw_preferences_group_add (self->levels_group, row);
      g_ptr_array_add (self->level_rows, row);
    }
  self->filling = filling;

  if (focus >= 0 && (guint) focus < self->level_rows->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->level_rows, focus));
}

static void
add_level_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HcConnectorGroupsPage *self = HC_CONNECTOR_GROUPS_PAGE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->field_model));
  const char *field = NULL;

  if (self->levels->len >= HC_CONFIG_MAX_GROUP_LEVELS || n == 0)
    return;
  /* The first HR field no level reads yet. */
  for (guint i = 0; i < n && field == NULL; i++)
    {
      const char *candidate = gtk_string_list_get_string (self->field_model, i);

      if (!g_ptr_array_find_with_equal_func (self->levels, candidate, g_str_equal, NULL))
        field = candidate;
    }
  hc_connector_groups_page_set_level (self, self->levels->len,
                                      field != NULL ? field : gtk_string_list_get_string (self->field_model, 0));
  gtk_widget_grab_focus (g_ptr_array_index (self->level_rows, self->level_rows->len - 1));
}

/* GObject */

static void
hc_connector_groups_page_dispose (GObject *object)
{
  HcConnectorGroupsPage *self = HC_CONNECTOR_GROUPS_PAGE (object);

  g_clear_handle_id (&self->preview_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_CONNECTOR_GROUPS_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->field_model);
  g_clear_object (&self->sub_model);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  g_clear_pointer (&self->in_scope, g_ptr_array_unref);
  g_clear_pointer (&self->field_infos, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_connector_groups_page_parent_class)->dispose (object);
}

static void
hc_connector_groups_page_finalize (GObject *object)
{
  HcConnectorGroupsPage *self = HC_CONNECTOR_GROUPS_PAGE (object);

  g_clear_pointer (&self->top_paths, g_ptr_array_unref);
  g_clear_pointer (&self->parent_paths, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  g_clear_pointer (&self->level_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preview, g_free);
  g_clear_pointer (&self->teams_preview, g_free);

  G_OBJECT_CLASS (hc_connector_groups_page_parent_class)->finalize (object);
}

static void
hc_connector_groups_page_class_init (HcConnectorGroupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_connector_groups_page_dispose;
  object_class->finalize = hc_connector_groups_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-connector-groups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, mode_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, into_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, hierarchy_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, none_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, into_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, hierarchy_check);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, top_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, top_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, levels_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, preview_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, teams_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, teams_field_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, teams_sub_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, teams_parent_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorGroupsPage, teams_preview_row);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);

  gtk_widget_class_install_action (widget_class, "groups-settings.add-level", NULL, add_level_action);
}

static void
hc_connector_groups_page_init (HcConnectorGroupsPage *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_model = gtk_string_list_new (NULL);
  self->sub_model = gtk_string_list_new (NULL);
  self->top_paths = g_ptr_array_new_with_free_func (g_free);
  self->parent_paths = g_ptr_array_new_with_free_func (g_free);
  self->levels = g_ptr_array_new_with_free_func (g_free);
  self->level_rows = g_ptr_array_new ();
  self->preview_rows = g_ptr_array_new ();
  set_field_expression (self, self->teams_field_row);
  set_field_expression (self, self->teams_sub_row);
  gtk_check_button_set_active (self->none_check, TRUE);
  self->filling = FALSE;
  update_sensitivity (self);
}

void
hc_connector_groups_page_load (HcConnectorGroupsPage *self,
                               HcStore               *store,
                               const HcConfig        *config,
                               GPtrArray             *employees,
                               GPtrArray             *fields,
                               GPtrArray             *field_infos)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) top_labels = NULL;
  g_autoptr (GtkStringList) parent_labels = NULL;
  const char *teams_from = NULL;
  const char *teams_sub = NULL;

  g_return_if_fail (HC_IS_CONNECTOR_GROUPS_PAGE (self));
  g_return_if_fail (HC_IS_STORE (store) && config != NULL && employees != NULL && fields != NULL);

  self->filling = TRUE;
  g_set_object (&self->store, store);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  self->employees = g_ptr_array_ref (employees);
  g_clear_pointer (&self->field_infos, g_ptr_array_unref);
  self->field_infos = field_infos != NULL ? g_ptr_array_ref (field_infos) : NULL;
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = hc_groups_list (store, &error);
  if (self->groups == NULL)
    g_warning ("Could not read the groups: %s", error->message);

  /* The fields: the HR data's, sorted as read. */
  g_clear_object (&self->field_model);
  g_clear_object (&self->sub_model);
  self->field_model = gtk_string_list_new (NULL);
  self->sub_model = gtk_string_list_new (NULL);
  gtk_string_list_append (self->sub_model, "");
  for (guint i = 0; i < fields->len; i++)
    {
      gtk_string_list_append (self->field_model, g_ptr_array_index (fields, i));
      gtk_string_list_append (self->sub_model, g_ptr_array_index (fields, i));
    }

  /* The mode and its group. */
  top_labels = build_group_model (self, FALSE, config->group_top, self->top_paths);
  adw_combo_row_set_model (self->top_row, G_LIST_MODEL (top_labels));
  select_path (self->top_row, self->top_paths, config->group_top);
  gtk_check_button_set_active (config->group_mode == HC_GROUP_MODE_INTO ? self->into_check
                               : config->group_mode == HC_GROUP_MODE_HIERARCHY ? self->hierarchy_check
                               : self->none_check, TRUE);
  g_ptr_array_set_size (self->levels, 0);
  for (guint i = 0; config->group_levels != NULL && i < config->group_levels->len; i++)
    g_ptr_array_add (self->levels, g_strdup (g_ptr_array_index (config->group_levels, i)));

  /* Create from HR. */
  if (config->teams_from != NULL && config->teams_from->len > 0)
    teams_from = g_ptr_array_index (config->teams_from, 0);
  if (config->teams_from != NULL && config->teams_from->len > 1)
    teams_sub = g_ptr_array_index (config->teams_from, 1);
  /* Positions first: a field the HR data lacks is added to the models. */
  {
    guint from_position = field_position (self, teams_from);
    guint sub_position = teams_sub != NULL ? find_string (self->sub_model, teams_sub) : 0;

    if (teams_sub != NULL && sub_position == GTK_INVALID_LIST_POSITION)
      {
        field_position (self, teams_sub);
        sub_position = find_string (self->sub_model, teams_sub);
      }
    for (guint i = 0; i < self->levels->len; i++)
      field_position (self, g_ptr_array_index (self->levels, i));
    adw_combo_row_set_model (self->teams_field_row, G_LIST_MODEL (self->field_model));
    adw_combo_row_set_model (self->teams_sub_row, G_LIST_MODEL (self->sub_model));
    if (from_position != GTK_INVALID_LIST_POSITION)
      adw_combo_row_set_selected (self->teams_field_row, from_position);
    else
      {
        /* A sensible first choice: a field named like a team. */
        guint team = find_string (self->field_model, "team");

        adw_combo_row_set_selected (self->teams_field_row, team != GTK_INVALID_LIST_POSITION ? team : 0);
      }
    adw_combo_row_set_selected (self->teams_sub_row, sub_position);
  }
  parent_labels = build_group_model (self, TRUE, config->teams_parent, self->parent_paths);
  adw_combo_row_set_model (self->teams_parent_row, G_LIST_MODEL (parent_labels));
  select_path (self->teams_parent_row, self->parent_paths, config->teams_parent);
  adw_expander_row_set_enable_expansion (self->teams_row, teams_from != NULL);
  adw_expander_row_set_expanded (self->teams_row, teams_from != NULL);

  rebuild_level_rows (self, -1);
  self->filling = FALSE;

  hc_connector_groups_page_set_scope (self, config);
  update_sensitivity (self);
}

void
hc_connector_groups_page_set_scope (HcConnectorGroupsPage *self,
                                    const HcConfig        *scope)
{
  g_autoptr (GHashTable) results = NULL;

  g_return_if_fail (HC_IS_CONNECTOR_GROUPS_PAGE (self));
  g_return_if_fail (scope != NULL);

  if (self->employees == NULL)
    return;
  results = hc_scope_evaluate_all (scope, self->employees);
  g_clear_pointer (&self->in_scope, g_ptr_array_unref);
  self->in_scope = g_ptr_array_new ();
  for (guint i = 0; i < self->employees->len; i++)
    {
      HcEmployee *employee = g_ptr_array_index (self->employees, i);
      int result = GPOINTER_TO_INT (g_hash_table_lookup (results, hc_employee_get_id (employee))) - 1;

      if (result == HC_SCOPE_IN || result == HC_SCOPE_IN_AS_MANAGER)
        g_ptr_array_add (self->in_scope, employee);
    }
  schedule_preview (self);
}

void
hc_connector_groups_page_apply (HcConnectorGroupsPage *self,
                                HcConfig              *config)
{
  HcGroupMode mode;
  const char *from;
  const char *sub;

  g_return_if_fail (HC_IS_CONNECTOR_GROUPS_PAGE (self));
  g_return_if_fail (config != NULL);

  /* Before the form is filled, the configuration stays as it is. */
  if (self->employees == NULL)
    return;

  mode = get_mode (self);
  config->group_mode = mode;
  g_clear_pointer (&config->group_top, g_free);
  if (mode != HC_GROUP_MODE_NONE)
    config->group_top = g_strdup (get_selected_path (self->top_row, self->top_paths));
  if (config->group_levels == NULL)
    config->group_levels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (config->group_levels, 0);
  if (mode == HC_GROUP_MODE_HIERARCHY)
    for (guint i = 0; i < self->levels->len; i++)
      g_ptr_array_add (config->group_levels, g_strdup (g_ptr_array_index (self->levels, i)));

  if (config->teams_from == NULL)
    config->teams_from = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (config->teams_from, 0);
  g_clear_pointer (&config->teams_parent, g_free);
  from = get_selected_field (self->teams_field_row);
  sub = get_selected_field (self->teams_sub_row);
  if (adw_expander_row_get_enable_expansion (self->teams_row) && from != NULL && *from != '\0')
    {
      g_ptr_array_add (config->teams_from, g_strdup (from));
      if (sub != NULL && *sub != '\0')
        g_ptr_array_add (config->teams_from, g_strdup (sub));
      config->teams_parent = g_strdup (get_selected_path (self->teams_parent_row, self->parent_paths));
    }
}

const char *
hc_connector_groups_page_get_preview (HcConnectorGroupsPage *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_GROUPS_PAGE (self), NULL);

  return self->preview != NULL ? self->preview : "";
}

const char *
hc_connector_groups_page_get_teams_preview (HcConnectorGroupsPage *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_GROUPS_PAGE (self), NULL);

  return self->teams_preview != NULL ? self->teams_preview : "";
}

GStrv
hc_connector_groups_page_dup_levels (HcConnectorGroupsPage *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HC_IS_CONNECTOR_GROUPS_PAGE (self), NULL);

  for (guint i = 0; i < self->levels->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->levels, i));
  return g_strv_builder_end (builder);
}

void
hc_connector_groups_page_set_level (HcConnectorGroupsPage *self,
                                    guint                  index,
                                    const char            *field)
{
  g_return_if_fail (HC_IS_CONNECTOR_GROUPS_PAGE (self));
  g_return_if_fail (index <= self->levels->len && index < HC_CONFIG_MAX_GROUP_LEVELS);
  g_return_if_fail (field != NULL);

  if (index == self->levels->len)
    g_ptr_array_add (self->levels, g_strdup (field));
  else
    {
      g_free (self->levels->pdata[index]);
      self->levels->pdata[index] = g_strdup (field);
    }
  rebuild_level_rows (self, -1);
  update_sensitivity (self);
  schedule_preview (self);
}
