/* test-gui-group-preview.c — the preview of a sync shows the group
 * changes as their own category: joins and leaves with their members and
 * rules, groups created from HR, the counts by kind
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "hc-group-plan.h"
#include "hc-groups.h"
#include "hc-gui-test.h"
#include "hc-plan-dialog.h"
#include "hc-plan-entry.h"
#include "hc-test-fixtures.h"

static const char * const employees[] = {
  "E1|Ana|Lima|ana@example.com|active||Paris||Engineer||team=Platform",
  "E2|Ben|Okafor|ben@example.com|active|E1|Paris||Designer||team=Web",
  "E3|Chloé|Dubois|chloe@example.com|active|E1|Lyon||Engineer||team=Platform",
  "E4|Dan|Moreau|dan@example.com|active|E1|Berlin||Sales||team=Web",
  NULL
};

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

static gboolean
is_label_containing (GtkWidget *widget,
                     gpointer   data)
{
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_visible (widget))
    return FALSE;
  text = gtk_label_get_text (GTK_LABEL (widget));
  return text != NULL && strstr (text, data) != NULL;
}

/* The entry of @model titled @title, or NULL. */
static HcPlanEntry *
find_entry (GListModel *model,
            const char *title,
            const char *subtitle_part)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (HcPlanEntry) entry = g_list_model_get_item (model, i);
      const char *subtitle = hc_plan_entry_get_subtitle (entry);

      if (g_strcmp0 (hc_plan_entry_get_title (entry), title) == 0 &&
          subtitle != NULL && strstr (subtitle, subtitle_part) != NULL)
        return entry;
    }
  return NULL;
}

static void
test_group_category (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("headcount-group-preview-XXXXXX", &error);
  g_autofree char *path = hc_store_build_path (dir, "test", &error);
  g_autoptr (HcStore) store = hc_store_new (path, &error);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) list = hc_test_employees (employees);
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (HcPlan) plan = NULL;
  HcGroupPlan *group_plan;
  HcPlanDialog *dialog;
  GListModel *model;
  gint64 cid;

  g_assert_no_error (error);
  /* Office under Staff (no Berlin group), teams under Teams. */
  for (guint i = 0; i < 4; i++)
    {
      const char *paths[] = { "Staff", "Staff/Paris", "Staff/Lyon", "Teams" };

      g_assert_true (hc_groups_create (store, paths[i], NULL, NULL, &error));
      g_assert_no_error (error);
    }
  config->group_mode = HC_GROUP_MODE_HIERARCHY;
  config->group_top = g_strdup ("Staff");
  g_ptr_array_add (config->group_levels, g_strdup ("office"));
  g_ptr_array_add (config->teams_from, g_strdup ("team"));
  config->teams_parent = g_strdup ("Teams");
  cid = hc_store_add_connector (store, "Personio", "demo", NULL, config, FALSE, &error);
  g_assert_no_error (error);

  members = hc_store_list_members (store, &error);
  plan = hc_plan_compute (config, cid, list, members, TRUE);
  g_assert_true (hc_group_plan_attach (plan, config, list, store, &error));
  g_assert_no_error (error);
  group_plan = hc_plan_get_group_plan (plan);
  g_assert_nonnull (group_plan);
  /* Four join their office (or Staff), four their team; two teams made. */
  g_assert_cmpuint (hc_group_plan_count (group_plan, HC_GROUP_CHANGE_JOIN), ==, 8);
  g_assert_cmpuint (hc_group_plan_count (group_plan, HC_GROUP_CHANGE_CREATE), ==, 2);

  dialog = hc_plan_dialog_new (plan, "Personio", NULL);
  hc_plan_dialog_present (dialog, NULL);
  gtk_window_set_default_size (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (dialog))), 900, 700);
  hc_plan_dialog_set_category (dialog, HC_PLAN_CATEGORY_GROUPS);
  g_assert_cmpint (hc_plan_dialog_get_category (dialog), ==, HC_PLAN_CATEGORY_GROUPS);
  hc_gui_test_spin_for (300);
  g_assert_cmpstr (hc_plan_dialog_get_state_name (dialog), ==, "list");

  model = hc_plan_dialog_get_model (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, hc_group_plan_get_changes (group_plan)->len);
  g_assert_nonnull (find_entry (model, "Ana Lima", "Joins “Staff / Paris”"));
  g_assert_nonnull (find_entry (model, "Chloé Dubois", "Joins “Staff / Lyon”"));
  /* No Berlin group: Dan lands in the top group. */
  g_assert_nonnull (find_entry (model, "Dan Moreau", "Joins “Staff”"));
  g_assert_nonnull (find_entry (model, "Teams / Platform", "New group, made from the HR data"));
  g_assert_nonnull (find_entry (model, "Ben Okafor", "Joins “Teams / Web”"));
  /* The heading counts each kind. */
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing, "Added to groups: 8"));
  g_assert_nonnull (hc_gui_test_find_widget (GTK_WIDGET (dialog), is_label_containing,
                                             "Groups created from HR: 2"));

  /* The search finds a member by name within the category: his two
   * joins and the role of his position (rules.md 39, on by default). */
  hc_plan_dialog_set_search_text (dialog, "okafor");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (hc_group_plan_count (group_plan, HC_GROUP_CHANGE_ROLE_ADD), >, 0);
  hc_plan_dialog_set_search_text (dialog, "");

  if (g_getenv ("HC_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *file = g_build_filename (g_getenv ("HC_SCREENSHOT_DIR"), "preview-groups.png", NULL);
      g_autofree char *geometry = NULL;
      const char *argv[] = { "import", "-window", "root", "-crop", NULL, file, NULL };

      hc_gui_test_spin_for (1500);
      geometry = g_strdup_printf ("%dx%d+0+0", gtk_widget_get_width (GTK_WIDGET (dialog)),
                                  gtk_widget_get_height (GTK_WIDGET (dialog)));
      argv[4] = geometry;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }

  hc_plan_dialog_dismiss (dialog);
  g_clear_object (&store);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui-group-preview/category", test_group_category);

  return g_test_run ();
}
