/* test-group-plan.c — what syncs change in groups and roles: managed memberships, groups from HR, roles, undo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <sqlite3.h>
#include <gio/gio.h>

#include "hc-error.h"
#include "hc-group-plan.h"
#include "hc-groups.h"
#include "hc-member-csv.h"
#include "hc-roles.h"
#include "hc-store.h"
#include "hc-sync.h"
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

static const char * const tree[] = {
  "Staff", "Staff/Paris", "Staff/Paris/Engineering", "Staff/Lyon", "Teams",
};

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("hc-group-plan-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = hc_store_new (f->path, &error);
  g_assert_no_error (error);
  f->config = hc_config_new_default ();
  f->config->archive_inactive = TRUE;
  f->cid = hc_store_add_connector (f->store, "hr", "demo", NULL, f->config, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tree); i++)
    g_assert_true (hc_groups_create (f->store, tree[i], NULL, NULL, NULL));
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

static void
configure (Fixture    *f,
           const char *json)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&f->config, hc_config_free);
  f->config = hc_config_new_from_json (json, &error);
  g_assert_no_error (error);
  f->config->archive_inactive = TRUE;
}

/* The group plan as JSON, its items too ("null" when there is none). */
static char *
group_plan_json (HcPlan *plan)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  if (hc_plan_get_group_plan (plan) == NULL)
    return g_strdup ("null");
  hc_group_plan_to_json (hc_plan_get_group_plan (plan), builder, TRUE);
  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}

/* The plan as a sync makes it (hc_sync_make_plan(): everyone placed
* ahead, beside the member plan), checked against the group plan made
* after the member plan from the same inputs: the two ways agree. */
static HcPlan *
plan_employees (Fixture            *f,
                const char * const *specs)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = hc_test_employees (specs);
  g_autoptr (GPtrArray) members = hc_store_list_members (f->store, &error);
  g_autoptr (HcPlan) after = NULL;
  g_autofree char *made_json = NULL;
  g_autofree char *after_json = NULL;
  gboolean first_sync = !hc_store_connector_has_synced (f->store, f->cid);
  HcPlan *plan;

  g_assert_no_error (error);
  after = hc_plan_compute (f->config, f->cid, employees, members, first_sync);
  g_assert_true (hc_group_plan_attach (after, f->config, employees, f->store, &error));
  g_assert_no_error (error);
  plan = hc_sync_make_plan (f->store, f->config, f->cid, employees, first_sync, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  made_json = group_plan_json (plan);
  after_json = group_plan_json (after);
  g_assert_cmpstr (made_json, ==, after_json);
  return plan;
}

/* A sync of @specs, applied; the run's id. */
static gint64
sync_employees (Fixture            *f,
                const char * const *specs)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcPlan) plan = plan_employees (f, specs);
  g_autoptr (HcSyncRun) run = hc_sync_run_new (f->cid, HC_SYNC_TRIGGER_MANUAL);

  g_assert_true (hc_store_apply_plan (f->store, plan, run, &error));
  g_assert_no_error (error);
  return run->id;
}

static gint64
member_id (Fixture    *f,
           const char *email)
{
  g_autoptr (HcMember) member = hc_store_find_member_by_email (f->store, email, NULL);

  g_assert_nonnull (member);
  return hc_member_get_id (member);
}

/* "Staff/Lyon (hr), Teams (hand)": a member's groups, by path. */
static char *
groups_of (Fixture    *f,
           const char *email)
{
  g_autoptr (GPtrArray) groups = hc_groups_list (f->store, NULL);
  g_autoptr (GArray) memberships = hc_store_list_group_memberships (f->store, NULL);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  gint64 id = member_id (f, email);

  for (guint i = 0; i < memberships->len; i++)
    {
      HcGroupMembership *m = &g_array_index (memberships, HcGroupMembership, i);

      if (m->member_id != id)
        continue;
      for (guint j = 0; j < groups->len; j++)
        {
          HcGroup *group = g_ptr_array_index (groups, j);

          if (group->id == m->group_id)
            g_ptr_array_add (lines, g_strdup_printf ("%s (%s)", group->path,
                                                     m->added_by == HC_GROUP_ORIGIN_HR ? "hr" : "hand"));
        }
    }
  hc_ptr_array_sort_strings (lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (", ", (char **) lines->pdata);
}

/* "Engineer (hr)": a member's roles. */
static char *
roles_of (Fixture    *f,
          const char *email)
{
  g_autoptr (GPtrArray) roles = hc_store_list_roles (f->store, NULL);
  g_autoptr (GArray) held = hc_store_list_member_roles (f->store, NULL);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  gint64 id = member_id (f, email);

  for (guint i = 0; i < held->len; i++)
    {
      HcMemberRole *r = &g_array_index (held, HcMemberRole, i);

      if (r->member_id != id)
        continue;
      for (guint j = 0; j < roles->len; j++)
        {
          HcRole *role = g_ptr_array_index (roles, j);

          if (role->id == r->role_id)
            g_ptr_array_add (lines, g_strdup_printf ("%s (%s)", role->name,
                                                     r->added_by == HC_GROUP_ORIGIN_HR ? "hr" : "hand"));
        }
    }
  hc_ptr_array_sort_strings (lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (", ", (char **) lines->pdata);
}

/* "Blue, Red (archived)": the groups under @parent. */
static char *
children_of (Fixture    *f,
             const char *parent)
{
  g_autoptr (GPtrArray) groups = hc_groups_list (f->store, NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  HcGroup *top = hc_groups_find (groups, parent, NULL);

  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);

      if (group->parent_id != top->id)
        continue;
      g_string_append_printf (text, "%s%s%s%s", text->len ? ", " : "", group->name,
                              group->origin == HC_GROUP_ORIGIN_HR ? "" : " [hand]",
                              group->archived ? " (archived)" : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
check_groups (Fixture    *f,
              const char *email,
              const char *expected)
{
  g_autofree char *actual = groups_of (f, email);

  g_assert_cmpstr (actual, ==, expected);
}

static void
check_roles (Fixture    *f,
             const char *email,
             const char *expected)
{
  g_autofree char *actual = roles_of (f, email);

  g_assert_cmpstr (actual, ==, expected);
}

#define HIERARCHY "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\", " \
  "\"levels\": [\"office\", \"department\"]}}"

/* Managed memberships (rules.md 38): joins for new members, moves when HR
 * values change, hand memberships kept, leaves when members leave. */
static void
test_hierarchy_syncs (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 ana;

  configure (f, HIERARCHY);
  sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||Paris||||department=Engineering",
    "E2|Bo|B|bo@x.test|active||Lyon||||department=Sales",
    "E3|Cy|C|cy@x.test|active",
    NULL
  });
  check_groups (f, "ana@x.test", "Staff/Paris/Engineering (hr)");
  check_groups (f, "bo@x.test", "Staff/Lyon (hr)");
  check_groups (f, "cy@x.test", "Staff (hr)");

  /* by hand: Ana into Teams, and Bo into Staff/Paris */
  ana = member_id (f, "ana@x.test");
  g_array_append_val (ids, ana);
  g_assert_true (hc_groups_add_members (f->store, "Teams", ids, NULL, &error));
  g_assert_no_error (error);
  g_array_set_size (ids, 0);
  ana = member_id (f, "bo@x.test");
  g_array_append_val (ids, ana);
  g_assert_true (hc_groups_add_members (f->store, "Staff/Paris", ids, NULL, &error));
  g_assert_no_error (error);

  /* nothing changed: nothing to do */
  {
    g_autoptr (HcPlan) plan = plan_employees (f, (const char *[]) {
      "E1|Ana|A|ana@x.test|active||Paris||||department=Engineering",
      "E2|Bo|B|bo@x.test|active||Lyon||||department=Sales",
      "E3|Cy|C|cy@x.test|active",
      NULL
    });

    g_assert_true (hc_plan_is_empty (plan));
  }

  /* Ana moves to Lyon, Bo to Paris (where he is by hand already), Cy
   * leaves */
  sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||lyon ||||department=Engineering",
    "E2|Bo|B|bo@x.test|active||Paris||||department=Sales",
    "E3|Cy|C|cy@x.test|inactive",
    NULL
  });
  check_groups (f, "ana@x.test", "Staff/Lyon (hr), Teams (hand)");
  check_groups (f, "bo@x.test", "Staff/Paris (hand)");
  check_groups (f, "cy@x.test", "");

  /* a group renamed by hand between two syncs: the HR value no longer
   * matches it, and the next sync follows the tree */
  g_assert_true (hc_groups_rename (f->store, "Staff/Lyon", "Lyon Part-Dieu", NULL, &error));
  g_assert_no_error (error);
  sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||Lyon||||department=Engineering",
    "E2|Bo|B|bo@x.test|active||Paris||||department=Sales",
    NULL
  });
  check_groups (f, "ana@x.test", "Staff (hr), Teams (hand)");
}

/* The top group gone: a warning, and no group change at all. */
static void
test_missing_top (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (HcPlan) plan = NULL;
  HcGroupPlan *groups;

  configure (f, HIERARCHY);
  sync_employees (f, (const char *[]) { "E1|Ana|A|ana@x.test|active||Paris", NULL });
  check_groups (f, "ana@x.test", "Staff/Paris (hr)");
  g_assert_true (hc_groups_rename (f->store, "Staff", "People", NULL, NULL));

  plan = plan_employees (f, (const char *[]) { "E1|Ana|A|ana@x.test|active||Lyon", NULL });
  groups = hc_plan_get_group_plan (plan);
  g_assert_nonnull (groups);
  g_assert_true (hc_group_plan_is_empty (groups));
  g_assert_cmpuint (hc_group_plan_get_warnings (groups)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (hc_group_plan_get_warnings (groups), 0), "“Staff”"));
}

/* History records the joins and leaves with their rule; undo takes them
 * back and puts them back. */
static void
test_history_undo (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (HcUndo) undo = NULL;
  g_autoptr (HcSyncRun) undo_run = NULL;
  gboolean seen_join = FALSE, seen_leave = FALSE;
  gint64 run;

  configure (f, HIERARCHY);
  sync_employees (f, (const char *[]) { "E1|Ana|A|ana@x.test|active||Paris||||department=Engineering", NULL });
  run = sync_employees (f, (const char *[]) { "E1|Ana|A|ana@x.test|active||Lyon", NULL });
  check_groups (f, "ana@x.test", "Staff/Lyon (hr)");

  changes = hc_store_list_run_changes (f->store, run, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      HcRunChange *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (change->kind, HC_RUN_CHANGE_GROUP_JOIN) == 0)
        {
          seen_join = TRUE;
          g_assert_cmpstr (change->field, ==, "group");
          g_assert_cmpstr (change->after, ==, "Staff/Lyon");
          g_assert_cmpstr (change->rule, ==, "hierarchy office=Lyon");
          g_assert_cmpint (change->object_id, >, 0);
        }
      if (g_strcmp0 (change->kind, HC_RUN_CHANGE_GROUP_LEAVE) == 0)
        {
          seen_leave = TRUE;
          g_assert_cmpstr (change->before, ==, "Staff/Paris/Engineering");
          g_assert_cmpstr (change->rule, ==, "hierarchy office=Paris, department=Engineering");
        }
    }
  g_assert_true (seen_join && seen_leave);

  undo = hc_undo_new (f->store, run, &error);
  g_assert_no_error (error);
  {
    g_autofree char *summary = hc_undo_dup_summary (undo);

    g_assert_nonnull (strstr (summary, "Takes back 2 changes in groups and roles."));
  }
  g_assert_true (hc_undo_apply (undo, f->store, HC_SYNC_TRIGGER_CLI, &undo_run, &error));
  g_assert_no_error (error);
  check_groups (f, "ana@x.test", "Staff/Paris/Engineering (hr)");

  /* and the membership put back is managed, with its rule: the next sync
   * moves it again */
  sync_employees (f, (const char *[]) { "E1|Ana|A|ana@x.test|active||Lyon", NULL });
  check_groups (f, "ana@x.test", "Staff/Lyon (hr)");
}

/* Undo of a first sync that created groups from HR removes them. What
 * it says counts the members it removes, and the groups and roles apart:
 * a member joining a group is no member restored. */
static void
test_undo_created (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcUndo) undo = NULL;
  g_autoptr (HcSyncRun) undo_run = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 run;

  configure (f, "{\"teams\": {\"create_from\": \"team\", \"parent\": \"Teams\"}, \"roles\": {\"from\": \"position\"}}");
  run = sync_employees (f, (const char *[]) { "E1|Ana|A|ana@x.test|active||||Developer||team=Blue", NULL });
  before = children_of (f, "Teams");
  g_assert_cmpstr (before, ==, "Blue");
  undo = hc_undo_new (f->store, run, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_undo_count_members (undo, HC_UNDO_REMOVE), ==, 1);
  g_assert_cmpuint (hc_undo_count_members (undo, HC_UNDO_RESTORE), ==, 0);
  {
    g_autofree char *summary = hc_undo_dup_summary (undo);

    /* the team and the role made, Ana in each */
    g_assert_cmpstr (summary, ==, "Removes 1 member it created. Takes back 4 changes in groups and roles.");
  }
  g_assert_true (hc_undo_apply (undo, f->store, HC_SYNC_TRIGGER_CLI, &undo_run, &error));
  g_assert_no_error (error);
  after = children_of (f, "Teams");
  g_assert_cmpstr (after, ==, "");
  {
    g_autoptr (GPtrArray) roles = hc_store_list_roles (f->store, &error);

    g_assert_cmpuint (roles->len, ==, 0);
  }
}

#define TEAMS "{\"teams\": {\"create_from\": \"team\", \"parent\": \"Teams\"}}"

/* Create from HR (rules.md 37): a team renamed in HR, emptied and
 * refilled; hand groups untouched. */
static void
test_teams (Fixture      *f,
            gconstpointer data)
{
  g_autofree char *text = NULL;

  configure (f, TEAMS);
  g_assert_true (hc_groups_create (f->store, "Teams/Lunch club", NULL, NULL, NULL));
  sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||||||team=Blue",
    "E2|Bo|B|bo@x.test|active||||||team= blue",
    "E3|Cy|C|cy@x.test|active||||||team=Red",
    "E4|Di|D|di@x.test|active",
    NULL
  });
  text = children_of (f, "Teams");
  g_assert_cmpstr (text, ==, "Blue, Lunch club [hand], Red");
  g_clear_pointer (&text, g_free);
  check_groups (f, "bo@x.test", "Teams/Blue (hr)");
  check_groups (f, "di@x.test", "");

  /* Blue renamed Navy in HR: Navy is made, Blue empties and is archived */
  sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||||||team=Navy",
    "E2|Bo|B|bo@x.test|active||||||team=Navy",
    "E3|Cy|C|cy@x.test|active||||||team=Red",
    NULL
  });
  text = children_of (f, "Teams");
  g_assert_cmpstr (text, ==, "Blue (archived), Lunch club [hand], Navy, Red");
  g_clear_pointer (&text, g_free);
  check_groups (f, "ana@x.test", "Teams/Navy (hr)");

  /* Red empties (Cy leaves), Blue comes back */
  sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||||||team=Navy",
    "E2|Bo|B|bo@x.test|active||||||team=BLUE",
    "E3|Cy|C|cy@x.test|inactive||||||team=Red",
    NULL
  });
  text = children_of (f, "Teams");
  g_assert_cmpstr (text, ==, "Blue, Lunch club [hand], Navy, Red (archived)");
  check_groups (f, "bo@x.test", "Teams/Blue (hr)");
}

/* A path of two fields: office then team. */
static void
test_teams_two_levels (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *teams = NULL;
  g_autofree char *paris = NULL;

  configure (f, "{\"teams\": {\"create_from\": [\"office\", \"team\"]}}");
  sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||Paris||||team=Blue",
    "E2|Bo|B|bo@x.test|active||Paris||||team=Red",
    "E3|Cy|C|cy@x.test|active||Nice",
    NULL
  });
  check_groups (f, "ana@x.test", "Paris/Blue (hr)");
  check_groups (f, "cy@x.test", "Nice (hr)");
  paris = children_of (f, "Paris");
  g_assert_cmpstr (paris, ==, "Blue, Red");
  /* the top level kept its hand groups */
  teams = children_of (f, "Teams");
  g_assert_cmpstr (teams, ==, "");
}

/* Roles (rules.md 39): one per position, the mapping, hand roles kept, the
 * HR role replaced when the position changes. */
static void
test_roles (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;

  configure (f, "{\"roles\": {\"from\": \"position\", \"mapping\": ["
             "{\"position\": \"Developer\", \"role\": \"Engineer\"},"
             "{\"position\": \"Senior developer\", \"role\": \"engineer\"},"
             "{\"position\": \"Intern\", \"role\": null}]}}");
  sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||||Developer",
    "E2|Bo|B|bo@x.test|active||||Senior developer",
    "E3|Cy|C|cy@x.test|active||||Intern",
    "E4|Di|D|di@x.test|active||||Designer",
    "E5|Ed|E|ed@x.test|active||||designer ",
    NULL
  });
  check_roles (f, "ana@x.test", "Engineer (hr)");
  check_roles (f, "bo@x.test", "Engineer (hr)");
  check_roles (f, "cy@x.test", "");
  check_roles (f, "di@x.test", "Designer (hr)");
  check_roles (f, "ed@x.test", "Designer (hr)");
  {
    g_autoptr (GPtrArray) roles = hc_store_list_roles (f->store, &error);

    g_assert_cmpuint (roles->len, ==, 2);
  }

  /* a role by hand for Ana, kept; her position changes: the HR role is
   * replaced */
  {
    g_autoptr (GPtrArray) changes_by_hand = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_hand_change_free);
    g_autoptr (HcSyncRun) run = hc_sync_run_new (0, HC_SYNC_TRIGGER_EDIT);
    HcHandChange *create = g_new0 (HcHandChange, 1);
    HcHandChange *add;

    create->kind = HC_RUN_CHANGE_ROLE_CREATE;
    create->name = g_strdup ("First aider");
    g_ptr_array_add (changes_by_hand, create);
    g_assert_true (hc_store_apply_hand_changes (f->store, changes_by_hand, run, &error));
    g_assert_no_error (error);
    add = g_new0 (HcHandChange, 1);
    add->kind = HC_RUN_CHANGE_ROLE_ADD;
    add->group_id = create->group_id;
    add->member_id = member_id (f, "ana@x.test");
    g_ptr_array_set_size (changes_by_hand, 0);
    g_ptr_array_add (changes_by_hand, add);
    g_clear_pointer (&run, hc_sync_run_free);
    run = hc_sync_run_new (0, HC_SYNC_TRIGGER_EDIT);
    g_assert_true (hc_store_apply_hand_changes (f->store, changes_by_hand, run, &error));
    g_assert_no_error (error);
  }
  sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||||Designer",
    "E2|Bo|B|bo@x.test|active||||Senior developer",
    "E3|Cy|C|cy@x.test|active||||Developer",
    "E4|Di|D|di@x.test|inactive||||Designer",
    "E5|Ed|E|ed@x.test|active||||Intern",
    NULL
  });
  check_roles (f, "ana@x.test", "Designer (hr), First aider (hand)");
  check_roles (f, "cy@x.test", "Engineer (hr)");
  check_roles (f, "di@x.test", "");
  check_roles (f, "ed@x.test", "");
}

/* Roles by default (rules.md 39): a configuration that says nothing of
* roles makes one per distinct position on the first sync, the mapping
* still points several at one role or at none; "from": false is off. */
static void
test_roles_default (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcPlan) plan = NULL;
  static const char * const staff[] = {
    "E1|Ana|A|ana@x.test|active||||Developer",
    "E2|Bo|B|bo@x.test|active||||Developer ",
    "E3|Cy|C|cy@x.test|active||||Intern",
    "E4|Di|D|di@x.test|active||||Designer",
    "E5|Ed|E|ed@x.test|active||||Lead designer",
    "E6|Fa|F|fa@x.test|active||||",
    NULL
  };

  /* off: nothing about roles in the plan */
  configure (f, "{\"roles\": {\"from\": false}}");
  plan = plan_employees (f, staff);
  g_assert_null (hc_plan_get_group_plan (plan));
  g_clear_object (&plan);

  /* the default, with a mapping: Lead designer shares Designer's role,
   * Intern gets none */
  configure (f, "{\"roles\": {\"mapping\": [{\"position\": \"Lead designer\", \"role\": \"Designer\"},"
             "{\"position\": \"intern\", \"role\": null}]}}");
  g_assert_cmpstr (f->config->roles_from, ==, "position");
  plan = plan_employees (f, staff);
  g_assert_nonnull (hc_plan_get_group_plan (plan));
  g_assert_cmpuint (hc_group_plan_count (hc_plan_get_group_plan (plan), HC_GROUP_CHANGE_ROLE_CREATE), ==, 2);
  g_assert_cmpuint (hc_group_plan_count (hc_plan_get_group_plan (plan), HC_GROUP_CHANGE_ROLE_ADD), ==, 4);
  g_clear_object (&plan);
  sync_employees (f, staff);
  check_roles (f, "ana@x.test", "Developer (hr)");
  check_roles (f, "bo@x.test", "Developer (hr)");
  check_roles (f, "cy@x.test", "");
  check_roles (f, "di@x.test", "Designer (hr)");
  check_roles (f, "ed@x.test", "Designer (hr)");
  check_roles (f, "fa@x.test", "");
  {
    g_autoptr (GPtrArray) roles = hc_store_list_roles (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (roles->len, ==, 2);
  }
  /* the next sync over the same data changes nothing */
  plan = plan_employees (f, staff);
  g_assert_true (hc_plan_is_empty (plan));
  g_clear_object (&plan);

  /* turned off again: a new position makes no role */
  configure (f, "{\"roles\": {\"from\": false}}");
  plan = plan_employees (f, (const char *[]) { "E1|Ana|A|ana@x.test|active||||Tester", NULL });
  g_assert_true (hc_plan_get_group_plan (plan) == NULL ||
                 hc_group_plan_count (hc_plan_get_group_plan (plan), HC_GROUP_CHANGE_ROLE_CREATE) == 0);
}

/* The preview's group category, in the plan's JSON. */
static void
test_json (Fixture      *f,
           gconstpointer data)
{
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;

  configure (f, "{\"groups\": {\"mode\": \"into\", \"top\": \"Staff\"}, "
             "\"teams\": {\"create_from\": \"team\", \"parent\": \"Teams\"}}");
  plan = plan_employees (f, (const char *[]) { "E1|Ana|A|ana@x.test|active||||||team=Blue", NULL });
  g_assert_false (hc_plan_is_empty (plan));
  hc_plan_to_json (plan, builder, TRUE);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  g_assert_nonnull (strstr (json, "\"groups\":{\"counts\":{\"group_create\":1,\"group_restore\":0,"
                            "\"role_create\":0,\"group_join\":2,"));
  g_assert_nonnull (strstr (json, "{\"kind\":\"group_join\",\"member_id\":null,\"employee_id\":\"E1\","
                            "\"name\":\"Ana A\",\"group\":\"Staff\",\"rule\":\"into Staff\"}"));
  g_assert_nonnull (strstr (json, "\"group\":\"Teams/Blue\",\"rule\":\"teams team=Blue\""));

  /* explain: why, then what changes, for one employee */
  {
    g_autoptr (GPtrArray) lines = hc_group_plan_explain (hc_plan_get_group_plan (plan), "E1");
    g_autoptr (GPtrArray) nobody = hc_group_plan_explain (hc_plan_get_group_plan (plan), "E9");

    g_assert_cmpuint (lines->len, ==, 4);
    g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "Every managed member goes into Staff");
    g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, "In Teams/Blue, kept from HR (teams team=Blue)");
    g_assert_cmpstr (g_ptr_array_index (lines, 2), ==, "Joins Staff (into Staff)");
    g_assert_cmpstr (g_ptr_array_index (lines, 3), ==, "Joins Teams/Blue (teams team=Blue)");
    g_assert_cmpuint (nobody->len, ==, 0);
  }
}

/* A version-3 database migrates to groups and roles. */
static void
test_migration_3 (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *cmd = NULL;
  g_autoptr (GPtrArray) roles = NULL;
  int status = -1;

  configure (f, "{\"roles\": {\"from\": \"position\"}}");
  sync_employees (f, (const char *[]) { "E1|Ana|A|ana@x.test|active||||Developer", NULL });
  g_clear_object (&f->store);
  cmd = g_strdup_printf ("sqlite3 '%s' 'ALTER TABLE sync_runs DROP COLUMN waited; ALTER TABLE connectors DROP COLUMN run_trigger; ALTER TABLE connectors DROP COLUMN run_started_at; "
                         "DROP TABLE member_roles; DROP TABLE roles; "
                         "ALTER TABLE sync_changes DROP COLUMN rule; ALTER TABLE sync_changes DROP COLUMN object_id; "
                         "DROP TABLE group_members; DROP TABLE groups; DROP INDEX invitations_member; "
                         "DROP INDEX sync_changes_member; ALTER TABLE invitations DROP COLUMN sent_at; "
                         "ALTER TABLE invitations DROP COLUMN resend_count; "
                         "ALTER TABLE invitations DROP COLUMN resent_at; ALTER TABLE invitations DROP COLUMN joined_at; "
                         "DROP TRIGGER members_archived_from; DROP INDEX members_email_key; "
                         "ALTER TABLE members DROP COLUMN archived_from; "
                         "CREATE INDEX members_email ON members (lower (email)); PRAGMA user_version = 3;'", f->path);
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("sqlite3 command not available");
      return;
    }
  f->store = hc_store_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hc_store_get_schema_version (f->store), ==, HC_STORE_SCHEMA_VERSION);
  roles = hc_store_list_roles (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, ==, 0);

  /* the next sync makes the groups and roles of a database that had none */
  for (guint i = 0; i < G_N_ELEMENTS (tree); i++)
    g_assert_true (hc_groups_create (f->store, tree[i], NULL, NULL, NULL));
  configure (f, "{\"groups\": {\"mode\": \"into\", \"top\": \"Staff\"}, \"roles\": {\"from\": \"position\"}}");
  sync_employees (f, (const char *[]) { "E1|Ana|A|ana@x.test|active||||Developer", NULL });
  check_groups (f, "ana@x.test", "Staff (hr)");
  check_roles (f, "ana@x.test", "Developer (hr)");
}

/* The CSV export's groups and roles columns. */
static void
test_csv (Fixture      *f,
          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GHashTable) paths = NULL;
  g_autoptr (GHashTable) names = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *text = NULL;
  gint64 ana;

  configure (f, "{\"groups\": {\"mode\": \"into\", \"top\": \"Staff/Paris\"}, \"roles\": {\"from\": \"position\"}}");
  sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||||Developer", "E2|Bo|B|bo@x.test|active", NULL
  });
  ana = member_id (f, "ana@x.test");
  g_array_append_val (ids, ana);
  g_assert_true (hc_groups_add_members (f->store, "Teams", ids, NULL, &error));
  g_assert_no_error (error);

  members = hc_store_list_members (f->store, &error);
  paths = hc_groups_list_member_paths (f->store, &error);
  names = hc_roles_list_member_names (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (hc_member_csv_export_full (memory, members, paths, names, -1, ',', HC_CSV_WRITER_NONE, NULL,
                                            NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (memory, "", 1, NULL, NULL, NULL));
  g_output_stream_close (memory, NULL, NULL);
  text = g_strdup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)));
  g_assert_true (g_str_has_prefix (text, HC_MEMBER_CSV_EXPORT_HEADER ",groups,roles\r\n"));
  g_assert_nonnull (strstr (text, ",true,Staff/Paris; Teams,Developer\r\n"));
  g_assert_nonnull (strstr (text, "bo@x.test,Bo,B,"));
  g_assert_nonnull (strstr (text, ",true,Staff/Paris,\r\n"));
}

/* What a sync's group and role step changed is stored as one row and
 * listed back as History shows it: a row per change, each with its
 * member, rule and group or role, in the order the sync made them (after
 * the members it created); rows written one per change, as before, are
 * listed as they were; the scenario checks read them as History does. */
static void
test_history_stored (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GHashTable) created_roles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint invites = 0, adds = 0, stored = 0;
  gint64 run, bo;

  configure (f, HIERARCHY);
  run = sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||Paris||Developer||department=Engineering",
    "E2|Bo|B|bo@x.test|active||Lyon||Designer||department=Sales",
    "E3|Cy|C|cy@x.test|active||Paris||Developer||department=Engineering",
    NULL
  });

  changes = hc_store_list_run_changes (f->store, run, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      HcRunChange *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (change->kind, "invite") == 0)
        {
          /* the members first, before any group or role */
          g_assert_cmpuint (adds, ==, 0);
          invites++;
        }
      else if (g_strcmp0 (change->kind, HC_RUN_CHANGE_ROLE_CREATE) == 0)
        g_hash_table_add (created_roles, g_memdup2 (&change->object_id, sizeof (gint64)));
      else if (g_strcmp0 (change->kind, HC_RUN_CHANGE_ROLE_ADD) == 0)
        {
          const char *email = g_str_equal (change->employee_id, "E1") ? "ana@x.test"
                              : g_str_equal (change->employee_id, "E2") ? "bo@x.test" : "cy@x.test";

          adds++;
          g_assert_cmpint (change->member_id, ==, member_id (f, email));
          g_assert_nonnull (change->member_name);
          g_assert_cmpstr (change->field, ==, "role");
          g_assert_null (change->before);
          g_assert_cmpstr (change->after, ==, g_str_equal (change->employee_id, "E2") ? "Designer" : "Developer");
          g_assert_nonnull (change->rule);
          /* a role this sync created, listed before it is given */
          g_assert_true (g_hash_table_contains (created_roles, &change->object_id));
        }
    }
  g_assert_cmpuint (invites, ==, 3);
  g_assert_cmpuint (adds, ==, 3);
  g_assert_cmpuint (g_hash_table_size (created_roles), ==, 2);

  /* one row holds them, the new members' and the group step's, as text
   * (too small to compress); a row written alone, as before, still lists */
  bo = member_id (f, "bo@x.test");
  db = hc_store_lock_database (f->store);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*), count (*) FILTER (WHERE kind = 'invite' OR typeof (after) != 'text') "
                                       "FROM sync_changes WHERE run_id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, run);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  stored = (guint) sqlite3_column_int (stmt, 0);
  invites = (guint) sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO sync_changes (run_id, member_id, employee_id, kind, field, "
                                       "after, rule, object_id) VALUES (?, ?, 'E2', 'role_add', 'role', 'Old', "
                                       "'position Old', 42)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, run);
  sqlite3_bind_int64 (stmt, 2, bo);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  hc_store_unlock_database (f->store);
  g_assert_cmpuint (stored, ==, 1);
  g_assert_cmpuint (invites, ==, 0);

  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = hc_store_list_run_changes (f->store, run, &error);
  g_assert_no_error (error);
  {
    HcRunChange *last = g_ptr_array_index (changes, changes->len - 1);

    g_assert_cmpstr (last->kind, ==, HC_RUN_CHANGE_ROLE_ADD);
    g_assert_cmpstr (last->employee_id, ==, "E2");
    g_assert_cmpstr (last->member_name, ==, "Bo B");
    g_assert_cmpstr (last->after, ==, "Old");
    g_assert_cmpstr (last->rule, ==, "position Old");
    g_assert_cmpint (last->object_id, ==, 42);
  }

  /* a run that changed only groups: the scenario checks see who it
   * touched, and how, from the rows stored together */
  configure (f, "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\", \"levels\": [\"office\"]}}");
  run = sync_employees (f, (const char *[]) {
    "E1|Ana|A|ana@x.test|active||Paris||Developer||department=Engineering",
    "E2|Bo|B|bo@x.test|active||Lyon||Designer||department=Sales",
    "E3|Cy|C|cy@x.test|active||Paris||Developer||department=Engineering",
    NULL
  });
  check_groups (f, "ana@x.test", "Staff/Paris (hr)");
  check_groups (f, "bo@x.test", "Staff/Lyon (hr)");
  {
    g_autoptr (GHashTable) touched = hc_store_list_run_employees (f->store, run, &error);

    g_assert_no_error (error);
    /* Ana and Cy move up to their office's group (first the join, as
     * History lists it); Bo's group stays */
    g_assert_cmpuint (g_hash_table_size (touched), ==, 2);
    g_assert_cmpstr (g_hash_table_lookup (touched, "E1"), ==, HC_RUN_CHANGE_GROUP_JOIN);
    g_assert_cmpstr (g_hash_table_lookup (touched, "E3"), ==, HC_RUN_CHANGE_GROUP_JOIN);
  }

  /* new members among members changed: listed in the order of the plan,
   * the packed ones where they were made, and the new ones' initial
   * values read back whole */
  {
    const char * const specs[] = {
      "E4|Di|D|di@x.test|active||Lyon||Designer||department=Sales",
      "E1|Ana|A|ana@x.test|active||Paris||Lead||department=Engineering",
      "E2|Bo|B|bo@x.test|active||Lyon||Designer||department=Sales",
      "E5|Ed|E||active||Lyon||Designer||department=Sales",
      "E3|Cy|C|cy@x.test|active||Paris||Manager||department=Engineering",
      NULL
    };
    g_autoptr (HcPlan) plan = plan_employees (f, specs);
    g_autoptr (HcSyncRun) mixed = hc_sync_run_new (f->cid, HC_SYNC_TRIGGER_MANUAL);
    g_autoptr (GString) planned = g_string_new (NULL);
    g_autoptr (GString) listed = g_string_new (NULL);
    GPtrArray *items = hc_plan_get_items (plan);
    guint created = 0;

    for (guint i = 0; i < items->len; i++)
      {
        HcPlanItem *item = g_ptr_array_index (items, i);

        if (item->kind == HC_PLAN_INVITE || item->kind == HC_PLAN_CREATE_NO_ACCESS)
          g_string_append_printf (planned, "%s %s,", hc_plan_kind_to_string (item->kind), item->employee_id);
        else if (item->kind == HC_PLAN_UPDATE)
          for (guint j = 0; j < item->changes->len; j++)
            g_string_append_printf (planned, "update %s,", item->employee_id);
      }
    g_assert_true (hc_store_apply_plan (f->store, plan, mixed, &error));
    g_assert_no_error (error);
    g_clear_pointer (&changes, g_ptr_array_unref);
    changes = hc_store_list_run_changes (f->store, mixed->id, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < changes->len; i++)
      {
        HcRunChange *change = g_ptr_array_index (changes, i);
        g_autoptr (JsonNode) initial = NULL;
        JsonObject *values;

        if (g_str_equal (change->kind, "update"))
          g_string_append_printf (listed, "update %s,", change->employee_id);
        if (!g_str_equal (change->kind, "invite") && !g_str_equal (change->kind, "create_no_access"))
          continue;
        g_string_append_printf (listed, "%s %s,", change->kind, change->employee_id);
        created++;
        if (g_str_equal (change->employee_id, "E4"))
          g_assert_cmpint (change->member_id, ==, member_id (f, "di@x.test"));
        else
          g_assert_cmpint (change->member_id, >, 0);
        initial = json_from_string (change->after, &error);
        g_assert_no_error (error);
        values = json_node_get_object (initial);
        g_assert_cmpstr (json_object_get_string_member (values, "first_name"), ==,
                         g_str_equal (change->employee_id, "E4") ? "Di" : "Ed");
        g_assert_cmpstr (json_object_get_string_member (values, "title"), ==, "Designer");
      }
    g_assert_cmpuint (created, ==, 2);
    g_assert_cmpstr (listed->str, ==, planned->str);
  }
}

/* A sync large enough for its history to be compressed: read back the
 * same, and a damaged value named as such rather than read as nothing. */
static void
test_history_compressed (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint invites = 0, adds = 0, blobs, texts;
  gint64 run;

  configure (f, HIERARCHY);
  for (guint i = 0; i < 2500; i++)
    g_ptr_array_add (specs, g_strdup_printf ("E%u|Name%u|Family%u|person%u@x.test|active||%s||%s %u||"
                                             "department=Engineering", i, i, i, i,
                                             i % 2 ? "Paris" : "Lyon", "Developer", i % 7));
  g_ptr_array_add (specs, NULL);
  run = sync_employees (f, (const char * const *) specs->pdata);

  db = hc_store_lock_database (f->store);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FILTER (WHERE typeof (after) = 'blob'), "
                                       "count (*) FILTER (WHERE typeof (after) = 'text') "
                                       "FROM sync_changes WHERE run_id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, run);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  blobs = (guint) sqlite3_column_int (stmt, 0);
  texts = (guint) sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  hc_store_unlock_database (f->store);
  /* 2,500 new members and their roles: three values of 256 KiB at least */
  g_assert_cmpuint (blobs, >=, 3);
  g_assert_cmpuint (texts, <=, 1);

  changes = hc_store_list_run_changes (f->store, run, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      HcRunChange *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (change->kind, "invite") == 0)
        {
          g_autoptr (JsonNode) initial = json_from_string (change->after, &error);
          g_autofree char *name = g_strdup_printf ("Name%u", invites);
          g_autofree char *id = g_strdup_printf ("E%u", invites);

          g_assert_no_error (error);
          /* in the order of the plan, each with its own values */
          g_assert_cmpuint (adds, ==, 0);
          g_assert_cmpstr (change->employee_id, ==, id);
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (initial), "first_name"), ==, name);
          g_assert_cmpint (change->member_id, >, 0);
          invites++;
        }
      else if (g_strcmp0 (change->kind, HC_RUN_CHANGE_ROLE_ADD) == 0)
        adds++;
    }
  g_assert_cmpuint (invites, ==, 2500);
  g_assert_cmpuint (adds, ==, 2500);

  /* a value cut short */
  db = hc_store_lock_database (f->store);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE sync_changes SET after = substr (after, 1, 200) "
                                 "WHERE id = (SELECT min (id) FROM sync_changes WHERE typeof (after) = 'blob')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  hc_store_unlock_database (f->store);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = hc_store_list_run_changes (f->store, run, &error);
  g_assert_null (changes);
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);

  /* a value that would inflate past what is read: refused, named */
  {
    g_autoptr (GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
    g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
    g_autoptr (GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
    g_autofree char *spaces = g_malloc (1024 * 1024);

    memset (spaces, ' ', 1024 * 1024);
    for (guint i = 0; i < 80; i++)
      g_assert_true (g_output_stream_write_all (out, spaces, 1024 * 1024, NULL, NULL, &error));
    g_assert_true (g_output_stream_close (out, NULL, &error));
    g_assert_no_error (error);

    db = hc_store_lock_database (f->store);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE sync_changes SET after = ? WHERE id = (SELECT min (id) "
                                         "FROM sync_changes WHERE run_id = ? AND typeof (after) = 'blob')",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_blob (stmt, 1, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                       (int) g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, run);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    hc_store_unlock_database (f->store);
  }
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = hc_store_list_run_changes (f->store, run, &error);
  g_assert_null (changes);
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "too large"));
}

/* The members' indexes, "name: sql" each, sorted, and the size of the
 * page cache; and whether the store's connection checks foreign keys. */
static char *
member_indexes (Fixture  *f,
                gboolean *foreign_keys)
{
  g_autoptr (GString) text = g_string_new (NULL);
  sqlite3 *db = hc_store_lock_database (f->store);
  sqlite3_stmt *stmt;
  int on = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                                       "AND tbl_name = 'members' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s: %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  /* the page cache, which a bulk apply shrinks while it makes the indexes */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA cache_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_string_append_printf (text, "cache_size: %d\n", sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);
  /* the journal and its syncs, which a bulk apply changes for its transaction */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM pragma_journal_mode, pragma_synchronous", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_string_append_printf (text, "journal_mode: %s, synchronous: %d\n", sqlite3_column_text (stmt, 0),
                          sqlite3_column_int (stmt, 1));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &on), ==, SQLITE_OK);
  hc_store_unlock_database (f->store);
  *foreign_keys = on == 1;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* SELECT count (*) FROM @table, or a PRAGMA's number */
static guint
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_str_has_prefix (table, "PRAGMA") ? g_strdup (table)
                         : g_strdup_printf ("SELECT count (*) FROM %s", table);
  sqlite3 *db = hc_store_lock_database (f->store);
  sqlite3_stmt *stmt;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  hc_store_unlock_database (f->store);
  return n;
}

/* The members' indexes are @indexes again, foreign keys on. */
static void
check_schema_kept (Fixture    *f,
                   const char *indexes)
{
  g_autofree char *now = NULL;
  gboolean foreign_keys = FALSE;

  now = member_indexes (f, &foreign_keys);
  g_assert_cmpstr (now, ==, indexes);
  g_assert_true (foreign_keys);
}

/* A first sync into an empty directory is loaded in bulk (foreign keys
 * off, the members' indexes made at the end): the same directory as
 * otherwise, the indexes and the foreign keys as they were after it, a
 * duplicate e-mail still refused, and the usual apply, foreign keys on,
 * when what the plan refers to changed since it was made. */
static void
test_first_sync_in_bulk (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *indexes = NULL;
  gboolean foreign_keys = FALSE;
  guint schema;
  static const char * const staff[] = {
    "E1|Ana|A|ana@x.test|active|E2|Paris||||department=Engineering",
    "E2|Bo|B|bo@x.test|active||Paris||Developer||department=Engineering",
    "E3|Cy|C||active|E1|Lyon||Developer",
    "E4|Di|D|di@x.test|inactive||Lyon",
    NULL
  };

  configure (f, "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\", "
             "\"levels\": [\"office\", \"department\"]}, "
             "\"roles\": {\"from\": \"position\", \"mapping\": "
             "[{\"position\": \"Developer\", \"role\": \"Engineer\"}]}}");
  indexes = member_indexes (f, &foreign_keys);
  g_assert_true (foreign_keys);
  g_assert_nonnull (strstr (indexes, "members_email_key"));
  g_assert_nonnull (strstr (indexes, "members_connector_external"));

  /* a hand role the mapping names, deleted between the plan and its
   * apply: the apply checks the role is there, and fails as with foreign
   * keys, leaving the directory empty */
  g_assert_true (hc_roles_create (f->store, "Engineer", NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (HcPlan) plan = plan_employees (f, staff);
    g_autoptr (HcSyncRun) run = hc_sync_run_new (f->cid, HC_SYNC_TRIGGER_MANUAL);

    g_assert_true (hc_roles_delete (f->store, "Engineer", TRUE, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (hc_store_apply_plan (f->store, plan, run, &error));
    g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
    g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
    g_clear_error (&error);
    g_assert_cmpuint (count_rows (f, "members"), ==, 0);
    g_assert_cmpuint (count_rows (f, "member_roles"), ==, 0);
    check_schema_kept (f, indexes);
  }

  /* a plan with two members of one e-mail (no plan makes one): refused
   * as by the index, nothing added */
  {
    g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_plan_item_free);
    g_autoptr (HcPlan) plan = NULL;
    g_autoptr (HcSyncRun) run = hc_sync_run_new (f->cid, HC_SYNC_TRIGGER_MANUAL);

    for (guint i = 0; i < 2; i++)
      {
        HcPlanItem *item = g_new0 (HcPlanItem, 1);
        HcFieldChange *email = g_new0 (HcFieldChange, 1);

        item->kind = HC_PLAN_INVITE;
        item->employee_id = g_strdup_printf ("D%u", i);
        item->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_change_free);
        email->field = g_strdup ("email");
        email->after = g_strdup (i == 0 ? "same@x.test" : "Same@X.test");
        g_ptr_array_add (item->changes, email);
        g_ptr_array_add (items, item);
      }
    plan = hc_plan_new_from_items (f->cid, g_steal_pointer (&items));
    g_assert_false (hc_store_apply_plan (f->store, plan, run, &error));
    g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
    g_assert_nonnull (strstr (error->message, "another member already has this e-mail"));
    g_clear_error (&error);
    g_assert_cmpuint (count_rows (f, "members"), ==, 0);
    g_assert_cmpuint (count_rows (f, "invitations"), ==, 0);
    check_schema_kept (f, indexes);
  }

  /* the load itself, in bulk (its indexes made again change the
   * schema's version): members, managers either way round, invitations,
   * groups old and new, roles; the indexes and foreign keys as before */
  schema = count_rows (f, "PRAGMA schema_version");
  sync_employees (f, staff);
  g_assert_cmpuint (count_rows (f, "PRAGMA schema_version"), >, schema);
  check_schema_kept (f, indexes);
  g_assert_cmpuint (count_rows (f, "members"), ==, 3);
  g_assert_cmpuint (count_rows (f, "invitations"), ==, 2);
  check_groups (f, "ana@x.test", "Staff/Paris/Engineering (hr)");
  check_groups (f, "bo@x.test", "Staff/Paris/Engineering (hr)");
  check_roles (f, "bo@x.test", "Engineer (hr)");
  {
    g_autoptr (HcMember) ana = hc_store_find_member_by_email (f->store, "ana@x.test", NULL);
    g_autoptr (GPtrArray) members = hc_store_list_members (f->store, &error);
    HcMember *cy = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < members->len; i++)
      if (g_strcmp0 (hc_member_get_external_id (g_ptr_array_index (members, i)), "E3") == 0)
        cy = g_ptr_array_index (members, i);
    g_assert_nonnull (cy);
    g_assert_cmpint (hc_member_get_manager_id (ana), ==, member_id (f, "bo@x.test"));
    g_assert_cmpint (hc_member_get_manager_id (cy), ==, member_id (f, "ana@x.test"));
    check_roles (f, "ana@x.test", "");
  }
  /* the indexes made again are the ones in use: a hand member with Ana's
   * e-mail is refused */
  {
    g_autoptr (HcMember) twin = hc_test_member ("0||ANA@x.test|Twin|A|active|manual");

    g_assert_false (hc_store_add_member (f->store, twin, &error));
    g_assert_error (error, HC_ERROR, HC_ERROR_EXISTS);
    g_clear_error (&error);
  }

  /* a hand member added between a plan of an empty directory and its
   * apply: the usual apply, with foreign keys */
  {
    g_autoptr (HcMember) hand = hc_test_member ("0||hand@x.test|Hand|H|active|manual");
    g_autoptr (HcPlan) plan = NULL;
    g_autoptr (HcSyncRun) run = NULL;
    gint64 other = hc_store_add_connector (f->store, "hr2", "demo", NULL, f->config, FALSE, &error);

    g_assert_no_error (error);
    f->cid = other;
    /* a plan of the new connection as if the directory were empty */
    {
      g_autoptr (GPtrArray) employees = hc_test_employees ((const char *[]) {
        "F1|Fa|F|fa@x.test|active||Paris", NULL
      });
      g_autoptr (GPtrArray) none = g_ptr_array_new ();

      plan = hc_plan_compute (f->config, other, employees, none, TRUE);
    }
    g_assert_true (hc_store_add_member (f->store, hand, &error));
    g_assert_no_error (error);
    run = hc_sync_run_new (other, HC_SYNC_TRIGGER_MANUAL);
    schema = count_rows (f, "PRAGMA schema_version");
    g_assert_true (hc_store_apply_plan (f->store, plan, run, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_rows (f, "PRAGMA schema_version"), ==, schema);
    g_assert_cmpint (member_id (f, "fa@x.test"), >, 0);
    check_schema_kept (f, indexes);
  }
}

/* Rows of @sql, a line each, every column quote()d by the query. */
static void
append_rows (GString    *out,
             sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
}

/* What a sync of @run wrote, told by HR ids rather than member ids: the
 * HR members, their invitations, groups and roles, and the run's history. */
static char *
synced_directory (HcStore *store,
                  gint64   run)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = hc_store_lock_database (store);

  append_rows (out, db, "SELECT quote (external_id), connector_id, quote (email), quote (first_name), "
               "quote (last_name), quote (preferred_name), quote (title), quote (department), quote (team), "
               "quote (office), quote (start_date), quote (end_date), "
               "quote ((SELECT b.external_id FROM members b WHERE b.id = m.manager_id)), state, hr_status, "
               "has_access, quote (custom), typeof (created_at), created_at = updated_at "
               "FROM members m WHERE external_id IS NOT NULL ORDER BY external_id");
  append_rows (out, db, "SELECT 'invitation', m.external_id, i.run_id, i.email, i.sent "
               "FROM invitations i JOIN members m ON m.id = i.member_id ORDER BY m.external_id, i.id");
  append_rows (out, db, "SELECT 'group', m.external_id, g.name, gm.added_by, gm.connector_id, quote (gm.rule) "
               "FROM group_members gm JOIN members m ON m.id = gm.member_id JOIN groups g ON g.id = gm.group_id "
               "ORDER BY m.external_id, g.id");
  append_rows (out, db, "SELECT 'role', m.external_id, r.name, mr.added_by, mr.connector_id, quote (mr.rule) "
               "FROM member_roles mr JOIN members m ON m.id = mr.member_id JOIN roles r ON r.id = mr.role_id "
               "ORDER BY m.external_id, r.id");
  hc_store_unlock_database (store);

  changes = hc_store_list_run_changes (store, run, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      HcRunChange *c = g_ptr_array_index (changes, i);

      g_string_append_printf (out, "change|%s|%s|%s|%s|%s|%s|%s|%" G_GINT64_FORMAT "\n", c->kind,
                              c->employee_id, c->member_name, c->field, c->before, c->after, c->rule,
                              c->object_id);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A bulk load writes its rows thousands to a statement: the same
 * directory and history as the usual apply of the same plan, past the
 * rows of one statement, managers before and after their reports,
 * members without an e-mail, skipped employees, custom fields, groups
 * and roles. */
static void
test_bulk_as_usual (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) bulk_run = hc_sync_run_new (f->cid, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (HcSyncRun) usual_run = hc_sync_run_new (f->cid, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (HcMember) hand = hc_test_member ("0||hand@x.test|Hand|H|active|manual");
  g_autofree char *bulk = NULL;
  g_autofree char *usual = NULL;
  Fixture other = { 0 };
  guint schema, other_schema;
  const guint n = 4500;

  configure (f, "{\"groups\": {\"mode\": \"hierarchy\", \"top\": \"Staff\", "
             "\"levels\": [\"office\", \"department\"]}, "
             "\"roles\": {\"from\": \"position\", \"mapping\": "
             "[{\"position\": \"Developer\", \"role\": \"Engineer\"}, "
             "{\"position\": \"Designer\", \"role\": \"Design\"}]}, "
             "\"mapping\": [{\"target\": \"custom.cost_center\", \"source\": \"cost_center\"}]}");
  for (guint i = 1; i <= n; i++)
    {
      /* odd: a manager after them; even: before them; none every tenth */
      g_autofree char *manager = i % 10 == 0 ? g_strdup ("")
                                 : g_strdup_printf ("E%u", i % 2 == 1 ? MIN (i + 1, n) : i / 2);
      g_autofree char *email = i % 50 == 7 ? g_strdup ("") : g_strdup_printf ("p%u@x.test", i);

      g_ptr_array_add (specs, g_strdup_printf ("E%u|First%u|Last%u|%s|%s|%s|%s||%s||department=%s%s%u",
                                               i, i, i, email,
                                               i % 97 == 3 ? "inactive" : "active", manager,
                                               i % 3 == 0 ? "Lyon" : "Paris",
                                               (const char *[]) { "Developer", "Designer", "Clerk" }[i % 3],
                                               i % 5 == 0 ? "Sales" : "Engineering",
                                               i % 4 == 0 ? ";cost_center=CC" : ";x=", i % 7));
    }
  g_ptr_array_add (specs, NULL);
  plan = plan_employees (f, (const char * const *) specs->pdata);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), >, 4096);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_CREATE_NO_ACCESS), >, 0);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_SKIP), >, 0);

  /* the same store but for a hand member: the usual apply */
  fixture_set_up (&other, NULL);
  g_assert_cmpint (other.cid, ==, f->cid);
  g_assert_true (hc_store_add_member (other.store, hand, &error));
  g_assert_no_error (error);

  schema = count_rows (f, "PRAGMA schema_version");
  g_assert_true (hc_store_apply_plan (f->store, plan, bulk_run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (f, "PRAGMA schema_version"), >, schema);
  other_schema = count_rows (&other, "PRAGMA schema_version");
  g_assert_true (hc_store_apply_plan (other.store, plan, usual_run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (&other, "PRAGMA schema_version"), ==, other_schema);

  bulk = synced_directory (f->store, bulk_run->id);
  usual = synced_directory (other.store, usual_run->id);
  g_assert_cmpstr (bulk, ==, usual);
  /* what is compared is there */
  g_assert_nonnull (strstr (bulk, "'E1'|1|'p1@x.test'|'First1'|'Last1'|NULL|'Designer'|'Engineering'|NULL|"
                            "'Paris'|NULL|NULL|'E2'|invited|managed|1|NULL|integer|1\n"));
  g_assert_nonnull (strstr (bulk, "\n'E4'|1|'p4@x.test'|'First4'|'Last4'|NULL|'Designer'|'Engineering'|NULL|"
                            "'Paris'|NULL|NULL|'E2'|invited|managed|1|'{\"cost_center\":\"CC4\"}'|integer|1\n"));
  g_assert_nonnull (strstr (bulk, "\n'E4098'|1|'p4098@x.test'|'First4098'|'Last4098'|NULL|'Developer'|"
                            "'Engineering'|NULL|'Lyon'|NULL|NULL|'E2049'|invited|managed|1|NULL|integer|1\n"));
  g_assert_nonnull (strstr (bulk, "\n'E2049'|1|'p2049@x.test'|'First2049'|'Last2049'|NULL|'Developer'|"
                            "'Engineering'|NULL|'Lyon'|NULL|NULL|'E2050'|"));
  g_assert_nonnull (strstr (bulk, "\n'E7'|1|NULL|'First7'|'Last7'|NULL|"));
  g_assert_nonnull (strstr (bulk, "\ninvitation|E4499|"));
  g_assert_nonnull (strstr (bulk, "\ngroup|E4499|Engineering|hr|1|'hierarchy office=Paris, department=Engineering'\n"));
  g_assert_nonnull (strstr (bulk, "\nrole|E4498|Design|hr|1|'position Designer'\n"));
  g_assert_nonnull (strstr (bulk, "\nchange|invite|E4499|First4499 Last4499|(null)|(null)|{\"first_name\":\"First4499\","));
  g_assert_nonnull (strstr (bulk, "\nchange|role_add|E4499|First4499 Last4499|"));
  g_assert_cmpuint (count_rows (f, "members"), ==,
                    hc_plan_count (plan, HC_PLAN_INVITE) + hc_plan_count (plan, HC_PLAN_CREATE_NO_ACCESS));
  g_assert_cmpuint (count_rows (f, "invitations"), ==, hc_plan_count (plan, HC_PLAN_INVITE));
  fixture_tear_down (&other, NULL);
}

static int
count_log_pages (gpointer    data,
                 sqlite3    *db,
                 const char *name,
                 int         pages)
{
  *(int *) data = MAX (*(int *) data, pages);
  return SQLITE_OK;
}

/* Applies @plan while the store's commits' pages in the log are counted;
 * returns the most the log held after a commit. */
static int
apply_counting_log (Fixture *f,
                    HcPlan  *plan)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSyncRun) run = hc_sync_run_new (f->cid, HC_SYNC_TRIGGER_MANUAL);
  sqlite3 *db = hc_store_lock_database (f->store);
  int pages = 0;

  /* the hook stands in for the automatic checkpoint while it counts */
  sqlite3_wal_hook (db, count_log_pages, &pages);
  hc_store_unlock_database (f->store);
  g_assert_true (hc_store_apply_plan (f->store, plan, run, &error));
  g_assert_no_error (error);
  db = hc_store_lock_database (f->store);
  sqlite3_wal_autocheckpoint (db, 1000);
  hc_store_unlock_database (f->store);
  return pages;
}

/* A bulk load writes its pages once, through SQLite's rollback journal
 * rather than its log, and the log is back after it; when another
 * connection has the database open, the journal cannot change and the
 * load goes through the log, loaded all the same. */
static void
test_bulk_journal (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *kept = NULL;
  g_autofree char *log = g_strconcat (f->path, "-wal", NULL);
  gboolean foreign_keys;
  Fixture other = { 0 };
  sqlite3 *reader = NULL;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 1; i <= 2000; i++)
    g_ptr_array_add (specs, g_strdup_printf ("E%u|First%u|Last%u|p%u@x.test|active||Paris", i, i, i, i));
  g_ptr_array_add (specs, NULL);
  kept = member_indexes (f, &foreign_keys);

  /* alone: nothing through the log */
  {
    g_autoptr (HcPlan) plan = plan_employees (f, (const char * const *) specs->pdata);

    g_assert_cmpint (apply_counting_log (f, plan), ==, 0);
    g_assert_cmpuint (count_rows (f, "members"), ==, 2000);
    check_schema_kept (f, kept);
    /* the log is in use again */
    g_assert_true (hc_store_set_connector_state (f->store, f->cid, HC_CONNECTOR_STATE_CONNECTED, NULL, NULL));
    g_assert_true (g_file_test (log, G_FILE_TEST_EXISTS));
  }

  /* another connection reading: through the log */
  fixture_set_up (&other, NULL);
  g_assert_cmpint (sqlite3_open_v2 (other.path, &reader, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (reader, "SELECT count (*) FROM members", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_reset (stmt), ==, SQLITE_OK);
  {
    g_autoptr (HcPlan) plan = plan_employees (&other, (const char * const *) specs->pdata);

    g_assert_cmpint (apply_counting_log (&other, plan), >, 10);
    g_assert_cmpuint (count_rows (&other, "members"), ==, 2000);
    check_schema_kept (&other, kept);
  }
  /* the other connection sees them */
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2000);
  sqlite3_finalize (stmt);
  sqlite3_close (reader);
  fixture_tear_down (&other, NULL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/group-plan/hierarchy-syncs", test_hierarchy_syncs);
  ADD ("/group-plan/missing-top", test_missing_top);
  ADD ("/group-plan/history-undo", test_history_undo);
  ADD ("/group-plan/undo-created", test_undo_created);
  ADD ("/group-plan/teams", test_teams);
  ADD ("/group-plan/teams-two-levels", test_teams_two_levels);
  ADD ("/group-plan/roles", test_roles);
  ADD ("/group-plan/json", test_json);
  ADD ("/group-plan/migration-3", test_migration_3);
  ADD ("/group-plan/csv", test_csv);
  ADD ("/group-plan/roles-default", test_roles_default);
  ADD ("/group-plan/history-stored", test_history_stored);
  ADD ("/group-plan/history-compressed", test_history_compressed);
  ADD ("/group-plan/first-sync-in-bulk", test_first_sync_in_bulk);
  ADD ("/group-plan/bulk-as-usual", test_bulk_as_usual);
  ADD ("/group-plan/bulk-journal", test_bulk_journal);

  return g_test_run ();
}
