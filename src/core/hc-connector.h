/* hc-connector.h — the interface every HR source implements
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-connector-info.h"
#include "hc-employee.h"
#include "hc-field-info.h"

G_BEGIN_DECLS

/* Called on the caller's main context while a fetch goes on.
 * @fraction is in [0, 1], or negative when unknown. */
typedef void (*HcProgressFunc) (double      fraction,
                                const char *message,
                                gpointer    user_data);

#define HC_TYPE_CONNECTOR (hc_connector_get_type ())
G_DECLARE_INTERFACE (HcConnector, hc_connector, HC, CONNECTOR, GObject)

struct _HcConnectorInterface
{
  GTypeInterface parent_iface;

  /* "Demo company", "Personio"… for messages */
  const char *(*get_vendor_name)       (HcConnector         *self);

  void        (*test_connection_async) (HcConnector         *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
  gboolean    (*test_connection_finish) (HcConnector        *self,
                                        GAsyncResult        *result,
                                        GError             **error);

  void        (*fetch_employees_async) (HcConnector         *self,
                                        HcProgressFunc       progress,
                                        gpointer             progress_data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
  GPtrArray  *(*fetch_employees_finish) (HcConnector        *self,
                                        GAsyncResult        *result,
                                        GError             **error);

  /* Optional. The vendor's field metadata as the last fetch read it (API
   * name as the field table keys it, label, type), NULL for a vendor
   * without a metadata endpoint. (transfer full) of HcFieldInfo* */
  GPtrArray  *(*dup_field_metadata)    (HcConnector         *self);
  /* Optional. Fields to ask for in the next fetches besides the connector's
   * own choice, by API name or label slug: a vendor that only sends what
   * it is asked for then sends them whatever their name. */
  void        (*set_requested_fields)  (HcConnector         *self,
                                        const char * const  *fields);
};

const char *hc_connector_get_vendor_name       (HcConnector         *self);
void        hc_connector_test_connection_async (HcConnector         *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    hc_connector_test_connection_finish (HcConnector        *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Fetches every employee. The result is a GPtrArray of HcEmployee*. */
void        hc_connector_fetch_employees_async (HcConnector         *self,
                                                HcProgressFunc       progress,
                                                gpointer             progress_data,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *hc_connector_fetch_employees_finish (HcConnector        *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* rules.md 31: cleans every value of @employee as
 * hc_connector_fetch_employees_finish() does, once: a connector may call
 * it in its worker threads, and the employee is then not cleaned again on
 * the main thread. */
void        hc_connector_clean_employee         (HcEmployee         *employee);

/* See the interface. NULL when the vendor has no metadata or nothing was
 * fetched yet. (transfer full) of HcFieldInfo* */
GPtrArray  *hc_connector_dup_field_metadata    (HcConnector         *self);
void        hc_connector_set_requested_fields  (HcConnector         *self,
                                                const char * const  *fields);
/* Asks for the fields @config names that a vendor sends only on request:
 * the exclusion checkboxes. Call it before fetching. */
void        hc_connector_request_config_fields (HcConnector         *self,
                                                const HcConfig      *config);
/* Every field of the fetched @employees and of the vendor's metadata, with
 * labels and types (see hc_field_info_describe()): what the settings, the
 * CLI and the checks of a prepare look at. (transfer full) of HcFieldInfo* */
GPtrArray  *hc_connector_describe_fields       (HcConnector         *self,
                                                GPtrArray           *employees);

/* The base URL of @kind as the connector wants it, from what an admin
 * pasted: with or without the API's version prefix ("https://api.personio.de"
 * and "https://api.personio.de/v1/" both give "https://api.personio.de/v1";
 * "https://acme.bamboohr.com/api/v1" gives "https://acme.bamboohr.com",
 * whose connector adds /api/v1/…), blanks and trailing slashes dropped.
 * NULL or blank gives NULL (the vendor's default); something that is not a
 * URL comes back trimmed, for the connector to refuse. (transfer full) */
char       *hc_connector_normalize_base_url    (const char          *kind,
                                                const char          *url);

/* Builds the connector a stored connector describes. @secret is its
 * credential (from the keyring, or given for one run), NULL for kinds that
 * need none; it is not kept beyond the connector's own use. */
HcConnector *hc_connector_new_for_info         (const HcConnectorInfo *info,
                                                const char          *secret,
                                                GError             **error);

/* Looks the connector's secret up in the keyring (unless @secret is
 * given, for one run: headcount-cli --secret-stdin) and builds the
 * connector. A remote kind without a stored secret is HC_ERROR_AUTH with a
 * sentence saying how to enter it; no keyring is HC_ERROR_NO_KEYRING. */
void         hc_connector_open_async           (HcStore             *store,
                                                const HcConnectorInfo *info,
                                                const char          *secret,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
HcConnector *hc_connector_open_finish          (GAsyncResult        *result,
                                                GError             **error);

/* The kinds this build knows, for "connector add": NULL-terminated. */
const char * const *hc_connector_get_kinds     (void);

/* The distinct field names across employees, sorted. (transfer full) of char* */
GPtrArray  *hc_connector_list_fields           (GPtrArray           *employees);
/* The distinct values of one field with their counts, most frequent first.
 * (transfer full) GPtrArray of char* "value" with counts in @counts. */
GPtrArray  *hc_connector_list_values           (GPtrArray           *employees,
                                                const char          *field,
                                                GArray             **counts);

G_END_DECLS
