/* hc-secrets.c — connector secrets in the system keyring (libsecret), nowhere else
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-secrets"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-error.h"
#include "hc-secrets.h"

/* Stored with every item and named in every clear, so that a clear never
 * deletes another application's item that uses the same attribute names
 * (the schema is DONT_MATCH_NAME, which only lookups rely on). */
#define ATTRIBUTE_SCHEMA_NAME "xdg:schema"

const SecretSchema *
hc_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    HC_SECRETS_SCHEMA_NAME, SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { "workspace", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "connector", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "version", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
hc_secrets_free (HcSecret *secret)
{
  if (secret != NULL)
    secret_password_free (secret);
}

char *
hc_secrets_build_label (const char *vendor,
                        const char *kind,
                        const char *workspace,
                        const char *connector_name)
{
  const char *what;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (connector_name != NULL, NULL);

  if (g_str_equal (kind, HC_SECRET_KIND_API_KEY))
    /* Translators: what a keyring item holds, as in "Personio API key" */
    what = _("API key");
  else if (g_str_equal (kind, HC_SECRET_KIND_CLIENT_SECRET))
    what = _("client secret");
  else if (g_str_equal (kind, HC_SECRET_KIND_PASSWORD))
    what = _("password");
  else
    what = kind;

  if (vendor != NULL && *vendor != '\0')
    /* Translators: the label of a keyring item, shown in Passwords and Keys:
     * "Headcount: Personio API key (workspace “acme”, connector “Paris HR”)" */
    return g_strdup_printf (_("Headcount: %s %s (workspace “%s”, connector “%s”)"),
                            vendor, what, workspace, connector_name);

  /* Translators: the label of a keyring item, shown in Passwords and Keys:
   * "Headcount: API key (workspace “acme”, connector “Paris HR”)" */
  return g_strdup_printf (_("Headcount: %s (workspace “%s”, connector “%s”)"),
                          what, workspace, connector_name);
}

/* Errors */

static gboolean
message_contains (const GError *error,
                  const char   *needle)
{
  return error->message != NULL && strstr (error->message, needle) != NULL;
}

static gboolean
error_says_locked (const GError *error)
{
  /* gnome-keyring's IsLocked, e.g. "Cannot create an item in a locked
   * collection" once the unlock prompt was dismissed. */
  return g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
         message_contains (error, "locked collection");
}

/* Raw messages of the ways a keyring goes missing, for errors that reach
 * us in a domain we don't otherwise recognise. */
static const char * const no_keyring_messages[] = {
  "not provided by any .service files",   /* no Secret Service on the bus */
  "org.freedesktop.secrets",
  "dbus-launch",                          /* no session bus to autolaunch */
  "autolaunch",
  "DBUS_SESSION_BUS_ADDRESS",
  "master password is not retrievable",   /* file backend without a password */
  "message bus",
  "session bus",
  "machine-id",                           /* autolaunch without a machine id */
  NULL
};

static gboolean
error_says_no_keyring (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        /* Nobody answers for org.freedesktop.secrets */
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_REPLY:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_TIMED_OUT:
        case G_DBUS_ERROR_UNKNOWN_METHOD:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
        case G_DBUS_ERROR_UNKNOWN_INTERFACE:
        case G_DBUS_ERROR_NOT_SUPPORTED:
        case G_DBUS_ERROR_ACCESS_DENIED:         /* a sandbox without the permission */
        /* Activating it failed */
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
        /* No session bus to ask */
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_BAD_ADDRESS:
        case G_DBUS_ERROR_FILE_NOT_FOUND:
        case G_DBUS_ERROR_AUTH_FAILED:
        case G_DBUS_ERROR_NO_NETWORK:
        case G_DBUS_ERROR_ADDRESS_IN_USE:
        case G_DBUS_ERROR_LIMITS_EXCEEDED:
          return TRUE;
        default:
          break;
        }
    }

  /* Autolaunching a session bus failed ("Error spawning command line
   * 'dbus-launch --autolaunch=…'") */
  if (error->domain == G_SPAWN_ERROR || error->domain == G_SPAWN_EXIT_ERROR)
    return TRUE;

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        /* Connecting to the session bus failed (no socket, nobody
         * listening, closed under us) */
        case G_IO_ERROR_NOT_FOUND:
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_CLOSED:
        case G_IO_ERROR_BROKEN_PIPE:            /* also CONNECTION_CLOSED */
        case G_IO_ERROR_NOT_CONNECTED:
        case G_IO_ERROR_TIMED_OUT:
          return TRUE;
        default:
          break;
        }
    }

  /* The default collection does not exist and creating it was declined */
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT) &&
      message_contains (error, "collection"))
    return TRUE;

  for (guint i = 0; no_keyring_messages[i] != NULL; i++)
    if (message_contains (error, no_keyring_messages[i]))
      return TRUE;

  return FALSE;
}

GError *
hc_secrets_translate_error (const GError *error)
{
  g_autoptr (GError) raw = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  /* Raw messages name no secret (libsecret never puts one in a message),
   * only what went wrong: keep them for whoever debugs. */
  g_debug ("Keyring error %s %d: %s",
           g_quark_to_string (error->domain), error->code, error->message);

  if (error_says_locked (error))
    return g_error_new_literal (HC_ERROR, HC_ERROR_NO_KEYRING,
                                _("The keyring is locked: Headcount keeps API keys only in "
                                  "the system keyring. Unlock it (in Passwords and Keys, "
                                  "or in KeePassXC) and try again."));

  if (error_says_no_keyring (error))
    return g_error_new_literal (HC_ERROR, HC_ERROR_NO_KEYRING,
                                _("No keyring is available: Headcount keeps API keys only in "
                                  "the system keyring (GNOME Keyring or KeePassXC’s Secret "
                                  "Service). Start one, or pass the key with --secret-stdin "
                                  "for a single run."));

  raw = g_error_copy (error);
  g_dbus_error_strip_remote_error (raw);
  return g_error_new (HC_ERROR, HC_ERROR_FAILED,
                      _("The keyring could not be used: %s"), raw->message);
}

/* Takes @error, returns the one to show. */
static GError *
translate_error (GError *error)
{
  g_autoptr (GError) raw = error;

  if (raw == NULL)
    return g_error_new_literal (HC_ERROR, HC_ERROR_FAILED,
                                _("The keyring could not be used"));

  return hc_secrets_translate_error (raw);
}

static GError *
new_locked_error (void)
{
  g_autoptr (GError) locked = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED,
                                                   "The keyring item is locked");

  return hc_secrets_translate_error (locked);
}

/* Arguments and attributes */

static gboolean
check_secret (const char *secret,
              GError    **error)
{
  /* Never name the secret, even a broken one */
  if (*secret == '\0')
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                           _("The secret is empty"));
      return FALSE;
    }

  if (!g_utf8_validate (secret, -1, NULL))
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                           _("The secret is not valid UTF-8 text"));
      return FALSE;
    }

  return TRUE;
}

typedef enum
{
  MATCH_EXACT,      /* store and lookup: this version of the schema */
  MATCH_ANY_VERSION /* clears: every version, our items only */
} MatchMode;

/* @connector_id 0 and @kind NULL match any. */
static GHashTable *
build_attributes (const char *workspace,
                  gint64      connector_id,
                  const char *kind,
                  MatchMode   mode,
                  gboolean    for_store)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "workspace", g_strdup (workspace));
  if (connector_id > 0)
    g_hash_table_insert (attributes, (gpointer) "connector",
                         g_strdup_printf ("%" G_GINT64_FORMAT, connector_id));
  if (kind != NULL)
    g_hash_table_insert (attributes, (gpointer) "kind", g_strdup (kind));
  if (mode == MATCH_EXACT)
    g_hash_table_insert (attributes, (gpointer) "version",
                         g_strdup_printf ("%d", HC_SECRETS_SCHEMA_VERSION));
  /* libsecret's D-Bus path adds it on store by itself, its file backend
   * does not: say it for both. */
  if (mode == MATCH_ANY_VERSION || for_store)
    g_hash_table_insert (attributes, (gpointer) ATTRIBUTE_SCHEMA_NAME,
                         g_strdup (HC_SECRETS_SCHEMA_NAME));

  return attributes;
}

static char *
build_default_label (const char *workspace,
                     gint64      connector_id,
                     const char *kind)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, connector_id);

  return hc_secrets_build_label (NULL, kind, workspace, id);
}

static gboolean
any_item_locked (GList *items)
{
  for (GList *l = items; l != NULL; l = l->next)
    if (SECRET_IS_ITEM (l->data) && secret_item_get_locked (l->data))
      return TRUE;

  return FALSE;
}

/* Store */

static void
on_store_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, translate_error (error));
}

void
hc_secrets_store_async (const char         *workspace,
                        gint64              connector_id,
                        const char         *kind,
                        const char         *label,
                        const char         *secret,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *default_label = NULL;
  GError *error = NULL;

  g_return_if_fail (workspace != NULL && *workspace != '\0');
  g_return_if_fail (connector_id > 0);
  g_return_if_fail (kind != NULL && *kind != '\0');
  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_secrets_store_async);

  if (!check_secret (secret, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (label == NULL)
    label = default_label = build_default_label (workspace, connector_id, kind);

  g_debug ("Storing the %s of connector %" G_GINT64_FORMAT " of workspace “%s”",
           kind, connector_id, workspace);

  attributes = build_attributes (workspace, connector_id, kind, MATCH_EXACT, TRUE);
  secret_password_storev (hc_secrets_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, cancellable,
                          on_store_done, g_steal_pointer (&task));
}

gboolean
hc_secrets_store_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hc_secrets_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
hc_secrets_store_sync (const char   *workspace,
                       gint64        connector_id,
                       const char   *kind,
                       const char   *label,
                       const char   *secret,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *default_label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (workspace != NULL && *workspace != '\0', FALSE);
  g_return_val_if_fail (connector_id > 0, FALSE);
  g_return_val_if_fail (kind != NULL && *kind != '\0', FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_secret (secret, error))
    return FALSE;

  if (label == NULL)
    label = default_label = build_default_label (workspace, connector_id, kind);

  g_debug ("Storing the %s of connector %" G_GINT64_FORMAT " of workspace “%s”",
           kind, connector_id, workspace);

  attributes = build_attributes (workspace, connector_id, kind, MATCH_EXACT, TRUE);
  if (!secret_password_storev_sync (hc_secrets_get_schema (), attributes,
                                    SECRET_COLLECTION_DEFAULT, label, secret,
                                    cancellable, &local_error))
    {
      g_propagate_error (error, translate_error (local_error));
      return FALSE;
    }

  return TRUE;
}

/* Lookup */

static void
on_lookup_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GList *items;
  GError *error = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else if (any_item_locked (items))
    g_task_return_error (task, new_locked_error ());
  else
    g_task_return_pointer (task, NULL, NULL);

  g_list_free_full (items, g_object_unref);
}

static void
on_lookup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GHashTable *attributes = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, translate_error (error));
      return;
    }

  if (secret != NULL)
    {
      g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
      return;
    }

  /* libsecret answers "nothing" as well when the item exists but its
   * keyring stayed locked (the unlock prompt was dismissed): look without
   * unlocking to tell the two apart. */
  secret_password_searchv (hc_secrets_get_schema (), attributes, SECRET_SEARCH_ALL,
                           cancellable, on_lookup_searched, g_steal_pointer (&task));
}

void
hc_secrets_lookup_async (const char         *workspace,
                         gint64              connector_id,
                         const char         *kind,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  GHashTable *attributes;

  g_return_if_fail (workspace != NULL && *workspace != '\0');
  g_return_if_fail (connector_id > 0);
  g_return_if_fail (kind != NULL && *kind != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_secrets_lookup_async);

  attributes = build_attributes (workspace, connector_id, kind, MATCH_EXACT, FALSE);
  g_task_set_task_data (task, attributes, (GDestroyNotify) g_hash_table_unref);

  secret_password_lookupv (hc_secrets_get_schema (), attributes, cancellable,
                           on_lookup_done, g_steal_pointer (&task));
}

HcSecret *
hc_secrets_lookup_finish (GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hc_secrets_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

HcSecret *
hc_secrets_lookup_sync (const char   *workspace,
                        gint64        connector_id,
                        const char   *kind,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autoptr (GHashTable) attributes = NULL;
  GError *local_error = NULL;
  GList *items;
  gboolean locked;
  char *secret;

  g_return_val_if_fail (workspace != NULL && *workspace != '\0', NULL);
  g_return_val_if_fail (connector_id > 0, NULL);
  g_return_val_if_fail (kind != NULL && *kind != '\0', NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  attributes = build_attributes (workspace, connector_id, kind, MATCH_EXACT, FALSE);
  secret = secret_password_lookupv_sync (hc_secrets_get_schema (), attributes,
                                         cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, translate_error (local_error));
      return NULL;
    }

  if (secret != NULL)
    return secret;

  /* As in on_lookup_done(): missing, or locked? */
  items = secret_password_searchv_sync (hc_secrets_get_schema (), attributes,
                                        SECRET_SEARCH_ALL, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, translate_error (local_error));
      return NULL;
    }

  locked = any_item_locked (items);
  g_list_free_full (items, g_object_unref);
  if (locked)
    g_propagate_error (error, new_locked_error ());

  return NULL;
}

/* Clear */

static void
on_clear_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_int (task, removed);
}

static void
clear_async (GHashTable         *attributes,
             gpointer            source_tag,
             GCancellable       *cancellable,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  secret_password_clearv (hc_secrets_get_schema (), attributes, cancellable,
                          on_clear_done, task);
}

static gboolean
clear_finish (GAsyncResult *result,
              gpointer      source_tag,
              gboolean     *removed,
              GError      **error)
{
  GError *local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (removed != NULL)
    *removed = value != 0;

  return TRUE;
}

static gboolean
clear_sync (GHashTable   *attributes,
            gboolean     *removed,
            GCancellable *cancellable,
            GError      **error)
{
  GError *local_error = NULL;
  gboolean any;

  any = secret_password_clearv_sync (hc_secrets_get_schema (), attributes,
                                     cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, translate_error (local_error));
      return FALSE;
    }

  if (removed != NULL)
    *removed = any;

  return TRUE;
}

void
hc_secrets_clear_async (const char         *workspace,
                        gint64              connector_id,
                        const char         *kind,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GHashTable) attributes = NULL;

  g_return_if_fail (workspace != NULL && *workspace != '\0');
  g_return_if_fail (connector_id > 0);
  g_return_if_fail (kind == NULL || *kind != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_debug ("Clearing the %s of connector %" G_GINT64_FORMAT " of workspace “%s”",
           kind != NULL ? kind : "secrets", connector_id, workspace);

  attributes = build_attributes (workspace, connector_id, kind, MATCH_ANY_VERSION, FALSE);
  clear_async (attributes, hc_secrets_clear_async, cancellable, callback, user_data);
}

gboolean
hc_secrets_clear_finish (GAsyncResult *result,
                         gboolean     *removed,
                         GError      **error)
{
  return clear_finish (result, hc_secrets_clear_async, removed, error);
}

gboolean
hc_secrets_clear_sync (const char   *workspace,
                       gint64        connector_id,
                       const char   *kind,
                       gboolean     *removed,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr (GHashTable) attributes = NULL;

  g_return_val_if_fail (workspace != NULL && *workspace != '\0', FALSE);
  g_return_val_if_fail (connector_id > 0, FALSE);
  g_return_val_if_fail (kind == NULL || *kind != '\0', FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_debug ("Clearing the %s of connector %" G_GINT64_FORMAT " of workspace “%s”",
           kind != NULL ? kind : "secrets", connector_id, workspace);

  attributes = build_attributes (workspace, connector_id, kind, MATCH_ANY_VERSION, FALSE);
  return clear_sync (attributes, removed, cancellable, error);
}

void
hc_secrets_clear_workspace_async (const char         *workspace,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GHashTable) attributes = NULL;

  g_return_if_fail (workspace != NULL && *workspace != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_debug ("Clearing every secret of workspace “%s”", workspace);

  attributes = build_attributes (workspace, 0, NULL, MATCH_ANY_VERSION, FALSE);
  clear_async (attributes, hc_secrets_clear_workspace_async, cancellable, callback, user_data);
}

gboolean
hc_secrets_clear_workspace_finish (GAsyncResult *result,
                                   gboolean     *removed,
                                   GError      **error)
{
  return clear_finish (result, hc_secrets_clear_workspace_async, removed, error);
}

gboolean
hc_secrets_clear_workspace_sync (const char   *workspace,
                                 gboolean     *removed,
                                 GCancellable *cancellable,
                                 GError      **error)
{
  g_autoptr (GHashTable) attributes = NULL;

  g_return_val_if_fail (workspace != NULL && *workspace != '\0', FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_debug ("Clearing every secret of workspace “%s”", workspace);

  attributes = build_attributes (workspace, 0, NULL, MATCH_ANY_VERSION, FALSE);
  return clear_sync (attributes, removed, cancellable, error);
}
