/* test-cli-config.c — headcount-cli config, explain and the sync plan of
 * filters, mapping, staged archives, the preview's JSON (rules.md 3–12, 20–22)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"

typedef struct
{
  char *data_dir;
  char *doc;                    /* a configuration document in data_dir */
  char *snapshot;               /* a file connector's snapshot in data_dir */
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("headcount-cli-config-XXXXXX", &error);
  g_assert_no_error (error);
  f->doc = g_build_filename (f->data_dir, "config.json", NULL);
  f->snapshot = g_build_filename (f->data_dir, "snapshot.json", NULL);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  hc_cli_remove_tree (f->data_dir);
  g_free (f->data_dir);
  g_free (f->doc);
  g_free (f->snapshot);
}

/* headcount-cli --data-dir DATA_DIR ARGS…, @input on stdin */
static void
run_cli_v (Fixture            *f,
           HcCliRun           *run,
           const char         *input,
           const char * const *argv)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *xdg = g_build_filename (f->data_dir, "xdg", NULL);

  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, f->data_dir);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  hc_cli_spawn (NULL, xdg, NULL, (const char * const *) args->pdata, input ? input : "", run);
  g_test_message ("headcount-cli %s → %d\n%s", argv[0], run->status, run->err);
}

static void
run_cli_input (Fixture    *f,
               HcCliRun   *run,
               const char *input,
               ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run_cli_v (f, run, input, (const char * const *) args->pdata);
}

#define run_cli(f, run, ...) run_cli_input ((f), (run), NULL, __VA_ARGS__, NULL)

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_copy (json_parser_get_root (parser));
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
add_connector (Fixture    *f,
               const char *kind,
               const char *name)
{
  g_auto (HcCliRun) run = { 0 };

  if (g_str_equal (kind, "file"))
    run_cli (f, &run, "connector", "add", "file", "--name", name, "--path", f->snapshot);
  else
    run_cli (f, &run, "connector", "add", kind, "--name", name);
  g_assert_cmpint (run.status, ==, 0);
}

/* `config NAME`, parsed. (transfer full) */
static JsonNode *
get_config (Fixture    *f,
            const char *name)
{
  g_auto (HcCliRun) run = { 0 };

  run_cli (f, &run, "config", name);
  g_assert_cmpint (run.status, ==, 0);
  return parse_json (run.out);
}

static void
set_config (Fixture    *f,
            const char *name,
            const char *doc)
{
  g_auto (HcCliRun) run = { 0 };

  /* whole documents: what one leaves out is the default */
  write_file (f->doc, doc);
  run_cli (f, &run, "config", name, "--replace", f->doc);
  g_assert_cmpint (run.status, ==, 0);
}

/* ─── config ───────────────────────────────────────────────────────── */

static void
test_config_print (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object, *scope;
  const char *keys[] = { "scope", "mapping", "archive_inactive", "schedule", "safety_threshold_percent", "pre_start_days",
                         "groups", "teams", "roles" };

  add_connector (f, "demo", "demo");
  root = get_config (f, "demo");
  object = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (object, keys[i]));
  g_assert_cmpuint (json_object_get_size (object), ==, G_N_ELEMENTS (keys));
  scope = json_object_get_object_member (object, "scope");
  g_assert_cmpstr (json_object_get_string_member (scope, "mode"), ==, "all");
  g_assert_cmpstr (json_object_get_string_member (scope, "exclude_field"), ==, "auto");
  /* no pre-start limit, every 24 hours */
  g_assert_true (json_object_get_null_member (object, "pre_start_days"));
  g_assert_cmpstr (json_object_get_string_member (object, "schedule"), ==, "24h");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "mapping")), ==, 12);
}

/* config --json: the document under "config", what --set changed, and
 * an invalid document as an "invalid-config" error; plain config stays
 * the bare document --set reads back. */
static void
test_config_json (Fixture      *f,
                  gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) plain = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autoptr (JsonNode) set = NULL;
  g_autoptr (JsonNode) again = NULL;
  g_autoptr (JsonNode) after = NULL;
  JsonObject *object;

  add_connector (f, "demo", "demo");
  plain = get_config (f, "demo");
  g_assert_false (json_object_has_member (json_node_get_object (plain), "format_version"));

  run_cli (f, &run, "config", "demo", "--json");
  g_assert_cmpint (run.status, ==, 0);
  report = hc_cli_parse_document (run.out);
  object = json_node_get_object (report);
  g_assert_cmpstr (json_object_get_string_member (object, "connector"), ==, "demo");
  g_assert_true (json_node_equal (json_object_get_member (object, "config"), plain));
  g_assert_false (json_object_has_member (object, "error"));
  hc_cli_run_clear (&run);

  write_file (f->doc, "{\"pre_start_days\": 7}");
  run_cli (f, &run, "config", "demo", "--set", f->doc, "--json");
  g_assert_cmpint (run.status, ==, 0);
  set = hc_cli_parse_document (run.out);
  object = json_node_get_object (set);
  g_assert_true (json_object_get_boolean_member (object, "changed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "changes")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "changes"), 0), ==,
                   "pre_start_days: no limit → 7");
  hc_cli_run_clear (&run);

  run_cli (f, &run, "config", "demo", "--set", f->doc, "--json");
  g_assert_cmpint (run.status, ==, 0);
  again = hc_cli_parse_document (run.out);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (again), "changed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (again), "changes")), ==, 0);
  hc_cli_run_clear (&run);

  write_file (f->doc, "{\"schedule\": \"weekly\"}");
  run_cli (f, &run, "config", "demo", "--set", f->doc, "--json");
  hc_cli_assert_error (&run, 1, "invalid-config");
  g_assert_nonnull (strstr (run.out, "schedule"));
  hc_cli_run_clear (&run);

  after = get_config (f, "demo");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (after), "pre_start_days"), ==, 7);
}

/* config --set checks the groups, teams and roles parts like the rest, and
 * merges them key by key. */
static void
test_config_groups (Fixture      *f,
                    gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) after = NULL;
  JsonObject *groups;

  add_connector (f, "demo", "demo");
  write_file (f->doc, "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\", "
              "\"levels\": [\"office\", \"department\"]}, \"teams\": {\"create_from\": \"team\"}}");
  run_cli (f, &run, "config", "demo", "--set", f->doc);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "groups.mode: none → hierarchy"));
  hc_cli_run_clear (&run);

  /* a merge patch changes the mode only */
  write_file (f->doc, "{\"groups\": {\"mode\": \"into\"}}");
  run_cli (f, &run, "config", "demo", "--set", f->doc);
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  write_file (f->doc, "{\"groups\": {\"mode\": \"hierarchy\", \"levels\": []}}");
  run_cli (f, &run, "config", "demo", "--set", f->doc, "--json");
  hc_cli_assert_error (&run, 1, "invalid-config");
  g_assert_nonnull (strstr (run.out, "groups.levels"));
  hc_cli_run_clear (&run);

  write_file (f->doc, "{\"teams\": {\"parent\": \"a//b\"}}");
  run_cli (f, &run, "config", "demo", "--set", f->doc, "--json");
  hc_cli_assert_error (&run, 1, "invalid-config");
  g_assert_nonnull (strstr (run.out, "teams.parent"));
  hc_cli_run_clear (&run);

  after = get_config (f, "demo");
  groups = json_object_get_object_member (json_node_get_object (after), "groups");
  g_assert_cmpstr (json_object_get_string_member (groups, "mode"), ==, "into");
  g_assert_cmpstr (json_object_get_string_member (groups, "top"), ==, "Staff");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (groups, "levels")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (after), "teams"),
                                                  "create_from"), ==, "team");
}

static void
test_config_set (Fixture      *f,
                 gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) again = NULL;
  g_autofree char *printed = NULL;
  JsonObject *scope;

  add_connector (f, "demo", "demo");
  write_file (f->doc,
              "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}],"
              " \"include_managers\": true},"
              " \"mapping\": [{\"target\": \"custom.cost_center\", \"source\": \"cost_center\"}],"
              " \"pre_start_days\": 7}");
  run_cli (f, &run, "config", "demo", "--set", f->doc);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "saved, 5 changes"));
  g_assert_nonnull (strstr (run.out, "scope.mode: all → custom"));
  g_assert_nonnull (strstr (run.out, "scope.rules: none → office ∈ {Paris}"));
  g_assert_nonnull (strstr (run.out, "mapping custom.cost_center: added (cost_center)"));
  g_assert_nonnull (strstr (run.out, "pre_start_days: no limit → 7"));
  hc_cli_run_clear (&run);

  root = get_config (f, "demo");
  scope = json_object_get_object_member (json_node_get_object (root), "scope");
  g_assert_cmpstr (json_object_get_string_member (scope, "mode"), ==, "custom");
  g_assert_true (json_object_get_boolean_member (scope, "include_managers"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "pre_start_days"), ==, 7);

  /* what config prints is a template: it sets the same again */
  run_cli (f, &run, "config", "demo");
  printed = g_steal_pointer (&run.out);
  hc_cli_run_clear (&run);
  run_cli_input (f, &run, printed, "config", "demo", "--set", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "nothing changed"));
  hc_cli_run_clear (&run);

  /* … on another connector too (a consultant's template) */
  add_connector (f, "demo", "other");
  run_cli_input (f, &run, printed, "config", "other", "--set", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  again = get_config (f, "other");
  g_assert_true (json_node_equal (root, again));
}

/* --set merges a partial document (RFC 7396); --replace takes it whole. */
typedef struct
{
  const char *option;           /* "--set" or "--replace" */
  const char *doc;
  const char *changes[4];       /* lines the output lists */
  guint       n_changes;
  /* what the stored document says after */
  const char *mode;
  guint       n_rules;
  gboolean    include_managers;
  gint        pre_start_days;   /* -1: null (no limit) */
  const char *schedule;
} PatchCase;

/* Every case starts from office ∈ {Paris}, include managers off, 7 days
 * before the start date, every 6 hours. */
#define PATCH_START \
  "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}," \
  " \"pre_start_days\": 7, \"schedule\": \"6h\"}"

static const PatchCase patch_cases[] = {
  { "--set", "{\"scope\": {\"include_managers\": true}}",
    { "scope.include_managers: false → true" }, 1, "custom", 1, TRUE, 7, "6h" },
  { "--set", "{\"pre_start_days\": null}",
    { "pre_start_days: 7 → no limit" }, 1, "custom", 1, FALSE, -1, "6h" },
  { "--set", "{\"scope\": {\"rules\": [{\"field\": \"team\", \"values\": [\"Sales\"]}, {\"field\": \"office\", \"values\": [\"Lyon\"]}]}}",
    { "scope.rules" }, 1, "custom", 2, FALSE, 7, "6h" },
  { "--set", "{\"scope\": {\"mode\": \"all\"}, \"schedule\": \"24h\"}",
    { "scope.mode: custom → all", "schedule: 6h → 24h" }, 2, "all", 1, FALSE, 7, "24h" },
  { "--set", "{\"schedule\": null}",
    { "schedule: 6h → 24h" }, 1, "custom", 1, FALSE, 7, "24h" },
  /* the whole document: what it leaves out takes the defaults */
  { "--replace", "{\"scope\": {\"include_managers\": true}}",
    { "scope.mode: custom → all", "pre_start_days: 7 → no limit", "schedule: 6h → 24h" }, 5, "all", 0, TRUE, -1, "24h" },
};

static void
test_config_patch (Fixture      *f,
                   gconstpointer data)
{
  add_connector (f, "demo", "demo");

  for (guint i = 0; i < G_N_ELEMENTS (patch_cases); i++)
    {
      const PatchCase *c = &patch_cases[i];
      g_auto (HcCliRun) run = { 0 };
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *changed = g_strdup_printf (c->n_changes == 1 ? "saved, %u change:" : "saved, %u changes:",
                                                  c->n_changes);
      JsonObject *object, *scope;

      write_file (f->doc, PATCH_START);
      run_cli (f, &run, "config", "demo", "--replace", f->doc);
      g_assert_cmpint (run.status, ==, 0);
      hc_cli_run_clear (&run);

      run_cli_input (f, &run, c->doc, "config", "demo", c->option, "-", NULL);
      g_assert_cmpint (run.status, ==, 0);
      if (strstr (run.out, changed) == NULL)
        g_error ("%s %s: “%s” does not say “%s”", c->option, c->doc, run.out, changed);
      for (guint j = 0; j < G_N_ELEMENTS (c->changes) && c->changes[j]; j++)
        if (strstr (run.out, c->changes[j]) == NULL)
          g_error ("%s %s: “%s” does not list “%s”", c->option, c->doc, run.out, c->changes[j]);

      root = get_config (f, "demo");
      object = json_node_get_object (root);
      scope = json_object_get_object_member (object, "scope");
      g_assert_cmpstr (json_object_get_string_member (scope, "mode"), ==, c->mode);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (scope, "rules")), ==, c->n_rules);
      g_assert_cmpint (json_object_get_boolean_member (scope, "include_managers"), ==, c->include_managers);
      if (c->pre_start_days < 0)
        g_assert_true (json_object_get_null_member (object, "pre_start_days"));
      else
        g_assert_cmpint (json_object_get_int_member (object, "pre_start_days"), ==, c->pre_start_days);
      g_assert_cmpstr (json_object_get_string_member (object, "schedule"), ==, c->schedule);
    }
}

typedef struct
{
  const char *doc;
  const char *in_stderr;        /* names the field and the problem */
} BadDoc;

static const BadDoc bad_docs[] = {
  { "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]},"
    " {\"field\": \"team\", \"values\": [\"A\"]}, {\"field\": \"dept\", \"values\": 3}]}}", "scope.rules[2].values" },
  { "{\"mapping\": [{\"target\": \"salary\", \"source\": \"pay\"}]}", "mapping[0].target" },
  { "{\"scope\": {\"statuses\": [\"retired\"]}}", "“retired” is not a status" },
  { "{\"safety_threshold_percent\": 101}", "safety_threshold_percent" },
  { "{\"schedule\": \"weekly\"}", "schedule" },
  { "{\"colour\": 1}", "colour: unknown key" },
  { "{\"pre_start_days\": 1000}", "pre_start_days" },
  { "not json", "not valid JSON" },
  /* a patch can break what it merges into: still refused, naming the field */
  { "{\"scope\": {\"rules\": {\"field\": \"office\"}}}", "scope.rules" },
  { "[1, 2]", "" },
};

static void
test_config_bad (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (JsonNode) before = NULL;

  add_connector (f, "demo", "demo");
  before = get_config (f, "demo");

  for (guint i = 0; i < G_N_ELEMENTS (bad_docs); i++)
    {
      g_auto (HcCliRun) run = { 0 };
      g_autoptr (JsonNode) after = NULL;

      write_file (f->doc, bad_docs[i].doc);
      run_cli (f, &run, "config", "demo", "--set", f->doc);
      g_assert_cmpint (run.status, ==, 1);
      if (strstr (run.err, bad_docs[i].in_stderr) == NULL)
        g_error ("“%s” does not name “%s”", run.err, bad_docs[i].in_stderr);
      g_assert_nonnull (strstr (run.err, "not changed"));
      g_assert_cmpstr (run.out, ==, "");
      after = get_config (f, "demo");
      g_assert_true (json_node_equal (before, after));
    }
}

static void
test_config_usage (Fixture      *f,
                   gconstpointer data)
{
  const char *usage[][8] = {
    { "config", NULL },
    { "config", "demo", "extra", NULL },
    { "config", "demo", "--set", NULL },
    { "config", "demo", "--set", "", NULL },
    { "config", "demo", "--replace", NULL },
    { "config", "demo", "--set", "a.json", "--replace", "b.json", NULL },
    { "config", "demo", "--frobnicate", NULL },
    { "explain", "demo", NULL },
    { "explain", NULL },
    { "sync", "demo", "--approve-archive", "x12", NULL },
  };

  add_connector (f, "demo", "demo");
  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_auto (HcCliRun) run = { 0 };

      run_cli_v (f, &run, NULL, usage[i]);
      g_assert_cmpint (run.status, ==, 2);
      hc_cli_assert_usage_lines (run.err, usage[i][0]);
    }

  {
    g_auto (HcCliRun) run = { 0 };

    run_cli (f, &run, "config", "nosuch");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "nosuch"));
    hc_cli_run_clear (&run);

    run_cli (f, &run, "config", "demo", "--set", "/nonexistent/config.json");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "/nonexistent/config.json"));
  }
}

/* rules.md 14: a test instance is synced by hand only. */
static void
test_config_test_instance (Fixture      *f,
                           gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };

  run_cli (f, &run, "connector", "add", "demo", "--name", "staging", "--test-instance");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  write_file (f->doc, "{\"schedule\": \"24h\"}");
  run_cli (f, &run, "config", "staging", "--set", f->doc);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "schedule"));
  g_assert_nonnull (strstr (run.err, "test instance"));
}

/* ─── filters on the demo company, through the CLI ─────────────────── */

static JsonObject *
find_by_external_id (JsonArray  *members,
                     const char *id)
{
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (m, "external_id", ""), id) == 0)
        return m;
    }
  return NULL;
}

/* A snapshot: E1 runs London, E2 reports to E1 from Berlin, E3 and E4
 * work in Paris under E2, E5 in Lyon under E1. */
static void
write_company (Fixture *f,
               gboolean e4_inactive,
               gboolean e3_gone)
{
  g_autoptr (GString) json = g_string_new ("{\"employees\": [");

  g_string_append (json,
                   "{\"id\": \"E1\", \"first_name\": \"Chief\", \"last_name\": \"Boss\", \"email\": \"boss@x.test\", \"office\": \"London\"},"
                   "{\"id\": \"E2\", \"first_name\": \"Mid\", \"last_name\": \"Lead\", \"email\": \"lead@x.test\", \"office\": \"Berlin\", \"manager_id\": \"E1\"},");
  if (!e3_gone)
    g_string_append (json,
                     "{\"id\": \"E3\", \"first_name\": \"Ann\", \"last_name\": \"Paris\", \"email\": \"ann@x.test\", \"office\": \"Paris\", \"manager_id\": \"E2\"},");
  g_string_append_printf (json,
                          "{\"id\": \"E4\", \"first_name\": \"Bob\", \"last_name\": \"Paris\", \"email\": \"bob@x.test\", \"office\": \"Paris\", \"manager_id\": \"E2\", \"status\": \"%s\"},"
                          "{\"id\": \"E5\", \"first_name\": \"Cy\", \"last_name\": \"Lyon\", \"email\": \"cy@x.test\", \"office\": \"Lyon\", \"manager_id\": \"E1\","
                          " \"fields\": {\"cost_center\": \"CC-9\"}}",
                          e4_inactive ? "inactive" : "active");
  g_string_append (json, "]}");
  write_file (f->snapshot, json->str);
}

static JsonNode *
members (Fixture *f)
{
  g_auto (HcCliRun) run = { 0 };

  run_cli (f, &run, "members", "--json");
  g_assert_cmpint (run.status, ==, 0);
  return parse_json (run.out);
}

static const char *
hr_status_of (JsonNode   *root,
              const char *id)
{
  JsonObject *m = find_by_external_id (json_object_get_array_member (json_node_get_object (root), "members"), id);

  g_assert_nonnull (m);
  return json_object_get_string_member (m, "hr_status");
}

static const char *
state_of (JsonNode   *root,
          const char *id)
{
  JsonObject *m = find_by_external_id (json_object_get_array_member (json_node_get_object (root), "members"), id);

  g_assert_nonnull (m);
  return json_object_get_string_member (m, "state");
}

/* Archiving switched on after people left: the members already previously
 * managed whose HR record is inactive or gone are archived by the next
 * sync, listed in its preview. */
static void
test_archive_later (Fixture      *f,
                    gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) plan_root = NULL;
  g_autoptr (JsonNode) before = NULL;
  g_autoptr (JsonNode) after = NULL;
  JsonObject *plan;
  JsonArray *items;
  guint archives = 0;

  write_company (f, FALSE, FALSE);
  add_connector (f, "file", "hr");
  run_cli (f, &run, "sync", "hr", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  /* E3 leaves, E4 becomes inactive, archiving is off: previously managed */
  write_company (f, TRUE, TRUE);
  run_cli (f, &run, "sync", "hr", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  before = members (f);
  g_assert_cmpstr (hr_status_of (before, "E3"), ==, "previously_managed");
  g_assert_cmpstr (hr_status_of (before, "E4"), ==, "previously_managed");
  g_assert_cmpstr (state_of (before, "E4"), ==, "invited");

  /* archiving on: one key of the configuration */
  run_cli_input (f, &run, "{\"archive_inactive\": true}", "config", "hr", "--set", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "sync", "hr", "--dry-run", "--json");
  g_assert_cmpint (run.status, ==, 0);
  plan_root = parse_json (run.out);
  plan = json_object_get_object_member (json_node_get_object (plan_root), "plan");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (plan, "counts"), "archive"), ==, 2);
  items = json_object_get_array_member (plan, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (item, "kind"), "archive"))
        {
          const char *id = json_object_get_string_member (item, "employee_id");

          g_assert_true (g_str_equal (id, "E3") || g_str_equal (id, "E4"));
          g_assert_cmpstr (json_object_get_string_member (item, "reason_code"), ==,
                           g_str_equal (id, "E3") ? "gone" : "inactive");
          archives++;
        }
    }
  g_assert_cmpuint (archives, ==, 2);
  hc_cli_run_clear (&run);

  run_cli (f, &run, "sync", "hr", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  after = members (f);
  g_assert_cmpstr (state_of (after, "E3"), ==, "archived");
  g_assert_cmpstr (state_of (after, "E4"), ==, "archived");
  g_assert_cmpstr (state_of (after, "E1"), !=, "archived");
}

/* Two people whose e-mail and status the test changes between syncs. */
static void
write_pair (Fixture    *f,
            const char *ann_email,
            const char *ann_status,
            const char *ann_title)
{
  g_autofree char *json = g_strdup_printf (
    "{\"employees\": ["
    "{\"id\": \"E1\", \"first_name\": \"Ann\", \"last_name\": \"One\", \"email\": \"%s\","
    " \"status\": \"%s\", \"position\": \"%s\"},"
    "{\"id\": \"E2\", \"first_name\": \"Bo\", \"last_name\": \"Two\", \"email\": \"bo@x.test\"}]}",
    ann_email, ann_status, ann_title);

  write_file (f->snapshot, json);
}

static const char *
field_of (JsonNode   *root,
          const char *id,
          const char *field)
{
  JsonObject *m = find_by_external_id (json_object_get_array_member (json_node_get_object (root), "members"), id);

  g_assert_nonnull (m);
  return json_object_get_string_member_with_default (m, field, NULL);
}

/* No two members share an e-mail; people who come back return to their
 * state. Through the command line, on a real store. */
static void
test_shared_email_and_return (Fixture      *f,
                              gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) plan_root = NULL;
  g_autoptr (JsonNode) m1 = NULL;
  g_autoptr (JsonNode) m2 = NULL;
  g_autoptr (JsonNode) m3 = NULL;
  JsonArray *warnings;
  gboolean named = FALSE;

  write_pair (f, "ann@x.test", "active", "Engineer");
  add_connector (f, "file", "hr");
  set_config (f, "hr", "{\"archive_inactive\": true}");
  run_cli (f, &run, "sync", "hr", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  /* HR gives Ann Bo's e-mail (in capitals) and a new title: the title is
   * applied, the e-mail is not, and the plan names both */
  write_pair (f, "BO@x.test", "active", "Lead");
  run_cli (f, &run, "sync", "hr", "--yes", "--json");
  g_assert_cmpint (run.status, ==, 0);
  plan_root = parse_json (run.out);
  warnings = json_object_get_array_member (json_object_get_object_member (json_node_get_object (plan_root), "plan"),
                                           "warnings");
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      const char *w = json_array_get_string_element (warnings, i);

      named |= strstr (w, "Ann One") != NULL && strstr (w, "Bo Two") != NULL && strstr (w, "bo@x.test") != NULL;
    }
  g_assert_true (named);
  hc_cli_run_clear (&run);
  m1 = members (f);
  g_assert_cmpstr (field_of (m1, "E1", "email"), ==, "ann@x.test");
  g_assert_cmpstr (field_of (m1, "E1", "title"), ==, "Lead");
  g_assert_cmpstr (field_of (m1, "E2", "email"), ==, "bo@x.test");

  /* Ann, invited and never joined, leaves: archived; back: invited again */
  write_pair (f, "ann@x.test", "inactive", "Lead");
  run_cli (f, &run, "sync", "hr", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  m2 = members (f);
  g_assert_cmpstr (state_of (m2, "E1"), ==, "archived");

  write_pair (f, "ann@x.test", "active", "Lead");
  run_cli (f, &run, "sync", "hr", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  m3 = members (f);
  g_assert_cmpstr (state_of (m3, "E1"), ==, "invited");
  g_assert_cmpstr (hr_status_of (m3, "E1"), ==, "managed");
}

static void
test_paris_then_all (Fixture      *f,
                     gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) plan_root = NULL;
  g_autoptr (JsonNode) m1 = NULL;
  g_autoptr (JsonNode) m2 = NULL;
  g_autoptr (JsonNode) m3 = NULL;
  g_autoptr (JsonNode) m4 = NULL;
  g_autoptr (JsonNode) explain = NULL;
  JsonObject *plan, *counts;

  write_company (f, FALSE, FALSE);
  add_connector (f, "file", "hr");

  /* Paris, managers included */
  set_config (f, "hr", "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}],"
              " \"include_managers\": true}}");
  run_cli (f, &run, "sync", "hr", "--dry-run", "--json");
  g_assert_cmpint (run.status, ==, 0);
  plan_root = parse_json (run.out);
  plan = json_object_get_object_member (json_node_get_object (plan_root), "plan");
  counts = json_object_get_object_member (plan, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "invite"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (counts, "skip"), ==, 1);
  /* the stable keys, and the new ones */
  g_assert_true (json_object_has_member (plan, "needs_confirmation"));
  g_assert_true (json_object_has_member (plan, "confirmation_reason"));
  g_assert_true (json_object_has_member (plan, "warnings"));
  g_assert_true (json_object_has_member (plan, "upcoming"));
  g_assert_cmpint (json_object_get_int_member (plan, "staged_archives"), ==, 0);
  {
    JsonArray *items = json_object_get_array_member (plan, "items");
    gboolean skip_found = FALSE;

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);

        if (g_str_equal (json_object_get_string_member (item, "kind"), "skip"))
          {
            g_assert_cmpstr (json_object_get_string_member (item, "employee_id"), ==, "E5");
            g_assert_cmpstr (json_object_get_string_member (item, "reason_code"), ==, "filtered_out");
            g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, "Filtered out");
            skip_found = TRUE;
          }
      }
    g_assert_true (skip_found);
  }
  hc_cli_run_clear (&run);

  run_cli (f, &run, "sync", "hr");
  g_assert_cmpint (run.status, ==, 3);   /* the first sync asks */
  hc_cli_run_clear (&run);
  run_cli (f, &run, "sync", "hr", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  m1 = members (f);
  g_assert_cmpstr (hr_status_of (m1, "E1"), ==, "managed");
  g_assert_cmpstr (hr_status_of (m1, "E3"), ==, "managed");
  g_assert_null (find_by_external_id (json_object_get_array_member (json_node_get_object (m1), "members"), "E5"));

  /* why is E1 in, E5 out? */
  run_cli (f, &run, "explain", "hr", "E1", "--json");
  g_assert_cmpint (run.status, ==, 0);
  explain = parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (explain), "scope"), ==, "in_as_manager");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (explain), "match"), ==, "employee_id");
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (explain), "clause"), "manager of"));
  hc_cli_run_clear (&run);
  run_cli (f, &run, "explain", "hr", "cy@x.test");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "office is “Lyon”, not one of Paris"));
  hc_cli_run_clear (&run);
  run_cli (f, &run, "explain", "hr", "nobody@x.test");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "nobody@x.test"));
  hc_cli_run_clear (&run);

  /* widen to all: E5 comes in */
  set_config (f, "hr", "{\"scope\": {\"mode\": \"all\"}}");
  run_cli (f, &run, "sync", "hr", "--json");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  m2 = members (f);
  g_assert_cmpstr (hr_status_of (m2, "E5"), ==, "managed");

  /* London or Paris: the others are previously managed, never archived (rules.md 8) */
  set_config (f, "hr", "{\"archive_inactive\": true, \"scope\": {\"mode\": \"custom\","
              " \"rules\": [{\"field\": \"office\", \"values\": [\"London\", \"Paris\"]}]}}");
  run_cli (f, &run, "sync", "hr");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  m3 = members (f);
  g_assert_cmpstr (hr_status_of (m3, "E1"), ==, "managed");
  g_assert_cmpstr (hr_status_of (m3, "E3"), ==, "managed");
  g_assert_cmpstr (hr_status_of (m3, "E2"), ==, "previously_managed");
  g_assert_cmpstr (state_of (m3, "E2"), ==, "invited");
  g_assert_cmpstr (hr_status_of (m3, "E5"), ==, "previously_managed");
  g_assert_cmpstr (state_of (m3, "E5"), ==, "invited");

  /* all again, E3 gone and E4 inactive, archiving on: archived (rules.md 9) */
  write_company (f, TRUE, TRUE);
  set_config (f, "hr", "{\"archive_inactive\": true}");
  run_cli (f, &run, "sync", "hr", "--json");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);
  m4 = members (f);
  g_assert_cmpstr (state_of (m4, "E3"), ==, "archived");
  g_assert_cmpstr (state_of (m4, "E4"), ==, "archived");
  g_assert_cmpstr (hr_status_of (m4, "E5"), ==, "managed");
  g_assert_cmpstr (hr_status_of (m4, "E2"), ==, "managed");
}

/* A mapping to a field the HR system does not have fails before any plan. */
static void
test_sync_missing_field (Fixture      *f,
                         gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };

  write_company (f, FALSE, FALSE);
  add_connector (f, "file", "hr");
  set_config (f, "hr", "{\"mapping\": [{\"target\": \"custom.cost_center\", \"source\": \"cost_centre\"}]}");
  run_cli (f, &run, "sync", "hr", "--dry-run", "--json");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "cost_centre"));
  g_assert_nonnull (strstr (run.err, "cost_center (custom field)"));
  /* A configuration the HR data cannot serve: "invalid-config" for scripts. */
  hc_cli_assert_error (&run, 1, "invalid-config");
  hc_cli_run_clear (&run);

  set_config (f, "hr", "{\"mapping\": [{\"target\": \"custom.cost_center\", \"source\": \"cost_center\"}]}");
  run_cli (f, &run, "sync", "hr", "--dry-run", "--json");
  g_assert_cmpint (run.status, ==, 0);
}

/* Staged archives: --stage-archives and --approve-archive apply the rest. */
static void
test_sync_staged (Fixture      *f,
                  gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) result = NULL;
  g_autoptr (JsonNode) after = NULL;
  g_autoptr (JsonNode) last = NULL;
  g_autofree char *e3_id = NULL;
  JsonObject *plan, *object;
  JsonArray *items;

  write_company (f, FALSE, FALSE);
  add_connector (f, "file", "hr");
  set_config (f, "hr", "{\"archive_inactive\": true}");
  run_cli (f, &run, "sync", "hr", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  hc_cli_run_clear (&run);

  /* E3 and E4 leave: both archives stay staged, the rest applies */
  write_company (f, TRUE, TRUE);
  run_cli (f, &run, "sync", "hr", "--stage-archives", "--json");
  g_assert_cmpint (run.status, ==, 0);
  result = parse_json (run.out);
  object = json_node_get_object (result);
  plan = json_object_get_object_member (object, "plan");
  g_assert_cmpint (json_object_get_int_member (plan, "staged_archives"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (plan, "counts"), "archive"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (object, "run"),
                                                                              "counts"), "archive"), ==, 0);
  items = json_object_get_array_member (plan, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (!g_str_equal (json_object_get_string_member (item, "kind"), "archive"))
        continue;
      g_assert_true (json_object_get_boolean_member (item, "staged"));
      if (g_strcmp0 (json_object_get_string_member (item, "employee_id"), "E3") == 0)
        e3_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (item, "member_id"));
    }
  g_assert_nonnull (e3_id);
  hc_cli_run_clear (&run);
  after = members (f);
  g_assert_cmpstr (state_of (after, "E3"), ==, "invited");
  g_assert_cmpstr (state_of (after, "E4"), ==, "invited");

  /* approve E3 only */
  run_cli (f, &run, "sync", "hr", "--approve-archive", e3_id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1 archive stays staged"));
  hc_cli_run_clear (&run);
  last = members (f);
  g_assert_cmpstr (state_of (last, "E3"), ==, "archived");
  g_assert_cmpstr (state_of (last, "E4"), ==, "invited");

  /* a member the plan does not archive */
  run_cli (f, &run, "sync", "hr", "--approve-archive", "999");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "999"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/config/print", test_config_print);
  ADD ("/cli/config/set", test_config_set);
  ADD ("/cli/config/json", test_config_json);
  ADD ("/cli/config/groups", test_config_groups);
  ADD ("/cli/config/merge-patch", test_config_patch);
  ADD ("/cli/config/bad-documents", test_config_bad);
  ADD ("/cli/config/usage", test_config_usage);
  ADD ("/cli/config/test-instance", test_config_test_instance);
  ADD ("/cli/sync/paris-then-all", test_paris_then_all);
  ADD ("/cli/sync/archive-later", test_archive_later);
  ADD ("/cli/sync/shared-email-and-return", test_shared_email_and_return);
  ADD ("/cli/sync/missing-field", test_sync_missing_field);
  ADD ("/cli/sync/staged-archives", test_sync_staged);
#undef ADD

  return g_test_run ();
}
