/* hc-connector-fixture.c — what the connector tests share around a
 * connector
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "hc-connector-fixture.h"
#include "hc-fake-hris.h"
#include "hc-connector-test.h"

void
hc_connector_fixture_init (int        *argc,
                           char     ***argv,
                           const char *log_domain,
                           const char *policy)
{
  g_autofree char *debug = g_strconcat ("hc-http ", log_domain, NULL);

  /* hc-http logs only when its debug output is on; captured, not printed */
  g_setenv ("G_MESSAGES_DEBUG", debug, TRUE);
  /* 127.0.0.1 direct, whatever the machine's proxy */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (policy != NULL)
    hc_connector_fixture_use_policy (policy);
  else
    g_unsetenv ("HEADCOUNT_HTTP_POLICY");
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  hc_connector_test_capture_log ("hc-http", TRUE);
  hc_connector_test_capture_log (log_domain, TRUE);
}

void
hc_connector_fixture_use_policy (const char *policy)
{
  g_setenv ("HEADCOUNT_HTTP_POLICY", policy, TRUE);
}

char *
hc_connector_fixture_date_from_today (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

void
hc_connector_fixture_progress_init (HcConnectorFixtureProgress *progress)
{
  progress->messages = g_ptr_array_new_with_free_func (g_free);
  progress->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  progress->cancel_after_first = NULL;
}

void
hc_connector_fixture_progress_clear (HcConnectorFixtureProgress *progress)
{
  g_clear_pointer (&progress->messages, g_ptr_array_unref);
  g_clear_pointer (&progress->fractions, g_array_unref);
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  HcConnectorFixtureProgress *progress = user_data;

  g_assert_nonnull (message);
  g_ptr_array_add (progress->messages, g_strdup (message));
  g_array_append_val (progress->fractions, fraction);
  if (progress->cancel_after_first != NULL)
    g_cancellable_cancel (progress->cancel_after_first);
}

gboolean
hc_connector_fixture_run_test_connection (HcConnector  *connector,
                                          GCancellable *cancellable,
                                          GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_connector_test_connection_async (connector, cancellable, hc_connector_test_store_once_cb, &result);
  hc_connector_test_wait (&result);
  return hc_connector_test_connection_finish (connector, result, error);
}

GPtrArray *
hc_connector_fixture_run_fetch_full (HcConnector                *connector,
                                     GCancellable               *cancellable,
                                     HcConnectorFixtureProgress *progress,
                                     GError                    **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  GPtrArray *employees;

  hc_connector_fetch_employees_async (connector, progress ? progress_cb : NULL, progress,
                                      cancellable, hc_connector_test_store_once_cb, &result);
  hc_connector_test_wait (&result);
  employees = hc_connector_fetch_employees_finish (connector, result, error);
  if (employees == NULL)
    g_assert_true (error == NULL || *error != NULL);
  else
    g_assert_true (error == NULL || *error == NULL);
  return employees;
}

GPtrArray *
hc_connector_fixture_run_fetch (HcConnector *connector,
                                GError     **error)
{
  return hc_connector_fixture_run_fetch_full (connector, NULL, NULL, error);
}

void
hc_connector_fixture_keep_message (GPtrArray *messages,
                                   GError   **error)
{
  g_assert_nonnull (*error);
  g_ptr_array_add (messages, g_strdup ((*error)->message));
  g_clear_error (error);
}

HcEmployee *
hc_connector_fixture_employee_at (GPtrArray *employees,
                                  guint      i)
{
  g_assert_cmpuint (i, <, employees->len);
  return g_ptr_array_index (employees, i);
}

void
hc_connector_fixture_assert_field (HcEmployee *employee,
                                   const char *field,
                                   const char *expected)
{
  const char *value = hc_employee_get_field (employee, field);

  if (g_strcmp0 (value, expected) != 0)
    g_error ("employee %s, field %s: “%s”, expected “%s”", hc_employee_get_id (employee), field,
             value ? value : "(absent)", expected ? expected : "(absent)");
}

GPtrArray *
hc_connector_fixture_small_people (void)
{
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);
  HcFakePerson *p;

  p = hc_fake_person_new ("1", "Zoé", "Lefèvre", "zoe.lefevre@fake-hris.example");
  p->preferred_name = g_strdup ("Zo");
  p->position = g_strdup ("Chief Executive Officer");
  p->department = g_strdup ("Executive");
  p->team = g_strdup ("Board");
  p->office = g_strdup ("Paris");
  p->hire_date = g_strdup ("2015-03-02");
  p->cost_center = g_strdup ("CC-100");
  g_ptr_array_add (people, p);

  /* onboarding: starts in a month; no e-mail yet */
  p = hc_fake_person_new ("2", "Jürgen", "Müller", NULL);
  g_free (p->status);
  p->status = g_strdup ("onboarding");
  p->position = g_strdup ("Engineer");
  p->department = g_strdup ("Engineering");
  p->team = g_strdup ("Platform");
  p->manager_id = g_strdup ("1");
  p->hire_date = hc_connector_fixture_date_from_today (30);
  p->skip_sync = TRUE;
  g_ptr_array_add (people, p);

  /* inactive: left a month ago */
  p = hc_fake_person_new ("3", "Søren", "Ørsted", "soren.orsted@fake-hris.example");
  g_free (p->status);
  p->status = g_strdup ("inactive");
  p->manager_id = g_strdup ("1");
  p->hire_date = g_strdup ("2018-01-01");
  p->end_date = hc_connector_fixture_date_from_today (-30);
  g_ptr_array_add (people, p);

  /* on leave */
  p = hc_fake_person_new ("4", "Hélène", "Dubois", "helene.dubois@fake-hris.example");
  g_free (p->status);
  p->status = g_strdup ("leave");
  p->manager_id = g_strdup ("2");
  p->hire_date = g_strdup ("2020-06-15");
  g_ptr_array_add (people, p);

  /* active in the HR system but starting in a week: onboarding */
  p = hc_fake_person_new ("5", "Ümit", "Yılmaz", "umit.yilmaz@fake-hris.example");
  p->manager_id = g_strdup ("1");
  p->hire_date = hc_connector_fixture_date_from_today (7);
  g_ptr_array_add (people, p);

  return people;
}
