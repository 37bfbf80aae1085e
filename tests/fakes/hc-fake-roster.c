/* hc-fake-roster.c — the people of a paged fake and its pages
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-fake-roster"

#include <string.h>

#include "hc-fake-roster.h"

void
hc_fake_roster_init (HcFakeRoster *roster,
                     GPtrArray    *people)
{
  memset (roster, 0, sizeof *roster);
  g_mutex_init (&roster->mutex);
  roster->raw = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  hc_fake_roster_replace_locked (roster, people);
}

void
hc_fake_roster_clear (HcFakeRoster *roster)
{
  g_clear_pointer (&roster->by_id, g_hash_table_unref);
  g_clear_pointer (&roster->people, g_ptr_array_unref);
  g_clear_pointer (&roster->raw, g_ptr_array_unref);
  g_clear_pointer (&roster->body, g_free);
  g_mutex_clear (&roster->mutex);
}

void
hc_fake_roster_replace_locked (HcFakeRoster *roster,
                               GPtrArray    *people)
{
  g_clear_pointer (&roster->by_id, g_hash_table_unref);
  g_clear_pointer (&roster->people, g_ptr_array_unref);
  roster->people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);
  roster->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      HcFakePerson *person = hc_fake_person_copy (g_ptr_array_index (people, i));

      g_ptr_array_add (roster->people, person);
      if (person->id != NULL)
        g_hash_table_insert (roster->by_id, person->id, person);
    }
}

void
hc_fake_roster_set_people (HcFakeRoster *roster,
                           GPtrArray    *people)
{
  g_mutex_lock (&roster->mutex);
  hc_fake_roster_replace_locked (roster, people);
  g_mutex_unlock (&roster->mutex);
}

void
hc_fake_roster_add_raw (HcFakeRoster *roster,
                        const char   *json)
{
  hc_fake_hris_add_json_node (&roster->mutex, roster->raw, json);
}

void
hc_fake_roster_set_body (HcFakeRoster *roster,
                         const char   *json)
{
  g_mutex_lock (&roster->mutex);
  g_free (roster->body);
  roster->body = g_strdup (json);
  g_mutex_unlock (&roster->mutex);
}

HcFakePerson *
hc_fake_roster_find (HcFakeRoster *roster,
                     const char   *id)
{
  return id != NULL ? g_hash_table_lookup (roster->by_id, id) : NULL;
}

gboolean
hc_fake_roster_reply_body (HcFakeRoster      *roster,
                           SoupServerMessage *msg)
{
  if (roster->body == NULL)
    return FALSE;
  hc_fake_hris_reply_json (msg, SOUP_STATUS_OK, roster->body);
  return TRUE;
}

guint64
hc_fake_roster_fill_page (HcFakeRoster    *roster,
                          JsonArray       *items,
                          guint64          offset,
                          guint64          limit,
                          HcFakeRenderFunc render,
                          gpointer         user_data)
{
  guint64 n_total = roster->people->len + roster->raw->len;

  for (guint64 k = offset; k < MIN (offset + limit, n_total); k++)
    {
      if (k < roster->people->len)
        json_array_add_element (items, render (g_ptr_array_index (roster->people, k), k, user_data));
      else
        json_array_add_element (items, json_node_copy (g_ptr_array_index (roster->raw, k - roster->people->len)));
    }
  return n_total;
}

gboolean
hc_fake_query_number (GHashTable *query,
                      const char *name,
                      guint64     fallback,
                      guint64     min,
                      guint64     max,
                      guint64    *value)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  return g_ascii_string_to_unsigned (text, 10, min, max, value, NULL);
}

char *
hc_fake_cursor_for (guint64 offset)
{
  g_autofree char *text = g_strdup_printf ("o=%" G_GUINT64_FORMAT, offset);

  return g_base64_encode ((const guchar *) text, strlen (text));
}

gboolean
hc_fake_cursor_offset (const char *cursor,
                       guint64    *offset)
{
  gsize length = 0;
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;

  if (cursor == NULL)
    {
      *offset = 0;
      return TRUE;
    }
  decoded = g_base64_decode (cursor, &length);
  text = g_strndup ((const char *) decoded, length);
  return g_str_has_prefix (text, "o=") &&
         g_ascii_string_to_unsigned (text + 2, 10, 0, G_MAXUINT32, offset, NULL);
}
