/* test-plan.c — table-driven tests of the plan (rules.md 5–12, 18, 20)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "hc-config.h"
#include "hc-error.h"
#include "hc-file-connector.h"
#include "hc-plan.h"
#include "hc-store.h"
#include "hc-sync.h"
#include "hc-test-fixtures.h"

#define C 1   /* the connector under test */
#define NMAX 12
/* Every plan is computed on this day. */
#define TODAY "2026-06-01"

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
  /* "E1=invite", "#5=unmanage" (member id), "E2.manager=E1", "E3~title" (a change of title),
   * "E4?duplicate_email" (the reason code), "E5@email" (how the member was matched) */
  const char *expect[NMAX];
  /* a fragment one of the warnings has, or NULL for no warning at all */
  const char *warning;
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
    { "E1=become_managed", "#10=become_managed", "E1~employee_id", "E1@email" },
    "already belongs to the manual member",
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
    { 0, 0, 0, 0, 0, 1, 0, 0 }, TRUE,
    { "#10=unmanage" },
  },
  {
    "rule 9: inactive employee with archiving on is archived",
    { "E1|Zoé|Lefèvre|zoe@x.test|inactive" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1" }, "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 1, 0, 0, 0 }, TRUE,
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
    { 0, 0, 0, 0, 0, 1, 0, 0 }, TRUE,
    { "#10=unmanage" },
  },
  {
    "rule 8: a filter change never archives, even with archiving on",
    { "E1|Zoé|Lefèvre|zoe@x.test|active||Lyon", "E2|Ann|Other|ann@x.test|active||Paris" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1" },
    "{\"archive_inactive\": true, \"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}",
    FALSE,
    { 1, 0, 0, 0, 0, 1, 0, 0 }, TRUE,
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
    "Ann One (E1) and Bob Two (E2) are each other’s managers in the HR system",
  },
  {
    "rule 7: a reporting cycle of three is named in reporting order",
    { "E9|Di|Four|four@x.test|active|E1", "E1|Ann|One|one@x.test|active|E2", "E2|Bob|Two|two@x.test|active|E3",
      "E3|Cy|Three|three@x.test|active|E1" },
    { NULL }, NULL, FALSE,
    { 4, 0, 0, 0, 0, 0, 0, 0 }, FALSE,
    { "E1.manager=E2", "E3.manager=E1", "E9.manager=E1" },
    "each of these reports to the next, in a circle: Ann One (E1) → Bob Two (E2) → Cy Three (E3) → Ann One (E1).",
  },
  {
    "rule 7: one's own manager is no cycle",
    { "E3|Cy|Three|three@x.test|active|E3" },
    { NULL }, NULL, FALSE,
    { 1, 0, 0, 0, 0, 0, 0, 0 }, FALSE,
    { "E3.manager=" },
    NULL,
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
    { "E3=invite", "E3.manager=", "E1=skip", "E1?filtered_out" },
    "turn on “Include managers automatically”",
  },
  {
    "two employees with one e-mail: the second is skipped",
    { "E1|Alex|Martin|Alex.Martin@x.test", "E2|Alex|Martin|alex.martin@x.test" },
    { NULL }, NULL, FALSE,
    { 1, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=invite", "E2=skip", "E2?duplicate_email" },
    "Headcount syncs E1 and skips E2",
  },
  {
    "a duplicate e-mail never steals the member matched by id",
    { "E2|Alex|Martin|alex@x.test", "E1|Alex|Martin|alex@x.test" },
    { "10|E1|alex@x.test|Alex|Martin|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 1, 1 }, FALSE,
    { "E1=unchanged", "E2=skip", "E1@employee_id" },
    "skips E2",
  },
  {
    "a member of another connector is never matched",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|X9|zoe@x.test|Zoé|Lefèvre|active|managed|2" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=skip", "#10=none", "E1?foreign_member" },
    "another connector manages",
  },
  {
    "a previously managed member back in scope is managed again",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|previously_managed|1" }, NULL, FALSE,
    { 0, 0, 1, 0, 0, 0, 0, 0 }, FALSE,
    { "#10=become_managed" },
  },
  /* archiving switched on after members became previously managed */
  {
    "archiving on later: a previously managed member whose employee is inactive is archived",
    { "E1|Zoé|Lefèvre|zoe@x.test|inactive" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|previously_managed|1" }, "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 1, 0, 0, 0 }, FALSE,
    { "#10=archive", "#10?inactive", "#10~state" },
  },
  {
    "archiving on later: a previously managed member whose employee is gone is archived",
    { "E2|Ann|Other|ann@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|invited|previously_managed|1", "11|E2|ann@x.test|Ann|Other|active|managed|1" },
    "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 1, 0, 0, 1 }, FALSE,
    { "#10=archive", "#10?gone" },
  },
  {
    "archiving off: a previously managed member whose employee is inactive is left alone",
    { "E1|Zoé|Lefèvre|zoe@x.test|inactive" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|previously_managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "#10=none", "E1=skip" },
  },
  {
    "archiving on later: a previously managed member out of the filter only is left alone (rules.md 8)",
    { "E1|Zoé|Lefèvre|zoe@x.test|active||Lyon" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|previously_managed|1" },
    "{\"archive_inactive\": true, \"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}",
    FALSE,
    { 0, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "#10=none", "E1?filtered_out" },
  },
  {
    "archiving on later: another connector's previously managed member is not this one's to archive",
    { NULL },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|previously_managed|2" }, "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 0, 0, 0, 0 }, FALSE,
    { "#10=none" },
  },
  {
    "archiving on later: a previously managed member archived already stays as it is",
    { NULL },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|archived|previously_managed|1" }, "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 0, 0, 0, 0 }, FALSE,
    { "#10=none" },
  },
  {
    "archiving on later: previously managed members count toward the safety threshold",
    { NULL },
    { "1|E1|a1@x.test|A|1|active|previously_managed|1", "2|E2|a2@x.test|A|2|active|previously_managed|1",
      "3|E3|a3@x.test|A|3|active|previously_managed|1", "4|E4|a4@x.test|A|4|active|managed|1",
      "5|E5|a5@x.test|A|5|active|managed|1", "6|E6|a6@x.test|A|6|active|previously_managed|1" },
    "{\"archive_inactive\": true}", FALSE,
    { 0, 0, 0, 0, 6, 0, 0, 0 }, TRUE,
    { "#1=archive", "#4=archive", "#6=archive" },
  },
  /* people who come back return to the state they had before the archive */
  {
    "back from the archive, never joined: invited again",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|archived|managed|1|||invited" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "#10=update", "E1~state=invited" },
  },
  {
    "back from the archive, had joined: active",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|archived|managed|1|||active" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "#10=update", "E1~state=active" },
  },
  {
    "back from the archive, state before not known: active, as before Headcount kept it",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|archived|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "#10=update", "E1~state=active" },
  },
  {
    "back from the archive without e-mail, never joined: active without access",
    { "E1|Zoé|Lefèvre|" },
    { "10|E1||Zoé|Lefèvre|archived|managed|1|||invited" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "#10=update", "E1~state=active" },
  },
  {
    "back from the archive with a new e-mail, had no access: invited",
    { "E1|Zoé|Lefèvre|zoe@x.test" },
    { "10|E1||Zoé|Lefèvre|archived|managed|1|||active" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "#10=update", "E1~state=invited", "E1~access" },
  },
  {
    "a rehire under a new HR id with the same e-mail: the archived member comes back",
    { "E9|Zoé|Lefèvre|Zoe@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|archived|managed|1|||invited" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "#10=update", "E9@email", "E9~state=invited", "E9~employee_id=E9" },
  },
  {
    "a rehire under a new HR id who had joined: active",
    { "E9|Zoé|Lefèvre|zoe@x.test" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|archived|previously_managed|1|||active" }, NULL, FALSE,
    { 0, 0, 1, 0, 0, 0, 0, 0 }, FALSE,
    { "#10=become_managed", "E9~state=active" },
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
  /* rules.md 12: what hurts counts, members no longer managed as well as archives */
  {
    "rule 12: an empty employee list no longer manages everyone: confirmation",
    { NULL },
    { "1|E1|a1@x.test|A|1|active|managed|1", "2|E2|a2@x.test|A|2|active|managed|1",
      "3|E3|a3@x.test|A|3|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 3, 0, 0 }, TRUE,
    { "#1=unmanage", "#3=unmanage" },
  },
  {
    "rule 12: the only managed member no longer managed: confirmation",
    { NULL },
    { "1|E1|a1@x.test|A|1|active|managed|1", "2|E2|a2@x.test|A|2|active|managed|2" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 1, 0, 0 }, TRUE,
    { "#1=unmanage", "#2=none" },
  },
  {
    "rule 12: half the managed members no longer managed, above the threshold: confirmation",
    { "E1|A|1|a1@x.test", "E2|A|2|a2@x.test", "E3|A|3|a3@x.test", "E4|A|4|a4@x.test",
      "E5|A|5|a5@x.test", "E6|A|6|a6@x.test" },
    { "1|E1|a1@x.test|A|1|active|managed|1", "2|E2|a2@x.test|A|2|active|managed|1",
      "3|E3|a3@x.test|A|3|active|managed|1", "4|E4|a4@x.test|A|4|active|managed|1",
      "5|E5|a5@x.test|A|5|active|managed|1", "6|E6|a6@x.test|A|6|active|managed|1",
      "7|E7|a7@x.test|A|7|active|managed|1", "8|E8|a8@x.test|A|8|active|managed|1",
      "9|E9|a9@x.test|A|9|active|managed|1", "10|E10|a10@x.test|A|10|active|managed|1",
      "11|E11|a11@x.test|A|11|active|managed|1", "12|E12|a12@x.test|A|12|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 6, 0, 6 }, TRUE,
    { "#7=unmanage", "#12=unmanage", "E1=unchanged" },
  },
  {
    "rule 12: members no longer managed up to the threshold need none",
    { "E1|A|1|a1@x.test", "E2|A|2|a2@x.test", "E3|A|3|a3@x.test", "E4|A|4|a4@x.test",
      "E5|A|5|a5@x.test", "E6|A|6|a6@x.test", "E7|A|7|a7@x.test" },
    { "1|E1|a1@x.test|A|1|active|managed|1", "2|E2|a2@x.test|A|2|active|managed|1",
      "3|E3|a3@x.test|A|3|active|managed|1", "4|E4|a4@x.test|A|4|active|managed|1",
      "5|E5|a5@x.test|A|5|active|managed|1", "6|E6|a6@x.test|A|6|active|managed|1",
      "7|E7|a7@x.test|A|7|active|managed|1", "8|E8|a8@x.test|A|8|active|managed|1",
      "9|E9|a9@x.test|A|9|active|managed|1", "10|E10|a10@x.test|A|10|active|managed|1",
      "11|E11|a11@x.test|A|11|active|managed|1", "12|E12|a12@x.test|A|12|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 5, 0, 7 }, FALSE,
    { "#8=unmanage", "#12=unmanage" },
  },
  {
    "rule 12: archives and members no longer managed are summed against the threshold",
    { "E1|A|1|a1@x.test", "E2|A|2|a2@x.test", "E3|A|3|a3@x.test", "E4|A|4|a4@x.test",
      "E5|A|5|a5@x.test", "E6|A|6|a6@x.test", "E7|A|7|a7@x.test|leave", "E8|A|8|a8@x.test|leave",
      "E9|A|9|a9@x.test|leave" },
    { "1|E1|a1@x.test|A|1|active|managed|1", "2|E2|a2@x.test|A|2|active|managed|1",
      "3|E3|a3@x.test|A|3|active|managed|1", "4|E4|a4@x.test|A|4|active|managed|1",
      "5|E5|a5@x.test|A|5|active|managed|1", "6|E6|a6@x.test|A|6|active|managed|1",
      "7|E7|a7@x.test|A|7|active|managed|1", "8|E8|a8@x.test|A|8|active|managed|1",
      "9|E9|a9@x.test|A|9|active|managed|1", "10|E10|a10@x.test|A|10|active|managed|1",
      "11|E11|a11@x.test|A|11|active|managed|1", "12|E12|a12@x.test|A|12|active|managed|1" },
    "{\"archive_inactive\": true, \"scope\": {\"statuses\": [\"active\"]}}", FALSE,
    { 0, 0, 0, 0, 3, 3, 0, 6 }, TRUE,
    { "#7=unmanage", "#10=archive" },
  },
  {
    "custom statuses: leave out of scope makes a managed member previously managed",
    { "E1|Zoé|Lefèvre|zoe@x.test|leave" },
    { "10|E1|zoe@x.test|Zoé|Lefèvre|active|managed|1" },
    "{\"archive_inactive\": true, \"scope\": {\"statuses\": [\"active\"]}}", FALSE,
    { 0, 0, 0, 0, 0, 1, 0, 0 }, TRUE,
    { "#10=unmanage" },
  },
  {
    "skipped employees say why",
    { "E1|A|One|1@x.test|active||Lyon", "E2|B|Two|2@x.test|active||Paris|yes", "E3|C|Three|3@x.test|inactive||Paris",
      "E4|D|Four|4@x.test|leave||Paris", "E5|E|Five|5@x.test|active||Paris" },
    { NULL },
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}],"
    " \"statuses\": [\"active\", \"onboarding\"]}}", FALSE,
    { 1, 0, 0, 0, 0, 0, 4, 0 }, FALSE,
    { "E1?filtered_out", "E2?excluded", "E3?inactive", "E4?status", "E5=invite" },
  },
  {
    "a repeated employee id is skipped with a warning",
    { "E1|A|One|1@x.test", "E1|A|Again|again@x.test" },
    { NULL }, NULL, FALSE,
    { 1, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=invite", "E1?duplicate_id", "E1~last_name=One" },
    "sent employee id E1 twice",
  },
  {
    "a repeated employee id: the first record is the one in the reporting lines",
    { "E1|Ann|One|one@x.test|active|E2", "E2|Bob|Two|two@x.test|active|E1", "E1|Ann|Again|again@x.test|active" },
    { NULL }, NULL, FALSE,
    { 2, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=invite", "E1~last_name=One", "E1?duplicate_id", "E2.manager=E1" },
    "Ann One (E1) and Bob Two (E2) are each other’s managers in the HR system",
  },
  {
    "a required field left empty skips the employee",
    { "E1|A|One|1@x.test|||||||department=Sales", "E2|B|Two|2@x.test" },
    { NULL },
    "{\"mapping\": [{\"target\": \"department\", \"source\": \"department\", \"required\": true}]}", FALSE,
    { 1, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=invite", "E2=skip", "E2?missing_required_field" },
  },
  {
    "an employee with neither name nor e-mail is skipped",
    { "E1|||", "E2|Only|" },
    { NULL }, NULL, FALSE,
    { 0, 1, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1?missing_required_field", "E2=create_no_access" },
  },
  {
    "a required field gone empty makes a managed member previously managed",
    { "E1|A|One|1@x.test" },
    { "10|E1|1@x.test|A|One|active|managed|1" },
    "{\"mapping\": [{\"target\": \"title\", \"source\": \"position\", \"required\": true}]}", FALSE,
    { 0, 0, 0, 0, 0, 1, 1, 0 }, TRUE,
    { "#10=unmanage", "#10?missing_required_field" },
  },
  {
    "an onboarding employee is invited as soon as the HR system has them",
    { "E1|A|One|1@x.test|onboarding|||||2026-06-10", "E2|B|Two|2@x.test|onboarding|||||2026-06-01" },
    { NULL }, NULL, FALSE,
    { 2, 0, 0, 0, 0, 0, 0, 0 }, FALSE,
    { "E1=invite", "E2=invite" },
  },
  {
    "a one-day pre-start limit: a future hire waits, one starting today is in",
    { "E1|A|One|1@x.test|onboarding|||||2026-06-10", "E2|B|Two|2@x.test|onboarding|||||2026-06-01" },
    { NULL }, "{\"pre_start_days\": 1}", FALSE,
    { 1, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=skip", "E1?not_started", "E2=invite" },
  },
  {
    "a pre-start limit that reaches the start date brings a future hire in",
    { "E1|A|One|1@x.test|onboarding|||||2026-06-10" },
    { NULL }, "{\"pre_start_days\": 14}", FALSE,
    { 1, 0, 0, 0, 0, 0, 0, 0 }, FALSE,
    { "E1=invite" },
  },
  {
    "match keys: employee id first, then e-mail",
    { "E1|A|One|new1@x.test", "E2|B|Two|Two@X.test" },
    { "10|E1|old1@x.test|A|One|active|managed|1", "11||two@x.test|B|Two|active|manual" }, NULL, FALSE,
    { 0, 0, 1, 1, 0, 0, 0, 0 }, FALSE,
    { "E1@employee_id", "E2@email", "E1=update", "E2=become_managed" },
    "already belongs to the manual member",
  },
  {
    "an e-mail another employee's member keeps is a conflict",
    { "E1|A|One|a@x.test|active||Lyon", "E2|B|Two|a@x.test|active||Paris" },
    { "10|E1|a@x.test|A|One|active|managed|1" },
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}", FALSE,
    { 0, 0, 0, 0, 0, 1, 1, 0 }, TRUE,
    { "E2=skip", "E2?duplicate_email", "#10=unmanage", "#10?filtered_out" },
    "the member of employee E1",
  },
  /* No two members share an e-mail (the store's unique index) */
  {
    "an e-mail freed in the same sync is free for the next one only",
    { "E1|A|One|b@x.test", "E2|B|Two|a@x.test" },
    { "10|E1|a@x.test|A|One|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 1, 0 }, FALSE,
    { "E1=update", "E1~email", "E2=skip", "E2?duplicate_email" },
    "the member of employee E1",
  },
  {
    "the same e-mail the next sync: invited",
    { "E1|A|One|b@x.test", "E2|B|Two|a@x.test" },
    { "10|E1|b@x.test|A|One|active|managed|1" }, NULL, FALSE,
    { 1, 0, 0, 0, 0, 0, 0, 1 }, FALSE,
    { "E1=unchanged", "E2=invite" },
  },
  {
    "HR gives a member a manual member's e-mail: not applied, the rest is",
    { "E1|Ann|One|Bo@X.test||||false|CTO" },
    { "10|E1|ann@x.test|Ann|One|active|managed|1|CEO", "11||bo@x.test|Bo|Manual|active|manual" }, NULL, FALSE,
    { 0, 0, 0, 1, 0, 0, 0, 0 }, FALSE,
    { "E1=update", "E1~title", "#11=none" },
    "which belongs to Bo Manual",
  },
  {
    "HR gives a member another managed member's e-mail: not applied",
    { "E1|Ann|One|bo@x.test", "E2|Bo|Two|bo@x.test|active||Lyon" },
    { "10|E1|ann@x.test|Ann|One|active|managed|1", "11|E2|bo@x.test|Bo|Two|active|managed|1" },
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"\"]}]}}", FALSE,
    { 0, 0, 0, 0, 0, 1, 0, 1 }, FALSE,
    { "E1=unchanged", "#11=unmanage" },
    "Ann One (E1) would get the e-mail bo@x.test, which belongs to Bo Two",
  },
  {
    "an e-mail of another connector's member stays that member's",
    { "E1|Ann|One|bo@x.test" },
    { "10|E1|ann@x.test|Ann|One|active|managed|1", "11|X9|bo@x.test|Bo|Two|active|managed|2" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 0, 1 }, FALSE,
    { "E1=unchanged", "#11=none" },
    "which belongs to Bo Two",
  },
  {
    "two members swapping e-mails are both held back",
    { "E1|Ann|One|bo@x.test", "E2|Bo|Two|ann@x.test" },
    { "10|E1|ann@x.test|Ann|One|active|managed|1", "11|E2|bo@x.test|Bo|Two|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 0, 2 }, FALSE,
    { "E1=unchanged", "E2=unchanged" },
    "would get the e-mail",
  },
  {
    "an archived member cannot come back with an e-mail a live member has now",
    { "E1|Ann|One|ann@x.test" },
    { "10|E1|ann@x.test|Ann|One|archived|managed|1", "11||ANN@x.test|Ann|Manual|active|manual" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 1, 0 }, FALSE,
    { "E1=skip", "E1?duplicate_email", "#10=none", "#11=none" },
    "already belongs to the member Ann Manual",
  },
  {
    "an archived member shares an e-mail with a live one: the index leaves archives out",
    { "E2|Ann|New|ann@x.test" },
    { "10|E1|ann@x.test|Ann|One|archived|managed|1", "11|E2|ann@x.test|Ann|New|active|managed|1" }, NULL, FALSE,
    { 0, 0, 0, 0, 0, 0, 0, 1 }, FALSE,
    { "E2=unchanged", "#10=none" },
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
           const char *key);

static void
check_tagged (HcPlan     *plan,
              const char *expect,
              char        tag)
{
  char sep[2] = { tag, 0 };
  g_auto (GStrv) parts = g_strsplit (expect, sep, 2);
  HcPlanItem *item = find_item (plan, parts[0]);
  GPtrArray *items = hc_plan_get_items (plan);
  const char *got;

  /* a reason is on the item that has one: a repeated id's skip, not the
   * invitation of the first record */
  for (guint i = 0; tag == '?' && i < items->len; i++)
    {
      HcPlanItem *candidate = g_ptr_array_index (items, i);

      if (candidate->reason_code != HC_PLAN_REASON_NONE &&
          (parts[0][0] == '#' ? candidate->member_id == g_ascii_strtoll (parts[0] + 1, NULL, 10)
                              : g_strcmp0 (candidate->employee_id, parts[0]) == 0))
        {
          item = candidate;
          break;
        }
    }
  if (item == NULL)
    g_error ("%s: no item", expect);
  got = tag == '?' ? hc_plan_reason_to_string (item->reason_code) : hc_plan_match_to_string (item->match);
  if (g_strcmp0 (got, parts[1]) != 0)
    g_error ("%s: got %s", expect, got ? got : "(none)");
}

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
  g_auto (GStrv) parts = NULL;

  if (strchr (expect, '?') || strchr (expect, '@'))
    {
      check_tagged (plan, expect, strchr (expect, '?') ? '?' : '@');
      return;
    }

  if (strchr (expect, '~'))
    {
      HcPlanItem *item;

      parts = g_strsplit (expect, "~", 2);
      item = find_item (plan, parts[0]);
      g_assert_nonnull (item);
      /* "E1~state=invited": the change and its new value */
      if (strchr (parts[1], '=') != NULL)
        {
          g_auto (GStrv) field = g_strsplit (parts[1], "=", 2);
          const char *after = NULL;

          for (guint i = 0; item->changes && i < item->changes->len; i++)
            {
              HcFieldChange *c = g_ptr_array_index (item->changes, i);

              if (g_str_equal (c->field, field[0]))
                after = c->after ? c->after : "";
            }
          if (g_strcmp0 (after, field[1]) != 0)
            g_error ("%s: got %s", expect, after ? after : "no change");
          return;
        }
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
  g_autoptr (GPtrArray) employees = hc_test_employees (pc->employees);
  g_autoptr (GPtrArray) members = hc_test_members (pc->members);
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcPlan) plan = NULL;

  if (pc->config)
    {
      config = hc_config_new_from_json (pc->config, &error);
      g_assert_no_error (error);
    }
  else
    config = hc_config_new_default ();

  {
    GDate today = hc_test_date (TODAY);

    plan = hc_plan_compute_at (config, C, employees, members, pc->first_sync, &today);
  }
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

  if (pc->warning == NULL)
    {
      GPtrArray *warnings = hc_plan_get_warnings (plan);

      if (warnings->len > 0)
        g_error ("%s: unexpected warning “%s”", pc->name, (const char *) g_ptr_array_index (warnings, 0));
    }
  else
    {
      GPtrArray *warnings = hc_plan_get_warnings (plan);
      gboolean found = FALSE;

      for (guint i = 0; i < warnings->len && !found; i++)
        found = strstr (g_ptr_array_index (warnings, i), pc->warning) != NULL;
      if (!found)
        g_error ("%s: no warning says “%s” (%u warnings)", pc->name, pc->warning, warnings->len);
    }
}

/* The plan reads its inputs and changes none of them. */
static void
test_plan_is_pure (void)
{
  const char *especs[] = { "E1|Zoé|Lefèvre|zoe@x.test||||false|CTO", "E2|A|B|", NULL };
  const char *mspecs[] = { "10||ZOE@x.test|Zoe|L|archived|manual", NULL };
  g_autoptr (GPtrArray) employees = hc_test_employees (especs);
  g_autoptr (GPtrArray) members = hc_test_members (mspecs);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcPlan) first = NULL;
  g_autoptr (HcPlan) second = NULL;
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

/* rules.md 31: what cleaning found reaches the plan's warnings, and a
 * record with a value that is not text is skipped, its member un-managed
 * as for any skipped record. */
static void
test_plan_sanitize_problems (void)
{
  const char *especs[] = { "E1|Zoé|Lefèvre|", "E2|Ana|B|ana@x.test", NULL };
  const char *mspecs[] = { "10|E2|ana@x.test|Ana|B|active|managed|1", NULL };
  g_autoptr (GPtrArray) employees = hc_test_employees (especs);
  g_autoptr (GPtrArray) members = hc_test_members (mspecs);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcPlan) plan = NULL;
  GPtrArray *warnings;
  gboolean found = FALSE;

  hc_employee_add_problem (g_ptr_array_index (employees, 0), "PROBLEM-E1");
  hc_employee_set_invalid (g_ptr_array_index (employees, 1));
  plan = hc_plan_compute (config, C, employees, members, FALSE);

  warnings = hc_plan_get_warnings (plan);
  for (guint i = 0; i < warnings->len; i++)
    found |= g_strcmp0 (g_ptr_array_index (warnings, i), "PROBLEM-E1") == 0;
  g_assert_true (found);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_CREATE_NO_ACCESS), ==, 1);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_UPDATE), ==, 0);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_SKIP), ==, 1);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_UNMANAGE), ==, 1);
}

/* A long cycle through many managers terminates too. */
static void
test_plan_long_cycle (void)
{
  g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (HcConfig) config = hc_config_new_from_json (
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}],"
    " \"include_managers\": true}}", NULL);
  g_autoptr (HcPlan) plan = NULL;
  const guint n = 500;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *spec = g_strdup_printf ("E%u|F%u|L%u|e%u@x.test|active|E%u|%s",
                                               i, i, i, i, (i + 1) % n, i == 0 ? "Paris" : "Lyon");
      g_ptr_array_add (employees, hc_test_employee (spec));
    }
  plan = hc_plan_compute (config, C, employees, members, FALSE);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), ==, n);
  /* one warning names the cycle, cut after a few people */
  g_assert_cmpuint (hc_plan_get_warnings (plan)->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (hc_plan_get_warnings (plan), 0),
                                   "In the HR system, each of these reports to the next, in a circle: F0 L0 (E0) → F1 L1 (E1) → "));
  g_assert_nonnull (strstr (g_ptr_array_index (hc_plan_get_warnings (plan), 0), " → … (492 more)."));
}

/* A company of @blocks blocks of ten, each with every case pass 3 of
 * the plan tells apart: "E<b>x<k>" is employee k of block b. */
static void
add_block_company (guint      blocks,
                   GPtrArray *employees,
                   GPtrArray *members)
{
  for (guint b = 0; b < blocks; b++)
    {
      const char *especs[] = {
        "E%ux0|F%ux0|L%ux0|e%ux0@x.test|active|E%ux1",  /* invited, a manager */
        "E%ux1|F%ux1|L%ux1|e%ux1@x.test|active||||New", /* a new title */
        "E%ux2|F%ux2|L%ux2|m%ux2@x.test",               /* a manual member's e-mail */
        "E%ux3|F%ux3|L%ux3|f%ux3@x.test",               /* another connector's member's */
        "E%ux4|F%ux4|L%ux4|",                           /* no e-mail */
        "E%ux5|F%ux5|L%ux5|s%ux5@x.test",               /* archived, a live member has it */
        "E%ux6|F%ux6|L%ux6|e%ux6@x.test|active|Gone%ux6", /* a manager not in HR */
        "E%ux7|F%ux7|L%ux7|t%ux7@x.test",               /* an e-mail a live member has */
        "E%ux8|F%ux8|L%ux8|e%ux8@x.test",               /* unchanged */
        "E%ux9|F%ux9|L%ux9|e%ux9@x.test|active|E%ux5",  /* a manager skipped */
      };
      const char *mspecs[] = {
        "%u1|E%ux1|e%ux1@x.test|F%ux1|L%ux1|active|managed|1|Old",
        "%u2||m%ux2@x.test|M%ux2|N%ux2|active|manual",
        "%u3|Z%ux3|f%ux3@x.test|A%ux3|B%ux3|active|managed|2",
        "%u5|E%ux5|old%ux5@x.test|F%ux5|L%ux5|archived|managed|1",
        "%u6||s%ux5@x.test|S%ux5|T%ux5|active|manual",
        "%u7|E%ux7|e%ux7@x.test|F%ux7|L%ux7|active|managed|1",
        "%u8||t%ux7@x.test|T%ux7|U%ux7|active|manual",
        "%u9|E%ux8|e%ux8@x.test|F%ux8|L%ux8|active|managed|1",
      };

      for (guint k = 0; k < G_N_ELEMENTS (especs); k++)
        {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          g_autofree char *spec = g_strdup_printf (especs[k], b, b, b, b, b, b);
#pragma GCC diagnostic pop

          g_ptr_array_add (employees, hc_test_employee (spec));
        }
      for (guint k = 0; k < G_N_ELEMENTS (mspecs); k++)
        {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          g_autofree char *spec = g_strdup_printf (mspecs[k], 100 + b, b, b, b, b, b);
#pragma GCC diagnostic pop

          g_ptr_array_add (members, hc_test_member (spec));
        }
    }
}

/* @text with each block number ("12x3", "1001") made "#": the blocks alike. */
static char *
block_pattern (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          while (g_ascii_isdigit (p[1]))
            p++;
          g_string_append_c (out, '#');
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
item_pattern (const HcPlanItem *item)
{
  GString *text = g_string_new (NULL);
  g_autofree char *pattern = NULL;

  g_string_append_printf (text, "%s %s %s %s %s member:%s manager:%s",
                          hc_plan_kind_to_string (item->kind), item->employee_id,
                          hc_plan_reason_to_string (item->reason_code) ? hc_plan_reason_to_string (item->reason_code) : "-",
                          hc_plan_match_to_string (item->match) ? hc_plan_match_to_string (item->match) : "-",
                          item->email ? item->email : "-", item->member_id ? "yes" : "no",
                          item->manager_employee_id ? item->manager_employee_id : "-");
  for (guint i = 0; item->changes && i < item->changes->len; i++)
    {
      HcFieldChange *c = g_ptr_array_index (item->changes, i);

      g_string_append_printf (text, " %s:%s→%s", c->field, c->before ? c->before : "∅", c->after ? c->after : "∅");
    }
  pattern = block_pattern (text->str);
  g_string_free (text, TRUE);
  return g_steal_pointer (&pattern);
}

/* The e-mails of a large sync are read and its items made on two
 * threads: each block of a company of 3,000 has the items and warnings,
 * in the same order, as each block of a company of 500 made on one
 * thread, and as the block alone. */
static void
test_plan_items_in_threads (void)
{
  const guint sizes[] = { 1, 50, 300 };
  g_autoptr (GPtrArray) block_items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) block_warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (HcConfig) config = hc_config_new_default ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (HcPlan) plan = NULL;
      GPtrArray *items, *warnings;

      add_block_company (sizes[s], employees, members);
      plan = hc_plan_compute (config, C, employees, members, FALSE);
      items = hc_plan_get_items (plan);
      warnings = hc_plan_get_warnings (plan);

      if (s == 0)
        {
          /* the block alone: what each case gives */
          for (guint i = 0; i < items->len; i++)
            g_ptr_array_add (block_items, item_pattern (g_ptr_array_index (items, i)));
          for (guint i = 0; i < warnings->len; i++)
            g_ptr_array_add (block_warnings, block_pattern (g_ptr_array_index (warnings, i)));
          g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), ==, 3);
          g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_CREATE_NO_ACCESS), ==, 1);
          g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_BECOME_MANAGED), ==, 1);
          g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_UPDATE), ==, 1);
          g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_SKIP), ==, 2);
          g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_UNCHANGED), ==, 2);
          g_assert_cmpuint (warnings->len, ==, 6);
          g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "already belongs to the manual member"));
          g_assert_nonnull (strstr (g_ptr_array_index (warnings, 1), "a member another connector manages"));
          g_assert_nonnull (strstr (g_ptr_array_index (warnings, 2), "already belongs to the member S0x5 T0x5"));
          g_assert_nonnull (strstr (g_ptr_array_index (warnings, 3), "(HR id Gone0x6) is not in the HR data"));
          g_assert_nonnull (strstr (g_ptr_array_index (warnings, 4), "would get the e-mail t0x7@x.test"));
          g_assert_nonnull (strstr (g_ptr_array_index (warnings, 5), "The manager of F0x9 L0x9, F0x5 L0x5, is not synced"));
          continue;
        }

      g_assert_cmpuint (items->len, ==, block_items->len * sizes[s]);
      g_assert_cmpuint (warnings->len, ==, block_warnings->len * sizes[s]);
      for (guint i = 0; i < items->len; i++)
        {
          g_autofree char *pattern = item_pattern (g_ptr_array_index (items, i));

          g_assert_cmpstr (pattern, ==, g_ptr_array_index (block_items, i % block_items->len));
        }
      for (guint i = 0; i < warnings->len; i++)
        {
          g_autofree char *pattern = block_pattern (g_ptr_array_index (warnings, i));

          g_assert_cmpstr (pattern, ==, g_ptr_array_index (block_warnings, i % block_warnings->len));
        }
    }
}

/* rules.md 7: a cycle through someone the sync leaves out is no cycle
 * of members: the warning is the manager's that is not synced. */
static void
test_plan_cycle_left_out (void)
{
  const char *especs[] = { "E1|Ann|One|one@x.test|active|E2", "E2|Bob|Two|two@x.test|inactive|E1", NULL };
  g_autoptr (GPtrArray) employees = hc_test_employees (especs);
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcPlan) plan = hc_plan_compute (config, C, employees, members, FALSE);
  GPtrArray *warnings = hc_plan_get_warnings (plan);

  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), ==, 1);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "The manager of Ann One, Bob Two, is not synced"));
}

static void
test_plan_json (void)
{
  const char *especs[] = { "E1|Zoé|Lefèvre|zoe@x.test", "E2|A|B|", NULL };
  g_autoptr (GPtrArray) employees = hc_test_employees (especs);
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (HcPlan) plan = hc_plan_compute (config, C, employees, members, TRUE);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
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

/* ─── onboarding: the live count, the plan and explain agree ────────── */

typedef struct
{
  const char *status;
  const char *start;            /* hire date, NULL for none */
  const char *limit;            /* pre_start_days as written in the document, NULL: absent */
  gboolean    in;               /* expected: in scope, invited */
} OnboardingCase;

/* Today is 2026-06-01. Every status × start date × limit. */
static const OnboardingCase onboarding_cases[] = {
  /* without a limit, every status in scope is in whatever the start date */
#define NO_LIMIT_ROWS(status) \
  { status, NULL, NULL, TRUE }, \
  { status, "2026-05-01", NULL, TRUE }, { status, "2026-06-01", NULL, TRUE }, \
  { status, "2026-06-06", NULL, TRUE }, { status, "2027-03-01", NULL, TRUE }, \
  { status, "2026-06-06", "null", TRUE }, { status, "2027-03-01", "0", TRUE }
  NO_LIMIT_ROWS ("active"),
  NO_LIMIT_ROWS ("onboarding"),
  NO_LIMIT_ROWS ("leave"),
#undef NO_LIMIT_ROWS
  /* the opt-in limit holds back onboarding employees only */
  { "onboarding", "2026-06-06", "1", FALSE },
  { "onboarding", "2026-06-06", "4", FALSE },
  { "onboarding", "2026-06-06", "5", TRUE },      /* enters on 2026-06-01, today */
  { "onboarding", "2026-06-06", "30", TRUE },
  { "onboarding", "2026-06-02", "1", TRUE },
  { "onboarding", "2026-06-01", "1", TRUE },
  { "onboarding", "2026-05-01", "1", TRUE },
  { "onboarding", NULL, "1", TRUE },
  { "onboarding", "2027-03-01", "30", FALSE },
  { "onboarding", "2027-03-01", "365", TRUE },
  { "onboarding", "2028-03-01", "365", FALSE },
  { "active", "2026-06-06", "1", TRUE },
  { "leave", "2026-06-06", "1", TRUE },
  { "active", "2027-03-01", "30", TRUE },
  /* inactive is never in, whatever the dates and the limit */
  { "inactive", NULL, NULL, FALSE },
  { "inactive", "2026-06-06", NULL, FALSE },
  { "inactive", "2026-05-01", "1", FALSE },
  { "inactive", "2027-03-01", "365", FALSE },
};

static void
test_onboarding_agree (gconstpointer data)
{
  const OnboardingCase *c = data;
  g_autofree char *spec = g_strdup_printf ("E1|Ann|Hire|ann@x.test|%s|||||%s", c->status, c->start ? c->start : "");
  const char *especs[] = { spec, NULL };
  g_autoptr (GPtrArray) employees = hc_test_employees (especs);
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autofree char *json = c->limit ? g_strdup_printf ("{\"pre_start_days\": %s}", c->limit) : g_strdup ("{}");
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_from_json (json, &error);
  GDate today = hc_test_date (TODAY);
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcExplanation) why = NULL;
  guint counted;

  g_assert_no_error (error);
  counted = hc_scope_count_in_scope (config, employees, &today);
  plan = hc_plan_compute_at (config, C, employees, members, FALSE, &today);
  why = hc_plan_explain (config, C, employees, members, "E1", &today, &error);
  g_assert_no_error (error);

  if (counted != (c->in ? 1u : 0u) ||
      hc_plan_count (plan, HC_PLAN_INVITE) != (c->in ? 1u : 0u) ||
      hc_plan_count (plan, HC_PLAN_SKIP) != (c->in ? 0u : 1u) ||
      HC_SCOPE_RESULT_IS_IN (why->scope) != c->in ||
      why->kind != (c->in ? HC_PLAN_INVITE : HC_PLAN_SKIP))
    g_error ("%s, start %s, limit %s: expected %s; live count %u, plan invites %u, explain says %s (%s)",
             c->status, c->start, c->limit, c->in ? "in" : "out", counted,
             hc_plan_count (plan, HC_PLAN_INVITE), hc_scope_result_to_string (why->scope), why->outcome);
}

/* ─── upcoming hires (rules.md 17) ──────────────────────────────────── */

static void
test_plan_upcoming (void)
{
  const char *especs[] = {
    "E1|Late|One|1@x.test|onboarding||Paris|||2026-06-25",
    "E2|Soon|Two|2@x.test|onboarding||Paris|||2026-06-05",
    "E3|Far|Three|3@x.test|onboarding||Paris|||2026-07-15",      /* 44 days away */
    "E4|Lyon|Four|4@x.test|onboarding||Lyon|||2026-06-08",       /* filtered out */
    "E5|Today|Five|5@x.test|onboarding||Paris|||2026-06-01",     /* in already */
    NULL,
  };
  g_autoptr (GPtrArray) employees = hc_test_employees (especs);
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autoptr (HcConfig) config = hc_config_new_from_json (
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]},"
    " \"pre_start_days\": 2}", NULL);
  GDate today = hc_test_date (TODAY);
  g_autoptr (HcPlan) plan = hc_plan_compute_at (config, C, employees, members, FALSE, &today);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  GPtrArray *upcoming = hc_plan_get_upcoming (plan);
  HcPlanUpcoming *first, *second;
  GDate enters = hc_test_date ("2026-06-03");
  JsonArray *array;

  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), ==, 1);
  g_assert_cmpuint (upcoming->len, ==, 2);
  first = g_ptr_array_index (upcoming, 0);
  second = g_ptr_array_index (upcoming, 1);
  /* soonest first */
  g_assert_cmpstr (first->employee_id, ==, "E2");
  g_assert_cmpint (g_date_compare (&first->enters_on, &enters), ==, 0);
  g_assert_cmpstr (second->employee_id, ==, "E1");

  hc_plan_to_json (plan, builder, FALSE);
  root = json_builder_get_root (builder);
  array = json_object_get_array_member (json_node_get_object (root), "upcoming");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "enters_scope_on"),
                   ==, "2026-06-03");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "start_date"),
                   ==, "2026-06-05");
}

/* ─── staged archives (rules.md 20) ────────────────────────────────── */

static GPtrArray *
managed_members (guint n)
{
  GPtrArray *members = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *spec = g_strdup_printf ("%u|E%u|a%u@x.test|A|%u|active|managed|1", i, i, i, i);

      g_ptr_array_add (members, hc_test_member (spec));
    }
  return members;
}

static void
test_plan_staged_archives (void)
{
  g_autoptr (GPtrArray) employees = g_ptr_array_new ();
  g_autoptr (GPtrArray) members = managed_members (8);
  g_autoptr (HcConfig) config = hc_config_new_from_json ("{\"archive_inactive\": true}", NULL);
  GDate today = hc_test_date (TODAY);
  g_autoptr (HcPlan) plan = hc_plan_compute_at (config, C, employees, members, FALSE, &today);
  g_autoptr (HcPlan) first = hc_plan_compute_at (config, C, employees, members, TRUE, &today);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *items;
  guint staged_items = 0;

  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_ARCHIVE), ==, 8);
  g_assert_cmpuint (hc_plan_get_archive_threshold (plan), ==, 5);
  g_assert_true (hc_plan_needs_confirmation (plan));
  /* rules.md 12: every managed member archived, named as such */
  g_assert_nonnull (strstr (hc_plan_get_confirmation_reason (plan), "all 8 managed members"));
  g_assert_cmpuint (hc_plan_count_staged (plan), ==, 0);
  g_assert_true (hc_plan_is_archive_approved (plan, 3));

  /* nothing approved: nothing to confirm, nothing changes */
  hc_plan_approve_all_archives (plan, FALSE);
  g_assert_cmpuint (hc_plan_count_staged (plan), ==, 8);
  g_assert_false (hc_plan_needs_confirmation (plan));
  g_assert_true (hc_plan_is_empty (plan));

  /* within the threshold: no confirmation */
  g_assert_true (hc_plan_set_archive_approved (plan, 2, TRUE));
  g_assert_true (hc_plan_set_archive_approved (plan, 5, TRUE));
  g_assert_false (hc_plan_set_archive_approved (plan, 99, TRUE));
  g_assert_cmpuint (hc_plan_count_staged (plan), ==, 6);
  g_assert_false (hc_plan_needs_confirmation (plan));
  g_assert_false (hc_plan_is_empty (plan));
  g_assert_true (hc_plan_is_archive_approved (plan, 5));
  g_assert_false (hc_plan_is_archive_approved (plan, 3));

  /* beyond it again: the reason counts the approved ones */
  for (gint64 id = 1; id <= 6; id++)
    hc_plan_set_archive_approved (plan, id, TRUE);
  g_assert_true (hc_plan_needs_confirmation (plan));
  g_assert_nonnull (strstr (hc_plan_get_confirmation_reason (plan), "6 members"));

  hc_plan_to_json (plan, builder, TRUE);
  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "staged_archives"), ==, 2);
  items = json_object_get_array_member (object, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (json_object_get_boolean_member (json_array_get_object_element (items, i), "staged"))
      staged_items++;
  g_assert_cmpuint (staged_items, ==, 2);

  /* a first sync needs its confirmation whatever is staged */
  hc_plan_approve_all_archives (first, FALSE);
  g_assert_true (hc_plan_needs_confirmation (first));
}

/* ─── explain: the preview's "Why?" ─────────────────────────────────── */

typedef struct
{
  const char *query;
  const char *action;           /* NULL: nothing */
  const char *scope;            /* hc_scope_result_to_string, NULL: no employee */
  const char *match;            /* NULL: none */
  const char *clause;           /* a fragment of the clause */
  const char *change;           /* a field among the changes, or NULL */
} ExplainCase;

static const char * const explain_employees[] = {
  "E1|Chief|Boss|boss@x.test|active||London",
  "E2|Zoé|Lefèvre|zoe@x.test|active|E1|Paris||CTO",
  "E3|Ann|Other|Ann@X.test|active|E1|Paris",
  "E4|Lyon|Person|lyon@x.test|active||Lyon",
  "E5|Skip|Me|skip@x.test|active||Paris|true",
  "E6|New|Hire|new@x.test|onboarding||Paris|||2026-07-01",
  NULL,
};

static const char * const explain_members[] = {
  "10|E2|zoe@x.test|Zoé|Lefèvre|active|managed|1|CEO",
  "11||ann@x.test|Ann|Other|active|manual",
  "12||solo@x.test|Solo|Manual|active|manual",
  NULL,
};

static const ExplainCase explain_cases[] = {
  { "E2", "update", "in", "employee_id", "rule 1: office is “Paris”", "title" },
  { "zoe@x.test", "update", "in", "employee_id", "Paris", "title" },
  { "ANN@x.test", "become_managed", "in", "email", "Paris", "employee_id" },
  { "E1", "invite", "in_as_manager", NULL, "manager of Zoé Lefèvre", NULL },
  { "E4", "skip", "out_filter", NULL, "office is “Lyon”, not one of Paris", NULL },
  { "skip@x.test", "skip", "out_excluded", NULL, "skip_sync", NULL },
  /* a future hire is in as soon as the HR system has them */
  { "E6", "invite", "in", NULL, "rule 1: office is “Paris”", NULL },
  { "#12", NULL, NULL, NULL, "No employee", NULL },
  { "solo@x.test", NULL, NULL, NULL, "No employee", NULL },
};

static void
test_explain_case (gconstpointer data)
{
  const ExplainCase *c = data;
  g_autoptr (GPtrArray) employees = hc_test_employees (explain_employees);
  g_autoptr (GPtrArray) members = hc_test_members (explain_members);
  g_autoptr (HcConfig) config = hc_config_new_from_json (
    "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}],"
    " \"include_managers\": true}}", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (HcExplanation) e = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  GDate today = hc_test_date (TODAY);
  gboolean found = c->change == NULL;

  e = hc_plan_explain (config, C, employees, members, c->query, &today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->kind < HC_PLAN_N_KINDS ? hc_plan_kind_to_string (e->kind) : NULL, ==, c->action);
  g_assert_cmpstr (e->has_employee ? hc_scope_result_to_string (e->scope) : NULL, ==, c->scope);
  g_assert_cmpstr (hc_plan_match_to_string (e->match), ==, c->match);
  if (strstr (e->clause, c->clause) == NULL)
    g_error ("%s: “%s” does not say “%s”", c->query, e->clause, c->clause);
  g_assert_nonnull (e->outcome);
  if (c->match != NULL)
    g_assert_nonnull (strstr (e->match_text, g_str_equal (c->match, "email") ? "e-mail" : "employee id"));
  for (guint i = 0; e->changes && i < e->changes->len && !found; i++)
    found = g_str_equal (((HcFieldChange *) g_ptr_array_index (e->changes, i))->field, c->change);
  g_assert_true (found);

  hc_explanation_to_json (e, builder);
  root = json_builder_get_root (builder);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "clause"), ==, e->clause);
}

static void
test_explain_not_found (void)
{
  g_autoptr (GPtrArray) employees = hc_test_employees (explain_employees);
  g_autoptr (GPtrArray) members = hc_test_members (explain_members);
  g_autoptr (HcConfig) config = hc_config_new_default ();
  g_autoptr (GError) error = NULL;
  g_autoptr (HcExplanation) e = NULL;

  e = hc_plan_explain (config, C, employees, members, "nobody@x.test", NULL, &error);
  g_assert_null (e);
  g_assert_error (error, HC_ERROR, HC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nobody@x.test"));
}

/* Asked by the e-mail the mapping reads, which is not the record's usual
 * one: found by each employee's folded mapped e-mail. */
static void
test_explain_mapped_email (void)
{
  const char *especs[] = {
    "E1|Ann|One|one@x.test|||||||work_email=ann@work.test",
    "E2|Bob|Two|two@x.test|||||||work_email=bob@work.test",
    "E3|Cy|Three|three@x.test|||||||work_email=cy@work.test",
    NULL,
  };
  g_autoptr (GPtrArray) employees = hc_test_employees (especs);
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autoptr (HcConfig) config = hc_config_new_from_json (
    "{\"mapping\": [{\"target\": \"email\", \"source\": \"work_email\"}]}", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (HcExplanation) e = NULL;

  e = hc_plan_explain (config, C, employees, members, " BOB@work.test", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->employee_id, ==, "E2");
  g_assert_cmpstr (e->email, ==, "bob@work.test");
  g_assert_cmpstr (hc_plan_kind_to_string (e->kind), ==, "invite");
}

/* ─── several syncs on a real store (rules.md 8, 9, 12) ────────────── */

typedef struct
{
  char    *dir;
  HcStore *store;
  gint64   connector_id;
} StoreFixture;

static void
store_set_up (StoreFixture *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("headcount-plan-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = hc_store_new (path, &error);
  g_assert_no_error (error);
  f->connector_id = hc_store_add_connector (f->store, "HR", "demo", "{}", NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->connector_id, >, 0);
}

static void
store_tear_down (StoreFixture *f,
                 gconstpointer data)
{
  g_clear_object (&f->store);
  hc_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Plans one sync; applies it unless @apply is FALSE. (transfer full) */
static HcPlan *
sync_once (StoreFixture *f,
           const char   *config_json,
           GPtrArray    *employees,
           gboolean      apply,
           HcSyncRun   **run_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_from_json (config_json, &error);
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  GDate today = hc_test_date (TODAY);
  HcPlan *plan;

  g_assert_no_error (error);
  members = hc_store_list_members (f->store, &error);
  g_assert_no_error (error);
  plan = hc_plan_compute_at (config, f->connector_id, employees, members,
                             !hc_store_connector_has_synced (f->store, f->connector_id), &today);
  if (!apply)
    return plan;

  run = hc_sync_run_new (f->connector_id, HC_SYNC_TRIGGER_CLI);
  g_assert_true (hc_store_apply_plan (f->store, plan, run, &error));
  g_assert_no_error (error);
  if (run_out != NULL)
    *run_out = g_steal_pointer (&run);
  return plan;
}

static HcMember *
member_of (StoreFixture *f,
           const char   *external_id)
{
  g_autoptr (GPtrArray) members = hc_store_list_members (f->store, NULL);

  for (guint i = 0; i < members->len; i++)
    {
      HcMember *m = g_ptr_array_index (members, i);

      if (g_strcmp0 (hc_member_get_external_id (m), external_id) == 0)
        return g_object_ref (m);
    }
  return NULL;
}

static void
assert_member (StoreFixture *f,
               const char   *external_id,
               HcMemberState state,
               HcHrStatus    hr_status)
{
  g_autoptr (HcMember) m = member_of (f, external_id);

  if (m == NULL)
    g_error ("no member for %s", external_id);
  if (hc_member_get_state (m) != state || hc_member_get_hr_status (m) != hr_status)
    g_error ("%s: expected %s/%s, got %s/%s", external_id,
             hc_member_state_to_string (state), hc_hr_status_to_string (hr_status),
             hc_member_state_to_string (hc_member_get_state (m)),
             hc_hr_status_to_string (hc_member_get_hr_status (m)));
}

static void
assert_counts (HcPlan     *plan,
               const char *step,
               guint       invite,
               guint       become_managed,
               guint       update,
               guint       archive,
               guint       unmanage,
               guint       unchanged)
{
  guint expected[HC_PLAN_N_KINDS] = { invite, 0, become_managed, update, archive, unmanage, 0, unchanged };

  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    if (k != HC_PLAN_SKIP && k != HC_PLAN_CREATE_NO_ACCESS && hc_plan_count (plan, k) != expected[k])
      g_error ("%s: expected %u %s, got %u", step, expected[k], hc_plan_kind_to_string (k), hc_plan_count (plan, k));
}

/* ─── people who come back, through the store ──────────────────────── */

typedef struct
{
  const char   *name;
  const char   *manual;         /* a manual member before the first sync, or NULL */
  const char   *first;          /* the employee at the first sync */
  const char   *gone;           /* the HR data when they leave */
  const char   *back;           /* the employee when they come back */
  HcMemberState before;         /* their state before the archive */
  HcMemberState after;          /* and after they come back */
  guint         invitations;    /* recorded for them in the end */
} ReturnCase;

static const ReturnCase return_cases[] = {
  { "invited, never joined: invited again, a new invitation",
    NULL, "E1|Ann|One|ann@x.test", "E1|Ann|One|ann@x.test|inactive", "E1|Ann|One|ann@x.test",
    HC_MEMBER_STATE_INVITED, HC_MEMBER_STATE_INVITED, 2 },
  { "joined: active again, no invitation",
    "0||ann@x.test|Ann|One|active|manual", "E1|Ann|One|ann@x.test", "E1|Ann|One|ann@x.test|inactive",
    "E1|Ann|One|ann@x.test", HC_MEMBER_STATE_ACTIVE, HC_MEMBER_STATE_ACTIVE, 0 },
  { "gone from HR and back",
    NULL, "E1|Ann|One|ann@x.test", NULL, "E1|Ann|One|ann@x.test",
    HC_MEMBER_STATE_INVITED, HC_MEMBER_STATE_INVITED, 2 },
  { "without access, back with an e-mail: invited",
    NULL, "E1|Ann|One|", "E1|Ann|One||inactive", "E1|Ann|One|ann@x.test",
    HC_MEMBER_STATE_ACTIVE, HC_MEMBER_STATE_INVITED, 1 },
  { "a rehire under a new HR id who never joined: invited again",
    NULL, "E1|Ann|One|ann@x.test", "E1|Ann|One|ann@x.test|inactive", "E9|Ann|One|ann@x.test",
    HC_MEMBER_STATE_INVITED, HC_MEMBER_STATE_INVITED, 2 },
  { "a rehire under a new HR id who had joined: active",
    "0||ann@x.test|Ann|One|active|manual", "E1|Ann|One|ann@x.test", "E1|Ann|One|ann@x.test|inactive",
    "E9|Ann|One|ann@x.test", HC_MEMBER_STATE_ACTIVE, HC_MEMBER_STATE_ACTIVE, 0 },
};

static guint
count_invitations (StoreFixture *f,
                   gint64        member_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM invitations WHERE member_id = %" G_GINT64_FORMAT,
                                          member_id);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (hc_store_get_path (f->store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_return (StoreFixture *f,
             gconstpointer data)
{
  const ReturnCase *c = data;
  const char *archive = "{\"archive_inactive\": true}";
  const char *first[] = { c->first, NULL };
  const char *gone[] = { c->gone, NULL };
  g_autoptr (GPtrArray) e1 = hc_test_employees (first);
  g_autoptr (GPtrArray) e2 = hc_test_employees (gone);
  g_autoptr (GPtrArray) e3 = NULL;
  g_autoptr (HcPlan) p1 = NULL;
  g_autoptr (HcPlan) p2 = NULL;
  g_autoptr (HcPlan) p3 = NULL;
  g_autoptr (HcMember) m = NULL;
  g_autoptr (HcMember) archived = NULL;
  g_autoptr (HcMember) returned = NULL;
  g_autoptr (GError) error = NULL;

  /* the old record leaves the HR data when they come back */
  {
    const char *only[] = { c->back, NULL };

    e3 = hc_test_employees (only);
  }

  if (c->manual != NULL)
    {
      g_autoptr (HcMember) manual = hc_test_member (c->manual);

      g_assert_true (hc_store_add_member (f->store, manual, &error));
      g_assert_no_error (error);
    }
  p1 = sync_once (f, archive, e1, TRUE, NULL);
  m = member_of (f, "E1");
  g_assert_nonnull (m);
  g_assert_cmpint (hc_member_get_state (m), ==, c->before);

  p2 = sync_once (f, archive, e2, TRUE, NULL);
  g_assert_cmpuint (hc_plan_count (p2, HC_PLAN_ARCHIVE), ==, 1);
  archived = hc_store_get_member (f->store, hc_member_get_id (m), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hc_member_get_state (archived), ==, HC_MEMBER_STATE_ARCHIVED);
  /* the store kept the state before the archive */
  g_assert_cmpint (hc_member_get_archived_from (archived), ==, c->before);

  p3 = sync_once (f, archive, e3, TRUE, NULL);
  returned = hc_store_get_member (f->store, hc_member_get_id (m), &error);
  g_assert_no_error (error);
  if (hc_member_get_state (returned) != c->after)
    g_error ("%s: expected %s, got %s", c->name, hc_member_state_to_string (c->after),
             hc_member_state_to_string (hc_member_get_state (returned)));
  g_assert_cmpint (hc_member_get_hr_status (returned), ==, HC_HR_STATUS_MANAGED);
  g_assert_cmpuint (count_invitations (f, hc_member_get_id (m)), ==, c->invitations);
  /* one member, whatever the id it comes back under */
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 1);
}

static const char *
reason_of (HcPlan     *plan,
           const char *employee_id,
           HcPlanKind  kind)
{
  GPtrArray *items = hc_plan_get_items (plan);

  for (guint i = 0; i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);

      if (item->kind == kind && g_strcmp0 (item->employee_id, employee_id) == 0)
        return hc_plan_reason_to_string (item->reason_code);
    }
  g_error ("no %s item for %s", hc_plan_kind_to_string (kind), employee_id);
}

#define PARIS_WITH_MANAGERS \
  "{\"scope\": {\"mode\": \"custom\", \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]," \
  " \"include_managers\": true}}"

/* Filters over several syncs: restrict to Paris with managers, apply, widen to all,
 * narrow again, then people leave. */
static void
test_filter_changes (StoreFixture *f,
                     gconstpointer data)
{
  const char *company[] = {
    "E1|Chief|Boss|boss@x.test|active||London",
    "E2|Mid|Lead|lead@x.test|active|E1|Berlin",
    "E3|Ann|Paris|ann@x.test|active|E2|Paris",
    "E4|Bob|Paris|bob@x.test|active|E2|Paris",
    "E5|Cy|Lyon|cy@x.test|active|E1|Lyon",
    "E6|Di|Gone|di@x.test|inactive|E1|London",
    "E7|Ed|Skip|ed@x.test|active|E2|Paris|true",
    NULL,
  };
  const char *later[] = {   /* E3 left the HR system, E4 is inactive, E2 still there */
    "E1|Chief|Boss|boss@x.test|active||London",
    "E2|Mid|Lead|lead@x.test|active|E1|Berlin",
    "E4|Bob|Paris|bob@x.test|inactive|E2|Paris",
    "E5|Cy|Lyon|cy@x.test|active|E1|Lyon",
    NULL,
  };
  const char *last[] = {    /* E2 gone too, with archiving off */
    "E1|Chief|Boss|boss@x.test|active||London",
    "E5|Cy|Lyon|cy@x.test|active|E1|Lyon",
    NULL,
  };
  g_autoptr (GPtrArray) employees = hc_test_employees (company);
  g_autoptr (GPtrArray) employees_later = hc_test_employees (later);
  g_autoptr (GPtrArray) employees_last = hc_test_employees (last);
  g_autoptr (HcMember) manual = hc_test_member ("0||CY@x.test|Cy|Lyon|active|manual");
  g_autoptr (GError) error = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcMember) ann = NULL;
  g_autoptr (HcMember) lead = NULL;

  g_assert_true (hc_store_add_member (f->store, manual, &error));
  g_assert_no_error (error);

  /* 1. Paris with managers: the Paris people and their chain (rules.md 4) */
  plan = sync_once (f, PARIS_WITH_MANAGERS, employees, TRUE, NULL);
  assert_counts (plan, "Paris", 4, 0, 0, 0, 0, 0);
  g_assert_true (hc_plan_needs_confirmation (plan));   /* the first sync (rules.md 12) */
  g_assert_cmpstr (reason_of (plan, "E5", HC_PLAN_SKIP), ==, "filtered_out");
  g_assert_cmpstr (reason_of (plan, "E6", HC_PLAN_SKIP), ==, "inactive");
  g_assert_cmpstr (reason_of (plan, "E7", HC_PLAN_SKIP), ==, "excluded");
  assert_member (f, "E1", HC_MEMBER_STATE_INVITED, HC_HR_STATUS_MANAGED);
  assert_member (f, "E2", HC_MEMBER_STATE_INVITED, HC_HR_STATUS_MANAGED);
  assert_member (f, "E3", HC_MEMBER_STATE_INVITED, HC_HR_STATUS_MANAGED);
  assert_member (f, "E4", HC_MEMBER_STATE_INVITED, HC_HR_STATUS_MANAGED);
  ann = member_of (f, "E3");
  lead = member_of (f, "E2");
  g_assert_cmpint (hc_member_get_manager_id (ann), ==, hc_member_get_id (lead));
  g_assert_cmpint (hc_member_get_hr_status (manual), ==, HC_HR_STATUS_MANUAL);
  g_clear_object (&plan);

  /* 2. Widen to all: the manual Cy becomes managed by e-mail (rules.md 5) */
  plan = sync_once (f, "{\"scope\": {\"mode\": \"all\"}}", employees, TRUE, NULL);
  assert_counts (plan, "all", 0, 1, 0, 0, 0, 4);
  g_assert_false (hc_plan_needs_confirmation (plan));
  assert_member (f, "E5", HC_MEMBER_STATE_ACTIVE, HC_HR_STATUS_MANAGED);
  g_clear_object (&plan);

  /* 3. Paris only, archiving on: those who leave the filter are not
   * touched, only previously managed (rules.md 8) */
  plan = sync_once (f, "{\"archive_inactive\": true, \"scope\": {\"mode\": \"custom\","
                    " \"rules\": [{\"field\": \"office\", \"values\": [\"Paris\"]}]}}",
                    employees, TRUE, NULL);
  assert_counts (plan, "Paris only", 0, 0, 2, 0, 3, 0);
  g_assert_cmpstr (reason_of (plan, "E1", HC_PLAN_UNMANAGE), ==, "filtered_out");
  assert_member (f, "E1", HC_MEMBER_STATE_INVITED, HC_HR_STATUS_PREVIOUSLY_MANAGED);
  assert_member (f, "E2", HC_MEMBER_STATE_INVITED, HC_HR_STATUS_PREVIOUSLY_MANAGED);
  assert_member (f, "E5", HC_MEMBER_STATE_ACTIVE, HC_HR_STATUS_PREVIOUSLY_MANAGED);
  assert_member (f, "E3", HC_MEMBER_STATE_INVITED, HC_HR_STATUS_MANAGED);
  g_clear_object (&plan);

  /* 4. All again with archiving on, E3 gone and E4 inactive: the others
   * come back, the leavers are archived (rules.md 9) */
  plan = sync_once (f, "{\"archive_inactive\": true}", employees_later, TRUE, NULL);
  assert_counts (plan, "all, leavers", 0, 3, 0, 2, 0, 0);
  g_assert_cmpstr (reason_of (plan, "E3", HC_PLAN_ARCHIVE), ==, "gone");
  g_assert_cmpstr (reason_of (plan, "E4", HC_PLAN_ARCHIVE), ==, "inactive");
  assert_member (f, "E3", HC_MEMBER_STATE_ARCHIVED, HC_HR_STATUS_MANAGED);
  assert_member (f, "E4", HC_MEMBER_STATE_ARCHIVED, HC_HR_STATUS_MANAGED);
  assert_member (f, "E1", HC_MEMBER_STATE_INVITED, HC_HR_STATUS_MANAGED);
  assert_member (f, "E5", HC_MEMBER_STATE_ACTIVE, HC_HR_STATUS_MANAGED);
  g_clear_object (&plan);

  /* 5. Archiving off: one who disappears is only previously managed (rules.md 9) */
  plan = sync_once (f, "{}", employees_last, TRUE, NULL);
  assert_counts (plan, "archiving off", 0, 0, 0, 0, 1, 2);
  g_assert_cmpstr (reason_of (plan, "E2", HC_PLAN_UNMANAGE), ==, "gone");
  assert_member (f, "E2", HC_MEMBER_STATE_INVITED, HC_HR_STATUS_PREVIOUSLY_MANAGED);
  assert_member (f, "E3", HC_MEMBER_STATE_ARCHIVED, HC_HR_STATUS_MANAGED);
}

/* rules.md 20: archives beyond what the admin approves stay staged while the
 * rest applies; the next sync proposes them again. */
static void
test_staged_archives_applied (StoreFixture *f,
                              gconstpointer data)
{
  g_autoptr (GPtrArray) everyone = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) one_left = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GArray) staged = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GError) error = NULL;
  gint64 approved[2];
  guint n = 0;

  for (guint i = 1; i <= 7; i++)
    {
      g_autofree char *spec = g_strdup_printf ("E%u|A|%u|a%u@x.test|active", i, i, i);

      g_ptr_array_add (everyone, hc_test_employee (spec));
    }
  g_ptr_array_add (one_left, hc_test_employee ("E7|A|7|a7@x.test|active||||CTO"));
  plan = sync_once (f, "{}", everyone, TRUE, NULL);
  g_clear_object (&plan);

  /* six of seven leave: more than max (5, 10 %) */
  plan = sync_once (f, "{\"archive_inactive\": true}", one_left, FALSE, NULL);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_ARCHIVE), ==, 6);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_UPDATE), ==, 1);
  g_assert_true (hc_plan_needs_confirmation (plan));
  hc_plan_approve_all_archives (plan, FALSE);
  for (guint i = 0; i < hc_plan_get_items (plan)->len && n < 2; i++)
    {
      HcPlanItem *item = g_ptr_array_index (hc_plan_get_items (plan), i);

      if (item->kind == HC_PLAN_ARCHIVE)
        {
          approved[n++] = item->member_id;
          g_assert_true (hc_plan_set_archive_approved (plan, item->member_id, TRUE));
        }
    }
  g_assert_false (hc_plan_needs_confirmation (plan));

  run = hc_sync_run_new (f->connector_id, HC_SYNC_TRIGGER_MANUAL);
  g_assert_true (hc_store_apply_plan (f->store, plan, run, &error));
  g_assert_no_error (error);
  /* the run counts what it applied; the staged are listed apart */
  g_assert_cmpuint (run->counts[HC_PLAN_ARCHIVE], ==, 2);
  g_assert_cmpuint (run->counts[HC_PLAN_UPDATE], ==, 1);
  staged = hc_store_list_staged_archives (f->store, run->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (staged->len, ==, 4);
  for (guint i = 0; i < staged->len; i++)
    {
      g_autoptr (HcMember) m = hc_store_get_member (f->store, g_array_index (staged, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_cmpint (hc_member_get_state (m), ==, HC_MEMBER_STATE_INVITED);
      g_assert_cmpint (hc_member_get_hr_status (m), ==, HC_HR_STATUS_MANAGED);
      g_assert_cmpint (g_array_index (staged, gint64, i), !=, approved[0]);
      g_assert_cmpint (g_array_index (staged, gint64, i), !=, approved[1]);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (HcMember) m = hc_store_get_member (f->store, approved[i], &error);

      g_assert_cmpint (hc_member_get_state (m), ==, HC_MEMBER_STATE_ARCHIVED);
    }
  assert_member (f, "E7", HC_MEMBER_STATE_INVITED, HC_HR_STATUS_MANAGED);
  {
    g_autoptr (HcMember) cto = member_of (f, "E7");

    g_assert_cmpstr (hc_member_get_title (cto), ==, "CTO");
  }
  runs = hc_store_list_runs (f->store, f->connector_id, 1, &error);
  g_assert_cmpuint (((HcSyncRun *) g_ptr_array_index (runs, 0))->counts[HC_PLAN_ARCHIVE], ==, 2);
  g_clear_object (&plan);

  /* the staged ones come back, now within the threshold */
  plan = sync_once (f, "{\"archive_inactive\": true}", one_left, TRUE, NULL);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_ARCHIVE), ==, 4);
  g_assert_false (hc_plan_needs_confirmation (plan));
  for (guint i = 0; i < staged->len; i++)
    {
      g_autoptr (HcMember) m = hc_store_get_member (f->store, g_array_index (staged, gint64, i), &error);

      g_assert_cmpint (hc_member_get_state (m), ==, HC_MEMBER_STATE_ARCHIVED);
    }
}

/* ─── the sync: mapping checked before any plan; schedules stage ───── */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static HcPlan *
prepare (HcSync  *sync,
         GError **error)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  HcPlan *plan;

  hc_sync_prepare_async (sync, NULL, wait_cb, &w);
  g_main_loop_run (w.loop);
  plan = hc_sync_prepare_finish (sync, w.result, error);
  g_object_unref (w.result);
  g_main_loop_unref (w.loop);
  return plan;
}

static HcSyncRun *
apply (HcSync  *sync,
       gboolean confirmed,
       GError **error)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  HcSyncRun *run;

  hc_sync_apply_async (sync, confirmed, NULL, wait_cb, &w);
  g_main_loop_run (w.loop);
  run = hc_sync_apply_finish (sync, w.result, error);
  g_object_unref (w.result);
  g_main_loop_unref (w.loop);
  return run;
}

static HcSync *
sync_for_snapshot (StoreFixture *f,
                   HcSyncTrigger trigger,
                   const char   *snapshot)
{
  g_autofree char *path = g_build_filename (f->dir, "snapshot.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (HcFileConnector) connector = NULL;
  g_autoptr (GError) error = NULL;
  HcSync *sync;

  g_file_set_contents (path, snapshot, -1, &error);
  g_assert_no_error (error);
  connector = hc_file_connector_new (file, "Snapshot");
  sync = hc_sync_new (f->store, f->connector_id, trigger);
  hc_sync_set_connector (sync, HC_CONNECTOR (connector));
  return sync;
}

static void
set_config (StoreFixture *f,
            const char   *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = hc_config_new_from_json (json, &error);

  g_assert_no_error (error);
  g_assert_true (hc_store_set_connector_config (f->store, f->connector_id, config, &error));
  g_assert_no_error (error);
}

static void
test_sync_checks_mapping (StoreFixture *f,
                          gconstpointer data)
{
  const char *snapshot =
    "{\"employees\": [{\"id\": \"E1\", \"first_name\": \"A\", \"email\": \"a@x.test\","
    " \"fields\": {\"cost_center\": \"CC-1\"}}]}";
  g_autoptr (HcSync) sync = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GPtrArray) members = NULL;

  set_config (f, "{\"mapping\": [{\"target\": \"custom.cost_center\", \"source\": \"cost_centre\"}]}");
  sync = sync_for_snapshot (f, HC_SYNC_TRIGGER_MANUAL, snapshot);
  plan = prepare (sync, &error);
  g_assert_null (plan);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  g_assert_nonnull (strstr (error->message, "cost_centre"));
  g_assert_nonnull (strstr (error->message, "cost_center (custom field)"));
  g_assert_null (hc_sync_get_plan (sync));
  runs = hc_store_list_runs (f->store, f->connector_id, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (((HcSyncRun *) g_ptr_array_index (runs, 0))->result, ==, HC_SYNC_RESULT_FAILED);
  members = hc_store_list_members (f->store, NULL);
  g_assert_cmpuint (members->len, ==, 0);
  g_clear_object (&sync);
  g_clear_error (&error);

  /* the right field: a plan, and the employees are kept for "why?" */
  set_config (f, "{\"mapping\": [{\"target\": \"custom.cost_center\", \"source\": \"cost_center\"}]}");
  sync = sync_for_snapshot (f, HC_SYNC_TRIGGER_MANUAL, snapshot);
  plan = prepare (sync, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_plan_count (plan, HC_PLAN_INVITE), ==, 1);
  g_assert_cmpuint (hc_sync_get_employees (sync)->len, ==, 1);
}

static void
test_sync_schedule_stages (StoreFixture *f,
                           gconstpointer data)
{
  g_autoptr (GString) all = g_string_new ("{\"employees\": [");
  g_autoptr (HcSync) sync = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 1; i <= 8; i++)
    g_string_append_printf (all, "%s{\"id\": \"E%u\", \"first_name\": \"A\", \"email\": \"a%u@x.test\"}",
                            i > 1 ? "," : "", i, i);
  g_string_append (all, "]}");

  set_config (f, "{\"archive_inactive\": true}");
  sync = sync_for_snapshot (f, HC_SYNC_TRIGGER_MANUAL, all->str);
  plan = prepare (sync, &error);
  g_assert_no_error (error);
  run = apply (sync, TRUE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&run, hc_sync_run_free);
  g_clear_object (&plan);
  g_clear_object (&sync);

  /* a scheduled run cannot ask: the 7 archives stay staged, the update applies */
  sync = sync_for_snapshot (f, HC_SYNC_TRIGGER_SCHEDULE,
                            "{\"employees\": [{\"id\": \"E1\", \"first_name\": \"B\", \"email\": \"a1@x.test\"}]}");
  plan = prepare (sync, &error);
  g_assert_no_error (error);
  g_assert_true (hc_plan_needs_confirmation (plan));
  run = apply (sync, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run->counts[HC_PLAN_ARCHIVE], ==, 0);
  g_assert_cmpuint (run->counts[HC_PLAN_UPDATE], ==, 1);
  g_assert_cmpuint (hc_plan_count_staged (plan), ==, 7);
  g_assert_cmpuint (hc_store_count_members (f->store, HC_MEMBER_STATE_ARCHIVED), ==, 0);
  info = hc_store_get_connector (f->store, f->connector_id, &error);
  g_assert_cmpint (info->state, ==, HC_CONNECTOR_STATE_ACTION_REQUIRED);
  g_assert_nonnull (strstr (info->last_error, "7 archives"));
}

/* History's duration is preparing plus applying: the time the preview
 * was open before Apply is recorded as waited and left out. */
static void
test_sync_duration_without_preview (StoreFixture *f,
                                    gconstpointer data)
{
  g_autoptr (HcSync) sync = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (HcSyncRun) stored = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  const gint64 reading = 1200 * 1000;   /* the admin reads the preview for 1.2 s */
  gint64 wall;

  sync = sync_for_snapshot (f, HC_SYNC_TRIGGER_MANUAL,
                            "{\"employees\": [{\"id\": \"E1\", \"first_name\": \"A\", \"email\": \"a@x.test\"}]}");
  g_assert_cmpint (hc_sync_get_waited (sync), ==, 0);
  plan = prepare (sync, &error);
  g_assert_no_error (error);
  g_usleep (reading);
  g_assert_cmpint (hc_sync_get_waited (sync), >=, reading);
  run = apply (sync, TRUE, &error);
  g_assert_no_error (error);

  wall = run->finished_at - run->started_at;
  g_assert_cmpint (run->waited, >=, reading);
  g_assert_cmpint (run->waited, <, wall);
  g_assert_cmpint (hc_sync_run_get_duration (run), ==, wall - run->waited);
  g_assert_cmpint (hc_sync_run_get_duration (run), <=, wall - reading);

  /* as History reads it back, in the list, alone and as JSON */
  stored = hc_store_get_run (f->store, run->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->waited, ==, run->waited);
  g_assert_cmpint (hc_sync_run_get_duration (stored), ==, hc_sync_run_get_duration (run));
  runs = hc_store_list_runs (f->store, f->connector_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((HcSyncRun *) g_ptr_array_index (runs, 0))->waited, ==, run->waited);
  hc_sync_run_to_json (stored, builder);
  node = json_builder_get_root (builder);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "duration_ms"), ==,
                   hc_sync_run_get_duration (stored) / 1000);

  /* an unfinished run, or one that waited more than it lasted, is no negative time */
  stored->finished_at = 0;
  g_assert_cmpint (hc_sync_run_get_duration (stored), ==, 0);
  stored->finished_at = stored->started_at + 10;
  stored->waited = 20;
  g_assert_cmpint (hc_sync_run_get_duration (stored), ==, 0);
}

/* rules.md 5: a PayFit connector matches by employee id only. The manual
 * member who has the collaborator's e-mail is not taken (a Personio
 * connector would take it); the one with the id is, for both. */
static void
test_plan_match_id_only (void)
{
  const char * const employee_specs[] = { "E1|Zoé|Lefèvre|zoe@x.test", "E2|Ana|Lima|ana@x.test", NULL };
  const char * const member_specs[] = { "10||zoe@x.test|Zoé|Lefèvre|active|manual",
                                        "11|E2|ana@x.test|Ana|Lima|active|manual", NULL };
  g_autoptr (GPtrArray) employees = hc_test_employees (employee_specs);
  g_autoptr (GPtrArray) members = hc_test_members (member_specs);
  GDate today = hc_test_date (TODAY);
  const char *kinds[] = { "personio", "payfit" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (HcConfig) config = hc_config_new_for_kind (kinds[k]);
      g_autoptr (HcPlan) plan = hc_plan_compute_at (config, C, employees, members, FALSE, &today);
      gboolean id_only = g_str_equal (kinds[k], "payfit");
      GPtrArray *items = hc_plan_get_items (plan);
      gboolean e1_takes_10 = FALSE;
      HcPlanItem *e2 = find_item (plan, "E2");

      g_assert_cmpint (config->match_id_only, ==, id_only);
      for (guint i = 0; i < items->len; i++)
        {
          HcPlanItem *item = g_ptr_array_index (items, i);

          if (g_strcmp0 (item->employee_id, "E1") == 0 && item->member_id == 10)
            {
              e1_takes_10 = TRUE;
              g_assert_cmpint (item->match, ==, HC_PLAN_MATCH_EMAIL);
            }
          if (id_only)
            g_assert_cmpint (item->match, !=, HC_PLAN_MATCH_EMAIL);
        }
      g_assert_cmpint (e1_takes_10, ==, !id_only);
      g_assert_nonnull (e2);
      g_assert_cmpint (e2->member_id, ==, 11);
      g_assert_cmpint (e2->match, ==, HC_PLAN_MATCH_EMPLOYEE_ID);
    }
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
  g_test_add_func ("/plan/sanitize-problems", test_plan_sanitize_problems);
  g_test_add_func ("/plan/long-cycle", test_plan_long_cycle);
  g_test_add_func ("/plan/cycle-left-out", test_plan_cycle_left_out);
  g_test_add_func ("/plan/items-in-threads", test_plan_items_in_threads);
  g_test_add_func ("/plan/json", test_plan_json);
  g_test_add_func ("/plan/upcoming", test_plan_upcoming);
  for (guint i = 0; i < G_N_ELEMENTS (onboarding_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/plan/onboarding-agree/%02u", i);
      g_test_add_data_func (path, &onboarding_cases[i], test_onboarding_agree);
    }
  g_test_add_func ("/plan/staged-archives", test_plan_staged_archives);
  for (guint i = 0; i < G_N_ELEMENTS (explain_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/plan/explain/%02u", i);
      g_test_add_data_func (path, &explain_cases[i], test_explain_case);
    }
  g_test_add_func ("/plan/explain/not-found", test_explain_not_found);
  g_test_add_func ("/plan/explain/mapped-email", test_explain_mapped_email);
  for (guint i = 0; i < G_N_ELEMENTS (return_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/plan/store/return/%02u", i);

      g_test_add (path, StoreFixture, &return_cases[i], store_set_up, test_return, store_tear_down);
    }
  g_test_add ("/plan/store/filter-changes", StoreFixture, NULL,
              store_set_up, test_filter_changes, store_tear_down);
  g_test_add ("/plan/store/staged-archives", StoreFixture, NULL,
              store_set_up, test_staged_archives_applied, store_tear_down);
  g_test_add ("/plan/sync/checks-mapping", StoreFixture, NULL,
              store_set_up, test_sync_checks_mapping, store_tear_down);
  g_test_add ("/plan/sync/schedule-stages", StoreFixture, NULL,
              store_set_up, test_sync_schedule_stages, store_tear_down);
  g_test_add ("/plan/sync/duration-without-preview", StoreFixture, NULL,
              store_set_up, test_sync_duration_without_preview, store_tear_down);

  g_test_add_func ("/plan/match-id-only", test_plan_match_id_only);

  return g_test_run ();
}
