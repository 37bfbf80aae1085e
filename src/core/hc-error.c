/* hc-error.c — the HC_ERROR domain
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-error"

#include <string.h>

#include "hc-error.h"

/* *INDENT-OFF* */
G_DEFINE_QUARK (hc-error-quark, hc_error)
/* *INDENT-ON* */

char *
hc_error_dup_summary (const char *message)
{
  const char *technical;

  if (message == NULL)
    return NULL;
  technical = strstr (message, HC_ERROR_TECHNICAL_SEPARATOR);
  if (technical == NULL)
    return g_strdup (message);
  return g_strndup (message, technical - message);
}

const char *
hc_error_get_technical (const char *message)
{
  const char *technical;

  if (message == NULL)
    return NULL;
  technical = strstr (message, HC_ERROR_TECHNICAL_SEPARATOR);
  if (technical == NULL || technical[strlen (HC_ERROR_TECHNICAL_SEPARATOR)] == '\0')
    return NULL;
  return technical + strlen (HC_ERROR_TECHNICAL_SEPARATOR);
}
