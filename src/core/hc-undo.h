/* hc-undo.h — the rollback of a connector's last applied sync: a preview, then one transaction
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-store.h"
#include "hc-sync-run.h"

G_BEGIN_DECLS

typedef enum
{
  HC_UNDO_REMOVE,       /* a member the run created, untouched since: removed */
  HC_UNDO_RESTORE,      /* a field, the state or the HR status put back */
  HC_UNDO_KEEP,         /* left as it is, with the reason */
  HC_UNDO_PUT_BACK,     /* a member the run removed (a disconnect's): put back whole,
                         * restored its snapshot (hc-member-snapshot.h) */
} HcUndoAction;

typedef struct _HcUndoItem
{
  HcUndoAction  action;
  gint64        member_id;
  char         *display_name;
  char         *field;          /* RESTORE, KEEP: a member field, "state", "access", "hr_status"; NULL for a whole member */
  char         *current;        /* the value now */
  char         *restored;       /* the value the undo puts back */
  gint64        connector_id;   /* "hr_status": the connector it goes back to, 0 for none */
  gint64        updated_at;     /* REMOVE: the member's updated_at the preview saw */
  char         *reason;         /* KEEP: why, a sentence */
  /* What a sync changed in groups and roles: field is the recorded kind
   * ("group_join"…), current and restored the paths or role names,
   * object_id the group or role (never 0), rule the membership's rule. */
  gint64        object_id;
  char         *rule;
} HcUndoItem;

#define HC_TYPE_UNDO (hc_undo_get_type ())
G_DECLARE_FINAL_TYPE (HcUndo, hc_undo, HC, UNDO, GObject)

/* TRUE when @run_id is the last applied run of its connector, not an undo
 * and not undone; else FALSE with the reason in @error. A disconnect's
 * run (rules.md 47) stays undoable once its connector is removed. */
gboolean      hc_undo_can_undo        (HcStore        *store,
                                       gint64          run_id,
                                       GError        **error);
/* The preview of the rollback of @run_id: reads the store, changes
 * nothing. */
HcUndo       *hc_undo_new             (HcStore        *store,
                                       gint64          run_id,
                                       GError        **error);
gint64        hc_undo_get_run_id      (HcUndo         *self);
gint64        hc_undo_get_connector_id (HcUndo        *self);
/* (transfer none) of HcUndoItem* */
GPtrArray    *hc_undo_get_items       (HcUndo         *self);
/* Members removed, members with something restored, members with
 * something kept; their groups and roles aside. */
guint         hc_undo_count_members   (HcUndo         *self,
                                       HcUndoAction    action);
/* "Removes 2 members it created. Restores 5 members as they were before.
 * Puts back 3 removed members.", zeros left out.
 * (transfer full) */
char         *hc_undo_dup_summary     (HcUndo         *self);
/* {"run", "connector_id", "removed", "restored", "kept", "put_back", "items": [...]} */
void          hc_undo_to_json         (HcUndo         *self,
                                       JsonBuilder    *builder);
/* Applies the rollback in one transaction and records it as a run with
 * @trigger (result success). @out_run, when not NULL, gets the record. */
gboolean      hc_undo_apply           (HcUndo         *self,
                                       HcStore        *store,
                                       HcSyncTrigger   trigger,
                                       HcSyncRun     **out_run,
                                       GError        **error);

/* The same off the main thread (the store serialises its calls). */
void          hc_undo_new_async       (HcStore        *store,
                                       gint64          run_id,
                                       GCancellable   *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer        user_data);
HcUndo       *hc_undo_new_finish      (GAsyncResult   *result,
                                       GError        **error);
/* The undo run, (transfer full), or NULL with @error. */
void          hc_undo_apply_async     (HcUndo         *self,
                                       HcStore        *store,
                                       HcSyncTrigger   trigger,
                                       GCancellable   *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer        user_data);
HcSyncRun    *hc_undo_apply_finish    (HcUndo         *self,
                                       GAsyncResult   *result,
                                       GError        **error);

const char   *hc_undo_action_to_string (HcUndoAction  action);
/* A field name for people ("Job title", "HR status"), or what a change
 * in groups and roles did ("Role given"). (transfer full) */
char         *hc_undo_describe_field  (const char     *field);
/* A recorded value for people: the words of a state, an HR status
 * ("Managed by HR", "No longer managed", never "previously_managed") or an
 * access; other fields' values as they are, "—" for none. */
const char   *hc_undo_describe_value  (const char     *field,
                                       const char     *value);

/* What a recorded change (HcRunChange.kind) did, for people. */
const char   *hc_undo_describe_change_kind (const char  *kind);

/* A row of a recorded change as people read it: @field described ("Job
 * title") or NULL, @before and @after described, NULL for none. */
typedef void (*HcRunChangeRowFunc) (const char *field,
                                    const char *before,
                                    const char *after,
                                    gpointer    user_data);
/* The rows of @change, the same in the app and in the CLI: a created
 * member's values one field a row, else one row; an undo that removed a
 * member has no values, one that kept a member says why in @after. */
void          hc_undo_foreach_change_row (const HcRunChange *change,
                                          HcRunChangeRowFunc func,
                                          gpointer           user_data);

G_END_DECLS
