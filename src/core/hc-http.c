/* hc-http.c — the HTTP layer of the HR connectors: one SoupSession per run,
 * timeouts, retries, redacted logging, JSON pages and pagination
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-http"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "hc-error.h"
#include "hc-http.h"
#include "hc-json.h"
#include "hc-memory.h"
#include "hc-simdjson.h"

#define MAX_DELAY_MS       30000  /* one backoff step, before jitter */
#define MAX_REDIRECTS      5
#define MAX_DETAIL_CHARS   200    /* of a vendor's own error text */
#define IDLE_TIMEOUT       30     /* seconds a pooled connection stays open */
#define MIN_SECRET_LENGTH  4

/* not in libsoup 3.2's SoupStatus */
#define STATUS_TOO_MANY_REQUESTS 429

struct _HcHttp
{
  GObject      parent_instance;

  char        *vendor_name;
  GUri        *base_uri;
  char        *base_url;
  SoupSession *session;
  SoupLogger  *logger;          /* when debug output is on */

  guint        connect_timeout;
  guint        read_timeout;
  guint        max_attempts;
  guint        max_total;
  guint        base_delay_ms;
  guint        max_response;    /* seconds for one whole answer */
  guint64      max_body;        /* bytes of one answer */

  char        *auth_name;
  char        *auth_value;
  GPtrArray   *header_names;    /* char*, parallel to header_values */
  GPtrArray   *header_values;
  GPtrArray   *secrets;         /* char*, longest first */
};

G_DEFINE_FINAL_TYPE (HcHttp, hc_http, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VENDOR_NAME,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Words that make a header or a query parameter secret. */
static const char * const sensitive_words[] = {
  "auth", "token", "key", "secret", "pass", "session", "cookie", "credential", "signature", NULL
};

static gboolean
name_is_sensitive (const char *name,
                   gssize      length)
{
  g_autofree char *lower = g_ascii_strdown (name, length);

  for (guint i = 0; sensitive_words[i] != NULL; i++)
    if (strstr (lower, sensitive_words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
logger_discard_cb (SoupLogger        *logger,
                   SoupLoggerLogLevel level,
                   char               direction,
                   const char        *data,
                   gpointer           user_data)
{
}

static void
hc_http_finalize (GObject *object)
{
  HcHttp *self = HC_HTTP (object);

  /* an answer cut off by a limit may still be draining: close it, and its
   * log lines must not reach a printer whose data is gone */
  if (self->logger != NULL)
    soup_logger_set_printer (self->logger, logger_discard_cb, NULL, NULL);
  g_clear_object (&self->logger);
  soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_free (self->base_url);
  g_free (self->vendor_name);
  g_free (self->auth_name);
  g_free (self->auth_value);
  g_ptr_array_unref (self->header_names);
  g_ptr_array_unref (self->header_values);
  g_ptr_array_unref (self->secrets);

  G_OBJECT_CLASS (hc_http_parent_class)->finalize (object);
}

static void
hc_http_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  HcHttp *self = HC_HTTP (object);

  switch (prop_id)
    {
    case PROP_VENDOR_NAME:
      g_value_set_string (value, self->vendor_name);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_http_class_init (HcHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_http_finalize;
  object_class->get_property = hc_http_get_property;

  properties[PROP_VENDOR_NAME] =
    g_param_spec_string ("vendor-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_http_init (HcHttp *self)
{
  self->connect_timeout = HC_HTTP_DEFAULT_CONNECT_TIMEOUT;
  self->read_timeout = HC_HTTP_DEFAULT_READ_TIMEOUT;
  self->max_response = HC_HTTP_DEFAULT_MAX_RESPONSE;
  self->max_body = HC_HTTP_DEFAULT_MAX_BODY;
  self->max_attempts = HC_HTTP_DEFAULT_MAX_ATTEMPTS;
  self->max_total = HC_HTTP_DEFAULT_MAX_TOTAL;
  self->base_delay_ms = HC_HTTP_DEFAULT_BASE_DELAY;
  self->header_names = g_ptr_array_new_with_free_func (g_free);
  self->header_values = g_ptr_array_new_with_free_func (g_free);
  self->secrets = g_ptr_array_new_with_free_func (g_free);
}

/* Redaction */

/* Replaces the value of every query parameter with a sensitive name:
 * "?access_token=abc&limit=5" → "?access_token=[REDACTED]&limit=5". */
static void
redact_query_values (GString *s)
{
  gsize i = 0;

  while (i < s->len)
    {
      gsize name_start, name_end, value_end;

      if (s->str[i] != '?' && s->str[i] != '&' && s->str[i] != ';')
        {
          i++;
          continue;
        }

      name_start = name_end = i + 1;
      while (name_end < s->len &&
             (g_ascii_isalnum (s->str[name_end]) || strchr ("_-.[]%", s->str[name_end]) != NULL))
        name_end++;
      if (name_end == name_start || name_end >= s->len || s->str[name_end] != '=')
        {
          i++;
          continue;
        }

      value_end = name_end + 1;
      while (value_end < s->len && strchr ("&#;\"'<> \t\r\n", s->str[value_end]) == NULL)
        value_end++;

      if (value_end > name_end + 1 &&
          name_is_sensitive (s->str + name_start, name_end - name_start))
        {
          g_string_erase (s, name_end + 1, value_end - name_end - 1);
          g_string_insert (s, name_end + 1, HC_HTTP_REDACTED);
          value_end = name_end + 1 + strlen (HC_HTTP_REDACTED);
        }
      i = value_end;
    }
}

char *
hc_http_redact (HcHttp     *self,
                const char *text)
{
  GString *s;

  g_return_val_if_fail (HC_IS_HTTP (self), NULL);

  if (text == NULL)
    return NULL;

  s = g_string_new (text);
  for (guint i = 0; i < self->secrets->len; i++)
    g_string_replace (s, g_ptr_array_index (self->secrets, i), HC_HTTP_REDACTED, 0);
  redact_query_values (s);
  return g_string_free (s, FALSE);
}

/* A header line as SoupLogger prints it ("Authorization: Bearer …"). */
static char *
redact_log_line (HcHttp     *self,
                 const char *line)
{
  const char *colon = strchr (line, ':');

  if (colon != NULL && colon > line && colon[1] == ' ' &&
      strcspn (line, " \t") > (gsize) (colon - line) &&
      name_is_sensitive (line, colon - line))
    return g_strdup_printf ("%.*s: %s", (int) (colon - line), line, HC_HTTP_REDACTED);

  return hc_http_redact (self, line);
}

static int
compare_longest_first (gconstpointer a,
                       gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

static void
add_secret_form (HcHttp     *self,
                 const char *secret)
{
  if (secret == NULL || strlen (secret) < MIN_SECRET_LENGTH)
    return;
  for (guint i = 0; i < self->secrets->len; i++)
    if (g_str_equal (g_ptr_array_index (self->secrets, i), secret))
      return;
  g_ptr_array_add (self->secrets, g_strdup (secret));
}

void
hc_http_add_secret (HcHttp     *self,
                    const char *secret)
{
  g_autofree char *escaped = NULL;
  g_autofree char *form_escaped = NULL;

  g_return_if_fail (HC_IS_HTTP (self));

  if (secret == NULL || strlen (secret) < MIN_SECRET_LENGTH)
    return;

  /* as it appears in a URL, and in a form body (spaces as "+") */
  escaped = g_uri_escape_string (secret, NULL, FALSE);
  {
    GString *form = g_string_new (escaped);

    g_string_replace (form, "%20", "+", 0);
    form_escaped = g_string_free (form, FALSE);
  }
  add_secret_form (self, secret);
  add_secret_form (self, escaped);
  add_secret_form (self, form_escaped);
  g_ptr_array_sort (self->secrets, compare_longest_first);
}

/* Construction and settings */

static void
logger_print_cb (SoupLogger        *logger,
                 SoupLoggerLogLevel level,
                 char               direction,
                 const char        *data,
                 gpointer           user_data)
{
  HcHttp *self = user_data;
  g_autofree char *line = redact_log_line (self, data);

  g_debug ("%c %s", direction, line);
}

static gboolean
host_is_loopback (const char *host)
{
  return g_ascii_strcasecmp (host, "localhost") == 0 ||
         g_str_equal (host, "127.0.0.1") ||
         g_str_equal (host, "::1");
}

static int
uri_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         uri_port (a) == uri_port (b);
}

/* "api.personio.de", "127.0.0.1:8080", "[::1]:8080" */
static char *
describe_host (GUri *uri)
{
  const char *host = g_uri_get_host (uri) ? g_uri_get_host (uri) : "";
  gboolean ipv6 = strchr (host, ':') != NULL;
  int port = g_uri_get_port (uri);
  gboolean https = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;

  if (port <= 0 || (https && port == 443) || (!https && port == 80))
    return g_strdup_printf (ipv6 ? "[%s]" : "%s", host);
  return g_strdup_printf (ipv6 ? "[%s]:%d" : "%s:%d", host, port);
}

/* HEADCOUNT_HTTP_POLICY="connect=2,read=2,attempts=3,total=10,delay=50,
 * response=2,size=1048576" (seconds, delay in ms, size in bytes): for test instances behind slow proxies and for
 * the tests, which cannot wait two minutes for a retry budget. Unknown or
 * malformed entries are ignored. */
static void
apply_environment (HcHttp *self)
{
  const char *policy = g_getenv ("HEADCOUNT_HTTP_POLICY");
  g_auto (GStrv) entries = NULL;
  guint connect = self->connect_timeout, read = self->read_timeout;
  guint attempts = self->max_attempts, total = self->max_total, delay = self->base_delay_ms;

  if (policy == NULL || *policy == '\0')
    return;

  entries = g_strsplit (policy, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (g_strstrip (entries[i]), "=", 2);
      guint64 value;

      if (pair[0] == NULL || pair[1] == NULL ||
          !g_ascii_string_to_unsigned (pair[1], 10, 0, G_MAXUINT, &value, NULL))
        continue;
      if (g_str_equal (pair[0], "connect"))
        connect = value;
      else if (g_str_equal (pair[0], "read"))
        read = value;
      else if (g_str_equal (pair[0], "attempts"))
        attempts = value;
      else if (g_str_equal (pair[0], "total"))
        total = value;
      else if (g_str_equal (pair[0], "delay"))
        delay = value;
      else if (g_str_equal (pair[0], "response"))
        self->max_response = MAX (value, 1);
      else if (g_str_equal (pair[0], "size"))
        self->max_body = MAX (value, 1);
    }
  hc_http_set_timeouts (self, connect, read);
  hc_http_set_retry_policy (self, attempts, total, delay);
}

HcHttp *
hc_http_new (const char *vendor_name,
             const char *base_url,
             GError    **error)
{
  g_autoptr (HcHttp) self = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *user_agent = NULL;
  const char *scheme, *host;

  g_return_val_if_fail (vendor_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The address of %s is missing. Enter it in the connector settings."),
                   vendor_name);
      return NULL;
    }

  /* The URL is not quoted back: it could carry a password. */
  uri = g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The address of %s is not a valid web address. Enter one that starts with https:// in the connector settings."),
                   vendor_name);
      return NULL;
    }
  if (g_str_equal (scheme, "http") && !host_is_loopback (host))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The address of %s must start with https://, so that the API credentials travel encrypted. Change it in the connector settings."),
                   vendor_name);
      return NULL;
    }
  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The address of %s must not contain a user name, a password, a “?” or a “#”. Enter the credentials in their own fields in the connector settings."),
                   vendor_name);
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  self = g_object_new (HC_TYPE_HTTP, NULL);
  self->vendor_name = g_strdup (vendor_name);
  self->base_uri = g_uri_build (SOUP_HTTP_URI_FLAGS, scheme, NULL, host, g_uri_get_port (uri),
                                path, NULL, NULL);
  self->base_url = g_uri_to_string (self->base_uri);
  /* SCHEME_NORMALIZE turns an empty path into "/": paths bring their own */
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';

  /* A trailing space makes libsoup append its own name and version. */
  user_agent = g_strdup_printf ("Headcount/%s ", PACKAGE_VERSION);
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", self->read_timeout,
                                                 "idle-timeout", IDLE_TIMEOUT,
                                                 NULL);

  /* SoupLogger prints Bearer tokens and custom auth headers in clear, and
   * only half-masks Basic: every line goes through the redacting printer.
   * Headers only: bodies hold personal data. */
  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      self->logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);
      soup_logger_set_printer (self->logger, logger_print_cb, self, NULL);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (self->logger));
    }

  apply_environment (self);

  return g_steal_pointer (&self);
}

const char *
hc_http_get_vendor_name (HcHttp *self)
{
  g_return_val_if_fail (HC_IS_HTTP (self), NULL);

  return self->vendor_name;
}

const char *
hc_http_get_base_url (HcHttp *self)
{
  g_return_val_if_fail (HC_IS_HTTP (self), NULL);

  return self->base_url;
}

void
hc_http_set_timeouts (HcHttp *self,
                      guint   connect_seconds,
                      guint   read_seconds)
{
  g_return_if_fail (HC_IS_HTTP (self));

  self->connect_timeout = MAX (connect_seconds, 1);
  self->read_timeout = MAX (read_seconds, 1);
  soup_session_set_timeout (self->session, self->read_timeout);
}

void
hc_http_set_retry_policy (HcHttp *self,
                          guint   max_attempts,
                          guint   max_total_seconds,
                          guint   base_delay_ms)
{
  g_return_if_fail (HC_IS_HTTP (self));

  self->max_attempts = MAX (max_attempts, 1);
  self->max_total = max_total_seconds;
  self->base_delay_ms = MIN (base_delay_ms, MAX_DELAY_MS);
}

void
hc_http_set_tls_database (HcHttp       *self,
                          GTlsDatabase *database)
{
  g_return_if_fail (HC_IS_HTTP (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  if (database == NULL)
    {
      /* explicitly the system's store: never "no database" */
      g_autoptr (GTlsDatabase) system = g_tls_backend_get_default_database (g_tls_backend_get_default ());

      soup_session_set_tls_database (self->session, system);
      return;
    }
  soup_session_set_tls_database (self->session, database);
}

void
hc_http_set_header (HcHttp     *self,
                    const char *name,
                    const char *value)
{
  g_return_if_fail (HC_IS_HTTP (self));
  g_return_if_fail (name != NULL);

  for (guint i = 0; i < self->header_names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->header_names, i), name) == 0)
      {
        g_ptr_array_remove_index (self->header_names, i);
        g_ptr_array_remove_index (self->header_values, i);
        break;
      }

  if (value != NULL)
    {
      g_ptr_array_add (self->header_names, g_strdup (name));
      g_ptr_array_add (self->header_values, g_strdup (value));
    }
}

void
hc_http_set_auth_header (HcHttp     *self,
                         const char *name,
                         const char *value)
{
  const char *space;

  g_return_if_fail (HC_IS_HTTP (self));
  g_return_if_fail (name != NULL);

  g_clear_pointer (&self->auth_name, g_free);
  g_clear_pointer (&self->auth_value, g_free);
  if (value == NULL)
    return;

  self->auth_name = g_strdup (name);
  self->auth_value = g_strdup (value);

  hc_http_add_secret (self, value);
  space = strrchr (value, ' ');
  if (space != NULL)
    {
      const char *token = space + 1;
      const char *equals = strchr (token, '=');

      hc_http_add_secret (self, token);
      /* Lucca: "lucca application=KEY" */
      if (equals != NULL)
        hc_http_add_secret (self, equals + 1);
    }

  if (g_ascii_strncasecmp (value, "Basic ", 6) == 0)
    {
      gsize length = 0;
      g_autofree guchar *decoded = g_base64_decode (value + 6, &length);
      g_autofree char *text = g_strndup ((const char *) decoded, length);
      g_auto (GStrv) parts = g_strsplit (text, ":", 2);

      for (guint i = 0; parts[i] != NULL; i++)
        hc_http_add_secret (self, parts[i]);
    }
}

/* Durations and counts in sentences */

static char *
format_seconds (guint64 seconds)
{
  if (seconds < 120)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
                            (guint) seconds);
  if (seconds < 2 * 3600)
    {
      guint minutes = (seconds + 30) / 60;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                              minutes);
    }
  else
    {
      guint hours = (seconds + 1800) / 3600;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
    }
}

static char *
format_elapsed_ms (gint64 ms)
{
  if (ms < 1000)
    return g_strdup (_("less than a second"));
  return format_seconds ((ms + 500) / 1000);
}

/* URLs */

/* The path for messages: no query, no secret. */
static char *
describe_path (HcHttp *self,
               GUri   *uri)
{
  const char *path = g_uri_get_path (uri);

  return hc_http_redact (self, (path != NULL && *path != '\0') ? path : "/");
}

static GUri *
resolve_uri (HcHttp     *self,
             const char *path_or_url,
             GError    **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *url = NULL;

  if (g_uri_peek_scheme (path_or_url) != NULL)
    {
      uri = g_uri_parse (path_or_url, SOUP_HTTP_URI_FLAGS, NULL);
      if (uri != NULL && !same_origin (uri, self->base_uri))
        {
          g_autofree char *host = describe_host (uri);
          g_autofree char *ours = describe_host (self->base_uri);

          g_set_error (error, HC_ERROR, HC_ERROR_FAILED,
                       _("%s sent a link to another server (%s) instead of %s. Headcount does not send the API credentials there; check the base URL in the connector settings."),
                       self->vendor_name, host, ours);
          return NULL;
        }
    }
  else
    {
      url = g_strconcat (self->base_url, path_or_url[0] == '/' ? "" : "/", path_or_url, NULL);
      uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
    }

  if (uri == NULL)
    {
      g_autofree char *shown = hc_http_redact (self, path_or_url);
      char *query = strchr (shown, '?');

      if (query != NULL)
        *query = '\0';
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("Could not build a valid address for %s from %s. This is a bug in Headcount: please report it."),
                   self->vendor_name, shown);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* One request */

typedef struct
{
  char            *method;
  GUri            *uri;
  char            *display_path; /* redacted, without the query */
  GBytes          *body;
  char            *content_type;

  gint64           start_us;
  guint            attempts;
  guint            redirects;

  SoupMessage     *msg;
  GCancellable    *attempt_cancellable;
  gulong           cancelled_id;
  GSource         *connect_source;
  gboolean         connect_timed_out;
  GSource         *sleep_source;
  GSource         *cancel_source;
  GSource         *deadline_source;
  gboolean         deadline_hit;
  gboolean         deadline_is_total;
  gboolean         too_large;
  GInputStream    *stream;
  char            *received;     /* hc_sj_buffer_acquire(): the body so far */
  gsize            received_len;

  GBytes          *response;     /* handed to the parsing thread */
  HcHttpDecodeFunc decode;       /* instead of json-glib, or NULL */
  gpointer         decode_data;

  /* The last failure worth a retry, for the final sentence. */
  guint            last_status;
  GError          *last_error;

  /* hc_http_request_full_async(): an empty 2xx is a JSON null, and the
   * final status and error body are kept for the caller. */
  gboolean         full;
  guint            final_status;
  GBytes          *error_body;
} Request;

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
request_free (Request *r)
{
  destroy_source (&r->connect_source);
  destroy_source (&r->sleep_source);
  destroy_source (&r->cancel_source);
  destroy_source (&r->deadline_source);
  g_clear_object (&r->stream);
  g_clear_pointer (&r->received, hc_sj_buffer_release);
  if (r->msg != NULL)
    g_signal_handlers_disconnect_by_data (r->msg, r);
  g_clear_object (&r->msg);
  g_clear_object (&r->attempt_cancellable);
  g_clear_pointer (&r->uri, g_uri_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->response, g_bytes_unref);
  g_clear_pointer (&r->error_body, g_bytes_unref);
  g_clear_error (&r->last_error);
  g_free (r->method);
  g_free (r->display_path);
  g_free (r->content_type);
  g_free (r);
}

static gint64
request_elapsed_ms (Request *r)
{
  return (g_get_monotonic_time () - r->start_us) / 1000;
}

static char *
request_host (Request *r)
{
  return describe_host (r->uri);
}

/* A short, single-line quote of what the vendor said about an error. */
static char *
vendor_detail (HcHttp      *self,
               SoupMessage *msg,
               GBytes      *body)
{
  static const char * const members[] = { "error_description", "message", "detail", "title", "error", NULL };
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *text = soup_message_headers_get_one (headers, "X-BambooHR-Error-Message");
  g_autoptr (JsonParser) parser = NULL;
  g_autofree char *found = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *redacted = NULL;
  GString *line;
  guint n_chars = 0;
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  if (text == NULL && data != NULL && size > 0 && size <= 16384 &&
      g_utf8_validate (data, size, NULL))
    {
      JsonNode *node;

      parser = json_parser_new ();
      if (hc_json_load (parser, data, size, NULL) &&
          (node = json_parser_get_root (parser)) != NULL)
        {
          /* {"error": {"message": …}}, {"errors": [{"detail": …}]}, {"message": …} */
          for (guint depth = 0; depth < 3 && found == NULL && JSON_NODE_HOLDS_OBJECT (node); depth++)
            {
              JsonObject *object = json_node_get_object (node);
              JsonNode *next = NULL;

              for (guint i = 0; members[i] != NULL && found == NULL; i++)
                {
                  JsonNode *member = json_object_get_member (object, members[i]);

                  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
                      json_node_get_value_type (member) == G_TYPE_STRING)
                    found = g_strdup (json_node_get_string (member));
                  else if (member != NULL && next == NULL && JSON_NODE_HOLDS_OBJECT (member))
                    next = member;
                }
              if (next == NULL)
                {
                  JsonNode *errors = json_object_get_member (object, "errors");

                  if (errors != NULL && JSON_NODE_HOLDS_ARRAY (errors) &&
                      json_array_get_length (json_node_get_array (errors)) > 0)
                    next = json_array_get_element (json_node_get_array (errors), 0);
                }
              node = next;
              if (node == NULL)
                break;
            }
        }
      text = found;
    }

  if (text == NULL || *text == '\0')
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  line = g_string_new (NULL);
  for (const char *p = valid; *p != '\0' && n_chars < MAX_DETAIL_CHARS; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        c = ' ';
      g_string_append_unichar (line, c);
    }
  g_strstrip (line->str);
  redacted = hc_http_redact (self, line->str);
  g_string_free (line, TRUE);
  if (*redacted == '\0')
    return NULL;
  return g_steal_pointer (&redacted);
}

typedef struct
{
  HcError code;
  char   *problem;
  char   *detail;    /* optional */
  char   *action;
  char   *technical; /* the status and the address, for "Technical details" */
} Failure;

static void
failure_clear (Failure *f)
{
  g_free (f->problem);
  g_free (f->technical);
  g_free (f->detail);
  g_free (f->action);
}

static const char *
describe_certificate_flags (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("it is not signed by a trusted authority");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it was issued for another server");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("it has expired");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("it is not valid yet");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("it has been revoked");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return _("it uses an insecure algorithm");
  return _("the secure connection could not be set up");
}

static gboolean
error_is_tls (Request      *r,
              const GError *error)
{
  return error->domain == G_TLS_ERROR ||
         (r->msg != NULL && soup_message_get_tls_peer_certificate_errors (r->msg) != 0);
}

static gboolean
error_is_retryable (Request      *r,
                    const GError *error)
{
  if (error_is_tls (r, error))
    return FALSE;
  if (error->domain == G_RESOLVER_ERROR)
    return error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE;
  if (error->domain != G_IO_ERROR)
    return FALSE;

  switch (error->code)
    {
    case G_IO_ERROR_TIMED_OUT:
    case G_IO_ERROR_CONNECTION_REFUSED:
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_BROKEN_PIPE:  /* also G_IO_ERROR_CONNECTION_CLOSED */
    case G_IO_ERROR_PARTIAL_INPUT:
    case G_IO_ERROR_NOT_CONNECTED:
    case G_IO_ERROR_PROXY_FAILED:
      return TRUE;

    default:
      return FALSE;
    }
}

static void
describe_network_error (HcHttp       *self,
                        Request      *r,
                        const GError *error,
                        Failure      *f)
{
  const char *vendor = self->vendor_name;
  g_autofree char *host = request_host (r);

  f->code = HC_ERROR_NETWORK;

  if (r->connect_timed_out)
    {
      g_autofree char *limit = format_seconds (self->connect_timeout);

      f->problem = g_strdup_printf (_("Could not connect to %s (%s) within %s."), vendor, host, limit);
      f->action = g_strdup (_("Check the network connection and the base URL in the connector settings."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_autofree char *limit = format_seconds (self->read_timeout);

      f->problem = g_strdup_printf (_("%s did not answer within %s."), vendor, limit);
      f->technical = g_strdup (r->display_path);
      f->action = g_strdup (_("Check the network connection, then try again later."));
    }
  else if (error_is_tls (r, error))
    {
      GTlsCertificateFlags flags = r->msg ? soup_message_get_tls_peer_certificate_errors (r->msg) : 0;

      f->problem = g_strdup_printf (_("Could not verify the certificate of %s (%s): %s."),
                                    vendor, host, describe_certificate_flags (flags));
      f->action = g_strdup (_("Headcount never sends credentials over an unverified connection. Check the base URL in the connector settings and the computer’s date and time; a network that inspects secure connections also causes this."));
    }
  else if (error->domain == G_RESOLVER_ERROR)
    {
      f->problem = g_strdup_printf (_("Could not find the server of %s (%s)."), vendor, host);
      f->action = g_strdup (_("Check the base URL or company domain in the connector settings, and the network connection."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      f->problem = g_strdup_printf (_("Could not connect to %s (%s): the connection was refused."), vendor, host);
      f->action = g_strdup (_("Check the base URL in the connector settings, then try again later."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    {
      f->code = HC_ERROR_PARSE;
      f->problem = g_strdup_printf (_("%s sent an incomplete response."), vendor);
      f->technical = g_strdup (r->display_path);
      f->action = g_strdup (_("Try again later."));
    }
  else if (error->domain == SOUP_SESSION_ERROR)
    {
      f->code = HC_ERROR_PARSE;
      f->problem = g_strdup_printf (_("%s sent a response that is not valid HTTP."), vendor);
      f->technical = g_strdup (r->display_path);
      f->action = g_strdup (_("Check the base URL in the connector settings."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    {
      f->problem = g_strdup_printf (_("Could not reach %s (%s): the network is unreachable."), vendor, host);
      f->action = g_strdup (_("Check the network connection, then try again."));
    }
  else
    {
      g_autofree char *message = hc_http_redact (self, error->message);

      f->problem = g_strdup_printf (_("Could not reach %s (%s): %s."), vendor, host, message);
      f->action = g_strdup (_("Check the network connection, then try again."));
    }
}

static void
describe_status (HcHttp      *self,
                 Request     *r,
                 guint        status,
                 SoupMessage *msg,
                 GBytes      *body,
                 Failure     *f)
{
  const char *vendor = self->vendor_name;
  const char *path = r->display_path;

  f->code = HC_ERROR_FAILED;
  /* Codes and paths are for whoever helps: under "Technical details". */
  f->technical = g_strdup_printf ("HTTP %u %s", status, path);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      f->code = HC_ERROR_AUTH;
      f->problem = g_strdup_printf (_("%s rejected the API credentials."), vendor);
      /* Where to enter them again is the window's or the command line's
       * to say (Edit Credentials…, connector edit --secret-stdin). */
      f->action = g_strdup (_("Check the API credentials."));
      break;

    case SOUP_STATUS_FORBIDDEN:
      f->code = HC_ERROR_AUTH;
      f->problem = g_strdup_printf (_("%s refused access to the employees."), vendor);
      f->action = g_strdup_printf (_("Check in %s that the API credentials may read employees, or enter other credentials in the connector settings."), vendor);
      break;

    case SOUP_STATUS_NOT_FOUND:
      f->code = HC_ERROR_NOT_FOUND;
      f->problem = g_strdup_printf (_("%s has nothing at the address asked."), vendor);
      f->action = g_strdup (_("Check the base URL or company domain in the connector settings."));
      return;

    case STATUS_TOO_MANY_REQUESTS:
      f->code = HC_ERROR_RATE_LIMITED;
      f->problem = g_strdup_printf (_("%s is rate-limiting the requests."), vendor);
      f->action = g_strdup (_("Try again in a few minutes."));
      return;

    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      f->code = HC_ERROR_RATE_LIMITED;
      f->problem = g_strdup_printf (_("%s is unavailable or overloaded."), vendor);
      f->action = g_strdup (_("Try again later."));
      return;

    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      f->problem = g_strdup_printf (_("The servers of %s failed to answer."), vendor);
      f->action = g_strdup (_("Try again later."));
      return;

    default:
      if (SOUP_STATUS_IS_REDIRECTION (status))
        {
          f->problem = g_strdup_printf (_("%s redirected the request to a place Headcount cannot follow."), vendor);
          f->action = g_strdup (_("Check the base URL in the connector settings."));
          return;
        }
      if (SOUP_STATUS_IS_SERVER_ERROR (status))
        {
          f->problem = g_strdup_printf (_("%s had an internal error."), vendor);
          f->action = g_strdup_printf (_("Try again later; if the error persists, contact %s support."), vendor);
          return;
        }
      if (SOUP_STATUS_IS_CLIENT_ERROR (status))
        {
          f->problem = g_strdup_printf (_("%s refused the request."), vendor);
          f->action = g_strdup (_("Check the connector settings, then try again."));
          break;
        }
      f->problem = g_strdup_printf (_("%s answered with an unexpected status."), vendor);
      f->action = g_strdup (_("Try again later."));
      return;
    }

  /* 401, 403 and other 4xx: what the vendor said may tell which setting. */
  {
    g_autofree char *detail = vendor_detail (self, msg, body);

    if (detail != NULL)
      f->detail = g_strdup_printf (_("%s said: “%s”."), vendor, detail);
  }
}

static GError *
failure_to_error (Failure    *f,
                  const char *extra)
{
  GString *message = g_string_new (f->problem);
  GError *error;

  if (f->detail != NULL)
    g_string_append_printf (message, " %s", f->detail);
  if (extra != NULL)
    g_string_append_printf (message, " %s", extra);
  if (f->action != NULL)
    g_string_append_printf (message, " %s", f->action);
  if (f->technical != NULL)
    g_string_append_printf (message, "%s%s", HC_ERROR_TECHNICAL_SEPARATOR, f->technical);
  error = g_error_new_literal (HC_ERROR, f->code, message->str);
  g_string_free (message, TRUE);
  return error;
}

static char *
describe_attempts (Request *r)
{
  g_autofree char *elapsed = NULL;

  if (r->attempts <= 1)
    return NULL;
  elapsed = format_elapsed_ms (request_elapsed_ms (r));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tried %u time over %s.", "Tried %u times over %s.",
                                       r->attempts),
                          r->attempts, elapsed);
}

static void start_attempt (GTask *task);

static void
return_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The operation was cancelled"));
  g_object_unref (task);
}

/* A Retry-After beyond this is said as the date to try again after. */
#define RETRY_AFTER_DATE_MS (G_GINT64_CONSTANT (7) * 24 * 3600 * 1000)
/* The longest Retry-After read, in seconds: 9,000 years, which still fits
 * in µs. */
#define RETRY_AFTER_MAX_S   (G_GUINT64_CONSTANT (9000) * 365 * 24 * 3600)

/* Gives up on the last retryable failure. @wait_ms: a Retry-After longer than
 * the time left, or -1. */
static void
give_up (GTask *task,
         gint64 wait_ms)
{
  HcHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  Failure f = { 0 };
  g_autofree char *attempts = describe_attempts (r);
  g_autofree char *extra = NULL;

  if (r->last_error != NULL)
    describe_network_error (self, r, r->last_error, &f);
  else
    describe_status (self, r, r->last_status, r->msg, NULL, &f);

  if (wait_ms > RETRY_AFTER_DATE_MS)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      g_autoptr (GDateTime) then = g_date_time_add_seconds (now, wait_ms / 1000);
      /* Translators: the date and time a server asks to be tried again,
       * as g_date_time_format() writes it: "12 December 2026, 14:05" */
      g_autofree char *date = then ? g_date_time_format (then, _("%-d %B %Y, %H:%M")) : NULL;
      g_autofree char *asks = NULL;

      if (date != NULL)
        asks = g_strdup_printf (_("It asks to try again after %s."), date);
      else
        asks = g_strdup (_("It asks not to try again for thousands of years."));
      /* The date replaces "try again later". */
      g_clear_pointer (&f.action, g_free);
      extra = attempts ? g_strconcat (asks, " ", attempts, NULL) : g_steal_pointer (&asks);
    }
  else if (wait_ms >= 0)
    {
      g_autofree char *wait = format_elapsed_ms (wait_ms);
      g_autofree char *asks = g_strdup_printf (_("It asks to wait %s."), wait);

      extra = attempts ? g_strconcat (asks, " ", attempts, NULL) : g_steal_pointer (&asks);
    }
  else
    extra = g_steal_pointer (&attempts);

  g_task_return_error (task, failure_to_error (&f, extra));
  failure_clear (&f);
  g_object_unref (task);
}

static gint64
parse_retry_after (SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autofree char *trimmed = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  trimmed = g_strstrip (g_strdup (value));
  /* Any number of seconds: one beyond a week ends the run with the date
  * (RETRY_AFTER_DATE_MS); the largest is taken as RETRY_AFTER_MAX_S. */
  if (*trimmed != '\0' && strspn (trimmed, "0123456789") == strlen (trimmed))
    {
      if (!g_ascii_string_to_unsigned (trimmed, 10, 0, RETRY_AFTER_MAX_S, &seconds, NULL))
        seconds = RETRY_AFTER_MAX_S;
      return seconds * 1000;
    }
  else
    {
      g_autoptr (GDateTime) then = soup_date_time_new_from_http_string (trimmed);
      const char *date = soup_message_headers_get_one (headers, "Date");
      g_autoptr (GDateTime) now = date ? soup_date_time_new_from_http_string (date) : NULL;
      GTimeSpan delta;

      if (then == NULL)
        return -1;
      /* Against the server's own clock when it sent one: no skew. */
      if (now == NULL)
        now = g_date_time_new_now_utc ();
      delta = g_date_time_difference (then, now);
      return CLAMP (delta / 1000, 0, (GTimeSpan) RETRY_AFTER_MAX_S * 1000);
    }
}

static guint
backoff_ms (HcHttp *self,
            guint   retry)
{
  guint64 delay = self->base_delay_ms;

  for (guint i = 1; i < retry && delay < MAX_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_DELAY_MS);
  /* "equal jitter": between half and all of the step */
  return delay / 2 + g_random_int_range (0, delay / 2 + 1);
}

static gboolean
sleep_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);

  g_clear_pointer (&r->sleep_source, g_source_unref);
  destroy_source (&r->cancel_source);
  start_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
sleep_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);

  g_clear_pointer (&r->cancel_source, g_source_unref);
  destroy_source (&r->sleep_source);
  return_cancelled (task);
  return G_SOURCE_REMOVE;
}

/* After a retryable failure (r->last_status or r->last_error set). */
static void
retry_or_give_up (GTask *task,
                  gint64 retry_after_ms)
{
  HcHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gint64 elapsed = request_elapsed_ms (r);
  gint64 budget = (gint64) self->max_total * 1000;
  gint64 delay;

  if (r->attempts >= self->max_attempts)
    {
      give_up (task, -1);
      return;
    }

  delay = backoff_ms (self, r->attempts);
  if (retry_after_ms >= 0)
    {
      /* at least what the server asks, with a little jitter so that
       * several clients do not come back at the same instant */
      gint64 asked = retry_after_ms + g_random_int_range (0, 250);

      if (elapsed + retry_after_ms > budget)
        {
          give_up (task, retry_after_ms);
          return;
        }
      delay = MAX (delay, asked);
    }
  if (elapsed + delay > budget)
    {
      give_up (task, -1);
      return;
    }

  g_debug ("retrying %s %s in %" G_GINT64_FORMAT " ms", r->method, r->display_path, delay);

  r->sleep_source = g_timeout_source_new (delay);
  g_source_set_callback (r->sleep_source, sleep_done_cb, task, NULL);
  g_source_attach (r->sleep_source, g_task_get_context (task));
  if (cancellable != NULL)
    {
      r->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (r->cancel_source, G_SOURCE_FUNC (sleep_cancelled_cb), task, NULL);
      g_source_attach (r->cancel_source, g_task_get_context (task));
    }
}

/* JSON parsing, in a worker thread */

/* What recognises a page sent twice: its first item's text, hashed. */
static char *
text_checksum (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  HcHttp *self = source_object;
  Request *r = task_data;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (r->response, &size);
  const char *vendor = self->vendor_name;
  gsize start = 0;

  while (start < size && g_ascii_isspace (data[start]))
    start++;

  if (start == size && r->full)
    {
      g_task_return_pointer (task, json_node_new (JSON_NODE_NULL), (GDestroyNotify) json_node_unref);
      return;
    }
  if (start == size)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("%s sent an empty response at %s. Try again later."),
                               vendor, r->display_path);
      return;
    }

  /* A decoder validates the text as it goes (simdjson checks UTF-8). */
  if ((data[start] != '{' && data[start] != '[') ||
      (r->decode == NULL && !g_utf8_validate (data, size, NULL)))
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("%s sent a response that is not JSON at %s. Check the base URL in the connector settings; if it is right, try again later."),
                               vendor, r->display_path);
      return;
    }

  if (r->decode != NULL)
    {
      HcHttpDecoded *page = g_new0 (HcHttpDecoded, 1);
      gboolean ok;

      page->n_items = -1;
      page->total = -1;
      page->estimate = -1;
      /* the records of a page take about half its JSON */
      hc_memory_prefault (size / 2);
      ok = r->decode (data, size, page, r->decode_data, &local_error);
      /* the body goes back for the next answer while this one waits its turn */
      g_clear_pointer (&r->response, g_bytes_unref);
      if (!ok)
        {
          hc_http_decoded_free (page);
          g_debug ("JSON error at %s: %s", r->display_path,
                   local_error ? local_error->message : "no document");
          g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                                   _("%s sent incomplete or malformed JSON at %s. Try again later; if the error persists, contact %s support."),
                                   vendor, r->display_path, vendor);
          return;
        }
      /* A SHA-256 of the first item's text (some 150,000 instructions
       * for a Personio employee) here rather than on the main thread,
       * which reads the next pages meanwhile. */
      page->first_checksum = text_checksum (page->first != NULL ? page->first : "");
      g_clear_pointer (&page->first, g_free);
      g_task_return_pointer (task, page, (GDestroyNotify) hc_http_decoded_free);
      return;
    }

  parser = json_parser_new ();
  if (!hc_json_load (parser, data, size, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_debug ("JSON error at %s: %s", r->display_path,
               local_error ? local_error->message : "no document");
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("%s sent incomplete or malformed JSON at %s. Try again later; if the error persists, contact %s support."),
                               vendor, r->display_path, vendor);
      return;
    }

  g_task_return_pointer (task, json_parser_steal_root (parser), (GDestroyNotify) json_node_unref);
}

/* Responses parsed at once, in every HcHttp of the process: as many as
 * there are cores. A fetch asks several pages ahead; parsed each in a
 * thread of its own as it came, as many pages as were asked ahead were
 * decoded at once on two cores (Personio's four), each with a parser and
 * its buffers of its own (3 MB for 100 employees, touched afresh), for
 * no page done sooner. The others wait their turn, in the order they
 * came. */
static GMutex parse_lock;
static guint parsing;
static GQueue parse_waiting = G_QUEUE_INIT;

/* under parse_lock */
static guint
max_parsing (void)
{
  static guint cores;

  if (cores == 0)
    cores = MAX (g_get_num_processors (), 1);
  return cores;
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GTask *next;

  parse_in_thread (task, source_object, task_data, cancellable);

  /* this thread's turn goes to the next one waiting */
  g_mutex_lock (&parse_lock);
  next = g_queue_pop_head (&parse_waiting);
  if (next == NULL)
    parsing--;
  g_mutex_unlock (&parse_lock);
  if (next != NULL)
    {
      g_task_run_in_thread (next, parse_thread);
      g_object_unref (next);
    }
}

/* Takes @task. */
static void
start_parse (GTask *task)
{
  g_mutex_lock (&parse_lock);
  if (parsing >= max_parsing ())
    {
      g_queue_push_tail (&parse_waiting, task);
      g_mutex_unlock (&parse_lock);
      return;
    }
  parsing++;
  g_mutex_unlock (&parse_lock);
  g_task_run_in_thread (task, parse_thread);
  g_object_unref (task);
}

/* The exchange */

static void
finish_attempt (GTask *task)
{
  Request *r = g_task_get_task_data (task);

  destroy_source (&r->connect_source);
  destroy_source (&r->deadline_source);
  g_clear_object (&r->stream);
  g_clear_pointer (&r->received, hc_sj_buffer_release);
  if (r->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), r->cancelled_id);
      r->cancelled_id = 0;
    }
  g_clear_object (&r->attempt_cancellable);
}

static gboolean
follow_redirect (GTask *task,
                 guint  status)
{
  HcHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (r->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr (GUri) target = NULL;

  if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
    return FALSE;
  if (location == NULL || r->redirects >= MAX_REDIRECTS)
    return FALSE;

  target = g_uri_parse_relative (r->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL)
    return FALSE;
  if (!same_origin (target, self->base_uri))
    {
      g_autofree char *host = describe_host (target);

      g_task_return_new_error (task, HC_ERROR, HC_ERROR_FAILED,
                               _("%s redirected %s to another server (%s). Headcount does not send the API credentials there; check the base URL in the connector settings."),
                               self->vendor_name, r->display_path, host);
      g_object_unref (task);
      return TRUE;
    }

  if (status == 303 || ((status == 301 || status == 302) && !g_str_equal (r->method, "GET")))
    {
      g_free (r->method);
      r->method = g_strdup ("GET");
      g_clear_pointer (&r->body, g_bytes_unref);
    }
  g_uri_unref (r->uri);
  r->uri = g_steal_pointer (&target);
  r->redirects++;
  r->attempts--;  /* a redirect is not a retry */
  start_attempt (task);
  return TRUE;
}

/* A whole answer must arrive within max_response seconds and within what
 * is left of the total budget (rules.md 29): a server that drips a byte at
 * a time never trips the silence timeout. Not retried: a retry would only
 * take longer. */
static void
return_too_slow (GTask *task)
{
  HcHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  g_autofree char *limit = format_seconds (r->deadline_is_total ? self->max_total : self->max_response);

  if (r->deadline_is_total)
    g_task_return_new_error (task, HC_ERROR, HC_ERROR_NETWORK,
                             _("%s sent its answer too slowly: %s took more than %s in all, retries included. Try again later; if the error persists, contact %s support."),
                             self->vendor_name, r->display_path, limit, self->vendor_name);
  else
    g_task_return_new_error (task, HC_ERROR, HC_ERROR_NETWORK,
                             _("%s sent its answer too slowly: %s took more than %s. Try again later; if the error persists, contact %s support."),
                             self->vendor_name, r->display_path, limit, self->vendor_name);
  g_object_unref (task);
}

static void
return_too_large (GTask *task)
{
  HcHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  g_autofree char *limit = g_format_size (self->max_body);

  g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                           _("%s sent too large an answer at %s: more than %s, far more than one page of a list. Headcount stopped reading it. Try again later; if the error persists, contact %s support."),
                           self->vendor_name, r->display_path, limit, self->vendor_name);
  g_object_unref (task);
}

static void
handle_response (GTask  *task,
                 GBytes *body_in,
                 GError *error_in)
{
  HcHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  g_autoptr (GBytes) body = body_in;
  g_autoptr (GError) error = error_in;
  g_autofree char *full_url = NULL;
  g_autofree char *url = NULL;
  guint status;

  finish_attempt (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (r->deadline_hit)
    {
      return_too_slow (task);
      return;
    }
  if (r->too_large)
    {
      return_too_large (task);
      return;
    }

  full_url = g_uri_to_string_partial (r->uri, G_URI_HIDE_USERINFO);
  url = hc_http_redact (self, full_url);

  if (error != NULL)
    {
      g_debug ("%s %s failed (attempt %u, %" G_GINT64_FORMAT " ms): %s",
               r->method, url, r->attempts, request_elapsed_ms (r), error->message);

      if (r->connect_timed_out)
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "connect timeout");
        }
      g_clear_error (&r->last_error);
      r->last_error = g_steal_pointer (&error);
      r->last_status = 0;
      if (error_is_retryable (r, r->last_error))
        retry_or_give_up (task, -1);
      else
        give_up (task, -1);
      return;
    }

  status = soup_message_get_status (r->msg);
  r->final_status = status;
  g_debug ("%s %s → %u (attempt %u, %" G_GINT64_FORMAT " ms, %" G_GSIZE_FORMAT " bytes)",
           r->method, url, status, r->attempts, request_elapsed_ms (r), body ? g_bytes_get_size (body) : 0);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      r->response = g_steal_pointer (&body);
      start_parse (task);
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (status) && follow_redirect (task, status))
    return;

  g_clear_error (&r->last_error);
  r->last_status = status;

  if (status == STATUS_TOO_MANY_REQUESTS ||
      status == SOUP_STATUS_BAD_GATEWAY ||
      status == SOUP_STATUS_SERVICE_UNAVAILABLE ||
      status == SOUP_STATUS_GATEWAY_TIMEOUT)
    {
      retry_or_give_up (task, parse_retry_after (r->msg));
      return;
    }

  if (r->full && body != NULL)
    r->error_body = g_bytes_ref (body);
  {
    Failure f = { 0 };

    describe_status (self, r, status, r->msg, body, &f);
    g_task_return_error (task, failure_to_error (&f, NULL));
    failure_clear (&f);
    g_object_unref (task);
  }
}

#define FIRST_READ_SIZE 65536

static void read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data);

/* The body is read into one buffer, sized from Content-Length when there is
 * one, padded for simdjson (hc_sj_parse_padded() reads it where it is) and
 * kept for the next answer once freed. It is read no further than one byte
 * past max_body, and dropped then (rules.md 29), rather than read whole. */
static void
read_more (GTask *task)
{
  HcHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  gsize capacity = hc_sj_buffer_capacity (r->received);
  gsize limit = self->max_body + 1;

  if (r->received_len == capacity)
    {
      capacity = MIN (MAX (capacity * 2, FIRST_READ_SIZE), limit);
      r->received = hc_sj_buffer_grow (r->received, capacity);
    }
  g_input_stream_read_async (r->stream, r->received + r->received_len,
                             MIN (capacity, limit) - r->received_len, G_PRIORITY_DEFAULT,
                             r->attempt_cancellable, read_cb, task);
}

static void
free_body (gpointer data)
{
  hc_sj_buffer_release (data);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  HcHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    {
      handle_response (task, NULL, error);
      return;
    }
  if (n == 0)
    {
      char *data = g_steal_pointer (&r->received);
      GBytes *body;

      memset (data + r->received_len, 0, HC_SJ_PADDING);
      body = g_bytes_new_with_free_func (data, r->received_len, free_body, data);
      handle_response (task, body, NULL);
      return;
    }
  r->received_len += n;
  if (r->received_len > self->max_body)
    {
      r->too_large = TRUE;
      g_cancellable_cancel (r->attempt_cancellable);
      handle_response (task, NULL, NULL);
      return;
    }
  read_more (task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  HcHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  GInputStream *stream;
  gsize expected = FIRST_READ_SIZE;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (stream == NULL)
    {
      handle_response (task, NULL, error);
      return;
    }
  r->stream = stream;
  /* Content-Length, when the body comes as it is sent: one byte more, so
   * that the end shows without growing the buffer */
  headers = soup_message_get_response_headers (r->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    expected = (gsize) MIN ((guint64) soup_message_headers_get_content_length (headers),
                            (guint64) self->max_body) + 1;
  r->received = hc_sj_buffer_acquire (expected);
  r->received_len = 0;
  read_more (task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *r = user_data;

  g_debug ("%s did not arrive whole in time", r->display_path);
  r->deadline_hit = TRUE;
  g_clear_pointer (&r->deadline_source, g_source_unref);
  g_cancellable_cancel (r->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
cancel_attempt_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  Request *r = user_data;

  g_debug ("no connection to %s after the connect timeout", r->display_path);
  r->connect_timed_out = TRUE;
  g_clear_pointer (&r->connect_source, g_source_unref);
  g_cancellable_cancel (r->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
connected (Request *r)
{
  destroy_source (&r->connect_source);
}

static void
network_event_cb (SoupMessage       *msg,
                  GSocketClientEvent event,
                  GIOStream         *connection,
                  gpointer           user_data)
{
  if (event == G_SOCKET_CLIENT_COMPLETE)
    connected (user_data);
}

static void
wrote_headers_cb (SoupMessage *msg,
                  gpointer     user_data)
{
  connected (user_data);
}

static void
start_attempt (GTask *task)
{
  HcHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  SoupMessageHeaders *headers;
  gboolean accept_set = FALSE;
  gint64 left, deadline;

  if (r->msg != NULL)
    g_signal_handlers_disconnect_by_data (r->msg, r);
  g_clear_object (&r->msg);

  r->attempts++;
  r->connect_timed_out = FALSE;
  r->msg = soup_message_new_from_uri (r->method, r->uri);
  soup_message_add_flags (r->msg, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (r->msg);
  for (guint i = 0; i < self->header_names->len; i++)
    {
      const char *name = g_ptr_array_index (self->header_names, i);

      soup_message_headers_replace (headers, name, g_ptr_array_index (self->header_values, i));
      accept_set |= g_ascii_strcasecmp (name, "Accept") == 0;
    }
  if (!accept_set)
    soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->auth_name != NULL)
    soup_message_headers_replace (headers, self->auth_name, self->auth_value);
  if (r->body != NULL)
    soup_message_set_request_body_from_bytes (r->msg, r->content_type, r->body);

  g_signal_connect (r->msg, "network-event", G_CALLBACK (network_event_cb), r);
  g_signal_connect (r->msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), r);

  r->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    r->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_attempt_cb),
                                             g_object_ref (r->attempt_cancellable),
                                             g_object_unref);

  r->connect_source = g_timeout_source_new_seconds (self->connect_timeout);
  g_source_set_callback (r->connect_source, connect_timeout_cb, r, NULL);
  g_source_attach (r->connect_source, g_task_get_context (task));

  left = (gint64) self->max_total * 1000 - request_elapsed_ms (r);
  deadline = (gint64) self->max_response * 1000;
  r->deadline_is_total = left < deadline;
  r->deadline_hit = FALSE;
  r->too_large = FALSE;
  r->deadline_source = g_timeout_source_new (MAX (MIN (left, deadline), 1));
  g_source_set_callback (r->deadline_source, deadline_cb, r, NULL);
  g_source_attach (r->deadline_source, g_task_get_context (task));

  soup_session_send_async (self->session, r->msg, G_PRIORITY_DEFAULT,
                           r->attempt_cancellable, send_cb, task);
}

static void
request_async (HcHttp             *self,
               const char         *method,
               const char         *path_or_url,
               GBytes             *body,
               const char         *content_type,
               gboolean            full,
               HcHttpDecodeFunc    decode,
               gpointer            decode_data,
               GCancellable       *cancellable,
               GAsyncReadyCallback callback,
               gpointer            user_data)
{
  GTask *task;
  Request *r;
  GError *error = NULL;
  GUri *uri;

  g_return_if_fail (HC_IS_HTTP (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path_or_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_http_request_json_async);

  uri = resolve_uri (self, path_or_url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  r = g_new0 (Request, 1);
  r->method = g_strdup (method);
  r->uri = uri;
  r->display_path = describe_path (self, uri);
  r->body = body ? g_bytes_ref (body) : NULL;
  r->content_type = g_strdup (content_type);
  r->full = full;
  r->decode = decode;
  r->decode_data = decode_data;
  r->start_us = g_get_monotonic_time ();
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  /* The task's own reference is the operation's: it is dropped when the
   * task returns. */
  start_attempt (task);
}

void
hc_http_request_json_async (HcHttp             *self,
                            const char         *method,
                            const char         *path_or_url,
                            GBytes             *body,
                            const char         *content_type,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  request_async (self, method, path_or_url, body, content_type, FALSE, NULL, NULL,
                 cancellable, callback, user_data);
}

void
hc_http_decoded_free (HcHttpDecoded *page)
{
  if (page == NULL)
    return;
  g_free (page->first);
  g_free (page->first_checksum);
  /* n_items entries, with holes where an item has no id: not a strv */
  if (page->ids != NULL)
    {
      for (gint64 i = 0; i < page->n_items; i++)
        g_free (page->ids[i]);
      g_free (page->ids);
    }
  g_free (page->next);
  if (page->data != NULL && page->data_free != NULL)
    page->data_free (page->data);
  g_free (page);
}

void
hc_http_get_decoded_async (HcHttp             *self,
                           const char         *path_or_url,
                           HcHttpDecodeFunc    decode,
                           gpointer            decode_data,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_return_if_fail (decode != NULL);

  request_async (self, "GET", path_or_url, NULL, NULL, FALSE, decode, decode_data,
                 cancellable, callback, user_data);
}

HcHttpDecoded *
hc_http_get_decoded_finish (HcHttp       *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (HC_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonNode *
hc_http_request_json_finish (HcHttp       *self,
                             GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (HC_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hc_http_request_full_async (HcHttp             *self,
                            const char         *method,
                            const char         *path_or_url,
                            GBytes             *body,
                            const char         *content_type,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  request_async (self, method, path_or_url, body, content_type, TRUE, NULL, NULL,
                 cancellable, callback, user_data);
}

JsonNode *
hc_http_request_full_finish (HcHttp       *self,
                             GAsyncResult *result,
                             guint        *status,
                             JsonNode    **error_body,
                             GError      **error)
{
  Request *r;

  g_return_val_if_fail (HC_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  r = g_task_get_task_data (G_TASK (result));
  if (status != NULL)
    *status = r != NULL ? r->final_status : 0;
  if (error_body != NULL)
    {
      gsize size = 0;
      const char *data = r != NULL && r->error_body != NULL ? g_bytes_get_data (r->error_body, &size) : NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();

      *error_body = NULL;
      if (data != NULL && size > 0 && size <= 65536 && hc_json_load (parser, data, size, NULL) &&
          json_parser_get_root (parser) != NULL)
        *error_body = json_parser_steal_root (parser);
    }
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hc_http_get_json_async (HcHttp             *self,
                        const char         *path_or_url,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  hc_http_request_json_async (self, "GET", path_or_url, NULL, NULL, cancellable, callback, user_data);
}

JsonNode *
hc_http_get_json_finish (HcHttp       *self,
                         GAsyncResult *result,
                         GError      **error)
{
  return hc_http_request_json_finish (self, result, error);
}

void
hc_http_post_json_async (HcHttp             *self,
                         const char         *path_or_url,
                         JsonNode           *body,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr (GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (HC_IS_HTTP (self));
  g_return_if_fail (body != NULL);

  text = json_to_string (body, FALSE);
  bytes = g_bytes_new_take (text, strlen (text));
  hc_http_request_json_async (self, "POST", path_or_url, bytes, "application/json",
                              cancellable, callback, user_data);
}

JsonNode *
hc_http_post_json_finish (HcHttp       *self,
                          GAsyncResult *result,
                          GError      **error)
{
  return hc_http_request_json_finish (self, result, error);
}

void
hc_http_post_form_async (HcHttp             *self,
                         const char         *path_or_url,
                         GHashTable         *fields,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr (GBytes) bytes = NULL;
  GHashTableIter iter;
  gpointer key, value;
  char *text;

  g_return_if_fail (HC_IS_HTTP (self));
  g_return_if_fail (fields != NULL);

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (key != NULL && name_is_sensitive (key, -1))
      hc_http_add_secret (self, value);

  text = soup_form_encode_hash (fields);
  bytes = g_bytes_new_take (text, strlen (text));
  hc_http_request_json_async (self, "POST", path_or_url, bytes,
                              "application/x-www-form-urlencoded",
                              cancellable, callback, user_data);
}

JsonNode *
hc_http_post_form_finish (HcHttp       *self,
                          GAsyncResult *result,
                          GError      **error)
{
  return hc_http_request_json_finish (self, result, error);
}

/* Pagination */

typedef struct
{
  HcHttpPaging     style;
  char            *path;
  char            *query;
  guint            page_size;
  char            *items_path;
  char            *next_path;
  gboolean         next_is_link;
  char            *total_path;
  char            *id_path;
  guint            max_pages;
  gint64           first_total;   /* announced by the first page, or -1 */

  HcHttpPageFunc   on_page;
  gpointer         page_data;

  char            *display_path;  /* of the first request */
  char            *current;       /* path or absolute URL of the page being fetched */
  gint64           offset;
  gint64           page;
  guint            n_pages;
  guint64          n_delivered;
  guint64          n_consumed;    /* items received, duplicates included */
  GHashTable      *seen_pages;    /* checksum of each page's first item */
  GHashTable      *seen_cursors;
  GHashTable      *seen_ids;      /* when id_path is set, or with a decoder */

  HcHttpDecodeFunc decode;
  gpointer         decode_data;
  guint            max_in_flight;
  gint64           first_offset;  /* pager->first */
  gint64           estimate;      /* the first page's total, trusted or not, or -1 */
  guint            n_full;        /* full pages in a row, up to the last one */
  GQueue          *window;        /* Slot*, the pages asked, oldest first */
  gboolean         finished;
} Pages;

static void
pages_free (Pages *p)
{
  g_free (p->path);
  g_free (p->query);
  g_free (p->items_path);
  g_free (p->next_path);
  g_free (p->total_path);
  g_free (p->id_path);
  g_free (p->display_path);
  g_free (p->current);
  g_hash_table_unref (p->seen_pages);
  g_hash_table_unref (p->seen_cursors);
  g_hash_table_unref (p->seen_ids);
  g_queue_free (p->window);
  g_free (p);
}

/* Walks "a.b.c" through objects only; NULL when any step is missing or not
 * an object. An empty or NULL path is the node itself. */
static JsonNode *
lookup_path (JsonNode   *node,
             const char *path)
{
  g_auto (GStrv) parts = NULL;

  if (path == NULL || *path == '\0')
    return node;

  parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), parts[i]);
    }
  return node;
}

/* A string or an integer as text; NULL for anything else. */
static char *
scalar_to_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    default:
      return NULL;
    }
}

static gint64
read_total (JsonNode *node)
{
  g_autofree char *text = NULL;
  guint64 value;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      return d >= 0 && d < 1e15 ? (gint64) d : -1;
    }

  text = scalar_to_string (node);
  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return (gint64) value;
  return -1;
}

static void
append_expanded (GString    *out,
                 const char *pair,
                 Pages      *p,
                 const char *cursor)
{
  g_autofree char *escaped = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
  GString *s = g_string_new (pair);
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, p->offset);
  g_string_replace (s, "{offset}", number, 0);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, p->page);
  g_string_replace (s, "{page}", number, 0);
  g_snprintf (number, sizeof number, "%u", p->page_size);
  g_string_replace (s, "{limit}", number, 0);
  if (escaped != NULL)
    g_string_replace (s, "{cursor}", escaped, 0);

  if (out->len > 0)
    g_string_append_c (out, '&');
  g_string_append_len (out, s->str, s->len);
  g_string_free (s, TRUE);
}

static char *
build_page_path (Pages      *p,
                 const char *cursor)
{
  g_auto (GStrv) pairs = g_strsplit (p->query, "&", -1);
  GString *query = g_string_new (NULL);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      if (*pairs[i] == '\0')
        continue;
      if (cursor == NULL && strstr (pairs[i], "{cursor}") != NULL)
        continue;
      if (p->page_size == 0 && strstr (pairs[i], "{limit}") != NULL)
        continue;
      append_expanded (query, pairs[i], p, cursor);
    }

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return g_strdup (p->path);
    }
  {
    g_autofree char *text = g_string_free (query, FALSE);

    return g_strconcat (p->path, strchr (p->path, '?') ? "&" : "?", text, NULL);
  }
}

/* One page asked, answered or not yet. */
typedef struct
{
  gint64        offset;
  gint64        page;
  GAsyncResult *result;       /* once answered */
  gboolean      dropped;      /* out of the window: its answer is not wanted */
} Slot;

/* What an answer's callback needs. */
typedef struct
{
  GTask *task;
  Slot  *slot;
} Asked;

typedef enum
{
  PAGE_NEXT,
  PAGE_DONE,
  PAGE_FAILED,
} PageOutcome;

static void
slot_free (Slot *slot)
{
  g_clear_object (&slot->result);
  g_free (slot);
}

/* Empties the window: a page still asked is freed when its answer comes. */
static void
drop_window (Pages *p)
{
  Slot *slot;

  while ((slot = g_queue_pop_head (p->window)) != NULL)
    {
      if (slot->result != NULL)
        slot_free (slot);
      else
        slot->dropped = TRUE;
    }
}

static void
pages_finish (GTask  *task,
              GError *error)
{
  Pages *p = g_task_get_task_data (task);

  p->finished = TRUE;
  drop_window (p);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  /* the operation's own reference; the pages still asked hold theirs */
  g_object_unref (task);
}

static GError *
repeated_page_error (HcHttp *self,
                     Pages  *p)
{
  return g_error_new (HC_ERROR, HC_ERROR_FAILED,
                      _("%s sent the same page twice at %s (page %u), so the list would be incomplete. Try again later; if the error persists, contact %s support."),
                      self->vendor_name, p->display_path, p->n_pages + 1, self->vendor_name);
}

static char *
item_checksum (JsonNode *item)
{
  g_autofree char *text = json_to_string (item, FALSE);

  return text_checksum (text);
}

/* Handles the answer of the oldest page asked; sets p->current to the
 * next page's path when it returns PAGE_NEXT. */
static PageOutcome
process_page (GTask   *task,
              Slot    *slot,
              GError **error)
{
  HcHttp *self = g_task_get_source_object (task);
  Pages *p = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (HcHttpDecoded) decoded = NULL;
  g_autoptr (GPtrArray) fresh = NULL;
  g_autofree gboolean *repeated = NULL;
  g_autofree char *next = NULL;
  g_autofree char *checksum = NULL;
  JsonArray *items = NULL;
  guint n_raw, n_fresh = 0;
  gint64 total;
  HcHttpPage page = { 0 };

  if (p->decode != NULL)
    {
      decoded = hc_http_get_decoded_finish (self, slot->result, error);
      if (decoded == NULL)
        return PAGE_FAILED;
    }
  else
    {
      JsonNode *items_node;

      root = hc_http_get_json_finish (self, slot->result, error);
      if (root == NULL)
        return PAGE_FAILED;
      items_node = lookup_path (root, p->items_path);
      if (items_node != NULL && JSON_NODE_HOLDS_ARRAY (items_node))
        items = json_node_get_array (items_node);
    }

  if (decoded != NULL ? decoded->n_items < 0 || decoded->n_items > G_MAXUINT : items == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("%s sent a page without the expected list (%s) at %s. Try again later; if the error persists, contact %s support."),
                   self->vendor_name,
                   (p->items_path && *p->items_path) ? p->items_path : "[ … ]",
                   p->display_path, self->vendor_name);
      return PAGE_FAILED;
    }
  n_raw = decoded != NULL ? (guint) decoded->n_items : json_array_get_length (items);
  total = decoded != NULL ? decoded->total : read_total (lookup_path (root, p->total_path));

  if (n_raw == 0)
    return PAGE_DONE;

  /* A list that goes on past what its first page announced, with new ids on
   * every page, is stopped at the pages that total needs plus a tenth and
   * two (rules.md 29): people hired during the sync fit in that slack. */
  if (p->n_pages == 0 && total >= 0)
    {
      guint64 needed = ((guint64) total + n_raw - 1) / n_raw;
      guint64 allowed = needed + needed / 10 + 2;

      p->first_total = total;
      if (allowed < p->max_pages)
        p->max_pages = allowed;
    }
  if (p->n_pages == 0 && decoded != NULL)
    p->estimate = total >= 0 ? total : decoded->estimate;

  /* A page seen before: the server ignores the paging parameters. */
  checksum = decoded != NULL ? g_steal_pointer (&decoded->first_checksum)
                             : item_checksum (json_array_get_element (items, 0));
  if (!g_hash_table_add (p->seen_pages, g_steal_pointer (&checksum)))
    {
      g_propagate_error (error, repeated_page_error (self, p));
      return PAGE_FAILED;
    }

  if (decoded != NULL)
    {
      repeated = g_new0 (gboolean, n_raw);
      for (guint i = 0; i < n_raw; i++)
        {
          /* the page's own copy, which the table keeps (and frees when
           * it has the id already) */
          char *id = decoded->ids != NULL ? g_steal_pointer (&decoded->ids[i]) : NULL;

          repeated[i] = id != NULL && !g_hash_table_add (p->seen_ids, id);
          n_fresh += !repeated[i];
        }
    }
  else
    {
      fresh = g_ptr_array_sized_new (n_raw);
      for (guint i = 0; i < n_raw; i++)
        {
          JsonNode *item = json_array_get_element (items, i);

          if (p->id_path != NULL)
            {
              char *id = scalar_to_string (lookup_path (item, p->id_path));

              if (id != NULL && !g_hash_table_add (p->seen_ids, id))
                continue;
            }
          g_ptr_array_add (fresh, item);
        }
      n_fresh = fresh->len;
    }

  if (n_fresh == 0)
    {
      g_propagate_error (error, repeated_page_error (self, p));
      return PAGE_FAILED;
    }

  page.index = p->n_pages;
  page.items = fresh;
  page.root = root;
  page.n_before = p->n_delivered;
  page.total = total;
  page.decoded = decoded != NULL ? decoded->data : NULL;
  page.repeated = repeated;
  if (p->on_page != NULL && !p->on_page (self, &page, p->page_data, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, HC_ERROR, HC_ERROR_FAILED,
                     _("Reading the list from %s stopped at %s."), self->vendor_name, p->display_path);
      return PAGE_FAILED;
    }

  p->n_delivered += n_fresh;
  p->n_consumed += n_raw;
  p->n_pages++;

  if (total >= 0 && p->n_consumed >= (guint64) total)
    return PAGE_DONE;

  switch (p->style)
    {
    case HC_HTTP_PAGING_OFFSET:
    case HC_HTTP_PAGING_PAGE:
      if (total < 0 && p->page_size > 0 && n_raw < p->page_size)
        return PAGE_DONE;
      /* Pages asked ahead assumed full pages: keep them while they are. */
      p->n_full = n_raw == p->page_size ? p->n_full + 1 : 0;
      p->offset = slot->offset + n_raw;
      p->page = slot->page + 1;
      g_free (p->current);
      p->current = build_page_path (p, NULL);
      break;

    case HC_HTTP_PAGING_CURSOR:
    default:
      next = decoded != NULL ? g_strdup (decoded->next) : scalar_to_string (lookup_path (root, p->next_path));
      if (next == NULL || *next == '\0')
        return PAGE_DONE;
      if (!g_hash_table_add (p->seen_cursors, g_strdup (next)))
        {
          g_propagate_error (error, repeated_page_error (self, p));
          return PAGE_FAILED;
        }
      if (p->next_is_link)
        {
          g_autoptr (GUri) here = resolve_uri (self, p->current, error);
          g_autoptr (GUri) there = here ? g_uri_parse_relative (here, next, SOUP_HTTP_URI_FLAGS, NULL) : NULL;

          if (here == NULL)
            return PAGE_FAILED;
          if (there == NULL)
            {
              g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                           _("%s sent an invalid link to the next page at %s. Try again later; if the error persists, contact %s support."),
                           self->vendor_name, p->display_path, self->vendor_name);
              return PAGE_FAILED;
            }
          g_free (p->current);
          p->current = g_uri_to_string (there);
        }
      else
        {
          g_free (p->current);
          p->current = build_page_path (p, next);
        }
      break;
    }

  if (p->n_pages >= p->max_pages && p->first_total >= 0)
    {
      g_autofree char *announced = g_strdup_printf ("%" G_GINT64_FORMAT, p->first_total);

      g_set_error (error, HC_ERROR, HC_ERROR_FAILED,
                   _("%s announced %s entries at %s but still had more pages after %u pages; Headcount stopped there so as not to loop forever. Try again later; if the error persists, contact %s support."),
                   self->vendor_name, announced, p->display_path, p->n_pages,
                   self->vendor_name);
      return PAGE_FAILED;
    }
  if (p->n_pages >= p->max_pages)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_FAILED,
                   _("%s still had more pages after %u pages at %s; Headcount stopped there so as not to loop forever. Try again later; if the error persists, contact %s support."),
                   self->vendor_name, p->n_pages, p->display_path, self->vendor_name);
      return PAGE_FAILED;
    }
  return PAGE_NEXT;
}

static void page_answered_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data);

static void
ask_page (GTask      *task,
          const char *path,
          gint64      offset,
          gint64      page)
{
  HcHttp *self = g_task_get_source_object (task);
  Pages *p = g_task_get_task_data (task);
  Asked *asked = g_new0 (Asked, 1);
  Slot *slot = g_new0 (Slot, 1);

  slot->offset = offset;
  slot->page = page;
  g_queue_push_tail (p->window, slot);
  asked->task = g_object_ref (task);
  asked->slot = slot;
  if (p->decode != NULL)
    hc_http_get_decoded_async (self, path, p->decode, p->decode_data,
                               g_task_get_cancellable (task), page_answered_cb, asked);
  else
    hc_http_get_json_async (self, path, g_task_get_cancellable (task), page_answered_cb, asked);
}

/* Asks the next page when nothing is asked, and, on a list of full pages
 * (two so far) with offset or page numbers, the ones after it up to
 * max_in_flight, never past the total the first page announced: the
 * server works on them while this side reads the ones before. */
static void
ask_pages (GTask *task)
{
  Pages *p = g_task_get_task_data (task);

  if (g_queue_is_empty (p->window))
    ask_page (task, p->current, p->offset, p->page);

  if (p->max_in_flight < 2 || p->page_size == 0 || p->n_full < 2 ||
      (p->style != HC_HTTP_PAGING_OFFSET && p->style != HC_HTTP_PAGING_PAGE))
    return;

  while (g_queue_get_length (p->window) < p->max_in_flight &&
         p->n_pages + g_queue_get_length (p->window) < p->max_pages)
    {
      Slot *last = g_queue_peek_tail (p->window);
      gint64 saved_offset = p->offset, saved_page = p->page;
      g_autofree char *path = NULL;

      if (p->estimate >= 0 && last->offset + p->page_size - p->first_offset >= p->estimate)
        break;
      p->offset = last->offset + p->page_size;
      p->page = last->page + 1;
      path = build_page_path (p, NULL);
      ask_page (task, path, p->offset, p->page);
      p->offset = saved_offset;
      p->page = saved_page;
    }
}

static void
page_answered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Asked *asked = user_data;
  g_autoptr (GTask) task = asked->task;
  Pages *p = g_task_get_task_data (task);
  Slot *head;

  if (asked->slot->dropped)
    {
      /* asked ahead past the end, or at an offset that turned out wrong */
      g_autoptr (GError) ignored = NULL;

      if (p->decode != NULL)
        hc_http_decoded_free (hc_http_get_decoded_finish (HC_HTTP (source), result, &ignored));
      else
        {
          JsonNode *root = hc_http_get_json_finish (HC_HTTP (source), result, &ignored);

          if (root != NULL)
            json_node_unref (root);
        }
      slot_free (asked->slot);
      g_free (asked);
      return;
    }
  asked->slot->result = g_object_ref (result);
  g_free (asked);

  /* In order: the oldest page first, as long as it is there. */
  while ((head = g_queue_peek_head (p->window)) != NULL && head->result != NULL)
    {
      GError *error = NULL;
      PageOutcome outcome;
      gboolean as_assumed;

      g_queue_pop_head (p->window);
      outcome = process_page (task, head, &error);
      as_assumed = outcome == PAGE_NEXT && p->n_full > 0;
      slot_free (head);

      if (outcome == PAGE_FAILED)
        {
          pages_finish (task, error);
          return;
        }
      if (outcome == PAGE_DONE)
        {
          pages_finish (task, NULL);
          return;
        }
      if (!as_assumed && !g_queue_is_empty (p->window))
        {
          /* Not a full page: what was asked ahead is at the wrong offset. */
          drop_window (p);
        }
    }
  ask_pages (task);
}

void
hc_http_fetch_pages_async (HcHttp             *self,
                           const HcHttpPager  *pager,
                           HcHttpPageFunc      on_page,
                           gpointer            page_data,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  static const char * const default_queries[] = {
    [HC_HTTP_PAGING_OFFSET] = "offset={offset}&limit={limit}",
    [HC_HTTP_PAGING_PAGE] = "page={page}&limit={limit}",
    [HC_HTTP_PAGING_CURSOR] = "cursor={cursor}&limit={limit}",
  };
  GTask *task;
  Pages *p;
  g_autoptr (GUri) first = NULL;
  GError *error = NULL;

  g_return_if_fail (HC_IS_HTTP (self));
  g_return_if_fail (pager != NULL);
  g_return_if_fail (pager->path != NULL);
  g_return_if_fail (pager->style <= HC_HTTP_PAGING_CURSOR);
  g_return_if_fail (pager->style != HC_HTTP_PAGING_CURSOR || pager->next_path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_http_fetch_pages_async);

  p = g_new0 (Pages, 1);
  p->style = pager->style;
  p->path = g_strdup (pager->path);
  p->query = g_strdup (pager->query ? pager->query : default_queries[pager->style]);
  p->page_size = pager->page_size;
  p->items_path = g_strdup (pager->items_path);
  p->next_path = g_strdup (pager->next_path);
  p->next_is_link = pager->next_is_link;
  p->total_path = g_strdup (pager->total_path);
  p->id_path = g_strdup (pager->id_path);
  p->max_pages = pager->max_pages ? pager->max_pages : HC_HTTP_DEFAULT_MAX_PAGES;
  p->first_total = -1;
  p->on_page = on_page;
  p->page_data = page_data;
  p->offset = pager->first;
  p->page = pager->first;
  p->seen_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->seen_cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->decode = pager->decode;
  p->decode_data = pager->decode_data;
  p->max_in_flight = pager->max_in_flight;
  p->first_offset = pager->first;
  p->estimate = -1;
  p->window = g_queue_new ();
  p->current = build_page_path (p, NULL);
  g_task_set_task_data (task, p, (GDestroyNotify) pages_free);

  first = resolve_uri (self, p->current, &error);
  if (first == NULL)
    {
      pages_finish (task, error);
      return;
    }
  p->display_path = describe_path (self, first);

  ask_pages (task);
}

gboolean
hc_http_fetch_pages_finish (HcHttp       *self,
                            GAsyncResult *result,
                            guint64      *n_items,
                            GError      **error)
{
  Pages *p;

  g_return_val_if_fail (HC_IS_HTTP (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  p = g_task_get_task_data (G_TASK (result));
  if (n_items != NULL)
    *n_items = p->n_delivered;
  return g_task_propagate_boolean (G_TASK (result), error);
}
