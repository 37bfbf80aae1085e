/* test-disconnect.c — a disconnect that archives or removes its connector's members, and its undo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "hc-directory.h"
#include "hc-disconnect.h"
#include "hc-error.h"
#include "hc-groups.h"
#include "hc-plan.h"
#include "hc-roles.h"
#include "hc-store.h"
#include "hc-undo.h"
#include "hc-test-fixtures.h"

typedef struct
{
  char     *dir;
  char     *path;
  HcStore  *store;
  HcConfig *config;
  gint64    hr;        /* the connector disconnected */
  gint64    other;     /* another connector, whose members are never touched */
  gint64    hand;      /* a member made by hand */
} Fixture;

static void
sync_employees (Fixture            *f,
                gint64              cid,
                const char * const *specs)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (GPtrArray) members = hc_store_list_members (f->store, &error);
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = hc_sync_run_new (cid, HC_SYNC_TRIGGER_MANUAL);

  g_assert_no_error (error);
  plan = hc_plan_compute (f->config, cid, employees, members, !hc_store_connector_has_synced (f->store, cid));
  g_assert_true (hc_store_apply_plan (f->store, plan, run, &error));
  g_assert_no_error (error);
}

static gint64
member_id_of (Fixture    *f,
              const char *email)
{
  g_autoptr (HcMember) member = hc_store_find_member_by_email (f->store, email, NULL);

  g_assert_nonnull (member);
  return hc_member_get_id (member);
}

static const char * const hr_people[] = {
  "E1|Chief|Boss|boss@x.test|active||Paris",
  "E2|Zoé|Lefèvre|zoe@x.test|active|E1|Paris",
  "E3|Paul|Sans|paul@x.test|active|E2|Lyon",
  NULL
};

static const char * const other_people[] = {
  "O1|Olga|Other|olga@x.test|active||Nantes",
  NULL
};

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) hand = hc_test_member ("0||hand@x.test|Hand|Made|active|manual|0");
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;

  f->dir = g_dir_make_tmp ("hc-disconnect-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = hc_store_new (f->path, &error);
  g_assert_no_error (error);
  f->config = hc_config_new_default ();
  f->hr = hc_store_add_connector (f->store, "HR & Co", "demo", NULL, f->config, FALSE, &error);
  g_assert_no_error (error);
  f->other = hc_store_add_connector (f->store, "Other", "demo", NULL, f->config, FALSE, &error);
  g_assert_no_error (error);

  sync_employees (f, f->hr, hr_people);
  sync_employees (f, f->other, other_people);
  g_assert_true (hc_directory_add_member (f->store, hand, NULL, &error));
  g_assert_no_error (error);
  f->hand = hc_member_get_id (hand);

  /* A group and a role by hand, each with an HR member and the others. */
  g_assert_true (hc_groups_create (f->store, "Team", NULL, NULL, &error));
  g_assert_no_error (error);
  id = member_id_of (f, "zoe@x.test");
  g_array_append_val (ids, id);
  id = member_id_of (f, "olga@x.test");
  g_array_append_val (ids, id);
  g_array_append_val (ids, f->hand);
  g_assert_true (hc_groups_add_members (f->store, "Team", ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hc_roles_create (f->store, "Lead", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hc_roles_add_members (f->store, "Lead", ids, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->config, hc_config_free);
  hc_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Each row of @sql, its columns joined with "|", one line each. */
static void
dump_rows (sqlite3    *db,
           const char *sql,
           GString    *out)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s%s=%s", c ? "|" : "", sqlite3_column_name (stmt, c),
                                sqlite3_column_type (stmt, c) == SQLITE_NULL
                                ? "NULL" : (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

/* The directory as the database holds it, every column but the time of
 * the last change and archived_from (the state an archive came from, kept
 * by a trigger and read only while archived, which an undo of a sync's
 * archive leaves too): members, groups, roles and invitations. @where picks
 * the members ("1" for all). (transfer full) */
static char *
dump_directory (Fixture    *f,
                const char *where)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *members = g_strdup_printf ("SELECT id, external_id, connector_id, email, first_name, last_name, "
                                              "preferred_name, title, department, team, office, start_date, end_date, "
                                              "manager_id, state, hr_status, has_access, custom, created_at "
                                              "FROM members WHERE %s ORDER BY id", where);
  g_autofree char *groups = g_strdup_printf ("SELECT * FROM group_members WHERE member_id IN "
                                             "(SELECT id FROM members WHERE %s) ORDER BY group_id, member_id", where);
  g_autofree char *roles = g_strdup_printf ("SELECT * FROM member_roles WHERE member_id IN "
                                            "(SELECT id FROM members WHERE %s) ORDER BY member_id, role_id", where);
  g_autofree char *invitations = g_strdup_printf ("SELECT * FROM invitations WHERE member_id IN "
                                                  "(SELECT id FROM members WHERE %s) ORDER BY id", where);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  dump_rows (db, members, out);
  g_string_append (out, "--\n");
  dump_rows (db, groups, out);
  g_string_append (out, "--\n");
  dump_rows (db, roles, out);
  g_string_append (out, "--\n");
  dump_rows (db, invitations, out);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dump_others (Fixture *f)
{
  g_autofree char *where = g_strdup_printf ("connector_id IS NOT %" G_GINT64_FORMAT, f->hr);

  return dump_directory (f, where);
}

static guint
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static HcSyncRun *
disconnect (Fixture            *f,
            HcDisconnectMembers what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcPlan) plan = hc_disconnect_plan_new (f->store, f->hr, what, &error);
  HcSyncRun *run;

  g_assert_no_error (error);
  run = hc_disconnect_apply (f->store, plan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_cmpint (run->trigger, ==, HC_SYNC_TRIGGER_DISCONNECT);
  return run;
}

static void
undo_run (Fixture *f,
          gint64   run_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcUndo) undo = NULL;
  g_autoptr (HcSyncRun) undo_run = NULL;

  g_assert_true (hc_undo_can_undo (f->store, run_id, &error));
  g_assert_no_error (error);
  undo = hc_undo_new (f->store, run_id, &error);
  g_assert_no_error (error);
  g_assert_true (hc_undo_apply (undo, f->store, HC_SYNC_TRIGGER_MANUAL, &undo_run, &error));
  g_assert_no_error (error);
  /* once only */
  g_assert_false (hc_undo_can_undo (f->store, run_id, NULL));
  /* the undo keeps the connector's name, removed or not */
  g_assert_cmpstr (undo_run->connector_name, ==, "HR & Co");
  {
    g_autoptr (HcSyncRun) stored = hc_store_get_run (f->store, undo_run->id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (stored->connector_name, ==, "HR & Co");
  }
}

static void
test_plan_contents (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcPlan) archive = NULL;
  g_autoptr (HcPlan) remove = NULL;
  g_autoptr (HcPlan) keep = NULL;
  g_autoptr (GHashTable) hr_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 ids[3];
  GPtrArray *items;

  ids[0] = member_id_of (f, "boss@x.test");
  ids[1] = member_id_of (f, "zoe@x.test");
  ids[2] = member_id_of (f, "paul@x.test");
  for (guint i = 0; i < 3; i++)
    g_hash_table_add (hr_ids, &ids[i]);

  /* Paul archived already: nothing to archive, still one to remove. */
  {
    g_autoptr (GArray) paul = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_array_append_val (paul, ids[2]);
    g_assert_true (hc_directory_archive_members (f->store, paul, NULL, &error));
    g_assert_no_error (error);
  }

  archive = hc_disconnect_plan_new (f->store, f->hr, HC_DISCONNECT_ARCHIVE_MEMBERS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_plan_count (archive, HC_PLAN_ARCHIVE), ==, 2);
  g_assert_cmpuint (hc_plan_count (archive, HC_PLAN_REMOVE), ==, 0);
  g_assert_false (hc_plan_is_empty (archive));
  g_assert_cmpint (hc_plan_get_connector_id (archive), ==, f->hr);
  items = hc_plan_get_items (archive);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);
      HcFieldChange *change;

      g_assert_true (g_hash_table_contains (hr_ids, &item->member_id));
      g_assert_cmpint (item->member_id, !=, ids[2]);
      g_assert_nonnull (strstr (item->reason, "HR & Co"));
      g_assert_cmpuint (item->changes->len, ==, 1);
      change = g_ptr_array_index (item->changes, 0);
      g_assert_cmpstr (change->field, ==, "state");
      g_assert_cmpstr (change->after, ==, "archived");
    }

  remove = hc_disconnect_plan_new (f->store, f->hr, HC_DISCONNECT_REMOVE_MEMBERS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_plan_count (remove, HC_PLAN_REMOVE), ==, 3);
  g_assert_cmpuint (hc_plan_count (remove, HC_PLAN_ARCHIVE), ==, 0);
  items = hc_plan_get_items (remove);
  for (guint i = 0; i < items->len; i++)
    g_assert_true (g_hash_table_contains (hr_ids, &((HcPlanItem *) g_ptr_array_index (items, i))->member_id));
  g_assert_cmpstr (hc_plan_kind_to_string (HC_PLAN_REMOVE), ==, "remove");

  keep = hc_disconnect_plan_new (f->store, f->hr, HC_DISCONNECT_KEEP_MEMBERS, &error);
  g_assert_no_error (error);
  g_assert_true (hc_plan_is_empty (keep));

  /* Another connector's plan has its member only. */
  {
    g_autoptr (HcPlan) other = hc_disconnect_plan_new (f->store, f->other, HC_DISCONNECT_REMOVE_MEMBERS, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hc_plan_count (other, HC_PLAN_REMOVE), ==, 1);
    g_assert_cmpint (((HcPlanItem *) g_ptr_array_index (hc_plan_get_items (other), 0))->member_id, ==,
                     member_id_of (f, "olga@x.test"));
  }

  /* No such connector */
  g_assert_null (hc_disconnect_plan_new (f->store, 999, HC_DISCONNECT_ARCHIVE_MEMBERS, &error));
  g_assert_nonnull (error);
}

static void
test_archive_and_undo (Fixture      *f,
                       gconstpointer data)
{
  gboolean remove_connector = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump_directory (f, "1");
  g_autofree char *others_before = dump_others (f);
  g_autofree char *others_after = NULL;
  g_autofree char *after = NULL;
  g_autoptr (HcSyncRun) run = disconnect (f, HC_DISCONNECT_ARCHIVE_MEMBERS);
  g_autoptr (HcSyncRun) stored = NULL;

  g_assert_cmpuint (run->counts[HC_PLAN_ARCHIVE], ==, 3);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM members WHERE state = 'archived'"), ==, 3);
  others_after = dump_others (f);
  g_assert_cmpstr (others_after, ==, others_before);
  /* Archived, still in their group and role. */
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM group_members"), ==, 3);

  stored = hc_store_get_run (f->store, run->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->trigger, ==, HC_SYNC_TRIGGER_DISCONNECT);
  g_assert_cmpstr (stored->connector_name, ==, "HR & Co");

  if (remove_connector)
    {
      g_assert_true (hc_store_remove_connector (f->store, f->hr, &error));
      g_assert_no_error (error);
      g_clear_pointer (&stored, hc_sync_run_free);
      stored = hc_store_get_run (f->store, run->id, &error);
      g_assert_cmpint (stored->connector_id, ==, 0);
      g_assert_cmpstr (stored->connector_name, ==, "HR & Co");
    }

  undo_run (f, run->id);
  after = dump_directory (f, "1");
  if (!remove_connector)
    g_assert_cmpstr (after, ==, before);
  else
    {
      /* As "Keep Members" leaves them: back as they were, no longer managed. */
      g_autofree char *expected = NULL;
      g_autofree char *from = g_strdup_printf ("connector_id=%" G_GINT64_FORMAT "|", f->hr);
      g_auto (GStrv) lines = g_strsplit (before, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (strstr (lines[i], from) != NULL && strstr (lines[i], "hr_status=managed") != NULL)
          {
            g_autoptr (GString) line = g_string_new (lines[i]);

            g_string_replace (line, from, "connector_id=NULL|", 1);
            g_string_replace (line, "hr_status=managed", "hr_status=previously_managed", 1);
            g_free (lines[i]);
            lines[i] = g_string_free (g_steal_pointer (&line), FALSE);
          }
      expected = g_strjoinv ("\n", lines);
      g_assert_cmpstr (after, ==, expected);
    }
}

static void
test_remove_and_undo (Fixture      *f,
                      gconstpointer data)
{
  gboolean remove_connector = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump_directory (f, "1");
  g_autofree char *others_before = dump_others (f);
  g_autofree char *others_after = NULL;
  g_autofree char *after = NULL;
  g_autoptr (HcSyncRun) run = disconnect (f, HC_DISCONNECT_REMOVE_MEMBERS);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (HcUndo) undo = NULL;

  g_assert_cmpuint (run->counts[HC_PLAN_REMOVE], ==, 3);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM members"), ==, 2);
  g_assert_cmpuint (hc_store_count_connector_members (f->store, f->hr), ==, 0);
  /* what went with them */
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM group_members"), ==, 2);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM member_roles"), ==, 2);
  others_after = dump_others (f);
  g_assert_cmpstr (others_after, ==, others_before);
  {
    g_autoptr (GPtrArray) runs = hc_store_list_runs (f->store, 0, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (((HcSyncRun *) g_ptr_array_index (runs, 0))->counts[HC_PLAN_REMOVE], ==, 3);
  }

  /* History names them, though they are gone. */
  changes = hc_store_list_run_changes (f->store, run->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpstr (((HcRunChange *) g_ptr_array_index (changes, 1))->member_name, ==, "Zoé Lefèvre");
  g_assert_cmpstr (((HcRunChange *) g_ptr_array_index (changes, 1))->kind, ==, "remove");

  if (remove_connector)
    {
      g_assert_true (hc_store_remove_connector (f->store, f->hr, &error));
      g_assert_no_error (error);
    }

  undo = hc_undo_new (f->store, run->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_undo_count_members (undo, HC_UNDO_PUT_BACK), ==, 3);
  {
    g_autofree char *summary = hc_undo_dup_summary (undo);

    g_assert_cmpstr (summary, ==, "Puts back 3 removed members.");
  }
  g_clear_object (&undo);
  undo_run (f, run->id);

  after = dump_directory (f, "1");
  if (!remove_connector)
    g_assert_cmpstr (after, ==, before);
  else
    {
      g_autofree char *from = g_strdup_printf ("connector_id=%" G_GINT64_FORMAT "|", f->hr);
      g_auto (GStrv) lines = g_strsplit (before, "\n", -1);
      g_autofree char *expected = NULL;

      for (guint i = 0; lines[i] != NULL; i++)
        if (strstr (lines[i], from) != NULL && strstr (lines[i], "hr_status=managed") != NULL)
          {
            g_autoptr (GString) line = g_string_new (lines[i]);

            g_string_replace (line, from, "connector_id=NULL|", 1);
            g_string_replace (line, "hr_status=managed", "hr_status=previously_managed", 1);
            g_free (lines[i]);
            lines[i] = g_string_free (g_steal_pointer (&line), FALSE);
          }
      expected = g_strjoinv ("\n", lines);
      g_assert_cmpstr (after, ==, expected);
    }
}

/* Someone took a removed member's e-mail since: that member is kept out,
 * the others come back. */
static void
test_remove_undo_email_taken (Fixture      *f,
                              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSyncRun) run = disconnect (f, HC_DISCONNECT_REMOVE_MEMBERS);
  g_autoptr (HcMember) taker = hc_test_member ("0||zoe@x.test|Zoe|Again|active|manual|0");
  g_autoptr (HcUndo) undo = NULL;
  g_autoptr (HcSyncRun) undo_run = NULL;

  g_assert_true (hc_directory_add_member (f->store, taker, NULL, &error));
  g_assert_no_error (error);
  undo = hc_undo_new (f->store, run->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_undo_count_members (undo, HC_UNDO_PUT_BACK), ==, 2);
  g_assert_cmpuint (hc_undo_count_members (undo, HC_UNDO_KEEP), ==, 1);
  g_assert_true (hc_undo_apply (undo, f->store, HC_SYNC_TRIGGER_MANUAL, &undo_run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM members"), ==, 5);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM members WHERE email = 'zoe@x.test'"), ==, 1);
}

/* Members gone between the preview and Apply (removed by another
 * disconnect's run): the run fails and nothing changes, in the directory
 * or in History. */
static void
test_failure_changes_nothing (Fixture      *f,
                              gconstpointer data)
{
  HcDisconnectMembers what = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (HcPlan) plan = hc_disconnect_plan_new (f->store, f->hr, what, &error);
  g_autoptr (HcSyncRun) first = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint runs;

  g_assert_no_error (error);
  first = disconnect (f, HC_DISCONNECT_REMOVE_MEMBERS);
  before = dump_directory (f, "1");
  runs = count_rows (f, "SELECT count(*) FROM sync_runs");

  g_assert_null (hc_disconnect_apply (f->store, plan, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  after = dump_directory (f, "1");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM sync_runs"), ==, runs);
}

/* An ordinary sync's run, its connector removed, is still not undoable. */
static void
test_sync_run_not_undoable_once_removed (Fixture      *f,
                                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 last = hc_store_get_last_applied_run (f->store, f->hr);

  g_assert_cmpint (last, !=, 0);
  g_assert_true (hc_store_remove_connector (f->store, f->hr, &error));
  g_assert_no_error (error);
  g_assert_false (hc_undo_can_undo (f->store, last, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/disconnect/plan-contents", Fixture, NULL, fixture_set_up, test_plan_contents, fixture_tear_down);
  g_test_add ("/disconnect/archive-undo", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_archive_and_undo, fixture_tear_down);
  g_test_add ("/disconnect/archive-undo-connector-removed", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_archive_and_undo, fixture_tear_down);
  g_test_add ("/disconnect/remove-undo", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_remove_and_undo, fixture_tear_down);
  g_test_add ("/disconnect/remove-undo-connector-removed", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_remove_and_undo, fixture_tear_down);
  g_test_add ("/disconnect/remove-undo-email-taken", Fixture, NULL, fixture_set_up,
              test_remove_undo_email_taken, fixture_tear_down);
  g_test_add ("/disconnect/archive-failure-changes-nothing", Fixture,
              GINT_TO_POINTER (HC_DISCONNECT_ARCHIVE_MEMBERS), fixture_set_up,
              test_failure_changes_nothing, fixture_tear_down);
  g_test_add ("/disconnect/remove-failure-changes-nothing", Fixture,
              GINT_TO_POINTER (HC_DISCONNECT_REMOVE_MEMBERS), fixture_set_up,
              test_failure_changes_nothing, fixture_tear_down);
  g_test_add ("/disconnect/sync-run-not-undoable-once-removed", Fixture, NULL, fixture_set_up,
              test_sync_run_not_undoable_once_removed, fixture_tear_down);

  return g_test_run ();
}
