/* hc-types.c — string forms and GTypes of the shared enums
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-types"

#include "hc-types.h"

static const char * const employee_statuses[] = { "active", "onboarding", "leave", "inactive" };
static const char * const member_states[] = { "active", "invited", "archived" };
static const char * const hr_statuses[] = { "manual", "managed", "previously_managed" };

static gboolean
lookup (const char * const *names,
        guint               n_names,
        const char         *str,
        int                *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_ascii_strcasecmp (names[i], str) == 0)
        {
          *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
hc_employee_status_to_string (HcEmployeeStatus status)
{
  g_return_val_if_fail (status <= HC_EMPLOYEE_STATUS_INACTIVE, NULL);
  return employee_statuses[status];
}

gboolean
hc_employee_status_from_string (const char       *str,
                                HcEmployeeStatus *status)
{
  int v;

  if (!lookup (employee_statuses, G_N_ELEMENTS (employee_statuses), str, &v))
    return FALSE;
  *status = (HcEmployeeStatus) v;
  return TRUE;
}

const char *
hc_member_state_to_string (HcMemberState state)
{
  g_return_val_if_fail (state <= HC_MEMBER_STATE_ARCHIVED, NULL);
  return member_states[state];
}

gboolean
hc_member_state_from_string (const char    *str,
                             HcMemberState *state)
{
  int v;

  if (!lookup (member_states, G_N_ELEMENTS (member_states), str, &v))
    return FALSE;
  *state = (HcMemberState) v;
  return TRUE;
}

const char *
hc_hr_status_to_string (HcHrStatus status)
{
  g_return_val_if_fail (status <= HC_HR_STATUS_PREVIOUSLY_MANAGED, NULL);
  return hr_statuses[status];
}

gboolean
hc_hr_status_from_string (const char *str,
                          HcHrStatus *status)
{
  int v;

  if (!lookup (hr_statuses, G_N_ELEMENTS (hr_statuses), str, &v))
    return FALSE;
  *status = (HcHrStatus) v;
  return TRUE;
}

GType
hc_employee_status_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { HC_EMPLOYEE_STATUS_ACTIVE, "HC_EMPLOYEE_STATUS_ACTIVE", "active" },
    { HC_EMPLOYEE_STATUS_ONBOARDING, "HC_EMPLOYEE_STATUS_ONBOARDING", "onboarding" },
    { HC_EMPLOYEE_STATUS_LEAVE, "HC_EMPLOYEE_STATUS_LEAVE", "leave" },
    { HC_EMPLOYEE_STATUS_INACTIVE, "HC_EMPLOYEE_STATUS_INACTIVE", "inactive" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("HcEmployeeStatus", values));
  return type;
}

GType
hc_member_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { HC_MEMBER_STATE_ACTIVE, "HC_MEMBER_STATE_ACTIVE", "active" },
    { HC_MEMBER_STATE_INVITED, "HC_MEMBER_STATE_INVITED", "invited" },
    { HC_MEMBER_STATE_ARCHIVED, "HC_MEMBER_STATE_ARCHIVED", "archived" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("HcMemberState", values));
  return type;
}

GType
hc_hr_status_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { HC_HR_STATUS_MANUAL, "HC_HR_STATUS_MANUAL", "manual" },
    { HC_HR_STATUS_MANAGED, "HC_HR_STATUS_MANAGED", "managed" },
    { HC_HR_STATUS_PREVIOUSLY_MANAGED, "HC_HR_STATUS_PREVIOUSLY_MANAGED", "previously-managed" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("HcHrStatus", values));
  return type;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

void
hc_ptr_array_sort_strings (GPtrArray *array)
{
  g_ptr_array_sort (array, compare_strings);
}
