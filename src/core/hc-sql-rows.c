/* hc-sql-rows.c — rows handed to one SQL statement at once
 *
 * A statement run once a row costs SQLite more than the row: the
 * statement starts, opens its cursors on the table and each index, finds
 * the table's end and stops again, each time. A bulk apply writes some
 * 300,000 rows (a first sync of 100,000 employees): 100,000 roles took
 * 119 ms inserted a statement each, and 59 ms when one statement reads
 * them from a table:
 *
 *   INSERT INTO member_roles (role_id, member_id) SELECT c0, c1 FROM hc_rows (?1)
 *
 * hc_rows is a table-valued function over an #HcSqlRows, bound as a
 * pointer (hc_sql_rows_bind()): SQL cannot make one, only C can hand it
 * over. The values are borrowed, not copied: each must outlive the
 * statement's step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-sql-rows"

#include "config.h"

#include <string.h>

#include "hc-sql-rows.h"

/* The type sqlite3_bind_pointer() and sqlite3_value_pointer() agree on */
#define POINTER_TYPE "hc_rows"

typedef enum
{
  CELL_NULL,
  CELL_INT,
  CELL_TEXT,
} CellType;

typedef struct
{
  union
  {
    gint64      number;
    const char *text;
  };
  CellType type;
  int      text_len;  /* in bytes: SQLite would count them byte by byte */
} Cell;

struct _HcSqlRows
{
  guint   n_columns;
  GArray *cells;       /* Cell, n_columns a row */
};

/**
 * hc_sql_rows_new:
 * @n_columns: how many values a row has, at most %HC_SQL_ROWS_MAX_COLUMNS
 *
 * Returns: (transfer full): no rows yet
 */
HcSqlRows *
hc_sql_rows_new (guint n_columns)
{
  HcSqlRows *self;

  g_return_val_if_fail (n_columns > 0 && n_columns <= HC_SQL_ROWS_MAX_COLUMNS, NULL);

  self = g_new0 (HcSqlRows, 1);
  self->n_columns = n_columns;
  self->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  return self;
}

void
hc_sql_rows_free (HcSqlRows *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->cells);
  g_free (self);
}

guint
hc_sql_rows_get_len (HcSqlRows *self)
{
  return self->cells->len / self->n_columns;
}

/* No rows: the memory is kept for the next ones. */
void
hc_sql_rows_clear (HcSqlRows *self)
{
  g_array_set_size (self->cells, 0);
}

/* A new last row, every value NULL: hc_sql_rows_set_int() and
 * hc_sql_rows_set_text() fill it. */
void
hc_sql_rows_add (HcSqlRows *self)
{
  /* zeroed: CELL_NULL */
  g_array_set_size (self->cells, self->cells->len + self->n_columns);
}

static Cell *
last_row_cell (HcSqlRows *self,
               guint      column)
{
  g_return_val_if_fail (column < self->n_columns, NULL);
  g_return_val_if_fail (self->cells->len > 0, NULL);

  return &g_array_index (self->cells, Cell, self->cells->len - self->n_columns + column);
}

void
hc_sql_rows_set_int (HcSqlRows *self,
                     guint      column,
                     gint64     value)
{
  Cell *cell = last_row_cell (self, column);

  if (cell == NULL)
    return;
  cell->number = value;
  cell->type = CELL_INT;
}

/* @text (or NULL) is borrowed: it must outlive the statement's step. */
void
hc_sql_rows_set_text (HcSqlRows  *self,
                      guint       column,
                      const char *text)
{
  Cell *cell = last_row_cell (self, column);

  if (cell == NULL)
    return;
  cell->text = text;
  cell->type = text != NULL ? CELL_TEXT : CELL_NULL;
  cell->text_len = text != NULL ? (int) MIN (strlen (text), G_MAXINT) : 0;
}

/* The table-valued function */

typedef struct
{
  sqlite3_vtab_cursor base;
  HcSqlRows          *rows;   /* NULL: none bound */
  guint               row;
} Cursor;

/* c0 … c23, then the rows (the function's argument) */
#define ROWS_COLUMN HC_SQL_ROWS_MAX_COLUMNS

static int
rows_connect (sqlite3            *db,
              void               *aux,
              int                 argc,
              const char * const *argv,
              sqlite3_vtab      **vtab,
              char              **message)
{
  g_autoptr (GString) sql = g_string_new ("CREATE TABLE x (");
  int rc;

  for (guint i = 0; i < HC_SQL_ROWS_MAX_COLUMNS; i++)
    g_string_append_printf (sql, "c%u, ", i);
  g_string_append (sql, "rows HIDDEN)");
  rc = sqlite3_declare_vtab (db, sql->str);
  if (rc != SQLITE_OK)
    return rc;
  /* not for triggers or views: only C binds its argument anyway */
  sqlite3_vtab_config (db, SQLITE_VTAB_DIRECTONLY);
  *vtab = sqlite3_malloc (sizeof (sqlite3_vtab));
  if (*vtab == NULL)
    return SQLITE_NOMEM;
  memset (*vtab, 0, sizeof (sqlite3_vtab));
  return SQLITE_OK;
}

static int
rows_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* Only with its argument: hc_rows (?) */
static int
rows_best_index (sqlite3_vtab       *vtab,
                 sqlite3_index_info *info)
{
  for (int i = 0; i < info->nConstraint; i++)
    {
      const struct sqlite3_index_constraint *c = &info->aConstraint[i];

      if (c->iColumn == ROWS_COLUMN && c->op == SQLITE_INDEX_CONSTRAINT_EQ && c->usable)
        {
          info->aConstraintUsage[i].argvIndex = 1;
          info->aConstraintUsage[i].omit = 1;
          info->estimatedCost = 1000;
          return SQLITE_OK;
        }
    }
  return SQLITE_CONSTRAINT;
}

static int
rows_open (sqlite3_vtab         *vtab,
           sqlite3_vtab_cursor **cursor)
{
  Cursor *c = sqlite3_malloc (sizeof (Cursor));

  if (c == NULL)
    return SQLITE_NOMEM;
  memset (c, 0, sizeof (Cursor));
  *cursor = &c->base;
  return SQLITE_OK;
}

static int
rows_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
rows_filter (sqlite3_vtab_cursor *cursor,
             int                  index_number,
             const char          *index_text,
             int                  argc,
             sqlite3_value      **argv)
{
  Cursor *c = (Cursor *) cursor;

  c->rows = argc > 0 ? sqlite3_value_pointer (argv[0], POINTER_TYPE) : NULL;
  c->row = 0;
  return SQLITE_OK;
}

static int
rows_next (sqlite3_vtab_cursor *cursor)
{
  ((Cursor *) cursor)->row++;
  return SQLITE_OK;
}

static int
rows_eof (sqlite3_vtab_cursor *cursor)
{
  Cursor *c = (Cursor *) cursor;

  return c->rows == NULL || c->row >= hc_sql_rows_get_len (c->rows);
}

static int
rows_column (sqlite3_vtab_cursor *cursor,
             sqlite3_context     *context,
             int                  column)
{
  Cursor *c = (Cursor *) cursor;
  const Cell *cell;

  if (column < 0 || (guint) column >= c->rows->n_columns)
    {
      sqlite3_result_null (context);
      return SQLITE_OK;
    }
  cell = &g_array_index (c->rows->cells, Cell, c->row * c->rows->n_columns + (guint) column);
  switch (cell->type)
    {
    case CELL_INT:
      sqlite3_result_int64 (context, cell->number);
      break;
    case CELL_TEXT:
      /* borrowed: the rows outlive the step */
      sqlite3_result_text (context, cell->text, cell->text_len, SQLITE_STATIC);
      break;
    case CELL_NULL:
    default:
      sqlite3_result_null (context);
      break;
    }
  return SQLITE_OK;
}

static int
rows_rowid (sqlite3_vtab_cursor *cursor,
            sqlite3_int64       *rowid)
{
  *rowid = ((Cursor *) cursor)->row;
  return SQLITE_OK;
}

/* Eponymous only (no xCreate): hc_rows exists in every schema, and
 * CREATE VIRTUAL TABLE cannot make another. */
static const sqlite3_module rows_module = {
  .iVersion = 0,
  .xConnect = rows_connect,
  .xBestIndex = rows_best_index,
  .xDisconnect = rows_disconnect,
  .xOpen = rows_open,
  .xClose = rows_close,
  .xFilter = rows_filter,
  .xNext = rows_next,
  .xEof = rows_eof,
  .xColumn = rows_column,
  .xRowid = rows_rowid,
};

/**
 * hc_sql_rows_register:
 * @db: a connection
 *
 * Adds the table-valued function hc_rows (rows) to @db's SQL.
 *
 * Returns: %FALSE when SQLite refused
 */
gboolean
hc_sql_rows_register (sqlite3 *db)
{
  return sqlite3_create_module_v2 (db, "hc_rows", &rows_module, NULL, NULL) == SQLITE_OK;
}

/**
 * hc_sql_rows_bind:
 * @stmt: a statement reading hc_rows (?)
 * @index: the parameter
 * @rows: (transfer none): the rows, kept by the caller until the step is done
 *
 * Returns: SQLite's result code
 */
int
hc_sql_rows_bind (sqlite3_stmt *stmt,
                  int           index,
                  HcSqlRows    *rows)
{
  return sqlite3_bind_pointer (stmt, index, rows, POINTER_TYPE, NULL);
}
