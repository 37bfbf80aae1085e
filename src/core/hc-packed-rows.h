/* hc-packed-rows.h — history rows stored a few thousand to a value, compressed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _HcPackedRows HcPackedRows;

/**
 * HcPackedRowsInsertFunc:
 * @data: the value to store: a JSON array as text, or compressed
 * @size: its size in bytes
 * @compressed: whether @data is the text compressed (hc_packed_rows_unpack())
 * @user_data: as given to hc_packed_rows_new()
 * @error: return location for an error
 *
 * Stores one value, always on the thread that packs the rows, in the
 * order they were packed.
 *
 * Returns: %FALSE on error
 */
typedef gboolean (*HcPackedRowsInsertFunc) (gconstpointer data,
                                            gsize         size,
                                            gboolean      compressed,
                                            gpointer      user_data,
                                            GError      **error);

/**
 * HcPackedRowsFormatFunc:
 * @out: the text to append the row to, a JSON value
 * @data: as given to hc_packed_rows_add_later()
 * @id: as given to hc_packed_rows_add_later()
 * @other_id: as given to hc_packed_rows_add_later()
 *
 * Writes one row, on the thread that compresses.
 */
typedef void (*HcPackedRowsFormatFunc) (GString      *out,
                                        gconstpointer data,
                                        gint64        id,
                                        gint64        other_id);

HcPackedRows *hc_packed_rows_new (HcPackedRowsInsertFunc insert,
                                  gpointer               user_data);
void          hc_packed_rows_free (HcPackedRows *self);
gboolean      hc_packed_rows_add_later (HcPackedRows          *self,
                                        HcPackedRowsFormatFunc format,
                                        gconstpointer          data,
                                        gint64                 id,
                                        gint64                 other_id,
                                        gsize                  size,
                                        GError               **error);
gboolean      hc_packed_rows_flush (HcPackedRows *self,
                                    GError      **error);

gboolean      hc_packed_rows_register (sqlite3 *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcPackedRows, hc_packed_rows_free)

G_END_DECLS
