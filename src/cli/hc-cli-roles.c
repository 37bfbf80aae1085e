/* hc-cli-roles.c — headcount-cli roles: the role catalogue and who holds which role
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-error.h"
#include "hc-roles.h"

static int
roles_list (HcCli *cli,
            int    argc,
            char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) roles = NULL;
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "roles list",
                                       _("List the roles, with how many members hold each and where it comes from."),
                                       entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  roles = hc_roles_list (store, &error);
  if (roles == NULL)
    return hc_cli_fail_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "roles");
      json_builder_begin_array (builder);
      for (guint i = 0; i < roles->len; i++)
        {
          HcRole *role = g_ptr_array_index (roles, i);

          json_builder_begin_object (builder);
          hc_cli_json_add_string (builder, "name", role->name);
          hc_cli_json_add_string (builder, "origin", role->origin == HC_GROUP_ORIGIN_HR ? "hr" : "hand");
          json_builder_set_member_name (builder, "members");
          json_builder_add_int_value (builder, role->n_members);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
      return HC_CLI_EXIT_OK;
    }

  if (roles->len == 0)
    {
      g_print ("%s\n", _("No roles. Create one with “headcount-cli roles create NAME”, or let a connector "
                         "make them from positions."));
      return HC_CLI_EXIT_OK;
    }
  for (guint i = 0; i < roles->len; i++)
    {
      HcRole *role = g_ptr_array_index (roles, i);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u member", "%u members",
                                                             role->n_members),
                                                role->n_members);

      g_print ("%s  (%s%s)\n", role->name, count, role->origin == HC_GROUP_ORIGIN_HR ? _(", from HR") : "");
    }
  return HC_CLI_EXIT_OK;
}

typedef enum
{
  CHANGE_CREATE,
  CHANGE_RENAME,
  CHANGE_DELETE,
} ChangeKind;

static int
roles_change (HcCli     *cli,
              ChangeKind kind,
              int        argc,
              char     **argv)
{
  static const struct { const char *parameter; const char *summary; int n_args; } commands[] = {
    { "roles create NAME", N_("Create a role."), 1 },
    { "roles rename NAME NEW-NAME", N_("Rename a role; the members who hold it keep it."), 2 },
    { "roles delete NAME", N_("Delete a role; the members who hold it stay in the directory without it."), 1 },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  gboolean yes = FALSE;
  gboolean ok = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry delete_entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Delete it even when members hold it"), NULL },
    { NULL }
  };
  const GOptionEntry no_entries[] = { { NULL } };

  context = hc_cli_option_context_new (cli, commands[kind].parameter, _(commands[kind].summary),
                                       kind == CHANGE_DELETE ? delete_entries : no_entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc - 1 < commands[kind].n_args)
    return hc_cli_usage_error (context, _("Missing arguments: %s"), commands[kind].parameter);
  if (argc - 1 > commands[kind].n_args)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[commands[kind].n_args + 1]);

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  switch (kind)
    {
    case CHANGE_CREATE:
      ok = hc_roles_create (store, argv[1], NULL, NULL, &error);
      if (ok)
        g_print (_("Created the role “%s”.\n"), argv[1]);
      break;
    case CHANGE_RENAME:
      ok = hc_roles_rename (store, argv[1], argv[2], NULL, &error);
      if (ok)
        g_print (_("Renamed the role “%s” to “%s”.\n"), argv[1], argv[2]);
      break;
    case CHANGE_DELETE:
    default:
      ok = hc_roles_delete (store, argv[1], yes, NULL, &error);
      if (!ok && g_error_matches (error, HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION))
        return hc_cli_fail_needs_yes (error, "roles delete", argv[1]);
      if (ok)
        g_print (_("Deleted the role “%s”.\n"), argv[1]);
      break;
    }
  if (!ok)
    return hc_cli_fail_error (error);
  return HC_CLI_EXIT_OK;
}

static int
roles_members (HcCli   *cli,
               gboolean add,
               int      argc,
               char   **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  HcStore *store = NULL;
  int exit_code;

  exit_code = hc_cli_parse_named_members (cli, add ? "roles add NAME ID-OR-EMAIL…" : "roles remove NAME ID-OR-EMAIL…",
                                          add ? _("Give members a role by hand; syncs keep it.")
                                            : _("Take a role back from members."),
                                          _("Name a role, then at least one member: their id or their e-mail"), &argc, &argv, &store, &ids);
  if (exit_code != HC_CLI_EXIT_OK)
    return exit_code;
  if (!(add ? hc_roles_add_members : hc_roles_remove_members)(store, argv[1], ids, NULL, &error))
    return hc_cli_fail_error (error);
  if (add)
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Gave the role “%2$s” to %1$u member.\n",
                          "Gave the role “%2$s” to %1$u members.\n", ids->len), ids->len, argv[1]);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Took the role “%2$s” back from %1$u member.\n",
                          "Took the role “%2$s” back from %1$u members.\n", ids->len), ids->len, argv[1]);
  return HC_CLI_EXIT_OK;
}

int
hc_cli_roles (HcCli *cli,
              int    argc,
              char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  const GOptionEntry entries[] = { { NULL } };

  if (argc > 1)
    {
      const char *sub = argv[1];

      if (g_str_equal (sub, "list"))
        return roles_list (cli, argc - 1, argv + 1);
      if (g_str_equal (sub, "create"))
        return roles_change (cli, CHANGE_CREATE, argc - 1, argv + 1);
      if (g_str_equal (sub, "rename"))
        return roles_change (cli, CHANGE_RENAME, argc - 1, argv + 1);
      if (g_str_equal (sub, "delete"))
        return roles_change (cli, CHANGE_DELETE, argc - 1, argv + 1);
      if (g_str_equal (sub, "add"))
        return roles_members (cli, TRUE, argc - 1, argv + 1);
      if (g_str_equal (sub, "remove"))
        return roles_members (cli, FALSE, argc - 1, argv + 1);
    }

  context = hc_cli_option_context_new (cli, "roles list|create|rename|delete|add|remove",
                                       _("Keep the role catalogue, and who holds which role."), entries);
  g_option_context_set_description (context,
                                    _("Each connector makes one role per HR position by default, and gives managed members "
                                      "the role of their position (its “roles” settings; \"from\": false turns this off). "
                                      "Each command takes --help."));
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Name a command: list, create, rename, delete, add or remove"));
  return hc_cli_usage_error (context, _("Unknown command “%s”"), argv[1]);
}
