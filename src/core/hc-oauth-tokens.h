/* hc-oauth-tokens.h — the tokens an OAuth 2.0 sign-in gives (RFC 6749):
 * kept in the keyring as one secret, renewed with the refresh token
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * What a sign-in leaves: the refresh token (long-lived), the access token
 * and when it expires, and the account it opens (PayFit's company id,
 * learnt once). In the keyring they are one secret, a small JSON object
 * (hc_oauth_tokens_to_secret()); they are never in the database, a log, an
 * error message, argv or the output.
 */
typedef struct
{
  char   *access_token;
  char   *refresh_token;  /* NULL when the server gave none */
  gint64  expires_at;     /* Unix time; 0 when unknown */
  char   *account_id;     /* NULL until known */
} HcOAuthTokens;

/* Renewed this many seconds before the expiry, so that a token never
 * expires in the middle of a sync's first requests. */
#define HC_OAUTH_TOKENS_MARGIN 120

HcOAuthTokens *hc_oauth_tokens_new          (void);
HcOAuthTokens *hc_oauth_tokens_copy         (const HcOAuthTokens *self);
/* Wipes and frees. NULL is fine. */
void           hc_oauth_tokens_free         (HcOAuthTokens       *self);

/* The keyring's form. (transfer full): wipe it (hc_secrets_free()). */
char          *hc_oauth_tokens_to_secret    (const HcOAuthTokens *self);
/* NULL when @secret is not what hc_oauth_tokens_to_secret() made, or has
 * neither an access nor a refresh token. */
HcOAuthTokens *hc_oauth_tokens_from_secret  (const char          *secret);

/* TRUE when the access token is missing or expires within
 * HC_OAUTH_TOKENS_MARGIN seconds of @now (Unix time). */
gboolean       hc_oauth_tokens_need_refresh (const HcOAuthTokens *self,
                                             gint64               now);

/*
 * POSTs @fields (grant_type and the rest, char* → char*) form-encoded to
 * @token_url and reads the token answer (RFC 6749 section 5.1):
 * access_token, refresh_token, expires_in. @vendor names the system in
 * messages. Every value of @fields and of the answer is kept out of logs.
 *
 * An error answer (section 5.2) with "invalid_grant" (the sign-in was
 * revoked, has expired, or the code was used) is HC_ERROR_AUTH saying to
 * sign in to @vendor again; "access_denied" or "invalid_client" as well;
 * any other is HC_ERROR_FAILED naming the error code (never its
 * description, which could quote a token).
 */
void           hc_oauth_tokens_request_async  (const char          *vendor,
                                               const char          *token_url,
                                               GHashTable          *fields,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
HcOAuthTokens *hc_oauth_tokens_request_finish (GAsyncResult        *result,
                                               GError             **error);

/* The refresh grant (RFC 6749 section 6) for @self's refresh token; the
 * result keeps @self's refresh token and account when the answer has
 * none. No refresh token is HC_ERROR_AUTH (sign in again). */
void           hc_oauth_tokens_refresh_async  (const HcOAuthTokens *self,
                                               const char          *vendor,
                                               const char          *token_url,
                                               const char          *client_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
HcOAuthTokens *hc_oauth_tokens_refresh_finish (GAsyncResult        *result,
                                               GError             **error);

/* The message of a refused renewal: "Sign in to %s again…". (transfer full) */
char          *hc_oauth_tokens_sign_in_again_message (const char *vendor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcOAuthTokens, hc_oauth_tokens_free)

G_END_DECLS
