/* hc-fake-personio.c — a fake Personio API v1: POST /v1/auth and
 * GET /v1/company/employees
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-personio"

#include <string.h>

#include "hc-fake-personio.h"

#define AUTH_PATH       "/v1/auth"
#define EMPLOYEES_PATH  "/v1/company/employees"

struct _HcFakePersonio
{
  HcFakeHris *server;
  char       *base_url;

  GMutex      mutex;
  /* protected by @mutex */
  GPtrArray  *people;          /* HcFakePerson* */
  GPtrArray  *raw_employees;   /* JsonNode* */
  gint64      total_elements;
  gboolean    ignore_offset;
  char       *employees_body;
  char       *auth_body;
  GHashTable *pages;           /* "offset limit" → JSON text, when caching */
};

/* Error bodies: {"success": false, "error": {"code": …, "message": …}} */
static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "success");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hc_fake_hris_reply_node (msg, status, root);
}

/* POST /v1/auth */

/* The fields of a form-encoded or JSON body. (transfer full) */
static GHashTable *
decode_auth_body (SoupServerMessage *msg,
                  GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  g_autofree char *text = g_strndup (data ? data : "", size);

  if (g_strcmp0 (type, "application/x-www-form-urlencoded") == 0)
    return soup_form_decode (text);

  if (g_strcmp0 (type, "application/json") == 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      JsonNode *root;

      if (json_parser_load_from_data (parser, text, -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          json_object_iter_init (&iter, json_node_get_object (root));
          while (json_object_iter_next (&iter, &name, &member))
            if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
              g_hash_table_insert (fields, g_strdup (name), g_strdup (json_node_get_string (member)));
        }
      return fields;
    }

  return NULL;
}

static void
handle_auth (HcFakePersonio    *fake,
             SoupServerMessage *msg,
             GBytes            *body)
{
  g_autoptr (GHashTable) fields = decode_auth_body (msg, body);
  const char *client_id = fields ? g_hash_table_lookup (fields, "client_id") : NULL;
  const char *client_secret = fields ? g_hash_table_lookup (fields, "client_secret") : NULL;
  g_autofree char *override = NULL;

  if (fields == NULL)
    {
      reply_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                   "Send the credentials as application/json or application/x-www-form-urlencoded");
      return;
    }
  if (client_id == NULL || client_secret == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "client_id and client_secret are required");
      return;
    }
  if (!g_str_equal (client_id, HC_FAKE_PERSONIO_CLIENT_ID) ||
      !g_str_equal (client_secret, HC_FAKE_PERSONIO_SECRET))
    {
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "Wrong credentials");
      return;
    }

  g_mutex_lock (&fake->mutex);
  override = g_strdup (fake->auth_body);
  g_mutex_unlock (&fake->mutex);
  if (override != NULL)
    {
      hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, override);
      return;
    }

  hc_fake_hris_reply_json (msg, SOUP_STATUS_OK,
                           "{\"success\":true,\"data\":{\"token\":\"" HC_FAKE_PERSONIO_TOKEN "\","
                           "\"expires_in\":86400,\"scope\":\"employees:read absences:read\"}}");
}

/* GET /v1/company/employees */

/* Digits only, within @max. */
static gboolean
parse_count (const char *text,
             guint64     min,
             guint64     max,
             guint64    *value)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return g_ascii_string_to_unsigned (text, 10, min, max, value, NULL);
}

static gint64
entity_id (const char *name,
           guint       base)
{
  return base + g_str_hash (name) % 90000;
}

static void
begin_attribute (JsonBuilder *b,
                 const char  *key,
                 const char  *label)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, label);
  json_builder_set_member_name (b, "value");
}

static void
end_attribute (JsonBuilder *b,
               const char  *type,
               const char  *universal_id)
{
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "universal_id");
  if (universal_id != NULL)
    json_builder_add_string_value (b, universal_id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *value)
{
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static gboolean
is_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Personio's ids are integers; a test may use other ids. */
static void
add_id_value (JsonBuilder *b,
              const char  *id)
{
  if (is_digits (id) && strlen (id) < 16)
    json_builder_add_int_value (b, g_ascii_strtoll (id, NULL, 10));
  else
    json_builder_add_string_value (b, id);
}

static void
add_string_attribute (JsonBuilder *b,
                      const char  *key,
                      const char  *label,
                      const char  *value)
{
  begin_attribute (b, key, label);
  add_string_or_null (b, value);
  end_attribute (b, "standard", key);
}

static void
add_date_attribute (JsonBuilder *b,
                    const char  *key,
                    const char  *label,
                    const char  *date)
{
  g_autofree char *value = date ? g_strconcat (date, "T00:00:00+01:00", NULL) : NULL;

  begin_attribute (b, key, label);
  add_string_or_null (b, value);
  end_attribute (b, "date", key);
}

/* {"type": "Office", "attributes": {"id": 131014, "name": "Munich"}} */
static void
add_entity_attribute (JsonBuilder *b,
                      const char  *key,
                      const char  *label,
                      const char  *entity,
                      const char  *name,
                      guint        id_base)
{
  begin_attribute (b, key, label);
  if (name == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, entity);
      json_builder_set_member_name (b, "attributes");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, entity_id (name, id_base));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  end_attribute (b, "standard", key);
}

static void
add_supervisor (JsonBuilder  *b,
                GPtrArray    *people,
                HcFakePerson *person)
{
  HcFakePerson *manager = person->manager_id ? hc_fake_people_find (people, person->manager_id) : NULL;

  begin_attribute (b, "supervisor", "Supervisor");
  if (person->manager_id == NULL)
    json_builder_add_null_value (b);
  else
    {
      /* schema ShortEmployee: attribute objects in turn */
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "Employee");
      json_builder_set_member_name (b, "attributes");
      json_builder_begin_object (b);
      begin_attribute (b, "id", "ID");
      add_id_value (b, person->manager_id);
      end_attribute (b, "integer", "id");
      if (manager != NULL)
        {
          add_string_attribute (b, "first_name", "First name", manager->first_name);
          add_string_attribute (b, "last_name", "Last name", manager->last_name);
          add_string_attribute (b, "email", "Email", manager->email);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  end_attribute (b, "standard", "supervisor");
}

static void
add_person (JsonBuilder  *b,
            GPtrArray    *people,
            HcFakePerson *person)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Employee");
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_object (b);

  begin_attribute (b, "id", "ID");
  add_id_value (b, person->id);
  end_attribute (b, "integer", "id");
  add_string_attribute (b, "first_name", "First name", person->first_name);
  add_string_attribute (b, "last_name", "Last name", person->last_name);
  add_string_attribute (b, "preferred_name", "Name (preferred)",
                        person->preferred_name ? person->preferred_name : "");
  add_string_attribute (b, "email", "Email", person->email);
  add_string_attribute (b, "status", "Status", person->status);
  add_string_attribute (b, "position", "Position", person->position ? person->position : "");
  add_supervisor (b, people, person);
  add_string_attribute (b, "employment_type", "Employment type", "internal");
  add_string_attribute (b, "weekly_working_hours", "Weekly hours", "40");
  add_date_attribute (b, "hire_date", "Hire date", person->hire_date);
  add_date_attribute (b, "contract_end_date", "Contract ends", NULL);
  add_date_attribute (b, "termination_date", "Termination date", person->end_date);
  add_string_attribute (b, "termination_type", "Termination type", NULL);
  add_entity_attribute (b, "office", "Office", "Office", person->office, 130000);
  add_entity_attribute (b, "department", "Department", "Department", person->department, 280000);
  add_entity_attribute (b, "team", "Team", "Team", person->team, 59000);

  begin_attribute (b, "cost_centers", "Cost center");
  json_builder_begin_array (b);
  if (person->cost_center != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "CostCenter");
      json_builder_set_member_name (b, "attributes");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, entity_id (person->cost_center, 82000));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, person->cost_center);
      json_builder_set_member_name (b, "percentage");
      json_builder_add_int_value (b, 100);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  end_attribute (b, "standard", "cost_centers");

  /* a salary: a decimal with its currency beside the value */
  begin_attribute (b, "fix_salary", "Fix salary");
  json_builder_add_double_value (b, 4250.5);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "decimal");
  json_builder_set_member_name (b, "universal_id");
  json_builder_add_string_value (b, "fix_salary");
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, "EUR");
  json_builder_end_object (b);

  /* custom attributes: keys dynamic_<n>, universal_id null */
  begin_attribute (b, HC_FAKE_PERSONIO_SKIP_SYNC_KEY, "Skip sync");
  json_builder_add_boolean_value (b, person->skip_sync);
  end_attribute (b, "standard", NULL);
  begin_attribute (b, HC_FAKE_PERSONIO_COST_CENTER_KEY, "Cost center");
  add_string_or_null (b, person->cost_center);
  end_attribute (b, "list", NULL);

  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* One page of GET /v1/company/employees, under the lock; from the cache
 * when it is on. (transfer full) */
static char *
render_page (HcFakePersonio *fake,
             guint64         offset,
             guint64         limit)
{
  g_autoptr (JsonBuilder) b = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *key = NULL;
  guint64 total, n_people;
  char *json;

  if (fake->pages != NULL)
    {
      key = g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, offset, limit);
      json = g_hash_table_lookup (fake->pages, key);
      if (json != NULL)
        return g_strdup (json);
    }

  n_people = fake->people->len;
  total = n_people + fake->raw_employees->len;

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "success");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total_elements");
  json_builder_add_int_value (b, fake->total_elements >= 0 ? (guint64) fake->total_elements : total);
  json_builder_set_member_name (b, "current_page");
  json_builder_add_int_value (b, offset / limit);
  json_builder_set_member_name (b, "total_pages");
  json_builder_add_int_value (b, (total + limit - 1) / limit);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "offset");
  json_builder_add_int_value (b, offset);
  json_builder_set_member_name (b, "limit");
  json_builder_add_int_value (b, limit);
  json_builder_set_member_name (b, "data");
  json_builder_begin_array (b);
  for (guint64 i = offset; i < total && i < offset + limit; i++)
    {
      if (i < n_people)
        add_person (b, fake->people, g_ptr_array_index (fake->people, i));
      else
        json_builder_add_value (b, json_node_copy (g_ptr_array_index (fake->raw_employees, i - n_people)));
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json = json_to_string (root, FALSE);
  if (fake->pages != NULL)
    g_hash_table_insert (fake->pages, g_steal_pointer (&key), g_strdup (json));
  return json;
}

/* The cached pages no longer match the data (under the lock). */
static void
forget_pages (HcFakePersonio *fake)
{
  if (fake->pages != NULL)
    g_hash_table_remove_all (fake->pages);
}

static void
handle_employees (HcFakePersonio    *fake,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  static const char * const known[] = { "limit", "offset", "email", "attributes[]", "updated_since", NULL };
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *authorization = soup_message_headers_get_one (request, "Authorization");
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  const char *offset_text = query ? g_hash_table_lookup (query, "offset") : NULL;
  guint64 limit = HC_FAKE_PERSONIO_DEFAULT_LIMIT, offset = 0;
  g_autofree char *override = NULL;
  g_autofree char *json = NULL;

  if (g_strcmp0 (authorization, "Bearer " HC_FAKE_PERSONIO_TOKEN) != 0)
    {
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "The authorization token is missing or invalid");
      return;
    }

  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        if (!g_strv_contains (known, name))
          {
            g_autofree char *message = g_strdup_printf ("Unknown query parameter %s", (char *) name);

            reply_error (msg, SOUP_STATUS_BAD_REQUEST, message);
            return;
          }
    }
  if (limit_text != NULL &&
      !parse_count (limit_text, 1, HC_FAKE_PERSONIO_MAX_LIMIT, &limit))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "The limit must be an integer between 1 and 100");
      return;
    }
  if (offset_text != NULL && !parse_count (offset_text, 0, G_MAXINT32, &offset))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "The offset must be an integer of 0 or more");
      return;
    }

  /* "stable" tokens come back in a response header */
  soup_message_headers_replace (response, "Authorization", "Bearer " HC_FAKE_PERSONIO_TOKEN);

  g_mutex_lock (&fake->mutex);
  override = g_strdup (fake->employees_body);
  if (override != NULL)
    {
      g_mutex_unlock (&fake->mutex);
      hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, override);
      return;
    }

  if (fake->ignore_offset)
    offset = 0;
  json = render_page (fake, offset, limit);
  g_mutex_unlock (&fake->mutex);

  hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, json);
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
  HcFakePersonio *fake = user_data;

  if (g_str_equal (path, AUTH_PATH))
    {
      if (!g_str_equal (method, "POST"))
        reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
      else
        handle_auth (fake, msg, body);
      return;
    }
  if (g_str_equal (path, EMPLOYEES_PATH))
    {
      if (!g_str_equal (method, "GET"))
        reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
      else
        handle_employees (fake, msg, query);
      return;
    }
  /* the spec's 404 example */
  reply_error (msg, SOUP_STATUS_NOT_FOUND, "Es ist ein Problem aufgetreten");
}

/* Public */

HcFakePersonio *
hc_fake_personio_new (GPtrArray *people)
{
  HcFakePersonio *fake = g_new0 (HcFakePersonio, 1);

  g_mutex_init (&fake->mutex);
  fake->people = hc_fake_people_copy (people);
  fake->raw_employees = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  fake->total_elements = -1;
  fake->server = hc_fake_hris_new ("Personio", handler, fake, NULL);
  fake->base_url = g_strconcat (hc_fake_hris_get_base_url (fake->server), "/v1", NULL);
  return fake;
}

void
hc_fake_personio_set_people (HcFakePersonio *fake,
                             GPtrArray      *people)
{
  GPtrArray *copy = hc_fake_people_copy (people);

  g_mutex_lock (&fake->mutex);
  g_ptr_array_unref (fake->people);
  fake->people = copy;
  forget_pages (fake);
  g_mutex_unlock (&fake->mutex);
}

HcFakeHris *
hc_fake_personio_get_server (HcFakePersonio *fake)
{
  return fake->server;
}

const char *
hc_fake_personio_get_base_url (HcFakePersonio *fake)
{
  return fake->base_url;
}

void
hc_fake_personio_free (HcFakePersonio *fake)
{
  if (fake == NULL)
    return;
  /* the server thread first: it reads the data */
  hc_fake_hris_free (fake->server);
  g_ptr_array_unref (fake->people);
  g_ptr_array_unref (fake->raw_employees);
  g_free (fake->employees_body);
  g_free (fake->auth_body);
  g_clear_pointer (&fake->pages, g_hash_table_unref);
  g_free (fake->base_url);
  g_mutex_clear (&fake->mutex);
  g_free (fake);
}

void
hc_fake_personio_add_raw_employee (HcFakePersonio *fake,
                                   const char     *json)
{
  hc_fake_hris_add_json_node (&fake->mutex, fake->raw_employees, json);
  g_mutex_lock (&fake->mutex);
  forget_pages (fake);
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_personio_set_total_elements (HcFakePersonio *fake,
                                     gint64          total)
{
  g_mutex_lock (&fake->mutex);
  fake->total_elements = total;
  forget_pages (fake);
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_personio_set_ignore_offset (HcFakePersonio *fake,
                                    gboolean        ignore)
{
  g_mutex_lock (&fake->mutex);
  fake->ignore_offset = ignore;
  forget_pages (fake);
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_personio_set_employees_body (HcFakePersonio *fake,
                                     const char     *json)
{
  g_mutex_lock (&fake->mutex);
  g_free (fake->employees_body);
  fake->employees_body = g_strdup (json);
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_personio_set_auth_body (HcFakePersonio *fake,
                                const char     *json)
{
  g_mutex_lock (&fake->mutex);
  g_free (fake->auth_body);
  fake->auth_body = g_strdup (json);
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_personio_cache_pages (HcFakePersonio *fake,
                              guint           limit)
{
  guint64 total;

  g_return_if_fail (limit >= 1 && limit <= HC_FAKE_PERSONIO_MAX_LIMIT);

  g_mutex_lock (&fake->mutex);
  if (fake->pages == NULL)
    fake->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  total = fake->people->len + fake->raw_employees->len;
  for (guint64 offset = 0; offset <= total; offset += limit)
    g_free (render_page (fake, offset, limit));
  g_mutex_unlock (&fake->mutex);
}
