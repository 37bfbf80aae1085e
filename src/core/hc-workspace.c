/* hc-workspace.c — the workspaces of a data directory: list, create, rename, delete
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-workspace"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hc-error.h"
#include "hc-secrets.h"
#include "hc-store.h"
#include "hc-workspace.h"

/* The database and what SQLite writes beside it: the log's files
 * (there while a process has it open) and the rollback journal a first
 * sync's bulk load writes instead of the log (hc-store.c), which opening
 * the database plays back and removes when a process died in the middle
 * of one. */
static const char * const db_suffixes[] = { "", "-wal", "-shm", "-journal" };
/* Those that tell the database is open. */
static const char * const open_suffixes[] = { "-wal", "-shm" };

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
hc_workspace_list (const char *data_dir,
                   GError    **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *entry;

  g_return_val_if_fail (data_dir != NULL, NULL);

  dir = g_dir_open (data_dir, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&names);
      g_set_error (error, HC_ERROR, HC_ERROR_FAILED, _("Could not read %s: %s"),
                   data_dir, local_error->message);
      return NULL;
    }

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (entry, ".db"))
        continue;
      name = hc_store_workspace_name_from_file (entry);
      /* Only the files a workspace name gives, read back exactly. */
      path = hc_store_build_path (data_dir, name, NULL);
      if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
          g_str_has_suffix (path, entry) && path[strlen (path) - strlen (entry) - 1] == G_DIR_SEPARATOR)
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
  g_ptr_array_sort (names, compare_names);

  return g_steal_pointer (&names);
}

static char *
build_path (const char *data_dir,
            const char *name,
            GError    **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT, _("A workspace name cannot be empty"));
      return NULL;
    }
  return hc_store_build_path (data_dir, name, error);
}

gboolean
hc_workspace_exists (const char *data_dir,
                     const char *name)
{
  g_autofree char *path = build_path (data_dir, name, NULL);

  return path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

gboolean
hc_workspace_create (const char *data_dir,
                     const char *name,
                     GError    **error)
{
  g_autofree char *path = build_path (data_dir, name, error);
  g_autoptr (HcStore) store = NULL;

  if (path == NULL)
    return FALSE;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_EXISTS, _("Workspace “%s” exists already"), name);
      return FALSE;
    }
  store = hc_store_new (path, error);

  return store != NULL;
}

static char *
build_existing_path (const char *data_dir,
                     const char *name,
                     GError    **error)
{
  g_autofree char *path = build_path (data_dir, name, error);

  if (path == NULL)
    return NULL;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND, _("No workspace named “%s”"), name);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* Opens and closes the database: the last connection to close checkpoints
 * the WAL and removes it and the -shm. When they stay, another connection
 * has the workspace open. Returns the workspace id. */
static char *
close_for_move (const char *name,
                const char *path,
                GError    **error)
{
  g_autoptr (HcStore) store = hc_store_new (path, error);
  g_autofree char *workspace_id = NULL;

  if (store == NULL)
    return NULL;
  workspace_id = g_strdup (hc_store_get_workspace_id (store));
  g_clear_object (&store);

  for (gsize i = 0; i < G_N_ELEMENTS (open_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, open_suffixes[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_FAILED,
                       _("Workspace “%s” is in use (Headcount or a sync has it open): close it and try again"),
                       name);
          return NULL;
        }
    }
  return g_steal_pointer (&workspace_id);
}

gboolean
hc_workspace_rename (const char *data_dir,
                     const char *name,
                     const char *new_name,
                     GError    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *workspace_id = NULL;

  path = build_existing_path (data_dir, name, error);
  if (path == NULL)
    return FALSE;
  new_path = build_path (data_dir, new_name, error);
  if (new_path == NULL)
    return FALSE;
  if (g_str_equal (path, new_path))
    return TRUE;
  if (g_file_test (new_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_EXISTS, _("Workspace “%s” exists already"), new_name);
      return FALSE;
    }

  workspace_id = close_for_move (name, path, error);
  if (workspace_id == NULL)
    return FALSE;

  if (g_rename (path, new_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HC_ERROR, HC_ERROR_FAILED, _("Could not rename workspace “%s”: %s"),
                   name, g_strerror (saved_errno));
      return FALSE;
    }
  /* The secrets are keyed by the workspace id, which moved with the file. */
  return TRUE;
}

gboolean
hc_workspace_delete (const char   *data_dir,
                     const char   *name,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *workspace_id = NULL;
  g_autoptr (GError) local_error = NULL;

  path = build_existing_path (data_dir, name, error);
  if (path == NULL)
    return FALSE;
  workspace_id = close_for_move (name, path, error);
  if (workspace_id == NULL)
    return FALSE;

  /* Secrets first: with the database gone, nothing would name them. */
  if (!hc_secrets_clear_workspace_sync (workspace_id, NULL, cancellable, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not remove the keyring secrets of workspace “%s”, so it was not deleted: %s"),
                   name, local_error->message);
      return FALSE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, db_suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, HC_ERROR, HC_ERROR_FAILED, _("Could not delete %s: %s"),
                       file, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}
