/* hc-employee.c — one HR record, normalised, with its raw fields flattened
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-employee"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hc-employee.h"
#include "hc-error.h"

struct _HcEmployee
{
  GObject          parent_instance;

  char            *id;
  HcEmployeeStatus status;
  /* interned field name → owned value */
  GHashTable      *fields;
  GPtrArray       *problems;
  gboolean         invalid;
};

G_DEFINE_FINAL_TYPE (HcEmployee, hc_employee, G_TYPE_OBJECT)

static void
hc_employee_finalize (GObject *object)
{
  HcEmployee *self = HC_EMPLOYEE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_employee_parent_class)->finalize (object);
}

static void
hc_employee_class_init (HcEmployeeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_employee_finalize;
}

static void
hc_employee_init (HcEmployee *self)
{
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->status = HC_EMPLOYEE_STATUS_ACTIVE;
}

HcEmployee *
hc_employee_new (const char *id)
{
  HcEmployee *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (HC_TYPE_EMPLOYEE, NULL);
  self->id = g_strdup (id);
  g_hash_table_insert (self->fields, (gpointer) g_intern_static_string (HC_FIELD_ID), g_strdup (id));
  g_hash_table_insert (self->fields, (gpointer) g_intern_static_string (HC_FIELD_STATUS),
                       g_strdup (hc_employee_status_to_string (self->status)));
  return self;
}

const char *
hc_employee_get_id (HcEmployee *self)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);
  return self->id;
}

HcEmployeeStatus
hc_employee_get_status (HcEmployee *self)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), HC_EMPLOYEE_STATUS_INACTIVE);
  return self->status;
}

void
hc_employee_set_status (HcEmployee      *self,
                        HcEmployeeStatus status)
{
  g_return_if_fail (HC_IS_EMPLOYEE (self));

  self->status = status;
  g_hash_table_insert (self->fields, (gpointer) g_intern_static_string (HC_FIELD_STATUS),
                       g_strdup (hc_employee_status_to_string (status)));
}

const char *
hc_employee_get_field (HcEmployee *self,
                       const char *path)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return g_hash_table_lookup (self->fields, path);
}

void
hc_employee_set_field (HcEmployee *self,
                       const char *path,
                       const char *value)
{
  g_return_if_fail (HC_IS_EMPLOYEE (self));
  g_return_if_fail (path != NULL);

  /* id and status have their own setters and invariants */
  if (g_str_equal (path, HC_FIELD_ID))
    return;
  if (g_str_equal (path, HC_FIELD_STATUS))
    {
      HcEmployeeStatus status;

      if (hc_employee_status_from_string (value, &status))
        hc_employee_set_status (self, status);
      return;
    }

  if (value == NULL || *value == '\0')
    g_hash_table_remove (self->fields, path);
  else
    g_hash_table_insert (self->fields, (gpointer) g_intern_string (path), g_strdup (value));
}

GPtrArray *
hc_employee_list_fields (HcEmployee *self)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (HC_IS_EMPLOYEE (self), names);

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  hc_ptr_array_sort_strings (names);

  return names;
}

const char *
hc_employee_find_field (HcEmployee         *self,
                        HcEmployeeFieldFunc func,
                        gpointer            user_data)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *found = NULL;

  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if ((found == NULL || strcmp (key, found) < 0) && func (key, value, user_data))
      found = key;
  return found;
}

char *
hc_employee_dup_display_name (HcEmployee *self)
{
  const char *first, *last, *preferred;

  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);

  preferred = hc_employee_get_field (self, HC_FIELD_PREFERRED_NAME);
  first = preferred ? preferred : hc_employee_get_field (self, HC_FIELD_FIRST_NAME);
  last = hc_employee_get_field (self, HC_FIELD_LAST_NAME);

  if (first && last)
    return g_strdup_printf ("%s %s", first, last);
  if (first || last)
    return g_strdup (first ? first : last);
  if (hc_employee_get_email (self))
    return g_strdup (hc_employee_get_email (self));
  return g_strdup_printf (_("Employee %s"), self->id);
}

/* Scalars become strings; NULL for null and for containers. */
static char *
scalar_to_string (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static void
flatten_into (HcEmployee *self,
              const char *prefix,
              JsonNode   *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &child))
        {
          g_autofree char *path = prefix ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
          flatten_into (self, path, child);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr (GString) joined = g_string_new (NULL);

      /* Lists of scalars (tags, multi-selects) read as "a, b, c". */
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *value = scalar_to_string (json_array_get_element (array, i));

          if (value == NULL)
            continue;
          if (joined->len > 0)
            g_string_append (joined, ", ");
          g_string_append (joined, value);
        }
      if (prefix && joined->len > 0)
        hc_employee_set_field (self, prefix, joined->str);
    }
  else if (prefix)
    {
      g_autofree char *value = scalar_to_string (node);
      g_autofree char *trimmed = value ? g_strstrip (g_strdup (value)) : NULL;

      hc_employee_set_field (self, prefix, trimmed);
    }
}

static const char * const standard_fields[] = {
  HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME, HC_FIELD_PREFERRED_NAME, HC_FIELD_EMAIL,
  HC_FIELD_POSITION, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM, HC_FIELD_OFFICE,
  HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE, HC_FIELD_END_DATE,
};

HcEmployee *
hc_employee_new_from_json (JsonObject *object,
                           GError    **error)
{
  g_autoptr (HcEmployee) self = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  id = scalar_to_string (json_object_get_member (object, HC_FIELD_ID));
  if (id != NULL)
    g_strstrip (id);
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE, _("An employee has no “id”"));
      return NULL;
    }

  self = hc_employee_new (id);

  status = scalar_to_string (json_object_get_member (object, HC_FIELD_STATUS));
  if (status != NULL)
    {
      HcEmployeeStatus value;

      if (!hc_employee_status_from_string (g_strstrip (status), &value))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                       _("Employee %s has an unknown status “%s” (expected active, onboarding, leave or inactive)"),
                       id, status);
          return NULL;
        }
      hc_employee_set_status (self, value);
    }

  /* Custom fields first, so a standard field of the same name wins. */
  node = json_object_get_member (object, "fields");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    flatten_into (self, NULL, node);
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Employee %s: “fields” must be an object"), id);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (standard_fields); i++)
    {
      node = json_object_get_member (object, standard_fields[i]);
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_VALUE (node))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                       _("Employee %s: “%s” must be a text value"), id, standard_fields[i]);
          return NULL;
        }
      flatten_into (self, standard_fields[i], node);
    }

  return g_steal_pointer (&self);
}

void
hc_employee_to_json (HcEmployee  *self,
                     JsonBuilder *builder)
{
  g_autoptr (GPtrArray) names = NULL;

  g_return_if_fail (HC_IS_EMPLOYEE (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, HC_FIELD_ID);
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, HC_FIELD_STATUS);
  json_builder_add_string_value (builder, hc_employee_status_to_string (self->status));
  for (guint i = 0; i < G_N_ELEMENTS (standard_fields); i++)
    {
      const char *v = hc_employee_get_field (self, standard_fields[i]);

      json_builder_set_member_name (builder, standard_fields[i]);
      if (v)
        json_builder_add_string_value (builder, v);
      else
        json_builder_add_null_value (builder);
    }

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  names = hc_employee_list_fields (self);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      gboolean standard = g_str_equal (name, HC_FIELD_ID) || g_str_equal (name, HC_FIELD_STATUS);

      for (guint j = 0; j < G_N_ELEMENTS (standard_fields) && !standard; j++)
        standard = g_str_equal (name, standard_fields[j]);
      if (standard)
        continue;
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, g_hash_table_lookup (self->fields, name));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

GPtrArray *
hc_employee_get_problems (HcEmployee *self)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);
  return self->problems;
}

void
hc_employee_add_problem (HcEmployee *self,
                         const char *problem)
{
  g_return_if_fail (HC_IS_EMPLOYEE (self));
  g_return_if_fail (problem != NULL);

  if (self->problems == NULL)
    self->problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->problems, g_strdup (problem));
}

gboolean
hc_employee_get_invalid (HcEmployee *self)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), FALSE);
  return self->invalid;
}

void
hc_employee_set_invalid (HcEmployee *self)
{
  g_return_if_fail (HC_IS_EMPLOYEE (self));
  self->invalid = TRUE;
}
