/* test-gui-csv.c — CSV in the window: Import Members… (mapping, preview,
 * skip invalid lines, import, toast) and Export Members… (separator, tab)
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-export-dialog.h"
#include "hc-gui-test.h"
#include "hc-import-dialog.h"
#include "hc-member-csv.h"
#include "hc-window.h"

#define WAIT_SECONDS 30

typedef struct
{
  char     *data_dir;
  HcStore  *store;
  HcWindow *window;
} Fixture;

static HcImportDialog *
find_import_dialog (void)
{
  return hc_gui_test_find_visible_toplevel (HC_TYPE_IMPORT_DIALOG);
}

static gboolean
import_dialog_shown (gpointer data)
{
  return find_import_dialog () != NULL;
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

  return hc_gui_test_find_widget (GTK_WIDGET (args[0]), is_label_containing, args[1]) != NULL;
}

static gboolean
is_visible_button_for (GtkWidget *widget,
                       gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static void
add_member (HcStore      *store,
            const char   *first_name,
            const char   *email,
            HcMemberState state)
{
  g_autoptr (HcMember) member = hc_member_new ();
  g_autoptr (GError) error = NULL;

  hc_member_set_field (member, HC_MEMBER_FIELD_FIRST_NAME, first_name);
  hc_member_set_field (member, HC_MEMBER_FIELD_LAST_NAME, "Test");
  hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, email);
  hc_member_set_state (member, state);
  hc_member_set_hr_status (member, HC_HR_STATUS_MANUAL);
  hc_store_add_member (store, member, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->data_dir = g_dir_make_tmp ("headcount-gui-csv-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);
  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);

  if (GPOINTER_TO_INT (data))
    {
      add_member (fixture->store, "Ada", "ada@example.com", HC_MEMBER_STATE_ACTIVE);
      add_member (fixture->store, "Alan", "alan@example.com", HC_MEMBER_STATE_INVITED);
      add_member (fixture->store, "Kim", "kim@example.com", HC_MEMBER_STATE_INVITED);
      add_member (fixture->store, "Pat", "pat@example.com", HC_MEMBER_STATE_ARCHIVED);
    }

  fixture->window = hc_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  hc_window_set_page (fixture->window, "members");
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
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  HcImportDialog *dialog = find_import_dialog ();

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
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

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->data_dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static const char *
selected_field (HcImportDialog *dialog,
                guint           column)
{
  AdwComboRow *row = hc_import_dialog_get_column_row (dialog, column);
  GStrv fields = g_object_get_data (G_OBJECT (row), "hc-fields");

  return fields[adw_combo_row_get_selected (row)];
}

static gboolean
import_progressed (gpointer data)
{
  return hc_import_dialog_get_progress_line (data) > 0;
}

static gboolean
import_dialog_idle (gpointer data)
{
  return !hc_import_dialog_is_busy (data);
}

/* Next: the preview is made in a thread, then shown (or the columns are,
 * with an error). */
static void
preview_and_wait (HcImportDialog *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL));
  g_assert_true (hc_gui_test_spin_until (import_dialog_idle, dialog, WAIT_SECONDS));
}

static guint
count_choices (HcImportDialog *dialog,
               guint           column)
{
  return g_list_model_get_n_items (adw_combo_row_get_model (hc_import_dialog_get_column_row (dialog, column)));
}

/* A French export from another tool, one bad e-mail, one duplicate. */
#define FRENCH_CSV \
  "\xEF\xBB\xBF" "Courriel;Prénom;Nom;Poste;Badge\r\n" \
  "zoe@example.com;Zoé;Ørsted;Designer;B-1\r\n" \
  "ines@example.com;Inès;Martin;Comptable;B-2\r\n" \
  "pas-un-courriel;Jean;Dupont;Stagiaire;B-3\r\n" \
  "zoe@example.com;Zoé;Encore;Designer;B-4\r\n"

static void
test_import (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr (GFile) file = write_file (fixture, "export.csv", FRENCH_CSV);
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  HcImportDialog *dialog;
  HcMemberCsvPreview *preview;
  gpointer args[2];

  /* Before the first sync, the empty page offers the import. */
  g_assert_cmpstr (hc_members_page_get_state_name (page), ==, "no-connector");
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_visible_button_for, "win.import-members"));

  hc_window_import_file (fixture->window, file);
  g_assert_true (hc_gui_test_spin_until (import_dialog_shown, NULL, WAIT_SECONDS));
  dialog = find_import_dialog ();
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (hc_import_dialog_get_page (dialog), ==, "mapping");

  /* guessed from the French header; Badge is nobody's field */
  g_assert_cmpstr (selected_field (dialog, 0), ==, "email");
  g_assert_cmpstr (selected_field (dialog, 1), ==, "first_name");
  g_assert_cmpstr (selected_field (dialog, 2), ==, "last_name");
  g_assert_cmpstr (selected_field (dialog, 3), ==, "title");
  g_assert_cmpstr (selected_field (dialog, 4), ==, "");

  /* Badge into a custom field of its name */
  adw_combo_row_set_selected (hc_import_dialog_get_column_row (dialog, 4), count_choices (dialog, 4) - 1);
  g_assert_cmpstr (selected_field (dialog, 4), ==, "custom.badge");

  /* a field taken by another column leaves the first one */
  {
    AdwComboRow *row = hc_import_dialog_get_column_row (dialog, 3);
    GStrv fields = g_object_get_data (G_OBJECT (row), "hc-fields");
    guint email = 0;

    while (g_strcmp0 (fields[email], "email") != 0)
      email++;
    adw_combo_row_set_selected (row, email);
    g_assert_cmpstr (selected_field (dialog, 3), ==, "email");
    g_assert_cmpstr (selected_field (dialog, 0), ==, "");
    adw_combo_row_set_selected (hc_import_dialog_get_column_row (dialog, 0), email);
    g_assert_cmpstr (selected_field (dialog, 0), ==, "email");
    g_assert_cmpstr (selected_field (dialog, 3), ==, "");
    adw_combo_row_set_selected (row, 0);
  }

  /* the preview: 2 to create, 2 rejected with their line */
  preview_and_wait (dialog);
  g_assert_cmpstr (hc_import_dialog_get_page (dialog), ==, "preview");
  preview = hc_import_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpuint (preview->n_new, ==, 2);
  g_assert_cmpuint (preview->n_rejected, ==, 2);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "Line 4"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "Line 5"));

  /* Skip off: nothing is imported while a line is invalid */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 0);

  /* back to the columns and forth again: a fresh preview */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL));
  g_assert_cmpstr (hc_import_dialog_get_page (dialog), ==, "mapping");
  g_assert_null (hc_import_dialog_get_preview (dialog));
  preview_and_wait (dialog);

  hc_import_dialog_set_skip_invalid (dialog, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &dialog, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 2);

  /* the toast, and the members on the page */
  args[0] = fixture->window;
  args[1] = "2 members imported";
  g_assert_true (hc_gui_test_spin_until (window_shows_label, args, WAIT_SECONDS));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));
  g_assert_cmpuint (hc_members_page_get_tab_count (page, HC_MEMBER_STATE_ACTIVE), ==, 2);

  /* the custom field came in */
  {
    g_autoptr (GPtrArray) members = hc_store_list_members (fixture->store, NULL);
    gboolean found = FALSE;

    for (guint i = 0; i < members->len; i++)
      if (g_strcmp0 (hc_member_get_field (g_ptr_array_index (members, i), "custom.badge"), "B-2") == 0)
        found = TRUE;
    g_assert_true (found);
  }
}

/* A file of thousands of lines: the preview counts them all and lists
 * the first rejected ones, then "And N more lines" (rules.md 35). */
static void
test_import_many (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("E-mail,First name,Last name\r\n");
  g_autoptr (GFile) file = NULL;
  HcImportDialog *dialog;
  HcMemberCsvPreview *preview;

  for (guint i = 0; i < 3000; i++)
    {
      g_string_append_printf (text, "person%u@example.org,Zoé %u,Dupont\r\n", i, i);
      if (i % 2 == 0)
        g_string_append_printf (text, "not-an-email-%u,Bad %u,Line\r\n", i, i);
    }
  file = write_file (fixture, "many.csv", text->str);

  hc_window_import_file (fixture->window, file);
  g_assert_true (hc_gui_test_spin_until (import_dialog_shown, NULL, WAIT_SECONDS));
  dialog = find_import_dialog ();
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  preview_and_wait (dialog);
  preview = hc_import_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpuint (preview->n_lines, ==, 4500);
  g_assert_cmpuint (preview->n_new, ==, 3000);
  g_assert_cmpuint (preview->n_rejected, ==, 1500);
  g_assert_cmpuint (preview->rows->len, ==, 2 * HC_MEMBER_CSV_PREVIEW_LINES);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "1500"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "And 1450 more lines"));

  hc_import_dialog_set_skip_invalid (dialog, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &dialog, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 3000);
}

static void
test_import_without_identity (Fixture      *fixture,
                              gconstpointer data)
{
  g_autoptr (GFile) file = write_file (fixture, "export.csv", FRENCH_CSV);
  HcImportDialog *dialog;

  hc_window_import_file (fixture->window, file);
  g_assert_true (hc_gui_test_spin_until (import_dialog_shown, NULL, WAIT_SECONDS));
  dialog = find_import_dialog ();

  for (guint c = 0; c < 5; c++)
    adw_combo_row_set_selected (hc_import_dialog_get_column_row (dialog, c), 0);
  preview_and_wait (dialog);
  g_assert_cmpstr (hc_import_dialog_get_page (dialog), ==, "mapping");
  g_assert_nonnull (hc_import_dialog_get_error (dialog));
  g_assert_null (hc_import_dialog_get_preview (dialog));
}

static void
test_import_unreadable (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr (GFile) file = write_file (fixture, "broken.csv", "email,first_name\n\"ada@example.com,Ada\n");
  gpointer args[2] = { fixture->window, "Could not read broken.csv" };

  hc_window_import_file (fixture->window, file);
  g_assert_true (hc_gui_test_spin_until (window_shows_label, args, WAIT_SECONDS));
  g_assert_null (find_import_dialog ());
}


/* The preview of a large file runs in a thread with its progress, and
 * Cancel stops it where it is: back to the columns, nothing imported, and
 * the thread reads no further line. */
static void
test_import_cancel (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("E-mail,First name,Last name\r\n");
  g_autoptr (GFile) file = NULL;
  HcImportDialog *dialog;
  guint line;

  for (guint i = 0; i < 300000; i++)
    g_string_append_printf (text, "person%u@example.org,Zoé %u,Dupont\r\n", i, i);
  file = write_file (fixture, "huge.csv", text->str);

  hc_window_import_file (fixture->window, file);
  g_assert_true (hc_gui_test_spin_until (import_dialog_shown, NULL, WAIT_SECONDS));
  dialog = find_import_dialog ();
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL));
  g_assert_cmpstr (hc_import_dialog_get_page (dialog), ==, "working");
  g_assert_true (hc_import_dialog_is_busy (dialog));
  /* the main loop runs meanwhile, and the progress comes */
  g_assert_true (hc_gui_test_spin_until (import_progressed, dialog, WAIT_SECONDS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.stop", NULL));
  g_assert_false (hc_import_dialog_is_busy (dialog));
  g_assert_cmpstr (hc_import_dialog_get_page (dialog), ==, "mapping");
  g_assert_null (hc_import_dialog_get_preview (dialog));
  g_assert_null (hc_import_dialog_get_error (dialog));

  /* the thread stopped: no line read after a while, far from the end */
  hc_gui_test_spin_for (300);
  line = hc_import_dialog_get_progress_line (dialog);
  hc_gui_test_spin_for (500);
  g_assert_cmpuint (hc_import_dialog_get_progress_line (dialog), ==, line);
  g_assert_cmpuint (line, <, 300000);
  g_assert_null (hc_import_dialog_get_preview (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 0);

  /* closing the window: nothing left running */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &dialog, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 0);
}

/* People already in the directory are skipped without asking, and an
 * Import that cannot be pressed says why. */
static void
test_import_existing (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr (GFile) same = write_file (fixture, "same.csv",
                                       "email,first_name\r\nada@example.com,Ada\r\nkim@example.com,Kim\r\n");
  g_autoptr (GFile) more = write_file (fixture, "more.csv",
                                       "email,first_name\r\nada@example.com,Ada\r\nnew@example.com,New\r\n");
  HcImportDialog *dialog;

  hc_window_import_file (fixture->window, same);
  g_assert_true (hc_gui_test_spin_until (import_dialog_shown, NULL, WAIT_SECONDS));
  dialog = find_import_dialog ();
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  preview_and_wait (dialog);
  g_assert_cmpuint (hc_import_dialog_get_preview (dialog)->n_existing, ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 4);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing,
                                             "everyone in the file is already in the directory"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);

  /* one already there, one new: imported with the switch off */
  hc_window_import_file (fixture->window, more);
  g_assert_true (hc_gui_test_spin_until (import_dialog_shown, NULL, WAIT_SECONDS));
  dialog = find_import_dialog ();
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  preview_and_wait (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &dialog, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 5);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
export_finished_cb (HcExportDialog *dialog,
                    guint           n_exported,
                    const char     *error,
                    gpointer        user_data)
{
  int *finished = user_data;

  *finished = error == NULL ? (int) n_exported : -1;
}

static gboolean
export_idle (gpointer data)
{
  return !hc_export_dialog_is_busy (data);
}

/* Export writes in a thread with a progress dialog; Cancel stops it and
 * leaves no file, nor a half-written one. */
static void
test_export_async (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr (HcExportDialog) dialog = NULL;
  g_autofree char *path = g_build_filename (fixture->data_dir, "async.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  int finished = -2;

  dialog = hc_export_dialog_new (GTK_WINDOW (fixture->window), fixture->store, HC_MEMBER_STATE_INVITED);
  g_signal_connect (dialog, "finished", G_CALLBACK (export_finished_cb), &finished);

  /* The database held meanwhile: the thread waits on it, cancelled
   * before it reads a member. */
  hc_store_lock_database (fixture->store);
  hc_export_dialog_write_async (dialog, file, ',', FALSE);
  g_assert_true (hc_export_dialog_is_busy (dialog));
  g_assert_nonnull (hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  hc_export_dialog_cancel (dialog);
  g_assert_false (hc_export_dialog_is_busy (dialog));
  hc_store_unlock_database (fixture->store);
  hc_gui_test_spin_for (500);
  g_assert_cmpint (finished, ==, -2);
  g_assert_false (file_exists (path));
  g_assert_null (hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  hc_export_dialog_write_async (dialog, file, ',', TRUE);
  g_assert_true (hc_gui_test_spin_until (export_idle, dialog, WAIT_SECONDS));
  g_assert_cmpint (finished, ==, 2);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "kim@example.com"));
}

static char *
export_to_string (Fixture *fixture,
                  char     separator,
                  gboolean only_tab,
                  guint   *n_exported)
{
  g_autoptr (HcExportDialog) dialog = NULL;
  g_autofree char *path = g_build_filename (fixture->data_dir, "out.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  dialog = hc_export_dialog_new (GTK_WINDOW (fixture->window), fixture->store, HC_MEMBER_STATE_INVITED);
  /* the chooser offers both choices, commas and all members first */
  g_assert_cmpstr (gtk_file_chooser_get_choice (hc_export_dialog_get_chooser (dialog), "separator"), ==, ",");
  g_assert_cmpstr (gtk_file_chooser_get_choice (hc_export_dialog_get_chooser (dialog), "members"), ==, "all");
  g_assert_true (hc_export_dialog_write (dialog, file, separator, only_tab, n_exported, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_export (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *all = NULL;
  g_autofree char *invited = NULL;
  guint n = 0;

  all = export_to_string (fixture, ',', FALSE, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (g_str_has_prefix (all, "\xEF\xBB\xBF" HC_MEMBER_CSV_EXPORT_HEADER ",groups,roles\r\n"));
  g_assert_nonnull (strstr (all, "pat@example.com"));

  invited = export_to_string (fixture, ';', TRUE, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (g_str_has_prefix (invited, "\xEF\xBB\xBF" "email;first_name;last_name;"));
  g_assert_nonnull (strstr (invited, "alan@example.com"));
  g_assert_nonnull (strstr (invited, "kim@example.com"));
  g_assert_null (strstr (invited, "ada@example.com"));

  /* and it reads back without a mapping */
  {
    g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_data (invited, -1, NULL);
    g_autoptr (HcMemberCsvImport) import = NULL;
    g_autoptr (GError) error = NULL;

    import = hc_member_csv_import_new_from_stream (stream, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (hc_member_csv_import_get_separator (import), ==, ';');
    g_assert_cmpuint (hc_member_csv_import_get_n_records (import), ==, 2);
    g_assert_cmpstr (hc_member_csv_import_get_column_field (import, 0), ==, "email");
  }
}

/* The window's export writes no cell a spreadsheet would run (rules.md 34). */
static void
test_export_formulas (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr (HcMember) member = hc_member_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *all = NULL;
  guint n = 0;

  hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, "evil@example.org");
  hc_member_set_field (member, HC_MEMBER_FIELD_FIRST_NAME, "=HYPERLINK(\"http://evil.example/\",\"Click\")");
  hc_member_set_field (member, HC_MEMBER_FIELD_LAST_NAME, "@SUM(1+1)");
  hc_member_set_field (member, HC_MEMBER_FIELD_TITLE, "+33 1 23");
  hc_member_set_field (member, HC_MEMBER_FIELD_DEPARTMENT, "-5");
  hc_member_set_field (member, HC_MEMBER_FIELD_TEAM, "\tTabbed");
  hc_member_set_field (member, HC_MEMBER_FIELD_OFFICE, "\rCarriage");
  hc_member_set_hr_status (member, HC_HR_STATUS_MANUAL);
  g_assert_true (hc_store_add_member (fixture->store, member, &error));
  g_assert_no_error (error);

  all = export_to_string (fixture, ',', FALSE, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_nonnull (strstr (all, "\r\nevil@example.org,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Click\"\")\","
                            "'@SUM(1+1),,'+33 1 23,'-5,'\tTabbed,\"'\rCarriage\",,"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui-csv/import", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_import, fixture_teardown);
  g_test_add ("/gui-csv/import-many", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_import_many, fixture_teardown);
  g_test_add ("/gui-csv/import-without-identity", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_import_without_identity, fixture_teardown);
  g_test_add ("/gui-csv/import-unreadable", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_import_unreadable, fixture_teardown);
  g_test_add ("/gui-csv/export", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_export, fixture_teardown);
  g_test_add ("/gui-csv/export-formulas", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_export_formulas, fixture_teardown);
  g_test_add ("/gui-csv/import-cancel", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_import_cancel, fixture_teardown);
  g_test_add ("/gui-csv/import-existing", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_import_existing, fixture_teardown);
  g_test_add ("/gui-csv/export-async", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_export_async, fixture_teardown);

  return g_test_run ();
}
