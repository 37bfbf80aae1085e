/* hc-mapping.h — how HR fields land on member fields; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-config.h"
#include "hc-employee.h"

G_BEGIN_DECLS

/* The member targets in display order. NULL-terminated. */
const char * const *hc_mapping_get_targets (void);
/* "First name", "Cost center (custom)"… translated, for people. (transfer full) */
char       *hc_mapping_describe_target (const char      *target);
/* One of hc_mapping_get_targets(), or "custom.NAME" with NAME made of
 * letters, digits, "_", "-" and ".". */
gboolean    hc_mapping_is_valid_target (const char      *target);
/* TRUE for the HC_FIELD_* names every connector fills in (when it has a
 * value): they never count as missing (hc_mapping_find_missing_fields()). */
gboolean    hc_mapping_is_standard_field (const char    *field);

/* What a kind of connector starts with, so a new connector works with no
 * edit: every connector fills the standard HC_FIELD_* names, so the
 * mapping lines are mostly those; the exclusion checkbox is where each
 * vendor keeps it. */
typedef struct
{
  const char *target;
  const char *source;           /* "a|b": the first non-empty wins */
} HcMappingDefault;

typedef struct
{
  const char             *kind;           /* "personio" */
  const char             *exclude_field;  /* "skip_sync", "a|b" for several */
  const HcMappingDefault *mapping;        /* lines over the standard ones,
                                           * ended by a NULL target */
  gboolean                match_id_only;  /* rules.md 5: no e-mail matching */
} HcVendorDefaults;

/* The defaults of @kind; unknown kinds (and NULL) get the generic ones. */
const HcVendorDefaults *hc_mapping_get_vendor_defaults (const char *kind);

/* The default mapping entries: target → source. */
void        hc_mapping_add_defaults (GPtrArray        *mapping);
/* The same, then the vendor lines of @kind over them. */
void        hc_mapping_add_defaults_for_kind (GPtrArray *mapping,
                                     const char       *kind);

/* The line of @target, or NULL. */
const HcMappingEntry *hc_mapping_get_entry (const HcConfig *config,
                                     const char       *target);
/* The sources of a line, in order. (transfer full) */
GStrv       hc_mapping_entry_dup_sources (const HcMappingEntry *entry);
/* The transforms an entry really applies (its own, or its target's). */
HcMappingTransform hc_mapping_entry_get_transforms (const HcMappingEntry *entry);

/* The value an employee gives to a line, after transforms: the first
 * source with a non-empty value. NULL when empty. (transfer full) */
char       *hc_mapping_resolve_entry (const HcMappingEntry *entry,
                                     HcEmployee       *employee);
/* The field id (hc_employee_field_id()) of a line's one source, looked up
 * once for a loop over many employees; G_MAXUINT for a line with none or
 * several sources. */
guint       hc_mapping_entry_get_field_id (const HcMappingEntry *entry);
/* hc_mapping_resolve_entry() for a line whose one source is @field (from
 * hc_mapping_entry_get_field_id(): no look-up of the source's name per
 * employee); G_MAXUINT resolves the line as hc_mapping_resolve_entry().
 * (transfer full) */
char       *hc_mapping_resolve_field (const HcMappingEntry *entry,
                                      guint                 field,
                                      HcEmployee           *employee);
/* hc_mapping_resolve_field()'s value without a copy, when it is a part
 * of the employee's own text (a line of one source, nothing to lower):
 * TRUE, with *@start and *@length, *@start NULL for no value. FALSE when
 * only hc_mapping_resolve_field() can make the value. For a loop over
 * 100,000 employees that compares or copies the values. */
gboolean    hc_mapping_resolve_field_in_place (const HcMappingEntry *entry,
                                               guint                 field,
                                               HcEmployee           *employee,
                                               const char          **start,
                                               gsize                *length);
/* The same by target; NULL when the target is not mapped. (transfer full) */
char       *hc_mapping_resolve      (const HcConfig   *config,
                                     HcEmployee       *employee,
                                     const char       *target);

/* The source path mapped to a target ("a|b" for several), or NULL. */
const char *hc_mapping_get_source   (const HcConfig   *config,
                                     const char       *target);

/* "trim", "lower", "none". */
const char *hc_mapping_transform_to_string   (HcMappingTransform  transform);
gboolean    hc_mapping_transform_from_string (const char         *str,
                                              HcMappingTransform *transform);

/* A mapping line whose source the HR system does not have. */
typedef struct
{
  char *target;
  char *source;
  char *message;                /* "custom.cost_center ← cost_centre: …" */
} HcMappingProblem;

void        hc_mapping_problem_free (HcMappingProblem *problem);

/* The lines that point at a field none of @fields is (a sorted or unsorted
 * array of char*, as hc_connector_list_fields() gives for the fetched
 * employees). Standard fields are never missing; with several sources,
 * each missing one is a problem. (transfer full) of HcMappingProblem* */
GPtrArray  *hc_mapping_find_missing_fields (const HcConfig *config,
                                     GPtrArray        *fields);
/* The same as one HC_ERROR_INVALID_CONFIG naming every problem; TRUE when
 * there is none. An empty @fields (no employee) checks nothing. */
gboolean    hc_mapping_check_fields (const HcConfig   *config,
                                     GPtrArray        *fields,
                                     GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcMappingProblem, hc_mapping_problem_free)

G_END_DECLS
