/* hc-cli-output.h — how headcount-cli writes: JSON, CSV (RFC 4180) and aligned tables
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Machine output goes to stdout as UTF-8 bytes whatever the locale:
 * these never convert. */
void          hc_cli_write_stdout          (const char  *data,
                                            gssize       length);

/* The JSON contract (docs/cli.md): with --json, standard output holds
 * exactly one JSON object, whose first member is "format_version" (this
 * number, raised only when a key changes meaning or goes away); when the
 * command fails, or stops for a confirmation, the object has an "error"
 * member {"code": …, "message": …}. */
#define HC_CLI_FORMAT_VERSION 1

/* The command's document: the builder's root, a JSON object. It is
 * written once the command has ended (hc_cli_output_finish()), with
 * "format_version" first and the error, if any, last: a command never
 * adds either itself. One document per run. */
void          hc_cli_print_json            (JsonBuilder *builder);

/* The command's document written as it is made, for documents too large
 * to hold (members --json of 100,000 members): the same bytes as
 * hc_cli_print_json() would write, "format_version" first. Values go
 * through the hc_cli_json_stream_* calls below, in order; text is
 * flushed to stdout as it grows. A command that streams cannot fail
 * after hc_cli_json_stream_new(). */
typedef struct _HcCliJsonStream HcCliJsonStream;

HcCliJsonStream *hc_cli_json_stream_new    (void);
/* Closes the document and writes what is left. */
void          hc_cli_json_stream_finish    (HcCliJsonStream *stream);
/* The name of the next member of the current object. */
void          hc_cli_json_stream_name      (HcCliJsonStream *stream,
                                            const char  *name);
void          hc_cli_json_stream_begin_object (HcCliJsonStream *stream);
void          hc_cli_json_stream_end_object (HcCliJsonStream *stream);
void          hc_cli_json_stream_begin_array (HcCliJsonStream *stream);
void          hc_cli_json_stream_end_array (HcCliJsonStream *stream);
/* A string, or null when @value is NULL. */
void          hc_cli_json_stream_string    (HcCliJsonStream *stream,
                                            const char  *value);
void          hc_cli_json_stream_int       (HcCliJsonStream *stream,
                                            gint64       value);
void          hc_cli_json_stream_boolean   (HcCliJsonStream *stream,
                                            gboolean     value);
void          hc_cli_json_stream_null      (HcCliJsonStream *stream);
/* Any value, as json-glib builds it. */
void          hc_cli_json_stream_node      (HcCliJsonStream *stream,
                                            JsonNode    *node);
/* The shortcut: a string member that is null when @value is NULL. */
void          hc_cli_json_stream_add_string (HcCliJsonStream *stream,
                                             const char  *name,
                                             const char  *value);

/* Whether standard output speaks JSON (the command's --json): then a
 * failure is an error document there too. */
void          hc_cli_output_set_json       (gboolean     json);
gboolean      hc_cli_output_get_json       (void);

/* Failures headcount-cli itself tells apart, besides the HC_ERROR ones. */
#define HC_CLI_ERROR (hc_cli_error_quark ())

typedef enum
{
  HC_CLI_ERROR_USAGE,           /* a wrong command line: exit status 2 */
  HC_CLI_ERROR_BUSY,            /* another sync of the connector runs */
  HC_CLI_ERROR_CHECKS_FAILED,   /* check: a scenario check fails */
  HC_CLI_ERROR_SYNC_FAILED,     /* sync --all-due: a scheduled sync failed */
} HcCliError;

GQuark        hc_cli_error_quark           (void);

/* The stable machine word of @error for the "code" of the JSON error
 * object ("not-found", "auth", "usage"…): the one mapping from GError
 * domains and codes to words. "failed" for anything unknown. */
const char   *hc_cli_error_code            (const GError *error);

/* Records @error for the error object; the first failure of a run is
 * the one reported. */
void          hc_cli_output_set_error      (const GError *error);
gboolean      hc_cli_output_has_error      (void);

/* At the end of a run: in JSON mode, writes the one document (the
 * command's, with the error added, or the error alone). */
void          hc_cli_output_finish         (void);

/* JSON helpers: a string member that is null when @value is NULL. */
void          hc_cli_json_add_string       (JsonBuilder *builder,
                                            const char  *name,
                                            const char  *value);
/* An ISO 8601 UTC time, or null for 0. */
void          hc_cli_json_add_time         (JsonBuilder *builder,
                                            const char  *name,
                                            gint64       usec);

/* Appends one record to @out: fields quoted when they hold a comma, a
 * quote, CR or LF, quotes doubled, CRLF at the end (RFC 4180). NULL
 * fields are empty. */
void          hc_cli_csv_append_row        (GString     *out,
                                            const char * const *fields,
                                            guint        n_fields);

/* Columns a terminal gives the text: wide characters count 2,
 * combining marks 0. */
gsize         hc_cli_text_width            (const char  *text);

/* "2024-05-03 14:05" in local time, or "Never" for 0. (transfer full) */
char         *hc_cli_format_time           (gint64       usec);

/* A table for people, printed with its columns aligned. */
typedef struct _HcCliTable HcCliTable;

HcCliTable   *hc_cli_table_new             (guint        n_columns);
void          hc_cli_table_free            (HcCliTable  *table);
/* Right-aligns a column (numbers). */
void          hc_cli_table_align_right     (HcCliTable  *table,
                                            guint        column);
/* Spaces before every line. */
void          hc_cli_table_set_indent      (HcCliTable  *table,
                                            guint        indent);
/* @n_columns strings (NULL for empty) after @table. */
void          hc_cli_table_add_row         (HcCliTable  *table,
                                            ...);
/* A row whose cells are taken over. */
void          hc_cli_table_add_rowv        (HcCliTable  *table,
                                            char       **cells);
/* Prints to stdout (through g_print, for the locale); the first row is a
 * header when @with_header. */
void          hc_cli_table_print           (HcCliTable  *table,
                                            gboolean     with_header);
/* A table too long to hold (a sync's history of 100,000 members), row by
 * row: every row given to measure first, then each given again, in
 * order, to print (the first one the header when @with_header), then
 * finish. @cells: @n_columns strings, NULL for empty. */
void          hc_cli_table_measure_row     (HcCliTable  *table,
                                            const char * const *cells);
void          hc_cli_table_print_row       (HcCliTable  *table,
                                            const char * const *cells,
                                            gboolean     with_header);
void          hc_cli_table_finish          (HcCliTable  *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcCliTable, hc_cli_table_free)

G_END_DECLS
