/* fuzz-workday.c — libFuzzer target: a Workday RaaS report (JSON) mapped as the connector maps it
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The connector's static mapping, compiled in here (the target links the
 * core library without its copy of this file). */
#include "hc-workday-connector.c"

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
  g_autoptr (GError) error = NULL;
  const char *path = "/ccx/service/customreport2/acme/isu/Headcount";
  JsonArray *entries;
  GDate today;

  if (root == NULL)
    return 0;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2026);
  entries = report_entries (root, path, &error);
  g_assert ((entries == NULL) == (error != NULL));
  if (entries == NULL)
    return 0;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      HcEmployee *employee = map_entry (json_array_get_element (entries, i), i, path, &today,
                                        &error);

      g_assert ((employee == NULL) == (error != NULL));
      if (employee == NULL)
        break;
      g_ptr_array_add (employees, employee);
    }
  hc_fuzz_use_employees (employees);
  return 0;
}
