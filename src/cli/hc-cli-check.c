/* hc-cli-check.c — headcount-cli check: the five scenario checks of a
 * test instance, against what the HR system sends now
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-checks.h"
#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-error.h"
#include "hc-sync.h"

static void
print_results (GPtrArray *results)
{
  guint passed = 0;

  for (guint i = 0; i < results->len; i++)
    {
      HcCheckResult *result = g_ptr_array_index (results, i);
      gboolean ok = result->failures->len == 0;
      g_autofree char *count = NULL;

      if (ok)
        passed++;
      if (ok)
        /* Translators: how many employees or members a check looked at */
        count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u checked", "%u checked", result->n_checked),
                                 result->n_checked);
      g_print ("%s %s (%s)\n", ok ? "✓" : "✗", hc_check_kind_describe (result->kind),
               ok ? count : _("failed"));
      for (guint j = 0; j < result->failures->len; j++)
        {
          HcCheckFailure *failure = g_ptr_array_index (result->failures, j);
          g_autoptr (GString) who = g_string_new (NULL);

          if (failure->display_name != NULL)
            g_string_append (who, failure->display_name);
          if (failure->employee_id != NULL)
            g_string_append_printf (who, " (%s)", failure->employee_id);
          if (who->len > 0)
            g_print ("    %s: %s\n", who->str, failure->message);
          else
            g_print ("    %s\n", failure->message);
        }
    }
  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u of %u check passes\n", "%u of %u checks pass\n", passed),
           passed, results->len);
}

int
hc_cli_check (HcCli *cli,
              int    argc,
              char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcSync) sync = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GHashTable) last_run = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  gboolean json = FALSE;
  gboolean secret_stdin = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the checks as JSON"), NULL },
    { "secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("Use the secret on standard input for this run instead of the keyring’s (it is not stored)"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "check NAME",
                                       _("Run the scenario checks of a test instance: every active employee in scope is a member, "
                                         "every mapped field equals its HR value, employees edited in HR are updated, employees "
                                         "added are created, and employees removed or inactive are archived or no longer managed."),
                                       entries);
  g_option_context_set_description (context,
                                    _("The employees are fetched from the HR system and compared with the directory and the last sync; "
                                      "nothing is changed. Exit status: 0 when every check passes, 1 otherwise."));

  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Which connector? Give its name"));
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);

  info = hc_cli_find_connector (cli, argv[1], &exit_code);
  if (info == NULL)
    return exit_code;
  store = hc_cli_get_store (cli, &exit_code);
  if (!info->test_instance)
    hc_cli_notice (_("“%s” is not a test instance: the checks compare it with its HR system all the same"), info->name);

  sync = hc_cli_sync_new (store, info, secret_stdin, &error);
  if (sync == NULL)
    return hc_cli_fail_error (error);

  plan = hc_cli_sync_prepare (sync, cancellable, &error);
  if (plan == NULL)
    return hc_cli_fail_with (error, _("Could not read the employees of “%s”: %s"), info->name, error->message);

  members = hc_store_list_members (store, &error);
  if (members == NULL)
    return hc_cli_fail_error (error);
  if (!hc_store_list_last_run_employees (store, info->id, &last_run, &error))
    return hc_cli_fail_error (error);

  results = hc_checks_evaluate (hc_sync_get_connector_info (sync)->config, info->id,
                                hc_sync_get_employees (sync), members, last_run, NULL);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      hc_checks_to_json (results, builder);
      hc_cli_print_json (builder);
    }
  else
    print_results (results);

  if (!hc_checks_all_passed (results))
    {
      guint n_failed = 0;

      for (guint i = 0; i < results->len; i++)
        n_failed += ((HcCheckResult *) g_ptr_array_index (results, i))->failures->len > 0;
      return hc_cli_fail_code (HC_CLI_ERROR, HC_CLI_ERROR_CHECKS_FAILED,
                               g_dngettext (GETTEXT_PACKAGE_NAME, "%u of %u check fails",
                                            "%u of %u checks fail", n_failed),
                               n_failed, results->len);
    }

  return HC_CLI_EXIT_OK;
}
