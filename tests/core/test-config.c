/* test-config.c — the configuration document, scope and mapping basics
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>

#include "hc-config.h"
#include "hc-error.h"
#include "hc-mapping.h"
#include "hc-scope.h"
#include "hc-test-fixtures.h"

static void
test_default_roundtrip (void)
{
  g_autoptr(HcConfig) config = hc_config_new_default ();
  g_autofree char *json = hc_config_to_json (config);
  g_autoptr(GError) error = NULL;
  g_autoptr(HcConfig) again = hc_config_new_from_json (json, &error);
  g_autofree char *json2 = NULL;

  g_assert_no_error (error);
  json2 = hc_config_to_json (again);
  g_assert_cmpstr (json, ==, json2);
  g_assert_cmpint (again->scope_mode, ==, HC_SCOPE_MODE_ALL);
  g_assert_cmpstr (again->exclude_field, ==, "skip_sync");
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
  g_autoptr(GError) error = NULL;
  g_autoptr(HcConfig) config = hc_config_new_from_json (doc, &error);

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
};

static void
test_bad_config (gconstpointer data)
{
  const BadConfig *bc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HcConfig) config = hc_config_new_from_json (bc->json, &error);

  g_assert_null (config);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  if (strstr (error->message, bc->expected_fragment) == NULL)
    g_error ("“%s” does not name “%s”", error->message, bc->expected_fragment);
}

typedef struct
{
  const char    *employee;
  const char    *config;
  HcScopeResult  expected;
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
  g_autoptr(HcEmployee) e = hc_test_employee (sc->employee);
  g_autoptr(HcConfig) config = sc->config ? hc_config_new_from_json (sc->config, NULL) : hc_config_new_default ();

  g_assert_nonnull (config);
  g_assert_cmpint (hc_scope_evaluate (config, e), ==, sc->expected);
}

static void
test_mapping_transforms (void)
{
  g_autoptr(HcEmployee) e = hc_test_employee ("E1|  Zoé  |Lefèvre| Zoe.Lefevre@Example.COM |active");
  g_autoptr(HcConfig) config = hc_config_new_default ();
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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/config/default-roundtrip", test_default_roundtrip);
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

  return g_test_run ();
}
