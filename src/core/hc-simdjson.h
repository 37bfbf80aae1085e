/* hc-simdjson.h — a C API over simdjson's DOM, for the large documents of
 * the data path (pages of employees); json-glib reads everything else
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A parser (hc_sj_parser_acquire()); its values are valid until its next
 * parse or its release. */
typedef struct _HcSjParser HcSjParser;

typedef enum
{
  HC_SJ_MISSING,  /* no such member, or not looked up in an object */
  HC_SJ_NULL,
  HC_SJ_BOOL,
  HC_SJ_INT64,
  HC_SJ_UINT64,   /* an integer above G_MAXINT64 */
  HC_SJ_DOUBLE,
  HC_SJ_STRING,
  HC_SJ_ARRAY,
  HC_SJ_OBJECT,
} HcSjType;

/* A value in the parsed document, by value (two words). */
typedef struct
{
  gconstpointer doc;    /* NULL: missing */
  gsize         index;
} HcSjValue;

/* Over an object's members or an array's elements. */
typedef struct
{
  HcSjValue at;
  HcSjValue end;
} HcSjIter;

/* A parser for one document at a time, kept for the next one by
 * hc_sj_parser_release(): a few are kept, with their buffers, whichever
 * thread parses. */
HcSjParser *hc_sj_parser_acquire     (void);
void        hc_sj_parser_release     (HcSjParser  *parser);
/* Frees the parsers kept (and their buffers), and the document buffers
 * kept (hc_sj_buffer_acquire()), while none is in use: after
 * a sync, so that what its largest pages needed is not held until the
 * next one, hours later. */
void        hc_sj_parsers_trim       (void);

/* Readable bytes a document needs after its end for
 * hc_sj_parse_padded(), which then reads it where it is. */
#define HC_SJ_PADDING 64

/* Buffers for documents, with HC_SJ_PADDING bytes beyond their capacity:
 * a few are kept from one document to the next, whichever thread frees
 * them (a page body of 200 KB, read into a fresh block, costs as much in
 * page faults as parsing it), until hc_sj_parsers_trim(). A buffer of at
 * least @capacity bytes. */
char       *hc_sj_buffer_acquire     (gsize        capacity);
gsize       hc_sj_buffer_capacity    (const char  *buffer);
/* A buffer of at least @capacity bytes, with the bytes of @buffer. */
char       *hc_sj_buffer_grow        (char        *buffer,
                                      gsize        capacity);
void        hc_sj_buffer_release     (char        *buffer);

/* Parses @size bytes at @data, valid UTF-8 JSON nested at most
 * HC_JSON_MAX_DEPTH deep; FALSE on anything else (@error: HC_ERROR_PARSE,
 * a technical message for the debug log). */
gboolean    hc_sj_parse              (HcSjParser  *parser,
                                      const char  *data,
                                      gsize        size,
                                      HcSjValue   *root,
                                      GError     **error);

/* The same, without a copy: @data is followed by HC_SJ_PADDING readable
 * bytes (a buffer of hc_sj_buffer_acquire(), say). */
gboolean    hc_sj_parse_padded       (HcSjParser  *parser,
                                      const char  *data,
                                      gsize        size,
                                      HcSjValue   *root,
                                      GError     **error);

HcSjType    hc_sj_type               (HcSjValue    value);
/* The member @name of an object; missing when @value is no object or has
 * no such member (of duplicates, the first). */
HcSjValue   hc_sj_member             (HcSjValue    value,
                                      const char  *name);
/* A string, NUL-terminated, or NULL when @value is no string. */
const char *hc_sj_string             (HcSjValue    value);
gint64      hc_sj_int64              (HcSjValue    value);
guint64     hc_sj_uint64             (HcSjValue    value);
/* An integer or a double as a double. */
double      hc_sj_double             (HcSjValue    value);
gboolean    hc_sj_bool               (HcSjValue    value);
/* The elements of an array; 0 for anything else. */
gsize       hc_sj_array_length       (HcSjValue    value);

/* Over an object (hc_sj_iter_next_member()) or an array
 * (hc_sj_iter_next_element()); nothing over anything else. */
void        hc_sj_iter_init          (HcSjIter    *iter,
                                      HcSjValue    value);
gboolean    hc_sj_iter_next_member   (HcSjIter    *iter,
                                      const char **name,
                                      HcSjValue   *value);
/* The same with the name's length, for a caller that compares names
 * with words it knows or copies them. */
gboolean    hc_sj_iter_next_member_len (HcSjIter    *iter,
                                        const char **name,
                                        gsize       *name_len,
                                        HcSjValue   *value);
gboolean    hc_sj_iter_next_element  (HcSjIter    *iter,
                                      HcSjValue   *value);

/* @value as compact JSON text. (transfer full) */
char       *hc_sj_to_json            (HcSjValue    value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcSjParser, hc_sj_parser_release)

G_END_DECLS
