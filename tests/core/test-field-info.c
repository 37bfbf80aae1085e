/* test-field-info.c — field metadata, the default names of the exclusion
 * checkbox, and the error for a checkbox the HR data lacks
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "hc-error.h"
#include "hc-field-info.h"
#include "hc-scope.h"
#include "hc-test-fixtures.h"

/* ─── the default-name matcher ─────────────────────────────────────── */

typedef struct
{
  const char *text;
  gboolean    exclusion;
} NameCase;

static const NameCase name_cases[] = {
  /* English, API names and labels */
  { "skip_sync", TRUE },
  { "Skip sync", TRUE },
  { "SKIP SYNC", TRUE },
  { "skipSync", TRUE },
  { "customSkipSync", TRUE },
  { "CF_Skip_Sync", TRUE },
  { "skipsync", TRUE },
  { "skip-directory-sync", TRUE },
  { "Skip directory sync", TRUE },
  { "skip_elevo_sync", TRUE },
  { "Do not sync", TRUE },
  { "do_not_sync", TRUE },
  { "doNotSync", TRUE },
  { "Don't sync to Slack", TRUE },
  { "Dont sync", TRUE },
  { "No sync", TRUE },
  { "nosync", TRUE },
  { "Exclude from directory sync", TRUE },
  { "Skip syncing", TRUE },
  { "work.custom.skip_sync", TRUE },
  { "extendedData.e_skip_sync", TRUE },
  { "custom.category_1.Do_Not_Sync", TRUE },
  /* French, with and without accents, any case */
  { "Ne pas synchroniser", TRUE },
  { "Ne pas synchroniser avec Elevo", TRUE },
  { "NE PAS SYNCHRONISER AVEC ÉLEVO", TRUE },
  { "ne_pas_synchroniser_avec_elevo", TRUE },
  { "Ne pas synchro", TRUE },
  { "Pas de synchronisation", TRUE },
  { "Exclure de la synchronisation", TRUE },
  { "Exclu de la synchro", TRUE },
  { "Sans synchronisation annuaire", TRUE },
  { "e_ne_pas_synchroniser", TRUE },
  /* not an exclusion */
  { "sync_status", FALSE },
  { "last_sync", FALSE },
  { "Last sync skipped", FALSE },
  { "Synchronisation automatique", FALSE },
  { "skip_level_manager", FALSE },
  { "skip", FALSE },
  { "do_not_disturb", FALSE },
  { "no_show", FALSE },
  { "Synchroniser", FALSE },
  { "Skipper", FALSE },
  { "Ne pas déranger", FALSE },
  { "", FALSE },
  { NULL, FALSE },
};

static void
test_name_case (gconstpointer data)
{
  const NameCase *c = data;

  g_assert_cmpint (hc_field_info_is_exclusion_name (c->text), ==, c->exclusion);
}

static void
test_label_or_name (void)
{
  g_autoptr (HcFieldInfo) by_label = hc_field_info_new ("customField4521", "Ne pas synchroniser avec Elevo",
                                                        HC_FIELD_TYPE_BOOLEAN);
  g_autoptr (HcFieldInfo) by_name = hc_field_info_new ("skip_elevo_sync", NULL, HC_FIELD_TYPE_BOOLEAN);
  g_autoptr (HcFieldInfo) neither = hc_field_info_new ("customField4522", "Remote worker",
                                                       HC_FIELD_TYPE_BOOLEAN);

  g_assert_true (hc_field_info_is_exclusion (by_label));
  g_assert_true (hc_field_info_is_exclusion (by_name));
  g_assert_false (hc_field_info_is_exclusion (neither));
}

/* ─── boolean values ───────────────────────────────────────────────── */

static void
test_boolean_values (void)
{
  const char *yes[] = { "true", "False", " YES ", "no", "Oui", "non", "1", "0" };
  const char *no[] = { "2", "maybe", "", "t", "Paris", "10" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    g_assert_true (hc_field_value_is_boolean (yes[i]));
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    g_assert_false (hc_field_value_is_boolean (no[i]));
  g_assert_false (hc_field_value_is_boolean (NULL));
}

/* ─── describing the fields ────────────────────────────────────────── */

static void
test_describe (void)
{
  const char *specs[] = {
    "E1|Ana|Lima|a@x|active||Paris|false|||remote=yes;floor=1;vendor_flag=0;one=1;remote_worker=true",
    "E2|Ben|Diaz|b@x|active||Lyon|true|||remote=no;floor=3;one=1;flag01=0",
    "E3|Cy|Roe|c@x|active||Lyon||||floor=2;flag01=1",
    NULL
  };
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (GPtrArray) metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);
  g_autoptr (GPtrArray) fields = NULL;
  const HcFieldInfo *info;

  /* the vendor says vendor_flag is a number and knows a checkbox nobody has set */
  g_ptr_array_add (metadata, hc_field_info_new ("vendor_flag", "Vendor flag", HC_FIELD_TYPE_NUMBER));
  g_ptr_array_add (metadata, hc_field_info_new ("unset_box", "Ne pas synchroniser", HC_FIELD_TYPE_BOOLEAN));
  g_ptr_array_add (metadata, hc_field_info_new ("customField9", "Remote worker", HC_FIELD_TYPE_BOOLEAN));

  fields = hc_field_info_describe (metadata, employees);
  for (guint i = 1; i < fields->len; i++)
    g_assert_cmpstr (((HcFieldInfo *) g_ptr_array_index (fields, i - 1))->name, <,
                     ((HcFieldInfo *) g_ptr_array_index (fields, i))->name);

  info = hc_field_info_find (fields, "skip_sync");
  g_assert_nonnull (info);
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_BOOLEAN);
  g_assert_false (info->from_metadata);
  info = hc_field_info_find (fields, "remote");
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_BOOLEAN);
  info = hc_field_info_find (fields, "floor");
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_TEXT);
  info = hc_field_info_find (fields, "office");
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_TEXT);
  /* the vendor's word wins over the values */
  info = hc_field_info_find (fields, "vendor_flag");
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_NUMBER);
  g_assert_cmpstr (info->label, ==, "Vendor flag");
  g_assert_true (info->from_metadata);
  info = hc_field_info_find (fields, "unset_box");
  g_assert_nonnull (info);
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_BOOLEAN);
  g_assert_null (hc_field_info_find (fields, "nothing"));
  /* digits alone are a checkbox only when both 0 and 1 come */
  g_assert_cmpint (hc_field_info_find (fields, "one")->type, ==, HC_FIELD_TYPE_TEXT);
  g_assert_cmpint (hc_field_info_find (fields, "flag01")->type, ==, HC_FIELD_TYPE_BOOLEAN);
  /* the slug of a metadata label is the same field: listed once */
  g_assert_null (hc_field_info_find (fields, "remote_worker"));
  g_assert_nonnull (hc_field_info_find (fields, "customField9"));
  g_assert_cmpstr (hc_field_type_to_string (HC_FIELD_TYPE_BOOLEAN), ==, "boolean");
}

/* ─── a checkbox the HR data lacks ─────────────────────────────────── */

typedef struct
{
  const char *exclude_field;
  const char *missing;          /* NULL: no error */
} MissingCase;

static const MissingCase missing_cases[] = {
  { NULL, NULL },
  { "auto", NULL },
  { "skip_sync", NULL },
  { "unset_box", NULL },         /* in the metadata only */
  { "auto|skip_sync", NULL },
  { "skip_elevo_sync", "skip_elevo_sync" },
  { "skip_sync|customSkip", "customSkip" },
  { "auto|gone_box", "gone_box" },
};

static void
test_missing_case (gconstpointer data)
{
  const MissingCase *c = data;
  const char *specs[] = { "E1|Ana|Lima|a@x|active|||false", NULL };
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (GPtrArray) metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GError) error = NULL;
  gboolean ok;

  g_ptr_array_add (metadata, hc_field_info_new ("unset_box", NULL, HC_FIELD_TYPE_BOOLEAN));
  fields = hc_field_info_describe (metadata, employees);
  g_free (config->exclude_field);
  config->exclude_field = g_strdup (c->exclude_field);

  ok = hc_field_info_check_exclusion (config, fields, "BambooHR", &error);
  if (c->missing == NULL)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  g_assert_nonnull (strstr (error->message, c->missing));
  g_assert_nonnull (strstr (error->message, "BambooHR"));
  g_assert_nonnull (strstr (error->message, "exclusion checkbox"));
}

/* ─── the automatic exclusion field in scope ───────────────────────── */

static void
test_scope_auto (void)
{
  const char *specs[] = {
    "E1|Ana|Lima|a@x|active",
    "E2|Ben|Diaz|b@x|active||||||skip_elevo_sync=1",
    "E3|Cy|Roe|c@x|active||||||ne_pas_synchroniser_avec_elevo=true",
    "E4|Di|Wu|d@x|active||||||skip_elevo_sync=0",
    "E5|Ed|Ng|e@x|active||||||last_sync=true",
    "E6|Fa|Oz|f@x|active||||||extendedData.e_skip_sync=true;customSkipSync=1",
    NULL
  };
  const HcScopeResult expected[] = {
    HC_SCOPE_IN, HC_SCOPE_OUT_EXCLUDED, HC_SCOPE_OUT_EXCLUDED, HC_SCOPE_IN, HC_SCOPE_IN,
    HC_SCOPE_OUT_EXCLUDED,
  };
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GHashTable) results = NULL;
  g_autofree char *why = NULL;

  g_assert_cmpstr (config->exclude_field, ==, HC_CONFIG_EXCLUDE_AUTO);
  results = hc_scope_evaluate_all (config, employees);
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);

      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (results, hc_employee_get_id (e))) - 1,
                       ==, expected[i]);
      g_assert_cmpint (hc_scope_evaluate (config, e), ==, expected[i]);
    }
  g_assert_cmpuint (hc_scope_count_in_scope (config, employees, NULL), ==, 3);

  /* the explanation names the field that was found, the first by name */
  why = hc_scope_explain (config, g_ptr_array_index (employees, 5), HC_SCOPE_OUT_EXCLUDED, NULL, NULL);
  g_assert_nonnull (strstr (why, "customSkipSync"));
  g_clear_pointer (&why, g_free);
  why = hc_scope_explain (config, g_ptr_array_index (employees, 1), HC_SCOPE_OUT_EXCLUDED, NULL, NULL);
  g_assert_nonnull (strstr (why, "skip_elevo_sync"));

  /* named fields only: the others are not looked at */
  g_free (config->exclude_field);
  config->exclude_field = g_strdup ("skip_elevo_sync");
  g_assert_cmpuint (hc_scope_count_in_scope (config, employees, NULL), ==, 5);
  g_free (config->exclude_field);
  config->exclude_field = NULL;
  g_assert_cmpuint (hc_scope_count_in_scope (config, employees, NULL), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (name_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/field-info/exclusion-name/%u", i);

      g_test_add_data_func (path, &name_cases[i], test_name_case);
    }
  g_test_add_func ("/field-info/exclusion-label-or-name", test_label_or_name);
  g_test_add_func ("/field-info/boolean-values", test_boolean_values);
  g_test_add_func ("/field-info/describe", test_describe);
  for (guint i = 0; i < G_N_ELEMENTS (missing_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/field-info/missing-exclusion/%u", i);

      g_test_add_data_func (path, &missing_cases[i], test_missing_case);
    }
  g_test_add_func ("/field-info/scope-auto", test_scope_auto);

  return g_test_run ();
}
