/* test-cli-csv.c — headcount-cli export-members and import-members end to end, on a temporary data dir
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-csv"

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"
#include "hc-member.h"
#include "hc-store.h"

typedef struct
{
  char *data_dir;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("headcount-cli-csv-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  hc_cli_remove_tree (f->data_dir);
  g_free (f->data_dir);
}

/* headcount-cli --data-dir DATA_DIR ARGS…, never the user's own data. */
static void
run_cli (Fixture  *f,
         HcCliRun *run,
         ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *xdg = g_build_filename (f->data_dir, "xdg", NULL);
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, f->data_dir);
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  hc_cli_spawn (NULL, xdg, NULL, (const char * const *) args->pdata, "", run);

  g_test_message ("headcount-cli %s → %d\nstdout:\n%s\nstderr:\n%s",
                  (const char *) args->pdata[2], run->status, run->out, run->err);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
}

static char *
write_temp (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->data_dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr (GError) error = NULL;

  /* One document, format_version first (docs/cli.md). */
  json_node_unref (hc_cli_parse_document (text));
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

/* members --json, as e-mail → member object. */
static guint
count_members (Fixture *f)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;

  run_cli (f, &run, "members", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser);

  return json_array_get_length (json_object_get_array_member (root, "members"));
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* An empty directory exports its header, in a file only its owner reads. */
static void
test_export_empty (Fixture      *f,
                   gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *path = g_build_filename (f->data_dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  struct stat st;

  run_cli (f, &run, "export-members", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Exported 0 members"));
  contents = read_file (path);
  g_assert_cmpstr (contents, ==,
                   "email,first_name,last_name,preferred_name,title,department,team,office,"
                   "manager,employee_id,start_date,end_date,state,hr_status,has_access,groups,roles\r\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Import a French file, list, export, re-import elsewhere. */
static void
test_import_then_export (Fixture      *f,
                         gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_auto (HcCliRun) again = { 0 };
  g_auto (HcCliRun) exported = { 0 };
  g_auto (HcCliRun) semicolon = { 0 };
  g_auto (HcCliRun) invited = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *french = fixture_path ("members-french.csv");
  g_autofree char *out = g_build_filename (f->data_dir, "out.csv", NULL);
  g_autofree char *out2 = g_build_filename (f->data_dir, "out2.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *contents2 = NULL;
  JsonArray *members;

  run_cli (f, &run, "import-members", french, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3 lines of members, fields separated by “;”"));
  g_assert_nonnull (strstr (run.out, "Courriel"));
  g_assert_nonnull (strstr (run.out, "Imported 3 members."));

  {
    g_auto (HcCliRun) list = { 0 };
    JsonObject *root;

    run_cli (f, &list, "members", "--json", NULL);
    g_assert_cmpint (list.status, ==, 0);
    root = parse_object (list.out, parser);
    members = json_object_get_array_member (root, "members");
    g_assert_cmpuint (json_array_get_length (members), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *member = json_array_get_object_element (members, i);

        g_assert_cmpstr (json_object_get_string_member (member, "hr_status"), ==, "manual");
        g_assert_cmpstr (json_object_get_string_member (member, "state"), ==, "active");
      }
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 0), "first_name"),
                     ==, "Zoé");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 1), "last_name"),
                     ==, "Dupont; Martin");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 1), "external_id"),
                     ==, "E002");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (members, 1), "manager_id"),
                     ==, json_object_get_int_member (json_array_get_object_element (members, 0), "id"));
  }

  /* The same file again: every line is an existing member. */
  run_cli (f, &again, "import-members", french, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.out, "Line 2: zoe@example.fr is already a member"));
  g_assert_nonnull (strstr (again.out, "Line 3: chloe@example.fr is already a member"));
  g_assert_nonnull (strstr (again.out, "Line 4: élodie@example.fr is already a member"));
  g_assert_nonnull (strstr (again.err, "Nothing was imported: 3 lines are invalid"));
  g_assert_cmpuint (count_members (f), ==, 3);

  run_cli (f, &exported, "export-members", out, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_nonnull (strstr (exported.out, "Exported 3 members"));
  contents = read_file (out);
  g_assert_nonnull (strstr (contents, "\r\nchloe@example.fr,Chloé,Dupont; Martin,,\"Cheffe de projet, export\","
                            "Ventes,,,zoe@example.fr,E002,,,active,manual,true,,\r\n"));

  run_cli (f, &semicolon, "export-members", "--separator", ";", out2, NULL);
  g_assert_cmpint (semicolon.status, ==, 0);
  contents2 = read_file (out2);
  g_assert_nonnull (strstr (contents2, "\r\nchloe@example.fr;Chloé;\"Dupont; Martin\";;Cheffe de projet, export;"));

  run_cli (f, &invited, "export-members", "--state", "invited", out2, NULL);
  g_assert_cmpint (invited.status, ==, 0);
  g_assert_nonnull (strstr (invited.out, "Exported 0 members"));

  /* The export imports into another workspace as it is. */
  {
    g_auto (HcCliRun) other = { 0 };
    g_auto (HcCliRun) listed = { 0 };

    run_cli (f, &other, "--workspace", "other", "import-members", out, NULL);
    g_assert_cmpint (other.status, ==, 0);
    g_assert_nonnull (strstr (other.out, "Imported 3 members."));
    g_assert_nonnull (strstr (other.out, "hr_status"));
    /* the groups and roles columns are left out, as hr_status is */
    g_assert_nonnull (strstr (other.out, "groups"));
    run_cli (f, &listed, "--workspace", "other", "members", "--csv", NULL);
    g_assert_cmpint (listed.status, ==, 0);
    g_assert_nonnull (strstr (listed.out, "Łukasz"));
  }
}

/* All or nothing, then --skip-invalid; every bad line named. */
static void
test_import_invalid (Fixture      *f,
                     gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_auto (HcCliRun) dry = { 0 };
  g_auto (HcCliRun) skip = { 0 };
  g_autofree char *invalid = fixture_path ("members-invalid.csv");
  static const char * const bad_lines[] = {
    "Line 3: “not-an-email” is not an e-mail address",
    "Line 5: neither an e-mail nor a name",
    "Line 6: the e-mail ANA@Example.org is on line 2 already",
    "Line 7: 3 fields where the header line has 4",
    "Line 9: “retired” is not a state",
  };

  run_cli (f, &run, "import-members", invalid, NULL);
  g_assert_cmpint (run.status, ==, 1);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    g_assert_nonnull (strstr (run.out, bad_lines[i]));
  g_assert_null (strstr (run.out, "Line 4:"));
  g_assert_nonnull (strstr (run.out, "5 lines rejected"));
  g_assert_nonnull (strstr (run.err, "--skip-invalid to import the 3 others"));
  g_assert_cmpuint (count_members (f), ==, 0);

  /* A dry run with --skip-invalid says what it would do, and does nothing. */
  run_cli (f, &dry, "import-members", "--skip-invalid", "--dry-run", invalid, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "Dry run: 3 members would be imported"));
  g_assert_nonnull (strstr (dry.out, "Dee Doe"));
  g_assert_cmpuint (count_members (f), ==, 0);

  run_cli (f, &skip, "import-members", "--skip-invalid", invalid, NULL);
  g_assert_cmpint (skip.status, ==, 0);
  g_assert_nonnull (strstr (skip.out, "Imported 3 members."));
  g_assert_cmpuint (count_members (f), ==, 3);
}

static void
test_import_json (Fixture      *f,
                  gconstpointer data)
{
  g_auto (HcCliRun) dry = { 0 };
  g_auto (HcCliRun) blocked = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonParser) parser2 = json_parser_new ();
  g_autoptr (JsonParser) parser3 = json_parser_new ();
  g_autofree char *english = fixture_path ("members-english.csv");
  g_autofree char *invalid = fixture_path ("members-invalid.csv");
  JsonObject *root, *counts, *member, *manager, *rejected;
  JsonArray *columns;

  run_cli (f, &dry, "import-members", "--dry-run", "--json", english, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  root = parse_object (dry.out, parser);
  g_assert_true (json_object_get_boolean_member (root, "dry_run"));
  g_assert_false (json_object_get_boolean_member (root, "applied"));
  g_assert_cmpint (json_object_get_int_member (root, "imported"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "separator"), ==, ",");
  columns = json_object_get_array_member (root, "columns");
  g_assert_cmpuint (json_array_get_length (columns), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 3), "name"), ==, "Job title");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 3), "field"), ==, "title");
  counts = json_object_get_object_member (root, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "new"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (counts, "rejected"), ==, 0);
  member = json_array_get_object_element (json_object_get_array_member (root, "new"), 1);
  g_assert_cmpint (json_object_get_int_member (member, "line"), ==, 3);
  g_assert_true (json_node_is_null (json_object_get_member (member, "id")));
  manager = json_object_get_object_member (member, "manager");
  g_assert_cmpstr (json_object_get_string_member (manager, "email"), ==, "ana@example.org");
  g_assert_cmpuint (count_members (f), ==, 0);

  run_cli (f, &run, "import-members", "--json", english, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser2);
  g_assert_true (json_object_get_boolean_member (root, "applied"));
  g_assert_cmpint (json_object_get_int_member (root, "imported"), ==, 3);
  member = json_array_get_object_element (json_object_get_array_member (root, "new"), 1);
  g_assert_cmpint (json_object_get_int_member (member, "id"), >, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (member, "manager"), "id"), >, 0);

  run_cli (f, &blocked, "import-members", "--json", invalid, NULL);
  g_assert_cmpint (blocked.status, ==, 1);
  root = parse_object (blocked.out, parser3);
  g_assert_false (json_object_get_boolean_member (root, "applied"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "rejected")), ==, 6);
  /* ana@example.org now exists: line 2 joins the rejected. */
  rejected = json_array_get_object_element (json_object_get_array_member (root, "rejected"), 0);
  g_assert_cmpint (json_object_get_int_member (rejected, "line"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (rejected, "reason"), ==, "exists");
  g_assert_cmpint (json_object_get_int_member (rejected, "existing_id"), >, 0);
  rejected = json_array_get_object_element (json_object_get_array_member (root, "rejected"), 2);
  g_assert_cmpint (json_object_get_int_member (rejected, "line"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (rejected, "reason"), ==, "no_identity");
  g_assert_cmpuint (count_members (f), ==, 3);
}

/* --map names a column the guesses miss; "" leaves one out. */
static void
test_import_map (Fixture      *f,
                 gconstpointer data)
{
  g_auto (HcCliRun) unmapped = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *odd = fixture_path ("members-odd-header.csv");
  JsonObject *member;

  run_cli (f, &unmapped, "import-members", odd, NULL);
  g_assert_cmpint (unmapped.status, ==, 1);
  g_assert_nonnull (strstr (unmapped.err, "--map COLUMN=email"));
  g_assert_nonnull (strstr (unmapped.err, "“Adresse pro”"));

  run_cli (f, &run, "import-members", "--json",
           "--map", "Adresse pro=email", "--map", "qui=first_name", "--map", "Coût=custom.cost_center",
           "--map", "Fonction=", odd, NULL);
  g_assert_cmpint (run.status, ==, 0);
  member = json_array_get_object_element (json_object_get_array_member (parse_object (run.out, parser), "new"), 0);
  g_assert_cmpstr (json_object_get_string_member (member, "email"), ==, "ana@example.org");
  g_assert_cmpstr (json_object_get_string_member (member, "first_name"), ==, "Ana");
  g_assert_true (json_node_is_null (json_object_get_member (member, "title")));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (member, "custom"), "cost_center"),
                   ==, "CC-1");
}

/* Bad usage exits 2, a file that cannot be imported 1; both say why. */
static void
test_errors (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *english = fixture_path ("members-english.csv");
  g_autofree char *unterminated = fixture_path ("unterminated-quote-end.csv");
  g_autofree char *empty = fixture_path ("empty.csv");
  g_autofree char *header_only = fixture_path ("header-only.csv");
  g_autofree char *missing = g_build_filename (f->data_dir, "missing.csv", NULL);
  g_autofree char *nowhere = g_build_filename (f->data_dir, "no", "such", "dir", "out.csv", NULL);
  g_autofree char *latin1 = write_temp (f, "latin1.csv", "Pr\xe9nom,Nom\nA,B\n");
  static const struct
  {
    int         status;
    const char *message;
    const char *args[8];
  } cases[] = {
    { 2, "Name the CSV file to import", { "import-members" } },
    { 2, "Name the CSV file to write", { "export-members" } },
    { 2, "Unexpected argument", { "import-members", "a.csv", "b.csv" } },
    { 2, "Unknown separator “|”", { "export-members", "--separator", "|", "x.csv" } },
    { 2, "Unknown separator", { "import-members", "--separator", "pipe", "@ENGLISH" } },
    { 2, "Unknown state “gone”", { "export-members", "--state", "gone", "x.csv" } },
    { 2, "write it COLUMN=FIELD", { "import-members", "--map", "Email", "@ENGLISH" } },
    { 2, "has no column “Mail pro”", { "import-members", "--map", "Mail pro=email", "@ENGLISH" } },
    { 2, "is not a member field", { "import-members", "--map", "Email=e-mail", "@ENGLISH" } },
    { 2, "mapped twice", { "import-members", "--map", "Email=email", "--map", "Email=title", "@ENGLISH" } },
    { 2, "two columns are mapped to title", { "import-members", "--map", "Email=title", "--map", "Manager=title", "@ENGLISH" } },
    { 2, "Unknown option", { "import-members", "--frobnicate", "@ENGLISH" } },
    { 1, "Could not read", { "import-members", "@MISSING" } },
    { 1, "Line 3: a quoted field starts here and its closing quote is missing", { "import-members", "@UNTERMINATED" } },
    { 1, "The file is empty", { "import-members", "@EMPTY" } },
    { 1, "Line 1: the text is not valid UTF-8", { "import-members", "@LATIN1" } },
    { 1, "Could not write", { "export-members", "@NOWHERE" } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (HcCliRun) run = { 0 };
      const char *args[8] = { NULL };

      for (guint j = 0; j < G_N_ELEMENTS (args) && cases[i].args[j] != NULL; j++)
        {
          const char *arg = cases[i].args[j];

          if (g_str_equal (arg, "@ENGLISH"))
            arg = english;
          else if (g_str_equal (arg, "@MISSING"))
            arg = missing;
          else if (g_str_equal (arg, "@UNTERMINATED"))
            arg = unterminated;
          else if (g_str_equal (arg, "@EMPTY"))
            arg = empty;
          else if (g_str_equal (arg, "@LATIN1"))
            arg = latin1;
          else if (g_str_equal (arg, "@NOWHERE"))
            arg = nowhere;
          args[j] = arg;
        }

      run_cli (f, &run, args[0], args[1], args[2], args[3], args[4], args[5], args[6], NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }

  /* None of it imported anything. */
  g_assert_cmpuint (count_members (f), ==, 0);

  /* A header alone is an import of nothing, which is fine. */
  {
    g_auto (HcCliRun) run = { 0 };

    run_cli (f, &run, "import-members", header_only, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Imported 0 members."));
  }
}

/* No cell of export-members or members --csv starts a formula (rules.md 34). */
static void
test_export_formulas (Fixture      *f,
                      gconstpointer data)
{
  static const char * const values[][2] = {
    { HC_MEMBER_FIELD_FIRST_NAME, "=HYPERLINK(\"http://evil.example/\",\"Click\")" },
    { HC_MEMBER_FIELD_LAST_NAME, "@SUM(1+1)" },
    { HC_MEMBER_FIELD_TITLE, "+33 1 23" },
    { HC_MEMBER_FIELD_DEPARTMENT, "-5" },
    { HC_MEMBER_FIELD_TEAM, "\tTabbed" },
    { HC_MEMBER_FIELD_OFFICE, "\rCarriage" },
  };
  g_auto (HcCliRun) exported = { 0 };
  g_auto (HcCliRun) listed = { 0 };
  g_auto (HcCliRun) again = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *db = g_build_filename (f->data_dir, "default.db", NULL);
  g_autofree char *out = g_build_filename (f->data_dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  JsonObject *member;

  {
    g_autoptr (HcStore) store = hc_store_new (db, &error);
    g_autoptr (HcMember) member = hc_member_new ();

    g_assert_no_error (error);
    hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, "evil@example.org");
    for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
      hc_member_set_field (member, values[i][0], values[i][1]);
    hc_member_set_hr_status (member, HC_HR_STATUS_MANUAL);
    g_assert_true (hc_store_add_member (store, member, &error));
    g_assert_no_error (error);
  }

  run_cli (f, &exported, "export-members", out, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  contents = read_file (out);
  g_assert_nonnull (strstr (contents, "\r\nevil@example.org,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Click\"\")\","
                            "'@SUM(1+1),,'+33 1 23,'-5,'\tTabbed,\"'\rCarriage\",,"));

  run_cli (f, &listed, "members", "--csv", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, ",evil@example.org,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Click\"\")\","
                            "'@SUM(1+1),'+33 1 23,'-5,"));

  /* The export reads back as it was, in another workspace. */
  run_cli (f, &again, "--workspace", "other", "import-members", "--json", out, NULL);
  g_assert_cmpint (again.status, ==, 0);
  member = json_array_get_object_element (json_object_get_array_member (parse_object (again.out, parser), "new"), 0);
  g_assert_cmpstr (json_object_get_string_member (member, "first_name"), ==, values[0][1]);
  g_assert_cmpstr (json_object_get_string_member (member, "last_name"), ==, values[1][1]);
  g_assert_cmpstr (json_object_get_string_member (member, "title"), ==, values[2][1]);
  g_assert_cmpstr (json_object_get_string_member (member, "department"), ==, values[3][1]);
}

/* 200,000 lines, each managed by the one before, in bounded memory
 * (rules.md 35): headcount-cli runs alone in a test subprocess, which reads
 * its peak resident memory with getrusage. Reading every line into memory,
 * as import-members once did, took 316 MB here. */
#define MANY_ROWS 200000
#define MANY_ROWS_MAX_RSS_KB (150 * 1024)

/* AddressSanitizer keeps freed blocks in quarantine and maps shadow
 * memory: a peak RSS measured under it says nothing about the import. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature (address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static void
test_import_bounded_memory (Fixture      *f,
                            gconstpointer data)
{
  g_autofree char *path = NULL;
  g_auto (HcCliRun) run = { 0 };
  struct rusage usage;

#ifdef UNDER_ASAN
  g_test_skip ("Peak memory means nothing under AddressSanitizer (quarantine, shadow memory)");
  return;
#endif

  if (g_test_subprocess ())
    {
      /* The parent's data dir, not the one this process's fixture made. */
      g_autofree char *own = g_steal_pointer (&f->data_dir);

      f->data_dir = g_strdup (g_getenv ("HC_TEST_CSV_DATA_DIR"));
      path = g_build_filename (f->data_dir, "many.csv", NULL);
      run_cli (f, &run, "import-members", path, NULL);
      g_free (f->data_dir);
      f->data_dir = g_steal_pointer (&own);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Imported 200000 members."));
      g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
      g_printerr ("import-members of %u lines: peak RSS %ld kB\n", MANY_ROWS, usage.ru_maxrss);
      g_assert_cmpint (usage.ru_maxrss, <, MANY_ROWS_MAX_RSS_KB);
      return;
    }

  path = g_build_filename (f->data_dir, "many.csv", NULL);
  {
    g_autoptr (GString) text = g_string_new ("E-mail,Prénom,Nom,Poste,Manager\r\n");
    g_autoptr (GError) error = NULL;

    for (guint i = 0; i < MANY_ROWS; i++)
      {
        g_string_append_printf (text, "person%u@example.org,Zoé %u,\"Dupont, %u\",Dev %u,", i, i, i, i % 7);
        if (i > 0)
          g_string_append_printf (text, "person%u@example.org", i - 1);
        g_string_append (text, "\r\n");
      }
    g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
    g_assert_no_error (error);
  }

  /* The data dir the subprocess sees: this fixture's, by the environment. */
  g_setenv ("HC_TEST_CSV_DATA_DIR", f->data_dir, TRUE);
  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  {
    g_autofree char *db = g_build_filename (f->data_dir, "default.db", NULL);
    g_autoptr (GError) error = NULL;
    g_autoptr (HcStore) store = hc_store_new (db, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hc_store_count_members (store, -1), ==, MANY_ROWS);
  }
}

/* A file cut in the middle of a quoted field: a clear error naming the
 * line, and the directory as it was. */
static void
test_import_truncated (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("email,first_name,title\n");
  g_autofree char *english = fixture_path ("members-english.csv");
  g_autofree char *path = NULL;
  g_autofree char *big = NULL;
  g_auto (HcCliRun) seed = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_auto (HcCliRun) field = { 0 };

  run_cli (f, &seed, "import-members", english, NULL);
  g_assert_cmpint (seed.status, ==, 0);

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "p%u@example.org,P %u,\"Dev, level %u\"\n", i, i, i % 4);
  g_string_append (text, "last@example.org,Last,\"Dev, lev");
  path = write_temp (f, "cut.csv", text->str);
  run_cli (f, &run, "import-members", "--skip-invalid", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Line 5002: a quoted field starts here and its closing quote is missing"));
  g_assert_cmpuint (count_members (f), ==, 3);

  /* A field over the limit, the same. */
  g_string_truncate (text, 0);
  g_string_append (text, "email,first_name\nz@example.org,");
  for (guint i = 0; i < 120000; i++)
    g_string_append_c (text, 'z');
  g_string_append_c (text, '\n');
  big = write_temp (f, "big.csv", text->str);
  run_cli (f, &field, "import-members", big, NULL);
  g_assert_cmpint (field.status, ==, 1);
  g_assert_nonnull (strstr (field.err, "Line 2: a field is longer than 100.0\u00a0kB, the most a field may hold"));
  g_assert_cmpuint (count_members (f), ==, 3);
}

/* The commands are in the help. */
static void
test_help (Fixture      *f,
           gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_auto (HcCliRun) import_help = { 0 };
  g_auto (HcCliRun) export_help = { 0 };

  run_cli (f, &run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "export-members FILE.csv"));
  g_assert_nonnull (strstr (run.out, "import-members FILE.csv"));

  run_cli (f, &import_help, "import-members", "--help", NULL);
  g_assert_cmpint (import_help.status, ==, 0);
  g_assert_nonnull (strstr (import_help.out, "--skip-invalid"));
  g_assert_nonnull (strstr (import_help.out, "--map"));
  g_assert_nonnull (strstr (import_help.out, "--dry-run"));

  run_cli (f, &export_help, "export-members", "--help", NULL);
  g_assert_cmpint (export_help.status, ==, 0);
  g_assert_nonnull (strstr (export_help.out, "email,first_name,last_name,preferred_name"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/cli-csv/export-empty", test_export_empty);
  ADD ("/cli-csv/import-then-export", test_import_then_export);
  ADD ("/cli-csv/import-invalid", test_import_invalid);
  ADD ("/cli-csv/import-json", test_import_json);
  ADD ("/cli-csv/import-map", test_import_map);
  ADD ("/cli-csv/errors", test_errors);
  ADD ("/cli-csv/help", test_help);
  ADD ("/cli-csv/export-formulas", test_export_formulas);
  ADD ("/cli-csv/import-bounded-memory", test_import_bounded_memory);
  ADD ("/cli-csv/import-truncated", test_import_truncated);
#undef ADD

  return g_test_run ();
}
