/* hc-email.c — the one way e-mails are compared (matching, uniqueness)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-email"

#include "config.h"

#include "hc-email.h"

char *
hc_email_normalize (const char *email)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *composed = NULL;

  if (email == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (email));
  if (*trimmed == '\0')
    return NULL;
  /* the common case, without the Unicode tables */
  if (g_str_is_ascii (trimmed))
    return g_ascii_strdown (trimmed, -1);
  composed = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC);
  if (composed == NULL)
    return g_ascii_strdown (trimmed, -1);  /* not UTF-8: compared as bytes */
  return g_utf8_casefold (composed, -1);
}

gboolean
hc_email_equal (const char *a,
                const char *b)
{
  g_autofree char *ka = hc_email_normalize (a);
  g_autofree char *kb = hc_email_normalize (b);

  return ka != NULL && g_strcmp0 (ka, kb) == 0;
}
