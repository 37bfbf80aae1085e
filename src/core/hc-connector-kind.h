/* hc-connector-kind.h — what each kind of HR source asks of the admin:
 * which settings, which secret, and where to find them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The settings a connector kind may need. Each is a string member of the
 * connector's settings JSON under the same name as its CLI flag
 * (--base-url, --subdomain, --client-id). */
typedef enum
{
  HC_KIND_NEEDS_NOTHING   = 0,
  HC_KIND_NEEDS_BASE_URL  = 1 << 0,   /* required, not just an override */
  HC_KIND_NEEDS_SUBDOMAIN = 1 << 1,   /* required unless a base URL is given */
  HC_KIND_NEEDS_CLIENT_ID = 1 << 2,
  HC_KIND_NEEDS_SECRET    = 1 << 3,
  HC_KIND_NEEDS_PATH      = 1 << 4,
  HC_KIND_TAKES_BASE_URL  = 1 << 5,   /* accepts a base URL override */
  HC_KIND_SIGN_IN         = 1 << 6,   /* the secret comes from a browser sign-in
                                       * (hc-oauth-flow.h), never typed */
} HcKindNeeds;

/* A plain setting of a kind's own, beyond the common ones: stored in the
 * connector's settings JSON under @key, given on the command line as
 * --@option, shown as an entry row titled @label (translatable). Never a
 * secret. */
typedef struct
{
  const char  *key;               /* "app_id" */
  const char  *option;            /* "app-id" */
  const char  *label;             /* "Application ID" */
  gboolean     required;
} HcKindSetting;

typedef struct
{
  const char  *kind;              /* "personio" */
  const char  *vendor_name;       /* "Personio" (a name, not translated) */
  const char  *icon_name;         /* symbolic icon for the chooser */
  HcKindNeeds  needs;
  const char  *secret_kind;       /* HC_SECRET_KIND_*, NULL when no secret */
  /* Labels and hints for the forms, translatable (use _() on them). */
  const char  *subdomain_label;   /* "Company subdomain" */
  const char  *subdomain_hint;    /* "acme for acme.bamboohr.com" */
  const char  *client_id_label;   /* "Client ID" */
  const char  *secret_label;      /* "Client secret" */
  const char  *base_url_label;    /* "API address" */
  const char  *base_url_hint;     /* the default, or what to paste */
  const char  *where_to_find;     /* "Settings → Integrations → API credentials…" */
  /* A second secret, in a keyring item of its own (Merge's account token),
   * or NULL; see hc-connector-secret.h. */
  const char  *secret2_kind;
  const char  *secret2_label;     /* "Account token" */
  /* Reached through a unified API (Merge, Apideck): listed after the
   * direct connectors, under their own heading. */
  gboolean     unified;
  /* Its own plain settings (Apideck's application, consumer and service
   * ids), ending with a NULL key; NULL for none. */
  const HcKindSetting *settings;
} HcConnectorKind;

/* Every kind this build knows, HR systems first, then demo and file;
 * the array ends with an entry whose @kind is NULL. */
const HcConnectorKind *hc_connector_kind_list   (void);
/* The kind, or NULL when unknown. */
const HcConnectorKind *hc_connector_kind_lookup (const char *kind);

/* TRUE when @kind talks to an HR system over the network (and keeps a
 * secret in the keyring), FALSE for demo and file. */
gboolean               hc_connector_kind_is_remote (const char *kind);

G_END_DECLS
