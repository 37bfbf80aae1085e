/* hc-values-chooser.h — a popover to choose several values of an HR field,
 * with their counts ("Paris (124)") and a search
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HC_TYPE_VALUES_CHOOSER (hc_values_chooser_get_type ())
G_DECLARE_FINAL_TYPE (HcValuesChooser, hc_values_chooser, HC, VALUES_CHOOSER, GtkPopover)

/* Signal "changed": the chosen values changed. */

HcValuesChooser *hc_values_chooser_new          (void);
/* Offers @values (char*, most frequent first, as hc_connector_list_values()
 * gives them) with @counts, then "(empty)" when @n_empty employees have no
 * value. Values of @selected the data does not have come first, with a
 * count of 0, so a rule from a template can still be seen and cleared. */
void             hc_values_chooser_set_values   (HcValuesChooser     *self,
                                                 GPtrArray           *values,
                                                 GArray              *counts,
                                                 guint                n_empty,
                                                 const char * const  *selected);
/* The chosen values in the order of the list. (transfer full) */
GStrv            hc_values_chooser_dup_selected (HcValuesChooser     *self);
guint            hc_values_chooser_get_n_selected (HcValuesChooser   *self);
/* The items the search leaves, of HcValueItem. (transfer none) */
GListModel      *hc_values_chooser_get_model    (HcValuesChooser     *self);
void             hc_values_chooser_set_search_text (HcValuesChooser  *self,
                                                 const char          *text);

G_END_DECLS
