/* hc-import-dialog.c — import existing members from CSV: column mapping,
 * preview, import
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-discard-prompt.h"
#include "hc-import-dialog.h"
#include "hc-mapping.h"

/* The lines listed on the preview: a file can hold 100,000. */
#define MAX_LISTED_LINES 50

struct _HcImportDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *back_button;
  GtkWidget           *cancel_button;
  GtkWidget           *next_button;
  GtkWidget           *import_button;
  GtkStack            *stack;
  AdwPreferencesGroup *columns_group;
  GtkLabel            *mapping_error_label;
  GtkListBox          *columns_list;
  GtkLabel            *create_label;
  GtkLabel            *match_label;
  GtkLabel            *invalid_label;
  GtkSwitch           *skip_switch;
  GtkLabel            *import_error_label;
  GtkWidget           *rejected_group;
  GtkListBox          *rejected_list;
  GtkWidget           *warnings_group;
  GtkListBox          *warnings_list;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  GtkLabel            *import_reason_label;

  /* Owned state */
  HcStore             *store;
  HcMemberCsvImport   *import;
  HcMemberCsvPreview  *preview;
  GPtrArray           *column_rows;   /* of AdwComboRow*, one per column */
  gboolean             updating;      /* the rows are set from the mapping */
  char                *initial_choices; /* the mapping and the switch on open */

  /* The preview being made, in a thread (never on the main loop: a file
   * can hold 100,000 lines) */
  GCancellable        *cancellable;
  guint                progress_id;   /* the timeout that shows the progress */
  /* written by the thread, read by the timeout (g_atomic_int_*) */
  int                  progress_line;
  int                  progress_lines;
  int                  progress_pass;
  int                  progress_passes;
};

G_DEFINE_FINAL_TYPE (HcImportDialog, hc_import_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "Cost center" → "custom.cost_center". (transfer full) */
static char *
build_custom_field (const char *column_name)
{
  g_autofree char *down = g_utf8_strdown (column_name, -1);
  GString *field = g_string_new ("custom.");
  gboolean underscore = FALSE;

  for (const char *p = down; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (underscore && field->len > strlen ("custom."))
            g_string_append_c (field, '_');
          g_string_append_c (field, *p);
          underscore = FALSE;
        }
      else
        underscore = TRUE;
    }
  if (field->len == strlen ("custom."))
    g_string_append (field, "field");

  return g_string_free (field, FALSE);
}

static char *
describe_field (const char *field)
{
  if (g_str_equal (field, "state"))
    return g_strdup (_("State (active, invited or archived)"));

  return hc_mapping_describe_target (field);
}

/* The choices of a column: not imported, the member fields, a custom
 * field of the column's name (or the one it is mapped to). */
static GStrv
build_column_fields (HcImportDialog *self,
                     guint           column)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *fields = hc_member_csv_list_fields ();
  const char *current = hc_member_csv_import_get_column_field (self->import, column);
  g_autofree char *custom = NULL;

  g_strv_builder_add (builder, "");
  for (guint i = 0; fields[i] != NULL; i++)
    if (!g_str_has_prefix (fields[i], "custom."))
      g_strv_builder_add (builder, fields[i]);

  if (current != NULL && g_str_has_prefix (current, "custom."))
    custom = g_strdup (current);
  else
    custom = build_custom_field (hc_member_csv_import_get_column_name (self->import, column));
  g_strv_builder_add (builder, custom);

  return g_strv_builder_end (builder);
}

static guint
find_field (GStrv       fields,
            const char *field)
{
  for (guint i = 0; fields[i] != NULL; i++)
    if (g_strcmp0 (fields[i], field != NULL ? field : "") == 0)
      return i;
  return 0;
}

static void
sync_rows_from_mapping (HcImportDialog *self)
{
  self->updating = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    {
      AdwComboRow *row = g_ptr_array_index (self->column_rows, c);
      GStrv fields = g_object_get_data (G_OBJECT (row), "hc-fields");
      const char *field = hc_member_csv_import_get_column_field (self->import, c);

      adw_combo_row_set_selected (row, find_field (fields, field));
    }
  self->updating = FALSE;
}

static void
column_selected_cb (AdwComboRow    *row,
                    GParamSpec     *pspec,
                    HcImportDialog *self)
{
  g_autoptr (GError) error = NULL;
  GStrv fields = g_object_get_data (G_OBJECT (row), "hc-fields");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "hc-column"));
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (!hc_member_csv_import_set_column_field (self->import, column, fields[selected], &error))
    g_warning ("Could not map column %u: %s", column, error->message);

  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_label), FALSE);
  /* A field moves: the column that had it loses it. */
  sync_rows_from_mapping (self);
}

static void
build_column_rows (HcImportDialog *self)
{
  guint n_columns = hc_member_csv_import_get_n_columns (self->import);
  guint n_records = hc_member_csv_import_get_n_records (self->import);
  char separator = hc_member_csv_import_get_separator (self->import);
  g_autofree char *description = NULL;
  g_autofree char *lines = NULL;

  lines = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "%u line", "%u lines", n_records), n_records);
  /* Translators: the first %s is "N lines", the second the separator, , or ; */
  description = g_strdup_printf (_("%s separated by “%c”. Choose the member field each column goes to."),
                                 lines, separator);
  adw_preferences_group_set_description (self->columns_group, description);

  for (guint c = 0; c < n_columns; c++)
    {
      g_auto (GStrv) fields = build_column_fields (self, c);
      g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
      const char *name = hc_member_csv_import_get_column_name (self->import, c);
      g_autofree char *escaped = g_markup_escape_text (name != NULL && *name ? name : _("(no name)"), -1);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      for (guint i = 0; fields[i] != NULL; i++)
        {
          g_autofree char *label = i == 0 ? g_strdup (_("Not imported")) : describe_field (fields[i]);

          gtk_string_list_append (labels, label);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_combo_row_set_model (row, G_LIST_MODEL (labels));
      g_object_set_data_full (G_OBJECT (row), "hc-fields", g_steal_pointer (&fields),
                              (GDestroyNotify) g_strfreev);
      g_object_set_data (G_OBJECT (row), "hc-column", GUINT_TO_POINTER (c));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_selected_cb), self, 0);
      gtk_list_box_append (self->columns_list, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }

  sync_rows_from_mapping (self);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
append_line_row (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  gtk_list_box_append (list, row);
}

static void
append_more_row (GtkListBox *list,
                 guint       n_more)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE_NAME, "And %u more line",
                                                        "And %u more lines", n_more),
                                           n_more);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

/* Lines that are neither new nor already in the directory. */
static guint
count_invalid (HcMemberCsvPreview *preview)
{
  return preview->n_rejected - preview->n_existing;
}

/* People already in the directory are always skipped: only invalid lines
 * stop an import, unless they are skipped too. Why **Import** cannot be
 * pressed is said under it. */
static void
update_import_action (HcImportDialog *self)
{
  const char *reason = NULL;
  gboolean can_import = FALSE;

  if (self->preview != NULL)
    {
      guint n_invalid = count_invalid (self->preview);

      if (self->preview->n_new == 0 && n_invalid == 0)
        reason = _("Nothing to import: everyone in the file is already in the directory.");
      else if (self->preview->n_new == 0)
        reason = _("Nothing to import: no line of the file can be imported.");
      else if (n_invalid > 0 && !gtk_switch_get_active (self->skip_switch))
        reason = _("Some lines are invalid: turn on Skip Invalid Lines to import the others, "
                   "or correct the file.");
      else
        can_import = TRUE;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", can_import);
  gtk_label_set_label (self->import_reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->import_reason_label), reason != NULL);
}

static void
show_page (HcImportDialog *self,
           const char     *page)
{
  gboolean mapping = g_str_equal (page, "mapping");
  gboolean working = g_str_equal (page, "working");
  gboolean preview = g_str_equal (page, "preview");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->back_button, preview);
  gtk_widget_set_visible (self->cancel_button, mapping);
  gtk_widget_set_visible (self->next_button, mapping || working);
  gtk_widget_set_sensitive (self->next_button, !working);
  gtk_widget_set_visible (self->import_button, preview);
}

static void
show_preview (HcImportDialog *self)
{
  guint n_matched = self->preview->n_existing;
  guint n_invalid = count_invalid (self->preview);
  guint n_rejected_listed = 0, n_warnings_listed = 0;
  g_autofree char *text = NULL;

  clear_list (self->rejected_list);
  clear_list (self->warnings_list);

  for (guint i = 0; i < self->preview->rows->len; i++)
    {
      const HcMemberCsvRow *row = g_ptr_array_index (self->preview->rows, i);

      if (row->reason != HC_MEMBER_CSV_OK && row->message != NULL &&
          n_rejected_listed < MAX_LISTED_LINES)
        {
          append_line_row (self->rejected_list, row->message);
          n_rejected_listed++;
        }
      if (row->reason == HC_MEMBER_CSV_OK && row->warning != NULL &&
          n_warnings_listed < MAX_LISTED_LINES)
        {
          append_line_row (self->warnings_list, row->warning);
          n_warnings_listed++;
        }
    }
  /* The preview holds the first lines only (rules.md 35): the counts say the rest. */
  if (self->preview->n_rejected > n_rejected_listed)
    append_more_row (self->rejected_list, self->preview->n_rejected - n_rejected_listed);
  if (self->preview->n_warnings > n_warnings_listed)
    append_more_row (self->warnings_list, self->preview->n_warnings - n_warnings_listed);

  text = g_strdup_printf ("%u", self->preview->n_new);
  gtk_label_set_label (self->create_label, text);
  g_free (text);
  text = g_strdup_printf ("%u", n_matched);
  gtk_label_set_label (self->match_label, text);
  g_free (text);
  text = g_strdup_printf ("%u", n_invalid);
  gtk_label_set_label (self->invalid_label, text);

  gtk_widget_set_visible (self->rejected_group, n_rejected_listed > 0);
  gtk_widget_set_visible (self->warnings_group, n_warnings_listed > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->import_error_label), FALSE);

  show_page (self, "preview");
  update_import_action (self);
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

typedef struct
{
  HcStore           *store;
  HcMemberCsvImport *import;
} PreviewData;

static void
preview_data_free (PreviewData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->import);
  g_free (data);
}

/* In the preview's thread. */
static void
preview_progress_cb (guint    line,
                     guint    n_lines,
                     guint    pass,
                     guint    n_passes,
                     gpointer user_data)
{
  HcImportDialog *self = user_data;

  g_atomic_int_set (&self->progress_line, (int) line);
  g_atomic_int_set (&self->progress_lines, (int) n_lines);
  g_atomic_int_set (&self->progress_pass, (int) pass);
  g_atomic_int_set (&self->progress_passes, (int) n_passes);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewData *data = task_data;
  g_autoptr (GPtrArray) existing = NULL;
  g_autoptr (GError) error = NULL;
  HcMemberCsvPreview *preview;

  existing = hc_store_list_members (data->store, &error);
  if (existing == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  preview = hc_member_csv_import_preview_full (data->import, existing, cancellable,
                                               preview_progress_cb, source_object, &error);
  if (preview == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) hc_member_csv_preview_free);
}

static void
show_progress (HcImportDialog *self)
{
  guint line = (guint) g_atomic_int_get (&self->progress_line);
  guint n_lines = (guint) g_atomic_int_get (&self->progress_lines);
  guint pass = (guint) g_atomic_int_get (&self->progress_pass);
  guint n_passes = MAX ((guint) g_atomic_int_get (&self->progress_passes), 1);
  g_autofree char *text = NULL;

  if (n_lines == 0 || pass == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      gtk_label_set_label (self->progress_label, _("Reading the file…"));
      return;
    }

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 ((pass - 1) + (double) line / n_lines) / n_passes);
  if (pass == 1)
    /* Translators: "Reading line 120,000 of 200,000…" */
    text = g_strdup_printf (_("Reading line %'u of %'u…"), line, n_lines);
  else
    /* Translators: the second pass of an import preview */
    text = g_strdup_printf (_("Finding the managers: line %'u of %'u…"), line, n_lines);
  gtk_label_set_label (self->progress_label, text);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  show_progress (user_data);

  return G_SOURCE_CONTINUE;
}

static void
stop_progress (HcImportDialog *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HcImportDialog *self = HC_IMPORT_DIALOG (source);
  g_autoptr (GError) error = NULL;
  HcMemberCsvPreview *preview;

  preview = g_task_propagate_pointer (G_TASK (result), &error);
  /* A later preview, or none, is asked for: this one is dropped. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&preview, hc_member_csv_preview_free);
      return;
    }
  stop_progress (self);

  if (preview == NULL)
    {
      show_page (self, "mapping");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self->mapping_error_label, error->message);
      return;
    }

  g_clear_pointer (&self->preview, hc_member_csv_preview_free);
  self->preview = preview;
  show_preview (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcImportDialog *self = HC_IMPORT_DIALOG (widget);
  g_autoptr (GTask) task = NULL;
  PreviewData *data;

  if (self->cancellable != NULL)
    return;

  g_clear_pointer (&self->preview, hc_member_csv_preview_free);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_label), FALSE);

  self->cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->progress_line, 0);
  g_atomic_int_set (&self->progress_lines, 0);
  g_atomic_int_set (&self->progress_pass, 0);
  show_progress (self);
  self->progress_id = g_timeout_add (100, progress_timeout_cb, self);
  show_page (self, "working");

  data = g_new0 (PreviewData, 1);
  data->store = g_object_ref (self->store);
  data->import = g_object_ref (self->import);
  task = g_task_new (self, self->cancellable, preview_done_cb, NULL);
  g_task_set_source_tag (task, next_action);
  g_task_set_task_data (task, data, (GDestroyNotify) preview_data_free);
  g_task_run_in_thread (task, preview_thread);
}

/* Cancel, while the preview is made: back to the columns at once. */
static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcImportDialog *self = HC_IMPORT_DIALOG (widget);

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  stop_progress (self);
  show_page (self, "mapping");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcImportDialog *self = HC_IMPORT_DIALOG (widget);

  g_clear_pointer (&self->preview, hc_member_csv_preview_free);
  show_page (self, "mapping");
  update_import_action (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HcImportDialog *self = HC_IMPORT_DIALOG (widget);
  g_autoptr (GError) error = NULL;
  guint n_imported = 0;

  if (self->preview == NULL)
    return;

  /* One transaction: all the lines or none. People already in the
   * directory are skipped whatever the switch says. */
  if (!hc_member_csv_preview_apply (self->preview, self->store,
                                    gtk_switch_get_active (self->skip_switch) ||
                                    count_invalid (self->preview) == 0,
                                    &n_imported, &error))
    {
      show_error (self->import_error_label, error->message);
      /* A preview applies once: make a fresh one to try again. */
      if (self->preview->applied)
        gtk_widget_action_set_enabled (widget, "import.import", FALSE);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, n_imported);
  hc_discard_prompt_release (GTK_WINDOW (self));
  gtk_window_close (GTK_WINDOW (self));
}

static void
skip_changed_cb (HcImportDialog *self)
{
  update_import_action (self);
}

/* Unsaved edits are never thrown away silently: the columns' fields and
* the switch, to compare with what they were on open. (transfer full) */
static char *
dup_choices (HcImportDialog *self)
{
  GString *choices = g_string_new (gtk_switch_get_active (self->skip_switch) ? "skip" : "");

  for (guint c = 0; c < self->column_rows->len; c++)
    {
      const char *field = hc_member_csv_import_get_column_field (self->import, c);

      g_string_append_printf (choices, "\x1f%s", field != NULL ? field : "");
    }
  return g_string_free (choices, FALSE);
}

static gboolean
hc_import_dialog_close_request (GtkWindow *window)
{
  HcImportDialog *self = HC_IMPORT_DIALOG (window);
  g_autofree char *choices = dup_choices (self);

  if (hc_discard_prompt_hold_close (window, g_strcmp0 (choices, self->initial_choices) != 0,
                                    _("The columns you chose are lost, and nobody is imported.")))
    return TRUE;

  return GTK_WINDOW_CLASS (hc_import_dialog_parent_class)->close_request (window);
}

static void
hc_import_dialog_dispose (GObject *object)
{
  HcImportDialog *self = HC_IMPORT_DIALOG (object);

  /* A preview still being made stops with the dialog. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  stop_progress (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (hc_import_dialog_parent_class)->dispose (object);
}

static void
hc_import_dialog_finalize (GObject *object)
{
  HcImportDialog *self = HC_IMPORT_DIALOG (object);

  g_clear_pointer (&self->preview, hc_member_csv_preview_free);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_object (&self->import);
  g_clear_object (&self->store);
  g_free (self->initial_choices);

  G_OBJECT_CLASS (hc_import_dialog_parent_class)->finalize (object);
}

static void
hc_import_dialog_class_init (HcImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hc_import_dialog_dispose;
  object_class->finalize = hc_import_dialog_finalize;
  window_class->close_request = hc_import_dialog_close_request;

  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, mapping_error_label);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, columns_list);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, create_label);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, match_label);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, invalid_label);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, skip_switch);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, import_error_label);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, rejected_group);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, rejected_list);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, HcImportDialog, import_reason_label);
  gtk_widget_class_bind_template_callback (widget_class, skip_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hc_import_dialog_init (HcImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->column_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
}

HcImportDialog *
hc_import_dialog_new (HcStore           *store,
                      HcMemberCsvImport *import,
                      const char        *file_name)
{
  HcImportDialog *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (import), NULL);

  self = g_object_new (HC_TYPE_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->import = g_object_ref (import);
  adw_window_title_set_subtitle (self->window_title, file_name);
  build_column_rows (self);
  self->initial_choices = dup_choices (self);

  return self;
}

const char *
hc_import_dialog_get_page (HcImportDialog *self)
{
  g_return_val_if_fail (HC_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

AdwComboRow *
hc_import_dialog_get_column_row (HcImportDialog *self,
                                 guint           column)
{
  g_return_val_if_fail (HC_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (column < self->column_rows->len, NULL);

  return g_ptr_array_index (self->column_rows, column);
}

HcMemberCsvPreview *
hc_import_dialog_get_preview (HcImportDialog *self)
{
  g_return_val_if_fail (HC_IS_IMPORT_DIALOG (self), NULL);

  return self->preview;
}

void
hc_import_dialog_set_skip_invalid (HcImportDialog *self,
                                   gboolean        skip)
{
  g_return_if_fail (HC_IS_IMPORT_DIALOG (self));

  gtk_switch_set_active (self->skip_switch, skip);
}

gboolean
hc_import_dialog_is_busy (HcImportDialog *self)
{
  g_return_val_if_fail (HC_IS_IMPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

guint
hc_import_dialog_get_progress_line (HcImportDialog *self)
{
  g_return_val_if_fail (HC_IS_IMPORT_DIALOG (self), 0);

  return (guint) g_atomic_int_get (&self->progress_line);
}

const char *
hc_import_dialog_get_error (HcImportDialog *self)
{
  GtkLabel *label;

  g_return_val_if_fail (HC_IS_IMPORT_DIALOG (self), NULL);

  label = self->preview != NULL ? self->import_error_label : self->mapping_error_label;
  if (!gtk_widget_get_visible (GTK_WIDGET (label)))
    return NULL;
  return gtk_label_get_label (label);
}
