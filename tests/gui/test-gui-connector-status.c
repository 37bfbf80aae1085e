/* test-gui-connector-status.c — a connector's card tells the truth
 * (rules.md 43): Add tests first and asks "Add anyway?" after a failed
 * test; a 401 shows "Credentials rejected" with Edit Credentials…, new
 * credentials are "Not tested yet", a failed attempt shows beside the last
 * successful sync, and the failure's Details open its run. The preview
 * weighs members no longer managed as archives (rules.md 12), and a test
 * instance's first sync says it sends no invitation. Against a fake
 * Personio and a real gnome-keyring-daemon.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-connector-card.h"
#include "hc-connector-dialog.h"
#include "hc-fake-hris.h"
#include "hc-fake-personio.h"
#include "hc-format.h"
#include "hc-gui-test.h"
#include "hc-plan-dialog.h"
#include "hc-run-dialog.h"
#include "hc-sync-flow.h"
#include "hc-test-keyring.h"
#include "hc-window.h"

#define WAIT_SECONDS 30
#define N_PEOPLE 20

static HcTestSession *session;
static char *root;

static gboolean
not_testing (gpointer data)
{
  return !hc_connector_dialog_get_testing (data);
}

static void
type_into (HcConnectorDialog *dialog,
           const char        *title,
           const char        *text)
{
  GtkWidget *row = hc_gui_test_find_widget (GTK_WIDGET (dialog), hc_gui_test_is_row_titled, (gpointer) title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
saved_cb (HcConnectorDialog *dialog,
          gint64             id,
          gboolean           added,
          gpointer           user_data)
{
  *(gint64 *) user_data = id;
}

static gboolean
id_set (gpointer data)
{
  return *(gint64 *) data > 0;
}

static gboolean
add_anyway_shown (gpointer data)
{
  return hc_connector_dialog_get_add_anyway (data) != NULL;
}

/* Add Connector → Personio, filled in with @secret. */
static HcConnectorDialog *
open_add_dialog (HcStore        *store,
                 HcFakePersonio *fake,
                 const char     *name,
                 const char     *secret,
                 gint64         *id)
{
  HcConnectorDialog *dialog = hc_connector_dialog_new_add (store);

  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), id);
  gtk_window_present (GTK_WINDOW (dialog));
  hc_connector_dialog_choose_kind (dialog, "personio");
  type_into (dialog, "Connector Name", name);
  type_into (dialog, "Client ID", HC_FAKE_PERSONIO_CLIENT_ID);
  type_into (dialog, "API address", hc_fake_personio_get_base_url (fake));
  type_into (dialog, "Client secret", secret);
  return dialog;
}

static gboolean
is_card_of (GtkWidget *widget,
            gpointer   data)
{
  return HC_IS_CONNECTOR_CARD (widget) &&
         hc_connector_card_get_info (HC_CONNECTOR_CARD (widget))->id == *(gint64 *) data;
}

typedef struct
{
  HcWindow   *window;
  gint64      id;
  const char *status;
} CardWait;

static HcConnectorCard *
find_card (HcWindow *window,
           gint64    id)
{
  return (HcConnectorCard *) hc_gui_test_find_widget (GTK_WIDGET (hc_window_get_connectors_page (window)),
                                                      is_card_of, &id);
}

static const char *
card_label (HcConnectorCard *card,
            const char      *name)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (card), HC_TYPE_CONNECTOR_CARD, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

static gboolean
card_says (gpointer data)
{
  CardWait *wait = data;
  HcConnectorCard *card = find_card (wait->window, wait->id);

  return card != NULL && g_strcmp0 (card_label (card, "state_pill"), wait->status) == 0;
}

/* The card of @id once it says @status. */
static HcConnectorCard *
wait_for_card (HcWindow   *window,
               gint64      id,
               const char *status)
{
  CardWait wait = { window, id, status };
  HcConnectorCard *card;

  if (!hc_gui_test_spin_until (card_says, &wait, WAIT_SECONDS))
    {
      card = find_card (window, id);
      g_error ("the card says “%s”, not “%s”", card ? card_label (card, "state_pill") : "(none)", status);
    }
  return find_card (window, id);
}

static gboolean
credentials_button_visible (HcConnectorCard *card)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (card), HC_TYPE_CONNECTOR_CARD,
                                                   "credentials_button");

  g_assert_true (GTK_IS_BUTTON (button));
  return gtk_widget_get_visible (GTK_WIDGET (button)) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "win.edit-connector") == 0;
}

static HcStore *
new_store (const char *name)
{
  g_autofree char *path = g_build_filename (root, name, "acme.db", NULL);
  g_autoptr (GError) error = NULL;
  HcStore *store = hc_store_new (path, &error);

  g_assert_no_error (error);
  return store;
}

/* For people to look at: with $HC_SCREENSHOT_DIR set, @widget as a PNG. */
static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("HC_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  hc_gui_test_spin_for (1500);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* A failed test, then Add anyway: "Credentials rejected", and so after a
 * sync that gets a 401; new credentials are "Not tested yet" until a sync
 * works; a later failure shows beside the last successful sync, and its
 * Details open the failed run. */
static void
test_add_anyway_rejected (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (N_PEOPLE);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcStore) store = new_store ("rejected");
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  HcConnectorDialog *dialog;
  AdwMessageDialog *ask;
  HcConnectorCard *card;
  HcWindow *window;
  gint64 id = 0;

  /* Add without a test: the test runs first, fails with a 401, and Add asks */
  dialog = open_add_dialog (store, fake, "Personio (Acme)", "wrong-SECRET-42", &id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_true (hc_gui_test_spin_until (add_anyway_shown, dialog, WAIT_SECONDS));
  g_assert_cmpint (id, ==, 0);
  g_assert_null (hc_store_find_connector (store, "Personio (Acme)", NULL));
  ask = hc_connector_dialog_get_add_anyway (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ask), ==, "Add Anyway?");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (ask), "The connection test failed: "));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ask), "401"));
  g_assert_null (strstr (adw_message_dialog_get_body (ask), "wrong-SECRET-42"));
  maybe_screenshot (GTK_WIDGET (ask), "add-anyway.png");

  /* Cancel adds nothing; Add anyway adds it, rejected */
  adw_message_dialog_response (ask, "cancel");
  hc_gui_test_spin_for (50);
  g_assert_cmpint (id, ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_true (hc_gui_test_spin_until (add_anyway_shown, dialog, WAIT_SECONDS));
  adw_message_dialog_response (hc_connector_dialog_get_add_anyway (dialog), "add");
  g_assert_true (hc_gui_test_spin_until (id_set, &id, WAIT_SECONDS));
  info = hc_store_get_connector (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->credentials, ==, HC_CREDENTIALS_REJECTED);
  g_assert_cmpint (hc_connector_info_get_status (info), ==, HC_CONNECTOR_STATUS_CREDENTIALS_REJECTED);
  g_clear_pointer (&info, hc_connector_info_free);

  window = hc_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, window, WAIT_SECONDS));
  hc_window_set_page (window, "connectors");
  card = wait_for_card (window, id, "Credentials rejected");
  g_assert_true (credentials_button_visible (card));
  g_assert_true (g_str_has_prefix (card_label (card, "last_sync_label"), "Never synced"));
  g_assert_null (strstr (card_label (card, "last_sync_label"), "failed"));

  /* A sync with them: a 401 again, recorded as a failed attempt */
  g_assert_true (hc_window_sync_connector (window, id, TRUE));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, window, WAIT_SECONDS));
  info = hc_store_get_connector (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->credentials, ==, HC_CREDENTIALS_REJECTED);
  g_assert_cmpint (info->failed_at, >, 0);
  g_assert_cmpint (info->failed_run_id, >, 0);
  card = wait_for_card (window, id, "Credentials rejected");
  g_assert_true (credentials_button_visible (card));
  g_assert_true (g_str_has_prefix (card_label (card, "last_sync_label"),
                                   "Never synced · last attempt failed just now"));
  maybe_screenshot (GTK_WIDGET (window), "connectors-rejected.png");

  /* The error in words with where to correct it; the HTTP status and the
   * path under "Technical details" (hc_error_dup_summary()) */
  g_assert_nonnull (strstr (card_label (card, "error_label"), "rejected the API credentials"));
  g_assert_true (g_str_has_suffix (card_label (card, "error_label"), "Correct them with Edit Credentials…"));
  g_assert_null (strstr (card_label (card, "error_label"), "401"));
  g_assert_null (strstr (card_label (card, "error_label"), "/v1/"));
  {
    GObject *expander = gtk_widget_get_template_child (GTK_WIDGET (card), HC_TYPE_CONNECTOR_CARD,
                                                       "technical_expander");

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (expander)));
    g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
    g_assert_true (g_str_has_prefix (card_label (card, "technical_label"), "HTTP 401 "));
  }

  /* The failure's Details: that run, in History's run dialog */
  g_assert_cmpint (hc_sync_flow_get_failed_run_id (hc_window_get_sync_flow (window)), ==, info->failed_run_id);
  {
    g_autoptr (HcSyncRun) run = hc_store_get_run (store, info->failed_run_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (run->result, ==, HC_SYNC_RESULT_FAILED);
  }
  g_assert_null (hc_gui_test_find_visible_toplevel (HC_TYPE_RUN_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-run", "x", info->failed_run_id));
  g_assert_nonnull (hc_gui_test_find_visible_toplevel (HC_TYPE_RUN_DIALOG));
  gtk_window_destroy (GTK_WINDOW (hc_gui_test_find_visible_toplevel (HC_TYPE_RUN_DIALOG)));
  g_clear_pointer (&info, hc_connector_info_free);

  /* Edit Credentials with the right secret: not tested yet, the old error gone */
  {
    gint64 saved = 0;
    HcConnectorDialog *edit;

    /* the card's button */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-connector", "x", id));
    edit = hc_gui_test_find_visible_toplevel (HC_TYPE_CONNECTOR_DIALOG);
    g_assert_nonnull (edit);
    g_signal_connect (edit, "saved", G_CALLBACK (saved_cb), &saved);
    type_into (edit, "Client secret", HC_FAKE_PERSONIO_SECRET);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (edit), "dialog.save", NULL));
    g_assert_true (hc_gui_test_spin_until (id_set, &saved, WAIT_SECONDS));
  }
  card = wait_for_card (window, id, "Not tested yet");
  g_assert_false (credentials_button_visible (card));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (card),
                                                                                     HC_TYPE_CONNECTOR_CARD,
                                                                                     "technical_expander"))));
  g_assert_true (g_str_has_prefix (card_label (card, "last_sync_label"), "Never synced"));
  g_assert_null (strstr (card_label (card, "last_sync_label"), "failed"));

  /* A sync that works: connected */
  g_assert_true (hc_window_sync_connector (window, id, TRUE));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, window, WAIT_SECONDS));
  card = wait_for_card (window, id, "Connected");
  g_assert_true (g_str_has_prefix (card_label (card, "last_sync_label"), "Last synced just now"));

  /* A later failure that is not the credentials': beside the last success */
  hc_fake_personio_set_employees_body (fake, "{\"success\": true, \"data\": 42}");
  g_assert_true (hc_window_sync_connector (window, id, TRUE));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, window, WAIT_SECONDS));
  card = wait_for_card (window, id, "Last sync failed");
  g_assert_false (credentials_button_visible (card));
  g_assert_true (g_str_has_prefix (card_label (card, "last_sync_label"),
                                   "Last successful sync just now · last attempt failed just now"));
  maybe_screenshot (GTK_WIDGET (window), "connectors-failed.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Add with credentials that work: the test runs first and the connector
 * is added without a question, connected. */
static void
test_add_tests_first (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (N_PEOPLE);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcStore) store = new_store ("accepted");
  g_autoptr (HcConnectorInfo) info = NULL;
  HcConnectorDialog *dialog;
  gint64 id = 0;

  dialog = open_add_dialog (store, fake, "Personio", HC_FAKE_PERSONIO_SECRET, &id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_true (hc_gui_test_spin_until (id_set, &id, WAIT_SECONDS));
  g_assert_null (hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  info = hc_store_get_connector (store, id, NULL);
  g_assert_nonnull (info);
  g_assert_cmpint (info->credentials, ==, HC_CREDENTIALS_ACCEPTED);
  g_assert_cmpint (hc_connector_info_get_status (info), ==, HC_CONNECTOR_STATUS_CONNECTED);
  (void) not_testing;
}

/* The card's time line, with the desktop's dates. */
static void
test_last_attempt_format (void)
{
  gint64 now = g_get_real_time ();
  g_autofree char *both = hc_format_last_attempt_failed (now - 3 * G_TIME_SPAN_DAY,
                                                         now - 2 * G_TIME_SPAN_MINUTE, now);
  g_autofree char *never = hc_format_last_attempt_failed (0, now - 5 * G_TIME_SPAN_HOUR, now);

  g_assert_cmpstr (both, ==, "Last successful sync 3 days ago · last attempt failed 2 minutes ago");
  g_assert_cmpstr (never, ==, "Never synced · last attempt failed 5 hours ago");
}

static GPtrArray *
employees_new (guint n)
{
  GPtrArray *employees = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      char id[16], email[48];
      HcEmployee *employee;

      g_snprintf (id, sizeof id, "E%04u", i);
      g_snprintf (email, sizeof email, "person%04u@example.com", i);
      employee = hc_employee_new (id);
      hc_employee_set_field (employee, HC_FIELD_FIRST_NAME, "Person");
      hc_employee_set_field (employee, HC_FIELD_LAST_NAME, id);
      hc_employee_set_field (employee, HC_FIELD_EMAIL, email);
      g_ptr_array_add (employees, employee);
    }
  return employees;
}

static const char *
confirm_label (HcPlanDialog *dialog)
{
  GObject *check = gtk_widget_get_template_child (GTK_WIDGET (dialog), HC_TYPE_PLAN_DIALOG, "confirm_check");

  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (check)));
  return gtk_check_button_get_label (GTK_CHECK_BUTTON (check));
}

static GtkButton *
apply_button (HcPlanDialog *dialog)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (dialog), HC_TYPE_PLAN_DIALOG, "apply_button");

  g_assert_true (GTK_IS_BUTTON (button));
  return GTK_BUTTON (button);
}

/* 160 of 268 managed members no longer managed: the same weight as a big
 * archive, by the core's own threshold. */
static void
test_preview_unmanage_weight (void)
{
  g_autoptr (HcStore) store = new_store ("unmanage");
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) employees = employees_new (268);
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (HcPlan) first = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GError) error = NULL;
  HcPlanDialog *dialog;
  gint64 id;

  config->archive_inactive = FALSE;
  id = hc_store_add_connector (store, "Demo company", "demo", "{}", config, FALSE, &error);
  g_assert_no_error (error);
  members = hc_store_list_members (store, &error);
  first = hc_plan_compute (config, id, employees, members, TRUE);
  run = hc_sync_run_new (id, HC_SYNC_TRIGGER_MANUAL);
  g_assert_true (hc_store_apply_plan (store, first, run, &error));
  g_assert_no_error (error);
  g_clear_pointer (&members, g_ptr_array_unref);

  /* 160 leave the HR system; archives are off: no longer managed */
  g_ptr_array_remove_range (employees, 108, 160);
  members = hc_store_list_members (store, &error);
  plan = hc_plan_compute (config, id, employees, members, FALSE);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_UNMANAGE), ==, 160);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_ARCHIVE), ==, 0);
  g_assert_true (hc_plan_needs_confirmation (plan));
  g_assert_true (hc_plan_exceeds_safety_threshold (plan));

  dialog = hc_plan_dialog_new (plan, "Demo company", NULL);
  hc_plan_dialog_present (dialog, NULL);
  g_assert_cmpstr (gtk_button_get_label (apply_button (dialog)), ==, "_Apply — 160 no longer managed");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (apply_button (dialog)), "destructive-action"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (apply_button (dialog)), "suggested-action"));
  g_assert_cmpstr (confirm_label (dialog), ==,
                   "I _understand that 160 members will no longer be managed by HR");
  gtk_window_set_default_size (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (dialog))), 1000, 700);
  maybe_screenshot (GTK_WIDGET (dialog), "preview-unmanage.png");
  hc_plan_dialog_dismiss (dialog);

  /* Under the threshold: a plain, suggested Apply */
  {
    g_autoptr (GPtrArray) most = employees_new (268);
    g_autoptr (HcPlan) small = NULL;

    g_ptr_array_remove_range (most, 266, 2);
    small = hc_plan_compute (config, id, most, members, FALSE);
    g_assert_cmpuint (hc_plan_count (small, HC_PLAN_UNMANAGE), ==, 2);
    g_assert_false (hc_plan_exceeds_safety_threshold (small));
    dialog = hc_plan_dialog_new (small, "Demo company", NULL);
    hc_plan_dialog_present (dialog, NULL);
    g_assert_cmpstr (gtk_button_get_label (apply_button (dialog)), ==, "_Apply");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (apply_button (dialog)), "suggested-action"));
    hc_plan_dialog_dismiss (dialog);
  }
}

/* A test instance's first sync says what it really does. */
static void
test_preview_test_instance (void)
{
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) employees = employees_new (263);
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (HcPlan) plan = hc_plan_compute (config, 1, employees, members, TRUE);
  HcPlanDialog *dialog;

  dialog = hc_plan_dialog_new (plan, "Staging HR", NULL);
  hc_plan_dialog_present (dialog, NULL);
  g_assert_cmpstr (confirm_label (dialog), ==, "I _understand that this first sync invites 263 people");
  hc_plan_dialog_set_test_instance (dialog, TRUE);
  g_assert_cmpstr (confirm_label (dialog), ==,
                   "I _understand that this first sync creates 263 members; a test instance sends no invitation");
  hc_plan_dialog_dismiss (dialog);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    g_error ("this test needs a display: run it under xvfb-run");

  session = hc_test_session_start_private ("hc-gui-connector-status-XXXXXX", &root);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", hc_test_session_get_bus_address (session), TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("HEADCOUNT_HTTP_POLICY", "connect=5,read=5,attempts=2,total=10,delay=10", TRUE);
  /* Dates as the tests expect them, whatever the desktop says. */
  g_setenv ("TZ", "UTC", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/connector-status/add-anyway-rejected", test_add_anyway_rejected);
  g_test_add_func ("/gui/connector-status/add-tests-first", test_add_tests_first);
  g_test_add_func ("/gui/connector-status/last-attempt-format", test_last_attempt_format);
  g_test_add_func ("/gui/connector-status/preview-unmanage-weight", test_preview_unmanage_weight);
  g_test_add_func ("/gui/connector-status/preview-test-instance", test_preview_test_instance);

  status = g_test_run ();

  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
