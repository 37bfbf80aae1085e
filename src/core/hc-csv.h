/* hc-csv.h — a streaming RFC 4180 reader and writer (UTF-8, `,` or `;`)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HC_CSV_ERROR (hc_csv_error_quark ())

/* Every message names the line it is about ("Line 7: …"). */
typedef enum
{
  /* A quoted field that runs to the end of the file: fatal, the line is
   * the one where the quote opened. */
  HC_CSV_ERROR_UNTERMINATED_QUOTE,
  /* A record with more or fewer fields than the first one (the header). */
  HC_CSV_ERROR_FIELD_COUNT,
  /* Bytes that are not UTF-8 (a file saved as Latin-1, a NUL byte); fatal
   * for a UTF-16 file. */
  HC_CSV_ERROR_INVALID_UTF8,
  /* A field, or a whole record, longer than the reader's limits
   * (hc_csv_reader_set_limits()): fatal, the line is the one where the
   * field or the record starts. */
  HC_CSV_ERROR_FIELD_TOO_LONG,
  HC_CSV_ERROR_LINE_TOO_LONG,
} HcCsvError;

/* The limits a reader starts with (rules.md 35), in bytes: far above any
 * member's data, far below what would exhaust memory. */
#define HC_CSV_MAX_FIELD_BYTES  100000
#define HC_CSV_MAX_LINE_BYTES   1000000

GQuark hc_csv_error_quark (void);

/* One record. */
typedef struct
{
  guint    line;        /* the physical line it starts on, from 1 */
  guint    n_fields;
  char   **fields;      /* NULL-terminated; always valid UTF-8 */
  /* A problem with this record alone (HC_CSV_ERROR_FIELD_COUNT or
   * HC_CSV_ERROR_INVALID_UTF8, whose bytes are replaced by U+FFFD in
   * @fields), or NULL. Reading goes on after it. */
  GError  *error;
  guint    error_line;  /* the line @error is on: @line, or further in a multi-line record */
} HcCsvRecord;

void          hc_csv_record_free        (HcCsvRecord   *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcCsvRecord, hc_csv_record_free)

/* The reader. What it accepts:
 * - UTF-8 with or without a byte order mark;
 * - `,` or `;` between fields: a separator of 0 detects it from the first
 *   line that is not empty (`;` when it has more unquoted `;` than `,`,
 *   else `,`), and
 *   an Excel "sep=;" first line names it and is skipped;
 * - fields in double quotes holding separators, newlines and doubled
 *   quotes; newlines inside quotes are kept as they are (CRLF or LF);
 * - CRLF, LF or a lone CR at the end of records; a last record with or
 *   without a newline;
 * - empty lines anywhere, which are skipped (not records);
 * - leniently, a quote inside an unquoted field, or text after a closing
 *   quote, which are kept as text.
 * Spaces are never trimmed. The first record sets the number of fields
 * every other record must have. */
typedef struct _HcCsvReader HcCsvReader;

HcCsvReader  *hc_csv_reader_new         (GInputStream  *stream,
                                         char           separator);
/* Reads a copy of @data. */
HcCsvReader  *hc_csv_reader_new_for_data (const char   *data,
                                         gssize         length,
                                         char           separator);
void          hc_csv_reader_free        (HcCsvReader   *self);
/* The longest field and the longest record (its bytes, from its first to
 * its last, quoted newlines included) the reader takes; 0 for no limit.
 * HC_CSV_MAX_FIELD_BYTES and HC_CSV_MAX_LINE_BYTES unless changed. */
void          hc_csv_reader_set_limits  (HcCsvReader   *self,
                                         gsize          max_field,
                                         gsize          max_line);

/* The next record, or NULL at the end of the input (@error unset) or on a
 * fatal error: a read error, an unterminated quote, a UTF-16 file, a field
 * or a record over the limits. After
 * NULL, it returns NULL again. (transfer full) */
HcCsvRecord  *hc_csv_reader_next        (HcCsvReader   *self,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* The separator in use: the one given, else the detected one once the
 * first record is read (`,` before). */
char          hc_csv_reader_get_separator (HcCsvReader *self);
/* Whether the input started with a UTF-8 byte order mark. */
gboolean      hc_csv_reader_had_bom     (HcCsvReader   *self);
/* The number of fields of the first record, 0 before. */
guint         hc_csv_reader_get_n_columns (HcCsvReader *self);
/* The line of the fatal error hc_csv_reader_next() returned, else 0. */
guint         hc_csv_reader_get_error_line (HcCsvReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcCsvReader, hc_csv_reader_free)

/* Cells a spreadsheet would run as a formula (rules.md 34): a value that
 * starts with `=`, `+`, `-`, `@`, a tab or a CR is written with a single
 * quote before it, as OWASP recommends, and so is a value that starts with
 * a single quote followed by one of those or by another single quote, so
 * that reading it back is exact. "-5" and "+33 1 23 45 67 89" get the
 * quote too: a spreadsheet shows them as text. */
gboolean      hc_csv_value_needs_guard  (const char     *value);
/* For the import: @value without the quote the writer added,
 * or @value itself. Points into @value. */
const char   *hc_csv_unguard_value      (const char     *value);

/* The writer: every value guarded (hc_csv_guard_value()), fields quoted
 * when they hold the separator, a quote, CR or LF (and a lone empty field,
 * which would read as an empty line), quotes doubled, CRLF after every
 * record (RFC 4180). NULL fields are empty. */
typedef enum
{
  HC_CSV_WRITER_NONE = 0,
  /* Start with a UTF-8 byte order mark, which spreadsheets need to see
   * accents right. */
  HC_CSV_WRITER_BOM  = 1 << 0,
} HcCsvWriterFlags;

typedef struct _HcCsvWriter HcCsvWriter;

HcCsvWriter  *hc_csv_writer_new         (GOutputStream    *stream,
                                         char              separator,
                                         HcCsvWriterFlags  flags);
gboolean      hc_csv_writer_write_row   (HcCsvWriter      *self,
                                         const char * const *fields,
                                         guint             n_fields,
                                         GCancellable     *cancellable,
                                         GError          **error);
/* Writes what is buffered and flushes the stream (it stays open). */
gboolean      hc_csv_writer_flush       (HcCsvWriter      *self,
                                         GCancellable     *cancellable,
                                         GError          **error);
/* Frees without writing what is left: flush first. */
void          hc_csv_writer_free        (HcCsvWriter      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcCsvWriter, hc_csv_writer_free)

/* The same encoding, appended to a string. */
void          hc_csv_append_row         (GString            *out,
                                         char                separator,
                                         const char * const *fields,
                                         guint               n_fields);

/* TRUE for the separators the reader and writer take: `,`, `;` and tab. */
gboolean      hc_csv_separator_is_valid (char            separator);

G_END_DECLS
