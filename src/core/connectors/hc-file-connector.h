/* hc-file-connector.h — reads a snapshot of employees (normalised JSON);
 * the demo connector is this connector on the bundled sample company
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

#define HC_DEMO_COMPANY_URI "resource:///io/github/headcount/Headcount/demo/demo-company.json"

#define HC_TYPE_FILE_CONNECTOR (hc_file_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcFileConnector, hc_file_connector, HC, FILE_CONNECTOR, GObject)

HcFileConnector *hc_file_connector_new      (GFile        *file,
                                             const char   *vendor_name);
HcFileConnector *hc_file_connector_new_demo (void);

/* Parses a whole snapshot: {"employees": [ … ]}. Checked access only:
 * bad input is an error naming the record, never a critical.
 * (transfer full) of HcEmployee* */
GPtrArray       *hc_file_connector_parse    (const char   *data,
                                             gsize         length,
                                             const char   *source_name,
                                             GError      **error);

G_END_DECLS
