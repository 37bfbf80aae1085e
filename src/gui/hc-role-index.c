/* hc-role-index.c — who holds which role, read once for the member table
 *
 * Built in the members page's loading task, never per row: two arrays by
 * member id, searched by bisection, and each distinct line of roles kept
 * once (most members share theirs), so that 100,000 members cost a few
 * megabytes and a row's lookup no allocation.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-role-index"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-role-index.h"

typedef struct
{
  gint64 member_id;
  gint64 role_id;
} Held;

typedef struct
{
  gint64      member_id;
  const char *text;
} Label;

struct _HcRoleIndex
{
  GPtrArray    *roles;   /* HcRole*, by name */
  GArray       *held;    /* Held, by member then role */
  GArray       *labels;  /* Label, by member */
  GStringChunk *texts;   /* the labels' text, each once */
};

/* One role of a member's line: from HR first, then by name. */
typedef struct
{
  gboolean by_hand;
  guint    position;     /* in the catalogue, which is by name */
} Place;

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const Place *pa = a;
  const Place *pb = b;

  if (pa->by_hand != pb->by_hand)
    return pa->by_hand ? 1 : -1;
  return pa->position < pb->position ? -1 : pa->position > pb->position;
}

HcRoleIndex *
hc_role_index_new (GPtrArray *roles,
                   GArray    *held)
{
  HcRoleIndex *self = g_new0 (HcRoleIndex, 1);
  g_autoptr (GHashTable) positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) places = g_array_new (FALSE, FALSE, sizeof (Place));
  g_autoptr (GString) line = g_string_new (NULL);

  g_return_val_if_fail (roles != NULL && held != NULL, self);

  self->roles = g_ptr_array_ref (roles);
  self->held = g_array_sized_new (FALSE, FALSE, sizeof (Held), held->len);
  self->labels = g_array_new (FALSE, FALSE, sizeof (Label));
  self->texts = g_string_chunk_new (4096);

  for (guint i = 0; i < roles->len; i++)
    {
      HcRole *role = g_ptr_array_index (roles, i);

      g_hash_table_insert (positions, &role->id, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < held->len;)
    {
      gint64 member_id = g_array_index (held, HcMemberRole, i).member_id;
      Label label = { member_id, NULL };

      g_array_set_size (places, 0);
      for (; i < held->len && g_array_index (held, HcMemberRole, i).member_id == member_id; i++)
        {
          const HcMemberRole *r = &g_array_index (held, HcMemberRole, i);
          guint position = GPOINTER_TO_UINT (g_hash_table_lookup (positions, &r->role_id));
          Held h = { member_id, r->role_id };
          Place place = { r->added_by != HC_GROUP_ORIGIN_HR, position - 1 };

          if (position == 0)
            continue;   /* deleted meanwhile */
          g_array_append_val (self->held, h);
          g_array_append_val (places, place);
        }
      if (places->len == 0)
        continue;
      g_array_sort (places, compare_places);
      g_string_truncate (line, 0);
      for (guint k = 0; k < places->len; k++)
        {
          HcRole *role = g_ptr_array_index (roles, g_array_index (places, Place, k).position);

          if (k > 0)
            /* Translators: between two roles of a member, "Engineer, Fire warden" */
            g_string_append (line, _(", "));
          g_string_append (line, role->name);
        }
      label.text = g_string_chunk_insert_const (self->texts, line->str);
      g_array_append_val (self->labels, label);
    }
  return self;
}

HcRoleIndex *
hc_role_index_load (HcStore *store,
                    GError **error)
{
  g_autoptr (GPtrArray) roles = NULL;
  g_autoptr (GArray) held = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  if ((roles = hc_store_list_roles (store, error)) == NULL ||
      (held = hc_store_list_member_roles (store, error)) == NULL)
    return NULL;
  return hc_role_index_new (roles, held);
}

void
hc_role_index_free (HcRoleIndex *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->roles);
  g_array_unref (self->held);
  g_array_unref (self->labels);
  g_string_chunk_free (self->texts);
  g_free (self);
}

GPtrArray *
hc_role_index_get_roles (HcRoleIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->roles;
}

/* The first entry of @array (of structs starting with a member id, each
 * @size bytes) for @member_id, or its length when none. */
static guint
bisect (GArray *array,
        gsize   size,
        gint64  member_id)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (*(gint64 *) (array->data + (gsize) mid * size) < member_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < array->len && *(gint64 *) (array->data + (gsize) lo * size) == member_id)
    return lo;
  return array->len;
}

const char *
hc_role_index_get_label (HcRoleIndex *self,
                         gint64       member_id)
{
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  i = bisect (self->labels, sizeof (Label), member_id);
  return i < self->labels->len ? g_array_index (self->labels, Label, i).text : NULL;
}

gboolean
hc_role_index_holds (HcRoleIndex *self,
                     gint64       member_id,
                     gint64       role_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = bisect (self->held, sizeof (Held), member_id);
       i < self->held->len && g_array_index (self->held, Held, i).member_id == member_id; i++)
    if (g_array_index (self->held, Held, i).role_id == role_id)
      return TRUE;
  return FALSE;
}
