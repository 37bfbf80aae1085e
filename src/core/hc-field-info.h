/* hc-field-info.h — what an HR system says about one of its fields: API
 * name, label, type; and the names an exclusion checkbox goes by
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-config.h"
#include "hc-employee.h"

G_BEGIN_DECLS

typedef enum
{
  HC_FIELD_TYPE_UNKNOWN,
  HC_FIELD_TYPE_TEXT,
  HC_FIELD_TYPE_BOOLEAN,        /* a checkbox, a yes/no switch */
  HC_FIELD_TYPE_NUMBER,
  HC_FIELD_TYPE_DATE,
  HC_FIELD_TYPE_LIST,           /* one or several choices of a list */
} HcFieldType;

typedef struct
{
  char        *name;            /* the API name, as the employee field table keys it */
  char        *label;           /* as the HR system shows it, or NULL */
  HcFieldType  type;
  gboolean     from_metadata;   /* the type is the vendor's word, not a guess */
} HcFieldInfo;

#define HC_TYPE_FIELD_INFO (hc_field_info_get_type ())
GType        hc_field_info_get_type (void) G_GNUC_CONST;
HcFieldInfo *hc_field_info_new      (const char        *name,
                                     const char        *label,
                                     HcFieldType        type);
HcFieldInfo *hc_field_info_copy     (const HcFieldInfo *self);
void         hc_field_info_free     (HcFieldInfo       *self);

/* A deep copy of an array of HcFieldInfo*, or NULL for NULL. (transfer full) */
GPtrArray   *hc_field_info_copy_array (GPtrArray        *fields);

/* "boolean", "text"… for JSON and the CLI. */
const char  *hc_field_type_to_string (HcFieldType      type);

/* TRUE for the values a checkbox takes: true/false, yes/no, oui/non, 1/0
 * (case-insensitive, trimmed). */
gboolean     hc_field_value_is_boolean (const char     *value);

/* The default-name matcher of the exclusion checkbox: TRUE when an API
 * name or a label says "do not sync this person" — "Skip sync",
 * "skip_directory_sync", "customSkipSync", "Do not sync", "Don't sync to
 * Slack", "Ne pas synchroniser avec Elevo", "skip_elevo_sync"… Case,
 * accents, camelCase and separators do not matter. */
gboolean     hc_field_info_is_exclusion_name (const char *text);
/* The same for a field: by its API name or its label. */
gboolean     hc_field_info_is_exclusion (const HcFieldInfo *self);

/* Every field of the HR data: the vendor's metadata (@metadata, may be
 * NULL) and every field some employee has. A field the metadata does not
 * type is typed from the fetched values (boolean when each value is one of
 * hc_field_value_is_boolean()). Sorted by name. (transfer full) of
 * HcFieldInfo* */
GPtrArray   *hc_field_info_describe (GPtrArray         *metadata,
                                     GPtrArray         *employees);
/* The field of that name in @fields (as hc_field_info_describe() gives),
 * or NULL. */
const HcFieldInfo *hc_field_info_find (GPtrArray       *fields,
                                     const char        *name);

/* A configured exclusion checkbox the HR data lacks (not in @fields, as
 * hc_field_info_describe() gives) is HC_ERROR_INVALID_CONFIG with a
 * sentence naming it and @vendor: syncing everyone because a name is
 * wrong would invite the very people the checkbox keeps out. The
 * automatic choice (HC_CONFIG_EXCLUDE_AUTO) never fails. */
gboolean     hc_field_info_check_exclusion (const HcConfig *config,
                                     GPtrArray         *fields,
                                     const char        *vendor,
                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFieldInfo, hc_field_info_free)

G_END_DECLS
