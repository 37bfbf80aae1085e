/* test-sync-scale.c — headcount-cli sync against the fake Personio at a
 * moderate size: the counts of members, invitations and skips follow from
 * the people served, and sync --json lists what changed unless asked for
 * every item
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"
#include "hc-connector-info.h"
#include "hc-fake-personio.h"
#include "hc-store.h"

#define N_PEOPLE 2500

static char *data_dir;

static JsonObject *
run_sync (JsonNode  **root,
          const char *extra,
          const char *extra2)
{
  const char *argv[] = { "sync", "HR", "--yes", "--json", "--secret-stdin", extra, extra2, NULL };
  const char *env[] = { "LC_ALL", "C.UTF-8", NULL };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (char *) "--data-dir");
  g_ptr_array_add (args, data_dir);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  hc_cli_spawn (NULL, NULL, env, (const char * const *) args->pdata,
                HC_FAKE_PERSONIO_SECRET "\n", &run);
  if (run.status != 0)
    g_error ("sync failed (%d): %s", run.status, run.err);
  *root = hc_cli_parse_document (run.out);
  return json_object_get_object_member (json_node_get_object (*root), "plan");
}

static guint
count (JsonObject *plan,
       const char *kind)
{
  return json_object_get_int_member (json_object_get_object_member (plan, "counts"), kind);
}

/* The items of @plan of @kind. */
static guint
count_items (JsonObject *plan,
             const char *kind)
{
  JsonArray *items = json_object_get_array_member (plan, "items");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    n += g_str_equal (json_object_get_string_member (json_array_get_object_element (items, i), "kind"), kind);
  return n;
}

static void
test_counts (void)
{
  g_autoptr (GPtrArray) people = hc_fake_people_new (N_PEOPLE);
  g_autoptr (HcFakePersonio) fake = hc_fake_personio_new (people);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) first_root = NULL;
  g_autoptr (JsonNode) again_root = NULL;
  g_autoptr (JsonNode) all_root = NULL;
  g_autoptr (JsonNode) changed_root = NULL;
  g_autofree char *path = NULL;
  guint in_scope = 0, without_email = 0, n_changed = 0;
  JsonObject *plan;

  data_dir = g_dir_make_tmp ("hc-test-sync-scale-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (data_dir, "default.db", NULL);
  {
    g_autoptr (HcStore) store = hc_store_new (path, &error);
    g_autofree char *settings = NULL;

    g_assert_no_error (error);
    settings = hc_connector_info_build_settings (hc_fake_personio_get_base_url (fake), NULL,
                                                 HC_FAKE_PERSONIO_CLIENT_ID, NULL);
    g_assert_cmpint (hc_store_add_connector (store, "HR", "personio", settings, NULL, TRUE, &error), >, 0);
    g_assert_no_error (error);
  }

  /* What the plain script (bench/baseline_sync.py) would keep: active,
   * onboarding or on leave, and the "Skip sync" checkbox not set. */
  for (guint i = 0; i < people->len; i++)
    {
      HcFakePerson *p = g_ptr_array_index (people, i);

      if (g_strv_contains ((const char * const[]) { "active", "onboarding", "leave", NULL }, p->status) &&
          !p->skip_sync)
        {
          in_scope++;
          without_email += p->email == NULL;
        }
    }
  g_assert_cmpuint (in_scope, >, N_PEOPLE / 2);
  g_assert_cmpuint (without_email, >, 0);

  /* 25 pages, several asked at once: every one of them counted */
  plan = run_sync (&first_root, NULL, NULL);
  g_assert_true (json_object_get_boolean_member (plan, "first_sync"));
  g_assert_cmpuint (count (plan, "invite"), ==, in_scope - without_email);
  g_assert_cmpuint (count (plan, "create_no_access"), ==, without_email);
  g_assert_cmpuint (count (plan, "skip"), ==, N_PEOPLE - in_scope);
  /* the default lists what changed, not whom it skipped */
  g_assert_cmpuint (count_items (plan, "invite"), ==, count (plan, "invite"));
  g_assert_cmpuint (count_items (plan, "skip"), ==, 0);

  plan = run_sync (&again_root, NULL, NULL);
  g_assert_cmpuint (count (plan, "unchanged"), ==, in_scope);
  g_assert_cmpuint (count (plan, "skip"), ==, N_PEOPLE - in_scope);
  g_assert_cmpuint (count (plan, "update"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 0);

  plan = run_sync (&all_root, "--all-items", NULL);
  g_assert_cmpuint (count_items (plan, "unchanged"), ==, in_scope);
  g_assert_cmpuint (count_items (plan, "skip"), ==, N_PEOPLE - in_scope);

  /* 1 %: a new position for every hundredth employee in scope */
  for (guint i = 0; i < people->len; i += 100)
    {
      HcFakePerson *p = g_ptr_array_index (people, i);

      if (!g_strv_contains ((const char * const[]) { "active", "onboarding", "leave", NULL }, p->status) ||
          p->skip_sync)
        continue;
      g_free (p->position);
      p->position = g_strdup_printf ("Changed %u", i);
      n_changed++;
    }
  hc_fake_personio_set_people (fake, people);
  plan = run_sync (&changed_root, NULL, NULL);
  g_assert_cmpuint (count (plan, "update"), ==, n_changed);
  g_assert_cmpuint (count_items (plan, "update"), ==, n_changed);
  g_assert_cmpuint (count (plan, "unchanged"), ==, in_scope - n_changed);

  hc_cli_remove_tree (data_dir);
  g_clear_pointer (&data_dir, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-scale/counts", test_counts);
  return g_test_run ();
}
