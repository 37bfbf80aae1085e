/* test-gui-background-portal.c — "Run in Background" against a fake
 * Background portal (org.freedesktop.portal.Desktop on the test's session
 * bus, answering as told): outside a sandbox it is never asked; inside one
 * a refusal, a dismissed dialog or a failing portal switch the setting back
 * off and say why, and an answer to an older question is ignored
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gtk/gtk.h>

#include "hc-background.h"
#include "hc-gui-test.h"

#define WAIT_SECONDS 10
#define REQUEST_PATH_PREFIX "/org/freedesktop/portal/desktop/request/"

typedef enum
{
  ANSWER_ALLOW,
  ANSWER_REFUSE,
  ANSWER_DISMISS,   /* the user closed the dialog */
  ANSWER_FAIL,      /* the method call itself fails */
} Answer;

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *bus;          /* the portal's own connection */
  guint            registration;
  Answer           answers[4];   /* one per call, in order */
  guint            n_calls;
  guint            n_answered;
  GVariant        *options;      /* of the last call */
  char            *refused;      /* the last "refused" message */
  guint            n_refused;
} FakePortal;

typedef struct
{
  FakePortal *portal;
  char       *destination;
  char       *handle;
  Answer      answer;
} Reply;

static gboolean
send_response_cb (gpointer user_data)
{
  Reply *reply = user_data;
  GVariantBuilder results;
  g_autoptr (GError) error = NULL;
  guint32 response = reply->answer == ANSWER_DISMISS ? 1 : 0;

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background",
                         g_variant_new_boolean (reply->answer == ANSWER_ALLOW));
  g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (FALSE));

  g_dbus_connection_emit_signal (reply->portal->bus, reply->destination, reply->handle,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", response, &results), &error);
  g_assert_no_error (error);
  reply->portal->n_answered++;

  g_free (reply->destination);
  g_free (reply->handle);
  g_free (reply);

  return G_SOURCE_REMOVE;
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  FakePortal *portal = user_data;
  g_autofree char *parent = NULL;
  g_autofree char *sender_part = NULL;
  const char *token = NULL;
  Reply *reply;
  Answer answer;

  g_assert_cmpstr (method_name, ==, "RequestBackground");
  g_assert_cmpuint (portal->n_calls, <, G_N_ELEMENTS (portal->answers));
  answer = portal->answers[portal->n_calls++];

  g_clear_pointer (&portal->options, g_variant_unref);
  g_variant_get (parameters, "(s@a{sv})", &parent, &portal->options);

  if (answer == ANSWER_FAIL)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.DBus.Error.AccessDenied",
                                                  "Background requests are not allowed here");
      return;
    }

  /* The request's path, as the portal documents it: the caller's unique
   * name without the colon and with dots as underscores, then its token. */
  g_assert_true (g_variant_lookup (portal->options, "handle_token", "&s", &token));
  sender_part = g_strdup (sender + 1);
  g_strdelimit (sender_part, ".", '_');

  reply = g_new0 (Reply, 1);
  reply->portal = portal;
  reply->destination = g_strdup (sender);
  reply->handle = g_strconcat (REQUEST_PATH_PREFIX, sender_part, "/", token, NULL);
  reply->answer = answer;
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", reply->handle));

  /* The user takes a moment to answer. */
  g_timeout_add (50, send_response_cb, reply);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

static void
fake_portal_start (FakePortal *portal)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusNodeInfo) node = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  portal->bus = g_dbus_connection_new_for_address_sync (address,
                                                        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);
  node = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  portal->registration = g_dbus_connection_register_object (portal->bus, "/org/freedesktop/portal/desktop",
                                                            node->interfaces[0], &vtable, portal,
                                                            NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (portal->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
fake_portal_stop (FakePortal *portal)
{
  g_autoptr (GError) error = NULL;

  /* Let every answer go out before the connection does. */
  while (portal->n_answered < portal->n_calls && portal->answers[portal->n_answered] != ANSWER_FAIL)
    g_main_context_iteration (NULL, TRUE);

  g_dbus_connection_unregister_object (portal->bus, portal->registration);
  g_dbus_connection_close_sync (portal->bus, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&portal->bus);
  g_clear_pointer (&portal->options, g_variant_unref);
  g_clear_pointer (&portal->refused, g_free);
}

static void
refused_cb (HcBackground *background,
            const char   *message,
            FakePortal   *portal)
{
  g_free (portal->refused);
  portal->refused = g_strdup (message);
  portal->n_refused++;
}

static GSettings *
settings_off (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "run-in-background", FALSE);
  return settings;
}

static gboolean
setting_off (gpointer data)
{
  return !g_settings_get_boolean (data, "run-in-background");
}

static gboolean
all_answered (gpointer data)
{
  FakePortal *portal = data;

  return portal->n_calls > 0 && portal->n_answered == portal->n_calls;
}

/* Outside a sandbox: held at once, as before, and the portal never asked. */
static void
test_outside_sandbox (void)
{
  g_autoptr (GApplication) app = g_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_autoptr (GSettings) settings = settings_off ();
  g_autoptr (HcBackground) background = NULL;
  FakePortal portal = { .answers = { ANSWER_REFUSE } };

  fake_portal_start (&portal);
  background = hc_background_new (app, settings, FALSE);
  g_signal_connect (background, "refused", G_CALLBACK (refused_cb), &portal);
  g_assert_false (hc_background_get_sandboxed (background));
  g_assert_false (hc_background_get_held (background));

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (hc_background_get_held (background));
  hc_gui_test_spin_for (300);
  g_assert_cmpuint (portal.n_calls, ==, 0);
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (hc_background_get_held (background));
  g_assert_cmpuint (portal.n_refused, ==, 0);

  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_false (hc_background_get_held (background));

  g_clear_object (&background);
  fake_portal_stop (&portal);
}

/* Allowed: the setting stays on, and the portal was asked with our reason,
 * no autostart and no command line. */
static void
test_allowed (void)
{
  g_autoptr (GApplication) app = g_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_autoptr (GSettings) settings = settings_off ();
  g_autoptr (HcBackground) background = NULL;
  FakePortal portal = { .answers = { ANSWER_ALLOW } };
  const char *reason = NULL;
  gboolean autostart = TRUE;

  fake_portal_start (&portal);
  background = hc_background_new (app, settings, TRUE);
  g_signal_connect (background, "refused", G_CALLBACK (refused_cb), &portal);
  g_assert_true (hc_background_get_sandboxed (background));
  g_assert_cmpuint (portal.n_calls, ==, 0);   /* the setting is off */

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (hc_background_get_held (background));
  g_assert_true (hc_gui_test_spin_until (all_answered, &portal, WAIT_SECONDS));
  hc_gui_test_spin_for (300);

  g_assert_cmpuint (portal.n_calls, ==, 1);
  g_assert_true (g_variant_lookup (portal.options, "reason", "&s", &reason));
  g_assert_nonnull (strstr (reason, "scheduled syncs"));
  g_assert_true (g_variant_lookup (portal.options, "autostart", "b", &autostart));
  g_assert_false (autostart);
  g_assert_false (g_variant_lookup (portal.options, "commandline", "^a&s", NULL));

  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (hc_background_get_held (background));
  g_assert_cmpuint (portal.n_refused, ==, 0);

  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_clear_object (&background);
  fake_portal_stop (&portal);
}

/* Refused, dismissed, or a portal that fails: back off, with the reason. */
static void
test_not_allowed (gconstpointer data)
{
  Answer answer = GPOINTER_TO_INT (data);
  g_autoptr (GApplication) app = g_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_autoptr (GSettings) settings = settings_off ();
  g_autoptr (HcBackground) background = NULL;
  FakePortal portal = { .answers = { answer } };

  fake_portal_start (&portal);
  background = hc_background_new (app, settings, TRUE);
  g_signal_connect (background, "refused", G_CALLBACK (refused_cb), &portal);

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (hc_background_get_held (background));
  g_assert_true (hc_gui_test_spin_until (setting_off, settings, WAIT_SECONDS));

  g_assert_cmpuint (portal.n_calls, ==, 1);
  g_assert_false (hc_background_get_held (background));
  g_assert_cmpuint (portal.n_refused, ==, 1);
  if (answer == ANSWER_FAIL)
    g_assert_nonnull (strstr (portal.refused, "Could not ask to run in the background"));
  else
    g_assert_nonnull (strstr (portal.refused, "was not allowed"));
  g_assert_nonnull (strstr (portal.refused, "scheduled syncs run only while Headcount is open"));

  g_clear_object (&background);
  fake_portal_stop (&portal);
}

/* Started with the setting on (from a previous run): asked at once. */
static void
test_asked_at_start (void)
{
  g_autoptr (GApplication) app = g_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_autoptr (GSettings) settings = settings_off ();
  g_autoptr (HcBackground) background = NULL;
  FakePortal portal = { .answers = { ANSWER_REFUSE } };

  fake_portal_start (&portal);
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  background = hc_background_new (app, settings, TRUE);
  g_signal_connect (background, "refused", G_CALLBACK (refused_cb), &portal);
  g_assert_true (hc_background_get_held (background));

  g_assert_true (hc_gui_test_spin_until (setting_off, settings, WAIT_SECONDS));
  g_assert_cmpuint (portal.n_calls, ==, 1);
  g_assert_cmpuint (portal.n_refused, ==, 1);
  g_assert_false (hc_background_get_held (background));

  g_clear_object (&background);
  fake_portal_stop (&portal);
}

/* Off and on again before the first answer: that answer (a refusal) no
 * longer counts, the second (allowed) does. */
static void
test_older_answer_ignored (void)
{
  g_autoptr (GApplication) app = g_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_autoptr (GSettings) settings = settings_off ();
  g_autoptr (HcBackground) background = NULL;
  FakePortal portal = { .answers = { ANSWER_REFUSE, ANSWER_ALLOW } };

  fake_portal_start (&portal);
  background = hc_background_new (app, settings, TRUE);
  g_signal_connect (background, "refused", G_CALLBACK (refused_cb), &portal);

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (hc_background_get_held (background));

  g_assert_true (hc_gui_test_spin_until (all_answered, &portal, WAIT_SECONDS));
  g_assert_cmpuint (portal.n_calls, ==, 2);
  hc_gui_test_spin_for (300);

  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (hc_background_get_held (background));
  g_assert_cmpuint (portal.n_refused, ==, 0);

  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_clear_object (&background);
  fake_portal_stop (&portal);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/background-portal/outside-sandbox", test_outside_sandbox);
  g_test_add_func ("/gui/background-portal/allowed", test_allowed);
  g_test_add_data_func ("/gui/background-portal/refused",
                        GINT_TO_POINTER (ANSWER_REFUSE), test_not_allowed);
  g_test_add_data_func ("/gui/background-portal/dismissed",
                        GINT_TO_POINTER (ANSWER_DISMISS), test_not_allowed);
  g_test_add_data_func ("/gui/background-portal/portal-fails",
                        GINT_TO_POINTER (ANSWER_FAIL), test_not_allowed);
  g_test_add_func ("/gui/background-portal/asked-at-start", test_asked_at_start);
  g_test_add_func ("/gui/background-portal/older-answer-ignored", test_older_answer_ignored);

  return g_test_run ();
}
