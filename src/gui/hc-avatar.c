/* hc-avatar.c — a member's initials in a coloured circle, light enough
 * for a table row
 *
 * AdwAvatar is five widgets (itself, a frame, a label and two images),
 * draws lots from /dev/urandom for an empty text, and lays its label out
 * again each time it enters or leaves a window. A column view builds and
 * destroys up to 200 rows when a search replaces them: each AdwAvatar
 * was a fifth of a keystroke. This one is a single widget that lays out
 * its initials once, when first measured or drawn. The look is
 * Adwaita's: the CSS node is "avatar" with a "color1"…"color14" class,
 * the colour picked from the text as AdwAvatar picks it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-avatar"

#include "config.h"

#include "hc-avatar.h"

#define N_COLORS 14

struct _HcAvatar
{
  GtkWidget    parent_instance;

  int          size;
  char        *text;
  char        *initials;
  guint        color;   /* 1…N_COLORS */
  PangoLayout *layout;  /* made when first needed */
};

G_DEFINE_FINAL_TYPE (HcAvatar, hc_avatar, GTK_TYPE_WIDGET)

/* The first letter of the first word and of the last, in capitals. */
static char *
make_initials (const char *text)
{
  GString *initials = g_string_new (NULL);
  const char *first = NULL, *last = NULL;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = g_unichar_isspace (c);

      if (!space && !in_word)
        {
          if (first == NULL)
            first = p;
          else
            last = p;
        }
      in_word = !space;
    }
  if (first != NULL)
    g_string_append_unichar (initials, g_unichar_totitle (g_utf8_get_char (first)));
  if (last != NULL)
    g_string_append_unichar (initials, g_unichar_totitle (g_utf8_get_char (last)));
  return g_string_free (initials, FALSE);
}

static void
set_color (HcAvatar *self,
           guint     color)
{
  char name[16];

  if (self->color == color)
    return;
  if (self->color != 0)
    {
      g_snprintf (name, sizeof name, "color%u", self->color);
      gtk_widget_remove_css_class (GTK_WIDGET (self), name);
    }
  self->color = color;
  g_snprintf (name, sizeof name, "color%u", self->color);
  gtk_widget_add_css_class (GTK_WIDGET (self), name);
}

/* The initials laid out in the widget's font (bold in Adwaita's avatar
 * style), sized so that they sit well inside the circle: at most 60 % of
 * its width and 45 % of its height. */
static PangoLayout *
ensure_layout (HcAvatar *self)
{
  int width, height;

  if (self->layout != NULL)
    return self->layout;

  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->initials);
  pango_layout_get_pixel_size (self->layout, &width, &height);
  if (width > 0 && height > 0)
    {
      const PangoFontDescription *font = pango_context_get_font_description (pango_layout_get_context (self->layout));
      double scale = MIN (0.6 * self->size / width, 0.45 * self->size / height);
      int size = (int) (pango_font_description_get_size (font) * scale);
      PangoAttrList *attrs = pango_attr_list_new ();

      /* the font's own unit, points or pixels: the text scale stands */
      pango_attr_list_insert (attrs, pango_font_description_get_size_is_absolute (font)
                              ? pango_attr_size_new_absolute (size) : pango_attr_size_new (size));
      pango_layout_set_attributes (self->layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return self->layout;
}

static void
hc_avatar_measure (GtkWidget     *widget,
                   GtkOrientation orientation,
                   int            for_size,
                   int           *minimum,
                   int           *natural,
                   int           *minimum_baseline,
                   int           *natural_baseline)
{
  HcAvatar *self = HC_AVATAR (widget);

  *minimum = *natural = self->size;
}

static void
hc_avatar_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  HcAvatar *self = HC_AVATAR (widget);
  PangoLayout *layout;
  GdkRGBA color;
  int width, height;

  if (self->initials == NULL || *self->initials == '\0')
    return;
  layout = ensure_layout (self);
  pango_layout_get_pixel_size (layout, &width, &height);
  /* GTK 4.8's way to the CSS colour (gtk_widget_get_color() is 4.10's) */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((gtk_widget_get_width (widget) - width) / 2.f,
                                                          (gtk_widget_get_height (widget) - height) / 2.f));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* A new font or style: laid out again when next drawn. */
static void
hc_avatar_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  HcAvatar *self = HC_AVATAR (widget);

  GTK_WIDGET_CLASS (hc_avatar_parent_class)->css_changed (widget, change);
  g_clear_object (&self->layout);
}

static void
hc_avatar_finalize (GObject *object)
{
  HcAvatar *self = HC_AVATAR (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->initials, g_free);

  G_OBJECT_CLASS (hc_avatar_parent_class)->finalize (object);
}

static void
hc_avatar_class_init (HcAvatarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hc_avatar_finalize;
  widget_class->measure = hc_avatar_measure;
  widget_class->snapshot = hc_avatar_snapshot;
  widget_class->css_changed = hc_avatar_css_changed;

  gtk_widget_class_set_css_name (widget_class, "avatar");
  /* beside the name it stands for: nothing more for a screen reader */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
hc_avatar_init (HcAvatar *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  self->text = g_strdup ("");
  self->initials = g_strdup ("");
  set_color (self, g_str_hash (self->text) % N_COLORS + 1);
}

GtkWidget *
hc_avatar_new (int size)
{
  HcAvatar *self = g_object_new (HC_TYPE_AVATAR, NULL);

  self->size = MAX (size, 0);
  return GTK_WIDGET (self);
}

void
hc_avatar_set_text (HcAvatar   *self,
                    const char *text)
{
  g_return_if_fail (HC_IS_AVATAR (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_free (self->initials);
  self->initials = make_initials (text);
  /* AdwAvatar's choice, so that a member has one colour everywhere */
  set_color (self, g_str_hash (self->text) % N_COLORS + 1);
  g_clear_object (&self->layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
hc_avatar_get_text (HcAvatar *self)
{
  g_return_val_if_fail (HC_IS_AVATAR (self), NULL);

  return self->text;
}

const char *
hc_avatar_get_initials (HcAvatar *self)
{
  g_return_val_if_fail (HC_IS_AVATAR (self), NULL);

  return self->initials;
}
