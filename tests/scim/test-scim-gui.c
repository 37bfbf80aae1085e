/* test-scim-gui.c — the Destinations section in the window against SCIMMY
 * and a real gnome-keyring-daemon: Add Destination (the token in the
 * keyring only, never shown back, Basic sign-in, a bad address, the test
 * instance flag), Test Connection reading what a full and a limited
 * service support, a refused token in a sentence, Edit… (address, token,
 * sign-in, test instance) and its "Discard Changes?"
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-destination-dialog.h"
#include "hc-destination.h"
#include "hc-destinations-section.h"
#include "hc-gui-test.h"
#include "hc-sync-flow.h"
#include "hc-scim-server.h"
#include "hc-secrets.h"
#include "hc-test-keyring.h"

#define TOKEN          "scim-GUI-token-5550123"
#define OTHER_TOKEN    "scim-GUI-second-token-777"
#define BASIC_USER     "svc-headcount"
#define BASIC_PASSWORD "basic-PASSWORD-31337"
#define WAIT_SECONDS   30

static HcTestSession *session;
static char *root;

typedef struct
{
  char                  *dir;
  char                  *db_path;
  HcStore               *store;
  HcScimServer          *full; /* PATCH, filter, bulk, enterprise, Groups */
  HcScimServer          *limited; /* none of them; also Basic sign-in */
  GtkWidget             *window;
  HcDestinationsSection *section;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  static const char * const limited_env[] = { "SCIM_LIMITED", "1", NULL };

  f->full = hc_scim_server_get_for_test (HC_SCIM_MODE, HC_SCIM_SKIP_REASON, TOKEN);
  if (f->full == NULL)
    return;
  f->limited = hc_scim_server_new_full (HC_SCIM_DIR, TOKEN, BASIC_USER ":" BASIC_PASSWORD, limited_env, &error);
  g_assert_no_error (error);

  f->dir = g_dir_make_tmp ("hc-scim-gui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "test.db", NULL);
  f->store = hc_store_new (f->db_path, &error);
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 700, 600);
  f->section = hc_destinations_section_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->section));
  hc_destinations_section_set_store (f->section, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  hc_gui_test_spin_for (100);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_pointer (&f->limited, hc_scim_server_free);
  g_clear_object (&f->store);
  if (f->dir != NULL)
    hc_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

/* Widgets */

static gboolean
is_named (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
is_text (GtkWidget *widget,
         gpointer   data)
{
  return GTK_IS_TEXT (widget);
}

static GtkWidget *
child_named (GtkWidget  *root_widget,
             const char *name)
{
  GtkWidget *widget = hc_gui_test_find_widget (root_widget, is_named, (gpointer) name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
label_contains (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
text_shows (GtkWidget *widget,
            gpointer   data)
{
  /* What any label, or an entry as shown, says. */
  if (GTK_IS_TEXT (widget) && gtk_text_get_visibility (GTK_TEXT (widget)) &&
      strstr (gtk_editable_get_text (GTK_EDITABLE (widget)), data) != NULL)
    return TRUE;
  return label_contains (widget, data);
}

/* The secret appears nowhere on screen: no label, no entry showing it. */
static void
assert_not_shown (GtkWidget  *widget,
                  const char *secret)
{
  g_assert_null (hc_gui_test_find_widget (widget, text_shows, (gpointer) secret));
}

static void
type_into (GtkWidget  *dialog,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child_named (dialog, name)), text);
}

static gboolean
save_enabled (GtkWidget *dialog)
{
  return gtk_widget_get_sensitive (child_named (dialog, "save"));
}

static const char *
error_text (GtkWidget *dialog)
{
  GtkWidget *label = child_named (dialog, "error");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Save (or Add), then the dialog closes once stored. */
static void
save (GtkWidget *dialog)
{
  gpointer watched = dialog;

  g_assert_true (save_enabled (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), &watched);
  g_signal_emit_by_name (child_named (dialog, "save"), "clicked");
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &watched, WAIT_SECONDS));
  hc_gui_test_spin_for (100);
}

static GtkWidget *
open_add (Fixture *f)
{
  GtkWidget *dialog = GTK_WIDGET (hc_destination_dialog_new (GTK_WINDOW (f->window), f->store));

  g_signal_connect_object (dialog, "saved", G_CALLBACK (hc_destinations_section_reload), f->section,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  hc_gui_test_spin_for (100);
  return dialog;
}

/* The card of @name in the section. */
static gboolean
is_card_of (GtkWidget *widget,
            gpointer   data)
{
  HcDestination *destination = g_object_get_data (G_OBJECT (widget), "destination");

  return gtk_widget_has_css_class (widget, "card") && destination != NULL &&
         g_str_equal (destination->name, data);
}

static GtkWidget *
card_of (Fixture    *f,
         const char *name)
{
  GtkWidget *card = hc_gui_test_find_widget (f->window, is_card_of, (gpointer) name);

  g_assert_nonnull (card);
  return card;
}

static GtkWidget *
open_edit (Fixture    *f,
           const char *name)
{
  HcDestinationDialog *dialog;

  g_signal_emit_by_name (child_named (card_of (f, name), "edit"), "clicked");
  hc_gui_test_spin_for (100);
  dialog = hc_gui_test_find_visible_toplevel (HC_TYPE_DESTINATION_DIALOG);
  g_assert_nonnull (dialog);
  return GTK_WIDGET (dialog);
}

static gboolean
test_finished (gpointer data)
{
  GtkLabel *label = data;

  return !g_str_equal (gtk_label_get_text (label), "Connecting…");
}

/* Test Connection on @name's card: what the result label then says. */
static char *
test_connection (Fixture    *f,
                 const char *name,
                 gboolean   *failed)
{
  GtkWidget *card = card_of (f, name);
  GtkLabel *label = GTK_LABEL (child_named (card, "test-result"));

  g_signal_emit_by_name (child_named (card, "test"), "clicked");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_true (hc_gui_test_spin_until (test_finished, label, WAIT_SECONDS));
  *failed = gtk_widget_has_css_class (GTK_WIDGET (label), "error");
  return g_strdup (gtk_label_get_text (label));
}

/* The keyring and the database */

static char *
stored_secret (Fixture    *f,
               const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcDestination) destination = hc_destination_find (f->store, name, &error);
  HcSecret *secret;

  g_assert_no_error (error);
  secret = hc_secrets_lookup_sync (hc_store_get_workspace_id (f->store), hc_destination_secret_id (destination),
                                   HC_SECRET_KIND_SCIM_TOKEN, NULL, &error);
  g_assert_no_error (error);
  return secret;
}

static HcDestination *
find (Fixture    *f,
      const char *name)
{
  g_autoptr (GError) error = NULL;
  HcDestination *destination = hc_destination_find (f->store, name, &error);

  g_assert_no_error (error);
  return destination;
}

/* @secret is in no file of the workspace folder (the database, its WAL). */
static void
assert_not_in_files (Fixture    *f,
                     const char *secret)
{
  g_autoptr (GPtrArray) hits = NULL;
  guint n_files = 0;

  /* What SQLite holds in memory is written out first. */
  g_clear_object (&f->store);
  hits = hc_test_find_in_tree (f->dir, secret, &n_files);
  g_assert_cmpuint (n_files, >, 0);
  g_assert_cmpuint (hits->len, ==, 0);
  {
    g_autoptr (GError) error = NULL;

    f->store = hc_store_new (f->db_path, &error);
    g_assert_no_error (error);
    hc_destinations_section_set_store (f->section, f->store);
  }
}

/* Add Destination: the token entry hides what is typed; a bad address is
 * refused in a sentence with Add disabled; the token goes to the keyring
 * and nowhere else; the test instance flag is stored; Test Connection then
 * lists what SCIMMY supports. */
static void
test_add_and_test (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (HcDestination) stored = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *result = NULL;
  GtkWidget *dialog;
  GtkWidget *token;
  GtkWidget *text;
  gboolean failed;

  if (f->full == NULL)
    return;

  dialog = open_add (f);
  g_assert_false (save_enabled (dialog));
  g_assert_null (error_text (dialog));

  /* The token is typed into a password entry: dots, not the token. */
  token = child_named (dialog, "token");
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (token));
  type_into (dialog, "name", "Platform");
  type_into (dialog, "token", TOKEN);
  text = hc_gui_test_find_widget (token, is_text, NULL);
  g_assert_nonnull (text);
  g_assert_false (gtk_text_get_visibility (GTK_TEXT (text)));
  assert_not_shown (dialog, TOKEN);

  /* Not an address: a sentence, and Add waits. */
  type_into (dialog, "url", "scim.example.com/v2");
  g_assert_false (save_enabled (dialog));
  g_assert_nonnull (error_text (dialog));
  g_assert_nonnull (strstr (error_text (dialog), "https://"));
  g_assert_true (g_str_has_suffix (error_text (dialog), "."));
  /* Plain http away from this computer: refused too. */
  type_into (dialog, "url", "http://scim.example.com/v2");
  g_assert_false (save_enabled (dialog));
  g_assert_nonnull (strstr (error_text (dialog), "https://"));

  type_into (dialog, "url", hc_scim_server_get_base_url (f->full));
  g_assert_null (error_text (dialog));
  g_assert_true (save_enabled (dialog));
  gtk_switch_set_active (GTK_SWITCH (child_named (dialog, "test-instance")), TRUE);
  save (dialog);

  stored = find (f, "Platform");
  g_assert_cmpstr (stored->base_url, ==, hc_scim_server_get_base_url (f->full));
  g_assert_null (stored->basic_user);
  g_assert_true (stored->test_instance);
  g_assert_false (stored->delete_on_archive);
  secret = stored_secret (f, "Platform");
  g_assert_cmpstr (secret, ==, TOKEN);
  assert_not_in_files (f, TOKEN);

  /* The card: the test instance badge, the token nowhere. */
  g_assert_nonnull (hc_gui_test_find_widget (card_of (f, "Platform"), label_contains, "Test instance"));
  assert_not_shown (f->window, TOKEN);

  /* What SCIMMY says it supports, read from /ServiceProviderConfig,
   * /ResourceTypes and /Schemas. */
  result = test_connection (f, "Platform", &failed);
  g_assert_false (failed);
  g_assert_true (g_str_has_prefix (result, "Connected."));
  g_assert_nonnull (strstr (result, "Updates: PATCH"));
  g_assert_nonnull (strstr (result, "Search: yes"));
  g_assert_nonnull (strstr (result, "Bulk: yes"));
  g_assert_nonnull (strstr (result, "Enterprise attributes: yes"));
  g_assert_nonnull (strstr (result, "Groups: yes"));
  g_assert_nonnull (strstr (result, "Extensions: "));
  assert_not_shown (f->window, TOKEN);
}

/* Basic sign-in: a user name and a password, the password in the keyring;
 * the limited service then says what it lacks. */
static void
test_basic_limited (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (HcDestination) stored = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *result = NULL;
  GtkWidget *dialog;
  gboolean failed;

  if (f->full == NULL)
    return;

  dialog = open_add (f);
  /* The user name row shows only for Basic sign-in. */
  g_assert_false (gtk_widget_get_visible (child_named (dialog, "user")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child_named (dialog, "auth")), 1);
  g_assert_true (gtk_widget_get_visible (child_named (dialog, "user")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child_named (dialog, "token"))), ==,
                   "Password");
  type_into (dialog, "name", "Legacy");
  type_into (dialog, "url", hc_scim_server_get_base_url (f->limited));
  type_into (dialog, "token", BASIC_PASSWORD);
  /* No user name yet: Add waits. */
  g_assert_false (save_enabled (dialog));
  type_into (dialog, "user", BASIC_USER);
  assert_not_shown (dialog, BASIC_PASSWORD);
  save (dialog);

  stored = find (f, "Legacy");
  g_assert_cmpstr (stored->basic_user, ==, BASIC_USER);
  g_assert_false (stored->test_instance);
  secret = stored_secret (f, "Legacy");
  g_assert_cmpstr (secret, ==, BASIC_PASSWORD);
  assert_not_in_files (f, BASIC_PASSWORD);

  /* Signed in with Basic: the service answers, and lacks all five. */
  result = test_connection (f, "Legacy", &failed);
  g_assert_false (failed);
  g_assert_true (g_str_has_prefix (result, "Connected."));
  g_assert_nonnull (strstr (result, "Updates: PUT only"));
  g_assert_nonnull (strstr (result, "Search: no"));
  g_assert_nonnull (strstr (result, "Bulk: no"));
  g_assert_nonnull (strstr (result, "Enterprise attributes: no"));
  g_assert_nonnull (strstr (result, "Groups: no"));
  g_assert_null (strstr (result, "Extensions"));
  assert_not_shown (f->window, BASIC_PASSWORD);
}

static gboolean
no_dialog (gpointer data)
{
  return hc_gui_test_find_visible_toplevel (HC_TYPE_DESTINATION_DIALOG) == NULL;
}

static gboolean
prompt_shown (gpointer data)
{
  AdwMessageDialog *prompt = hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return prompt != NULL && g_strcmp0 (adw_message_dialog_get_heading (prompt), "Discard Changes?") == 0;
}

static void
answer_prompt (const char *response)
{
  AdwMessageDialog *prompt = hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (prompt);
  adw_message_dialog_response (prompt, response);
  hc_gui_test_spin_for (100);
}

/* Edit…: nothing of the token shown back; a blank token keeps it; the
 * address, the token, the test instance flag and the sign-in change; a
 * refused token is told in a sentence, not a code; changes unsaved ask
 * before they go. */
static void
test_edit (Fixture      *f,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  HcDestination destination = { 0 };
  GtkWidget *dialog;
  gboolean failed;

  if (f->full == NULL)
    return;

  destination.name = (char *) "Platform";
  destination.kind = (char *) "scim";
  destination.base_url = (char *) hc_scim_server_get_base_url (f->full);
  destination.id = hc_destination_add (f->store, &destination, &error);
  g_assert_no_error (error);
  g_assert_true (hc_secrets_store_sync (hc_store_get_workspace_id (f->store), hc_destination_secret_id (&destination),
                                        HC_SECRET_KIND_SCIM_TOKEN, "Headcount test", TOKEN, NULL, &error));
  g_assert_no_error (error);
  {
    /* What the destination holds of a member: forgotten with a new address. */
    HcDestinationMember record = { 0 };
    g_autoptr (HcMember) member = hc_member_new ();

    hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, "ana@example.com");
    g_assert_true (hc_store_add_member (f->store, member, &error));
    record.destination_id = destination.id;
    record.member_id = hc_member_get_id (member);
    record.scim_id = (char *) "scim-ana";
    record.status = HC_DESTINATION_IN_SYNC;
    g_assert_true (hc_destination_save_member (f->store, &record, &error));
    g_assert_no_error (error);
  }
  hc_destinations_section_reload (f->section);
  hc_gui_test_spin_for (100);

  /* Opened: what is stored, the token entry empty, Save ready. */
  dialog = open_edit (f, "Platform");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Platform");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_named (dialog, "url"))), ==,
                   hc_scim_server_get_base_url (f->full));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_named (dialog, "token"))), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child_named (dialog, "auth"))), ==, 0);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child_named (dialog, "test-instance"))));
  assert_not_shown (dialog, TOKEN);
  g_assert_true (save_enabled (dialog));

  /* Nothing changed: it closes without asking. */
  gtk_window_close (GTK_WINDOW (dialog));
  hc_gui_test_spin_for (100);
  g_assert_false (prompt_shown (NULL));
  g_assert_true (hc_gui_test_spin_until (no_dialog, NULL, WAIT_SECONDS));

  /* Changed, then closed: asks; Keep Editing keeps it; Discard loses the
   * change. */
  dialog = open_edit (f, "Platform");
  type_into (dialog, "url", "https://elsewhere.example.com/scim/v2");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (hc_gui_test_spin_until (prompt_shown, NULL, WAIT_SECONDS));
  answer_prompt ("cancel");
  g_assert_true (gtk_widget_get_visible (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (hc_gui_test_spin_until (prompt_shown, NULL, WAIT_SECONDS));
  answer_prompt ("discard");
  g_assert_true (hc_gui_test_spin_until (no_dialog, NULL, WAIT_SECONDS));
  {
    g_autoptr (HcDestination) kept = find (f, "Platform");

    g_assert_cmpstr (kept->base_url, ==, hc_scim_server_get_base_url (f->full));
  }

  /* A wrong token: stored in place of the right one; the test says so in
   * a sentence, without the HTTP status. */
  dialog = open_edit (f, "Platform");
  type_into (dialog, "token", "not-the-TOKEN-0000");
  gtk_switch_set_active (GTK_SWITCH (child_named (dialog, "test-instance")), TRUE);
  save (dialog);
  {
    g_autofree char *secret = stored_secret (f, "Platform");
    g_autoptr (HcDestination) edited = find (f, "Platform");
    g_autofree char *result = test_connection (f, "Platform", &failed);

    g_assert_cmpstr (secret, ==, "not-the-TOKEN-0000");
    g_assert_true (edited->test_instance);
    g_assert_true (failed);
    g_assert_nonnull (strstr (result, "Platform rejected"));
    g_assert_null (strstr (result, "401"));
    g_assert_null (strstr (result, "HTTP"));
    g_assert_null (strstr (result, "/ServiceProviderConfig"));
    g_assert_true (g_str_has_suffix (result, "."));
    assert_not_shown (f->window, "not-the-TOKEN-0000");
  }

  /* Another address and the right token: both stored; the member
   * records of the old address go. */
  dialog = open_edit (f, "Platform");
  assert_not_shown (dialog, "not-the-TOKEN-0000");
  type_into (dialog, "url", hc_scim_server_get_base_url (f->limited));
  type_into (dialog, "token", TOKEN);
  save (dialog);
  {
    g_autofree char *secret = stored_secret (f, "Platform");
    g_autoptr (HcDestination) edited = find (f, "Platform");
    g_autoptr (GHashTable) records = hc_destination_list_members (f->store, edited->id, &error);
    g_autofree char *result = test_connection (f, "Platform", &failed);

    g_assert_cmpstr (secret, ==, TOKEN);
    g_assert_cmpstr (edited->base_url, ==, hc_scim_server_get_base_url (f->limited));
    g_assert_cmpuint (g_hash_table_size (records), ==, 0);
    g_assert_false (failed);
    g_assert_nonnull (strstr (result, "Groups: no"));
  }

  /* Basic sign-in instead of the token: the password must be typed (the
   * stored token is no password); then it is stored with the user. */
  dialog = open_edit (f, "Platform");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child_named (dialog, "auth")), 1);
  type_into (dialog, "user", BASIC_USER);
  g_assert_false (save_enabled (dialog));
  g_assert_nonnull (strstr (error_text (dialog), "password"));
  type_into (dialog, "token", BASIC_PASSWORD);
  g_assert_true (save_enabled (dialog));
  save (dialog);
  {
    g_autofree char *secret = stored_secret (f, "Platform");
    g_autoptr (HcDestination) edited = find (f, "Platform");
    g_autofree char *result = test_connection (f, "Platform", &failed);

    g_assert_cmpstr (secret, ==, BASIC_PASSWORD);
    g_assert_cmpstr (edited->basic_user, ==, BASIC_USER);
    g_assert_false (failed);
  }

  /* Blank token again: the password stays; the test instance flag off. */
  dialog = open_edit (f, "Platform");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_named (dialog, "user"))), ==, BASIC_USER);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_named (dialog, "token"))), ==, "");
  assert_not_shown (dialog, BASIC_PASSWORD);
  gtk_switch_set_active (GTK_SWITCH (child_named (dialog, "test-instance")), FALSE);
  save (dialog);
  {
    g_autofree char *secret = stored_secret (f, "Platform");
    g_autoptr (HcDestination) edited = find (f, "Platform");

    g_assert_cmpstr (secret, ==, BASIC_PASSWORD);
    g_assert_false (edited->test_instance);
  }
  assert_not_in_files (f, BASIC_PASSWORD);
  assert_not_in_files (f, TOKEN);
}

/* Add Destination started, then closed: asks first. */
static void
test_add_discard (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GPtrArray) list = NULL;
  GtkWidget *dialog;

  if (f->full == NULL)
    return;

  dialog = open_add (f);
  gtk_window_close (GTK_WINDOW (dialog));
  hc_gui_test_spin_for (100);
  g_assert_false (prompt_shown (NULL));
  g_assert_true (hc_gui_test_spin_until (no_dialog, NULL, WAIT_SECONDS));

  dialog = open_add (f);
  type_into (dialog, "token", TOKEN);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (hc_gui_test_spin_until (prompt_shown, NULL, WAIT_SECONDS));
  /* The prompt does not quote the token either. */
  {
    AdwMessageDialog *prompt = hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_null (strstr (adw_message_dialog_get_body (prompt), TOKEN));
  }
  answer_prompt ("discard");
  g_assert_true (hc_gui_test_spin_until (no_dialog, NULL, WAIT_SECONDS));
  list = hc_destination_list (f->store, NULL);
  g_assert_cmpuint (list->len, ==, 0);
}

typedef struct
{
  gboolean done;
  gboolean failed;
  char    *message;
} Finished;

static void
finished_cb (HcSyncFlow *flow,
             const char *message,
             gboolean    changed,
             gboolean    failed,
             HcSyncRun  *run,
             Finished   *finished)
{
  finished->done = TRUE;
  finished->failed = failed;
  finished->message = g_strdup (message);
}

static gboolean
flow_done (gpointer data)
{
  return ((Finished *) data)->done;
}

/* A sync in the window delivers to the destinations once applied, as
 * sync does in the command line: the users are on the service (read back
 * from its /Users), and the card says when it delivered. */
static void
test_sync_delivers (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcSyncFlow) flow = NULL;
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (HcDestination) stored = NULL;
  HcDestination destination = { 0 };
  Finished finished = { 0 };
  guint with_email = 0;
  gint64 cid;

  if (f->full == NULL)
    return;

  cid = hc_store_add_connector (f->store, "Demo company", "demo", NULL, config, FALSE, &error);
  g_assert_no_error (error);
  destination.name = (char *) "Platform";
  destination.kind = (char *) "scim";
  destination.base_url = (char *) hc_scim_server_get_base_url (f->full);
  destination.id = hc_destination_add (f->store, &destination, &error);
  g_assert_no_error (error);
  g_assert_true (hc_secrets_store_sync (hc_store_get_workspace_id (f->store), hc_destination_secret_id (&destination),
                                        HC_SECRET_KIND_SCIM_TOKEN, "Headcount test", TOKEN, NULL, &error));
  g_assert_no_error (error);
  hc_destinations_section_reload (f->section);

  flow = hc_sync_flow_new (f->store, GTK_WINDOW (f->window));
  g_signal_connect (flow, "finished", G_CALLBACK (finished_cb), &finished);
  g_assert_true (hc_sync_flow_start (flow, cid, TRUE));
  g_assert_true (hc_gui_test_spin_until (flow_done, &finished, 240));
  g_assert_false (finished.failed);
  g_assert_null (strstr (finished.message, "Not everything"));

  /* Every member with an e-mail and access is a user there. */
  members = hc_store_list_members (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);
      const char *email = hc_member_get_email (member);

      if (email != NULL && *email != '\0' && hc_member_get_has_access (member) &&
          hc_member_get_state (member) != HC_MEMBER_STATE_ARCHIVED)
        with_email++;
    }
  g_assert_cmpuint (with_email, >, 0);
  users = hc_scim_server_list_users (f->full);
  g_assert_cmpuint (users->len, ==, with_email);

  stored = find (f, "Platform");
  g_assert_cmpint (stored->last_delivery_at, >, 0);
  g_assert_null (stored->last_error);
  hc_gui_test_spin_for (200);
  g_assert_nonnull (hc_gui_test_find_widget (card_of (f, "Platform"), label_contains, "last delivery"));
  g_free (finished.message);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    g_error ("this test needs a display: run it under xvfb-run");

  session = hc_test_session_start_private ("hc-scim-gui-session-XXXXXX", &root);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", hc_test_session_get_bus_address (session), TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("HEADCOUNT_HTTP_POLICY", "connect=5,read=5,attempts=2,total=10,delay=10", TRUE);
  /* 127.0.0.1 direct, whatever the machine's proxy */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/scim-gui/add-and-test", Fixture, NULL, fixture_setup, test_add_and_test, fixture_teardown);
  g_test_add ("/scim-gui/basic-limited", Fixture, NULL, fixture_setup, test_basic_limited, fixture_teardown);
  g_test_add ("/scim-gui/edit", Fixture, NULL, fixture_setup, test_edit, fixture_teardown);
  g_test_add ("/scim-gui/sync-delivers", Fixture, NULL, fixture_setup, test_sync_delivers, fixture_teardown);
  g_test_add ("/scim-gui/add-discard", Fixture, NULL, fixture_setup, test_add_discard, fixture_teardown);

  status = g_test_run ();

  hc_scim_server_stop_for_test ();
  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
