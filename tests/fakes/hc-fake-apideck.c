/* hc-fake-apideck.c — a fake Apideck Unify application serving
 * /hris/employees
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-apideck"

#include <string.h>

#include "hc-fake-apideck.h"
#include "hc-fake-roster.h"

struct _HcFakeApideck
{
  HcFakeHris  *server;
  HcFakeRoster roster;
  /* protected by the roster's mutex */
  gboolean     repeat_cursor;
};

static char *
id_for (const char *kind,
        const char *name)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("%s-%.10s", kind, hash);
}

static JsonObject *
email_object (const char *type,
              const char *address)
{
  JsonObject *email = json_object_new ();

  json_object_set_string_member (email, "type", type);
  json_object_set_string_member (email, "email", address);
  return email;
}

static JsonObject *
custom_field (const char *id,
              const char *name)
{
  JsonObject *field = json_object_new ();

  json_object_set_string_member (field, "id", id);
  json_object_set_string_member (field, "name", name);
  return field;
}

/* Called with the lock held. */
static JsonNode *
render_employee (const HcFakePerson *person,
                 guint64             index,
                 gpointer            user_data)
{
  HcFakeApideck *fake = user_data;
  JsonObject *e = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *emails = json_array_new ();
  JsonArray *jobs = json_array_new ();
  JsonArray *custom = json_array_new ();
  JsonObject *job = json_object_new ();
  JsonObject *role = json_object_new ();
  JsonObject *field;
  g_autofree char *downstream = g_strconcat ("D", person->id, NULL);
  g_autofree char *number = g_strdup_printf ("E%05" G_GUINT64_FORMAT, index + 1);
  g_autofree char *full = g_strjoin (" ", person->first_name ? person->first_name : "",
                                     person->last_name ? person->last_name : "", NULL);
  g_autofree char *personal = g_strdup_printf ("%s@personal.example", person->id);
  g_autofree char *job_id = g_strconcat ("job-", person->id, NULL);
  HcFakePerson *manager = hc_fake_roster_find (&fake->roster, person->manager_id);

  json_object_set_string_member (e, "id", person->id);
  json_object_set_string_member (e, "downstream_id", downstream);
  json_object_set_string_member (e, "employee_number", number);
  hc_fake_json_set_string_or_null (e, "first_name", person->first_name);
  hc_fake_json_set_string_or_null (e, "last_name", person->last_name);
  hc_fake_json_set_string_or_null (e, "preferred_name", person->preferred_name);
  json_object_set_string_member (e, "display_name", full);
  hc_fake_json_set_string_or_null (e, "title", person->position);
  hc_fake_json_set_string_or_null (e, "department_name", person->department);
  if (person->department != NULL)
    {
      g_autofree char *id = id_for ("dep", person->department);

      json_object_set_string_member (e, "department_id", id);
    }
  else
    json_object_set_null_member (e, "department_id");
  if (person->team != NULL)
    {
      JsonObject *team = json_object_new ();
      g_autofree char *id = id_for ("team", person->team);

      json_object_set_string_member (team, "id", id);
      json_object_set_string_member (team, "name", person->team);
      json_object_set_object_member (e, "team", team);
    }
  else
    json_object_set_null_member (e, "team");
  json_object_set_string_member (e, "company_name", "Fake Company SAS");
  hc_fake_json_set_string_or_null (e, "employment_start_date", person->hire_date);
  hc_fake_json_set_string_or_null (e, "employment_end_date", person->end_date);
  json_object_set_string_member (e, "employment_status",
                                 g_strcmp0 (person->status, "inactive") == 0 ? "terminated" : "active");
  json_object_set_string_member (role, "type", "employee");
  json_object_set_object_member (e, "employment_role", role);

  if (person->manager_id != NULL)
    {
      JsonObject *m = json_object_new ();

      json_object_set_string_member (m, "id", person->manager_id);
      if (manager != NULL)
        {
          g_autofree char *name = g_strjoin (" ", manager->first_name ? manager->first_name : "",
                                             manager->last_name ? manager->last_name : "", NULL);

          json_object_set_string_member (m, "name", name);
        }
      hc_fake_json_set_string_or_null (m, "first_name", manager ? manager->first_name : NULL);
      hc_fake_json_set_string_or_null (m, "last_name", manager ? manager->last_name : NULL);
      hc_fake_json_set_string_or_null (m, "email", manager ? manager->email : NULL);
      json_object_set_object_member (e, "manager", m);
    }
  else
    json_object_set_null_member (e, "manager");

  /* The personal address first: a connector must never take it. */
  json_array_add_object_element (emails, email_object ("personal", personal));
  if (person->email != NULL)
    json_array_add_object_element (emails, email_object ("work", person->email));
  json_object_set_array_member (e, "emails", emails);

  json_object_set_string_member (job, "id", job_id);
  hc_fake_json_set_string_or_null (job, "title", person->position);
  json_object_set_boolean_member (job, "is_primary", TRUE);
  if (person->office != NULL)
    {
      JsonObject *location = json_object_new ();

      json_object_set_string_member (location, "type", "work");
      json_object_set_string_member (location, "city", person->office);
      json_object_set_object_member (job, "location", location);
    }
  else
    json_object_set_null_member (job, "location");
  json_array_add_object_element (jobs, job);
  json_object_set_array_member (e, "jobs", jobs);

  field = custom_field ("cf-1", "skip_sync");
  json_object_set_boolean_member (field, "value", person->skip_sync);
  json_array_add_object_element (custom, field);
  field = custom_field ("cf-2", "cost_center");
  hc_fake_json_set_string_or_null (field, "value", person->cost_center);
  json_array_add_object_element (custom, field);
  json_object_set_array_member (e, "custom_fields", custom);

  json_object_set_boolean_member (e, "works_remote", FALSE);
  json_object_set_boolean_member (e, "deleted", FALSE);

  json_node_take_object (node, e);
  return node;
}

/* Apideck's error shape (UnauthorizedResponse, BadRequestResponse). */
static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *error,
             const char        *detail)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  g_autofree char *type_name = g_strdup_printf ("%sError", status == 401 ? "Unauthorized" : "BadRequest");

  json_object_set_int_member (object, "status_code", status);
  json_object_set_string_member (object, "error", error);
  json_object_set_string_member (object, "type_name", type_name);
  json_object_set_string_member (object, "message", status == 401 ? "Unauthorized Request" : "Invalid request");
  json_object_set_string_member (object, "detail", detail);
  json_object_set_string_member (object, "ref", "https://developers.apideck.com/errors");
  json_node_take_object (node, object);
  hc_fake_hris_reply_node (msg, status, node);
}

static void
set_cursor (JsonObject *object,
            const char *name,
            const char *cursor)
{
  hc_fake_json_set_string_or_null (object, name, cursor);
}

static void
handle_employees (HcFakeApideck     *fake,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *data = json_array_new ();
  JsonObject *meta = json_object_new ();
  JsonObject *cursors = json_object_new ();
  JsonObject *links = json_object_new ();
  g_autofree char *next = NULL;
  guint64 offset, limit, n_total;

  json_node_take_object (root, object);
  json_object_set_int_member (object, "status_code", 200);
  json_object_set_string_member (object, "status", "OK");
  json_object_set_string_member (object, "service", HC_FAKE_APIDECK_SERVICE_ID);
  json_object_set_string_member (object, "resource", "employees");
  json_object_set_string_member (object, "operation", "all");
  json_object_set_array_member (object, "data", data);
  json_object_set_object_member (object, "meta", meta);
  json_object_set_object_member (object, "links", links);

  if (!hc_fake_query_number (query, "limit", 20, 1, HC_FAKE_APIDECK_MAX_LIMIT, &limit) ||
      !hc_fake_cursor_offset (cursor, &offset))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Bad Request", "Invalid cursor or limit");
      return;
    }

  g_mutex_lock (&fake->roster.mutex);
  if (hc_fake_roster_reply_body (&fake->roster, msg))
    {
      g_mutex_unlock (&fake->roster.mutex);
      return;
    }
  n_total = hc_fake_roster_fill_page (&fake->roster, data, offset, limit, render_employee, fake);
  /* A full last page still gives a next cursor: the page after it is
   * empty, as Apideck's own paging does when the HR system cannot tell. */
  if (offset + limit <= n_total)
    next = hc_fake_cursor_for (fake->repeat_cursor && offset > 0 ? limit : offset + limit);
  g_mutex_unlock (&fake->roster.mutex);

  json_object_set_int_member (meta, "items_on_page", json_array_get_length (data));
  set_cursor (cursors, "previous", NULL);
  set_cursor (cursors, "current", cursor);
  set_cursor (cursors, "next", next);
  json_object_set_object_member (meta, "cursors", cursors);
  json_object_set_null_member (links, "previous");
  json_object_set_string_member (links, "current", HC_FAKE_APIDECK_EMPLOYEES_PATH);
  if (next != NULL)
    {
      g_autofree char *link = g_strconcat (HC_FAKE_APIDECK_EMPLOYEES_PATH "?cursor=", next, NULL);

      json_object_set_string_member (links, "next", link);
    }
  else
    json_object_set_null_member (links, "next");

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
  HcFakeApideck *fake = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *app = soup_message_headers_get_one (headers, "x-apideck-app-id");
  const char *consumer = soup_message_headers_get_one (headers, "x-apideck-consumer-id");
  const char *service = soup_message_headers_get_one (headers, "x-apideck-service-id");

  /* The details quote what came, on purpose: a connector must never pass
   * them on unredacted. */
  if (g_strcmp0 (authorization, "Bearer " HC_FAKE_APIDECK_SECRET) != 0)
    {
      g_autofree char *detail = g_strdup_printf ("Invalid API key: '%s'", authorization ? authorization : "");

      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized", detail);
      return;
    }
  if (g_strcmp0 (app, HC_FAKE_APIDECK_APP_ID) != 0 || g_strcmp0 (consumer, HC_FAKE_APIDECK_CONSUMER_ID) != 0)
    {
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized",
                   "Unknown application or consumer (x-apideck-app-id, x-apideck-consumer-id)");
      return;
    }
  if (service != NULL && !g_str_equal (service, HC_FAKE_APIDECK_SERVICE_ID))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Bad Request",
                   "No connection for this service (x-apideck-service-id)");
      return;
    }
  if (!g_str_equal (path, HC_FAKE_APIDECK_EMPLOYEES_PATH))
    {
      reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found", "Unknown resource");
      return;
    }
  if (!g_str_equal (method, "GET"))
    {
      reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed", "Only GET is served by this fake");
      return;
    }
  handle_employees (fake, msg, query);
}

HcFakeApideck *
hc_fake_apideck_new (GPtrArray *people)
{
  HcFakeApideck *fake = g_new0 (HcFakeApideck, 1);

  hc_fake_roster_init (&fake->roster, people);
  fake->server = hc_fake_hris_new ("Apideck", handler_cb, fake, NULL);
  return fake;
}

void
hc_fake_apideck_set_people (HcFakeApideck *fake,
                            GPtrArray     *people)
{
  hc_fake_roster_set_people (&fake->roster, people);
}

HcFakeHris *
hc_fake_apideck_get_server (HcFakeApideck *fake)
{
  return fake->server;
}

const char *
hc_fake_apideck_get_base_url (HcFakeApideck *fake)
{
  return hc_fake_hris_get_base_url (fake->server);
}

void
hc_fake_apideck_add_raw_employee (HcFakeApideck *fake,
                                  const char    *json)
{
  hc_fake_roster_add_raw (&fake->roster, json);
}

void
hc_fake_apideck_set_body (HcFakeApideck *fake,
                          const char    *json)
{
  hc_fake_roster_set_body (&fake->roster, json);
}

void
hc_fake_apideck_set_repeat_cursor (HcFakeApideck *fake,
                                   gboolean       repeat)
{
  g_mutex_lock (&fake->roster.mutex);
  fake->repeat_cursor = repeat;
  g_mutex_unlock (&fake->roster.mutex);
}

void
hc_fake_apideck_free (HcFakeApideck *fake)
{
  if (fake == NULL)
    return;
  hc_fake_hris_free (fake->server);
  hc_fake_roster_clear (&fake->roster);
  g_free (fake);
}
