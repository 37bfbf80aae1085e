/* test-gui-groups.c — the Groups page in the window: the tree and its
 * counts, the member table filtered by the selected group, New, Rename,
 * Move and Delete (its confirmation naming the members), the empty state,
 * and Add to Group… / Remove from Group from the member table
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-directory.h"
#include "hc-group-dialog.h"
#include "hc-group-item.h"
#include "hc-groups.h"
#include "hc-groups-page.h"
#include "hc-gui-test.h"
#include "hc-plan.h"
#include "hc-test-fixtures.h"
#include "hc-window.h"

#define WAIT_SECONDS 30

typedef struct
{
  char     *data_dir;
  HcStore  *store;
  HcWindow *window;
  gint64    cid;
} Fixture;

static const char * const employees[] = {
  "E1|Ana|Lima|ana@example.com|active||Paris||Engineer",
  "E2|Ben|Okafor|ben@example.com|active|E1|Paris||Designer",
  "E3|Chloé|Dubois|chloe@example.com|active|E1|Paris||Engineer",
  "E4|Dan|Moreau|dan@example.com|active|E1|Lyon||Sales",
  "E5|Eva|Rossi|eva@example.com|active|E1|Lyon||Sales",
  NULL
};

static gint64
member_id (Fixture    *fixture,
           const char *email)
{
  g_autoptr (HcMember) member = hc_store_find_member_by_email (fixture->store, email, NULL);

  g_assert_nonnull (member);
  return hc_member_get_id (member);
}

static void
add_to (Fixture    *fixture,
        const char *path,
        const char *emails)
{
  g_auto (GStrv) list = g_strsplit (emails, " ", -1);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;

  for (guint i = 0; list[i] != NULL; i++)
    {
      gint64 id = member_id (fixture, list[i]);

      g_array_append_val (ids, id);
    }
  g_assert_true (hc_groups_add_members (fixture->store, path, ids, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  gboolean with_groups = GPOINTER_TO_INT (data) != 1;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autofree char *path = NULL;

  fixture->data_dir = g_dir_make_tmp ("headcount-gui-groups-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);
  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);

  fixture->cid = hc_store_add_connector (fixture->store, "Personio", "demo", NULL, config, FALSE, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) list = hc_test_employees (employees);
    g_autoptr (GPtrArray) members = hc_store_list_members (fixture->store, &error);
    g_autoptr (HcSyncRun) run = hc_sync_run_new (fixture->cid, HC_SYNC_TRIGGER_MANUAL);
    g_autoptr (HcPlan) plan = hc_plan_compute (config, fixture->cid, list, members, TRUE);
    g_autoptr (GPtrArray) all = NULL;
    g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_assert_true (hc_store_apply_plan (fixture->store, plan, run, &error));
    g_assert_no_error (error);
    /* Everyone joined: the Active tab shows them all. */
    all = hc_store_list_members (fixture->store, &error);
    for (guint i = 0; i < all->len; i++)
      {
        gint64 id = hc_member_get_id (g_ptr_array_index (all, i));

        g_array_append_val (ids, id);
      }
    g_assert_true (hc_directory_mark_joined (fixture->store, ids, NULL, &error));
    g_assert_no_error (error);
  }

  if (with_groups)
    {
      const char *paths[] = { "Offices", "Offices/Paris", "Offices/Paris/Engineering", "Offices/Lyon",
                              "Project Atlas" };

      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        {
          g_assert_true (hc_groups_create (fixture->store, paths[i], NULL, NULL, &error));
          g_assert_no_error (error);
        }
      add_to (fixture, "Offices/Paris", "ben@example.com");
      add_to (fixture, "Offices/Paris/Engineering", "ana@example.com chloe@example.com");
      add_to (fixture, "Offices/Lyon", "dan@example.com eva@example.com");
      add_to (fixture, "Project Atlas", "ana@example.com");
    }

  fixture->window = hc_window_new (NULL, fixture->store);
  /* 360 and 600 pixels wide: a phone, a narrow window. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window),
                               GPOINTER_TO_INT (data) == 2 ? 360 : GPOINTER_TO_INT (data) == 3 ? 600 : 1000, 700);
  hc_window_set_page (fixture->window, "groups");
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

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
destroy_toplevels (GType type)
{
  gpointer window;

  while ((window = hc_gui_test_find_visible_toplevel (type)) != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  destroy_toplevels (ADW_TYPE_MESSAGE_DIALOG);
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
is_label_containing (GtkWidget *widget,
                     gpointer   data)
{
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_is_visible (widget))
    return FALSE;
  text = gtk_label_get_text (GTK_LABEL (widget));
  return text != NULL && strstr (text, data) != NULL;
}

static HcGroupsPage *
get_groups_page (Fixture *fixture)
{
  HcGroupsPage *page = hc_window_get_groups_page (fixture->window);

  g_assert_nonnull (page);
  return page;
}

typedef struct
{
  HcGroupsPage *page;
  const char   *state;
  guint         n_rows;
} TreeWait;

static gboolean
tree_is (gpointer data)
{
  TreeWait *wait = data;

  return !hc_groups_page_get_loading (wait->page) &&
         g_strcmp0 (hc_groups_page_get_state_name (wait->page), wait->state) == 0 &&
         (wait->n_rows == G_MAXUINT ||
          g_list_model_get_n_items (hc_groups_page_get_model (wait->page)) == wait->n_rows);
}

static void
wait_tree (Fixture    *fixture,
           const char *state,
           guint       n_rows)
{
  TreeWait wait = { get_groups_page (fixture), state, n_rows };

  g_assert_true (hc_gui_test_spin_until (tree_is, &wait, WAIT_SECONDS));
}

/* "Offices=4" for each row in order, "Name=count" with two spaces of
 * indent per level. (transfer full) */
static char *
describe_tree (Fixture *fixture)
{
  GListModel *model = hc_groups_page_get_model (get_groups_page (fixture));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr (HcGroupItem) item = gtk_tree_list_row_get_item (row);

      for (guint d = 0; d < gtk_tree_list_row_get_depth (row); d++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "%s=%u\n", hc_group_item_get_name (item), hc_group_item_get_n_members (item));
    }
  return g_string_free (out, FALSE);
}

static gpointer
wait_dialog (GType type)
{
  gpointer dialog = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while ((dialog = hc_gui_test_find_visible_toplevel (type)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
test_tree (Fixture      *fixture,
           gconstpointer data)
{
  HcGroupsPage *page = get_groups_page (fixture);
  g_autofree char *tree = NULL;

  wait_tree (fixture, "tree", 5);
  tree = describe_tree (fixture);
  /* Each member once per group, the subgroups' included; siblings by name. */
  g_assert_cmpstr (tree, ==,
                   "Offices=5\n"
                   "  Lyon=2\n"
                   "  Paris=3\n"
                   "    Engineering=2\n"
                   "Project Atlas=1\n");
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_label_containing, "Engineering"));
  /* Nothing selected: the member table is not filtered. */
  g_assert_null (hc_groups_page_get_selected_path (page));
  g_assert_null (hc_members_page_get_group (hc_window_get_members_page (fixture->window)));
  hc_groups_page_set_selected_path (page, "Offices/Paris");
  maybe_screenshot (GTK_WIDGET (fixture->window), "groups.png");
}

static void
test_filter (Fixture      *fixture,
             gconstpointer data)
{
  HcGroupsPage *groups = get_groups_page (fixture);
  HcMembersPage *members = hc_window_get_members_page (fixture->window);
  GListModel *model = hc_members_page_get_model (members);

  wait_tree (fixture, "tree", 5);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);

  /* Selecting Paris shows its members and Engineering's. */
  g_assert_true (hc_groups_page_set_selected_path (groups, "Offices/Paris"));
  g_assert_cmpstr (hc_members_page_get_group (members), ==, "Offices/Paris");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  /* Show Members goes to the table, which says what it shows. */
  gtk_widget_activate_action (GTK_WIDGET (groups), "groups.show-members", NULL);
  g_assert_cmpstr (hc_window_get_page (fixture->window), ==, "members");
  hc_gui_test_spin_for (200);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (members), is_label_containing,
                                             "Members of “Offices / Paris” and its subgroups"));
  maybe_screenshot (GTK_WIDGET (fixture->window), "groups-filter.png");

  /* A search narrows within the group. */
  hc_members_page_set_search_text (members, "ana");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  hc_members_page_set_search_text (members, "");

  g_assert_true (hc_groups_page_set_selected_path (groups, "Offices/Lyon"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* Show Everyone in the table clears the group on both pages. */
  gtk_widget_activate_action (GTK_WIDGET (members), "members.clear-group", NULL);
  g_assert_null (hc_members_page_get_group (members));
  g_assert_null (hc_groups_page_get_selected_path (groups));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
}

static void
select_emails (HcMembersPage *page,
               const char    *emails)
{
  GListModel *model = hc_members_page_get_model (page);
  GtkSelectionModel *selection = hc_members_page_get_selection_model (page);
  g_auto (GStrv) list = g_strsplit (emails, " ", -1);

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (HcMember) member = g_list_model_get_item (model, i);

      if (g_strv_contains ((const char * const *) list, hc_member_get_email (member)))
        gtk_selection_model_select_item (selection, i, FALSE);
    }
}

static gboolean
count_is (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
test_add_to_group (Fixture      *fixture,
                   gconstpointer data)
{
  HcMembersPage *members = hc_window_get_members_page (fixture->window);
  HcGroupsPage *groups = get_groups_page (fixture);
  HcGroupDialog *dialog;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *tree = NULL;

  wait_tree (fixture, "tree", 5);
  hc_window_set_page (fixture->window, "members");
  /* Ana is in Project Atlas already: only Ben and Dan go in. */
  select_emails (members, "ana@example.com ben@example.com dan@example.com");
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (members), is_label_containing, "3 members selected"));
  gtk_widget_activate_action (GTK_WIDGET (members), "members.add-to-group", NULL);
  dialog = wait_dialog (HC_TYPE_GROUP_DIALOG);
  g_assert_true (hc_group_dialog_set_selected_path (dialog, "Project Atlas"));
  /* A group cannot be offered twice, nor "Top Level" here. */
  g_assert_false (hc_group_dialog_set_selected_path (dialog, NULL));
  g_assert_cmpstr (hc_group_dialog_get_selected_path (dialog), ==, "Offices");
  g_assert_true (hc_group_dialog_set_selected_path (dialog, "Project Atlas"));
  maybe_screenshot (GTK_WIDGET (fixture->window), "groups-add.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  gtk_window_destroy (GTK_WINDOW (dialog));

  ids = hc_groups_list_members (fixture->store, "Project Atlas", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  wait_tree (fixture, "tree", 5);
  {
    gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

    do
      {
        g_free (tree);
        tree = describe_tree (fixture);
        g_main_context_iteration (NULL, FALSE);
      }
    while (strstr (tree, "Project Atlas=3") == NULL && g_get_monotonic_time () < deadline);
  }
  g_assert_nonnull (strstr (tree, "Project Atlas=3"));

  /* Remove from Group, in the table filtered by the group. */
  g_assert_true (hc_groups_page_set_selected_path (groups, "Project Atlas"));
  {
    gpointer args[2] = { hc_members_page_get_model (members), GUINT_TO_POINTER (3) };

    g_assert_true (hc_gui_test_spin_until (count_is, args, WAIT_SECONDS));
  }
  select_emails (members, "ben@example.com");
  gtk_widget_activate_action (GTK_WIDGET (members), "members.remove-from-group", NULL);
  {
    gpointer args[2] = { hc_members_page_get_model (members), GUINT_TO_POINTER (2) };

    g_assert_true (hc_gui_test_spin_until (count_is, args, WAIT_SECONDS));
  }
  g_clear_pointer (&ids, g_array_unref);
  ids = hc_groups_list_members (fixture->store, "Project Atlas", &error);
  g_assert_cmpuint (ids->len, ==, 2);

  /* A member only in a subgroup is not taken out of the parent. */
  g_assert_true (hc_groups_page_set_selected_path (groups, "Offices/Paris"));
  {
    gpointer args[2] = { hc_members_page_get_model (members), GUINT_TO_POINTER (3) };

    g_assert_true (hc_gui_test_spin_until (count_is, args, WAIT_SECONDS));
  }
  select_emails (members, "ana@example.com");
  gtk_widget_activate_action (GTK_WIDGET (members), "members.remove-from-group", NULL);
  hc_gui_test_spin_for (300);
  g_clear_pointer (&ids, g_array_unref);
  ids = hc_groups_list_members (fixture->store, "Offices/Paris/Engineering", &error);
  g_assert_cmpuint (ids->len, ==, 2);
}

static void
respond (gpointer    dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
tree_contains (gpointer data)
{
  gpointer *args = data;
  g_autofree char *tree = describe_tree (args[0]);

  return strstr (tree, args[1]) != NULL;
}

static void
wait_tree_text (Fixture    *fixture,
                const char *text)
{
  gpointer args[2] = { fixture, (gpointer) text };

  if (!hc_gui_test_spin_until (tree_contains, args, WAIT_SECONDS))
    {
      g_autofree char *tree = describe_tree (fixture);

      g_error ("The tree has no “%s”:\n%s", text, tree);
    }
}

static void
test_edit (Fixture      *fixture,
           gconstpointer data)
{
  HcGroupsPage *page = get_groups_page (fixture);
  HcGroupDialog *dialog;
  AdwMessageDialog *confirm;
  g_autoptr (GError) error = NULL;

  wait_tree (fixture, "tree", 5);

  /* New Group… under the selected group. */
  g_assert_true (hc_groups_page_set_selected_path (page, "Offices"));
  gtk_widget_activate_action (GTK_WIDGET (page), "groups.new", NULL);
  dialog = wait_dialog (HC_TYPE_GROUP_DIALOG);
  g_assert_cmpstr (hc_group_dialog_get_selected_path (dialog), ==, "Offices");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept"));
  hc_group_dialog_set_name (dialog, "  Berlin / Mitte ");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept"));
  respond (dialog, "accept");
  wait_tree_text (fixture, "  Berlin / Mitte=0\n  Lyon=2\n");
  g_assert_cmpstr (hc_groups_page_get_selected_path (page), ==, "Offices/Berlin \\/ Mitte");

  /* Rename it. */
  gtk_widget_activate_action (GTK_WIDGET (page), "groups.rename", NULL);
  dialog = wait_dialog (HC_TYPE_GROUP_DIALOG);
  hc_group_dialog_set_name (dialog, "Berlin");
  respond (dialog, "accept");
  wait_tree_text (fixture, "  Berlin=0\n");
  g_assert_cmpstr (hc_groups_page_get_selected_path (page), ==, "Offices/Berlin");

  /* Move Paris under Project Atlas: never under itself or its subgroups. */
  g_assert_true (hc_groups_page_set_selected_path (page, "Offices/Paris"));
  gtk_widget_activate_action (GTK_WIDGET (page), "groups.move", NULL);
  dialog = wait_dialog (HC_TYPE_GROUP_DIALOG);
  g_assert_cmpstr (hc_group_dialog_get_selected_path (dialog), ==, "Offices");
  g_assert_false (hc_group_dialog_set_selected_path (dialog, "Offices/Paris"));
  g_assert_false (hc_group_dialog_set_selected_path (dialog, "Offices/Paris/Engineering"));
  g_assert_true (hc_group_dialog_set_selected_path (dialog, "Project Atlas"));
  respond (dialog, "accept");
  wait_tree_text (fixture, "Project Atlas=3\n  Paris=3\n    Engineering=2\n");
  g_assert_cmpstr (hc_groups_page_get_selected_path (page), ==, "Project Atlas/Paris");

  /* Delete asks first, naming who leaves; Cancel keeps the group. */
  g_assert_true (hc_groups_page_set_selected_path (page, "Project Atlas/Paris/Engineering"));
  gtk_widget_activate_action (GTK_WIDGET (page), "groups.delete", NULL);
  confirm = wait_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Delete “Engineering”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "2 members leave the group"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "Ana Lima"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "Chloé Dubois"));
  respond (confirm, "cancel");
  hc_gui_test_spin_for (200);
  g_assert_nonnull (hc_groups_list_members (fixture->store, "Project Atlas/Paris/Engineering", &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (page), "groups.delete", NULL);
  confirm = wait_dialog (ADW_TYPE_MESSAGE_DIALOG);
  respond (confirm, "delete");
  wait_tree_text (fixture, "Project Atlas=2\n  Paris=1\n");
  g_assert_null (hc_groups_page_get_selected_path (page));
  /* The members stay. */
  g_assert_cmpuint (hc_store_count_members (fixture->store, HC_MEMBER_STATE_ACTIVE), ==, 5);

  /* A group with subgroups is refused, naming them. */
  g_assert_true (hc_groups_page_set_selected_path (page, "Offices"));
  gtk_widget_activate_action (GTK_WIDGET (page), "groups.delete", NULL);
  hc_gui_test_spin_for (300);
  g_assert_null (hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wait_tree_text (fixture, "Offices=2\n  Berlin=0\n  Lyon=2\n");
}

static gboolean
is_row_titled_containing (GtkWidget *widget,
                          gpointer   data)
{
  const char *title;

  if (!ADW_IS_PREFERENCES_ROW (widget) || !gtk_widget_is_visible (widget))
    return FALSE;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return title != NULL && strstr (title, data) != NULL;
}

/* The member's details list their groups, and who put them there. */
static void
test_member_details (Fixture      *fixture,
                     gconstpointer data)
{
  HcMembersPage *members = hc_window_get_members_page (fixture->window);
  g_autoptr (HcMember) ana = hc_store_find_member_by_email (fixture->store, "ana@example.com", NULL);
  g_autoptr (HcMember) eva = hc_store_find_member_by_email (fixture->store, "eva@example.com", NULL);
  GtkWindow *dialog;

  dialog = hc_members_page_show_member (members, ana);
  hc_gui_test_spin_for (200);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "Groups and Roles"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_titled_containing,
                                             "In Offices/Paris/Engineering: added by hand"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_titled_containing,
                                             "In Project Atlas: added by hand"));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_titled_containing, "Offices/Lyon"));
  gtk_window_destroy (dialog);

  dialog = hc_members_page_show_member (members, eva);
  hc_gui_test_spin_for (200);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_titled_containing,
                                             "In Offices/Lyon: added by hand"));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_titled_containing, "Project Atlas"));
  gtk_window_destroy (dialog);
}

static void
test_empty (Fixture      *fixture,
            gconstpointer data)
{
  HcGroupsPage *page = get_groups_page (fixture);
  HcGroupDialog *dialog;

  wait_tree (fixture, "empty", 0);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_label_containing, "No Groups Yet"));
  maybe_screenshot (GTK_WIDGET (fixture->window), "groups-empty.png");

  /* Add to Group… without a group says where to make one. */
  {
    HcMembersPage *members = hc_window_get_members_page (fixture->window);

    hc_window_set_page (fixture->window, "members");
    select_emails (members, "ana@example.com");
    gtk_widget_activate_action (GTK_WIDGET (members), "members.add-to-group", NULL);
    hc_gui_test_spin_for (200);
    g_assert_null (hc_gui_test_find_visible_toplevel (HC_TYPE_GROUP_DIALOG));
    hc_window_set_page (fixture->window, "groups");
  }

  gtk_widget_activate_action (GTK_WIDGET (page), "groups.new", NULL);
  dialog = wait_dialog (HC_TYPE_GROUP_DIALOG);
  g_assert_null (hc_group_dialog_get_selected_path (dialog));
  hc_group_dialog_set_name (dialog, "Paris");
  respond (dialog, "accept");
  wait_tree (fixture, "tree", 1);
  wait_tree_text (fixture, "Paris=0\n");
}

static void
test_narrow (Fixture      *fixture,
             gconstpointer data)
{
  HcGroupsPage *page = get_groups_page (fixture);
  int width = GPOINTER_TO_INT (data) == 2 ? 360 : 600;
  int min = 0;

  wait_tree (fixture, "tree", 5);
  /* As someone would: the member table first, whose compact layout comes
   * with its first narrow allocation, then the groups. */
  hc_window_set_page (fixture->window, "members");
  for (guint i = 0; i < 2; i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 700);
      hc_gui_test_spin_for (300);
    }
  hc_window_set_page (fixture->window, "groups");
  hc_groups_page_set_selected_path (page, "Offices/Paris/Engineering");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 700);
  hc_gui_test_spin_for (300);

  /* The page asks for no more than the window has. */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, width);
  maybe_screenshot (GTK_WIDGET (fixture->window), width == 360 ? "groups-360.png" : "groups-600.png");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui-groups/tree", Fixture, NULL, fixture_setup, test_tree, fixture_teardown);
  g_test_add ("/gui-groups/filter", Fixture, NULL, fixture_setup, test_filter, fixture_teardown);
  g_test_add ("/gui-groups/add-to-group", Fixture, NULL, fixture_setup, test_add_to_group, fixture_teardown);
  g_test_add ("/gui-groups/edit", Fixture, NULL, fixture_setup, test_edit, fixture_teardown);
  g_test_add ("/gui-groups/member-details", Fixture, NULL, fixture_setup, test_member_details, fixture_teardown);
  g_test_add ("/gui-groups/empty", Fixture, GINT_TO_POINTER (1), fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/gui-groups/width-600", Fixture, GINT_TO_POINTER (3), fixture_setup, test_narrow, fixture_teardown);
  g_test_add ("/gui-groups/width-360", Fixture, GINT_TO_POINTER (2), fixture_setup, test_narrow, fixture_teardown);

  return g_test_run ();
}
