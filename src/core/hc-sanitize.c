/* hc-sanitize.c — clean HR values at the connector boundary (rules.md 31)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-sanitize"

#include "config.h"

#include <string.h>

#include "hc-employee.h"
#include "hc-member.h"
#include "hc-sanitize.h"

gboolean
hc_sanitize_is_hidden_char (gunichar c)
{
  return (c >= 0x200B && c <= 0x200F) ||  /* zero-width space, joiners, LRM, RLM */
         (c >= 0x202A && c <= 0x202E) ||  /* embeddings and overrides */
         (c >= 0x2060 && c <= 0x2064) ||  /* word joiner, invisible operators */
         (c >= 0x2066 && c <= 0x2069) ||  /* isolates */
         c == 0x061C || c == 0xFEFF;      /* Arabic letter mark, BOM */
}

gboolean
hc_sanitize_is_control_char (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* Every value of every employee is asked this: most fields differ from
 * the first letter. */
static inline gboolean
is_email_field (const char *field)
{
  return field[0] == 'e' && strcmp (field, HC_FIELD_EMAIL) == 0;
}

static gboolean
is_name_field (const char *field)
{
  static const char * const names[] = {
    HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME, HC_FIELD_PREFERRED_NAME,
    HC_FIELD_POSITION, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (field, names[i]))
      return TRUE;
  return FALSE;
}

/* Printable ASCII from @value up to its end: its length, or -1 when
 * another byte comes first. */
static gssize
printable_ascii_length (const char *value)
{
  const guchar *p = (const guchar *) value;

  while (*p >= 0x20 && *p < 0x7f)
    p++;
  return *p == '\0' ? (gssize) (p - (const guchar *) value) : -1;
}

/* Valid UTF-8 of at most @max characters, none a control or hidden one:
 * what hc_sanitize_value() keeps as it is in any field but the e-mail
 * (names with accents, most values that are not ASCII). */
static gboolean
is_plain_text (const char *value,
               guint       max)
{
  guint n_chars = 0;

  if (!g_utf8_validate (value, -1, NULL))
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (++n_chars > max || hc_sanitize_is_control_char (c) || hc_sanitize_is_hidden_char (c))
        return FALSE;
    }
  return TRUE;
}

gboolean
hc_sanitize_value_is_kept (const char *field,
                           const char *value)
{
  gssize len;

  g_return_val_if_fail (field != NULL, FALSE);

  if (value == NULL)
    return TRUE;
  /* Printable ASCII within the shortest limit: nothing to clean (most
   * values); an e-mail also has no space around it and is valid. */
  len = printable_ascii_length (value);
  if (len < 0)
    return !is_email_field (field) && is_plain_text (value, HC_SANITIZE_NAME_MAX);
  G_STATIC_ASSERT (HC_SANITIZE_NAME_MAX <= HC_SANITIZE_VALUE_MAX);
  if (!is_email_field (field))
    return len <= HC_SANITIZE_NAME_MAX;
  return len > 0 && len <= HC_SANITIZE_EMAIL_MAX && value[0] != ' ' && value[len - 1] != ' ' &&
         hc_member_email_is_valid (value);
}

HcSanitizeResult
hc_sanitize_value (const char *field,
                   const char *value,
                   char      **out)
{
  gboolean email = is_email_field (field);
  gboolean name = is_name_field (field);
  guint max = email ? HC_SANITIZE_EMAIL_MAX : name ? HC_SANITIZE_NAME_MAX : HC_SANITIZE_VALUE_MAX;
  g_autoptr (GString) clean = NULL;
  guint n_chars = 0;

  g_return_val_if_fail (field != NULL, HC_SANITIZE_OK);
  g_return_val_if_fail (out != NULL, HC_SANITIZE_OK);

  *out = NULL;
  if (value == NULL)
    return HC_SANITIZE_OK;

  /* Printable ASCII within the limit, outside an e-mail: nothing to clean
   * (most values; the loop below would keep every character). */
  if (!email)
    {
      gssize len = printable_ascii_length (value);

      if (len >= 0 && (gsize) len <= max)
        {
          *out = g_strdup (value);
          return HC_SANITIZE_OK;
        }
    }

  if (!g_utf8_validate (value, -1, NULL))
    return HC_SANITIZE_BAD_TEXT;

  clean = g_string_sized_new (strlen (value));
  for (const char *p = value; *p != '\0' && n_chars < max; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* In an e-mail, nothing is removed: the address is valid as it
       * came or not at all. */
      if (email && (hc_sanitize_is_control_char (c) || hc_sanitize_is_hidden_char (c)))
        return HC_SANITIZE_BAD_EMAIL;
      if (c == '\t' || c == '\n' || c == '\r')
        c = ' ';
      else if (hc_sanitize_is_control_char (c) || (name && hc_sanitize_is_hidden_char (c)))
        continue;
      g_string_append_unichar (clean, c);
      n_chars++;
    }

  if (email)
    {
      g_strstrip (clean->str);
      if (g_utf8_strlen (value, -1) > max || !hc_member_email_is_valid (clean->str))
        return HC_SANITIZE_BAD_EMAIL;
    }

  if (strcmp (clean->str, value) == 0)
    {
      *out = g_strdup (value);
      return HC_SANITIZE_OK;
    }
  *out = clean->str[0] != '\0' ? g_strdup (clean->str) : NULL;
  return HC_SANITIZE_CHANGED;
}
