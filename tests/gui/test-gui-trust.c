/* test-gui-trust.c — what the window says can be trusted: names are text
 * (a connector named "R&D <x>" is no markup), the header's Sync says what
 * it syncs and offers each connector
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "hc-connector-dialog.h"
#include "hc-connector-settings.h"
#include "hc-format.h"
#include "hc-gui-test.h"
#include "hc-plan-dialog.h"
#include "hc-window.h"

#define WAIT_SECONDS 30

/* Pango markup would choke on each of these. */
#define MARKUP_NAME "R&D <x> & \"Sales\" 'B'"

typedef struct
{
  char     *data_dir;
  HcStore  *store;
  HcWindow *window;
} Fixture;

static gint64
add_connector (Fixture    *fixture,
               const char *name,
               const char *kind,
               const char *settings)
{
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GError) error = NULL;
  gint64 id;

  id = hc_store_add_connector (fixture->store, name, kind, settings, config, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->data_dir = g_dir_make_tmp ("headcount-trust-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);
  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);
}

static void
open_window (Fixture *fixture)
{
  fixture->window = hc_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  if (fixture->window != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &fixture->window, WAIT_SECONDS));
    }
  g_clear_object (&fixture->store);
  remove_dir (fixture->data_dir);
  g_free (fixture->data_dir);
}

static HcPlanDialog *
find_preview (void)
{
  return hc_gui_test_find_shown (HC_TYPE_PLAN_DIALOG);
}

static gboolean
preview_shown (gpointer data)
{
  return find_preview () != NULL;
}

static gboolean
is_button_for_action (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static void
cancel_preview (HcPlanDialog *preview)
{
  GtkWidget *button = hc_gui_test_find_widget (GTK_WIDGET (preview), is_button_for_action, "preview.cancel");

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
settings_loaded (gpointer data)
{
  return g_strcmp0 (hc_connector_settings_get_state (data), "loading") != 0;
}

/* G_DEBUG=fatal-warnings: a name taken for markup anywhere (a toast, a
 * card, the settings, the preview, the Sync menu) would abort here. */
static void
test_escaped_names (Fixture      *fixture,
                    gconstpointer data)
{
  gint64 id = add_connector (fixture, MARKUP_NAME, HC_DEMO_CONNECTOR_KIND, "{}");
  gint64 broken_id = add_connector (fixture, MARKUP_NAME " export", "file",
                                    "{\"path\": \"/nonexistent/r&d.json\"}");
  g_autoptr (HcConnectorInfo) info = hc_store_get_connector (fixture->store, id, NULL);
  HcConnectorSettings *settings;
  HcConnectorDialog *dialog;

  open_window (fixture);
  hc_window_set_page (fixture->window, "connectors");

  /* The toast after an Add, shown at once (no other toast before it). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-connector", NULL));
  dialog = hc_gui_test_find_visible_toplevel (HC_TYPE_CONNECTOR_DIALOG);
  g_assert_nonnull (dialog);
  g_signal_emit_by_name (dialog, "saved", id, TRUE);
  gtk_window_destroy (GTK_WINDOW (dialog));
  hc_gui_test_spin_for (500);

  /* Its preview, then the sync itself and its toast. */
  g_assert_true (hc_window_sync_connector (fixture->window, id, FALSE));
  g_assert_true (hc_gui_test_spin_until (preview_shown, NULL, WAIT_SECONDS));
  cancel_preview (find_preview ());
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_true (hc_window_sync_connector (fixture->window, id, TRUE));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), >, 0);

  /* A failure names it too. */
  g_assert_true (hc_window_sync_connector (fixture->window, broken_id, FALSE));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));

  /* Its settings. */
  settings = hc_connector_settings_new (fixture->store, info);
  gtk_window_set_transient_for (GTK_WINDOW (settings), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (settings));
  g_assert_true (hc_gui_test_spin_until (settings_loaded, settings, WAIT_SECONDS));
  g_assert_cmpstr (hc_connector_settings_get_state (settings), ==, "content");
  gtk_window_destroy (GTK_WINDOW (settings));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-toast", "s",
                                             "Settings of “" MARKUP_NAME "” saved"));
  hc_gui_test_spin_for (300);
}

static GtkWidget *
template_widget (Fixture    *fixture,
                 const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->window), HC_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GMenuModel *
connectors_section (Fixture *fixture)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (template_widget (fixture, "sync_menu_button")));

  return g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
}

static char *
preview_title (HcPlanDialog *preview)
{
  return g_strdup (hc_plan_dialog_get_title (preview));
}

static gboolean
other_preview_shown (gpointer data)
{
  HcPlanDialog *preview = find_preview ();
  g_autofree char *title = preview != NULL ? preview_title (preview) : NULL;

  return title != NULL && g_strcmp0 (title, data) != 0;
}

/* One connector: a button naming it. Two: a menu with each and "All
 * Connectors", whose tooltip names both, and All syncs each in turn. */
static void
test_sync_menu (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (GMenuModel) section = NULL;
  g_autofree char *first_title = NULL;
  g_autofree char *label = NULL;
  gint64 target;

  add_connector (fixture, "Personio_FR", HC_DEMO_CONNECTOR_KIND, "{}");
  open_window (fixture);

  g_assert_true (gtk_widget_get_visible (template_widget (fixture, "sync_button")));
  g_assert_false (gtk_widget_get_visible (template_widget (fixture, "sync_menu_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (template_widget (fixture, "sync_button")), ==,
                   "Sync Personio_FR");

  add_connector (fixture, "BambooHR US", HC_DEMO_CONNECTOR_KIND, "{}");
  hc_window_reload (fixture->window);
  g_assert_false (gtk_widget_get_visible (template_widget (fixture, "sync_button")));
  g_assert_true (gtk_widget_get_visible (template_widget (fixture, "sync_menu_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (template_widget (fixture, "sync_menu_button")),
                            "Personio_FR"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (template_widget (fixture, "sync_menu_button")),
                            "BambooHR US"));

  section = connectors_section (fixture);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 2);
  /* A name's "_" is no mnemonic. */
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_true (g_strcmp0 (label, "Personio__FR") == 0 || g_strcmp0 (label, "BambooHR US") == 0);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_TARGET, "x", &target));
  g_assert_cmpint (target, >, 0);

  /* All Connectors: each one's preview in turn. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sync-all", NULL));
  g_assert_true (hc_gui_test_spin_until (preview_shown, NULL, WAIT_SECONDS));
  first_title = preview_title (find_preview ());
  cancel_preview (find_preview ());
  g_assert_true (hc_gui_test_spin_until (other_preview_shown, first_title, WAIT_SECONDS));
  g_assert_true ((strstr (first_title, "Personio_FR") != NULL) !=
                 (strstr (hc_plan_dialog_get_title (find_preview ()), "Personio_FR") != NULL));
  cancel_preview (find_preview ());
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  /* The progress bar follows the flow (a binding group) and goes. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (template_widget (fixture, "sync_revealer"))));
}

static void
set_clock_format (const char *format)
{
  g_autoptr (GSettings) interface = g_settings_new ("org.gnome.desktop.interface");

  g_settings_set_string (interface, "clock-format", format);
  hc_gui_test_spin_for (100);
}

/* Dates follow the desktop's clock format, everywhere; runs are titled by
 * trigger and date, not by number. */
static void
test_clock_format (void)
{
  g_autoptr (GDateTime) morning = g_date_time_new_local (2026, 12, 5, 9, 0, 0);
  g_autoptr (GDateTime) afternoon = g_date_time_new_local (2026, 12, 5, 14, 5, 0);
  g_autoptr (HcSyncRun) run = hc_sync_run_new (1, HC_SYNC_TRIGGER_SCHEDULE);
  g_autofree char *title24 = NULL;
  g_autofree char *title12 = NULL;
  g_autofree char *date24 = NULL;
  g_autofree char *date12 = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);

  if (schema == NULL)
    {
      g_test_skip ("org.gnome.desktop.interface is not installed");
      return;
    }

  run->started_at = g_date_time_to_unix (morning) * G_USEC_PER_SEC;

  set_clock_format ("24h");
  date24 = hc_format_datetime (g_date_time_to_unix (afternoon) * G_USEC_PER_SEC);
  title24 = hc_format_run_title (run);
  g_assert_cmpstr (date24, ==, "5 Dec 2026, 14:05");
  g_assert_cmpstr (title24, ==, "Scheduled sync, 5 Dec 09:00");

  set_clock_format ("12h");
  date12 = hc_format_datetime (g_date_time_to_unix (afternoon) * G_USEC_PER_SEC);
  title12 = hc_format_run_title (run);
  g_assert_cmpstr (date12, ==, "5 Dec 2026, 2:05 PM");
  g_assert_cmpstr (title12, ==, "Scheduled sync, 5 Dec 9:00 AM");

  set_clock_format ("24h");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/trust/escaped-names", Fixture, NULL, fixture_setup, test_escaped_names, fixture_teardown);
  g_test_add_func ("/gui/trust/clock-format", test_clock_format);
  g_test_add ("/gui/trust/sync-menu", Fixture, NULL, fixture_setup, test_sync_menu, fixture_teardown);

  return g_test_run ();
}
