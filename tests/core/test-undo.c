/* test-undo.c — history: a run's changes, retention, and the undo of the last applied sync
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "hc-error.h"
#include "hc-plan.h"
#include "hc-store.h"
#include "hc-undo.h"
#include "hc-test-fixtures.h"

typedef struct
{
  char     *dir;
  char     *path;
  HcStore  *store;
  HcConfig *config;
  gint64    cid;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("hc-undo-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = hc_store_new (f->path, &error);
  g_assert_no_error (error);
  f->config = hc_config_new_default ();
  f->config->archive_inactive = TRUE;
  f->cid = hc_store_add_connector (f->store, "hr", "demo", NULL, f->config, FALSE, &error);
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

/* Runs a sync of @specs and returns the run's id. */
static gint64
sync_employees (Fixture            *f,
                const char * const *specs)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (GPtrArray) members = hc_store_list_members (f->store, &error);
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = hc_sync_run_new (f->cid, HC_SYNC_TRIGGER_MANUAL);

  g_assert_no_error (error);
  plan = hc_plan_compute (f->config, f->cid, employees, members,
                          !hc_store_connector_has_synced (f->store, f->cid));
  g_assert_true (hc_store_apply_plan (f->store, plan, run, &error));
  g_assert_no_error (error);
  return run->id;
}

static HcMember *
find_member (Fixture    *f,
             const char *email)
{
  g_autoptr (GPtrArray) members = hc_store_list_members (f->store, NULL);

  for (guint i = 0; i < members->len; i++)
    if (g_strcmp0 (hc_member_get_email (g_ptr_array_index (members, i)), email) == 0)
      return g_object_ref (g_ptr_array_index (members, i));
  return NULL;
}

/* Someone edits the member after the sync: bumps its updated_at. */
static void
touch_member (Fixture *f,
              gint64   member_id)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE members SET updated_at = updated_at + 1 WHERE id = %"
                                          G_GINT64_FORMAT, member_id);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static HcUndoItem *
find_item (HcUndo      *undo,
           HcUndoAction action,
           gint64       member_id,
           const char  *field)
{
  GPtrArray *items = hc_undo_get_items (undo);

  for (guint i = 0; i < items->len; i++)
    {
      HcUndoItem *item = g_ptr_array_index (items, i);

      if (item->action == action && item->member_id == member_id && g_strcmp0 (item->field, field) == 0)
        return item;
    }
  return NULL;
}

static const char * const first[] = {
  "E1|Chief|Boss|boss@x.test|active||Paris",
  "E2|Zoé|Lefèvre|zoe@x.test|active|E1|Paris",
  "E3|Paul|Sans|paul@x.test|active|E2|Lyon",
  NULL
};

static const char * const second[] = {
  "E1|Chief|Boss|boss@x.test|active||Berlin",
  "E2|Zoé|Lefèvre|zoe@x.test|active|E1|Paris",
  "E4|New|Comer|new@x.test|active|E1|Lyon",
  NULL
};

static void
test_run_changes (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (HcMember) boss = NULL;
  gint64 run1, run2;
  gboolean office = FALSE, created = FALSE, archived = FALSE;

  run1 = sync_employees (f, first);
  run2 = sync_employees (f, second);
  boss = find_member (f, "boss@x.test");

  run = hc_store_get_run (f->store, run2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run->id, ==, run2);
  g_assert_cmpstr (run->connector_name, ==, "hr");
  g_assert_cmpint (run->trigger, ==, HC_SYNC_TRIGGER_MANUAL);
  g_assert_null (hc_store_get_run (f->store, run2 + 100, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  changes = hc_store_list_run_changes (f->store, run2, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      HcRunChange *c = g_ptr_array_index (changes, i);

      if (c->member_id == hc_member_get_id (boss) && g_strcmp0 (c->field, "office") == 0)
        {
          office = TRUE;
          g_assert_cmpstr (c->kind, ==, "update");
          g_assert_cmpstr (c->before, ==, "Paris");
          g_assert_cmpstr (c->after, ==, "Berlin");
          g_assert_cmpstr (c->member_name, ==, "Chief Boss");
        }
      if (g_str_equal (c->kind, "invite"))
        {
          created = TRUE;
          g_assert_cmpstr (c->employee_id, ==, "E4");
          g_assert_nonnull (strstr (c->after, "new@x.test"));
        }
      if (g_str_equal (c->kind, "archive"))
        {
          archived = TRUE;
          g_assert_cmpstr (c->employee_id, ==, "E3");
          g_assert_cmpstr (c->field, ==, "state");
          g_assert_cmpstr (c->after, ==, "archived");
        }
    }
  g_assert_true (office);
  g_assert_true (created);
  g_assert_true (archived);
  g_assert_cmpint (run1, <, run2);
}

static void
test_undo_update (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcUndo) undo = NULL;
  g_autoptr (HcSyncRun) undo_run = NULL;
  g_autoptr (HcMember) boss = NULL;
  g_autoptr (HcMember) paul = NULL;
  g_autoptr (HcMember) newcomer = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autofree char *summary = NULL;
  HcUndoItem *item;
  gint64 run1, run2;

  run1 = sync_employees (f, first);
  run2 = sync_employees (f, second);

  /* only the last applied run */
  g_assert_false (hc_undo_can_undo (f->store, run1, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (hc_undo_new (f->store, run1, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (hc_undo_can_undo (f->store, run2, &error));
  g_assert_no_error (error);

  boss = find_member (f, "boss@x.test");
  paul = find_member (f, "paul@x.test");
  newcomer = find_member (f, "new@x.test");
  g_assert_cmpstr (hc_member_get_field (boss, "office"), ==, "Berlin");
  g_assert_cmpint (hc_member_get_state (paul), ==, HC_MEMBER_STATE_ARCHIVED);

  undo = hc_undo_new (f->store, run2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hc_undo_get_run_id (undo), ==, run2);
  g_assert_cmpint (hc_undo_get_connector_id (undo), ==, f->cid);
  item = find_item (undo, HC_UNDO_RESTORE, hc_member_get_id (boss), "office");
  g_assert_nonnull (item);
  g_assert_cmpstr (item->current, ==, "Berlin");
  g_assert_cmpstr (item->restored, ==, "Paris");
  item = find_item (undo, HC_UNDO_RESTORE, hc_member_get_id (paul), "state");
  g_assert_nonnull (item);
  g_assert_cmpstr (item->restored, ==, "invited");
  g_assert_nonnull (find_item (undo, HC_UNDO_REMOVE, hc_member_get_id (newcomer), NULL));
  g_assert_cmpuint (hc_undo_count_members (undo, HC_UNDO_REMOVE), ==, 1);
  g_assert_cmpuint (hc_undo_count_members (undo, HC_UNDO_RESTORE), ==, 2);
  g_assert_cmpuint (hc_undo_count_members (undo, HC_UNDO_KEEP), ==, 0);
  summary = hc_undo_dup_summary (undo);
  g_assert_nonnull (strstr (summary, "1 member"));
  g_assert_nonnull (strstr (summary, "2 members"));

  g_assert_true (hc_undo_apply (undo, f->store, HC_SYNC_TRIGGER_CLI, &undo_run, &error));
  g_assert_no_error (error);
  g_assert_cmpint (undo_run->id, >, run2);
  g_assert_cmpint (undo_run->result, ==, HC_SYNC_RESULT_SUCCESS);
  g_assert_cmpint (undo_run->trigger, ==, HC_SYNC_TRIGGER_CLI);
  g_assert_cmpuint (undo_run->counts[HC_PLAN_UPDATE], ==, 2);

  g_clear_object (&boss);
  g_clear_object (&paul);
  g_clear_object (&newcomer);
  boss = find_member (f, "boss@x.test");
  paul = find_member (f, "paul@x.test");
  newcomer = find_member (f, "new@x.test");
  g_assert_cmpstr (hc_member_get_field (boss, "office"), ==, "Paris");
  g_assert_cmpint (hc_member_get_state (paul), ==, HC_MEMBER_STATE_INVITED);
  g_assert_null (newcomer);

  /* recorded as a run, which names what it undid; never twice */
  runs = hc_store_list_runs (f->store, f->cid, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 3);
  g_assert_cmpint (((HcSyncRun *) g_ptr_array_index (runs, 0))->id, ==, undo_run->id);
  g_assert_cmpint (hc_store_get_undone_run (f->store, undo_run->id), ==, run2);
  g_assert_cmpint (hc_store_find_undo_of (f->store, run2), ==, undo_run->id);
  g_assert_cmpint (hc_store_get_last_applied_run (f->store, f->cid), ==, undo_run->id);
  g_assert_false (hc_undo_can_undo (f->store, run2, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (hc_undo_can_undo (f->store, undo_run->id, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* the stale preview cannot apply a second time either */
  g_assert_false (hc_undo_apply (undo, f->store, HC_SYNC_TRIGGER_CLI, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = hc_store_list_runs (f->store, f->cid, 0, &error);
  g_assert_cmpuint (runs->len, ==, 3);
}

static void
test_undo_first_sync (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) manual = hc_test_member ("0||zoe@x.test|Zoé|Lefèvre|active|manual");
  g_autoptr (HcUndo) undo = NULL;
  g_autoptr (HcMember) boss = NULL;
  g_autoptr (HcMember) paul = NULL;
  g_autoptr (HcMember) zoe = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  HcUndoItem *item;
  gint64 run1;
  gboolean kept_row = FALSE;

  g_assert_true (hc_store_add_member (f->store, manual, &error));
  run1 = sync_employees (f, first);
  boss = find_member (f, "boss@x.test");
  paul = find_member (f, "paul@x.test");
  zoe = find_member (f, "zoe@x.test");
  g_assert_cmpint (hc_member_get_id (zoe), ==, hc_member_get_id (manual));
  g_assert_cmpint (hc_member_get_hr_status (zoe), ==, HC_HR_STATUS_MANAGED);
  touch_member (f, hc_member_get_id (paul));

  undo = hc_undo_new (f->store, run1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_item (undo, HC_UNDO_REMOVE, hc_member_get_id (boss), NULL));
  item = find_item (undo, HC_UNDO_KEEP, hc_member_get_id (paul), NULL);
  g_assert_nonnull (item);
  g_assert_nonnull (item->reason);
  item = find_item (undo, HC_UNDO_RESTORE, hc_member_get_id (zoe), "hr_status");
  g_assert_nonnull (item);
  g_assert_cmpstr (item->restored, ==, "manual");
  g_assert_cmpint (item->connector_id, ==, 0);

  g_assert_true (hc_store_connector_has_synced (f->store, f->cid));
  g_assert_true (hc_undo_apply (undo, f->store, HC_SYNC_TRIGGER_MANUAL, NULL, &error));
  g_assert_no_error (error);
  /* the next sync is a first sync again, and asks for confirmation */
  g_assert_false (hc_store_connector_has_synced (f->store, f->cid));
  g_clear_object (&boss);
  g_clear_object (&paul);
  g_clear_object (&zoe);
  g_assert_null (find_member (f, "boss@x.test"));
  paul = find_member (f, "paul@x.test");
  g_assert_nonnull (paul);
  zoe = find_member (f, "zoe@x.test");
  g_assert_cmpint (hc_member_get_hr_status (zoe), ==, HC_HR_STATUS_MANUAL);
  g_assert_cmpint (hc_member_get_connector_id (zoe), ==, 0);

  changes = hc_store_list_run_changes (f->store, hc_store_find_undo_of (f->store, run1), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      HcRunChange *c = g_ptr_array_index (changes, i);

      if (g_str_equal (c->kind, HC_RUN_CHANGE_UNDO_KEEP) && c->member_id == hc_member_get_id (paul))
        {
          kept_row = TRUE;
          g_assert_null (c->field);
          g_assert_nonnull (c->after);
        }
    }
  g_assert_true (kept_row);
}

/* A preview changes nothing; an apply that meets a member changed since
 * the preview changes nothing either. */
static void
test_undo_nothing_changes (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcUndo) undo = NULL;
  g_autoptr (HcMember) newcomer = NULL;
  g_autoptr (HcMember) boss = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  gint64 run2;

  sync_employees (f, first);
  run2 = sync_employees (f, second);
  undo = hc_undo_new (f->store, run2, &error);
  g_assert_no_error (error);
  g_clear_object (&undo);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 4);
  newcomer = find_member (f, "new@x.test");
  g_assert_nonnull (newcomer);

  undo = hc_undo_new (f->store, run2, &error);
  g_assert_no_error (error);
  touch_member (f, hc_member_get_id (newcomer));
  g_assert_false (hc_undo_apply (undo, f->store, HC_SYNC_TRIGGER_MANUAL, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  g_clear_error (&error);

  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 4);
  boss = find_member (f, "boss@x.test");
  g_assert_cmpstr (hc_member_get_field (boss, "office"), ==, "Berlin");
  runs = hc_store_list_runs (f->store, f->cid, 0, &error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpint (hc_store_find_undo_of (f->store, run2), ==, 0);
  g_assert_true (hc_undo_can_undo (f->store, run2, NULL));
}

static void
record_failed (Fixture *f,
               gint64   cid,
               gint64   started_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSyncRun) run = hc_sync_run_new (cid, HC_SYNC_TRIGGER_SCHEDULE);

  run->started_at = started_at;
  run->error_message = g_strdup ("The HR system answered 503");
  g_assert_true (hc_store_record_run (f->store, run, &error));
  g_assert_no_error (error);
}

static void
test_retention (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  gint64 other, run1;
  guint pruned = 99;

  other = hc_store_add_connector (f->store, "other", "demo", NULL, f->config, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (HC_STORE_RUN_RETENTION, ==, 500);

  hc_store_set_run_retention (f->store, 3);
  run1 = sync_employees (f, first);
  changes = hc_store_list_run_changes (f->store, run1, &error);
  g_assert_cmpuint (changes->len, >, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);
  for (int i = 1; i <= 5; i++)
    record_failed (f, f->cid, g_get_real_time () + i * G_USEC_PER_SEC);
  record_failed (f, other, 1);
  record_failed (f, other, 2);

  runs = hc_store_list_runs (f->store, f->cid, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 3);
  for (guint i = 0; i < runs->len; i++)
    {
      HcSyncRun *run = g_ptr_array_index (runs, i);

      g_assert_cmpint (run->result, ==, HC_SYNC_RESULT_FAILED);
      g_assert_cmpstr (run->error_message, ==, "The HR system answered 503");
    }
  /* the newest kept, the first sync's changes gone with it */
  g_assert_null (hc_store_get_run (f->store, run1, NULL));
  changes = hc_store_list_run_changes (f->store, run1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = hc_store_list_runs (f->store, other, 0, &error);
  g_assert_cmpuint (runs->len, ==, 2);

  g_assert_true (hc_store_prune_runs (f->store, other, 1, &pruned, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pruned, ==, 1);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = hc_store_list_runs (f->store, other, 0, &error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (((HcSyncRun *) g_ptr_array_index (runs, 0))->started_at, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/undo/run-changes", test_run_changes);
  ADD ("/undo/update", test_undo_update);
  ADD ("/undo/first-sync", test_undo_first_sync);
  ADD ("/undo/nothing-changes", test_undo_nothing_changes);
  ADD ("/undo/retention", test_retention);
#undef ADD

  return g_test_run ();
}
