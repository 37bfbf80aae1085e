/* hc-sql-rows.h — rows handed to one SQL statement at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The most columns a row has: c0 to c23 in SQL. */
#define HC_SQL_ROWS_MAX_COLUMNS 24

typedef struct _HcSqlRows HcSqlRows;

HcSqlRows *hc_sql_rows_new (guint n_columns);
void       hc_sql_rows_free (HcSqlRows *self);
guint      hc_sql_rows_get_len (HcSqlRows *self);
void       hc_sql_rows_clear (HcSqlRows *self);
void       hc_sql_rows_add (HcSqlRows *self);
void       hc_sql_rows_set_int (HcSqlRows *self,
                                guint      column,
                                gint64     value);
void       hc_sql_rows_set_text (HcSqlRows  *self,
                                 guint       column,
                                 const char *text);

gboolean   hc_sql_rows_register (sqlite3 *db);
int        hc_sql_rows_bind (sqlite3_stmt *stmt,
                             int           index,
                             HcSqlRows    *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcSqlRows, hc_sql_rows_free)

G_END_DECLS
