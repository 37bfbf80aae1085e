/* hc-fake-workday.c — a fake Workday tenant serving one RaaS report
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-workday"

#include <string.h>

#include "hc-fake-workday.h"

struct _HcFakeWorkday
{
  HcFakeHris         *server;
  char               *base_url;

  GMutex              mutex;
  /* protected by @mutex */
  GPtrArray          *people;         /* HcFakePerson* */
  HcFakeWorkdayLayout layout;
  GPtrArray          *raw_entries;    /* char*, JSON */
  char               *raw_body;
};

/* Rendering */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* DEFAULT leaves empty fields out; CAMEL sends null. */
static void
add_optional (JsonBuilder        *builder,
              HcFakeWorkdayLayout layout,
              const char         *name,
              const char         *value)
{
  if (value != NULL)
    add_string (builder, name, value);
  else if (layout == HC_FAKE_WORKDAY_LAYOUT_CAMEL)
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_null_value (builder);
    }
}

static void
add_flag (JsonBuilder        *builder,
          HcFakeWorkdayLayout layout,
          const char         *name,
          gboolean            value)
{
  json_builder_set_member_name (builder, name);
  if (layout == HC_FAKE_WORKDAY_LAYOUT_CAMEL)
    json_builder_add_boolean_value (builder, value);
  else
    json_builder_add_string_value (builder, value ? "1" : "0");
}

/* RaaS dates carry the tenant's offset. */
static char *
workday_date (const char *date)
{
  return date ? g_strconcat (date, "-08:00", NULL) : NULL;
}

static const char *
worker_status (const HcFakePerson *person)
{
  if (g_str_equal (person->status, "leave"))
    return "On Leave";
  if (g_str_equal (person->status, "inactive"))
    return "Terminated";
  if (g_str_equal (person->status, "onboarding"))
    return "Pre-Hire";
  return "Active";
}

static void
render_default (JsonBuilder        *builder,
                const HcFakePerson *person)
{
  const HcFakeWorkdayLayout layout = HC_FAKE_WORKDAY_LAYOUT_DEFAULT;
  g_autofree char *worker = g_strdup_printf ("%s %s", person->preferred_name ? person->preferred_name : person->first_name,
                                             person->last_name);
  g_autofree char *hire = workday_date (person->hire_date);
  g_autofree char *end = workday_date (person->end_date);
  g_autofree char *phone = g_strdup_printf ("+33 1 00 00 %s", person->id);
  g_autofree char *mobile = g_strdup_printf ("+33 6 00 00 %s", person->id);
  guint64 number = g_ascii_strtoull (person->id, NULL, 10);

  json_builder_begin_object (builder);
  add_string (builder, "Employee_ID", person->id);
  add_string (builder, "Worker", worker);
  add_optional (builder, layout, "Legal_Name_First_Name", person->first_name);
  add_optional (builder, layout, "Legal_Name_Last_Name", person->last_name);
  add_optional (builder, layout, "Preferred_Name_First_Name", person->preferred_name);
  add_optional (builder, layout, "Email_Address", person->email);
  add_optional (builder, layout, "Business_Title", person->position);
  add_optional (builder, layout, "Supervisory_Organization", person->department);
  add_optional (builder, layout, "Team", person->team);
  add_optional (builder, layout, "Cost_Center", person->cost_center);
  add_optional (builder, layout, "Location", person->office);
  add_optional (builder, layout, "Manager_ID", person->manager_id);
  add_optional (builder, layout, "Hire_Date", hire);
  add_optional (builder, layout, "Termination_Date", end);
  add_string (builder, "Worker_Status", worker_status (person));
  add_flag (builder, layout, "Active", g_str_equal (person->status, "active") || g_str_equal (person->status, "leave"));
  add_flag (builder, layout, "On_Leave", g_str_equal (person->status, "leave"));
  add_flag (builder, layout, "Terminated", g_str_equal (person->status, "inactive"));
  add_flag (builder, layout, "Skip_Sync", person->skip_sync);
  add_string (builder, "Worker_Type", "Employee");

  json_builder_set_member_name (builder, "Phone_group");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "Phone_Number", phone);
  add_string (builder, "Phone_Type", "Work");
  json_builder_end_object (builder);
  if (number % 2 == 0)
    {
      json_builder_begin_object (builder);
      add_string (builder, "Phone_Number", mobile);
      add_string (builder, "Phone_Type", "Mobile");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
render_camel (JsonBuilder        *builder,
              const HcFakePerson *person)
{
  const HcFakeWorkdayLayout layout = HC_FAKE_WORKDAY_LAYOUT_CAMEL;
  g_autofree char *wid = g_compute_checksum_for_string (G_CHECKSUM_MD5, person->id, -1);

  json_builder_begin_object (builder);
  add_string (builder, "employeeID", person->id);
  add_string (builder, "workdayID", wid);
  add_optional (builder, layout, "firstName", person->first_name);
  add_optional (builder, layout, "lastName", person->last_name);
  add_optional (builder, layout, "preferredFirstName", person->preferred_name);
  add_optional (builder, layout, "primaryWorkEmail", person->email);
  add_optional (builder, layout, "businessTitle", person->position);
  add_optional (builder, layout, "supervisoryOrganization", person->department);
  add_optional (builder, layout, "teamName", person->team);
  add_optional (builder, layout, "costCenter", person->cost_center);
  add_optional (builder, layout, "location", person->office);
  add_optional (builder, layout, "managerEmployeeID", person->manager_id);
  add_optional (builder, layout, "hireDate", person->hire_date);
  add_optional (builder, layout, "terminationDate", person->end_date);
  add_flag (builder, layout, "active", g_str_equal (person->status, "active") || g_str_equal (person->status, "leave"));
  add_flag (builder, layout, "terminated", g_str_equal (person->status, "inactive"));
  add_flag (builder, layout, "onLeave", g_str_equal (person->status, "leave"));
  add_flag (builder, layout, "skipSync", person->skip_sync);
  json_builder_end_object (builder);
}

/* Called with the lock held. */
static char *
render_report_json (HcFakeWorkday *fake)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Report_Entry");
  json_builder_begin_array (builder);
  for (guint i = 0; i < fake->people->len; i++)
    {
      const HcFakePerson *person = g_ptr_array_index (fake->people, i);

      if (fake->layout == HC_FAKE_WORKDAY_LAYOUT_CAMEL)
        render_camel (builder, person);
      else
        render_default (builder, person);
    }
  for (guint i = 0; i < fake->raw_entries->len; i++)
    {
      JsonNode *node = json_from_string (g_ptr_array_index (fake->raw_entries, i), NULL);

      g_assert_nonnull (node);
      json_builder_add_value (builder, node);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Workday's default output, for a request without format=json. */
static char *
render_report_xml (HcFakeWorkday *fake)
{
  GString *xml = g_string_new ("<?xml version='1.0' encoding='UTF-8'?>\n"
                               "<wd:Report_Data xmlns:wd=\"urn:com.workday.report/Headcount_Workers\">");

  for (guint i = 0; i < fake->people->len; i++)
    {
      const HcFakePerson *person = g_ptr_array_index (fake->people, i);
      g_autofree char *id = g_markup_escape_text (person->id, -1);

      g_string_append_printf (xml, "<wd:Report_Entry><wd:Employee_ID>%s</wd:Employee_ID></wd:Report_Entry>", id);
    }
  g_string_append (xml, "</wd:Report_Data>\n");
  return g_string_free (xml, FALSE);
}

/* The handler, in the server's thread */

static gboolean
authorized (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *expected_plain = g_strconcat (HC_FAKE_WORKDAY_CLIENT_ID, ":", HC_FAKE_WORKDAY_SECRET, NULL);
  g_autofree char *expected = NULL;
  g_autofree char *encoded = NULL;

  encoded = g_base64_encode ((const guchar *) expected_plain, strlen (expected_plain));
  expected = g_strconcat ("Basic ", encoded, NULL);
  return g_strcmp0 (value, expected) == 0;
}

static void
handle_request (HcFakeHris        *server,
                SoupServerMessage *msg,
                const char        *method,
                const char        *path,
                GHashTable        *query,
                GBytes            *body,
                gpointer           user_data)
{
  HcFakeWorkday *fake = user_data;
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *format = query ? g_hash_table_lookup (query, "format") : NULL;
  g_autofree char *answer = NULL;
  gsize length;

  if (!authorized (msg))
    {
      /* [inferred] the body Workday sends with a 401 is not documented. */
      soup_message_headers_replace (response_headers, "WWW-Authenticate", "Basic realm=\"Workday\"");
      hc_fake_hris_reply_json (msg, SOUP_STATUS_UNAUTHORIZED,
                               "{\"error\":\"invalid username or password\"}");
      return;
    }
  if (!g_str_equal (path, HC_FAKE_WORKDAY_REPORT_PATH))
    {
      hc_fake_hris_reply_json (msg, SOUP_STATUS_NOT_FOUND,
                               "{\"error\":\"The resource cannot be found.\"}");
      return;
    }
  if (!g_str_equal (method, "GET"))
    {
      hc_fake_hris_reply_json (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                               "{\"error\":\"Method not allowed\"}");
      return;
    }

  g_mutex_lock (&fake->mutex);
  if (g_strcmp0 (format, "json") == 0)
    answer = fake->raw_body ? g_strdup (fake->raw_body) : render_report_json (fake);
  else
    answer = render_report_xml (fake);
  g_mutex_unlock (&fake->mutex);

  length = strlen (answer);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg,
                                    g_strcmp0 (format, "json") == 0 ? "application/json" : "text/xml",
                                    SOUP_MEMORY_TAKE, g_steal_pointer (&answer), length);
}

/* Public API */

HcFakeWorkday *
hc_fake_workday_new (GPtrArray *people)
{
  HcFakeWorkday *fake = g_new0 (HcFakeWorkday, 1);

  g_mutex_init (&fake->mutex);
  fake->people = hc_fake_people_copy (people);
  fake->raw_entries = g_ptr_array_new_with_free_func (g_free);
  fake->layout = HC_FAKE_WORKDAY_LAYOUT_DEFAULT;
  fake->server = hc_fake_hris_new ("Workday", handle_request, fake, NULL);
  fake->base_url = g_strconcat (hc_fake_hris_get_base_url (fake->server),
                                HC_FAKE_WORKDAY_REPORT_PATH "?format=json", NULL);
  return fake;
}

void
hc_fake_workday_set_people (HcFakeWorkday *fake,
                            GPtrArray     *people)
{
  GPtrArray *copy = hc_fake_people_copy (people);

  g_mutex_lock (&fake->mutex);
  g_ptr_array_unref (fake->people);
  fake->people = copy;
  g_mutex_unlock (&fake->mutex);
}

HcFakeHris *
hc_fake_workday_get_server (HcFakeWorkday *fake)
{
  return fake->server;
}

const char *
hc_fake_workday_get_base_url (HcFakeWorkday *fake)
{
  return fake->base_url;
}

void
hc_fake_workday_set_layout (HcFakeWorkday      *fake,
                            HcFakeWorkdayLayout layout)
{
  g_mutex_lock (&fake->mutex);
  fake->layout = layout;
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_workday_add_raw_entry (HcFakeWorkday *fake,
                               const char    *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  /* A broken fixture is a broken test, not a broken server. */
  g_assert_nonnull (node);

  g_mutex_lock (&fake->mutex);
  g_ptr_array_add (fake->raw_entries, g_strdup (json));
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_workday_clear_raw_entries (HcFakeWorkday *fake)
{
  g_mutex_lock (&fake->mutex);
  g_ptr_array_set_size (fake->raw_entries, 0);
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_workday_set_raw_body (HcFakeWorkday *fake,
                              const char    *json)
{
  g_mutex_lock (&fake->mutex);
  g_free (fake->raw_body);
  fake->raw_body = g_strdup (json);
  g_mutex_unlock (&fake->mutex);
}

void
hc_fake_workday_free (HcFakeWorkday *fake)
{
  if (fake == NULL)
    return;

  /* Stops the server thread first: no handler runs after this. */
  hc_fake_hris_free (fake->server);
  g_ptr_array_unref (fake->people);
  g_ptr_array_unref (fake->raw_entries);
  g_free (fake->raw_body);
  g_free (fake->base_url);
  g_mutex_clear (&fake->mutex);
  g_free (fake);
}
