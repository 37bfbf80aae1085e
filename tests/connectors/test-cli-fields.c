/* test-cli-fields.c — headcount-cli fields and connector edit against the
 * fakes, with a real gnome-keyring-daemon on a private bus: the HR fields
 * with labels, types and samples; one field's values with counts; the
 * exclusion checkbox out of the box and the error for one the HR data
 * lacks; a connector moved to another host keeping its history
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "hc-cli-test.h"
#include "hc-fake-bamboohr.h"
#include "hc-fake-personio.h"
#include "hc-test-keyring.h"

static HcTestSession *session;
static char **session_env;
static char *root;

static void
run_cli (HcCliRun   *run,
         const char *data_dir,
         const char *input,
         ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *env[] = {
    "G_MESSAGES_DEBUG", "all",
    "HEADCOUNT_HTTP_POLICY", "connect=5,read=5,attempts=2,total=10,delay=10",
    NULL
  };
  const char *arg;
  va_list ap;

  hc_cli_run_clear (run);
  g_ptr_array_add (args, (char *) "--data-dir");
  g_ptr_array_add (args, (char *) data_dir);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  hc_cli_spawn ((const char * const *) session_env, NULL, env,
                (const char * const *) args->pdata, input, run);
}

static JsonObject *
parse_object (const char *json,
              JsonNode  **root_out)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  *root_out = node;
  return json_node_get_object (node);
}

static void
assert_no_secret (const char *text,
                  const char *secret)
{
  if (text != NULL && strstr (text, secret) != NULL)
    g_error ("the secret appears in the output (%zu bytes searched)", strlen (text));
}

static GPtrArray *
people_with_checkbox (void)
{
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);
  const char *offices[] = { "Paris", "Lyon", "Paris", "Paris" };

  for (guint i = 0; i < G_N_ELEMENTS (offices); i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 3001 + i);
      g_autofree char *email = g_strdup_printf ("p%s@fake-hris.example", id);
      HcFakePerson *p = hc_fake_person_new (id, "Zoé", i == 0 ? "Lefèvre" : "Martin", email);

      /* active already (hc_fake_person_new()) */
      p->hire_date = g_strdup ("2020-01-06");
      p->office = g_strdup (offices[i]);
      if (i > 0)
        p->manager_id = g_strdup ("3001");
      /* the company's own checkbox, set on the second person */
      p->vendor_skip = i == 1;
      g_ptr_array_add (people, p);
    }
  return people;
}

static JsonObject *
find_by (JsonArray  *array,
         const char *member,
         const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), value) == 0)
        return object;
    }
  return NULL;
}

/* BambooHR: the fields list the checkbox by label and API name, its values
 * come with counts, and the default config leaves the person out. */
static void
test_fields_bamboohr (void)
{
  g_autoptr (GPtrArray) people = people_with_checkbox ();
  g_autoptr (HcFakeBamboohr) fake = hc_fake_bamboohr_new (people);
  g_autofree char *data_dir = g_build_filename (root, "bamboohr", NULL);
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object, *field, *item;
  JsonArray *array;

  run_cli (&run, data_dir, HC_FAKE_BAMBOOHR_SECRET "\n", "connector", "add", "bamboohr",
           "--name", "HR", "--base-url", hc_fake_bamboohr_get_base_url (fake), "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* every field, with label, type, how many have a value, samples */
  run_cli (&run, data_dir, NULL, "fields", "HR", "--json", NULL);
  if (run.status != 0)
    g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  assert_no_secret (run.out, HC_FAKE_BAMBOOHR_SECRET);
  assert_no_secret (run.err, HC_FAKE_BAMBOOHR_SECRET);
  object = parse_object (run.out, &node);
  g_assert_cmpint (json_object_get_int_member (object, "employees"), ==, 4);
  array = json_object_get_array_member (object, "fields");
  field = find_by (array, "name", "skip_elevo_sync");
  g_assert_nonnull (field);
  g_assert_cmpstr (json_object_get_string_member (field, "label"), ==, "Ne pas synchroniser avec Elevo");
  g_assert_cmpstr (json_object_get_string_member (field, "type"), ==, "boolean");
  g_assert_cmpint (json_object_get_int_member (field, "employees"), ==, 4);
  /* the most frequent value first */
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (field, "samples"), 0), ==, "0");
  field = find_by (array, "name", "location");
  g_assert_nonnull (field);
  g_assert_cmpstr (json_object_get_string_member (field, "label"), ==, "Location");
  g_assert_cmpstr (json_object_get_string_member (field, "type"), ==, "list");
  field = find_by (array, "name", "office");
  g_assert_nonnull (field);
  g_assert_cmpstr (json_object_get_string_member (field, "type"), ==, "text");
  g_clear_pointer (&node, json_node_unref);

  /* the table for people */
  run_cli (&run, data_dir, NULL, "fields", "HR", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Ne pas synchroniser avec Elevo"));
  g_assert_nonnull (strstr (run.out, "skip_elevo_sync"));

  /* one field's values with counts, most frequent first */
  run_cli (&run, data_dir, NULL, "fields", "HR", "--values", "office", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = parse_object (run.out, &node);
  g_assert_cmpstr (json_object_get_string_member (object, "field"), ==, "office");
  array = json_object_get_array_member (object, "values");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  item = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "value"), ==, "Paris");
  g_assert_cmpint (json_object_get_int_member (item, "count"), ==, 3);
  item = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "value"), ==, "Lyon");
  g_assert_cmpint (json_object_get_int_member (item, "count"), ==, 1);
  g_clear_pointer (&node, json_node_unref);

  run_cli (&run, data_dir, NULL, "fields", "HR", "--values", "skip_elevo_sync", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Value"));
  g_assert_true (g_regex_match_simple ("^0 +3$", run.out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^1 +1$", run.out, G_REGEX_MULTILINE, 0));

  /* a field the HR data does not have */
  run_cli (&run, data_dir, NULL, "fields", "HR", "--values", "no_such_field", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no_such_field"));

  /* out of the box, the person with the checkbox set is left out */
  run_cli (&run, data_dir, NULL, "sync", "HR", "--dry-run", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = json_object_get_object_member (parse_object (run.out, &node), "plan");
  array = json_object_get_array_member (object, "items");
  item = find_by (array, "employee_id", "3002");
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "skip");
  g_assert_cmpstr (json_object_get_string_member (item, "reason_code"), ==, "excluded");
  item = find_by (array, "employee_id", "3003");
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "invite");
  g_clear_pointer (&node, json_node_unref);

  /* a named exclusion checkbox the HR data lacks stops the prepare */
  run_cli (&run, data_dir, "{\"scope\":{\"exclude_field\":\"ne_pas_inviter\"}}", "config", "HR", "--set", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, data_dir, NULL, "sync", "HR", "--dry-run", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“ne_pas_inviter”"));
  g_assert_nonnull (strstr (run.err, "BambooHR"));
  g_assert_nonnull (strstr (run.err, "exclusion checkbox"));

  /* the chosen checkbox, by its API name, works */
  run_cli (&run, data_dir, "{\"scope\":{\"exclude_field\":\"skip_elevo_sync\"}}", "config", "HR", "--set", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, data_dir, NULL, "sync", "HR", "--dry-run", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = json_object_get_object_member (parse_object (run.out, &node), "plan");
  item = find_by (json_object_get_array_member (object, "items"), "employee_id", "3002");
  g_assert_cmpstr (json_object_get_string_member (item, "reason_code"), ==, "excluded");
}

static JsonObject *
list_connector (const char *data_dir,
                JsonNode  **node)
{
  g_auto (HcCliRun) run = { 0 };
  JsonArray *connectors;

  run_cli (&run, data_dir, NULL, "connector", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  connectors = json_object_get_array_member (parse_object (run.out, node), "connectors");
  g_assert_cmpuint (json_array_get_length (connectors), ==, 1);
  return json_array_get_object_element (connectors, 0);
}

/* A test instance moved to another host: edited, not removed and added
 * again, so its members and history stay; the base URL with or without
 * /v1; the secret changed in the keyring only. */
static void
test_connector_edit (void)
{
  g_autoptr (GPtrArray) people = people_with_checkbox ();
  g_autoptr (HcFakePersonio) old_host = hc_fake_personio_new (people);
  g_autoptr (HcFakePersonio) new_host = hc_fake_personio_new (people);
  g_autofree char *data_dir = g_build_filename (root, "edit", NULL);
  g_autofree char *new_root = NULL;
  g_autofree char *new_v1 = NULL;
  g_autofree char *log = NULL;
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  JsonObject *connector, *settings;
  JsonArray *runs;
  gint64 id;
  guint n_files = 0;

  /* the base URL without /v1, as admins copy it */
  new_v1 = g_strdup (hc_fake_personio_get_base_url (new_host));
  g_assert_true (g_str_has_suffix (new_v1, "/v1"));
  new_root = g_strndup (new_v1, strlen (new_v1) - strlen ("/v1"));

  run_cli (&run, data_dir, HC_FAKE_PERSONIO_SECRET "\n", "connector", "add", "personio", "--name", "HR",
           "--base-url", hc_fake_personio_get_base_url (old_host), "--client-id",
           HC_FAKE_PERSONIO_CLIENT_ID, "--secret-stdin", "--test-instance", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, data_dir, NULL, "sync", "HR", "--yes", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  connector = list_connector (data_dir, &node);
  id = json_object_get_int_member (connector, "id");
  g_assert_true (json_object_get_boolean_member (connector, "test_instance"));
  g_clear_pointer (&node, json_node_unref);

  /* usage errors change nothing */
  run_cli (&run, data_dir, NULL, "connector", "edit", "HR", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, data_dir, NULL, "connector", "edit", "HR", "--test-instance", "--production", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, data_dir, NULL, "connector", "edit", "HR", "--base-url", "ftp://nowhere", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, data_dir, NULL, "connector", "edit", "Nobody", "--production", NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* moved: the stored URL gets its /v1, the connector stays the same one */
  run_cli (&run, data_dir, NULL, "connector", "edit", "HR", "--base-url", new_root, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "base URL"));
  connector = list_connector (data_dir, &node);
  settings = json_object_get_object_member (connector, "settings");
  g_assert_cmpstr (json_object_get_string_member (settings, "base_url"), ==, new_v1);
  g_assert_cmpstr (json_object_get_string_member (settings, "client_id"), ==, HC_FAKE_PERSONIO_CLIENT_ID);
  g_assert_cmpint (json_object_get_int_member (connector, "id"), ==, id);
  g_assert_true (json_object_get_boolean_member (connector, "test_instance"));
  g_clear_pointer (&node, json_node_unref);

  run_cli (&run, data_dir, NULL, "connector", "test", "HR", NULL);
  g_assert_cmpint (run.status, ==, 0);
  log = hc_fake_hris_dup_request_log (hc_fake_personio_get_server (new_host));
  g_assert_nonnull (strstr (log, "/v1/auth"));

  /* a new secret goes to the keyring: a wrong one fails, the right one works */
  run_cli (&run, data_dir, "wrong-SECRET-0000\n", "connector", "edit", "HR", "--secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_no_secret (run.out, "wrong-SECRET-0000");
  assert_no_secret (run.err, "wrong-SECRET-0000");
  run_cli (&run, data_dir, NULL, "connector", "test", "HR", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "401"));
  run_cli (&run, data_dir, HC_FAKE_PERSONIO_SECRET "\n", "connector", "edit", "HR", "--secret-stdin",
           "--production", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "now production"));
  run_cli (&run, data_dir, NULL, "connector", "test", "HR", NULL);
  g_assert_cmpint (run.status, ==, 0);

  connector = list_connector (data_dir, &node);
  g_assert_false (json_object_get_boolean_member (connector, "test_instance"));
  g_clear_pointer (&node, json_node_unref);

  /* the history and the members are still the connector's */
  run_cli (&run, data_dir, NULL, "history", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  runs = json_object_get_array_member (parse_object (run.out, &node), "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (runs, 0), "connector_id"), ==, id);
  g_clear_pointer (&node, json_node_unref);
  run_cli (&run, data_dir, NULL, "sync", "HR", "--dry-run", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (parse_object (run.out, &node), "plan"),
                                                  "first_sync"));

  /* no secret in the data directory */
  hits = hc_test_find_in_tree (data_dir, HC_FAKE_PERSONIO_SECRET, &n_files);
  g_assert_cmpuint (n_files, >, 0);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = hc_test_find_in_tree (data_dir, "wrong-SECRET-0000", &n_files);
  g_assert_cmpuint (hits->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  session = hc_test_session_start_private ("hc-cli-fields-XXXXXX", &root);
  session_env = hc_test_session_update_environ (session, g_get_environ ());

  g_test_add_func ("/cli-fields/bamboohr", test_fields_bamboohr);
  g_test_add_func ("/cli-fields/connector-edit", test_connector_edit);

  status = g_test_run ();

  g_strfreev (session_env);
  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
