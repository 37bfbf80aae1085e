/* test-group-placement.c — the connector's groups settings and where a sync places a member
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "hc-config.h"
#include "hc-error.h"
#include "hc-group-placement.h"
#include "hc-groups.h"
#include "hc-store.h"
#include "hc-test-fixtures.h"

typedef struct
{
  char    *dir;
  HcStore *store;
} Fixture;

/* The tree made by hand that the hierarchy tests place into. */
static const char * const tree[] = {
  "Staff",
  "Staff/Paris",
  "Staff/Paris/Engineering",
  "Staff/Paris/Engineering/Backend",
  "Staff/Paris/Sales",
  "Staff/Lyon",
  "Staff/Zürich",
  "Staff/Zürich/R&D",
  "Teams",
  "Teams/Paris",
};

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("hc-placement-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = hc_store_new (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tree); i++)
    {
      g_assert_true (hc_groups_create (f->store, tree[i], NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  hc_test_remove_dir (f->dir);
  g_free (f->dir);
}

static HcConfig *
config_with (const char *json)
{
  g_autoptr (GError) error = NULL;
  HcConfig *config = hc_config_new_from_json (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static HcGroupPlacement *
placement_for (Fixture    *f,
               const char *json)
{
  g_autoptr (HcConfig) config = config_with (json);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = hc_groups_list (f->store, &error);

  g_assert_no_error (error);
  return hc_group_placement_new (config, groups);
}

/* ─── configuration ─────────────────────────────────────────────────── */

static void
test_config_round_trip (void)
{
  g_autoptr (HcConfig) config = config_with (
    "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \" Staff / R\\\\/D \", \"levels\": [\"office\", \"department\"]},"
    " \"teams\": {\"create_from\": [\"office\", \"team\"], \"parent\": \"Teams\"},"
    " \"roles\": {\"from\": \"position\", \"mapping\": [{\"position\": \"Dev\", \"role\": \"Engineer\"},"
    "  {\"position\": \"Intern\", \"role\": null}]}}");
  g_autoptr (HcConfig) copy = NULL;
  g_autoptr (HcConfig) back = NULL;
  g_autoptr (HcConfig) defaults = hc_config_new_default ();
  g_autoptr (GPtrArray) lines = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (config->group_mode, ==, HC_GROUP_MODE_HIERARCHY);
  g_assert_cmpstr (config->group_top, ==, "Staff/R\\/D");
  g_assert_cmpuint (config->group_levels->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (config->group_levels, 1), ==, "department");
  g_assert_cmpuint (config->teams_from->len, ==, 2);
  g_assert_cmpstr (config->teams_parent, ==, "Teams");
  g_assert_cmpstr (config->roles_from, ==, "position");
  g_assert_cmpstr (hc_config_find_role_mapping (config, " dev ")->role, ==, "Engineer");
  g_assert_null (hc_config_find_role_mapping (config, "INTERN")->role);
  g_assert_null (hc_config_find_role_mapping (config, "CEO"));

  copy = hc_config_copy (config);
  g_assert_true (hc_config_equal (config, copy));
  json = hc_config_to_json (config);
  back = hc_config_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (hc_config_equal (config, back));

  /* the defaults: no groups, no teams, one role per position */
  g_assert_cmpint (defaults->group_mode, ==, HC_GROUP_MODE_NONE);
  g_assert_cmpuint (defaults->teams_from->len, ==, 0);
  g_assert_cmpstr (defaults->roles_from, ==, "position");

  /* rules.md 39: a document without "roles" (or without its "from", or
   * with null, what a merge patch deletes) gets the default; false turns
   * roles off, and stays off */
  {
    static const struct
    {
      const char *json;
      const char *from;
    } cases[] = {
      { "{}", "position" },
      { "{\"roles\": null}", "position" },
      { "{\"roles\": {\"mapping\": [{\"position\": \"Dev\", \"role\": \"Engineer\"}]}}", "position" },
      { "{\"roles\": {\"from\": null}}", "position" },
      { "{\"roles\": {\"from\": false}}", NULL },
      { "{\"roles\": {\"from\": \" \"}}", NULL },
      { "{\"roles\": {\"from\": \"job_title\"}}", "job_title" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr (HcConfig) read = hc_config_new_from_json (cases[i].json, &error);
        g_autoptr (HcConfig) again = NULL;
        g_autofree char *text = NULL;

        g_test_message ("%s", cases[i].json);
        g_assert_no_error (error);
        g_assert_cmpstr (read->roles_from, ==, cases[i].from);
        text = hc_config_to_json (read);
        again = hc_config_new_from_json (text, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (again->roles_from, ==, cases[i].from);
        g_assert_true (hc_config_equal (read, again));
      }
  }

  lines = hc_config_describe_changes (defaults, config);
  g_assert_true (g_ptr_array_find_with_equal_func (lines, "groups.mode: none → hierarchy", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (lines, "teams.create_from: none → office, team",
                                                   g_str_equal, NULL));
}

static void
test_config_errors (void)
{
  static const struct
  {
    const char *json;
    const char *message;        /* a part of the error */
  } cases[] = {
    { "{\"groups\": {\"mode\": \"tree\", \"top\": \"Staff\"}}", "groups.mode: expected none, into or hierarchy" },
    { "{\"groups\": {\"mode\": \"into\"}}", "groups.top: the mode into needs" },
    { "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\"}}", "groups.levels: the hierarchy needs" },
    { "{\"groups\": {\"mode\": \"into\", \"top\": \"Staff//Paris\"}}", "groups.top:" },
    { "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"S\", \"levels\": [\"a\", \"\"]}}", "groups.levels[1]" },
    { "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"S\", \"levels\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}}",
      "more than the limit of 5" },
    { "{\"groups\": {\"mode\": \"into\", \"top\": \"S\", \"depth\": 2}}", "groups.depth: unknown key" },
    { "{\"groups\": \"Staff\"}", "groups: expected an object" },
    { "{\"teams\": {\"create_from\": [\"a\", \"b\", \"c\"]}}", "teams.create_from: has 3 levels" },
    { "{\"teams\": {\"create_from\": 3}}", "teams.create_from: expected a field name" },
    { "{\"teams\": {\"create_from\": \"team\", \"parent\": \"/\"}}", "teams.parent:" },
    { "{\"roles\": {\"mapping\": [{\"position\": \"Dev\"}, {\"position\": \" dev \"}]}}", "listed twice" },
    { "{\"roles\": {\"mapping\": [{\"role\": \"Dev\"}]}}", "roles.mapping[0].position: expected a position" },
    { "{\"roles\": {\"from\": 1}}", "roles.from: expected a text value" },
    { "{\"roles\": {\"from\": true}}", "roles.from: expected an HR field name, or false" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (HcConfig) config = hc_config_new_from_json (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (config);
      g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* ─── placement ─────────────────────────────────────────────────────── */

#define HIERARCHY_3 "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\", " \
  "\"levels\": [\"office\", \"department\", \"team\"]}}"

static void
test_place_table (Fixture      *f,
                  gconstpointer data)
{
  static const struct
  {
    const char *levels;         /* the hierarchy's HR fields, joined by "," */
    const char *values;         /* the employee's values, "|" between levels, "-" for none */
    const char *group;          /* the path expected */
    guint       matched;
    const char *missing_field;
    const char *missing_value;
  } cases[] = {
    /* depth 1 to 3 */
    { "office", "Paris", "Staff/Paris", 1, NULL, NULL },
    { "office,department", "Paris|Engineering", "Staff/Paris/Engineering", 2, NULL, NULL },
    { "office,department,team", "Paris|Engineering|Backend", "Staff/Paris/Engineering/Backend", 3, NULL, NULL },
    /* accents, case and spaces */
    { "office,department", "  paris |ENGINEERING ", "Staff/Paris/Engineering", 2, NULL, NULL },
    { "office,department", "zurich|r&d", "Staff/Zürich/R&D", 2, NULL, NULL },
    { "office,department", "ZÜRICH|R&D", "Staff/Zürich/R&D", 2, NULL, NULL },
    { "office", "Parîs", "Staff/Paris", 1, NULL, NULL },
    /* a missing group at each level */
    { "office,department,team", "Berlin|Engineering|Backend", "Staff", 0, "office", "Berlin" },
    { "office,department,team", "Lyon|Engineering|Backend", "Staff/Lyon", 1, "department", "Engineering" },
    { "office,department,team", "Paris|Sales|Inside", "Staff/Paris/Sales", 2, "team", "Inside" },
    /* no value at a level: the walk stops there */
    { "office,department", "-|Engineering", "Staff", 0, "office", NULL },
    { "office,department", "Paris|-", "Staff/Paris", 1, "department", NULL },
    { "office,department", "   |Engineering", "Staff", 0, "office", NULL },
    /* the same names elsewhere in the tree are not under the top */
    { "office", "Teams", "Staff", 0, "office", "Teams" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (GStrv) levels = g_strsplit (cases[i].levels, ",", -1);
      g_auto (GStrv) values = g_strsplit (cases[i].values, "|", -1);
      g_autoptr (GString) json = g_string_new ("{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\", \"levels\": [");
      g_autoptr (HcGroupPlacement) placement = NULL;
      const char *v[HC_CONFIG_MAX_GROUP_LEVELS] = { NULL, };
      HcPlacement out;
      HcGroup *group;

      g_test_message ("%s: %s", cases[i].levels, cases[i].values);
      for (guint l = 0; levels[l] != NULL; l++)
        g_string_append_printf (json, "%s\"%s\"", l ? "," : "", levels[l]);
      g_string_append (json, "]}}");
      placement = placement_for (f, json->str);
      g_assert_null (hc_group_placement_get_problem (placement));
      for (guint l = 0; values[l] != NULL; l++)
        v[l] = g_str_equal (values[l], "-") ? NULL : values[l];

      group = hc_group_placement_place_values (placement, v, g_strv_length (values), &out);
      g_assert_nonnull (group);
      g_assert_true (group == out.group);
      g_assert_cmpstr (group->path, ==, cases[i].group);
      g_assert_cmpuint (out.matched, ==, cases[i].matched);
      g_assert_cmpuint (out.n_levels, ==, g_strv_length (levels));
      g_assert_cmpstr (out.missing_field, ==, cases[i].missing_field);
      g_assert_cmpstr (out.missing_value, ==, cases[i].missing_value);
      hc_placement_clear (&out);
    }
}

static void
test_place_employee (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (HcGroupPlacement) placement = placement_for (f, HIERARCHY_3);
  g_autoptr (HcEmployee) e1 = hc_test_employee ("E1|Ana|Lee|ana@x.test|active||Paris||||"
                                                "department=Engineering;team= backend ");
  g_autoptr (HcEmployee) e2 = hc_test_employee ("E2|Bo|Ng|bo@x.test|active||Lyon||||department=Sales");
  HcPlacement out;
  g_autofree char *why = NULL;
  g_autofree char *rule = NULL;

  g_assert_cmpstr (hc_group_placement_place (placement, e1, &out)->path, ==, "Staff/Paris/Engineering/Backend");
  why = hc_group_placement_describe (placement, &out);
  g_assert_cmpstr (why, ==, "office “Paris”, department “Engineering” and team “backend” match "
                   "Staff/Paris/Engineering/Backend");
  rule = hc_group_placement_dup_rule (placement, &out);
  g_assert_cmpstr (rule, ==, "hierarchy office=Paris, department=Engineering, team=backend");
  hc_placement_clear (&out);
  g_clear_pointer (&why, g_free);

  g_assert_cmpstr (hc_group_placement_place (placement, e2, &out)->path, ==, "Staff/Lyon");
  why = hc_group_placement_describe (placement, &out);
  g_assert_cmpstr (why, ==, "office “Lyon” matches Staff/Lyon; no group “Sales” (a department) under it");
  hc_placement_clear (&out);
}

/* A group renamed or moved by hand between two syncs: the next placement
 * follows the tree as it is; an HR value renamed follows the value. */
static void
test_place_after_edits (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *paris_eng[] = { "Paris", "Engineering" };
  const char *paris_ing[] = { "Paris", "Ingénierie" };
  const char *lyon_sales[] = { "Lyon", "Sales" };
  HcPlacement out;

  {
    g_autoptr (HcGroupPlacement) p = placement_for (f, HIERARCHY_3);

    g_assert_cmpstr (hc_group_placement_place_values (p, paris_eng, 2, NULL)->path, ==, "Staff/Paris/Engineering");
    g_assert_cmpstr (hc_group_placement_place_values (p, lyon_sales, 2, NULL)->path, ==, "Staff/Lyon");
  }

  g_assert_true (hc_groups_rename (f->store, "Staff/Paris/Engineering", "Ingénierie", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hc_groups_move (f->store, "Staff/Paris/Sales", "Staff/Lyon", NULL, &error));
  g_assert_no_error (error);

  {
    g_autoptr (HcGroupPlacement) p = placement_for (f, HIERARCHY_3);

    /* the old HR value no longer matches the renamed group */
    g_assert_cmpstr (hc_group_placement_place_values (p, paris_eng, 2, &out)->path, ==, "Staff/Paris");
    g_assert_cmpstr (out.missing_value, ==, "Engineering");
    hc_placement_clear (&out);
    /* the HR value renamed in step, without its accent */
    paris_ing[1] = "ingenierie";
    g_assert_cmpstr (hc_group_placement_place_values (p, paris_ing, 2, NULL)->path, ==, "Staff/Paris/Ingénierie");
    g_assert_cmpstr (hc_group_placement_place_values (p, lyon_sales, 2, NULL)->path, ==, "Staff/Lyon/Sales");
  }

  /* the top group itself renamed: the configuration names a group that
   * is gone, and nothing is placed */
  g_assert_true (hc_groups_rename (f->store, "Staff", "People", NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (HcGroupPlacement) p = placement_for (f, HIERARCHY_3);

    g_assert_null (hc_group_placement_get_top (p));
    g_assert_nonnull (strstr (hc_group_placement_get_problem (p), "“Staff”"));
    g_assert_null (hc_group_placement_place_values (p, paris_eng, 2, &out));
    g_assert_null (out.group);
    hc_placement_clear (&out);
  }
}

/* Archived groups are never a target. */
static void
test_place_archived (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (HcConfig) config = config_with (HIERARCHY_3);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = hc_groups_list (f->store, &error);
  g_autoptr (HcGroupPlacement) p = NULL;
  const char *values[] = { "Paris", "Sales" };

  g_assert_no_error (error);
  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);

      if (g_str_equal (group->path, "Staff/Paris/Sales"))
        group->archived = TRUE;
    }
  p = hc_group_placement_new (config, groups);
  g_assert_cmpstr (hc_group_placement_place_values (p, values, 2, NULL)->path, ==, "Staff/Paris");
}

static void
test_into (Fixture      *f,
           gconstpointer data)
{
  g_autoptr (HcGroupPlacement) p = placement_for (f, "{\"groups\": {\"mode\": \"into\", \"top\": \"staff / paris\"}}");
  g_autoptr (GPtrArray) employees = hc_test_employees ((const char *[]) {
    "E1|A|A|a@x.test|active||Lyon", "E2|B|B|b@x.test|active", NULL
  });
  g_autofree char *summary = NULL;
  HcPlacement out;
  g_autofree char *rule = NULL;

  g_assert_cmpstr (hc_group_placement_place (p, g_ptr_array_index (employees, 0), &out)->path, ==, "Staff/Paris");
  rule = hc_group_placement_dup_rule (p, &out);
  g_assert_cmpstr (rule, ==, "into Staff/Paris");
  hc_placement_clear (&out);
  summary = hc_group_placement_summarize (p, employees);
  g_assert_cmpstr (summary, ==, "Staff/Paris: 2");
}

static void
test_none (Fixture      *f,
           gconstpointer data)
{
  g_autoptr (HcGroupPlacement) p = placement_for (f, "{}");
  g_autoptr (GPtrArray) employees = hc_test_employees ((const char *[]) { "E1|A|A|a@x.test|active||Paris", NULL });
  g_autofree char *summary = hc_group_placement_summarize (p, employees);

  g_assert_null (hc_group_placement_place (p, g_ptr_array_index (employees, 0), NULL));
  g_assert_null (hc_group_placement_get_problem (p));
  g_assert_cmpstr (summary, ==, "");
}

/* The live preview's line. */
static void
test_summary (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (HcGroupPlacement) p = placement_for (
    f, "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\", \"levels\": [\"office\", \"department\"]}}");
  g_autoptr (GPtrArray) employees = hc_test_employees ((const char *[]) {
    "E1|A|A|a@x.test|active||Paris||||department=Engineering",
    "E2|B|B|b@x.test|active||paris||||department=engineering",
    "E3|C|C|c@x.test|active||Paris||||department=Legal",
    "E4|D|D|d@x.test|active||Berlin",
    "E5|E|E|e@x.test|active",
    "E6|F|F|f@x.test|active||Zurich||||department=R&D",
    NULL
  });
  g_autoptr (GPtrArray) counts = hc_group_placement_count (p, employees);
  g_autofree char *summary = hc_group_placement_summarize (p, employees);

  g_assert_cmpuint (counts->len, ==, 4);
  g_assert_cmpstr (summary, ==, "Paris / Engineering: 2, top group: 2, Paris (no department group): 1, "
                   "Zürich / R&D: 1");
}

static void
test_team_names (void)
{
  g_autoptr (HcConfig) one = config_with ("{\"teams\": {\"create_from\": \"team\", \"parent\": \"Teams\"}}");
  g_autoptr (HcConfig) two = config_with ("{\"teams\": {\"create_from\": [\"office\", \"team\"]}}");
  g_autoptr (HcConfig) off = hc_config_new_default ();
  g_autoptr (HcEmployee) e = hc_test_employee ("E1|A|A|a@x.test|active||Paris||||team= Blue ");
  g_autoptr (HcEmployee) no_office = hc_test_employee ("E2|A|A|a@x.test|active||||||team=Blue");
  g_auto (GStrv) a = hc_group_placement_team_names (one, e);
  g_auto (GStrv) b = hc_group_placement_team_names (two, e);
  g_auto (GStrv) c = hc_group_placement_team_names (two, no_office);
  g_auto (GStrv) d = hc_group_placement_team_names (off, e);
  const char *blue[] = { "Blue", NULL };
  const char *paris_blue[] = { "Paris", "Blue", NULL };

  g_assert_cmpstrv (a, blue);
  g_assert_cmpstrv (b, paris_blue);
  g_assert_null (c);
  g_assert_null (d);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/group-placement/config-round-trip", test_config_round_trip);
  g_test_add_func ("/group-placement/config-errors", test_config_errors);
  g_test_add_func ("/group-placement/team-names", test_team_names);
  ADD ("/group-placement/table", test_place_table);
  ADD ("/group-placement/employee", test_place_employee);
  ADD ("/group-placement/after-edits", test_place_after_edits);
  ADD ("/group-placement/archived", test_place_archived);
  ADD ("/group-placement/into", test_into);
  ADD ("/group-placement/none", test_none);
  ADD ("/group-placement/summary", test_summary);

  return g_test_run ();
}
