/* hc-format.c — dates, durations and counts written for people
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-format"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-format.h"

static gboolean use_12h = FALSE;
static gboolean clock_known = FALSE;

/* The desktop's choice (org.gnome.desktop.interface clock-format), read
 * once and followed: every date of the app is written the same way. */
static void
clock_format_changed_cb (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  g_autofree char *format = g_settings_get_string (settings, "clock-format");

  use_12h = g_strcmp0 (format, "12h") == 0;
}

static gboolean
clock_is_12h (void)
{
  static GSettings *interface = NULL;

  if (!clock_known)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr (GSettingsSchema) schema = NULL;

      clock_known = TRUE;
      /* Not every desktop installs GNOME's schemas: 24 hours then. */
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, "clock-format"))
        {
          interface = g_settings_new_full (schema, NULL, NULL);
          g_signal_connect (interface, "changed::clock-format", G_CALLBACK (clock_format_changed_cb), NULL);
          clock_format_changed_cb (interface, "clock-format", NULL);
        }
    }
  return use_12h;
}

static GDateTime *
local_time (gint64 usec)
{
  g_autoptr (GDateTime) utc = NULL;

  if (usec <= 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}

char *
hc_format_datetime (gint64 usec)
{
  g_autoptr (GDateTime) local = local_time (usec);

  if (local == NULL)
    return g_strdup ("—");

  if (clock_is_12h ())
    /* Translators: a date and a 12-hour time as in "22 Nov 2026, 2:05 PM";
     * see g_date_time_format() for the conversions. */
    /* xgettext:no-c-format */
    return g_date_time_format (local, _("%-d %b %Y, %-l:%M %p"));

  /* Translators: a date and time as in "22 Nov 2026, 14:05"; see
   * g_date_time_format() for the conversions. */
  /* xgettext:no-c-format */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

char *
hc_format_run_title (const HcSyncRun *run)
{
  g_autoptr (GDateTime) local = local_time (run->started_at);
  g_autofree char *when = NULL;

  if (local == NULL)
    when = g_strdup ("—");
  else if (clock_is_12h ())
    /* Translators: a short date and 12-hour time, "5 Dec 9:00 AM" */
    /* xgettext:no-c-format */
    when = g_date_time_format (local, _("%-d %b %-l:%M %p"));
  else
    /* Translators: a short date and time, "5 Dec 09:00" */
    /* xgettext:no-c-format */
    when = g_date_time_format (local, _("%-d %b %H:%M"));

  switch (run->trigger)
    {
    case HC_SYNC_TRIGGER_SCHEDULE:
      /* Translators: the title of a run in the history, %s is when, "Scheduled sync, 5 Dec 09:00" */
      return g_strdup_printf (_("Scheduled sync, %s"), when);
    case HC_SYNC_TRIGGER_CLI:
      /* Translators: the title of a run started with headcount-cli, %s is when */
      return g_strdup_printf (_("Command-line sync, %s"), when);
    case HC_SYNC_TRIGGER_EDIT:
      /* Translators: the title of a change made by hand in the directory, %s is when */
      return g_strdup_printf (_("Edit by hand, %s"), when);
    case HC_SYNC_TRIGGER_DISCONNECT:
      /* Translators: the title of the members a connector's disconnect archived or removed, %s is when */
      return g_strdup_printf (_("Disconnect, %s"), when);
    case HC_SYNC_TRIGGER_MANUAL:
    default:
      /* Translators: the title of a sync started from the window, %s is when */
      return g_strdup_printf (_("Sync by hand, %s"), when);
    }
}

char *
hc_format_last_synced (gint64 usec,
                       gint64 now_usec)
{
  gint64 seconds;

  if (usec <= 0)
    return g_strdup (_("Never synced"));

  seconds = MAX (0, (now_usec - usec) / G_USEC_PER_SEC);

  if (seconds < 60)
    return g_strdup (_("Last synced just now"));

  if (seconds < 60 * 60)
    {
      guint minutes = seconds / 60;

      return g_strdup_printf (ngettext ("Last synced %u minute ago",
                                        "Last synced %u minutes ago", minutes),
                              minutes);
    }

  if (seconds < 24 * 60 * 60)
    {
      guint hours = seconds / (60 * 60);

      return g_strdup_printf (ngettext ("Last synced %u hour ago",
                                        "Last synced %u hours ago", hours),
                              hours);
    }

  {
    g_autofree char *date = hc_format_datetime (usec);

    /* Translators: %s is a date and time, "22 Nov 2026, 14:05" */
    return g_strdup_printf (_("Last synced on %s"), date);
  }
}

char *
hc_format_next_sync (gint64 usec,
                     gint64 now_usec)
{
  gint64 seconds = (usec - now_usec) / G_USEC_PER_SEC;

  if (seconds < 60)
    return g_strdup (_("next sync due now"));

  if (seconds < 60 * 60)
    {
      guint minutes = seconds / 60;

      return g_strdup_printf (ngettext ("next sync in %u minute", "next sync in %u minutes", minutes),
                              minutes);
    }

  {
    guint hours = (seconds + 30 * 60) / (60 * 60);

    return g_strdup_printf (ngettext ("next sync in %u hour", "next sync in %u hours", hours),
                            hours);
  }
}

const char *
hc_format_connector_kind (const char *kind)
{
  static const struct { const char *kind; const char *name; } kinds[] = {
    { "demo", N_("Sample company") },
    { "file", N_("Snapshot file") },
    { "personio", "Personio" },
    { "bamboohr", "BambooHR" },
    { "hibob", "HiBob" },
    { "lucca", "Lucca" },
    { "workday", "Workday" },
    { "deel", "Deel" },
    { "merge", "Merge" },
    { "apideck", "Apideck" },
    { "personio-v2", "Personio (API v2)" },
  };

  if (kind == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_ascii_strcasecmp (kind, kinds[i].kind) == 0)
        return _(kinds[i].name);
    }

  return kind;
}

const char *
hc_format_sync_result_icon (HcSyncResult result)
{
  switch (result)
    {
    case HC_SYNC_RESULT_SUCCESS:
      return "emblem-ok-symbolic";
    case HC_SYNC_RESULT_FAILED:
      return "dialog-error-symbolic";
    case HC_SYNC_RESULT_CANCELLED:
      return "process-stop-symbolic";
    case HC_SYNC_RESULT_NEEDS_CONFIRMATION:
      return "dialog-question-symbolic";
    case HC_SYNC_RESULT_INTERRUPTED:
      return "dialog-warning-symbolic";
    default:
      return NULL;
    }
}

const char *
hc_format_sync_result_style (HcSyncResult result)
{
  switch (result)
    {
    case HC_SYNC_RESULT_SUCCESS:
      return "success";
    case HC_SYNC_RESULT_FAILED:
      return "error";
    case HC_SYNC_RESULT_NEEDS_CONFIRMATION:
    case HC_SYNC_RESULT_INTERRUPTED:
      return "warning";
    case HC_SYNC_RESULT_CANCELLED:
    default:
      return NULL;
    }
}

char *
hc_format_change_summary (const guint *counts)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n;

  /* Spelled out one by one so xgettext sees every string. */
  if ((n = counts[HC_PLAN_INVITE]) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u invited", "%u invited", n), n));
  if ((n = counts[HC_PLAN_CREATE_NO_ACCESS]) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u added without access",
                                                       "%u added without access", n), n));
  if ((n = counts[HC_PLAN_BECOME_MANAGED]) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u now managed", "%u now managed", n), n));
  if ((n = counts[HC_PLAN_UPDATE]) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u updated", "%u updated", n), n));
  if ((n = counts[HC_PLAN_ARCHIVE]) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u archived", "%u archived", n), n));
  if ((n = counts[HC_PLAN_UNMANAGE]) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u no longer managed",
                                                       "%u no longer managed", n), n));
  if ((n = counts[HC_PLAN_REMOVE]) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u removed", "%u removed", n), n));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between counts, "12 invited, 3 updated" */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

char *
hc_format_plan_sentence (HcPlan *plan)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *text;
  guint n;

  g_return_val_if_fail (HC_IS_PLAN (plan), NULL);

  /* One phrase per kind, spelled out so xgettext sees each string. */
  if ((n = hc_plan_count (plan, HC_PLAN_INVITE)) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("invite %u member",
                                                       "invite %u members", n), n));
  if ((n = hc_plan_count (plan, HC_PLAN_CREATE_NO_ACCESS)) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("create %u without access",
                                                       "create %u without access", n), n));
  if ((n = hc_plan_count (plan, HC_PLAN_BECOME_MANAGED)) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("link %u existing member to HR",
                                                       "link %u existing members to HR", n), n));
  if ((n = hc_plan_count (plan, HC_PLAN_UPDATE)) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("update %u member",
                                                       "update %u members", n), n));
  /* Staged archives are not applied. */
  if ((n = hc_plan_count (plan, HC_PLAN_ARCHIVE) - hc_plan_count_staged (plan)) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("archive %u member",
                                                       "archive %u members", n), n));
  if ((n = hc_plan_count (plan, HC_PLAN_UNMANAGE)) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("stop managing %u member",
                                                       "stop managing %u members", n), n));
  if ((n = hc_plan_count (plan, HC_PLAN_REMOVE)) > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("remove %u member from the directory",
                                                       "remove %u members from the directory", n), n));

  if (parts->len == 0)
    return NULL;

  text = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0 && i == parts->len - 1)
        /* Translators: before the last item of a list, "invite 3, update 2 and archive 1" */
        g_string_append (text, _(" and "));
      else if (i > 0)
        g_string_append (text, _(", "));
      g_string_append (text, g_ptr_array_index (parts, i));
    }

  {
    g_autofree char *list = g_string_free (text, FALSE);
    /* Translators: %s is a list of changes, "invite 280 members and update 3 members" */
    g_autofree char *sentence = g_strdup_printf (_("This sync will %s."), list);

    return g_steal_pointer (&sentence);
  }
}

typedef enum
{
  AGO_LAST_SUCCESS,
  AGO_LAST_FAILURE,
} AgoPhrase;

/* One phrase of hc_format_last_attempt_failed(), whole sentences for the
 * translators; past a week, the date in the desktop's clock format. */
static char *
format_ago (AgoPhrase phrase,
            gint64    usec,
            gint64    now_usec)
{
  gint64 seconds = MAX (0, (now_usec - usec) / G_USEC_PER_SEC);
  gboolean ok = phrase == AGO_LAST_SUCCESS;
  guint n;

  if (seconds < 60)
    return g_strdup (ok ? _("Last successful sync just now") : _("last attempt failed just now"));
  if (seconds < 60 * 60)
    {
      n = seconds / 60;
      return g_strdup_printf (ok ? ngettext ("Last successful sync %u minute ago",
                                             "Last successful sync %u minutes ago", n)
                                 : ngettext ("last attempt failed %u minute ago",
                                             "last attempt failed %u minutes ago", n), n);
    }
  if (seconds < 24 * 60 * 60)
    {
      n = seconds / (60 * 60);
      return g_strdup_printf (ok ? ngettext ("Last successful sync %u hour ago",
                                             "Last successful sync %u hours ago", n)
                                 : ngettext ("last attempt failed %u hour ago",
                                             "last attempt failed %u hours ago", n), n);
    }
  if (seconds < 7 * 24 * 60 * 60)
    {
      n = seconds / (24 * 60 * 60);
      return g_strdup_printf (ok ? ngettext ("Last successful sync %u day ago",
                                             "Last successful sync %u days ago", n)
                                 : ngettext ("last attempt failed %u day ago",
                                             "last attempt failed %u days ago", n), n);
    }

  {
    g_autofree char *date = hc_format_datetime (usec);

    /* Translators: %s is a date and time, "22 Nov 2026, 14:05" */
    return g_strdup_printf (ok ? _("Last successful sync on %s") : _("last attempt failed on %s"), date);
  }
}

char *
hc_format_last_attempt_failed (gint64 last_sync_usec,
                               gint64 failed_usec,
                               gint64 now_usec)
{
  g_autofree char *success = NULL;
  g_autofree char *failure = format_ago (AGO_LAST_FAILURE, failed_usec, now_usec);

  success = last_sync_usec > 0 ? format_ago (AGO_LAST_SUCCESS, last_sync_usec, now_usec)
                               : g_strdup (_("Never synced"));
  /* Translators: "Last successful sync 3 days ago · last attempt failed 2 minutes ago" */
  return g_strdup_printf (_("%s · %s"), success, failure);
}
