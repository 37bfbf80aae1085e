/* test-file-connector.c — the snapshot reader and the bundled demo company
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "hc-error.h"
#include "hc-file-connector.h"

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  (void) source;
  *out = g_object_ref (result);
}

static GPtrArray *
fetch (HcConnector *connector,
       GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_connector_fetch_employees_async (connector, NULL, NULL, NULL, fetch_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return hc_connector_fetch_employees_finish (connector, result, error);
}

static void
test_demo_company (void)
{
  g_autoptr (HcFileConnector) connector = hc_file_connector_new_demo ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = fetch (HC_CONNECTOR (connector), &error);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) offices = g_hash_table_new (g_str_hash, g_str_equal);
  guint no_email = 0, skip = 0, ceo = 0, accented = 0;
  guint statuses[4] = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, >=, 250);
  g_assert_cmpuint (employees->len, <=, 350);

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      const char *last = hc_employee_get_last_name (e);
      const char *first = hc_employee_get_first_name (e);

      g_assert_true (g_hash_table_add (ids, (gpointer) hc_employee_get_id (e)));
      statuses[hc_employee_get_status (e)]++;
      if (hc_employee_get_email (e) == NULL)
        no_email++;
      if (g_strcmp0 (hc_employee_get_field (e, "skip_sync"), "true") == 0)
        skip++;
      if (hc_employee_get_manager_id (e) == NULL)
        ceo++;
      if (hc_employee_get_field (e, "office"))
        g_hash_table_add (offices, (gpointer) hc_employee_get_field (e, "office"));
      if ((first && !g_str_is_ascii (first)) || (last && !g_str_is_ascii (last)))
        accented++;
      /* nested custom fields are flattened */
      g_assert_nonnull (hc_employee_get_field (e, "location.city"));
    }

  /* every manager exists */
  for (guint i = 0; i < employees->len; i++)
    {
      const char *manager = hc_employee_get_manager_id (g_ptr_array_index (employees, i));
      g_assert_true (manager == NULL || g_hash_table_contains (ids, manager));
    }

  g_assert_cmpuint (ceo, ==, 1);
  g_assert_cmpuint (g_hash_table_size (offices), ==, 4);
  g_assert_true (g_hash_table_contains (offices, "Paris"));
  g_assert_true (g_hash_table_contains (offices, "Berlin"));
  g_assert_cmpuint (no_email, >, 0);
  g_assert_cmpuint (skip, >, 0);
  g_assert_cmpuint (accented, >, 10);
  for (guint s = 0; s < 4; s++)
    g_assert_cmpuint (statuses[s], >, 0);
}

typedef struct
{
  const char *json;
  const char *fragment;
} BadSnapshot;

static const BadSnapshot bad_snapshots[] = {
  { "{\"employees\": [", "not valid JSON: it stops in the middle, as if cut off" },
  /* half-written, cut in a string */
  { "{\"employees\": [{\"id\": \"E1\", \"first_name\": \"Ann", "it stops in the middle, as if cut off" },
  /* whole but wrong: where the parser stopped */
  { "{\"employees\": [{\"id\": \"E1\", \"first_name\": tru}]}", "not valid JSON: <data>:1:" },
  { "", "is empty" },
  { "   \n", "is empty" },
  { "[]", "expected an object with an “employees” list" },
  { "{\"data\": [{}]}", "expected an object with an “employees” list" },
  { "{\"employees\": [{}]}", "employee #1: An employee has no “id”" },
  { "{\"employees\": [{\"id\": \"E1\"}, 7]}", "employee #2 is not an object" },
  { "{\"employees\": [{\"id\": \"E1\", \"status\": \"retired\"}]}", "unknown status “retired”" },
  { "{\"employees\": [{\"id\": \"E1\", \"email\": {\"a\": 1}}]}", "“email” must be a text value" },
  { "{\"employees\": [{\"id\": \"E1\", \"fields\": [1]}]}", "“fields” must be an object" },
};

static void
test_bad_snapshot (gconstpointer data)
{
  const BadSnapshot *bs = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = hc_file_connector_parse (bs->json, strlen (bs->json), "snap.json", &error);

  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "snap.json"));
  if (strstr (error->message, bs->fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, bs->fragment);
}

static void
test_odd_values (void)
{
  const char *json =
    "{\"employees\": [{\"id\": 42, \"first_name\": \"  Zoé \", \"email\": null, \"status\": \"Active\","
    " \"fields\": {\"skip_sync\": true, \"level\": 3, \"ratio\": 0.5, \"tags\": [\"a\", \"b\"],"
    " \"address\": {\"city\": \"Lyon\", \"geo\": {\"lat\": 45}}, \"empty\": \"\", \"nothing\": null}}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = hc_file_connector_parse (json, strlen (json), "odd.json", &error);
  HcEmployee *e;

  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 1);
  e = g_ptr_array_index (employees, 0);
  g_assert_cmpstr (hc_employee_get_id (e), ==, "42");
  g_assert_cmpstr (hc_employee_get_first_name (e), ==, "Zoé");
  g_assert_null (hc_employee_get_email (e));
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  g_assert_cmpstr (hc_employee_get_field (e, "skip_sync"), ==, "true");
  g_assert_cmpstr (hc_employee_get_field (e, "level"), ==, "3");
  g_assert_cmpstr (hc_employee_get_field (e, "ratio"), ==, "0.5");
  g_assert_cmpstr (hc_employee_get_field (e, "tags"), ==, "a, b");
  g_assert_cmpstr (hc_employee_get_field (e, "address.city"), ==, "Lyon");
  g_assert_cmpstr (hc_employee_get_field (e, "address.geo.lat"), ==, "45");
  g_assert_null (hc_employee_get_field (e, "empty"));
  g_assert_null (hc_employee_get_field (e, "nothing"));
}

/* rules.md 31: a snapshot goes through the same cleaning as the HR
 * connectors: a lone surrogate skips the record, control and direction
 * characters leave names, a bad e-mail is no e-mail. */
static void
test_dirty_values (void)
{
  const char *json =
    "{\"employees\": ["
    "{\"id\": \"1\", \"first_name\": \"X\\ud800Y\", \"email\": \"x@example.com\"},"
    "{\"id\": \"2\", \"first_name\": \"Ev\\u001bil\\u202e\", \"email\": \"a\\u0000@evil.example\"},"
    "{\"id\": \"3\", \"first_name\": \"Ana\", \"email\": \"ana\\u200b@example.com\"}]}";
  g_autofree char *dir = g_dir_make_tmp ("hc-file-dirty-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "employees.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (HcFileConnector) connector = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  HcEmployee *e;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  connector = hc_file_connector_new (file, NULL);
  employees = fetch (HC_CONNECTOR (connector), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 3);
  for (guint i = 0; i < employees->len; i++)
    {
      e = g_ptr_array_index (employees, i);
      for (const char *f = hc_employee_get_first_name (e); f != NULL; f = NULL)
        g_assert_true (g_utf8_validate (f, -1, NULL));
    }
  e = g_ptr_array_index (employees, 0);
  g_assert_true (hc_employee_get_invalid (e));
  g_assert_nonnull (hc_employee_get_problems (e));
  e = g_ptr_array_index (employees, 1);
  g_assert_cmpstr (hc_employee_get_first_name (e), ==, "Evil");
  g_assert_null (hc_employee_get_email (e));
  g_assert_nonnull (hc_employee_get_problems (e));
  /* the warning names the cleaned name, not the escape sequence */
  g_assert_nonnull (strstr (g_ptr_array_index (hc_employee_get_problems (e), 0), "Evil"));
  e = g_ptr_array_index (employees, 2);
  g_assert_null (hc_employee_get_email (e));
  g_assert_false (hc_employee_get_invalid (e));
  g_assert_no_errno (g_unlink (path));
  g_assert_no_errno (g_rmdir (dir));
}

static void
test_missing_file (void)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/dir/employees.json");
  g_autoptr (HcFileConnector) connector = hc_file_connector_new (file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = fetch (HC_CONNECTOR (connector), &error);

  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  /* the path is named once, not twice */
  {
    const char *first = strstr (error->message, "/nonexistent/dir/employees.json");

    g_assert_nonnull (first);
    g_assert_null (strstr (first + 1, "/nonexistent/dir/employees.json"));
  }
}

static void
test_list_values (void)
{
  g_autoptr (HcFileConnector) connector = hc_file_connector_new_demo ();
  g_autoptr (GPtrArray) employees = fetch (HC_CONNECTOR (connector), NULL);
  g_autoptr (GArray) counts = NULL;
  g_autoptr (GPtrArray) values = hc_connector_list_values (employees, "office", &counts);
  g_autoptr (GPtrArray) fields = hc_connector_list_fields (employees);
  guint total = 0;

  g_assert_cmpuint (values->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (values, 0), ==, "Paris");   /* the biggest office first */
  for (guint i = 0; i < counts->len; i++)
    total += g_array_index (counts, guint, i);
  g_assert_cmpuint (total, ==, employees->len);
  g_assert_true (g_ptr_array_find_with_equal_func (fields, "skip_sync", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (fields, "location.city", g_str_equal, NULL));
}

/* A snapshot nested 100,000 levels deep is refused, not a crash. */
static void
test_deep_snapshot (void)
{
  g_autoptr (GString) json = g_string_new ("{\"employees\": [{\"id\": \"E1\", \"fields\": {\"x\": ");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "}}]}");
  employees = hc_file_connector_parse (json->str, json->len, "deep.json", &error);
  g_assert_null (employees);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "deep.json"));
  g_assert_nonnull (strstr (error->message, "512 levels"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-connector/demo-company", test_demo_company);
  for (guint i = 0; i < G_N_ELEMENTS (bad_snapshots); i++)
    {
      g_autofree char *path = g_strdup_printf ("/file-connector/bad/%02u", i);
      g_test_add_data_func (path, &bad_snapshots[i], test_bad_snapshot);
    }
  g_test_add_func ("/file-connector/odd-values", test_odd_values);
  g_test_add_func ("/file-connector/dirty-values", test_dirty_values);
  g_test_add_func ("/file-connector/deep", test_deep_snapshot);
  g_test_add_func ("/file-connector/missing-file", test_missing_file);
  g_test_add_func ("/file-connector/list-values", test_list_values);

  return g_test_run ();
}
