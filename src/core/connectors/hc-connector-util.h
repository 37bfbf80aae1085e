/* hc-connector-util.h — what the HR connectors share: checked JSON access,
 * settings and secrets, values as text, flattening a record into the field
 * table, dates, label slugs and progress reports
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-connector.h"
#include "hc-http.h"
#include "hc-simdjson.h"

G_BEGIN_DECLS

/* Checked access: never a json-glib getter on a node of another type, so
 * that bad input is an error message, not a critical. */

/* The value type of @node (G_TYPE_STRING, G_TYPE_INT64, G_TYPE_DOUBLE,
 * G_TYPE_BOOLEAN), or G_TYPE_INVALID for NULL, null, objects and arrays. */
GType        hc_json_value_type     (JsonNode   *node);

/* The member @name of @object, or NULL; @object may be NULL. */
JsonNode    *hc_json_member         (JsonObject *object,
                                     const char *name);

/* The member @name of @object when it is a string, else NULL; @object may
 * be NULL. */
const char  *hc_json_member_string  (JsonObject *object,
                                     const char *name);

/* The member @name of @object when it is an object, else NULL; @object may
 * be NULL. */
JsonObject  *hc_json_member_object  (JsonObject *object,
                                     const char *name);

/* The member @name of @object when it is an array, else NULL; @object may
 * be NULL. */
JsonArray   *hc_json_member_array   (JsonObject *object,
                                     const char *name);

/* The node at a dotted @path ("department.name") under @object, through
 * objects only; NULL when a step is missing or not an object. */
JsonNode    *hc_json_lookup         (JsonObject *object,
                                     const char *path);

/* Values as text */

/*
 * HcJsonTextFlags:
 * @HC_JSON_TEXT_DEFAULT: strings as they are; doubles as g_ascii_dtostr()
 *   writes them (17 significant digits: 0.1 is "0.10000000000000001")
 * @HC_JSON_TEXT_TRIM: white space around a string is removed
 * @HC_JSON_TEXT_NO_EMPTY: an empty string (after trimming) is NULL
 * @HC_JSON_TEXT_DOUBLE_15: doubles with 15 significant digits ("%.15g")
 * @HC_JSON_TEXT_DOUBLE_ROUND_TRIP: with @HC_JSON_TEXT_DOUBLE_15, 17 digits
 *   when 15 do not read back as the same double
 * @HC_JSON_TEXT_DOUBLE_WHOLE: a whole double between -1e15 and 1e15 as an
 *   integer ("3000", and -0.0 as "0")
 * @HC_JSON_TEXT_JSON_CONTAINERS: in hc_json_join_scalars(), an object or
 *   an array element as its JSON text instead of being left out
 *
 * How the connectors write a JSON scalar as text; each vendor keeps the
 * form its field table always had.
 */
typedef enum
{
  HC_JSON_TEXT_DEFAULT           = 0,
  HC_JSON_TEXT_TRIM              = 1 << 0,
  HC_JSON_TEXT_NO_EMPTY          = 1 << 1,
  HC_JSON_TEXT_DOUBLE_15         = 1 << 2,
  HC_JSON_TEXT_DOUBLE_ROUND_TRIP = 1 << 3,
  HC_JSON_TEXT_DOUBLE_WHOLE      = 1 << 4,
  HC_JSON_TEXT_JSON_CONTAINERS   = 1 << 5,
} HcJsonTextFlags;

/* @value as text, following the DOUBLE flags of @flags. */
char        *hc_json_format_double  (double           value,
                                     HcJsonTextFlags  flags);

/* A string, an integer, a double or a boolean ("true"/"false") as text;
 * NULL for NULL, null, objects and arrays (and for an empty string with
 * @HC_JSON_TEXT_NO_EMPTY). */
char        *hc_json_scalar_text    (JsonNode        *node,
                                     HcJsonTextFlags  flags);

/* The elements of @array as hc_json_scalar_text() writes them, joined with
 * ", "; the elements without a text (null, containers unless
 * @HC_JSON_TEXT_JSON_CONTAINERS) are left out. NULL when nothing is left. */
char        *hc_json_join_scalars   (JsonArray       *array,
                                     HcJsonTextFlags  flags);

/* An array as hc_json_join_scalars() joins it, anything else as
 * hc_json_scalar_text() writes it. */
char        *hc_json_value_text     (JsonNode        *node,
                                     HcJsonTextFlags  flags);

/* Ids */

/* The largest number read as an id: beyond it a JSON number is not exact
 * (2^53 - 1), and json-glib wraps an integer beyond 2^63 around to a
 * negative one. */
#define HC_JSON_ID_MAX G_GINT64_CONSTANT (9007199254740991)

/*
 * HcJsonIdResult:
 * @HC_JSON_ID_NONE: no id: absent, null, an empty string, a fraction, or
 *   another type
 * @HC_JSON_ID_OK: an id: a string (trimmed) or a whole number from 0 to
 *   %HC_JSON_ID_MAX
 * @HC_JSON_ID_INVALID: a whole number that is no id: negative (a wrapped
 *   integer among them) or above %HC_JSON_ID_MAX
 */
typedef enum
{
  HC_JSON_ID_NONE,
  HC_JSON_ID_OK,
  HC_JSON_ID_INVALID,
} HcJsonIdResult;

/* Reads an id without ever casting a number that does not fit (rules.md
 * 32). *@text is the id for HC_JSON_ID_OK, the number as sent for
 * HC_JSON_ID_INVALID (for messages), NULL for HC_JSON_ID_NONE. @doubles
 * says whether a whole double ("1001.0") is an id. */
HcJsonIdResult hc_json_id_text      (JsonNode        *node,
                                     gboolean         doubles,
                                     char           **text);

/* Marks @employee, whose id hc_json_id_text() found invalid, to be skipped
 * by the plan, with the reason among its problems (rules.md 32). */
void           hc_connector_util_mark_invalid_id (HcEmployee *employee,
                                                  const char *vendor);

/* Flattening a record into the field table */

/*
 * HcJsonFlat:
 * @values: path → GString, the values found at that path joined with ", "
 * @paths: the paths in the order first seen, borrowed from @values
 *
 * The values of a record by "a.b" path, in order. On the stack, with
 * hc_json_flat_init() and hc_json_flat_clear().
 */
typedef struct
{
  GHashTable *values;
  GPtrArray  *paths;
} HcJsonFlat;

void         hc_json_flat_init       (HcJsonFlat      *flat);
void         hc_json_flat_clear      (HcJsonFlat      *flat);

/* Adds @text at @path: the first value of the path, or ", @text" after the
 * ones before. */
void         hc_json_flat_add        (HcJsonFlat      *flat,
                                      const char      *path,
                                      const char      *text);

/* The joined values at @path, or NULL. */
const char  *hc_json_flat_lookup     (HcJsonFlat      *flat,
                                      const char      *path);

/* @node into @flat under @path: an object's members as "@path.name" (just
 * "name" when @path is NULL), each element of an array under @path itself
 * (so that a list's values are joined), a scalar as hc_json_scalar_text()
 * writes it with @flags. Null, and an array or a scalar without a @path,
 * add nothing. */
void         hc_json_flatten         (HcJsonFlat      *flat,
                                      const char      *path,
                                      JsonNode        *node,
                                      HcJsonTextFlags  flags);

/* Every path of @flat into the field table of @employee, in order. */
void         hc_json_flat_set_fields (HcJsonFlat      *flat,
                                      HcEmployee      *employee);

/* Called for each leaf of hc_json_foreach_leaf(): a value or an array. */
typedef void (*HcJsonLeafFunc) (const char *path,
                                JsonNode   *node,
                                gpointer    user_data);

/* Walks the objects under @node and calls @func for every other node but
 * null, with its "a.b" path: @path for @node itself, "@path.name" for a
 * member ("name" when @path is NULL). Arrays are leaves, not walked. */
void         hc_json_foreach_leaf    (const char      *path,
                                      JsonNode        *node,
                                      HcJsonLeafFunc   func,
                                      gpointer         user_data);

/* Settings and secrets */

/* A copy of @value without the white space around it (pasted values often
 * end in a newline), or NULL when @value is NULL or nothing is left. */
char        *hc_connector_util_dup_setting (const char *value);

/* Overwrites @secret (NULL or a string) with zeros, so that it is not left
 * lying around in memory that goes back to the allocator. */
void         hc_connector_util_wipe        (char       *secret);

/* Wipes *@secret, frees it and sets it to NULL; nothing when it is NULL. */
void         hc_connector_util_clear_secret (char     **secret);

/* The base URL hc-http makes of @url (https, no credentials in it),
 * checked once when the connector is set up so that a bad one is a
 * settings error, not a failed sync: HC_ERROR_INVALID_CONFIG, hc-http's
 * reason followed by @hint (NULL: where the command line sets the
 * address). */
char        *hc_connector_util_check_base_url (const char *vendor,
                                               const char *url,
                                               const char *hint,
                                               GError    **error);

/* Whether @text can stand in a header as it is: not NULL nor empty, no
 * white space nor control character. */
gboolean     hc_connector_util_is_header_token (const char *text);

/* "Authorization: Bearer @token" on every request of @http; the header's
 * text is wiped once handed over. */
void         hc_connector_util_set_bearer  (HcHttp     *http,
                                            const char *token);

/* Dates and labels */

/* "2024-03-01", "2024-03-01T09:00:00+01:00" → "2024-03-01": a valid
 * calendar date in the first ten characters of @text, followed by nothing
 * or by one of the characters of @after ("T " when NULL). NULL for NULL and
 * for anything else. With @date, the date is set there too. */
char        *hc_connector_util_cut_date (const char *text,
                                         const char *after,
                                         GDate      *date);

/* Today's local date, "YYYY-MM-DD". */
char        *hc_connector_util_today    (void);

/* "Skip sync" → "skip_sync", "Coût (€)" → "cout_eur": the label in ASCII, lower
 * case, each run of other characters one "_" between words. NULL when no
 * letter or digit is left. */
char        *hc_connector_util_slugify  (const char *label);

/* Progress */

/*
 * HcConnectorUtilCount:
 * @HC_CONNECTOR_UTIL_COUNT_LOCALE: thousands grouped as the locale groups
 *   them ("%'u": "5000" in the C locale)
 * @HC_CONNECTOR_UTIL_COUNT_GROUPED: always in threes, with the locale's
 *   separator, "," when it has none ("5,000" in the C locale)
 */
typedef enum
{
  HC_CONNECTOR_UTIL_COUNT_LOCALE,
  HC_CONNECTOR_UTIL_COUNT_GROUPED,
} HcConnectorUtilCount;

/* @n with a thousands separator, as @style says. */
char        *hc_connector_util_format_count          (guint                 n,
                                                      HcConnectorUtilCount  style);

/* "Fetched 1,000 of 5,000 employees from @vendor" (translated, the plural
 * from @total), the counts written as @style says. */
char        *hc_connector_util_fetched_message       (const char           *vendor,
                                                      guint                 done,
                                                      guint                 total,
                                                      HcConnectorUtilCount  style);

/* "Fetched 5,000 employees from @vendor" (translated), when there is no
 * total. */
char        *hc_connector_util_fetched_count_message (const char           *vendor,
                                                      guint                 n,
                                                      HcConnectorUtilCount  style);

/* From any thread: @func (@fraction, @message, @func_data) on the context
 * @task was created in, through g_main_context_invoke() (so at once when
 * that context is the caller's own). Takes @message; nothing when @func is
 * NULL. */
void         hc_connector_util_report_progress       (GTask                *task,
                                                      HcProgressFunc        func,
                                                      gpointer              func_data,
                                                      double                fraction,
                                                      char                 *message);

/* The same, but always queued at G_PRIORITY_DEFAULT, the priority GTask
 * returns with: the reports come in order, after the caller has returned
 * and before the task's result. */
void         hc_connector_util_queue_progress        (GTask                *task,
                                                      HcProgressFunc        func,
                                                      gpointer              func_data,
                                                      double                fraction,
                                                      char                 *message);

/* hc_json_scalar_text() for a value decoded with simdjson: the same text
 * rule; an integer above G_MAXINT64 written as it came. */
char        *hc_sj_scalar_text      (HcSjValue        value,
                                     HcJsonTextFlags  flags);

G_END_DECLS
