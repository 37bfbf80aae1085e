/* hc-merge-patch.h — JSON merge patch (RFC 7396), for partial configs; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Applies @patch to @target as RFC 7396 says: an object patch merges into
 * the target member by member, recursively; a null member deletes the
 * target's member; anything else (array, string, number, boolean, null)
 * replaces the target. @target may be NULL (absent). Neither argument is
 * changed. (transfer full) */
JsonNode *hc_json_merge_patch      (JsonNode   *target,
                                    JsonNode   *patch);

/* The same on documents: parses both, merges, and returns the result as
 * pretty-printed JSON. HC_ERROR_PARSE names which document is not JSON. */
char     *hc_json_merge_patch_text (const char  *target,
                                    const char  *patch,
                                    GError     **error);

G_END_DECLS
