/* test-plan.c — table-driven tests of the plan (product rules 5–12)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>

#include "hc-config.h"
#include "hc-plan.h"
#include "hc-test-fixtures.h"

#define C 1   /* the connector under test */
#define NMAX 12

typedef struct
{
  const char *name;
  const char *employees[NMAX];
  const char *members[NMAX];
  const char *config;           /* JSON, NULL for the default */
  gboolean    first_sync;
  /* invite, create_no_access, become_managed, update, archive, unmanage, skip, unchanged */
  guint       counts[HC_PLAN_N_KINDS];
  gboolean    needs_confirmation;
  /* "E1=invite", "#5=unmanage" (member id), "E2.manager=E1", "E3~title" (a change of title) */
  const char *expect[NMAX];
} PlanCase;

static const PlanCase cases[] = {
  {
    "first sync invites everyone with an e-mail",
    { "E1|Zoé|Lefèvre|zoe@x.test", "E2|Jürgen|Müller|jurgen@x.test|onboarding", "E3|Åse|Ørsted|ase@x.test|leave" },
    { NULL }, NULL, TRUE,
    { 3, 0, 0, 0, 0, 0, 0, 0 }, TRUE,
    { "E1=invite", "E2=invite", "E3=invite" },
  },
  {
    "rule 6: an employee without e-mail is created without access",
    { "E1|Paul|Sans|" },
    { NULL }, NULL, FALSE,
    { 0, 1, 0, 0, 0, 0, 0, 0 }, FALSE,
    { "E1=create_no_access" },
  },
  {
    "rule 5: match by employee id even when the e-mail changed",
    { "E1|Zoé|Lefèvre|zoe.new@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "E1=update", "E1~email" },
  },
  {
    "rule 5: match a manual member by e-mail, case-insensitively",
    { "E1|Zoé|Lefèvre|Zoe.Lefevre@X.test" },
    { "10||zoe.lefevre@x.test|Zoé|Lefèvre|active|manual" }, NULL, FALSE,
    { 0, 0, 1, 0, 0, 0, 0, 0 }, FALSE,
    { "E1=become_managed", "#10=become_managed", "E1~employee_id" },
  },
  {
    "rule 7: unchanged member gives no change",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 0, 1 }, FALSE,
    { "E1=unchanged" },
  },
  {
    "rule 7: fields are updated from HR",
    { "E1|Zoé|Lefèvre|zoe@x.test||||false|CTO" },
    { "10|E1|zoe@x.test|Zoe|Lefèvre|active|managed|1|CEO" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "E1=update", "E1~title", "E1~first_name" },
  },
  {
    "rule 10: manual members are never touched",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1", "11||solo@x.test|Solo|Manual|active|manual", "12||gone@x.test|Old|Manual|archived|manual" },
    "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 0, 0, 0, 1 }, FALSE,
    { "#11=none", "#12=none" },
  },
  {
    "rule 9: inactive employee with archiving off becomes previously managed",
    { "E1|Zoé|Lefèvre|zoe@x.test|inactive" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 1, 0, 0 }, FALSE,
    { "#10=unmanage" },
  },
  {
    "rule 9: inactive employee with archiving on is archived",
    { "E1|Zoé|Lefèvre|zoe@x.test|inactive" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1" }, "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 1, 0, 0, 0 }, FALSE,
    { "#10=archive" },
  },
  {
    "rule 9: an employee gone from HR is archived only with archiving on",
    { "E2|Ann|Other|ann@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1", "11|E2|ann@x.test|Ann|Other|active|managed|1" },
    "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 1, 0, 0, 1 }, FALSE,
    { "#10=archive", "E2=unchanged" },
  },
  {
    "rule 9: an employee gone from HR with archiving off is previously managed",
    { NULL },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 1, 0, 0 }, FALSE,
    { "#10=unmanage" },
  },
  {
    "rule 8: a filter change never archives, even with archiving on",
    { "E1|Zoé|Lefèvre|zoe@x.test|active||Lyon", "E2|Ann|Other|ann@x.test|active||Paris" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1" },
    "{\"archive_inactive\": true, \"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}",
    FALSE,
    { 1, 0, 0, 0, 0, 1, 0, 0 }, FALSE,
    { "#10=unmanage", "E2=invite" },
  },
  {
    "rule 3: the exclusion checkbox keeps an employee out",
    { "E1|Zoé|Lefèvre|zoe@x.test|active|||yes", "E2|Ann|Other|ann@x.test|active|||false" },
    { NULL }, NULL, FALSE,
    { 1, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=skip", "E2=invite" },
  },
  {
    "rule 3: inactive employees without a member are skipped",
    { "E1|Zoé|Lefèvre|zoe@x.test|inactive" },
    { NULL }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=skip" },
  },
  {
    "rule 7: managers resolve to members, new ones included",
    { "E1|Chief|Boss|boss@x.test", "E2|Ann|Report|ann@x.test|active|E1" },
    { NULL }, NULL, FALSE,
    { 2, 0, 0, 0, 0, 0, 0, 0 }, FALSE,
    { "E2.manager=E1", "E1.manager=", "E2~manager" },
  },
  {
    "a manager cycle does not hang and each keeps its manager",
    { "E1|Ann|One|one@x.test|active|E2|Paris", "E2|Bob|Two|two@x.test|active|E1|London" },
    { NULL },
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}], \"include_managers\": true}}",
    FALSE,
    { 2, 0, 0, 0, 0, 0, 0, 0 }, FALSE,
    { "E1.manager=E2", "E2.manager=E1" },
  },
  {
    "rule 4: include managers brings the chain into scope",
    { "E1|Chief|Boss|boss@x.test|active||London", "E2|Mid|Lead|mid@x.test|active|E1|Berlin", "E3|Ann|Report|ann@x.test|active|E2|Paris", "E4|Other|Person|o@x.test|active|E1|Lyon" },
    { NULL },
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"paris\"]}], \"include_managers\": true}}",
    FALSE,
    { 3, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=invite", "E2=invite", "E3=invite", "E4=skip", "E3.manager=E2" },
  },
  {
    "without include managers a manager outside the scope is left unset",
    { "E1|Chief|Boss|boss@x.test|active||London", "E3|Ann|Report|ann@x.test|active|E1|Paris" },
    { NULL },
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}",
    FALSE,
    { 1, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E3=invite", "E3.manager=", "E1=skip" },
  },
  {
    "two employees with one e-mail: the second is skipped",
    { "E1|Alex|Martin|Alex.Martin@x.test", "E2|Alex|Martin|alex.martin@x.test" },
    { NULL }, NULL, FALSE,
    { 1, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=invite", "E2=skip" },
  },
  {
    "a duplicate e-mail never steals the member matched by id",
    { "E2|Alex|Martin|alex@x.test", "E1|Alex|Martin|alex@x.test" },
    { "10|E1|alex@x.test|Alex|Martin|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 1, 1 }, FALSE,
    { "E1=unchanged", "E2=skip" },
  },
  {
    "a member of another connector is never matched",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|X9|zoe@x.test|Zoé|Lefèvre|active|managed|2" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=skip", "#10=none" },
  },
  {
    "a previously managed member back in scope is managed again",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|previously_managed|1" }, NULL, FALSE,
    { 0, 0, 1, 0, 0, 0, 0, 0 }, FALSE,
    { "#10=become_managed" },
  },
  {
    "a previously managed member out of scope is left alone",
    { "E1|Zoé|Lefèvre|zoe@x.test|inactive" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|previously_managed|1" }, "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "#10=none", "E1=skip" },
  },
  {
    "a rehired employee's archived member is restored",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|archived|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "#10=update", "E1~state" },
  },
  {
    "an archived managed member is not archived again",
    { "E1|Zoé|Lefèvre|zoe@x.test|inactive" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|archived|managed|1" }, "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 0, 0, 0, 0 }, FALSE,
    { "#10=none" },
  },
  {
    "rule 12: archiving more than the threshold needs confirmation",
    { NULL },
    { "1|E1|a1@x.test|A|1|active|managed|1", "2|E2|a2@x.test|A|2|active|managed|1",
      "3|E3|a3@x.test|A|3|active|managed|1", "4|E4|a4@x.test|A|4|active|managed|1",
      "5|E5|a5@x.test|A|5|active|managed|1", "6|E6|a6@x.test|A|6|active|managed|1" },
    "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 6, 0, 0, 0 }, TRUE,
    { "#1=archive", "#6=archive" },
  },
  {
    "rule 12: archiving up to the threshold (at least 5) needs none",
    { "E6|A|6|a6@x.test" },
    { "1|E1|a1@x.test|A|1|active|managed|1", "2|E2|a2@x.test|A|2|active|managed|1",
      "3|E3|a3@x.test|A|3|active|managed|1", "4|E4|a4@x.test|A|4|active|managed|1",
      "5|E5|a5@x.test|A|5|active|managed|1", "6|E6|a6@x.test|A|6|active|managed|1" },
    "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 5, 0, 0, 1 }, FALSE,
    { "#1=archive", "E6=unchanged" },
  },
  {
    "custom statuses: leave out of scope makes a managed member previously managed",
    { "E1|Zoé|Lefèvre|zoe@x.test|leave" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1" },
    "{\"archive_inactive\": true, \"scope\": {\"statuses\": [\"active\"]}}", FALSE,
    { 0, 0, 0, 0, 0, 1, 0, 0 }, FALSE,
    { "#10=unmanage" },
  },
  {
    "an employee without e-mail gains access when HR adds one",
    { "E1|Paul|Sans|paul@x.test" },
    { "10|E1||Paul|Sans|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "E1~email", "E1~access" },
  },
};

static HcPlanItem *
find_item (HcPlan     *plan,
           const char *key)
{
  GPtrArray *items = hc_plan_get_items (plan);

  for (guint i = 0; i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);

      if (key[0] == '#')
        {
          if (item->member_id == g_ascii_strtoll (key + 1, NULL, 10))
            return item;
        }
      else if (g_strcmp0 (item->employee_id, key) == 0 && item->kind != HC_PLAN_SKIP)
        return item;
    }
  /* a skip is found last, so a duplicate's skip does not hide the other */
  for (guint i = 0; i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);

      if (key[0] != '#' && g_strcmp0 (item->employee_id, key) == 0)
        return item;
    }
  return NULL;
}

static gboolean
has_change (HcPlanItem *item,
            const char *field)
{
  for (guint i = 0; item->changes && i < item->changes->len; i++)
    if (g_str_equal (((HcFieldChange *) g_ptr_array_index (item->changes, i))->field, field))
      return TRUE;
  return FALSE;
}

static void
check_expectation (HcPlan     *plan,
                   const char *expect)
{
  g_auto(GStrv) parts = NULL;

  if (strchr (expect, '~'))
    {
      HcPlanItem *item;

      parts = g_strsplit (expect, "~", 2);
      item = find_item (plan, parts[0]);
      g_assert_nonnull (item);
      if (!has_change (item, parts[1]))
        g_error ("%s: expected a change of “%s”", expect, parts[1]);
      return;
    }

  if (strstr (expect, ".manager="))
    {
      HcPlanItem *item;

      parts = g_strsplit (expect, ".manager=", 2);
      item = find_item (plan, parts[0]);
      g_assert_nonnull (item);
      g_assert_cmpstr (item->manager_employee_id, ==, *parts[1] ? parts[1] : NULL);
      return;
    }

  parts = g_strsplit (expect, "=", 2);
  {
    HcPlanItem *item = find_item (plan, parts[0]);

    if (g_str_equal (parts[1], "none"))
      {
        if (item != NULL)
          g_error ("%s: expected no item, got %s", expect, hc_plan_kind_to_string (item->kind));
        return;
      }
    if (item == NULL)
      g_error ("%s: no item", expect);
    g_assert_cmpstr (hc_plan_kind_to_string (item->kind), ==, parts[1]);
  }
}

static void
test_plan_case (gconstpointer data)
{
  const PlanCase *pc = data;
  g_autoptr(GPtrArray) employees = hc_test_employees (pc->employees);
  g_autoptr(GPtrArray) members = hc_test_members (pc->members);
  g_autoptr(HcConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HcPlan) plan = NULL;

  if (pc->config)
    {
      config = hc_config_new_from_json (pc->config, &error);
      g_assert_no_error (error);
    }
  else
    config = hc_config_new_default ();

  plan = hc_plan_compute (config, C, employees, members, pc->first_sync);
  g_assert_nonnull (plan);

  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    if (hc_plan_count (plan, k) != pc->counts[k])
      g_error ("%s: expected %u %s, got %u", pc->name, pc->counts[k],
               hc_plan_kind_to_string (k), hc_plan_count (plan, k));

  g_assert_cmpint (hc_plan_needs_confirmation (plan), ==, pc->needs_confirmation);
  if (pc->needs_confirmation)
    g_assert_nonnull (hc_plan_get_confirmation_reason (plan));

  for (guint i = 0; i < NMAX && pc->expect[i]; i++)
    check_expectation (plan, pc->expect[i]);
}

/* The plan reads its inputs and changes none of them. */
static void
test_plan_is_pure (void)
{
  const char *especs[] = { "E1|Zoé|Lefèvre|zoe@x.test||||false|CTO", "E2|A|B|", NULL };
  const char *mspecs[] = { "10||ZOE@x.test|Zoe|L|archived|manual", NULL };
  g_autoptr(GPtrArray) employees = hc_test_employees (especs);
  g_autoptr(GPtrArray) members = hc_test_members (mspecs);
  g_autoptr(HcConfig) config = hc_config_new_default ();
  g_autoptr(HcPlan) first = NULL;
  g_autoptr(HcPlan) second = NULL;
  HcMember *m = g_ptr_array_index (members, 0);

  first = hc_plan_compute (config, C, employees, members, FALSE);
  second = hc_plan_compute (config, C, employees, members, FALSE);

  g_assert_cmpstr (hc_member_get_first_name (m), ==, "Zoe");
  g_assert_cmpint (hc_member_get_state (m), ==, HC_MEMBER_STATE_ARCHIVED);
  g_assert_cmpint (hc_member_get_hr_status (m), ==, HC_HR_STATUS_MANUAL);
  g_assert_null (hc_member_get_external_id (m));
  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    g_assert_cmpuint (hc_plan_count (first, k), ==, hc_plan_count (second, k));
  g_assert_cmpuint (hc_plan_count (first, HC_PLAN_BECOME_MANAGED), ==, 1);
}

/* A long cycle through many managers terminates too. */
static void
test_plan_long_cycle (void)
{
  g_autoptr(GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HcConfig) config = hc_config_new_from_json (
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}],"
    " \"include_managers\": true}}", NULL);
  g_autoptr(HcPlan) plan = NULL;
  const guint n = 500;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *spec = g_strdup_printf ("E%u|F%u|L%u|e%u@x.test|active|E%u|%s",
                                               i, i, i, i, (i + 1) % n, i == 0 ? "Paris" : "Lyon");
      g_ptr_array_add (employees, hc_test_employee (spec));
    }
  plan = hc_plan_compute (config, C, employees, members, FALSE);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), ==, n);
}

static void
test_plan_json (void)
{
  const char *especs[] = { "E1|Zoé|Lefèvre|zoe@x.test", "E2|A|B|", NULL };
  g_autoptr(GPtrArray) employees = hc_test_employees (especs);
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autoptr(HcConfig) config = hc_config_new_default ();
  g_autoptr(HcPlan) plan = hc_plan_compute (config, C, employees, members, TRUE);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj, *counts;

  hc_plan_to_json (plan, builder, TRUE);
  root = json_builder_get_root (builder);
  obj = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (obj, "needs_confirmation"));
  counts = json_object_get_object_member (obj, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "invite"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "create_no_access"), ==, 1);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (obj, "items")), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/plan/case/%02u", i);
      g_test_add_data_func (path, &cases[i], test_plan_case);
    }
  g_test_add_func ("/plan/pure", test_plan_is_pure);
  g_test_add_func ("/plan/long-cycle", test_plan_long_cycle);
  g_test_add_func ("/plan/json", test_plan_json);

  return g_test_run ();
}
