/* test-http.c — HcHttp against SoupServers and raw sockets on 127.0.0.1
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "config.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-connector-test.h"
#include "hc-fake-hostile.h"

#define FAKE_BEARER   "sk_test_FAKEKEY_0123456789"
#define FAKE_QUERY    "qtok_SECRET_987654"
#define FAKE_BAMBOO   "bamboo_KEY_55555555"
#define FAKE_LUCCA    "LUCCAKEY_abcdef0123"
#define FAKE_CLIENT   "client_SECRET_24680"

/* The fake HR server */

typedef struct
{
  SoupServer *server;
  char       *base_url;        /* "http://127.0.0.1:PORT" */
  guint16     port;
  GHashTable *hits;        /* path → count */

  char       *last_authorization;
  char       *last_user_agent;
  char       *last_accept;
  char       *last_content_type;
  char       *last_body;
  char       *last_query;

  /* /flaky: the first @flaky requests answer @fail_status */
  guint       flaky;
  guint       fail_status;
  const char *retry_after;        /* "DATE+2" for an HTTP date two seconds ahead */

  guint       n_items;         /* paged endpoints */
  gboolean    with_total;
  guint       counter;

} Server;

static void
set_json (SoupServerMessage *msg,
          guint              status,
          const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static guint
query_uint (GHashTable *query,
            const char *name,
            guint       fallback)
{
  const char *value = query ? g_hash_table_lookup (query, name) : NULL;
  guint64 n;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &n, NULL))
    return n;
  return fallback;
}

static void
append_items (GString *json,
              guint    start,
              guint    end)
{
  g_string_append_c (json, '[');
  for (guint i = start; i < end; i++)
    g_string_append_printf (json, "%s{\"id\":%u,\"name\":\"Person %u\"}", i > start ? "," : "", i, i);
  g_string_append_c (json, ']');
}

static void
handle_paging (Server            *s,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query)
{
  GString *json = g_string_new (NULL);

  if (g_str_equal (path, "/offset"))
    {
      guint offset = query_uint (query, "offset", 0);
      guint limit = query_uint (query, "limit", 50);
      guint start = MIN (offset, s->n_items), end = MIN (offset + limit, s->n_items);

      g_string_append (json, "{\"success\":true,");
      if (s->with_total)
        g_string_append_printf (json, "\"metadata\":{\"total_elements\":%u},", s->n_items);
      g_string_append (json, "\"data\":");
      append_items (json, start, end);
      g_string_append (json, "}");
    }
  else if (g_str_equal (path, "/page"))
    {
      guint page = query_uint (query, "page", 1);
      guint limit = query_uint (query, "per_page", 10);
      guint start = MIN ((page - 1) * limit, s->n_items), end = MIN (page * limit, s->n_items);

      g_string_append (json, "{\"employees\":");
      append_items (json, start, end);
      g_string_append (json, "}");
    }
  else if (g_str_equal (path, "/cursor"))
    {
      /* BambooHR's new list: page[limit], page[after], meta.page.nextCursor */
      const char *after = query ? g_hash_table_lookup (query, "page[after]") : NULL;
      guint limit = query_uint (query, "page[limit]", 250);
      guint start = after ? (guint) g_ascii_strtoull (after + 1, NULL, 10) : 0;
      guint end = MIN (start + limit, s->n_items);

      g_assert_true (after == NULL || after[0] == 'c');
      g_string_append (json, "{\"data\":");
      append_items (json, MIN (start, s->n_items), end);
      if (end < s->n_items)
        g_string_append_printf (json, ",\"meta\":{\"page\":{\"limit\":%u,\"nextCursor\":\"c%u\"}}}", limit, end);
      else
        g_string_append_printf (json, ",\"meta\":{\"page\":{\"limit\":%u,\"nextCursor\":null}}}", limit);
    }
  else if (g_str_equal (path, "/link"))
    {
      /* Personio v2: _meta.links.next.href, absolute or relative */
      const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
      guint limit = query_uint (query, "limit", 50);
      guint start = cursor ? (guint) g_ascii_strtoull (cursor + 4, NULL, 10) : 0;
      guint end = MIN (start + limit, s->n_items);

      g_string_append (json, "{\"_data\":");
      append_items (json, MIN (start, s->n_items), end);
      g_string_append (json, ",\"_meta\":{\"links\":{");
      if (end < s->n_items)
        g_string_append_printf (json, "\"next\":{\"href\":\"%s/link?cursor=cur_%u&limit=%u\"}",
                                (end / limit) % 2 ? s->base_url : "", end, limit);
      g_string_append (json, "}}}");
    }
  else if (g_str_equal (path, "/lucca"))
    {
      /* Lucca v3: paging=offset,limit and data.items */
      const char *paging = query ? g_hash_table_lookup (query, "paging") : NULL;
      g_auto (GStrv) parts = g_strsplit (paging ? paging : "0,1000", ",", 2);
      guint offset = g_ascii_strtoull (parts[0], NULL, 10);
      guint limit = parts[1] ? g_ascii_strtoull (parts[1], NULL, 10) : 1000;

      g_assert_cmpstr (query ? g_hash_table_lookup (query, "fields") : NULL, ==, "id,firstName");
      g_string_append (json, "{\"header\":{},\"data\":{\"items\":");
      append_items (json, MIN (offset, s->n_items), MIN (offset + limit, s->n_items));
      g_string_append (json, "}}");
    }
  else if (g_str_equal (path, "/same-page"))
    {
      g_string_append (json, "{\"data\":");
      append_items (json, 0, 100);
      g_string_append (json, "}");
    }
  else if (g_str_equal (path, "/same-cursor"))
    {
      g_string_append (json, "{\"data\":");
      append_items (json, s->counter * 10, s->counter * 10 + 10);
      g_string_append (json, ",\"next\":\"abc\"}");
      s->counter++;
    }
  else if (g_str_equal (path, "/overlap"))
    {
      /* each page repeats the last 5 items of the one before */
      guint offset = query_uint (query, "offset", 0);
      guint start = offset == 0 ? 0 : offset - 5;

      g_string_append (json, "{\"data\":");
      append_items (json, MIN (start, s->n_items), MIN (start + 100, s->n_items));
      g_string_append (json, "}");
    }

  set_json (msg, SOUP_STATUS_OK, json->str);
  g_string_free (json, TRUE);
}

static const char *odd_bodies[] = {
  "{\"data\":[{}]}",
  "{\"data\":[1,\"x\",null,[],{\"id\":{\"nested\":1}},{\"id\":true},{\"id\":2.5}]}",
  "{\"data\":[{\"id\":1}],\"meta\":{\"total\":\"many\"},\"next\":{\"href\":{\"x\":5}}}",
  "{\"data\":{\"a\":1}}",
  "{\"data\":null}",
  "[]",
  "{\"data\":\"[]\"}",
  "{\"items\":[{}]}",
};

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *s = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *method = soup_server_message_get_method (msg);
  guint hits;

  hits = GPOINTER_TO_UINT (g_hash_table_lookup (s->hits, path)) + 1;
  g_hash_table_insert (s->hits, g_strdup (path), GUINT_TO_POINTER (hits));

  g_free (s->last_authorization);
  s->last_authorization = g_strdup (soup_message_headers_get_one (request_headers, "Authorization"));
  g_free (s->last_user_agent);
  s->last_user_agent = g_strdup (soup_message_headers_get_one (request_headers, "User-Agent"));
  g_free (s->last_accept);
  s->last_accept = g_strdup (soup_message_headers_get_one (request_headers, "Accept"));
  g_free (s->last_content_type);
  s->last_content_type = g_strdup (soup_message_headers_get_content_type (request_headers, NULL));
  g_free (s->last_body);
  s->last_body = g_strndup (body->data, body->length);
  g_free (s->last_query);
  s->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));

  if (g_str_equal (path, "/ok"))
    set_json (msg, SOUP_STATUS_OK, "{\"hello\":\"world\",\"n\":1}");
  else if (g_str_equal (path, "/auth"))
    {
      /* Personio's POST /auth, JSON or form */
      g_autoptr (GHashTable) form = NULL;
      const char *secret = NULL;

      if (g_strcmp0 (s->last_content_type, "application/x-www-form-urlencoded") == 0)
        {
          form = soup_form_decode (s->last_body);
          secret = g_hash_table_lookup (form, "client_secret");
        }
      if (g_str_equal (method, "POST") && g_strcmp0 (secret, FAKE_CLIENT) == 0)
        set_json (msg, SOUP_STATUS_OK, "{\"success\":true,\"data\":{\"token\":\"papi-token\",\"expires_in\":86400}}");
      else
        set_json (msg, SOUP_STATUS_UNAUTHORIZED,
                  "{\"success\":false,\"error\":{\"code\":401,\"message\":\"Invalid credentials " FAKE_CLIENT "\"}}");
    }
  else if (g_str_equal (path, "/echo"))
    {
      g_autofree char *json = NULL;
      JsonNode *node = json_from_string (s->last_body, NULL);

      g_assert_nonnull (node);
      json = json_to_string (node, FALSE);
      json_node_unref (node);
      set_json (msg, SOUP_STATUS_OK, json);
    }
  else if (g_str_equal (path, "/protected"))
    {
      if (g_strcmp0 (s->last_authorization, "Bearer " FAKE_BEARER) == 0)
        set_json (msg, SOUP_STATUS_OK, "{\"ok\":true}");
      else
        set_json (msg, SOUP_STATUS_UNAUTHORIZED, "{\"error\":\"invalid token\"}");
    }
  else if (g_str_equal (path, "/v1/company/employees"))
    set_json (msg, SOUP_STATUS_UNAUTHORIZED,
              "{\"success\":false,\"error\":{\"code\":401,\"message\":\"Token " FAKE_BEARER " is invalid\"}}");
  else if (g_str_equal (path, "/forbidden"))
    {
      soup_message_headers_replace (response_headers, "X-BambooHR-Error-Message", "Permission denied to field 4021");
      set_json (msg, SOUP_STATUS_FORBIDDEN, "");
    }
  else if (g_str_equal (path, "/bad-request"))
    set_json (msg, SOUP_STATUS_BAD_REQUEST,
              "{\"errors\":[{\"title\":\"Bad page\",\"detail\":\"page[limit] must be at most 2500\"}]}");
  else if (g_str_equal (path, "/error-500"))
    set_json (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "{\"error\":\"boom\"}");
  else if (g_str_equal (path, "/always-503"))
    {
      if (s->retry_after != NULL)
        soup_message_headers_replace (response_headers, "Retry-After", s->retry_after);
      set_json (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "");
    }
  else if (g_str_equal (path, "/always-429"))
    {
      if (s->retry_after != NULL)
        soup_message_headers_replace (response_headers, "Retry-After", s->retry_after);
      set_json (msg, 429, "{\"message\":\"API rate limit exceeded\"}");
    }
  else if (g_str_equal (path, "/flaky"))
    {
      if (hits <= s->flaky)
        {
          if (g_strcmp0 (s->retry_after, "DATE+2") == 0)
            {
              g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
              g_autoptr (GDateTime) later = g_date_time_add_seconds (now, 2);
              g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

              soup_message_headers_replace (response_headers, "Retry-After", date);
            }
          else if (s->retry_after != NULL)
            soup_message_headers_replace (response_headers, "Retry-After", s->retry_after);
          set_json (msg, s->fail_status, "{\"error\":\"later\"}");
        }
      else
        set_json (msg, SOUP_STATUS_OK, "{\"attempt\":\"last\"}");
    }
  else if (g_str_equal (path, "/not-json"))
    {
      const char *html = "<!DOCTYPE html><html><body>Sign in</body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
    }
  else if (g_str_equal (path, "/truncated-json"))
    set_json (msg, SOUP_STATUS_OK, "{\"data\":[{\"id\":1},{\"id\":");
  else if (g_str_equal (path, "/empty"))
    set_json (msg, SOUP_STATUS_OK, "  \n");
  else if (g_str_equal (path, "/bad-utf8"))
    set_json (msg, SOUP_STATUS_OK, "{\"name\":\"\xff\xfe\"}");
  else if (g_str_equal (path, "/deep"))
    {
      GString *deep = g_string_new (NULL);

      for (guint i = 0; i < 100000; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (deep, ']');
      set_json (msg, SOUP_STATUS_OK, deep->str);
      g_string_free (deep, TRUE);
    }
  else if (g_str_equal (path, "/odd"))
    set_json (msg, SOUP_STATUS_OK, odd_bodies[query_uint (query, "variant", 0)]);
  else if (g_str_equal (path, "/redirect-same"))
    {
      soup_message_headers_replace (response_headers, "Location", "/protected");
      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
    }
  else if (g_str_equal (path, "/redirect-away"))
    {
      g_autofree char *location = g_strdup_printf ("http://localhost:%u/protected", s->port);

      soup_message_headers_replace (response_headers, "Location", location);
      soup_server_message_set_status (msg, SOUP_STATUS_TEMPORARY_REDIRECT, NULL);
    }
  else if (g_str_equal (path, "/offset") || g_str_equal (path, "/page") ||
           g_str_equal (path, "/cursor") || g_str_equal (path, "/link") ||
           g_str_equal (path, "/lucca") || g_str_equal (path, "/same-page") ||
           g_str_equal (path, "/same-cursor") || g_str_equal (path, "/overlap"))
    handle_paging (s, msg, path, query);
  else
    set_json (msg, SOUP_STATUS_NOT_FOUND, "{\"error\":\"not found\"}");
}

static Server *
server_new_full (GTlsCertificate *certificate)
{
  Server *s = g_new0 (Server, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;
  GUri *uri;

  s->server = certificate ? soup_server_new ("tls-certificate", certificate, NULL) : soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, NULL, server_cb, s, NULL);
  soup_server_listen_local (s->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (certificate ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (s->server);
  g_assert_nonnull (uris);
  uri = uris->data;
  s->port = g_uri_get_port (uri);
  s->base_url = g_strdup_printf ("%s://127.0.0.1:%u", certificate ? "https" : "http", s->port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  s->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->n_items = 5000;
  s->with_total = TRUE;
  return s;
}

static Server *
server_new (void)
{
  return server_new_full (NULL);
}

static guint
server_hits (Server     *s,
             const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (s->hits, path));
}

static void
server_free (Server *s)
{
  soup_server_disconnect (s->server);
  g_assert_finalize_object (s->server);
  g_hash_table_unref (s->hits);
  g_free (s->base_url);
  g_free (s->last_authorization);
  g_free (s->last_user_agent);
  g_free (s->last_accept);
  g_free (s->last_content_type);
  g_free (s->last_body);
  g_free (s->last_query);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

/* A raw TCP server, for what SoupServer will not do: never answer, or cut
 * a body short. Runs in its own threads. */
typedef struct
{
  GSocketService *service;
  guint16         port;
  const char     *reply;        /* NULL: read the request, never answer */
  GMutex          mutex;
  GPtrArray      *connections;
} RawServer;

static gboolean
raw_run_cb (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source_object,
            gpointer                user_data)
{
  RawServer *raw = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  GString *request = g_string_new (NULL);
  char buffer[1024];

  g_mutex_lock (&raw->mutex);
  g_ptr_array_add (raw->connections, g_object_ref (connection));
  g_mutex_unlock (&raw->mutex);

  while (strstr (request->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        break;
      g_string_append_len (request, buffer, n);
    }
  g_string_free (request, TRUE);

  if (raw->reply != NULL)
    {
      g_output_stream_write_all (out, raw->reply, strlen (raw->reply), NULL, NULL, NULL);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  return TRUE;
}

static RawServer *
raw_server_new (const char *reply)
{
  RawServer *raw = g_new0 (RawServer, 1);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) error = NULL;

  raw->reply = reply;
  g_mutex_init (&raw->mutex);
  raw->connections = g_ptr_array_new_with_free_func (g_object_unref);
  raw->service = g_threaded_socket_service_new (4);
  g_socket_listener_add_address (G_SOCKET_LISTENER (raw->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  raw->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (raw->service, "run", G_CALLBACK (raw_run_cb), raw);
  g_socket_service_start (raw->service);
  return raw;
}

static char *
raw_server_url (RawServer *raw)
{
  return g_strdup_printf ("http://127.0.0.1:%u", raw->port);
}

static void
raw_server_free (RawServer *raw)
{
  g_socket_service_stop (raw->service);
  g_socket_listener_close (G_SOCKET_LISTENER (raw->service));
  g_mutex_lock (&raw->mutex);
  for (guint i = 0; i < raw->connections->len; i++)
    g_io_stream_close (g_ptr_array_index (raw->connections, i), NULL, NULL);
  g_mutex_unlock (&raw->mutex);
  g_object_unref (raw->service);
  g_ptr_array_unref (raw->connections);
  g_mutex_clear (&raw->mutex);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawServer, raw_server_free)

/* Helpers */

static HcHttp *
http_new (const char *vendor,
          const char *base_url)
{
  g_autoptr (GError) error = NULL;
  HcHttp *http = hc_http_new (vendor, base_url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (http);
  /* short delays: the tests that need real waits set their own */
  hc_http_set_retry_policy (http, 3, 10, 10);
  hc_http_set_timeouts (http, 5, 5);
  return http;
}

static JsonNode *
request_json (HcHttp       *http,
              const char   *method,
              const char   *path,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (g_str_equal (method, "GET"))
    hc_http_get_json_async (http, path, cancellable, hc_connector_test_store_result_cb, &result);
  else
    hc_http_request_json_async (http, method, path, NULL, NULL, cancellable,
                                hc_connector_test_store_result_cb, &result);
  hc_connector_test_wait (&result);
  return hc_http_get_json_finish (http, result, error);
}

static JsonNode *
get_json (HcHttp     *http,
          const char *path,
          GError    **error)
{
  return request_json (http, "GET", path, NULL, error);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
assert_message_has (const GError *error,
                    const char   *needle)
{
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in the message “%s”", needle, error->message);
}

static void
assert_message_lacks (const GError *error,
                      const char   *needle)
{
  if (strstr (error->message, needle) != NULL)
    g_error ("“%s” should not be in the message “%s”", needle, error->message);
}

/* Construction */

static void
test_new_validation (void)
{
  static const struct { const char *url; gboolean ok; const char *normalised; } cases[] = {
    { "https://api.personio.de/v1", TRUE, "https://api.personio.de/v1" },
    { "https://api.personio.de/v1/", TRUE, "https://api.personio.de/v1" },
    { "https://acme.bamboohr.com", TRUE, "https://acme.bamboohr.com" },
    { "HTTPS://API.HIBOB.COM/v1", TRUE, NULL },
    { "http://127.0.0.1:8080", TRUE, "http://127.0.0.1:8080" },
    { "http://localhost:8080/api", TRUE, "http://localhost:8080/api" },
    { "http://[::1]:8080", TRUE, NULL },
    { "http://api.personio.de/v1", FALSE, NULL },
    { "http://127.0.0.2", FALSE, NULL },
    { "ftp://api.personio.de", FALSE, NULL },
    { "api.personio.de", FALSE, NULL },
    { "https://", FALSE, NULL },
    { "", FALSE, NULL },
    { NULL, FALSE, NULL },
    { "https://user:hunter2pass@api.personio.de", FALSE, NULL },
    { "https://api.personio.de/v1?token=abcd1234", FALSE, NULL },
    { "https://api.personio.de/v1#x", FALSE, NULL },
    { "not a url at all", FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (HcHttp) http = hc_http_new ("Personio", cases[i].url, &error);

      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (http);
          g_assert_cmpstr (hc_http_get_vendor_name (http), ==, "Personio");
          if (cases[i].normalised)
            g_assert_cmpstr (hc_http_get_base_url (http), ==, cases[i].normalised);
        }
      else
        {
          g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
          g_assert_null (http);
          assert_message_has (error, "Personio");
          assert_message_lacks (error, "hunter2pass");
          assert_message_lacks (error, "abcd1234");
        }
    }
}

/* Requests */

static void
test_get_success (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Personio", s->base_url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;

  hc_http_set_auth_header (http, "Authorization", "Bearer " FAKE_BEARER);
  hc_http_set_header (http, "X-Personio-Partner-ID", "HEADCOUNT");
  root = get_json (http, "/protected", &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member_with_default (object, "ok", FALSE));

  g_assert_cmpstr (s->last_authorization, ==, "Bearer " FAKE_BEARER);
  g_assert_cmpstr (s->last_accept, ==, "application/json");
  g_assert_true (g_str_has_prefix (s->last_user_agent, "Headcount/" PACKAGE_VERSION));

  /* without a path separator, and with a query */
  g_clear_pointer (&root, json_node_unref);
  root = get_json (http, "ok?x=1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member_with_default (json_node_get_object (root), "hello", NULL),
                   ==, "world");
  g_assert_cmpstr (s->last_query, ==, "x=1");
}

static void
test_status_401 (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *base = g_strdup_printf ("%s/v1", s->base_url);

  http = http_new ("Personio", base);
  hc_http_set_auth_header (http, "Authorization", "Bearer " FAKE_BEARER);
  hc_http_add_secret (http, FAKE_QUERY);
  root = get_json (http, "/company/employees?limit=100&token=" FAKE_QUERY, &error);

  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  assert_message_has (error, "Personio rejected the API credentials.");
  assert_message_has (error, "/v1/company/employees");
  /* the code and the path apart, under "Technical details" */
  g_assert_cmpstr (hc_error_get_technical (error->message), ==, "HTTP 401 /v1/company/employees");
  {
    g_autofree char *summary = hc_error_dup_summary (error->message);

    g_assert_null (strstr (summary, "401"));
    g_assert_null (strstr (summary, "/v1/"));
  }
  assert_message_has (error, "Check the API credentials.");
  assert_message_lacks (error, FAKE_BEARER);
  assert_message_lacks (error, FAKE_QUERY);
  assert_message_lacks (error, "limit=");
  /* the vendor's own words, redacted */
  assert_message_has (error, "is invalid");
  /* not retried */
  g_assert_cmpuint (server_hits (s, "/v1/company/employees"), ==, 1);
}

static void
test_status_403_and_400 (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("BambooHR", s->base_url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  root = get_json (http, "/forbidden", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  assert_message_has (error, "BambooHR refused access to the employees.");
  assert_message_has (error, "HTTP 403 /forbidden");
  assert_message_has (error, "Permission denied to field 4021");
  g_clear_error (&error);

  root = get_json (http, "/bad-request?page[limit]=9999", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  assert_message_has (error, "BambooHR refused the request.");
  assert_message_has (error, "HTTP 400 /bad-request");
  assert_message_has (error, "page[limit] must be at most 2500");
  g_assert_cmpuint (server_hits (s, "/bad-request"), ==, 1);
}

static void
test_status_404 (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("HiBob", s->base_url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = get_json (http, "/v1/people/nobody?x=y", &error);

  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_NOT_FOUND);
  assert_message_has (error, "HiBob has nothing at the address asked.");
  assert_message_has (error, "HTTP 404 /v1/people/nobody");
  assert_message_has (error, "base URL");
  g_assert_cmpuint (server_hits (s, "/v1/people/nobody"), ==, 1);
}

static void
test_status_500_not_retried (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Lucca", s->base_url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = get_json (http, "/error-500", &error);

  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  assert_message_has (error, "Lucca had an internal error.");
  assert_message_has (error, "HTTP 500 /error-500");
  assert_message_has (error, "Try again later");
  g_assert_cmpuint (server_hits (s, "/error-500"), ==, 1);
}

/* Retries */

static void
test_retry_after_seconds (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("BambooHR", s->base_url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  gint64 start = g_get_monotonic_time ();

  s->flaky = 1;
  s->fail_status = 429;
  s->retry_after = "1";
  root = get_json (http, "/flaky", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpuint (server_hits (s, "/flaky"), ==, 2);
  g_assert_cmpfloat (seconds_since (start), >=, 1.0);
  g_assert_cmpfloat (seconds_since (start), <, 4.0);
}

static void
test_retry_after_date (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("BambooHR", s->base_url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  gint64 start = g_get_monotonic_time ();

  s->flaky = 1;
  s->fail_status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  s->retry_after = "DATE+2";  /* two seconds after the server's Date, to the second */
  root = get_json (http, "/flaky", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpuint (server_hits (s, "/flaky"), ==, 2);
  g_assert_cmpfloat (seconds_since (start), >=, 1.0);
  g_assert_cmpfloat (seconds_since (start), <, 5.0);
}

static void
test_retry_gateway_then_success (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("HiBob", s->base_url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  s->flaky = 2;
  s->fail_status = SOUP_STATUS_BAD_GATEWAY;
  root = get_json (http, "/flaky", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpuint (server_hits (s, "/flaky"), ==, 3);

  /* 504 too */
  g_hash_table_remove_all (s->hits);
  g_clear_pointer (&root, json_node_unref);
  s->flaky = 1;
  s->fail_status = SOUP_STATUS_GATEWAY_TIMEOUT;
  root = get_json (http, "/flaky", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (server_hits (s, "/flaky"), ==, 2);
}

static void
test_retry_exhausted (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("BambooHR", s->base_url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  hc_http_set_retry_policy (http, 4, 10, 20);
  root = get_json (http, "/always-503?since=2024", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_RATE_LIMITED);
  assert_message_has (error, "BambooHR is unavailable or overloaded.");
  assert_message_has (error, "HTTP 503 /always-503");
  assert_message_has (error, "Tried 4 times over");
  assert_message_has (error, "Try again later");
  assert_message_lacks (error, "since=");
  g_assert_cmpuint (server_hits (s, "/always-503"), ==, 4);
  g_clear_error (&error);

  root = get_json (http, "/always-429", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_RATE_LIMITED);
  assert_message_has (error, "BambooHR is rate-limiting the requests.");
  assert_message_has (error, "HTTP 429 /always-429");
  assert_message_has (error, "Tried 4 times over");
  g_assert_cmpuint (server_hits (s, "/always-429"), ==, 4);
}

static void
test_retry_after_beyond_budget (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Lucca", s->base_url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  gint64 start = g_get_monotonic_time ();

  hc_http_set_retry_policy (http, 5, 60, 10);
  s->retry_after = "600";
  root = get_json (http, "/always-429", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_RATE_LIMITED);
  assert_message_has (error, "Lucca is rate-limiting the requests.");
  assert_message_has (error, "HTTP 429 /always-429");
  assert_message_has (error, "It asks to wait 10 minutes");
  g_assert_cmpuint (server_hits (s, "/always-429"), ==, 1);
  g_assert_cmpfloat (seconds_since (start), <, 2.0);
}

/* A Retry-After beyond 7 days, in seconds or as a date, ends the request
 * at once with the date to try again, never a silent retry. */
static void
test_retry_after_beyond_week (void)
{
  static const struct
  {
    const char *value;
    gint64      days;   /* ahead of now, -1 for no check of the date */
  } cases[] = {
    { "864000", 10 },                        /* 10 days in seconds */
    { "Tue, 15 Jun 9000 12:00:00 GMT", -1 },  /* a date, far ahead */
    { "99999999999999999999999", -1 },        /* beyond any date */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (Server) s = server_new ();
      g_autoptr (HcHttp) http = http_new ("Lucca", s->base_url);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) root = NULL;
      gint64 start = g_get_monotonic_time ();

      hc_http_set_retry_policy (http, 5, 60, 10);
      s->retry_after = cases[i].value;
      root = get_json (http, "/always-429", &error);
      g_assert_null (root);
      g_assert_error (error, HC_ERROR, HC_ERROR_RATE_LIMITED);
      g_test_message ("Retry-After %s: %s", cases[i].value, error->message);
      assert_message_has (error, "Lucca is rate-limiting the requests.");
      assert_message_has (error, "HTTP 429 /always-429");
      if (i == 1)
        assert_message_has (error, "It asks to try again after 15 June 9000, ");
      else if (i == 2)
        assert_message_has (error, "It asks not to try again for thousands of years.");
      else
        assert_message_has (error, "It asks to try again after ");
      g_assert_null (strstr (error->message, "Try again in a few minutes"));
      if (cases[i].days > 0)
        {
          g_autoptr (GDateTime) now = g_date_time_new_now_local ();
          g_autoptr (GDateTime) then = g_date_time_add_days (now, cases[i].days);
          g_autofree char *day = g_date_time_format (then, "%-d %B %Y");

          assert_message_has (error, day);
        }
      g_assert_null (strstr (error->message, "wait"));
      g_assert_cmpuint (server_hits (s, "/always-429"), ==, 1);
      g_assert_cmpfloat (seconds_since (start), <, 2.0);
    }
}

/* Network */

static guint16
closed_port (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

static void
test_network_refused (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  g_autoptr (HcHttp) http = http_new ("Workday", url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = get_json (http, "/ccx/api/v1/workers", &error);

  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  assert_message_has (error, "Could not connect to Workday (127.0.0.1:");
  assert_message_has (error, "refused");
  assert_message_has (error, "Tried 3 times over");
}

static void
test_network_read_timeout (void)
{
  g_autoptr (RawServer) raw = raw_server_new (NULL);
  g_autofree char *url = raw_server_url (raw);
  g_autoptr (HcHttp) http = http_new ("Personio", url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  gint64 start = g_get_monotonic_time ();

  hc_http_set_timeouts (http, 5, 1);
  hc_http_set_retry_policy (http, 1, 10, 10);
  root = get_json (http, "/v1/company/employees?limit=100", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  assert_message_has (error, "Personio did not answer within 1 second.");
  assert_message_has (error, "\n/v1/company/employees");
  assert_message_lacks (error, "Tried");
  g_assert_cmpfloat (seconds_since (start), >=, 0.9);
  g_assert_cmpfloat (seconds_since (start), <, 4.0);
}

static HcHttp *
http_new_with_policy (const char *base_url,
                      const char *policy)
{
  HcHttp *http;

  g_setenv ("HEADCOUNT_HTTP_POLICY", policy, TRUE);
  http = http_new ("Personio", base_url);
  g_unsetenv ("HEADCOUNT_HTTP_POLICY");
  return http;
}

/* A byte every 200 ms never trips the silence timeout; the whole-answer
 * deadline and the total budget cut it off (rules.md 29). */
static void
test_network_slow_drip (void)
{
  g_autoptr (HcFakeHostile) hostile = hc_fake_hostile_new ();
  g_autoptr (HcHttp) http = http_new_with_policy (hc_fake_hostile_get_base_url (hostile), "response=1");
  g_autoptr (HcHttp) budget = http_new_with_policy (hc_fake_hostile_get_base_url (hostile), "response=30");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  gint64 start = g_get_monotonic_time ();

  root = get_json (http, "/drip", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  assert_message_has (error, "Personio sent its answer too slowly: /drip took more than 1 second.");
  g_assert_cmpfloat (seconds_since (start), >=, 0.9);
  g_assert_cmpfloat (seconds_since (start), <, 4.0);
  g_assert_cmpuint (hc_fake_hostile_count_requests (hostile, "/drip"), ==, 1);
  g_clear_error (&error);
  start = g_get_monotonic_time ();
  while (hc_fake_hostile_is_dripping (hostile) && seconds_since (start) < 1.0)
    g_main_context_iteration (NULL, FALSE);
  /* the cut-off answer is closed, not drained */
  g_assert_false (hc_fake_hostile_is_dripping (hostile));

  /* the run's total budget applies while the body streams */
  hc_http_set_retry_policy (budget, 3, 1, 10);
  start = g_get_monotonic_time ();
  root = get_json (budget, "/drip", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  assert_message_has (error, "Personio sent its answer too slowly: /drip took more than 1 second in all");
  g_assert_cmpfloat (seconds_since (start), <, 4.0);
  g_assert_cmpuint (hc_fake_hostile_count_requests (hostile, "/drip"), ==, 2);
}

/* The hostile server's broken answers: each ends the request with an error
 * of its kind, never a crash nor a half-read document. */
static void
test_hostile_answers (void)
{
  g_autoptr (HcFakeHostile) hostile = hc_fake_hostile_new ();
  g_autoptr (HcHttp) http = http_new ("Personio", hc_fake_hostile_get_base_url (hostile));
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *data;

  root = get_json (http, "/malformed", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_clear_error (&error);

  root = get_json (http, "/401", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  assert_message_has (error, "Personio rejected the API credentials.");
  g_clear_error (&error);

  root = get_json (http, "/429?retry_after=0", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_RATE_LIMITED);
  assert_message_has (error, "Tried 3 times over");
  g_assert_cmpuint (hc_fake_hostile_count_requests (hostile, "/429"), ==, 3);
  g_clear_error (&error);

  /* an empty list is a document like any other: the connectors and the
   * safety threshold decide what it means (rules.md 9) */
  root = get_json (http, "/empty", &error);
  g_assert_no_error (error);
  data = json_object_get_array_member (json_node_get_object (root), "data");
  g_assert_cmpuint (json_array_get_length (data), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  /* NUL characters in strings: the document is read, the sanitiser at the
   * connector boundary judges the values (rules.md 31) */
  root = get_json (http, "/nul", &error);
  g_assert_no_error (error);
  data = json_object_get_array_member (json_node_get_object (root), "data");
  g_assert_cmpuint (json_array_get_length (data), ==, 2);
}

/* A body is read in chunks and dropped past the cap (rules.md 29). */
static void
test_parse_huge_body (void)
{
  g_autoptr (HcFakeHostile) hostile = hc_fake_hostile_new ();
  g_autoptr (HcHttp) http = http_new_with_policy (hc_fake_hostile_get_base_url (hostile), "size=1048576");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  root = get_json (http, "/huge?kb=1000", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (root), "a")), ==, 1000 * 1024 - 8);

  g_clear_pointer (&root, json_node_unref);
  root = get_json (http, "/huge?kb=3000", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  assert_message_has (error, "Personio sent too large an answer at /huge: more than 1.0");
  g_assert_cmpuint (hc_fake_hostile_count_requests (hostile, "/huge"), ==, 2);
}

/* A listener whose accept queue is full: new connections stay in SYN_SENT. */
static GSocket *
full_listener (GPtrArray *fillers)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GError) error = NULL;
  GSocket *listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_set_listen_backlog (listener, 0);
  g_socket_bind (listener, any_port, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  address = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      GSocket *filler = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

      g_assert_no_error (error);
      g_socket_set_blocking (filler, FALSE);
      g_socket_connect (filler, address, NULL, NULL);
      g_ptr_array_add (fillers, filler);
    }
  g_usleep (100 * 1000);
  return listener;
}

static void
test_network_connect_timeout (void)
{
  g_autoptr (GPtrArray) fillers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GSocket) listener = full_listener (fillers);
  g_autoptr (GSocketAddress) address = g_socket_get_local_address (listener, NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u",
                                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
  g_autoptr (HcHttp) http = http_new ("HiBob", url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  gint64 start = g_get_monotonic_time ();

  hc_http_set_timeouts (http, 1, 30);
  hc_http_set_retry_policy (http, 1, 10, 10);
  root = get_json (http, "/v1/people/search", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  assert_message_has (error, "Could not connect to HiBob (127.0.0.1:");
  assert_message_has (error, "within 1 second");
  g_assert_cmpfloat (seconds_since (start), <, 3.0);
}

/* Bodies */

static void
test_parse_errors (void)
{
  static const struct { const char *path; const char *says; } cases[] = {
    { "/not-json?token=" FAKE_QUERY, "HiBob sent a response that is not JSON at /not-json" },
    { "/truncated-json", "HiBob sent incomplete or malformed JSON at /truncated-json" },
    { "/empty", "HiBob sent an empty response at /empty" },
    { "/bad-utf8", "HiBob sent a response that is not JSON at /bad-utf8" },
    { "/deep", "HiBob sent incomplete or malformed JSON at /deep" },
  };
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("HiBob", s->base_url);

  hc_http_add_secret (http, FAKE_QUERY);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) root = get_json (http, cases[i].path, &error);

      g_assert_null (root);
      g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
      assert_message_has (error, cases[i].says);
      assert_message_lacks (error, FAKE_QUERY);
    }
}

static void
test_parse_truncated_body (void)
{
  g_autoptr (RawServer) raw = raw_server_new ("HTTP/1.1 200 OK\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Content-Length: 1000\r\n"
                                              "\r\n"
                                              "{\"data\":[{\"id\":1},");
  g_autofree char *url = raw_server_url (raw);
  g_autoptr (HcHttp) http = http_new ("HiBob", url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  hc_http_set_retry_policy (http, 2, 10, 10);
  root = get_json (http, "/v1/people/search", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  assert_message_has (error, "HiBob sent an incomplete response.");
  assert_message_has (error, "\n/v1/people/search");
  assert_message_has (error, "Tried 2 times");
}

static gboolean
collect_page_cb (HcHttp           *http,
                 const HcHttpPage *page,
                 gpointer          user_data,
                 GError          **error);

typedef struct
{
  GHashTable *ids;
  guint       pages;
  guint64     items;
  guint       duplicates;
  guint       fail_at_page;   /* 0: never */
  gint64      last_total;
} Collect;

static void
collect_init (Collect *c)
{
  memset (c, 0, sizeof *c);
  c->ids = g_hash_table_new (g_int64_hash, g_int64_equal);
}

static void
collect_clear (Collect *c)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, c->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_free (key);
  g_hash_table_unref (c->ids);
}

static gboolean
collect_page_cb (HcHttp           *http,
                 const HcHttpPage *page,
                 gpointer          user_data,
                 GError          **error)
{
  Collect *c = user_data;

  g_assert_true (HC_IS_HTTP (http));
  g_assert_cmpuint (page->index, ==, c->pages);
  g_assert_cmpuint (page->n_before, ==, c->items);
  g_assert_nonnull (page->root);
  g_assert_cmpuint (page->items->len, >, 0);

  if (c->fail_at_page != 0 && c->pages + 1 == c->fail_at_page)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE, "employee without id on page %u", page->index + 1);
      return FALSE;
    }

  for (guint i = 0; i < page->items->len; i++)
    {
      JsonNode *item = g_ptr_array_index (page->items, i);
      JsonNode *id;

      /* checked access, as the connectors will do */
      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      id = json_object_get_member (json_node_get_object (item), "id");
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
        {
          gint64 *key = g_new (gint64, 1);

          *key = json_node_get_int (id);
          if (!g_hash_table_add (c->ids, key))
            c->duplicates++;
        }
    }

  c->pages++;
  c->items += page->items->len;
  c->last_total = page->total;
  return TRUE;
}

static gboolean
fetch_pages (HcHttp            *http,
             const HcHttpPager *pager,
             Collect           *c,
             GCancellable      *cancellable,
             guint64           *n_items,
             GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_http_fetch_pages_async (http, pager, collect_page_cb, c, cancellable,
                             hc_connector_test_store_result_cb, &result);
  hc_connector_test_wait (&result);
  return hc_http_fetch_pages_finish (http, result, n_items, error);
}

static void
test_odd_shapes (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Personio", s->base_url);

  for (guint i = 0; i < G_N_ELEMENTS (odd_bodies); i++)
    {
      g_autofree char *path = g_strdup_printf ("/odd?variant=%u", i);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) root = get_json (http, path, &error);
      HcHttpPager pager = {
        .style = HC_HTTP_PAGING_CURSOR,
        .path = path,
        .page_size = 100,
        .items_path = "data",
        .next_path = "next.href",
        .total_path = "meta.total",
        .id_path = "id",
      };
      Collect c;
      guint64 n_items = 0;
      gboolean ok;

      /* every one of them is JSON */
      g_assert_no_error (error);
      g_assert_nonnull (root);

      collect_init (&c);
      ok = fetch_pages (http, &pager, &c, NULL, &n_items, &error);
      if (i <= 2)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (c.pages, ==, 1);
          g_assert_cmpuint (n_items, ==, c.items);
          g_assert_cmpint (c.last_total, ==, -1);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
          assert_message_has (error, "Personio sent a page without the expected list (data) at /odd");
          g_assert_cmpuint (c.pages, ==, 0);
        }
      collect_clear (&c);
    }
}

/* Cancellation */

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_mid_request (void)
{
  g_autoptr (RawServer) raw = raw_server_new (NULL);
  g_autofree char *url = raw_server_url (raw);
  g_autoptr (HcHttp) http = http_new ("Personio", url);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  gint64 start = g_get_monotonic_time ();

  hc_http_set_timeouts (http, 30, 30);
  g_timeout_add (200, cancel_cb, cancellable);
  root = request_json (http, "GET", "/v1/company/employees", cancellable, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (start), <, 1.5);
}

static void
test_cancel_during_backoff (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("BambooHR", s->base_url);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  gint64 start = g_get_monotonic_time ();

  hc_http_set_retry_policy (http, 5, 120, 10);
  s->retry_after = "10";
  g_timeout_add (300, cancel_cb, cancellable);
  root = request_json (http, "GET", "/always-503", cancellable, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (server_hits (s, "/always-503"), ==, 1);
  g_assert_cmpfloat (seconds_since (start), <, 1.5);
}

static void
test_cancel_before_and_pages (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Personio", s->base_url);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  HcHttpPager pager = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = "/offset",
    .page_size = 100,
    .items_path = "data",
  };
  Collect c;

  g_cancellable_cancel (cancellable);
  root = request_json (http, "GET", "/ok", cancellable, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (server_hits (s, "/ok"), ==, 0);
  g_clear_error (&error);

  /* a paged fetch stops between pages */
  collect_init (&c);
  c.fail_at_page = 0;
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  g_timeout_add (1, cancel_cb, cancellable);
  g_assert_false (fetch_pages (http, &pager, &c, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (c.items, <, 5000);
  collect_clear (&c);
}

/* POST */

static void
test_post_json_and_form (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Personio", s->base_url);
  g_autoptr (GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (JsonNode) body = json_from_string ("{\"fields\":[\"root.id\",\"root.email\"],\"showInactive\":false}", NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonNode *token;

  hc_http_post_json_async (http, "/echo", body, NULL, hc_connector_test_store_result_cb, &result);
  hc_connector_test_wait (&result);
  root = hc_http_post_json_finish (http, result, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (root, body));
  g_assert_cmpstr (s->last_content_type, ==, "application/json");
  g_clear_object (&result);
  g_clear_pointer (&root, json_node_unref);

  g_hash_table_insert (form, "client_id", "papi-client");
  g_hash_table_insert (form, "client_secret", FAKE_CLIENT);
  hc_http_post_form_async (http, "/auth", form, NULL, hc_connector_test_store_result_cb, &result);
  hc_connector_test_wait (&result);
  root = hc_http_post_form_finish (http, result, &error);
  g_assert_no_error (error);
  token = json_object_get_member (json_node_get_object (root), "data");
  g_assert_nonnull (token);
  g_assert_cmpstr (s->last_content_type, ==, "application/x-www-form-urlencoded");
  g_clear_object (&result);

  /* a rejected secret is not repeated back, even when the vendor echoes it */
  g_hash_table_insert (form, "client_secret", "wrong_secret_1357");
  hc_http_post_form_async (http, "/auth", form, NULL, hc_connector_test_store_result_cb, &result);
  hc_connector_test_wait (&result);
  g_assert_null (hc_http_post_form_finish (http, result, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  assert_message_has (error, "Personio rejected the API credentials.");
  assert_message_has (error, "HTTP 401 /auth");
  assert_message_lacks (error, FAKE_CLIENT);
}

/* Redirects and links */

static void
test_redirects (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Personio", s->base_url);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *away = g_strdup_printf ("http://localhost:%u/protected", s->port);
  g_autofree char *same = g_strdup_printf ("%s/protected", s->base_url);

  hc_http_set_auth_header (http, "Authorization", "Bearer " FAKE_BEARER);

  root = get_json (http, "/redirect-same", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpuint (server_hits (s, "/protected"), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  root = get_json (http, "/redirect-away", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  assert_message_has (error, "Personio redirected /redirect-away to another server (localhost:");
  g_assert_cmpuint (server_hits (s, "/protected"), ==, 1);
  g_clear_error (&error);

  /* absolute URLs: on the base URL's origin only */
  root = get_json (http, same, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (server_hits (s, "/protected"), ==, 2);
  g_clear_pointer (&root, json_node_unref);

  root = get_json (http, away, &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  assert_message_has (error, "Personio sent a link to another server (localhost:");
  g_assert_cmpuint (server_hits (s, "/protected"), ==, 2);
}

/* Pagination */

static void
assert_all_items (Collect *c,
                  guint    n)
{
  g_assert_cmpuint (c->duplicates, ==, 0);
  g_assert_cmpuint (c->items, ==, n);
  g_assert_cmpuint (g_hash_table_size (c->ids), ==, n);
  for (gint64 i = 0; i < (gint64) n; i++)
    g_assert_true (g_hash_table_contains (c->ids, &i));
}

static void
test_pages_offset (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Personio", s->base_url);
  g_autoptr (GError) error = NULL;
  HcHttpPager pager = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = "/offset",
    .page_size = 100,
    .items_path = "data",
    .total_path = "metadata.total_elements",
    .id_path = "id",
  };
  Collect c;
  guint64 n_items = 0;

  /* the total is known: no extra request after the last full page */
  collect_init (&c);
  g_assert_true (fetch_pages (http, &pager, &c, NULL, &n_items, &error));
  g_assert_no_error (error);
  assert_all_items (&c, 5000);
  g_assert_cmpuint (n_items, ==, 5000);
  g_assert_cmpuint (c.pages, ==, 50);
  g_assert_cmpint (c.last_total, ==, 5000);
  g_assert_cmpuint (server_hits (s, "/offset"), ==, 50);
  collect_clear (&c);

  /* no total: the short page ends it */
  g_hash_table_remove_all (s->hits);
  s->n_items = 5050;
  s->with_total = FALSE;
  collect_init (&c);
  g_assert_true (fetch_pages (http, &pager, &c, NULL, &n_items, &error));
  g_assert_no_error (error);
  assert_all_items (&c, 5050);
  g_assert_cmpuint (server_hits (s, "/offset"), ==, 51);
  collect_clear (&c);

  /* no total, an exact multiple: the empty page ends it */
  g_hash_table_remove_all (s->hits);
  s->n_items = 5000;
  collect_init (&c);
  g_assert_true (fetch_pages (http, &pager, &c, NULL, &n_items, &error));
  assert_all_items (&c, 5000);
  g_assert_cmpuint (server_hits (s, "/offset"), ==, 51);
  collect_clear (&c);
}

/* Pages parsed at once: no more than the cores, however many are asked
 * ahead (each parse holds a parser and its buffers). */
typedef struct
{
  gint  active;
  gint  most;
  guint pages;
} Parsing;

static gboolean
slow_decode (const char    *data,
             gsize          size,
             HcHttpDecoded *decoded,
             gpointer       user_data,
             GError       **error)
{
  Parsing *p = user_data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gint now = g_atomic_int_add (&p->active, 1) + 1;
  gboolean ok;
  gint most;

  while ((most = g_atomic_int_get (&p->most)) < now && !g_atomic_int_compare_and_exchange (&p->most, most, now))
    ;
  /* a page's work, long enough for the next answers to arrive meanwhile */
  g_usleep (20 * 1000);
  ok = json_parser_load_from_data (parser, data, (gssize) size, error);
  if (ok)
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      JsonArray *list = json_object_get_array_member (root, "data");

      decoded->n_items = json_array_get_length (list);
      decoded->total = json_object_get_int_member (json_object_get_object_member (root, "metadata"),
                                                   "total_elements");
      decoded->ids = g_new0 (char *, decoded->n_items + 1);
      for (guint i = 0; i < json_array_get_length (list); i++)
        decoded->ids[i] = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           json_object_get_int_member (json_array_get_object_element (list, i),
                                                                       "id"));
      if (decoded->n_items > 0)
        decoded->first = json_to_string (json_array_get_element (list, 0), FALSE);
    }
  g_atomic_int_add (&p->active, -1);
  return ok;
}

static gboolean
count_page_cb (HcHttp           *http,
               const HcHttpPage *page,
               gpointer          user_data,
               GError          **error)
{
  ((Parsing *) user_data)->pages++;
  return TRUE;
}

static void
test_pages_parsed_at_once (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Personio", s->base_url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  Parsing p = { 0 };
  HcHttpPager pager = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = "/offset",
    .page_size = 100,
    .decode = slow_decode,
    .max_in_flight = 8,
  };
  guint64 n_items = 0;

  pager.decode_data = &p;
  hc_http_fetch_pages_async (http, &pager, count_page_cb, &p, NULL, hc_connector_test_store_result_cb, &result);
  hc_connector_test_wait (&result);
  g_assert_true (hc_http_fetch_pages_finish (http, result, &n_items, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items, ==, 5000);
  g_assert_cmpuint (p.pages, ==, 50);
  g_test_message ("%d pages parsed at once at most, %u cores", p.most, g_get_num_processors ());
  g_assert_cmpint (p.most, >=, 1);
  g_assert_cmpint (p.most, <=, (gint) g_get_num_processors ());
}

static void
test_pages_page_number (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Workday", s->base_url);
  g_autoptr (GError) error = NULL;
  HcHttpPager pager = {
    .style = HC_HTTP_PAGING_PAGE,
    .path = "/page?status=active",
    .query = "page={page}&per_page={limit}",
    .page_size = 100,
    .first = 1,
    .items_path = "employees",
  };
  Collect c;

  s->n_items = 4990;
  collect_init (&c);
  g_assert_true (fetch_pages (http, &pager, &c, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_all_items (&c, 4990);
  g_assert_cmpuint (server_hits (s, "/page"), ==, 50);
  g_assert_true (strstr (s->last_query, "status=active&page=50&per_page=100") != NULL);
  collect_clear (&c);
}

static void
test_pages_cursor (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("BambooHR", s->base_url);
  g_autoptr (GError) error = NULL;
  HcHttpPager pager = {
    .style = HC_HTTP_PAGING_CURSOR,
    .path = "/cursor",
    .query = "page[limit]={limit}&page[after]={cursor}",
    .page_size = 100,
    .items_path = "data",
    .next_path = "meta.page.nextCursor",
    .id_path = "id",
  };
  Collect c;

  collect_init (&c);
  g_assert_true (fetch_pages (http, &pager, &c, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_all_items (&c, 5000);
  g_assert_cmpuint (server_hits (s, "/cursor"), ==, 50);
  collect_clear (&c);
}

static void
test_pages_link (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Personio", s->base_url);
  g_autoptr (GError) error = NULL;
  HcHttpPager pager = {
    .style = HC_HTTP_PAGING_CURSOR,
    .path = "/link",
    .query = "limit={limit}",
    .page_size = 100,
    .items_path = "_data",
    .next_path = "_meta.links.next.href",
    .next_is_link = TRUE,
  };
  Collect c;

  collect_init (&c);
  g_assert_true (fetch_pages (http, &pager, &c, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_all_items (&c, 5000);
  g_assert_cmpuint (server_hits (s, "/link"), ==, 50);
  collect_clear (&c);
}

static void
test_pages_lucca (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  HcHttpPager pager = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = "/lucca?fields=id,firstName",
    .query = "paging={offset},{limit}",
    .page_size = 1000,
    .items_path = "data.items",
  };
  Collect c;

  http = http_new ("Lucca", s->base_url);
  hc_http_set_auth_header (http, "Authorization", "lucca application=" FAKE_LUCCA);
  s->n_items = 2500;
  collect_init (&c);
  g_assert_true (fetch_pages (http, &pager, &c, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_all_items (&c, 2500);
  g_assert_cmpuint (server_hits (s, "/lucca"), ==, 3);
  g_assert_cmpstr (s->last_authorization, ==, "lucca application=" FAKE_LUCCA);
  collect_clear (&c);
}

static void
test_pages_overlap (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Deel", s->base_url);
  g_autoptr (GError) error = NULL;
  HcHttpPager pager = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = "/overlap",
    .page_size = 100,
    .items_path = "data",
    .id_path = "id",
  };
  Collect c;
  guint64 n_items = 0;

  s->n_items = 1000;
  collect_init (&c);
  g_assert_true (fetch_pages (http, &pager, &c, NULL, &n_items, &error));
  g_assert_no_error (error);
  assert_all_items (&c, 1000);
  g_assert_cmpuint (n_items, ==, 1000);
  collect_clear (&c);
}

/* Pages decoded in a worker thread, as Personio's are: the number of
 * items of {"data": [...]} and the first one's text, no ids (so only the
 * first item tells a page sent twice). */
static gboolean
data_decode (const char    *data,
             gsize          size,
             HcHttpDecoded *decoded,
             gpointer       user_data,
             GError       **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *list;

  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return FALSE;
  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
  decoded->n_items = json_array_get_length (list);
  if (decoded->n_items > 0)
    decoded->first = json_to_string (json_array_get_element (list, 0), FALSE);
  return TRUE;
}

static void
test_pages_never_loop (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("HiBob", s->base_url);
  g_autoptr (HcFakeHostile) hostile = hc_fake_hostile_new ();
  g_autoptr (HcHttp) hostile_http = http_new ("HiBob", hc_fake_hostile_get_base_url (hostile));
  HcHttpPager same_page = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = "/same-page",
    .page_size = 100,
    .items_path = "data",
  };
  HcHttpPager same_cursor = {
    .style = HC_HTTP_PAGING_CURSOR,
    .path = "/same-cursor",
    .page_size = 10,
    .items_path = "data",
    .next_path = "next",
  };
  HcHttpPager endless = {
    .style = HC_HTTP_PAGING_CURSOR,
    .path = "/endless",
    .page_size = 10,
    .items_path = "data",
    .next_path = "next",
    .max_pages = 20,
  };
  Collect c;
  g_autoptr (GError) error = NULL;

  /* the same page whatever the offset: stop after the second request */
  collect_init (&c);
  g_assert_false (fetch_pages (http, &same_page, &c, NULL, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  assert_message_has (error, "HiBob sent the same page twice at /same-page");
  g_assert_cmpuint (server_hits (s, "/same-page"), ==, 2);
  g_assert_cmpuint (c.items, ==, 100);
  g_assert_cmpuint (c.duplicates, ==, 0);
  collect_clear (&c);
  g_clear_error (&error);

  /* the same, decoded in a worker thread: its first item is checked there */
  {
    g_autoptr (GAsyncResult) result = NULL;
    Parsing p = { 0 };

    same_page.decode = data_decode;
    g_hash_table_remove_all (s->hits);
    hc_http_fetch_pages_async (http, &same_page, count_page_cb, &p, NULL, hc_connector_test_store_result_cb, &result);
    hc_connector_test_wait (&result);
    g_assert_false (hc_http_fetch_pages_finish (http, result, NULL, &error));
    g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
    assert_message_has (error, "HiBob sent the same page twice at /same-page");
    g_assert_cmpuint (server_hits (s, "/same-page"), ==, 2);
    g_assert_cmpuint (p.pages, ==, 1);
    same_page.decode = NULL;
    g_clear_error (&error);
  }

  /* the same cursor again */
  collect_init (&c);
  g_assert_false (fetch_pages (http, &same_cursor, &c, NULL, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  g_assert_cmpuint (server_hits (s, "/same-cursor"), ==, 2);
  g_assert_cmpuint (c.duplicates, ==, 0);
  collect_clear (&c);
  g_clear_error (&error);

  /* new items and cursors forever: the page cap */
  collect_init (&c);
  g_assert_false (fetch_pages (hostile_http, &endless, &c, NULL, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  assert_message_has (error, "HiBob still had more pages after 20 pages at /endless");
  g_assert_cmpuint (hc_fake_hostile_count_requests (hostile, "/endless"), ==, 20);
  g_assert_cmpuint (c.items, ==, 200);
  collect_clear (&c);
  g_clear_error (&error);

  /* the same with a total that grows with every page: the first page's
   * total of 20 needs 2 pages; 2 more are allowed */
  hc_fake_hostile_restart_endless (hostile);
  endless.total_path = "total";
  collect_init (&c);
  g_assert_false (fetch_pages (hostile_http, &endless, &c, NULL, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  assert_message_has (error, "HiBob announced 20 entries at /endless but still had more pages after 4 pages");
  g_assert_cmpuint (hc_fake_hostile_count_requests (hostile, "/endless"), ==, 20 + 4);
  g_assert_cmpuint (c.items, ==, 40);
  collect_clear (&c);
}

static void
test_pages_errors (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) http = http_new ("Personio", s->base_url);
  g_autoptr (GError) error = NULL;
  HcHttpPager pager = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = "/offset",
    .page_size = 100,
    .items_path = "data",
  };
  HcHttpPager failing = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = "/always-503",
    .page_size = 100,
    .items_path = "data",
  };
  Collect c;

  /* the page callback stops the fetch with its error */
  collect_init (&c);
  c.fail_at_page = 3;
  g_assert_false (fetch_pages (http, &pager, &c, NULL, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "employee without id on page 3");
  g_assert_cmpuint (c.pages, ==, 2);
  g_assert_cmpuint (server_hits (s, "/offset"), ==, 3);
  collect_clear (&c);
  g_clear_error (&error);

  /* an HTTP error on a page */
  collect_init (&c);
  g_assert_false (fetch_pages (http, &failing, &c, NULL, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_RATE_LIMITED);
  assert_message_has (error, "/always-503");
  collect_clear (&c);
}

/* Logging */

static void
test_redact (void)
{
  g_autoptr (HcHttp) http = http_new ("Personio", "https://api.personio.de/v1");
  static const struct { const char *in; const char *out; } cases[] = {
    { "GET /v1/x?api_key=abc&limit=5 HTTP/1.1", "GET /v1/x?api_key=[REDACTED]&limit=5 HTTP/1.1" },
    { "/x?limit=5&access_token=abc#frag", "/x?limit=5&access_token=[REDACTED]#frag" },
    { "/x?page[after]=c100&limit=5", "/x?page[after]=c100&limit=5" },
    { "/x?q=" FAKE_QUERY, "/x?q=[REDACTED]" },
    { "said " FAKE_BAMBOO " twice: " FAKE_BAMBOO, "said [REDACTED] twice: [REDACTED]" },
    { "with spaces: my%20secret%20value", "with spaces: [REDACTED]" },
    { "x", "x" },
    { "", "" },
  };

  hc_http_add_secret (http, FAKE_QUERY);
  hc_http_add_secret (http, FAKE_BAMBOO);
  hc_http_add_secret (http, "my secret value");
  hc_http_add_secret (http, "x");
  hc_http_add_secret (http, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = hc_http_redact (http, cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (hc_http_redact (http, NULL));
}

static void
test_log_redaction (void)
{
  g_autoptr (Server) s = server_new ();
  g_autoptr (HcHttp) bearer = NULL;
  g_autoptr (HcHttp) basic = NULL;
  g_autoptr (HcHttp) lucca = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *basic_value = NULL;
  g_autofree char *basic_key = g_base64_encode ((const guchar *) FAKE_BAMBOO ":x", strlen (FAKE_BAMBOO ":x"));
  g_autofree char *log = NULL;
  HcHttpPager pager = {
    .style = HC_HTTP_PAGING_OFFSET,
    .path = "/offset?token=" FAKE_QUERY,
    .page_size = 100,
    .items_path = "data",
    .total_path = "metadata.total_elements",
  };
  Collect c;

  hc_connector_test_log_start ();

  bearer = http_new ("Personio", s->base_url);
  hc_http_set_auth_header (bearer, "Authorization", "Bearer " FAKE_BEARER);
  hc_http_add_secret (bearer, FAKE_QUERY);
  root = get_json (bearer, "/protected?token=" FAKE_QUERY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->last_authorization, ==, "Bearer " FAKE_BEARER);
  g_clear_pointer (&root, json_node_unref);
  root = get_json (bearer, "/v1/company/employees", &error);
  g_assert_error (error, HC_ERROR, HC_ERROR_AUTH);
  g_clear_error (&error);
  s->n_items = 250;
  collect_init (&c);
  g_assert_true (fetch_pages (bearer, &pager, &c, NULL, NULL, &error));
  collect_clear (&c);

  /* BambooHR: SoupLogger would print the decoded key of Basic auth */
  basic = http_new ("BambooHR", s->base_url);
  basic_value = g_strconcat ("Basic ", basic_key, NULL);
  hc_http_set_auth_header (basic, "Authorization", basic_value);
  root = get_json (basic, "/ok", &error);
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);

  /* Lucca's custom scheme, and a key in a header of its own */
  lucca = http_new ("Lucca", s->base_url);
  hc_http_set_auth_header (lucca, "Authorization", "lucca application=" FAKE_LUCCA);
  hc_http_set_header (lucca, "X-Api-Key", "xkey_" FAKE_LUCCA "_2");
  root = get_json (lucca, "/ok", &error);
  g_assert_no_error (error);

  log = hc_connector_test_log_stop ();

  if (g_test_verbose ())
    g_printerr ("%s", log);

  /* the log is there… */
  g_assert_nonnull (strstr (log, "GET /protected"));
  g_assert_nonnull (strstr (log, "Authorization: " HC_HTTP_REDACTED));
  g_assert_nonnull (strstr (log, "X-Api-Key: " HC_HTTP_REDACTED));
  g_assert_nonnull (strstr (log, "token=" HC_HTTP_REDACTED));
  g_assert_nonnull (strstr (log, "User-Agent: Headcount/"));
  /* …without a secret */
  g_assert_null (strstr (log, FAKE_BEARER));
  g_assert_null (strstr (log, FAKE_QUERY));
  g_assert_null (strstr (log, FAKE_BAMBOO));
  g_assert_null (strstr (log, basic_key));
  g_assert_null (strstr (log, FAKE_LUCCA));
  g_assert_null (strstr (log, "Bearer"));
  /* and no body: the vendor's echo of the key and the employees stay out */
  g_assert_null (strstr (log, "Person 1"));
}

/* TLS */

static gboolean
have_tls (void)
{
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return FALSE;
    }
  return TRUE;
}

static GTlsCertificate *
test_certificate (void)
{
  g_autofree char *cert = g_build_filename (TEST_DATA_DIR, "test-cert.pem", NULL);
  g_autofree char *key = g_build_filename (TEST_DATA_DIR, "test-key.pem", NULL);
  g_autoptr (GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_files (cert, key, &error);

  g_assert_no_error (error);
  return certificate;
}

static GTlsDatabase *
test_database (void)
{
  g_autofree char *cert = g_build_filename (TEST_DATA_DIR, "test-cert.pem", NULL);
  g_autoptr (GError) error = NULL;
  GTlsDatabase *database = g_tls_file_database_new (cert, &error);

  g_assert_no_error (error);
  return database;
}

static void
test_tls_trusted (void)
{
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GTlsDatabase) database = NULL;
  g_autoptr (Server) s = NULL;
  g_autoptr (HcHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (!have_tls ())
    return;

  certificate = test_certificate ();
  database = test_database ();
  s = server_new_full (certificate);
  g_assert_true (g_str_has_prefix (s->base_url, "https://127.0.0.1:"));
  http = http_new ("Personio", s->base_url);
  hc_http_set_tls_database (http, database);
  hc_http_set_auth_header (http, "Authorization", "Bearer " FAKE_BEARER);

  root = get_json (http, "/protected", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpstr (s->last_authorization, ==, "Bearer " FAKE_BEARER);
}

static void
test_tls_untrusted (void)
{
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (Server) s = NULL;
  g_autoptr (HcHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (!have_tls ())
    return;

  certificate = test_certificate ();
  s = server_new_full (certificate);
  http = http_new ("Personio", s->base_url);
  hc_http_set_auth_header (http, "Authorization", "Bearer " FAKE_BEARER);

  /* the system's trust store does not know the test certificate */
  root = get_json (http, "/protected", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  assert_message_has (error, "Could not verify the certificate of Personio (127.0.0.1:");
  assert_message_has (error, "not signed by a trusted authority");
  assert_message_lacks (error, "Tried");
  /* the request never reached the handler, credentials included */
  g_assert_cmpuint (server_hits (s, "/protected"), ==, 0);
}

static void
test_tls_wrong_name (void)
{
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GTlsDatabase) database = NULL;
  g_autoptr (Server) s = NULL;
  g_autoptr (HcHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *url = NULL;

  if (!have_tls ())
    return;

  certificate = test_certificate ();
  database = test_database ();
  s = server_new_full (certificate);
  /* trusted, but issued for 127.0.0.1, not for localhost */
  url = g_strdup_printf ("https://localhost:%u", s->port);
  http = http_new ("Personio", url);
  hc_http_set_tls_database (http, database);

  root = get_json (http, "/protected", &error);
  g_assert_null (root);
  g_assert_error (error, HC_ERROR, HC_ERROR_NETWORK);
  assert_message_has (error, "certificate");
  g_assert_cmpuint (server_hits (s, "/protected"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* hc-http logs (and adds its redacting SoupLogger) only when its debug
   * output is enabled; the tests capture it rather than print it. */
  g_setenv ("G_MESSAGES_DEBUG", "hc-http", TRUE);
  /* 127.0.0.1 direct, whatever the machine's proxy */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  hc_connector_test_capture_log ("hc-http", FALSE);

  g_test_add_func ("/http/new/validation", test_new_validation);
  g_test_add_func ("/http/get/success", test_get_success);
  g_test_add_func ("/http/status/401", test_status_401);
  g_test_add_func ("/http/status/403-400", test_status_403_and_400);
  g_test_add_func ("/http/status/404", test_status_404);
  g_test_add_func ("/http/status/500-not-retried", test_status_500_not_retried);
  g_test_add_func ("/http/retry/retry-after-seconds", test_retry_after_seconds);
  g_test_add_func ("/http/retry/retry-after-date", test_retry_after_date);
  g_test_add_func ("/http/retry/gateway-then-success", test_retry_gateway_then_success);
  g_test_add_func ("/http/retry/exhausted", test_retry_exhausted);
  g_test_add_func ("/http/retry/retry-after-beyond-budget", test_retry_after_beyond_budget);
  g_test_add_func ("/http/retry/retry-after-beyond-week", test_retry_after_beyond_week);
  g_test_add_func ("/http/network/refused", test_network_refused);
  g_test_add_func ("/http/network/read-timeout", test_network_read_timeout);
  g_test_add_func ("/http/network/connect-timeout", test_network_connect_timeout);
  g_test_add_func ("/http/parse/errors", test_parse_errors);
  g_test_add_func ("/http/parse/truncated-body", test_parse_truncated_body);
  g_test_add_func ("/http/parse/odd-shapes", test_odd_shapes);
  g_test_add_func ("/http/cancel/mid-request", test_cancel_mid_request);
  g_test_add_func ("/http/cancel/during-backoff", test_cancel_during_backoff);
  g_test_add_func ("/http/cancel/before-and-pages", test_cancel_before_and_pages);
  g_test_add_func ("/http/post/json-and-form", test_post_json_and_form);
  g_test_add_func ("/http/redirects", test_redirects);
  g_test_add_func ("/http/pages/offset", test_pages_offset);
  g_test_add_func ("/http/pages/parsed-at-once", test_pages_parsed_at_once);
  g_test_add_func ("/http/pages/page-number", test_pages_page_number);
  g_test_add_func ("/http/pages/cursor", test_pages_cursor);
  g_test_add_func ("/http/pages/link", test_pages_link);
  g_test_add_func ("/http/pages/lucca", test_pages_lucca);
  g_test_add_func ("/http/pages/overlap", test_pages_overlap);
  g_test_add_func ("/http/pages/never-loop", test_pages_never_loop);
  g_test_add_func ("/http/pages/errors", test_pages_errors);
  g_test_add_func ("/http/network/slow-drip", test_network_slow_drip);
  g_test_add_func ("/http/parse/huge-body", test_parse_huge_body);
  g_test_add_func ("/http/log/redact", test_redact);
  g_test_add_func ("/http/log/redaction", test_log_redaction);
  g_test_add_func ("/http/hostile/answers", test_hostile_answers);
  g_test_add_func ("/http/tls/trusted", test_tls_trusted);
  g_test_add_func ("/http/tls/untrusted", test_tls_untrusted);
  g_test_add_func ("/http/tls/wrong-name", test_tls_wrong_name);

  return g_test_run ();
}
