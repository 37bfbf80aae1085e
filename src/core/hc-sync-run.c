/* hc-sync-run.c — the record of one sync run
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-sync-run"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-json.h"
#include "hc-sync-run.h"

G_DEFINE_BOXED_TYPE (HcSyncRun, hc_sync_run, hc_sync_run_copy, hc_sync_run_free)

static const char * const trigger_names[] = { "manual", "schedule", "cli", "edit", "disconnect" };
static const char * const result_names[] = { "success", "failed", "cancelled", "needs_confirmation",
                                             "interrupted" };

HcSyncRun *
hc_sync_run_new (gint64        connector_id,
                 HcSyncTrigger trigger)
{
  HcSyncRun *self = g_new0 (HcSyncRun, 1);

  self->connector_id = connector_id;
  self->trigger = trigger;
  self->started_at = g_get_real_time ();
  self->result = HC_SYNC_RESULT_FAILED;
  return self;
}

HcSyncRun *
hc_sync_run_copy (const HcSyncRun *self)
{
  HcSyncRun *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->connector_name = g_strdup (self->connector_name);
  copy->error_message = g_strdup (self->error_message);
  return copy;
}

void
hc_sync_run_free (HcSyncRun *self)
{
  if (self == NULL)
    return;
  g_free (self->connector_name);
  g_free (self->error_message);
  g_free (self);
}

void
hc_sync_run_set_counts_from_plan (HcSyncRun *self,
                                  HcPlan    *plan)
{
  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    self->counts[k] = hc_plan_count (plan, k);
}

gint64
hc_sync_run_get_duration (const HcSyncRun *self)
{
  gint64 duration;

  g_return_val_if_fail (self != NULL, 0);

  if (self->finished_at <= 0 || self->finished_at < self->started_at)
    return 0;
  duration = self->finished_at - self->started_at - MAX (self->waited, 0);
  return MAX (duration, 0);
}

void
hc_sync_run_to_json (const HcSyncRun *self,
                     JsonBuilder     *builder)
{
  g_autoptr (GDateTime) started = g_date_time_new_from_unix_utc (self->started_at / G_USEC_PER_SEC);
  g_autofree char *iso = started ? g_date_time_format_iso8601 (started) : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "connector_id");
  json_builder_add_int_value (builder, self->connector_id);
  hc_json_add_string (builder, "connector", self->connector_name);
  json_builder_set_member_name (builder, "started_at");
  json_builder_add_string_value (builder, iso ? iso : "");
  json_builder_set_member_name (builder, "duration_ms");
  json_builder_add_int_value (builder, hc_sync_run_get_duration (self) / 1000);
  json_builder_set_member_name (builder, "trigger");
  json_builder_add_string_value (builder, hc_sync_trigger_to_string (self->trigger));
  json_builder_set_member_name (builder, "result");
  json_builder_add_string_value (builder, hc_sync_result_to_string (self->result));
  hc_json_add_string (builder, "error", self->error_message);
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    {
      json_builder_set_member_name (builder, hc_plan_kind_to_string (k));
      json_builder_add_int_value (builder, self->counts[k]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

const char *
hc_sync_trigger_to_string (HcSyncTrigger trigger)
{
  g_return_val_if_fail (trigger <= HC_SYNC_TRIGGER_DISCONNECT, NULL);
  return trigger_names[trigger];
}

const char *
hc_sync_result_to_string (HcSyncResult result)
{
  g_return_val_if_fail (result <= HC_SYNC_RESULT_INTERRUPTED, NULL);
  return result_names[result];
}

const char *
hc_sync_trigger_describe (HcSyncTrigger trigger)
{
  switch (trigger)
    {
    case HC_SYNC_TRIGGER_MANUAL:
      return C_("sync trigger", "Manual");
    case HC_SYNC_TRIGGER_SCHEDULE:
      return C_("sync trigger", "Scheduled");
    case HC_SYNC_TRIGGER_CLI:
      return C_("sync trigger", "Command line");
    case HC_SYNC_TRIGGER_EDIT:
      return C_("sync trigger", "Edited by hand");
    case HC_SYNC_TRIGGER_DISCONNECT:
      return C_("sync trigger", "Disconnect");
    default:
      return "";
    }
}

const char *
hc_sync_result_describe (HcSyncResult result)
{
  switch (result)
    {
    case HC_SYNC_RESULT_SUCCESS:
      return C_("sync result", "Succeeded");
    case HC_SYNC_RESULT_FAILED:
      return C_("sync result", "Failed");
    case HC_SYNC_RESULT_CANCELLED:
      return C_("sync result", "Cancelled");
    case HC_SYNC_RESULT_NEEDS_CONFIRMATION:
      return C_("sync result", "Waiting for confirmation");
    case HC_SYNC_RESULT_INTERRUPTED:
      return C_("sync result", "Interrupted");
    default:
      return "";
    }
}

char *
hc_sync_run_describe_duration (const HcSyncRun *self)
{
  double seconds;
  guint whole;

  g_return_val_if_fail (self != NULL, NULL);

  seconds = hc_sync_run_get_duration (self) / (double) G_USEC_PER_SEC;
  if (seconds < 60.0)
    /* Translators: a duration in seconds, "1.2 s" */
    return g_strdup_printf (_("%.1f s"), seconds);
  whole = (guint) seconds;
  /* Translators: a duration, "2 min 5 s" */
  return g_strdup_printf (_("%u min %u s"), whole / 60, whole % 60);
}

gboolean
hc_sync_trigger_from_string (const char    *str,
                             HcSyncTrigger *trigger)
{
  for (guint i = 0; i < G_N_ELEMENTS (trigger_names); i++)
    if (g_strcmp0 (str, trigger_names[i]) == 0)
      {
        *trigger = (HcSyncTrigger) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
hc_sync_result_from_string (const char   *str,
                            HcSyncResult *result)
{
  for (guint i = 0; i < G_N_ELEMENTS (result_names); i++)
    if (g_strcmp0 (str, result_names[i]) == 0)
      {
        *result = (HcSyncResult) i;
        return TRUE;
      }
  return FALSE;
}
