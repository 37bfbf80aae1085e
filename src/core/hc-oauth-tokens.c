/* hc-oauth-tokens.c — the tokens an OAuth 2.0 sign-in gives
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-oauth-tokens"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-oauth-tokens.h"

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
wipe_free (gpointer text)
{
  memset (text, 0, strlen (text));
  g_free (text);
}

HcOAuthTokens *
hc_oauth_tokens_new (void)
{
  return g_new0 (HcOAuthTokens, 1);
}

HcOAuthTokens *
hc_oauth_tokens_copy (const HcOAuthTokens *self)
{
  HcOAuthTokens *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = hc_oauth_tokens_new ();
  copy->access_token = g_strdup (self->access_token);
  copy->refresh_token = g_strdup (self->refresh_token);
  copy->expires_at = self->expires_at;
  copy->account_id = g_strdup (self->account_id);
  return copy;
}

void
hc_oauth_tokens_free (HcOAuthTokens *self)
{
  if (self == NULL)
    return;
  wipe (&self->access_token);
  wipe (&self->refresh_token);
  g_free (self->account_id);
  g_free (self);
}

char *
hc_oauth_tokens_to_secret (const HcOAuthTokens *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  if (self->access_token != NULL)
    {
      json_builder_set_member_name (builder, "access_token");
      json_builder_add_string_value (builder, self->access_token);
    }
  if (self->refresh_token != NULL)
    {
      json_builder_set_member_name (builder, "refresh_token");
      json_builder_add_string_value (builder, self->refresh_token);
    }
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, self->expires_at);
  if (self->account_id != NULL)
    {
      json_builder_set_member_name (builder, "account_id");
      json_builder_add_string_value (builder, self->account_id);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  /* The builder's copies go with it; the tree's strings are wiped here. */
  {
    JsonObject *object = json_node_get_object (root);
    const char *names[] = { "access_token", "refresh_token" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        const char *value = hc_json_member_string (object, names[i]);

        if (value != NULL)
          memset ((char *) value, 0, strlen (value));
      }
  }
  return text;
}

static char *
dup_nonempty (JsonObject *object,
              const char *name)
{
  const char *value = hc_json_member_string (object, name);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

HcOAuthTokens *
hc_oauth_tokens_from_secret (const char *secret)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (HcOAuthTokens) tokens = NULL;
  JsonObject *object;
  JsonNode *expires;

  if (secret == NULL || !json_parser_load_from_data (parser, secret, -1, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));

  tokens = hc_oauth_tokens_new ();
  tokens->access_token = dup_nonempty (object, "access_token");
  tokens->refresh_token = dup_nonempty (object, "refresh_token");
  tokens->account_id = dup_nonempty (object, "account_id");
  expires = hc_json_member (object, "expires_at");
  if (hc_json_value_type (expires) == G_TYPE_INT64)
    tokens->expires_at = json_node_get_int (expires);

  {
    const char *names[] = { "access_token", "refresh_token" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        const char *value = hc_json_member_string (object, names[i]);

        if (value != NULL)
          memset ((char *) value, 0, strlen (value));
      }
  }

  if (tokens->access_token == NULL && tokens->refresh_token == NULL)
    return NULL;
  return g_steal_pointer (&tokens);
}

gboolean
hc_oauth_tokens_need_refresh (const HcOAuthTokens *self,
                              gint64               now)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->access_token == NULL)
    return TRUE;
  /* An unknown expiry: used until the server refuses it. */
  if (self->expires_at <= 0)
    return FALSE;
  return self->expires_at - HC_OAUTH_TOKENS_MARGIN <= now;
}

char *
hc_oauth_tokens_sign_in_again_message (const char *vendor)
{
  return g_strdup_printf (_("%s no longer accepts Headcount’s sign-in: it was revoked or has "
                            "expired. Sign in to %s again (Edit credentials, or "
                            "“headcount-cli connector edit NAME --sign-in”)."),
                          vendor, vendor);
}

/* The token request */

typedef struct
{
  char   *vendor;
  HcHttp *http;
  char   *path;
  gint64  started;  /* Unix time, for expires_in */
} Request;

static void
request_free (Request *request)
{
  g_free (request->vendor);
  g_clear_object (&request->http);
  g_free (request->path);
  g_free (request);
}

static GError *
answer_error (const char *vendor,
              guint       status,
              JsonNode   *error_body,
              GError     *http_error)
{
  const char *code = NULL;

  if (error_body != NULL && JSON_NODE_HOLDS_OBJECT (error_body))
    code = hc_json_member_string (json_node_get_object (error_body), "error");

  if (g_strcmp0 (code, "invalid_grant") == 0 || g_strcmp0 (code, "access_denied") == 0 ||
      g_strcmp0 (code, "invalid_client") == 0 || g_strcmp0 (code, "unauthorized_client") == 0 ||
      (code == NULL && (status == 401 || status == 403)))
    {
      g_autofree char *message = hc_oauth_tokens_sign_in_again_message (vendor);

      return g_error_new_literal (HC_ERROR, HC_ERROR_AUTH, message);
    }
  if (code != NULL)
    {
      /* Only the code, from the RFC's short list or not: the description
       * could quote what was sent. A code is an ASCII word. */
      g_autofree char *word = g_strndup (code, 40);

      g_strcanon (word, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", '?');
      return g_error_new (HC_ERROR, HC_ERROR_FAILED,
                          _("%s refused Headcount’s sign-in request (%s). Try again; if it happens "
                            "again, contact %s support."),
                          vendor, word, vendor);
    }
  return g_error_copy (http_error);
}

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) error_body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcOAuthTokens) tokens = NULL;
  JsonObject *object;
  JsonNode *expires_in;
  guint status = 0;

  root = hc_http_request_full_finish (HC_HTTP (source), result, &status, &error_body, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, answer_error (request->vendor, status, error_body, error));
      return;
    }

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  tokens = hc_oauth_tokens_new ();
  if (object != NULL)
    {
      tokens->access_token = dup_nonempty (object, "access_token");
      tokens->refresh_token = dup_nonempty (object, "refresh_token");
      expires_in = hc_json_member (object, "expires_in");
      if (hc_json_value_type (expires_in) == G_TYPE_INT64 && json_node_get_int (expires_in) > 0)
        tokens->expires_at = request->started + json_node_get_int (expires_in);
      else if (hc_json_value_type (expires_in) == G_TYPE_DOUBLE && json_node_get_double (expires_in) > 0)
        tokens->expires_at = request->started + (gint64) json_node_get_double (expires_in);
    }
  if (tokens->access_token == NULL)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("%s answered Headcount’s sign-in without an access token. Try "
                                 "again; if it happens again, contact %s support."),
                               request->vendor, request->vendor);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&tokens), (GDestroyNotify) hc_oauth_tokens_free);
}

void
hc_oauth_tokens_request_async (const char         *vendor,
                               const char         *token_url,
                               GHashTable         *fields,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *origin = NULL;
  GHashTableIter iter;
  gpointer value;
  char *encoded;
  Request *request;

  g_return_if_fail (vendor != NULL && fields != NULL);

  g_task_set_source_tag (task, hc_oauth_tokens_request_async);
  request = g_new0 (Request, 1);
  request->vendor = g_strdup (vendor);
  request->started = g_get_real_time () / G_USEC_PER_SEC;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  uri = token_url != NULL ? g_uri_parse (token_url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                               _("The sign-in address of %s (token endpoint) is not a valid web "
                                 "address. Correct it in the connector settings."),
                               vendor);
      return;
    }
  origin = g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                       g_uri_get_port (uri), "", NULL, NULL);
  request->path = g_strdup (*g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/");

  request->http = hc_http_new (vendor, origin, &error);
  if (request->http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A token request is not repeated: a code is good once. */
  hc_http_set_retry_policy (request->http, 1, 30, 500);
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    hc_http_add_secret (request->http, value);

  encoded = soup_form_encode_hash (fields);
  body = g_bytes_new_with_free_func (encoded, strlen (encoded), wipe_free, encoded);
  hc_http_request_full_async (request->http, "POST", request->path, body,
                              "application/x-www-form-urlencoded", cancellable,
                              request_cb, g_steal_pointer (&task));
}

HcOAuthTokens *
hc_oauth_tokens_request_finish (GAsyncResult *result,
                                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *refresh_token;
  char *account_id;
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  wipe (&refresh->refresh_token);
  g_free (refresh->account_id);
  g_free (refresh);
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  HcOAuthTokens *tokens;

  tokens = hc_oauth_tokens_request_finish (result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* RFC 6749 section 6: the server may keep the refresh token. */
  if (tokens->refresh_token == NULL)
    tokens->refresh_token = g_strdup (refresh->refresh_token);
  if (tokens->account_id == NULL)
    tokens->account_id = g_strdup (refresh->account_id);
  g_task_return_pointer (task, tokens, (GDestroyNotify) hc_oauth_tokens_free);
}

void
hc_oauth_tokens_refresh_async (const HcOAuthTokens *self,
                               const char          *vendor,
                               const char          *token_url,
                               const char          *client_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GHashTable) fields = NULL;
  Refresh *refresh;

  g_return_if_fail (self != NULL && vendor != NULL);

  g_task_set_source_tag (task, hc_oauth_tokens_refresh_async);
  if (self->refresh_token == NULL)
    {
      g_autofree char *message = hc_oauth_tokens_sign_in_again_message (vendor);

      g_task_return_new_error (task, HC_ERROR, HC_ERROR_AUTH, "%s", message);
      return;
    }

  refresh = g_new0 (Refresh, 1);
  refresh->refresh_token = g_strdup (self->refresh_token);
  refresh->account_id = g_strdup (self->account_id);
  g_task_set_task_data (task, refresh, (GDestroyNotify) refresh_free);

  fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (fields, "grant_type", "refresh_token");
  g_hash_table_insert (fields, "refresh_token", refresh->refresh_token);
  if (client_id != NULL && *client_id != '\0')
    g_hash_table_insert (fields, "client_id", (char *) client_id);
  hc_oauth_tokens_request_async (vendor, token_url, fields, cancellable, refresh_cb,
                                 g_steal_pointer (&task));
}

HcOAuthTokens *
hc_oauth_tokens_refresh_finish (GAsyncResult *result,
                                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
