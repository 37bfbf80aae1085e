/* hc-fake-hostile.h — a hostile HR server for the hardening tests: what a
 * broken or malicious server sends, one path each (rules.md 29, 31)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/*
 * Paths, any method:
 *   /drip?bytes=N&ms=M    a 200 whose body comes one byte every M ms
 *                          (200), N bytes in all (60): never silent long
 *                          enough for a read timeout
 *   /huge?kb=N            a 200 with a JSON object of N KiB ({"a":"xxx…"})
 *   /endless              a page of 10 new items and a next cursor, on
 *                          every request, with a total that grows as
 *                          fast: {"data":[…],"total":T,"next":N}
 *   /nul                  employees whose strings hold U+0000
 *   /empty                a 200 with an empty list: {"data":[]}
 *   /malformed            a 200 whose JSON stops in the middle
 *   /401                  401 with a JSON error
 *   /429?retry_after=S    429 with Retry-After: S (1)
 * Items are {"id":N,"name":"Person N"}.
 */
typedef struct _HcFakeHostile HcFakeHostile;

HcFakeHostile *hc_fake_hostile_new          (void);
void           hc_fake_hostile_free         (HcFakeHostile *fake);

/* "http://127.0.0.1:PORT" */
const char    *hc_fake_hostile_get_base_url (HcFakeHostile *fake);
HcFakeHris    *hc_fake_hostile_get_server   (HcFakeHostile *fake);
/* Requests received on @path (no query). */
guint          hc_fake_hostile_count_requests (HcFakeHostile *fake,
                                               const char    *path);
/* TRUE while a /drip answer is still being sent: FALSE once the client
 * closed it (or it is complete). */
gboolean       hc_fake_hostile_is_dripping  (HcFakeHostile *fake);
/* /endless starts again from its first page. */
void           hc_fake_hostile_restart_endless (HcFakeHostile *fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakeHostile, hc_fake_hostile_free)

G_END_DECLS
