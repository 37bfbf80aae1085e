/* hc-connector-util.c — what the HR connectors share: checked JSON access,
 * settings and secrets, values as text, flattening a record into the field
 * table, dates, label slugs and progress reports
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-connector-util"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-member.h"

/* Checked access */

GType
hc_json_value_type (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return G_TYPE_INVALID;
  return json_node_get_value_type (node);
}

JsonNode *
hc_json_member (JsonObject *object,
                const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

const char *
hc_json_member_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = hc_json_member (object, name);

  if (hc_json_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
hc_json_member_object (JsonObject *object,
                       const char *name)
{
  JsonNode *node = hc_json_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
hc_json_member_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node = hc_json_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

JsonNode *
hc_json_lookup (JsonObject *object,
                const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (object == NULL)
        return NULL;
      node = json_object_get_member (object, parts[i]);
      if (node == NULL)
        return NULL;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

/* Values as text */

char *
hc_json_format_double (double          value,
                       HcJsonTextFlags flags)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* In range before the cast: a double beyond gint64 is undefined there. */
  if ((flags & HC_JSON_TEXT_DOUBLE_WHOLE) &&
      value > -1e15 && value < 1e15 && value == (double) (gint64) value)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  if (!(flags & HC_JSON_TEXT_DOUBLE_15))
    return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if ((flags & HC_JSON_TEXT_DOUBLE_ROUND_TRIP) && g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  return g_strdup (buffer);
}

char *
hc_json_scalar_text (JsonNode       *node,
                     HcJsonTextFlags flags)
{
  char *text;

  switch (hc_json_value_type (node))
    {
    case G_TYPE_STRING:
      text = g_strdup (json_node_get_string (node));
      if (flags & HC_JSON_TEXT_TRIM)
        g_strstrip (text);
      break;

    case G_TYPE_INT64:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      break;

    case G_TYPE_DOUBLE:
      text = hc_json_format_double (json_node_get_double (node), flags);
      break;

    case G_TYPE_BOOLEAN:
      text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      break;

    default:
      return NULL;
    }

  if ((flags & HC_JSON_TEXT_NO_EMPTY) && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

char *
hc_json_join_scalars (JsonArray      *array,
                      HcJsonTextFlags flags)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *item = NULL;

      if ((flags & HC_JSON_TEXT_JSON_CONTAINERS) &&
          (JSON_NODE_HOLDS_OBJECT (element) || JSON_NODE_HOLDS_ARRAY (element)))
        item = json_to_string (element, FALSE);
      else
        item = hc_json_scalar_text (element, flags);

      if (item == NULL)
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, item);
    }

  if (joined->len == 0)
    {
      g_string_free (joined, TRUE);
      return NULL;
    }
  return g_string_free (joined, FALSE);
}

char *
hc_json_value_text (JsonNode       *node,
                    HcJsonTextFlags flags)
{
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return hc_json_join_scalars (json_node_get_array (node), flags);
  return hc_json_scalar_text (node, flags);
}

/* Ids */

HcJsonIdResult
hc_json_id_text (JsonNode *node,
                 gboolean  doubles,
                 char    **text)
{
  g_autofree char *id = NULL;

  *text = NULL;
  switch (hc_json_value_type (node))
    {
    case G_TYPE_STRING:
      id = g_strstrip (g_strdup (json_node_get_string (node)));
      if (*id == '\0')
        return HC_JSON_ID_NONE;
      break;

    case G_TYPE_INT64:
      {
        gint64 n = json_node_get_int (node);

        id = g_strdup_printf ("%" G_GINT64_FORMAT, n);
        if (n < 0 || n > HC_JSON_ID_MAX)
          {
            *text = g_steal_pointer (&id);
            return HC_JSON_ID_INVALID;
          }
      }
      break;

    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (!doubles || d != floor (d))
          return HC_JSON_ID_NONE;
        /* Compared as doubles: only a number in range is cast. */
        if (d < 0 || d > (double) HC_JSON_ID_MAX)
          {
            *text = hc_json_format_double (d, HC_JSON_TEXT_DOUBLE_15);
            return HC_JSON_ID_INVALID;
          }
        id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d);
      }
      break;

    default:
      return HC_JSON_ID_NONE;
    }

  *text = g_steal_pointer (&id);
  return HC_JSON_ID_OK;
}

void
hc_connector_util_mark_invalid_id (HcEmployee *employee,
                                   const char *vendor)
{
  g_autofree char *max = g_strdup_printf ("%'" G_GINT64_FORMAT, HC_JSON_ID_MAX);
  g_autofree char *problem = NULL;

  /* Translators: the first and last %s are the HR system, the second the
   * number it sent, the third the largest id */
  problem = g_strdup_printf (_("%s sent an employee with the ID %s, which is not a valid ID "
                               "(a whole number from 0 to %s): Headcount skips the record "
                               "until it is corrected in %s"),
                             vendor, hc_employee_get_id (employee), max, vendor);
  hc_employee_set_invalid (employee);
  hc_employee_add_problem (employee, problem);
}

/* Flattening */

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

void
hc_json_flat_init (HcJsonFlat *flat)
{
  flat->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, string_free);
  flat->paths = g_ptr_array_new ();
}

void
hc_json_flat_clear (HcJsonFlat *flat)
{
  g_clear_pointer (&flat->paths, g_ptr_array_unref);
  g_clear_pointer (&flat->values, g_hash_table_unref);
}

void
hc_json_flat_add (HcJsonFlat *flat,
                  const char *path,
                  const char *text)
{
  GString *joined = g_hash_table_lookup (flat->values, path);

  if (joined == NULL)
    {
      char *key = g_strdup (path);

      g_hash_table_insert (flat->values, key, g_string_new (text));
      g_ptr_array_add (flat->paths, key);
      return;
    }
  g_string_append (joined, ", ");
  g_string_append (joined, text);
}

const char *
hc_json_flat_lookup (HcJsonFlat *flat,
                     const char *path)
{
  GString *joined = g_hash_table_lookup (flat->values, path);

  return joined != NULL ? joined->str : NULL;
}

void
hc_json_flatten (HcJsonFlat     *flat,
                 const char     *path,
                 JsonNode       *node,
                 HcJsonTextFlags flags)
{
  if (node == NULL)
    return;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *child = path ? g_strconcat (path, ".", name, NULL) : g_strdup (name);

            hc_json_flatten (flat, child, member, flags);
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; path != NULL && i < json_array_get_length (array); i++)
          hc_json_flatten (flat, path, json_array_get_element (array, i), flags);
      }
      break;

    case JSON_NODE_VALUE:
      if (path != NULL)
        {
          g_autofree char *text = hc_json_scalar_text (node, flags);

          if (text != NULL)
            hc_json_flat_add (flat, path, text);
        }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

void
hc_json_flat_set_fields (HcJsonFlat *flat,
                         HcEmployee *employee)
{
  for (guint i = 0; i < flat->paths->len; i++)
    {
      const char *path = g_ptr_array_index (flat->paths, i);

      hc_employee_set_field (employee, path, hc_json_flat_lookup (flat, path));
    }
}

void
hc_json_foreach_leaf (const char    *path,
                      JsonNode      *node,
                      HcJsonLeafFunc func,
                      gpointer       user_data)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *child = path ? g_strconcat (path, ".", name, NULL) : g_strdup (name);

          hc_json_foreach_leaf (child, member, func, user_data);
        }
    }
  else
    func (path, node, user_data);
}

/* Settings and secrets */

char *
hc_connector_util_dup_setting (const char *value)
{
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (value));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

void
hc_connector_util_wipe (char *secret)
{
  /* explicit_bzero(): a memset() before free() may be optimised away. */
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
}

void
hc_connector_util_clear_secret (char **secret)
{
  g_return_if_fail (secret != NULL);

  hc_connector_util_wipe (*secret);
  g_clear_pointer (secret, g_free);
}

char *
hc_connector_util_check_base_url (const char *vendor,
                                  const char *url,
                                  const char *hint,
                                  GError    **error)
{
  g_autoptr (HcHttp) probe = NULL;
  g_autoptr (GError) local_error = NULL;

  probe = hc_http_new (vendor, url, &local_error);
  if (probe == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG, "%s %s", local_error->message,
                   hint != NULL ? hint : _("On the command line, the address is set with --base-url."));
      return NULL;
    }
  return g_strdup (hc_http_get_base_url (probe));
}

gboolean
hc_connector_util_is_header_token (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

void
hc_connector_util_set_bearer (HcHttp     *http,
                              const char *token)
{
  g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

  hc_http_set_auth_header (http, "Authorization", value);
  hc_connector_util_wipe (value);
}

/* Dates and labels */

char *
hc_connector_util_cut_date (const char *text,
                            const char *after,
                            GDate      *date)
{
  g_autofree char *day = NULL;

  if (text == NULL || strlen (text) < 10)
    return NULL;
  if (text[10] != '\0' && strchr (after ? after : "T ", text[10]) == NULL)
    return NULL;

  day = g_strndup (text, 10);
  if (!hc_member_date_parse (day, date))
    return NULL;
  return g_steal_pointer (&day);
}

char *
hc_connector_util_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
hc_connector_util_slugify (const char *label)
{
  g_autofree char *ascii = g_str_to_ascii (label, "C");
  GString *slug = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        {
          gap = TRUE;
          continue;
        }
      if (gap && slug->len > 0)
        g_string_append_c (slug, '_');
      g_string_append_c (slug, g_ascii_tolower (*p));
      gap = FALSE;
    }

  if (slug->len == 0)
    {
      g_string_free (slug, TRUE);
      return NULL;
    }
  return g_string_free (slug, FALSE);
}

/* Progress */

char *
hc_connector_util_format_count (guint                n,
                                HcConnectorUtilCount style)
{
  const struct lconv *conv;
  const char *separator;
  g_autofree char *digits = NULL;
  GString *out;
  gsize length;

  if (style == HC_CONNECTOR_UTIL_COUNT_LOCALE)
    return g_strdup_printf ("%'u", n);

  conv = localeconv ();
  separator = (conv->thousands_sep && *conv->thousands_sep) ? conv->thousands_sep : ",";
  digits = g_strdup_printf ("%u", n);
  length = strlen (digits);
  out = g_string_new (NULL);
  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
hc_connector_util_fetched_message (const char          *vendor,
                                   guint                done,
                                   guint                total,
                                   HcConnectorUtilCount style)
{
  g_autofree char *done_text = hc_connector_util_format_count (done, style);
  g_autofree char *total_text = hc_connector_util_format_count (total, style);

  /* Translators: the counts, then the name of the HR system */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Fetched %s of %s employee from %s",
                                       "Fetched %s of %s employees from %s", total),
                          done_text, total_text, vendor);
}

char *
hc_connector_util_fetched_count_message (const char          *vendor,
                                         guint                n,
                                         HcConnectorUtilCount style)
{
  g_autofree char *n_text = hc_connector_util_format_count (n, style);

  /* Translators: the count, then the name of the HR system */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Fetched %s employee from %s",
                                       "Fetched %s employees from %s", n),
                          n_text, vendor);
}

typedef struct
{
  HcProgressFunc func;
  gpointer       data;
  double         fraction;
  char          *message;
} Progress;

static Progress *
progress_new (HcProgressFunc func,
              gpointer       data,
              double         fraction,
              char          *message)
{
  Progress *p = g_new0 (Progress, 1);

  p->func = func;
  p->data = data;
  p->fraction = fraction;
  p->message = message;
  return p;
}

static void
progress_free (Progress *p)
{
  g_free (p->message);
  g_free (p);
}

static gboolean
progress_once_cb (gpointer user_data)
{
  Progress *p = user_data;

  p->func (p->fraction, p->message, p->data);
  progress_free (p);
  return G_SOURCE_REMOVE;
}

static gboolean
progress_cb (gpointer user_data)
{
  Progress *p = user_data;

  p->func (p->fraction, p->message, p->data);
  return G_SOURCE_REMOVE;
}

void
hc_connector_util_report_progress (GTask         *task,
                                   HcProgressFunc func,
                                   gpointer       func_data,
                                   double         fraction,
                                   char          *message)
{
  if (func == NULL)
    {
      g_free (message);
      return;
    }
  g_main_context_invoke (g_task_get_context (task), progress_once_cb,
                         progress_new (func, func_data, fraction, message));
}

void
hc_connector_util_queue_progress (GTask         *task,
                                  HcProgressFunc func,
                                  gpointer       func_data,
                                  double         fraction,
                                  char          *message)
{
  g_autoptr (GSource) source = NULL;

  if (func == NULL)
    {
      g_free (message);
      return;
    }
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_cb, progress_new (func, func_data, fraction, message),
                         (GDestroyNotify) progress_free);
  g_source_set_static_name (source, "[hc-connector] progress");
  g_source_attach (source, g_task_get_context (task));
}

char *
hc_sj_scalar_text (HcSjValue       value,
                   HcJsonTextFlags flags)
{
  char *text;

  switch (hc_sj_type (value))
    {
    case HC_SJ_STRING:
      text = g_strdup (hc_sj_string (value));
      if (flags & HC_JSON_TEXT_TRIM)
        g_strstrip (text);
      break;

    case HC_SJ_INT64:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, hc_sj_int64 (value));
      break;

    case HC_SJ_UINT64:
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, hc_sj_uint64 (value));
      break;

    case HC_SJ_DOUBLE:
      text = hc_json_format_double (hc_sj_double (value), flags);
      break;

    case HC_SJ_BOOL:
      text = g_strdup (hc_sj_bool (value) ? "true" : "false");
      break;

    default:
      return NULL;
    }

  if ((flags & HC_JSON_TEXT_NO_EMPTY) && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}
