/* hc-background.c — "Run in Background": holds the application while the
 * setting is on and, inside a Flatpak sandbox, asks the Background portal
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-background"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#ifdef HAVE_LIBPORTAL
#include <libportal-gtk4/portal-gtk4.h>
#endif

#include "hc-background.h"

#define SETTINGS_KEY "run-in-background"

struct _HcBackground
{
  GObject       parent_instance;

  GApplication *application;    /* weak: the application owns us */
  GSettings    *settings;
  gboolean      sandboxed;
  gboolean      held;
  GCancellable *cancellable;    /* of the question to the portal under way */
#ifdef HAVE_LIBPORTAL
  XdpPortal    *portal;
#endif
};

G_DEFINE_FINAL_TYPE (HcBackground, hc_background, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
hc_background_detect_sandbox (void)
{
#ifdef HAVE_LIBPORTAL
  return xdp_portal_running_under_flatpak ();
#else
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
#endif
}

static void
set_held (HcBackground *self,
          gboolean      held)
{
  if (held == self->held)
    return;

  if (self->application != NULL)
    {
      if (held)
        g_application_hold (self->application);
      else
        g_application_release (self->application);
    }
  self->held = held;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD]);
}

#ifdef HAVE_LIBPORTAL
/* The portal said no, or could not be asked: the setting goes back off, so
 * it never claims what the system does not allow. */
static void
request_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HcBackground *self = HC_BACKGROUND (source);
  g_autoptr (GError) error = NULL;
  gboolean allowed = hc_background_request_finish (self, result, &error);
  const char *message;

  /* Cancelled: the setting changed again since. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (allowed)
    return;

  if (error != NULL)
    {
      g_message ("Could not ask the Background portal: %s", error->message);
      message = _("Could not ask to run in the background: scheduled syncs run only while Headcount is open");
    }
  else
    message = _("Running in the background was not allowed: scheduled syncs run only while Headcount is open");

  g_settings_set_boolean (self->settings, SETTINGS_KEY, FALSE);
  g_signal_emit (self, signals[REFUSED], 0, message);
}
#endif

/* Held while the setting is on, as outside a sandbox; inside one the portal
 * is asked too, and its answer may switch the setting back off. */
static void
settings_changed_cb (GSettings    *settings,
                     const char   *key,
                     HcBackground *self)
{
  gboolean wanted = g_settings_get_boolean (settings, SETTINGS_KEY);

  set_held (self, wanted);

  /* An answer to an older question no longer matters. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* Built without libportal there is nobody to ask: only the hold. */
#ifdef HAVE_LIBPORTAL
  if (wanted && self->sandboxed)
    {
      self->cancellable = g_cancellable_new ();
      hc_background_request_async (self, self->cancellable, request_done_cb, NULL);
    }
#endif
}

#ifdef HAVE_LIBPORTAL
static void
portal_request_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  gboolean allowed;

  allowed = xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error);

  /* Closing the portal's dialog is a no. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_clear_error (&error);

  /* When the task's cancellable was cancelled meanwhile, GTask returns
   * G_IO_ERROR_CANCELLED instead of this. */
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, allowed);
}
#endif

void
hc_background_request_async (HcBackground       *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HC_IS_BACKGROUND (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_background_request_async);

#ifdef HAVE_LIBPORTAL
  {
    /* Translators: the system shows it when Headcount asks to keep running with its window closed */
    g_autofree char *reason = g_strdup (_("Run the scheduled syncs with your HR system while no window is open"));
    g_autoptr (XdpParent) parent = NULL;
    GtkWindow *window = NULL;

    if (self->portal == NULL)
      self->portal = xdp_portal_new ();

    /* The portal's dialog belongs to the window the user asked from. */
    if (GTK_IS_APPLICATION (self->application))
      window = gtk_application_get_active_window (GTK_APPLICATION (self->application));
    if (window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)))
      parent = xdp_parent_new_gtk (window);

    /* No autostart and so no command line: Headcount runs in the background
     * only once the user has opened it. libportal gets no cancellable: when
     * one is cancelled it frees its request yet may still read it (if the
     * D-Bus call is under way) and never calls back; ours is checked when
     * the answer comes. */
    xdp_portal_request_background (self->portal, parent, reason, NULL,
                                   XDP_BACKGROUND_FLAG_NONE, NULL,
                                   portal_request_cb, g_steal_pointer (&task));
  }
#else
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Headcount was built without libportal");
#endif
}

gboolean
hc_background_request_finish (HcBackground *self,
                              GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (HC_IS_BACKGROUND (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
hc_background_dispose (GObject *object)
{
  HcBackground *self = HC_BACKGROUND (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, settings_changed_cb, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (hc_background_parent_class)->dispose (object);
}

static void
hc_background_finalize (GObject *object)
{
  HcBackground *self = HC_BACKGROUND (object);

  g_clear_object (&self->settings);
#ifdef HAVE_LIBPORTAL
  g_clear_object (&self->portal);
#endif

  G_OBJECT_CLASS (hc_background_parent_class)->finalize (object);
}

static void
hc_background_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HcBackground *self = HC_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_HELD:
      g_value_set_boolean (value, self->held);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_background_class_init (HcBackgroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hc_background_dispose;
  object_class->finalize = hc_background_finalize;
  object_class->get_property = hc_background_get_property;

  properties[PROP_HELD] =
    g_param_spec_boolean ("held", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The setting went back off; the message says why, for a toast. */
  signals[REFUSED] =
    g_signal_new ("refused",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hc_background_init (HcBackground *self)
{
}

HcBackground *
hc_background_new (GApplication *application,
                   GSettings    *settings,
                   gboolean      sandboxed)
{
  HcBackground *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (HC_TYPE_BACKGROUND, NULL);
  g_set_weak_pointer (&self->application, application);
  self->settings = g_object_ref (settings);
  self->sandboxed = sandboxed;

  g_signal_connect (settings, "changed::" SETTINGS_KEY, G_CALLBACK (settings_changed_cb), self);
  settings_changed_cb (settings, SETTINGS_KEY, self);

  return self;
}

gboolean
hc_background_get_sandboxed (HcBackground *self)
{
  g_return_val_if_fail (HC_IS_BACKGROUND (self), FALSE);

  return self->sandboxed;
}

gboolean
hc_background_get_held (HcBackground *self)
{
  g_return_val_if_fail (HC_IS_BACKGROUND (self), FALSE);

  return self->held;
}
