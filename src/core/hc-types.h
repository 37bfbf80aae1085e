/* hc-types.h — forward declarations and shared enums of the core
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _HcEmployee       HcEmployee;
typedef struct _HcMember         HcMember;
typedef struct _HcConfig         HcConfig;
typedef struct _HcPlan           HcPlan;
typedef struct _HcPlanItem       HcPlanItem;
typedef struct _HcStore          HcStore;
typedef struct _HcConnector      HcConnector;
typedef struct _HcConnectorInfo  HcConnectorInfo;
typedef struct _HcSyncRun        HcSyncRun;
typedef struct _HcSync           HcSync;
typedef struct _HcGroupPlan      HcGroupPlan;

/* Normalised HR status of an employee (rules.md 3, 16). */
typedef enum
{
  HC_EMPLOYEE_STATUS_ACTIVE,
  HC_EMPLOYEE_STATUS_ONBOARDING,
  HC_EMPLOYEE_STATUS_LEAVE,
  HC_EMPLOYEE_STATUS_INACTIVE,
} HcEmployeeStatus;

/* State of a member in the directory. */
typedef enum
{
  HC_MEMBER_STATE_ACTIVE,
  HC_MEMBER_STATE_INVITED,
  HC_MEMBER_STATE_ARCHIVED,
} HcMemberState;

/* Relation of a member to the HR system (rules.md 11). */
typedef enum
{
  HC_HR_STATUS_MANUAL,
  HC_HR_STATUS_MANAGED,
  HC_HR_STATUS_PREVIOUSLY_MANAGED,
} HcHrStatus;

const char       *hc_employee_status_to_string (HcEmployeeStatus status);
gboolean          hc_employee_status_from_string (const char       *str,
                                                  HcEmployeeStatus *status);
const char       *hc_member_state_to_string (HcMemberState state);
gboolean          hc_member_state_from_string (const char    *str,
                                               HcMemberState *state);
const char       *hc_hr_status_to_string (HcHrStatus status);
gboolean          hc_hr_status_from_string (const char *str,
                                            HcHrStatus *status);

/* Sorts an array of char* in place (GLib 2.74 has no sort_values). */
void              hc_ptr_array_sort_strings (GPtrArray *array);

G_END_DECLS

/* HC_TYPE_EMPLOYEE_STATUS, HC_TYPE_MEMBER_STATE, HC_TYPE_HR_STATUS:
 * generated from the enums above by glib-mkenums (src/core/meson.build). */
#include "hc-enum-types.h"
