/* test-gui-workspaces.c — workspaces in the app: switch (title, menu,
 * last-workspace), new-name checks, rename (the connector and its secret
 * stay reachable), delete (confirmation naming what goes; the database and
 * the secrets go) — with a real gnome-keyring-daemon
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-application.h"
#include "hc-gui-test.h"
#include "hc-secrets.h"
#include "hc-session.h"
#include "hc-test-keyring.h"
#include "hc-window.h"
#include "hc-workspace.h"
#include "hc-workspace-dialog.h"

#define WAIT_SECONDS 30
#define SECRET "acme-SECRET-0042"

static HcTestSession *session;
static char *root;
/* One application for the binary: it stays on the bus once registered. */
static HcApplication *app;

typedef struct
{
  char          *data_dir;
  HcApplication *app;
} Fixture;

/* The one HcWindow showing @data (a workspace name), or NULL. */
static HcWindow *
find_window (const char *workspace)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      g_autofree char *name = NULL;

      if (!HC_IS_WINDOW (window))
        continue;
      g_object_get (window, "workspace", &name, NULL);
      if (g_strcmp0 (name, workspace) == 0)
        return HC_WINDOW (window);
    }
  return NULL;
}

static gboolean
window_shown (gpointer data)
{
  return find_window (data) != NULL;
}

static guint
count_hc_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (HC_IS_WINDOW (window))
        n++;
    }
  return n;
}

static gboolean
is_label_containing (GtkWidget *widget,
                     gpointer   data)
{
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_is_visible (widget))
    return FALSE;
  text = gtk_label_get_text (GTK_LABEL (widget));
  return text != NULL && strstr (text, data) != NULL;
}

static gboolean
window_shows_label (gpointer data)
{
  gpointer *args = data;
  HcWindow *window = find_window (args[0]);

  return window != NULL && hc_gui_test_find_widget (GTK_WIDGET (window), is_label_containing, args[1]) != NULL;
}

static char *
dup_workspace_id (const char *data_dir,
                  const char *workspace)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = hc_store_build_path (data_dir, workspace, &error);
  g_autoptr (HcStore) store = hc_store_new (path, &error);

  g_assert_no_error (error);
  return g_strdup (hc_store_get_workspace_id (store));
}

/* A Personio connector (id 1) with its secret in the keyring. */
static void
add_connector_with_secret (const char *data_dir,
                           const char *workspace)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = hc_store_build_path (data_dir, workspace, &error);
  g_autoptr (HcStore) store = hc_store_new (path, &error);
  gint64 id;

  g_assert_no_error (error);
  id = hc_store_add_connector (store, "Paris HR", "personio",
                               "{\"base_url\":\"http://127.0.0.1:9\",\"client_id\":\"c\"}",
                               NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);
  hc_secrets_store_sync (hc_store_get_workspace_id (store), id, HC_SECRET_KIND_CLIENT_SECRET,
                         NULL, SECRET, NULL, &error);
  g_assert_no_error (error);
}

static char *
lookup_secret (const char *workspace_id)
{
  g_autoptr (GError) error = NULL;
  char *secret = hc_secrets_lookup_sync (workspace_id, 1, HC_SECRET_KIND_CLIENT_SECRET, NULL, &error);

  g_assert_no_error (error);
  return secret;
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  static guint n;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("data-%u", n++);

  fixture->data_dir = g_build_filename (root, name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->data_dir, 0700), ==, 0);
  g_setenv ("HEADCOUNT_DATA_DIR", fixture->data_dir, TRUE);

  fixture->app = g_object_ref (app);

  g_assert_true (hc_workspace_create (fixture->data_dir, "acme", &error));
  g_assert_no_error (error);
  g_assert_true (hc_workspace_create (fixture->data_dir, "beta", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  g_clear_object (&fixture->app);
  g_clear_pointer (&fixture->data_dir, g_free);
}

static void
test_switch (Fixture      *fixture,
             gconstpointer data)
{
  HcWindow *window = hc_application_open_workspace (fixture->app, "acme", NULL);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *workspace = NULL;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "acme — Headcount");
  g_assert_cmpstr (g_settings_get_string (settings, "last-workspace"), ==, "acme");

  /* the menu's radio item: win.workspace "beta" */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.workspace", "s", "beta"));
  g_assert_true (hc_gui_test_spin_until (window_shown, "beta", WAIT_SECONDS));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &window, WAIT_SECONDS));
  g_assert_cmpuint (count_hc_windows (), ==, 1);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (find_window ("beta"))), ==, "beta — Headcount");
  g_assert_cmpstr (g_settings_get_string (settings, "last-workspace"), ==, "beta");

  /* the same one again: nothing happens */
  window = find_window ("beta");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workspace", "s", "beta");
  g_main_context_iteration (NULL, FALSE);
  g_assert_true (find_window ("beta") == window);
  g_object_get (window, "workspace", &workspace, NULL);
  g_assert_cmpstr (workspace, ==, "beta");
}

/* "Try the Demo Company" from a customer's workspace: the sample people go
 * into a workspace of their own, never into acme's. */
static void
test_demo_workspace (Fixture      *fixture,
                     gconstpointer data)
{
  HcWindow *window = hc_application_open_workspace (fixture->app, "acme", NULL);
  g_autofree char *acme_path = hc_store_build_path (fixture->data_dir, "acme", NULL);
  HcWindow *demo;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-demo", NULL));
  g_assert_true (hc_gui_test_spin_until (window_shown, HC_DEMO_WORKSPACE, WAIT_SECONDS));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &window, WAIT_SECONDS));
  demo = find_window (HC_DEMO_WORKSPACE);
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, demo, WAIT_SECONDS));
  g_assert_true (hc_workspace_exists (fixture->data_dir, HC_DEMO_WORKSPACE));
  g_assert_cmpuint (hc_store_count_members (hc_window_get_store (demo), -1), >, 0);

  /* acme has nobody */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (HcStore) acme = hc_store_new (acme_path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hc_store_count_members (acme, -1), ==, 0);
  }

  /* In the demo workspace it stays there: a second click syncs again
   * (its preview, as it synced before), in the same window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (demo), "win.connect-demo", NULL));
  g_assert_true (hc_sync_flow_get_busy (hc_window_get_sync_flow (demo)));
  hc_gui_test_spin_for (200);
  g_assert_true (find_window (HC_DEMO_WORKSPACE) == demo);
  g_assert_cmpuint (count_hc_windows (), ==, 1);
  hc_sync_flow_cancel (hc_window_get_sync_flow (demo));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, demo, WAIT_SECONDS));
}

static void
test_name_dialog (Fixture      *fixture,
                  gconstpointer data)
{
  HcWorkspaceDialog *dialog = hc_workspace_dialog_new (NULL, fixture->data_dir, NULL);

  g_assert_nonnull (hc_workspace_dialog_get_problem (dialog));     /* empty */
  hc_workspace_dialog_set_name (dialog, "acme");
  g_assert_nonnull (strstr (hc_workspace_dialog_get_problem (dialog), "exists already"));
  hc_workspace_dialog_set_name (dialog, "a/b");
  g_assert_nonnull (strstr (hc_workspace_dialog_get_problem (dialog), "not a valid workspace name"));
  hc_workspace_dialog_set_name (dialog, "customer-2");
  g_assert_null (hc_workspace_dialog_get_problem (dialog));
  /* names as people write them (rules.md 33) */
  hc_workspace_dialog_set_name (dialog, "Acme Corp");
  g_assert_null (hc_workspace_dialog_get_problem (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* renaming to its own name is no change */
  dialog = hc_workspace_dialog_new (NULL, fixture->data_dir, "acme");
  g_assert_cmpstr (hc_workspace_dialog_get_name (dialog), ==, "acme");
  g_assert_nonnull (hc_workspace_dialog_get_problem (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
workspace_renamed_cb (HcSession  *session,
                      const char *name,
                      gpointer    user_data)
{
  char **renamed_to = user_data;

  g_free (*renamed_to);
  *renamed_to = g_strdup (name);
}

static void
test_rename (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *renamed_to = NULL;
  HcStore *store;
  g_autofree char *workspace_id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *old_path = NULL;
  HcWindow *window;
  gpointer args[2] = { "beta", "exists already" };

  add_connector_with_secret (fixture->data_dir, "acme");
  workspace_id = dup_workspace_id (fixture->data_dir, "acme");
  old_path = hc_store_build_path (fixture->data_dir, "acme", NULL);

  /* onto a taken name: refused, acme opens again and says why */
  window = hc_application_open_workspace (fixture->app, "acme", NULL);
  hc_application_rename_workspace (fixture->app, window, "beta");
  args[0] = "acme";
  g_assert_true (hc_gui_test_spin_until (window_shows_label, args, WAIT_SECONDS));
  g_assert_true (g_file_test (old_path, G_FILE_TEST_IS_REGULAR));

  /* The rename keeps the window and its store: the session says
   * "workspace-renamed", and the title and the menu follow. */
  window = find_window ("acme");
  store = hc_window_get_store (window);
  g_signal_connect (hc_session_get_for_store (store), "workspace-renamed",
                    G_CALLBACK (workspace_renamed_cb), &renamed_to);
  hc_application_rename_workspace (fixture->app, window, "Acme Corp");
  g_assert_cmpstr (renamed_to, ==, "Acme Corp");
  args[0] = "Acme Corp";
  args[1] = "Workspace renamed to “Acme Corp”";
  g_assert_true (hc_gui_test_spin_until (window_shows_label, args, WAIT_SECONDS));
  g_assert_true (find_window ("Acme Corp") == window);
  g_assert_true (hc_window_get_store (window) == store);
  g_assert_false (hc_store_is_closed (store));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Acme Corp — Headcount");
  g_assert_true (hc_workspace_exists (fixture->data_dir, "Acme Corp"));
  g_clear_pointer (&renamed_to, g_free);

  hc_application_rename_workspace (fixture->app, window, "acme-corp");
  g_assert_cmpstr (renamed_to, ==, "acme-corp");
  args[0] = "acme-corp";
  args[1] = "Workspace renamed to “acme-corp”";
  g_assert_true (hc_gui_test_spin_until (window_shows_label, args, WAIT_SECONDS));
  g_assert_true (find_window ("acme-corp") == window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "acme-corp — Headcount");
  g_assert_false (hc_workspace_exists (fixture->data_dir, "Acme Corp"));
  g_signal_handlers_disconnect_by_func (hc_session_get_for_store (store), workspace_renamed_cb, &renamed_to);
  g_assert_cmpuint (count_hc_windows (), ==, 1);
  g_assert_false (g_file_test (old_path, G_FILE_TEST_EXISTS));
  g_assert_false (hc_workspace_exists (fixture->data_dir, "acme"));

  /* same database: the connector is there, its secret still reachable */
  g_assert_cmpuint (hc_connectors_page_get_n_connectors (hc_window_get_connectors_page (window)), ==, 1);
  g_assert_cmpstr (hc_store_get_workspace_id (hc_window_get_store (window)), ==, workspace_id);
  secret = lookup_secret (workspace_id);
  g_assert_cmpstr (secret, ==, SECRET);
}

static void
test_delete (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *acme_id = NULL;
  g_autofree char *beta_id = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *path = NULL;
  HcWindow *window;
  GtkWindow *dialog;
  gpointer args[2] = { "beta", "Workspace “acme” deleted" };

  add_connector_with_secret (fixture->data_dir, "acme");
  add_connector_with_secret (fixture->data_dir, "beta");
  acme_id = dup_workspace_id (fixture->data_dir, "acme");
  beta_id = dup_workspace_id (fixture->data_dir, "beta");
  path = hc_store_build_path (fixture->data_dir, "acme", NULL);

  window = hc_application_open_workspace (fixture->app, "acme", NULL);
  dialog = hc_window_confirm_delete_workspace (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Delete Workspace “acme”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "0 members, 1 connector and its keyring secret and 0 syncs of history"));

  /* Cancel: nothing goes */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (find_window ("acme") == window);

  dialog = hc_window_confirm_delete_workspace (window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  g_assert_true (hc_gui_test_spin_until (window_shows_label, args, WAIT_SECONDS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (find_window ("acme"));
  gone = lookup_secret (acme_id);
  g_assert_null (gone);
  kept = lookup_secret (beta_id);
  g_assert_cmpstr (kept, ==, SECRET);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  session = hc_test_session_start_private ("hc-gui-workspaces-XXXXXX", &root);
  /* No thread runs yet. The private bus has no accessibility bus. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", hc_test_session_get_bus_address (session), TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = hc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/gui-workspaces/switch", Fixture, NULL, fixture_setup, test_switch, fixture_teardown);
  g_test_add ("/gui-workspaces/name-dialog", Fixture, NULL, fixture_setup, test_name_dialog, fixture_teardown);
  g_test_add ("/gui-workspaces/rename", Fixture, NULL, fixture_setup, test_rename, fixture_teardown);
  g_test_add ("/gui-workspaces/delete", Fixture, NULL, fixture_setup, test_delete, fixture_teardown);
  g_test_add ("/gui-workspaces/demo", Fixture, NULL, fixture_setup, test_demo_workspace, fixture_teardown);

  status = g_test_run ();

  g_clear_object (&app);
  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
