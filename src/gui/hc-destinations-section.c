/* hc-destinations-section.c — the Destinations of the Connectors page
 *
 * A handful of destinations at most: a box of cards rebuilt on reload,
 * as the connectors' cards are.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-destinations-section"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-destination-dialog.h"
#include "hc-destination-mapping-dialog.h"
#include "hc-destination.h"
#include "hc-destinations-section.h"
#include "hc-error.h"
#include "hc-scim-client.h"
#include "hc-secrets.h"
#include "hc-session.h"

struct _HcDestinationsSection
{
  GtkBox        parent_instance;

  GtkBox       *cards;
  GtkLabel     *empty_label;

  HcStore      *store;
  GCancellable *cancellable;
  GSignalGroup *session_signals;  /* a sync's delivery changes the cards */
};

G_DEFINE_FINAL_TYPE (HcDestinationsSection, hc_destinations_section, GTK_TYPE_BOX)

/* Test connection, in a worker thread: the SCIM client blocks. */

typedef struct
{
  char  *workspace_id;
  gint64 secret_id;
  char  *name;
  char  *base_url;
  char  *basic_user;
} TestData;

static void
test_data_free (TestData *data)
{
  g_free (data->workspace_id);
  g_free (data->name);
  g_free (data->base_url);
  g_free (data->basic_user);
  g_free (data);
}

static void
test_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TestData *data = task_data;
  g_autoptr (HcSecret) secret = NULL;
  g_autoptr (HcScimClient) client = NULL;
  HcScimCapabilities *caps;
  GError *error = NULL;

  secret = hc_secrets_lookup_sync (data->workspace_id, data->secret_id, HC_SECRET_KIND_SCIM_TOKEN, cancellable, &error);
  if (secret == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                     _("No token in the keyring: remove the destination and add it again"));
      g_task_return_error (task, error);
      return;
    }
  client = hc_scim_client_new (data->name, data->base_url, data->basic_user, secret, &error);
  caps = client != NULL ? hc_scim_client_discover (client, cancellable, &error) : NULL;
  if (caps == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, caps, (GDestroyNotify) hc_scim_capabilities_free);
}

static char *
describe_capabilities (const HcScimCapabilities *caps)
{
  g_autoptr (GString) text = g_string_new (_("Connected. "));

  /* Translators: what a SCIM service supports, as a list */
  g_string_append_printf (text, _("Updates: %s · Search: %s · Bulk: %s · Enterprise attributes: %s · Groups: %s"),
                          caps->patch ? _("PATCH") : _("PUT only"),
                          caps->filter ? _("yes") : _("no"),
                          caps->bulk ? _("yes") : _("no"),
                          caps->enterprise ? _("yes") : _("no"),
                          caps->groups ? _("yes") : _("no"));
  if (caps->extensions->len > 0)
    g_string_append_printf (text, _(" · Extensions: %u"), caps->extensions->len);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GtkLabel) label = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcScimCapabilities) caps = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A sentence for people; the HTTP status and path stay out of it. */
  text = caps != NULL ? describe_capabilities (caps) : hc_error_dup_summary (error->message);
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (caps == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
test_clicked_cb (GtkButton             *button,
                 HcDestinationsSection *self)
{
  HcDestination *destination = g_object_get_data (G_OBJECT (button), "destination");
  GtkLabel *label = g_object_get_data (G_OBJECT (button), "result-label");
  g_autoptr (GTask) task = g_task_new (NULL, self->cancellable, test_done_cb, g_object_ref (label));
  TestData *data = g_new0 (TestData, 1);

  data->workspace_id = g_strdup (hc_store_get_workspace_id (self->store));
  data->secret_id = hc_destination_secret_id (destination);
  data->name = g_strdup (destination->name);
  data->base_url = g_strdup (destination->base_url);
  data->basic_user = g_strdup (destination->basic_user);
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  gtk_label_set_text (label, _("Connecting…"));
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  g_task_run_in_thread (task, test_thread);
}

static void
remove_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    HcDestinationsSection *self)
{
  HcDestination *destination = g_object_get_data (G_OBJECT (dialog), "destination");
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "remove"))
    return;
  hc_secrets_clear_sync (hc_store_get_workspace_id (self->store), hc_destination_secret_id (destination), NULL,
                         NULL, NULL, NULL);
  if (!hc_destination_remove (self->store, destination->id, &error))
    g_warning ("Could not remove the destination: %s", error->message);
  hc_destinations_section_reload (self);
}

static void
remove_clicked_cb (GtkButton             *button,
                   HcDestinationsSection *self)
{
  HcDestination *destination = g_object_get_data (G_OBJECT (button), "destination");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove Destination?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” will no longer receive the directory, and its token leaves the keyring. "
                                    "Nothing is deleted on the service."), destination->name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "destination", destination);
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
attributes_clicked_cb (GtkButton             *button,
                       HcDestinationsSection *self)
{
  HcDestination *destination = g_object_get_data (G_OBJECT (button), "destination");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  HcDestinationMappingDialog *dialog;

  dialog = hc_destination_mapping_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                              destination);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_clicked_cb (GtkButton             *button,
                 HcDestinationsSection *self)
{
  HcDestination *destination = g_object_get_data (G_OBJECT (button), "destination");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  HcDestinationDialog *dialog;

  dialog = hc_destination_dialog_new_edit (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                           destination);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (hc_destinations_section_reload), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A button of a card's menu: flat, and it closes the menu. */
static void
add_menu_button (GtkWidget *menu,
                 GtkWidget *popover,
                 GtkWidget *button)
{
  gtk_widget_add_css_class (button, "flat");
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
  gtk_box_append (GTK_BOX (menu), button);
}

static GtkWidget *
build_card (HcDestinationsSection *self,
            HcDestination         *destination)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("send-to-symbolic");
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (destination->name);
  GtkWidget *url = gtk_label_new (destination->base_url);
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* Edit…, Attributes… and Remove in a menu, so that the card fits a
   * narrow window. */
  GtkWidget *more = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *menu = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *test = gtk_button_new_with_mnemonic (_("_Test Connection"));
  GtkWidget *attributes = gtk_button_new_with_mnemonic (_("_Attributes…"));
  GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Edit…"));
  GtkWidget *remove = gtk_button_new_with_label (_("Remove Destination"));
  GtkWidget *result = gtk_label_new (NULL);
  g_autofree char *state_text = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_start (top, 18);
  gtk_widget_set_margin_end (top, 18);
  gtk_widget_set_margin_top (top, 18);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), icon);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "title-4");
  gtk_box_append (GTK_BOX (title_box), name);
  if (destination->test_instance)
    {
      GtkWidget *badge = gtk_label_new (_("Test instance"));

      gtk_widget_add_css_class (badge, "status-pill");
      gtk_widget_add_css_class (badge, "accent");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (badge, _("A test instance: no deactivation is sent unless you confirm it"));
      gtk_box_append (GTK_BOX (title_box), badge);
    }
  gtk_box_append (GTK_BOX (texts), title_box);
  gtk_label_set_xalign (GTK_LABEL (url), 0);
  gtk_label_set_ellipsize (GTK_LABEL (url), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (url, "dim-label");
  gtk_box_append (GTK_BOX (texts), url);
  if (destination->last_error != NULL)
    state_text = g_strdup_printf (_("Last delivery failed: %s"), destination->last_error);
  else if (destination->last_delivery_at > 0)
    {
      g_autoptr (GDateTime) at = g_date_time_new_from_unix_local (destination->last_delivery_at / G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format (at, "%x %X");

      state_text = g_strdup_printf (_("SCIM 2.0 · last delivery %s"), when);
    }
  else
    state_text = g_strdup (_("SCIM 2.0 · receives the directory after the next sync"));
  gtk_label_set_text (GTK_LABEL (state), state_text);
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  if (destination->last_error != NULL)
    gtk_widget_add_css_class (state, "error");
  else
    gtk_widget_add_css_class (state, "dim-label");
  gtk_box_append (GTK_BOX (texts), state);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (top), texts);
  gtk_box_append (GTK_BOX (card), top);

  gtk_label_set_xalign (GTK_LABEL (result), 0);
  gtk_label_set_wrap (GTK_LABEL (result), TRUE);
  gtk_widget_set_margin_start (result, 18);
  gtk_widget_set_margin_end (result, 18);
  gtk_widget_set_visible (result, FALSE);
  gtk_box_append (GTK_BOX (card), result);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_start (buttons, 18);
  gtk_widget_set_margin_end (buttons, 18);
  gtk_widget_set_margin_bottom (buttons, 18);
  gtk_widget_set_tooltip_text (attributes, _("Which member field the platform receives in each attribute"));
  gtk_widget_set_tooltip_text (edit, _("Address, sign-in, token and test instance"));
  gtk_widget_set_name (attributes, "attributes");
  gtk_widget_set_name (edit, "edit");
  gtk_widget_set_name (remove, "remove");
  gtk_widget_set_name (test, "test");
  gtk_widget_set_name (result, "test-result");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_widget_set_tooltip_text (more, _("More"));
  gtk_widget_set_name (more, "more");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (more), popover);
  gtk_popover_set_child (GTK_POPOVER (popover), menu);
  add_menu_button (menu, popover, edit);
  add_menu_button (menu, popover, attributes);
  add_menu_button (menu, popover, remove);
  gtk_box_append (GTK_BOX (buttons), more);
  gtk_box_append (GTK_BOX (buttons), test);
  gtk_box_append (GTK_BOX (card), buttons);

  g_object_set_data_full (G_OBJECT (card), "destination", destination, (GDestroyNotify) hc_destination_free);
  g_object_set_data (G_OBJECT (test), "destination", destination);
  g_object_set_data (G_OBJECT (test), "result-label", result);
  g_object_set_data (G_OBJECT (remove), "destination", destination);
  g_object_set_data (G_OBJECT (attributes), "destination", destination);
  g_signal_connect (test, "clicked", G_CALLBACK (test_clicked_cb), self);
  g_object_set_data (G_OBJECT (edit), "destination", destination);
  g_signal_connect (attributes, "clicked", G_CALLBACK (attributes_clicked_cb), self);
  g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  return card;
}


static void
add_clicked_cb (GtkButton             *button,
                HcDestinationsSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  HcDestinationDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = hc_destination_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (hc_destinations_section_reload), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hc_destinations_section_dispose (GObject *object)
{
  HcDestinationsSection *self = HC_DESTINATIONS_SECTION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (hc_destinations_section_parent_class)->dispose (object);
}

static void
hc_destinations_section_class_init (HcDestinationsSectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hc_destinations_section_dispose;
}

static void
hc_destinations_section_init (HcDestinationsSection *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (_("Destinations"));
  GtkWidget *description = gtk_label_new (_("Platforms that receive the directory after every sync, over SCIM 2.0"));
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Destination…"));

  self->cancellable = g_cancellable_new ();
  self->session_signals = g_signal_group_new (HC_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "run-finished", G_CALLBACK (hc_destinations_section_reload),
                                  self);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), description);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (header), texts);
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), add);
  gtk_box_append (GTK_BOX (self), header);

  self->empty_label = GTK_LABEL (gtk_label_new (_("None: the directory stays in Headcount.")));
  gtk_label_set_xalign (self->empty_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->empty_label));

  self->cards = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->cards));
}

HcDestinationsSection *
hc_destinations_section_new (void)
{
  return g_object_new (HC_TYPE_DESTINATIONS_SECTION, NULL);
}

void
hc_destinations_section_set_store (HcDestinationsSection *self,
                                   HcStore               *store)
{
  g_return_if_fail (HC_IS_DESTINATIONS_SECTION (self));

  g_set_object (&self->store, store);
  g_signal_group_set_target (self->session_signals, store != NULL ? hc_session_get_for_store (store) : NULL);
  hc_destinations_section_reload (self);
}

void
hc_destinations_section_reload (HcDestinationsSection *self)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards))) != NULL)
    gtk_box_remove (self->cards, child);
  if (self->store == NULL)
    return;
  list = hc_destination_list (self->store, &error);
  if (list == NULL)
    {
      gtk_label_set_text (self->empty_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
      return;
    }
  gtk_label_set_text (self->empty_label, _("None: the directory stays in Headcount."));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), list->len == 0);
  for (guint i = 0; i < list->len; i++)
    gtk_box_append (self->cards, build_card (self, g_ptr_array_steal_index (list, i--)));
}

void
hc_destinations_section_attach (GtkWidget *sibling,
                                HcStore   *store)
{
  GtkWidget *next = gtk_widget_get_next_sibling (sibling);
  HcDestinationsSection *section;

  if (next != NULL && HC_IS_DESTINATIONS_SECTION (next))
    {
      section = HC_DESTINATIONS_SECTION (next);
    }
  else
    {
      section = hc_destinations_section_new ();
      gtk_widget_insert_after (GTK_WIDGET (section), gtk_widget_get_parent (sibling), sibling);
    }
  hc_destinations_section_set_store (section, store);
}
