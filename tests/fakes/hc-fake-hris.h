/* hc-fake-hris.h — what every fake HR server shares: a SoupServer on
 * 127.0.0.1 in a thread of its own, injected faults, a request log, and a
 * deterministic population of people to serve
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _HcFakeHris HcFakeHris;

/* Faults the server answers instead of calling the vendor handler. */
typedef enum
{
  HC_FAKE_FAULT_NONE,
  HC_FAKE_FAULT_UNAUTHORIZED,  /* 401 with a JSON error body */
  HC_FAKE_FAULT_RATE_LIMITED,  /* 429 with Retry-After (hc_fake_hris_set_retry_after) */
  HC_FAKE_FAULT_SERVER_ERROR,  /* 500 with a JSON error body */
  HC_FAKE_FAULT_BAD_GATEWAY,   /* 502, empty body */
  HC_FAKE_FAULT_TIMEOUT,       /* the request is read and never answered */
  HC_FAKE_FAULT_TRUNCATED,     /* 200, the handler's JSON cut in the middle */
  HC_FAKE_FAULT_NOT_JSON,      /* 200, an HTML sign-in page */
} HcFakeFault;

/*
 * Answers one request, in the server's thread. @path has no query;
 * @query is the decoded query (may be NULL); @body the request body (never
 * NULL, maybe empty). Reply with hc_fake_hris_reply_json() or by setting
 * the status yourself. Use g_assert* freely: a failed assertion aborts the
 * test binary, which is what a broken request should do.
 */
typedef void (*HcFakeHandler) (HcFakeHris        *fake,
                               SoupServerMessage *msg,
                               const char        *method,
                               const char        *path,
                               GHashTable        *query,
                               GBytes            *body,
                               gpointer           user_data);

/* Listens on 127.0.0.1, on a free port, and serves from a thread of its
 * own, so a test may block (a subprocess, a sync wait) while it answers.
 * @vendor names it in its log. */
HcFakeHris *hc_fake_hris_new            (const char     *vendor,
                                         HcFakeHandler   handler,
                                         gpointer        user_data,
                                         GDestroyNotify  destroy);
/* The same on a given port (0 for any), for the stand-alone fake. */
HcFakeHris *hc_fake_hris_new_on_port    (const char     *vendor,
                                         guint16         port,
                                         HcFakeHandler   handler,
                                         gpointer        user_data,
                                         GDestroyNotify  destroy);
void        hc_fake_hris_free           (HcFakeHris     *fake);

/* "http://127.0.0.1:PORT", no trailing slash. */
const char *hc_fake_hris_get_base_url   (HcFakeHris     *fake);
guint16     hc_fake_hris_get_port       (HcFakeHris     *fake);
/* The main context of the server's thread, for handlers that answer later. */
GMainContext *hc_fake_hris_get_context  (HcFakeHris     *fake);

/* The next @count requests (0: every request from now on) whose path
 * starts with @path_prefix (NULL: any path) get @fault. HC_FAKE_FAULT_NONE
 * clears it. */
void        hc_fake_hris_set_fault      (HcFakeHris     *fake,
                                         HcFakeFault     fault,
                                         const char     *path_prefix,
                                         guint           count);
/* The Retry-After value sent with 429 ("1" unless set; NULL sends none). */
void        hc_fake_hris_set_retry_after (HcFakeHris    *fake,
                                         const char     *value);

/* Requests received on @path (exact, no query), or in all when NULL,
 * faults included. */
guint       hc_fake_hris_count_requests (HcFakeHris     *fake,
                                         const char     *path);
/* A header of the last request (on any path), or NULL. (transfer full) */
char       *hc_fake_hris_dup_last_header (HcFakeHris    *fake,
                                         const char     *name);
/* Every request so far, one line each "METHOD /path?query", for tests that
 * check what was asked. (transfer full) */
char       *hc_fake_hris_dup_request_log (HcFakeHris    *fake);

/* Reply helpers, for handlers. */
void        hc_fake_hris_reply_json     (SoupServerMessage *msg,
                                         guint              status,
                                         const char        *json);
/* Serialises @node (not consumed). */
void        hc_fake_hris_reply_node     (SoupServerMessage *msg,
                                         guint              status,
                                         JsonNode          *node);

/*
 * People, vendor-neutral. Each vendor fake renders them in its own format.
 * Strings are owned by the person; NULL means absent (no e-mail, no
 * manager…). @status is one of "active", "onboarding", "leave", "inactive";
 * dates are "YYYY-MM-DD".
 */
typedef struct
{
  char     *id;
  char     *first_name;
  char     *last_name;
  char     *preferred_name;
  char     *email;
  char     *status;
  char     *position;
  char     *department;
  char     *team;
  char     *office;
  char     *manager_id;
  char     *hire_date;
  char     *end_date;
  char     *cost_center;
  gboolean  skip_sync;
  /* The company's own exclusion checkbox, which each fake names its own
   * way (BambooHR skip_elevo_sync, "Ne pas synchroniser avec Elevo"; HiBob
   * work.custom.field_1712 with that label; Lucca
   * extendedData.e_ne_pas_synchroniser). Never set by hc_fake_people_new(). */
  gboolean  vendor_skip;
} HcFakePerson;

HcFakePerson *hc_fake_person_new        (const char     *id,
                                         const char     *first_name,
                                         const char     *last_name,
                                         const char     *email);
HcFakePerson *hc_fake_person_copy       (const HcFakePerson *person);
void          hc_fake_person_free       (HcFakePerson   *person);

/*
 * @n people (n ≥ 1), the same every time: ids "1000"… in order; the first
 * is the CEO (no manager), every other reports to an earlier person, so the
 * chain ends at the CEO; accented names (Zoé Lefèvre, Jürgen Müller, Søren
 * Ørsted…); about one in 25 without e-mail; statuses mostly active, with
 * some onboarding, leave and inactive (inactive ones have an end date and
 * manage nobody); offices Paris, Lyon, London, Berlin; a few with
 * skip_sync set. (transfer full) of HcFakePerson*
 */
GPtrArray    *hc_fake_people_new        (guint           n);

/* The person with @id, or NULL. */
HcFakePerson *hc_fake_people_find       (GPtrArray      *people,
                                         const char     *id);

/* A deep copy of @people (NULL: none), owned by the fake that keeps it.
 * (transfer full) of HcFakePerson* */
GPtrArray    *hc_fake_people_copy       (GPtrArray      *people);

/* Parses @json (a test's typo fails here, not in the server thread) and
 * adds the node to @nodes (of JsonNode*) under @mutex. */
void          hc_fake_hris_add_json_node (GMutex        *mutex,
                                          GPtrArray     *nodes,
                                          const char    *json);

/* @value as the string member @name of @object, or null when NULL. */
void          hc_fake_json_set_string_or_null (JsonObject *object,
                                               const char *name,
                                               const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakeHris, hc_fake_hris_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakePerson, hc_fake_person_free)

G_END_DECLS
