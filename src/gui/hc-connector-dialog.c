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
#include "hc-oauth-flow.h"
#include "hc-payfit-connector.h"
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
  /* The kinds' own plain settings (Apideck's ids): one row each, made
   * here below the client ID's, shown for their kind only. */
  GPtrArray             *setting_rows;
  /* A kind that signs in through the browser (rules.md 45): its row with
   * the button, a spinner and Cancel while Headcount waits, and under
   * "Advanced" the client ID and the two sign-in addresses (a company's
   * own PayFit app, a test server). The sign-in's tokens are held here
   * until they go to the keyring, never in a field. */
  AdwActionRow                *sign_in_row;
  GtkWidget                   *sign_in_arrow;
  GtkButton                   *sign_in_cancel;
  GtkSpinner                  *sign_in_spinner;
  AdwExpanderRow              *advanced_row;
  AdwEntryRow                 *sign_in_client_row;
  AdwEntryRow                 *authorize_url_row;
  AdwEntryRow                 *token_url_row;
  AdwEntryRow                 *sign_in_api_row;
  HcOAuthFlow                 *flow;
  GCancellable                *sign_in_cancellable;
  HcSignInState                sign_in_state;
  char                        *sign_in_status;
  char                        *signed_in_secret;
  guint                        sign_in_timeout;
  HcConnectorDialogOpenUriFunc open_uri_func;
  gpointer                     open_uri_data;
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

/* The row of one of the kind's own settings belongs to the kind chosen. */
static gboolean
setting_row_shown (HcConnectorDialog *self,
                   GtkWidget         *row)
{
  return self->kind != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "hc-kind"), self->kind->kind) == 0;
}

static const HcKindSetting *
setting_of_row (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "hc-setting");
}

/* A field's title without its hint: "Service ID" of "Service ID
 * (optional)". (transfer full) */
static char *
dup_field_name (const char *title)
{
  const char *hint = strstr (title, " (");

  return hint != NULL ? g_strndup (title, hint - title) : g_strdup (title);
}

/* The title of the first field still empty that the kind needs, or NULL
 * when all are there. (transfer none) */
static const char *
missing_field (HcConnectorDialog *self)
{
  const struct { gpointer row; HcKindNeeds needs; } rows[] = {
    { self->subdomain_row, HC_KIND_NEEDS_SUBDOMAIN },
    { self->client_id_row, HC_KIND_NEEDS_CLIENT_ID },
    { self->base_url_row, HC_KIND_NEEDS_BASE_URL },
  };

  if (self->kind == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = dup_row_text (rows[i].row);

      if (kind_needs (self, rows[i].needs) && text == NULL &&
          /* an address stands for the subdomain */
          !(rows[i].needs == HC_KIND_NEEDS_SUBDOMAIN && *row_text (self->base_url_row) != '\0'))
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i].row));
    }
  for (guint i = 0; i < self->setting_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->setting_rows, i);
      g_autofree char *text = dup_row_text (row);

      if (setting_row_shown (self, row) && setting_of_row (row)->required && text == NULL)
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
    }
  /* Editing keeps the secrets in the keyring when none is typed. */
  if (self->editing == NULL && kind_needs (self, HC_KIND_NEEDS_SECRET) && !kind_needs (self, HC_KIND_SIGN_IN))
    {
      if (*row_text (self->secret_row) == '\0')
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->secret_row));
      if (self->kind->secret2_kind != NULL && *row_text (self->secret2_row) == '\0')
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->secret2_row));
    }
  return NULL;
}

/* A field the HR system would refuse, said in a sentence naming it, or
 * NULL. The kinds' own settings are ids: one word, no spaces. (transfer full) */
static char *
check_fields (HcConnectorDialog *self,
              GtkWidget        **row_out)
{
  for (guint i = 0; i < self->setting_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->setting_rows, i);
      g_autofree char *text = dup_row_text (row);

      if (!setting_row_shown (self, row) || text == NULL)
        continue;
      for (const char *c = text; *c != '\0'; c++)
        if (g_ascii_isspace (*c) || g_ascii_iscntrl (*c))
          {
            g_autofree char *field = dup_field_name (_(setting_of_row (row)->label));

            *row_out = row;
            /* Translators: “%s” is a field's title (“Consumer ID”), the second %s the HR system */
            return g_strdup_printf (_("“%s” is one word, without spaces. Copy it again from %s."),
                                    field, self->kind->vendor_name);
          }
    }
  return NULL;
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
  if (missing_field (self) != NULL)
    complete = FALSE;
  /* A browser sign-in: nothing to test or add before it (rules.md 45). */
  if (kind_needs (self, HC_KIND_SIGN_IN))
    complete = self->signed_in_secret != NULL || (self->editing != NULL && self->flow == NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.test",
                                 complete && !self->testing && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save",
                                 complete && name != NULL && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.back",
                                 self->editing == NULL && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.sign-in",
                                 kind_needs (self, HC_KIND_SIGN_IN) && self->flow == NULL && !self->saving);

  /* Before any test: what is still missing, in a sentence naming it. */
  if (self->kind != NULL && !self->testing && self->test_result == NULL)
    {
      const char *missing = missing_field (self);
      g_autofree char *hint = NULL;

      if (missing != NULL)
        {
          g_autofree char *field = dup_field_name (missing);

          /* Translators: %s is the title of a field of the form (“Consumer ID”) */
          hint = g_strdup_printf (_("Fill in “%s” to test the connection."), field);
        }
      else if (kind_needs (self, HC_KIND_SIGN_IN) && !complete)
        /* Translators: %s is the HR system (PayFit) */
        hint = g_strdup_printf (_("Sign in to %s to test the connection."), self->kind->vendor_name);
      else
        hint = g_strdup (_("Checks the credentials and the permission to read employees"));
      {
        g_autofree char *escaped = g_markup_escape_text (hint, -1);

        adw_action_row_set_subtitle (self->test_row, escaped);
      }
    }
}

/* Browser sign-in (rules.md 45) */

static void start_test (HcConnectorDialog *self);
static void forget_test (HcConnectorDialog *self);

static void
set_sign_in_status (HcConnectorDialog *self,
                    const char        *status)
{
  g_free (self->sign_in_status);
  self->sign_in_status = g_strdup (status);
  /* (the row takes no markup: error messages and addresses) */
  adw_action_row_set_subtitle (self->sign_in_row, status ? status : "");
  if (status != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->sign_in_row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->sign_in_row),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
set_sign_in_state (HcConnectorDialog *self,
                   HcSignInState      state,
                   const char        *status)
{
  gboolean waiting = state == HC_SIGN_IN_WAITING;

  self->sign_in_state = state;
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_spinner), waiting);
  gtk_spinner_set_spinning (self->sign_in_spinner, waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_cancel), waiting);
  /* The row is the button: not while it waits (Cancel is on it). */
  gtk_widget_set_visible (self->sign_in_arrow, !waiting);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->sign_in_row), !waiting);
  gtk_widget_remove_css_class (GTK_WIDGET (self->sign_in_row), "error");
  if (state == HC_SIGN_IN_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->sign_in_row), "error");
  if (state == HC_SIGN_IN_DONE || self->editing != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sign_in_row), _("Sign In Again…"));
  set_sign_in_status (self, status);
  update_actions (self);
}

/* Whoever signed in: the account the sign-in opens, once the test has
 * learnt it (PayFit's company), in the row. */
static void
show_signed_in (HcConnectorDialog *self)
{
  g_autoptr (HcOAuthTokens) tokens = hc_oauth_tokens_from_secret (self->signed_in_secret);
  g_autofree char *status = NULL;

  if (tokens != NULL && tokens->account_id != NULL)
    /* Translators: the first %s is the HR system (PayFit), the second its company's id */
    status = g_strdup_printf (_("Signed in to %s, company %s."), self->kind->vendor_name,
                              tokens->account_id);
  else
    /* Translators: %s is the HR system (PayFit) */
    status = g_strdup_printf (_("Signed in to %s. Checking that Headcount can read the "
                                "collaborators…"), self->kind->vendor_name);
  set_sign_in_state (self, HC_SIGN_IN_DONE, status);
}

static void
sign_in_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (HcConnectorDialog) self = user_data;
  g_autoptr (HcOAuthTokens) tokens = NULL;
  g_autoptr (GError) error = NULL;

  tokens = hc_oauth_flow_wait_finish (HC_OAUTH_FLOW (source), result, &error);
  if (self->flow != HC_OAUTH_FLOW (source))
    return;   /* a newer sign-in, or the dialog closed */
  g_clear_object (&self->flow);
  g_clear_object (&self->sign_in_cancellable);

  if (tokens == NULL)
    {
      /* The flow's messages are the admin's words: declined, too late. */
      set_sign_in_state (self, HC_SIGN_IN_FAILED,
                         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                         ? _("Sign-in cancelled. Sign in again when you are ready.")
                         : error->message);
      return;
    }
  g_clear_pointer (&self->signed_in_secret, hc_secrets_free);
  self->signed_in_secret = hc_oauth_tokens_to_secret (tokens);
  show_signed_in (self);
  /* rules.md 43: what the sign-in opens is tested at once. */
  start_test (self);
}

static void
show_uri_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (HcConnectorDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->flow != NULL)
    {
      /* The address works from any browser on this computer: the wait
       * goes on. (It carries the public challenge and state, no secret.) */
      g_autofree char *message = g_strdup_printf (_("No browser opened. Open this address in a "
                                                    "browser on this computer: %s"),
                                                  hc_oauth_flow_get_authorize_uri (self->flow));

      set_sign_in_status (self, message);
    }
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HcConnectorDialog *self = HC_CONNECTOR_DIALOG (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *client_id = dup_row_text (self->sign_in_client_row);
  g_autofree char *authorize_url = dup_row_text (self->authorize_url_row);
  g_autofree char *token_url = dup_row_text (self->token_url_row);
  const char *id = hc_payfit_connector_client_id (client_id);
  g_autofree char *waiting = NULL;

  if (!kind_needs (self, HC_KIND_SIGN_IN) || self->flow != NULL)
    return;
  g_clear_object (&self->sign_in_cancellable);
  forget_test (self);

  if (id == NULL)
    {
      /* Translators: %s is the HR system (PayFit) */
      g_autofree char *message = g_strdup_printf (_("This copy of Headcount has no %s client ID. "
                                                    "Enter the one %s gave your company under "
                                                    "Advanced."),
                                                  self->kind->vendor_name, self->kind->vendor_name);

      set_sign_in_state (self, HC_SIGN_IN_FAILED, message);
      adw_expander_row_set_expanded (self->advanced_row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_client_row));
      return;
    }
  self->flow = hc_oauth_flow_new (self->kind->vendor_name,
                                  authorize_url ? authorize_url : HC_PAYFIT_DEFAULT_AUTHORIZE_URL,
                                  token_url ? token_url : HC_PAYFIT_DEFAULT_TOKEN_URL,
                                  id, HC_PAYFIT_SCOPE, &error);
  if (self->flow == NULL)
    {
      set_sign_in_state (self, HC_SIGN_IN_FAILED, error->message);
      return;
    }
  self->sign_in_cancellable = g_cancellable_new ();
  /* Translators: %s is the HR system (PayFit) */
  waiting = g_strdup_printf (_("Waiting for the browser… Sign in to %s there and allow Headcount "
                               "to read the collaborators."), self->kind->vendor_name);
  set_sign_in_state (self, HC_SIGN_IN_WAITING, waiting);
  hc_oauth_flow_wait_async (self->flow, self->sign_in_timeout, self->sign_in_cancellable,
                            sign_in_done_cb, g_object_ref (self));
  if (self->open_uri_func != NULL)
    self->open_uri_func (self, hc_oauth_flow_get_authorize_uri (self->flow), self->open_uri_data);
  else
    gtk_show_uri_full (GTK_WINDOW (self), hc_oauth_flow_get_authorize_uri (self->flow),
                       GDK_CURRENT_TIME, self->sign_in_cancellable, show_uri_cb,
                       g_object_ref (self));
}

static void
sign_in_row_activated_cb (HcConnectorDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.sign-in", NULL);
}

static void
cancel_sign_in_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HcConnectorDialog *self = HC_CONNECTOR_DIALOG (widget);

  g_cancellable_cancel (self->sign_in_cancellable);
}

HcSignInState
hc_connector_dialog_get_sign_in_state (HcConnectorDialog *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_DIALOG (self), HC_SIGN_IN_NONE);
  return self->sign_in_state;
}

const char *
hc_connector_dialog_get_sign_in_status (HcConnectorDialog *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR_DIALOG (self), NULL);
  return self->sign_in_status;
}

void
hc_connector_dialog_set_open_uri_func (HcConnectorDialog           *self,
                                       HcConnectorDialogOpenUriFunc func,
                                       gpointer                     user_data)
{
  g_return_if_fail (HC_IS_CONNECTOR_DIALOG (self));
  self->open_uri_func = func;
  self->open_uri_data = user_data;
}

void
hc_connector_dialog_set_sign_in_timeout (HcConnectorDialog *self,
                                         guint              seconds)
{
  g_return_if_fail (HC_IS_CONNECTOR_DIALOG (self));
  self->sign_in_timeout = seconds;
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
  /* (a sign-in kind's address is under Advanced) */
  gboolean takes_url = (kind->needs & (HC_KIND_NEEDS_BASE_URL | HC_KIND_TAKES_BASE_URL)) != 0 &&
                       (kind->needs & HC_KIND_SIGN_IN) == 0;
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
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row),
                          (kind->needs & HC_KIND_NEEDS_SECRET) != 0 && (kind->needs & HC_KIND_SIGN_IN) == 0);
  for (guint i = 0; i < self->setting_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->setting_rows, i);

      gtk_widget_set_visible (row, setting_row_shown (self, row));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_row), (kind->needs & HC_KIND_SIGN_IN) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->advanced_row), (kind->needs & HC_KIND_SIGN_IN) != 0);
  /* (its rows too: a search by title finds the shown ones only) */
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_client_row), (kind->needs & HC_KIND_SIGN_IN) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->authorize_url_row), (kind->needs & HC_KIND_SIGN_IN) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->token_url_row), (kind->needs & HC_KIND_SIGN_IN) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_api_row), (kind->needs & HC_KIND_SIGN_IN) != 0);
  if (kind->needs & HC_KIND_SIGN_IN)
    {
      /* Translators: %s is the HR system (PayFit) */
      g_autofree char *button = g_strdup_printf (self->editing ? _("Sign In Again…") : _("Sign in with %s…"),
                                                 kind->vendor_name);
      /* Translators: %s is the HR system (PayFit) */
      g_autofree char *advanced = g_strdup_printf (_("Only for your own %s app or a test server"),
                                                   kind->vendor_name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sign_in_row), button);
      adw_expander_row_set_subtitle (self->advanced_row, advanced);
      if (self->sign_in_state == HC_SIGN_IN_NONE)
        set_sign_in_status (self, self->editing
                            ? _("Signed in; the sign-in is in the keyring. Sign in again if the "
                                "connector asks for it or to use another account.")
                            : _("Not signed in yet. Nothing to copy or paste: the sign-in "
                                "happens in your browser."));
    }
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
  if (g_str_equal (kind->kind, "apideck"))
    return _("API key, application ID and consumer ID");
  if (g_str_equal (kind->kind, "payfit"))
    return _("Sign in in the browser, nothing to copy");
  if (g_str_equal (kind->kind, "personio-v2"))
    return _("API v2 client ID and client secret");
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
  gboolean sign_in = kind_needs (self, HC_KIND_SIGN_IN);
  g_autofree char *subdomain = dup_row_text (self->subdomain_row);
  g_autofree char *client_id = dup_row_text (sign_in ? self->sign_in_client_row : self->client_id_row);
  g_autofree char *typed_url = dup_row_text (sign_in ? self->sign_in_api_row : self->base_url_row);
  /* stored as the connector uses it, with or without the API version typed */
  g_autofree char *base_url = hc_connector_normalize_base_url (self->kind->kind, typed_url);

  info->id = self->editing ? self->editing->id : 0;
  info->name = dup_row_text (self->name_row);
  if (info->name == NULL)
    info->name = g_strdup (self->kind->vendor_name);
  info->kind = g_strdup (self->kind->kind);
  info->settings = hc_connector_info_build_settings (base_url, subdomain, client_id, NULL);
  for (guint i = 0; i < self->setting_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->setting_rows, i);
      g_autofree char *value = dup_row_text (row);
      char *settings;

      if (!setting_row_shown (self, row))
        continue;
      settings = hc_connector_info_settings_with (info->settings, setting_of_row (row)->key, value);
      g_free (info->settings);
      info->settings = settings;
    }
  if (sign_in)
    {
      const struct { const char *key; AdwEntryRow *row; } urls[] = {
        { "authorize_url", self->authorize_url_row },
        { "token_url", self->token_url_row },
      };

      for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
        {
          g_autofree char *value = dup_row_text (urls[i].row);
          char *settings = hc_connector_info_settings_with (info->settings, urls[i].key, value);

          g_free (info->settings);
          info->settings = settings;
        }
    }
  info->test_instance = gtk_switch_get_active (self->test_instance_switch);
  return info;
}

/* The typed secret, or NULL when none is (then the keyring's is used). */
static const char *
typed_secret (HcConnectorDialog *self)
{
  const char *secret = row_text (self->secret_row);
  const char *second = row_text (self->secret2_row);

  /* A browser sign-in's tokens, once signed in. */
  if (kind_needs (self, HC_KIND_SIGN_IN))
    return self->signed_in_secret;

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
  gboolean passed = hc_connector_test_connection_finish (HC_CONNECTOR (source), result, &error);

  /* A new sign-in: the connector learnt the account (and may have renewed
   * the tokens, which makes the old refresh token void): keep its tokens. */
  if (self->signed_in_secret != NULL && HC_IS_PAYFIT_CONNECTOR (source) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      hc_secrets_free (self->signed_in_secret);
      self->signed_in_secret = hc_payfit_connector_dup_secret (HC_PAYFIT_CONNECTOR (source));
      show_signed_in (self);
    }
  if (!passed)
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

  g_autofree char *invalid = NULL;
  GtkWidget *invalid_row = NULL;

  /* A field the HR system would refuse: said here, naming it. */
  invalid = check_fields (self, &invalid_row);
  if (invalid != NULL)
    {
      g_autoptr (GError) error = g_error_new_literal (HC_ERROR, HC_ERROR_INVALID_CONFIG, invalid);

      self->save_after_test = FALSE;
      test_finished (self, error);
      gtk_widget_grab_focus (invalid_row);
      return;
    }
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

  /* Editing saves without a test: the fields are checked all the same. */
  {
    GtkWidget *invalid_row = NULL;
    g_autofree char *invalid = check_fields (self, &invalid_row);

    if (invalid != NULL)
      {
        save_failed (self, invalid);
        gtk_widget_grab_focus (invalid_row);
        return;
      }
  }
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
  /* Another HR system: a sign-in under way or done is dropped. */
  g_cancellable_cancel (self->sign_in_cancellable);
  g_clear_object (&self->sign_in_cancellable);
  g_clear_object (&self->flow);
  g_clear_pointer (&self->signed_in_secret, hc_secrets_free);
  set_sign_in_state (self, HC_SIGN_IN_NONE, NULL);
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
  g_autoptr (GString) own = g_string_new (NULL);

  if (self->editing == NULL && self->kind != NULL && g_str_equal (name, self->kind->vendor_name))
    name = "";
  /* the kinds' own settings, the sign-in's rows, and a sign-in done */
  for (guint i = 0; i < self->setting_rows->len; i++)
    g_string_append_printf (own, "%s\x1f", row_text (g_ptr_array_index (self->setting_rows, i)));
  g_string_append_printf (own, "%s\x1f%s\x1f%s\x1f%s\x1f%s", row_text (self->sign_in_client_row),
                          row_text (self->authorize_url_row), row_text (self->token_url_row),
                          row_text (self->sign_in_api_row), self->signed_in_secret ? "signed-in" : "");
  return g_strjoin ("\x1f", name, row_text (self->subdomain_row), row_text (self->client_id_row),
                    row_text (self->base_url_row), *row_text (self->secret_row) != '\0' ? "secret" : "",
                    self->secret2_row != NULL && *row_text (self->secret2_row) != '\0' ? "secret2" : "",
                    gtk_switch_get_active (self->test_instance_switch) ? "test" : "", own->str, NULL);
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
  g_cancellable_cancel (self->sign_in_cancellable);
  g_clear_object (&self->sign_in_cancellable);
  g_clear_object (&self->flow);
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
  hc_secrets_free (self->signed_in_secret);
  g_free (self->sign_in_status);
  g_clear_pointer (&self->setting_rows, g_ptr_array_unref);
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
  gtk_widget_class_install_action (widget_class, "dialog.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel-sign-in", NULL, cancel_sign_in_action);

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

  /* The kinds' own settings (Apideck's ids), below the client ID. */
  self->setting_rows = g_ptr_array_new ();
  for (guint i = 0; kinds[i].kind != NULL; i++)
    for (guint k = 0; kinds[i].settings != NULL && kinds[i].settings[k].key != NULL; k++)
      {
        GtkWidget *row = adw_entry_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(kinds[i].settings[k].label));
        g_object_set_data (G_OBJECT (row), "hc-kind", (gpointer) kinds[i].kind);
        g_object_set_data (G_OBJECT (row), "hc-setting", (gpointer) & kinds[i].settings[k]);
        gtk_widget_set_visible (row, FALSE);
        g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed_cb), self);
        gtk_list_box_insert (GTK_LIST_BOX (secret_list), row,
                             gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->client_id_row)) + 1 +
                             self->setting_rows->len);
        g_ptr_array_add (self->setting_rows, row);
      }

  /* A browser sign-in instead of a secret: the button, then a spinner
  * and Cancel while Headcount waits; the addresses under Advanced. */
  self->sign_in_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->sign_in_row), FALSE);
  adw_action_row_set_subtitle_lines (self->sign_in_row, 0);
  self->sign_in_spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_spinner), FALSE);
  adw_action_row_add_suffix (self->sign_in_row, GTK_WIDGET (self->sign_in_spinner));
  self->sign_in_cancel = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_widget_set_valign (GTK_WIDGET (self->sign_in_cancel), GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sign_in_cancel), "dialog.cancel-sign-in");
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_cancel), FALSE);
  adw_action_row_add_suffix (self->sign_in_row, GTK_WIDGET (self->sign_in_cancel));
  /* The row is the button ("Sign in with PayFit…"): its text wraps at
   * 360 px where a button's label would squeeze the status. */
  self->sign_in_arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  adw_action_row_add_suffix (self->sign_in_row, self->sign_in_arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->sign_in_row), TRUE);
  g_signal_connect_swapped (self->sign_in_row, "activated", G_CALLBACK (sign_in_row_activated_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_row), FALSE);
  gtk_list_box_insert (GTK_LIST_BOX (secret_list), GTK_WIDGET (self->sign_in_row),
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->secret2_row)) + 1);

  self->advanced_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->advanced_row), _("Advanced"));
  gtk_widget_set_visible (GTK_WIDGET (self->advanced_row), FALSE);
  {
    struct { AdwEntryRow **row; char *title; } rows[] = {
      { &self->sign_in_client_row, g_strdup (_("Client ID (optional)")) },
      /* Translators: %s is a web address */
      { &self->authorize_url_row, g_strdup_printf (_("Sign-in page (optional, %s by default)"),
                                                   HC_PAYFIT_DEFAULT_AUTHORIZE_URL) },
      { &self->token_url_row, g_strdup_printf (_("Token address (optional, %s by default)"),
                                               HC_PAYFIT_DEFAULT_TOKEN_URL) },
      { &self->sign_in_api_row, g_strdup_printf (_("%s (optional, %s by default)"), _("API address"),
                                                 HC_PAYFIT_DEFAULT_BASE_URL) },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        *rows[i].row = ADW_ENTRY_ROW (adw_entry_row_new ());
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (*rows[i].row), rows[i].title);
        g_signal_connect_swapped (*rows[i].row, "changed", G_CALLBACK (field_changed_cb), self);
        adw_expander_row_add_row (self->advanced_row, GTK_WIDGET (*rows[i].row));
        g_free (rows[i].title);
      }
  }
  gtk_list_box_insert (GTK_LIST_BOX (secret_list), GTK_WIDGET (self->advanced_row),
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->sign_in_row)) + 1);
  self->sign_in_timeout = HC_OAUTH_FLOW_DEFAULT_TIMEOUT;

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
  for (guint i = 0; i < self->setting_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->setting_rows, i);
      g_autofree char *value = NULL;

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "hc-kind"), info->kind) != 0)
        continue;
      value = hc_connector_info_dup_setting (info, setting_of_row (row)->key);
      gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
    }
  if (self->kind != NULL && (self->kind->needs & HC_KIND_SIGN_IN) != 0)
    {
      g_autofree char *authorize_url = hc_connector_info_dup_setting (info, "authorize_url");
      g_autofree char *token_url = hc_connector_info_dup_setting (info, "token_url");

      gtk_editable_set_text (GTK_EDITABLE (self->sign_in_client_row), client_id ? client_id : "");
      gtk_editable_set_text (GTK_EDITABLE (self->authorize_url_row), authorize_url ? authorize_url : "");
      gtk_editable_set_text (GTK_EDITABLE (self->token_url_row), token_url ? token_url : "");
      gtk_editable_set_text (GTK_EDITABLE (self->sign_in_api_row), base_url ? base_url : "");
    }

  if (self->kind != NULL)
    show_details (self);
  g_free (self->initial_fields);
  self->initial_fields = dup_fields (self);
  return self;
}
