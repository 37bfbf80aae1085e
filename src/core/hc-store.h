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

#define HC_STORE_SCHEMA_VERSION 2

/* The data directory: @override, else $HEADCOUNT_DATA_DIR, else
 * $XDG_DATA_HOME/headcount. (transfer full) */
char            *hc_store_dup_data_dir      (const char       *override);
/* "<data_dir>/<workspace>.db". Workspace names are checked. */
char            *hc_store_build_path        (const char       *data_dir,
                                             const char       *workspace,
                                             GError          **error);

/* Opens (creating it 0600 and its directory 0700) and migrates. The store
 * is safe to use from one thread at a time; calls are serialised. */
HcStore         *hc_store_new               (const char       *path,
                                             GError          **error);
const char      *hc_store_get_path          (HcStore          *self);
int              hc_store_get_schema_version (HcStore         *self);
/* A random id made when the database was created: it keys the workspace's
 * secrets in the keyring. */
const char      *hc_store_get_workspace_id  (HcStore          *self);
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
/* TRUE once a sync of this connector has been applied (rule 12). */
gboolean         hc_store_connector_has_synced (HcStore       *self,
                                             gint64            id);

/* Members */
GPtrArray       *hc_store_list_members      (HcStore          *self,
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
guint            hc_store_count_members     (HcStore          *self,
                                             int               state);  /* -1 for all */

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

G_END_DECLS
