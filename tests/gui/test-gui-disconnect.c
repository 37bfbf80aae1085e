/* test-gui-disconnect.c — Disconnect asks what becomes of the members: Keep
 * Members, Archive Members…, Remove Members…; the latter two through the
 * preview, Cancel disconnecting nothing, Apply then a toast with Undo
 * (rules.md 47)
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "hc-directory.h"
#include "hc-gui-test.h"
#include "hc-plan-dialog.h"
#include "hc-window.h"

#define WAIT_SECONDS 30

typedef struct
{
  char     *data_dir;
  HcStore  *store;
  HcWindow *window;
  gint64    id;
  gint64    hand;
  guint     n_managed;
} Fixture;

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

static guint
count_members (Fixture      *fixture,
               HcHrStatus    status,
               HcMemberState state)
{
  g_autoptr (GPtrArray) members = hc_store_list_members (fixture->store, NULL);
  guint n = 0;

  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      n += hc_member_get_hr_status (member) == status && hc_member_get_state (member) == state;
    }
  return n;
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcMember) hand = hc_member_new ();

  fixture->data_dir = g_dir_make_tmp ("headcount-disconnect-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);
  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);
  fixture->id = hc_store_add_connector (fixture->store, "Demo company", "demo", NULL, config, FALSE, &error);
  g_assert_no_error (error);

  fixture->window = hc_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));
  g_assert_true (hc_window_sync_connector (fixture->window, fixture->id, TRUE));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  fixture->n_managed = hc_store_count_connector_members (fixture->store, fixture->id);
  g_assert_cmpuint (fixture->n_managed, >, 0);
  g_assert_cmpuint (count_members (fixture, HC_HR_STATUS_MANAGED, HC_MEMBER_STATE_ARCHIVED), ==, 0);

  /* A member by hand, whom nothing here touches. */
  hc_member_set_field (hand, HC_MEMBER_FIELD_FIRST_NAME, "Hand");
  hc_member_set_field (hand, HC_MEMBER_FIELD_LAST_NAME, "Made");
  g_assert_true (hc_directory_add_member (fixture->store, hand, NULL, &error));
  g_assert_no_error (error);
  fixture->hand = hc_member_get_id (hand);
  hc_window_set_page (fixture->window, "connectors");
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

/* HC_SCREENSHOT_DIR=DIR saves the screen as @name, to look at. */
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
message_shown (gpointer data)
{
  return hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
preview_shown (gpointer data)
{
  return hc_gui_test_find_shown (HC_TYPE_PLAN_DIALOG) != NULL;
}

static gboolean
preview_gone (gpointer data)
{
  return hc_gui_test_find_shown (HC_TYPE_PLAN_DIALOG) == NULL;
}

/* Disconnect on the card's menu, answered with @response. */
static void
disconnect (Fixture    *fixture,
            const char *response)
{
  AdwMessageDialog *message;
  g_autofree char *count = g_strdup_printf ("%u members", fixture->n_managed);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.disconnect-connector", "x",
                                             fixture->id));
  g_assert_true (hc_gui_test_spin_until (message_shown, NULL, WAIT_SECONDS));
  message = hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  /* The three choices, in HR words, and the number */
  g_assert_true (adw_message_dialog_has_response (message, "disconnect"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (message, "disconnect"), ==, "_Keep Members");
  g_assert_cmpstr (adw_message_dialog_get_response_label (message, "archive"), ==, "_Archive Members…");
  g_assert_cmpstr (adw_message_dialog_get_response_label (message, "remove"), ==, "_Remove Members…");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), count));
  if (gtk_widget_get_width (GTK_WIDGET (fixture->window)) < 700)
    maybe_screenshot (GTK_WIDGET (fixture->window), "disconnect-dialog-600.png");
  else
    maybe_screenshot (GTK_WIDGET (fixture->window), "disconnect-dialog.png");
  adw_message_dialog_response (message, response);
  gtk_window_destroy (GTK_WINDOW (message));
}

static gboolean
is_button_for_action (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
is_undo_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0;
}

static void
click (GtkWidget  *root,
       const char *action)
{
  GtkWidget *button = hc_gui_test_find_widget (root, is_button_for_action, (gpointer) action);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
connector_gone (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr (HcConnectorInfo) info = hc_store_get_connector (fixture->store, fixture->id, NULL);

  return info == NULL;
}

static gboolean
undo_shown (gpointer data)
{
  Fixture *fixture = data;

  return hc_gui_test_find_widget (GTK_WIDGET (fixture->window), is_undo_button, NULL) != NULL;
}

static gboolean
members_back (gpointer data)
{
  Fixture *fixture = data;

  return count_members (fixture, HC_HR_STATUS_PREVIOUSLY_MANAGED, HC_MEMBER_STATE_INVITED) +
         count_members (fixture, HC_HR_STATUS_PREVIOUSLY_MANAGED, HC_MEMBER_STATE_ACTIVE) == fixture->n_managed;
}

static void
test_archive (Fixture      *fixture,
              gconstpointer data)
{
  HcPlanDialog *preview;
  g_autoptr (HcMember) hand = NULL;

  disconnect (fixture, "archive");
  g_assert_true (hc_gui_test_spin_until (preview_shown, NULL, WAIT_SECONDS));
  preview = hc_gui_test_find_shown (HC_TYPE_PLAN_DIALOG);
  g_assert_nonnull (strstr (hc_plan_dialog_get_title (preview), "Disconnect"));
  g_assert_cmpint (hc_plan_dialog_get_category (preview), ==, HC_PLAN_CATEGORY_ARCHIVE);
  g_assert_cmpuint (g_list_model_get_n_items (hc_plan_dialog_get_model (preview)), ==, fixture->n_managed);
  /* Apply names the number */
  {
    GtkWidget *apply = hc_gui_test_find_widget (GTK_WIDGET (preview), is_button_for_action, "preview.apply");
    g_autofree char *label = g_strdup_printf ("_Archive %u Members", fixture->n_managed);

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (apply)), ==, label);
    g_assert_true (gtk_widget_has_css_class (apply, "destructive-action"));
  }
  maybe_screenshot (GTK_WIDGET (preview), "disconnect-preview.png");
  click (GTK_WIDGET (preview), "preview.apply");
  g_assert_true (hc_gui_test_spin_until (connector_gone, fixture, WAIT_SECONDS));
  g_assert_cmpuint (count_members (fixture, HC_HR_STATUS_PREVIOUSLY_MANAGED, HC_MEMBER_STATE_ARCHIVED), ==,
                    fixture->n_managed);
  hand = hc_store_get_member (fixture->store, fixture->hand, NULL);
  g_assert_cmpint (hc_member_get_state (hand), ==, HC_MEMBER_STATE_ACTIVE);
  g_assert_cmpint (hc_member_get_hr_status (hand), ==, HC_HR_STATUS_MANUAL);

  /* The toast's Undo puts them back: no longer managed, the connector gone */
  g_assert_true (hc_gui_test_spin_until (undo_shown, fixture, WAIT_SECONDS));
  g_signal_emit_by_name (hc_gui_test_find_widget (GTK_WIDGET (fixture->window), is_undo_button, NULL), "clicked");
  g_assert_true (hc_gui_test_spin_until (members_back, fixture, WAIT_SECONDS));
  g_assert_cmpuint (count_members (fixture, HC_HR_STATUS_PREVIOUSLY_MANAGED, HC_MEMBER_STATE_ARCHIVED), ==, 0);
}

static void
test_remove_cancel (Fixture      *fixture,
                    gconstpointer data)
{
  HcPlanDialog *preview;
  guint n_before = hc_store_count_members (fixture->store, -1);

  /* Cancel in the preview: nothing disconnected, nobody removed (at
   * 600 px) */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 600, 720);
  hc_gui_test_spin_for (500);
  disconnect (fixture, "remove");
  g_assert_true (hc_gui_test_spin_until (preview_shown, NULL, WAIT_SECONDS));
  preview = hc_gui_test_find_shown (HC_TYPE_PLAN_DIALOG);
  g_assert_cmpint (hc_plan_dialog_get_category (preview), ==, HC_PLAN_CATEGORY_REMOVE);
  g_assert_cmpuint (g_list_model_get_n_items (hc_plan_dialog_get_model (preview)), ==, fixture->n_managed);
  click (GTK_WIDGET (preview), "preview.cancel");
  g_assert_true (hc_gui_test_spin_until (preview_gone, NULL, WAIT_SECONDS));
  hc_gui_test_spin_for (300);
  g_assert_false (connector_gone (fixture));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, n_before);

  /* Apply: removed, the connector gone, the member by hand still there */
  disconnect (fixture, "remove");
  g_assert_true (hc_gui_test_spin_until (preview_shown, NULL, WAIT_SECONDS));
  click (GTK_WIDGET (hc_gui_test_find_shown (HC_TYPE_PLAN_DIALOG)), "preview.apply");
  g_assert_true (hc_gui_test_spin_until (connector_gone, fixture, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, n_before - fixture->n_managed);
  g_assert_nonnull (hc_store_get_member (fixture->store, fixture->hand, NULL));

  /* Undo in the toast puts them back */
  g_assert_true (hc_gui_test_spin_until (undo_shown, fixture, WAIT_SECONDS));
  g_signal_emit_by_name (hc_gui_test_find_widget (GTK_WIDGET (fixture->window), is_undo_button, NULL), "clicked");
  g_assert_true (hc_gui_test_spin_until (members_back, fixture, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, n_before);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/disconnect/archive", Fixture, NULL, fixture_setup, test_archive, fixture_teardown);
  g_test_add ("/gui/disconnect/remove-cancel", Fixture, NULL, fixture_setup, test_remove_cancel,
              fixture_teardown);

  return g_test_run ();
}
