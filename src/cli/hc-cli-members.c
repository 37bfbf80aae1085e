/* hc-cli-members.c — headcount-cli members and history: the directory and past syncs
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"

#define CUSTOM_PREFIX "custom."

/* The columns of members --csv, as the keys of members --json. */
static const char * const csv_columns[] = {
  "id", "external_id", "email", "first_name", "last_name", "title",
  "department", "manager_id", "state", "hr_status", "has_access",
};

/* The custom fields of a member as "custom.<name>" paths, sorted.
 * (transfer full) */
static GPtrArray *
dup_custom_paths (HcMember *member)
{
  g_autoptr (GPtrArray) names = hc_member_list_custom_fields (member);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (g_str_has_prefix (name, CUSTOM_PREFIX))
        g_ptr_array_add (paths, g_strdup (name));
      else
        g_ptr_array_add (paths, g_strconcat (CUSTOM_PREFIX, name, NULL));
    }

  return paths;
}

static void
add_member_json (JsonBuilder *builder,
                 HcMember    *member)
{
  g_autoptr (GPtrArray) custom = dup_custom_paths (member);
  gint64 manager_id = hc_member_get_manager_id (member);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, hc_member_get_id (member));
  hc_cli_json_add_string (builder, "external_id", hc_member_get_external_id (member));
  hc_cli_json_add_string (builder, "email", hc_member_get_email (member));
  hc_cli_json_add_string (builder, "first_name", hc_member_get_first_name (member));
  hc_cli_json_add_string (builder, "last_name", hc_member_get_last_name (member));
  hc_cli_json_add_string (builder, "title", hc_member_get_title (member));
  hc_cli_json_add_string (builder, "department", hc_member_get_department (member));
  json_builder_set_member_name (builder, "manager_id");
  if (manager_id != 0)
    json_builder_add_int_value (builder, manager_id);
  else
    json_builder_add_null_value (builder);
  hc_cli_json_add_string (builder, "state", hc_member_state_to_string (hc_member_get_state (member)));
  hc_cli_json_add_string (builder, "hr_status", hc_hr_status_to_string (hc_member_get_hr_status (member)));
  json_builder_set_member_name (builder, "has_access");
  json_builder_add_boolean_value (builder, hc_member_get_has_access (member));

  json_builder_set_member_name (builder, "custom");
  json_builder_begin_object (builder);
  for (guint i = 0; i < custom->len; i++)
    {
      const char *path = g_ptr_array_index (custom, i);

      hc_cli_json_add_string (builder, path + strlen (CUSTOM_PREFIX),
                              hc_member_get_field (member, path));
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

static void
print_members_json (GPtrArray *members)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < members->len; i++)
    add_member_json (builder, g_ptr_array_index (members, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  hc_cli_print_json (builder);
}

/* g_ptr_array_sort hands pointers to the elements. */
static int
compare_string_pointers (gconstpointer a,
                         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
print_members_csv (GPtrArray *members)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) custom_columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

  /* Custom fields vary by member: one column for each seen anywhere. */
  for (guint i = 0; i < members->len; i++)
    {
      g_autoptr (GPtrArray) paths = dup_custom_paths (g_ptr_array_index (members, i));

      for (guint j = 0; j < paths->len; j++)
        {
          char *path = g_ptr_array_index (paths, j);

          if (g_hash_table_contains (seen, path))
            continue;
          path = g_strdup (path);
          g_hash_table_add (seen, path);
          g_ptr_array_add (custom_columns, path);
        }
    }
  g_ptr_array_sort (custom_columns, compare_string_pointers);

  for (gsize c = 0; c < G_N_ELEMENTS (csv_columns); c++)
    g_ptr_array_add (row, g_strdup (csv_columns[c]));
  for (guint c = 0; c < custom_columns->len; c++)
    g_ptr_array_add (row, g_strdup (g_ptr_array_index (custom_columns, c)));
  hc_cli_csv_append_row (out, (const char * const *) row->pdata, row->len);

  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);
      gint64 manager_id = hc_member_get_manager_id (member);

      g_ptr_array_set_size (row, 0);
      g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT, hc_member_get_id (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_external_id (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_email (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_first_name (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_last_name (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_title (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_department (member)));
      g_ptr_array_add (row, manager_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, manager_id) : NULL);
      g_ptr_array_add (row, g_strdup (hc_member_state_to_string (hc_member_get_state (member))));
      g_ptr_array_add (row, g_strdup (hc_hr_status_to_string (hc_member_get_hr_status (member))));
      g_ptr_array_add (row, g_strdup (hc_member_get_has_access (member) ? "true" : "false"));
      for (guint c = 0; c < custom_columns->len; c++)
        g_ptr_array_add (row, g_strdup (hc_member_get_field (member, g_ptr_array_index (custom_columns, c))));

      hc_cli_csv_append_row (out, (const char * const *) row->pdata, row->len);
    }

  hc_cli_write_stdout (out->str, out->len);
}

static const char *
describe_state (HcMember *member)
{
  switch (hc_member_get_state (member))
    {
    case HC_MEMBER_STATE_ACTIVE:
      return hc_member_get_has_access (member) ? _("Active") : _("Active, no access");
    case HC_MEMBER_STATE_INVITED:
      return _("Invited");
    case HC_MEMBER_STATE_ARCHIVED:
      return _("Archived");
    default:
      return "";
    }
}

static const char *
describe_hr_status (HcHrStatus status)
{
  switch (status)
    {
    case HC_HR_STATUS_MANAGED:
      return _("Managed");
    case HC_HR_STATUS_PREVIOUSLY_MANAGED:
      return _("Previously managed");
    case HC_HR_STATUS_MANUAL:
      return _("Manual");
    default:
      return "";
    }
}

static void
print_members_table (GPtrArray *members)
{
  g_autoptr (HcCliTable) table = hc_cli_table_new (4);

  hc_cli_table_add_row (table, _("Name"), _("E-mail"), _("State"), _("HR status"));
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      hc_cli_table_add_row (table,
                            hc_member_get_display_name (member),
                            hc_member_get_email (member),
                            describe_state (member),
                            describe_hr_status (hc_member_get_hr_status (member)));
    }
  hc_cli_table_print (table, TRUE);

  g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "%u member\n", "%u members\n", members->len),
           members->len);
}

int
hc_cli_members (HcCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GPtrArray) shown = NULL;
  g_autofree char *state_name = NULL;
  HcMemberState state = HC_MEMBER_STATE_ACTIVE;
  gboolean json = FALSE;
  gboolean csv = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_name,
      N_("Only the members in STATE: active, invited or archived"), N_("STATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV (RFC 4180, UTF-8)"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "members", _("List the members of the directory."), entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if (json && csv)
    return hc_cli_usage_error (context, _("Choose one of --json and --csv"));
  if (state_name != NULL && !hc_member_state_from_string (state_name, &state))
    return hc_cli_usage_error (context, _("Unknown state “%s”: use active, invited or archived"), state_name);

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  members = hc_store_list_members (store, &error);
  if (members == NULL)
    return hc_cli_fail_error (error);

  shown = g_ptr_array_new ();
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      if (state_name == NULL || hc_member_get_state (member) == state)
        g_ptr_array_add (shown, member);
    }

  if (json)
    print_members_json (shown);
  else if (csv)
    print_members_csv (shown);
  else if (shown->len == 0)
    g_print ("%s\n", _("No members."));
  else
    print_members_table (shown);

  return HC_CLI_EXIT_OK;
}

static const char *
describe_trigger (HcSyncTrigger trigger)
{
  switch (trigger)
    {
    case HC_SYNC_TRIGGER_MANUAL:
      return _("By hand");
    case HC_SYNC_TRIGGER_SCHEDULE:
      return _("Scheduled");
    case HC_SYNC_TRIGGER_CLI:
      return _("Command line");
    default:
      return "";
    }
}

static const char *
describe_result (HcSyncResult result)
{
  switch (result)
    {
    case HC_SYNC_RESULT_SUCCESS:
      return _("Success");
    case HC_SYNC_RESULT_FAILED:
      return _("Failed");
    case HC_SYNC_RESULT_CANCELLED:
      return _("Cancelled");
    case HC_SYNC_RESULT_NEEDS_CONFIRMATION:
      return _("Needs confirmation");
    default:
      return "";
    }
}

/* "New invitations 3, Updates 1": the kinds that changed something. */
static char *
describe_counts (const HcSyncRun *run)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (int kind = 0; kind < HC_PLAN_N_KINDS; kind++)
    {
      if (kind == HC_PLAN_SKIP || kind == HC_PLAN_UNCHANGED || run->counts[kind] == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s %u", hc_plan_kind_describe (kind), run->counts[kind]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
hc_cli_history (HcCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (argc > 1 && g_str_equal (argv[1], "show"))
    return hc_cli_history_show (cli, argc - 1, argv + 1);

  context = hc_cli_option_context_new (cli, "history", _("List the past syncs, newest first."), entries);
  g_option_context_set_description (context,
    _("“headcount-cli history show RUN [--json]” shows one sync's changes, field by field; "
      "“headcount-cli undo RUN” rolls back the last applied sync of a connector."));
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  runs = hc_store_list_runs (store, 0, 0, &error);
  if (runs == NULL)
    return hc_cli_fail_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "runs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < runs->len; i++)
        hc_sync_run_to_json (g_ptr_array_index (runs, i), builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      hc_cli_print_json (builder);
    }
  else if (runs->len == 0)
    {
      g_print ("%s\n", _("No syncs yet."));
    }
  else
    {
      g_autoptr (HcCliTable) table = hc_cli_table_new (6);

      /* Translators: the column of sync numbers, for “history show RUN” */
      hc_cli_table_add_row (table, _("Sync"), _("Started"), _("Connector"), _("Trigger"), _("Result"), _("Changes"));
      hc_cli_table_align_right (table, 0);
      for (guint i = 0; i < runs->len; i++)
        {
          const HcSyncRun *run = g_ptr_array_index (runs, i);
          char **cells = g_new0 (char *, 7);

          cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);
          cells[1] = hc_cli_format_time (run->started_at);
          cells[2] = g_strdup (run->connector_name != NULL ? run->connector_name : "—");
          cells[3] = g_strdup (describe_trigger (run->trigger));
          cells[4] = g_strdup (describe_result (run->result));
          cells[5] = run->error_message != NULL ? g_strdup (run->error_message) : describe_counts (run);
          if (run->error_message == NULL && hc_store_get_undone_run (store, run->id) != 0)
            {
              g_free (cells[5]);
              cells[5] = g_strdup_printf (_("Undo of sync %lld"),
                                          (long long) hc_store_get_undone_run (store, run->id));
            }
          hc_cli_table_add_rowv (table, cells);
        }
      hc_cli_table_print (table, TRUE);
    }

  return HC_CLI_EXIT_OK;
}
