/* hc-json.h — small helpers for building JSON output; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Member @name: the string @value, or null when @value is NULL. */
void hc_json_add_string (JsonBuilder *builder,
                         const char  *name,
                         const char  *value);

G_END_DECLS
