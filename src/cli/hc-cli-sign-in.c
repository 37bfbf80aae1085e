/* hc-cli-sign-in.c — signing in to an HR system in the browser, from
 * headcount-cli (connector add/edit of a kind with HC_KIND_SIGN_IN)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-cli.h"
#include "hc-error.h"
#include "hc-oauth-flow.h"
#include "hc-payfit-connector.h"

/* xdg-open, in the background: the address stays printed if no browser
 * opens. Not a secret: the address carries the public PKCE challenge and
 * the state, never the verifier nor a token. */
static void
open_browser (const char *uri)
{
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "xdg-open", uri, NULL };

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, NULL, &error))
    hc_cli_notice (_("No browser could be opened (%s): open the address yourself."), error->message);
}

char *
hc_cli_sign_in (const HcConnectorKind *kind,
                const char            *authorize_url,
                const char            *token_url,
                const char            *client_id,
                gboolean               browser,
                GError               **error)
{
  g_autoptr (HcOAuthFlow) flow = NULL;
  g_autoptr (HcOAuthTokens) tokens = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  const char *id = hc_payfit_connector_client_id (client_id);
  HcCliWait wait;

  g_return_val_if_fail (kind != NULL && (kind->needs & HC_KIND_SIGN_IN) != 0, NULL);

  if (id == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("This build of Headcount has no %s client id: give the one %s issued with "
                     "--client-id ID"),
                   kind->vendor_name, kind->vendor_name);
      return NULL;
    }
  flow = hc_oauth_flow_new (kind->vendor_name,
                            authorize_url ? authorize_url : HC_PAYFIT_DEFAULT_AUTHORIZE_URL,
                            token_url ? token_url : HC_PAYFIT_DEFAULT_TOKEN_URL,
                            id, HC_PAYFIT_SCOPE, error);
  if (flow == NULL)
    return NULL;

  g_print (_("To connect %s, sign in in your browser at this address:\n"), kind->vendor_name);
  g_print ("  %s\n", hc_oauth_flow_get_authorize_uri (flow));
  g_print (_("Waiting for the browser (Ctrl+C cancels)…\n"));
  if (browser)
    open_browser (hc_oauth_flow_get_authorize_uri (flow));

  hc_cli_wait_init (&wait);
  hc_oauth_flow_wait_async (flow, HC_OAUTH_FLOW_DEFAULT_TIMEOUT, cancellable, hc_cli_wait_cb, &wait);
  tokens = hc_oauth_flow_wait_finish (flow, hc_cli_wait_run (&wait, cancellable), error);
  hc_cli_wait_clear (&wait);
  if (tokens == NULL)
    return NULL;
  g_print (_("Signed in to %s.\n"), kind->vendor_name);
  return hc_oauth_tokens_to_secret (tokens);
}
