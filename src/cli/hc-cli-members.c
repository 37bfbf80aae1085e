/* hc-cli-members.c — headcount-cli members and history: the directory and past syncs
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-directory.h"
#include "hc-error.h"
#include "hc-groups.h"
#include "hc-roles.h"
#include "hc-member-csv.h"
#include "hc-undo.h"

#define CUSTOM_PREFIX "custom."

/* The columns of members --csv, as the keys of members --json. */
static const char * const csv_columns[] = {
  "id", "external_id", "email", "first_name", "last_name", "title",
  "department", "manager_id", "state", "hr_status", "has_access",
};

/* The custom fields of a member as "custom.<name>" paths, sorted.
 * (transfer full) */
static GPtrArray *
dup_custom_paths (HcMember *member)
{
  g_autoptr (GPtrArray) names = hc_member_list_custom_fields (member);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (g_str_has_prefix (name, CUSTOM_PREFIX))
        g_ptr_array_add (paths, g_strdup (name));
      else
        g_ptr_array_add (paths, g_strconcat (CUSTOM_PREFIX, name, NULL));
    }

  return paths;
}

/* One member of members --json, written as it goes: 100,000 members
 * never stand as one tree of JSON nodes. @builder is reused for the
 * destinations, whose form hc-cli-destination.c owns. */
static void
add_member_json (HcCliJsonStream *stream,
                 JsonBuilder     *builder,
                 HcMember        *member,
                 GHashTable      *group_paths,
                 GHashTable      *role_names,
                 GHashTable      *destinations)
{
  g_autoptr (GPtrArray) custom = dup_custom_paths (member);
  gint64 manager_id = hc_member_get_manager_id (member);
  gint64 id = hc_member_get_id (member);
  GPtrArray *paths = group_paths != NULL ? g_hash_table_lookup (group_paths, &id) : NULL;
  GPtrArray *names = role_names != NULL ? g_hash_table_lookup (role_names, &id) : NULL;

  hc_cli_json_stream_begin_object (stream);

  hc_cli_json_stream_name (stream, "id");
  hc_cli_json_stream_int (stream, id);
  hc_cli_json_stream_add_string (stream, "external_id", hc_member_get_external_id (member));
  hc_cli_json_stream_add_string (stream, "email", hc_member_get_email (member));
  hc_cli_json_stream_add_string (stream, "first_name", hc_member_get_first_name (member));
  hc_cli_json_stream_add_string (stream, "last_name", hc_member_get_last_name (member));
  hc_cli_json_stream_add_string (stream, "title", hc_member_get_title (member));
  hc_cli_json_stream_add_string (stream, "department", hc_member_get_department (member));
  hc_cli_json_stream_add_string (stream, "team", hc_member_get_field (member, HC_MEMBER_FIELD_TEAM));
  hc_cli_json_stream_add_string (stream, "office", hc_member_get_field (member, HC_MEMBER_FIELD_OFFICE));
  hc_cli_json_stream_name (stream, "groups");
  hc_cli_json_stream_begin_array (stream);
  for (guint i = 0; paths != NULL && i < paths->len; i++)
    hc_cli_json_stream_string (stream, g_ptr_array_index (paths, i));
  hc_cli_json_stream_end_array (stream);
  hc_cli_json_stream_name (stream, "roles");
  hc_cli_json_stream_begin_array (stream);
  for (guint i = 0; names != NULL && i < names->len; i++)
    hc_cli_json_stream_string (stream, g_ptr_array_index (names, i));
  hc_cli_json_stream_end_array (stream);
  hc_cli_json_stream_name (stream, "manager_id");
  if (manager_id != 0)
    hc_cli_json_stream_int (stream, manager_id);
  else
    hc_cli_json_stream_null (stream);
  hc_cli_json_stream_add_string (stream, "state", hc_member_state_to_string (hc_member_get_state (member)));
  hc_cli_json_stream_add_string (stream, "hr_status", hc_hr_status_to_string (hc_member_get_hr_status (member)));
  hc_cli_json_stream_name (stream, "has_access");
  hc_cli_json_stream_boolean (stream, hc_member_get_has_access (member));

  hc_cli_json_stream_name (stream, "custom");
  hc_cli_json_stream_begin_object (stream);
  for (guint i = 0; i < custom->len; i++)
    {
      const char *path = g_ptr_array_index (custom, i);

      hc_cli_json_stream_add_string (stream, path + strlen (CUSTOM_PREFIX),
                                     hc_member_get_field (member, path));
    }
  hc_cli_json_stream_end_object (stream);

  /* Most members are in no destination: their empty list without a
   * builder's tree, as the tree would be written. */
  if (destinations == NULL || !g_hash_table_contains (destinations, &id))
    {
      hc_cli_json_stream_name (stream, "destinations");
      hc_cli_json_stream_begin_array (stream);
      hc_cli_json_stream_end_array (stream);
    }
  else
    {
      g_autoptr (JsonNode) node = NULL;
      JsonObject *object;
      g_autoptr (GList) keys = NULL;

      json_builder_reset (builder);
      json_builder_begin_object (builder);
      hc_cli_destination_add_member_json (builder, destinations, id);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      object = json_node_get_object (node);
      keys = json_object_get_members (object);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          hc_cli_json_stream_name (stream, l->data);
          hc_cli_json_stream_node (stream, json_object_get_member (object, l->data));
        }
    }

  hc_cli_json_stream_end_object (stream);
}

/* Which members "members" lists: in @state (when @state_name is set), in
 * @in_group (when set), holding @role_name (when set). */
typedef struct
{
  const char   *state_name;
  HcMemberState state;
  GHashTable   *in_group;    /* gint64* member ids, or NULL */
  GHashTable   *role_names;  /* member id → GPtrArray of names, or NULL */
  const char   *role_name;   /* interned, or NULL */
} Shown;

static gboolean
is_shown (const Shown *shown,
          HcMember    *member)
{
  gint64 id = hc_member_get_id (member);
  GPtrArray *held = shown->role_name != NULL ? g_hash_table_lookup (shown->role_names, &id) : NULL;

  return (shown->state_name == NULL || hc_member_get_state (member) == shown->state) &&
         (shown->in_group == NULL || g_hash_table_contains (shown->in_group, &id)) &&
         (shown->role_name == NULL ||
          (held != NULL && g_ptr_array_find_with_equal_func (held, shown->role_name, g_str_equal, NULL)));
}

typedef struct
{
  const Shown     *shown;
  HcCliJsonStream *stream;
  JsonBuilder     *builder;
  GHashTable      *group_paths;
  GHashTable      *destinations;
} JsonListing;

static gboolean
add_member_json_cb (HcMember *member,
                    gpointer  user_data)
{
  JsonListing *listing = user_data;

  if (is_shown (listing->shown, member))
    add_member_json (listing->stream, listing->builder, member, listing->group_paths,
                     listing->shown->role_names, listing->destinations);
  return TRUE;
}

/* Written as the members are read from the store: 100,000 members are
 * never all in memory at once. */
static gboolean
print_members_json (HcStore     *store,
                    const Shown *shown,
                    GHashTable  *group_paths,
                    GHashTable  *destinations,
                    GError     **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  JsonListing listing = { shown, NULL, builder, group_paths, destinations };
  gboolean ok;

  listing.stream = hc_cli_json_stream_new ();
  hc_cli_json_stream_name (listing.stream, "members");
  hc_cli_json_stream_begin_array (listing.stream);
  ok = hc_store_foreach_member (store, add_member_json_cb, &listing, error);
  hc_cli_json_stream_end_array (listing.stream);
  hc_cli_json_stream_finish (listing.stream);
  return ok;
}

/* g_ptr_array_sort hands pointers to the elements. */
static int
compare_string_pointers (gconstpointer a,
                         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
print_members_csv (GPtrArray *members)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) custom_columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

  /* Custom fields vary by member: one column for each seen anywhere. */
  for (guint i = 0; i < members->len; i++)
    {
      g_autoptr (GPtrArray) paths = dup_custom_paths (g_ptr_array_index (members, i));

      for (guint j = 0; j < paths->len; j++)
        {
          char *path = g_ptr_array_index (paths, j);

          if (g_hash_table_contains (seen, path))
            continue;
          path = g_strdup (path);
          g_hash_table_add (seen, path);
          g_ptr_array_add (custom_columns, path);
        }
    }
  g_ptr_array_sort (custom_columns, compare_string_pointers);

  for (gsize c = 0; c < G_N_ELEMENTS (csv_columns); c++)
    g_ptr_array_add (row, g_strdup (csv_columns[c]));
  for (guint c = 0; c < custom_columns->len; c++)
    g_ptr_array_add (row, g_strdup (g_ptr_array_index (custom_columns, c)));
  hc_cli_csv_append_row (out, (const char * const *) row->pdata, row->len);

  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);
      gint64 manager_id = hc_member_get_manager_id (member);

      g_ptr_array_set_size (row, 0);
      g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT, hc_member_get_id (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_external_id (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_email (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_first_name (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_last_name (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_title (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_department (member)));
      g_ptr_array_add (row, manager_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, manager_id) : NULL);
      g_ptr_array_add (row, g_strdup (hc_member_state_to_string (hc_member_get_state (member))));
      g_ptr_array_add (row, g_strdup (hc_hr_status_to_string (hc_member_get_hr_status (member))));
      g_ptr_array_add (row, g_strdup (hc_member_get_has_access (member) ? "true" : "false"));
      for (guint c = 0; c < custom_columns->len; c++)
        g_ptr_array_add (row, g_strdup (hc_member_get_field (member, g_ptr_array_index (custom_columns, c))));

      hc_cli_csv_append_row (out, (const char * const *) row->pdata, row->len);
    }

  hc_cli_write_stdout (out->str, out->len);
}

static const char *
describe_state (HcMember *member)
{
  switch (hc_member_get_state (member))
    {
    case HC_MEMBER_STATE_ACTIVE:
      return hc_member_get_has_access (member) ? _("Active") : _("Active, no access");
    case HC_MEMBER_STATE_INVITED:
      return _("Invited");
    case HC_MEMBER_STATE_ARCHIVED:
      return _("Archived");
    default:
      return "";
    }
}

static const char *
describe_hr_status (HcHrStatus status)
{
  return hc_undo_describe_value ("hr_status", hc_hr_status_to_string (status));
}

static void
print_members_table (GPtrArray *members)
{
  g_autoptr (HcCliTable) table = hc_cli_table_new (4);

  hc_cli_table_add_row (table, _("Name"), _("E-mail"), _("State"), _("HR status"));
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      hc_cli_table_add_row (table,
                            hc_member_get_display_name (member),
                            hc_member_get_email (member),
                            describe_state (member),
                            describe_hr_status (hc_member_get_hr_status (member)));
    }
  hc_cli_table_print (table, TRUE);

  g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "%u member\n", "%u members\n", members->len),
           members->len);
}

static int members_add (HcCli *cli, int argc, char **argv);
static int members_edit (HcCli *cli, int argc, char **argv);
static int members_export_invitations (HcCli *cli, int argc, char **argv);
typedef enum BatchKind BatchKind;
static int members_batch_named (HcCli *cli, const char *name, int argc, char **argv);

int
hc_cli_members (HcCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GPtrArray) shown = NULL;
  g_autofree char *state_name = NULL;
  g_autofree char *group = NULL;
  g_autoptr (GArray) group_members = NULL;
  g_autoptr (GHashTable) in_group = NULL;
  g_autofree char *role = NULL;
  g_autoptr (GHashTable) role_names = NULL;
  const char *role_name = NULL;
  HcMemberState state = HC_MEMBER_STATE_ACTIVE;
  Shown filter = { 0 };
  gboolean json = FALSE;
  gboolean csv = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_name,
      N_("Only the members in STATE: active, invited or archived"), N_("STATE") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group,
      N_("Only the members of the group at PATH and of its subgroups"), N_("PATH") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Only the members who hold the role NAME"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV (RFC 4180, UTF-8)"), NULL },
    { NULL }
  };

  if (argc > 1 && g_str_equal (argv[1], "add"))
    return members_add (cli, argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "edit"))
    return members_edit (cli, argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "export-invitations"))
    return members_export_invitations (cli, argc - 1, argv + 1);
  if (argc > 1 && (g_str_equal (argv[1], "archive") || g_str_equal (argv[1], "restore") ||
                   g_str_equal (argv[1], "mark-joined") || g_str_equal (argv[1], "resend")))
    return members_batch_named (cli, argv[1], argc - 1, argv + 1);

  context = hc_cli_option_context_new (cli, "members", _("List the members of the directory."), entries);
  g_option_context_set_description (context,
                                    _("Commands: “members add”, “members edit ID-OR-EMAIL”, “members archive|restore ID-OR-EMAIL…”, "
                                      "“members mark-joined FILE.csv|EMAIL…”, “members resend ID-OR-EMAIL…”, "
                                      "“members export-invitations FILE.csv”; each takes --help."));
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if (json && csv)
    return hc_cli_usage_error (context, _("Choose one of --json and --csv"));
  if (state_name != NULL && !hc_member_state_from_string (state_name, &state))
    return hc_cli_usage_error (context, _("Unknown state “%s”: use active, invited or archived"), state_name);

  store = hc_cli_get_store_for_reading (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  if (!json)
    {
      members = hc_store_list_members (store, &error);
      if (members == NULL)
        return hc_cli_fail_error (error);
    }
  if (group != NULL)
    {
      group_members = hc_groups_list_members (store, group, &error);
      if (group_members == NULL)
        return hc_cli_fail_error (error);
      in_group = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < group_members->len; i++)
        g_hash_table_add (in_group, &g_array_index (group_members, gint64, i));
    }

  if (role != NULL || json)
    {
      role_names = hc_roles_list_member_names (store, &error);
      if (role_names == NULL)
        return hc_cli_fail_error (error);
    }
  if (role != NULL)
    {
      g_autoptr (GPtrArray) roles = hc_roles_list (store, &error);
      HcRole *found = roles != NULL ? hc_roles_find (roles, role, &error) : NULL;

      if (found == NULL)
        return hc_cli_fail_error (error);
      role_name = g_intern_string (found->name);
    }

  filter.state_name = state_name;
  filter.state = state;
  filter.in_group = in_group;
  filter.role_names = role_names;
  filter.role_name = role_name;

  if (json)
    {
      g_autoptr (GHashTable) group_paths = hc_groups_list_member_paths (store, &error);

      if (group_paths == NULL)
        return hc_cli_fail_error (error);
      g_autoptr (GHashTable) destinations = hc_cli_destination_list_records (store);

      if (!print_members_json (store, &filter, group_paths, destinations, &error))
        return hc_cli_fail_error (error);
      return HC_CLI_EXIT_OK;
    }

  shown = g_ptr_array_new ();
  for (guint i = 0; i < members->len; i++)
    if (is_shown (&filter, g_ptr_array_index (members, i)))
      g_ptr_array_add (shown, g_ptr_array_index (members, i));

  if (csv)
    print_members_csv (shown);
  else if (shown->len == 0)
    g_print ("%s\n", _("No members."));
  else
    print_members_table (shown);

  return HC_CLI_EXIT_OK;
}

/* "New invitations 3, Updates 1": the kinds that changed something. */
static char *
describe_counts (const HcSyncRun *run)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (int kind = 0; kind < HC_PLAN_N_KINDS; kind++)
    {
      if (kind == HC_PLAN_SKIP || kind == HC_PLAN_UNCHANGED || run->counts[kind] == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s %u", hc_plan_kind_describe (kind), run->counts[kind]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
hc_cli_history (HcCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  gboolean json = FALSE;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (argc > 1 && g_str_equal (argv[1], "show"))
    return hc_cli_history_show (cli, argc - 1, argv + 1);

  context = hc_cli_option_context_new (cli, "history", _("List the past syncs, newest first."), entries);
  g_option_context_set_description (context,
                                    _("“headcount-cli history show RUN [--json]” shows one sync's changes, field by field; "
                                      "“headcount-cli undo RUN” rolls back the last applied sync of a connector."));
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);

  store = hc_cli_get_store_for_reading (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  runs = hc_store_list_runs (store, 0, 0, &error);
  if (runs == NULL)
    return hc_cli_fail_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "runs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < runs->len; i++)
        json_builder_add_value (builder, hc_cli_destination_run_node (store, g_ptr_array_index (runs, i)));
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      hc_cli_print_json (builder);
    }
  else if (runs->len == 0)
    {
      g_print ("%s\n", _("No syncs yet."));
    }
  else
    {
      g_autoptr (HcCliTable) table = hc_cli_table_new (6);

      /* Translators: the column of sync numbers, for “history show RUN” */
      hc_cli_table_add_row (table, _("Sync"), _("Started"), _("Connector"), _("Trigger"), _("Result"), _("Changes"));
      hc_cli_table_align_right (table, 0);
      for (guint i = 0; i < runs->len; i++)
        {
          const HcSyncRun *run = g_ptr_array_index (runs, i);
          char **cells = g_new0 (char *, 7);

          cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);
          cells[1] = hc_cli_format_time (run->started_at);
          cells[2] = g_strdup (run->connector_name != NULL ? run->connector_name : "—");
          cells[3] = g_strdup (hc_sync_trigger_describe (run->trigger));
          cells[4] = g_strdup (hc_sync_result_describe (run->result));
          cells[5] = run->error_message != NULL ? g_strdup (run->error_message) : describe_counts (run);
          if (run->error_message == NULL && hc_store_get_undone_run (store, run->id) != 0)
            {
              g_free (cells[5]);
              cells[5] = g_strdup_printf (_("Undo of sync %lld"),
                                          (long long) hc_store_get_undone_run (store, run->id));
            }
          /* What the destinations received after it. */
          {
            g_autofree char *delivered = hc_cli_destination_describe_run (store, run->id);
            char *with;

            if (delivered != NULL)
              {
                with = g_strdup_printf ("%s · %s", cells[5], delivered);
                g_free (cells[5]);
                cells[5] = with;
              }
          }
          hc_cli_table_add_rowv (table, cells);
        }
      hc_cli_table_print (table, TRUE);
    }

  return HC_CLI_EXIT_OK;
}

/* The directory by hand: members add, edit, archive, restore, mark-joined,
 * resend, export-invitations (hc-directory.h). */

typedef struct
{
  char  *first_name;
  char  *last_name;
  char  *preferred_name;
  char  *email;
  char  *title;
  char  *department;
  char  *team;
  char  *office;
  char  *start_date;
  char  *end_date;
  char **custom;
} FieldOptions;

static void
field_options_clear (FieldOptions *options)
{
  g_free (options->first_name);
  g_free (options->last_name);
  g_free (options->preferred_name);
  g_free (options->email);
  g_free (options->title);
  g_free (options->department);
  g_free (options->team);
  g_free (options->office);
  g_free (options->start_date);
  g_free (options->end_date);
  g_strfreev (options->custom);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FieldOptions, field_options_clear)

#define FIELD_OPTION_ENTRIES(o) \
  { "first-name", 0, 0, G_OPTION_ARG_STRING, &(o).first_name, N_("First name"), N_("NAME") }, \
  { "last-name", 0, 0, G_OPTION_ARG_STRING, &(o).last_name, N_("Last name"), N_("NAME") }, \
  { "preferred-name", 0, 0, G_OPTION_ARG_STRING, &(o).preferred_name, N_("Preferred name"), N_("NAME") }, \
  { "email", 0, 0, G_OPTION_ARG_STRING, &(o).email, N_("E-mail: the member is invited"), N_("EMAIL") }, \
  { "title", 0, 0, G_OPTION_ARG_STRING, &(o).title, N_("Job title"), N_("TITLE") }, \
  { "department", 0, 0, G_OPTION_ARG_STRING, &(o).department, N_("Department"), N_("DEPARTMENT") }, \
  { "team", 0, 0, G_OPTION_ARG_STRING, &(o).team, N_("Team"), N_("TEAM") }, \
  { "office", 0, 0, G_OPTION_ARG_STRING, &(o).office, N_("Office"), N_("OFFICE") }, \
  { "start-date", 0, 0, G_OPTION_ARG_STRING, &(o).start_date, N_("Start date (YYYY-MM-DD)"), N_("DATE") }, \
  { "end-date", 0, 0, G_OPTION_ARG_STRING, &(o).end_date, N_("End date (YYYY-MM-DD)"), N_("DATE") }, \
  { "custom", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(o).custom, \
    N_("A custom field; repeat it for several (an empty VALUE clears it)"), N_("KEY=VALUE") }

/* field → value of the options given (a value "" clears). FALSE on a
 * malformed --custom, with a usage error printed. */
static gboolean
collect_fields (GOptionContext *context,
                FieldOptions   *options,
                GHashTable     *values,
                int            *exit_code)
{
  const struct { const char *field; const char *value; } given[] = {
    { HC_MEMBER_FIELD_FIRST_NAME, options->first_name },
    { HC_MEMBER_FIELD_LAST_NAME, options->last_name },
    { HC_MEMBER_FIELD_PREFERRED_NAME, options->preferred_name },
    { HC_MEMBER_FIELD_EMAIL, options->email },
    { HC_MEMBER_FIELD_TITLE, options->title },
    { HC_MEMBER_FIELD_DEPARTMENT, options->department },
    { HC_MEMBER_FIELD_TEAM, options->team },
    { HC_MEMBER_FIELD_OFFICE, options->office },
    { HC_MEMBER_FIELD_START_DATE, options->start_date },
    { HC_MEMBER_FIELD_END_DATE, options->end_date },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (given); i++)
    if (given[i].value != NULL)
      g_hash_table_insert (values, g_strdup (given[i].field), g_strdup (given[i].value));

  for (guint i = 0; options->custom != NULL && options->custom[i] != NULL; i++)
    {
      const char *eq = strchr (options->custom[i], '=');
      g_autofree char *key = NULL;

      if (eq == NULL || eq == options->custom[i])
        {
          *exit_code = hc_cli_usage_error (context, _("“%s” is not KEY=VALUE"), options->custom[i]);
          return FALSE;
        }
      key = g_strndup (options->custom[i], eq - options->custom[i]);
      g_hash_table_insert (values, g_strconcat (CUSTOM_PREFIX, key, NULL), g_strdup (eq + 1));
    }
  return TRUE;
}

static void
print_run_note (gint64 run_id)
{
  if (run_id != 0)
    /* Translators: %lld is a number in the history */
    g_print (_("Recorded in the history as change %lld (headcount-cli history show %lld).\n"),
             (long long) run_id, (long long) run_id);
}

static int
members_add (HcCli *cli,
             int    argc,
             char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) member = hc_member_new ();
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (FieldOptions) options = { 0 };
  GHashTableIter iter;
  gpointer field, value;
  gint64 run_id = 0;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    FIELD_OPTION_ENTRIES (options),
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "members add",
                                       _("Add a member by hand. With an e-mail they have access and are invited; "
                                         "without, they are in the directory without access."),
                                       entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if (!collect_fields (context, &options, values, &exit_code))
    return exit_code;

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &field, &value))
    hc_member_set_field (member, field, *(char *) value != '\0' ? value : NULL);
  if (!hc_directory_add_member (store, member, &run_id, &error))
    return hc_cli_fail_error (error);

  if (hc_member_get_state (member) == HC_MEMBER_STATE_INVITED)
    /* Translators: a name, an e-mail */
    g_print (_("Added %s, invited at %s: “headcount-cli members export-invitations” "
               "hands the invitations to send.\n"),
             hc_member_get_display_name (member), hc_member_get_email (member));
  else
    /* Translators: a name */
    g_print (_("Added %s, active without access: give them an e-mail to invite them.\n"),
             hc_member_get_display_name (member));
  print_run_note (run_id);
  return HC_CLI_EXIT_OK;
}

static int
members_edit (HcCli *cli,
              int    argc,
              char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) member = NULL;
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (FieldOptions) options = { 0 };
  gint64 run_id = 0;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = {
    FIELD_OPTION_ENTRIES (options),
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "members edit ID-OR-EMAIL",
                                       _("Change fields of a member by hand (an empty value clears one). "
                                         "The fields an HR system feeds are changed there."),
                                       entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Name the member: their id or their e-mail"));
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);
  if (!collect_fields (context, &options, values, &exit_code))
    return exit_code;
  if (g_hash_table_size (values) == 0)
    return hc_cli_usage_error (context, _("Give at least one field to change, such as --title TITLE"));

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  member = hc_directory_find_member (store, argv[1], &error);
  if (member == NULL)
    return hc_cli_fail_error (error);
  if (!hc_directory_edit_member (store, hc_member_get_id (member), values, &run_id, &error))
    return hc_cli_fail_error (error);

  if (run_id == 0)
    /* Translators: a member's name */
    g_print (_("Nothing to change: %s already has these values.\n"), hc_member_get_display_name (member));
  else
    {
      g_autoptr (HcMember) now = hc_store_get_member (store, hc_member_get_id (member), NULL);

      /* Translators: a member's name */
      g_print (_("Changed %s.\n"), hc_member_get_display_name (now != NULL ? now : member));
      if (now != NULL && !hc_member_get_has_access (member) && hc_member_get_has_access (now))
        g_print ("%s\n", _("They have access now and are invited."));
      print_run_note (run_id);
    }
  return HC_CLI_EXIT_OK;
}

/* Adds the member @arg names to @ids; reports it on stderr when there is
 * none and returns FALSE. */
static gboolean
add_member_id (HcStore    *store,
               const char *arg,
               GArray     *ids)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) member = hc_directory_find_member (store, arg, &error);
  gint64 id;

  if (member == NULL)
    {
      hc_cli_notice ("%s", error->message);
      return FALSE;
    }
  id = hc_member_get_id (member);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  g_array_append_val (ids, id);
  return TRUE;
}

static gboolean
add_csv_email (HcMember *member,
               guint     line,
               gpointer  user_data)
{
  const char *email = hc_member_get_email (member);

  if (email != NULL)
    g_ptr_array_add (user_data, g_strdup (email));

  return TRUE;
}

/* The e-mails of the CSV file @path: its column guessed as the e-mail one
 * (as import-members guesses it). */
static gboolean
read_csv_emails (const char *path,
                 GPtrArray  *emails,
                 GError    **error)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr (HcMemberCsvImport) import = NULL;
  int column = -1;

  if (stream == NULL)
    return FALSE;
  import = hc_member_csv_import_new_from_stream (G_INPUT_STREAM (stream), 0, NULL, error);
  if (import == NULL)
    return FALSE;
  for (guint c = 0; c < hc_member_csv_import_get_n_columns (import); c++)
    if (g_strcmp0 (hc_member_csv_import_get_column_field (import, c), HC_MEMBER_FIELD_EMAIL) == 0)
      column = (int) c;
  if (column < 0)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("%s has no e-mail column: name one “email”"), path);
      return FALSE;
    }
  /* Only the e-mails matter: the other columns are left out. */
  for (guint c = 0; c < hc_member_csv_import_get_n_columns (import); c++)
    if ((int) c != column && !hc_member_csv_import_set_column_field (import, c, NULL, error))
      return FALSE;
  return hc_member_csv_import_foreach (import, add_csv_email, emails, error);
}

enum BatchKind
{
  BATCH_ARCHIVE,
  BATCH_RESTORE,
  BATCH_MARK_JOINED,
  BATCH_RESEND,
};

static int
members_batch (HcCli    *cli,
               BatchKind kind,
               int       argc,
               char    **argv)
{
  static const struct { const char *parameter; const char *summary; } commands[] = {
    { "members archive ID-OR-EMAIL…", N_("Archive members by hand.") },
    { "members restore ID-OR-EMAIL…", N_("Restore archived members: active when they had joined, "
                                         "invited again when they had not.") },
    { "members mark-joined FILE.csv|EMAIL…", N_("Mark invited members as joined (they signed up where the "
                                                "invitation led): they become active. A CSV file needs an "
                                                "e-mail column.") },
    { "members resend ID-OR-EMAIL…", N_("Send invitations again: they are exported again by the next "
                                        "“members export-invitations”.") },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  guint n_unknown = 0;
  gint64 run_id = 0;
  gboolean ok;
  int exit_code = HC_CLI_EXIT_OK;
  HcStore *store;
  const GOptionEntry entries[] = { { NULL } };

  context = hc_cli_option_context_new (cli, commands[kind].parameter, _(commands[kind].summary), entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Name at least one member: their id or their e-mail"));

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  for (int i = 1; i < argc; i++)
    {
      if (kind == BATCH_MARK_JOINED && strchr (argv[i], '@') == NULL &&
          g_file_test (argv[i], G_FILE_TEST_IS_REGULAR))
        {
          if (!read_csv_emails (argv[i], args, &error))
            return hc_cli_fail_error (error);
        }
      else
        g_ptr_array_add (args, g_strdup (argv[i]));
    }

  for (guint i = 0; i < args->len; i++)
    {
      const char *arg = g_ptr_array_index (args, i);
      g_autoptr (HcMember) member = NULL;

      if (!add_member_id (store, arg, ids))
        {
          n_unknown++;
          continue;
        }
      /* Joining twice is no error: the file may list people who joined. */
      member = hc_store_get_member (store, g_array_index (ids, gint64, ids->len - 1), NULL);
      if (kind == BATCH_MARK_JOINED && member != NULL && hc_member_get_state (member) != HC_MEMBER_STATE_INVITED)
        {
          /* Translators: a member's name */
          hc_cli_notice (_("%s is not invited: left as is"), hc_member_get_display_name (member));
          g_array_set_size (ids, ids->len - 1);
        }
    }

  switch (kind)
    {
    case BATCH_ARCHIVE:
      ok = hc_directory_archive_members (store, ids, &run_id, &error);
      break;
    case BATCH_RESTORE:
      ok = hc_directory_restore_members (store, ids, &run_id, &error);
      break;
    case BATCH_MARK_JOINED:
      ok = hc_directory_mark_joined (store, ids, &run_id, &error);
      break;
    case BATCH_RESEND:
    default:
      ok = hc_directory_resend_invitations (store, ids, &run_id, &error);
      break;
    }
  if (!ok)
    return hc_cli_fail_error (error);

  switch (kind)
    {
    case BATCH_ARCHIVE:
      g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Archived %u member.\n", "Archived %u members.\n", ids->len),
               ids->len);
      break;
    case BATCH_RESTORE:
      g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Restored %u member.\n", "Restored %u members.\n", ids->len),
               ids->len);
      break;
    case BATCH_MARK_JOINED:
      g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "%u member joined: active now.\n",
                            "%u members joined: active now.\n", ids->len),
               ids->len);
      break;
    case BATCH_RESEND:
    default:
      g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "%u invitation to send again.\n",
                            "%u invitations to send again.\n", ids->len),
               ids->len);
      break;
    }
  print_run_note (run_id);

  if (n_unknown > 0)
    return hc_cli_fail (g_dngettext (GETTEXT_PACKAGE_NAME, "%u member not found in the directory (listed above)",
                                     "%u members not found in the directory (listed above)", n_unknown),
                        n_unknown);
  return HC_CLI_EXIT_OK;
}

static int
members_export_invitations (HcCli *cli,
                            int    argc,
                            char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GCancellable) abandon = NULL;
  g_autoptr (GArray) exported = NULL;
  g_autofree char *link = NULL;
  gboolean dry_run = FALSE;
  guint n_test = 0, n_marked = 0;
  int exit_code = HC_CLI_EXIT_OK;
  const char *path;
  HcStore *store;
  const GOptionEntry entries[] = {
    { "link", 0, 0, G_OPTION_ARG_STRING, &link,
      N_("Where people sign up, for the link column; “{email}” in it becomes the member's e-mail"), N_("URL") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Write the file but do not mark the invitations sent"), NULL },
    { NULL }
  };

  context = hc_cli_option_context_new (cli, "members export-invitations FILE.csv",
                                       _("Write the invitations to send to a CSV file (first_name, last_name, "
                                         "name, email, link), for a mail merge or the platform's bulk invite, "
                                         "and mark them sent. A test instance's members are left out."),
                                       entries);
  if (!hc_cli_parse_options (cli, context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hc_cli_usage_error (context, _("Name the CSV file to write"));
  if (argc > 2)
    return hc_cli_usage_error (context, _("Unexpected argument “%s”"), argv[2]);
  path = argv[1];

  store = hc_cli_get_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  /* The link is remembered for the next export, the app's too. */
  if (link == NULL)
    link = hc_store_dup_workspace_setting (store, "signup_link");
  else if (!hc_store_set_workspace_setting (store, "signup_link", *link != '\0' ? link : NULL, &error))
    return hc_cli_fail_error (error);

  file = g_file_new_for_commandline_arg (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           NULL, &error);
  if (stream == NULL)
    return hc_cli_fail (_("Could not write %s: %s"), path, error->message);
  if (!hc_directory_export_invitations (store, G_OUTPUT_STREAM (stream), ',', HC_CSV_WRITER_NONE, link,
                                        &exported, &n_test, NULL, &error))
    {
      abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      return hc_cli_fail (_("Could not write %s: %s"), path, error->message);
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    return hc_cli_fail (_("Could not write %s: %s"), path, error->message);

  /* Sent once the whole file is written. */
  if (!dry_run && !hc_store_mark_invitations_sent (store, exported, g_get_real_time (), &n_marked, &error))
    return hc_cli_fail_error (error);

  g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "Exported %u invitation to %s\n", "Exported %u invitations to %s\n",
                        exported->len),
           exported->len, path);
  if (!dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE_NAME, "%u invitation marked sent.\n", "%u invitations marked sent.\n",
                          n_marked),
             n_marked);
  if (n_test > 0)
    hc_cli_notice (g_dngettext (GETTEXT_PACKAGE_NAME,
                                "%u invitation of a test instance left out: a test instance never sends any",
                                "%u invitations of a test instance left out: a test instance never sends any",
                                n_test),
                   n_test);
  return HC_CLI_EXIT_OK;
}

static int
members_batch_named (HcCli      *cli,
                     const char *name,
                     int         argc,
                     char      **argv)
{
  if (g_str_equal (name, "archive"))
    return members_batch (cli, BATCH_ARCHIVE, argc, argv);
  if (g_str_equal (name, "restore"))
    return members_batch (cli, BATCH_RESTORE, argc, argv);
  if (g_str_equal (name, "mark-joined"))
    return members_batch (cli, BATCH_MARK_JOINED, argc, argv);
  return members_batch (cli, BATCH_RESEND, argc, argv);
}
