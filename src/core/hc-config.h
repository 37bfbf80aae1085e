/* hc-config.h — a connector's configuration: scope, mapping, options
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-types.h"

G_BEGIN_DECLS

typedef enum
{
  HC_SCOPE_MODE_ALL,
  HC_SCOPE_MODE_CUSTOM,
} HcScopeMode;

typedef enum
{
  HC_SCHEDULE_MANUAL,
  HC_SCHEDULE_6H,
  HC_SCHEDULE_12H,
  HC_SCHEDULE_24H,
} HcSchedule;

/* What happens to a value on its way from HR to the member. 0 is the
 * target's default: trimmed, and lower-cased too for the e-mail. */
typedef enum
{
  HC_MAPPING_TRANSFORM_DEFAULT = 0,
  HC_MAPPING_TRANSFORM_NONE    = 1 << 0,   /* the value as the HR system sent it */
  HC_MAPPING_TRANSFORM_TRIM    = 1 << 1,   /* spaces around removed */
  HC_MAPPING_TRANSFORM_LOWER   = 1 << 2,   /* lower case */
} HcMappingTransform;

/* What a sync does with the groups of its managed members (rules.md 36). */
typedef enum
{
  HC_GROUP_MODE_NONE,           /* no group changes */
  HC_GROUP_MODE_INTO,           /* every managed member into the top group */
  HC_GROUP_MODE_HIERARCHY,      /* the deepest group under the top whose path matches the levels */
} HcGroupMode;

/* The most levels of a hierarchy, and of a create-from-HR path. */
#define HC_CONFIG_MAX_GROUP_LEVELS 5
#define HC_CONFIG_MAX_TEAM_LEVELS  2

/* One line of the role mapping: an HR position → a role, or none. */
typedef struct
{
  char *position;               /* as the HR system writes it; compared as group names are */
  char *role;                   /* a role name, NULL for no role */
} HcRoleMapping;

/* The largest pre-start limit, in days. */
#define HC_CONFIG_MAX_PRE_START_DAYS 365
/* pre_start_days for "no limit": onboarding employees are synced as soon
 * as they appear in the HR system. */
#define HC_CONFIG_PRE_START_NO_LIMIT 0

/* The exclusion field that finds the checkbox by itself: every field whose
 * API name or label says "do not sync" (hc_field_info_is_exclusion_name()),
 * "Skip sync", "skip_elevo_sync", "Ne pas synchroniser avec Elevo"… It may
 * stand with named fields ("auto|my_field"). */
#define HC_CONFIG_EXCLUDE_AUTO "auto"

/* One filter rule: field ∈ {values}. An empty value ("") matches an
 * employee whose field is empty. */
typedef struct
{
  char      *field;
  GPtrArray *values;            /* of char* */
} HcScopeRule;

/* One mapping line: member target ← HR source path. */
typedef struct
{
  char               *target;   /* "email", "title", "custom.cost_center"… */
  char               *source;   /* "email", "position", "cost_center"…; several
                                 * joined with "|": the first non-empty wins */
  HcMappingTransform  transforms;
  gboolean            required; /* an employee without a value is skipped */
} HcMappingEntry;

struct _HcConfig
{
  HcScopeMode  scope_mode;
  GPtrArray   *rules;           /* of HcScopeRule* */
  char        *exclude_field;   /* NULL for none; several joined with "|":
                                 * any of them set excludes */
  guint        statuses;        /* bit (1 << HcEmployeeStatus) per status in scope */
  gboolean     include_managers;
  GPtrArray   *mapping;         /* of HcMappingEntry* */
  gboolean     archive_inactive;
  HcSchedule   schedule;
  guint        safety_threshold_percent;
  /* An opt-in limit: an onboarding employee whose hire date is ahead
   * enters the scope this many days before it. HC_CONFIG_PRE_START_NO_LIMIT
   * (0, the default): as soon as the HR system has them. In the JSON
   * document null, absent or 0 mean no limit. 0 is not "on the start
   * date": 0 was the default Headcount wrote into every stored document
   * while the interval was not opt-in, so a stored 0 says "never chosen",
   * and reading it as no limit gives those connectors the new default.
   * The shortest limit is 1 day. */
  guint        pre_start_days;
  /* Groups (rules.md 36–38). group_top is a group path
   * (hc-group-path.h), NULL with HC_GROUP_MODE_NONE; group_levels the
   * HR fields of levels 1, 2… of a hierarchy. */
  HcGroupMode  group_mode;
  char        *group_top;
  GPtrArray   *group_levels;    /* of char* */
  /* Create from HR: groups made and kept from one HR field, or a path of
   * two, under teams_parent (a group path; NULL for the top level).
   * Empty for none. */
  GPtrArray   *teams_from;      /* of char* */
  char        *teams_parent;
  /* Roles (rules.md 39): the HR field positions come from, "position"
   * unless the document says otherwise, NULL for no roles from HR ("from":
   * false in the document); role_mapping points positions at a role or none (a
   * position not listed gets the role of its own name). */
  char        *roles_from;
  GPtrArray   *role_mapping;    /* of HcRoleMapping* */
  /* rules.md 5: employees match members by employee id only, never by
   * e-mail. Not in the document: it comes with the connector's kind
   * (PayFit, whose work e-mail is optional). */
  gboolean     match_id_only;
};

#define HC_TYPE_CONFIG (hc_config_get_type ())
GType      hc_config_get_type        (void) G_GNUC_CONST;

/* All employees, default mapping, exclusion field automatic, statuses
 * active/onboarding/leave, no archiving, every 24 hours (a test instance
 * is manual only: hc_store_add_connector() stores it so), 10 %, no
 * pre-start limit. */
HcConfig  *hc_config_new_default     (void);
/* The default with the vendor defaults of @kind ("personio", "lucca"…;
 * see hc_mapping_get_vendor_defaults()): what a new connector starts with. */
HcConfig  *hc_config_new_for_kind    (const char     *kind);
HcConfig  *hc_config_copy            (const HcConfig *self);
void       hc_config_free            (HcConfig       *self);
gboolean   hc_config_equal           (const HcConfig *a,
                                      const HcConfig *b);

void       hc_config_add_rule        (HcConfig       *self,
                                      const char     *field,
                                      const char * const *values);
/* Sets, replaces or (with an empty source) removes the line of @target,
 * with the target's default transforms. */
void       hc_config_set_mapping     (HcConfig       *self,
                                      const char     *target,
                                      const char     *source);
/* The same with several sources (first non-empty wins) and transforms.
 * NULL or empty @sources removes the line. */
void       hc_config_set_mapping_full (HcConfig      *self,
                                      const char     *target,
                                      const char * const *sources,
                                      HcMappingTransform transforms,
                                      gboolean        required);

/* The connector's JSON document (rules.md 22). Keys a document leaves out keep the
 * defaults (of @kind for the _for_kind variant); mapping lines replace or
 * add to the default lines. Errors are HC_ERROR_INVALID_CONFIG and name the
 * field by its path ("scope.rules[2].values", "mapping[0].target") and the
 * problem; unknown keys are errors too. */
HcConfig  *hc_config_new_from_json   (const char     *json,
                                      GError        **error);
HcConfig  *hc_config_new_from_json_for_kind (const char *json,
                                      const char     *kind,
                                      GError        **error);
char      *hc_config_to_json         (const HcConfig *self);

/* One line per difference, for people: "scope.mode: all → custom",
 * "mapping custom.cost_center: added (cost_center)". Empty when equal.
 * (transfer full) of char* */
GPtrArray *hc_config_describe_changes (const HcConfig *before,
                                      const HcConfig *after);
/* The statuses of a scope (bits of 1 << HcEmployeeStatus), "active,
 * onboarding", or "none" translated. (transfer full) */
char      *hc_config_describe_statuses (guint          statuses);

const char *hc_group_mode_to_string  (HcGroupMode     mode);
gboolean   hc_group_mode_from_string (const char     *str,
                                      HcGroupMode    *mode);
/* The line of @position in the role mapping (names compared as group
 * names are), or NULL. */
const HcRoleMapping *hc_config_find_role_mapping (const HcConfig *self,
                                      const char     *position);
/* Points @position at @role (NULL for no role), replacing its line if it
 * has one (rules.md 39). */
void       hc_config_add_role_mapping (HcConfig      *self,
                                       const char    *position,
                                       const char    *role);

const char *hc_schedule_to_string    (HcSchedule      schedule);
gboolean   hc_schedule_from_string   (const char     *str,
                                      HcSchedule     *schedule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcConfig, hc_config_free)

G_END_DECLS
