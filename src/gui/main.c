/* main.c — entry point of the headcount GUI
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "hc-application.h"
#include "hc-memory.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (HcApplication) app = NULL;

  /* first: it may start the program again (rules.md 44) */
  hc_memory_init (argv);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE_NAME, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE_NAME, "UTF-8");
  textdomain (GETTEXT_PACKAGE_NAME);

  app = hc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
