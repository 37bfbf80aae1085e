/* test-mapping.c — table-driven tests of the field mapping
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "hc-config.h"
#include "hc-error.h"
#include "hc-mapping.h"
#include "hc-member.h"
#include "hc-scope.h"
#include "hc-test-fixtures.h"

/* ─── resolving values ─────────────────────────────────────────────── */

typedef struct
{
  const char *name;
  const char *employee;         /* hc_test_employee() spec */
  const char *mapping;          /* JSON "mapping" lines, NULL for the defaults */
  const char *target;
  const char *expected;         /* NULL: no value */
} ResolveCase;

static const ResolveCase resolve_cases[] = {
  { "first name, trimmed", "E1|  Zoé  |Lefèvre", NULL, "first_name", "Zoé" },
  { "last name as is", "E1|Zoé|de La Tour-d'Auvergne", NULL, "last_name", "de La Tour-d'Auvergne" },
  { "e-mail lower-cased and trimmed", "E1|Z|L| Zoe.Lefevre@Example.COM ", NULL, "email", "zoe.lefevre@example.com" },
  { "accented e-mail lower-cased", "E1|Z|L|ÉLODIE.MÜLLER@X.TEST", NULL, "email", "élodie.müller@x.test" },
  { "title from position", "E1|Z|L|z@x|||||CTO", NULL, "title", "CTO" },
  { "office", "E1|Z|L|z@x|||Zürich", NULL, "office", "Zürich" },
  { "manager is the HR manager id", "E1|Z|L|z@x||E7", NULL, "manager", "E7" },
  { "employee id is the HR id", "E42|Z|L", NULL, "employee_id", "E42" },
  { "start date from the hire date", "E1|Z|L|z@x||||||2024-03-01", NULL, "start_date", "2024-03-01" },
  { "an empty field gives nothing", "E1|Z|L|z@x", NULL, "title", NULL },
  { "blank gives nothing", "E1|Z|L|z@x|||||   ", NULL, "title", NULL },
  { "an unmapped target gives nothing", "E1|Z|L|z@x", NULL, "custom.cost_center", NULL },
  { "a removed line gives nothing", "E1|Z|L|z@x|||||CTO", "[{\"target\": \"title\", \"source\": null}]", "title", NULL },
  { "custom target from a custom field", "E1|Z|L|z@x|||||||cost_center=CC-100",
    "[{\"target\": \"custom.cost_center\", \"source\": \"cost_center\"}]", "custom.cost_center", "CC-100" },
  { "custom target from a nested field", "E1|Z|L|z@x|||||||location.city=Montréal",
    "[{\"target\": \"custom.city\", \"source\": \"location.city\"}]", "custom.city", "Montréal" },
  { "a standard target from a custom field", "E1|Z|L|z@x|||||CTO||job_title=Chief Technology Officer",
    "[{\"target\": \"title\", \"source\": \"job_title\"}]", "title", "Chief Technology Officer" },
  { "first non-empty: the first", "E1|Z|L|z@x|||||||work_email=Z@Work.test",
    "[{\"target\": \"email\", \"source\": [\"work_email\", \"email\"]}]", "email", "z@work.test" },
  { "first non-empty: the second", "E1|Z|L|Z@Home.test",
    "[{\"target\": \"email\", \"source\": [\"work_email\", \"email\"]}]", "email", "z@home.test" },
  { "first non-empty skips blanks", "E1|Z|L|z@x.test|||||||work_email=  ",
    "[{\"target\": \"email\", \"source\": [\"work_email\", \"email\"]}]", "email", "z@x.test" },
  { "first non-empty: none", "E1|Z|L",
    "[{\"target\": \"email\", \"source\": [\"work_email\", \"home_email\"]}]", "email", NULL },
  { "the old a|b form still works", "E1|Z|L|z@x|||||||dept=Sales",
    "[{\"target\": \"title\", \"source\": \"job_title|dept\"}]", "title", "Sales" },
  { "transform none keeps the e-mail as sent", "E1|Z|L| Z@X.test ",
    "[{\"target\": \"email\", \"source\": \"email\", \"transform\": \"none\"}]", "email", " Z@X.test " },
  { "transform trim only keeps the case", "E1|Z|L| Z@X.test ",
    "[{\"target\": \"email\", \"source\": \"email\", \"transform\": \"trim\"}]", "email", "Z@X.test" },
  { "transform lower on a custom field", "E1|Z|L|z@x|||||||team_code=  OPS-Ä ",
    "[{\"target\": \"custom.team\", \"source\": \"team_code\", \"transform\": [\"trim\", \"lower\"]}]",
    "custom.team", "ops-ä" },
  { "transform lower alone does not trim", "E1|Z|L|z@x|||||||team_code= OPS ",
    "[{\"target\": \"custom.team\", \"source\": \"team_code\", \"transform\": \"lower\"}]",
    "custom.team", " ops " },
  { "transform none on a name", "E1| Zoé |L", "[{\"target\": \"first_name\", \"source\": \"first_name\", \"transform\": \"none\"}]",
    "first_name", " Zoé " },
  { "department from the vendor's own key", "E1|Z|L|z@x|||||||department.name=R&D",
    "[{\"target\": \"department\", \"source\": [\"department.name\", \"department\"]}]", "department", "R&D" },
};

static HcConfig *
config_with_mapping (const char *mapping)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  HcConfig *config;

  if (mapping == NULL)
    return hc_config_new_default ();
  json = g_strdup_printf ("{\"mapping\": %s}", mapping);
  config = hc_config_new_from_json (json, &error);
  g_assert_no_error (error);
  return config;
}

static void
test_resolve_case (gconstpointer data)
{
  const ResolveCase *c = data;
  g_autoptr (HcEmployee) e = hc_test_employee (c->employee);
  g_autoptr (HcConfig) config = config_with_mapping (c->mapping);
  g_autofree char *value = hc_mapping_resolve (config, e, c->target);
  const HcMappingEntry *entry = hc_mapping_get_entry (config, c->target);

  if (g_strcmp0 (value, c->expected) != 0)
    g_error ("%s: expected “%s”, got “%s”", c->name,
             c->expected ? c->expected : "(null)", value ? value : "(null)");

  /* The same by the source's field id, as the plan resolves it: an id
   * for one source only. */
  if (entry != NULL)
    {
      guint field = hc_mapping_entry_get_field_id (entry);
      g_autofree char *by_id = hc_mapping_resolve_field (entry, field, e);

      if (entry->source == NULL || strchr (entry->source, '|') != NULL)
        g_assert_cmpuint (field, ==, G_MAXUINT);
      else
        g_assert_cmpuint (field, !=, G_MAXUINT);
      if (g_strcmp0 (by_id, c->expected) != 0)
        g_error ("%s, by field id: expected “%s”, got “%s”", c->name,
                 c->expected ? c->expected : "(null)", by_id ? by_id : "(null)");

      /* In place when it is the employee's own text: the same value; a
       * value to lower that is not lower case already, or several
       * sources, are left to hc_mapping_resolve_field(). */
      {
        const char *start = (const char *) 1;
        gsize length = 1;
        gboolean in_place = hc_mapping_resolve_field_in_place (entry, field, e, &start, &length);
        const char *raw = field != G_MAXUINT ? hc_employee_get_field_by_id (e, field) : NULL;
        /* lowered: the value is not in the employee's text as it is */
        gboolean lowered = c->expected != NULL && (raw == NULL || strstr (raw, c->expected) == NULL);

        if (entry->source != NULL && field == G_MAXUINT)
          g_assert_false (in_place);
        else if (lowered)
          g_assert_false (in_place);
        else
          {
            g_autofree char *got = start ? g_strndup (start, length) : NULL;

            g_assert_true (in_place);
            if (g_strcmp0 (got, c->expected) != 0)
              g_error ("%s, in place: expected “%s”, got “%s”", c->name,
                       c->expected ? c->expected : "(null)", got ? got : "(null)");
          }
      }
    }
}

/* ─── vendor defaults ──────────────────────────────────────────────── */

typedef struct
{
  const char *kind;
  const char *exclude_field;
  const char *excluded_employee;  /* a spec the defaults exclude */
} VendorCase;

/* Every vendor finds the checkbox by its name (HC_CONFIG_EXCLUDE_AUTO):
 * each case's field is where that vendor keeps a "skip sync" checkbox. */
static const VendorCase vendor_cases[] = {
  { NULL, "auto", "E1|A|B|a@x|active|||true" },
  { "demo", "auto", "E1|A|B|a@x|active|||true" },
  { "file", "auto", "E1|A|B|a@x|active|||1" },
  { "personio", "auto", "E1|A|B|a@x|active|||yes" },
  { "bamboohr", "auto", "E1|A|B|a@x|active||||||customSkipSync=1" },
  { "hibob", "auto", "E1|A|B|a@x|active||||||work.custom.skip_sync=true" },
  { "lucca", "auto", "E1|A|B|a@x|active||||||extendedData.e_skip_sync=true" },
  { "workday", "auto", "E1|A|B|a@x|active||||||CF_Skip_Sync=1" },
  { "no-such-vendor", "auto", "E1|A|B|a@x|active|||true" },
};

static void
test_vendor_case (gconstpointer data)
{
  const VendorCase *c = data;
  const HcVendorDefaults *defaults = hc_mapping_get_vendor_defaults (c->kind);
  g_autoptr (HcConfig) config = hc_config_new_for_kind (c->kind);
  g_autoptr (HcConfig) parsed = NULL;
  g_autoptr (HcEmployee) e = hc_test_employee (c->excluded_employee);
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  const char * const *targets = hc_mapping_get_targets ();

  g_assert_cmpstr (defaults->exclude_field, ==, c->exclude_field);
  g_assert_cmpstr (config->exclude_field, ==, c->exclude_field);
  /* every target has a line: a new connector works with no edit */
  for (guint i = 0; targets[i] != NULL; i++)
    g_assert_nonnull (hc_mapping_get_source (config, targets[i]));
  g_assert_cmpint (hc_scope_evaluate (config, e), ==, HC_SCOPE_OUT_EXCLUDED);

  /* a template without exclude_field keeps the kind's */
  parsed = hc_config_new_from_json_for_kind ("{\"scope\": {\"mode\": \"all\"}}", c->kind, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->exclude_field, ==, c->exclude_field);
  json = hc_config_to_json (config);
  g_clear_pointer (&parsed, hc_config_free);
  parsed = hc_config_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (hc_config_equal (parsed, config));
}

/* ─── fields the HR system does not have ───────────────────────────── */

typedef struct
{
  const char *name;
  const char *mapping;          /* JSON mapping lines, NULL: the defaults */
  const char *fields;           /* the fetched fields, comma-separated */
  const char *missing;          /* "target←source,…" expected, "" for none */
} MissingCase;

static const MissingCase missing_cases[] = {
  { "defaults need nothing but the standard fields", NULL, "id", "" },
  { "defaults with no field at all", NULL, "", "" },
  { "a custom field the HR system has", "[{\"target\": \"custom.cc\", \"source\": \"cost_center\"}]",
    "id,cost_center", "" },
  { "a custom field it does not have", "[{\"target\": \"custom.cc\", \"source\": \"cost_centre\"}]",
    "id,cost_center", "custom.cc←cost_centre" },
  { "a standard target from a missing field", "[{\"target\": \"title\", \"source\": \"job_title\"}]",
    "id,position", "title←job_title" },
  { "each missing alternative", "[{\"target\": \"email\", \"source\": [\"work_email\", \"email\", \"mail\"]}]",
    "id,mail", "email←work_email" },
  { "two lines, two problems", "[{\"target\": \"custom.a\", \"source\": \"x\"}, {\"target\": \"custom.b\", \"source\": \"y\"}]",
    "id", "custom.a←x,custom.b←y" },
  { "nested paths are fields too", "[{\"target\": \"custom.city\", \"source\": \"location.city\"}]",
    "id,location.city", "" },
};

static void
test_missing_case (gconstpointer data)
{
  const MissingCase *c = data;
  g_autoptr (HcConfig) config = config_with_mapping (c->mapping);
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GString) got = g_string_new (NULL);
  g_auto (GStrv) names = g_strsplit (c->fields, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i])
      g_ptr_array_add (fields, g_strdup (names[i]));

  problems = hc_mapping_find_missing_fields (config, fields);
  for (guint i = 0; i < problems->len; i++)
    {
      HcMappingProblem *p = g_ptr_array_index (problems, i);

      g_string_append_printf (got, "%s%s←%s", i ? "," : "", p->target, p->source);
      /* the message names both */
      g_assert_nonnull (strstr (p->message, p->source));
    }
  if (!g_str_equal (got->str, c->missing))
    g_error ("%s: expected “%s”, got “%s”", c->name, c->missing, got->str);
}

static void
test_check_fields (void)
{
  g_autoptr (HcConfig) config = config_with_mapping ("[{\"target\": \"custom.cost_center\", \"source\": \"cost_centre\"}]");
  g_autoptr (GPtrArray) fields = g_ptr_array_new ();
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (fields, "id");
  g_ptr_array_add (fields, "cost_center");

  g_assert_false (hc_mapping_check_fields (config, fields, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  g_assert_nonnull (strstr (error->message, "cost_center (custom field)"));
  g_assert_nonnull (strstr (error->message, "cost_centre"));
  g_clear_error (&error);

  /* no employee: nothing to check against */
  g_assert_true (hc_mapping_check_fields (config, none, &error));
  g_assert_no_error (error);
}

static void
test_targets (void)
{
  const char * const *targets = hc_mapping_get_targets ();
  const char *expected[] = {
    "first_name", "last_name", "preferred_name", "email", "title", "department", "team",
    "office", "manager", "employee_id", "start_date", "end_date", NULL,
  };

  g_assert_cmpstrv (targets, expected);
  for (guint i = 0; targets[i] != NULL; i++)
    {
      g_autofree char *label = hc_mapping_describe_target (targets[i]);

      g_assert_true (hc_mapping_is_valid_target (targets[i]));
      g_assert_cmpstr (label, !=, targets[i]);
    }
  g_assert_true (hc_mapping_is_valid_target ("custom.cost_center"));
  g_assert_true (hc_mapping_is_valid_target ("custom.a-b.c_1"));
  g_assert_false (hc_mapping_is_valid_target ("custom."));
  g_assert_false (hc_mapping_is_valid_target ("custom.a b"));
  g_assert_false (hc_mapping_is_valid_target ("salary"));
  g_assert_false (hc_mapping_is_valid_target (NULL));
}

static void
test_transform_strings (void)
{
  HcMappingTransform t;

  g_assert_true (hc_mapping_transform_from_string ("lower", &t));
  g_assert_cmpint (t, ==, HC_MAPPING_TRANSFORM_LOWER);
  g_assert_cmpstr (hc_mapping_transform_to_string (HC_MAPPING_TRANSFORM_TRIM), ==, "trim");
  g_assert_false (hc_mapping_transform_from_string ("upper", &t));
  g_assert_false (hc_mapping_transform_from_string (NULL, &t));
}

/* The transforms of a line, as code sees them. */
static void
test_entry_transforms (void)
{
  g_autoptr (HcConfig) config = config_with_mapping (
    "[{\"target\": \"custom.x\", \"source\": [\"a\", \" b \"], \"transform\": \"lower\", \"required\": true}]");
  const HcMappingEntry *email = hc_mapping_get_entry (config, "email");
  const HcMappingEntry *x = hc_mapping_get_entry (config, "custom.x");
  g_auto (GStrv) sources = NULL;
  const char *expected[] = { "a", "b", NULL };

  g_assert_cmpint (hc_mapping_entry_get_transforms (email), ==,
                   HC_MAPPING_TRANSFORM_TRIM | HC_MAPPING_TRANSFORM_LOWER);
  g_assert_cmpint (hc_mapping_entry_get_transforms (hc_mapping_get_entry (config, "title")), ==,
                   HC_MAPPING_TRANSFORM_TRIM);
  g_assert_cmpint (hc_mapping_entry_get_transforms (x), ==, HC_MAPPING_TRANSFORM_LOWER);
  g_assert_true (x->required);
  sources = hc_mapping_entry_dup_sources (x);
  g_assert_cmpstrv (sources, expected);
  g_assert_cmpstr (hc_mapping_get_source (config, "custom.x"), ==, "a|b");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (resolve_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mapping/resolve/%02u", i);
      g_test_add_data_func (path, &resolve_cases[i], test_resolve_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (vendor_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mapping/vendor/%s",
                                               vendor_cases[i].kind ? vendor_cases[i].kind : "generic");
      g_test_add_data_func (path, &vendor_cases[i], test_vendor_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (missing_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mapping/missing/%02u", i);
      g_test_add_data_func (path, &missing_cases[i], test_missing_case);
    }
  g_test_add_func ("/mapping/check-fields", test_check_fields);
  g_test_add_func ("/mapping/targets", test_targets);
  g_test_add_func ("/mapping/transform-strings", test_transform_strings);
  g_test_add_func ("/mapping/entry-transforms", test_entry_transforms);

  return g_test_run ();
}
