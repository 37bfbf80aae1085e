/* hc-json.h — small helpers for building and reading JSON; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Member @name: the string @value, or null when @value is NULL. */
void hc_json_add_string (JsonBuilder *builder,
                         const char  *name,
                         const char  *value);

/* json-glib recurses on nesting: no document read from outside may nest
 * deeper than this. */
#define HC_JSON_MAX_DEPTH 512

/* Whether the @length bytes of JSON text at @data (-1: NUL-terminated)
 * nest objects and arrays at most HC_JSON_MAX_DEPTH deep. */
gboolean hc_json_depth_ok  (const char *data,
                            gssize      length);

/* json_parser_load_from_data() behind the depth check: a document nested
 * too deep fails with JSON_PARSER_ERROR_PARSE without being parsed. */
gboolean hc_json_load      (JsonParser *parser,
                            const char *data,
                            gssize      length,
                            GError    **error);

G_END_DECLS
