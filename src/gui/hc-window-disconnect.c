/* hc-window-disconnect.c — Disconnect: keep, archive or remove the connector's members
 *
 * The confirmation offers what becomes of the members the connector
 * manages (rules.md 13, 46): they stay, no longer managed; or they are
 * archived, or removed, through the preview of that run, which History's
 * Undo (and the toast's) rolls back. Cancel in the preview disconnects
 * nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-window-disconnect"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-connector-kind.h"
#include "hc-disconnect.h"
#include "hc-plan-dialog.h"
#include "hc-secrets.h"
#include "hc-session.h"
#include "hc-undo.h"
#include "hc-window-private.h"

typedef struct
{
  HcWindow           *self;
  gint64              id;
  char               *name;
  char               *kind;
  HcDisconnectMembers what;
  gint64              run_id; /* the members' run, 0 when they stay */
  guint               n_members; /* archived or removed */
} Disconnect;

static void
disconnect_free (Disconnect *data)
{
  g_object_unref (data->self);
  g_free (data->name);
  g_free (data->kind);
  g_free (data);
}

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (HcWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSyncRun) run = hc_undo_apply_finish (HC_UNDO (source), result, &error);
  g_autofree char *summary = NULL;

  if (run == NULL)
    {
      hc_window_add_toast_text (self, error->message);
      return;
    }
  if (self->store != NULL)
    {
      HcSession *session = hc_session_get_for_store (self->store);

      hc_session_members_changed (session, NULL, 0);
      hc_session_run_finished (session, 0, run);
    }
  summary = hc_undo_dup_summary (HC_UNDO (source));
  hc_window_add_toast_text (self, summary);
}

static void
undo_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (HcWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcUndo) undo = hc_undo_new_finish (result, &error);

  if (undo == NULL || self->store == NULL)
    {
      if (error != NULL)
        hc_window_add_toast_text (self, error->message);
      return;
    }
  hc_undo_apply_async (undo, self->store, HC_SYNC_TRIGGER_MANUAL, NULL, undone_cb, g_object_ref (self));
}

/* The toast's Undo: the members' run rolled back at once (the admin saw
 * its preview a moment ago). */
static void
undo_clicked_cb (AdwToast *toast,
                 gpointer  user_data)
{
  HcWindow *self = HC_WINDOW (g_object_get_data (G_OBJECT (toast), "hc-window"));
  gint64 run_id = GPOINTER_TO_SIZE (user_data);

  if (self == NULL || self->store == NULL)
    return;
  hc_undo_new_async (self->store, run_id, NULL, undo_ready_cb, g_object_ref (self));
}

/* "“Personio” disconnected, 12 members archived", with Undo when there is
 * a members' run; @keyring says what became of the secret. */
static void
add_done_toast (Disconnect *data,
                const char *keyring)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (data->run_id == 0)
    text = g_strdup_printf (_("“%s” disconnected%s"), data->name, keyring);
  else if (data->what == HC_DISCONNECT_REMOVE_MEMBERS)
    /* Translators: "“Personio” disconnected and its secret deleted from the keyring, 12 members removed" */
    text = g_strdup_printf (ngettext ("“%s” disconnected%s, %u member removed",
                                      "“%s” disconnected%s, %u members removed", data->n_members),
                            data->name, keyring, data->n_members);
  else
    text = g_strdup_printf (ngettext ("“%s” disconnected%s, %u member archived",
                                      "“%s” disconnected%s, %u members archived", data->n_members),
                            data->name, keyring, data->n_members);
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  if (data->run_id != 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_timeout (toast, 10);
      g_object_set_data (G_OBJECT (toast), "hc-window", data->self);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                        GSIZE_TO_POINTER ((gsize) data->run_id));
    }
  hc_window_add_toast (data->self, toast);
}

static void
secret_cleared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Disconnect *data = user_data;
  g_autoptr (GError) error = NULL;

  if (hc_secrets_clear_finish (result, NULL, &error))
    add_done_toast (data, _(" and its secret deleted from the keyring"));
  else
    {
      g_autofree char *text = g_strdup_printf (_("“%s” disconnected, but its secret is still in the keyring: %s"),
                                               data->name, error->message);

      hc_window_add_toast_text (data->self, text);
      /* the members' run still gets its Undo */
      if (data->run_id != 0)
        add_done_toast (data, "");
    }
  disconnect_free (data);
}

/* The connector goes, its secret with it (rules.md 13); its members as
 * the members' run left them. Takes @data. */
static void
remove_connector (Disconnect *data)
{
  HcWindow *self = data->self;
  g_autoptr (GError) error = NULL;

  if (self->store == NULL || !hc_store_remove_connector (self->store, data->id, &error))
    {
      if (error != NULL)
        hc_window_add_toast_text (self, error->message);
      disconnect_free (data);
      return;
    }
  hc_session_connector_changed (hc_session_get_for_store (self->store), 0);
  hc_session_members_changed (hc_session_get_for_store (self->store), NULL, 0);

  if (!hc_connector_kind_is_remote (data->kind))
    {
      add_done_toast (data, "");
      disconnect_free (data);
      return;
    }
  hc_secrets_clear_async (hc_store_get_workspace_id (self->store), data->id, NULL, NULL,
                          secret_cleared_cb, data);
}

static void
members_applied_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Disconnect *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSyncRun) run = hc_disconnect_apply_finish (result, &error);

  if (run == NULL)
    {
      /* Nothing changed: the connector stays too. */
      hc_window_add_toast_text (data->self, error->message);
      disconnect_free (data);
      return;
    }
  data->run_id = run->id;
  data->n_members = run->counts[HC_PLAN_ARCHIVE] + run->counts[HC_PLAN_REMOVE];
  if (data->self->store != NULL)
    hc_session_run_finished (hc_session_get_for_store (data->self->store), data->id, run);
  remove_connector (data);
}

static void
preview_response_cb (HcPlanDialog *dialog,
                     const char   *response,
                     gpointer      user_data)
{
  Disconnect *data = user_data;

  if (g_strcmp0 (response, "apply") != 0 || data->self->store == NULL)
    {
      disconnect_free (data);
      return;
    }
  hc_disconnect_apply_async (data->self->store, hc_plan_dialog_get_plan (dialog), NULL,
                             members_applied_cb, data);
}

static void
plan_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Disconnect *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcPlan) plan = hc_disconnect_plan_new_finish (result, &error);
  HcPlanDialog *dialog;

  if (plan == NULL)
    {
      hc_window_add_toast_text (data->self, error->message);
      disconnect_free (data);
      return;
    }
  /* Nobody to archive or remove: the disconnect alone. */
  if (hc_plan_is_empty (plan))
    {
      remove_connector (data);
      return;
    }
  dialog = hc_plan_dialog_new (plan, data->name, NULL);
  hc_plan_dialog_set_disconnect (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (preview_response_cb), data);
  hc_plan_dialog_present (dialog, GTK_WIDGET (data->self));
}

static void
disconnect_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr (HcWindow) self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "hc-connector-id"));
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  Disconnect *data;

  if (self->store == NULL || g_strcmp0 (response, "cancel") == 0)
    return;
  info = hc_store_get_connector (self->store, id, &error);
  if (info == NULL)
    {
      hc_window_add_toast_text (self, error->message);
      return;
    }

  data = g_new0 (Disconnect, 1);
  data->self = g_object_ref (self);
  data->id = id;
  data->name = g_strdup (info->name);
  data->kind = g_strdup (info->kind);
  if (g_strcmp0 (response, "archive") == 0)
    data->what = HC_DISCONNECT_ARCHIVE_MEMBERS;
  else if (g_strcmp0 (response, "remove") == 0)
    data->what = HC_DISCONNECT_REMOVE_MEMBERS;
  else
    data->what = HC_DISCONNECT_KEEP_MEMBERS;

  /* "Keep Members": they stay, no longer managed (rules.md 13). */
  if (data->what == HC_DISCONNECT_KEEP_MEMBERS)
    {
      remove_connector (data);
      return;
    }
  hc_disconnect_plan_new_async (self->store, id, data->what, NULL, plan_ready_cb, data);
}

void
hc_window_disconnect_connector (HcWindow *self,
                                gint64    id)
{
  g_autoptr (HcConnectorInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n_members = 0;

  if (self->store == NULL)
    return;
  if (self->sync_flow != NULL && hc_sync_flow_get_busy (self->sync_flow))
    {
      hc_window_add_toast_text (self, _("Wait for the sync to finish, or cancel it, before disconnecting"));
      return;
    }
  info = hc_store_get_connector (self->store, id, &error);
  if (info == NULL)
    {
      hc_window_add_toast_text (self, error->message);
      return;
    }
  n_members = hc_store_count_connector_members (self->store, id);

  heading = g_strdup_printf (_("Disconnect “%s”?"), info->name);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME,
                                       "Headcount stops syncing from it and deletes its API credentials from "
                                       "the keyring. The %u member it manages stays in the directory as it is, "
                                       "marked as no longer managed: nothing updates it until you connect the "
                                       "HR system again.",
                                       "Headcount stops syncing from it and deletes its API credentials from "
                                       "the keyring. The %u members it manages stay in the directory as they "
                                       "are, marked as no longer managed: nothing updates them until you "
                                       "connect the HR system again.",
                                       n_members),
                          n_members);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), NULL);
  if (n_members > 0)
    {
      g_autofree char *more = g_strdup_printf ("%s\n\n%s", body,
                                               _("Or archive them, or remove them from the directory, as well: "
                                                 "you see who first, and History can undo it."));

      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), more);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "remove", _("_Remove Members…"),
                                        "archive", _("_Archive Members…"),
                                        "disconnect", _("_Keep Members"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "disconnect", _("_Disconnect"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disconnect",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "hc-connector-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (dialog, "response", G_CALLBACK (disconnect_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}
