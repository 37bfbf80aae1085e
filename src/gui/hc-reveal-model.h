/* hc-reveal-model.h — a long list shown a few rows a frame
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HC_TYPE_REVEAL_MODEL (hc_reveal_model_get_type ())
G_DECLARE_FINAL_TYPE (HcRevealModel, hc_reveal_model, HC, REVEAL_MODEL, GObject)

/* The items of @model, but when it grows by many at once (a list set,
 * a search cleared), only the first ones at first, more at each frame of
 * @paced_by until it holds them all. A list view builds a row for each
 * of up to 200 items: built in one frame, they would hold the window for
 * a few hundred milliseconds. */
HcRevealModel *hc_reveal_model_new       (GListModel    *model,
                                          GtkWidget     *paced_by);
/* TRUE while some of the model's items are still held back. */
gboolean       hc_reveal_model_is_revealing (HcRevealModel *self);

G_END_DECLS
