/* test-gui-avatar.c — the table's avatar: a member's initials, and the
 * colour AdwAvatar gives the same name in their dialog
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "hc-avatar.h"

/* The colour class of a widget: "color1"…"color14". */
static char *
dup_color_class (GtkWidget *widget)
{
  g_auto (GStrv) classes = gtk_widget_get_css_classes (widget);

  for (guint i = 0; classes[i] != NULL; i++)
    if (g_str_has_prefix (classes[i], "color"))
      return g_strdup (classes[i]);
  return NULL;
}

static void
test_initials (void)
{
  const struct { const char *text, *initials; } cases[] = {
    { "Zoé Lefèvre", "ZL" },
    { "  Marie-Hélène de La Tour-d'Auvergne ", "MT" },
    { "ørsted", "Ø" },
    { "João  Guérin", "JG" },
    { "", "" },
  };
  GtkWidget *avatar = g_object_ref_sink (hc_avatar_new (32));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      hc_avatar_set_text (HC_AVATAR (avatar), cases[i].text);
      g_assert_cmpstr (hc_avatar_get_text (HC_AVATAR (avatar)), ==, cases[i].text);
      g_assert_cmpstr (hc_avatar_get_initials (HC_AVATAR (avatar)), ==, cases[i].initials);
    }
  hc_avatar_set_text (HC_AVATAR (avatar), NULL);
  g_assert_cmpstr (hc_avatar_get_text (HC_AVATAR (avatar)), ==, "");
  g_object_unref (avatar);
}

/* The same colour as AdwAvatar's for the same name (its frame, the
 * "avatar" node, carries the class), the same CSS node, one widget. */
static void
test_like_adw_avatar (void)
{
  const char * const names[] = { "Zoé Lefèvre", "Jürgen Müller", "Søren Ørsted", "Amelia O'Brien", "Alex Martin" };
  GtkWidget *avatar = g_object_ref_sink (hc_avatar_new (32));
  GtkWidget *adw = g_object_ref_sink (adw_avatar_new (32, NULL, TRUE));
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpstr (gtk_widget_get_css_name (avatar), ==, "avatar");
  g_assert_null (gtk_widget_get_first_child (avatar));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (avatar)), ==,
                   GTK_ACCESSIBLE_ROLE_PRESENTATION);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *ours = NULL;
      g_autofree char *theirs = NULL;

      hc_avatar_set_text (HC_AVATAR (avatar), names[i]);
      adw_avatar_set_text (ADW_AVATAR (adw), names[i]);
      ours = dup_color_class (avatar);
      theirs = dup_color_class (gtk_widget_get_first_child (adw));
      g_assert_nonnull (ours);
      g_assert_cmpstr (ours, ==, theirs);
      g_hash_table_add (seen, g_steal_pointer (&ours));
    }
  /* one class at a time, and names do not all share one */
  g_assert_cmpuint (g_hash_table_size (seen), >, 1);
  {
    g_auto (GStrv) classes = gtk_widget_get_css_classes (avatar);
    guint n = 0;

    for (guint i = 0; classes[i] != NULL; i++)
      n += g_str_has_prefix (classes[i], "color");
    g_assert_cmpuint (n, ==, 1);
  }
  g_object_unref (adw);
  g_object_unref (avatar);
}

/* Draws @avatar's own content (not the CSS circle GTK draws for it). */
static GskRenderNode *
draw (GtkWidget *avatar)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (avatar)->snapshot (avatar, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* Its size, initials drawn inside it in a window, nothing for no name. */
static void
test_drawn (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *avatar = hc_avatar_new (32);
  int min, nat;

  hc_avatar_set_text (HC_AVATAR (avatar), "Zoé Lefèvre");
  gtk_window_set_child (GTK_WINDOW (window), avatar);
  gtk_widget_measure (avatar, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 32);
  g_assert_cmpint (nat, ==, 32);
  gtk_widget_measure (avatar, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, ==, 32);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (avatar) == 0)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr (GskRenderNode) node = draw (avatar);
    graphene_rect_t bounds;

    g_assert_nonnull (node);
    gsk_render_node_get_bounds (node, &bounds);
    /* the initials, centred well inside the circle */
    g_assert_cmpfloat (bounds.size.width, >, 4);
    g_assert_cmpfloat (bounds.size.width, <, 32 * 0.75);
    g_assert_cmpfloat (bounds.origin.x, >, 0);
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <, gtk_widget_get_width (avatar));
  }
  hc_avatar_set_text (HC_AVATAR (avatar), "");
  {
    g_autoptr (GskRenderNode) node = draw (avatar);

    g_assert_null (node);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/avatar/initials", test_initials);
  g_test_add_func ("/gui/avatar/like-adw-avatar", test_like_adw_avatar);
  g_test_add_func ("/gui/avatar/drawn", test_drawn);

  return g_test_run ();
}
