/* hc-config.c — a connector's configuration and its JSON document
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-config"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-config.h"
#include "hc-error.h"
#include "hc-group-path.h"
#include "hc-mapping.h"
#include "hc-json.h"

#define DEFAULT_STATUSES ((1u << HC_EMPLOYEE_STATUS_ACTIVE) | \
                          (1u << HC_EMPLOYEE_STATUS_ONBOARDING) | \
                          (1u << HC_EMPLOYEE_STATUS_LEAVE))

G_DEFINE_BOXED_TYPE (HcConfig, hc_config, hc_config_copy, hc_config_free)

/* The keys a document may hold, for the "unknown key" errors. */
/* Bounds on a configuration read from outside: a document, and any list in
 * it (mapping lines, scope rules, their values, statuses). */
#define MAX_CONFIG_BYTES   (1024 * 1024)
#define MAX_CONFIG_ENTRIES 1000

static const char * const root_keys[] = {
  "scope", "mapping", "archive_inactive", "schedule", "safety_threshold_percent", "pre_start_days",
  "groups", "teams", "roles", NULL
};
static const char * const groups_keys[] = { "mode", "top", "levels", NULL };
static const char * const teams_keys[] = { "create_from", "parent", NULL };
static const char * const roles_keys[] = { "from", "mapping", NULL };
static const char * const role_mapping_keys[] = { "position", "role", NULL };
static const char * const group_mode_names[] = { "none", "into", "hierarchy" };
static const char * const scope_keys[] = {
  "mode", "rules", "exclude_field", "statuses", "include_managers", NULL
};
static const char * const rule_keys[] = { "field", "values", NULL };
static const char * const mapping_keys[] = { "target", "source", "transform", "required", NULL };

static const char * const schedule_names[] = { "manual", "6h", "12h", "24h" };

static void
scope_rule_free (HcScopeRule *rule)
{
  g_free (rule->field);
  g_ptr_array_unref (rule->values);
  g_free (rule);
}

static void
mapping_entry_free (HcMappingEntry *entry)
{
  g_free (entry->target);
  g_free (entry->source);
  g_free (entry);
}

static void
role_mapping_free (HcRoleMapping *line)
{
  g_free (line->position);
  g_free (line->role);
  g_free (line);
}

static HcConfig *
config_new_empty (void)
{
  HcConfig *self = g_new0 (HcConfig, 1);

  self->group_mode = HC_GROUP_MODE_NONE;
  self->group_levels = g_ptr_array_new_with_free_func (g_free);
  self->teams_from = g_ptr_array_new_with_free_func (g_free);
  self->role_mapping = g_ptr_array_new_with_free_func ((GDestroyNotify) role_mapping_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) scope_rule_free);
  self->mapping = g_ptr_array_new_with_free_func ((GDestroyNotify) mapping_entry_free);
  self->statuses = DEFAULT_STATUSES;
  self->safety_threshold_percent = 10;
  /* The HR integrations Headcount follows sync daily. Stored documents
   * always name their schedule, so existing connectors keep theirs. */
  self->schedule = HC_SCHEDULE_24H;
  self->pre_start_days = HC_CONFIG_PRE_START_NO_LIMIT;
  /* rules.md 39: one role per position unless the document turns roles
   * off with an explicit null. */
  self->roles_from = g_strdup (HC_FIELD_POSITION);
  return self;
}

HcConfig *
hc_config_new_default (void)
{
  return hc_config_new_for_kind (NULL);
}

HcConfig *
hc_config_new_for_kind (const char *kind)
{
  HcConfig *self = config_new_empty ();

  self->scope_mode = HC_SCOPE_MODE_ALL;
  self->exclude_field = g_strdup (hc_mapping_get_vendor_defaults (kind)->exclude_field);
  self->match_id_only = hc_mapping_get_vendor_defaults (kind)->match_id_only;
  hc_mapping_add_defaults_for_kind (self->mapping, kind);
  return self;
}

HcConfig *
hc_config_copy (const HcConfig *self)
{
  HcConfig *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = config_new_empty ();
  copy->scope_mode = self->scope_mode;
  for (guint i = 0; i < self->rules->len; i++)
    {
      HcScopeRule *rule = g_ptr_array_index (self->rules, i);
      HcScopeRule *c = g_new0 (HcScopeRule, 1);

      c->field = g_strdup (rule->field);
      c->values = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < rule->values->len; j++)
        g_ptr_array_add (c->values, g_strdup (g_ptr_array_index (rule->values, j)));
      g_ptr_array_add (copy->rules, c);
    }
  copy->exclude_field = g_strdup (self->exclude_field);
  copy->statuses = self->statuses;
  copy->include_managers = self->include_managers;
  copy->match_id_only = self->match_id_only;
  for (guint i = 0; i < self->mapping->len; i++)
    {
      HcMappingEntry *e = g_ptr_array_index (self->mapping, i);
      HcMappingEntry *c = g_new0 (HcMappingEntry, 1);

      c->target = g_strdup (e->target);
      c->source = g_strdup (e->source);
      c->transforms = e->transforms;
      c->required = e->required;
      g_ptr_array_add (copy->mapping, c);
    }
  copy->archive_inactive = self->archive_inactive;
  copy->schedule = self->schedule;
  copy->safety_threshold_percent = self->safety_threshold_percent;
  copy->pre_start_days = self->pre_start_days;
  copy->group_mode = self->group_mode;
  copy->group_top = g_strdup (self->group_top);
  for (guint i = 0; i < self->group_levels->len; i++)
    g_ptr_array_add (copy->group_levels, g_strdup (g_ptr_array_index (self->group_levels, i)));
  for (guint i = 0; i < self->teams_from->len; i++)
    g_ptr_array_add (copy->teams_from, g_strdup (g_ptr_array_index (self->teams_from, i)));
  copy->teams_parent = g_strdup (self->teams_parent);
  g_free (copy->roles_from);
  copy->roles_from = g_strdup (self->roles_from);
  for (guint i = 0; i < self->role_mapping->len; i++)
    {
      const HcRoleMapping *line = g_ptr_array_index (self->role_mapping, i);
      HcRoleMapping *c = g_new0 (HcRoleMapping, 1);

      c->position = g_strdup (line->position);
      c->role = g_strdup (line->role);
      g_ptr_array_add (copy->role_mapping, c);
    }
  return copy;
}

void
hc_config_free (HcConfig *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rules);
  g_ptr_array_unref (self->mapping);
  g_free (self->exclude_field);
  g_free (self->group_top);
  g_ptr_array_unref (self->group_levels);
  g_ptr_array_unref (self->teams_from);
  g_free (self->teams_parent);
  g_free (self->roles_from);
  g_ptr_array_unref (self->role_mapping);
  g_free (self);
}

gboolean
hc_config_equal (const HcConfig *a,
                 const HcConfig *b)
{
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  /* The document is canonical: same text, same configuration. */
  ja = hc_config_to_json (a);
  jb = hc_config_to_json (b);
  return g_str_equal (ja, jb);
}

void
hc_config_add_rule (HcConfig           *self,
                    const char         *field,
                    const char * const *values)
{
  HcScopeRule *rule;

  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL);

  rule = g_new0 (HcScopeRule, 1);
  rule->field = g_strdup (field);
  rule->values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; values && values[i]; i++)
    g_ptr_array_add (rule->values, g_strdup (values[i]));
  g_ptr_array_add (self->rules, rule);
}

static void
set_mapping_line (HcConfig          *self,
                  const char        *target,
                  const char        *source,
                  HcMappingTransform transforms,
                  gboolean           required)
{
  HcMappingEntry *e;

  for (guint i = 0; i < self->mapping->len; i++)
    {
      e = g_ptr_array_index (self->mapping, i);

      if (g_str_equal (e->target, target))
        {
          if (source == NULL || *source == '\0')
            g_ptr_array_remove_index (self->mapping, i);
          else
            {
              g_free (e->source);
              e->source = g_strdup (source);
              e->transforms = transforms;
              e->required = required;
            }
          return;
        }
    }

  if (source == NULL || *source == '\0')
    return;

  e = g_new0 (HcMappingEntry, 1);
  e->target = g_strdup (target);
  e->source = g_strdup (source);
  e->transforms = transforms;
  e->required = required;
  g_ptr_array_add (self->mapping, e);
}

void
hc_config_set_mapping (HcConfig   *self,
                       const char *target,
                       const char *source)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (target != NULL);

  set_mapping_line (self, target, source, HC_MAPPING_TRANSFORM_DEFAULT, FALSE);
}

void
hc_config_set_mapping_full (HcConfig           *self,
                            const char         *target,
                            const char * const *sources,
                            HcMappingTransform  transforms,
                            gboolean            required)
{
  g_autoptr (GString) joined = g_string_new (NULL);

  g_return_if_fail (self != NULL);
  g_return_if_fail (target != NULL);

  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (sources[i]));

      if (*name == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, '|');
      g_string_append (joined, name);
    }
  set_mapping_line (self, target, joined->str, transforms, required);
}

const char *
hc_schedule_to_string (HcSchedule schedule)
{
  g_return_val_if_fail (schedule <= HC_SCHEDULE_24H, NULL);
  return schedule_names[schedule];
}

gboolean
hc_schedule_from_string (const char *str,
                         HcSchedule *schedule)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (schedule_names); i++)
    if (g_str_equal (str, schedule_names[i]))
      {
        *schedule = (HcSchedule) i;
        return TRUE;
      }
  return FALSE;
}

const char *
hc_group_mode_to_string (HcGroupMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (group_mode_names), "none");
  return group_mode_names[mode];
}

gboolean
hc_group_mode_from_string (const char  *str,
                           HcGroupMode *mode)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (group_mode_names); i++)
    if (g_str_equal (str, group_mode_names[i]))
      {
        *mode = (HcGroupMode) i;
        return TRUE;
      }
  return FALSE;
}

const HcRoleMapping *
hc_config_find_role_mapping (const HcConfig *self,
                             const char     *position)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (position == NULL)
    return NULL;
  key = hc_group_name_key (position);
  for (guint i = 0; i < self->role_mapping->len; i++)
    {
      const HcRoleMapping *line = g_ptr_array_index (self->role_mapping, i);
      g_autofree char *other = hc_group_name_key (line->position);

      if (g_str_equal (key, other))
        return line;
    }
  return NULL;
}

void
hc_config_add_role_mapping (HcConfig   *self,
                            const char *position,
                            const char *role)
{
  HcRoleMapping *line;

  g_return_if_fail (self != NULL && position != NULL);

  line = (HcRoleMapping *) hc_config_find_role_mapping (self, position);
  if (line == NULL)
    {
      line = g_new0 (HcRoleMapping, 1);
      line->position = g_strdup (position);
      g_ptr_array_add (self->role_mapping, line);
    }
  g_free (line->role);
  line->role = g_strdup (role);
}

/* ─── reading ──────────────────────────────────────────────────────── */

static gboolean
is_string_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* "scope" + "mode" → "scope.mode"; "" + "scope" → "scope". */
static char *
member_path (const char *path,
             const char *member)
{
  return *path ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}

static gboolean
check_keys (JsonObject         *object,
            const char         *path,
            const char * const *known,
            GError            **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *list = NULL;
      g_autofree char *where = NULL;

      if (g_strv_contains (known, name))
        continue;
      list = g_strjoinv (", ", (char **) known);
      where = member_path (path, name);
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: unknown key (expected %s)"), where, list);
      return FALSE;
    }
  return TRUE;
}

/* Checked readers: a member of the wrong type is an error naming it. */
static gboolean
read_string (JsonObject *object,
             const char *member,
             const char *path,
             char      **out,
             GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!is_string_node (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: expected a text value"), path);
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_bool (JsonObject *object,
           const char *member,
           const char *path,
           gboolean   *out,
           GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: expected true or false"), path);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_uint (JsonObject *object,
           const char *member,
           guint       max,
           guint      *out,
           GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (value = json_node_get_int (node)) < 0 || value > max)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: expected a whole number from 0 to %u"), member, max);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

/* NULL with no error when the member is absent or null. */
static JsonArray *
read_array (JsonObject *object,
            const char *member,
            const char *path,
            GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG, _("%s: expected a list"), path);
      return NULL;
    }
  if (json_array_get_length (json_node_get_array (node)) > MAX_CONFIG_ENTRIES)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: has %u entries, more than the limit of %u"), path,
                   json_array_get_length (json_node_get_array (node)), MAX_CONFIG_ENTRIES);
      return NULL;
    }
  return json_node_get_array (node);
}

/* A field name, or a list of them (the first that has a value wins),
 * as "a|b". *out is NULL for null, "" or []. */
static gboolean
read_field_names (JsonObject *object,
                  const char *member,
                  const char *path,
                  char      **out,
                  GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr (GString) joined = g_string_new (NULL);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (is_string_node (node))
    {
      /* "a|b", the older form of a list, stays valid */
      g_auto (GStrv) parts = g_strsplit (json_node_get_string (node), "|", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] == '\0')
            continue;
          if (joined->len > 0)
            g_string_append_c (joined, '|');
          g_string_append (joined, parts[i]);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *v = json_array_get_element (array, i);
          g_autofree char *name = NULL;

          if (!is_string_node (v))
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("%s[%u]: expected the name of an HR field"), path, i);
              return FALSE;
            }
          name = g_strstrip (g_strdup (json_node_get_string (v)));
          if (*name == '\0' || strchr (name, '|') != NULL)
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("%s[%u]: “%s” is not the name of an HR field"), path, i,
                           json_node_get_string (v));
              return FALSE;
            }
          if (joined->len > 0)
            g_string_append_c (joined, '|');
          g_string_append (joined, name);
        }
    }
  else
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: expected the name of an HR field, or a list of names"), path);
      return FALSE;
    }

  if (joined->len > 0)
    *out = g_string_free (g_steal_pointer (&joined), FALSE);
  return TRUE;
}

/* "lower", or a list: ["trim", "lower"]. */
static gboolean
read_transforms (JsonObject         *object,
                 const char         *path,
                 HcMappingTransform *out,
                 GError            **error)
{
  JsonNode *node = json_object_get_member (object, "transform");
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  HcMappingTransform transforms = 0;

  *out = HC_MAPPING_TRANSFORM_DEFAULT;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (is_string_node (node))
    g_ptr_array_add (names, (gpointer) json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *v = json_array_get_element (array, i);

          if (!is_string_node (v))
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("%s[%u]: expected trim, lower or none"), path, i);
              return FALSE;
            }
          g_ptr_array_add (names, (gpointer) json_node_get_string (v));
        }
    }
  else
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: expected trim, lower or none, or a list of them"), path);
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      HcMappingTransform t;

      if (!hc_mapping_transform_from_string (g_ptr_array_index (names, i), &t))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s: “%s” is not a transform (expected trim, lower or none)"),
                       path, (const char *) g_ptr_array_index (names, i));
          return FALSE;
        }
      transforms |= t;
    }

  if ((transforms & HC_MAPPING_TRANSFORM_NONE) && transforms != HC_MAPPING_TRANSFORM_NONE)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: “none” cannot be combined with another transform"), path);
      return FALSE;
    }
  /* An empty list is "none". */
  *out = transforms ? transforms : HC_MAPPING_TRANSFORM_NONE;
  return TRUE;
}

static gboolean
parse_rule (HcConfig *self,
            JsonNode *node,
            guint     index,
            GError  **error)
{
  g_autofree char *path = g_strdup_printf ("scope.rules[%u]", index);
  g_autofree char *fpath = g_strdup_printf ("%s.field", path);
  g_autofree char *vpath = g_strdup_printf ("%s.values", path);
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *field = NULL;
  GError *local_error = NULL;
  JsonArray *varray;
  JsonObject *rule;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: expected an object with “field” and “values”"), path);
      return FALSE;
    }
  rule = json_node_get_object (node);
  if (!check_keys (rule, path, rule_keys, error))
    return FALSE;
  if (!read_string (rule, "field", fpath, &field, error))
    return FALSE;
  if (field == NULL || *g_strstrip (field) == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: a rule needs the name of an HR field"), fpath);
      return FALSE;
    }

  varray = read_array (rule, "values", vpath, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  for (guint j = 0; varray && j < json_array_get_length (varray); j++)
    {
      JsonNode *v = json_array_get_element (varray, j);

      if (!is_string_node (v))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s[%u]: expected a text value"), vpath, j);
          return FALSE;
        }
      g_ptr_array_add (values, g_strdup (json_node_get_string (v)));
    }
  if (values->len == 0)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: a rule needs at least one value"), vpath);
      return FALSE;
    }
  g_ptr_array_add (values, NULL);
  hc_config_add_rule (self, field, (const char * const *) values->pdata);
  return TRUE;
}

static gboolean
parse_scope (HcConfig   *self,
             JsonObject *scope,
             GError    **error)
{
  g_autofree char *mode = NULL;
  JsonArray *array;
  GError *local_error = NULL;

  if (!check_keys (scope, "scope", scope_keys, error))
    return FALSE;

  if (!read_string (scope, "mode", "scope.mode", &mode, error))
    return FALSE;
  if (mode == NULL || g_str_equal (mode, "all"))
    self->scope_mode = HC_SCOPE_MODE_ALL;
  else if (g_str_equal (mode, "custom"))
    self->scope_mode = HC_SCOPE_MODE_CUSTOM;
  else
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("scope.mode: expected “all” or “custom”, not “%s”"), mode);
      return FALSE;
    }

  array = read_array (scope, "rules", "scope.rules", &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    if (!parse_rule (self, json_array_get_element (array, i), i, error))
      return FALSE;

  if (json_object_has_member (scope, "exclude_field"))
    {
      g_autofree char *exclude = NULL;

      if (!read_field_names (scope, "exclude_field", "scope.exclude_field", &exclude, error))
        return FALSE;
      g_free (self->exclude_field);
      self->exclude_field = g_steal_pointer (&exclude);
    }

  array = read_array (scope, "statuses", "scope.statuses", &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (array)
    {
      self->statuses = 0;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *v = json_array_get_element (array, i);
          HcEmployeeStatus status;

          if (!is_string_node (v))
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("scope.statuses[%u]: expected active, onboarding, leave or inactive"), i);
              return FALSE;
            }
          if (!hc_employee_status_from_string (json_node_get_string (v), &status))
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("scope.statuses[%u]: “%s” is not a status (expected active, onboarding, leave or inactive)"),
                           i, json_node_get_string (v));
              return FALSE;
            }
          self->statuses |= 1u << status;
        }
    }

  if (!read_bool (scope, "include_managers", "scope.include_managers", &self->include_managers, error))
    return FALSE;

  return TRUE;
}

static gboolean
parse_mapping (HcConfig  *self,
               JsonArray *mapping,
               GError   **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Listed lines replace or add to the defaults; an empty source drops one. */
  for (guint i = 0; i < json_array_get_length (mapping); i++)
    {
      JsonNode *node = json_array_get_element (mapping, i);
      g_autofree char *path = g_strdup_printf ("mapping[%u]", i);
      g_autofree char *tpath = g_strdup_printf ("%s.target", path);
      g_autofree char *spath = g_strdup_printf ("%s.source", path);
      g_autofree char *xpath = g_strdup_printf ("%s.transform", path);
      g_autofree char *rpath = g_strdup_printf ("%s.required", path);
      g_autofree char *target = NULL;
      g_autofree char *source = NULL;
      HcMappingTransform transforms;
      gboolean required = FALSE;
      JsonObject *entry;
      gpointer first;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s: expected an object with “target” and “source”"), path);
          return FALSE;
        }
      entry = json_node_get_object (node);
      if (!check_keys (entry, path, mapping_keys, error) ||
          !read_string (entry, "target", tpath, &target, error) ||
          !read_field_names (entry, "source", spath, &source, error) ||
          !read_transforms (entry, xpath, &transforms, error) ||
          !read_bool (entry, "required", rpath, &required, error))
        return FALSE;
      if (target == NULL || !hc_mapping_is_valid_target (target))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s: “%s” is not a member field (use one of first_name, last_name, "
                         "preferred_name, email, title, department, team, office, manager, "
                         "employee_id, start_date, end_date, or custom.NAME)"),
                       tpath, target ? target : "");
          return FALSE;
        }
      if (g_hash_table_lookup_extended (seen, target, NULL, &first))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s: “%s” is already mapped by mapping[%u]"),
                       tpath, target, GPOINTER_TO_UINT (first));
          return FALSE;
        }
      g_hash_table_insert (seen, g_strdup (target), GUINT_TO_POINTER (i));
      if (source == NULL && (required || transforms != HC_MAPPING_TRANSFORM_DEFAULT))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s: a line with a transform or “required” needs a source"), spath);
          return FALSE;
        }
      set_mapping_line (self, target, source, transforms, required);
    }

  return TRUE;
}

/* A group path: parsed, stored in its canonical form. */
static gboolean
read_group_path (JsonObject *object,
                 const char *member,
                 const char *path,
                 char      **out,
                 GError    **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) names = NULL;
  g_autoptr (GError) local_error = NULL;

  *out = NULL;
  if (!read_string (object, member, path, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  names = hc_group_path_parse (text, &local_error);
  if (names == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG, "%s: %s", path, local_error->message);
      return FALSE;
    }
  *out = hc_group_path_format ((const char * const *) names);
  return TRUE;
}

/* HR field names, one per level: a name or a list of them, at most @max,
 * none empty. */
static gboolean
read_levels (JsonObject *object,
             const char *member,
             const char *path,
             guint       max,
             GPtrArray  *out,
             GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  g_ptr_array_set_size (out, 0);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (is_string_node (node))
    {
      g_autofree char *name = g_strstrip (g_strdup (json_node_get_string (node)));

      if (*name != '\0')
        g_ptr_array_add (out, g_steal_pointer (&name));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: expected a field name or a list of them"), path);
      return FALSE;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) > max)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: has %u levels, more than the limit of %u"), path,
                   json_array_get_length (array), max);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *name = NULL;

      if (!is_string_node (element) ||
          *(name = g_strstrip (g_strdup (json_node_get_string (element)))) == '\0')
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s[%u]: expected a field name"), path, i);
          return FALSE;
        }
      g_ptr_array_add (out, g_steal_pointer (&name));
    }
  return TRUE;
}

static JsonObject *
read_object (JsonObject *object,
             const char *member,
             GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG, _("%s: expected an object"), member);
      return NULL;
    }
  return json_node_get_object (node);
}

/* rules.md 36: "groups": {"mode", "top", "levels"}. */
static gboolean
parse_groups (HcConfig   *self,
              JsonObject *groups,
              GError    **error)
{
  g_autofree char *mode = NULL;

  if (!check_keys (groups, "groups", groups_keys, error) ||
      !read_string (groups, "mode", "groups.mode", &mode, error) ||
      !read_group_path (groups, "top", "groups.top", &self->group_top, error) ||
      !read_levels (groups, "levels", "groups.levels", HC_CONFIG_MAX_GROUP_LEVELS, self->group_levels, error))
    return FALSE;
  if (mode != NULL && !hc_group_mode_from_string (mode, &self->group_mode))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("groups.mode: expected none, into or hierarchy, not “%s”"), mode);
      return FALSE;
    }
  if (self->group_mode != HC_GROUP_MODE_NONE && self->group_top == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("groups.top: the mode %s needs the path of a group"),
                   hc_group_mode_to_string (self->group_mode));
      return FALSE;
    }
  if (self->group_mode == HC_GROUP_MODE_HIERARCHY && self->group_levels->len == 0)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("groups.levels: the hierarchy needs at least one HR field"));
      return FALSE;
    }
  /* Another mode keeps the top group and the levels, unused, so that
   * switching modes back and forth loses nothing. */
  return TRUE;
}

/* rules.md 37: "teams": {"create_from", "parent"}. */
static gboolean
parse_teams (HcConfig   *self,
             JsonObject *teams,
             GError    **error)
{
  if (!check_keys (teams, "teams", teams_keys, error) ||
      !read_levels (teams, "create_from", "teams.create_from", HC_CONFIG_MAX_TEAM_LEVELS, self->teams_from, error) ||
      !read_group_path (teams, "parent", "teams.parent", &self->teams_parent, error))
    return FALSE;
  return TRUE;
}

/* rules.md 39: "roles": {"from", "mapping": [{"position", "role"}]}.
 * Without "from", or with null (what a merge patch deletes), the default
 * stays: the position; false (or "") is off. */
static gboolean
parse_roles (HcConfig   *self,
             JsonObject *roles,
             GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonArray *mapping;

  if (!check_keys (roles, "roles", roles_keys, error))
    return FALSE;
  {
    JsonNode *from = json_object_get_member (roles, "from");

    if (from != NULL && JSON_NODE_HOLDS_VALUE (from) && json_node_get_value_type (from) == G_TYPE_BOOLEAN)
      {
        if (json_node_get_boolean (from))
          {
            g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                         _("roles.from: expected an HR field name, or false for no roles from HR"));
            return FALSE;
          }
        g_clear_pointer (&self->roles_from, g_free);
      }
    else if (from != NULL && !JSON_NODE_HOLDS_NULL (from))
      {
        g_clear_pointer (&self->roles_from, g_free);
        if (!read_string (roles, "from", "roles.from", &self->roles_from, error))
          return FALSE;
      }
  }
  if (self->roles_from != NULL)
    {
      g_strstrip (self->roles_from);
      if (*self->roles_from == '\0')
        g_clear_pointer (&self->roles_from, g_free);
    }
  mapping = read_array (roles, "mapping", "roles.mapping", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; mapping != NULL && i < json_array_get_length (mapping); i++)
    {
      JsonNode *node = json_array_get_element (mapping, i);
      g_autofree char *path = g_strdup_printf ("roles.mapping[%u]", i);
      g_autofree char *ppath = g_strdup_printf ("%s.position", path);
      g_autofree char *rpath = g_strdup_printf ("%s.role", path);
      g_autofree char *position = NULL;
      g_autofree char *role = NULL;
      HcRoleMapping *line;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s: expected an object with “position” and “role”"), path);
          return FALSE;
        }
      if (!check_keys (json_node_get_object (node), path, role_mapping_keys, error) ||
          !read_string (json_node_get_object (node), "position", ppath, &position, error) ||
          !read_string (json_node_get_object (node), "role", rpath, &role, error))
        return FALSE;
      if (position == NULL || *g_strstrip (position) == '\0')
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG, _("%s: expected a position"), ppath);
          return FALSE;
        }
      if (hc_config_find_role_mapping (self, position) != NULL)
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s: “%s” is listed twice"), ppath, position);
          return FALSE;
        }
      if (role != NULL && *g_strstrip (role) == '\0')
        g_clear_pointer (&role, g_free);
      line = g_new0 (HcRoleMapping, 1);
      line->position = g_steal_pointer (&position);
      line->role = g_steal_pointer (&role);
      g_ptr_array_add (self->role_mapping, line);
    }
  return TRUE;
}

/* Before the automatic exclusion field, each kind of connector stored a
* fixed field name as its default, written into every saved configuration.
* Nobody chose it: such a configuration reads as automatic (which finds
* those names too), so that a connector whose HR system has no such field
* keeps syncing instead of stopping on a field the admin never named. */
static gboolean
is_former_default_exclusion (const char *kind,
                             const char *exclude_field)
{
  static const struct { const char *kind; const char *field; } former[] = {
    { "demo", "skip_sync" },
    { "file", "skip_sync" },
    { "personio", "skip_sync" },
    { "bamboohr", "skip_sync|customSkipSync" },
    { "hibob", "custom.skip_sync|work.custom.skip_sync" },
    { "lucca", "extendedData.e_skip_sync" },
    { "workday", "Skip_Sync|CF_Skip_Sync|skipSync" },
  };

  if (exclude_field == NULL)
    return FALSE;
  if (kind == NULL)
    return g_str_equal (exclude_field, "skip_sync");
  for (guint i = 0; i < G_N_ELEMENTS (former); i++)
    if (g_str_equal (kind, former[i].kind))
      return g_str_equal (exclude_field, former[i].field);
  return FALSE;
}

HcConfig *
hc_config_new_from_json_for_kind (const char *json,
                                  const char *kind,
                                  GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (HcConfig) self = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *schedule = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonArray *mapping;

  g_return_val_if_fail (json != NULL, NULL);

  if (strlen (json) > MAX_CONFIG_BYTES)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The configuration is larger than the limit of %u MB"), MAX_CONFIG_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!hc_json_load (parser, json, -1, &local_error))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The configuration is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("The configuration must be a JSON object"));
      return NULL;
    }
  root = json_node_get_object (node);
  if (!check_keys (root, "", root_keys, error))
    return NULL;
  self = hc_config_new_for_kind (kind);

  node = json_object_get_member (root, "scope");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG, _("scope: expected an object"));
          return NULL;
        }
      if (!parse_scope (self, json_node_get_object (node), error))
        return NULL;
    }

  mapping = read_array (root, "mapping", "mapping", &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (mapping != NULL && !parse_mapping (self, mapping, error))
    return NULL;

  if (!read_bool (root, "archive_inactive", "archive_inactive", &self->archive_inactive, error))
    return NULL;

  if (!read_string (root, "schedule", "schedule", &schedule, error))
    return NULL;
  if (schedule != NULL && !hc_schedule_from_string (schedule, &self->schedule))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("schedule: expected manual, 6h, 12h or 24h, not “%s”"), schedule);
      return NULL;
    }

  if (!read_uint (root, "safety_threshold_percent", 100, &self->safety_threshold_percent, error) ||
      !read_uint (root, "pre_start_days", HC_CONFIG_MAX_PRE_START_DAYS, &self->pre_start_days, error))
    return NULL;

  {
    JsonObject *object;

    if ((object = read_object (root, "groups", &local_error)) != NULL && !parse_groups (self, object, error))
      return NULL;
    if (local_error == NULL && (object = read_object (root, "teams", &local_error)) != NULL &&
        !parse_teams (self, object, error))
      return NULL;
    if (local_error == NULL && (object = read_object (root, "roles", &local_error)) != NULL &&
        !parse_roles (self, object, error))
      return NULL;
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
  }

  if (is_former_default_exclusion (kind, self->exclude_field))
    {
      g_free (self->exclude_field);
      self->exclude_field = g_strdup (HC_CONFIG_EXCLUDE_AUTO);
    }

  return g_steal_pointer (&self);
}

HcConfig *
hc_config_new_from_json (const char *json,
                         GError    **error)
{
  return hc_config_new_from_json_for_kind (json, NULL, error);
}

/* ─── writing ──────────────────────────────────────────────────────── */

/* "a" as a string, "a|b" as ["a", "b"]. */
static void
add_field_names (JsonBuilder *builder,
                 const char  *names)
{
  g_auto (GStrv) parts = NULL;

  if (names == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  if (strchr (names, '|') == NULL)
    {
      json_builder_add_string_value (builder, names);
      return;
    }
  parts = g_strsplit (names, "|", -1);
  json_builder_begin_array (builder);
  for (guint i = 0; parts[i] != NULL; i++)
    json_builder_add_string_value (builder, parts[i]);
  json_builder_end_array (builder);
}

static void
add_transforms (JsonBuilder       *builder,
                HcMappingTransform transforms)
{
  const HcMappingTransform order[] = { HC_MAPPING_TRANSFORM_TRIM, HC_MAPPING_TRANSFORM_LOWER };
  guint n = 0;

  if (transforms == HC_MAPPING_TRANSFORM_NONE)
    {
      json_builder_add_string_value (builder, "none");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    n += (transforms & order[i]) != 0;
  if (n > 1)
    json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (transforms & order[i])
      json_builder_add_string_value (builder, hc_mapping_transform_to_string (order[i]));
  if (n > 1)
    json_builder_end_array (builder);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *value)
{
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_string_list (JsonBuilder *builder,
                 GPtrArray   *values)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < values->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (values, i));
  json_builder_end_array (builder);
}

char *
hc_config_to_json (const HcConfig *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "scope");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, self->scope_mode == HC_SCOPE_MODE_ALL ? "all" : "custom");
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->rules->len; i++)
    {
      HcScopeRule *rule = g_ptr_array_index (self->rules, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, rule->field);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint j = 0; j < rule->values->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (rule->values, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "exclude_field");
  add_field_names (builder, self->exclude_field);
  json_builder_set_member_name (builder, "statuses");
  json_builder_begin_array (builder);
  for (int s = HC_EMPLOYEE_STATUS_ACTIVE; s <= HC_EMPLOYEE_STATUS_INACTIVE; s++)
    if (self->statuses & (1u << s))
      json_builder_add_string_value (builder, hc_employee_status_to_string (s));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "include_managers");
  json_builder_add_boolean_value (builder, self->include_managers);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "mapping");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->mapping->len; i++)
    {
      HcMappingEntry *e = g_ptr_array_index (self->mapping, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, e->target);
      json_builder_set_member_name (builder, "source");
      add_field_names (builder, e->source);
      /* Only what differs from the target's default, so the document
       * stays short: {"target": "email", "source": "email"}. */
      if (e->transforms != HC_MAPPING_TRANSFORM_DEFAULT)
        {
          json_builder_set_member_name (builder, "transform");
          add_transforms (builder, e->transforms);
        }
      if (e->required)
        {
          json_builder_set_member_name (builder, "required");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  /* A document adds to the default lines: one that was removed is written
   * as such, or it would come back on reading. */
  for (const char * const *t = hc_mapping_get_targets (); *t != NULL; t++)
    if (hc_mapping_get_entry (self, *t) == NULL)
      {
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "target");
        json_builder_add_string_value (builder, *t);
        json_builder_set_member_name (builder, "source");
        json_builder_add_null_value (builder);
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "archive_inactive");
  json_builder_add_boolean_value (builder, self->archive_inactive);
  json_builder_set_member_name (builder, "schedule");
  json_builder_add_string_value (builder, hc_schedule_to_string (self->schedule));
  json_builder_set_member_name (builder, "safety_threshold_percent");
  json_builder_add_int_value (builder, self->safety_threshold_percent);
  json_builder_set_member_name (builder, "pre_start_days");
  if (self->pre_start_days == HC_CONFIG_PRE_START_NO_LIMIT)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, self->pre_start_days);

  json_builder_set_member_name (builder, "groups");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, hc_group_mode_to_string (self->group_mode));
  json_builder_set_member_name (builder, "top");
  add_string_or_null (builder, self->group_top);
  json_builder_set_member_name (builder, "levels");
  add_string_list (builder, self->group_levels);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "teams");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "create_from");
  if (self->teams_from->len == 0)
    json_builder_add_null_value (builder);
  else if (self->teams_from->len == 1)
    json_builder_add_string_value (builder, g_ptr_array_index (self->teams_from, 0));
  else
    add_string_list (builder, self->teams_from);
  json_builder_set_member_name (builder, "parent");
  add_string_or_null (builder, self->teams_parent);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "roles");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  if (self->roles_from != NULL)
    json_builder_add_string_value (builder, self->roles_from);
  else
    json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "mapping");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->role_mapping->len; i++)
    {
      const HcRoleMapping *line = g_ptr_array_index (self->role_mapping, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "position");
      json_builder_add_string_value (builder, line->position);
      json_builder_set_member_name (builder, "role");
      add_string_or_null (builder, line->role);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* ─── differences ──────────────────────────────────────────────────── */

static char *
describe_rules (const HcConfig *self)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->rules->len; i++)
    {
      HcScopeRule *rule = g_ptr_array_index (self->rules, i);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s ∈ {", rule->field);
      for (guint j = 0; j < rule->values->len; j++)
        g_string_append_printf (text, "%s%s", j ? ", " : "", (const char *) g_ptr_array_index (rule->values, j));
      g_string_append_c (text, '}');
    }
  if (text->len == 0)
    return g_strdup (_("none"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
hc_config_describe_statuses (guint statuses)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (int s = HC_EMPLOYEE_STATUS_ACTIVE; s <= HC_EMPLOYEE_STATUS_INACTIVE; s++)
    if (statuses & (1u << s))
      g_string_append_printf (text, "%s%s", text->len ? ", " : "", hc_employee_status_to_string (s));
  if (text->len == 0)
    return g_strdup (_("none"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "work_email|email", then " [lower, required]" when not the default. */
static char *
describe_line (const HcMappingEntry *e)
{
  g_autoptr (GString) text = g_string_new (e->source);
  g_autoptr (GPtrArray) notes = g_ptr_array_new ();

  if (e->transforms == HC_MAPPING_TRANSFORM_NONE)
    g_ptr_array_add (notes, (gpointer) "none");
  else if (e->transforms != HC_MAPPING_TRANSFORM_DEFAULT)
    {
      if (e->transforms & HC_MAPPING_TRANSFORM_TRIM)
        g_ptr_array_add (notes, (gpointer) "trim");
      if (e->transforms & HC_MAPPING_TRANSFORM_LOWER)
        g_ptr_array_add (notes, (gpointer) "lower");
    }
  if (e->required)
    g_ptr_array_add (notes, (gpointer) "required");
  for (guint i = 0; i < notes->len; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : " [", (const char *) g_ptr_array_index (notes, i));
  if (notes->len > 0)
    g_string_append_c (text, ']');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_difference (GPtrArray  *lines,
                const char *path,
                const char *before,
                const char *after)
{
  if (g_strcmp0 (before, after) == 0)
    return;
  g_ptr_array_add (lines, g_strdup_printf ("%s: %s → %s", path,
                                           before ? before : _("none"),
                                           after ? after : _("none")));
}

static const char *
bool_text (gboolean value)
{
  return value ? "true" : "false";
}

/* "7" or "no limit", in @buffer. */
static const char *
describe_pre_start (guint days,
                    char *buffer,
                    gsize size)
{
  if (days == HC_CONFIG_PRE_START_NO_LIMIT)
    return _("no limit");
  g_snprintf (buffer, size, "%u", days);
  return buffer;
}

/* "office, department"; NULL for an empty list. */
static char *
join_list (GPtrArray *values)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (values, i));
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* "Developer → Engineering; Intern → none"; NULL for no line. */
static char *
describe_role_mapping (const HcConfig *self)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->role_mapping->len; i++)
    {
      const HcRoleMapping *line = g_ptr_array_index (self->role_mapping, i);

      g_string_append_printf (text, "%s%s → %s", i ? "; " : "", line->position,
                              line->role ? line->role : _("none"));
    }
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

GPtrArray *
hc_config_describe_changes (const HcConfig *before,
                            const HcConfig *after)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *rules_before = NULL;
  g_autofree char *rules_after = NULL;
  g_autofree char *statuses_before = NULL;
  g_autofree char *statuses_after = NULL;
  char number_before[16], number_after[16];

  g_return_val_if_fail (before != NULL, lines);
  g_return_val_if_fail (after != NULL, lines);

  add_difference (lines, "scope.mode",
                  before->scope_mode == HC_SCOPE_MODE_ALL ? "all" : "custom",
                  after->scope_mode == HC_SCOPE_MODE_ALL ? "all" : "custom");
  rules_before = describe_rules (before);
  rules_after = describe_rules (after);
  add_difference (lines, "scope.rules", rules_before, rules_after);
  add_difference (lines, "scope.exclude_field", before->exclude_field, after->exclude_field);
  statuses_before = hc_config_describe_statuses (before->statuses);
  statuses_after = hc_config_describe_statuses (after->statuses);
  add_difference (lines, "scope.statuses", statuses_before, statuses_after);
  add_difference (lines, "scope.include_managers",
                  bool_text (before->include_managers), bool_text (after->include_managers));

  for (guint i = 0; i < before->mapping->len; i++)
    {
      const HcMappingEntry *b = g_ptr_array_index (before->mapping, i);
      const HcMappingEntry *a = hc_mapping_get_entry (after, b->target);
      g_autofree char *path = g_strdup_printf ("mapping %s", b->target);
      g_autofree char *bt = describe_line (b);
      g_autofree char *at = a ? describe_line (a) : NULL;

      if (a == NULL)
        /* Translators: "mapping title: removed (was position)" */
        g_ptr_array_add (lines, g_strdup_printf (_("%s: removed (was %s)"), path, bt));
      else
        add_difference (lines, path, bt, at);
    }
  for (guint i = 0; i < after->mapping->len; i++)
    {
      const HcMappingEntry *a = g_ptr_array_index (after->mapping, i);
      g_autofree char *at = NULL;

      if (hc_mapping_get_entry (before, a->target) != NULL)
        continue;
      at = describe_line (a);
      /* Translators: "mapping custom.cost_center: added (cost_center)" */
      g_ptr_array_add (lines, g_strdup_printf (_("mapping %s: added (%s)"), a->target, at));
    }

  add_difference (lines, "archive_inactive",
                  bool_text (before->archive_inactive), bool_text (after->archive_inactive));
  add_difference (lines, "schedule",
                  hc_schedule_to_string (before->schedule), hc_schedule_to_string (after->schedule));
  g_snprintf (number_before, sizeof number_before, "%u", before->safety_threshold_percent);
  g_snprintf (number_after, sizeof number_after, "%u", after->safety_threshold_percent);
  add_difference (lines, "safety_threshold_percent", number_before, number_after);
  add_difference (lines, "pre_start_days",
                  describe_pre_start (before->pre_start_days, number_before, sizeof number_before),
                  describe_pre_start (after->pre_start_days, number_after, sizeof number_after));

  {
    g_autofree char *levels_before = join_list (before->group_levels);
    g_autofree char *levels_after = join_list (after->group_levels);
    g_autofree char *teams_before = join_list (before->teams_from);
    g_autofree char *teams_after = join_list (after->teams_from);
    g_autofree char *roles_before = describe_role_mapping (before);
    g_autofree char *roles_after = describe_role_mapping (after);

    add_difference (lines, "groups.mode",
                    hc_group_mode_to_string (before->group_mode), hc_group_mode_to_string (after->group_mode));
    add_difference (lines, "groups.top", before->group_top, after->group_top);
    add_difference (lines, "groups.levels", levels_before, levels_after);
    add_difference (lines, "teams.create_from", teams_before, teams_after);
    add_difference (lines, "teams.parent", before->teams_parent, after->teams_parent);
    add_difference (lines, "roles.from", before->roles_from, after->roles_from);
    add_difference (lines, "roles.mapping", roles_before, roles_after);
  }

  return lines;
}
