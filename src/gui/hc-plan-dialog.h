/* hc-plan-dialog.h — the preview of a sync: every change before it happens
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-explainer.h"
#include "hc-plan-entry.h"

G_BEGIN_DECLS

#define HC_TYPE_PLAN_DIALOG (hc_plan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcPlanDialog, hc_plan_dialog, HC, PLAN_DIALOG, AdwBin)

/* Signal "response" (const char *response): "apply" (Apply, or OK on a plan
 * that changes nothing) or "cancel" (Cancel, Escape, closing the window);
 * emitted once, then the dialog closes itself.
 *
 * The archive approvals go to @plan as the admin clicks. @explainer
 * (nullable) answers "Why?"; without one the rows have no "Why?". */
HcPlanDialog  *hc_plan_dialog_new             (HcPlan         *plan,
                                               const char     *connector_name,
                                               HcExplainer    *explainer);

/* Shows the preview, once: in @parent's window in place of its content
 * when the window has a host for it (hc-dialog-host.h) and shows no other
 * dialog, otherwise in a modal window of its own, transient for @parent's
 * window (@parent may be NULL). */
void           hc_plan_dialog_present         (HcPlanDialog   *self,
                                               GtkWidget      *parent);
/* What Cancel, Escape or closing its window does: the response "cancel"
 * ("apply" for a plan that changes nothing), then it closes. */
void           hc_plan_dialog_close           (HcPlanDialog   *self);
/* Takes the preview away without a response (the sync ended otherwise). */
void           hc_plan_dialog_dismiss         (HcPlanDialog   *self);
/* "Preview Sync of NAME", or of a disconnect. */
const char    *hc_plan_dialog_get_title       (HcPlanDialog   *self);

HcPlan        *hc_plan_dialog_get_plan        (HcPlanDialog   *self);
/* A test instance's first sync creates members and sends no invitation:
 * the confirmation says so. */
void           hc_plan_dialog_set_test_instance (HcPlanDialog *self,
                                                 gboolean      test_instance);

/* The plan is what disconnecting the connector does to its members
 * (hc-disconnect.h, rules.md 47): titled and worded so, only its
 * categories shown, Apply naming the number. Once, before showing. */
void           hc_plan_dialog_set_disconnect  (HcPlanDialog   *self);

HcPlanCategory hc_plan_dialog_get_category    (HcPlanDialog   *self);
/* Selects the category's sidebar row and shows its list. */
void           hc_plan_dialog_set_category    (HcPlanDialog   *self,
                                               HcPlanCategory  category);
/* What the list shows: the category's entries matching the search. (of HcPlanEntry) */
GListModel    *hc_plan_dialog_get_model       (HcPlanDialog   *self);
/* TRUE while the shown category's entries are still being made (a long
 * list is made in a thread; the model fills when it is done). */
gboolean       hc_plan_dialog_is_loading      (HcPlanDialog   *self);

const char    *hc_plan_dialog_get_search_text (HcPlanDialog   *self);
/* Sets the search entry and filters at once (no typing delay). */
void           hc_plan_dialog_set_search_text (HcPlanDialog   *self,
                                               const char     *text);

/* "list", "empty", "no-results" or "nothing" (the plan changes nothing). */
const char    *hc_plan_dialog_get_state_name  (HcPlanDialog   *self);
/* TRUE when Apply waits for the confirmation check button (rules.md 12). */
gboolean       hc_plan_dialog_get_needs_confirmation (HcPlanDialog *self);

/* What each destination will receive once the plan is applied
 * (HcScimPushResult* from hc_scim_preview_plan()): a "Delivery to NAME"
 * row each in the sidebar, listing the members. Once, before showing. */
void           hc_plan_dialog_set_deliveries  (HcPlanDialog   *self,
                                               GPtrArray      *deliveries);
/* Works out the deliveries of @store's destinations in a worker thread
 * (hc_scim_preview_deliveries_async()), a spinner row in the sidebar
 * meanwhile, then hc_plan_dialog_set_deliveries(); cancelled when the
 * window closes. Once, instead of hc_plan_dialog_set_deliveries(). */
void           hc_plan_dialog_load_deliveries (HcPlanDialog   *self,
                                               HcStore        *store);
/* TRUE while hc_plan_dialog_load_deliveries() works. */
gboolean       hc_plan_dialog_get_deliveries_loading (HcPlanDialog *self);
/* Selects "Delivery to @destination". */
void           hc_plan_dialog_show_delivery   (HcPlanDialog   *self,
                                               const char     *destination);

G_END_DECLS
