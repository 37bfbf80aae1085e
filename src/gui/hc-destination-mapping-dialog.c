/* hc-destination-mapping-dialog.c — which member field a destination
 * receives in each SCIM attribute (rules.md 42)
 *
 * One drop-down per attribute, in HR words with the attribute's API name
 * below; custom fields are offered too, and "Not sent" where the service
 * can do without. A change is stored at once, from the next delivery on.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-destination-mapping-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-destination-mapping-dialog.h"
#include "hc-scim-mapping.h"

struct _HcDestinationMappingDialog
{
  AdwPreferencesWindow parent_instance;

  AdwPreferencesPage  *page;
  GPtrArray           *rows;           /* AdwComboRow* with "attribute" and "fields" */
  GPtrArray           *custom_fields;  /* "custom.NAME" */
  HcStore             *store;
  HcDestination       *destination;    /* a copy, with the mapping being edited */
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (HcDestinationMappingDialog, hc_destination_mapping_dialog, ADW_TYPE_PREFERENCES_WINDOW)

/* The choices of @attribute: its fields, the custom fields, then "Not
 * sent" ("" here) when it may be left out. */
static GPtrArray *
list_choices (HcDestinationMappingDialog * self,
              const HcScimAttribute * attribute)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  const char * const *known = hc_scim_mapping_get_fields (attribute);
  const char *current = hc_scim_mapping_get (self->destination, attribute->attribute);

  for (guint i = 0; known[i] != NULL; i++)
    g_ptr_array_add (fields, g_strdup (known[i]));
  if (known[1] != NULL)
    for (guint i = 0; i < self->custom_fields->len; i++)
      g_ptr_array_add (fields, g_strdup (g_ptr_array_index (self->custom_fields, i)));
  /* A custom field no member has any more stays shown while chosen. */
  if (current != NULL && !g_ptr_array_find_with_equal_func (fields, current, g_str_equal, NULL))
    g_ptr_array_add (fields, g_strdup (current));
  if (!attribute->required)
    g_ptr_array_add (fields, g_strdup (""));
  return fields;
}

static void
select_current (AdwComboRow *row,
                const char  *current)
{
  GPtrArray *fields = g_object_get_data (G_OBJECT (row), "fields");
  guint index = 0;

  if (g_ptr_array_find_with_equal_func (fields, current != NULL ? current : "", g_str_equal, &index))
    adw_combo_row_set_selected (row, index);
}

static void
store_mapping (HcDestinationMappingDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (!hc_destination_save_settings (self->store, self->destination, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
selected_cb (AdwComboRow                *row,
             GParamSpec                 *pspec,
             HcDestinationMappingDialog *self)
{
  const char *attribute = g_object_get_data (G_OBJECT (row), "attribute");
  GPtrArray *fields = g_object_get_data (G_OBJECT (row), "fields");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr (GError) error = NULL;

  if (self->filling || selected >= fields->len)
    return;
  if (!hc_scim_mapping_set (self->destination, attribute, g_ptr_array_index (fields, selected), &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      self->filling = TRUE;
      select_current (row, hc_scim_mapping_get (self->destination, attribute));
      self->filling = FALSE;
      return;
    }
  store_mapping (self);
}

static void
reset_clicked_cb (GtkButton                  *button,
                  HcDestinationMappingDialog *self)
{
  hc_scim_mapping_reset (self->destination);
  store_mapping (self);
  self->filling = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->rows, i);

      select_current (row, hc_scim_mapping_get (self->destination, g_object_get_data (G_OBJECT (row), "attribute")));
    }
  self->filling = FALSE;
}

static GtkWidget *
build_row (HcDestinationMappingDialog *self,
           const HcScimAttribute      *attribute)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
  GPtrArray *fields;
  g_autofree char *subtitle = NULL;
  AdwComboRow *row;

  subtitle = attribute->enterprise
             /* Translators: the API name of a SCIM attribute of the enterprise extension */
             ? g_strdup_printf (_("%s · enterprise extension"), attribute->attribute)
             : g_strdup (attribute->attribute);
  if (attribute->fixed)
    {
      GtkWidget *fixed = adw_action_row_new ();
      g_autofree char *described = hc_scim_mapping_describe_field (attribute->default_field);
      GtkWidget *value = gtk_label_new (described);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fixed), _(attribute->label));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (fixed), subtitle);
      gtk_widget_add_css_class (value, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
      adw_action_row_add_suffix (ADW_ACTION_ROW (fixed), value);
      gtk_widget_set_name (fixed, attribute->attribute);
      return fixed;
    }

  fields = list_choices (self, attribute);
  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *described = hc_scim_mapping_describe_field (g_ptr_array_index (fields, i));

      gtk_string_list_append (model, described);
    }
  row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(attribute->label));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  g_object_set_data (G_OBJECT (row), "attribute", (gpointer) attribute->attribute);
  g_object_set_data_full (G_OBJECT (row), "fields", fields, (GDestroyNotify) g_ptr_array_unref);
  gtk_widget_set_name (GTK_WIDGET (row), attribute->attribute);
  select_current (row, hc_scim_mapping_get (self->destination, attribute->attribute));
  g_signal_connect (row, "notify::selected", G_CALLBACK (selected_cb), self);
  g_ptr_array_add (self->rows, row);
  return GTK_WIDGET (row);
}

static void
build (HcDestinationMappingDialog *self)
{
  AdwPreferencesGroup *core = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *enterprise = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *custom = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *reset = gtk_button_new_with_mnemonic (_("_Reset to Defaults"));
  GtkWidget *schema_row = adw_action_row_new ();
  g_autofree char *description = NULL;
  const HcScimAttribute *attributes;
  guint n_attributes;

  description = g_strdup_printf (_("What “%s” receives for each member with an e-mail. Changes apply from the "
                                   "next delivery."), self->destination->name);
  adw_preferences_group_set_title (core, _("Person"));
  adw_preferences_group_set_description (core, description);
  gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
  gtk_widget_set_name (reset, "reset");
  g_signal_connect (reset, "clicked", G_CALLBACK (reset_clicked_cb), self);
  adw_preferences_group_set_header_suffix (core, reset);
  adw_preferences_group_set_title (enterprise, _("Enterprise Attributes"));
  adw_preferences_group_set_description (enterprise,
                                         _("Sent when the platform offers the enterprise extension. The manager "
                                           "is a link to the manager’s own account there."));

  self->filling = TRUE;
  attributes = hc_scim_mapping_get_attributes (&n_attributes);
  for (guint i = 0; i < n_attributes; i++)
    adw_preferences_group_add (attributes[i].enterprise ? enterprise : core, build_row (self, &attributes[i]));
  self->filling = FALSE;

  adw_preferences_group_set_title (custom, _("Custom Fields"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (schema_row), _("Extension schema"));
  if (self->destination->custom_schema != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (schema_row), self->destination->custom_schema);
      adw_preferences_group_set_description (custom,
                                             _("Custom fields go to the attributes of the same name in this "
                                               "schema, when the platform offers it; otherwise they are skipped "
                                               "with a warning."));
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (schema_row), _("None"));
      adw_preferences_group_set_description (custom,
                                             _("Without an extension schema, custom fields are sent only in an "
                                               "attribute above that takes them."));
    }
  adw_preferences_group_add (custom, schema_row);

  adw_preferences_page_add (self->page, core);
  adw_preferences_page_add (self->page, enterprise);
  adw_preferences_page_add (self->page, custom);
}

static void
hc_destination_mapping_dialog_dispose (GObject *object)
{
  HcDestinationMappingDialog *self = HC_DESTINATION_MAPPING_DIALOG (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (hc_destination_mapping_dialog_parent_class)->dispose (object);
}

static void
hc_destination_mapping_dialog_finalize (GObject *object)
{
  HcDestinationMappingDialog *self = HC_DESTINATION_MAPPING_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);
  g_clear_pointer (&self->destination, hc_destination_free);
  G_OBJECT_CLASS (hc_destination_mapping_dialog_parent_class)->finalize (object);
}

static void
hc_destination_mapping_dialog_class_init (HcDestinationMappingDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hc_destination_mapping_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = hc_destination_mapping_dialog_finalize;
}

static void
hc_destination_mapping_dialog_init (HcDestinationMappingDialog *self)
{
  self->rows = g_ptr_array_new ();
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->page);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

HcDestinationMappingDialog *
hc_destination_mapping_dialog_new (GtkWindow           *parent,
                                   HcStore             *store,
                                   const HcDestination *destination)
{
  HcDestinationMappingDialog *self;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  self = g_object_new (HC_TYPE_DESTINATION_MAPPING_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  /* The stored destination, not the card's copy: the mapping as it is now. */
  self->destination = hc_destination_find (store, destination->name, &error);
  if (self->destination == NULL)
    {
      g_warning ("Could not read the destination: %s", error->message);
      self->destination = g_new0 (HcDestination, 1);
      self->destination->id = destination->id;
      self->destination->name = g_strdup (destination->name);
    }
  self->custom_fields = hc_destination_list_custom_fields (store, NULL);
  if (self->custom_fields == NULL)
    self->custom_fields = g_ptr_array_new_with_free_func (g_free);
  /* Translators: %s is the name of a destination, e.g. Slack */
  title = g_strdup_printf (_("Attributes Sent to %s"), self->destination->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  build (self);
  return self;
}
