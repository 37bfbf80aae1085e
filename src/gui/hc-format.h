/* hc-format.h — dates, durations and counts written for people
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hc-connector-info.h"
#include "hc-plan.h"
#include "hc-sync-run.h"

G_BEGIN_DECLS

/* "22 Nov 2026, 14:05" in local time; @usec since the epoch. (transfer full) */
char       *hc_format_datetime        (gint64              usec);
/* "Last synced 5 minutes ago", "Never synced". @now_usec from
 * g_get_real_time (), passed in so tests can pin it. (transfer full) */
char       *hc_format_last_synced     (gint64              usec,
                                       gint64              now_usec);
/* "next sync in 5 hours", for a scheduled connector. (transfer full) */
char       *hc_format_next_sync       (gint64              usec,
                                       gint64              now_usec);

/* "Personio", "Sample company"… for a connector kind. */
const char *hc_format_connector_kind  (const char         *kind);
const char *hc_format_sync_result_icon (HcSyncResult       result);
/* "success", "error", "warning" or NULL: a style class for the result. */
const char *hc_format_sync_result_style (HcSyncResult      result);

/* "12 invited, 3 updated" from per-kind counts (HC_PLAN_N_KINDS of them);
 * NULL when nothing changed. (transfer full) */
char       *hc_format_change_summary  (const guint        *counts);

/* "This sync will invite 3 members and update 2 members.", or NULL when
 * the plan changes nothing. (transfer full) */
char       *hc_format_plan_sentence   (HcPlan             *plan);

/* "Scheduled sync, 5 Dec 09:00": a run named by its trigger and start, in
 * the desktop's clock format. (transfer full) */
char       *hc_format_run_title       (const HcSyncRun    *run);

/* "Last successful sync 3 days ago · last attempt failed 2 minutes ago"
 * ("Never synced · …" when none succeeded): a failed attempt beside the
 * last successful sync (rules.md 43). (transfer full) */
char       *hc_format_last_attempt_failed (gint64          last_sync_usec,
                                           gint64          failed_usec,
                                           gint64          now_usec);

G_END_DECLS
