/* hc-cli-groups.c — headcount-cli groups: the group tree and who is in it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-error.h"
#include "hc-groups.h"

static const char *
origin_to_string (HcGroupOrigin origin)
{
  return origin == HC_GROUP_ORIGIN_HR ? "hr" : "hand";
}

static int
groups_list (HcCli *cli,
             int    argc,
             char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "groups list",
                                       _("List the groups as a tree, with their members counted "
                                         "(a group’s count includes its subgroups’ members, each once)."),
                                       entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  groups = hc_groups_list (store, &error);
  if (groups == NULL)
    return hc_cli_fail_error (error);
  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);

      g_hash_table_insert (by_id, &group->id, group);
    }

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "groups");
      json_builder_begin_array (builder);
      for (guint i = 0; i < groups->len; i++)
        {
          HcGroup *group = g_ptr_array_index (groups, i);
          HcGroup *parent = g_hash_table_lookup (by_id, &group->parent_id);

          json_builder_begin_object (builder);
          hc_cli_json_add_string (builder, "path", group->path);
          hc_cli_json_add_string (builder, "name", group->name);
          hc_cli_json_add_string (builder, "parent", parent != NULL ? parent->path : NULL);
          hc_cli_json_add_string (builder, "origin", origin_to_string (group->origin));
          json_builder_set_member_name (builder, "members");
          json_builder_add_int_value (builder, group->n_members);
          json_builder_set_member_name (builder, "direct_members");
          json_builder_add_int_value (builder, group->n_direct);
          json_builder_set_member_name (builder, "archived");
          json_builder_add_boolean_value (builder, group->archived);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
      return HC_CLI_EXIT_OK;
    }

  if (groups->len == 0)
    {
      g_print ("%s\n", _("No groups. Create one with “headcount-cli groups create NAME”."));
      return HC_CLI_EXIT_OK;
    }
  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *indent = g_strnfill (group->depth * 2, ' ');
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u member", "%u members",
                                                             group->n_members),
                                                group->n_members);

      g_print ("%s%s  (%s%s%s)\n", indent, group->name, count,
               group->origin == HC_GROUP_ORIGIN_HR ? _(", from HR") : "",
               group->archived ? _(", archived") : "");
    }
  return HC_CLI_EXIT_OK;
}

/* create PATH, rename PATH NAME, move PATH PARENT, delete PATH [--yes] */
typedef enum
{
  CHANGE_CREATE,
  CHANGE_RENAME,
  CHANGE_MOVE,
  CHANGE_DELETE,
} ChangeKind;

static int
groups_change (HcCli     *cli,
               ChangeKind kind,
               int        argc,
               char     **argv)
{
  static const struct { const char *parameter; const char *summary; int n_args; } commands[] = {
    { "groups create PATH", N_("Create a group; its parent groups must exist. A “/” in a name is "
                               "written “\\/”."), 1 },
    { "groups rename PATH NEW-NAME", N_("Rename a group."), 2 },
    { "groups move PATH NEW-PARENT", N_("Move a group under another one; “/” or “” moves it to the top."), 2 },
    { "groups delete PATH", N_("Delete a group without subgroups; its members stay in the directory."), 1 },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  gboolean yes = FALSE;
  gboolean ok = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry delete_entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Delete it even when it has members"), NULL },
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
      ok = hc_groups_create (store, argv[1], NULL, NULL, &error);
      if (ok)
        g_print (_("Created the group “%s”.\n"), argv[1]);
      break;
    case CHANGE_RENAME:
      ok = hc_groups_rename (store, argv[1], argv[2], NULL, &error);
      if (ok)
        g_print (_("Renamed the group “%s” to “%s”.\n"), argv[1], argv[2]);
      break;
    case CHANGE_MOVE:
      ok = hc_groups_move (store, argv[1], argv[2], NULL, &error);
      if (ok)
        g_print (_("Moved the group “%s”.\n"), argv[1]);
      break;
    case CHANGE_DELETE:
    default:
      ok = hc_groups_delete (store, argv[1], yes, NULL, &error);
      if (!ok && g_error_matches (error, HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION))
        return hc_cli_fail_needs_yes (error, "groups delete", argv[1]);
      if (ok)
        g_print (_("Deleted the group “%s”.\n"), argv[1]);
      break;
    }
  if (!ok)
    return hc_cli_fail_error (error);
  return HC_CLI_EXIT_OK;
}

static int
groups_members (HcCli   *cli,
                gboolean add,
                int      argc,
                char   **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  HcStore *store = NULL;
  int exit_code;

  exit_code = hc_cli_parse_named_members (cli, add ? "groups add PATH ID-OR-EMAIL…" : "groups remove PATH ID-OR-EMAIL…",
                                          add ? _("Add members to a group by hand.")
                                            : _("Remove members from a group; they stay in the directory."),
                                          _("Name a group, then at least one member: their id or their e-mail"), &argc, &argv, &store, &ids);
  if (exit_code != HC_CLI_EXIT_OK)
    return exit_code;
  if (!(add ? hc_groups_add_members : hc_groups_remove_members)(store, argv[1], ids, NULL, &error))
    return hc_cli_fail_error (error);
  if (add)
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Added %u member to “%s”.\n", "Added %u members to “%s”.\n",
                          ids->len), ids->len, argv[1]);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Removed %u member from “%s”.\n",
                          "Removed %u members from “%s”.\n", ids->len), ids->len, argv[1]);
  return HC_CLI_EXIT_OK;
}

int
hc_cli_groups (HcCli *cli,
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
        return groups_list (cli, argc - 1, argv + 1);
      if (g_str_equal (sub, "create"))
        return groups_change (cli, CHANGE_CREATE, argc - 1, argv + 1);
      if (g_str_equal (sub, "rename"))
        return groups_change (cli, CHANGE_RENAME, argc - 1, argv + 1);
      if (g_str_equal (sub, "move"))
        return groups_change (cli, CHANGE_MOVE, argc - 1, argv + 1);
      if (g_str_equal (sub, "delete"))
        return groups_change (cli, CHANGE_DELETE, argc - 1, argv + 1);
      if (g_str_equal (sub, "add"))
        return groups_members (cli, TRUE, argc - 1, argv + 1);
      if (g_str_equal (sub, "remove"))
        return groups_members (cli, FALSE, argc - 1, argv + 1);
    }

  context = hc_cli_option_context_new (cli, "groups list|create|rename|move|delete|add|remove",
                                       _("Keep the groups of the directory: a tree of any depth."), entries);
  g_option_context_set_description (context,
                                    _("A group is named by its path: the names from the top group down, joined by “/” (Paris/Engineering). "
                                      "Each command takes --help."));
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Name a command: list, create, rename, move, delete, add or remove"));
  return hc_cli_usage_error (context, _("Unknown command “%s”"), argv[1]);
}
