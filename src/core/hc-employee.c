/* hc-employee.c — one HR record, normalised, with its raw fields flattened
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-employee"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hc-employee.h"
#include "hc-error.h"

/* A compact record: the field names are interned once for the process
 * (a small id each), the values are copied into chunks the employee owns
 * and never moved, and each field is an (id, value) pair in one array;
 * no hash table and no allocation per value. A value replaced stays in
 * its chunk until the employee goes: pointers handed out stay valid.
 *
 * Once filled (hc_employee_compact()), the record is one block: its
 * fields as (id, offset) pairs of 8 bytes, then its values, each once.
 * A write to a compact record unpacks its fields into an array again
 * and keeps the block as a chunk, so that its values stay valid. */

typedef struct _Chunk Chunk;
struct _Chunk
{
  Chunk  *next;
  guint32 used;
  guint32 size;
  char    data[];
};

typedef struct
{
  guint       field;   /* id in the interned names */
  const char *value;   /* in a chunk, or a static string */
} Field;

/* A field of a compact record: its value at @offset in the block's data,
 * or the status's word (a static string) for PACKED_STATUS. */
typedef struct
{
  guint32 field;
  guint32 offset;
} Packed;

#define PACKED_STATUS G_MAXUINT32

struct _HcEmployee
{
  GObject            parent_instance;

  const char        *id;      /* in a chunk */
  HcEmployeeStatus   status;
  gboolean           invalid;
  gboolean           cleaned;
  gboolean           compact; /* packed: one chunk, fields then values */
  guint              n_fields;
  guint              fields_size;
  Field             *fields;  /* NULL when packed */
  Packed            *packed;  /* at the start of the one chunk when compact */
  Chunk             *chunks;  /* the newest first */
  HcEmployeeScratch *scratch; /* lends the chunks and fields until compacted */
  GPtrArray         *problems;
};

/* Memory a decoder lends the records it fills one after the other: the
 * chunks and the field array of one record, taken back (not freed) when
 * it is compacted, for the next. */
struct _HcEmployeeScratch
{
  Chunk   *spare;        /* chunks given back, the largest first */
  Field   *fields;
  guint    fields_size;
  gboolean lent;
  /* Where the record lent has each field, by field id: its place in
   * the record's fields plus one, valid where stamped with the record's
   * stamp (so nothing is cleared from one record to the next). A decoder
   * writes and reads some sixty fields a record: found here rather than
   * by walking the fields each time. */
  guint32 *place;
  guint32 *stamps;
  guint    n_places;
  guint32  stamp;
};

G_DEFINE_FINAL_TYPE (HcEmployee, hc_employee, G_TYPE_OBJECT)

#define FIRST_CHUNK_SIZE 480
#define MAX_CHUNK_SIZE   4096
#define FIRST_FIELDS     24
#define COMPACT_SEEN     128
#define MAX_FIELDS_HINT  1024

/* What the last record compacted needed, to size the next one's first
 * chunk and field array once (the records of a page are alike) rather
 * than grow them; read and written without a lock, as a hint only. */
static gint chunk_hint = FIRST_CHUNK_SIZE;
static gint fields_hint = FIRST_FIELDS;

/* Field names: interned for the process, from any thread. Every record
 * looks its fields up by name, from the worker threads that decode pages
 * and from the plan: reading takes no lock. A writer (under names_lock)
 * fills a slot's id and hash before it publishes the slot's name, and
 * publishes a larger table or id array once it is filled; the tables and
 * arrays it replaces are kept (the names are few), as a reader may still
 * be in one. */
typedef struct
{
  const char *name;    /* interned; NULL: a free slot */
  guint       hash;
  guint       id;
} NameSlot;

typedef struct
{
  guint    mask;       /* slots - 1, a power of two minus one */
  NameSlot slots[];
} NameTable;

static GMutex names_lock;
static NameTable *name_table;     /* atomic */
static const char **names;        /* atomic: id → interned name */
static guint n_names;             /* under names_lock */
static guint names_size;          /* under names_lock */
static GSList *names_retired;     /* under names_lock: replaced tables and arrays */

#define FIRST_NAME_SLOTS 256

static guint
lookup_in (NameTable  *table,
           const char *name,
           guint       hash)
{
  for (guint i = hash & table->mask;; i = (i + 1) & table->mask)
    {
      NameSlot *slot = &table->slots[i];
      const char *found = g_atomic_pointer_get (&slot->name);

      if (found == NULL)
        return G_MAXUINT;
      if (slot->hash == hash && (found == name || strcmp (found, name) == 0))
        return slot->id;
    }
}

static void
insert_in (NameTable  *table,
           const char *name,
           guint       hash,
           guint       id)
{
  guint i = hash & table->mask;

  while (table->slots[i].name != NULL)
    i = (i + 1) & table->mask;
  table->slots[i].hash = hash;
  table->slots[i].id = id;
  g_atomic_pointer_set (&table->slots[i].name, name);
}

static NameTable *
name_table_new (guint n_slots)
{
  NameTable *table = g_malloc0 (sizeof (NameTable) + n_slots * sizeof (NameSlot));

  table->mask = n_slots - 1;
  return table;
}

/* The id of @name, or G_MAXUINT when it has none and @create is FALSE. */
static guint
name_id (const char *name,
         gboolean    create)
{
  NameTable *table = g_atomic_pointer_get (&name_table);
  guint hash = g_str_hash (name);
  guint id;

  if (table != NULL && (id = lookup_in (table, name, hash)) != G_MAXUINT)
    return id;
  if (!create)
    return G_MAXUINT;

  g_mutex_lock (&names_lock);
  table = name_table;
  if (table == NULL)
    {
      table = name_table_new (FIRST_NAME_SLOTS);
      g_atomic_pointer_set (&name_table, table);
    }
  id = lookup_in (table, name, hash);
  if (id == G_MAXUINT)
    {
      const char *interned = g_intern_string (name);

      /* kept at most half full: a free slot ends every probe */
      if ((n_names + 1) * 2 > table->mask + 1)
        {
          NameTable *larger = name_table_new ((table->mask + 1) * 2);

          for (guint i = 0; i <= table->mask; i++)
            if (table->slots[i].name != NULL)
              insert_in (larger, table->slots[i].name, table->slots[i].hash, table->slots[i].id);
          names_retired = g_slist_prepend (names_retired, table);
          table = larger;
          g_atomic_pointer_set (&name_table, table);
        }
      if (n_names == names_size)
        {
          const char **larger;

          names_size = MAX (names_size * 2, FIRST_NAME_SLOTS / 2);
          larger = g_new0 (const char *, names_size);
          if (names != NULL)
            memcpy (larger, names, n_names * sizeof (const char *));
          if (names != NULL)
            names_retired = g_slist_prepend (names_retired, names);
          g_atomic_pointer_set (&names, larger);
        }
      id = n_names++;
      names[id] = interned;
      /* the name is in place before its id can be found */
      insert_in (table, interned, hash, id);
    }
  g_mutex_unlock (&names_lock);
  return id;
}

static inline const char *
name_of (guint id)
{
  const char **all = g_atomic_pointer_get (&names);

  return all[id];
}

/* A copy of @value in the employee's chunks. */
static const char *
store_value (HcEmployee *self,
             const char *value)
{
  gsize len = strlen (value) + 1;
  Chunk *chunk = self->chunks;
  char *copy;

  g_assert (!self->compact);
  if (chunk == NULL || chunk->size - chunk->used < len)
    {
      gsize size = chunk == NULL ? (gsize) g_atomic_int_get (&chunk_hint) : MIN (chunk->size * 2, MAX_CHUNK_SIZE);
      HcEmployeeScratch *scratch = self->scratch;

      if (scratch != NULL && scratch->spare != NULL && scratch->spare->size >= len)
        {
          chunk = scratch->spare;
          scratch->spare = chunk->next;
        }
      else
        {
          if (scratch != NULL)
            size = MAX_CHUNK_SIZE;
          chunk = g_malloc (sizeof (Chunk) + MAX (size, len));
          chunk->size = MAX (size, len);
        }
      chunk->next = self->chunks;
      chunk->used = 0;
      self->chunks = chunk;
    }
  copy = chunk->data + chunk->used;
  memcpy (copy, value, len);
  chunk->used += len;
  return copy;
}

static inline const char *
packed_value (HcEmployee   *self,
              const Packed *p)
{
  if (p->offset == PACKED_STATUS)
    return hc_employee_status_to_string (self->status);
  return self->chunks->data + p->offset;
}

/* The @i-th field's id and value, packed or not. */
static inline guint
field_at (HcEmployee  *self,
          guint        i,
          const char **value)
{
  if (self->compact)
    {
      *value = packed_value (self, &self->packed[i]);
      return self->packed[i].field;
    }
  *value = self->fields[i].value;
  return self->fields[i].field;
}

/* The place of @field in a record lent a scratch (not compact): its
 * index plus one, 0 when the record lacks it. */
static inline guint
scratch_place (HcEmployee *self,
               guint       field)
{
  HcEmployeeScratch *scratch = self->scratch;

  if (field >= scratch->n_places || scratch->stamps[field] != scratch->stamp)
    return 0;
  return scratch->place[field];
}

static void
scratch_set_place (HcEmployee *self,
                   guint       field,
                   guint       place)
{
  HcEmployeeScratch *scratch = self->scratch;

  if (field >= scratch->n_places)
    {
      guint n = MAX (field + 1, scratch->n_places * 2);

      scratch->place = g_renew (guint32, scratch->place, n);
      scratch->stamps = g_renew (guint32, scratch->stamps, n);
      memset (scratch->stamps + scratch->n_places, 0, (n - scratch->n_places) * sizeof (guint32));
      scratch->n_places = n;
    }
  scratch->place[field] = place;
  scratch->stamps[field] = scratch->stamp;
}

/* The value of @field, or NULL. */
static const char *
find_value (HcEmployee *self,
            guint       field)
{
  if (self->scratch != NULL && !self->compact)
    {
      guint place = scratch_place (self, field);

      return place != 0 ? self->fields[place - 1].value : NULL;
    }
  if (self->compact)
    {
      for (guint i = 0; i < self->n_fields; i++)
        if (self->packed[i].field == field)
          return packed_value (self, &self->packed[i]);
      return NULL;
    }
  for (guint i = 0; i < self->n_fields; i++)
    if (self->fields[i].field == field)
      return self->fields[i].value;
  return NULL;
}

/* Before a write to a compact record: its fields as an array again, its
 * block kept as a full chunk (the values read before stay valid). */
static void
unpack (HcEmployee *self)
{
  if (!self->compact)
    return;
  self->fields_size = MAX (self->n_fields + 4, FIRST_FIELDS);
  self->fields = g_new (Field, self->fields_size);
  for (guint i = 0; i < self->n_fields; i++)
    {
      self->fields[i].field = self->packed[i].field;
      self->fields[i].value = packed_value (self, &self->packed[i]);
    }
  self->packed = NULL;
  self->compact = FALSE;
}

static Field *
find_slot (HcEmployee *self,
           guint       field)
{
  g_assert (!self->compact);
  if (self->scratch != NULL)
    {
      guint place = scratch_place (self, field);

      return place != 0 ? &self->fields[place - 1] : NULL;
    }
  for (guint i = 0; i < self->n_fields; i++)
    if (self->fields[i].field == field)
      return &self->fields[i];
  return NULL;
}

/* @value NULL removes the field; @copy FALSE keeps @value as it is (a
 * static string). */
static void
put_field (HcEmployee *self,
           guint       field,
           const char *value,
           gboolean    copy)
{
  Field *slot;

  if (self->compact)
    {
      const char *before = find_value (self, field);

      /* nothing to write: the record stays packed */
      if (value == NULL ? before == NULL : before != NULL && strcmp (before, value) == 0)
        return;
      unpack (self);
    }
  slot = find_slot (self, field);

  if (value == NULL)
    {
      if (slot != NULL)
        {
          guint i = slot - self->fields;

          memmove (slot, slot + 1, (self->n_fields - i - 1) * sizeof (Field));
          self->n_fields--;
          if (self->scratch != NULL)
            {
              scratch_set_place (self, field, 0);
              for (guint j = i; j < self->n_fields; j++)
                scratch_set_place (self, self->fields[j].field, j + 1);
            }
        }
      return;
    }
  if (slot != NULL && strcmp (slot->value, value) == 0)
    return;
  if (copy)
    value = store_value (self, value);
  if (slot != NULL)
    {
      slot->value = value;
      return;
    }
  if (self->n_fields == self->fields_size)
    {
      self->fields_size = self->fields_size ? self->fields_size * 2 : (guint) g_atomic_int_get (&fields_hint);
      self->fields = g_renew (Field, self->fields, self->fields_size);
    }
  self->fields[self->n_fields].field = field;
  self->fields[self->n_fields].value = value;
  self->n_fields++;
  if (self->scratch != NULL)
    scratch_set_place (self, field, self->n_fields);
}

/* A hash of @value (@len bytes with its NUL) for hc_employee_compact()'s
 * table of the values copied so far: its length and its first and last
 * bytes. Enough to tell apart the forty or so values of one record, for
 * a few instructions where g_str_hash() takes five a byte; two values
 * alike there are told apart by strcmp(). */
static inline guint
value_hash (const char *value,
            gsize       len)
{
  guint32 head = 0, tail = 0, h;

  memcpy (&head, value, MIN (len, sizeof head));
  if (len > sizeof tail)
    memcpy (&tail, value + len - 1 - sizeof tail, sizeof tail);
  h = (guint32) len ^ head ^ (tail * 2654435761u);

  /* mixed so that every bit counts in the table's few low ones */
  h ^= h >> 16;
  h *= 0x7feb352du;
  h ^= h >> 15;
  return h;
}

static void
free_chunks (HcEmployee *self)
{
  while (self->chunks != NULL)
    {
      Chunk *next = self->chunks->next;

      g_free (self->chunks);
      self->chunks = next;
    }
}

/* A record filled in a scratch's memory gives its chunks and field
 * array back, the largest chunk first in line for the next record. */
static void
give_back (HcEmployee *self)
{
  HcEmployeeScratch *scratch = self->scratch;

  if (scratch == NULL)
    return;
  while (self->chunks != NULL)
    {
      Chunk *chunk = self->chunks;

      self->chunks = chunk->next;
      if (scratch->spare != NULL && chunk->size < scratch->spare->size)
        {
          chunk->next = scratch->spare->next;
          scratch->spare->next = chunk;
        }
      else
        {
          chunk->next = scratch->spare;
          scratch->spare = chunk;
        }
    }
  scratch->fields = self->fields;
  scratch->fields_size = self->fields_size;
  self->fields = NULL;
  self->fields_size = 0;
  scratch->lent = FALSE;
  self->scratch = NULL;
}

static void
hc_employee_finalize (GObject *object)
{
  HcEmployee *self = HC_EMPLOYEE (object);

  give_back (self);
  free_chunks (self);
  g_clear_pointer (&self->fields, g_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_employee_parent_class)->finalize (object);
}

/* the fields read for every employee, their ids found once */
static guint id_field, status_field, preferred_name_field, first_name_field, last_name_field;

static void
hc_employee_class_init (HcEmployeeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_employee_finalize;
  id_field = name_id (HC_FIELD_ID, TRUE);
  status_field = name_id (HC_FIELD_STATUS, TRUE);
  preferred_name_field = name_id (HC_FIELD_PREFERRED_NAME, TRUE);
  first_name_field = name_id (HC_FIELD_FIRST_NAME, TRUE);
  last_name_field = name_id (HC_FIELD_LAST_NAME, TRUE);
}

static void
hc_employee_init (HcEmployee *self)
{
  self->status = HC_EMPLOYEE_STATUS_ACTIVE;
}

HcEmployee *
hc_employee_new (const char *id)
{
  HcEmployee *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (HC_TYPE_EMPLOYEE, NULL);
  self->id = store_value (self, id);
  put_field (self, id_field, self->id, FALSE);
  put_field (self, status_field, hc_employee_status_to_string (self->status), FALSE);
  return self;
}

HcEmployeeScratch *
hc_employee_scratch_new (void)
{
  return g_new0 (HcEmployeeScratch, 1);
}

void
hc_employee_scratch_free (HcEmployeeScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_return_if_fail (!scratch->lent);
  while (scratch->spare != NULL)
    {
      Chunk *next = scratch->spare->next;

      g_free (scratch->spare);
      scratch->spare = next;
    }
  g_free (scratch->fields);
  g_free (scratch->place);
  g_free (scratch->stamps);
  g_free (scratch);
}

HcEmployee *
hc_employee_new_in_scratch (const char        *id,
                            HcEmployeeScratch *scratch)
{
  HcEmployee *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (scratch != NULL && !scratch->lent, NULL);

  self = g_object_new (HC_TYPE_EMPLOYEE, NULL);
  scratch->lent = TRUE;
  /* a new stamp: no field placed yet */
  if (++scratch->stamp == 0)
    {
      if (scratch->stamps != NULL)
        memset (scratch->stamps, 0, scratch->n_places * sizeof (guint32));
      scratch->stamp = 1;
    }
  self->scratch = scratch;
  self->fields = g_steal_pointer (&scratch->fields);
  self->fields_size = scratch->fields_size;
  scratch->fields_size = 0;
  self->id = store_value (self, id);
  put_field (self, id_field, self->id, FALSE);
  put_field (self, status_field, hc_employee_status_to_string (self->status), FALSE);
  return self;
}

void
hc_employee_compact (HcEmployee *self)
{
  const char *seen[COMPACT_SEEN] = { NULL };
  gsize id_len, total, values, used = 0;
  guint32 id_offset = 0;
  Chunk *chunk;
  Packed *packed;
  char *at;

  g_return_if_fail (HC_IS_EMPLOYEE (self));

  /* nothing written since the last compaction */
  if (self->compact)
    return;

  for (Chunk *c = self->chunks; c != NULL; c = c->next)
    used += c->used;
  /* With room for a little more: the records of a page differ by a field
   * or two (an end date, a second team) and by the length of their
   * values, and one byte or one field more would take a second chunk or
   * double the array. */
  g_atomic_int_set (&chunk_hint, (gint) CLAMP (used + used / 4, FIRST_CHUNK_SIZE, MAX_CHUNK_SIZE));
  g_atomic_int_set (&fields_hint, (gint) CLAMP (self->n_fields + self->n_fields / 4, FIRST_FIELDS, MAX_FIELDS_HINT));

  /* A value seen under two names (a field and its label's alias) is
   * copied once: the block is sized for all of them, then trimmed. */
  id_len = strlen (self->id) + 1;
  values = self->n_fields * sizeof (Packed);
  total = values + id_len;
  for (guint i = 0; i < self->n_fields; i++)
    if (self->fields[i].field != status_field && self->fields[i].value != self->id)
      total += strlen (self->fields[i].value) + 1;
  g_assert (total < PACKED_STATUS);

  chunk = g_malloc (sizeof (Chunk) + total);
  chunk->next = NULL;
  packed = (Packed *) chunk->data;
  at = chunk->data + values;
  memcpy (at, self->id, id_len);
  id_offset = at - chunk->data;
  at += id_len;
  for (guint i = 0; i < self->n_fields; i++)
    {
      const Field *f = &self->fields[i];

      packed[i].field = f->field;
      if (f->field == status_field)
        packed[i].offset = PACKED_STATUS;
      else if (f->value == self->id)
        packed[i].offset = id_offset;
      else
        {
          gsize len = strlen (f->value) + 1;
          guint slot = value_hash (f->value, len) % COMPACT_SEEN;

          while (seen[slot] != NULL && strcmp (seen[slot], f->value) != 0)
            slot = (slot + 1) % COMPACT_SEEN;
          if (seen[slot] != NULL)
            {
              packed[i].offset = seen[slot] - chunk->data;
              continue;
            }
          packed[i].offset = at - chunk->data;
          /* kept below three quarters full: a free slot ends each probe */
          if (i < COMPACT_SEEN * 3 / 4)
            seen[slot] = at;
          memcpy (at, f->value, len);
          at += len;
        }
    }
  /* offsets: the block may move when trimmed */
  chunk->used = chunk->size = at - chunk->data;
  if (chunk->size < total)
    chunk = g_realloc (chunk, sizeof (Chunk) + chunk->size);

  give_back (self);
  free_chunks (self);
  g_clear_pointer (&self->fields, g_free);
  self->fields_size = 0;
  self->chunks = chunk;
  self->packed = (Packed *) chunk->data;
  self->id = chunk->data + id_offset;
  self->compact = TRUE;
}

const char *
hc_employee_get_id (HcEmployee *self)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);
  return self->id;
}

HcEmployeeStatus
hc_employee_get_status (HcEmployee *self)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), HC_EMPLOYEE_STATUS_INACTIVE);
  return self->status;
}

void
hc_employee_set_status (HcEmployee      *self,
                        HcEmployeeStatus status)
{
  g_return_if_fail (HC_IS_EMPLOYEE (self));

  self->status = status;
  /* hc_employee_status_to_string() gives static strings */
  put_field (self, status_field, hc_employee_status_to_string (status), FALSE);
}

const char *
hc_employee_get_field (HcEmployee *self,
                       const char *path)
{
  guint field;

  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  field = name_id (path, FALSE);
  if (field == G_MAXUINT)
    return NULL;
  return find_value (self, field);
}

guint
hc_employee_field_id (const char *path)
{
  g_return_val_if_fail (path != NULL, G_MAXUINT);

  /* registered if no record has it yet: the id stays valid for records
   * read later */
  return name_id (path, TRUE);
}

const char *
hc_employee_get_field_by_id (HcEmployee *self,
                             guint       field)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);

  return find_value (self, field);
}

void
hc_employee_prefetch (HcEmployee *self)
{
  /* a hint: nothing checked, nothing read but the two pointers */
#ifdef __GNUC__
  /* a compact record is its one chunk: fields, then values */
  if (!self->compact)
    __builtin_prefetch (self->fields);
  if (self->compact)
    {
      /* the whole record, its fields then values: most are under 512
       * bytes, and a hint past its end costs nothing */
      for (guint line = 0; line < 8; line++)
        __builtin_prefetch ((const char *) self->chunks + 64 * line);
    }
  else if (self->chunks != NULL)
    {
      __builtin_prefetch (self->chunks);
      __builtin_prefetch ((const char *) self->chunks + 64);
    }
#endif
}

void
hc_employee_set_field (HcEmployee *self,
                       const char *path,
                       const char *value)
{
  g_return_if_fail (HC_IS_EMPLOYEE (self));
  g_return_if_fail (path != NULL);

  /* id and status have their own setters and invariants */
  if (g_str_equal (path, HC_FIELD_ID))
    return;
  if (g_str_equal (path, HC_FIELD_STATUS))
    {
      HcEmployeeStatus status;

      if (hc_employee_status_from_string (value, &status))
        hc_employee_set_status (self, status);
      return;
    }

  if (value == NULL || *value == '\0')
    {
      guint field = name_id (path, FALSE);

      if (field != G_MAXUINT)
        put_field (self, field, NULL, FALSE);
    }
  else
    put_field (self, name_id (path, TRUE), value, TRUE);
}

/* hc_employee_set_field() by the id hc_employee_field_id() gave: no name
 * to look up, for a decoder that writes the same fields on every record
 * of a page. Not for the id nor the status, which have their setters. */
void
hc_employee_set_field_by_id (HcEmployee *self,
                             guint       field,
                             const char *value)
{
  g_return_if_fail (HC_IS_EMPLOYEE (self));
  g_return_if_fail (field != id_field && field != status_field);

  put_field (self, field, value != NULL && *value != '\0' ? value : NULL, TRUE);
}

GPtrArray *
hc_employee_list_fields (HcEmployee *self)
{
  GPtrArray *list = g_ptr_array_new ();

  g_return_val_if_fail (HC_IS_EMPLOYEE (self), list);

  g_ptr_array_set_size (list, self->n_fields);
  for (guint i = 0; i < self->n_fields; i++)
    {
      const char *value;

      list->pdata[i] = (gpointer) name_of (field_at (self, i, &value));
    }
  hc_ptr_array_sort_strings (list);

  return list;
}

const char *
hc_employee_find_field (HcEmployee         *self,
                        HcEmployeeFieldFunc func,
                        gpointer            user_data)
{
  const char *found = NULL;

  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);

  for (guint i = 0; i < self->n_fields; i++)
    {
      const char *value;
      const char *name = name_of (field_at (self, i, &value));

      if ((found == NULL || strcmp (name, found) < 0) && func (name, value, user_data))
        found = name;
    }
  return found;
}

char *
hc_employee_dup_display_name (HcEmployee *self)
{
  const char *first, *last, *preferred;

  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);

  preferred = find_value (self, preferred_name_field);
  first = preferred ? preferred : find_value (self, first_name_field);
  last = find_value (self, last_name_field);

  /* once per employee in every plan: no format to read */
  if (first && last)
    return g_strconcat (first, " ", last, NULL);
  if (first || last)
    return g_strdup (first ? first : last);
  if (hc_employee_get_email (self))
    return g_strdup (hc_employee_get_email (self));
  return g_strdup_printf (_("Employee %s"), self->id);
}

/* Scalars become strings; NULL for null and for containers. */
static char *
scalar_to_string (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static void
flatten_into (HcEmployee *self,
              const char *prefix,
              JsonNode   *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &child))
        {
          g_autofree char *path = prefix ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
          flatten_into (self, path, child);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr (GString) joined = g_string_new (NULL);

      /* Lists of scalars (tags, multi-selects) read as "a, b, c". */
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *value = scalar_to_string (json_array_get_element (array, i));

          if (value == NULL)
            continue;
          if (joined->len > 0)
            g_string_append (joined, ", ");
          g_string_append (joined, value);
        }
      if (prefix && joined->len > 0)
        hc_employee_set_field (self, prefix, joined->str);
    }
  else if (prefix)
    {
      g_autofree char *value = scalar_to_string (node);
      g_autofree char *trimmed = value ? g_strstrip (g_strdup (value)) : NULL;

      hc_employee_set_field (self, prefix, trimmed);
    }
}

static const char * const standard_fields[] = {
  HC_FIELD_FIRST_NAME, HC_FIELD_LAST_NAME, HC_FIELD_PREFERRED_NAME, HC_FIELD_EMAIL,
  HC_FIELD_POSITION, HC_FIELD_DEPARTMENT, HC_FIELD_TEAM, HC_FIELD_OFFICE,
  HC_FIELD_MANAGER_ID, HC_FIELD_HIRE_DATE, HC_FIELD_END_DATE,
};

HcEmployee *
hc_employee_new_from_json (JsonObject *object,
                           GError    **error)
{
  g_autoptr (HcEmployee) self = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  id = scalar_to_string (json_object_get_member (object, HC_FIELD_ID));
  if (id != NULL)
    g_strstrip (id);
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE, _("An employee has no “id”"));
      return NULL;
    }

  self = hc_employee_new (id);

  status = scalar_to_string (json_object_get_member (object, HC_FIELD_STATUS));
  if (status != NULL)
    {
      HcEmployeeStatus value;

      if (!hc_employee_status_from_string (g_strstrip (status), &value))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                       _("Employee %s has an unknown status “%s” (expected active, onboarding, leave or inactive)"),
                       id, status);
          return NULL;
        }
      hc_employee_set_status (self, value);
    }

  /* Custom fields first, so a standard field of the same name wins. */
  node = json_object_get_member (object, "fields");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    flatten_into (self, NULL, node);
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("Employee %s: “fields” must be an object"), id);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (standard_fields); i++)
    {
      node = json_object_get_member (object, standard_fields[i]);
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_VALUE (node))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                       _("Employee %s: “%s” must be a text value"), id, standard_fields[i]);
          return NULL;
        }
      flatten_into (self, standard_fields[i], node);
    }

  return g_steal_pointer (&self);
}

void
hc_employee_to_json (HcEmployee  *self,
                     JsonBuilder *builder)
{
  g_autoptr (GPtrArray) names = NULL;

  g_return_if_fail (HC_IS_EMPLOYEE (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, HC_FIELD_ID);
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, HC_FIELD_STATUS);
  json_builder_add_string_value (builder, hc_employee_status_to_string (self->status));
  for (guint i = 0; i < G_N_ELEMENTS (standard_fields); i++)
    {
      const char *v = hc_employee_get_field (self, standard_fields[i]);

      json_builder_set_member_name (builder, standard_fields[i]);
      if (v)
        json_builder_add_string_value (builder, v);
      else
        json_builder_add_null_value (builder);
    }

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  names = hc_employee_list_fields (self);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      gboolean standard = g_str_equal (name, HC_FIELD_ID) || g_str_equal (name, HC_FIELD_STATUS);

      for (guint j = 0; j < G_N_ELEMENTS (standard_fields) && !standard; j++)
        standard = g_str_equal (name, standard_fields[j]);
      if (standard)
        continue;
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, hc_employee_get_field (self, name));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

GPtrArray *
hc_employee_get_problems (HcEmployee *self)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), NULL);
  return self->problems;
}

void
hc_employee_add_problem (HcEmployee *self,
                         const char *problem)
{
  g_return_if_fail (HC_IS_EMPLOYEE (self));
  g_return_if_fail (problem != NULL);

  if (self->problems == NULL)
    self->problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->problems, g_strdup (problem));
}

gboolean
hc_employee_get_invalid (HcEmployee *self)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), FALSE);
  return self->invalid;
}

void
hc_employee_set_invalid (HcEmployee *self)
{
  g_return_if_fail (HC_IS_EMPLOYEE (self));
  self->invalid = TRUE;
}

gboolean
hc_employee_get_cleaned (HcEmployee *self)
{
  g_return_val_if_fail (HC_IS_EMPLOYEE (self), FALSE);
  return self->cleaned;
}

void
hc_employee_set_cleaned (HcEmployee *self)
{
  g_return_if_fail (HC_IS_EMPLOYEE (self));
  self->cleaned = TRUE;
}
