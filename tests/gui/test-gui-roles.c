/* test-gui-roles.c — the member table's Roles column and Role filter: each
 * member's roles (the one from HR first), the filter with its counts, with
 * the search and the group filter, its state when nothing matches, and
 * the filter cleared when its role is deleted
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-directory.h"
#include "hc-group-plan.h"
#include "hc-groups.h"
#include "hc-gui-test.h"
#include "hc-plan.h"
#include "hc-roles.h"
#include "hc-session.h"
#include "hc-test-fixtures.h"
#include "hc-window.h"

#define WAIT_SECONDS 30

typedef struct
{
  char     *data_dir;
  HcStore  *store;
  HcWindow *window;
} Fixture;

/* id|first|last|e-mail|status|manager|office|skip|position */
static const char * const employees[] = {
  "E1|Ana|Lima|ana@example.com|active||Paris||Engineer",
  "E2|Ben|Okafor|ben@example.com|active|E1|Paris||Designer",
  "E3|Chloé|Dubois|chloe@example.com|active|E1|Paris||Engineer",
  "E4|Dan|Moreau|dan@example.com|active|E1|Lyon||Sales",
  "E5|Eva|Rossi|eva@example.com|active|E1|Lyon||Sales",
  NULL
};

static GArray *
ids_of (Fixture    *fixture,
        const char *emails)
{
  g_auto (GStrv) list = g_strsplit (emails, " ", -1);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autoptr (HcMember) member = hc_store_find_member_by_email (fixture->store, list[i], NULL);
      gint64 id;

      g_assert_nonnull (member);
      id = hc_member_get_id (member);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) list = hc_test_employees (employees);
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (GArray) everyone = NULL;
  g_autoptr (GArray) auditors = NULL;
  g_autofree char *path = NULL;
  gint64 cid;

  fixture->data_dir = g_dir_make_tmp ("headcount-gui-roles-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);
  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);

  /* Roles from the positions (rules.md 39): the default, by a sync. */
  g_assert_cmpstr (config->roles_from, ==, "position");
  cid = hc_store_add_connector (fixture->store, "Personio", "demo", NULL, config, FALSE, &error);
  g_assert_no_error (error);
  run = hc_sync_run_new (cid, HC_SYNC_TRIGGER_MANUAL);
  plan = hc_plan_compute (config, cid, list, members, TRUE);
  g_assert_true (hc_group_plan_attach (plan, config, list, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (hc_store_apply_plan (fixture->store, plan, run, &error));
  g_assert_no_error (error);
  everyone = ids_of (fixture, "ana@example.com ben@example.com chloe@example.com dan@example.com eva@example.com");
  g_assert_true (hc_directory_mark_joined (fixture->store, everyone, NULL, &error));
  g_assert_no_error (error);

  /* A role by hand whose name sorts before Ana's role from HR. */
  g_assert_true (hc_roles_create (fixture->store, "Auditor", NULL, NULL, &error));
  g_assert_no_error (error);
  auditors = ids_of (fixture, "ana@example.com dan@example.com");
  g_assert_true (hc_roles_add_members (fixture->store, "Auditor", auditors, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hc_groups_create (fixture->store, "Paris", NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GArray) paris = ids_of (fixture, "ana@example.com ben@example.com chloe@example.com");

    g_assert_true (hc_groups_add_members (fixture->store, "Paris", paris, NULL, &error));
    g_assert_no_error (error);
  }

  fixture->window = hc_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 700);
  hc_window_set_page (fixture->window, "members");
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));
  hc_gui_test_spin_for (200);
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
  hc_test_remove_dir (fixture->data_dir);
  g_clear_pointer (&fixture->data_dir, g_free);
}

/* With HC_SCREENSHOT_DIR set, @window is saved there as @name, as the X
 * server shows it; HC_SCREENSHOT_DARK=1 takes it in the dark style. */
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
is_cell_with_text (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), data) == 0;
}

/* The visible rows' e-mails, sorted, space-separated. (transfer full) */
static char *
visible_emails (HcMembersPage *page)
{
  GListModel *model = hc_members_page_get_model (page);
  g_autoptr (GPtrArray) emails = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (HcMember) member = g_list_model_get_item (model, i);

      g_ptr_array_add (emails, (gpointer) hc_member_get_email (member));
    }
  hc_ptr_array_sort_strings (emails);
  g_ptr_array_add (emails, NULL);
  return g_strjoinv (" ", (char **) emails->pdata);
}

static void
test_column (Fixture      *fixture,
             gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  HcRoleColumn *roles = hc_members_page_get_role_column (page);
  GtkColumnViewColumn *column = hc_role_column_get_column (roles);

  g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, "Roles");
  g_assert_true (gtk_column_view_column_get_visible (column));
  /* the one from HR first, then the others by name */
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_cell_with_text, "Engineer, Auditor"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_cell_with_text, "Sales, Auditor"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_cell_with_text, "Designer"));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (page), is_cell_with_text, "Auditor, Engineer"));
  maybe_screenshot (GTK_WIDGET (fixture->window), "roles-column.png");
}

static void
test_filter (Fixture      *fixture,
             gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  HcRoleColumn *roles = hc_members_page_get_role_column (page);
  GtkDropDown *drop_down = GTK_DROP_DOWN (hc_role_column_get_filter_widget (roles));
  GListModel *choices = gtk_drop_down_get_model (drop_down);
  const char * const expected[] = { "All Roles", "Auditor (2)", "Designer (1)", "Engineer (2)", "Sales (2)" };
  g_autofree char *shown = NULL;

  /* "All Roles", then each role with how many hold it; by the search. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (drop_down)));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (drop_down)) ||
                 gtk_widget_get_focusable (gtk_widget_get_first_child (GTK_WIDGET (drop_down))));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), ==, expected[i]);
  g_assert_null (hc_role_column_get_role (roles));
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, 5);

  /* Choosing a role in the drop-down filters the table. */
  gtk_drop_down_set_selected (drop_down, 3);
  g_assert_cmpstr (hc_role_column_get_role (roles), ==, "Engineer");
  shown = visible_emails (page);
  g_assert_cmpstr (shown, ==, "ana@example.com chloe@example.com");
  g_clear_pointer (&shown, g_free);

  /* With the search: both narrow. */
  hc_members_page_set_search_text (page, "chlo");
  shown = visible_emails (page);
  g_assert_cmpstr (shown, ==, "chloe@example.com");
  g_clear_pointer (&shown, g_free);
  hc_members_page_set_search_text (page, "dan");
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, 0);
  g_assert_cmpstr (hc_members_page_get_state_name (page), ==, "no-results");
  hc_members_page_set_search_text (page, "");

  /* A role by hand, by name as roles compare (case aside), with a group. */
  g_assert_true (hc_role_column_set_role (roles, "auditor"));
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, 1);
  shown = visible_emails (page);
  g_assert_cmpstr (shown, ==, "ana@example.com dan@example.com");
  g_clear_pointer (&shown, g_free);
  hc_members_page_set_group (page, "Paris");
  shown = visible_emails (page);
  g_assert_cmpstr (shown, ==, "ana@example.com");
  g_clear_pointer (&shown, g_free);
  hc_members_page_set_group (page, NULL);
  g_assert_false (hc_role_column_set_role (roles, "Astronaut"));
  g_assert_cmpstr (hc_role_column_get_role (roles), ==, "Auditor");
  maybe_screenshot (GTK_WIDGET (fixture->window), "roles-filter.png");

  /* All Roles shows everyone again. */
  gtk_drop_down_set_selected (drop_down, 0);
  g_assert_null (hc_role_column_get_role (roles));
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, 5);
  g_assert_cmpstr (hc_members_page_get_state_name (page), ==, "table");
}

static gboolean
role_cleared (gpointer data)
{
  HcMembersPage *page = data;

  return !hc_members_page_get_loading (page) && hc_role_column_get_role (hc_members_page_get_role_column (page)) == NULL;
}

static void
test_role_deleted (Fixture      *fixture,
                   gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  HcRoleColumn *roles = hc_members_page_get_role_column (page);
  GtkDropDown *drop_down = GTK_DROP_DOWN (hc_role_column_get_filter_widget (roles));
  g_autoptr (GError) error = NULL;

  g_assert_true (hc_role_column_set_role (roles, "Auditor"));
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, 2);
  /* A reload that keeps the role keeps the filter. */
  hc_members_page_reload (page);
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));
  g_assert_cmpstr (hc_role_column_get_role (roles), ==, "Auditor");
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, 2);

  g_assert_true (hc_roles_delete (fixture->store, "Auditor", TRUE, NULL, &error));
  g_assert_no_error (error);
  hc_session_members_changed (hc_session_get_for_store (fixture->store), NULL, 0);
  g_assert_true (hc_gui_test_spin_until (role_cleared, page, WAIT_SECONDS));
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, 5);
  hc_gui_test_spin_for (100);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_cell_with_text, "Engineer"));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (page), is_cell_with_text, "Engineer, Auditor"));
}

static gboolean
column_hidden (gpointer data)
{
  return !gtk_column_view_column_get_visible (data);
}

static void
test_narrow (Fixture      *fixture,
             gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  HcRoleColumn *roles = hc_members_page_get_role_column (page);

  for (guint i = 0; i < 2; i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (fixture->window), 600, 700);
      hc_gui_test_spin_for (300);
    }
  /* The column goes with the other optional ones; the filter stays. */
  g_assert_true (hc_gui_test_spin_until (column_hidden, hc_role_column_get_column (roles), WAIT_SECONDS));
  g_assert_true (gtk_widget_get_visible (hc_role_column_get_filter_widget (roles)));
  maybe_screenshot (GTK_WIDGET (fixture->window), "roles-600.png");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui-roles/column", Fixture, NULL, fixture_setup, test_column, fixture_teardown);
  g_test_add ("/gui-roles/filter", Fixture, NULL, fixture_setup, test_filter, fixture_teardown);
  g_test_add ("/gui-roles/role-deleted", Fixture, NULL, fixture_setup, test_role_deleted, fixture_teardown);
  g_test_add ("/gui-roles/width-600", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);

  return g_test_run ();
}
