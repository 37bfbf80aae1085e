/* fuzz-config.c — libFuzzer target: the connector configuration’s validator, and its own output read back
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "hc-config.h"
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
  static const char *kinds[] = { "personio", "bamboohr", "hibob", "lucca", "workday", "file" };
  const char *kind;
  g_autofree char *text = NULL;
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (HcConfig) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  if (size == 0)
    return 0;
  /* The first byte picks the connector's kind; the rest is the document. */
  kind = kinds[data[0] % G_N_ELEMENTS (kinds)];
  text = g_strndup ((const char *) data + 1, size - 1);
  config = hc_config_new_from_json_for_kind (text, kind, &error);
  g_assert ((config == NULL) == (error != NULL));
  if (config == NULL)
    return 0;

  /* What it accepted, it writes so that it reads it back the same. */
  json = hc_config_to_json (config);
  again = hc_config_new_from_json_for_kind (json, kind, &error);
  g_assert_no_error (error);
  g_assert_true (hc_config_equal (config, again));
  return 0;
}
