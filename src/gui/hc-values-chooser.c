/* hc-values-chooser.c — a popover to choose several values of an HR field,
 * with their counts ("Paris (124)") and a search
 *
 * A field can have as many values as employees (an e-mail, an id), so the
 * values are a list model shown by a GtkListView, never one widget each.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-values-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-value-item.h"
#include "hc-values-chooser.h"

struct _HcValuesChooser
{
  GtkPopover          parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *summary_label;
  GtkButton          *clear_button;

  /* Owned state */
  GListStore         *items;          /* of HcValueItem */
  GtkStringFilter    *filter;
  GtkFilterListModel *filtered;
  guint               n_selected;
  gboolean            clearing;       /* one "changed" for a Clear */
};

G_DEFINE_FINAL_TYPE (HcValuesChooser, hc_values_chooser, GTK_TYPE_POPOVER)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_summary (HcValuesChooser *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *text = NULL;

  if (self->n_selected == 0)
    text = g_strdup (_("None selected"));
  else
    /* Translators: in the values chooser of a filter rule */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u of %u selected",
                                         "%u of %u selected", n_items),
                            self->n_selected, n_items);
  gtk_label_set_label (self->summary_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), self->n_selected > 0);
}

static void
update_empty (HcValuesChooser *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

static void
item_selected_cb (HcValuesChooser *self,
                  GParamSpec      *pspec,
                  HcValueItem     *item)
{
  if (hc_value_item_get_selected (item))
    self->n_selected++;
  else if (self->n_selected > 0)
    self->n_selected--;

  update_summary (self);
  if (!self->clearing)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* The list rows: one check button each, bound to its item. */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  gtk_list_item_set_child (list_item, check);
  /* The check button takes the clicks and the focus, not the row. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  HcValueItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *check = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GBinding *binding;

  gtk_label_set_label (GTK_LABEL (label), hc_value_item_get_label (item));
  gtk_widget_set_tooltip_text (label, hc_value_item_get_label (item));
  binding = g_object_bind_property (item, "selected", check, "active",
                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (list_item), "hc-binding", binding);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "hc-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

/* Template callbacks */

static void
search_changed_cb (HcValuesChooser *self)
{
  gtk_string_filter_set_search (self->filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_empty (self);
}

static void
stop_search_cb (HcValuesChooser *self)
{
  /* Escape in a non-empty search clears it; in an empty one, closes. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_popover_popdown (GTK_POPOVER (self));
}

static void
clear_clicked_cb (HcValuesChooser *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  gboolean changed = self->n_selected > 0;

  self->clearing = TRUE;
  for (guint i = 0; i < n && self->n_selected > 0; i++)
    {
      g_autoptr (HcValueItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      hc_value_item_set_selected (item, FALSE);
    }
  self->clearing = FALSE;

  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* GObject */

static void
hc_values_chooser_dispose (GObject *object)
{
  HcValuesChooser *self = HC_VALUES_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_VALUES_CHOOSER);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (hc_values_chooser_parent_class)->dispose (object);
}

static void
hc_values_chooser_class_init (HcValuesChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_values_chooser_dispose;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-values-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, HcValuesChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HcValuesChooser, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HcValuesChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, HcValuesChooser, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HcValuesChooser, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
}

static void
hc_values_chooser_init (HcValuesChooser *self)
{
  GtkListItemFactory *factory;
  GtkExpression *expression;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (HC_TYPE_VALUE_ITEM);
  expression = gtk_property_expression_new (HC_TYPE_VALUE_ITEM, NULL, "label");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);

  update_summary (self);
  update_empty (self);
}

HcValuesChooser *
hc_values_chooser_new (void)
{
  return g_object_new (HC_TYPE_VALUES_CHOOSER, NULL);
}

static void
append_item (HcValuesChooser *self,
             GPtrArray       *items,
             const char      *value,
             guint            count,
             GHashTable      *selected)
{
  HcValueItem *item = hc_value_item_new (value, count);

  if (g_hash_table_remove (selected, value))
    {
      hc_value_item_set_selected (item, TRUE);
      self->n_selected++;
    }
  g_signal_connect_object (item, "notify::selected", G_CALLBACK (item_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_ptr_array_add (items, item);
}

void
hc_values_chooser_set_values (HcValuesChooser    *self,
                              GPtrArray          *values,
                              GArray             *counts,
                              guint               n_empty,
                              const char * const *selected)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (HC_IS_VALUES_CHOOSER (self));
  g_return_if_fail (values != NULL);
  g_return_if_fail (counts != NULL && counts->len == values->len);

  for (guint i = 0; selected != NULL && selected[i] != NULL; i++)
    g_hash_table_add (wanted, (gpointer) selected[i]);
  for (guint i = 0; i < values->len; i++)
    g_hash_table_add (known, g_ptr_array_index (values, i));

  self->n_selected = 0;

  /* Chosen before, not in the data (any more): first, so it shows. */
  for (guint i = 0; selected != NULL && selected[i] != NULL; i++)
    if (*selected[i] != '\0' && !g_hash_table_contains (known, selected[i]) &&
        g_hash_table_contains (wanted, selected[i]))
      append_item (self, items, selected[i], 0, wanted);

  for (guint i = 0; i < values->len; i++)
    append_item (self, items, g_ptr_array_index (values, i),
                 g_array_index (counts, guint, i), wanted);

  if (n_empty > 0 || g_hash_table_contains (wanted, ""))
    append_item (self, items, "", n_empty, wanted);

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  update_summary (self);
  update_empty (self);
}

GStrv
hc_values_chooser_dup_selected (HcValuesChooser *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (HC_IS_VALUES_CHOOSER (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0, found = 0; i < n && found < self->n_selected; i++)
    {
      g_autoptr (HcValueItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (hc_value_item_get_selected (item))
        {
          g_strv_builder_add (builder, hc_value_item_get_value (item));
          found++;
        }
    }

  return g_strv_builder_end (builder);
}

guint
hc_values_chooser_get_n_selected (HcValuesChooser *self)
{
  g_return_val_if_fail (HC_IS_VALUES_CHOOSER (self), 0);

  return self->n_selected;
}

GListModel *
hc_values_chooser_get_model (HcValuesChooser *self)
{
  g_return_val_if_fail (HC_IS_VALUES_CHOOSER (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

void
hc_values_chooser_set_search_text (HcValuesChooser *self,
                                   const char      *text)
{
  g_return_if_fail (HC_IS_VALUES_CHOOSER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* search-changed comes after a delay: filter now. */
  search_changed_cb (self);
}
