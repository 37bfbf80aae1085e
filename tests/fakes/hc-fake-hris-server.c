/* hc-fake-hris-server.c — one vendor's fake HR server, stand-alone, for
 * trying a connector by hand (the GUI's Add Connector, headcount-cli):
 *
 *   _build/tests/fakes/hc-fake-hris-server --vendor personio --port 8089 --people 300
 *
 * It prints the base URL and the credentials it accepts, then serves on
 * 127.0.0.1 until interrupted.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-hris-server"

#include <locale.h>
#include <glib-unix.h>

#include "hc-fake-bamboohr.h"
#include "hc-fake-hibob.h"
#include "hc-fake-hris.h"
#include "hc-fake-lucca.h"
#include "hc-fake-deel.h"
#include "hc-fake-merge.h"
#include "hc-fake-personio.h"
#include "hc-fake-workday.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
print_credentials (const char *base_url,
                   const char *subdomain,
                   const char *client_id,
                   const char *secret)
{
  g_print ("base URL:  %s\n", base_url);
  if (subdomain != NULL && *subdomain != '\0')
    g_print ("subdomain: %s\n", subdomain);
  if (client_id != NULL && *client_id != '\0')
    g_print ("client id: %s\n", client_id);
  g_print ("secret:    %s   (fake, accepted by this server only)\n", secret);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *vendor = NULL;
  int people_count = 300;
  int port = 0;
  gpointer fake = NULL;
  GDestroyNotify fake_free = NULL;
  const GOptionEntry entries[] = {
    { "vendor", 0, 0, G_OPTION_ARG_STRING, &vendor,
      "personio, bamboohr, hibob, lucca, workday, deel or merge", "KIND" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0 for any free one)", "PORT" },
    { "people", 0, 0, G_OPTION_ARG_INT, &people_count, "How many employees to serve", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— serve a fake HR system on 127.0.0.1");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (vendor == NULL || people_count < 1 || port < 0 || port > 65535)
    {
      g_printerr ("Give --vendor KIND, and --people N ≥ 1, --port 0–65535\n");
      return 2;
    }

  /* The vendor fakes listen on a free port: --port is reached by asking
   * the shared base for that port through the environment it reads. */
  if (port != 0)
    {
      g_autofree char *value = g_strdup_printf ("%d", port);

      g_setenv ("HC_FAKE_HRIS_PORT", value, TRUE);
    }

  people = hc_fake_people_new (people_count);

/* *INDENT-OFF* */
#define START(k, K)                                                               \
  if (g_str_equal (vendor, #k))                                                   \
    {                                                                             \
      HcFake##K *f = hc_fake_##k##_new (people);                                  \
      fake = f;                                                                   \
      fake_free = (GDestroyNotify) hc_fake_##k##_free;                            \
      print_credentials (hc_fake_##k##_get_base_url (f), HC_FAKE_##K##_SUBDOMAIN_, \
                         HC_FAKE_##K##_CLIENT_ID_, HC_FAKE_##K##_SECRET);         \
    }

#define HC_FAKE_Personio_SUBDOMAIN_ HC_FAKE_PERSONIO_SUBDOMAIN
#define HC_FAKE_Personio_CLIENT_ID_ HC_FAKE_PERSONIO_CLIENT_ID
#define HC_FAKE_Personio_SECRET     HC_FAKE_PERSONIO_SECRET
#define HC_FAKE_Bamboohr_SUBDOMAIN_ HC_FAKE_BAMBOOHR_SUBDOMAIN
#define HC_FAKE_Bamboohr_CLIENT_ID_ HC_FAKE_BAMBOOHR_CLIENT_ID
#define HC_FAKE_Bamboohr_SECRET     HC_FAKE_BAMBOOHR_SECRET
#define HC_FAKE_Hibob_SUBDOMAIN_    HC_FAKE_HIBOB_SUBDOMAIN
#define HC_FAKE_Hibob_CLIENT_ID_    HC_FAKE_HIBOB_CLIENT_ID
#define HC_FAKE_Hibob_SECRET        HC_FAKE_HIBOB_SECRET
#define HC_FAKE_Lucca_SUBDOMAIN_    HC_FAKE_LUCCA_SUBDOMAIN
#define HC_FAKE_Lucca_CLIENT_ID_    HC_FAKE_LUCCA_CLIENT_ID
#define HC_FAKE_Lucca_SECRET        HC_FAKE_LUCCA_SECRET
#define HC_FAKE_Workday_SUBDOMAIN_  HC_FAKE_WORKDAY_SUBDOMAIN
#define HC_FAKE_Workday_CLIENT_ID_  HC_FAKE_WORKDAY_CLIENT_ID
#define HC_FAKE_Workday_SECRET      HC_FAKE_WORKDAY_SECRET
#define HC_FAKE_Deel_SUBDOMAIN_     HC_FAKE_DEEL_SUBDOMAIN
#define HC_FAKE_Deel_CLIENT_ID_     HC_FAKE_DEEL_CLIENT_ID
#define HC_FAKE_Deel_SECRET         HC_FAKE_DEEL_SECRET
#define HC_FAKE_Merge_SUBDOMAIN_    HC_FAKE_MERGE_SUBDOMAIN
#define HC_FAKE_Merge_CLIENT_ID_    HC_FAKE_MERGE_CLIENT_ID
#define HC_FAKE_Merge_SECRET        HC_FAKE_MERGE_SECRET

  START (personio, Personio)
  else START (bamboohr, Bamboohr)
  else START (hibob, Hibob)
  else START (lucca, Lucca)
  else START (workday, Workday)
  else START (deel, Deel)
  else START (merge, Merge)
  else
    {
      g_printerr ("Unknown vendor “%s”: personio, bamboohr, hibob, lucca, workday, deel or merge\n", vendor);
      return 2;
    }
/* *INDENT-ON* */

  g_print ("Serving %d employees; Ctrl+C stops.\n", people_count);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  fake_free (fake);
  return 0;
}
