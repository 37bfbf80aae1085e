/* test-gui-preview.c — the preview of a sync in the real window, on a real
 * store with the demo connector: category counts, lists and search,
 * "Why?", the first-sync confirmation, Cancel and Apply, archives approved
 * one by one while the rest stay staged, an empty plan, the member
 * details' "Why?", and a 100,000-employee plan that builds rows for the
 * screen only
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-dialog-host.h"
#include "hc-gui-test.h"
#include "hc-member-dialog.h"
#include "hc-plan-dialog.h"
#include "hc-plan-item-row.h"
#include "hc-run-item.h"
#include "hc-window.h"

#define WAIT_SECONDS 30

/* A manual member the demo company's Inès Caron (E0002) matches by e-mail. */
#define MANUAL_EMAIL "Ines.Caron@lumen-demo.example"

typedef struct
{
  char     *data_dir;
  HcStore  *store;
  gint64    connector_id;
  HcWindow *window;
} Fixture;

/* Waiting on the main loop */

static gboolean
preview_shown (gpointer data)
{
  return hc_sync_flow_get_preview (hc_window_get_sync_flow (data)) != NULL;
}

static gboolean
explained (gpointer data)
{
  return !hc_explain_view_get_loading (data);
}

static gboolean
has_rows (gpointer data);

/* Widget tree helpers */

static guint
count_widgets (GtkWidget         *root,
               HcGuiTestPredicate predicate,
               gpointer           data)
{
  guint n = predicate (root, data) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, predicate, data);

  return n;
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
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_str_has_prefix (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) ?: "", "I _understand");
}

static gboolean
is_named (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
is_count_label (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "plan-count");
}

static gboolean
is_plan_row (GtkWidget *widget,
             gpointer   data)
{
  return HC_IS_PLAN_ITEM_ROW (widget) && hc_plan_item_row_get_entry (HC_PLAN_ITEM_ROW (widget)) != NULL &&
         gtk_widget_get_mapped (widget);
}

static gboolean
is_search_entry (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static gboolean
is_check_button (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

static gboolean
is_menu_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

static gboolean
is_any_plan_row (GtkWidget *widget,
                 gpointer   data)
{
  return HC_IS_PLAN_ITEM_ROW (widget);
}

static gboolean
is_list_view (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_LIST_VIEW (widget);
}

static gboolean
is_visible_label_containing (GtkWidget *widget,
                             gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
has_rows (gpointer data)
{
  return hc_gui_test_find_widget (data, is_plan_row, NULL) != NULL;
}

static GtkWidget *
get_button (HcPlanDialog *dialog,
            const char   *action)
{
  GtkWidget *button = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_button_for_action, (gpointer) action);

  g_assert_nonnull (button);

  return button;
}

/* A click: what the button's "clicked" does, if the user could click it. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Seeding */

static void
add_manual_member (Fixture    *fixture,
                   const char *first_name,
                   const char *last_name,
                   const char *email)
{
  g_autoptr (HcMember) member = hc_member_new ();
  g_autoptr (GError) error = NULL;

  hc_member_set_field (member, HC_MEMBER_FIELD_FIRST_NAME, first_name);
  hc_member_set_field (member, HC_MEMBER_FIELD_LAST_NAME, last_name);
  hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, email);
  hc_member_set_state (member, HC_MEMBER_STATE_ACTIVE);
  hc_member_set_has_access (member, TRUE);
  hc_store_add_member (fixture->store, member, &error);
  g_assert_no_error (error);
}

static void
setup (Fixture      *fixture,
       gconstpointer data)
{
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->data_dir = g_dir_make_tmp ("headcount-gui-preview-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);
  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);

  fixture->connector_id = hc_store_add_connector (fixture->store, HC_DEMO_CONNECTOR_NAME,
                                                  HC_DEMO_CONNECTOR_KIND, "{}", config, FALSE, &error);
  g_assert_no_error (error);

  /* Members made by hand before any sync: one the HR system matches by
   * e-mail (mixed case), one it does not know. */
  add_manual_member (fixture, "Inès", "Caron", MANUAL_EMAIL);
  add_manual_member (fixture, "Kim", "Contractor", "kim@contractor.example");

  fixture->window = hc_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
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

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static void
teardown (Fixture      *fixture,
          gconstpointer data)
{
  if (fixture->window != NULL)
    {
      HcWindow *window = fixture->window;

      /* The window, its flow and a preview still open must all go away. */
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &fixture->window);
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &fixture->window, WAIT_SECONDS));
    }

  g_clear_object (&fixture->store);
  remove_dir (fixture->data_dir);
  g_clear_pointer (&fixture->data_dir, g_free);
}

/* Helpers */

static HcPlanDialog *
start_preview (Fixture *fixture)
{
  HcSyncFlow *flow = hc_window_get_sync_flow (fixture->window);
  HcDialogHost *host = hc_dialog_host_find (GTK_WIDGET (fixture->window));
  g_autofree char *page = NULL;
  HcPlanDialog *preview;

  g_assert_true (hc_window_sync_connector (fixture->window, fixture->connector_id, FALSE));
  g_assert_true (hc_gui_test_spin_until (preview_shown, fixture->window, WAIT_SECONDS));

  /* In the window, in place of its content, which nothing reaches
   * meanwhile: the window's keyboard actions are off. */
  preview = hc_sync_flow_get_preview (flow);
  g_assert_true (HC_IS_PLAN_DIALOG (preview));
  g_assert_nonnull (host);
  g_assert_true (hc_dialog_host_get_dialog (host) == GTK_WIDGET (preview));
  g_assert_true (gtk_widget_get_root (GTK_WIDGET (preview)) == GTK_ROOT (fixture->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (preview)));
  g_assert_false (gtk_widget_get_mapped (hc_dialog_host_get_content (host)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), GTK_WIDGET (preview)));
  page = g_strdup (hc_window_get_page (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (preview), "win.show-page", "s",
                              g_str_equal (page, "history") ? "members" : "history");
  g_assert_cmpstr (hc_window_get_page (fixture->window), ==, page);

  return preview;
}

static guint
category_count (HcPlan        *plan,
                HcPlanCategory category)
{
  if (category == HC_PLAN_CATEGORY_WARNINGS)
    return hc_plan_get_warnings (plan)->len;
  if (category == HC_PLAN_CATEGORY_UPCOMING)
    return hc_plan_get_upcoming (plan)->len;
  if (category == HC_PLAN_CATEGORY_GROUPS)
    return hc_plan_get_group_plan (plan) != NULL ? hc_group_plan_get_changes (hc_plan_get_group_plan (plan))->len : 0;
  return hc_plan_count (plan, (HcPlanKind) category);
}

/* The count the sidebar row of @category shows. */
static guint
shown_count (HcPlanDialog  *dialog,
             HcPlanCategory category)
{
  GtkWidget *row = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named,
                                            (gpointer) hc_plan_category_to_string (category));
  GtkWidget *label;

  g_assert_nonnull (row);
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  label = hc_gui_test_find_widget (row, is_count_label, NULL);
  g_assert_nonnull (label);

  return (guint) g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (label)), NULL, 10);
}

static void
activate_sidebar_row (HcPlanDialog  *dialog,
                      HcPlanCategory category)
{
  GtkWidget *row = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named,
                                            (gpointer) hc_plan_category_to_string (category));
  GtkWidget *list = gtk_widget_get_parent (row);

  g_assert_true (GTK_IS_LIST_BOX (list));
  /* What a click or Enter on the row does. */
  gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
  g_signal_emit_by_name (list, "row-activated", row);
}

static HcMember *
find_member (GPtrArray  *members,
             const char *email)
{
  for (guint i = 0; i < members->len; i++)
    if (g_ascii_strcasecmp (hc_member_get_email (g_ptr_array_index (members, i)) ?: "", email) == 0)
      return g_ptr_array_index (members, i);

  return NULL;
}

static guint
count_state (GPtrArray    *members,
             HcMemberState state)
{
  guint n = 0;

  for (guint i = 0; i < members->len; i++)
    if (hc_member_get_state (g_ptr_array_index (members, i)) == state)
      n++;

  return n;
}

static gboolean
search_entry_filtered (gpointer data)
{
  return g_strcmp0 (hc_plan_dialog_get_state_name (data), "no-results") == 0;
}

/* Tests */

static void
test_first_sync (Fixture      *fixture,
                 gconstpointer data)
{
  GListModel *runs = hc_history_page_get_model (hc_window_get_history_page (fixture->window));
  guint before = hc_store_count_members (fixture->store, -1);
  g_autoptr (GPtrArray) members = NULL;
  g_autofree char *invites_text = NULL;
  HcPlanDialog *dialog;
  HcPlan *plan;
  GListModel *model;
  GtkWidget *apply, *check;
  guint invites, no_access;

  dialog = start_preview (fixture);
  plan = hc_plan_dialog_get_plan (dialog);
  g_assert_true (hc_plan_is_first_sync (plan));
  g_assert_cmpstr (hc_plan_dialog_get_title (dialog), ==, "Preview Sync of " HC_DEMO_CONNECTOR_NAME);

  /* Every category's count is the plan's; the demo company has some of
   * each the first sync can have. */
  for (HcPlanCategory c = 0; c < HC_PLAN_N_CATEGORIES; c++)
    g_assert_cmpuint (shown_count (dialog, c), ==, category_count (plan, c));
  invites = hc_plan_count (plan, HC_PLAN_INVITE);
  no_access = hc_plan_count (plan, HC_PLAN_CREATE_NO_ACCESS);
  g_assert_cmpuint (invites, >, 100);
  g_assert_cmpuint (no_access, >, 0);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_BECOME_MANAGED), ==, 1);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_SKIP), >, 0);
  g_assert_cmpuint (hc_plan_get_warnings (plan)->len, >, 0);
  /* without a pre-start limit the future hires are invited now: none waits */
  g_assert_cmpuint (hc_plan_get_upcoming (plan)->len, ==, 0);

  /* It opens on the first category with changes: the invitations. */
  model = hc_plan_dialog_get_model (dialog);
  g_assert_cmpint (hc_plan_dialog_get_category (dialog), ==, HC_PLAN_CATEGORY_INVITE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, invites);
  g_assert_cmpstr (hc_plan_dialog_get_state_name (dialog), ==, "list");

  /* A row per line on screen, not per invitation. */
  g_assert_true (hc_gui_test_spin_until (has_rows, dialog, WAIT_SECONDS));
  g_assert_cmpuint (count_widgets (GTK_WIDGET (dialog), is_plan_row, NULL), <, invites);

  /* Each category, chosen in the sidebar, lists exactly its people. */
  for (HcPlanCategory c = 0; c < HC_PLAN_N_CATEGORIES; c++)
    {
      activate_sidebar_row (dialog, c);
      g_assert_cmpint (hc_plan_dialog_get_category (dialog), ==, c);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, category_count (plan, c));
      g_assert_cmpstr (hc_plan_dialog_get_state_name (dialog), ==,
                       category_count (plan, c) > 0 ? "list" : "empty");
    }

  /* The matched manual member, and the reason of every skip. */
  activate_sidebar_row (dialog, HC_PLAN_CATEGORY_BECOME_MANAGED);
  {
    g_autoptr (HcPlanEntry) entry = g_list_model_get_item (model, 0);

    g_assert_cmpint (hc_plan_entry_get_item (entry)->match, ==, HC_PLAN_MATCH_EMAIL);
    g_assert_cmpstr (hc_plan_entry_get_item (entry)->employee_id, ==, "E0002");
  }
  activate_sidebar_row (dialog, HC_PLAN_CATEGORY_SKIP);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (HcPlanEntry) entry = g_list_model_get_item (model, i);

      g_assert_nonnull (hc_plan_entry_get_item (entry)->reason);
    }

  /* The search narrows the list: accents and case do not count… */
  activate_sidebar_row (dialog, HC_PLAN_CATEGORY_INVITE);
  hc_plan_dialog_set_search_text (dialog, "LEFEVRE");
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, invites);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (HcPlanEntry) entry = g_list_model_get_item (model, i);

      g_assert_nonnull (strstr (hc_plan_entry_get_search_text (entry), "lefevre"));
    }
  /* … an employee id finds one person … */
  hc_plan_dialog_set_search_text (dialog, "E0001");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  /* … and typing in the entry, nobody. */
  hc_plan_dialog_set_search_text (dialog, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, invites);
  {
    GtkWidget *entry = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_search_entry, NULL);

    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "nobody-has-this-name");
    g_assert_true (hc_gui_test_spin_until (search_entry_filtered, dialog, WAIT_SECONDS));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
    hc_plan_dialog_set_search_text (dialog, "");
  }

  /* "Why?" on a line: the filter clause, the match, the changes. */
  hc_plan_dialog_set_search_text (dialog, "E0001");
  g_assert_true (hc_gui_test_spin_until (has_rows, dialog, WAIT_SECONDS));
  {
    HcPlanItemRow *row = HC_PLAN_ITEM_ROW (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_plan_row, NULL));
    HcExplainView *view = hc_plan_item_row_get_explain_view (row);
    g_autofree char *text = NULL;

    hc_plan_item_row_show_explanation (row);
    g_assert_true (hc_gui_test_spin_until (explained, view, WAIT_SECONDS));
    text = hc_explain_view_dup_text (view);
    g_test_message ("Why? says:\n%s", text);
    g_assert_nonnull (strstr (text, "In scope"));
    g_assert_nonnull (strstr (text, "E0001"));
    g_assert_nonnull (strstr (text, "invites them"));
    g_assert_nonnull (strstr (text, "→"));
  }
  hc_plan_dialog_set_search_text (dialog, "");

  /* rules.md 12: Apply waits for a confirmation that names the number. */
  apply = get_button (dialog, "preview.apply");
  check = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_confirm_check, NULL);
  g_assert_true (hc_plan_dialog_get_needs_confirmation (dialog));
  g_assert_nonnull (check);
  g_assert_true (gtk_widget_get_visible (check));
  invites_text = g_strdup_printf (" %u ", invites);
  g_assert_nonnull (strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), invites_text));
  g_assert_false (gtk_widget_is_sensitive (apply));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (gtk_widget_is_sensitive (apply));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_false (gtk_widget_is_sensitive (apply));

  /* Cancel changes nothing; the history says cancelled. */
  {
    HcPlanDialog *closing = dialog;

    g_object_add_weak_pointer (G_OBJECT (closing), (gpointer *) &closing);
    click (get_button (dialog, "preview.cancel"));
    g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &closing, WAIT_SECONDS));
  }
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, before);
  g_assert_false (hc_store_connector_has_synced (fixture->store, fixture->connector_id));
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  {
    g_autoptr (HcRunItem) item = g_list_model_get_item (runs, 0);

    g_assert_cmpint (hc_run_item_get_run (item)->result, ==, HC_SYNC_RESULT_CANCELLED);
  }

  /* Again, confirmed and applied: the directory fills. */
  dialog = start_preview (fixture);
  apply = get_button (dialog, "preview.apply");
  check = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_confirm_check, NULL);
  g_assert_false (gtk_widget_is_sensitive (apply));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  click (apply);
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_null (hc_sync_flow_get_preview (hc_window_get_sync_flow (fixture->window)));

  g_assert_true (hc_store_connector_has_synced (fixture->store, fixture->connector_id));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, before + invites + no_access);
  g_assert_cmpuint (hc_store_count_members (fixture->store, HC_MEMBER_STATE_INVITED), ==, invites);
  members = hc_store_list_members (fixture->store, NULL);
  g_assert_cmpint (hc_member_get_hr_status (find_member (members, MANUAL_EMAIL)), ==, HC_HR_STATUS_MANAGED);
  g_assert_cmpint (hc_member_get_hr_status (find_member (members, "kim@contractor.example")), ==,
                   HC_HR_STATUS_MANUAL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 2);
  {
    g_autoptr (HcRunItem) item = g_list_model_get_item (runs, 0);

    g_assert_cmpint (hc_run_item_get_run (item)->result, ==, HC_SYNC_RESULT_SUCCESS);
    g_assert_cmpuint (hc_run_item_get_run (item)->counts[HC_PLAN_INVITE], ==, invites);
  }
}

/* The first sync with the inactive employees in scope, applied from the
 * preview: they become members that a later config can archive. */
static void
apply_first_sync_with_inactive (Fixture *fixture)
{
  g_autoptr (HcConnectorInfo) info = hc_store_get_connector (fixture->store, fixture->connector_id, NULL);
  g_autoptr (HcConfig) config = hc_config_copy (info->config);
  HcPlanDialog *dialog;

  config->statuses |= 1u << HC_EMPLOYEE_STATUS_INACTIVE;
  g_assert_true (hc_store_set_connector_config (fixture->store, fixture->connector_id, config, NULL));

  dialog = start_preview (fixture);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_confirm_check, NULL)),
                               TRUE);
  click (get_button (dialog, "preview.apply"));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_true (hc_store_connector_has_synced (fixture->store, fixture->connector_id));
}

static void
test_archives_staged (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GArray) staged = NULL;
  g_autofree char *archives_text = NULL;
  HcPlanDialog *dialog;
  HcPlan *plan;
  GListModel *model;
  GtkWidget *apply, *check;
  HcPlanItemRow *row;
  gint64 approved_id;
  guint archives, threshold;

  apply_first_sync_with_inactive (fixture);
  g_assert_cmpuint (hc_store_count_members (fixture->store, HC_MEMBER_STATE_ARCHIVED), ==, 0);

  /* The edited config: inactive employees leave the scope and are
   * archived, and the threshold is low. */
  info = hc_store_get_connector (fixture->store, fixture->connector_id, NULL);
  config = hc_config_copy (info->config);
  config->statuses &= ~(1u << HC_EMPLOYEE_STATUS_INACTIVE);
  config->archive_inactive = TRUE;
  config->safety_threshold_percent = 1;
  g_assert_true (hc_store_set_connector_config (fixture->store, fixture->connector_id, config, NULL));

  dialog = start_preview (fixture);
  plan = hc_plan_dialog_get_plan (dialog);
  archives = hc_plan_count (plan, HC_PLAN_ARCHIVE);
  threshold = hc_plan_get_archive_threshold (plan);
  g_assert_false (hc_plan_is_first_sync (plan));
  g_assert_cmpuint (archives, >, threshold);
  g_assert_cmpuint (shown_count (dialog, HC_PLAN_CATEGORY_ARCHIVE), ==, archives);
  /* Archives are the only change: the preview opens on them. */
  g_assert_cmpint (hc_plan_dialog_get_category (dialog), ==, HC_PLAN_CATEGORY_ARCHIVE);
  model = hc_plan_dialog_get_model (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, archives);

  /* More archives than the threshold: a confirmation naming them. */
  apply = get_button (dialog, "preview.apply");
  check = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_confirm_check, NULL);
  archives_text = g_strdup_printf (" %u ", archives);
  g_assert_true (hc_plan_dialog_get_needs_confirmation (dialog));
  g_assert_nonnull (strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), archives_text));
  g_assert_false (gtk_widget_is_sensitive (apply));
  g_assert_true (gtk_widget_has_css_class (apply, "destructive-action"));

  /* Stage All: nothing is archived, so nothing needs confirming. */
  click (get_button (dialog, "preview.stage-all-archives"));
  g_assert_cmpuint (hc_plan_count_staged (plan), ==, archives);
  g_assert_false (hc_plan_dialog_get_needs_confirmation (dialog));
  g_assert_false (gtk_widget_get_visible (check));
  g_assert_true (gtk_widget_is_sensitive (apply));
  g_assert_false (gtk_widget_has_css_class (apply, "destructive-action"));

  /* One approved by its own check button. */
  g_assert_true (hc_gui_test_spin_until (has_rows, dialog, WAIT_SECONDS));
  row = HC_PLAN_ITEM_ROW (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_plan_row, NULL));
  approved_id = hc_plan_entry_get_item (hc_plan_item_row_get_entry (row))->member_id;
  {
    GtkWidget *approve = hc_gui_test_find_widget (GTK_WIDGET (row), is_check_button, NULL);
    g_autofree char *staged_text = g_strdup_printf ("%u staged", archives - 1);

    g_assert_nonnull (approve);
    g_assert_true (gtk_widget_get_visible (approve));
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (approve)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (approve), TRUE);
    g_assert_true (hc_plan_is_archive_approved (plan, approved_id));
    g_assert_cmpuint (hc_plan_count_staged (plan), ==, archives - 1);
    /* The preview says how many stay staged. */
    g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_containing, staged_text));
  }
  g_assert_false (hc_plan_dialog_get_needs_confirmation (dialog));
  g_assert_true (gtk_widget_is_sensitive (apply));

  /* Approve All would need the confirmation again; Stage All and one
   * approval again leave it as it was. */
  click (get_button (dialog, "preview.approve-all-archives"));
  g_assert_cmpuint (hc_plan_count_staged (plan), ==, 0);
  g_assert_true (hc_plan_dialog_get_needs_confirmation (dialog));
  g_assert_false (gtk_widget_is_sensitive (apply));
  click (get_button (dialog, "preview.stage-all-archives"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "preview.approve-archive", "(xb)",
                                             approved_id, TRUE));
  g_assert_cmpuint (hc_plan_count_staged (plan), ==, archives - 1);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
                                                hc_gui_test_find_widget (GTK_WIDGET (row), is_check_button, NULL))));

  click (apply);
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));

  /* Exactly the approved one is archived; the rest stay staged, managed. */
  g_assert_cmpuint (hc_store_count_members (fixture->store, HC_MEMBER_STATE_ARCHIVED), ==, 1);
  members = hc_store_list_members (fixture->store, NULL);
  g_assert_cmpuint (count_state (members, HC_MEMBER_STATE_ARCHIVED), ==, 1);
  runs = hc_store_list_runs (fixture->store, fixture->connector_id, 1, NULL);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (((HcSyncRun *) g_ptr_array_index (runs, 0))->result, ==, HC_SYNC_RESULT_SUCCESS);
  g_assert_cmpuint (((HcSyncRun *) g_ptr_array_index (runs, 0))->counts[HC_PLAN_ARCHIVE], ==, 1);
  staged = hc_store_list_staged_archives (fixture->store, ((HcSyncRun *) g_ptr_array_index (runs, 0))->id, NULL);
  g_assert_cmpuint (staged->len, ==, archives - 1);
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      if (hc_member_get_id (member) == approved_id)
        g_assert_cmpint (hc_member_get_state (member), ==, HC_MEMBER_STATE_ARCHIVED);
    }
  for (guint i = 0; i < staged->len; i++)
    {
      g_autoptr (HcMember) member = hc_store_get_member (fixture->store, g_array_index (staged, gint64, i), NULL);

      g_assert_nonnull (member);
      g_assert_cmpint (g_array_index (staged, gint64, i), !=, approved_id);
      g_assert_cmpint (hc_member_get_state (member), !=, HC_MEMBER_STATE_ARCHIVED);
      g_assert_cmpint (hc_member_get_hr_status (member), ==, HC_HR_STATUS_MANAGED);
    }
}

static void
test_empty_plan (Fixture      *fixture,
                 gconstpointer data)
{
  GListModel *runs = hc_history_page_get_model (hc_window_get_history_page (fixture->window));
  HcPlanDialog *dialog;
  guint before;

  apply_first_sync_with_inactive (fixture);
  before = hc_store_count_members (fixture->store, -1);

  /* Nothing changed in the HR system: the preview says so, with OK. */
  dialog = start_preview (fixture);
  g_assert_true (hc_plan_is_empty (hc_plan_dialog_get_plan (dialog)));
  g_assert_cmpstr (hc_plan_dialog_get_state_name (dialog), ==, "nothing");
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_visible_label_containing, "Nothing to Change"));
  g_assert_false (hc_plan_dialog_get_needs_confirmation (dialog));
  g_assert_false (gtk_widget_get_visible (get_button (dialog, "preview.cancel")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (get_button (dialog, "preview.apply"))), ==, "_OK");
  /* The lists are still there to look at. */
  activate_sidebar_row (dialog, HC_PLAN_CATEGORY_UNCHANGED);
  g_assert_cmpuint (g_list_model_get_n_items (hc_plan_dialog_get_model (dialog)), ==,
                    hc_plan_count (hc_plan_dialog_get_plan (dialog), HC_PLAN_UNCHANGED));
  g_assert_cmpuint (hc_plan_count (hc_plan_dialog_get_plan (dialog), HC_PLAN_UNCHANGED), >, 0);

  click (get_button (dialog, "preview.apply"));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 2);
  {
    g_autoptr (HcRunItem) item = g_list_model_get_item (runs, 0);

    g_assert_cmpint (hc_run_item_get_run (item)->result, ==, HC_SYNC_RESULT_SUCCESS);
  }
}

static void
test_member_why (Fixture      *fixture,
                 gconstpointer data)
{
  HcMembersPage *page = hc_window_get_members_page (fixture->window);
  g_autoptr (GPtrArray) members = NULL;
  HcMember *member;
  GtkWindow *dialog;
  HcExplainView *view;
  g_autofree char *text = NULL;

  /* A member already managed by the connector, before this window fetched
   * anything: "Why?" names the connector and points at the preview. */
  {
    g_autoptr (HcMember) managed = hc_member_new ();

    hc_member_set_field (managed, HC_MEMBER_FIELD_FIRST_NAME, "Zoé");
    hc_member_set_field (managed, HC_MEMBER_FIELD_LAST_NAME, "Lefèvre");
    hc_member_set_field (managed, HC_MEMBER_FIELD_EMAIL, "zoe.lefevre@lumen-demo.example");
    hc_member_set_connector_id (managed, fixture->connector_id);
    hc_member_set_external_id (managed, "E0001");
    hc_member_set_hr_status (managed, HC_HR_STATUS_MANAGED);
    hc_member_set_has_access (managed, TRUE);
    g_assert_true (hc_store_add_member (fixture->store, managed, NULL));
  }
  hc_window_reload (fixture->window);
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));
  members = hc_store_list_members (fixture->store, NULL);
  member = find_member (members, "zoe.lefevre@lumen-demo.example");

  dialog = hc_members_page_show_member (page, member);
  view = hc_member_dialog_get_explain_view (HC_MEMBER_DIALOG (dialog));
  hc_member_dialog_show_explanation (HC_MEMBER_DIALOG (dialog));
  g_assert_false (hc_explain_view_get_loading (view));
  text = hc_explain_view_dup_text (view);
  g_assert_nonnull (strstr (text, "Managed by " HC_DEMO_CONNECTOR_NAME));
  g_assert_nonnull (strstr (text, "Preview a sync"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_button_for_action, "member.preview-sync"));
  g_clear_pointer (&text, g_free);
  gtk_window_destroy (dialog);

  /* A manual member: nothing to explain, no "Why?". */
  dialog = hc_members_page_show_member (page, find_member (members, "kim@contractor.example"));
  g_assert_false (gtk_widget_get_visible (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_menu_button, NULL)));
  gtk_window_destroy (dialog);

  /* After a sync of the connector in this window: the real explanation. */
  g_assert_true (hc_window_sync_connector (fixture->window, fixture->connector_id, TRUE));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_sync_idle_and_loaded, fixture->window, WAIT_SECONDS));
  g_assert_nonnull (hc_sync_flow_get_employees (hc_window_get_sync_flow (fixture->window),
                                                fixture->connector_id));

  dialog = hc_members_page_show_member (page, member);
  view = hc_member_dialog_get_explain_view (HC_MEMBER_DIALOG (dialog));
  hc_member_dialog_show_explanation (HC_MEMBER_DIALOG (dialog));
  g_assert_true (hc_gui_test_spin_until (explained, view, WAIT_SECONDS));
  text = hc_explain_view_dup_text (view);
  g_test_message ("Why? says:\n%s", text);
  g_assert_nonnull (strstr (text, "In scope"));
  g_assert_nonnull (strstr (text, "by employee id E0001"));
  gtk_window_destroy (dialog);
}

static gboolean
dialog_loaded (gpointer data)
{
  return !hc_plan_dialog_is_loading (data);
}

/* 100,000 employees, all new: the preview's list makes rows for what
 * shows, and its search stays on the model. */
static void
test_large_plan (void)
{
  g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcPlan) plan = NULL;
  HcPlanDialog *dialog;
  GListModel *model;
  guint rows;
  const guint n = 100000;

  for (guint i = 0; i < n; i++)
    {
      char id[16], email[48], last[24];
      HcEmployee *employee;

      g_snprintf (id, sizeof id, "P%06u", i);
      g_snprintf (email, sizeof email, "person%06u@example.com", i);
      g_snprintf (last, sizeof last, "Number %u", i);
      employee = hc_employee_new (id);
      hc_employee_set_field (employee, HC_FIELD_FIRST_NAME, "Person");
      hc_employee_set_field (employee, HC_FIELD_LAST_NAME, last);
      hc_employee_set_field (employee, HC_FIELD_EMAIL, email);
      g_ptr_array_add (employees, employee);
    }
  plan = hc_plan_compute (config, 1, employees, members, TRUE);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), ==, n);

  dialog = hc_plan_dialog_new (plan, "Large company", NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* 100,000 entries are made in a thread once the dialog is drawn (the
   * thread would slow its first frame down): not before */
  model = hc_plan_dialog_get_model (dialog);
  hc_gui_test_spin_for (300);
  g_assert_true (hc_plan_dialog_is_loading (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* then the list fills when they are made */
  hc_plan_dialog_present (dialog, NULL);
  g_assert_true (hc_plan_dialog_is_loading (dialog));
  g_assert_cmpstr (hc_plan_dialog_get_state_name (dialog), ==, "list");
  g_assert_true (hc_gui_test_spin_until (dialog_loaded, dialog, WAIT_SECONDS));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_true (hc_gui_test_spin_until (has_rows, dialog, WAIT_SECONDS));
  rows = count_widgets (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_list_view, NULL),
                        is_any_plan_row, NULL);
  g_test_message ("%u rows for %u invitations", rows, n);
  g_assert_cmpuint (rows, <, 500);

  hc_plan_dialog_set_search_text (dialog, "person099999");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  hc_plan_dialog_set_search_text (dialog, "number 9999");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 11);   /* 9999, 99990…99999 */
  hc_plan_dialog_set_search_text (dialog, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* Escape, closing: a cancel; the dialog goes away. */
  gtk_window_close (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (dialog))));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &dialog, WAIT_SECONDS));
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
      g_test_add_func ("/gui/preview/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  {
    g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/io/github/headcount/Headcount/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/gui/preview/first-sync", Fixture, NULL, setup, test_first_sync, teardown);
  g_test_add ("/gui/preview/archives-staged", Fixture, NULL, setup, test_archives_staged, teardown);
  g_test_add ("/gui/preview/empty-plan", Fixture, NULL, setup, test_empty_plan, teardown);
  g_test_add ("/gui/preview/member-why", Fixture, NULL, setup, test_member_why, teardown);
  g_test_add_func ("/gui/preview/large-plan", test_large_plan);

  return g_test_run ();
}
