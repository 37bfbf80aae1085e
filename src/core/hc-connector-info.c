/* hc-connector-info.c — a configured connector as the store keeps it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-connector-info"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-connector-info.h"
#include "hc-connector-kind.h"
#include "hc-json.h"

G_DEFINE_BOXED_TYPE (HcConnectorInfo, hc_connector_info, hc_connector_info_copy, hc_connector_info_free)

static const char * const state_names[] = { "connected", "action_required", "error", "disconnected" };
static const char * const credentials_names[] = { "untested", "accepted", "rejected" };

HcConnectorInfo *
hc_connector_info_copy (const HcConnectorInfo *self)
{
  HcConnectorInfo *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->kind = g_strdup (self->kind);
  copy->settings = g_strdup (self->settings);
  copy->config = self->config ? hc_config_copy (self->config) : NULL;
  copy->last_error = g_strdup (self->last_error);
  return copy;
}

void
hc_connector_info_free (HcConnectorInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->kind);
  g_free (self->settings);
  g_clear_pointer (&self->config, hc_config_free);
  g_free (self->last_error);
  g_free (self);
}

char *
hc_connector_info_dup_setting (const HcConnectorInfo *self,
                               const char            *key)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root, *node;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->settings == NULL || !hc_json_load (parser, self->settings, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  node = json_object_get_member (json_node_get_object (root), key);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

char *
hc_connector_info_build_settings (const char *base_url,
                                  const char *subdomain,
                                  const char *client_id,
                                  const char *path)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  const struct { const char *key; const char *value; } settings[] = {
    { "base_url", base_url },
    { "subdomain", subdomain },
    { "client_id", client_id },
    { "path", path },
  };

  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      if (settings[i].value == NULL || *settings[i].value == '\0')
        continue;
      json_builder_set_member_name (builder, settings[i].key);
      json_builder_add_string_value (builder, settings[i].value);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

char *
hc_connector_info_settings_with (const char *settings,
                                 const char *key,
                                 const char *value)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));
  JsonObject *object;

  if (settings != NULL && hc_json_load (parser, settings, -1, NULL) &&
      json_parser_get_root (parser) != NULL && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    root = json_node_copy (json_parser_get_root (parser));
  else
    root = json_node_init_object (json_node_alloc (), json_object_new ());
  object = json_node_get_object (root);
  if (*stripped != '\0')
    json_object_set_string_member (object, key, stripped);
  else if (json_object_has_member (object, key))
    json_object_remove_member (object, key);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

const char *
hc_connector_state_to_string (HcConnectorState state)
{
  g_return_val_if_fail (state <= HC_CONNECTOR_STATE_DISCONNECTED, NULL);
  return state_names[state];
}

gboolean
hc_connector_state_from_string (const char       *str,
                                HcConnectorState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (str, state_names[i]) == 0)
      {
        *state = (HcConnectorState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
hc_connector_state_describe (HcConnectorState state)
{
  switch (state)
    {
    case HC_CONNECTOR_STATE_CONNECTED:
      return _("Connected");
    case HC_CONNECTOR_STATE_ACTION_REQUIRED:
      return _("Action required");
    case HC_CONNECTOR_STATE_ERROR:
      return _("Error");
    case HC_CONNECTOR_STATE_DISCONNECTED:
      return _("Disconnected");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hc_credentials_to_string (HcCredentials credentials)
{
  g_return_val_if_fail (credentials <= HC_CREDENTIALS_REJECTED, NULL);
  return credentials_names[credentials];
}

gboolean
hc_credentials_from_string (const char    *str,
                            HcCredentials *credentials)
{
  for (guint i = 0; i < G_N_ELEMENTS (credentials_names); i++)
    if (g_strcmp0 (str, credentials_names[i]) == 0)
      {
        *credentials = (HcCredentials) i;
        return TRUE;
      }
  return FALSE;
}

/* rules.md 43: never "Connected" for credentials nothing has seen work. */
HcConnectorStatus
hc_connector_info_get_status (const HcConnectorInfo *self)
{
  g_return_val_if_fail (self != NULL, HC_CONNECTOR_STATUS_DISCONNECTED);

  if (self->state == HC_CONNECTOR_STATE_DISCONNECTED)
    return HC_CONNECTOR_STATUS_DISCONNECTED;
  if (self->credentials == HC_CREDENTIALS_REJECTED)
    return HC_CONNECTOR_STATUS_CREDENTIALS_REJECTED;
  if (self->failed_at > 0 || self->state == HC_CONNECTOR_STATE_ERROR)
    return HC_CONNECTOR_STATUS_SYNC_FAILED;
  if (self->state == HC_CONNECTOR_STATE_ACTION_REQUIRED)
    return HC_CONNECTOR_STATUS_ACTION_REQUIRED;
  /* A kind without credentials (the demo, a file) has nothing to reject. */
  if (self->credentials == HC_CREDENTIALS_UNTESTED && hc_connector_kind_is_remote (self->kind))
    return HC_CONNECTOR_STATUS_NOT_TESTED;
  return HC_CONNECTOR_STATUS_CONNECTED;
}

const char *
hc_connector_status_to_string (HcConnectorStatus status)
{
  static const char * const names[] = {
    "connected", "not_tested", "credentials_rejected", "sync_failed", "action_required", "disconnected",
  };

  g_return_val_if_fail (status <= HC_CONNECTOR_STATUS_DISCONNECTED, NULL);
  return names[status];
}

const char *
hc_connector_status_describe (HcConnectorStatus status)
{
  switch (status)
    {
    case HC_CONNECTOR_STATUS_CONNECTED:
      return _("Connected");
    case HC_CONNECTOR_STATUS_NOT_TESTED:
      return _("Not tested yet");
    case HC_CONNECTOR_STATUS_CREDENTIALS_REJECTED:
      return _("Credentials rejected");
    case HC_CONNECTOR_STATUS_SYNC_FAILED:
      return _("Last sync failed");
    case HC_CONNECTOR_STATUS_ACTION_REQUIRED:
      return _("Action required");
    case HC_CONNECTOR_STATUS_DISCONNECTED:
      return _("Disconnected");
    default:
      g_return_val_if_reached (NULL);
    }
}
