/* hc-cli-test.c — what the headcount-cli tests share: one run of $HC_CLI
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli-test"

#include <glib/gstdio.h>

#include "hc-cli-test.h"

void
hc_cli_run_clear (HcCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Removes @path and everything under it, without following symlinks. */
void
hc_cli_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        hc_cli_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Runs $HC_CLI with @argv (after the program name) and waits for it.
 * @environ_base: the whole environment to start from, or NULL for the test's.
 * @xdg_data_home: XDG_DATA_HOME for the child, or NULL to leave it.
 * @env: NULL-terminated name/value pairs (NULL value: unset), or NULL.
 * @input: text on stdin, or NULL to give no stdin pipe at all.
 * HEADCOUNT_DATA_DIR is always unset: never the user's real data.
 * Fails the test if the child cannot run or does not exit normally;
 * does not clear @run first. */
void
hc_cli_spawn (const char * const *environ_base,
              const char         *xdg_data_home,
              const char * const *env,
              const char * const *argv,
              const char         *input,
              HcCliRun           *run)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("HC_CLI");
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  g_assert_nonnull (cli);

  if (input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  if (environ_base != NULL)
    g_subprocess_launcher_set_environ (launcher, (char **) environ_base);
  g_subprocess_launcher_unsetenv (launcher, "HEADCOUNT_DATA_DIR");
  if (xdg_data_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", xdg_data_home, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      if (env[i + 1] != NULL)
        g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, env[i]);
    }

  g_ptr_array_add (args, (char *) cli);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  if (!g_subprocess_get_if_exited (process))
    g_error ("headcount-cli died (signal %d); stderr:\n%s",
             g_subprocess_get_term_sig (process), run->err);
  run->status = g_subprocess_get_exit_status (process);
}
