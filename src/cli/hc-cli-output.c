/* hc-cli-output.c — how headcount-cli writes: JSON, CSV (RFC 4180) and aligned tables
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hc-cli-output.h"
#include "hc-csv.h"
#include "hc-error.h"
#include "hc-json.h"
#include "hc-sanitize.h"

void
hc_cli_write_stdout (const char *data,
                     gssize      length)
{
  if (length < 0)
    length = strlen (data);

  fwrite (data, 1, length, stdout);
}

/* What a run writes in JSON mode, kept until it ends so that stdout
* holds one document whatever happens after the command built it. */
static struct
{
  gboolean  json;
  JsonNode *document;
  GError   *error;
} output;

void
hc_cli_output_set_json (gboolean json)
{
  output.json = json;
}

gboolean
hc_cli_output_get_json (void)
{
  return output.json;
}

void
hc_cli_print_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  g_return_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  g_return_if_fail (output.document == NULL);

  /* Printing JSON is what --json means, whatever the option is called. */
  output.json = TRUE;
  output.document = g_steal_pointer (&root);
}

/* *INDENT-OFF* */
G_DEFINE_QUARK (hc-cli-error-quark, hc_cli_error)
/* *INDENT-ON* */

const char *
hc_cli_error_code (const GError *error)
{
  if (error == NULL)
    return "failed";

  if (error->domain == HC_ERROR)
    {
      /* No default: a new HC_ERROR code warns here until it has a word. */
      switch ((HcError) error->code)
        {
        case HC_ERROR_FAILED:
          return "failed";
        case HC_ERROR_INVALID_ARGUMENT:
          return "invalid-argument";
        case HC_ERROR_NOT_FOUND:
          return "not-found";
        case HC_ERROR_EXISTS:
          return "exists";
        case HC_ERROR_PARSE:
          return "invalid-data";
        case HC_ERROR_AUTH:
          return "auth";
        case HC_ERROR_RATE_LIMITED:
          return "rate-limited";
        case HC_ERROR_NETWORK:
          return "network";
        case HC_ERROR_STORE:
          return "store";
        case HC_ERROR_NEEDS_CONFIRMATION:
          return "confirmation-required";
        case HC_ERROR_CANCELLED:
          return "cancelled";
        case HC_ERROR_NO_KEYRING:
          return "no-keyring";
        case HC_ERROR_INVALID_CONFIG:
          return "invalid-config";
        }
      return "failed";
    }

  if (error->domain == HC_CLI_ERROR)
    {
      switch ((HcCliError) error->code)
        {
        case HC_CLI_ERROR_USAGE:
          return "usage";
        case HC_CLI_ERROR_BUSY:
          return "busy";
        case HC_CLI_ERROR_CHECKS_FAILED:
          return "checks-failed";
        case HC_CLI_ERROR_SYNC_FAILED:
          return "sync-failed";
        }
      return "failed";
    }

  if (error->domain == G_OPTION_ERROR)
    return "usage";

  if (error->domain == JSON_PARSER_ERROR)
    return "invalid-data";

  if (error->domain == G_RESOLVER_ERROR || error->domain == G_TLS_ERROR)
    return "network";

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CANCELLED:
          return "cancelled";
        case G_IO_ERROR_NOT_FOUND:
          return "not-found";
        case G_IO_ERROR_EXISTS:
          return "exists";
        case G_IO_ERROR_PERMISSION_DENIED:
          return "permission-denied";
        case G_IO_ERROR_TIMED_OUT:
        case G_IO_ERROR_HOST_NOT_FOUND:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_CONNECTION_CLOSED:
        case G_IO_ERROR_PROXY_FAILED:
          return "network";
        default:
          return "io";
        }
    }

  if (error->domain == G_FILE_ERROR)
    {
      switch (error->code)
        {
        case G_FILE_ERROR_NOENT:
          return "not-found";
        case G_FILE_ERROR_EXIST:
          return "exists";
        case G_FILE_ERROR_ACCES:
        case G_FILE_ERROR_PERM:
          return "permission-denied";
        default:
          return "io";
        }
    }

  return "failed";
}

void
hc_cli_output_set_error (const GError *error)
{
  g_return_if_fail (error != NULL);

  if (output.error == NULL)
    output.error = g_error_copy (error);
}

gboolean
hc_cli_output_has_error (void)
{
  return output.error != NULL;
}

void
hc_cli_output_finish (void)
{
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (output.json && (output.document != NULL || output.error != NULL))
    {
      object = json_object_new ();
      json_object_set_int_member (object, "format_version", HC_CLI_FORMAT_VERSION);

      if (output.document != NULL)
        {
          JsonObject *document = json_node_get_object (output.document);
          g_autoptr (GList) names = json_object_get_members (document);

          for (GList *l = names; l != NULL; l = l->next)
            {
              /* The run's own keys: the command cannot spoil them. */
              if (g_str_equal (l->data, "format_version") || g_str_equal (l->data, "error"))
                continue;
              json_object_set_member (object, l->data,
                                      json_node_copy (json_object_get_member (document, l->data)));
            }
        }

      if (output.error != NULL)
        {
          JsonObject *error = json_object_new ();

          json_object_set_string_member (error, "code", hc_cli_error_code (output.error));
          json_object_set_string_member (error, "message", output.error->message);
          json_object_set_object_member (object, "error", error);
        }

      root = json_node_init_object (json_node_alloc (), object);
      generator = json_generator_new ();
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, &length);

      hc_cli_write_stdout (text, length);
      hc_cli_write_stdout ("\n", 1);
    }

  g_clear_pointer (&output.document, json_node_unref);
  g_clear_error (&output.error);
}

/* The streamed document: json-glib's pretty form (json_generator_set_pretty),
 * byte for byte, so that a streamed document reads as a built one: two
 * spaces a level, "name" : value, "[]" for an empty array and "{" and the
 * level's indent and "}" for an empty object, strings escaped as
 * json-glib 1.6 escapes them. */
#define STREAM_FLUSH_SIZE (64 * 1024)
#define STREAM_MAX_DEPTH  64

struct _HcCliJsonStream
{
  GString *buffer;
  guint    depth;                    /* of the innermost open container */
  guint    counts[STREAM_MAX_DEPTH];  /* values in each open container */
  gboolean is_object[STREAM_MAX_DEPTH];
  gboolean after_name;               /* a member's name is written, its value is next */
};

static void
stream_flush (HcCliJsonStream *stream,
              gboolean         force)
{
  if (stream->buffer->len == 0 || (!force && stream->buffer->len < STREAM_FLUSH_SIZE))
    return;
  hc_cli_write_stdout (stream->buffer->str, stream->buffer->len);
  g_string_truncate (stream->buffer, 0);
}

static void
stream_indent (HcCliJsonStream *stream,
               guint            level)
{
  static const char spaces[] = "                                ";

  /* a member's values are at most a few levels deep: one append */
  for (; level * 2 > sizeof spaces - 1; level -= (sizeof spaces - 1) / 2)
    g_string_append_len (stream->buffer, spaces, sizeof spaces - 1);
  g_string_append_len (stream->buffer, spaces, level * 2);
}

static void
stream_escape (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      const char *plain = p;

      /* the bytes written as they are, in one append */
      while (*p != '\0' && *p != '\\' && *p != '"' && !((*p > 0 && *p < 0x1f) || *p == 0x7f))
        p++;
      if (p > plain)
        g_string_append_len (out, plain, p - plain);
      if (*p == '\0')
        break;
      /* json-glib 1.6 leaves 0x1f as it is, and so must a copy of its output */
      if (*p == '\\' || *p == '"')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if ((*p > 0 && *p < 0x1f) || *p == 0x7f)
        switch (*p)
          {
          case '\b': g_string_append (out, "\\b"); break;
          case '\f': g_string_append (out, "\\f"); break;
          case '\n': g_string_append (out, "\\n"); break;
          case '\r': g_string_append (out, "\\r"); break;
          case '\t': g_string_append (out, "\\t"); break;
          default: g_string_append_printf (out, "\\u00%02x", (guint) * p); break;
          }
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Before a value: its separator and indent, in an array; nothing after a
 * member's name. */
static void
stream_before_value (HcCliJsonStream *stream)
{
  if (stream->after_name)
    {
      stream->after_name = FALSE;
      return;
    }
  g_return_if_fail (!stream->is_object[stream->depth]);
  g_string_append (stream->buffer, stream->counts[stream->depth]++ > 0 ? ",\n" : "\n");
  stream_indent (stream, stream->depth + 1);
}

HcCliJsonStream *
hc_cli_json_stream_new (void)
{
  HcCliJsonStream *stream = g_new0 (HcCliJsonStream, 1);

  g_return_val_if_fail (output.document == NULL, NULL);

  output.json = TRUE;
  stream->buffer = g_string_sized_new (STREAM_FLUSH_SIZE + 4096);
  stream->is_object[0] = TRUE;
  g_string_append_c (stream->buffer, '{');
  hc_cli_json_stream_name (stream, "format_version");
  hc_cli_json_stream_int (stream, HC_CLI_FORMAT_VERSION);
  return stream;
}

void
hc_cli_json_stream_finish (HcCliJsonStream *stream)
{
  g_return_if_fail (stream->depth == 0 && !stream->after_name);

  g_string_append (stream->buffer, "\n}\n");
  stream_flush (stream, TRUE);
  fflush (stdout);
  g_string_free (stream->buffer, TRUE);
  g_free (stream);
}

void
hc_cli_json_stream_name (HcCliJsonStream *stream,
                         const char      *name)
{
  g_return_if_fail (stream->is_object[stream->depth] && !stream->after_name);

  g_string_append (stream->buffer, stream->counts[stream->depth]++ > 0 ? ",\n" : "\n");
  stream_indent (stream, stream->depth + 1);
  stream_escape (stream->buffer, name);
  g_string_append (stream->buffer, " : ");
  stream->after_name = TRUE;
}

static void
stream_begin (HcCliJsonStream *stream,
              gboolean         object)
{
  g_return_if_fail (stream->depth + 1 < STREAM_MAX_DEPTH);

  stream_before_value (stream);
  g_string_append_c (stream->buffer, object ? '{' : '[');
  stream->depth++;
  stream->counts[stream->depth] = 0;
  stream->is_object[stream->depth] = object;
}

static void
stream_end (HcCliJsonStream *stream,
            gboolean         object)
{
  g_return_if_fail (stream->depth > 0 && stream->is_object[stream->depth] == object && !stream->after_name);

  /* the container's own level is its depth */
  if (stream->counts[stream->depth] > 0)
    {
      g_string_append_c (stream->buffer, '\n');
      stream_indent (stream, stream->depth);
    }
  else if (object)
    stream_indent (stream, stream->depth);
  g_string_append_c (stream->buffer, object ? '}' : ']');
  stream->depth--;
  stream_flush (stream, FALSE);
}

void
hc_cli_json_stream_begin_object (HcCliJsonStream *stream)
{
  stream_begin (stream, TRUE);
}

void
hc_cli_json_stream_end_object (HcCliJsonStream *stream)
{
  stream_end (stream, TRUE);
}

void
hc_cli_json_stream_begin_array (HcCliJsonStream *stream)
{
  stream_begin (stream, FALSE);
}

void
hc_cli_json_stream_end_array (HcCliJsonStream *stream)
{
  stream_end (stream, FALSE);
}

void
hc_cli_json_stream_string (HcCliJsonStream *stream,
                           const char      *value)
{
  stream_before_value (stream);
  if (value != NULL)
    stream_escape (stream->buffer, value);
  else
    g_string_append (stream->buffer, "null");
}

void
hc_cli_json_stream_int (HcCliJsonStream *stream,
                        gint64           value)
{
  stream_before_value (stream);
  g_string_append_printf (stream->buffer, "%" G_GINT64_FORMAT, value);
}

void
hc_cli_json_stream_boolean (HcCliJsonStream *stream,
                            gboolean         value)
{
  stream_before_value (stream);
  g_string_append (stream->buffer, value ? "true" : "false");
}

void
hc_cli_json_stream_null (HcCliJsonStream *stream)
{
  stream_before_value (stream);
  g_string_append (stream->buffer, "null");
}

void
hc_cli_json_stream_node (HcCliJsonStream *stream,
                         JsonNode        *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr (GList) names = json_object_get_members (object);

        hc_cli_json_stream_begin_object (stream);
        for (GList *l = names; l != NULL; l = l->next)
          {
            hc_cli_json_stream_name (stream, l->data);
            hc_cli_json_stream_node (stream, json_object_get_member (object, l->data));
          }
        hc_cli_json_stream_end_object (stream);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        hc_cli_json_stream_begin_array (stream);
        for (guint i = 0; i < json_array_get_length (array); i++)
          hc_cli_json_stream_node (stream, json_array_get_element (array, i));
        hc_cli_json_stream_end_array (stream);
      }
      break;
    case JSON_NODE_NULL:
      hc_cli_json_stream_null (stream);
      break;
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        hc_cli_json_stream_string (stream, json_node_get_string (node));
      else
        {
          /* numbers and booleans exactly as json-glib writes them */
          g_autoptr (JsonGenerator) generator = json_generator_new ();
          g_autofree char *text = NULL;

          json_generator_set_root (generator, node);
          text = json_generator_to_data (generator, NULL);
          stream_before_value (stream);
          g_string_append (stream->buffer, text);
        }
      break;
    }
}

void
hc_cli_json_stream_add_string (HcCliJsonStream *stream,
                               const char      *name,
                               const char      *value)
{
  hc_cli_json_stream_name (stream, name);
  hc_cli_json_stream_string (stream, value);
}

void
hc_cli_json_add_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  hc_json_add_string (builder, name, value);
}

void
hc_cli_json_add_time (JsonBuilder *builder,
                      const char  *name,
                      gint64       usec)
{
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *text = NULL;

  if (usec != 0)
    time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (time != NULL)
    text = g_date_time_format_iso8601 (time);

  hc_cli_json_add_string (builder, name, text);
}

/* One CSV writer for the whole app (rules.md 34). */
void
hc_cli_csv_append_row (GString            *out,
                       const char * const *fields,
                       guint               n_fields)
{
  hc_csv_append_row (out, ',', fields, n_fields);
}

gsize
hc_cli_text_width (const char *text)
{
  gsize width = 0;

  if (text == NULL)
    return 0;

  if (!g_utf8_validate (text, -1, NULL))
    return strlen (text);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

char *
hc_cli_format_time (gint64 usec)
{
  g_autoptr (GDateTime) time = NULL;

  if (usec == 0)
    return g_strdup (_("Never"));

  time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  if (time == NULL)
    return g_strdup ("?");

  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

struct _HcCliTable
{
  guint        n_columns;
  GPtrArray   *rows;            /* of char** (GStrv of n_columns) */
  gboolean    *align_right;
  guint        indent;
  gsize       *widths;          /* of the rows measured */
  guint        printed;         /* rows printed */
  gboolean     with_header;
  GString     *out;             /* printed, not yet written */
  /* a row given to measure or print: its cells escaped, NUL after NUL,
   * where each starts, and each */
  GString     *escaped;
  gsize       *starts;
  const char **cells;
};

HcCliTable *
hc_cli_table_new (guint n_columns)
{
  HcCliTable *table = g_new0 (HcCliTable, 1);

  g_return_val_if_fail (n_columns > 0, NULL);

  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->align_right = g_new0 (gboolean, n_columns);
  table->widths = g_new0 (gsize, n_columns);
  table->out = g_string_new (NULL);
  table->escaped = g_string_new (NULL);
  table->starts = g_new (gsize, n_columns);
  table->cells = g_new (const char *, n_columns);

  return table;
}

void
hc_cli_table_free (HcCliTable *table)
{
  if (table == NULL)
    return;

  g_ptr_array_unref (table->rows);
  g_free (table->align_right);
  g_free (table->widths);
  g_string_free (table->out, TRUE);
  g_string_free (table->escaped, TRUE);
  g_free (table->starts);
  g_free (table->cells);
  g_free (table);
}

void
hc_cli_table_align_right (HcCliTable *table,
                          guint       column)
{
  g_return_if_fail (column < table->n_columns);

  table->align_right[column] = TRUE;
}

void
hc_cli_table_set_indent (HcCliTable *table,
                         guint       indent)
{
  table->indent = indent;
}

/* rules.md 31: nothing from the data reaches the terminal raw. Control
 * characters become "\x1b", hidden and direction characters "\u202e",
 * bytes that are not UTF-8 "\xff". (transfer full) */
static void
escape_into (GString    *out,
             const char *cell)
{
  const char *p = cell;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) - 1 || c == (gunichar) - 2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) * p);
          p++;
          continue;
        }
      if (hc_sanitize_is_control_char (c))
        g_string_append_printf (out, "\\x%02x", c);
      else if (hc_sanitize_is_hidden_char (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
}

/* (transfer full) */
static char *
escape_cell (const char *cell)
{
  GString *out = g_string_sized_new (strlen (cell));

  escape_into (out, cell);
  return g_string_free (out, FALSE);
}

void
hc_cli_table_add_row (HcCliTable *table,
                      ...)
{
  char **cells = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);

      cells[i] = escape_cell (cell != NULL ? cell : "");
    }
  va_end (args);

  g_ptr_array_add (table->rows, cells);
}

void
hc_cli_table_add_rowv (HcCliTable *table,
                       char      **cells)
{
  g_return_if_fail (g_strv_length (cells) == table->n_columns);

  for (guint i = 0; cells[i] != NULL; i++)
    {
      char *escaped = escape_cell (cells[i]);

      g_free (cells[i]);
      cells[i] = escaped;
    }
  g_ptr_array_add (table->rows, cells);
}

static void
append_padding (GString *line,
                gsize    n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (line, ' ');
}

/* Written to stdout a chunk at a time (a history of 100,000 members is
 * a million lines). */
#define TABLE_CHUNK (64 * 1024)

static void
write_out (HcCliTable *table)
{
  if (table->out->len == 0)
    return;
  g_print ("%s", table->out->str);
  g_string_truncate (table->out, 0);
}

/* @cells, escaped already, as a line of table->out in the widths
 * measured. */
static void
format_row (HcCliTable         *table,
            const char * const *cells)
{
  GString *out = table->out;
  gsize line_start = out->len;

  append_padding (out, table->indent);
  for (guint c = 0; c < table->n_columns; c++)
    {
      gsize width = hc_cli_text_width (cells[c]);
      gsize pad = table->widths[c] > width ? table->widths[c] - width : 0;
      gboolean last = c + 1 == table->n_columns;

      if (c > 0)
        g_string_append (out, "  ");

      if (table->align_right[c])
        {
          append_padding (out, pad);
          g_string_append (out, cells[c]);
        }
      else
        {
          g_string_append (out, cells[c]);
          if (!last)
            append_padding (out, pad);
        }
    }

  /* Blank trailing cells would leave trailing spaces. */
  while (out->len > line_start && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');

  if (table->printed++ == 0 && table->with_header)
    {
      const char *rule = g_get_charset (NULL) ? "─" : "-";
      gsize total = 0;

      append_padding (out, table->indent);
      for (guint c = 0; c < table->n_columns; c++)
        total += table->widths[c] + (c > 0 ? 2 : 0);
      for (gsize i = 0; i < total; i++)
        g_string_append (out, rule);
      g_string_append_c (out, '\n');
    }
  if (out->len >= TABLE_CHUNK)
    write_out (table);
}

/* Each cell of @cells escaped into table->escaped, NUL after NUL, and
 * pointed at from table->cells. */
static void
escape_row (HcCliTable         *table,
            const char * const *cells)
{
  g_string_truncate (table->escaped, 0);
  for (guint c = 0; c < table->n_columns; c++)
    {
      table->starts[c] = table->escaped->len;
      escape_into (table->escaped, cells[c] != NULL ? cells[c] : "");
      g_string_append_c (table->escaped, '\0');
    }
  for (guint c = 0; c < table->n_columns; c++)
    table->cells[c] = table->escaped->str + table->starts[c];
}

void
hc_cli_table_measure_row (HcCliTable         *table,
                          const char * const *cells)
{
  escape_row (table, cells);
  for (guint c = 0; c < table->n_columns; c++)
    table->widths[c] = MAX (table->widths[c], hc_cli_text_width (table->cells[c]));
}

void
hc_cli_table_print_row (HcCliTable         *table,
                        const char * const *cells,
                        gboolean            with_header)
{
  table->with_header = with_header;
  escape_row (table, cells);
  format_row (table, table->cells);
}

void
hc_cli_table_finish (HcCliTable *table)
{
  write_out (table);
}

void
hc_cli_table_print (HcCliTable *table,
                    gboolean    with_header)
{
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        table->widths[c] = MAX (table->widths[c], hc_cli_text_width (cells[c]));
    }
  table->with_header = with_header;
  for (guint r = 0; r < table->rows->len; r++)
    format_row (table, g_ptr_array_index (table->rows, r));
  write_out (table);
}
