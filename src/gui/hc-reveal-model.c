/* hc-reveal-model.c — a long list shown a few rows a frame
 *
 * The model shows a prefix of its model's items: all of them once
 * revealed, or the first `limit` while revealing. A change that adds
 * REVEAL_STEP items more than it removes starts revealing again from where
 * it happened, with REVEAL_FIRST; each frame of the pacing widget then
 * adds REVEAL_STEP, and past the rows
 * a list view keeps (REVEAL_ALL_AT) the rest come at once, which builds no
 * row. While everything is shown, changes pass through as they are.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-reveal-model"

#include "config.h"

#include "hc-reveal-model.h"

/* Rows a frame: few enough to build in a frame. The first frame shows
 * fewer, as many as a window of rows shows, for it is drawn with
 * whatever else a change brings (a dialog opening, a search). */
#define REVEAL_FIRST  16
#define REVEAL_STEP   32
/* GtkListView keeps about 200 rows: past that, more items build none. */
#define REVEAL_ALL_AT 256

struct _HcRevealModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      changed_handler;
  GtkWidget  *paced_by;       /* weak */
  guint       tick_id;
  guint       limit;          /* G_MAXUINT: everything shown */
  guint       from;           /* where the revealing started */
  guint       shown;          /* the items this model says it has */
  gboolean    just_started; /* no step at the frame that draws the first rows */
};

static void hc_reveal_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcRevealModel, hc_reveal_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, hc_reveal_model_list_model_init))

static GType
get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (HC_REVEAL_MODEL (list)->model);
}

static guint
get_n_items (GListModel *list)
{
  return HC_REVEAL_MODEL (list)->shown;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  HcRevealModel *self = HC_REVEAL_MODEL (list);

  if (position >= self->shown)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
hc_reveal_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static guint
count_shown (HcRevealModel *self)
{
  return MIN (g_list_model_get_n_items (self->model), self->limit);
}

/* While revealing, the limit is below the model's items (and is what is
 * shown); once it reaches them, everything is. */
static void
settle (HcRevealModel *self)
{
  if (self->limit != G_MAXUINT &&
      (self->limit >= g_list_model_get_n_items (self->model) || self->limit - self->from >= REVEAL_ALL_AT))
    self->limit = G_MAXUINT;
  self->shown = count_shown (self);
}

static void
stop_ticking (HcRevealModel *self)
{
  if (self->tick_id != 0 && self->paced_by != NULL)
    gtk_widget_remove_tick_callback (self->paced_by, self->tick_id);
  self->tick_id = 0;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  HcRevealModel *self = user_data;
  guint before = self->shown;

  /* The frame after the change draws what it brought: a keystroke's
   * frame builds the first rows, not a step more. */
  if (self->just_started)
    {
      self->just_started = FALSE;
      return G_SOURCE_CONTINUE;
    }
  if (self->limit != G_MAXUINT)
    self->limit += REVEAL_STEP;
  settle (self);
  if (self->shown > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->shown - before);
  if (self->limit != G_MAXUINT)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
model_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  HcRevealModel *self)
{
  guint before = self->shown;
  /* many more items */
  gboolean many = added > removed + REVEAL_STEP;

  if (self->limit == G_MAXUINT && !many)
    {
      /* everything is shown: the change as it is */
      self->shown = count_shown (self);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* What comes after @position is revealed from there: also while
   * revealing, or rows already revealed past it would all be built anew
   * at once (a search widened again while the first widening's rows
   * come). */
  if (many && position + REVEAL_FIRST < self->limit)
    {
      self->from = position;
      self->limit = position + REVEAL_FIRST;
      self->just_started = TRUE;
    }
  settle (self);
  /* The items before @position are the same; from there on, what was
   * shown makes way for what is. */
  if (position < MAX (before, self->shown))
    g_list_model_items_changed (G_LIST_MODEL (self), position, before > position ? before - position : 0,
                                self->shown > position ? self->shown - position : 0);
  if (self->limit != G_MAXUINT && self->tick_id == 0 && self->paced_by != NULL)
    self->tick_id = gtk_widget_add_tick_callback (self->paced_by, tick_cb, self, NULL);
  else if (self->limit == G_MAXUINT)
    stop_ticking (self);
}

static void
hc_reveal_model_dispose (GObject *object)
{
  HcRevealModel *self = HC_REVEAL_MODEL (object);

  stop_ticking (self);
  if (self->paced_by != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->paced_by), (gpointer *) &self->paced_by);
  self->paced_by = NULL;
  if (self->model != NULL)
    g_clear_signal_handler (&self->changed_handler, self->model);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (hc_reveal_model_parent_class)->dispose (object);
}

static void
hc_reveal_model_class_init (HcRevealModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hc_reveal_model_dispose;
}

static void
hc_reveal_model_init (HcRevealModel *self)
{
  self->limit = G_MAXUINT;
}

HcRevealModel *
hc_reveal_model_new (GListModel *model,
                     GtkWidget  *paced_by)
{
  HcRevealModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (paced_by), NULL);

  self = g_object_new (HC_TYPE_REVEAL_MODEL, NULL);
  self->model = g_object_ref (model);
  self->paced_by = paced_by;
  g_object_add_weak_pointer (G_OBJECT (paced_by), (gpointer *) &self->paced_by);
  self->changed_handler = g_signal_connect (model, "items-changed", G_CALLBACK (model_changed_cb), self);
  /* what the model holds already is revealed the same way */
  model_changed_cb (model, 0, 0, g_list_model_get_n_items (model), self);
  return self;
}

gboolean
hc_reveal_model_is_revealing (HcRevealModel *self)
{
  g_return_val_if_fail (HC_IS_REVEAL_MODEL (self), FALSE);

  return self->limit != G_MAXUINT;
}
