/* hc-store.h — the workspace database: connectors, members, runs (SQLite)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-connector-info.h"
#include "hc-member.h"
#include "hc-plan.h"
#include "hc-sync-run.h"

G_BEGIN_DECLS

#define HC_TYPE_STORE (hc_store_get_type ())
G_DECLARE_FINAL_TYPE (HcStore, hc_store, HC, STORE, GObject)

#define HC_STORE_SCHEMA_VERSION 14

/* The data directory: @override, else $HEADCOUNT_DATA_DIR, else
 * $XDG_DATA_HOME/headcount. (transfer full) */
char            *hc_store_dup_data_dir      (const char       *override);
/* The longest workspace file name, in bytes, ".db" aside (rules.md 33):
 * "<name>.db-journal" stays far below the 255 a file system allows. */
#define HC_STORE_WORKSPACE_NAME_MAX 100

/* "<data_dir>/<file>.db", the file derived from the workspace name
 * (rules.md 33): letters, digits, "-", "_" and "." as they are, any other
 * byte as %XX ("Acme Corp" is Acme%20Corp.db), so that it is safe, one
 * name's own, and read back. A name with "/", "\", "%", a control
 * character, a leading "." or space or a trailing space is refused, as is
 * one whose file name is over HC_STORE_WORKSPACE_NAME_MAX bytes. */
char            *hc_store_build_path        (const char       *data_dir,
                                             const char       *workspace,
                                             GError          **error);
/* The workspace name a file name is for ("Acme Corp" for
 * Acme%20Corp.db). (transfer full) */
char            *hc_store_workspace_name_from_file (const char    *file_name);

/* Opens (creating it 0600 and its directory 0700) and migrates, and
 * records the syncs whose process died as interrupted (rules.md 41). The
 * store is safe to use from one thread at a time; calls are serialised. */
HcStore         *hc_store_new               (const char       *path,
                                             GError          **error);
/* Opens an existing database to read only (rules.md 33): no folder or
 * file is made, nothing migrated, nothing written. For a data folder or a
 * database Headcount cannot write (hc_store_path_is_writable()). */
HcStore         *hc_store_new_read_only     (const char       *path,
                                             GError          **error);
/* FALSE when the folder of @path, or @path itself, exists and cannot be
 * written. */
gboolean         hc_store_path_is_writable  (const char       *path);
gboolean         hc_store_is_read_only      (HcStore          *self);
const char      *hc_store_get_path          (HcStore          *self);
int              hc_store_get_schema_version (HcStore         *self);
/* A random id made when the database was created: it keys the workspace's
 * secrets in the keyring. */
const char      *hc_store_get_workspace_id  (HcStore          *self);
/* Closes the database now, whoever else holds the store (a loader
 * thread): a query running in another thread finishes first, every later
 * one fails with HC_ERROR_STORE. Done when a workspace is switched,
 * renamed or deleted, or its window closes, so that the file can move. */
void             hc_store_close              (HcStore          *self);
/* Frees what SQLite caches for this connection (pages it can read again)
 * once a long piece of work is over, so that an app left open between
 * scheduled syncs does not keep the largest sync's cache. */
void             hc_store_release_memory     (HcStore          *self);
gboolean         hc_store_is_closed          (HcStore          *self);
/* Opens a closed store again, at @path (the workspace renamed, its file
 * moved): every holder keeps the same store, and its session. */
gboolean         hc_store_reopen             (HcStore          *self,
                                              const char       *path,
                                              GError          **error);
/* The workspace name, from the file name ("acme" for acme.db). (transfer full) */
char            *hc_store_dup_workspace_name (HcStore         *self);

/* Connectors. A NULL @config is the defaults of @kind
 * (hc_config_new_for_kind()). */
gint64           hc_store_add_connector     (HcStore          *self,
                                             const char       *name,
                                             const char       *kind,
                                             const char       *settings_json,
                                             const HcConfig   *config,
                                             gboolean          test_instance,
                                             GError          **error);
GPtrArray       *hc_store_list_connectors   (HcStore          *self,
                                             GError          **error);
HcConnectorInfo *hc_store_get_connector     (HcStore          *self,
                                             gint64            id,
                                             GError          **error);
HcConnectorInfo *hc_store_find_connector    (HcStore          *self,
                                             const char       *name,
                                             GError          **error);
gboolean         hc_store_set_connector_config (HcStore       *self,
                                             gint64            id,
                                             const HcConfig   *config,
                                             GError          **error);
gboolean         hc_store_set_connector_state (HcStore        *self,
                                             gint64            id,
                                             HcConnectorState  state,
                                             const char       *last_error,
                                             GError          **error);
/* rules.md 43: what a connection test or a sync said of the current
 * credentials; @message is the refusal (REJECTED only). ACCEPTED and
 * UNTESTED clear a failure that rejected credentials caused. */
gboolean         hc_store_set_connector_credentials (HcStore  *self,
                                             gint64            id,
                                             HcCredentials     credentials,
                                             const char       *message,
                                             GError          **error);
/* A failed sync attempt at @failed_at (µs), recorded as run @run_id (0 for
 * none); @rejected when the HR system refused the credentials. A
 * successful sync clears it. */
gboolean         hc_store_set_connector_failed (HcStore       *self,
                                             gint64            id,
                                             gint64            failed_at,
                                             gint64            run_id,
                                             const char       *message,
                                             gboolean          rejected,
                                             GError          **error);
/* Replaces the settings JSON (never a secret) and the test-instance mark. */
gboolean         hc_store_set_connector_settings (HcStore     *self,
                                             gint64            id,
                                             const char       *settings_json,
                                             gboolean          test_instance,
                                             GError          **error);
/* Names are unique in a workspace: HC_ERROR_EXISTS otherwise. */
gboolean         hc_store_rename_connector  (HcStore          *self,
                                             gint64            id,
                                             const char       *name,
                                             GError          **error);
gboolean         hc_store_remove_connector  (HcStore          *self,
                                             gint64            id,
                                             GError          **error);
/* TRUE once a sync of this connector has been applied (rules.md 12). */
gboolean         hc_store_connector_has_synced (HcStore       *self,
                                             gint64            id);

/* Members */
GPtrArray       *hc_store_list_members      (HcStore          *self,
                                             GError          **error);
/* As hc_store_list_members(), without the managers' names: for a sync's
 * plan, which finds a member's manager by id itself. Quicker and lighter
 * for 100,000 members. (transfer full) */
GPtrArray       *hc_store_list_members_for_plan (HcStore      *self,
                                                 GError      **error);
/* Each member in id order, as hc_store_list_members() reads it but one
 * at a time, without the managers' names: @func returns FALSE to stop.
 * The member is valid during the call (take a reference to keep it);
 * @func must not call the store, whose lock it runs under. For 100,000
 * members printed as they are read. */
typedef gboolean (*HcStoreMemberFunc)       (HcMember         *member,
                                             gpointer          user_data);
gboolean         hc_store_foreach_member    (HcStore          *self,
                                             HcStoreMemberFunc func,
                                             gpointer          user_data,
                                             GError          **error);
HcMember        *hc_store_get_member        (HcStore          *self,
                                             gint64            id,
                                             GError          **error);
/* Inserts a member (manual when it has no connector); sets its id. */
gboolean         hc_store_add_member        (HcStore          *self,
                                             HcMember         *member,
                                             GError          **error);
/* Inserts @members (manual when they have no connector) in one
 * transaction and sets their ids; on error none is added and their ids are
 * 0 again. @managers, when not NULL, runs parallel to @members: each one's
 * manager — a member of the store or one of @members — or NULL. */
gboolean         hc_store_add_members       (HcStore          *self,
                                             GPtrArray        *members,
                                             GPtrArray        *managers,
                                             GError          **error);
/* A source of members for hc_store_add_members_streamed(): *@next is the
 * next member to add (transfer full), NULL at the end. @added is the
 * member the call before gave, now with its id, or NULL. */
typedef gboolean (*HcStoreMemberSource)      (gpointer          user_data,
                                             HcMember         *added,
                                             HcMember        **next,
                                             GError          **error);
/* The manager links to set once every member is added: FALSE at the end. */
typedef gboolean (*HcStoreManagerSource)     (gpointer          user_data,
                                             gint64           *member_id,
                                             gint64           *manager_id);
/* hc_store_add_members() for more members than memory should hold: one
 * transaction, one prepared statement, members taken one at a time; on
 * error none is added. */
gboolean         hc_store_add_members_streamed (HcStore        *self,
                                             HcStoreMemberSource  members,
                                             HcStoreManagerSource managers,
                                             gpointer          user_data,
                                             guint            *n_added,
                                             GError          **error);
guint            hc_store_count_members     (HcStore          *self,
                                             int               state);  /* -1 for all */
/* The members @connector_id manages or managed (its connector_id). */
guint            hc_store_count_connector_members (HcStore    *self,
                                             gint64            connector_id);

/* Applies the plan and records @run (its id, counts and finished_at are
 * set) in one transaction: on error nothing has changed. Archives the plan
 * leaves staged (hc_plan_set_archive_approved()) are not applied: they are
 * recorded in the run as staged, and the run's archive count leaves them
 * out. */
gboolean         hc_store_apply_plan        (HcStore          *self,
                                             HcPlan           *plan,
                                             HcSyncRun        *run,
                                             GError          **error);
/* The members whose archive a run left staged (not approved), in plan
 * order. (transfer full) of gint64 */
GArray          *hc_store_list_staged_archives (HcStore       *self,
                                             gint64            run_id,
                                             GError          **error);
/* Records a run that applied nothing (failed, cancelled, waiting). */
gboolean         hc_store_record_run        (HcStore          *self,
                                             HcSyncRun        *run,
                                             GError          **error);
/* Newest first; @connector_id 0 for all; @limit 0 for no limit. */
GPtrArray       *hc_store_list_runs         (HcStore          *self,
                                             gint64            connector_id,
                                             guint             limit,
                                             GError          **error);

/* Schedules (hc-scheduler.h). @next_run_at is µs since the epoch, 0 for
 * none yet. */
gboolean         hc_store_get_connector_next_run (HcStore     *self,
                                             gint64            id,
                                             gint64           *next_run_at,
                                             GError          **error);
gboolean         hc_store_set_connector_next_run (HcStore     *self,
                                             gint64            id,
                                             gint64            next_run_at,
                                             GError          **error);
/* How often a store renews the run claims it holds (rules.md 40). */
#define HC_STORE_CLAIM_RENEW_INTERVAL (G_TIME_SPAN_MINUTE)

/* Reserves the connector for one run, across processes (rules.md 40):
 * @claimed is FALSE while another run holds it. A holder on this host
 * holds it as long as it runs (its pid and start time are checked); one
 * on another host, until its claim, renewed every
 * HC_STORE_CLAIM_RENEW_INTERVAL while it lives, is older than
 * @stale_before. The store renews the claim until
 * hc_store_release_connector_run(), which ends the run. */
gboolean         hc_store_claim_connector_run (HcStore        *self,
                                             gint64            id,
                                             gint64            now,
                                             gint64            stale_before,
                                             gboolean         *claimed,
                                             GError          **error);
/* As hc_store_claim_connector_run(), for a run that History records
 * (rules.md 41): the claim keeps @trigger and @now until the run records
 * its entry, so that a run whose process dies before that is recorded as
 * interrupted, at the next hc_store_new() or claim of the connector. A
 * run that records nothing (a dry run) claims with
 * hc_store_claim_connector_run(). */
gboolean         hc_store_claim_connector_sync (HcStore       *self,
                                             gint64            id,
                                             HcSyncTrigger     trigger,
                                             gint64            now,
                                             gint64            stale_before,
                                             gboolean         *claimed,
                                             GError          **error);
gboolean         hc_store_release_connector_run (HcStore      *self,
                                             gint64            id,
                                             GError          **error);
/* Sets the claims this store holds to @now (at least): what the store's
 * own thread does every HC_STORE_CLAIM_RENEW_INTERVAL. */
gboolean         hc_store_renew_connector_runs (HcStore       *self,
                                             gint64            now,
                                             GError          **error);
/* TRUE while a run holds the connector (as hc_store_claim_connector_run()
 * sees it). */
gboolean         hc_store_connector_run_is_claimed (HcStore   *self,
                                             gint64            id,
                                             gint64            stale_before);

/* Scenario checks: employee id → the kind of the first change a run
 * recorded for them ("update", "invite", "archive"…). (transfer full) */
GHashTable      *hc_store_list_run_employees (HcStore         *self,
                                             gint64            run_id,
                                             GError          **error);
/* What @connector_id's last applied sync that changed something changed,
 * as hc_store_list_run_employees() gives it, in *@employees (NULL when no
 * sync was applied): a sync that found nothing to do says nothing of the
 * scenario. */
gboolean         hc_store_list_last_run_employees (HcStore    *self,
                                             gint64            connector_id,
                                             GHashTable      **employees,
                                             GError          **error);
/* TRUE when an invitation of one of @connector_id's members is recorded
 * as sent: never for a test instance. */
gboolean         hc_store_connector_has_sent_invitations (HcStore *self,
                                             gint64            connector_id);

/* History (rules.md 23, 24): a run's changes, retention, undo. */

/* Runs kept per connector; older ones are pruned after each recorded run. */
#define HC_STORE_RUN_RETENTION 500

/* sync_changes kinds an undo records, besides the plan kinds
 * (hc_plan_kind_to_string()) and "staged_archive" a sync records. */
#define HC_RUN_CHANGE_UNDO_OF      "undo_of"       /* after: the id of the run undone */
#define HC_RUN_CHANGE_UNDO_REMOVE  "undo_remove"   /* before: the member's name */
#define HC_RUN_CHANGE_UNDO_RESTORE "undo_restore"  /* field, before (now) → after (restored) */
#define HC_RUN_CHANGE_UNDO_KEEP    "undo_keep"     /* before: the member's name, after: why */
#define HC_RUN_CHANGE_UNDO_PUT_BACK "undo_put_back" /* a removed member put back, before: its name */

/* One recorded change of a run. A created member has one row whose
 * @after is its initial values as a JSON object, with a NULL @field. */
typedef struct
{
  gint64  member_id;            /* 0 when none */
  char   *employee_id;
  char   *member_name;          /* the member's name now, or NULL once it is gone */
  char   *kind;                 /* see above */
  char   *field;
  char   *before;
  char   *after;
  char   *rule;                 /* group and role kinds of a sync: the rule */
  gint64  object_id;            /* group and role kinds: the group's or role's id, 0 for none */
} HcRunChange;

void             hc_run_change_free         (HcRunChange      *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcRunChange, hc_run_change_free)

/* HC_ERROR_NOT_FOUND when there is no such run. (transfer full) */
HcSyncRun       *hc_store_get_run           (HcStore          *self,
                                             gint64            run_id,
                                             GError          **error);
/* In the order they were recorded. (transfer full) of HcRunChange* */
GPtrArray       *hc_store_list_run_changes  (HcStore          *self,
                                             gint64            run_id,
                                             GError          **error);
/* How many runs per connector the store keeps (HC_STORE_RUN_RETENTION). */
void             hc_store_set_run_retention (HcStore          *self,
                                             guint             keep);
/* Deletes the runs of @connector_id beyond the newest @keep. */
gboolean         hc_store_prune_runs        (HcStore          *self,
                                             gint64            connector_id,
                                             guint             keep,
                                             guint            *n_pruned,
                                             GError          **error);
/* The newest applied (successful) run of a connector, an undo included;
 * 0 for none. */
gint64           hc_store_get_last_applied_run (HcStore       *self,
                                             gint64            connector_id);
/* The undo run that rolled back @run_id, or 0. */
gint64           hc_store_find_undo_of      (HcStore          *self,
                                             gint64            run_id);
/* The run that the undo run @run_id rolled back, or 0 when it is no undo. */
gint64           hc_store_get_undone_run    (HcStore          *self,
                                             gint64            run_id);
/* FALSE when there is no such member. */
gboolean         hc_store_get_member_times  (HcStore          *self,
                                             gint64            member_id,
                                             gint64           *created_at,
                                             gint64           *updated_at);
/* The HR status (and its connector) a member had before the run @run_id
 * made it managed, from the history: previously managed when an earlier
 * run unmanaged it, else manual. */
gboolean         hc_store_get_status_before_run (HcStore      *self,
                                             gint64            member_id,
                                             gint64            run_id,
                                             HcHrStatus       *status,
                                             gint64           *connector_id);
/* Applies a rollback (hc-undo.h, HcUndoItem*) of @undone_run_id and
 * records @run (connector and trigger set by the caller; id, result and
 * finished_at set here) in one transaction: on error nothing has changed.
 * Fails when @undone_run_id is not the connector's last applied run or
 * was undone already, or when a member to remove changed since. A
 * disconnect's run (rules.md 47) whose connector was removed since is
 * undone with @run's connector 0. */
gboolean         hc_store_apply_undo        (HcStore          *self,
                                             gint64            undone_run_id,
                                             GPtrArray        *items,
                                             HcSyncRun        *run,
                                             GError          **error);

/* The directory by hand (hc-directory.h). */

/* sync_changes kinds of a run by hand (HC_SYNC_TRIGGER_EDIT). */
#define HC_RUN_CHANGE_ADD          "add"           /* field NULL, after: the initial values as JSON */
#define HC_RUN_CHANGE_EDIT         "edit"          /* field, before → after */
#define HC_RUN_CHANGE_ARCHIVE      "archive"       /* state: before → archived */
#define HC_RUN_CHANGE_RESTORE      "restore"       /* state: archived → after */
#define HC_RUN_CHANGE_JOINED       "joined"        /* state: invited → active */
#define HC_RUN_CHANGE_INVITE       "hand_invite"   /* after: the e-mail a new invitation goes to */
#define HC_RUN_CHANGE_RESEND       "resend"        /* after: the e-mail */
/* Groups (hc-groups.h): field "group"; before and after are group paths. */
#define HC_RUN_CHANGE_GROUP_CREATE "group_create"  /* after: the new group's path */
#define HC_RUN_CHANGE_GROUP_RENAME "group_rename"  /* before → after: the paths */
#define HC_RUN_CHANGE_GROUP_MOVE   "group_move"    /* before → after: the paths */
#define HC_RUN_CHANGE_GROUP_DELETE "group_delete"  /* before: the path */
#define HC_RUN_CHANGE_GROUP_JOIN   "group_join"    /* a member, after: the path */
#define HC_RUN_CHANGE_GROUP_LEAVE  "group_leave"   /* a member, before: the path */

/* One change by hand. An add inserts @member, and records its invitation
 * when it has access. A field change is applied as a sync applies one
 * ("state", "access", a member field or "custom.NAME"); then, for
 * HC_RUN_CHANGE_JOINED, the member's invitation is marked joined; for
 * HC_RUN_CHANGE_INVITE, a new invitation is recorded to the member's
 * e-mail; for HC_RUN_CHANGE_RESEND, the newest invitation goes back to
 * the ones to send, its resend count bumped. The group kinds create
 * (@name under @parent_id, setting @group_id), rename (to @name), move
 * (under @parent_id), delete the group @group_id, or add (by hand) or
 * remove the membership of @member_id in it. */
typedef struct
{
  const char *kind;             /* HC_RUN_CHANGE_* above */
  gint64      member_id;        /* 0 for an add */
  HcMember   *member;           /* an add: the member inserted, its id set */
  char       *field;
  char       *before;
  char       *after;
  gint64      group_id;         /* group kinds */
  gint64      parent_id;        /* group_create, group_move: 0 for the top */
  char       *name;             /* group_create, group_rename */
} HcHandChange;

void             hc_hand_change_free        (HcHandChange     *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcHandChange, hc_hand_change_free)

/* Applies @changes (of HcHandChange*) and records them as @run (no
 * connector; its trigger HC_SYNC_TRIGGER_EDIT, counts set by the caller;
 * id, result and finished_at set here) in one transaction: on error
 * nothing has changed. */
gboolean         hc_store_apply_hand_changes (HcStore         *self,
                                             GPtrArray        *changes,
                                             HcSyncRun        *run,
                                             GError          **error);
/* The member whose e-mail is @email, compared trimmed and without case;
 * NULL (and no error) when there is none. (transfer full) */
HcMember        *hc_store_find_member_by_email (HcStore       *self,
                                             const char       *email,
                                             GError          **error);

/* Groups (hc-groups.h): a tree of any depth. A group is made by hand or
 * from the HR data by a connector; one made from HR that empties is
 * archived, never deleted. */
typedef enum
{
  HC_GROUP_ORIGIN_HAND,
  HC_GROUP_ORIGIN_HR,
} HcGroupOrigin;

typedef struct
{
  gint64         id;
  gint64         parent_id;     /* 0 for a top group */
  char          *name;
  HcGroupOrigin  origin;
  gint64         connector_id;  /* the connector that made it from HR, 0 for none */
  gboolean       archived;
  guint          n_direct;      /* its own members */
  /* Set by hc_groups_list(), not by the store: */
  char          *path;
  guint          n_members;     /* its members and its subgroups', each once */
  guint          depth;         /* 0 for a top group */
} HcGroup;

void             hc_group_free              (HcGroup          *group);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcGroup, hc_group_free)

/* A member in a group: added by hand, or by the sync of a connector. */
typedef struct
{
  gint64         group_id;
  gint64         member_id;
  HcGroupOrigin  added_by;
  gint64         connector_id;  /* 0 when by hand */
  const char    *rule;          /* the rule of a sync that gave it (interned), NULL by hand */
} HcGroupMembership;

/* Every group, by id. (transfer full) of HcGroup* */
GPtrArray       *hc_store_list_groups       (HcStore          *self,
                                             GError          **error);
/* The same; without @count_direct, n_direct stays 0 (a sync's plan counts
 * the memberships it reads anyway). */
GPtrArray       *hc_store_list_groups_full  (HcStore          *self,
                                             gboolean          count_direct,
                                             GError          **error);
/* Every membership, by group then member. (transfer full) of HcGroupMembership */
GArray          *hc_store_list_group_memberships (HcStore     *self,
                                             GError          **error);

/* Roles (rules.md 39): a catalogue of names, made by hand or from the
 * positions a connector sees; a member holds any number of them. */
typedef struct
{
  gint64         id;
  char          *name;
  HcGroupOrigin  origin;
  gint64         connector_id;  /* the connector that made it from HR, 0 for none */
  guint          n_members;
} HcRole;

void             hc_role_free               (HcRole           *role);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcRole, hc_role_free)

/* A role a member holds: given by hand, or by the sync of a connector. */
typedef struct
{
  gint64         member_id;
  gint64         role_id;
  HcGroupOrigin  added_by;
  gint64         connector_id;  /* 0 when by hand */
  const char    *rule;          /* interned, NULL by hand */
} HcMemberRole;

/* Every role, by name. (transfer full) of HcRole* */
GPtrArray       *hc_store_list_roles        (HcStore          *self,
                                             GError          **error);
/* The same; without @count_members, n_members stays 0 (a sync's plan
 * reads who holds which role anyway). */
GPtrArray       *hc_store_list_roles_full   (HcStore          *self,
                                             gboolean          count_members,
                                             GError          **error);
/* Every role held, by member then role. (transfer full) of HcMemberRole */
GArray          *hc_store_list_member_roles (HcStore          *self,
                                             GError          **error);
/* The same rows as hc_store_list_group_memberships() and
 * hc_store_list_member_roles(), in no order: quicker, for the plan of a
 * sync. (transfer full) */
GArray          *hc_store_scan_group_memberships (HcStore     *self,
                                             GError          **error);
GArray          *hc_store_scan_member_roles (HcStore          *self,
                                             GError          **error);

/* Roles by hand (hc-roles.h), as HcHandChange kinds; group_id is the
 * role's id, field "role", before and after role names. */
#define HC_RUN_CHANGE_ROLE_CREATE  "role_create"   /* @name; sets group_id */
#define HC_RUN_CHANGE_ROLE_RENAME  "role_rename"   /* to @name */
#define HC_RUN_CHANGE_ROLE_DELETE  "role_delete"
#define HC_RUN_CHANGE_ROLE_ADD     "role_add"      /* a member given the role by hand */
#define HC_RUN_CHANGE_ROLE_REMOVE  "role_remove"
/* What a sync changes in groups (hc-group-plan.h) is recorded with the
 * group kinds above and these, field "group" or "role", the rule and the
 * group's or role's id. */
#define HC_RUN_CHANGE_GROUP_ARCHIVE "group_archive" /* before: the path */
#define HC_RUN_CHANGE_GROUP_RESTORE "group_restore" /* after: the path */

/* A workspace setting (the sign-up link of the invitations export…):
 * NULL when unset. (transfer full) */
char            *hc_store_dup_workspace_setting (HcStore      *self,
                                             const char       *key);
gboolean         hc_store_set_workspace_setting (HcStore      *self,
                                             const char       *key,
                                             const char       *value,
                                             GError          **error);

/* An invitation (rule: Invited means access, not joined yet). Times are
 * µs since the epoch, 0 for not yet. */
typedef struct
{
  gint64  id;
  gint64  member_id;
  gint64  run_id;               /* the run that recorded it, 0 once pruned */
  char   *email;
  gint64  created_at;
  gint64  sent_at;              /* handed over to be sent (exported); 0 while to send */
  gint64  resent_at;            /* the last "Resend" */
  guint   resend_count;
  gint64  joined_at;
} HcInvitation;

void             hc_invitation_free         (HcInvitation     *invitation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcInvitation, hc_invitation_free)

/* A member's invitations, oldest first. (transfer full) of HcInvitation* */
GPtrArray       *hc_store_list_member_invitations (HcStore    *self,
                                             gint64            member_id,
                                             GError          **error);
/* The invited members with access whose newest invitation is still to
 * send (or who have none), in member order, leaving out the members of a
 * test instance, which never sends anything: *@n_test_instance counts
 * those. (transfer full) of gint64 */
GArray          *hc_store_list_invitations_to_send (HcStore   *self,
                                             guint            *n_test_instance,
                                             GError          **error);
/* Marks the newest invitation of each of @member_ids sent at @sent_at
 * (recording one for a member who has none), never one of a test
 * instance's member; *@n_marked counts those marked. */
gboolean         hc_store_mark_invitations_sent (HcStore      *self,
                                             GArray           *member_ids,
                                             gint64            sent_at,
                                             guint            *n_marked,
                                             GError          **error);

/* The database itself, for the tables of one feature kept in its own file
 * (hc-destination.c): held under the store's lock until
 * hc_store_unlock_database(); NULL once the store is closed.
 * (transfer none) */
struct sqlite3;
struct sqlite3 *hc_store_lock_database     (HcStore          *self);
void             hc_store_unlock_database   (HcStore          *self);

G_END_DECLS
