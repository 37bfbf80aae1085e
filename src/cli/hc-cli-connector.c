/* hc-cli-connector.c — headcount-cli connector add|edit|list|test|remove
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-connector.h"
#include "hc-connector-kind.h"
#include "hc-connector-secret.h"
#include "hc-disconnect.h"
#include "hc-error.h"
#include "hc-secrets.h"

static gboolean
kind_is_available (const char *kind)
{
  return g_strv_contains ((const char * const *) hc_connector_get_kinds (), kind);
}

/* The plain setting of @kind given with --@option, or NULL. */
static const HcKindSetting *
find_kind_setting (const HcConnectorKind *kind,
                   const char            *option)
{
  for (guint k = 0; kind != NULL && kind->settings != NULL && kind->settings[k].key != NULL; k++)
    if (g_str_equal (kind->settings[k].option, option))
      return &kind->settings[k];
  return NULL;
}

static gboolean
check_no_more_arguments (GOptionContext *context,
                         int             argc,
                         char          **argv,
                         int             expected,
                         int            *exit_code)
{
  if (argc <= expected)
    return TRUE;

  *exit_code = hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[expected]);
  return FALSE;
}

static gboolean
url_is_http (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

/* Sets or removes one string member of the settings JSON in *@settings. */
static void
settings_set (char      **settings,
              const char *key,
              const char *value)
{
  char *with = hc_connector_info_settings_with (*settings, key, value);

  g_free (*settings);
  *settings = with;
}

static int
connector_add (HcCli *cli,
               int    argc,
               char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConfig) config = NULL;
  g_autoptr (HcConnectorInfo) existing = NULL;
  g_autofree char *name = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *subdomain = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *app_id = NULL;
  g_autofree char *consumer_id = NULL;
  g_autofree char *service_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *absolute_path = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *quoted_name = NULL;
  const HcConnectorKind *kind_info;
  char *secret = NULL;
  gboolean secret_stdin = FALSE;
  gboolean test_instance = FALSE;
  gboolean no_browser = FALSE;
  g_autofree char *authorize_url = NULL;
  g_autofree char *token_url = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  const char *kind;
  HcStore *store;
  gint64 id;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("Call the connector NAME (required)"), N_("NAME") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("Talk to the HR system at URL (a test instance, a fake server)"), N_("URL") },
    { "subdomain", 0, 0, G_OPTION_ARG_STRING, &subdomain,
      N_("The company’s subdomain at the HR system"), N_("SUBDOMAIN") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("The API client id"), N_("ID") },
    { "secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("Read the API secret from the first line of standard input"), NULL },
    { "test-instance", 0, 0, G_OPTION_ARG_NONE, &test_instance,
      N_("Mark the connector as a test instance: manual syncs, no invitations sent"), NULL },
    { "path", 0, 0, G_OPTION_ARG_FILENAME, &path,
      N_("The employee snapshot to read, in JSON (kind “file”)"), N_("FILE") },
    { "app-id", 0, 0, G_OPTION_ARG_STRING, &app_id,
      N_("The application ID at the unified API (kind “apideck”)"), N_("ID") },
    { "consumer-id", 0, 0, G_OPTION_ARG_STRING, &consumer_id,
      N_("The consumer ID at the unified API (kind “apideck”)"), N_("ID") },
    { "service-id", 0, 0, G_OPTION_ARG_STRING, &service_id,
      N_("The HR system’s service ID at the unified API, when several are connected (kind “apideck”)"), N_("ID") },
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &no_browser,
      N_("Only print the sign-in address, do not open a browser (kind “payfit”)"), NULL },
    { "authorize-url", 0, 0, G_OPTION_ARG_STRING, &authorize_url,
      N_("The sign-in page of the HR system, if not its usual one (kind “payfit”)"), N_("URL") },
    { "token-url", 0, 0, G_OPTION_ARG_STRING, &token_url,
      N_("The token address of the HR system, if not its usual one (kind “payfit”)"), N_("URL") },
    { NULL }
  };
  /* The kinds' own plain settings (HcKindSetting), by option. */
  const struct { const char *option; char * const *value; } own_settings[] = {
    { "app-id", &app_id },
    { "consumer-id", &consumer_id },
    { "service-id", &service_id },
  };

  kinds = g_strjoinv (", ", (char **) hc_connector_get_kinds ());
  context = hc_cli_option_context_new (cli, "connector add KIND", _("Connect an HR system."), entries);
  {
    g_autofree char *description = g_strdup_printf (_("Kinds: %s."), kinds);

    g_option_context_set_description (context, description);
  }

  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;

  if (argc < 2)
    return hc_cli_usage_error (context, _("Which kind of connector? One of: %s"), kinds);
  if (!check_no_more_arguments (context, argc, argv, 2, &exit_code))
    return exit_code;
  kind = argv[1];

  if (name != NULL)
    g_strstrip (name);
  if (name == NULL || *name == '\0')
    return hc_cli_usage_error (context, _("Give the connector a name with --name NAME"));

  if (!kind_is_available (kind))
    return hc_cli_usage_error (context, _("Unknown connector kind “%s”: use one of %s"), kind, kinds);

  if (g_str_equal (kind, "file") && path == NULL)
    return hc_cli_usage_error (context, _("Connector kind “file” needs --path FILE"));
  if (!g_str_equal (kind, "file") && path != NULL)
    return hc_cli_usage_error (context, _("--path only applies to connector kind “file”"));
  if (base_url != NULL && !url_is_http (base_url))
    return hc_cli_usage_error (context, _("“%s” is not an http or https URL"), base_url);

  if (path != NULL)
    {
      g_autofree char *display = NULL;

      absolute_path = g_canonicalize_filename (path, NULL);
      display = g_filename_display_name (absolute_path);
      if (!g_file_test (absolute_path, G_FILE_TEST_IS_REGULAR))
        return hc_cli_fail_code (HC_ERROR, HC_ERROR_NOT_FOUND, _("There is no file “%s”"), display);
    }

  kind_info = hc_connector_kind_lookup (kind);
  for (guint i = 0; i < G_N_ELEMENTS (own_settings); i++)
    {
      const HcKindSetting *setting = find_kind_setting (kind_info, own_settings[i].option);
      const char *value = *own_settings[i].value;

      if (setting == NULL && value != NULL)
        return hc_cli_usage_error (context, _("--%s does not apply to connector kind “%s”"),
                                   own_settings[i].option, kind);
      if (setting != NULL && setting->required && (value == NULL || *g_strstrip ((char *) value) == '\0'))
        return hc_cli_usage_error (context, _("%s needs the %s: give it with --%s ID"),
                                   kind_info->vendor_name, _(setting->label), setting->option);
    }
  if ((authorize_url != NULL || token_url != NULL || no_browser) &&
      (kind_info == NULL || (kind_info->needs & HC_KIND_SIGN_IN) == 0))
    return hc_cli_usage_error (context, _("--authorize-url, --token-url and --no-browser only apply to a connector signed in in the browser (kind “payfit”)"));
  if (kind_info != NULL && (kind_info->needs & HC_KIND_SIGN_IN) != 0)
    {
      /* The secret comes from the sign-in below, once the name is known
       * to be free: never typed. */
      if (secret_stdin)
        return hc_cli_usage_error (context, _("%s is connected by signing in in the browser: --secret-stdin does not apply"),
                                   kind_info->vendor_name);
      if ((authorize_url != NULL && !url_is_http (authorize_url)) || (token_url != NULL && !url_is_http (token_url)))
        return hc_cli_usage_error (context, _("“%s” is not an http or https URL"),
                                   authorize_url != NULL && !url_is_http (authorize_url) ? authorize_url : token_url);
    }
  else if (kind_info != NULL && (kind_info->needs & HC_KIND_NEEDS_SECRET) != 0)
    {
      if ((kind_info->needs & HC_KIND_NEEDS_BASE_URL) && base_url == NULL)
        return hc_cli_usage_error (context, _("%s needs the %s: give it with --base-url URL"),
                                   kind_info->vendor_name, _(kind_info->base_url_label));
      if ((kind_info->needs & HC_KIND_NEEDS_SUBDOMAIN) && subdomain == NULL && base_url == NULL)
        return hc_cli_usage_error (context, _("%s needs the %s (%s): give it with --subdomain S"),
                                   kind_info->vendor_name, _(kind_info->subdomain_label),
                                   _(kind_info->subdomain_hint));
      if ((kind_info->needs & HC_KIND_NEEDS_CLIENT_ID) && client_id == NULL)
        return hc_cli_usage_error (context, _("%s needs the %s: give it with --client-id ID"),
                                   kind_info->vendor_name, _(kind_info->client_id_label));
      if (!secret_stdin)
        return hc_cli_usage_error (context,
                                   _("%s needs the %s: give it on standard input with --secret-stdin (it goes to the keyring only)"),
                                   kind_info->vendor_name, _(kind_info->secret_label));
      secret = hc_cli_read_connector_secret (kind, &error);
      if (secret == NULL)
        return hc_cli_fail_error (error);
    }
  else if (secret_stdin)
    {
      char *ignored = hc_cli_read_secret (&error);

      if (ignored == NULL)
        return hc_cli_fail_error (error);
      hc_cli_wipe_secret (ignored);
      hc_cli_notice (_("Connector kind “%s” needs no secret: the one given is ignored"), kind);
    }

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  existing = hc_store_find_connector (store, name, NULL);
  if (existing != NULL)
    return hc_cli_fail_code (HC_ERROR, HC_ERROR_EXISTS,
                             _("A connector named “%s” already exists in workspace “%s”"),
                             name, hc_cli_get_workspace (cli));

  {
    g_autofree char *normalized = hc_connector_normalize_base_url (kind, base_url);

    settings = hc_connector_info_build_settings (normalized, subdomain, client_id, absolute_path);
  }
  for (guint i = 0; i < G_N_ELEMENTS (own_settings); i++)
    {
      const HcKindSetting *setting = find_kind_setting (kind_info, own_settings[i].option);

      if (setting != NULL)
        settings_set (&settings, setting->key, *own_settings[i].value);
    }
  if (kind_info != NULL && (kind_info->needs & HC_KIND_SIGN_IN) != 0)
    {
      settings_set (&settings, "authorize_url", authorize_url);
      settings_set (&settings, "token_url", token_url);
      secret = hc_cli_sign_in (kind_info, authorize_url, token_url, client_id, !no_browser, &error);
      if (secret == NULL)
        return hc_cli_fail_with (error, _("Connector “%s” was not added: %s"), name, error->message);
    }
  config = hc_config_new_for_kind (kind);

  id = hc_store_add_connector (store, name, kind, settings, config, test_instance, &error);
  if (id <= 0)
    {
      if (g_error_matches (error, HC_ERROR, HC_ERROR_EXISTS))
        return hc_cli_fail_code (HC_ERROR, HC_ERROR_EXISTS,
                                 _("A connector named “%s” already exists in workspace “%s”"),
                                 name, hc_cli_get_workspace (cli));
      return hc_cli_fail_with (error, _("Could not add connector “%s”: %s"), name, error->message);
    }

  if (secret != NULL)
    {
      g_autofree char *workspace = hc_store_dup_workspace_name (store);
      const char *workspace_id = hc_store_get_workspace_id (store);
      gboolean stored;

      /* A connector id can come back after a removal: no stale secret
       * may answer for the new one. */
      hc_secrets_clear_sync (workspace_id, id, NULL, NULL, NULL, NULL);
      stored = hc_connector_secret_store_sync (workspace_id, id, kind_info, workspace, name, secret,
                                               NULL, &error);
      hc_cli_wipe_secret (g_steal_pointer (&secret));
      if (!stored)
        {
          /* Nothing half-made stays behind. */
          hc_store_remove_connector (store, id, NULL);
          return hc_cli_fail_with (error, _("Connector “%s” was not added: %s"), name, error->message);
        }
    }

  quoted_name = hc_cli_quote_argument (name);
  g_print (_("Connector “%s” added. Preview its first sync with “headcount-cli sync %s --dry-run”.\n"),
           name, quoted_name);

  return HC_CLI_EXIT_OK;
}

/* --base-url "" clears it: back to the vendor's default. */
static void
set_setting (char      **value,
             const char *given)
{
  if (given == NULL)
    return;
  g_free (*value);
  *value = *given != '\0' ? g_strdup (given) : NULL;
}

static int
connector_edit (HcCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GPtrArray) changed = g_ptr_array_new ();
  g_autofree char *base_url = NULL;
  g_autofree char *subdomain = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *new_base_url = NULL;
  g_autofree char *new_subdomain = NULL;
  g_autofree char *new_client_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *list = NULL;
  const HcConnectorKind *kind_info;
  char *secret = NULL;
  gboolean secret_stdin = FALSE;
  gboolean test_instance = FALSE;
  gboolean production = FALSE;
  gboolean sign_in = FALSE;
  gboolean no_browser = FALSE;
  gboolean is_test_instance;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &new_base_url,
      N_("Talk to the HR system at URL, with or without the API’s version (\"\" for the default)"), N_("URL") },
    { "subdomain", 0, 0, G_OPTION_ARG_STRING, &new_subdomain,
      N_("The company’s subdomain at the HR system"), N_("SUBDOMAIN") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &new_client_id,
      N_("The API client id"), N_("ID") },
    { "secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("Read a new API secret from the first line of standard input (it goes to the keyring only)"), NULL },
    { "test-instance", 0, 0, G_OPTION_ARG_NONE, &test_instance,
      N_("Mark the connector as a test instance: manual syncs, no invitations sent"), NULL },
    { "production", 0, 0, G_OPTION_ARG_NONE, &production,
      N_("Mark the connector as the production HR system"), NULL },
    { "sign-in", 0, 0, G_OPTION_ARG_NONE, &sign_in,
      N_("Sign in to the HR system again in the browser (kind “payfit”)"), NULL },
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &no_browser,
      N_("Only print the sign-in address, do not open a browser (kind “payfit”)"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "connector edit NAME",
                                       _("Change a connector’s settings. Its members and history stay."),
                                       entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Which connector? Give its name"));
  if (!check_no_more_arguments (context, argc, argv, 2, &exit_code))
    return exit_code;
  if (test_instance && production)
    return hc_cli_usage_error (context, _("Give --test-instance or --production, not both"));
  if (new_base_url == NULL && new_subdomain == NULL && new_client_id == NULL && !secret_stdin &&
      !test_instance && !production && !sign_in)
    return hc_cli_usage_error (context,
                               _("Nothing to change: give --base-url, --subdomain, --client-id, --secret-stdin, --test-instance or --production"));
  if (new_base_url != NULL && *g_strstrip (new_base_url) != '\0' && !url_is_http (new_base_url))
    return hc_cli_usage_error (context, _("“%s” is not an http or https URL"), new_base_url);

  info = hc_cli_find_connector (cli, argv[1], &exit_code);
  if (info == NULL)
    return exit_code;
  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  kind_info = hc_connector_kind_lookup (info->kind);
  if (!hc_connector_kind_is_remote (info->kind) &&
      (new_base_url != NULL || new_subdomain != NULL || new_client_id != NULL || secret_stdin))
    return hc_cli_usage_error (context, _("Connector “%s” (kind “%s”) has no HR system address or secret to change"),
                               info->name, info->kind);

  base_url = hc_connector_info_dup_setting (info, "base_url");
  subdomain = hc_connector_info_dup_setting (info, "subdomain");
  client_id = hc_connector_info_dup_setting (info, "client_id");
  path = hc_connector_info_dup_setting (info, "path");

  if (new_base_url != NULL)
    {
      g_autofree char *normalized = hc_connector_normalize_base_url (info->kind, new_base_url);

      if (g_strcmp0 (normalized, base_url) != 0)
        g_ptr_array_add (changed, _("base URL"));
      set_setting (&base_url, normalized ? normalized : "");
    }
  if (new_subdomain != NULL)
    {
      g_strstrip (new_subdomain);
      if (g_strcmp0 (*new_subdomain ? new_subdomain : NULL, subdomain) != 0)
        g_ptr_array_add (changed, _("subdomain"));
      set_setting (&subdomain, new_subdomain);
    }
  if (new_client_id != NULL)
    {
      g_strstrip (new_client_id);
      if (g_strcmp0 (*new_client_id ? new_client_id : NULL, client_id) != 0)
        g_ptr_array_add (changed, _("client id"));
      set_setting (&client_id, new_client_id);
    }

  /* What the connector needs must still be there. */
  if (kind_info != NULL && (kind_info->needs & HC_KIND_NEEDS_BASE_URL) && base_url == NULL)
    return hc_cli_usage_error (context, _("%s needs the %s: give it with --base-url URL"),
                               kind_info->vendor_name, _(kind_info->base_url_label));
  if (kind_info != NULL && (kind_info->needs & HC_KIND_NEEDS_SUBDOMAIN) && subdomain == NULL &&
      base_url == NULL)
    return hc_cli_usage_error (context, _("%s needs the %s (%s): give it with --subdomain S"),
                               kind_info->vendor_name, _(kind_info->subdomain_label),
                               _(kind_info->subdomain_hint));
  if (kind_info != NULL && (kind_info->needs & HC_KIND_NEEDS_CLIENT_ID) && client_id == NULL)
    return hc_cli_usage_error (context, _("%s needs the %s: give it with --client-id ID"),
                               kind_info->vendor_name, _(kind_info->client_id_label));

  is_test_instance = test_instance ? TRUE : production ? FALSE : info->test_instance;
  if (is_test_instance != info->test_instance)
    g_ptr_array_add (changed, is_test_instance ? _("now a test instance") : _("now production"));

  if (sign_in && (kind_info == NULL || (kind_info->needs & HC_KIND_SIGN_IN) == 0))
    return hc_cli_usage_error (context, _("--sign-in only applies to a connector signed in in the browser (kind “payfit”)"));
  if (secret_stdin && kind_info != NULL && (kind_info->needs & HC_KIND_SIGN_IN) != 0)
    return hc_cli_usage_error (context, _("%s is connected by signing in in the browser: --secret-stdin does not apply"),
                               kind_info->vendor_name);
  if (secret_stdin)
    {
      secret = hc_cli_read_connector_secret (info->kind, &error);
      if (secret == NULL)
        return hc_cli_fail_error (error);
    }

  settings = hc_connector_info_build_settings (base_url, subdomain, client_id, path);
  if (kind_info != NULL && (kind_info->needs & HC_KIND_SIGN_IN) != 0)
    {
      /* The sign-in addresses stay as they were. */
      g_autofree char *authorize_url = hc_connector_info_dup_setting (info, "authorize_url");
      g_autofree char *token_url = hc_connector_info_dup_setting (info, "token_url");

      settings_set (&settings, "authorize_url", authorize_url);
      settings_set (&settings, "token_url", token_url);
      if (sign_in)
        {
          secret = hc_cli_sign_in (kind_info, authorize_url, token_url, client_id, !no_browser, &error);
          if (secret == NULL)
            return hc_cli_fail_with (error, _("Could not change connector “%s”: %s"), info->name, error->message);
        }
    }
  if (!hc_store_set_connector_settings (store, info->id, settings, is_test_instance, &error))
    {
      hc_cli_wipe_secret (g_steal_pointer (&secret));
      return hc_cli_fail (_("Could not change connector “%s”: %s"), info->name, error->message);
    }

  if (secret != NULL)
    {
      g_autofree char *workspace = hc_store_dup_workspace_name (store);
      gboolean stored;

      /* the same keyring items, replaced: the settings already changed */
      stored = hc_connector_secret_store_sync (hc_store_get_workspace_id (store), info->id,
                                               kind_info, workspace, info->name, secret, NULL, &error);
      hc_cli_wipe_secret (g_steal_pointer (&secret));
      if (!stored)
        return hc_cli_fail (_("The settings of “%s” changed, but its new %s is not stored: %s"),
                            info->name, _(kind_info->secret_label), error->message);
      g_ptr_array_add (changed, _(kind_info->secret_label));
    }

  if (changed->len == 0)
    {
      g_print (_("Connector “%s” unchanged.\n"), info->name);
      return HC_CLI_EXIT_OK;
    }
  g_ptr_array_add (changed, NULL);
  /* Translators: joins what changed in a connector, "base URL, client id" */
  list = g_strjoinv (_(", "), (char **) changed->pdata);
  /* Translators: %s lists what changed, "base URL, now production" */
  g_print (_("Connector “%s” changed: %s.\n"), info->name, list);

  return HC_CLI_EXIT_OK;
}

static void
add_settings_member (JsonBuilder           *builder,
                     const HcConnectorInfo *info)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root = NULL;

  json_builder_set_member_name (builder, "settings");

  if (info->settings != NULL && json_parser_load_from_data (parser, info->settings, -1, NULL))
    root = json_parser_get_root (parser);

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      json_builder_add_value (builder, json_node_copy (root));
    }
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
}

static int
connector_list (HcCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) connectors = NULL;
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "connector list", _("List the connectors."), entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (!check_no_more_arguments (context, argc, argv, 1, &exit_code))
    return exit_code;

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  connectors = hc_store_list_connectors (store, &error);
  if (connectors == NULL)
    return hc_cli_fail_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "connectors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < connectors->len; i++)
        {
          const HcConnectorInfo *info = g_ptr_array_index (connectors, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, info->id);
          hc_cli_json_add_string (builder, "name", info->name);
          hc_cli_json_add_string (builder, "kind", info->kind);
          hc_cli_json_add_string (builder, "state", hc_connector_state_to_string (info->state));
          /* rules.md 43: what its card says, in words */
          hc_cli_json_add_string (builder, "status",
                                  hc_connector_status_to_string (hc_connector_info_get_status (info)));
          hc_cli_json_add_string (builder, "last_error", info->last_error);
          hc_cli_json_add_time (builder, "last_sync_at", info->last_sync_at);
          hc_cli_json_add_time (builder, "last_failed_at", info->failed_at);
          json_builder_set_member_name (builder, "test_instance");
          json_builder_add_boolean_value (builder, info->test_instance);
          add_settings_member (builder, info);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      hc_cli_print_json (builder);
    }
  else if (connectors->len == 0)
    {
      g_print (_("No connectors in workspace “%s”. Add one with “headcount-cli connector add demo --name demo”.\n"),
               hc_cli_get_workspace (cli));
    }
  else
    {
      g_autoptr (HcCliTable) table = hc_cli_table_new (6);

      /* rules.md 43: the states the cards say, the last successful sync
       * beside the last failed attempt. */
      hc_cli_table_add_row (table, _("Name"), _("Kind"), _("State"), _("Last successful sync"),
                            _("Last failed attempt"), _("Test instance"));
      for (guint i = 0; i < connectors->len; i++)
        {
          const HcConnectorInfo *info = g_ptr_array_index (connectors, i);
          g_autofree char *last_sync = hc_cli_format_time (info->last_sync_at);
          g_autofree char *failed = info->failed_at > 0 && info->failed_at >= info->last_sync_at
                                    ? hc_cli_format_time (info->failed_at) : g_strdup ("");

          hc_cli_table_add_row (table,
                                info->name,
                                info->kind,
                                hc_connector_status_describe (hc_connector_info_get_status (info)),
                                last_sync,
                                failed,
                                info->test_instance ? _("yes") : "");
        }
      hc_cli_table_print (table, TRUE);

      for (guint i = 0; i < connectors->len; i++)
        {
          const HcConnectorInfo *info = g_ptr_array_index (connectors, i);
          HcConnectorStatus status = hc_connector_info_get_status (info);

          if (info->last_error == NULL || *info->last_error == '\0' ||
              status == HC_CONNECTOR_STATUS_CONNECTED || status == HC_CONNECTOR_STATUS_NOT_TESTED)
            continue;
          g_print ("%s: %s\n", info->name, info->last_error);
          if (status == HC_CONNECTOR_STATUS_CREDENTIALS_REJECTED && hc_connector_kind_is_remote (info->kind))
            /* Translators: the advice under a connector whose credentials
             * the HR system refused; %s is its name */
            g_print (_("  Correct them with “headcount-cli connector edit %s --secret-stdin”.\n"),
                     info->name);
        }
    }

  return HC_CLI_EXIT_OK;
}

static int
connector_test (HcCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  char *secret = NULL;
  HcCliWait wait;
  int exit_code = HC_CLI_EXIT_OK;
  gboolean secret_stdin = FALSE;
  gboolean works;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("Use the secret on standard input for this test instead of the keyring’s"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "connector test NAME",
                                       _("Check that a connector reaches its HR system."), entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Which connector? Give its name"));
  if (!check_no_more_arguments (context, argc, argv, 2, &exit_code))
    return exit_code;

  info = hc_cli_find_connector (cli, argv[1], &exit_code);
  if (info == NULL)
    return exit_code;
  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  if (secret_stdin)
    {
      secret = hc_cli_read_connector_secret (info->kind, &error);
      if (secret == NULL)
        return hc_cli_fail_error (error);
    }

  hc_cli_wait_init (&wait);
  hc_connector_open_async (store, info, secret, cancellable, hc_cli_wait_cb, &wait);
  connector = hc_connector_open_finish (hc_cli_wait_run (&wait, cancellable), &error);
  hc_cli_wait_clear (&wait);
  hc_cli_wipe_secret (g_steal_pointer (&secret));
  if (connector == NULL)
    return hc_cli_fail_with (error, _("Connection to %s failed: %s"), info->name, error->message);

  hc_cli_wait_init (&wait);
  hc_connector_test_connection_async (connector, cancellable, hc_cli_wait_cb, &wait);
  works = hc_connector_test_connection_finish (connector,
                                               hc_cli_wait_run (&wait, cancellable),
                                               &error);
  hc_cli_wait_clear (&wait);

  if (!works)
    return hc_cli_fail_with (error, _("Connection to %s failed: %s"), info->name, error->message);

  g_print (_("Connection to %s works\n"), info->name);

  return HC_CLI_EXIT_OK;
}

/* What a disconnect does to the connector's members (rules.md 47), as
 * `sync --dry-run` lists a plan. */
static void
print_disconnect_plan (const char *name,
                       HcPlan     *plan)
{
  g_print (_("Plan for disconnecting “%s”:\n"), name);
  for (int kind = 0; kind < HC_PLAN_N_KINDS; kind++)
    {
      if (hc_plan_count (plan, kind) == 0)
        continue;
      g_print ("  %s  %u\n", hc_plan_kind_describe (kind), hc_plan_count (plan, kind));
    }
  if (hc_plan_is_empty (plan))
    g_print ("  %s\n", _("No member to change: the connector manages nobody who is not archived already."));
  hc_cli_print_plan_items (plan, TRUE);
}

static int
connector_remove (HcCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  guint n_members = 0;
  gboolean archive_members = FALSE;
  gboolean remove_members = FALSE;
  gboolean dry_run = FALSE;
  gboolean yes = FALSE;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "archive-members", 0, 0, G_OPTION_ARG_NONE, &archive_members,
      N_("Archive the members it manages as well; they stay in the directory"), NULL },
    { "remove-members", 0, 0, G_OPTION_ARG_NONE, &remove_members,
      N_("Remove the members it manages from the directory as well"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show what would happen to the members, change nothing"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Archive or remove the members without asking"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "connector remove NAME [--archive-members|--remove-members]",
                                       _("Disconnect a connector. Its members stay in the directory as they are, "
                                         "no longer managed, unless --archive-members or --remove-members says "
                                         "otherwise; `undo RUN` puts them back."),
                                       entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Which connector? Give its name"));
  if (!check_no_more_arguments (context, argc, argv, 2, &exit_code))
    return exit_code;
  if (archive_members && remove_members)
    return hc_cli_usage_error (context, _("Give --archive-members or --remove-members, not both"));

  info = hc_cli_find_connector (cli, argv[1], &exit_code);
  if (info == NULL)
    return exit_code;
  store = hc_cli_get_store (cli, &exit_code);

  /* Only to tell how many members stay (rules.md 13). */
  n_members = hc_store_count_connector_members (store, info->id);

  /* rules.md 47: the members archived or removed first, as one run that
   * History's undo rolls back. */
  if (dry_run && !archive_members && !remove_members)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE_NAME,
                            "Removing connector “%s” leaves its %u member in the directory, no longer managed.\n",
                            "Removing connector “%s” leaves its %u members in the directory, no longer managed.\n",
                            n_members),
               info->name, n_members);
      g_print ("%s\n", _("Dry run: nothing was changed."));
      return HC_CLI_EXIT_OK;
    }
  if (archive_members || remove_members)
    {
      plan = hc_disconnect_plan_new (store, info->id,
                                     remove_members ? HC_DISCONNECT_REMOVE_MEMBERS : HC_DISCONNECT_ARCHIVE_MEMBERS,
                                     &error);
      if (plan == NULL)
        return hc_cli_fail_with (error, _("Could not remove connector “%s”: %s"), info->name, error->message);
      if (dry_run || (!yes && !hc_plan_is_empty (plan)))
        {
          print_disconnect_plan (info->name, plan);
          if (dry_run)
            {
              g_print ("\n%s\n", _("Dry run: nothing was changed."));
              return HC_CLI_EXIT_OK;
            }
          {
            g_autofree char *quoted = hc_cli_quote_argument (info->name);

            return hc_cli_fail_code (HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION,
                                     _("Nothing was changed. To do this, run “headcount-cli connector remove %s %s --yes”."),
                                     quoted, remove_members ? "--remove-members" : "--archive-members");
          }
        }
      if (!hc_plan_is_empty (plan))
        {
          run = hc_disconnect_apply (store, plan, &error);
          if (run == NULL)
            return hc_cli_fail_with (error, _("Could not remove connector “%s”: %s"), info->name, error->message);
        }
    }

  if (!hc_store_remove_connector (store, info->id, &error))
    return hc_cli_fail_with (error, _("Could not remove connector “%s”: %s"), info->name, error->message);

  /* rules.md 13: the secret goes with it. The connector is gone either way;
   * a keyring that cannot be reached is said, with what to do. */
  if (hc_connector_kind_is_remote (info->kind) &&
      !hc_secrets_clear_sync (hc_store_get_workspace_id (store), info->id, NULL, NULL, NULL, &error))
    hc_cli_notice (_("The secret of “%s” could not be deleted from the keyring: %s "
                     "Delete the item named “Headcount: … connector “%s”” with Passwords and Keys."),
                   info->name, error->message, info->name);

  if (run != NULL && remove_members)
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME,
                          "Connector “%s” removed, and %u member removed from the directory (run %lld; "
                          "“headcount-cli undo %lld” puts it back).\n",
                          "Connector “%s” removed, and %u members removed from the directory (run %lld; "
                          "“headcount-cli undo %lld” puts them back).\n",
                          run->counts[HC_PLAN_REMOVE]),
             info->name, run->counts[HC_PLAN_REMOVE], (long long) run->id, (long long) run->id);
  else if (run != NULL)
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME,
                          "Connector “%s” removed, and %u member archived (run %lld; "
                          "“headcount-cli undo %lld” brings it back).\n",
                          "Connector “%s” removed, and %u members archived (run %lld; "
                          "“headcount-cli undo %lld” brings them back).\n",
                          run->counts[HC_PLAN_ARCHIVE]),
             info->name, run->counts[HC_PLAN_ARCHIVE], (long long) run->id, (long long) run->id);
  else if (n_members == 0)
    g_print (_("Connector “%s” removed.\n"), info->name);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME,
                          "Connector “%s” removed. Its %u member stays in the directory, no longer managed.\n",
                          "Connector “%s” removed. Its %u members stay in the directory, no longer managed.\n",
                          n_members),
             info->name, n_members);

  return HC_CLI_EXIT_OK;
}

int
hc_cli_connector (HcCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  const char *command;
  static const struct
  {
    const char *name;
    int         (*func) (HcCli *, int, char **);
  } commands[] = {
    { "add", connector_add },
    { "edit", connector_edit },
    { "list", connector_list },
    { "test", connector_test },
    { "remove", connector_remove },
  };

  context = hc_cli_option_context_new (cli, "connector add|edit|list|test|remove …",
                                       _("Manage the connectors to HR systems."), NULL);
  g_option_context_set_description (context,
                                    _("Commands:\n"
                                      "  connector add KIND --name NAME [--base-url URL] [--subdomain S] [--client-id ID]\n"
                                      "                [--secret-stdin] [--test-instance] [--path FILE]\n"
                                      "  connector edit NAME [--base-url URL] [--subdomain S] [--client-id ID]\n"
                                      "                [--secret-stdin] [--test-instance|--production]\n"
                                      "  connector list [--json]\n"
                                      "  connector test NAME [--secret-stdin]\n"
                                      "  connector remove NAME [--archive-members|--remove-members] [--dry-run] [--yes]\n"));
  g_option_context_set_strict_posix (context, TRUE);

  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Which connector command? One of add, edit, list, test, remove"));

  command = argv[1];
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (command, commands[i].name))
        return commands[i].func (cli, argc - 1, argv + 1);
    }

  return hc_cli_usage_error (context, _("Unknown connector command “%s”"), command);
}
