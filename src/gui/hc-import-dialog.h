/* hc-import-dialog.h — import existing members from CSV: column mapping,
 * preview, import
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-member-csv.h"
#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_IMPORT_DIALOG (hc_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcImportDialog, hc_import_dialog, HC, IMPORT_DIALOG, AdwWindow)

/* Signal "imported" (guint n_imported): the members are stored; the
 * dialog closes itself after. */

/* Starts on the column mapping of @import (already read, its mapping
 * guessed). @file_name is shown as the subtitle. */
HcImportDialog     *hc_import_dialog_new            (HcStore            *store,
                                                     HcMemberCsvImport  *import,
                                                     const char         *file_name);

/* For tests. "mapping", "working" (the preview is being made, in a
 * thread; "import.stop" cancels it) or "preview". */
const char         *hc_import_dialog_get_page       (HcImportDialog     *self);
/* The row of a CSV column on the mapping page. (transfer none) */
AdwComboRow        *hc_import_dialog_get_column_row (HcImportDialog     *self,
                                                     guint               column);
/* The preview shown, or NULL on the mapping page. (transfer none) */
HcMemberCsvPreview *hc_import_dialog_get_preview    (HcImportDialog     *self);
void                hc_import_dialog_set_skip_invalid (HcImportDialog   *self,
                                                     gboolean            skip);
/* A preview is being made. */
gboolean            hc_import_dialog_is_busy        (HcImportDialog     *self);
/* The last line the preview told it read. */
guint               hc_import_dialog_get_progress_line (HcImportDialog  *self);
/* The error shown on the current page, or NULL. */
const char         *hc_import_dialog_get_error      (HcImportDialog     *self);

G_END_DECLS
