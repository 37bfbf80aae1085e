/* hc-dialog-host.h — a window's content, and a dialog shown in its place
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HC_TYPE_DIALOG_HOST (hc_dialog_host_get_type ())
G_DECLARE_FINAL_TYPE (HcDialogHost, hc_dialog_host, HC, DIALOG_HOST, GtkWidget)

/* A dialog shown in the window it belongs to rather than in a window of
 * its own (what libadwaita 1.5's AdwDialog does; 1.2 has none): it takes
 * the place of the window's content until it is dismissed, and nothing of
 * the content can be reached meanwhile. Opening a window costs its first
 * frame; showing a widget in a window already on screen costs a frame.
 * One dialog at a time. */

HcDialogHost *hc_dialog_host_new         (void);

GtkWidget    *hc_dialog_host_get_content (HcDialogHost *self);
void          hc_dialog_host_set_content (HcDialogHost *self,
                                          GtkWidget    *content);

/* The dialog shown, or NULL ("notify::dialog" when it changes). */
GtkWidget    *hc_dialog_host_get_dialog  (HcDialogHost *self);
/* Shows @dialog in place of the content, the focus in it. */
void          hc_dialog_host_present     (HcDialogHost *self,
                                          GtkWidget    *dialog);
/* Takes @dialog away (if it is the one shown) and gives the focus back
 * to where it was before. */
void          hc_dialog_host_dismiss     (HcDialogHost *self,
                                          GtkWidget    *dialog);

/* The host in @widget's window, or NULL. */
HcDialogHost *hc_dialog_host_find        (GtkWidget    *widget);

G_END_DECLS
