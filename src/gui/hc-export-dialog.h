/* hc-export-dialog.h — export the members to CSV: a file chooser with the
 * separator and the members to write (all, or the current tab)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_EXPORT_DIALOG (hc_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HcExportDialog, hc_export_dialog, HC, EXPORT_DIALOG, GObject)

/* Signal "finished" (guint n_exported, const char *error): after the file
 * is written (error NULL) or could not be (n_exported 0). Not emitted when
 * the user cancels, in the chooser or while the file is written. */

/* @tab is the members page's tab, offered as "Current tab only". */
HcExportDialog *hc_export_dialog_new       (GtkWindow       *parent,
                                            HcStore         *store,
                                            HcMemberState    tab);
/* Shows the file chooser. */
void            hc_export_dialog_present   (HcExportDialog  *self);
/* The chooser: its "separator" (",", ";") and "members" ("all", "tab")
 * choices. (transfer none) */
GtkFileChooser *hc_export_dialog_get_chooser (HcExportDialog *self);
/* Writes the file: what Export does with the chooser's choices.
 * @only_tab writes the members of the tab given at creation. */
gboolean        hc_export_dialog_write     (HcExportDialog  *self,
                                            GFile           *file,
                                            char             separator,
                                            gboolean         only_tab,
                                            guint           *n_exported,
                                            GError         **error);

/* What Export does: the same in a thread, with a progress dialog whose
 * Cancel stops it; "finished" says the outcome. */
void            hc_export_dialog_write_async (HcExportDialog *self,
                                            GFile           *file,
                                            char             separator,
                                            gboolean         only_tab);
/* Stops the file being written: the file is left as it was. */
void            hc_export_dialog_cancel    (HcExportDialog  *self);
gboolean        hc_export_dialog_is_busy   (HcExportDialog  *self);

G_END_DECLS
