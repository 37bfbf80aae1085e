/* hc-fake-hibob.c — a fake HiBob API, as HiBob's API documentation
 * (apidocs.hibob.com) and its people read API contract describe it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-hibob"

#include <string.h>

#include "hc-fake-hibob.h"

#define MAX_FIELDS 400   /* field ids in one search (people read API contract) */

typedef enum
{
  TYPE_TEXT,
  TYPE_LIST,      /* machine value: the list item id; human: the label */
  TYPE_DATE,      /* machine: YYYY-MM-DD; human: the user's format, DD/MM/YYYY here */
  TYPE_NUMBER,
  TYPE_BOOLEAN,   /* human: "Yes"/"No" */
  TYPE_EMPLOYEE,  /* machine: an employee id; human: the display name */
  TYPE_OBJECT,
} FieldType;

typedef struct
{
  const char *id;
  const char *name;
  FieldType   type;
  gboolean    is_default;   /* returned when the request names no fields */
} Field;

static const Field builtin_fields[] = {
  { "root.id", "Employee ID", TYPE_TEXT, TRUE },
  { "root.email", "Email", TYPE_TEXT, TRUE },
  { "root.firstName", "First name", TYPE_TEXT, TRUE },
  { "root.surname", "Last name", TYPE_TEXT, TRUE },
  { "root.displayName", "Display name", TYPE_TEXT, TRUE },
  { "root.fullName", "Full name", TYPE_TEXT, TRUE },
  { "work.title", "Job title", TYPE_LIST, TRUE },
  { "work.department", "Department", TYPE_LIST, TRUE },
  { "work.site", "Site", TYPE_TEXT, TRUE },
  { "work.siteId", "Site ID", TYPE_NUMBER, TRUE },
  { "work.reportsTo", "Reports to", TYPE_OBJECT, TRUE },
  { "work.manager", "Manager", TYPE_EMPLOYEE, TRUE },
  { "work.startDate", "Start date", TYPE_DATE, TRUE },
  { "work.employeeIdInCompany", "Employee ID in company", TYPE_NUMBER, TRUE },
  { "work.isManager", "Is manager", TYPE_BOOLEAN, TRUE },
  { "internal.status", "Status", TYPE_TEXT, FALSE },
  { "internal.lifecycleStatus", "Lifecycle status", TYPE_TEXT, FALSE },
  { "internal.terminationDate", "Termination date", TYPE_DATE, FALSE },
  { HC_FAKE_HIBOB_FIELD_TEAM, "Team", TYPE_LIST, FALSE },
  { HC_FAKE_HIBOB_FIELD_COST_CENTER, "Cost center", TYPE_TEXT, FALSE },
  { HC_FAKE_HIBOB_FIELD_SKIP_SYNC, "Skip sync", TYPE_BOOLEAN, FALSE },
  { HC_FAKE_HIBOB_FIELD_VENDOR_SKIP, HC_FAKE_HIBOB_VENDOR_SKIP_LABEL, TYPE_BOOLEAN, FALSE },
  /* a built-in field sent only when asked for */
  { "personal.pronouns", "Pronouns", TYPE_TEXT, FALSE },
};

#define EXTRA_PREFIX "custom.category_extra.field_"

typedef struct
{
  HcFakePerson *person;
  HcFakePerson *manager;      /* borrowed, or NULL */
  guint         number;       /* work.employeeIdInCompany */
  gboolean      is_manager;
} Entry;

struct _HcFakeHibob
{
  HcFakeHris      *server;
  char            *base_url;

  GMutex           mutex;
  /* protected by @mutex */
  GPtrArray       *people;        /* HcFakePerson*, owned */
  GArray          *entries;       /* Entry, parallel to @people */
  GPtrArray       *raw;           /* char* JSON objects */
  char            *search_body;
  GHashTable      *hidden;        /* category names */
  gboolean         permitted;
  guint            n_extra;
  HcFakeHibobShape shape;
  char            *last_search;
};

/* Values */

char *
hc_fake_hibob_list_item_id (const char *label)
{
  return g_strdup_printf ("%u", 100000000u + g_str_hash (label) % 900000000u);
}

static const char *
lifecycle_of (const HcFakePerson *p)
{
  /* Bob's lifecycle statuses (help.hibob.com 4409776355857); the machine
   * casing is not documented: lower case, as the API's examples suggest. */
  if (g_strcmp0 (p->status, "onboarding") == 0)
    return "hired";
  if (g_strcmp0 (p->status, "inactive") == 0)
    return "terminated";
  if (g_strcmp0 (p->status, "leave") == 0)
    {
      static const char * const leaves[] = { "leave", "parental leave", "garden leave" };

      return leaves[g_str_hash (p->id) % G_N_ELEMENTS (leaves)];
    }
  return "employed";
}

/* internal.status: access to Bob. Future and former employees have none. */
static const char *
internal_status_of (const HcFakePerson *p)
{
  if (g_strcmp0 (p->status, "onboarding") == 0 || g_strcmp0 (p->status, "inactive") == 0)
    return "Inactive";
  return "Active";
}

static char *
display_name_of (const HcFakePerson *p)
{
  return g_strdup_printf ("%s %s", p->preferred_name ? p->preferred_name : p->first_name, p->last_name);
}

static JsonNode *
string_node (const char *value)
{
  return value ? json_node_init_string (json_node_alloc (), value) : NULL;
}

static JsonNode *
int_node (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

static JsonNode *
bool_node (gboolean value)
{
  return json_node_init_boolean (json_node_alloc (), value);
}

/* A node that takes @object (json_node_init_object would add a ref). */
static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
reports_to_node (const HcFakePerson *manager)
{
  JsonObject *object;
  g_autofree char *display = NULL;

  if (manager == NULL)
    return NULL;
  display = display_name_of (manager);
  object = json_object_new ();
  json_object_set_string_member (object, "id", manager->id);
  json_object_set_string_member (object, "displayName", display);
  if (manager->email)
    json_object_set_string_member (object, "email", manager->email);
  else
    json_object_set_null_member (object, "email");
  json_object_set_string_member (object, "firstName", manager->first_name);
  json_object_set_string_member (object, "surname", manager->last_name);
  return object_node (object);
}

/* The value of @field for @e, in machine format, or NULL for null. */
static JsonNode *
machine_value (const Entry *e,
               const char  *field)
{
  const HcFakePerson *p = e->person;

  if (g_str_equal (field, "root.id"))
    return string_node (p->id);
  if (g_str_equal (field, "root.email"))
    return string_node (p->email);
  if (g_str_equal (field, "root.firstName"))
    return string_node (p->first_name);
  if (g_str_equal (field, "root.surname"))
    return string_node (p->last_name);
  if (g_str_equal (field, "root.displayName"))
    {
      g_autofree char *name = display_name_of (p);

      return string_node (name);
    }
  if (g_str_equal (field, "root.fullName"))
    {
      g_autofree char *name = g_strdup_printf ("%s %s", p->first_name, p->last_name);

      return string_node (name);
    }
  if (g_str_equal (field, "work.title") || g_str_equal (field, "work.department") ||
      g_str_equal (field, HC_FAKE_HIBOB_FIELD_TEAM))
    {
      const char *label = g_str_equal (field, "work.title") ? p->position :
                          g_str_equal (field, "work.department") ? p->department : p->team;
      g_autofree char *id = label ? hc_fake_hibob_list_item_id (label) : NULL;

      return string_node (id);
    }
  if (g_str_equal (field, "work.site"))
    return string_node (p->office);
  if (g_str_equal (field, "work.siteId"))
    return p->office ? int_node (g_str_hash (p->office) % 10000000) : NULL;
  if (g_str_equal (field, "work.reportsTo"))
    return reports_to_node (e->manager);
  if (g_str_equal (field, "work.manager"))
    return string_node (e->manager ? e->manager->id : NULL);
  if (g_str_equal (field, "work.startDate"))
    return string_node (p->hire_date);
  if (g_str_equal (field, "work.employeeIdInCompany"))
    return int_node (e->number);
  if (g_str_equal (field, "work.isManager"))
    return bool_node (e->is_manager);
  if (g_str_equal (field, "internal.status"))
    return string_node (internal_status_of (p));
  if (g_str_equal (field, "internal.lifecycleStatus"))
    return string_node (lifecycle_of (p));
  if (g_str_equal (field, "internal.terminationDate"))
    return string_node (p->end_date);
  if (g_str_equal (field, HC_FAKE_HIBOB_FIELD_COST_CENTER))
    return string_node (p->cost_center);
  if (g_str_equal (field, HC_FAKE_HIBOB_FIELD_SKIP_SYNC))
    return bool_node (p->skip_sync);
  if (g_str_equal (field, HC_FAKE_HIBOB_FIELD_VENDOR_SKIP))
    return bool_node (p->vendor_skip);
  if (g_str_equal (field, "personal.pronouns"))
    return string_node ("they/them");
  if (g_str_has_prefix (field, EXTRA_PREFIX))
    {
      g_autofree char *value = g_strdup_printf ("extra %s for %s", field + strlen (EXTRA_PREFIX), p->id);

      return string_node (value);
    }
  return NULL;
}

/* The same in human-readable format, or NULL for null. */
static JsonNode *
human_value (const Entry *e,
             const Field *field)
{
  const HcFakePerson *p = e->person;
  g_autoptr (JsonNode) machine = machine_value (e, field->id);

  if (machine == NULL)
    return NULL;

  switch (field->type)
    {
    case TYPE_LIST:
      if (g_str_equal (field->id, "work.title"))
        return string_node (p->position);
      if (g_str_equal (field->id, "work.department"))
        return string_node (p->department);
      return string_node (p->team);

    case TYPE_DATE:
      {
        const char *iso = json_node_get_string (machine);
        g_autofree char *human = g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);

        return string_node (human);
      }

    case TYPE_NUMBER:
      {
        g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (machine));

        return string_node (text);
      }

    case TYPE_BOOLEAN:
      return string_node (json_node_get_boolean (machine) ? "Yes" : "No");

    case TYPE_EMPLOYEE:
      {
        g_autofree char *name = e->manager ? display_name_of (e->manager) : NULL;

        return string_node (name);
      }

    case TYPE_TEXT:
    case TYPE_OBJECT:
    default:
      return g_steal_pointer (&machine);
    }
}

/* Fields */

static const Field *
find_field (HcFakeHibob *fake,
            const char  *id,
            Field       *extra)
{
  guint64 n;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
    if (g_str_equal (builtin_fields[i].id, id))
      return &builtin_fields[i];

  if (g_str_has_prefix (id, EXTRA_PREFIX) &&
      g_ascii_string_to_unsigned (id + strlen (EXTRA_PREFIX), 10, 1, fake->n_extra, &n, NULL))
    {
      extra->id = id;
      extra->name = "Extra";
      extra->type = TYPE_TEXT;
      extra->is_default = FALSE;
      return extra;
    }
  return NULL;
}

/* "custom.category_sync.field_skipSync" → "category_sync"; "work.title" → "work" */
static char *
category_of (const char *id)
{
  const char *dot = strchr (id, '.');
  const char *start = id;

  if (g_str_has_prefix (id, "custom."))
    {
      start = id + strlen ("custom.");
      dot = strchr (start, '.');
    }
  return dot ? g_strndup (start, dot - start) : g_strdup (start);
}

/* Bob accepts the field ids of the metadata ("work.title"); many clients
 * send the response's slash form ("/work/title"), which is accepted too. */
static char *
canonical_field_id (const char *requested)
{
  char *id;

  if (requested[0] != '/')
    return g_strdup (requested);
  id = g_strdup (requested + 1);
  g_strdelimit (id, "/", '.');
  return id;
}

/* Employees */

/* Sets @value at the dotted @path under @object, creating the objects
 * between. Root fields go at the top level. Takes @value. */
static void
set_nested (JsonObject *object,
            const char *path,
            JsonNode   *value)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  guint start = g_str_equal (parts[0], "root") ? 1 : 0;
  guint n = g_strv_length (parts);

  for (guint i = start; i + 1 < n; i++)
    {
      JsonNode *child = json_object_get_member (object, parts[i]);

      if (child == NULL || !JSON_NODE_HOLDS_OBJECT (child))
        {
          JsonObject *created = json_object_new ();

          json_object_set_object_member (object, parts[i], created);
          object = created;
        }
      else
        object = json_node_get_object (child);
    }

  if (value != NULL)
    json_object_set_member (object, parts[n - 1], value);
  else
    json_object_set_null_member (object, parts[n - 1]);
}

static JsonNode *
render_employee (HcFakeHibob *fake,
                 const Entry *e,
                 GPtrArray   *fields,
                 const char  *human_readable)
{
  JsonObject *object = json_object_new ();
  JsonObject *human = json_object_new ();
  gboolean replace = g_strcmp0 (human_readable, "REPLACE") == 0;
  gboolean append = g_strcmp0 (human_readable, "APPEND") == 0;
  gboolean slash = fake->shape != HC_FAKE_HIBOB_SHAPE_NESTED;
  gboolean nested = fake->shape != HC_FAKE_HIBOB_SHAPE_SLASH;

  for (guint i = 0; i < fields->len; i++)
    {
      const char *id = g_ptr_array_index (fields, i);
      Field extra;
      const Field *field = find_field (fake, id, &extra);
      JsonNode *value;

      g_assert (field != NULL);
      value = replace ? human_value (e, field) : machine_value (e, id);

      if (slash)
        {
          g_autofree char *key = g_strconcat ("/", id, NULL);
          JsonObject *wrapper = json_object_new ();

          g_strdelimit (key, ".", '/');
          if (value != NULL)
            json_object_set_member (wrapper, "value", json_node_copy (value));
          else
            json_object_set_null_member (wrapper, "value");
          json_object_set_object_member (object, key, wrapper);
        }
      if (nested)
        set_nested (object, id, value ? json_node_copy (value) : NULL);
      g_clear_pointer (&value, json_node_unref);

      /* only fields with a value have a human-readable one */
      if (append && (value = human_value (e, field)) != NULL)
        set_nested (human, id, value);
    }

  if (append && json_object_get_size (human) > 0)
    json_object_set_object_member (object, "humanReadable", human);
  else
    json_object_unref (human);

  return object_node (object);
}

static gboolean
visible (HcFakeHibob *fake,
         const char  *id)
{
  g_autofree char *category = category_of (id);

  return !g_hash_table_contains (fake->hidden, category);
}

/* The fields to write: known ones, once each, that the service user may
 * view. Unknown or forbidden ids are silently left out, as Bob does. */
static GPtrArray *
resolve_fields (HcFakeHibob *fake,
                JsonArray   *requested)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (requested == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
        if (builtin_fields[i].is_default && visible (fake, builtin_fields[i].id))
          g_ptr_array_add (fields, g_strdup (builtin_fields[i].id));
      return fields;
    }

  for (guint i = 0; i < json_array_get_length (requested); i++)
    {
      g_autofree char *id = canonical_field_id (json_array_get_string_element (requested, i));
      Field extra;

      if (find_field (fake, id, &extra) == NULL || !visible (fake, id) ||
          g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, id);
      g_ptr_array_add (fields, g_steal_pointer (&id));
    }
  return fields;
}

/* Requests */

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *key,
             const char        *text)
{
  /* "a simpler key and error pair" (apidocs.hibob.com error handling) */
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, key);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hc_fake_hris_reply_node (msg, status, root);
}

/* A string member, or "": never a critical on another type. */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

/* {"fieldPath": "root.id"|"root.email", "operator": "equals", "values": [...]} */
static gboolean
filter_matches (JsonObject         *filter,
                const HcFakePerson *p)
{
  const char *path = string_member (filter, "fieldPath");
  const char *value = g_str_has_suffix (path, "email") ? p->email : p->id;
  JsonNode *values = json_object_get_member (filter, "values");
  JsonArray *array = values && JSON_NODE_HOLDS_ARRAY (values) ? json_node_get_array (values) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          value != NULL && g_ascii_strcasecmp (json_node_get_string (element), value) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_filters (JsonNode    *filters,
               JsonObject **filter,
               const char **problem)
{
  JsonArray *array;
  JsonNode *first;
  const char *path, *operator;

  *filter = NULL;
  if (filters == NULL)
    return TRUE;
  /* "Do not send filters: [] or an empty object; that can return 400." */
  if (!JSON_NODE_HOLDS_ARRAY (filters) || json_array_get_length (json_node_get_array (filters)) != 1)
    {
      *problem = "filters must hold exactly one filter";
      return FALSE;
    }
  array = json_node_get_array (filters);
  first = json_array_get_element (array, 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    {
      *problem = "a filter must be an object";
      return FALSE;
    }
  *filter = json_node_get_object (first);
  path = string_member (*filter, "fieldPath");
  operator = string_member (*filter, "operator");
  if ((!g_str_equal (path, "root.id") && !g_str_equal (path, "root.email") &&
       !g_str_equal (path, "/root/id") && !g_str_equal (path, "/root/email")) ||
      !g_str_equal (operator, "equals"))
    {
      *problem = "only root.id and root.email with operator equals can be filtered on";
      return FALSE;
    }
  return TRUE;
}

static void
handle_search (HcFakeHibob       *fake,
               SoupServerMessage *msg,
               GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) fields = NULL;
  g_autofree char *text = NULL;
  JsonObject *request, *filter = NULL;
  JsonNode *node, *fields_node, *show_node;
  JsonArray *requested = NULL;
  JsonArray *employees;
  gboolean show_inactive = FALSE;
  const char *human_readable = NULL;
  const char *problem = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  g_mutex_lock (&fake->mutex);
  g_free (fake->last_search);
  fake->last_search = g_strndup (data ? data : "", size);
  g_mutex_unlock (&fake->mutex);

  if (g_strcmp0 (content_type, "application/json") != 0)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad.request", "The body must be application/json");
      return;
    }
  if (!json_parser_load_from_data (parser, data ? data : "", size, NULL) ||
      (node = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad.request", "The body must be a JSON object");
      return;
    }
  request = json_node_get_object (node);

  fields_node = json_object_get_member (request, "fields");
  if (fields_node != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (fields_node))
        problem = "fields must be an array of field ids";
      else
        {
          requested = json_node_get_array (fields_node);
          if (json_array_get_length (requested) > MAX_FIELDS)
            problem = "at most 400 field ids can be requested";
          for (guint i = 0; problem == NULL && i < json_array_get_length (requested); i++)
            {
              JsonNode *element = json_array_get_element (requested, i);

              if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
                problem = "fields must be an array of field ids";
            }
        }
    }
  show_node = json_object_get_member (request, "showInactive");
  if (show_node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (show_node) || json_node_get_value_type (show_node) != G_TYPE_BOOLEAN)
        problem = "showInactive must be a boolean";
      else
        show_inactive = json_node_get_boolean (show_node);
    }
  node = json_object_get_member (request, "humanReadable");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          (!g_str_equal (json_node_get_string (node), "APPEND") &&
           !g_str_equal (json_node_get_string (node), "REPLACE") &&
           !g_str_equal (json_node_get_string (node), "")))
        problem = "humanReadable must be APPEND or REPLACE";
      else
        human_readable = json_node_get_string (node);
    }
  if (problem == NULL)
    check_filters (json_object_get_member (request, "filters"), &filter, &problem);
  if (problem != NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad.request", problem);
      return;
    }

  g_mutex_lock (&fake->mutex);
  if (!fake->permitted)
    {
      g_mutex_unlock (&fake->mutex);
      reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden",
                   "The service user has no permission to view employees");
      return;
    }
  if (fake->search_body != NULL)
    {
      text = g_strdup (fake->search_body);
      g_mutex_unlock (&fake->mutex);
      hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, text);
      return;
    }

  fields = resolve_fields (fake, requested);
  employees = json_array_new ();
  for (guint i = 0; i < fake->entries->len; i++)
    {
      const Entry *e = &g_array_index (fake->entries, Entry, i);

      /* showInactive false: internal.status Active only */
      if (!show_inactive && g_str_equal (internal_status_of (e->person), "Inactive"))
        continue;
      if (filter != NULL && !filter_matches (filter, e->person))
        continue;
      json_array_add_element (employees, render_employee (fake, e, fields, human_readable));
    }
  for (guint i = 0; i < fake->raw->len; i++)
    {
      g_autoptr (JsonParser) raw_parser = json_parser_new ();
      g_autoptr (GError) error = NULL;

      json_parser_load_from_data (raw_parser, g_ptr_array_index (fake->raw, i), -1, &error);
      g_assert_no_error (error);
      json_array_add_element (employees, json_node_copy (json_parser_get_root (raw_parser)));
    }
  g_mutex_unlock (&fake->mutex);

  {
    g_autoptr (JsonNode) root = object_node (json_object_new ());

    json_object_set_array_member (json_node_get_object (root), "employees", employees);
    hc_fake_hris_reply_node (msg, SOUP_STATUS_OK, root);
  }
}

static const char *
type_name (FieldType type)
{
  switch (type)
    {
    case TYPE_LIST:
      return "list";
    case TYPE_DATE:
      return "date";
    case TYPE_NUMBER:
      return "number";
    case TYPE_BOOLEAN:
      return "checkbox";
    case TYPE_EMPLOYEE:
    case TYPE_OBJECT:
      return "employee-reference";
    case TYPE_TEXT:
    default:
      return "text";
    }
}

static void
add_metadata (JsonArray   *array,
              const Field *field)
{
  JsonObject *object = json_object_new ();
  g_autofree char *category = category_of (field->id);

  json_object_set_string_member (object, "id", field->id);
  json_object_set_string_member (object, "category", category);
  json_object_set_string_member (object, "name", field->name);
  json_object_set_null_member (object, "description");
  json_object_set_string_member (object, "jsonPath", field->id);
  json_object_set_string_member (object, "type", type_name (field->type));
  json_object_set_object_member (object, "typeData", json_object_new ());
  json_object_set_boolean_member (object, "historical", FALSE);
  json_array_add_object_element (array, object);
}

/* GET /v1/company/people/fields: metadata, no permission needed. */
static void
handle_fields (HcFakeHibob       *fake,
               SoupServerMessage *msg)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  guint n_extra;

  json_node_take_array (root, array);
  for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
    add_metadata (array, &builtin_fields[i]);

  g_mutex_lock (&fake->mutex);
  n_extra = fake->n_extra;
  g_mutex_unlock (&fake->mutex);
  for (guint i = 1; i <= n_extra; i++)
    {
      g_autofree char *id = g_strdup_printf (EXTRA_PREFIX "%u", i);
      Field extra = { id, "Extra", TYPE_TEXT, FALSE };

      add_metadata (array, &extra);
    }
  hc_fake_hris_reply_node (msg, SOUP_STATUS_OK, root);
}

static gboolean
authorized (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  const char *pair = HC_FAKE_HIBOB_CLIENT_ID ":" HC_FAKE_HIBOB_SECRET;
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *expected = g_strconcat ("Basic ", encoded, NULL);

  return g_strcmp0 (value, expected) == 0;
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
  HcFakeHibob *fake = user_data;
  gboolean search = g_str_equal (path, "/v1/people/search");
  gboolean fields = g_str_equal (path, "/v1/company/people/fields");

  if (!search && !fields)
    {
      reply_error (msg, SOUP_STATUS_NOT_FOUND, "not.found", "Not found");
      return;
    }
  if (!authorized (msg))
    {
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "Invalid service user credentials");
      return;
    }
  if ((search && !g_str_equal (method, "POST")) || (fields && !g_str_equal (method, "GET")))
    {
      reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method.not.allowed", "Method not allowed");
      return;
    }
  /* neither endpoint takes a query */
  if (query != NULL && g_hash_table_size (query) > 0)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad.request", "Unexpected query parameters");
      return;
    }

  if (search)
    handle_search (fake, msg, body);
  else
    handle_fields (fake, msg);
}

/* Public */

static void
set_people_locked (HcFakeHibob *fake,
                   GPtrArray   *people)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) managers = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_set_size (fake->people, 0);
  g_array_set_size (fake->entries, 0);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      HcFakePerson *copy = hc_fake_person_copy (g_ptr_array_index (people, i));

      g_ptr_array_add (fake->people, copy);
      g_hash_table_insert (by_id, copy->id, copy);
      if (copy->manager_id != NULL)
        g_hash_table_add (managers, copy->manager_id);
    }
  for (guint i = 0; i < fake->people->len; i++)
    {
      HcFakePerson *p = g_ptr_array_index (fake->people, i);
      Entry e = {
        .person = p,
        .manager = p->manager_id ? g_hash_table_lookup (by_id, p->manager_id) : NULL,
        .number = i + 1,
        .is_manager = g_hash_table_contains (managers, p->id),
      };

      g_array_append_val (fake->entries, e);
    }
}

HcFakeHibob *
hc_fake_hibob_new (GPtrArray *people)
{
  HcFakeHibob *fake = g_new0 (HcFakeHibob, 1);

  g_mutex_init (&fake->mutex);
  fake->people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);
  fake->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  fake->raw = g_ptr_array_new_with_free_func (g_free);
  fake->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->permitted = TRUE;
  fake->shape = HC_FAKE_HIBOB_SHAPE_BOTH;
  set_people_locked (fake, people);

  fake->server = hc_fake_hris_new ("HiBob", handler, fake, NULL);
  fake->base_url = g_strconcat (hc_fake_hris_get_base_url (fake->server), "/v1", NULL);
  return fake;
}

void
hc_fake_hibob_set_people (HcFakeHibob *fake,
                          GPtrArray   *people)
{
  g_mutex_lock (&fake->mutex);
  set_people_locked (fake, people);
  g_mutex_unlock (&fake->mutex);
}

HcFakeHris *
hc_fake_hibob_get_server (HcFakeHibob *fake)
{
  return fake->server;
}

const char *
hc_fake_hibob_get_base_url (HcFakeHibob *fake)
{
  return fake->base_url;
}

void
hc_fake_hibob_free (HcFakeHibob *fake)
{
  if (fake == NULL)
    return;

  /* the server thread first: its handler uses the rest */
  hc_fake_hris_free (fake->server);
  g_free (fake->base_url);
  g_ptr_array_unref (fake->people);
  g_array_unref (fake->entries);
  g_ptr_array_unref (fake->raw);
  g_hash_table_unref (fake->hidden);
  g_free (fake->search_body);
  g_free (fake->last_search);
  g_mutex_clear (&fake->mutex);
  g_free (fake);
}

void
hc_fake_hibob_set_shape (HcFakeHibob     *fake,
                         HcFakeHibobShape shape)
{
  g_mutex_lock (&fake->mutex);
  fake->shape = shape;
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_hibob_add_raw_employee (HcFakeHibob *fake,
                                const char  *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  /* a test's typo fails here, not in the server thread */
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  g_mutex_lock (&fake->mutex);
  g_ptr_array_add (fake->raw, g_strdup (json));
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_hibob_set_search_body (HcFakeHibob *fake,
                               const char  *json)
{
  g_mutex_lock (&fake->mutex);
  g_free (fake->search_body);
  fake->search_body = g_strdup (json);
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_hibob_hide_category (HcFakeHibob *fake,
                             const char  *category)
{
  g_mutex_lock (&fake->mutex);
  g_hash_table_add (fake->hidden, g_strdup (category));
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_hibob_set_permitted (HcFakeHibob *fake,
                             gboolean     permitted)
{
  g_mutex_lock (&fake->mutex);
  fake->permitted = permitted;
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_hibob_add_custom_fields (HcFakeHibob *fake,
                                 guint        n)
{
  g_mutex_lock (&fake->mutex);
  fake->n_extra += n;
  g_mutex_unlock (&fake->mutex);
}

char *
hc_fake_hibob_dup_last_search (HcFakeHibob *fake)
{
  char *body;

  g_mutex_lock (&fake->mutex);
  body = g_strdup (fake->last_search);
  g_mutex_unlock (&fake->mutex);
  return body;
}
