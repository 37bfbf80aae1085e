/* hc-connector-dialog.c — add a connector to an HR system, or edit the
 * credentials of one
 *
 * Two pages: the HR systems to choose from, then the vendor's own fields
 * (subdomain, client id, secret, an optional address) with where to find
 * them, "Test instance", and "Test Connection". The secret goes to the
 * keyring only; the store gets the settings without it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-connector-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-connector.h"
#include "hc-connector-dialog.h"
#include "hc-connector-kind.h"
#include "hc-connector-secret.h"
#include "hc-discard-prompt.h"
#include "hc-error.h"
#include "hc-secrets.h"
#include "hc-session.h"

struct _HcConnectorDialog
{
  AdwWindow              parent_instance;

  /* Template widgets */
  AdwWindowTitle        *window_title;
  GtkButton             *back_button;
  GtkButton             *save_button;
  AdwToastOverlay       *toast_overlay;
  GtkStack              *stack;
  AdwPreferencesGroup   *kinds_group;
  AdwPreferencesGroup   *connection_group;
  AdwEntryRow           *name_row;
  AdwEntryRow           *subdomain_row;
  AdwEntryRow           *client_id_row;
  AdwPasswordEntryRow   *secret_row;
  AdwEntryRow           *base_url_row;
  GtkSwitch             *test_instance_switch;
  AdwActionRow          *test_row;
  GtkImage              *test_icon;
  GtkSpinner            *test_spinner;
  GtkButton             *test_button;
  GtkExpander           *technical_expander;
  GtkLabel              *technical_label;

  /* Owned state */
  HcStore               *store;
  HcConnectorInfo       *editing;    /* NULL when adding */
  const HcConnectorKind *kind;
  GCancellable          *cancellable;
  char                  *test_result;
  GError                *test_error;   /* the last test's failure, NULL when it passed or none ran */
  AdwMessageDialog      *add_anyway;   /* weak: "Add anyway?" while it shows */
  gboolean               tested;       /* a test ran on the fields as they are */
  gboolean               save_after_test;
  char                  *initial_fields; /* what the fields held on open */
  gboolean               testing;
  gboolean               saving;
  /* A kind with a second secret (Merge's account token): its row, made
   * here, below the secret's; and the two joined for the connector. */
  AdwPasswordEntryRow   *secret2_row;
  char                  *joined_secret;
};

G_DEFINE_FINAL_TYPE (HcConnectorDialog, hc_connector_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The text of a row, trimmed, or NULL when empty. (transfer full) */
static char *
dup_row_text (gpointer row)
{
  g_autofree char *text = g_strstrip (g_strdup (row_text (row)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static gboolean
kind_needs (HcConnectorDialog *self,
            HcKindNeeds        needs)
{
  return self->kind != NULL && (self->kind->needs & needs) != 0;
}

static void
update_actions (HcConnectorDialog *self)
{
  g_autofree char *name = dup_row_text (self->name_row);
  g_autofree char *subdomain = dup_row_text (self->subdomain_row);
  g_autofree char *client_id = dup_row_text (self->client_id_row);
  g_autofree char *base_url = dup_row_text (self->base_url_row);
  gboolean has_secret = *row_text (self->secret_row) != '\0';
  gboolean has_secret2 = *row_text (self->secret2_row) != '\0';
  gboolean complete = self->kind != NULL;

  if (kind_needs (self, HC_KIND_NEEDS_SUBDOMAIN) && subdomain == NULL && base_url == NULL)
    complete = FALSE;
  if (kind_needs (self, HC_KIND_NEEDS_CLIENT_ID) && client_id == NULL)
    complete = FALSE;
  if (kind_needs (self, HC_KIND_NEEDS_BASE_URL) && base_url == NULL)
    complete = FALSE;
  /* Editing keeps the stored secret when none is typed. */
  if (kind_needs (self, HC_KIND_NEEDS_SECRET) && !has_secret && self->editing == NULL)
    complete = FALSE;
  /* Two secrets go together: both, or (editing) neither. */
  if (self->kind != NULL && self->kind->secret2_kind != NULL && has_secret != has_secret2 &&
      (has_secret || has_secret2 || self->editing == NULL))
    complete = FALSE;
  if (self->kind != NULL && self->kind->secret2_kind != NULL && !has_secret2 && self->editing == NULL)
    complete = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.test",
                                 complete && !self->testing && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save",
                                 complete && name != NULL && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.back",
                                 self->editing == NULL && !self->saving);
}

static void
set_test_result (HcConnectorDialog *self,
                 const char        *icon_name,
                 const char        *style,
                 const char        *text)
{
  GtkWidget *row = GTK_WIDGET (self->test_row);

  g_free (self->test_result);
  self->test_result = g_strdup (text);

  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "error");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), style);
  gtk_image_set_from_icon_name (self->test_icon, icon_name);

  /* The HTTP status and the path under "Technical details". */
  gtk_label_set_text (self->technical_label, hc_error_get_technical (text));
  gtk_widget_set_visible (GTK_WIDGET (self->technical_expander), hc_error_get_technical (text) != NULL);
  if (text != NULL)
    {
      g_autofree char *summary = hc_error_dup_summary (text);
      g_autofree char *escaped = g_markup_escape_text (summary, -1);

      adw_action_row_set_subtitle (self->test_row, escaped);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
    }
}

static void
set_testing (HcConnectorDialog *self,
             gboolean           testing)
{
  self->testing = testing;
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), testing);
  gtk_spinner_set_spinning (self->test_spinner, testing);
  gtk_button_set_label (self->test_button, testing ? _("Testing…") : _("_Test"));
  update_actions (self);
}

static void
forget_test (HcConnectorDialog *self)
{
  if (self->testing)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      set_testing (self, FALSE);
    }
  if (self->test_result != NULL)
    set_test_result (self, "network-transmit-receive-symbolic", NULL,
                     _("Checks the credentials and the permission to read employees"));
  g_clear_pointer (&self->test_result, g_free);
  g_clear_error (&self->test_error);
  self->tested = FALSE;
  self->save_after_test = FALSE;
}

static void
show_details (HcConnectorDialog *self)
{
  const HcConnectorKind *kind = self->kind;
  gboolean takes_url = (kind->needs & (HC_KIND_NEEDS_BASE_URL | HC_KIND_TAKES_BASE_URL)) != 0;
  g_autofree char *url_title = NULL;

  adw_preferences_group_set_title (self->connection_group, kind->vendor_name);
  adw_preferences_group_set_description (self->connection_group,
                                         kind->where_to_find ? _(kind->where_to_find) : NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->subdomain_row), (kind->needs & HC_KIND_NEEDS_SUBDOMAIN) != 0);
  if (kind->subdomain_label != NULL)
    {
      g_autofree char *title = g_strdup_printf ("%s (%s)", _(kind->subdomain_label), _(kind->subdomain_hint));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->subdomain_row), title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->client_id_row), (kind->needs & HC_KIND_NEEDS_CLIENT_ID) != 0);
  if (kind->client_id_label != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->client_id_row), _(kind->client_id_label));
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), (kind->needs & HC_KIND_NEEDS_SECRET) != 0);
  if (kind->secret_label != NULL)
    {
      g_autofree char *title = NULL;

      /* Editing: the field stays empty, and empty keeps the stored one. */
      if (self->editing != NULL)
        title = g_strdup_printf (_("%s (leave empty to keep the one in the keyring)"), _(kind->secret_label));
      else
        title = g_strdup (_(kind->secret_label));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->secret2_row), kind->secret2_kind != NULL);
  if (kind->secret2_label != NULL)
    {
      g_autofree char *title = NULL;

      if (self->editing != NULL)
        title = g_strdup_printf (_("%s (leave empty to keep the one in the keyring)"), _(kind->secret2_label));
      else
        title = g_strdup (_(kind->secret2_label));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret2_row), title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_row), takes_url);
  if (kind->base_url_label != NULL)
    {
      if (kind->needs & HC_KIND_NEEDS_BASE_URL)
        url_title = g_strdup (_(kind->base_url_label));
      else
        /* TRANSLATORS: "API address (optional, https://api.personio.de/v1 by default)" */
        url_title = g_strdup_printf (_("%s (optional, %s by default)"), _(kind->base_url_label),
                                     kind->base_url_hint);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->base_url_row), url_title);
    }

  if (self->editing == NULL && *row_text (self->name_row) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), kind->vendor_name);

  gtk_stack_set_visible_child_name (self->stack, "details");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->editing == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), TRUE);
  forget_test (self);
  update_actions (self);

  gtk_widget_grab_focus (GTK_WIDGET ((kind->needs & HC_KIND_NEEDS_SUBDOMAIN) ? self->subdomain_row :
                                     (kind->needs & HC_KIND_NEEDS_BASE_URL) ? self->base_url_row :
                                     (kind->needs & HC_KIND_NEEDS_CLIENT_ID) ? self->client_id_row :
                                     self->name_row));
}

void
hc_connector_dialog_choose_kind (HcConnectorDialog *self,
                                 const char        *kind)
{
  g_return_if_fail (HC_IS_CONNECTOR_DIALOG (self));

  self->kind = hc_connector_kind_lookup (kind);
  g_return_if_fail (self->kind != NULL);
  show_details (self);
}

const char *
hc_connector_dialog_get_kind (HcConnectorDialog *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_DIALOG (self), NULL);
  return self->kind ? self->kind->kind : NULL;
}

const char *
hc_connector_dialog_get_test_result (HcConnectorDialog *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_DIALOG (self), NULL);
  return self->test_result;
}

gboolean
hc_connector_dialog_get_testing (HcConnectorDialog *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_DIALOG (self), FALSE);
  return self->testing;
}

AdwMessageDialog *
hc_connector_dialog_get_add_anyway (HcConnectorDialog *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_DIALOG (self), NULL);
  return self->add_anyway;
}

/* What the admin will be asked for, on the kind's row. */
static const char *
describe_needs (const HcConnectorKind *kind)
{
  if (g_str_equal (kind->kind, "personio"))
    return _("Client ID and client secret");
  if (g_str_equal (kind->kind, "bamboohr"))
    return _("Company subdomain and API key");
  if (g_str_equal (kind->kind, "hibob"))
    return _("Service user ID and token");
  if (g_str_equal (kind->kind, "lucca"))
    return _("Lucca domain and API key");
  if (g_str_equal (kind->kind, "workday"))
    return _("Report address, integration user and password");
  if (g_str_equal (kind->kind, "deel"))
    return _("API token");
  if (g_str_equal (kind->kind, "merge"))
    return _("Merge API key and account token");
  return NULL;
}

static void
kind_row_activated_cb (AdwActionRow      *row,
                       HcConnectorDialog *self)
{
  hc_connector_dialog_choose_kind (self, g_object_get_data (G_OBJECT (row), "hc-kind"));
}

/* The connector the fields describe, for a test or a save. (transfer full) */
static HcConnectorInfo *
build_info (HcConnectorDialog *self)
{
  HcConnectorInfo *info = g_new0 (HcConnectorInfo, 1);
  g_autofree char *subdomain = dup_row_text (self->subdomain_row);
  g_autofree char *client_id = dup_row_text (self->client_id_row);
  g_autofree char *typed_url = dup_row_text (self->base_url_row);
  /* stored as the connector uses it, with or without the API version typed */
  g_autofree char *base_url = hc_connector_normalize_base_url (self->kind->kind, typed_url);

  info->id = self->editing ? self->editing->id : 0;
  info->name = dup_row_text (self->name_row);
  if (info->name == NULL)
    info->name = g_strdup (self->kind->vendor_name);
  info->kind = g_strdup (self->kind->kind);
  info->settings = hc_connector_info_build_settings (base_url, subdomain, client_id, NULL);
  info->test_instance = gtk_switch_get_active (self->test_instance_switch);
  return info;
}

/* The typed secret, or NULL when none is (then the keyring's is used). */
static const char *
typed_secret (HcConnectorDialog *self)
{
  const char *secret = row_text (self->secret_row);
  const char *second = row_text (self->secret2_row);

  if (*secret == '\0')
    return NULL;
  if (self->kind == NULL || self->kind->secret2_kind == NULL)
    return secret;
  if (*second == '\0')
    return NULL;
  g_clear_pointer (&self->joined_secret, hc_secrets_free);
  self->joined_secret = hc_connector_secret_join (secret, second);
  return self->joined_secret;
}

/* Test Connection */

static void save_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter);

/* rules.md 43: what the test said of the credentials, for the store. */
static HcCredentials
tested_credentials (HcConnectorDialog *self)
{
  if (!self->tested)
    return HC_CREDENTIALS_UNTESTED;
  if (self->test_error == NULL)
    return HC_CREDENTIALS_ACCEPTED;
  if (g_error_matches (self->test_error, HC_ERROR, HC_ERROR_AUTH))
    return HC_CREDENTIALS_REJECTED;
  return HC_CREDENTIALS_UNTESTED;
}

/* Editing, with the stored credentials untouched: the test speaks of
 * them, and the card says so at once. */
static void
store_tested_credentials (HcConnectorDialog *self)
{
  g_autoptr (HcConnectorInfo) info = NULL;

  if (self->editing == NULL || typed_secret (self) != NULL)
    return;
  info = build_info (self);
  if (g_strcmp0 (info->settings, self->editing->settings) != 0)
    return;
  if (self->test_error == NULL || tested_credentials (self) == HC_CREDENTIALS_REJECTED)
    {
      hc_store_set_connector_credentials (self->store, self->editing->id, tested_credentials (self),
                                          self->test_error ? self->test_error->message : NULL, NULL);
      hc_session_connector_changed (hc_session_get_for_store (self->store), self->editing->id);
    }
}

static void
test_finished (HcConnectorDialog *self,
               const GError      *error)
{
  gboolean save = self->save_after_test;

  self->tested = TRUE;
  self->save_after_test = FALSE;
  g_clear_error (&self->test_error);
  set_testing (self, FALSE);
  if (error != NULL)
    {
      self->test_error = g_error_copy (error);
      set_test_result (self, "dialog-error-symbolic", "error", error->message);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Connected: %s answered and lets Headcount read employees."),
                                               self->kind->vendor_name);

      set_test_result (self, "emblem-ok-symbolic", "success", text);
    }
  store_tested_credentials (self);

  /* Add ran the test first: it goes on, or asks. */
  if (save)
    save_action (GTK_WIDGET (self), "dialog.save", NULL);
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (HcConnectorDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!hc_connector_test_connection_finish (HC_CONNECTOR (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      test_finished (self, error);
      return;
    }
  test_finished (self, NULL);
}

static void
open_for_test_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (HcConnectorDialog) self = user_data;
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GError) error = NULL;

  connector = hc_connector_open_finish (result, &error);
  if (connector == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      test_finished (self, error);
      return;
    }
  hc_connector_test_connection_async (connector, self->cancellable, test_done_cb,
                                      g_object_ref (self));
}

static void
start_test (HcConnectorDialog *self)
{
  g_autoptr (HcConnectorInfo) info = NULL;

  info = build_info (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_testing (self, TRUE);
  set_test_result (self, "network-transmit-receive-symbolic", NULL, _("Connecting…"));
  hc_connector_open_async (self->store, info, typed_secret (self), self->cancellable,
                           open_for_test_cb, g_object_ref (self));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcConnectorDialog *self = HC_CONNECTOR_DIALOG (widget);

  if (self->kind == NULL || self->testing)
    return;
  self->save_after_test = FALSE;
  start_test (self);
}

/* Save */

typedef struct
{
  HcConnectorDialog *self;
  gint64             id;
  gboolean           added;
  gboolean           credentials_changed;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

static void
save_failed (HcConnectorDialog *self,
             const char        *message)
{
  AdwToast *toast = adw_toast_new (_("The connector was not saved"));

  self->saving = FALSE;
  update_actions (self);
  set_test_result (self, "dialog-error-symbolic", "error", message);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
save_finished (SaveData *data)
{
  HcConnectorDialog *self = data->self;
  g_autoptr (GError) error = NULL;

  /* rules.md 43: new credentials are what the test said of them, or
   * untested; kept credentials keep what was known of them unless a test
   * said otherwise. */
  if (data->added || data->credentials_changed || tested_credentials (self) != HC_CREDENTIALS_UNTESTED)
    {
      HcCredentials credentials = tested_credentials (self);

      if (!hc_store_set_connector_credentials (self->store, data->id, credentials,
                                               credentials == HC_CREDENTIALS_REJECTED
                                                 ? self->test_error->message : NULL,
                                               &error))
        g_warning ("Could not save the connector state: %s", error->message);
    }

  self->saving = FALSE;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, data->id, data->added);
  hc_discard_prompt_release (GTK_WINDOW (self));
  gtk_window_close (GTK_WINDOW (self));
}

static void
secret_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SaveData *data = user_data;
  HcConnectorDialog *self = data->self;
  g_autoptr (GError) error = NULL;

  if (!(self->kind->secret2_kind != NULL ? hc_connector_secret_store_finish (result, &error)
                                          : hc_secrets_store_finish (result, &error)))
    {
      if (data->added)
        /* Nothing half-made stays behind: no connector without its secret. */
        hc_store_remove_connector (self->store, data->id, NULL);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        save_failed (self, error->message);
      save_data_free (data);
      return;
    }
  save_finished (data);
  save_data_free (data);
}

static void
store_secret (SaveData *data)
{
  HcConnectorDialog *self = data->self;
  g_autofree char *workspace = hc_store_dup_workspace_name (self->store);
  g_autofree char *name = dup_row_text (self->name_row);
  g_autofree char *label = hc_secrets_build_label (self->kind->vendor_name, self->kind->secret_kind,
                                                   workspace, name);

  if (self->kind->secret2_kind != NULL)
    hc_connector_secret_store_async (hc_store_get_workspace_id (self->store), data->id, self->kind,
                                     workspace, name, typed_secret (self), self->cancellable,
                                     secret_stored_cb, data);
  else
    hc_secrets_store_async (hc_store_get_workspace_id (self->store), data->id,
                            self->kind->secret_kind, label, typed_secret (self),
                            self->cancellable, secret_stored_cb, data);
}

static void
stale_cleared_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SaveData *data = user_data;

  /* A failure shows when storing the new secret fails too. */
  hc_secrets_clear_finish (result, NULL, NULL);
  store_secret (data);
}

static void save_connector (HcConnectorDialog *self,
                            gboolean           confirmed);

static void
add_anyway_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        HcConnectorDialog *self)
{
  if (g_strcmp0 (response, "add") == 0)
    save_connector (self, TRUE);
}

/* "Add anyway?", naming why the test failed. */
static void
ask_add_anyway (HcConnectorDialog *self)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->add_anyway != NULL)
    return;

  /* Translators: %s is why the connection test failed, a sentence */
  body = g_strdup_printf (_("The connection test failed: %s\n\nThe connector will show "
                            "what went wrong until its credentials work."),
                          self->test_error->message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Add Anyway?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_anyway_response_cb), self, 0);
  g_set_weak_pointer (&self->add_anyway, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_connector (HC_CONNECTOR_DIALOG (widget), FALSE);
}

static void
save_connector (HcConnectorDialog *self,
                gboolean           confirmed)
{
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcConnectorInfo) existing = NULL;
  g_autoptr (GError) error = NULL;
  SaveData *data;

  if (self->kind == NULL || self->saving)
    return;

  info = build_info (self);
  existing = hc_store_find_connector (self->store, info->name, NULL);
  if (existing != NULL && (self->editing == NULL || existing->id != self->editing->id))
    {
      g_autofree char *message = g_strdup_printf (_("A connector named “%s” already exists. Choose another name."),
                                                  info->name);

      save_failed (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  /* rules.md 43: a connector is added once its test passed, or when the
   * admin adds it anyway knowing why it failed. */
  if (self->editing == NULL && !confirmed)
    {
      if (self->testing)
        {
          self->save_after_test = TRUE;
          return;
        }
      if (!self->tested)
        {
          self->save_after_test = TRUE;
          start_test (self);
          return;
        }
      if (self->test_error != NULL)
        {
          ask_add_anyway (self);
          return;
        }
    }

  if (self->testing)
    forget_test (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->saving = TRUE;
  update_actions (self);

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->credentials_changed = self->editing != NULL &&
                              (typed_secret (self) != NULL ||
                               g_strcmp0 (info->settings, self->editing->settings) != 0);

  if (self->editing == NULL)
    {
      g_autoptr (HcConfig) config = hc_config_new_for_kind (self->kind->kind);

      data->added = TRUE;
      data->id = hc_store_add_connector (self->store, info->name, info->kind, info->settings,
                                         config, info->test_instance, &error);
    }
  else
    {
      data->id = self->editing->id;
      if (!hc_store_set_connector_settings (self->store, data->id, info->settings,
                                            info->test_instance, &error))
        data->id = 0;
      /* A rename goes through the same check as an add. */
      else if (g_strcmp0 (info->name, self->editing->name) != 0 &&
               !hc_store_rename_connector (self->store, data->id, info->name, &error))
        data->id = 0;
    }

  if (data->id <= 0)
    {
      save_failed (self, error->message);
      save_data_free (data);
      return;
    }

  if (typed_secret (self) == NULL || self->kind->secret_kind == NULL)
    {
      save_finished (data);
      save_data_free (data);
      return;
    }

  if (data->added)
    /* A connector id can come back after a removal. */
    hc_secrets_clear_async (hc_store_get_workspace_id (self->store), data->id, NULL,
                            self->cancellable, stale_cleared_cb, data);
  else
    store_secret (data);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcConnectorDialog *self = HC_CONNECTOR_DIALOG (widget);

  forget_test (self);
  gtk_stack_set_visible_child_name (self->stack, "choose");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
}

/* Template callbacks */

static void
field_changed_cb (HcConnectorDialog *self)
{
  /* A test result says nothing about other credentials. */
  if (!self->saving)
    forget_test (self);
  update_actions (self);
}

/* Unsaved edits are never thrown away silently: what the fields hold,
 * to compare with what they held on open. A name the dialog filled in
 * from the HR system chosen is no edit. (transfer full) */
static char *
dup_fields (HcConnectorDialog *self)
{
  const char *name = row_text (self->name_row);

  if (self->editing == NULL && self->kind != NULL && g_str_equal (name, self->kind->vendor_name))
    name = "";
  return g_strjoin ("\x1f", name, row_text (self->subdomain_row), row_text (self->client_id_row),
                    row_text (self->base_url_row), *row_text (self->secret_row) != '\0' ? "secret" : "",
                    self->secret2_row != NULL && *row_text (self->secret2_row) != '\0' ? "secret2" : "",
                    gtk_switch_get_active (self->test_instance_switch) ? "test" : "", NULL);
}

static gboolean
hc_connector_dialog_close_request (GtkWindow *window)
{
  HcConnectorDialog *self = HC_CONNECTOR_DIALOG (window);
  g_autofree char *fields = dup_fields (self);

  if (hc_discard_prompt_hold_close (window, g_strcmp0 (fields, self->initial_fields) != 0,
                                    self->editing != NULL
                                    ? _("The credentials you changed are not saved.")
                                    : _("The connector you started is not added.")))
    return TRUE;

  return GTK_WINDOW_CLASS (hc_connector_dialog_parent_class)->close_request (window);
}

/* GObject */

static void
hc_connector_dialog_dispose (GObject *object)
{
  HcConnectorDialog *self = HC_CONNECTOR_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_CONNECTOR_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->editing, hc_connector_info_free);
  if (self->add_anyway != NULL)
    gtk_window_destroy (GTK_WINDOW (self->add_anyway));
  g_clear_weak_pointer (&self->add_anyway);

  G_OBJECT_CLASS (hc_connector_dialog_parent_class)->dispose (object);
}

static void
hc_connector_dialog_finalize (GObject *object)
{
  HcConnectorDialog *self = HC_CONNECTOR_DIALOG (object);

  g_free (self->test_result);
  hc_secrets_free (self->joined_secret);
  g_clear_error (&self->test_error);
  g_free (self->initial_fields);

  G_OBJECT_CLASS (hc_connector_dialog_parent_class)->finalize (object);
}

static void
hc_connector_dialog_class_init (HcConnectorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hc_connector_dialog_dispose;
  object_class->finalize = hc_connector_dialog_finalize;
  window_class->close_request = hc_connector_dialog_close_request;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE,
                                        2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-connector-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, kinds_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, connection_group);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, subdomain_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, test_instance_switch);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, test_row);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, test_icon);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, technical_expander);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorDialog, technical_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dialog.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hc_connector_dialog_init (HcConnectorDialog *self)
{
  const HcConnectorKind *kinds = hc_connector_kind_list ();
  GtkWidget *page, *secret_list;
  AdwPreferencesGroup *unified_group;
  gboolean any_unified = FALSE;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The HR systems Headcount reaches directly first, then those reached
   * through a unified API, under their own heading. */
  unified_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (unified_group, _("Through a unified API"));
  adw_preferences_group_set_description (unified_group,
                                         _("When your company already links its HR system in a "
                                           "unified API, Headcount reads it from there: Workday, SAP "
                                           "SuccessFactors, Sage, ADP and dozens more."));
  page = gtk_widget_get_ancestor (GTK_WIDGET (self->kinds_group), ADW_TYPE_PREFERENCES_PAGE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), unified_group);

  /* The second secret's row, just below the first. */
  self->secret2_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->secret2_row), FALSE);
  g_signal_connect_swapped (self->secret2_row, "changed", G_CALLBACK (field_changed_cb), self);
  secret_list = gtk_widget_get_parent (GTK_WIDGET (self->secret_row));
  gtk_list_box_insert (GTK_LIST_BOX (secret_list), GTK_WIDGET (self->secret2_row),
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->secret_row)) + 1);

  for (guint i = 0; kinds[i].kind != NULL; i++)
    {
      const HcConnectorKind *kind = &kinds[i];
      AdwActionRow *row;
      GtkWidget *icon, *arrow;

      /* The demo has its own button; a file replay is for the CLI. */
      if (!hc_connector_kind_is_remote (kind->kind))
        continue;

      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kind->vendor_name);
      adw_action_row_set_subtitle (row, describe_needs (kind));
      icon = gtk_image_new_from_icon_name (kind->icon_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kind->vendor_name, -1);
      adw_action_row_add_prefix (row, icon);
      arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      adw_action_row_add_suffix (row, arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "hc-kind", (gpointer) kind->kind);
      g_signal_connect (row, "activated", G_CALLBACK (kind_row_activated_cb), self);
      if (kind->unified)
        {
          adw_preferences_group_add (unified_group, GTK_WIDGET (row));
          any_unified = TRUE;
        }
      else
        adw_preferences_group_add (self->kinds_group, GTK_WIDGET (row));
    }
  gtk_widget_set_visible (GTK_WIDGET (unified_group), any_unified);

  update_actions (self);
  self->initial_fields = dup_fields (self);
}

HcConnectorDialog *
hc_connector_dialog_new_add (HcStore *store)
{
  HcConnectorDialog *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  self = g_object_new (HC_TYPE_CONNECTOR_DIALOG, NULL);
  self->store = g_object_ref (store);
  return self;
}

HcConnectorDialog *
hc_connector_dialog_new_edit (HcStore               *store,
                              const HcConnectorInfo *info)
{
  HcConnectorDialog *self;
  g_autofree char *subdomain = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *base_url = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (HC_TYPE_CONNECTOR_DIALOG,
                       "title", _("Edit Credentials"),
                       NULL);
  self->store = g_object_ref (store);
  self->editing = hc_connector_info_copy (info);
  self->kind = hc_connector_kind_lookup (info->kind);
  adw_window_title_set_title (self->window_title, _("Edit Credentials"));
  adw_window_title_set_subtitle (self->window_title, info->name);
  gtk_button_set_label (self->save_button, _("_Save"));

  subdomain = hc_connector_info_dup_setting (info, "subdomain");
  client_id = hc_connector_info_dup_setting (info, "client_id");
  base_url = hc_connector_info_dup_setting (info, "base_url");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), info->name);
  gtk_editable_set_text (GTK_EDITABLE (self->subdomain_row), subdomain ? subdomain : "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id ? client_id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), base_url ? base_url : "");
  gtk_switch_set_active (self->test_instance_switch, info->test_instance);

  if (self->kind != NULL)
    show_details (self);
  g_free (self->initial_fields);
  self->initial_fields = dup_fields (self);
  return self;
}
