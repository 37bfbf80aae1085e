/* hc-fake-roster.h — what the paged fakes share: the people they serve,
 * the raw records a test adds after them, a body that replaces every
 * page, and pages cut by offset or by an opaque cursor
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/*
 * HcFakeRoster:
 * @mutex: guards the rest; the server thread reads while tests write
 * @people: HcFakePerson*, deep copies
 * @by_id: id → HcFakePerson*, borrowed from @people
 * @raw: JsonNode*, served as they are after @people
 * @body: when set, the whole answer to every authorised list request
 *
 * Embedded in a fake, with hc_fake_roster_init() and
 * hc_fake_roster_clear().
 */
typedef struct
{
  GMutex      mutex;
  GPtrArray  *people;
  GHashTable *by_id;
  GPtrArray  *raw;
  char       *body;
} HcFakeRoster;

void      hc_fake_roster_init         (HcFakeRoster *roster,
                                       GPtrArray    *people);
/* Call after the server has stopped. */
void      hc_fake_roster_clear        (HcFakeRoster *roster);

/* Replaces the people with copies of @people; called with the lock held,
 * or before the server starts. */
void      hc_fake_roster_replace_locked (HcFakeRoster *roster,
                                         GPtrArray    *people);
/* The same, taking the lock. */
void      hc_fake_roster_set_people   (HcFakeRoster *roster,
                                       GPtrArray    *people);
/* Parses @json (a typo fails in the test) and serves it after the people. */
void      hc_fake_roster_add_raw      (HcFakeRoster *roster,
                                       const char   *json);
/* Every list request answers 200 with @json; NULL goes back to normal. */
void      hc_fake_roster_set_body     (HcFakeRoster *roster,
                                       const char   *json);

/* The person with @id, or NULL; with the lock held. */
HcFakePerson *hc_fake_roster_find     (HcFakeRoster *roster,
                                       const char   *id);

/* Renders the person at @index of the list. */
typedef JsonNode *(*HcFakeRenderFunc) (const HcFakePerson *person,
                                       guint64             index,
                                       gpointer            user_data);

/* With the lock held: when a body is set, answers it and returns TRUE. */
gboolean  hc_fake_roster_reply_body   (HcFakeRoster      *roster,
                                       SoupServerMessage *msg);

/* With the lock held: appends to @items the records from @offset, at most
 * @limit of them, people (through @render) then raw records; returns how
 * many records there are in all. */
guint64   hc_fake_roster_fill_page    (HcFakeRoster     *roster,
                                       JsonArray        *items,
                                       guint64           offset,
                                       guint64           limit,
                                       HcFakeRenderFunc  render,
                                       gpointer          user_data);

/* The query parameter @name as a number from @min to @max; @fallback when
 * it is absent. FALSE when it is there but not such a number. */
gboolean  hc_fake_query_number        (GHashTable *query,
                                       const char *name,
                                       guint64     fallback,
                                       guint64     min,
                                       guint64     max,
                                       guint64    *value);

/* An opaque cursor for the page that starts at @offset (base64, as the
 * vendors' cursors look), and back. A NULL cursor is offset 0; anything
 * this fake did not make is FALSE. */
char     *hc_fake_cursor_for          (guint64     offset);
gboolean  hc_fake_cursor_offset       (const char *cursor,
                                       guint64    *offset);

G_END_DECLS
