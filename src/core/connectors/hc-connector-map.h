/* hc-connector-map.h — what the HR connectors share when they map one item
 * of a list into an HcEmployee: the checks that start it (an object, with
 * an id), its raw attributes, values as text and dates
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-connector-util.h"

G_BEGIN_DECLS

/* Adds what a vendor keeps apart (Apideck's custom fields) to the raw
 * attributes of @item, after its members. */
typedef void (*HcConnectorMapExtraFunc) (HcJsonFlat *flat,
                                         JsonObject *item,
                                         gpointer    user_data);

/* The start of mapping @node, the @index-th item (from 1) of the list
 * @vendor sent at @path: an object whose "id" hc_json_id_text() reads (a
 * whole double is no id). The employee has that id (marked invalid for an
 * id out of range, rules.md 32) and every raw attribute of @node in its
 * field table, flattened with @flags, but the members named in @skip
 * (NULL: none), then what @extra adds (NULL: nothing), so that the
 * standard fields set afterwards win over a raw member of the same name.
 * *@object is the item. NULL with an
 * HC_ERROR_PARSE that names @vendor, @index and @path, never the item's
 * data, when @node is not an object or has no id. */
HcEmployee *hc_connector_map_begin    (JsonNode           *node,
                                       guint64             index,
                                       const char         *vendor,
                                       const char         *path,
                                       HcJsonTextFlags     flags,
                                       const char * const *skip,
                                       HcConnectorMapExtraFunc extra,
                                       gpointer            extra_data,
                                       JsonObject        **object,
                                       GError            **error);

/* A string or a number as text with @flags, trimmed; NULL for anything
 * else and for an empty string. */
char       *hc_connector_map_text     (JsonNode           *node,
                                       HcJsonTextFlags     flags);

/* A string that starts with a date (hc_connector_util_cut_date()) as
 * "YYYY-MM-DD"; NULL for anything else. */
char       *hc_connector_map_date     (JsonNode           *node);

/* @field of @employee ← hc_connector_map_text() of @path in @object
 * (NULL @object: unset). */
void        hc_connector_map_set_text (HcEmployee         *employee,
                                       const char         *field,
                                       JsonObject         *object,
                                       const char         *path,
                                       HcJsonTextFlags     flags);

/* Statuses */

/*
 * HcConnectorMapMatch:
 * @HC_CONNECTOR_MAP_EXACT: the value is the word, to the letter
 * @HC_CONNECTOR_MAP_EQUAL: the value is the word, in any ASCII case
 * @HC_CONNECTOR_MAP_CONTAINS: the value contains the word, in any ASCII case
 */
typedef enum
{
  HC_CONNECTOR_MAP_EXACT,
  HC_CONNECTOR_MAP_EQUAL,
  HC_CONNECTOR_MAP_CONTAINS,
} HcConnectorMapMatch;

/* One of a vendor's status values and the status it means. */
typedef struct
{
  const char          *word;
  HcConnectorMapMatch  match;
  HcEmployeeStatus     status;
} HcConnectorMapStatusWord;

/* A vendor's status @value into the four statuses: a start date after
 * @today is ONBOARDING whatever the value says; else the status of the
 * first of @words (ending with a NULL word) that @value matches; else
 * (a value the vendor has not documented, or none) the dates say it: an
 * end date before @today is INACTIVE (the end date is the last day of
 * work, still ACTIVE), anything else ACTIVE. Dates are "YYYY-MM-DD" or
 * NULL. */
HcEmployeeStatus hc_connector_map_status (const char                     *value,
                                          const HcConnectorMapStatusWord *words,
                                          const char                     *start,
                                          const char                     *end,
                                          const char                     *today);

G_END_DECLS
