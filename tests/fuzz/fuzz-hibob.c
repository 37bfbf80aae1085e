/* fuzz-hibob.c — libFuzzer target: a HiBob people search answer (POST /v1/people/search) mapped as the connector maps it
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The connector's static mapping, compiled in here (the target links the
 * core library without its copy of this file). */
#include "hc-hibob-connector.c"

#include "hc-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  hc_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (JsonNode) root = hc_fuzz_parse_json (data, size);
  g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) slugs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *today = hc_connector_util_today ();
  g_autoptr (GError) error = NULL;
  gboolean has_status = FALSE;
  Fetch f = {
    .search_path = (char *) "/v1/people/search",
    .team_field = (char *) "work.custom.team",
    .label_slugs = slugs,
  };
  JsonArray *array;

  if (root == NULL)
    return 0;
  g_hash_table_insert (slugs, (gpointer) "work.custom.remote", (gpointer) "remote");
  array = get_employees (root, f.search_path, &error);
  g_assert ((array == NULL) == (error != NULL));
  if (array == NULL)
    return 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      HcEmployee *employee = map_employee (&f, json_array_get_element (array, i), i, today,
                                           &has_status, &error);

      g_assert ((employee == NULL) == (error != NULL));
      if (employee == NULL)
        break;
      g_ptr_array_add (employees, employee);
    }
  hc_fuzz_use_employees (employees);
  return 0;
}
