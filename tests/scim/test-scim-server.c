/* test-scim-server.c — the SCIM test service itself: SCIMMY answers as a
 * SCIM 2.0 service, and the hooks the destination tests rely on work
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "hc-scim-server.h"

#define TOKEN "scim-test-TOKEN-31337"

#define USER_JSON(name, external) \
  "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]," \
  "\"userName\":\"" name "\",\"externalId\":\"" external "\"," \
  "\"emails\":[{\"value\":\"" name "\",\"primary\":true}]}"

static HcScimServer *
get_server (void)
{
  return hc_scim_server_get_for_test (HC_SCIM_MODE, HC_SCIM_SKIP_REASON, TOKEN);
}

static void
control (HcScimServer *server,
         const char   *path,
         const char   *body)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer = hc_scim_server_control (server, "POST", path, body, &error);

  g_assert_no_error (error);
}

static JsonObject *
request (HcScimServer *server,
         const char   *method,
         const char   *path,
         const char   *body,
         guint         expected_status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) answer = NULL;
  guint status = 0;

  answer = hc_scim_server_request (server, method, path, body, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, expected_status);
  if (!JSON_NODE_HOLDS_OBJECT (answer))
    return NULL;
  return json_object_ref (json_node_get_object (answer));
}

/* The discovery endpoints a client reads to learn what the service does. */
static void
test_discovery (void)
{
  HcScimServer *server = get_server ();
  g_autoptr (JsonObject) config = NULL;
  g_autoptr (JsonObject) schemas = NULL;
  g_autoptr (JsonObject) types = NULL;

  if (server == NULL)
    return;

  config = request (server, "GET", "/ServiceProviderConfig", NULL, 200);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (config, "patch"), "supported"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (config, "filter"), "supported"));
  schemas = request (server, "GET", "/Schemas", NULL, 200);
  g_assert_cmpint (json_object_get_int_member (schemas, "totalResults"), >=, 3);
  types = request (server, "GET", "/ResourceTypes", NULL, 200);
  g_assert_cmpint (json_object_get_int_member (types, "totalResults"), ==, 2);

  /* Without the token: 401. */
  {
    g_autoptr (SoupSession) session = soup_session_new ();
    g_autofree char *url = g_strconcat (hc_scim_server_get_base_url (server), "/Users", NULL);
    g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr (GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

    g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  }
}

/* Users are stored, filtered, unique by userName; writes are counted. */
static void
test_users (void)
{
  HcScimServer *server = get_server ();
  g_autoptr (JsonObject) created = NULL;
  g_autoptr (JsonObject) found = NULL;
  g_autoptr (JsonObject) conflict = NULL;
  g_autofree char *log = NULL;

  if (server == NULL)
    return;

  created = request (server, "POST", "/Users", USER_JSON ("ada@example.org", "E1"), 201);
  g_assert_nonnull (json_object_get_string_member (created, "id"));
  found = request (server, "GET", "/Users?filter=externalId%20eq%20%22E1%22", NULL, 200);
  g_assert_cmpint (json_object_get_int_member (found, "totalResults"), ==, 1);
  conflict = request (server, "POST", "/Users", USER_JSON ("ADA@example.org", "E2"), 409);
  g_assert_cmpstr (json_object_get_string_member (conflict, "scimType"), ==, "uniqueness");

  g_assert_cmpuint (hc_scim_server_count_writes (server, &log), ==, 2);
  g_assert_cmpstr (log, ==, "POST /Users; GET /Users; POST /Users");
}

/* The hooks: a user rejected with 400 and a scimType, 429 with Retry-After. */
static void
test_hooks (void)
{
  HcScimServer *server = get_server ();
  g_autoptr (JsonObject) rejected = NULL;
  g_autoptr (JsonObject) after = NULL;

  if (server == NULL)
    return;

  control (server, "/reject",
           "{\"userName\":\"bad@example.org\",\"status\":400,\"scimType\":\"invalidValue\",\"detail\":\"No such department\"}");
  rejected = request (server, "POST", "/Users", USER_JSON ("bad@example.org", "E3"), 400);
  g_assert_cmpstr (json_object_get_string_member (rejected, "scimType"), ==, "invalidValue");
  g_assert_cmpstr (json_object_get_string_member (rejected, "detail"), ==, "No such department");

  control (server, "/throttle", "{\"count\":1,\"retryAfter\":2}");
  {
    g_autoptr (SoupSession) session = soup_session_new ();
    g_autofree char *url = g_strconcat (hc_scim_server_get_base_url (server), "/Users", NULL);
    g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr (GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

    g_assert_cmpuint (soup_message_get_status (msg), ==, 429);
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"), ==, "2");
  }
  /* Only the next request. */
  after = request (server, "GET", "/Users", NULL, 200);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scim-server/discovery", test_discovery);
  g_test_add_func ("/scim-server/users", test_users);
  g_test_add_func ("/scim-server/hooks", test_hooks);

  status = g_test_run ();
  hc_scim_server_stop_for_test ();
  return status;
}
