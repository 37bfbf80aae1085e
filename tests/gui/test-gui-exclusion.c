/* test-gui-exclusion.c — the exclusion-field chooser of the connector
 * settings lists the HR system's checkboxes by label and API name: a real
 * BambooHR connector against the fake, its API key in a real
 * gnome-keyring-daemon on a private bus
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "hc-connector-kind.h"
#include "hc-connector-settings.h"
#include "hc-fake-bamboohr.h"
#include "hc-gui-test.h"
#include "hc-secrets.h"
#include "hc-store.h"
#include "hc-test-keyring.h"

#define WAIT_SECONDS 30

static HcTestSession *session;
static char *root;

static gboolean
stored_cb_done (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
settings_loaded (gpointer data)
{
  const char *state = hc_connector_settings_get_state (data);

  return g_strcmp0 (state, "content") == 0 || g_strcmp0 (state, "error") == 0;
}

static gboolean
in_scope_is_one (gpointer data)
{
  return hc_connector_settings_get_in_scope (data) == 1;
}

/* What the chooser shows for each entry, in order. */
static GPtrArray *
list_choices (AdwComboRow *row,
              GPtrArray  **names)
{
  GListModel *model = adw_combo_row_get_model (row);
  GtkExpression *expression = adw_combo_row_get_expression (row);
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_free);

  *names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_auto (GValue) value = G_VALUE_INIT;

      g_assert_true (gtk_expression_evaluate (expression, item, &value));
      g_ptr_array_add (shown, g_value_dup_string (&value));
      g_ptr_array_add (*names, g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item))));
    }
  return shown;
}

static gboolean
has_string (GPtrArray  *array,
            const char *str)
{
  return g_ptr_array_find_with_equal_func (array, str, g_str_equal, NULL);
}

static void
test_chooser_lists_checkboxes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);
  g_autoptr (HcStore) store = NULL;
  g_autoptr (HcConfig) config = hc_config_new_for_kind ("bamboohr");
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GAsyncResult) stored = NULL;
  g_autoptr (GPtrArray) shown = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (HcConfig) chosen = NULL;
  g_autofree char *data_dir = g_build_filename (root, "data", NULL);
  g_autofree char *path = NULL;
  g_autofree char *settings_json = NULL;
  HcFakeBamboohr *fake;
  HcFakePerson *p;
  HcConnectorSettings *settings;
  AdwComboRow *row;
  guint auto_index = G_MAXUINT, elevo_index = G_MAXUINT;
  gint64 id;

  p = hc_fake_person_new ("1", "Zoé", "Lefèvre", "zoe@fake-hris.example");
  p->status = g_strdup ("active");
  p->hire_date = g_strdup ("2020-01-06");
  g_ptr_array_add (people, p);
  p = hc_fake_person_new ("2", "Élodie", "Martin", "elodie@fake-hris.example");
  p->status = g_strdup ("active");
  p->hire_date = g_strdup ("2020-01-06");
  p->manager_id = g_strdup ("1");
  p->vendor_skip = TRUE;
  g_ptr_array_add (people, p);
  fake = hc_fake_bamboohr_new (people);

  g_mkdir_with_parents (data_dir, 0700);
  path = hc_store_build_path (data_dir, "test", &error);
  g_assert_no_error (error);
  store = hc_store_new (path, &error);
  g_assert_no_error (error);
  settings_json = hc_connector_info_build_settings (hc_fake_bamboohr_get_base_url (fake), NULL, NULL, NULL);
  id = hc_store_add_connector (store, "HR", "bamboohr", settings_json, config, FALSE, &error);
  g_assert_no_error (error);
  hc_secrets_store_async (hc_store_get_workspace_id (store), id,
                          hc_connector_kind_lookup ("bamboohr")->secret_kind, "HR",
                          HC_FAKE_BAMBOOHR_SECRET, NULL, store_result_cb, &stored);
  g_assert_true (hc_gui_test_spin_until (stored_cb_done, &stored, WAIT_SECONDS));
  g_assert_true (hc_secrets_store_finish (stored, &error));
  g_assert_no_error (error);

  info = hc_store_get_connector (store, id, &error);
  g_assert_no_error (error);
  settings = hc_connector_settings_new (store, info);
  gtk_window_present (GTK_WINDOW (settings));
  g_assert_true (hc_gui_test_spin_until (settings_loaded, settings, WAIT_SECONDS));
  g_assert_cmpstr (hc_connector_settings_get_state (settings), ==, "content");

  row = ADW_COMBO_ROW (hc_gui_test_template_child (GTK_WIDGET (settings), "exclude_row"));
  shown = list_choices (row, &names);
  for (guint i = 0; i < shown->len; i++)
    g_test_message ("choice %u: %s = %s", i, (char *) g_ptr_array_index (names, i),
                    (char *) g_ptr_array_index (shown, i));

  /* None, automatic, then the checkboxes: both of BambooHR's, by label and
   * API name, whatever the alias; no text field */
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "");
  g_assert_true (has_string (shown, "Ne pas synchroniser avec Elevo (skip_elevo_sync)"));
  g_assert_true (has_string (shown, "Skip sync (customSkipSync)"));
  g_assert_false (has_string (names, "firstName"));
  g_assert_false (has_string (names, "workEmail"));
  /* listed once, under its API name, not again under its label's slug */
  g_assert_false (has_string (names, "ne_pas_synchroniser_avec_elevo"));
  for (guint i = 0; i < names->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (names, i), "auto"))
        auto_index = i;
      if (g_str_equal (g_ptr_array_index (names, i), "skip_elevo_sync"))
        elevo_index = i;
    }
  g_assert_cmpuint (auto_index, !=, G_MAXUINT);
  g_assert_cmpuint (elevo_index, !=, G_MAXUINT);

  /* a new connector is on automatic, which names what it found */
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, auto_index);
  g_assert_cmpstr (g_ptr_array_index (shown, auto_index), ==, "Automatic");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Ne pas synchroniser avec Elevo (skip_elevo_sync)"));
  /* … and the person with the checkbox set is out of the count */
  g_assert_true (hc_gui_test_spin_until (in_scope_is_one, settings, WAIT_SECONDS));

  /* HC_TEST_SHOW_MS=3000: the chooser stays open that long, to look at */
  if (g_getenv ("HC_TEST_SHOW_MS") != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (settings), 900, 760);
      gtk_widget_activate (GTK_WIDGET (row));
      hc_gui_test_spin_for ((guint) g_ascii_strtoull (g_getenv ("HC_TEST_SHOW_MS"), NULL, 10));
    }

  /* choosing the checkbox by hand puts its API name in the config */
  adw_combo_row_set_selected (row, elevo_index);
  chosen = hc_connector_settings_dup_config (settings);
  g_assert_cmpstr (chosen->exclude_field, ==, "skip_elevo_sync");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Employees with this checkbox set are never synced");

  gtk_window_destroy (GTK_WINDOW (settings));
  hc_gui_test_spin_for (100);

  /* a stored name the HR data lacks is said at once */
  g_free (info->config->exclude_field);
  info->config->exclude_field = g_strdup ("ne_pas_inviter");
  settings = hc_connector_settings_new (store, info);
  gtk_window_present (GTK_WINDOW (settings));
  g_assert_true (hc_gui_test_spin_until (settings_loaded, settings, WAIT_SECONDS));
  row = ADW_COMBO_ROW (hc_gui_test_template_child (GTK_WIDGET (settings), "exclude_row"));
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (row)), ==, "ne_pas_inviter");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "“ne_pas_inviter” is not a field"));

  gtk_window_destroy (GTK_WINDOW (settings));
  hc_gui_test_spin_for (100);
  hc_fake_bamboohr_free (fake);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    g_error ("this test needs a display: run it under xvfb-run");

  session = hc_test_session_start_private ("hc-gui-exclusion-XXXXXX", &root);
  /* Before GTK and libsecret look at the bus. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", hc_test_session_get_bus_address (session), TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("HEADCOUNT_HTTP_POLICY", "connect=5,read=5,attempts=2,total=10,delay=10", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/exclusion/chooser-lists-checkboxes", test_chooser_lists_checkboxes);

  status = g_test_run ();

  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
