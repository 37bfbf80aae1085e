/* test-scim.c — the SCIM destination against SCIMMY: headcount-cli syncs a
 * workspace and delivers it; every check reads the service's /Users and
 * /Groups back, never Headcount's own records alone
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "hc-cli-test.h"
#include "hc-scim-server.h"
#include "hc-test-keyring.h"

#define TOKEN       "scim-BEARER-token-8675309"
#define ENTERPRISE  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

static HcTestSession *session;
static char **session_env;
static char *root;

typedef struct
{
  HcScimServer *server;
  char         *data_dir;
  char         *snapshot;
} Fixture;

/* One employee of the file connector's snapshot. */
typedef struct
{
  const char *id;
  const char *first;
  const char *last;
  const char *email;
  const char *title;
  const char *department;
  const char *manager;
} Employee;

static const Employee staff[] = {
  { "E1", "Zoé", "Lefèvre", "zoe@acme.example", "Chief Executive Officer", "Executive", NULL },
  { "E2", "Inès", "Caron", "ines@acme.example", "Chief Technology Officer", "Engineering", "E1" },
  { "E3", "Hugo", "Martin", "hugo@acme.example", "Engineer", "Engineering", "E2" },
  { "E4", "Léa", "Bernard", "lea@acme.example", "Designer", "Product", "E1" },
  { "E5", "Noah", "Petit", "noah@acme.example", "Engineer", "Engineering", "E2" },
  { "E6", "Jade", "Durand", "jade@acme.example", "Sales", "Sales", "E1" },
};

static void
write_snapshot (Fixture    *f,
                guint       n,
                const char *e2_title)
{
  g_autoptr (GString) json = g_string_new ("{\"employees\": [");
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      const Employee *e = &staff[i];

      g_string_append_printf (json,
                              "%s{\"id\": \"%s\", \"first_name\": \"%s\", \"last_name\": \"%s\", \"email\": \"%s\","
                              " \"status\": \"active\", \"position\": \"%s\", \"department\": \"%s\","
                              " \"manager_id\": %s%s%s, \"hire_date\": \"2020-01-06\", \"end_date\": null,"
                              " \"fields\": {}}",
                              i > 0 ? ", " : "", e->id, e->first, e->last, e->email,
                              i == 1 && e2_title != NULL ? e2_title : e->title, e->department,
                              e->manager ? "\"" : "", e->manager ? e->manager : "null", e->manager ? "\"" : "");
    }
  g_string_append (json, "]}");
  g_file_set_contents (f->snapshot, json->str, -1, &error);
  g_assert_no_error (error);
}

G_GNUC_NULL_TERMINATED static void
run_cli (Fixture    *f,
         HcCliRun   *run,
         const char *input,
         ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  hc_cli_run_clear (run);
  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, f->data_dir);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  {
    g_autofree char *line = g_strjoinv (" ", (char **) args->pdata);

    g_test_message ("headcount-cli %s", line);
  }
  hc_cli_spawn ((const char * const *) session_env, NULL, NULL, (const char * const *) args->pdata,
                input ? input : "", run);
}

static void
assert_ok (const HcCliRun *run)
{
  if (run->status != 0)
    g_error ("headcount-cli failed (%d): %s%s", run->status, run->out, run->err);
}

/* A workspace with @n employees, and the destination "platform" added with
 * @extra options (NULL-terminated, may be NULL). */
static gboolean
setup_with (Fixture            *f,
            guint               n,
            const char * const *extra)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  static guint counter;

  f->server = hc_scim_server_get_for_test (HC_SCIM_MODE, HC_SCIM_SKIP_REASON, TOKEN);
  if (f->server == NULL)
    return FALSE;
  f->data_dir = g_strdup_printf ("%s/case-%u", root, ++counter);
  g_assert_cmpint (g_mkdir_with_parents (f->data_dir, 0700), ==, 0);
  f->snapshot = g_build_filename (f->data_dir, "snapshot.json", NULL);
  write_snapshot (f, n, NULL);

  run_cli (f, &run, NULL, "connector", "add", "file", "--name", "hr", "--path", f->snapshot, NULL);
  assert_ok (&run);
  {
    const char *base[] = { "--data-dir", f->data_dir, "destination", "add", "scim", "--name", "platform",
                           "--base-url", hc_scim_server_get_base_url (f->server), "--secret-stdin" };

    for (guint i = 0; i < G_N_ELEMENTS (base); i++)
      g_ptr_array_add (args, (char *) base[i]);
    for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
      g_ptr_array_add (args, (char *) extra[i]);
    g_ptr_array_add (args, NULL);
    hc_cli_run_clear (&run);
    hc_cli_spawn ((const char * const *) session_env, NULL, NULL, (const char * const *) args->pdata,
                  TOKEN "\n", &run);
  }
  assert_ok (&run);
  /* The token went to the keyring only. */
  {
    guint n_files = 0;
    g_autoptr (GPtrArray) found = hc_test_find_in_tree (f->data_dir, TOKEN, &n_files);

    g_assert_cmpuint (found->len, ==, 0);
    g_assert_null (strstr (run.out, TOKEN));
    g_assert_null (strstr (run.err, TOKEN));
  }
  return TRUE;
}

static gboolean
setup (Fixture *f,
       guint    n)
{
  return setup_with (f, n, NULL);
}

static void
teardown (Fixture *f)
{
  g_free (f->data_dir);
  g_free (f->snapshot);
}

static guint
reset_counters (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer = hc_scim_server_control (f->server, "POST", "/counters/reset", NULL, &error);

  g_assert_no_error (error);
  return 0;
}

static void
control (Fixture    *f,
         const char *path,
         const char *body)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer = hc_scim_server_control (f->server, "POST", path, body, &error);

  g_assert_no_error (error);
}

static const char *
enterprise_string (JsonObject *user,
                   const char *name)
{
  JsonObject *enterprise = json_object_get_object_member (user, ENTERPRISE);

  g_assert_nonnull (enterprise);
  return json_object_get_string_member_with_default (enterprise, name, NULL);
}

static const char *
manager_of (JsonObject *user)
{
  JsonObject *enterprise = json_object_get_object_member (user, ENTERPRISE);
  JsonNode *manager = enterprise != NULL ? json_object_get_member (enterprise, "manager") : NULL;

  if (manager == NULL || !JSON_NODE_HOLDS_OBJECT (manager))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (manager), "value", NULL);
}

/* The member of members --json whose e-mail is @email. */
static JsonObject *
find_member (Fixture    *f,
             const char *email)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) doc = NULL;
  JsonArray *members;

  run_cli (f, &run, NULL, "members", "--json", NULL);
  assert_ok (&run);
  doc = hc_cli_parse_document (run.out);
  members = json_object_get_array_member (json_node_get_object (doc), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (m, "email", NULL), email) == 0)
        return json_object_ref (m);
    }
  g_assert_not_reached ();
}

/* The member's record for the destination: [status, scim_id, error, scim_type]. */
static JsonObject *
destination_of (JsonObject *member)
{
  JsonArray *destinations = json_object_get_array_member (member, "destinations");

  g_assert_cmpuint (json_array_get_length (destinations), ==, 1);
  return json_array_get_object_element (destinations, 0);
}

/* The groups of a display name on the service. */
static guint
count_groups_named (Fixture    *f,
                    const char *display_name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) groups = NULL;
  g_autofree char *escaped = g_uri_escape_string (display_name, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/Groups?filter=displayName%%20eq%%20%%22%s%%22", escaped);

  groups = hc_scim_server_request (f->server, "GET", path, NULL, NULL, &error);
  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (groups), "Resources"));
}

/* The newest run of history --json, with its "deliveries". */
static JsonObject *
newest_run (Fixture *f)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) doc = NULL;
  JsonArray *runs;

  run_cli (f, &run, NULL, "history", "--json", NULL);
  assert_ok (&run);
  doc = hc_cli_parse_document (run.out);
  runs = json_object_get_array_member (json_node_get_object (doc), "runs");
  g_assert_cmpuint (json_array_get_length (runs), >, 0);
  return json_object_ref (json_array_get_object_element (runs, 0));
}

/* The delivery counts of @run for its only destination. */
static void
assert_delivered (JsonObject *run,
                  gint64      created,
                  gint64      updated,
                  gint64      deactivated,
                  gint64      failed)
{
  JsonArray *deliveries = json_object_get_array_member (run, "deliveries");
  JsonObject *d;

  g_assert_cmpuint (json_array_get_length (deliveries), ==, 1);
  d = json_array_get_object_element (deliveries, 0);
  g_assert_cmpstr (json_object_get_string_member (d, "destination"), ==, "platform");
  g_assert_cmpint (json_object_get_int_member (d, "created"), ==, created);
  g_assert_cmpint (json_object_get_int_member (d, "updated"), ==, updated);
  g_assert_cmpint (json_object_get_int_member (d, "deactivated"), ==, deactivated);
  g_assert_cmpint (json_object_get_int_member (d, "failed"), ==, failed);
}

static void
assert_user_matches (JsonObject     *user,
                     const Employee *e,
                     const char     *title,
                     gboolean        active)
{
  JsonObject *name = json_object_get_object_member (user, "name");
  JsonArray *emails = json_object_get_array_member (user, "emails");
  JsonObject *email = json_array_get_object_element (emails, 0);

  g_assert_cmpstr (json_object_get_string_member (user, "userName"), ==, e->email);
  g_assert_cmpstr (json_object_get_string_member (user, "externalId"), ==, e->id);
  g_assert_cmpstr (json_object_get_string_member (name, "givenName"), ==, e->first);
  g_assert_cmpstr (json_object_get_string_member (name, "familyName"), ==, e->last);
  g_assert_cmpstr (json_object_get_string_member (email, "value"), ==, e->email);
  g_assert_true (json_object_get_boolean_member (email, "primary"));
  g_assert_cmpstr (json_object_get_string_member (user, "title"), ==, title != NULL ? title : e->title);
  g_assert_cmpint (json_object_get_boolean_member (user, "active"), ==, active);
  g_assert_cmpstr (enterprise_string (user, "employeeNumber"), ==, e->id);
  g_assert_cmpstr (enterprise_string (user, "department"), ==, e->department);
}

/* Create, manager references, a second run with no write, an update of
 * one attribute by PATCH, and a deactivation. */
static void
test_deliver (void)
{
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *log = NULL;

  if (!setup (&f, 4))
    return;

  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);

  /* History shows what the delivery after the sync did. */
  {
    g_autoptr (JsonObject) newest = newest_run (&f);
    g_autofree char *show = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (newest, "id"));

    assert_delivered (newest, 4, 0, 0, 0);
    run_cli (&f, &run, NULL, "history", NULL);
    assert_ok (&run);
    g_assert_nonnull (strstr (run.out, "platform: 4 created, 0 updated, 0 deactivated, 0 failed"));
    run_cli (&f, &run, NULL, "history", "show", show, NULL);
    assert_ok (&run);
    g_assert_nonnull (strstr (run.out, "Delivered to platform: 4 created, 0 updated, 0 deactivated, 0 failed"));
    run_cli (&f, &run, NULL, "history", "show", show, "--json", NULL);
    assert_ok (&run);
    {
      g_autoptr (JsonNode) doc = hc_cli_parse_document (run.out);

      assert_delivered (json_node_get_object (doc), 4, 0, 0, 0);
    }
  }

  users = hc_scim_server_list_users (f.server);
  g_assert_cmpuint (users->len, ==, 4);
  for (guint i = 0; i < users->len; i++)
    {
      JsonObject *user = g_ptr_array_index (users, i);

      g_hash_table_insert (ids, g_strdup (json_object_get_string_member (user, "externalId")),
                           g_strdup (json_object_get_string_member (user, "id")));
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (JsonObject) user = hc_scim_server_find_user (f.server, staff[i].email);
      g_autoptr (JsonObject) member = find_member (&f, staff[i].email);
      JsonObject *record = destination_of (member);

      assert_user_matches (user, &staff[i], NULL, TRUE);
      /* The manager link names the manager's id there. */
      g_assert_cmpstr (manager_of (user), ==,
                       staff[i].manager != NULL ? g_hash_table_lookup (ids, staff[i].manager) : NULL);
      /* What Headcount records is what the service holds. */
      g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "in_sync");
      g_assert_cmpstr (json_object_get_string_member (record, "scim_id"), ==,
                       json_object_get_string_member (user, "id"));
    }

  /* Nothing changed: no write at all. */
  reset_counters (&f);
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, &log), ==, 0);
  g_clear_pointer (&log, g_free);

  /* One title changes: one PATCH of that attribute. */
  write_snapshot (&f, 4, "Chief Platform Officer");
  reset_counters (&f);
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, &log), ==, 1);
  g_assert_nonnull (strstr (log, "PATCH /Users/"));
  {
    g_autoptr (JsonObject) newest = newest_run (&f);

    assert_delivered (newest, 0, 1, 0, 0);
  }
  {
    g_autoptr (JsonObject) user = hc_scim_server_find_user (f.server, staff[1].email);

    assert_user_matches (user, &staff[1], "Chief Platform Officer", TRUE);
  }
  g_clear_pointer (&log, g_free);

  /* Léa is archived in Headcount: deactivated there by the next sync. */
  write_snapshot (&f, 3, "Chief Platform Officer");
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "members", "archive", "lea@acme.example", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  {
    g_autoptr (JsonObject) user = hc_scim_server_find_user (f.server, staff[3].email);
    g_autoptr (GPtrArray) after = hc_scim_server_list_users (f.server);

    g_assert_nonnull (user);
    g_assert_false (json_object_get_boolean_member (user, "active"));
    g_assert_cmpuint (after->len, ==, 4);
  }

  /* And again nothing to send. */
  reset_counters (&f);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, &log), ==, 0);
  teardown (&f);
}

/* Users already on the platform are found by externalId (then userName):
 * updated, never created twice. */
static void
test_external_id_match (void)
{
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) created = NULL;
  g_autoptr (JsonNode) created2 = NULL;
  g_autoptr (GPtrArray) users = NULL;
  g_autofree char *log = NULL;
  guint status = 0;
  const char *pre_id;

  if (!setup (&f, 3))
    return;

  created = hc_scim_server_request (f.server, "POST", "/Users",
                                    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                                    "\"userName\":\"zoe.old-login@acme.example\",\"externalId\":\"E1\",\"active\":true}",
                                    &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 201);
  pre_id = json_object_get_string_member (json_node_get_object (created), "id");
  created2 = hc_scim_server_request (f.server, "POST", "/Users",
                                     "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                                     "\"userName\":\"ines@acme.example\",\"active\":true}",
                                     &status, &error);
  g_assert_no_error (error);
  reset_counters (&f);

  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  users = hc_scim_server_list_users (f.server);
  g_assert_cmpuint (users->len, ==, 3);
  {
    g_autoptr (JsonObject) zoe = hc_scim_server_find_user (f.server, staff[0].email);
    g_autoptr (JsonObject) ines = hc_scim_server_find_user (f.server, staff[1].email);

    g_assert_cmpstr (json_object_get_string_member (zoe, "id"), ==, pre_id);
    assert_user_matches (zoe, &staff[0], NULL, TRUE);
    /* Found by userName: it now carries the externalId. */
    assert_user_matches (ines, &staff[1], NULL, TRUE);
  }
  /* One POST (Hugo), two PATCHes. */
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, &log), ==, 3);
  g_assert_nonnull (strstr (log, "POST /Users"));
  teardown (&f);
}

/* A user the service rejects (400 with a scimType), another one in
 * conflict (409): recorded on those members, the others delivered; once
 * the service accepts them, the next run converges. */
static void
test_rejected (void)
{
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GPtrArray) users = NULL;

  if (!setup (&f, 5))
    return;

  control (&f, "/reject",
           "{\"userName\":\"hugo@acme.example\",\"status\":400,\"scimType\":\"invalidValue\","
           "\"detail\":\"Department Engineering is closed\"}");
  control (&f, "/reject",
           "{\"userName\":\"noah@acme.example\",\"status\":409,\"scimType\":\"uniqueness\","
           "\"detail\":\"noah is taken\"}");

  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 1);
  users = hc_scim_server_list_users (f.server);
  g_assert_cmpuint (users->len, ==, 3);
  {
    g_autoptr (JsonObject) newest = newest_run (&f);

    assert_delivered (newest, 3, 0, 0, 2);
  }
  {
    g_autoptr (JsonObject) hugo = find_member (&f, "hugo@acme.example");
    g_autoptr (JsonObject) noah = find_member (&f, "noah@acme.example");
    g_autoptr (JsonObject) zoe = find_member (&f, "zoe@acme.example");
    JsonObject *r;

    r = destination_of (hugo);
    g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "error");
    g_assert_cmpstr (json_object_get_string_member (r, "scim_type"), ==, "invalidValue");
    g_assert_nonnull (strstr (json_object_get_string_member (r, "error"), "Department Engineering is closed"));
    r = destination_of (noah);
    g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "error");
    g_assert_cmpstr (json_object_get_string_member (r, "scim_type"), ==, "uniqueness");
    r = destination_of (zoe);
    g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "in_sync");
  }

  /* explain shows the last outcome. */
  run_cli (&f, &run, NULL, "explain", "hr", "hugo@acme.example", NULL);
  g_assert_nonnull (strstr (run.out, "Department Engineering is closed"));

  control (&f, "/reject", "{\"userName\":\"hugo@acme.example\",\"status\":0}");
  control (&f, "/reject", "{\"userName\":\"noah@acme.example\",\"status\":0}");
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  g_clear_pointer (&users, g_ptr_array_unref);
  users = hc_scim_server_list_users (f.server);
  g_assert_cmpuint (users->len, ==, 5);
  {
    g_autoptr (JsonObject) hugo_user = hc_scim_server_find_user (f.server, "hugo@acme.example");
    g_autoptr (JsonObject) hugo = find_member (&f, "hugo@acme.example");

    assert_user_matches (hugo_user, &staff[2], NULL, TRUE);
    g_assert_cmpstr (json_object_get_string_member (destination_of (hugo), "status"), ==, "in_sync");
  }
  teardown (&f);
}

/* 429 with Retry-After: waited for, then delivered. */
static void
test_rate_limited (void)
{
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GPtrArray) users = NULL;
  g_autofree char *log = NULL;
  gint64 start;

  if (!setup (&f, 3))
    return;

  control (&f, "/throttle", "{\"count\":2,\"retryAfter\":1}");
  start = g_get_monotonic_time ();
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  /* Retry-After was honoured: at least a second for each 429. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);
  users = hc_scim_server_list_users (f.server);
  g_assert_cmpuint (users->len, ==, 3);
  hc_scim_server_count_writes (f.server, &log);
  g_assert_nonnull (strstr (log, " 429"));
  teardown (&f);
}

/* A group with its members, as a SCIM Group naming their ids there. */
static void
test_group (void)
{
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) groups = NULL;
  JsonArray *resources;
  JsonObject *group;
  JsonArray *members;
  g_autoptr (JsonObject) hugo = NULL;
  g_autoptr (JsonObject) ines = NULL;

  if (!setup (&f, 3))
    return;
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "groups", "create", "Paris", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "groups", "create", "Paris/Engineering", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "groups", "add", "Paris/Engineering", "hugo@acme.example", "ines@acme.example", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);

  groups = hc_scim_server_request (f.server, "GET", "/Groups?filter=displayName%20eq%20%22Paris%2FEngineering%22",
                                   NULL, NULL, &error);
  g_assert_no_error (error);
  resources = json_object_get_array_member (json_node_get_object (groups), "Resources");
  g_assert_cmpuint (json_array_get_length (resources), ==, 1);
  g_assert_cmpuint (count_groups_named (&f, "Engineering"), ==, 0);
  group = json_array_get_object_element (resources, 0);
  members = json_object_get_array_member (group, "members");
  g_assert_cmpuint (json_array_get_length (members), ==, 2);
  hugo = hc_scim_server_find_user (f.server, "hugo@acme.example");
  ines = hc_scim_server_find_user (f.server, "ines@acme.example");
  {
    const char *a = json_object_get_string_member (json_array_get_object_element (members, 0), "value");
    const char *b = json_object_get_string_member (json_array_get_object_element (members, 1), "value");
    const char *h = json_object_get_string_member (hugo, "id");
    const char *i = json_object_get_string_member (ines, "id");

    g_assert_true ((g_str_equal (a, h) && g_str_equal (b, i)) || (g_str_equal (a, i) && g_str_equal (b, h)));
  }

  /* Nothing changed: no write. */
  reset_counters (&f);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, NULL), ==, 0);
  teardown (&f);
}

/* headcount-cli killed (SIGKILL) in the middle of a push: the next run
 * finds what was created, creates the rest, and nothing twice. */
static void
test_killed (void)
{
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) users = NULL;
  gint64 deadline;

  if (!setup (&f, 6))
    return;
  /* The first sync's delivery is killed half-way. */
  control (&f, "/slow", "{\"ms\":400}");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_environ (launcher, session_env);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("HC_CLI"), "--data-dir", f.data_dir,
                                         "sync", "hr", "--yes", NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (hc_scim_server_count_writes (f.server, NULL) < 3 && g_get_monotonic_time () < deadline)
    g_usleep (50000);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, NULL), >=, 3);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (process));

  g_usleep (600000);   /* the write in flight lands */
  control (&f, "/slow", "{\"ms\":0}");
  users = hc_scim_server_list_users (f.server);
  g_assert_cmpuint (users->len, <, 6);

  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  g_clear_pointer (&users, g_ptr_array_unref);
  users = hc_scim_server_list_users (f.server);
  g_assert_cmpuint (users->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr (JsonObject) user = hc_scim_server_find_user (f.server, staff[i].email);

      assert_user_matches (user, &staff[i], NULL, TRUE);
    }
  reset_counters (&f);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, NULL), ==, 0);
  teardown (&f);
}

/* A test instance gets no deactivation until the admin confirms it: not
 * by destination push, not by sync --yes (which confirms the plan only),
 * only with --confirm-deactivations. */
static void
test_test_instance_hold (void)
{
  const char * const extra[] = { "--test-instance", NULL };
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *log = NULL;

  if (!setup_with (&f, 3, extra))
    return;
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  /* Hugo leaves: gone from HR, archived. */
  write_snapshot (&f, 2, NULL);
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "members", "archive", "hugo@acme.example", NULL);
  assert_ok (&run);

  /* The preview says it is held. */
  run_cli (&f, &run, NULL, "destination", "preview", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "held: Hugo Martin <hugo@acme.example>"));

  reset_counters (&f);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, &log), ==, 0);
  {
    g_autoptr (JsonObject) user = hc_scim_server_find_user (f.server, "hugo@acme.example");
    g_autoptr (JsonObject) hugo = find_member (&f, "hugo@acme.example");
    JsonObject *record = destination_of (hugo);

    g_assert_true (json_object_get_boolean_member (user, "active"));
    g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "pending");
    g_assert_nonnull (strstr (json_object_get_string_member (record, "error"), "test instance"));
  }

  /* Confirmed: sent, once. */
  run_cli (&f, &run, NULL, "destination", "push", "--confirm-deactivations", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, NULL), ==, 1);
  {
    g_autoptr (JsonObject) user = hc_scim_server_find_user (f.server, "hugo@acme.example");
    g_autoptr (JsonObject) hugo = find_member (&f, "hugo@acme.example");

    g_assert_false (json_object_get_boolean_member (user, "active"));
    g_assert_cmpstr (json_object_get_string_member (destination_of (hugo), "status"), ==, "in_sync");
  }
  teardown (&f);
}

#define BASIC_USER     "hc-admin"
#define BASIC_PASSWORD "basic-PASSWORD-4815162342"

/* Basic authentication: the password from standard input goes to the
 * keyring only, the service checks the Authorization header, a wrong
 * password is refused. */
static void
test_basic_auth (void)
{
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (HcScimServer) basic = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) users = NULL;

  if (!setup (&f, 3))
    return;
  basic = hc_scim_server_new (HC_SCIM_DIR, "another-token-not-given-to-headcount", BASIC_USER ":" BASIC_PASSWORD,
                              &error);
  g_assert_no_error (error);
  run_cli (&f, &run, NULL, "destination", "remove", "platform", NULL);
  assert_ok (&run);

  /* A wrong password: the service says no. */
  run_cli (&f, &run, "not-the-password\n", "destination", "add", "scim", "--name", "wrong",
           "--base-url", hc_scim_server_get_base_url (basic), "--basic-user", BASIC_USER, "--secret-stdin", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "destination", "test", "wrong", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "wrong"));
  run_cli (&f, &run, NULL, "destination", "remove", "wrong", NULL);
  assert_ok (&run);

  run_cli (&f, &run, BASIC_PASSWORD "\n", "destination", "add", "scim", "--name", "basic",
           "--base-url", hc_scim_server_get_base_url (basic), "--basic-user", BASIC_USER, "--secret-stdin", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "destination", "list", "--json", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "\"auth\" : \"basic\""));
  g_assert_nonnull (strstr (run.out, "\"basic_user\" : \"" BASIC_USER "\""));
  run_cli (&f, &run, NULL, "destination", "test", "basic", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Connected"));

  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  g_assert_null (strstr (run.out, BASIC_PASSWORD));
  g_assert_null (strstr (run.err, BASIC_PASSWORD));
  users = hc_scim_server_list_users (basic);
  g_assert_cmpuint (users->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (JsonObject) user = hc_scim_server_find_user (basic, staff[i].email);

      assert_user_matches (user, &staff[i], NULL, TRUE);
    }
  /* The password went to the keyring only. */
  {
    guint n_files = 0;
    g_autoptr (GPtrArray) found = hc_test_find_in_tree (f.data_dir, BASIC_PASSWORD, &n_files);

    g_assert_cmpuint (found->len, ==, 0);
  }
  teardown (&f);
}

/* Groups named by their own name (leaf) when the admin chooses it, by
 * their whole path otherwise (test_group). */
static void
test_group_leaf_names (void)
{
  const char * const extra[] = { "--group-names", "leaf", NULL };
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };

  if (!setup_with (&f, 3, extra))
    return;
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "groups", "create", "Paris", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "groups", "create", "Paris/Engineering", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "groups", "add", "Paris/Engineering", "hugo@acme.example", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);

  g_assert_cmpuint (count_groups_named (&f, "Engineering"), ==, 1);
  g_assert_cmpuint (count_groups_named (&f, "Paris"), ==, 1);
  g_assert_cmpuint (count_groups_named (&f, "Paris/Engineering"), ==, 0);
  teardown (&f);
}

/* What the destinations would receive shows before anything is sent:
 * sync --dry-run (text and JSON) and destination preview list the
 * creates, updates, deactivations and group changes, per member. */
static void
test_dry_run (void)
{
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (GPtrArray) users = NULL;

  if (!setup (&f, 4))
    return;
  run_cli (&f, &run, NULL, "sync", "hr", "--dry-run", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "“platform” will receive: 4 to create, 0 to update, 0 to deactivate"));
  g_assert_nonnull (strstr (run.out, "create: Zoé Lefèvre <zoe@acme.example>"));
  g_assert_nonnull (strstr (run.out, "create: Léa Bernard <lea@acme.example>"));
  users = hc_scim_server_list_users (f.server);
  g_assert_cmpuint (users->len, ==, 0);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, NULL), ==, 0);

  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);

  /* One title changes in HR: one update, seen before the sync. */
  write_snapshot (&f, 4, "Chief Platform Officer");
  reset_counters (&f);
  run_cli (&f, &run, NULL, "sync", "hr", "--dry-run", "--json", NULL);
  assert_ok (&run);
  {
    g_autoptr (JsonNode) doc = hc_cli_parse_document (run.out);
    JsonArray *deliveries = json_object_get_array_member (json_node_get_object (doc), "deliveries");
    JsonObject *platform;
    JsonArray *items;
    JsonObject *item;

    g_assert_cmpuint (json_array_get_length (deliveries), ==, 1);
    platform = json_array_get_object_element (deliveries, 0);
    g_assert_cmpstr (json_object_get_string_member (platform, "destination"), ==, "platform");
    g_assert_cmpint (json_object_get_int_member (platform, "created"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (platform, "updated"), ==, 1);
    items = json_object_get_array_member (platform, "items");
    g_assert_cmpuint (json_array_get_length (items), ==, 1);
    item = json_array_get_object_element (items, 0);
    g_assert_cmpstr (json_object_get_string_member (item, "email"), ==, "ines@acme.example");
    g_assert_cmpstr (json_object_get_string_member (item, "action"), ==, "update");
  }
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, NULL), ==, 0);
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);

  /* An archive and a group, due and not sent yet. */
  run_cli (&f, &run, NULL, "members", "archive", "lea@acme.example", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "groups", "create", "Paris", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "groups", "add", "Paris", "hugo@acme.example", NULL);
  assert_ok (&run);
  reset_counters (&f);
  run_cli (&f, &run, NULL, "destination", "preview", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "0 to create, 0 to update, 1 to deactivate"));
  g_assert_nonnull (strstr (run.out, "groups: 1 to create, 0 to update"));
  g_assert_nonnull (strstr (run.out, "deactivate: Léa Bernard <lea@acme.example>"));
  g_assert_nonnull (strstr (run.out, "create group: Paris"));
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, NULL), ==, 0);

  /* What was shown is what is sent. */
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, NULL), ==, 2);
  run_cli (&f, &run, NULL, "destination", "preview", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "0 to create, 0 to update, 0 to deactivate, 0 to delete, 0 held;"));
  g_assert_nonnull (strstr (run.out, "groups: 0 to create, 0 to update"));
  teardown (&f);
}

/* A line of a table of two columns: @label, spaces, @value. */
static void
assert_row (const char *out,
            const char *label,
            const char *value)
{
  const char *line = strstr (out, label);
  const char *p;

  g_assert_nonnull (line);
  p = line + strlen (label);
  while (*p == ' ')
    p++;
  g_assert_true (g_str_has_prefix (p, value));
  g_assert_true (p[strlen (value)] == '\n');
}

#define ACTIVITY "urn:ietf:params:scim:schemas:extension:headcount-test:2.0:Activity"

/* The platform records a sign-in, as it would when the user logs in. */
static void
sign_in (HcScimServer *server,
         const char   *email,
         gboolean      active)
{
  g_autoptr (JsonObject) user = hc_scim_server_find_user (server, email);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autofree char *path = g_strdup_printf ("/Users/%s", json_object_get_string_member (user, "id"));
  g_autofree char *body = g_strdup_printf ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                                           "\"Operations\":[{\"op\":\"replace\",\"path\":\"" ACTIVITY ":lastLogin\","
                                           "\"value\":\"2026-12-05T08:00:00Z\"},"
                                           "{\"op\":\"replace\",\"path\":\"active\",\"value\":%s}]}",
                                           active ? "true" : "false");
  guint status = 0;

  answer = hc_scim_server_request (server, "PATCH", path, body, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
}

static const char *
state_of (Fixture    *f,
          const char *email)
{
  static char state[32];
  g_autoptr (JsonObject) member = find_member (f, email);

  g_strlcpy (state, json_object_get_string_member (member, "state"), sizeof state);
  return state;
}

/* Invitations: a member stays invited until the service reports the user
 * active and signed in; then the next delivery marks them joined. */
static void
test_invitation_joined (void)
{
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };

  if (!setup (&f, 3))
    return;
  run_cli (&f, &run, NULL, "destination", "test", "platform", NULL);
  assert_ok (&run);
  assert_row (run.out, "Says who signed in (invitations accepted)", "yes");
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  g_assert_cmpstr (state_of (&f, "zoe@acme.example"), ==, "invited");
  g_assert_cmpstr (state_of (&f, "ines@acme.example"), ==, "invited");

  /* Zoé signs in; Hugo too, but his account there is disabled; Inès does
   * not sign in. */
  sign_in (f.server, "zoe@acme.example", TRUE);
  sign_in (f.server, "hugo@acme.example", FALSE);
  reset_counters (&f);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "1 invited member signed in there: marked joined."));
  g_assert_cmpstr (state_of (&f, "zoe@acme.example"), ==, "active");
  g_assert_cmpstr (state_of (&f, "ines@acme.example"), ==, "invited");
  g_assert_cmpstr (state_of (&f, "hugo@acme.example"), ==, "invited");
  /* Reading back is not writing. */
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, NULL), ==, 0);
  teardown (&f);
}

/* A service that does not say who signed in: members stay invited however
 * active their accounts are, until marked joined by hand. */
static void
test_invitation_no_sign_in (void)
{
  const char * const no_sign_in[] = { "SCIM_SIGN_IN", "0", NULL };
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (HcScimServer) quiet = NULL;
  g_autoptr (GError) error = NULL;

  if (!setup (&f, 2))
    return;
  quiet = hc_scim_server_new_full (HC_SCIM_DIR, TOKEN, NULL, no_sign_in, &error);
  g_assert_no_error (error);
  run_cli (&f, &run, NULL, "destination", "remove", "platform", NULL);
  assert_ok (&run);
  run_cli (&f, &run, TOKEN "\n", "destination", "add", "scim", "--name", "quiet",
           "--base-url", hc_scim_server_get_base_url (quiet), "--secret-stdin", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "destination", "test", "quiet", NULL);
  assert_ok (&run);
  assert_row (run.out, "Says who signed in (invitations accepted)", "no");

  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  {
    g_autoptr (JsonObject) zoe = hc_scim_server_find_user (quiet, "zoe@acme.example");

    g_assert_true (json_object_get_boolean_member (zoe, "active"));
  }
  g_assert_cmpstr (state_of (&f, "zoe@acme.example"), ==, "invited");
  run_cli (&f, &run, NULL, "members", "mark-joined", "zoe@acme.example", NULL);
  assert_ok (&run);
  g_assert_cmpstr (state_of (&f, "zoe@acme.example"), ==, "active");
  teardown (&f);
}

/* The demo company: every member with access lands there, with the right
 * attributes and manager links. */
static void
test_demo (void)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) doc = NULL;
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) member_email = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Fixture f = { 0 };
  JsonArray *members;
  guint n_expected = 0;

  if (!setup (&f, 0))
    return;
  run_cli (&f, &run, NULL, "connector", "add", "demo", "--name", "demo", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "sync", "demo", "--yes", NULL);
  assert_ok (&run);

  users = hc_scim_server_list_users (f.server);
  for (guint i = 0; i < users->len; i++)
    {
      JsonObject *user = g_ptr_array_index (users, i);

      g_hash_table_insert (by_name, (gpointer) json_object_get_string_member (user, "userName"), user);
    }

  run_cli (&f, &run, NULL, "members", "--json", NULL);
  assert_ok (&run);
  doc = hc_cli_parse_document (run.out);
  members = json_object_get_array_member (json_node_get_object (doc), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (m, "id");
      g_hash_table_insert (member_email, id, (gpointer) json_object_get_string_member_with_default (m, "email", NULL));
    }
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);
      const char *email = json_object_get_string_member_with_default (m, "email", NULL);
      const char *state = json_object_get_string_member (m, "state");
      JsonObject *user;
      JsonNode *manager_node;

      if (email == NULL || !json_object_get_boolean_member (m, "has_access") || g_str_equal (state, "archived"))
        continue;
      n_expected++;
      user = g_hash_table_lookup (by_name, email);
      g_assert_nonnull (user);
      g_assert_cmpstr (json_object_get_string_member (user, "externalId"), ==,
                       json_object_get_string_member (m, "external_id"));
      g_assert_cmpstr (enterprise_string (user, "department"), ==,
                       json_object_get_string_member_with_default (m, "department", NULL));
      g_assert_true (json_object_get_boolean_member (user, "active"));
      manager_node = json_object_get_member (m, "manager_id");
      if (manager_node != NULL && !JSON_NODE_HOLDS_NULL (manager_node))
        {
          gint64 manager_id = json_node_get_int (manager_node);
          const char *manager_email = g_hash_table_lookup (member_email, &manager_id);
          JsonObject *manager = manager_email != NULL ? g_hash_table_lookup (by_name, manager_email) : NULL;

          if (manager != NULL)
            g_assert_cmpstr (manager_of (user), ==, json_object_get_string_member (manager, "id"));
        }
    }
  g_assert_cmpuint (n_expected, >, 200);
  g_assert_cmpuint (users->len, ==, n_expected);

  reset_counters (&f);
  run_cli (&f, &run, NULL, "sync", "demo", "--yes", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, NULL), ==, 0);
  teardown (&f);
}

/* The mapping line of @attribute in `destination map --json`. */
static JsonObject *
map_line (Fixture    *f,
          const char *attribute)
{
  g_auto (HcCliRun) run = { 0 };
  g_autoptr (JsonNode) doc = NULL;
  JsonArray *lines;

  run_cli (f, &run, NULL, "destination", "map", "platform", "--json", NULL);
  assert_ok (&run);
  doc = hc_cli_parse_document (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (doc), "destination"), ==, "platform");
  lines = json_object_get_array_member (json_node_get_object (doc), "mapping");
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      if (g_str_equal (json_object_get_string_member (line, "attribute"), attribute))
        return json_object_ref (line);
    }
  g_assert_not_reached ();
}

/* `destination map`: a changed mapping lands on the service, a refused
 * one changes nothing, --reset brings the defaults back, and then nothing
 * more is sent. */
static void
test_mapping (void)
{
  Fixture f = { 0 };
  g_auto (HcCliRun) run = { 0 };
  g_autofree char *log = NULL;

  if (!setup (&f, 3))
    return;

  /* Unedited: the defaults. */
  {
    g_autoptr (JsonObject) title = map_line (&f, "title");
    g_autoptr (JsonObject) department = map_line (&f, "department");

    g_assert_cmpstr (json_object_get_string_member (title, "field"), ==, "title");
    g_assert_true (json_object_get_boolean_member (title, "is_default"));
    g_assert_false (json_object_get_boolean_member (title, "enterprise"));
    g_assert_true (json_object_get_boolean_member (department, "enterprise"));
  }

  /* Refused, with a sentence naming what is wrong, and nothing stored. */
  run_cli (&f, &run, NULL, "destination", "map", "platform", "--set", "nickName=first_name", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "nickName"));
  run_cli (&f, &run, NULL, "destination", "map", "platform", "--set", "title=shoe_size", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "shoe_size"));
  run_cli (&f, &run, NULL, "destination", "map", "platform", "--unset", "userName", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "userName"));
  run_cli (&f, &run, NULL, "destination", "map", "platform", "--set", "title", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&f, &run, NULL, "destination", "map", "nowhere", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "nowhere"));
  {
    g_autoptr (JsonObject) title = map_line (&f, "title");

    g_assert_true (json_object_get_boolean_member (title, "is_default"));
  }

  run_cli (&f, &run, NULL, "destination", "map", "platform", "--set", "title=department", "--unset", "department",
           "--set", "displayName=first_name", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "title"));
  g_assert_nonnull (strstr (run.out, "(changed)"));
  {
    g_autoptr (JsonObject) title = map_line (&f, "title");
    g_autoptr (JsonObject) department = map_line (&f, "department");

    g_assert_cmpstr (json_object_get_string_member (title, "field"), ==, "department");
    g_assert_false (json_object_get_boolean_member (title, "is_default"));
    g_assert_true (json_object_get_null_member (department, "field"));
  }

  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (JsonObject) user = hc_scim_server_find_user (f.server, staff[i].email);

      g_assert_cmpstr (json_object_get_string_member (user, "title"), ==, staff[i].department);
      g_assert_cmpstr (json_object_get_string_member (user, "displayName"), ==, staff[i].first);
      g_assert_null (enterprise_string (user, "department"));
      g_assert_cmpstr (enterprise_string (user, "employeeNumber"), ==, staff[i].id);
      g_assert_cmpstr (json_object_get_string_member (user, "userName"), ==, staff[i].email);
    }

  /* Back to the defaults: each user gets one PATCH, then nothing more. */
  run_cli (&f, &run, NULL, "destination", "map", "platform", "--reset", NULL);
  assert_ok (&run);
  g_assert_null (strstr (run.out, "(changed)"));
  reset_counters (&f);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, &log), ==, 3);
  g_assert_nonnull (strstr (log, "PATCH /Users/"));
  g_clear_pointer (&log, g_free);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (JsonObject) user = hc_scim_server_find_user (f.server, staff[i].email);

      assert_user_matches (user, &staff[i], NULL, TRUE);
    }
  reset_counters (&f);
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  g_assert_cmpuint (hc_scim_server_count_writes (f.server, &log), ==, 0);

  teardown (&f);
}

#define CUSTOM_SCHEMA "urn:ietf:params:scim:schemas:extension:headcount-test:2.0:User"

/* Custom fields: to the extension schema the service offers (by their
 * name, or in a core attribute the mapping names); with a schema the
 * service does not offer, skipped with a warning. */
static void
test_custom_fields (void)
{
  Fixture f = { 0 };
  Fixture g = { 0 };
  g_auto (HcCliRun) run = { 0 };
  const char *offered[] = { "--custom-schema", CUSTOM_SCHEMA, NULL };
  const char *missing[] = { "--custom-schema", "urn:example:not-offered", NULL };

  if (!setup_with (&f, 2, offered))
    return;
  run_cli (&f, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "members", "edit", staff[1].email, "--custom", "cost_center=CC-42",
           "--custom", "badge=B-7", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "destination", "map", "platform", "--set", "title=custom.badge", NULL);
  assert_ok (&run);
  run_cli (&f, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  {
    g_autoptr (JsonObject) user = hc_scim_server_find_user (f.server, staff[1].email);
    g_autoptr (JsonObject) other = hc_scim_server_find_user (f.server, staff[0].email);
    JsonObject *custom = json_object_get_object_member (user, CUSTOM_SCHEMA);

    g_assert_nonnull (custom);
    g_assert_cmpstr (json_object_get_string_member (custom, "costCenter"), ==, "CC-42");
    g_assert_cmpstr (json_object_get_string_member (user, "title"), ==, "B-7");
    /* No badge: no title. */
    g_assert_false (json_object_has_member (other, "title"));
  }

  if (!setup_with (&g, 2, missing))
    return;
  run_cli (&g, &run, NULL, "sync", "hr", "--yes", NULL);
  assert_ok (&run);
  run_cli (&g, &run, NULL, "members", "edit", staff[1].email, "--custom", "cost_center=CC-42", NULL);
  assert_ok (&run);
  run_cli (&g, &run, NULL, "destination", "push", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "urn:example:not-offered"));
  {
    g_autoptr (JsonObject) user = hc_scim_server_find_user (g.server, staff[1].email);

    g_assert_false (json_object_has_member (user, CUSTOM_SCHEMA));
    g_assert_false (json_object_has_member (user, "urn:example:not-offered"));
    g_assert_cmpstr (json_object_get_string_member (user, "title"), ==, staff[1].title);
  }

  teardown (&f);
  teardown (&g);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  session = hc_test_session_start_private ("hc-scim-XXXXXX", &root);
  session_env = hc_test_session_update_environ (session, g_get_environ ());
  /* Faster retries than a real service needs; Retry-After still rules. */
  session_env = g_environ_setenv (session_env, "HEADCOUNT_HTTP_POLICY", "attempts=5,total=30,delay=50", TRUE);

  g_test_add_func ("/scim/deliver", test_deliver);
  g_test_add_func ("/scim/external-id-match", test_external_id_match);
  g_test_add_func ("/scim/rejected", test_rejected);
  g_test_add_func ("/scim/rate-limited", test_rate_limited);
  g_test_add_func ("/scim/group", test_group);
  g_test_add_func ("/scim/killed", test_killed);
  g_test_add_func ("/scim/demo", test_demo);
  g_test_add_func ("/scim/test-instance-hold", test_test_instance_hold);
  g_test_add_func ("/scim/basic-auth", test_basic_auth);
  g_test_add_func ("/scim/group-leaf-names", test_group_leaf_names);
  g_test_add_func ("/scim/dry-run", test_dry_run);
  g_test_add_func ("/scim/invitation-joined", test_invitation_joined);
  g_test_add_func ("/scim/invitation-no-sign-in", test_invitation_no_sign_in);
  g_test_add_func ("/scim/mapping", test_mapping);
  g_test_add_func ("/scim/custom-fields", test_custom_fields);

  status = g_test_run ();

  hc_scim_server_stop_for_test ();
  g_strfreev (session_env);
  hc_test_session_free (session);
  if (status == 0)
    hc_test_remove_tree (root);
  g_free (root);
  return status;
}
