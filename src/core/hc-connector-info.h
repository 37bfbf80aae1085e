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

/* rules.md 40: what the last connection test or sync said of the
 * connector's current credentials. New credentials are untested until a
 * test or a sync tries them. */
typedef enum
{
  HC_CREDENTIALS_UNTESTED,
  HC_CREDENTIALS_ACCEPTED,
  HC_CREDENTIALS_REJECTED,   /* the HR system answered 401 or 403 */
} HcCredentials;

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
  HcCredentials     credentials;
  gint64            failed_at;     /* µs, when the last sync attempt failed; 0 when it succeeded */
  gint64            failed_run_id; /* that failed run in the history, 0 for none */
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

/* @settings (a settings JSON, or NULL for none) with the string member
 * @key set to @value, or removed when @value is NULL or empty. Never give
 * it a secret. (transfer full) */
char            *hc_connector_info_settings_with (const char *settings,
                                                  const char *key,
                                                  const char *value);

const char      *hc_connector_state_to_string  (HcConnectorState state);
gboolean         hc_connector_state_from_string (const char      *str,
                                                 HcConnectorState *state);
/* "Connected", "Action required"… translated. */
const char      *hc_connector_state_describe   (HcConnectorState state);

/* rules.md 43: what a connector's card says of it. */
typedef enum
{
  HC_CONNECTOR_STATUS_CONNECTED,            /* a test or sync worked with these credentials */
  HC_CONNECTOR_STATUS_NOT_TESTED,           /* credentials nothing tried yet */
  HC_CONNECTOR_STATUS_CREDENTIALS_REJECTED, /* the last test or sync got a 401 or 403 */
  HC_CONNECTOR_STATUS_SYNC_FAILED,          /* the last sync attempt failed otherwise */
  HC_CONNECTOR_STATUS_ACTION_REQUIRED,      /* a run waits for the admin */
  HC_CONNECTOR_STATUS_DISCONNECTED,
} HcConnectorStatus;

HcConnectorStatus hc_connector_info_get_status (const HcConnectorInfo *self);
/* "Connected", "Credentials rejected"… translated. */
const char      *hc_connector_status_describe  (HcConnectorStatus status);
/* "connected", "not_tested", "credentials_rejected", "sync_failed",
 * "action_required", "disconnected": for programs. */
const char      *hc_connector_status_to_string (HcConnectorStatus status);

const char      *hc_credentials_to_string      (HcCredentials    credentials);
gboolean         hc_credentials_from_string    (const char      *str,
                                                HcCredentials   *credentials);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcConnectorInfo, hc_connector_info_free)

G_END_DECLS
