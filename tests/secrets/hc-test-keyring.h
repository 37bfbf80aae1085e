/* hc-test-keyring.h — a private session bus and a real gnome-keyring-daemon for tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A directory laid out as a user's: home/, home/.local/share, run/ (0700).
 * On the bus it starts, only what the test starts answers: the bus has no
 * .service files, so nothing is activated behind the test's back (the
 * system's org.freedesktop.secrets.service would start a gnome-keyring
 * with no login keyring, whose first store opens a prompt and waits
 * forever under Xvfb). */
typedef struct _HcTestSession HcTestSession;

HcTestSession *hc_test_session_new           (const char     *dir);
const char    *hc_test_session_get_dir       (HcTestSession  *self);
const char    *hc_test_session_get_home      (HcTestSession  *self);
const char    *hc_test_session_get_run_dir   (HcTestSession  *self);

/* A dbus-daemon of its own, with no service files. */
gboolean       hc_test_session_start_bus     (HcTestSession  *self,
                                              GError        **error);
const char    *hc_test_session_get_bus_address (HcTestSession *self);

/* gnome-keyring-daemon --foreground --unlock --components=secrets on that
 * bus, with @password on its standard input: it creates the login keyring
 * under home/ unlocked and makes it the default collection. Returns once
 * org.freedesktop.secrets answers with a default collection. Its output
 * goes to gnome-keyring.log in the directory. */
gboolean       hc_test_session_start_keyring (HcTestSession  *self,
                                              const char     *password,
                                              GError        **error);
const char    *hc_test_session_get_keyring_file (HcTestSession *self);

/* Points HOME, the XDG directories and, when a bus runs,
 * DBUS_SESSION_BUS_ADDRESS of @env here. (transfer full) */
char         **hc_test_session_update_environ (HcTestSession *self,
                                              char          **env);

/* A session under a new temporary directory made from @tmpl (as
 * g_dir_make_tmp() does), returned in @root, with its bus and a keyring
 * unlocked with a test password; the test stops if either cannot start. */
HcTestSession *hc_test_session_start_private (const char *tmpl,
                                              char      **root);

/* Stops what it started; leaves the directory. */
void           hc_test_session_free          (HcTestSession  *self);

/* Paths of the regular files under @dir whose bytes contain @needle. */
GPtrArray     *hc_test_find_in_tree          (const char     *dir,
                                              const char     *needle,
                                              guint          *n_files);
void           hc_test_remove_tree           (const char     *dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcTestSession, hc_test_session_free)

G_END_DECLS
