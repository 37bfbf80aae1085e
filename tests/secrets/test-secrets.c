/* test-secrets.c — hc-secrets on libsecret's file backend, on a real
 * gnome-keyring-daemon, and with no keyring at all
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-secrets"

#include <string.h>
#include <glib/gstdio.h>

#include "hc-error.h"
#include "hc-secrets.h"
#include "hc-test-keyring.h"

/* Every fake secret starts with it: after each case, the case's files and
 * its output are searched for it. */
#define SECRET_MARK "hc-TEST-SECRET-"

/* Each keyring case runs in a subprocess of its own (libsecret and GDBus
 * keep one backend and one session bus per process), bounded by this. */
#define CASE_TIMEOUT_USEC (30 * G_USEC_PER_SEC)

/* What a person is told: copied here so a change of wording is deliberate. */
#define NO_KEYRING_SENTENCE \
  "No keyring is available: Headcount keeps API keys only in the system keyring " \
  "(GNOME Keyring or KeePassXC’s Secret Service). Start one, or pass the key with " \
  "--secret-stdin for a single run."
#define LOCKED_SENTENCE \
  "The keyring is locked: Headcount keeps API keys only in the system keyring. " \
  "Unlock it (in Passwords and Keys, or in KeePassXC) and try again."

static char *test_root;

/* Calling the API from a case's subprocess */

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
await_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static gboolean
store (const char   *workspace,
       gint64        connector_id,
       const char   *kind,
       const char   *label,
       const char   *secret,
       GCancellable *cancellable,
       GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_secrets_store_async (workspace, connector_id, kind, label, secret,
                          cancellable, on_ready, &result);
  return hc_secrets_store_finish (await_result (&result), error);
}

static void
store_ok (const char *workspace,
          gint64      connector_id,
          const char *kind,
          const char *secret)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  ok = store (workspace, connector_id, kind, NULL, secret, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static HcSecret *
lookup (const char   *workspace,
        gint64        connector_id,
        const char   *kind,
        GCancellable *cancellable,
        GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hc_secrets_lookup_async (workspace, connector_id, kind, cancellable, on_ready, &result);
  return hc_secrets_lookup_finish (await_result (&result), error);
}

/* Compares quietly: a failed g_assert_cmpstr() would print the secret. */
static void
assert_lookup (const char *workspace,
               gint64      connector_id,
               const char *kind,
               const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSecret) secret = NULL;

  secret = lookup (workspace, connector_id, kind, NULL, &error);
  g_assert_no_error (error);
  if (expected == NULL)
    {
      g_assert_null (secret);
    }
  else
    {
      g_assert_nonnull (secret);
      g_assert_cmpuint (strlen (secret), ==, strlen (expected));
      g_assert_true (g_str_equal (secret, expected));
    }
}

static gboolean
clear_ok (const char *workspace,
          gint64      connector_id,
          const char *kind)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean removed = -1;
  gboolean ok;

  hc_secrets_clear_async (workspace, connector_id, kind, NULL, on_ready, &result);
  ok = hc_secrets_clear_finish (await_result (&result), &removed, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (removed == TRUE || removed == FALSE);

  return removed;
}

static gboolean
clear_workspace_ok (const char *workspace)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean removed = -1;
  gboolean ok;

  hc_secrets_clear_workspace_async (workspace, NULL, on_ready, &result);
  ok = hc_secrets_clear_workspace_finish (await_result (&result), &removed, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (removed == TRUE || removed == FALSE);

  return removed;
}

/* How many Headcount items of @workspace the keyring holds. */
static guint
count_items (const char *workspace)
{
  g_autoptr (GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  GList *items;
  guint n;

  g_hash_table_insert (attributes, (gpointer) "workspace", (gpointer) workspace);
  g_hash_table_insert (attributes, (gpointer) "xdg:schema", (gpointer) HC_SECRETS_SCHEMA_NAME);
  items = secret_password_searchv_sync (hc_secrets_get_schema (), attributes,
                                        SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  n = g_list_length (items);
  g_list_free_full (items, g_object_unref);

  return n;
}

static void
assert_no_keyring (const GError *error,
                   const char   *sentence)
{
  g_assert_error (error, HC_ERROR, HC_ERROR_NO_KEYRING);
  g_assert_cmpstr (error->message, ==, sentence);
  g_assert_null (strstr (error->message, SECRET_MARK));
}

/* Scenarios, run in a case's subprocess on whichever keyring it set up */

static void
scenario_roundtrip (void)
{
  assert_lookup ("acme", 1, HC_SECRET_KIND_API_KEY, NULL);

  store_ok ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-1-first");
  assert_lookup ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-1-first");

  /* Storing again replaces: one item, the new secret */
  store_ok ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-1-second");
  assert_lookup ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-1-second");
  g_assert_cmpuint (count_items ("acme"), ==, 1);

  g_assert_true (clear_ok ("acme", 1, HC_SECRET_KIND_API_KEY));
  assert_lookup ("acme", 1, HC_SECRET_KIND_API_KEY, NULL);
  g_assert_cmpuint (count_items ("acme"), ==, 0);

  /* Clearing what is not there succeeds and says nothing was removed */
  g_assert_false (clear_ok ("acme", 1, HC_SECRET_KIND_API_KEY));
  g_assert_false (clear_ok ("acme", 1, NULL));
}

static void
scenario_isolation (void)
{
  /* Same connector id, different workspaces; ids and names that are
   * prefixes of one another; different kinds */
  store_ok ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-1-api");
  store_ok ("globex", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "globex-1-api");
  store_ok ("acme-eu", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-eu-1-api");
  store_ok ("acme", 11, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-11-api");
  store_ok ("acme", 1, HC_SECRET_KIND_CLIENT_SECRET, SECRET_MARK "acme-1-client");

  assert_lookup ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-1-api");
  assert_lookup ("globex", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "globex-1-api");
  assert_lookup ("acme-eu", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-eu-1-api");
  assert_lookup ("acme", 11, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-11-api");
  assert_lookup ("acme", 1, HC_SECRET_KIND_CLIENT_SECRET, SECRET_MARK "acme-1-client");

  assert_lookup ("globex", 1, HC_SECRET_KIND_CLIENT_SECRET, NULL);
  assert_lookup ("globex", 11, HC_SECRET_KIND_API_KEY, NULL);
  assert_lookup ("acme", 2, HC_SECRET_KIND_API_KEY, NULL);
  assert_lookup ("ACME", 1, HC_SECRET_KIND_API_KEY, NULL);

  /* Clearing one workspace's connector leaves the other's */
  g_assert_true (clear_ok ("globex", 1, NULL));
  assert_lookup ("globex", 1, HC_SECRET_KIND_API_KEY, NULL);
  assert_lookup ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-1-api");
  assert_lookup ("acme-eu", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-eu-1-api");

  g_assert_true (clear_workspace_ok ("acme"));
  g_assert_true (clear_workspace_ok ("acme-eu"));
  g_assert_cmpuint (count_items ("acme"), ==, 0);
}

static void
scenario_clear_connector (void)
{
  /* rules.md 13: disconnecting deletes every secret of the connector */
  store_ok ("acme", 7, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-7-api");
  store_ok ("acme", 7, HC_SECRET_KIND_CLIENT_SECRET, SECRET_MARK "acme-7-client");
  store_ok ("acme", 7, HC_SECRET_KIND_PASSWORD, SECRET_MARK "acme-7-password");
  store_ok ("acme", 8, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-8-api");
  store_ok ("globex", 7, HC_SECRET_KIND_API_KEY, SECRET_MARK "globex-7-api");
  g_assert_cmpuint (count_items ("acme"), ==, 4);

  /* One kind only */
  g_assert_true (clear_ok ("acme", 7, HC_SECRET_KIND_PASSWORD));
  assert_lookup ("acme", 7, HC_SECRET_KIND_PASSWORD, NULL);
  assert_lookup ("acme", 7, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-7-api");

  /* Every kind */
  g_assert_true (clear_ok ("acme", 7, NULL));
  assert_lookup ("acme", 7, HC_SECRET_KIND_API_KEY, NULL);
  assert_lookup ("acme", 7, HC_SECRET_KIND_CLIENT_SECRET, NULL);
  assert_lookup ("acme", 8, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-8-api");
  assert_lookup ("globex", 7, HC_SECRET_KIND_API_KEY, SECRET_MARK "globex-7-api");
  g_assert_cmpuint (count_items ("acme"), ==, 1);
  g_assert_false (clear_ok ("acme", 7, NULL));

  g_assert_true (clear_workspace_ok ("acme"));
  g_assert_true (clear_workspace_ok ("globex"));
}

static void
scenario_clear_workspace (void)
{
  store_ok ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-1-api");
  store_ok ("acme", 2, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-2-api");
  store_ok ("acme", 2, HC_SECRET_KIND_CLIENT_SECRET, SECRET_MARK "acme-2-client");
  store_ok ("acme-eu", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-eu-1-api");
  store_ok ("globex", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "globex-1-api");

  g_assert_true (clear_workspace_ok ("acme"));
  g_assert_cmpuint (count_items ("acme"), ==, 0);
  assert_lookup ("acme", 2, HC_SECRET_KIND_CLIENT_SECRET, NULL);
  assert_lookup ("acme-eu", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "acme-eu-1-api");
  assert_lookup ("globex", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "globex-1-api");
  g_assert_false (clear_workspace_ok ("acme"));

  g_assert_true (clear_workspace_ok ("globex"));
  g_assert_true (clear_workspace_ok ("acme-eu"));
  g_assert_cmpuint (count_items ("globex"), ==, 0);
}

static void
scenario_unicode (void)
{
  struct {
    const char *workspace;
    const char *connector;
    const char *secret;
  } cases[] = {
    { "café-crème", "Équipe Paris", SECRET_MARK "pässwörd-éàüß-ñ-œ" },
    { "東京", "営業チーム", SECRET_MARK "日本語-キー-🔑-✓" },
    { "acme", "Quotes", SECRET_MARK "spaces, \"quotes\", 'apostrophes', \\back\\slashes\\ and\ttabs" },
    { "acme", "Lines", SECRET_MARK "line one\nline two\r\n" },
    { "acme", "Long", NULL },  /* 16 KiB, built below */
  };
  g_autoptr (GString) long_secret = g_string_new (SECRET_MARK "long-");

  while (long_secret->len < 16 * 1024)
    g_string_append (long_secret, "0123456789abcdef-é-");
  cases[G_N_ELEMENTS (cases) - 1].secret = long_secret->str;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = hc_secrets_build_label ("Personio", HC_SECRET_KIND_API_KEY,
                                                       cases[i].workspace, cases[i].connector);
      g_autoptr (GError) error = NULL;

      g_test_message ("case %u: workspace “%s”, %zu bytes", i, cases[i].workspace,
                      strlen (cases[i].secret));
      g_assert_true (store (cases[i].workspace, i + 1, HC_SECRET_KIND_API_KEY, label,
                            cases[i].secret, NULL, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_lookup (cases[i].workspace, i + 1, HC_SECRET_KIND_API_KEY, cases[i].secret);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (clear_ok (cases[i].workspace, i + 1, NULL));
      assert_lookup (cases[i].workspace, i + 1, HC_SECRET_KIND_API_KEY, NULL);
    }
}

static void
scenario_sync_api (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSecret) secret = NULL;
  g_autoptr (HcSecret) missing = NULL;
  gboolean removed = FALSE;

  g_assert_true (hc_secrets_store_sync ("acme", 4, HC_SECRET_KIND_API_KEY, NULL,
                                        SECRET_MARK "sync-api", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hc_secrets_store_sync ("acme", 4, HC_SECRET_KIND_CLIENT_SECRET, NULL,
                                        SECRET_MARK "sync-client", NULL, &error));
  g_assert_no_error (error);

  secret = hc_secrets_lookup_sync ("acme", 4, HC_SECRET_KIND_API_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  g_assert_true (g_str_equal (secret, SECRET_MARK "sync-api"));

  missing = hc_secrets_lookup_sync ("acme", 5, HC_SECRET_KIND_API_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  g_assert_true (hc_secrets_clear_sync ("acme", 4, HC_SECRET_KIND_API_KEY, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  g_assert_true (hc_secrets_clear_sync ("acme", 4, HC_SECRET_KIND_API_KEY, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (removed);

  g_assert_true (hc_secrets_clear_workspace_sync ("acme", &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  g_assert_cmpuint (count_items ("acme"), ==, 0);
}

static void
scenario_invalid_and_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSecret) secret = NULL;

  g_assert_false (store ("acme", 1, HC_SECRET_KIND_API_KEY, NULL, "", NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (hc_secrets_store_sync ("acme", 1, HC_SECRET_KIND_API_KEY, NULL,
                                         SECRET_MARK "\xff\xfe-not-utf8", NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_assert_null (strstr (error->message, SECRET_MARK));
  g_clear_error (&error);
  g_assert_cmpuint (count_items ("acme"), ==, 0);

  g_cancellable_cancel (cancellable);
  g_assert_false (store ("acme", 1, HC_SECRET_KIND_API_KEY, NULL, SECRET_MARK "cancelled",
                         cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  secret = lookup ("acme", 1, HC_SECRET_KIND_API_KEY, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (secret);
  g_clear_error (&error);

  /* Whatever the cancelled store did, leave nothing behind */
  clear_workspace_ok ("acme");
}

/* Leaves secrets stored at exit: the case then searches every file,
 * the keyring's own included, for their plain text. */
static void
scenario_leak (void)
{
  g_autofree char *label = hc_secrets_build_label ("Personio", HC_SECRET_KIND_API_KEY,
                                                   "acme", "Paris HR");
  g_autoptr (GError) error = NULL;

  g_assert_true (store ("acme", 1, HC_SECRET_KIND_API_KEY, label,
                        SECRET_MARK "leak-a7f3c9e1-api-key", NULL, &error));
  g_assert_no_error (error);
  store_ok ("acme", 1, HC_SECRET_KIND_CLIENT_SECRET, SECRET_MARK "leak-0b52d4-client-secret");
  store_ok ("globex", 2, HC_SECRET_KIND_PASSWORD, SECRET_MARK "leak-pässwörd-🔑");
  store_ok ("globex", 3, HC_SECRET_KIND_API_KEY, SECRET_MARK "leak-cleared-later");

  /* Read them back (and log, G_MESSAGES_DEBUG=all) as a sync would */
  assert_lookup ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "leak-a7f3c9e1-api-key");
  assert_lookup ("globex", 2, HC_SECRET_KIND_PASSWORD, SECRET_MARK "leak-pässwörd-🔑");
  g_assert_true (clear_ok ("globex", 3, NULL));
  g_assert_cmpuint (count_items ("acme"), ==, 2);
}

/* The item as Passwords and Keys shows it, read over D-Bus. */
static void
scenario_keyring_item (void)
{
  g_autofree char *label = hc_secrets_build_label ("Personio", HC_SECRET_KIND_API_KEY,
                                                   "acme", "Paris HR");
  g_autoptr (GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (SecretService) service = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *schema_name = NULL;
  g_autofree char *item_label = NULL;
  SecretItem *item;
  GList *items;

  /* libsecret's D-Bus path, not its file backend */
  g_assert_null (g_getenv ("SECRET_BACKEND"));

  g_assert_true (store ("acme", 3, HC_SECRET_KIND_API_KEY, label,
                        SECRET_MARK "item-api-key", NULL, &error));
  g_assert_no_error (error);

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_insert (query, (gpointer) "workspace", (gpointer) "acme");
  g_hash_table_insert (query, (gpointer) "connector", (gpointer) "3");
  items = secret_service_search_sync (service, hc_secrets_get_schema (), query,
                                      SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  item = items->data;

  item_label = secret_item_get_label (item);
  g_assert_cmpstr (item_label, ==,
                   "Headcount: Personio API key (workspace “acme”, connector “Paris HR”)");
  schema_name = secret_item_get_schema_name (item);
  g_assert_cmpstr (schema_name, ==, "io.github.headcount.Credential");

  attributes = secret_item_get_attributes (item);
  g_assert_cmpuint (g_hash_table_size (attributes), ==, 5);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "workspace"), ==, "acme");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "connector"), ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "kind"), ==, "api_key");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "version"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==,
                   "io.github.headcount.Credential");

  /* In the default collection: the login keyring the daemon unlocked */
  g_assert_true (g_str_has_prefix (g_dbus_proxy_get_object_path (G_DBUS_PROXY (item)),
                                   "/org/freedesktop/secrets/collection/login/"));
  g_assert_false (secret_item_get_locked (item));
  g_list_free_full (items, g_object_unref);

  /* A store without a label gets a plain one */
  store_ok ("acme", 4, HC_SECRET_KIND_CLIENT_SECRET, SECRET_MARK "item-client-secret");
  g_hash_table_insert (query, (gpointer) "connector", (gpointer) "4");
  items = secret_service_search_sync (service, hc_secrets_get_schema (), query,
                                      SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_clear_pointer (&item_label, g_free);
  item_label = secret_item_get_label (items->data);
  g_assert_cmpstr (item_label, ==, "Headcount: client secret (workspace “acme”, connector “4”)");
  g_list_free_full (items, g_object_unref);

  g_assert_true (clear_workspace_ok ("acme"));
}

/* The keyring gets locked; the unlock prompt cannot be shown (no prompter
 * on this bus), so gnome-keyring dismisses it, as a person would. */
static void
scenario_keyring_locked (void)
{
  g_autoptr (SecretService) service = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSecret) secret = NULL;
  GList *collections;
  gint n_locked;

  store_ok ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "locked-api-key");
  assert_lookup ("acme", 1, HC_SECRET_KIND_API_KEY, SECRET_MARK "locked-api-key");

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collections = secret_service_get_collections (service);
  n_locked = secret_service_lock_sync (service, collections, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_locked, >, 0);
  g_list_free_full (collections, g_object_unref);

  /* Not "no secret stored": the keyring is locked */
  secret = lookup ("acme", 1, HC_SECRET_KIND_API_KEY, NULL, &error);
  g_assert_null (secret);
  assert_no_keyring (error, LOCKED_SENTENCE);
  g_clear_error (&error);

  secret = hc_secrets_lookup_sync ("acme", 1, HC_SECRET_KIND_API_KEY, NULL, &error);
  g_assert_null (secret);
  assert_no_keyring (error, LOCKED_SENTENCE);
  g_clear_error (&error);

  /* "Cannot create an item in a locked collection" */
  g_assert_false (store ("acme", 2, HC_SECRET_KIND_API_KEY, NULL, SECRET_MARK "locked-new",
                         NULL, &error));
  assert_no_keyring (error, LOCKED_SENTENCE);
  g_clear_error (&error);

  g_assert_false (hc_secrets_store_sync ("acme", 2, HC_SECRET_KIND_API_KEY, NULL,
                                         SECRET_MARK "locked-new", NULL, &error));
  assert_no_keyring (error, LOCKED_SENTENCE);
  g_clear_error (&error);

  /* A secret that is not there is still just not there */
  assert_lookup ("globex", 9, HC_SECRET_KIND_API_KEY, NULL);
}

/* Every call fails fast with the one plain sentence. */
static void
scenario_no_keyring (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSecret) secret = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean removed = FALSE;

  g_assert_false (store ("acme", 1, HC_SECRET_KIND_API_KEY, NULL, SECRET_MARK "nowhere",
                         NULL, &error));
  assert_no_keyring (error, NO_KEYRING_SENTENCE);
  g_clear_error (&error);

  g_assert_false (hc_secrets_store_sync ("acme", 1, HC_SECRET_KIND_API_KEY, NULL,
                                         SECRET_MARK "nowhere", NULL, &error));
  assert_no_keyring (error, NO_KEYRING_SENTENCE);
  g_clear_error (&error);

  secret = lookup ("acme", 1, HC_SECRET_KIND_API_KEY, NULL, &error);
  g_assert_null (secret);
  assert_no_keyring (error, NO_KEYRING_SENTENCE);
  g_clear_error (&error);

  secret = hc_secrets_lookup_sync ("acme", 1, HC_SECRET_KIND_API_KEY, NULL, &error);
  g_assert_null (secret);
  assert_no_keyring (error, NO_KEYRING_SENTENCE);
  g_clear_error (&error);

  hc_secrets_clear_async ("acme", 1, NULL, NULL, on_ready, &result);
  g_assert_false (hc_secrets_clear_finish (await_result (&result), &removed, &error));
  assert_no_keyring (error, NO_KEYRING_SENTENCE);
  g_clear_error (&error);
  g_clear_object (&result);

  hc_secrets_clear_workspace_async ("acme", NULL, on_ready, &result);
  g_assert_false (hc_secrets_clear_workspace_finish (await_result (&result), &removed, &error));
  assert_no_keyring (error, NO_KEYRING_SENTENCE);
  g_clear_error (&error);

  g_assert_false (hc_secrets_clear_sync ("acme", 1, NULL, &removed, NULL, &error));
  assert_no_keyring (error, NO_KEYRING_SENTENCE);
  g_clear_error (&error);

  /* No hang: well under the case's own timeout */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

/* Cases: set up in the test process, run in a subprocess, checked after */

typedef enum
{
  SETUP_FILE,              /* SECRET_BACKEND=file in the case's directory */
  SETUP_KEYRING,           /* gnome-keyring-daemon on a private bus */
  SETUP_NO_SERVICE,        /* a private bus where nobody owns org.freedesktop.secrets */
  SETUP_NO_SOCKET,         /* DBUS_SESSION_BUS_ADDRESS names a socket that does not exist */
  SETUP_NO_BUS,            /* no DBUS_SESSION_BUS_ADDRESS, no $DISPLAY to autolaunch one */
  SETUP_DBUS_LAUNCH_FAILS, /* no DBUS_SESSION_BUS_ADDRESS, dbus-launch cannot reach $DISPLAY */
} Setup;

typedef struct
{
  const char *path;
  const char *dir_name;
  Setup       setup;
  void (*scenario)(void);
  gboolean    leaves_secrets;  /* the keyring file must exist afterwards */
  const char *raw_error;       /* what the subprocess logs (debug) on the way */
} Case;

static const Case cases[] = {
  { "/secrets/file/roundtrip", "file-roundtrip", SETUP_FILE, scenario_roundtrip },
  { "/secrets/file/isolation", "file-isolation", SETUP_FILE, scenario_isolation },
  { "/secrets/file/clear-connector", "file-clear-connector", SETUP_FILE, scenario_clear_connector },
  { "/secrets/file/clear-workspace", "file-clear-workspace", SETUP_FILE, scenario_clear_workspace },
  { "/secrets/file/unicode", "file-unicode", SETUP_FILE, scenario_unicode },
  { "/secrets/file/sync-api", "file-sync-api", SETUP_FILE, scenario_sync_api },
  { "/secrets/file/invalid-and-cancelled", "file-invalid", SETUP_FILE, scenario_invalid_and_cancelled },
  { "/secrets/file/leak", "file-leak", SETUP_FILE, scenario_leak, TRUE },

  { "/secrets/keyring/roundtrip", "keyring-roundtrip", SETUP_KEYRING, scenario_roundtrip },
  { "/secrets/keyring/isolation", "keyring-isolation", SETUP_KEYRING, scenario_isolation },
  { "/secrets/keyring/clear-connector", "keyring-clear-connector", SETUP_KEYRING, scenario_clear_connector },
  { "/secrets/keyring/clear-workspace", "keyring-clear-workspace", SETUP_KEYRING, scenario_clear_workspace },
  { "/secrets/keyring/unicode", "keyring-unicode", SETUP_KEYRING, scenario_unicode },
  { "/secrets/keyring/sync-api", "keyring-sync-api", SETUP_KEYRING, scenario_sync_api },
  { "/secrets/keyring/invalid-and-cancelled", "keyring-invalid", SETUP_KEYRING, scenario_invalid_and_cancelled },
  { "/secrets/keyring/item", "keyring-item", SETUP_KEYRING, scenario_keyring_item },
  { "/secrets/keyring/locked", "keyring-locked", SETUP_KEYRING, scenario_keyring_locked, TRUE,
    "*Cannot create an item in a locked collection*" },
  { "/secrets/keyring/leak", "keyring-leak", SETUP_KEYRING, scenario_leak, TRUE },

  { "/secrets/no-keyring/no-service", "no-service", SETUP_NO_SERVICE, scenario_no_keyring, FALSE,
    "*The name org.freedesktop.secrets was not provided by any .service files*" },
  { "/secrets/no-keyring/no-socket", "no-socket", SETUP_NO_SOCKET, scenario_no_keyring, FALSE,
    "*Could not connect: No such file or directory*" },
  { "/secrets/no-keyring/no-bus", "no-bus", SETUP_NO_BUS, scenario_no_keyring, FALSE,
    "*Cannot autolaunch D-Bus without X11 $DISPLAY*" },
  { "/secrets/no-keyring/dbus-launch-fails", "dbus-launch-fails", SETUP_DBUS_LAUNCH_FAILS,
    scenario_no_keyring, FALSE, "*dbus-launch*" },
};

#define ROOT_VARIABLE "HC_TEST_SECRETS_ROOT"

/* The parent is threaded by the time a case is set up (GSubprocess, GDBus),
 * so it never calls setenv(): it writes the environment the subprocess must
 * run in, NUL-separated, and the subprocess applies it first thing, while
 * it is still single-threaded. */
static char *
build_case_env_path (const Case *c)
{
  return g_build_filename (g_getenv (ROOT_VARIABLE), c->dir_name, "case.env", NULL);
}

static void
write_case_env (const Case *c,
                char      **env)
{
  g_autofree char *path = build_case_env_path (c);
  g_autoptr (GString) contents = g_string_new (NULL);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; env[i] != NULL; i++)
    g_string_append_len (contents, env[i], strlen (env[i]) + 1);

  g_file_set_contents (path, contents->str, contents->len, &error);
  g_assert_no_error (error);
}

static void
apply_case_env (const Case *c)
{
  g_autofree char *path = build_case_env_path (c);
  g_autofree char *contents = NULL;
  g_autoptr (GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) current = g_listenv ();
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer name, value;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  for (gsize at = 0; at < length; at += strlen (contents + at) + 1)
    {
      const char *entry = contents + at;
      const char *equals = strchr (entry, '=');

      g_assert_nonnull (equals);
      g_hash_table_insert (wanted, g_strndup (entry, equals - entry), (gpointer) (equals + 1));
    }

  for (guint i = 0; current[i] != NULL; i++)
    if (!g_hash_table_contains (wanted, current[i]))
      g_unsetenv (current[i]);

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_setenv (name, value, TRUE);
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (HcTestSession) session = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *keyring_file = NULL;
  g_auto (GStrv) env = NULL;
  guint n_files = 0;

  if (g_test_subprocess ())
    {
      apply_case_env (c);
      /* Everything the case logs, debug included, is searched for secrets */
      g_log_set_debug_enabled (TRUE);
      c->scenario ();
      return;
    }

  dir = g_build_filename (test_root, c->dir_name, NULL);
  session = hc_test_session_new (dir);

  env = g_get_environ ();
  env = g_environ_unsetenv (env, "SECRET_BACKEND");
  env = g_environ_unsetenv (env, "SECRET_FILE_TEST_PATH");
  env = g_environ_unsetenv (env, "SECRET_FILE_TEST_PASSWORD");
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  /* No prompt may reach a screen (Xvfb's or anyone's) */
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  switch (c->setup)
    {
    case SETUP_FILE:
      {
        /* Nothing may reach a real keyring by mistake */
        g_autofree char *nowhere = g_build_filename (dir, "no-bus-here", NULL);
        g_autofree char *address = g_strconcat ("unix:path=", nowhere, NULL);

        keyring_file = g_build_filename (dir, "keyrings", "test.keyring", NULL);
        env = g_environ_setenv (env, "SECRET_BACKEND", "file", TRUE);
        env = g_environ_setenv (env, "SECRET_FILE_TEST_PATH", keyring_file, TRUE);
        env = g_environ_setenv (env, "SECRET_FILE_TEST_PASSWORD", "file-backend-test-password", TRUE);
        env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      }
      break;

    case SETUP_KEYRING:
    case SETUP_NO_SERVICE:
      {
        g_autofree char *bus_daemon = g_find_program_in_path ("dbus-daemon");

        if (bus_daemon == NULL)
          {
            g_test_skip ("dbus-daemon is not installed (Debian: dbus-daemon)");
            return;
          }
      }
      hc_test_session_start_bus (session, &error);
      g_assert_no_error (error);

      if (c->setup == SETUP_KEYRING)
        {
          g_autofree char *keyring_daemon = g_find_program_in_path ("gnome-keyring-daemon");

          if (keyring_daemon == NULL)
            {
              g_test_skip ("gnome-keyring-daemon is not installed (Debian: gnome-keyring)");
              return;
            }
          hc_test_session_start_keyring (session, "login-keyring-test-password", &error);
          g_assert_no_error (error);
          keyring_file = g_strdup (hc_test_session_get_keyring_file (session));
        }
      break;

    case SETUP_NO_SOCKET:
      {
        g_autofree char *nowhere = g_build_filename (dir, "no-such-socket", NULL);
        g_autofree char *address = g_strconcat ("unix:path=", nowhere, NULL);

        env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      }
      break;

    case SETUP_NO_BUS:
      /* XDG_RUNTIME_DIR is the case's own, with no "bus" socket in it */
      break;

    case SETUP_DBUS_LAUNCH_FAILS:
      env = g_environ_setenv (env, "DISPLAY", ":65000", TRUE);
      break;

    default:
      g_assert_not_reached ();
    }

  /* HOME, XDG_*_HOME, XDG_RUNTIME_DIR and the private bus, if any */
  env = hc_test_session_update_environ (session, env);
  write_case_env (c, env);

  g_test_message ("case directory: %s", dir);
  g_test_trap_subprocess (NULL, CASE_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout_unmatched ("*" SECRET_MARK "*");
  g_test_trap_assert_stderr_unmatched ("*" SECRET_MARK "*");
  g_test_trap_assert_stderr_unmatched ("*CRITICAL*");
  g_test_trap_assert_stderr_unmatched ("*WARNING*");
  /* The case failed the way it meant to */
  if (c->raw_error != NULL)
    g_test_trap_assert_stdout (c->raw_error);

  /* Stop the daemons, then search every file they and the case left:
   * home, data and runtime directories, the daemon's log, and the
   * keyring files themselves, which must hold the secrets encrypted. */
  g_clear_pointer (&session, hc_test_session_free);
  if (c->leaves_secrets)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_nonnull (keyring_file);
      g_assert_true (g_file_get_contents (keyring_file, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 0);
    }

  hits = hc_test_find_in_tree (dir, SECRET_MARK, &n_files);
  for (guint i = 0; i < hits->len; i++)
    g_test_message ("a secret is in plain text in %s", (char *) hits->pdata[i]);
  g_assert_cmpuint (hits->len, ==, 0);
  g_test_message ("%u files searched", n_files);
  if (c->leaves_secrets || c->setup == SETUP_KEYRING)
    g_assert_cmpuint (n_files, >, 0);

  hc_test_remove_tree (dir);
}

/* In-process tests: no keyring involved */

static void
test_schema (void)
{
  const SecretSchema *schema = hc_secrets_get_schema ();
  const struct {
    const char               *name;
    SecretSchemaAttributeType type;
  } expected[] = {
    { "workspace", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "connector", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "version", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
  };

  g_assert_true (schema == hc_secrets_get_schema ());
  g_assert_cmpstr (schema->name, ==, "io.github.headcount.Credential");
  g_assert_cmpint (schema->flags, ==, SECRET_SCHEMA_DONT_MATCH_NAME);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (schema->attributes[i].name, ==, expected[i].name);
      g_assert_cmpint (schema->attributes[i].type, ==, expected[i].type);
    }
  g_assert_null (schema->attributes[G_N_ELEMENTS (expected)].name);
  g_assert_cmpint (HC_SECRETS_SCHEMA_VERSION, ==, 1);
}

static void
test_label (void)
{
  struct {
    const char *vendor, *kind, *workspace, *connector, *label;
  } cases[] = {
    { "Personio", HC_SECRET_KIND_API_KEY, "acme", "Paris HR",
      "Headcount: Personio API key (workspace “acme”, connector “Paris HR”)" },
    { "Workday", HC_SECRET_KIND_CLIENT_SECRET, "globex", "Global",
      "Headcount: Workday client secret (workspace “globex”, connector “Global”)" },
    { "BambooHR", HC_SECRET_KIND_PASSWORD, "café", "Équipe",
      "Headcount: BambooHR password (workspace “café”, connector “Équipe”)" },
    { "HiBob", "token", "acme", "Lyon",
      "Headcount: HiBob token (workspace “acme”, connector “Lyon”)" },
    { NULL, HC_SECRET_KIND_API_KEY, "acme", "3",
      "Headcount: API key (workspace “acme”, connector “3”)" },
    { "", HC_SECRET_KIND_API_KEY, "acme", "3",
      "Headcount: API key (workspace “acme”, connector “3”)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = hc_secrets_build_label (cases[i].vendor, cases[i].kind,
                                                       cases[i].workspace, cases[i].connector);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

typedef enum
{
  EXPECT_NO_KEYRING,
  EXPECT_LOCKED,
  EXPECT_CANCELLED,
  EXPECT_FAILED,
} Expect;

static void
assert_translated (const GError *raw,
                   Expect        expect)
{
  g_autoptr (GError) error = hc_secrets_translate_error (raw);

  g_test_message ("%s %d: %s", g_quark_to_string (raw->domain), raw->code, raw->message);
  switch (expect)
    {
    case EXPECT_NO_KEYRING:
      assert_no_keyring (error, NO_KEYRING_SENTENCE);
      break;
    case EXPECT_LOCKED:
      assert_no_keyring (error, LOCKED_SENTENCE);
      break;
    case EXPECT_CANCELLED:
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      break;
    case EXPECT_FAILED:
      g_assert_error (error, HC_ERROR, HC_ERROR_FAILED);
      g_assert_true (g_str_has_prefix (error->message, "The keyring could not be used: "));
      g_assert_null (strstr (error->message, "GDBus.Error"));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The raw errors seen for "no keyring" (rules.md 25: one plain sentence)
 * and their neighbours. */
static void
test_translate_error (void)
{
  struct {
    GQuark      (*domain) (void);
    int         code;
    const char *message;
    Expect      expect;
  } cases[] = {
    { g_dbus_error_quark, G_DBUS_ERROR_SERVICE_UNKNOWN,
      "The name org.freedesktop.secrets was not provided by any .service files", EXPECT_NO_KEYRING },
    { g_dbus_error_quark, G_DBUS_ERROR_NAME_HAS_NO_OWNER,
      "Could not get owner of name 'org.freedesktop.secrets': no such name", EXPECT_NO_KEYRING },
    { g_dbus_error_quark, G_DBUS_ERROR_NO_REPLY, "Timeout was reached", EXPECT_NO_KEYRING },
    { g_dbus_error_quark, G_DBUS_ERROR_SPAWN_CHILD_EXITED,
      "Process org.freedesktop.secrets exited with status 1", EXPECT_NO_KEYRING },
    { g_dbus_error_quark, G_DBUS_ERROR_ACCESS_DENIED,
      "org.freedesktop.secrets is not allowed here", EXPECT_NO_KEYRING },
    { g_io_error_quark, G_IO_ERROR_FAILED,
      "Cannot autolaunch D-Bus without X11 $DISPLAY", EXPECT_NO_KEYRING },
    { g_spawn_exit_error_quark, 1,
      "Error spawning command line “dbus-launch --autolaunch=0123 --binary-syntax --close-stderr”: "
      "Child process exited with code 1", EXPECT_NO_KEYRING },
    { g_spawn_error_quark, G_SPAWN_ERROR_NOENT,
      "Failed to execute child process “dbus-launch” (No such file or directory)", EXPECT_NO_KEYRING },
    { g_io_error_quark, G_IO_ERROR_FAILED,
      "Error spawning command line 'dbus-launch --autolaunch=0123 --binary-syntax --close-stderr': "
      "Child process exited with code 1", EXPECT_NO_KEYRING },
    { g_io_error_quark, G_IO_ERROR_NOT_FOUND,
      "Could not connect: No such file or directory", EXPECT_NO_KEYRING },
    { g_io_error_quark, G_IO_ERROR_CONNECTION_REFUSED,
      "Could not connect: Connection refused", EXPECT_NO_KEYRING },
    { g_io_error_quark, G_IO_ERROR_BROKEN_PIPE,
      "Underlying GIOStream returned 0 bytes on an async read", EXPECT_NO_KEYRING },
    { g_io_error_quark, G_IO_ERROR_FAILED,
      "Cannot determine session bus address (not implemented for this OS)", EXPECT_NO_KEYRING },
    { g_io_error_quark, G_IO_ERROR_FAILED,
      "Unable to load /var/lib/dbus/machine-id or /etc/machine-id: Failed to open file "
      "“/etc/machine-id”: No such file or directory", EXPECT_NO_KEYRING },
    { g_io_error_quark, G_IO_ERROR_INVALID_ARGUMENT,
      "master password is not retrievable", EXPECT_NO_KEYRING },
    { secret_error_get_quark, SECRET_ERROR_NO_SUCH_OBJECT,
      "No such secret collection at path: /org/freedesktop/secrets/aliases/default", EXPECT_NO_KEYRING },
    { secret_error_get_quark, SECRET_ERROR_IS_LOCKED,
      "Cannot create an item in a locked collection", EXPECT_LOCKED },
    { g_io_error_quark, G_IO_ERROR_FAILED,
      "Cannot create an item in a locked collection", EXPECT_LOCKED },
    { g_io_error_quark, G_IO_ERROR_CANCELLED, "Operation was cancelled", EXPECT_CANCELLED },
    { secret_error_get_quark, SECRET_ERROR_PROTOCOL,
      "Received invalid secret from the secret storage", EXPECT_FAILED },
    { g_io_error_quark, G_IO_ERROR_INVALID_DATA, "Invalid data", EXPECT_FAILED },
  };
  g_autoptr (GError) remote_locked = NULL;
  g_autoptr (GError) remote_other = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) raw = g_error_new_literal (cases[i].domain (), cases[i].code,
                                                    cases[i].message);

      assert_translated (raw, cases[i].expect);
    }

  /* As they arrive over D-Bus, before or after libsecret maps them */
  g_assert_cmpuint (SECRET_ERROR, !=, 0);  /* registers libsecret's D-Bus errors */
  remote_locked = g_dbus_error_new_for_dbus_error ("org.freedesktop.Secret.Error.IsLocked",
                                                   "Cannot create an item in a locked collection");
  assert_translated (remote_locked, EXPECT_LOCKED);
  remote_other = g_dbus_error_new_for_dbus_error ("org.example.Keyring.Error.Broken",
                                                  "Something broke");
  assert_translated (remote_other, EXPECT_FAILED);
}

/* The leak search would see a secret if one were there. */
static void
test_leak_search (void)
{
  g_autofree char *dir = g_build_filename (test_root, "leak-search", NULL);
  g_autofree char *nested = g_build_filename (dir, "a", "b", NULL);
  g_autofree char *text = g_build_filename (dir, "clean.txt", NULL);
  g_autofree char *binary = g_build_filename (nested, "dirty.bin", NULL);
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;
  const char dirty[] = "\0\0\x01" SECRET_MARK "x\0\xff";
  guint n_files = 0;

  g_assert_no_errno (g_mkdir_with_parents (nested, 0700));
  g_file_set_contents (text, "nothing to see", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (binary, dirty, sizeof dirty, &error);
  g_assert_no_error (error);

  hits = hc_test_find_in_tree (dir, SECRET_MARK, &n_files);
  g_assert_cmpuint (n_files, ==, 2);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (hits->pdata[0], ==, binary);

  hc_test_remove_tree (dir);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;

      test_root = g_dir_make_tmp ("hc-secrets-XXXXXX", &error);
      g_assert_no_error (error);
      /* For the subprocesses; no thread runs yet */
      g_setenv (ROOT_VARIABLE, test_root, TRUE);
    }

  g_test_add_func ("/secrets/schema", test_schema);
  g_test_add_func ("/secrets/label", test_label);
  g_test_add_func ("/secrets/translate-error", test_translate_error);
  g_test_add_func ("/secrets/leak-search", test_leak_search);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_case);

  status = g_test_run ();

  /* A failed case leaves its directory to look at */
  if (test_root != NULL)
    {
      if (status == 0)
        hc_test_remove_tree (test_root);
      g_free (test_root);
    }

  return status;
}
