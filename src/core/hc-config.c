/* hc-config.c — a connector's configuration and its JSON document
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-config"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-config.h"
#include "hc-error.h"
#include "hc-mapping.h"

#define DEFAULT_STATUSES ((1u << HC_EMPLOYEE_STATUS_ACTIVE) | \
                          (1u << HC_EMPLOYEE_STATUS_ONBOARDING) | \
                          (1u << HC_EMPLOYEE_STATUS_LEAVE))

G_DEFINE_BOXED_TYPE (HcConfig, hc_config, hc_config_copy, hc_config_free)

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

static HcConfig *
config_new_empty (void)
{
  HcConfig *self = g_new0 (HcConfig, 1);

  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) scope_rule_free);
  self->mapping = g_ptr_array_new_with_free_func ((GDestroyNotify) mapping_entry_free);
  self->statuses = DEFAULT_STATUSES;
  self->safety_threshold_percent = 10;
  self->schedule = HC_SCHEDULE_MANUAL;
  return self;
}

HcConfig *
hc_config_new_default (void)
{
  HcConfig *self = config_new_empty ();

  self->scope_mode = HC_SCOPE_MODE_ALL;
  self->exclude_field = g_strdup ("skip_sync");
  hc_mapping_add_defaults (self->mapping);
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
  for (guint i = 0; i < self->mapping->len; i++)
    {
      HcMappingEntry *e = g_ptr_array_index (self->mapping, i);
      hc_config_set_mapping (copy, e->target, e->source);
    }
  copy->archive_inactive = self->archive_inactive;
  copy->schedule = self->schedule;
  copy->safety_threshold_percent = self->safety_threshold_percent;
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
  g_free (self);
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

/* Sets, replaces or (with an empty source) removes the line of @target. */
void
hc_config_set_mapping (HcConfig   *self,
                       const char *target,
                       const char *source)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (target != NULL);

  for (guint i = 0; i < self->mapping->len; i++)
    {
      HcMappingEntry *e = g_ptr_array_index (self->mapping, i);

      if (g_str_equal (e->target, target))
        {
          if (source == NULL || *source == '\0')
            g_ptr_array_remove_index (self->mapping, i);
          else
            {
              g_free (e->source);
              e->source = g_strdup (source);
            }
          return;
        }
    }

  if (source != NULL && *source != '\0')
    {
      HcMappingEntry *e = g_new0 (HcMappingEntry, 1);

      e->target = g_strdup (target);
      e->source = g_strdup (source);
      g_ptr_array_add (self->mapping, e);
    }
}

static const char * const schedule_names[] = { "manual", "6h", "12h", "24h" };

const char *
hc_schedule_to_string (HcSchedule schedule)
{
  g_return_val_if_fail (schedule <= HC_SCHEDULE_24H, NULL);
  return schedule_names[schedule];
}

static gboolean
is_valid_target (const char *target)
{
  const char * const *targets = hc_mapping_get_targets ();

  if (g_str_has_prefix (target, "custom."))
    {
      const char *name = target + strlen ("custom.");

      if (*name == '\0')
        return FALSE;
      for (const char *p = name; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
          return FALSE;
      return TRUE;
    }
  return g_strv_contains (targets, target);
}

/* Checked readers: a member of the wrong type is an error naming it. */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char  *path,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s: expected a text value"), path);
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *member,
           const char  *path,
           gboolean    *out,
           GError     **error)
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

static JsonArray *
read_array (JsonObject  *object,
            const char  *member,
            const char  *path,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG, _("%s: expected a list"), path);
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
parse_scope (HcConfig    *self,
             JsonObject  *scope,
             GError     **error)
{
  g_autofree char *mode = NULL;
  g_autofree char *exclude = NULL;
  JsonArray *array;
  GError *local_error = NULL;

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
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("scope.rules[%u]", i);
      g_autofree char *field = NULL;
      g_autofree char *fpath = g_strdup_printf ("%s.field", path);
      g_autofree char *vpath = g_strdup_printf ("%s.values", path);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      JsonArray *varray;
      JsonObject *rule;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s: expected an object with “field” and “values”"), path);
          return FALSE;
        }
      rule = json_node_get_object (node);
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

          if (!JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_STRING)
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
    }

  if (!read_string (scope, "exclude_field", "scope.exclude_field", &exclude, error))
    return FALSE;
  if (json_object_has_member (scope, "exclude_field"))
    {
      g_free (self->exclude_field);
      self->exclude_field = (exclude && *exclude) ? g_steal_pointer (&exclude) : NULL;
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

          if (!JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_STRING ||
              !hc_employee_status_from_string (json_node_get_string (v), &status))
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("scope.statuses[%u]: expected active, onboarding, leave or inactive"), i);
              return FALSE;
            }
          self->statuses |= 1u << status;
        }
    }

  if (!read_bool (scope, "include_managers", "scope.include_managers", &self->include_managers, error))
    return FALSE;

  return TRUE;
}

HcConfig *
hc_config_new_from_json (const char  *json,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(HcConfig) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *schedule = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonArray *mapping;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
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
  self = hc_config_new_default ();

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
  /* Listed lines replace or add to the defaults; an empty source drops one. */
  for (guint i = 0; mapping && i < json_array_get_length (mapping); i++)
    {
      JsonNode *entry = json_array_get_element (mapping, i);
      g_autofree char *path = g_strdup_printf ("mapping[%u]", i);
      g_autofree char *tpath = g_strdup_printf ("%s.target", path);
      g_autofree char *spath = g_strdup_printf ("%s.source", path);
      g_autofree char *target = NULL;
      g_autofree char *source = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s: expected an object with “target” and “source”"), path);
          return NULL;
        }
      if (!read_string (json_node_get_object (entry), "target", tpath, &target, error) ||
          !read_string (json_node_get_object (entry), "source", spath, &source, error))
        return NULL;
      if (target == NULL || !is_valid_target (target))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("%s: “%s” is not a member field (use one of first_name, last_name, "
                         "preferred_name, email, title, department, team, office, manager, "
                         "employee_id, start_date, end_date, or custom.NAME)"),
                       tpath, target ? target : "");
          return NULL;
        }
      hc_config_set_mapping (self, target, source ? g_strstrip (source) : NULL);
    }

  if (!read_bool (root, "archive_inactive", "archive_inactive", &self->archive_inactive, error))
    return NULL;

  if (!read_string (root, "schedule", "schedule", &schedule, error))
    return NULL;
  if (schedule != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (schedule_names); i++)
        if (g_str_equal (schedule, schedule_names[i]))
          {
            self->schedule = (HcSchedule) i;
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("schedule: expected manual, 6h, 12h or 24h, not “%s”"), schedule);
          return NULL;
        }
    }

  node = json_object_get_member (root, "safety_threshold_percent");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      gint64 value;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          (value = json_node_get_int (node)) < 0 || value > 100)
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("safety_threshold_percent: expected a whole number from 0 to 100"));
          return NULL;
        }
      self->safety_threshold_percent = (guint) value;
    }

  return g_steal_pointer (&self);
}

char *
hc_config_to_json (const HcConfig *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

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
  if (self->exclude_field)
    json_builder_add_string_value (builder, self->exclude_field);
  else
    json_builder_add_null_value (builder);
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
      json_builder_add_string_value (builder, e->source);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "archive_inactive");
  json_builder_add_boolean_value (builder, self->archive_inactive);
  json_builder_set_member_name (builder, "schedule");
  json_builder_add_string_value (builder, hc_schedule_to_string (self->schedule));
  json_builder_set_member_name (builder, "safety_threshold_percent");
  json_builder_add_int_value (builder, self->safety_threshold_percent);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
