/* hc-export-dialog.c — export the members to CSV: a file chooser with the
 * separator and the members to write (all, or the current tab)
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-export-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hc-export-dialog.h"
#include "hc-groups.h"
#include "hc-member-csv.h"
#include "hc-roles.h"

struct _HcExportDialog
{
  GObject               parent_instance;

  GtkFileChooserNative *chooser;
  GtkWindow            *parent;
  HcStore              *store;
  HcMemberState         tab;

  /* The file being written, in a thread (never on the main loop: a
   * directory can hold 100,000 members) */
  GCancellable         *cancellable;
  AdwMessageDialog     *progress_dialog;
  GtkProgressBar       *progress_bar;
  guint                 progress_id;
  /* written by the thread, read by the timeout (g_atomic_int_*) */
  int                   progress_done;
  int                   progress_total;
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

typedef struct
{
  HcStore *store;
  GFile   *file;
  char     separator;
  int      state;           /* -1 for all */
  guint    n_exported;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->file);
  g_free (data);
}

/* In the writing thread, when there is one. */
static void
write_progress_cb (guint    done,
                   guint    total,
                   guint    pass,
                   guint    n_passes,
                   gpointer user_data)
{
  HcExportDialog *self = user_data;

  g_atomic_int_set (&self->progress_done, (int) done);
  g_atomic_int_set (&self->progress_total, (int) total);
}

static gboolean
write_file (HcExportDialog *self,
            WriteData      *data,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GHashTable) group_paths = NULL;
  g_autoptr (GHashTable) role_names = NULL;
  g_autoptr (GFile) parent = NULL;
  g_autoptr (GFile) part = NULL;
  g_autofree char *base = NULL;
  g_autofree char *part_name = NULL;

  members = hc_store_list_members (data->store, error);
  if (members == NULL)
    return FALSE;
  if ((group_paths = hc_groups_list_member_paths (data->store, error)) == NULL ||
      (role_names = hc_roles_list_member_names (data->store, error)) == NULL)
    return FALSE;

  /* Written beside it first, then moved over it: a cancelled or failed
   * export leaves the file as it was, and no half-written one. */
  parent = g_file_get_parent (data->file);
  base = g_file_get_basename (data->file);
  part_name = g_strconcat (".", base, ".part", NULL);
  part = parent != NULL ? g_file_get_child (parent, part_name) : NULL;
  if (part == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, _("Cannot write to %s"), base);
      return FALSE;
    }
  stream = g_file_replace (part, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
  if (stream == NULL)
    return FALSE;

  /* Spreadsheets need the BOM to read accents right. */
  if (!hc_member_csv_export_with_progress (G_OUTPUT_STREAM (stream), members, group_paths, role_names,
                                           data->state, data->separator, HC_CSV_WRITER_BOM,
                                           &data->n_exported, write_progress_cb, self,
                                           cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error) ||
      !g_file_move (part, data->file, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, error))
    {
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      g_file_delete (part, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static WriteData *
write_data_new (HcExportDialog *self,
                GFile          *file,
                char            separator,
                gboolean        only_tab)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->store = g_object_ref (self->store);
  data->file = g_object_ref (file);
  data->separator = separator;
  data->state = only_tab ? (int) self->tab : -1;
  return data;
}

gboolean
hc_export_dialog_write (HcExportDialog *self,
                        GFile          *file,
                        char            separator,
                        gboolean        only_tab,
                        guint          *n_exported,
                        GError        **error)
{
  g_autoptr (GError) local_error = NULL;
  WriteData *data;
  gboolean ok;

  g_return_val_if_fail (HC_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (separator == ',' || separator == ';', FALSE);

  data = write_data_new (self, file, separator, only_tab);
  ok = write_file (self, data, NULL, error);
  if (ok && n_exported != NULL)
    *n_exported = data->n_exported;
  write_data_free (data);
  return ok;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;

  if (write_file (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
show_progress (HcExportDialog *self)
{
  guint done = (guint) g_atomic_int_get (&self->progress_done);
  guint total = (guint) g_atomic_int_get (&self->progress_total);
  g_autofree char *text = NULL;

  if (self->progress_dialog == NULL)
    return;
  if (total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return;
    }
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  /* Translators: "Writing member 12,000 of 100,000…" */
  text = g_strdup_printf (_("Writing member %'u of %'u…"), done, total);
  adw_message_dialog_set_body (self->progress_dialog, text);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  show_progress (user_data);

  return G_SOURCE_CONTINUE;
}

static void
stop_progress (HcExportDialog *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->progress_dialog != NULL)
    {
      AdwMessageDialog *dialog = g_steal_pointer (&self->progress_dialog);

      self->progress_bar = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_unref (dialog);
    }
  g_clear_object (&self->cancellable);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  HcExportDialog *self = HC_EXPORT_DIALOG (source);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) == self->cancellable)
    stop_progress (self);
  /* Cancelled: the user knows, nothing to say. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (ok)
    g_signal_emit (self, signals[SIGNAL_FINISHED], 0, data->n_exported, NULL);
  else
    g_signal_emit (self, signals[SIGNAL_FINISHED], 0, 0, error->message);
}

static void
progress_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      HcExportDialog   *self)
{
  hc_export_dialog_cancel (self);
}

void
hc_export_dialog_write_async (HcExportDialog *self,
                              GFile          *file,
                              char            separator,
                              gboolean        only_tab)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HC_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->progress_done, 0);
  g_atomic_int_set (&self->progress_total, 0);

  self->progress_dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->parent, _("Exporting Members"),
                                                                      _("Reading the directory…")));
  g_object_ref_sink (self->progress_dialog);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->progress_bar), 240, -1);
  adw_message_dialog_set_extra_child (self->progress_dialog, GTK_WIDGET (self->progress_bar));
  adw_message_dialog_add_response (self->progress_dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (self->progress_dialog, "cancel");
  g_signal_connect_object (self->progress_dialog, "response", G_CALLBACK (progress_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->progress_dialog));
  self->progress_id = g_timeout_add (100, progress_timeout_cb, self);

  task = g_task_new (self, self->cancellable, write_done_cb, NULL);
  g_task_set_source_tag (task, hc_export_dialog_write_async);
  g_task_set_task_data (task, write_data_new (self, file, separator, only_tab), (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

void
hc_export_dialog_cancel (HcExportDialog *self)
{
  g_return_if_fail (HC_IS_EXPORT_DIALOG (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  stop_progress (self);
}

gboolean
hc_export_dialog_is_busy (HcExportDialog *self)
{
  g_return_val_if_fail (HC_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             HcExportDialog  *self)
{
  g_autoptr (GFile) file = NULL;
  const char *separator;
  const char *scope;

  if (response != GTK_RESPONSE_ACCEPT || self->cancellable != NULL)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  separator = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "separator");
  scope = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "members");
  hc_export_dialog_write_async (self, file, g_strcmp0 (separator, ";") == 0 ? ';' : ',',
                                g_strcmp0 (scope, "tab") == 0);
}

static void
hc_export_dialog_dispose (GObject *object)
{
  HcExportDialog *self = HC_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  stop_progress (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->parent);
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
  self->parent = parent != NULL ? g_object_ref (parent) : NULL;
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
