/* fuzz-csv.c — libFuzzer target: the CSV reader, record by record; the first byte picks the separator
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "hc-csv.h"
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
  static const char separators[] = { 0, ',', ';', '\t' };
  g_autoptr (HcCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  HcCsvRecord *record;

  if (size == 0)
    return 0;
  reader = hc_csv_reader_new_for_data ((const char *) data + 1, (gssize) size - 1,
                                       separators[data[0] % G_N_ELEMENTS (separators)]);
  while ((record = hc_csv_reader_next (reader, NULL, &error)) != NULL)
    hc_csv_record_free (record);
  hc_csv_reader_get_separator (reader);
  hc_csv_reader_get_n_columns (reader);
  hc_csv_reader_get_error_line (reader);
  return 0;
}
