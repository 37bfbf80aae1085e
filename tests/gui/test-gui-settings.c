/* test-gui-settings.c — a connector's settings in the real window: the
 * employees read on open (loading, error, retry), a filter rule edited in
 * the real form widgets with the live count, include managers, Save and
 * Apply into the window's sync flow, validation, Cancel, the mapping, the
 * role of each position and the options
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-connector.h"
#include "hc-connector-settings.h"
#include "hc-group-plan.h"
#include "hc-gui-test.h"
#include "hc-mapping.h"
#include "hc-plan.h"
#include "hc-roles.h"
#include "hc-rule-row.h"
#include "hc-scope.h"
#include "hc-value-item.h"
#include "hc-values-chooser.h"
#include "hc-window.h"

#define WAIT_SECONDS 30

typedef struct
{
  char     *data_dir;
  HcStore  *store;
  gint64    connector_id;
  HcWindow *window;
} Fixture;

/* Waiting on the main loop */

static gboolean
sync_idle (gpointer data)
{
  return !hc_sync_flow_get_busy (hc_window_get_sync_flow (data));
}

/* Widget helpers */

/* A check button of the values chooser whose label starts with @data. */
static gboolean
is_value_check (GtkWidget *widget,
                gpointer   data)
{
  GtkWidget *label;

  if (!GTK_IS_CHECK_BUTTON (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  label = gtk_check_button_get_child (GTK_CHECK_BUTTON (widget));

  return GTK_IS_LABEL (label) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), data);
}

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_row_title_containing (GtkWidget *widget,
                         gpointer   data)
{
  const char *title;

  if (!ADW_IS_PREFERENCES_ROW (widget) || !gtk_widget_get_visible (widget))
    return FALSE;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

  return title != NULL && strstr (title, data) != NULL;
}

/* What a click does, without the pressed animation's delay. */
static void
click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
switch_is_on (gpointer data)
{
  return gtk_switch_get_active (data);
}

static gpointer
child (HcConnectorSettings *settings,
       const char          *name)
{
  gpointer object = hc_gui_test_template_child (GTK_WIDGET (settings), name);

  g_assert_nonnull (object);

  return object;
}

static HcConnectorSettings *
find_settings (void)
{
  return hc_gui_test_find_visible_toplevel (HC_TYPE_CONNECTOR_SETTINGS);
}

static gboolean
settings_shown (gpointer data)
{
  return find_settings () != NULL;
}

static gboolean
settings_in_state (gpointer data)
{
  HcConnectorSettings *settings = find_settings ();

  return settings != NULL && g_strcmp0 (hc_connector_settings_get_state (settings), data) == 0;
}

/* A visible window transient for the main one (the sync's confirmation),
 * or the preview in the main one. */
static gboolean
sync_dialog_or_idle (gpointer data)
{
  HcWindow *window = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (!hc_sync_flow_get_busy (hc_window_get_sync_flow (window)) ||
      hc_sync_flow_get_preview (hc_window_get_sync_flow (window)) != NULL)
    return TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) other = g_list_model_get_item (toplevels, i);

      if (other != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (other)) &&
          gtk_window_get_transient_for (other) == GTK_WINDOW (window))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GtkLabel   *label;
  const char *text;
} LabelWait;

static gboolean
label_is (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (gtk_label_get_text (wait->label), wait->text) == 0;
}

static void
assert_count_label (HcConnectorSettings *settings,
                    guint                expected)
{
  GPtrArray *employees = hc_connector_settings_get_employees (settings);
  g_autofree char *text = g_strdup_printf ("%u of %u employees in scope", expected, employees->len);
  LabelWait wait = { child (settings, "count_label"), text };

  /* The count is idle-coalesced: it follows within a few iterations. */
  if (!hc_gui_test_spin_until (label_is, &wait, WAIT_SECONDS))
    g_error ("The count says “%s”, not “%s”", gtk_label_get_text (wait.label), text);
  g_assert_cmpuint (hc_connector_settings_get_in_scope (settings), ==, expected);
}

/* Screenshots for people to look at in $HC_SCREENSHOT_DIR (default: the
 * build dir), and a check that something is drawn. */

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

  /* Laid out and drawn once; on a busy machine that takes a while. */
  hc_gui_test_spin_for (300);
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

/* Fixture */

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (path, name, NULL);

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR))
        remove_dir (child_path);
      else
        g_unlink (child_path);
    }

  g_rmdir (path);
}

static gint64
add_connector (Fixture    *fixture,
               const char *name,
               const char *kind,
               const char *settings,
               gboolean    test_instance)
{
  g_autoptr (HcConfig) config = hc_config_new_for_kind (kind);
  g_autoptr (GError) error = NULL;
  gint64 id;

  id = hc_store_add_connector (fixture->store, name, kind, settings, config, test_instance, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->data_dir = g_dir_make_tmp ("headcount-settings-XXXXXX", &error);
  g_assert_no_error (error);
  path = hc_store_build_path (fixture->data_dir, "test", &error);
  g_assert_no_error (error);
  fixture->store = hc_store_new (path, &error);
  g_assert_no_error (error);

  /* The demo company needs no secret. */
  fixture->connector_id = add_connector (fixture, HC_DEMO_CONNECTOR_NAME, HC_DEMO_CONNECTOR_KIND,
                                         "{}", FALSE);

  fixture->window = hc_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  hc_window_set_page (fixture->window, "connectors");
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_members_loaded, fixture->window, WAIT_SECONDS));
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  HcConnectorSettings *settings = find_settings ();

  if (settings != NULL)
    gtk_window_destroy (GTK_WINDOW (settings));

  if (fixture->window != NULL)
    {
      HcWindow *window = fixture->window;

      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &fixture->window);
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &fixture->window, WAIT_SECONDS));
    }

  g_clear_object (&fixture->store);
  remove_dir (fixture->data_dir);
  g_clear_pointer (&fixture->data_dir, g_free);
}

/* Opens the settings of @id the way the card's menu does, and waits for
 * the employees. */
static HcConnectorSettings *
open_settings (Fixture    *fixture,
               gint64      id,
               const char *state)
{
  HcConnectorSettings *settings;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.connector-settings",
                                             "x", id));
  g_assert_true (hc_gui_test_spin_until (settings_shown, NULL, WAIT_SECONDS));
  settings = find_settings ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (settings)) == GTK_WINDOW (fixture->window));
  g_assert_cmpint (hc_connector_settings_get_connector_id (settings), ==, id);
  g_assert_true (hc_gui_test_spin_until (settings_in_state, (gpointer) state, WAIT_SECONDS));

  return settings;
}

/* The settings window close themselves, at once or later: watch first. */
static gpointer watched;

static void
watch (HcConnectorSettings *settings)
{
  g_assert_null (watched);
  watched = settings;
  g_object_add_weak_pointer (G_OBJECT (settings), &watched);
}

static void
wait_closed (void)
{
  g_assert_true (hc_gui_test_spin_until (hc_gui_test_pointer_cleared, &watched, WAIT_SECONDS));
}

/* "Discard Changes?" over the settings. */
static gboolean
discard_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (dialog), "Discard Changes?") == 0;
}

static HcConfig *
stored_config (Fixture *fixture,
               gint64   id)
{
  g_autoptr (HcConnectorInfo) info = hc_store_get_connector (fixture->store, id, NULL);

  g_assert_nonnull (info);

  return hc_config_copy (info->config);
}

static gboolean
is_list_box (GtkWidget *widget,
             gpointer   data)
{
  return GTK_IS_LIST_BOX (widget);
}

static gboolean
is_button_tipped (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static HcRuleRow *
last_rule_row (HcConnectorSettings *settings)
{
  GtkWidget *box = hc_gui_test_find_widget (GTK_WIDGET (child (settings, "rules_group")), is_list_box, NULL);
  GtkWidget *found = NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (box); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (HC_IS_RULE_ROW (row))
      found = row;

  return found != NULL ? HC_RULE_ROW (found) : NULL;
}

static guint
count_rule_rows (HcConnectorSettings *settings)
{
  GtkWidget *box = hc_gui_test_find_widget (GTK_WIDGET (child (settings, "rules_group")), is_list_box, NULL);
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (box); row != NULL; row = gtk_widget_get_next_sibling (row))
    n += HC_IS_RULE_ROW (row);

  return n;
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* The same, but not a dim subtitle. */
static gboolean
is_title_with_text (GtkWidget *widget,
                    gpointer   text)
{
  return is_label_with_text (widget, text) && !gtk_widget_has_css_class (widget, "dim-label");
}

static void
choose_field (HcRuleRow  *row,
              const char *field)
{
  GtkDropDown *dropdown = hc_rule_row_get_field_dropdown (row);
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), field))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_error ("No field %s in the rule's chooser", field);
}

typedef struct
{
  GtkWidget  *root;
  const char *prefix;
} ValueWait;

static gboolean
value_check_shown (gpointer data)
{
  ValueWait *wait = data;

  return hc_gui_test_find_widget (wait->root, is_value_check, (gpointer) wait->prefix) != NULL;
}

/* Opens the rule's values chooser and clicks the value's check button. */
static void
click_value (HcRuleRow  *row,
             const char *value)
{
  HcValuesChooser *chooser = hc_rule_row_get_chooser (row);
  g_autofree char *prefix = g_strdup_printf ("%s (", value);
  ValueWait wait = { GTK_WIDGET (chooser), prefix };
  GtkWidget *check;
  gboolean was;

  gtk_menu_button_popup (hc_rule_row_get_values_button (row));
  g_assert_true (hc_gui_test_spin_until (value_check_shown, &wait, WAIT_SECONDS));
  check = hc_gui_test_find_widget (GTK_WIDGET (chooser), is_value_check, prefix);
  was = gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
  gtk_widget_activate (check);
  g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)), !=, was);
}

/* What a count of HR data says, independently of the form. */
static guint
count_with_office (GPtrArray  *employees,
                   const char *office,
                   gboolean    managers)
{
  g_autoptr (HcConfig) config = hc_config_new_for_kind (HC_DEMO_CONNECTOR_KIND);
  const char *values[] = { office, NULL };

  config->scope_mode = HC_SCOPE_MODE_CUSTOM;
  config->include_managers = managers;
  hc_config_add_rule (config, HC_FIELD_OFFICE, values);

  return hc_scope_count_in_scope (config, employees, NULL);
}

/* Tests */

static void
test_filter_count_apply (Fixture      *fixture,
                         gconstpointer data)
{
  HcConnectorSettings *settings = open_settings (fixture, fixture->connector_id, "content");
  g_autoptr (GPtrArray) employees = g_ptr_array_ref (hc_connector_settings_get_employees (settings));
  g_autoptr (HcConfig) before = stored_config (fixture, fixture->connector_id);
  g_autoptr (HcConfig) after = NULL;
  g_autoptr (HcPlan) all_plan = NULL;
  g_autoptr (HcPlan) paris_plan = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  HcSyncFlow *flow = hc_window_get_sync_flow (fixture->window);
  GtkWidget *managers_row = child (settings, "managers_row");
  guint all_count, paris, paris_and_managers;
  HcScopeRule *rule;
  HcSyncRun *run;
  HcRuleRow *row;

  /* The demo company is read: 300 employees, all in scope but the
   * inactive and the excluded. */
  g_assert_cmpuint (employees->len, ==, 300);
  all_count = hc_scope_count_in_scope (before, employees, NULL);
  g_assert_cmpuint (all_count, <, employees->len);
  assert_count_label (settings, all_count);
  /* Include managers means nothing without a filter, and says so. */
  g_assert_false (gtk_widget_get_sensitive (managers_row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (managers_row)), "Only with a custom filter"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (child (settings, "rules_group"))));

  /* Custom filter, one rule: office ∈ {Paris}. */
  gtk_widget_activate (GTK_WIDGET (child (settings, "custom_row")));
  g_assert_true (gtk_check_button_get_active (child (settings, "custom_check")));
  g_assert_true (gtk_widget_get_sensitive (managers_row));
  g_assert_cmpuint (count_rule_rows (settings), ==, 0);
  click (child (settings, "add_rule_button"));
  g_assert_cmpuint (count_rule_rows (settings), ==, 1);
  row = last_rule_row (settings);
  /* A new rule starts on the office, the usual choice. */
  g_assert_cmpstr (hc_rule_row_get_field (row), ==, HC_FIELD_OFFICE);
  /* The chooser says the field's label; the API name is in its tooltip
   * (and below each label in its list). */
  hc_gui_test_spin_for (50);
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (hc_rule_row_get_field_dropdown (row)),
                                             is_title_with_text, (gpointer) "Office"));
  g_assert_null (hc_gui_test_find_widget (GTK_WIDGET (hc_rule_row_get_field_dropdown (row)),
                                          is_title_with_text, (gpointer) HC_FIELD_OFFICE));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (hc_rule_row_get_field_dropdown (row))), ==,
                   "Office (office)");
  choose_field (row, HC_FIELD_DEPARTMENT);
  g_assert_cmpstr (hc_rule_row_get_field (row), ==, HC_FIELD_DEPARTMENT);
  choose_field (row, HC_FIELD_OFFICE);

  /* The values come from the HR data, with their counts. */
  {
    GListModel *model = hc_values_chooser_get_model (hc_rule_row_get_chooser (row));
    g_autoptr (HcValueItem) top = g_list_model_get_item (model, 0);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
    g_assert_cmpstr (hc_value_item_get_label (top), ==, "Paris (120)");
    hc_values_chooser_set_search_text (hc_rule_row_get_chooser (row), "lyo");
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    hc_values_chooser_set_search_text (hc_rule_row_get_chooser (row), "");
  }
  click_value (row, "Paris");
  save_screenshot (GTK_WIDGET (hc_rule_row_get_chooser (row)), "settings-values.png");
  gtk_popover_popdown (GTK_POPOVER (hc_rule_row_get_chooser (row)));
  {
    g_auto (GStrv) values = hc_rule_row_dup_values (row);

    g_assert_cmpuint (g_strv_length (values), ==, 1);
    g_assert_cmpstr (values[0], ==, "Paris");
  }

  /* The live count is what the scope says, and smaller. */
  paris = count_with_office (employees, "Paris", FALSE);
  {
    g_autoptr (HcConfig) form = hc_connector_settings_dup_config (settings);

    g_assert_cmpuint (hc_scope_count_in_scope (form, employees, NULL), ==, paris);
  }
  assert_count_label (settings, paris);
  g_assert_cmpuint (paris, >, 0);
  g_assert_cmpuint (paris, <, all_count);

  /* Managers of the Paris office's people come in too. */
  gtk_widget_activate (managers_row);
  /* The switch moves when its animation ends. */
  g_assert_true (hc_gui_test_spin_until (switch_is_on, child (settings, "managers_switch"), WAIT_SECONDS));
  paris_and_managers = count_with_office (employees, "Paris", TRUE);
  g_assert_cmpuint (paris_and_managers, >, paris);
  assert_count_label (settings, paris_and_managers);
  save_screenshot (GTK_WIDGET (settings), "settings-employees.png");

  /* Save and Apply: stored, closed, and the sync of this connector runs. */
  g_assert_false (hc_sync_flow_get_busy (flow));
  watch (settings);
  click (child (settings, "save_apply_button"));
  wait_closed ();
  g_assert_null (find_settings ());

  after = stored_config (fixture, fixture->connector_id);
  g_assert_cmpint (after->scope_mode, ==, HC_SCOPE_MODE_CUSTOM);
  g_assert_true (after->include_managers);
  g_assert_cmpuint (after->rules->len, ==, 1);
  rule = g_ptr_array_index (after->rules, 0);
  g_assert_cmpstr (rule->field, ==, HC_FIELD_OFFICE);
  g_assert_cmpuint (rule->values->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rule->values, 0), ==, "Paris");
  /* Nothing else changed. */
  g_assert_cmpuint (after->mapping->len, ==, before->mapping->len);
  g_assert_cmpstr (after->exclude_field, ==, before->exclude_field);

  g_assert_true (hc_sync_flow_get_busy (flow));
  g_assert_cmpint (hc_sync_flow_get_connector_id (flow), ==, fixture->connector_id);
  /* Every manual sync is previewed; declining records the plan's counts. */
  g_assert_true (hc_gui_test_spin_until (sync_dialog_or_idle, fixture->window, WAIT_SECONDS));
  /* The sync waits on its preview: nothing is applied before the admin says so. */
  g_assert_true (hc_sync_flow_get_busy (flow));
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 0);
  hc_sync_flow_cancel (flow);
  g_assert_true (hc_gui_test_spin_until (sync_idle, fixture->window, WAIT_SECONDS));
  hc_gui_test_spin_for (100);
  g_assert_cmpuint (hc_store_count_members (fixture->store, -1), ==, 0);

  runs = hc_store_list_runs (fixture->store, fixture->connector_id, 1, NULL);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);

  members = hc_store_list_members (fixture->store, NULL);
  all_plan = hc_plan_compute (before, fixture->connector_id, employees, members, TRUE);
  paris_plan = hc_plan_compute (after, fixture->connector_id, employees, members, TRUE);
  /* The flow's plan is the Paris one, and it invites fewer people. */
  g_assert_cmpuint (run->counts[HC_PLAN_INVITE], ==, hc_plan_count (paris_plan, HC_PLAN_INVITE));
  g_assert_cmpuint (run->counts[HC_PLAN_SKIP], ==, hc_plan_count (paris_plan, HC_PLAN_SKIP));
  g_assert_cmpuint (run->counts[HC_PLAN_INVITE], <, hc_plan_count (all_plan, HC_PLAN_INVITE));
  g_assert_cmpuint (run->counts[HC_PLAN_SKIP], >, hc_plan_count (all_plan, HC_PLAN_SKIP));
}

static void
test_cancel (Fixture      *fixture,
             gconstpointer data)
{
  HcConnectorSettings *settings = open_settings (fixture, fixture->connector_id, "content");
  g_autoptr (HcConfig) before = stored_config (fixture, fixture->connector_id);
  g_autoptr (HcConfig) after = NULL;

  gtk_widget_activate (GTK_WIDGET (child (settings, "custom_row")));
  click (child (settings, "add_rule_button"));
  click_value (last_rule_row (settings), "Lyon");
  gtk_popover_popdown (GTK_POPOVER (hc_rule_row_get_chooser (last_rule_row (settings))));
  adw_view_stack_set_visible_child_name (child (settings, "view_stack"), "options");
  gtk_widget_activate (GTK_WIDGET (child (settings, "archive_row")));
  g_assert_true (hc_gui_test_spin_until (switch_is_on, child (settings, "archive_switch"), WAIT_SECONDS));

  /* Escape is Cancel, and asks before it throws the edits away: Keep
   * Editing keeps the window, Discard closes it, nothing stored, no sync. */
  watch (settings);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (settings), "window.close", NULL));
  g_assert_true (hc_gui_test_spin_until (discard_dialog_shown, NULL, WAIT_SECONDS));
  adw_message_dialog_response (hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG), "cancel");
  hc_gui_test_spin_for (200);
  g_assert_nonnull (watched);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (settings)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (settings), "window.close", NULL));
  g_assert_true (hc_gui_test_spin_until (discard_dialog_shown, NULL, WAIT_SECONDS));
  adw_message_dialog_response (hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG), "discard");
  wait_closed ();
  after = stored_config (fixture, fixture->connector_id);
  g_assert_true (hc_config_equal (before, after));
  g_assert_false (hc_sync_flow_get_busy (hc_window_get_sync_flow (fixture->window)));
}

static void
test_validation (Fixture      *fixture,
                 gconstpointer data)
{
  HcConnectorSettings *settings = open_settings (fixture, fixture->connector_id, "content");
  g_autoptr (HcConfig) before = stored_config (fixture, fixture->connector_id);
  g_autoptr (HcConfig) after = NULL;
  GtkRevealer *revealer = child (settings, "error_revealer");
  HcRuleRow *row;

  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* A custom filter without a rule. */
  gtk_widget_activate (GTK_WIDGET (child (settings, "custom_row")));
  click (child (settings, "save_button"));
  g_assert_nonnull (hc_connector_settings_get_error (settings));
  g_assert_nonnull (strstr (hc_connector_settings_get_error (settings), "needs at least one rule"));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));

  /* A rule without a value, named by its number and field. */
  click (child (settings, "add_rule_button"));
  /* Editing clears the message. */
  g_assert_null (hc_connector_settings_get_error (settings));
  row = last_rule_row (settings);
  click (child (settings, "save_apply_button"));
  g_assert_cmpstr (hc_connector_settings_get_error (settings), ==,
                   "Rule 1 (office) has no value: choose at least one, or remove the rule.");
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  save_screenshot (GTK_WIDGET (settings), "settings-validation.png");

  /* No status at all. */
  click_value (row, "Berlin");
  gtk_popover_popdown (GTK_POPOVER (hc_rule_row_get_chooser (row)));
  g_assert_null (hc_connector_settings_get_error (settings));
  gtk_check_button_set_active (child (settings, "active_check"), FALSE);
  gtk_check_button_set_active (child (settings, "onboarding_check"), FALSE);
  gtk_check_button_set_active (child (settings, "leave_check"), FALSE);
  assert_count_label (settings, 0);
  click (child (settings, "save_button"));
  g_assert_nonnull (strstr (hc_connector_settings_get_error (settings), "No status is in scope"));

  /* Nothing was stored, and the window stays for a fix. */
  g_assert_nonnull (find_settings ());
  after = stored_config (fixture, fixture->connector_id);
  g_assert_true (hc_config_equal (before, after));
  g_assert_false (hc_sync_flow_get_busy (hc_window_get_sync_flow (fixture->window)));

  /* Removing the rule and choosing All: saved. */
  gtk_check_button_set_active (child (settings, "active_check"), TRUE);
  gtk_check_button_set_active (child (settings, "onboarding_check"), TRUE);
  gtk_check_button_set_active (child (settings, "leave_check"), TRUE);
  click (hc_gui_test_find_widget (GTK_WIDGET (row), is_button_tipped, "Remove Rule"));
  g_assert_cmpuint (count_rule_rows (settings), ==, 0);
  gtk_widget_activate (GTK_WIDGET (child (settings, "all_row")));
  watch (settings);
  click (child (settings, "save_button"));
  wait_closed ();
  g_clear_pointer (&after, hc_config_free);
  after = stored_config (fixture, fixture->connector_id);
  g_assert_true (hc_config_equal (before, after));
  /* Save alone does not sync. */
  g_assert_false (hc_sync_flow_get_busy (hc_window_get_sync_flow (fixture->window)));
}

static void
test_fields (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr (HcConfig) config = stored_config (fixture, fixture->connector_id);
  g_autoptr (HcConfig) after = NULL;
  g_autoptr (GError) error = NULL;
  HcConnectorSettings *settings;
  GtkWidget *row;
  AdwComboRow *cost_row;
  GListModel *model;
  guint position = GTK_INVALID_LIST_POSITION;

  /* A template brought a line for a field this HR system does not have. */
  hc_config_set_mapping (config, "custom.badge", "badge_number");
  g_assert_true (hc_store_set_connector_config (fixture->store, fixture->connector_id, config, &error));
  g_assert_no_error (error);

  settings = open_settings (fixture, fixture->connector_id, "content");
  adw_view_stack_set_visible_child_name (child (settings, "view_stack"), "fields");

  /* Every member field, with examples from the records. */
  row = hc_gui_test_find_widget (GTK_WIDGET (child (settings, "mapping_group")), is_row_titled, "First name");
  g_assert_nonnull (row);
  /* The HR field by its label on the chooser, its API name in the subtitle. */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "first_name — For example: "));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Zoé"));
  {
    GValue shown = G_VALUE_INIT;

    g_assert_true (gtk_expression_evaluate (adw_combo_row_get_expression (ADW_COMBO_ROW (row)),
                                            adw_combo_row_get_selected_item (ADW_COMBO_ROW (row)), &shown));
    g_assert_cmpstr (g_value_get_string (&shown), ==, "First name");
    g_value_unset (&shown);
  }
  row = hc_gui_test_find_widget (GTK_WIDGET (child (settings, "mapping_group")), is_row_titled, "Start date");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "hire_date — "));
  {
    GValue shown = G_VALUE_INIT;

    g_assert_true (gtk_expression_evaluate (adw_combo_row_get_expression (ADW_COMBO_ROW (row)),
                                            adw_combo_row_get_selected_item (ADW_COMBO_ROW (row)), &shown));
    g_assert_cmpstr (g_value_get_string (&shown), ==, "Hire date");
    g_value_unset (&shown);
  }
  row = hc_gui_test_find_widget (GTK_WIDGET (child (settings, "mapping_group")), is_row_titled, "Manager");
  g_assert_nonnull (row);
  /* A manager is shown by name. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "(E0"));

  /* The missing field is reported, by its name. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (settings, "missing_group"))));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (child (settings, "missing_group")),
                                             is_row_title_containing, "badge_number"));
  save_screenshot (GTK_WIDGET (settings), "settings-fields.png");

  /* Save and Apply would stop in the sync: it says so instead. */
  click (child (settings, "save_apply_button"));
  g_assert_nonnull (strstr (hc_connector_settings_get_error (settings), "badge_number"));
  g_assert_nonnull (find_settings ());

  /* Remove that line; add custom.cost_center, from the field of that name. */
  row = hc_gui_test_find_widget (GTK_WIDGET (child (settings, "custom_group")), is_row_titled, "badge (custom field)");
  g_assert_nonnull (row);
  click (hc_gui_test_find_widget (row, is_button_tipped, "Remove Custom Field"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (settings, "missing_group"))));

  gtk_editable_set_text (GTK_EDITABLE (child (settings, "custom_entry")), "not a name!");
  g_signal_emit_by_name (child (settings, "custom_entry"), "apply");
  g_assert_nonnull (strstr (hc_connector_settings_get_error (settings), "cannot name a custom field"));
  gtk_editable_set_text (GTK_EDITABLE (child (settings, "custom_entry")), "cost_center");
  g_signal_emit_by_name (child (settings, "custom_entry"), "apply");
  cost_row = ADW_COMBO_ROW (hc_gui_test_find_widget (GTK_WIDGET (child (settings, "custom_group")),
                                                     is_row_titled, "cost_center (custom field)"));
  g_assert_nonnull (cost_row);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (cost_row)), ==, "cost_center");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (cost_row)), "CC-"));
  save_screenshot (GTK_WIDGET (settings), "settings-fields-custom.png");

  /* The job title from another field. */
  row = hc_gui_test_find_widget (GTK_WIDGET (child (settings, "mapping_group")), is_row_titled, "Job title");
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), "employment_type"))
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "full_time"));

  watch (settings);
  click (child (settings, "save_button"));
  wait_closed ();

  after = stored_config (fixture, fixture->connector_id);
  g_assert_cmpstr (hc_mapping_get_source (after, "custom.cost_center"), ==, "cost_center");
  g_assert_null (hc_mapping_get_source (after, "custom.badge"));
  g_assert_cmpstr (hc_mapping_get_source (after, HC_MEMBER_FIELD_TITLE), ==, "employment_type");
  g_assert_cmpstr (hc_mapping_get_source (after, HC_MEMBER_FIELD_EMAIL), ==,
                   hc_mapping_get_source (config, HC_MEMBER_FIELD_EMAIL));
}

static void
test_options (Fixture      *fixture,
              gconstpointer data)
{
  gint64 staging = add_connector (fixture, "Staging HR", HC_DEMO_CONNECTOR_KIND, "{}", TRUE);
  g_autoptr (HcConfig) after = NULL;
  HcConnectorSettings *settings;

  /* A real connector: archiving off, every 24 hours by default, saved as
   * chosen. */
  settings = open_settings (fixture, fixture->connector_id, "content");
  adw_view_stack_set_visible_child_name (child (settings, "view_stack"), "options");
  g_assert_false (gtk_switch_get_active (child (settings, "archive_switch")));
  g_assert_true (gtk_check_button_get_active (child (settings, "schedule_24h_check")));
  g_assert_true (gtk_widget_get_sensitive (child (settings, "schedule_6h_row")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (settings, "threshold_spin")), ==, 10);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (child (settings, "schedule_group")),
                            "first sync"));
  /* the background row below says when scheduled syncs run, once */
  g_assert_null (strstr (adw_preferences_group_get_description (child (settings, "schedule_group")),
                         "background"));

  /* Scheduled syncs need the app in the background: the page says so and
   * turns it on. */
  {
    g_autoptr (GSettings) app_settings = g_settings_new (APP_ID);
    AdwActionRow *row = child (settings, "background_row");

    g_settings_set_boolean (app_settings, "run-in-background", FALSE);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
    g_assert_true (gtk_widget_get_visible (child (settings, "background_button")));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "only while Headcount runs in the background"));
    save_screenshot (GTK_WIDGET (settings), "settings-options.png");
    click (child (settings, "background_button"));
    g_assert_true (g_settings_get_boolean (app_settings, "run-in-background"));
    g_assert_false (gtk_widget_get_visible (child (settings, "background_button")));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     "Headcount runs in the background");
    /* turned off elsewhere (the primary menu): the offer comes back */
    g_settings_set_boolean (app_settings, "run-in-background", FALSE);
    g_assert_true (gtk_widget_get_visible (child (settings, "background_button")));
  }

  gtk_widget_activate (GTK_WIDGET (child (settings, "archive_row")));
  g_assert_true (hc_gui_test_spin_until (switch_is_on, child (settings, "archive_switch"), WAIT_SECONDS));
  gtk_widget_activate (GTK_WIDGET (child (settings, "schedule_6h_row")));
  g_assert_true (gtk_check_button_get_active (child (settings, "schedule_6h_check")));
  gtk_spin_button_set_value (child (settings, "threshold_spin"), 25);
  watch (settings);
  click (child (settings, "save_button"));
  wait_closed ();
  after = stored_config (fixture, fixture->connector_id);
  g_assert_true (after->archive_inactive);
  g_assert_cmpint (after->schedule, ==, HC_SCHEDULE_6H);
  g_assert_cmpuint (after->safety_threshold_percent, ==, 25);

  /* A test instance syncs by hand only, and says why. */
  settings = open_settings (fixture, staging, "content");
  adw_view_stack_set_visible_child_name (child (settings, "view_stack"), "options");
  g_assert_true (gtk_check_button_get_active (child (settings, "schedule_manual_check")));
  g_assert_false (gtk_widget_get_sensitive (child (settings, "schedule_6h_row")));
  g_assert_false (gtk_widget_get_sensitive (child (settings, "schedule_12h_row")));
  g_assert_false (gtk_widget_get_sensitive (child (settings, "schedule_24h_row")));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (child (settings, "schedule_group")),
                            "test instance"));
  g_assert_false (gtk_widget_get_visible (child (settings, "background_row")));
  g_clear_pointer (&after, hc_config_free);
  after = stored_config (fixture, staging);
  g_assert_cmpint (after->schedule, ==, HC_SCHEDULE_MANUAL);
  save_screenshot (GTK_WIDGET (settings), "settings-options-test-instance.png");
  watch (settings);
  gtk_window_close (GTK_WINDOW (settings));
  wait_closed ();
}

static const char snapshot[] =
  "{\"format\": \"headcount-employees\", \"version\": 1, \"employees\": ["
  "{\"id\": \"A1\", \"first_name\": \"Ada\", \"last_name\": \"Byron\", \"email\": \"ada@example.com\","
  " \"status\": \"active\", \"office\": \"Paris\"},"
  "{\"id\": \"A2\", \"first_name\": \"Alan\", \"last_name\": \"Turing\", \"email\": \"alan@example.com\","
  " \"status\": \"active\", \"office\": \"London\", \"manager_id\": \"A1\"},"
  "{\"id\": \"A3\", \"first_name\": \"Grace\", \"last_name\": \"Hopper\", \"email\": \"grace@example.com\","
  " \"status\": \"inactive\", \"office\": \"London\", \"manager_id\": \"A1\"}]}";

typedef struct
{
  const char *path;
  gboolean    written;
} FifoWriter;

/* Writes the snapshot into the FIFO the connector is blocked reading. */
static gpointer
write_fifo_thread (gpointer data)
{
  FifoWriter *writer = data;
  int fd = open (writer->path, O_WRONLY);

  if (fd >= 0)
    {
      writer->written = write (fd, snapshot, strlen (snapshot)) == (ssize_t) strlen (snapshot);
      close (fd);
    }

  return NULL;
}

/* Future hires: in scope as soon as the HR system has them; the opt-in
 * limit holds back those who start later, and the live count follows the
 * same rule as the sync (hc_scope_count_in_scope). */
static void
test_future_hires (Fixture      *fixture,
                   gconstpointer data)
{
  HcConnectorSettings *settings = open_settings (fixture, fixture->connector_id, "content");
  g_autoptr (HcConfig) config = stored_config (fixture, fixture->connector_id);
  g_autoptr (HcConfig) after = NULL;
  GPtrArray *employees = hc_connector_settings_get_employees (settings);
  AdwActionRow *row = child (settings, "pre_start_row");
  guint all, limited;

  g_assert_cmpuint (config->pre_start_days, ==, HC_CONFIG_PRE_START_NO_LIMIT);
  g_assert_false (gtk_switch_get_active (child (settings, "pre_start_switch")));
  g_assert_false (gtk_widget_get_sensitive (child (settings, "pre_start_spin")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "as soon as they appear"));
  all = hc_scope_count_in_scope (config, employees, NULL);
  assert_count_label (settings, all);

  /* On, one day before: the demo's future hires wait. */
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_true (hc_gui_test_spin_until (switch_is_on, child (settings, "pre_start_switch"), WAIT_SECONDS));
  g_assert_true (gtk_widget_get_sensitive (child (settings, "pre_start_spin")));
  gtk_spin_button_set_value (child (settings, "pre_start_spin"), 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Future hires are invited 1 day before their start date");
  g_assert_cmpstr (gtk_label_get_label (child (settings, "pre_start_unit")), ==, "day");
  gtk_spin_button_set_value (child (settings, "pre_start_spin"), 2);
  g_assert_cmpstr (gtk_label_get_label (child (settings, "pre_start_unit")), ==, "days");
  gtk_spin_button_set_value (child (settings, "pre_start_spin"), 1);
  config->pre_start_days = 1;
  limited = hc_scope_count_in_scope (config, employees, NULL);
  g_assert_cmpuint (limited, <, all);
  assert_count_label (settings, limited);
  save_screenshot (GTK_WIDGET (settings), "settings-future-hires.png");

  watch (settings);
  click (child (settings, "save_button"));
  wait_closed ();
  after = stored_config (fixture, fixture->connector_id);
  g_assert_cmpuint (after->pre_start_days, ==, 1);

  /* Off again: no limit, whatever the day count says. */
  settings = open_settings (fixture, fixture->connector_id, "content");
  g_assert_true (gtk_switch_get_active (child (settings, "pre_start_switch")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (settings, "pre_start_spin")), ==, 1);
  gtk_switch_set_active (child (settings, "pre_start_switch"), FALSE);
  assert_count_label (settings, all);
  watch (settings);
  click (child (settings, "save_button"));
  wait_closed ();
  g_clear_pointer (&after, hc_config_free);
  after = stored_config (fixture, fixture->connector_id);
  g_assert_cmpuint (after->pre_start_days, ==, HC_CONFIG_PRE_START_NO_LIMIT);
}

static void
test_loading_error_retry (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (fixture->data_dir, "employees.fifo", NULL);
  g_autofree char *missing = g_build_filename (fixture->data_dir, "later.json", NULL);
  g_autofree char *fifo_settings = g_strdup_printf ("{\"path\": \"%s\"}", fifo);
  g_autofree char *missing_settings = g_strdup_printf ("{\"path\": \"%s\"}", missing);
  g_autoptr (GError) error = NULL;
  FifoWriter writer = { fifo, FALSE };
  HcConnectorSettings *settings;
  GThread *thread;
  gint64 id;

  /* Loading: the reading waits on a FIFO until the test writes it. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  id = add_connector (fixture, "Snapshot", "file", fifo_settings, FALSE);
  settings = open_settings (fixture, id, "loading");
  g_assert_true (gtk_spinner_get_spinning (child (settings, "loading_spinner")));
  {
    LabelWait wait = { child (settings, "loading_label"), "Reading employees from Employee file…" };

    /* The name comes once the connector is open. */
    g_assert_true (hc_gui_test_spin_until (label_is, &wait, WAIT_SECONDS));
  }
  g_assert_true (settings_in_state ("loading"));
  g_assert_null (hc_connector_settings_get_employees (settings));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (child (settings, "save_button"))));
  save_screenshot (GTK_WIDGET (settings), "settings-loading.png");

  thread = g_thread_new ("fifo", write_fifo_thread, &writer);
  g_assert_true (hc_gui_test_spin_until (settings_in_state, "content", WAIT_SECONDS));
  g_thread_join (thread);
  g_assert_true (writer.written);
  g_assert_cmpuint (hc_connector_settings_get_employees (settings)->len, ==, 3);
  g_assert_false (gtk_spinner_get_spinning (child (settings, "loading_spinner")));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (child (settings, "save_button"))));
  /* Active Ada and Alan; Grace is inactive. */
  assert_count_label (settings, 2);
  watch (settings);
  gtk_window_close (GTK_WINDOW (settings));
  wait_closed ();

  /* Error: the message, and Retry reads again. */
  id = add_connector (fixture, "Later", "file", missing_settings, FALSE);
  settings = open_settings (fixture, id, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (child (settings, "error_status")), "later.json"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (child (settings, "save_apply_button"))));
  save_screenshot (GTK_WIDGET (settings), "settings-error.png");

  click (child (settings, "retry_button"));
  g_assert_true (hc_gui_test_spin_until (settings_in_state, "error", WAIT_SECONDS));

  g_assert_true (g_file_set_contents (missing, snapshot, -1, &error));
  g_assert_no_error (error);
  click (child (settings, "retry_button"));
  g_assert_true (hc_gui_test_spin_until (settings_in_state, "content", WAIT_SECONDS));
  g_assert_cmpuint (hc_connector_settings_get_employees (settings)->len, ==, 3);
  assert_count_label (settings, 2);

  /* Narrow: the page switcher moves to the bottom. */
  gtk_window_set_default_size (GTK_WINDOW (settings), 400, 700);
  hc_gui_test_spin_for (300);
  save_screenshot (GTK_WIDGET (settings), "settings-narrow.png");
}

/* Chooses @choice (a role name, or how a choice is shown) for @position. */
static void
choose_role (HcConnectorSettings *settings,
             const char          *position,
             const char          *choice)
{
  AdwComboRow *row = ADW_COMBO_ROW (hc_gui_test_find_widget (GTK_WIDGET (child (settings, "roles_group")),
                                                             is_row_titled, (gpointer) position));
  GListModel *model;

  g_assert_nonnull (row);
  model = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);
      GValue shown = G_VALUE_INIT;
      gboolean found;

      g_assert_true (gtk_expression_evaluate (adw_combo_row_get_expression (row), item, &shown));
      found = g_str_equal (g_value_get_string (&shown), choice);
      g_value_unset (&shown);
      if (found)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("No choice %s for the position %s", choice, position);
}

/* Every member in @position (by the id of their HR record) holds exactly
 * @expected, "A, B" or "" for none; there is one at least. */
static void
assert_roles_of (Fixture    *fixture,
                 GHashTable *names,
                 GPtrArray  *employees,
                 const char *position,
                 const char *expected)
{
  g_autoptr (GPtrArray) members = hc_store_list_members (fixture->store, NULL);
  g_autoptr (GHashTable) in_position = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_found = 0;

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *employee = g_ptr_array_index (employees, i);

      if (g_strcmp0 (hc_employee_get_field (employee, HC_FIELD_POSITION), position) == 0)
        g_hash_table_add (in_position, (gpointer) hc_employee_get_id (employee));
    }
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);
      g_autoptr (GString) text = g_string_new (NULL);
      GPtrArray *held;
      gint64 id;

      if (hc_member_get_external_id (member) == NULL ||
          !g_hash_table_contains (in_position, hc_member_get_external_id (member)))
        continue;
      id = hc_member_get_id (member);
      held = g_hash_table_lookup (names, &id);
      for (guint j = 0; held != NULL && j < held->len; j++)
        g_string_append_printf (text, "%s%s", j > 0 ? ", " : "", (char *) g_ptr_array_index (held, j));
      g_assert_cmpstr (text->str, ==, expected);
      n_found++;
    }
  g_assert_cmpuint (n_found, >, 0);
}

static void
test_roles_mapping (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (HcConfig) after = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GHashTable) names = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  const HcRoleMapping *line;
  HcConnectorSettings *settings;
  GtkWidget *row;

  settings = open_settings (fixture, fixture->connector_id, "content");
  adw_view_stack_set_visible_child_name (child (settings, "view_stack"), "fields");
  employees = g_ptr_array_ref (hc_connector_settings_get_employees (settings));

  /* On by default (rules.md 39), each position with its head count. */
  g_assert_true (gtk_switch_get_active (child (settings, "roles_switch")));
  row = hc_gui_test_find_widget (GTK_WIDGET (child (settings, "roles_group")), is_row_titled, "Account Executive");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "14 employees");
  g_assert_true (gtk_widget_is_sensitive (row));

  /* Off: "from": false. */
  gtk_switch_set_active (child (settings, "roles_switch"), FALSE);
  g_assert_false (gtk_widget_is_sensitive (row));
  config = hc_connector_settings_dup_config (settings);
  g_assert_null (config->roles_from);
  json = hc_config_to_json (config);
  g_assert_nonnull (strstr (json, "\"from\" : false"));
  g_clear_pointer (&config, hc_config_free);
  g_clear_pointer (&json, g_free);
  gtk_switch_set_active (child (settings, "roles_switch"), TRUE);
  config = hc_connector_settings_dup_config (settings);
  g_assert_cmpstr (config->roles_from, ==, HC_FIELD_POSITION);
  g_assert_cmpuint (config->role_mapping->len, ==, 0);
  g_clear_pointer (&config, hc_config_free);

  /* A new role for two positions, none for a third. */
  gtk_editable_set_text (GTK_EDITABLE (child (settings, "role_entry")), " Engineering ");
  g_signal_emit_by_name (child (settings, "role_entry"), "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (settings, "role_entry"))), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (child (settings, "role_entry")), "engineering");
  g_signal_emit_by_name (child (settings, "role_entry"), "apply");
  g_assert_nonnull (strstr (hc_connector_settings_get_error (settings), "There is a role “engineering” already"));
  gtk_editable_set_text (GTK_EDITABLE (child (settings, "role_entry")), "");
  choose_role (settings, "Backend Engineer", "Engineering");
  choose_role (settings, "Frontend Engineer", "Engineering");
  choose_role (settings, "Accountant", "No role");
  /* The roles at the top of the page, for the screenshot. */
  {
    GtkWidget *group = GTK_WIDGET (child (settings, "roles_group"));
    GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
    double x = 0, y = 0;

    g_assert_nonnull (scrolled);
    hc_gui_test_spin_for (500);
    g_assert_true (hc_gui_test_spin_until (widget_is_drawn, group, WAIT_SECONDS));
    g_assert_true (gtk_widget_translate_coordinates (group, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                     0, 0, &x, &y));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), y - 12);
    hc_gui_test_spin_for (200);
  }
  save_screenshot (GTK_WIDGET (settings), "settings-roles-mapping.png");

  watch (settings);
  click (child (settings, "save_button"));
  wait_closed ();

  after = stored_config (fixture, fixture->connector_id);
  g_assert_cmpstr (after->roles_from, ==, HC_FIELD_POSITION);
  g_assert_cmpuint (after->role_mapping->len, ==, 3);
  line = hc_config_find_role_mapping (after, "Backend Engineer");
  g_assert_nonnull (line);
  g_assert_cmpstr (line->role, ==, "Engineering");
  line = hc_config_find_role_mapping (after, "Frontend Engineer");
  g_assert_nonnull (line);
  g_assert_cmpstr (line->role, ==, "Engineering");
  line = hc_config_find_role_mapping (after, "Accountant");
  g_assert_nonnull (line);
  g_assert_null (line->role);
  json = hc_config_to_json (after);
  g_assert_nonnull (strstr (json, "\"role\" : null"));

  /* A sync with what was saved gives the members the mapped roles. */
  members = hc_store_list_members (fixture->store, NULL);
  run = hc_sync_run_new (fixture->connector_id, HC_SYNC_TRIGGER_MANUAL);
  plan = hc_plan_compute (after, fixture->connector_id, employees, members, TRUE);
  g_assert_true (hc_group_plan_attach (plan, after, employees, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (hc_store_apply_plan (fixture->store, plan, run, &error));
  g_assert_no_error (error);
  names = hc_roles_list_member_names (fixture->store, &error);
  g_assert_no_error (error);
  assert_roles_of (fixture, names, employees, "Backend Engineer", "Engineering");
  assert_roles_of (fixture, names, employees, "Frontend Engineer", "Engineering");
  assert_roles_of (fixture, names, employees, "Accountant", "");
  assert_roles_of (fixture, names, employees, "Account Executive", "Account Executive");

  /* The catalogue now offers the role; the page shows what was saved. */
  settings = open_settings (fixture, fixture->connector_id, "content");
  adw_view_stack_set_visible_child_name (child (settings, "view_stack"), "fields");
  row = hc_gui_test_find_widget (GTK_WIDGET (child (settings, "roles_group")), is_row_titled, "Backend Engineer");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (row))), ==,
                   "Engineering");
  row = hc_gui_test_find_widget (GTK_WIDGET (child (settings, "roles_group")), is_row_titled, "Accountant");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  /* Nothing edited: nothing to save. */
  config = hc_connector_settings_dup_config (settings);
  g_clear_pointer (&json, g_free);
  json = hc_config_to_json (config);
  {
    g_autofree char *saved = hc_config_to_json (after);

    g_assert_cmpstr (json, ==, saved);
  }

  /* A role chosen is an edit: Cancel asks before throwing it away. */
  choose_role (settings, "Account Executive", "No role");
  watch (settings);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (settings), "window.close", NULL));
  g_assert_true (hc_gui_test_spin_until (discard_dialog_shown, NULL, WAIT_SECONDS));
  adw_message_dialog_response (hc_gui_test_find_visible_toplevel (ADW_TYPE_MESSAGE_DIALOG), "discard");
  wait_closed ();
  g_clear_pointer (&config, hc_config_free);
  config = stored_config (fixture, fixture->connector_id);
  g_assert_true (hc_config_equal (config, after));
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
      g_test_add_func ("/gui/settings/no-display", test_no_display);
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

  g_test_add ("/gui/settings/filter-count-apply", Fixture, NULL,
              fixture_setup, test_filter_count_apply, fixture_teardown);
  g_test_add ("/gui/settings/cancel", Fixture, NULL,
              fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/gui/settings/validation", Fixture, NULL,
              fixture_setup, test_validation, fixture_teardown);
  g_test_add ("/gui/settings/fields", Fixture, NULL,
              fixture_setup, test_fields, fixture_teardown);
  g_test_add ("/gui/settings/options", Fixture, NULL,
              fixture_setup, test_options, fixture_teardown);
  g_test_add ("/gui/settings/future-hires", Fixture, NULL,
              fixture_setup, test_future_hires, fixture_teardown);
  g_test_add ("/gui/settings/roles-mapping", Fixture, NULL,
              fixture_setup, test_roles_mapping, fixture_teardown);
  g_test_add ("/gui/settings/loading-error-retry", Fixture, NULL,
              fixture_setup, test_loading_error_retry, fixture_teardown);

  return g_test_run ();
}
