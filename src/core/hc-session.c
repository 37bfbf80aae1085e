/* hc-session.c — one open workspace: its store, and the signals that say
 * what changed in it
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-session"

#include "config.h"

#include "hc-session.h"

struct _HcSession
{
  GObject  parent_instance;

  HcStore *store;               /* unowned: the store owns its session */
};

G_DEFINE_FINAL_TYPE (HcSession, hc_session, G_TYPE_OBJECT)

enum {
  MEMBERS_CHANGED,
  CONNECTOR_CHANGED,
  RUN_STARTED,
  RUN_FINISHED,
  WORKSPACE_RENAMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hc_session_class_init (HcSessionClass *klass)
{
  signals[MEMBERS_CHANGED] =
    g_signal_new ("members-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
  signals[CONNECTOR_CHANGED] =
    g_signal_new ("connector-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[RUN_STARTED] =
    g_signal_new ("run-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, HC_TYPE_SYNC_RUN);
  signals[WORKSPACE_RENAMED] =
    g_signal_new ("workspace-renamed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hc_session_init (HcSession *self)
{
}

HcSession *
hc_session_get_for_store (HcStore *store)
{
  HcSession *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "hc-session");
  if (self == NULL)
    {
      self = g_object_new (HC_TYPE_SESSION, NULL);
      self->store = store;
      g_object_set_data_full (G_OBJECT (store), "hc-session", self, g_object_unref);
    }
  return self;
}

HcStore *
hc_session_get_store (HcSession *self)
{
  g_return_val_if_fail (HC_IS_SESSION (self), NULL);

  return self->store;
}

void
hc_session_members_changed (HcSession    *self,
                            const gint64 *ids,
                            guint         n_ids)
{
  g_autoptr (GArray) array = NULL;

  g_return_if_fail (HC_IS_SESSION (self));

  if (ids != NULL)
    {
      array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
      g_array_append_vals (array, ids, n_ids);
    }
  g_signal_emit (self, signals[MEMBERS_CHANGED], 0, array);
}

void
hc_session_connector_changed (HcSession *self,
                              gint64     connector_id)
{
  g_return_if_fail (HC_IS_SESSION (self));

  g_signal_emit (self, signals[CONNECTOR_CHANGED], 0, connector_id);
}

void
hc_session_run_started (HcSession *self,
                        gint64     connector_id)
{
  g_return_if_fail (HC_IS_SESSION (self));

  g_signal_emit (self, signals[RUN_STARTED], 0, connector_id);
}

void
hc_session_run_finished (HcSession *self,
                         gint64     connector_id,
                         HcSyncRun *run)
{
  g_return_if_fail (HC_IS_SESSION (self));

  g_signal_emit (self, signals[RUN_FINISHED], 0, connector_id, run);
}

void
hc_session_workspace_renamed (HcSession  *self,
                              const char *name)
{
  g_return_if_fail (HC_IS_SESSION (self));

  g_signal_emit (self, signals[WORKSPACE_RENAMED], 0, name);
}
