/* hc-fake-lucca.c — a fake Lucca account serving the legacy Directory v3
 * users list
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-lucca"

#include <string.h>

#include "hc-fake-lucca.h"

#define AUTH_PREFIX "lucca application="

struct _HcFakeLucca
{
  HcFakeHris *server;

  GMutex      mutex;
  /* protected by @mutex */
  GPtrArray  *people;        /* HcFakePerson* */
  GHashTable *by_id;         /* id → HcFakePerson*, borrowed from @people */
  GHashTable *department_ids;  /* name → GUINT id */
  GHashTable *entity_ids;    /* office → GUINT id */
  GPtrArray  *raw_users;     /* JsonNode* */
  char       *users_body;
};

/* What fields= may name, and the members of the nested objects. */
static const char * const top_fields[] = {
  "id", "name", "url", "displayName", "firstName", "lastName", "login", "mail",
  "dtContractStart", "dtContractEnd", "employeeNumber", "jobTitle", "modifiedAt",
  "legalEntityId", "legalEntity", "departmentId", "department", "managerId", "manager",
  "extendedData", "culture", NULL,
};
static const char * const reference_fields[] = { "id", "name", "url", NULL };
static const char * const extended_fields[] = {
  "e_skip_sync", "e_cost_center", "e_ne_pas_synchroniser", NULL
};

static gboolean
str_in (const char         *needle,
        const char * const *list)
{
  return needle != NULL && g_strv_contains (list, needle);
}

static gboolean
is_all_digits (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* Lucca ids are integers; a non-numeric fake id stays a string so that the
 * connector's handling of both is exercised. */
static void
set_id_member (JsonObject *object,
               const char *name,
               const char *id)
{
  if (id == NULL)
    json_object_set_null_member (object, name);
  else if (is_all_digits (id) && strlen (id) < 18)
    json_object_set_int_member (object, name, g_ascii_strtoll (id, NULL, 10));
  else
    json_object_set_string_member (object, name, id);
}

static void
set_date_or_null (JsonObject *object,
                  const char *name,
                  const char *date)
{
  g_autofree char *value = date ? g_strconcat (date, "T00:00:00", NULL) : NULL;

  hc_fake_json_set_string_or_null (object, name, value);
}

/* An {id, name, url} reference, as v3 nests departments, legal entities and
 * managers, with its "…Id" sibling; both null when @name is NULL. */
static void
set_reference (JsonObject *user,
               const char *member,
               const char *id,
               const char *name,
               const char *url)
{
  g_autofree char *id_member = g_strconcat (member, "Id", NULL);
  JsonObject *ref;

  if (id == NULL)
    {
      json_object_set_null_member (user, id_member);
      json_object_set_null_member (user, member);
      return;
    }
  set_id_member (user, id_member, id);
  ref = json_object_new ();
  set_id_member (ref, "id", id);
  hc_fake_json_set_string_or_null (ref, "name", name);
  json_object_set_string_member (ref, "url", url);
  json_object_set_object_member (user, member, ref);
}

static char *
join_name (const char *a,
           const char *b)
{
  return g_strjoin (" ", a ? a : "", b ? b : "", NULL);
}

/* The whole v3 user of @person; fields= then picks from it. Called with
 * the lock held. */
static JsonObject *
render_user (HcFakeLucca        *fake,
             const char         *base_url,
             const HcFakePerson *person,
             guint               index)
{
  JsonObject *user = json_object_new ();
  JsonObject *extended = json_object_new ();
  g_autofree char *name = join_name (person->first_name, person->last_name);
  g_autofree char *display = join_name (person->last_name, person->first_name);
  g_autofree char *url = g_strdup_printf ("%s/api/v3/users/%s", base_url, person->id);
  g_autofree char *login = g_strdup_printf ("u%s", person->id);
  g_autofree char *number = g_strdup_printf ("%05u", index + 1);
  HcFakePerson *manager = person->manager_id ? g_hash_table_lookup (fake->by_id, person->manager_id) : NULL;

  set_id_member (user, "id", person->id);
  json_object_set_string_member (user, "name", name);
  json_object_set_string_member (user, "url", url);
  json_object_set_string_member (user, "displayName", display);
  hc_fake_json_set_string_or_null (user, "firstName", person->first_name);
  hc_fake_json_set_string_or_null (user, "lastName", person->last_name);
  json_object_set_string_member (user, "login", login);
  hc_fake_json_set_string_or_null (user, "mail", person->email);
  set_date_or_null (user, "dtContractStart", person->hire_date);
  set_date_or_null (user, "dtContractEnd", person->end_date);
  json_object_set_string_member (user, "employeeNumber", number);
  hc_fake_json_set_string_or_null (user, "jobTitle", person->position);
  json_object_set_string_member (user, "modifiedAt", "2026-01-15T10:20:06.583");

  if (person->office != NULL)
    {
      guint id = GPOINTER_TO_UINT (g_hash_table_lookup (fake->entity_ids, person->office));
      g_autofree char *id_text = g_strdup_printf ("%u", id);
      g_autofree char *entity_url = g_strdup_printf ("%s/api/v3/legalEntities/%u", base_url, id);

      set_reference (user, "legalEntity", id_text, person->office, entity_url);
    }
  else
    set_reference (user, "legalEntity", NULL, NULL, NULL);

  if (person->department != NULL)
    {
      guint id = GPOINTER_TO_UINT (g_hash_table_lookup (fake->department_ids, person->department));
      g_autofree char *id_text = g_strdup_printf ("%u", id);
      g_autofree char *department_url = g_strdup_printf ("%s/api/v3/departments/%u", base_url, id);

      set_reference (user, "department", id_text, person->department, department_url);
    }
  else
    set_reference (user, "department", NULL, NULL, NULL);

  if (person->manager_id != NULL)
    {
      g_autofree char *manager_name = manager ? join_name (manager->first_name, manager->last_name) : NULL;
      g_autofree char *manager_url = g_strdup_printf ("%s/api/v3/users/%s", base_url, person->manager_id);

      set_reference (user, "manager", person->manager_id, manager_name, manager_url);
    }
  else
    set_reference (user, "manager", NULL, NULL, NULL);

  /* Custom fields of the Employee Directory: "e_" names, nested in
   * extendedData on reads (Lucca's legacy Directory API documentation). */
  json_object_set_boolean_member (extended, "e_skip_sync", person->skip_sync);
  json_object_set_boolean_member (extended, "e_ne_pas_synchroniser", person->vendor_skip);
  hc_fake_json_set_string_or_null (extended, "e_cost_center", person->cost_center);
  json_object_set_object_member (user, "extendedData", extended);

  return user;
}

typedef struct
{
  char *top;
  char *sub;   /* NULL for the whole member */
} Field;

static void
field_free (Field *field)
{
  g_free (field->top);
  g_free (field->sub);
  g_free (field);
}

/* fields=a,b.c,… → Field*; NULL and @message set when a name is unknown. */
static GPtrArray *
parse_fields (const char *fields,
              char      **message)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  g_auto (GStrv) names = g_strsplit (fields ? fields : "id,name,url", ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (names[i], ".", 2);
      const char * const *subs = NULL;
      Field *field;

      if (parts[0] == NULL || !str_in (parts[0], top_fields))
        {
          *message = g_strdup_printf ("Unknown field '%s' for resource user", names[i]);
          return NULL;
        }
      if (g_str_equal (parts[0], "extendedData"))
        subs = extended_fields;
      else if (g_str_equal (parts[0], "legalEntity") || g_str_equal (parts[0], "department") ||
               g_str_equal (parts[0], "manager"))
        subs = reference_fields;
      if (parts[1] != NULL && (subs == NULL || !str_in (parts[1], subs)))
        {
          *message = g_strdup_printf ("Unknown field '%s' for resource user", names[i]);
          return NULL;
        }

      field = g_new0 (Field, 1);
      field->top = g_strdup (parts[0]);
      field->sub = g_strdup (parts[1]);
      g_ptr_array_add (list, field);
    }
  return g_steal_pointer (&list);
}

static JsonNode *
select_fields (JsonObject *full,
               GPtrArray  *fields)
{
  JsonObject *out = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);
      JsonNode *member = json_object_get_member (full, field->top);
      JsonNode *existing = json_object_get_member (out, field->top);
      JsonNode *child;

      if (member == NULL)
        continue;
      if (field->sub == NULL || !JSON_NODE_HOLDS_OBJECT (member))
        {
          json_object_set_member (out, field->top, json_node_copy (member));
          continue;
        }
      if (existing == NULL || !JSON_NODE_HOLDS_OBJECT (existing))
        {
          json_object_set_object_member (out, field->top, json_object_new ());
          existing = json_object_get_member (out, field->top);
        }
      child = json_object_get_member (json_node_get_object (member), field->sub);
      if (child != NULL)
        json_object_set_member (json_node_get_object (existing), field->sub, json_node_copy (child));
    }

  json_node_take_object (node, out);
  return node;
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  hc_fake_hris_reply_node (msg, status, node);
}

static gboolean
parse_paging (const char *paging,
              guint64    *offset,
              guint64    *limit)
{
  g_auto (GStrv) parts = NULL;

  if (paging == NULL)
    {
      *offset = 0;
      *limit = HC_FAKE_LUCCA_MAX_LIMIT;
      return TRUE;
    }
  parts = g_strsplit (paging, ",", -1);
  return g_strv_length (parts) == 2 &&
         g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT32, offset, NULL) &&
         g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, limit, NULL);
}

static void
handle_users (HcFakeLucca       *fake,
              HcFakeHris        *server,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  const char *paging = query ? g_hash_table_lookup (query, "paging") : NULL;
  const char *fields_param = query ? g_hash_table_lookup (query, "fields") : NULL;
  const char *former = query ? g_hash_table_lookup (query, "formerEmployees") : NULL;
  gboolean with_former = g_strcmp0 (former, "true") == 0;
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GPtrArray) visible = g_ptr_array_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *message = NULL;
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root_object = json_object_new ();
  JsonObject *data = json_object_new ();
  JsonArray *items = json_array_new ();
  guint64 offset, limit, n_total;

  json_node_take_object (root, root_object);
  json_object_set_object_member (root_object, "data", data);
  json_object_set_array_member (data, "items", items);

  if (!parse_paging (paging, &offset, &limit) || limit == 0)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                   "Invalid paging: expected paging={offset},{limit} with a limit of at least 1");
      return;
    }
  if (limit > HC_FAKE_LUCCA_MAX_LIMIT)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid paging: the maximum limit is 1000");
      return;
    }
  fields = parse_fields (fields_param, &message);
  if (fields == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, message);
      return;
    }

  g_mutex_lock (&fake->mutex);

  if (fake->users_body != NULL)
    {
      hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, fake->users_body);
      g_mutex_unlock (&fake->mutex);
      return;
    }

  /* Former employees (contract ended before today) only on request. */
  for (guint i = 0; i < fake->people->len; i++)
    {
      HcFakePerson *person = g_ptr_array_index (fake->people, i);

      if (with_former || person->end_date == NULL || strcmp (person->end_date, today) >= 0)
        g_ptr_array_add (visible, GUINT_TO_POINTER (i));
    }
  n_total = visible->len + fake->raw_users->len;

  for (guint64 k = offset; k < MIN (offset + limit, n_total); k++)
    {
      if (k < visible->len)
        {
          guint index = GPOINTER_TO_UINT (g_ptr_array_index (visible, k));
          JsonObject *full = render_user (fake, hc_fake_hris_get_base_url (server),
                                          g_ptr_array_index (fake->people, index), index);

          json_array_add_element (items, select_fields (full, fields));
          json_object_unref (full);
        }
      else
        json_array_add_element (items, json_node_copy (g_ptr_array_index (fake->raw_users, k - visible->len)));
    }

  g_mutex_unlock (&fake->mutex);

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
  HcFakeLucca *fake = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  /* Lucca answers 401 to a missing or invalid key (legacy authentication
   * page). The body is not documented; this one quotes the key it got on
   * purpose: a connector must never pass it on unredacted. */
  if (g_strcmp0 (authorization, AUTH_PREFIX HC_FAKE_LUCCA_SECRET) != 0)
    {
      g_autofree char *message = NULL;

      if (authorization == NULL)
        message = g_strdup ("Authorization header missing: expected 'lucca application={API_KEY}'");
      else if (g_str_has_prefix (authorization, AUTH_PREFIX))
        message = g_strdup_printf ("Invalid API key '%s'", authorization + strlen (AUTH_PREFIX));
      else
        message = g_strdup_printf ("Invalid Authorization header '%s'", authorization);
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, message);
      return;
    }

  if (!g_str_equal (path, HC_FAKE_LUCCA_USERS_PATH))
    {
      reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not found");
      return;
    }
  if (!g_str_equal (method, "GET"))
    {
      reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Only GET is served by this fake");
      return;
    }

  handle_users (fake, server, msg, query);
}

/* Called with the lock held, or before the server starts. */
static void
replace_people (HcFakeLucca *fake,
                GPtrArray   *people)
{
  g_clear_pointer (&fake->by_id, g_hash_table_unref);
  g_clear_pointer (&fake->department_ids, g_hash_table_unref);
  g_clear_pointer (&fake->entity_ids, g_hash_table_unref);
  g_clear_pointer (&fake->people, g_ptr_array_unref);

  fake->people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);
  fake->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  fake->department_ids = g_hash_table_new (g_str_hash, g_str_equal);
  fake->entity_ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      HcFakePerson *person = hc_fake_person_copy (g_ptr_array_index (people, i));

      g_ptr_array_add (fake->people, person);
      if (person->id != NULL)
        g_hash_table_insert (fake->by_id, person->id, person);
      if (person->department != NULL && !g_hash_table_contains (fake->department_ids, person->department))
        g_hash_table_insert (fake->department_ids, person->department,
                             GUINT_TO_POINTER (10 + g_hash_table_size (fake->department_ids)));
      if (person->office != NULL && !g_hash_table_contains (fake->entity_ids, person->office))
        g_hash_table_insert (fake->entity_ids, person->office,
                             GUINT_TO_POINTER (1 + g_hash_table_size (fake->entity_ids)));
    }
}

HcFakeLucca *
hc_fake_lucca_new (GPtrArray *people)
{
  HcFakeLucca *fake = g_new0 (HcFakeLucca, 1);

  g_mutex_init (&fake->mutex);
  fake->raw_users = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  replace_people (fake, people);
  fake->server = hc_fake_hris_new ("Lucca", handler_cb, fake, NULL);
  return fake;
}

void
hc_fake_lucca_set_people (HcFakeLucca *fake,
                          GPtrArray   *people)
{
  g_mutex_lock (&fake->mutex);
  replace_people (fake, people);
  g_mutex_unlock (&fake->mutex);
}

HcFakeHris *
hc_fake_lucca_get_server (HcFakeLucca *fake)
{
  return fake->server;
}

const char *
hc_fake_lucca_get_base_url (HcFakeLucca *fake)
{
  return hc_fake_hris_get_base_url (fake->server);
}

void
hc_fake_lucca_add_raw_user (HcFakeLucca *fake,
                            const char  *json)
{
  hc_fake_hris_add_json_node (&fake->mutex, fake->raw_users, json);
}

void
hc_fake_lucca_set_users_body (HcFakeLucca *fake,
                              const char  *json)
{
  g_mutex_lock (&fake->mutex);
  g_free (fake->users_body);
  fake->users_body = g_strdup (json);
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_lucca_free (HcFakeLucca *fake)
{
  if (fake == NULL)
    return;

  /* Stops the server thread first: no handler runs after this. */
  hc_fake_hris_free (fake->server);
  g_clear_pointer (&fake->by_id, g_hash_table_unref);
  g_clear_pointer (&fake->department_ids, g_hash_table_unref);
  g_clear_pointer (&fake->entity_ids, g_hash_table_unref);
  g_clear_pointer (&fake->people, g_ptr_array_unref);
  g_ptr_array_unref (fake->raw_users);
  g_free (fake->users_body);
  g_mutex_clear (&fake->mutex);
  g_free (fake);
}
