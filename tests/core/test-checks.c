/* test-checks.c — the scenario checks: pure cases, then a real store and
 * sync against a fake Personio whose data changes between two syncs
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gstdio.h>

#include "hc-checks.h"
#include "hc-connector-info.h"
#include "hc-fake-personio.h"
#include "hc-mapping.h"
#include "hc-store.h"
#include "hc-sync.h"
#include "hc-test-fixtures.h"

#define WAIT_SECONDS 30

/* Pure */

static HcCheckResult *
result_of (GPtrArray  *results,
           HcCheckKind kind)
{
  g_assert_cmpuint (results->len, ==, HC_CHECK_N_KINDS);
  return g_ptr_array_index (results, kind);
}

static HcCheckFailure *
failure_of (GPtrArray  *results,
            HcCheckKind kind,
            guint       index)
{
  HcCheckResult *result = result_of (results, kind);

  g_assert_cmpuint (index, <, result->failures->len);
  return g_ptr_array_index (result->failures, index);
}

static GHashTable *
last_run_new (const char * const *pairs)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    g_hash_table_insert (table, g_strdup (pairs[i]), g_strdup (pairs[i + 1]));
  return table;
}

static void
test_pure_all_pass (void)
{
  const char *employees_spec[] = {
    "E1|Ada|Lovelace|ada@example.com|active",
    "E2|Alan|Turing|alan@example.com|active",
    "E3|Old|Timer|old@example.com|inactive",
    NULL
  };
  const char *members_spec[] = {
    "1|E1|ada@example.com|Ada|Lovelace|active|managed|7",
    "2|E2|alan@example.com|Alan|Turing|invited|managed|7",
    "3|E3|old@example.com|Old|Timer|active|previously_managed|7",
    "4||manual@example.com|Man|Ual|active|manual|0",
    NULL
  };
  const char *run[] = { "E2", "invite", "E3", "unmanage", NULL };
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) employees = hc_test_employees (employees_spec);
  g_autoptr (GPtrArray) members = hc_test_members (members_spec);
  g_autoptr (GHashTable) last_run = last_run_new (run);
  g_autoptr (GPtrArray) results = NULL;

  results = hc_checks_evaluate (config, 7, employees, members, last_run, NULL);
  for (guint k = 0; k < HC_CHECK_N_KINDS; k++)
    g_assert_cmpuint (result_of (results, k)->failures->len, ==, 0);
  g_assert_true (hc_checks_all_passed (results));
  g_assert_cmpuint (result_of (results, HC_CHECK_VISIBLE)->n_checked, ==, 2);
  g_assert_cmpuint (result_of (results, HC_CHECK_CREATED)->n_checked, ==, 1);
  g_assert_cmpuint (result_of (results, HC_CHECK_REMOVED)->n_checked, ==, 1);
}

static void
test_pure_failures (void)
{
  const char *employees_spec[] = {
    "E1|Ada|Lovelace|ada@example.com|active",
    "E2|Alan|Turing|alan@example.com|active",    /* added in HR, never synced */
    "E3|Old|Timer|old@example.com|inactive",     /* still managed */
    NULL
  };
  const char *members_spec[] = {
    "1|E1|ada@example.com|Ada|Byron|active|managed|7",
    "3|E3|old@example.com|Old|Timer|active|managed|7",
    NULL
  };
  const char *run[] = { "E1", "update", NULL };
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) employees = hc_test_employees (employees_spec);
  g_autoptr (GPtrArray) members = hc_test_members (members_spec);
  g_autoptr (GHashTable) last_run = last_run_new (run);
  g_autoptr (GPtrArray) results = NULL;
  HcCheckFailure *failure;

  results = hc_checks_evaluate (config, 7, employees, members, last_run, NULL);
  g_assert_false (hc_checks_all_passed (results));

  failure = failure_of (results, HC_CHECK_VISIBLE, 0);
  g_assert_cmpstr (failure->employee_id, ==, "E2");
  g_assert_cmpint (failure->member_id, ==, 0);
  g_assert_cmpstr (failure->display_name, ==, "Alan Turing");
  g_assert_cmpuint (result_of (results, HC_CHECK_VISIBLE)->failures->len, ==, 1);

  failure = failure_of (results, HC_CHECK_FIELDS, 0);
  g_assert_cmpint (failure->member_id, ==, 1);
  g_assert_nonnull (strstr (failure->message, "Lovelace"));
  g_assert_nonnull (strstr (failure->message, "Byron"));

  failure = failure_of (results, HC_CHECK_UPDATED, 0);
  g_assert_cmpint (failure->member_id, ==, 1);
  g_assert_cmpuint (result_of (results, HC_CHECK_UPDATED)->failures->len, ==, 1);

  failure = failure_of (results, HC_CHECK_CREATED, 0);
  g_assert_cmpstr (failure->employee_id, ==, "E2");

  failure = failure_of (results, HC_CHECK_REMOVED, 0);
  g_assert_cmpint (failure->member_id, ==, 3);
  g_assert_nonnull (strstr (failure->message, "still managed"));

  /* Archiving on: the same member must be archived, not only unmanaged. */
  {
    g_autoptr (GPtrArray) again = NULL;
    HcMember *old = g_ptr_array_index (members, 1);

    config->archive_inactive = TRUE;
    hc_member_set_hr_status (old, HC_HR_STATUS_PREVIOUSLY_MANAGED);
    again = hc_checks_evaluate (config, 7, employees, members, last_run, NULL);
    failure = failure_of (again, HC_CHECK_REMOVED, 0);
    g_assert_cmpint (failure->member_id, ==, 3);
    g_assert_nonnull (strstr (failure->message, "not archived"));

    hc_member_set_state (old, HC_MEMBER_STATE_ARCHIVED);
    g_clear_pointer (&again, g_ptr_array_unref);
    again = hc_checks_evaluate (config, 7, employees, members, last_run, NULL);
    g_assert_cmpuint (result_of (again, HC_CHECK_REMOVED)->failures->len, ==, 0);
  }
}

static void
test_pure_no_sync (void)
{
  const char *employees_spec[] = { "E1|Ada|Lovelace|ada@example.com|active", NULL };
  const char *members_spec[] = { NULL };
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GPtrArray) employees = hc_test_employees (employees_spec);
  g_autoptr (GPtrArray) members = hc_test_members (members_spec);
  g_autoptr (GPtrArray) results = hc_checks_evaluate (config, 7, employees, members, NULL, NULL);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *checks;

  g_assert_false (hc_checks_all_passed (results));
  g_assert_null (failure_of (results, HC_CHECK_REMOVED, 0)->display_name);
  g_assert_nonnull (strstr (failure_of (results, HC_CHECK_REMOVED, 0)->message, "No sync"));

  hc_checks_to_json (results, builder);
  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  g_assert_false (json_object_get_boolean_member (object, "passed"));
  checks = json_object_get_array_member (object, "checks");
  g_assert_cmpuint (json_array_get_length (checks), ==, HC_CHECK_N_KINDS);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (checks, 0), "check"), ==, "visible");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (
                       json_object_get_array_member (json_array_get_object_element (checks, 0), "failures"), 0),
                     "employee_id"), ==, "E1");
}

/* Scenario: store + sync + fake Personio */

static GSource *start_timeout (gboolean *timed_out);

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

  f->dir = g_dir_make_tmp ("hc-test-checks-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "default.db", NULL);
  f->store = hc_store_new (path, &error);
  g_assert_no_error (error);
  f->people = hc_fake_people_new (24);
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

  gpointer store = f->store;
  gboolean timed_out = FALSE;
  g_autoptr (GSource) timeout = NULL;

  /* A sync's worker thread may drop its reference just after the
   * callback: wait for it, then the store must be gone. */
  g_object_add_weak_pointer (store, &store);
  g_object_unref (f->store);
  timeout = start_timeout (&timed_out);
  while (store != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (store);
  g_source_destroy (timeout);
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
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A timeout on the default context that sets *@timed_out. */
static GSource *
start_timeout (gboolean *timed_out)
{
  GSource *source = g_timeout_source_new_seconds (WAIT_SECONDS);

  g_source_set_callback (source, timed_out_cb, timed_out, NULL);
  g_source_attach (source, NULL);
  return source;
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  g_autoptr (GSource) timeout = start_timeout (&timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*slot);
  g_source_destroy (timeout);
  return *slot;
}

/* Fetches and plans; with @apply, applies (confirmed). Returns the sync,
 * whose employees are the fetch. */
static HcSync *
run_sync (Fixture *f,
          gboolean apply)
{
  g_autoptr (HcSync) sync = hc_sync_new (f->store, f->id, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (GAsyncResult) prepared = NULL;
  g_autoptr (GAsyncResult) applied = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GError) error = NULL;

  hc_sync_set_secret (sync, HC_FAKE_PERSONIO_SECRET);
  hc_sync_prepare_async (sync, NULL, store_result_cb, &prepared);
  plan = hc_sync_prepare_finish (sync, wait_for (&prepared), &error);
  g_assert_no_error (error);
  if (apply)
    {
      hc_sync_apply_async (sync, TRUE, NULL, store_result_cb, &applied);
      run = hc_sync_apply_finish (sync, wait_for (&applied), &error);
      g_assert_no_error (error);
      g_assert_cmpint (run->result, ==, HC_SYNC_RESULT_SUCCESS);
    }
  return g_steal_pointer (&sync);
}

/* What `headcount-cli check` does: fetch now, compare. */
static GPtrArray *
run_checks_with (Fixture   *f,
                 GPtrArray *members)
{
  g_autoptr (HcSync) sync = run_sync (f, FALSE);
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GHashTable) last_run = NULL;
  g_autoptr (GError) error = NULL;

  runs = hc_store_list_runs (f->store, f->id, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < runs->len && last_run == NULL; i++)
    {
      HcSyncRun *run = g_ptr_array_index (runs, i);

      if (run->result == HC_SYNC_RESULT_SUCCESS)
        {
          last_run = hc_store_list_run_employees (f->store, run->id, &error);
          g_assert_no_error (error);
        }
    }
  return hc_checks_evaluate (hc_sync_get_connector_info (sync)->config, f->id,
                             hc_sync_get_employees (sync), members, last_run, NULL);
}

static GPtrArray *
run_checks (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) members = hc_store_list_members (f->store, &error);

  g_assert_no_error (error);
  return run_checks_with (f, members);
}

static void
assert_all_pass (GPtrArray *results)
{
  for (guint k = 0; k < results->len; k++)
    {
      HcCheckResult *result = g_ptr_array_index (results, k);

      if (result->failures->len > 0)
        g_error ("check %s fails: %s", hc_check_kind_to_string (k),
                 ((HcCheckFailure *) g_ptr_array_index (result->failures, 0))->message);
    }
  g_assert_true (hc_checks_all_passed (results));
}

/* An active person in scope who manages nobody, other than @not. */
static HcFakePerson *
pick_person (GPtrArray    *people,
             HcFakePerson *not)
{
  for (guint i = 1; i < people->len; i++)
    {
      HcFakePerson *p = g_ptr_array_index (people, i);
      gboolean manages = FALSE;

      if (p == not || g_strcmp0 (p->status, "active") != 0 || p->skip_sync || p->email == NULL)
        continue;
      for (guint j = 0; j < people->len; j++)
        manages |= g_strcmp0 (((HcFakePerson *) g_ptr_array_index (people, j))->manager_id, p->id) == 0;
      if (!manages)
        return p;
    }
  g_assert_not_reached ();
}

static HcMember *
find_member (GPtrArray  *members,
             const char *external_id)
{
  for (guint i = 0; i < members->len; i++)
    if (g_strcmp0 (hc_member_get_external_id (g_ptr_array_index (members, i)), external_id) == 0)
      return g_ptr_array_index (members, i);
  return NULL;
}

static gboolean
names_employee (HcCheckResult *result,
                const char    *employee_id)
{
  for (guint i = 0; i < result->failures->len; i++)
    if (g_strcmp0 (((HcCheckFailure *) g_ptr_array_index (result->failures, i))->employee_id, employee_id) == 0)
      return TRUE;
  return FALSE;
}

static void
edit_hr (Fixture *f,
         char   **edited_id,
         char   **removed_id,
         char   **inactive_id)
{
  HcFakePerson *edited = pick_person (f->people, NULL);
  HcFakePerson *removed = pick_person (f->people, edited);
  HcFakePerson *inactive;
  HcFakePerson *added = hc_fake_person_new ("9001", "Grace", "Hopper", "grace.hopper@example.com");

  *edited_id = g_strdup (edited->id);
  *removed_id = g_strdup (removed->id);
  g_free (edited->position);
  edited->position = g_strdup ("Chief Scenario Officer");
  g_ptr_array_remove (f->people, removed);
  inactive = pick_person (f->people, edited);
  *inactive_id = g_strdup (inactive->id);
  g_free (inactive->status);
  inactive->status = g_strdup ("inactive");
  g_free (inactive->end_date);
  inactive->end_date = g_strdup ("2020-01-31");
  /* hc_fake_person_new() makes an active person. */
  added->manager_id = g_strdup (((HcFakePerson *) g_ptr_array_index (f->people, 0))->id);
  added->position = g_strdup ("Tester");
  g_ptr_array_add (f->people, added);
  hc_fake_personio_set_people (f->fake, f->people);
}

static void
test_scenario (Fixture      *f,
               gconstpointer data)
{
  gboolean archive = GPOINTER_TO_INT (data);
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (HcSync) first = NULL;
  g_autoptr (HcSync) second = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *inactive = NULL;
  HcMember *member;

  info = hc_store_get_connector (f->store, f->id, &error);
  g_assert_no_error (error);
  g_assert_true (info->test_instance);
  info->config->archive_inactive = archive;
  hc_store_set_connector_config (f->store, f->id, info->config, &error);
  g_assert_no_error (error);

  /* Before any sync: checks 3–5 say to sync first. */
  results = run_checks (f);
  g_assert_false (hc_checks_all_passed (results));
  g_clear_pointer (&results, g_ptr_array_unref);

  first = run_sync (f, TRUE);
  results = run_checks (f);
  assert_all_pass (results);
  g_assert_cmpuint (result_of (results, HC_CHECK_VISIBLE)->n_checked, >, 10);
  g_assert_cmpuint (result_of (results, HC_CHECK_CREATED)->n_checked, >, 10);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Edit, add, remove and deactivate in HR; the checks see it before the sync… */
  edit_hr (f, &edited, &removed, &inactive);
  results = run_checks (f);
  g_assert_true (names_employee (result_of (results, HC_CHECK_FIELDS), edited));
  g_assert_true (names_employee (result_of (results, HC_CHECK_UPDATED), edited));
  g_assert_true (names_employee (result_of (results, HC_CHECK_VISIBLE), "9001"));
  g_assert_true (names_employee (result_of (results, HC_CHECK_CREATED), "9001"));
  g_assert_true (names_employee (result_of (results, HC_CHECK_REMOVED), removed));
  g_assert_true (names_employee (result_of (results, HC_CHECK_REMOVED), inactive));
  g_clear_pointer (&results, g_ptr_array_unref);

  /* …and five green after it. */
  second = run_sync (f, TRUE);
  results = run_checks (f);
  assert_all_pass (results);
  g_assert_cmpuint (result_of (results, HC_CHECK_UPDATED)->n_checked, >=, 1);
  g_assert_cmpuint (result_of (results, HC_CHECK_CREATED)->n_checked, ==, 1);
  g_assert_cmpuint (result_of (results, HC_CHECK_REMOVED)->n_checked, ==, 2);
  g_clear_pointer (&results, g_ptr_array_unref);

  members = hc_store_list_members (f->store, &error);
  g_assert_no_error (error);
  member = find_member (members, removed);
  g_assert_nonnull (member);
  if (archive)
    g_assert_cmpint (hc_member_get_state (member), ==, HC_MEMBER_STATE_ARCHIVED);
  else
    g_assert_cmpint (hc_member_get_hr_status (member), ==, HC_HR_STATUS_PREVIOUSLY_MANAGED);

  /* A test instance never records an invitation as sent. */
  g_assert_false (hc_store_connector_has_sent_invitations (f->store, f->id));

  /* A member edited behind Headcount's back fails checks 2 and 3, named. */
  member = find_member (members, edited);
  hc_member_set_field (member, HC_MEMBER_FIELD_TITLE, "Edited by hand");
  results = run_checks_with (f, members);
  g_assert_cmpuint (result_of (results, HC_CHECK_FIELDS)->failures->len, ==, 1);
  g_assert_cmpint (failure_of (results, HC_CHECK_FIELDS, 0)->member_id, ==, hc_member_get_id (member));
  g_assert_nonnull (strstr (failure_of (results, HC_CHECK_FIELDS, 0)->message, "Edited by hand"));
  g_assert_nonnull (strstr (failure_of (results, HC_CHECK_FIELDS, 0)->message, "Chief Scenario Officer"));
  g_assert_true (names_employee (result_of (results, HC_CHECK_UPDATED), edited));
  g_assert_cmpuint (result_of (results, HC_CHECK_VISIBLE)->failures->len, ==, 0);
  g_assert_cmpuint (result_of (results, HC_CHECK_CREATED)->failures->len, ==, 0);
  g_assert_cmpuint (result_of (results, HC_CHECK_REMOVED)->failures->len, ==, 0);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* A mapping changed after the sync: every member whose title differs
   * from the new source fails check 2, by name. */
  {
    g_autoptr (HcConfig) remapped = hc_config_copy (info->config);
    g_autoptr (GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr (GPtrArray) fresh = hc_store_list_members (f->store, &error);
    g_autoptr (HcSync) fetch = run_sync (f, FALSE);

    g_assert_no_error (error);
    hc_config_set_mapping (remapped, HC_MEMBER_FIELD_TITLE, HC_FIELD_DEPARTMENT);
    results = hc_checks_evaluate (remapped, f->id, hc_sync_get_employees (fetch), fresh, none, NULL);
    g_assert_cmpuint (result_of (results, HC_CHECK_FIELDS)->failures->len, >, 0);
    g_assert_true (names_employee (result_of (results, HC_CHECK_FIELDS), edited));
    g_assert_nonnull (strstr (((HcCheckFailure *) g_ptr_array_index (result_of (results, HC_CHECK_FIELDS)->failures, 0))->message,
                              "in HR"));
    g_assert_cmpuint (result_of (results, HC_CHECK_VISIBLE)->failures->len, ==, 0);
    g_clear_pointer (&results, g_ptr_array_unref);
  }

  /* The archive setting turned the other way after the sync: check 5
   * fails for the members the sync handled the old way. */
  if (!archive)
    {
      info->config->archive_inactive = TRUE;
      hc_store_set_connector_config (f->store, f->id, info->config, &error);
      g_assert_no_error (error);
      results = run_checks (f);
      g_assert_cmpuint (result_of (results, HC_CHECK_REMOVED)->failures->len, ==, 2);
      g_assert_true (names_employee (result_of (results, HC_CHECK_REMOVED), removed));
    }
}

/* Check 1 and the plan agree on who is in scope, whatever put an
 * employee out: the pre-start limit, the exclusion checkbox, the filter. */
typedef struct
{
  const char *id;
  const char *status;
  int         starts_in_days;   /* hire date from today; 0 for none */
  gboolean    skip_sync;
  const char *office;
  gboolean    in_scope;
} ScopeCase;

static const ScopeCase scope_cases[] = {
  { "9101", "active", 0, FALSE, "Paris", TRUE },
  { "9102", "onboarding", 30, FALSE, "Paris", FALSE },   /* held back by the pre-start limit */
  { "9103", "onboarding", 3, FALSE, "Lyon", TRUE },      /* within the limit */
  { "9104", "active", 0, TRUE, "Paris", FALSE },         /* exclusion checkbox */
  { "9105", "active", 0, FALSE, "Madrid", FALSE },       /* filtered out */
};

static void
test_scope_agrees (Fixture      *f,
                   gconstpointer data)
{
  const char *offices[] = { "Paris", "Lyon", "London", "Berlin", NULL };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcSync) first = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GError) error = NULL;
  HcFakePerson *ceo = g_ptr_array_index (f->people, 0);

  for (guint i = 0; i < G_N_ELEMENTS (scope_cases); i++)
    {
      const ScopeCase *c = &scope_cases[i];
      g_autofree char *email = g_strdup_printf ("case.%s@example.com", c->id);
      HcFakePerson *p = hc_fake_person_new (c->id, "Case", c->id, email);

      g_free (p->status);
      p->status = g_strdup (c->status);
      p->office = g_strdup (c->office);
      p->manager_id = g_strdup (ceo->id);
      p->skip_sync = c->skip_sync;
      if (c->starts_in_days != 0)
        {
          g_autoptr (GDateTime) start = g_date_time_add_days (now, c->starts_in_days);

          p->hire_date = g_date_time_format (start, "%Y-%m-%d");
        }
      g_ptr_array_add (f->people, p);
    }
  hc_fake_personio_set_people (f->fake, f->people);

  info = hc_store_get_connector (f->store, f->id, &error);
  g_assert_no_error (error);
  info->config->pre_start_days = 7;
  info->config->scope_mode = HC_SCOPE_MODE_CUSTOM;
  hc_config_add_rule (info->config, HC_FIELD_OFFICE, offices);
  hc_store_set_connector_config (f->store, f->id, info->config, &error);
  g_assert_no_error (error);

  /* After a sync, check 1 passes: no one the plan leaves out is missing. */
  first = run_sync (f, TRUE);
  results = run_checks (f);
  assert_all_pass (results);
  g_clear_pointer (&results, g_ptr_array_unref);

  members = hc_store_list_members (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (scope_cases); i++)
    {
      const ScopeCase *c = &scope_cases[i];
      HcMember *member = find_member (members, c->id);
      g_autoptr (GPtrArray) without = g_ptr_array_new_with_free_func (g_object_unref);

      g_test_message ("case %s", c->id);
      g_assert_true ((member != NULL) == c->in_scope);
      if (!c->in_scope)
        continue;

      /* A member really missing fails check 1, by name. */
      for (guint j = 0; j < members->len; j++)
        if (g_ptr_array_index (members, j) != member)
          g_ptr_array_add (without, g_object_ref (g_ptr_array_index (members, j)));
      g_assert_cmpuint (without->len, ==, members->len - 1);
      results = run_checks_with (f, without);
      g_assert_false (hc_checks_all_passed (results));
      g_assert_cmpuint (result_of (results, HC_CHECK_VISIBLE)->failures->len, ==, 1);
      g_assert_true (names_employee (result_of (results, HC_CHECK_VISIBLE), c->id));
      g_clear_pointer (&results, g_ptr_array_unref);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checks/pure/all-pass", test_pure_all_pass);
  g_test_add_func ("/checks/pure/failures", test_pure_failures);
  g_test_add_func ("/checks/pure/no-sync", test_pure_no_sync);
  g_test_add ("/checks/scenario/unmanage", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_scenario, fixture_tear_down);
  g_test_add ("/checks/scenario/archive", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_scenario, fixture_tear_down);
  g_test_add ("/checks/scenario/scope-agrees", Fixture, NULL,
              fixture_set_up, test_scope_agrees, fixture_tear_down);

  return g_test_run ();
}
