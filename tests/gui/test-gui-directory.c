/* test-gui-directory.c — the directory by hand in the window: Add Member…,
 * editing a manual member, locked fields on a managed one, the Members
 * notice, Export Invitations to Send… and Mark as Joined
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-destination.h"
#include "hc-directory.h"
#include "hc-format.h"
#include "hc-gui-test.h"
#include "hc-member-dialog.h"
#include "hc-member-form.h"
#include "hc-plan.h"
#include "hc-run-change-item.h"
#include "hc-run-dialog.h"
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
  "E2|Ben|Okafor|ben@example.com|active|E1|Lyon||Designer",
  NULL
};

static void
sync_employees (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = hc_test_employees (employees);
  g_autoptr (GPtrArray) members = hc_store_list_members (fixture->store, &error);
  g_autoptr (HcConnectorInfo) info = hc_store_get_connector (fixture->store, fixture->cid, &error);
  g_autoptr (HcSyncRun) run = hc_sync_run_new (fixture->cid, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (HcPlan) plan = NULL;

  g_assert_no_error (error);
  plan = hc_plan_compute (info->config, fixture->cid, list, members,
                          !hc_store_connector_has_synced (fixture->store, fixture->cid));
  g_assert_true (hc_store_apply_plan (fixture->store, plan, run, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcMember) manual = hc_member_new ();
  g_autoptr (GArray) joined = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = NULL;
  gint64 id;

  fixture->data_dir = g_dir_make_tmp ("headcount-gui-directory-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);
  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);

  /* Personio feeds everything but the team and the preferred name. */
  hc_config_set_mapping_full (config, HC_MEMBER_FIELD_TEAM, NULL, 0, FALSE);
  hc_config_set_mapping_full (config, HC_MEMBER_FIELD_PREFERRED_NAME, NULL, 0, FALSE);
  fixture->cid = hc_store_add_connector (fixture->store, "Personio", "demo", NULL, config, FALSE, &error);
  g_assert_no_error (error);
  sync_employees (fixture);
  /* Ana joined; Ben is invited. */
  id = hc_member_get_id (hc_store_find_member_by_email (fixture->store, "ana@example.com", NULL));
  g_array_append_val (joined, id);
  g_assert_true (hc_directory_mark_joined (fixture->store, joined, NULL, &error));

  hc_member_set_field (manual, HC_MEMBER_FIELD_FIRST_NAME, "Chen");
  hc_member_set_field (manual, HC_MEMBER_FIELD_LAST_NAME, "Li");
  hc_member_set_field (manual, HC_MEMBER_FIELD_TITLE, "Contractor");
  g_assert_true (hc_directory_add_member (fixture->store, manual, NULL, &error));
  g_assert_no_error (error);

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
  destroy_toplevels (HC_TYPE_MEMBER_FORM);
  destroy_toplevels (HC_TYPE_MEMBER_DIALOG);
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
 * server shows it (ImageMagick's import; without a window manager the
 * window sits at the top left): the README's screenshots are taken so. */
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
  /* The app's style, as AdwApplication loads it from the resources. */
  if (g_object_get_data (G_OBJECT (gdk_display_get_default ()), "hc-test-css") == NULL)
    {
      g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/io/github/headcount/Headcount/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_set_data (G_OBJECT (gdk_display_get_default ()), "hc-test-css", GINT_TO_POINTER (1));
    }
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

static HcMember *
member_by_email (Fixture    *fixture,
                 const char *email)
{
  HcMember *member = hc_store_find_member_by_email (fixture->store, email, NULL);

  g_assert_nonnull (member);
  return member;
}

static gboolean
form_shown (gpointer data)
{
  return hc_gui_test_find_visible_toplevel (HC_TYPE_MEMBER_FORM) != NULL;
}

static gboolean
form_gone (gpointer data)
{
  return hc_gui_test_find_visible_toplevel (HC_TYPE_MEMBER_FORM) == NULL;
}

static gboolean
invited_count_is (gpointer data)
{
  gpointer *args = data;
  HcMembersPage *page = hc_window_get_members_page (args[0]);

  return !hc_members_page_get_loading (page) &&
         hc_members_page_get_tab_count (page, HC_MEMBER_STATE_INVITED) == GPOINTER_TO_UINT (args[1]);
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
is_inscription_containing (GtkWidget *widget,
                           gpointer   data)
{
  const char *text;

  if (!GTK_IS_INSCRIPTION (widget) || !gtk_widget_is_drawable (widget))
    return FALSE;
  text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  return text != NULL && strstr (text, data) != NULL;
}

static void
set_entry (HcMemberForm *form,
           const char   *field,
           const char   *text)
{
  GtkEditable *entry = hc_member_form_get_entry (form, field);

  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, text);
}

static gboolean
run_dialog_idle (gpointer data)
{
  return !hc_run_dialog_get_busy (data);
}

static gboolean
history_shows_edit (gpointer data)
{
  return hc_gui_test_find_widget (GTK_WIDGET (data), is_inscription_containing, "Edited by hand") != NULL;
}

/* Add Member… on the Members page: the form checks as one types, then
 * adds an invited manual member, recorded by hand in History. */
static void
test_add (Fixture      *fixture,
          gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  g_autoptr (HcMember) added = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  HcMemberForm *form;
  gpointer args[2] = { fixture->window, GUINT_TO_POINTER (2) };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.add", NULL));
  g_assert_true (hc_gui_test_spin_until (form_shown, NULL, WAIT_SECONDS));
  form = hc_gui_test_find_visible_toplevel (HC_TYPE_MEMBER_FORM);
  g_assert_null (hc_member_form_get_locked_row (form, HC_MEMBER_FIELD_OFFICE));

  /* Nothing typed: nothing to add. */
  g_assert_false (hc_member_form_get_can_save (form));
  set_entry (form, HC_MEMBER_FIELD_FIRST_NAME, "Zoé");
  set_entry (form, HC_MEMBER_FIELD_LAST_NAME, "Ørsted");
  g_assert_true (hc_member_form_get_can_save (form));

  /* A bad address, then one that another member has: said, named. */
  set_entry (form, HC_MEMBER_FIELD_EMAIL, "zoe@");
  g_assert_false (hc_member_form_get_can_save (form));
  g_assert_nonnull (strstr (hc_member_form_get_message (form), "not an e-mail address"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hc_member_form_get_entry (form, HC_MEMBER_FIELD_EMAIL)),
                                           "error"));
  set_entry (form, HC_MEMBER_FIELD_EMAIL, "ANA@example.com");
  g_assert_false (hc_member_form_get_can_save (form));
  g_assert_nonnull (strstr (hc_member_form_get_message (form), "Ana Lima"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (form), is_label_containing, "Ana Lima"));

  set_entry (form, HC_MEMBER_FIELD_EMAIL, "zoe@example.com");
  g_assert_true (hc_member_form_get_can_save (form));
  g_assert_null (hc_member_form_get_message (form));
  set_entry (form, HC_MEMBER_FIELD_TEAM, "Blue");
  g_assert_nonnull (hc_member_form_add_custom_field (form, "badge"));
  set_entry (form, "custom.badge", "B-7");
  g_assert_null (hc_member_form_add_custom_field (form, "no spaces"));
  g_assert_nonnull (strstr (hc_member_form_get_message (form), "not a custom field name"));
  set_entry (form, "custom.badge", "B-7");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL));
  g_assert_true (hc_gui_test_spin_until (form_gone, NULL, WAIT_SECONDS));
  g_assert_true (hc_gui_test_spin_until (invited_count_is, args, WAIT_SECONDS));

  added = member_by_email (fixture, "zoe@example.com");
  g_assert_cmpint (hc_member_get_state (added), ==, HC_MEMBER_STATE_INVITED);
  g_assert_true (hc_member_get_has_access (added));
  g_assert_cmpint (hc_member_get_hr_status (added), ==, HC_HR_STATUS_MANUAL);
  g_assert_cmpstr (hc_member_get_field (added, "custom.badge"), ==, "B-7");
  g_assert_cmpstr (hc_member_get_field (added, HC_MEMBER_FIELD_TEAM), ==, "Blue");
  runs = hc_store_list_runs (fixture->store, 0, 1, NULL);
  g_assert_cmpint (((HcSyncRun *) g_ptr_array_index (runs, 0))->trigger, ==, HC_SYNC_TRIGGER_EDIT);

  /* In History, as a change by hand. */
  hc_window_set_page (fixture->window, "history");
  g_assert_true (hc_gui_test_spin_until (history_shows_edit, fixture->window, WAIT_SECONDS));
  maybe_screenshot (GTK_WIDGET (fixture->window), "history.png");

  /* Its window is titled as an edit by hand, not as a sync of no connector. */
  {
    HcRunDialog *run_dialog = hc_run_dialog_new (GTK_WINDOW (fixture->window), fixture->store,
                                                 ((HcSyncRun *) g_ptr_array_index (runs, 0))->id);
    g_autofree char *title = hc_format_run_title (g_ptr_array_index (runs, 0));

    g_assert_true (g_str_has_prefix (title, "Edit by hand, "));
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (run_dialog)), ==, title);
    g_assert_true (hc_gui_test_spin_until (run_dialog_idle, run_dialog, WAIT_SECONDS));
    /* the member added, one field a row, as the CLI lists them */
    {
      GListModel *changes = hc_run_dialog_get_changes (run_dialog);
      gboolean team = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
        {
          g_autoptr (HcRunChangeItem) row = g_list_model_get_item (changes, i);
          const char *after = hc_run_change_item_get_after (row);

          g_assert_false (after != NULL && after[0] == '{');
          if (g_strcmp0 (hc_run_change_item_get_field (row), "Team") == 0)
            {
              team = TRUE;
              g_assert_cmpstr (hc_run_change_item_get_change (row), ==, "Added by hand");
              g_assert_cmpstr (after, ==, "Blue");
            }
        }
      g_assert_true (team);
    }
    gtk_window_set_default_size (GTK_WINDOW (run_dialog), 800, 500);
    gtk_window_present (GTK_WINDOW (run_dialog));
    maybe_screenshot (GTK_WIDGET (run_dialog), "run-edit.png");
    /* Nothing was delivered after it: no delivery line. */
    g_assert_null (strstr (hc_run_dialog_get_summary (run_dialog), "Delivered to"));
    gtk_window_destroy (GTK_WINDOW (run_dialog));
  }

  /* A run followed by a delivery: its window says what each destination
   * received, from the outcomes recorded under it. */
  {
    HcDestination destination = { 0 };
    g_autoptr (GError) error = NULL;
    gint64 run_id = ((HcSyncRun *) g_ptr_array_index (runs, 0))->id;
    gint64 zoe_id = hc_member_get_id (added);
    HcRunDialog *run_dialog;
    gint64 destination_id;

    destination.name = (char *) "Platform";
    destination.kind = (char *) "scim";
    destination.base_url = (char *) "https://scim.example.com/v2";
    destination_id = hc_destination_add (fixture->store, &destination, &error);
    g_assert_no_error (error);
    g_assert_true (hc_destination_log_outcome (fixture->store, run_id, destination_id, zoe_id, 0, "POST /Users",
                                               201, "created", NULL, &error));
    g_assert_true (hc_destination_log_outcome (fixture->store, run_id, destination_id, zoe_id, 0, "PATCH /Users/1",
                                               400, "failed", "Bad title", &error));
    /* A delivery of its own, under no run: not counted. */
    g_assert_true (hc_destination_log_outcome (fixture->store, 0, destination_id, zoe_id, 0, "PATCH /Users/1",
                                               200, "updated", NULL, &error));
    g_assert_no_error (error);

    run_dialog = hc_run_dialog_new (GTK_WINDOW (fixture->window), fixture->store, run_id);
    g_assert_true (hc_gui_test_spin_until (run_dialog_idle, run_dialog, WAIT_SECONDS));
    g_assert_nonnull (strstr (hc_run_dialog_get_summary (run_dialog),
                              "Delivered to Platform: 1 created, 0 updated, 0 deactivated, 1 failed."));
    gtk_window_set_default_size (GTK_WINDOW (run_dialog), 800, 500);
    gtk_window_present (GTK_WINDOW (run_dialog));
    maybe_screenshot (GTK_WIDGET (run_dialog), "run-delivery.png");
    gtk_window_destroy (GTK_WINDOW (run_dialog));
  }
}

/* A manual member: every field is editable, from the details' Edit…. */
static void
test_edit_manual (Fixture      *fixture,
                  gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  g_autoptr (GPtrArray) members = hc_store_list_members (fixture->store, NULL);
  g_autoptr (HcMember) after = NULL;
  HcMember *chen = NULL;
  HcMemberDialog *dialog;
  HcMemberForm *form;

  for (guint i = 0; i < members->len; i++)
    if (g_strcmp0 (hc_member_get_first_name (g_ptr_array_index (members, i)), "Chen") == 0)
      chen = g_ptr_array_index (members, i);
  g_assert_nonnull (chen);

  dialog = HC_MEMBER_DIALOG (hc_members_page_show_member (page, chen));
  /* Without access: Active means in the directory. */
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing,
                                             "in the directory, without access"));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "From "));
  form = HC_MEMBER_FORM (hc_member_dialog_edit (dialog));
  for (const char * const *f = hc_directory_list_fields (); *f != NULL; f++)
    g_assert_null (hc_member_form_get_locked_row (form, *f));

  set_entry (form, HC_MEMBER_FIELD_TITLE, "Consultant");
  set_entry (form, HC_MEMBER_FIELD_OFFICE, "Berlin");
  g_assert_true (hc_member_form_save (form, NULL));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));

  after = hc_store_get_member (fixture->store, hc_member_get_id (chen), NULL);
  g_assert_cmpstr (hc_member_get_title (after), ==, "Consultant");
  g_assert_cmpstr (hc_member_get_field (after, HC_MEMBER_FIELD_OFFICE), ==, "Berlin");
}

/* A managed member: HR's fields locked with Personio as the reason, the
 * others editable in the form. */
static void
test_locked_managed (Fixture      *fixture,
                     gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  g_autoptr (HcMember) ana = member_by_email (fixture, "ana@example.com");
  g_autoptr (HcMember) after = NULL;
  HcMemberDialog *dialog;
  HcMemberForm *form;
  AdwActionRow *office;

  dialog = HC_MEMBER_DIALOG (hc_members_page_show_member (page, ana));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 900);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "From Personio"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "Active: joined"));
  maybe_screenshot (GTK_WIDGET (dialog), "member-details.png");

  form = HC_MEMBER_FORM (hc_member_dialog_edit (dialog));
  office = hc_member_form_get_locked_row (form, HC_MEMBER_FIELD_OFFICE);
  g_assert_nonnull (office);
  g_assert_cmpstr (adw_action_row_get_subtitle (office), ==, "Paris");
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (office), is_label_containing, "From Personio"));
  g_assert_null (hc_member_form_get_entry (form, HC_MEMBER_FIELD_OFFICE));
  g_assert_null (hc_member_form_get_entry (form, HC_MEMBER_FIELD_EMAIL));
  g_assert_nonnull (hc_member_form_get_locked_row (form, HC_MEMBER_FIELD_EMAIL));
  g_assert_null (hc_member_form_get_locked_row (form, HC_MEMBER_FIELD_TEAM));

  set_entry (form, HC_MEMBER_FIELD_TEAM, "Platform");
  set_entry (form, HC_MEMBER_FIELD_PREFERRED_NAME, "Nana");
  g_assert_nonnull (hc_member_form_add_custom_field (form, "desk"));
  set_entry (form, "custom.desk", "4.21");
  maybe_screenshot (GTK_WIDGET (form), "member-edit.png");
  g_assert_true (hc_member_form_save (form, NULL));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));

  /* Saved, and still there after the next sync. */
  sync_employees (fixture);
  after = hc_store_get_member (fixture->store, hc_member_get_id (ana), NULL);
  g_assert_cmpstr (hc_member_get_field (after, HC_MEMBER_FIELD_TEAM), ==, "Platform");
  g_assert_cmpstr (hc_member_get_field (after, HC_MEMBER_FIELD_PREFERRED_NAME), ==, "Nana");
  g_assert_cmpstr (hc_member_get_field (after, "custom.desk"), ==, "4.21");
  g_assert_cmpint (hc_member_get_hr_status (after), ==, HC_HR_STATUS_MANAGED);
}

static gboolean
page_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (hc_window_get_page (args[0]), args[1]) == 0;
}

/* The notice while Personio manages members, and its link. */
static void
test_notice (Fixture      *fixture,
             gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  gpointer args[2] = { fixture->window, "connectors" };
  GtkWidget *label;

  g_assert_cmpstr (hc_members_page_get_notice (page), ==,
                   "2 members are managed by Personio: their HR fields are updated by each sync");
  label = hc_gui_test_find_widget (GTK_WIDGET (page), is_label_containing, "managed by Personio");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_visible (label));
  maybe_screenshot (GTK_WIDGET (fixture->window), "members-notice.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.show-page", "s", "connectors"));
  g_assert_true (hc_gui_test_spin_until (page_is, args, WAIT_SECONDS));
}

static gboolean
is_export_button (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "members.export-invitations") == 0;
}

/* The Invited tab exports the invitations to send and marks them sent;
 * the details show it; Mark as Joined makes the member active. */
static void
test_export_invitations (Fixture      *fixture,
                         gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  g_autofree char *path = g_build_filename (fixture->data_dir, "invitations.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (HcMember) ben = member_by_email (fixture, "ben@example.com");
  g_autoptr (GPtrArray) invitations = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (HcMember) after = NULL;
  GtkWidget *button;
  HcMemberDialog *dialog;
  guint n_exported = 0;

  button = hc_gui_test_find_widget (GTK_WIDGET (page), is_export_button, NULL);
  g_assert_nonnull (button);
  hc_members_page_set_tab (page, HC_MEMBER_STATE_ACTIVE);
  g_assert_false (gtk_widget_is_visible (button));
  hc_members_page_set_tab (page, HC_MEMBER_STATE_INVITED);
  g_assert_true (gtk_widget_is_visible (button));

  /* Not sent yet, says the details. */
  dialog = HC_MEMBER_DIALOG (hc_members_page_show_member (page, ben));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "Not yet"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing,
                                             "has access, has not joined yet"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (hc_members_page_export_invitations (page, file, "https://app.example/join", &n_exported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_exported, ==, 1);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "Ben,Okafor,Ben Okafor,ben@example.com,https://app.example/join"));
  invitations = hc_store_list_member_invitations (fixture->store, hc_member_get_id (ben), NULL);
  g_assert_cmpint (((HcInvitation *) g_ptr_array_index (invitations, 0))->sent_at, >, 0);
  {
    g_autofree char *link = hc_store_dup_workspace_setting (fixture->store, "signup_link");

    g_assert_cmpstr (link, ==, "https://app.example/join");
  }

  /* Sent: the details say when; then Mark as Joined. */
  dialog = HC_MEMBER_DIALOG (hc_members_page_show_member (page, ben));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "Not yet: "));
  g_assert_true (hc_member_dialog_apply (dialog, HC_MEMBER_DIALOG_MARK_JOINED, &error));
  g_assert_no_error (error);
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));
  after = hc_store_get_member (fixture->store, hc_member_get_id (ben), NULL);
  g_assert_cmpint (hc_member_get_state (after), ==, HC_MEMBER_STATE_ACTIVE);
}

/* Several members at once: the action bar fits the tab. */
static void
test_multi_select (Fixture      *fixture,
                   gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  g_autoptr (HcMember) zoe = hc_member_new ();
  g_autoptr (GError) error = NULL;
  GtkSelectionModel *selection = hc_members_page_get_selection_model (page);
  gpointer args[2] = { fixture->window, GUINT_TO_POINTER (0) };

  hc_member_set_field (zoe, HC_MEMBER_FIELD_FIRST_NAME, "Zoé");
  hc_member_set_field (zoe, HC_MEMBER_FIELD_EMAIL, "zoe@example.com");
  g_assert_true (hc_directory_add_member (fixture->store, zoe, NULL, &error));
  hc_window_reload (fixture->window);
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));

  hc_members_page_set_tab (page, HC_MEMBER_STATE_INVITED);
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, 2);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_label_containing, "Members who have access"));
  gtk_selection_model_select_all (selection);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_label_containing, "2 members selected"));
  maybe_screenshot (GTK_WIDGET (fixture->window), "members-selection.png");

  g_assert_true (hc_members_page_change_selected (page, "mark-joined", &error));
  g_assert_no_error (error);
  g_assert_true (hc_gui_test_spin_until (invited_count_is, args, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, HC_MEMBER_STATE_INVITED), ==, 0);
  g_assert_cmpuint (hc_store_count_members (fixture->store, HC_MEMBER_STATE_ACTIVE), ==, 4);

  /* Switching tabs drops the selection. */
  hc_members_page_set_tab (page, HC_MEMBER_STATE_ACTIVE);
  gtk_selection_model_select_all (selection);
  hc_members_page_set_tab (page, HC_MEMBER_STATE_ARCHIVED);
  {
    g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (selection);

    g_assert_true (gtk_bitset_is_empty (selected));
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui-directory/add", Fixture, NULL, fixture_setup, test_add, fixture_teardown);
  g_test_add ("/gui-directory/edit-manual", Fixture, NULL, fixture_setup, test_edit_manual, fixture_teardown);
  g_test_add ("/gui-directory/locked-managed", Fixture, NULL, fixture_setup, test_locked_managed,
              fixture_teardown);
  g_test_add ("/gui-directory/notice", Fixture, NULL, fixture_setup, test_notice, fixture_teardown);
  g_test_add ("/gui-directory/export-invitations", Fixture, NULL, fixture_setup, test_export_invitations,
              fixture_teardown);
  g_test_add ("/gui-directory/multi-select", Fixture, NULL, fixture_setup, test_multi_select, fixture_teardown);

  return g_test_run ();
}
