/* hc-field-info.c — what an HR system says about one of its fields, and
 * the names an exclusion checkbox goes by; pure
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-field-info"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-field-info.h"

G_DEFINE_BOXED_TYPE (HcFieldInfo, hc_field_info, hc_field_info_copy, hc_field_info_free)

HcFieldInfo *
hc_field_info_new (const char  *name,
                   const char  *label,
                   HcFieldType type)
{
  HcFieldInfo *self = g_new0 (HcFieldInfo, 1);

  g_return_val_if_fail (name != NULL, NULL);

  self->name = g_strdup (name);
  self->label = label != NULL && *label != '\0' ? g_strdup (label) : NULL;
  self->type = type;
  return self;
}

HcFieldInfo *
hc_field_info_copy (const HcFieldInfo *self)
{
  HcFieldInfo *copy = hc_field_info_new (self->name, self->label, self->type);

  copy->from_metadata = self->from_metadata;
  return copy;
}

void
hc_field_info_free (HcFieldInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->label);
  g_free (self);
}

GPtrArray *
hc_field_info_copy_array (GPtrArray *fields)
{
  GPtrArray *copy;

  if (fields == NULL)
    return NULL;
  copy = g_ptr_array_new_full (fields->len, (GDestroyNotify) hc_field_info_free);
  for (guint i = 0; i < fields->len; i++)
    g_ptr_array_add (copy, hc_field_info_copy (g_ptr_array_index (fields, i)));
  return copy;
}

const char *
hc_field_type_to_string (HcFieldType type)
{
  switch (type)
    {
    case HC_FIELD_TYPE_TEXT:
      return "text";
    case HC_FIELD_TYPE_BOOLEAN:
      return "boolean";
    case HC_FIELD_TYPE_NUMBER:
      return "number";
    case HC_FIELD_TYPE_DATE:
      return "date";
    case HC_FIELD_TYPE_LIST:
      return "list";
    case HC_FIELD_TYPE_UNKNOWN:
    default:
      return "unknown";
    }
}

gboolean
hc_field_value_is_boolean (const char *value)
{
  static const char * const words[] = {
    "true", "false", "yes", "no", "oui", "non", "1", "0", NULL
  };
  g_autofree char *text = NULL;

  if (value == NULL)
    return FALSE;
  text = g_strstrip (g_ascii_strdown (value, -1));
  return g_strv_contains (words, text);
}

/* The default-name matcher */

/* Lower-case ASCII-folded words: "Ne pas synchroniser avec Élevo" →
 * ne pas synchroniser avec elevo; "customSkipSync" → custom skip sync;
 * "Don't sync" → don t sync. */
static GPtrArray *
split_words (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) word = g_string_new (NULL);
  gunichar previous = 0;

  if (decomposed == NULL)
    return words;

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* accents are dropped, "é" is "e" */
      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (!g_unichar_isalnum (c))
        {
          if (word->len > 0)
            g_ptr_array_add (words, g_string_free (g_steal_pointer (&word), FALSE));
          word = g_string_new (NULL);
          previous = 0;
          continue;
        }
      /* camelCase: a capital after a small letter starts a word */
      if (word->len > 0 && g_unichar_isupper (c) && g_unichar_islower (previous))
        {
          g_ptr_array_add (words, g_string_free (g_steal_pointer (&word), FALSE));
          word = g_string_new (NULL);
        }
      g_string_append_unichar (word, g_unichar_tolower (c));
      previous = c;
    }
  if (word->len > 0)
    g_ptr_array_add (words, g_string_free (g_steal_pointer (&word), FALSE));
  return words;
}

/* What comes before "sync" in a name that means "leave this person out",
 * in English and French. */
static const char * const negations[][3] = {
  { "skip", NULL },
  { "do", "not", NULL },
  { "don", "t", NULL },
  { "dont", NULL },
  { "no", NULL },
  { "exclude", NULL },
  { "excluded", NULL },
  { "opt", "out", NULL },
  { "ne", "pas", NULL },
  { "pas", "de", NULL },
  { "sans", NULL },
  { "exclure", NULL },
  { "exclu", NULL },
  { "exclus", NULL },
  { "exclue", NULL },
};

/* Words allowed between the negation and "sync": "skip directory sync",
 * "exclude from directory sync", "skip_elevo_sync". */
#define MAX_WORDS_BETWEEN 2

static gboolean
is_sync_word (const char *word)
{
  /* sync, synced, syncing, synchronize, synchroniser, synchronisation… */
  return g_str_has_prefix (word, "sync");
}

/* The number of words of the negation at @index, or 0. */
static guint
negation_at (GPtrArray *words,
             guint      index)
{
  for (guint i = 0; i < G_N_ELEMENTS (negations); i++)
    {
      guint n = 0;

      while (n < 3 && negations[i][n] != NULL &&
             index + n < words->len &&
             g_str_equal (g_ptr_array_index (words, index + n), negations[i][n]))
        n++;
      if (n > 0 && (n == 3 || negations[i][n] == NULL))
        return n;
    }
  return 0;
}

/* "skipsync", "nosync", "donotsync": the words run together. */
static gboolean
is_joined_exclusion (const char *word)
{
  static const char * const prefixes[] = { "skip", "nosync", "donot", "dont", "exclude", NULL };

  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (word, prefixes[i]))
      {
        const char *rest = word + strlen (prefixes[i]);

        if (g_str_equal (prefixes[i], "nosync") || is_sync_word (rest))
          return TRUE;
      }
  return FALSE;
}

gboolean
hc_field_info_is_exclusion_name (const char *text)
{
  g_autoptr (GPtrArray) words = NULL;

  if (text == NULL)
    return FALSE;

  words = split_words (text);
  for (guint i = 0; i < words->len; i++)
    {
      guint n = negation_at (words, i);

      if (is_joined_exclusion (g_ptr_array_index (words, i)))
        return TRUE;
      if (n == 0)
        continue;
      for (guint j = i + n; j < words->len && j <= i + n + MAX_WORDS_BETWEEN; j++)
        if (is_sync_word (g_ptr_array_index (words, j)))
          return TRUE;
    }
  return FALSE;
}

gboolean
hc_field_info_is_exclusion (const HcFieldInfo *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return hc_field_info_is_exclusion_name (self->name) ||
         hc_field_info_is_exclusion_name (self->label);
}

/* Describing the fields */

typedef struct
{
  HcFieldInfo *info;
  gboolean     seen_value;
  gboolean     all_boolean;
  gboolean     seen_word;       /* true, no, oui…: not only digits */
  gboolean     seen_0;
  gboolean     seen_1;
} Inferred;

static void
inferred_free (Inferred *inferred)
{
  hc_field_info_free (inferred->info);
  g_free (inferred);
}

/* Never "found": visits every field. */
static gboolean
infer_field_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  GHashTable *table = user_data;
  Inferred *inferred = g_hash_table_lookup (table, name);

  if (inferred == NULL)
    {
      inferred = g_new0 (Inferred, 1);
      inferred->info = hc_field_info_new (name, NULL, HC_FIELD_TYPE_UNKNOWN);
      inferred->all_boolean = TRUE;
      g_hash_table_insert (table, inferred->info->name, inferred);
    }
  if (value == NULL)
    return FALSE;
  inferred->seen_value = TRUE;
  if (!inferred->all_boolean)
    return FALSE;
  if (!hc_field_value_is_boolean (value))
    inferred->all_boolean = FALSE;
  else if (g_str_equal (value, "0"))
    inferred->seen_0 = TRUE;
  else if (g_str_equal (value, "1"))
    inferred->seen_1 = TRUE;
  else
    inferred->seen_word = TRUE;
  return FALSE;
}

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  const HcFieldInfo *fa = *(HcFieldInfo * const *) a;
  const HcFieldInfo *fb = *(HcFieldInfo * const *) b;

  return strcmp (fa->name, fb->name);
}

GPtrArray *
hc_field_info_describe (GPtrArray *metadata,
                        GPtrArray *employees)
{
  g_autoptr (GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) inferred_free);
  g_autoptr (GHashTable) label_slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; metadata != NULL && i < metadata->len; i++)
    {
      const HcFieldInfo *info = g_ptr_array_index (metadata, i);
      Inferred *inferred;

      if (g_hash_table_contains (table, info->name))
        continue;
      if (info->label != NULL)
        {
          char *slug = hc_connector_util_slugify (info->label);

          if (slug != NULL && !g_str_equal (slug, info->name))
            g_hash_table_add (label_slugs, slug);
          else
            g_free (slug);
        }
      inferred = g_new0 (Inferred, 1);
      inferred->info = hc_field_info_copy (info);
      inferred->info->from_metadata = TRUE;
      inferred->all_boolean = TRUE;
      g_hash_table_insert (table, inferred->info->name, inferred);
    }

  /* every field of every employee, without sorting each one's names */
  for (guint i = 0; employees != NULL && i < employees->len; i++)
    hc_employee_find_field (g_ptr_array_index (employees, i), infer_field_cb, table);

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Inferred *inferred = value;
      HcFieldInfo *info = g_steal_pointer (&inferred->info);

      /* a field the connector keys by its label's slug too is listed once,
       * under the API name the metadata gives */
      if (!info->from_metadata && g_hash_table_contains (label_slugs, info->name))
        {
          hc_field_info_free (info);
          continue;
        }
      /* the vendor's own type wins; a guess needs values, and digits alone
       * only when both 0 and 1 come (an id of 1 is no checkbox) */
      if (!info->from_metadata || info->type == HC_FIELD_TYPE_UNKNOWN)
        {
          if (inferred->seen_value)
            info->type = inferred->all_boolean &&
                         (inferred->seen_word || (inferred->seen_0 && inferred->seen_1))
                         ? HC_FIELD_TYPE_BOOLEAN : HC_FIELD_TYPE_TEXT;
        }
      g_ptr_array_add (fields, info);
    }
  g_ptr_array_sort (fields, compare_infos);
  return fields;
}

const HcFieldInfo *
hc_field_info_find (GPtrArray  *fields,
                    const char *name)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const HcFieldInfo *info = g_ptr_array_index (fields, i);

      if (g_str_equal (info->name, name))
        return info;
    }
  return NULL;
}

gboolean
hc_field_info_check_exclusion (const HcConfig *config,
                               GPtrArray      *fields,
                               const char     *vendor,
                               GError        **error)
{
  g_auto (GStrv) names = NULL;
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *list = NULL;

  g_return_val_if_fail (config != NULL, FALSE);

  if (config->exclude_field == NULL)
    return TRUE;

  names = g_strsplit (config->exclude_field, "|", -1);
  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0' && !g_str_equal (names[i], HC_CONFIG_EXCLUDE_AUTO) &&
        hc_field_info_find (fields, names[i]) == NULL)
      g_ptr_array_add (missing, names[i]);
  if (missing->len == 0)
    return TRUE;

  g_ptr_array_add (missing, NULL);
  /* Translators: joins the names of missing HR fields */
  list = g_strjoinv (_(", "), (char **) missing->pdata);
  g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
               g_dngettext (GETTEXT_PACKAGE,
                            "The exclusion checkbox “%s” is not a field of %s, so Headcount cannot tell who to leave out, and nobody was synced. Choose the exclusion checkbox again in the connector settings (Employees), or set it to automatic.",
                            "The exclusion checkboxes “%s” are not fields of %s, so Headcount cannot tell who to leave out, and nobody was synced. Choose the exclusion checkbox again in the connector settings (Employees), or set it to automatic.",
                            missing->len - 1),
               list, vendor);
  return FALSE;
}
