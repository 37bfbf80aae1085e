/* hc-memory.h — the process's heap between syncs (rules.md 44)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* AddressSanitizer brings its own allocator: glibc's settings mean nothing
 * under it, and hc_memory_init() leaves the process as it is. */
#if defined(__SANITIZE_ADDRESS__)
#define HC_MEMORY_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature (address_sanitizer)
#define HC_MEMORY_UNDER_ASAN 1
#endif
#endif

void hc_memory_init (char **argv);
void hc_memory_init_command (void);
void hc_memory_release (void);
void hc_memory_prefault (gsize bytes);

G_END_DECLS
