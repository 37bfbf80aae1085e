/* test-gui-connectors.c — the Add Connector dialog and the card's
 * Disconnect against each vendor's fake and a real gnome-keyring-daemon:
 * test connection (good and wrong secret), save, sync from the window,
 * disconnect (the secret goes, the members stay)
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-connector-dialog.h"
#include "hc-connector-kind.h"
#include "hc-connector-secret.h"
#include "hc-fake-apideck.h"
#include "hc-fake-bamboohr.h"
#include "hc-fake-deel.h"
#include "hc-fake-hibob.h"
#include "hc-fake-hris.h"
#include "hc-fake-lucca.h"
#include "hc-fake-merge.h"
#include "hc-fake-personio.h"
#include "hc-fake-personio-v2.h"
#include "hc-fake-workday.h"
#include "hc-gui-test.h"
#include "hc-secrets.h"
#include "hc-test-keyring.h"
#include "hc-window.h"

#define WAIT_SECONDS 30
#define N_PEOPLE 40


/* Each HR system: its fake, and the titles of the dialog's rows that take
 * the subdomain, the client id, the secret and the address. */
typedef struct
{
  const char *kind;
  const char *vendor;
  gpointer (*fake_new)(GPtrArray *people);
  const char *(*fake_base_url)(gpointer fake);
  void (*fake_free)(gpointer fake);
  const char *subdomain;
  const char *client_id;
  const char *secret;
  const char *subdomain_row;
  const char *client_id_row;
  const char *secret_row;
  const char *base_url_row;
  const char *secret2_row;   /* a second secret (Merge): the second line of @secret */
  const char *refused;       /* the HTTP status that refuses a wrong secret, NULL for "401" */
  /* The kind's own settings (Apideck's ids): the rows' titles and what
   * goes in them, pairs ending with NULL. */
  const char *own[7];
} Vendor;

#define VENDOR_WRAPPERS(k) \
  static gpointer k ## _new (GPtrArray * people) { return hc_fake_ ## k ## _new (people); } \
  static const char *k ## _base_url (gpointer fake) { return hc_fake_ ## k ## _get_base_url (fake); } \
  static void k ## _free (gpointer fake) { hc_fake_ ## k ## _free (fake); }

VENDOR_WRAPPERS (personio)
VENDOR_WRAPPERS (bamboohr)
VENDOR_WRAPPERS (hibob)
VENDOR_WRAPPERS (lucca)
VENDOR_WRAPPERS (workday)
VENDOR_WRAPPERS (deel)
VENDOR_WRAPPERS (merge)
VENDOR_WRAPPERS (personio_v2)
VENDOR_WRAPPERS (apideck)

#define FAKE(k, K) k ## _new, k ## _base_url, k ## _free, \
  HC_FAKE_ ## K ## _SUBDOMAIN, HC_FAKE_ ## K ## _CLIENT_ID, HC_FAKE_ ## K ## _SECRET

static const Vendor vendors[] = {
  { "personio", "Personio", FAKE (personio, PERSONIO),
    NULL, "Client ID", "Client secret", "API address" },
  { "bamboohr", "BambooHR", FAKE (bamboohr, BAMBOOHR),
    "Company subdomain", NULL, "API key", "Server address" },
  { "hibob", "HiBob", FAKE (hibob, HIBOB),
    NULL, "Service user ID", "Service user token", "API address" },
  { "lucca", "Lucca", FAKE (lucca, LUCCA),
    "Lucca domain", NULL, "API key", "Server address" },
  { "workday", "Workday", FAKE (workday, WORKDAY),
    NULL, "Integration user", "Password", "Report address" },
  { "deel", "Deel", FAKE (deel, DEEL),
    NULL, NULL, "API token", "API address" },
  { "merge", "Merge", FAKE (merge, MERGE),
    NULL, NULL, "Merge API key", "API address", "Account token" },
  /* Personio refuses unknown API v2 credentials with 400 invalid_client. */
  { "personio-v2", "Personio", FAKE (personio_v2, PERSONIO_V2),
    NULL, "Client ID", "Client secret", "API address", NULL, "400" },
  /* Through a unified API: the API key, and the ids of the application,
   * the consumer and the service in rows of their own. */
  { "apideck", "Apideck", apideck_new, apideck_base_url, apideck_free,
    NULL, NULL, HC_FAKE_APIDECK_SECRET,
    NULL, NULL, "Apideck API key", "API address", NULL, NULL,
    { "Application ID", HC_FAKE_APIDECK_APP_ID, "Consumer ID", HC_FAKE_APIDECK_CONSUMER_ID,
      "Service ID", HC_FAKE_APIDECK_SERVICE_ID, NULL } },
};

static HcTestSession *session;
static char *root;

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
not_testing (gpointer data)
{
  return !hc_connector_dialog_get_testing (data);
}

static void
type_into (HcConnectorDialog *dialog,
           const char        *title,
           const char        *text)
{
  GtkWidget *row = hc_gui_test_find_widget (GTK_WIDGET (dialog), hc_gui_test_is_row_titled, (gpointer) title);

  g_assert_nonnull (row);
  g_assert_true (GTK_IS_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The secret into its row, or, one line each, into the two rows of a
 * kind with two secrets. */
static void
type_secret (HcConnectorDialog *dialog,
             const Vendor      *v,
             const char        *secret)
{
  g_auto (GStrv) parts = g_strsplit (secret, "\n", 2);

  if (v->secret2_row == NULL)
    {
      type_into (dialog, v->secret_row, secret);
      return;
    }
  type_into (dialog, v->secret_row, parts[0]);
  type_into (dialog, v->secret2_row, parts[1] != NULL ? parts[1] : parts[0]);
}

static void
saved_cb (HcConnectorDialog *dialog,
          gint64             id,
          gboolean           added,
          gpointer           user_data)
{
  gint64 *slot = user_data;

  *slot = id;
}

static gboolean
id_set (gpointer data)
{
  return *(gint64 *) data > 0;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_add_sync_disconnect (gconstpointer data)
{
  const Vendor *v = data;
  g_autofree char *db_path = g_build_filename (root, v->kind, "acme.db", NULL);
  g_autofree char *name = g_strdup_printf ("%s (Acme)", v->vendor);
  g_autoptr (GPtrArray) people = hc_fake_people_new (N_PEOPLE);
  gpointer fake = v->fake_new (people);
  const char *secret_kind = hc_connector_kind_lookup (v->kind)->secret_kind;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (db_path, &error);
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcSecret) secret = NULL;
  g_autofree char *base_url = NULL;
  HcConnectorDialog *dialog;
  HcWindow *window;
  GtkWidget *message;
  gint64 id = 0;
  guint n_managed = 0;
  const char *refused = v->refused ? v->refused : "401";

  g_assert_no_error (error);

  /* Add Connector → the vendor */
  dialog = hc_connector_dialog_new_add (store);
  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), &id);
  gtk_window_present (GTK_WINDOW (dialog));
  /* Nothing to save before a kind is chosen and its fields are filled */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL) &&
                  id > 0);
  hc_connector_dialog_choose_kind (dialog, v->kind);
  g_assert_cmpstr (hc_connector_dialog_get_kind (dialog), ==, v->kind);

  type_into (dialog, "Connector Name", name);
  if (v->subdomain_row != NULL)
    type_into (dialog, v->subdomain_row, v->subdomain);
  if (v->client_id_row != NULL)
    type_into (dialog, v->client_id_row, v->client_id);
  type_into (dialog, v->base_url_row, v->fake_base_url (fake));
  for (guint i = 0; v->own[i] != NULL; i += 2)
    type_into (dialog, v->own[i], v->own[i + 1]);

  /* A wrong secret: the test says so, naming the vendor and the status */
  type_secret (dialog, v, "wrong-SECRET-42");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.test", NULL));
  g_assert_true (hc_connector_dialog_get_testing (dialog));
  g_assert_true (hc_gui_test_spin_until (not_testing, dialog, WAIT_SECONDS));
  g_assert_nonnull (strstr (hc_connector_dialog_get_test_result (dialog), v->vendor));
  g_assert_nonnull (strstr (hc_connector_dialog_get_test_result (dialog), refused));
  g_assert_null (strstr (hc_connector_dialog_get_test_result (dialog), "wrong-SECRET-42"));
  /* Words on the row; the status and the path under "Technical details". */
  {
    AdwActionRow *test_row = hc_gui_test_template_child (GTK_WIDGET (dialog), "test_row");
    GtkWidget *expander = hc_gui_test_template_child (GTK_WIDGET (dialog), "technical_expander");
    GtkLabel *technical = hc_gui_test_template_child (GTK_WIDGET (dialog), "technical_label");

    g_assert_nonnull (strstr (adw_action_row_get_subtitle (test_row), v->vendor));
    g_autofree char *technical_start = g_strdup_printf ("HTTP %s /", refused);

    g_assert_null (strstr (adw_action_row_get_subtitle (test_row), refused));
    g_assert_true (gtk_widget_get_visible (expander));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (technical), technical_start));
  }

  /* The right one: connected */
  type_secret (dialog, v, v->secret);
  g_assert_null (hc_connector_dialog_get_test_result (dialog));
  g_assert_false (gtk_widget_get_visible (hc_gui_test_template_child (GTK_WIDGET (dialog), "technical_expander")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.test", NULL));
  g_assert_true (hc_gui_test_spin_until (not_testing, dialog, WAIT_SECONDS));
  g_assert_nonnull (strstr (hc_connector_dialog_get_test_result (dialog), "Connected"));

  /* Save: the store gets the settings, the keyring the secret */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_true (hc_gui_test_spin_until (id_set, &id, WAIT_SECONDS));
  info = hc_store_get_connector (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, name);
  g_assert_cmpstr (info->kind, ==, v->kind);
  base_url = hc_connector_info_dup_setting (info, "base_url");
  g_assert_cmpstr (base_url, ==, v->fake_base_url (fake));
  g_assert_null (strstr (info->settings, v->secret));
  /* the kind's own settings, by their keys */
  for (guint i = 0; v->own[i] != NULL; i += 2)
    g_assert_nonnull (strstr (info->settings, v->own[i + 1]));
  /* (both items of a kind with two secrets) */
  secret = hc_connector_secret_lookup_sync (hc_store_get_workspace_id (store), id,
                                            hc_connector_kind_lookup (v->kind), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  g_assert_true (g_str_equal (secret, v->secret));

  /* Sync from the window, confirmed as the first-sync dialog would be */
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

  /* The secret is in no file of the workspace */
  {
    g_autofree char *dir = g_path_get_dirname (db_path);
    g_auto (GStrv) parts = g_strsplit (v->secret, "\n", -1);

    /* each of two secrets as well */
    for (guint i = 0; parts[i] != NULL; i++)
      {
        g_autoptr (GPtrArray) hits = hc_test_find_in_tree (dir, parts[i], NULL);

        g_assert_cmpuint (hits->len, ==, 0);
        g_assert_false (file_contains (db_path, parts[i]));
      }
  }

  /* Disconnect: a confirmation that names the members, then the connector
   * and its secret go and the members stay (rules.md 13) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.disconnect-connector",
                                             "x", id));
  message = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
          message = GTK_WIDGET (w);
      }
  }
  g_assert_nonnull (message);
  {
    g_autofree char *count = g_strdup_printf ("%u members", n_managed);

    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), count));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "no longer managed"));
    /* an HR admin's words: the API credentials, not "its secret" */
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "API credentials"));
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "disconnect");
  {
    gboolean gone = FALSE;
    gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

    while (!gone && g_get_monotonic_time () < deadline)
      {
        g_autoptr (HcSecret) left = NULL;

        g_main_context_iteration (NULL, FALSE);
        left = hc_secrets_lookup_sync (hc_store_get_workspace_id (store), id,
                                       secret_kind, NULL, NULL);
        gone = left == NULL;
      }
    g_assert_true (gone);
  }
  g_assert_null (hc_store_get_connector (store, id, NULL));
  g_assert_cmpuint (hc_store_count_members (store, -1), >=, n_managed);
  /* they stay, previously managed (the orange warning), not managed */
  {
    g_autoptr (GPtrArray) left = hc_store_list_members (store, NULL);
    guint previously = 0, managed = 0;

    for (guint i = 0; i < left->len; i++)
      {
        HcHrStatus status = hc_member_get_hr_status (g_ptr_array_index (left, i));

        previously += status == HC_HR_STATUS_PREVIOUSLY_MANAGED;
        managed += status == HC_HR_STATUS_MANAGED;
      }
    g_assert_cmpuint (previously, ==, n_managed);
    g_assert_cmpuint (managed, ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  v->fake_free (fake);
  (void) flag_set;
}

/* Apideck's ids: what is missing and what is wrong is said in a sentence
 * naming the field, before any request. */
static void
test_apideck_fields (void)
{
  g_autofree char *db_path = g_build_filename (root, "apideck-fields", "acme.db", NULL);
  g_autoptr (GPtrArray) people = hc_fake_people_new (3);
  g_autoptr (HcFakeApideck) fake = hc_fake_apideck_new (people);
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (db_path, &error);
  const Vendor *v = &vendors[G_N_ELEMENTS (vendors) - 1];
  AdwActionRow *test_row;
  HcConnectorDialog *dialog;
  gint64 id = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (v->kind, ==, "apideck");
  dialog = hc_connector_dialog_new_add (store);
  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), &id);
  gtk_window_present (GTK_WINDOW (dialog));
  hc_connector_dialog_choose_kind (dialog, "apideck");
  test_row = hc_gui_test_template_child (GTK_WIDGET (dialog), "test_row");

  /* The required ids first, by name; the service ID is optional. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (test_row), "“Application ID”"));
  type_into (dialog, "Application ID", HC_FAKE_APIDECK_APP_ID);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (test_row), "“Consumer ID”"));
  type_into (dialog, "Consumer ID", "fake consumer 0001");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (test_row), "“Apideck API key”"));
  type_into (dialog, "Apideck API key", HC_FAKE_APIDECK_SECRET);
  type_into (dialog, "API address", hc_fake_apideck_get_base_url (fake));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (test_row), "Checks the credentials"));

  /* An id with spaces: refused before any request, naming it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.test", NULL));
  g_assert_true (hc_gui_test_spin_until (not_testing, dialog, WAIT_SECONDS));
  g_assert_nonnull (strstr (hc_connector_dialog_get_test_result (dialog),
                            "“Consumer ID” is one word, without spaces"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  hc_gui_test_spin_for (50);
  g_assert_null (hc_connector_dialog_get_add_anyway (dialog));
  g_assert_cmpint (id, ==, 0);
  type_into (dialog, "Service ID", "bamboo hr");
  type_into (dialog, "Consumer ID", HC_FAKE_APIDECK_CONSUMER_ID);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.test", NULL));
  g_assert_true (hc_gui_test_spin_until (not_testing, dialog, WAIT_SECONDS));
  g_assert_nonnull (strstr (hc_connector_dialog_get_test_result (dialog), "“Service ID” is one word"));

  /* Right: connected, and added. */
  type_into (dialog, "Service ID", HC_FAKE_APIDECK_SERVICE_ID);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.test", NULL));
  g_assert_true (hc_gui_test_spin_until (not_testing, dialog, WAIT_SECONDS));
  g_assert_nonnull (strstr (hc_connector_dialog_get_test_result (dialog), "Connected"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_true (hc_gui_test_spin_until (id_set, &id, WAIT_SECONDS));
}

static gboolean
is_row_exactly (GtkWidget *widget,
                gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The HR systems to choose from: direct connectors first, then those
 * "Through a unified API"; each says what it asks for, and shows its
 * vendor's own steps for getting the credentials. */
static void
test_choose_kinds (void)
{
  g_autofree char *db_path = g_build_filename (root, "choose", "acme.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (db_path, &error);
  const HcConnectorKind *kinds = hc_connector_kind_list ();
  /* the vendor's own words in its steps */
  const char *steps[][2] = {
    { "payfit", "employee id only" },
    { "deel", "Developer Center" },
    { "personio-v2", "API v2 credentials" },
    { "apideck", "Configuration → API keys" },
    { "merge", "Linked Accounts" },
  };
  GtkWidget *direct, *unified = NULL;
  guint n_direct = 0, n_unified = 0;

  g_assert_no_error (error);
  for (guint i = 0; kinds[i].kind != NULL; i++)
    {
      HcConnectorDialog *dialog;
      GtkWidget *row, *group;

      if (!hc_connector_kind_is_remote (kinds[i].kind))
        continue;
      dialog = hc_connector_dialog_new_add (store);
      gtk_window_present (GTK_WINDOW (dialog));
      direct = hc_gui_test_template_child (GTK_WIDGET (dialog), "kinds_group");
      row = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_exactly, (gpointer) kinds[i].vendor_name);
      g_assert_nonnull (row);
      g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
      group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
      if (kinds[i].unified)
        {
          GtkWidget *after = direct;

          g_assert_true (group != direct);
          g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                           "Through a unified API");
          /* below the direct ones */
          while (after != NULL && after != group)
            after = gtk_widget_get_next_sibling (after);
          g_assert_true (after == group);
          unified = group;
          n_unified++;
        }
      else
        {
          g_assert_true (group == direct);
          n_direct++;
        }

      /* Chosen: the vendor's steps above its fields. */
      g_signal_emit_by_name (row, "activated");
      g_assert_cmpstr (hc_connector_dialog_get_kind (dialog), ==, kinds[i].kind);
      group = hc_gui_test_template_child (GTK_WIDGET (dialog), "connection_group");
      g_assert_nonnull (kinds[i].where_to_find);
      g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                       kinds[i].where_to_find);
      for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
        if (g_str_equal (steps[k][0], kinds[i].kind))
          g_assert_nonnull (strstr (kinds[i].where_to_find, steps[k][1]));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_assert_nonnull (unified);
  g_assert_cmpuint (n_unified, ==, 2);   /* Merge, Apideck */
  g_assert_cmpuint (n_direct, >=, 8);    /* Personio (v1, v2), BambooHR, HiBob, Lucca, Workday, Deel, PayFit */
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    g_error ("this test needs a display: run it under xvfb-run");

  session = hc_test_session_start_private ("hc-gui-connectors-XXXXXX", &root);
  /* Before GTK and libsecret look at the bus. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", hc_test_session_get_bus_address (session), TRUE);
  /* The private bus has no accessibility bus on it. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("HEADCOUNT_HTTP_POLICY", "connect=5,read=5,attempts=2,total=10,delay=10", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (vendors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gui/connectors/%s/add-sync-disconnect", vendors[i].kind);

      g_test_add_data_func (path, &vendors[i], test_add_sync_disconnect);
    }

  g_test_add_func ("/gui/connectors/apideck/fields", test_apideck_fields);
  g_test_add_func ("/gui/connectors/choose", test_choose_kinds);

  status = g_test_run ();

  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
