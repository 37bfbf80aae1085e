/* hc-application.c — the application: options, the store, the window
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-application"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-application.h"
#include "hc-background.h"
#include "hc-scheduler.h"
#include "hc-store.h"
#include "hc-session.h"
#include "hc-window.h"
#include "hc-workspace.h"

/* How often the scheduler looks for connectors whose run is due. */
#define SCHEDULER_INTERVAL_SECONDS 60

#define DEFAULT_WORKSPACE "default"
#define DEMO_WORKSPACE    "demo"

struct _HcApplication
{
  AdwApplication parent_instance;

  char          *data_dir;
  char          *workspace;
  gboolean       demo;

  GSettings     *settings;
  HcScheduler   *scheduler;    /* of the workspace the window opened */
  HcBackground  *background;   /* "Run in Background" */
};

G_DEFINE_FINAL_TYPE (HcApplication, hc_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the workspaces in DIR"), N_("DIR") },
  { "workspace", 'w', 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the workspace NAME (default: “default”)"), N_("NAME") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo workspace, with a sample company connected"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static HcStore *
open_store (HcApplication *self,
            GError       **error)
{
  g_autofree char *data_dir = hc_store_dup_data_dir (self->data_dir);
  g_autofree char *path = NULL;

  path = hc_store_build_path (data_dir, hc_application_get_workspace (self), error);
  if (path == NULL)
    return NULL;

  return hc_store_new (path, error);
}

/* A manual sync of the connector in a window: the scheduler waits. */
static gboolean
connector_busy_cb (gint64   connector_id,
                   gpointer user_data)
{
  HcApplication *self = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      HcSyncFlow *flow;

      if (!HC_IS_WINDOW (l->data))
        continue;
      flow = hc_window_get_sync_flow (l->data);
      if (flow != NULL && hc_sync_flow_get_busy (flow) &&
          hc_sync_flow_get_connector_id (flow) == connector_id)
        return TRUE;
    }
  return FALSE;
}

static void
scheduled_run_finished_cb (HcScheduler    *scheduler,
                           HcScheduledRun *run,
                           HcApplication  *self)
{
  g_autofree char *id = g_strdup_printf ("scheduled-sync-%" G_GINT64_FORMAT, run->connector_id);
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (run->result == HC_SCHEDULED_BUSY)
    return;

  /* The open windows show what the run did. */
  hc_session_members_changed (hc_session_get_for_store (hc_scheduler_get_store (scheduler)), NULL, 0);
  hc_session_run_finished (hc_session_get_for_store (hc_scheduler_get_store (scheduler)), run->connector_id, NULL);

  switch (run->result)
    {
    case HC_SCHEDULED_FAILED:
      /* Translators: a notification's title; %s is a connector's name */
      title = g_strdup_printf (_("Scheduled sync of “%s” failed"), run->connector_name);
      body = g_strdup (run->message);
      break;

    case HC_SCHEDULED_NEEDS_CONFIRMATION:
      /* Translators: a notification's title; %s is a connector's name */
      title = g_strdup_printf (_("“%s” needs your confirmation"), run->connector_name);
      body = g_strdup_printf ("%s %s", run->message != NULL ? run->message : "",
                              _("Nothing was changed: sync it now to review the changes."));
      break;

    case HC_SCHEDULED_UNCHANGED:
    case HC_SCHEDULED_CHANGED:
    case HC_SCHEDULED_BUSY:
    default:
      /* Nothing to tell; an older alert about this connector is out of date. */
      g_application_withdraw_notification (G_APPLICATION (self), id);
      return;
    }

  notification = g_notification_new (title);
  if (body != NULL)
    g_notification_set_body (notification, g_strstrip (body));
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.show-connectors");
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* Schedules run for the workspace the window shows. */
static void
ensure_scheduler (HcApplication *self,
                  HcStore       *store)
{
  if (self->scheduler != NULL && hc_scheduler_get_store (self->scheduler) == store)
    return;

  if (self->scheduler != NULL)
    {
      hc_scheduler_stop (self->scheduler);
      g_signal_handlers_disconnect_by_func (self->scheduler, scheduled_run_finished_cb, self);
      g_clear_object (&self->scheduler);
    }

  self->scheduler = hc_scheduler_new (store);
  hc_scheduler_set_busy_func (self->scheduler, connector_busy_cb, self, NULL);
  g_signal_connect (self->scheduler, "run-finished", G_CALLBACK (scheduled_run_finished_cb), self);
  hc_scheduler_start (self->scheduler, SCHEDULER_INTERVAL_SECONDS);
}

static void
remember_workspace (HcApplication *self)
{
  g_autoptr (GSettings) settings = NULL;

  if (self->demo || self->workspace == NULL)
    return;
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "last-workspace", self->workspace);
}

static HcWindow *
open_window (HcApplication *self)
{
  g_autoptr (HcStore) store = NULL;
  g_autoptr (GError) error = NULL;
  HcWindow *window;

  /* No --workspace: the one open when the window was last closed. */
  if (self->workspace == NULL && !self->demo)
    {
      g_autoptr (GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *last = g_settings_get_string (settings, "last-workspace");
      g_autofree char *data_dir = hc_store_dup_data_dir (self->data_dir);

      if (last != NULL && *last != '\0' && hc_workspace_exists (data_dir, last))
        self->workspace = g_steal_pointer (&last);
    }

  store = open_store (self, &error);
  window = hc_window_new (self, store);
  if (store != NULL)
    ensure_scheduler (self, store);

  if (store == NULL)
    {
      g_message ("Could not open the workspace: %s", error->message);
      hc_window_show_error (window, error->message);
    }
  else if (self->demo)
    {
      g_autoptr (GPtrArray) connectors = hc_store_list_connectors (store, NULL);

      hc_window_set_page (window, "members");

      /* The user asked for the demo: connect and sync it in one step. */
      if (connectors != NULL && connectors->len == 0)
        hc_window_connect_demo (window);
    }

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
hc_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window != NULL)
    gtk_window_present (window);
  else
    open_window (HC_APPLICATION (application));
}

static int
hc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  HcApplication *self = HC_APPLICATION (application);
  const char *data_dir = NULL;
  const char *workspace = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("headcount %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    {
      g_free (self->data_dir);
      self->data_dir = g_strdup (data_dir);
    }

  if (g_variant_dict_lookup (options, "workspace", "&s", &workspace))
    {
      g_free (self->workspace);
      self->workspace = g_strdup (workspace);
    }

  self->demo = g_variant_dict_contains (options, "demo");

  /* Another workspace or data directory is another window of its own:
   * do not hand it over to a running instance that shows a different one. */
  if (self->data_dir != NULL || self->workspace != NULL || self->demo)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (hc_application_parent_class)->handle_local_options (application, options);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HcApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close the windows so they save their state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  HcApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Headcount developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Headcount"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Headcount developers"),
                         "developers", developers,
                         "comments", _("Keep your member directory in step with your HR system"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* A notification's default action. */
static void
show_connectors_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  HcApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (HC_IS_WINDOW (window))
    hc_window_set_page (HC_WINDOW (window), "connectors");
}

/* The sandbox did not let Headcount run in the background: the setting is
 * back off, and the user learns why in the window, or else in a notification. */
static void
background_refused_cb (HcBackground  *background,
                       const char    *message,
                       HcApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (HC_IS_WINDOW (window))
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      hc_window_add_toast (HC_WINDOW (window), adw_toast_new (escaped));
    }
  else
    {
      g_autoptr (GNotification) notification = g_notification_new (_("Not Running in the Background"));

      g_notification_set_body (notification, message);
      g_application_send_notification (G_APPLICATION (self), "run-in-background", notification);
    }
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "show-connectors", show_connectors_action },
};

static void
hc_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  HcApplication *self = HC_APPLICATION (application);
  g_autoptr (GAction) run_in_background = NULL;

  G_APPLICATION_CLASS (hc_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);

  self->settings = g_settings_new (APP_ID);
  run_in_background = g_settings_create_action (self->settings, "run-in-background");
  g_action_map_add_action (G_ACTION_MAP (application), run_in_background);
  /* With the setting on, closing the last window leaves the app running. */
  self->background = hc_background_new (application, self->settings, hc_background_detect_sandbox ());
  g_signal_connect (self->background, "refused", G_CALLBACK (background_refused_cb), self);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
hc_application_shutdown (GApplication *application)
{
  HcApplication *self = HC_APPLICATION (application);

  if (self->scheduler != NULL)
    hc_scheduler_stop (self->scheduler);

  G_APPLICATION_CLASS (hc_application_parent_class)->shutdown (application);
}

static void
hc_application_finalize (GObject *object)
{
  HcApplication *self = HC_APPLICATION (object);

  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_func (self->scheduler, scheduled_run_finished_cb, self);
  g_clear_object (&self->scheduler);
  /* A question to the portal under way keeps it alive a little longer. */
  if (self->background != NULL)
    g_signal_handlers_disconnect_by_func (self->background, background_refused_cb, self);
  g_clear_object (&self->background);
  g_clear_object (&self->settings);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->workspace, g_free);

  G_OBJECT_CLASS (hc_application_parent_class)->finalize (object);
}

static void
hc_application_class_init (HcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hc_application_finalize;
  app_class->activate = hc_application_activate;
  app_class->startup = hc_application_startup;
  app_class->shutdown = hc_application_shutdown;
  app_class->handle_local_options = hc_application_handle_local_options;
}

static void
hc_application_init (HcApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep your member directory in step with your HR system."));
}

HcApplication *
hc_application_new (void)
{
  return g_object_new (HC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/headcount/Headcount",
                       NULL);
}

const char *
hc_application_get_workspace (HcApplication *self)
{
  g_return_val_if_fail (HC_IS_APPLICATION (self), NULL);

  if (self->demo)
    return DEMO_WORKSPACE;

  return self->workspace != NULL ? self->workspace : DEFAULT_WORKSPACE;
}

const char *
hc_application_get_data_dir (HcApplication *self)
{
  g_return_val_if_fail (HC_IS_APPLICATION (self), NULL);

  return self->data_dir;
}

/* Workspaces: each its own database and secrets (rules.md 26) */

/* The scheduler holds the store of the workspace it runs: a database is
 * renamed or deleted only once nothing has it open. */
static void
release_store (HcApplication *self,
               HcStore       *store)
{
  if (self->scheduler == NULL || hc_scheduler_get_store (self->scheduler) != store)
    return;

  hc_scheduler_stop (self->scheduler);
  g_signal_handlers_disconnect_by_func (self->scheduler, scheduled_run_finished_cb, self);
  g_clear_object (&self->scheduler);
}

static void
show_toast (HcWindow   *window,
            const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  hc_window_add_toast (window, adw_toast_new (escaped));
}

static void
set_workspace (HcApplication *self,
               const char    *name)
{
  g_free (self->workspace);
  self->workspace = g_strdup (name);
  self->demo = FALSE;
  remember_workspace (self);
}

HcWindow *
hc_application_open_workspace (HcApplication *self,
                               const char    *name,
                               GtkWindow     *replace)
{
  HcWindow *window;

  g_return_val_if_fail (HC_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* One window per workspace: the old one goes, and its store with it. */
  g_application_hold (G_APPLICATION (self));
  if (HC_IS_WINDOW (replace) && hc_window_get_store (HC_WINDOW (replace)) != NULL)
    {
      HcStore *store = hc_window_get_store (HC_WINDOW (replace));

      /* Switched away from: closed now, not when its last holder lets go. */
      release_store (self, store);
      hc_store_close (store);
    }
  if (replace != NULL)
    gtk_window_destroy (replace);
  set_workspace (self, name);
  window = open_window (self);
  g_application_release (G_APPLICATION (self));

  return window;
}

/* Closing a workspace: its window goes and its database is closed
 * (hc_store_close(), whoever still holds the store: a loader thread's
 * next query fails), then @func runs, from the main loop. */
typedef void (*ClosedFunc) (HcApplication *self,
                            const char    *name);

typedef struct
{
  HcApplication *self;
  ClosedFunc     func;
  char          *name;
} Closing;

static void
closing_free (Closing *closing)
{
  g_object_unref (closing->self);
  g_free (closing->name);
  g_free (closing);
}

static gboolean
store_closed_cb (gpointer user_data)
{
  Closing *closing = user_data;

  closing->func (closing->self, closing->name);
  g_application_release (G_APPLICATION (closing->self));
  closing_free (closing);

  return G_SOURCE_REMOVE;
}

static void
close_workspace_then (HcApplication *self,
                      HcWindow      *window,
                      ClosedFunc     func)
{
  HcStore *store = hc_window_get_store (window);
  Closing *closing = g_new0 (Closing, 1);

  closing->self = g_object_ref (self);
  closing->func = func;
  closing->name = hc_store_dup_workspace_name (store);

  g_application_hold (G_APPLICATION (self));
  release_store (self, store);
  hc_store_close (store);
  gtk_window_destroy (GTK_WINDOW (window));
  /* Once the window's last events are handled. */
  g_idle_add (store_closed_cb, closing);
}

/* A rename keeps the window and its store: the database is closed, its
 * file moved, and the same store opened again there; the session then
 * says "workspace-renamed", and the window's title follows. */
void
hc_application_rename_workspace (HcApplication *self,
                                 HcWindow      *window,
                                 const char    *new_name)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *new_path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) reopen_error = NULL;
  HcStore *store;
  gboolean renamed;

  g_return_if_fail (HC_IS_APPLICATION (self));
  g_return_if_fail (HC_IS_WINDOW (window));
  g_return_if_fail (hc_window_get_store (window) != NULL);
  g_return_if_fail (new_name != NULL);

  store = hc_window_get_store (window);
  data_dir = hc_store_dup_data_dir (self->data_dir);
  name = hc_store_dup_workspace_name (store);
  old_path = g_strdup (hc_store_get_path (store));
  new_path = hc_store_build_path (data_dir, new_name, &error);
  if (new_path == NULL)
    {
      show_toast (window, error->message);
      return;
    }

  release_store (self, store);
  hc_store_close (store);
  renamed = hc_workspace_rename (data_dir, name, new_name, &error);
  if (!hc_store_reopen (store, renamed ? new_path : old_path, &reopen_error))
    {
      /* The file is there, but cannot be opened: a fresh window says why. */
      window = hc_application_open_workspace (self, renamed ? new_name : name, GTK_WINDOW (window));
      show_toast (window, reopen_error->message);
      return;
    }
  ensure_scheduler (self, store);
  /* A page that read while it was closed reads again. */
  hc_session_connector_changed (hc_session_get_for_store (store), 0);
  hc_session_members_changed (hc_session_get_for_store (store), NULL, 0);

  if (!renamed)
    {
      show_toast (window, error->message);
      return;
    }
  set_workspace (self, new_name);
  hc_session_workspace_renamed (hc_session_get_for_store (store), new_name);
  {
    g_autofree char *text = g_strdup_printf (_("Workspace renamed to “%s”"), new_name);

    show_toast (window, text);
  }
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  HcApplication *self = source_object;
  g_autofree char *data_dir = hc_store_dup_data_dir (self->data_dir);
  g_autoptr (GError) error = NULL;

  if (hc_workspace_delete (data_dir, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
delete_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  HcApplication *self = HC_APPLICATION (source);
  const char *name = g_task_get_task_data (G_TASK (result));
  g_autofree char *data_dir = hc_store_dup_data_dir (self->data_dir);
  g_autoptr (GPtrArray) left = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  HcWindow *window;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Nothing was deleted: back to it. */
      set_workspace (self, name);
      window = open_window (self);
      show_toast (window, error->message);
    }
  else
    {
      left = hc_workspace_list (data_dir, NULL);
      set_workspace (self, left != NULL && left->len > 0 ? g_ptr_array_index (left, 0) : DEFAULT_WORKSPACE);
      window = open_window (self);
      text = g_strdup_printf (_("Workspace “%s” deleted"), name);
      show_toast (window, text);
    }

  g_application_release (G_APPLICATION (self));
}

static void
delete_closed (HcApplication *self,
               const char    *name)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, delete_done_cb, NULL);

  g_application_hold (G_APPLICATION (self));
  g_task_set_source_tag (task, delete_closed);
  g_task_set_task_data (task, g_strdup (name), g_free);
  /* The keyring is D-Bus: a thread, so the main loop runs meanwhile. */
  g_task_run_in_thread (task, delete_thread);
}

void
hc_application_delete_workspace (HcApplication *self,
                                 HcWindow      *window)
{
  g_return_if_fail (HC_IS_APPLICATION (self));
  g_return_if_fail (HC_IS_WINDOW (window));
  g_return_if_fail (hc_window_get_store (window) != NULL);

  close_workspace_then (self, window, delete_closed);
}
