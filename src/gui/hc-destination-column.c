/* hc-destination-column.c — the member table's Destination column
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-destination-column"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-destination-column.h"
#include "hc-destination.h"
#include "hc-list-slot.h"
#include "hc-member.h"

#define COLUMN_KEY "hc-destination-column"

/* One member's state over every destination: the worst wins. */
typedef struct
{
  HcDestinationStatus status;
  GString            *detail;
} Summary;

static void
summary_free (Summary *summary)
{
  g_string_free (summary->detail, TRUE);
  g_free (summary);
}

static GHashTable *
build_summaries (HcStore *store,
                 guint   *n_destinations)
{
  GHashTable *summaries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) summary_free);
  g_autoptr (GPtrArray) list = hc_destination_list (store, NULL);

  *n_destinations = list != NULL ? list->len : 0;
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      HcDestination *destination = g_ptr_array_index (list, i);
      g_autoptr (GHashTable) records = hc_destination_list_members (store, destination->id, NULL);
      GHashTableIter iter;
      gpointer key, value;

      if (records == NULL)
        continue;
      g_hash_table_iter_init (&iter, records);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          HcDestinationMember *record = value;
          Summary *summary = g_hash_table_lookup (summaries, key);

          if (summary == NULL)
            {
              gint64 *id = g_new (gint64, 1);

              *id = record->member_id;
              summary = g_new0 (Summary, 1);
              summary->status = HC_DESTINATION_IN_SYNC;
              summary->detail = g_string_new (NULL);
              g_hash_table_insert (summaries, id, summary);
            }
          if (record->status == HC_DESTINATION_ERROR ||
              (record->status == HC_DESTINATION_PENDING && summary->status == HC_DESTINATION_IN_SYNC))
            summary->status = record->status;
          if (summary->detail->len > 0)
            g_string_append_c (summary->detail, '\n');
          g_string_append_printf (summary->detail, "%s: %s", destination->name,
                                  hc_destination_status_describe (record->status));
          if (record->error != NULL)
            g_string_append_printf (summary->detail, " — %s", record->error);
          /* The service's own word for it (RFC 7644 3.12), for its admins. */
          if (record->scim_type != NULL)
            g_string_append_printf (summary->detail, " (%s)", record->scim_type);
        }
    }
  return summaries;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
show (GtkListItem *item,
      gpointer     data,
      gpointer     user_data)
{
  HcMember *member = data;
  GHashTable *summaries = user_data;
  GtkWidget *label = gtk_list_item_get_child (item);
  gint64 id = hc_member_get_id (member);
  Summary *summary = g_hash_table_lookup (summaries, &id);
  const char *email = hc_member_get_email (member);

  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "dim-label");
  if (summary == NULL)
    {
      gboolean deliverable = email != NULL && *email != '\0' && hc_member_get_has_access (member) &&
                             hc_member_get_state (member) != HC_MEMBER_STATE_ARCHIVED;

      /* Not delivered yet: pending, or nothing to deliver. */
      gtk_label_set_text (GTK_LABEL (label), deliverable ? _("Pending") : "—");
      gtk_widget_add_css_class (label, deliverable ? "warning" : "dim-label");
      gtk_widget_set_tooltip_text (label, deliverable ? _("Delivered after the next sync") : NULL);
      return;
    }
  switch (summary->status)
    {
    case HC_DESTINATION_IN_SYNC:
      gtk_label_set_text (GTK_LABEL (label), _("In sync"));
      gtk_widget_add_css_class (label, "success");
      break;
    case HC_DESTINATION_ERROR:
      gtk_label_set_text (GTK_LABEL (label), _("Error"));
      gtk_widget_add_css_class (label, "error");
      break;
    case HC_DESTINATION_PENDING:
    default:
      gtk_label_set_text (GTK_LABEL (label), _("Pending"));
      gtk_widget_add_css_class (label, "warning");
      break;
    }
  gtk_widget_set_tooltip_text (label, summary->detail->str);
}

/* The table's rows show members through slots (HcSlotModel). The cells
 * go with the column, before the factory lets go of @summaries. */
static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         GHashTable               *summaries)
{
  hc_list_slot_bind (item, show, summaries);
}

void
hc_destination_column_update (GtkColumnView *column_view,
                              HcStore       *store)
{
  GtkColumnViewColumn *old = g_object_get_data (G_OBJECT (column_view), COLUMN_KEY);
  g_autoptr (GtkListItemFactory) factory = NULL;
  g_autoptr (GtkColumnViewColumn) column = NULL;
  GHashTable *summaries;
  guint n_destinations = 0;

  if (old != NULL)
    {
      gtk_column_view_remove_column (column_view, old);
      g_object_set_data (G_OBJECT (column_view), COLUMN_KEY, NULL);
    }
  if (store == NULL)
    return;
  summaries = build_summaries (store, &n_destinations);
  if (n_destinations == 0)
    {
      g_hash_table_unref (summaries);
      return;
    }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cb), summaries,
                         (GClosureNotify) (void (*)(void))g_hash_table_unref, 0);
  column = gtk_column_view_column_new (_("Destination"), g_object_ref (factory));
  gtk_column_view_column_set_fixed_width (column, 110);
  gtk_column_view_append_column (column_view, column);
  g_object_set_data (G_OBJECT (column_view), COLUMN_KEY, column);
}
