/* hc-prism.c — Prism, the mock server of an OpenAPI document, run from the
 * tests on 127.0.0.1: started on a free port, read from its log, stopped
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-prism"

#include "config.h"

#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <libsoup/soup.h>

#include "hc-prism.h"

#define START_TIMEOUT_S 90
#define SYNC_TIMEOUT_S  10
#define STOP_TIMEOUT_S  5
#define START_ATTEMPTS  3

struct _HcPrism
{
  GSubprocess *process;
  SoupSession *session;
  GThread     *reader;
  char        *base_url;
  guint16      port;

  /* Prism's stdout and stderr, line by line, filled by the reader thread. */
  GMutex       mutex;
  GCond        cond;
  GPtrArray   *lines;    /* char* */
  gboolean     eof;
  guint        taken;    /* lines before this one were returned already */
  guint        n_syncs;
};

/* "[6:50:27 AM] › [HTTP SERVER] get /company/employees ℹ  info      Request received"
 * "[6:50:27 AM] ›     [VALIDATOR] ✖  error     Violation: response.body.data …"
 * Prism prints through signale: a time, a separator, the scope, the request
 * (for the HTTP server), a badge, the level and the message. */
static GRegex *line_regex;

static gpointer
compile_line_regex (gpointer data)
{
  return g_regex_new ("^\\[[^\\]]*\\]\\s+\\S+\\s+\\[([A-Z ]+)\\](?: ([a-z]+) (\\S+))? \\S+\\s+([a-z]+)\\s+(.*)$",
                      G_REGEX_OPTIMIZE, 0, NULL);
}

static gpointer
read_log_thread (gpointer data)
{
  HcPrism *self = data;
  g_autoptr (GDataInputStream) in = NULL;

  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  for (;;)
    {
      char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, NULL);

      g_mutex_lock (&self->mutex);
      if (line != NULL)
        g_ptr_array_add (self->lines, line);
      else
        self->eof = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->mutex);
      if (line == NULL)
        break;
    }
  return NULL;
}

#ifdef __linux__
/* Prism must not outlive a test binary that aborts on a failed assertion. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}
#endif

static guint16
pick_free_port (GError **error)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) wanted = NULL;
  g_autoptr (GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return 0;
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  wanted = g_inet_socket_address_new (loopback, 0);
  if (!g_socket_bind (socket, wanted, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The last lines of the log, for a message. Called with the mutex held. */
static char *
log_tail_locked (HcPrism *self,
                 guint    n_lines)
{
  GString *tail = g_string_new (NULL);
  guint first = self->lines->len > n_lines ? self->lines->len - n_lines : 0;

  for (guint i = first; i < self->lines->len; i++)
    g_string_append_printf (tail, "  %s\n", (const char *) g_ptr_array_index (self->lines, i));
  if (tail->len == 0)
    g_string_append (tail, "  (nothing)\n");
  return g_string_free (tail, FALSE);
}

/* Waits until a line from @from on contains both @needle and @also (may be
 * NULL), the process ends or @timeout_s pass. Returns the index of that
 * line, or -1. Called with the mutex held. */
static gint
wait_for_line_locked (HcPrism    *self,
                      guint       from,
                      const char *needle,
                      const char *also,
                      guint       timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_TIME_SPAN_SECOND;
  guint next = from;

  for (;;)
    {
      for (; next < self->lines->len; next++)
        {
          const char *line = g_ptr_array_index (self->lines, next);

          if (strstr (line, needle) != NULL && (also == NULL || strstr (line, also) != NULL))
            return (gint) next;
        }
      if (self->eof)
        return -1;
      if (!g_cond_wait_until (&self->cond, &self->mutex, deadline))
        return -1;
    }
}

static void
stop (HcPrism *self)
{
  if (self->process != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + STOP_TIMEOUT_S * G_TIME_SPAN_SECOND;
      gboolean ended;

      g_subprocess_send_signal (self->process, SIGTERM);
      g_mutex_lock (&self->mutex);
      while (!self->eof && g_cond_wait_until (&self->cond, &self->mutex, deadline))
        ;
      ended = self->eof;
      g_mutex_unlock (&self->mutex);
      if (!ended)
        g_subprocess_force_exit (self->process);
      g_subprocess_wait (self->process, NULL, NULL);
    }
  g_clear_pointer (&self->reader, g_thread_join);
  g_clear_object (&self->process);
}

/* One start of Prism on a free port. FALSE with @retry set when the port
 * was taken in the meantime. */
static gboolean
start (HcPrism    *self,
       const char *prism_dir,
       const char *document,
       gboolean    errors,
       gboolean   *retry,
       GError    **error)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autofree char *prism = g_build_filename (prism_dir, "node_modules", ".bin", "prism", NULL);
  g_autofree char *port = NULL;
  g_autofree char *listening = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  gint found;

  *retry = FALSE;
  self->port = pick_free_port (error);
  if (self->port == 0)
    return FALSE;
  port = g_strdup_printf ("%u", self->port);

  g_ptr_array_add (argv, prism);
  g_ptr_array_add (argv, (char *) "mock");
  g_ptr_array_add (argv, (char *) "--host");
  g_ptr_array_add (argv, (char *) "127.0.0.1");
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, port);
  /* The document's own examples, the same answer every time. */
  g_ptr_array_add (argv, (char *) "--dynamic=false");
  g_ptr_array_add (argv, errors ? (char *) "--errors" : (char *) "--errors=false");
  g_ptr_array_add (argv, (char *) document);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, prism_dir);
  /* Plain text, to read it. */
  g_subprocess_launcher_setenv (launcher, "FORCE_COLOR", "0", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_COLOR", "1", TRUE);
#ifdef __linux__
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
#endif

  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->lines, 0);
  self->eof = FALSE;
  self->taken = 0;
  g_mutex_unlock (&self->mutex);

  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  if (self->process == NULL)
    return FALSE;
  self->reader = g_thread_new ("prism-log", read_log_thread, self);

  listening = g_strdup_printf ("Prism is listening on http://127.0.0.1:%u", self->port);
  g_mutex_lock (&self->mutex);
  found = wait_for_line_locked (self, 0, listening, NULL, START_TIMEOUT_S);
  if (found < 0)
    {
      g_autofree char *tail = log_tail_locked (self, 15);
      gboolean taken = wait_for_line_locked (self, 0, "EADDRINUSE", NULL, 0) >= 0;

      g_mutex_unlock (&self->mutex);
      stop (self);
      if (taken)
        {
          *retry = TRUE;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE, "Port %u was taken", self->port);
          return FALSE;
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Prism did not start on %s within %d s. Its last words:\n%s",
                   document, START_TIMEOUT_S, tail);
      return FALSE;
    }
  self->taken = found + 1;
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

HcPrism *
hc_prism_new (const char *prism_dir,
              const char *document,
              gboolean    errors,
              GError    **error)
{
  g_autoptr (HcPrism) self = NULL;
  g_autofree char *prism = NULL;
  g_autoptr (GPtrArray) first = NULL;

  g_return_val_if_fail (prism_dir != NULL, NULL);
  g_return_val_if_fail (document != NULL, NULL);

  prism = g_build_filename (prism_dir, "node_modules", ".bin", "prism", NULL);
  if (!g_file_test (prism, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "Prism is not installed (%s is missing); " HC_PRISM_INSTALL_HINT, prism);
      return NULL;
    }
  if (!g_file_test (document, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The OpenAPI document %s is missing", document);
      return NULL;
    }

  {
    static GOnce once = G_ONCE_INIT;

    line_regex = g_once (&once, compile_line_regex, NULL);
  }

  self = g_new0 (HcPrism, 1);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->lines = g_ptr_array_new_with_free_func (g_free);
  /* 127.0.0.1 direct, whatever the machine's proxy */
  self->session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                 "timeout", SYNC_TIMEOUT_S,
                                                 NULL);

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr (GError) local_error = NULL;
      gboolean retry;

      if (start (self, prism_dir, document, errors, &retry, &local_error))
        break;
      if (!retry || attempt == START_ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);

  /* Listening is not answering: one round trip proves it answers. */
  first = hc_prism_take_requests (self, error);
  if (first == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

void
hc_prism_free (HcPrism *self)
{
  if (self == NULL)
    return;

  stop (self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self->base_url);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
hc_prism_get_base_url (HcPrism *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->base_url;
}

void
hc_prism_request_free (HcPrismRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->method);
  g_free (request->path);
  g_ptr_array_unref (request->problems);
  g_free (request);
}

/* Sorts Prism's lines [@from, @to) into requests. */
static GPtrArray *
parse_requests_locked (HcPrism *self,
                       guint    from,
                       guint    to)
{
  GPtrArray *requests = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_prism_request_free);
  HcPrismRequest *current = NULL;

  for (guint i = from; i < to; i++)
    {
      const char *line = g_ptr_array_index (self->lines, i);
      g_autoptr (GMatchInfo) match = NULL;
      g_autofree char *scope = NULL;
      g_autofree char *method = NULL;
      g_autofree char *level = NULL;
      g_autofree char *message = NULL;

      if (!g_regex_match (line_regex, line, 0, &match))
        continue;
      scope = g_match_info_fetch (match, 1);
      method = g_match_info_fetch (match, 2);
      level = g_match_info_fetch (match, 4);
      message = g_match_info_fetch (match, 5);

      if (g_str_equal (scope, "HTTP SERVER") && method != NULL && *method != '\0'
          && g_str_equal (message, "Request received"))
        {
          current = g_new0 (HcPrismRequest, 1);
          current->method = g_steal_pointer (&method);
          current->path = g_match_info_fetch (match, 3);
          current->problems = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (requests, current);
          continue;
        }
      if (current != NULL
          && (g_str_equal (level, "warning") || g_str_equal (level, "error") || g_str_equal (level, "fatal")))
        g_ptr_array_add (current->problems, g_steal_pointer (&message));
    }
  return requests;
}

GPtrArray *
hc_prism_take_requests (HcPrism *self,
                        GError **error)
{
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *url = NULL;
  g_autofree char *received = NULL;
  GPtrArray *requests;
  gint start, end;

  g_return_val_if_fail (self != NULL, NULL);

  /* A request no document has: Prism logs it after every request answered
   * before it, and ends it with "Request terminated with error". */
  marker = g_strdup_printf ("/hc-prism-sync-%u", ++self->n_syncs);
  url = g_strconcat (self->base_url, marker, NULL);
  msg = soup_message_new ("GET", url);
  body = soup_session_send_and_read (self->session, msg, NULL, &local_error);
  if (body == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Prism does not answer at %s: %s", self->base_url, local_error->message);
      return NULL;
    }

  received = g_strdup_printf ("get %s ", marker);
  g_mutex_lock (&self->mutex);
  start = wait_for_line_locked (self, self->taken, received, "Request received", SYNC_TIMEOUT_S);
  end = start < 0 ? -1 : wait_for_line_locked (self, start, received, "Request terminated", SYNC_TIMEOUT_S);
  if (end < 0)
    {
      g_autofree char *tail = log_tail_locked (self, 15);

      g_mutex_unlock (&self->mutex);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "Prism at %s did not log %s within %d s. Its last words:\n%s",
                   self->base_url, marker, SYNC_TIMEOUT_S, tail);
      return NULL;
    }
  requests = parse_requests_locked (self, self->taken, start);
  self->taken = end + 1;
  g_mutex_unlock (&self->mutex);

  return requests;
}

char *
hc_prism_dup_log (HcPrism *self)
{
  GString *log = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->lines->len; i++)
    g_string_append_printf (log, "%s\n", (const char *) g_ptr_array_index (self->lines, i));
  g_mutex_unlock (&self->mutex);
  return g_string_free (log, FALSE);
}
