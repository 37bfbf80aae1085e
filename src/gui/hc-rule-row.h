/* hc-rule-row.h — one filter rule in the settings: HR field ∈ {values}
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-settings-context.h"
#include "hc-values-chooser.h"

G_BEGIN_DECLS

#define HC_TYPE_RULE_ROW (hc_rule_row_get_type ())
G_DECLARE_FINAL_TYPE (HcRuleRow, hc_rule_row, HC, RULE_ROW, AdwPreferencesRow)

/* Signals: "field-changed" (the admin chose another field: give it its
 * values with hc_rule_row_set_values()), "values-changed", "remove"
 * (the admin asked to remove the rule). */

/* @fields: a GtkStringList of the HR field names to choose from. */
HcRuleRow       *hc_rule_row_new          (GListModel          *fields);

/* Where the chooser finds the fields' labels ("Hire date"), shown with
 * the API name as a subtitle; NULL shows the names. */
void             hc_rule_row_set_label_source (HcRuleRow       *self,
                                           HcSettingsContext   *context);
/* FALSE when @field is not in the fields model. */
gboolean         hc_rule_row_set_field    (HcRuleRow           *self,
                                           const char          *field);
/* The chosen field, or NULL. */
const char      *hc_rule_row_get_field    (HcRuleRow           *self);
/* See hc_values_chooser_set_values(). */
void             hc_rule_row_set_values   (HcRuleRow           *self,
                                           GPtrArray           *values,
                                           GArray              *counts,
                                           guint                n_empty,
                                           const char * const  *selected);
/* (transfer full) */
GStrv            hc_rule_row_dup_values   (HcRuleRow           *self);
/* The row's position among the filter rules, 1-based, for its
 * accessible labels and messages ("Rule 2 (office) has no value"). */
void             hc_rule_row_set_number   (HcRuleRow           *self,
                                           guint                number);
/* A problem shown under the rule, NULL to clear it. */
void             hc_rule_row_set_error    (HcRuleRow           *self,
                                           const char          *message);

GtkDropDown     *hc_rule_row_get_field_dropdown (HcRuleRow     *self);
GtkMenuButton   *hc_rule_row_get_values_button  (HcRuleRow     *self);
HcValuesChooser *hc_rule_row_get_chooser  (HcRuleRow           *self);

G_END_DECLS
