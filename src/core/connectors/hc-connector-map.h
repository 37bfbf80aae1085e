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

G_END_DECLS
