/* hc-test-fixtures.c — compact builders for employees and members in tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include <glib/gstdio.h>

#include "hc-test-fixtures.h"

static const char *
part (char **parts,
      guint  n)
{
  for (guint i = 0; i <= n; i++)
    if (parts[i] == NULL)
      return NULL;
  return *parts[n] ? parts[n] : NULL;
}

HcEmployee *
hc_test_employee (const char *spec)
{
  g_auto (GStrv) p = g_strsplit (spec, "|", -1);
  HcEmployee *e = hc_employee_new (p[0]);
  HcEmployeeStatus status;

  hc_employee_set_field (e, HC_FIELD_FIRST_NAME, part (p, 1));
  hc_employee_set_field (e, HC_FIELD_LAST_NAME, part (p, 2));
  hc_employee_set_field (e, HC_FIELD_EMAIL, part (p, 3));
  if (part (p, 4))
    {
      g_assert_true (hc_employee_status_from_string (part (p, 4), &status));
      hc_employee_set_status (e, status);
    }
  hc_employee_set_field (e, HC_FIELD_MANAGER_ID, part (p, 5));
  hc_employee_set_field (e, HC_FIELD_OFFICE, part (p, 6));
  hc_employee_set_field (e, "skip_sync", part (p, 7));
  hc_employee_set_field (e, HC_FIELD_POSITION, part (p, 8));
  hc_employee_set_field (e, HC_FIELD_HIRE_DATE, part (p, 9));
  if (part (p, 10))
    {
      g_auto (GStrv) extras = g_strsplit (part (p, 10), ";", -1);

      for (guint i = 0; extras[i] != NULL; i++)
        {
          g_auto (GStrv) kv = g_strsplit (extras[i], "=", 2);

          g_assert_nonnull (kv[0]);
          g_assert_nonnull (kv[1]);
          hc_employee_set_field (e, kv[0], kv[1]);
        }
    }
  return e;
}

GDate
hc_test_date (const char *ymd)
{
  GDate date;
  int y, m, d;

  g_assert_cmpint (sscanf (ymd, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return date;
}

HcMember *
hc_test_member (const char *spec)
{
  g_auto (GStrv) p = g_strsplit (spec, "|", -1);
  HcMember *m = hc_member_new ();
  HcMemberState state = HC_MEMBER_STATE_ACTIVE;
  HcHrStatus hr = HC_HR_STATUS_MANUAL;

  hc_member_set_id (m, g_ascii_strtoll (p[0], NULL, 10));
  hc_member_set_external_id (m, part (p, 1));
  hc_member_set_field (m, HC_MEMBER_FIELD_EMAIL, part (p, 2));
  hc_member_set_has_access (m, part (p, 2) != NULL);
  hc_member_set_field (m, HC_MEMBER_FIELD_FIRST_NAME, part (p, 3));
  hc_member_set_field (m, HC_MEMBER_FIELD_LAST_NAME, part (p, 4));
  if (part (p, 5))
    g_assert_true (hc_member_state_from_string (part (p, 5), &state));
  hc_member_set_state (m, state);
  if (part (p, 6))
    g_assert_true (hc_hr_status_from_string (part (p, 6), &hr));
  hc_member_set_hr_status (m, hr);
  if (part (p, 7))
    hc_member_set_connector_id (m, g_ascii_strtoll (part (p, 7), NULL, 10));
  hc_member_set_field (m, HC_MEMBER_FIELD_TITLE, part (p, 8));
  if (part (p, 9))
    hc_member_set_manager_id (m, g_ascii_strtoll (part (p, 9), NULL, 10));
  if (part (p, 10))
    {
      HcMemberState before = HC_MEMBER_STATE_ARCHIVED;

      g_assert_true (hc_member_state_from_string (part (p, 10), &before));
      hc_member_set_archived_from (m, before);
    }
  return m;
}

GPtrArray *
hc_test_employees (const char * const *specs)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; specs && specs[i]; i++)
    g_ptr_array_add (a, hc_test_employee (specs[i]));
  return a;
}

GPtrArray *
hc_test_members (const char * const *specs)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; specs && specs[i]; i++)
    g_ptr_array_add (a, hc_test_member (specs[i]));
  return a;
}

void
hc_test_remove_dir (const char *dir)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (dir);
}
