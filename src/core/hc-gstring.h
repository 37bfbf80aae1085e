/* hc-gstring.h — appending to a GString in the loops that run for every
 * value of every employee
 *
 * GLib 2.74's g_string_append_len() is a call that checks its arguments
 * and whether the text lies in the string before copying: about 85
 * instructions for the few bytes of a field's path or value. A first sync
 * of 100,000 Personio employees appended some 15 million times in its
 * decoding (callgrind). These copy the text in place when it fits, and
 * leave the rest (growing the string) to GLib.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include <glib.h>

G_BEGIN_DECLS

/* @text must not lie in @string's own buffer past its length. */
static inline void
hc_gstring_append_len (GString    *string,
                       const char *text,
                       gsize       len)
{
  if (G_LIKELY (string->len + len < string->allocated_len))
    {
      memcpy (string->str + string->len, text, len);
      string->len += len;
      string->str[string->len] = '\0';
    }
  else
    g_string_append_len (string, text, (gssize) len);
}

static inline void
hc_gstring_append (GString    *string,
                   const char *text)
{
  hc_gstring_append_len (string, text, strlen (text));
}

/* @text must not lie in @string's own buffer. */
static inline void
hc_gstring_assign_len (GString    *string,
                       const char *text,
                       gsize       len)
{
  string->len = 0;
  hc_gstring_append_len (string, text, len);
}

static inline void
hc_gstring_assign (GString    *string,
                   const char *text)
{
  hc_gstring_assign_len (string, text, strlen (text));
}

G_END_DECLS
