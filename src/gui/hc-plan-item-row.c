/* hc-plan-item-row.c — one line of the preview's list, with "Why?"
 *
 * Made once per visible line by the preview's list factory and rebound as
 * the list scrolls: everything it shows comes from its HcPlanEntry.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-plan-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-plan-item-row.h"

/* Field changes written on the line itself; the rest are in "Why?". */
#define INLINE_CHANGES 3

struct _HcPlanItemRow
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkCheckButton *approve_check;
  GtkImage       *icon;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *detail_label;
  GtkLabel       *staged_badge;
  GtkMenuButton  *why_button;
  GtkPopover     *why_popover;   /* NULL until "Why?" first opens */
  HcExplainView  *explain_view;   /* in why_popover */

  /* Owned state */
  HcPlanEntry    *entry;
  gulong          approved_handler;
  gulong          explanation_handler;
  gboolean        updating;
  gboolean        can_explain;
};

G_DEFINE_FINAL_TYPE (HcPlanItemRow, hc_plan_item_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_EXPLAIN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
append_changes (GString   *text,
                GPtrArray *changes)
{
  guint n = changes != NULL ? changes->len : 0;

  for (guint i = 0; i < MIN (n, INLINE_CHANGES); i++)
    {
      HcFieldChange *change = g_ptr_array_index (changes, i);
      g_autofree char *field = hc_explain_view_describe_field (change->field);
      g_autofree char *value = hc_explain_view_format_change (change);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a field and its change, "Job title: Engineer → Senior Engineer" */
      g_string_append_printf (text, _("%s: %s"), field, value);
    }

  if (n > INLINE_CHANGES)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("and %u more change", "and %u more changes",
                                              n - INLINE_CHANGES),
                              n - INLINE_CHANGES);
    }
}

static const char *
find_after (GPtrArray  *changes,
            const char *field)
{
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      HcFieldChange *change = g_ptr_array_index (changes, i);

      if (g_str_equal (change->field, field))
        return change->after;
    }

  return NULL;
}

/* "7 Dec 2026", as the rest of the window writes dates. */
static char *
format_date (const GDate *date)
{
  g_autoptr (GDateTime) time = NULL;

  if (!g_date_valid (date))
    return NULL;
  time = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 0, 0, 0);

  /* Translators: a date as in "7 Dec 2026"; see g_date_time_format() for
   * the conversions. */
  /* xgettext:no-c-format */
  return time != NULL ? g_date_time_format (time, _("%-d %b %Y")) : NULL;
}

/* The third line: what happens to this person, briefly. (transfer full) */
static char *
describe_detail (HcPlanEntry *entry)
{
  HcPlanItem *item = hc_plan_entry_get_item (entry);
  HcPlanUpcoming *upcoming = hc_plan_entry_get_upcoming (entry);
  g_autoptr (GString) text = g_string_new (NULL);

  if (upcoming != NULL)
    {
      g_autofree char *enters = format_date (&upcoming->enters_on);
      g_autofree char *starts = format_date (&upcoming->start_date);

      if (enters != NULL && starts != NULL && g_date_compare (&upcoming->enters_on, &upcoming->start_date) != 0)
        /* Translators: two dates; the pre-start interval lets people in before they start */
        g_string_printf (text, _("Enters the scope on %s, starts on %s"), enters, starts);
      else if (enters != NULL)
        /* Translators: %s is a date */
        g_string_printf (text, _("Starts and enters the scope on %s"), enters);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (item == NULL)
    return NULL;

  switch (item->kind)
    {
    case HC_PLAN_INVITE:
      {
        const char *title = find_after (item->changes, "title");
        const char *department = find_after (item->changes, "department");

        if (title != NULL && department != NULL)
          g_string_printf (text, _("%s · %s"), title, department);
        else if (title != NULL || department != NULL)
          g_string_assign (text, title != NULL ? title : department);
      }
      break;

    case HC_PLAN_BECOME_MANAGED:
      if (item->match == HC_PLAN_MATCH_EMPLOYEE_ID)
        g_string_assign (text, _("Matched by employee ID"));
      else if (item->match == HC_PLAN_MATCH_EMAIL)
        g_string_assign (text, _("Matched by e-mail"));
      append_changes (text, item->changes);
      break;

    case HC_PLAN_UPDATE:
      append_changes (text, item->changes);
      break;

    case HC_PLAN_CREATE_NO_ACCESS:
    case HC_PLAN_ARCHIVE:
    case HC_PLAN_UNMANAGE:
    case HC_PLAN_SKIP:
      if (item->reason != NULL)
        g_string_assign (text, item->reason);
      break;

    case HC_PLAN_UNCHANGED:
    case HC_PLAN_N_KINDS:
    default:
      break;
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
show_explanation (HcPlanItemRow *self)
{
  const HcExplanation *explanation = hc_plan_entry_get_explanation (self->entry);
  HcPlanItem *item = hc_plan_entry_get_item (self->entry);

  if (explanation == NULL)
    {
      hc_explain_view_set_loading (self->explain_view,
                                   hc_plan_entry_get_title (self->entry),
                                   hc_plan_entry_get_subtitle (self->entry));
      return;
    }

  hc_explain_view_set_explanation (self->explain_view, explanation);
  /* The explanation knows the plan, not what the admin approved here. */
  hc_explain_view_set_note (self->explain_view,
                            item != NULL && item->kind == HC_PLAN_ARCHIVE && item->staged
                              ? _("Staged: this sync does not archive them unless you approve it.")
                              : NULL);
}

static void
update_approved (HcPlanItemRow *self)
{
  HcPlanItem *item = hc_plan_entry_get_item (self->entry);
  gboolean archive = item != NULL && item->kind == HC_PLAN_ARCHIVE;
  gboolean approved = hc_plan_entry_get_approved (self->entry);

  self->updating = TRUE;
  gtk_check_button_set_active (self->approve_check, approved);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->staged_badge), archive && !approved);
}

static void
entry_approved_cb (HcPlanItemRow *self)
{
  update_approved (self);
  if (self->why_popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->why_popover)))
    show_explanation (self);
}

static void
entry_explanation_cb (HcPlanItemRow *self)
{
  if (self->why_popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->why_popover)))
    show_explanation (self);
}

static void
fill (HcPlanItemRow *self)
{
  HcPlanEntry *entry = self->entry;
  HcPlanCategory category = hc_plan_entry_get_category (entry);
  gboolean archive = category == HC_PLAN_CATEGORY_ARCHIVE;
  gboolean warning = category == HC_PLAN_CATEGORY_WARNINGS;
  const char *style = hc_plan_category_get_style (category);
  const char *subtitle = hc_plan_entry_get_subtitle (entry);
  g_autofree char *detail = describe_detail (entry);
  g_autofree char *check_label = NULL;

  gtk_label_set_label (self->title_label, hc_plan_entry_get_title (entry));
  /* A warning is a sentence to read whole; a name fits on one line. */
  gtk_label_set_wrap (self->title_label, warning);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (self->title_label, warning ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);

  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);
  gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);

  gtk_image_set_from_icon_name (self->icon, hc_plan_category_get_icon (category));
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "dim-label");
  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "warning");
  else if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), style);
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, hc_plan_category_describe (category),
                                  -1);

  gtk_widget_set_visible (GTK_WIDGET (self->icon), !archive);
  gtk_widget_set_visible (GTK_WIDGET (self->approve_check), archive);
  if (archive)
    {
      /* Translators: %s is a person's name; the label of an archive's check button */
      check_label = g_strdup_printf (_("Archive %s"), hc_plan_entry_get_title (entry));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->approve_check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, check_label, -1);
    }
  update_approved (self);

  gtk_widget_set_visible (GTK_WIDGET (self->why_button),
                          self->can_explain && !warning && hc_plan_entry_get_query (entry) != NULL);
}

/* Template callbacks */

/* The whole name, when the line cuts it. A query instead of a tooltip
 * text set on every bind: setting one makes GTK look for the pointer. */
static gboolean
title_query_tooltip_cb (HcPlanItemRow *self,
                        int            x,
                        int            y,
                        gboolean       keyboard,
                        GtkTooltip    *tooltip)
{
  PangoLayout *layout = gtk_label_get_layout (self->title_label);

  if (self->entry == NULL || !pango_layout_is_ellipsized (layout))
    return FALSE;

  gtk_tooltip_set_text (tooltip, hc_plan_entry_get_title (self->entry));
  return TRUE;
}

static void
approve_toggled_cb (HcPlanItemRow *self)
{
  HcPlanItem *item;

  if (self->updating || self->entry == NULL)
    return;

  item = hc_plan_entry_get_item (self->entry);
  if (item == NULL || item->kind != HC_PLAN_ARCHIVE)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "preview.approve-archive", "(xb)",
                              item->member_id,
                              gtk_check_button_get_active (self->approve_check));
  /* The plan may have said no: show what it holds. */
  update_approved (self);
}

static void
why_popover_show_cb (HcPlanItemRow *self)
{
  if (self->entry == NULL)
    return;

  show_explanation (self);
  if (hc_plan_entry_get_explanation (self->entry) == NULL)
    g_signal_emit (self, signals[SIGNAL_EXPLAIN], 0, self->entry);
}

static void
ensure_popover (HcPlanItemRow *self)
{
  if (self->why_popover != NULL)
    return;

  self->why_popover = GTK_POPOVER (gtk_popover_new ());
  self->explain_view = hc_explain_view_new ();
  gtk_popover_set_child (self->why_popover, GTK_WIDGET (self->explain_view));
  g_signal_connect_object (self->why_popover, "show", G_CALLBACK (why_popover_show_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->why_button, GTK_WIDGET (self->why_popover));
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  ensure_popover (user_data);
}

/* GObject */

static void
disconnect_entry (HcPlanItemRow *self)
{
  if (self->entry == NULL)
    return;

  g_clear_signal_handler (&self->approved_handler, self->entry);
  g_clear_signal_handler (&self->explanation_handler, self->entry);
  g_clear_object (&self->entry);
}

static void
hc_plan_item_row_dispose (GObject *object)
{
  HcPlanItemRow *self = HC_PLAN_ITEM_ROW (object);
  GtkWidget *child;

  disconnect_entry (self);
  /* A popover unparented while it shows stays alive in GTK 4.8. */
  if (self->why_popover != NULL)
    gtk_popover_popdown (self->why_popover);
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_PLAN_ITEM_ROW);
  /* the button they were in is gone */
  self->why_popover = NULL;
  self->explain_view = NULL;
  /* The template's root is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hc_plan_item_row_parent_class)->dispose (object);
}

static void
hc_plan_item_row_class_init (HcPlanItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_plan_item_row_dispose;

  signals[SIGNAL_EXPLAIN] =
    g_signal_new ("explain", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, HC_TYPE_PLAN_ENTRY);

  g_type_ensure (HC_TYPE_EXPLAIN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-plan-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HcPlanItemRow, approve_check);
  gtk_widget_class_bind_template_child (widget_class, HcPlanItemRow, icon);
  gtk_widget_class_bind_template_child (widget_class, HcPlanItemRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HcPlanItemRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HcPlanItemRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, HcPlanItemRow, staged_badge);
  gtk_widget_class_bind_template_child (widget_class, HcPlanItemRow, why_button);
  gtk_widget_class_bind_template_callback (widget_class, title_query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, approve_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hc-plan-item-row");
}

static void
hc_plan_item_row_init (HcPlanItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->can_explain = TRUE;
  gtk_menu_button_set_create_popup_func (self->why_button, create_popup_cb, self, NULL);
}

HcPlanItemRow *
hc_plan_item_row_new (void)
{
  return g_object_new (HC_TYPE_PLAN_ITEM_ROW, NULL);
}

HcPlanEntry *
hc_plan_item_row_get_entry (HcPlanItemRow *self)
{
  g_return_val_if_fail (HC_IS_PLAN_ITEM_ROW (self), NULL);

  return self->entry;
}

void
hc_plan_item_row_set_entry (HcPlanItemRow *self,
                            HcPlanEntry   *entry)
{
  g_return_if_fail (HC_IS_PLAN_ITEM_ROW (self));
  g_return_if_fail (entry == NULL || HC_IS_PLAN_ENTRY (entry));

  if (self->entry == entry)
    return;

  /* A recycled row must not show the last person's "Why?". */
  if (self->why_popover != NULL)
    gtk_popover_popdown (self->why_popover);
  disconnect_entry (self);

  if (entry == NULL)
    return;

  self->entry = g_object_ref (entry);
  self->approved_handler =
    g_signal_connect_object (entry, "notify::approved", G_CALLBACK (entry_approved_cb),
                             self, G_CONNECT_SWAPPED);
  self->explanation_handler =
    g_signal_connect_object (entry, "notify::explanation", G_CALLBACK (entry_explanation_cb),
                             self, G_CONNECT_SWAPPED);
  fill (self);
}

void
hc_plan_item_row_set_can_explain (HcPlanItemRow *self,
                                  gboolean       can_explain)
{
  g_return_if_fail (HC_IS_PLAN_ITEM_ROW (self));

  self->can_explain = can_explain;
  gtk_widget_set_visible (GTK_WIDGET (self->why_button),
                          can_explain && self->entry != NULL &&
                          hc_plan_entry_get_category (self->entry) != HC_PLAN_CATEGORY_WARNINGS &&
                          hc_plan_entry_get_query (self->entry) != NULL);
}

void
hc_plan_item_row_show_explanation (HcPlanItemRow *self)
{
  g_return_if_fail (HC_IS_PLAN_ITEM_ROW (self));

  gtk_menu_button_popup (self->why_button);
}

HcExplainView *
hc_plan_item_row_get_explain_view (HcPlanItemRow *self)
{
  g_return_val_if_fail (HC_IS_PLAN_ITEM_ROW (self), NULL);

  ensure_popover (self);
  return self->explain_view;
}
