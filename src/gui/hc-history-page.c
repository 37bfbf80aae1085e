/* hc-history-page.c — the sync runs, newest first
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-history-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hc-error.h"
#include "hc-format.h"
#include "hc-history-page.h"
#include "hc-session.h"
#include "hc-run-dialog.h"
#include "hc-run-item.h"

struct _HcHistoryPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkStack      *stack;
  AdwStatusPage *error_status;
  GtkStack      *layout_stack;
  GtkColumnView *column_view;
  GtkListView   *narrow_view;

  /* Owned state */
  HcStore       *store;
  GSignalGroup  *session_signals;       /* the workspace's HcSession */
  GListStore    *runs;
  GHashTable    *test_connectors; /* ids of the test-instance connectors */
};

G_DEFINE_FINAL_TYPE (HcHistoryPage, hc_history_page, GTK_TYPE_WIDGET)

static const HcSyncRun *
item_get_run (GtkListItem * item)
{
  return hc_run_item_get_run (gtk_list_item_get_item (item));
}

static void
set_cell_text (GtkListItem *item,
               const char  *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static void
set_cell_count (GtkListItem *item,
                guint        count)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", count);
  set_cell_text (item, text);

  /* Zeros recede, so the counts that matter stand out. */
  if (count == 0)
    gtk_widget_add_css_class (gtk_list_item_get_child (item), "dim-label");
  else
    gtk_widget_remove_css_class (gtk_list_item_get_child (item), "dim-label");
}

/* The connector's name as the history shows it. (transfer full) */
static char *
describe_connector (HcHistoryPage   *self,
                    const HcSyncRun *run)
{
  /* A change by hand has no connector. */
  if (run->connector_name == NULL)
    return g_strdup ("—");
  /* A test instance's runs say so, as its card does. */
  if (g_hash_table_contains (self->test_connectors, &run->connector_id))
    /* Translators: a connector name, in the history */
    return g_strdup_printf (_("%s (test instance)"), run->connector_name);
  return g_strdup (run->connector_name);
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               HcHistoryPage            *self)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 16);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), 1);
  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, inscription);
}

static void
number_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HcHistoryPage            *self)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 4);
  gtk_widget_add_css_class (inscription, "numeric");
  gtk_list_item_set_child (item, inscription);
}

static void
started_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HcHistoryPage            *self)
{
  g_autofree char *text = hc_format_datetime (item_get_run (item)->started_at);

  set_cell_text (item, text);
}

static void
connector_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   HcHistoryPage            *self)
{
  g_autofree char *text = describe_connector (self, item_get_run (item));

  set_cell_text (item, text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), text);
}

static void
trigger_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HcHistoryPage            *self)
{
  set_cell_text (item, hc_sync_trigger_describe (item_get_run (item)->trigger));
}

static void
duration_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  HcHistoryPage            *self)
{
  const HcSyncRun *run = item_get_run (item);
  g_autofree char *text = NULL;

  /* rules.md 23: preparing and applying, not the time the preview was open. */
  if (run->finished_at > 0 && run->finished_at >= run->started_at)
    text = hc_sync_run_describe_duration (run);

  set_cell_text (item, text != NULL ? text : "—");
}

static void
invited_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HcHistoryPage            *self)
{
  const HcSyncRun *run = item_get_run (item);

  /* Members created without access are not invitations: the row's
   * tooltip lists them with every other count. */
  set_cell_count (item, run->counts[HC_PLAN_INVITE]);
}

static void
updated_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HcHistoryPage            *self)
{
  const HcSyncRun *run = item_get_run (item);

  set_cell_count (item, run->counts[HC_PLAN_UPDATE] + run->counts[HC_PLAN_BECOME_MANAGED]);
}

static void
archived_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  HcHistoryPage            *self)
{
  set_cell_count (item, item_get_run (item)->counts[HC_PLAN_ARCHIVE]);
}

static void
unmanaged_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   HcHistoryPage            *self)
{
  set_cell_count (item, item_get_run (item)->counts[HC_PLAN_UNMANAGE]);
}

static void
result_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HcHistoryPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* The text next to it says the same: the icon is decoration. */
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 24);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), 1);
  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (inscription, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), inscription);
  gtk_list_item_set_child (item, box);
}

static char *
describe_counts (const HcSyncRun *run)
{
  GString *text = g_string_new (NULL);

  for (guint kind = 0; kind < HC_PLAN_N_KINDS; kind++)
    {
      if (kind == HC_PLAN_SKIP || kind == HC_PLAN_UNCHANGED)
        continue;

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: "New invitations: 12" */
      g_string_append_printf (text, _("%s: %u"), hc_plan_kind_describe (kind), run->counts[kind]);
    }

  return g_string_free (text, FALSE);
}

/* The result of a run as its row says it, and the counts for its tooltip.
 * (transfer full) */
static char *
describe_result (HcHistoryPage   *self,
                 const HcSyncRun *run,
                 char           **tooltip)
{
  const char *result = hc_sync_result_describe (run->result);
  g_autofree char *counts = describe_counts (run);
  char *text;

  if (run->error_message != NULL && *run->error_message != '\0')
    {
      /* The row says the error in words; the HTTP status and the path
       * are in the run's window, under "Technical details". */
      g_autofree char *summary = hc_error_dup_summary (run->error_message);

      /* Translators: "Failed: The API key was refused" */
      text = g_strdup_printf (_("%s: %s"), result, summary);
      *tooltip = g_strdup_printf ("%s\n\n%s", summary, counts);
    }
  else if (self->store != NULL && hc_store_get_undone_run (self->store, run->id) != 0)
    {
      /* Translators: "Succeeded: undo of sync 12" */
      text = g_strdup_printf (_("%s: undo of sync %lld"), result,
                              (long long) hc_store_get_undone_run (self->store, run->id));
      *tooltip = g_steal_pointer (&counts);
    }
  else
    {
      text = g_strdup (result);
      *tooltip = g_steal_pointer (&counts);
    }
  return text;
}

static void
set_result_icon (GtkWidget       *image,
                 const HcSyncRun *run)
{
  const char *style = hc_format_sync_result_style (run->result);

  gtk_image_set_from_icon_name (GTK_IMAGE (image), hc_format_sync_result_icon (run->result));
  gtk_widget_remove_css_class (image, "success");
  gtk_widget_remove_css_class (image, "error");
  gtk_widget_remove_css_class (image, "warning");
  if (style != NULL)
    gtk_widget_add_css_class (image, style);
}

/* Narrow widths: two lines a run, nothing cut (wrapped instead). */
static void
narrow_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HcHistoryPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *first = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   "valign", GTK_ALIGN_START,
                                   NULL);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  for (GtkWidget *label = title; label != NULL; label = label == title ? details : NULL)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
    }
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (first), image);
  gtk_box_append (GTK_BOX (first), title);
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static void
narrow_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HcHistoryPage            *self)
{
  const HcSyncRun *run = item_get_run (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *first = gtk_widget_get_first_child (box);
  GtkWidget *image = gtk_widget_get_first_child (first);
  GtkWidget *title = gtk_widget_get_last_child (first);
  GtkWidget *details = gtk_widget_get_last_child (box);
  g_autofree char *started = hc_format_datetime (run->started_at);
  g_autofree char *tooltip = NULL;
  g_autofree char *result = describe_result (self, run, &tooltip);
  g_autofree char *connector = describe_connector (self, run);
  g_autofree char *line = NULL;
  GString *text = g_string_new (NULL);

  set_result_icon (image, run);
  /* Translators: the first line of a run in a narrow history: when, then
   * its result */
  line = g_strdup_printf (_("%s · %s"), started, result);
  gtk_label_set_label (GTK_LABEL (title), line);

  g_string_append_printf (text, "%s · %s", connector, hc_sync_trigger_describe (run->trigger));
  if (run->finished_at > 0 && run->finished_at >= run->started_at)
    {
      g_autofree char *duration = hc_sync_run_describe_duration (run);

      g_string_append_printf (text, " · %s", duration);
    }
  for (guint kind = 0; kind < HC_PLAN_N_KINDS; kind++)
    {
      if (kind == HC_PLAN_SKIP || kind == HC_PLAN_UNCHANGED || run->counts[kind] == 0)
        continue;
      g_string_append (text, " · ");
      g_string_append_printf (text, _("%s: %u"), hc_plan_kind_describe (kind), run->counts[kind]);
    }
  gtk_label_set_label (GTK_LABEL (details), text->str);
  g_string_free (text, TRUE);
  gtk_widget_set_tooltip_text (box, tooltip);
}

static void
result_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HcHistoryPage            *self)
{
  const HcSyncRun *run = item_get_run (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  g_autofree char *tooltip = NULL;
  g_autofree char *text = describe_result (self, run, &tooltip);

  set_result_icon (gtk_widget_get_first_child (box), run);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_last_child (box)), text);
  gtk_widget_set_tooltip_text (box, tooltip);
}

/* A run opens into its changes, and its undo when it is the last applied
 * one of its connector. */
static void
run_activate_cb (GtkWidget     *view,
                 guint          position,
                 HcHistoryPage *self)
{
  g_autoptr (HcRunItem) item = g_list_model_get_item (G_LIST_MODEL (self->runs), position);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  HcRunDialog *dialog;

  if (item == NULL || self->store == NULL)
    return;
  dialog = hc_run_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                              hc_run_item_get_run (item)->id);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkSizeRequestMode
hc_history_page_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (gtk_widget_get_first_child (widget));
}

static void
hc_history_page_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* Below this width the columns would be cut: two lines a run instead. */
static void
hc_history_page_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  HcHistoryPage *self = HC_HISTORY_PAGE (widget);
  const char *layout = width < HC_HISTORY_PAGE_NARROW_WIDTH ? "narrow" : "wide";

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->layout_stack), layout) != 0)
    gtk_stack_set_visible_child_name (self->layout_stack, layout);
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

/* The workspace changed: show it as it is now. */
static void
session_changed_cb (HcHistoryPage *self)
{
  hc_history_page_reload (self);
}

static void
hc_history_page_dispose (GObject *object)
{
  HcHistoryPage *self = HC_HISTORY_PAGE (object);
  GtkWidget *child;

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_HISTORY_PAGE);
  /* The template's root is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->runs);
  g_clear_object (&self->store);
  g_clear_pointer (&self->test_connectors, g_hash_table_unref);

  G_OBJECT_CLASS (hc_history_page_parent_class)->dispose (object);
}

static void
hc_history_page_class_init (HcHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_history_page_dispose;
  widget_class->get_request_mode = hc_history_page_get_request_mode;
  widget_class->measure = hc_history_page_measure;
  widget_class->size_allocate = hc_history_page_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HcHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HcHistoryPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, HcHistoryPage, layout_stack);
  gtk_widget_class_bind_template_child (widget_class, HcHistoryPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, HcHistoryPage, narrow_view);
  gtk_widget_class_bind_template_callback (widget_class, narrow_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, narrow_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, started_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, connector_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, trigger_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, duration_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, invited_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, updated_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, archived_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, unmanaged_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, run_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "hc-history-page");
}

static void
hc_history_page_init (HcHistoryPage *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (HC_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "run-finished", G_CALLBACK (session_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "members-changed", G_CALLBACK (session_changed_cb), self);

  self->runs = g_list_store_new (HC_TYPE_RUN_ITEM);
  self->test_connectors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->runs)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_model (self->narrow_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_stack_set_visible_child_name (self->layout_stack, "wide");
}

HcHistoryPage *
hc_history_page_new (void)
{
  return g_object_new (HC_TYPE_HISTORY_PAGE, NULL);
}

void
hc_history_page_set_store (HcHistoryPage *self,
                           HcStore       *store)
{
  g_return_if_fail (HC_IS_HISTORY_PAGE (self));
  g_return_if_fail (store == NULL || HC_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals,
                               store != NULL ? hc_session_get_for_store (store) : NULL);
  hc_history_page_reload (self);
}

void
hc_history_page_reload (HcHistoryPage *self)
{
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (HC_IS_HISTORY_PAGE (self));

  if (self->store == NULL)
    {
      g_list_store_remove_all (self->runs);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* At most 500 small rows: read on the main thread. */
  runs = hc_store_list_runs (self->store, 0, HC_HISTORY_PAGE_LIMIT, &error);
  if (runs == NULL)
    {
      /* The description is markup. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_status, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_hash_table_remove_all (self->test_connectors);
  {
    g_autoptr (GPtrArray) connectors = hc_store_list_connectors (self->store, NULL);

    for (guint i = 0; connectors != NULL && i < connectors->len; i++)
      {
        HcConnectorInfo *info = g_ptr_array_index (connectors, i);

        if (info->test_instance)
          g_hash_table_add (self->test_connectors, g_memdup2 (&info->id, sizeof info->id));
      }
  }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < runs->len; i++)
    g_ptr_array_add (items, hc_run_item_new (g_ptr_array_index (runs, i)));

  g_list_store_splice (self->runs, 0, g_list_model_get_n_items (G_LIST_MODEL (self->runs)),
                       items->pdata, items->len);

  gtk_stack_set_visible_child_name (self->stack, runs->len > 0 ? "list" : "empty");
}

gboolean
hc_history_page_is_narrow (HcHistoryPage *self)
{
  g_return_val_if_fail (HC_IS_HISTORY_PAGE (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->layout_stack), "narrow") == 0;
}

GListModel *
hc_history_page_get_model (HcHistoryPage *self)
{
  g_return_val_if_fail (HC_IS_HISTORY_PAGE (self), NULL);

  return G_LIST_MODEL (self->runs);
}
