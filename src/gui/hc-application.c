/* hc-application.c — the application: options, the store, the window
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-application"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-application.h"
#include "hc-store.h"
#include "hc-window.h"

#define DEFAULT_WORKSPACE "default"
#define DEMO_WORKSPACE    "demo"

struct _HcApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;
  char           *workspace;
  gboolean        demo;
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
open_store (HcApplication  *self,
            GError        **error)
{
  g_autofree char *data_dir = hc_store_dup_data_dir (self->data_dir);
  g_autofree char *path = NULL;

  path = hc_store_build_path (data_dir, hc_application_get_workspace (self), error);
  if (path == NULL)
    return NULL;

  return hc_store_new (path, error);
}

static void
open_window (HcApplication *self)
{
  g_autoptr (HcStore) store = NULL;
  g_autoptr (GError) error = NULL;
  HcWindow *window;

  store = open_store (self, &error);
  window = hc_window_new (self, store);

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
  for (GList *l = windows; l != NULL; )
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

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
hc_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (hc_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
hc_application_finalize (GObject *object)
{
  HcApplication *self = HC_APPLICATION (object);

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
