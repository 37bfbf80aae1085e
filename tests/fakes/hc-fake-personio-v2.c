/* hc-fake-personio-v2.c — a fake Personio company speaking API v2
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-personio-v2"

#include <string.h>

#include "hc-fake-personio-v2.h"
#include "hc-fake-roster.h"

#define AUTH_PREFIX      "Bearer "
#define EMPLOYMENTS_PART "/employments"

struct _HcFakePersonioV2
{
  HcFakeHris  *server;
  char        *base_url;

  HcFakeRoster roster;
  /* protected by the roster's mutex */
  char        *employments_body;
  gboolean     repeat_cursor;
  gboolean     sparse;
};

/* A stable, UUID-shaped id for a name (org units, offices). */
static char *
uuid_for (const char *name)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_MD5, name, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-8%.3s-%.12s", hash, hash + 8, hash + 12, hash + 15, hash + 18);
}

static JsonObject *
id_object (const char *id)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", id);
  return object;
}

static JsonObject *
link_object (const char *href)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "href", href);
  return object;
}

static const char *
employment_status (const HcFakePerson *person)
{
  if (g_strcmp0 (person->status, "inactive") == 0)
    return "INACTIVE";
  if (g_strcmp0 (person->status, "onboarding") == 0)
    return "ONBOARDING";
  if (g_strcmp0 (person->status, "leave") == 0)
    return "LEAVE";
  return "ACTIVE";
}

/* The Person of @person. Called with the lock held. */
static JsonNode *
render_person (const HcFakePerson *person,
               guint64             index,
               gpointer            user_data)
{
  HcFakePersonioV2 *fake = user_data;
  JsonObject *p = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *employments = json_array_new ();
  JsonObject *meta, *links;
  g_autofree char *employment_id = g_strdup_printf ("emp-%s", person->id);
  g_autofree char *href = g_strdup_printf ("%s/persons/%s/employments", fake->base_url, person->id);

  json_object_set_string_member (p, "id", person->id);
  json_array_add_object_element (employments, id_object (employment_id));
  json_object_set_array_member (p, "employments", employments);
  json_node_take_object (node, p);
  if (fake->sparse)
    return node;

  hc_fake_json_set_string_or_null (p, "email", person->email);
  hc_fake_json_set_string_or_null (p, "first_name", person->first_name);
  hc_fake_json_set_string_or_null (p, "last_name", person->last_name);
  hc_fake_json_set_string_or_null (p, "preferred_name", person->preferred_name);
  json_object_set_string_member (p, "gender", "UNSPECIFIED");
  json_object_set_string_member (p, "status", g_strcmp0 (person->status, "inactive") == 0 ? "INACTIVE" : "ACTIVE");

  {
    JsonArray *custom = json_array_new ();

    if (person->cost_center != NULL)
      {
        JsonObject *attribute = json_object_new ();

        json_object_set_string_member (attribute, "id", "dynamic_1001");
        json_object_set_string_member (attribute, "type", "string");
        json_object_set_string_member (attribute, "global_id", "1001");
        json_object_set_string_member (attribute, "label", "Cost center");
        json_object_set_string_member (attribute, "value", person->cost_center);
        json_array_add_object_element (custom, attribute);
      }
    json_object_set_array_member (p, "custom_attributes", custom);
  }
  json_object_set_string_member (p, "created_at", "2020-01-01T09:00:00Z");
  json_object_set_string_member (p, "updated_at", "2024-01-01T09:00:00Z");

  meta = json_object_new ();
  links = json_object_new ();
  json_object_set_object_member (links, "employments", link_object (href));
  json_object_set_object_member (meta, "links", links);
  json_object_set_object_member (p, "_meta", meta);
  return node;
}

/* The current Employment of @person. Called with the lock held. */
static JsonNode *
render_employment (const HcFakePerson *person)
{
  JsonObject *e = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *org_units = json_array_new ();
  g_autofree char *employment_id = g_strdup_printf ("emp-%s", person->id);

  json_object_set_string_member (e, "id", employment_id);
  json_object_set_string_member (e, "status", employment_status (person));
  if (person->position != NULL)
    {
      JsonObject *position = json_object_new ();

      json_object_set_string_member (position, "title", person->position);
      json_object_set_object_member (e, "position", position);
    }
  else
    json_object_set_null_member (e, "position");
  if (person->manager_id != NULL)
    json_object_set_object_member (e, "supervisor", id_object (person->manager_id));
  else
    json_object_set_null_member (e, "supervisor");
  if (person->office != NULL)
    {
      g_autofree char *office = uuid_for (person->office);

      json_object_set_object_member (e, "office", id_object (office));
    }
  else
    json_object_set_null_member (e, "office");
  if (person->department != NULL)
    {
      g_autofree char *id = uuid_for (person->department);
      JsonObject *unit = id_object (id);

      json_object_set_string_member (unit, "type", "department");
      json_array_add_object_element (org_units, unit);
    }
  if (person->team != NULL)
    {
      g_autofree char *id = uuid_for (person->team);
      JsonObject *unit = id_object (id);

      json_object_set_string_member (unit, "type", "team");
      json_array_add_object_element (org_units, unit);
    }
  json_object_set_array_member (e, "org_units", org_units);
  json_object_set_object_member (e, "legal_entity", id_object ("1"));
  json_object_set_string_member (e, "type", "INTERNAL");
  hc_fake_json_set_string_or_null (e, "employment_start_date", person->hire_date);
  hc_fake_json_set_string_or_null (e, "employment_end_date", person->end_date);
  if (person->end_date != NULL)
    {
      JsonObject *termination = json_object_new ();

      json_object_set_string_member (termination, "termination_date", person->end_date);
      json_object_set_string_member (termination, "last_working_day", person->end_date);
      json_object_set_string_member (termination, "type", "RESIGNATION");
      json_object_set_string_member (termination, "reason", "Moving on");
      json_object_set_object_member (e, "termination", termination);
    }
  else
    json_object_set_null_member (e, "termination");
  json_object_set_int_member (e, "weekly_working_hours", 40);

  json_node_take_object (node, e);
  return node;
}

/* Personio's problem+json, one error. */
static void
reply_problem (SoupServerMessage *msg,
               guint              status,
               const char        *title,
               const char        *detail)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "personio_trace_id");
  json_builder_add_string_value (builder, "fake-trace-0000");
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, "2024-01-01T09:00:00.000Z");
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "https://developer.personio.de/reference/errors#common");
  json_builder_set_member_name (builder, "_meta");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  hc_fake_hris_reply_node (msg, status, node);
}

static void
handle_token (HcFakePersonioV2  *fake,
              SoupServerMessage *msg,
              GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *text = NULL;
  const char *grant, *id, *secret;

  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") != 0 || body == NULL)
    {
      hc_fake_hris_reply_json (msg, SOUP_STATUS_BAD_REQUEST,
                               "{\"error\": \"invalid_request\", \"error_description\": \"The body must be application/x-www-form-urlencoded\"}");
      return;
    }
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  form = soup_form_decode (text);
  grant = g_hash_table_lookup (form, "grant_type");
  id = g_hash_table_lookup (form, "client_id");
  secret = g_hash_table_lookup (form, "client_secret");

  if (g_strcmp0 (grant, "client_credentials") != 0)
    {
      hc_fake_hris_reply_json (msg, SOUP_STATUS_BAD_REQUEST,
                               "{\"error\": \"unsupported_grant_type\", \"error_description\": \"Only client_credentials is supported\"}");
      return;
    }
  if (g_strcmp0 (id, HC_FAKE_PERSONIO_V2_CLIENT_ID) != 0 || g_strcmp0 (secret, HC_FAKE_PERSONIO_V2_SECRET) != 0)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) node = NULL;
      g_autofree char *description = g_strdup_printf ("Client authentication failed for secret '%s'",
                                                      secret ? secret : "");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, "invalid_client");
      json_builder_set_member_name (builder, "error_description");
      json_builder_add_string_value (builder, description);
      json_builder_set_member_name (builder, "error_uri");
      json_builder_add_string_value (builder, "https://developer.personio.de/reference/errors#invalid_client");
      json_builder_set_member_name (builder, "timestamp");
      json_builder_add_string_value (builder, "2024-01-01T09:00:00Z");
      json_builder_set_member_name (builder, "trace_id");
      json_builder_add_string_value (builder, "fake-trace-0000");
      json_builder_set_member_name (builder, "meta");
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      hc_fake_hris_reply_node (msg, SOUP_STATUS_BAD_REQUEST, node);
      return;
    }

  hc_fake_hris_reply_json (msg, SOUP_STATUS_OK,
                           "{\"access_token\": \"" HC_FAKE_PERSONIO_V2_TOKEN "\", \"expires_in\": 86400, "
                           "\"token_type\": \"Bearer\", \"refresh_token\": null, "
                           "\"scope\": \"personio:persons:read personio:employments:read\"}");
}

static void
handle_persons (HcFakePersonioV2  *fake,
                SoupServerMessage *msg,
                GHashTable        *query)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root_object = json_object_new ();
  JsonObject *meta = json_object_new ();
  JsonObject *links = json_object_new ();
  JsonArray *data = json_array_new ();
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
  g_autofree char *self_href = NULL;
  guint64 offset, limit, n_total;

  json_node_take_object (root, root_object);
  json_object_set_array_member (root_object, "_data", data);
  json_object_set_object_member (meta, "links", links);
  json_object_set_object_member (root_object, "_meta", meta);

  if (!hc_fake_query_number (query, "limit", 10, 1, HC_FAKE_PERSONIO_V2_MAX_LIMIT, &limit) ||
      !hc_fake_cursor_offset (cursor, &offset))
    {
      reply_problem (msg, SOUP_STATUS_BAD_REQUEST, "Invalid request",
                     "limit must be a number from 1 to 50 and cursor one sent by the previous page");
      return;
    }

  g_mutex_lock (&fake->roster.mutex);
  if (hc_fake_roster_reply_body (&fake->roster, msg))
    {
      g_mutex_unlock (&fake->roster.mutex);
      return;
    }
  n_total = hc_fake_roster_fill_page (&fake->roster, data, offset, limit, render_person, fake);
  if (offset + limit < n_total || (fake->repeat_cursor && offset > 0))
    {
      g_autofree char *next = hc_fake_cursor_for (fake->repeat_cursor && offset > 0 ? offset : offset + limit);
      g_autofree char *escaped = g_uri_escape_string (next, NULL, FALSE);
      g_autofree char *href = g_strdup_printf ("%s/persons?cursor=%s&limit=%" G_GUINT64_FORMAT,
                                               fake->base_url, escaped, limit);

      json_object_set_object_member (links, "next", link_object (href));
    }
  g_mutex_unlock (&fake->roster.mutex);

  self_href = g_strdup_printf ("%s/persons", fake->base_url);
  json_object_set_object_member (links, "self", link_object (self_href));
  hc_fake_hris_reply_node (msg, SOUP_STATUS_OK, root);
}

static void
handle_employments (HcFakePersonioV2  *fake,
                    SoupServerMessage *msg,
                    const char        *person_id)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *root_object, *meta, *links;
  JsonArray *data;
  HcFakePerson *person;
  g_autofree char *self_href = NULL;

  g_mutex_lock (&fake->roster.mutex);
  if (fake->employments_body != NULL)
    {
      hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, fake->employments_body);
      g_mutex_unlock (&fake->roster.mutex);
      return;
    }
  person = hc_fake_roster_find (&fake->roster, person_id);
  if (person == NULL)
    {
      g_mutex_unlock (&fake->roster.mutex);
      reply_problem (msg, SOUP_STATUS_NOT_FOUND, "Resource not found", "The person was not found");
      return;
    }
  root = json_node_new (JSON_NODE_OBJECT);
  root_object = json_object_new ();
  data = json_array_new ();
  json_array_add_element (data, render_employment (person));
  g_mutex_unlock (&fake->roster.mutex);

  json_node_take_object (root, root_object);
  json_object_set_array_member (root_object, "_data", data);
  meta = json_object_new ();
  links = json_object_new ();
  self_href = g_strdup_printf ("%s/persons/%s/employments", fake->base_url, person_id);
  json_object_set_object_member (links, "self", link_object (self_href));
  json_object_set_object_member (meta, "links", links);
  json_object_set_object_member (root_object, "_meta", meta);
  hc_fake_hris_reply_node (msg, SOUP_STATUS_OK, root);
}

static void
handler_cb (HcFakeHris        *server,
            SoupServerMessage *msg,
            const char        *method,
            const char        *path,
            GHashTable        *query,
            GBytes            *body,
            gpointer           user_data)
{
  HcFakePersonioV2 *fake = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *rest;

  if (g_str_equal (path, HC_FAKE_PERSONIO_V2_TOKEN_PATH))
    {
      if (!g_str_equal (method, "POST"))
        {
          reply_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed", "POST only");
          return;
        }
      handle_token (fake, msg, body);
      return;
    }

  /* 401 with Personio's problem; the detail quotes the header on purpose:
   * a connector must never pass it on unredacted. */
  if (g_strcmp0 (authorization, AUTH_PREFIX HC_FAKE_PERSONIO_V2_TOKEN) != 0)
    {
      g_autofree char *detail = NULL;

      if (authorization == NULL)
        detail = g_strdup ("Missing Authorization header");
      else
        detail = g_strdup_printf ("Invalid access token '%s'", authorization);
      reply_problem (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized", detail);
      return;
    }
  if (!g_str_equal (method, "GET"))
    {
      reply_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed", "Only GET is served by this fake");
      return;
    }

  if (g_str_equal (path, HC_FAKE_PERSONIO_V2_PERSONS_PATH))
    {
      handle_persons (fake, msg, query);
      return;
    }
  rest = g_str_has_prefix (path, HC_FAKE_PERSONIO_V2_PERSONS_PATH "/") ?
         path + strlen (HC_FAKE_PERSONIO_V2_PERSONS_PATH "/") : NULL;
  if (rest != NULL && g_str_has_suffix (rest, EMPLOYMENTS_PART) && strlen (rest) > strlen (EMPLOYMENTS_PART))
    {
      g_autofree char *escaped = g_strndup (rest, strlen (rest) - strlen (EMPLOYMENTS_PART));
      g_autofree char *person_id = g_uri_unescape_string (escaped, NULL);

      if (person_id != NULL && strchr (person_id, '/') == NULL)
        {
          handle_employments (fake, msg, person_id);
          return;
        }
    }
  reply_problem (msg, SOUP_STATUS_NOT_FOUND, "Resource not found", "Not found");
}

HcFakePersonioV2 *
hc_fake_personio_v2_new (GPtrArray *people)
{
  HcFakePersonioV2 *fake = g_new0 (HcFakePersonioV2, 1);

  hc_fake_roster_init (&fake->roster, people);
  fake->server = hc_fake_hris_new ("Personio", handler_cb, fake, NULL);
  fake->base_url = g_strconcat (hc_fake_hris_get_base_url (fake->server), HC_FAKE_PERSONIO_V2_PREFIX, NULL);
  return fake;
}

void
hc_fake_personio_v2_set_people (HcFakePersonioV2 *fake,
                                GPtrArray        *people)
{
  hc_fake_roster_set_people (&fake->roster, people);
}

HcFakeHris *
hc_fake_personio_v2_get_server (HcFakePersonioV2 *fake)
{
  return fake->server;
}

const char *
hc_fake_personio_v2_get_base_url (HcFakePersonioV2 *fake)
{
  return fake->base_url;
}

void
hc_fake_personio_v2_add_raw_person (HcFakePersonioV2 *fake,
                                    const char       *json)
{
  hc_fake_roster_add_raw (&fake->roster, json);
}

void
hc_fake_personio_v2_set_persons_body (HcFakePersonioV2 *fake,
                                      const char       *json)
{
  hc_fake_roster_set_body (&fake->roster, json);
}

void
hc_fake_personio_v2_set_employments_body (HcFakePersonioV2 *fake,
                                          const char       *json)
{
  g_mutex_lock (&fake->roster.mutex);
  g_free (fake->employments_body);
  fake->employments_body = g_strdup (json);
  g_mutex_unlock (&fake->roster.mutex);
}

void
hc_fake_personio_v2_set_repeat_cursor (HcFakePersonioV2 *fake,
                                       gboolean          repeat)
{
  g_mutex_lock (&fake->roster.mutex);
  fake->repeat_cursor = repeat;
  g_mutex_unlock (&fake->roster.mutex);
}

void
hc_fake_personio_v2_set_sparse (HcFakePersonioV2 *fake,
                                gboolean          sparse)
{
  g_mutex_lock (&fake->roster.mutex);
  fake->sparse = sparse;
  g_mutex_unlock (&fake->roster.mutex);
}

void
hc_fake_personio_v2_free (HcFakePersonioV2 *fake)
{
  if (fake == NULL)
    return;

  /* Stops the server thread first: no handler runs after this. */
  hc_fake_hris_free (fake->server);
  hc_fake_roster_clear (&fake->roster);
  g_free (fake->employments_body);
  g_free (fake->base_url);
  g_free (fake);
}
