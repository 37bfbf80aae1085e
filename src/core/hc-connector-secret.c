/* hc-connector-secret.c — a connector's secrets in the keyring
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-connector-secret"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hc-connector-secret.h"
#include "hc-error.h"
#include "hc-secrets.h"

char *
hc_connector_secret_join (const char *first,
                          const char *second)
{
  g_return_val_if_fail (first != NULL && second != NULL, NULL);
  return g_strdup_printf ("%s%c%s", first, HC_CONNECTOR_SECRET_SEPARATOR, second);
}

gboolean
hc_connector_secret_split (const char *secret,
                           char      **first,
                           char      **second)
{
  const char *separator = secret ? strchr (secret, HC_CONNECTOR_SECRET_SEPARATOR) : NULL;

  *first = NULL;
  *second = NULL;
  if (separator == NULL || separator == secret || separator[1] == '\0')
    return FALSE;
  *first = g_strndup (secret, separator - secret);
  *second = g_strdup (separator + 1);
  return TRUE;
}

gboolean
hc_connector_secret_store_sync (const char            *workspace_id,
                                gint64                 connector_id,
                                const HcConnectorKind *kind,
                                const char            *workspace_name,
                                const char            *connector_name,
                                const char            *secret,
                                GCancellable          *cancellable,
                                GError               **error)
{
  g_autoptr (HcSecret) first = NULL;
  g_autoptr (HcSecret) second = NULL;
  g_autofree char *label = NULL;
  g_autofree char *label2 = NULL;

  g_return_val_if_fail (kind != NULL && kind->secret_kind != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  label = hc_secrets_build_label (kind->vendor_name, kind->secret_kind, workspace_name, connector_name);
  if (kind->secret2_kind == NULL)
    return hc_secrets_store_sync (workspace_id, connector_id, kind->secret_kind, label, secret,
                                  cancellable, error);

  if (!hc_connector_secret_split (secret, &first, &second))
    {
      /* Never quoted: it is a secret. */
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("%s needs both the %s and the %s"), kind->vendor_name,
                   _(kind->secret_label), _(kind->secret2_label));
      return FALSE;
    }
  label2 = hc_secrets_build_label (kind->vendor_name, kind->secret2_kind, workspace_name, connector_name);
  return hc_secrets_store_sync (workspace_id, connector_id, kind->secret_kind, label, first,
                                cancellable, error) &&
         hc_secrets_store_sync (workspace_id, connector_id, kind->secret2_kind, label2, second,
                                cancellable, error);
}

typedef struct
{
  char                  *workspace_id;
  gint64                 connector_id;
  const HcConnectorKind *kind;
  char                  *workspace_name;
  char                  *connector_name;
  char                  *secret;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->workspace_id);
  g_free (data->workspace_name);
  g_free (data->connector_name);
  hc_secrets_free (data->secret);
  g_free (data);
}

static void
store_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StoreData *data = task_data;
  GError *error = NULL;

  if (hc_connector_secret_store_sync (data->workspace_id, data->connector_id, data->kind,
                                      data->workspace_name, data->connector_name, data->secret,
                                      cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hc_connector_secret_store_async (const char            *workspace_id,
                                 gint64                 connector_id,
                                 const HcConnectorKind *kind,
                                 const char            *workspace_name,
                                 const char            *connector_name,
                                 const char            *secret,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  StoreData *data = g_new0 (StoreData, 1);

  g_task_set_source_tag (task, hc_connector_secret_store_async);
  data->workspace_id = g_strdup (workspace_id);
  data->connector_id = connector_id;
  data->kind = kind;
  data->workspace_name = g_strdup (workspace_name);
  data->connector_name = g_strdup (connector_name);
  data->secret = g_strdup (secret);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);
  g_task_run_in_thread (task, store_thread);
}

gboolean
hc_connector_secret_store_finish (GAsyncResult *result,
                                  GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
hc_connector_secret_lookup_sync (const char            *workspace_id,
                                 gint64                 connector_id,
                                 const HcConnectorKind *kind,
                                 GCancellable          *cancellable,
                                 GError               **error)
{
  g_autoptr (HcSecret) first = NULL;
  g_autoptr (HcSecret) second = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (kind != NULL && kind->secret_kind != NULL, NULL);

  first = hc_secrets_lookup_sync (workspace_id, connector_id, kind->secret_kind, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (first == NULL || kind->secret2_kind == NULL)
    return g_steal_pointer (&first);

  second = hc_secrets_lookup_sync (workspace_id, connector_id, kind->secret2_kind, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (second == NULL)
    return NULL;
  return hc_connector_secret_join (first, second);
}
