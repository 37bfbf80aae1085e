/* test-cli-data-dir.c — headcount-cli on a data dir in a bad state: an empty
 * database file, a workspace name too long for a file name, a folder that
 * cannot be written
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-data-dir"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

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

  f->data_dir = g_dir_make_tmp ("headcount-cli-data-dir-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_chmod (f->data_dir, 0700);
  hc_cli_remove_tree (f->data_dir);
  g_free (f->data_dir);
}

/* An empty default.db is refused, named, with the way out, and stays as
 * it is: never a new, empty workspace in its place. */
static void
test_zero_length (Fixture      *f,
                  gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *path = g_build_filename (f->data_dir, "default.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 1;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  hc_cli_run_in_data_dir (f->data_dir, (const char *[]) { "members", NULL }, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, path));
  g_assert_nonnull (strstr (run.err, "empty"));
  g_assert_nonnull (strstr (run.err, "backup"));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 0);
}

/* A 300-character workspace name: the limit, said as a usage error, never
 * "File name too long". */
static void
test_long_name (Fixture      *f,
                gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *name = g_strnfill (300, 'w');

  hc_cli_run_in_data_dir (f->data_dir, (const char *[]) { "--workspace", name, "members", NULL }, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "too long"));
  g_assert_nonnull (strstr (run.err, "100"));
  g_assert_null (strstr (run.err, "File name too long"));

  /* as for any invalid name given to workspace create */
  hc_cli_run_in_data_dir (f->data_dir, (const char *[]) { "workspace", "create", name, NULL }, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "too long"));
  g_assert_null (strstr (run.err, "File name too long"));
}

/* The uid that owns a read-only data dir in the test: ourselves, or
 * "nobody" when we are root, whom permissions do not stop. */
#define NOBODY 65534

/* headcount-cli --data-dir DATA_DIR ARGV… as the owner of the data dir:
 * as "nobody" (setpriv) when the test runs as root. */
static void
run_as_owner (Fixture            *f,
              const char * const *argv,
              HcCliRun           *run)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  hc_cli_run_clear (run);
  if (geteuid () == 0)
    {
      g_ptr_array_add (args, "setpriv");
      g_ptr_array_add (args, "--reuid=" G_STRINGIFY (NOBODY));
      g_ptr_array_add (args, "--regid=" G_STRINGIFY (NOBODY));
      g_ptr_array_add (args, "--clear-groups");
      g_ptr_array_add (args, "--");
    }
  g_ptr_array_add (args, (char *) g_getenv ("HC_CLI"));
  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, f->data_dir);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "HEADCOUNT_DATA_DIR");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", "/nonexistent", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("headcount-cli %s → %d\nstdout:\n%s\nstderr:\n%s", argv[0], run->status, run->out, run->err);
}

/* Gives @path to the uid run_as_owner() runs as. */
static void
give_to_owner (const char *path)
{
  if (geteuid () == 0)
    g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
}

/* rules.md 33: a data dir that cannot be written is still read: members,
 * history and export-members open the database read-only, with no
 * migration and no write; a command that writes says which folder. */
static void
test_read_only (Fixture      *f,
                gconstpointer data)
{
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *path = g_build_filename (f->data_dir, "default.db", NULL);
  g_autofree char *out_dir = g_dir_make_tmp ("headcount-cli-export-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (out_dir, "members.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_autoptr (GDir) dir = NULL;
  const char *name;

  hc_cli_run_in_data_dir (f->data_dir, (const char *[]) {
    "members", "add", "--first-name", "Ada", "--last-name", "Lovelace", "--email", "ada@example.com", NULL
  }, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_IS_DIR));

  /* Only default.db: the xdg folder of the run goes. */
  {
    g_autofree char *xdg = g_build_filename (f->data_dir, "xdg", NULL);

    hc_cli_remove_tree (xdg);
  }
  give_to_owner (f->data_dir);
  give_to_owner (path);
  give_to_owner (out_dir);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  g_assert_cmpint (g_chmod (f->data_dir, 0500), ==, 0);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));

  run_as_owner (f, (const char *[]) { "members", "--json", NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "ada@example.com"));

  run_as_owner (f, (const char *[]) { "members", NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Lovelace"));

  run_as_owner (f, (const char *[]) { "history", NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);

  run_as_owner (f, (const char *[]) { "export-members", csv_path, NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "ada@example.com"));

  /* A command that writes: the folder, named, and why. */
  run_as_owner (f, (const char *[]) {
    "members", "add", "--first-name", "Grace", "--last-name", "Hopper", NULL
  }, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, f->data_dir));
  g_assert_nonnull (strstr (run.err, "cannot write to the data folder"));

  /* Nothing was written: the same bytes, no journal left beside it. */
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpuint (after_length, ==, before_length);
  g_assert_cmpmem (after, after_length, before, before_length);
  dir = g_dir_open (f->data_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_cmpstr (name, ==, "default.db");

  g_chmod (path, 0600);
  hc_cli_remove_tree (out_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-data-dir/zero-length", test_zero_length);
  ADD ("/cli-data-dir/long-name", test_long_name);
  ADD ("/cli-data-dir/read-only", test_read_only);
#undef ADD

  return g_test_run ();
}
