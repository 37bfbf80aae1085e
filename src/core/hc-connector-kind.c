/* hc-connector-kind.c — what each kind of HR source asks of the admin
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-connector-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hc-connector-kind.h"
#include "hc-secrets.h"

static const HcKindSetting apideck_settings[] = {
  { "app_id", "app-id", N_("Application ID"), TRUE },
  { "consumer_id", "consumer-id", N_("Consumer ID"), TRUE },
  { "service_id", "service-id", N_("Service ID (optional)"), FALSE },
  { NULL }
};

static const HcConnectorKind kinds[] = {
  {
    .kind = "personio",
    .vendor_name = "Personio",
    .icon_name = "system-users-symbolic",
    .needs = HC_KIND_NEEDS_CLIENT_ID | HC_KIND_NEEDS_SECRET | HC_KIND_TAKES_BASE_URL,
    .secret_kind = HC_SECRET_KIND_CLIENT_SECRET,
    .client_id_label = N_("Client ID"),
    .secret_label = N_("Client secret"),
    .base_url_label = N_("API address"),
    .base_url_hint = "https://api.personio.de/v1",
    .where_to_find = N_("In Personio, open Settings → Integrations → API credentials, generate "
                        "credentials with read access to the employee attributes you need, and "
                        "copy the client ID and the client secret."),
  },
  {
    .kind = "personio-v2",
    .vendor_name = "Personio (API v2)",
    .icon_name = "system-users-symbolic",
    .needs = HC_KIND_NEEDS_CLIENT_ID | HC_KIND_NEEDS_SECRET | HC_KIND_TAKES_BASE_URL,
    .secret_kind = HC_SECRET_KIND_CLIENT_SECRET,
    .client_id_label = N_("Client ID"),
    .secret_label = N_("Client secret"),
    .base_url_label = N_("API address"),
    .base_url_hint = "https://api.personio.de/v2",
    .where_to_find = N_("Personio’s newer API, beside the classic one: it reads persons and their "
                        "employments. In Personio, open Settings → Integrations → API "
                        "credentials, create API v2 credentials with read access to persons and "
                        "employments, and copy the client ID and the client secret."),
  },
  {
    .kind = "bamboohr",
    .vendor_name = "BambooHR",
    .icon_name = "system-users-symbolic",
    .needs = HC_KIND_NEEDS_SUBDOMAIN | HC_KIND_NEEDS_SECRET | HC_KIND_TAKES_BASE_URL,
    .secret_kind = HC_SECRET_KIND_API_KEY,
    .subdomain_label = N_("Company subdomain"),
    .subdomain_hint = N_("acme for acme.bamboohr.com"),
    .secret_label = N_("API key"),
    .base_url_label = N_("Server address"),
    .base_url_hint = "https://acme.bamboohr.com",
    .where_to_find = N_("In BambooHR, open your account menu → API Keys → Add New Key, and copy "
                        "the key. The subdomain is the part of your BambooHR address before "
                        ".bamboohr.com."),
  },
  {
    .kind = "hibob",
    .vendor_name = "HiBob",
    .icon_name = "system-users-symbolic",
    .needs = HC_KIND_NEEDS_CLIENT_ID | HC_KIND_NEEDS_SECRET | HC_KIND_TAKES_BASE_URL,
    .secret_kind = HC_SECRET_KIND_API_KEY,
    .client_id_label = N_("Service user ID"),
    .secret_label = N_("Service user token"),
    .base_url_label = N_("API address"),
    .base_url_hint = "https://api.hibob.com/v1",
    .where_to_find = N_("In Bob, open Settings → Integrations → Service Users, create a service "
                        "user, add it to a permission group that can read People data, and copy "
                        "its ID and token."),
  },
  {
    .kind = "lucca",
    .vendor_name = "Lucca",
    .icon_name = "system-users-symbolic",
    .needs = HC_KIND_NEEDS_SUBDOMAIN | HC_KIND_NEEDS_SECRET | HC_KIND_TAKES_BASE_URL,
    .secret_kind = HC_SECRET_KIND_API_KEY,
    .subdomain_label = N_("Lucca domain"),
    .subdomain_hint = N_("acme for acme.ilucca.net, or the whole address"),
    .secret_label = N_("API key"),
    .base_url_label = N_("Server address"),
    .base_url_hint = "https://acme.ilucca.net",
    .where_to_find = N_("In Lucca, an administrator creates an API key with read access to the "
                        "directory (Administration → API keys) and gives it to you. The domain is "
                        "your Lucca address, such as acme.ilucca.net."),
  },
  {
    .kind = "workday",
    .vendor_name = "Workday",
    .icon_name = "system-users-symbolic",
    .needs = HC_KIND_NEEDS_BASE_URL | HC_KIND_NEEDS_CLIENT_ID | HC_KIND_NEEDS_SECRET,
    .secret_kind = HC_SECRET_KIND_PASSWORD,
    .client_id_label = N_("Integration user"),
    .secret_label = N_("Password"),
    .base_url_label = N_("Report address"),
    .base_url_hint = "https://…/ccx/service/customreport2/…?format=json",
    .where_to_find = N_("In Workday, share a custom report of your workers with an integration "
                        "system user, enable it as a web service, and copy its JSON address "
                        "(Actions → Web Service → View URLs → JSON)."),
  },
  {
    .kind = "deel",
    .vendor_name = "Deel",
    .icon_name = "system-users-symbolic",
    .needs = HC_KIND_NEEDS_SECRET | HC_KIND_TAKES_BASE_URL,
    .secret_kind = HC_SECRET_KIND_API_KEY,
    .secret_label = N_("API token"),
    .base_url_label = N_("API address"),
    .base_url_hint = "https://api.letsdeel.com/rest/v2",
    .where_to_find = N_("In Deel, open the Developer Center (App Store → Developer Center → "
                        "Access tokens), generate an organization token with the people:read "
                        "scope, and copy it. Deel shows the token only once."),
  },
  {
    .kind = "merge",
    .vendor_name = "Merge",
    .icon_name = "network-workgroup-symbolic",
    .needs = HC_KIND_NEEDS_SECRET | HC_KIND_TAKES_BASE_URL,
    .secret_kind = HC_SECRET_KIND_API_KEY,
    .secret_label = N_("Merge API key"),
    .base_url_label = N_("API address"),
    .base_url_hint = "https://api.merge.dev/api/hris/v1",
    .where_to_find = N_("Merge reaches the HR system your company linked in Merge (Workday, SAP "
                        "SuccessFactors, Sage, ADP and dozens more). In the Merge dashboard, open "
                        "API Keys and copy the production access key; then open Linked Accounts, "
                        "choose your HR system and copy its account token."),
    .secret2_kind = "account_token",
    .secret2_label = N_("Account token"),
    .unified = TRUE,
  },
  {
    .kind = "apideck",
    .vendor_name = "Apideck",
    .icon_name = "network-workgroup-symbolic",
    .needs = HC_KIND_NEEDS_SECRET | HC_KIND_TAKES_BASE_URL,
    .secret_kind = HC_SECRET_KIND_API_KEY,
    .secret_label = N_("Apideck API key"),
    .base_url_label = N_("API address"),
    .base_url_hint = "https://unify.apideck.com",
    .where_to_find = N_("Apideck reaches the HR system your company connected in Apideck Vault "
                        "(Workday, SAP SuccessFactors, Sage HR, ADP and dozens more). In the "
                        "Apideck dashboard, open Configuration → API keys and copy the API key and "
                        "the application ID; the consumer ID is the consumer that connected the HR "
                        "system in Vault. Give the service ID (such as bamboohr) only when that "
                        "consumer connected several HR systems."),
    .unified = TRUE,
    .settings = apideck_settings,
  },
  {
    .kind = "payfit",
    .vendor_name = "PayFit",
    .icon_name = "system-users-symbolic",
    .needs = HC_KIND_NEEDS_SECRET | HC_KIND_SIGN_IN | HC_KIND_TAKES_BASE_URL,
    .secret_kind = "oauth_tokens",
    .secret_label = N_("PayFit sign-in"),
    .base_url_label = N_("API address"),
    .base_url_hint = "https://partner-api.payfit.com",
    .where_to_find = N_("A PayFit administrator signs in to PayFit in the browser and allows "
                        "Headcount to read the collaborators and their contracts; nothing to copy "
                        "or paste. PayFit does not require a work e-mail, so Headcount matches "
                        "PayFit collaborators to members by employee id only, never by e-mail."),
  },
  {
    .kind = "demo",
    .vendor_name = "Demo company",
    .icon_name = "applications-science-symbolic",
    .needs = HC_KIND_NEEDS_NOTHING,
    .where_to_find = N_("A sample company of 300 employees, to try Headcount without an HR "
                        "system."),
  },
  {
    .kind = "file",
    .vendor_name = "Employee file",
    .icon_name = "text-x-generic-symbolic",
    .needs = HC_KIND_NEEDS_PATH,
    .where_to_find = N_("A JSON snapshot of employees, to replay a sync offline."),
  },
  { NULL }
};

const HcConnectorKind *
hc_connector_kind_list (void)
{
  return kinds;
}

const HcConnectorKind *
hc_connector_kind_lookup (const char *kind)
{
  if (kind == NULL)
    return NULL;
  for (guint i = 0; kinds[i].kind != NULL; i++)
    if (g_str_equal (kinds[i].kind, kind))
      return &kinds[i];
  return NULL;
}

gboolean
hc_connector_kind_is_remote (const char *kind)
{
  const HcConnectorKind *k = hc_connector_kind_lookup (kind);

  return k != NULL && (k->needs & HC_KIND_NEEDS_SECRET) != 0;
}
