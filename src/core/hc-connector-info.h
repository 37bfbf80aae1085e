/* hc-connector-info.h — a configured connector as the store keeps it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-config.h"

G_BEGIN_DECLS

typedef enum
{
  HC_CONNECTOR_STATE_CONNECTED,
  HC_CONNECTOR_STATE_ACTION_REQUIRED,
  HC_CONNECTOR_STATE_ERROR,
  HC_CONNECTOR_STATE_DISCONNECTED,
} HcConnectorState;

struct _HcConnectorInfo
{
  gint64            id;
  char             *name;
  char             *kind;          /* "demo", "file", "personio"… */
  char             *settings;      /* JSON object, never a secret: base_url, path… */
  HcConfig         *config;
  gboolean          test_instance;
  HcConnectorState  state;
  char             *last_error;    /* NULL unless state is ERROR / ACTION_REQUIRED */
  gint64            last_sync_at;  /* µs since the epoch, 0 for never */
  gint64            created_at;
  gint64            next_run_at;   /* µs, 0 when none is stored (see hc_scheduler_compute_next_run) */
};

#define HC_TYPE_CONNECTOR_INFO (hc_connector_info_get_type ())
GType            hc_connector_info_get_type (void) G_GNUC_CONST;
HcConnectorInfo *hc_connector_info_copy     (const HcConnectorInfo *self);
void             hc_connector_info_free     (HcConnectorInfo       *self);

/* A string member of the settings object, or NULL. (transfer full) */
char            *hc_connector_info_dup_setting (const HcConnectorInfo *self,
                                                const char            *key);

/* The settings JSON of the CLI flags of the same names; NULL or empty
 * values are left out. Never give it a secret. (transfer full) */
char            *hc_connector_info_build_settings (const char *base_url,
                                                   const char *subdomain,
                                                   const char *client_id,
                                                   const char *path);

const char      *hc_connector_state_to_string  (HcConnectorState state);
gboolean         hc_connector_state_from_string (const char      *str,
                                                 HcConnectorState *state);
/* "Connected", "Action required"… translated. */
const char      *hc_connector_state_describe   (HcConnectorState state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcConnectorInfo, hc_connector_info_free)

G_END_DECLS
