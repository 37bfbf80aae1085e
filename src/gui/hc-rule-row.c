/* hc-rule-row.c — one filter rule in the settings: HR field ∈ {values}
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-rule-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-rule-row.h"

/* How many chosen values the button names before "and 3 more". */
#define N_NAMED_VALUES 3

struct _HcRuleRow
{
  AdwPreferencesRow  parent_instance;

  /* Template widgets */
  GtkDropDown       *field_dropdown;
  GtkMenuButton     *values_button;
  GtkLabel          *values_label;
  GtkButton         *remove_button;
  GtkLabel          *error_label;

  /* Owned state */
  HcValuesChooser   *chooser;        /* owned by values_button */
  guint              number;
  gboolean           setting_field;
  HcSettingsContext *label_of;       /* the fields' labels, or NULL */
};

G_DEFINE_FINAL_TYPE (HcRuleRow, hc_rule_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  SIGNAL_FIELD_CHANGED,
  SIGNAL_VALUES_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_accessible_labels (HcRuleRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *field = NULL;
  g_autofree char *values = NULL;
  g_autofree char *remove = NULL;

  /* Translators: %u is the number of a filter rule */
  title = g_strdup_printf (_("Rule %u"), self->number);
  /* Translators: accessible name of the field chooser of a filter rule */
  field = g_strdup_printf (_("HR field of rule %u"), self->number);
  /* Translators: accessible name of the values chooser of a filter rule */
  values = g_strdup_printf (_("Values of rule %u"), self->number);
  /* Translators: accessible name of the remove button of a filter rule */
  remove = g_strdup_printf (_("Remove rule %u"), self->number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->field_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, field, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->values_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, values, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
}

static void
update_values_label (HcRuleRow *self)
{
  g_auto (GStrv) values = hc_values_chooser_dup_selected (self->chooser);
  guint n = g_strv_length (values);
  g_autoptr (GString) text = g_string_new (NULL);
  GtkWidget *label = GTK_WIDGET (self->values_label);

  if (n == 0)
    {
      gtk_label_set_label (self->values_label, _("Choose values…"));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->values_button), _("Values"));
      return;
    }

  gtk_widget_remove_css_class (label, "dim-label");
  for (guint i = 0; i < n && i < N_NAMED_VALUES; i++)
    {
      if (i > 0)
        g_string_append (text, _(", "));
      g_string_append (text, *values[i] != '\0' ? values[i] : _("(empty)"));
    }
  if (n > N_NAMED_VALUES)
    /* Translators: after the first values of a rule: "Paris, Lyon, Berlin and 2 more" */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE_NAME, " and %u more", " and %u more",
                                               n - N_NAMED_VALUES),
                            n - N_NAMED_VALUES);
  gtk_label_set_label (self->values_label, text->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->values_button), text->str);
}

static void
chooser_changed_cb (HcRuleRow       *self,
                    HcValuesChooser *chooser)
{
  update_values_label (self);
  hc_rule_row_set_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_VALUES_CHANGED], 0);
}

/* The field chooser shows a short label on its button, and in its list
 * the full labels ("Hire date"), the API name below, with a check mark on
 * the chosen one. */

/* The label of the HR field @name. (transfer full) */
static char *
dup_field_label (HcRuleRow  *self,
                 const char *name)
{
  if (self->label_of != NULL && name != NULL)
    return hc_settings_context_dup_field_label (self->label_of, name);
  return g_strdup (name);
}

static void
setup_field_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_list_item_set_child (list_item, label);
}

static void
setup_field_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), label);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chosen"), -1);
  gtk_list_item_set_child (list_item, box);
}

static void
update_field_check (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);

  gtk_widget_set_opacity (gtk_widget_get_last_child (box),
                          gtk_drop_down_get_selected (dropdown) == gtk_list_item_get_position (list_item));
}

static void
bind_field_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  HcRuleRow *self = user_data;
  const char *name = gtk_string_object_get_string (item);
  g_autofree char *label = dup_field_label (self, name);
  GtkWidget *labels;

  if (GTK_IS_LABEL (child))
    {
      gtk_label_set_label (GTK_LABEL (child), label);
      return;
    }

  labels = gtk_widget_get_first_child (child);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (labels)), label);
  /* The API name below the label, unless it says the same */
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (labels)), name);
  gtk_widget_set_visible (gtk_widget_get_last_child (labels), g_strcmp0 (label, name) != 0);
  g_signal_connect_object (self->field_dropdown, "notify::selected",
                           G_CALLBACK (update_field_check), list_item, 0);
  update_field_check (self->field_dropdown, NULL, list_item);
}

static void
unbind_field_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  HcRuleRow *self = user_data;

  if (self->field_dropdown != NULL)
    g_signal_handlers_disconnect_by_func (self->field_dropdown, update_field_check, list_item);
}

/* Template callbacks */

static void
update_field_tooltip (HcRuleRow *self)
{
  const char *field = hc_rule_row_get_field (self);
  g_autofree char *label = field != NULL ? dup_field_label (self, field) : NULL;
  g_autofree char *tooltip = NULL;

  /* The button shortens long labels: the tooltip has the label whole and
   * the API name. */
  if (label != NULL && g_strcmp0 (label, field) != 0)
    /* Translators: a field's label and its API name, "Hire date (hire_date)" */
    tooltip = g_strdup_printf (_("%s (%s)"), label, field);
  else if (label != NULL && g_utf8_strlen (label, -1) > 18)
    tooltip = g_strdup (label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->field_dropdown),
                               tooltip != NULL ? tooltip : _("HR field"));
}

static void
field_selected_cb (HcRuleRow *self)
{
  update_field_tooltip (self);
  if (!self->setting_field)
    {
      hc_rule_row_set_error (self, NULL);
      g_signal_emit (self, signals[SIGNAL_FIELD_CHANGED], 0);
    }
}

static void
remove_clicked_cb (HcRuleRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

/* GObject */

static void
hc_rule_row_dispose (GObject *object)
{
  HcRuleRow *self = HC_RULE_ROW (object);

  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  self->chooser = NULL;
  g_clear_object (&self->label_of);
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_RULE_ROW);

  G_OBJECT_CLASS (hc_rule_row_parent_class)->dispose (object);
}

static void
hc_rule_row_class_init (HcRuleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_rule_row_dispose;

  signals[SIGNAL_FIELD_CHANGED] = g_signal_new ("field-changed", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);
  signals[SIGNAL_VALUES_CHANGED] = g_signal_new ("values-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-rule-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HcRuleRow, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HcRuleRow, values_button);
  gtk_widget_class_bind_template_child (widget_class, HcRuleRow, values_label);
  gtk_widget_class_bind_template_child (widget_class, HcRuleRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, HcRuleRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
hc_rule_row_init (HcRuleRow *self)
{
  g_autoptr (GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (button_factory, "setup", G_CALLBACK (setup_field_cb), self);
  g_signal_connect (button_factory, "bind", G_CALLBACK (bind_field_cb), self);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_field_row_cb), self);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_field_cb), self);
  g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_field_cb), self);
  gtk_drop_down_set_factory (self->field_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->field_dropdown, list_factory);

  self->chooser = hc_values_chooser_new ();
  g_signal_connect_object (self->chooser, "changed", G_CALLBACK (chooser_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->values_button, GTK_WIDGET (self->chooser));

  self->number = 1;
  update_accessible_labels (self);
  update_values_label (self);
}

HcRuleRow *
hc_rule_row_new (GListModel *fields)
{
  HcRuleRow *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (fields), NULL);

  self = g_object_new (HC_TYPE_RULE_ROW, NULL);
  self->setting_field = TRUE;
  gtk_drop_down_set_model (self->field_dropdown, fields);
  gtk_drop_down_set_selected (self->field_dropdown, GTK_INVALID_LIST_POSITION);
  self->setting_field = FALSE;

  return self;
}

void
hc_rule_row_set_label_source (HcRuleRow         *self,
                              HcSettingsContext *context)
{
  g_return_if_fail (HC_IS_RULE_ROW (self));
  g_return_if_fail (context == NULL || HC_IS_SETTINGS_CONTEXT (context));

  g_set_object (&self->label_of, context);
  update_field_tooltip (self);
}

gboolean
hc_rule_row_set_field (HcRuleRow  *self,
                       const char *field)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (HC_IS_RULE_ROW (self), FALSE);

  model = gtk_drop_down_get_model (self->field_dropdown);
  n = model != NULL ? g_list_model_get_n_items (model) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), field) == 0)
        {
          self->setting_field = TRUE;
          gtk_drop_down_set_selected (self->field_dropdown, i);
          self->setting_field = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
hc_rule_row_get_field (HcRuleRow *self)
{
  GtkStringObject *item;

  g_return_val_if_fail (HC_IS_RULE_ROW (self), NULL);

  item = gtk_drop_down_get_selected_item (self->field_dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

void
hc_rule_row_set_values (HcRuleRow          *self,
                        GPtrArray          *values,
                        GArray             *counts,
                        guint               n_empty,
                        const char * const *selected)
{
  g_return_if_fail (HC_IS_RULE_ROW (self));

  g_signal_handlers_block_by_func (self->chooser, chooser_changed_cb, self);
  hc_values_chooser_set_values (self->chooser, values, counts, n_empty, selected);
  g_signal_handlers_unblock_by_func (self->chooser, chooser_changed_cb, self);
  update_values_label (self);
}

GStrv
hc_rule_row_dup_values (HcRuleRow *self)
{
  g_return_val_if_fail (HC_IS_RULE_ROW (self), NULL);

  return hc_values_chooser_dup_selected (self->chooser);
}

void
hc_rule_row_set_number (HcRuleRow *self,
                        guint      number)
{
  g_return_if_fail (HC_IS_RULE_ROW (self));

  if (self->number == number)
    return;

  self->number = number;
  update_accessible_labels (self);
}

void
hc_rule_row_set_error (HcRuleRow  *self,
                       const char *message)
{
  g_return_if_fail (HC_IS_RULE_ROW (self));

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

GtkDropDown *
hc_rule_row_get_field_dropdown (HcRuleRow *self)
{
  g_return_val_if_fail (HC_IS_RULE_ROW (self), NULL);

  return self->field_dropdown;
}

GtkMenuButton *
hc_rule_row_get_values_button (HcRuleRow *self)
{
  g_return_val_if_fail (HC_IS_RULE_ROW (self), NULL);

  return self->values_button;
}

HcValuesChooser *
hc_rule_row_get_chooser (HcRuleRow *self)
{
  g_return_val_if_fail (HC_IS_RULE_ROW (self), NULL);

  return self->chooser;
}
