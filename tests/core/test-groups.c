/* test-groups.c — groups: paths, the tree by hand, memberships, History, migration
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "hc-directory.h"
#include "hc-error.h"
#include "hc-groups.h"
#include "hc-store.h"
#include "hc-test-fixtures.h"
#include "hc-undo.h"

typedef struct
{
  char    *dir;
  char    *path;
  HcStore *store;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("hc-groups-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = hc_store_new (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Paths: parse, then format back. */
static void
test_paths (void)
{
  static const struct
  {
    const char *path;
    const char *names;          /* joined by "|", NULL when refused */
    const char *formatted;
  } cases[] = {
    { "Paris", "Paris", "Paris" },
    { "Paris/Engineering", "Paris|Engineering", "Paris/Engineering" },
    { "  Paris / Engineering  ", "Paris|Engineering", "Paris/Engineering" },
    { "R\\/D", "R/D", "R\\/D" },
    { "Paris/R\\/D/Back\\\\slash", "Paris|R/D|Back\\slash", "Paris/R\\/D/Back\\\\slash" },
    { "a/b/c/d/e", "a|b|c|d|e", "a/b/c/d/e" },
    { "Équipe", "Équipe", "Équipe" },
    { "", NULL, NULL },
    { "   ", NULL, NULL },
    { "/", NULL, NULL },
    { "/Paris", NULL, NULL },
    { "Paris/", NULL, NULL },
    { "Paris//Lyon", NULL, NULL },
    { "Paris/  /Lyon", NULL, NULL },
    { "Paris\\n", NULL, NULL },
    { "trailing\\", NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_auto (GStrv) names = hc_group_path_parse (cases[i].path, &error);
      g_autofree char *joined = NULL;
      g_autofree char *formatted = NULL;

      g_test_message ("path “%s”", cases[i].path);
      if (cases[i].names == NULL)
        {
          g_assert_null (names);
          g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
          continue;
        }
      g_assert_no_error (error);
      joined = g_strjoinv ("|", names);
      g_assert_cmpstr (joined, ==, cases[i].names);
      formatted = hc_group_path_format ((const char * const *) names);
      g_assert_cmpstr (formatted, ==, cases[i].formatted);
    }
}

static void
test_name_key (void)
{
  static const struct { const char *a, *b; gboolean same; } cases[] = {
    { "Équipe", "equipe", TRUE },
    { "  Paris ", "PARIS", TRUE },
    { "Ingénierie", "INGENIERIE", TRUE },
    { "Straße", "STRASSE", TRUE },
    { "Paris", "Lyon", FALSE },
    { "R&D", "R D", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *a = hc_group_name_key (cases[i].a);
      g_autofree char *b = hc_group_name_key (cases[i].b);

      g_assert_cmpint (g_str_equal (a, b), ==, cases[i].same);
    }
}

static gint64
add_member (Fixture    *f,
            const char *first,
            const char *email)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) member = hc_member_new ();

  hc_member_set_field (member, HC_MEMBER_FIELD_FIRST_NAME, first);
  hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, email);
  g_assert_true (hc_directory_add_member (f->store, member, NULL, &error));
  g_assert_no_error (error);
  return hc_member_get_id (member);
}

static void
create (Fixture    *f,
        const char *path)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (hc_groups_create (f->store, path, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* "path:members:direct" per group, tree order, joined by " ". */
static char *
describe_tree (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = hc_groups_list (f->store, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);

      g_string_append_printf (out, "%s%s:%u:%u", i > 0 ? " " : "", group->path, group->n_members, group->n_direct);
    }
  return g_string_free (out, FALSE);
}

static void
add_to (Fixture    *f,
        const char *path,
        gint64      id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, id);
  g_assert_true (hc_groups_add_members (f->store, path, ids, NULL, &error));
  g_assert_no_error (error);
}

/* The tree by hand: every operation and its refusals. */
static void
test_tree (Fixture      *f,
           gconstpointer data)
{
  static const struct
  {
    const char *op;             /* create, rename, move, delete, delete! (confirmed) */
    const char *path;
    const char *arg;
    int         code;           /* -1 for success */
    const char *tree;           /* after it */
  } steps[] = {
    { "create", "Paris", NULL, -1, "Paris:0:0" },
    { "create", "Paris/Engineering", NULL, -1, "Paris:0:0 Paris/Engineering:0:0" },
    { "create", "Lyon/Sales", NULL, HC_ERROR_NOT_FOUND, "Paris:0:0 Paris/Engineering:0:0" },
    { "create", "  PARIS ", NULL, HC_ERROR_EXISTS, "Paris:0:0 Paris/Engineering:0:0" },
    { "create", "Paris/Ingénierie", NULL, -1, "Paris:0:0 Paris/Engineering:0:0 Paris/Ingénierie:0:0" },
    { "create", "Paris/INGENIERIE", NULL, HC_ERROR_EXISTS, "Paris:0:0 Paris/Engineering:0:0 Paris/Ingénierie:0:0" },
    { "create", "Paris//x", NULL, HC_ERROR_INVALID_ARGUMENT, "Paris:0:0 Paris/Engineering:0:0 Paris/Ingénierie:0:0" },
    { "create", "Lyon", NULL, -1, "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/Ingénierie:0:0" },
    { "rename", "Paris/Ingénierie", "engineering", HC_ERROR_EXISTS,
      "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/Ingénierie:0:0" },
    { "rename", "Paris/Ingénierie", "R/D", -1, "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/R\\/D:0:0" },
    { "rename", "Nowhere", "x", HC_ERROR_NOT_FOUND, "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/R\\/D:0:0" },
    { "rename", "Lyon", "  ", HC_ERROR_INVALID_ARGUMENT, "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/R\\/D:0:0" },
    { "move", "Paris", "Paris/Engineering", HC_ERROR_INVALID_ARGUMENT,
      "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/R\\/D:0:0" },
    { "move", "Paris", "Paris", HC_ERROR_INVALID_ARGUMENT, "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/R\\/D:0:0" },
    { "move", "Paris/R\\/D", "Lyon", -1, "Lyon:0:0 Lyon/R\\/D:0:0 Paris:0:0 Paris/Engineering:0:0" },
    { "move", "Lyon", "Paris/Engineering", -1,
      "Paris:0:0 Paris/Engineering:0:0 Paris/Engineering/Lyon:0:0 Paris/Engineering/Lyon/R\\/D:0:0" },
    { "create", "Lyon", NULL, -1,
      "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/Engineering/Lyon:0:0 Paris/Engineering/Lyon/R\\/D:0:0" },
    { "move", "Lyon", "Paris/Engineering", HC_ERROR_EXISTS,
      "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/Engineering/Lyon:0:0 Paris/Engineering/Lyon/R\\/D:0:0" },
    { "move", "Paris/Engineering/Lyon/R\\/D", "/", -1,
      "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/Engineering/Lyon:0:0 R\\/D:0:0" },
    { "delete", "Paris", NULL, HC_ERROR_INVALID_ARGUMENT,
      "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 Paris/Engineering/Lyon:0:0 R\\/D:0:0" },
    { "delete", "Paris/Engineering/Lyon", NULL, -1, "Lyon:0:0 Paris:0:0 Paris/Engineering:0:0 R\\/D:0:0" },
    { "delete", "Paris/Engineering", NULL, -1, "Lyon:0:0 Paris:0:0 R\\/D:0:0" },
    { "delete", "Paris", NULL, -1, "Lyon:0:0 R\\/D:0:0" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *tree = NULL;
      gboolean ok;

      g_test_message ("step %" G_GSIZE_FORMAT ": %s %s", i, steps[i].op, steps[i].path);
      if (g_str_equal (steps[i].op, "create"))
        ok = hc_groups_create (f->store, steps[i].path, NULL, NULL, &error);
      else if (g_str_equal (steps[i].op, "rename"))
        ok = hc_groups_rename (f->store, steps[i].path, steps[i].arg, NULL, &error);
      else if (g_str_equal (steps[i].op, "move"))
        ok = hc_groups_move (f->store, steps[i].path, steps[i].arg, NULL, &error);
      else
        ok = hc_groups_delete (f->store, steps[i].path, FALSE, NULL, &error);
      if (steps[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, HC_ERROR, steps[i].code);
          g_assert_false (ok);
        }
      tree = describe_tree (f);
      g_assert_cmpstr (tree, ==, steps[i].tree);
    }
}

static void
test_subgroups_named (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  create (f, "Paris");
  create (f, "Paris/Sales");
  create (f, "Paris/Engineering");
  g_assert_false (hc_groups_delete (f->store, "Paris", TRUE, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Paris/Sales"));
  g_assert_nonnull (strstr (error->message, "Paris/Engineering"));
}

static void
test_memberships (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) members = NULL;
  g_autoptr (GHashTable) paths = NULL;
  g_autofree char *tree = NULL;
  gint64 zoe = add_member (f, "Zoé", "zoe@x.test");
  gint64 max = add_member (f, "Max", "max@x.test");
  gint64 ana = add_member (f, "Ana", NULL);
  GPtrArray *zoe_paths;

  /* An empty workspace: no groups, and members without any. */
  tree = describe_tree (f);
  g_assert_cmpstr (tree, ==, "");
  paths = hc_groups_list_member_paths (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (paths), ==, 0);
  g_clear_pointer (&paths, g_hash_table_unref);
  g_clear_pointer (&tree, g_free);

  create (f, "Paris");
  create (f, "Paris/Engineering");
  create (f, "Paris/Engineering/Backend");
  create (f, "Lyon");
  add_to (f, "Paris/Engineering", zoe);
  add_to (f, "Paris/Engineering/Backend", zoe);
  add_to (f, "Paris/Engineering/Backend", max);
  add_to (f, "Paris", ana);
  add_to (f, "Lyon", zoe);

  /* Each member once in a count with subgroups. */
  tree = describe_tree (f);
  g_assert_cmpstr (tree, ==, "Lyon:1:1 Paris:3:1 Paris/Engineering:2:1 Paris/Engineering/Backend:2:2");

  members = hc_groups_list_members (f->store, "Paris/Engineering", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpint (g_array_index (members, gint64, 0), ==, zoe);
  g_assert_cmpint (g_array_index (members, gint64, 1), ==, max);
  g_clear_pointer (&members, g_array_unref);
  members = hc_groups_list_members (f->store, "Nowhere", &error);
  g_assert_null (members);
  g_assert_error (error, HC_ERROR, HC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  paths = hc_groups_list_member_paths (f->store, &error);
  g_assert_no_error (error);
  zoe_paths = g_hash_table_lookup (paths, &zoe);
  g_assert_cmpuint (zoe_paths->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (zoe_paths, 0), ==, "Lyon");
  g_assert_cmpstr (g_ptr_array_index (zoe_paths, 1), ==, "Paris/Engineering");
  g_assert_cmpstr (g_ptr_array_index (zoe_paths, 2), ==, "Paris/Engineering/Backend");

  /* Twice in one group, or out of one they are not in: refused, nothing changed. */
  g_array_append_val (ids, max);
  g_array_append_val (ids, zoe);
  g_assert_false (hc_groups_add_members (f->store, "Lyon", ids, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Zoé"));
  g_clear_error (&error);
  g_assert_false (hc_groups_remove_members (f->store, "Paris", ids, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_pointer (&tree, g_free);
  tree = describe_tree (f);
  g_assert_cmpstr (tree, ==, "Lyon:1:1 Paris:3:1 Paris/Engineering:2:1 Paris/Engineering/Backend:2:2");

  g_assert_true (hc_groups_remove_members (f->store, "Paris/Engineering/Backend", ids, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tree, g_free);
  tree = describe_tree (f);
  g_assert_cmpstr (tree, ==, "Lyon:1:1 Paris:2:1 Paris/Engineering:1:1 Paris/Engineering/Backend:0:0");

  /* Deleting a group with members needs a confirmation naming them;
   * the members stay. */
  g_assert_false (hc_groups_delete (f->store, "Lyon", FALSE, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION);
  g_assert_nonnull (strstr (error->message, "Zoé"));
  g_clear_error (&error);
  g_assert_true (hc_groups_delete (f->store, "Lyon", TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tree, g_free);
  tree = describe_tree (f);
  g_assert_cmpstr (tree, ==, "Paris:2:1 Paris/Engineering:1:1 Paris/Engineering/Backend:0:0");
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 3);
}

/* Each change is a run by hand in History, which undo refuses. */
static void
test_history (Fixture      *f,
              gconstpointer data)
{
  static const struct { const char *kind; gboolean member; const char *before, *after; } expected[] = {
    { HC_RUN_CHANGE_GROUP_CREATE, FALSE, NULL, "Paris" },
    { HC_RUN_CHANGE_GROUP_CREATE, FALSE, NULL, "Paris/Sales" },
    { HC_RUN_CHANGE_GROUP_RENAME, FALSE, "Paris/Sales", "Paris/Ventes" },
    { HC_RUN_CHANGE_GROUP_MOVE, FALSE, "Paris/Ventes", "Ventes" },
    { HC_RUN_CHANGE_GROUP_JOIN, TRUE, NULL, "Ventes" },
    { HC_RUN_CHANGE_GROUP_LEAVE, TRUE, "Ventes", NULL },
    { HC_RUN_CHANGE_GROUP_DELETE, FALSE, "Ventes", NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 zoe = add_member (f, "Zoé", "zoe@x.test");
  gint64 run_id = 0;
  guint n;

  g_array_append_val (ids, zoe);
  create (f, "Paris");
  create (f, "Paris/Sales");
  g_assert_true (hc_groups_rename (f->store, "Paris/Sales", "Ventes", NULL, &error));
  g_assert_true (hc_groups_move (f->store, "Paris/Ventes", "", NULL, &error));
  g_assert_true (hc_groups_add_members (f->store, "Ventes", ids, NULL, &error));
  g_assert_true (hc_groups_delete (f->store, "Ventes", TRUE, &run_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);

  runs = hc_store_list_runs (f->store, 0, 0, &error);
  g_assert_no_error (error);
  /* The member's add, then one run per group operation, newest first. */
  g_assert_cmpuint (runs->len, ==, 7);
  n = 0;
  for (int r = (int) runs->len - 2; r >= 0; r--)
    {
      HcSyncRun *run = g_ptr_array_index (runs, r);
      g_autoptr (GPtrArray) changes = hc_store_list_run_changes (f->store, run->id, &error);

      g_assert_no_error (error);
      g_assert_cmpint (run->trigger, ==, HC_SYNC_TRIGGER_EDIT);
      for (guint c = 0; c < changes->len; c++, n++)
        {
          HcRunChange *change = g_ptr_array_index (changes, c);

          g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
          g_assert_cmpstr (change->kind, ==, expected[n].kind);
          g_assert_cmpstr (change->field, ==, "group");
          g_assert_cmpint (change->member_id, ==, expected[n].member ? zoe : 0);
          g_assert_cmpstr (change->before, ==, expected[n].before);
          g_assert_cmpstr (change->after, ==, expected[n].after);
        }
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));

  /* Undo of a run by hand stays refused. */
  {
    g_autoptr (HcUndo) undo = hc_undo_new (f->store, run_id, &error);

    g_assert_null (undo);
    g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_migration (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *cmd = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  g_autofree char *tree = NULL;
  int status = -1;
  gint64 zoe = add_member (f, "Zoé", "zoe@x.test");

  g_clear_object (&f->store);
  cmd = g_strdup_printf ("sqlite3 '%s' 'ALTER TABLE sync_runs DROP COLUMN waited; ALTER TABLE connectors DROP COLUMN run_trigger; ALTER TABLE connectors DROP COLUMN run_started_at; "
                         "DROP TABLE member_roles; DROP TABLE roles; "
                         "ALTER TABLE sync_changes DROP COLUMN rule; ALTER TABLE sync_changes DROP COLUMN object_id; "
                         "DROP TABLE group_members; DROP TABLE groups; "
                         "PRAGMA user_version = 5;'", f->path);
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("sqlite3 command not available");
      return;
    }
  f->store = hc_store_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hc_store_get_schema_version (f->store), ==, HC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (HC_STORE_SCHEMA_VERSION, >=, 6);

  /* No group yet, and the member kept. */
  groups = hc_groups_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 0);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 1);

  create (f, "Paris");
  add_to (f, "Paris", zoe);
  tree = describe_tree (f);
  g_assert_cmpstr (tree, ==, "Paris:1:1");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/groups/paths", test_paths);
  g_test_add_func ("/groups/name-key", test_name_key);
  ADD ("/groups/tree", test_tree);
  ADD ("/groups/subgroups-named", test_subgroups_named);
  ADD ("/groups/memberships", test_memberships);
  ADD ("/groups/history", test_history);
  ADD ("/groups/migration", test_migration);

  return g_test_run ();
}
