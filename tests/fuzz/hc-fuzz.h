/* hc-fuzz.h — what the libFuzzer targets of tests/fuzz share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* libFuzzer's entry points. */
int       LLVMFuzzerInitialize   (int           *argc,
                                  char        ***argv);
int       LLVMFuzzerTestOneInput (const uint8_t *data,
                                  size_t         size);

/* Criticals abort: a g_return_if_fail() reached from outside is a bug. */
void      hc_fuzz_init           (void);

/* The input as JSON, behind the depth guard every outside document goes
 * through (hc_json_load()); NULL when it is not JSON. (transfer full) */
JsonNode *hc_fuzz_parse_json     (const uint8_t *data,
                                  size_t         size);

/* What the engine does next with employees: each value through the
 * connector boundary's sanitiser (rules.md 31), the display name, the
 * JSON form. Frees nothing; @employees may be NULL. */
void      hc_fuzz_use_employees  (GPtrArray     *employees);

G_END_DECLS
