/* hc-avatar.h — a member's initials in a coloured circle, light enough
 * for a table row
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HC_TYPE_AVATAR (hc_avatar_get_type ())
G_DECLARE_FINAL_TYPE (HcAvatar, hc_avatar, HC, AVATAR, GtkWidget)

/* An avatar @size pixels wide and tall. Its colour and initials come
 * from the text, as AdwAvatar's do, so that a member looks the same in
 * the table and in their dialog. */
GtkWidget  *hc_avatar_new        (int         size);
void        hc_avatar_set_text   (HcAvatar   *self,
                                  const char *text);
const char *hc_avatar_get_text   (HcAvatar   *self);
/* The letters drawn: the first of the first word and of the last one. */
const char *hc_avatar_get_initials (HcAvatar *self);

G_END_DECLS
