/* test-gui-words.c — words an HR admin knows: a failed sync's HTTP status
 * and path under "Technical details", "Managed by HR → No longer managed"
 * instead of `previously_managed`
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "hc-error.h"
#include "hc-explain-view.h"
#include "hc-gui-test.h"
#include "hc-run-dialog.h"
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

  fixture->data_dir = g_dir_make_tmp ("headcount-words-XXXXXX", &error);
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

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("HC_SCREENSHOT_DIR");
  GdkPaintable *paintable;
  GtkSnapshot *snapshot;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_object_unref (paintable);
}

/* A sync that failed on a 401, as the HTTP layer words it: the words on
 * the dialog, the status and the path under "Technical details". */
static void
test_technical_details (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GError) error = NULL;
  HcRunDialog *dialog;
  GtkLabel *error_label, *technical_label;
  GtkWidget *expander;
  gint64 cid;

  cid = hc_store_add_connector (fixture->store, "Personio", "personio", NULL, config, FALSE, &error);
  g_assert_no_error (error);
  run = hc_sync_run_new (cid, HC_SYNC_TRIGGER_MANUAL);
  run->result = HC_SYNC_RESULT_FAILED;
  run->error_message = g_strdup ("Personio rejected the API credentials. Check the API credentials in the "
                                 "connector settings." HC_ERROR_TECHNICAL_SEPARATOR
                                 "HTTP 401 /v1/company/employees");
  g_assert_true (hc_store_record_run (fixture->store, run, &error));
  g_assert_no_error (error);

  dialog = hc_run_dialog_new (NULL, fixture->store, run->id);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 480);
  gtk_window_present (GTK_WINDOW (dialog));
  hc_gui_test_spin_for (300);

  error_label = hc_gui_test_template_child (GTK_WIDGET (dialog), "error_label");
  technical_label = hc_gui_test_template_child (GTK_WIDGET (dialog), "technical_label");
  expander = hc_gui_test_template_child (GTK_WIDGET (dialog), "technical_expander");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   "Personio rejected the API credentials. Check the API credentials in the connector settings.");
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (expander)), ==, "Technical details");
  g_assert_cmpstr (gtk_label_get_text (technical_label), ==, "HTTP 401 /v1/company/employees");
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  hc_gui_test_spin_for (300);
  save_screenshot (GTK_WIDGET (dialog), "run-technical-details.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A failure without technical details has no expander. */
  {
    g_autoptr (HcSyncRun) other = hc_sync_run_new (cid, HC_SYNC_TRIGGER_MANUAL);

    other->result = HC_SYNC_RESULT_FAILED;
    other->error_message = g_strdup ("The keyring is locked.");
    g_assert_true (hc_store_record_run (fixture->store, other, &error));
    dialog = hc_run_dialog_new (NULL, fixture->store, other->id);
    gtk_window_present (GTK_WINDOW (dialog));
    hc_gui_test_spin_for (200);
    g_assert_cmpstr (gtk_label_get_text (hc_gui_test_template_child (GTK_WIDGET (dialog), "error_label")), ==,
                     "The keyring is locked.");
    g_assert_false (gtk_widget_get_visible (hc_gui_test_template_child (GTK_WIDGET (dialog), "technical_expander")));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

/* A change of HR status reads as words. */
static void
test_hr_status_words (void)
{
  HcFieldChange change = { "hr_status", "managed", "previously_managed" };
  g_autofree char *text = hc_explain_view_format_change (&change);
  g_autofree char *field = hc_explain_view_describe_field ("hr_status");

  g_assert_cmpstr (field, ==, "HR status");
  g_assert_cmpstr (text, ==, "Managed by HR → No longer managed");
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
      g_test_add_func ("/gui/words/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/words/technical-details", Fixture, NULL,
              fixture_setup, test_technical_details, fixture_teardown);
  g_test_add_func ("/gui/words/hr-status", test_hr_status_words);

  return g_test_run ();
}
