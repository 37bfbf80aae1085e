/* test-gui-discard.c — unsaved edits are never thrown away silently: Add
 * Connector, Edit Credentials and Import ask "Discard Changes?" on Escape,
 * Cancel or a close once something was changed, and close at once when
 * nothing was
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "hc-connector-dialog.h"
#include "hc-gui-test.h"
#include "hc-import-dialog.h"
#include "hc-member-csv.h"
#include "hc-store.h"

#define WAIT_SECONDS 30

typedef struct
{
  char    *data_dir;
  HcStore *store;
} Fixture;

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->data_dir = g_dir_make_tmp ("headcount-discard-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);
  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->data_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->data_dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fixture->data_dir);
  g_free (fixture->data_dir);
}

/* The prompt */

static AdwMessageDialog *
find_prompt (void)
{
  AdwMessageDialog *dialog = hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  if (dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (dialog), "Discard Changes?") == 0)
    return dialog;
  return NULL;
}

static gboolean
prompt_shown (gpointer data)
{
  return find_prompt () != NULL;
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* Answers the prompt as a click does: the response, then the prompt closes. */
static void
answer_prompt (const char *label)
{
  AdwMessageDialog *prompt = find_prompt ();
  GtkWidget *button;

  g_assert_nonnull (prompt);
  button = hc_gui_test_find_widget (GTK_WIDGET (prompt), is_button_labelled, (gpointer) label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

/* The three ways out: Escape, the Cancel button, the window's close. */
typedef enum
{
  CLOSE_ESCAPE,
  CLOSE_CANCEL,
  CLOSE_WINDOW,
} CloseWay;

/* Escape as the window's own key binding handles it: the shortcut of the
 * window's class whose trigger is Escape. */
static void
press_escape (GtkWidget *window)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (window);
  gboolean pressed = FALSE;

  for (guint i = 0; !pressed && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; !pressed && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != GDK_KEY_Escape)
            continue;
          pressed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, window,
                                                  gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_assert_true (pressed);
}

static gboolean
is_cancel_button (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "window.close") == 0;
}

static void
try_close (GtkWidget *window,
           CloseWay   way)
{
  switch (way)
    {
    case CLOSE_ESCAPE:
      press_escape (window);
      break;

    case CLOSE_CANCEL:
      {
        GtkWidget *button = hc_gui_test_find_widget (window, is_cancel_button, NULL);

        g_assert_nonnull (button);
        g_signal_emit_by_name (button, "clicked");
      }
      break;

    case CLOSE_WINDOW:
    default:
      gtk_window_close (GTK_WINDOW (window));
      break;
    }
}

/* Nothing changed: the window closes at once, without a prompt. */
static void
assert_closes_quietly (GtkWidget *window,
                       CloseWay   way)
{
  gpointer watched = window;

  g_object_add_weak_pointer (G_OBJECT (window), &watched);
  try_close (window, way);
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &watched, WAIT_SECONDS));
  g_assert_null (find_prompt ());
}

/* Something changed: asks; Keep Editing keeps the window, Discard closes it. */
static void
assert_asks_then_discards (GtkWidget *window,
                           CloseWay   way)
{
  gpointer watched = window;

  g_object_add_weak_pointer (G_OBJECT (window), &watched);
  try_close (window, way);
  g_assert_true (hc_gui_test_spin_until (prompt_shown, NULL, WAIT_SECONDS));
  answer_prompt ("_Keep Editing");
  hc_gui_test_spin_for (200);
  g_assert_nonnull (watched);
  g_assert_true (gtk_widget_get_visible (window));
  g_assert_null (find_prompt ());

  try_close (window, way);
  g_assert_true (hc_gui_test_spin_until (prompt_shown, NULL, WAIT_SECONDS));
  answer_prompt ("_Discard");
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &watched, WAIT_SECONDS));
  hc_gui_test_spin_for (100);
  g_assert_null (find_prompt ());
}

static void
set_row_text (GtkWidget  *dialog,
              const char *name,
              const char *text)
{
  gpointer row = hc_gui_test_template_child (dialog, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static GtkWidget *
present (gpointer window)
{
  gtk_window_present (GTK_WINDOW (window));
  hc_gui_test_spin_for (100);
  return window;
}

/* Add Connector */

static void
test_add_connector (Fixture      *fixture,
                    gconstpointer data)
{
  const CloseWay ways[] = { CLOSE_ESCAPE, CLOSE_CANCEL, CLOSE_WINDOW };

  for (gsize i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      GtkWidget *dialog;

      /* The list of HR systems, nothing typed. */
      dialog = present (hc_connector_dialog_new_add (fixture->store));
      assert_closes_quietly (dialog, ways[i]);

      /* An HR system chosen: the name the dialog filled in is no edit. */
      dialog = present (hc_connector_dialog_new_add (fixture->store));
      hc_connector_dialog_choose_kind (HC_CONNECTOR_DIALOG (dialog), "personio");
      assert_closes_quietly (dialog, ways[i]);

      /* A client id typed. */
      dialog = present (hc_connector_dialog_new_add (fixture->store));
      hc_connector_dialog_choose_kind (HC_CONNECTOR_DIALOG (dialog), "personio");
      set_row_text (dialog, "client_id_row", "papi-123");
      assert_asks_then_discards (dialog, ways[i]);
    }

  /* A renamed connector, or a secret typed, are edits too. */
  {
    GtkWidget *dialog = present (hc_connector_dialog_new_add (fixture->store));

    hc_connector_dialog_choose_kind (HC_CONNECTOR_DIALOG (dialog), "bamboohr");
    set_row_text (dialog, "name_row", "BambooHR Paris");
    assert_asks_then_discards (dialog, CLOSE_ESCAPE);

    dialog = present (hc_connector_dialog_new_add (fixture->store));
    hc_connector_dialog_choose_kind (HC_CONNECTOR_DIALOG (dialog), "bamboohr");
    set_row_text (dialog, "secret_row", "not-a-real-key");
    assert_asks_then_discards (dialog, CLOSE_WINDOW);
  }

  {
    g_autoptr (GPtrArray) connectors = hc_store_list_connectors (fixture->store, NULL);

    g_assert_cmpuint (connectors->len, ==, 0);
  }
}

/* Edit Credentials */

static void
test_edit_credentials (Fixture      *fixture,
                       gconstpointer data)
{
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  const CloseWay ways[] = { CLOSE_ESCAPE, CLOSE_CANCEL, CLOSE_WINDOW };
  gint64 id;

  id = hc_store_add_connector (fixture->store, "Personio", "personio",
                               "{\"client_id\": \"papi-1\", \"base_url\": \"https://api.personio.de/v1\"}",
                               config, FALSE, &error);
  g_assert_no_error (error);
  info = hc_store_get_connector (fixture->store, id, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      GtkWidget *dialog = present (hc_connector_dialog_new_edit (fixture->store, info));

      assert_closes_quietly (dialog, ways[i]);

      /* Typed, then typed back: nothing changed. */
      dialog = present (hc_connector_dialog_new_edit (fixture->store, info));
      set_row_text (dialog, "client_id_row", "papi-2");
      set_row_text (dialog, "client_id_row", "papi-1");
      assert_closes_quietly (dialog, ways[i]);

      dialog = present (hc_connector_dialog_new_edit (fixture->store, info));
      set_row_text (dialog, "client_id_row", "papi-2");
      assert_asks_then_discards (dialog, ways[i]);
    }

  /* A new secret, or the test-instance switch, are edits. */
  {
    GtkWidget *dialog = present (hc_connector_dialog_new_edit (fixture->store, info));

    set_row_text (dialog, "secret_row", "new-secret");
    assert_asks_then_discards (dialog, CLOSE_ESCAPE);

    dialog = present (hc_connector_dialog_new_edit (fixture->store, info));
    gtk_switch_set_active (hc_gui_test_template_child (dialog, "test_instance_switch"), TRUE);
    assert_asks_then_discards (dialog, CLOSE_CANCEL);
  }

  /* Nothing was saved. */
  {
    g_autoptr (HcConnectorInfo) after = hc_store_get_connector (fixture->store, id, &error);
    g_autofree char *client_id = hc_connector_info_dup_setting (after, "client_id");

    g_assert_cmpstr (client_id, ==, "papi-1");
    g_assert_false (after->test_instance);
  }
}

/* Import */

#define CSV \
  "email,first_name,last_name,Badge\r\n" \
  "zoe@example.com,Zoé,Ørsted,B-1\r\n" \
  "ines@example.com,Inès,Martin,B-2\r\n"

static GtkWidget *
new_import_dialog (Fixture *fixture)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_data (CSV, -1, NULL);
  g_autoptr (HcMemberCsvImport) import = NULL;
  g_autoptr (GError) error = NULL;

  import = hc_member_csv_import_new_from_stream (stream, 0, NULL, &error);
  g_assert_no_error (error);
  return present (hc_import_dialog_new (fixture->store, import, "people.csv"));
}

static gboolean
import_dialog_idle (gpointer data)
{
  return !hc_import_dialog_is_busy (data);
}

/* Next: the preview is made in a thread; waits until it shows. */
static void
preview_and_wait (GtkWidget *dialog)
{
  g_assert_true (gtk_widget_activate_action (dialog, "import.next", NULL));
  g_assert_true (hc_gui_test_spin_until (import_dialog_idle, dialog, WAIT_SECONDS));
  g_assert_cmpstr (hc_import_dialog_get_page (HC_IMPORT_DIALOG (dialog)), ==, "preview");
}

static void
test_import (Fixture      *fixture,
             gconstpointer data)
{
  const CloseWay ways[] = { CLOSE_ESCAPE, CLOSE_CANCEL, CLOSE_WINDOW };

  for (gsize i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      GtkWidget *dialog = new_import_dialog (fixture);

      /* The mapping as the dialog guessed it. */
      assert_closes_quietly (dialog, ways[i]);

      /* A column left out of the import. */
      dialog = new_import_dialog (fixture);
      adw_combo_row_set_selected (hc_import_dialog_get_column_row (HC_IMPORT_DIALOG (dialog), 1), 0);
      assert_asks_then_discards (dialog, ways[i]);
    }

  /* The switch is a choice too. */
  {
    GtkWidget *dialog = new_import_dialog (fixture);

    hc_import_dialog_set_skip_invalid (HC_IMPORT_DIALOG (dialog), TRUE);
    assert_asks_then_discards (dialog, CLOSE_ESCAPE);
  }

  /* On the preview page, Escape still asks; nobody was imported. */
  {
    GtkWidget *dialog = new_import_dialog (fixture);

    adw_combo_row_set_selected (hc_import_dialog_get_column_row (HC_IMPORT_DIALOG (dialog), 2), 0);
    preview_and_wait (dialog);
    assert_asks_then_discards (dialog, CLOSE_ESCAPE);
  }

  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 0);
}

/* Import itself closes the dialog without asking. */
static void
test_import_applied (Fixture      *fixture,
                     gconstpointer data)
{
  GtkWidget *dialog = new_import_dialog (fixture);
  gpointer watched = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &watched);
  /* A change, so that only the import itself lets it close. */
  adw_combo_row_set_selected (hc_import_dialog_get_column_row (HC_IMPORT_DIALOG (dialog), 2), 0);
  preview_and_wait (dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "import.import", NULL));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &watched, WAIT_SECONDS));
  g_assert_null (find_prompt ());
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 2);
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
      g_test_add_func ("/gui/discard/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/discard/add-connector", Fixture, NULL,
              fixture_setup, test_add_connector, fixture_teardown);
  g_test_add ("/gui/discard/edit-credentials", Fixture, NULL,
              fixture_setup, test_edit_credentials, fixture_teardown);
  g_test_add ("/gui/discard/import", Fixture, NULL,
              fixture_setup, test_import, fixture_teardown);
  g_test_add ("/gui/discard/import-applied", Fixture, NULL,
              fixture_setup, test_import_applied, fixture_teardown);

  return g_test_run ();
}
