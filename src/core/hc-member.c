/* hc-member.c — one directory member
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-member"

#include "config.h"

#include <string.h>

#include "hc-member.h"
#include "hc-sanitize.h"

typedef enum
{
  TEXT_EMAIL,
  TEXT_FIRST_NAME,
  TEXT_LAST_NAME,
  TEXT_PREFERRED_NAME,
  TEXT_TITLE,
  TEXT_DEPARTMENT,
  TEXT_TEAM,
  TEXT_OFFICE,
  TEXT_START_DATE,
  TEXT_END_DATE,
  N_TEXT
} TextField;

static const char * const text_field_names[N_TEXT] = {
  HC_MEMBER_FIELD_EMAIL, HC_MEMBER_FIELD_FIRST_NAME, HC_MEMBER_FIELD_LAST_NAME,
  HC_MEMBER_FIELD_PREFERRED_NAME, HC_MEMBER_FIELD_TITLE, HC_MEMBER_FIELD_DEPARTMENT,
  HC_MEMBER_FIELD_TEAM, HC_MEMBER_FIELD_OFFICE, HC_MEMBER_FIELD_START_DATE,
  HC_MEMBER_FIELD_END_DATE,
};

struct _HcMember
{
  GObject       parent_instance;

  gint64        id;
  char         *external_id;
  gint64        connector_id;
  char         *text[N_TEXT];
  GHashTable   *custom;         /* name (without "custom.") → value, or NULL */
  gint64        manager_id;
  char         *manager_name;
  HcMemberState state;
  HcHrStatus    hr_status;
  gboolean      has_access;
  HcMemberState archived_from;  /* state before the archive; ARCHIVED: unknown */
  gboolean      bulk;           /* no notify, no derived update */
  /* A packed member (hc_member_new_packed()): @external_id and @text[] in
   * one block, the derived properties made when first read. */
  char         *block;
  gsize         block_size;
  gboolean      derived_stale;

  /* derived */
  char         *display_name;
  char         *initials;
  char         *search_text;
};

G_DEFINE_FINAL_TYPE (HcMember, hc_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EXTERNAL_ID,
  PROP_CONNECTOR_ID,
  PROP_EMAIL,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_PREFERRED_NAME,
  PROP_TITLE,
  PROP_DEPARTMENT,
  PROP_TEAM,
  PROP_OFFICE,
  PROP_START_DATE,
  PROP_END_DATE,
  PROP_MANAGER_ID,
  PROP_MANAGER_NAME,
  PROP_STATE,
  PROP_HR_STATUS,
  PROP_HAS_ACCESS,
  PROP_DISPLAY_NAME,
  PROP_INITIALS,
  PROP_SEARCH_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static inline void
notify (HcMember *self,
        int       prop)
{
  if (!self->bulk)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* The property of each text field, in TextField order. */
static const int text_props[N_TEXT] = {
  PROP_EMAIL, PROP_FIRST_NAME, PROP_LAST_NAME, PROP_PREFERRED_NAME, PROP_TITLE,
  PROP_DEPARTMENT, PROP_TEAM, PROP_OFFICE, PROP_START_DATE, PROP_END_DATE,
};

static char *fold_slowly (const char *text);

/* Folding is per character for the characters below U+0250, which are
 * all starters (none combines with its neighbours): their foldings, made
 * once by fold_slowly() itself, fold the Latin names of a directory of
 * 100,000 members without normalising each. */
#define FOLD_TABLE_END 0x250

static const char *const *
fold_table (void)
{
  static const char **table;

  if (g_once_init_enter (&table))
    {
      const char **made = g_new0 (const char *, FOLD_TABLE_END);

      for (gunichar c = 0x80; c < FOLD_TABLE_END; c++)
        {
          char utf8[8] = { 0 };

          g_unichar_to_utf8 (c, utf8);
          {
            g_autofree char *one = fold_slowly (utf8);

            made[c] = g_intern_string (one);
          }
        }
      g_once_init_leave (&table, made);
    }
  return table;
}

char *
hc_member_fold_search_text (const char *text)
{
  const char * const *table;
  GString *folded;

  if (text == NULL)
    return g_strdup ("");
  if (g_str_is_ascii (text))
    return g_ascii_strdown (text, -1);

  table = fold_table ();
  folded = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c < 0x80)
        g_string_append_c (folded, g_ascii_tolower (*p));
      else if (c < FOLD_TABLE_END)
        g_string_append (folded, table[c]);
      else
        {
          g_string_free (folded, TRUE);
          return fold_slowly (text);
        }
    }
  return g_string_free (folded, FALSE);
}

static char *
fold_slowly (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr (GString) stripped = NULL;

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      /* letters that do not decompose */
      switch (c)
        {
        case 0x00D8: case 0x00F8: g_string_append_c (stripped, 'o'); continue;  /* Ø ø */
        case 0x00DF: g_string_append (stripped, "ss"); continue;                 /* ß */
        case 0x00C6: case 0x00E6: g_string_append (stripped, "ae"); continue;   /* Æ æ */
        case 0x0141: case 0x0142: g_string_append_c (stripped, 'l'); continue;  /* Ł ł */
        case 0x0152: case 0x0153: g_string_append (stripped, "oe"); continue;   /* Œ œ */
        default:
          g_string_append_unichar (stripped, c);
        }
    }

  return g_utf8_casefold (stripped->str, -1);
}

static void
update_derived (HcMember *self)
{
  const char *first = self->text[TEXT_PREFERRED_NAME] ? self->text[TEXT_PREFERRED_NAME]
                                                       : self->text[TEXT_FIRST_NAME];
  const char *last = self->text[TEXT_LAST_NAME];
  const char *email = self->text[TEXT_EMAIL];
  g_autofree char *display = NULL;
  g_autofree char *search = NULL;
  GString *initials = g_string_new (NULL);

  if (first && last)
    display = g_strdup_printf ("%s %s", first, last);
  else if (first || last)
    display = g_strdup (first ? first : last);
  else if (email)
    display = g_strdup (email);
  else
    display = g_strdup ("");

  if (first)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (first)));
  if (last)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (last)));
  if (initials->len == 0 && email)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (email)));

  self->derived_stale = FALSE;
  search = g_strconcat (display, " ", email ? email : "", NULL);

  if (g_strcmp0 (display, self->display_name) != 0)
    {
      g_free (self->display_name);
      self->display_name = g_steal_pointer (&display);
      notify (self, PROP_DISPLAY_NAME);
    }
  if (g_strcmp0 (initials->str, self->initials) != 0)
    {
      g_free (self->initials);
      self->initials = g_string_free (initials, FALSE);
      notify (self, PROP_INITIALS);
    }
  else
    g_string_free (initials, TRUE);

  g_free (self->search_text);
  self->search_text = hc_member_fold_search_text (search);
}

/* Frees @text unless it lives in the member's block. */
static void
free_text (HcMember *self,
           char     *text)
{
  if (self->block != NULL && text >= self->block && text < self->block + self->block_size)
    return;
  g_free (text);
}

static gboolean
set_string (HcMember   *self,
            char      **slot,
            const char *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  free_text (self, *slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* The derived properties of a packed member, made when first read:
 * nothing observed them before, so nothing is notified. */
static void
ensure_derived (HcMember *self)
{
  gboolean bulk = self->bulk;

  if (!self->derived_stale)
    return;
  self->bulk = TRUE;
  update_derived (self);
  self->bulk = bulk;
}

static void
hc_member_finalize (GObject *object)
{
  HcMember *self = HC_MEMBER (object);

  free_text (self, self->external_id);
  for (guint i = 0; i < N_TEXT; i++)
    free_text (self, self->text[i]);
  g_free (self->block);
  g_clear_pointer (&self->custom, g_hash_table_unref);
  g_free (self->manager_name);
  g_free (self->display_name);
  g_free (self->initials);
  g_free (self->search_text);

  G_OBJECT_CLASS (hc_member_parent_class)->finalize (object);
}

static void
hc_member_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HcMember *self = HC_MEMBER (object);

  for (guint i = 0; i < N_TEXT; i++)
    {
      if ((int) prop_id == text_props[i])
        {
          g_value_set_string (value, self->text[i]);
          return;
        }
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_EXTERNAL_ID:
      g_value_set_string (value, self->external_id);
      break;
    case PROP_CONNECTOR_ID:
      g_value_set_int64 (value, self->connector_id);
      break;
    case PROP_MANAGER_ID:
      g_value_set_int64 (value, self->manager_id);
      break;
    case PROP_MANAGER_NAME:
      g_value_set_string (value, self->manager_name);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_HR_STATUS:
      g_value_set_enum (value, self->hr_status);
      break;
    case PROP_HAS_ACCESS:
      g_value_set_boolean (value, self->has_access);
      break;
    case PROP_DISPLAY_NAME:
      ensure_derived (self);
      g_value_set_string (value, self->display_name);
      break;
    case PROP_INITIALS:
      ensure_derived (self);
      g_value_set_string (value, self->initials);
      break;
    case PROP_SEARCH_TEXT:
      ensure_derived (self);
      g_value_set_string (value, self->search_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_member_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HcMember *self = HC_MEMBER (object);

  for (guint i = 0; i < N_TEXT; i++)
    {
      if ((int) prop_id == text_props[i])
        {
          hc_member_set_field (self, text_field_names[i], g_value_get_string (value));
          return;
        }
    }

  switch (prop_id)
    {
    case PROP_ID:
      hc_member_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_EXTERNAL_ID:
      hc_member_set_external_id (self, g_value_get_string (value));
      break;
    case PROP_CONNECTOR_ID:
      hc_member_set_connector_id (self, g_value_get_int64 (value));
      break;
    case PROP_MANAGER_ID:
      hc_member_set_manager_id (self, g_value_get_int64 (value));
      break;
    case PROP_MANAGER_NAME:
      hc_member_set_manager_name (self, g_value_get_string (value));
      break;
    case PROP_STATE:
      hc_member_set_state (self, g_value_get_enum (value));
      break;
    case PROP_HR_STATUS:
      hc_member_set_hr_status (self, g_value_get_enum (value));
      break;
    case PROP_HAS_ACCESS:
      hc_member_set_has_access (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_member_class_init (HcMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hc_member_finalize;
  object_class->get_property = hc_member_get_property;
  object_class->set_property = hc_member_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_EXTERNAL_ID] = g_param_spec_string ("external-id", NULL, NULL, NULL, rw);
  properties[PROP_CONNECTOR_ID] = g_param_spec_int64 ("connector-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, rw);
  properties[PROP_FIRST_NAME] = g_param_spec_string ("first-name", NULL, NULL, NULL, rw);
  properties[PROP_LAST_NAME] = g_param_spec_string ("last-name", NULL, NULL, NULL, rw);
  properties[PROP_PREFERRED_NAME] = g_param_spec_string ("preferred-name", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_DEPARTMENT] = g_param_spec_string ("department", NULL, NULL, NULL, rw);
  properties[PROP_TEAM] = g_param_spec_string ("team", NULL, NULL, NULL, rw);
  properties[PROP_OFFICE] = g_param_spec_string ("office", NULL, NULL, NULL, rw);
  properties[PROP_START_DATE] = g_param_spec_string ("start-date", NULL, NULL, NULL, rw);
  properties[PROP_END_DATE] = g_param_spec_string ("end-date", NULL, NULL, NULL, rw);
  properties[PROP_MANAGER_ID] = g_param_spec_int64 ("manager-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_MANAGER_NAME] = g_param_spec_string ("manager-name", NULL, NULL, NULL, rw);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, HC_TYPE_MEMBER_STATE,
                                              HC_MEMBER_STATE_ACTIVE, rw);
  properties[PROP_HR_STATUS] = g_param_spec_enum ("hr-status", NULL, NULL, HC_TYPE_HR_STATUS,
                                                  HC_HR_STATUS_MANUAL, rw);
  properties[PROP_HAS_ACCESS] = g_param_spec_boolean ("has-access", NULL, NULL, TRUE, rw);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, ro);
  properties[PROP_INITIALS] = g_param_spec_string ("initials", NULL, NULL, NULL, ro);
  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_member_init (HcMember *self)
{
  self->has_access = TRUE;
  self->archived_from = HC_MEMBER_STATE_ARCHIVED;
  self->display_name = g_strdup ("");
  self->initials = g_strdup ("");
  self->search_text = g_strdup ("");
}

HcMember *
hc_member_new (void)
{
  return g_object_new (HC_TYPE_MEMBER, NULL);
}

static int text_field_index (const char *field);

HcMember *
hc_member_new_packed (gint64              id,
                      const char         *external_id,
                      gint64              connector_id,
                      const char * const *fields,
                      const char * const *values,
                      guint               n_fields)
{
  HcMember *self = hc_member_new ();
  gsize size = external_id != NULL && *external_id != '\0' ? strlen (external_id) + 1 : 0;
  int idx[N_TEXT];
  char *at;

  g_return_val_if_fail (n_fields <= N_TEXT, self);

  for (guint i = 0; i < n_fields; i++)
    {
      idx[i] = text_field_index (fields[i]);
      g_return_val_if_fail (idx[i] >= 0, self);
      if (values[i] != NULL && *values[i] != '\0')
        size += strlen (values[i]) + 1;
    }

  self->id = id;
  self->connector_id = connector_id;
  self->bulk = TRUE;
  if (size == 0)
    return self;
  self->block = at = g_malloc (size);
  self->block_size = size;
  if (external_id != NULL && *external_id != '\0')
    {
      self->external_id = strcpy (at, external_id);
      at += strlen (at) + 1;
    }
  for (guint i = 0; i < n_fields; i++)
    if (values[i] != NULL && *values[i] != '\0')
      {
        self->text[idx[i]] = strcpy (at, values[i]);
        at += strlen (at) + 1;
      }
  return self;
}

HcMember *
hc_member_copy (HcMember *self)
{
  HcMember *copy;

  g_return_val_if_fail (HC_IS_MEMBER (self), NULL);

  copy = hc_member_new ();
  copy->id = self->id;
  copy->external_id = g_strdup (self->external_id);
  copy->connector_id = self->connector_id;
  for (guint i = 0; i < N_TEXT; i++)
    copy->text[i] = g_strdup (self->text[i]);
  if (self->custom)
    {
      GHashTableIter iter;
      gpointer k, v;

      copy->custom = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, self->custom);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (copy->custom, g_strdup (k), g_strdup (v));
    }
  copy->manager_id = self->manager_id;
  copy->manager_name = g_strdup (self->manager_name);
  copy->state = self->state;
  copy->hr_status = self->hr_status;
  copy->has_access = self->has_access;
  copy->archived_from = self->archived_from;
  update_derived (copy);

  return copy;
}

void
hc_member_begin_bulk (HcMember *self)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  self->bulk = TRUE;
}

void
hc_member_end_bulk (HcMember *self)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  self->bulk = FALSE;
  /* a packed member's are made when first read */
  if (self->block != NULL)
    self->derived_stale = TRUE;
  else
    update_derived (self);
}

gint64
hc_member_get_id (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), 0);
  return self->id;
}

void
hc_member_set_id (HcMember *self,
                  gint64    id)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  if (self->id == id)
    return;
  self->id = id;
  notify (self, PROP_ID);
}

const char *
hc_member_get_external_id (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), NULL);
  return self->external_id;
}

void
hc_member_set_external_id (HcMember   *self,
                           const char *external_id)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  if (set_string (self, &self->external_id, external_id))
    notify (self, PROP_EXTERNAL_ID);
}

gint64
hc_member_get_connector_id (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), 0);
  return self->connector_id;
}

void
hc_member_set_connector_id (HcMember *self,
                            gint64    connector_id)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  if (self->connector_id == connector_id)
    return;
  self->connector_id = connector_id;
  notify (self, PROP_CONNECTOR_ID);
}

static int
text_field_index (const char *field)
{
  /* the same string first, then the first letter: a plan compares every
   * field of every member */
  for (guint i = 0; i < N_TEXT; i++)
    if (field == text_field_names[i])
      return (int) i;
  for (guint i = 0; i < N_TEXT; i++)
    if (field[0] == text_field_names[i][0] && g_str_equal (field, text_field_names[i]))
      return (int) i;
  return -1;
}

const char *
hc_member_get_field (HcMember   *self,
                     const char *field)
{
  int idx;

  g_return_val_if_fail (HC_IS_MEMBER (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  idx = text_field_index (field);
  if (idx >= 0)
    return self->text[idx];
  if (g_str_has_prefix (field, "custom."))
    return self->custom ? g_hash_table_lookup (self->custom, field + strlen ("custom.")) : NULL;
  if (g_str_equal (field, HC_MEMBER_FIELD_EMPLOYEE_ID))
    return self->external_id;
  if (g_str_equal (field, HC_MEMBER_FIELD_MANAGER))
    return self->manager_name;

  return NULL;
}

void
hc_member_set_field (HcMember   *self,
                     const char *field,
                     const char *value)
{
  int idx;

  g_return_if_fail (HC_IS_MEMBER (self));
  g_return_if_fail (field != NULL);

  idx = text_field_index (field);
  if (idx >= 0)
    {
      if (set_string (self, &self->text[idx], value))
        {
          notify (self, text_props[idx]);
          if (idx <= TEXT_PREFERRED_NAME && !self->bulk)
            update_derived (self);
        }
      return;
    }

  if (g_str_has_prefix (field, "custom.") && field[strlen ("custom.")] != '\0')
    {
      const char *name = field + strlen ("custom.");

      if (value == NULL || *value == '\0')
        {
          if (self->custom)
            g_hash_table_remove (self->custom, name);
          return;
        }
      if (self->custom == NULL)
        self->custom = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->custom, g_strdup (name), g_strdup (value));
      return;
    }

  if (g_str_equal (field, HC_MEMBER_FIELD_EMPLOYEE_ID))
    hc_member_set_external_id (self, value);
  else
    g_critical ("Unknown member field “%s”", field);
}

GPtrArray *
hc_member_list_custom_fields (HcMember *self)
{
  GPtrArray *names = g_ptr_array_new ();

  g_return_val_if_fail (HC_IS_MEMBER (self), names);

  if (self->custom)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->custom);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (names, key);
      hc_ptr_array_sort_strings (names);
    }

  return names;
}

gint64
hc_member_get_manager_id (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), 0);
  return self->manager_id;
}

void
hc_member_set_manager_id (HcMember *self,
                          gint64    manager_id)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  if (self->manager_id == manager_id)
    return;
  self->manager_id = manager_id;
  notify (self, PROP_MANAGER_ID);
}

const char *
hc_member_get_manager_name (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), NULL);
  return self->manager_name;
}

void
hc_member_set_manager_name (HcMember   *self,
                            const char *name)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  if (set_string (self, &self->manager_name, name))
    notify (self, PROP_MANAGER_NAME);
}

HcMemberState
hc_member_get_state (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), HC_MEMBER_STATE_ACTIVE);
  return self->state;
}

void
hc_member_set_state (HcMember     *self,
                     HcMemberState state)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  if (self->state == state)
    return;
  self->state = state;
  notify (self, PROP_STATE);
}

HcHrStatus
hc_member_get_hr_status (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), HC_HR_STATUS_MANUAL);
  return self->hr_status;
}

void
hc_member_set_hr_status (HcMember  *self,
                         HcHrStatus status)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  if (self->hr_status == status)
    return;
  self->hr_status = status;
  notify (self, PROP_HR_STATUS);
}

gboolean
hc_member_get_has_access (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), FALSE);
  return self->has_access;
}

void
hc_member_set_has_access (HcMember *self,
                          gboolean  has_access)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  has_access = !!has_access;
  if (self->has_access == has_access)
    return;
  self->has_access = has_access;
  notify (self, PROP_HAS_ACCESS);
}

HcMemberState
hc_member_get_archived_from (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), HC_MEMBER_STATE_ARCHIVED);
  return self->archived_from;
}

/* rules.md 9: an archived member who comes back returns to the state it had
 * before the archive: invited again (a new invitation) if it had access and
 * had never joined, active if it had joined or if that is not known. With no
 * @email (the one it will have) it cannot be invited. The sync and a
 * restore by hand both ask here. */
gboolean
hc_member_returns_invited (HcMember   *self,
                           const char *email)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), FALSE);

  return email != NULL && *email != '\0' && self->has_access &&
         self->archived_from == HC_MEMBER_STATE_INVITED;
}

void
hc_member_set_archived_from (HcMember     *self,
                             HcMemberState state)
{
  g_return_if_fail (HC_IS_MEMBER (self));
  self->archived_from = state;
}

const char *
hc_member_get_display_name (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), NULL);
  ensure_derived (self);
  return self->display_name;
}

const char *
hc_member_get_initials (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), NULL);
  ensure_derived (self);
  return self->initials;
}

const char *
hc_member_get_search_text (HcMember *self)
{
  g_return_val_if_fail (HC_IS_MEMBER (self), NULL);
  ensure_derived (self);
  return self->search_text;
}

/* Deliberately loose: something@domain.tld, no spaces, nothing a mail
 * header would choke on. Whether the mailbox exists is for the invitation. */
gboolean
hc_member_email_is_valid (const char *email)
{
  const char *at;
  const char *domain;
  gsize domain_len;
  gboolean ascii = TRUE;

  if (email == NULL)
    return FALSE;
  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;

  /* every connector asks this of every e-mail it reads: one pass, and
   * the characters' check below only for what is not ASCII */
  for (const char *p = email; *p != '\0'; p++)
    {
      guchar c = (guchar) * p;

      if (c <= ' ' || c == 0x7F)
        return FALSE;
      switch (c)
        {
        case '(': case ')': case '<': case '>': case ',': case ';': case ':':
        case '\\': case '"': case '[': case ']':
          return FALSE;
        default:
          ascii &= c < 0x80;
        }
    }
  /* rules.md 31: valid UTF-8, nothing hidden or controlling in it (in
   * ASCII, only what the loop above refused). */
  if (!ascii && !g_utf8_validate (email, -1, NULL))
    return FALSE;
  for (const char *p = email; !ascii && *p != '\0'; p = g_utf8_next_char (p))
    if (hc_sanitize_is_hidden_char (g_utf8_get_char (p)) ||
        hc_sanitize_is_control_char (g_utf8_get_char (p)))
      return FALSE;

  domain = at + 1;
  domain_len = strlen (domain);
  if (domain_len < 3 || strchr (domain, '.') == NULL || domain[0] == '.' ||
      domain[domain_len - 1] == '.' || strstr (email, "..") != NULL)
    return FALSE;

  return TRUE;
}

/* YYYY-MM-DD, a real day. */
gboolean
hc_member_date_is_valid (const char *value)
{
  return hc_member_date_parse (value, NULL);
}

gboolean
hc_member_date_parse (const char *value,
                      GDate      *date)
{
  guint year, month, day;

  if (value == NULL || strlen (value) != 10 || value[4] != '-' || value[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (value[i]))
        return FALSE;
    }

  year = (guint) g_ascii_strtoull (value, NULL, 10);
  month = (guint) g_ascii_strtoull (value + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (value + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  if (date != NULL)
    {
      g_date_clear (date, 1);
      g_date_set_dmy (date, day, month, year);
    }
  return TRUE;
}
