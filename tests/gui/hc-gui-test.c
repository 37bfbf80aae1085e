/* hc-gui-test.c — helpers shared by the GUI tests
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-gui-test"

#include "config.h"

#include <adwaita.h>

#include "hc-gui-test.h"
#include "hc-window.h"

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the default main context until @cond holds, at most @seconds;
 * FALSE on timeout, so the test fails instead of hanging. */
gboolean
hc_gui_test_spin_until (gboolean (*cond)(gpointer),
                        gpointer   data,
                        guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_cb, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);

  return ok;
}

static gboolean
deadline_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* Lets layout, frames and animations run for a while. */
void
hc_gui_test_spin_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  hc_gui_test_spin_until (deadline_passed, &deadline, ms / 1000 + 1);
}

/* The first widget under @root (itself included, depth first) for which
 * @predicate holds, or NULL. */
GtkWidget *
hc_gui_test_find_widget (GtkWidget         *root,
                         HcGuiTestPredicate predicate,
                         gpointer           data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hc_gui_test_find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gpointer
hc_gui_test_template_child (GtkWidget  *root,
                            const char *name)
{
  const char *type_name = G_OBJECT_TYPE_NAME (root);

  if (g_str_has_prefix (type_name, "Hc"))
    {
      GObject *found = gtk_widget_get_template_child (root, G_OBJECT_TYPE (root), name);

      if (found != NULL)
        return found;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = hc_gui_test_template_child (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_mapped (GtkWidget *widget,
             GType      type)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first window that is visible and of @type or, @inside, the first
 * widget of @type on screen in any window; or NULL. */
static gpointer
find_in_toplevels (GType    type,
                   gboolean inside)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found;

      if (inside)
        found = find_mapped (window, type);
      else
        found = G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window) ? window : NULL;
      if (found != NULL)
        return found;
    }

  return NULL;
}

gpointer
hc_gui_test_find_visible_toplevel (GType type)
{
  return find_in_toplevels (type, FALSE);
}

gpointer
hc_gui_test_find_shown (GType type)
{
  return find_in_toplevels (type, TRUE);
}

void
hc_gui_test_mirror_apply (GPtrArray  *mirror,
                          GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, mirror->len - removed + added);
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      gpointer item = g_list_model_get_item (model, position + i);

      g_assert_nonnull (item);
      g_ptr_array_insert (mirror, position + i, item);
    }
}

void
hc_gui_test_mirror_check (GPtrArray  *mirror,
                          GListModel *model)
{
  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < mirror->len; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);

      g_assert_true ((gpointer) item == g_ptr_array_index (mirror, i));
    }
  g_assert_null (g_list_model_get_item (model, mirror->len));
}

/* @data points at a pointer (a weak pointer, say): has it gone NULL? */
gboolean
hc_gui_test_pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

gboolean
hc_gui_test_members_loaded (gpointer window)
{
  return !hc_members_page_get_loading (hc_window_get_members_page (window));
}

gboolean
hc_gui_test_sync_idle_and_loaded (gpointer window)
{
  return !hc_sync_flow_get_busy (hc_window_get_sync_flow (window)) &&
         !hc_members_page_get_loading (hc_window_get_members_page (window));
}

/* A label whose text does not fit: ellipsized ("No longer man…"), or
 * allocated narrower than its text needs; an inscription (the tables'
 * cells) whose text, wrapped as it wraps, needs more room than it has.
 * Only what is on screen counts. */
static gboolean
label_is_cut (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));
      PangoLayout *layout;
      int text_width = 0;
      int text_height = 0;

      if (text == NULL || *text == '\0')
        return FALSE;
      layout = gtk_label_get_layout (GTK_LABEL (widget));
      if (pango_layout_is_ellipsized (layout))
        return TRUE;
      /* Not ellipsized (a label that cannot be draws its text whole): cut
       * when its text is clearly larger than the room it has, not by the
       * pixel or two some containers round away (AdwButtonContent). */
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      return text_width > gtk_widget_get_width (widget) + 2 || text_height > gtk_widget_get_height (widget) + 2;
    }
  if (GTK_IS_INSCRIPTION (widget))
    {
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      g_autoptr (PangoLayout) layout = NULL;
      int text_width = 0;
      int text_height = 0;

      if (text == NULL || *text == '\0')
        return FALSE;
      /* Wrapped as the inscription wraps, into the lines its height holds. */
      layout = gtk_widget_create_pango_layout (widget, text);
      pango_layout_set_width (layout, gtk_widget_get_width (widget) * PANGO_SCALE);
      pango_layout_set_wrap (layout, gtk_inscription_get_wrap_mode (GTK_INSCRIPTION (widget)));
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      return gtk_widget_get_width (widget) < text_width || gtk_widget_get_height (widget) < text_height;
    }
  return FALSE;
}

GtkWidget *
hc_gui_test_find_cut_label (GtkWidget *root)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (label_is_cut (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hc_gui_test_find_cut_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
hc_gui_test_is_row_titled (GtkWidget *widget,
                           gpointer   data)
{
  const char *title;

  if (!ADW_IS_PREFERENCES_ROW (widget) || !gtk_widget_get_visible (widget))
    return FALSE;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return title != NULL && g_str_has_prefix (title, data);
}
