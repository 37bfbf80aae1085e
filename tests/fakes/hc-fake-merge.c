/* hc-fake-merge.c — a fake Merge linked account serving employees
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-merge"

#include <string.h>

#include "hc-fake-merge.h"
#include "hc-fake-roster.h"

struct _HcFakeMerge
{
  HcFakeHris  *server;
  char        *base_url;

  HcFakeRoster roster;
  /* protected by the roster's mutex */
  gboolean     repeat_cursor;
};

static char *
id_for (const char *kind,
        const char *name)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("%s-%.12s", kind, hash);
}

static void
set_date_time (JsonObject *object,
               const char *name,
               const char *date)
{
  g_autofree char *value = date ? g_strconcat (date, "T00:00:00Z", NULL) : NULL;

  hc_fake_json_set_string_or_null (object, name, value);
}

/* An id as a bare string, as Merge sends a related object it did not
 * expand. */
static void
add_id_element (JsonArray  *array,
                const char *kind,
                const char *name)
{
  g_autofree char *id = id_for (kind, name);

  json_array_add_string_element (array, id);
}

static JsonObject *
group (const char *type,
       const char *name)
{
  JsonObject *g = json_object_new ();
  g_autofree char *id = id_for (type, name);

  json_object_set_string_member (g, "id", id);
  json_object_set_string_member (g, "name", name);
  json_object_set_string_member (g, "type", type);
  json_object_set_null_member (g, "parent_group");
  return g;
}

static const char *
employment_status (const HcFakePerson *person)
{
  if (g_strcmp0 (person->status, "inactive") == 0)
    return "INACTIVE";
  if (g_strcmp0 (person->status, "onboarding") == 0)
    return "PENDING";
  return "ACTIVE";
}

typedef struct
{
  HcFakeMerge *fake;
  GStrv        expand;
  gboolean     remote_data;
} Render;

/* Called with the lock held. */
static JsonNode *
render_employee (const HcFakePerson *person,
                 guint64             index,
                 gpointer            user_data)
{
  Render *render = user_data;
  HcFakeMerge *fake = render->fake;
  GStrv expand = render->expand;
  gboolean remote_data = render->remote_data;
  JsonObject *e = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *groups = json_array_new ();
  JsonArray *employments = json_array_new ();
  JsonObject *employment = json_object_new ();
  JsonObject *custom = json_object_new ();
  g_autofree char *remote_id = g_strconcat ("R", person->id, NULL);
  g_autofree char *number = g_strdup_printf ("E%05" G_GUINT64_FORMAT, index + 1);
  g_autofree char *full = g_strjoin (" ", person->first_name ? person->first_name : "",
                                     person->last_name ? person->last_name : "", NULL);
  g_autofree char *personal = g_strdup_printf ("%s@personal.example", person->id);
  g_autofree char *employment_id = g_strconcat ("job-", person->id, NULL);
  gboolean expand_groups = g_strv_contains ((const char * const *) expand, "groups");
  gboolean expand_location = g_strv_contains ((const char * const *) expand, "work_location");
  gboolean expand_manager = g_strv_contains ((const char * const *) expand, "manager");
  gboolean expand_employments = g_strv_contains ((const char * const *) expand, "employments");
  HcFakePerson *manager = hc_fake_roster_find (&fake->roster, person->manager_id);

  json_object_set_string_member (e, "id", person->id);
  json_object_set_string_member (e, "remote_id", remote_id);
  json_object_set_string_member (e, "employee_number", number);
  json_object_set_string_member (e, "company", "company-1");
  hc_fake_json_set_string_or_null (e, "first_name", person->first_name);
  hc_fake_json_set_string_or_null (e, "last_name", person->last_name);
  hc_fake_json_set_string_or_null (e, "preferred_name", person->preferred_name);
  json_object_set_string_member (e, "display_full_name", full);
  hc_fake_json_set_string_or_null (e, "work_email", person->email);
  json_object_set_string_member (e, "personal_email", personal);

  if (person->department != NULL)
    {
      if (expand_groups)
        json_array_add_object_element (groups, group ("DEPARTMENT", person->department));
      else
        add_id_element (groups, "DEPARTMENT", person->department);
    }
  if (person->team != NULL)
    {
      if (expand_groups)
        json_array_add_object_element (groups, group ("TEAM", person->team));
      else
        add_id_element (groups, "TEAM", person->team);
    }
  json_object_set_array_member (e, "groups", groups);

  if (person->office == NULL)
    json_object_set_null_member (e, "work_location");
  else if (expand_location)
    {
      JsonObject *location = json_object_new ();
      g_autofree char *id = id_for ("location", person->office);

      json_object_set_string_member (location, "id", id);
      json_object_set_string_member (location, "name", person->office);
      json_object_set_string_member (location, "location_type", "WORK");
      json_object_set_object_member (e, "work_location", location);
    }
  else
    {
      g_autofree char *id = id_for ("location", person->office);

      json_object_set_string_member (e, "work_location", id);
    }

  json_object_set_string_member (employment, "id", employment_id);
  hc_fake_json_set_string_or_null (employment, "job_title", person->position);
  json_object_set_string_member (employment, "employment_type", "FULL_TIME");
  if (expand_employments)
    json_array_add_object_element (employments, employment);
  else
    {
      json_array_add_string_element (employments, employment_id);
      json_object_unref (employment);
    }
  json_object_set_array_member (e, "employments", employments);

  if (person->manager_id == NULL)
    json_object_set_null_member (e, "manager");
  else if (expand_manager)
    {
      JsonObject *m = json_object_new ();

      json_object_set_string_member (m, "id", person->manager_id);
      hc_fake_json_set_string_or_null (m, "first_name", manager ? manager->first_name : NULL);
      hc_fake_json_set_string_or_null (m, "last_name", manager ? manager->last_name : NULL);
      hc_fake_json_set_string_or_null (m, "work_email", manager ? manager->email : NULL);
      json_object_set_object_member (e, "manager", m);
    }
  else
    json_object_set_string_member (e, "manager", person->manager_id);

  set_date_time (e, "start_date", person->hire_date);
  set_date_time (e, "hire_date", person->hire_date);
  set_date_time (e, "termination_date", person->end_date);
  json_object_set_string_member (e, "employment_status", employment_status (person));
  json_object_set_boolean_member (custom, "skip_sync", person->skip_sync);
  hc_fake_json_set_string_or_null (custom, "cost_center", person->cost_center);
  json_object_set_object_member (e, "custom_fields", custom);
  json_object_set_boolean_member (e, "remote_was_deleted", FALSE);
  json_object_set_string_member (e, "modified_at", "2026-01-15T10:20:06Z");

  if (remote_data)
    {
      JsonArray *list = json_array_new ();
      JsonObject *item = json_object_new ();
      JsonObject *data = json_object_new ();

      json_object_set_string_member (data, "id", remote_id);
      json_object_set_string_member (data, "lifecycle", g_strcmp0 (person->status, "leave") == 0 ? "on_leave" : "employed");
      json_object_set_string_member (item, "path", "/employees");
      json_object_set_object_member (item, "data", data);
      json_array_add_object_element (list, item);
      json_object_set_array_member (e, "remote_data", list);
    }
  else
    json_object_set_null_member (e, "remote_data");

  json_node_take_object (node, e);
  return node;
}

static void
reply_detail (SoupServerMessage *msg,
              guint              status,
              const char        *detail)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "detail", detail);
  json_node_take_object (node, object);
  hc_fake_hris_reply_node (msg, status, node);
}

static void
handle_employees (HcFakeMerge       *fake,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
  const char *expand_text = query ? g_hash_table_lookup (query, "expand") : NULL;
  g_auto (GStrv) expand = g_strsplit (expand_text ? expand_text : "", ",", -1);
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *results = json_array_new ();
  guint64 offset, size, n_total;
  Render render = {
    .fake = fake,
    .expand = expand,
    .remote_data = query && g_strcmp0 (g_hash_table_lookup (query, "include_remote_data"), "true") == 0,
  };

  json_node_take_object (root, object);
  json_object_set_array_member (object, "results", results);

  if (!hc_fake_query_number (query, "page_size", HC_FAKE_MERGE_MAX_PAGE_SIZE, 1, HC_FAKE_MERGE_MAX_PAGE_SIZE, &size) ||
      !hc_fake_cursor_offset (cursor, &offset))
    {
      reply_detail (msg, SOUP_STATUS_BAD_REQUEST, "Invalid cursor or page_size");
      return;
    }

  g_mutex_lock (&fake->roster.mutex);
  if (hc_fake_roster_reply_body (&fake->roster, msg))
    {
      g_mutex_unlock (&fake->roster.mutex);
      return;
    }
  n_total = hc_fake_roster_fill_page (&fake->roster, results, offset, size, render_employee, &render);
  if (offset + size < n_total)
    {
      g_autofree char *next = hc_fake_cursor_for (fake->repeat_cursor && offset > 0 ? size : offset + size);

      json_object_set_string_member (object, "next", next);
    }
  else
    json_object_set_null_member (object, "next");
  if (cursor != NULL)
    json_object_set_string_member (object, "previous", cursor);
  else
    json_object_set_null_member (object, "previous");
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
  HcFakeMerge *fake = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *account = soup_message_headers_get_one (headers, "X-Account-Token");

  /* The details quote what came, on purpose: a connector must never pass
   * them on unredacted. */
  if (g_strcmp0 (authorization, "Bearer " HC_FAKE_MERGE_API_KEY) != 0)
    {
      g_autofree char *detail = g_strdup_printf ("Invalid API key: '%s'", authorization ? authorization : "");

      reply_detail (msg, SOUP_STATUS_UNAUTHORIZED, detail);
      return;
    }
  if (g_strcmp0 (account, HC_FAKE_MERGE_ACCOUNT_TOKEN) != 0)
    {
      g_autofree char *detail = g_strdup_printf ("Invalid account token: '%s'", account ? account : "");

      reply_detail (msg, SOUP_STATUS_UNAUTHORIZED, detail);
      return;
    }
  if (!g_str_equal (path, HC_FAKE_MERGE_EMPLOYEES_PATH))
    {
      reply_detail (msg, SOUP_STATUS_NOT_FOUND, "Not found.");
      return;
    }
  if (!g_str_equal (method, "GET"))
    {
      reply_detail (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed.");
      return;
    }
  handle_employees (fake, msg, query);
}

HcFakeMerge *
hc_fake_merge_new (GPtrArray *people)
{
  HcFakeMerge *fake = g_new0 (HcFakeMerge, 1);

  hc_fake_roster_init (&fake->roster, people);
  fake->server = hc_fake_hris_new ("Merge", handler_cb, fake, NULL);
  fake->base_url = g_strconcat (hc_fake_hris_get_base_url (fake->server), HC_FAKE_MERGE_PREFIX, NULL);
  return fake;
}

void
hc_fake_merge_set_people (HcFakeMerge *fake,
                          GPtrArray   *people)
{
  hc_fake_roster_set_people (&fake->roster, people);
}

HcFakeHris *
hc_fake_merge_get_server (HcFakeMerge *fake)
{
  return fake->server;
}

const char *
hc_fake_merge_get_base_url (HcFakeMerge *fake)
{
  return fake->base_url;
}

void
hc_fake_merge_add_raw_employee (HcFakeMerge *fake,
                                const char  *json)
{
  hc_fake_roster_add_raw (&fake->roster, json);
}

void
hc_fake_merge_set_body (HcFakeMerge *fake,
                        const char  *json)
{
  hc_fake_roster_set_body (&fake->roster, json);
}

void
hc_fake_merge_set_repeat_cursor (HcFakeMerge *fake,
                                 gboolean     repeat)
{
  g_mutex_lock (&fake->roster.mutex);
  fake->repeat_cursor = repeat;
  g_mutex_unlock (&fake->roster.mutex);
}

void
hc_fake_merge_free (HcFakeMerge *fake)
{
  if (fake == NULL)
    return;
  hc_fake_hris_free (fake->server);
  hc_fake_roster_clear (&fake->roster);
  g_free (fake->base_url);
  g_free (fake);
}
