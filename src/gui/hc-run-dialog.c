/* hc-run-dialog.c — one sync run: its changes member by member, field by field, and its undo
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-run-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-error.h"
#include "hc-format.h"
#include "hc-run-change-item.h"
#include "hc-destination.h"
#include "hc-run-dialog.h"
#include "hc-undo.h"
#include "hc-session.h"

/* Kept members the confirmation names before "and N more". */
#define KEPT_SHOWN 5

struct _HcRunDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkWidget          *undo_button;
  GtkLabel           *summary_label;
  GtkLabel           *error_label;
  GtkExpander        *technical_expander;
  GtkLabel           *technical_label;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  AdwStatusPage      *empty_status;
  GtkColumnView      *column_view;

  /* Owned state */
  HcStore            *store;
  gint64              run_id;
  GListStore         *changes;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  char               *query;         /* case-folded */
  HcUndo             *undo;          /* while the confirmation is open */
  AdwMessageDialog   *confirmation;
  GCancellable       *cancellable;
  gboolean            loading;
  gboolean            busy;          /* a preview or an undo runs */
};

G_DEFINE_FINAL_TYPE (HcRunDialog, hc_run_dialog, ADW_TYPE_WINDOW)

static HcRunChangeItem *
item_get_change (GtkListItem * item)
{
  return gtk_list_item_get_item (item);
}

static void
set_cell_text (GtkListItem *item,
               const char  *text)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  gtk_inscription_set_text (GTK_INSCRIPTION (child), text != NULL && *text != '\0' ? text : "—");
  gtk_widget_set_tooltip_text (child, text);
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               HcRunDialog              *self)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 14);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), 1);
  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, inscription);
}

static void
member_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HcRunDialog              *self)
{
  set_cell_text (item, hc_run_change_item_get_member (item_get_change (item)));
}

static void
change_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HcRunDialog              *self)
{
  set_cell_text (item, hc_run_change_item_get_change (item_get_change (item)));
}

static void
field_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               HcRunDialog              *self)
{
  set_cell_text (item, hc_run_change_item_get_field (item_get_change (item)));
}

static void
before_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HcRunDialog              *self)
{
  set_cell_text (item, hc_run_change_item_get_before (item_get_change (item)));
}

static void
after_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               HcRunDialog              *self)
{
  set_cell_text (item, hc_run_change_item_get_after (item_get_change (item)));
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  HcRunDialog *self = user_data;

  return hc_run_change_item_matches (item, self->query);
}

static void
update_stack (HcRunDialog *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  if (empty)
    adw_status_page_set_description (self->empty_status,
                                     self->query && *self->query
                                     ? _("No change matches the search.")
                                     : _("This sync changed no member."));
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
search_changed_cb (HcRunDialog *self)
{
  g_free (self->query);
  self->query = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

/* Escape clears the search, then closes the window. */
static void
stop_search_cb (HcRunDialog *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static char *
member_label (const HcRunChange *change)
{
  if (change->member_name)
    return g_strdup (change->member_name);
  if (change->employee_id)
    /* Translators: a member known only by the HR system's id */
    return g_strdup_printf (_("Employee %s"), change->employee_id);
  return g_strdup (_("A removed member"));
}

typedef struct
{
  GPtrArray  *items;
  const char *member;
  const char *kind;
} RowsOf;

static void
add_row (const char *field,
         const char *before,
         const char *after,
         gpointer    user_data)
{
  RowsOf *rows = user_data;

  g_ptr_array_add (rows->items, hc_run_change_item_new (rows->member, rows->kind, field, before, after));
}

static GPtrArray *
build_items (GPtrArray *changes)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < changes->len; i++)
    {
      HcRunChange *change = g_ptr_array_index (changes, i);
      g_autofree char *member = NULL;
      RowsOf rows;

      if (g_strcmp0 (change->kind, HC_RUN_CHANGE_UNDO_OF) == 0)
        continue;
      member = member_label (change);
      rows.items = items;
      rows.member = member;
      rows.kind = hc_undo_describe_change_kind (change->kind);
      hc_undo_foreach_change_row (change, add_row, &rows);
    }
  return items;
}

/* Reads and builds the rows off the main thread: a first sync of 100,000
 * employees records a million fields. */
static void
changes_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HcStore *store = task_data;
  gint64 run_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "run-id"));
  GError *error = NULL;
  g_autoptr (GPtrArray) changes = hc_store_list_run_changes (store, run_id, &error);

  if (changes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, build_items (changes), (GDestroyNotify) g_ptr_array_unref);
}

static void
changes_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = g_task_propagate_pointer (G_TASK (result), &error);
  HcRunDialog *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HC_RUN_DIALOG (source);
  self->loading = FALSE;
  if (items == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      items = g_ptr_array_new ();
    }
  g_list_store_splice (self->changes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->changes)),
                       items->pdata, items->len);
  update_stack (self);
}

/* The error in words; the HTTP status and the path under "Technical
 * details". NULL hides both. */
static void
set_error (HcRunDialog *self,
           const char  *message)
{
  g_autofree char *summary = hc_error_dup_summary (message);
  const char *technical = hc_error_get_technical (message);

  gtk_label_set_text (self->error_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), summary != NULL && *summary != '\0');
  gtk_label_set_text (self->technical_label, technical);
  gtk_widget_set_visible (GTK_WIDGET (self->technical_expander), technical != NULL);
}

static void
load (HcRunDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSyncRun) run = hc_store_get_run (self->store, self->run_id, &error);
  g_autoptr (GTask) task = NULL;
  g_autofree char *title = NULL;
  g_autofree char *started = NULL;
  g_autofree char *duration = NULL;
  g_autoptr (GString) summary = g_string_new (NULL);
  gint64 undone, undo_of;

  if (run == NULL)
    {
      set_error (self, error->message);
      return;
    }

  /* By date and trigger: an admin does not count runs. */
  title = hc_format_run_title (run);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, run->connector_name ? run->connector_name : "");
  gtk_window_set_title (GTK_WINDOW (self), title);

  started = hc_format_datetime (run->started_at);
  duration = run->finished_at >= run->started_at && run->finished_at > 0
             ? hc_sync_run_describe_duration (run) : g_strdup ("—");
  /* Translators: "Started 1 Dec 2026 08:20, took 2 s, trigger: Manual, result: Succeeded." */
  g_string_printf (summary, _("Started %s, took %s, trigger: %s, result: %s."), started, duration,
                   hc_sync_trigger_describe (run->trigger), hc_sync_result_describe (run->result));
  undone = hc_store_get_undone_run (self->store, run->id);
  undo_of = hc_store_find_undo_of (self->store, run->id);
  if (undone)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, _("This sync undid sync %lld."), (long long) undone);
    }
  if (undo_of)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, _("Undone by sync %lld."), (long long) undo_of);
    }
  /* What the destinations received after it (rules.md 42). */
  {
    g_autoptr (GPtrArray) deliveries = hc_destination_list_run_outcomes (self->store, run->id, NULL);

    for (guint i = 0; deliveries != NULL && i < deliveries->len; i++)
      {
        g_autofree char *line = hc_destination_run_outcome_describe (g_ptr_array_index (deliveries, i));

        g_string_append_c (summary, '\n');
        /* Translators: "Delivered to Platform: 3 created, 1 updated, 0 deactivated, 0 failed." */
        g_string_append_printf (summary, _("Delivered to %s."), line);
      }
  }
  gtk_label_set_text (self->summary_label, summary->str);
  set_error (self, run->error_message);
  gtk_widget_set_visible (self->undo_button, hc_undo_can_undo (self->store, run->id, NULL));

  self->loading = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  task = g_task_new (self, self->cancellable, changes_loaded_cb, NULL);
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_object_set_data (G_OBJECT (task), "run-id", GSIZE_TO_POINTER ((gsize) self->run_id));
  g_task_run_in_thread (task, changes_thread);
}

static void
show_error (HcRunDialog  *self,
            const GError *error)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         _("Could Not Undo the Sync"),
                                                                         error->message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_busy (HcRunDialog *self,
          gboolean     busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.undo", !busy);
}

static void
undo_applied_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcSyncRun) run = hc_undo_apply_finish (HC_UNDO (source), result, &error);
  g_autoptr (HcRunDialog) self = user_data;

  set_busy (self, FALSE);
  if (run == NULL)
    {
      show_error (self, error);
      return;
    }
  load (self);
  /* Undone: every view of the workspace shows it. */
  hc_session_members_changed (hc_session_get_for_store (self->store), NULL, 0);
  hc_session_run_finished (hc_session_get_for_store (self->store), run->connector_id, run);
}

static void
confirmation_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          HcRunDialog      *self)
{
  g_autoptr (HcUndo) undo = g_steal_pointer (&self->undo);

  self->confirmation = NULL;
  if (g_strcmp0 (response, "undo") != 0 || undo == NULL)
    return;   /* cancelled: nothing changes */

  set_busy (self, TRUE);
  /* Not cancellable: the rollback is one transaction, done or not. */
  hc_undo_apply_async (undo, self->store, HC_SYNC_TRIGGER_MANUAL, NULL, undo_applied_cb, g_object_ref (self));
}

static void
preview_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcUndo) undo = hc_undo_new_finish (result, &error);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *summary = NULL;
  HcRunDialog *self;
  GPtrArray *items;
  guint kept = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HC_RUN_DIALOG (user_data);
  set_busy (self, FALSE);
  if (undo == NULL)
    {
      show_error (self, error);
      load (self);
      return;
    }

  summary = hc_undo_dup_summary (undo);
  g_string_append (body, summary);
  items = hc_undo_get_items (undo);
  for (guint i = 0; i < items->len; i++)
    {
      HcUndoItem *item = g_ptr_array_index (items, i);

      if (item->action != HC_UNDO_KEEP)
        continue;
      if (kept == 0)
        g_string_append_printf (body, "\n\n%s", _("Kept as they are:"));
      if (kept < KEPT_SHOWN)
        {
          g_autofree char *field = item->field ? hc_undo_describe_field (item->field) : NULL;

          if (field)
            /* Translators: "• Zoé Lefèvre, Manager: why" */
            g_string_append_printf (body, _("\n• %s, %s: %s"), item->display_name, field, item->reason);
          else
            /* Translators: "• Zoé Lefèvre: why" */
            g_string_append_printf (body, _("\n• %s: %s"), item->display_name, item->reason);
        }
      kept++;
    }
  if (kept > KEPT_SHOWN)
    g_string_append_printf (body, ngettext ("\n… and %u more", "\n… and %u more", kept - KEPT_SHOWN),
                            kept - KEPT_SHOWN);

  g_clear_object (&self->undo);
  self->undo = g_steal_pointer (&undo);
  self->confirmation = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                   _("Undo This Sync?"), body->str));
  adw_message_dialog_add_responses (self->confirmation,
                                    "cancel", _("_Cancel"),
                                    "undo", _("_Undo Sync"),
                                    NULL);
  adw_message_dialog_set_response_appearance (self->confirmation, "undo", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (self->confirmation, "cancel");
  adw_message_dialog_set_close_response (self->confirmation, "cancel");
  g_signal_connect (self->confirmation, "response", G_CALLBACK (confirmation_response_cb), self);
  gtk_window_present (GTK_WINDOW (self->confirmation));
}

static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HcRunDialog *self = HC_RUN_DIALOG (widget);

  if (self->busy)
    return;
  set_busy (self, TRUE);
  hc_undo_new_async (self->store, self->run_id, self->cancellable, preview_ready_cb, self);
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (HC_RUN_DIALOG (widget)->search_entry));
}

static void
hc_run_dialog_dispose (GObject *object)
{
  HcRunDialog *self = HC_RUN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->undo);
  g_clear_object (&self->filtered);
  g_clear_object (&self->changes);
  g_clear_object (&self->store);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (hc_run_dialog_parent_class)->dispose (object);
}

static void
hc_run_dialog_class_init (HcRunDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_run_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-run-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HcRunDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HcRunDialog, undo_button);
  gtk_widget_class_bind_template_child (widget_class, HcRunDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HcRunDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, HcRunDialog, technical_expander);
  gtk_widget_class_bind_template_child (widget_class, HcRunDialog, technical_label);
  gtk_widget_class_bind_template_child (widget_class, HcRunDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HcRunDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, HcRunDialog, empty_status);
  gtk_widget_class_bind_template_child (widget_class, HcRunDialog, column_view);
  gtk_widget_class_bind_template_callback (widget_class, text_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, before_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, after_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "run.undo", NULL, undo_action_cb);
  gtk_widget_class_install_action (widget_class, "run.search", NULL, search_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "run.search", NULL);
}

static void
hc_run_dialog_init (HcRunDialog *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->changes = g_list_store_new (HC_TYPE_RUN_CHANGE_ITEM);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->changes)),
                                              GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

HcRunDialog *
hc_run_dialog_new (GtkWindow *parent,
                   HcStore   *store,
                   gint64     run_id)
{
  HcRunDialog *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  self = g_object_new (HC_TYPE_RUN_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->run_id = run_id;
  load (self);
  return self;
}

GListModel *
hc_run_dialog_get_changes (HcRunDialog *self)
{
  g_return_val_if_fail (HC_IS_RUN_DIALOG (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

GtkEditable *
hc_run_dialog_get_search_entry (HcRunDialog *self)
{
  g_return_val_if_fail (HC_IS_RUN_DIALOG (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

gboolean
hc_run_dialog_get_busy (HcRunDialog *self)
{
  g_return_val_if_fail (HC_IS_RUN_DIALOG (self), FALSE);
  return self->loading || self->busy;
}

AdwMessageDialog *
hc_run_dialog_get_confirmation (HcRunDialog *self)
{
  g_return_val_if_fail (HC_IS_RUN_DIALOG (self), NULL);
  return self->confirmation;
}

const char *
hc_run_dialog_get_summary (HcRunDialog *self)
{
  g_return_val_if_fail (HC_IS_RUN_DIALOG (self), NULL);

  return gtk_label_get_text (self->summary_label);
}
