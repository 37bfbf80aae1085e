/* hc-connector.c — the interface every HR source implements, and the
 * factory that builds a stored connector
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-connector"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hc-connector.h"
#include "hc-error.h"
#include "hc-connector-kind.h"
#include "hc-connector-secret.h"
#include "hc-bamboohr-connector.h"
#include "hc-deel-connector.h"
#include "hc-file-connector.h"
#include "hc-hibob-connector.h"
#include "hc-lucca-connector.h"
#include "hc-merge-connector.h"
#include "hc-apideck-connector.h"
#include "hc-payfit-connector.h"
#include "hc-personio-connector.h"
#include "hc-personio-v2-connector.h"
#include "hc-workday-connector.h"
#include "hc-sanitize.h"
#include "hc-secrets.h"
#include "hc-store.h"

G_DEFINE_INTERFACE (HcConnector, hc_connector, G_TYPE_OBJECT)

static void
hc_connector_default_init (HcConnectorInterface *iface)
{
}

const char *
hc_connector_get_vendor_name (HcConnector *self)
{
  g_return_val_if_fail (HC_IS_CONNECTOR (self), NULL);
  return HC_CONNECTOR_GET_IFACE (self)->get_vendor_name (self);
}

void
hc_connector_test_connection_async (HcConnector        *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_return_if_fail (HC_IS_CONNECTOR (self));
  HC_CONNECTOR_GET_IFACE (self)->test_connection_async (self, cancellable, callback, user_data);
}

gboolean
hc_connector_test_connection_finish (HcConnector  *self,
                                     GAsyncResult *result,
                                     GError      **error)
{
  g_return_val_if_fail (HC_IS_CONNECTOR (self), FALSE);
  return HC_CONNECTOR_GET_IFACE (self)->test_connection_finish (self, result, error);
}

void
hc_connector_fetch_employees_async (HcConnector        *self,
                                    HcProgressFunc      progress,
                                    gpointer            progress_data,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_return_if_fail (HC_IS_CONNECTOR (self));
  HC_CONNECTOR_GET_IFACE (self)->fetch_employees_async (self, progress, progress_data,
                                                        cancellable, callback, user_data);
}

/* rules.md 31: every value an HR system sends is cleaned here, the one
 * place all connectors hand their employees over. */
/* hc_employee_find_field() over every field: the names of the values
 * not kept as they are. */
static gboolean
collect_unclean (const char *name,
                 const char *value,
                 gpointer    user_data)
{
  GPtrArray **unclean = user_data;

  if (!hc_sanitize_value_is_kept (name, value))
    {
      if (*unclean == NULL)
        *unclean = g_ptr_array_new ();
      g_ptr_array_add (*unclean, (gpointer) name);
    }
  return FALSE;
}

void
hc_connector_clean_employee (HcEmployee *employee)
{
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GPtrArray) bad_fields = NULL;
  gboolean bad_email = FALSE;
  g_autofree char *who = NULL;

  if (hc_employee_get_cleaned (employee))
    return;
  hc_employee_set_cleaned (employee);
  /* Most records have nothing to clean: looked at in place, without a
   * copy of a value; the others field by field, in name order. */
  hc_employee_find_field (employee, collect_unclean, &fields);
  if (fields == NULL)
    return;
  hc_ptr_array_sort_strings (fields);
  bad_fields = g_ptr_array_new ();
  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);
      g_autofree char *clean = NULL;

      switch (hc_sanitize_value (field, hc_employee_get_field (employee, field), &clean))
        {
        case HC_SANITIZE_OK:
          break;
        case HC_SANITIZE_CHANGED:
          hc_employee_set_field (employee, field, clean);
          break;
        case HC_SANITIZE_BAD_TEXT:
          hc_employee_set_field (employee, field, NULL);
          hc_employee_set_invalid (employee);
          g_ptr_array_add (bad_fields, (gpointer) field);
          break;
        case HC_SANITIZE_BAD_EMAIL:
          hc_employee_set_field (employee, field, NULL);
          bad_email = TRUE;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (bad_fields->len == 0 && !bad_email)
    return;

  /* Named once every value is clean, so that no warning carries what
   * was removed. */
  who = hc_employee_dup_display_name (employee);
  for (guint i = 0; i < bad_fields->len; i++)
    {
      g_autofree char *problem = g_strdup_printf (_("The HR record of %s (%s) has a value in “%s” that is not valid text: Headcount skips the record until it is corrected in the HR system"),
                                                  who, hc_employee_get_id (employee),
                                                  (const char *) g_ptr_array_index (bad_fields, i));

      hc_employee_add_problem (employee, problem);
    }
  if (bad_email)
    {
      g_autofree char *problem = g_strdup_printf (_("The e-mail of %s (%s) in the HR system is not a valid address: Headcount treats them as having no e-mail"),
                                                  who, hc_employee_get_id (employee));

      hc_employee_add_problem (employee, problem);
    }
}

static void
sanitize_employees (GPtrArray *employees)
{
  for (guint i = 0; i < employees->len;)
    {
      HcEmployee *employee = g_ptr_array_index (employees, i);

      /* A record whose id is not text cannot be named nor matched. */
      if (!g_utf8_validate (hc_employee_get_id (employee), -1, NULL))
        {
          g_debug ("Skipping an HR record whose id is not valid UTF-8");
          g_ptr_array_remove_index (employees, i);
          continue;
        }
      hc_connector_clean_employee (employee);
      i++;
    }
}

GPtrArray *
hc_connector_fetch_employees_finish (HcConnector  *self,
                                     GAsyncResult *result,
                                     GError      **error)
{
  GPtrArray *employees;

  g_return_val_if_fail (HC_IS_CONNECTOR (self), NULL);
  employees = HC_CONNECTOR_GET_IFACE (self)->fetch_employees_finish (self, result, error);
  if (employees != NULL)
    sanitize_employees (employees);
  return employees;
}

GPtrArray *
hc_connector_dup_field_metadata (HcConnector *self)
{
  HcConnectorInterface *iface;

  g_return_val_if_fail (HC_IS_CONNECTOR (self), NULL);

  iface = HC_CONNECTOR_GET_IFACE (self);
  return iface->dup_field_metadata != NULL ? iface->dup_field_metadata (self) : NULL;
}

void
hc_connector_set_requested_fields (HcConnector        *self,
                                   const char * const *fields)
{
  HcConnectorInterface *iface;

  g_return_if_fail (HC_IS_CONNECTOR (self));

  iface = HC_CONNECTOR_GET_IFACE (self);
  if (iface->set_requested_fields != NULL)
    iface->set_requested_fields (self, fields);
}

void
hc_connector_request_config_fields (HcConnector    *self,
                                    const HcConfig *config)
{
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) names = NULL;

  g_return_if_fail (HC_IS_CONNECTOR (self));
  g_return_if_fail (config != NULL);

  if (config->exclude_field != NULL)
    names = g_strsplit (config->exclude_field, "|", -1);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (*names[i] != '\0' && !g_str_equal (names[i], HC_CONFIG_EXCLUDE_AUTO))
      g_ptr_array_add (fields, g_strdup (names[i]));
  g_ptr_array_add (fields, NULL);
  hc_connector_set_requested_fields (self, (const char * const *) fields->pdata);
}

GPtrArray *
hc_connector_describe_fields (HcConnector *self,
                              GPtrArray   *employees)
{
  g_autoptr (GPtrArray) metadata = NULL;

  g_return_val_if_fail (HC_IS_CONNECTOR (self), NULL);

  metadata = hc_connector_dup_field_metadata (self);
  return hc_field_info_describe (metadata, employees);
}

static const char * const kinds[] = {
  "personio", "bamboohr", "hibob", "lucca", "workday", "deel", "merge", "apideck", "payfit", "personio-v2", "demo", "file", NULL
};

typedef HcConnector *(*HttpConnectorNew) (const char *base_url,
                                          const char *subdomain,
                                          const char *client_id,
                                          const char *secret,
                                          GError    **error);

static const struct
{
  const char      *kind;
  HttpConnectorNew new;
} http_connectors[] = {
  { "personio", hc_personio_connector_new },
  { "bamboohr", hc_bamboohr_connector_new },
  { "hibob", hc_hibob_connector_new },
  { "lucca", hc_lucca_connector_new },
  { "workday", hc_workday_connector_new },
  { "deel", hc_deel_connector_new },
  { "merge", hc_merge_connector_new },
  { "personio-v2", hc_personio_v2_connector_new },
};

/* Where each vendor's API version prefix goes: at the end of the base URL
* (the connector's paths follow it), or nowhere (the connector's paths
* start with it). Workday's base URL is a whole report URL, kept as is. */
static const struct
{
  const char *kind;
  const char *prefix;
  gboolean    in_base;
} api_prefixes[] = {
  { "personio", "/v1", TRUE },
  { "hibob", "/v1", TRUE },
  { "bamboohr", "/api/v1", FALSE },
  { "lucca", "/api/v3", FALSE },
  { "deel", "/rest/v2", TRUE },
  { "merge", "/api/hris/v1", TRUE },
  { "personio-v2", "/v2", TRUE },
};

char *
hc_connector_normalize_base_url (const char *kind,
                                 const char *url)
{
  g_autofree char *text = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GString) path = NULL;
  g_autoptr (GUri) built = NULL;

  if (url == NULL)
    return NULL;
  text = g_strstrip (g_strdup (url));
  if (*text == '\0')
    return NULL;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return g_steal_pointer (&text);   /* the connector says what is wrong, or keeps the query */

  path = g_string_new (g_uri_get_path (uri));
  while (path->len > 0 && path->str[path->len - 1] == '/')
    g_string_truncate (path, path->len - 1);

  for (guint i = 0; i < G_N_ELEMENTS (api_prefixes); i++)
    {
      const char *prefix = api_prefixes[i].prefix;

      if (g_strcmp0 (kind, api_prefixes[i].kind) != 0)
        continue;
      if (api_prefixes[i].in_base)
        {
          if (path->len == 0)
            g_string_append (path, prefix);
        }
      else
        {
          g_autofree char *first = g_strndup (prefix, strchr (prefix + 1, '/') - prefix);  /* "/api" */

          if (g_str_has_suffix (path->str, prefix))
            g_string_truncate (path, path->len - strlen (prefix));
          else if (g_str_has_suffix (path->str, first))
            g_string_truncate (path, path->len - strlen (first));
        }
    }

  built = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                       g_uri_get_host (uri), g_uri_get_port (uri), path->str, NULL, NULL);
  return g_uri_to_string (built);
}

const char *const *
hc_connector_get_kinds (void)
{
  return kinds;
}

HcConnector *
hc_connector_new_for_info (const HcConnectorInfo *info,
                           const char            *secret,
                           GError               **error)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (g_strcmp0 (info->kind, "demo") == 0)
    return HC_CONNECTOR (hc_file_connector_new_demo ());

  if (g_strcmp0 (info->kind, "file") == 0)
    {
      g_autofree char *path = hc_connector_info_dup_setting (info, "path");
      g_autoptr (GFile) file = NULL;

      if (path == NULL)
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                       _("The file connector “%s” has no file path"), info->name);
          return NULL;
        }
      file = g_file_new_for_path (path);
      return HC_CONNECTOR (hc_file_connector_new (file, _("Employee file")));
    }

  if (g_strcmp0 (info->kind, "apideck") == 0)
    {
      g_autofree char *stored_url = hc_connector_info_dup_setting (info, "base_url");
      g_autofree char *base_url = hc_connector_normalize_base_url (info->kind, stored_url);
      g_autofree char *app_id = hc_connector_info_dup_setting (info, "app_id");
      g_autofree char *consumer_id = hc_connector_info_dup_setting (info, "consumer_id");
      g_autofree char *service_id = hc_connector_info_dup_setting (info, "service_id");

      return hc_apideck_connector_new (base_url, app_id, consumer_id, service_id, secret, error);
    }

  if (g_strcmp0 (info->kind, "payfit") == 0)
    {
      g_autofree char *base_url = hc_connector_info_dup_setting (info, "base_url");
      g_autofree char *token_url = hc_connector_info_dup_setting (info, "token_url");
      g_autofree char *client_id = hc_connector_info_dup_setting (info, "client_id");

      return hc_payfit_connector_new (base_url, token_url, client_id, secret, error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (http_connectors); i++)
    if (g_strcmp0 (info->kind, http_connectors[i].kind) == 0)
      {
        g_autofree char *stored_url = hc_connector_info_dup_setting (info, "base_url");
        g_autofree char *base_url = hc_connector_normalize_base_url (info->kind, stored_url);
        g_autofree char *subdomain = hc_connector_info_dup_setting (info, "subdomain");
        g_autofree char *client_id = hc_connector_info_dup_setting (info, "client_id");

        return http_connectors[i].new (base_url, subdomain, client_id, secret, error);
      }

  g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
               _("Connector kind “%s” is not available in this version"), info->kind);
  return NULL;
}

typedef struct
{
  HcConnectorInfo *info;
  char            *workspace;
  char            *workspace_id;
  HcSecret        *first;      /* of two secrets, once read */
} OpenData;

static void
open_data_free (OpenData *data)
{
  hc_connector_info_free (data->info);
  g_free (data->workspace);
  g_free (data->workspace_id);
  hc_secrets_free (data->first);
  g_free (data);
}

static void
open_lookup_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  const HcConnectorKind *kind = hc_connector_kind_lookup (data->info->kind);
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSecret) secret = NULL;
  HcConnector *connector;

  secret = hc_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A kind with a second secret: its own keyring item, joined to the
   * first as the connector takes them (hc-connector-secret.h). */
  if (secret != NULL && kind->secret2_kind != NULL && data->first == NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      data->first = g_steal_pointer (&secret);
      hc_secrets_lookup_async (data->workspace_id, data->info->id, kind->secret2_kind,
                               cancellable, open_lookup_cb, g_steal_pointer (&task));
      return;
    }
  if (secret != NULL && data->first != NULL)
    {
      g_autoptr (HcSecret) second = g_steal_pointer (&secret);

      secret = hc_connector_secret_join (data->first, second);
    }
  if (secret == NULL && data->first != NULL)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_AUTH,
                               _("The %s of connector “%s” is not in the keyring of workspace “%s”. "
                                 "Enter it again with Edit credentials, or give it to headcount-cli "
                                 "with --secret-stdin."),
                               _(kind->secret2_label), data->info->name, data->workspace);
      return;
    }
  if (secret == NULL)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_AUTH,
                               _("The %s of connector “%s” is not in the keyring of workspace “%s”. "
                                 "Enter it again with Edit credentials, or give it to headcount-cli "
                                 "with --secret-stdin."),
                               _(kind->secret_label), data->info->name, data->workspace);
      return;
    }

  connector = hc_connector_new_for_info (data->info, secret, &error);
  /* A browser sign-in's tokens are renewed as they expire: back into the
   * keyring item they came from. */
  if (connector != NULL && HC_IS_PAYFIT_CONNECTOR (connector))
    {
      g_autofree char *label = hc_secrets_build_label (kind->vendor_name, kind->secret_kind,
                                                       data->workspace, data->info->name);

      hc_payfit_connector_set_keyring (HC_PAYFIT_CONNECTOR (connector), data->workspace_id,
                                       data->info->id, kind->secret_kind, label);
    }
  if (connector == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, connector, g_object_unref);
}

void
hc_connector_open_async (HcStore               *store,
                         const HcConnectorInfo *info,
                         const char            *secret,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  const HcConnectorKind *kind;
  OpenData *data;
  HcConnector *connector;

  g_return_if_fail (HC_IS_STORE (store));
  g_return_if_fail (info != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_connector_open_async);

  kind = hc_connector_kind_lookup (info->kind);
  if (kind == NULL || kind->secret_kind == NULL || secret != NULL)
    {
      connector = hc_connector_new_for_info (info, secret, &error);
      if (connector == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, connector, g_object_unref);
      return;
    }

  data = g_new0 (OpenData, 1);
  data->info = hc_connector_info_copy (info);
  data->workspace = hc_store_dup_workspace_name (store);
  data->workspace_id = g_strdup (hc_store_get_workspace_id (store));
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);

  hc_secrets_lookup_async (hc_store_get_workspace_id (store), info->id, kind->secret_kind,
                           cancellable, open_lookup_cb, g_steal_pointer (&task));
}

HcConnector *
hc_connector_open_finish (GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
hc_connector_list_fields (GPtrArray *employees)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < employees->len; i++)
    {
      g_autoptr (GPtrArray) names = hc_employee_list_fields (g_ptr_array_index (employees, i));

      for (guint j = 0; j < names->len; j++)
        if (g_hash_table_add (seen, g_ptr_array_index (names, j)))
          g_ptr_array_add (fields, g_strdup (g_ptr_array_index (names, j)));
    }
  hc_ptr_array_sort_strings (fields);
  return fields;
}

typedef struct
{
  const char *value;
  guint       count;
} ValueCount;

static int
compare_value_counts (gconstpointer a,
                      gconstpointer b)
{
  const ValueCount *va = a;
  const ValueCount *vb = b;

  if (va->count != vb->count)
    return va->count > vb->count ? -1 : 1;
  return g_utf8_collate (va->value, vb->value);
}

GPtrArray *
hc_connector_list_values (GPtrArray  *employees,
                          const char *field,
                          GArray    **counts)
{
  g_autoptr (GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (ValueCount));
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < employees->len; i++)
    {
      const char *v = hc_employee_get_field (g_ptr_array_index (employees, i), field);

      if (v != NULL)
        g_hash_table_insert (table, (gpointer) v,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, v)) + 1));
    }

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ValueCount vc = { key, GPOINTER_TO_UINT (value) };
      g_array_append_val (pairs, vc);
    }
  g_array_sort (pairs, compare_value_counts);

  if (counts)
    *counts = g_array_sized_new (FALSE, FALSE, sizeof (guint), pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      ValueCount *vc = &g_array_index (pairs, ValueCount, i);

      g_ptr_array_add (values, g_strdup (vc->value));
      if (counts)
        g_array_append_val (*counts, vc->count);
    }
  return values;
}
