/* hc-packed-rows.c — history rows stored a few thousand to a value, compressed
 *
 * A sync's history (hc-store.c) keeps most of its rows packed: a JSON
 * array of rows per value rather than a table row each. A first sync of
 * 100,000 employees packs 34 MB of them (the new members' initial values,
 * the roles given), which the database would write twice, once to its
 * log and once into the file. Compressed (zlib, its quickest level), they
 * are a seventh of that.
 *
 * The thread that writes the sync names each row by what it is written
 * from and the ids it made (hc_packed_rows_add_later(): a new member's
 * initial values and id, a membership's change and its member's and
 * group's ids); the rows are written and compressed on a thread of their
 * own while it goes on: the writer runs on one core and the other has
 * nothing else to do then. The values come back to the writer, which
 * stores them in the order they were packed; a few rows left at the end
 * are written by the writer and stored as text, with no thread started.
 * In SQL, hc_unpack (value) gives back the text of either kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-packed-rows"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "hc-packed-rows.h"

/* How much text one value holds before it is stored: built in memory,
 * which a first sync's peak counts. */
#define PACKED_ROWS_MAX (256 * 1024)
/* Smaller values are stored as text: not worth a thread. */
#define COMPRESS_FROM (16 * 1024)
/* Values on their way: the writer waits beyond this, so that memory
 * stays bounded should the compression fall behind. */
#define MAX_PENDING 4
/* What hc_unpack() inflates at most: a damaged or forged value never
 * takes the memory of the machine. */
#define MAX_UNPACKED (64 * 1024 * 1024)

typedef struct
{
  HcPackedRowsFormatFunc format;
  gconstpointer          data;
  gint64                 id;
  gint64                 other_id;
} Later;

typedef struct
{
  GString *text;      /* NULL: the worker stops */
  GArray  *later;     /* Later, or NULL: the rows to write into text first */
  guint8  *packed;    /* NULL when the compression failed: stored as text */
  gsize    packed_len;
} Chunk;

struct _HcPackedRows
{
  HcPackedRowsInsertFunc insert;
  gpointer               user_data;
  GString               *rows;      /* the value being packed */
  GArray                *later;     /* Later: rows the worker is to write */
  gsize                  later_size; /* about how long their text will be */
  GPtrArray             *spare;     /* GString*: texts stored, for the next values */
  GAsyncQueue           *todo;      /* Chunk*, to the worker */
  GAsyncQueue           *done;      /* Chunk*, back from it in the same order */
  GThread               *worker;
  guint                  pending;   /* handed to the worker, not stored yet */
};

static void
string_free (GString *string)
{
  g_string_free (string, TRUE);
}

static void
chunk_free (Chunk *chunk)
{
  if (chunk->text != NULL)
    g_string_free (chunk->text, TRUE);
  if (chunk->later != NULL)
    g_array_unref (chunk->later);
  g_free (chunk->packed);
  g_free (chunk);
}

/* @in run through @converter whole: the output (transfer full) and its
 * length in *@out_len, or NULL when the converter fails or the output
 * would pass @max bytes (G_IO_ERROR_NO_SPACE). */
static guint8 *
convert_all (GConverter   *converter,
             const guint8 *in,
             gsize         in_len,
             gsize         capacity,
             gsize         max,
             gsize        *out_len,
             GError      **error)
{
  g_autofree guint8 *out = g_malloc (capacity);
  gsize done = 0, len = 0;

  for (;;)
    {
      g_autoptr (GError) local_error = NULL;
      gsize read = 0, written = 0;
      GConverterResult result;

      result = g_converter_convert (converter, in + done, in_len - done, out + len, capacity - len,
                                    G_CONVERTER_INPUT_AT_END, &read, &written, &local_error);
      done += read;
      len += written;
      if (result == G_CONVERTER_FINISHED)
        break;
      if (result == G_CONVERTER_ERROR && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* out of room: more, up to @max */
      if (capacity - len < 1024 || result == G_CONVERTER_ERROR)
        {
          if (capacity >= max)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "too large");
              return NULL;
            }
          capacity = MIN (capacity * 2, max);
          out = g_realloc (out, capacity);
        }
    }
  *out_len = len;
  return g_steal_pointer (&out);
}

/* @text compressed into @chunk, or nothing when zlib fails (never seen:
 * the value is then stored as text). */
static void
compress_chunk (GConverter *compressor,
                Chunk      *chunk)
{
  g_autoptr (GError) error = NULL;

  g_converter_reset (compressor);
  chunk->packed = convert_all (compressor, (const guint8 *) chunk->text->str, chunk->text->len,
                               chunk->text->len / 4 + 1024, G_MAXSIZE / 2, &chunk->packed_len, &error);
  if (chunk->packed == NULL)
    g_debug ("could not compress history rows: %s", error->message);
}

/* The rows of @later appended to the array @out holds, left open. */
static void
write_later (GArray  *later,
             GString *out)
{
  for (guint i = 0; i < later->len; i++)
    {
      Later *row = &g_array_index (later, Later, i);

      g_string_append_c (out, out->len == 0 ? '[' : ',');
      row->format (out, row->data, row->id, row->other_id);
    }
}

static gpointer
worker_thread (gpointer data)
{
  HcPackedRows *self = data;
  g_autoptr (GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 1);

  for (;;)
    {
      Chunk *chunk = g_async_queue_pop (self->todo);

      if (chunk->text == NULL)
        {
          chunk_free (chunk);
          break;
        }
      if (chunk->later != NULL)
        {
          write_later (chunk->later, chunk->text);
          g_string_append_c (chunk->text, ']');
        }
      compress_chunk (G_CONVERTER (compressor), chunk);
      g_async_queue_push (self->done, chunk);
    }
  return NULL;
}

/**
 * hc_packed_rows_new:
 * @insert: stores each value
 * @user_data: for @insert
 *
 * Returns: (transfer full): rows to pack, for one transaction
 */
HcPackedRows *
hc_packed_rows_new (HcPackedRowsInsertFunc insert,
                    gpointer               user_data)
{
  HcPackedRows *self = g_new0 (HcPackedRows, 1);

  self->insert = insert;
  self->user_data = user_data;
  self->rows = g_string_sized_new (4096);
  self->later = g_array_new (FALSE, FALSE, sizeof (Later));
  self->spare = g_ptr_array_new_with_free_func ((GDestroyNotify) string_free);
  return self;
}

/**
 * hc_packed_rows_free:
 *
 * Stops the compression; what was not stored is dropped (the transaction
 * it was for is rolled back).
 */
void
hc_packed_rows_free (HcPackedRows *self)
{
  Chunk *chunk;

  if (self == NULL)
    return;
  if (self->worker != NULL)
    {
      g_async_queue_push (self->todo, g_new0 (Chunk, 1));
      /* the worker stops at the last chunk handed over */
      g_thread_join (self->worker);
      while ((chunk = g_async_queue_try_pop (self->done)) != NULL)
        chunk_free (chunk);
      g_async_queue_unref (self->todo);
      g_async_queue_unref (self->done);
    }
  g_string_free (self->rows, TRUE);
  g_array_unref (self->later);
  g_ptr_array_unref (self->spare);
  g_free (self);
}

/* The first chunk back, stored. */
static gboolean
store_next (HcPackedRows *self,
            Chunk        *chunk,
            GError      **error)
{
  gboolean ok;

  self->pending--;
  if (chunk->packed != NULL)
    ok = self->insert (chunk->packed, chunk->packed_len, TRUE, self->user_data, error);
  else
    ok = self->insert (chunk->text->str, chunk->text->len, FALSE, self->user_data, error);
  /* its text serves the next values: touched once, not afresh */
  g_string_truncate (chunk->text, 0);
  g_ptr_array_add (self->spare, g_steal_pointer (&chunk->text));
  chunk_free (chunk);
  return ok;
}

static GString *
take_spare (HcPackedRows *self)
{
  return self->spare->len > 0 ? g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1)
                              : g_string_sized_new (PACKED_ROWS_MAX + 4096);
}

/* The rows to be written, written here after all: too few to be worth
 * the thread. */
static void
write_later_here (HcPackedRows *self)
{
  write_later (self->later, self->rows);
  g_array_set_size (self->later, 0);
  self->later_size = 0;
}

/* The value packed so far, closed and handed to the worker: rows of one
 * kind, written here or to be written there. */
static void
hand_over (HcPackedRows *self)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  if (self->later->len > 0)
    {
      chunk->later = g_steal_pointer (&self->later);
      chunk->text = take_spare (self);
      self->later = g_array_new (FALSE, FALSE, sizeof (Later));
      self->later_size = 0;
    }
  else
    {
      g_string_append_c (self->rows, ']');
      chunk->text = self->rows;
      self->rows = take_spare (self);
    }
  if (self->worker == NULL)
    {
      self->todo = g_async_queue_new ();
      self->done = g_async_queue_new ();
      self->worker = g_thread_new ("hc-packed-rows", worker_thread, self);
    }
  self->pending++;
  g_async_queue_push (self->todo, chunk);
}

/* The rows to be written: here when few (they join the text being
 * packed), else to the worker as a value of their own. */
static void
settle_later (HcPackedRows *self)
{
  if (self->later->len == 0)
    return;
  if (self->later_size < COMPRESS_FROM)
    write_later_here (self);
  else
    hand_over (self);
}

/* After a row: a value full is handed over to be compressed, and those
 * compressed meanwhile are stored. FALSE when storing one failed. */
static gboolean
end_row (HcPackedRows *self,
         GError      **error)
{
  Chunk *chunk;

  if (self->rows->len < PACKED_ROWS_MAX && self->later_size < PACKED_ROWS_MAX)
    return TRUE;
  hand_over (self);
  while (self->pending > 0)
    {
      chunk = self->pending > MAX_PENDING ? g_async_queue_pop (self->done) : g_async_queue_try_pop (self->done);
      if (chunk == NULL)
        break;
      if (!store_next (self, chunk, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * hc_packed_rows_add_later:
 * @format: writes the row, on the thread that compresses
 * @data: for @format: read there while the rows are packed, so it must
 *   stay as it is until hc_packed_rows_flush() returns
 * @id: for @format, made by the writer (a member's id)
 * @other_id: for @format, another the writer made (the group or role of
 *   a membership), or 0
 * @size: about how long its text will be
 * @error: return location for an error
 *
 * A row whose text is written away from the writer.
 *
 * Returns: %FALSE when storing a value failed
 */
gboolean
hc_packed_rows_add_later (HcPackedRows          *self,
                          HcPackedRowsFormatFunc format,
                          gconstpointer          data,
                          gint64                 id,
                          gint64                 other_id,
                          gsize                  size,
                          GError               **error)
{
  Later row = { format, data, id, other_id };

  /* a value holds rows of one kind: the rows written here go first */
  if (self->rows->len > 0)
    hand_over (self);
  g_array_append_val (self->later, row);
  self->later_size += size;
  return end_row (self, error);
}

/**
 * hc_packed_rows_flush:
 *
 * Stores every row packed so far, before a row stored on its own: history
 * lists the rows in the order they were made.
 *
 * Returns: %FALSE when storing one failed
 */
gboolean
hc_packed_rows_flush (HcPackedRows *self,
                      GError      **error)
{
  gboolean small;

  /* a few rows left to write: here, and stored as text */
  settle_later (self);
  small = self->rows->len > 0 && self->rows->len < COMPRESS_FROM;
  if (self->rows->len > 0 && !small)
    hand_over (self);
  while (self->pending > 0)
    if (!store_next (self, g_async_queue_pop (self->done), error))
      return FALSE;
  if (small)
    {
      g_string_append_c (self->rows, ']');
      if (!self->insert (self->rows->str, self->rows->len, FALSE, self->user_data, error))
        return FALSE;
      g_string_truncate (self->rows, 0);
    }
  return TRUE;
}

/* SQL hc_unpack (value): a packed value's text, compressed or not. */
static void
unpack_function (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  g_autoptr (GZlibDecompressor) decompressor = NULL;
  g_autoptr (GError) error = NULL;
  gsize in_len, len = 0;
  guint8 *out;

  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  in_len = (gsize) sqlite3_value_bytes (argv[0]);
  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  out = convert_all (G_CONVERTER (decompressor), sqlite3_value_blob (argv[0]), in_len,
                     MIN (in_len * 8 + 4096, MAX_UNPACKED), MAX_UNPACKED, &len, &error);
  if (out == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    sqlite3_result_error (context, _("A sync’s history in the database is too large to read"), -1);
  else if (out == NULL)
    sqlite3_result_error (context, _("A sync’s history in the database is damaged and cannot be read"), -1);
  else
    sqlite3_result_text64 (context, (char *) out, len, g_free, SQLITE_UTF8);
}

/**
 * hc_packed_rows_register:
 * @db: a connection
 *
 * Adds hc_unpack (value) to @db's SQL.
 *
 * Returns: %FALSE when SQLite refused
 */
gboolean
hc_packed_rows_register (sqlite3 *db)
{
  return sqlite3_create_function_v2 (db, "hc_unpack", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                     unpack_function, NULL, NULL, NULL) == SQLITE_OK;
}
