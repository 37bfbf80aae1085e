/* hc-plan-item-row.h — one line of the preview's list, with "Why?"
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-explain-view.h"
#include "hc-plan-entry.h"

G_BEGIN_DECLS

#define HC_TYPE_PLAN_ITEM_ROW (hc_plan_item_row_get_type ())
G_DECLARE_FINAL_TYPE (HcPlanItemRow, hc_plan_item_row, HC, PLAN_ITEM_ROW, GtkWidget)

/* Signal "explain" (HcPlanEntry *entry): "Why?" opened on an entry without
 * an explanation yet; the handler works it out and sets it on the entry,
 * which the row then shows.
 *
 * The archive check button activates "preview.approve-archive" with
 * (member id, approved) on the widget; the row follows the entry's
 * "approved". */

HcPlanItemRow *hc_plan_item_row_new              (void);

HcPlanEntry   *hc_plan_item_row_get_entry        (HcPlanItemRow *self);
void           hc_plan_item_row_set_entry        (HcPlanItemRow *self,
                                                  HcPlanEntry   *entry);
/* FALSE hides "Why?" (nothing to explain against). */
void           hc_plan_item_row_set_can_explain  (HcPlanItemRow *self,
                                                  gboolean       can_explain);

/* Opens "Why?" as a click does. */
void           hc_plan_item_row_show_explanation (HcPlanItemRow *self);
HcExplainView *hc_plan_item_row_get_explain_view (HcPlanItemRow *self);

G_END_DECLS
