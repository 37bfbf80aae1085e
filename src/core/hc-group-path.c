/* hc-group-path.c — group paths ("Paris/Engineering") and group name keys
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-group-path"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-error.h"
#include "hc-group-path.h"

GStrv
hc_group_path_parse (const char *path,
                     GError    **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GString) name = g_string_new (NULL);

  g_return_val_if_fail (path != NULL, NULL);

  for (const char *p = path;; p++)
    {
      if (*p == '\\')
        {
          if (p[1] != '/' && p[1] != '\\')
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                           /* Translators: %s is a group path; keep \/ and \\ as they are */
                           _("“%s” is not a group path: a backslash comes before “/” (\\/) or "
                             "another backslash (\\\\)"), path);
              return NULL;
            }
          g_string_append_c (name, p[1]);
          p++;
          continue;
        }
      if (*p == '/' || *p == '\0')
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (name->str));

          if (*trimmed == '\0')
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                           /* Translators: %s is a group path */
                           _("“%s” is not a group path: a group name is missing "
                             "(write the names from the top group down, such as Paris/Engineering)"),
                           path);
              return NULL;
            }
          g_strv_builder_add (builder, trimmed);
          g_string_truncate (name, 0);
          if (*p == '\0')
            break;
          continue;
        }
      g_string_append_c (name, *p);
    }
  return g_strv_builder_end (builder);
}

char *
hc_group_path_escape (const char *name)
{
  GString *escaped = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '/' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

char *
hc_group_path_format (const char * const *names)
{
  GString *path = g_string_new (NULL);

  g_return_val_if_fail (names != NULL, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *escaped = hc_group_path_escape (names[i]);

      if (i > 0)
        g_string_append_c (path, '/');
      g_string_append (path, escaped);
    }
  return g_string_free (path, FALSE);
}

char *
hc_group_name_key (const char *name)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *bare;

  if (name == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (name));
  if (!g_utf8_validate (trimmed, -1, NULL))
    return g_steal_pointer (&trimmed);
  folded = g_utf8_casefold (trimmed, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  bare = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (bare, c);
    }
  return g_string_free (bare, FALSE);
}
