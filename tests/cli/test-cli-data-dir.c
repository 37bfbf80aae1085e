/* test-cli-data-dir.c — headcount-cli on a data dir in a bad state: an empty
 * database file, a workspace name too long for a file name
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-data-dir"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-data-dir/zero-length", test_zero_length);
  ADD ("/cli-data-dir/long-name", test_long_name);
#undef ADD

  return g_test_run ();
}
