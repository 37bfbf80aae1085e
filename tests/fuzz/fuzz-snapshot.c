/* fuzz-snapshot.c — libFuzzer target: the file connector’s snapshot reader
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "hc-file-connector.h"
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
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GError) error = NULL;

  employees = hc_file_connector_parse ((const char *) data, size, "fuzz.json", &error);
  g_assert ((employees == NULL) == (error != NULL));
  hc_fuzz_use_employees (employees);
  return 0;
}
