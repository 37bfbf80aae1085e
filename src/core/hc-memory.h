/* hc-memory.h — the process's heap between syncs (rules.md 44)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void hc_memory_release (void);

G_END_DECLS
