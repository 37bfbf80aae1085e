/* hc-sync-flow.c — one sync from the window: prepare, preview, apply, report
 *
 * Everything runs on the main loop through HcSync's async calls. Every
 * manual sync shows its plan in the preview (HcPlanDialog) before
 * anything is applied, answered asynchronously too; only a sync the user
 * asked for in so many words (the demo company) skips it.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-sync-flow"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hc-error.h"
#include "hc-explainer.h"
#include "hc-format.h"
#include "hc-plan-dialog.h"
#include "hc-scheduler.h"
#include "hc-session.h"
#include "hc-sync.h"
#include "hc-destination.h"
#include "hc-scim-push.h"
#include "hc-sync-flow.h"

struct _HcSyncFlow
{
  GObject       parent_instance;

  HcStore      *store;
  GtkWindow    *parent;           /* weak */

  /* The running sync, NULL when idle */
  HcSync       *sync;
  GCancellable *cancellable;
  HcPlanDialog *dialog;           /* weak: the preview, while it shows */
  char         *connector_name;
  gint64        connector_id;
  gint64        claimed_id;       /* reserved in the store while it runs */
  gint64        started_at;
  gint64        failed_run_id;    /* the last failed sync's run in the history */
  gboolean      confirmed;
  double        progress;
  char         *status_text;

  /* The employees the last sync here fetched, for "Why?" on the member
   * details; one connector's only, as 100,000 of them weigh. */
  GPtrArray    *employees;
  gint64        employees_connector_id;
};

G_DEFINE_FINAL_TYPE (HcSyncFlow, hc_sync_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_STATUS_TEXT,
  PROP_CONNECTOR_ID,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_progress (HcSyncFlow *self,
              double      progress)
{
  if (self->progress == progress)
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
set_status_text (HcSyncFlow *self,
                 const char *text)
{
  if (g_strcmp0 (self->status_text, text) == 0)
    return;

  g_free (self->status_text);
  self->status_text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

static void
sync_notify_cb (HcSyncFlow *self,
                GParamSpec *pspec,
                HcSync     *sync)
{
  if (sync != self->sync)
    return;

  set_progress (self, hc_sync_get_progress (sync));
  set_status_text (self, hc_sync_get_status_text (sync));
}

/* Lets the scheduler and headcount-cli run the connector again. */
static void
release_claim (HcSyncFlow *self)
{
  if (self->claimed_id != 0)
    hc_store_release_connector_run (self->store, self->claimed_id, NULL);
  self->claimed_id = 0;
}

static void
finish (HcSyncFlow *self,
        const char *message,
        gboolean    changed,
        gboolean    failed,
        HcSyncRun  *run)
{
  g_autoptr (GObject) hold = g_object_ref (G_OBJECT (self));
  HcSession *session = hc_session_get_for_store (self->store);
  gint64 connector_id = self->connector_id;

  release_claim (self);

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);

  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->dialog);
  g_clear_pointer (&self->connector_name, g_free);
  self->connector_id = 0;

  set_progress (self, -1);
  set_status_text (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTOR_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  g_signal_emit (self, signals[FINISHED], 0, message, changed, failed, run);

  /* Every view of the workspace: the connector's state, its last sync and
   * the history change even when the members do not. */
  if (changed)
    hc_session_members_changed (session, NULL, 0);
  hc_session_run_finished (session, connector_id, run);
}

static gboolean
error_is_cancel (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, HC_ERROR, HC_ERROR_CANCELLED);
}

static void
finish_with_error (HcSyncFlow   *self,
                   const GError *error)
{
  g_autofree char *message = NULL;

  if (error_is_cancel (error))
    {
      finish (self, _("Sync cancelled"), FALSE, FALSE, NULL);
      return;
    }

  g_debug ("Sync of %s failed: %s", self->connector_name, error->message);

  /* The run HcSync recorded, for the toast's Details: this one's, not an
   * earlier failure's. */
  {
    g_autoptr (HcConnectorInfo) info = hc_store_get_connector (self->store, self->connector_id, NULL);

    self->failed_run_id = info != NULL && info->failed_at >= self->started_at ? info->failed_run_id : 0;
  }

  /* Translators: %s is a connector name; the details show on its card */
  message = g_strdup_printf (_("Could not sync %s"), self->connector_name);
  finish (self, message, FALSE, TRUE, NULL);
}

static gboolean
has_destinations (HcStore *store)
{
  g_autoptr (GPtrArray) list = hc_destination_list (store, NULL);

  return list != NULL && list->len > 0;
}

typedef struct
{
  HcSyncFlow *self;
  HcSyncRun  *run;
  char       *message;
  gboolean    changed;
} DeliverData;

static void
deliver_data_free (DeliverData *data)
{
  g_object_unref (data->self);
  g_clear_pointer (&data->run, hc_sync_run_free);
  g_free (data->message);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeliverData, deliver_data_free)

static void
deliver_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (DeliverData) data = user_data;
  HcSyncFlow *self = data->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = hc_scim_deliver_all_finish (result, &error);
  g_autofree char *message = NULL;
  gboolean complete = results != NULL;

  if (self->sync == NULL)
    return;
  if (results == NULL)
    g_debug ("Delivery after the sync failed: %s", error->message);
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      HcScimPushResult *delivery = g_ptr_array_index (results, i);

      if (delivery->error != NULL || delivery->failed > 0 || delivery->groups_failed > 0)
        complete = FALSE;
    }
  /* The sync is applied either way; what did not reach a destination is
   * on its card and in the member table's Destination column. */
  message = complete ? g_strdup (data->message)
            /* Translators: a sync's summary, then a note */
            : g_strdup_printf (_("%s · Not everything reached the destinations"), data->message);
  finish (self, message, TRUE, FALSE, data->run);
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (HcSyncFlow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSyncRun) run = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *message = NULL;

  run = hc_sync_apply_finish (HC_SYNC (object), result, &error);

  if (HC_SYNC (object) != self->sync)
    return;

  if (run == NULL)
    {
      finish_with_error (self, error);
      return;
    }

  summary = hc_format_change_summary (run->counts);

  if (summary == NULL)
    message = g_strdup (_("Already up to date"));
  else
    /* Translators: "Synced Demo company: 12 invited, 3 updated" */
    message = g_strdup_printf (_("Synced %s: %s"), self->connector_name, summary);

  /* Then the destinations receive the directory, as after sync in the
   * command line. */
  if (has_destinations (self->store))
    {
      DeliverData *data = g_new0 (DeliverData, 1);

      data->self = g_object_ref (self);
      data->run = g_steal_pointer (&run);
      data->message = g_steal_pointer (&message);
      data->changed = summary != NULL;
      set_status_text (self, _("Delivering to the destinations…"));
      hc_scim_deliver_all_async (hc_store_get_path (self->store), FALSE, data->run->id, self->cancellable,
                                 deliver_cb, data);
      return;
    }
  finish (self, message, summary != NULL, FALSE, run);
}

/* Only after the preview's Apply (the admin confirmed what needed it) or
 * for a sync asked for with @confirmed. */
static void
apply (HcSyncFlow *self)
{
  /* HcSync says "Applying the changes…" through its status text. */
  hc_sync_apply_async (self->sync, TRUE, self->cancellable,
                       apply_cb, g_object_ref (self));
}

static void
record_declined (HcSyncFlow *self)
{
  g_autoptr (HcSyncRun) run = hc_sync_run_new (self->connector_id, HC_SYNC_TRIGGER_MANUAL);
  g_autoptr (GError) error = NULL;
  HcPlan *plan = hc_sync_get_plan (self->sync);

  /* Declining the confirmation is a cancelled run for History. */
  run->started_at = self->started_at;
  run->result = HC_SYNC_RESULT_CANCELLED;
  run->waited = hc_sync_get_waited (self->sync);
  run->finished_at = g_get_real_time ();
  g_free (run->connector_name);
  run->connector_name = g_strdup (self->connector_name);
  if (plan != NULL)
    hc_sync_run_set_counts_from_plan (run, plan);

  if (!hc_store_record_run (self->store, run, &error))
    g_warning ("Could not record the cancelled sync: %s", error->message);
}

static void
preview_response_cb (HcPlanDialog *dialog,
                     const char   *response,
                     HcSyncFlow   *self)
{
  /* Only the preview of the running sync answers, and only once. */
  if (self->sync == NULL || dialog != self->dialog)
    return;

  g_signal_handlers_disconnect_by_data (dialog, self);
  g_clear_weak_pointer (&self->dialog);

  if (g_strcmp0 (response, "apply") == 0 &&
      !g_cancellable_is_cancelled (self->cancellable))
    {
      apply (self);
      return;
    }

  record_declined (self);
  finish (self, _("Sync cancelled"), FALSE, FALSE, NULL);
}

static void
show_preview (HcSyncFlow *self,
              HcPlan     *plan)
{
  g_autoptr (HcExplainer) explainer = NULL;
  const HcConnectorInfo *info = hc_sync_get_connector_info (self->sync);
  GPtrArray *employees = hc_sync_get_employees (self->sync);
  HcPlanDialog *dialog;

  if (info != NULL && info->config != NULL && employees != NULL)
    explainer = hc_explainer_new (self->store, self->connector_id, info->config, employees);

  dialog = hc_plan_dialog_new (plan, self->connector_name, explainer);
  if (info != NULL)
    hc_plan_dialog_set_test_instance (dialog, info->test_instance);
  /* What each destination will receive once applied, as sync --dry-run,
   * worked out off the main thread. */
  hc_plan_dialog_load_deliveries (dialog, self->store);
  g_signal_connect_object (dialog, "response", G_CALLBACK (preview_response_cb), self, 0);

  g_set_weak_pointer (&self->dialog, dialog);
  set_status_text (self, _("Waiting for the preview…"));
  /* In the window, in place of its content: a window of its own would
   * cost its first frame (docs/HACKING.md). */
  hc_plan_dialog_present (dialog, GTK_WIDGET (self->parent));
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (HcSyncFlow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcPlan) plan = NULL;

  plan = hc_sync_prepare_finish (HC_SYNC (object), result, &error);

  if (HC_SYNC (object) != self->sync)
    return;

  if (plan == NULL)
    {
      finish_with_error (self, error);
      return;
    }

  if (hc_sync_get_employees (self->sync) != NULL)
    {
      g_clear_pointer (&self->employees, g_ptr_array_unref);
      self->employees = g_ptr_array_ref (hc_sync_get_employees (self->sync));
      self->employees_connector_id = self->connector_id;
    }

  /* Asked for in so many words: no preview. Otherwise every manual sync
   * is previewed, an empty one too (it says so, and its OK records the
   * run and the sync time). */
  if (self->confirmed)
    apply (self);
  else
    show_preview (self, plan);
}

static void
hc_sync_flow_dispose (GObject *object)
{
  HcSyncFlow *self = HC_SYNC_FLOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      hc_plan_dialog_dismiss (self->dialog);
    }
  g_clear_weak_pointer (&self->dialog);
  g_clear_weak_pointer (&self->parent);
  if (self->store != NULL)
    release_claim (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->employees, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_sync_flow_parent_class)->dispose (object);
}

static void
hc_sync_flow_finalize (GObject *object)
{
  HcSyncFlow *self = HC_SYNC_FLOW (object);

  g_clear_pointer (&self->connector_name, g_free);
  g_clear_pointer (&self->status_text, g_free);

  G_OBJECT_CLASS (hc_sync_flow_parent_class)->finalize (object);
}

static void
hc_sync_flow_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HcSyncFlow *self = HC_SYNC_FLOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, hc_sync_flow_get_busy (self));
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;

    case PROP_CONNECTOR_ID:
      g_value_set_int64 (value, self->connector_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_sync_flow_class_init (HcSyncFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hc_sync_flow_dispose;
  object_class->finalize = hc_sync_flow_finalize;
  object_class->get_property = hc_sync_flow_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1.0, 1.0, -1.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONNECTOR_ID] =
    g_param_spec_int64 ("connector-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN,
                  HC_TYPE_SYNC_RUN | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
hc_sync_flow_init (HcSyncFlow *self)
{
  self->progress = -1;
}

HcSyncFlow *
hc_sync_flow_new (HcStore   *store,
                  GtkWindow *parent)
{
  HcSyncFlow *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (HC_TYPE_SYNC_FLOW, NULL);
  self->store = g_object_ref (store);
  g_set_weak_pointer (&self->parent, parent);

  return self;
}

gboolean
hc_sync_flow_get_busy (HcSyncFlow *self)
{
  g_return_val_if_fail (HC_IS_SYNC_FLOW (self), FALSE);

  return self->sync != NULL;
}

double
hc_sync_flow_get_progress (HcSyncFlow *self)
{
  g_return_val_if_fail (HC_IS_SYNC_FLOW (self), -1);

  return self->progress;
}

const char *
hc_sync_flow_get_status_text (HcSyncFlow *self)
{
  g_return_val_if_fail (HC_IS_SYNC_FLOW (self), NULL);

  return self->status_text;
}

gint64
hc_sync_flow_get_connector_id (HcSyncFlow *self)
{
  g_return_val_if_fail (HC_IS_SYNC_FLOW (self), 0);

  return self->connector_id;
}

gboolean
hc_sync_flow_start (HcSyncFlow *self,
                    gint64      connector_id,
                    gboolean    confirmed)
{
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  gboolean claimed = FALSE;
  gint64 now;

  g_return_val_if_fail (HC_IS_SYNC_FLOW (self), FALSE);

  if (self->sync != NULL)
    return FALSE;

  info = hc_store_get_connector (self->store, connector_id, &error);
  if (info == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is an error message */
      message = g_strdup_printf (_("Could not sync: %s"), error->message);
      g_signal_emit (self, signals[FINISHED], 0, message, FALSE, TRUE, NULL);
      return FALSE;
    }

  /* Never two runs of one connector: a scheduled one (the app's or a
   * timer's headcount-cli) holds it until it ends, and so does this one. */
  now = g_get_real_time ();
  if (!hc_store_claim_connector_sync (self->store, connector_id, HC_SYNC_TRIGGER_MANUAL, now,
                                      now - HC_SCHEDULER_STALE_CLAIM, &claimed, NULL) || !claimed)
    {
      g_signal_emit (self, signals[FINISHED], 0,
                     _("A sync of this connector is already running: try again when it has ended"),
                     FALSE, TRUE, NULL);
      return FALSE;
    }
  self->claimed_id = connector_id;

  self->connector_id = connector_id;
  self->started_at = g_get_real_time ();
  self->connector_name = g_strdup (info->name);
  self->confirmed = confirmed;
  self->cancellable = g_cancellable_new ();
  self->sync = hc_sync_new (self->store, connector_id, HC_SYNC_TRIGGER_MANUAL);

  g_signal_connect_object (self->sync, "notify::progress",
                           G_CALLBACK (sync_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::status-text",
                           G_CALLBACK (sync_notify_cb), self, G_CONNECT_SWAPPED);

  set_progress (self, -1);
  {
    /* Translators: %s is a connector name */
    g_autofree char *text = g_strdup_printf (_("Syncing %s…"), info->name);
    set_status_text (self, text);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTOR_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  hc_sync_prepare_async (self->sync, self->cancellable, prepare_cb, g_object_ref (self));
  hc_session_run_started (hc_session_get_for_store (self->store), connector_id);

  return TRUE;
}

void
hc_sync_flow_cancel (HcSyncFlow *self)
{
  g_return_if_fail (HC_IS_SYNC_FLOW (self));

  g_cancellable_cancel (self->cancellable);

  /* Waiting for the preview: closing it answers "cancel". */
  if (self->dialog != NULL)
    hc_plan_dialog_close (self->dialog);
}


HcPlanDialog *
hc_sync_flow_get_preview (HcSyncFlow *self)
{
  g_return_val_if_fail (HC_IS_SYNC_FLOW (self), NULL);

  return self->dialog;
}

GPtrArray *
hc_sync_flow_get_employees (HcSyncFlow *self,
                            gint64      connector_id)
{
  g_return_val_if_fail (HC_IS_SYNC_FLOW (self), NULL);

  return connector_id == self->employees_connector_id ? self->employees : NULL;
}

gint64
hc_sync_flow_get_failed_run_id (HcSyncFlow *self)
{
  g_return_val_if_fail (HC_IS_SYNC_FLOW (self), 0);
  return self->failed_run_id;
}
