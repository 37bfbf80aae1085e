/* hc-destination-column.h — the member table's Destination column: in
 * sync, pending, or error with what the service said
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hc-store.h"

G_BEGIN_DECLS

/* Puts (or refreshes) the Destination column at the end of @column_view,
 * read from @store; none when the workspace has no destination. */
void hc_destination_column_update (GtkColumnView *column_view,
                                   HcStore       *store);

G_END_DECLS
