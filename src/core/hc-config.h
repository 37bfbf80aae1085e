/* hc-config.h — a connector's configuration: scope, mapping, options
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-types.h"

G_BEGIN_DECLS

typedef enum
{
  HC_SCOPE_MODE_ALL,
  HC_SCOPE_MODE_CUSTOM,
} HcScopeMode;

typedef enum
{
  HC_SCHEDULE_MANUAL,
  HC_SCHEDULE_6H,
  HC_SCHEDULE_12H,
  HC_SCHEDULE_24H,
} HcSchedule;

/* One filter rule: field ∈ {values}. */
typedef struct
{
  char      *field;
  GPtrArray *values;            /* of char* */
} HcScopeRule;

/* One mapping line: member target ← HR source path. */
typedef struct
{
  char *target;                 /* "email", "title", "custom.cost_center"… */
  char *source;                 /* "email", "position", "cost_center"… */
} HcMappingEntry;

struct _HcConfig
{
  HcScopeMode  scope_mode;
  GPtrArray   *rules;           /* of HcScopeRule* */
  char        *exclude_field;   /* NULL for none */
  guint        statuses;        /* bit (1 << HcEmployeeStatus) per status in scope */
  gboolean     include_managers;
  GPtrArray   *mapping;         /* of HcMappingEntry* */
  gboolean     archive_inactive;
  HcSchedule   schedule;
  guint        safety_threshold_percent;
};

#define HC_TYPE_CONFIG (hc_config_get_type ())
GType      hc_config_get_type        (void) G_GNUC_CONST;

/* All employees, default mapping, exclusion field "skip_sync", statuses
 * active/onboarding/leave, no archiving, manual, 10 %. */
HcConfig  *hc_config_new_default     (void);
HcConfig  *hc_config_copy            (const HcConfig *self);
void       hc_config_free            (HcConfig       *self);

void       hc_config_add_rule        (HcConfig       *self,
                                      const char     *field,
                                      const char * const *values);
void       hc_config_set_mapping     (HcConfig       *self,
                                      const char     *target,
                                      const char     *source);

/* The JSON document of DESIGN.md. Errors name the field and the problem. */
HcConfig  *hc_config_new_from_json   (const char     *json,
                                      GError        **error);
char      *hc_config_to_json         (const HcConfig *self);

const char *hc_schedule_to_string    (HcSchedule      schedule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcConfig, hc_config_free)

G_END_DECLS
