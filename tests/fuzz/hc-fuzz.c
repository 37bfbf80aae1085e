/* hc-fuzz.c — what the libFuzzer targets of tests/fuzz share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hc-fuzz.h"

#include "hc-employee.h"
#include "hc-json.h"
#include "hc-sanitize.h"

#include <locale.h>

void
hc_fuzz_init (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
}

JsonNode *
hc_fuzz_parse_json (const uint8_t *data,
                    size_t         size)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!hc_json_load (parser, (const char *) data, (gssize) size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL ? json_node_copy (root) : NULL;
}

void
hc_fuzz_use_employees (GPtrArray *employees)
{
  if (employees == NULL)
    return;

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *employee = g_ptr_array_index (employees, i);
      g_autoptr (GPtrArray) fields = hc_employee_list_fields (employee);
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autofree char *name = hc_employee_dup_display_name (employee);

      g_assert_nonnull (hc_employee_get_id (employee));
      for (guint j = 0; fields != NULL && j < fields->len; j++)
        {
          const char *field = g_ptr_array_index (fields, j);
          g_autofree char *clean = NULL;

          hc_sanitize_value (field, hc_employee_get_field (employee, field), &clean);
        }
      hc_employee_to_json (employee, builder);
    }
}
