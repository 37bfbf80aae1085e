/* hc-workspace.h — the workspaces of a data directory: list, create, rename, delete
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A workspace is "<data_dir>/<name>.db" (hc_store_build_path()); its
 * secrets are keyed by the database's workspace id, not its name. */

/* The names of the workspaces, sorted. A missing directory has none.
 * (transfer full) (element-type utf8) */
GPtrArray *hc_workspace_list     (const char    *data_dir,
                                  GError       **error);
gboolean   hc_workspace_exists   (const char    *data_dir,
                                  const char    *name);
/* Creates an empty workspace; HC_ERROR_EXISTS when there is one. */
gboolean   hc_workspace_create   (const char    *data_dir,
                                  const char    *name,
                                  GError       **error);
/* Renames the database (its -wal and -shm are checkpointed away first).
 * HC_ERROR_NOT_FOUND, HC_ERROR_EXISTS for a taken name, HC_ERROR_FAILED
 * when another connection has it open (the app, a sync): a database is
 * never moved under a writer. */
gboolean   hc_workspace_rename   (const char    *data_dir,
                                  const char    *name,
                                  const char    *new_name,
                                  GError       **error);
/* Clears the workspace's secrets from the keyring, then deletes its
 * database. When the keyring fails, nothing is deleted. Blocks: run it in
 * a thread from a GUI. */
gboolean   hc_workspace_delete   (const char    *data_dir,
                                  const char    *name,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
