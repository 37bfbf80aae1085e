/* hc-group-path.h — group paths ("Paris/Engineering") and group name keys
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A group path is the names from the top group down, joined by "/". A
 * literal "/" in a name is written "\/", a backslash "\\". Each name is
 * trimmed; an empty name (a path "", "a//b", "a/" or " /b") is refused,
 * as is a backslash before anything else. HC_ERROR_INVALID_ARGUMENT with
 * a sentence naming the path. (transfer full) */
GStrv      hc_group_path_parse      (const char          *path,
                                     GError             **error);
/* The path of @names (top first), escaped as hc_group_path_parse() reads
 * it. (transfer full) */
char      *hc_group_path_format     (const char * const  *names);
/* One name escaped for a path. (transfer full) */
char      *hc_group_path_escape     (const char          *name);

/* The key two sibling names are compared by: trimmed, without accents,
 * without case ("Équipe " and "equipe" have one key). The one rule for
 * group names; NULL for NULL. (transfer full) */
char      *hc_group_name_key        (const char          *name);

G_END_DECLS
