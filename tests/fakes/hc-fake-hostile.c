/* hc-fake-hostile.c — a hostile HR server for the hardening tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-hostile"

#include <string.h>

#include "hc-fake-hostile.h"

struct _HcFakeHostile
{
  HcFakeHris        *server;
  GMutex             mutex;
  guint              endless_page;   /* under the mutex */
  gboolean           dripping;       /* under the mutex */
  /* the answer being dripped; the server's thread only */
  SoupServerMessage *drip_msg;
  GSource           *drip_source;
  guint              drip_left;
};

static guint
query_uint (GHashTable *query,
            const char *name,
            guint       fallback)
{
  const char *value = query ? g_hash_table_lookup (query, name) : NULL;
  guint64 n;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &n, NULL))
    return (guint) n;
  return fallback;
}

/* /drip, in the server's thread */

static void
drip_stop (HcFakeHostile *fake)
{
  if (fake->drip_source != NULL)
    {
      g_source_destroy (fake->drip_source);
      g_clear_pointer (&fake->drip_source, g_source_unref);
    }
  if (fake->drip_msg != NULL)
    g_signal_handlers_disconnect_by_data (fake->drip_msg, fake);
  g_clear_object (&fake->drip_msg);
  g_mutex_lock (&fake->mutex);
  fake->dripping = FALSE;
  g_mutex_unlock (&fake->mutex);
}

static gboolean
drip_cb (gpointer user_data)
{
  HcFakeHostile *fake = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (fake->drip_msg);

  soup_message_body_append (body, SOUP_MEMORY_STATIC, " ", 1);
  if (--fake->drip_left > 0)
    {
      soup_server_message_unpause (fake->drip_msg);
      return G_SOURCE_CONTINUE;
    }
  soup_message_body_complete (body);
  soup_server_message_unpause (fake->drip_msg);
  g_clear_pointer (&fake->drip_source, g_source_unref);
  drip_stop (fake);
  return G_SOURCE_REMOVE;
}

static void
drip_finished_cb (SoupServerMessage *msg,
                  gpointer           user_data)
{
  drip_stop (user_data);
}

static void
drip_start (HcFakeHostile     *fake,
            SoupServerMessage *msg,
            GHashTable        *query)
{
  drip_stop (fake);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/json", NULL);
  fake->drip_msg = g_object_ref (msg);
  fake->drip_left = MAX (query_uint (query, "bytes", 60), 1);
  g_signal_connect (msg, "finished", G_CALLBACK (drip_finished_cb), fake);
  fake->drip_source = g_timeout_source_new (query_uint (query, "ms", 200));
  g_source_set_callback (fake->drip_source, drip_cb, fake, NULL);
  g_source_attach (fake->drip_source, g_main_context_get_thread_default ());
  g_mutex_lock (&fake->mutex);
  fake->dripping = TRUE;
  g_mutex_unlock (&fake->mutex);
  soup_server_message_pause (msg);
}

/* The other paths */

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
reply_huge (SoupServerMessage *msg,
            guint              kb)
{
  gsize size = MAX ((gsize) kb * 1024, 8);
  char *json = g_malloc (size);

  memset (json, 'x', size);
  memcpy (json, "{\"a\":\"", 6);
  memcpy (json + size - 2, "\"}", 2);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, size);
}

static void
reply_endless (HcFakeHostile     *fake,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  g_autoptr (GString) json = g_string_new ("{\"data\":");
  guint page;

  g_mutex_lock (&fake->mutex);
  page = fake->endless_page++;
  g_mutex_unlock (&fake->mutex);

  append_items (json, page * 10, page * 10 + 10);
  /* a total that grows as fast as the pages */
  g_string_append_printf (json, ",\"total\":%u,\"next\":%u}", page * 10 + 20, page + 1);
  hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, json->str);
}

static void
handler (HcFakeHris        *server,
         SoupServerMessage *msg,
         const char        *method,
         const char        *path,
         GHashTable        *query,
         GBytes            *body,
         gpointer           user_data)
{
  HcFakeHostile *fake = user_data;

  if (g_str_equal (path, "/drip"))
    drip_start (fake, msg, query);
  else if (g_str_equal (path, "/huge"))
    reply_huge (msg, query_uint (query, "kb", 1024));
  else if (g_str_equal (path, "/endless"))
    reply_endless (fake, msg, query);
  else if (g_str_equal (path, "/nul"))
    hc_fake_hris_reply_json (msg, SOUP_STATUS_OK,
                             "{\"data\":[{\"id\":1,\"name\":\"A\\u0000B\",\"email\":\"a\\u0000@example.com\"},"
                             "{\"id\":2,\"name\":\"\\u0000\",\"email\":\"b@example.com\\u0000.evil\"}]}");
  else if (g_str_equal (path, "/empty"))
    hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, "{\"data\":[]}");
  else if (g_str_equal (path, "/malformed"))
    hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, "{\"data\":[{\"id\":1,\"name\":\"Person");
  else if (g_str_equal (path, "/401"))
    hc_fake_hris_reply_json (msg, SOUP_STATUS_UNAUTHORIZED,
                             "{\"error\":{\"code\":401,\"message\":\"Unauthorized\"}}");
  else if (g_str_equal (path, "/429"))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", query_uint (query, "retry_after", 1));

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
      hc_fake_hris_reply_json (msg, 429,
                               "{\"error\":{\"code\":429,\"message\":\"Too many requests\"}}");
    }
  else
    hc_fake_hris_reply_json (msg, SOUP_STATUS_NOT_FOUND, "{\"error\":\"not found\"}");
}

HcFakeHostile *
hc_fake_hostile_new (void)
{
  HcFakeHostile *fake = g_new0 (HcFakeHostile, 1);

  g_mutex_init (&fake->mutex);
  fake->server = hc_fake_hris_new ("hostile", handler, fake, NULL);
  return fake;
}

/* Runs in the server's thread: the drip's source and message live there. */
static gboolean
stop_in_thread_cb (gpointer user_data)
{
  drip_stop (user_data);
  return G_SOURCE_REMOVE;
}

void
hc_fake_hostile_free (HcFakeHostile *fake)
{
  GMainContext *context;

  if (fake == NULL)
    return;

  /* hc_fake_hris_free() quits the thread after what is queued before. */
  context = hc_fake_hris_get_context (fake->server);
  g_main_context_invoke (context, stop_in_thread_cb, fake);
  hc_fake_hris_free (fake->server);
  g_mutex_clear (&fake->mutex);
  g_free (fake);
}

const char *
hc_fake_hostile_get_base_url (HcFakeHostile *fake)
{
  return hc_fake_hris_get_base_url (fake->server);
}

HcFakeHris *
hc_fake_hostile_get_server (HcFakeHostile *fake)
{
  return fake->server;
}

guint
hc_fake_hostile_count_requests (HcFakeHostile *fake,
                                const char    *path)
{
  return hc_fake_hris_count_requests (fake->server, path);
}

gboolean
hc_fake_hostile_is_dripping (HcFakeHostile *fake)
{
  gboolean dripping;

  g_mutex_lock (&fake->mutex);
  dripping = fake->dripping;
  g_mutex_unlock (&fake->mutex);
  return dripping;
}

void
hc_fake_hostile_restart_endless (HcFakeHostile *fake)
{
  g_mutex_lock (&fake->mutex);
  fake->endless_page = 0;
  g_mutex_unlock (&fake->mutex);
}
