/* hc-explainer.h — "Why?" off the main loop: hc_plan_explain() on fetched employees
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-plan.h"
#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_EXPLAINER (hc_explainer_get_type ())
G_DECLARE_FINAL_TYPE (HcExplainer, hc_explainer, HC, EXPLAINER, GObject)

/* Explains against @employees (kept, and never changed: HcSync's fetch)
 * with a copy of @config, and the store's members, read once in a thread
 * the first time they are needed. */
HcExplainer   *hc_explainer_new             (HcStore             *store,
                                             gint64               connector_id,
                                             const HcConfig      *config,
                                             GPtrArray           *employees);
gint64         hc_explainer_get_connector_id (HcExplainer        *self);
guint          hc_explainer_get_n_employees (HcExplainer         *self);

/* hc_plan_explain() for @query in a thread; when nobody matches and
 * @fallback_query is set ("#12" for a member), for that one. */
void           hc_explainer_explain_async   (HcExplainer         *self,
                                             const char          *query,
                                             const char          *fallback_query,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
HcExplanation *hc_explainer_explain_finish  (HcExplainer         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
