/* fuzz-personio.c — libFuzzer target: one page of Personio employees (GET /company/employees) mapped as the connector maps it
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The connector's static mapping, compiled in here (the target links the
 * core library without its copy of this file). */
#include "hc-personio-connector.c"

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
  g_autoptr (GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) hc_field_info_free);
  JsonNode *list;

  if (root == NULL)
    return 0;
  page_total (root);
  list = JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_member (json_node_get_object (root), "data") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return 0;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (list), i);
      g_autoptr (GError) error = NULL;
      HcEmployee *employee = map_employee (node, i + 1, "/company/employees", &error);

      g_assert ((employee == NULL) == (error != NULL));
      if (employee == NULL)
        break;
      g_ptr_array_add (employees, employee);
      collect_metadata (metadata, node);
    }
  hc_fuzz_use_employees (employees);
  return 0;
}
