/* hc-payfit-connector.h — collaborators from PayFit's Partner API
 * (GET /companies/{companyId}/collaborators), after a browser sign-in
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"
#include "hc-oauth-tokens.h"

G_BEGIN_DECLS

/*
 * Settings (the connector's settings JSON, and headcount-cli flags):
 * - base_url: NULL or "" for https://partner-api.payfit.com (--base-url);
 * - authorize_url: NULL for https://oauth.payfit.com/authorize, the page
 *   the browser opens (--authorize-url);
 * - token_url: NULL for https://oauth.payfit.com/token (--token-url); the
 *   introspection endpoint is /introspect beside it;
 * - client_id: NULL for the client id Headcount is built with
 *   (-Dpayfit_client_id, HC_PAYFIT_CLIENT_ID) (--client-id).
 * @secret is what the sign-in gave (hc_oauth_tokens_to_secret()): never
 * typed, never shown.
 *
 * Before any request the access token is renewed when it expires within
 * HC_OAUTH_TOKENS_MARGIN seconds (refresh_token grant); the renewed tokens
 * go back to the keyring (hc_payfit_connector_set_keyring()) before the
 * run goes on. A refused renewal (invalid_grant) is HC_ERROR_AUTH: "Sign
 * in to PayFit again". The company id comes from POST /introspect once,
 * and is kept with the tokens.
 *
 * Requests, with "Authorization: Bearer ACCESS_TOKEN":
 * - test_connection: GET /companies/{id}/collaborators?maxResults=1;
 * - fetch_employees: GET /companies/{id}/collaborators?maxResults=50
 *   (PayFit's maximum), then &nextPageToken= each answer's
 *   meta.nextPageToken until there is none. A token that comes back fails
 *   the fetch instead of looping; an empty last page ends it.
 *
 * Mapping (PayFit publishes no collaborator JSON; the names below are the
 * Partner API's as its changelog and scopes name them):
 *   id             ← id              first_name ← firstName
 *   last_name      ← lastName        preferred_name ← preferredName
 *   email          ← the professional e-mail of "emails" (never the
 *                    personal one); PayFit does not require one, so a
 *                    PayFit connector matches on the employee id only
 *                    (rules.md 5)
 *   position       ← jobTitle        department ← departmentName
 *   team           ← teamName        office ← establishmentName
 *   manager_id     ← managerId
 *   hire_date      ← contract.startDate   end_date ← contract.endDate
 * Status, from the current contract:
 *   a start after today                            → ONBOARDING
 *   an end before today, or status ended/finished → INACTIVE
 *   status suspended or isOnLeave true             → LEAVE
 *   otherwise                                      → ACTIVE
 * Every member is in the field table (nested with dots: "contract.status").
 */

#define HC_PAYFIT_DEFAULT_BASE_URL      "https://partner-api.payfit.com"
#define HC_PAYFIT_DEFAULT_AUTHORIZE_URL "https://oauth.payfit.com/authorize"
#define HC_PAYFIT_DEFAULT_TOKEN_URL     "https://oauth.payfit.com/token"
/* What Headcount reads: the collaborators and their contracts. */
#define HC_PAYFIT_SCOPE                 "collaborators:read collaborators:contracts:read"
#define HC_PAYFIT_PAGE_SIZE             50

#define HC_TYPE_PAYFIT_CONNECTOR (hc_payfit_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcPayfitConnector, hc_payfit_connector, HC, PAYFIT_CONNECTOR, GObject)

HcConnector *hc_payfit_connector_new          (const char        *base_url,
                                               const char        *token_url,
                                               const char        *client_id,
                                               const char        *secret,
                                               GError           **error);

/* Renewed tokens are stored in the keyring item of connector
 * @connector_id of workspace @workspace_id (kind @secret_kind, @label). */
void         hc_payfit_connector_set_keyring  (HcPayfitConnector *self,
                                               const char        *workspace_id,
                                               gint64             connector_id,
                                               const char        *secret_kind,
                                               const char        *label);

/* The tokens as they are now, in the keyring's form: for the tests.
 * (transfer full) */
char        *hc_payfit_connector_dup_secret   (HcPayfitConnector *self);

/* The client id of a sign-in: @client_id, else the one Headcount is built
 * with; NULL when neither. */
const char  *hc_payfit_connector_client_id    (const char        *client_id);

G_END_DECLS
