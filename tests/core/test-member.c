/* test-member.c — a member's search text and an employee's compact record
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib.h>

#include "hc-employee.h"
#include "hc-member.h"

/* Search text folds case and accents, whatever the path a name takes:
 * the table of Latin letters, or full normalisation for the rest. */
static void
test_fold (void)
{
  static const struct { const char *text, *folded; } cases[] = {
    { "Zoé Ørsted", "zoe orsted" },
    { "Jürgen WEIß", "jurgen weiss" },
    { "ÆSE Łukasz Œuvre", "aese lukasz oeuvre" },
    { "Ìñës Åse Søren", "ines ase soren" },
    { "paul@Example.COM", "paul@example.com" },
    { "Ðorđe Þór", "ðorđe þor" },
    { "¼ ª", "1⁄4 a" },
    /* beyond the table: the whole text normalised */
    { "Siobhán Nguyễn", "siobhan nguyen" },
    { "Ǆemal", "dzemal" },
    { "Åse\xcc\x81", "ase" },       /* a combining accent after a letter */
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = hc_member_fold_search_text (cases[i].text);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }

  {
    g_autofree char *folded = hc_member_fold_search_text (NULL);
    g_autofree char *invalid = hc_member_fold_search_text ("Zo\xc3");

    g_assert_cmpstr (folded, ==, "");
    g_assert_cmpstr (invalid, ==, "");
  }
}

/* Per letter and per whole text, the same folding: every letter of the
 * table against a text with a letter beyond it, which takes the slow path. */
static void
test_fold_table (void)
{
  for (gunichar c = 0x80; c < 0x250; c++)
    {
      char utf8[8] = { 0 };
      g_autofree char *text = NULL;
      g_autofree char *fast = NULL;
      g_autofree char *slow = NULL;

      g_unichar_to_utf8 (c, utf8);
      text = g_strconcat ("A", utf8, "b", NULL);
      fast = hc_member_fold_search_text (text);
      /* U+1E00 sends the whole text down the slow path */
      g_free (text);
      text = g_strconcat ("A", utf8, "b\xe1\xb8\x80", NULL);
      slow = hc_member_fold_search_text (text);
      g_assert_true (g_str_has_suffix (slow, "a"));
      slow[strlen (slow) - 1] = '\0';
      g_assert_cmpstr (fast, ==, slow);
    }
}

/* Compacting keeps every value, replaced ones included, and the record
 * grows again afterwards. */
static void
test_employee_compact (void)
{
  g_autoptr (HcEmployee) e = hc_employee_new ("E001");
  g_autofree char *long_value = g_strnfill (3000, 'x');

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("field_%u", i);
      g_autofree char *value = g_strdup_printf ("value %u", i);

      hc_employee_set_field (e, name, value);
    }
  hc_employee_set_field (e, "field_3", "replaced");
  hc_employee_set_field (e, "long", long_value);
  hc_employee_set_field (e, "field_7", NULL);
  hc_employee_set_status (e, HC_EMPLOYEE_STATUS_LEAVE);

  hc_employee_compact (e);
  hc_employee_compact (e);

  g_assert_cmpstr (hc_employee_get_id (e), ==, "E001");
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_ID), ==, "E001");
  g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_LEAVE);
  g_assert_cmpstr (hc_employee_get_field (e, "field_0"), ==, "value 0");
  g_assert_cmpstr (hc_employee_get_field (e, "field_3"), ==, "replaced");
  g_assert_null (hc_employee_get_field (e, "field_7"));
  g_assert_cmpstr (hc_employee_get_field (e, "field_59"), ==, "value 59");
  g_assert_cmpstr (hc_employee_get_field (e, "long"), ==, long_value);

  hc_employee_set_field (e, "after", "added later");
  hc_employee_set_field (e, "field_0", "changed later");
  g_assert_cmpstr (hc_employee_get_field (e, "after"), ==, "added later");
  g_assert_cmpstr (hc_employee_get_field (e, "field_0"), ==, "changed later");
  g_assert_cmpstr (hc_employee_get_field (e, "field_59"), ==, "value 59");
}

/* A value under two names (a field and its label's alias) is kept once,
 * and each name still changes on its own; past the names whose values
 * are looked up, values are copied as they are. */
static void
test_employee_compact_shared (void)
{
  g_autoptr (HcEmployee) e = hc_employee_new ("E002");

  hc_employee_set_field (e, "department", "Sales");
  hc_employee_set_field (e, "abteilung", "Sales");
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("field_%u", i);
      g_autofree char *value = g_strdup_printf ("value %u", i % 7);

      hc_employee_set_field (e, name, value);
    }
  hc_employee_compact (e);

  g_assert_cmpstr (hc_employee_get_field (e, "department"), ==, "Sales");
  g_assert_true (hc_employee_get_field (e, "abteilung") == hc_employee_get_field (e, "department"));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("field_%u", i);
      g_autofree char *value = g_strdup_printf ("value %u", i % 7);

      g_assert_cmpstr (hc_employee_get_field (e, name), ==, value);
    }
  g_assert_cmpstr (hc_employee_get_id (e), ==, "E002");

  hc_employee_set_field (e, "abteilung", "Support");
  g_assert_cmpstr (hc_employee_get_field (e, "department"), ==, "Sales");
  g_assert_cmpstr (hc_employee_get_field (e, "abteilung"), ==, "Support");
  hc_employee_compact (e);
  g_assert_cmpstr (hc_employee_get_field (e, "department"), ==, "Sales");
  g_assert_cmpstr (hc_employee_get_field (e, "abteilung"), ==, "Support");
  g_assert_cmpstr (hc_employee_get_field (e, "field_199"), ==, "value 3");
}

/* A compact record reads as before: a value read before a later write
 * stays valid, the status follows its setter, and the names are listed
 * and found in the same order. */
static void
test_employee_compact_reads (void)
{
  g_autoptr (HcEmployee) e = hc_employee_new ("E003");
  g_autoptr (GPtrArray) names = NULL;
  const char *kept;

  hc_employee_set_field (e, "office", "Berlin");
  hc_employee_set_field (e, "team", "Core");
  hc_employee_compact (e);

  /* by field id, as the group plan reads them, on the packed record */
  g_assert_cmpstr (hc_employee_get_field_by_id (e, hc_employee_field_id ("office")), ==, "Berlin");
  g_assert_cmpstr (hc_employee_get_field_by_id (e, hc_employee_field_id ("team")), ==, "Core");
  g_assert_null (hc_employee_get_field_by_id (e, hc_employee_field_id ("compact-reads-none")));
  hc_employee_prefetch (e);

  names = hc_employee_list_fields (e);
  g_assert_cmpuint (names->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "id");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "office");
  g_assert_cmpstr (g_ptr_array_index (names, 2), ==, "status");
  g_assert_cmpstr (g_ptr_array_index (names, 3), ==, "team");

  hc_employee_set_status (e, HC_EMPLOYEE_STATUS_INACTIVE);
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_STATUS), ==, "inactive");

  kept = hc_employee_get_field (e, "office");
  hc_employee_set_field (e, "office", "Paris");
  hc_employee_set_field (e, "team", NULL);
  g_assert_cmpstr (kept, ==, "Berlin");
  g_assert_cmpstr (hc_employee_get_field (e, "office"), ==, "Paris");
  g_assert_null (hc_employee_get_field (e, "team"));
  g_assert_cmpstr (hc_employee_get_field (e, HC_FIELD_STATUS), ==, "inactive");
  g_assert_cmpstr (hc_employee_get_id (e), ==, "E003");
}

/* Records filled one after the other in one scratch: each holds its own
 * values once compacted, whatever the next one writes into the memory it
 * gave back; a record larger than a chunk, and one released before it is
 * compacted, give their memory back too. */
static void
test_employee_scratch (void)
{
  HcEmployeeScratch *scratch = hc_employee_scratch_new ();
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *long_value = g_strnfill (9000, 'y');
  HcEmployee *dropped;

  for (guint r = 0; r < 5; r++)
    {
      g_autofree char *id = g_strdup_printf ("S%u", r);
      HcEmployee *e = hc_employee_new_in_scratch (id, scratch);

      for (guint i = 0; i < 40 + r * 20; i++)
        {
          g_autofree char *name = g_strdup_printf ("field_%u", i);
          g_autofree char *value = g_strdup_printf ("record %u value %u", r, i);

          hc_employee_set_field (e, name, value);
        }
      if (r == 2)
        hc_employee_set_field (e, "long", long_value);
      hc_employee_set_field (e, "field_1", "replaced");
      hc_employee_set_status (e, HC_EMPLOYEE_STATUS_ONBOARDING);
      hc_employee_compact (e);
      g_ptr_array_add (records, e);
    }

  /* released before compaction: the scratch takes its memory back */
  dropped = hc_employee_new_in_scratch ("dropped", scratch);
  hc_employee_set_field (dropped, "office", "Lyon");
  g_object_unref (dropped);

  for (guint r = 0; r < records->len; r++)
    {
      HcEmployee *e = g_ptr_array_index (records, r);
      g_autofree char *id = g_strdup_printf ("S%u", r);

      g_assert_cmpstr (hc_employee_get_id (e), ==, id);
      g_assert_cmpint (hc_employee_get_status (e), ==, HC_EMPLOYEE_STATUS_ONBOARDING);
      g_assert_cmpstr (hc_employee_get_field (e, "field_1"), ==, "replaced");
      for (guint i = 2; i < 40 + r * 20; i++)
        {
          g_autofree char *name = g_strdup_printf ("field_%u", i);
          g_autofree char *value = g_strdup_printf ("record %u value %u", r, i);

          g_assert_cmpstr (hc_employee_get_field (e, name), ==, value);
        }
      g_assert_null (hc_employee_get_field (e, "office"));
      if (r == 2)
        g_assert_cmpstr (hc_employee_get_field (e, "long"), ==, long_value);
      else
        g_assert_null (hc_employee_get_field (e, "long"));
    }

  /* a record written after its compaction owns its memory */
  hc_employee_set_field (g_ptr_array_index (records, 0), "after", "later");
  hc_employee_scratch_free (scratch);
  g_assert_cmpstr (hc_employee_get_field (g_ptr_array_index (records, 0), "after"), ==, "later");
  g_assert_cmpstr (hc_employee_get_field (g_ptr_array_index (records, 4), "field_99"), ==, "record 4 value 99");
}

/* A record lent a scratch finds its fields by where the scratch placed
 * them: a field removed moves those after it, and the next record of the
 * scratch has none of the one before's. */
static void
test_employee_scratch_places (void)
{
  HcEmployeeScratch *scratch = hc_employee_scratch_new ();
  g_autoptr (HcEmployee) first = hc_employee_new_in_scratch ("P1", scratch);
  g_autoptr (HcEmployee) second = NULL;
  g_autoptr (GPtrArray) names = NULL;

  hc_employee_set_field (first, "a", "1");
  hc_employee_set_field (first, "b", "2");
  hc_employee_set_field (first, "c", "3");
  hc_employee_set_field (first, "d", "4");
  hc_employee_set_field (first, "b", NULL);
  g_assert_null (hc_employee_get_field (first, "b"));
  g_assert_cmpstr (hc_employee_get_field (first, "a"), ==, "1");
  g_assert_cmpstr (hc_employee_get_field (first, "c"), ==, "3");
  g_assert_cmpstr (hc_employee_get_field (first, "d"), ==, "4");
  hc_employee_set_field (first, "c", "three");
  hc_employee_set_field (first, "e", "5");
  g_assert_cmpstr (hc_employee_get_field (first, "c"), ==, "three");
  g_assert_cmpstr (hc_employee_get_field (first, "d"), ==, "4");
  g_assert_cmpstr (hc_employee_get_field (first, "e"), ==, "5");
  hc_employee_compact (first);
  names = hc_employee_list_fields (first);
  g_assert_cmpuint (names->len, ==, 6);         /* id, status, a, c, d, e */

  second = hc_employee_new_in_scratch ("P2", scratch);
  g_assert_null (hc_employee_get_field (second, "a"));
  g_assert_null (hc_employee_get_field (second, "d"));
  hc_employee_set_field (second, "d", "four");
  hc_employee_set_field (second, "a", "one");
  g_assert_cmpstr (hc_employee_get_field (second, "d"), ==, "four");
  g_assert_cmpstr (hc_employee_get_field (second, "a"), ==, "one");
  g_assert_null (hc_employee_get_field (second, "c"));
  hc_employee_compact (second);
  hc_employee_scratch_free (scratch);

  g_assert_cmpstr (hc_employee_get_field (first, "a"), ==, "1");
  g_assert_cmpstr (hc_employee_get_field (first, "c"), ==, "three");
  g_assert_null (hc_employee_get_field (first, "b"));
  g_assert_cmpstr (hc_employee_get_field (second, "d"), ==, "four");
  g_assert_null (hc_employee_get_field (second, "e"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/member/fold", test_fold);
  g_test_add_func ("/member/fold-table", test_fold_table);
  g_test_add_func ("/employee/compact", test_employee_compact);
  g_test_add_func ("/employee/compact-shared", test_employee_compact_shared);
  g_test_add_func ("/employee/compact-reads", test_employee_compact_reads);
  g_test_add_func ("/employee/scratch", test_employee_scratch);
  g_test_add_func ("/employee/scratch-places", test_employee_scratch_places);
  return g_test_run ();
}
