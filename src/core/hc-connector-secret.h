/* hc-connector-secret.h — a connector's secrets in the keyring: one item,
 * or two for a kind with a second secret (Merge's API key and account
 * token)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-connector-kind.h"

G_BEGIN_DECLS

/*
 * Between the keyring (or standard input) and the connector, the secrets of
 * a kind with a second secret (HcConnectorKind.secret2_kind) travel as one
 * string: the first, a line break, the second. In the keyring each is an
 * item of its own, under secret_kind and secret2_kind, so that each has its
 * label and can be replaced alone; neither is ever in the database.
 */
#define HC_CONNECTOR_SECRET_SEPARATOR '\n'

/* "@first\n@second". (transfer full) */
char     *hc_connector_secret_join         (const char            *first,
                                            const char            *second);
/* The two parts of @secret; FALSE (and both NULL) when it has no line
 * break or a part is empty. Free the parts with hc_secrets_free(). */
gboolean  hc_connector_secret_split        (const char            *secret,
                                            char                 **first,
                                            char                 **second);

/* Stores @secret for connector @connector_id of @kind: one item, or, for a
 * kind with a second secret, the two parts of @secret in two items (an
 * HC_ERROR_INVALID_ARGUMENT when @secret has not both). @workspace_name and
 * @connector_name make the items' labels. */
gboolean  hc_connector_secret_store_sync   (const char            *workspace_id,
                                            gint64                 connector_id,
                                            const HcConnectorKind *kind,
                                            const char            *workspace_name,
                                            const char            *connector_name,
                                            const char            *secret,
                                            GCancellable          *cancellable,
                                            GError               **error);
/* The same in a worker thread. */
void      hc_connector_secret_store_async  (const char            *workspace_id,
                                            gint64                 connector_id,
                                            const HcConnectorKind *kind,
                                            const char            *workspace_name,
                                            const char            *connector_name,
                                            const char            *secret,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
gboolean  hc_connector_secret_store_finish (GAsyncResult          *result,
                                            GError               **error);

/* The connector's secret as the connector takes it (both parts joined for a
 * kind with a second secret), or NULL without an error when none (or only
 * one of two) is stored. (transfer full): free with hc_secrets_free(). */
char     *hc_connector_secret_lookup_sync  (const char            *workspace_id,
                                            gint64                 connector_id,
                                            const HcConnectorKind *kind,
                                            GCancellable          *cancellable,
                                            GError               **error);

G_END_DECLS
