/* hc-run-dialog.h — one sync run: its changes member by member, field by field, and its undo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_RUN_DIALOG (hc_run_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcRunDialog, hc_run_dialog, HC, RUN_DIALOG, AdwWindow)

HcRunDialog      *hc_run_dialog_new              (GtkWindow   *parent,
                                                  HcStore     *store,
                                                  gint64       run_id);
/* The changes shown, after the search, of HcRunChangeItem. */
GListModel       *hc_run_dialog_get_changes      (HcRunDialog *self);
GtkEditable      *hc_run_dialog_get_search_entry (HcRunDialog *self);
/* TRUE while the changes load, or a preview or an undo runs. */
gboolean          hc_run_dialog_get_busy         (HcRunDialog *self);
/* The confirmation of the undo while it is open, or NULL (for tests). */
AdwMessageDialog *hc_run_dialog_get_confirmation (HcRunDialog *self);
/* The line under the title: when, how long, the result, what the
 * destinations received. */
const char       *hc_run_dialog_get_summary      (HcRunDialog *self);

G_END_DECLS
