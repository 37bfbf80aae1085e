/* hc-fake-deel.c — a fake Deel organisation serving the people list
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-deel"

#include <string.h>

#include "hc-fake-deel.h"
#include "hc-fake-roster.h"

#define AUTH_PREFIX "Bearer "

struct _HcFakeDeel
{
  HcFakeHris  *server;
  char        *base_url;

  HcFakeRoster roster;
  /* protected by the roster's mutex */
  GHashTable  *reports;      /* manager id → GUINT count */
  gboolean     send_total;
};

/* A stable, UUID-shaped id for a name (departments, teams, entities). */
static char *
uuid_for (const char *kind,
          const char *name)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_MD5, name, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-8%.3s-%.12s", hash, hash + 8, hash + 12, hash + 15,
                          hash + 18 + (strlen (kind) % 2));
}

static JsonObject *
reference (const char *kind,
           const char *name)
{
  JsonObject *ref = json_object_new ();
  g_autofree char *id = uuid_for (kind, name);

  json_object_set_string_member (ref, "id", id);
  json_object_set_string_member (ref, "name", name);
  return ref;
}

static const char *
hiring_status (const HcFakePerson *person)
{
  if (g_strcmp0 (person->status, "inactive") == 0)
    return "inactive";
  if (g_strcmp0 (person->status, "onboarding") == 0)
    return "onboarding";
  /* Deel has no "on leave" hiring status. */
  return "active";
}

/* The whole Deel person of @person. Called with the lock held. */
static JsonNode *
render_person (const HcFakePerson *person,
               guint64             index,
               gpointer            user_data)
{
  HcFakeDeel *fake = user_data;
  JsonObject *p = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *emails = json_array_new ();
  JsonArray *employments = json_array_new ();
  JsonObject *email, *employment;
  g_autofree char *full = g_strjoin (" ", person->first_name ? person->first_name : "",
                                     person->last_name ? person->last_name : "", NULL);
  g_autofree char *personal = g_strdup_printf ("%s@personal.example", person->id);
  g_autofree char *contract = g_strdup_printf ("c%s", person->id);
  HcFakePerson *manager = hc_fake_roster_find (&fake->roster, person->manager_id);

  json_object_set_string_member (p, "id", person->id);
  json_object_set_int_member (p, "worker_id", index + 1);
  json_object_set_string_member (p, "external_id", contract);
  hc_fake_json_set_string_or_null (p, "first_name", person->first_name);
  hc_fake_json_set_string_or_null (p, "last_name", person->last_name);
  json_object_set_string_member (p, "full_name", full);
  hc_fake_json_set_string_or_null (p, "preferred_first_name",
                                   person->preferred_name ? person->preferred_name : person->first_name);

  /* The work address first when there is one, then the personal one,
   * which a connector must never take for the work e-mail. */
  email = json_object_new ();
  json_object_set_string_member (email, "type", "personal");
  json_object_set_string_member (email, "value", personal);
  if (person->email != NULL)
    {
      JsonObject *work = json_object_new ();

      json_object_set_string_member (work, "type", "work");
      json_object_set_string_member (work, "value", person->email);
      /* On odd ids the personal address comes first. */
      if (strlen (person->id) > 0 && (person->id[strlen (person->id) - 1] - '0') % 2 == 1)
        {
          json_array_add_object_element (emails, email);
          json_array_add_object_element (emails, work);
        }
      else
        {
          json_array_add_object_element (emails, work);
          json_array_add_object_element (emails, email);
        }
    }
  else
    json_array_add_object_element (emails, email);
  json_object_set_array_member (p, "emails", emails);

  hc_fake_json_set_string_or_null (p, "job_title", person->position);
  json_object_set_string_member (p, "hiring_status", hiring_status (person));
  json_object_set_string_member (p, "new_hiring_status", hiring_status (person));
  json_object_set_string_member (p, "hiring_type", "direct_employee");
  json_object_set_string_member (p, "state", g_strcmp0 (person->status, "inactive") == 0 ? "Inactive" : "Active");
  hc_fake_json_set_string_or_null (p, "start_date", person->hire_date);
  hc_fake_json_set_string_or_null (p, "completion_date", person->end_date);

  if (person->department != NULL)
    {
      JsonObject *department = reference ("department", person->department);

      json_object_set_string_member (department, "parent", "Company");
      json_object_set_object_member (p, "department", department);
    }
  else
    json_object_set_null_member (p, "department");
  hc_fake_json_set_string_or_null (p, "work_location", person->office);
  json_object_set_string_member (p, "country", "FR");
  json_object_set_string_member (p, "timezone", "Europe/Paris");

  if (person->manager_id != NULL)
    {
      JsonObject *m = json_object_new ();

      json_object_set_string_member (m, "id", person->manager_id);
      hc_fake_json_set_string_or_null (m, "first_name", manager ? manager->first_name : NULL);
      hc_fake_json_set_string_or_null (m, "last_name", manager ? manager->last_name : NULL);
      hc_fake_json_set_string_or_null (m, "work_email", manager ? manager->email : NULL);
      json_object_set_object_member (p, "direct_manager", m);
    }
  else
    json_object_set_null_member (p, "direct_manager");
  json_object_set_int_member (p, "direct_reports_count",
                              GPOINTER_TO_UINT (g_hash_table_lookup (fake->reports, person->id)));
  json_object_set_object_member (p, "client_legal_entity", reference ("entity", "Fake Company SAS"));

  employment = json_object_new ();
  json_object_set_string_member (employment, "id", contract);
  if (person->team != NULL)
    json_object_set_object_member (employment, "team", reference ("team", person->team));
  else
    json_object_set_null_member (employment, "team");
  json_object_set_string_member (employment, "hiring_status", hiring_status (person));
  json_object_set_string_member (employment, "contract_status",
                                 g_strcmp0 (person->status, "inactive") == 0 ? "terminated" : "in_progress");
  json_array_add_object_element (employments, employment);
  json_object_set_array_member (p, "employments", employments);

  json_node_take_object (node, p);
  return node;
}

/* Deel's ApiErrorContainer. */
static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, "GET");
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, HC_FAKE_DEEL_PEOPLE_PATH);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "api_req_id");
  json_builder_add_string_value (builder, "00000000-0000-0000-0000-000000000000");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  hc_fake_hris_reply_node (msg, status, node);
}

static void
handle_people (HcFakeDeel        *fake,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root_object = json_object_new ();
  JsonObject *page = json_object_new ();
  JsonArray *data = json_array_new ();
  guint64 offset, limit, n_total;

  json_node_take_object (root, root_object);
  json_object_set_array_member (root_object, "data", data);
  json_object_set_object_member (root_object, "page", page);

  if (!hc_fake_query_number (query, "offset", 0, 0, 999999999, &offset) ||
      !hc_fake_query_number (query, "limit", 50, 1, HC_FAKE_DEEL_MAX_LIMIT, &limit))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                   "limit must be a number from 1 to 200 and offset a number from 0");
      return;
    }

  g_mutex_lock (&fake->roster.mutex);
  if (hc_fake_roster_reply_body (&fake->roster, msg))
    {
      g_mutex_unlock (&fake->roster.mutex);
      return;
    }
  n_total = hc_fake_roster_fill_page (&fake->roster, data, offset, limit, render_person, fake);
  json_object_set_int_member (page, "offset", offset);
  json_object_set_int_member (page, "items_per_page", limit);
  if (fake->send_total)
    json_object_set_int_member (page, "total_rows", n_total);
  g_mutex_unlock (&fake->roster.mutex);

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
  HcFakeDeel *fake = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  /* 401 with Deel's error container; the message quotes the token on
   * purpose: a connector must never pass it on unredacted. */
  if (g_strcmp0 (authorization, AUTH_PREFIX HC_FAKE_DEEL_SECRET) != 0)
    {
      g_autofree char *message = NULL;

      if (authorization == NULL)
        message = g_strdup ("Missing Authorization header: expected 'Bearer <token>'");
      else
        message = g_strdup_printf ("Invalid token '%s'", authorization);
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, message);
      return;
    }

  if (!g_str_equal (path, HC_FAKE_DEEL_PEOPLE_PATH))
    {
      reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not found");
      return;
    }
  if (!g_str_equal (method, "GET"))
    {
      reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Only GET is served by this fake");
      return;
    }

  handle_people (fake, msg, query);
}

/* How many report to each person. Called with the lock held, or before
 * the server starts. */
static void
count_reports (HcFakeDeel *fake)
{
  g_clear_pointer (&fake->reports, g_hash_table_unref);
  fake->reports = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < fake->roster.people->len; i++)
    {
      HcFakePerson *person = g_ptr_array_index (fake->roster.people, i);
      HcFakePerson *manager = hc_fake_roster_find (&fake->roster, person->manager_id);

      if (manager != NULL)
        g_hash_table_insert (fake->reports, manager->id,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (fake->reports, manager->id)) + 1));
    }
}

HcFakeDeel *
hc_fake_deel_new (GPtrArray *people)
{
  HcFakeDeel *fake = g_new0 (HcFakeDeel, 1);

  hc_fake_roster_init (&fake->roster, people);
  fake->send_total = TRUE;
  count_reports (fake);
  fake->server = hc_fake_hris_new ("Deel", handler_cb, fake, NULL);
  fake->base_url = g_strconcat (hc_fake_hris_get_base_url (fake->server), HC_FAKE_DEEL_PREFIX, NULL);
  return fake;
}

void
hc_fake_deel_set_people (HcFakeDeel *fake,
                         GPtrArray  *people)
{
  g_mutex_lock (&fake->roster.mutex);
  hc_fake_roster_replace_locked (&fake->roster, people);
  count_reports (fake);
  g_mutex_unlock (&fake->roster.mutex);
}

HcFakeHris *
hc_fake_deel_get_server (HcFakeDeel *fake)
{
  return fake->server;
}

const char *
hc_fake_deel_get_base_url (HcFakeDeel *fake)
{
  return fake->base_url;
}

void
hc_fake_deel_add_raw_person (HcFakeDeel *fake,
                             const char *json)
{
  hc_fake_roster_add_raw (&fake->roster, json);
}

void
hc_fake_deel_set_people_body (HcFakeDeel *fake,
                              const char *json)
{
  hc_fake_roster_set_body (&fake->roster, json);
}

void
hc_fake_deel_set_send_total (HcFakeDeel *fake,
                             gboolean    send_total)
{
  g_mutex_lock (&fake->roster.mutex);
  fake->send_total = send_total;
  g_mutex_unlock (&fake->roster.mutex);
}

void
hc_fake_deel_free (HcFakeDeel *fake)
{
  if (fake == NULL)
    return;

  /* Stops the server thread first: no handler runs after this. */
  hc_fake_hris_free (fake->server);
  g_clear_pointer (&fake->reports, g_hash_table_unref);
  hc_fake_roster_clear (&fake->roster);
  g_free (fake->base_url);
  g_free (fake);
}
