/* test-store.c — the SQLite store: migrations, reopening, atomic sync apply
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-error.h"
#include "hc-plan.h"
#include "hc-scheduler.h"
#include "hc-store.h"
#include "hc-test-fixtures.h"
#include "hc-workspace.h"

/* This test program, run again as the second process of a claim test. */
static char *self_path;

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("hc-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "test.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_migrate_empty (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *parent = g_path_get_dirname (f->path);
  g_autoptr (GPtrArray) connectors = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (hc_store_get_schema_version (store), ==, HC_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  g_assert_cmpuint (file_mode (parent), ==, 0700);

  /* a write creates the WAL files, with the database's mode */
  g_assert_cmpint (hc_store_add_connector (store, "demo", "demo", NULL, NULL, FALSE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);

  connectors = hc_store_list_connectors (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (connectors->len, ==, 1);
  g_assert_cmpuint (hc_store_count_members (store, -1), ==, 0);
}

static void
test_reopen (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) member = hc_test_member ("0||zoe@x.test|Zoé|Ørsted|invited|manual");
  gint64 id;

  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);
    g_autoptr (HcConfig) config = hc_config_new_default ();

    g_assert_no_error (error);
    config->archive_inactive = TRUE;
    id = hc_store_add_connector (store, "Paris HR", "demo", "{\"path\": \"x\"}", config, TRUE, &error);
    g_assert_no_error (error);
    g_assert_true (hc_store_add_member (store, member, &error));
    g_assert_no_error (error);
    g_assert_cmpint (hc_member_get_id (member), >, 0);

    /* the same name twice is refused with a clear error */
    g_assert_cmpint (hc_store_add_connector (store, "Paris HR", "demo", NULL, NULL, FALSE, &error), ==, 0);
    g_assert_error (error, HC_ERROR, HC_ERROR_EXISTS);
    g_assert_nonnull (strstr (error->message, "Paris HR"));
    g_clear_error (&error);
  }

  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);
    g_autoptr (HcConnectorInfo) info = NULL;
    g_autoptr (HcMember) again = NULL;
    g_autofree char *path = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (hc_store_get_schema_version (store), ==, HC_STORE_SCHEMA_VERSION);
    info = hc_store_find_connector (store, "Paris HR", &error);
    g_assert_no_error (error);
    g_assert_cmpint (info->id, ==, id);
    g_assert_true (info->test_instance);
    g_assert_true (info->config->archive_inactive);
    path = hc_connector_info_dup_setting (info, "path");
    g_assert_cmpstr (path, ==, "x");
    again = hc_store_get_member (store, hc_member_get_id (member), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (hc_member_get_last_name (again), ==, "Ørsted");
    g_assert_cmpint (hc_member_get_state (again), ==, HC_MEMBER_STATE_INVITED);

    g_assert_null (hc_store_find_connector (store, "nope", &error));
    g_assert_error (error, HC_ERROR, HC_ERROR_NOT_FOUND);
  }
}

static void
test_not_a_database (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (f->path, "this is not sqlite, just text that is long enough "
                                      "to have a header and then some more bytes here", -1, NULL));
  store = hc_store_new (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, f->path));
}

/* A database cut to 0 bytes (a full disk, a failed copy) is refused, named,
 * with the way out; it is never made into a new, empty workspace. */
static void
test_zero_length (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *contents = NULL;
  gsize length = 1;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = hc_store_new (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "empty"));
  g_assert_nonnull (strstr (error->message, "backup"));
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 0);

  /* A new workspace is still made from nothing. */
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  store = hc_store_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hc_store_get_schema_version (store), ==, HC_STORE_SCHEMA_VERSION);
}

static void
test_newer_schema (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);
    g_assert_no_error (error);
  }
  {
    /* pretend a newer Headcount wrote it */
    g_autofree char *cmd = g_strdup_printf ("sqlite3 '%s' 'PRAGMA user_version = 99;'", f->path);
    int status = 0;

    if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
      {
        g_test_skip ("sqlite3 command not available");
        return;
      }
  }
  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);
    g_assert_null (store);
    g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
    g_assert_nonnull (strstr (error->message, "newer"));
  }
}

static const char * const company[] = {
  "E1|Chief|Boss|boss@x.test|active||Paris",
  "E2|Zoé|Lefèvre|zoe@x.test|active|E1|Paris",
  "E3|Paul|Sans||active|E2|Lyon",
  "E4|Old|Timer|old@x.test|inactive|E1|Lyon",
  NULL
};

static HcPlan *
plan_for (HcStore        *store,
          gint64          connector_id,
          const HcConfig *config,
          GPtrArray      *employees)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) members = hc_store_list_members (store, &error);

  g_assert_no_error (error);
  return hc_plan_compute (config, connector_id, employees, members,
                          !hc_store_connector_has_synced (store, connector_id));
}

static HcMember *
member_by_external (GPtrArray  *members,
                    const char *ext)
{
  for (guint i = 0; i < members->len; i++)
    if (g_strcmp0 (hc_member_get_external_id (g_ptr_array_index (members, i)), ext) == 0)
      return g_ptr_array_index (members, i);
  return NULL;
}

static void
test_apply (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) employees = hc_test_employees (company);
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcPlan) second = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (HcMember) manual = hc_test_member ("0||solo@x.test|Solo|Manual|active|manual");
  HcMember *boss, *zoe, *paul;
  gint64 cid;

  cid = hc_store_add_connector (store, "hr", "demo", NULL, config, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (hc_store_add_member (store, manual, &error));
  g_assert_false (hc_store_connector_has_synced (store, cid));

  plan = plan_for (store, cid, config, employees);
  g_assert_true (hc_plan_needs_confirmation (plan));
  run = hc_sync_run_new (cid, HC_SYNC_TRIGGER_CLI);
  g_assert_true (hc_store_apply_plan (store, plan, run, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run->id, >, 0);
  g_assert_cmpint (run->result, ==, HC_SYNC_RESULT_SUCCESS);
  g_assert_cmpuint (run->counts[HC_PLAN_INVITE], ==, 2);
  g_assert_cmpuint (run->counts[HC_PLAN_CREATE_NO_ACCESS], ==, 1);
  g_assert_true (hc_store_connector_has_synced (store, cid));

  members = hc_store_list_members (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 4);
  boss = member_by_external (members, "E1");
  zoe = member_by_external (members, "E2");
  paul = member_by_external (members, "E3");
  g_assert_nonnull (boss);
  g_assert_nonnull (zoe);
  g_assert_nonnull (paul);
  g_assert_null (member_by_external (members, "E4"));
  g_assert_cmpint (hc_member_get_state (zoe), ==, HC_MEMBER_STATE_INVITED);
  g_assert_cmpint (hc_member_get_hr_status (zoe), ==, HC_HR_STATUS_MANAGED);
  g_assert_cmpint (hc_member_get_connector_id (zoe), ==, cid);
  g_assert_cmpstr (hc_member_get_field (zoe, "office"), ==, "Paris");
  /* rules.md 7: managers resolved to members, new ones included */
  g_assert_cmpint (hc_member_get_manager_id (zoe), ==, hc_member_get_id (boss));
  g_assert_cmpint (hc_member_get_manager_id (paul), ==, hc_member_get_id (zoe));
  g_assert_cmpstr (hc_member_get_manager_name (paul), ==, "Zoé Lefèvre");
  /* rules.md 6: no e-mail, no access, active */
  g_assert_false (hc_member_get_has_access (paul));
  g_assert_cmpint (hc_member_get_state (paul), ==, HC_MEMBER_STATE_ACTIVE);

  /* the same data again: nothing to do */
  second = plan_for (store, cid, config, employees);
  g_assert_false (hc_plan_needs_confirmation (second));
  g_assert_true (hc_plan_is_empty (second));
  g_assert_cmpuint (hc_plan_count (second, HC_PLAN_UNCHANGED), ==, 3);

  runs = hc_store_list_runs (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (((HcSyncRun *) g_ptr_array_index (runs, 0))->connector_name, ==, "hr");
}

/* A created member's initial values are recorded as a JSON object: any
 * text in it (quotes, backslashes, control characters, accents) reads
 * back as it was. */
static void
test_apply_initial_values (Fixture      *f,
                           gconstpointer data)
{
  static const char * const odd[] = {
    "E1|Ann \"Q\" O\\Brien|L\xc3\xa9\tTab\x01|ann@x.test|active||Pa\"ris\\",
    NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) employees = hc_test_employees (odd);
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  const HcRunChange *created = NULL;
  JsonObject *initial;
  gint64 cid;

  cid = hc_store_add_connector (store, "hr", "demo", NULL, config, FALSE, &error);
  g_assert_no_error (error);
  plan = plan_for (store, cid, config, employees);
  run = hc_sync_run_new (cid, HC_SYNC_TRIGGER_CLI);
  g_assert_true (hc_store_apply_plan (store, plan, run, &error));
  g_assert_no_error (error);

  changes = hc_store_list_run_changes (store, run->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      const HcRunChange *c = g_ptr_array_index (changes, i);

      if (g_str_equal (c->kind, "invite") && c->field == NULL)
        created = c;
    }
  g_assert_nonnull (created);
  g_assert_true (json_parser_load_from_data (parser, created->after, -1, &error));
  g_assert_no_error (error);
  initial = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (initial, "first_name"), ==, "Ann \"Q\" O\\Brien");
  g_assert_cmpstr (json_object_get_string_member (initial, "last_name"), ==, "L\xc3\xa9\tTab\x01");
  g_assert_cmpstr (json_object_get_string_member (initial, "office"), ==, "Pa\"ris\\");
  g_assert_cmpstr (json_object_get_string_member (initial, "email"), ==, "ann@x.test");
}

static void
test_apply_fails_halfway (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) employees = hc_test_employees (company);
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (HcMember) intruder = NULL;
  gint64 cid;

  cid = hc_store_add_connector (store, "hr", "demo", NULL, config, FALSE, &error);
  g_assert_no_error (error);
  plan = plan_for (store, cid, config, employees);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), ==, 2);

  /* Between plan and apply, a member appears that owns E3's key: the
   * third insert fails after two have succeeded. */
  intruder = hc_test_member ("0|E3|intruder@x.test|In|Truder|active|managed");
  hc_member_set_connector_id (intruder, cid);
  g_assert_true (hc_store_add_member (store, intruder, &error));
  before = hc_store_list_members (store, &error);

  run = hc_sync_run_new (cid, HC_SYNC_TRIGGER_MANUAL);
  g_assert_false (hc_store_apply_plan (store, plan, run, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "nothing was changed"));
  g_assert_cmpint (run->id, ==, 0);
  g_clear_error (&error);

  after = hc_store_list_members (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (after->len, ==, 1);
  runs = hc_store_list_runs (store, cid, 0, &error);
  g_assert_cmpuint (runs->len, ==, 0);
  g_assert_false (hc_store_connector_has_synced (store, cid));
}

static void
test_record_run (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  gint64 cid;

  cid = hc_store_add_connector (store, "hr", "demo", NULL, NULL, FALSE, &error);
  run = hc_sync_run_new (cid, HC_SYNC_TRIGGER_SCHEDULE);
  run->result = HC_SYNC_RESULT_FAILED;
  run->error_message = g_strdup ("Personio rejected the API credentials (401)");
  g_assert_true (hc_store_record_run (store, run, &error));
  g_assert_true (hc_store_set_connector_state (store, cid, HC_CONNECTOR_STATE_ERROR, run->error_message, &error));

  runs = hc_store_list_runs (store, 0, 10, &error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (((HcSyncRun *) runs->pdata[0])->result, ==, HC_SYNC_RESULT_FAILED);
  g_assert_cmpint (((HcSyncRun *) runs->pdata[0])->trigger, ==, HC_SYNC_TRIGGER_SCHEDULE);
  g_assert_cmpstr (((HcSyncRun *) runs->pdata[0])->error_message, ==, run->error_message);
  info = hc_store_get_connector (store, cid, &error);
  g_assert_cmpint (info->state, ==, HC_CONNECTOR_STATE_ERROR);
  g_assert_false (hc_store_connector_has_synced (store, cid));

  /* removing the connector keeps its history and its members (rules.md 13) */
  g_assert_true (hc_store_remove_connector (store, cid, &error));
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = hc_store_list_runs (store, 0, 10, &error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (((HcSyncRun *) runs->pdata[0])->connector_name, ==, "hr");
}

/* Disconnect (rules.md 13): the connector's managed members become
 * previously managed, nobody else changes; a connector added again makes
 * them managed. */
typedef struct
{
  const char *member;           /* hc_test_member spec; connector 1 is removed */
  const char *hr_status;        /* after the removal */
  gboolean    had_connector;    /* keeps a connector after */
} DisconnectCase;

static const DisconnectCase disconnect_cases[] = {
  { "0|E1|a@x.test|Ann|One|active|managed|1", "previously_managed", FALSE },
  { "0|E2|b@x.test|Bo|Two|invited|managed|1", "previously_managed", FALSE },
  { "0|E3|c@x.test|Cy|Three|active|previously_managed|1", "previously_managed", FALSE },
  { "0|E4|d@x.test|Di|Four|archived|managed|1", "previously_managed", FALSE },
  { "0||e@x.test|Ed|Five|active|manual", "manual", FALSE },
  { "0|E6|f@x.test|Fa|Six|active|managed|2", "managed", TRUE },
};

static void
test_disconnect (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcConfig) config = hc_config_new_default ();
  const char *especs[] = { "E1|Ann|One|a@x.test", "E2|Bo|Two|b@x.test", "E3|Cy|Three|c@x.test", NULL };
  gint64 cid, other, again;

  cid = hc_store_add_connector (store, "hr", "demo", NULL, NULL, FALSE, &error);
  other = hc_store_add_connector (store, "other", "demo", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cid, ==, 1);
  g_assert_cmpint (other, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (disconnect_cases); i++)
    {
      HcMember *m = hc_test_member (disconnect_cases[i].member);

      g_assert_true (hc_store_add_member (store, m, &error));
      g_assert_no_error (error);
      g_ptr_array_add (members, m);
    }

  g_assert_true (hc_store_remove_connector (store, cid, &error));
  g_assert_no_error (error);
  /* a second removal finds nothing, and changes nothing */
  g_assert_false (hc_store_remove_connector (store, cid, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (disconnect_cases); i++)
    {
      const DisconnectCase *c = &disconnect_cases[i];
      HcMember *before = g_ptr_array_index (members, i);
      g_autoptr (HcMember) m = hc_store_get_member (store, hc_member_get_id (before), &error);

      g_assert_no_error (error);
      if (g_strcmp0 (hc_hr_status_to_string (hc_member_get_hr_status (m)), c->hr_status) != 0)
        g_error ("%s: expected %s, got %s", c->member, c->hr_status,
                 hc_hr_status_to_string (hc_member_get_hr_status (m)));
      g_assert_cmpint (hc_member_get_connector_id (m) != 0, ==, c->had_connector);
      /* nothing else changes */
      g_assert_cmpint (hc_member_get_state (m), ==, hc_member_get_state (before));
      g_assert_cmpstr (hc_member_get_email (m), ==, hc_member_get_email (before));
      g_assert_cmpstr (hc_member_get_external_id (m), ==, hc_member_get_external_id (before));
    }

  /* Connecting the HR system again: its employees match their members by
   * id and become managed. */
  again = hc_store_add_connector (store, "hr again", "demo", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  employees = hc_test_employees (especs);
  after = hc_store_list_members (store, &error);
  g_assert_no_error (error);
  plan = hc_plan_compute (config, again, employees, after, FALSE);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_BECOME_MANAGED), ==, 3);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), ==, 0);
  {
    g_autoptr (HcSyncRun) run = hc_sync_run_new (again, HC_SYNC_TRIGGER_MANUAL);
    g_autoptr (HcMember) m = NULL;

    g_assert_true (hc_store_apply_plan (store, plan, run, &error));
    g_assert_no_error (error);
    m = hc_store_get_member (store, hc_member_get_id (g_ptr_array_index (members, 0)), &error);
    g_assert_cmpint (hc_member_get_hr_status (m), ==, HC_HR_STATUS_MANAGED);
    g_assert_cmpint (hc_member_get_connector_id (m), ==, again);
  }
}

/* Schema 4: one member per e-mail. */
typedef struct
{
  const char *name;
  const char *first;            /* hc_test_member specs, added in order */
  const char *second;
  gboolean    allowed;
} UniqueCase;

static const UniqueCase unique_cases[] = {
  { "two live members, one e-mail", "0||ann@x.test|Ann|One|active", "0||ann@x.test|Ann|Two|invited", FALSE },
  { "case and spaces do not make another e-mail", "0||ann@x.test|Ann|One|active", "0|| ANN@X.Test |Ann|Two|active", FALSE },
  { "composed or not, the same é", "0||élodie@x.test|É|One|active", "0||E\xcc\x81LODIE@x.test|É|Two|active", FALSE },
  { "an archived member may keep a live one's e-mail", "0||ann@x.test|Ann|One|archived", "0||ann@x.test|Ann|Two|active", TRUE },
  { "two archived members too", "0||ann@x.test|Ann|One|archived", "0||ann@x.test|Ann|Two|archived", TRUE },
  { "members without e-mail", "0|||Ann|One|active", "0|||Ann|Two|active", TRUE },
  { "accents make another e-mail", "0||élodie@x.test|É|One|active", "0||elodie@x.test|E|Two|active", TRUE },
};

static void
test_unique_email (Fixture      *f,
                   gconstpointer data)
{
  const UniqueCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autoptr (HcMember) first = hc_test_member (c->first);
  g_autoptr (HcMember) second = hc_test_member (c->second);
  gboolean added;

  g_assert_no_error (error);
  g_assert_true (hc_store_add_member (store, first, &error));
  g_assert_no_error (error);
  added = hc_store_add_member (store, second, &error);
  if (added != c->allowed)
    g_error ("%s: expected %s", c->name, c->allowed ? "allowed" : "refused");
  if (!c->allowed)
    {
      g_assert_error (error, HC_ERROR, HC_ERROR_EXISTS);
      g_assert_nonnull (strstr (error->message, "another member already has this e-mail"));
      g_assert_cmpuint (hc_store_count_members (store, -1), ==, 1);
    }
}

/* A schema 3 file: what the migration to 4 makes of it. */
static gboolean
downgrade_to_3 (Fixture    *f,
                const char *then)
{
  g_autofree char *cmd = g_strdup_printf ("sqlite3 '%s' 'ALTER TABLE sync_runs DROP COLUMN waited; ALTER TABLE connectors DROP COLUMN run_trigger; "
                                          "ALTER TABLE connectors DROP COLUMN run_started_at; "
                                          "DROP TABLE member_roles; DROP TABLE roles; "
                                          "ALTER TABLE sync_changes DROP COLUMN rule; "
                                          "ALTER TABLE sync_changes DROP COLUMN object_id; "
                                          "DROP TABLE group_members; DROP TABLE groups; DROP INDEX invitations_member; DROP INDEX sync_changes_member; "
                                          "ALTER TABLE invitations DROP COLUMN sent_at; "
                                          "ALTER TABLE invitations DROP COLUMN resend_count; ALTER TABLE invitations DROP COLUMN resent_at; "
                                          "ALTER TABLE invitations DROP COLUMN joined_at; DROP TRIGGER members_archived_from; "
                                          "DROP INDEX members_email_key; ALTER TABLE members DROP COLUMN archived_from; "
                                          "CREATE INDEX members_email ON members (lower (email)); %s "
                                          "PRAGMA user_version = 3;'", f->path, then);
  int status = -1;

  return g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) && status == 0;
}

static void
test_migrate_4 (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 invited_id, active_id, old_id;

  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);
    g_autoptr (HcMember) invited = hc_test_member ("0|E1|ann@x.test|Ann|One|invited|managed");
    g_autoptr (HcMember) active = hc_test_member ("0|E2|bo@x.test|Bo|Two|active|managed");
    g_autoptr (HcMember) old = hc_test_member ("0|E3|cy@x.test|Cy|Three|archived|managed");

    g_assert_no_error (error);
    g_assert_true (hc_store_add_member (store, invited, &error));
    g_assert_true (hc_store_add_member (store, active, &error));
    g_assert_true (hc_store_add_member (store, old, &error));
    invited_id = hc_member_get_id (invited);
    active_id = hc_member_get_id (active);
    old_id = hc_member_get_id (old);
  }

  /* a schema 3 file where two live members share an e-mail, and two
   * members were archived by a sync (the runs said from which state) */
  {
    g_autofree char *then = g_strdup_printf (
      "INSERT INTO sync_runs (id, started_at, trigger, result) VALUES (1, 0, \"cli\", \"success\"); "
      "INSERT INTO sync_changes (run_id, member_id, kind, field, before, after) VALUES "
      "(1, %" G_GINT64_FORMAT ", \"archive\", \"state\", \"invited\", \"archived\"), "
      "(1, %" G_GINT64_FORMAT ", \"archive\", \"state\", \"active\", \"archived\"); "
      "UPDATE members SET state = \"archived\" WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "); "
      "INSERT INTO members (email, first_name, last_name, state, created_at, updated_at) VALUES "
      "(\"Dee@X.test\", \"Dee\", \"One\", \"active\", 0, 0), (\"dee@x.test \", \"Dee\", \"Two\", \"invited\", 0, 0);",
      invited_id, active_id, invited_id, active_id);

    if (!downgrade_to_3 (f, then))
      {
        g_test_skip ("sqlite3 command not available");
        return;
      }
  }

  /* the migration stops, naming the e-mail and both members; the file
   * stays at schema 3 */
  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);

    g_assert_null (store);
    g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "1 e-mail belongs to several members"));
    g_assert_nonnull (strstr (error->message, "dee@x.test"));
    g_assert_nonnull (strstr (error->message, "Dee One"));
    g_assert_nonnull (strstr (error->message, "Dee Two"));
    g_clear_error (&error);
  }

  /* one of them archived (with the previous version): it opens, at
   * the current schema, and the archives know where they came from */
  {
    g_autofree char *cmd = g_strdup_printf ("sqlite3 '%s' 'UPDATE members SET state = \"archived\" "
                                            "WHERE last_name = \"Two\" AND first_name = \"Dee\";'", f->path);
    g_autoptr (HcStore) store = NULL;
    g_autoptr (HcMember) invited = NULL;
    g_autoptr (HcMember) active = NULL;
    g_autoptr (HcMember) old = NULL;
    g_autoptr (HcMember) again = hc_test_member ("0||DEE@x.test|Dee|Three|active");
    int status = -1;

    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) && status == 0);
    store = hc_store_new (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (hc_store_get_schema_version (store), ==, HC_STORE_SCHEMA_VERSION);
    invited = hc_store_get_member (store, invited_id, &error);
    active = hc_store_get_member (store, active_id, &error);
    old = hc_store_get_member (store, old_id, &error);
    g_assert_cmpint (hc_member_get_archived_from (invited), ==, HC_MEMBER_STATE_INVITED);
    g_assert_cmpint (hc_member_get_archived_from (active), ==, HC_MEMBER_STATE_ACTIVE);
    /* archived with no run to tell: not known */
    g_assert_cmpint (hc_member_get_archived_from (old), ==, HC_MEMBER_STATE_ARCHIVED);
    /* and the index holds from now on */
    g_assert_false (hc_store_add_member (store, again, &error));
    g_assert_error (error, HC_ERROR, HC_ERROR_EXISTS);
  }
}

/* The sqlite3 tool on @path: its output into @out. FALSE when it fails
 * (or is not there). */
static gboolean
run_sqlite3 (const char *path,
             const char *sql,
             char      **out)
{
  const char *argv[] = { "sqlite3", path, sql, NULL };
  int status = -1;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, out, NULL, &status, NULL) && g_spawn_check_wait_status (status, NULL);
}

/* Schema 14: the members' checks become comparisons (no list for SQLite
 * to index per row); the same values pass, the rows stay. */
static void
test_migrate_14 (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);
    g_autoptr (HcMember) ann = hc_test_member ("0|E1|ann@x.test|Ann|One|invited|managed");

    g_assert_no_error (error);
    g_assert_true (hc_store_add_member (store, ann, &error));
    g_assert_no_error (error);
    id = hc_member_get_id (ann);
  }

  /* a schema 13 file: the checks as lists */
  if (!run_sqlite3 (f->path, "PRAGMA writable_schema = ON; "
                    "UPDATE sqlite_schema SET sql = replace (replace (sql, "
                    "'CHECK (state = ''active'' OR state = ''invited'' OR state = ''archived'')', "
                    "'CHECK (state IN (''active'', ''invited'', ''archived''))'), "
                    "'CHECK (hr_status = ''manual'' OR hr_status = ''managed'' OR hr_status = ''previously_managed'')', "
                    "'CHECK (hr_status IN (''manual'', ''managed'', ''previously_managed''))') "
                    "WHERE name = 'members'; PRAGMA writable_schema = OFF; PRAGMA user_version = 13;", NULL))
    {
      g_test_skip ("sqlite3 command not available");
      return;
    }
  g_assert_true (run_sqlite3 (f->path, "SELECT sql FROM sqlite_schema WHERE name = 'members';", &sql));
  g_assert_nonnull (strstr (sql, "CHECK (state IN ('active', 'invited', 'archived'))"));
  g_clear_pointer (&sql, g_free);

  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);
    g_autoptr (HcMember) ann = NULL;
    g_autoptr (HcMember) bo = hc_test_member ("0|E2|bo@x.test|Bo|Two|active|manual");

    g_assert_no_error (error);
    g_assert_cmpint (hc_store_get_schema_version (store), ==, HC_STORE_SCHEMA_VERSION);
    ann = hc_store_get_member (store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (hc_member_get_email (ann), ==, "ann@x.test");
    g_assert_cmpint (hc_member_get_state (ann), ==, HC_MEMBER_STATE_INVITED);
    /* the connection that migrated writes with the new definition */
    g_assert_true (hc_store_add_member (store, bo, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (hc_store_count_members (store, -1), ==, 2);
  }

  g_assert_true (run_sqlite3 (f->path, "SELECT sql FROM sqlite_schema WHERE name = 'members';", &sql));
  g_assert_null (strstr (sql, " IN ("));
  g_assert_nonnull (strstr (sql, "CHECK (state = 'active' OR state = 'invited' OR state = 'archived')"));
  g_assert_nonnull (strstr (sql, "CHECK (hr_status = 'manual' OR hr_status = 'managed' OR "
                            "hr_status = 'previously_managed')"));
  g_clear_pointer (&sql, g_free);
  /* what the checks refuse, they still refuse */
  g_assert_false (run_sqlite3 (f->path, "UPDATE members SET hr_status = 'bogus';", NULL));
  g_assert_true (run_sqlite3 (f->path, "PRAGMA quick_check;", &sql));
  g_assert_cmpstr (g_strstrip (sql), ==, "ok");
}

/* A run's duration in the words of the app and the CLI alike: its
 * time waiting for a confirmation left out. */
static void
test_run_duration (void)
{
  g_autoptr (HcSyncRun) run = hc_sync_run_new (1, HC_SYNC_TRIGGER_CLI);
  g_autofree char *short_run = NULL;
  g_autofree char *long_run = NULL;
  g_autofree char *waited = NULL;

  run->started_at = 1000000;
  run->finished_at = run->started_at + 400000;
  short_run = hc_sync_run_describe_duration (run);
  g_assert_cmpstr (short_run, ==, "0.4 s");
  run->finished_at = run->started_at + 125 * G_USEC_PER_SEC;
  long_run = hc_sync_run_describe_duration (run);
  g_assert_cmpstr (long_run, ==, "2 min 5 s");
  run->waited = 120 * G_USEC_PER_SEC;
  waited = hc_sync_run_describe_duration (run);
  g_assert_cmpstr (waited, ==, "5.0 s");
  g_assert_cmpstr (hc_sync_result_describe (HC_SYNC_RESULT_NEEDS_CONFIRMATION), ==, "Waiting for confirmation");
  g_assert_cmpstr (hc_sync_trigger_describe (HC_SYNC_TRIGGER_SCHEDULE), ==, "Scheduled");
}

static void
test_workspace_names (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ok = hc_store_build_path ("/d", "acme-2", &error);
  g_autofree char *def = hc_store_build_path ("/d", NULL, &error);

  g_assert_cmpstr (ok, ==, "/d/acme-2.db");
  g_assert_cmpstr (def, ==, "/d/default.db");
  g_assert_null (hc_store_build_path ("/d", "../etc", &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Names as people write them: the file name is derived, safe, one
   * name's own, and read back (rules.md 33). */
  {
    static const char * const names[] = { "Acme Corp", "Société Générale", "R&D (Paris)", "acme corp",
                                          "Acme-Corp", "Acme%20Corp" };
    g_autoptr (GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = hc_store_build_path ("/d", names[i], &error);
        g_autofree char *base = NULL;
        g_autofree char *back = NULL;

        if (strchr (names[i], '%') != NULL)
          {
            /* "%" would read back as another name's escape: refused */
            g_assert_null (path);
            g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
            g_clear_error (&error);
            continue;
          }
        g_assert_no_error (error);
        g_assert_true (g_str_has_prefix (path, "/d/"));
        base = g_path_get_basename (path);
        for (const char *p = base; *p; p++)
          g_assert_true (g_ascii_isalnum (*p) || strchr ("-_.%", *p) != NULL);
        g_assert_false (g_hash_table_contains (paths, base));
        back = hc_store_workspace_name_from_file (base);
        g_assert_cmpstr (back, ==, names[i]);
        g_hash_table_add (paths, g_steal_pointer (&base));
      }
    g_assert_true (g_hash_table_contains (paths, "Acme%20Corp.db"));

    for (guint i = 0; i < 3; i++)
      {
        static const char * const bad[] = { " Acme", "Acme ", "a\tb" };

        g_assert_null (hc_store_build_path ("/d", bad[i], &error));
        g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
        g_clear_error (&error);
      }
    /* 40 accented letters are 80 characters but 240 bytes of file name */
    {
      g_autoptr (GString) accents = g_string_new (NULL);

      for (guint i = 0; i < 40; i++)
        g_string_append (accents, "é");
      g_assert_null (hc_store_build_path ("/d", accents->str, &error));
      g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "too long"));
      g_clear_error (&error);
    }
  }

  /* A name too long for a file name is refused with the limit, never left
   * to "File name too long" (rules.md 33). */
  {
    g_autofree char *longest = g_strnfill (HC_STORE_WORKSPACE_NAME_MAX, 'a');
    g_autofree char *too_long = g_strnfill (300, 'a');
    g_autofree char *path = hc_store_build_path ("/d", longest, &error);

    g_assert_no_error (error);
    g_assert_nonnull (path);
    g_assert_null (hc_store_build_path ("/d", too_long, &error));
    g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "too long"));
    g_assert_nonnull (strstr (error->message, "100"));
    g_assert_null (strstr (error->message, too_long));
  }
}

/* The workspace id keys the keyring: stable across reopening, different
 * for another database, and made by the 1 → 2 migration for an old file. */
static void
test_workspace_id (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *other_path = g_strconcat (f->path, "-other.db", NULL);
  g_autofree char *cmd = NULL;
  int status = 0;

  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);
    g_autofree char *name = NULL;

    g_assert_no_error (error);
    first = g_strdup (hc_store_get_workspace_id (store));
    g_assert_cmpuint (strlen (first), ==, 32);
    for (const char *p = first; *p; p++)
      g_assert_true (g_ascii_isxdigit (*p));
    name = hc_store_dup_workspace_name (store);
    g_assert_cmpstr (name, ==, "test");
  }
  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (hc_store_get_workspace_id (store), ==, first);
  }
  {
    g_autoptr (HcStore) other = hc_store_new (other_path, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (hc_store_get_workspace_id (other), !=, first);
  }

  /* a version 1 file, as the first release wrote it */
  cmd = g_strdup_printf ("sqlite3 '%s' '"
                         "ALTER TABLE sync_runs DROP COLUMN waited; ALTER TABLE connectors DROP COLUMN run_trigger; ALTER TABLE connectors DROP COLUMN run_started_at; "
                         "DROP TABLE member_roles; DROP TABLE roles; ALTER TABLE sync_changes DROP COLUMN rule; "
                         "ALTER TABLE sync_changes DROP COLUMN object_id; "
                         "DROP TABLE group_members; DROP TABLE groups; "
                         "DROP INDEX invitations_member; DROP INDEX sync_changes_member; ALTER TABLE invitations DROP COLUMN sent_at; "
                         "ALTER TABLE invitations DROP COLUMN resend_count; ALTER TABLE invitations DROP COLUMN resent_at; "
                         "ALTER TABLE invitations DROP COLUMN joined_at; "
                         "DROP TRIGGER members_archived_from; DROP INDEX members_email_key; "
                         "ALTER TABLE members DROP COLUMN archived_from; CREATE INDEX members_email ON members (lower (email)); "
                         "DROP TABLE workspace; ALTER TABLE connectors DROP COLUMN next_run_at; "
                         "ALTER TABLE connectors DROP COLUMN run_claimed_at; ALTER TABLE connectors DROP COLUMN run_claimed_by; DROP INDEX sync_changes_undo_of; PRAGMA user_version = 1;'", f->path);
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("sqlite3 command not available");
      return;
    }
  {
    g_autoptr (HcStore) store = hc_store_new (f->path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (hc_store_get_schema_version (store), ==, HC_STORE_SCHEMA_VERSION);
    g_assert_cmpuint (strlen (hc_store_get_workspace_id (store)), ==, 32);
    g_assert_cmpstr (hc_store_get_workspace_id (store), !=, first);
  }
}

/* A run claim held by a process that died frees the connector at once;
 * one held by a live process (this one) does not. */
static void
test_claim_dead_owner (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autofree char *cmd = NULL;
  char *argv[] = { (char *) "true", NULL };
  GPid dead = 0;
  gint64 id, now = g_get_real_time ();
  gboolean claimed = FALSE;
  int status = 0;

  g_assert_no_error (error);
  id = hc_store_add_connector (store, "demo", "demo", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);

  /* this process holds it: nobody else gets it before the stale delay */
  g_assert_true (hc_store_claim_connector_run (store, id, now, now - G_USEC_PER_SEC, &claimed, &error));
  g_assert_true (claimed);
  g_assert_true (hc_store_claim_connector_run (store, id, now, now - G_USEC_PER_SEC, &claimed, &error));
  g_assert_false (claimed);
  g_assert_true (hc_store_connector_run_is_claimed (store, id, now - G_USEC_PER_SEC));

  /* a process of this host that has exited holds it */
  g_assert_true (g_spawn_async (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &dead, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (dead, &status, 0), ==, dead);
  cmd = g_strdup_printf ("sqlite3 '%s' \"UPDATE connectors SET run_claimed_by = '%s:%d' WHERE id = %" G_GINT64_FORMAT "\"",
                         f->path, g_get_host_name (), (int) dead, id);
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("sqlite3 command not available");
      return;
    }
  g_assert_false (hc_store_connector_run_is_claimed (store, id, now - G_USEC_PER_SEC));
  g_assert_true (hc_store_claim_connector_run (store, id, now, now - G_USEC_PER_SEC, &claimed, &error));
  g_assert_no_error (error);
  g_assert_true (claimed);
  g_assert_true (hc_store_release_connector_run (store, id, &error));
}

/* What the test runs in a second process: holds the run of connector
 * @id in @path, claimed 3 hours ago, says "1" on standard output and
 * sleeps until it is killed. */
static int
hold_claim_main (const char *path,
                 const char *id_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (path, &error);
  gint64 id = g_ascii_strtoll (id_text, NULL, 10);
  gboolean claimed = FALSE;

  /* Never outlives the test, whatever becomes of it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (store == NULL ||
      !hc_store_claim_connector_run (store, id, g_get_real_time () - 3 * G_TIME_SPAN_HOUR, 0, &claimed, &error) ||
      !claimed)
    return 1;
  g_print ("1\n");
  fflush (stdout);
  for (;;)
    g_usleep (G_USEC_PER_SEC);
  return 0;
}

/* rules.md 40, with two processes: a claim past its deadline whose holder
 * still runs is never taken, so no second sync starts beside the first;
 * once the holder is killed, the next one takes it at once. */
static void
test_claim_expired_live_holder (Fixture      *f,
                                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autoptr (GSubprocess) holder = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *line = NULL;
  gint64 id, now = g_get_real_time ();
  gboolean claimed = TRUE;

  g_assert_no_error (error);
  id = hc_store_add_connector (store, "demo", "demo", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--hold-claim",
                             f->path, id_text, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "1");

  /* Held for 3 hours, past the scheduler's stale delay of 2: still held. */
  g_assert_true (hc_store_claim_connector_run (store, id, now, now - HC_SCHEDULER_STALE_CLAIM, &claimed, &error));
  g_assert_no_error (error);
  g_assert_false (claimed);
  g_assert_true (hc_store_connector_run_is_claimed (store, id, now - HC_SCHEDULER_STALE_CLAIM));
  /* Even with a deadline that every claim has passed. */
  g_assert_true (hc_store_claim_connector_run (store, id, now, now + G_TIME_SPAN_HOUR, &claimed, &error));
  g_assert_false (claimed);

  /* The holder's claim is its own: renewing ours leaves it alone, and a
   * claim of ours held 3 hours is renewed to now. */
  {
    g_autofree char *cmd = g_strdup_printf ("sqlite3 '%s' \"SELECT run_claimed_at FROM connectors WHERE id = %"
                                            G_GINT64_FORMAT "\"", f->path, id);
    g_autofree char *before = NULL;
    int status = 0;

    g_assert_true (hc_store_renew_connector_runs (store, now, &error));
    g_assert_no_error (error);
    if (g_spawn_command_line_sync (cmd, &before, NULL, &status, NULL) && status == 0)
      g_assert_cmpint (g_ascii_strtoll (before, NULL, 10), <, now - 2 * G_TIME_SPAN_HOUR);
  }

  /* The holder is killed: free at once, long before any deadline. */
  g_subprocess_send_signal (holder, SIGKILL);
  g_subprocess_wait (holder, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (hc_store_connector_run_is_claimed (store, id, 0));
  g_assert_true (hc_store_claim_connector_run (store, id, now - 3 * G_TIME_SPAN_HOUR, 0, &claimed, &error));
  g_assert_true (claimed);
  g_assert_true (hc_store_renew_connector_runs (store, now, &error));
  g_assert_no_error (error);
  {
    g_autofree char *cmd = g_strdup_printf ("sqlite3 '%s' \"SELECT run_claimed_at FROM connectors WHERE id = %"
                                            G_GINT64_FORMAT "\"", f->path, id);
    g_autofree char *renewed = NULL;
    int status = 0;

    if (g_spawn_command_line_sync (cmd, &renewed, NULL, &status, NULL) && status == 0)
      g_assert_cmpint (g_ascii_strtoll (renewed, NULL, 10), ==, now);
  }
  g_assert_true (hc_store_release_connector_run (store, id, &error));
}

/* What the interrupted-run test runs in a second process: claims the
 * run of connector @id in @path as @mode says ("sync": a sync of the
 * command line, "dry": a run that records nothing, "recorded": a sync that
 * then records its failed run), says "1" on standard output and sleeps
 * until it is killed. */
static int
hold_sync_main (const char *path,
                const char *id_text,
                const char *mode)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (path, &error);
  gint64 id = g_ascii_strtoll (id_text, NULL, 10);
  gint64 now = g_get_real_time ();
  gboolean claimed = FALSE;

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (store == NULL)
    return 1;
  if (g_str_equal (mode, "dry"))
    {
      if (!hc_store_claim_connector_run (store, id, now, now - HC_SCHEDULER_STALE_CLAIM, &claimed, &error))
        return 1;
    }
  else if (!hc_store_claim_connector_sync (store, id, HC_SYNC_TRIGGER_CLI, now, now - HC_SCHEDULER_STALE_CLAIM,
                                           &claimed, &error))
    {
      return 1;
    }
  if (!claimed)
    return 1;
  if (g_str_equal (mode, "recorded"))
    {
      g_autoptr (HcSyncRun) run = hc_sync_run_new (id, HC_SYNC_TRIGGER_CLI);

      run->error_message = g_strdup ("The HR system did not answer");
      if (!hc_store_record_run (store, run, &error))
        return 1;
    }
  g_print ("1\n");
  fflush (stdout);
  for (;;)
    g_usleep (G_USEC_PER_SEC);
  return 0;
}

/* Starts hold_sync_main() and kills it once it holds the connector. */
static void
kill_holder (Fixture    *f,
             gint64      id,
             const char *mode)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (GSubprocess) holder = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--hold-sync",
                             f->path, id_text, mode, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "1");
  g_subprocess_send_signal (holder, SIGKILL);
  g_subprocess_wait (holder, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (holder));
}

static guint
count_runs (HcStore     *store,
            HcSyncResult result)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) runs = hc_store_list_runs (store, 0, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < runs->len; i++)
    n += ((HcSyncRun *) g_ptr_array_index (runs, i))->result == result;
  return n;
}

static void
run_sql (const char *path,
         const char *sql)
{
  g_autofree char *quoted = g_shell_quote (sql);
  g_autofree char *cmd = g_strdup_printf ("sqlite3 '%s' %s", path, quoted);
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
}

/* rules.md 41: a sync whose process dies before it records its end is
 * recorded as interrupted at the next start, or when the next run takes
 * the connector; once, with the claim's trigger, connector and start.
 * A dry run, and a run that recorded its end, leave no such entry. */
static void
test_interrupted_run (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char *sqlite3 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autoptr (GPtrArray) runs = NULL;
  const HcSyncRun *run;
  gint64 id, before, after, now;
  gboolean claimed = FALSE;

  g_assert_no_error (error);
  id = hc_store_add_connector (store, "demo", "demo", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);

  /* Killed holding the connector: the next start records it, once. */
  before = g_get_real_time ();
  kill_holder (f, id, "sync");
  after = g_get_real_time ();
  g_assert_cmpuint (count_runs (store, HC_SYNC_RESULT_INTERRUPTED), ==, 0);
  {
    g_autoptr (HcStore) next = hc_store_new (f->path, &error);

    g_assert_no_error (error);
    runs = hc_store_list_runs (next, 0, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (runs->len, ==, 1);
    run = g_ptr_array_index (runs, 0);
    g_assert_cmpint (run->result, ==, HC_SYNC_RESULT_INTERRUPTED);
    g_assert_cmpint (run->trigger, ==, HC_SYNC_TRIGGER_CLI);
    g_assert_cmpint (run->connector_id, ==, id);
    g_assert_cmpstr (run->connector_name, ==, "demo");
    g_assert_cmpint (run->started_at, >=, before);
    g_assert_cmpint (run->started_at, <=, after);
    g_assert_cmpint (run->finished_at, ==, 0);
    for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
      g_assert_cmpuint (run->counts[k], ==, 0);
    g_assert_nonnull (strstr (run->error_message, "stopped before it finished"));
    g_assert_false (hc_store_connector_run_is_claimed (next, id, 0));
  }
  {
    g_autoptr (HcStore) again = hc_store_new (f->path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (count_runs (again, HC_SYNC_RESULT_INTERRUPTED), ==, 1);
  }

  /* Killed again, and a store opened before (the app) takes the
   * connector: the claim records it first. */
  kill_holder (f, id, "sync");
  now = g_get_real_time ();
  g_assert_true (hc_store_claim_connector_sync (store, id, HC_SYNC_TRIGGER_MANUAL, now,
                                                now - HC_SCHEDULER_STALE_CLAIM, &claimed, &error));
  g_assert_no_error (error);
  g_assert_true (claimed);
  g_assert_cmpuint (count_runs (store, HC_SYNC_RESULT_INTERRUPTED), ==, 2);
  g_assert_true (hc_store_release_connector_run (store, id, &error));

  /* A dry run records nothing, killed or not. */
  kill_holder (f, id, "dry");
  {
    g_autoptr (HcStore) next = hc_store_new (f->path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (count_runs (next, HC_SYNC_RESULT_INTERRUPTED), ==, 2);
  }

  /* Killed after it recorded its end: that entry is the run's only one. */
  kill_holder (f, id, "recorded");
  {
    g_autoptr (HcStore) next = hc_store_new (f->path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (count_runs (next, HC_SYNC_RESULT_INTERRUPTED), ==, 2);
    g_assert_cmpuint (count_runs (next, HC_SYNC_RESULT_FAILED), ==, 1);
    g_assert_true (hc_store_claim_connector_sync (next, id, HC_SYNC_TRIGGER_MANUAL, now,
                                                  now - HC_SCHEDULER_STALE_CLAIM, &claimed, &error));
    g_assert_true (claimed);
    g_assert_cmpuint (count_runs (next, HC_SYNC_RESULT_INTERRUPTED), ==, 2);
    g_assert_true (hc_store_release_connector_run (next, id, &error));
  }

  /* Another host's scheduled run, silent for 3 hours: not known dead at
   * a start, recorded when its claim is taken over. */
  sqlite3 = g_find_program_in_path ("sqlite3");
  if (sqlite3 == NULL)
    {
      g_test_skip ("sqlite3 command not available");
      return;
    }
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE connectors SET run_claimed_by = 'elsewhere.example:4242:1', "
                                            "run_claimed_at = %" G_GINT64_FORMAT ", run_started_at = %"
                                            G_GINT64_FORMAT ", run_trigger = 'schedule' WHERE id = %"
                                            G_GINT64_FORMAT, now - 3 * G_TIME_SPAN_HOUR,
                                            now - 4 * G_TIME_SPAN_HOUR, id);
    g_autoptr (HcStore) next = NULL;

    run_sql (f->path, sql);
    next = hc_store_new (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_runs (next, HC_SYNC_RESULT_INTERRUPTED), ==, 2);
    g_assert_true (hc_store_claim_connector_sync (next, id, HC_SYNC_TRIGGER_SCHEDULE, now,
                                                  now - HC_SCHEDULER_STALE_CLAIM, &claimed, &error));
    g_assert_no_error (error);
    g_assert_true (claimed);
    g_assert_cmpuint (count_runs (next, HC_SYNC_RESULT_INTERRUPTED), ==, 3);
    g_clear_pointer (&runs, g_ptr_array_unref);
    runs = hc_store_list_runs (next, 0, 0, &error);
    g_assert_no_error (error);
    /* the oldest: it started 4 hours ago */
    run = g_ptr_array_index (runs, runs->len - 1);
    g_assert_cmpint (run->result, ==, HC_SYNC_RESULT_INTERRUPTED);
    g_assert_cmpint (run->trigger, ==, HC_SYNC_TRIGGER_SCHEDULE);
    g_assert_cmpint (run->started_at, ==, now - 4 * G_TIME_SPAN_HOUR);
    g_assert_true (hc_store_release_connector_run (next, id, &error));
  }
}

/* hc_store_close(): the database closes while another holder (a loader
 * thread) still has the store; its queries fail from then on, and the
 * workspace can be renamed at once. */
static void
test_close (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = g_path_get_dirname (f->path);
  g_autofree char *new_path = g_build_filename (data_dir, "renamed.db", NULL);
  g_autoptr (HcStore) store = hc_store_new (f->path, &error);
  g_autoptr (HcStore) holder = NULL;
  g_autoptr (HcMember) member = hc_member_new ();
  g_autoptr (GPtrArray) members = NULL;

  g_assert_no_error (error);
  hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, "ada@example.com");
  g_assert_true (hc_store_add_member (store, member, &error));
  g_assert_no_error (error);
  holder = g_object_ref (store);

  /* while it is open, the rename refuses to move it */
  g_assert_false (hc_workspace_rename (data_dir, "test", "renamed", &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_false (hc_store_is_closed (store));
  hc_store_close (store);
  g_assert_true (hc_store_is_closed (holder));
  hc_store_close (store);       /* twice is harmless */

  members = hc_store_list_members (holder, &error);
  g_assert_null (members);
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  g_clear_error (&error);
  g_assert_false (hc_store_add_member (holder, member, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  g_clear_error (&error);
  g_assert_cmpint (hc_store_get_schema_version (holder), ==, -1);

  g_assert_true (hc_workspace_rename (data_dir, "test", "renamed", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (new_path, G_FILE_TEST_IS_REGULAR));

  g_clear_object (&store);
  g_clear_object (&holder);
  store = hc_store_new (new_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_store_count_members (store, -1), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  if (argc == 4 && g_str_equal (argv[1], "--hold-claim"))
    return hold_claim_main (argv[2], argv[3]);
  if (argc == 5 && g_str_equal (argv[1], "--hold-sync"))
    return hold_sync_main (argv[2], argv[3], argv[4]);
  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/migrate-empty", test_migrate_empty);
  ADD ("/store/reopen", test_reopen);
  ADD ("/store/not-a-database", test_not_a_database);
  ADD ("/store/newer-schema", test_newer_schema);
  ADD ("/store/zero-length", test_zero_length);
  ADD ("/store/apply", test_apply);
  ADD ("/store/apply/initial-values", test_apply_initial_values);
  ADD ("/store/apply-fails-halfway", test_apply_fails_halfway);
  ADD ("/store/record-run", test_record_run);
  ADD ("/store/disconnect", test_disconnect);
  ADD ("/store/migrate-4", test_migrate_4);
  for (guint i = 0; i < G_N_ELEMENTS (unique_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/unique-email/%02u", i);

      g_test_add (path, Fixture, &unique_cases[i], fixture_set_up, test_unique_email, fixture_tear_down);
    }
  ADD ("/store/workspace-id", test_workspace_id);
  ADD ("/store/claim-dead-owner", test_claim_dead_owner);
  ADD ("/store/claim-expired-live-holder", test_claim_expired_live_holder);
  ADD ("/store/interrupted-run", test_interrupted_run);
  ADD ("/store/close", test_close);
  ADD ("/store/migrate-14", test_migrate_14);
#undef ADD
  g_test_add_func ("/store/workspace-names", test_workspace_names);
  g_test_add_func ("/store/run-duration", test_run_duration);

  return g_test_run ();
}
