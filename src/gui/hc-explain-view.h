/* hc-explain-view.h — "Why?" for one person: scope clause, match, outcome, changes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-plan.h"

G_BEGIN_DECLS

#define HC_TYPE_EXPLAIN_VIEW (hc_explain_view_get_type ())
G_DECLARE_FINAL_TYPE (HcExplainView, hc_explain_view, HC, EXPLAIN_VIEW, GtkWidget)

HcExplainView *hc_explain_view_new             (void);

/* A spinner under @title while the explanation is worked out. */
void           hc_explain_view_set_loading     (HcExplainView       *self,
                                                const char          *title,
                                                const char          *subtitle);
void           hc_explain_view_set_explanation (HcExplainView       *self,
                                                const HcExplanation *explanation);
/* A sentence instead of an explanation (nothing to explain against, an
 * error). */
void           hc_explain_view_set_message     (HcExplainView       *self,
                                                const char          *title,
                                                const char          *message);
/* An extra line under the outcome ("Staged: …"), or NULL. */
void           hc_explain_view_set_note        (HcExplainView       *self,
                                                const char          *note);
gboolean       hc_explain_view_get_loading     (HcExplainView       *self);
/* Everything the view shows, one line per label: for tests. (transfer full) */
char          *hc_explain_view_dup_text        (HcExplainView       *self);

/* "Title", "Department", "State"… for a change's field. (transfer full) */
char          *hc_explain_view_describe_field  (const char          *field);
/* "Engineer → Senior Engineer", "— → Paris". (transfer full) */
char          *hc_explain_view_format_change   (const HcFieldChange *change);

G_END_DECLS
