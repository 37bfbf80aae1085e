/* hc-personio-connector.c — employees from Personio, API v1 (Personnel Data)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-personio-connector"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-gstring.h"
#include "hc-http.h"
#include "hc-personio-connector.h"
#include "hc-simdjson.h"

/* A brand: not translated. */
#define VENDOR_NAME     "Personio"
#define AUTH_PATH       "/auth"
#define EMPLOYEES_PATH  "/company/employees"
#define MAX_FLAT_DEPTH  16
#define MAX_TOKEN_CHARS 8192
/* Pages asked at once once the list has proved to be in full pages: the
 * server prepares the next ones while this side decodes. The window moves
 * when its first page is decoded, and decoding a page takes longer than
 * receiving it: with four, the two connections libsoup keeps to a host
 * stood idle while the parses caught up. Eight keep them busy (about
 * 2 MB of answers waiting at most); the server still sees two requests
 * at a time. */
#define PAGES_IN_FLIGHT 8
/* Strings as they are; "37.5", "3000", "0.1": the shortest text that reads
 * back the same. */
#define PERSONIO_TEXT   (HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_ROUND_TRIP | \
                         HC_JSON_TEXT_DOUBLE_WHOLE)

struct _HcPersonioConnector
{
  GObject    parent_instance;

  char      *base_url;
  char      *client_id;
  char      *secret;
  GPtrArray *metadata;    /* HcFieldInfo*, from the last fetch's attributes */
};

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcPersonioConnector, hc_personio_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

static void
hc_personio_connector_finalize (GObject *object)
{
  HcPersonioConnector *self = HC_PERSONIO_CONNECTOR (object);

  hc_connector_util_clear_secret (&self->secret);
  g_free (self->client_id);
  g_free (self->base_url);
  g_clear_pointer (&self->metadata, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_personio_connector_parent_class)->finalize (object);
}

static void
hc_personio_connector_class_init (HcPersonioConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_personio_connector_finalize;
}

static void
hc_personio_connector_init (HcPersonioConnector *self)
{
}

HcConnector *
hc_personio_connector_new (const char *base_url,
                           const char *subdomain,
                           const char *client_id,
                           const char *secret,
                           GError    **error)
{
  g_autoptr (HcPersonioConnector) self = NULL;
  g_autoptr (HcHttp) probe = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *url = hc_connector_util_dup_setting (base_url);
  g_autofree char *id = hc_connector_util_dup_setting (client_id);
  g_autofree char *key = hc_connector_util_dup_setting (secret);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* @subdomain: Personio has one API host for every company. */

  if (id == NULL)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Personio needs the client ID of its API credentials (--client-id), from Settings → Integrations → API credentials in Personio."));
      hc_connector_util_wipe (key);
      return NULL;
    }
  if (key == NULL)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                           _("Personio needs the client secret of its API credentials (--secret-stdin), shown when the credentials are created in Personio."));
      return NULL;
    }

  if (url == NULL)
    url = g_strdup (HC_PERSONIO_DEFAULT_BASE_URL);
  /* The same checks every request will pass through, now, so that a bad
   * address is reported when the connector is set up. */
  probe = hc_http_new (VENDOR_NAME, url, &local_error);
  if (probe == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG,
                   _("%s (Personio base URL: --base-url, for example %s)"),
                   local_error->message, HC_PERSONIO_DEFAULT_BASE_URL);
      hc_connector_util_wipe (key);
      return NULL;
    }

  self = g_object_new (HC_TYPE_PERSONIO_CONNECTOR, NULL);
  self->base_url = g_strdup (hc_http_get_base_url (probe));
  self->client_id = g_steal_pointer (&id);
  self->secret = g_steal_pointer (&key);
  return HC_CONNECTOR (g_steal_pointer (&self));
}

/* Reading JSON, with checked access only: pages are decoded with
 * simdjson (hc-simdjson.h) in a worker thread. */

/* An attribute is {label, value, type, universal_id}: its value. Anything
 * else stands for itself. */
static HcSjValue
attribute_value (HcSjValue attribute)
{
  HcSjValue value;

  if (hc_sj_type (attribute) != HC_SJ_OBJECT)
    return attribute;
  value = hc_sj_member (attribute, "value");
  return hc_sj_type (value) != HC_SJ_MISSING ? value : attribute;
}

static gboolean
has_member (HcSjValue   object,
            const char *name)
{
  return hc_sj_type (hc_sj_member (object, name)) != HC_SJ_MISSING;
}

static gboolean
is_attribute_object (HcSjValue object)
{
  return has_member (object, "value") &&
         (has_member (object, "label") || has_member (object, "universal_id"));
}

/* A string, a number or a boolean (json-glib's "value" nodes). */
static gboolean
is_scalar (HcSjValue value)
{
  HcSjType type = hc_sj_type (value);

  return type == HC_SJ_STRING || type == HC_SJ_INT64 || type == HC_SJ_UINT64 ||
         type == HC_SJ_DOUBLE || type == HC_SJ_BOOL;
}

/* The member @name of @object when it is an object, else missing. */
static HcSjValue
member_object (HcSjValue   object,
               const char *name)
{
  HcSjValue member = hc_sj_member (object, name);

  if (hc_sj_type (member) != HC_SJ_OBJECT)
    member.doc = NULL;
  return member;
}

/* Room for any gint64 in decimal, its sign and the NUL. */
#define INT64_TEXT_SIZE 21

/* @n in decimal, as "%" G_GINT64_FORMAT writes it, without printf: a
 * page has thousands of numbers. Written at the end of @buf; returns
 * where the text starts. */
static const char *
int64_text (gint64 n,
            char   buf[INT64_TEXT_SIZE])
{
  char *at = buf + INT64_TEXT_SIZE - 1;
  guint64 u = n < 0 ? (guint64) 0 - (guint64) n : (guint64) n;

  *at = '\0';
  do
    {
      *--at = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u != 0);
  if (n < 0)
    *--at = '-';
  return at;
}

/* An id: a non-empty string (trimmed), or a whole number from 0 to
 * HC_JSON_ID_MAX (rules.md 32), as hc_json_id_text() reads one from
 * json-glib. *@text is the id, or the number as sent when it is no valid
 * id; NULL for none. Numbers are compared before any cast. */
static HcJsonIdResult
id_text_checked (HcSjValue value,
                 char    **text)
{
  g_autofree char *id = NULL;

  *text = NULL;
  switch (hc_sj_type (value))
    {
    case HC_SJ_STRING:
      id = g_strstrip (g_strdup (hc_sj_string (value)));
      if (*id == '\0')
        return HC_JSON_ID_NONE;
      break;

    case HC_SJ_INT64:
      {
        gint64 n = hc_sj_int64 (value);
        char buf[INT64_TEXT_SIZE];

        id = g_strdup (int64_text (n, buf));
        if (n < 0 || n > HC_JSON_ID_MAX)
          {
            *text = g_steal_pointer (&id);
            return HC_JSON_ID_INVALID;
          }
      }
      break;

    case HC_SJ_UINT64:
      /* above G_MAXINT64, so above HC_JSON_ID_MAX */
      *text = g_strdup_printf ("%" G_GUINT64_FORMAT, hc_sj_uint64 (value));
      return HC_JSON_ID_INVALID;

    case HC_SJ_DOUBLE:
      {
        double d = hc_sj_double (value);

        /* a fraction, or NaN, is no id at all */
        if (d != floor (d))
          return HC_JSON_ID_NONE;
        if (d < 0 || d > (double) HC_JSON_ID_MAX)
          {
            *text = hc_json_format_double (d, HC_JSON_TEXT_DOUBLE_15);
            return HC_JSON_ID_INVALID;
          }
        id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d);
      }
      break;

    default:
      return HC_JSON_ID_NONE;
    }

  *text = g_steal_pointer (&id);
  return HC_JSON_ID_OK;
}

/* An id, or NULL for none and for a number that is no id. */
static char *
id_text (HcSjValue value)
{
  g_autofree char *text = NULL;

  if (id_text_checked (value, &text) != HC_JSON_ID_OK)
    return NULL;
  return g_steal_pointer (&text);
}

/* The value of a text attribute, trimmed; NULL when absent, empty or not a
 * string (a wrong type is no name nor address). */
static char *
attribute_string (HcSjValue attribute)
{
  HcSjValue value = attribute_value (attribute);

  if (hc_sj_type (value) != HC_SJ_STRING)
    return NULL;
  return hc_sj_scalar_text (value, HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY);
}

/* department, office, team: {"type": "Department", "attributes": {"id": 1,
 * "name": "…"}}; a plain name is taken as it is. */
static char *
attribute_org_name (HcSjValue attribute)
{
  HcSjValue value = attribute_value (attribute);
  HcSjValue inner;
  const char *name;
  char *text;

  if (is_scalar (value))
    return attribute_string (attribute);
  if (hc_sj_type (value) != HC_SJ_OBJECT)
    return NULL;

  inner = member_object (value, "attributes");
  name = hc_sj_string (hc_sj_member (inner.doc != NULL ? inner : value, "name"));
  if (name == NULL)
    return NULL;
  text = g_strstrip (g_strdup (name));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* supervisor: {"type": "Employee", "attributes": {"id": {"value": 2, …}, …}},
 * or a bare id. */
static char *
attribute_supervisor_id (HcSjValue attribute)
{
  HcSjValue value = attribute_value (attribute);
  HcSjValue inner;

  if (is_scalar (value))
    return id_text (value);
  if (hc_sj_type (value) != HC_SJ_OBJECT)
    return NULL;

  inner = member_object (value, "attributes");
  if (inner.doc == NULL)
    inner = value;
  return id_text (attribute_value (hc_sj_member (inner, "id")));
}

/* "2014-11-09T00:00:00+01:00" → "2014-11-09": the date as Personio shows
 * it, whatever the offset. NULL when it is not a date. */
static char *
attribute_date (HcSjValue attribute)
{
  g_autofree char *text = attribute_string (attribute);

  return hc_connector_util_cut_date (text, NULL, NULL);
}

/* Flattening raw attributes: each attribute once, into a scratch buffer
 * kept for the page; its paths serve the attribute's key and its label. */

typedef struct
{
  gsize path;   /* offsets in Flat.buf, NUL-terminated */
  gsize text;
} FlatEntry;

typedef struct
{
  const char *key;
  const char *label;   /* NULL when the attribute has none */
  guint       first;   /* its entries */
  guint       last;
} FlatAttribute;

/* The attributes the standard fields are read from. */
typedef enum
{
  STANDARD_FIRST_NAME,
  STANDARD_LAST_NAME,
  STANDARD_PREFERRED_NAME,
  STANDARD_EMAIL,
  STANDARD_POSITION,
  STANDARD_DEPARTMENT,
  STANDARD_OFFICE,
  STANDARD_TEAM,
  STANDARD_SUPERVISOR,
  STANDARD_HIRE_DATE,
  STANDARD_TERMINATION_DATE,
  STANDARD_CONTRACT_END_DATE,
  STANDARD_STATUS,
  N_STANDARD
} Standard;

static const char * const standard_keys[N_STANDARD] = {
  "first_name", "last_name", "preferred_name", "email", "position", "department", "office",
  "team", "supervisor", "hire_date", "termination_date", "contract_end_date", "status",
};

/* A text the page's previous record had at the same place, and what was
 * found for it: the records of a page are alike, so that a comparison
 * replaces hashing the text again. */
typedef struct
{
  char *text;
  union
  {
    guint    field;     /* a path: its id */
    char    *slug;      /* a label: its slug, or NULL */
    gboolean described; /* a key: the page's metadata has it */
  };
} Seen;

typedef void (*SeenClear) (Seen *seen);

/* The entries of an attribute kept apart in Flat.paths and Flat.aliases:
 * a place is an attribute's position and an entry's within it, so that
 * a list longer on one record than on the next (tags, cost centres)
 * moves no other attribute's places. Further entries share the last. */
#define ENTRY_PLACES 8

typedef struct
{
  GString           *buf;
  GArray            *entries; /* FlatEntry */
  GArray            *attributes; /* FlatAttribute */
  GString           *path; /* the path being walked */
  GString           *joined;
  GString           *alias; /* a label's path being made */
  /* the record's standard attributes, found as its attributes are walked */
  HcSjValue          standard[N_STANDARD];
  GArray            *paths; /* Seen by entry place: a path's id */
  GArray            *aliases; /* Seen by entry place: an alias's id */
  GArray            *labels; /* Seen by attribute: a label's slug */
  GArray            *described; /* Seen by attribute: whether the page's metadata has the key */
  HcEmployeeScratch *scratch; /* the record being filled */
} Flat;

static void
seen_clear_path (Seen *seen)
{
  g_free (seen->text);
}

static void
seen_clear_label (Seen *seen)
{
  g_free (seen->text);
  g_free (seen->slug);
}

static void
flat_init (Flat *flat)
{
  flat->buf = g_string_sized_new (4096);
  flat->entries = g_array_new (FALSE, FALSE, sizeof (FlatEntry));
  flat->attributes = g_array_new (FALSE, FALSE, sizeof (FlatAttribute));
  flat->path = g_string_sized_new (64);
  flat->joined = g_string_sized_new (256);
  flat->alias = g_string_sized_new (64);
  flat->paths = g_array_new (FALSE, TRUE, sizeof (Seen));
  g_array_set_clear_func (flat->paths, (GDestroyNotify) seen_clear_path);
  flat->aliases = g_array_new (FALSE, TRUE, sizeof (Seen));
  g_array_set_clear_func (flat->aliases, (GDestroyNotify) seen_clear_path);
  flat->labels = g_array_new (FALSE, TRUE, sizeof (Seen));
  g_array_set_clear_func (flat->labels, (GDestroyNotify) seen_clear_label);
  flat->described = g_array_new (FALSE, TRUE, sizeof (Seen));
  g_array_set_clear_func (flat->described, (GDestroyNotify) seen_clear_path);
  flat->scratch = hc_employee_scratch_new ();
}

static void
flat_clear (Flat *flat)
{
  g_string_free (flat->buf, TRUE);
  g_array_unref (flat->entries);
  g_array_unref (flat->attributes);
  g_string_free (flat->path, TRUE);
  g_string_free (flat->joined, TRUE);
  g_string_free (flat->alias, TRUE);
  g_array_unref (flat->paths);
  g_array_unref (flat->aliases);
  g_array_unref (flat->labels);
  g_array_unref (flat->described);
  hc_employee_scratch_free (flat->scratch);
}

/* The slot @i of @seen for @text: as the record before left it when it
 * held @text too, else emptied (by @clear) for it; *@fresh (if not NULL)
 * says which. */
static Seen *
seen_at (GArray     *seen,
         guint       i,
         const char *text,
         SeenClear   clear,
         gboolean   *fresh)
{
  gboolean same;
  Seen *slot;

  if (i >= seen->len)
    g_array_set_size (seen, i + 1);
  slot = &g_array_index (seen, Seen, i);
  same = slot->text != NULL && strcmp (slot->text, text) == 0;
  if (!same)
    {
      clear (slot);
      memset (slot, 0, sizeof *slot);
      slot->text = g_strdup (text);
    }
  if (fresh != NULL)
    *fresh = !same;
  return slot;
}

/* The field id of @path, entry @i of attribute @a (the @k-th) in @seen. */
static guint
flat_field_id (GArray              *seen,
               guint                k,
               const FlatAttribute *a,
               guint                i,
               const char          *path)
{
  guint place = k * ENTRY_PLACES + MIN (i - a->first, ENTRY_PLACES - 1);
  gboolean fresh;
  Seen *slot = seen_at (seen, place, path, seen_clear_path, &fresh);

  if (fresh)
    slot->field = hc_employee_field_id (path);
  return slot->field;
}

/* "Skip sync" → "skip_sync", "Kostenstelle Nr." → "kostenstelle_nr"; NULL
 * when nothing is left. The label of the @i-th attribute. (transfer none) */
static const char *
flat_slug (Flat       *flat,
           guint       i,
           const char *label)
{
  gboolean fresh;
  Seen *slot = seen_at (flat->labels, i, label, seen_clear_label, &fresh);

  if (fresh)
    slot->slug = hc_connector_util_slugify (label);
  return slot->slug;
}

static void
flat_reset (Flat *flat)
{
  g_string_truncate (flat->buf, 0);
  g_array_set_size (flat->entries, 0);
  g_array_set_size (flat->attributes, 0);
  memset (flat->standard, 0, sizeof flat->standard);
}

/* Notes @attribute when it is the first under a standard key. */
static void
flat_note_standard (Flat       *flat,
                    const char *key,
                    HcSjValue   attribute)
{
  for (guint i = 0; i < N_STANDARD; i++)
    if (key[0] == standard_keys[i][0] && strcmp (key, standard_keys[i]) == 0)
      {
        if (flat->standard[i].doc == NULL)
          flat->standard[i] = attribute;
        return;
      }
}

/* The current path with @text (a scalar as text, never empty). Strings,
 * integers and booleans, most values, are written without a copy. */
static void
flat_add_scalar (Flat     *flat,
                 HcSjValue value)
{
  g_autofree char *text = NULL;
  char buf[INT64_TEXT_SIZE];
  FlatEntry entry;
  const char *s;

  switch (hc_sj_type (value))
    {
    case HC_SJ_STRING:
      s = hc_sj_string (value);
      break;
    case HC_SJ_INT64:
      s = int64_text (hc_sj_int64 (value), buf);
      break;
    case HC_SJ_BOOL:
      s = hc_sj_bool (value) ? "true" : "false";
      break;
    default:
      s = text = hc_sj_scalar_text (value, PERSONIO_TEXT | HC_JSON_TEXT_NO_EMPTY);
      break;
    }
  if (s == NULL || *s == '\0')
    return;
  entry.path = flat->buf->len;
  hc_gstring_append_len (flat->buf, flat->path->str, flat->path->len + 1);
  entry.text = flat->buf->len;
  hc_gstring_append_len (flat->buf, s, strlen (s) + 1);
  g_array_append_val (flat->entries, entry);
}

static void
flatten_value (Flat     *flat,
               HcSjValue node,
               guint     depth);

static void
flatten_members (Flat     *flat,
                 HcSjValue object,
                 gboolean  unwrap_attributes,
                 guint     depth)
{
  gsize len = flat->path->len;
  const char *name;
  gsize name_len;
  HcSjValue member;
  HcSjIter iter;

  hc_sj_iter_init (&iter, object);
  while (hc_sj_iter_next_member_len (&iter, &name, &name_len, &member))
    {
      if (*name == '\0')
        continue;
      g_string_append_c (flat->path, '.');
      hc_gstring_append_len (flat->path, name, name_len);
      flatten_value (flat, unwrap_attributes ? attribute_value (member) : member, depth + 1);
      g_string_truncate (flat->path, len);
    }
}

static void
flatten_value (Flat     *flat,
               HcSjValue node,
               guint     depth)
{
  if (depth > MAX_FLAT_DEPTH)
    return;

  switch (hc_sj_type (node))
    {
    case HC_SJ_STRING:
    case HC_SJ_INT64:
    case HC_SJ_UINT64:
    case HC_SJ_DOUBLE:
    case HC_SJ_BOOL:
      flat_add_scalar (flat, node);
      break;

    case HC_SJ_ARRAY:
      {
        HcSjIter iter;
        HcSjValue element;

        hc_sj_iter_init (&iter, node);
        while (hc_sj_iter_next_element (&iter, &element))
          flatten_value (flat, element, depth + 1);
      }
      break;

    case HC_SJ_OBJECT:
      {
        HcSjValue inner = member_object (node, "attributes");

        /* A Personio object: {"type": "Office", "attributes": {…}}, whose
        * attributes may be attribute objects in turn (a supervisor's). */
        if (inner.doc != NULL && hc_sj_string (hc_sj_member (node, "type")) != NULL)
          flatten_members (flat, inner, TRUE, depth);
        else if (is_attribute_object (node))
          flatten_value (flat, hc_sj_member (node, "value"), depth + 1);
        else
          flatten_members (flat, node, FALSE, depth);
      }
      break;

    case HC_SJ_NULL:
    case HC_SJ_MISSING:
    default:
      break;
    }
}

/* A member's name (@len bytes) is @word: two or three comparisons of
 * machine words, where strcmp() would be a call, some two hundred times a
 * record. */
#define NAME_IS(name, len, word) \
  ((len) == sizeof (word) - 1 && memcmp ((name), (word), sizeof (word) - 1) == 0)

/* The members of every attribute object. */
static gboolean
is_usual_member (const char *name,
                 gsize       len)
{
  return NAME_IS (name, len, "label") || NAME_IS (name, len, "value") ||
         NAME_IS (name, len, "type") || NAME_IS (name, len, "universal_id");
}

/* One attribute: its value under @key, and the members of the attribute
 * object other than the usual four beside it ("fix_salary.currency"). The
 * object's members are read in one walk: its value and label are the
 * first of their names, as a lookup by name finds them. */
static void
flatten_attribute (Flat       *flat,
                   const char *key,
                   gsize       key_len,
                   HcSjValue   attribute)
{
  FlatAttribute a = { key, NULL, flat->entries->len, 0 };
  HcSjValue value = attribute;
  gboolean others = FALSE;
  const char *name;
  gsize name_len;
  HcSjValue member;
  HcSjIter iter;

  if (hc_sj_type (attribute) == HC_SJ_OBJECT)
    {
      HcSjValue label = { NULL, 0 };
      gboolean has_value = FALSE;

      hc_sj_iter_init (&iter, attribute);
      while (hc_sj_iter_next_member_len (&iter, &name, &name_len, &member))
        {
          if (!has_value && NAME_IS (name, name_len, "value"))
            {
              value = member;
              has_value = TRUE;
            }
          else if (label.doc == NULL && NAME_IS (name, name_len, "label"))
            label = member;
          else if (*name != '\0' && !is_usual_member (name, name_len))
            others = TRUE;
        }
      a.label = hc_sj_string (label);
      /* without a value, the object is the value: nothing beside it */
      others = others && has_value;
    }

  hc_gstring_assign_len (flat->path, key, key_len);
  flatten_value (flat, value, 0);

  if (others)
    {
      hc_sj_iter_init (&iter, attribute);
      while (hc_sj_iter_next_member_len (&iter, &name, &name_len, &member))
        {
          if (*name == '\0' || is_usual_member (name, name_len))
            continue;
          hc_gstring_assign_len (flat->path, key, key_len);
          g_string_append_c (flat->path, '.');
          hc_gstring_append_len (flat->path, name, name_len);
          flatten_value (flat, member, 1);
        }
    }
  a.last = flat->entries->len;
  g_array_append_val (flat->attributes, a);
}

#define FLAT_ENTRY(flat, i) (&g_array_index ((flat)->entries, FlatEntry, (i)))
#define FLAT_STR(flat, offset) ((flat)->buf->str + (offset))

/* The values of an attribute's path joined with ", ": the entry's own
 * text when the attribute has no other (most), else in flat->joined;
 * NULL when entry @i repeats a path of an earlier entry of @a.
 * (transfer none) */
static const char *
flat_join (Flat                *flat,
           const FlatAttribute *a,
           guint                i)
{
  const char *path;

  if (a->last - a->first == 1)
    return FLAT_STR (flat, FLAT_ENTRY (flat, i)->text);
  path = FLAT_STR (flat, FLAT_ENTRY (flat, i)->path);
  for (guint j = a->first; j < i; j++)
    if (strcmp (FLAT_STR (flat, FLAT_ENTRY (flat, j)->path), path) == 0)
      return NULL;
  hc_gstring_assign (flat->joined, FLAT_STR (flat, FLAT_ENTRY (flat, i)->text));
  for (guint j = i + 1; j < a->last; j++)
    if (strcmp (FLAT_STR (flat, FLAT_ENTRY (flat, j)->path), path) == 0)
      {
        hc_gstring_append_len (flat->joined, ", ", 2);
        hc_gstring_append (flat->joined, FLAT_STR (flat, FLAT_ENTRY (flat, j)->text));
      }
  return flat->joined->str;
}

/* Keys only the standard mapping writes. */
static gboolean
is_reserved_field (const char *path)
{
  static const char * const reserved[] = {
    HC_FIELD_ID, HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME, HC_FIELD_PREFERRED_NAME,
    HC_FIELD_EMAIL, HC_FIELD_STATUS, HC_FIELD_POSITION, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM,
    HC_FIELD_OFFICE, HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE, HC_FIELD_END_DATE,
    HC_PERSONIO_FIELD_STATUS_RAW,
  };

  /* every path of every item comes here: few start as one of these */
  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (path[0] == reserved[i][0] && strcmp (path, reserved[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Every attribute under its key; values of one path in several
 * attributes are joined, as within one. */
static void
add_raw_attributes (HcEmployee *employee,
                    Flat       *flat,
                    HcSjValue   attributes)
{
  const char *key;
  gsize key_len;
  HcSjValue attribute;
  HcSjIter iter;

  flat_reset (flat);
  hc_sj_iter_init (&iter, attributes);
  while (hc_sj_iter_next_member_len (&iter, &key, &key_len, &attribute))
    {
      flat_note_standard (flat, key, attribute);
      flatten_attribute (flat, key, key_len, attribute);
    }

  for (guint k = 0; k < flat->attributes->len; k++)
    {
      const FlatAttribute *a = &g_array_index (flat->attributes, FlatAttribute, k);

      if (*a->key == '\0')
        continue;
      for (guint i = a->first; i < a->last; i++)
        {
          const char *path = FLAT_STR (flat, FLAT_ENTRY (flat, i)->path);
          const char *before, *text;
          guint field;

          if (is_reserved_field (path) || (text = flat_join (flat, a, i)) == NULL)
            continue;
          field = flat_field_id (flat->paths, k, a, i, path);
          before = hc_employee_get_field_by_id (employee, field);
          if (before != NULL)
            {
              g_autofree char *both = g_strconcat (before, ", ", text, NULL);

              hc_employee_set_field_by_id (employee, field, both);
            }
          else
            hc_employee_set_field_by_id (employee, field, text);
        }
    }
}

/* After the keys and the standard fields: a label never hides them, and
 * of two attributes with the same label, the first with a value wins. The
 * paths are the key's, under the label's slug. */
static void
add_label_aliases (HcEmployee *employee,
                   Flat       *flat)
{
  GString *alias = flat->alias;

  for (guint k = 0; k < flat->attributes->len; k++)
    {
      const FlatAttribute *a = &g_array_index (flat->attributes, FlatAttribute, k);
      const char *slug;
      gsize key_len;

      if (a->label == NULL)
        continue;
      slug = flat_slug (flat, k, a->label);
      if (slug == NULL || g_str_equal (slug, a->key))
        continue;

      key_len = strlen (a->key);
      for (guint i = a->first; i < a->last; i++)
        {
          const char *text;
          guint field;

          hc_gstring_assign (alias, slug);
          hc_gstring_append (alias, FLAT_STR (flat, FLAT_ENTRY (flat, i)->path) + key_len);
          if (is_reserved_field (alias->str))
            continue;
          field = flat_field_id (flat->aliases, k, a, i, alias->str);
          if (hc_employee_get_field_by_id (employee, field) != NULL || (text = flat_join (flat, a, i)) == NULL)
            continue;
          hc_employee_set_field_by_id (employee, field, text);
        }
    }
}

/* Mapping one employee */

/* The fields set_standard_fields() writes, by id: looked up once. */
typedef enum
{
  FIELD_FIRST_NAME,
  FIELD_LAST_NAME,
  FIELD_PREFERRED_NAME,
  FIELD_EMAIL,
  FIELD_POSITION,
  FIELD_DEPARTMENT,
  FIELD_OFFICE,
  FIELD_TEAM,
  FIELD_MANAGER_ID,
  FIELD_HIRE_DATE,
  FIELD_END_DATE,
  FIELD_STATUS_RAW,
  N_FIELDS
} StandardField;

static guint
standard_field_id (StandardField field)
{
  static const char * const names[N_FIELDS] = {
    HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME, HC_FIELD_PREFERRED_NAME, HC_FIELD_EMAIL,
    HC_FIELD_POSITION, HC_FIELD_DEPARTMENT, HC_FIELD_OFFICE, HC_FIELD_TEAM,
    HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE, HC_FIELD_END_DATE, HC_PERSONIO_FIELD_STATUS_RAW,
  };
  static guint ids[N_FIELDS];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      for (guint i = 0; i < N_FIELDS; i++)
        ids[i] = hc_employee_field_id (names[i]);
      g_once_init_leave (&ready, 1);
    }
  return ids[field];
}

static void
set_field_take (HcEmployee   *employee,
                StandardField field,
                char         *value)
{
  hc_employee_set_field_by_id (employee, standard_field_id (field), value);
  g_free (value);
}

/* A text attribute as attribute_string() reads it, trimmed: written from
 * the page's own text when there is nothing to trim (most names and
 * addresses), without a copy. */
static void
set_field_text (HcEmployee   *employee,
                StandardField field,
                HcSjValue     attribute)
{
  HcSjValue value = attribute_value (attribute);
  const char *text = hc_sj_type (value) == HC_SJ_STRING ? hc_sj_string (value) : NULL;
  gsize len = text != NULL ? strlen (text) : 0;

  if (len > 0 && !g_ascii_isspace (text[0]) && !g_ascii_isspace (text[len - 1]))
    hc_employee_set_field_by_id (employee, standard_field_id (field), text);
  else
    set_field_take (employee, field, attribute_string (attribute));
}

static void
set_status (HcEmployee *employee,
            HcSjValue   attribute)
{
  g_autofree char *raw = hc_sj_scalar_text (attribute_value (attribute), PERSONIO_TEXT);
  g_autofree char *word = raw ? g_strstrip (g_ascii_strdown (raw, -1)) : NULL;
  HcEmployeeStatus status;

  hc_employee_set_field_by_id (employee, standard_field_id (FIELD_STATUS_RAW), raw);

  if (g_strcmp0 (word, "active") == 0)
    status = HC_EMPLOYEE_STATUS_ACTIVE;
  else if (g_strcmp0 (word, "onboarding") == 0)
    status = HC_EMPLOYEE_STATUS_ONBOARDING;
  else if (g_strcmp0 (word, "leave") == 0)
    status = HC_EMPLOYEE_STATUS_LEAVE;
  else if (g_strcmp0 (word, "inactive") == 0)
    status = HC_EMPLOYEE_STATUS_INACTIVE;
  else
    {
      /* A status Personio does not document (or null): read as inactive.
       * Headcount then never invites nor gives access on a word it does not
       * understand; the worst it does is stop managing an existing member
       * (or archive it when the admin asked for that, in a plan shown
       * first), which is visible and reversible. Reading it as active could
       * let someone who has left in. The word stays in "status_raw". */
      g_debug ("unknown Personio status for employee %s, read as inactive",
               hc_employee_get_id (employee));
      status = HC_EMPLOYEE_STATUS_INACTIVE;
    }
  hc_employee_set_status (employee, status);
}

/* The standard fields from the attributes add_raw_attributes() noted. */
static void
set_standard_fields (HcEmployee *employee,
                     Flat       *flat)
{
  HcSjValue *standard = flat->standard;
  char *end_date;

  static const struct
  {
    Standard      from;
    StandardField to;
  } texts[] = {
    { STANDARD_FIRST_NAME, FIELD_FIRST_NAME }, { STANDARD_LAST_NAME, FIELD_LAST_NAME },
    { STANDARD_PREFERRED_NAME, FIELD_PREFERRED_NAME }, { STANDARD_EMAIL, FIELD_EMAIL },
    { STANDARD_POSITION, FIELD_POSITION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    set_field_text (employee, texts[i].to, standard[texts[i].from]);
  set_field_take (employee, FIELD_DEPARTMENT, attribute_org_name (standard[STANDARD_DEPARTMENT]));
  set_field_take (employee, FIELD_OFFICE, attribute_org_name (standard[STANDARD_OFFICE]));
  set_field_take (employee, FIELD_TEAM, attribute_org_name (standard[STANDARD_TEAM]));
  set_field_take (employee, FIELD_MANAGER_ID, attribute_supervisor_id (standard[STANDARD_SUPERVISOR]));
  set_field_take (employee, FIELD_HIRE_DATE, attribute_date (standard[STANDARD_HIRE_DATE]));

  /* The day the employment ends: the termination, else the end of a fixed
   * term contract. */
  end_date = attribute_date (standard[STANDARD_TERMINATION_DATE]);
  if (end_date == NULL)
    end_date = attribute_date (standard[STANDARD_CONTRACT_END_DATE]);
  set_field_take (employee, FIELD_END_DATE, end_date);

  set_status (employee, standard[STANDARD_STATUS]);
}

/* Why an item of a page could not be read; the message is written on the
 * main thread, which knows the item's place in the list. */
typedef enum
{
  ITEM_OK,
  ITEM_NOT_OBJECT,
  ITEM_NO_ATTRIBUTES,
  ITEM_NO_ID,
  ITEM_NO_STATUS,
} ItemProblem;

typedef struct
{
  HcEmployee *employee;    /* NULL unless ITEM_OK */
  ItemProblem problem;
  char       *id;          /* ITEM_NO_STATUS */
} Item;

static void
item_clear (Item *item)
{
  g_clear_object (&item->employee);
  g_clear_pointer (&item->id, g_free);
}

/* @index counts from 1 in the list; @endpoint is the path for messages. */
static gboolean
item_check (Item       *item,
            guint       index,
            const char *endpoint,
            GError    **error)
{
  switch (item->problem)
    {
    case ITEM_OK:
      return TRUE;

    case ITEM_NOT_OBJECT:
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Personio sent employee #%u at %s in an unexpected form (not an object), so the list cannot be read. Try again later; if the error persists, contact Personio support."),
                   index, endpoint);
      return FALSE;

    case ITEM_NO_ATTRIBUTES:
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Personio sent employee #%u at %s without its attributes, so the list cannot be read. Try again later; if the error persists, contact Personio support."),
                   index, endpoint);
      return FALSE;

    case ITEM_NO_ID:
      /* Never skipped: a missing employee would look like one who left. */
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Personio sent employee #%u at %s without an ID, so Headcount cannot match it and synchronised nothing. Try again later; if the error persists, contact Personio support."),
                   index, endpoint);
      return FALSE;

    case ITEM_NO_STATUS:
    default:
      /* Personio returns only the attributes the API credentials may read:
       * without the status every employee would look inactive. */
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Personio sent employee #%u (ID %s) at %s without a status. In Personio, allow the API credentials to read the “Status” attribute (Settings → Integrations → API credentials), then try again."),
                   index, item->id, endpoint);
      return FALSE;
    }
}

static void
map_employee (HcSjValue node,
              Flat     *flat,
              Item     *item)
{
  g_autofree char *id = NULL;
  HcJsonIdResult id_result;
  HcSjValue attributes;

  if (hc_sj_type (node) != HC_SJ_OBJECT)
    {
      item->problem = ITEM_NOT_OBJECT;
      return;
    }
  attributes = member_object (node, "attributes");
  if (attributes.doc == NULL)
    {
      item->problem = ITEM_NO_ATTRIBUTES;
      return;
    }

  id_result = id_text_checked (attribute_value (hc_sj_member (attributes, "id")), &id);
  if (id_result == HC_JSON_ID_NONE)
    {
      item->problem = ITEM_NO_ID;
      return;
    }
  if (!has_member (attributes, "status"))
    {
      item->problem = ITEM_NO_STATUS;
      item->id = g_steal_pointer (&id);
      return;
    }

  item->problem = ITEM_OK;
  item->employee = hc_employee_new_in_scratch (id, flat->scratch);
  add_raw_attributes (item->employee, flat, attributes);
  set_standard_fields (item->employee, flat);
  add_label_aliases (item->employee, flat);
  if (id_result == HC_JSON_ID_INVALID)
    hc_connector_util_mark_invalid_id (item->employee, VENDOR_NAME);
  /* rules.md 31, here in the worker thread rather than on the main one */
  hc_connector_clean_employee (item->employee);
  hc_employee_compact (item->employee);
}

/* Personio's attribute types: standard, date, integer, decimal, list, link,
 * tags, multiline. A checkbox comes as "standard" with true or false:
 * "standard" says nothing, the values decide. */
static HcFieldType
field_type (const char *type)
{
  if (type == NULL || g_str_equal (type, "standard"))
    return HC_FIELD_TYPE_UNKNOWN;
  if (g_str_equal (type, "date"))
    return HC_FIELD_TYPE_DATE;
  if (g_str_equal (type, "integer") || g_str_equal (type, "decimal"))
    return HC_FIELD_TYPE_NUMBER;
  if (g_str_equal (type, "list") || g_str_equal (type, "tags"))
    return HC_FIELD_TYPE_LIST;
  return HC_FIELD_TYPE_TEXT;
}

/* Every attribute carries its label and type: the field metadata, with no
 * request of its own. Scalar attributes only, keyed as the field table;
 * the first of each key on the page. */
static void
collect_metadata (Flat       *flat,
                  GHashTable *metadata,
                  HcSjValue   item)
{
  HcSjValue attributes = member_object (item, "attributes");
  const char *key;
  HcSjValue attribute;
  HcSjIter iter;
  guint i = 0;

  hc_sj_iter_init (&iter, attributes);
  for (; hc_sj_iter_next_member (&iter, &key, &attribute); i++)
    {
      Seen *slot = seen_at (flat->described, i, key, seen_clear_path, NULL);
      HcSjValue value;

      /* the record before had this key here, and it is described */
      if (slot->described)
        continue;
      if (hc_sj_type (attribute) != HC_SJ_OBJECT || is_reserved_field (key))
        continue;
      if (g_hash_table_contains (metadata, key))
        {
          slot->described = TRUE;
          continue;
        }
      value = hc_sj_member (attribute, "value");
      if (hc_sj_type (value) == HC_SJ_ARRAY || hc_sj_type (value) == HC_SJ_OBJECT)
        continue;
      g_hash_table_insert (metadata, g_strdup (key),
                           hc_field_info_new (key, hc_sj_string (hc_sj_member (attribute, "label")),
                                              field_type (hc_sj_string (hc_sj_member (attribute, "type")))));
      slot->described = TRUE;
    }
}

/* A page, decoded in a worker thread */

typedef struct
{
  GArray     *items;       /* Item, one per element of "data" */
  gint64      total;       /* metadata.total_elements, or -1 */
  GHashTable *metadata;    /* attribute key → HcFieldInfo*, the page's */
} Page;

static void
page_free (Page *page)
{
  g_array_unref (page->items);
  g_hash_table_unref (page->metadata);
  g_free (page);
}

/* {"success": true, "metadata": {"total_elements": …}, "data": [{"type":
 * "Employee", "attributes": {…}}, …]}: every employee mapped, its id for
 * the pager ("attributes.id.value": a string or an integer). */
static gboolean
decode_page (const char    *data,
             gsize          size,
             HcHttpDecoded *decoded,
             gpointer       user_data,
             GError       **error)
{
  g_autoptr (HcSjParser) parser = hc_sj_parser_acquire ();
  HcSjValue root, list, total, element;
  HcSjIter iter;
  Page *page;
  Flat flat;
  guint i = 0;

  if (!hc_sj_parse_padded (parser, data, size, &root, error))
    return FALSE;

  page = g_new0 (Page, 1);
  page->total = -1;
  page->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) hc_field_info_free);
  decoded->data = page;
  decoded->data_free = (GDestroyNotify) page_free;

  total = hc_sj_member (member_object (root, "metadata"), "total_elements");
  if (hc_sj_type (total) == HC_SJ_INT64)
    page->total = hc_sj_int64 (total);
  /* unreliable (a short page ends the list), but a bound on what to ask ahead */
  decoded->estimate = page->total;

  list = hc_sj_member (root, "data");
  page->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (page->items, (GDestroyNotify) item_clear);
  if (hc_sj_type (list) != HC_SJ_ARRAY)
    return TRUE;

  decoded->n_items = hc_sj_array_length (list);
  g_array_set_size (page->items, decoded->n_items);
  decoded->ids = g_new0 (char *, decoded->n_items + 1);
  flat_init (&flat);
  hc_sj_iter_init (&iter, list);
  while (hc_sj_iter_next_element (&iter, &element))
    {
      HcSjValue id = hc_sj_member (member_object (member_object (element, "attributes"), "id"), "value");

      if (i == 0)
        decoded->first = hc_sj_to_json (element);
      if (hc_sj_type (id) == HC_SJ_STRING)
        decoded->ids[i] = g_strdup (hc_sj_string (id));
      else if (hc_sj_type (id) == HC_SJ_INT64)
        {
          char buf[INT64_TEXT_SIZE];

          decoded->ids[i] = g_strdup (int64_text (hc_sj_int64 (id), buf));
        }
      map_employee (element, &flat, &g_array_index (page->items, Item, i));
      collect_metadata (&flat, page->metadata, element);
      i++;
    }
  flat_clear (&flat);
  return TRUE;
}

/* Runs: sign in, then test or fetch */

typedef enum
{
  RUN_TEST,
  RUN_FETCH,
} RunKind;

typedef struct
{
  RunKind        kind;
  HcHttp        *http;
  char          *auth_path;         /* for messages: "/v1/auth" */
  char          *employees_path;    /* "/v1/company/employees" */
  HcProgressFunc progress;
  gpointer       progress_data;
  GPtrArray     *employees;
  GHashTable    *metadata;          /* attribute key → HcFieldInfo*, fetch only */
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->http);
  g_clear_pointer (&run->employees, g_ptr_array_unref);
  g_clear_pointer (&run->metadata, g_hash_table_unref);
  g_free (run->auth_path);
  g_free (run->employees_path);
  g_free (run);
}

/* The path of an endpoint under the base URL, as hc-http names it. */
static char *
endpoint_path (HcHttp     *http,
               const char *path)
{
  g_autoptr (GUri) base = g_uri_parse (hc_http_get_base_url (http), G_URI_FLAGS_NONE, NULL);
  const char *prefix = base ? g_uri_get_path (base) : "";

  if (g_str_equal (prefix, "/"))
    prefix = "";
  return g_strconcat (prefix, path, NULL);
}

static void
report_progress (Run   *run,
                 double fraction,
                 char  *message)
{
  if (run->progress != NULL)
    run->progress (fraction, message, run->progress_data);
  g_free (message);
}

static void
report_fetched (Run   *run,
                gint64 total)
{
  guint n = run->employees->len;

  /* metadata.total_elements is an estimate: never below what came */
  if (total >= n && total > 0 && total <= G_MAXUINT)
    report_progress (run, (double) n / (double) total,
                     hc_connector_util_fetched_message (VENDOR_NAME, n, (guint) total,
                                                        HC_CONNECTOR_UTIL_COUNT_LOCALE));
  else
    report_progress (run, -1,
                     hc_connector_util_fetched_count_message (VENDOR_NAME, n,
                                                              HC_CONNECTOR_UTIL_COUNT_LOCALE));
}

static gboolean
page_cb (HcHttp           *http,
         const HcHttpPage *page,
         gpointer          user_data,
         GError          **error)
{
  Run *run = user_data;
  Page *decoded = page->decoded;
  guint n = 0;

  for (guint i = 0; i < decoded->items->len; i++)
    {
      Item *item = &g_array_index (decoded->items, Item, i);

      if (page->repeated[i])
        continue;
      n++;
      if (!item_check (item, (guint) page->n_before + n, run->employees_path, error))
        return FALSE;
      g_ptr_array_add (run->employees, g_steal_pointer (&item->employee));
    }

  if (run->metadata != NULL)
    {
      GHashTableIter iter;
      gpointer key, info;

      /* the first page with a key tells its label and type */
      g_hash_table_iter_init (&iter, decoded->metadata);
      while (g_hash_table_iter_next (&iter, &key, &info))
        if (!g_hash_table_contains (run->metadata, key))
          {
            g_hash_table_insert (run->metadata, key, info);
            g_hash_table_iter_steal (&iter);
          }
    }

  report_fetched (run, decoded->total);
  return TRUE;
}

static void
pages_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!hc_http_fetch_pages_finish (HC_HTTP (source), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  report_progress (run, 1.0,
                   hc_connector_util_fetched_count_message (VENDOR_NAME, run->employees->len,
                                                            HC_CONNECTOR_UTIL_COUNT_LOCALE));
  if (run->metadata != NULL)
    {
      HcPersonioConnector *self = g_task_get_source_object (task);
      GHashTableIter iter;
      gpointer key, info;

      g_clear_pointer (&self->metadata, g_ptr_array_unref);
      self->metadata = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);
      g_hash_table_iter_init (&iter, run->metadata);
      while (g_hash_table_iter_next (&iter, &key, &info))
        {
          /* Stealing frees neither: the info moves, the key goes. */
          g_ptr_array_add (self->metadata, info);
          g_hash_table_iter_steal (&iter);
          g_free (key);
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&run->employees), (GDestroyNotify) g_ptr_array_unref);
}

/* test_connection: one employee proves the token and the permission to
 * read employees; it is mapped too, so that missing attributes show now. */
static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr (HcHttpDecoded) decoded = NULL;
  GError *error = NULL;
  Page *page;

  decoded = hc_http_get_decoded_finish (HC_HTTP (source), result, &error);
  if (decoded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (decoded->n_items < 0)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("Personio sent a page without the employee list (data) at %s. Check the base URL (--base-url); if it is right, try again later."),
                               run->employees_path);
      return;
    }

  page = decoded->data;
  if (page->items->len > 0 &&
      !item_check (&g_array_index (page->items, Item, 0), 1, run->employees_path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* {"success": true, "data": {"token": "…", "expires_in": 86400, …}} */
static char *
read_token (Run      *run,
            JsonNode *root,
            GError  **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *success = object ? json_object_get_member (object, "success") : NULL;
  JsonObject *data = object ? hc_json_member_object (object, "data") : NULL;
  const char *token = data ? hc_json_member_string (data, "token") : NULL;

  if (success != NULL && JSON_NODE_HOLDS_VALUE (success) &&
      json_node_get_value_type (success) == G_TYPE_BOOLEAN && !json_node_get_boolean (success))
    {
      JsonObject *failure = hc_json_member_object (object, "error");
      const char *said = failure ? hc_json_member_string (failure, "message") : NULL;
      g_autofree char *detail = said ? hc_http_redact (run->http, said) : NULL;

      if (detail != NULL)
        g_set_error (error, HC_ERROR, HC_ERROR_AUTH,
                     _("Personio refused to sign in at %s: “%s”. Check the API credentials (--client-id, --secret-stdin) in the connector settings."),
                     run->auth_path, detail);
      else
        g_set_error (error, HC_ERROR, HC_ERROR_AUTH,
                     _("Personio refused to sign in at %s. Check the API credentials (--client-id, --secret-stdin) in the connector settings."),
                     run->auth_path);
      return NULL;
    }

  /* A token goes into a header: printable ASCII without spaces only. */
  if (token != NULL && *token != '\0' && strlen (token) <= MAX_TOKEN_CHARS)
    {
      gboolean printable = TRUE;

      for (const char *p = token; *p != '\0' && printable; p++)
        printable = *p > ' ' && *p < 0x7f;
      if (printable)
        return g_strdup (token);
    }

  g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
               _("Personio answered at %s without a usable access token. Check the base URL (--base-url); if it is right, try again later."),
               run->auth_path);
  return NULL;
}

static void
auth_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;

  root = hc_http_post_form_finish (run->http, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  token = read_token (run, root, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  hc_connector_util_set_bearer (run->http, token);
  hc_connector_util_wipe (token);
  hc_http_set_header (run->http, "X-Personio-Partner-ID", HC_PERSONIO_PARTNER_ID);
  hc_http_set_header (run->http, "X-Personio-App-ID", HC_PERSONIO_PARTNER_ID);

  if (run->kind == RUN_TEST)
    {
      hc_http_get_decoded_async (run->http, EMPLOYEES_PATH "?limit=1&offset=0", decode_page, NULL,
                                 cancellable, probe_cb, g_steal_pointer (&task));
      return;
    }

  {
    HcHttpPager pager = {
      .style = HC_HTTP_PAGING_OFFSET,
      .path = EMPLOYEES_PATH,
      .query = "limit={limit}&offset={offset}",
      .page_size = HC_PERSONIO_PAGE_SIZE,
      .first = 0,
      .items_path = "data",
      /* no total_path: Personio's totals are unreliable, a short page ends */
      .id_path = "attributes.id.value",
      /* decoded with simdjson in worker threads, a few pages asked ahead */
      .decode = decode_page,
      .max_in_flight = PAGES_IN_FLIGHT,
    };

    report_progress (run, -1, g_strdup (_("Reading the employees from Personio…")));
    hc_http_fetch_pages_async (run->http, &pager, page_cb, run, cancellable,
                               pages_cb, g_steal_pointer (&task));
  }
}

static void
start_run (HcPersonioConnector *self,
           GTask               *task,
           RunKind              kind,
           HcProgressFunc       progress,
           gpointer             progress_data)
{
  g_autoptr (GHashTable) fields = NULL;
  GError *error = NULL;
  Run *run;

  run = g_new0 (Run, 1);
  run->kind = kind;
  run->progress = progress;
  run->progress_data = progress_data;
  run->employees = g_ptr_array_new_with_free_func (g_object_unref);
  if (kind == RUN_FETCH)
    run->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) hc_field_info_free);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  /* One session per run. */
  run->http = hc_http_new (VENDOR_NAME, self->base_url, &error);
  if (run->http == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  hc_http_add_secret (run->http, self->secret);
  run->auth_path = endpoint_path (run->http, AUTH_PATH);
  run->employees_path = endpoint_path (run->http, EMPLOYEES_PATH);

  fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (fields, "client_id", self->client_id);
  g_hash_table_insert (fields, "client_secret", self->secret);
  hc_http_post_form_async (run->http, AUTH_PATH, fields, g_task_get_cancellable (task),
                           auth_cb, task);
}

static void
hc_personio_connector_test_connection_async (HcConnector        *connector,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  g_task_set_source_tag (task, hc_personio_connector_test_connection_async);
  start_run (HC_PERSONIO_CONNECTOR (connector), task, RUN_TEST, NULL, NULL);
}

static gboolean
hc_personio_connector_test_connection_finish (HcConnector  *connector,
                                              GAsyncResult *result,
                                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
hc_personio_connector_fetch_employees_async (HcConnector        *connector,
                                             HcProgressFunc      progress,
                                             gpointer            progress_data,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  g_task_set_source_tag (task, hc_personio_connector_fetch_employees_async);
  start_run (HC_PERSONIO_CONNECTOR (connector), task, RUN_FETCH, progress, progress_data);
}

static GPtrArray *
hc_personio_connector_fetch_employees_finish (HcConnector  *connector,
                                              GAsyncResult *result,
                                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
hc_personio_connector_get_vendor_name (HcConnector *connector)
{
  return VENDOR_NAME;
}

static GPtrArray *
hc_personio_connector_dup_field_metadata (HcConnector *connector)
{
  return hc_field_info_copy_array (HC_PERSONIO_CONNECTOR (connector)->metadata);
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->dup_field_metadata = hc_personio_connector_dup_field_metadata;
  iface->get_vendor_name = hc_personio_connector_get_vendor_name;
  iface->test_connection_async = hc_personio_connector_test_connection_async;
  iface->test_connection_finish = hc_personio_connector_test_connection_finish;
  iface->fetch_employees_async = hc_personio_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_personio_connector_fetch_employees_finish;
}
