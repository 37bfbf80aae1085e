/* hc-connector-pages.h — what the paged HR connectors share: the connection
 * test on one item of the list, and fetching every page into employees
 * with progress
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-connector.h"
#include "hc-http.h"

G_BEGIN_DECLS

/* Creates the HcHttp of one run, its secrets registered before anything
 * can log them; NULL with @error set. */
typedef HcHttp     *(*HcConnectorHttpFunc) (HcConnector *connector,
                                            GError     **error);

/* One item of a page into an HcEmployee; @index counts from 1 over the
 * whole list, for messages that must not quote personal data; @today is
 * "YYYY-MM-DD". NULL with @error set stops the fetch with that error. */
typedef HcEmployee *(*HcConnectorMapFunc)  (JsonNode    *item,
                                            guint64      index,
                                            const char  *today,
                                            gpointer     user_data,
                                            GError     **error);

/*
 * HcConnectorPages:
 * @noun: what the items are, for the debug log ("people")
 * @create_http: the run's HcHttp
 * @map: each item into an employee, on the caller's main context
 * @map_data: for @map
 *
 * How a connector turns a paged list into employees.
 */
typedef struct
{
  const char          *noun;
  HcConnectorHttpFunc  create_http;
  HcConnectorMapFunc   map;
  gpointer             map_data;
} HcConnectorPages;

/* Every page @pager describes, each item through @pages->map; progress
 * after each page: "Fetched n of total employees from VENDOR" when the
 * pages give a total, else the count alone. Cancelling from the progress
 * callback stops before the next page. The task's source object is
 * @connector and its source tag @source_tag; @pages and @pager are used
 * during the call only (the strings of @pager are copied). */
void       hc_connector_pages_fetch_async  (HcConnector            *connector,
                                            gpointer                source_tag,
                                            const HcConnectorPages *pages,
                                            const HcHttpPager      *pager,
                                            HcProgressFunc          progress,
                                            gpointer                progress_data,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
/* (transfer full) (element-type HcEmployee) */
GPtrArray *hc_connector_pages_fetch_finish (HcConnector            *connector,
                                            GAsyncResult           *result,
                                            GError                **error);

/* The connection test: GET @path_and_query (one item is enough) and check
 * that @items_path is a list; a page without it is a settings error that
 * names @items_path. */
void       hc_connector_pages_test_async   (HcConnector            *connector,
                                            gpointer                source_tag,
                                            HcConnectorHttpFunc     create_http,
                                            const char             *path_and_query,
                                            const char             *items_path,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
gboolean   hc_connector_pages_test_finish  (HcConnector            *connector,
                                            GAsyncResult           *result,
                                            GError                **error);

G_END_DECLS
