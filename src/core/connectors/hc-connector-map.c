/* hc-connector-map.c — the start of mapping one item of a list, values as
 * text and dates, for the HR connectors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-connector-map"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hc-connector-map.h"
#include "hc-error.h"

HcEmployee *
hc_connector_map_begin (JsonNode               *node,
                        guint64                 index,
                        const char             *vendor,
                        const char             *path,
                        HcJsonTextFlags         flags,
                        const char * const     *skip,
                        HcConnectorMapExtraFunc extra,
                        gpointer                extra_data,
                        JsonObject            **object,
                        GError                **error)
{
  g_autoptr (HcEmployee) employee = NULL;
  g_autofree char *id = NULL;
  /* Formatted outside the message: a G_GUINT64_FORMAT in it would cut it
   * short for xgettext. */
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, index);
  HcJsonIdResult id_result;
  JsonObject *item;
  HcJsonFlat flat;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("%s sent employee record %s at %s that is not an object, so the list cannot be trusted. Try again later; if the error persists, contact %s support."),
                   vendor, number, path, vendor);
      return NULL;
    }
  item = json_node_get_object (node);

  id_result = hc_json_id_text (json_object_get_member (item, "id"), FALSE, &id);
  if (id_result == HC_JSON_ID_NONE)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("%s sent employee record %s at %s without an id, so the list cannot be trusted. Try again later; if the error persists, contact %s support."),
                   vendor, number, path, vendor);
      return NULL;
    }

  employee = hc_employee_new (id);
  if (id_result == HC_JSON_ID_INVALID)
    hc_connector_util_mark_invalid_id (employee, vendor);

  hc_json_flat_init (&flat);
  if (skip == NULL)
    hc_json_flatten (&flat, NULL, node, flags);
  else
    {
      g_autoptr (GList) members = json_object_get_members (item);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_strv_contains (skip, l->data))
          hc_json_flatten (&flat, l->data, json_object_get_member (item, l->data), flags);
    }
  if (extra != NULL)
    extra (&flat, item, extra_data);
  hc_json_flat_set_fields (&flat, employee);
  hc_json_flat_clear (&flat);

  *object = item;
  return g_steal_pointer (&employee);
}

char *
hc_connector_map_text (JsonNode       *node,
                       HcJsonTextFlags flags)
{
  GType type = hc_json_value_type (node);

  if (type == G_TYPE_STRING || type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return hc_json_scalar_text (node, flags | HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY);
  return NULL;
}

char *
hc_connector_map_date (JsonNode *node)
{
  if (hc_json_value_type (node) != G_TYPE_STRING)
    return NULL;
  return hc_connector_util_cut_date (json_node_get_string (node), NULL, NULL);
}

void
hc_connector_map_set_text (HcEmployee     *employee,
                           const char     *field,
                           JsonObject     *object,
                           const char     *path,
                           HcJsonTextFlags flags)
{
  g_autofree char *value = object ? hc_connector_map_text (hc_json_lookup (object, path), flags) : NULL;

  hc_employee_set_field (employee, field, value);
}

static gboolean
status_matches (const char                     *value,
                const HcConnectorMapStatusWord *word)
{
  switch (word->match)
    {
    case HC_CONNECTOR_MAP_EXACT:
      return strcmp (value, word->word) == 0;

    case HC_CONNECTOR_MAP_EQUAL:
      return g_ascii_strcasecmp (value, word->word) == 0;

    case HC_CONNECTOR_MAP_CONTAINS:
      {
        g_autofree char *folded_value = g_ascii_strdown (value, -1);
        g_autofree char *folded_word = g_ascii_strdown (word->word, -1);

        return strstr (folded_value, folded_word) != NULL;
      }

    default:
      return FALSE;
    }
}

HcEmployeeStatus
hc_connector_map_status (const char                     *value,
                         const HcConnectorMapStatusWord *words,
                         const char                     *start,
                         const char                     *end,
                         const char                     *today)
{
  if (start != NULL && strcmp (start, today) > 0)
    return HC_EMPLOYEE_STATUS_ONBOARDING;
  for (guint i = 0; value != NULL && words[i].word != NULL; i++)
    if (status_matches (value, &words[i]))
      return words[i].status;
  if (end != NULL && strcmp (end, today) < 0)
    return HC_EMPLOYEE_STATUS_INACTIVE;
  return HC_EMPLOYEE_STATUS_ACTIVE;
}
