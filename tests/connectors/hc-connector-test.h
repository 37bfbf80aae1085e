/* hc-connector-test.h — harness helpers the connector tests share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The debug log, captured instead of printed: route @log_domain's debug
 * messages to the capture, each line prefixed with "domain: " if asked. */
void          hc_connector_test_capture_log     (const char    *log_domain,
                                                 gboolean       prefix_domain);
void          hc_connector_test_log_start       (void);
char         *hc_connector_test_log_stop        (void);

void          hc_connector_test_assert_has      (const char    *haystack,
                                                 const char    *needle);
void          hc_connector_test_assert_lacks    (const char    *haystack,
                                                 const char    *needle);

/* Async results: the callbacks store a ref in the GAsyncResult ** they
 * get as user data; the _once_ one also asserts it was not set before. */
void          hc_connector_test_store_result_cb (GObject       *source,
                                                 GAsyncResult  *result,
                                                 gpointer       user_data);
void          hc_connector_test_store_once_cb   (GObject       *source,
                                                 GAsyncResult  *result,
                                                 gpointer       user_data);
GAsyncResult *hc_connector_test_wait            (GAsyncResult **result);

G_END_DECLS
