/* hc-cli-sync.c — headcount-cli sync: the same engine as the app, headless
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-group-plan.h"
#include "hc-cli-output.h"
#include "hc-error.h"
#include "hc-scheduler.h"
#include "hc-sync.h"
#include "hc-undo.h"

typedef struct
{
  gboolean shown;
} Progress;

static void
progress_changed_cb (HcSync     *sync,
                     GParamSpec *pspec,
                     Progress   *progress)
{
  const char *text = hc_sync_get_status_text (sync);
  double fraction = hc_sync_get_progress (sync);

  if (text == NULL)
    text = "";

  /* One line, rewritten in place. */
  if (fraction >= 0)
    g_printerr ("\r\033[K%s (%d %%)", text, (int) (fraction * 100 + 0.5));
  else
    g_printerr ("\r\033[K%s", text);

  progress->shown = TRUE;
}

static void
clear_progress (Progress *progress)
{
  if (progress->shown)
    g_printerr ("\r\033[K");
  progress->shown = FALSE;
}

/* A sync lists what it changes; a dry run, the plan member by member
 * (what it changes and whom it skips); --all-items, every item. */
static void
print_json (HcPlan    *plan,
            gboolean   dry_run,
            gboolean   all_items,
            HcSyncRun *run,
            HcStore   *store)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  json_builder_set_member_name (builder, "applied");
  json_builder_add_boolean_value (builder, run != NULL);
  json_builder_set_member_name (builder, "needs_confirmation");
  json_builder_add_boolean_value (builder, hc_plan_needs_confirmation (plan));
  json_builder_set_member_name (builder, "plan");
  hc_plan_to_json_with (plan, builder,
                        all_items ? HC_PLAN_JSON_ALL_ITEMS
                        : dry_run ? HC_PLAN_JSON_PREVIEW_ITEMS : HC_PLAN_JSON_CHANGED_ITEMS);
  if (run != NULL)
    {
      json_builder_set_member_name (builder, "run");
      hc_sync_run_to_json (run, builder);
    }
  /* A dry run also says what the destinations would receive. */
  if (dry_run && store != NULL)
    hc_cli_destination_add_plan_json (store, plan, builder);
  json_builder_end_object (builder);

  hc_cli_print_json (builder);
}

static void
print_item (const HcPlanItem *item,
            gboolean          with_ids)
{
  g_autoptr (GString) line = g_string_new ("  ");

  if (with_ids)
    g_string_append (line, item->display_name != NULL ? item->display_name : "—");
  else
    g_string_append (line, item->display_name != NULL ? item->display_name : item->employee_id);
  if (item->email != NULL)
    g_string_append_printf (line, " <%s>", item->email);
  if (with_ids && item->employee_id != NULL)
    g_string_append_printf (line, " (%s)", item->employee_id);
  if (!with_ids && item->reason != NULL)
    g_string_append_printf (line, " — %s", item->reason);
  if (item->kind == HC_PLAN_ARCHIVE && item->staged)
    g_string_append_printf (line, " (%s)", _("staged: not applied"));
  g_print ("%s\n", line->str);

  /* A new member's fields are all new: the name says enough. */
  if (item->kind == HC_PLAN_INVITE || item->kind == HC_PLAN_CREATE_NO_ACCESS)
    return;

  for (guint i = 0; item->changes != NULL && i < item->changes->len; i++)
    {
      const HcFieldChange *change = g_ptr_array_index (item->changes, i);
      g_autofree char *field = hc_undo_describe_field (change->field);

      g_print ("      %s: %s → %s\n",
               field,
               change->before != NULL ? hc_undo_describe_value (change->field, change->before) : "∅",
               change->after != NULL ? hc_undo_describe_value (change->field, change->after) : "∅");
    }
}

void
hc_cli_print_plan_items (HcPlan  *plan,
                         gboolean with_ids)
{
  GPtrArray *items = hc_plan_get_items (plan);

  for (int kind = 0; kind < HC_PLAN_N_KINDS; kind++)
    {
      if (kind == HC_PLAN_UNCHANGED || hc_plan_count (plan, kind) == 0)
        continue;

      g_print ("\n%s:\n", hc_plan_kind_describe (kind));
      for (guint i = 0; i < items->len; i++)
        {
          const HcPlanItem *item = g_ptr_array_index (items, i);

          if ((int) item->kind == kind)
            print_item (item, with_ids);
        }
    }
}

/* The group category (rules.md 38): counts, and with @with_items one
 * line per change. */
static void
print_group_plan (HcGroupPlan *groups,
                  gboolean     with_items)
{
  g_autoptr (HcCliTable) table = hc_cli_table_new (2);
  GPtrArray *changes = hc_group_plan_get_changes (groups);

  if (hc_group_plan_is_empty (groups))
    return;
  hc_cli_table_set_indent (table, 2);
  hc_cli_table_align_right (table, 1);
  for (int kind = 0; kind < HC_GROUP_CHANGE_N_KINDS; kind++)
    {
      g_autofree char *count = NULL;

      if (hc_group_plan_count (groups, kind) == 0)
        continue;
      count = g_strdup_printf ("%u", hc_group_plan_count (groups, kind));
      hc_cli_table_add_row (table, hc_group_change_kind_describe (kind), count);
    }
  g_print ("\n%s\n", _("Groups and roles:"));
  hc_cli_table_print (table, FALSE);
  if (!with_items)
    return;
  for (int kind = 0; kind < HC_GROUP_CHANGE_N_KINDS; kind++)
    {
      if (hc_group_plan_count (groups, kind) == 0)
        continue;
      g_print ("\n%s:\n", hc_group_change_kind_describe (kind));
      for (guint i = 0; i < changes->len; i++)
        {
          const HcGroupChange *change = g_ptr_array_index (changes, i);
          const char *what = change->path ? change->path : change->name;

          if ((int) change->kind != kind)
            continue;
          if (change->display_name != NULL)
            g_print ("  %s — %s%s%s%s\n", change->display_name, what,
                     change->rule ? " (" : "", change->rule ? change->rule : "", change->rule ? ")" : "");
          else
            g_print ("  %s\n", what);
        }
    }
}

static void
print_plan (const char *name,
            HcPlan     *plan,
            gboolean    with_items)
{
  g_autoptr (HcCliTable) table = hc_cli_table_new (2);
  g_autoptr (GString) lines = g_string_new (NULL);
  GPtrArray *warnings = hc_plan_get_warnings (plan);

  hc_cli_table_set_indent (table, 2);
  hc_cli_table_align_right (table, 1);
  for (int kind = 0; kind < HC_PLAN_N_KINDS; kind++)
    {
      g_autofree char *count = g_strdup_printf ("%u", hc_plan_count (plan, kind));

      hc_cli_table_add_row (table, hc_plan_kind_describe (kind), count);
    }

  g_print (_("Plan for “%s”:\n"), name);
  hc_cli_table_print (table, FALSE);

  if (hc_plan_count_staged (plan) > 0)
    {
      guint n = hc_plan_count_staged (plan);

      g_print ("\n");
      g_print (g_dngettext (GETTEXT_PACKAGE_NAME,
                            "%u archive stays staged: it is listed in the run, not applied.\n",
                            "%u archives stay staged: they are listed in the run, not applied.\n", n), n);
    }

  if (with_items)
    {
      GPtrArray *upcoming = hc_plan_get_upcoming (plan);

      hc_cli_print_plan_items (plan, FALSE);
      if (upcoming->len > 0)
        {
          g_print ("\n");
          g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Entering the scope in the next %u day:\n",
                                "Entering the scope in the next %u days:\n", HC_PLAN_UPCOMING_DAYS),
                   HC_PLAN_UPCOMING_DAYS);
          for (guint i = 0; i < upcoming->len; i++)
            {
              const HcPlanUpcoming *u = g_ptr_array_index (upcoming, i);
              char day[16];

              g_date_strftime (day, sizeof day, "%Y-%m-%d", &u->enters_on);
              g_print ("  %s %s%s%s%s\n", day, u->display_name,
                       u->email ? " <" : "", u->email ? u->email : "", u->email ? ">" : "");
            }
        }
    }

  if (hc_plan_get_group_plan (plan) != NULL)
    print_group_plan (hc_plan_get_group_plan (plan), with_items);

  /* One write for them all: g_print() flushes each line, and a large
   * HR system's first sync can warn thousands of times. */
  if (warnings != NULL && warnings->len > 0)
    {
      g_string_append_printf (lines, "\n%s\n", _("Warnings:"));
      for (guint i = 0; i < warnings->len; i++)
        g_string_append_printf (lines, "  • %s\n", (const char *) g_ptr_array_index (warnings, i));
    }
  if (hc_plan_get_group_plan (plan) != NULL)
    {
      GPtrArray *more = hc_group_plan_get_warnings (hc_plan_get_group_plan (plan));

      if (more->len > 0 && (warnings == NULL || warnings->len == 0))
        g_string_append_printf (lines, "\n%s\n", _("Warnings:"));
      for (guint i = 0; i < more->len; i++)
        g_string_append_printf (lines, "  • %s\n", (const char *) g_ptr_array_index (more, i));
    }
  if (lines->len > 0)
    g_print ("%s", lines->str);
}

static const char *
confirmation_reason (HcPlan *plan)
{
  const char *reason = hc_plan_get_confirmation_reason (plan);

  return reason != NULL ? reason : _("This plan needs a confirmation.");
}

/* Exit status 3 and the error object tell scripts; these lines tell
 * people. Returns the exit status. */
static int
ask_confirmation (const char *reason,
                  const char *quoted_name)
{
  int exit_code = hc_cli_fail_code (HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION, "%s", reason);

  hc_cli_notice (_("Nothing was changed. To apply this plan, run “headcount-cli sync %s --yes”."),
                 quoted_name);
  return exit_code;
}

static int
report_failure (const char   *name,
                const GError *error)
{
  if (g_error_matches (error, HC_ERROR, HC_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return hc_cli_fail_code (HC_ERROR, HC_ERROR_CANCELLED, _("Sync of “%s” cancelled: nothing was changed"), name);

  return hc_cli_fail_with (error, _("Sync of “%s” failed: %s"), name, error->message);
}

static const char *
scheduled_result_to_string (HcScheduledResult result)
{
  switch (result)
    {
    case HC_SCHEDULED_UNCHANGED:
      return "unchanged";
    case HC_SCHEDULED_CHANGED:
      return "changed";
    case HC_SCHEDULED_FAILED:
      return "failed";
    case HC_SCHEDULED_NEEDS_CONFIRMATION:
      return "needs_confirmation";
    case HC_SCHEDULED_BUSY:
    default:
      return "busy";
    }
}

static void
print_scheduled_run (const HcScheduledRun *run)
{
  g_autofree char *quoted_name = hc_cli_quote_argument (run->connector_name);

  switch (run->result)
    {
    case HC_SCHEDULED_UNCHANGED:
      g_print (_("“%s”: nothing to change, the directory is up to date.\n"), run->connector_name);
      break;
    case HC_SCHEDULED_CHANGED:
      g_print (_("“%s”: sync applied.\n"), run->connector_name);
      break;
    case HC_SCHEDULED_FAILED:
      g_print (_("“%s”: failed: %s\n"), run->connector_name,
               run->message != NULL ? run->message : _("unknown error"));
      break;
    case HC_SCHEDULED_NEEDS_CONFIRMATION:
      g_print (_("“%s”: not applied, it waits for a confirmation. %s\n"), run->connector_name,
               run->message != NULL ? run->message : "");
      g_print (_("    To review and apply it, run “headcount-cli sync %s”.\n"), quoted_name);
      break;
    case HC_SCHEDULED_BUSY:
    default:
      g_print (_("“%s”: skipped, another sync of it is running.\n"), run->connector_name);
      break;
    }
}

/* sync --all-due: what a systemd timer or cron runs (headcount-cli(1),
 * SCHEDULED SYNCS, and docs/scheduling.md). */
static int
sync_all_due (HcCli   *cli,
              gboolean json)
{
  g_autoptr (HcScheduler) scheduler = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) failed = g_string_new (NULL);
  g_autoptr (GString) waiting = g_string_new (NULL);
  guint n_failed = 0;
  guint n_waiting = 0;
  int exit_code = HC_CLI_EXIT_OK;
  HcCliWait wait;
  HcStore *store;

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  scheduler = hc_scheduler_new (store);
  hc_cli_wait_init (&wait);
  hc_scheduler_run_due_async (scheduler, cancellable, hc_cli_wait_cb, &wait);
  runs = hc_scheduler_run_due_finish (scheduler, hc_cli_wait_run (&wait, cancellable), &error);
  hc_cli_wait_clear (&wait);
  if (runs == NULL)
    return hc_cli_fail_with (error, _("Could not run the scheduled syncs: %s"), error->message);

  for (guint i = 0; i < runs->len; i++)
    {
      const HcScheduledRun *run = g_ptr_array_index (runs, i);

      GString *names = run->result == HC_SCHEDULED_FAILED ? failed
                       : run->result == HC_SCHEDULED_NEEDS_CONFIRMATION ? waiting : NULL;

      if (names == NULL)
        continue;
      g_string_append_printf (names, "%s“%s”", names->len > 0 ? ", " : "", run->connector_name);
      n_failed += run->result == HC_SCHEDULED_FAILED;
      n_waiting += run->result == HC_SCHEDULED_NEEDS_CONFIRMATION;
    }

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "runs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < runs->len; i++)
        {
          const HcScheduledRun *run = g_ptr_array_index (runs, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "connector_id");
          json_builder_add_int_value (builder, run->connector_id);
          json_builder_set_member_name (builder, "connector");
          json_builder_add_string_value (builder, run->connector_name);
          json_builder_set_member_name (builder, "result");
          json_builder_add_string_value (builder, scheduled_result_to_string (run->result));
          json_builder_set_member_name (builder, "message");
          if (run->message != NULL)
            json_builder_add_string_value (builder, run->message);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
    }
  else if (runs->len == 0)
    {
      g_print ("%s\n", _("No sync is due."));
    }
  else
    {
      for (guint i = 0; i < runs->len; i++)
        print_scheduled_run (g_ptr_array_index (runs, i));
    }

  if (n_failed > 0)
    /* Translators: the second %s lists connectors: “HR”, “Payroll” */
    return hc_cli_fail_code (HC_CLI_ERROR, HC_CLI_ERROR_SYNC_FAILED,
                             g_dngettext (GETTEXT_PACKAGE_NAME, "%u scheduled sync failed: %s",
                                          "%u scheduled syncs failed: %s", n_failed),
                             n_failed, failed->str);
  if (n_waiting > 0)
    /* Translators: the second %s lists connectors: “HR”, “Payroll” */
    return hc_cli_fail_code (HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION,
                             g_dngettext (GETTEXT_PACKAGE_NAME, "%u scheduled sync waits for a confirmation: %s",
                                          "%u scheduled syncs wait for a confirmation: %s", n_waiting),
                             n_waiting, waiting->str);
  return HC_CLI_EXIT_OK;
}

/* The command ends with its sync: the plan (100,000 items and their
 * changes for a large company, some 40 ms to free one by one) goes back
 * with the process, as its heap does (rules.md 44). Held here, it stays
 * reachable: no leak for LeakSanitizer or valgrind. */
static void
keep_until_exit (HcPlan *plan)
{
  static HcPlan *kept;

  g_clear_object (&kept);
  kept = plan;
}

int
hc_cli_sync (HcCli *cli,
             int    argc,
             char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcSync) sync = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *quoted_name = NULL;
  Progress progress = { FALSE };
  HcCliWait wait;
  gboolean dry_run = FALSE;
  gboolean yes = FALSE;
  gboolean json = FALSE;
  gboolean all_items = FALSE;
  gboolean secret_stdin = FALSE;
  gboolean stage_archives = FALSE;
  gboolean all_due = FALSE;
  gboolean claimed = FALSE;
  gboolean confirm_deactivations = FALSE;
  g_auto (GStrv) approved = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show what the sync would change; change nothing"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Apply a plan that needs a confirmation (a first sync, many archives)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the plan and the result as JSON"), NULL },
    { "all-items", 0, 0, G_OPTION_ARG_NONE, &all_items,
      N_("With --json, list the unchanged members and the skipped employees too"), NULL },
    { "secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("Use the secret on standard input for this run instead of the keyring’s (it is not stored)"), NULL },
    { "stage-archives", 0, 0, G_OPTION_ARG_NONE, &stage_archives,
      N_("Apply everything but the archives: they stay staged, listed in the run"), NULL },
    { "approve-archive", 0, 0, G_OPTION_ARG_STRING_ARRAY, &approved,
      N_("Apply the archive of this member (repeat it); the other archives stay staged"), N_("MEMBER-ID") },
    { "all-due", 0, 0, G_OPTION_ARG_NONE, &all_due,
      N_("Run every connector whose scheduled sync is due, once each, instead of one NAME"), NULL },
    { "confirm-deactivations", 0, 0, G_OPTION_ARG_NONE, &confirm_deactivations,
      N_("Send the deactivations that destinations marked as test instances hold"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "sync NAME | sync --all-due",
                                       _("Fetch the employees from the HR system, preview the changes, apply them."),
                                       entries);
  g_option_context_set_description (context,
                                    _("A plan that needs a confirmation is shown and not applied, with exit status 3, unless --yes is given.\n"
                                      "--all-due runs, once each, the connectors whose scheduled sync is due and applies what needs no "
                                      "confirmation: exit status 1 if one failed, 3 if one waits for a confirmation. “man headcount-cli” shows "
                                      "how to run it from a systemd timer or cron."));

  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (all_due)
    {
      if (argc > 1)
        return hc_cli_usage_error (context, _("--all-due runs every connector that is due: give no NAME"));
      if (dry_run || yes || secret_stdin || stage_archives || all_items || approved != NULL || confirm_deactivations)
        return hc_cli_usage_error (context, _("--all-due takes no other option than --json"));
      return sync_all_due (cli, json);
    }
  if (argc < 2)
    return hc_cli_usage_error (context, _("Which connector? Give its name"));
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);
  for (guint i = 0; approved != NULL && approved[i] != NULL; i++)
    {
      const char *digits = approved[i][0] == '#' ? approved[i] + 1 : approved[i];
      guint64 id;

      if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &id, NULL))
        return hc_cli_usage_error (context, _("--approve-archive takes a member id, not “%s”"), approved[i]);
    }

  info = hc_cli_find_connector (cli, argv[1], &exit_code);
  if (info == NULL)
    return exit_code;
  store = hc_cli_get_store (cli, &exit_code);
  quoted_name = hc_cli_quote_argument (info->name);

  sync = hc_cli_sync_new (store, info, secret_stdin, &error);
  if (sync == NULL)
    return hc_cli_fail_error (error);
  if (isatty (STDERR_FILENO))
    {
      g_signal_connect (sync, "notify::status-text", G_CALLBACK (progress_changed_cb), &progress);
      g_signal_connect (sync, "notify::progress", G_CALLBACK (progress_changed_cb), &progress);
    }

  hc_cli_wait_init (&wait);

  /* Not while the app or a timer runs this connector (hc-scheduler.h). A
   * sync killed before its end is recorded as interrupted, a dry run not:
   * it records nothing (rules.md 41). */
  {
    gint64 now = g_get_real_time ();

    if (!(dry_run
          ? hc_store_claim_connector_run (store, info->id, now, now - HC_SCHEDULER_STALE_CLAIM,
                                          &claimed, &error)
          : hc_store_claim_connector_sync (store, info->id, HC_SYNC_TRIGGER_CLI, now,
                                           now - HC_SCHEDULER_STALE_CLAIM, &claimed, &error)))
      {
        exit_code = hc_cli_fail_error (error);
        goto out;
      }
    if (!claimed)
      {
        exit_code = hc_cli_fail_code (HC_CLI_ERROR, HC_CLI_ERROR_BUSY,
                                      _("A sync of “%s” is already running: try again when it has ended"),
                                      info->name);
        goto out;
      }
  }

  hc_sync_prepare_async (sync, cancellable, hc_cli_wait_cb, &wait);
  plan = hc_sync_prepare_finish (sync, hc_cli_wait_run (&wait, cancellable), &error);
  clear_progress (&progress);
  if (plan == NULL)
    {
      exit_code = report_failure (info->name, error);
      goto out;
    }

  /* Archives beyond what the admin approves stay staged (rules.md 20). */
  if (stage_archives || approved != NULL)
    hc_plan_approve_all_archives (plan, FALSE);
  for (guint i = 0; approved != NULL && approved[i] != NULL; i++)
    {
      const char *digits = approved[i][0] == '#' ? approved[i] + 1 : approved[i];
      gint64 id = g_ascii_strtoll (digits, NULL, 10);

      if (!hc_plan_set_archive_approved (plan, id, TRUE))
        {
          exit_code = hc_cli_fail_code (HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                                        _("This sync does not archive member %s: nothing was changed"), approved[i]);
          goto out;
        }
    }

  if (dry_run)
    {
      if (json)
        {
          print_json (plan, TRUE, all_items, NULL, store);
        }
      else
        {
          print_plan (info->name, plan, TRUE);
          hc_cli_destination_print_plan (store, plan);
          if (hc_plan_needs_confirmation (plan))
            g_print ("\n%s\n", confirmation_reason (plan));
          g_print ("\n%s\n", _("Dry run: nothing was changed."));
        }
      goto out;
    }

  if (hc_plan_needs_confirmation (plan) && !yes)
    {
      if (json)
        print_json (plan, FALSE, all_items, NULL, NULL);
      else
        print_plan (info->name, plan, FALSE);

      exit_code = ask_confirmation (confirmation_reason (plan), quoted_name);
      goto out;
    }

  hc_sync_apply_async (sync, yes, cancellable, hc_cli_wait_cb, &wait);
  run = hc_sync_apply_finish (sync, hc_cli_wait_run (&wait, cancellable), &error);
  clear_progress (&progress);
  if (run == NULL)
    {
      if (g_error_matches (error, HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION))
        exit_code = ask_confirmation (error->message, quoted_name);
      else
        {
          exit_code = report_failure (info->name, error);
        }
      goto out;
    }

  if (json)
    {
      print_json (plan, FALSE, all_items, run, NULL);
    }
  else
    {
      print_plan (info->name, plan, FALSE);
      if (hc_plan_is_empty (plan))
        g_print ("\n%s\n", _("Nothing to change: the directory is up to date."));
      else
        g_print ("\n%s\n", _("Sync applied."));
    }

  /* Then the destinations get the directory (SCIM): a failure there is
   * reported after the sync, which stays applied. With --json, stdout
   * keeps its one document: the outcome is in the exit status, and
   * per member in members --json. --yes confirms the plan, not what a
   * test instance holds: that takes its own flag (rules.md 42). */
  exit_code = hc_cli_destination_deliver (cli, run->id, confirm_deactivations, json);

out:
  hc_cli_wait_clear (&wait);
  if (claimed)
    hc_store_release_connector_run (store, info->id, NULL);
  keep_until_exit (g_steal_pointer (&plan));

  return exit_code;
}
