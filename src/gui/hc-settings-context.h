/* hc-settings-context.h — what a connector's settings pages share: its
 * configuration as saved, and the employees read with their fields
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hc-employee.h"
#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_SETTINGS_CONTEXT (hc_settings_context_get_type ())
G_DECLARE_FINAL_TYPE (HcSettingsContext, hc_settings_context, HC, SETTINGS_CONTEXT, GObject)

/* Takes @employees (HcEmployee*) and @field_infos (HcFieldInfo*). */
HcSettingsContext     *hc_settings_context_new             (const HcConnectorInfo *info,
                                                            GPtrArray             *employees,
                                                            GPtrArray             *field_infos);

const HcConnectorInfo *hc_settings_context_get_info        (HcSettingsContext     *self);
/* (transfer none) of HcEmployee* */
GPtrArray             *hc_settings_context_get_employees   (HcSettingsContext     *self);
/* The fields of the HR data read. (transfer none) of char* */
GPtrArray             *hc_settings_context_get_fields      (HcSettingsContext     *self);
/* Labels and types of the fields. (transfer none) of HcFieldInfo* */
GPtrArray             *hc_settings_context_get_field_infos (HcSettingsContext     *self);
/* The employee with this HR id, or NULL. (transfer none) */
HcEmployee            *hc_settings_context_lookup_employee (HcSettingsContext     *self,
                                                            const char            *id);
/* The values of @field with their counts, counted once. (transfer none) */
void                   hc_settings_context_get_values      (HcSettingsContext     *self,
                                                            const char            *field,
                                                            GPtrArray            **values,
                                                            GArray               **counts,
                                                            guint                 *n_empty);
gboolean               hc_settings_context_has_values      (HcSettingsContext     *self,
                                                            const char            *field);
/* "Ne pas synchroniser avec Elevo (skip_elevo_sync)", or the API name
 * alone when the HR system gives no other label. (transfer full) */
char                  *hc_settings_context_describe_field  (HcSettingsContext     *self,
                                                            const char            *name);
/* The label of an HR field, as the HR system shows it ("Hire date"), or
 * made from its API name when the HR system has none ("hire_date" gives
 * "Hire date"). (transfer full) */
char                  *hc_settings_context_dup_field_label (HcSettingsContext     *self,
                                                            const char            *name);

/* The store whose catalogue of roles the Fields page offers, or NULL.
 * (transfer none) */
HcStore               *hc_settings_context_get_store       (HcSettingsContext     *self);
void                   hc_settings_context_set_store       (HcSettingsContext     *self,
                                                            HcStore               *store);

G_END_DECLS
