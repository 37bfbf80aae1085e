/* hc-gui-test.h — helpers shared by the GUI tests: spinning the main
 * context until a condition holds, walking a widget tree, common conditions
 * on the window
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*HcGuiTestPredicate) (GtkWidget *widget,
                                        gpointer   data);

gboolean   hc_gui_test_spin_until           (gboolean (*cond) (gpointer),
                                             gpointer   data,
                                             guint      seconds);
void       hc_gui_test_spin_for             (guint      ms);

GtkWidget *hc_gui_test_find_widget          (GtkWidget          *root,
                                             HcGuiTestPredicate  predicate,
                                             gpointer            data);

gpointer   hc_gui_test_find_visible_toplevel (GType      type);

/* A model's items as a listener learns them from "items-changed" alone,
 * in a GPtrArray that holds them (g_object_unref as its free func): call
 * _apply with each change's arguments; _check says they are the model's. */
void       hc_gui_test_mirror_apply     (GPtrArray  *mirror,
                                         GListModel *model,
                                         guint       position,
                                         guint       removed,
                                         guint       added);
void       hc_gui_test_mirror_check     (GPtrArray  *mirror,
                                         GListModel *model);
/* The first widget of @type on screen, in any window (a dialog shown in
 * its window's place, say), or NULL. */
gpointer   hc_gui_test_find_shown       (GType      type);
/* The template child @name of @root or of one of our widgets inside it
 * (the pages of a window have their own templates), or NULL. */
gpointer   hc_gui_test_template_child       (GtkWidget          *root,
                                             const char         *name);

/* A predicate: a visible preferences row whose title starts with @data
 * (a string: titles may carry hints after it). */
gboolean   hc_gui_test_is_row_titled        (GtkWidget *widget,
                                             gpointer   data);

gboolean   hc_gui_test_pointer_cleared      (gpointer   data);
gboolean   hc_gui_test_members_loaded       (gpointer   window);
gboolean   hc_gui_test_sync_idle_and_loaded (gpointer   window);

/* The first label or inscription on screen under @root whose text is cut
 * (ellipsized, or allocated narrower than its text), or NULL. */
GtkWidget *hc_gui_test_find_cut_label       (GtkWidget          *root);

G_END_DECLS
