/* hc-settings-context.c — what a connector's settings pages share: its
 * configuration as saved, and the employees read with their fields
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-settings-context"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-connector.h"
#include "hc-field-info.h"
#include "hc-settings-context.h"

/* The values of one field, counted once per field. */
typedef struct
{
  GPtrArray *values;            /* of char* */
  GArray    *counts;            /* of guint */
  guint      n_empty;
} FieldValues;

static void
field_values_free (FieldValues *fv)
{
  g_ptr_array_unref (fv->values);
  g_array_unref (fv->counts);
  g_free (fv);
}

struct _HcSettingsContext
{
  GObject          parent_instance;

  HcConnectorInfo *info;
  GPtrArray       *employees;       /* of HcEmployee */
  GHashTable      *employees_by_id; /* id → HcEmployee, for manager names */
  GPtrArray       *fields;          /* char*: the fields of the HR data */
  GPtrArray       *field_infos;     /* HcFieldInfo* */
  GHashTable      *values_cache;    /* field → FieldValues */
  HcStore         *store;           /* NULL when not given */
};

G_DEFINE_FINAL_TYPE (HcSettingsContext, hc_settings_context, G_TYPE_OBJECT)

static void
hc_settings_context_finalize (GObject *object)
{
  HcSettingsContext *self = HC_SETTINGS_CONTEXT (object);

  g_clear_pointer (&self->info, hc_connector_info_free);
  g_clear_object (&self->store);
  g_clear_pointer (&self->employees_by_id, g_hash_table_unref);
  g_clear_pointer (&self->values_cache, g_hash_table_unref);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->field_infos, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_settings_context_parent_class)->finalize (object);
}

static void
hc_settings_context_class_init (HcSettingsContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_settings_context_finalize;
}

static void
hc_settings_context_init (HcSettingsContext *self)
{
  self->values_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) field_values_free);
  self->employees_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

HcSettingsContext *
hc_settings_context_new (const HcConnectorInfo *info,
                         GPtrArray             *employees,
                         GPtrArray             *field_infos)
{
  HcSettingsContext *self;

  g_return_val_if_fail (info != NULL && info->config != NULL, NULL);
  g_return_val_if_fail (employees != NULL, NULL);

  self = g_object_new (HC_TYPE_SETTINGS_CONTEXT, NULL);
  self->info = hc_connector_info_copy (info);
  self->employees = employees;
  self->field_infos = field_infos != NULL ? field_infos : g_ptr_array_new ();
  self->fields = hc_connector_list_fields (employees);
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *employee = g_ptr_array_index (employees, i);

      g_hash_table_insert (self->employees_by_id, (gpointer) hc_employee_get_id (employee), employee);
    }

  return self;
}

const HcConnectorInfo *
hc_settings_context_get_info (HcSettingsContext *self)
{
  g_return_val_if_fail (HC_IS_SETTINGS_CONTEXT (self), NULL);

  return self->info;
}

GPtrArray *
hc_settings_context_get_employees (HcSettingsContext *self)
{
  g_return_val_if_fail (HC_IS_SETTINGS_CONTEXT (self), NULL);

  return self->employees;
}

GPtrArray *
hc_settings_context_get_fields (HcSettingsContext *self)
{
  g_return_val_if_fail (HC_IS_SETTINGS_CONTEXT (self), NULL);

  return self->fields;
}

GPtrArray *
hc_settings_context_get_field_infos (HcSettingsContext *self)
{
  g_return_val_if_fail (HC_IS_SETTINGS_CONTEXT (self), NULL);

  return self->field_infos;
}

HcEmployee *
hc_settings_context_lookup_employee (HcSettingsContext *self,
                                     const char        *id)
{
  g_return_val_if_fail (HC_IS_SETTINGS_CONTEXT (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->employees_by_id, id) : NULL;
}

void
hc_settings_context_get_values (HcSettingsContext *self,
                                const char        *field,
                                GPtrArray        **values,
                                GArray           **counts,
                                guint             *n_empty)
{
  FieldValues *fv;

  g_return_if_fail (HC_IS_SETTINGS_CONTEXT (self));
  g_return_if_fail (field != NULL);

  fv = g_hash_table_lookup (self->values_cache, field);
  if (fv == NULL)
    {
      guint counted = 0;

      fv = g_new0 (FieldValues, 1);
      fv->values = hc_connector_list_values (self->employees, field, &fv->counts);
      for (guint i = 0; i < fv->counts->len; i++)
        counted += g_array_index (fv->counts, guint, i);
      fv->n_empty = self->employees->len > counted ? self->employees->len - counted : 0;
      g_hash_table_insert (self->values_cache, g_strdup (field), fv);
    }

  if (values != NULL)
    *values = fv->values;
  if (counts != NULL)
    *counts = fv->counts;
  if (n_empty != NULL)
    *n_empty = fv->n_empty;
}

gboolean
hc_settings_context_has_values (HcSettingsContext *self,
                                const char        *field)
{
  g_return_val_if_fail (HC_IS_SETTINGS_CONTEXT (self), FALSE);

  return g_hash_table_contains (self->values_cache, field) ||
         g_ptr_array_find_with_equal_func (self->fields, field, g_str_equal, NULL);
}

char *
hc_settings_context_describe_field (HcSettingsContext *self,
                                    const char        *name)
{
  const HcFieldInfo *info;

  g_return_val_if_fail (HC_IS_SETTINGS_CONTEXT (self), NULL);

  info = hc_field_info_find (self->field_infos, name);
  if (info == NULL || info->label == NULL || g_str_equal (info->label, name))
    return g_strdup (name);
  /* Translators: an HR field, its label then its API name */
  return g_strdup_printf (_("%s (%s)"), info->label, name);
}

char *
hc_settings_context_dup_field_label (HcSettingsContext *self,
                                     const char        *name)
{
  const HcFieldInfo *info;
  GString *label;

  g_return_val_if_fail (HC_IS_SETTINGS_CONTEXT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  info = hc_field_info_find (self->field_infos, name);
  if (info != NULL && info->label != NULL && *info->label != '\0')
    return g_strdup (info->label);

  /* "hire_date", "hireDate" → "Hire date" */
  label = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '_' || *p == '-' || *p == '.')
        {
          if (label->len > 0 && label->str[label->len - 1] != ' ')
            g_string_append_c (label, ' ');
        }
      else if (g_ascii_isupper (*p) && label->len > 0 && label->str[label->len - 1] != ' ' &&
               !g_ascii_isupper (p[-1]))
        {
          g_string_append_c (label, ' ');
          g_string_append_c (label, g_ascii_tolower (*p));
        }
      else
        g_string_append_c (label, label->len == 0 ? g_ascii_toupper (*p) : *p);
    }
  if (label->len == 0)
    g_string_append (label, name);
  return g_string_free (label, FALSE);
}

HcStore *
hc_settings_context_get_store (HcSettingsContext *self)
{
  g_return_val_if_fail (HC_IS_SETTINGS_CONTEXT (self), NULL);

  return self->store;
}

void
hc_settings_context_set_store (HcSettingsContext *self,
                               HcStore           *store)
{
  g_return_if_fail (HC_IS_SETTINGS_CONTEXT (self));
  g_return_if_fail (store == NULL || HC_IS_STORE (store));

  g_set_object (&self->store, store);
}
