/* hc-oauth-flow.c — signing in through the browser (RFC 7636, RFC 8252)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-oauth-flow"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "hc-error.h"
#include "hc-oauth-flow.h"

struct _HcOAuthFlow
{
  GObject     parent_instance;

  char       *vendor;
  char       *token_url;
  char       *client_id;
  char       *verifier;
  char       *state;
  char       *redirect_uri;
  char       *authorize_uri;
  SoupServer *server;

  GTask      *task;            /* the wait, while it goes on */
  GSource    *timeout;
  gulong      cancelled_id;
  gboolean    exchanging;      /* a code came: later answers are refused */
};

G_DEFINE_FINAL_TYPE (HcOAuthFlow, hc_oauth_flow, G_TYPE_OBJECT)

static void
wipe (char **text)
{
  if (*text != NULL)
    {
      memset (*text, 0, strlen (*text));
      g_clear_pointer (text, g_free);
    }
}

static void
stop_waiting (HcOAuthFlow *self)
{
  if (self->timeout != NULL)
    {
      g_source_destroy (self->timeout);
      g_clear_pointer (&self->timeout, g_source_unref);
    }
  if (self->task != NULL && self->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (self->task), self->cancelled_id);
  self->cancelled_id = 0;
}

static void
hc_oauth_flow_dispose (GObject *object)
{
  HcOAuthFlow *self = HC_OAUTH_FLOW (object);

  stop_waiting (self);
  g_clear_object (&self->task);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (hc_oauth_flow_parent_class)->dispose (object);
}

static void
hc_oauth_flow_finalize (GObject *object)
{
  HcOAuthFlow *self = HC_OAUTH_FLOW (object);

  g_free (self->vendor);
  g_free (self->token_url);
  g_free (self->client_id);
  wipe (&self->verifier);
  wipe (&self->state);
  g_free (self->redirect_uri);
  g_free (self->authorize_uri);

  G_OBJECT_CLASS (hc_oauth_flow_parent_class)->finalize (object);
}

static void
hc_oauth_flow_class_init (HcOAuthFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hc_oauth_flow_dispose;
  object_class->finalize = hc_oauth_flow_finalize;
}

static void
hc_oauth_flow_init (HcOAuthFlow *self)
{
}

/* base64url without padding (RFC 7636 appendix A). */
static char *
base64url (const guchar *data,
           gsize         size)
{
  char *text = g_base64_encode (data, size);
  char *end = strchr (text, '=');

  if (end != NULL)
    *end = '\0';
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  return text;
}

static char *
random_text (GError **error)
{
  guchar bytes[32];
  gsize got = 0;
  char *text;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n <= 0)
        {
          g_set_error_literal (error, HC_ERROR, HC_ERROR_FAILED,
                               _("The system gave no random numbers for the sign-in. Try again."));
          return NULL;
        }
      got += n;
    }
  text = base64url (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);
  return text;
}

char *
hc_oauth_flow_compute_challenge (const char *verifier)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar digest[32];
  gsize size = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &size);
  return base64url (digest, size);
}

static gboolean
url_is_allowed (const char *url)
{
  g_autoptr (GUri) uri = url ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  const char *host;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    return FALSE;
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    return *host != '\0';
  /* Plain http only to this machine (a test's fake server). */
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 &&
         (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1") ||
          g_ascii_strcasecmp (host, "localhost") == 0);
}

/* The page the browser shows: a title and a sentence, in the user's
 * language. */
static void
reply_page (SoupServerMessage *msg,
            guint              status,
            const char        *title,
            const char        *text)
{
  g_autofree char *title_html = g_markup_escape_text (title, -1);
  g_autofree char *text_html = g_markup_escape_text (text, -1);
  /* TRANSLATORS: the language code of the page the browser shows after a
   * sign-in ("fr" in French). */
  g_autofree char *page = g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                                           "<title>%s</title></head>"
                                           "<body style=\"font-family: sans-serif; margin: 4em auto; max-width: 32em\">"
                                           "<h1>%s</h1><p>%s</p></body></html>\n",
                                           _("en"), title_html, title_html, text_html);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    page, strlen (page));
}

/* Ends the wait with @tokens or @error (one of them). */
static void
finish (HcOAuthFlow   *self,
        HcOAuthTokens *tokens,
        GError        *error)
{
  g_autoptr (GTask) task = NULL;

  if (self->task == NULL)
    {
      hc_oauth_tokens_free (tokens);
      g_clear_error (&error);
      return;
    }
  stop_waiting (self);
  task = g_steal_pointer (&self->task);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify) hc_oauth_tokens_free);
}

typedef struct
{
  HcOAuthFlow   *self;
  HcOAuthTokens *tokens;
  GError        *error;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->self);
  hc_oauth_tokens_free (pending->tokens);
  g_clear_error (&pending->error);
  g_free (pending);
}

static gboolean
finish_idle_cb (gpointer user_data)
{
  Pending *pending = user_data;

  finish (pending->self, g_steal_pointer (&pending->tokens), g_steal_pointer (&pending->error));
  return G_SOURCE_REMOVE;
}

/* The browser has its page: the wait ends, once the server is done with
 * the message (the caller may drop the flow, and its server, at once). */
static void
message_finished_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  Pending *pending = user_data;
  g_autoptr (GSource) idle = g_idle_source_new ();

  g_signal_handlers_disconnect_by_data (msg, pending);
  /* At the default priority, not the idle one: a busy window (frames,
   * timers) would otherwise keep the sign-in waiting on its own answer. */
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, finish_idle_cb, pending, (GDestroyNotify) pending_free);
  g_source_attach (idle, g_main_context_get_thread_default ());
}

static void
answer_then_finish (HcOAuthFlow       *self,
                    SoupServerMessage *msg,
                    HcOAuthTokens     *tokens,
                    GError            *error)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->tokens = tokens;
  pending->error = error;
  g_signal_connect (msg, "finished", G_CALLBACK (message_finished_cb), pending);
}

typedef struct
{
  HcOAuthFlow       *self;
  SoupServerMessage *msg;
} Exchange;

static void
exchange_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Exchange *exchange = user_data;
  g_autoptr (HcOAuthFlow) self = exchange->self;
  g_autoptr (GError) error = NULL;
  HcOAuthTokens *tokens;

  tokens = hc_oauth_tokens_request_finish (result, &error);
  if (tokens != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Signed in to %s"), self->vendor);

      reply_page (exchange->msg, SOUP_STATUS_OK, title,
                  _("Headcount can now read your HR data. You can close this window and go back to "
                    "Headcount."));
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("Sign-in to %s failed"), self->vendor);

      reply_page (exchange->msg, SOUP_STATUS_OK, title,
                  _("Headcount could not finish the sign-in. You can close this window; Headcount "
                    "says why."));
    }
  answer_then_finish (self, exchange->msg, tokens, g_steal_pointer (&error));
  soup_server_message_unpause (exchange->msg);
  g_object_unref (exchange->msg);
  g_free (exchange);
}

static void
callback_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  HcOAuthFlow *self = user_data;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query ? g_hash_table_lookup (query, "code") : NULL;
  const char *error_code = query ? g_hash_table_lookup (query, "error") : NULL;
  g_autofree char *title = g_strdup_printf (_("Sign-in to %s"), self->vendor);

  if (soup_server_message_get_method (msg) != SOUP_METHOD_GET ||
      !g_str_equal (path, HC_OAUTH_FLOW_CALLBACK_PATH))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  /* rules.md 45: the state proves the answer comes from the sign-in this
   * flow started; anything else is not this admin's browser. */
  if (self->task == NULL || self->exchanging || state == NULL || !g_str_equal (state, self->state))
    {
      g_debug ("Refused an answer on the loopback listener (state %s)",
               state == NULL ? "missing" : "not this sign-in's");
      reply_page (msg, SOUP_STATUS_BAD_REQUEST, title,
                  _("This answer is not the one Headcount is waiting for. Start the sign-in again "
                    "from Headcount."));
      return;
    }

  if (error_code != NULL)
    {
      GError *error;

      if (g_str_equal (error_code, "access_denied"))
        error = g_error_new (HC_ERROR, HC_ERROR_AUTH,
                             _("The access to %s was declined in the browser, so Headcount cannot "
                               "read your HR data. Sign in again and choose to allow Headcount."),
                             self->vendor);
      else
        {
          g_autofree char *word = g_strndup (error_code, 40);

          g_strcanon (word, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", '?');
          error = g_error_new (HC_ERROR, HC_ERROR_FAILED,
                               _("%s did not let Headcount sign in (%s). Try again; if it happens "
                                 "again, contact %s support."),
                               self->vendor, word, self->vendor);
        }
      reply_page (msg, SOUP_STATUS_OK, title,
                  _("Headcount was not given access. You can close this window and go back to "
                    "Headcount."));
      answer_then_finish (self, msg, NULL, error);
      return;
    }

  if (code == NULL || *code == '\0')
    {
      reply_page (msg, SOUP_STATUS_BAD_REQUEST, title,
                  _("This answer is not the one Headcount is waiting for. Start the sign-in again "
                    "from Headcount."));
      return;
    }

  {
    g_autoptr (GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
    Exchange *exchange = g_new0 (Exchange, 1);

    self->exchanging = TRUE;
    exchange->self = g_object_ref (self);
    exchange->msg = g_object_ref (msg);
    g_hash_table_insert (fields, "grant_type", "authorization_code");
    g_hash_table_insert (fields, "code", (char *) code);
    g_hash_table_insert (fields, "redirect_uri", self->redirect_uri);
    g_hash_table_insert (fields, "code_verifier", self->verifier);
    if (self->client_id != NULL)
      g_hash_table_insert (fields, "client_id", self->client_id);
    soup_server_message_pause (msg);
    hc_oauth_tokens_request_async (self->vendor, self->token_url, fields,
                                   g_task_get_cancellable (self->task), exchange_cb, exchange);
  }
}

HcOAuthFlow *
hc_oauth_flow_new (const char *vendor,
                   const char *authorize_url,
                   const char *token_url,
                   const char *client_id,
                   const char *scope,
                   GError    **error)
{
  g_autoptr (HcOAuthFlow) self = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *query = NULL;
  GSList *uris;
  guint port = 0;

  g_return_val_if_fail (vendor != NULL, NULL);

  if (!url_is_allowed (authorize_url) || !url_is_allowed (token_url))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The sign-in addresses of %s must start with https://. Correct them in the "
                     "connector settings."),
                   vendor);
      return NULL;
    }

  self = g_object_new (HC_TYPE_OAUTH_FLOW, NULL);
  self->vendor = g_strdup (vendor);
  self->token_url = g_strdup (token_url);
  self->client_id = client_id != NULL && *client_id != '\0' ? g_strdup (client_id) : NULL;
  self->verifier = random_text (error);
  if (self->verifier == NULL)
    return NULL;
  self->state = random_text (error);
  if (self->state == NULL)
    return NULL;

  /* RFC 8252 section 7.3: the loopback address itself (not "localhost"),
   * any free port, for this sign-in only. */
  self->server = soup_server_new ("server-header", "Headcount", NULL);
  soup_server_add_handler (self->server, NULL, callback_handler, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &local_error))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_FAILED,
                   _("Headcount could not wait for the browser’s answer: %s"), local_error->message);
      return NULL;
    }
  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%u" HC_OAUTH_FLOW_CALLBACK_PATH, port);

  challenge = hc_oauth_flow_compute_challenge (self->verifier);
  params = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (params, "response_type", "code");
  if (self->client_id != NULL)
    g_hash_table_insert (params, "client_id", self->client_id);
  g_hash_table_insert (params, "redirect_uri", self->redirect_uri);
  if (scope != NULL && *scope != '\0')
    g_hash_table_insert (params, "scope", (char *) scope);
  g_hash_table_insert (params, "state", self->state);
  g_hash_table_insert (params, "code_challenge", challenge);
  g_hash_table_insert (params, "code_challenge_method", "S256");
  query = soup_form_encode_hash (params);
  self->authorize_uri = g_strconcat (authorize_url, strchr (authorize_url, '?') ? "&" : "?", query, NULL);

  return g_steal_pointer (&self);
}

const char *
hc_oauth_flow_get_authorize_uri (HcOAuthFlow *self)
{
  g_return_val_if_fail (HC_IS_OAUTH_FLOW (self), NULL);
  return self->authorize_uri;
}

const char *
hc_oauth_flow_get_redirect_uri (HcOAuthFlow *self)
{
  g_return_val_if_fail (HC_IS_OAUTH_FLOW (self), NULL);
  return self->redirect_uri;
}

static gboolean
timeout_cb (gpointer user_data)
{
  HcOAuthFlow *self = user_data;

  g_clear_pointer (&self->timeout, g_source_unref);
  finish (self, NULL,
          g_error_new (HC_ERROR, HC_ERROR_FAILED,
                       _("The browser did not come back from the sign-in to %s in time. Start the "
                         "sign-in again."),
                       self->vendor));
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  HcOAuthFlow *self = user_data;

  finish (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sign-in cancelled")));
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  HcOAuthFlow *self = user_data;
  GMainContext *context = self->task ? g_task_get_context (self->task) : NULL;
  /* Not from inside the cancellable's handler: g_cancellable_disconnect()
   * would wait for it. */
  g_autoptr (GSource) idle = g_idle_source_new ();

  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, cancelled_idle_cb, g_object_ref (self), g_object_unref);
  g_source_attach (idle, context);
}

void
hc_oauth_flow_wait_async (HcOAuthFlow        *self,
                          guint               timeout_seconds,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HC_IS_OAUTH_FLOW (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_oauth_flow_wait_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  self->task = g_steal_pointer (&task);

  self->timeout = g_timeout_source_new_seconds (MAX (timeout_seconds, 1));
  g_source_set_callback (self->timeout, timeout_cb, self, NULL);
  g_source_attach (self->timeout, g_task_get_context (self->task));
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);
}

HcOAuthTokens *
hc_oauth_flow_wait_finish (HcOAuthFlow  *self,
                           GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
