/* hc-scim-server.h — SCIMMY, an independent SCIM 2.0 service (server.js),
 * run from the tests on 127.0.0.1: started on a free port, driven through
 * its /_test hooks, read back through its own /scim endpoints, stopped
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What to run when node_modules is missing. */
#define HC_SCIM_SERVER_INSTALL_HINT "run: bash build-aux/dev.sh test (it installs SCIMMY with npm ci)"

typedef struct _HcScimServer HcScimServer;

/*
 * Starts `node server.js` from @dir (tests/scim, with node_modules/) on a
 * free port of 127.0.0.1 (the server picks it and prints it), accepting
 * "Bearer @token" and, when @basic ("user:password") is not NULL, that
 * Basic authentication. The server ends when the test binary does (its
 * standard input closes). Fails with HC_SCIM_SERVER_INSTALL_HINT when
 * SCIMMY is not installed.
 */
HcScimServer *hc_scim_server_new          (const char    *dir,
                                           const char    *token,
                                           const char    *basic,
                                           GError       **error);
/* The same with @env, pairs of name and value ending in NULL, set for the
 * server (SCIM_SIGN_IN "0": a service that does not say who signed in). */
HcScimServer *hc_scim_server_new_full     (const char    *dir,
                                           const char    *token,
                                           const char    *basic,
                                           const char *const *env,
                                           GError       **error);
void          hc_scim_server_free         (HcScimServer  *self);

/* "http://127.0.0.1:PORT/scim": the destination's base URL. */
const char   *hc_scim_server_get_base_url (HcScimServer  *self);

/* A /_test hook: @method on /_test@path with @json_body (may be NULL).
 * Returns the answer's JSON, or a JSON null for an empty answer. */
JsonNode     *hc_scim_server_control      (HcScimServer  *self,
                                           const char    *method,
                                           const char    *path,
                                           const char    *json_body,
                                           GError       **error);
/* A request to the service itself (/scim@path), authenticated, as any
 * client would send it: how the tests read the server's /Users back. */
JsonNode     *hc_scim_server_request      (HcScimServer  *self,
                                           const char    *method,
                                           const char    *path,
                                           const char    *json_body,
                                           guint         *status,
                                           GError       **error);

/* The writes (POST, PUT, PATCH, DELETE) the service answered since the
 * last reset, and their log ("POST /Users", "PATCH /Users/…"). */
guint         hc_scim_server_count_writes (HcScimServer  *self,
                                           char         **log);

/* Every user of the service, in creation order. (transfer full) of JsonObject* */
GPtrArray    *hc_scim_server_list_users   (HcScimServer  *self);
/* The user whose userName is @user_name, or NULL. (transfer full) */
JsonObject   *hc_scim_server_find_user    (HcScimServer  *self,
                                           const char    *user_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcScimServer, hc_scim_server_free)

G_END_DECLS

G_BEGIN_DECLS

/* For a test case: the server started once per binary (with @token), or
 * NULL with the case skipped (@mode "disabled", or "auto" and SCIMMY not
 * installed: @skip_reason or the install hint) or failed (it does not
 * start). Every call resets it (/_test/reset): each case starts empty. */
HcScimServer *hc_scim_server_get_for_test (const char *mode,
                                           const char *skip_reason,
                                           const char *token);
/* Stops the server of hc_scim_server_get_for_test(). */
void          hc_scim_server_stop_for_test (void);

G_END_DECLS
