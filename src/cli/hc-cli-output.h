/* hc-cli-output.h — how headcount-cli writes: JSON, CSV (RFC 4180) and aligned tables
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Machine output goes to stdout as UTF-8 bytes whatever the locale:
 * these never convert. */
void          hc_cli_write_stdout          (const char  *data,
                                            gssize       length);
/* The builder's root, pretty-printed, followed by a newline. */
void          hc_cli_print_json            (JsonBuilder *builder);

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
guint         hc_cli_table_get_n_rows      (HcCliTable  *table);
/* Prints to stdout (through g_print, for the locale); the first row is a
 * header when @with_header. */
void          hc_cli_table_print           (HcCliTable  *table,
                                            gboolean     with_header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcCliTable, hc_cli_table_free)

G_END_DECLS
