/* fuzz-member-csv.c — libFuzzer target: the member import: the file read, its columns guessed, the preview checked against a directory
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "hc-fuzz.h"
#include "hc-member-csv.h"
#include "hc-member.h"

static GPtrArray *existing;

static void
add_existing (gint64      id,
              const char *email,
              const char *first_name)
{
  HcMember *member = hc_member_new ();

  hc_member_set_id (member, id);
  hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, email);
  hc_member_set_field (member, HC_MEMBER_FIELD_FIRST_NAME, first_name);
  g_ptr_array_add (existing, member);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  hc_fuzz_init ();
  /* A directory to match the lines against: e-mails taken, managers. */
  existing = g_ptr_array_new_with_free_func (g_object_unref);
  add_existing (1, "ada@example.com", "Ada");
  add_existing (2, "grace@example.com", "Grace");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  g_autoptr (HcMemberCsvImport) import = NULL;
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GError) error = NULL;

  import = hc_member_csv_import_new_from_stream (stream, 0, NULL, &error);
  g_assert ((import == NULL) == (error != NULL));
  if (import == NULL)
    return 0;
  for (guint i = 0; i < hc_member_csv_import_get_n_columns (import); i++)
    {
      hc_member_csv_import_get_column_name (import, i);
      hc_member_csv_import_get_column_field (import, i);
    }
  preview = hc_member_csv_import_preview (import, existing, &error);
  g_assert ((preview == NULL) == (error != NULL));
  return 0;
}
