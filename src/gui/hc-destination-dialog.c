/* hc-destination-dialog.c — add or edit a SCIM destination: name,
 * address, sign-in, token, test instance
 *
 * The token (or Basic password) goes to the keyring only and is never
 * shown back: editing starts with the token entry empty, and a blank one
 * keeps the stored token. Unsaved edits ask before they are thrown away.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-destination-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-destination-dialog.h"
#include "hc-discard-prompt.h"
#include "hc-http.h"
#include "hc-scim-client.h"
#include "hc-secrets.h"

/* The choices of the Sign-In row. */
enum
{
  AUTH_BEARER,
  AUTH_BASIC,
};

struct _HcDestinationDialog
{
  AdwWindow            parent_instance;

  AdwEntryRow         *name_row;
  AdwEntryRow         *url_row;
  AdwComboRow         *auth_row;
  AdwPasswordEntryRow *token_row;
  AdwEntryRow         *user_row;
  GtkSwitch           *test_switch;
  GtkSwitch           *delete_switch;
  GtkLabel            *error_label;
  GtkButton           *save_button;

  HcStore             *store;
  HcDestination       *editing;        /* NULL when adding */
  char                *initial_fields;
  gboolean             saving;
  gint64               pending_id;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (HcDestinationDialog, hc_destination_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
row_text (gpointer row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
is_basic (HcDestinationDialog *self)
{
  return adw_combo_row_get_selected (self->auth_row) == AUTH_BASIC;
}

/* What the admin has typed or chosen, to tell whether anything changed;
 * the token only as typed or not. */
static char *
dup_fields (HcDestinationDialog *self)
{
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *url = row_text (self->url_row);
  g_autofree char *user = row_text (self->user_row);

  return g_strdup_printf ("%s\x1f%s\x1f%d\x1f%s\x1f%s\x1f%d\x1f%d", name, url, is_basic (self),
                          is_basic (self) ? user : "",
                          *gtk_editable_get_text (GTK_EDITABLE (self->token_row)) != '\0' ? "token" : "",
                          gtk_switch_get_active (self->test_switch), gtk_switch_get_active (self->delete_switch));
}

/* The sentence saying why Add or Save cannot go on yet, or NULL; *ready
 * FALSE also for fields merely not filled in yet (no sentence for them). */
static char *
check_fields (HcDestinationDialog *self,
              gboolean            *ready)
{
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *url = row_text (self->url_row);
  g_autofree char *user = row_text (self->user_row);
  gboolean has_token = *gtk_editable_get_text (GTK_EDITABLE (self->token_row)) != '\0';
  gboolean auth_changed = self->editing != NULL && (self->editing->basic_user != NULL) != is_basic (self);

  *ready = FALSE;
  if (*url != '\0')
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (HcHttp) http = hc_http_new (*name != '\0' ? name : _("The platform"), url, &error);

      if (http == NULL)
        return g_strdup (error->message);
    }
  if (auth_changed && !has_token)
    return g_strdup (is_basic (self)
                     ? _("The sign-in changed: enter the password that goes with the user name.")
                     : _("The sign-in changed: enter the platform’s token."));
  if (*name == '\0' || *url == '\0' || (is_basic (self) && *user == '\0') ||
      (self->editing == NULL && !has_token))
    return NULL;
  *ready = TRUE;
  return NULL;
}

static void
show_error (HcDestinationDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_state (HcDestinationDialog *self)
{
  gboolean ready;
  g_autofree char *message = check_fields (self, &ready);
  gboolean basic = is_basic (self);

  if (self->saving)
    return;
  show_error (self, message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), ready);
  gtk_widget_set_visible (GTK_WIDGET (self->user_row), basic);
  if (self->editing != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row),
                                   basic ? _("New Password (Blank Keeps the Current One)")
                                         : _("New Token (Blank Keeps the Current One)"));
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), basic ? _("Password") : _("Token"));
}

static void
finish (HcDestinationDialog *self)
{
  self->saving = FALSE;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  hc_discard_prompt_release (GTK_WINDOW (self));
  gtk_window_close (GTK_WINDOW (self));
}

static void
fail (HcDestinationDialog *self,
      const char          *message)
{
  self->saving = FALSE;
  update_state (self);
  show_error (self, message);
}

/* The destination as the dialog says it should be: the one edited, its
 * mapping and other settings kept, or a new one. */
static void
fill_destination (HcDestinationDialog *self,
                  HcDestination       *destination,
                  char                *name,
                  char                *url,
                  char                *user)
{
  destination->name = name;
  destination->base_url = url;
  destination->basic_user = is_basic (self) ? user : NULL;
  destination->test_instance = gtk_switch_get_active (self->test_switch);
  destination->delete_on_archive = gtk_switch_get_active (self->delete_switch);
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
      if (self->editing == NULL && self->pending_id != 0)
        {
          /* Nothing half-made stays behind. */
          hc_destination_remove (self->store, self->pending_id, NULL);
          self->pending_id = 0;
        }
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error->message);
      return;
    }

  if (self->editing != NULL)
    {
      g_autofree char *name = g_strdup (self->editing->name);
      g_autofree char *url = row_text (self->url_row);
      g_autofree char *user = row_text (self->user_row);
      HcDestination changed = *self->editing;

      /* The new secret is in: the address and sign-in that go with it. */
      fill_destination (self, &changed, name, url, user);
      if (!hc_destination_update (self->store, &changed, &error))
        {
          fail (self, error->message);
          return;
        }
    }
  finish (self);
}

static void
store_secret (HcDestinationDialog *self,
              gint64               id,
              const char          *name,
              const char          *secret)
{
  HcDestination key = { 0 };
  g_autofree char *workspace = hc_store_dup_workspace_name (self->store);
  g_autofree char *label = hc_secrets_build_label ("SCIM", HC_SECRET_KIND_SCIM_TOKEN, workspace, name);

  key.id = id;
  hc_secrets_store_async (hc_store_get_workspace_id (self->store), hc_destination_secret_id (&key),
                          HC_SECRET_KIND_SCIM_TOKEN, label, secret, self->cancellable, stored_cb,
                          g_object_ref (self));
}

static void
save_clicked_cb (GtkButton           *button,
                 HcDestinationDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *url = row_text (self->url_row);
  g_autofree char *user = row_text (self->user_row);
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  gboolean ready;
  g_autofree char *message = check_fields (self, &ready);

  if (!ready || self->saving)
    {
      show_error (self, message);
      return;
    }
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);

  if (self->editing != NULL)
    {
      HcDestination changed = *self->editing;

      if (*token != '\0')
        {
          /* The secret first: the store changes only once it is in. */
          store_secret (self, self->editing->id, self->editing->name, token);
          return;
        }
      fill_destination (self, &changed, self->editing->name, url, user);
      if (!hc_destination_update (self->store, &changed, &error))
        {
          fail (self, error->message);
          return;
        }
      finish (self);
      return;
    }

  {
    HcDestination destination = { 0 };

    fill_destination (self, &destination, name, url, user);
    destination.kind = (char *) "scim";
    destination.group_names = (char *) HC_DESTINATION_GROUPS_PATH;
    destination.id = hc_destination_add (self->store, &destination, &error);
    if (destination.id == 0)
      {
        fail (self, error->message);
        return;
      }
    self->pending_id = destination.id;
    store_secret (self, destination.id, name, token);
  }
}

static GtkWidget *
switch_row (const char *title,
            const char *subtitle,
            const char *name,
            GtkSwitch **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_widget_set_name (sw, name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  *out = GTK_SWITCH (sw);
  return row;
}

static gboolean
hc_destination_dialog_close_request (GtkWindow *window)
{
  HcDestinationDialog *self = HC_DESTINATION_DIALOG (window);
  g_autofree char *fields = dup_fields (self);

  if (hc_discard_prompt_hold_close (window, g_strcmp0 (fields, self->initial_fields) != 0,
                                    self->editing != NULL
                                    ? _("The destination settings you changed are not saved.")
                                    : _("The destination you started is not added.")))
    return TRUE;

  return GTK_WINDOW_CLASS (hc_destination_dialog_parent_class)->close_request (window);
}

static void
hc_destination_dialog_dispose (GObject *object)
{
  HcDestinationDialog *self = HC_DESTINATION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->editing, hc_destination_free);
  G_OBJECT_CLASS (hc_destination_dialog_parent_class)->dispose (object);
}

static void
hc_destination_dialog_finalize (GObject *object)
{
  HcDestinationDialog *self = HC_DESTINATION_DIALOG (object);

  g_free (self->initial_fields);
  G_OBJECT_CLASS (hc_destination_dialog_parent_class)->finalize (object);
}

static void
hc_destination_dialog_class_init (HcDestinationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_destination_dialog_dispose;
  object_class->finalize = hc_destination_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = hc_destination_dialog_close_request;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
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
  const char * const auth_kinds[] = { _("Token"), _("User Name and Password"), NULL };

  self->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 600);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add")));
  gtk_widget_set_name (GTK_WIDGET (self->save_button), "save");
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  g_signal_connect (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("SCIM 2.0 Service"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The platform’s SCIM address and token are in its admin settings, "
                                           "often under Provisioning. The token goes to the keyring only."));
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  gtk_widget_set_name (GTK_WIDGET (self->name_row), "name");
  self->url_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("SCIM Address (https://…/scim/v2)"));
  gtk_widget_set_name (GTK_WIDGET (self->url_row), "url");
  self->auth_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->auth_row), _("Sign-In"));
  adw_combo_row_set_model (self->auth_row, G_LIST_MODEL (gtk_string_list_new (auth_kinds)));
  gtk_widget_set_name (GTK_WIDGET (self->auth_row), "auth");
  self->user_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->user_row), _("User Name"));
  gtk_widget_set_name (GTK_WIDGET (self->user_row), "user");
  self->token_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->token_row), "token");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->name_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->url_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->auth_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->user_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->token_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (options),
                             switch_row (_("Test Instance"), _("No deactivation is sent unless you confirm it"),
                                         "test-instance", &self->test_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (options),
                             switch_row (_("Delete Archived Members"),
                                         _("Instead of deactivating them on the platform"), "delete-on-archive",
                                         &self->delete_switch));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (options));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->error_label), "error");
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static HcDestinationDialog *
dialog_new (GtkWindow           *parent,
            HcStore             *store,
            const HcDestination *destination)
{
  HcDestinationDialog *self = g_object_new (HC_TYPE_DESTINATION_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  if (destination != NULL)
    {
      g_autoptr (GError) error = NULL;

      /* As stored now, its mapping and other settings included. */
      self->editing = hc_destination_find (store, destination->name, &error);
      if (self->editing == NULL)
        g_warning ("Could not read the destination: %s", error->message);
    }
  if (self->editing != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Edit %s"), self->editing->name);

      gtk_window_set_title (GTK_WINDOW (self), title);
      gtk_button_set_use_underline (self->save_button, TRUE);
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->editing->name);
      gtk_editable_set_editable (GTK_EDITABLE (self->name_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), self->editing->base_url);
      adw_combo_row_set_selected (self->auth_row, self->editing->basic_user != NULL ? AUTH_BASIC : AUTH_BEARER);
      if (self->editing->basic_user != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->user_row), self->editing->basic_user);
      gtk_switch_set_active (self->test_switch, self->editing->test_instance);
      gtk_switch_set_active (self->delete_switch, self->editing->delete_on_archive);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Destination"));
    }

  self->initial_fields = dup_fields (self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->url_row, "changed", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->user_row, "changed", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->token_row, "changed", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->auth_row, "notify::selected", G_CALLBACK (update_state), self);
  update_state (self);
  return self;
}

HcDestinationDialog *
hc_destination_dialog_new (GtkWindow *parent,
                           HcStore   *store)
{
  return dialog_new (parent, store, NULL);
}

HcDestinationDialog *
hc_destination_dialog_new_edit (GtkWindow           *parent,
                                HcStore             *store,
                                const HcDestination *destination)
{
  g_return_val_if_fail (destination != NULL, NULL);

  return dialog_new (parent, store, destination);
}
