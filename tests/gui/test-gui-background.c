/* test-gui-background.c — the application: scheduled runs at start, their
 * notifications (through a fake org.gtk.Notifications on the test's session
 * bus), and the "Run in Background" action
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "hc-application.h"
#include "hc-connector-info.h"
#include "hc-scheduler.h"
#include "hc-store.h"
#include "hc-window.h"

#define WAIT_SECONDS 30

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  HcApplication *app;
  char          *notification_id;
  GVariant      *notification;      /* a{sv} */
  gboolean       timed_out;
  gboolean       background_seen;
} Fixture;

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Fixture *f = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    {
      g_autofree char *app_id = NULL;

      g_variant_get (parameters, "(ss@a{sv})", &app_id, &f->notification_id, &f->notification);
      g_assert_cmpstr (app_id, ==, APP_ID);
      g_application_quit (G_APPLICATION (f->app));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

static gboolean
give_up_cb (gpointer user_data)
{
  Fixture *f = user_data;

  f->timed_out = TRUE;
  g_application_quit (G_APPLICATION (f->app));
  return G_SOURCE_REMOVE;
}

static void
startup_cb (GApplication *app,
            Fixture      *f)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GVariant) state = NULL;
  const GVariantType *type;

  /* A stateful boolean action bound to the setting. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "run-in-background"));
  type = g_action_group_get_action_state_type (G_ACTION_GROUP (app), "run-in-background");
  g_assert_nonnull (type);
  g_assert_true (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN));
  state = g_action_group_get_action_state (G_ACTION_GROUP (app), "run-in-background");
  g_assert_false (g_variant_get_boolean (state));

  g_action_group_change_action_state (G_ACTION_GROUP (app), "run-in-background",
                                      g_variant_new_boolean (TRUE));
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  f->background_seen = TRUE;
}

static void
test_scheduled_run_notifies (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GDBusNodeInfo) node = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (HcStore) store = NULL;
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hc-gui-background-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *settings_json = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *action = NULL;
  Fixture f = { 0 };
  const char *argv[] = { "headcount", "--data-dir", dir, "--workspace", "acme", NULL };
  guint registration;
  guint timeout;
  gint64 id;
  int status;

  g_assert_no_error (error);
  db = g_build_filename (dir, "acme.db", NULL);
  snapshot = g_build_filename (dir, "employees.json", NULL);
  g_assert_true (g_file_set_contents (snapshot,
                                      "{\"employees\": [{\"id\": \"E1\", \"first_name\": \"Ada\", \"email\": \"ada@x.test\", \"status\": \"active\"}]}",
                                      -1, &error));

  /* A connector due since the night, never synced: its run must wait. */
  store = hc_store_new (db, &error);
  g_assert_no_error (error);
  config = hc_config_new_from_json ("{\"schedule\": \"6h\"}", &error);
  g_assert_no_error (error);
  settings_json = hc_connector_info_build_settings (NULL, NULL, NULL, snapshot);
  id = hc_store_add_connector (store, "Night HR", "file", settings_json, config, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (hc_store_set_connector_next_run (store, id, g_get_real_time () - G_TIME_SPAN_HOUR, &error));
  g_clear_object (&store);

  /* Our own notification server on the test's session bus. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  node = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  registration = g_dbus_connection_register_object (bus, "/org/gtk/Notifications", node->interfaces[0],
                                                    &vtable, &f, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  f.app = hc_application_new ();
  g_signal_connect (f.app, "startup", G_CALLBACK (startup_cb), &f);
  timeout = g_timeout_add_seconds (WAIT_SECONDS, give_up_cb, &f);
  status = g_application_run (G_APPLICATION (f.app), G_N_ELEMENTS (argv) - 1, (char **) argv);
  g_source_remove (timeout);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (f.background_seen);
  g_assert_false (f.timed_out);
  g_assert_nonnull (f.notification);

  /* One per connector, so that a later run replaces it. */
  {
    g_autofree char *expected = g_strdup_printf ("scheduled-sync-%" G_GINT64_FORMAT, id);

    g_assert_cmpstr (f.notification_id, ==, expected);
  }
  g_assert_true (g_variant_lookup (f.notification, "title", "s", &title));
  g_assert_nonnull (strstr (title, "Night HR"));
  g_assert_nonnull (strstr (title, "confirmation"));
  g_assert_true (g_variant_lookup (f.notification, "body", "s", &body));
  g_assert_nonnull (strstr (body, "Nothing was changed"));
  g_assert_true (g_variant_lookup (f.notification, "default-action", "s", &action));
  g_assert_cmpstr (action, ==, "app.show-connectors");

  /* Nothing applied; the connector asks for action. */
  store = hc_store_new (db, &error);
  g_assert_no_error (error);
  info = hc_store_get_connector (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->state, ==, HC_CONNECTOR_STATE_ACTION_REQUIRED);
  g_assert_cmpuint (hc_store_count_members (store, -1), ==, 0);

  settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "run-in-background", FALSE);

  g_dbus_connection_unregister_object (bus, registration);
  g_object_unref (f.app);
  g_clear_pointer (&f.notification, g_variant_unref);
  g_free (f.notification_id);

  g_clear_object (&store);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_unlink (child);
      }
    g_rmdir (dir);
  }
}

/* A manual sync while a scheduled run (here, another process's) holds
 * the connector does not start. */
static void
test_manual_sync_waits (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hc-gui-background-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "acme.db", NULL);
  g_autoptr (HcStore) store = hc_store_new (db, &error);
  HcWindow *window;
  gboolean claimed = FALSE;
  gint64 id;

  g_assert_no_error (error);
  id = hc_store_add_connector (store, "Demo", "demo", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (hc_store_claim_connector_run (store, id, g_get_real_time (), 0, &claimed, &error));
  g_assert_true (claimed);

  window = hc_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (hc_window_sync_connector (window, id, FALSE));
  g_assert_false (hc_sync_flow_get_busy (hc_window_get_sync_flow (window)));

  /* Released: the manual sync runs and holds the connector itself until
   * it ends (here, the demo company, confirmed: no preview). */
  g_assert_true (hc_store_release_connector_run (store, id, &error));
  g_assert_true (hc_window_sync_connector (window, id, TRUE));
  g_assert_true (hc_store_connector_run_is_claimed (store, id, 0));
  {
    gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

    while (hc_sync_flow_get_busy (hc_window_get_sync_flow (window)) &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_false (hc_sync_flow_get_busy (hc_window_get_sync_flow (window)));
  g_assert_false (hc_store_connector_run_is_claimed (store, id, 0));
  g_assert_cmpuint (hc_store_count_members (store, -1), >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_clear_object (&store);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_unlink (child);
      }
    g_rmdir (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/background/manual-sync-waits", test_manual_sync_waits);

  g_test_add_func ("/gui/background/scheduled-run-notifies", test_scheduled_run_notifies);

  return g_test_run ();
}
