/* test-gui-narrow.c — the window at narrow widths: at 600 px and at the
 * narrowest it allows, no label of the Members, History and Connectors
 * pages is cut ("No longer man…"), History lists two lines a run; the
 * selection bar's buttons are whole at any width; Tab leaves the member
 * table instead of going from row to row
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-connector-settings.h"
#include "hc-gui-test.h"
#include "hc-history-page.h"
#include "hc-members-page.h"
#include "hc-test-fixtures.h"
#include "hc-window.h"

#define WAIT_SECONDS 30

typedef struct
{
  char     *data_dir;
  HcStore  *store;
  HcConfig *config;
  gint64    connector_id;
  HcWindow *window;
} Fixture;

static void
sync_employees (Fixture            *f,
                const char * const *specs)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (GPtrArray) members = hc_store_list_members (f->store, &error);
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = hc_sync_run_new (f->connector_id, HC_SYNC_TRIGGER_SCHEDULE);

  g_assert_no_error (error);
  plan = hc_plan_compute (f->config, f->connector_id, employees, members,
                          !hc_store_connector_has_synced (f->store, f->connector_id));
  g_assert_true (hc_store_apply_plan (f->store, plan, run, &error));
  g_assert_no_error (error);
}

static const char * const first[] = {
  "E1|Zoé|Lefèvre-Castelnau|zoe.lefevre-castelnau@subsidiary.example.test|active||Paris",
  "E2|Paul|Martin|paul@x.test|active|E1|Lyon",
  "E3|Ada|Newton|ada@x.test|active|E1|Lyon",
  NULL
};

/* Paul leaves the HR system's scope: no longer managed, or archived. */
static const char * const second[] = {
  "E1|Zoé|Lefèvre-Castelnau|zoe.lefevre-castelnau@subsidiary.example.test|active||Berlin",
  "E3|Ada|Newton|ada@x.test|active|E1|Lyon",
  NULL
};

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->data_dir = g_dir_make_tmp ("headcount-narrow-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (f->data_dir, "Acme Corp", &error);
  g_assert_no_error (error);
  f->store = hc_store_new (path, &error);
  g_assert_no_error (error);
  f->config = hc_config_new_default ();
  f->connector_id = hc_store_add_connector (f->store, "Acme Human Resources (production tenant)", "demo",
                                            "{}", f->config, FALSE, &error);
  g_assert_no_error (error);
  sync_employees (f, first);
  sync_employees (f, second);

  f->window = hc_window_new (NULL, f->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  hc_window_set_page (f->window, "members");
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, f->window, WAIT_SECONDS));
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  if (f->window != NULL)
    {
      HcWindow *window = f->window;

      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &f->window);
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &f->window, WAIT_SECONDS));
    }
  g_clear_object (&f->store);
  g_clear_pointer (&f->config, hc_config_free);
  hc_test_remove_dir (f->data_dir);
  g_clear_pointer (&f->data_dir, g_free);
}

/* A mapped window keeps its size: shown again at @width, as a window
 * opened that wide (twice: narrow widths fold the pages, which then let
 * the window be narrower). */
static void
resize_and_settle (Fixture *f,
                   int      width)
{
  for (guint i = 0; i < 2; i++)
    {
      gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
      gtk_window_set_default_size (GTK_WINDOW (f->window), -1, -1);
      gtk_window_set_default_size (GTK_WINDOW (f->window), width, 720);
      gtk_window_present (GTK_WINDOW (f->window));
      hc_gui_test_spin_for (600);
    }
  g_test_message ("asked %d, got %d", width, gtk_widget_get_width (GTK_WIDGET (f->window)));
}

/* HC_SCREENSHOT_DIR=DIR saves what the test sees, to look at. */
static void
maybe_screenshot (GtkWidget  *window,
                  const char *name)
{
  const char *dir = g_getenv ("HC_SCREENSHOT_DIR");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *geometry = NULL;
  int status = 0;

  if (dir == NULL)
    return;
  if (g_object_get_data (G_OBJECT (gdk_display_get_default ()), "hc-test-css") == NULL)
    {
      g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/io/github/headcount/Headcount/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_set_data (G_OBJECT (gdk_display_get_default ()), "hc-test-css", GINT_TO_POINTER (1));
    }
  hc_gui_test_spin_for (1000);
  path = g_build_filename (dir, name, NULL);
  geometry = g_strdup_printf ("%dx%d+0+0", gtk_widget_get_width (window) + 20, gtk_widget_get_height (window) + 20);
  {
    const char *argv[] = { "import", "-window", "root", "-crop", geometry, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

static gboolean
nothing_cut (gpointer data)
{
  return hc_gui_test_find_cut_label (data) == NULL;
}

static void
assert_page_not_cut (Fixture    *f,
                     const char *page_name,
                     GtkWidget  *page)
{
  GtkWidget *cut;

  hc_window_set_page (f->window, page_name);
  hc_gui_test_spin_for (400);
  g_assert_true (gtk_widget_get_mapped (page));
  {
    g_autofree char *name = g_strdup_printf ("%s-%d.png", page_name, gtk_widget_get_width (GTK_WIDGET (f->window)));

    maybe_screenshot (GTK_WIDGET (f->window), name);
  }
  /* A layout still to come (a loaded machine) is given time; a cut that
   * stays fails. */
  hc_gui_test_spin_until (nothing_cut, page, 5);
  cut = hc_gui_test_find_cut_label (page);
  if (cut != NULL)
    g_error ("On %s at %d px, “%s” is cut to %d px", page_name, gtk_widget_get_width (GTK_WIDGET (f->window)),
             GTK_IS_LABEL (cut) ? gtk_label_get_text (GTK_LABEL (cut))
                                : gtk_inscription_get_text (GTK_INSCRIPTION (cut)),
             gtk_widget_get_width (cut));
}

static void
assert_nothing_cut (Fixture *f)
{
  assert_page_not_cut (f, "members", GTK_WIDGET (hc_window_get_members_page (f->window)));
  assert_page_not_cut (f, "history", GTK_WIDGET (hc_window_get_history_page (f->window)));
  assert_page_not_cut (f, "connectors", GTK_WIDGET (hc_window_get_connectors_page (f->window)));
}

static void
test_no_label_cut (Fixture      *f,
                   gconstpointer data)
{
  HcHistoryPage *history = hc_window_get_history_page (f->window);
  int min_width = 0;

  g_assert_cmpuint (g_list_model_get_n_items (hc_history_page_get_model (history)), ==, 2);

  /* (the window's width leaves out its shadow) */
  resize_and_settle (f, 600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, 570);
  assert_nothing_cut (f);
  g_assert_true (hc_history_page_is_narrow (history));

  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <, 600);
  resize_and_settle (f, min_width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, min_width);
  assert_nothing_cut (f);
  g_assert_true (hc_history_page_is_narrow (history));

  resize_and_settle (f, 1100);
  hc_window_set_page (f->window, "history");
  hc_gui_test_spin_for (400);
  g_assert_false (hc_history_page_is_narrow (history));
}

static gboolean
is_archive_selected_button (GtkWidget *widget,
                            gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "members.archive-selected") == 0;
}

/* Each shown button of the selection bar whole: inside the window, not
 * scrolled out of its row's sight, not narrower than it asks. */
static void
assert_selection_buttons_whole (Fixture   *f,
                                GtkWidget *archive)
{
  GtkWidget *row = gtk_widget_get_ancestor (archive, GTK_TYPE_SCROLLED_WINDOW);
  int window_width = gtk_widget_get_width (GTK_WIDGET (f->window));
  guint n = 0;

  g_assert_nonnull (row);
  for (GtkWidget *button = gtk_widget_get_first_child (gtk_widget_get_parent (archive)); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      graphene_rect_t in_window, in_row;
      int natural = 0;

      if (!gtk_widget_get_visible (button))
        continue;
      n++;
      g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (f->window), &in_window));
      g_assert_true (gtk_widget_compute_bounds (button, row, &in_row));
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_test_message ("at %d px, “%s”: x %.0f, width %.0f", window_width,
                      gtk_button_get_label (GTK_BUTTON (button)), in_window.origin.x, in_window.size.width);
      g_assert_cmpfloat (in_window.origin.x, >=, 0);
      g_assert_cmpfloat (in_window.origin.x + in_window.size.width, <=, window_width);
      g_assert_cmpfloat (in_row.origin.x, >=, 0);
      g_assert_cmpfloat (in_row.origin.x + in_row.size.width, <=, gtk_widget_get_width (row));
      g_assert_cmpint ((int) in_window.size.width, >=, natural);
    }
  /* Invited: Resend Invitations, Mark as Joined, Add to Group…, Archive… */
  g_assert_cmpuint (n, ==, 4);
}

/* With invited members selected, the selection bar's buttons are all
 * whole where the window is wide, at 1,100 px (where the last one was cut
 * at the window's edge), 800, 600 and the narrowest width. */
static void
test_selection_bar_whole (Fixture      *f,
                          gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (f->window);
  GtkSelectionModel *selection = hc_members_page_get_selection_model (page);
  GtkWidget *archive = hc_gui_test_find_widget (GTK_WIDGET (page), is_archive_selected_button, NULL);
  const int widths[] = { 1100, 800, 600, 0 };
  int min_width = 0;

  g_assert_nonnull (archive);
  hc_members_page_set_tab (page, HC_MEMBER_STATE_INVITED);
  hc_gui_test_spin_for (200);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), >, 0);
  gtk_selection_model_select_all (selection);

  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *name = NULL;

      resize_and_settle (f, widths[i] ? widths[i] : min_width);
      g_assert_true (gtk_widget_get_mapped (archive));
      name = g_strdup_printf ("selection-%d.png", gtk_widget_get_width (GTK_WIDGET (f->window)));
      maybe_screenshot (GTK_WIDGET (f->window), name);
      assert_selection_buttons_whole (f, archive);
    }
}

static gboolean
is_column_view (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

static GtkEventController *
find_tab_out (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "hc-tab-out") == 0)
        return controller;
    }
  return NULL;
}

static gboolean
focus_inside (GtkWidget *focus,
              GtkWidget *container)
{
  return focus != NULL && (focus == container || gtk_widget_is_ancestor (focus, container));
}

/* Tab from a row lands outside the table, as does Shift+Tab; the keys are
 * the ones a user presses, through the table's own key handling. */
static void
test_tab_leaves_table (Fixture      *f,
                       gconstpointer data)
{
  GtkWidget *page = GTK_WIDGET (hc_window_get_members_page (f->window));
  GtkWidget *table = hc_gui_test_find_widget (page, is_column_view, NULL);
  GtkEventController *controller;
  GtkWidget *focus;
  gboolean handled = FALSE;

  g_assert_nonnull (table);
  controller = find_tab_out (table);
  g_assert_nonnull (controller);

  for (guint backward = 0; backward < 2; backward++)
    {
      g_assert_true (gtk_widget_child_focus (table, GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_true (focus_inside (focus, table));

      g_signal_emit_by_name (controller, "key-pressed", backward ? GDK_KEY_ISO_Left_Tab : GDK_KEY_Tab, 0,
                             backward ? GDK_SHIFT_MASK : 0, &handled);
      g_assert_true (handled);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_nonnull (focus);
      g_assert_false (focus_inside (focus, table));
      /* and the table can take the focus again */
      g_assert_true (gtk_widget_get_can_focus (table));
    }

  /* other keys are the table's */
  g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_false (handled);
}

/* The tallest a window can be on a 768-px-tall screen: the top bar and the
 * title bar of the desktop aside. */
#define SCREEN_768_ROOM 700

/* Connector Settings opens, and can be made, small enough for a
 * 768-px-tall screen, on each of its pages. */
static void
test_settings_fits_768 (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  HcConnectorSettings *settings;
  int min_height = 0;
  int default_width = 0;
  int default_height = 0;

  info = hc_store_get_connector (f->store, f->connector_id, &error);
  g_assert_no_error (error);
  settings = hc_connector_settings_new (f->store, info);
  g_object_add_weak_pointer (G_OBJECT (settings), (gpointer *) &settings);
  gtk_window_set_transient_for (GTK_WINDOW (settings), GTK_WINDOW (f->window));
  gtk_window_get_default_size (GTK_WINDOW (settings), &default_width, &default_height);
  g_assert_cmpint (default_height, <=, SCREEN_768_ROOM);
  gtk_window_present (GTK_WINDOW (settings));
  hc_gui_test_spin_for (500);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (settings)), <=, SCREEN_768_ROOM);
  gtk_widget_measure (GTK_WIDGET (settings), GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_height, <=, SCREEN_768_ROOM);
  maybe_screenshot (GTK_WIDGET (settings), "settings.png");
  gtk_window_destroy (GTK_WINDOW (settings));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &settings, WAIT_SECONDS));
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/gui/narrow/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/narrow/no-label-cut", Fixture, NULL, fixture_setup, test_no_label_cut, fixture_teardown);
  g_test_add ("/gui/narrow/selection-bar-whole", Fixture, NULL, fixture_setup, test_selection_bar_whole,
              fixture_teardown);
  g_test_add ("/gui/narrow/tab-leaves-table", Fixture, NULL, fixture_setup, test_tab_leaves_table,
              fixture_teardown);
  g_test_add ("/gui/narrow/settings-fits-768", Fixture, NULL, fixture_setup, test_settings_fits_768,
              fixture_teardown);

  return g_test_run ();
}
