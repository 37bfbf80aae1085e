/* hc-simdjson.cc — a C API over simdjson's DOM (hc-simdjson.h)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cstring>
#include <string>

#include <simdjson.h>

#include "hc-error.h"
#include "hc-json.h"
#include "hc-simdjson.h"

using simdjson::dom::element;
using simdjson::dom::element_type;

struct _HcSjParser
{
  simdjson::dom::parser parser;
};

/* A value is an element: a document pointer and a tape index. */
static_assert (sizeof (element) == sizeof (HcSjValue), "element and HcSjValue differ");
static_assert (sizeof (simdjson::dom::object::iterator) == sizeof (HcSjValue), "iterator and HcSjValue differ");
static_assert (sizeof (simdjson::dom::array::iterator) == sizeof (HcSjValue), "iterator and HcSjValue differ");

static inline element
to_element (HcSjValue v)
{
  element e;

  memcpy (static_cast<void *> (&e), &v, sizeof v);
  return e;
}

static inline HcSjValue
from_element (element e)
{
  HcSjValue v;

  memcpy (&v, static_cast<const void *> (&e), sizeof v);
  return v;
}

template <typename T> static inline T
to_iterator (HcSjValue v)
{
  T it;

  memcpy (static_cast<void *> (&it), &v, sizeof v);
  return it;
}

template <typename T> static inline HcSjValue
from_iterator (T it)
{
  HcSjValue v;

  memcpy (&v, static_cast<const void *> (&it), sizeof v);
  return v;
}

static const HcSjValue missing = { nullptr, 0 };

/* The parsers kept between documents. One per thread, as before, held
 * 2 MB or more each (simdjson sizes its buffers by the largest document
 * it read) for as long as the thread lived: the pool's threads come and
 * go, and each new one made its own, so the memory of a long-running app
 * climbed and fell with them. Kept whichever thread parses instead, as
 * many as the pages parsed at once (a fetch asks several pages ahead, and
 * each may be decoded in a thread of its own): a parser freed after its
 * page and made anew for the next one faulted in its buffers each time,
 * a third of the decoding's time. hc_sj_parsers_trim() frees them once
 * the fetch is over. */
static GMutex parsers_lock;
static HcSjParser *parsers_kept[8];
static guint n_parsers_kept;

static guint
parsers_to_keep (void)
{
  return G_N_ELEMENTS (parsers_kept);
}

/* Document buffers: a header, then the bytes and the padding. */
static_assert (HC_SJ_PADDING >= simdjson::SIMDJSON_PADDING, "HC_SJ_PADDING is too small for simdjson");

typedef struct
{
  gsize capacity;
  gsize reserved;   /* keeps the bytes 16-byte aligned */
} BufferHeader;

/* Kept: as many as the pages in flight and being parsed need, no larger
 * than a page of a list could reasonably be. */
#define BUFFERS_KEPT       8
#define BUFFER_KEPT_MAX    (4 * 1024 * 1024)
#define BUFFER_MIN         4096

static char *buffers_kept[BUFFERS_KEPT];
static guint n_buffers_kept;

static inline BufferHeader *
buffer_header (const char *buffer)
{
  return (BufferHeader *) (buffer - sizeof (BufferHeader));
}

/* A size for a buffer or a parser kept for the pages to come: an eighth
 * more than @size, in whole pages of memory. The pages of a list differ
 * by a few bytes; sized exactly, a kept one was made anew for most pages
 * a little larger than the one before, and its memory touched afresh. */
static gsize
with_headroom (gsize size)
{
  return (size + size / 8 + 4095) & ~(gsize) 4095;
}

static char *
buffer_resize (BufferHeader *header,
               gsize         capacity)
{
  header = static_cast<BufferHeader *> (g_realloc (header, sizeof (BufferHeader) + capacity + HC_SJ_PADDING));
  header->capacity = capacity;
  return reinterpret_cast<char *> (header + 1);
}

extern "C" char *
hc_sj_buffer_acquire (gsize capacity)
{
  char *buffer = nullptr;
  guint best = G_MAXUINT;

  capacity = MAX (capacity, BUFFER_MIN);
  g_mutex_lock (&parsers_lock);
  /* the smallest large enough, else the largest */
  for (guint i = 0; i < n_buffers_kept; i++)
    {
      gsize size = buffer_header (buffers_kept[i])->capacity;

      if (best == G_MAXUINT)
        best = i;
      else
        {
          gsize best_size = buffer_header (buffers_kept[best])->capacity;

          if (best_size >= capacity ? size >= capacity && size < best_size : size > best_size)
            best = i;
        }
    }
  if (best != G_MAXUINT)
    {
      buffer = buffers_kept[best];
      buffers_kept[best] = buffers_kept[--n_buffers_kept];
    }
  g_mutex_unlock (&parsers_lock);

  if (buffer == nullptr)
    return buffer_resize (nullptr, with_headroom (capacity));
  if (buffer_header (buffer)->capacity < capacity)
    return buffer_resize (buffer_header (buffer), with_headroom (capacity));
  return buffer;
}

extern "C" gsize
hc_sj_buffer_capacity (const char *buffer)
{
  return buffer_header (buffer)->capacity;
}

extern "C" char *
hc_sj_buffer_grow (char *buffer,
                   gsize capacity)
{
  if (buffer_header (buffer)->capacity >= capacity)
    return buffer;
  return buffer_resize (buffer_header (buffer), capacity);
}

extern "C" void
hc_sj_buffer_release (char *buffer)
{
  if (buffer == nullptr)
    return;
  if (buffer_header (buffer)->capacity <= BUFFER_KEPT_MAX)
    {
      g_mutex_lock (&parsers_lock);
      if (n_buffers_kept < BUFFERS_KEPT)
        {
          buffers_kept[n_buffers_kept++] = buffer;
          buffer = nullptr;
        }
      g_mutex_unlock (&parsers_lock);
    }
  if (buffer != nullptr)
    g_free (buffer_header (buffer));
}

extern "C" HcSjParser *
hc_sj_parser_acquire (void)
{
  HcSjParser *parser = nullptr;

  g_mutex_lock (&parsers_lock);
  if (n_parsers_kept > 0)
    parser = parsers_kept[--n_parsers_kept];
  g_mutex_unlock (&parsers_lock);
  return parser != nullptr ? parser : new HcSjParser ();
}

extern "C" void
hc_sj_parser_release (HcSjParser *parser)
{
  if (parser == nullptr)
    return;
  g_mutex_lock (&parsers_lock);
  if (n_parsers_kept < parsers_to_keep ())
    {
      parsers_kept[n_parsers_kept++] = parser;
      parser = nullptr;
    }
  g_mutex_unlock (&parsers_lock);
  delete parser;
}

extern "C" void
hc_sj_parsers_trim (void)
{
  HcSjParser *freed[G_N_ELEMENTS (parsers_kept)];
  guint n_freed;

  g_mutex_lock (&parsers_lock);
  n_freed = n_parsers_kept;
  memcpy (freed, parsers_kept, n_freed * sizeof freed[0]);
  n_parsers_kept = 0;
  g_mutex_unlock (&parsers_lock);
  for (guint i = 0; i < n_freed; i++)
    delete freed[i];

  for (;;)
    {
      char *buffer = nullptr;

      g_mutex_lock (&parsers_lock);
      if (n_buffers_kept > 0)
        buffer = buffers_kept[--n_buffers_kept];
      g_mutex_unlock (&parsers_lock);
      if (buffer == nullptr)
        break;
      g_free (buffer_header (buffer));
    }
}

static gboolean
parse (HcSjParser *parser,
       const char *data,
       gsize       size,
       bool        padded,
       HcSjValue  *root,
       GError    **error)
{
  element doc;
  simdjson::error_code code;

  /* The same depth limit as every other document read from outside. */
  if (parser->parser.max_depth () != HC_JSON_MAX_DEPTH ||
      parser->parser.capacity () < size)
    {
      code = parser->parser.allocate (MAX (with_headroom (size), parser->parser.capacity ()), HC_JSON_MAX_DEPTH);
      if (code != simdjson::SUCCESS)
        {
          g_set_error (error, HC_ERROR, HC_ERROR_PARSE, "%s", simdjson::error_message (code));
          return FALSE;
        }
    }
  /* without padding, simdjson copies the document into a padded buffer */
  parser->parser.parse (data, size, !padded).tie (doc, code);
  if (code != simdjson::SUCCESS)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE, "%s", simdjson::error_message (code));
      return FALSE;
    }
  *root = from_element (doc);
  return TRUE;
}

extern "C" gboolean
hc_sj_parse (HcSjParser *parser,
             const char *data,
             gsize       size,
             HcSjValue  *root,
             GError    **error)
{
  return parse (parser, data, size, false, root, error);
}

extern "C" gboolean
hc_sj_parse_padded (HcSjParser *parser,
                    const char *data,
                    gsize       size,
                    HcSjValue  *root,
                    GError    **error)
{
  return parse (parser, data, size, true, root, error);
}

extern "C" HcSjType
hc_sj_type (HcSjValue value)
{
  if (value.doc == nullptr)
    return HC_SJ_MISSING;
  switch (to_element (value).type ())
    {
    case element_type::ARRAY:
      return HC_SJ_ARRAY;
    case element_type::OBJECT:
      return HC_SJ_OBJECT;
    case element_type::INT64:
      return HC_SJ_INT64;
    case element_type::UINT64:
      return HC_SJ_UINT64;
    case element_type::DOUBLE:
      return HC_SJ_DOUBLE;
    case element_type::STRING:
      return HC_SJ_STRING;
    case element_type::BOOL:
      return HC_SJ_BOOL;
    case element_type::NULL_VALUE:
    default:
      return HC_SJ_NULL;
    }
}

extern "C" HcSjValue
hc_sj_member (HcSjValue   value,
              const char *name)
{
  simdjson::dom::object object;
  element member;

  if (value.doc == nullptr || to_element (value).get_object ().get (object) != simdjson::SUCCESS)
    return missing;
  if (object.at_key (name).get (member) != simdjson::SUCCESS)
    return missing;
  return from_element (member);
}

extern "C" const char *
hc_sj_string (HcSjValue value)
{
  const char *s;

  if (value.doc == nullptr || to_element (value).get_c_str ().get (s) != simdjson::SUCCESS)
    return nullptr;
  return s;
}

extern "C" gint64
hc_sj_int64 (HcSjValue value)
{
  int64_t i = 0;

  if (value.doc != nullptr && to_element (value).get_int64 ().get (i) != simdjson::SUCCESS)
    i = 0;
  return i;
}

extern "C" guint64
hc_sj_uint64 (HcSjValue value)
{
  uint64_t u = 0;

  if (value.doc != nullptr && to_element (value).get_uint64 ().get (u) != simdjson::SUCCESS)
    u = 0;
  return u;
}

extern "C" double
hc_sj_double (HcSjValue value)
{
  double d = 0;

  if (value.doc != nullptr && to_element (value).get_double ().get (d) != simdjson::SUCCESS)
    d = 0;
  return d;
}

extern "C" gboolean
hc_sj_bool (HcSjValue value)
{
  bool b = false;

  if (value.doc != nullptr && to_element (value).get_bool ().get (b) != simdjson::SUCCESS)
    b = false;
  return b;
}

extern "C" gsize
hc_sj_array_length (HcSjValue value)
{
  simdjson::dom::array array;

  if (value.doc == nullptr || to_element (value).get_array ().get (array) != simdjson::SUCCESS)
    return 0;
  return array.size ();
}

extern "C" void
hc_sj_iter_init (HcSjIter *iter,
                 HcSjValue value)
{
  simdjson::dom::object object;
  simdjson::dom::array array;

  iter->at = iter->end = missing;
  if (value.doc == nullptr)
    return;
  if (to_element (value).get_object ().get (object) == simdjson::SUCCESS)
    {
      iter->at = from_iterator (object.begin ());
      iter->end = from_iterator (object.end ());
    }
  else if (to_element (value).get_array ().get (array) == simdjson::SUCCESS)
    {
      iter->at = from_iterator (array.begin ());
      iter->end = from_iterator (array.end ());
    }
}

extern "C" gboolean
hc_sj_iter_next_member_len (HcSjIter    *iter,
                            const char **name,
                            gsize       *name_len,
                            HcSjValue   *value)
{
  simdjson::dom::object::iterator it;

  if (iter->at.doc == nullptr || iter->at.index == iter->end.index)
    return FALSE;
  it = to_iterator<simdjson::dom::object::iterator> (iter->at);
  *name = it.key_c_str ();
  *name_len = it.key_length ();
  *value = from_element (it.value ());
  ++it;
  iter->at = from_iterator (it);
  return TRUE;
}

extern "C" gboolean
hc_sj_iter_next_member (HcSjIter    *iter,
                        const char **name,
                        HcSjValue   *value)
{
  gsize name_len;

  return hc_sj_iter_next_member_len (iter, name, &name_len, value);
}

extern "C" gboolean
hc_sj_iter_next_element (HcSjIter  *iter,
                         HcSjValue *value)
{
  simdjson::dom::array::iterator it;

  if (iter->at.doc == nullptr || iter->at.index == iter->end.index)
    return FALSE;
  it = to_iterator<simdjson::dom::array::iterator> (iter->at);
  *value = from_element (*it);
  ++it;
  iter->at = from_iterator (it);
  return TRUE;
}

extern "C" char *
hc_sj_to_json (HcSjValue value)
{
  std::string text;

  if (value.doc == nullptr)
    return g_strdup ("");
  text = simdjson::minify (to_element (value));
  return g_strndup (text.data (), text.size ());
}
