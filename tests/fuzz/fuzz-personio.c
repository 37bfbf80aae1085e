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
  g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  HcHttpDecoded *decoded = g_new0 (HcHttpDecoded, 1);
  char *body = hc_sj_buffer_acquire (size);
  gboolean decoded_ok;
  Page *page;

  /* What the HTTP worker does with a page: the body in a padded buffer,
   * simdjson, then the mapping. */
  if (size > 0)
    memcpy (body, data, size);
  memset (body + size, 0, HC_SJ_PADDING);
  decoded->n_items = -1;
  decoded->total = -1;
  decoded->estimate = -1;
  decoded_ok = decode_page (body, size, decoded, NULL, &error);
  hc_sj_buffer_release (body);
  if (!decoded_ok)
    {
      g_assert (error != NULL);
      hc_http_decoded_free (decoded);
      return 0;
    }
  page = decoded->data;
  for (guint i = 0; page != NULL && i < page->items->len; i++)
    {
      Item *item = &g_array_index (page->items, Item, i);
      g_autoptr (GError) item_error = NULL;

      if (!item_check (item, i + 1, "/company/employees", &item_error))
        {
          g_assert (item_error != NULL);
          break;
        }
      g_assert (item->employee != NULL);
      g_ptr_array_add (employees, g_object_ref (item->employee));
    }
  hc_fuzz_use_employees (employees);
  hc_http_decoded_free (decoded);
  return 0;
}
