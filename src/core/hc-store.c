/* hc-store.c — the workspace database: connectors, members, runs (SQLite)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-store"

#include "config.h"

#include <signal.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hc-email.h"
#include "hc-error.h"
#include "hc-gstring.h"
#include "hc-group-path.h"
#include "hc-group-plan.h"
#include "hc-store.h"
#include "hc-undo.h"
#include "hc-json.h"
#include "hc-member-snapshot.h"
#include "hc-packed-rows.h"
#include "hc-sql-rows.h"

/* The page cache, in KiB (negative, as PRAGMA cache_size takes it), and
 * what a bulk apply shrinks it to while it makes the members' indexes. */
#define CACHE_KIB      -32768
#define SORT_CACHE_KIB -2048
#define CACHE_SIZE_SQL(kib) "PRAGMA cache_size = " G_STRINGIFY (kib) ";"

/* lock is held by every use of db and of its statements, from any thread
 * (hc_store_lock_database() for hc-destination.c): the connection is
 * opened without SQLite's own mutex, which a large sync would take and
 * release at every bind, step and reset. */
struct _HcStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GMutex      lock;
  GHashTable *statements;   /* SQL literal (by address) → sqlite3_stmt* */
  gboolean    read_only;

  /* The run claims held through this store, renewed by renew_thread. */
  GMutex      claims_lock;
  GCond       renew_cond;
  GArray     *held_claims;    /* gint64 connector ids */
  GThread    *renew_thread;
  gboolean    renew_stop;
  char       *workspace_id;
  guint       run_retention;  /* runs kept per connector */
  gboolean    bulk_journal;   /* a bulk load's rollback journal is on */
};

G_DEFINE_FINAL_TYPE (HcStore, hc_store, G_TYPE_OBJECT)

/* Schema 12, rules.md 43: what the last test or sync said of the
 * connector's credentials, and the last failed sync attempt beside the
 * last successful one. Connectors that synced before had working
 * credentials; a connector left in error keeps its failure. Skipped when
 * the columns are there already (a database taken back to an older
 * version for a test keeps them). */
static const char credentials_migration[] =
  "ALTER TABLE connectors ADD COLUMN credentials TEXT NOT NULL DEFAULT 'untested'"
  "  CHECK (credentials IN ('untested', 'accepted', 'rejected'));"
  "ALTER TABLE connectors ADD COLUMN failed_at INTEGER;"
  "ALTER TABLE connectors ADD COLUMN failed_run_id INTEGER;"
  "UPDATE connectors SET credentials = 'accepted' WHERE last_sync_at IS NOT NULL;"
  "UPDATE connectors SET (failed_at, failed_run_id) = ("
  "  SELECT r.started_at, r.id FROM sync_runs r"
  "  WHERE r.connector_id = connectors.id AND r.result = 'failed'"
  "  ORDER BY r.id DESC LIMIT 1)"
  "  WHERE state = 'error';";

/* Schema 13: how many members a run removed from the directory (a
 * disconnect's, rules.md 47), beside the other counts. Skipped when the
 * column is there already, as the credentials' are. */
static const char removed_migration[] =
  "ALTER TABLE sync_runs ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;";

/* Schema 14: the members' state and hr_status checks as comparisons. SQLite
 * checks "x IN (a, b, c)" by building a temporary index of the list for
 * every row written, a third of a member insert's cost; "x = a OR x = b OR
 * x = c" allows the same values. Only the text of the table's definition
 * changes (no row is rewritten), the way SQLite documents for a changed
 * constraint; migrate() then bumps the schema version so that every
 * connection reads the new definition. */
static const char member_checks_migration[] =
  "PRAGMA writable_schema = ON;"
  "UPDATE sqlite_schema SET sql = replace (replace (sql,"
  "  'CHECK (state IN (''active'', ''invited'', ''archived''))',"
  "  'CHECK (state = ''active'' OR state = ''invited'' OR state = ''archived'')'),"
  "  'CHECK (hr_status IN (''manual'', ''managed'', ''previously_managed''))',"
  "  'CHECK (hr_status = ''manual'' OR hr_status = ''managed'' OR hr_status = ''previously_managed'')')"
  "  WHERE type = 'table' AND name = 'members';"
  "PRAGMA writable_schema = OFF;";

/* Each entry migrates from user_version i to i + 1. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE connectors ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  settings TEXT NOT NULL DEFAULT '{}',"
  "  config TEXT NOT NULL,"
  "  test_instance INTEGER NOT NULL DEFAULT 0,"
  "  state TEXT NOT NULL DEFAULT 'connected',"
  "  last_error TEXT,"
  "  last_sync_at INTEGER,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE members ("
  "  id INTEGER PRIMARY KEY,"
  "  external_id TEXT,"
  "  connector_id INTEGER REFERENCES connectors (id) ON DELETE SET NULL,"
  "  email TEXT, first_name TEXT, last_name TEXT, preferred_name TEXT,"
  "  title TEXT, department TEXT, team TEXT, office TEXT,"
  "  start_date TEXT, end_date TEXT,"
  "  manager_id INTEGER REFERENCES members (id) ON DELETE SET NULL,"
  "  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'invited', 'archived')),"
  "  hr_status TEXT NOT NULL DEFAULT 'manual'"
  "    CHECK (hr_status IN ('manual', 'managed', 'previously_managed')),"
  "  has_access INTEGER NOT NULL DEFAULT 1,"
  "  custom TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE UNIQUE INDEX members_connector_external ON members (connector_id, external_id)"
  "  WHERE connector_id IS NOT NULL AND external_id IS NOT NULL;"
  "CREATE INDEX members_email ON members (lower (email));"
  "CREATE TABLE sync_runs ("
  "  id INTEGER PRIMARY KEY,"
  "  connector_id INTEGER REFERENCES connectors (id) ON DELETE SET NULL,"
  "  connector_name TEXT,"
  "  started_at INTEGER NOT NULL,"
  "  finished_at INTEGER,"
  "  trigger TEXT NOT NULL,"
  "  result TEXT NOT NULL,"
  "  error TEXT,"
  "  invited INTEGER NOT NULL DEFAULT 0,"
  "  created_no_access INTEGER NOT NULL DEFAULT 0,"
  "  became_managed INTEGER NOT NULL DEFAULT 0,"
  "  updated INTEGER NOT NULL DEFAULT 0,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  unmanaged INTEGER NOT NULL DEFAULT 0,"
  "  skipped INTEGER NOT NULL DEFAULT 0,"
  "  unchanged INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX sync_runs_connector ON sync_runs (connector_id, started_at);"
  "CREATE TABLE sync_changes ("
  "  id INTEGER PRIMARY KEY,"
  "  run_id INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,"
  "  member_id INTEGER,"
  "  employee_id TEXT,"
  "  kind TEXT NOT NULL,"
  "  field TEXT,"
  "  before TEXT,"
  "  after TEXT"
  ");"
  "CREATE INDEX sync_changes_run ON sync_changes (run_id);"
  "CREATE TABLE invitations ("
  "  id INTEGER PRIMARY KEY,"
  "  member_id INTEGER REFERENCES members (id) ON DELETE CASCADE,"
  "  run_id INTEGER REFERENCES sync_runs (id) ON DELETE SET NULL,"
  "  email TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  sent INTEGER NOT NULL DEFAULT 0"
  ");",
  /* 1 → 2: a random id for the workspace, which keys its secrets in the
   * keyring, so that two workspaces (or two data folders) with the same
   * name never share one. */
  "CREATE TABLE workspace ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "INSERT INTO workspace (key, value) VALUES ('id', lower (hex (randomblob (16))));",
  /* 2 → 3: schedules. When each connector's next scheduled run is due, and
   * since when a run of it holds the connector (so that the app, a timer's
   * headcount-cli and a manual sync never run one connector twice at once). */
  "ALTER TABLE connectors ADD COLUMN next_run_at INTEGER;"
  "ALTER TABLE connectors ADD COLUMN run_claimed_at INTEGER;"
  /* "host:pid" of the process that holds the run: a crashed one frees the
   * connector at once instead of after the stale delay. */
  "ALTER TABLE connectors ADD COLUMN run_claimed_by TEXT;"
  /* Undo runs point at the run they undid: found without a scan. */
  "CREATE INDEX sync_changes_undo_of ON sync_changes (CAST (after AS INTEGER))"
  "  WHERE kind = '" HC_RUN_CHANGE_UNDO_OF "';",
  /* 3 → 4: no two members share an e-mail, and archives remember whether
   * the member had joined.
   *
   * The e-mail key is hc_email_normalize() (the SQL function hc_email_key,
   * registered on every connection before the migrations run), the same
   * key the plan and the CSV import compare, so no code path can write a
   * duplicate. The index leaves out archived members: a rehire's old,
   * archived record keeps its address while the live one has it. Live
   * members that already share an e-mail stop the migration with a
   * message naming them (check_shared_emails), before this runs.
   *
   * archived_from is the state before the archive, kept by a trigger on
   * every path that archives; archives made before it are read from the
   * run that archived them, when that run is still in the history. */
  "ALTER TABLE members ADD COLUMN archived_from TEXT;"
  "UPDATE members SET archived_from = ("
  "  SELECT c.before FROM sync_changes c"
  "  WHERE c.member_id = members.id AND c.field = 'state' AND c.after = 'archived'"
  "    AND c.before IN ('active', 'invited')"
  "  ORDER BY c.id DESC LIMIT 1)"
  "  WHERE state = 'archived';"
  "CREATE TRIGGER members_archived_from AFTER UPDATE OF state ON members"
  "  WHEN NEW.state = 'archived' AND OLD.state != 'archived'"
  "  BEGIN UPDATE members SET archived_from = OLD.state WHERE id = NEW.id; END;"
  "DROP INDEX members_email;"
  "CREATE UNIQUE INDEX members_email_key ON members (hc_email_key (email))"
  "  WHERE state != 'archived';",
  /* 4 → 5: the invitation lifecycle. When an invitation was handed over
   * to be sent (exported), how often it was sent again, and when the
   * member joined. "sent" stays, in step with sent_at. */
  "ALTER TABLE invitations ADD COLUMN sent_at INTEGER;"
  "ALTER TABLE invitations ADD COLUMN resend_count INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE invitations ADD COLUMN resent_at INTEGER;"
  "ALTER TABLE invitations ADD COLUMN joined_at INTEGER;"
  "UPDATE invitations SET sent_at = created_at WHERE sent != 0;"
  "CREATE INDEX invitations_member ON invitations (member_id, created_at);"
  /* A member's own history (the state before an archive): no scan. */
  "CREATE INDEX sync_changes_member ON sync_changes (member_id) WHERE member_id IS NOT NULL;",
  /* 5 → 6: groups, a tree of any depth, and who is in them. Sibling names
   * are unique by their key (hc_group_name_key(): without case, accents or
   * surrounding spaces), a top group's parent counting as 0. A group with
   * subgroups cannot be deleted (RESTRICT): its subgroups go first. A
   * membership says who added it: by hand, or the sync of a connector. */
  "CREATE TABLE groups ("
  "  id INTEGER PRIMARY KEY,"
  "  parent_id INTEGER REFERENCES groups (id) ON DELETE RESTRICT,"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL,"
  "  origin TEXT NOT NULL DEFAULT 'hand' CHECK (origin IN ('hand', 'hr')),"
  "  connector_id INTEGER REFERENCES connectors (id) ON DELETE SET NULL,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE UNIQUE INDEX groups_sibling_name ON groups (ifnull (parent_id, 0), name_key);"
  "CREATE TABLE group_members ("
  "  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  added_by TEXT NOT NULL DEFAULT 'hand' CHECK (added_by IN ('hand', 'hr')),"
  "  connector_id INTEGER REFERENCES connectors (id) ON DELETE SET NULL,"
  "  added_at INTEGER NOT NULL,"
  "  PRIMARY KEY (group_id, member_id)"
  ");"
  "CREATE INDEX group_members_member ON group_members (member_id);",
  /* 6 → 7: what a sync manages in groups and roles (rules.md 38, 39). A
   * membership or a role a sync gave records the rule that gave it, as
   * History's rows do (undo puts a membership back with its rule). The
   * role catalogue: names unique by their key, made by hand or from the
   * positions a connector sees; a member holds any number of roles. */
  "ALTER TABLE group_members ADD COLUMN rule TEXT;"
  "ALTER TABLE sync_changes ADD COLUMN rule TEXT;"
  /* the group or role a row is about, for undo */
  "ALTER TABLE sync_changes ADD COLUMN object_id INTEGER;"
  "CREATE TABLE roles ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  origin TEXT NOT NULL DEFAULT 'hand' CHECK (origin IN ('hand', 'hr')),"
  "  connector_id INTEGER REFERENCES connectors (id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE member_roles ("
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,"
  "  added_by TEXT NOT NULL DEFAULT 'hand' CHECK (added_by IN ('hand', 'hr')),"
  "  connector_id INTEGER REFERENCES connectors (id) ON DELETE SET NULL,"
  "  rule TEXT,"
  "  added_at INTEGER NOT NULL,"
  "  PRIMARY KEY (member_id, role_id)"
  ");"
  "CREATE INDEX member_roles_role ON member_roles (role_id);",
  /* 7 → 8: destinations, the services a sync delivers the directory to
   * (SCIM 2.0), and what each one holds of each member and group: its id
   * there, whether it is in step, the last answer, and the document last
   * sent (so that a second run with nothing changed sends nothing). The
   * secret is in the keyring, never here. */
  "CREATE TABLE IF NOT EXISTS destinations ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL DEFAULT 'scim',"
  "  base_url TEXT NOT NULL,"
  "  basic_user TEXT,"
  "  test_instance INTEGER NOT NULL DEFAULT 0,"
  "  settings TEXT NOT NULL DEFAULT '{}',"
  "  last_error TEXT,"
  "  last_delivery_at INTEGER,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE IF NOT EXISTS destination_members ("
  "  destination_id INTEGER NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  scim_id TEXT,"
  "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('in_sync', 'pending', 'error')),"
  "  error TEXT,"
  "  scim_type TEXT,"
  "  last_outcome TEXT,"
  "  sent TEXT,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (destination_id, member_id)"
  ");"
  "CREATE TABLE IF NOT EXISTS destination_groups ("
  "  destination_id INTEGER NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,"
  "  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,"
  "  scim_id TEXT,"
  "  status TEXT NOT NULL DEFAULT 'pending',"
  "  error TEXT,"
  "  sent TEXT,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (destination_id, group_id)"
  ");"
  "CREATE TABLE IF NOT EXISTS destination_outcomes ("
  "  id INTEGER PRIMARY KEY,"
  "  destination_id INTEGER NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,"
  "  member_id INTEGER,"
  "  group_id INTEGER,"
  "  at INTEGER NOT NULL,"
  "  request TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  outcome TEXT NOT NULL,"
  "  detail TEXT"
  ");"
  "CREATE INDEX IF NOT EXISTS destination_outcomes_member ON destination_outcomes (member_id);",
  /* 8 → 9: what a run's claim stands for (rules.md 41): the trigger and
   * the start of a run that History records, until it records its outcome
   * (NULL for a run that records nothing, such as a dry run). A claim
   * whose process died with them set becomes an interrupted run. */
  "ALTER TABLE connectors ADD COLUMN run_trigger TEXT;"
  "ALTER TABLE connectors ADD COLUMN run_started_at INTEGER;",
  /* 9 → 10: the sync run whose delivery sent each
   * request (none for a delivery of its own), so that History shows a
   * run's outcomes per destination. A table of its own: the outcomes'
   * table stays as version 8 made it. */
  "CREATE TABLE IF NOT EXISTS destination_outcome_runs ("
  "  outcome_id INTEGER PRIMARY KEY REFERENCES destination_outcomes (id) ON DELETE CASCADE,"
  "  run_id INTEGER NOT NULL"
  ");"
  "CREATE INDEX IF NOT EXISTS destination_outcome_runs_run ON destination_outcome_runs (run_id);",
  /* 10 → 11 */
  credentials_migration,
  /* 11 → 12: how long each run waited for someone (its preview open
  * before Apply, in µs), left out of the duration History shows. */
  "ALTER TABLE sync_runs ADD COLUMN waited INTEGER NOT NULL DEFAULT 0;",
  /* 12 → 13 */
  removed_migration,
  /* 13 → 14 */
  member_checks_migration,
};

/* When process @pid started, in clock ticks since boot (/proc/PID/stat,
 * field 22), or 0 when it cannot be read. With the pid, it names one
 * process: a pid used again later has another start time. */
static guint64
process_start_time (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  g_auto (GStrv) fields = NULL;
  const char *after;
  guint64 start = 0;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL)
    return 0;
  /* After "(comm)": field 3 (state) is fields[0], field 22 is fields[19]. */
  fields = g_strsplit (g_strchug ((char *) after + 1), " ", 21);
  if (g_strv_length (fields) < 20 ||
      !g_ascii_string_to_unsigned (fields[19], 10, 1, G_MAXUINT64, &start, NULL))
    return 0;
  return start;
}

/* "host:pid:start" of this process, for run claims (start: when it
 * started, process_start_time()). */
static const char *
claim_owner (void)
{
  static gsize initialised;
  static char *owner;

  if (g_once_init_enter (&initialised))
    {
      owner = g_strdup_printf ("%s:%d:%" G_GUINT64_FORMAT, g_get_host_name (), (int) getpid (),
                               process_start_time ((int) getpid ()));
      g_once_init_leave (&initialised, 1);
    }
  return owner;
}

/* What hc_claim_alive() says of a claim's owner. */
enum
{
  CLAIM_DEAD = 0,     /* a process of this host that no longer runs */
  CLAIM_ALIVE = 1,    /* a process of this host that still runs */
  CLAIM_UNKNOWN = 2,  /* another host's, which cannot be checked: its claim expires */
};

/* SQL hc_claim_alive (owner) for an owner "host:pid" or "host:pid:start":
 * CLAIM_DEAD when no process @pid runs on this host, or one that started
 * at another time than @start (the pid was given to another process since). */
static void
claim_alive_func (sqlite3_context *context,
                  int              argc,
                  sqlite3_value  **argv)
{
  const char *owner = (const char *) sqlite3_value_text (argv[0]);
  g_auto (GStrv) parts = NULL;
  guint64 pid, start;
  guint n;

  if (owner == NULL)
    {
      sqlite3_result_int (context, CLAIM_DEAD);
      return;
    }
  /* host names have no ":" (IPv6 addresses are not host names here) */
  parts = g_strsplit (owner, ":", 3);
  n = g_strv_length (parts);
  if (n < 2 || !g_str_equal (parts[0], g_get_host_name ()) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXINT, &pid, NULL))
    {
      sqlite3_result_int (context, CLAIM_UNKNOWN);
      return;
    }
  if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    {
      sqlite3_result_int (context, CLAIM_DEAD);
      return;
    }
  if (n == 3 && g_ascii_string_to_unsigned (parts[2], 10, 1, G_MAXUINT64, &start, NULL))
    {
      guint64 now_start = process_start_time ((int) pid);

      if (now_start != 0 && now_start != start)
        {
          sqlite3_result_int (context, CLAIM_DEAD);
          return;
        }
    }
  sqlite3_result_int (context, CLAIM_ALIVE);
}

/* SQL hc_email_key (email): hc_email_normalize(), for the unique index on
 * members' e-mails. Deterministic, as an index expression must be. */
static void
email_key_func (sqlite3_context *context,
                int              argc,
                sqlite3_value  **argv)
{
  char *key = hc_email_normalize ((const char *) sqlite3_value_text (argv[0]));

  /* SQLite frees the key itself, rather than copying it (an index made
   * in bulk calls this for every member) */
  if (key == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, key, -1, g_free);
}

#define MEMBER_COLUMNS \
  "id, external_id, connector_id, email, first_name, last_name, preferred_name, title, " \
  "department, team, office, start_date, end_date, manager_id, state, hr_status, has_access, custom, " \
  "archived_from"

/* Member text fields in MEMBER_COLUMNS order from column 3 */
static const char * const member_text_columns[] = {
  "email", "first_name", "last_name", "preferred_name", "title",
  "department", "team", "office", "start_date", "end_date",
};

/* The position of @field in member_text_columns, or -1: compared by
 * their first letter before the whole (a first sync asks 100,000
 * members' ten fields each). */
static int
member_text_column (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (member_text_columns); i++)
    if (field[0] == member_text_columns[i][0] && strcmp (field, member_text_columns[i]) == 0)
      return (int) i;
  return -1;
}

static gboolean
set_sqlite_error (HcStore    *self,
                  GError    **error,
                  const char *what)
{
  int code = sqlite3_extended_errcode (self->db);

  /* The unique index of schema 4: said for people. */
  if (code == SQLITE_CONSTRAINT_UNIQUE && strstr (sqlite3_errmsg (self->db), "members_email_key") != NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_EXISTS,
                   /* Translators: %s is an action, "add a member" */
                   _("Could not %s: another member already has this e-mail"), what);
      return FALSE;
    }
  if (code == SQLITE_CONSTRAINT_UNIQUE && strstr (sqlite3_errmsg (self->db), "name_key") != NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_EXISTS,
                   /* Translators: %s is an action, "save a group" */
                   _("Could not %s: another group there already has this name"), what);
      return FALSE;
    }
  g_set_error (error, HC_ERROR, HC_ERROR_STORE,
               /* Translators: %s is an action, then SQLite's message */
               _("Could not %s in the database %s: %s (code %d)"),
               what, self->path, sqlite3_errmsg (self->db), code);
  return FALSE;
}

static gboolean
set_closed_error (HcStore *self,
                  GError **error)
{
  g_set_error (error, HC_ERROR, HC_ERROR_STORE,
               /* Translators: %s is a database file */
               _("The workspace database %s is closed"), self->path);
  return FALSE;
}

static sqlite3_stmt *
get_stmt (HcStore    *self,
          const char *sql,
          GError    **error)
{
  sqlite3_stmt *stmt;

  /* hc_store_close(): every query fails from then on. */
  if (self->db == NULL)
    {
      set_closed_error (self, error);
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, _("prepare a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec (HcStore    *self,
      const char *sql,
      GError    **error)
{
  char *message = NULL;

  if (self->db == NULL)
    return set_closed_error (self, error);
  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                   _("Could not update the database %s: %s"), self->path, message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* bind_text() without SQLite's copy, for a value that stays as it is until
 * the statement has run (get_stmt() clears the bindings before its next
 * use): a sync's apply binds hundreds of thousands of them. */
static void
bind_text_static (sqlite3_stmt *stmt,
                  int           index,
                  const char   *value)
{
  if (value)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
stop_renew_thread (HcStore *self)
{
  if (self->renew_thread == NULL)
    return;

  g_mutex_lock (&self->claims_lock);
  self->renew_stop = TRUE;
  g_cond_signal (&self->renew_cond);
  g_mutex_unlock (&self->claims_lock);
  g_thread_join (g_steal_pointer (&self->renew_thread));
}

void
hc_store_close (HcStore *self)
{
  g_return_if_fail (HC_IS_STORE (self));

  stop_renew_thread (self);

  /* Waits for the query another thread may be running. */
  g_mutex_lock (&self->lock);
  if (self->statements != NULL)
    g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    sqlite3_close (self->db);
  self->db = NULL;
  g_mutex_unlock (&self->lock);
}

void
hc_store_release_memory (HcStore *self)
{
  g_return_if_fail (HC_IS_STORE (self));

  g_mutex_lock (&self->lock);
  if (self->db != NULL)
    sqlite3_db_release_memory (self->db);
  g_mutex_unlock (&self->lock);
}

gboolean
hc_store_reopen (HcStore    *self,
                 const char *path,
                 GError    **error)
{
  g_autoptr (HcStore) fresh = NULL;
  GHashTable *statements;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->db == NULL, FALSE);

  /* Opened, checked and migrated as any store is; its connection (and
   * the statements made on it) then become this store's. */
  fresh = hc_store_new (path, error);
  if (fresh == NULL)
    return FALSE;

  g_mutex_lock (&self->lock);
  self->db = g_steal_pointer (&fresh->db);
  statements = self->statements;
  self->statements = fresh->statements;
  fresh->statements = statements;
  g_free (self->path);
  self->path = g_strdup (path);
  self->renew_stop = FALSE;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

gboolean
hc_store_is_closed (HcStore *self)
{
  g_return_val_if_fail (HC_IS_STORE (self), TRUE);

  return self->db == NULL;
}

static void
hc_store_finalize (GObject *object)
{
  HcStore *self = HC_STORE (object);

  stop_renew_thread (self);
  g_clear_pointer (&self->held_claims, g_array_unref);
  g_mutex_clear (&self->claims_lock);
  g_cond_clear (&self->renew_cond);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->workspace_id);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hc_store_parent_class)->finalize (object);
}

static void
hc_store_class_init (HcStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_store_finalize;
  /* No memory statistics (nothing here reads them or sets a heap limit):
   * SQLite would take a global lock for each of its allocations, hundreds
   * of thousands in a sync's apply. Only possible before SQLite's first
   * use in the process; else it keeps them, which is harmless. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

static void
hc_store_init (HcStore *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->claims_lock);
  g_cond_init (&self->renew_cond);
  self->held_claims = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Keyed by the SQL's address: every query is a literal or interned. */
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  self->run_retention = HC_STORE_RUN_RETENTION;
}

char *
hc_store_dup_data_dir (const char *override)
{
  const char *env = g_getenv ("HEADCOUNT_DATA_DIR");

  if (override != NULL && *override != '\0')
    return g_canonicalize_filename (override, NULL);
  if (env != NULL && *env != '\0')
    return g_canonicalize_filename (env, NULL);
  return g_build_filename (g_get_user_data_dir (), "headcount", NULL);
}

/* Bytes a file name keeps as they are; any other is written %XX, so that a
 * name such as "Acme Corp" or "Société" is a safe file name, one of its
 * own, read back exactly (rules.md 33). */
static gboolean
is_plain_byte (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.';
}

char *
hc_store_build_path (const char *data_dir,
                     const char *workspace,
                     GError    **error)
{
  g_autoptr (GString) file = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (workspace == NULL || *workspace == '\0')
    workspace = "default";

  if (!g_utf8_validate (workspace, -1, NULL))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("A workspace name must be text (UTF-8)"));
      return NULL;
    }

  file = g_string_new (NULL);
  for (const guchar *p = (const guchar *) workspace; *p; p++)
    {
      if (is_plain_byte (*p))
        g_string_append_c (file, (char) *p);
      else
        g_string_append_printf (file, "%%%02X", *p);
    }

  /* rules.md 33: checked before anything else, and not repeated whole. */
  if (file->len > HC_STORE_WORKSPACE_NAME_MAX)
    {
      g_autofree char *start = g_utf8_make_valid (workspace, 20);

      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("The workspace name “%s…” is too long: use at most %u characters"),
                   start, (guint) HC_STORE_WORKSPACE_NAME_MAX);
      return NULL;
    }

  for (const char *p = workspace; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == '%' || g_unichar_iscntrl (c) || !g_unichar_isprint (c))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a valid workspace name: use letters, digits, spaces and "
                         "punctuation, but no “/”, “\\” or “%%”"),
                       workspace);
          return NULL;
        }
    }
  if (workspace[0] == '.')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid workspace name: it cannot start with “.”"), workspace);
      return NULL;
    }
  if (g_unichar_isspace (g_utf8_get_char (workspace)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (workspace + strlen (workspace)))))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid workspace name: it cannot start or end with a space"),
                   workspace);
      return NULL;
    }

  g_string_append (file, ".db");
  return g_build_filename (data_dir, file->str, NULL);
}

char *
hc_store_workspace_name_from_file (const char *file_name)
{
  g_autoptr (GString) name = NULL;
  size_t len;

  g_return_val_if_fail (file_name != NULL, NULL);

  len = strlen (file_name);
  if (len > 3 && g_str_has_suffix (file_name, ".db"))
    len -= 3;
  name = g_string_sized_new (len);
  for (size_t i = 0; i < len; i++)
    {
      int high, low;

      if (file_name[i] == '%' && i + 2 < len &&
          (high = g_ascii_xdigit_value (file_name[i + 1])) >= 0 &&
          (low = g_ascii_xdigit_value (file_name[i + 2])) >= 0)
        {
          g_string_append_c (name, (char) (high * 16 + low));
          i += 2;
        }
      else
        g_string_append_c (name, file_name[i]);
    }
  if (!g_utf8_validate (name->str, name->len, NULL))
    return g_strndup (file_name, len);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Before schema 4's unique index: live members that share an e-mail
* (which the sync could write before) cannot be sorted out by a
* migration without losing someone's address or access, so it stops
* with their names, and the database stays at schema 3 as it was. */
static gboolean
check_shared_emails (HcStore *self,
                     GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GString) list = g_string_new (NULL);
  guint groups = 0;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT hc_email_key (email) AS k, group_concat ('#' || id || ' ' || "
                          "  trim (coalesce (first_name, '') || ' ' || coalesce (last_name, '')), ', ') "
                          "FROM members WHERE state != 'archived' AND k IS NOT NULL "
                          "GROUP BY k HAVING count (*) > 1 ORDER BY min (id)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error, _("check the members’ e-mails"));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (groups++ < 5)
        g_string_append_printf (list, "\n  %s: %s", column_text (stmt, 0), column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (groups == 0)
    return TRUE;

  g_set_error (error, HC_ERROR, HC_ERROR_STORE,
               g_dngettext (GETTEXT_PACKAGE,
                            "The database %s cannot be updated: %u e-mail belongs to several members, and "
                            "this version of Headcount gives each e-mail to one member only. Change or "
                            "archive all but one of them with the previous version, then open it again:%s",
                            "The database %s cannot be updated: %u e-mails belong to several members, and "
                            "this version of Headcount gives each e-mail to one member only. Change or "
                            "archive all but one of each with the previous version, then open it again:%s",
                            groups),
               self->path, groups, list->str);
  return FALSE;
}

/* credentials_migration when its columns exist already. */
static gboolean
skip_migration (HcStore    *self,
                const char *migration)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (migration != credentials_migration && migration != removed_migration)
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, migration == removed_migration
                          ? "SELECT 1 FROM pragma_table_info ('sync_runs') WHERE name = 'removed'"
                          : "SELECT 1 FROM pragma_table_info ('connectors') WHERE name = 'credentials'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* After member_checks_migration: the schema's text changed behind
 * SQLite's back, so its version goes up by one (every connection, this
 * one included, reads the schema again). */
static gboolean
bump_schema_version (HcStore *self,
                     GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA schema_version;", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version < 0)
    return set_sqlite_error (self, error, _("update the database"));
  sql = g_strdup_printf ("PRAGMA schema_version = %d;", version + 1);
  return exec (self, sql, error);
}

/* PRAGMA user_version, under the lock or before the store is shared */
static int
schema_version_locked (HcStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (self->db != NULL &&
      sqlite3_prepare_v2 (self->db, "PRAGMA user_version;", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (HcStore *self,
         GError **error)
{
  int version = schema_version_locked (self);

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                   _("The database %s was written by a newer version of Headcount (schema %d); "
                     "this version knows schema %d at most"),
                   self->path, version, (int) G_N_ELEMENTS (migrations));
      return FALSE;
    }

  for (int v = version; v < (int) G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);

      if (!exec (self, "BEGIN IMMEDIATE;", error))
        return FALSE;
      if ((v == 3 && !check_shared_emails (self, error)) ||
          (!skip_migration (self, migrations[v]) && !exec (self, migrations[v], error)) ||
          (migrations[v] == member_checks_migration && !bump_schema_version (self, error)) ||
          !exec (self, bump, error))
        {
          exec (self, "ROLLBACK;", NULL);
          return FALSE;
        }
      if (!exec (self, "COMMIT;", error))
        return FALSE;
      g_debug ("Migrated %s to schema %d", self->path, v + 1);
    }

  return TRUE;
}

/* A database that exists is never empty: SQLite would take a 0-byte file
 * for a new database and Headcount would make it an empty workspace, when
 * it is one cut short (a full disk, a failed copy). */
static void record_interrupted_runs (HcStore *self);

static gboolean
check_not_empty (const char *path,
                 int         fd,
                 GError    **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0 || st.st_size > 0)
    return TRUE;
  g_set_error (error, HC_ERROR, HC_ERROR_STORE,
               _("The database %s is empty (0 bytes), so it holds no workspace: it may have been cut "
                 "short by a full disk or a failed copy. Headcount does not start it again as an empty "
                 "workspace. Restore the file from a backup, or remove it to start the workspace from "
                 "nothing."),
               path);
  return FALSE;
}

HcStore *
hc_store_new (const char *path,
              GError    **error)
{
  g_autoptr (HcStore) self = NULL;
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (HC_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  if (!hc_store_path_is_writable (path))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                   _("Headcount cannot write to the data folder %s (or to its database %s), so it can "
                     "read this workspace but not change it. Make both writable, then try again."),
                   dir, self->path);
      return NULL;
    }

  /* Create the file 0600 first: SQLite would make it (and its -wal and
   * -shm, which copy its mode) 0644. */
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST)
    {
      fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
      if (fd >= 0 && !check_not_empty (path, fd, error))
        {
          close (fd);
          return NULL;
        }
    }
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                   _("Could not open the database %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, _("open"));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);

  if (!exec (self, "PRAGMA foreign_keys = ON;", error))
    return NULL;
  /* Pages of 16 KiB rather than 4 for a new database (an existing one
   * keeps its own: SQLite reads it from the file). A first sync of
   * 100,000 employees writes 75 MB of rows and indexes in one
   * transaction: with pages four times larger, B-trees a level shallower
   * split four times less often and the WAL has a quarter of the frames
   * to write and copy back. */
  if (!exec (self, "PRAGMA page_size = 16384;", error))
    return NULL;
  {
    /* Checks the file is a database at all, and turns WAL on. */
    char *message = NULL;

    if (sqlite3_exec (self->db, "PRAGMA journal_mode = WAL;", NULL, NULL, &message) != SQLITE_OK)
      {
        g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                     _("%s is not a Headcount database, or it is damaged: %s"), path, message);
        sqlite3_free (message);
        return NULL;
      }
  }
  /* 32 MB of page cache: a 100,000-member sync touches every index page */
  if (!exec (self, CACHE_SIZE_SQL (CACHE_KIB), error))
    return NULL;
  if (!exec (self, "PRAGMA synchronous = NORMAL;", error))
    return NULL;
  /* Before the migrations: the e-mail index of schema 4 calls it. */
  sqlite3_create_function_v2 (self->db, "hc_email_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                              email_key_func, NULL, NULL, NULL);
  hc_packed_rows_register (self->db);
  hc_sql_rows_register (self->db);
  if (!migrate (self, error))
    return NULL;
  sqlite3_create_function_v2 (self->db, "hc_claim_alive", 1, SQLITE_UTF8, NULL,
                              claim_alive_func, NULL, NULL, NULL);
  /* A sync whose process died is recorded at the next start (rules.md 41). */
  record_interrupted_runs (self);

  return g_steal_pointer (&self);
}

static gboolean
access_denied (const char *path)
{
  return access (path, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM);
}

gboolean
hc_store_path_is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return !access_denied (dir) && !access_denied (path);
}

HcStore *
hc_store_new_read_only (const char *path,
                        GError    **error)
{
  g_autoptr (HcStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *full = NULL;
  int version;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (HC_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = TRUE;
  dir = g_path_get_dirname (path);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, HC_ERROR, saved == ENOENT ? HC_ERROR_NOT_FOUND : HC_ERROR_STORE,
                   _("Could not open the database %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (!check_not_empty (path, fd, error))
    {
      close (fd);
      return NULL;
    }
  close (fd);

  /* In a folder that cannot be written, SQLite cannot make the -shm a WAL
   * database needs even to read: "immutable" reads without it. Nothing can
   * write there either. */
  full = g_canonicalize_filename (path, NULL);
  uri = g_filename_to_uri (full, NULL, NULL);
  if (uri == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                   _("Could not open the database %s: %s"), path, g_strerror (EINVAL));
      return NULL;
    }
  if (access_denied (dir))
    {
      char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      g_free (uri);
      uri = immutable;
    }
  if (sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error, _("open"));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  if (!exec (self, "PRAGMA query_only = ON;", error))
    return NULL;

  version = schema_version_locked (self);
  if (version < 0)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                   _("%s is not a Headcount database, or it is damaged: %s"), path, sqlite3_errmsg (self->db));
      return NULL;
    }
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                   _("The database %s was written by a newer version of Headcount (schema %d); "
                     "this version knows schema %d at most"),
                   self->path, version, (int) G_N_ELEMENTS (migrations));
      return NULL;
    }
  if (version < (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                   _("The database %s was made by an older version of Headcount and must be updated "
                     "before it can be read, which its folder, read-only, does not allow. Open it once "
                     "where it can be written."),
                   path);
      return NULL;
    }
  sqlite3_create_function_v2 (self->db, "hc_email_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                              email_key_func, NULL, NULL, NULL);
  hc_packed_rows_register (self->db);
  sqlite3_create_function_v2 (self->db, "hc_claim_alive", 1, SQLITE_UTF8, NULL,
                              claim_alive_func, NULL, NULL, NULL);

  return g_steal_pointer (&self);
}

gboolean
hc_store_is_read_only (HcStore *self)
{
  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  return self->read_only;
}

const char *
hc_store_get_path (HcStore *self)
{
  g_return_val_if_fail (HC_IS_STORE (self), NULL);
  return self->path;
}

const char *
hc_store_get_workspace_id (HcStore *self)
{
  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  if (self->workspace_id == NULL)
    {
      g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
      sqlite3_stmt *stmt = NULL;

      if (self->db != NULL &&
          sqlite3_prepare_v2 (self->db, "SELECT value FROM workspace WHERE key = 'id';", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        self->workspace_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  return self->workspace_id;
}

char *
hc_store_dup_workspace_name (HcStore *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  base = g_path_get_basename (self->path);
  return hc_store_workspace_name_from_file (base);
}

int
hc_store_get_schema_version (HcStore *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), -1);

  locker = g_mutex_locker_new (&self->lock);
  return schema_version_locked (self);
}

/* Connectors */

gint64
hc_store_add_connector (HcStore        *self,
                        const char     *name,
                        const char     *kind,
                        const char     *settings_json,
                        const HcConfig *config,
                        gboolean        test_instance,
                        GError        **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (HcConfig) default_config = NULL;
  g_autofree char *config_json = NULL;
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (kind != NULL, 0);

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT, _("A connector needs a name"));
      return 0;
    }

  if (config == NULL)
    config = default_config = hc_config_new_for_kind (kind);
  /* Test instances run by hand only (rules.md 14): their stored schedule says
   * so rather than the production default of every 24 hours. */
  if (test_instance && config->schedule != HC_SCHEDULE_MANUAL)
    {
      HcConfig *manual = hc_config_copy (config);

      manual->schedule = HC_SCHEDULE_MANUAL;
      g_clear_pointer (&default_config, hc_config_free);
      config = default_config = manual;
    }
  config_json = hc_config_to_json (config);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "INSERT INTO connectors (name, kind, settings, config, test_instance, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, trimmed);
  bind_text (stmt, 2, kind);
  bind_text (stmt, 3, settings_json ? settings_json : "{}");
  bind_text (stmt, 4, config_json);
  sqlite3_bind_int (stmt, 5, test_instance ? 1 : 0);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_EXISTS,
                   _("A connector named “%s” already exists"), trimmed);
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("add the connector"));
      return 0;
    }
  return sqlite3_last_insert_rowid (self->db);
}

#define CONNECTOR_COLUMNS \
  "id, name, kind, settings, config, test_instance, state, last_error, last_sync_at, created_at, next_run_at, " \
  "credentials, failed_at, failed_run_id"

static HcConnectorInfo *
read_connector (sqlite3_stmt *stmt)
{
  HcConnectorInfo *info = g_new0 (HcConnectorInfo, 1);
  g_autoptr (GError) error = NULL;

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = g_strdup (column_text (stmt, 1));
  info->kind = g_strdup (column_text (stmt, 2));
  info->settings = g_strdup (column_text (stmt, 3));
  info->config = hc_config_new_from_json_for_kind (column_text (stmt, 4) ? column_text (stmt, 4) : "{}",
                                                   info->kind, &error);
  if (info->config == NULL)
    {
      /* Written by us; if it is damaged, say so and fall back. */
      g_warning ("Connector %s has an unreadable configuration: %s", info->name, error->message);
      info->config = hc_config_new_for_kind (info->kind);
    }
  info->test_instance = sqlite3_column_int (stmt, 5) != 0;
  if (!hc_connector_state_from_string (column_text (stmt, 6), &info->state))
    info->state = HC_CONNECTOR_STATE_ERROR;
  info->last_error = g_strdup (column_text (stmt, 7));
  info->last_sync_at = sqlite3_column_int64 (stmt, 8);
  info->created_at = sqlite3_column_int64 (stmt, 9);
  info->next_run_at = sqlite3_column_int64 (stmt, 10);
  if (!hc_credentials_from_string (column_text (stmt, 11), &info->credentials))
    info->credentials = HC_CREDENTIALS_UNTESTED;
  info->failed_at = sqlite3_column_int64 (stmt, 12);
  info->failed_run_id = sqlite3_column_int64 (stmt, 13);
  return info;
}

GPtrArray *
hc_store_list_connectors (HcStore *self,
                          GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_connector_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT " CONNECTOR_COLUMNS " FROM connectors ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_connector (stmt));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the connectors"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static HcConnectorInfo *
get_connector_where (HcStore    *self,
                     const char *sql,
                     gint64      id,
                     const char *name,
                     GError    **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = get_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (name)
    bind_text (stmt, 1, name);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      HcConnectorInfo *info = read_connector (stmt);

      sqlite3_reset (stmt);   /* do not keep a read transaction open */
      return info;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read a connector"));
      return NULL;
    }
  if (name)
    g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND, _("There is no connector named “%s”"), name);
  else
    g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
                 _("There is no connector with id %lld"), (long long) id);
  return NULL;
}

HcConnectorInfo *
hc_store_get_connector (HcStore *self,
                        gint64   id,
                        GError **error)
{
  g_return_val_if_fail (HC_IS_STORE (self), NULL);
  return get_connector_where (self, "SELECT " CONNECTOR_COLUMNS " FROM connectors WHERE id = ?",
                              id, NULL, error);
}

HcConnectorInfo *
hc_store_find_connector (HcStore    *self,
                         const char *name,
                         GError    **error)
{
  g_return_val_if_fail (HC_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return get_connector_where (self, "SELECT " CONNECTOR_COLUMNS " FROM connectors WHERE name = ?",
                              0, name, error);
}

static gboolean
expect_one_change (HcStore *self,
                   gint64   id,
                   GError **error)
{
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
                   _("There is no connector with id %lld"), (long long) id);
      return FALSE;
    }
  return TRUE;
}

gboolean
hc_store_set_connector_config (HcStore        *self,
                               gint64          id,
                               const HcConfig *config,
                               GError        **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  json = hc_config_to_json (config);
  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "UPDATE connectors SET config = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, json);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error, _("save the configuration"));
  return expect_one_change (self, id, error);
}

gboolean
hc_store_set_connector_state (HcStore         *self,
                              gint64           id,
                              HcConnectorState state,
                              const char      *last_error,
                              GError         **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "UPDATE connectors SET state = ?, last_error = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, hc_connector_state_to_string (state));
  bind_text (stmt, 2, last_error);
  sqlite3_bind_int64 (stmt, 3, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error, _("save the connector state"));
  return expect_one_change (self, id, error);
}

/* rules.md 43. Credentials that work clear the failure they caused; new
 * or rejected ones make the connector's state say so. */
gboolean
hc_store_set_connector_credentials (HcStore      *self,
                                    gint64        id,
                                    HcCredentials credentials,
                                    const char   *message,
                                    GError      **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (credentials == HC_CREDENTIALS_REJECTED)
    stmt = get_stmt (self, "UPDATE connectors SET credentials = ?1, state = 'error', last_error = ?2 "
                     "WHERE id = ?3", error);
  else
    /* The old credentials' failure says nothing of these. */
    stmt = get_stmt (self, "UPDATE connectors SET credentials = ?1,"
                     "  state = CASE WHEN credentials = 'rejected' AND state = 'error'"
                     "    THEN 'connected' ELSE state END,"
                     "  last_error = CASE WHEN credentials = 'rejected' AND state = 'error'"
                     "    THEN NULL ELSE last_error END,"
                     "  failed_at = CASE WHEN credentials = 'rejected' THEN NULL ELSE failed_at END,"
                     "  failed_run_id = CASE WHEN credentials = 'rejected' THEN NULL ELSE failed_run_id END "
                     "WHERE id = ?3", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, hc_credentials_to_string (credentials));
  bind_text (stmt, 2, message);
  sqlite3_bind_int64 (stmt, 3, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error, _("save the connector state"));
  return expect_one_change (self, id, error);
}

/* A sync attempt that failed: the card shows it beside the last
 * successful sync, and History's run behind it. */
gboolean
hc_store_set_connector_failed (HcStore    *self,
                               gint64      id,
                               gint64      failed_at,
                               gint64      run_id,
                               const char *message,
                               gboolean    rejected,
                               GError    **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "UPDATE connectors SET state = 'error', last_error = ?1, failed_at = ?2,"
                   "  failed_run_id = ?3,"
                   "  credentials = CASE WHEN ?4 THEN 'rejected' ELSE credentials END "
                   "WHERE id = ?5", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, message);
  sqlite3_bind_int64 (stmt, 2, failed_at);
  if (run_id > 0)
    sqlite3_bind_int64 (stmt, 3, run_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int (stmt, 4, rejected ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error, _("save the connector state"));
  return expect_one_change (self, id, error);
}

gboolean
hc_store_set_connector_settings (HcStore    *self,
                                 gint64      id,
                                 const char *settings_json,
                                 gboolean    test_instance,
                                 GError    **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "UPDATE connectors SET settings = ?, test_instance = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, settings_json ? settings_json : "{}");
  sqlite3_bind_int (stmt, 2, test_instance ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error, _("save the connector settings"));
  return expect_one_change (self, id, error);
}

gboolean
hc_store_rename_connector (HcStore    *self,
                           gint64      id,
                           const char *name,
                           GError    **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                           _("A connector needs a name"));
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "UPDATE connectors SET name = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, trimmed);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_EXISTS,
                   _("A connector named “%s” already exists"), trimmed);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("rename the connector"));
  return expect_one_change (self, id, error);
}

gboolean
hc_store_remove_connector (HcStore *self,
                           gint64   id,
                           GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  /* Members stay where they are (rules.md 13), their connector_id goes NULL;
   * those it managed become previously managed (the orange warning):
   * nothing keeps them up to date any more. A connector added later
   * matches them again (rules.md 5) and makes them managed. */
  locker = g_mutex_locker_new (&self->lock);
  if (!exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;
  stmt = get_stmt (self, "UPDATE members SET hr_status = 'previously_managed', updated_at = ? "
                   "WHERE connector_id = ? AND hr_status = 'managed'", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("remove the connector"));
      goto failed;
    }
  stmt = get_stmt (self, "DELETE FROM connectors WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("remove the connector"));
      goto failed;
    }
  if (!expect_one_change (self, id, error))
    goto failed;
  return exec (self, "COMMIT;", error);

failed:
  exec (self, "ROLLBACK;", NULL);
  return FALSE;
}

gboolean
hc_store_connector_has_synced (HcStore *self,
                               gint64   id)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  /* An applied run counts unless it is an undo or was undone: after the
   * undo of a first sync, the next one is a first sync again (rules.md 12). */
  stmt = get_stmt (self, "SELECT 1 FROM sync_runs r WHERE r.connector_id = ? AND r.result = 'success' "
                   "AND NOT EXISTS (SELECT 1 FROM sync_changes c WHERE c.run_id = r.id "
                   "                AND c.kind = '" HC_RUN_CHANGE_UNDO_OF "') "
                   "AND NOT EXISTS (SELECT 1 FROM sync_changes c WHERE c.kind = '" HC_RUN_CHANGE_UNDO_OF "' "
                   "                AND CAST (c.after AS INTEGER) = r.id) "
                   "LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  return FALSE;
}

/* Members */

static void
read_custom (HcMember   *member,
             JsonParser *parser,
             const char *json)
{
  JsonNode *root;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (json == NULL || !hc_json_load (parser, json, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *field = g_strconcat ("custom.", name, NULL);

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        hc_member_set_field (member, field, json_node_get_string (value));
    }
}

static HcMember *
read_member (sqlite3_stmt *stmt,
             JsonParser   *parser)
{
  HcMember *m = hc_member_new ();
  HcMemberState state = HC_MEMBER_STATE_ACTIVE;
  HcHrStatus hr_status = HC_HR_STATUS_MANUAL;

  hc_member_begin_bulk (m);

  hc_member_set_id (m, sqlite3_column_int64 (stmt, 0));
  hc_member_set_external_id (m, column_text (stmt, 1));
  hc_member_set_connector_id (m, sqlite3_column_int64 (stmt, 2));
  for (guint i = 0; i < G_N_ELEMENTS (member_text_columns); i++)
    hc_member_set_field (m, member_text_columns[i], column_text (stmt, 3 + i));
  hc_member_set_manager_id (m, sqlite3_column_int64 (stmt, 13));
  hc_member_state_from_string (column_text (stmt, 14), &state);
  hc_member_set_state (m, state);
  hc_hr_status_from_string (column_text (stmt, 15), &hr_status);
  hc_member_set_hr_status (m, hr_status);
  hc_member_set_has_access (m, sqlite3_column_int (stmt, 16) != 0);
  read_custom (m, parser, column_text (stmt, 17));
  state = HC_MEMBER_STATE_ARCHIVED;
  if (hc_member_state_from_string (column_text (stmt, 18), &state))
    hc_member_set_archived_from (m, state);
  hc_member_end_bulk (m);
  return m;
}

/* Every member in id order, with the lock held. */
static GPtrArray *
list_members_locked (HcStore *self,
                     GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_stmt (self, "SELECT " MEMBER_COLUMNS " FROM members ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_member (stmt, parser));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the members"));
      return NULL;
    }
  /* the read ends here, not at the next query */
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

/* read_member() for the plan, which reads every member on each sync: a
 * packed member (hc_member_new_packed()), its text in one block. */
static HcMember *
read_member_packed (sqlite3_stmt *stmt,
                    JsonParser   *parser)
{
  const char *values[G_N_ELEMENTS (member_text_columns)];
  HcMemberState state = HC_MEMBER_STATE_ACTIVE;
  HcHrStatus hr_status = HC_HR_STATUS_MANUAL;
  const char *custom;
  HcMember *m;

  for (guint i = 0; i < G_N_ELEMENTS (member_text_columns); i++)
    values[i] = column_text (stmt, 3 + i);
  m = hc_member_new_packed (sqlite3_column_int64 (stmt, 0), column_text (stmt, 1),
                            sqlite3_column_int64 (stmt, 2), member_text_columns, values,
                            G_N_ELEMENTS (member_text_columns));
  hc_member_set_manager_id (m, sqlite3_column_int64 (stmt, 13));
  hc_member_state_from_string (column_text (stmt, 14), &state);
  hc_member_set_state (m, state);
  hc_hr_status_from_string (column_text (stmt, 15), &hr_status);
  hc_member_set_hr_status (m, hr_status);
  hc_member_set_has_access (m, sqlite3_column_int (stmt, 16) != 0);
  custom = column_text (stmt, 17);
  if (custom != NULL && !g_str_equal (custom, "{}"))
    read_custom (m, parser, custom);
  state = HC_MEMBER_STATE_ARCHIVED;
  if (hc_member_state_from_string (column_text (stmt, 18), &state))
    hc_member_set_archived_from (m, state);
  hc_member_end_bulk (m);
  return m;
}

GPtrArray *
hc_store_list_members_for_plan (HcStore *self,
                                GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT " MEMBER_COLUMNS " FROM members ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_member_packed (stmt, parser));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the members"));
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

GPtrArray *
hc_store_list_members (HcStore *self,
                       GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GHashTable) by_id = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  list = list_members_locked (self, error);
  if (list == NULL)
    return NULL;

  /* Managers' names for the table, in one pass */
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < list->len; i++)
    {
      HcMember *m = g_ptr_array_index (list, i);
      /* the id lives in the member; hash a pointer to a stable copy */
      gint64 *key = g_new (gint64, 1);

      *key = hc_member_get_id (m);
      g_hash_table_insert (by_id, key, m);
    }
  for (guint i = 0; i < list->len; i++)
    {
      HcMember *m = g_ptr_array_index (list, i);
      gint64 manager_id = hc_member_get_manager_id (m);
      HcMember *manager = manager_id ? g_hash_table_lookup (by_id, &manager_id) : NULL;

      if (manager)
        hc_member_set_manager_name (m, hc_member_get_display_name (manager));
    }
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }

  return g_steal_pointer (&list);
}

gboolean
hc_store_foreach_member (HcStore          *self,
                         HcStoreMemberFunc func,
                         gpointer          user_data,
                         GError          **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT " MEMBER_COLUMNS " FROM members ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (HcMember) member = read_member (stmt, parser);

      if (!func (member, user_data))
        {
          sqlite3_reset (stmt);
          return TRUE;
        }
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("read the members"));
  /* the read ends here, not at the next query */
  sqlite3_reset (stmt);
  return TRUE;
}

HcMember *
hc_store_get_member (HcStore *self,
                     gint64   id,
                     GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (HcMember) member = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT " MEMBER_COLUMNS " FROM members WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
                     _("There is no member with id %lld"), (long long) id);
      else
        set_sqlite_error (self, error, _("read a member"));
      return NULL;
    }
  member = read_member (stmt, parser);
  sqlite3_reset (stmt);

  if (hc_member_get_manager_id (member) != 0)
    {
      stmt = get_stmt (self, "SELECT " MEMBER_COLUMNS " FROM members WHERE id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, hc_member_get_manager_id (member));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr (HcMember) manager = read_member (stmt, parser);

          sqlite3_reset (stmt);
          hc_member_set_manager_name (member, hc_member_get_display_name (manager));
        }
    }

  return g_steal_pointer (&member);
}

static void
append_json_string (GString    *out,
                    const char *value)
{
  const char *run = value;

  g_string_append_c (out, '"');
  for (const char *p = value;; p++)
    {
      guchar c = (guchar) * p;

      /* plain characters are copied a run at a time */
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      hc_gstring_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '\0': g_string_append_c (out, '"'); return;
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
}

static char *
custom_to_json (HcMember *member)
{
  g_autoptr (GPtrArray) names = hc_member_list_custom_fields (member);
  GString *out;

  if (names->len == 0)
    return NULL;

  out = g_string_new ("{");
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *field = g_strconcat ("custom.", (char *) g_ptr_array_index (names, i), NULL);

      if (i > 0)
        g_string_append_c (out, ',');
      append_json_string (out, g_ptr_array_index (names, i));
      g_string_append_c (out, ':');
      append_json_string (out, hc_member_get_field (member, field));
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static const char insert_member_sql[] =
  "INSERT INTO members (external_id, connector_id, email, first_name, last_name, preferred_name, "
  "title, department, team, office, start_date, end_date, manager_id, state, hr_status, has_access, "
  "custom, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* With the lock held. */
static gboolean
insert_member (HcStore  *self,
               HcMember *member,
               GError  **error)
{
  g_autofree char *custom = custom_to_json (member);
  sqlite3_stmt *stmt = get_stmt (self, insert_member_sql, error);
  gint64 now = g_get_real_time ();

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, hc_member_get_external_id (member));
  if (hc_member_get_connector_id (member))
    sqlite3_bind_int64 (stmt, 2, hc_member_get_connector_id (member));
  for (guint i = 0; i < G_N_ELEMENTS (member_text_columns); i++)
    bind_text (stmt, 3 + i, hc_member_get_field (member, member_text_columns[i]));
  if (hc_member_get_manager_id (member))
    sqlite3_bind_int64 (stmt, 13, hc_member_get_manager_id (member));
  bind_text (stmt, 14, hc_member_state_to_string (hc_member_get_state (member)));
  bind_text (stmt, 15, hc_hr_status_to_string (hc_member_get_hr_status (member)));
  sqlite3_bind_int (stmt, 16, hc_member_get_has_access (member) ? 1 : 0);
  bind_text (stmt, 17, custom);
  sqlite3_bind_int64 (stmt, 18, now);
  sqlite3_bind_int64 (stmt, 19, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error, _("add a member"));
  hc_member_set_id (member, sqlite3_last_insert_rowid (self->db));
  return TRUE;
}

gboolean
hc_store_add_member (HcStore  *self,
                     HcMember *member,
                     GError  **error)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (HC_IS_MEMBER (member), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  return insert_member (self, member, error);
}

gboolean
hc_store_add_members (HcStore   *self,
                      GPtrArray *members,
                      GPtrArray *managers,
                      GError   **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GError) local_error = NULL;
  gint64 now = g_get_real_time ();
  guint inserted = 0;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (members != NULL, FALSE);
  g_return_val_if_fail (managers == NULL || managers->len == members->len, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;

  for (; inserted < members->len; inserted++)
    {
      if (!insert_member (self, g_ptr_array_index (members, inserted), &local_error))
        goto failed;
    }

  /* Managers last: one of them may be inserted after its report. */
  for (guint i = 0; managers != NULL && i < managers->len; i++)
    {
      HcMember *manager = g_ptr_array_index (managers, i);
      sqlite3_stmt *stmt;

      if (manager == NULL)
        continue;
      if (hc_member_get_id (manager) == 0)
        {
          g_set_error_literal (&local_error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                               _("A manager is neither in the directory nor among the new members"));
          goto failed;
        }
      stmt = get_stmt (self, "UPDATE members SET manager_id = ?, updated_at = ? WHERE id = ?", &local_error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, hc_member_get_id (manager));
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, hc_member_get_id (g_ptr_array_index (members, i)));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sqlite_error (self, &local_error, _("set a manager"));
          goto failed;
        }
    }

  if (!exec (self, "COMMIT;", &local_error))
    goto failed;

  for (guint i = 0; managers != NULL && i < managers->len; i++)
    {
      HcMember *manager = g_ptr_array_index (managers, i);
      HcMember *member = g_ptr_array_index (members, i);

      if (manager == NULL)
        continue;
      hc_member_set_manager_id (member, hc_member_get_id (manager));
      hc_member_set_manager_name (member, hc_member_get_display_name (manager));
    }

  return TRUE;

failed:
  exec (self, "ROLLBACK;", NULL);
  for (guint i = 0; i < inserted; i++)
    hc_member_set_id (g_ptr_array_index (members, i), 0);
  g_set_error (error, HC_ERROR, HC_ERROR_STORE,
               _("The members could not be saved, so none was added: %s"), local_error->message);
  return FALSE;
}

gboolean
hc_store_add_members_streamed (HcStore             *self,
                               HcStoreMemberSource  members,
                               HcStoreManagerSource managers,
                               gpointer             user_data,
                               guint               *n_added,
                               GError             **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (HcMember) added = NULL;
  gint64 now = g_get_real_time ();
  gint64 member_id, manager_id;
  guint count = 0;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (members != NULL, FALSE);

  if (n_added != NULL)
    *n_added = 0;

  locker = g_mutex_locker_new (&self->lock);
  if (!exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;

  for (;;)
    {
      HcMember *next = NULL;

      if (!members (user_data, added, &next, &local_error))
        goto failed;
      g_clear_object (&added);
      if (next == NULL)
        break;
      added = next;
      if (!insert_member (self, added, &local_error))
        goto failed;
      count++;
    }

  /* Managers last: one of them may be inserted after its report. */
  while (managers != NULL && managers (user_data, &member_id, &manager_id))
    {
      sqlite3_stmt *stmt = get_stmt (self, "UPDATE members SET manager_id = ?, updated_at = ? WHERE id = ?",
                                     &local_error);

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, manager_id);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, member_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sqlite_error (self, &local_error, _("set a manager"));
          goto failed;
        }
    }

  if (!exec (self, "COMMIT;", &local_error))
    goto failed;

  if (n_added != NULL)
    *n_added = count;

  return TRUE;

failed:
  exec (self, "ROLLBACK;", NULL);
  g_set_error (error, HC_ERROR, HC_ERROR_STORE,
               _("The members could not be saved, so none was added: %s"), local_error->message);
  return FALSE;
}

guint
hc_store_count_connector_members (HcStore *self,
                                  gint64   connector_id)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (HC_IS_STORE (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT count(*) FROM members WHERE connector_id = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, connector_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

guint
hc_store_count_members (HcStore *self,
                        int      state)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  if (state < 0)
    stmt = get_stmt (self, "SELECT count(*) FROM members", NULL);
  else
    {
      stmt = get_stmt (self, "SELECT count(*) FROM members WHERE state = ?", NULL);
      if (stmt)
        bind_text (stmt, 1, hc_member_state_to_string (state));
    }
  guint count = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return count;
}

/* Sync application */

static gboolean
step_done (HcStore      *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error, what);
  return TRUE;
}

static const char *
column_for_field (const char *field)
{
  int column = member_text_column (field);

  if (column >= 0)
    return member_text_columns[column];
  if (g_str_equal (field, HC_MEMBER_FIELD_EMPLOYEE_ID))
    return "external_id";
  return NULL;
}

/* A member as people know them: "Ann Lee <ann@example.com>", the name or
 * the e-mail alone, or NULL when the member is gone. (transfer full) */
static char *
describe_member_locked (HcStore *self,
                        gint64   member_id)
{
  sqlite3_stmt *stmt = get_stmt (self, "SELECT trim (coalesce (nullif (preferred_name, ''), first_name, '') "
                                 "|| ' ' || coalesce (last_name, '')), email FROM members WHERE id = ?", NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = column_text (stmt, 0);
      const char *email = column_text (stmt, 1);

      if (name != NULL && *name != '\0' && email != NULL && *email != '\0')
        text = g_strdup_printf ("%s <%s>", name, email);
      else if (name != NULL && *name != '\0')
        text = g_strdup (name);
      else if (email != NULL && *email != '\0')
        text = g_strdup (email);
    }
  sqlite3_reset (stmt);
  return text;
}

/* @who: the member's name as the plan or the change knows it, for an
 * error once they are gone. */
static gboolean
apply_change (HcStore             *self,
              gint64               member_id,
              const char          *who,
              const HcFieldChange *change,
              GError             **error)
{
  const char *column = column_for_field (change->field);
  sqlite3_stmt *stmt;

  if (column != NULL)
    {
      /* one cached statement per column */
      g_autofree char *sql = g_strdup_printf ("UPDATE members SET %s = ? WHERE id = ?", column);
      const char *interned = g_intern_string (sql);

      stmt = get_stmt (self, interned, error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, change->after);
      sqlite3_bind_int64 (stmt, 2, member_id);
    }
  else if (g_str_has_prefix (change->field, "custom."))
    {
      g_autofree char *path = g_strdup_printf ("$.\"%s\"", change->field + strlen ("custom."));

      if (change->after)
        {
          stmt = get_stmt (self, "UPDATE members SET custom = json_set (coalesce (custom, '{}'), ?, ?) "
                           "WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          bind_text (stmt, 1, path);
          bind_text (stmt, 2, change->after);
          sqlite3_bind_int64 (stmt, 3, member_id);
        }
      else
        {
          stmt = get_stmt (self, "UPDATE members SET custom = json_remove (custom, ?) WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          bind_text (stmt, 1, path);
          sqlite3_bind_int64 (stmt, 2, member_id);
        }
    }
  else if (g_str_equal (change->field, "state"))
    {
      stmt = get_stmt (self, "UPDATE members SET state = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, change->after);
      sqlite3_bind_int64 (stmt, 2, member_id);
    }
  else if (g_str_equal (change->field, "access"))
    {
      stmt = get_stmt (self, "UPDATE members SET has_access = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, g_strcmp0 (change->after, "yes") == 0);
      sqlite3_bind_int64 (stmt, 2, member_id);
    }
  else
    return TRUE;  /* manager and hr_status: handled by the caller */

  if (!step_done (self, stmt, _("update a member"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      if (who != NULL && *who != '\0')
        g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                     _("%s is no longer in the directory; it changed during the sync"), who);
      else
        g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                     _("A member is no longer in the directory; it changed during the sync"));
      return FALSE;
    }
  return TRUE;
}

/* A new invitation of @member_id, to @email (NULL: the member's e-mail). */
static gboolean
record_invitation (HcStore    *self,
                   gint64      member_id,
                   gint64      run_id,
                   const char *email,
                   gint64      now,
                   GError    **error)
{
  sqlite3_stmt *stmt = get_stmt (self, "INSERT INTO invitations (member_id, run_id, email, created_at) "
                                 "SELECT id, ?2, coalesce (?3, email), ?4 FROM members "
                                 "WHERE id = ?1 AND coalesce (?3, email) IS NOT NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (run_id != 0)
    sqlite3_bind_int64 (stmt, 2, run_id);
  bind_text_static (stmt, 3, email);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!step_done (self, stmt, _("record an invitation"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *who = describe_member_locked (self, member_id);

      if (who != NULL)
        g_set_error (error, HC_ERROR, HC_ERROR_STORE, _("%s has no e-mail to invite"), who);
      else
        g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                     _("A member is no longer in the directory; it changed during the sync"));
      return FALSE;
    }
  return TRUE;
}

/* record_invitation() for a member this apply has just inserted with
 * @member_email: no need to read it back. */
static gboolean
record_new_invitation (HcStore    *self,
                       gint64      member_id,
                       gint64      run_id,
                       const char *email,
                       const char *member_email,
                       gint64      now,
                       GError    **error)
{
  sqlite3_stmt *stmt;

  if (email == NULL)
    email = member_email;
  if (email == NULL)
    return record_invitation (self, member_id, run_id, NULL, now, error);
  stmt = get_stmt (self, "INSERT INTO invitations (member_id, run_id, email, created_at) "
                   "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (run_id != 0)
    sqlite3_bind_int64 (stmt, 2, run_id);
  bind_text_static (stmt, 3, email);
  sqlite3_bind_int64 (stmt, 4, now);
  return step_done (self, stmt, _("record an invitation"), error);
}

/* The kind of sync_changes rows for an archive the admin did not approve:
 * listed in the run, not applied. */
#define STAGED_ARCHIVE_KIND "staged_archive"

/* Most rows of a sync's history are stored packed (hc-packed-rows.c):
 * the members it created (their initial values) and what its group and
 * role step changed (rules.md 37–39), a row each in History
 * (hc_store_list_run_changes()),
 * are kept in sync_changes rows of this kind, each one's "after" a JSON
 * array of the rows, each [kind, member id, employee id, field, before,
 * after, rule, object id], the elements left out at the end read as null.
 * A created member's "after" is its initial values, a JSON object. A first
 * sync of 100,000 gives as many new members and as many roles: a value
 * written for every few thousand rather than 200,000 rows and their index
 * entries. What is read by kind or by member stays a row of its own: the
 * other changes of the members (the HR status a later undo looks for),
 * staged archives, removals and undos. The name of the kind is the one it
 * had when only the group step's rows were stored this way. */
#define PACKED_ROWS_KIND "group_rows"
/* The rows of run ?1 as they were recorded, those of PACKED_ROWS_KIND
 * each taken apart in its place: a table s (id, sub, member_id,
 * employee_id, kind, field, before, after, rule, object_id), in the
 * order of (id, sub). What reads a run's rows reads them through it. */
#define RUN_ROWS_SQL \
  "WITH s (id, sub, member_id, employee_id, kind, field, before, after, rule, object_id) AS (" \
  "  SELECT id, 0, member_id, employee_id, kind, field, before, after, rule, object_id " \
  "  FROM sync_changes WHERE run_id = ?1 AND kind != '" PACKED_ROWS_KIND "' " \
  "  UNION ALL " \
  "  SELECT c.id, j.key, j.value ->> 1, j.value ->> 2, j.value ->> 0, j.value ->> 3, " \
  "  j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7 " \
  "  FROM sync_changes c, json_each (hc_unpack (c.after)) j " \
  "  WHERE c.run_id = ?1 AND c.kind = '" PACKED_ROWS_KIND "') "

static void
append_json_int_or_null (GString *out,
                         gint64   value)
{
  if (value != 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
  else
    g_string_append (out, "null");
}

static void
append_json_string_or_null (GString    *out,
                            const char *value)
{
  if (value != NULL)
    append_json_string (out, value);
  else
    g_string_append (out, "null");
}

/* The start of a packed row (PACKED_ROWS_KIND): "[kind,member id,employee id" */
static void
append_row_head (GString    *rows,
                 const char *kind,
                 gint64      member_id,
                 const char *employee_id)
{
  g_string_append_c (rows, '[');
  append_json_string (rows, kind);
  g_string_append_c (rows, ',');
  append_json_int_or_null (rows, member_id);
  g_string_append_c (rows, ',');
  append_json_string_or_null (rows, employee_id);
}

/* Where an apply's packed rows go (HcPackedRowsInsertFunc) */
typedef struct
{
  HcStore *store;
  gint64   run_id;
} PackedTarget;

static gboolean
insert_packed_value (gconstpointer data,
                     gsize         size,
                     gboolean      compressed,
                     gpointer      user_data,
                     GError      **error)
{
  PackedTarget *target = user_data;
  sqlite3_stmt *stmt = get_stmt (target->store, "INSERT INTO sync_changes (run_id, kind, after) "
                                 "VALUES (?, '" PACKED_ROWS_KIND "', ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target->run_id);
  if (compressed)
    sqlite3_bind_blob64 (stmt, 2, data, size, SQLITE_STATIC);
  else
    sqlite3_bind_text64 (stmt, 2, data, size, SQLITE_STATIC, SQLITE_UTF8);
  return step_done (target->store, stmt, _("record a change"), error);
}

static gboolean
record_change_of_kind (HcStore             *self,
                       gint64               run_id,
                       const HcPlanItem    *item,
                       const char          *kind,
                       gint64               member_id,
                       const HcFieldChange *change,
                       GError             **error)
{
  sqlite3_stmt *stmt = get_stmt (self, "INSERT INTO sync_changes (run_id, member_id, employee_id, kind, "
                                 "field, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (member_id)
    sqlite3_bind_int64 (stmt, 2, member_id);
  bind_text_static (stmt, 3, item->employee_id);
  bind_text_static (stmt, 4, kind);
  bind_text_static (stmt, 5, change ? change->field : NULL);
  bind_text_static (stmt, 6, change ? change->before : NULL);
  bind_text_static (stmt, 7, change ? change->after : NULL);
  return step_done (self, stmt, _("record a change"), error);
}

static gboolean
record_change (HcStore             *self,
               gint64               run_id,
               const HcPlanItem    *item,
               gint64               member_id,
               const HcFieldChange *change,
               GError             **error)
{
  return record_change_of_kind (self, run_id, item, hc_plan_kind_to_string (item->kind),
                                member_id, change, error);
}

static gboolean prune_runs_locked (HcStore *self, gint64 connector_id, guint keep,
                                   guint *n_pruned, GError **error);

static gboolean
insert_run (HcStore   *self,
            HcSyncRun *run,
            GError   **error)
{
  sqlite3_stmt *stmt = get_stmt (self, "INSERT INTO sync_runs (connector_id, connector_name, started_at, "
                                 "finished_at, trigger, result, error, invited, created_no_access, "
                                 "became_managed, updated, archived, unmanaged, skipped, unchanged, removed, waited) "
                                 "VALUES (?, coalesce ((SELECT name FROM connectors WHERE id = ?), ?), ?, ?, ?, "
                                 "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  if (run->connector_id)
    sqlite3_bind_int64 (stmt, 1, run->connector_id);
  sqlite3_bind_int64 (stmt, 2, run->connector_id);
  /* the name of a connector removed since (an undo of its disconnect) */
  bind_text (stmt, 3, run->connector_name);
  sqlite3_bind_int64 (stmt, 4, run->started_at);
  sqlite3_bind_int64 (stmt, 5, run->finished_at);
  bind_text (stmt, 6, hc_sync_trigger_to_string (run->trigger));
  bind_text (stmt, 7, hc_sync_result_to_string (run->result));
  bind_text (stmt, 8, run->error_message);
  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    sqlite3_bind_int (stmt, 9 + k, run->counts[k]);
  sqlite3_bind_int64 (stmt, 9 + HC_PLAN_N_KINDS, MAX (run->waited, 0));
  if (!step_done (self, stmt, _("record the sync"), error))
    return FALSE;
  run->id = sqlite3_last_insert_rowid (self->db);
  /* Retention: the newest runs of the connector only. */
  if (run->connector_id && !prune_runs_locked (self, run->connector_id, self->run_retention, NULL, error))
    return FALSE;
  /* The run has its entry: should its process die before it frees the
   * connector, its claim is no run to record as interrupted (rules.md 41). */
  if (run->connector_id)
    {
      stmt = get_stmt (self, "UPDATE connectors SET run_trigger = NULL "
                       "WHERE id = ?1 AND run_claimed_by = ?2 AND run_trigger IS NOT NULL", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, run->connector_id);
      bind_text (stmt, 2, claim_owner ());
      if (!step_done (self, stmt, _("record the sync"), error))
        return FALSE;
    }
  return TRUE;
}

/* The creation of @member_id by @data, a plan item, as a row of @rows
 * (PACKED_ROWS_KIND), its initial values one JSON object: a row per field
 * would be ten times more rows for a first sync. On the thread that
 * compresses the rows (HcPackedRowsFormatFunc). */
static void
append_created_row (GString      *rows,
                    gconstpointer data,
                    gint64        member_id,
                    gint64        other_id)
{
  const HcPlanItem *item = data;

  append_row_head (rows, hc_plan_kind_to_string (item->kind), member_id, item->employee_id);
  g_string_append (rows, ",null,null,{");
  for (guint i = 0; item->changes && i < item->changes->len; i++)
    {
      HcFieldChange *c = g_ptr_array_index (item->changes, i);

      if (i > 0)
        g_string_append_c (rows, ',');
      append_json_string (rows, c->field);
      g_string_append_c (rows, ':');
      append_json_string_or_null (rows, c->after);
    }
  g_string_append (rows, "}]");
}

/* The values of the member a plan item creates, straight from its
 * changes: each of member_text_columns (borrowed, NULL when not set) into
 * @texts, the custom fields as a JSON object (NULL when none) into
 * *@custom. */
static void
planned_member_values (HcPlanItem *item,
                       const char *texts[G_N_ELEMENTS (member_text_columns)],
                       GString   **custom)
{
  memset (texts, 0, sizeof (const char *) * G_N_ELEMENTS (member_text_columns));
  for (guint j = 0; item->changes && j < item->changes->len; j++)
    {
      HcFieldChange *c = g_ptr_array_index (item->changes, j);
      int column;

      if (g_str_has_prefix (c->field, "custom."))
        {
          if (c->after == NULL)
            continue;
          if (*custom == NULL)
            *custom = g_string_new ("{");
          else
            g_string_append_c (*custom, ',');
          append_json_string (*custom, c->field + strlen ("custom."));
          g_string_append_c (*custom, ':');
          append_json_string (*custom, c->after);
          continue;
        }
      column = member_text_column (c->field);
      if (column >= 0)
        texts[column] = c->after;
    }
  if (*custom != NULL)
    g_string_append_c (*custom, '}');
}

/* Inserts the member a plan item creates, straight from its changes; its
 * e-mail (or NULL) into @email. */
static gint64
insert_planned_member (HcStore     *self,
                       HcPlanItem  *item,
                       gint64       connector_id,
                       gint64       manager_id,
                       const char **email,
                       GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, insert_member_sql, error);
  const char *texts[G_N_ELEMENTS (member_text_columns)];
  g_autoptr (GString) custom = NULL;
  gint64 now = g_get_real_time ();

  *email = NULL;
  if (stmt == NULL)
    return 0;
  planned_member_values (item, texts, &custom);
  bind_text_static (stmt, 1, item->employee_id);
  sqlite3_bind_int64 (stmt, 2, connector_id);
  for (guint i = 0; i < G_N_ELEMENTS (member_text_columns); i++)
    bind_text_static (stmt, 3 + i, texts[i]);
  *email = texts[0];  /* member_text_columns[0] */
  if (manager_id)
    sqlite3_bind_int64 (stmt, 13, manager_id);
  bind_text_static (stmt, 14, item->kind == HC_PLAN_INVITE ? "invited" : "active");
  bind_text_static (stmt, 15, "managed");
  sqlite3_bind_int (stmt, 16, item->kind == HC_PLAN_INVITE);
  if (custom)
    bind_text_static (stmt, 17, custom->str);
  sqlite3_bind_int64 (stmt, 18, now);
  sqlite3_bind_int64 (stmt, 19, now);
  if (!step_done (self, stmt, _("add a member"), error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
has_manager_change (HcPlanItem *item)
{
  for (guint j = 0; item->changes && j < item->changes->len; j++)
    if (g_str_equal (((HcFieldChange *) g_ptr_array_index (item->changes, j))->field,
                     HC_MEMBER_FIELD_MANAGER))
      return TRUE;
  return FALSE;
}

static gboolean
set_manager (HcStore *self,
             gint64   member_id,
             gint64   manager_id,
             GError **error)
{
  sqlite3_stmt *stmt = get_stmt (self, "UPDATE members SET manager_id = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (manager_id)
    sqlite3_bind_int64 (stmt, 1, manager_id);
  sqlite3_bind_int64 (stmt, 2, member_id);
  return step_done (self, stmt, _("set a manager"), error);
}

static gboolean apply_group_plan_locked (HcStore *self, HcPlan *plan, HcSyncRun *run, HcPackedRows *packed,
                                         GHashTable *member_of, GArray *item_members, gboolean bulk,
                                         gint64 now, GError **error);

/* Whether @item makes a new member: invited, or without access. */
static inline gboolean
creates_member (const HcPlanItem *item)
{
  return item->kind == HC_PLAN_INVITE || item->kind == HC_PLAN_CREATE_NO_ACCESS;
}

/* What a bulk apply hands to each statement (hc-sql-rows.c): a member's
 * row is 20 values of 16 bytes, some 1.3 MB for these. */
#define BULK_ROWS 4096

static const char bulk_members_sql[] =
  "INSERT INTO members (id, external_id, connector_id, email, first_name, last_name, preferred_name, "
  "title, department, team, office, start_date, end_date, manager_id, state, hr_status, has_access, "
  "custom, created_at, updated_at) "
  "SELECT c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19 "
  "FROM hc_rows (?1)";
#define BULK_MEMBER_COLUMNS 20

static const char bulk_invitations_sql[] =
  "INSERT INTO invitations (member_id, run_id, email, created_at) SELECT c0, c1, c2, c3 FROM hc_rows (?1)";

static void
gstring_free (gpointer string)
{
  g_string_free (string, TRUE);
}

/* @rows written by @sql, which reads them from hc_rows (?1). */
static gboolean
insert_rows_locked (HcStore    *self,
                    const char *sql,
                    HcSqlRows  *rows,
                    const char *what,
                    GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean done;

  if (hc_sql_rows_get_len (rows) == 0)
    return TRUE;
  stmt = get_stmt (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  hc_sql_rows_bind (stmt, 1, rows);
  done = step_done (self, stmt, what, error);
  /* nothing left pointing at the rows */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return done;
}

/* The members a plan for a bulk load creates, with their invitations,
 * BULK_ROWS items at a time. Their ids are given first, in the items'
 * order from the first free one, so that each manager's id is known when
 * the rows are written (the usual apply sets in a second pass the
 * managers created after their reports; foreign keys are off). */
static gboolean
create_members_in_bulk_locked (HcStore      *self,
                               HcPlan       *plan,
                               gint64        run_id,
                               HcPackedRows *packed,
                               GHashTable   *member_of,
                               GArray       *item_members,
                               gint64        now,
                               GError      **error)
{
  GPtrArray *items = hc_plan_get_items (plan);
  gint64 connector_id = hc_plan_get_connector_id (plan);
  g_autoptr (HcSqlRows) members = hc_sql_rows_new (BULK_MEMBER_COLUMNS);
  g_autoptr (HcSqlRows) invitations = hc_sql_rows_new (4);
  /* the rows' custom fields, and the invitations that have no e-mail */
  g_autoptr (GPtrArray) customs = g_ptr_array_new_with_free_func (gstring_free);
  g_autoptr (GArray) no_email = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *stmt;
  gint64 next_id;
  int rc;

  stmt = get_stmt (self, "SELECT ifnull (max (id), 0) + 1 FROM members", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  next_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, error, _("read the members"));

  for (guint i = 0; i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);

      if (!creates_member (item))
        continue;
      g_array_index (item_members, gint64, i) = next_id++;
      g_hash_table_insert (member_of, item->employee_id, &g_array_index (item_members, gint64, i));
    }

  for (guint start = 0; start < items->len; start += BULK_ROWS)
    {
      guint end = MIN (start + BULK_ROWS, items->len);
      gint64 created_at = g_get_real_time ();

      hc_sql_rows_clear (members);
      hc_sql_rows_clear (invitations);
      g_ptr_array_set_size (customs, 0);
      g_array_set_size (no_email, 0);
      for (guint i = start; i < end; i++)
        {
          HcPlanItem *item = g_ptr_array_index (items, i);
          gint64 member_id = g_array_index (item_members, gint64, i);
          const char *texts[G_N_ELEMENTS (member_text_columns)];
          GString *custom = NULL;
          gint64 *manager;

          if (!creates_member (item))
            continue;
          planned_member_values (item, texts, &custom);
          manager = item->manager_employee_id ? g_hash_table_lookup (member_of, item->manager_employee_id) : NULL;
          hc_sql_rows_add (members);
          hc_sql_rows_set_int (members, 0, member_id);
          hc_sql_rows_set_text (members, 1, item->employee_id);
          hc_sql_rows_set_int (members, 2, connector_id);
          for (guint k = 0; k < G_N_ELEMENTS (member_text_columns); k++)
            hc_sql_rows_set_text (members, 3 + k, texts[k]);
          if (manager != NULL)
            hc_sql_rows_set_int (members, 13, *manager);
          hc_sql_rows_set_text (members, 14, item->kind == HC_PLAN_INVITE ? "invited" : "active");
          hc_sql_rows_set_text (members, 15, "managed");
          hc_sql_rows_set_int (members, 16, item->kind == HC_PLAN_INVITE);
          if (custom != NULL)
            {
              g_ptr_array_add (customs, custom);
              hc_sql_rows_set_text (members, 17, custom->str);
            }
          hc_sql_rows_set_int (members, 18, created_at);
          hc_sql_rows_set_int (members, 19, created_at);

          /* as record_new_invitation(): the item's, or the member's (texts[0]) */
          if (item->kind == HC_PLAN_INVITE && (item->email != NULL || texts[0] != NULL))
            {
              hc_sql_rows_add (invitations);
              hc_sql_rows_set_int (invitations, 0, member_id);
              if (run_id != 0)
                hc_sql_rows_set_int (invitations, 1, run_id);
              hc_sql_rows_set_text (invitations, 2, item->email != NULL ? item->email : texts[0]);
              hc_sql_rows_set_int (invitations, 3, now);
            }
          else if (item->kind == HC_PLAN_INVITE)
            g_array_append_val (no_email, i);

          if (!hc_packed_rows_add_later (packed, append_created_row, item, member_id, 0,
                                         64 + (item->changes ? item->changes->len * 24 : 0), error))
            return FALSE;
        }
      if (!insert_rows_locked (self, bulk_members_sql, members, _("add a member"), error) ||
          !insert_rows_locked (self, bulk_invitations_sql, invitations, _("record an invitation"), error))
        return FALSE;
      /* no e-mail to invite: record_invitation() says so, as usual */
      for (guint k = 0; k < no_email->len; k++)
        if (!record_invitation (self, g_array_index (item_members, gint64, g_array_index (no_email, guint, k)),
                                run_id, NULL, now, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean undo_group_item_locked (HcStore *self, const HcUndoItem *item, gint64 connector_id,
                                        gint64 now, GError **error);

/* @bulk: a bulk load (apply_plan_in_bulk_locked()). */
static gboolean
apply_plan_locked (HcStore   *self,
                   HcPlan    *plan,
                   HcSyncRun *run,
                   gboolean   bulk,
                   GError   **error)
{
  GPtrArray *items = hc_plan_get_items (plan);
  gint64 connector_id = hc_plan_get_connector_id (plan);
  g_autoptr (GArray) item_members = g_array_sized_new (FALSE, TRUE, sizeof (gint64), items->len);
  /* employee id → member id (in @item_members), for managers (rules.md 7) */
  g_autoptr (GHashTable) member_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) deferred = g_ptr_array_new ();
  g_autoptr (GHashTable) snapshots = NULL;     /* member id → a removed member whole */
  /* the created members' rows and the group step's (PACKED_ROWS_KIND) */
  PackedTarget target = { self, 0 };
  g_autoptr (HcPackedRows) packed = hc_packed_rows_new (insert_packed_value, &target);
  gint64 now = g_get_real_time ();
  sqlite3_stmt *stmt;

  run->finished_at = now;
  run->result = HC_SYNC_RESULT_SUCCESS;
  hc_sync_run_set_counts_from_plan (run, plan);
  /* The run counts what it applied; staged archives are listed apart. */
  run->counts[HC_PLAN_ARCHIVE] -= hc_plan_count_staged (plan);
  if (!insert_run (self, run, error))
    return FALSE;
  target.run_id = run->id;

  g_array_set_size (item_members, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);

      /* The members a disconnect removes, each taken whole before any
       * goes: a manager's removal would take its reports' link. */
      if (item->kind == HC_PLAN_REMOVE)
        {
          char *snapshot = hc_member_snapshot_take (self->db, item->member_id, error);

          if (snapshot == NULL)
            return FALSE;
          if (snapshots == NULL)
            snapshots = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
          g_hash_table_insert (snapshots, &item->member_id, snapshot);
        }
      if (item->member_id != 0 && item->employee_id != NULL &&
          item->kind != HC_PLAN_SKIP && item->kind != HC_PLAN_ARCHIVE && item->kind != HC_PLAN_UNMANAGE)
        {
          g_array_index (item_members, gint64, i) = item->member_id;
          g_hash_table_insert (member_of, item->employee_id, &g_array_index (item_members, gint64, i));
        }
    }

  /* A bulk load only creates members (and skips employees). */
  if (bulk && !create_members_in_bulk_locked (self, plan, run->id, packed, member_of, item_members, now, error))
    return FALSE;
  for (guint i = 0; !bulk && i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);
      gint64 member_id = item->member_id;
      gboolean manager_done = FALSE;

      /* The rows packed so far before a row of its own: History lists
       * them in the order they were made. */
      if (!creates_member (item) && item->kind != HC_PLAN_SKIP && item->kind != HC_PLAN_UNCHANGED &&
          !hc_packed_rows_flush (packed, error))
        return FALSE;

      switch (item->kind)
        {
        case HC_PLAN_INVITE:
        case HC_PLAN_CREATE_NO_ACCESS:
          {
            const char *email = NULL;
            gint64 *manager = item->manager_employee_id
                              ? g_hash_table_lookup (member_of, item->manager_employee_id) : NULL;

            /* a manager created earlier in this run, or already there */
            manager_done = manager != NULL;
            member_id = insert_planned_member (self, item, connector_id, manager ? *manager : 0, &email, error);
            if (member_id == 0)
              return FALSE;
            g_array_index (item_members, gint64, i) = member_id;
            g_hash_table_insert (member_of, item->employee_id, &g_array_index (item_members, gint64, i));

            if (item->kind == HC_PLAN_INVITE &&
                !record_new_invitation (self, member_id, run->id, item->email, email, now, error))
              return FALSE;

            if (!hc_packed_rows_add_later (packed, append_created_row, item, member_id, 0,
                                           64 + (item->changes ? item->changes->len * 24 : 0), error))
              return FALSE;
          }
          break;

        case HC_PLAN_BECOME_MANAGED:
        case HC_PLAN_UPDATE:
          {
            gboolean invite = FALSE;

            for (guint j = 0; item->changes && j < item->changes->len; j++)
              {
                HcFieldChange *change = g_ptr_array_index (item->changes, j);

                if (!apply_change (self, member_id, item->display_name, change, error))
                  return FALSE;
                /* Back from the archive without having joined, or given
                 * access by an e-mail from HR: a new invitation, as for a
                 * new member; one, even when both show in the changes. */
                if ((g_str_equal (change->field, "state") && g_strcmp0 (change->after, "invited") == 0) ||
                    (g_str_equal (change->field, "access") && g_strcmp0 (change->after, "yes") == 0))
                  invite = TRUE;
              }
            if (invite && !record_invitation (self, member_id, run->id, item->email, now, error))
              return FALSE;
          }
          stmt = get_stmt (self, "UPDATE members SET hr_status = 'managed', connector_id = ?, "
                           "updated_at = ? WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, connector_id);
          sqlite3_bind_int64 (stmt, 2, now);
          sqlite3_bind_int64 (stmt, 3, member_id);
          if (!step_done (self, stmt, _("update a member"), error))
            return FALSE;
          for (guint j = 0; item->changes && j < item->changes->len; j++)
            if (!record_change (self, run->id, item, member_id, g_ptr_array_index (item->changes, j), error))
              return FALSE;
          if (item->changes == NULL || item->changes->len == 0)
            if (!record_change (self, run->id, item, member_id, NULL, error))
              return FALSE;
          break;

        case HC_PLAN_ARCHIVE:
        case HC_PLAN_UNMANAGE:
          if (item->kind == HC_PLAN_ARCHIVE && item->staged)
            {
              if (!record_change_of_kind (self, run->id, item, STAGED_ARCHIVE_KIND, member_id, NULL, error))
                return FALSE;
              continue;
            }
          stmt = get_stmt (self, item->kind == HC_PLAN_ARCHIVE
                                 ? "UPDATE members SET state = 'archived', updated_at = ? WHERE id = ?"
                                 : "UPDATE members SET hr_status = 'previously_managed', updated_at = ? WHERE id = ?",
                           error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, now);
          sqlite3_bind_int64 (stmt, 2, member_id);
          if (!step_done (self, stmt, _("update a member"), error))
            return FALSE;
          if (sqlite3_changes (self->db) == 0)
            {
              if (item->display_name != NULL && *item->display_name != '\0')
                g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                             _("%s is no longer in the directory; it changed during the sync"),
                             item->display_name);
              else
                g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                             _("A member is no longer in the directory; it changed during the sync"));
              return FALSE;
            }
          for (guint j = 0; item->changes && j < item->changes->len; j++)
            if (!record_change (self, run->id, item, member_id, g_ptr_array_index (item->changes, j), error))
              return FALSE;
          break;

        case HC_PLAN_REMOVE:
          {
            /* rules.md 47: the member whole in the history, so that the
             * undo puts it back with what went with it. */
            HcFieldChange all = { NULL, NULL, NULL };

            all.before = g_hash_table_lookup (snapshots, &item->member_id);
            if (!record_change (self, run->id, item, member_id, &all, error))
              return FALSE;
            stmt = get_stmt (self, "DELETE FROM members WHERE id = ?", error);
            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_int64 (stmt, 1, member_id);
            if (!step_done (self, stmt, _("remove a member"), error))
              return FALSE;
          }
          continue;

        case HC_PLAN_SKIP:
        case HC_PLAN_UNCHANGED:
        case HC_PLAN_N_KINDS:
        default:
          continue;
        }

      g_array_index (item_members, gint64, i) = member_id;
      if (!manager_done && has_manager_change (item))
        g_ptr_array_add (deferred, GUINT_TO_POINTER (i));
    }

  /* Managers created after their reports: every member exists now. */
  for (guint d = 0; d < deferred->len; d++)
    {
      guint i = GPOINTER_TO_UINT (g_ptr_array_index (deferred, d));
      HcPlanItem *item = g_ptr_array_index (items, i);
      gint64 *manager = item->manager_employee_id
                        ? g_hash_table_lookup (member_of, item->manager_employee_id) : NULL;

      if (!set_manager (self, g_array_index (item_members, gint64, i), manager ? *manager : 0, error))
        return FALSE;
    }

  /* Groups and roles (rules.md 37–39), every member being there now. */
  if (!apply_group_plan_locked (self, plan, run, packed, member_of, item_members, bulk, now, error) ||
      !hc_packed_rows_flush (packed, error))
    return FALSE;

  /* A disconnect's run (rules.md 47) says nothing of the connection. */
  if (run->trigger == HC_SYNC_TRIGGER_DISCONNECT)
    return TRUE;

  stmt = get_stmt (self, "UPDATE connectors SET last_sync_at = ?, state = 'connected', last_error = NULL,"
                   "  credentials = 'accepted', failed_at = NULL, failed_run_id = NULL "
                   "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, connector_id);
  return step_done (self, stmt, _("update the connector"), error);
}

/* Loading in bulk
 *
 * The first sync into an empty directory, a customer's onboarding, writes
 * every member at once: 100,000 members, as many invitations and roles.
 * Two things make each row dear that such a load does not need:
 *
 * - foreign keys: each invitation, role and member row looks its parents
 *   up (a fifth of the apply). Here every parent is a row the transaction
 *   has just written (the members, the run) or one checked in it (the
 *   connection, the groups and roles it had), and nothing is deleted, so
 *   no cascade is missed: they are off for its transaction;
 * - the members' unique indexes, filled in the random order of the HR
 *   system's ids and of the e-mails: dropped, and made again from the
 *   rows before the commit, which sorts them once. A duplicate makes that
 *   fail as the insert would have, and the whole sync with it.
 *
 * Foreign keys can only be turned off outside a transaction: they are
 * turned off first, and back on when the directory was not empty after
 * all (another program wrote meanwhile), before the usual apply. */

/* The plan only creates members (and skips employees). */
static gboolean
plan_only_creates (HcPlan *plan)
{
  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    if (k != HC_PLAN_INVITE && k != HC_PLAN_CREATE_NO_ACCESS && k != HC_PLAN_SKIP &&
        hc_plan_count (plan, k) > 0)
      return FALSE;
  return hc_plan_count (plan, HC_PLAN_INVITE) + hc_plan_count (plan, HC_PLAN_CREATE_NO_ACCESS) > 0;
}

/* An existing group (@is_group) or role the group step refers to. */
static gboolean
named_exists_locked (HcStore  *self,
                     gboolean  is_group,
                     gint64    id,
                     gboolean *exists,
                     GError  **error)
{
  sqlite3_stmt *stmt = get_stmt (self, is_group ? "SELECT 1 FROM groups WHERE id = ?"
                                 : "SELECT 1 FROM roles WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *exists = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, error, is_group ? _("read the groups") : _("read the roles"));
  return TRUE;
}

/* In the transaction: *@possible is TRUE when the directory is empty,
 * the plan refers to no member, every group and role it refers to and
 * its connection are there, and recording the run prunes no older one
 * (whose changes would have gone with it by a cascade). */
static gboolean
bulk_load_possible_locked (HcStore  *self,
                           HcPlan   *plan,
                           gboolean *possible,
                           GError  **error)
{
  GPtrArray *items = hc_plan_get_items (plan);
  HcGroupPlan *group_plan = hc_plan_get_group_plan (plan);
  gint64 connector_id = hc_plan_get_connector_id (plan);
  sqlite3_stmt *stmt;
  int rc;

  *possible = FALSE;
  stmt = get_stmt (self, "SELECT NOT EXISTS (SELECT 1 FROM members), "
                   "EXISTS (SELECT 1 FROM connectors WHERE id = ?1), "
                   "(SELECT count (*) FROM sync_runs WHERE connector_id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, connector_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *possible = sqlite3_column_int (stmt, 0) && sqlite3_column_int (stmt, 1) &&
                sqlite3_column_int64 (stmt, 2) < self->run_retention;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, error, _("read the members"));

  for (guint i = 0; *possible && i < items->len; i++)
    if (((HcPlanItem *) g_ptr_array_index (items, i))->member_id != 0)
      *possible = FALSE;

  if (*possible && group_plan != NULL)
    {
      GPtrArray *changes = hc_group_plan_get_changes (group_plan);
      /* each id once, keyed by where a change holds it: the plan outlives them */
      g_autoptr (GHashTable) groups = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr (GHashTable) roles = g_hash_table_new (g_int64_hash, g_int64_equal);
      GHashTableIter iter;
      gpointer id;

      for (guint i = 0; *possible && i < changes->len; i++)
        {
          HcGroupChange *change = g_ptr_array_index (changes, i);

          if (change->member_id != 0)
            *possible = FALSE;
          if (change->group_id > 0)
            g_hash_table_add (groups, &change->group_id);
          if (change->parent_id > 0)
            g_hash_table_add (groups, &change->parent_id);
          if (change->role_id > 0)
            g_hash_table_add (roles, &change->role_id);
        }
      g_hash_table_iter_init (&iter, groups);
      while (*possible && g_hash_table_iter_next (&iter, &id, NULL))
        if (!named_exists_locked (self, TRUE, *(gint64 *) id, possible, error))
          return FALSE;
      g_hash_table_iter_init (&iter, roles);
      while (*possible && g_hash_table_iter_next (&iter, &id, NULL))
        if (!named_exists_locked (self, FALSE, *(gint64 *) id, possible, error))
          return FALSE;
    }
  return TRUE;
}

/* Foreign keys back on, after the transaction. */
static void
foreign_keys_on_locked (HcStore *self)
{
  int on = 0;

  if (sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, &on) != SQLITE_OK || !on)
    g_warning ("Could not turn the foreign keys of %s back on", self->path);
}

/* The journal mode @sql sets, as SQLite says it is then (transfer full). */
static char *
set_journal_mode_locked (HcStore    *self,
                         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *mode = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    mode = g_strdup (column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return mode;
}

/* The log back after bulk_journal_on_locked() (below). */
static void
bulk_journal_off_locked (HcStore *self)
{
  g_autofree char *mode = set_journal_mode_locked (self, "PRAGMA journal_mode = WAL;");

  self->bulk_journal = FALSE;
  if (g_strcmp0 (mode, "wal") != 0)
    g_warning ("Could not turn the log of %s back on; it is when the store is opened next", self->path);
  exec (self, "PRAGMA synchronous = NORMAL;", NULL);
}

/* A bulk load writes into a database that holds next to nothing, where
 * SQLite's log would take every page it writes (40 MB for a first sync
 * of 100,000), to be synced, then copied into the file and synced again
 * at the commit. Its rollback journal keeps only the pages as they were
 * before, a few: each page is written and synced once. SQLite changes
 * the journal only when no other connection has the database open;
 * otherwise the load goes through the log, as any other apply. Outside
 * a transaction, as foreign keys. */
static void
bulk_journal_on_locked (HcStore *self)
{
  g_autofree char *mode = set_journal_mode_locked (self, "PRAGMA journal_mode = DELETE;");

  /* every sync of the journal, the pages as they were kept before the
   * file is written: the log's guarantees, without it */
  self->bulk_journal = g_strcmp0 (mode, "delete") == 0 && exec (self, "PRAGMA synchronous = FULL;", NULL);
  if (!self->bulk_journal && g_strcmp0 (mode, "delete") == 0)
    bulk_journal_off_locked (self);
}

/* Starts the apply's transaction; *@bulk says whether it loads in bulk,
 * foreign keys off. */
static gboolean
begin_apply_locked (HcStore  *self,
                    HcPlan   *plan,
                    gboolean *bulk,
                    GError  **error)
{
  g_autoptr (GError) local_error = NULL;

  *bulk = FALSE;
  if (plan_only_creates (plan))
    {
      if (!exec (self, "PRAGMA foreign_keys = OFF;", error))
        return FALSE;
      bulk_journal_on_locked (self);
      if (exec (self, "BEGIN IMMEDIATE;", &local_error) &&
          bulk_load_possible_locked (self, plan, bulk, &local_error) && *bulk)
        return TRUE;
      if (!sqlite3_get_autocommit (self->db))
        exec (self, "ROLLBACK;", NULL);
      if (self->bulk_journal)
        bulk_journal_off_locked (self);
      foreign_keys_on_locked (self);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return exec (self, "BEGIN IMMEDIATE;", error);
}

/* The SQL of the members' indexes, each dropped. (transfer full) */
static GPtrArray *
drop_member_indexes_locked (HcStore *self,
                            GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) sql = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_stmt (self, "SELECT name, sql FROM sqlite_schema "
                   "WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup (column_text (stmt, 0)));
      g_ptr_array_add (sql, g_strdup (column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the members"));
      return NULL;
    }
  for (guint i = 0; i < names->len; i++)
    {
      char *drop = sqlite3_mprintf ("DROP INDEX \"%w\";", (const char *) g_ptr_array_index (names, i));
      gboolean ok = exec (self, drop, error);

      sqlite3_free (drop);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&sql);
}

/* apply_plan_locked() in bulk: the members' indexes made once, at the end. */
static gboolean
apply_plan_in_bulk_locked (HcStore   *self,
                           HcPlan    *plan,
                           HcSyncRun *run,
                           GError   **error)
{
  g_autoptr (GPtrArray) indexes = drop_member_indexes_locked (self, error);
  gboolean made = TRUE;

  if (indexes == NULL || !apply_plan_locked (self, plan, run, TRUE, error))
    return FALSE;
  /* SQLite sorts an index in runs the size of the page cache: in runs
   * of 2 MB rather than one of 32 (which the processor's caches hold
   * better), the transaction's pages going to the log as the new index
   * pages need room, the indexes and the commit of 100,000 members took
   * some 20 ms less (eight alternated runs: median 312 against 333 ms). */
  if (!exec (self, CACHE_SIZE_SQL (SORT_CACHE_KIB), error))
    return FALSE;
  for (guint i = 0; made && i < indexes->len; i++)
    if (sqlite3_exec (self->db, g_ptr_array_index (indexes, i), NULL, NULL, NULL) != SQLITE_OK)
      made = set_sqlite_error (self, error, _("add a member"));
  /* the cache set back, made or not (a failure's message was read
   * before this PRAGMA replaces it) */
  return exec (self, CACHE_SIZE_SQL (CACHE_KIB), made ? error : NULL) && made;
}

gboolean
hc_store_apply_plan (HcStore   *self,
                     HcPlan    *plan,
                     HcSyncRun *run,
                     GError   **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean bulk, applied;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (HC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (run != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!begin_apply_locked (self, plan, &bulk, error))
    return FALSE;

  applied = (bulk ? apply_plan_in_bulk_locked (self, plan, run, &local_error)
                  : apply_plan_locked (self, plan, run, FALSE, &local_error)) &&
            exec (self, "COMMIT;", &local_error);
  if (!applied)
    exec (self, "ROLLBACK;", NULL);
  if (self->bulk_journal)
    bulk_journal_off_locked (self);
  if (bulk)
    foreign_keys_on_locked (self);
  if (!applied)
    {
      run->id = 0;
      run->result = HC_SYNC_RESULT_FAILED;
      g_set_error (error, HC_ERROR, HC_ERROR_STORE,
                   _("The sync could not be saved, so nothing was changed: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
hc_store_record_run (HcStore   *self,
                     HcSyncRun *run,
                     GError   **error)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (run != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (run->finished_at == 0)
    run->finished_at = g_get_real_time ();
  /* One transaction: the entry and its claim's mark (insert_run()). */
  if (!exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;
  if (!insert_run (self, run, error) || !exec (self, "COMMIT;", error))
    {
      exec (self, "ROLLBACK;", NULL);
      run->id = 0;
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
hc_store_list_runs (HcStore *self,
                    gint64   connector_id,
                    guint    limit,
                    GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_sync_run_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT r.id, r.connector_id, coalesce (c.name, r.connector_name), r.started_at, "
                   "r.finished_at, r.trigger, r.result, r.error, r.invited, r.created_no_access, "
                   "r.became_managed, r.updated, r.archived, r.unmanaged, r.skipped, r.unchanged, r.removed, r.waited "
                   "FROM sync_runs r LEFT JOIN connectors c ON c.id = r.connector_id "
                   "WHERE ?1 = 0 OR r.connector_id = ?1 "
                   "ORDER BY r.started_at DESC, r.id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, connector_id);
  sqlite3_bind_int64 (stmt, 2, limit ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HcSyncRun *run = g_new0 (HcSyncRun, 1);

      run->id = sqlite3_column_int64 (stmt, 0);
      run->connector_id = sqlite3_column_int64 (stmt, 1);
      run->connector_name = g_strdup (column_text (stmt, 2));
      run->started_at = sqlite3_column_int64 (stmt, 3);
      run->finished_at = sqlite3_column_int64 (stmt, 4);
      hc_sync_trigger_from_string (column_text (stmt, 5), &run->trigger);
      if (!hc_sync_result_from_string (column_text (stmt, 6), &run->result))
        run->result = HC_SYNC_RESULT_FAILED;
      run->error_message = g_strdup (column_text (stmt, 7));
      for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
        run->counts[k] = sqlite3_column_int (stmt, 8 + k);
      run->waited = sqlite3_column_int64 (stmt, 8 + HC_PLAN_N_KINDS);
      g_ptr_array_add (list, run);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the history"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

GArray *
hc_store_list_staged_archives (HcStore *self,
                               gint64   run_id,
                               GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT member_id FROM sync_changes WHERE run_id = ? AND kind = '"
                   STAGED_ARCHIVE_KIND "' ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("list the staged archives"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

/* Scenario checks (hc-checks.h): which employees a run touched, and how. */
gboolean
hc_store_list_last_run_employees (HcStore     *self,
                                  gint64       connector_id,
                                  GHashTable **employees,
                                  GError     **error)
{
  g_autoptr (GPtrArray) runs = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (employees != NULL, FALSE);

  *employees = NULL;
  runs = hc_store_list_runs (self, connector_id, 0, error);
  if (runs == NULL)
    return FALSE;
  for (guint i = 0; i < runs->len; i++)
    {
      HcSyncRun *run = g_ptr_array_index (runs, i);
      g_autoptr (GHashTable) changes = NULL;

      if (run->result != HC_SYNC_RESULT_SUCCESS)
        continue;
      changes = hc_store_list_run_employees (self, run->id, error);
      if (changes == NULL)
        return FALSE;
      if (*employees == NULL || g_hash_table_size (*employees) == 0)
        {
          g_clear_pointer (employees, g_hash_table_unref);
          *employees = g_steal_pointer (&changes);
        }
      if (g_hash_table_size (*employees) > 0)
        break;
    }
  return TRUE;
}

GHashTable *
hc_store_list_run_employees (HcStore *self,
                             gint64   run_id,
                             GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, RUN_ROWS_SQL "SELECT employee_id, kind FROM s "
                   "WHERE employee_id IS NOT NULL ORDER BY id, sub", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *employee_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);

      if (employee_id != NULL && kind != NULL && !g_hash_table_contains (kinds, employee_id))
        g_hash_table_insert (kinds, g_strdup (employee_id), g_strdup (kind));
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the changes of a run"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&kinds);
}

/* Scenario checks: TRUE when an invitation of a member of @connector_id
 * is recorded as sent (never, for a test instance). */
gboolean
hc_store_connector_has_sent_invitations (HcStore *self,
                                         gint64   connector_id)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean sent = FALSE;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT count (*) FROM invitations i JOIN members m ON m.id = i.member_id "
                   "WHERE m.connector_id = ? AND i.sent != 0", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, connector_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sent = sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return sent;
}

/* Schedules */

gboolean
hc_store_get_connector_next_run (HcStore *self,
                                 gint64   id,
                                 gint64  *next_run_at,
                                 GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (next_run_at != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT next_run_at FROM connectors WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *next_run_at = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("read the connector’s schedule"));
  g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
               _("There is no connector with id %lld"), (long long) id);
  return FALSE;
}

gboolean
hc_store_set_connector_next_run (HcStore *self,
                                 gint64   id,
                                 gint64   next_run_at,
                                 GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "UPDATE connectors SET next_run_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (next_run_at != 0)
    sqlite3_bind_int64 (stmt, 1, next_run_at);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error, _("save the connector’s schedule"));
  return expect_one_change (self, id, error);
}

/* Renewing the claims this store holds (rules.md 40) */

gboolean
hc_store_renew_connector_runs (HcStore *self,
                               gint64   now,
                               GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GArray) ids = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  g_mutex_lock (&self->claims_lock);
  ids = g_array_copy (self->held_claims);
  g_mutex_unlock (&self->claims_lock);
  if (ids->len == 0)
    return TRUE;

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "UPDATE connectors SET run_claimed_at = max (run_claimed_at, ?1) "
                   "WHERE id = ?2 AND run_claimed_by = ?3", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      bind_text (stmt, 3, claim_owner ());
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return set_sqlite_error (self, error, _("renew the connector’s reservation for a sync"));
    }
  return TRUE;
}

static gpointer
renew_thread (gpointer data)
{
  HcStore *self = data;

  g_mutex_lock (&self->claims_lock);
  while (!self->renew_stop)
    {
      gint64 until = g_get_monotonic_time () + HC_STORE_CLAIM_RENEW_INTERVAL;

      if (g_cond_wait_until (&self->renew_cond, &self->claims_lock, until) || self->renew_stop)
        continue;
      g_mutex_unlock (&self->claims_lock);
      {
        g_autoptr (GError) error = NULL;

        if (!hc_store_renew_connector_runs (self, g_get_real_time (), &error))
          g_warning ("%s", error->message);
      }
      g_mutex_lock (&self->claims_lock);
    }
  g_mutex_unlock (&self->claims_lock);
  return NULL;
}

/* The store renews the claims it holds while they are held, from a thread
 * of its own: a sync busy on a long page or a long apply renews all the
 * same. */
static void
hold_claim (HcStore *self,
            gint64   id)
{
  g_mutex_lock (&self->claims_lock);
  g_array_append_val (self->held_claims, id);
  if (self->renew_thread == NULL)
    self->renew_thread = g_thread_new ("hc-store-claims", renew_thread, self);
  g_mutex_unlock (&self->claims_lock);
}

static void
drop_claim (HcStore *self,
            gint64   id)
{
  g_mutex_lock (&self->claims_lock);
  for (guint i = 0; i < self->held_claims->len; i++)
    {
      if (g_array_index (self->held_claims, gint64, i) == id)
        {
          g_array_remove_index_fast (self->held_claims, i);
          break;
        }
    }
  g_mutex_unlock (&self->claims_lock);
}

/* Interrupted runs (rules.md 41) */

/* Records as an interrupted run each claim that stands for a run History
 * records (run_trigger set) and whose process is gone, of @only_id or of
 * every connector (0), and frees it; with @stale_before, also a claim of
 * another host's process older than that, which the caller takes over.
 * With self->lock held, in a transaction. */
static gboolean
record_interrupted_locked (HcStore *self,
                           gint64   only_id,
                           gint64   stale_before,
                           guint   *n_recorded,
                           GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) owners = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  /* Whether each holder lives is asked once, here: the rows below are
   * the ones found dead, by their holder. */
  stmt = get_stmt (self, "SELECT id, run_claimed_by FROM connectors "
                   "WHERE run_claimed_at IS NOT NULL AND run_trigger IS NOT NULL AND (?1 = 0 OR id = ?1) "
                   "AND (hc_claim_alive (run_claimed_by) = 0 "
                   "     OR (run_claimed_at < ?2 AND hc_claim_alive (run_claimed_by) = 2))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, only_id);
  sqlite3_bind_int64 (stmt, 2, stale_before);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (owners, g_strdup (column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, _("find the syncs that were interrupted"));

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const char *owner = g_ptr_array_index (owners, i);

      /* Nothing was applied: the run's transaction, if it had begun one,
       * was rolled back. When it ended is not known. */
      stmt = get_stmt (self, "INSERT INTO sync_runs (connector_id, connector_name, started_at, finished_at, "
                       "trigger, result, error) "
                       "SELECT id, name, coalesce (run_started_at, run_claimed_at), NULL, run_trigger, ?3, ?4 "
                       "FROM connectors WHERE id = ?1 AND run_claimed_by IS ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, owner);
      bind_text (stmt, 3, hc_sync_result_to_string (HC_SYNC_RESULT_INTERRUPTED));
      bind_text (stmt, 4, _("The sync stopped before it finished (the program was closed or crashed). "
                            "Nothing was changed."));
      if (!step_done (self, stmt, _("record the sync that was interrupted"), error))
        return FALSE;
      if (n_recorded != NULL)
        *n_recorded += sqlite3_changes (self->db);
      if (!prune_runs_locked (self, id, self->run_retention, NULL, error))
        return FALSE;

      stmt = get_stmt (self, "UPDATE connectors SET run_claimed_at = NULL, run_claimed_by = NULL, "
                       "run_trigger = NULL, run_started_at = NULL WHERE id = ?1 AND run_claimed_by IS ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, owner);
      if (!step_done (self, stmt, _("release the connector after a sync"), error))
        return FALSE;
    }
  return TRUE;
}

/* When the store is opened to write: the runs whose process died since.
 * A look first, which writes nothing, as nearly every start finds none. */
static void
record_interrupted_runs (HcStore *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt;
  gboolean any;
  guint n = 0;

  stmt = get_stmt (self, "SELECT 1 FROM connectors WHERE run_claimed_at IS NOT NULL "
                   "AND run_trigger IS NOT NULL AND hc_claim_alive (run_claimed_by) = 0 LIMIT 1", &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  any = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!any)
    return;

  if (!exec (self, "BEGIN IMMEDIATE;", &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  if (!record_interrupted_locked (self, 0, 0, &n, &error) || !exec (self, "COMMIT;", &error))
    {
      exec (self, "ROLLBACK;", NULL);
      g_warning ("%s", error->message);
      return;
    }
  g_debug ("Recorded %u interrupted sync(s) in %s", n, self->path);
}

static gboolean
claim_run (HcStore    *self,
           gint64      id,
           const char *trigger,
           gint64      now,
           gint64      stale_before,
           gboolean   *claimed,
           GError    **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean done;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (claimed != NULL, FALSE);

  *claimed = FALSE;
  locker = g_mutex_locker_new (&self->lock);
  /* One transaction: SQLite serialises writers, so two processes cannot
   * both see the connector free, nor both record its last holder's run
   * as interrupted. */
  if (!exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;
  if (!record_interrupted_locked (self, id, stale_before, NULL, error))
    goto fail;
  /* A claim past its deadline is taken only from another host's process,
   * which cannot be checked and renews its claim while it lives: a live
   * process of this host keeps it however long it runs (rules.md 40). */
  stmt = get_stmt (self, "UPDATE connectors SET run_claimed_at = ?1, run_claimed_by = ?4, run_trigger = ?5, "
                   "run_started_at = ?1 WHERE id = ?2 "
                   "AND (run_claimed_at IS NULL OR hc_claim_alive (run_claimed_by) = 0 "
                   "     OR (run_claimed_at < ?3 AND hc_claim_alive (run_claimed_by) = 2))", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, stale_before);
  bind_text (stmt, 4, claim_owner ());
  bind_text (stmt, 5, trigger);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("reserve the connector for a sync"));
      goto fail;
    }
  done = sqlite3_changes (self->db) == 1;
  if (!exec (self, "COMMIT;", error))
    goto fail;
  *claimed = done;
  if (*claimed)
    hold_claim (self, id);
  return TRUE;

fail:
  exec (self, "ROLLBACK;", NULL);
  return FALSE;
}

gboolean
hc_store_claim_connector_run (HcStore  *self,
                              gint64    id,
                              gint64    now,
                              gint64    stale_before,
                              gboolean *claimed,
                              GError  **error)
{
  return claim_run (self, id, NULL, now, stale_before, claimed, error);
}

gboolean
hc_store_claim_connector_sync (HcStore      *self,
                               gint64        id,
                               HcSyncTrigger trigger,
                               gint64        now,
                               gint64        stale_before,
                               gboolean     *claimed,
                               GError      **error)
{
  return claim_run (self, id, hc_sync_trigger_to_string (trigger), now, stale_before, claimed, error);
}

gboolean
hc_store_release_connector_run (HcStore *self,
                                gint64   id,
                                GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  drop_claim (self, id);
  stmt = get_stmt (self, "UPDATE connectors SET run_claimed_at = NULL, run_claimed_by = NULL, "
                   "run_trigger = NULL, run_started_at = NULL WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error, _("release the connector after a sync"));
  return TRUE;
}

/* History: a run's changes, retention, undo (rules.md 23, 24) */

void
hc_run_change_free (HcRunChange *change)
{
  if (change == NULL)
    return;
  g_free (change->employee_id);
  g_free (change->member_name);
  g_free (change->rule);
  g_free (change->kind);
  g_free (change->field);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

void
hc_store_set_run_retention (HcStore *self,
                            guint    keep)
{
  g_return_if_fail (HC_IS_STORE (self));
  g_return_if_fail (keep > 0);

  self->run_retention = keep;
}

/* Deletes the runs of @connector_id beyond the newest @keep (their changes
 * go with them). */
static gboolean
prune_runs_locked (HcStore *self,
                   gint64   connector_id,
                   guint    keep,
                   guint   *n_pruned,
                   GError **error)
{
  sqlite3_stmt *stmt;

  stmt = get_stmt (self, "DELETE FROM sync_runs WHERE connector_id = ?1 AND id NOT IN "
                   "(SELECT id FROM sync_runs WHERE connector_id = ?1 "
                   " ORDER BY started_at DESC, id DESC LIMIT ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, connector_id);
  sqlite3_bind_int64 (stmt, 2, keep);
  if (!step_done (self, stmt, _("prune the history"), error))
    return FALSE;
  if (n_pruned)
    *n_pruned = sqlite3_changes (self->db);
  return TRUE;
}

gboolean
hc_store_prune_runs (HcStore *self,
                     gint64   connector_id,
                     guint    keep,
                     guint   *n_pruned,
                     GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  return prune_runs_locked (self, connector_id, keep, n_pruned, error);
}

#define RUN_COLUMNS \
  "r.id, r.connector_id, coalesce (c.name, r.connector_name), r.started_at, " \
  "r.finished_at, r.trigger, r.result, r.error, r.invited, r.created_no_access, " \
  "r.became_managed, r.updated, r.archived, r.unmanaged, r.skipped, r.unchanged, r.removed, r.waited "

HcSyncRun *
hc_store_get_run (HcStore *self,
                  gint64   run_id,
                  GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  HcSyncRun *run;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT " RUN_COLUMNS
                   "FROM sync_runs r LEFT JOIN connectors c ON c.id = r.connector_id WHERE r.id = ?",
                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
                     _("There is no sync with number %lld in the history"), (long long) run_id);
      else
        set_sqlite_error (self, error, _("read the history"));
      sqlite3_reset (stmt);
      return NULL;
    }
  run = g_new0 (HcSyncRun, 1);
  run->id = sqlite3_column_int64 (stmt, 0);
  run->connector_id = sqlite3_column_int64 (stmt, 1);
  run->connector_name = g_strdup (column_text (stmt, 2));
  run->started_at = sqlite3_column_int64 (stmt, 3);
  run->finished_at = sqlite3_column_int64 (stmt, 4);
  hc_sync_trigger_from_string (column_text (stmt, 5), &run->trigger);
  if (!hc_sync_result_from_string (column_text (stmt, 6), &run->result))
    run->result = HC_SYNC_RESULT_FAILED;
  run->error_message = g_strdup (column_text (stmt, 7));
  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    run->counts[k] = sqlite3_column_int (stmt, 8 + k);
  run->waited = sqlite3_column_int64 (stmt, 8 + HC_PLAN_N_KINDS);
  sqlite3_reset (stmt);
  return run;
}

GPtrArray *
hc_store_list_run_changes (HcStore *self,
                           gint64   run_id,
                           GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_run_change_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, RUN_ROWS_SQL "SELECT s.member_id, s.employee_id, "
                   "nullif (trim (coalesce (nullif (m.preferred_name, ''), m.first_name, '') || ' ' || "
                   "coalesce (m.last_name, '')), ''), coalesce (m.email, "
                   "  CASE WHEN s.kind IN ('" HC_RUN_CHANGE_UNDO_REMOVE "', '" HC_RUN_CHANGE_UNDO_KEEP "') "
                   "  THEN s.before WHEN s.kind = 'remove' AND json_valid (s.before) THEN "
                   "  nullif (trim (coalesce (nullif (json_extract (s.before, '$.member.preferred_name'), ''), "
                   "  json_extract (s.before, '$.member.first_name'), '') || ' ' || "
                   "  coalesce (json_extract (s.before, '$.member.last_name'), '')), '') "
                   "  WHEN s.field IS NULL AND json_valid (s.after) THEN "
                   "  nullif (trim (coalesce (json_extract (s.after, '$.first_name'), '') || ' ' || "
                   "  coalesce (json_extract (s.after, '$.last_name'), '')), '') END, ''), "
                   "s.kind, s.field, s.before, s.after, s.rule, s.object_id "
                   "FROM s LEFT JOIN members m ON m.id = s.member_id "
                   "ORDER BY s.id, s.sub", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HcRunChange *change = g_new0 (HcRunChange, 1);
      const char *name = column_text (stmt, 2);
      const char *email = column_text (stmt, 3);

      change->member_id = sqlite3_column_int64 (stmt, 0);
      change->employee_id = g_strdup (column_text (stmt, 1));
      change->member_name = g_strdup (name ? name : (email && *email ? email : NULL));
      change->kind = g_strdup (column_text (stmt, 4));
      change->field = g_strdup (column_text (stmt, 5));
      change->before = g_strdup (column_text (stmt, 6));
      change->after = g_strdup (column_text (stmt, 7));
      change->rule = g_strdup (column_text (stmt, 8));
      change->object_id = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (list, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the changes of a sync"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gint64
query_id_locked (HcStore    *self,
                 const char *sql,
                 gint64      arg)
{
  sqlite3_stmt *stmt = get_stmt (self, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, arg);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
hc_store_get_last_applied_run (HcStore *self,
                               gint64   connector_id)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return query_id_locked (self, "SELECT id FROM sync_runs WHERE connector_id = ? AND result = 'success' "
                          "ORDER BY started_at DESC, id DESC LIMIT 1", connector_id);
}

gint64
hc_store_find_undo_of (HcStore *self,
                       gint64   run_id)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return query_id_locked (self, "SELECT run_id FROM sync_changes WHERE kind = '" HC_RUN_CHANGE_UNDO_OF "' "
                          "AND CAST (after AS INTEGER) = ? LIMIT 1", run_id);
}

gint64
hc_store_get_undone_run (HcStore *self,
                         gint64   run_id)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return query_id_locked (self, "SELECT CAST (after AS INTEGER) FROM sync_changes WHERE run_id = ? AND kind = '"
                          HC_RUN_CHANGE_UNDO_OF "' LIMIT 1", run_id);
}

gboolean
hc_store_get_member_times (HcStore *self,
                           gint64   member_id,
                           gint64  *created_at,
                           gint64  *updated_at)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT created_at, updated_at FROM members WHERE id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (created_at)
        *created_at = sqlite3_column_int64 (stmt, 0);
      if (updated_at)
        *updated_at = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
hc_store_get_status_before_run (HcStore    *self,
                                gint64      member_id,
                                gint64      run_id,
                                HcHrStatus *status,
                                gint64     *connector_id)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  /* The last sync before @run_id that changed the member's HR status: an
   * unmanage left it previously managed by that run's connector; anything
   * else (or none) means it was a manual member. A sync that created the
   * member keeps that row packed (PACKED_ROWS_KIND), and it is the
   * member's first: only the runs since the member was made count, not
   * those of a member removed before whose id it has. */
  *status = HC_HR_STATUS_MANUAL;
  *connector_id = 0;
  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT s.kind, r.connector_id FROM sync_changes s JOIN sync_runs r ON r.id = s.run_id "
                   "WHERE s.member_id = ?1 AND s.run_id < ?2 AND r.result = 'success' AND s.kind IN "
                   "('invite', 'create_no_access', 'become_managed', 'unmanage') "
                   "AND r.started_at >= coalesce ((SELECT created_at FROM members WHERE id = ?1), 0) "
                   "ORDER BY s.run_id DESC, s.id DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, run_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (g_strcmp0 (column_text (stmt, 0), "unmanage") == 0)
        {
          *status = HC_HR_STATUS_PREVIOUSLY_MANAGED;
          *connector_id = sqlite3_column_int64 (stmt, 1);
        }
    }
  sqlite3_reset (stmt);
  return found;
}

static gboolean
record_undo_row (HcStore    *self,
                 gint64      run_id,
                 gint64      member_id,
                 const char *kind,
                 const char *field,
                 const char *before,
                 const char *after,
                 GError    **error)
{
  sqlite3_stmt *stmt = get_stmt (self, "INSERT INTO sync_changes (run_id, member_id, kind, field, before, after) "
                                 "VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (member_id)
    sqlite3_bind_int64 (stmt, 2, member_id);
  bind_text (stmt, 3, kind);
  bind_text (stmt, 4, field);
  bind_text (stmt, 5, before);
  bind_text (stmt, 6, after);
  return step_done (self, stmt, _("record a change"), error);
}

static gboolean
member_changed (HcStore *self,
                GError **error)
{
  g_set_error_literal (error, HC_ERROR, HC_ERROR_STORE,
                       _("A member changed since the preview of the undo; preview it again"));
  return FALSE;
}

static gboolean
apply_undo_locked (HcStore   *self,
                   gint64     undone_run_id,
                   GPtrArray *items,
                   HcSyncRun *run,
                   GError   **error)
{
  gint64 now = g_get_real_time ();
  g_autofree char *undone = g_strdup_printf ("%" G_GINT64_FORMAT, undone_run_id);
  sqlite3_stmt *stmt;

  /* Never twice, and only the connector's last applied run. */
  if (query_id_locked (self, "SELECT run_id FROM sync_changes WHERE kind = '" HC_RUN_CHANGE_UNDO_OF "' "
                       "AND CAST (after AS INTEGER) = ? LIMIT 1", undone_run_id) != 0 ||
      (run->connector_id != 0 &&
       query_id_locked (self, "SELECT id FROM sync_runs WHERE connector_id = ? AND result = 'success' "
                        "ORDER BY started_at DESC, id DESC LIMIT 1", run->connector_id) != undone_run_id) ||
      /* rules.md 47: a disconnect's run, its connector removed since */
      (run->connector_id == 0 &&
       query_id_locked (self, "SELECT id FROM sync_runs WHERE id = ? AND connector_id IS NULL "
                        "AND trigger = 'disconnect' AND result = 'success'", undone_run_id) != undone_run_id))
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                           _("Only the last applied sync of a connector can be undone, once"));
      return FALSE;
    }

  run->finished_at = now;
  run->result = HC_SYNC_RESULT_SUCCESS;
  if (!insert_run (self, run, error))
    return FALSE;
  if (!record_undo_row (self, run->id, 0, HC_RUN_CHANGE_UNDO_OF, NULL, NULL, undone, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      HcUndoItem *item = g_ptr_array_index (items, i);

      switch (item->action)
        {
        case HC_UNDO_REMOVE:
          stmt = get_stmt (self, "DELETE FROM members WHERE id = ? AND updated_at = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, item->member_id);
          sqlite3_bind_int64 (stmt, 2, item->updated_at);
          if (!step_done (self, stmt, _("remove a member"), error))
            return FALSE;
          if (sqlite3_changes (self->db) == 0)
            return member_changed (self, error);
          if (!record_undo_row (self, run->id, item->member_id, HC_RUN_CHANGE_UNDO_REMOVE, NULL,
                                item->display_name, NULL, error))
            return FALSE;
          break;

        case HC_UNDO_RESTORE:
          if (item->object_id != 0)
            {
              if (!undo_group_item_locked (self, item, run->connector_id, now, error) ||
                  !record_undo_row (self, run->id, item->member_id, HC_RUN_CHANGE_UNDO_RESTORE, item->field,
                                    item->current, item->restored, error))
                return FALSE;
              break;
            }
          if (g_strcmp0 (item->field, "hr_status") == 0)
            {
              stmt = get_stmt (self, "UPDATE members SET hr_status = ?, connector_id = ? WHERE id = ?", error);
              if (stmt == NULL)
                return FALSE;
              bind_text (stmt, 1, item->restored);
              if (item->connector_id)
                sqlite3_bind_int64 (stmt, 2, item->connector_id);
              sqlite3_bind_int64 (stmt, 3, item->member_id);
              if (!step_done (self, stmt, _("update a member"), error))
                return FALSE;
              if (sqlite3_changes (self->db) == 0)
                return member_changed (self, error);
            }
          else
            {
              HcFieldChange change = { item->field, item->current, item->restored };

              if (!apply_change (self, item->member_id, item->display_name, &change, error))
                return FALSE;
              /* Access taken back: the invitation the sync recorded goes too. */
              if (g_str_equal (item->field, "access") && g_strcmp0 (item->restored, "no") == 0)
                {
                  stmt = get_stmt (self, "DELETE FROM invitations WHERE member_id = ? AND run_id = ?", error);
                  if (stmt == NULL)
                    return FALSE;
                  sqlite3_bind_int64 (stmt, 1, item->member_id);
                  sqlite3_bind_int64 (stmt, 2, undone_run_id);
                  if (!step_done (self, stmt, _("remove an invitation"), error))
                    return FALSE;
                }
            }
          stmt = get_stmt (self, "UPDATE members SET updated_at = ? WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, now);
          sqlite3_bind_int64 (stmt, 2, item->member_id);
          if (!step_done (self, stmt, _("update a member"), error))
            return FALSE;
          if (!record_undo_row (self, run->id, item->member_id, HC_RUN_CHANGE_UNDO_RESTORE, item->field,
                                item->current, item->restored, error))
            return FALSE;
          break;

        case HC_UNDO_PUT_BACK:
          {
            gint64 member_id = 0;

            if (!hc_member_snapshot_restore (self->db, item->restored, now, &member_id, error) ||
                !record_undo_row (self, run->id, member_id, HC_RUN_CHANGE_UNDO_PUT_BACK, NULL,
                                  item->display_name, NULL, error))
              return FALSE;
          }
          break;

        case HC_UNDO_KEEP:
        default:
          if (!record_undo_row (self, run->id, item->member_id, HC_RUN_CHANGE_UNDO_KEEP, item->field,
                                item->display_name, item->reason, error))
            return FALSE;
          break;
        }
    }

  return TRUE;
}

gboolean
hc_store_apply_undo (HcStore   *self,
                     gint64     undone_run_id,
                     GPtrArray *items,
                     HcSyncRun *run,
                     GError   **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (run != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;

  if (!apply_undo_locked (self, undone_run_id, items, run, &local_error) ||
      !exec (self, "COMMIT;", &local_error))
    {
      exec (self, "ROLLBACK;", NULL);
      run->id = 0;
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The sync could not be undone, so nothing was changed: "));
      return FALSE;
    }

  return TRUE;
}

gboolean
hc_store_connector_run_is_claimed (HcStore *self,
                                   gint64   id,
                                   gint64   stale_before)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean claimed;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT 1 FROM connectors WHERE id = ?1 AND run_claimed_at IS NOT NULL "
                   "AND (hc_claim_alive (run_claimed_by) = 1 "
                   "     OR (run_claimed_at >= ?2 AND hc_claim_alive (run_claimed_by) = 2))", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, stale_before);
  claimed = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return claimed;
}

/* The directory by hand (hc-directory.h) */

void
hc_hand_change_free (HcHandChange *change)
{
  if (change == NULL)
    return;
  g_clear_object (&change->member);
  g_free (change->field);
  g_free (change->before);
  g_free (change->after);
  g_free (change->name);
  g_free (change);
}

void
hc_group_free (HcGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->name);
  g_free (group->path);
  g_free (group);
}

void
hc_invitation_free (HcInvitation *invitation)
{
  if (invitation == NULL)
    return;
  g_free (invitation->email);
  g_free (invitation);
}

static gboolean
record_hand_row (HcStore            *self,
                 gint64              run_id,
                 gint64              member_id,
                 const HcHandChange *change,
                 GError            **error)
{
  return record_undo_row (self, run_id, member_id, change->kind, change->field,
                          change->before, change->after, error);
}

/* An id, or NULL for 0 (a top group's parent, no connector). */
static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

/* A group (under @parent_id, 0 for the top) or a role named @name: made
 * by hand (@connector_id 0) or from HR by @connector_id; its id into @id. */
static gboolean
insert_named_locked (HcStore    *self,
                     gboolean    is_group,
                     gint64      parent_id,
                     const char *name,
                     gint64      connector_id,
                     gint64      now,
                     gint64     *id,
                     GError    **error)
{
  g_autofree char *key = hc_group_name_key (name);
  sqlite3_stmt *stmt;

  stmt = get_stmt (self, is_group
                   ? "INSERT INTO groups (parent_id, name, name_key, origin, connector_id, created_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                   : "INSERT INTO roles (name, name_key, origin, connector_id, created_at) "
                   "VALUES (?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  if (is_group)
    bind_id_or_null (stmt, 1, parent_id);
  bind_text (stmt, 2, name);
  bind_text (stmt, 3, key);
  bind_text (stmt, 4, connector_id != 0 ? "hr" : "hand");
  bind_id_or_null (stmt, 5, connector_id);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!step_done (self, stmt, is_group ? _("save a group") : _("save a role"), error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* @member_id into the group or role @object_id: by hand (@connector_id 0)
 * or by the sync of @connector_id with @rule. *@added is FALSE when they
 * were there already. */
static gboolean
link_member_locked (HcStore    *self,
                    gboolean    is_group,
                    gint64      object_id,
                    gint64      member_id,
                    gint64      connector_id,
                    const char *rule,
                    gint64      now,
                    gboolean   *added,
                    GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = get_stmt (self, is_group
                   ? "INSERT INTO group_members (group_id, member_id, added_by, connector_id, rule, added_at) "
                   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
                   : "INSERT INTO member_roles (role_id, member_id, added_by, connector_id, rule, added_at) "
                   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, object_id);
  sqlite3_bind_int64 (stmt, 2, member_id);
  bind_text_static (stmt, 3, connector_id != 0 ? "hr" : "hand");
  bind_id_or_null (stmt, 4, connector_id);
  bind_text_static (stmt, 5, rule);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!step_done (self, stmt, is_group ? _("save a group") : _("save a role"), error))
    return FALSE;
  *added = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* @member_id out of the group or role @object_id: any membership
 * (@connector_id 0), or only one the sync of @connector_id gave (rules.md
 * 38). *@removed is FALSE when there was none. */
static gboolean
unlink_member_locked (HcStore  *self,
                      gboolean  is_group,
                      gint64    object_id,
                      gint64    member_id,
                      gint64    connector_id,
                      gboolean *removed,
                      GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = get_stmt (self, is_group
                   ? "DELETE FROM group_members WHERE group_id = ?1 AND member_id = ?2 "
                   "AND (?3 IS NULL OR (added_by = 'hr' AND connector_id = ?3))"
                   : "DELETE FROM member_roles WHERE role_id = ?1 AND member_id = ?2 "
                   "AND (?3 IS NULL OR (added_by = 'hr' AND connector_id = ?3))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, object_id);
  sqlite3_bind_int64 (stmt, 2, member_id);
  bind_id_or_null (stmt, 3, connector_id);
  if (!step_done (self, stmt, is_group ? _("save a group") : _("save a role"), error))
    return FALSE;
  *removed = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* A group or role change by hand: the tree or the catalogue, or who is in
 * a group or holds a role. The group's or role's id is change->group_id. */
static gboolean
apply_named_change_locked (HcStore      *self,
                           HcHandChange *change,
                           gboolean      is_group,
                           gint64        now,
                           GError      **error)
{
  const char *kind = change->kind;
  sqlite3_stmt *stmt = NULL;
  gboolean changed;

  if (g_str_equal (kind, is_group ? HC_RUN_CHANGE_GROUP_CREATE : HC_RUN_CHANGE_ROLE_CREATE))
    return insert_named_locked (self, is_group, change->parent_id, change->name, 0, now, &change->group_id, error);
  if (g_str_equal (kind, is_group ? HC_RUN_CHANGE_GROUP_JOIN : HC_RUN_CHANGE_ROLE_ADD))
    {
      if (!link_member_locked (self, is_group, change->group_id, change->member_id, 0, NULL, now, &changed, error))
        return FALSE;
    }
  else if (g_str_equal (kind, is_group ? HC_RUN_CHANGE_GROUP_LEAVE : HC_RUN_CHANGE_ROLE_REMOVE))
    {
      if (!unlink_member_locked (self, is_group, change->group_id, change->member_id, 0, &changed, error))
        return FALSE;
    }
  else
    {
      if (g_str_equal (kind, is_group ? HC_RUN_CHANGE_GROUP_RENAME : HC_RUN_CHANGE_ROLE_RENAME))
        {
          g_autofree char *key = hc_group_name_key (change->name);

          stmt = get_stmt (self, is_group ? "UPDATE groups SET name = ?, name_key = ? WHERE id = ?"
                           : "UPDATE roles SET name = ?, name_key = ? WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          bind_text (stmt, 1, change->name);
          bind_text (stmt, 2, key);
          sqlite3_bind_int64 (stmt, 3, change->group_id);
        }
      else if (is_group && g_str_equal (kind, HC_RUN_CHANGE_GROUP_MOVE))
        {
          stmt = get_stmt (self, "UPDATE groups SET parent_id = ? WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          bind_id_or_null (stmt, 1, change->parent_id);
          sqlite3_bind_int64 (stmt, 2, change->group_id);
        }
      else if (g_str_equal (kind, is_group ? HC_RUN_CHANGE_GROUP_DELETE : HC_RUN_CHANGE_ROLE_DELETE))
        {
          stmt = get_stmt (self, is_group ? "DELETE FROM groups WHERE id = ?" : "DELETE FROM roles WHERE id = ?",
                           error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, change->group_id);
        }
      else
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT, "Unknown change kind %s", kind);
          return FALSE;
        }
      if (!step_done (self, stmt, is_group ? _("save a group") : _("save a role"), error))
        return FALSE;
      changed = sqlite3_changes (self->db) > 0;
    }
  if (!changed)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_NOT_FOUND,
                           is_group ? _("The group or the membership changed meanwhile; try again")
                           : _("The role changed meanwhile; try again"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_hand_change_locked (HcStore      *self,
                          HcHandChange *change,
                          gint64        run_id,
                          gint64        now,
                          GError      **error)
{
  gint64 member_id = change->member_id;
  sqlite3_stmt *stmt;

  if (g_str_equal (change->kind, HC_RUN_CHANGE_ADD))
    {
      g_return_val_if_fail (HC_IS_MEMBER (change->member), FALSE);
      if (!insert_member (self, change->member, error))
        return FALSE;
      if (hc_member_get_has_access (change->member) &&
          !record_invitation (self, hc_member_get_id (change->member), run_id, NULL, now, error))
        return FALSE;
      return record_hand_row (self, run_id, hc_member_get_id (change->member), change, error);
    }

  if (g_str_has_prefix (change->kind, "role_") || g_str_has_prefix (change->kind, "group_"))
    {
      if (!apply_named_change_locked (self, change, g_str_has_prefix (change->kind, "group_"), now, error))
        return FALSE;
      return record_hand_row (self, run_id, member_id, change, error);
    }

  if (g_str_equal (change->kind, HC_RUN_CHANGE_INVITE))
    {
      if (!record_invitation (self, member_id, run_id, change->after, now, error))
        return FALSE;
    }
  else if (g_str_equal (change->kind, HC_RUN_CHANGE_RESEND))
    {
      stmt = get_stmt (self, "UPDATE invitations SET resend_count = resend_count + 1, resent_at = ?1, "
                       "sent_at = NULL, sent = 0 WHERE id = (SELECT id FROM invitations "
                       "WHERE member_id = ?2 ORDER BY created_at DESC, id DESC LIMIT 1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, member_id);
      if (!step_done (self, stmt, _("record an invitation"), error))
        return FALSE;
      if (sqlite3_changes (self->db) == 0 &&
          !record_invitation (self, member_id, run_id, NULL, now, error))
        return FALSE;
    }
  else
    {
      HcFieldChange field_change = { change->field, change->before, change->after };

      if (change->field == NULL || !apply_change (self, member_id, NULL, &field_change, error))
        {
          if (change->field == NULL)
            g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                         "A change of kind %s needs a field", change->kind);
          return FALSE;
        }
      if (g_str_equal (change->kind, HC_RUN_CHANGE_JOINED))
        {
          stmt = get_stmt (self, "UPDATE invitations SET joined_at = ? WHERE member_id = ? "
                           "AND joined_at IS NULL", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, now);
          sqlite3_bind_int64 (stmt, 2, member_id);
          if (!step_done (self, stmt, _("record an invitation"), error))
            return FALSE;
        }
    }

  stmt = get_stmt (self, "UPDATE members SET updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, member_id);
  if (!step_done (self, stmt, _("update a member"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
                   _("There is no member with id %lld"), (long long) member_id);
      return FALSE;
    }
  return record_hand_row (self, run_id, member_id, change, error);
}

gboolean
hc_store_apply_hand_changes (HcStore   *self,
                             GPtrArray *changes,
                             HcSyncRun *run,
                             GError   **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GError) local_error = NULL;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail (run != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;

  run->finished_at = now;
  run->result = HC_SYNC_RESULT_SUCCESS;
  if (!insert_run (self, run, &local_error))
    goto failed;
  for (guint i = 0; i < changes->len; i++)
    if (!apply_hand_change_locked (self, g_ptr_array_index (changes, i), run->id, now, &local_error))
      goto failed;
  if (!exec (self, "COMMIT;", &local_error))
    goto failed;
  return TRUE;

failed:
  exec (self, "ROLLBACK;", NULL);
  run->id = 0;
  for (guint i = 0; i < changes->len; i++)
    {
      HcHandChange *change = g_ptr_array_index (changes, i);

      if (change->member != NULL && change->member_id == 0)
        hc_member_set_id (change->member, 0);
    }
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("The change could not be saved, so nothing was changed: "));
  return FALSE;
}

HcMember *
hc_store_find_member_by_email (HcStore    *self,
                               const char *email,
                               GError    **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *trimmed = NULL;
  HcMember *member = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  if (email == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (email));
  if (*trimmed == '\0')
    return NULL;

  locker = g_mutex_locker_new (&self->lock);
  /* The one e-mail key (rules.md 5), a live member before an archived one:
   * at most one live member has it (rules.md 18). */
  stmt = get_stmt (self, "SELECT " MEMBER_COLUMNS " FROM members WHERE hc_email_key (email) = hc_email_key (?) "
                   "ORDER BY state = 'archived', id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, trimmed);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    member = read_member (stmt, parser);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, error, _("read a member"));
  sqlite3_reset (stmt);
  return member;
}

GPtrArray *
hc_store_list_member_invitations (HcStore *self,
                                  gint64   member_id,
                                  GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_invitation_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT id, member_id, run_id, email, created_at, sent_at, resent_at, "
                   "resend_count, joined_at FROM invitations WHERE member_id = ? "
                   "ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HcInvitation *invitation = g_new0 (HcInvitation, 1);

      invitation->id = sqlite3_column_int64 (stmt, 0);
      invitation->member_id = sqlite3_column_int64 (stmt, 1);
      invitation->run_id = sqlite3_column_int64 (stmt, 2);
      invitation->email = g_strdup (column_text (stmt, 3));
      invitation->created_at = sqlite3_column_int64 (stmt, 4);
      invitation->sent_at = sqlite3_column_int64 (stmt, 5);
      invitation->resent_at = sqlite3_column_int64 (stmt, 6);
      invitation->resend_count = (guint) sqlite3_column_int (stmt, 7);
      invitation->joined_at = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (list, invitation);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the invitations"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The newest invitation of member ?1 */
#define NEWEST_INVITATION \
  "(SELECT id FROM invitations WHERE member_id = ?1 ORDER BY created_at DESC, id DESC LIMIT 1)"

GArray *
hc_store_list_invitations_to_send (HcStore *self,
                                   guint   *n_test_instance,
                                   GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint n_test = 0;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT m.id, coalesce (c.test_instance, 0) FROM members m "
                   "LEFT JOIN connectors c ON c.id = m.connector_id "
                   "LEFT JOIN invitations i ON i.id = (SELECT id FROM invitations "
                   "  WHERE member_id = m.id ORDER BY created_at DESC, id DESC LIMIT 1) "
                   "WHERE m.state = 'invited' AND m.has_access != 0 AND m.email IS NOT NULL "
                   "AND i.sent_at IS NULL ORDER BY m.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (sqlite3_column_int (stmt, 1) != 0)
        n_test++;
      else
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the invitations"));
      return NULL;
    }
  if (n_test_instance != NULL)
    *n_test_instance = n_test;
  return g_steal_pointer (&ids);
}

gboolean
hc_store_mark_invitations_sent (HcStore *self,
                                GArray  *member_ids,
                                gint64   sent_at,
                                guint   *n_marked,
                                GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GError) local_error = NULL;
  guint marked = 0;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  g_return_val_if_fail (member_ids != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;

  for (guint i = 0; i < member_ids->len; i++)
    {
      gint64 member_id = g_array_index (member_ids, gint64, i);
      sqlite3_stmt *stmt;

      /* A test instance never sends anything: its members are left out
       * here, whoever asks. */
      stmt = get_stmt (self, "SELECT coalesce (c.test_instance, 0), " NEWEST_INVITATION " FROM members m "
                       "LEFT JOIN connectors c ON c.id = m.connector_id WHERE m.id = ?1", &local_error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, member_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          continue;
        }
      if (sqlite3_column_int (stmt, 0) != 0)
        {
          sqlite3_reset (stmt);
          continue;
        }
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        {
          sqlite3_reset (stmt);
          if (!record_invitation (self, member_id, 0, NULL, sent_at, &local_error))
            goto failed;
        }
      else
        sqlite3_reset (stmt);

      stmt = get_stmt (self, "UPDATE invitations SET sent_at = ?2, sent = 1 WHERE id = " NEWEST_INVITATION
                       " AND sent_at IS NULL", &local_error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, member_id);
      sqlite3_bind_int64 (stmt, 2, sent_at);
      if (!step_done (self, stmt, _("record an invitation"), &local_error))
        goto failed;
      marked += sqlite3_changes (self->db);
    }

  if (!exec (self, "COMMIT;", &local_error))
    goto failed;
  if (n_marked != NULL)
    *n_marked = marked;
  return TRUE;

failed:
  exec (self, "ROLLBACK;", NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

char *
hc_store_dup_workspace_setting (HcStore    *self,
                                const char *key)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL && !g_str_equal (key, "id"), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT value FROM workspace WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
hc_store_set_workspace_setting (HcStore    *self,
                                const char *key,
                                const char *value,
                                GError    **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HC_IS_STORE (self), FALSE);
  /* The workspace id keys the secrets: never overwritten. */
  g_return_val_if_fail (key != NULL && !g_str_equal (key, "id"), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (value == NULL)
    stmt = get_stmt (self, "DELETE FROM workspace WHERE key = ?", error);
  else
    stmt = get_stmt (self, "INSERT INTO workspace (key, value) VALUES (?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);
  return step_done (self, stmt, _("save a workspace setting"), error);
}


GPtrArray *
hc_store_list_groups (HcStore *self,
                      GError **error)
{
  return hc_store_list_groups_full (self, TRUE, error);
}

GPtrArray *
hc_store_list_groups_full (HcStore *self,
                           gboolean count_direct,
                           GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_group_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, count_direct ? "SELECT g.id, g.parent_id, g.name, g.origin, g.connector_id, g.archived, "
                   "(SELECT count (*) FROM group_members m WHERE m.group_id = g.id) "
                   "FROM groups g ORDER BY g.id"
                   : "SELECT g.id, g.parent_id, g.name, g.origin, g.connector_id, g.archived, 0 "
                   "FROM groups g ORDER BY g.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HcGroup *group = g_new0 (HcGroup, 1);

      group->id = sqlite3_column_int64 (stmt, 0);
      group->parent_id = sqlite3_column_int64 (stmt, 1);
      group->name = g_strdup (column_text (stmt, 2));
      group->origin = g_strcmp0 (column_text (stmt, 3), "hr") == 0 ? HC_GROUP_ORIGIN_HR : HC_GROUP_ORIGIN_HAND;
      group->connector_id = sqlite3_column_int64 (stmt, 4);
      group->archived = sqlite3_column_int (stmt, 5) != 0;
      group->n_direct = (guint) sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (groups, group);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the groups"));
      return NULL;
    }
  return g_steal_pointer (&groups);
}

GArray *
hc_store_list_group_memberships (HcStore *self,
                                 GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GArray) memberships = g_array_new (FALSE, FALSE, sizeof (HcGroupMembership));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT group_id, member_id, added_by, connector_id, rule FROM group_members "
                   "ORDER BY group_id, member_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HcGroupMembership membership = {
        .group_id = sqlite3_column_int64 (stmt, 0),
        .member_id = sqlite3_column_int64 (stmt, 1),
        .added_by = g_strcmp0 (column_text (stmt, 2), "hr") == 0 ? HC_GROUP_ORIGIN_HR : HC_GROUP_ORIGIN_HAND,
        .connector_id = sqlite3_column_int64 (stmt, 3),
        .rule = g_intern_string (column_text (stmt, 4)),
      };

      g_array_append_val (memberships, membership);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the groups"));
      return NULL;
    }
  return g_steal_pointer (&memberships);
}

/* Roles (rules.md 39) */

void
hc_role_free (HcRole *role)
{
  if (role == NULL)
    return;
  g_free (role->name);
  g_free (role);
}

GPtrArray *
hc_store_list_roles (HcStore *self,
                     GError **error)
{
  return hc_store_list_roles_full (self, TRUE, error);
}

GPtrArray *
hc_store_list_roles_full (HcStore *self,
                          gboolean count_members,
                          GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_role_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, count_members ? "SELECT r.id, r.name, r.origin, r.connector_id, "
                   "(SELECT count (*) FROM member_roles m WHERE m.role_id = r.id) "
                   "FROM roles r ORDER BY r.name_key, r.id"
                   : "SELECT r.id, r.name, r.origin, r.connector_id, 0 "
                   "FROM roles r ORDER BY r.name_key, r.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HcRole *role = g_new0 (HcRole, 1);

      role->id = sqlite3_column_int64 (stmt, 0);
      role->name = g_strdup (column_text (stmt, 1));
      role->origin = g_strcmp0 (column_text (stmt, 2), "hr") == 0 ? HC_GROUP_ORIGIN_HR : HC_GROUP_ORIGIN_HAND;
      role->connector_id = sqlite3_column_int64 (stmt, 3);
      role->n_members = (guint) sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (roles, role);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the roles"));
      return NULL;
    }
  return g_steal_pointer (&roles);
}

GArray *
hc_store_list_member_roles (HcStore *self,
                            GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GArray) held = g_array_new (FALSE, FALSE, sizeof (HcMemberRole));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, "SELECT member_id, role_id, added_by, connector_id, rule FROM member_roles "
                   "ORDER BY member_id, role_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HcMemberRole role = {
        .member_id = sqlite3_column_int64 (stmt, 0),
        .role_id = sqlite3_column_int64 (stmt, 1),
        .added_by = g_strcmp0 (column_text (stmt, 2), "hr") == 0 ? HC_GROUP_ORIGIN_HR : HC_GROUP_ORIGIN_HAND,
        .connector_id = sqlite3_column_int64 (stmt, 3),
        .rule = g_intern_string (column_text (stmt, 4)),
      };

      g_array_append_val (held, role);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, _("read the roles"));
      return NULL;
    }
  return g_steal_pointer (&held);
}

/* The same rows in the tables' own order, for the plan of a sync: a
 * scan of the table, where an ORDER BY walks the primary key's index and
 * looks each row up (most of the cost at 100,000 rows). @roles: member_roles
 * as HcMemberRole, else group_members as HcGroupMembership.
 *
 * Per row, the least work: the connection's mutex held once for the whole
 * scan (each call below takes it again, which costs no atomic operation
 * then), who added it and the connector read as one number, and the rule
 * interned only when it is not the one last seen for the same group or
 * role (a group's members share theirs). */
#define SCAN_RULE_SLOTS 4096

typedef struct
{
  gint64      object_id;
  const char *rule;
  int         len;
} ScanRule;

static GArray *
scan_memberships (HcStore *self,
                  gboolean roles,
                  GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, roles ? sizeof (HcMemberRole) : sizeof (HcGroupMembership));
  g_autofree ScanRule *seen = NULL;
  sqlite3_mutex *db_mutex;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_stmt (self, roles ? "SELECT member_id, role_id, "
                   "(added_by = 'hr') + 2 * ifnull (connector_id, 0), rule FROM member_roles"
                   : "SELECT member_id, group_id, "
                   "(added_by = 'hr') + 2 * ifnull (connector_id, 0), rule FROM group_members", error);
  if (stmt == NULL)
    return NULL;
  seen = g_new0 (ScanRule, SCAN_RULE_SLOTS);
  db_mutex = sqlite3_db_mutex (self->db);
  sqlite3_mutex_enter (db_mutex);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 member_id = sqlite3_column_int64 (stmt, 0);
      gint64 object_id = sqlite3_column_int64 (stmt, 1);
      gint64 origin = sqlite3_column_int64 (stmt, 2);
      HcGroupOrigin added_by = (origin & 1) ? HC_GROUP_ORIGIN_HR : HC_GROUP_ORIGIN_HAND;
      gint64 connector_id = origin >> 1;
      const char *text = column_text (stmt, 3);
      const char *rule = NULL;

      if (text != NULL)
        {
          ScanRule *slot = &seen[(guint64) object_id % SCAN_RULE_SLOTS];
          int len = sqlite3_column_bytes (stmt, 3);

          if (slot->rule == NULL || slot->object_id != object_id || slot->len != len ||
              memcmp (slot->rule, text, len) != 0)
            {
              slot->object_id = object_id;
              slot->rule = g_intern_string (text);
              slot->len = len;
            }
          rule = slot->rule;
        }
      if (roles)
        {
          HcMemberRole row = { .member_id = member_id, .role_id = object_id, .added_by = added_by,
                               .connector_id = connector_id, .rule = rule };

          g_array_append_val (rows, row);
        }
      else
        {
          HcGroupMembership row = { .group_id = object_id, .member_id = member_id, .added_by = added_by,
                                    .connector_id = connector_id, .rule = rule };

          g_array_append_val (rows, row);
        }
    }
  sqlite3_mutex_leave (db_mutex);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, roles ? _("read the roles") : _("read the groups"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GArray *
hc_store_scan_group_memberships (HcStore *self,
                                 GError **error)
{
  return scan_memberships (self, FALSE, error);
}

GArray *
hc_store_scan_member_roles (HcStore *self,
                            GError **error)
{
  return scan_memberships (self, TRUE, error);
}

/* Groups and roles a sync manages (hc-group-plan.h, rules.md 37–39) */

/* @data, a change of the group step, as a row of @rows (PACKED_ROWS_KIND):
 * on the thread that compresses the rows (HcPackedRowsFormatFunc). */
static void
append_group_row (GString      *rows,
                  gconstpointer data,
                  gint64        member_id,
                  gint64        object_id)
{
  const HcGroupChange *change = data;
  gboolean is_role = change->kind == HC_GROUP_CHANGE_ROLE_CREATE || change->kind == HC_GROUP_CHANGE_ROLE_ADD ||
                     change->kind == HC_GROUP_CHANGE_ROLE_REMOVE;
  const char *what = is_role ? change->name : change->path;
  gboolean gone = change->kind == HC_GROUP_CHANGE_LEAVE || change->kind == HC_GROUP_CHANGE_ROLE_REMOVE ||
                  change->kind == HC_GROUP_CHANGE_ARCHIVE;

  append_row_head (rows, hc_group_change_kind_to_string (change->kind), member_id, change->employee_id);
  g_string_append_c (rows, ',');
  append_json_string (rows, is_role ? "role" : "group");
  g_string_append_c (rows, ',');
  append_json_string_or_null (rows, gone ? what : NULL);
  g_string_append_c (rows, ',');
  append_json_string_or_null (rows, gone ? NULL : what);
  g_string_append_c (rows, ',');
  append_json_string_or_null (rows, change->rule);
  g_string_append_c (rows, ',');
  append_json_int_or_null (rows, object_id);
  g_string_append_c (rows, ']');
}

/* About how long append_group_row() writes @change. */
static gsize
group_row_size (const HcGroupChange *change)
{
  return 96 + (change->path ? strlen (change->path) : 0) + (change->name ? strlen (change->name) : 0) +
         (change->rule ? strlen (change->rule) : 0) + (change->employee_id ? strlen (change->employee_id) : 0);
}

/* A group or role id of a change: the one a CREATE of this run made for
 * a negative id. */
static gint64
resolve_id (GHashTable *made,
            gint64      id)
{
  gint64 *real;

  if (id >= 0)
    return id;
  real = g_hash_table_lookup (made, &id);
  return real ? *real : 0;
}

/* Items looked at past the last one found: skipped employees between
 * two that have changes. */
#define CREATED_LOOK_AHEAD 4

/* The member a sync made for @employee_id (0 when none): the item's
 * entry in @item_members, found in @member_of. A group plan's changes of
 * one kind name the employees in the items' order, so the items after
 * the one found last (*@next) are looked at first: a comparison or two
 * instead of hashing the id (a large first sync has a change or two for
 * each of its 100,000 new members). */
static gint64
created_member_id (GPtrArray  *items,
                   GArray     *item_members,
                   GHashTable *member_of,
                   guint      *next,
                   const char *employee_id)
{
  gint64 *found;

  for (guint i = *next; i < items->len && i < *next + CREATED_LOOK_AHEAD; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);

      /* a member this sync created: its id has no other item */
      if (creates_member (item) && strcmp (item->employee_id, employee_id) == 0)
        {
          *next = i + 1;
          return g_array_index (item_members, gint64, i);
        }
    }
  found = g_hash_table_lookup (member_of, employee_id);
  if (found == NULL)
    return 0;
  *next = (guint) (found - &g_array_index (item_members, gint64, 0)) + 1;
  return *found;
}

/* A bulk load's memberships and roles given, written BULK_ROWS at a time
 * (hc-sql-rows.c): those of one table, in the order of the group plan's
 * changes, whose history rows are packed once they are written. */
typedef struct
{
  HcSqlRows *rows;
  gboolean   groups;    /* group_members, or member_roles */
  GArray    *written;   /* Written, a row each */
} BulkLinks;

typedef struct
{
  const HcGroupChange *change;
  gint64               member_id;
  gint64               object_id;
} Written;

static gboolean
flush_bulk_links_locked (HcStore      *self,
                         BulkLinks    *links,
                         HcPackedRows *packed,
                         GError      **error)
{
  guint n = hc_sql_rows_get_len (links->rows);

  if (n == 0)
    return TRUE;
  if (!insert_rows_locked (self, links->groups
                           ? "INSERT INTO group_members (group_id, member_id, added_by, connector_id, rule, added_at) "
                           "SELECT c0, c1, c2, c3, c4, c5 FROM hc_rows (?1) WHERE true ON CONFLICT DO NOTHING"
                           : "INSERT INTO member_roles (role_id, member_id, added_by, connector_id, rule, added_at) "
                           "SELECT c0, c1, c2, c3, c4, c5 FROM hc_rows (?1) WHERE true ON CONFLICT DO NOTHING",
                           links->rows, links->groups ? _("save a group") : _("save a role"), error))
    return FALSE;
  /* Every member of a bulk load is new and gets a group once and a
   * role once (hc-group-plan.c): a row not written is a plan that does
   * not hold, which is not applied half. */
  if ((guint) sqlite3_changes (self->db) != n)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_STORE, links->groups
                   ? _("A member would have joined the same group twice")
                   : _("A member would have been given the same role twice"));
      return FALSE;
    }
  for (guint i = 0; i < links->written->len; i++)
    {
      const Written *w = &g_array_index (links->written, Written, i);

      if (!hc_packed_rows_add_later (packed, append_group_row, w->change, w->member_id, w->object_id,
                                     group_row_size (w->change), error))
        return FALSE;
    }
  hc_sql_rows_clear (links->rows);
  g_array_set_size (links->written, 0);
  return TRUE;
}

static gboolean
add_bulk_link_locked (HcStore             *self,
                      BulkLinks           *links,
                      HcPackedRows        *packed,
                      const HcGroupChange *change,
                      gint64               object_id,
                      gint64               member_id,
                      gint64               connector_id,
                      gint64               now,
                      GError             **error)
{
  gboolean groups = change->kind == HC_GROUP_CHANGE_JOIN;
  Written w = { change, member_id, object_id };

  if ((groups != links->groups || hc_sql_rows_get_len (links->rows) >= BULK_ROWS) &&
      !flush_bulk_links_locked (self, links, packed, error))
    return FALSE;
  links->groups = groups;
  hc_sql_rows_add (links->rows);
  hc_sql_rows_set_int (links->rows, 0, object_id);
  hc_sql_rows_set_int (links->rows, 1, member_id);
  hc_sql_rows_set_text (links->rows, 2, connector_id != 0 ? "hr" : "hand");
  if (connector_id != 0)
    hc_sql_rows_set_int (links->rows, 3, connector_id);
  hc_sql_rows_set_text (links->rows, 4, change->rule);
  hc_sql_rows_set_int (links->rows, 5, now);
  g_array_append_val (links->written, w);
  return TRUE;
}

/* @bulk: a bulk load's (apply_plan_in_bulk_locked()) */
static gboolean
apply_group_plan_locked (HcStore      *self,
                         HcPlan       *plan,
                         HcSyncRun    *run,
                         HcPackedRows *packed,
                         GHashTable   *member_of,
                         GArray       *item_members,
                         gboolean      bulk,
                         gint64        now,
                         GError      **error)
{
  HcGroupPlan *group_plan = hc_plan_get_group_plan (plan);
  gint64 connector_id = hc_plan_get_connector_id (plan);
  g_autoptr (GHashTable) made = NULL;
  g_autoptr (GHashTable) staged = NULL;
  GPtrArray *changes;
  GPtrArray *items = hc_plan_get_items (plan);
  guint next_item = 0;
  g_autoptr (HcSqlRows) link_rows = NULL;
  g_autoptr (GArray) written = NULL;
  BulkLinks links = { NULL, FALSE, NULL };

  if (group_plan == NULL)
    return TRUE;
  if (bulk)
    {
      links.rows = link_rows = hc_sql_rows_new (6);
      links.written = written = g_array_new (FALSE, FALSE, sizeof (Written));
    }
  made = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  staged = g_hash_table_new (g_int64_hash, g_int64_equal);
  /* A member whose archive stays staged stays managed: in their groups too. */
  for (guint i = 0; i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);

      if (item->kind == HC_PLAN_ARCHIVE && item->staged)
        g_hash_table_add (staged, &item->member_id);
    }

  changes = hc_group_plan_get_changes (group_plan);
  for (guint i = 0; i < changes->len; i++)
    {
      HcGroupChange *change = g_ptr_array_index (changes, i);
      gint64 member_id = change->member_id;
      gint64 group_id = resolve_id (made, change->group_id);
      gint64 role_id = resolve_id (made, change->role_id);
      sqlite3_stmt *stmt = NULL;
      gint64 object_id = 0;
      gboolean changed;

      if (member_id == 0 && change->employee_id != NULL)
        member_id = created_member_id (items, item_members, member_of, &next_item, change->employee_id);
      if (change->employee_id != NULL && member_id == 0)
        continue;       /* a member the sync did not create after all */
      if (change->leaving && g_hash_table_contains (staged, &member_id))
        continue;

      if (bulk && (change->kind == HC_GROUP_CHANGE_JOIN || change->kind == HC_GROUP_CHANGE_ROLE_ADD))
        {
          object_id = change->kind == HC_GROUP_CHANGE_JOIN ? group_id : role_id;
          if (!add_bulk_link_locked (self, &links, packed, change, object_id, member_id, connector_id, now, error))
            return FALSE;
          continue;
        }
      /* what was given so far first, as History lists it */
      if (bulk && !flush_bulk_links_locked (self, &links, packed, error))
        return FALSE;

      switch (change->kind)
        {
        case HC_GROUP_CHANGE_CREATE:
          if (!insert_named_locked (self, TRUE, resolve_id (made, change->parent_id), change->name, connector_id,
                                    now, &object_id, error))
            return FALSE;
          g_hash_table_insert (made, g_memdup2 (&change->group_id, sizeof (gint64)),
                               g_memdup2 (&object_id, sizeof (gint64)));
          break;

        case HC_GROUP_CHANGE_RESTORE:
        case HC_GROUP_CHANGE_ARCHIVE:
          /* An archive only when the group is empty now: a member whose
           * archive stays staged keeps it live. */
          stmt = get_stmt (self, "UPDATE groups SET archived = ?1 WHERE id = ?2 AND origin = 'hr' "
                           "AND (?1 = 0 OR NOT EXISTS (SELECT 1 FROM group_members WHERE group_id = ?2))", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int (stmt, 1, change->kind == HC_GROUP_CHANGE_ARCHIVE);
          sqlite3_bind_int64 (stmt, 2, group_id);
          if (!step_done (self, stmt, _("save a group"), error))
            return FALSE;
          if (sqlite3_changes (self->db) == 0)
            continue;
          object_id = group_id;
          break;

        case HC_GROUP_CHANGE_ROLE_CREATE:
          if (!insert_named_locked (self, FALSE, 0, change->name, connector_id, now, &object_id, error))
            return FALSE;
          g_hash_table_insert (made, g_memdup2 (&change->role_id, sizeof (gint64)),
                               g_memdup2 (&object_id, sizeof (gint64)));
          break;

        case HC_GROUP_CHANGE_JOIN:
        case HC_GROUP_CHANGE_ROLE_ADD:
          object_id = change->kind == HC_GROUP_CHANGE_JOIN ? group_id : role_id;
          if (!link_member_locked (self, change->kind == HC_GROUP_CHANGE_JOIN, object_id, member_id, connector_id,
                                   change->rule, now, &changed, error))
            return FALSE;
          if (!changed)
            continue;   /* given by hand meanwhile: theirs */
          break;

        case HC_GROUP_CHANGE_LEAVE:
        case HC_GROUP_CHANGE_ROLE_REMOVE:
          /* Only what a sync of this connector gave (rules.md 38). */
          object_id = change->kind == HC_GROUP_CHANGE_LEAVE ? group_id : role_id;
          if (!unlink_member_locked (self, change->kind == HC_GROUP_CHANGE_LEAVE, object_id, member_id, connector_id,
                                     &changed, error))
            return FALSE;
          if (!changed)
            continue;
          break;

        case HC_GROUP_CHANGE_N_KINDS:
        default:
          continue;
        }
      if (!hc_packed_rows_add_later (packed, append_group_row, change, member_id, object_id,
                                     group_row_size (change), error))
        return FALSE;
    }
  return !bulk || flush_bulk_links_locked (self, &links, packed, error);
}

/* Undo of what a sync changed in groups and roles (hc-undo.c): the item's
 * field is the recorded kind, object_id the group or role. */
static gboolean
undo_group_item_locked (HcStore          *self,
                        const HcUndoItem *item,
                        gint64            connector_id,
                        gint64            now,
                        GError          **error)
{
  const char *kind = item->field;
  sqlite3_stmt *stmt;

  if (g_str_equal (kind, HC_RUN_CHANGE_GROUP_JOIN) || g_str_equal (kind, HC_RUN_CHANGE_ROLE_ADD))
    {
      stmt = get_stmt (self, g_str_equal (kind, HC_RUN_CHANGE_GROUP_JOIN)
                       ? "DELETE FROM group_members WHERE group_id = ? AND member_id = ? AND added_by = 'hr'"
                       : "DELETE FROM member_roles WHERE role_id = ? AND member_id = ? AND added_by = 'hr'", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->object_id);
      sqlite3_bind_int64 (stmt, 2, item->member_id);
    }
  else if (g_str_equal (kind, HC_RUN_CHANGE_GROUP_LEAVE) || g_str_equal (kind, HC_RUN_CHANGE_ROLE_REMOVE))
    {
      stmt = get_stmt (self, g_str_equal (kind, HC_RUN_CHANGE_GROUP_LEAVE)
                       ? "INSERT INTO group_members (group_id, member_id, added_by, connector_id, rule, added_at) "
                       "SELECT ?1, ?2, 'hr', ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM groups WHERE id = ?1) "
                       "ON CONFLICT DO NOTHING"
                       : "INSERT INTO member_roles (role_id, member_id, added_by, connector_id, rule, added_at) "
                       "SELECT ?1, ?2, 'hr', ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM roles WHERE id = ?1) "
                       "ON CONFLICT DO NOTHING", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->object_id);
      sqlite3_bind_int64 (stmt, 2, item->member_id);
      sqlite3_bind_int64 (stmt, 3, connector_id);
      bind_text (stmt, 4, item->rule);
      sqlite3_bind_int64 (stmt, 5, now);
    }
  else if (g_str_equal (kind, HC_RUN_CHANGE_GROUP_CREATE))
    {
      /* Gone when nobody is in it and nothing under it; archived else. */
      stmt = get_stmt (self, "DELETE FROM groups WHERE id = ?1 AND origin = 'hr' "
                       "AND NOT EXISTS (SELECT 1 FROM group_members WHERE group_id = ?1) "
                       "AND NOT EXISTS (SELECT 1 FROM groups WHERE parent_id = ?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->object_id);
      if (!step_done (self, stmt, _("save a group"), error))
        return FALSE;
      if (sqlite3_changes (self->db) > 0)
        return TRUE;
      stmt = get_stmt (self, "UPDATE groups SET archived = 1 WHERE id = ? AND origin = 'hr'", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->object_id);
    }
  else if (g_str_equal (kind, HC_RUN_CHANGE_GROUP_ARCHIVE) || g_str_equal (kind, HC_RUN_CHANGE_GROUP_RESTORE))
    {
      stmt = get_stmt (self, "UPDATE groups SET archived = ? WHERE id = ? AND origin = 'hr'", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, g_str_equal (kind, HC_RUN_CHANGE_GROUP_RESTORE));
      sqlite3_bind_int64 (stmt, 2, item->object_id);
    }
  else if (g_str_equal (kind, HC_RUN_CHANGE_ROLE_CREATE))
    {
      stmt = get_stmt (self, "DELETE FROM roles WHERE id = ?1 AND origin = 'hr' "
                       "AND NOT EXISTS (SELECT 1 FROM member_roles WHERE role_id = ?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->object_id);
    }
  else
    return TRUE;
  return step_done (self, stmt, _("save a group"), error);
}

sqlite3 *
hc_store_lock_database (HcStore *self)
{
  g_return_val_if_fail (HC_IS_STORE (self), NULL);

  g_mutex_lock (&self->lock);
  return self->db;
}

void
hc_store_unlock_database (HcStore *self)
{
  g_return_if_fail (HC_IS_STORE (self));

  g_mutex_unlock (&self->lock);
}
