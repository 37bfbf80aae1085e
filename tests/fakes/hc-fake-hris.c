/* hc-fake-hris.c — what every fake HR server shares
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-hris"

#include <string.h>

#include "hc-fake-hris.h"

struct _HcFakeHris
{
  char               *vendor;
  HcFakeHandler       handler;
  gpointer            user_data;
  GDestroyNotify      destroy;

  /* owned by the server thread once started */
  GThread            *thread;
  GMainContext       *context;
  GMainLoop          *loop;
  SoupServer         *server;
  guint16             port;
  char               *base_url;
  GError             *listen_error;

  GMutex              mutex;
  GCond               ready_cond;
  gboolean            ready;

  /* protected by @mutex */
  HcFakeFault         fault;
  char               *fault_prefix;
  guint               fault_left; /* 0: no limit */
  char               *retry_after;
  GHashTable         *hits;       /* path → count */
  guint               total_hits;
  SoupMessageHeaders *last_headers;
  GString            *log;
};

static const char *not_json_page =
  "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
  "<body><form action=\"/login\"><input name=\"user\"></form></body></html>\n";

void
hc_fake_hris_reply_json (SoupServerMessage *msg,
                         guint              status,
                         const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

void
hc_fake_hris_reply_node (SoupServerMessage *msg,
                         guint              status,
                         JsonNode          *node)
{
  g_autofree char *json = json_to_string (node, FALSE);

  hc_fake_hris_reply_json (msg, status, json);
}

/* Decides, under the lock, which fault this request gets. */
static HcFakeFault
take_fault (HcFakeHris *fake,
            const char *path)
{
  HcFakeFault fault = HC_FAKE_FAULT_NONE;

  if (fake->fault == HC_FAKE_FAULT_NONE)
    return fault;
  if (fake->fault_prefix != NULL && !g_str_has_prefix (path, fake->fault_prefix))
    return fault;

  fault = fake->fault;
  if (fake->fault_left > 0 && --fake->fault_left == 0)
    {
      fake->fault = HC_FAKE_FAULT_NONE;
      g_clear_pointer (&fake->fault_prefix, g_free);
    }
  return fault;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  HcFakeHris *fake = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr (GBytes) body = NULL;
  g_autofree char *retry_after = NULL;
  HcFakeFault fault;
  guint hits;

  g_mutex_lock (&fake->mutex);
  hits = GPOINTER_TO_UINT (g_hash_table_lookup (fake->hits, path)) + 1;
  g_hash_table_insert (fake->hits, g_strdup (path), GUINT_TO_POINTER (hits));
  fake->total_hits++;
  g_clear_pointer (&fake->last_headers, soup_message_headers_unref);
  fake->last_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  {
    SoupMessageHeadersIter iter;
    const char *name, *value;

    soup_message_headers_iter_init (&iter, request_headers);
    while (soup_message_headers_iter_next (&iter, &name, &value))
      soup_message_headers_append (fake->last_headers, name, value);
  }
  g_string_append_printf (fake->log, "%s %s%s%s\n", method, path,
                          raw_query ? "?" : "", raw_query ? raw_query : "");
  fault = take_fault (fake, path);
  retry_after = g_strdup (fake->retry_after);
  g_mutex_unlock (&fake->mutex);

  switch (fault)
    {
    case HC_FAKE_FAULT_UNAUTHORIZED:
      hc_fake_hris_reply_json (msg, SOUP_STATUS_UNAUTHORIZED,
                               "{\"error\":{\"code\":401,\"message\":\"Unauthorized\"}}");
      return;
    case HC_FAKE_FAULT_RATE_LIMITED:
      if (retry_after != NULL)
        soup_message_headers_replace (response_headers, "Retry-After", retry_after);
      hc_fake_hris_reply_json (msg, 429, "{\"error\":{\"code\":429,\"message\":\"Too many requests\"}}");
      return;
    case HC_FAKE_FAULT_SERVER_ERROR:
      hc_fake_hris_reply_json (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                               "{\"error\":{\"code\":500,\"message\":\"Internal server error\"}}");
      return;
    case HC_FAKE_FAULT_BAD_GATEWAY:
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_GATEWAY, NULL);
      return;
    case HC_FAKE_FAULT_TIMEOUT:
      /* Never unpaused: the client's read timeout has to end it. The
       * message goes when the server disconnects. */
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      soup_server_message_pause (msg);
      G_GNUC_END_IGNORE_DEPRECATIONS
      return;
    case HC_FAKE_FAULT_NOT_JSON:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        not_json_page, strlen (not_json_page));
      return;
    case HC_FAKE_FAULT_NONE:
    case HC_FAKE_FAULT_TRUNCATED:
    default:
      break;
    }

  body = g_bytes_new (request_body->data ? request_body->data : "", request_body->length);
  fake->handler (fake, msg, method, path, query, body, fake->user_data);

  if (fault == HC_FAKE_FAULT_TRUNCATED)
    {
      /* Keep the status and the first half of what the handler wrote. */
      SoupMessageBody *response = soup_server_message_get_response_body (msg);
      g_autoptr (GBytes) full = soup_message_body_flatten (response);
      gsize length = g_bytes_get_size (full);
      g_autofree char *half = g_strndup (g_bytes_get_data (full, NULL), length / 2);

      soup_message_body_truncate (response);
      soup_message_body_append (response, SOUP_MEMORY_COPY, half, strlen (half));
    }
}

static gboolean
quit_cb (gpointer user_data)
{
  HcFakeHris *fake = user_data;

  soup_server_disconnect (fake->server);
  g_main_loop_quit (fake->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
server_thread (gpointer user_data)
{
  HcFakeHris *fake = user_data;
  GSList *uris;

  g_main_context_push_thread_default (fake->context);

  fake->server = soup_server_new ("server-header", "hc-fake-hris ", NULL);
  soup_server_add_handler (fake->server, NULL, server_cb, fake, NULL);

  if (soup_server_listen_local (fake->server, fake->port, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                &fake->listen_error))
    {
      uris = soup_server_get_uris (fake->server);
      g_assert (uris != NULL);
      fake->port = g_uri_get_port (uris->data);
      fake->base_url = g_strdup_printf ("http://127.0.0.1:%u", fake->port);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&fake->mutex);
  fake->ready = TRUE;
  g_cond_signal (&fake->ready_cond);
  g_mutex_unlock (&fake->mutex);

  if (fake->listen_error == NULL)
    g_main_loop_run (fake->loop);

  /* Close the connections still open and let them finish, in this thread:
   * unreferenced only, they would be left alive with their sockets. */
  soup_server_disconnect (fake->server);
  while (g_main_context_iteration (fake->context, FALSE))
    ;
  g_clear_object (&fake->server);
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

HcFakeHris *
hc_fake_hris_new_on_port (const char    *vendor,
                          guint16        port,
                          HcFakeHandler  handler,
                          gpointer       user_data,
                          GDestroyNotify destroy)
{
  HcFakeHris *fake = g_new0 (HcFakeHris, 1);

  g_return_val_if_fail (handler != NULL, NULL);

  fake->vendor = g_strdup (vendor);
  fake->handler = handler;
  fake->user_data = user_data;
  fake->destroy = destroy;
  fake->port = port;
  fake->retry_after = g_strdup ("1");
  fake->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->log = g_string_new (NULL);
  g_mutex_init (&fake->mutex);
  g_cond_init (&fake->ready_cond);

  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  fake->thread = g_thread_new ("hc-fake-hris", server_thread, fake);

  g_mutex_lock (&fake->mutex);
  while (!fake->ready)
    g_cond_wait (&fake->ready_cond, &fake->mutex);
  g_mutex_unlock (&fake->mutex);

  if (fake->listen_error != NULL)
    g_error ("The fake %s server cannot listen on 127.0.0.1:%u: %s",
             vendor, port, fake->listen_error->message);
  return fake;
}

HcFakeHris *
hc_fake_hris_new (const char    *vendor,
                  HcFakeHandler  handler,
                  gpointer       user_data,
                  GDestroyNotify destroy)
{
  /* The stand-alone server's --port; tests leave it unset. */
  const char *port = g_getenv ("HC_FAKE_HRIS_PORT");
  guint64 value = 0;

  if (port != NULL && !g_ascii_string_to_unsigned (port, 10, 0, G_MAXUINT16, &value, NULL))
    value = 0;
  return hc_fake_hris_new_on_port (vendor, (guint16) value, handler, user_data, destroy);
}

void
hc_fake_hris_free (HcFakeHris *fake)
{
  if (fake == NULL)
    return;

  g_main_context_invoke (fake->context, quit_cb, fake);
  g_thread_join (fake->thread);

  if (fake->destroy != NULL)
    fake->destroy (fake->user_data);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_clear_error (&fake->listen_error);
  g_hash_table_unref (fake->hits);
  g_clear_pointer (&fake->last_headers, soup_message_headers_unref);
  g_string_free (fake->log, TRUE);
  g_free (fake->fault_prefix);
  g_free (fake->retry_after);
  g_free (fake->base_url);
  g_free (fake->vendor);
  g_mutex_clear (&fake->mutex);
  g_cond_clear (&fake->ready_cond);
  g_free (fake);
}

GMainContext *
hc_fake_hris_get_context (HcFakeHris *fake)
{
  return fake->context;
}

const char *
hc_fake_hris_get_base_url (HcFakeHris *fake)
{
  return fake->base_url;
}

guint16
hc_fake_hris_get_port (HcFakeHris *fake)
{
  return fake->port;
}

void
hc_fake_hris_set_fault (HcFakeHris *fake,
                        HcFakeFault fault,
                        const char *path_prefix,
                        guint       count)
{
  g_mutex_lock (&fake->mutex);
  fake->fault = fault;
  g_free (fake->fault_prefix);
  fake->fault_prefix = fault != HC_FAKE_FAULT_NONE ? g_strdup (path_prefix) : NULL;
  fake->fault_left = count;
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_hris_set_retry_after (HcFakeHris *fake,
                              const char *value)
{
  g_mutex_lock (&fake->mutex);
  g_free (fake->retry_after);
  fake->retry_after = g_strdup (value);
  g_mutex_unlock (&fake->mutex);
}

guint
hc_fake_hris_count_requests (HcFakeHris *fake,
                             const char *path)
{
  guint n;

  g_mutex_lock (&fake->mutex);
  n = path ? GPOINTER_TO_UINT (g_hash_table_lookup (fake->hits, path)) : fake->total_hits;
  g_mutex_unlock (&fake->mutex);
  return n;
}

char *
hc_fake_hris_dup_last_header (HcFakeHris *fake,
                              const char *name)
{
  char *value = NULL;

  g_mutex_lock (&fake->mutex);
  if (fake->last_headers != NULL)
    value = g_strdup (soup_message_headers_get_one (fake->last_headers, name));
  g_mutex_unlock (&fake->mutex);
  return value;
}

char *
hc_fake_hris_dup_request_log (HcFakeHris *fake)
{
  char *log;

  g_mutex_lock (&fake->mutex);
  log = g_strdup (fake->log->str);
  g_mutex_unlock (&fake->mutex);
  return log;
}

/* People */

HcFakePerson *
hc_fake_person_new (const char *id,
                    const char *first_name,
                    const char *last_name,
                    const char *email)
{
  HcFakePerson *person = g_new0 (HcFakePerson, 1);

  person->id = g_strdup (id);
  person->first_name = g_strdup (first_name);
  person->last_name = g_strdup (last_name);
  person->email = g_strdup (email);
  person->status = g_strdup ("active");
  return person;
}

HcFakePerson *
hc_fake_person_copy (const HcFakePerson *person)
{
  HcFakePerson *copy = g_new0 (HcFakePerson, 1);

  copy->id = g_strdup (person->id);
  copy->first_name = g_strdup (person->first_name);
  copy->last_name = g_strdup (person->last_name);
  copy->preferred_name = g_strdup (person->preferred_name);
  copy->email = g_strdup (person->email);
  copy->status = g_strdup (person->status);
  copy->position = g_strdup (person->position);
  copy->department = g_strdup (person->department);
  copy->team = g_strdup (person->team);
  copy->office = g_strdup (person->office);
  copy->manager_id = g_strdup (person->manager_id);
  copy->hire_date = g_strdup (person->hire_date);
  copy->end_date = g_strdup (person->end_date);
  copy->cost_center = g_strdup (person->cost_center);
  copy->skip_sync = person->skip_sync;
  copy->vendor_skip = person->vendor_skip;
  return copy;
}

void
hc_fake_person_free (HcFakePerson *person)
{
  if (person == NULL)
    return;
  g_free (person->id);
  g_free (person->first_name);
  g_free (person->last_name);
  g_free (person->preferred_name);
  g_free (person->email);
  g_free (person->status);
  g_free (person->position);
  g_free (person->department);
  g_free (person->team);
  g_free (person->office);
  g_free (person->manager_id);
  g_free (person->hire_date);
  g_free (person->end_date);
  g_free (person->cost_center);
  g_free (person);
}

static const char * const first_names[] = {
  "Zoé", "Jürgen", "Søren", "Hélène", "Oliver", "Ümit", "Siobhán", "Loïc", "Björn",
  "Amelia", "Françoise", "Priya", "Käthe", "Théo", "Kwame", "Åse", "Maëlys", "Łukasz",
};
static const char * const last_names[] = {
  "Lefèvre", "Müller", "Ørsted", "Dubois", "Smith", "Yılmaz", "Ní Bhriain", "Le Bihan",
  "Schröder", "O'Brien", "Großmann", "Patel", "Nguyễn", "Weiß", "Okafor", "Lindqvist",
};
static const char * const offices[] = { "Paris", "Lyon", "London", "Berlin" };
static const char * const departments[] = { "Engineering", "Sales", "Operations", "Finance", "People" };
static const char * const teams[] = { "Platform", "Mobile", "Field", "Accounts", "Talent", NULL };
static const char * const positions[] = { "Engineer", "Account Executive", "Warehouse Lead", "Accountant", "Recruiter" };

/* "Zoé" → "zoe", for e-mail addresses; keeps ASCII letters only. */
static char *
fold_for_email (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

GPtrArray *
hc_fake_people_new (guint n)
{
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);

  g_return_val_if_fail (n >= 1, people);

  for (guint i = 0; i < n; i++)
    {
      const char *first = first_names[i % G_N_ELEMENTS (first_names)];
      const char *last = last_names[(i / G_N_ELEMENTS (first_names) + i) % G_N_ELEMENTS (last_names)];
      g_autofree char *id = g_strdup_printf ("%u", 1000 + i);
      g_autofree char *email = NULL;
      HcFakePerson *person;
      guint d = i % G_N_ELEMENTS (departments);

      if (i == 0 || i % 25 != 7)
        {
          g_autofree char *a = fold_for_email (first);
          g_autofree char *b = fold_for_email (last);

          email = g_strdup_printf ("%s.%s%u@fake-hris.example", a, b, i);
        }
      person = hc_fake_person_new (id, first, last, email);

      g_free (person->status);
      if (i > 0 && i % 29 == 11)
        person->status = g_strdup ("inactive");
      else if (i > 0 && i % 31 == 13)
        person->status = g_strdup ("leave");
      else if (i > 0 && i % 37 == 17)
        person->status = g_strdup ("onboarding");
      else
        person->status = g_strdup ("active");

      person->position = g_strdup (i == 0 ? "Chief Executive Officer" : positions[d]);
      person->department = g_strdup (i == 0 ? "Executive" : departments[d]);
      person->team = g_strdup (i == 0 ? NULL : teams[i % G_N_ELEMENTS (teams)]);
      person->office = g_strdup (offices[i % G_N_ELEMENTS (offices)]);
      person->hire_date = g_strdup_printf ("%04u-%02u-%02u", 2015 + i % 11, 1 + i % 12, 1 + i % 28);
      if (g_str_equal (person->status, "inactive"))
        person->end_date = g_strdup_printf ("2026-%02u-%02u", 1 + i % 10, 1 + i % 28);
      else if (g_str_equal (person->status, "onboarding"))
        {
          g_free (person->hire_date);
          person->hire_date = g_strdup_printf ("2027-%02u-01", 1 + i % 12);
        }
      person->cost_center = g_strdup_printf ("CC-%u", 100 + 10 * d);
      person->skip_sync = i > 0 && i % 41 == 19;
      if (i % 9 == 4)
        person->preferred_name = g_strndup (first, g_utf8_offset_to_pointer (first, MIN (3, g_utf8_strlen (first, -1))) - first);

      /* A manager earlier in the list who is not inactive: a tree under
       * the CEO. Managers are among the first tenth. */
      if (i > 0)
        {
          guint span = MAX (1, MIN (i, n / 10 + 1));

          for (guint m = (i * 7) % span; ; m = (m + 1) % span)
            {
              HcFakePerson *manager = g_ptr_array_index (people, m);

              if (!g_str_equal (manager->status, "inactive"))
                {
                  person->manager_id = g_strdup (manager->id);
                  break;
                }
            }
        }
      g_ptr_array_add (people, person);
    }
  return people;
}

HcFakePerson *
hc_fake_people_find (GPtrArray  *people,
                     const char *id)
{
  for (guint i = 0; i < people->len; i++)
    {
      HcFakePerson *person = g_ptr_array_index (people, i);

      if (g_strcmp0 (person->id, id) == 0)
        return person;
    }
  return NULL;
}

GPtrArray *
hc_fake_people_copy (GPtrArray *people)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);

  for (guint i = 0; people != NULL && i < people->len; i++)
    g_ptr_array_add (copy, hc_fake_person_copy (g_ptr_array_index (people, i)));
  return copy;
}

void
hc_fake_hris_add_json_node (GMutex     *mutex,
                            GPtrArray  *nodes,
                            const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_mutex_lock (mutex);
  g_ptr_array_add (nodes, node);
  g_mutex_unlock (mutex);
}

void
hc_fake_json_set_string_or_null (JsonObject *object,
                                 const char *name,
                                 const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}
