/* hc-json.c — small helpers for building and reading JSON; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hc-json.h"

void
hc_json_add_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Walks the brackets of @data outside its strings: FALSE as soon as
 * they nest deeper than HC_JSON_MAX_DEPTH; else *@open says whether a
 * string or a bracket is still open at the end. */
static gboolean
scan_brackets (const char *data,
               gssize      length,
               gboolean   *open)
{
  gsize size = length < 0 ? strlen (data) : (gsize) length;
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > HC_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  *open = in_string || depth > 0;
  return TRUE;
}

gboolean
hc_json_load (JsonParser *parser,
              const char *data,
              gssize      length,
              GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean open = FALSE;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!scan_brackets (data, length, &open))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   /* Translators: completes "… is not valid JSON: " */
                   _("it is nested more than %u levels deep"), HC_JSON_MAX_DEPTH);
      return FALSE;
    }
  if (json_parser_load_from_data (parser, data, length, &local_error))
    return TRUE;
  /* json-glib reports where it stopped ("invalid string constant"), not
   * that the text stops: a file still being written, an answer cut off */
  if (open)
    g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                 /* Translators: completes "… is not valid JSON: " */
                 _("it stops in the middle, as if cut off (a file still being written, or an answer interrupted)"));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
