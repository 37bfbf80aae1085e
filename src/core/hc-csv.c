/* hc-csv.c — a streaming RFC 4180 reader and writer (UTF-8, `,` or `;`)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-csv"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-csv.h"

/* Bytes read from the stream at a time, and written once buffered. */
#define CHUNK_SIZE (64 * 1024)
/* How far the separator detection looks for the end of the first line. */
#define DETECT_LIMIT (1024 * 1024)

/* *INDENT-OFF* */
G_DEFINE_QUARK (hc-csv-error-quark, hc_csv_error)
/* *INDENT-ON* */

struct _HcCsvReader
{
  GInputStream *stream;
  GByteArray   *buffer;       /* unread bytes start at @pos */
  gsize         pos;
  gboolean      eof;
  gboolean      started;      /* the BOM and the separator are settled */
  gboolean      done;         /* NULL was returned */
  gboolean      bom;
  char          separator;
  guint         line;         /* the physical line being read, from 1 */
  guint         n_columns;
  guint         error_line;
  gsize         max_field;    /* 0: none */
  gsize         max_line;
};

void
hc_csv_record_free (HcCsvRecord *record)
{
  if (record == NULL)
    return;

  g_strfreev (record->fields);
  g_clear_error (&record->error);
  g_free (record);
}

gboolean
hc_csv_separator_is_valid (char separator)
{
  return separator == ',' || separator == ';' || separator == '\t';
}

HcCsvReader *
hc_csv_reader_new (GInputStream *stream,
                   char          separator)
{
  HcCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (separator == 0 || hc_csv_separator_is_valid (separator), NULL);

  self = g_new0 (HcCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->buffer = g_byte_array_sized_new (CHUNK_SIZE);
  self->separator = separator;
  self->line = 1;
  self->max_field = HC_CSV_MAX_FIELD_BYTES;
  self->max_line = HC_CSV_MAX_LINE_BYTES;

  return self;
}

void
hc_csv_reader_set_limits (HcCsvReader *self,
                          gsize        max_field,
                          gsize        max_line)
{
  g_return_if_fail (self != NULL);

  self->max_field = max_field;
  self->max_line = max_line;
}

HcCsvReader *
hc_csv_reader_new_for_data (const char *data,
                            gssize      length,
                            char        separator)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GInputStream) stream = NULL;

  if (length < 0)
    length = strlen (data);
  bytes = g_bytes_new (data, length);
  stream = g_memory_input_stream_new_from_bytes (bytes);

  return hc_csv_reader_new (stream, separator);
}

void
hc_csv_reader_free (HcCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_byte_array_unref (self->buffer);
  g_free (self);
}

char
hc_csv_reader_get_separator (HcCsvReader *self)
{
  return self->separator != 0 ? self->separator : ',';
}

gboolean
hc_csv_reader_had_bom (HcCsvReader *self)
{
  return self->bom;
}

guint
hc_csv_reader_get_n_columns (HcCsvReader *self)
{
  return self->n_columns;
}

guint
hc_csv_reader_get_error_line (HcCsvReader *self)
{
  return self->error_line;
}

/* Makes at least @wanted unread bytes available, unless the stream ends first. */
static gboolean
fill_buffer (HcCsvReader  *self,
             gsize         wanted,
             GCancellable *cancellable,
             GError      **error)
{
  while (self->buffer->len - self->pos < wanted && !self->eof)
    {
      guint old_len;
      gssize n;

      /* Memory streams never look: a long file stops here. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (self->pos > 0)
        {
          g_byte_array_remove_range (self->buffer, 0, self->pos);
          self->pos = 0;
        }

      old_len = self->buffer->len;
      g_byte_array_set_size (self->buffer, old_len + CHUNK_SIZE);
      n = g_input_stream_read (self->stream, self->buffer->data + old_len, CHUNK_SIZE,
                               cancellable, error);
      g_byte_array_set_size (self->buffer, old_len + MAX (n, 0));
      if (n < 0)
        return FALSE;
      if (n == 0)
        self->eof = TRUE;
    }

  return TRUE;
}

enum { BYTE_EOF = -1, BYTE_ERROR = -2 };

static inline int
peek_byte (HcCsvReader  *self,
           GCancellable *cancellable,
           GError      **error)
{
  if (self->pos == self->buffer->len && !fill_buffer (self, 1, cancellable, error))
    return BYTE_ERROR;
  if (self->pos == self->buffer->len)
    return BYTE_EOF;

  return self->buffer->data[self->pos];
}

static inline int
next_byte (HcCsvReader  *self,
           GCancellable *cancellable,
           GError      **error)
{
  int c = peek_byte (self, cancellable, error);

  if (c >= 0)
    self->pos++;

  return c;
}

/* After a CR or LF that ends a line: eats the LF of a CRLF, counts the line. */
static gboolean
end_line (HcCsvReader  *self,
          int           c,
          GCancellable *cancellable,
          GError      **error)
{
  if (c == '\r')
    {
      int next = peek_byte (self, cancellable, error);

      if (next == BYTE_ERROR)
        return FALSE;
      if (next == '\n')
        self->pos++;
    }
  self->line++;

  return TRUE;
}

/* Counts the unquoted `,` and `;` of the first line; the more frequent wins. */
static gboolean
detect_separator (HcCsvReader  *self,
                  GCancellable *cancellable,
                  GError      **error)
{
  gboolean quoted = FALSE;
  gboolean started = FALSE;
  guint commas = 0;
  guint semicolons = 0;

  for (gsize i = 0; i < DETECT_LIMIT; i++)
    {
      guchar c;

      if (!fill_buffer (self, i + 1, cancellable, error))
        return FALSE;
      if (self->pos + i >= self->buffer->len)
        break;

      c = self->buffer->data[self->pos + i];
      /* Empty lines before the header are skipped: so are they here. */
      if (!started && (c == '\n' || c == '\r'))
        continue;
      started = TRUE;
      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == ';')
        semicolons++;
    }

  self->separator = semicolons > commas ? ';' : ',';

  return TRUE;
}

/* The byte order mark, Excel's "sep=X" line, the separator. */
static gboolean
start_reading (HcCsvReader  *self,
               GCancellable *cancellable,
               GError      **error)
{
  const guchar *data;
  gsize available;

  if (!fill_buffer (self, 8, cancellable, error))
    return FALSE;

  data = self->buffer->data + self->pos;
  available = self->buffer->len - self->pos;

  if (available >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      self->bom = TRUE;
      self->pos += 3;
    }
  else if (available >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      self->error_line = 1;
      g_set_error (error, HC_CSV_ERROR, HC_CSV_ERROR_INVALID_UTF8,
                   _("Line 1: the file is UTF-16 text; save it as UTF-8 (“CSV UTF-8” in a spreadsheet)"));
      return FALSE;
    }

  data = self->buffer->data + self->pos;
  available = self->buffer->len - self->pos;

  if (available >= 5 && g_ascii_strncasecmp ((const char *) data, "sep=", 4) == 0 &&
      hc_csv_separator_is_valid (data[4]) &&
      (available == 5 || data[5] == '\r' || data[5] == '\n'))
    {
      if (self->separator == 0)
        self->separator = data[4];
      self->pos += 5;
      if (available > 5)
        {
          int c = next_byte (self, cancellable, error);

          if (!end_line (self, c, cancellable, error))
            return FALSE;
        }
    }

  if (self->separator == 0 && !detect_separator (self, cancellable, error))
    return FALSE;

  self->started = TRUE;

  return TRUE;
}

static guint
count_lines (const char *text,
             gsize       length)
{
  guint lines = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == length || text[i + 1] != '\n')))
        lines++;
    }

  return lines;
}

typedef struct
{
  GPtrArray *fields;
  GString   *field;
  guint      field_line;
  GError    *problem;
  guint      problem_line;
} RecordBuilder;

static void
push_field (RecordBuilder *builder)
{
  GString *field = builder->field;
  const char *end = NULL;

  if (g_utf8_validate_len (field->str, field->len, &end))
    {
      g_ptr_array_add (builder->fields, g_strndup (field->str, field->len));
    }
  else
    {
      if (builder->problem == NULL)
        {
          builder->problem_line = builder->field_line + count_lines (field->str, end - field->str);
          builder->problem = g_error_new (HC_CSV_ERROR, HC_CSV_ERROR_INVALID_UTF8,
                                          /* Translators: %u is a line number */
                                          _("Line %u: the text is not valid UTF-8; save the file as UTF-8 (“CSV UTF-8” in a spreadsheet)"),
                                          builder->problem_line);
        }
      g_ptr_array_add (builder->fields, g_utf8_make_valid (field->str, field->len));
    }

  g_string_truncate (field, 0);
}

static HcCsvRecord *
fail_reading (HcCsvReader *self)
{
  self->done = TRUE;
  if (self->error_line == 0)
    self->error_line = self->line;

  return NULL;
}

HcCsvRecord *
hc_csv_reader_next (HcCsvReader  *self,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GString) field = NULL;
  enum { FIELD_START, UNQUOTED, QUOTED, QUOTED_QUOTE } state = FIELD_START;
  RecordBuilder builder = { 0 };
  HcCsvRecord *record;
  guint record_line;
  guint quote_line = 0;
  gsize record_bytes = 0;
  char separator;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->done)
    return NULL;
  if (!self->started && !start_reading (self, cancellable, error))
    return fail_reading (self);

  separator = self->separator;
  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);
  builder.fields = fields;
  builder.field = field;
  builder.field_line = record_line = self->line;

  for (;;)
    {
      int c = next_byte (self, cancellable, error);

      if (c == BYTE_ERROR)
        goto failed;

      /* Bounded memory whatever the file (rules.md 35). */
      if (c != BYTE_EOF && self->max_line > 0 && ++record_bytes > self->max_line)
        {
          g_autofree char *limit = g_format_size (self->max_line);

          self->error_line = record_line;
          g_set_error (error, HC_CSV_ERROR, HC_CSV_ERROR_LINE_TOO_LONG,
                       /* Translators: a line number, a size such as "1.0 MB" */
                       _("Line %u: the line is longer than %s, the most a line may hold; is this a CSV file of members?"),
                       record_line, limit);
          goto failed;
        }
      if (self->max_field > 0 && field->len > self->max_field)
        {
          g_autofree char *limit = g_format_size (self->max_field);

          self->error_line = builder.field_line;
          g_set_error (error, HC_CSV_ERROR, HC_CSV_ERROR_FIELD_TOO_LONG,
                       /* Translators: a line number, a size such as "100.0 kB" */
                       _("Line %u: a field is longer than %s, the most a field may hold; is this a CSV file of members?"),
                       builder.field_line, limit);
          goto failed;
        }

      if (c == BYTE_EOF)
        {
          if (state == QUOTED)
            {
              self->error_line = quote_line;
              g_set_error (error, HC_CSV_ERROR, HC_CSV_ERROR_UNTERMINATED_QUOTE,
                           /* Translators: %u is a line number */
                           _("Line %u: a quoted field starts here and its closing quote is missing"),
                           quote_line);
              goto failed;
            }
          if (state == FIELD_START && fields->len == 0)
            {
              self->done = TRUE;
              return NULL;
            }
          push_field (&builder);
          break;
        }

      switch (state)
        {
        case FIELD_START:
          if (c == '"')
            {
              state = QUOTED;
              quote_line = self->line;
            }
          else if (c == separator)
            {
              push_field (&builder);
              builder.field_line = self->line;
            }
          else if (c == '\r' || c == '\n')
            {
              if (!end_line (self, c, cancellable, error))
                goto failed;
              if (fields->len == 0)
                {
                  /* An empty line is no record. */
                  builder.field_line = record_line = self->line;
                  record_bytes = 0;
                  continue;
                }
              push_field (&builder);
              goto record_done;
            }
          else
            {
              g_string_append_c (field, c);
              state = UNQUOTED;
            }
          break;

        case UNQUOTED:
          if (c == separator)
            {
              push_field (&builder);
              builder.field_line = self->line;
              state = FIELD_START;
            }
          else if (c == '\r' || c == '\n')
            {
              if (!end_line (self, c, cancellable, error))
                goto failed;
              push_field (&builder);
              goto record_done;
            }
          else
            {
              /* A quote here is text, as spreadsheets read it. */
              g_string_append_c (field, c);
            }
          break;

        case QUOTED:
          if (c == '"')
            {
              state = QUOTED_QUOTE;
            }
          else
            {
              g_string_append_c (field, c);
              if (c == '\n')
                {
                  self->line++;
                }
              else if (c == '\r')
                {
                  int next = peek_byte (self, cancellable, error);

                  if (next == BYTE_ERROR)
                    goto failed;
                  if (next != '\n')
                    self->line++;
                }
            }
          break;

        case QUOTED_QUOTE:
          if (c == '"')
            {
              g_string_append_c (field, '"');
              state = QUOTED;
            }
          else if (c == separator)
            {
              push_field (&builder);
              builder.field_line = self->line;
              state = FIELD_START;
            }
          else if (c == '\r' || c == '\n')
            {
              if (!end_line (self, c, cancellable, error))
                goto failed;
              push_field (&builder);
              goto record_done;
            }
          else
            {
              /* Text after the closing quote: kept, leniently. */
              g_string_append_c (field, c);
              state = UNQUOTED;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

record_done:
  if (self->n_columns == 0)
    {
      self->n_columns = fields->len;
    }
  else if (fields->len != self->n_columns && builder.problem == NULL)
    {
      builder.problem_line = record_line;
      builder.problem = g_error_new (HC_CSV_ERROR, HC_CSV_ERROR_FIELD_COUNT,
                                     /* Translators: the line number, the number of fields
                                      * found on it, the number of fields of the header line */
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "Line %u: %u field where the header line has %u",
                                                  "Line %u: %u fields where the header line has %u",
                                                  fields->len),
                                     record_line, fields->len, self->n_columns);
    }

  record = g_new0 (HcCsvRecord, 1);
  record->line = record_line;
  record->n_fields = fields->len;
  record->error = builder.problem;
  record->error_line = builder.problem != NULL ? builder.problem_line : 0;
  g_ptr_array_add (fields, NULL);
  record->fields = (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);

  return record;

failed:
  g_clear_error (&builder.problem);
  return fail_reading (self);
}

/* The writer */

struct _HcCsvWriter
{
  GOutputStream *stream;
  GString       *buffer;
  char           separator;
};

/* The first characters OWASP lists for CSV injection. */
static gboolean
starts_formula (const char *value)
{
  return value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
}

gboolean
hc_csv_value_needs_guard (const char *value)
{
  if (value == NULL)
    return FALSE;

  /* A quote that is the data's own, before what a guard would look like,
   * gets one more, so that the import takes exactly one away. */
  return starts_formula (value) ||
         (value[0] == '\'' && (starts_formula (value + 1) || value[1] == '\''));
}

const char *
hc_csv_unguard_value (const char *value)
{
  if (value != NULL && value[0] == '\'' && hc_csv_value_needs_guard (value + 1))
    return value + 1;

  return value;
}

void
hc_csv_append_row (GString            *out,
                   char                separator,
                   const char * const *fields,
                   guint               n_fields)
{
  const char specials[] = { separator, '"', '\r', '\n', '\0' };

  g_return_if_fail (hc_csv_separator_is_valid (separator));

  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = fields[i] != NULL ? fields[i] : "";
      gboolean guard = hc_csv_value_needs_guard (value);

      if (i > 0)
        g_string_append_c (out, separator);

      /* A record of one empty field would read back as an empty line. */
      if (strpbrk (value, specials) == NULL && !(n_fields == 1 && *value == '\0'))
        {
          if (guard)
            g_string_append_c (out, '\'');
          g_string_append (out, value);
          continue;
        }

      g_string_append_c (out, '"');
      if (guard)
        g_string_append_c (out, '\'');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}

HcCsvWriter *
hc_csv_writer_new (GOutputStream   *stream,
                   char             separator,
                   HcCsvWriterFlags flags)
{
  HcCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (hc_csv_separator_is_valid (separator), NULL);

  self = g_new0 (HcCsvWriter, 1);
  self->stream = g_object_ref (stream);
  self->buffer = g_string_sized_new (CHUNK_SIZE + 4096);
  self->separator = separator;
  if (flags & HC_CSV_WRITER_BOM)
    g_string_append (self->buffer, "\xef\xbb\xbf");

  return self;
}

static gboolean
write_buffer (HcCsvWriter  *self,
              GCancellable *cancellable,
              GError      **error)
{
  gboolean ok;

  if (self->buffer->len == 0)
    return TRUE;

  ok = g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len,
                                  NULL, cancellable, error);
  g_string_truncate (self->buffer, 0);

  return ok;
}

gboolean
hc_csv_writer_write_row (HcCsvWriter        *self,
                         const char * const *fields,
                         guint               n_fields,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  hc_csv_append_row (self->buffer, self->separator, fields, n_fields);
  if (self->buffer->len >= CHUNK_SIZE)
    return write_buffer (self, cancellable, error);

  return TRUE;
}

gboolean
hc_csv_writer_flush (HcCsvWriter  *self,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return write_buffer (self, cancellable, error) &&
         g_output_stream_flush (self->stream, cancellable, error);
}

void
hc_csv_writer_free (HcCsvWriter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_string_free (self->buffer, TRUE);
  g_free (self);
}
