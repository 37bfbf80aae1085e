/* hc-destination-dialog.c — add a SCIM destination: name, address, token
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-destination-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-destination-dialog.h"
#include "hc-destination.h"
#include "hc-scim-client.h"
#include "hc-secrets.h"

struct _HcDestinationDialog
{
  AdwWindow            parent_instance;

  AdwEntryRow         *name_row;
  AdwEntryRow         *url_row;
  AdwPasswordEntryRow *token_row;
  AdwEntryRow         *user_row;
  GtkSwitch           *test_switch;
  GtkSwitch           *delete_switch;
  GtkLabel            *error_label;
  GtkButton           *add_button;

  HcStore             *store;
  gint64               pending_id;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (HcDestinationDialog, hc_destination_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (HcDestinationDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), TRUE);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (HcDestinationDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!hc_secrets_store_finish (result, &error))
    {
      /* Nothing half-made stays behind. */
      hc_destination_remove (self->store, self->pending_id, NULL);
      self->pending_id = 0;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_ADDED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_clicked_cb (GtkButton           *button,
                HcDestinationDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  HcDestination destination = { 0 };

  if (*name == '\0' || *url == '\0' || *token == '\0')
    {
      show_error (self, _("Give a name, the SCIM address and the token."));
      return;
    }
  {
    g_autoptr (HcScimClient) probe = hc_scim_client_new (name, url, *user != '\0' ? user : NULL, "probe", &error);

    if (probe == NULL)
      {
        show_error (self, error->message);
        return;
      }
  }

  destination.name = name;
  destination.kind = (char *) "scim";
  destination.base_url = url;
  destination.basic_user = *user != '\0' ? user : NULL;
  destination.test_instance = gtk_switch_get_active (self->test_switch);
  destination.delete_on_archive = gtk_switch_get_active (self->delete_switch);
  destination.group_names = (char *) HC_DESTINATION_GROUPS_PATH;
  destination.id = hc_destination_add (self->store, &destination, &error);
  if (destination.id == 0)
    {
      show_error (self, error->message);
      return;
    }
  self->pending_id = destination.id;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
  {
    g_autofree char *workspace = hc_store_dup_workspace_name (self->store);
    g_autofree char *label = hc_secrets_build_label ("SCIM", HC_SECRET_KIND_SCIM_TOKEN, workspace, name);

    hc_secrets_store_async (hc_store_get_workspace_id (self->store), hc_destination_secret_id (&destination),
                            HC_SECRET_KIND_SCIM_TOKEN, label, token, self->cancellable, stored_cb,
                            g_object_ref (self));
  }
}

static GtkWidget *
switch_row (const char *title,
            const char *subtitle,
            GtkSwitch **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  *out = GTK_SWITCH (sw);
  return row;
}

static void
hc_destination_dialog_dispose (GObject *object)
{
  HcDestinationDialog *self = HC_DESTINATION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (hc_destination_dialog_parent_class)->dispose (object);
}

static void
hc_destination_dialog_class_init (HcDestinationDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hc_destination_dialog_dispose;

  signals[SIGNAL_ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hc_destination_dialog_init (HcDestinationDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *options = adw_preferences_group_new ();

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Add Destination"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 560);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->add_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add")));
  gtk_widget_add_css_class (GTK_WIDGET (self->add_button), "suggested-action");
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->add_button));
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("SCIM 2.0 Service"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The platform’s SCIM address and token are in its admin settings, "
                                           "often under Provisioning. The token goes to the keyring only."));
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  self->url_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("SCIM Address (https://…/scim/v2)"));
  self->token_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), _("Token (or Password)"));
  self->user_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->user_row), _("User Name (Basic Sign-In Only)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->name_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->url_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->token_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->user_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (options),
                             switch_row (_("Test Instance"), _("No deactivation is sent unless you confirm it"),
                                         &self->test_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (options),
                             switch_row (_("Delete Archived Members"),
                                         _("Instead of deactivating them on the platform"), &self->delete_switch));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (options));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

HcDestinationDialog *
hc_destination_dialog_new (GtkWindow *parent,
                           HcStore   *store)
{
  HcDestinationDialog *self = g_object_new (HC_TYPE_DESTINATION_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  return self;
}
