/* test-gui.c — the real window on a seeded store: tabs, counts, search,
 * HR status, the details dialog, the demo sync and its confirmation
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-gui-test.h"
#include "hc-member-dialog.h"
#include "hc-plan-dialog.h"
#include "hc-run-item.h"
#include "hc-window.h"

#define WAIT_SECONDS 30

typedef struct
{
  char     *data_dir;
  HcStore  *store;
  gint64    connector_id;
  HcWindow *window;
} Fixture;

/* Seeded members: 5 active, 3 invited, 2 archived. */
#define N_ACTIVE   5
#define N_INVITED  3
#define N_ARCHIVED 2

#define LONG_NAME_FIRST "Marie-Hélène Anne-Sophie Éléonore"
#define LONG_NAME_LAST  "de La Tour-d'Auvergne-Lauraguais"

/* Waiting on the main loop */

/* Widget tree helpers */

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

  if (!GTK_IS_INSCRIPTION (widget))
    return FALSE;

  text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  return text != NULL && strstr (text, data) != NULL;
}

static gboolean
is_column_view (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

static gboolean
is_search_entry (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static gboolean
is_cancel_button (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.cancel-sync") == 0;
}

static gboolean
is_editable_widget (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_EDITABLE (widget) && gtk_editable_get_editable (GTK_EDITABLE (widget));
}

static gboolean
is_managed_icon (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_IMAGE (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "emblem-ok-symbolic") == 0 &&
         gtk_widget_has_css_class (widget, "success") &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Managed by HR") == 0;
}

static gboolean
is_previously_managed_icon (GtkWidget *widget,
                            gpointer   data)
{
  return GTK_IS_IMAGE (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "dialog-warning-symbolic") == 0 &&
         gtk_widget_has_css_class (widget, "warning") &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget),
                    "No longer managed: left the HR scope") == 0;
}

static gboolean
has_managed_icon (gpointer data)
{
  return hc_gui_test_find_widget (GTK_WIDGET (data), is_managed_icon, NULL) != NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static HcMemberDialog *
find_member_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (HC_IS_MEMBER_DIALOG (window))
        return HC_MEMBER_DIALOG (window);
    }

  return NULL;
}

/* The preview of a sync (HcPlanDialog), while it shows. */
static HcPlanDialog *
find_preview (void)
{
  return hc_gui_test_find_shown (HC_TYPE_PLAN_DIALOG);
}

static gboolean
preview_shown (gpointer data)
{
  return find_preview () != NULL;
}

static gboolean
no_preview (gpointer data)
{
  return find_preview () == NULL;
}

static gboolean
is_button_for_action (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
is_confirm_check (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_str_has_prefix (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) ?: "", "I _understand");
}

/* What a click on one of the preview's buttons does ("preview.apply",
 * "preview.cancel"), if the user could click it. */
static void
click_preview_button (HcPlanDialog *dialog,
                      const char   *action)
{
  GtkWidget *button = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_button_for_action, (gpointer) action);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Seeding */

static void
add_member (Fixture      *fixture,
            const char   *first_name,
            const char   *last_name,
            const char   *email,
            const char   *title,
            HcMemberState state,
            HcHrStatus    hr_status)
{
  g_autoptr (HcMember) member = hc_member_new ();
  g_autoptr (GError) error = NULL;
  static guint employee_id = 1000;

  hc_member_set_field (member, HC_MEMBER_FIELD_FIRST_NAME, first_name);
  hc_member_set_field (member, HC_MEMBER_FIELD_LAST_NAME, last_name);
  hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, email);
  hc_member_set_field (member, HC_MEMBER_FIELD_TITLE, title);
  hc_member_set_field (member, HC_MEMBER_FIELD_DEPARTMENT, "Engineering");
  hc_member_set_state (member, state);
  hc_member_set_has_access (member, email != NULL);

  if (hr_status != HC_HR_STATUS_MANUAL)
    {
      char id[16];

      g_snprintf (id, sizeof id, "E%u", employee_id++);
      hc_member_set_connector_id (member, fixture->connector_id);
      hc_member_set_external_id (member, id);
    }
  hc_member_set_hr_status (member, hr_status);

  hc_store_add_member (fixture->store, member, &error);
  g_assert_no_error (error);
}

static void
fixture_open_store (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->data_dir = g_dir_make_tmp ("headcount-gui-XXXXXX", &error);
  g_assert_no_error (error);

  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);

  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_add_connector (Fixture *fixture)
{
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GError) error = NULL;

  fixture->connector_id = hc_store_add_connector (fixture->store, HC_DEMO_CONNECTOR_NAME,
                                                  HC_DEMO_CONNECTOR_KIND, "{}",
                                                  config, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->connector_id, >, 0);
}

static void
fixture_open_window (Fixture *fixture)
{
  fixture->window = hc_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  hc_window_set_page (fixture->window, "members");
  gtk_window_present (GTK_WINDOW (fixture->window));

  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));
}

static void
seeded_setup (Fixture      *fixture,
              gconstpointer data)
{
  fixture_open_store (fixture);
  fixture_add_connector (fixture);

  /* Active */
  add_member (fixture, "Zoé", "Ørsted", "zoe.orsted@example.com", "Designer",
              HC_MEMBER_STATE_ACTIVE, HC_HR_STATUS_MANUAL);
  add_member (fixture, LONG_NAME_FIRST, LONG_NAME_LAST, "marie-helene@example.com",
              "Senior Vice President of International Business Development and Strategic Partnerships",
              HC_MEMBER_STATE_ACTIVE, HC_HR_STATUS_MANAGED);
  add_member (fixture, "Ada", "Lovelace", "ada@example.com", "Engineer",
              HC_MEMBER_STATE_ACTIVE, HC_HR_STATUS_MANAGED);
  add_member (fixture, "Ola", "Nordmann", NULL, "Warehouse",
              HC_MEMBER_STATE_ACTIVE, HC_HR_STATUS_MANAGED);
  add_member (fixture, "Grace", "Hopper", "grace@example.com", "Admiral",
              HC_MEMBER_STATE_ACTIVE, HC_HR_STATUS_PREVIOUSLY_MANAGED);
  /* Invited */
  add_member (fixture, "Zoe", "Baker", "zoe.baker@example.com", "Baker",
              HC_MEMBER_STATE_INVITED, HC_HR_STATUS_MANAGED);
  add_member (fixture, "Alan", "Turing", "alan@example.com", "Researcher",
              HC_MEMBER_STATE_INVITED, HC_HR_STATUS_MANAGED);
  add_member (fixture, "Kim", "Manual", "kim@example.com", "Intern",
              HC_MEMBER_STATE_INVITED, HC_HR_STATUS_MANUAL);
  /* Archived */
  add_member (fixture, "Pat", "Gone", "pat@example.com", "Former",
              HC_MEMBER_STATE_ARCHIVED, HC_HR_STATUS_PREVIOUSLY_MANAGED);
  add_member (fixture, "Robin", "Left", "robin@example.com", "Former",
              HC_MEMBER_STATE_ARCHIVED, HC_HR_STATUS_MANUAL);

  fixture_open_window (fixture);
}

static void
empty_setup (Fixture      *fixture,
             gconstpointer data)
{
  fixture_open_store (fixture);
  fixture_open_window (fixture);
}

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

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  if (fixture->window != NULL)
    {
      HcWindow *window = fixture->window;

      /* The window and everything it owns must go away (no leaked ref). */
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &fixture->window);
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &fixture->window, WAIT_SECONDS));
    }

  g_clear_object (&fixture->store);
  remove_dir (fixture->data_dir);
  g_clear_pointer (&fixture->data_dir, g_free);
}

/* Tests */

static HcMember *
find_member (GListModel *model,
             const char *email)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (HcMember) member = g_list_model_get_item (model, i);

      if (g_strcmp0 (hc_member_get_email (member), email) == 0)
        return member;      /* the model keeps its reference */
    }

  return NULL;
}

static void
test_tabs_and_counts (Fixture      *fixture,
                      gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  GListModel *model = hc_members_page_get_model (page);

  /* What the store says … */
  g_assert_cmpuint (hc_store_count_members (fixture->store, HC_MEMBER_STATE_ACTIVE), ==, N_ACTIVE);
  g_assert_cmpuint (hc_store_count_members (fixture->store, HC_MEMBER_STATE_INVITED), ==, N_INVITED);
  g_assert_cmpuint (hc_store_count_members (fixture->store, HC_MEMBER_STATE_ARCHIVED), ==, N_ARCHIVED);

  /* … is what the tabs count … */
  for (HcMemberState state = HC_MEMBER_STATE_ACTIVE; state <= HC_MEMBER_STATE_ARCHIVED; state++)
    g_assert_cmpuint (hc_members_page_get_tab_count (page, state), ==,
                      hc_store_count_members (fixture->store, state));

  /* … and what each tab shows. */
  g_assert_cmpint (hc_members_page_get_tab (page), ==, HC_MEMBER_STATE_ACTIVE);
  g_assert_cmpstr (hc_members_page_get_state_name (page), ==, "table");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ACTIVE);

  hc_members_page_set_tab (page, HC_MEMBER_STATE_INVITED);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_INVITED);
  for (guint i = 0; i < N_INVITED; i++)
    {
      g_autoptr (HcMember) member = g_list_model_get_item (model, i);

      g_assert_cmpint (hc_member_get_state (member), ==, HC_MEMBER_STATE_INVITED);
    }

  hc_members_page_set_tab (page, HC_MEMBER_STATE_ARCHIVED);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ARCHIVED);

  hc_members_page_set_tab (page, HC_MEMBER_STATE_ACTIVE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ACTIVE);

  /* Sorted by name by default: Ada first. */
  {
    g_autoptr (HcMember) first = g_list_model_get_item (model, 0);

    g_assert_cmpstr (hc_member_get_email (first), ==, "ada@example.com");
  }

  /* A click on the E-mail header, twice: descending e-mails. */
  {
    GtkColumnView *column_view = GTK_COLUMN_VIEW (hc_gui_test_find_widget (GTK_WIDGET (page), is_column_view, NULL));
    g_autoptr (GtkColumnViewColumn) email_column = NULL;
    g_autoptr (HcMember) first = NULL;

    email_column = g_list_model_get_item (gtk_column_view_get_columns (column_view), 1);
    g_assert_cmpstr (gtk_column_view_column_get_title (email_column), ==, "E-mail");
    gtk_column_view_sort_by_column (column_view, email_column, GTK_SORT_DESCENDING);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ACTIVE);
    first = g_list_model_get_item (model, 0);
    g_assert_cmpstr (hc_member_get_email (first), ==, "zoe.orsted@example.com");
  }
}

static void
test_actions (Fixture      *fixture,
              gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *search_entry = hc_gui_test_find_widget (GTK_WIDGET (hc_window_get_members_page (fixture->window)),
                                                     is_search_entry, NULL);
  GtkWidget *focus;

  g_assert_true (gtk_widget_activate_action (window, "win.show-page", "s", "history"));
  g_assert_cmpstr (hc_window_get_page (fixture->window), ==, "history");
  g_assert_true (gtk_widget_activate_action (window, "win.show-page", "s", "connectors"));
  g_assert_cmpstr (hc_window_get_page (fixture->window), ==, "connectors");

  /* Ctrl+F: back to the members, in the search entry. */
  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  g_assert_cmpstr (hc_window_get_page (fixture->window), ==, "members");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == search_entry || gtk_widget_is_ancestor (focus, search_entry));

  /* Nothing to cancel while idle. */
  g_assert_false (gtk_widget_is_sensitive (hc_gui_test_find_widget (window, is_cancel_button, NULL)));
}

static void
test_sync_cancel (Fixture      *fixture,
                  gconstpointer data)
{
  GListModel *runs = hc_history_page_get_model (hc_window_get_history_page (fixture->window));
  guint before = hc_store_count_members (fixture->store, -1);

  /* Cancelled while fetching. */
  g_assert_true (hc_window_sync_connector (fixture->window, fixture->connector_id, TRUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel-sync", NULL));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  {
    g_autoptr (HcRunItem) item = g_list_model_get_item (runs, 0);

    g_assert_cmpint (hc_run_item_get_run (item)->result, ==, HC_SYNC_RESULT_CANCELLED);
  }

  /* Cancelled while the preview shows: the preview goes away. */
  g_assert_true (hc_window_sync_connector (fixture->window, fixture->connector_id, FALSE));
  g_assert_true (hc_gui_test_spin_until (preview_shown, NULL, WAIT_SECONDS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel-sync", NULL));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_true (hc_gui_test_spin_until (no_preview, NULL, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 2);
  {
    g_autoptr (HcRunItem) item = g_list_model_get_item (runs, 0);

    g_assert_cmpint (hc_run_item_get_run (item)->result, ==, HC_SYNC_RESULT_CANCELLED);
  }
  g_assert_false (hc_store_connector_has_synced (fixture->store, fixture->connector_id));
}

static void
test_search (Fixture      *fixture,
             gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  GListModel *model = hc_members_page_get_model (page);

  hc_members_page_set_search_text (page, "zoé");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr (HcMember) member = g_list_model_get_item (model, 0);

    g_assert_cmpstr (hc_member_get_email (member), ==, "zoe.orsted@example.com");
  }

  /* Case-insensitive, accents kept: the same one. */
  hc_members_page_set_search_text (page, "ZOÉ");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* An e-mail fragment; Ola has no e-mail and does not match. */
  hc_members_page_set_search_text (page, "@example.com");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ACTIVE - 1);
  hc_members_page_set_search_text (page, "ada@exa");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* The search stays while the tab changes. */
  hc_members_page_set_search_text (page, "zoe");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  hc_members_page_set_tab (page, HC_MEMBER_STATE_INVITED);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr (HcMember) member = g_list_model_get_item (model, 0);

    g_assert_cmpstr (hc_member_get_email (member), ==, "zoe.baker@example.com");
  }
  hc_members_page_set_tab (page, HC_MEMBER_STATE_ACTIVE);

  /* No match: nothing, and the no-results state. */
  hc_members_page_set_search_text (page, "no such person");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (hc_members_page_get_state_name (page), ==, "no-results");
  /* The tab counts do not follow the search. */
  g_assert_cmpuint (hc_members_page_get_tab_count (page, HC_MEMBER_STATE_ACTIVE), ==, N_ACTIVE);

  hc_members_page_set_search_text (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ACTIVE);
  g_assert_cmpstr (hc_members_page_get_state_name (page), ==, "table");
}

static void
test_hr_status (Fixture      *fixture,
                gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  GListModel *model = hc_members_page_get_model (page);
  HcMember *ada = find_member (model, "ada@example.com");
  HcMember *zoe = find_member (model, "zoe.orsted@example.com");
  HcMember *grace = find_member (model, "grace@example.com");

  g_assert_nonnull (ada);
  g_assert_nonnull (zoe);
  g_assert_nonnull (grace);
  g_assert_cmpint (hc_member_get_hr_status (ada), ==, HC_HR_STATUS_MANAGED);
  g_assert_cmpint (hc_member_get_hr_status (zoe), ==, HC_HR_STATUS_MANUAL);
  g_assert_cmpint (hc_member_get_hr_status (grace), ==, HC_HR_STATUS_PREVIOUSLY_MANAGED);

  /* The rows on screen carry the icons, their style and tooltips. */
  g_assert_true (hc_gui_test_spin_until (has_managed_icon, page, WAIT_SECONDS));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_previously_managed_icon, NULL));

  /* Members without e-mail say so instead of an empty cell. */
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (page), is_inscription_containing, "No e-mail — no login"));
}

static void
test_long_name_does_not_widen (Fixture      *fixture,
                               gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("members page minimum width: %d", minimum);
  g_assert_cmpint (minimum, <, 700);
}

static void
test_details_dialog (Fixture      *fixture,
                     gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  GListModel *model = hc_members_page_get_model (page);
  HcMember *ada = find_member (model, "ada@example.com");
  HcMember *zoe = find_member (model, "zoe.orsted@example.com");
  GtkWindow *dialog;

  /* A managed member: read-only, with the note naming the connector. */
  dialog = hc_members_page_show_member (page, ada);
  g_assert_true (HC_IS_MEMBER_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (hc_member_dialog_get_managed (HC_MEMBER_DIALOG (dialog)));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "HR is the source of truth"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "Managed by " HC_DEMO_CONNECTOR_NAME));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "ada@example.com"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "Engineer"));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_editable_widget, NULL));
  gtk_window_destroy (dialog);

  /* A manual member: no HR note. */
  dialog = hc_members_page_show_member (page, zoe);
  g_assert_false (hc_member_dialog_get_managed (HC_MEMBER_DIALOG (dialog)));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "source of truth"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "Zoé Ørsted"));
  gtk_window_destroy (dialog);

  /* Activating a row (Enter, double-click) opens the details too. */
  {
    GtkWidget *column_view = hc_gui_test_find_widget (GTK_WIDGET (page), is_column_view, NULL);
    HcMemberDialog *opened;

    g_assert_nonnull (column_view);
    g_assert_null (find_member_dialog ());
    g_signal_emit_by_name (column_view, "activate", 0);
    opened = find_member_dialog ();
    g_assert_nonnull (opened);
    /* Row 0 is Ada: the table is sorted by name. */
    g_assert_true (hc_member_dialog_get_member (opened) == ada);
    gtk_window_destroy (GTK_WINDOW (opened));
  }
}

static void
test_empty_workspace (Fixture      *fixture,
                      gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);

  g_assert_cmpstr (hc_members_page_get_state_name (page), ==, "no-connector");
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, 0);
  g_assert_cmpuint (hc_connectors_page_get_n_connectors (hc_window_get_connectors_page (fixture->window)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hc_history_page_get_model (hc_window_get_history_page (fixture->window))), ==, 0);
}

static void
test_connect_demo (Fixture      *fixture,
                   gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  GListModel *runs = hc_history_page_get_model (hc_window_get_history_page (fixture->window));
  HcMemberState tab;
  guint shown;

  /* What "Connect Demo Company" and `headcount --demo` do: no dialog. */
  hc_window_connect_demo (fixture->window);
  g_assert_true (hc_sync_flow_get_busy (hc_window_get_sync_flow (fixture->window)));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_null (find_message_dialog ());

  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), >, 0);
  g_assert_cmpuint (hc_connectors_page_get_n_connectors (hc_window_get_connectors_page (fixture->window)), ==, 1);
  for (HcMemberState state = HC_MEMBER_STATE_ACTIVE; state <= HC_MEMBER_STATE_ARCHIVED; state++)
    g_assert_cmpuint (hc_members_page_get_tab_count (page, state), ==,
                      hc_store_count_members (fixture->store, state));
  /* A first sync that invited people lands on them. */
  tab = hc_members_page_get_tab (page);
  if (hc_store_count_members (fixture->store, HC_MEMBER_STATE_INVITED) > 0)
    g_assert_cmpint (tab, ==, HC_MEMBER_STATE_INVITED);
  shown = hc_store_count_members (fixture->store, tab);
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, shown);
  g_assert_cmpstr (hc_members_page_get_state_name (page), ==, "table");

  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  {
    g_autoptr (HcRunItem) item = g_list_model_get_item (runs, 0);

    g_assert_cmpint (hc_run_item_get_run (item)->result, ==, HC_SYNC_RESULT_SUCCESS);
  }
}

static void
test_sync_confirmation (Fixture      *fixture,
                        gconstpointer data)
{
  GListModel *runs = hc_history_page_get_model (hc_window_get_history_page (fixture->window));
  HcPlanDialog *dialog;
  GtkWidget *apply, *check;
  guint before = hc_store_count_members (fixture->store, -1);

  /* The connector never synced: its first sync is previewed, and Apply
   * waits for a confirmation (rules.md 12). */
  g_assert_false (hc_store_connector_has_synced (fixture->store, fixture->connector_id));
  g_assert_true (hc_window_sync_connector (fixture->window, fixture->connector_id, FALSE));
  /* Only one sync at a time. */
  g_assert_false (hc_window_sync_connector (fixture->window, fixture->connector_id, FALSE));
  g_assert_true (hc_gui_test_spin_until (preview_shown, NULL, WAIT_SECONDS));

  dialog = find_preview ();
  g_assert_true (gtk_widget_get_root (GTK_WIDGET (dialog)) == GTK_ROOT (fixture->window));
  g_assert_true (hc_plan_dialog_get_needs_confirmation (dialog));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "This sync will "));
  apply = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_button_for_action, "preview.apply");
  g_assert_false (gtk_widget_is_sensitive (apply));

  /* Declined: nothing changes, the history says cancelled. */
  click_preview_button (dialog, "preview.cancel");
  g_assert_true (hc_gui_test_spin_until (no_preview, NULL, WAIT_SECONDS));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  {
    g_autoptr (HcRunItem) item = g_list_model_get_item (runs, 0);

    g_assert_cmpint (hc_run_item_get_run (item)->result, ==, HC_SYNC_RESULT_CANCELLED);
  }

  /* Confirmed and applied: the members are in, the tabs follow the store. */
  g_assert_true (hc_window_sync_connector (fixture->window, fixture->connector_id, FALSE));
  g_assert_true (hc_gui_test_spin_until (preview_shown, NULL, WAIT_SECONDS));
  dialog = find_preview ();
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "This sync will "));
  check = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_confirm_check, NULL);
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  click_preview_button (dialog, "preview.apply");
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_null (find_preview ());

  g_assert_true (hc_store_connector_has_synced (fixture->store, fixture->connector_id));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), >, before);
  for (HcMemberState state = HC_MEMBER_STATE_ACTIVE; state <= HC_MEMBER_STATE_ARCHIVED; state++)
    g_assert_cmpuint (hc_members_page_get_tab_count (hc_window_get_members_page (fixture->window), state), ==,
                      hc_store_count_members (fixture->store, state));
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 2);
}

/* Screenshots: a smoke test that each page draws something, and pictures
 * for people to look at in $HC_SCREENSHOT_DIR (default: the build dir). */

static gboolean
widget_is_drawn (gpointer data)
{
  GtkWidget *widget = data;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;

  if (!gtk_widget_get_mapped (widget) ||
      gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
    return FALSE;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);

  return node != NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  g_autofree guchar *pixels = NULL;
  const char *dir = g_getenv ("HC_SCREENSHOT_DIR");
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;
  gsize stride;
  guint distinct = 0;
  guint32 first;

  /* Mapped, laid out and drawn once; on a busy machine that takes a while. */
  hc_gui_test_spin_for (400);
  g_assert_true (hc_gui_test_spin_until (widget_is_drawn, widget, WAIT_SECONDS));

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Not a blank picture. */
  stride = width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  first = ((guint32 *) pixels)[0];
  for (gsize i = 0; i < (gsize) width * height && distinct < 16; i++)
    if (((guint32 *) pixels)[i] != first)
      distinct++;
  g_assert_cmpuint (distinct, >=, 16);

  if (dir == NULL)
    dir = g_test_get_dir (G_TEST_BUILT);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static gboolean
page_fits_phone (gpointer data)
{
  int min_width = 0;

  gtk_widget_measure (GTK_WIDGET (data), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  return min_width <= 360;
}

static void
test_screenshots (Fixture      *fixture,
                  gconstpointer data)
{
  HcWindow *window = fixture->window;
  HcMembersPage *page = hc_window_get_members_page (window);
  GListModel *model = hc_members_page_get_model (page);
  g_autoptr (HcMember) member = NULL;
  GtkWindow *dialog;

  save_screenshot (GTK_WIDGET (window), "headcount-empty.png");

  hc_window_connect_demo (window);
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, window, WAIT_SECONDS));
  /* The progress bar slides away first. */
  hc_gui_test_spin_for (500);
  save_screenshot (GTK_WIDGET (window), "headcount-members.png");

  hc_members_page_set_tab (page, HC_MEMBER_STATE_ACTIVE);
  save_screenshot (GTK_WIDGET (window), "headcount-members-active.png");

  hc_members_page_set_tab (page, HC_MEMBER_STATE_INVITED);
  hc_members_page_set_search_text (page, "no such person");
  save_screenshot (GTK_WIDGET (window), "headcount-no-results.png");
  hc_members_page_set_search_text (page, "");

  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  member = g_list_model_get_item (model, 0);
  dialog = hc_members_page_show_member (page, member);
  save_screenshot (GTK_WIDGET (dialog), "headcount-member-details.png");
  gtk_window_destroy (dialog);

  /* A test instance waiting for its first confirmation in the preview… */
  {
    g_autoptr (HcConfig) config = hc_config_new_default ();
    g_autoptr (GError) error = NULL;
    HcPlanDialog *preview;
    gint64 id;

    id = hc_store_add_connector (fixture->store, "Staging HR", HC_DEMO_CONNECTOR_KIND, "{}",
                                 config, TRUE, &error);
    g_assert_no_error (error);
    hc_window_reload (window);
    g_assert_true (hc_window_sync_connector (window, id, FALSE));
    g_assert_true (hc_gui_test_spin_until (preview_shown, NULL, WAIT_SECONDS));
    preview = find_preview ();
    save_screenshot (GTK_WIDGET (window), "headcount-sync-progress.png");
    save_screenshot (GTK_WIDGET (preview), "headcount-sync-confirmation.png");
    click_preview_button (preview, "preview.cancel");
    g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, window, WAIT_SECONDS));
  }

  /* … and a connector that fails. */
  {
    g_autoptr (HcConfig) config = hc_config_new_default ();
    g_autoptr (GError) error = NULL;
    gint64 id;

    id = hc_store_add_connector (fixture->store, "Payroll export", "file",
                                 "{\"path\": \"/nonexistent/payroll-export.json\"}",
                                 config, FALSE, &error);
    g_assert_no_error (error);
    g_assert_true (hc_window_sync_connector (window, id, FALSE));
    g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, window, WAIT_SECONDS));
  }

  hc_window_set_page (window, "connectors");
  /* The failed sync's bar slides away and the switcher follows the page
   * first: a shot before that catches them half way. */
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, window, WAIT_SECONDS));
  hc_gui_test_spin_for (2500);
  save_screenshot (GTK_WIDGET (window), "headcount-connectors.png");

  hc_window_set_page (window, "history");
  save_screenshot (GTK_WIDGET (window), "headcount-history.png");

  /* History at 600 px. */
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 720);
  hc_gui_test_spin_for (300);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 720);
  save_screenshot (GTK_WIDGET (window), "headcount-history-600.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  hc_gui_test_spin_for (300);

  /* Narrow: the view switcher moves to the bottom bar. */
  hc_window_set_page (window, "members");
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  hc_gui_test_spin_for (300);
  /* Again, now that the compact layout allows it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  save_screenshot (GTK_WIDGET (window), "headcount-narrow.png");

  /* The Invited tab, with its export button, fits a phone-sized window
   * once the compact layout is in. */
  g_assert_cmpint (hc_members_page_get_tab (page), ==, HC_MEMBER_STATE_INVITED);
  g_assert_true (hc_gui_test_spin_until (page_fits_phone, page, WAIT_SECONDS));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  hc_gui_test_spin_for (300);
  save_screenshot (GTK_WIDGET (window), "headcount-narrow-360.png");
}

static void
test_auto_tab (void)
{
  HcMembersPage *page = g_object_ref_sink (hc_members_page_new ());
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 3; i++)
    {
      HcMember *member = hc_member_new ();
      char email[32];

      g_snprintf (email, sizeof email, "person%u@example.com", i);
      hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, email);
      hc_member_set_state (member, HC_MEMBER_STATE_INVITED);
      g_ptr_array_add (members, member);
    }

  /* Everyone invited, nobody chose a tab: the Invited tab shows. */
  hc_members_page_set_members (page, members);
  g_assert_cmpint (hc_members_page_get_tab (page), ==, HC_MEMBER_STATE_INVITED);
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, 3);

  /* A chosen tab stays, empty or not. */
  hc_members_page_set_tab (page, HC_MEMBER_STATE_ACTIVE);
  hc_members_page_set_members (page, members);
  g_assert_cmpint (hc_members_page_get_tab (page), ==, HC_MEMBER_STATE_ACTIVE);
  g_assert_cmpuint (g_list_model_get_n_items (hc_members_page_get_model (page)), ==, 0);
  g_assert_cmpstr (hc_members_page_get_state_name (page), ==, "empty-tab");

  g_assert_finalize_object (page);
}

static void
test_no_store (void)
{
  HcWindow *window = hc_window_new (NULL, NULL);

  /* A workspace that cannot open is a page saying so, not a crash. */
  hc_window_show_error (window, "The disk is <full>");
  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (window), is_label_containing, "Could Not Open the Workspace"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (window), is_label_containing, "The disk is <full>"));
  /* Disabled: activating it does nothing (and does not crash). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run under xvfb-run");
}

/* A scheduled connector's card says when its next sync is; a manual one
 * does not. */
static void
test_card_next_sync (Fixture      *fixture,
                     gconstpointer data)
{
  GtkWidget *page = GTK_WIDGET (hc_window_get_connectors_page (fixture->window));
  g_autoptr (HcConnectorInfo) info = hc_store_get_connector (fixture->store, fixture->connector_id, NULL);
  g_autoptr (HcConfig) config = hc_config_copy (info->config);
  g_autoptr (GError) error = NULL;

  config->schedule = HC_SCHEDULE_MANUAL;
  g_assert_true (hc_store_set_connector_config (fixture->store, fixture->connector_id, config, &error));
  g_assert_no_error (error);
  g_assert_true (hc_store_set_connector_next_run (fixture->store, fixture->connector_id, 0, &error));
  g_assert_no_error (error);
  hc_window_reload (fixture->window);
  hc_gui_test_spin_for (100);
  hc_window_set_page (fixture->window, "connectors");
  g_assert_null (hc_gui_test_find_widget (page, is_label_containing, (gpointer) "next sync"));

  config->schedule = HC_SCHEDULE_6H;
  g_assert_true (hc_store_set_connector_config (fixture->store, fixture->connector_id, config, &error));
  g_assert_no_error (error);
  g_assert_true (hc_store_set_connector_next_run (fixture->store, fixture->connector_id,
                                                  g_get_real_time () + 3 * G_TIME_SPAN_HOUR + 60 * G_USEC_PER_SEC,
                                                  &error));
  g_assert_no_error (error);
  hc_window_reload (fixture->window);
  hc_gui_test_spin_for (100);
  g_assert_nonnull (hc_gui_test_find_widget (page, is_label_containing, (gpointer) "next sync in 3 hours"));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/gui/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* What AdwApplication loads by itself; these tests run without one. */
  {
    g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/io/github/headcount/Headcount/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/gui/members/tabs-and-counts", Fixture, NULL,
              seeded_setup, test_tabs_and_counts, fixture_teardown);
  g_test_add ("/gui/members/search", Fixture, NULL,
              seeded_setup, test_search, fixture_teardown);
  g_test_add ("/gui/members/hr-status", Fixture, NULL,
              seeded_setup, test_hr_status, fixture_teardown);
  g_test_add ("/gui/members/long-name", Fixture, NULL,
              seeded_setup, test_long_name_does_not_widen, fixture_teardown);
  g_test_add ("/gui/members/details", Fixture, NULL,
              seeded_setup, test_details_dialog, fixture_teardown);
  g_test_add ("/gui/window/actions", Fixture, NULL,
              seeded_setup, test_actions, fixture_teardown);
  g_test_add ("/gui/connectors/next-sync", Fixture, NULL,
              seeded_setup, test_card_next_sync, fixture_teardown);
  g_test_add ("/gui/window/sync-cancel", Fixture, NULL,
              seeded_setup, test_sync_cancel, fixture_teardown);
  g_test_add_func ("/gui/members/auto-tab", test_auto_tab);
  g_test_add_func ("/gui/window/no-store", test_no_store);
  g_test_add ("/gui/window/empty-workspace", Fixture, NULL,
              empty_setup, test_empty_workspace, fixture_teardown);
  g_test_add ("/gui/window/connect-demo", Fixture, NULL,
              empty_setup, test_connect_demo, fixture_teardown);
  g_test_add ("/gui/window/sync-confirmation", Fixture, NULL,
              seeded_setup, test_sync_confirmation, fixture_teardown);
  g_test_add ("/gui/window/screenshots", Fixture, NULL,
              empty_setup, test_screenshots, fixture_teardown);

  return g_test_run ();
}
