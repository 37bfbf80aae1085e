/* hc-cli-config.c — headcount-cli config: a connector's configuration as JSON
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-error.h"
#include "hc-merge-patch.h"

/* The document of @path, or of standard input for "-". */
static char *
read_document (const char *path,
               GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  char *contents = NULL;

  if (g_str_equal (path, "-"))
    {
      g_autoptr (GString) text = g_string_new (NULL);
      char buf[4096];
      size_t n;

      while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len (text, buf, n);
      if (ferror (stdin))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_FAILED,
                       _("Could not read the configuration from standard input: %s"), g_strerror (errno));
          return NULL;
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      /* Its domain and code say why (no such file…) to --json. */
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read the configuration: %s"), local_error->message);
      return NULL;
    }
  return contents;
}

/* What the document cannot say by itself: the connector it lands on. */
static gboolean
check_for_connector (const HcConnectorInfo *info,
                     const HcConfig        *config,
                     GError               **error)
{
  /* rules.md 14: a test instance is synced by hand only. */
  if (info->test_instance && config->schedule != HC_SCHEDULE_MANUAL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("schedule: “%s” is a test instance, which syncs by hand only: use “manual”"),
                   info->name);
      return FALSE;
    }
  return TRUE;
}

/* config --set --json: what changed, as the sentences people read. */
static void
print_changes_json (const HcConnectorInfo *info,
                    GPtrArray             *changes)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  hc_cli_json_add_string (builder, "connector", info->name);
  json_builder_set_member_name (builder, "changed");
  json_builder_add_boolean_value (builder, changes->len > 0);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (changes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  hc_cli_print_json (builder);
}

/* config --json: the document config prints, under "config". */
static void
print_config_json (const HcConnectorInfo *info)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *document = hc_config_to_json (info->config);
  g_autoptr (JsonNode) config = json_from_string (document, NULL);

  json_builder_begin_object (builder);
  hc_cli_json_add_string (builder, "connector", info->name);
  json_builder_set_member_name (builder, "config");
  if (config != NULL)
    json_builder_add_value (builder, g_steal_pointer (&config));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  hc_cli_print_json (builder);
}

/* With @replace FALSE the document is a JSON merge patch (RFC 7396) on the
 * stored configuration: objects merge key by key, null deletes a key (it
 * takes its default), lists and values replace. With @replace TRUE it is
 * the whole configuration: keys it leaves out take their defaults. */
static int
set_config (HcCli                 *cli,
            const HcConnectorInfo *info,
            const char            *path,
            gboolean               replace,
            gboolean               json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autofree char *document = NULL;
  const char *source = g_str_equal (path, "-") ? _("standard input") : path;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;

  document = read_document (path, &error);
  if (document == NULL)
    return hc_cli_fail_error (error);

  if (!replace)
    {
      g_autofree char *stored = hc_config_to_json (info->config);
      char *merged = hc_json_merge_patch_text (stored, document, &error);

      if (merged == NULL)
        return hc_cli_fail_with (error, _("%s: %s; the configuration was not changed"), source, error->message);
      g_free (document);
      document = merged;
    }

  config = hc_config_new_from_json_for_kind (document, info->kind, &error);
  if (config == NULL || !check_for_connector (info, config, &error))
    /* Translators: the first %s is a file name, the second what is wrong and where */
    return hc_cli_fail_with (error, _("%s: %s; the configuration was not changed"), source, error->message);

  changes = hc_config_describe_changes (info->config, config);
  if (changes->len == 0 && json)
    {
      print_changes_json (info, changes);
      return HC_CLI_EXIT_OK;
    }
  if (changes->len == 0)
    {
      g_print (_("The configuration of “%s” is already this one: nothing changed.\n"), info->name);
      return HC_CLI_EXIT_OK;
    }

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  if (!hc_store_set_connector_config (store, info->id, config, &error))
    return hc_cli_fail_with (error, _("Could not save the configuration of “%s”: %s"), info->name, error->message);

  if (json)
    {
      print_changes_json (info, changes);
      return HC_CLI_EXIT_OK;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Configuration of “%s” saved, %u change:\n",
                        "Configuration of “%s” saved, %u changes:\n", changes->len),
           info->name, changes->len);
  for (guint i = 0; i < changes->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (changes, i));
  return HC_CLI_EXIT_OK;
}

int
hc_cli_config (HcCli *cli,
               int    argc,
               char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autofree char *set_path = NULL;
  g_autofree char *document = NULL;
  g_autofree char *replace_path = NULL;
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_FILENAME, &set_path,
      N_("Merge the JSON document in FILE (“-” for standard input) into the connector’s configuration, then check it"),
      N_("FILE") },
    { "replace", 0, 0, G_OPTION_ARG_FILENAME, &replace_path,
      N_("Check the JSON document in FILE (“-” for standard input) and make it the whole configuration"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON report: the configuration under “config”, or with --set what changed"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "config NAME",
                                       _("Print a connector’s configuration (filters, field mapping, options) as JSON, or change it."),
                                       entries);
  g_option_context_set_description (context,
                                    _("--set takes a part of the document “headcount-cli config NAME” prints and merges it as a JSON "
                                      "merge patch (RFC 7396): {\"scope\": {\"include_managers\": true}} changes that one key, null "
                                      "puts a key back to its default, and a list (the rules, the mapping) is replaced as a whole.\n"
                                      "--replace takes a whole document: keys it leaves out take their defaults, and its mapping "
                                      "lines replace or add to the default lines.\n"
                                      "A document with an error is refused with a message naming the field, and nothing changes."));

  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Which connector? Give its name"));
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);
  if (set_path != NULL && *set_path == '\0')
    return hc_cli_usage_error (context, _("--set needs a file name, or “-” for standard input"));
  if (replace_path != NULL && *replace_path == '\0')
    return hc_cli_usage_error (context, _("--replace needs a file name, or “-” for standard input"));
  if (set_path != NULL && replace_path != NULL)
    return hc_cli_usage_error (context, _("--set and --replace cannot be used together"));

  info = hc_cli_find_connector (cli, argv[1], &exit_code);
  if (info == NULL)
    return exit_code;

  if (set_path != NULL)
    return set_config (cli, info, set_path, FALSE, json);
  if (replace_path != NULL)
    return set_config (cli, info, replace_path, TRUE, json);

  if (json)
    {
      print_config_json (info);
      return HC_CLI_EXIT_OK;
    }

  /* The document itself, as --set reads it back: no report around it. */
  document = hc_config_to_json (info->config);
  hc_cli_write_stdout (document, -1);
  hc_cli_write_stdout ("\n", 1);
  return HC_CLI_EXIT_OK;
}
