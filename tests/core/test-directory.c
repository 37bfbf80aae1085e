/* test-directory.c — the directory by hand: add, edit, archive, restore, locked fields, invitations
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "hc-directory.h"
#include "hc-error.h"
#include "hc-plan.h"
#include "hc-store.h"
#include "hc-test-fixtures.h"
#include "hc-undo.h"

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

  f->dir = g_dir_make_tmp ("hc-directory-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = hc_store_new (f->path, &error);
  g_assert_no_error (error);
  f->config = hc_config_new_default ();
  /* The team is the admin's: HR does not feed it. */
  hc_config_set_mapping_full (f->config, HC_MEMBER_FIELD_TEAM, NULL, 0, FALSE);
  f->cid = hc_store_add_connector (f->store, "Personio", "demo", NULL, f->config, FALSE, &error);
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

static gint64
sync_employees (Fixture            *f,
                gint64              cid,
                const char * const *specs)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (GPtrArray) members = hc_store_list_members (f->store, &error);
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = hc_sync_run_new (cid, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (HcConnectorInfo) info = hc_store_get_connector (f->store, cid, &error);

  g_assert_no_error (error);
  plan = hc_plan_compute (info->config, cid, employees, members,
                          !hc_store_connector_has_synced (f->store, cid));
  g_assert_true (hc_store_apply_plan (f->store, plan, run, &error));
  g_assert_no_error (error);
  return run->id;
}

static HcMember *
get_member (Fixture *f,
            gint64   id)
{
  g_autoptr (GError) error = NULL;
  HcMember *member = hc_store_get_member (f->store, id, &error);

  g_assert_no_error (error);
  return member;
}

static gint64
member_id_of (Fixture    *f,
              const char *email)
{
  g_autoptr (HcMember) member = hc_store_find_member_by_email (f->store, email, NULL);

  g_assert_nonnull (member);
  return hc_member_get_id (member);
}

static GArray *
ids_of (gint64 id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, id);
  return ids;
}

static GPtrArray *
invitations_of (Fixture *f,
                gint64   id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *list = hc_store_list_member_invitations (f->store, id, &error);

  g_assert_no_error (error);
  return list;
}

static guint
count_invitations (Fixture *f,
                   gint64   id)
{
  g_autoptr (GPtrArray) list = invitations_of (f, id);

  return list->len;
}

/* Add: who can be added, and in which state. */
typedef struct
{
  const char   *first, *last, *email, *custom;
  const char   *stored_email;
  int           error_code;       /* -1: added */
  HcMemberState state;
  gboolean      has_access;
} AddCase;

static const AddCase add_cases[] = {
  { "Ana", "Lefèvre", "ana@x.test", NULL, "ana@x.test", -1, HC_MEMBER_STATE_INVITED, TRUE },
  { "Paul", NULL, NULL, NULL, NULL, -1, HC_MEMBER_STATE_ACTIVE, FALSE },
  { NULL, "Sans", "  sans@x.test  ", "badge=42", "sans@x.test", -1, HC_MEMBER_STATE_INVITED, TRUE },
  { "Blank", NULL, "   ", NULL, NULL, -1, HC_MEMBER_STATE_ACTIVE, FALSE },
  { NULL, NULL, "noname@x.test", NULL, NULL, HC_ERROR_INVALID_ARGUMENT, 0, FALSE },
  { "Bad", "Mail", "not an address", NULL, NULL, HC_ERROR_INVALID_ARGUMENT, 0, FALSE },
  { "Bad", "Mail", "a@b", NULL, NULL, HC_ERROR_INVALID_ARGUMENT, 0, FALSE },
  { "Twin", "Zoé", "ZOE@X.test", NULL, NULL, HC_ERROR_EXISTS, 0, FALSE },
  { "Twin", "Ana", " Ana@x.TEST", NULL, NULL, HC_ERROR_EXISTS, 0, FALSE },
  { "Odd", "Custom", NULL, "bad name=1", NULL, HC_ERROR_INVALID_ARGUMENT, 0, FALSE },
};

static void
test_add (Fixture      *f,
          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) existing = hc_member_new ();
  gint64 run_id = 0;

  hc_member_set_field (existing, HC_MEMBER_FIELD_FIRST_NAME, "Zoé");
  hc_member_set_field (existing, HC_MEMBER_FIELD_EMAIL, "zoe@x.test");
  g_assert_true (hc_directory_add_member (f->store, existing, &run_id, &error));
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (add_cases); i++)
    {
      const AddCase *c = &add_cases[i];
      g_autoptr (HcMember) member = hc_member_new ();
      g_autoptr (GError) local_error = NULL;
      guint before = hc_store_count_members (f->store, -1);
      guint runs_before = 0;
      g_autoptr (GPtrArray) runs = hc_store_list_runs (f->store, 0, 0, NULL);
      gboolean ok;

      g_test_message ("add case %" G_GSIZE_FORMAT, i);
      runs_before = runs->len;
      hc_member_set_field (member, HC_MEMBER_FIELD_FIRST_NAME, c->first);
      hc_member_set_field (member, HC_MEMBER_FIELD_LAST_NAME, c->last);
      hc_member_set_field (member, HC_MEMBER_FIELD_EMAIL, c->email);
      if (c->custom != NULL)
        {
          g_auto (GStrv) kv = g_strsplit (c->custom, "=", 2);
          g_autofree char *field = g_strconcat ("custom.", kv[0], NULL);

          hc_member_set_field (member, field, kv[1]);
        }
      ok = hc_directory_add_member (f->store, member, &run_id, &local_error);
      g_clear_pointer (&runs, g_ptr_array_unref);
      runs = hc_store_list_runs (f->store, 0, 0, NULL);
      if (c->error_code >= 0)
        {
          g_assert_false (ok);
          g_assert_error (local_error, HC_ERROR, c->error_code);
          g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, before);
          g_assert_cmpuint (runs->len, ==, runs_before);
          if (c->error_code == HC_ERROR_EXISTS)
            g_assert_nonnull (strstr (local_error->message, c->last));
          continue;
        }
      g_assert_no_error (local_error);
      g_assert_true (ok);
      {
        g_autoptr (HcMember) stored = get_member (f, hc_member_get_id (member));
        g_autoptr (GPtrArray) invitations = invitations_of (f, hc_member_get_id (member));
        HcSyncRun *run = g_ptr_array_index (runs, 0);

        g_assert_cmpint (hc_member_get_state (stored), ==, c->state);
        g_assert_cmpint (hc_member_get_has_access (stored), ==, c->has_access);
        g_assert_cmpint (hc_member_get_hr_status (stored), ==, HC_HR_STATUS_MANUAL);
        g_assert_cmpuint (invitations->len, ==, c->has_access ? 1 : 0);
        g_assert_cmpstr (hc_member_get_email (stored), ==, c->stored_email);
        if (c->custom != NULL)
          g_assert_cmpstr (hc_member_get_field (stored, "custom.badge"), ==, "42");
        /* One run by hand, in History. */
        g_assert_cmpuint (runs->len, ==, runs_before + 1);
        g_assert_cmpint (run->id, ==, run_id);
        g_assert_cmpint (run->trigger, ==, HC_SYNC_TRIGGER_EDIT);
        g_assert_cmpint (run->connector_id, ==, 0);
        g_assert_cmpuint (run->counts[c->has_access ? HC_PLAN_INVITE : HC_PLAN_CREATE_NO_ACCESS], ==, 1);
      }
    }
}

/* Edit of a manual member. */
typedef struct
{
  const char *member;             /* "zoe" (access) or "paul" (no access) */
  const char *field;
  const char *value;
  int         error_code;         /* -1: changed */
  const char *message_part;
} EditCase;

static const EditCase edit_cases[] = {
  { "zoe", HC_MEMBER_FIELD_TITLE, "Head of Sales", -1, NULL },
  { "zoe", HC_MEMBER_FIELD_OFFICE, "  Lyon ", -1, NULL },
  { "zoe", "custom.badge", "7", -1, NULL },
  { "zoe", HC_MEMBER_FIELD_EMAIL, "zoe.new@x.test", -1, NULL },
  { "zoe", HC_MEMBER_FIELD_EMAIL, "", HC_ERROR_INVALID_ARGUMENT, "signs in" },
  { "zoe", HC_MEMBER_FIELD_EMAIL, "PAUL.OTHER@x.test", HC_ERROR_EXISTS, "Other" },
  { "zoe", HC_MEMBER_FIELD_EMAIL, "zoe at x", HC_ERROR_INVALID_ARGUMENT, "zoe at x" },
  { "zoe", "manager", "Boss", HC_ERROR_INVALID_ARGUMENT, "manager" },
  { "paul", HC_MEMBER_FIELD_FIRST_NAME, "", HC_ERROR_INVALID_ARGUMENT, "first or a last name" },
  { "paul", HC_MEMBER_FIELD_TEAM, "Blue", -1, NULL },
  { "paul", HC_MEMBER_FIELD_START_DATE, "2026-09-01", -1, NULL },
  { "paul", HC_MEMBER_FIELD_START_DATE, "2026-02-30", HC_ERROR_INVALID_ARGUMENT, "YYYY-MM-DD" },
  { "paul", HC_MEMBER_FIELD_END_DATE, "1/9/2026", HC_ERROR_INVALID_ARGUMENT, "1/9/2026" },
  { "paul", HC_MEMBER_FIELD_END_DATE, "2026-12-31", -1, NULL },
  { "paul", HC_MEMBER_FIELD_END_DATE, "  ", -1, NULL },
};

static void
test_edit_manual (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) zoe = hc_member_new ();
  g_autoptr (HcMember) paul = hc_member_new ();
  g_autoptr (HcMember) other = hc_member_new ();

  hc_member_set_field (zoe, HC_MEMBER_FIELD_FIRST_NAME, "Zoé");
  hc_member_set_field (zoe, HC_MEMBER_FIELD_EMAIL, "zoe@x.test");
  hc_member_set_field (paul, HC_MEMBER_FIELD_FIRST_NAME, "Paul");
  hc_member_set_field (other, HC_MEMBER_FIELD_FIRST_NAME, "Other");
  hc_member_set_field (other, HC_MEMBER_FIELD_EMAIL, "paul.other@x.test");
  g_assert_true (hc_directory_add_member (f->store, zoe, NULL, &error));
  g_assert_true (hc_directory_add_member (f->store, paul, NULL, &error));
  g_assert_true (hc_directory_add_member (f->store, other, NULL, &error));
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (edit_cases); i++)
    {
      const EditCase *c = &edit_cases[i];
      gint64 id = hc_member_get_id (g_str_equal (c->member, "zoe") ? zoe : paul);
      g_autoptr (GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (HcMember) before = get_member (f, id);
      g_autoptr (HcMember) after = NULL;
      gint64 run_id = 0;
      gboolean ok;

      g_test_message ("edit case %" G_GSIZE_FORMAT, i);
      g_hash_table_insert (values, (gpointer) c->field, (gpointer) c->value);
      ok = hc_directory_edit_member (f->store, id, values, &run_id, &local_error);
      after = get_member (f, id);
      if (c->error_code >= 0)
        {
          g_assert_false (ok);
          g_assert_error (local_error, HC_ERROR, c->error_code);
          g_assert_nonnull (strstr (local_error->message, c->message_part));
          g_assert_cmpint (run_id, ==, 0);
          if (hc_directory_field_is_editable (c->field))
            g_assert_cmpstr (hc_member_get_field (after, c->field), ==, hc_member_get_field (before, c->field));
          continue;
        }
      g_assert_no_error (local_error);
      g_assert_true (ok);
      g_assert_cmpint (run_id, >, 0);
      {
        g_autofree char *expected = g_strstrip (g_strdup (c->value));

        /* A blank value clears the field. */
        if (*expected == '\0')
          g_clear_pointer (&expected, g_free);
        g_autoptr (GPtrArray) changes = hc_store_list_run_changes (f->store, run_id, NULL);
        HcRunChange *change = g_ptr_array_index (changes, 0);

        g_assert_cmpstr (hc_member_get_field (after, c->field), ==, expected);
        /* Recorded field by field. */
        g_assert_cmpuint (changes->len, ==, 1);
        g_assert_cmpstr (change->kind, ==, HC_RUN_CHANGE_EDIT);
        g_assert_cmpstr (change->field, ==, c->field);
        g_assert_cmpstr (change->before, ==, hc_member_get_field (before, c->field));
        g_assert_cmpstr (change->after, ==, expected);
      }
    }

  /* Nothing to change: no run. */
  {
    g_autoptr (GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
    gint64 run_id = -1;

    g_hash_table_insert (values, HC_MEMBER_FIELD_TEAM, "Blue");
    g_assert_true (hc_directory_edit_member (f->store, hc_member_get_id (paul), values, &run_id, &error));
    g_assert_no_error (error);
    g_assert_cmpint (run_id, ==, 0);
  }
}

/* An e-mail given by hand to a member without access: access, invited,
 * an invitation. */
static void
test_email_gives_access (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) paul = hc_member_new ();
  g_autoptr (GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (HcMember) after = NULL;
  g_autoptr (GPtrArray) invitations = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  gint64 run_id = 0;

  hc_member_set_field (paul, HC_MEMBER_FIELD_FIRST_NAME, "Paul");
  g_assert_true (hc_directory_add_member (f->store, paul, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_invitations (f, hc_member_get_id (paul)), ==, 0);

  g_hash_table_insert (values, HC_MEMBER_FIELD_EMAIL, "paul@x.test");
  g_assert_true (hc_directory_edit_member (f->store, hc_member_get_id (paul), values, &run_id, &error));
  g_assert_no_error (error);
  after = get_member (f, hc_member_get_id (paul));
  g_assert_true (hc_member_get_has_access (after));
  g_assert_cmpint (hc_member_get_state (after), ==, HC_MEMBER_STATE_INVITED);
  invitations = invitations_of (f, hc_member_get_id (paul));
  g_assert_cmpuint (invitations->len, ==, 1);
  g_assert_cmpstr (((HcInvitation *) g_ptr_array_index (invitations, 0))->email, ==, "paul@x.test");
  g_assert_cmpint (((HcInvitation *) g_ptr_array_index (invitations, 0))->run_id, ==, run_id);
  run = hc_store_get_run (f->store, run_id, &error);
  g_assert_cmpuint (run->counts[HC_PLAN_INVITE], ==, 1);
}

/* The same from HR: an employee who gets an e-mail in a later sync. */
static void
test_email_from_hr_gives_access (Fixture      *f,
                                 gconstpointer data)
{
  static const char * const first[] = { "E1|Ana|Nomail||active", NULL };
  static const char * const second[] = { "E1|Ana|Nomail|ana@x.test|active", NULL };
  g_autoptr (HcMember) before = NULL;
  g_autoptr (HcMember) after = NULL;
  g_autoptr (GPtrArray) invitations = NULL;
  gint64 id, run2;

  sync_employees (f, f->cid, first);
  {
    g_autoptr (GPtrArray) members = hc_store_list_members (f->store, NULL);

    g_assert_cmpuint (members->len, ==, 1);
    id = hc_member_get_id (g_ptr_array_index (members, 0));
  }
  before = get_member (f, id);
  g_assert_false (hc_member_get_has_access (before));
  g_assert_cmpint (hc_member_get_state (before), ==, HC_MEMBER_STATE_ACTIVE);

  run2 = sync_employees (f, f->cid, second);
  after = get_member (f, id);
  g_assert_true (hc_member_get_has_access (after));
  g_assert_cmpint (hc_member_get_state (after), ==, HC_MEMBER_STATE_INVITED);
  invitations = invitations_of (f, id);
  g_assert_cmpuint (invitations->len, ==, 1);
  g_assert_cmpint (((HcInvitation *) g_ptr_array_index (invitations, 0))->run_id, ==, run2);
}

/* A managed member: what HR feeds is locked, naming the HR system; the
 * rest is the admin's and survives the next syncs. */
typedef struct
{
  const char *field;
  const char *value;
  gboolean    locked;
} LockCase;

static const LockCase lock_cases[] = {
  { HC_MEMBER_FIELD_OFFICE, "Berlin", TRUE },
  { HC_MEMBER_FIELD_EMAIL, "other@x.test", TRUE },
  { HC_MEMBER_FIELD_FIRST_NAME, "Anna", TRUE },
  { HC_MEMBER_FIELD_TITLE, "Boss", TRUE },
  { HC_MEMBER_FIELD_TEAM, "Blue", FALSE },
  { "custom.badge", "B-12", FALSE },
  { "custom.desk", "4.21", FALSE },
};

static void
test_locked_fields (Fixture      *f,
                    gconstpointer data)
{
  static const char * const employees[] = { "E1|Ana|Lima|ana@x.test|active||Paris", NULL };
  static const char * const changed[] = { "E1|Ana|Lima|ana@x.test|active||Lyon", NULL };
  g_autoptr (HcConnectorInfo) connector = hc_store_get_connector (f->store, f->cid, NULL);
  g_autoptr (HcMember) member = NULL;
  gint64 id;

  sync_employees (f, f->cid, employees);
  id = member_id_of (f, "ana@x.test");
  member = get_member (f, id);
  g_assert_cmpint (hc_member_get_hr_status (member), ==, HC_HR_STATUS_MANAGED);

  for (gsize i = 0; i < G_N_ELEMENTS (lock_cases); i++)
    {
      const LockCase *c = &lock_cases[i];
      g_autoptr (GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GError) error = NULL;
      gboolean ok;

      g_test_message ("lock case %s", c->field);
      g_assert_cmpstr (hc_directory_get_field_lock (connector, member, c->field), ==,
                       c->locked ? "Personio" : NULL);
      g_hash_table_insert (values, (gpointer) c->field, (gpointer) c->value);
      ok = hc_directory_edit_member (f->store, id, values, NULL, &error);
      if (c->locked)
        {
          g_autofree char *label = NULL;

          g_assert_false (ok);
          g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
          /* The reason names the HR system. */
          g_assert_nonnull (strstr (error->message, "Personio"));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
    }
  g_assert_cmpstr (hc_directory_get_field_lock (connector, member, HC_MEMBER_FIELD_EMPLOYEE_ID), ==, "Personio");

  /* Two syncs later, one of which changes an HR field: the admin's
   * fields are as they were set. */
  sync_employees (f, f->cid, changed);
  sync_employees (f, f->cid, changed);
  g_clear_object (&member);
  member = get_member (f, id);
  g_assert_cmpstr (hc_member_get_field (member, HC_MEMBER_FIELD_OFFICE), ==, "Lyon");
  for (gsize i = 0; i < G_N_ELEMENTS (lock_cases); i++)
    if (!lock_cases[i].locked)
      g_assert_cmpstr (hc_member_get_field (member, lock_cases[i].field), ==, lock_cases[i].value);

  /* A manual member has nothing locked. */
  {
    g_autoptr (HcMember) manual = hc_member_new ();

    hc_member_set_hr_status (manual, HC_HR_STATUS_MANUAL);
    g_assert_null (hc_directory_get_field_lock (connector, manual, HC_MEMBER_FIELD_OFFICE));
  }
}

/* Archive and restore: the state they had. */
static void
test_archive_restore (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) never = hc_member_new ();      /* invited, never joined */
  g_autoptr (HcMember) joined = hc_member_new ();     /* invited, then joined */
  g_autoptr (HcMember) no_access = hc_member_new ();
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) joined_ids = NULL;
  gint64 archive_run = 0, restore_run = 0;
  gint64 id;

  hc_member_set_field (never, HC_MEMBER_FIELD_FIRST_NAME, "Never");
  hc_member_set_field (never, HC_MEMBER_FIELD_EMAIL, "never@x.test");
  hc_member_set_field (joined, HC_MEMBER_FIELD_FIRST_NAME, "Joined");
  hc_member_set_field (joined, HC_MEMBER_FIELD_EMAIL, "joined@x.test");
  hc_member_set_field (no_access, HC_MEMBER_FIELD_FIRST_NAME, "Noaccess");
  g_assert_true (hc_directory_add_member (f->store, never, NULL, &error));
  g_assert_true (hc_directory_add_member (f->store, joined, NULL, &error));
  g_assert_true (hc_directory_add_member (f->store, no_access, NULL, &error));
  joined_ids = ids_of (hc_member_get_id (joined));
  g_assert_true (hc_directory_mark_joined (f->store, joined_ids, NULL, &error));
  g_assert_no_error (error);

  id = hc_member_get_id (never);
  g_array_append_val (ids, id);
  id = hc_member_get_id (joined);
  g_array_append_val (ids, id);
  id = hc_member_get_id (no_access);
  g_array_append_val (ids, id);

  g_assert_true (hc_directory_archive_members (f->store, ids, &archive_run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hc_store_count_members (f->store, HC_MEMBER_STATE_ARCHIVED), ==, 3);
  /* Archiving twice is refused, naming the member; nothing changes. */
  g_assert_false (hc_directory_archive_members (f->store, ids, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Never"));
  g_clear_error (&error);

  g_assert_true (hc_directory_restore_members (f->store, ids, &restore_run, &error));
  g_assert_no_error (error);
  {
    g_autoptr (HcMember) a = get_member (f, hc_member_get_id (never));
    g_autoptr (HcMember) b = get_member (f, hc_member_get_id (joined));
    g_autoptr (HcMember) c = get_member (f, hc_member_get_id (no_access));
    g_autoptr (GPtrArray) invitations = invitations_of (f, hc_member_get_id (never));
    g_autoptr (HcSyncRun) run = hc_store_get_run (f->store, archive_run, NULL);
    g_autoptr (GPtrArray) changes = hc_store_list_run_changes (f->store, archive_run, NULL);

    g_assert_cmpint (hc_member_get_state (a), ==, HC_MEMBER_STATE_INVITED);
    g_assert_cmpint (hc_member_get_state (b), ==, HC_MEMBER_STATE_ACTIVE);
    g_assert_cmpint (hc_member_get_state (c), ==, HC_MEMBER_STATE_ACTIVE);
    /* Invited again, with a new invitation. */
    g_assert_cmpuint (invitations->len, ==, 2);
    g_assert_cmpint (run->trigger, ==, HC_SYNC_TRIGGER_EDIT);
    g_assert_cmpuint (run->counts[HC_PLAN_ARCHIVE], ==, 3);
    g_assert_cmpuint (changes->len, ==, 3);
    g_assert_cmpstr (((HcRunChange *) g_ptr_array_index (changes, 0))->kind, ==, HC_RUN_CHANGE_ARCHIVE);
    g_assert_cmpstr (((HcRunChange *) g_ptr_array_index (changes, 0))->before, ==, "invited");
    g_assert_cmpstr (((HcRunChange *) g_ptr_array_index (changes, 1))->before, ==, "active");
  }

  /* A run by hand is not undone as a sync is: the message says how. */
  g_assert_false (hc_undo_can_undo (f->store, archive_run, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "by hand"));
}

static GArray *
export_invitations (Fixture *f,
                    guint   *n_test,
                    char   **csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  GArray *exported = NULL;

  g_assert_true (hc_directory_export_invitations (f->store, stream, ',', HC_CSV_WRITER_NONE,
                                                  "https://app.example/join?email={email}",
                                                  &exported, n_test, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  *csv = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
  return exported;
}

/* Created, exported (sent), sent again, exported again, joined. */
static void
test_invitation_lifecycle (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) zoe = hc_member_new ();
  g_autoptr (HcMember) paul = hc_member_new ();
  g_autoptr (GArray) exported = NULL;
  g_autoptr (GArray) zoe_ids = NULL;
  g_autofree char *csv = NULL;
  HcInvitation *invitation;
  guint n_test = 99, n_marked = 0;

  hc_member_set_field (zoe, HC_MEMBER_FIELD_FIRST_NAME, "Zoé");
  hc_member_set_field (zoe, HC_MEMBER_FIELD_LAST_NAME, "Lefèvre");
  hc_member_set_field (zoe, HC_MEMBER_FIELD_EMAIL, "zoe+hr@x.test");
  hc_member_set_field (paul, HC_MEMBER_FIELD_FIRST_NAME, "Paul");
  g_assert_true (hc_directory_add_member (f->store, zoe, NULL, &error));
  g_assert_true (hc_directory_add_member (f->store, paul, NULL, &error));
  g_assert_no_error (error);
  zoe_ids = ids_of (hc_member_get_id (zoe));

  {
    g_autoptr (GPtrArray) list = invitations_of (f, hc_member_get_id (zoe));

    invitation = g_ptr_array_index (list, 0);
    g_assert_cmpint (invitation->created_at, >, 0);
    g_assert_cmpint (invitation->sent_at, ==, 0);
    g_assert_cmpuint (invitation->resend_count, ==, 0);
  }

  /* Only the invited member, with the link made for them. */
  exported = export_invitations (f, &n_test, &csv);
  g_assert_cmpuint (exported->len, ==, 1);
  g_assert_cmpuint (n_test, ==, 0);
  g_assert_cmpstr (csv, ==, "first_name,last_name,name,email,link\r\n"
                   "Zoé,Lefèvre,Zoé Lefèvre,zoe+hr@x.test,https://app.example/join?email=zoe%2Bhr%40x.test\r\n");
  g_assert_true (hc_store_mark_invitations_sent (f->store, exported, 1000, &n_marked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_marked, ==, 1);
  {
    g_autoptr (GPtrArray) list = invitations_of (f, hc_member_get_id (zoe));

    invitation = g_ptr_array_index (list, 0);
    g_assert_cmpint (invitation->sent_at, ==, 1000);
  }
  /* Sent: nothing left to export. */
  g_clear_pointer (&exported, g_array_unref);
  g_clear_pointer (&csv, g_free);
  exported = export_invitations (f, &n_test, &csv);
  g_assert_cmpuint (exported->len, ==, 0);

  /* Resend: back to the ones to send, counted. */
  g_assert_true (hc_directory_resend_invitations (f->store, zoe_ids, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) list = invitations_of (f, hc_member_get_id (zoe));

    g_assert_cmpuint (list->len, ==, 1);
    invitation = g_ptr_array_index (list, 0);
    g_assert_cmpint (invitation->sent_at, ==, 0);
    g_assert_cmpuint (invitation->resend_count, ==, 1);
    g_assert_cmpint (invitation->resent_at, >, 0);
  }
  g_clear_pointer (&exported, g_array_unref);
  g_clear_pointer (&csv, g_free);
  exported = export_invitations (f, &n_test, &csv);
  g_assert_cmpuint (exported->len, ==, 1);
  g_assert_true (hc_store_mark_invitations_sent (f->store, exported, 2000, NULL, &error));

  /* Joined: active, the invitation says when. */
  g_assert_true (hc_directory_mark_joined (f->store, zoe_ids, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (HcMember) after = get_member (f, hc_member_get_id (zoe));
    g_autoptr (GPtrArray) list = invitations_of (f, hc_member_get_id (zoe));

    g_assert_cmpint (hc_member_get_state (after), ==, HC_MEMBER_STATE_ACTIVE);
    invitation = g_ptr_array_index (list, 0);
    g_assert_cmpint (invitation->sent_at, ==, 2000);
    g_assert_cmpint (invitation->joined_at, >, 0);
  }
  /* Joining twice, resending to an active member: refused. */
  g_assert_false (hc_directory_mark_joined (f->store, zoe_ids, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (hc_directory_resend_invitations (f->store, zoe_ids, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
}

/* A test instance never marks anything sent. */
static void
test_test_instance_never_sent (Fixture      *f,
                               gconstpointer data)
{
  static const char * const employees[] = {
    "T1|Tess|Tester|tess@x.test|active",
    "T2|Tom|Tester|tom@x.test|active",
    NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) exported = NULL;
  g_autoptr (GArray) forced = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *csv = NULL;
  guint n_test = 0, n_marked = 99;
  gint64 test_cid, id;

  test_cid = hc_store_add_connector (f->store, "Sandbox", "demo", NULL, f->config, TRUE, &error);
  g_assert_no_error (error);
  sync_employees (f, test_cid, employees);
  g_assert_cmpuint (hc_store_count_members (f->store, HC_MEMBER_STATE_INVITED), ==, 2);

  exported = export_invitations (f, &n_test, &csv);
  g_assert_cmpuint (exported->len, ==, 0);
  g_assert_cmpuint (n_test, ==, 2);
  g_assert_cmpstr (csv, ==, "first_name,last_name,name,email,link\r\n");

  /* Even asked directly. */
  id = member_id_of (f, "tess@x.test");
  g_array_append_val (forced, id);
  g_assert_true (hc_store_mark_invitations_sent (f->store, forced, 1000, &n_marked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_marked, ==, 0);
  g_assert_false (hc_store_connector_has_sent_invitations (f->store, test_cid));
}

/* A member a sync archived, restored by hand: the state History says
 * they had (invited, never joined: invited again). */
static void
test_restore_after_sync_archive (Fixture      *f,
                                 gconstpointer data)
{
  static const char * const first[] = { "E1|Ana|Lima|ana@x.test|active", "E2|Ben|Ok|ben@x.test|active", NULL };
  static const char * const second[] = { "E1|Ana|Lima|ana@x.test|inactive", "E2|Ben|Ok|ben@x.test|active", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) after = NULL;
  g_autoptr (GArray) ids = NULL;
  gint64 id;

  f->config->archive_inactive = TRUE;
  g_assert_true (hc_store_set_connector_config (f->store, f->cid, f->config, &error));
  sync_employees (f, f->cid, first);
  id = member_id_of (f, "ana@x.test");
  sync_employees (f, f->cid, second);
  after = get_member (f, id);
  g_assert_cmpint (hc_member_get_state (after), ==, HC_MEMBER_STATE_ARCHIVED);
  g_assert_cmpint (hc_member_get_archived_from (after), ==, HC_MEMBER_STATE_INVITED);
  g_clear_object (&after);

  ids = ids_of (id);
  g_assert_true (hc_directory_restore_members (f->store, ids, NULL, &error));
  g_assert_no_error (error);
  after = get_member (f, id);
  g_assert_cmpint (hc_member_get_state (after), ==, HC_MEMBER_STATE_INVITED);
  g_assert_cmpuint (count_invitations (f, id), ==, 2);
}

/* A schema 4 file: a sent invitation keeps its sending time. */
static void
test_migration (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) zoe = hc_member_new ();
  g_autoptr (GPtrArray) invitations = NULL;
  g_autofree char *cmd = NULL;
  HcInvitation *invitation;
  int status = 0;

  hc_member_set_field (zoe, HC_MEMBER_FIELD_FIRST_NAME, "Zoé");
  hc_member_set_field (zoe, HC_MEMBER_FIELD_EMAIL, "zoe@x.test");
  g_assert_true (hc_directory_add_member (f->store, zoe, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  cmd = g_strdup_printf ("sqlite3 '%s' 'ALTER TABLE sync_runs DROP COLUMN waited; ALTER TABLE connectors DROP COLUMN run_trigger; ALTER TABLE connectors DROP COLUMN run_started_at; "
                         "DROP TABLE member_roles; DROP TABLE roles; "
                         "ALTER TABLE sync_changes DROP COLUMN rule; ALTER TABLE sync_changes DROP COLUMN object_id; "
                         "DROP TABLE group_members; DROP TABLE groups; DROP INDEX invitations_member; DROP INDEX sync_changes_member; "
                         "ALTER TABLE invitations DROP COLUMN sent_at; "
                         "ALTER TABLE invitations DROP COLUMN resend_count; ALTER TABLE invitations DROP COLUMN resent_at; "
                         "ALTER TABLE invitations DROP COLUMN joined_at; UPDATE invitations SET sent = 1, created_at = 42; "
                         "PRAGMA user_version = 4;'", f->path);
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("sqlite3 command not available");
      return;
    }
  f->store = hc_store_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hc_store_get_schema_version (f->store), ==, HC_STORE_SCHEMA_VERSION);
  invitations = invitations_of (f, hc_member_get_id (zoe));
  g_assert_cmpuint (invitations->len, ==, 1);
  invitation = g_ptr_array_index (invitations, 0);
  g_assert_cmpint (invitation->sent_at, ==, 42);
  g_assert_cmpuint (invitation->resend_count, ==, 0);
  g_assert_cmpint (invitation->joined_at, ==, 0);
}

/* Undoing the sync that gave access takes the invitation back too. */
static void
test_undo_access (Fixture      *f,
                  gconstpointer data)
{
  static const char * const first[] = { "E1|Ana|Nomail||active", NULL };
  static const char * const second[] = { "E1|Ana|Nomail|ana@x.test|active", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (HcUndo) undo = NULL;
  g_autoptr (HcMember) after = NULL;
  g_autoptr (GPtrArray) invitations = NULL;
  gint64 id, run2;

  sync_employees (f, f->cid, first);
  run2 = sync_employees (f, f->cid, second);
  id = member_id_of (f, "ana@x.test");
  g_assert_cmpuint (count_invitations (f, id), ==, 1);

  undo = hc_undo_new (f->store, run2, &error);
  g_assert_no_error (error);
  g_assert_true (hc_undo_apply (undo, f->store, HC_SYNC_TRIGGER_MANUAL, NULL, &error));
  g_assert_no_error (error);
  after = get_member (f, id);
  g_assert_false (hc_member_get_has_access (after));
  g_assert_cmpint (hc_member_get_state (after), ==, HC_MEMBER_STATE_ACTIVE);
  invitations = invitations_of (f, id);
  g_assert_cmpuint (invitations->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/directory/add", test_add);
  ADD ("/directory/edit-manual", test_edit_manual);
  ADD ("/directory/email-gives-access", test_email_gives_access);
  ADD ("/directory/email-from-hr-gives-access", test_email_from_hr_gives_access);
  ADD ("/directory/locked-fields", test_locked_fields);
  ADD ("/directory/archive-restore", test_archive_restore);
  ADD ("/directory/invitation-lifecycle", test_invitation_lifecycle);
  ADD ("/directory/test-instance-never-sent", test_test_instance_never_sent);
  ADD ("/directory/restore-after-sync-archive", test_restore_after_sync_archive);
  ADD ("/directory/migration", test_migration);
  ADD ("/directory/undo-access", test_undo_access);

  return g_test_run ();
}
