/* hc-fake-payfit.c — a fake PayFit: authorization server and collaborators
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-payfit"

#include <string.h>

#include "hc-fake-payfit.h"

typedef struct
{
  char *challenge;
  char *redirect_uri;
  char *client_id;
} Grant;

static void
grant_free (Grant *grant)
{
  g_free (grant->challenge);
  g_free (grant->redirect_uri);
  g_free (grant->client_id);
  g_free (grant);
}

struct _HcFakePayfit
{
  HcFakeHris *server;

  GMutex      mutex;
  /* protected by @mutex */
  GPtrArray  *people;         /* HcFakePerson* */
  GHashTable *codes;          /* code → Grant*, until used */
  guint       serial;
  char       *access_token;
  gint64      access_expires; /* monotonic µs */
  char       *refresh_token;
  guint       expires_in;
  guint       page_size;
  gboolean    deny;
  gboolean    refuse_refresh;
  gboolean    repeat_token;
  gboolean    empty_last_page;
  guint       n_code_grants;
  guint       n_refresh_grants;
  char       *last_challenge;
  char       *last_verifier;
};

static void
reply_message (SoupServerMessage *msg,
               guint              status,
               const char        *message)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "message", message);
  json_node_take_object (node, object);
  hc_fake_hris_reply_node (msg, status, node);
}

static void
reply_oauth_error (SoupServerMessage *msg,
                   const char        *error,
                   const char        *description)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "error", error);
  json_object_set_string_member (object, "error_description", description);
  json_node_take_object (node, object);
  hc_fake_hris_reply_node (msg, SOUP_STATUS_BAD_REQUEST, node);
}

static void
reply_page (SoupServerMessage *msg,
            guint              status,
            const char        *text)
{
  g_autofree char *page = g_strdup_printf ("<!DOCTYPE html><html><body><p>%s</p></body></html>", text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, page, strlen (page));
}

/* base64url(SHA-256(@verifier)), written here again rather than taken from
 * the code under test. */
static char *
s256 (const char *verifier)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar digest[32];
  gsize size = sizeof digest;
  char *text, *end;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &size);
  text = g_base64_encode (digest, size);
  if ((end = strchr (text, '=')) != NULL)
    *end = '\0';
  for (char *p = text; *p != '\0'; p++)
    *p = *p == '+' ? '-' : *p == '/' ? '_' : *p;
  return text;
}

static void
handle_authorize (HcFakePayfit      *fake,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  const char *response_type = query ? g_hash_table_lookup (query, "response_type") : NULL;
  const char *client_id = query ? g_hash_table_lookup (query, "client_id") : NULL;
  const char *redirect_uri = query ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *challenge = query ? g_hash_table_lookup (query, "code_challenge") : NULL;
  const char *method = query ? g_hash_table_lookup (query, "code_challenge_method") : NULL;
  g_autoptr (GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *code = NULL;
  g_autofree char *location = NULL;
  g_autofree char *encoded = NULL;

  if (g_strcmp0 (response_type, "code") != 0 || g_strcmp0 (client_id, HC_FAKE_PAYFIT_CLIENT_ID) != 0 ||
      redirect_uri == NULL || !g_str_has_prefix (redirect_uri, "http://127.0.0.1:") ||
      g_strcmp0 (method, "S256") != 0 || challenge == NULL || strlen (challenge) != 43 ||
      state == NULL || *state == '\0')
    {
      reply_page (msg, SOUP_STATUS_BAD_REQUEST, "Invalid authorization request");
      return;
    }

  g_mutex_lock (&fake->mutex);
  g_free (fake->last_challenge);
  fake->last_challenge = g_strdup (challenge);
  if (fake->deny)
    g_hash_table_insert (params, "error", "access_denied");
  else
    {
      Grant *grant = g_new0 (Grant, 1);

      code = g_strdup_printf ("code-%u-%08x", ++fake->serial, g_random_int ());
      grant->challenge = g_strdup (challenge);
      grant->redirect_uri = g_strdup (redirect_uri);
      grant->client_id = g_strdup (client_id);
      g_hash_table_insert (fake->codes, g_strdup (code), grant);
      g_hash_table_insert (params, "code", code);
    }
  g_mutex_unlock (&fake->mutex);

  g_hash_table_insert (params, "state", (char *) state);
  encoded = soup_form_encode_hash (params);
  location = g_strconcat (redirect_uri, "?", encoded, NULL);
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

/* Called with the lock held. */
static void
issue_tokens (HcFakePayfit      *fake,
              SoupServerMessage *msg)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  guint n = ++fake->serial;

  g_free (fake->access_token);
  fake->access_token = g_strdup_printf (HC_FAKE_PAYFIT_TOKEN_PREFIX "access-%u-not-real", n);
  fake->access_expires = g_get_monotonic_time () + (gint64) fake->expires_in * G_USEC_PER_SEC;
  g_free (fake->refresh_token);
  fake->refresh_token = g_strdup_printf (HC_FAKE_PAYFIT_TOKEN_PREFIX "refresh-%u-not-real", n);

  json_object_set_string_member (object, "access_token", fake->access_token);
  json_object_set_string_member (object, "token_type", "bearer");
  json_object_set_int_member (object, "expires_in", fake->expires_in);
  json_object_set_string_member (object, "refresh_token", fake->refresh_token);
  json_object_set_string_member (object, "scope", "collaborators:read collaborators:contracts:read");
  json_node_take_object (node, object);
  hc_fake_hris_reply_node (msg, SOUP_STATUS_OK, node);
}

static void
handle_token (HcFakePayfit      *fake,
              SoupServerMessage *msg,
              GBytes            *body)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr (GHashTable) form = soup_form_decode (text);
  const char *grant_type = g_hash_table_lookup (form, "grant_type");

  g_mutex_lock (&fake->mutex);
  if (g_strcmp0 (grant_type, "authorization_code") == 0)
    {
      const char *code = g_hash_table_lookup (form, "code");
      const char *verifier = g_hash_table_lookup (form, "code_verifier");
      Grant *grant = code ? g_hash_table_lookup (fake->codes, code) : NULL;
      g_autofree char *challenge = verifier ? s256 (verifier) : NULL;

      if (grant == NULL)
        reply_oauth_error (msg, "invalid_grant", "Unknown or used code");
      else if (g_strcmp0 (g_hash_table_lookup (form, "redirect_uri"), grant->redirect_uri) != 0 ||
               g_strcmp0 (g_hash_table_lookup (form, "client_id"), grant->client_id) != 0)
        reply_oauth_error (msg, "invalid_grant", "redirect_uri or client_id differ");
      else if (challenge == NULL || !g_str_equal (challenge, grant->challenge))
        reply_oauth_error (msg, "invalid_grant", "PKCE verification failed");
      else
        {
          g_free (fake->last_verifier);
          fake->last_verifier = g_strdup (verifier);
          fake->n_code_grants++;
          issue_tokens (fake, msg);
        }
      /* A code is good once, whatever happened. */
      if (code != NULL)
        g_hash_table_remove (fake->codes, code);
    }
  else if (g_strcmp0 (grant_type, "refresh_token") == 0)
    {
      const char *refresh = g_hash_table_lookup (form, "refresh_token");

      if (fake->refuse_refresh || fake->refresh_token == NULL || g_strcmp0 (refresh, fake->refresh_token) != 0)
        reply_oauth_error (msg, "invalid_grant", "The refresh token is invalid or revoked");
      else
        {
          fake->n_refresh_grants++;
          issue_tokens (fake, msg);
        }
    }
  else
    reply_oauth_error (msg, "unsupported_grant_type", "Unsupported grant_type");
  g_mutex_unlock (&fake->mutex);
}

/* Called with the lock held. */
static gboolean
bearer_is_valid (HcFakePayfit      *fake,
                 SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  if (fake->access_token == NULL || authorization == NULL ||
      !g_str_has_prefix (authorization, "Bearer ") ||
      !g_str_equal (authorization + strlen ("Bearer "), fake->access_token) ||
      g_get_monotonic_time () > fake->access_expires)
    {
      /* Quotes what came, on purpose: a connector must never pass it on. */
      g_autofree char *message = g_strdup_printf ("Invalid or expired token '%s'", authorization ? authorization : "");

      reply_message (msg, SOUP_STATUS_UNAUTHORIZED, message);
      return FALSE;
    }
  return TRUE;
}

static void
handle_introspect (HcFakePayfit      *fake,
                   SoupServerMessage *msg)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_node_take_object (node, object);
  g_mutex_lock (&fake->mutex);
  if (bearer_is_valid (fake, msg))
    {
      json_object_set_boolean_member (object, "active", TRUE);
      json_object_set_string_member (object, "scope", "collaborators:read collaborators:contracts:read");
      json_object_set_string_member (object, "client_id", HC_FAKE_PAYFIT_CLIENT_ID);
      json_object_set_string_member (object, "company_id", HC_FAKE_PAYFIT_COMPANY_ID);
      json_object_set_string_member (object, "token_type", "bearer");
      hc_fake_hris_reply_node (msg, SOUP_STATUS_OK, node);
    }
  g_mutex_unlock (&fake->mutex);
}

static const char *
contract_status (const HcFakePerson *person)
{
  if (g_strcmp0 (person->status, "inactive") == 0)
    return "ended";
  if (g_strcmp0 (person->status, "onboarding") == 0)
    return "upcoming";
  return "active";
}

static JsonNode *
render_collaborator (const HcFakePerson *person,
                     guint               index)
{
  JsonObject *c = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *emails = json_array_new ();
  JsonObject *personal = json_object_new ();
  JsonObject *contract = json_object_new ();
  g_autofree char *matricule = g_strdup_printf ("%05u", index + 1);
  g_autofree char *personal_email = g_strdup_printf ("%s@personal.example", person->id);
  g_autofree char *contract_id = g_strconcat ("contract-", person->id, NULL);

  json_object_set_string_member (c, "id", person->id);
  json_object_set_string_member (c, "matricule", matricule);
  hc_fake_json_set_string_or_null (c, "firstName", person->first_name);
  hc_fake_json_set_string_or_null (c, "lastName", person->last_name);
  hc_fake_json_set_string_or_null (c, "preferredName", person->preferred_name);
  json_object_set_string_member (personal, "type", "personal");
  json_object_set_string_member (personal, "email", personal_email);
  json_array_add_object_element (emails, personal);
  if (person->email != NULL)
    {
      JsonObject *work = json_object_new ();

      json_object_set_string_member (work, "type", "professional");
      json_object_set_string_member (work, "email", person->email);
      json_array_add_object_element (emails, work);
    }
  json_object_set_array_member (c, "emails", emails);
  hc_fake_json_set_string_or_null (c, "jobTitle", person->position);
  hc_fake_json_set_string_or_null (c, "departmentName", person->department);
  hc_fake_json_set_string_or_null (c, "teamName", person->team);
  hc_fake_json_set_string_or_null (c, "establishmentName", person->office);
  hc_fake_json_set_string_or_null (c, "managerId", person->manager_id);
  json_object_set_boolean_member (c, "isOnLeave", g_strcmp0 (person->status, "leave") == 0);
  json_object_set_string_member (contract, "id", contract_id);
  hc_fake_json_set_string_or_null (contract, "startDate", person->hire_date);
  hc_fake_json_set_string_or_null (contract, "endDate", person->end_date);
  json_object_set_string_member (contract, "status", contract_status (person));
  json_object_set_object_member (c, "contract", contract);

  json_node_take_object (node, c);
  return node;
}

static char *
token_for (guint64 offset)
{
  g_autofree char *text = g_strdup_printf ("after=%" G_GUINT64_FORMAT, offset);

  return g_base64_encode ((const guchar *) text, strlen (text));
}

static gboolean
offset_of (const char *token,
           guint64    *offset)
{
  gsize length = 0;
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;

  if (token == NULL)
    {
      *offset = 0;
      return TRUE;
    }
  decoded = g_base64_decode (token, &length);
  text = g_strndup ((const char *) decoded, length);
  return g_str_has_prefix (text, "after=") &&
         g_ascii_string_to_unsigned (text + 6, 10, 0, G_MAXUINT32, offset, NULL);
}

static void
handle_collaborators (HcFakePayfit      *fake,
                      SoupServerMessage *msg,
                      GHashTable        *query)
{
  const char *token = query ? g_hash_table_lookup (query, "nextPageToken") : NULL;
  const char *size_text = query ? g_hash_table_lookup (query, "maxResults") : NULL;
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *meta = json_object_new ();
  JsonArray *items = json_array_new ();
  guint64 offset, size, n_total;
  gboolean more;

  json_node_take_object (root, object);
  json_object_set_array_member (object, "collaborators", items);
  json_object_set_object_member (object, "meta", meta);

  g_mutex_lock (&fake->mutex);
  if (!bearer_is_valid (fake, msg))
    {
      g_mutex_unlock (&fake->mutex);
      return;
    }
  size = fake->page_size;
  if ((size_text != NULL && !g_ascii_string_to_unsigned (size_text, 10, 1, HC_FAKE_PAYFIT_MAX_PAGE_SIZE, &size, NULL)) ||
      !offset_of (token, &offset))
    {
      g_mutex_unlock (&fake->mutex);
      reply_message (msg, SOUP_STATUS_BAD_REQUEST, "Invalid maxResults or nextPageToken");
      return;
    }
  n_total = fake->people->len;
  for (guint64 k = offset; k < MIN (offset + size, n_total); k++)
    json_array_add_element (items, render_collaborator (g_ptr_array_index (fake->people, k), k));
  more = offset + size < n_total || (fake->empty_last_page && offset + size == n_total);
  if (more)
    {
      g_autofree char *next = token_for (fake->repeat_token && offset > 0 ? size : offset + size);

      json_object_set_string_member (meta, "nextPageToken", next);
    }
  else
    json_object_set_null_member (meta, "nextPageToken");
  g_mutex_unlock (&fake->mutex);

  hc_fake_hris_reply_node (msg, SOUP_STATUS_OK, root);
}

static void
handler_cb (HcFakeHris        *server,
            SoupServerMessage *msg,
            const char        *method,
            const char        *path,
            GHashTable        *query,
            GBytes            *body,
            gpointer           user_data)
{
  HcFakePayfit *fake = user_data;

  if (g_str_equal (path, HC_FAKE_PAYFIT_AUTHORIZE_PATH) && g_str_equal (method, "GET"))
    handle_authorize (fake, msg, query);
  else if (g_str_equal (path, HC_FAKE_PAYFIT_TOKEN_PATH) && g_str_equal (method, "POST"))
    handle_token (fake, msg, body);
  else if (g_str_equal (path, HC_FAKE_PAYFIT_INTROSPECT_PATH) && g_str_equal (method, "POST"))
    handle_introspect (fake, msg);
  else if (g_str_equal (path, HC_FAKE_PAYFIT_PEOPLE_PATH) && g_str_equal (method, "GET"))
    handle_collaborators (fake, msg, query);
  else
    reply_message (msg, SOUP_STATUS_NOT_FOUND, "Not found");
}

HcFakePayfit *
hc_fake_payfit_new (GPtrArray *people)
{
  HcFakePayfit *fake = g_new0 (HcFakePayfit, 1);

  g_mutex_init (&fake->mutex);
  fake->people = hc_fake_people_copy (people);
  fake->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) grant_free);
  fake->expires_in = 3600;
  fake->page_size = HC_FAKE_PAYFIT_MAX_PAGE_SIZE;
  fake->server = hc_fake_hris_new ("PayFit", handler_cb, fake, NULL);
  return fake;
}

void
hc_fake_payfit_free (HcFakePayfit *fake)
{
  if (fake == NULL)
    return;
  hc_fake_hris_free (fake->server);
  g_ptr_array_unref (fake->people);
  g_hash_table_unref (fake->codes);
  g_free (fake->access_token);
  g_free (fake->refresh_token);
  g_free (fake->last_challenge);
  g_free (fake->last_verifier);
  g_mutex_clear (&fake->mutex);
  g_free (fake);
}

HcFakeHris *
hc_fake_payfit_get_server (HcFakePayfit *fake)
{
  return fake->server;
}

const char *
hc_fake_payfit_get_base_url (HcFakePayfit *fake)
{
  return hc_fake_hris_get_base_url (fake->server);
}

char *
hc_fake_payfit_dup_authorize_url (HcFakePayfit *fake)
{
  return g_strconcat (hc_fake_hris_get_base_url (fake->server), HC_FAKE_PAYFIT_AUTHORIZE_PATH, NULL);
}

char *
hc_fake_payfit_dup_token_url (HcFakePayfit *fake)
{
  return g_strconcat (hc_fake_hris_get_base_url (fake->server), HC_FAKE_PAYFIT_TOKEN_PATH, NULL);
}

#define SETTER(name, type, member) \
  void \
  hc_fake_payfit_set_ ## name (HcFakePayfit * fake, \
                               type value) \
  { \
    g_mutex_lock (&fake->mutex); \
    fake->member = value; \
    g_mutex_unlock (&fake->mutex); \
  }

SETTER (deny, gboolean, deny)
SETTER (expires_in, guint, expires_in)
SETTER (refuse_refresh, gboolean, refuse_refresh)
SETTER (page_size, guint, page_size)
SETTER (repeat_token, gboolean, repeat_token)
SETTER (empty_last_page, gboolean, empty_last_page)

guint
hc_fake_payfit_count_grants (HcFakePayfit *fake,
                             const char   *grant_type)
{
  guint n;

  g_mutex_lock (&fake->mutex);
  n = g_str_equal (grant_type, "refresh_token") ? fake->n_refresh_grants : fake->n_code_grants;
  g_mutex_unlock (&fake->mutex);
  return n;
}

static char *
dup_locked (HcFakePayfit *fake,
            char        **member)
{
  char *copy;

  g_mutex_lock (&fake->mutex);
  copy = g_strdup (*member);
  g_mutex_unlock (&fake->mutex);
  return copy;
}

char *
hc_fake_payfit_dup_last_challenge (HcFakePayfit *fake)
{
  return dup_locked (fake, &fake->last_challenge);
}

char *
hc_fake_payfit_dup_last_verifier (HcFakePayfit *fake)
{
  return dup_locked (fake, &fake->last_verifier);
}

char *
hc_fake_payfit_dup_access_token (HcFakePayfit *fake)
{
  return dup_locked (fake, &fake->access_token);
}

char *
hc_fake_payfit_dup_refresh_token (HcFakePayfit *fake)
{
  return dup_locked (fake, &fake->refresh_token);
}
