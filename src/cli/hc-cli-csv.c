/* hc-cli-csv.c — headcount-cli export-members and import-members (rules.md 15, 28)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-error.h"
#include "hc-groups.h"
#include "hc-member-csv.h"
#include "hc-roles.h"

/* "," ";" or "tab" (a tab typed as is works too); FALSE for anything else. */
static gboolean
parse_separator (const char *text,
                 char       *separator)
{
  if (g_str_equal (text, ",") || g_str_equal (text, ";") || g_str_equal (text, "\t"))
    *separator = text[0];
  else if (g_ascii_strcasecmp (text, "tab") == 0)
    *separator = '\t';
  else
    return FALSE;

  return TRUE;
}

static const char *
describe_separator (char separator)
{
  switch (separator)
    {
    case ',':
      return ",";
    case ';':
      return ";";
    default:
      return "tab";
    }
}

int
hc_cli_export_members (HcCli *cli,
                       int    argc,
                       char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GCancellable) abandon = NULL;
  g_autoptr (GHashTable) group_paths = NULL;
  g_autoptr (GHashTable) role_names = NULL;
  g_autofree char *state_name = NULL;
  g_autofree char *separator_text = NULL;
  g_autofree char *description = NULL;
  HcMemberState state = HC_MEMBER_STATE_ACTIVE;
  char separator = ',';
  guint n_exported = 0;
  int exit_code = HC_CLI_EXIT_OK;
  const char *path;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_name,
      N_("Only the members in STATE: active, invited or archived"), N_("STATE") },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &separator_text,
      N_("Separate the fields with SEP: “,” (the default) or “;”"), N_("SEP") },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "export-members FILE.csv",
                                       _("Write the members of the directory to a CSV file (UTF-8), "
                                         "for instance before the first sync."),
                                       entries);
  description = g_strdup_printf (_("Columns: %s, then one “custom.NAME” per custom field.\n"
                                   "The file is readable by you only: it holds personal data."),
                                 HC_MEMBER_CSV_EXPORT_HEADER);
  g_option_context_set_description (context, description);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Name the CSV file to write"));
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);
  if (state_name != NULL && !hc_member_state_from_string (state_name, &state))
    return hc_cli_usage_error (context, _("Unknown state “%s”: use active, invited or archived"), state_name);
  if (separator_text != NULL && !parse_separator (separator_text, &separator))
    return hc_cli_usage_error (context, _("Unknown separator “%s”: use “,” or “;”"), separator_text);
  path = argv[1];

  store = hc_cli_get_store_for_reading (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  members = hc_store_list_members (store, &error);
  if (members == NULL)
    return hc_cli_fail_error (error);
  /* The groups and roles columns (rules.md 28). */
  if ((group_paths = hc_groups_list_member_paths (store, &error)) == NULL ||
      (role_names = hc_roles_list_member_names (store, &error)) == NULL)
    return hc_cli_fail_error (error);

  /* Written to a temporary file renamed over FILE once complete: a failed
   * export never leaves half a file, nor spoils an older one. */
  file = g_file_new_for_commandline_arg (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           NULL, &error);
  if (stream == NULL)
    return hc_cli_fail_with (error, _("Could not write %s: %s"), path, error->message);

  if (!hc_member_csv_export_full (G_OUTPUT_STREAM (stream), members, group_paths, role_names,
                                  state_name != NULL ? (int) state : -1,
                                  separator, HC_CSV_WRITER_NONE, &n_exported, NULL, &error))
    {
      abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      return hc_cli_fail_with (error, _("Could not write %s: %s"), path, error->message);
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    return hc_cli_fail_with (error, _("Could not write %s: %s"), path, error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Exported %u member to %s\n", "Exported %u members to %s\n",
                        n_exported),
           n_exported, path);

  return HC_CLI_EXIT_OK;
}

/* --map COLUMN=FIELD, applied in order; a usage error names what is wrong. */
static gboolean
apply_maps (GOptionContext    *context,
            HcMemberCsvImport *import,
            char             **maps,
            const char        *path,
            int               *exit_code)
{
  g_autoptr (GHashTable) columns_seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GHashTable) fields_seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *column_name = NULL;
      const char *equal = strrchr (maps[i], '=');
      const char *field;
      int column;

      if (equal == NULL || equal == maps[i])
        {
          *exit_code = hc_cli_usage_error (context, _("“--map %s”: write it COLUMN=FIELD, such as “Courriel=email”"),
                                           maps[i]);
          return FALSE;
        }
      column_name = g_strndup (maps[i], equal - maps[i]);
      field = equal + 1;

      column = hc_member_csv_import_find_column (import, column_name);
      if (column < 0)
        {
          g_autoptr (GString) names = g_string_new (NULL);

          for (guint c = 0; c < hc_member_csv_import_get_n_columns (import); c++)
            g_string_append_printf (names, "%s“%s”", c > 0 ? ", " : "",
                                    hc_member_csv_import_get_column_name (import, c));
          *exit_code = hc_cli_usage_error (context, _("“--map %s”: %s has no column “%s”; its columns are %s"),
                                           maps[i], path, column_name, names->str);
          return FALSE;
        }
      if (g_hash_table_contains (columns_seen, GINT_TO_POINTER (column + 1)))
        {
          *exit_code = hc_cli_usage_error (context, _("“--map %s”: the column “%s” is mapped twice"),
                                           maps[i], column_name);
          return FALSE;
        }
      if (*field != '\0' && g_hash_table_contains (fields_seen, field))
        {
          *exit_code = hc_cli_usage_error (context, _("“--map %s”: two columns are mapped to %s"),
                                           maps[i], field);
          return FALSE;
        }
      if (!hc_member_csv_import_set_column_field (import, column, field, &error))
        {
          *exit_code = hc_cli_usage_error (context, "“--map %s”: %s", maps[i], error->message);
          return FALSE;
        }
      g_hash_table_add (columns_seen, GINT_TO_POINTER (column + 1));
      if (*field != '\0')
        g_hash_table_add (fields_seen, (gpointer) field);
    }

  return TRUE;
}

static void
print_columns (HcMemberCsvImport *import)
{
  g_autoptr (HcCliTable) table = hc_cli_table_new (3);

  hc_cli_table_set_indent (table, 2);
  for (guint c = 0; c < hc_member_csv_import_get_n_columns (import); c++)
    {
      const char *name = hc_member_csv_import_get_column_name (import, c);
      const char *field = hc_member_csv_import_get_column_field (import, c);

      hc_cli_table_add_row (table, *name != '\0' ? name : _("(no name)"), "→",
                            field != NULL ? field : _("not imported"));
    }
  g_print ("%s\n", _("Columns:"));
  hc_cli_table_print (table, FALSE);
}

/* The preview shows the first lines of each kind (rules.md 35). */
static void
print_more (guint n_more)
{
  if (n_more > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "  … and %u more line\n", "  … and %u more lines\n", n_more),
             n_more);
}

static void
print_new_members (HcMemberCsvPreview *preview)
{
  g_autoptr (HcCliTable) table = hc_cli_table_new (4);
  guint n_listed = 0;

  hc_cli_table_set_indent (table, 2);
  hc_cli_table_align_right (table, 0);
  hc_cli_table_add_row (table, _("Line"), _("Name"), _("E-mail"), _("Manager"));
  for (guint i = 0; i < preview->rows->len; i++)
    {
      const HcMemberCsvRow *row = g_ptr_array_index (preview->rows, i);
      char **cells;

      if (row->reason != HC_MEMBER_CSV_OK)
        continue;
      cells = g_new0 (char *, 5);
      cells[0] = g_strdup_printf ("%u", row->line);
      cells[1] = g_strdup (hc_member_get_display_name (row->member));
      /* A row of cells is a GStrv: none may be NULL. */
      cells[2] = g_strdup (hc_member_get_email (row->member) != NULL ? hc_member_get_email (row->member) : "");
      cells[3] = g_strdup (row->manager != NULL ? hc_member_get_display_name (row->manager) : "");
      hc_cli_table_add_rowv (table, cells);
      n_listed++;
    }
  hc_cli_table_print (table, TRUE);
  print_more (preview->n_new - n_listed);
}

static void
print_report (HcMemberCsvImport  *import,
              HcMemberCsvPreview *preview,
              const char         *path,
              gboolean            dry_run)
{
  g_print (g_dngettext (GETTEXT_PACKAGE_NAME,
                        "%s: %u line of members, fields separated by “%s”\n",
                        "%s: %u lines of members, fields separated by “%s”\n",
                        hc_member_csv_import_get_n_records (import)),
           path, hc_member_csv_import_get_n_records (import),
           describe_separator (hc_member_csv_import_get_separator (import)));
  print_columns (import);

  g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "%u new member\n", "%u new members\n", preview->n_new),
           preview->n_new);
  if (dry_run && preview->n_new > 0)
    print_new_members (preview);

  if (preview->n_rejected > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "%u line rejected:\n", "%u lines rejected:\n",
                            preview->n_rejected),
               preview->n_rejected);
      guint n_listed = 0;

      for (guint i = 0; i < preview->rows->len; i++)
        {
          const HcMemberCsvRow *row = g_ptr_array_index (preview->rows, i);

          if (row->reason != HC_MEMBER_CSV_OK)
            {
              g_print ("  %s\n", row->message);
              n_listed++;
            }
        }
      print_more (preview->n_rejected - n_listed);
    }

  if (preview->n_warnings > 0)
    {
      guint n_listed = 0;

      g_print ("%s\n", _("Warnings:"));
      for (guint i = 0; i < preview->rows->len; i++)
        {
          const HcMemberCsvRow *row = g_ptr_array_index (preview->rows, i);

          if (row->reason == HC_MEMBER_CSV_OK && row->warning != NULL)
            {
              g_print ("  %s\n", row->warning);
              n_listed++;
            }
        }
      print_more (preview->n_warnings - n_listed);
    }
}

static void
add_member_json (JsonBuilder          *builder,
                 const HcMemberCsvRow *row)
{
  static const char * const text_fields[] = {
    HC_MEMBER_FIELD_EMAIL, HC_MEMBER_FIELD_FIRST_NAME, HC_MEMBER_FIELD_LAST_NAME,
    HC_MEMBER_FIELD_PREFERRED_NAME, HC_MEMBER_FIELD_TITLE, HC_MEMBER_FIELD_DEPARTMENT,
    HC_MEMBER_FIELD_TEAM, HC_MEMBER_FIELD_OFFICE, HC_MEMBER_FIELD_START_DATE,
    HC_MEMBER_FIELD_END_DATE,
  };
  g_autoptr (GPtrArray) custom = hc_member_list_custom_fields (row->member);
  HcMember *member = row->member;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, row->line);
  json_builder_set_member_name (builder, "id");
  if (hc_member_get_id (member) != 0)
    json_builder_add_int_value (builder, hc_member_get_id (member));
  else
    json_builder_add_null_value (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (text_fields); i++)
    hc_cli_json_add_string (builder, text_fields[i], hc_member_get_field (member, text_fields[i]));
  hc_cli_json_add_string (builder, "employee_id", hc_member_get_external_id (member));
  hc_cli_json_add_string (builder, "state", hc_member_state_to_string (hc_member_get_state (member)));

  json_builder_set_member_name (builder, "manager");
  if (row->manager != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      if (hc_member_get_id (row->manager) != 0)
        json_builder_add_int_value (builder, hc_member_get_id (row->manager));
      else
        json_builder_add_null_value (builder);
      hc_cli_json_add_string (builder, "email", hc_member_get_email (row->manager));
      hc_cli_json_add_string (builder, "name", hc_member_get_display_name (row->manager));
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }

  json_builder_set_member_name (builder, "custom");
  json_builder_begin_object (builder);
  for (guint i = 0; i < custom->len; i++)
    {
      const char *name = g_ptr_array_index (custom, i);
      g_autofree char *path = g_strconcat ("custom.", name, NULL);

      hc_cli_json_add_string (builder, name, hc_member_get_field (member, path));
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

static void
print_report_json (HcMemberCsvImport  *import,
                   HcMemberCsvPreview *preview,
                   const char         *path,
                   gboolean            dry_run,
                   gboolean            skip_invalid,
                   guint               n_imported)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  hc_cli_json_add_string (builder, "file", path);
  hc_cli_json_add_string (builder, "separator", describe_separator (hc_member_csv_import_get_separator (import)));
  json_builder_set_member_name (builder, "bom");
  json_builder_add_boolean_value (builder, hc_member_csv_import_had_bom (import));
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  json_builder_set_member_name (builder, "skip_invalid");
  json_builder_add_boolean_value (builder, skip_invalid);
  json_builder_set_member_name (builder, "applied");
  json_builder_add_boolean_value (builder, preview->applied);
  json_builder_set_member_name (builder, "imported");
  json_builder_add_int_value (builder, n_imported);

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < hc_member_csv_import_get_n_columns (import); c++)
    {
      json_builder_begin_object (builder);
      hc_cli_json_add_string (builder, "name", hc_member_csv_import_get_column_name (import, c));
      hc_cli_json_add_string (builder, "field", hc_member_csv_import_get_column_field (import, c));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lines");
  json_builder_add_int_value (builder, preview->n_lines);
  json_builder_set_member_name (builder, "new");
  json_builder_add_int_value (builder, preview->n_new);
  json_builder_set_member_name (builder, "rejected");
  json_builder_add_int_value (builder, preview->n_rejected);
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_int_value (builder, preview->n_warnings);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "new");
  json_builder_begin_array (builder);
  for (guint i = 0; i < preview->rows->len; i++)
    {
      const HcMemberCsvRow *row = g_ptr_array_index (preview->rows, i);

      if (row->reason == HC_MEMBER_CSV_OK)
        add_member_json (builder, row);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rejected");
  json_builder_begin_array (builder);
  for (guint i = 0; i < preview->rows->len; i++)
    {
      const HcMemberCsvRow *row = g_ptr_array_index (preview->rows, i);

      if (row->reason == HC_MEMBER_CSV_OK)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, row->line);
      hc_cli_json_add_string (builder, "reason", hc_member_csv_reason_to_string (row->reason));
      hc_cli_json_add_string (builder, "message", row->message);
      hc_cli_json_add_string (builder, "email", hc_member_get_email (row->member));
      json_builder_set_member_name (builder, "existing_id");
      if (row->existing_id != 0)
        json_builder_add_int_value (builder, row->existing_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "duplicate_of");
      if (row->duplicate_of != 0)
        json_builder_add_int_value (builder, row->duplicate_of);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < preview->rows->len; i++)
    {
      const HcMemberCsvRow *row = g_ptr_array_index (preview->rows, i);

      if (row->reason != HC_MEMBER_CSV_OK || row->warning == NULL)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, row->line);
      hc_cli_json_add_string (builder, "message", row->warning);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  hc_cli_print_json (builder);
}

int
hc_cli_import_members (HcCli *cli,
                       int    argc,
                       char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (HcMemberCsvImport) import = NULL;
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_auto (GStrv) maps = NULL;
  g_autofree char *separator_text = NULL;
  gboolean skip_invalid = FALSE;
  gboolean dry_run = FALSE;
  gboolean json = FALSE;
  gboolean blocked;
  char separator = 0;
  guint n_imported = 0;
  int exit_code = HC_CLI_EXIT_OK;
  const char *path;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Import the column COLUMN into FIELD (FIELD empty: leave the column out); repeat it for several"),
      N_("COLUMN=FIELD") },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &separator_text,
      N_("Fields are separated by SEP, “,” or “;” (default: found from the header line)"), N_("SEP") },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_("Import the valid lines even when others are rejected"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show what would be imported, change nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "import-members FILE.csv",
                                       _("Add the members of a CSV file (UTF-8, with or without BOM) to the "
                                         "directory, as manual members, so that the first sync matches them."),
                                       entries);
  g_option_context_set_description (context,
                                    _("The first line names the columns; common names in English and French are recognised\n"
                                      "(E-mail, Courriel, First name, Prénom, Last name, Nom, Title, Poste, Department, Service,\n"
                                      "Manager…), the others are left out unless --map names their field.\n"
                                      "Fields: email, first_name, last_name, preferred_name, title, department, team, office,\n"
                                      "manager (an e-mail or a name), employee_id, start_date, end_date (YYYY-MM-DD),\n"
                                      "state (active, invited or archived) and custom.NAME.\n"
                                      "A line is rejected when it has neither an e-mail nor a name, an invalid e-mail, the e-mail\n"
                                      "of an earlier line or of an existing member, or a wrong number of fields; then nothing\n"
                                      "is imported, unless --skip-invalid."));
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Name the CSV file to import"));
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);
  if (separator_text != NULL && !parse_separator (separator_text, &separator))
    return hc_cli_usage_error (context, _("Unknown separator “%s”: use “,” or “;”"), separator_text);
  path = argv[1];

  file = g_file_new_for_commandline_arg (path);
  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    return hc_cli_fail_with (error, _("Could not read %s: %s"), path, error->message);

  import = hc_member_csv_import_new_from_stream (G_INPUT_STREAM (stream), separator, NULL, &error);
  if (import == NULL)
    return hc_cli_fail_with (error, _("Nothing was imported from %s: %s"), path, error->message);

  if (!apply_maps (context, import, maps, path, &exit_code))
    return exit_code;

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  members = hc_store_list_members (store, &error);
  if (members == NULL)
    return hc_cli_fail_error (error);

  preview = hc_member_csv_import_preview (import, members, &error);
  if (preview == NULL)
    return hc_cli_fail_with (error, _("Nothing was imported from %s: %s. Name the column that holds them with "
                                      "--map COLUMN=email (or first_name, last_name)."),
                             path, error->message);

  blocked = preview->n_rejected > 0 && !skip_invalid;
  if (!dry_run && !blocked &&
      !hc_member_csv_preview_apply (preview, store, skip_invalid, &n_imported, &error))
    {
      if (json)
        print_report_json (import, preview, path, dry_run, skip_invalid, 0);
      else
        print_report (import, preview, path, dry_run);
      return hc_cli_fail_with (error, _("Nothing was imported from %s: %s"), path, error->message);
    }

  if (json)
    print_report_json (import, preview, path, dry_run, skip_invalid, n_imported);
  else
    print_report (import, preview, path, dry_run);

  if (blocked)
    return hc_cli_fail_code (HC_ERROR, HC_ERROR_PARSE,
                             g_dngettext (GETTEXT_PACKAGE_NAME,
                                          "Nothing was imported: %u line is invalid. Correct it, or run again "
                                          "with --skip-invalid to import the %u others.",
                                          "Nothing was imported: %u lines are invalid. Correct them, or run again "
                                          "with --skip-invalid to import the %u others.",
                                          preview->n_rejected),
                             preview->n_rejected, preview->n_new);

  if (json)
    return HC_CLI_EXIT_OK;

  if (dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME,
                          "Dry run: %u member would be imported; nothing was changed.\n",
                          "Dry run: %u members would be imported; nothing was changed.\n",
                          preview->n_new),
             preview->n_new);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Imported %u member.\n", "Imported %u members.\n", n_imported),
             n_imported);

  return HC_CLI_EXIT_OK;
}
