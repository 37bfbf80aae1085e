/* hc-http.h — the HTTP layer of the HR connectors: one SoupSession per run,
 * timeouts, retries, redacted logging, JSON pages and pagination
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Defaults, each changed by a setter below. */
#define HC_HTTP_DEFAULT_CONNECT_TIMEOUT 15   /* seconds: resolve, connect, TLS handshake, send */
#define HC_HTTP_DEFAULT_READ_TIMEOUT    60   /* seconds of silence while waiting for the answer */
#define HC_HTTP_DEFAULT_MAX_ATTEMPTS    5
#define HC_HTTP_DEFAULT_MAX_TOTAL       120  /* seconds from the first attempt to the last */
#define HC_HTTP_DEFAULT_BASE_DELAY      500  /* milliseconds before the first retry */
#define HC_HTTP_DEFAULT_MAX_PAGES       10000
#define HC_HTTP_DEFAULT_MAX_RESPONSE    120  /* seconds for one whole answer, body included */
#define HC_HTTP_DEFAULT_MAX_BODY        (64 * 1000 * 1000)  /* bytes of one answer: 64 MB */

/* What every secret is replaced with in logs and error messages. */
#define HC_HTTP_REDACTED "[REDACTED]"

/*
 * HcHttp talks to one HR system for one connector run: create it, set the
 * credentials, make the requests, drop it. It owns one SoupSession.
 *
 * - TLS is always verified: there is no way to turn validation off. Tests
 *   point the trust store at their own certificate with
 *   hc_http_set_tls_database().
 * - The base URL must be https://, except on 127.0.0.1, ::1 and localhost,
 *   where http:// is accepted for local fakes. It carries no user name,
 *   password, query or fragment.
 * - Paths are appended to the base URL ("https://api.personio.de/v1" +
 *   "/company/employees?limit=100"). An absolute URL is accepted only on the
 *   same scheme, host and port as the base URL, so credentials never leave
 *   for another server; redirects are followed on that condition too.
 * - Requests are retried on 429, 502, 503, 504 and network errors, with
 *   exponential backoff and jitter, honouring Retry-After (seconds or an
 *   HTTP date), until the retry policy's attempts or total time run out.
 *   Other statuses fail at once.
 * - Every body that answers 2xx is parsed as JSON in a worker thread.
 * - Errors are in the HC_ERROR domain (G_IO_ERROR_CANCELLED on
 *   cancellation), with a message for the person reading it: it names the
 *   vendor and the endpoint path (never the query string, never a secret)
 *   and says what to do:
 *     HC_ERROR_AUTH          401, 403
 *     HC_ERROR_NOT_FOUND     404
 *     HC_ERROR_RATE_LIMITED  429 and 503 after the retries
 *     HC_ERROR_NETWORK       timeouts, DNS, refused connections, TLS failures
 *     HC_ERROR_PARSE         a body that is not JSON, incomplete or empty;
 *                            a page without the expected list
 *     HC_ERROR_FAILED        any other status, a redirect or link to another
 *                            server, a pagination that does not end
 *     HC_ERROR_INVALID_CONFIG  a bad base URL (hc_http_new)
 * - HEADCOUNT_HTTP_POLICY="connect=S,read=S,attempts=N,total=S,delay=MS,
 *   response=S,size=BYTES"
 *   in the environment overrides the timeouts and the retry policy of every
 *   new HcHttp (tests, slow test instances); the setters still win after.
 * - Logging goes through g_debug in the "hc-http" domain only
 *   (G_MESSAGES_DEBUG=hc-http): request lines and headers, never bodies.
 *   Authorization, Proxy-Authorization, cookies and every header whose name
 *   contains "auth", "token", "key", "secret", "pass" or "session" are
 *   replaced by HC_HTTP_REDACTED, and so is every registered secret and every
 *   query parameter with such a name, wherever it appears.
 */

#define HC_TYPE_HTTP (hc_http_get_type ())
G_DECLARE_FINAL_TYPE (HcHttp, hc_http, HC, HTTP, GObject)

/* @vendor_name names the HR system in messages ("Personio"). */
HcHttp     *hc_http_new                 (const char    *vendor_name,
                                         const char    *base_url,
                                         GError       **error);

const char *hc_http_get_vendor_name     (HcHttp        *self);
/* Normalised, without a trailing slash. */
const char *hc_http_get_base_url        (HcHttp        *self);

/* Seconds, at least 1 each. The read timeout bounds every wait on the
 * socket, connecting included. */
void        hc_http_set_timeouts        (HcHttp        *self,
                                         guint          connect_seconds,
                                         guint          read_seconds);
/* @max_attempts counts the first request (1 = no retry); @max_total_seconds
 * bounds the time from the first attempt to the start of the last one: a
 * retry, or a Retry-After, that would end later is not attempted;
 * @base_delay_ms doubles at each retry (with jitter, at most 30 s). */
void        hc_http_set_retry_policy    (HcHttp        *self,
                                         guint          max_attempts,
                                         guint          max_total_seconds,
                                         guint          base_delay_ms);
/* NULL restores the system's trust store. */
void        hc_http_set_tls_database    (HcHttp        *self,
                                         GTlsDatabase  *database);

/* A header sent with every request ("Api-Version", "Accept"…). A NULL
 * @value removes it. Accept is "application/json" unless set here. */
void        hc_http_set_header          (HcHttp        *self,
                                         const char    *name,
                                         const char    *value);
/* The credentials header, e.g. ("Authorization", "Bearer …") or Lucca's
 * ("Authorization", "lucca application=…"). The value is registered as a
 * secret, with its token part and, for Basic, the decoded user name and
 * password. NULL @value removes it. */
void        hc_http_set_auth_header     (HcHttp        *self,
                                         const char    *name,
                                         const char    *value);
/* Registers a string that must never be logged or shown (a query token, a
 * client secret): it and its URL-escaped form become HC_HTTP_REDACTED.
 * Strings shorter than 4 characters are ignored (BambooHR's "x" password). */
void        hc_http_add_secret          (HcHttp        *self,
                                         const char    *secret);
/* @text with every secret and sensitive query value replaced: for the
 * connectors' own messages. */
char       *hc_http_redact              (HcHttp        *self,
                                         const char    *text);

/* One request whose answer is JSON. @path_or_url: a path (with its query)
 * appended to the base URL, or an absolute URL on the base URL's origin.
 * @body may be NULL; @content_type goes with it. */
void        hc_http_request_json_async  (HcHttp        *self,
                                         const char    *method,
                                         const char    *path_or_url,
                                         GBytes        *body,
                                         const char    *content_type,
                                         GCancellable  *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer       user_data);
/* (transfer full): the parsed document, never NULL without an error. */
JsonNode   *hc_http_request_json_finish (HcHttp        *self,
                                         GAsyncResult  *result,
                                         GError       **error);

/* As hc_http_request_json_async(), for an API whose answers the caller
 * reads further (SCIM): an empty 2xx answer (204) gives a JSON null, and
 * hc_http_request_full_finish() also gives the final HTTP status and, for
 * an answer that is not 2xx, its body when it is JSON (a SCIM error's
 * scimType and detail). The same retries and errors otherwise. */
void        hc_http_request_full_async  (HcHttp        *self,
                                         const char    *method,
                                         const char    *path_or_url,
                                         GBytes        *body,
                                         const char    *content_type,
                                         GCancellable  *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer       user_data);
/* @status, @error_body: (out) (optional); @error_body (transfer full),
 * NULL when there is none. */
JsonNode   *hc_http_request_full_finish (HcHttp        *self,
                                         GAsyncResult  *result,
                                         guint         *status,
                                         JsonNode     **error_body,
                                         GError       **error);

void        hc_http_get_json_async      (HcHttp        *self,
                                         const char    *path_or_url,
                                         GCancellable  *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer       user_data);
JsonNode   *hc_http_get_json_finish     (HcHttp        *self,
                                         GAsyncResult  *result,
                                         GError       **error);

/* POST @body serialised as application/json. */
void        hc_http_post_json_async     (HcHttp        *self,
                                         const char    *path_or_url,
                                         JsonNode      *body,
                                         GCancellable  *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer       user_data);
JsonNode   *hc_http_post_json_finish    (HcHttp        *self,
                                         GAsyncResult  *result,
                                         GError       **error);

/* POST @fields (char* → char*) as application/x-www-form-urlencoded.
 * Values of fields named like a secret ("client_secret", "password",
 * "api_key"…) are registered with hc_http_add_secret(). */
void        hc_http_post_form_async     (HcHttp        *self,
                                         const char    *path_or_url,
                                         GHashTable    *fields,
                                         GCancellable  *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer       user_data);
JsonNode   *hc_http_post_form_finish    (HcHttp        *self,
                                         GAsyncResult  *result,
                                         GError       **error);

/* Decoding a large answer in a worker thread, instead of json-glib: for
 * pages of employees (hc-simdjson.h). */

typedef struct
{
  gint64          n_items;    /* the items of the page's list; -1 when it has none */
  gint64          total;      /* the total number of items, trusted as total_path is, or -1 */
  gint64          estimate;   /* a total not to be trusted, or -1: it only bounds
                               * the pages asked ahead (max_in_flight) */
  char           *first;      /* the first item as text, to recognise a page sent twice
                               * (HcHttp hashes it into first_checksum, then frees it) */
  char           *first_checksum; /* HcHttp's, set in the decoding thread */
  char          **ids;        /* n_items ids (NULL where an item has none), or NULL */
  char           *next;       /* CURSOR paging: the next cursor, or NULL */
  gpointer        data;       /* the decoder's result, for the caller */
  GDestroyNotify  data_free;
} HcHttpDecoded;

/* Called in a worker thread (so @user_data must be safe there) with a
 * successful answer that starts like JSON, followed by HC_SJ_PADDING zero
 * bytes (hc_sj_parse_padded() reads it without a copy). Fills @page; FALSE (@error set,
 * a technical detail for the debug log) when the JSON is malformed: the
 * caller then gets the usual "malformed JSON" error. */
typedef gboolean (*HcHttpDecodeFunc) (const char    *data,
                                      gsize          size,
                                      HcHttpDecoded *page,
                                      gpointer       user_data,
                                      GError       **error);

void           hc_http_decoded_free        (HcHttpDecoded *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcHttpDecoded, hc_http_decoded_free)

/* GET, with the same retries and checks as hc_http_get_json_async(), then
 * @decode in a worker thread. */
void           hc_http_get_decoded_async   (HcHttp            *self,
                                            const char        *path_or_url,
                                            HcHttpDecodeFunc   decode,
                                            gpointer           decode_data,
                                            GCancellable      *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer           user_data);
/* (transfer full) */
HcHttpDecoded *hc_http_get_decoded_finish  (HcHttp            *self,
                                            GAsyncResult      *result,
                                            GError           **error);

/* Pagination. */

typedef enum
{
  HC_HTTP_PAGING_OFFSET,  /* {offset} advances by the items received */
  HC_HTTP_PAGING_PAGE,    /* {page} advances by one */
  HC_HTTP_PAGING_CURSOR,  /* {cursor} (or a link) comes from each page */
} HcHttpPaging;

/*
 * Describes a paged list. The strings are copied by
 * hc_http_fetch_pages_async(). Paths into the JSON are member names joined
 * by dots ("data.items", "_meta.links.next.href"), read with checked
 * access: a missing member or a wrong type is never a critical.
 *
 * @query is a template appended to @path, with "{offset}", "{limit}",
 * "{page}" and "{cursor}" (URL-escaped) replaced. Defaults:
 *   OFFSET "offset={offset}&limit={limit}"
 *   PAGE   "page={page}&limit={limit}"
 *   CURSOR "cursor={cursor}&limit={limit}"
 * Examples: Lucca v3 "paging={offset},{limit}"; SCIM
 * "startIndex={offset}&count={limit}" with first = 1; BambooHR
 * "page[limit]={limit}&page[after]={cursor}". A "name=value" pair with
 * "{cursor}" is left out of the first request, one with "{limit}" when
 * @page_size is 0.
 *
 * The fetch ends, successfully, on an empty page; on a short page (fewer
 * items than @page_size) in OFFSET and PAGE styles when @total_path gives no
 * total; once the total is reached; in CURSOR style when a page has no next
 * cursor. It fails with HC_ERROR_FAILED, and delivers nothing more, when a
 * page repeats an earlier one (same first item, or only items already
 * delivered), when a cursor comes back, or after @max_pages pages, fewer when
 * the first page gives a total (what it needs, plus a tenth and two): the list
 * would be incomplete, so that is not reported as success.
 */
typedef struct
{
  HcHttpPaging  style;
  const char   *path;          /* endpoint, may carry a fixed query */
  const char   *query;         /* paging template; NULL for the style's default */
  guint         page_size;     /* {limit}; 0 lets the server choose */
  gint64        first;         /* the first {offset} or {page}: 0 or 1 */
  const char   *items_path;    /* the items array; NULL or "" when the root is the array */
  const char   *next_path;     /* CURSOR: the next cursor (string or integer) */
  gboolean      next_is_link;  /* CURSOR: next_path holds a URL (absolute or relative) to follow */
  const char   *total_path;    /* optional: the total number of items */
  const char   *id_path;       /* optional, inside each item: items with an id already delivered are dropped */
  guint         max_pages;     /* 0 for HC_HTTP_DEFAULT_MAX_PAGES */
  /* Optional: each page decoded by @decode in a worker thread instead of
   * json-glib; items_path, next_path, total_path and id_path are then the
   * decoder's to follow, and the pages' items and root are NULL. */
  HcHttpDecodeFunc decode;
  gpointer      decode_data;
  /* OFFSET and PAGE paging, with a page_size: up to this many pages asked
   * at once (0 or 1: one after the other). Pages are still delivered in
   * order, and what follows the end of the list is dropped. */
  guint         max_in_flight;
} HcHttpPager;

typedef struct
{
  guint       index;     /* 0 for the first page */
  GPtrArray  *items;     /* JsonNode* of the new items, borrowed */
  JsonNode   *root;      /* the whole page, borrowed */
  guint64     n_before;  /* items delivered on earlier pages */
  gint64      total;     /* from total_path, or -1 */
  /* With a decoder: its result, and for each item of the page TRUE when
   * its id was delivered before (the item is to be dropped). */
  gpointer       decoded;
  const gboolean *repeated;
} HcHttpPage;

/* Called on the caller's main context for each page with new items; valid
 * only during the call. Returning FALSE (with @error set) stops the fetch
 * with that error. */
typedef gboolean (*HcHttpPageFunc) (HcHttp            *http,
                                    const HcHttpPage  *page,
                                    gpointer           user_data,
                                    GError           **error);

void        hc_http_fetch_pages_async   (HcHttp            *self,
                                         const HcHttpPager *pager,
                                         HcHttpPageFunc     on_page,
                                         gpointer           page_data,
                                         GCancellable      *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer           user_data);
/* @n_items: (out) (optional): the items delivered. */
gboolean    hc_http_fetch_pages_finish  (HcHttp            *self,
                                         GAsyncResult      *result,
                                         guint64           *n_items,
                                         GError           **error);

G_END_DECLS
