/* hc-fake-payfit.h — a fake PayFit: its OAuth 2.0 authorization server
 * (authorize, token, introspect) and GET /companies/{id}/collaborators
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/* Fixed, fake, obviously not real. The tokens it issues are
 * "FAKE-payfit-access-N-not-real" and "FAKE-payfit-refresh-N-not-real". */
#define HC_FAKE_PAYFIT_CLIENT_ID       "headcount-test-client"
#define HC_FAKE_PAYFIT_COMPANY_ID      "company-5f3a"
#define HC_FAKE_PAYFIT_TOKEN_PREFIX    "FAKE-payfit-"
#define HC_FAKE_PAYFIT_AUTHORIZE_PATH  "/oauth/authorize"
#define HC_FAKE_PAYFIT_TOKEN_PATH      "/oauth/token"
#define HC_FAKE_PAYFIT_INTROSPECT_PATH "/oauth/introspect"
#define HC_FAKE_PAYFIT_PEOPLE_PATH     "/companies/" HC_FAKE_PAYFIT_COMPANY_ID "/collaborators"
#define HC_FAKE_PAYFIT_MAX_PAGE_SIZE   50

/*
 * One server plays PayFit's two hosts (tests set --authorize-url,
 * --token-url and --base-url to it):
 *
 * - GET /oauth/authorize plays the admin's consent: it checks
 *   response_type=code, client_id, a redirect_uri on http://127.0.0.1:PORT,
 *   code_challenge_method=S256 and a code_challenge of 43 characters, then
 *   answers 302 to redirect_uri with code and state (or
 *   error=access_denied and state when consent is declined,
 *   hc_fake_payfit_set_deny()). A bad request is a 400 page, no redirect.
 * - POST /oauth/token (form): grant_type=authorization_code checks that the
 *   code is one it issued, unused, for this redirect_uri and client_id, and
 *   that base64url(SHA-256(code_verifier)) is the challenge it was issued
 *   for (RFC 7636 section 4.6); grant_type=refresh_token checks the current
 *   refresh token. Either answers {access_token, token_type, expires_in,
 *   refresh_token, scope}, a new refresh token each time (the old one then
 *   fails); a failed check answers 400 {"error": "invalid_grant",
 *   "error_description": …}.
 * - POST /oauth/introspect (Bearer access token, JSON {"token": …}):
 *   {active, scope, client_id, company_id, token_type}.
 * - GET /companies/{company}/collaborators (Bearer of the current access
 *   token, unexpired; else 401 {"message": …} quoting what came):
 *   maxResults (1 to 50, default 50) and nextPageToken (a token it made,
 *   else 400); answers {"collaborators": […], "meta": {"nextPageToken":
 *   token or null}}.
 *
 * A collaborator, as PayFit's changelog and scopes name its fields (the
 * exact JSON is not published): id, matricule, firstName, lastName,
 * preferredName, emails [{type personal, email}, {type professional,
 * email} when the person has a work e-mail], jobTitle, departmentName,
 * teamName, establishmentName (the office), managerId, isOnLeave, contract
 * {id, startDate, endDate, status: active, upcoming (onboarding) or ended
 * (inactive)}.
 */
typedef struct _HcFakePayfit HcFakePayfit;

HcFakePayfit *hc_fake_payfit_new                (GPtrArray    *people);
void          hc_fake_payfit_free               (HcFakePayfit *fake);
HcFakeHris   *hc_fake_payfit_get_server         (HcFakePayfit *fake);
/* "http://127.0.0.1:PORT" (the API's base URL). */
const char   *hc_fake_payfit_get_base_url       (HcFakePayfit *fake);
/* The server's authorize and token URLs. (transfer full) */
char         *hc_fake_payfit_dup_authorize_url  (HcFakePayfit *fake);
char         *hc_fake_payfit_dup_token_url      (HcFakePayfit *fake);

/* The admin declines at the consent page. */
void          hc_fake_payfit_set_deny           (HcFakePayfit *fake,
                                                 gboolean      deny);
/* expires_in of the tokens issued from now on (3600 unless set); the
 * server refuses an access token after it. */
void          hc_fake_payfit_set_expires_in     (HcFakePayfit *fake,
                                                 guint         seconds);
/* Every refresh is refused with invalid_grant (the admin revoked the
 * access in PayFit). */
void          hc_fake_payfit_set_refuse_refresh (HcFakePayfit *fake,
                                                 gboolean      refuse);
/* Collaborators per page when maxResults is not given (50 unless set). */
void          hc_fake_payfit_set_page_size      (HcFakePayfit *fake,
                                                 guint         size);
/* From the second page on, nextPageToken is the first page's token: a list
 * that would never end. */
void          hc_fake_payfit_set_repeat_token   (HcFakePayfit *fake,
                                                 gboolean      repeat);
/* The last page is empty: a full page still carries a nextPageToken, whose
 * page has no collaborators and no token. */
void          hc_fake_payfit_set_empty_last_page (HcFakePayfit *fake,
                                                 gboolean      empty);
/* Token requests answered with tokens, by grant type. */
guint         hc_fake_payfit_count_grants       (HcFakePayfit *fake,
                                                 const char   *grant_type);
/* The code_challenge of the last authorize request, and the verifier of
 * the last accepted exchange. (transfer full) */
char         *hc_fake_payfit_dup_last_challenge (HcFakePayfit *fake);
char         *hc_fake_payfit_dup_last_verifier  (HcFakePayfit *fake);
/* The current access and refresh tokens, or NULL. (transfer full) */
char         *hc_fake_payfit_dup_access_token   (HcFakePayfit *fake);
char         *hc_fake_payfit_dup_refresh_token  (HcFakePayfit *fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakePayfit, hc_fake_payfit_free)

G_END_DECLS
