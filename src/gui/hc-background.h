/* hc-background.h — "Run in Background": holds the application while the
 * setting is on and, inside a Flatpak sandbox, asks the Background portal
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HC_TYPE_BACKGROUND (hc_background_get_type ())
G_DECLARE_FINAL_TYPE (HcBackground, hc_background, HC, BACKGROUND, GObject)

/* Whether this process runs in a Flatpak sandbox, where running in the
 * background needs the Background portal's permission. */
gboolean       hc_background_detect_sandbox (void);

/* Follows @settings' "run-in-background" key: on, @application is held, so
 * closing the last window leaves it running for the scheduled syncs; off,
 * it is released. With @sandboxed, switching it on (or starting with it on)
 * also asks the Background portal; when the portal says no, the key goes
 * back off and "refused" tells why (built without libportal, it only holds
 * the application, sandbox or not). The application passes
 * hc_background_detect_sandbox (); tests pass what they check. */
HcBackground  *hc_background_new            (GApplication        *application,
                                             GSettings           *settings,
                                             gboolean             sandboxed);
gboolean       hc_background_get_sandboxed  (HcBackground        *self);
gboolean       hc_background_get_held       (HcBackground        *self);

/* Asks the Background portal once (no autostart, no command line), with
 * the reason shown to the user. TRUE when allowed; FALSE with no error when
 * the user or the system refused, or the dialog was dismissed; FALSE with
 * an error when the portal could not be asked (G_IO_ERROR_NOT_SUPPORTED
 * without libportal, G_IO_ERROR_CANCELLED when @cancellable was). */
void           hc_background_request_async  (HcBackground        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       hc_background_request_finish (HcBackground        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
