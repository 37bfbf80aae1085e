/* hc-cli.c — headcount-cli: global options, command dispatch, shared helpers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <locale.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "hc-cli.h"
#include "hc-cli-output.h"
#include "hc-connector-kind.h"
#include "hc-connector-secret.h"
#include "hc-directory.h"
#include "hc-error.h"
#include "hc-memory.h"

#define DEFAULT_WORKSPACE "default"

typedef int (*HcCliCommandFunc) (HcCli *cli,
                                 int    argc,
                                 char **argv);

static const struct
{
  const char      *name;
  HcCliCommandFunc func;
} commands[] = {
  { "connector", hc_cli_connector },
  { "config", hc_cli_config },
  { "fields", hc_cli_fields },
  { "sync", hc_cli_sync },
  { "explain", hc_cli_explain },
  { "check", hc_cli_check },
  { "members", hc_cli_members },
  { "history", hc_cli_history },
  { "undo", hc_cli_undo },
  { "import-members", hc_cli_import_members },
  { "export-members", hc_cli_export_members },
  { "workspace", hc_cli_workspace },
  { "groups", hc_cli_groups },
  { "roles", hc_cli_roles },
  { "destination", hc_cli_destination },
};

static gboolean
set_global_option_cb (const char *option_name,
                      const char *value,
                      gpointer    user_data,
                      GError    **error)
{
  HcCli *cli = user_data;

  if (g_str_equal (option_name, "--data-dir"))
    {
      g_free (cli->data_dir);
      cli->data_dir = g_strdup (value);
    }
  else
    {
      g_free (cli->workspace);
      cli->workspace = g_strdup (value);
    }

  return TRUE;
}

static const GOptionEntry global_entries[] = {
  { "data-dir", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, set_global_option_cb,
    N_("Keep the workspaces in DIR (default: $HEADCOUNT_DATA_DIR, else ~/.local/share/headcount)"), N_("DIR") },
  { "workspace", 0, 0, G_OPTION_ARG_CALLBACK, set_global_option_cb,
    N_("Work in workspace NAME (default: “default”)"), N_("NAME") },
  { NULL }
};

/* The last context made, which is the one parsed next, and its --json
 * flag, read once parsed; and the command words of every context, for
 * “Try “headcount-cli WORDS --help”” (a context made again at the same
 * address replaces its entry). */
static struct
{
  GOptionContext *context;
  gboolean       *json;
  GHashTable     *words;
} current;

/* "connector add" of "connector add KIND": the leading lowercase words. */
static char *
dup_command_words (const char *parameter)
{
  g_auto (GStrv) tokens = g_strsplit (parameter != NULL ? parameter : "", " ", -1);
  g_autoptr (GString) words = g_string_new (NULL);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *token = tokens[i];

      if (*token == '\0' || strspn (token, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (token))
        break;
      if (words->len > 0)
        g_string_append_c (words, ' ');
      g_string_append (words, token);
    }

  return g_string_free (g_steal_pointer (&words), FALSE);
}

GOptionContext *
hc_cli_option_context_new (HcCli              *cli,
                           const char         *parameter,
                           const char         *summary,
                           const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, cli, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE_NAME);
  if (entries != NULL)
    g_option_group_add_entries (group, entries);
  g_option_group_add_entries (group, global_entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE_NAME);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);

  if (current.words == NULL)
    current.words = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_hash_table_insert (current.words, context, dup_command_words (parameter));
  current.context = context;
  current.json = NULL;
  for (guint i = 0; entries != NULL && entries[i].long_name != NULL; i++)
    {
      if (g_str_equal (entries[i].long_name, "json") && entries[i].arg == G_OPTION_ARG_NONE)
        current.json = entries[i].arg_data;
    }

  return context;
}

/* Whether --json is among @argv's options (not after “--”). */
static gboolean
argv_asks_json (int    argc,
                char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        return FALSE;
      if (g_str_equal (argv[i], "--json"))
        return TRUE;
    }

  return FALSE;
}

gboolean
hc_cli_parse_options (HcCli          *cli,
                      GOptionContext *context,
                      int            *argc,
                      char         ***argv,
                      int            *exit_code)
{
  g_autoptr (GError) error = NULL;

  /* A command line that does not parse still asked for JSON: its usage
   * error is a JSON document then. */
  hc_cli_output_set_json (argv_asks_json (*argc, *argv));

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = hc_cli_usage_error (context, "%s", error->message);
      return FALSE;
    }

  /* Parsed: the command's own --json says, or, for a dispatcher, what
   * is left for the command it hands over to. */
  if (context == current.context && current.json != NULL)
    hc_cli_output_set_json (*current.json);
  else
    hc_cli_output_set_json (argv_asks_json (*argc, *argv));
  if (context == current.context)
    current.json = NULL;

  return TRUE;
}

/* Every failure ends here: the message for people on stderr, and, in
 * JSON mode, the error object on stdout. The exit status follows the
 * error: 2 for a usage error, 3 for a confirmation, 1 otherwise. */
static int
report_failure (GQuark      domain,
                int         code,
                const char *message)
{
  g_autoptr (GError) error = g_error_new_literal (domain, code, message);

  g_printerr ("%s: %s\n", g_get_prgname (), message);
  hc_cli_output_set_error (error);

  if ((domain == HC_CLI_ERROR && code == HC_CLI_ERROR_USAGE) || domain == G_OPTION_ERROR)
    return HC_CLI_EXIT_USAGE;
  if (domain == HC_ERROR && code == HC_ERROR_NEEDS_CONFIRMATION)
    return HC_CLI_EXIT_NEEDS_CONFIRMATION;
  return HC_CLI_EXIT_FAILED;
}

int
hc_cli_fail (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  return report_failure (HC_ERROR, HC_ERROR_FAILED, message);
}

int
hc_cli_fail_code (GQuark      domain,
                  int         code,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  return report_failure (domain, code, message);
}

int
hc_cli_fail_with (const GError *error,
                  const char   *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (error == NULL)
    return report_failure (HC_ERROR, HC_ERROR_FAILED, message);
  return report_failure (error->domain, error->code, message);
}

int
hc_cli_fail_error (const GError *error)
{
  return hc_cli_fail_with (error, "%s", error->message);
}

void
hc_cli_notice (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s: %s\n", g_get_prgname (), message);
}

/* What was wrong, then where to read more: two lines, not the whole
 * help, which would bury the message. */
static int
report_usage (GOptionContext *context,
              const char     *message)
{
  g_autofree char *command = NULL;
  const char *words = NULL;
  int exit_code;

  exit_code = report_failure (HC_CLI_ERROR, HC_CLI_ERROR_USAGE, message);

  if (current.words != NULL)
    words = g_hash_table_lookup (current.words, context != NULL ? context : current.context);
  if (words != NULL && *words != '\0')
    command = g_strdup_printf ("%s %s --help", g_get_prgname (), words);
  else
    command = g_strdup_printf ("%s --help", g_get_prgname ());
  /* Translators: %s is a command to run, such as “headcount-cli sync --help” */
  g_printerr (_("Try “%s”.\n"), command);

  return exit_code;
}

int
hc_cli_usage_error (GOptionContext *context,
                    const char     *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  return report_usage (context, message);
}

const char *
hc_cli_get_workspace (HcCli *cli)
{
  return cli->workspace != NULL ? cli->workspace : DEFAULT_WORKSPACE;
}

static HcStore *
get_store (HcCli   *cli,
           gboolean read_only,
           int     *exit_code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return cli->store;

  data_dir = hc_store_dup_data_dir (cli->data_dir);
  path = hc_store_build_path (data_dir, hc_cli_get_workspace (cli), &error);
  if (path == NULL)
    {
      /* --workspace names no workspace: the command line is wrong. */
      *exit_code = report_usage (NULL, error->message);
      return NULL;
    }

  if (read_only && !hc_store_path_is_writable (path))
    cli->store = hc_store_new_read_only (path, &error);
  else
    cli->store = hc_store_new (path, &error);
  if (cli->store == NULL)
    {
      *exit_code = hc_cli_fail_with (error, _("Could not open workspace “%s”: %s"),
                                     hc_cli_get_workspace (cli), error->message);
      return NULL;
    }

  return cli->store;
}

HcStore *
hc_cli_get_store (HcCli *cli,
                  int   *exit_code)
{
  return get_store (cli, FALSE, exit_code);
}

HcStore *
hc_cli_get_store_for_reading (HcCli *cli,
                              int   *exit_code)
{
  return get_store (cli, TRUE, exit_code);
}

GArray *
hc_cli_find_member_ids (HcStore *store,
                        char   **args,
                        int      n_args,
                        GError **error)
{
  g_autoptr (GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MAX (n_args, 0));

  for (int i = 0; i < n_args; i++)
    {
      g_autoptr (HcMember) member = hc_directory_find_member (store, args[i], error);
      gint64 id;

      if (member == NULL)
        return NULL;
      id = hc_member_get_id (member);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

int
hc_cli_parse_named_members (HcCli      *cli,
                            const char *parameter,
                            const char *summary,
                            const char *missing,
                            int        *argc,
                            char     ***argv,
                            HcStore   **store,
                            GArray    **ids)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  int exit_code = HC_CLI_EXIT_OK;
  const GOptionEntry entries[] = { { NULL } };

  context = hc_cli_option_context_new (cli, parameter, summary, entries);
  if (!hc_cli_parse_options (cli, context, argc, argv, &exit_code))
    return exit_code;
  if (*argc < 3)
    return hc_cli_usage_error (context, "%s", missing);

  *store = hc_cli_get_store (cli, &exit_code);
  if (*store == NULL)
    return exit_code;
  *ids = hc_cli_find_member_ids (*store, *argv + 2, *argc - 2, &error);
  if (*ids == NULL)
    return hc_cli_fail_error (error);
  return HC_CLI_EXIT_OK;
}

int
hc_cli_fail_needs_yes (const GError *error,
                       const char   *command,
                       const char   *name)
{
  g_autofree char *quoted = hc_cli_quote_argument (name);

  return hc_cli_fail_with (error, _("%s. Nothing was changed. To delete it, run "
                                    "“headcount-cli %s %s --yes”."),
                           error->message, command, quoted);
}

char *
hc_cli_quote_argument (const char *arg)
{
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("-_.,:@/+=", *p) == NULL)
        return g_shell_quote (arg);
    }

  return *arg != '\0' ? g_strdup (arg) : g_shell_quote (arg);
}

HcConnectorInfo *
hc_cli_find_connector (HcCli      *cli,
                       const char *name,
                       int        *exit_code)
{
  g_autoptr (GError) error = NULL;
  HcConnectorInfo *info;
  HcStore *store;

  store = hc_cli_get_store (cli, exit_code);
  if (store == NULL)
    return NULL;

  info = hc_store_find_connector (store, name, &error);
  if (info != NULL)
    return info;

  if (error == NULL || g_error_matches (error, HC_ERROR, HC_ERROR_NOT_FOUND))
    *exit_code = hc_cli_fail_code (HC_ERROR, HC_ERROR_NOT_FOUND,
                                   _("No connector named “%s” in workspace “%s”"),
                                   name, hc_cli_get_workspace (cli));
  else
    *exit_code = hc_cli_fail_error (error);

  return NULL;
}

void
hc_cli_wait_init (HcCliWait *wait)
{
  wait->loop = g_main_loop_new (NULL, FALSE);
  wait->result = NULL;
}

void
hc_cli_wait_clear (HcCliWait *wait)
{
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  g_clear_object (&wait->result);
}

void
hc_cli_wait_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  HcCliWait *wait = user_data;

  g_set_object (&wait->result, result);
  g_main_loop_quit (wait->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);

  return G_SOURCE_CONTINUE;
}

GAsyncResult *
hc_cli_wait_run (HcCliWait    *wait,
                 GCancellable *cancellable)
{
  guint sigint_id = 0;
  guint sigterm_id = 0;

  g_clear_object (&wait->result);

  /* Ctrl+C cancels the operation, which then ends the way the core
   * ends a cancelled one (recorded, nothing half applied). */
  if (cancellable != NULL)
    {
      sigint_id = g_unix_signal_add (SIGINT, interrupted_cb, cancellable);
      sigterm_id = g_unix_signal_add (SIGTERM, interrupted_cb, cancellable);
    }

  g_main_loop_run (wait->loop);

  g_clear_handle_id (&sigint_id, g_source_remove);
  g_clear_handle_id (&sigterm_id, g_source_remove);

  return wait->result;
}

static void
print_help (GOptionContext *context)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_print ("%s", help);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  HcCli cli = { 0 };
  gboolean version = FALSE;
  int exit_code = HC_CLI_EXIT_USAGE;
  const char *command;
  const GOptionEntry main_entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  /* Not hc_memory_init(): a command's memory goes back with its process,
  * and its syncs run faster with glibc's thread caches (rules.md 44). */
  hc_memory_init_command ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE_NAME, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE_NAME, "UTF-8");
  textdomain (GETTEXT_PACKAGE_NAME);
  g_set_prgname ("headcount-cli");
  /* Standard output carries JSON and CSV: every log line goes to stderr,
   * debug ones included (G_MESSAGES_DEBUG=hc-http). */
  g_log_writer_default_set_use_stderr (TRUE);

  context = hc_cli_option_context_new (&cli, "COMMAND",
                                       _("Keep the member directory in step with the HR system, headless."),
                                       main_entries);
  g_option_context_set_description (context,
                                    _("Commands:\n"
                                      "  connector add KIND --name NAME   Connect an HR system (kinds: demo, file…)\n"
                                      "  connector edit NAME              Change a connector’s address, credentials or test mark\n"
                                      "  connector list                   List the connectors\n"
                                      "  connector test NAME              Check that a connector reaches its HR system\n"
                                      "  connector remove NAME            Disconnect a connector; its members stay\n"
                                      "  config NAME [--set FILE|--replace FILE]\n"
                                      "                                   Print or change a connector’s filters, mapping and options\n"
                                      "  fields NAME [--values FIELD]     List the HR fields with sample values, or a field’s values\n"
                                      "  sync NAME                        Preview a sync, then apply it\n"
                                      "  sync --all-due                   Run the scheduled syncs that are due (for a timer)\n"
                                      "  explain NAME EMAIL-OR-ID         Tell why someone is in or out of the sync\n"
                                      "  check NAME                       Run the scenario checks of a test instance\n"
                                      "  members                          List the members of the directory\n"
                                      "  members add --first-name F --last-name L [--email E]\n"
                                      "                                   Add a member by hand (invited when given an e-mail)\n"
                                      "  members edit ID-OR-EMAIL --FIELD VALUE  Change a member’s fields by hand\n"
                                      "  members archive|restore ID-OR-EMAIL…    Archive members, or restore archived ones\n"
                                      "  members mark-joined FILE.csv|EMAIL…     Mark invited members as joined: active\n"
                                      "  members resend ID-OR-EMAIL…      Put invitations back among those to send\n"
                                      "  members export-invitations FILE.csv     Write the invitations to send, mark them sent\n"
                                      "  history                          List the past syncs\n"
                                      "  history show RUN                 Show a past sync's changes, field by field\n"
                                      "  undo RUN [--yes]                 Roll back the last applied sync of a connector\n"
                                      "  export-members FILE.csv          Write the members to a CSV file (before the first sync)\n"
                                      "  import-members FILE.csv          Add existing members from a CSV file, after a preview\n"
                                      "  workspace list|create|rename|delete NAME  Keep one workspace per customer\n"
                                      "  groups list [--json]             List the groups as a tree, with member counts\n"
                                      "  groups create|delete PATH        Create or delete a group (Paris/Engineering)\n"
                                      "  groups rename PATH NEW-NAME      Rename a group\n"
                                      "  groups move PATH NEW-PARENT      Move a group under another one (“/” for the top)\n"
                                      "  groups add|remove PATH MEMBER…   Add members to a group by hand, or remove them\n"
                                      "  roles list [--json]              List the roles, with how many members hold each\n"
                                      "  roles create|delete NAME         Create or delete a role\n"
                                      "  roles rename NAME NEW-NAME       Rename a role\n"
                                      "  roles add|remove NAME MEMBER…    Give members a role by hand, or take it back\n"
                                      "  destination add scim --name NAME --base-url URL --secret-stdin\n"
                                      "                                   Deliver the directory to a SCIM 2.0 service\n"
                                      "  destination test|remove NAME     Show what a destination supports, or remove it\n"
                                      "  destination list|preview|push    List the destinations, preview or send a delivery\n"
                                      "\n"
                                      "Run “headcount-cli COMMAND --help” for the options of a command, and “man headcount-cli”\n"
                                      "for the environment, the files and a timer that runs the scheduled syncs.\n"
                                      "Exit status: 0 done, 1 failed, 2 bad usage, 3 needs confirmation."));
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!hc_cli_parse_options (&cli, context, &argc, &argv, &exit_code))
    goto out;

  if (version)
    {
      g_print ("headcount-cli %s\n", PACKAGE_VERSION);
      exit_code = HC_CLI_EXIT_OK;
      goto out;
    }

  if (argc < 2)
    {
      exit_code = hc_cli_usage_error (context, _("No command given"));
      goto out;
    }

  command = argv[1];

  if (g_str_equal (command, "help"))
    {
      print_help (context);
      exit_code = HC_CLI_EXIT_OK;
      goto out;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (command, commands[i].name))
        {
          exit_code = commands[i].func (&cli, argc - 1, argv + 1);
          goto out;
        }
    }

  exit_code = hc_cli_usage_error (context, _("Unknown command “%s”"), command);

out:
  /* With --json, a failure always has its error object, even from a
   * command that only returned its exit status. */
  if (exit_code != HC_CLI_EXIT_OK && hc_cli_output_get_json () && !hc_cli_output_has_error ())
    {
      g_autoptr (GError) error = NULL;

      if (exit_code == HC_CLI_EXIT_USAGE)
        error = g_error_new_literal (HC_CLI_ERROR, HC_CLI_ERROR_USAGE, _("The command line is not valid"));
      else if (exit_code == HC_CLI_EXIT_NEEDS_CONFIRMATION)
        error = g_error_new_literal (HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION, _("Nothing was changed: this needs a confirmation"));
      else
        error = g_error_new_literal (HC_ERROR, HC_ERROR_FAILED, _("The command failed"));
      hc_cli_output_set_error (error);
    }
  hc_cli_output_finish ();

  /* JSON cut short by a full disk must not pass for a success. */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved_errno = errno;

      if (exit_code == HC_CLI_EXIT_OK)
        exit_code = hc_cli_fail (_("Could not write the output: %s"), g_strerror (saved_errno));
    }

  g_clear_object (&cli.store);
  g_clear_pointer (&current.words, g_hash_table_unref);
  g_free (cli.data_dir);
  g_free (cli.workspace);

  return exit_code;
}

/* One line of stdin, not echoed when it is a terminal. The caller wipes
 * and frees it. */
char *
hc_cli_read_secret (GError **error)
{
  struct termios saved;
  gboolean restore = FALSE;
  char *line = NULL;
  size_t capacity = 0;
  ssize_t length;
  char *secret;

  if (isatty (STDIN_FILENO))
    {
      g_printerr ("%s", _("Secret: "));
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          struct termios quiet = saved;

          quiet.c_lflag &= ~ECHO;
          restore = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  length = getline (&line, &capacity, stdin);

  if (restore)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
    line[--length] = '\0';

  if (length <= 0)
    {
      if (line != NULL)
        explicit_bzero (line, capacity);
      free (line);
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                           _("No secret on standard input: give it as its first line"));
      return NULL;
    }

  secret = g_strndup (line, length);
  explicit_bzero (line, capacity);
  free (line);

  return secret;
}

char *
hc_cli_read_connector_secret (const char *kind,
                              GError    **error)
{
  const HcConnectorKind *info = hc_connector_kind_lookup (kind);
  char *first = hc_cli_read_secret (error);
  char *second;
  char *joined;

  if (first == NULL || info == NULL || info->secret2_kind == NULL)
    return first;

  second = hc_cli_read_secret (NULL);
  if (second == NULL)
    {
      hc_cli_wipe_secret (first);
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("%s needs the %s as the second line of standard input, after the %s"),
                   info->vendor_name, _(info->secret2_label), _(info->secret_label));
      return NULL;
    }
  joined = hc_connector_secret_join (first, second);
  hc_cli_wipe_secret (first);
  hc_cli_wipe_secret (second);
  return joined;
}

void
hc_cli_wipe_secret (char *secret)
{
  if (secret == NULL)
    return;

  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

HcSync *
hc_cli_sync_new (HcStore               *store,
                 const HcConnectorInfo *info,
                 gboolean               secret_stdin,
                 GError               **error)
{
  g_autoptr (HcSync) sync = hc_sync_new (store, info->id, HC_SYNC_TRIGGER_CLI);

  if (secret_stdin)
    {
      char *secret = hc_cli_read_connector_secret (info->kind, error);

      if (secret == NULL)
        return NULL;
      hc_sync_set_secret (sync, secret);
      hc_cli_wipe_secret (secret);
    }
  return g_steal_pointer (&sync);
}

HcPlan *
hc_cli_sync_prepare (HcSync       *sync,
                     GCancellable *cancellable,
                     GError      **error)
{
  HcCliWait wait;
  HcPlan *plan;

  hc_cli_wait_init (&wait);
  hc_sync_prepare_async (sync, cancellable, hc_cli_wait_cb, &wait);
  plan = hc_sync_prepare_finish (sync, hc_cli_wait_run (&wait, cancellable), error);
  hc_cli_wait_clear (&wait);
  return plan;
}
