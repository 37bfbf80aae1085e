/* hc-sanitize.h — clean HR values at the connector boundary (rules.md 31)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* rules.md 31: longest values kept, in characters. */
#define HC_SANITIZE_NAME_MAX  256
#define HC_SANITIZE_EMAIL_MAX 254
#define HC_SANITIZE_VALUE_MAX 1024

/*
 * HcSanitizeResult:
 * @HC_SANITIZE_OK: the value is kept as it came
 * @HC_SANITIZE_CHANGED: the value was cleaned (control characters, hidden
 *   characters in a name, cut to its length)
 * @HC_SANITIZE_BAD_TEXT: not valid UTF-8: the record is skipped
 * @HC_SANITIZE_BAD_EMAIL: the e-mail field holds no valid address: the
 *   employee has no e-mail
 */
typedef enum
{
  HC_SANITIZE_OK,
  HC_SANITIZE_CHANGED,
  HC_SANITIZE_BAD_TEXT,
  HC_SANITIZE_BAD_EMAIL,
} HcSanitizeResult;

/* TRUE for the characters that change how text shows without being seen:
 * zero-width spaces and joiners, direction marks, overrides and isolates,
 * the byte-order mark. */
gboolean          hc_sanitize_is_hidden_char (gunichar     c);

/* TRUE for C0 and C1 control characters and DEL. */
gboolean          hc_sanitize_is_control_char (gunichar    c);

/* Cleans @value of the field @field as rules.md 31 says. *@out is the
 * value to keep (NULL for none) with HC_SANITIZE_OK and
 * HC_SANITIZE_CHANGED, NULL otherwise. */
HcSanitizeResult  hc_sanitize_value          (const char  *field,
                                              const char  *value,
                                              char       **out);

/* TRUE when hc_sanitize_value() would keep @value as it is, found without
 * copying it: most values. FALSE says nothing (ask hc_sanitize_value()). */
gboolean          hc_sanitize_value_is_kept  (const char  *field,
                                              const char  *value);

G_END_DECLS
