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
read_document (const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GString) text = g_string_new (NULL);
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
      g_set_error (error, HC_ERROR, HC_ERROR_FAILED,
                   _("Could not read the configuration: %s"), local_error->message);
      return NULL;
    }
  return contents;
}

/* What the document cannot say by itself: the connector it lands on. */
static gboolean
check_for_connector (const HcConnectorInfo  *info,
                     const HcConfig         *config,
                     GError                **error)
{
  /* Rule 14: a test instance is synced by hand only. */
  if (info->test_instance && config->schedule != HC_SCHEDULE_MANUAL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("schedule: “%s” is a test instance, which syncs by hand only: use “manual”"),
                   info->name);
      return FALSE;
    }
  return TRUE;
}

/* With @replace FALSE the document is a JSON merge patch (RFC 7396) on the
 * stored configuration: objects merge key by key, null deletes a key (it
 * takes its default), lists and values replace. With @replace TRUE it is
 * the whole configuration: keys it leaves out take their defaults. */
static int
set_config (HcCli                 *cli,
            const HcConnectorInfo *info,
            const char            *path,
            gboolean               replace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HcConfig) config = NULL;
  g_autoptr(GPtrArray) changes = NULL;
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
        return hc_cli_fail (_("%s: %s; the configuration was not changed"), source, error->message);
      g_free (document);
      document = merged;
    }

  config = hc_config_new_from_json_for_kind (document, info->kind, &error);
  if (config == NULL || !check_for_connector (info, config, &error))
    /* Translators: the first %s is a file name, the second what is wrong and where */
    return hc_cli_fail (_("%s: %s; the configuration was not changed"), source, error->message);

  changes = hc_config_describe_changes (info->config, config);
  if (changes->len == 0)
    {
      g_print (_("The configuration of “%s” is already this one: nothing changed.\n"), info->name);
      return HC_CLI_EXIT_OK;
    }

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  if (!hc_store_set_connector_config (store, info->id, config, &error))
    return hc_cli_fail (_("Could not save the configuration of “%s”: %s"), info->name, error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Configuration of “%s” saved, %u change:\n",
                        "Configuration of “%s” saved, %u changes:\n", changes->len),
           info->name, changes->len);
  for (guint i = 0; i < changes->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (changes, i));
  return HC_CLI_EXIT_OK;
}

int
hc_cli_config (HcCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HcConnectorInfo) info = NULL;
  g_autofree char *set_path = NULL;
  g_autofree char *replace_path = NULL;
  g_autofree char *json = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_FILENAME, &set_path,
      N_("Merge the JSON document in FILE (“-” for standard input) into the connector’s configuration, then check it"),
      N_("FILE") },
    { "replace", 0, 0, G_OPTION_ARG_FILENAME, &replace_path,
      N_("Check the JSON document in FILE (“-” for standard input) and make it the whole configuration"),
      N_("FILE") },
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
    return set_config (cli, info, set_path, FALSE);
  if (replace_path != NULL)
    return set_config (cli, info, replace_path, TRUE);

  json = hc_config_to_json (info->config);
  hc_cli_write_stdout (json, -1);
  hc_cli_write_stdout ("\n", 1);
  return HC_CLI_EXIT_OK;
}
