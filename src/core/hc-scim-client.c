/* hc-scim-client.c — a SCIM 2.0 client (RFC 7644) on HcHttp
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-scim"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-error.h"
#include "hc-http.h"
#include "hc-scim-client.h"

struct _HcScimClient
{
  GMainContext *context;
  HcHttp       *http;
};

void
hc_scim_failure_clear (HcScimFailure *failure)
{
  if (failure == NULL)
    return;
  g_clear_pointer (&failure->scim_type, g_free);
  g_clear_pointer (&failure->detail, g_free);
  failure->status = 0;
}

void
hc_scim_capabilities_free (HcScimCapabilities *caps)
{
  if (caps == NULL)
    return;
  g_clear_pointer (&caps->extensions, g_ptr_array_unref);
  g_clear_pointer (&caps->extension_attributes, g_hash_table_unref);
  g_free (caps->sign_in_schema);
  g_free (caps->sign_in_attribute);
  g_free (caps);
}

HcScimClient *
hc_scim_client_new (const char *name,
                    const char *base_url,
                    const char *basic_user,
                    const char *secret,
                    GError    **error)
{
  g_autoptr (HcScimClient) self = g_new0 (HcScimClient, 1);
  g_autofree char *auth = NULL;

  g_return_val_if_fail (secret != NULL, NULL);

  /* The HcHttp's sources attach to the thread-default context when a
   * request starts: ours, while a call runs. */
  self->context = g_main_context_new ();
  self->http = hc_http_new (name, base_url, error);
  if (self->http == NULL)
    return NULL;
  hc_http_set_header (self->http, "Accept", HC_SCIM_CONTENT_TYPE ", application/json");
  if (basic_user != NULL)
    {
      g_autofree char *pair = g_strconcat (basic_user, ":", secret, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      auth = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
    }
  else
    {
      auth = g_strconcat ("Bearer ", secret, NULL);
    }
  hc_http_set_auth_header (self->http, "Authorization", auth);
  hc_http_add_secret (self->http, secret);
  memset (auth, 0, strlen (auth));
  return g_steal_pointer (&self);
}

void
hc_scim_client_free (HcScimClient *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->http);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static void
read_failure (JsonNode      *body,
              guint          status,
              HcScimFailure *failure)
{
  JsonObject *object;

  if (failure == NULL)
    return;
  hc_scim_failure_clear (failure);
  failure->status = status;
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return;
  object = json_node_get_object (body);
  if (json_object_has_member (object, "scimType"))
    failure->scim_type = g_strdup (json_object_get_string_member_with_default (object, "scimType", NULL));
  if (json_object_has_member (object, "detail"))
    failure->detail = g_strdup (json_object_get_string_member_with_default (object, "detail", NULL));
}

JsonNode *
hc_scim_client_request (HcScimClient  *self,
                        const char    *method,
                        const char    *path,
                        JsonNode      *body,
                        GCancellable  *cancellable,
                        HcScimFailure *failure,
                        GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) error_body = NULL;
  JsonNode *answer;
  guint status = 0;

  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      bytes = g_bytes_new_take (text, strlen (text));
    }

  g_main_context_push_thread_default (self->context);
  hc_http_request_full_async (self->http, method, path, bytes, body != NULL ? HC_SCIM_CONTENT_TYPE : NULL,
                              cancellable, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (self->context, TRUE);
  g_main_context_pop_thread_default (self->context);

  answer = hc_http_request_full_finish (self->http, result, &status, &error_body, error);
  if (answer == NULL)
    read_failure (error_body, status, failure);
  else if (failure != NULL)
    hc_scim_failure_clear (failure);
  return answer;
}

JsonObject *
hc_scim_client_find (HcScimClient *self,
                     const char   *endpoint,
                     const char   *attribute,
                     const char   *value,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr (GString) filter = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) answer = NULL;
  JsonNode *resources;

  /* A string in a filter is JSON: quotes and backslashes escaped. */
  g_string_append_printf (filter, "%s eq \"", attribute);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (filter, '\\');
      g_string_append_c (filter, *p);
    }
  g_string_append_c (filter, '"');
  escaped = g_uri_escape_string (filter->str, NULL, FALSE);
  path = g_strdup_printf ("%s?filter=%s", endpoint, escaped);

  answer = hc_scim_client_request (self, "GET", path, NULL, cancellable, NULL, error);
  if (answer == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (answer))
    return NULL;
  resources = json_object_get_member (json_node_get_object (answer), "Resources");
  if (resources == NULL || !JSON_NODE_HOLDS_ARRAY (resources) ||
      json_array_get_length (json_node_get_array (resources)) == 0)
    return NULL;
  {
    JsonNode *first = json_array_get_element (json_node_get_array (resources), 0);

    if (!JSON_NODE_HOLDS_OBJECT (first))
      return NULL;
    return json_object_ref (json_node_get_object (first));
  }
}

static gboolean
feature_supported (JsonObject *config,
                   const char *name)
{
  JsonNode *node = json_object_get_member (config, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  return json_object_get_boolean_member_with_default (json_node_get_object (node), "supported", FALSE);
}

/* The "Resources" of a list answer, or the answer when it is an array. */
static JsonArray *
resources_of (JsonNode *answer)
{
  JsonNode *resources;

  if (JSON_NODE_HOLDS_ARRAY (answer))
    return json_node_get_array (answer);
  if (!JSON_NODE_HOLDS_OBJECT (answer))
    return NULL;
  resources = json_object_get_member (json_node_get_object (answer), "Resources");
  if (resources == NULL || !JSON_NODE_HOLDS_ARRAY (resources))
    return NULL;
  return json_node_get_array (resources);
}

/* The names services give the time of a user's last sign-in. */
static gboolean
is_sign_in_attribute (const char *name)
{
  static const char * const names[] = {
    "lastLogin", "lastLoginAt", "lastLoginTime", "lastSignIn", "lastSignInAt", "lastSignInDateTime",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

HcScimCapabilities *
hc_scim_client_discover (HcScimClient *self,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_autoptr (HcScimCapabilities) caps = g_new0 (HcScimCapabilities, 1);
  g_autoptr (JsonNode) config = NULL;
  g_autoptr (JsonNode) schemas = NULL;
  g_autoptr (JsonNode) types = NULL;
  JsonArray *list;

  caps->extensions = g_ptr_array_new_with_free_func (g_free);
  caps->extension_attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);

  config = hc_scim_client_request (self, "GET", "/ServiceProviderConfig", NULL, cancellable, NULL, error);
  if (config == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (config))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("The service did not describe itself at /ServiceProviderConfig: check the base URL"));
      return NULL;
    }
  caps->patch = feature_supported (json_node_get_object (config), "patch");
  caps->filter = feature_supported (json_node_get_object (config), "filter");
  caps->bulk = feature_supported (json_node_get_object (config), "bulk");

  types = hc_scim_client_request (self, "GET", "/ResourceTypes", NULL, cancellable, NULL, error);
  if (types == NULL)
    return NULL;
  list = resources_of (types);
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *type;
      const char *schema;
      JsonNode *extensions;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      type = json_node_get_object (node);
      schema = json_object_get_string_member_with_default (type, "schema", "");
      if (g_str_equal (schema, HC_SCIM_SCHEMA_GROUP))
        caps->groups = TRUE;
      if (!g_str_equal (schema, HC_SCIM_SCHEMA_USER))
        continue;
      extensions = json_object_get_member (type, "schemaExtensions");
      for (guint j = 0; extensions != NULL && JSON_NODE_HOLDS_ARRAY (extensions) &&
           j < json_array_get_length (json_node_get_array (extensions)); j++)
        {
          JsonNode *e = json_array_get_element (json_node_get_array (extensions), j);
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (e))
            continue;
          id = json_object_get_string_member_with_default (json_node_get_object (e), "schema", NULL);
          if (id == NULL)
            continue;
          if (g_str_equal (id, HC_SCIM_SCHEMA_ENTERPRISE))
            caps->enterprise = TRUE;
          else
            g_ptr_array_add (caps->extensions, g_strdup (id));
        }
    }

  schemas = hc_scim_client_request (self, "GET", "/Schemas", NULL, cancellable, NULL, error);
  if (schemas == NULL)
    return NULL;
  list = resources_of (schemas);
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *schema;
      JsonNode *attributes;
      GPtrArray *names;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      schema = json_node_get_object (node);
      id = json_object_get_string_member_with_default (schema, "id", NULL);
      if (id == NULL || !g_ptr_array_find_with_equal_func (caps->extensions, id, g_str_equal, NULL))
        continue;
      names = g_ptr_array_new_with_free_func (g_free);
      attributes = json_object_get_member (schema, "attributes");
      for (guint j = 0; attributes != NULL && JSON_NODE_HOLDS_ARRAY (attributes) &&
           j < json_array_get_length (json_node_get_array (attributes)); j++)
        {
          JsonNode *a = json_array_get_element (json_node_get_array (attributes), j);
          const char *name;

          if (JSON_NODE_HOLDS_OBJECT (a) &&
              (name = json_object_get_string_member_with_default (json_node_get_object (a), "name", NULL)) != NULL)
            {
              g_ptr_array_add (names, g_strdup (name));
              if (caps->sign_in_attribute == NULL && is_sign_in_attribute (name))
                {
                  caps->sign_in_schema = g_strdup (id);
                  caps->sign_in_attribute = g_strdup (name);
                }
            }
        }
      g_hash_table_insert (caps->extension_attributes, g_strdup (id), names);
    }

  return g_steal_pointer (&caps);
}
