/* hc-group-dialog.c — asks for a group name, a group, or both: New Group,
 * Rename, Move and Add to Group
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-group-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-group-dialog.h"
#include "hc-store.h"

struct _HcGroupDialog
{
  AdwMessageDialog parent_instance;

  GtkEntry        *name_entry;    /* NULL unless asked */
  GtkDropDown     *group_drop;    /* NULL unless asked */
  GPtrArray       *paths;         /* char*, NULL for "Top Level"; one per choice */
};

G_DEFINE_FINAL_TYPE (HcGroupDialog, hc_group_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
update_accept (HcGroupDialog *self)
{
  g_autofree char *name = NULL;
  gboolean ok = TRUE;

  if (self->name_entry != NULL)
    {
      name = hc_group_dialog_dup_name (self);
      ok = *name != '\0';
    }
  if (self->group_drop != NULL && self->paths->len == 0)
    ok = FALSE;
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept", ok);
}

static void
entry_activate_cb (HcGroupDialog *self)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "accept"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "accept");
}

static void
hc_group_dialog_finalize (GObject *object)
{
  HcGroupDialog *self = HC_GROUP_DIALOG (object);

  g_clear_pointer (&self->paths, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_group_dialog_parent_class)->finalize (object);
}

static void
hc_group_dialog_class_init (HcGroupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_group_dialog_finalize;
}

static void
hc_group_dialog_init (HcGroupDialog *self)
{
  self->paths = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
is_under (const HcGroup *group,
          GHashTable    *excluded)
{
  return g_hash_table_contains (excluded, &group->id) ||
         g_hash_table_contains (excluded, &group->parent_id);
}

HcGroupDialog *
hc_group_dialog_new (GtkWindow         *parent,
                     HcGroupDialogFlags flags,
                     const char        *heading,
                     const char        *body,
                     const char        *accept_label,
                     GPtrArray         *groups,
                     const char        *exclude_path,
                     const char        *selected_path,
                     const char        *name)
{
  HcGroupDialog *self;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self = g_object_new (HC_TYPE_GROUP_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", body != NULL ? body : "",
                       NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "accept", accept_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  if (flags & HC_GROUP_DIALOG_NAME)
    {
      self->name_entry = GTK_ENTRY (gtk_entry_new ());
      gtk_entry_set_placeholder_text (self->name_entry, _("Group name"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Group name"), -1);
      if (name != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
      g_signal_connect_object (self->name_entry, "changed", G_CALLBACK (update_accept), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->name_entry, "activate", G_CALLBACK (entry_activate_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_entry));
    }

  if (flags & HC_GROUP_DIALOG_GROUP)
    {
      g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
      g_autoptr (GHashTable) excluded = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr (GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr (GtkExpression) expression = NULL;

      if (flags & HC_GROUP_DIALOG_TOP_LEVEL)
        {
          gtk_string_list_append (labels, _("Top Level"));
          g_ptr_array_add (self->paths, NULL);
        }
      for (guint i = 0; groups != NULL && i < groups->len; i++)
        {
          const HcGroup *group = g_ptr_array_index (groups, i);
          const char *parent_label = g_hash_table_lookup (names, &group->parent_id);
          char *label;

          /* Translators: a group under its parent, "Paris / Engineering" */
          label = parent_label != NULL ? g_strdup_printf (C_("group path", "%s / %s"), parent_label, group->name)
                                       : g_strdup (group->name);
          g_hash_table_insert (names, (gpointer) & group->id, label);
          if (g_strcmp0 (group->path, exclude_path) == 0 || is_under (group, excluded))
            {
              g_hash_table_add (excluded, (gpointer) & group->id);
              continue;
            }
          gtk_string_list_append (labels, label);
          g_ptr_array_add (self->paths, g_strdup (group->path));
        }
      /* The labels live as long as the names table: free them there. */
      {
        GHashTableIter iter;
        gpointer value;

        g_hash_table_iter_init (&iter, names);
        while (g_hash_table_iter_next (&iter, NULL, &value))
          g_free (value);
      }

      expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
      self->group_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)),
                                                           g_steal_pointer (&expression)));
      gtk_drop_down_set_enable_search (self->group_drop, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->group_drop),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Group"), -1);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->group_drop));
      hc_group_dialog_set_selected_path (self, selected_path);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  update_accept (self);

  return self;
}

char *
hc_group_dialog_dup_name (HcGroupDialog *self)
{
  g_return_val_if_fail (HC_IS_GROUP_DIALOG (self), NULL);

  if (self->name_entry == NULL)
    return g_strdup ("");
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
}

void
hc_group_dialog_set_name (HcGroupDialog *self,
                          const char    *name)
{
  g_return_if_fail (HC_IS_GROUP_DIALOG (self));
  g_return_if_fail (self->name_entry != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
}

const char *
hc_group_dialog_get_selected_path (HcGroupDialog *self)
{
  guint position;

  g_return_val_if_fail (HC_IS_GROUP_DIALOG (self), NULL);

  if (self->group_drop == NULL)
    return NULL;
  position = gtk_drop_down_get_selected (self->group_drop);
  if (position >= self->paths->len)
    return NULL;
  return g_ptr_array_index (self->paths, position);
}

gboolean
hc_group_dialog_set_selected_path (HcGroupDialog *self,
                                   const char    *path)
{
  g_return_val_if_fail (HC_IS_GROUP_DIALOG (self), FALSE);
  g_return_val_if_fail (self->group_drop != NULL, FALSE);

  for (guint i = 0; i < self->paths->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->paths, i), path) == 0)
      {
        gtk_drop_down_set_selected (self->group_drop, i);
        return TRUE;
      }
  if (path == NULL && self->paths->len > 0)
    gtk_drop_down_set_selected (self->group_drop, 0);
  return FALSE;
}
