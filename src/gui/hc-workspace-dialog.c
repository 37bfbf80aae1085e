/* hc-workspace-dialog.c — ask for a workspace name: New Workspace, Rename
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-workspace-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-store.h"
#include "hc-workspace.h"
#include "hc-workspace-dialog.h"

struct _HcWorkspaceDialog
{
  AdwMessageDialog parent_instance;

  GtkEntry        *entry;
  GtkLabel        *problem_label;

  char            *data_dir;
  char            *current;
  char            *problem;
};

G_DEFINE_FINAL_TYPE (HcWorkspaceDialog, hc_workspace_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
validate (HcWorkspaceDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  g_clear_pointer (&self->problem, g_free);

  if (*name == '\0')
    self->problem = g_strdup ("");
  else if (self->current != NULL && g_str_equal (name, self->current))
    self->problem = g_strdup ("");
  else if ((path = hc_store_build_path (self->data_dir, name, &error)) == NULL)
    self->problem = g_strdup (error->message);
  else if (hc_workspace_exists (self->data_dir, name))
    self->problem = g_strdup_printf (_("Workspace “%s” exists already"), name);

  gtk_label_set_label (self->problem_label, self->problem != NULL ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->problem != NULL && *self->problem);
  if (self->problem != NULL && *self->problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", self->problem == NULL);
}

static void
hc_workspace_dialog_finalize (GObject *object)
{
  HcWorkspaceDialog *self = HC_WORKSPACE_DIALOG (object);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->current, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (hc_workspace_dialog_parent_class)->finalize (object);
}

static void
hc_workspace_dialog_class_init (HcWorkspaceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_workspace_dialog_finalize;
}

static void
hc_workspace_dialog_init (HcWorkspaceDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Workspace name"), -1);
  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem_label));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Create"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  g_signal_connect_object (self->entry, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
}

HcWorkspaceDialog *
hc_workspace_dialog_new (GtkWindow  *parent,
                         const char *data_dir,
                         const char *current)
{
  HcWorkspaceDialog *self;

  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (HC_TYPE_WORKSPACE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->data_dir = g_strdup (data_dir);
  self->current = g_strdup (current);

  if (current == NULL)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("New Workspace"));
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                   _("A workspace keeps one customer’s members, connectors, history and keyring secrets apart from the others’."));
    }
  else
    {
      g_autofree char *heading = g_strdup_printf (_("Rename “%s”"), current);

      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                   _("Its connectors keep their keyring secrets."));
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "save", _("_Rename"));
      gtk_editable_set_text (GTK_EDITABLE (self->entry), current);
    }
  validate (self);

  return self;
}

const char *
hc_workspace_dialog_get_name (HcWorkspaceDialog *self)
{
  g_return_val_if_fail (HC_IS_WORKSPACE_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
hc_workspace_dialog_set_name (HcWorkspaceDialog *self,
                              const char        *name)
{
  g_return_if_fail (HC_IS_WORKSPACE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), name);
}

const char *
hc_workspace_dialog_get_problem (HcWorkspaceDialog *self)
{
  g_return_val_if_fail (HC_IS_WORKSPACE_DIALOG (self), NULL);

  return self->problem;
}
