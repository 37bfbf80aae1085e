/* hc-cli.h — what the headcount-cli commands share: exit codes, the store, errors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-connector-kind.h"
#include "hc-store.h"
#include "hc-sync.h"

G_BEGIN_DECLS

/* The exit codes are a contract (rules.md 30). */
typedef enum
{
  HC_CLI_EXIT_OK                 = 0,
  HC_CLI_EXIT_FAILED             = 1,
  HC_CLI_EXIT_USAGE              = 2,
  HC_CLI_EXIT_NEEDS_CONFIRMATION = 3,
} HcCliExit;

typedef struct
{
  /* global options */
  char    *data_dir;
  char    *workspace;

  /* owned state */
  HcStore *store;
} HcCli;

/* Opens the workspace's store on first use. (transfer none) */
HcStore         *hc_cli_get_store           (HcCli          *cli,
                                             int            *exit_code);
/* As hc_cli_get_store(), for a command that only reads: a data folder
 * that cannot be written is opened read-only (rules.md 33). */
HcStore         *hc_cli_get_store_for_reading (HcCli        *cli,
                                             int            *exit_code);
const char      *hc_cli_get_workspace       (HcCli          *cli);

/* A context for one command: @parameter names the command and its
 * arguments ("sync NAME"); the global options are accepted there too. */
GOptionContext  *hc_cli_option_context_new  (HcCli          *cli,
                                             const char     *parameter,
                                             const char     *summary,
                                             const GOptionEntry *entries);
/* Parses; on failure prints the error as a usage error and returns
 * FALSE with *exit_code set to HC_CLI_EXIT_USAGE. Also sets the output's
 * JSON mode from the command's “json” entry, if it has one. */
gboolean         hc_cli_parse_options       (HcCli          *cli,
                                             GOptionContext *context,
                                             int            *argc,
                                             char         ***argv,
                                             int            *exit_code);

/* The failures. Each prints "headcount-cli: <message>" on stderr and,
 * in JSON mode, gives the run's error object (docs/cli.md) its code and
 * message; each returns the exit status: HC_CLI_EXIT_USAGE for a usage
 * error, HC_CLI_EXIT_NEEDS_CONFIRMATION for HC_ERROR_NEEDS_CONFIRMATION,
 * HC_CLI_EXIT_FAILED otherwise.
 * hc_cli_fail: code "failed". */
int              hc_cli_fail                (const char     *format,
                                             ...) G_GNUC_PRINTF (1, 2);
/* @error's message, and its code (hc_cli_error_code ()). */
int              hc_cli_fail_error          (const GError   *error);
/* @error's code with a message of the caller's, which usually quotes
 * error->message; @error may be NULL ("failed"). */
int              hc_cli_fail_with           (const GError   *error,
                                             const char     *format,
                                             ...) G_GNUC_PRINTF (2, 3);
/* A failure without a GError at hand: the code of @domain and @code. */
int              hc_cli_fail_code           (GQuark          domain,
                                             int             code,
                                             const char     *format,
                                             ...) G_GNUC_PRINTF (3, 4);
/* What was wrong, then “Try “headcount-cli COMMAND --help”.”, on
 * stderr: two lines. Code "usage"; returns HC_CLI_EXIT_USAGE. */
int              hc_cli_usage_error         (GOptionContext *context,
                                             const char     *format,
                                             ...) G_GNUC_PRINTF (2, 3);
/* A notice for people on stderr (not an error): "headcount-cli: …". */
void             hc_cli_notice              (const char     *format,
                                             ...) G_GNUC_PRINTF (1, 2);

/* @arg as a shell would need it typed, quoted only when it must be.
 * (transfer full) */
char            *hc_cli_quote_argument      (const char     *arg);

/* The ids of the members named by @args (each an id or an e-mail, as
 * hc_directory_find_member() reads it), in order; NULL with the error of
 * the first one not found. (transfer full) */
GArray          *hc_cli_find_member_ids     (HcStore        *store,
                                             char          **args,
                                             int             n_args,
                                             GError        **error);

/* "COMMAND NAME ID-OR-EMAIL…" (groups add, roles remove, …): parses the
 * options of @parameter, opens the store and finds the members named after
 * NAME. HC_CLI_EXIT_OK with *store (borrowed) and *ids (transfer full) set,
 * or the exit code of what was wrong, already told. */
int              hc_cli_parse_named_members (HcCli          *cli,
                                             const char     *parameter,
                                             const char     *summary,
                                             const char     *missing,
                                             int            *argc,
                                             char         ***argv,
                                             HcStore       **store,
                                             GArray        **ids);
/* A deletion refused for want of --yes: @error's message, that nothing was
 * changed, and the command to type, “headcount-cli COMMAND NAME --yes”. */
int              hc_cli_fail_needs_yes      (const GError   *error,
                                             const char     *command,
                                             const char     *name);

/* Finds a connector by name; prints why not and sets *exit_code when
 * there is none. (transfer full) */
HcConnectorInfo *hc_cli_find_connector      (HcCli          *cli,
                                             const char     *name,
                                             int            *exit_code);

/* Waits on a GMainLoop for one asynchronous call: pass hc_cli_wait_cb
 * and the HcCliWait as its callback, then hc_cli_wait_run. Ctrl+C
 * cancels @cancellable meanwhile. */
typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} HcCliWait;

void             hc_cli_wait_init           (HcCliWait      *wait);
void             hc_cli_wait_clear          (HcCliWait      *wait);
void             hc_cli_wait_cb             (GObject        *source,
                                             GAsyncResult   *result,
                                             gpointer        user_data);
/* (transfer none) */
GAsyncResult    *hc_cli_wait_run            (HcCliWait      *wait,
                                             GCancellable   *cancellable);

/* The secret of --secret-stdin: the first line of standard input, not
 * echoed on a terminal. Free it with hc_cli_wipe_secret(). */
char            *hc_cli_read_secret         (GError        **error);
void             hc_cli_wipe_secret         (char           *secret);
/* The secret of a connector of @kind from standard input: its first line,
 * and for a kind with a second secret (Merge) the second line too, both
 * joined as the connector takes them (hc-connector-secret.h). Free it with
 * hc_cli_wipe_secret(). */
char            *hc_cli_read_connector_secret (const char     *kind,
                                             GError        **error);


/* A CLI sync of @info; with @secret_stdin its secret for this run is read
 * from standard input (hc_cli_read_secret()) instead of the keyring. */
HcSync          *hc_cli_sync_new            (HcStore               *store,
                                             const HcConnectorInfo *info,
                                             gboolean               secret_stdin,
                                             GError               **error);
/* Fetches and plans on a main loop; Ctrl+C cancels @cancellable. */
HcPlan          *hc_cli_sync_prepare        (HcSync         *sync,
                                             GCancellable   *cancellable,
                                             GError        **error);

/* The commands: argv[0] is the command's name. */
int              hc_cli_connector           (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_fields              (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_config              (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_sync                (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_explain             (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_check               (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_members             (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_history             (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_history_show        (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_undo                (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_import_members      (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_export_members      (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_workspace           (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_groups              (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
int              hc_cli_roles               (HcCli          *cli,
                                             int             argc,
                                             char          **argv);

int              hc_cli_destination         (HcCli          *cli,
                                             int             argc,
                                             char          **argv);
/* After sync run @run_id has applied: delivers to every destination of
 * the workspace and prints what each received; the exit status. */
int              hc_cli_destination_deliver (HcCli          *cli,
                                             gint64          run_id,
                                             gboolean        confirm_deactivations,
                                             gboolean        json);
/* History: what the delivery after run @run_id did, per destination, as
 * lines of text or as a "deliveries" member of @builder. */
void             hc_cli_destination_print_run (HcStore      *store,
                                               gint64        run_id);
void             hc_cli_destination_add_run_json (HcStore   *store,
                                                  gint64     run_id,
                                                  JsonBuilder *builder);
/* @run as hc_sync_run_to_json() writes it, with its "deliveries". */
JsonNode        *hc_cli_destination_run_node (HcStore       *store,
                                              const HcSyncRun *run);
/* "platform: 3 created, … · other: …", or NULL when it delivered nothing. */
char            *hc_cli_destination_describe_run (HcStore   *store,
                                                  gint64     run_id);
/* What every destination holds of each member: member id → GPtrArray of
 * HcDestinationMember*, for members --json. (transfer full) */
GHashTable      *hc_cli_destination_list_records (HcStore   *store);
/* "destinations": [{name, scim_id, status, error}] of @member_id. */
void             hc_cli_destination_add_member_json (JsonBuilder *builder,
                                             GHashTable     *records,
                                             gint64          member_id);

/* The members of @plan, one section a kind of change ("Removed members:")
 * with a line a member and its field changes below, as sync --dry-run
 * lists them. @with_ids: each line ends with the member's employee id
 * instead of the reason (a disconnect's plan, where every member has the
 * same reason). (hc-cli-sync.c) */
void             hc_cli_print_plan_items    (HcPlan         *plan,
                                             gboolean        with_ids);

/* For sync --dry-run: what each destination would receive once @plan
 * is applied, as text, or as a "deliveries" member of @builder. */
void             hc_cli_destination_print_plan (HcStore     *store,
                                                HcPlan      *plan);
void             hc_cli_destination_add_plan_json (HcStore  *store,
                                                   HcPlan   *plan,
                                                   JsonBuilder *builder);
/* For explain: each destination's SCIM id and last outcome of @member_id. */
void             hc_cli_destination_explain (HcStore        *store,
                                             gint64          member_id);

/* A browser sign-in for a kind with HC_KIND_SIGN_IN (PayFit): prints the
 * address to open, tries xdg-open when @browser, waits for the redirect,
 * and returns the tokens as the keyring keeps them (wipe them with
 * hc_cli_wipe_secret()). NULL addresses and client id: the kind's own.
 * (hc-cli-sign-in.c) */
char            *hc_cli_sign_in             (const HcConnectorKind *kind,
                                             const char     *authorize_url,
                                             const char     *token_url,
                                             const char     *client_id,
                                             gboolean        browser,
                                             GError        **error);

G_END_DECLS
