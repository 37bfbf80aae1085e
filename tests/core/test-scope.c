/* test-scope.c — table-driven tests of the scope (rules.md 3, 4, 17)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "hc-config.h"
#include "hc-scope.h"
#include "hc-test-fixtures.h"

/* Every case runs on this day unless it says otherwise. */
#define TODAY "2026-06-01"

#define PARIS "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}"

/* ─── the exclusion checkbox's values ──────────────────────────────── */

typedef struct
{
  const char *value;
  gboolean    set;
} SetCase;

static const SetCase set_cases[] = {
  { "true", TRUE },
  { "TRUE", TRUE },
  { "True", TRUE },
  { "1", TRUE },
  { "yes", TRUE },
  { "YES", TRUE },
  { " yes ", TRUE },
  { "false", FALSE },
  { "0", FALSE },
  { "no", FALSE },
  { "", FALSE },
  { NULL, FALSE },
  { "2", FALSE },
  { "y", FALSE },
  { "truthy", FALSE },
};

static void
test_value_is_set (gconstpointer data)
{
  const SetCase *c = data;

  g_assert_cmpint (hc_scope_value_is_set (c->value), ==, c->set);
}

/* ─── one employee against a config ────────────────────────────────── */

typedef struct
{
  const char   *name;
  const char   *employee;      /* hc_test_employee() spec */
  const char   *config;        /* JSON, NULL for the default */
  const char   *today;         /* NULL for TODAY */
  HcScopeResult expected;
} ScopeCase;

static const ScopeCase scope_cases[] = {
  /* statuses (rules.md 3) */
  { "active is in by default", "E1|A|B|a@x|active", NULL, NULL, HC_SCOPE_IN },
  { "onboarding is in by default", "E1|A|B|a@x|onboarding", NULL, NULL, HC_SCOPE_IN },
  { "leave is in by default", "E1|A|B|a@x|leave", NULL, NULL, HC_SCOPE_IN },
  { "inactive is never in by default", "E1|A|B|a@x|inactive", NULL, NULL, HC_SCOPE_OUT_STATUS },
  { "a status list without leave leaves it out", "E1|A|B|a@x|leave",
    "{\"scope\": {\"statuses\": [\"active\", \"onboarding\"]}}", NULL, HC_SCOPE_OUT_STATUS },
  { "a status list with inactive takes it", "E1|A|B|a@x|inactive",
    "{\"scope\": {\"statuses\": [\"inactive\"]}}", NULL, HC_SCOPE_IN },
  { "an empty status list takes nobody", "E1|A|B|a@x|active",
    "{\"scope\": {\"statuses\": []}}", NULL, HC_SCOPE_OUT_STATUS },
  /* the exclusion checkbox */
  { "exclusion true", "E1|A|B|a@x|active|||true", NULL, NULL, HC_SCOPE_OUT_EXCLUDED },
  { "exclusion \"1\"", "E1|A|B|a@x|active|||1", NULL, NULL, HC_SCOPE_OUT_EXCLUDED },
  { "exclusion yes, any case", "E1|A|B|a@x|active|||Yes", NULL, NULL, HC_SCOPE_OUT_EXCLUDED },
  { "exclusion false", "E1|A|B|a@x|active|||false", NULL, NULL, HC_SCOPE_IN },
  { "exclusion 0", "E1|A|B|a@x|active|||0", NULL, NULL, HC_SCOPE_IN },
  { "exclusion field turned off", "E1|A|B|a@x|active|||true",
    "{\"scope\": {\"exclude_field\": null}}", NULL, HC_SCOPE_IN },
  { "exclusion field renamed: the old one no longer counts", "E1|A|B|a@x|active|||true",
    "{\"scope\": {\"exclude_field\": \"no_sync\"}}", NULL, HC_SCOPE_IN },
  { "exclusion field renamed, custom field set", "E1|A|B|a@x|active||||||no_sync=yes",
    "{\"scope\": {\"exclude_field\": \"no_sync\"}}", NULL, HC_SCOPE_OUT_EXCLUDED },
  { "exclusion by any of several fields", "E1|A|B|a@x|active||||||extendedData.e_skip_sync=true",
    "{\"scope\": {\"exclude_field\": [\"skip_sync\", \"extendedData.e_skip_sync\"]}}", NULL, HC_SCOPE_OUT_EXCLUDED },
  { "exclusion beats the filter", "E1|A|B|a@x|active||Paris|true", PARIS, NULL, HC_SCOPE_OUT_EXCLUDED },
  { "inactive beats the exclusion", "E1|A|B|a@x|inactive|||true", NULL, NULL, HC_SCOPE_OUT_STATUS },
  /* filters: OR within a field, AND across fields */
  { "filter matches", "E1|A|B|a@x|active||Paris", PARIS, NULL, HC_SCOPE_IN },
  { "filter mixed case", "E1|A|B|a@x|active||PARIS",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"paris\"]}]}}",
    NULL, HC_SCOPE_IN },
  { "filter spaces around", "E1|A|B|a@x|active|| Paris ", PARIS, NULL, HC_SCOPE_IN },
  { "filter accented, upper case", "E1|A|B|a@x|active||Zürich",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"ZÜRICH\"]}]}}",
    NULL, HC_SCOPE_IN },
  { "filter accented, NFD against NFC", "E1|A|B|a@x|active||Zu\xcc\x88rich",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Z\xc3\xbcrich\"]}]}}",
    NULL, HC_SCOPE_IN },
  { "filter: accents count", "E1|A|B|a@x|active||Zurich",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Zürich\"]}]}}",
    NULL, HC_SCOPE_OUT_FILTER },
  { "filter: Turkish dotless i folds", "E1|A|B|a@x|active||İSTANBUL",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"İstanbul\"]}]}}",
    NULL, HC_SCOPE_IN },
  { "OR within one field", "E1|A|B|a@x|active||Lyon",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\", \"Lyon\"]}]}}",
    NULL, HC_SCOPE_IN },
  { "none of the values", "E1|A|B|a@x|active||Berlin",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\", \"Lyon\"]}]}}",
    NULL, HC_SCOPE_OUT_FILTER },
  { "an empty field does not match a value", "E1|A|B|a@x|active", PARIS, NULL, HC_SCOPE_OUT_FILTER },
  { "\"\" matches an empty field", "E1|A|B|a@x|active",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\", \"\"]}]}}",
    NULL, HC_SCOPE_IN },
  { "\"\" does not match a set field", "E1|A|B|a@x|active||Berlin",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"\"]}]}}",
    NULL, HC_SCOPE_OUT_FILTER },
  { "AND across fields: second fails", "E1|A|B|a@x|active||Paris||Engineer",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]},"
    " {\"field\": \"position\", \"values\": [\"Sales\"]}]}}", NULL, HC_SCOPE_OUT_FILTER },
  { "AND across fields: both match", "E1|A|B|a@x|active||Paris||Sales",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]},"
    " {\"field\": \"position\", \"values\": [\"Sales\"]}]}}", NULL, HC_SCOPE_IN },
  { "custom field", "E1|A|B|a@x|active||||||cost_center=CC-100",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"cost_center\", \"values\": [\"cc-100\"]}]}}",
    NULL, HC_SCOPE_IN },
  { "custom field, other value", "E1|A|B|a@x|active||||||cost_center=CC-200",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"cost_center\", \"values\": [\"CC-100\"]}]}}",
    NULL, HC_SCOPE_OUT_FILTER },
  { "nested custom field", "E1|A|B|a@x|active||||||location.city=Montréal",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"location.city\", \"values\": [\"MONTRÉAL\"]}]}}",
    NULL, HC_SCOPE_IN },
  { "custom field with a standard one", "E1|A|B|a@x|active||Paris||||cost_center=CC-1",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]},"
    " {\"field\": \"cost_center\", \"values\": [\"CC-2\", \"CC-1\"]}]}}", NULL, HC_SCOPE_IN },
  { "all employees ignores the rules", "E1|A|B|a@x|active||Berlin",
    "{\"scope\": {\"mode\": \"all\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}",
    NULL, HC_SCOPE_IN },
  { "custom filter without rules takes everyone", "E1|A|B|a@x|active||Berlin",
    "{\"scope\": {\"mode\": \"custom\"}}", NULL, HC_SCOPE_IN },
  /* onboarding: in as soon as the HR system has them, unless the opt-in
   * pre-start limit holds them back */
  { "future hire, no limit (the default): in", "E1|A|B|a@x|onboarding|||||2026-06-10", NULL, NULL, HC_SCOPE_IN },
  { "future hire a year ahead, no limit: in", "E1|A|B|a@x|onboarding|||||2027-06-10", NULL, NULL, HC_SCOPE_IN },
  { "future hire, null limit: in", "E1|A|B|a@x|onboarding|||||2026-06-10",
    "{\"pre_start_days\": null}", NULL, HC_SCOPE_IN },
  { "future hire, a stored 0 (the old default) is no limit: in", "E1|A|B|a@x|onboarding|||||2026-06-10",
    "{\"pre_start_days\": 0}", NULL, HC_SCOPE_IN },
  { "hire today, 1 day: in", "E1|A|B|a@x|onboarding|||||2026-06-01",
    "{\"pre_start_days\": 1}", NULL, HC_SCOPE_IN },
  { "past hire, still onboarding, 1 day: in", "E1|A|B|a@x|onboarding|||||2026-05-01",
    "{\"pre_start_days\": 1}", NULL, HC_SCOPE_IN },
  { "future hire within the limit: in", "E1|A|B|a@x|onboarding|||||2026-06-10",
    "{\"pre_start_days\": 9}", NULL, HC_SCOPE_IN },
  { "future hire beyond the limit: not yet", "E1|A|B|a@x|onboarding|||||2026-06-10",
    "{\"pre_start_days\": 8}", NULL, HC_SCOPE_OUT_NOT_STARTED },
  { "the limit counts from the given day", "E1|A|B|a@x|onboarding|||||2026-06-10",
    "{\"pre_start_days\": 1}", "2026-06-09", HC_SCOPE_IN },
  { "onboarding without a hire date, with a limit: in", "E1|A|B|a@x|onboarding",
    "{\"pre_start_days\": 1}", NULL, HC_SCOPE_IN },
  { "an unreadable hire date does not hold back", "E1|A|B|a@x|onboarding|||||soon",
    "{\"pre_start_days\": 1}", NULL, HC_SCOPE_IN },
  { "only onboarding waits: active with a future date", "E1|A|B|a@x|active|||||2026-12-01",
    "{\"pre_start_days\": 1}", NULL, HC_SCOPE_IN },
  { "the filter is told before the start date", "E1|A|B|a@x|onboarding||Lyon|||2026-12-01", PARIS, NULL, HC_SCOPE_OUT_FILTER },
  { "a time after the date is ignored", "E1|A|B|a@x|onboarding|||||2026-06-03T08:00:00",
    "{\"pre_start_days\": 1}", NULL, HC_SCOPE_OUT_NOT_STARTED },
  { "onboarding not among the statuses: out whatever the date", "E1|A|B|a@x|onboarding|||||2026-06-10",
    "{\"scope\": {\"statuses\": [\"active\"]}}", NULL, HC_SCOPE_OUT_STATUS },
};

static HcConfig *
config_from (const char *json)
{
  g_autoptr (GError) error = NULL;
  HcConfig *config;

  if (json == NULL)
    return hc_config_new_default ();
  config = hc_config_new_from_json (json, &error);
  g_assert_no_error (error);
  return config;
}

static void
test_scope_case (gconstpointer data)
{
  const ScopeCase *c = data;
  g_autoptr (HcEmployee) e = hc_test_employee (c->employee);
  g_autoptr (HcConfig) config = config_from (c->config);
  GDate today = hc_test_date (c->today ? c->today : TODAY);
  HcScopeResult got = hc_scope_evaluate_at (config, e, &today);

  if (got != c->expected)
    g_error ("%s: expected %s, got %s", c->name,
             hc_scope_result_to_string (c->expected), hc_scope_result_to_string (got));
}

/* ─── whole companies: include managers (rules.md 4) ───────────────── */

#define NMAX 8

typedef struct
{
  const char *name;
  const char *employees[NMAX];
  const char *config;
  /* "E1=in_as_manager", "E2=out_filter"; "E3<E2": E3 brought in by report E2 */
  const char *expect[NMAX];
} ChainCase;

#define WITH_MANAGERS(rules) \
  "{\"scope\": {\"mode\": \"custom\", \"include_managers\": true, \"rules\": [" rules "]}}"
#define PARIS_RULE "{\"field\": \"office\", \"values\": [\"Paris\"]}"

static const ChainCase chain_cases[] = {
  {
    "up the whole chain",
    { "E1|Chief|A|c@x|active||London", "E2|Mid|B|m@x|active|E1|Berlin", "E3|Ann|C|a@x|active|E2|Paris" },
    WITH_MANAGERS (PARIS_RULE),
    { "E3=in", "E2=in_as_manager", "E1=in_as_manager", "E2<E3", "E1<E2" },
  },
  {
    "without include managers the chain stays out",
    { "E1|Chief|A|c@x|active||London", "E3|Ann|C|a@x|active|E1|Paris" },
    PARIS,
    { "E3=in", "E1=out_filter" },
  },
  {
    "include managers does nothing for all employees",
    { "E1|Chief|A|c@x|inactive||London", "E3|Ann|C|a@x|active|E1|Paris" },
    "{\"scope\": {\"mode\": \"all\", \"include_managers\": true}}",
    { "E3=in", "E1=out_status" },
  },
  {
    "a cycle of two ends",
    { "E1|Ann|One|1@x|active|E2|Paris", "E2|Bob|Two|2@x|active|E1|London" },
    WITH_MANAGERS (PARIS_RULE),
    { "E1=in", "E2=in_as_manager" },
  },
  {
    "a cycle of three with nobody in scope brings nobody in",
    { "E1|A|1|1@x|active|E2|Lyon", "E2|B|2|2@x|active|E3|Lyon", "E3|C|3|3@x|active|E1|Lyon" },
    WITH_MANAGERS (PARIS_RULE),
    { "E1=out_filter", "E2=out_filter", "E3=out_filter" },
  },
  {
    "a cycle of three entered from below",
    { "E1|A|1|1@x|active|E2|Lyon", "E2|B|2|2@x|active|E3|Lyon", "E3|C|3|3@x|active|E1|Lyon", "E4|D|4|4@x|active|E1|Paris" },
    WITH_MANAGERS (PARIS_RULE),
    { "E4=in", "E1=in_as_manager", "E2=in_as_manager", "E3=in_as_manager" },
  },
  {
    "one's own manager",
    { "E1|A|1|1@x|active|E1|Paris" },
    WITH_MANAGERS (PARIS_RULE),
    { "E1=in" },
  },
  {
    "an excluded manager stays out, the one above comes in",
    { "E1|Top|A|t@x|active||London", "E2|Mid|B|m@x|active|E1|Berlin|true", "E3|Ann|C|a@x|active|E2|Paris" },
    WITH_MANAGERS (PARIS_RULE),
    { "E3=in", "E2=out_excluded", "E1=in_as_manager", "E1<E2" },
  },
  {
    "an inactive manager stays out",
    { "E1|Top|A|t@x|inactive||London", "E3|Ann|C|a@x|active|E1|Paris" },
    WITH_MANAGERS (PARIS_RULE),
    { "E3=in", "E1=out_status" },
  },
  {
    "a manager the pre-start limit holds back stays out",
    { "E1|Top|A|t@x|onboarding||London|||2026-09-01", "E3|Ann|C|a@x|active|E1|Paris" },
    "{\"scope\": {\"mode\": \"custom\", \"include_managers\": true, \"rules\": [" PARIS_RULE "]},"
    " \"pre_start_days\": 7}",
    { "E3=in", "E1=out_filter" },
  },
  {
    "a manager who starts later comes in without a limit",
    { "E1|Top|A|t@x|onboarding||London|||2026-09-01", "E3|Ann|C|a@x|active|E1|Paris" },
    WITH_MANAGERS (PARIS_RULE),
    { "E3=in", "E1=in_as_manager" },
  },
  {
    "a manager the HR data does not have ends the chain",
    { "E3|Ann|C|a@x|active|E99|Paris" },
    WITH_MANAGERS (PARIS_RULE),
    { "E3=in" },
  },
  {
    "managers of employees out of scope are not brought in",
    { "E1|Top|A|t@x|active||London", "E3|Ann|C|a@x|inactive|E1|Paris", "E4|Bo|D|b@x|active|E1|Paris|yes" },
    WITH_MANAGERS (PARIS_RULE),
    { "E3=out_status", "E4=out_excluded", "E1=out_filter" },
  },
  {
    "two reports share a chain",
    { "E1|Top|A|t@x|active||London", "E2|Mid|B|m@x|active|E1|Lyon", "E3|Ann|C|a@x|active|E2|Paris", "E4|Bo|D|b@x|active|E2|Paris" },
    WITH_MANAGERS (PARIS_RULE),
    { "E3=in", "E4=in", "E2=in_as_manager", "E1=in_as_manager" },
  },
};

static void
test_chain_case (gconstpointer data)
{
  const ChainCase *c = data;
  g_autoptr (GPtrArray) employees = hc_test_employees (c->employees);
  g_autoptr (HcConfig) config = config_from (c->config);
  g_autoptr (GHashTable) results = NULL;
  g_autoptr (GHashTable) brought_by = NULL;
  GDate today = hc_test_date (TODAY);

  results = hc_scope_evaluate_all_at (config, employees, &today, &brought_by);
  g_assert_cmpuint (g_hash_table_size (results), ==, employees->len);

  for (guint i = 0; i < NMAX && c->expect[i]; i++)
    {
      g_auto (GStrv) parts = NULL;

      if (strchr (c->expect[i], '<'))
        {
          parts = g_strsplit (c->expect[i], "<", 2);
          g_assert_cmpstr (g_hash_table_lookup (brought_by, parts[0]), ==, parts[1]);
          continue;
        }
      parts = g_strsplit (c->expect[i], "=", 2);
      {
        gpointer v = g_hash_table_lookup (results, parts[0]);

        g_assert_nonnull (v);
        if (g_strcmp0 (hc_scope_result_to_string (GPOINTER_TO_INT (v) - 1), parts[1]) != 0)
          g_error ("%s: %s: expected %s, got %s", c->name, parts[0], parts[1],
                   hc_scope_result_to_string (GPOINTER_TO_INT (v) - 1));
      }
    }
}

/* ─── the other entry points ───────────────────────────────────────── */

static void
test_count_in_scope (void)
{
  const char *specs[] = {
    "E1|Top|A|t@x|active||London", "E2|Ann|C|a@x|active|E1|Paris", "E3|Bo|D|b@x|active||Lyon",
    "E4|Cy|E|c@x|inactive||Paris", NULL,
  };
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (HcConfig) all = hc_config_new_default ();
  g_autoptr (HcConfig) paris = config_from (PARIS);
  g_autoptr (HcConfig) managers = config_from (WITH_MANAGERS (PARIS_RULE));
  GDate today = hc_test_date (TODAY);

  g_assert_cmpuint (hc_scope_count_in_scope (all, employees, &today), ==, 3);
  g_assert_cmpuint (hc_scope_count_in_scope (paris, employees, &today), ==, 1);
  g_assert_cmpuint (hc_scope_count_in_scope (managers, employees, &today), ==, 2);
}

/* A future hire is counted by default, and not with a limit that holds
 * them back. */
static void
test_count_future_hires (void)
{
  const char *specs[] = {
    "E1|A|One|1@x|active", "E2|B|Two|2@x|onboarding|||||2026-06-20",
    "E3|C|Three|3@x|onboarding|||||2026-06-05", NULL,
  };
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (HcConfig) none = hc_config_new_default ();
  g_autoptr (HcConfig) week = config_from ("{\"pre_start_days\": 7}");
  g_autoptr (HcConfig) month = config_from ("{\"pre_start_days\": 30}");
  GDate today = hc_test_date (TODAY);

  g_assert_cmpuint (hc_scope_count_in_scope (none, employees, &today), ==, 3);
  g_assert_cmpuint (hc_scope_count_in_scope (week, employees, &today), ==, 2);
  g_assert_cmpuint (hc_scope_count_in_scope (month, employees, &today), ==, 3);
}

static void
test_entry_date (void)
{
  g_autoptr (HcEmployee) e = hc_test_employee ("E1|A|B|a@x|onboarding|||||2026-06-20");
  g_autoptr (HcConfig) config = config_from ("{\"pre_start_days\": 7}");
  GDate today = hc_test_date (TODAY);
  GDate enters;
  GDate expected = hc_test_date ("2026-06-13");

  g_assert_true (hc_scope_get_entry_date (config, e, &today, &enters));
  g_assert_cmpint (g_date_compare (&enters, &expected), ==, 0);

  today = hc_test_date ("2026-06-13");
  g_assert_false (hc_scope_get_entry_date (config, e, &today, &enters));
}

static void
test_parse_date (void)
{
  GDate d;

  g_assert_true (hc_scope_parse_date ("2024-02-29", &d));
  g_assert_cmpint (g_date_get_day (&d), ==, 29);
  g_assert_false (hc_scope_parse_date ("2023-02-29", &d));
  g_assert_false (hc_scope_parse_date ("29/02/2024", &d));
  g_assert_false (hc_scope_parse_date ("2024-2-9", &d));
  g_assert_false (hc_scope_parse_date (NULL, &d));
  g_assert_true (hc_scope_parse_date ("2015-01-01-08:00", &d));
}

typedef struct
{
  const char *employee;
  const char *config;
  const char *fragments[4];    /* all of them in the clause */
} ExplainCase;

static const ExplainCase explain_cases[] = {
  { "E1|A|B|a@x|active||Berlin", PARIS, { "rule 1", "office", "Berlin", "not one of Paris" } },
  { "E1|A|B|a@x|active", PARIS, { "rule 1", "office is empty" } },
  { "E1|A|B|a@x|active||Paris||Sales",
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [" PARIS_RULE ", {\"field\": \"position\", \"values\": [\"Sales\", \"Ops\"]}]}}",
    { "Every rule", "rule 1: office is “Paris”", "rule 2: position is “Sales” (one of Sales, Ops)" } },
  { "E1|A|B|a@x|active|||yes", NULL, { "skip_sync", "yes" } },
  { "E1|A|B|a@x|inactive", NULL, { "inactive", "active, onboarding, leave" } },
  { "E1|A|B|a@x|onboarding|||||2026-06-10", "{\"pre_start_days\": 3}", { "2026-06-10", "3 days", "2026-06-07" } },
  { "E1|A|B|a@x|onboarding|||||2026-06-10", NULL, { "All employees", "onboarding" } },
  { "E1|A|B|a@x|active", NULL, { "All employees", "active" } },
};

static void
test_explain_case (gconstpointer data)
{
  const ExplainCase *c = data;
  g_autoptr (HcEmployee) e = hc_test_employee (c->employee);
  g_autoptr (HcConfig) config = config_from (c->config);
  GDate today = hc_test_date (TODAY);
  g_autofree char *clause = hc_scope_explain (config, e, hc_scope_evaluate_at (config, e, &today), NULL, &today);

  for (guint i = 0; i < G_N_ELEMENTS (c->fragments) && c->fragments[i]; i++)
    if (strstr (clause, c->fragments[i]) == NULL)
      g_error ("“%s” does not say “%s”", clause, c->fragments[i]);
}

static void
test_explain_manager (void)
{
  const char *specs[] = { "E1|Chief|Boss|c@x|active||London", "E2|Ann|Report|a@x|active|E1|Paris", NULL };
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (HcConfig) config = config_from (WITH_MANAGERS (PARIS_RULE));
  g_autoptr (GHashTable) brought_by = NULL;
  g_autoptr (GHashTable) results = NULL;
  g_autofree char *clause = NULL;
  GDate today = hc_test_date (TODAY);

  results = hc_scope_evaluate_all_at (config, employees, &today, &brought_by);
  g_assert_cmpstr (g_hash_table_lookup (brought_by, "E1"), ==, "E2");
  clause = hc_scope_explain (config, g_ptr_array_index (employees, 0),
                             GPOINTER_TO_INT (g_hash_table_lookup (results, "E1")) - 1,
                             "Ann Report", &today);
  g_assert_nonnull (strstr (clause, "manager of Ann Report"));
  g_assert_nonnull (strstr (clause, "Include managers automatically"));
  g_assert_nonnull (strstr (clause, "London"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (set_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scope/value-is-set/%02u", i);
      g_test_add_data_func (path, &set_cases[i], test_value_is_set);
    }
  for (guint i = 0; i < G_N_ELEMENTS (scope_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scope/case/%02u", i);
      g_test_add_data_func (path, &scope_cases[i], test_scope_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (chain_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scope/managers/%02u", i);
      g_test_add_data_func (path, &chain_cases[i], test_chain_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (explain_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scope/explain/%02u", i);
      g_test_add_data_func (path, &explain_cases[i], test_explain_case);
    }
  g_test_add_func ("/scope/explain/manager", test_explain_manager);
  g_test_add_func ("/scope/count", test_count_in_scope);
  g_test_add_func ("/scope/count-future-hires", test_count_future_hires);
  g_test_add_func ("/scope/entry-date", test_entry_date);
  g_test_add_func ("/scope/parse-date", test_parse_date);

  return g_test_run ();
}
