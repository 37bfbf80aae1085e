/* hc-cli-destination.c — headcount-cli destination: the SCIM 2.0 services
 * a sync delivers the directory to
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-destination.h"
#include "hc-error.h"
#include "hc-scim-client.h"
#include "hc-scim-mapping.h"
#include "hc-scim-push.h"
#include "hc-secrets.h"

static HcDestination *
find_destination (HcCli      *cli,
                  const char *name,
                  int        *exit_code)
{
  g_autoptr (GError) error = NULL;
  HcStore *store = hc_cli_get_store (cli, exit_code);
  HcDestination *destination;

  if (store == NULL)
    return NULL;
  destination = hc_destination_find (store, name, &error);
  if (destination == NULL)
    *exit_code = hc_cli_fail_error (error);
  return destination;
}

static HcSecret *
lookup_secret (HcStore             *store,
               const HcDestination *destination,
               int                 *exit_code)
{
  g_autoptr (GError) error = NULL;
  HcSecret *secret = hc_secrets_lookup_sync (hc_store_get_workspace_id (store),
                                             hc_destination_secret_id (destination),
                                             HC_SECRET_KIND_SCIM_TOKEN, NULL, &error);

  if (secret == NULL && error != NULL)
    *exit_code = hc_cli_fail_error (error);
  else if (secret == NULL)
    *exit_code = hc_cli_fail_code (HC_ERROR, HC_ERROR_AUTH,
                                   _("No secret for destination “%s” in the keyring: remove it and add it again"),
                                   destination->name);
  return secret;
}

static int
destination_add (HcCli *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *basic_user = NULL;
  g_autofree char *group_names = NULL;
  g_autofree char *custom_schema = NULL;
  gboolean secret_stdin = FALSE;
  gboolean test_instance = FALSE;
  gboolean delete_on_archive = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcDestination destination = { 0 };
  char *secret;
  HcStore *store;
  gint64 id;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The destination’s name in this workspace"), N_("NAME") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("The SCIM base URL of the service (https://…/scim/v2)"), N_("URL") },
    { "secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("Read the bearer token (or the Basic password) from the first line of standard input (it goes to the keyring only)"),
      NULL },
    { "basic-user", 0, 0, G_OPTION_ARG_STRING, &basic_user,
      N_("Use Basic authentication with this user name; the secret is its password"), N_("USER") },
    { "test-instance", 0, 0, G_OPTION_ARG_NONE, &test_instance,
      N_("A test instance: it gets no deactivation unless it is confirmed"), NULL },
    { "delete-on-archive", 0, 0, G_OPTION_ARG_NONE, &delete_on_archive,
      N_("Delete archived members on the service instead of deactivating them"), NULL },
    { "group-names", 0, 0, G_OPTION_ARG_STRING, &group_names,
      N_("Name groups there by their whole path (path, the default) or by their own name (leaf)"), N_("path|leaf") },
    { "custom-schema", 0, 0, G_OPTION_ARG_STRING, &custom_schema,
      N_("The extension schema of the service that receives the custom fields"), N_("URN") },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "destination add scim",
                                       _("Deliver the directory to a SCIM 2.0 service after every sync."), entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Which kind of destination? Only “scim” is known"));
  if (!g_str_equal (argv[1], "scim"))
    return hc_cli_usage_error (context, _("Unknown destination kind “%s”: only “scim” is known"), argv[1]);
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);
  if (name == NULL || *name == '\0')
    return hc_cli_usage_error (context, _("Give the destination a name with --name"));
  if (base_url == NULL)
    return hc_cli_usage_error (context, _("Give the service’s SCIM base URL with --base-url"));
  if (!secret_stdin)
    return hc_cli_usage_error (context, _("Give the token on standard input with --secret-stdin (it goes to the keyring only)"));
  if (group_names != NULL && !g_str_equal (group_names, HC_DESTINATION_GROUPS_PATH) &&
      !g_str_equal (group_names, HC_DESTINATION_GROUPS_LEAF))
    return hc_cli_usage_error (context, _("--group-names is “path” or “leaf”, not “%s”"), group_names);

  /* The URL is checked as the requests will use it (https, or a local one). */
  {
    g_autoptr (HcScimClient) probe = hc_scim_client_new (name, base_url, basic_user, "probe", &error);

    if (probe == NULL)
      return hc_cli_fail_error (error);
  }

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  secret = hc_cli_read_secret (&error);
  if (secret == NULL)
    return hc_cli_fail_error (error);

  destination.name = name;
  destination.kind = (char *) "scim";
  destination.base_url = base_url;
  destination.basic_user = basic_user;
  destination.test_instance = test_instance;
  destination.delete_on_archive = delete_on_archive;
  destination.group_names = group_names;
  destination.custom_schema = custom_schema;
  id = hc_destination_add (store, &destination, &error);
  if (id == 0)
    {
      hc_cli_wipe_secret (secret);
      return hc_cli_fail_error (error);
    }
  destination.id = id;

  {
    g_autofree char *workspace = hc_store_dup_workspace_name (store);
    g_autofree char *label = hc_secrets_build_label ("SCIM", HC_SECRET_KIND_SCIM_TOKEN, workspace, name);
    const char *workspace_id = hc_store_get_workspace_id (store);
    gboolean stored;

    hc_secrets_clear_sync (workspace_id, hc_destination_secret_id (&destination), NULL, NULL, NULL, NULL);
    stored = hc_secrets_store_sync (workspace_id, hc_destination_secret_id (&destination),
                                    HC_SECRET_KIND_SCIM_TOKEN, label, secret, NULL, &error);
    hc_cli_wipe_secret (secret);
    if (!stored)
      {
        hc_destination_remove (store, id, NULL);
        return hc_cli_fail_with (error, _("Destination “%s” was not added: %s"), name, error->message);
      }
  }

  g_print (_("Destination “%s” added: every sync of workspace “%s” now delivers to it.\n"),
           name, hc_cli_get_workspace (cli));
  return HC_CLI_EXIT_OK;
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static int
destination_test (HcCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcDestination) destination = NULL;
  g_autoptr (HcSecret) secret = NULL;
  g_autoptr (HcScimClient) client = NULL;
  g_autoptr (HcScimCapabilities) caps = NULL;
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "destination test NAME",
                                       _("Connect to the service and show what it supports."), entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hc_cli_usage_error (context, _("Which destination? Give its name"));
  destination = find_destination (cli, argv[1], &exit_code);
  if (destination == NULL)
    return exit_code;
  secret = lookup_secret (hc_cli_get_store (cli, &exit_code), destination, &exit_code);
  if (secret == NULL)
    return exit_code;
  client = hc_scim_client_new (destination->name, destination->base_url, destination->basic_user, secret, &error);
  if (client != NULL)
    caps = hc_scim_client_discover (client, NULL, &error);
  if (caps == NULL)
    return hc_cli_fail_with (error, _("Could not connect to “%s”: %s"), destination->name, error->message);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      hc_cli_json_add_string (builder, "name", destination->name);
      add_bool (builder, "patch", caps->patch);
      add_bool (builder, "filter", caps->filter);
      add_bool (builder, "bulk", caps->bulk);
      add_bool (builder, "enterprise", caps->enterprise);
      add_bool (builder, "groups", caps->groups);
      hc_cli_json_add_string (builder, "sign_in_attribute", caps->sign_in_attribute);
      json_builder_set_member_name (builder, "extensions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < caps->extensions->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (caps->extensions, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
    }
  else
    {
      g_autoptr (HcCliTable) table = hc_cli_table_new (2);

      hc_cli_table_set_indent (table, 2);
      hc_cli_table_add_row (table, _("Updates with PATCH"), caps->patch ? _("yes") : _("no"));
      hc_cli_table_add_row (table, _("Search (filter)"), caps->filter ? _("yes") : _("no"));
      hc_cli_table_add_row (table, _("Bulk requests"), caps->bulk ? _("yes") : _("no"));
      hc_cli_table_add_row (table, _("Enterprise attributes (department, manager)"), caps->enterprise ? _("yes") : _("no"));
      hc_cli_table_add_row (table, _("Groups"), caps->groups ? _("yes") : _("no"));
      hc_cli_table_add_row (table, _("Says who signed in (invitations accepted)"),
                            caps->sign_in_attribute != NULL ? _("yes") : _("no"));
      for (guint i = 0; i < caps->extensions->len; i++)
        hc_cli_table_add_row (table, _("Extension"), (const char *) g_ptr_array_index (caps->extensions, i));
      g_print (_("Connected to “%s”. The service supports:\n"), destination->name);
      hc_cli_table_print (table, FALSE);
    }
  return HC_CLI_EXIT_OK;
}

static int
destination_remove (HcCli *cli,
                    int    argc,
                    char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcDestination) destination = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = { { NULL } };

  context = hc_cli_option_context_new (cli, "destination remove NAME",
                                       _("Stop delivering to a destination, and forget its secret. Nothing is deleted on the service."),
                                       entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hc_cli_usage_error (context, _("Which destination? Give its name"));
  destination = find_destination (cli, argv[1], &exit_code);
  if (destination == NULL)
    return exit_code;
  store = hc_cli_get_store (cli, &exit_code);
  if (!hc_secrets_clear_sync (hc_store_get_workspace_id (store), hc_destination_secret_id (destination), NULL,
                              NULL, NULL, &error) ||
      !hc_destination_remove (store, destination->id, &error))
    return hc_cli_fail_error (error);
  g_print (_("Destination “%s” removed.\n"), destination->name);
  return HC_CLI_EXIT_OK;
}

static int
destination_list (HcCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "destination list", _("List the destinations of the workspace."), entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  list = hc_destination_list (store, &error);
  if (list == NULL)
    return hc_cli_fail_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "destinations");
      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          HcDestination *d = g_ptr_array_index (list, i);

          json_builder_begin_object (builder);
          hc_cli_json_add_string (builder, "name", d->name);
          hc_cli_json_add_string (builder, "kind", d->kind);
          hc_cli_json_add_string (builder, "base_url", d->base_url);
          hc_cli_json_add_string (builder, "auth", d->basic_user != NULL ? "basic" : "bearer");
          hc_cli_json_add_string (builder, "basic_user", d->basic_user);
          add_bool (builder, "test_instance", d->test_instance);
          add_bool (builder, "delete_on_archive", d->delete_on_archive);
          hc_cli_json_add_string (builder, "group_names", d->group_names);
          hc_cli_json_add_string (builder, "custom_schema", d->custom_schema);
          hc_cli_json_add_string (builder, "last_error", d->last_error);
          hc_cli_json_add_time (builder, "last_delivery_at", d->last_delivery_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
      return HC_CLI_EXIT_OK;
    }

  if (list->len == 0)
    {
      g_print ("%s\n", _("No destinations: the directory stays in Headcount. Add one with “headcount-cli destination add scim”."));
      return HC_CLI_EXIT_OK;
    }
  {
    g_autoptr (HcCliTable) table = hc_cli_table_new (4);

    hc_cli_table_add_row (table, _("NAME"), _("ADDRESS"), _("TEST INSTANCE"), _("LAST ERROR"));
    for (guint i = 0; i < list->len; i++)
      {
        HcDestination *d = g_ptr_array_index (list, i);

        hc_cli_table_add_row (table, d->name, d->base_url, d->test_instance ? _("yes") : _("no"),
                              d->last_error != NULL ? d->last_error : "—");
      }
    hc_cli_table_print (table, TRUE);
  }
  return HC_CLI_EXIT_OK;
}

/* An item's action, for people. */
static const char *
describe_action (const char *action)
{
  if (g_str_equal (action, "create"))
    return _("create");
  if (g_str_equal (action, "update"))
    return _("update");
  if (g_str_equal (action, "deactivate"))
    return _("deactivate");
  if (g_str_equal (action, "delete"))
    return _("delete");
  if (g_str_equal (action, "held"))
    return _("held");
  if (g_str_equal (action, "create-group"))
    return _("create group");
  if (g_str_equal (action, "update-group"))
    return _("update group");
  return action;
}

static void
print_result (const HcScimPushResult *r,
              gboolean                preview)
{
  if (r->error != NULL)
    {
      g_print (_("“%s”: not delivered: %s\n"), r->destination, r->error);
      return;
    }
  if (preview)
    g_print (_("“%s” will receive: %u to create, %u to update, %u to deactivate, %u to delete, %u held; %u unchanged; "
               "groups: %u to create, %u to update.\n"),
             r->destination, r->created, r->updated, r->deactivated, r->deleted, r->held, r->unchanged,
             r->groups_created, r->groups_updated);
  else
    g_print (_("“%s”: %u created, %u updated, %u deactivated, %u deleted, %u failed, %u held; %u unchanged; "
               "%u groups created, %u updated.\n"),
             r->destination, r->created, r->updated, r->deactivated, r->deleted, r->failed, r->held, r->unchanged,
             r->groups_created, r->groups_updated);
  for (guint i = 0; i < r->items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (r->items, i);
      const char *email = json_object_get_string_member_with_default (item, "email", NULL);
      const char *action = describe_action (json_object_get_string_member (item, "action"));
      const char *name = json_object_get_string_member (item, "name");

      if (email != NULL)
        g_print ("  %s: %s <%s>\n", action, name, email);
      else
        g_print ("  %s: %s\n", action, name);
    }
  if (r->joined > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME,
                          "  %u invited member signed in there: marked joined.\n",
                          "  %u invited members signed in there: marked joined.\n", r->joined), r->joined);
  for (guint i = 0; i < r->warnings->len; i++)
    g_print ("  • %s\n", (const char *) g_ptr_array_index (r->warnings, i));
}

/* What each destination would receive once @plan is applied (NULL: what
 * is due now). (transfer full) of HcScimPushResult*, or NULL on error. */
static GPtrArray *
preview_all (HcStore *store,
             HcPlan  *plan,
             GError **error)
{
  return hc_scim_preview_deliveries (store, plan, error);
}

void
hc_cli_destination_print_plan (HcStore *store,
                               HcPlan  *plan)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = preview_all (store, plan, &error);

  if (results == NULL)
    {
      g_printerr (_("Could not preview the destinations: %s\n"), error->message);
      return;
    }
  if (results->len == 0)
    return;
  g_print ("\n%s\n", _("Then the destinations receive:"));
  for (guint i = 0; i < results->len; i++)
    print_result (g_ptr_array_index (results, i), TRUE);
}

void
hc_cli_destination_add_plan_json (HcStore     *store,
                                  HcPlan      *plan,
                                  JsonBuilder *builder)
{
  g_autoptr (GPtrArray) results = preview_all (store, plan, NULL);

  json_builder_set_member_name (builder, "deliveries");
  json_builder_begin_array (builder);
  for (guint i = 0; results != NULL && i < results->len; i++)
    hc_scim_push_result_to_json (g_ptr_array_index (results, i), builder);
  json_builder_end_array (builder);
}

/* Prints the results (nothing with @quiet, JSON with @json); the exit
 * status says whether all went through. */
static int
report (GPtrArray *results,
        gboolean   json,
        gboolean   quiet,
        gboolean   preview)
{
  guint n_failed = 0;

  if (json && !quiet)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "deliveries");
      json_builder_begin_array (builder);
      for (guint i = 0; i < results->len; i++)
        hc_scim_push_result_to_json (g_ptr_array_index (results, i), builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
    }
  for (guint i = 0; i < results->len; i++)
    {
      const HcScimPushResult *r = g_ptr_array_index (results, i);

      if (!json && !quiet)
        print_result (r, preview);
      n_failed += r->error != NULL || r->failed > 0 || r->groups_failed > 0;
    }
  if (n_failed > 0)
    return hc_cli_fail_code (HC_ERROR, HC_ERROR_FAILED,
                             g_dngettext (GETTEXT_PACKAGE_NAME, "%u destination did not receive everything: see the members’ errors",
                                          "%u destinations did not receive everything: see the members’ errors", n_failed),
                             n_failed);
  return HC_CLI_EXIT_OK;
}

static int
deliver (HcCli   *cli,
         gboolean confirm_deactivations,
         gint64   run_id,
         gboolean json,
         gboolean quiet)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GError) error = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store = hc_cli_get_store (cli, &exit_code);
  HcCliWait wait;

  if (store == NULL)
    return exit_code;
  hc_cli_wait_init (&wait);
  hc_scim_deliver_all_async (hc_store_get_path (store), confirm_deactivations, run_id, cancellable,
                             hc_cli_wait_cb, &wait);
  results = hc_scim_deliver_all_finish (hc_cli_wait_run (&wait, cancellable), &error);
  hc_cli_wait_clear (&wait);
  if (results == NULL)
    return hc_cli_fail_with (error, _("Could not deliver to the destinations: %s"), error->message);
  if (results->len == 0)
    return HC_CLI_EXIT_OK;
  return report (results, json, quiet, FALSE);
}

/* After a sync: @quiet keeps stdout for the sync's own JSON. */
int
hc_cli_destination_deliver (HcCli   *cli,
                            gint64   run_id,
                            gboolean confirm_deactivations,
                            gboolean quiet)
{
  return deliver (cli, confirm_deactivations, run_id, FALSE, quiet);
}

static int
destination_push_or_preview (HcCli   *cli,
                             gboolean preview,
                             int      argc,
                             char   **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  gboolean json = FALSE;
  gboolean confirm = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  const GOptionEntry push_entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "confirm-deactivations", 0, 0, G_OPTION_ARG_NONE, &confirm,
      N_("Send the deactivations a test instance holds"), NULL },
    { NULL }
  };
  const GOptionEntry preview_entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = preview
            ? hc_cli_option_context_new (cli, "destination preview",
                                         _("Show what each destination will receive, per member; send nothing."),
                                         preview_entries)
            : hc_cli_option_context_new (cli, "destination push",
                                         _("Deliver the directory to every destination now, without a sync."),
                                         push_entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if (!preview)
    return deliver (cli, confirm, 0, json, FALSE);

  {
    HcStore *store = hc_cli_get_store (cli, &exit_code);
    g_autoptr (GPtrArray) results = NULL;

    if (store == NULL)
      return exit_code;
    results = preview_all (store, NULL, &error);
    if (results == NULL)
      return hc_cli_fail_error (error);
    return report (results, json, FALSE, TRUE);
  }
}

/* "manager (enterprise)": an enterprise attribute says so. */
static char *
attribute_api_name (const HcScimAttribute *attribute)
{
  if (attribute->enterprise)
    /* Translators: a SCIM attribute of the enterprise extension, e.g. department (enterprise) */
    return g_strdup_printf (_("%s (enterprise)"), attribute->attribute);
  return g_strdup (attribute->attribute);
}

static void
print_mapping (const HcDestination *destination,
               gboolean             json)
{
  const HcScimAttribute *attributes;
  guint n_attributes;

  attributes = hc_scim_mapping_get_attributes (&n_attributes);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      hc_cli_json_add_string (builder, "destination", destination->name);
      json_builder_set_member_name (builder, "mapping");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_attributes; i++)
        {
          const HcScimAttribute *a = &attributes[i];

          json_builder_begin_object (builder);
          hc_cli_json_add_string (builder, "attribute", a->attribute);
          add_bool (builder, "enterprise", a->enterprise);
          hc_cli_json_add_string (builder, "field", hc_scim_mapping_get (destination, a->attribute));
          hc_cli_json_add_string (builder, "default", a->default_field);
          add_bool (builder, "is_default", hc_scim_mapping_is_default (destination, a->attribute));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      hc_cli_json_add_string (builder, "custom_schema", destination->custom_schema);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
      return;
    }

  {
    g_autoptr (HcCliTable) table = hc_cli_table_new (3);

    hc_cli_table_add_row (table, _("ATTRIBUTE"), _("MEMBER FIELD"), _("SENT FROM"));
    for (guint i = 0; i < n_attributes; i++)
      {
        const HcScimAttribute *a = &attributes[i];
        const char *field = hc_scim_mapping_get (destination, a->attribute);
        g_autofree char *api = attribute_api_name (a);
        g_autofree char *described = hc_scim_mapping_describe_field (field);
        g_autofree char *shown = NULL;

        shown = hc_scim_mapping_is_default (destination, a->attribute)
                ? g_strdup (described)
                /* Translators: a mapping line changed from its default */
                : g_strdup_printf (_("%s (changed)"), described);
        hc_cli_table_add_row (table, api, field != NULL ? field : "—", shown);
      }
    hc_cli_table_print (table, TRUE);
  }
  if (destination->custom_schema != NULL)
    g_print (_("Custom fields go to the extension schema %s.\n"), destination->custom_schema);
  else
    g_print ("%s\n", _("Custom fields are not sent unless an attribute above takes them: no extension schema is set."));
}

static int
destination_map (HcCli *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcDestination) destination = NULL;
  g_auto (GStrv) sets = NULL;
  g_auto (GStrv) unsets = NULL;
  gboolean reset = FALSE;
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      N_("Send a member field in a SCIM attribute (repeatable)"), N_("ATTRIBUTE=FIELD") },
    { "unset", 0, 0, G_OPTION_ARG_STRING_ARRAY, &unsets,
      N_("Send nothing in a SCIM attribute (repeatable)"), N_("ATTRIBUTE") },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset, N_("Go back to the default mapping"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "destination map NAME",
                                       _("Show or change which member field each SCIM attribute is sent from."),
                                       entries);
  g_option_context_set_description (context,
                                    _("FIELD is a member field (first_name, last_name, preferred_name, email, title, "
                                      "department, team, office, employee_id, start_date, end_date), custom.NAME, "
                                      "or preferred_or_first_name, display_name, employee_or_headcount_id. "
                                      "Changes apply from the next delivery."));
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Name the destination"));
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);
  destination = find_destination (cli, argv[1], &exit_code);
  if (destination == NULL)
    return exit_code;

  if (reset)
    hc_scim_mapping_reset (destination);
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (sets[i], "=", 2);

      if (parts[0] == NULL || parts[1] == NULL || *g_strstrip (parts[0]) == '\0' || *g_strstrip (parts[1]) == '\0')
        return hc_cli_usage_error (context, _("--set takes ATTRIBUTE=FIELD, e.g. title=custom.job_code"));
      if (!hc_scim_mapping_set (destination, parts[0], parts[1], &error))
        return hc_cli_usage_error (context, "%s", error->message);
    }
  for (guint i = 0; unsets != NULL && unsets[i] != NULL; i++)
    if (!hc_scim_mapping_set (destination, unsets[i], NULL, &error))
      return hc_cli_usage_error (context, "%s", error->message);
  if (reset || sets != NULL || unsets != NULL)
    {
      HcStore *store = hc_cli_get_store (cli, &exit_code);

      if (store == NULL)
        return exit_code;
      if (!hc_destination_save_settings (store, destination, &error))
        return hc_cli_fail_error (error);
    }
  print_mapping (destination, json);
  return HC_CLI_EXIT_OK;
}

int
hc_cli_destination (HcCli *cli,
                    int    argc,
                    char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  const GOptionEntry entries[] = { { NULL } };

  if (argc > 1)
    {
      const char *sub = argv[1];

      if (g_str_equal (sub, "add"))
        return destination_add (cli, argc - 1, argv + 1);
      if (g_str_equal (sub, "test"))
        return destination_test (cli, argc - 1, argv + 1);
      if (g_str_equal (sub, "remove"))
        return destination_remove (cli, argc - 1, argv + 1);
      if (g_str_equal (sub, "list"))
        return destination_list (cli, argc - 1, argv + 1);
      if (g_str_equal (sub, "push"))
        return destination_push_or_preview (cli, FALSE, argc - 1, argv + 1);
      if (g_str_equal (sub, "preview"))
        return destination_push_or_preview (cli, TRUE, argc - 1, argv + 1);
      if (g_str_equal (sub, "map"))
        return destination_map (cli, argc - 1, argv + 1);
    }

  context = hc_cli_option_context_new (cli, "destination add|test|remove|list|push|preview|map",
                                       _("Deliver the directory to the platforms people log into (SCIM 2.0)."), entries);
  g_option_context_set_description (context,
                                    _("Every sync delivers to each destination of the workspace after applying. "
                                      "Each command takes --help."));
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Name a command: add, test, remove, list, push, preview or map"));
  return hc_cli_usage_error (context, _("Unknown command “%s”"), argv[1]);
}

GHashTable *
hc_cli_destination_list_records (HcStore *store)
{
  GHashTable *by_member = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) list = hc_destination_list (store, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      HcDestination *destination = g_ptr_array_index (list, i);
      g_autoptr (GHashTable) records = hc_destination_list_members (store, destination->id, NULL);
      GHashTableIter iter;
      gpointer key, value;

      if (records == NULL)
        continue;
      g_hash_table_iter_init (&iter, records);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GPtrArray *of_member = g_hash_table_lookup (by_member, key);

          if (of_member == NULL)
            {
              gint64 *id = g_new (gint64, 1);

              *id = *(gint64 *) key;
              of_member = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_destination_member_free);
              g_hash_table_insert (by_member, id, of_member);
            }
          g_ptr_array_add (of_member, value);
          g_hash_table_iter_steal (&iter);
        }
    }
  return by_member;
}

void
hc_cli_destination_add_member_json (JsonBuilder *builder,
                                    GHashTable  *records,
                                    gint64       member_id)
{
  GPtrArray *of_member = records != NULL ? g_hash_table_lookup (records, &member_id) : NULL;

  json_builder_set_member_name (builder, "destinations");
  json_builder_begin_array (builder);
  for (guint i = 0; of_member != NULL && i < of_member->len; i++)
    {
      HcDestinationMember *record = g_ptr_array_index (of_member, i);

      json_builder_begin_object (builder);
      hc_cli_json_add_string (builder, "name", record->destination_name);
      hc_cli_json_add_string (builder, "scim_id", record->scim_id);
      hc_cli_json_add_string (builder, "status", hc_destination_status_to_string (record->status));
      hc_cli_json_add_string (builder, "error", record->error);
      hc_cli_json_add_string (builder, "scim_type", record->scim_type);
      hc_cli_json_add_string (builder, "last_outcome", record->last_outcome);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
hc_cli_destination_explain (HcStore *store,
                            gint64   member_id)
{
  g_autoptr (GPtrArray) records = NULL;

  if (member_id == 0)
    return;
  records = hc_destination_list_for_member (store, member_id, NULL);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      HcDestinationMember *r = g_ptr_array_index (records, i);

      g_print (_("  Destination “%s”: %s; SCIM id %s; last outcome: %s\n"), r->destination_name,
               hc_destination_status_describe (r->status), r->scim_id != NULL ? r->scim_id : "—",
               r->last_outcome != NULL ? r->last_outcome : "—");
      if (r->error != NULL)
        g_print (_("    The service said: %s\n"), r->error);
    }
}

void
hc_cli_destination_print_run (HcStore *store,
                              gint64   run_id)
{
  g_autoptr (GPtrArray) outcomes = hc_destination_list_run_outcomes (store, run_id, NULL);

  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      g_autofree char *text = hc_destination_run_outcome_describe (g_ptr_array_index (outcomes, i));

      /* Translators: a line of History under a sync, "Delivered to Platform: 3 created, …" */
      g_print (_("  Delivered to %s\n"), text);
    }
}

void
hc_cli_destination_add_run_json (HcStore     *store,
                                 gint64       run_id,
                                 JsonBuilder *builder)
{
  g_autoptr (GPtrArray) outcomes = hc_destination_list_run_outcomes (store, run_id, NULL);

  json_builder_set_member_name (builder, "deliveries");
  json_builder_begin_array (builder);
  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      HcDestinationRunOutcome *o = g_ptr_array_index (outcomes, i);
      const struct
      {
        const char *name;
        guint       value;
      } counts[] = {
        { "created", o->created },
        { "updated", o->updated },
        { "deactivated", o->deactivated },
        { "deleted", o->deleted },
        { "failed", o->failed },
      };

      json_builder_begin_object (builder);
      hc_cli_json_add_string (builder, "destination", o->destination);
      for (guint j = 0; j < G_N_ELEMENTS (counts); j++)
        {
          json_builder_set_member_name (builder, counts[j].name);
          json_builder_add_int_value (builder, counts[j].value);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
hc_cli_destination_run_node (HcStore         *store,
                             const HcSyncRun *run)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonBuilder) deliveries = json_builder_new ();
  g_autoptr (JsonNode) extra = NULL;
  JsonNode *node;

  hc_sync_run_to_json (run, builder);
  node = json_builder_get_root (builder);
  json_builder_begin_object (deliveries);
  hc_cli_destination_add_run_json (store, run->id, deliveries);
  json_builder_end_object (deliveries);
  extra = json_builder_get_root (deliveries);
  json_object_set_member (json_node_get_object (node), "deliveries",
                          json_object_dup_member (json_node_get_object (extra), "deliveries"));
  return node;
}

char *
hc_cli_destination_describe_run (HcStore *store,
                                 gint64   run_id)
{
  g_autoptr (GPtrArray) outcomes = hc_destination_list_run_outcomes (store, run_id, NULL);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      g_autofree char *line = hc_destination_run_outcome_describe (g_ptr_array_index (outcomes, i));

      g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", line);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}
