/* test-gui-connector-groups.c — a connector's Groups settings in the real
 * settings window on the demo company: the modes, the levels added,
 * reordered and removed, the live placement preview against counts made
 * here from the employees, the scope it follows, Create from HR and its
 * preview, and what Save stores
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-connector-groups-page.h"
#include "hc-connector-settings.h"
#include "hc-groups.h"
#include "hc-gui-test.h"
#include "hc-scope.h"
#include "hc-window.h"

#define WAIT_SECONDS 60

typedef struct
{
  char     *data_dir;
  HcStore  *store;
  gint64    connector_id;
  HcWindow *window;
} Fixture;

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  const char *paths[] = { "Staff", "Staff/Paris", "Staff/Paris/Engineering", "Staff/Paris/Sales", "Staff/Lyon",
                          "Teams" };
  g_autoptr (HcConfig) config = hc_config_new_for_kind (HC_DEMO_CONNECTOR_KIND);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->data_dir = g_dir_make_tmp ("headcount-connector-groups-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);
  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);
  fixture->connector_id = hc_store_add_connector (fixture->store, HC_DEMO_CONNECTOR_NAME, HC_DEMO_CONNECTOR_KIND,
                                                  "{}", config, FALSE, &error);
  g_assert_no_error (error);
  /* Office then department under Staff, with department groups missing
   * under Lyon and for every other Paris department. */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_assert_true (hc_groups_create (fixture->store, paths[i], NULL, NULL, &error));
      g_assert_no_error (error);
    }

  fixture->window = hc_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 720);
  hc_window_set_page (fixture->window, "connectors");
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));
}

static HcConnectorSettings *
find_settings (void)
{
  return hc_gui_test_find_visible_toplevel (HC_TYPE_CONNECTOR_SETTINGS);
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  HcConnectorSettings *settings = find_settings ();

  if (settings != NULL)
    gtk_window_destroy (GTK_WINDOW (settings));
  if (fixture->window != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &fixture->window, WAIT_SECONDS));
    }
  g_clear_object (&fixture->store);
  remove_dir (fixture->data_dir);
  g_clear_pointer (&fixture->data_dir, g_free);
}

/* With HC_SCREENSHOT_DIR set, @window is saved there as @name;
 * HC_SCREENSHOT_DARK=1 takes it in the dark style. */
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
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      g_strcmp0 (g_getenv ("HC_SCREENSHOT_DARK"), "1") == 0
                                      ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
  hc_gui_test_spin_for (1500);
  path = g_build_filename (dir, name, NULL);
  geometry = g_strdup_printf ("%dx%d+0+0", gtk_widget_get_width (window), gtk_widget_get_height (window));
  {
    const char *argv[] = { "import", "-window", "root", "-crop", geometry, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

static gboolean
settings_ready (gpointer data)
{
  HcConnectorSettings *settings = find_settings ();

  return settings != NULL && g_strcmp0 (hc_connector_settings_get_state (settings), "content") == 0;
}

static HcConnectorSettings *
open_settings (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.connector-settings", "x",
                                             fixture->connector_id));
  g_assert_true (hc_gui_test_spin_until (settings_ready, NULL, WAIT_SECONDS));
  return find_settings ();
}

static gpointer
settings_child (HcConnectorSettings *settings,
                const char          *name)
{
  gpointer object = hc_gui_test_template_child (GTK_WIDGET (settings), name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
page_child (HcConnectorGroupsPage *page,
            const char            *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), HC_TYPE_CONNECTOR_GROUPS_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

/* Chooses the item of @row whose shown text is @label. */
static void
choose (AdwComboRow *row,
        const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);
  GtkExpression *expression = adw_combo_row_get_expression (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_auto (GValue) value = G_VALUE_INIT;

      if (expression != NULL)
        gtk_expression_evaluate (expression, item, &value);
      else
        {
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
        }
      if (g_strcmp0 (g_value_get_string (&value), label) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("No “%s” in the row", label);
}

typedef struct
{
  HcConnectorGroupsPage *page;
  const char            *text;
  gboolean               teams;
} PreviewWait;

static gboolean
preview_contains (gpointer data)
{
  PreviewWait *wait = data;
  const char *preview = wait->teams ? hc_connector_groups_page_get_teams_preview (wait->page)
                                    : hc_connector_groups_page_get_preview (wait->page);

  return strstr (preview, wait->text) != NULL;
}

static void
wait_preview (HcConnectorGroupsPage *page,
              gboolean               teams,
              const char            *text)
{
  PreviewWait wait = { page, text, teams };

  if (!hc_gui_test_spin_until (preview_contains, &wait, WAIT_SECONDS))
    g_error ("The preview “%s” has no “%s”",
             teams ? hc_connector_groups_page_get_teams_preview (page) : hc_connector_groups_page_get_preview (page),
             text);
}

/* Counted here from the employees in scope, not by the page's code. */
typedef struct
{
  guint paris_engineering;
  guint paris_sales;
  guint paris_other;
  guint lyon;
  guint other;
  guint platform;
  guint in_scope;
} Expected;

static Expected
count_expected (HcConnectorSettings *settings,
                const HcConfig      *scope)
{
  GPtrArray *employees = hc_connector_settings_get_employees (settings);
  g_autoptr (GHashTable) results = hc_scope_evaluate_all (scope, employees);
  Expected e = { 0 };

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *employee = g_ptr_array_index (employees, i);
      int result = GPOINTER_TO_INT (g_hash_table_lookup (results, hc_employee_get_id (employee))) - 1;
      const char *office = hc_employee_get_field (employee, "office");
      const char *department = hc_employee_get_field (employee, "department");

      if (result != HC_SCOPE_IN && result != HC_SCOPE_IN_AS_MANAGER)
        continue;
      e.in_scope++;
      if (g_strcmp0 (hc_employee_get_field (employee, "team"), "Platform") == 0)
        e.platform++;
      if (g_strcmp0 (office, "Paris") == 0 && g_strcmp0 (department, "Engineering") == 0)
        e.paris_engineering++;
      else if (g_strcmp0 (office, "Paris") == 0 && g_strcmp0 (department, "Sales") == 0)
        e.paris_sales++;
      else if (g_strcmp0 (office, "Paris") == 0)
        e.paris_other++;
      else if (g_strcmp0 (office, "Lyon") == 0)
        e.lyon++;
      else
        e.other++;
    }
  return e;
}

static void
test_hierarchy (Fixture      *fixture,
                gconstpointer data)
{
  HcConnectorSettings *settings = open_settings (fixture);
  HcConnectorGroupsPage *page = settings_child (settings, "groups_page");
  g_autoptr (HcConfig) before = hc_connector_settings_dup_config (settings);
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) levels = NULL;
  Expected e = count_expected (settings, before);

  /* None at first: no group changes, no preview. */
  g_assert_true (gtk_check_button_get_active (page_child (page, "none_check")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "top_group")));
  g_assert_cmpstr (hc_connector_groups_page_get_preview (page), ==, "");
  adw_view_stack_set_visible_child_name (settings_child (settings, "view_stack"), "groups");

  /* Into one group: everyone in scope in Staff/Paris. */
  gtk_check_button_set_active (page_child (page, "into_check"), TRUE);
  g_assert_true (gtk_widget_get_visible (page_child (page, "top_group")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "levels_group")));
  choose (page_child (page, "top_row"), "Staff / Paris");
  text = g_strdup_printf (": %u", e.in_scope);
  wait_preview (page, FALSE, text);

  /* Hierarchy under Staff: office, then department. */
  gtk_check_button_set_active (page_child (page, "hierarchy_check"), TRUE);
  g_assert_true (gtk_widget_get_visible (page_child (page, "levels_group")));
  choose (page_child (page, "top_row"), "Staff");
  gtk_widget_activate_action (GTK_WIDGET (page), "groups-settings.add-level", NULL);
  hc_connector_groups_page_set_level (page, 0, "office");
  gtk_widget_activate_action (GTK_WIDGET (page), "groups-settings.add-level", NULL);
  hc_connector_groups_page_set_level (page, 1, "department");
  levels = hc_connector_groups_page_dup_levels (page);
  g_assert_cmpstrv (levels, ((const char *[]) { "office", "department", NULL }));

  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("Engineering: %u", e.paris_engineering);
  wait_preview (page, FALSE, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("Sales: %u", e.paris_sales);
  wait_preview (page, FALSE, text);
  g_clear_pointer (&text, g_free);
  /* Lyon has no department group: they stay at Lyon. */
  text = g_strdup_printf ("Lyon (no department group): %u", e.lyon);
  wait_preview (page, FALSE, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("top group: %u", e.other);
  wait_preview (page, FALSE, text);
  g_test_message ("Preview: %s", hc_connector_groups_page_get_preview (page));
  /* Tall enough for the preview, on a screen that has the room. */
  if (g_getenv ("HC_SCREENSHOT_DIR") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (settings), 760, 1180);
  maybe_screenshot (GTK_WIDGET (settings), "connector-groups.png");

  /* Reordered: department first matches no group under Staff. */
  hc_connector_groups_page_set_level (page, 0, "department");
  hc_connector_groups_page_set_level (page, 1, "office");
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("top group: %u", e.in_scope);
  wait_preview (page, FALSE, text);
  hc_connector_groups_page_set_level (page, 0, "office");
  hc_connector_groups_page_set_level (page, 1, "department");

  /* The scope of the Employees page: without active employees, fewer. */
  gtk_check_button_set_active (settings_child (settings, "active_check"), FALSE);
  {
    g_autoptr (HcConfig) scope = hc_connector_settings_dup_config (settings);
    Expected narrow = count_expected (settings, scope);

    g_assert_cmpuint (narrow.in_scope, <, e.in_scope);
    g_clear_pointer (&text, g_free);
    text = g_strdup_printf ("Engineering: %u", narrow.paris_engineering);
    wait_preview (page, FALSE, text);
  }
  gtk_check_button_set_active (settings_child (settings, "active_check"), TRUE);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("Engineering: %u", e.paris_engineering);
  wait_preview (page, FALSE, text);

  /* Create from HR: teams under Teams. */
  adw_expander_row_set_enable_expansion (page_child (page, "teams_row"), TRUE);
  choose (page_child (page, "teams_field_row"), "team");
  choose (page_child (page, "teams_parent_row"), "Teams");
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("Platform (%u)", e.platform);
  wait_preview (page, TRUE, text);
  g_test_message ("Teams: %s", hc_connector_groups_page_get_teams_preview (page));

  /* Save stores the groups part as the form says. */
  /* A save that works closes the window. */
  g_object_add_weak_pointer (G_OBJECT (settings), (gpointer *) &settings);
  g_signal_emit_by_name (settings_child (settings, "save_button"), "clicked");
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &settings, WAIT_SECONDS));
  info = hc_store_get_connector (fixture->store, fixture->connector_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->config->group_mode, ==, HC_GROUP_MODE_HIERARCHY);
  g_assert_cmpstr (info->config->group_top, ==, "Staff");
  g_assert_cmpuint (info->config->group_levels->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (info->config->group_levels, 0), ==, "office");
  g_assert_cmpstr (g_ptr_array_index (info->config->group_levels, 1), ==, "department");
  g_assert_cmpuint (info->config->teams_from->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (info->config->teams_from, 0), ==, "team");
  g_assert_cmpstr (info->config->teams_parent, ==, "Teams");
}

static void
test_reload_and_levels (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr (HcConnectorInfo) info = hc_store_get_connector (fixture->store, fixture->connector_id, NULL);
  g_autoptr (HcConfig) config = hc_config_copy (info->config);
  g_autoptr (GError) error = NULL;
  HcConnectorSettings *settings;
  HcConnectorGroupsPage *page;
  g_auto (GStrv) levels = NULL;
  g_autoptr (HcConfig) after = NULL;
  GtkWidget *buttons[3] = { NULL };

  /* A stored hierarchy comes back in the form. */
  config->group_mode = HC_GROUP_MODE_HIERARCHY;
  config->group_top = g_strdup ("Staff");
  g_ptr_array_add (config->group_levels, g_strdup ("office"));
  g_ptr_array_add (config->group_levels, g_strdup ("department"));
  g_ptr_array_add (config->group_levels, g_strdup ("team"));
  g_assert_true (hc_store_set_connector_config (fixture->store, fixture->connector_id, config, &error));
  g_assert_no_error (error);

  settings = open_settings (fixture);
  page = settings_child (settings, "groups_page");
  g_assert_true (gtk_check_button_get_active (page_child (page, "hierarchy_check")));
  levels = hc_connector_groups_page_dup_levels (page);
  g_assert_cmpstrv (levels, ((const char *[]) { "office", "department", "team", NULL }));
  g_clear_pointer (&levels, g_strfreev);

  /* The last level's buttons: Move Up, Move Down (off), Remove. */
  {
    GtkWidget *group = page_child (page, "levels_group");
    GtkWidget *walk = group;
    guint n = 0;

    /* Depth-first: the level rows' buttons in order, keep the last three. */
    while (walk != NULL)
      {
        if (GTK_IS_BUTTON (walk) && gtk_widget_get_tooltip_text (walk) != NULL &&
            (g_str_equal (gtk_widget_get_tooltip_text (walk), "Move Up") ||
             g_str_equal (gtk_widget_get_tooltip_text (walk), "Move Down") ||
             g_str_equal (gtk_widget_get_tooltip_text (walk), "Remove Level")))
          buttons[n++ % 3] = walk;
        if (gtk_widget_get_first_child (walk) != NULL)
          walk = gtk_widget_get_first_child (walk);
        else
          {
            while (walk != group && gtk_widget_get_next_sibling (walk) == NULL)
              walk = gtk_widget_get_parent (walk);
            walk = walk == group ? NULL : gtk_widget_get_next_sibling (walk);
          }
      }
    g_assert_cmpuint (n, ==, 9);
  }
  g_assert_cmpstr (gtk_widget_get_tooltip_text (buttons[0]), ==, "Move Up");
  g_assert_false (gtk_widget_get_sensitive (buttons[1]));
  g_signal_emit_by_name (buttons[0], "clicked");
  levels = hc_connector_groups_page_dup_levels (page);
  g_assert_cmpstrv (levels, ((const char *[]) { "office", "team", "department", NULL }));
  g_clear_pointer (&levels, g_strfreev);

  /* Remove the level now last (department): buttons were rebuilt. */
  {
    GPtrArray *found = g_ptr_array_new ();
    GtkWidget *group = page_child (page, "levels_group");
    GtkWidget *walk = group;

    while (walk != NULL)
      {
        if (GTK_IS_BUTTON (walk) && g_strcmp0 (gtk_widget_get_tooltip_text (walk), "Remove Level") == 0)
          g_ptr_array_add (found, walk);
        if (gtk_widget_get_first_child (walk) != NULL)
          walk = gtk_widget_get_first_child (walk);
        else
          {
            while (walk != group && gtk_widget_get_next_sibling (walk) == NULL)
              walk = gtk_widget_get_parent (walk);
            walk = walk == group ? NULL : gtk_widget_get_next_sibling (walk);
          }
      }
    g_assert_cmpuint (found->len, ==, 3);
    g_signal_emit_by_name (g_ptr_array_index (found, 2), "clicked");
    g_ptr_array_unref (found);
  }
  levels = hc_connector_groups_page_dup_levels (page);
  g_assert_cmpstrv (levels, ((const char *[]) { "office", "team", NULL }));

  /* None drops the groups part on save. */
  gtk_check_button_set_active (page_child (page, "none_check"), TRUE);
  after = hc_connector_settings_dup_config (settings);
  g_assert_cmpint (after->group_mode, ==, HC_GROUP_MODE_NONE);
  g_assert_null (after->group_top);
  g_assert_cmpuint (after->group_levels->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui-connector-groups/hierarchy", Fixture, NULL, fixture_setup, test_hierarchy, fixture_teardown);
  g_test_add ("/gui-connector-groups/reload-and-levels", Fixture, NULL, fixture_setup, test_reload_and_levels,
              fixture_teardown);

  return g_test_run ();
}
