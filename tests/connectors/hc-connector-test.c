/* hc-connector-test.c — harness helpers the connector tests share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-connector-test"

#include <string.h>

#include "hc-connector-test.h"

static GMutex log_mutex;
static GString *captured_log;

static void
capture_log_cb (const char    *domain,
                GLogLevelFlags level,
                const char    *message,
                gpointer       user_data)
{
  gboolean prefix_domain = GPOINTER_TO_INT (user_data);

  g_mutex_lock (&log_mutex);
  if (captured_log != NULL && message != NULL)
    {
      if (prefix_domain)
        g_string_append_printf (captured_log, "%s: %s\n", domain, message);
      else
        g_string_append_printf (captured_log, "%s\n", message);
    }
  g_mutex_unlock (&log_mutex);
}

void
hc_connector_test_capture_log (const char *log_domain,
                               gboolean    prefix_domain)
{
  g_log_set_handler (log_domain, G_LOG_LEVEL_DEBUG, capture_log_cb,
                     GINT_TO_POINTER (prefix_domain));
}

void
hc_connector_test_log_start (void)
{
  g_mutex_lock (&log_mutex);
  if (captured_log != NULL)
    g_string_free (captured_log, TRUE);
  captured_log = g_string_new (NULL);
  g_mutex_unlock (&log_mutex);
}

char *
hc_connector_test_log_stop (void)
{
  char *log;

  g_mutex_lock (&log_mutex);
  log = g_string_free (g_steal_pointer (&captured_log), FALSE);
  g_mutex_unlock (&log_mutex);
  return log;
}

void
hc_connector_test_assert_has (const char *haystack,
                              const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, haystack ? haystack : "(null)");
}

void
hc_connector_test_assert_lacks (const char *haystack,
                                const char *needle)
{
  if (haystack != NULL && strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in “%s”", needle, haystack);
}

void
hc_connector_test_store_result_cb (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

void
hc_connector_test_store_once_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

GAsyncResult *
hc_connector_test_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}
