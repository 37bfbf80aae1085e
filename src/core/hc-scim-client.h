/* hc-scim-client.h — a SCIM 2.0 client (RFC 7644) on HcHttp: requests
 * with the service's own errors, and what the service supports
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HC_SCIM_SCHEMA_USER       "urn:ietf:params:scim:schemas:core:2.0:User"
#define HC_SCIM_SCHEMA_GROUP      "urn:ietf:params:scim:schemas:core:2.0:Group"
#define HC_SCIM_SCHEMA_ENTERPRISE "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
#define HC_SCIM_SCHEMA_PATCH_OP   "urn:ietf:params:scim:api:messages:2.0:PatchOp"
#define HC_SCIM_CONTENT_TYPE      "application/scim+json"

/*
 * One client per destination and run. Its calls block: they run their own
 * main context, and are meant for a worker thread (hc-scim-push.h). The
 * HTTP layer is the connectors' (hc-http.h): the same timeouts, retries
 * (429 with Retry-After, 502, 503, 504, network errors) and redacted
 * logging; the secret is registered there and never logged.
 */
typedef struct _HcScimClient HcScimClient;

/* What the service said when a request failed. */
typedef struct
{
  guint  status;      /* HTTP status, 0 when none came */
  char  *scim_type;   /* "uniqueness", "invalidValue"…, or NULL */
  char  *detail;      /* the service's detail, or NULL */
} HcScimFailure;

void          hc_scim_failure_clear      (HcScimFailure *failure);

/* What "Test connection" shows. */
typedef struct
{
  gboolean   patch;
  gboolean   filter;
  gboolean   bulk;
  gboolean   enterprise;    /* the enterprise User extension */
  gboolean   groups;        /* a Group resource type */
  GPtrArray *extensions;    /* other User extension schema ids, char* */
  GHashTable *extension_attributes; /* schema id → GPtrArray of attribute names */
  /* Where the service says a user signed in (an extension attribute such
   * as lastLogin or lastSignIn): its schema and name, NULL when it has none. */
  char       *sign_in_schema;
  char       *sign_in_attribute;
} HcScimCapabilities;

void          hc_scim_capabilities_free  (HcScimCapabilities *caps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcScimCapabilities, hc_scim_capabilities_free)

/* @name names the service in messages. @basic_user NULL: @secret is a
 * bearer token; else Basic with @basic_user and @secret. */
HcScimClient *hc_scim_client_new         (const char    *name,
                                          const char    *base_url,
                                          const char    *basic_user,
                                          const char    *secret,
                                          GError       **error);
void          hc_scim_client_free        (HcScimClient  *self);

/* @path under the base URL ("/Users?filter=…"); @body may be NULL. A
 * JSON null for an empty answer (204). On failure, @failure (optional)
 * gets the status, scimType and detail. (transfer full) */
JsonNode     *hc_scim_client_request     (HcScimClient  *self,
                                          const char    *method,
                                          const char    *path,
                                          JsonNode      *body,
                                          GCancellable  *cancellable,
                                          HcScimFailure *failure,
                                          GError       **error);

/* The first resource of @endpoint ("/Users") whose @attribute equals
 * @value (filter=ATTRIBUTE eq "VALUE"), or NULL without error when none.
 * (transfer full) */
JsonObject   *hc_scim_client_find        (HcScimClient  *self,
                                          const char    *endpoint,
                                          const char    *attribute,
                                          const char    *value,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* Reads /ServiceProviderConfig, /Schemas and /ResourceTypes. */
HcScimCapabilities *hc_scim_client_discover (HcScimClient *self,
                                          GCancellable  *cancellable,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcScimClient, hc_scim_client_free)

G_END_DECLS
