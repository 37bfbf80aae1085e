/* test-gui-dialog-host.c — a dialog in its window's place: shown instead
 * of the content, the focus in it and back where it was after, the host
 * found from any widget of its window; a preview with no host opens a
 * modal window of its own
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hc-dialog-host.h"
#include "hc-gui-test.h"
#include "hc-plan-dialog.h"

#define WAIT_SECONDS 30

typedef struct
{
  GtkWindow    *window;
  HcDialogHost *host;
  GtkWidget    *entry;          /* in the content, focused first */
  GtkWidget    *button;         /* in the content */
  guint         notified;       /* "notify::dialog" */
} Fixture;

static void
dialog_notified_cb (HcDialogHost *host,
                    GParamSpec   *pspec,
                    Fixture      *fixture)
{
  fixture->notified++;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
has_focus_in (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  fixture->entry = gtk_entry_new ();
  fixture->button = gtk_button_new_with_label ("Content");
  gtk_box_append (GTK_BOX (box), fixture->entry);
  gtk_box_append (GTK_BOX (box), fixture->button);
  fixture->host = hc_dialog_host_new ();
  hc_dialog_host_set_content (fixture->host, box);
  g_signal_connect (fixture->host, "notify::dialog", G_CALLBACK (dialog_notified_cb), fixture);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->host));
  gtk_window_present (fixture->window);
  g_assert_true (hc_gui_test_spin_until (is_mapped, fixture->entry, WAIT_SECONDS));
  g_assert_true (gtk_widget_grab_focus (fixture->button));
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  gtk_window_destroy (fixture->window);
  hc_gui_test_spin_for (50);
}

static GtkWidget *
new_dialog (GtkWidget **button)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  *button = gtk_button_new_with_label ("In the dialog");
  gtk_box_append (GTK_BOX (box), gtk_label_new ("A dialog"));
  gtk_box_append (GTK_BOX (box), *button);
  return box;
}

static void
test_present_dismiss (Fixture      *fixture,
                      gconstpointer data)
{
  GtkWidget *inside;
  GtkWidget *dialog = new_dialog (&inside);
  GtkWidget *content = hc_dialog_host_get_content (fixture->host);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Any widget of the window finds its host. */
  g_assert_true (hc_dialog_host_find (fixture->button) == fixture->host);
  g_assert_true (hc_dialog_host_find (GTK_WIDGET (fixture->window)) == fixture->host);
  g_assert_null (hc_dialog_host_get_dialog (fixture->host));
  g_assert_true (has_focus_in (fixture->button));

  /* Shown in place of the content, with the focus; the content is not
   * on screen and holds no focus. */
  hc_dialog_host_present (fixture->host, dialog);
  g_assert_cmpuint (fixture->notified, ==, 1);
  g_assert_true (hc_dialog_host_get_dialog (fixture->host) == dialog);
  g_assert_true (gtk_widget_get_mapped (dialog));
  g_assert_false (gtk_widget_get_mapped (content));
  g_assert_true (has_focus_in (inside));
  g_assert_true (hc_dialog_host_find (inside) == fixture->host);

  /* A dialog not shown is not dismissed in its place. */
  {
    GtkWidget *other_button;
    g_autoptr (GtkWidget) other = g_object_ref_sink (new_dialog (&other_button));

    hc_dialog_host_dismiss (fixture->host, other);
    g_assert_true (hc_dialog_host_get_dialog (fixture->host) == dialog);
    g_assert_cmpuint (fixture->notified, ==, 1);
  }

  /* Dismissed: the content again, the focus back where it was, and the
   * dialog freed (the host held it alone). */
  hc_dialog_host_dismiss (fixture->host, dialog);
  g_assert_cmpuint (fixture->notified, ==, 2);
  g_assert_null (hc_dialog_host_get_dialog (fixture->host));
  g_assert_null (dialog);
  g_assert_true (gtk_widget_get_mapped (content));
  g_assert_true (has_focus_in (fixture->button));
}

/* A text field with the focus as the dialog comes: the focus in the
 * dialog for longer than a cursor's blink (a field blinking out of sight
 * warns, fatal here), then back in the field. */
static void
test_text_focused (Fixture      *fixture,
                   gconstpointer data)
{
  GtkWidget *inside;
  GtkWidget *dialog = new_dialog (&inside);

  g_assert_true (gtk_widget_grab_focus (fixture->entry));
  hc_gui_test_spin_for (100);
  hc_dialog_host_present (fixture->host, dialog);
  hc_gui_test_spin_for (1500);
  g_assert_true (has_focus_in (inside));
  hc_dialog_host_dismiss (fixture->host, dialog);
  g_assert_true (has_focus_in (fixture->entry));
}

/* The widget that had the focus went meanwhile: the focus goes into the
 * content. */
static void
test_focus_gone (Fixture      *fixture,
                 gconstpointer data)
{
  GtkWidget *inside;
  GtkWidget *dialog = new_dialog (&inside);
  GtkWidget *content = hc_dialog_host_get_content (fixture->host);

  hc_dialog_host_present (fixture->host, dialog);
  gtk_box_remove (GTK_BOX (content), fixture->button);
  hc_dialog_host_dismiss (fixture->host, dialog);
  g_assert_true (has_focus_in (fixture->entry));
}

/* A preview shows in the window's host; where there is none, in a modal
 * window of its own over the parent. Closing either is its "cancel". */
static void
on_response (HcPlanDialog *dialog,
             const char   *response,
             char        **out)
{
  g_free (*out);
  *out = g_strdup (response);
}

static HcPlanDialog *
new_preview (HcPlan **plan)
{
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (HcEmployee) employee = hc_employee_new ("E1");

  hc_employee_set_field (employee, HC_FIELD_FIRST_NAME, "Ann");
  hc_employee_set_field (employee, HC_FIELD_LAST_NAME, "Example");
  hc_employee_set_field (employee, HC_FIELD_EMAIL, "ann@example.com");
  g_ptr_array_add (employees, g_object_ref (employee));
  *plan = hc_plan_compute (config, 1, employees, members, FALSE);
  return hc_plan_dialog_new (*plan, "HR", NULL);
}

static void
test_preview (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr (HcPlan) plan = NULL;
  g_autofree char *response = NULL;
  HcPlanDialog *preview = new_preview (&plan);
  GtkWindow *own;
  GtkWindow *bare;

  /* In the host */
  g_object_add_weak_pointer (G_OBJECT (preview), (gpointer *) &preview);
  g_signal_connect (preview, "response", G_CALLBACK (on_response), &response);
  hc_plan_dialog_present (preview, fixture->button);
  g_assert_true (hc_dialog_host_get_dialog (fixture->host) == GTK_WIDGET (preview));
  g_assert_true (gtk_widget_get_root (GTK_WIDGET (preview)) == GTK_ROOT (fixture->window));
  g_assert_true (has_focus_in (GTK_WIDGET (preview)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.cancel", NULL));
  g_assert_cmpstr (response, ==, "cancel");
  g_assert_null (preview);
  g_assert_null (hc_dialog_host_get_dialog (fixture->host));
  g_assert_true (has_focus_in (fixture->button));

  /* A window without a host: its own window, modal over the parent */
  g_clear_object (&plan);
  g_clear_pointer (&response, g_free);
  bare = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (bare);
  g_assert_null (hc_dialog_host_find (GTK_WIDGET (bare)));
  preview = new_preview (&plan);
  g_object_add_weak_pointer (G_OBJECT (preview), (gpointer *) &preview);
  g_signal_connect (preview, "response", G_CALLBACK (on_response), &response);
  hc_plan_dialog_present (preview, GTK_WIDGET (bare));
  own = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (preview)));
  g_assert_true (own != bare);
  g_assert_true (gtk_window_get_transient_for (own) == bare);
  g_assert_true (gtk_window_get_modal (own));
  g_assert_cmpstr (gtk_window_get_title (own), ==, hc_plan_dialog_get_title (preview));
  gtk_window_close (own);
  g_assert_cmpstr (response, ==, "cancel");
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &preview, WAIT_SECONDS));
  gtk_window_destroy (bare);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/dialog-host/present-dismiss", Fixture, NULL, fixture_set_up, test_present_dismiss,
              fixture_tear_down);
  g_test_add ("/gui/dialog-host/text-focused", Fixture, NULL, fixture_set_up, test_text_focused,
              fixture_tear_down);
  g_test_add ("/gui/dialog-host/focus-gone", Fixture, NULL, fixture_set_up, test_focus_gone, fixture_tear_down);
  g_test_add ("/gui/dialog-host/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);

  return g_test_run ();
}
