/* hc-export-dialog.c — export the members to CSV: a file chooser with the
 * separator and the members to write (all, or the current tab)
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-export-dialog.h"
#include "hc-groups.h"
#include "hc-member-csv.h"
#include "hc-roles.h"

struct _HcExportDialog
{
  GObject               parent_instance;

  GtkFileChooserNative *chooser;
  HcStore              *store;
  HcMemberState         tab;
};

G_DEFINE_FINAL_TYPE (HcExportDialog, hc_export_dialog, G_TYPE_OBJECT)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
describe_tab (HcMemberState tab)
{
  switch (tab)
    {
    case HC_MEMBER_STATE_INVITED:
      return C_("members tab", "Invited");
    case HC_MEMBER_STATE_ARCHIVED:
      return C_("members tab", "Archived");
    case HC_MEMBER_STATE_ACTIVE:
    default:
      return C_("members tab", "Active");
    }
}

gboolean
hc_export_dialog_write (HcExportDialog *self,
                        GFile          *file,
                        char            separator,
                        gboolean        only_tab,
                        guint          *n_exported,
                        GError        **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GHashTable) group_paths = NULL;
  g_autoptr (GHashTable) role_names = NULL;

  g_return_val_if_fail (HC_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (separator == ',' || separator == ';', FALSE);

  members = hc_store_list_members (self->store, error);
  if (members == NULL)
    return FALSE;
  if ((group_paths = hc_groups_list_member_paths (self->store, error)) == NULL ||
      (role_names = hc_roles_list_member_names (self->store, error)) == NULL)
    return FALSE;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (stream == NULL)
    return FALSE;

  /* Spreadsheets need the BOM to read accents right. */
  if (!hc_member_csv_export_full (G_OUTPUT_STREAM (stream), members, group_paths, role_names,
                                  only_tab ? (int) self->tab : -1, separator,
                                  HC_CSV_WRITER_BOM, n_exported, NULL, error))
    return FALSE;

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             HcExportDialog  *self)
{
  g_autoptr (HcExportDialog) hold = g_object_ref (self);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  guint n_exported = 0;
  const char *separator;
  const char *scope;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  separator = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "separator");
  scope = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "members");
  if (hc_export_dialog_write (self, file, g_strcmp0 (separator, ";") == 0 ? ';' : ',',
                              g_strcmp0 (scope, "tab") == 0, &n_exported, &error))
    g_signal_emit (self, signals[SIGNAL_FINISHED], 0, n_exported, NULL);
  else
    g_signal_emit (self, signals[SIGNAL_FINISHED], 0, 0, error->message);
}

static void
hc_export_dialog_dispose (GObject *object)
{
  HcExportDialog *self = HC_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hc_export_dialog_parent_class)->dispose (object);
}

static void
hc_export_dialog_class_init (HcExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hc_export_dialog_dispose;

  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE,
                                           2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
hc_export_dialog_init (HcExportDialog *self)
{
}

HcExportDialog *
hc_export_dialog_new (GtkWindow    *parent,
                      HcStore      *store,
                      HcMemberState tab)
{
  static const char *separators[] = { ",", ";", NULL };
  static const char *scopes[] = { "all", "tab", NULL };
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *workspace = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *tab_label = NULL;
  const char *separator_labels[3];
  const char *scope_labels[3];
  HcExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  self = g_object_new (HC_TYPE_EXPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->tab = tab;
  self->chooser = gtk_file_chooser_native_new (_("Export Members"), parent,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  separator_labels[0] = _("Commas");
  separator_labels[1] = _("Semicolons (spreadsheets in French, German…)");
  separator_labels[2] = NULL;
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "separator", _("Separate With"),
                               separators, separator_labels);

  /* Translators: %s is the name of a tab of the members page, e.g. Invited */
  tab_label = g_strdup_printf (_("%s tab only"), describe_tab (tab));
  scope_labels[0] = _("All members");
  scope_labels[1] = tab_label;
  scope_labels[2] = NULL;
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "members", _("Export"),
                               scopes, scope_labels);

  workspace = hc_store_dup_workspace_name (store);
  /* Translators: the suggested file name; %s is the workspace name */
  file_name = g_strdup_printf (_("members-%s.csv"), workspace);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (response_cb), self, 0);

  return self;
}

void
hc_export_dialog_present (HcExportDialog *self)
{
  g_return_if_fail (HC_IS_EXPORT_DIALOG (self));

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

GtkFileChooser *
hc_export_dialog_get_chooser (HcExportDialog *self)
{
  g_return_val_if_fail (HC_IS_EXPORT_DIALOG (self), NULL);

  return GTK_FILE_CHOOSER (self->chooser);
}
