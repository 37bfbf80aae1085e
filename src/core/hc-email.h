/* hc-email.h — the one way e-mails are compared (matching, uniqueness)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The key two e-mails are compared by: spaces around trimmed, Unicode
 * composed (NFC) and case-folded, ASCII lower-cased. NULL for NULL or a
 * blank e-mail. The plan's matching (rules.md 5), the CSV import and the
 * store's unique index on members' e-mails all use this key, so that
 * they never disagree on whether two addresses are one. (transfer full) */
char     *hc_email_normalize (const char *email);

/* TRUE when both e-mails have the same key (two blanks are not equal). */
gboolean  hc_email_equal     (const char *a,
                              const char *b);

G_END_DECLS
