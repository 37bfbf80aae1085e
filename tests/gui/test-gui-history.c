/* test-gui-history.c — History in the real window: a run opens into its
 * changes field by field, searchable; "Undo This Sync…" on the last
 * applied run previews the rollback, Cancel changes nothing, Undo applies
 * it and records it
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-gui-test.h"
#include "hc-history-page.h"
#include "hc-run-change-item.h"
#include "hc-run-dialog.h"
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

static HcRunDialog *
find_run_dialog (void)
{
  return hc_gui_test_find_visible_toplevel (HC_TYPE_RUN_DIALOG);
}

static gboolean
run_dialog_shown (gpointer data)
{
  return find_run_dialog () != NULL;
}

static gboolean
dialog_idle (gpointer data)
{
  return !hc_run_dialog_get_busy (data);
}

static gboolean
confirmation_shown (gpointer data)
{
  return hc_run_dialog_get_confirmation (data) != NULL;
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_type (c, type);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button_with_action (GtkWidget  *root,
                         const char *action)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button_with_action (c, action);

      if (found)
        return found;
    }
  return NULL;
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (path, name, NULL);

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR))
        remove_dir (child_path);
      else
        g_unlink (child_path);
    }
  g_rmdir (path);
}

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
  "E1|Zoé|Lefèvre|zoe@x.test|active||Paris",
  "E2|Paul|Martin|paul@x.test|active|E1|Lyon",
  NULL
};

static const char * const second[] = {
  "E1|Zoé|Lefèvre|zoe@x.test|active||Berlin",
  "E2|Paul|Martin|paul@x.test|active|E1|Lyon",
  "E3|Ada|Newton|ada@x.test|active|E1|Lyon",
  NULL
};

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->data_dir = g_dir_make_tmp ("headcount-history-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (f->data_dir, "test", &error);
  g_assert_no_error (error);
  f->store = hc_store_new (path, &error);
  g_assert_no_error (error);
  f->config = hc_config_new_default ();
  f->connector_id = hc_store_add_connector (f->store, "Acme HR", "demo", "{}", f->config, FALSE, &error);
  g_assert_no_error (error);
  sync_employees (f, first);
  sync_employees (f, second);

  f->window = hc_window_new (NULL, f->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  hc_window_set_page (f->window, "history");
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, f->window, WAIT_SECONDS));
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  HcRunDialog *dialog = find_run_dialog ();

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (f->window != NULL)
    {
      HcWindow *window = f->window;

      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &f->window);
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &f->window, WAIT_SECONDS));
    }
  g_clear_object (&f->store);
  g_clear_pointer (&f->config, hc_config_free);
  remove_dir (f->data_dir);
  g_clear_pointer (&f->data_dir, g_free);
}

/* Opens the run at @position of the History page as a click would. */
static HcRunDialog *
open_run (Fixture *f,
          guint    position)
{
  HcHistoryPage *page = hc_window_get_history_page (f->window);
  GtkWidget *view = find_by_type (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW);

  g_assert_nonnull (view);
  g_signal_emit_by_name (view, "activate", position);
  g_assert_true (hc_gui_test_spin_until (run_dialog_shown, NULL, WAIT_SECONDS));
  g_assert_true (hc_gui_test_spin_until (dialog_idle, find_run_dialog (), WAIT_SECONDS));
  return find_run_dialog ();
}

static HcRunChangeItem *
find_change (GListModel *model,
             const char *field)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (HcRunChangeItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (hc_run_change_item_get_field (item), field) == 0)
        return item;   /* the model keeps it alive */
    }
  return NULL;
}

static char *
office_of (Fixture    *f,
           const char *email)
{
  g_autoptr (GPtrArray) members = hc_store_list_members (f->store, NULL);

  for (guint i = 0; i < members->len; i++)
    if (g_strcmp0 (hc_member_get_email (g_ptr_array_index (members, i)), email) == 0)
      return g_strdup (hc_member_get_field (g_ptr_array_index (members, i), "office"));
  return NULL;
}

static gboolean
has_runs (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (hc_history_page_get_model (hc_window_get_history_page (f->window))) == 3;
}

static void
test_changes_and_search (Fixture      *f,
                         gconstpointer data)
{
  HcRunDialog *dialog;
  GListModel *changes;
  HcRunChangeItem *office;
  guint all;

  g_assert_cmpuint (g_list_model_get_n_items (hc_history_page_get_model (hc_window_get_history_page (f->window))),
                    ==, 2);
  dialog = open_run (f, 0);
  changes = hc_run_dialog_get_changes (dialog);
  all = g_list_model_get_n_items (changes);
  g_assert_cmpuint (all, >, 2);

  office = find_change (changes, "Office");
  g_assert_nonnull (office);
  g_assert_cmpstr (hc_run_change_item_get_member (office), ==, "Zoé Lefèvre");
  g_assert_cmpstr (hc_run_change_item_get_before (office), ==, "Paris");
  g_assert_cmpstr (hc_run_change_item_get_after (office), ==, "Berlin");
  /* the created member, field by field */
  g_assert_nonnull (find_change (changes, "E-mail"));

  gtk_editable_set_text (hc_run_dialog_get_search_entry (dialog), "BERLIN");
  g_signal_emit_by_name (hc_run_dialog_get_search_entry (dialog), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 1);
  gtk_editable_set_text (hc_run_dialog_get_search_entry (dialog), "ada");
  g_signal_emit_by_name (hc_run_dialog_get_search_entry (dialog), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (changes), >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (changes), <, all);
  gtk_editable_set_text (hc_run_dialog_get_search_entry (dialog), "no such thing");
  g_signal_emit_by_name (hc_run_dialog_get_search_entry (dialog), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 0);
  gtk_editable_set_text (hc_run_dialog_get_search_entry (dialog), "");
  g_signal_emit_by_name (hc_run_dialog_get_search_entry (dialog), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, all);

  /* the older run has no undo */
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = open_run (f, 1);
  g_assert_false (gtk_widget_get_visible (find_button_with_action (GTK_WIDGET (dialog), "run.undo")));
}

static void
test_undo (Fixture      *f,
           gconstpointer data)
{
  HcRunDialog *dialog = open_run (f, 0);
  GtkWidget *button = find_button_with_action (GTK_WIDGET (dialog), "run.undo");
  AdwMessageDialog *confirmation;
  g_autofree char *office = NULL;
  g_autoptr (GPtrArray) runs = NULL;

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 3);

  /* Cancel changes nothing */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (hc_gui_test_spin_until (confirmation_shown, dialog, WAIT_SECONDS));
  confirmation = hc_run_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirmation);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirmation), "Removes 1 member"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirmation), "Restores 1 member"));
  adw_message_dialog_response (confirmation, "cancel");
  g_assert_null (hc_run_dialog_get_confirmation (dialog));
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 3);
  office = office_of (f, "zoe@x.test");
  g_assert_cmpstr (office, ==, "Berlin");
  g_clear_pointer (&office, g_free);
  runs = hc_store_list_runs (f->store, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 2);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Undo applies it, records it, and the window shows it */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (hc_gui_test_spin_until (confirmation_shown, dialog, WAIT_SECONDS));
  confirmation = hc_run_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirmation);
  adw_message_dialog_response (confirmation, "undo");
  g_assert_true (hc_gui_test_spin_until (dialog_idle, dialog, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 2);
  office = office_of (f, "zoe@x.test");
  g_assert_cmpstr (office, ==, "Paris");
  runs = hc_store_list_runs (f->store, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 3);
  g_assert_cmpint (((HcSyncRun *) g_ptr_array_index (runs, 0))->trigger, ==, HC_SYNC_TRIGGER_MANUAL);
  g_assert_true (hc_gui_test_spin_until (has_runs, f, WAIT_SECONDS));
  g_assert_false (gtk_widget_get_visible (button));
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
      g_test_add_func ("/gui/history/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/history/changes-and-search", Fixture, NULL, fixture_setup, test_changes_and_search,
              fixture_teardown);
  g_test_add ("/gui/history/undo", Fixture, NULL, fixture_setup, test_undo, fixture_teardown);

  return g_test_run ();
}
