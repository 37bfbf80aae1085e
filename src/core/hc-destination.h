/* hc-destination.h — where a sync delivers the directory: SCIM 2.0
 * services of a workspace, and what each holds of each member
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hc-store.h"

G_BEGIN_DECLS

/* The keyring kind of a destination's secret: the bearer token, or the
 * password of Basic authentication. Destinations key their secrets with
 * their id plus HC_DESTINATION_SECRET_BASE as the connector id, far above
 * any connector's, so that removing a connector never takes a
 * destination's secret (hc-secrets.h). */
#define HC_SECRET_KIND_SCIM_TOKEN  "scim_token"
#define HC_DESTINATION_SECRET_BASE (G_GINT64_CONSTANT (1) << 40)

/* Group names on the service: the whole path ("Engineering/Platform") or
 * the leaf ("Platform"). */
#define HC_DESTINATION_GROUPS_PATH "path"
#define HC_DESTINATION_GROUPS_LEAF "leaf"

typedef struct
{
  gint64    id;
  char     *name;
  char     *kind;               /* "scim" */
  char     *base_url;
  char     *basic_user;         /* NULL for a bearer token */
  gboolean  test_instance;
  /* settings */
  gboolean  delete_on_archive;  /* DELETE an archived member instead of active: false */
  char     *group_names;        /* HC_DESTINATION_GROUPS_* */
  char     *custom_schema;      /* the extension schema for custom fields, NULL for none */
  GHashTable *custom_fields;    /* member custom field → attribute of custom_schema; may be NULL */
  GHashTable *mapping;          /* SCIM attribute → member field ("" not sent), the changed ones
                                 * only; NULL for the defaults (hc-scim-mapping.h) */
  /* state */
  char     *last_error;
  gint64    last_delivery_at;   /* µs, 0 for never */
} HcDestination;

void           hc_destination_free             (HcDestination *destination);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcDestination, hc_destination_free)

/* The connector id its secret is stored under. */
gint64         hc_destination_secret_id        (const HcDestination *destination);

/* What a destination holds of a member. */
typedef enum
{
  HC_DESTINATION_PENDING,
  HC_DESTINATION_IN_SYNC,
  HC_DESTINATION_ERROR,
} HcDestinationStatus;

const char    *hc_destination_status_to_string (HcDestinationStatus status);
/* For people: "in sync", "pending", "error". */
const char    *hc_destination_status_describe  (HcDestinationStatus status);

typedef struct
{
  gint64               destination_id;
  char                *destination_name;
  gint64               member_id;
  char                *scim_id;       /* NULL while not there */
  HcDestinationStatus  status;
  char                *error;         /* the service's detail */
  char                *scim_type;
  char                *last_outcome;  /* "created", "updated", "deactivated", "deleted", "matched", "failed: …" */
  char                *sent;          /* the document last delivered (JSON), NULL for none */
  gint64               updated_at;
} HcDestinationMember;

void           hc_destination_member_free      (HcDestinationMember *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcDestinationMember, hc_destination_member_free)

/* The store side. Names are unique in a workspace. */
gint64         hc_destination_add              (HcStore       *store,
                                                const HcDestination *destination,
                                                GError       **error);
/* Every destination, by name. (transfer full) of HcDestination* */
GPtrArray     *hc_destination_list             (HcStore       *store,
                                                GError       **error);
/* NULL with HC_ERROR_NOT_FOUND naming it when there is none. */
HcDestination *hc_destination_find             (HcStore       *store,
                                                const char    *name,
                                                GError       **error);
/* Removes it and what it holds of the members (not its secret). */
gboolean       hc_destination_remove           (HcStore       *store,
                                                gint64         id,
                                                GError       **error);
/* The custom fields some member of the workspace has, as "custom.NAME",
 * sorted. (transfer full) of char* */
GPtrArray     *hc_destination_list_custom_fields (HcStore     *store,
                                                  GError     **error);
/* Stores @destination's settings (its mapping, custom schema…). */
gboolean       hc_destination_save_settings    (HcStore       *store,
                                                const HcDestination *destination,
                                                GError       **error);
/* Stores @destination's address, Basic user (NULL for a bearer token),
 * test instance flag and settings; its name and secret stay. A new
 * address forgets which users and groups were found at the old one: the
 * next delivery matches them again. */
gboolean       hc_destination_update           (HcStore       *store,
                                                const HcDestination *destination,
                                                GError       **error);
gboolean       hc_destination_set_result       (HcStore       *store,
                                                gint64         id,
                                                const char    *last_error,
                                                gint64         at,
                                                GError       **error);

/* What @destination_id holds of every member: member id (gint64*) →
 * HcDestinationMember*. (transfer full) */
GHashTable    *hc_destination_list_members     (HcStore       *store,
                                                gint64         destination_id,
                                                GError       **error);
/* What every destination holds of @member_id, by destination name.
 * (transfer full) of HcDestinationMember* */
GPtrArray     *hc_destination_list_for_member  (HcStore       *store,
                                                gint64         member_id,
                                                GError       **error);
/* Records one member's outcome at once (a push killed half-way keeps what
 * it did). */
gboolean       hc_destination_save_member      (HcStore       *store,
                                                const HcDestinationMember *record,
                                                GError       **error);

/* Groups: group id (gint64*) → HcDestinationMember* (member_id is the
 * group's id). (transfer full) */
GHashTable    *hc_destination_list_groups      (HcStore       *store,
                                                gint64         destination_id,
                                                GError       **error);
gboolean       hc_destination_save_group       (HcStore       *store,
                                                const HcDestinationMember *record,
                                                GError       **error);

/* One request's outcome, for History and explain; @run_id the sync run
 * whose delivery sent it, 0 for none. */
gboolean       hc_destination_log_outcome      (HcStore       *store,
                                                gint64         run_id,
                                                gint64         destination_id,
                                                gint64         member_id,
                                                gint64         group_id,
                                                const char    *request,
                                                guint          status,
                                                const char    *outcome,
                                                const char    *detail,
                                                GError       **error);

/* The newest outcomes, newest first, as JSON objects {destination, member_id,
 * group_id, at, request, status, outcome, detail}; @member_id 0 for all.
 * (transfer full) of JsonObject* */
GPtrArray     *hc_destination_list_outcomes    (HcStore       *store,
                                                gint64         member_id,
                                                guint          limit,
                                                GError       **error);

/* What one sync run delivered to one destination: its members' outcomes
 * (rules.md 42). */
typedef struct
{
  char  *destination;
  guint  created;
  guint  updated;       /* updated, or found there and brought in step */
  guint  deactivated;
  guint  deleted;
  guint  failed;
} HcDestinationRunOutcome;

void           hc_destination_run_outcome_free (HcDestinationRunOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcDestinationRunOutcome, hc_destination_run_outcome_free)
/* Per destination, by name: what the delivery after sync run @run_id did.
 * Empty when it delivered nothing. (transfer full) of HcDestinationRunOutcome* */
GPtrArray     *hc_destination_list_run_outcomes (HcStore      *store,
                                                 gint64        run_id,
                                                 GError      **error);
/* "Platform: 3 created, 1 updated, 0 deactivated, 0 failed" (deleted
 * members count as deactivated). */
char          *hc_destination_run_outcome_describe (const HcDestinationRunOutcome *outcome);

G_END_DECLS
