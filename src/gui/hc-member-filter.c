/* hc-member-filter.c — the members a filter lets through, over an array
 *
 * GtkFilterListModel reads each member through its source model (a
 * reference taken and dropped per member and per keystroke) and keeps the
 * matches in a bitset, where reading row n costs a search. This model
 * keeps its source's members in an array, filters them in one pass of
 * plain C, and reads row n in O(1).
 *
 * A change is told as the smallest "items-changed" it can: the rows that
 * stay the same at the top and at the bottom are left out. In GTK 4.8 the
 * view destroys and builds again the row widgets of every row a change
 * covers (about 200 of them, each a cell per column): rows left out keep
 * theirs, and a keystroke that changes nothing costs no signal at all.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-member-filter"

#include "config.h"

#include <string.h>

#include "hc-member-filter.h"
#include "hc-member-list.h"

struct _HcMemberFilter
{
  GObject            parent_instance;

  GListModel        *source;
  GPtrArray         *all;      /* HcMember*, the source's, in its order (borrowed) */
  GPtrArray         *shown;    /* HcMember*, the matches, in the same order (borrowed) */
  HcMemberFilterFunc func;
  gpointer           user_data;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcMemberFilter, hc_member_filter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
hc_member_filter_get_item_type (GListModel *model)
{
  return HC_TYPE_MEMBER;
}

static guint
hc_member_filter_get_n_items (GListModel *model)
{
  return ((HcMemberFilter *) model)->shown->len;
}

static gpointer
hc_member_filter_get_item (GListModel *model,
                           guint       position)
{
  HcMemberFilter *self = (HcMemberFilter *) model;

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hc_member_filter_get_item_type;
  iface->get_n_items = hc_member_filter_get_n_items;
  iface->get_item = hc_member_filter_get_item;
}

/* Replaces the rows shown by @shown, telling the views only the rows
 * between the first and the last that differ. */
static void
show (HcMemberFilter *self,
      GPtrArray      *shown)
{
  g_autoptr (GPtrArray) old = self->shown;
  guint prefix = 0, suffix = 0;
  guint n_old = old->len, n_new = shown->len;

  while (prefix < n_old && prefix < n_new && old->pdata[prefix] == shown->pdata[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         old->pdata[n_old - 1 - suffix] == shown->pdata[n_new - 1 - suffix])
    suffix++;

  self->shown = shown;
  if (n_old - prefix - suffix > 0 || n_new - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix - suffix, n_new - prefix - suffix);
}

static void
refilter (HcMemberFilter *self,
          GPtrArray      *from)
{
  GPtrArray *shown = g_ptr_array_sized_new (MIN (from->len, 1024));

  for (guint i = 0; i < from->len; i++)
    {
      HcMember *member = g_ptr_array_index (from, i);

      if (self->func (member, self->user_data))
        g_ptr_array_add (shown, member);
    }
  show (self, shown);
}

static void
source_items_changed_cb (GListModel     *source,
                         guint           position,
                         guint           removed,
                         guint           added,
                         HcMemberFilter *self)
{
  guint n = g_list_model_get_n_items (source);
  g_autoptr (GPtrArray) shown = NULL;

  /* Read again from the source: a load or a sort changes every row. The
   * source holds a reference on each member while it lists it. */
  g_ptr_array_set_size (self->all, 0);
  if (HC_IS_MEMBER_LIST (source))
    {
      /* its array as it is: no reference taken and dropped per member
       * (each one a cache miss on 100,000 members) */
      GPtrArray *members = hc_member_list_peek (HC_MEMBER_LIST (source));

      g_ptr_array_set_size (self->all, members->len);
      if (members->len > 0)
        memcpy (self->all->pdata, members->pdata, members->len * sizeof (gpointer));
    }
  else
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (HcMember) member = g_list_model_get_item (source, i);

        g_ptr_array_add (self->all, member);
      }
  /* The rows shown until now may be gone: nothing in the shown array is
   * compared to them but their addresses. */
  refilter (self, self->all);
}

void
hc_member_filter_changed (HcMemberFilter *self,
                          gboolean        narrowing)
{
  g_autoptr (GPtrArray) from = NULL;

  g_return_if_fail (HC_IS_MEMBER_FILTER (self));

  /* fewer rows: only those shown now can stay */
  from = narrowing ? g_ptr_array_ref (self->shown) : g_ptr_array_ref (self->all);
  refilter (self, from);
}

static void
hc_member_filter_dispose (GObject *object)
{
  HcMemberFilter *self = HC_MEMBER_FILTER (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, source_items_changed_cb, self);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (hc_member_filter_parent_class)->dispose (object);
}

static void
hc_member_filter_finalize (GObject *object)
{
  HcMemberFilter *self = HC_MEMBER_FILTER (object);

  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_member_filter_parent_class)->finalize (object);
}

static void
hc_member_filter_class_init (HcMemberFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hc_member_filter_dispose;
  object_class->finalize = hc_member_filter_finalize;
}

static void
hc_member_filter_init (HcMemberFilter *self)
{
  self->all = g_ptr_array_new ();
  self->shown = g_ptr_array_new ();
}

void
hc_member_filter_set_source (HcMemberFilter *self,
                             GListModel     *source)
{
  g_return_if_fail (HC_IS_MEMBER_FILTER (self));
  g_return_if_fail (G_IS_LIST_MODEL (source));

  if (self->source == source)
    return;
  g_signal_handlers_disconnect_by_func (self->source, source_items_changed_cb, self);
  g_set_object (&self->source, source);
  g_signal_connect (source, "items-changed", G_CALLBACK (source_items_changed_cb), self);
  source_items_changed_cb (source, 0, 0, g_list_model_get_n_items (source), self);
}

HcMemberFilter *
hc_member_filter_new (GListModel        *source,
                      HcMemberFilterFunc func,
                      gpointer           user_data)
{
  HcMemberFilter *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (HC_TYPE_MEMBER_FILTER, NULL);
  self->source = g_object_ref (source);
  self->func = func;
  self->user_data = user_data;
  g_signal_connect (source, "items-changed", G_CALLBACK (source_items_changed_cb), self);
  source_items_changed_cb (source, 0, 0, g_list_model_get_n_items (source), self);

  return self;
}
