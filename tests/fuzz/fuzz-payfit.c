/* fuzz-merge.c — libFuzzer target: a page of PayFit collaborators mapped as the connector maps it
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The connector's static mapping, compiled in here (the target links the
 * core library without its copy of this file). */
#include "hc-payfit-connector.c"

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
  g_autofree char *today = hc_connector_util_today ();
  JsonNode *items;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  /* The page's list, where the pager finds it. */
  items = hc_json_lookup (json_node_get_object (root), "collaborators");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return 0;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
    {
      g_autoptr (GError) error = NULL;
      HcEmployee *employee = map_employee (json_array_get_element (json_node_get_array (items), i),
                                           i + 1, today, &error);

      g_assert ((employee == NULL) == (error != NULL));
      if (employee == NULL)
        break;
      g_ptr_array_add (employees, employee);
    }
  hc_fuzz_use_employees (employees);
  return 0;
}
