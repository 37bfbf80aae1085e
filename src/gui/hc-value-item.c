/* hc-value-item.c — one value of an HR field with its count, chosen or not,
 * for the values chooser of a filter rule
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-value-item"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-value-item.h"

struct _HcValueItem
{
  GObject  parent_instance;

  char    *value;
  char    *label;
  guint    count;
  gboolean selected;
};

G_DEFINE_FINAL_TYPE (HcValueItem, hc_value_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_COUNT,
  PROP_LABEL,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hc_value_item_finalize (GObject *object)
{
  HcValueItem *self = HC_VALUE_ITEM (object);

  g_free (self->value);
  g_free (self->label);

  G_OBJECT_CLASS (hc_value_item_parent_class)->finalize (object);
}

static void
hc_value_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HcValueItem *self = HC_VALUE_ITEM (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_value_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HcValueItem *self = HC_VALUE_ITEM (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      hc_value_item_set_selected (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_value_item_class_init (HcValueItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_value_item_finalize;
  object_class->get_property = hc_value_item_get_property;
  object_class->set_property = hc_value_item_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_value_item_init (HcValueItem *self)
{
}

HcValueItem *
hc_value_item_new (const char *value,
                   guint       count)
{
  HcValueItem *self = g_object_new (HC_TYPE_VALUE_ITEM, NULL);

  self->value = g_strdup (value != NULL ? value : "");
  self->count = count;
  if (*self->value == '\0')
    /* Translators: a filter value that matches employees whose field is
     * empty, with how many they are: "(empty) (12)" */
    self->label = g_strdup_printf (_("(empty) (%u)"), count);
  else
    /* Translators: a value of an HR field and how many employees have it: "Paris (124)" */
    self->label = g_strdup_printf (_("%s (%u)"), self->value, count);

  return self;
}

const char *
hc_value_item_get_value (HcValueItem *self)
{
  g_return_val_if_fail (HC_IS_VALUE_ITEM (self), NULL);

  return self->value;
}

guint
hc_value_item_get_count (HcValueItem *self)
{
  g_return_val_if_fail (HC_IS_VALUE_ITEM (self), 0);

  return self->count;
}

const char *
hc_value_item_get_label (HcValueItem *self)
{
  g_return_val_if_fail (HC_IS_VALUE_ITEM (self), NULL);

  return self->label;
}

gboolean
hc_value_item_get_selected (HcValueItem *self)
{
  g_return_val_if_fail (HC_IS_VALUE_ITEM (self), FALSE);

  return self->selected;
}

void
hc_value_item_set_selected (HcValueItem *self,
                            gboolean     selected)
{
  g_return_if_fail (HC_IS_VALUE_ITEM (self));

  selected = !!selected;
  if (self->selected == selected)
    return;

  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}
