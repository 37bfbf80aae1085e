/* hc-cli-history.c — headcount-cli history show and undo: a past sync's changes, and its rollback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-error.h"
#include "hc-undo.h"

static gboolean
parse_run_id (const char *arg,
              gint64     *run_id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (arg, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *run_id = (gint64) value;
  return TRUE;
}

/* "history show": the rows of a change in the table, measured, then
 * printed (a first sync of 100,000 is a million rows: none is kept) */
typedef struct
{
  HcCliTable *table;
  gboolean    print;     /* else measure */
  guint       n_rows;
  const char *member;
  const char *kind;
  gboolean    why;       /* an undo's kept or removed member: no values */
  GString    *values;
} TableRows;

static void
table_row (const char *field,
           const char *before,
           const char *after,
           gpointer    user_data)
{
  TableRows *rows = user_data;
  const char *cells[4];

  g_string_truncate (rows->values, 0);
  if (rows->why)
    g_string_append (rows->values, after ? after : "");
  else
    g_string_append_printf (rows->values, "%s → %s", before ? before : "∅", after ? after : "∅");
  cells[0] = rows->member;
  cells[1] = rows->kind;
  cells[2] = field ? field : "";
  cells[3] = rows->values->str;
  if (rows->print)
    hc_cli_table_print_row (rows->table, cells, TRUE);
  else
    hc_cli_table_measure_row (rows->table, cells);
  rows->n_rows++;
}

/* Every row of @changes, to measure or to print; how many. */
static guint
table_rows (HcCliTable *table,
            GPtrArray  *changes,
            gboolean    print)
{
  g_autoptr (GString) values = g_string_new (NULL);
  TableRows rows = { .table = table, .print = print, .values = values };

  for (guint i = 0; i < changes->len; i++)
    {
      HcRunChange *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (change->kind, HC_RUN_CHANGE_UNDO_OF) == 0)
        continue;
      rows.member = change->member_name ? change->member_name
                    : change->employee_id ? change->employee_id : "—";
      rows.kind = hc_undo_describe_change_kind (change->kind);
      /* an undo's kept member and why, a removed one without values */
      rows.why = g_strcmp0 (change->kind, HC_RUN_CHANGE_UNDO_KEEP) == 0 ||
                 g_strcmp0 (change->kind, HC_RUN_CHANGE_UNDO_REMOVE) == 0;
      hc_undo_foreach_change_row (change, table_row, &rows);
    }
  return rows.n_rows;
}

static void
add_change_json (JsonBuilder       *builder,
                 const HcRunChange *change)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "member_id");
  if (change->member_id)
    json_builder_add_int_value (builder, change->member_id);
  else
    json_builder_add_null_value (builder);
  hc_cli_json_add_string (builder, "employee_id", change->employee_id);
  hc_cli_json_add_string (builder, "member", change->member_name);
  hc_cli_json_add_string (builder, "kind", change->kind);
  hc_cli_json_add_string (builder, "field", change->field);
  hc_cli_json_add_string (builder, "before", change->before);
  hc_cli_json_add_string (builder, "after", change->after);
  json_builder_end_object (builder);
}

int
hc_cli_history_show (HcCli *cli,
                     int    argc,
                     char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  gint64 run_id = 0, undone, undo_of;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "history show RUN",
                                       _("Show a past sync and its changes, member by member and field by field."),
                                       entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("No sync number given (see “headcount-cli history”)"));
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);
  if (!parse_run_id (argv[1], &run_id))
    return hc_cli_usage_error (context, _("“%s” is not a sync number"), argv[1]);

  store = hc_cli_get_store_for_reading (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  run = hc_store_get_run (store, run_id, &error);
  if (run == NULL)
    return hc_cli_fail_error (error);
  changes = hc_store_list_run_changes (store, run_id, &error);
  if (changes == NULL)
    return hc_cli_fail_error (error);
  undone = hc_store_get_undone_run (store, run_id);
  undo_of = hc_store_find_undo_of (store, run_id);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "run");
      hc_sync_run_to_json (run, builder);
      json_builder_set_member_name (builder, "undoes");
      if (undone)
        json_builder_add_int_value (builder, undone);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "undone_by");
      if (undo_of)
        json_builder_add_int_value (builder, undo_of);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "can_undo");
      json_builder_add_boolean_value (builder, hc_undo_can_undo (store, run_id, NULL));
      hc_cli_destination_add_run_json (store, run_id, builder);
      json_builder_set_member_name (builder, "changes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < changes->len; i++)
        {
          HcRunChange *change = g_ptr_array_index (changes, i);

          if (g_strcmp0 (change->kind, HC_RUN_CHANGE_UNDO_OF) != 0)
            add_change_json (builder, change);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
    }
  else
    {
      g_autofree char *started = hc_cli_format_time (run->started_at);
      g_autoptr (HcCliTable) table = hc_cli_table_new (4);
      g_autofree char *took = hc_sync_run_describe_duration (run);
      const char *header[4];

      if (run->trigger == HC_SYNC_TRIGGER_EDIT)
        /* Translators: the first line of "history show" for a change made by
         * hand in the member directory, which has no connector */
        g_print (_("Edit by hand %lld, started %s, took %s, result: %s\n"),
                 (long long) run->id, started, took, hc_sync_result_describe (run->result));
      else
        g_print (_("Sync %lld of %s, started %s, took %s, result: %s\n"),
                 (long long) run->id, run->connector_name ? run->connector_name : "—", started,
                 took, hc_sync_result_describe (run->result));
      if (run->error_message)
        g_print (_("Error: %s\n"), run->error_message);
      if (undone)
        g_print (_("This sync undid sync %lld.\n"), (long long) undone);
      if (undo_of)
        g_print (_("Undone by sync %lld.\n"), (long long) undo_of);
      hc_cli_destination_print_run (store, run_id);

      header[0] = _("Member");
      header[1] = _("Change");
      header[2] = _("Field");
      header[3] = _("Before → after");
      hc_cli_table_measure_row (table, header);
      if (table_rows (table, changes, FALSE) == 0)
        g_print ("%s\n", _("No changes."));
      else
        {
          g_print ("\n");
          hc_cli_table_print_row (table, header, TRUE);
          table_rows (table, changes, TRUE);
          hc_cli_table_finish (table);
        }
    }

  return HC_CLI_EXIT_OK;
}

int
hc_cli_undo (HcCli *cli,
             int    argc,
             char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcUndo) undo = NULL;
  g_autoptr (HcSyncRun) undo_run = NULL;
  g_autofree char *summary = NULL;
  gboolean json = FALSE, yes = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  gint64 run_id = 0;
  HcStore *store;
  GPtrArray *items;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Apply the rollback instead of only showing it"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "undo RUN",
                                       _("Roll back the last applied sync of a connector."), entries);
  g_option_context_set_description (context,
                                    _("Members the sync created are removed unless they changed since; updated fields, archives and "
                                      "HR statuses are put back. The rollback is shown and not applied, with exit status 3, "
                                      "unless --yes is given."));
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("No sync number given (see “headcount-cli history”)"));
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);
  if (!parse_run_id (argv[1], &run_id))
    return hc_cli_usage_error (context, _("“%s” is not a sync number"), argv[1]);

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  undo = hc_undo_new (store, run_id, &error);
  if (undo == NULL)
    return hc_cli_fail_error (error);

  if (yes && !hc_undo_apply (undo, store, HC_SYNC_TRIGGER_CLI, &undo_run, &error))
    return hc_cli_fail_error (error);

  items = hc_undo_get_items (undo);
  summary = hc_undo_dup_summary (undo);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "applied");
      json_builder_add_boolean_value (builder, undo_run != NULL);
      json_builder_set_member_name (builder, "undo");
      hc_undo_to_json (undo, builder);
      json_builder_set_member_name (builder, "run");
      if (undo_run)
        hc_sync_run_to_json (undo_run, builder);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
    }
  else
    {
      g_autoptr (HcCliTable) table = hc_cli_table_new (3);

      hc_cli_table_add_row (table, _("Member"), _("Undo"), _("Details"));
      for (guint i = 0; i < items->len; i++)
        {
          HcUndoItem *item = g_ptr_array_index (items, i);
          g_autofree char *field = item->field ? hc_undo_describe_field (item->field) : NULL;
          char **cells = g_new0 (char *, 4);

          cells[0] = g_strdup (item->display_name ? item->display_name : "—");
          switch (item->action)
            {
            case HC_UNDO_REMOVE:
              cells[1] = g_strdup (_("Remove"));
              cells[2] = g_strdup (_("Created by the sync"));
              break;
            case HC_UNDO_RESTORE:
              if (item->object_id != 0)
                {
                  /* "Role given: Sales", taken back */
                  cells[1] = g_strdup (_("Take back"));
                  cells[2] = g_strdup_printf ("%s: %s", field,
                                              item->current ? item->current
                                              : item->restored ? item->restored : "—");
                  break;
                }
              cells[1] = g_strdup (_("Restore"));
              cells[2] = g_strdup_printf ("%s: %s → %s", field, item->current ? item->current : "∅",
                                          item->restored ? item->restored : "∅");
              break;
            case HC_UNDO_PUT_BACK:
              cells[1] = g_strdup (_("Put back"));
              cells[2] = g_strdup (_("Removed by the disconnect"));
              break;
            case HC_UNDO_KEEP:
            default:
              cells[1] = g_strdup (_("Keep"));
              cells[2] = field ? g_strdup_printf ("%s: %s", field, item->reason) : g_strdup (item->reason);
              break;
            }
          hc_cli_table_add_rowv (table, cells);
        }
      if (items->len > 0)
        {
          hc_cli_table_print (table, TRUE);
          g_print ("\n");
        }
      g_print ("%s\n", summary);
    }

  if (undo_run == NULL)
    return hc_cli_fail_code (HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION,
                             _("Nothing was changed. To apply this rollback, run “headcount-cli undo %lld --yes”."),
                             (long long) run_id);
  hc_cli_notice (_("Sync %lld was undone (recorded as sync %lld)."),
                 (long long) run_id, (long long) undo_run->id);
  return HC_CLI_EXIT_OK;
}
