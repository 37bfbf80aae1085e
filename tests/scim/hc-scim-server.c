/* hc-scim-server.c — SCIMMY, an independent SCIM 2.0 service (server.js),
 * run from the tests on 127.0.0.1
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-scim-server"

#include "config.h"

#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <libsoup/soup.h>

#include "hc-scim-server.h"

#define START_TIMEOUT_S 30
#define STOP_TIMEOUT_S  5

struct _HcScimServer
{
  GSubprocess *process;
  SoupSession *session;
  char        *root_url;   /* http://127.0.0.1:PORT */
  char        *base_url;   /* …/scim */
  char        *auth;       /* the Authorization header */
  char        *log_path;
};

#ifdef __linux__
/* The server must not outlive a test binary that aborts. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}
#endif

typedef struct
{
  GMainLoop *loop;
  char      *line;
  GError    *error;
} FirstLine;

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  FirstLine *first = user_data;

  first->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                           &first->error);
  g_main_loop_quit (first->loop);
}

static gboolean
start_timeout_cb (gpointer user_data)
{
  FirstLine *first = user_data;

  g_main_loop_quit (first->loop);
  return G_SOURCE_REMOVE;
}

HcScimServer *
hc_scim_server_new (const char *dir,
                    const char *token,
                    const char *basic,
                    GError    **error)
{
  return hc_scim_server_new_full (dir, token, basic, NULL, error);
}

HcScimServer *
hc_scim_server_new_full (const char         *dir,
                         const char         *token,
                         const char         *basic,
                         const char * const *env,
                         GError            **error)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autofree char *modules = g_build_filename (dir, "node_modules", "scimmy-routers", NULL);
  g_autofree char *script = g_build_filename (dir, "server.js", NULL);
  HcScimServer *self;
  FirstLine first = { 0 };
  GSource *timeout;
  guint64 port;

  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "SCIMMY is not installed (%s is missing); " HC_SCIM_SERVER_INSTALL_HINT, modules);
      return NULL;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_setenv (launcher, "SCIM_TOKEN", token, TRUE);
  if (basic != NULL)
    g_subprocess_launcher_setenv (launcher, "SCIM_BASIC", basic, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL && env[i + 1] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
#ifdef __linux__
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
#endif

  self = g_new0 (HcScimServer, 1);
  self->process = g_subprocess_launcher_spawn (launcher, error, "node", script, NULL);
  if (self->process == NULL)
    {
      hc_scim_server_free (self);
      return NULL;
    }

  /* "listening on PORT", within START_TIMEOUT_S. */
  g_main_context_push_thread_default (context);
  first.loop = g_main_loop_new (context, FALSE);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &first);
  timeout = g_timeout_source_new_seconds (START_TIMEOUT_S);
  g_source_set_callback (timeout, start_timeout_cb, &first, NULL);
  g_source_attach (timeout, context);
  g_main_loop_run (first.loop);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  g_main_loop_unref (first.loop);
  g_main_context_pop_thread_default (context);

  if (first.line == NULL || !g_str_has_prefix (first.line, "listening on ") ||
      !g_ascii_string_to_unsigned (first.line + strlen ("listening on "), 10, 1, 65535, &port, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The SCIM test server did not start within %d s: %s", START_TIMEOUT_S,
                   first.line != NULL ? first.line : first.error != NULL ? first.error->message : "no output");
      g_free (first.line);
      g_clear_error (&first.error);
      hc_scim_server_free (self);
      return NULL;
    }
  g_free (first.line);

  self->root_url = g_strdup_printf ("http://127.0.0.1:%u", (guint) port);
  self->base_url = g_strdup_printf ("%s/scim", self->root_url);
  if (basic != NULL && token == NULL)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) basic, strlen (basic));

      self->auth = g_strdup_printf ("Basic %s", encoded);
    }
  else
    {
      self->auth = g_strdup_printf ("Bearer %s", token);
    }
  /* 127.0.0.1 direct, whatever the machine's proxy */
  self->session = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 20, NULL);
  return self;
}

void
hc_scim_server_free (HcScimServer *self)
{
  if (self == NULL)
    return;

  if (self->process != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_subprocess_wait (self->process, NULL, NULL);
    }
  g_clear_object (&self->process);
  g_clear_object (&self->session);
  g_free (self->root_url);
  g_free (self->base_url);
  g_free (self->auth);
  g_free (self->log_path);
  g_free (self);
}

const char *
hc_scim_server_get_base_url (HcScimServer *self)
{
  return self->base_url;
}

static JsonNode *
send (HcScimServer *self,
      const char   *method,
      const char   *url,
      gboolean      authenticated,
      const char   *json_body,
      guint        *status,
      GError      **error)
{
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data;

  if (authenticated)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", self->auth);
  if (json_body != NULL)
    {
      g_autoptr (GBytes) request = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, authenticated ? "application/scim+json" : "application/json",
                                                request);
    }
  body = soup_session_send_and_read (self->session, msg, NULL, error);
  if (body == NULL)
    return NULL;
  if (status != NULL)
    *status = soup_message_get_status (msg);
  data = g_bytes_get_data (body, &size);
  if (size == 0)
    return json_node_new (JSON_NODE_NULL);
  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

JsonNode *
hc_scim_server_control (HcScimServer *self,
                        const char   *method,
                        const char   *path,
                        const char   *json_body,
                        GError      **error)
{
  g_autofree char *url = g_strdup_printf ("%s/_test%s", self->root_url, path);

  return send (self, method, url, FALSE, json_body, NULL, error);
}

JsonNode *
hc_scim_server_request (HcScimServer *self,
                        const char   *method,
                        const char   *path,
                        const char   *json_body,
                        guint        *status,
                        GError      **error)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);

  return send (self, method, url, TRUE, json_body, status, error);
}

guint
hc_scim_server_count_writes (HcScimServer *self,
                             char        **log)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) stats = hc_scim_server_control (self, "GET", "/stats", NULL, &error);
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (stats));
  object = json_node_get_object (stats);
  if (log != NULL)
    {
      JsonArray *lines = json_object_get_array_member (object, "log");
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (lines); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", json_array_get_string_element (lines, i));
      *log = g_string_free (text, FALSE);
    }
  return (guint) json_object_get_int_member (object, "writes");
}

GPtrArray *
hc_scim_server_list_users (HcScimServer *self)
{
  GPtrArray *users = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  /* Page by page, as a client reads a list. */
  for (guint start = 1; ;)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("/Users?startIndex=%u&count=100", start);
      g_autoptr (JsonNode) page = hc_scim_server_request (self, "GET", path, NULL, NULL, &error);
      JsonObject *object;
      JsonArray *resources;
      guint n;

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (page));
      object = json_node_get_object (page);
      resources = json_object_get_array_member (object, "Resources");
      n = json_array_get_length (resources);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (users, json_object_ref (json_array_get_object_element (resources, i)));
      start += n;
      if (n == 0 || start > (guint) json_object_get_int_member (object, "totalResults"))
        break;
    }
  return users;
}

JsonObject *
hc_scim_server_find_user (HcScimServer *self,
                          const char   *user_name)
{
  g_autoptr (GPtrArray) users = hc_scim_server_list_users (self);

  for (guint i = 0; i < users->len; i++)
    {
      JsonObject *user = g_ptr_array_index (users, i);

      if (g_ascii_strcasecmp (json_object_get_string_member (user, "userName"), user_name) == 0)
        return json_object_ref (user);
    }
  return NULL;
}

static HcScimServer *test_server;
static GError *test_server_error;

HcScimServer *
hc_scim_server_get_for_test (const char *mode,
                             const char *skip_reason,
                             const char *token)
{
  g_autoptr (JsonNode) reset = NULL;
  g_autoptr (GError) error = NULL;

  if (g_str_equal (mode, "disabled"))
    {
      g_test_skip (skip_reason);
      return NULL;
    }
  if (test_server == NULL && test_server_error == NULL)
    test_server = hc_scim_server_new (HC_SCIM_DIR, token, NULL, &test_server_error);
  if (test_server == NULL)
    {
      if (g_str_equal (mode, "auto") && g_error_matches (test_server_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_test_skip (test_server_error->message);
      else
        g_test_fail_printf ("%s", test_server_error->message);
      return NULL;
    }
  reset = hc_scim_server_control (test_server, "POST", "/reset", NULL, &error);
  g_assert_no_error (error);
  return test_server;
}

void
hc_scim_server_stop_for_test (void)
{
  g_clear_pointer (&test_server, hc_scim_server_free);
  g_clear_error (&test_server_error);
}
