/* hc-test-keyring.c — a private session bus and a real gnome-keyring-daemon for tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-test-keyring"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>

#include "hc-test-keyring.h"

#define STARTUP_TIMEOUT_USEC (15 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_USEC    (5 * G_USEC_PER_SEC)

struct _HcTestSession
{
  char        *dir;
  char        *home;
  char        *data_dir;
  char        *run_dir;
  char        *keyring_file;

  GSubprocess *bus;
  char        *bus_address;
  GSubprocess *keyring;
};

/* Children die with the test even when it aborts on a failed assertion. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
stop_process (GSubprocess **process)
{
  gint64 deadline;

  if (*process == NULL)
    return;

  /* GLib's worker thread reaps the child: the identifier goes NULL. */
  g_subprocess_send_signal (*process, SIGTERM);
  deadline = g_get_monotonic_time () + STOP_TIMEOUT_USEC;
  while (g_subprocess_get_identifier (*process) != NULL &&
         g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 50);

  if (g_subprocess_get_identifier (*process) != NULL)
    g_subprocess_force_exit (*process);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

HcTestSession *
hc_test_session_new (const char *dir)
{
  HcTestSession *self = g_new0 (HcTestSession, 1);

  self->dir = g_strdup (dir);
  self->home = g_build_filename (dir, "home", NULL);
  self->data_dir = g_build_filename (self->home, ".local", "share", NULL);
  self->run_dir = g_build_filename (dir, "run", NULL);
  self->keyring_file = g_build_filename (self->data_dir, "keyrings", "login.keyring", NULL);

  g_assert_no_errno (g_mkdir_with_parents (self->data_dir, 0700));
  g_assert_no_errno (g_mkdir_with_parents (self->run_dir, 0700));

  return self;
}

const char *
hc_test_session_get_dir (HcTestSession *self)
{
  return self->dir;
}

const char *
hc_test_session_get_home (HcTestSession *self)
{
  return self->home;
}

const char *
hc_test_session_get_run_dir (HcTestSession *self)
{
  return self->run_dir;
}

const char *
hc_test_session_get_bus_address (HcTestSession *self)
{
  return self->bus_address;
}

const char *
hc_test_session_get_keyring_file (HcTestSession *self)
{
  return self->keyring_file;
}

HcTestSession *
hc_test_session_start_private (const char *tmpl,
                               char      **root)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *session_dir = NULL;
  HcTestSession *self;

  *root = g_dir_make_tmp (tmpl, &error);
  if (*root == NULL)
    g_error ("cannot make a folder for the tests: %s", error->message);
  session_dir = g_build_filename (*root, "session", NULL);
  self = hc_test_session_new (session_dir);
  if (!hc_test_session_start_bus (self, &error) ||
      !hc_test_session_start_keyring (self, "test-keyring-password", &error))
    g_error ("cannot start a keyring for the tests: %s", error->message);
  return self;
}

char **
hc_test_session_update_environ (HcTestSession *self,
                                char         **env)
{
  g_autofree char *config = g_build_filename (self->home, ".config", NULL);
  g_autofree char *cache = g_build_filename (self->home, ".cache", NULL);

  env = g_environ_setenv (env, "HOME", self->home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", self->data_dir, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache, TRUE);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", self->run_dir, TRUE);
  if (self->bus_address != NULL)
    env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", self->bus_address, TRUE);

  return env;
}

static char **
build_environ (HcTestSession *self)
{
  char **env = hc_test_session_update_environ (self, g_get_environ ());

  /* The daemons are not under test: our fatal warnings would abort them
   * (gnome-keyring 42 logs a critical when a collection is locked), and no
   * prompt may ever reach a display. */
  env = g_environ_unsetenv (env, "G_DEBUG");
  env = g_environ_unsetenv (env, "G_MESSAGES_DEBUG");
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  return env;
}

gboolean
hc_test_session_start_bus (HcTestSession *self,
                           GError       **error)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *config_path = g_build_filename (self->dir, "bus.conf", NULL);
  g_autofree char *config = NULL;
  g_autofree char *config_arg = NULL;
  g_autofree char *escaped = NULL;
  g_auto (GStrv) env = NULL;
  char *line;

  g_return_val_if_fail (self->bus == NULL, FALSE);

  /* No <servicedir>, no <standard_session_servicedirs/>: nothing can be
   * activated on this bus. */
  escaped = g_markup_escape_text (self->run_dir, -1);
  config = g_strdup_printf ("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                            "<busconfig>\n"
                            "  <type>session</type>\n"
                            "  <listen>unix:dir=%s</listen>\n"
                            "  <auth>EXTERNAL</auth>\n"
                            "  <policy context=\"default\">\n"
                            "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                            "    <allow eavesdrop=\"true\"/>\n"
                            "    <allow own=\"*\"/>\n"
                            "  </policy>\n"
                            "</busconfig>\n", escaped);
  if (!g_file_set_contents (config_path, config, -1, error))
    return FALSE;

  config_arg = g_strconcat ("--config-file=", config_path, NULL);
  env = build_environ (self);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->bus = g_subprocess_launcher_spawn (launcher, error,
                                           "dbus-daemon", "--nofork", "--nopidfile",
                                           config_arg, "--print-address=1", NULL);
  if (self->bus == NULL)
    return FALSE;

  /* It prints its address once it listens. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->bus));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);
  if (line == NULL || *line == '\0')
    {
      g_free (line);
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "dbus-daemon exited without printing its address");
      stop_process (&self->bus);
      return FALSE;
    }

  self->bus_address = line;
  return TRUE;
}

/* TRUE once @name answers and has a default collection. */
static gboolean
keyring_is_ready (GDBusConnection *connection,
                  GError         **error)
{
  g_autoptr (GVariant) owner = NULL;
  g_autoptr (GVariant) alias = NULL;
  const char *path;
  gboolean has_owner;

  owner = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       2000, NULL, error);
  if (owner == NULL)
    return FALSE;

  g_variant_get (owner, "(b)", &has_owner);
  if (!has_owner)
    return FALSE;

  alias = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "ReadAlias",
                                       g_variant_new ("(s)", "default"),
                                       G_VARIANT_TYPE ("(o)"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                       2000, NULL, NULL);
  if (alias == NULL)
    return FALSE;

  g_variant_get (alias, "(&o)", &path);
  return !g_str_equal (path, "/");
}

gboolean
hc_test_session_start_keyring (HcTestSession *self,
                               const char    *password,
                               GError       **error)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GDBusConnection) connection = NULL;
  g_autofree char *log_path = g_build_filename (self->dir, "gnome-keyring.log", NULL);
  g_autofree char *control_dir = g_build_filename (self->run_dir, "keyring", NULL);
  g_autofree char *control_arg = g_strconcat ("--control-directory=", control_dir, NULL);
  g_auto (GStrv) env = NULL;
  GOutputStream *in;
  gint64 deadline;

  g_return_val_if_fail (self->bus_address != NULL, FALSE);
  g_return_val_if_fail (self->keyring == NULL, FALSE);

  env = build_environ (self);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->keyring = g_subprocess_launcher_spawn (launcher, error,
                                               "gnome-keyring-daemon", "--foreground",
                                               "--unlock", "--components=secrets",
                                               control_arg, NULL);
  if (self->keyring == NULL)
    return FALSE;

  /* --unlock reads the login password up to the end of its input: the
   * login keyring is created with it, unlocked, as the default. */
  in = g_subprocess_get_stdin_pipe (self->keyring);
  if (!g_output_stream_write_all (in, password, strlen (password), NULL, NULL, error) ||
      !g_output_stream_close (in, NULL, error))
    {
      stop_process (&self->keyring);
      return FALSE;
    }

  connection = g_dbus_connection_new_for_address_sync (self->bus_address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, error);
  if (connection == NULL)
    {
      stop_process (&self->keyring);
      return FALSE;
    }

  deadline = g_get_monotonic_time () + STARTUP_TIMEOUT_USEC;
  for (;;)
    {
      g_autoptr (GError) local_error = NULL;

      if (keyring_is_ready (connection, &local_error))
        break;

      if (local_error != NULL || g_subprocess_get_identifier (self->keyring) == NULL ||
          g_get_monotonic_time () > deadline)
        {
          g_autofree char *log = NULL;

          g_file_get_contents (log_path, &log, NULL, NULL);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "gnome-keyring-daemon did not come up on %s (%s); its output: %s",
                       self->bus_address,
                       local_error != NULL ? local_error->message :
                       g_subprocess_get_identifier (self->keyring) == NULL ? "it exited" : "timed out",
                       log != NULL ? log : "(none)");
          stop_process (&self->keyring);
          return FALSE;
        }

      g_usleep (G_USEC_PER_SEC / 20);
    }

  g_dbus_connection_close_sync (connection, NULL, NULL);
  return TRUE;
}

void
hc_test_session_free (HcTestSession *self)
{
  if (self == NULL)
    return;

  stop_process (&self->keyring);
  stop_process (&self->bus);
  g_free (self->bus_address);
  g_free (self->keyring_file);
  g_free (self->run_dir);
  g_free (self->data_dir);
  g_free (self->home);
  g_free (self->dir);
  g_free (self);
}

/* Files */

static gboolean
bytes_contain (const char *haystack,
               gsize       haystack_len,
               const char *needle)
{
  gsize needle_len = strlen (needle);

  if (needle_len == 0 || haystack_len < needle_len)
    return needle_len == 0;

  for (gsize i = 0; i + needle_len <= haystack_len; i++)
    if (haystack[i] == needle[0] && memcmp (haystack + i, needle, needle_len) == 0)
      return TRUE;

  return FALSE;
}

static void
find_in_tree (const char *dir,
              const char *needle,
              GPtrArray  *hits,
              guint      *n_files)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          find_in_tree (path, needle, hits, n_files);
          continue;
        }

      /* Sockets and fifos hold nothing at rest */
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      (*n_files)++;
      if (bytes_contain (contents, length, needle))
        g_ptr_array_add (hits, g_steal_pointer (&path));
    }
}

GPtrArray *
hc_test_find_in_tree (const char *dir,
                      const char *needle,
                      guint      *n_files)
{
  GPtrArray *hits = g_ptr_array_new_with_free_func (g_free);
  guint count = 0;

  find_in_tree (dir, needle, hits, &count);
  if (n_files != NULL)
    *n_files = count;

  return hits;
}

void
hc_test_remove_tree (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing != NULL)
    {
      while ((name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            hc_test_remove_tree (path);
          else
            g_unlink (path);
        }
    }

  g_rmdir (dir);
}
