/* hc-secrets.h — connector secrets in the system keyring (libsecret), nowhere else
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* Items carry the attributes workspace, connector (the connector's id in
 * decimal), kind and version. The version lets the schema evolve: lookups
 * ask for HC_SECRETS_SCHEMA_VERSION, clears remove every version. */
#define HC_SECRETS_SCHEMA_NAME    "io.github.headcount.Credential"
#define HC_SECRETS_SCHEMA_VERSION 1

/* The kinds connectors use. Any other non-empty string works too. */
#define HC_SECRET_KIND_API_KEY       "api_key"
#define HC_SECRET_KIND_CLIENT_SECRET "client_secret"
#define HC_SECRET_KIND_PASSWORD      "password"

/* A secret string from a lookup: free it with hc_secrets_free(), which
 * wipes it. g_autoptr (HcSecret) does that for you. */
typedef char HcSecret;

const SecretSchema *hc_secrets_get_schema   (void);

/* The label the keyring shows (Seahorse, KeePassXC), e.g.
 * "Headcount: Personio API key (workspace “acme”, connector “Paris HR”)".
 * @vendor may be NULL. (transfer full) */
char     *hc_secrets_build_label            (const char          *vendor,
                                             const char          *kind,
                                             const char          *workspace,
                                             const char          *connector_name);

/* Stores @secret (non-empty UTF-8), replacing the one of the same
 * workspace, connector and kind. @label may be NULL for a plain one. */
void      hc_secrets_store_async            (const char          *workspace,
                                             gint64               connector_id,
                                             const char          *kind,
                                             const char          *label,
                                             const char          *secret,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  hc_secrets_store_finish           (GAsyncResult        *result,
                                             GError             **error);
gboolean  hc_secrets_store_sync             (const char          *workspace,
                                             gint64               connector_id,
                                             const char          *kind,
                                             const char          *label,
                                             const char          *secret,
                                             GCancellable        *cancellable,
                                             GError             **error);

/* Returns the secret, or NULL without an error when none is stored.
 * A keyring that stays locked (the unlock prompt was dismissed) is an
 * HC_ERROR_NO_KEYRING error, not a missing secret. (transfer full) */
void      hc_secrets_lookup_async           (const char          *workspace,
                                             gint64               connector_id,
                                             const char          *kind,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
HcSecret *hc_secrets_lookup_finish          (GAsyncResult        *result,
                                             GError             **error);
HcSecret *hc_secrets_lookup_sync            (const char          *workspace,
                                             gint64               connector_id,
                                             const char          *kind,
                                             GCancellable        *cancellable,
                                             GError             **error);

/* Deletes the connector's secret of @kind, or all its secrets when @kind is
 * NULL (disconnect, rules.md 13). TRUE on success, whether or not anything was
 * stored: @removed (nullable) says whether something was. */
void      hc_secrets_clear_async            (const char          *workspace,
                                             gint64               connector_id,
                                             const char          *kind,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  hc_secrets_clear_finish           (GAsyncResult        *result,
                                             gboolean            *removed,
                                             GError             **error);
gboolean  hc_secrets_clear_sync             (const char          *workspace,
                                             gint64               connector_id,
                                             const char          *kind,
                                             gboolean            *removed,
                                             GCancellable        *cancellable,
                                             GError             **error);

/* Deletes every Headcount secret of a workspace. */
void      hc_secrets_clear_workspace_async  (const char          *workspace,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  hc_secrets_clear_workspace_finish (GAsyncResult        *result,
                                             gboolean            *removed,
                                             GError             **error);
gboolean  hc_secrets_clear_workspace_sync   (const char          *workspace,
                                             gboolean            *removed,
                                             GCancellable        *cancellable,
                                             GError             **error);

/* Wipes and frees a secret from a lookup. NULL is fine. */
void      hc_secrets_free                   (HcSecret            *secret);

/* The error to show for a libsecret error: every way of finding no usable
 * keyring becomes one HC_ERROR_NO_KEYRING with a plain sentence (a locked
 * keyring says so), cancellation stays G_IO_ERROR_CANCELLED, anything else
 * is HC_ERROR_FAILED. Exposed for tests. (transfer full) */
GError   *hc_secrets_translate_error        (const GError        *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcSecret, hc_secrets_free)

G_END_DECLS
