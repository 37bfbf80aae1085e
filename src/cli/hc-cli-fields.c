/* hc-cli-fields.c — headcount-cli fields: the HR system's fields with
 * sample values, and one field's values with counts, as the settings show
 * them, for writing filters and mappings from a terminal
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-connector.h"

/* How many of a field's most frequent values the list shows, and in how
 * many characters at most. */
#define N_SAMPLES        3
#define MAX_SAMPLE_CHARS 60

static GPtrArray *
fetch_employees (HcStore               *store,
                 const HcConnectorInfo *info,
                 gboolean               secret_stdin,
                 HcConnector          **connector_out,
                 GError               **error)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (HcConnector) connector = NULL;
  char *secret = NULL;
  GPtrArray *employees;
  HcCliWait wait;

  if (secret_stdin)
    {
      secret = hc_cli_read_connector_secret (info->kind, error);
      if (secret == NULL)
        return NULL;
    }

  hc_cli_wait_init (&wait);
  hc_connector_open_async (store, info, secret, cancellable, hc_cli_wait_cb, &wait);
  connector = hc_connector_open_finish (hc_cli_wait_run (&wait, cancellable), error);
  hc_cli_wait_clear (&wait);
  hc_cli_wipe_secret (g_steal_pointer (&secret));
  if (connector == NULL)
    return NULL;

  /* the fields a sync would ask for: the named exclusion checkbox too */
  hc_connector_request_config_fields (connector, info->config);
  hc_cli_wait_init (&wait);
  hc_connector_fetch_employees_async (connector, NULL, NULL, cancellable, hc_cli_wait_cb, &wait);
  employees = hc_connector_fetch_employees_finish (connector, hc_cli_wait_run (&wait, cancellable), error);
  hc_cli_wait_clear (&wait);

  if (employees != NULL)
    *connector_out = g_steal_pointer (&connector);
  return employees;
}

static guint
count_with_value (GArray *counts)
{
  guint total = 0;

  for (guint i = 0; i < counts->len; i++)
    total += g_array_index (counts, guint, i);
  return total;
}

static void
print_fields (const HcConnectorInfo *info,
              GPtrArray             *employees,
              GPtrArray             *fields,
              gboolean               json)
{
  g_autoptr (JsonBuilder) builder = json ? json_builder_new () : NULL;
  g_autoptr (HcCliTable) table = json ? NULL : hc_cli_table_new (5);

  if (json)
    {
      json_builder_begin_object (builder);
      hc_cli_json_add_string (builder, "connector", info->name);
      json_builder_set_member_name (builder, "employees");
      json_builder_add_int_value (builder, employees->len);
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_array (builder);
    }
  else
    {
      hc_cli_table_add_row (table, _("Field"), _("Label"), _("Type"), _("Employees"), _("Sample values"));
      hc_cli_table_align_right (table, 3);
    }

  for (guint i = 0; i < fields->len; i++)
    {
      const HcFieldInfo *field = g_ptr_array_index (fields, i);
      g_autoptr (GArray) counts = NULL;
      g_autoptr (GPtrArray) values = hc_connector_list_values (employees, field->name, &counts);
      guint n = count_with_value (counts);

      if (json)
        {
          json_builder_begin_object (builder);
          hc_cli_json_add_string (builder, "name", field->name);
          hc_cli_json_add_string (builder, "label", field->label);
          hc_cli_json_add_string (builder, "type", hc_field_type_to_string (field->type));
          json_builder_set_member_name (builder, "employees");
          json_builder_add_int_value (builder, n);
          json_builder_set_member_name (builder, "samples");
          json_builder_begin_array (builder);
          for (guint j = 0; j < values->len && j < N_SAMPLES; j++)
            json_builder_add_string_value (builder, g_ptr_array_index (values, j));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      else
        {
          g_autoptr (GPtrArray) samples = g_ptr_array_new ();
          g_autofree char *sample_text = NULL;
          g_autofree char *count = g_strdup_printf ("%u", n);

          for (guint j = 0; j < values->len && j < N_SAMPLES; j++)
            g_ptr_array_add (samples, g_ptr_array_index (values, j));
          if (values->len > N_SAMPLES)
            g_ptr_array_add (samples, (gpointer) "…");
          g_ptr_array_add (samples, NULL);
          /* Translators: joins sample values of an HR field */
          sample_text = g_strjoinv (_(", "), (char **) samples->pdata);
          if (g_utf8_strlen (sample_text, -1) > MAX_SAMPLE_CHARS)
            {
              g_autofree char *cut = g_utf8_substring (sample_text, 0, MAX_SAMPLE_CHARS - 1);

              g_free (sample_text);
              sample_text = g_strconcat (cut, "…", NULL);
            }
          hc_cli_table_add_row (table, field->name, field->label ? field->label : "",
                                hc_field_type_to_string (field->type), count, sample_text);
        }
    }

  if (json)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
    }
  else
    hc_cli_table_print (table, TRUE);
}

static int
print_values (const HcConnectorInfo *info,
              GPtrArray             *employees,
              GPtrArray             *fields,
              const char            *name,
              gboolean               json)
{
  const HcFieldInfo *field = hc_field_info_find (fields, name);
  g_autoptr (GArray) counts = NULL;
  g_autoptr (GPtrArray) values = NULL;

  if (field == NULL)
    return hc_cli_fail (_("The HR data of “%s” has no field “%s”. Run “headcount-cli fields %s” for the list."),
                        info->name, name, info->name);

  values = hc_connector_list_values (employees, name, &counts);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      hc_cli_json_add_string (builder, "connector", info->name);
      hc_cli_json_add_string (builder, "field", field->name);
      hc_cli_json_add_string (builder, "label", field->label);
      hc_cli_json_add_string (builder, "type", hc_field_type_to_string (field->type));
      json_builder_set_member_name (builder, "employees");
      json_builder_add_int_value (builder, employees->len);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint i = 0; i < values->len; i++)
        {
          json_builder_begin_object (builder);
          hc_cli_json_add_string (builder, "value", g_ptr_array_index (values, i));
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, g_array_index (counts, guint, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hc_cli_print_json (builder);
    }
  else
    {
      g_autoptr (HcCliTable) table = hc_cli_table_new (2);
      guint empty = employees->len - count_with_value (counts);

      hc_cli_table_add_row (table, _("Value"), _("Employees"));
      hc_cli_table_align_right (table, 1);
      for (guint i = 0; i < values->len; i++)
        {
          g_autofree char *count = g_strdup_printf ("%u", g_array_index (counts, guint, i));

          hc_cli_table_add_row (table, g_ptr_array_index (values, i), count);
        }
      if (empty > 0)
        {
          g_autofree char *count = g_strdup_printf ("%u", empty);

          hc_cli_table_add_row (table, _("(empty)"), count);
        }
      hc_cli_table_print (table, TRUE);
    }
  return HC_CLI_EXIT_OK;
}

int
hc_cli_fields (HcCli *cli,
               int    argc,
               char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  g_autofree char *field = NULL;
  gboolean json = FALSE;
  gboolean secret_stdin = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "values", 0, 0, G_OPTION_ARG_STRING, &field,
      N_("List the values of FIELD with how many employees have each"), N_("FIELD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("Use the secret on standard input for this run instead of the keyring’s (it is not stored)"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "fields NAME",
                                       _("List the HR system’s fields with sample values, or one field’s values with counts."),
                                       entries);
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
  if (store == NULL)
    return exit_code;

  employees = fetch_employees (store, info, secret_stdin, &connector, &error);
  if (employees == NULL)
    return hc_cli_fail (_("Could not read the employees of %s: %s"), info->name, error->message);

  fields = hc_connector_describe_fields (connector, employees);
  if (field != NULL)
    return print_values (info, employees, fields, field, json);
  print_fields (info, employees, fields, json);
  return HC_CLI_EXIT_OK;
}
