/* hc-oauth-flow.h — signing in through the browser: OAuth 2.0 authorization
 * code with PKCE (RFC 7636, S256) and a loopback redirect (RFC 8252)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-oauth-tokens.h"

G_BEGIN_DECLS

/*
 * hc_oauth_flow_new() listens on 127.0.0.1, on a port the system chooses
 * (RFC 8252 section 7.3), on the thread-default main context, and makes a
 * PKCE verifier (32 random bytes, base64url), its S256 challenge and a
 * random state. The caller starts hc_oauth_flow_wait_async(), then has the
 * browser open hc_oauth_flow_get_authorize_uri() (the GUI with
 * gtk_show_uri_full(), the CLI by printing it and trying xdg-open): no GTK
 * here.
 *
 * The listener answers GET /callback only. An answer whose state is not
 * this flow's is refused (400) and the flow goes on waiting: it is not the
 * browser this flow sent. With the right state:
 * - error=access_denied (the admin declined) ends the wait with
 *   HC_ERROR_AUTH saying so; another error with HC_ERROR_FAILED naming it;
 * - a code is exchanged at the token endpoint (grant_type
 *   authorization_code, with the redirect URI, the client id and the
 *   verifier) before the browser gets its page, so that the page says
 *   whether it worked.
 * The browser gets a small page in the user's language ("You can close
 * this window"); the wait ends once the page is sent.
 *
 * The wait fails with HC_ERROR_FAILED after @timeout_seconds without an
 * answer, and with G_IO_ERROR_CANCELLED when cancelled; the listener
 * closes with the flow.
 */
#define HC_OAUTH_FLOW_DEFAULT_TIMEOUT 300
#define HC_OAUTH_FLOW_CALLBACK_PATH   "/callback"

#define HC_TYPE_OAUTH_FLOW (hc_oauth_flow_get_type ())
G_DECLARE_FINAL_TYPE (HcOAuthFlow, hc_oauth_flow, HC, OAUTH_FLOW, GObject)

/* @authorize_url and @token_url: https, or http on a loopback address (a
 * test's fake). @scope may be NULL. HC_ERROR_INVALID_CONFIG for a bad
 * address; HC_ERROR_FAILED when no port can be opened. */
HcOAuthFlow   *hc_oauth_flow_new               (const char          *vendor,
                                                const char          *authorize_url,
                                                const char          *token_url,
                                                const char          *client_id,
                                                const char          *scope,
                                                GError             **error);

/* The address to open in the browser. */
const char    *hc_oauth_flow_get_authorize_uri (HcOAuthFlow         *self);
/* "http://127.0.0.1:PORT/callback" */
const char    *hc_oauth_flow_get_redirect_uri  (HcOAuthFlow         *self);

/* Once per flow. */
void           hc_oauth_flow_wait_async        (HcOAuthFlow         *self,
                                                guint                timeout_seconds,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
HcOAuthTokens *hc_oauth_flow_wait_finish       (HcOAuthFlow         *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* For tests: the S256 challenge of @verifier. (transfer full) */
char          *hc_oauth_flow_compute_challenge (const char          *verifier);

G_END_DECLS
