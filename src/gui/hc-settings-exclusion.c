/* hc-settings-exclusion.c — the chooser of the exclusion checkbox on a
 * connector's Employees page: none, automatic, or the HR data's
 * checkboxes by label and API name, with what each choice means
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-settings-exclusion"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-field-info.h"
#include "hc-settings-exclusion.h"
#include "hc-settings-page.h"

/* The checkboxes the automatic choice finds in the HR data. */
static GPtrArray *
list_automatic_exclusions (HcSettingsContext *context)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *infos = hc_settings_context_get_field_infos (context);

  for (guint i = 0; i < infos->len; i++)
    {
      const HcFieldInfo *info = g_ptr_array_index (infos, i);

      if (info->type == HC_FIELD_TYPE_BOOLEAN && hc_field_info_is_exclusion (info))
        g_ptr_array_add (found, hc_settings_context_describe_field (context, info->name));
    }
  return found;
}

/* @user_data is the context. */
static char *
describe_exclude_item (GtkStringObject *item,
                       gpointer         user_data)
{
  HcSettingsContext *context = user_data;
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
                            : hc_settings_context_describe_field (context, parts[i]));
  g_ptr_array_add (names, NULL);
  /* Translators: joins the fields of the exclusion checkbox, any of them set excludes */
  return g_strjoinv (_(" or "), (char **) names->pdata);
}

/* With the automatic choice, the subtitle says which checkboxes it found. */
static void
update_exclude_subtitle (AdwComboRow *row)
{
  HcSettingsContext *context = g_object_get_data (G_OBJECT (row), "hc-context");
  GtkStringObject *item = adw_combo_row_get_selected_item (row);
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
            hc_field_info_find (hc_settings_context_get_field_infos (context), parts[i]) == NULL)
          {
            /* Translators: %s is the name of an HR field */
            subtitle = g_strdup_printf (_("“%s” is not a field of the HR data: syncs stop until another checkbox is chosen"),
                                        parts[i]);
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
            return;
          }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Employees with this checkbox set are never synced"));
      return;
    }

  found = list_automatic_exclusions (context);
  if (found->len == 0)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("No checkbox with a usual name (Skip sync, Do not sync, Ne pas synchroniser…) in the HR data: nobody is excluded"));
      return;
    }
  g_ptr_array_add (found, NULL);
  /* Translators: joins the fields of the exclusion checkbox, any of them set excludes */
  list = g_strjoinv (_(" or "), (char **) found->pdata);
  /* Translators: %s names the checkboxes found, "Skip sync (customSkipSync) or …" */
  subtitle = g_strdup_printf (_("Employees with %s set are never synced"), list);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

/* The chooser's list: the label on one line, the API name below it, both
 * whole (the default list cuts them), and the check mark of the choice. */
static void
exclude_list_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       AdwComboRow              *row)
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
                      AdwComboRow              *row)
{
  GtkWidget *labels = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkLabel *title = GTK_LABEL (gtk_widget_get_first_child (labels));
  GtkLabel *name = GTK_LABEL (gtk_widget_get_last_child (labels));
  HcSettingsContext *context = g_object_get_data (G_OBJECT (row), "hc-context");
  const char *field = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const HcFieldInfo *info = hc_field_info_find (hc_settings_context_get_field_infos (context), field);
  g_autofree char *text = NULL;

  if (info != NULL && info->label != NULL && !g_str_equal (info->label, field))
    {
      gtk_label_set_label (title, info->label);
      gtk_label_set_label (name, field);
    }
  else
    {
      text = describe_exclude_item (gtk_list_item_get_item (item), context);
      gtk_label_set_label (title, text);
      gtk_label_set_label (name, "");
    }
  gtk_widget_set_visible (GTK_WIDGET (name), *gtk_label_get_label (name) != '\0');

  g_object_set_data (G_OBJECT (item), "hc-row", row);
  g_signal_connect_object (row, "notify::selected-item",
                           G_CALLBACK (update_exclude_check), item, G_CONNECT_SWAPPED);
  update_exclude_check (item);
}

static void
exclude_list_unbind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, update_exclude_check, item);
  g_object_set_data (G_OBJECT (item), "hc-row", NULL);
}



void
hc_settings_exclusion_setup (AdwComboRow       *row,
                             HcSettingsContext *context,
                             const char        *current)
{
  GPtrArray *infos = hc_settings_context_get_field_infos (context);
  g_autoptr (GtkStringList) model = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  g_return_if_fail (HC_IS_SETTINGS_CONTEXT (context));

  g_object_set_data_full (G_OBJECT (row), "hc-context", g_object_ref (context), g_object_unref);

  /* None, automatic, what the config has, then every boolean or checkbox
   * field the HR system reports. */
  g_ptr_array_add (names, (gpointer) HC_CONFIG_EXCLUDE_AUTO);
  for (guint i = 0; i < infos->len; i++)
    {
      const HcFieldInfo *info = g_ptr_array_index (infos, i);

      if (info->type == HC_FIELD_TYPE_BOOLEAN)
        g_ptr_array_add (names, info->name);
    }
  model = hc_settings_choice_model_new (names, current);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (describe_exclude_item), context, NULL);
  adw_combo_row_set_expression (row, expression);
  gtk_expression_unref (expression);
  g_signal_connect (factory, "setup", G_CALLBACK (exclude_list_setup_cb), row);
  g_signal_connect (factory, "bind", G_CALLBACK (exclude_list_bind_cb), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (exclude_list_unbind_cb), row);
  adw_combo_row_set_list_factory (row, factory);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  g_signal_handlers_disconnect_by_func (row, update_exclude_subtitle, NULL);
  g_signal_connect (row, "notify::selected", G_CALLBACK (update_exclude_subtitle), NULL);
  adw_combo_row_set_selected (row, hc_settings_choice_model_find (model, current));
  update_exclude_subtitle (row);
}
