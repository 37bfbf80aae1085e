/* test-gui-destinations.c — the Destinations in the window: the section's
 * cards (test instance, Basic authentication, a failed delivery), the
 * Attributes page storing each change and Reset to Defaults, and the
 * member table's Destination column (in sync, pending, error with the
 * service's detail and scimType), the preview's deliveries worked out
 * off the main thread
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-destination-column.h"
#include "hc-destination-mapping-dialog.h"
#include "hc-destination.h"
#include "hc-destinations-section.h"
#include "hc-gui-test.h"
#include "hc-plan-dialog.h"
#include "hc-scim-push.h"
#include "hc-scim-mapping.h"
#include "hc-test-fixtures.h"

typedef struct
{
  char    *dir;
  HcStore *store;
  gint64   platform_id;
  gint64   staging_id;
} Fixture;

static gint64
add_destination (Fixture    *f,
                 const char *name,
                 const char *basic_user,
                 gboolean    test_instance)
{
  g_autoptr (GError) error = NULL;
  HcDestination destination = { 0 };
  gint64 id;

  destination.name = (char *) name;
  destination.kind = (char *) "scim";
  destination.base_url = (char *) "https://scim.example.com/v2";
  destination.basic_user = (char *) basic_user;
  destination.test_instance = test_instance;
  id = hc_destination_add (f->store, &destination, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("headcount-gui-destinations-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = hc_store_new (path, &error);
  g_assert_no_error (error);
  f->platform_id = add_destination (f, "Platform", NULL, FALSE);
  f->staging_id = add_destination (f, "Staging", "svc-headcount", TRUE);
  g_assert_true (hc_destination_set_result (f->store, f->platform_id, "The service refused the token", 1, &error));
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_clear_object (&f->store);
  hc_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_label_exactly (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
is_named (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static guint
count_named (GtkWidget  *root,
             const char *name)
{
  guint n = is_named (root, (gpointer) name) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_named (child, name);
  return n;
}

/* A card per destination, by name: the test instance's badge, a failed
 * delivery in the service's words, and Attributes… and Test Connection on
 * each. */
static void
test_section (Fixture      *f,
              gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  HcDestinationsSection *section = hc_destinations_section_new ();

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (section));
  hc_destinations_section_set_store (section, f->store);
  gtk_window_present (GTK_WINDOW (window));
  hc_gui_test_spin_for (200);

  g_assert_nonnull (hc_gui_test_find_widget (window, is_label_exactly, "Platform"));
  g_assert_nonnull (hc_gui_test_find_widget (window, is_label_exactly, "Staging"));
  g_assert_nonnull (hc_gui_test_find_widget (window, is_label_with_text, "Test instance"));
  g_assert_nonnull (hc_gui_test_find_widget (window, is_label_with_text,
                                             "Last delivery failed: The service refused the token"));
  g_assert_null (hc_gui_test_find_widget (window, is_label_with_text, "None: the directory stays"));
  g_assert_cmpuint (count_named (window, "attributes"), ==, 2);
  g_assert_cmpuint (count_named (window, "test"), ==, 2);
  /* Edit…, Attributes… and Remove in each card's menu. */
  g_assert_cmpuint (count_named (window, "more"), ==, 2);
  g_assert_cmpuint (count_named (window, "edit"), ==, 2);
  g_assert_cmpuint (count_named (window, "remove"), ==, 2);

  /* Removed from the store: the section says there is none. */
  g_assert_true (hc_destination_remove (f->store, f->platform_id, NULL));
  g_assert_true (hc_destination_remove (f->store, f->staging_id, NULL));
  hc_destinations_section_reload (section);
  hc_gui_test_spin_for (100);
  g_assert_null (hc_gui_test_find_widget (window, is_label_exactly, "Platform"));
  g_assert_nonnull (hc_gui_test_find_widget (window, is_label_with_text, "None: the directory stays"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_combo_for (GtkWidget *widget,
              gpointer   data)
{
  return ADW_IS_COMBO_ROW (widget) && is_named (widget, data);
}

/* The index of @text in @row's choices, G_MAXUINT when it has none. */
static guint
find_choice (AdwComboRow *row,
             const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text))
      return i;
  return G_MAXUINT;
}

static HcDestination *
read_back (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  HcDestination *destination = hc_destination_find (f->store, "Platform", &error);

  g_assert_no_error (error);
  return destination;
}

/* Each attribute a drop-down in HR words with its API name; member fields,
 * the workspace's custom fields, "Not sent" where it may be left out; each
 * change stored at once; Reset to Defaults. */
static void
test_attributes (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (HcMember) member = hc_test_member ("1|E1|ana@example.com|Ana|Lima|active||0|Engineer");
  g_autoptr (HcDestination) platform = read_back (f);
  g_autoptr (HcDestination) stored = NULL;
  g_autoptr (GError) error = NULL;
  HcDestinationMappingDialog *dialog;
  AdwComboRow *title;
  AdwComboRow *department;
  AdwComboRow *user_name;
  GtkWidget *reset;

  hc_member_set_field (member, "custom.cost_center", "CC-1");
  g_assert_true (hc_store_add_member (f->store, member, &error));
  g_assert_no_error (error);

  dialog = hc_destination_mapping_dialog_new (NULL, f->store, platform);
  gtk_window_present (GTK_WINDOW (dialog));
  hc_gui_test_spin_for (200);

  title = ADW_COMBO_ROW (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_combo_for, "title"));
  department = ADW_COMBO_ROW (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_combo_for, "department"));
  user_name = ADW_COMBO_ROW (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_combo_for, "userName"));
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (title)), ==, "Job title");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (title)), ==, "title");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (department)), ==,
                   "department · enterprise extension");
  /* The defaults are selected. */
  g_assert_cmpuint (adw_combo_row_get_selected (title), ==, find_choice (title, "Job title"));
  g_assert_cmpuint (adw_combo_row_get_selected (user_name), ==, find_choice (user_name, "E-mail"));
  /* The custom field is offered; userName cannot be left out; active is
   * no drop-down. */
  g_assert_cmpuint (find_choice (title, "cost_center (custom field)"), !=, G_MAXUINT);
  g_assert_cmpuint (find_choice (title, "Not sent"), !=, G_MAXUINT);
  g_assert_cmpuint (find_choice (user_name, "Not sent"), ==, G_MAXUINT);
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_combo_for, "active"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named, "active"));

  adw_combo_row_set_selected (title, find_choice (title, "cost_center (custom field)"));
  adw_combo_row_set_selected (department, find_choice (department, "Not sent"));
  stored = read_back (f);
  g_assert_cmpstr (hc_scim_mapping_get (stored, "title"), ==, "custom.cost_center");
  g_assert_null (hc_scim_mapping_get (stored, "department"));
  g_assert_true (hc_scim_mapping_is_default (stored, "userName"));
  g_clear_pointer (&stored, hc_destination_free);

  /* Opened again, it shows what is stored. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = hc_destination_mapping_dialog_new (NULL, f->store, platform);
  gtk_window_present (GTK_WINDOW (dialog));
  hc_gui_test_spin_for (100);
  title = ADW_COMBO_ROW (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_combo_for, "title"));
  department = ADW_COMBO_ROW (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_combo_for, "department"));
  g_assert_cmpuint (adw_combo_row_get_selected (title), ==, find_choice (title, "cost_center (custom field)"));
  g_assert_cmpuint (adw_combo_row_get_selected (department), ==, find_choice (department, "Not sent"));

  reset = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named, "reset");
  g_assert_nonnull (reset);
  g_signal_emit_by_name (reset, "clicked");
  g_assert_cmpuint (adw_combo_row_get_selected (title), ==, find_choice (title, "Job title"));
  g_assert_cmpuint (adw_combo_row_get_selected (department), ==, find_choice (department, "Department"));
  stored = read_back (f);
  g_assert_true (hc_scim_mapping_is_default (stored, "title"));
  g_assert_true (hc_scim_mapping_is_default (stored, "department"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
is_cell (GtkWidget *widget,
         gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), data) &&
         gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW) != NULL;
}

static void
save_record (Fixture            *f,
             gint64              destination_id,
             gint64              member_id,
             HcDestinationStatus status,
             const char         *detail,
             const char         *scim_type)
{
  g_autoptr (GError) error = NULL;
  HcDestinationMember record = { 0 };

  record.destination_id = destination_id;
  record.member_id = member_id;
  record.scim_id = (char *) "scim-1";
  record.status = status;
  record.error = (char *) detail;
  record.scim_type = (char *) scim_type;
  g_assert_true (hc_destination_save_member (f->store, &record, &error));
  g_assert_no_error (error);
}

/* In sync, pending (nothing there yet), error (the worst destination
 * wins, with the service's detail and scimType), "—" for a member with no
 * e-mail. */
static void
test_column (Fixture      *f,
             gconstpointer data)
{
  static const char * const specs[] = {
    "1|E1|ana@example.com|Ana|Lima|active",
    "2|E2|ben@example.com|Ben|Okafor|invited",
    "3|E3|chloe@example.com|Chloe|Dubois|active",
    "4|E4||Dan|Moreau|active",
    NULL
  };
  g_autoptr (GPtrArray) members = hc_test_members (specs);
  GListStore *list = g_list_store_new (HC_TYPE_MEMBER);
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (list)))));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *error_cell;
  const char *tooltip;

  gint64 ids[4];

  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      hc_member_set_has_access (member, i < 3);
      g_assert_true (hc_store_add_member (f->store, member, NULL));
      ids[i] = hc_member_get_id (member);
      g_list_store_append (list, member);
    }
  save_record (f, f->platform_id, ids[0], HC_DESTINATION_IN_SYNC, NULL, NULL);
  save_record (f, f->staging_id, ids[0], HC_DESTINATION_IN_SYNC, NULL, NULL);
  save_record (f, f->platform_id, ids[2], HC_DESTINATION_IN_SYNC, NULL, NULL);
  save_record (f, f->staging_id, ids[2], HC_DESTINATION_ERROR, "Title is too long", "invalidValue");

  hc_destination_column_update (view, f->store);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 400);
  gtk_window_present (GTK_WINDOW (window));
  hc_gui_test_spin_for (300);

  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 1);
  g_assert_nonnull (hc_gui_test_find_widget (window, is_cell, "In sync"));
  g_assert_nonnull (hc_gui_test_find_widget (window, is_cell, "Pending"));
  g_assert_nonnull (hc_gui_test_find_widget (window, is_cell, "—"));
  error_cell = hc_gui_test_find_widget (window, is_cell, "Error");
  g_assert_nonnull (error_cell);
  g_assert_true (gtk_widget_has_css_class (error_cell, "error"));
  tooltip = gtk_widget_get_tooltip_text (error_cell);
  g_assert_nonnull (strstr (tooltip, "Platform: in sync"));
  g_assert_nonnull (strstr (tooltip, "Staging: error — Title is too long (invalidValue)"));

  /* No destination: no column. */
  g_assert_true (hc_destination_remove (f->store, f->platform_id, NULL));
  g_assert_true (hc_destination_remove (f->store, f->staging_id, NULL));
  hc_destination_column_update (view, f->store);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_row_for (GtkWidget *widget,
            gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data);
}

/* The preview's "Delivery to NAME": per destination, from the same data as
 * `sync --dry-run` (hc_scim_preview_deliveries()): the member the plan
 * invites and one not there yet created, the archived one deactivated, or
 * held on a test instance. */
static void
test_preview (Fixture      *f,
              gconstpointer data)
{
  static const char * const specs[] = {
    "0||ana@example.com|Ana|Lima|invited",
    "0|E2|ben@example.com|Ben|Okafor|archived",
    NULL
  };
  g_autoptr (GPtrArray) members = hc_test_members (specs);
  g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) deliveries = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  HcScimPushResult *platform;
  HcScimPushResult *staging;
  HcPlanDialog *dialog;
  HcEmployee *employee = hc_employee_new ("E9");
  GtkWidget *row;

  for (guint i = 0; i < members->len; i++)
    g_assert_true (hc_store_add_member (f->store, g_ptr_array_index (members, i), NULL));
  for (guint i = 0; i < 2; i++)
    {
      HcDestinationMember record = { 0 };

      record.destination_id = i == 0 ? f->platform_id : f->staging_id;
      record.member_id = hc_member_get_id (g_ptr_array_index (members, 1));
      record.scim_id = (char *) "scim-ben";
      record.status = HC_DESTINATION_IN_SYNC;
      record.sent = (char *) "{\"active\":true}";
      g_assert_true (hc_destination_save_member (f->store, &record, NULL));
    }
  hc_employee_set_field (employee, HC_FIELD_FIRST_NAME, "Zoé");
  hc_employee_set_field (employee, HC_FIELD_LAST_NAME, "Noir");
  hc_employee_set_field (employee, HC_FIELD_EMAIL, "zoe@example.com");
  g_ptr_array_add (employees, employee);
  plan = hc_plan_compute (config, 1, employees, members, TRUE);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), ==, 1);

  deliveries = hc_scim_preview_deliveries (f->store, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deliveries->len, ==, 2);
  platform = g_ptr_array_index (deliveries, 0);
  staging = g_ptr_array_index (deliveries, 1);
  g_assert_cmpstr (platform->destination, ==, "Platform");
  g_assert_cmpuint (platform->created, ==, 2);
  g_assert_cmpuint (platform->deactivated, ==, 1);
  g_assert_cmpuint (staging->held, ==, 1);
  g_assert_cmpuint (staging->deactivated, ==, 0);

  dialog = hc_plan_dialog_new (plan, "HR", NULL);
  hc_plan_dialog_set_deliveries (dialog, deliveries);
  hc_plan_dialog_present (dialog, NULL);
  hc_gui_test_spin_for (200);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named, "delivery-Platform"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named, "delivery-Staging"));

  hc_plan_dialog_show_delivery (dialog, "Platform");
  hc_gui_test_spin_for (200);
  g_assert_cmpstr (hc_plan_dialog_get_state_name (dialog), ==, "delivery");
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_exactly, "Delivery to Platform"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_with_text,
                                             "2 to create, 0 to update, 1 to deactivate, 0 held"));
  row = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_for, "Zoé Noir");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_widget_get_name (row), ==, "create");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "zoe@example.com");
  g_assert_cmpstr (gtk_widget_get_name (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_for, "Ana Lima")), ==,
                   "create");
  g_assert_cmpstr (gtk_widget_get_name (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_for, "Ben Okafor")), ==,
                   "deactivate");
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_exactly, "Deactivated there"));

  hc_plan_dialog_show_delivery (dialog, "Staging");
  hc_gui_test_spin_for (200);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_exactly, "Delivery to Staging"));
  g_assert_cmpstr (gtk_widget_get_name (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_for, "Ben Okafor")), ==,
                   "held");
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_exactly,
                                             "Deactivation held: test instance"));

  /* Back to a plan category: its list again. */
  hc_plan_dialog_set_category (dialog, HC_PLAN_CATEGORY_INVITE);
  hc_gui_test_spin_for (100);
  g_assert_cmpstr (hc_plan_dialog_get_state_name (dialog), ==, "list");
  hc_plan_dialog_dismiss (dialog);
}

static gboolean
widget_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
deliveries_loaded (gpointer data)
{
  return !hc_plan_dialog_get_deliveries_loading (data);
}

/* The deliveries are worked out in a worker thread: the preview opens and
 * answers while they are (the store held busy here, as a slow workspace
 * would), a spinner row says they are coming, then their rows replace it;
 * a preview closed meanwhile cancels them. */
static void
test_preview_async (Fixture      *f,
                    gconstpointer data)
{
  static const char * const specs[] = {
    "0||ana@example.com|Ana|Lima|invited",
    NULL
  };
  g_autoptr (GPtrArray) members = hc_test_members (specs);
  g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcPlan) plan = NULL;
  HcPlanDialog *dialog;
  gpointer watched;
  GtkWidget *pending;

  HcEmployee *employee = hc_employee_new ("E9");

  for (guint i = 0; i < members->len; i++)
    g_assert_true (hc_store_add_member (f->store, g_ptr_array_index (members, i), NULL));
  hc_employee_set_field (employee, HC_FIELD_FIRST_NAME, "Zoé");
  hc_employee_set_field (employee, HC_FIELD_LAST_NAME, "Noir");
  hc_employee_set_field (employee, HC_FIELD_EMAIL, "zoe@example.com");
  g_ptr_array_add (employees, employee);
  plan = hc_plan_compute (config, 1, employees, members, TRUE);

  /* Busy: the worker waits on the store. */
  hc_store_lock_database (f->store);
  dialog = hc_plan_dialog_new (plan, "HR", NULL);
  hc_plan_dialog_load_deliveries (dialog, f->store);
  hc_plan_dialog_present (dialog, NULL);
  g_assert_true (hc_plan_dialog_get_deliveries_loading (dialog));
  pending = hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named, "delivery-pending");
  g_assert_nonnull (pending);
  /* Shown once they take long enough to be noticed. */
  g_assert_true (hc_gui_test_spin_until (widget_shown, pending, 30));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_true (hc_plan_dialog_get_deliveries_loading (dialog));
  g_assert_false (gtk_list_box_row_get_selectable (GTK_LIST_BOX_ROW (pending)));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named, "delivery-Platform"));
  /* The plan is there meanwhile. */
  hc_plan_dialog_set_category (dialog, HC_PLAN_CATEGORY_INVITE);
  hc_gui_test_spin_for (100);
  g_assert_cmpstr (hc_plan_dialog_get_state_name (dialog), ==, "list");
  hc_store_unlock_database (f->store);

  /* Done: a row per destination in place of the spinner. */
  g_assert_true (hc_gui_test_spin_until (deliveries_loaded, dialog, 30));
  hc_gui_test_spin_for (100);
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named, "delivery-pending"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named, "delivery-Platform"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_named, "delivery-Staging"));
  hc_plan_dialog_show_delivery (dialog, "Platform");
  hc_gui_test_spin_for (200);
  g_assert_cmpstr (hc_plan_dialog_get_state_name (dialog), ==, "delivery");
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_for, "Ana Lima"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_row_for, "Zoé Noir"));
  hc_plan_dialog_dismiss (dialog);

  /* Closed before they are done: cancelled, and the window goes once the
   * worker lets go of it. */
  hc_store_lock_database (f->store);
  dialog = hc_plan_dialog_new (plan, "HR", NULL);
  hc_plan_dialog_load_deliveries (dialog, f->store);
  hc_plan_dialog_present (dialog, NULL);
  hc_gui_test_spin_for (100);
  watched = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &watched);
  hc_plan_dialog_dismiss (dialog);
  hc_store_unlock_database (f->store);
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &watched, 30));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/destinations/section", Fixture, NULL, fixture_setup, test_section, fixture_teardown);
  g_test_add ("/gui/destinations/attributes", Fixture, NULL, fixture_setup, test_attributes, fixture_teardown);
  g_test_add ("/gui/destinations/column", Fixture, NULL, fixture_setup, test_column, fixture_teardown);
  g_test_add ("/gui/destinations/preview", Fixture, NULL, fixture_setup, test_preview, fixture_teardown);
  g_test_add ("/gui/destinations/preview-async", Fixture, NULL, fixture_setup, test_preview_async,
              fixture_teardown);
  return g_test_run ();
}
