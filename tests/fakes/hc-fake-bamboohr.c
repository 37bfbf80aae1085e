/* hc-fake-bamboohr.c — a fake BambooHR: the field list and the custom
 * report of the public API
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-bamboohr"

#include <string.h>

#include "hc-fake-bamboohr.h"

#define MAX_REPORT_FIELDS 400

struct _HcFakeBamboohr
{
  HcFakeHris *server;

  GMutex      mutex;
  /* protected by @mutex */
  GPtrArray  *people;        /* HcFakePerson* */
  GPtrArray  *raw_employees; /* JsonNode* */
  char       *report_override;
  char       *fields_override;
  char       *last_report_request;
  char       *last_content_type;
};

typedef enum
{
  RENDER_NONE,
  RENDER_EMPLOYEE_NUMBER,
  RENDER_FIRST_NAME,
  RENDER_LAST_NAME,
  RENDER_PREFERRED_NAME,
  RENDER_DISPLAY_NAME,
  RENDER_WORK_EMAIL,
  RENDER_STATUS,
  RENDER_EMPLOYMENT_STATUS,
  RENDER_JOB_TITLE,
  RENDER_DEPARTMENT,
  RENDER_DIVISION,
  RENDER_LOCATION,
  RENDER_TEAMS,
  RENDER_SUPERVISOR_EID,
  RENDER_SUPERVISOR,
  RENDER_HIRE_DATE,
  RENDER_TERMINATION_DATE,
  RENDER_SSN,
  RENDER_SKIP_SYNC,
  RENDER_COST_CENTER,
  RENDER_BADGE,
  RENDER_OLD_CODE,
  RENDER_VENDOR_SKIP,
} Render;

/* The fields the fake knows, by the key a report asks for. */
typedef struct
{
  const char *key;
  const char *name;
  const char *type;
  Render      render;
} FieldDef;

static const FieldDef known_fields[] = {
  { "employeeNumber", "Employee #", "text", RENDER_EMPLOYEE_NUMBER },
  { "firstName", "First Name", "text", RENDER_FIRST_NAME },
  { "lastName", "Last Name", "text", RENDER_LAST_NAME },
  { "preferredName", "Preferred Name", "text", RENDER_PREFERRED_NAME },
  { "displayName", "Display Name", "text", RENDER_DISPLAY_NAME },
  { "workEmail", "Work Email", "email", RENDER_WORK_EMAIL },
  { "homeEmail", "Home Email", "email", RENDER_NONE },
  { "status", "Status", "status", RENDER_STATUS },
  { "employmentHistoryStatus", "Employment Status", "list", RENDER_EMPLOYMENT_STATUS },
  { "jobTitle", "Job Title", "list", RENDER_JOB_TITLE },
  { "department", "Department", "list", RENDER_DEPARTMENT },
  { "division", "Division", "list", RENDER_DIVISION },
  { "location", "Location", "list", RENDER_LOCATION },
  { "teams", "Teams", "list", RENDER_TEAMS },
  { "supervisorEId", "Supervisor EID", "text", RENDER_SUPERVISOR_EID },
  { "supervisor", "Reporting to", "employee", RENDER_SUPERVISOR },
  { "hireDate", "Hire Date", "date", RENDER_HIRE_DATE },
  { "terminationDate", "Termination Date", "date", RENDER_TERMINATION_DATE },
  { "ssn", "SSN", "ssn", RENDER_SSN },
  { "customSkipSync", "Skip sync", "checkbox", RENDER_SKIP_SYNC },
  { "customCostCenter", "Cost center", "list", RENDER_COST_CENTER },
  { "4420", "Badge number", "text", RENDER_BADGE },
  { "customOldCode", "Old code", "text", RENDER_OLD_CODE },
  { "skip_elevo_sync", "Ne pas synchroniser avec Elevo", "checkbox", RENDER_VENDOR_SKIP },
};

/* GET /api/v1/meta/fields: ids are integers or strings, as the spec allows. */
static const char fields_json[] =
  "["
  "{\"id\":1,\"name\":\"Status\",\"type\":\"status\",\"alias\":\"status\"},"
  "{\"id\":\"4\",\"name\":\"First Name\",\"type\":\"text\",\"alias\":\"firstName\"},"
  "{\"id\":5,\"name\":\"Last Name\",\"type\":\"text\",\"alias\":\"lastName\"},"
  "{\"id\":1358,\"name\":\"Preferred Name\",\"type\":\"text\",\"alias\":\"preferredName\"},"
  "{\"id\":17,\"name\":\"Employee #\",\"type\":\"text\",\"alias\":\"employeeNumber\"},"
  "{\"id\":15,\"name\":\"Work Email\",\"type\":\"email\",\"alias\":\"workEmail\"},"
  "{\"id\":1357,\"name\":\"Home Email\",\"type\":\"email\",\"alias\":\"homeEmail\"},"
  "{\"id\":\"1360\",\"name\":\"Employment Status\",\"type\":\"list\",\"alias\":\"employmentHistoryStatus\"},"
  "{\"id\":10,\"name\":\"Job Title\",\"type\":\"list\",\"alias\":\"jobTitle\"},"
  "{\"id\":\"11\",\"name\":\"Department\",\"type\":\"list\",\"alias\":\"department\"},"
  "{\"id\":1355,\"name\":\"Division\",\"type\":\"list\",\"alias\":\"division\"},"
  "{\"id\":18,\"name\":\"Location\",\"type\":\"list\",\"alias\":\"location\"},"
  "{\"id\":1364,\"name\":\"Teams\",\"type\":\"list\",\"alias\":\"teams\"},"
  "{\"id\":1365,\"name\":\"Display Name\",\"type\":\"text\",\"alias\":\"displayName\"},"
  "{\"id\":91,\"name\":\"Reporting to\",\"type\":\"employee\",\"alias\":\"supervisor\"},"
  "{\"id\":\"1362\",\"name\":\"Supervisor EID\",\"type\":\"text\",\"alias\":\"supervisorEId\"},"
  "{\"id\":19,\"name\":\"Hire Date\",\"type\":\"date\",\"alias\":\"hireDate\"},"
  "{\"id\":1363,\"name\":\"Termination Date\",\"type\":\"date\",\"alias\":\"terminationDate\"},"
  "{\"id\":9,\"name\":\"SSN\",\"type\":\"ssn\",\"alias\":\"ssn\"},"
  "{\"id\":\"4340.4\",\"name\":\"Emergency Contact: Phone\",\"type\":\"phone\"},"
  "{\"id\":4001,\"name\":\"Skip sync\",\"type\":\"checkbox\",\"alias\":\"customSkipSync\"},"
  "{\"id\":\"4002\",\"name\":\"Cost center\",\"type\":\"list\",\"alias\":\"customCostCenter\"},"
  "{\"id\":4420,\"name\":\"Badge number\",\"type\":\"text\"},"
  "{\"id\":4300,\"name\":\"Old code\",\"type\":\"text\",\"alias\":\"customOldCode\",\"deprecated\":true},"
  "{\"id\":4501,\"name\":\"Ne pas synchroniser avec Elevo\",\"type\":\"checkbox\",\"alias\":\"skip_elevo_sync\"}"
  "]";

static const char fields_xml[] =
  "<?xml version=\"1.0\"?>\n<fields><field id=\"4\" type=\"text\" alias=\"firstName\">First Name</field></fields>\n";

static const FieldDef *
lookup_field (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_fields); i++)
    if (g_str_equal (known_fields[i].key, key))
      return &known_fields[i];
  return NULL;
}

static char *
render_value (const FieldDef *def,
              HcFakePerson   *person,
              GPtrArray      *people)
{
  const char *status = person->status ? person->status : "active";

  switch (def->render)
    {
    case RENDER_EMPLOYEE_NUMBER:
      return g_strdup_printf ("E%s", person->id);
    case RENDER_FIRST_NAME:
      return g_strdup (person->first_name);
    case RENDER_LAST_NAME:
      return g_strdup (person->last_name);
    case RENDER_PREFERRED_NAME:
      return g_strdup (person->preferred_name);
    case RENDER_DISPLAY_NAME:
      return g_strdup_printf ("%s %s", person->preferred_name ? person->preferred_name
                                                              : person->first_name ? person->first_name : "",
                              person->last_name ? person->last_name : "");
    case RENDER_WORK_EMAIL:
      return g_strdup (person->email);
    case RENDER_STATUS:
      /* future hires are Inactive until their start date */
      if (g_str_equal (status, "active") || g_str_equal (status, "leave"))
        return g_strdup ("Active");
      if (g_str_equal (status, "inactive") || g_str_equal (status, "onboarding"))
        return g_strdup ("Inactive");
      return g_strdup (status);   /* a test's odd value, as is */
    case RENDER_EMPLOYMENT_STATUS:
      if (g_str_equal (status, "leave"))
        return g_strdup ("Leave of Absence");
      if (g_str_equal (status, "inactive"))
        return g_strdup ("Terminated");
      if (g_str_equal (status, "onboarding"))
        return NULL;   /* future-dated row: no current value */
      return g_strdup ("Full-Time");
    case RENDER_JOB_TITLE:
      return g_strdup (person->position);
    case RENDER_DEPARTMENT:
      return g_strdup (person->department);
    case RENDER_DIVISION:
      return g_strdup ("Europe");
    case RENDER_LOCATION:
      return g_strdup (person->office);
    case RENDER_TEAMS:
      return g_strdup (person->team);
    case RENDER_SUPERVISOR_EID:
      return g_strdup (person->manager_id);
    case RENDER_SUPERVISOR:
      {
        HcFakePerson *manager = person->manager_id ? hc_fake_people_find (people, person->manager_id) : NULL;

        if (manager == NULL)
          return NULL;
        return g_strdup_printf ("%s %s", manager->first_name, manager->last_name);
      }
    case RENDER_HIRE_DATE:
      return g_strdup (person->hire_date);
    case RENDER_TERMINATION_DATE:
      return g_strdup (person->end_date);
    case RENDER_SSN:
      return g_strdup ("000-00-0000");
    case RENDER_SKIP_SYNC:
      return g_strdup (person->skip_sync ? "1" : "0");
    case RENDER_COST_CENTER:
      return g_strdup (person->cost_center);
    case RENDER_BADGE:
      return g_strdup_printf ("B-%s", person->id);
    case RENDER_OLD_CODE:
      return g_strdup ("OLD");
    case RENDER_VENDOR_SKIP:
      return g_strdup (person->vendor_skip ? "1" : "0");
    case RENDER_NONE:
    default:
      return NULL;
    }
}

/* "Basic base64(KEY:anything)" with our key. */
static gboolean
authorized (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  const char *colon;

  if (value == NULL || g_ascii_strncasecmp (value, "Basic ", 6) != 0)
    return FALSE;
  decoded = g_base64_decode (value + 6, &length);
  text = g_strndup ((const char *) decoded, length);
  colon = strchr (text, ':');
  if (colon == NULL)
    return FALSE;
  return strlen (HC_FAKE_BAMBOOHR_SECRET) == (gsize) (colon - text) &&
         strncmp (text, HC_FAKE_BAMBOOHR_SECRET, colon - text) == 0;
}

static void
reply_status (SoupServerMessage *msg,
              guint              status,
              const char        *error_message)
{
  soup_server_message_set_status (msg, status, NULL);
  /* BambooHR says what went wrong in a header, with an empty body */
  if (error_message != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "X-BambooHR-Error-Message", error_message);
}

static void
handle_fields (HcFakeBamboohr    *fake,
               SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *accept = soup_message_headers_get_one (headers, "Accept");
  g_autofree char *override = NULL;

  g_mutex_lock (&fake->mutex);
  override = g_strdup (fake->fields_override);
  g_mutex_unlock (&fake->mutex);

  if (g_strcmp0 (accept, "application/json") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_STATIC,
                                        fields_xml, strlen (fields_xml));
      return;
    }
  hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, override ? override : fields_json);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *value)
{
  if (value != NULL && *value != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
handle_report (HcFakeBamboohr    *fake,
               SoupServerMessage *msg,
               GHashTable        *query,
               GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  const char *format = query ? g_hash_table_lookup (query, "format") : NULL;
  const char *only_current = query ? g_hash_table_lookup (query, "onlyCurrent") : NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) requested = g_ptr_array_new ();
  g_autofree char *override = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  JsonNode *request_root, *fields_node;
  JsonArray *fields;

  g_mutex_lock (&fake->mutex);
  g_free (fake->last_report_request);
  fake->last_report_request = g_strndup (data ? data : "", size);
  g_free (fake->last_content_type);
  fake->last_content_type = g_strdup (content_type);
  override = g_strdup (fake->report_override);
  g_mutex_unlock (&fake->mutex);

  /* The spec's enum is lower case; an unknown format is a 404. */
  if (g_strcmp0 (format, "json") != 0)
    {
      reply_status (msg, SOUP_STATUS_NOT_FOUND, "Report format not found");
      return;
    }
  if (only_current != NULL && !g_str_equal (only_current, "true") && !g_str_equal (only_current, "false"))
    {
      reply_status (msg, SOUP_STATUS_BAD_REQUEST, "Invalid onlyCurrent");
      return;
    }
  /* anything but exactly application/json is parsed as XML */
  if (g_strcmp0 (content_type, "application/json") != 0)
    {
      reply_status (msg, SOUP_STATUS_BAD_REQUEST, "Malformed XML");
      return;
    }
  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL) ||
      (request_root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (request_root))
    {
      reply_status (msg, SOUP_STATUS_BAD_REQUEST, "Malformed JSON");
      return;
    }
  fields_node = json_object_get_member (json_node_get_object (request_root), "fields");
  if (fields_node == NULL || !JSON_NODE_HOLDS_ARRAY (fields_node))
    {
      reply_status (msg, SOUP_STATUS_BAD_REQUEST, "No fields requested");
      return;
    }
  fields = json_node_get_array (fields_node);
  if (json_array_get_length (fields) == 0 || json_array_get_length (fields) > MAX_REPORT_FIELDS)
    {
      reply_status (msg, SOUP_STATUS_BAD_REQUEST, "Between 1 and 400 fields can be requested");
      return;
    }
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *element = json_array_get_element (fields, i);
      const FieldDef *def;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          reply_status (msg, SOUP_STATUS_BAD_REQUEST, "Field ids must be strings");
          return;
        }
      /* unknown fields are silently left out; "id" is always there */
      def = lookup_field (json_node_get_string (element));
      if (def != NULL && !g_ptr_array_find (requested, def, NULL))
        g_ptr_array_add (requested, (gpointer) def);
    }

  if (override != NULL)
    {
      hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, override);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  {
    JsonNode *title = json_object_get_member (json_node_get_object (request_root), "title");

    if (title != NULL && JSON_NODE_HOLDS_VALUE (title) && json_node_get_value_type (title) == G_TYPE_STRING)
      json_builder_add_string_value (builder, json_node_get_string (title));
    else
      json_builder_add_string_value (builder, "Report");
  }
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < requested->len; i++)
    {
      const FieldDef *def = g_ptr_array_index (requested, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, def->key);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, def->type);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, def->name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "employees");
  json_builder_begin_array (builder);
  g_mutex_lock (&fake->mutex);
  for (guint i = 0; i < fake->people->len; i++)
    {
      HcFakePerson *person = g_ptr_array_index (fake->people, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, person->id);
      for (guint j = 0; j < requested->len; j++)
        {
          const FieldDef *def = g_ptr_array_index (requested, j);
          g_autofree char *value = render_value (def, person, fake->people);

          json_builder_set_member_name (builder, def->key);
          add_string_or_null (builder, value);
        }
      json_builder_end_object (builder);
    }
  for (guint i = 0; i < fake->raw_employees->len; i++)
    json_builder_add_value (builder, json_node_copy (g_ptr_array_index (fake->raw_employees, i)));
  g_mutex_unlock (&fake->mutex);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  hc_fake_hris_reply_node (msg, SOUP_STATUS_OK, root);
}

static void
handle_cb (HcFakeHris        *server,
           SoupServerMessage *msg,
           const char        *method,
           const char        *path,
           GHashTable        *query,
           GBytes            *body,
           gpointer           user_data)
{
  HcFakeBamboohr *fake = user_data;

  if (!authorized (msg))
    {
      reply_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }

  if (g_str_equal (path, HC_FAKE_BAMBOOHR_FIELDS_PATH))
    {
      if (!g_str_equal (method, "GET"))
        reply_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      else
        handle_fields (fake, msg);
    }
  else if (g_str_equal (path, HC_FAKE_BAMBOOHR_REPORT_PATH))
    {
      if (!g_str_equal (method, "POST"))
        reply_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      else
        handle_report (fake, msg, query, body);
    }
  else
    reply_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

HcFakeBamboohr *
hc_fake_bamboohr_new (GPtrArray *people)
{
  HcFakeBamboohr *fake = g_new0 (HcFakeBamboohr, 1);

  g_mutex_init (&fake->mutex);
  fake->people = hc_fake_people_copy (people);
  fake->raw_employees = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  fake->server = hc_fake_hris_new ("BambooHR", handle_cb, fake, NULL);
  return fake;
}

void
hc_fake_bamboohr_set_people (HcFakeBamboohr *fake,
                             GPtrArray      *people)
{
  GPtrArray *copy = hc_fake_people_copy (people);

  g_mutex_lock (&fake->mutex);
  g_ptr_array_unref (fake->people);
  fake->people = copy;
  g_mutex_unlock (&fake->mutex);
}

HcFakeHris *
hc_fake_bamboohr_get_server (HcFakeBamboohr *fake)
{
  return fake->server;
}

const char *
hc_fake_bamboohr_get_base_url (HcFakeBamboohr *fake)
{
  return hc_fake_hris_get_base_url (fake->server);
}

void
hc_fake_bamboohr_free (HcFakeBamboohr *fake)
{
  if (fake == NULL)
    return;

  /* the server thread first: its handler uses the rest */
  hc_fake_hris_free (fake->server);
  g_ptr_array_unref (fake->people);
  g_ptr_array_unref (fake->raw_employees);
  g_free (fake->report_override);
  g_free (fake->fields_override);
  g_free (fake->last_report_request);
  g_free (fake->last_content_type);
  g_mutex_clear (&fake->mutex);
  g_free (fake);
}

void
hc_fake_bamboohr_add_raw_employee (HcFakeBamboohr *fake,
                                   const char     *json)
{
  hc_fake_hris_add_json_node (&fake->mutex, fake->raw_employees, json);
}

void
hc_fake_bamboohr_set_report_override (HcFakeBamboohr *fake,
                                      const char     *json)
{
  g_mutex_lock (&fake->mutex);
  g_free (fake->report_override);
  fake->report_override = g_strdup (json);
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_bamboohr_set_fields_override (HcFakeBamboohr *fake,
                                      const char     *json)
{
  g_mutex_lock (&fake->mutex);
  g_free (fake->fields_override);
  fake->fields_override = g_strdup (json);
  g_mutex_unlock (&fake->mutex);
}

char *
hc_fake_bamboohr_dup_last_report_request (HcFakeBamboohr *fake)
{
  char *body;

  g_mutex_lock (&fake->mutex);
  body = g_strdup (fake->last_report_request);
  g_mutex_unlock (&fake->mutex);
  return body;
}

char *
hc_fake_bamboohr_dup_last_content_type (HcFakeBamboohr *fake)
{
  char *value;

  g_mutex_lock (&fake->mutex);
  value = g_strdup (fake->last_content_type);
  g_mutex_unlock (&fake->mutex);
  return value;
}
