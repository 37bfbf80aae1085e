/* fuzz-personio-v2.c — libFuzzer target: a page of Personio API v2 persons,
 * with employments beside them, mapped as the connector maps them
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The connector's static mapping, compiled in here (the target links the
 * core library without its copy of this file). */
#include "hc-personio-v2-connector.c"

#include "hc-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  hc_fuzz_init ();
  return 0;
}

/* {"_data": [Person…], "employments": [Employment…]}: the persons' page as
 * GET /persons sends it; the nth employment (when there is one) goes with
 * the nth person, as GET /persons/{id}/employments would give it. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (JsonNode) root = hc_fuzz_parse_json (data, size);
  g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) custom = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) hc_field_info_free);
  g_autofree char *today = hc_connector_util_today ();
  JsonArray *employments;
  JsonNode *items;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  items = hc_json_lookup (json_node_get_object (root), "_data");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return 0;
  employments = hc_json_member_array (json_node_get_object (root), "employments");

  for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
    {
      g_autoptr (GError) error = NULL;
      JsonNode *employment = employments != NULL && i < json_array_get_length (employments) ?
                             json_array_get_element (employments, i) : NULL;
      HcEmployee *employee = map_person (json_array_get_element (json_node_get_array (items), i),
                                         employment, i + 1, today, custom, &error);

      g_assert ((employee == NULL) == (error != NULL));
      if (employee == NULL)
        break;
      g_ptr_array_add (employees, employee);
    }
  hc_fuzz_use_employees (employees);
  return 0;
}
