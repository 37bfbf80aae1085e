/* test-gui-slots.c — rows that keep their place: the slot model says what
 * it holds through its signals alone, each slot holds the item of its
 * place after any change (in place or as it is), and a list view's rows
 * keep their widgets through a change in place while they show the new
 * items
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gtk/gtk.h>

#include "hc-gui-test.h"
#include "hc-list-slot.h"
#include "hc-slot-model.h"

#define WAIT_SECONDS 30

typedef struct
{
  GListStore  *store;
  HcSlotModel *slots;
  GPtrArray   *mirror;  /* the slots as the signals announced them, held */
  guint        changes;
} Fixture;

static GtkStringObject *
new_item (const char *prefix,
          guint       i)
{
  g_autofree char *text = g_strdup_printf ("%s %u", prefix, i);

  return gtk_string_object_new (text);
}

static void
fill (GListStore *store,
      const char *prefix,
      guint       n)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, new_item (prefix, i));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata, items->len);
}

/* What a listener knows through "items-changed" only is the model: the
 * same slot at each place, holding the store's item of that place. */
static void
check_mirror (Fixture *f)
{
  hc_gui_test_mirror_check (f->mirror, G_LIST_MODEL (f->slots));
  g_assert_cmpuint (f->mirror->len, ==, g_list_model_get_n_items (G_LIST_MODEL (f->store)));
  for (guint i = 0; i < f->mirror->len; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      g_assert_true (hc_list_slot_get_item (g_ptr_array_index (f->mirror, i)) == (gpointer) item);
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  hc_gui_test_mirror_apply (f->mirror, model, position, removed, added);
  f->changes++;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  f->slots = hc_slot_model_new (G_LIST_MODEL (f->store));
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f->slots, "items-changed", G_CALLBACK (items_changed_cb), f);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_signal_handlers_disconnect_by_data (f->slots, f);
  g_ptr_array_unref (f->mirror);
  g_clear_object (&f->slots);
  g_clear_object (&f->store);
}

/* Random inserts, removals and replacements, each told in place or as it
 * is: after each, the listener's slots are the model's, with the right
 * items; in place, only the end is ever announced. */
static void
test_changes (Fixture      *f,
              gconstpointer data)
{
  guint made = 0;

  fill (f->store, "item", 40);
  check_mirror (f);
  for (guint round = 0; round < 400; round++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
      guint position = g_test_rand_int_range (0, n + 1);
      guint removed = g_test_rand_int_range (0, MIN (n - position, 12) + 1);
      guint added = g_test_rand_int_range (0, 12);
      gboolean in_place = g_test_rand_bit ();
      g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      guint before = f->mirror->len;
      g_autoptr (GPtrArray) kept = g_ptr_array_copy (f->mirror, (GCopyFunc) (void (*)(void))g_object_ref,
                                                     NULL);

      g_ptr_array_set_free_func (kept, g_object_unref);
      for (guint i = 0; i < added; i++)
        g_ptr_array_add (items, new_item ("new", made++));
      hc_slot_model_set_in_place (f->slots, in_place);
      g_list_store_splice (f->store, position, removed, items->pdata, items->len);
      hc_slot_model_set_in_place (f->slots, FALSE);
      check_mirror (f);

      /* in place, the slots before the new end are the ones there were */
      if (in_place)
        for (guint i = 0; i < MIN (before, f->mirror->len); i++)
          g_assert_true (g_ptr_array_index (f->mirror, i) == g_ptr_array_index (kept, i));
    }
  g_assert_cmpuint (f->changes, >, 100);
}

/* Slots nobody holds are forgotten: asked for again, a new one comes with
 * the item of its place. */
static void
test_unheld (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr (HcSlotModel) slots = hc_slot_model_new (G_LIST_MODEL (store));
  HcListSlot *weak;

  fill (store, "item", 10);
  {
    g_autoptr (HcListSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), 3);

    weak = slot;
    g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
    g_assert_cmpstr (gtk_string_object_get_string (hc_list_slot_get_item (slot)), ==, "item 3");
  }
  g_assert_null (weak);

  hc_slot_model_set_in_place (slots, TRUE);
  fill (store, "other", 5);
  hc_slot_model_set_in_place (slots, FALSE);
  {
    g_autoptr (HcListSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), 3);

    g_assert_cmpstr (gtk_string_object_get_string (hc_list_slot_get_item (slot)), ==, "other 3");
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 5));
  }
}

/* A list view's rows */

static void
show_label (GtkListItem *list_item,
            gpointer     item,
            gpointer     user_data)
{
  guint *shown = user_data;

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       gtk_string_object_get_string (item));
  (*shown)++;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         guint                    *shown)
{
  hc_list_slot_bind (list_item, show_label, shown);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* The row labels, each watched by a weak pointer in @alive. */
static GPtrArray *
watch_labels (GtkWidget *view)
{
  GPtrArray *labels = g_ptr_array_new ();

  collect_labels (view, labels);
  for (guint i = 0; i < labels->len; i++)
    g_object_add_weak_pointer (labels->pdata[i], &labels->pdata[i]);
  return labels;
}

static void
unwatch_labels (GPtrArray *labels)
{
  for (guint i = 0; i < labels->len; i++)
    if (labels->pdata[i] != NULL)
      g_object_remove_weak_pointer (labels->pdata[i], &labels->pdata[i]);
  g_ptr_array_unref (labels);
}

static guint
count_alive (GPtrArray *labels)
{
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    n += labels->pdata[i] != NULL;
  return n;
}

/* Every label of the view starts with @prefix, and the first says item 0. */
static void
assert_rows_show (GtkWidget  *view,
                  const char *prefix)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *first = g_strdup_printf ("%s 0", prefix);
  gboolean first_seen = FALSE;

  collect_labels (view, labels);
  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_label (labels->pdata[i]);

      g_assert_true (g_str_has_prefix (text, prefix));
      first_seen |= g_str_equal (text, first);
    }
  g_assert_true (first_seen);
}

/* A change in place: the rows stay, each shows the new item of its place,
 * set again once per row; the same change as it is builds rows anew.
 * Fewer items in place: the rows past the end go, the others stay. */
static void
test_rows_kept (void)
{
  g_autoptr (GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr (HcSlotModel) slots = hc_slot_model_new (G_LIST_MODEL (store));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view;
  GPtrArray *labels;
  guint shown = 0, rows;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), &shown);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (slots)))),
                            factory);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 300);
  gtk_window_present (GTK_WINDOW (window));
  fill (store, "item", 1000);
  hc_gui_test_spin_for (200);
  assert_rows_show (view, "item");

  /* in place: the same widgets, showing the new items */
  labels = watch_labels (view);
  rows = labels->len;
  shown = 0;
  hc_slot_model_set_in_place (slots, TRUE);
  fill (store, "other", 1000);
  hc_slot_model_set_in_place (slots, FALSE);
  hc_gui_test_spin_for (100);
  g_assert_cmpuint (count_alive (labels), ==, rows);
  g_assert_cmpuint (shown, ==, rows);
  assert_rows_show (view, "other");
  unwatch_labels (labels);

  /* fewer, in place: the rows of the items that are left stay */
  labels = watch_labels (view);
  hc_slot_model_set_in_place (slots, TRUE);
  fill (store, "few", 5);
  hc_slot_model_set_in_place (slots, FALSE);
  hc_gui_test_spin_for (100);
  g_assert_cmpuint (count_alive (labels), ==, 5);
  assert_rows_show (view, "few");
  unwatch_labels (labels);

  /* as it is: the rows go and others are built */
  fill (store, "other", 1000);
  hc_gui_test_spin_for (200);
  labels = watch_labels (view);
  fill (store, "third", 1000);
  hc_gui_test_spin_for (100);
  g_assert_cmpuint (count_alive (labels), <, labels->len);
  assert_rows_show (view, "third");
  unwatch_labels (labels);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/gui/slots/changes", Fixture, NULL, fixture_set_up, test_changes, fixture_tear_down);
  g_test_add ("/gui/slots/unheld", Fixture, NULL, fixture_set_up, test_unheld, fixture_tear_down);
  g_test_add_func ("/gui/slots/rows-kept", test_rows_kept);

  return g_test_run ();
}
