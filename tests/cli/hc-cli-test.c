/* hc-cli-test.c — what the headcount-cli tests share: one run of $HC_CLI
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli-test"

#include <string.h>
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

/* Where the JSON value starting at @text ends: strings skipped, brackets
 * counted. NULL when it never closes. */
static const char *
skip_json_value (const char *text)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && --depth == 0)
        return p + 1;
    }

  return NULL;
}

/* @text (a run's stdout) is exactly one JSON object, then a newline,
 * whose first member is "format_version": 1. json-glib alone would take
 * two documents one after the other. (transfer full) */
JsonNode *
hc_cli_parse_document (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) names = NULL;
  const char *end;
  JsonObject *object;
  JsonNode *version;

  g_assert_nonnull (text);
  g_assert_true (text[0] == '{');
  end = skip_json_value (text);
  g_assert_nonnull (end);
  g_assert_cmpstr (end, ==, "\n");

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_node_get_object (json_parser_get_root (parser));

  version = json_object_get_member (object, "format_version");
  g_assert_nonnull (version);
  g_assert_cmpint (json_node_get_value_type (version), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (version), ==, 1);
  names = json_object_get_members (object);
  g_assert_cmpstr (names->data, ==, "format_version");

  return json_node_copy (json_parser_get_root (parser));
}

/* A failed run with --json: exit @status, and stdout the error document
 * alone, {"format_version": 1, "error": {"code": @code, "message": …}},
 * its message also on stderr. */
void
hc_cli_assert_error (const HcCliRun *run,
                     int             status,
                     const char     *code)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object, *error;
  const char *message;

  g_assert_cmpint (run->status, ==, status);
  root = hc_cli_parse_document (run->out);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  g_assert_true (json_object_has_member (object, "error"));
  error = json_object_get_object_member (object, "error");
  g_assert_cmpuint (json_object_get_size (error), ==, 2);
  g_assert_cmpstr (json_object_get_string_member_with_default (error, "code", NULL), ==, code);
  message = json_object_get_string_member_with_default (error, "message", NULL);
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_nonnull (strstr (run->err, message));
}

/* A usage error on stderr: exactly two lines, what was wrong and
* “Try “headcount-cli @command --help”.” (@command NULL: any). */
void
hc_cli_assert_usage_lines (const char *err,
                           const char *command)
{
  g_auto (GStrv) lines = g_strsplit (err, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  g_assert_true (g_str_has_prefix (lines[0], "headcount-cli: "));
  g_assert_cmpuint (strlen (lines[0]), >, strlen ("headcount-cli: "));
  if (command != NULL)
    {
      g_autofree char *expected = *command != '\0'
        ? g_strdup_printf ("Try “headcount-cli %s --help”.", command)
        : g_strdup ("Try “headcount-cli --help”.");

      g_assert_cmpstr (lines[1], ==, expected);
    }
  else
    {
      g_assert_true (g_str_has_prefix (lines[1], "Try “headcount-cli "));
      g_assert_true (g_str_has_suffix (lines[1], "--help”."));
    }
}

/* headcount-cli --data-dir @data_dir @argv… (NULL-terminated), with
 * XDG_DATA_HOME in @data_dir/xdg and empty standard input; @run is cleared
 * first, and the run is logged as a test message. */
void
hc_cli_run_in_data_dir (const char         *data_dir,
                        const char * const *argv,
                        HcCliRun           *run)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *xdg = g_build_filename (data_dir, "xdg", NULL);

  hc_cli_run_clear (run);
  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, (char *) data_dir);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  hc_cli_spawn (NULL, xdg, NULL, (const char * const *) args->pdata, "", run);
  g_test_message ("headcount-cli %s %s → %d\nstdout:\n%s\nstderr:\n%s",
                  argv[0], argv[1] ? argv[1] : "", run->status, run->out, run->err);
}
