/* hc-cli-explain.c — headcount-cli explain: why an employee or member is
 * in or out of the sync, how it matched, and what will change
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-group-plan.h"
#include "hc-cli-output.h"
#include "hc-error.h"
#include "hc-sync.h"
#include "hc-undo.h"

static void
print_explanation (HcExplanation *e)
{
  g_autoptr (HcCliTable) table = hc_cli_table_new (2);
  g_autoptr (GString) who = g_string_new (e->display_name ? e->display_name : e->query);

  if (e->email != NULL)
    g_string_append_printf (who, " <%s>", e->email);
  g_print ("%s\n", who->str);

  hc_cli_table_set_indent (table, 2);
  if (e->employee_id != NULL)
    hc_cli_table_add_row (table, _("Employee id:"), e->employee_id);
  if (e->has_employee)
    {
      g_autofree char *scope = g_strdup_printf ("%s — %s", hc_scope_result_describe (e->scope), e->clause);

      hc_cli_table_add_row (table, _("Scope:"), scope);
    }
  else
    hc_cli_table_add_row (table, _("Scope:"), e->clause);
  if (e->match_text != NULL)
    hc_cli_table_add_row (table, _("Match:"), e->match_text);
  hc_cli_table_add_row (table, _("Sync:"), e->outcome);
  hc_cli_table_print (table, FALSE);

  if (e->groups != NULL && e->groups->len > 0)
    {
      g_print ("\n%s\n", _("Groups and roles:"));
      for (guint i = 0; i < e->groups->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (e->groups, i));
    }

  if (e->changes != NULL && e->changes->len > 0)
    {
      g_print ("\n%s\n", _("Fields that change:"));
      for (guint i = 0; i < e->changes->len; i++)
        {
          const HcFieldChange *change = g_ptr_array_index (e->changes, i);
          g_autofree char *field = hc_undo_describe_field (change->field);

          g_print ("  %s: %s → %s\n", field,
                   change->before != NULL ? hc_undo_describe_value (change->field, change->before) : "∅",
                   change->after != NULL ? hc_undo_describe_value (change->field, change->after) : "∅");
        }
    }
}

int
hc_cli_explain (HcCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcSync) sync = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (HcExplanation) explanation = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  gboolean json = FALSE;
  gboolean secret_stdin = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the explanation as JSON"), NULL },
    { "secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("Use the secret on standard input for this run instead of the keyring’s (it is not stored)"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "explain NAME EMAIL-OR-ID",
                                       _("Tell why an employee or a member is in or out of a connector’s sync, how it matches, and which fields will change."),
                                       entries);
  g_option_context_set_description (context,
                                    _("EMAIL-OR-ID is an HR employee id, an e-mail, or a member id (#12). The employees are "
                                      "fetched from the HR system; nothing is changed."));

  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Which connector? Give its name"));
  if (argc < 3)
    return hc_cli_usage_error (context, _("Whom? Give an e-mail, an employee id or a member id"));
  if (argc > 3)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[3]);

  info = hc_cli_find_connector (cli, argv[1], &exit_code);
  if (info == NULL)
    return exit_code;
  store = hc_cli_get_store (cli, &exit_code);

  sync = hc_cli_sync_new (store, info, secret_stdin, &error);
  if (sync == NULL)
    return hc_cli_fail_error (error);

  plan = hc_cli_sync_prepare (sync, cancellable, &error);
  if (plan == NULL)
    return hc_cli_fail_with (error, _("Could not read the employees of “%s”: %s"), info->name, error->message);

  members = hc_store_list_members (store, &error);
  if (members == NULL)
    return hc_cli_fail_error (error);

  explanation = hc_plan_explain (hc_sync_get_connector_info (sync)->config, info->id,
                                 hc_sync_get_employees (sync), members, argv[2], NULL, &error);
  if (explanation == NULL)
    return hc_cli_fail_error (error);

  /* Groups and roles (rules.md 38): what put them there, what changes. */
  explanation->groups = g_ptr_array_new_with_free_func (g_free);
  if (explanation->member_id != 0)
    {
      g_autoptr (GPtrArray) now = hc_group_plan_describe_member (store, explanation->member_id, &error);

      if (now == NULL)
        return hc_cli_fail_error (error);
      g_ptr_array_extend_and_steal (explanation->groups, g_steal_pointer (&now));
    }
  if (hc_plan_get_group_plan (plan) != NULL)
    g_ptr_array_extend_and_steal (explanation->groups,
                                  hc_group_plan_explain (hc_plan_get_group_plan (plan), explanation->employee_id));

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      hc_explanation_to_json (explanation, builder);
      hc_cli_print_json (builder);
    }
  else
    {
      print_explanation (explanation);
      hc_cli_destination_explain (store, explanation->member_id);
    }

  return HC_CLI_EXIT_OK;
}
