/* test-cli-directory.c — headcount-cli members add, edit, archive, restore, mark-joined, resend, export-invitations
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-directory"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"

typedef struct
{
  char *data_dir;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("headcount-cli-directory-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  hc_cli_remove_tree (f->data_dir);
  g_free (f->data_dir);
}

#define RUN(f, run, ...) \
  hc_cli_run_in_data_dir ((f)->data_dir, (const char * const []) { __VA_ARGS__, NULL }, (run))

/* members --json, as "email:state:access" lines sorted by id. */
static char *
summary (Fixture *f)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  JsonArray *members;

  RUN (f, &run, "members", "--json");
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  members = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);

      g_string_append_printf (out, "%s:%s:%s\n",
                              json_object_get_string_member_with_default (m, "email", "-"),
                              json_object_get_string_member (m, "state"),
                              json_object_get_boolean_member (m, "has_access") ? "access" : "none");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One command and what it must do. */
typedef struct
{
  const char *argv[12];
  int         status;
  const char *out_part;         /* in stdout, or NULL */
  const char *err_part;         /* in stderr, or NULL */
  const char *summary;          /* members afterwards, or NULL */
} Step;

static const Step by_hand_steps[] = {
  { { "members", "add", "--first-name", "Zoé", "--last-name", "Lefèvre", "--email", "zoe@example.com",
      "--title", "Engineer", "--custom", "badge=B-1" },
    0, "invited at zoe@example.com", NULL, "zoe@example.com:invited:access\n" },
  { { "members", "add", "--first-name", "Paul", "--office", "Lyon" },
    0, "active without access", NULL, "zoe@example.com:invited:access\n-:active:none\n" },
  /* Refused: a duplicate e-mail (named), no address, no name, a bad --custom. */
  { { "members", "add", "--first-name", "Twin", "--email", "ZOE@example.com" },
    1, NULL, "already belongs to Zoé Lefèvre", NULL },
  { { "members", "add", "--first-name", "Bad", "--email", "bad@" }, 1, NULL, "not an e-mail address", NULL },
  { { "members", "add", "--title", "Nobody" }, 1, NULL, "first or a last name", NULL },
  { { "members", "add", "--first-name", "Odd", "--custom", "novalue" }, 2, NULL, "KEY=VALUE", NULL },
  /* Edit: by e-mail or id; an e-mail gives access and invites. */
  { { "members", "edit", "zoe@EXAMPLE.com", "--title", "Lead Engineer" }, 0, "Changed Zoé Lefèvre", NULL, NULL },
  { { "members", "edit", "2", "--email", "paul@example.com" },
    0, "access now and are invited", NULL, "zoe@example.com:invited:access\npaul@example.com:invited:access\n" },
  { { "members", "edit", "zoe@example.com", "--email", "" }, 1, NULL, "cannot be removed", NULL },
  { { "members", "edit", "ghost@example.com", "--title", "X" }, 1, NULL, "no member “ghost@example.com”", NULL },
  { { "members", "edit", "1" }, 2, NULL, "at least one field", NULL },
  /* Invitations: exported (to a file, checked apart), sent again, joined. */
  { { "members", "resend", "zoe@example.com" }, 0, "1 invitation to send again", NULL, NULL },
  { { "members", "mark-joined", "zoe@example.com", "nobody@example.com" },
    1, "1 member joined", "no member “nobody@example.com”",
    "zoe@example.com:active:access\npaul@example.com:invited:access\n" },
  /* Archive and restore: Paul never joined, so comes back invited. */
  { { "members", "archive", "zoe@example.com", "2" }, 0, "Archived 2 members", NULL,
    "zoe@example.com:archived:access\npaul@example.com:archived:access\n" },
  { { "members", "archive", "2" }, 1, NULL, "archived already", NULL },
  { { "members", "restore", "1", "paul@example.com" }, 0, "Restored 2 members", NULL,
    "zoe@example.com:active:access\npaul@example.com:invited:access\n" },
};

static void
test_by_hand (Fixture      *f,
              gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (by_hand_steps); i++)
    {
      const Step *step = &by_hand_steps[i];

      g_test_message ("step %" G_GSIZE_FORMAT, i);
      hc_cli_run_in_data_dir (f->data_dir, step->argv, &run);
      g_assert_cmpint (run.status, ==, step->status);
      if (step->out_part != NULL)
        g_assert_nonnull (strstr (run.out, step->out_part));
      if (step->err_part != NULL)
        g_assert_nonnull (strstr (run.err, step->err_part));
      if (step->summary != NULL)
        {
          g_autofree char *now = summary (f);

          g_assert_cmpstr (now, ==, step->summary);
        }
    }

  /* Each change is a run by hand in the history. */
  RUN (f, &run, "history", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"trigger\" : \"edit\""));
  RUN (f, &run, "history");
  g_assert_nonnull (strstr (run.out, "Edited by hand"));
  RUN (f, &run, "history", "show", "3", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"field\" : \"title\""));
  g_assert_nonnull (strstr (run.out, "\"after\" : \"Lead Engineer\""));
}

static void
test_export_and_mark_joined (Fixture      *f,
                             gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *out_path = g_build_filename (f->data_dir, "invitations.csv", NULL);
  g_autofree char *joined_path = g_build_filename (f->data_dir, "joined.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  RUN (f, &run, "members", "add", "--first-name", "Zoé", "--email", "zoe@example.com");
  RUN (f, &run, "members", "add", "--first-name", "Ana", "--last-name", "Lima", "--email", "ana@example.com");
  RUN (f, &run, "members", "add", "--first-name", "Noa");
  g_assert_cmpint (run.status, ==, 0);

  RUN (f, &run, "members", "export-invitations", out_path, "--link", "https://app.example/join?e={email}");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Exported 2 invitations"));
  g_assert_nonnull (strstr (run.out, "2 invitations marked sent"));
  g_file_get_contents (out_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==,
                   "first_name,last_name,name,email,link\r\n"
                   "Zoé,,Zoé,zoe@example.com,https://app.example/join?e=zoe%40example.com\r\n"
                   "Ana,Lima,Ana Lima,ana@example.com,https://app.example/join?e=ana%40example.com\r\n");

  /* Sent: the next export has none, until one is sent again. */
  RUN (f, &run, "members", "export-invitations", out_path);
  g_assert_nonnull (strstr (run.out, "Exported 0 invitations"));
  RUN (f, &run, "members", "resend", "ana@example.com");
  RUN (f, &run, "members", "export-invitations", out_path, "--dry-run");
  g_assert_nonnull (strstr (run.out, "Exported 1 invitation"));
  g_assert_null (strstr (run.out, "marked sent"));
  /* The link given the first time is kept. */
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (out_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "Ana,Lima,Ana Lima,ana@example.com,https://app.example/join?e=ana%40example.com"));

  /* Who signed up, from the platform's CSV: joined; unknown e-mails said. */
  g_file_set_contents (joined_path, "Name;E-mail\nZoé;ZOE@example.com\nGhost;ghost@example.com\n", -1, &error);
  g_assert_no_error (error);
  RUN (f, &run, "members", "mark-joined", joined_path);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "1 member joined"));
  g_assert_nonnull (strstr (run.err, "ghost@example.com"));
  {
    g_autofree char *now = summary (f);

    g_assert_cmpstr (now, ==, "zoe@example.com:active:access\nana@example.com:invited:access\n-:active:none\n");
  }
  /* Again: nobody left to join in it, no error but the unknown. */
  RUN (f, &run, "members", "mark-joined", joined_path);
  g_assert_nonnull (strstr (run.err, "not invited: left as is"));
}

static const char snapshot[] =
  "{\"employees\": ["
  " {\"id\": \"E1\", \"first_name\": \"Zoé\", \"last_name\": \"Ørsted\", \"email\": \"zoe@example.com\","
  "  \"status\": \"active\", \"position\": \"Engineer\", \"office\": \"Paris\"}"
  "]}";

/* A managed member: HR's fields are refused naming the field and the HR
 * system, the others are the admin's and survive a sync. */
static void
test_managed (Fixture      *f,
              gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *path = g_build_filename (f->data_dir, "snapshot.json", NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, snapshot, -1, &error);
  g_assert_no_error (error);
  RUN (f, &run, "connector", "add", "file", "--name", "Personio", "--path", path);
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "sync", "Personio", "--yes");
  g_assert_cmpint (run.status, ==, 0);

  RUN (f, &run, "members", "edit", "zoe@example.com", "--office", "Berlin");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Office"));
  g_assert_nonnull (strstr (run.err, "Personio"));

  RUN (f, &run, "members", "edit", "zoe@example.com", "--custom", "desk=4.21");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "sync", "Personio", "--yes");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "members", "--json");
  g_assert_nonnull (strstr (run.out, "\"desk\" : \"4.21\""));
  g_assert_nonnull (strstr (run.out, "\"hr_status\" : \"managed\""));
}

/* rules.md 31: the members table shows control and direction characters
 * escaped, never raw on the terminal. */
static void
test_table_escapes (Fixture      *f,
                    gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };

  RUN (f, &run, "members", "add", "--first-name", "Ev\x1b[2Jil\x07", "--last-name", "\xe2\x80\xaegpj.exe",
       "--title", "Tab\xc2\x9b" "bed");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "members");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strchr (run.out, '\x1b'));
  g_assert_null (strchr (run.out, '\x07'));
  g_assert_null (strstr (run.out, "\xe2\x80\xae"));
  g_assert_null (strstr (run.out, "\xc2\x9b"));
  g_assert_nonnull (strstr (run.out, "Ev\\x1b[2Jil\\x07"));
  g_assert_nonnull (strstr (run.out, "\\u202egpj.exe"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/directory/table-escapes", Fixture, NULL, fixture_set_up, test_table_escapes, fixture_tear_down);
  g_test_add ("/cli/directory/by-hand", Fixture, NULL, fixture_set_up, test_by_hand, fixture_tear_down);
  g_test_add ("/cli/directory/export-and-mark-joined", Fixture, NULL, fixture_set_up,
              test_export_and_mark_joined, fixture_tear_down);
  g_test_add ("/cli/directory/managed", Fixture, NULL, fixture_set_up, test_managed, fixture_tear_down);

  return g_test_run ();
}
