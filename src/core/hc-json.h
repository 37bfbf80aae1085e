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

/* json_parser_load_from_data() behind a depth check: a document nested
 * too deep fails with JSON_PARSER_ERROR_PARSE without being parsed, and
 * one cut off in the middle says so rather than where json-glib stopped.
 * @length: -1 for NUL-terminated text. */
gboolean hc_json_load      (JsonParser *parser,
                            const char *data,
                            gssize      length,
                            GError    **error);

G_END_DECLS
