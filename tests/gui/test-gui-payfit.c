/* test-gui-payfit.c — PayFit in the Add Connector dialog: "Sign in with
 * PayFit…" instead of any secret field, the test playing the browser (a
 * real HTTP request to the fake authorization server, its redirect followed
 * to the dialog's loopback listener), the connector added once signed in,
 * the tokens in a real gnome-keyring-daemon and in no file; consent
 * declined, Cancel, a timeout and a foreign state in the admin's words;
 * Sign In Again from Edit Credentials
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "hc-connector-dialog.h"
#include "hc-connector-kind.h"
#include "hc-connector-secret.h"
#include "hc-fake-hris.h"
#include "hc-fake-payfit.h"
#include "hc-gui-test.h"
#include "hc-oauth-flow.h"
#include "hc-oauth-tokens.h"
#include "hc-secrets.h"
#include "hc-test-keyring.h"
#include "hc-window.h"

#define WAIT_SECONDS 30
#define N_PEOPLE 30

static HcTestSession *session;
static char *root;

/* The browser the test plays: what the dialog asked it to open, and what
 * the last page it was shown said. It runs in a thread of its own, as a
 * browser is a process of its own: the dialog's main context serves the
 * loopback listener meanwhile. */
typedef struct
{
  char    *uri;              /* the sign-in address the dialog gave */
  gboolean follow;           /* open it (else only note it) */
  gint     done;             /* (atomic) the last page arrived */
  guint    status;           /* and its HTTP status */
  char    *body;
  GThread *thread;
} Browser;

static void
browser_join (Browser *browser)
{
  if (browser->thread != NULL)
    g_thread_join (g_steal_pointer (&browser->thread));
}

static void
browser_clear (Browser *browser)
{
  browser_join (browser);
  g_clear_pointer (&browser->uri, g_free);
  g_clear_pointer (&browser->body, g_free);
  g_atomic_int_set (&browser->done, FALSE);
  browser->status = 0;
}

typedef struct
{
  Browser *browser;
  char    *uri;
} Visit;

static gpointer
browser_thread (gpointer data)
{
  Visit *visit = data;
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (SoupSession) soup = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (context);
  soup = soup_session_new ();
  message = soup_message_new ("GET", visit->uri);
  g_assert_nonnull (message);
  /* redirects followed, as a browser does */
  body = soup_session_send_and_read (soup, message, NULL, &error);
  g_assert_no_error (error);
  visit->browser->status = soup_message_get_status (message);
  visit->browser->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_clear_object (&soup);
  g_main_context_pop_thread_default (context);
  g_atomic_int_set (&visit->browser->done, TRUE);
  g_free (visit->uri);
  g_free (visit);
  return NULL;
}

/* GET @uri in the browser's thread. */
static void
browser_open (Browser    *browser,
              const char *uri)
{
  Visit *visit = g_new0 (Visit, 1);

  browser_join (browser);
  g_clear_pointer (&browser->body, g_free);
  g_atomic_int_set (&browser->done, FALSE);
  visit->browser = browser;
  visit->uri = g_strdup (uri);
  browser->thread = g_thread_new ("browser", browser_thread, visit);
}

static void
open_uri_cb (HcConnectorDialog *dialog,
             const char        *uri,
             gpointer           user_data)
{
  Browser *browser = user_data;

  g_free (browser->uri);
  browser->uri = g_strdup (uri);
  if (browser->follow)
    browser_open (browser, uri);
}

static gboolean
browser_done (gpointer data)
{
  return g_atomic_int_get (&((Browser *) data)->done);
}

static gboolean
not_waiting (gpointer data)
{
  return hc_connector_dialog_get_sign_in_state (data) != HC_SIGN_IN_WAITING;
}

static gboolean
not_testing (gpointer data)
{
  return !hc_connector_dialog_get_testing (data);
}

static gboolean
id_set (gpointer data)
{
  return *(gint64 *) data > 0;
}

static void
saved_cb (HcConnectorDialog *dialog,
          gint64             id,
          gboolean           added,
          gpointer           user_data)
{
  *(gint64 *) user_data = id;
}

static gboolean
is_visible_password_row (GtkWidget *widget,
                         gpointer   data)
{
  return ADW_IS_PASSWORD_ENTRY_ROW (widget) && gtk_widget_get_child_visible (widget) &&
         gtk_widget_is_visible (widget);
}

/* @title translated (the screenshots are in French), without its hint:
 * "Sign-in page" of "Sign-in page (optional, %s by default)". */
static void
type_into (HcConnectorDialog *dialog,
           const char        *title,
           const char        *text)
{
  const char *translated = _(title);
  g_autofree char *prefix = strstr (translated, " (") != NULL
                            ? g_strndup (translated, strstr (translated, " (") - translated)
                            : g_strdup (translated);
  GtkWidget *row = hc_gui_test_find_widget (GTK_WIDGET (dialog), hc_gui_test_is_row_titled, prefix);

  g_assert_nonnull (row);
  g_assert_true (GTK_IS_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* A value of the query of @uri. (transfer full) */
static char *
query_value (const char *uri,
             const char *key)
{
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr (GHashTable) params = NULL;

  g_assert_nonnull (parsed);
  params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);
  return g_strdup (g_hash_table_lookup (params, key));
}

/* The dialog on PayFit, its Advanced rows pointing at the fake. */
static HcConnectorDialog *
open_payfit (HcStore      *store,
             HcFakePayfit *fake,
             Browser      *browser)
{
  HcConnectorDialog *dialog = hc_connector_dialog_new_add (store);
  g_autofree char *authorize_url = hc_fake_payfit_dup_authorize_url (fake);
  g_autofree char *token_url = hc_fake_payfit_dup_token_url (fake);

  hc_connector_dialog_set_open_uri_func (dialog, open_uri_cb, browser);
  gtk_window_present (GTK_WINDOW (dialog));
  hc_connector_dialog_choose_kind (dialog, "payfit");
  type_into (dialog, "Client ID (optional)", HC_FAKE_PAYFIT_CLIENT_ID);
  type_into (dialog, "Sign-in page (optional, %s by default)", authorize_url);
  type_into (dialog, "Token address (optional, %s by default)", token_url);
  type_into (dialog, "API address", hc_fake_payfit_get_base_url (fake));
  return dialog;
}

static guint
count_connectors (HcStore *store)
{
  g_autoptr (GPtrArray) connectors = hc_store_list_connectors (store, NULL);

  g_assert_nonnull (connectors);
  return connectors->len;
}

static HcStore *
new_store (const char *name)
{
  g_autofree char *db_path = g_build_filename (root, name, "acme.db", NULL);
  g_autoptr (GError) error = NULL;
  HcStore *store = hc_store_new (db_path, &error);

  g_assert_no_error (error);
  return store;
}

/* Activates @name if enabled: a disabled Add or Test starts nothing, which
 * the callers check (no test running, no connector). */
static void
try_action (HcConnectorDialog *dialog,
            const char        *name)
{
  gtk_widget_activate_action (GTK_WIDGET (dialog), name, NULL);
}

static void
test_sign_in_add_sync (void)
{
  g_autoptr (HcStore) store = new_store ("sign-in");
  g_autoptr (GPtrArray) people = hc_fake_people_new (N_PEOPLE);
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcSecret) secret = NULL;
  g_autoptr (HcOAuthTokens) tokens = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *access = NULL;
  g_autofree char *dir = g_build_filename (root, "sign-in", NULL);
  Browser browser = { NULL, TRUE };
  HcConnectorDialog *dialog;
  GtkWidget *group;
  HcWindow *window;
  gint64 id = 0;
  guint n_managed = 0;

  dialog = open_payfit (store, fake, &browser);
  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), &id);

  /* No secret field at all; the help says PayFit matches on the employee
   * id only; nothing to test or add before the sign-in. */
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_visible_password_row, NULL));
  group = hc_gui_test_template_child (GTK_WIDGET (dialog), "connection_group");
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "employee id only"));
  g_assert_cmpint (hc_connector_dialog_get_sign_in_state (dialog), ==, HC_SIGN_IN_NONE);
  g_assert_nonnull (strstr (hc_connector_dialog_get_sign_in_status (dialog), "Not signed in"));
  try_action (dialog, "dialog.save");
  try_action (dialog, "dialog.test");
  g_assert_false (hc_connector_dialog_get_testing (dialog));
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpuint (count_connectors (store), ==, 0);

  /* Sign in with PayFit…: the browser opens the fake's consent page, which
   * redirects to the dialog's listener. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.sign-in", NULL));
  g_assert_cmpint (hc_connector_dialog_get_sign_in_state (dialog), ==, HC_SIGN_IN_WAITING);
  g_assert_nonnull (strstr (hc_connector_dialog_get_sign_in_status (dialog), "Waiting for the browser"));
  g_assert_nonnull (browser.uri);
  g_assert_true (g_str_has_prefix (browser.uri, hc_fake_payfit_get_base_url (fake)));
  /* the address carries no secret: the challenge, not the verifier */
  challenge = query_value (browser.uri, "code_challenge");
  g_assert_cmpstr (query_value (browser.uri, "code_challenge_method"), ==, "S256");
  g_assert_null (query_value (browser.uri, "code_verifier"));

  g_assert_true (hc_gui_test_spin_until (not_waiting, dialog, WAIT_SECONDS));
  g_assert_cmpint (hc_connector_dialog_get_sign_in_state (dialog), ==, HC_SIGN_IN_DONE);
  g_assert_true (hc_gui_test_spin_until (browser_done, &browser, WAIT_SECONDS));
  g_assert_cmpuint (browser.status, ==, 200);
  g_assert_nonnull (strstr (browser.body, "Signed in to PayFit"));

  /* The fake checked the PKCE verifier against the challenge it got. */
  g_assert_cmpuint (hc_fake_payfit_count_grants (fake, "authorization_code"), ==, 1);
  verifier = hc_fake_payfit_dup_last_verifier (fake);
  expected = hc_oauth_flow_compute_challenge (verifier);
  g_assert_cmpstr (expected, ==, challenge);
  g_assert_cmpstr (hc_fake_payfit_dup_last_challenge (fake), ==, challenge);

  /* The sign-in is tested at once: the company it opens is named. */
  g_assert_true (hc_gui_test_spin_until (not_testing, dialog, WAIT_SECONDS));
  g_assert_nonnull (strstr (hc_connector_dialog_get_test_result (dialog), "Connected"));
  g_assert_nonnull (strstr (hc_connector_dialog_get_sign_in_status (dialog),
                            "Signed in to PayFit, company " HC_FAKE_PAYFIT_COMPANY_ID));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_visible_password_row, NULL));

  /* Add: the settings in the store, the tokens in the keyring only. */
  type_into (dialog, "Connector Name", "PayFit (Acme)");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_true (hc_gui_test_spin_until (id_set, &id, WAIT_SECONDS));
  info = hc_store_get_connector (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->kind, ==, "payfit");
  g_assert_null (strstr (info->settings, HC_FAKE_PAYFIT_TOKEN_PREFIX));
  {
    g_autofree char *client_id = hc_connector_info_dup_setting (info, "client_id");
    g_autofree char *token_url = hc_connector_info_dup_setting (info, "token_url");
    g_autofree char *fake_token_url = hc_fake_payfit_dup_token_url (fake);

    g_assert_cmpstr (client_id, ==, HC_FAKE_PAYFIT_CLIENT_ID);
    g_assert_cmpstr (token_url, ==, fake_token_url);
  }
  secret = hc_connector_secret_lookup_sync (hc_store_get_workspace_id (store), id,
                                            hc_connector_kind_lookup ("payfit"), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  tokens = hc_oauth_tokens_from_secret (secret);
  g_assert_nonnull (tokens);
  refresh = hc_fake_payfit_dup_refresh_token (fake);
  access = hc_fake_payfit_dup_access_token (fake);
  g_assert_cmpstr (tokens->refresh_token, ==, refresh);
  g_assert_cmpstr (tokens->account_id, ==, HC_FAKE_PAYFIT_COMPANY_ID);

  /* Sync from the window. */
  window = hc_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, window, WAIT_SECONDS));
  g_assert_true (hc_window_sync_connector (window, id, TRUE));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, window, WAIT_SECONDS));
  {
    g_autoptr (GPtrArray) members = hc_store_list_members (store, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < members->len; i++)
      if (hc_member_get_hr_status (g_ptr_array_index (members, i)) == HC_HR_STATUS_MANAGED)
        n_managed++;
    g_assert_cmpuint (n_managed, >, N_PEOPLE / 2);
  }

  /* Edit Credentials → Sign In Again: new tokens replace the old ones in
   * the keyring. */
  {
    g_autoptr (HcConnectorInfo) stored = hc_store_get_connector (store, id, NULL);
    HcConnectorDialog *edit = hc_connector_dialog_new_edit (store, stored);
    g_autoptr (HcSecret) again = NULL;
    g_autoptr (HcOAuthTokens) new_tokens = NULL;
    g_autofree char *new_refresh = NULL;
    gint64 edited = 0;

    browser_clear (&browser);
    hc_connector_dialog_set_open_uri_func (edit, open_uri_cb, &browser);
    g_signal_connect (edit, "saved", G_CALLBACK (saved_cb), &edited);
    gtk_window_present (GTK_WINDOW (edit));
    g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (edit), is_visible_password_row, NULL));
    g_assert_nonnull (strstr (hc_connector_dialog_get_sign_in_status (edit), "in the keyring"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (edit), "dialog.sign-in", NULL));
    g_assert_true (hc_gui_test_spin_until (not_waiting, edit, WAIT_SECONDS));
    g_assert_cmpint (hc_connector_dialog_get_sign_in_state (edit), ==, HC_SIGN_IN_DONE);
    g_assert_true (hc_gui_test_spin_until (not_testing, edit, WAIT_SECONDS));
    g_assert_nonnull (strstr (hc_connector_dialog_get_test_result (edit), "Connected"));
    g_assert_true (hc_gui_test_spin_until (browser_done, &browser, WAIT_SECONDS));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (edit), "dialog.save", NULL));
    g_assert_true (hc_gui_test_spin_until (id_set, &edited, WAIT_SECONDS));
    g_assert_cmpint (edited, ==, id);
    g_assert_cmpuint (hc_fake_payfit_count_grants (fake, "authorization_code"), ==, 2);
    again = hc_connector_secret_lookup_sync (hc_store_get_workspace_id (store), id,
                                             hc_connector_kind_lookup ("payfit"), NULL, &error);
    g_assert_no_error (error);
    new_tokens = hc_oauth_tokens_from_secret (again);
    new_refresh = hc_fake_payfit_dup_refresh_token (fake);
    g_assert_cmpstr (new_tokens->refresh_token, ==, new_refresh);
    g_assert_cmpstr (new_tokens->refresh_token, !=, refresh);
  }

  /* No token in any file of the workspace, nor the database. */
  {
    g_autofree char *current = hc_fake_payfit_dup_refresh_token (fake);
    const char *needles[] = { refresh, access, current, HC_FAKE_PAYFIT_TOKEN_PREFIX };

    for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
      {
        g_autoptr (GPtrArray) hits = hc_test_find_in_tree (dir, needles[i], NULL);

        g_assert_cmpuint (hits->len, ==, 0);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  browser_clear (&browser);
}

/* A failed sign-in: the row says why in the admin's words, and nothing
 * can be tested or added. */
static void
assert_not_added (HcConnectorDialog *dialog,
                  HcStore           *store)
{
  g_assert_cmpint (hc_connector_dialog_get_sign_in_state (dialog), ==, HC_SIGN_IN_FAILED);
  try_action (dialog, "dialog.save");
  try_action (dialog, "dialog.test");
  g_assert_false (hc_connector_dialog_get_testing (dialog));
  hc_gui_test_spin_for (50);
  g_assert_cmpuint (count_connectors (store), ==, 0);
  /* no half-made connector, no token anywhere near it */
  g_assert_null (strstr (hc_connector_dialog_get_sign_in_status (dialog), HC_FAKE_PAYFIT_TOKEN_PREFIX));
}

static void
test_consent_declined (void)
{
  g_autoptr (HcStore) store = new_store ("declined");
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  Browser browser = { NULL, TRUE };
  HcConnectorDialog *dialog = open_payfit (store, fake, &browser);

  hc_fake_payfit_set_deny (fake, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.sign-in", NULL));
  g_assert_true (hc_gui_test_spin_until (not_waiting, dialog, WAIT_SECONDS));
  g_assert_nonnull (strstr (hc_connector_dialog_get_sign_in_status (dialog), "declined"));
  g_assert_true (hc_gui_test_spin_until (browser_done, &browser, WAIT_SECONDS));
  g_assert_nonnull (strstr (browser.body, "not given access"));
  g_assert_cmpuint (hc_fake_payfit_count_grants (fake, "authorization_code"), ==, 0);
  assert_not_added (dialog, store);

  /* Allowed the second time: signed in. */
  hc_fake_payfit_set_deny (fake, FALSE);
  browser_clear (&browser);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.sign-in", NULL));
  g_assert_true (hc_gui_test_spin_until (not_waiting, dialog, WAIT_SECONDS));
  g_assert_cmpint (hc_connector_dialog_get_sign_in_state (dialog), ==, HC_SIGN_IN_DONE);
  g_assert_true (hc_gui_test_spin_until (not_testing, dialog, WAIT_SECONDS));
  g_assert_true (hc_gui_test_spin_until (browser_done, &browser, WAIT_SECONDS));

  gtk_window_destroy (GTK_WINDOW (dialog));
  browser_clear (&browser);
}

static void
test_cancel_timeout_foreign_state (void)
{
  g_autoptr (HcStore) store = new_store ("cancel");
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  Browser browser = { NULL, FALSE };
  HcConnectorDialog *dialog = open_payfit (store, fake, &browser);
  g_autofree char *redirect = NULL;
  g_autofree char *forged = NULL;

  /* Cancel while waiting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.sign-in", NULL));
  g_assert_cmpint (hc_connector_dialog_get_sign_in_state (dialog), ==, HC_SIGN_IN_WAITING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel-sign-in", NULL));
  g_assert_true (hc_gui_test_spin_until (not_waiting, dialog, WAIT_SECONDS));
  g_assert_nonnull (strstr (hc_connector_dialog_get_sign_in_status (dialog), "cancelled"));
  assert_not_added (dialog, store);

  /* An answer with another state (not the browser this sign-in sent) is
   * refused, and the dialog goes on waiting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.sign-in", NULL));
  redirect = query_value (browser.uri, "redirect_uri");
  g_assert_true (g_str_has_prefix (redirect, "http://127.0.0.1:"));
  forged = g_strdup_printf ("%s?code=forged-code&state=not-the-state", redirect);
  browser_open (&browser, forged);
  g_assert_true (hc_gui_test_spin_until (browser_done, &browser, WAIT_SECONDS));
  g_assert_cmpuint (browser.status, ==, 400);
  g_assert_nonnull (strstr (browser.body, "not the one Headcount is waiting for"));
  g_assert_cmpint (hc_connector_dialog_get_sign_in_state (dialog), ==, HC_SIGN_IN_WAITING);
  g_assert_cmpuint (hc_fake_payfit_count_grants (fake, "authorization_code"), ==, 0);

  /* The browser never comes back: a timeout, said so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel-sign-in", NULL));
  g_assert_true (hc_gui_test_spin_until (not_waiting, dialog, WAIT_SECONDS));
  hc_connector_dialog_set_sign_in_timeout (dialog, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.sign-in", NULL));
  g_assert_true (hc_gui_test_spin_until (not_waiting, dialog, WAIT_SECONDS));
  g_assert_nonnull (strstr (hc_connector_dialog_get_sign_in_status (dialog), "in time"));
  assert_not_added (dialog, store);

  gtk_window_destroy (GTK_WINDOW (dialog));
  browser_clear (&browser);
}

/* Screenshots for docs/screenshots (only with HC_SCREENSHOT_DIR set; run
 * with LC_ALL=fr_FR.UTF-8 and HC_SCREENSHOT_LOCALEDIR for French): the
 * dialog at 360 px on PayFit before and after the sign-in, and on Apideck. */
static gboolean
stack_still (gpointer stack)
{
  return !gtk_stack_get_transition_running (stack);
}

static void
shoot (HcConnectorDialog *dialog,
       const char        *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.png", g_getenv ("HC_SCREENSHOT_DIR"), name);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width, height;

  /* the page slid in, the frame drawn */
  hc_gui_test_spin_until (stack_still, hc_gui_test_template_child (GTK_WIDGET (dialog), "stack"), WAIT_SECONDS);
  hc_gui_test_spin_for (1000);
  width = gtk_widget_get_width (GTK_WIDGET (dialog));
  height = gtk_widget_get_height (GTK_WIDGET (dialog));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (dialog));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (dialog)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s (%d×%d)", path, width, height);
}

static void
test_screenshots (void)
{
  g_autoptr (HcStore) store = new_store ("shots");
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakePayfit) fake = hc_fake_payfit_new (people);
  Browser browser = { NULL, TRUE };
  HcConnectorDialog *dialog;

  if (g_getenv ("HC_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("HC_SCREENSHOT_DIR is not set");
      return;
    }

  dialog = hc_connector_dialog_new_add (store);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 720);
  gtk_window_present (GTK_WINDOW (dialog));
  shoot (dialog, "add-connector-360");
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = open_payfit (store, fake, &browser);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 720);
  type_into (dialog, "Connector Name", "PayFit");
  shoot (dialog, "add-connector-payfit-360");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.sign-in", NULL));
  g_assert_true (hc_gui_test_spin_until (not_waiting, dialog, WAIT_SECONDS));
  g_assert_true (hc_gui_test_spin_until (not_testing, dialog, WAIT_SECONDS));
  g_assert_true (hc_gui_test_spin_until (browser_done, &browser, WAIT_SECONDS));
  shoot (dialog, "add-connector-payfit-signed-in-360");
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = hc_connector_dialog_new_add (store);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 720);
  gtk_window_present (GTK_WINDOW (dialog));
  hc_connector_dialog_choose_kind (dialog, "apideck");
  shoot (dialog, "add-connector-apideck-360");
  gtk_window_destroy (GTK_WINDOW (dialog));
  browser_clear (&browser);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    g_error ("this test needs a display: run it under xvfb-run");

  session = hc_test_session_start_private ("hc-gui-payfit-XXXXXX", &root);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", hc_test_session_get_bus_address (session), TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("HEADCOUNT_HTTP_POLICY", "connect=5,read=5,attempts=2,total=10,delay=10", TRUE);
  if (g_getenv ("HC_SCREENSHOT_DIR") != NULL)
    {
      const char *localedir = g_getenv ("HC_SCREENSHOT_LOCALEDIR");

      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE_NAME, localedir ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE_NAME, "UTF-8");
      textdomain (GETTEXT_PACKAGE_NAME);
    }
  else
    /* English words, as the assertions read them */
    g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/payfit/sign-in-add-sync", test_sign_in_add_sync);
  g_test_add_func ("/gui/payfit/consent-declined", test_consent_declined);
  g_test_add_func ("/gui/payfit/cancel-timeout-foreign-state", test_cancel_timeout_foreign_state);
  g_test_add_func ("/gui/payfit/screenshots", test_screenshots);

  status = g_test_run ();

  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
