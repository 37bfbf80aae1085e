/* test-gui-reveal.c — a long list shown a few rows a frame: what the
 * reveal model says it holds always matches what it announced, a list
 * set or a search cleared comes in steps, and small changes pass as
 * they are
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gtk/gtk.h>

#include "hc-gui-test.h"
#include "hc-reveal-model.h"

#define WAIT_SECONDS 30

typedef struct
{
  GtkWidget          *window;
  GtkWidget          *list_view;
  GListStore         *store;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  HcRevealModel      *reveal;
  GPtrArray          *mirror; /* the items as the signals announced them */
  guint               changes;
  guint               largest_added;
  const char         *prefix; /* the filter's: items whose string starts so */
} Fixture;

/* The model's items as a listener sees them through items-changed only:
 * after each change, the same as the model's. */
static void
check_mirror (Fixture *f)
{
  hc_gui_test_mirror_check (f->mirror, G_LIST_MODEL (f->reveal));
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
  f->largest_added = MAX (f->largest_added, added);
  check_mirror (f);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  Fixture *f = user_data;

  return f->prefix == NULL ||
         g_str_has_prefix (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), f->prefix);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_list_item_get_item (item))));
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  f->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  f->filter = gtk_custom_filter_new (filter_func, f, NULL);
  f->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (f->store)),
                                           GTK_FILTER (g_object_ref (f->filter)));
  f->list_view = gtk_list_view_new (NULL, factory);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  f->reveal = hc_reveal_model_new (G_LIST_MODEL (f->filtered), f->list_view);
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f->reveal, "items-changed", G_CALLBACK (items_changed_cb), f);
  gtk_list_view_set_model (GTK_LIST_VIEW (f->list_view),
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (f->reveal)))));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), f->list_view);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 400);
  gtk_window_set_child (GTK_WINDOW (f->window), scrolled);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_signal_handlers_disconnect_by_data (f->reveal, f);
  g_clear_object (&f->reveal);
  g_clear_object (&f->filtered);
  g_clear_object (&f->filter);
  g_clear_object (&f->store);
  g_ptr_array_unref (f->mirror);
}

static void
fill (Fixture *f,
      guint    n)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("item %u", i);

      g_ptr_array_add (items, gtk_string_object_new (text));
    }
  g_list_store_splice (f->store, 0, g_list_model_get_n_items (G_LIST_MODEL (f->store)), items->pdata, items->len);
}

static gboolean
revealed (gpointer data)
{
  Fixture *f = data;

  return !hc_reveal_model_is_revealing (f->reveal);
}

/* A list of 10,000 set at once: a few rows first, then the rest, a step
 * a frame, each announced. */
static void
test_set (Fixture      *f,
          gconstpointer data)
{
  fill (f, 10000);
  g_assert_true (hc_reveal_model_is_revealing (f->reveal));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->reveal)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->reveal)), <, 100);
  g_assert_true (hc_gui_test_spin_until (revealed, f, WAIT_SECONDS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->reveal)), ==, 10000);
  /* in steps, the last one the tail, past the rows a list view keeps */
  g_assert_cmpuint (f->changes, >=, 4);
  check_mirror (f);
}

/* A search that finds a few, then cleared: the few at once, the many in
 * steps; a change of a few while everything shows passes as it is. */
static void
test_search (Fixture      *f,
             gconstpointer data)
{
  fill (f, 5000);
  g_assert_true (hc_gui_test_spin_until (revealed, f, WAIT_SECONDS));

  f->prefix = "item 123";   /* item 123, 1230–1239 */
  gtk_filter_changed (GTK_FILTER (f->filter), GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_false (hc_reveal_model_is_revealing (f->reveal));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->reveal)), ==, 11);

  f->prefix = NULL;
  f->largest_added = 0;
  gtk_filter_changed (GTK_FILTER (f->filter), GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_true (hc_reveal_model_is_revealing (f->reveal));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->reveal)), <, 100);
  g_assert_true (hc_gui_test_spin_until (revealed, f, WAIT_SECONDS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->reveal)), ==, 5000);

  /* one item more, one less: as they are */
  f->changes = 0;
  {
    g_autoptr (GtkStringObject) one = gtk_string_object_new ("item new");

    g_list_store_insert (f->store, 10, one);
  }
  g_list_store_remove (f->store, 4000);
  g_assert_cmpuint (f->changes, ==, 2);
  g_assert_false (hc_reveal_model_is_revealing (f->reveal));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->reveal)), ==, 5000);
  check_mirror (f);
}

/* Changes while the rows come: before, inside and past what is shown,
 * and a list that shrinks below it; what is announced stays true. */
static void
test_changes_while_revealing (Fixture      *f,
                              gconstpointer data)
{
  guint shown;

  fill (f, 3000);
  g_assert_true (hc_reveal_model_is_revealing (f->reveal));
  shown = g_list_model_get_n_items (G_LIST_MODEL (f->reveal));
  /* before, inside and past what is shown */
  for (guint i = 0; i < 3; i++)
    {
      const guint at[] = { 0, shown / 2, 2500 };
      g_autoptr (GtkStringObject) extra = gtk_string_object_new ("extra");

      g_list_store_insert (f->store, at[i], extra);
    }
  g_list_store_remove (f->store, 1);
  check_mirror (f);
  g_assert_true (hc_gui_test_spin_until (revealed, f, WAIT_SECONDS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->reveal)), ==, 3002);

  /* as many replaced (a reload): as it is */
  f->changes = 0;
  fill (f, 3000);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_false (hc_reveal_model_is_revealing (f->reveal));

  /* shrinks below what is shown while revealing: everything is shown */
  g_list_store_remove_all (f->store);
  fill (f, 3000);
  g_assert_true (hc_reveal_model_is_revealing (f->reveal));
  g_list_store_splice (f->store, 5, 3000 - 5, NULL, 0);
  g_assert_false (hc_reveal_model_is_revealing (f->reveal));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->reveal)), ==, 5);
  check_mirror (f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/reveal/set", test_set);
  ADD ("/gui/reveal/search", test_search);
  ADD ("/gui/reveal/changes-while-revealing", test_changes_while_revealing);

  return g_test_run ();
}
