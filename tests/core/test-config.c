/* test-config.c — the configuration document, scope and mapping basics
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "hc-config.h"
#include "hc-error.h"
#include "hc-mapping.h"
#include "hc-scope.h"
#include "hc-test-fixtures.h"

static void
test_default_roundtrip (void)
{
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autofree char *json = hc_config_to_json (config);
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) again = hc_config_new_from_json (json, &error);
  g_autofree char *json2 = NULL;

  g_assert_no_error (error);
  json2 = hc_config_to_json (again);
  g_assert_cmpstr (json, ==, json2);
  g_assert_cmpint (again->scope_mode, ==, HC_SCOPE_MODE_ALL);
  g_assert_cmpstr (again->exclude_field, ==, HC_CONFIG_EXCLUDE_AUTO);
  g_assert_false (again->archive_inactive);
  g_assert_cmpuint (again->safety_threshold_percent, ==, 10);
  g_assert_cmpstr (hc_mapping_get_source (again, "title"), ==, "position");
}

static void
test_design_example (void)
{
  const char *doc =
    "{ \"scope\": { \"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}],"
    "   \"exclude_field\": \"skip_sync\", \"statuses\": [\"active\",\"onboarding\",\"leave\"],"
    "   \"include_managers\": true },"
    "  \"mapping\": [ {\"target\": \"email\", \"source\": \"email\"},"
    "               {\"target\": \"custom.cost_center\", \"source\": \"cost_center\"} ],"
    "  \"archive_inactive\": false, \"schedule\": \"24h\", \"safety_threshold_percent\": 10 }";
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_from_json (doc, &error);

  g_assert_no_error (error);
  g_assert_cmpint (config->scope_mode, ==, HC_SCOPE_MODE_CUSTOM);
  g_assert_cmpuint (config->rules->len, ==, 1);
  g_assert_true (config->include_managers);
  g_assert_cmpint (config->schedule, ==, HC_SCHEDULE_24H);
  g_assert_cmpstr (hc_mapping_get_source (config, "custom.cost_center"), ==, "cost_center");
  /* listed lines add to the defaults */
  g_assert_cmpstr (hc_mapping_get_source (config, "first_name"), ==, "first_name");
}

typedef struct
{
  const char *json;
  const char *expected_fragment;   /* the error names the field */
} BadConfig;

static const BadConfig bad_configs[] = {
  { "not json", "not valid JSON" },
  { "[1, 2]", "must be a JSON object" },
  { "{\"scope\": 3}", "scope" },
  { "{\"scope\": {\"mode\": \"some\"}}", "scope.mode" },
  { "{\"scope\": {\"rules\": [{\"values\": [\"x\"]}]}}", "scope.rules[0].field" },
  { "{\"scope\": {\"rules\": [{\"field\": \"office\", \"values\": []}]}}", "scope.rules[0].values" },
  { "{\"scope\": {\"rules\": [{\"field\": \"office\", \"values\": [1]}]}}", "scope.rules[0].values[0]" },
  { "{\"scope\": {\"statuses\": [\"retired\"]}}", "scope.statuses[0]" },
  { "{\"scope\": {\"include_managers\": \"yes\"}}", "scope.include_managers" },
  { "{\"mapping\": [{\"target\": \"salary\", \"source\": \"x\"}]}", "mapping[0].target" },
  { "{\"mapping\": [{\"target\": \"custom.\", \"source\": \"x\"}]}", "mapping[0].target" },
  { "{\"mapping\": {}}", "mapping" },
  { "{\"archive_inactive\": 1}", "archive_inactive" },
  { "{\"schedule\": \"hourly\"}", "schedule" },
  { "{\"safety_threshold_percent\": 150}", "safety_threshold_percent" },
  { "{\"safety_threshold_percent\": \"10\"}", "safety_threshold_percent" },
  /* unknown keys, named with their path */
  { "{\"colour\": \"blue\"}", "colour: unknown key" },
  { "{\"scope\": {\"mode\": \"all\", \"filter\": []}}", "scope.filter: unknown key" },
  { "{\"scope\": {\"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}, "
    "{\"field\": \"team\", \"value\": [\"Ops\"]}]}}", "scope.rules[1].value: unknown key" },
  { "{\"mapping\": [{\"target\": \"email\", \"source\": \"email\", \"lowercase\": true}]}",
    "mapping[0].lowercase: unknown key" },
  /* wrong types and values */
  { "{\"scope\": {\"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}, {\"field\": \"team\", \"values\": [\"A\"]},"
    " {\"field\": \"dept\", \"values\": \"Sales\"}]}}", "scope.rules[2].values: expected a list" },
  { "{\"scope\": {\"rules\": [3]}}", "scope.rules[0]" },
  { "{\"scope\": {\"rules\": {}}}", "scope.rules: expected a list" },
  { "{\"scope\": {\"rules\": [{\"field\": \"  \", \"values\": [\"x\"]}]}}", "scope.rules[0].field" },
  { "{\"scope\": {\"statuses\": [\"active\", \"retired\"]}}", "scope.statuses[1]: “retired” is not a status" },
  { "{\"scope\": {\"statuses\": [1]}}", "scope.statuses[0]" },
  { "{\"scope\": {\"statuses\": \"active\"}}", "scope.statuses: expected a list" },
  { "{\"scope\": {\"exclude_field\": 1}}", "scope.exclude_field" },
  { "{\"scope\": {\"exclude_field\": [\"skip_sync\", 2]}}", "scope.exclude_field[1]" },
  { "{\"mapping\": [3]}", "mapping[0]: expected an object" },
  { "{\"mapping\": [{\"source\": \"x\"}]}", "mapping[0].target" },
  { "{\"mapping\": [{\"target\": 4, \"source\": \"x\"}]}", "mapping[0].target: expected a text value" },
  { "{\"mapping\": [{\"target\": \"email\", \"source\": 4}]}", "mapping[0].source" },
  { "{\"mapping\": [{\"target\": \"email\", \"source\": [\"work_email\", \"\"]}]}", "mapping[0].source[1]" },
  { "{\"mapping\": [{\"target\": \"email\", \"source\": [\"a|b\"]}]}", "mapping[0].source[0]" },
  { "{\"mapping\": [{\"target\": \"email\", \"source\": \"email\", \"transform\": \"upper\"}]}",
    "mapping[0].transform: “upper” is not a transform" },
  { "{\"mapping\": [{\"target\": \"email\", \"source\": \"email\", \"transform\": [\"none\", \"lower\"]}]}",
    "mapping[0].transform" },
  { "{\"mapping\": [{\"target\": \"email\", \"source\": \"email\", \"transform\": 1}]}", "mapping[0].transform" },
  { "{\"mapping\": [{\"target\": \"title\", \"source\": \"job\", \"required\": \"yes\"}]}", "mapping[0].required" },
  { "{\"mapping\": [{\"target\": \"title\", \"source\": null, \"required\": true}]}", "mapping[0].source" },
  { "{\"mapping\": [{\"target\": \"title\", \"source\": \"a\"}, {\"target\": \"title\", \"source\": \"b\"}]}",
    "mapping[1].target: “title” is already mapped by mapping[0]" },
  { "{\"schedule\": \"weekly\"}", "schedule: expected manual, 6h, 12h or 24h, not “weekly”" },
  { "{\"schedule\": 24}", "schedule" },
  { "{\"safety_threshold_percent\": -1}", "safety_threshold_percent" },
  { "{\"safety_threshold_percent\": 10.5}", "safety_threshold_percent" },
  { "{\"pre_start_days\": -1}", "pre_start_days" },
  { "{\"pre_start_days\": 400}", "pre_start_days: expected a whole number from 0 to 365" },
  { "{\"pre_start_days\": \"7\"}", "pre_start_days" },
  { "{\"archive_inactive\": \"false\"}", "archive_inactive" },
};

static void
test_bad_config (gconstpointer data)
{
  const BadConfig *bc = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_from_json (bc->json, &error);

  g_assert_null (config);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  if (strstr (error->message, bc->expected_fragment) == NULL)
    g_error ("“%s” does not name “%s”", error->message, bc->expected_fragment);
}

typedef struct
{
  const char   *employee;
  const char   *config;
  HcScopeResult expected;
} ScopeCase;

static const ScopeCase scope_cases[] = {
  { "E1|A|B|a@x|active", NULL, HC_SCOPE_IN },
  { "E1|A|B|a@x|onboarding", NULL, HC_SCOPE_IN },
  { "E1|A|B|a@x|leave", NULL, HC_SCOPE_IN },
  { "E1|A|B|a@x|inactive", NULL, HC_SCOPE_OUT_STATUS },
  { "E1|A|B|a@x|inactive", "{\"scope\": {\"statuses\": [\"inactive\"]}}", HC_SCOPE_IN },
  { "E1|A|B|a@x|active|||true", NULL, HC_SCOPE_OUT_EXCLUDED },
  { "E1|A|B|a@x|active|||TRUE", NULL, HC_SCOPE_OUT_EXCLUDED },
  { "E1|A|B|a@x|active|||1", NULL, HC_SCOPE_OUT_EXCLUDED },
  { "E1|A|B|a@x|active|||Yes", NULL, HC_SCOPE_OUT_EXCLUDED },
  { "E1|A|B|a@x|active|||false", NULL, HC_SCOPE_IN },
  { "E1|A|B|a@x|active|||0", NULL, HC_SCOPE_IN },
  { "E1|A|B|a@x|active|||true", "{\"scope\": {\"exclude_field\": null}}", HC_SCOPE_IN },
  { "E1|A|B|a@x|active||Paris", "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}", HC_SCOPE_IN },
  { "E1|A|B|a@x|active||PARIS", "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"paris\"]}]}}", HC_SCOPE_IN },
  { "E1|A|B|a@x|active||Zürich", "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"ZÜRICH\"]}]}}", HC_SCOPE_IN },
  { "E1|A|B|a@x|active||Lyon", "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\", \"Lyon\"]}]}}", HC_SCOPE_IN },
  { "E1|A|B|a@x|active||Berlin", "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\", \"Lyon\"]}]}}", HC_SCOPE_OUT_FILTER },
  { "E1|A|B|a@x|active", "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}", HC_SCOPE_OUT_FILTER },
  { "E1|A|B|a@x|active||Paris||Engineer", "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}, {\"field\": \"position\", \"values\": [\"Sales\"]}]}}", HC_SCOPE_OUT_FILTER },
  { "E1|A|B|a@x|active||Paris||Sales", "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}, {\"field\": \"position\", \"values\": [\"Sales\"]}]}}", HC_SCOPE_IN },
  { "E1|A|B|a@x|active||Berlin", "{\"scope\": {\"mode\": \"all\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}", HC_SCOPE_IN },
};

static void
test_scope_case (gconstpointer data)
{
  const ScopeCase *sc = data;
  g_autoptr (HcEmployee) e = hc_test_employee (sc->employee);
  g_autoptr (HcConfig) config = sc->config ? hc_config_new_from_json (sc->config, NULL) : hc_config_new_default ();

  g_assert_nonnull (config);
  g_assert_cmpint (hc_scope_evaluate (config, e), ==, sc->expected);
}

static void
test_mapping_transforms (void)
{
  g_autoptr (HcEmployee) e = hc_test_employee ("E1|  Zoé  |Lefèvre| Zoe.Lefevre@Example.COM |active");
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autofree char *email = NULL;
  g_autofree char *first = NULL;
  g_autofree char *title = NULL;
  g_autofree char *alt = NULL;

  email = hc_mapping_resolve (config, e, "email");
  first = hc_mapping_resolve (config, e, "first_name");
  title = hc_mapping_resolve (config, e, "title");
  g_assert_cmpstr (email, ==, "zoe.lefevre@example.com");
  g_assert_cmpstr (first, ==, "Zoé");
  g_assert_null (title);

  hc_config_set_mapping (config, "title", "job_title|position|department");
  hc_employee_set_field (e, "department", "Sales");
  alt = hc_mapping_resolve (config, e, "title");
  g_assert_cmpstr (alt, ==, "Sales");

  hc_config_set_mapping (config, "title", NULL);
  g_assert_null (hc_mapping_get_source (config, "title"));
}

/* The whole format as it stands, through a round trip. */
static void
test_full_document (void)
{
  const char *doc =
    "{ \"scope\": { \"mode\": \"custom\","
    "     \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\", \"Lyon\"]},"
    "               {\"field\": \"cost_center\", \"values\": [\"CC-1\", \"\"]}],"
    "     \"exclude_field\": [\"skip_sync\", \"extendedData.e_skip_sync\"],"
    "     \"statuses\": [\"active\", \"leave\"], \"include_managers\": true },"
    "  \"mapping\": [ {\"target\": \"email\", \"source\": [\"work_email\", \"email\"], \"transform\": \"lower\"},"
    "               {\"target\": \"title\", \"source\": \"job_title|position\"},"
    "               {\"target\": \"team\", \"source\": null},"
    "               {\"target\": \"department\", \"source\": \"department\", \"required\": true},"
    "               {\"target\": \"custom.cost_center\", \"source\": \"cost_center\", \"transform\": [\"trim\", \"lower\"]},"
    "               {\"target\": \"custom.raw\", \"source\": \"raw\", \"transform\": \"none\"} ],"
    "  \"archive_inactive\": true, \"schedule\": \"12h\", \"safety_threshold_percent\": 25,"
    "  \"pre_start_days\": 14 }";
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_from_json (doc, &error);
  g_autoptr (HcConfig) again = NULL;
  g_autoptr (HcConfig) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;
  const HcMappingEntry *e;

  g_assert_no_error (error);
  g_assert_cmpuint (config->rules->len, ==, 2);
  g_assert_cmpstr (config->exclude_field, ==, "skip_sync|extendedData.e_skip_sync");
  g_assert_cmpuint (config->statuses, ==, (1u << HC_EMPLOYEE_STATUS_ACTIVE) | (1u << HC_EMPLOYEE_STATUS_LEAVE));
  g_assert_true (config->archive_inactive);
  g_assert_cmpint (config->schedule, ==, HC_SCHEDULE_12H);
  g_assert_cmpuint (config->safety_threshold_percent, ==, 25);
  g_assert_cmpuint (config->pre_start_days, ==, 14);
  g_assert_null (hc_mapping_get_source (config, "team"));
  e = hc_mapping_get_entry (config, "email");
  g_assert_cmpstr (e->source, ==, "work_email|email");
  g_assert_cmpint (e->transforms, ==, HC_MAPPING_TRANSFORM_LOWER);
  g_assert_cmpstr (hc_mapping_get_source (config, "title"), ==, "job_title|position");
  g_assert_true (hc_mapping_get_entry (config, "department")->required);
  g_assert_cmpint (hc_mapping_get_entry (config, "custom.raw")->transforms, ==, HC_MAPPING_TRANSFORM_NONE);

  json = hc_config_to_json (config);
  /* several sources are written as a list, the old form is not */
  g_assert_nonnull (strstr (json, "\"job_title\","));
  g_assert_null (strstr (json, "job_title|position"));
  g_assert_nonnull (strstr (json, "\"pre_start_days\" : 14"));
  again = hc_config_new_from_json (json, &error);
  g_assert_no_error (error);
  json2 = hc_config_to_json (again);
  g_assert_cmpstr (json, ==, json2);
  g_assert_true (hc_config_equal (config, again));
  /* a removed default line stays removed */
  g_assert_null (hc_mapping_get_source (again, "team"));
  copy = hc_config_copy (config);
  g_assert_true (hc_config_equal (config, copy));
  copy->pre_start_days = 3;
  g_assert_false (hc_config_equal (config, copy));
}

static gboolean
has_line (GPtrArray  *lines,
          const char *line)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (g_ptr_array_index (lines, i), line))
      return TRUE;
  return FALSE;
}

static void
test_describe_changes (void)
{
  g_autoptr (HcConfig) before = hc_config_new_default ();
  g_autoptr (HcConfig) after = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GError) error = NULL;

  none = hc_config_describe_changes (before, before);
  g_assert_cmpuint (none->len, ==, 0);

  after = hc_config_new_from_json (
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}],"
    " \"include_managers\": true},"
    " \"mapping\": [{\"target\": \"custom.cost_center\", \"source\": \"cost_center\"},"
    "             {\"target\": \"title\", \"source\": \"job_title\"}, {\"target\": \"team\", \"source\": null}],"
    " \"schedule\": \"manual\", \"pre_start_days\": 7}", &error);
  g_assert_no_error (error);
  lines = hc_config_describe_changes (before, after);
  for (guint i = 0; i < lines->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (lines, i));
  g_assert_true (has_line (lines, "scope.mode: all → custom"));
  g_assert_true (has_line (lines, "scope.rules: none → office ∈ {Paris}"));
  g_assert_true (has_line (lines, "scope.include_managers: false → true"));
  g_assert_true (has_line (lines, "mapping title: position → job_title"));
  g_assert_true (has_line (lines, "mapping team: removed (was team)"));
  g_assert_true (has_line (lines, "mapping custom.cost_center: added (cost_center)"));
  g_assert_true (has_line (lines, "schedule: 24h → manual"));
  g_assert_true (has_line (lines, "pre_start_days: no limit → 7"));
  g_assert_cmpuint (lines->len, ==, 8);
}

/* The pre-start limit is opt-in: absent, null and the 0 every document
 * stored before it was opt-in all mean no limit; no limit is written as
 * null. The default schedule is every 24 hours; a document that names its
 * schedule keeps it. */
typedef struct
{
  const char *json;
  guint       pre_start_days;
  HcSchedule  schedule;
  const char *written;          /* how pre_start_days is written back */
} DefaultCase;

static const DefaultCase default_cases[] = {
  { "{}", HC_CONFIG_PRE_START_NO_LIMIT, HC_SCHEDULE_24H, "\"pre_start_days\" : null" },
  { "{\"pre_start_days\": null}", HC_CONFIG_PRE_START_NO_LIMIT, HC_SCHEDULE_24H, "\"pre_start_days\" : null" },
  { "{\"pre_start_days\": 0, \"schedule\": \"manual\"}", HC_CONFIG_PRE_START_NO_LIMIT, HC_SCHEDULE_MANUAL,
    "\"pre_start_days\" : null" },
  { "{\"pre_start_days\": 1}", 1, HC_SCHEDULE_24H, "\"pre_start_days\" : 1" },
  { "{\"pre_start_days\": 365, \"schedule\": \"6h\"}", 365, HC_SCHEDULE_6H, "\"pre_start_days\" : 365" },
};

static void
test_default_case (gconstpointer data)
{
  const DefaultCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_from_json (c->json, &error);
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (config->pre_start_days, ==, c->pre_start_days);
  g_assert_cmpint (config->schedule, ==, c->schedule);
  written = hc_config_to_json (config);
  g_assert_nonnull (strstr (written, c->written));
}

/* Documents written before pre_start_days, transforms and lists existed
 * still read the same. */
static void
test_older_document (void)
{
  const char *doc =
    "{\"scope\": {\"mode\": \"all\", \"rules\": [], \"exclude_field\": \"skip_sync\","
    " \"statuses\": [\"active\", \"onboarding\", \"leave\"], \"include_managers\": false},"
    " \"mapping\": [{\"target\": \"title\", \"source\": \"job_title|position\"}],"
    " \"archive_inactive\": false, \"schedule\": \"manual\", \"safety_threshold_percent\": 10}";
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_from_json (doc, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (config->pre_start_days, ==, HC_CONFIG_PRE_START_NO_LIMIT);
  g_assert_cmpint (config->schedule, ==, HC_SCHEDULE_MANUAL);
  g_assert_cmpstr (hc_mapping_get_source (config, "title"), ==, "job_title|position");
  g_assert_cmpint (hc_mapping_get_entry (config, "title")->transforms, ==, HC_MAPPING_TRANSFORM_DEFAULT);
}

/* A stored exclusion field that was a kind's built-in default before the
 * automatic one reads as automatic; one the admin chose stays. */
typedef struct
{
  const char *kind;
  const char *stored;      /* as the document has it */
  const char *expected;
} FormerDefault;

static const FormerDefault former_defaults[] = {
  { "personio", "\"skip_sync\"", HC_CONFIG_EXCLUDE_AUTO },
  { "bamboohr", "[\"skip_sync\", \"customSkipSync\"]", HC_CONFIG_EXCLUDE_AUTO },
  { "hibob", "[\"custom.skip_sync\", \"work.custom.skip_sync\"]", HC_CONFIG_EXCLUDE_AUTO },
  { "lucca", "\"extendedData.e_skip_sync\"", HC_CONFIG_EXCLUDE_AUTO },
  { "workday", "[\"Skip_Sync\", \"CF_Skip_Sync\", \"skipSync\"]", HC_CONFIG_EXCLUDE_AUTO },
  { "demo", "\"skip_sync\"", HC_CONFIG_EXCLUDE_AUTO },
  { NULL, "\"skip_sync\"", HC_CONFIG_EXCLUDE_AUTO },
  /* chosen by the admin: kept */
  { "bamboohr", "\"skip_sync\"", "skip_sync" },
  { "lucca", "\"skip_sync\"", "skip_sync" },
  { "bamboohr", "\"skip_elevo_sync\"", "skip_elevo_sync" },
  { "personio", "[\"skip_sync\", \"no_sync\"]", "skip_sync|no_sync" },
  { "hibob", "\"custom.skip_sync\"", "custom.skip_sync" },
};

static void
test_former_default_exclusion (gconstpointer data)
{
  const FormerDefault *c = data;
  g_autofree char *doc = g_strdup_printf ("{\"scope\": {\"exclude_field\": %s}}", c->stored);
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_from_json_for_kind (doc, c->kind, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (config->exclude_field, ==, c->expected);
}

/* A document nested @depth levels deep under "scope": {"scope": {"x": [[[…]]]}} */
static char *
deep_config (guint depth)
{
  GString *json = g_string_new ("{\"scope\": {\"rules\": ");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "}}");
  return g_string_free (json, FALSE);
}

/* json-glib recurses on nesting: a deep document is refused before it is
 * parsed, not a crash. */
static void
test_deep_config (void)
{
  g_autofree char *deep = deep_config (100000);
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_from_json (deep, &error);

  g_assert_null (config);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  g_assert_nonnull (strstr (error->message, "512 levels"));
}

/* A configuration is bounded: its size, and the entries of a list. */
static void
test_config_limits (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GString) big = g_string_new ("{\"scope\": {\"mode\": \"custom\", \"exclude_field\": \"");
  g_autoptr (GString) mapping = g_string_new ("{\"mapping\": [");
  g_autoptr (GString) rules = g_string_new ("{\"scope\": {\"mode\": \"custom\", \"rules\": [");

  /* a 10 MB string */
  for (guint i = 0; i < 10 * 1024 * 1024; i += 8)
    g_string_append (big, "abcdefgh");
  g_string_append (big, "\"}}");
  config = hc_config_new_from_json (big->str, &error);
  g_assert_null (config);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  g_assert_nonnull (strstr (error->message, "limit of 1 MB"));
  g_clear_error (&error);

  /* 100,000 mapping lines */
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (mapping, "%s{\"target\": \"custom.f%u\", \"source\": \"f%u\"}", i ? "," : "", i, i);
  g_string_append (mapping, "]}");
  config = hc_config_new_from_json (mapping->str, &error);
  g_assert_null (config);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  g_clear_error (&error);

  /* 1,001 scope rules, small enough in bytes */
  for (guint i = 0; i < 1001; i++)
    g_string_append_printf (rules, "%s{\"field\": \"d\", \"values\": [\"v\"]}", i ? "," : "");
  g_string_append (rules, "]}}");
  g_assert_cmpuint (rules->len, <, 1024 * 1024);
  config = hc_config_new_from_json (rules->str, &error);
  g_assert_null (config);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  g_assert_nonnull (strstr (error->message, "scope.rules"));
  g_assert_nonnull (strstr (error->message, "limit of 1000"));
  g_clear_error (&error);

  /* at the limits: accepted */
  g_string_truncate (rules, 0);
  g_string_append (rules, "{\"scope\": {\"mode\": \"custom\", \"rules\": [");
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (rules, "%s{\"field\": \"d\", \"values\": [\"v\"]}", i ? "," : "");
  g_string_append (rules, "]}}");
  config = hc_config_new_from_json (rules->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  g_clear_pointer (&config, hc_config_free);
  {
    g_autofree char *deep = deep_config (500);

    config = hc_config_new_from_json (deep, &error);
    /* not too deep: refused for what it says, not for its depth */
    g_assert_null (config);
    g_assert_nonnull (error);
    g_assert_null (strstr (error->message, "levels"));
  }
}

/* rules.md 39: a line per position, replaced not doubled (names
 * compared without case or accents), a null role kept, and read back. */
static void
test_add_role_mapping (void)
{
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcConfig) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  const HcRoleMapping *line;

  hc_config_add_role_mapping (config, "Backend Engineer", "Engineering");
  hc_config_add_role_mapping (config, "Frontend Engineer", "Engineering");
  hc_config_add_role_mapping (config, "Intern", "Trainee");
  hc_config_add_role_mapping (config, "intern", NULL);
  g_assert_cmpuint (config->role_mapping->len, ==, 3);
  line = hc_config_find_role_mapping (config, "Intern");
  g_assert_nonnull (line);
  g_assert_cmpstr (line->position, ==, "Intern");
  g_assert_null (line->role);

  json = hc_config_to_json (config);
  back = hc_config_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->role_mapping->len, ==, 3);
  g_assert_cmpstr (hc_config_find_role_mapping (back, "frontend engineer")->role, ==, "Engineering");
  g_assert_null (hc_config_find_role_mapping (back, "Intern")->role);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/config/default-roundtrip", test_default_roundtrip);
  for (guint i = 0; i < G_N_ELEMENTS (default_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/config/defaults/%02u", i);
      g_test_add_data_func (path, &default_cases[i], test_default_case);
    }
  g_test_add_func ("/config/design-example", test_design_example);
  for (guint i = 0; i < G_N_ELEMENTS (bad_configs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/config/bad/%02u", i);
      g_test_add_data_func (path, &bad_configs[i], test_bad_config);
    }
  for (guint i = 0; i < G_N_ELEMENTS (scope_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scope/case/%02u", i);
      g_test_add_data_func (path, &scope_cases[i], test_scope_case);
    }
  g_test_add_func ("/mapping/transforms", test_mapping_transforms);
  g_test_add_func ("/config/full-document", test_full_document);
  g_test_add_func ("/config/describe-changes", test_describe_changes);
  g_test_add_func ("/config/older-document", test_older_document);
  g_test_add_func ("/config/deep", test_deep_config);
  g_test_add_func ("/config/limits", test_config_limits);
  g_test_add_func ("/config/add-role-mapping", test_add_role_mapping);
  for (guint i = 0; i < G_N_ELEMENTS (former_defaults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/config/former-default-exclusion/%02u", i);

      g_test_add_data_func (path, &former_defaults[i], test_former_default_exclusion);
    }

  return g_test_run ();
}
