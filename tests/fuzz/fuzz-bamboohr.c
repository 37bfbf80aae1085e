/* fuzz-bamboohr.c — libFuzzer target: a BambooHR custom report (POST /v1/reports/custom) mapped as the connector maps it
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The connector's static mapping, compiled in here (the target links the
 * core library without its copy of this file). */
#include "hc-bamboohr-connector.c"

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
  g_autoptr (GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  if (root == NULL)
    return 0;
  /* The field list's labels, as the metadata would give them. */
  g_hash_table_insert (labels, (gpointer) "customTeam", (gpointer) "Team");
  g_hash_table_insert (labels, (gpointer) "4001", (gpointer) "Cost centre");
  employees = parse_report (root, labels, NULL, NULL, NULL, &error);
  g_assert ((employees == NULL) == (error != NULL));
  hc_fuzz_use_employees (employees);
  return 0;
}
