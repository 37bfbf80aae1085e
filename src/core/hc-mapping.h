/* hc-mapping.h — how HR fields land on member fields; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-config.h"
#include "hc-employee.h"

G_BEGIN_DECLS

/* The member targets in display order. NULL-terminated. */
const char * const *hc_mapping_get_targets (void);

/* The default mapping entries: target → source. */
void        hc_mapping_add_defaults (GPtrArray        *mapping);

/* The value an employee gives to a member target, after transforms
 * (trimmed; e-mail lower-cased). NULL when empty. (transfer full) */
char       *hc_mapping_resolve      (const HcConfig   *config,
                                     HcEmployee       *employee,
                                     const char       *target);

/* The source path mapped to a target, or NULL. */
const char *hc_mapping_get_source   (const HcConfig   *config,
                                     const char       *target);

G_END_DECLS
