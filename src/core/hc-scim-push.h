/* hc-scim-push.h — delivering the directory to a SCIM 2.0 destination:
 * users (core and enterprise), their managers, groups; preview; results
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hc-destination.h"
#include "hc-plan.h"
#include "hc-store.h"

G_BEGIN_DECLS

/* What one delivery did, or (a preview) would do. */
typedef struct
{
  char      *destination;
  guint      created;
  guint      updated;
  guint      deactivated;
  guint      deleted;
  guint      unchanged;
  guint      failed;
  guint      held;          /* deactivations a test instance waits to confirm */
  guint      groups_created;
  guint      groups_updated;
  guint      groups_failed;
  guint      writes;        /* POST, PUT, PATCH, DELETE sent */
  guint      joined;        /* invited members the service says signed in */
  GPtrArray *warnings;      /* char* */
  GPtrArray *items;         /* preview: JsonObject* {member_id, name, email, action} */
  char      *error;         /* the whole delivery failed (credentials, network…) */
} HcScimPushResult;

HcScimPushResult *hc_scim_push_result_new  (const char       *destination);
void              hc_scim_push_result_free (HcScimPushResult *result);
void              hc_scim_push_result_to_json (const HcScimPushResult *result,
                                               JsonBuilder      *builder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcScimPushResult, hc_scim_push_result_free)

/*
 * Delivers the members (and groups) of @store to @destination, blocking:
 * for a worker thread. The rules (docs/rules.md, "Destinations"):
 * - a member with an e-mail and access is a SCIM User: userName and the
 *   primary e-mail are the e-mail, externalId the HR employee id (or
 *   "headcount-ID" for a member made by hand), the enterprise extension
 *   when the service offers it, manager.value the manager's SCIM id;
 * - a member not known there yet is looked for by externalId, then
 *   userName, then e-mail, and created (POST) only when none matches;
 * - a member whose document changed since the last delivery is updated
 *   with a PATCH of the changed attributes (PUT when the service has no
 *   PATCH); nothing changed, nothing is sent;
 * - an archived member becomes active: false, or is deleted when the
 *   destination says so; on a test instance, only with @confirm_deactivations;
 * - an invited member whose user there is active and has signed in (when
 *   the service offers a sign-in attribute) is marked joined;
 * - one member's failure is recorded on them and the others go on;
 *   credentials, network or rate-limit failures stop the delivery.
 * The outcomes are recorded for History under @run_id, the sync run this
 * delivery follows (0 for a delivery of its own).
 * Returns FALSE only when the store fails; @result says the rest.
 */
gboolean          hc_scim_push             (HcStore          *store,
                                            const HcDestination *destination,
                                            const char       *secret,
                                            gboolean          confirm_deactivations,
                                            gint64            run_id,
                                            GCancellable     *cancellable,
                                            HcScimPushResult *result,
                                            GError          **error);

/* What hc_scim_push() would send, from the records alone (no request):
 * result->items lists each member's action ("create", "update",
 * "deactivate", "delete", "held": {member_id, name, email, action}) and
 * each group's ("create-group", "update-group": {group_id, name, action}). */
gboolean          hc_scim_preview          (HcStore          *store,
                                            const HcDestination *destination,
                                            HcScimPushResult *result,
                                            GError          **error);

/* What @destination will receive once @plan is applied: what is due
 * already (hc_scim_preview()), and the members the plan invites, changes
 * in a field the service gets, or archives (approved archives only), and
 * the groups it fills, empties or makes. @plan NULL: hc_scim_preview(). */
gboolean          hc_scim_preview_plan     (HcStore          *store,
                                            const HcDestination *destination,
                                            HcPlan           *plan,
                                            HcScimPushResult *result,
                                            GError          **error);

/* hc_scim_preview_plan() for every destination of the workspace, by name:
 * what `sync --dry-run` and the preview window show. (transfer full) of
 * HcScimPushResult* */
GPtrArray        *hc_scim_preview_deliveries (HcStore        *store,
                                              HcPlan         *plan,
                                              GError        **error);
/* The same in a worker thread, for the preview window: @store is shared
 * (its calls are serialised), the archives approved in @plan when called
 * are the ones counted. (transfer full) of HcScimPushResult* */
void              hc_scim_preview_deliveries_async  (HcStore            *store,
                                                     HcPlan             *plan,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
GPtrArray        *hc_scim_preview_deliveries_finish (GAsyncResult       *result,
                                                     GError            **error);

/* Delivers to every destination of the workspace whose database is
 * @store_path, in a worker thread with its own store, each with its
 * secret from the keyring. (transfer full) of HcScimPushResult* */
void              hc_scim_deliver_all_async  (const char       *store_path,
                                              gboolean          confirm_deactivations,
                                              gint64            run_id,
                                              GCancellable     *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer          user_data);
GPtrArray        *hc_scim_deliver_all_finish (GAsyncResult     *result,
                                              GError          **error);

G_END_DECLS
