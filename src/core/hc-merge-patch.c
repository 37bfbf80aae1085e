/* hc-merge-patch.c — JSON merge patch (RFC 7396), for partial configs; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-merge-patch"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-error.h"
#include "hc-merge-patch.h"
#include "hc-json.h"

JsonNode *
hc_json_merge_patch (JsonNode *target,
                     JsonNode *patch)
{
  g_autoptr (JsonNode) result = NULL;
  JsonObject *patch_object;
  JsonObject *result_object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (patch != NULL, NULL);

  /* Anything but an object replaces the target. */
  if (!JSON_NODE_HOLDS_OBJECT (patch))
    return json_node_copy (patch);

  /* An object patch on a non-object starts from {}. The members are
   * copied into an object of our own: json_node_copy() would share the
   * target's, and changing it would change the target. */
  result_object = json_object_new ();
  if (target != NULL && JSON_NODE_HOLDS_OBJECT (target))
    {
      json_object_iter_init (&iter, json_node_get_object (target));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (result_object, name, json_node_copy (value));
    }
  result = json_node_init_object (json_node_alloc (), result_object);
  json_object_unref (result_object);

  patch_object = json_node_get_object (patch);
  json_object_iter_init (&iter, patch_object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (result_object, name);
      else
        json_object_set_member (result_object, name,
                                hc_json_merge_patch (json_object_get_member (result_object, name), value));
    }
  return g_steal_pointer (&result);
}

static JsonNode *
parse (const char *text,
       const char *what,
       GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!hc_json_load (parser, text, -1, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   /* Translators: the first %s is "the patch" or "the configuration" */
                   _("%s is not valid JSON: %s"), what,
                   local_error ? local_error->message : _("the document is empty"));
      return NULL;
    }
  return json_node_copy (root);
}

char *
hc_json_merge_patch_text (const char *target,
                          const char *patch,
                          GError    **error)
{
  g_autoptr (JsonNode) target_node = NULL;
  g_autoptr (JsonNode) patch_node = NULL;
  g_autoptr (JsonNode) merged = NULL;
  g_autoptr (JsonGenerator) generator = NULL;

  g_return_val_if_fail (patch != NULL, NULL);

  if (target != NULL && (target_node = parse (target, _("The stored configuration"), error)) == NULL)
    return NULL;
  if ((patch_node = parse (patch, _("The patch"), error)) == NULL)
    return NULL;
  merged = hc_json_merge_patch (target_node, patch_node);
  generator = json_generator_new ();
  json_generator_set_root (generator, merged);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
