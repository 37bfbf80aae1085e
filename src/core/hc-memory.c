/* hc-memory.c — the process's heap between syncs (rules.md 44)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "hc-memory.h"
#include "hc-simdjson.h"

/**
 * hc_memory_release:
 *
 * Gives back what the sync that just ended held (rules.md 44), once the
 * sync is freed: the JSON parsers kept for its largest pages, then the free
 * pages of every thread's heap, which glibc keeps otherwise.
 */
void
hc_memory_release (void)
{
  hc_sj_parsers_trim ();
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}
