/* hc-cli-workspace.c — headcount-cli workspace list|create|rename|delete
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-error.h"
#include "hc-workspace.h"

static int
workspace_list (HcCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autofree char *data_dir = NULL;
  const char *current = hc_cli_get_workspace (cli);
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "workspace list", _("List the workspaces."), entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);

  data_dir = hc_store_dup_data_dir (cli->data_dir);
  names = hc_workspace_list (data_dir, &error);
  if (names == NULL)
    return hc_cli_fail_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "workspaces");
      json_builder_begin_array (builder);
      for (guint i = 0; i < names->len; i++)
        {
          const char *name = g_ptr_array_index (names, i);

          json_builder_begin_object (builder);
          hc_cli_json_add_string (builder, "name", name);
          json_builder_set_member_name (builder, "current");
          json_builder_add_boolean_value (builder, g_str_equal (name, current));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
      return HC_CLI_EXIT_OK;
    }

  if (names->len == 0)
    {
      g_print (_("No workspace yet. Create one with “headcount-cli workspace create NAME”.\n"));
      return HC_CLI_EXIT_OK;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      g_print ("%s %s\n", g_str_equal (name, current) ? "*" : " ", name);
    }
  return HC_CLI_EXIT_OK;
}

static int
workspace_create (HcCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = NULL;
  int exit_code = HC_CLI_EXIT_OK;

  context = hc_cli_option_context_new (cli, "workspace create NAME",
                                       _("Create a workspace: a database of its own, for one customer."),
                                       NULL);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hc_cli_usage_error (context, _("Give the name of the workspace to create"));

  data_dir = hc_store_dup_data_dir (cli->data_dir);
  if (!hc_workspace_create (data_dir, argv[1], &error))
    return hc_cli_fail_error (error);

  g_print (_("Workspace “%s” created.\n"), argv[1]);
  return HC_CLI_EXIT_OK;
}

static int
workspace_rename (HcCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = NULL;
  int exit_code = HC_CLI_EXIT_OK;

  context = hc_cli_option_context_new (cli, "workspace rename NAME NEW-NAME",
                                       _("Rename a workspace. Its connectors keep their keyring secrets."),
                                       NULL);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 3)
    return hc_cli_usage_error (context, _("Give the workspace’s name and its new name"));

  data_dir = hc_store_dup_data_dir (cli->data_dir);
  if (!hc_workspace_rename (data_dir, argv[1], argv[2], &error))
    return hc_cli_fail_error (error);

  g_print (_("Workspace “%s” renamed to “%s”.\n"), argv[1], argv[2]);
  return HC_CLI_EXIT_OK;
}

static int
workspace_delete (HcCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = NULL;
  gboolean yes = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Delete without asking: the members, connectors, history and secrets go"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "workspace delete NAME",
                                       _("Delete a workspace: its database and its keyring secrets."),
                                       entries);
  g_option_context_set_description (context,
                                    _("Without --yes, tells what would go and exits with status 3."));
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hc_cli_usage_error (context, _("Give the name of the workspace to delete"));

  data_dir = hc_store_dup_data_dir (cli->data_dir);
  if (!hc_workspace_exists (data_dir, argv[1]))
    {
      g_autofree char *path = hc_store_build_path (data_dir, argv[1], &error);

      if (path == NULL)
        return hc_cli_fail_error (error);
      return hc_cli_fail_code (HC_ERROR, HC_ERROR_NOT_FOUND, _("No workspace named “%s”"), argv[1]);
    }

  if (!yes)
    {
      g_autofree char *path = hc_store_build_path (data_dir, argv[1], NULL);
      g_autoptr (HcStore) store = NULL;
      g_autoptr (GPtrArray) connectors = NULL;
      g_autoptr (GPtrArray) runs = NULL;
      g_autofree char *members_text = NULL;
      g_autofree char *connectors_text = NULL;
      g_autofree char *runs_text = NULL;
      g_autofree char *quoted = NULL;
      guint n_members;

      store = hc_store_new (path, &error);
      if (store == NULL)
        return hc_cli_fail_with (error, _("Could not open workspace “%s”: %s"), argv[1], error->message);
      n_members = hc_store_count_members (store, -1);
      connectors = hc_store_list_connectors (store, &error);
      if (connectors == NULL)
        return hc_cli_fail_error (error);
      runs = hc_store_list_runs (store, 0, 0, &error);
      if (runs == NULL)
        return hc_cli_fail_error (error);

      members_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u member", "%u members", n_members),
                                      n_members);
      connectors_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u connector with its keyring secrets",
                                                      "%u connectors with their keyring secrets", connectors->len),
                                         connectors->len);
      runs_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u sync in the history",
                                                "%u syncs in the history", runs->len),
                                   runs->len);
      quoted = hc_cli_quote_argument (argv[1]);
      /* Translators: the workspace, then the lists of what goes */
      g_print (_("Deleting workspace “%s” removes %s, %s and %s. This cannot be undone.\n"),
               argv[1], members_text, connectors_text, runs_text);
      return hc_cli_fail_code (HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION,
                               _("Nothing was deleted. To delete it, run “headcount-cli workspace delete %s --yes”."),
                               quoted);
    }

  if (!hc_workspace_delete (data_dir, argv[1], NULL, &error))
    return hc_cli_fail_error (error);

  g_print (_("Workspace “%s” deleted.\n"), argv[1]);
  return HC_CLI_EXIT_OK;
}

int
hc_cli_workspace (HcCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  static const struct
  {
    const char *name;
    int         (*func) (HcCli *, int, char **);
  } commands[] = {
    { "list", workspace_list },
    { "create", workspace_create },
    { "rename", workspace_rename },
    { "delete", workspace_delete },
  };

  context = hc_cli_option_context_new (cli, "workspace list|create|rename|delete …",
                                       _("Manage the workspaces: one database each, for one customer."), NULL);
  g_option_context_set_description (context,
                                    _("Commands:\n"
                                      "  workspace list [--json]\n"
                                      "  workspace create NAME\n"
                                      "  workspace rename NAME NEW-NAME\n"
                                      "  workspace delete NAME [--yes]\n"));
  g_option_context_set_strict_posix (context, TRUE);

  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Which workspace command? One of list, create, rename, delete"));

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].func (cli, argc - 1, argv + 1);
    }

  return hc_cli_usage_error (context, _("Unknown workspace command “%s”"), argv[1]);
}
