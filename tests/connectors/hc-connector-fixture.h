/* hc-connector-fixture.h — what the connector tests share around a
 * connector: the start of main(), the HTTP policy, dates from today,
 * running a connection test or a fetch to its end, progress reports, error
 * messages, reading the employees
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

/* The start of a connector test's main(): the debug log of hc-http and
 * @log_domain captured, each line prefixed with its domain, not printed;
 * 127.0.0.1 reached directly whatever the machine's proxy; @policy as the
 * HTTP policy (NULL: the default one); the locale; g_test_init(). */
void        hc_connector_fixture_init            (int           *argc,
                                                  char        ***argv,
                                                  const char    *log_domain,
                                                  const char    *policy);

/* HEADCOUNT_HTTP_POLICY for the connectors created after the call. */
void        hc_connector_fixture_use_policy      (const char    *policy);

/* Today's local date plus @days, "YYYY-MM-DD". */
char       *hc_connector_fixture_date_from_today (int            days);

/* The progress a fetch reports: each message and fraction in order;
 * @cancel_after_first, when set, is cancelled at the first report. */
typedef struct
{
  GPtrArray    *messages;
  GArray       *fractions;
  GCancellable *cancel_after_first;
} HcConnectorFixtureProgress;

void        hc_connector_fixture_progress_init   (HcConnectorFixtureProgress *progress);
void        hc_connector_fixture_progress_clear  (HcConnectorFixtureProgress *progress);

/* The connection test, waited for. */
gboolean    hc_connector_fixture_run_test_connection (HcConnector  *connector,
                                                      GCancellable *cancellable,
                                                      GError      **error);

/* The fetch, waited for, its progress into @progress when given; the
 * result and @error agree. */
GPtrArray  *hc_connector_fixture_run_fetch_full  (HcConnector                *connector,
                                                  GCancellable               *cancellable,
                                                  HcConnectorFixtureProgress *progress,
                                                  GError                    **error);
GPtrArray  *hc_connector_fixture_run_fetch       (HcConnector   *connector,
                                                  GError       **error);

/* Moves the message of *@error, which must be set, into @messages (to
 * look for secrets in later) and clears *@error. */
void        hc_connector_fixture_keep_message    (GPtrArray     *messages,
                                                  GError       **error);

/* The employee at @i, which must exist. */
HcEmployee *hc_connector_fixture_employee_at     (GPtrArray     *employees,
                                                  guint          i);

/* Fails, naming the employee and the field, unless @field of @employee is
 * @expected (NULL: absent). */
void        hc_connector_fixture_assert_field    (HcEmployee    *employee,
                                                  const char    *field,
                                                  const char    *expected);

/* Five people (HcFakePerson*) who cover the statuses, with dates relative
 * to today: 1 active, with preferred name, position, department, team,
 * office, cost center; 2 onboarding in 30 days, no e-mail, skip_sync;
 * 3 inactive since 30 days; 4 on leave; 5 active but starting in 7 days
 * (onboarding). Managers 1, 1, 1, 2, 1. */
GPtrArray  *hc_connector_fixture_small_people    (void);

G_END_DECLS
