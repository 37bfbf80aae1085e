/* hc-payfit-connector.c — collaborators from PayFit's Partner API
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-payfit-connector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hc-connector-map.h"
#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-http.h"
#include "hc-payfit-connector.h"
#include "hc-secrets.h"

/* A brand: not translated. */
#define VENDOR_NAME     "PayFit"
#define PEOPLE_PATH     "/collaborators"
#define INTROSPECT_PATH "/introspect"
#define PAYFIT_TEXT     (HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_WHOLE)

struct _HcPayfitConnector
{
  GObject        parent_instance;

  char          *base_url;
  char          *token_url;
  char          *client_id;
  HcOAuthTokens *tokens;

  /* Where renewed tokens go; NULL workspace: nowhere (a one-off run). */
  char          *keyring_workspace;
  gint64         keyring_connector;
  char          *keyring_kind;
  char          *keyring_label;
};

enum
{
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcPayfitConnector, hc_payfit_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

static void
hc_payfit_connector_finalize (GObject *object)
{
  HcPayfitConnector *self = HC_PAYFIT_CONNECTOR (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->token_url, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->tokens, hc_oauth_tokens_free);
  g_clear_pointer (&self->keyring_workspace, g_free);
  g_clear_pointer (&self->keyring_kind, g_free);
  g_clear_pointer (&self->keyring_label, g_free);

  G_OBJECT_CLASS (hc_payfit_connector_parent_class)->finalize (object);
}

static void
hc_payfit_connector_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HcPayfitConnector *self = HC_PAYFIT_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_payfit_connector_class_init (HcPayfitConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_payfit_connector_finalize;
  object_class->get_property = hc_payfit_connector_get_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_payfit_connector_init (HcPayfitConnector *self)
{
}

const char *
hc_payfit_connector_client_id (const char *client_id)
{
  if (client_id != NULL && *client_id != '\0')
    return client_id;
  return *HC_PAYFIT_CLIENT_ID != '\0' ? HC_PAYFIT_CLIENT_ID : NULL;
}

HcConnector *
hc_payfit_connector_new (const char *base_url,
                         const char *token_url,
                         const char *client_id,
                         const char *secret,
                         GError    **error)
{
  g_autoptr (HcPayfitConnector) self = NULL;
  g_autofree char *checked_url = NULL;
  g_autoptr (HcHttp) token_probe = NULL;
  g_autoptr (HcOAuthTokens) tokens = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  url = g_strstrip (g_strdup (base_url != NULL && *base_url != '\0' ? base_url : HC_PAYFIT_DEFAULT_BASE_URL));
  tokens = hc_oauth_tokens_from_secret (secret);
  if (tokens == NULL)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_AUTH,
                           _("Headcount is not signed in to PayFit. Sign in to PayFit again (Edit "
                             "credentials, or “headcount-cli connector edit NAME --sign-in”)."));
      return NULL;
    }

  checked_url = hc_connector_util_check_base_url (VENDOR_NAME, url, NULL, error);
  if (checked_url == NULL)
    return NULL;

  self = g_object_new (HC_TYPE_PAYFIT_CONNECTOR, NULL);
  self->base_url = g_steal_pointer (&checked_url);
  self->token_url = g_strdup (token_url != NULL && *token_url != '\0' ? token_url : HC_PAYFIT_DEFAULT_TOKEN_URL);
  self->client_id = g_strdup (hc_payfit_connector_client_id (client_id));
  self->tokens = g_steal_pointer (&tokens);
  return HC_CONNECTOR (g_steal_pointer (&self));
}

void
hc_payfit_connector_set_keyring (HcPayfitConnector *self,
                                 const char        *workspace_id,
                                 gint64             connector_id,
                                 const char        *secret_kind,
                                 const char        *label)
{
  g_return_if_fail (HC_IS_PAYFIT_CONNECTOR (self));

  g_free (self->keyring_workspace);
  self->keyring_workspace = g_strdup (workspace_id);
  self->keyring_connector = connector_id;
  g_free (self->keyring_kind);
  self->keyring_kind = g_strdup (secret_kind);
  g_free (self->keyring_label);
  self->keyring_label = g_strdup (label);
}

char *
hc_payfit_connector_dup_secret (HcPayfitConnector *self)
{
  g_return_val_if_fail (HC_IS_PAYFIT_CONNECTOR (self), NULL);
  return hc_oauth_tokens_to_secret (self->tokens);
}

/* The origin of the token endpoint, and the path of the introspection
 * endpoint beside it (/token → /introspect). */
static char *
oauth_origin (HcPayfitConnector *self,
              char             **introspect_path)
{
  g_autoptr (GUri) uri = g_uri_parse (self->token_url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *dir = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  dir = g_path_get_dirname (*g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/");
  *introspect_path = g_strconcat (g_str_equal (dir, "/") ? "" : dir, INTROSPECT_PATH, NULL);
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
}

/* Before every run: a fresh access token and the company id. */

typedef struct
{
  HcPayfitConnector *self;
  HcHttp            *oauth;
} Prepare;

static void
prepare_free (Prepare *prepare)
{
  g_clear_object (&prepare->self);
  g_clear_object (&prepare->oauth);
  g_free (prepare);
}

static void prepare_step (GTask *task);

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;   /* prepare_step() takes its reference */
  g_autoptr (GError) error = NULL;

  /* The run can go on with the tokens in memory; the next one will ask
   * to sign in again if the keyring kept an old refresh token. */
  if (!hc_secrets_store_finish (result, &error))
    g_warning ("The renewed PayFit sign-in could not be stored in the keyring: %s", error->message);
  prepare_step (task);
}

/* The tokens changed: into the keyring before anything else. */
static void
save_then_continue (GTask *task)
{
  Prepare *prepare = g_task_get_task_data (task);
  HcPayfitConnector *self = prepare->self;
  g_autofree char *secret = NULL;

  if (self->keyring_workspace == NULL)
    {
      prepare_step (task);
      return;
    }
  secret = hc_oauth_tokens_to_secret (self->tokens);
  hc_secrets_store_async (self->keyring_workspace, self->keyring_connector, self->keyring_kind,
                          self->keyring_label, secret, g_task_get_cancellable (task), saved_cb, task);
  hc_connector_util_wipe (secret);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Prepare *prepare = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  HcOAuthTokens *tokens;

  tokens = hc_oauth_tokens_refresh_finish (result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_debug ("Access token renewed");
  hc_oauth_tokens_free (prepare->self->tokens);
  prepare->self->tokens = tokens;
  save_then_continue (task);
}

static void
introspected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Prepare *prepare = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *company = NULL;
  JsonNode *active;

  root = hc_http_post_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      active = hc_json_member (object, "active");
      if (hc_json_value_type (active) == G_TYPE_BOOLEAN && !json_node_get_boolean (active))
        {
          g_autofree char *message = hc_oauth_tokens_sign_in_again_message (VENDOR_NAME);

          g_task_return_new_error (task, HC_ERROR, HC_ERROR_AUTH, "%s", message);
          g_object_unref (task);
          return;
        }
      if (hc_json_id_text (hc_json_member (object, "company_id"), FALSE, &company) != HC_JSON_ID_OK)
        g_clear_pointer (&company, g_free);
    }
  if (company == NULL)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("%s did not say which company Headcount signed in to (%s). Try "
                                 "again later; if the error persists, contact %s support."),
                               VENDOR_NAME, INTROSPECT_PATH, VENDOR_NAME);
      g_object_unref (task);
      return;
    }
  prepare->self->tokens->account_id = g_steal_pointer (&company);
  save_then_continue (task);
}

/* Takes the task's reference; returns it with the run's HcHttp. */
static void
prepare_step (GTask *task)
{
  Prepare *prepare = g_task_get_task_data (task);
  HcPayfitConnector *self = prepare->self;
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (hc_oauth_tokens_need_refresh (self->tokens, g_get_real_time () / G_USEC_PER_SEC))
    {
      hc_oauth_tokens_refresh_async (self->tokens, VENDOR_NAME, self->token_url, self->client_id,
                                     cancellable, refreshed_cb, task);
      return;
    }

  if (self->tokens->account_id == NULL)
    {
      g_autofree char *introspect_path = NULL;
      g_autofree char *origin = oauth_origin (self, &introspect_path);
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) body = NULL;

      g_clear_object (&prepare->oauth);
      prepare->oauth = origin ? hc_http_new (VENDOR_NAME, origin, &error) : NULL;
      if (prepare->oauth == NULL)
        {
          if (error == NULL)
            g_set_error (&error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                         _("The sign-in address of %s (token endpoint) is not a valid web "
                           "address. Correct it in the connector settings."),
                         VENDOR_NAME);
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      hc_connector_util_set_bearer (prepare->oauth, self->tokens->access_token);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "token");
      json_builder_add_string_value (builder, self->tokens->access_token);
      json_builder_end_object (builder);
      body = json_builder_get_root (builder);
      hc_http_post_json_async (prepare->oauth, introspect_path, body, cancellable, introspected_cb, task);
      return;
    }

  {
    g_autoptr (HcHttp) http = hc_http_new (VENDOR_NAME, self->base_url, &error);

    if (http == NULL)
      {
        g_task_return_error (task, g_steal_pointer (&error));
        g_object_unref (task);
        return;
      }
    hc_http_add_secret (http, self->tokens->access_token);
    if (self->tokens->refresh_token != NULL)
      hc_http_add_secret (http, self->tokens->refresh_token);
    hc_connector_util_set_bearer (http, self->tokens->access_token);
    g_task_return_pointer (task, g_steal_pointer (&http), g_object_unref);
    g_object_unref (task);
  }
}

static void
prepare_async (HcPayfitConnector  *self,
               GCancellable       *cancellable,
               GAsyncReadyCallback callback,
               gpointer            user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Prepare *prepare = g_new0 (Prepare, 1);

  g_task_set_source_tag (task, prepare_async);
  prepare->self = g_object_ref (self);
  g_task_set_task_data (task, prepare, (GDestroyNotify) prepare_free);
  prepare_step (task);
}

static HcHttp *
prepare_finish (HcPayfitConnector *self,
                GAsyncResult      *result,
                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Mapping */

/* The professional address of "emails"; the personal one never. */
static char *
professional_email (JsonObject *person)
{
  JsonArray *emails = hc_json_member_array (person, "emails");

  for (guint i = 0; emails != NULL && i < json_array_get_length (emails); i++)
    {
      JsonNode *element = json_array_get_element (emails, i);
      JsonObject *email;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      email = json_node_get_object (element);
      type = hc_json_member_string (email, "type");
      if (type != NULL && g_ascii_strcasecmp (type, "professional") == 0)
        {
          g_autofree char *value = hc_connector_map_text (hc_json_member (email, "email"), PAYFIT_TEXT);

          if (value != NULL)
            return g_steal_pointer (&value);
        }
    }
  return NULL;
}

/* The four statuses from the contract (see the header). */
static HcEmployeeStatus
read_status (const char *contract_status,
             gboolean    on_leave,
             const char *start,
             const char *end,
             const char *today)
{
  if (start != NULL && strcmp (start, today) > 0)
    return HC_EMPLOYEE_STATUS_ONBOARDING;
  /* The end date is the last day worked: that day is still ACTIVE. */
  if (end != NULL && strcmp (end, today) < 0)
    return HC_EMPLOYEE_STATUS_INACTIVE;
  if (contract_status != NULL &&
      (g_ascii_strcasecmp (contract_status, "ended") == 0 ||
       g_ascii_strcasecmp (contract_status, "finished") == 0 ||
       g_ascii_strcasecmp (contract_status, "terminated") == 0))
    return HC_EMPLOYEE_STATUS_INACTIVE;
  if (on_leave || (contract_status != NULL && g_ascii_strcasecmp (contract_status, "suspended") == 0))
    return HC_EMPLOYEE_STATUS_LEAVE;
  if (contract_status != NULL && g_ascii_strcasecmp (contract_status, "upcoming") == 0)
    return HC_EMPLOYEE_STATUS_ONBOARDING;
  return HC_EMPLOYEE_STATUS_ACTIVE;
}

static HcEmployee *
map_employee (JsonNode   *node,
              guint64     index,
              const char *today,
              GError    **error)
{
  g_autoptr (HcEmployee) employee = NULL;
  g_autofree char *email = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  JsonObject *person;
  JsonNode *leave;

  employee = hc_connector_map_begin (node, index, VENDOR_NAME, PEOPLE_PATH, PAYFIT_TEXT, NULL, NULL, NULL, &person, error);
  if (employee == NULL)
    return NULL;

  hc_connector_map_set_text (employee, HC_FIELD_FIRST_NAME, person, "firstName", PAYFIT_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_LAST_NAME, person, "lastName", PAYFIT_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_PREFERRED_NAME, person, "preferredName", PAYFIT_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_POSITION, person, "jobTitle", PAYFIT_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_DEPARTMENT, person, "departmentName", PAYFIT_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_TEAM, person, "teamName", PAYFIT_TEXT);
  hc_connector_map_set_text (employee, HC_FIELD_OFFICE, person, "establishmentName", PAYFIT_TEXT);

  email = professional_email (person);
  hc_employee_set_field (employee, HC_FIELD_EMAIL, email);
  if (hc_json_id_text (hc_json_member (person, "managerId"), FALSE, &manager) != HC_JSON_ID_OK)
    g_clear_pointer (&manager, g_free);
  hc_employee_set_field (employee, HC_FIELD_MANAGER_ID, manager);

  start = hc_connector_map_date (hc_json_lookup (person, "contract.startDate"));
  end = hc_connector_map_date (hc_json_lookup (person, "contract.endDate"));
  hc_employee_set_field (employee, HC_FIELD_HIRE_DATE, start);
  hc_employee_set_field (employee, HC_FIELD_END_DATE, end);

  leave = hc_json_member (person, "isOnLeave");
  hc_employee_set_status (employee,
                          read_status (hc_json_member_string (hc_json_member_object (person, "contract"), "status"),
                                       hc_json_value_type (leave) == G_TYPE_BOOLEAN && json_node_get_boolean (leave),
                                       start, end, today));
  return g_steal_pointer (&employee);
}

static char *
people_path (HcPayfitConnector *self)
{
  g_autofree char *company = g_uri_escape_string (self->tokens->account_id, NULL, FALSE);

  return g_strdup_printf ("/companies/%s" PEOPLE_PATH, company);
}

/* test_connection */

static void
test_connection_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *items;

  root = hc_http_get_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  items = JSON_NODE_HOLDS_OBJECT (root) ? hc_json_lookup (json_node_get_object (root), "collaborators") : NULL;
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("%s answered %s without the expected list (collaborators). Check the base URL in the connector settings; if it is right, contact %s support."),
                               VENDOR_NAME, PEOPLE_PATH, VENDOR_NAME);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
test_prepared_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  HcPayfitConnector *self = HC_PAYFIT_CONNECTOR (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  GCancellable *cancellable;
  HcHttp *http;

  http = prepare_finish (self, result, &error);
  if (http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, http, g_object_unref);
  path = people_path (self);
  url = g_strconcat (path, "?maxResults=1", NULL);
  cancellable = g_task_get_cancellable (task);
  hc_http_get_json_async (http, url, cancellable, test_connection_cb, g_steal_pointer (&task));
}

static void
hc_payfit_connector_test_connection_async (HcConnector        *connector,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data)
{
  HcPayfitConnector *self = HC_PAYFIT_CONNECTOR (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, hc_payfit_connector_test_connection_async);
  prepare_async (self, cancellable, test_prepared_cb, task);
}

static gboolean
hc_payfit_connector_test_connection_finish (HcConnector  *connector,
                                            GAsyncResult *result,
                                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* fetch_employees */

typedef struct
{
  HcHttp        *http;
  GPtrArray     *employees;
  HcProgressFunc progress;
  gpointer       progress_data;
  GCancellable  *cancellable;
  char          *today;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->http);
  g_clear_pointer (&fetch->employees, g_ptr_array_unref);
  g_clear_object (&fetch->cancellable);
  g_free (fetch->today);
  g_free (fetch);
}

static gboolean
fetch_page_cb (HcHttp           *http,
               const HcHttpPage *page,
               gpointer          user_data,
               GError          **error)
{
  Fetch *fetch = user_data;

  for (guint i = 0; i < page->items->len; i++)
    {
      HcEmployee *employee = map_employee (g_ptr_array_index (page->items, i),
                                           page->n_before + i + 1, fetch->today, error);

      if (employee == NULL)
        return FALSE;
      g_ptr_array_add (fetch->employees, employee);
    }

  g_debug ("Page %u: %u collaborators, %u in all", page->index + 1, page->items->len, fetch->employees->len);

  if (fetch->progress != NULL)
    {
      g_autofree char *message = hc_connector_util_fetched_count_message (VENDOR_NAME, fetch->employees->len,
                                                                          HC_CONNECTOR_UTIL_COUNT_LOCALE);

      fetch->progress (-1, message, fetch->progress_data);
    }
  return !g_cancellable_set_error_if_cancelled (fetch->cancellable, error);
}

static void
fetch_pages_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!hc_http_fetch_pages_finish (HC_HTTP (source), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&fetch->employees), (GDestroyNotify) g_ptr_array_unref);
}

static void
fetch_prepared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  HcPayfitConnector *self = HC_PAYFIT_CONNECTOR (source);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fetch->http = prepare_finish (self, result, &error);
  if (fetch->http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  path = people_path (self);
  {
    /* PayFit's token: meta.nextPageToken until there is none; one that
     * comes back is an error, not a loop. */
    const HcHttpPager pager = {
      .style = HC_HTTP_PAGING_CURSOR,
      .path = path,
      .query = "maxResults={limit}&nextPageToken={cursor}",
      .page_size = HC_PAYFIT_PAGE_SIZE,
      .items_path = "collaborators",
      .next_path = "meta.nextPageToken",
      .id_path = "id",
    };

    hc_http_fetch_pages_async (fetch->http, &pager, fetch_page_cb, fetch, fetch->cancellable,
                               fetch_pages_cb, g_steal_pointer (&task));
  }
}

static void
hc_payfit_connector_fetch_employees_async (HcConnector        *connector,
                                           HcProgressFunc      progress,
                                           gpointer            progress_data,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data)
{
  HcPayfitConnector *self = HC_PAYFIT_CONNECTOR (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);

  g_task_set_source_tag (task, hc_payfit_connector_fetch_employees_async);
  fetch->employees = g_ptr_array_new_with_free_func (g_object_unref);
  fetch->progress = progress;
  fetch->progress_data = progress_data;
  fetch->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  fetch->today = hc_connector_util_today ();
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  prepare_async (self, cancellable, fetch_prepared_cb, task);
}

static GPtrArray *
hc_payfit_connector_fetch_employees_finish (HcConnector  *connector,
                                            GAsyncResult *result,
                                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
hc_payfit_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

/* PayFit's collaborator fields as Headcount reads them. Brand field
 * names: not translated. */
static GPtrArray *
hc_payfit_connector_dup_field_metadata (HcConnector *connector)
{
  static const struct { const char *name; const char *label; HcFieldType type; } fields[] = {
    { "id", "Collaborator ID", HC_FIELD_TYPE_TEXT },
    { "matricule", "Matricule", HC_FIELD_TYPE_TEXT },
    { "firstName", "First name", HC_FIELD_TYPE_TEXT },
    { "lastName", "Last name", HC_FIELD_TYPE_TEXT },
    { "preferredName", "Preferred name", HC_FIELD_TYPE_TEXT },
    { "emails.email", "E-mails", HC_FIELD_TYPE_LIST },
    { "jobTitle", "Job title", HC_FIELD_TYPE_TEXT },
    { "departmentName", "Department", HC_FIELD_TYPE_LIST },
    { "teamName", "Team", HC_FIELD_TYPE_LIST },
    { "establishmentName", "Establishment", HC_FIELD_TYPE_LIST },
    { "managerId", "Manager ID", HC_FIELD_TYPE_TEXT },
    { "isOnLeave", "On leave", HC_FIELD_TYPE_BOOLEAN },
    { "contract.id", "Contract ID", HC_FIELD_TYPE_TEXT },
    { "contract.status", "Contract status", HC_FIELD_TYPE_LIST },
    { "contract.startDate", "Contract start date", HC_FIELD_TYPE_DATE },
    { "contract.endDate", "Contract end date", HC_FIELD_TYPE_DATE },
  };
  GPtrArray *metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_ptr_array_add (metadata, hc_field_info_new (fields[i].name, fields[i].label, fields[i].type));
  return metadata;
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->get_vendor_name = hc_payfit_connector_get_vendor_name;
  iface->test_connection_async = hc_payfit_connector_test_connection_async;
  iface->test_connection_finish = hc_payfit_connector_test_connection_finish;
  iface->fetch_employees_async = hc_payfit_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_payfit_connector_fetch_employees_finish;
  iface->dup_field_metadata = hc_payfit_connector_dup_field_metadata;
}
