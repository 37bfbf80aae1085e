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
  const char *start, *end;

  if (email == NULL)
    return NULL;
  /* the common case, ASCII, in one copy and without the Unicode tables:
   * a sync folds the address of every employee and member */
  start = email;
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end == start)
    return NULL;
  {
    gsize len = end - start;
    char *folded = g_malloc (len + 1);
    gsize i;

    for (i = 0; i < len && (guchar) start[i] < 0x80; i++)
      folded[i] = g_ascii_tolower (start[i]);
    if (i == len)
      {
        folded[len] = '\0';
        return folded;
      }
    g_free (folded);
  }
  trimmed = g_strndup (start, end - start);
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
