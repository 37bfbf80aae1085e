/* test-gui-checks.c — the Scenario Checks dialog on a real store, synced
 * from a fake Personio whose data then changes, and the card's menu entry
 * for test instances
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-checks-dialog.h"
#include "hc-connector-card.h"
#include "hc-connector-info.h"
#include "hc-fake-personio.h"
#include "hc-member-dialog.h"
#include "hc-store.h"
#include "hc-sync.h"

#define WAIT_SECONDS 30

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A timeout on the default context that sets *@timed_out. */
static GSource *
start_timeout (gboolean *timed_out)
{
  GSource *source = g_timeout_source_new_seconds (WAIT_SECONDS);

  g_source_set_callback (source, timed_out_cb, timed_out, NULL);
  g_source_attach (source, NULL);
  return source;
}

/* Spins the main loop until @cond holds, or WAIT_SECONDS pass. */
static gboolean
spin_until (gboolean (*cond)(gpointer),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  g_autoptr (GSource) timeout = start_timeout (&timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_destroy (timeout);
  return cond (data);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gboolean
dialog_idle (gpointer data)
{
  return !hc_checks_dialog_get_busy (data) && hc_checks_dialog_get_results (data) != NULL;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
sync_now (HcStore *store,
          gint64   id)
{
  g_autoptr (HcSync) sync = hc_sync_new (store, id, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (GAsyncResult) prepared = NULL;
  g_autoptr (GAsyncResult) applied = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GError) error = NULL;

  hc_sync_set_secret (sync, HC_FAKE_PERSONIO_SECRET);
  hc_sync_prepare_async (sync, NULL, store_result_cb, &prepared);
  g_assert_true (spin_until (result_ready, &prepared));
  plan = hc_sync_prepare_finish (sync, prepared, &error);
  g_assert_no_error (error);
  hc_sync_apply_async (sync, TRUE, NULL, store_result_cb, &applied);
  g_assert_true (spin_until (result_ready, &applied));
  run = hc_sync_apply_finish (sync, applied, &error);
  g_assert_no_error (error);
}

/* The rows of the dialog's group, by the check's name. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_named (GtkWidget  *widget,
             const char *name)
{
  guint n = g_strcmp0 (gtk_widget_get_name (widget), name) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_named (child, name);
  return n;
}

static gboolean
has_row_titled (GtkWidget  *widget,
                const char *text)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_row_titled (child, text))
      return TRUE;
  return FALSE;
}

static void
test_dialog (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hc-test-gui-checks-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "default.db", NULL);
  g_autofree char *settings = NULL;
  g_autoptr (GPtrArray) people = hc_fake_people_new (16);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcStore) store = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcConnector) connector = NULL;
  HcFakePerson *added;
  HcChecksDialog *dialog;
  GtkWidget *row;
  gint64 id;

  g_assert_no_error (error);
  store = hc_store_new (path, &error);
  g_assert_no_error (error);
  settings = hc_connector_info_build_settings (hc_fake_personio_get_base_url (fake), NULL,
                                               HC_FAKE_PERSONIO_CLIENT_ID, NULL);
  id = hc_store_add_connector (store, "Personio sandbox", "personio", settings, NULL, TRUE, &error);
  g_assert_no_error (error);
  info = hc_store_get_connector (store, id, &error);
  g_assert_no_error (error);
  connector = hc_connector_new_for_info (info, HC_FAKE_PERSONIO_SECRET, &error);
  g_assert_no_error (error);

  sync_now (store, id);

  dialog = hc_checks_dialog_new (NULL, store, id);
  g_object_ref_sink (dialog);
  hc_checks_dialog_set_connector (dialog, connector);
  gtk_window_present (GTK_WINDOW (dialog));
  hc_checks_dialog_run (dialog);
  g_assert_true (hc_checks_dialog_get_busy (dialog));
  g_assert_true (spin_until (dialog_idle, dialog));
  g_assert_true (hc_checks_all_passed (hc_checks_dialog_get_results (dialog)));
  for (guint k = 0; k < HC_CHECK_N_KINDS; k++)
    {
      row = find_named (GTK_WIDGET (dialog), hc_check_kind_to_string (k));
      g_assert_nonnull (row);
      g_assert_true (ADW_IS_ACTION_ROW (row));
      g_assert_false (ADW_IS_EXPANDER_ROW (row));
    }
  /* A check that looked at nobody has not passed: it says so. */
  {
    GPtrArray *results = hc_checks_dialog_get_results (dialog);
    guint n_unchecked = 0;

    for (guint i = 0; i < results->len; i++)
      {
        HcCheckResult *result = g_ptr_array_index (results, i);
        const char *subtitle;

        row = find_named (GTK_WIDGET (dialog), hc_check_kind_to_string (result->kind));
        subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
        if (result->n_checked == 0)
          {
            g_assert_true (g_str_has_prefix (subtitle, "Not checked yet"));
            n_unchecked++;
          }
        else
          g_assert_true (g_str_has_prefix (subtitle, "Passed"));
      }
    g_assert_cmpuint (n_unchecked, >, 0);
  }

  /* Added in HR and not synced: two checks fail, naming the person. */
  added = hc_fake_person_new ("9001", "Grace", "Hopper", "grace.hopper@example.com");
  added->status = g_strdup ("active");
  g_ptr_array_add (people, added);
  hc_fake_personio_set_people (fake, people);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "checks.run", NULL);
  g_assert_true (hc_checks_dialog_get_busy (dialog));
  g_assert_true (spin_until (dialog_idle, dialog));
  g_assert_false (hc_checks_all_passed (hc_checks_dialog_get_results (dialog)));
  row = find_named (GTK_WIDGET (dialog), "visible");
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_true (has_row_titled (row, "Grace Hopper (HR id 9001)"));
  row = find_named (GTK_WIDGET (dialog), "created");
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_true (has_row_titled (row, "Grace Hopper"));
  row = find_named (GTK_WIDGET (dialog), "fields");
  g_assert_false (ADW_IS_EXPANDER_ROW (row));
  /* five rows, not ten: a run replaces the previous one's */
  g_assert_cmpuint (count_named (GTK_WIDGET (dialog), "visible"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);

  g_clear_object (&connector);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

/* The "Test instance" badge, when it shows. */
static gboolean
shows_badge (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), "Test instance") == 0)
    return gtk_widget_get_visible (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_badge (child))
      return TRUE;
  return FALSE;
}

static void
test_badges (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hc-test-gui-badges-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "default.db", NULL);
  g_autofree char *settings = NULL;
  g_autoptr (GPtrArray) people = hc_fake_people_new (6);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (HcStore) store = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (HcMember) manual = hc_member_new ();
  HcMemberDialog *dialog;
  gint64 id;

  g_assert_no_error (error);
  store = hc_store_new (path, &error);
  g_assert_no_error (error);
  settings = hc_connector_info_build_settings (hc_fake_personio_get_base_url (fake), NULL,
                                               HC_FAKE_PERSONIO_CLIENT_ID, NULL);
  id = hc_store_add_connector (store, "Sandbox", "personio", settings, NULL, TRUE, &error);
  g_assert_no_error (error);
  sync_now (store, id);
  hc_member_set_field (manual, HC_MEMBER_FIELD_EMAIL, "manual@example.com");
  hc_member_set_field (manual, HC_MEMBER_FIELD_FIRST_NAME, "Manual");
  g_assert_true (hc_store_add_member (store, manual, &error));
  g_assert_no_error (error);

  members = hc_store_list_members (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, >, 1);
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      dialog = hc_member_dialog_new (store, member);
      g_object_ref_sink (dialog);
      g_assert_cmpint (shows_badge (GTK_WIDGET (dialog)), ==, hc_member_get_connector_id (member) == id);
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_unref (dialog);
    }

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  return FALSE;
}

static GtkMenuButton *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_card_menu (void)
{
  for (int test_instance = 0; test_instance <= 1; test_instance++)
    {
      g_autoptr (HcConnectorInfo) info = g_new0 (HcConnectorInfo, 1);
      GtkWidget *card;
      GtkMenuButton *button;

      info->id = 3;
      info->name = g_strdup ("Sandbox");
      info->kind = g_strdup ("personio");
      info->settings = g_strdup ("{}");
      info->config = hc_config_new_for_kind ("personio");
      info->test_instance = test_instance;
      card = GTK_WIDGET (hc_connector_card_new (info));
      g_object_ref_sink (card);
      button = find_menu_button (card);
      g_assert_nonnull (button);
      g_assert_cmpint (menu_has_action (gtk_menu_button_get_menu_model (button), "win.scenario-checks"), ==,
                       test_instance);
      g_object_unref (card);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/checks/dialog", test_dialog);
  g_test_add_func ("/gui/checks/card-menu", test_card_menu);
  g_test_add_func ("/gui/checks/badges", test_badges);

  return g_test_run ();
}
