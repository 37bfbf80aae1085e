/* test-sync-memory.c — a sync gives its memory back when it ends
 * (rules.md 44): against a fake Personio whose data changes between syncs,
 * the last reference to a finished sync frees it at once, on the thread
 * that drops it, and SQLite's memory is back where it was
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "hc-connector-info.h"
#include "hc-fake-personio.h"
#include "hc-store.h"
#include "hc-sync.h"
#include "hc-test-fixtures.h"

#define WAIT_SECONDS 30
#define N_PEOPLE     300
#define N_SYNCS      25

typedef struct
{
  char           *dir;
  HcStore        *store;
  HcFakePersonio *fake;
  GPtrArray      *people;
  gint64          id;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *settings = NULL;

  f->dir = g_dir_make_tmp ("hc-test-sync-memory-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "default.db", NULL);
  f->store = hc_store_new (path, &error);
  g_assert_no_error (error);
  f->people = hc_fake_people_new (N_PEOPLE);
  f->fake = hc_fake_personio_new (f->people);
  settings = hc_connector_info_build_settings (hc_fake_personio_get_base_url (f->fake), NULL,
                                               HC_FAKE_PERSONIO_CLIENT_ID, NULL);
  f->id = hc_store_add_connector (f->store, "Personio (test)", "personio", settings, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->id, >, 0);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *path = g_strdup (hc_store_get_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
  hc_fake_personio_free (f->fake);
  g_ptr_array_unref (f->people);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  g_autoptr (GSource) timeout = g_timeout_source_new_seconds (WAIT_SECONDS);

  g_source_set_callback (timeout, timed_out_cb, &timed_out, NULL);
  g_source_attach (timeout, NULL);
  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*slot);
  g_source_destroy (timeout);
  return *slot;
}

/* One sync, fetched, planned and applied; its last reference dropped
 * here. Returns whether it was freed then. */
static gboolean
sync_and_drop (Fixture *f)
{
  HcSync *sync = hc_sync_new (f->store, f->id, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (GAsyncResult) prepared = NULL;
  g_autoptr (GAsyncResult) applied = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GError) error = NULL;
  gpointer alive = sync;

  hc_sync_set_secret (sync, HC_FAKE_PERSONIO_SECRET);
  hc_sync_prepare_async (sync, NULL, store_result_cb, &prepared);
  plan = hc_sync_prepare_finish (sync, wait_for (&prepared), &error);
  g_assert_no_error (error);
  hc_sync_apply_async (sync, TRUE, NULL, store_result_cb, &applied);
  run = hc_sync_apply_finish (sync, wait_for (&applied), &error);
  g_assert_no_error (error);
  g_assert_cmpint (run->result, ==, HC_SYNC_RESULT_SUCCESS);

  g_clear_object (&prepared);
  g_clear_object (&applied);
  g_clear_object (&plan);
  g_object_add_weak_pointer (G_OBJECT (sync), &alive);
  g_object_unref (sync);
  if (alive == NULL)
    return TRUE;

  /* Freed later by one of its threads: wait, so that the next sync
   * starts clean. */
  {
    gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

    while (alive != NULL && g_get_monotonic_time () < end)
      g_usleep (1000);
    g_assert_null (alive);
  }
  return FALSE;
}

/* A new title for someone: the next sync has an update to apply. */
static void
change_people (Fixture *f,
               guint    round)
{
  HcFakePerson *person = g_ptr_array_index (f->people, 1 + round % (f->people->len - 1));

  g_free (person->position);
  person->position = g_strdup_printf ("Position %u", round);
  hc_fake_personio_set_people (f->fake, f->people);
}

static void
test_released (Fixture      *f,
               gconstpointer data)
{
  sqlite3_int64 baseline = 0;
  guint late = 0;

  /* The first two prepare every statement a sync uses (a first sync
   * invites, the next updates): SQLite's memory after them is what the
   * workspace needs between syncs. */
  for (guint round = 0; round < N_SYNCS; round++)
    {
      sqlite3_int64 used;

      if (!sync_and_drop (f))
        late++;
      used = sqlite3_memory_used ();
      g_test_message ("sync %u: SQLite holds %" G_GINT64_FORMAT " bytes", round + 1, (gint64) used);
      if (round == 1)
        baseline = used;
      else if (round > 1)
        g_assert_cmpint (used, <=, baseline + baseline / 20);
      change_people (f, round);
    }
  /* Freed by a thread after it: its memory was given back late, or not. */
  g_assert_cmpuint (late, ==, 0);
}

/* Applying needs what the plan's items hold only: the fetched employees
 * are let go when the apply starts, by the sync and by its plan, and
 * freed in the apply's thread before its writes (peak memory; the main
 * thread's frames). */
static void
test_employees_let_go (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (HcSync) sync = hc_sync_new (f->store, f->id, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (GAsyncResult) prepared = NULL;
  g_autoptr (GAsyncResult) applied = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *employees;
  HcEmployee *employee;
  gpointer alive;

  hc_sync_set_secret (sync, HC_FAKE_PERSONIO_SECRET);
  hc_sync_prepare_async (sync, NULL, store_result_cb, &prepared);
  plan = hc_sync_prepare_finish (sync, wait_for (&prepared), &error);
  g_assert_no_error (error);
  employees = hc_sync_get_employees (sync);
  g_assert_nonnull (employees);
  g_assert_cmpuint (employees->len, ==, N_PEOPLE);
  employee = g_ptr_array_index (employees, 0);
  /* planned from: in scope, and the plan says so until it is applied */
  g_assert_true (HC_SCOPE_RESULT_IS_IN (hc_plan_get_scope (plan, hc_employee_get_id (employee))));
  alive = employee;
  g_object_add_weak_pointer (G_OBJECT (employee), &alive);

  hc_sync_apply_async (sync, TRUE, NULL, store_result_cb, &applied);
  g_assert_null (hc_sync_get_employees (sync));
  run = hc_sync_apply_finish (sync, wait_for (&applied), &error);
  g_assert_no_error (error);
  /* freed by the apply's thread, the plan still alive here */
  g_assert_null (alive);
  g_assert_cmpint (run->result, ==, HC_SYNC_RESULT_SUCCESS);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==,
                    hc_plan_count (plan, HC_PLAN_INVITE) + hc_plan_count (plan, HC_PLAN_CREATE_NO_ACCESS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-memory/released-when-it-ends", Fixture, NULL,
              fixture_set_up, test_released, fixture_tear_down);

  g_test_add ("/sync-memory/employees-let-go-before-apply", Fixture, NULL,
              fixture_set_up, test_employees_let_go, fixture_tear_down);

  return g_test_run ();
}
