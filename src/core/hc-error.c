/* hc-error.c — the HC_ERROR domain
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-error"

#include "hc-error.h"

/* *INDENT-OFF* */
G_DEFINE_QUARK (hc-error-quark, hc_error)
/* *INDENT-ON* */
