/* hc-member-list.c — a GListModel of members over an array
 *
 * GListStore keeps its items in a GSequence, where reading item n costs
 * log n: the sorted and filtered views above read every item in an order
 * of their own, 100,000 times per keystroke. An array reads in O(1).
 *
 * The Name column's order: a GtkStringSorter makes a collation key per
 * member on the main thread each time the members are loaded, about half
 * a second for 100,000. The loader ranks the members by name in its
 * thread instead, and the column sorts on the ranks.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-member-list"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hc-member-list.h"

struct _HcMemberList
{
  GObject    parent_instance;

  GPtrArray *members;   /* of HcMember*, owned */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcMemberList, hc_member_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
hc_member_list_get_item_type (GListModel *model)
{
  return HC_TYPE_MEMBER;
}

static guint
hc_member_list_get_n_items (GListModel *model)
{
  return HC_MEMBER_LIST (model)->members->len;
}

static gpointer
hc_member_list_get_item (GListModel *model,
                         guint       position)
{
  HcMemberList *self = HC_MEMBER_LIST (model);

  if (position >= self->members->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->members, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hc_member_list_get_item_type;
  iface->get_n_items = hc_member_list_get_n_items;
  iface->get_item = hc_member_list_get_item;
}

static void
hc_member_list_finalize (GObject *object)
{
  g_clear_pointer (&HC_MEMBER_LIST (object)->members, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_member_list_parent_class)->finalize (object);
}

static void
hc_member_list_class_init (HcMemberListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_member_list_finalize;
}

static void
hc_member_list_init (HcMemberList *self)
{
  self->members = g_ptr_array_new_with_free_func (g_object_unref);
}

HcMemberList *
hc_member_list_new (void)
{
  return g_object_new (HC_TYPE_MEMBER_LIST, NULL);
}

/* Past this many, the members a reload replaces are released in a thread:
 * finalizing 100,000 of them (a score of strings each) holds the main
 * thread for a fifth of a second. */
#define RELEASE_IN_THREAD 10000

static gpointer
release_thread (gpointer data)
{
  g_ptr_array_unref (data);
  return NULL;
}

void
hc_member_list_take (HcMemberList *self,
                     GPtrArray    *members)
{
  g_autoptr (GPtrArray) old = NULL;
  guint removed;

  g_return_if_fail (HC_IS_MEMBER_LIST (self));
  g_return_if_fail (members != NULL);

  old = g_steal_pointer (&self->members);
  removed = old->len;
  self->members = members;

  if (removed > 0 || self->members->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->members->len);

  /* The views have let go of them: only the rows on screen keep theirs,
   * and those are released here, on the main thread, when the rows are. */
  if (old->len > RELEASE_IN_THREAD)
    g_thread_unref (g_thread_new ("hc-release-members", release_thread, g_steal_pointer (&old)));
}

GPtrArray *
hc_member_list_peek (HcMemberList *self)
{
  g_return_val_if_fail (HC_IS_MEMBER_LIST (self), NULL);

  return self->members;
}

/* Ranking by name */

static GQuark
name_rank_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("hc-member-name-rank");
  return quark;
}

typedef struct
{
  char     *key;
  HcMember *member;
  guint     position;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *ra = a, *rb = b;
  int order = strcmp (ra->key, rb->key);

  /* stable: members of the same name keep the order they came in */
  if (order != 0)
    return order;
  return ra->position < rb->position ? -1 : ra->position > rb->position;
}

void
hc_member_list_rank_by_name (GPtrArray *members)
{
  g_autofree Ranked *ranked = NULL;
  guint rank = 0;

  g_return_if_fail (members != NULL);

  ranked = g_new (Ranked, MAX (members->len, 1));
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);
      const char *name = hc_member_get_display_name (member);
      g_autofree char *folded = g_utf8_casefold (name != NULL ? name : "", -1);

      /* as GtkStringSorter keys a string: case-folded, then collated */
      ranked[i].key = g_utf8_collate_key (folded, -1);
      ranked[i].member = member;
      ranked[i].position = i;
    }
  qsort (ranked, members->len, sizeof (Ranked), compare_ranked);

  for (guint i = 0; i < members->len; i++)
    {
      /* the same name, the same rank */
      if (i == 0 || strcmp (ranked[i].key, ranked[i - 1].key) != 0)
        rank = i + 1;
      g_object_set_qdata (G_OBJECT (ranked[i].member), name_rank_quark (), GUINT_TO_POINTER (rank));
      members->pdata[i] = ranked[i].member;
    }
  for (guint i = 0; i < members->len; i++)
    g_free (ranked[i].key);
}

gboolean
hc_member_list_is_in_name_order (GPtrArray *members)
{
  guint last = 0;

  g_return_val_if_fail (members != NULL, FALSE);

  for (guint i = 0; i < members->len; i++)
    {
      guint rank = hc_member_list_get_name_rank (g_ptr_array_index (members, i));

      if (rank == 0 || rank < last)
        return FALSE;
      last = rank;
    }
  return TRUE;
}

guint
hc_member_list_get_name_rank (HcMember *member)
{
  /* No G_OBJECT () cast: sorting reads this twice per comparison, and the
   * cast's type check was most of the sort's time. */
  return GPOINTER_TO_UINT (g_object_get_qdata ((GObject *) member, name_rank_quark ()));
}

static int
compare_name_rank (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  guint ra = hc_member_list_get_name_rank ((HcMember *) a);
  guint rb = hc_member_list_get_name_rank ((HcMember *) b);

  return ra < rb ? GTK_ORDERING_SMALLER : ra > rb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

GtkSorter *
hc_member_list_new_name_sorter (void)
{
  /* No sort keys: on members already in this order, GtkSortListModel's
   * merge sort compares each neighbour once. */
  return GTK_SORTER (gtk_custom_sorter_new (compare_name_rank, NULL, NULL));
}
