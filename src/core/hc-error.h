/* hc-error.h — the HC_ERROR domain, codes the UI can branch on
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HC_ERROR (hc_error_quark ())

typedef enum
{
  HC_ERROR_FAILED,
  HC_ERROR_INVALID_ARGUMENT,
  HC_ERROR_NOT_FOUND,
  HC_ERROR_EXISTS,
  HC_ERROR_PARSE,
  HC_ERROR_AUTH,
  HC_ERROR_RATE_LIMITED,
  HC_ERROR_NETWORK,
  HC_ERROR_STORE,
  HC_ERROR_NEEDS_CONFIRMATION,
  HC_ERROR_CANCELLED,
  HC_ERROR_NO_KEYRING,
  HC_ERROR_INVALID_CONFIG,
} HcError;

GQuark hc_error_quark (void);

/* A message for people may end with technical details (an HTTP status,
 * the path asked) after this separator, on a line of their own: the
 * window shows them under "Technical details", the command line prints
 * the message as it is. */
#define HC_ERROR_TECHNICAL_SEPARATOR "\n"

/* The part of @message for people, without the technical details.
 * (transfer full) */
char       *hc_error_dup_summary   (const char *message);
/* The technical details of @message, or NULL. (transfer none) */
const char *hc_error_get_technical (const char *message);

G_END_DECLS
