/* hc-explain-view.c — "Why?" for one person: scope clause, match, outcome, changes
 *
 * Shows an HcExplanation (the preview's "Why?") the way the preview's rows and the
 * member details open it: who, the filter clause that put them in or out,
 * the key that matched them, what the sync does and the fields that change.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-explain-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-explain-view.h"
#include "hc-mapping.h"
#include "hc-member.h"
#include "hc-undo.h"

struct _HcExplainView
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkLabel   *title_label;
  GtkLabel   *subtitle_label;
  GtkWidget  *loading_box;
  GtkSpinner *spinner;
  GtkLabel   *message_label;
  GtkWidget  *scope_box;
  GtkLabel   *scope_label;
  GtkWidget  *match_box;
  GtkLabel   *match_label;
  GtkWidget  *outcome_box;
  GtkLabel   *outcome_label;
  GtkLabel   *note_label;
  GtkWidget  *changes_box;
  GtkGrid    *changes_grid;

  /* Owned state */
  gboolean    loading;
};

G_DEFINE_FINAL_TYPE (HcExplainView, hc_explain_view, GTK_TYPE_WIDGET)

static void
set_text (GtkLabel   *label,
          GtkWidget  *box,
          const char *text)
{
  gboolean shown = text != NULL && *text != '\0';

  gtk_label_set_label (label, shown ? text : NULL);
  gtk_widget_set_visible (box != NULL ? box : GTK_WIDGET (label), shown);
}

static void
clear_changes (HcExplainView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_grid))) != NULL)
    gtk_grid_remove (self->changes_grid, child);
  gtk_widget_set_visible (self->changes_box, FALSE);
}

static void
set_loading (HcExplainView *self,
             gboolean       loading)
{
  self->loading = loading;
  gtk_widget_set_visible (self->loading_box, loading);
  gtk_spinner_set_spinning (self->spinner, loading);
}

static void
reset (HcExplainView *self,
       const char    *title,
       const char    *subtitle)
{
  set_text (self->title_label, NULL, title);
  set_text (self->subtitle_label, NULL, subtitle);
  set_text (self->message_label, NULL, NULL);
  set_text (self->scope_label, self->scope_box, NULL);
  set_text (self->match_label, self->match_box, NULL);
  set_text (self->outcome_label, self->outcome_box, NULL);
  clear_changes (self);
  set_loading (self, FALSE);
}

static void
hc_explain_view_dispose (GObject *object)
{
  HcExplainView *self = HC_EXPLAIN_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_EXPLAIN_VIEW);
  /* The template's root is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hc_explain_view_parent_class)->dispose (object);
}

static void
hc_explain_view_class_init (HcExplainViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_explain_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-explain-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, title_label);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, loading_box);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, spinner);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, message_label);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, scope_box);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, scope_label);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, match_box);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, match_label);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, note_label);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, changes_box);
  gtk_widget_class_bind_template_child (widget_class, HcExplainView, changes_grid);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hc-explain-view");
}

static void
hc_explain_view_init (HcExplainView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HcExplainView *
hc_explain_view_new (void)
{
  return g_object_new (HC_TYPE_EXPLAIN_VIEW, NULL);
}

void
hc_explain_view_set_loading (HcExplainView *self,
                             const char    *title,
                             const char    *subtitle)
{
  g_return_if_fail (HC_IS_EXPLAIN_VIEW (self));

  reset (self, title, subtitle);
  set_loading (self, TRUE);
}

static char *
describe_subtitle (const HcExplanation *explanation)
{
  if (explanation->email != NULL && explanation->employee_id != NULL)
    return g_strdup_printf (_("%s · %s"), explanation->email, explanation->employee_id);
  if (explanation->email != NULL)
    return g_strdup (explanation->email);
  if (explanation->employee_id != NULL)
    return g_strdup_printf (_("No e-mail · %s"), explanation->employee_id);
  return NULL;
}

void
hc_explain_view_set_explanation (HcExplainView       *self,
                                 const HcExplanation *explanation)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *scope = NULL;

  g_return_if_fail (HC_IS_EXPLAIN_VIEW (self));
  g_return_if_fail (explanation != NULL);

  subtitle = describe_subtitle (explanation);
  reset (self, explanation->display_name, subtitle);

  if (explanation->has_employee)
    {
      const char *verdict = HC_SCOPE_RESULT_IS_IN (explanation->scope) ? _("In scope") : _("Out of scope");

      /* Translators: "In scope: office is “Paris” (rule 1: office ∈ {Paris})" */
      scope = explanation->clause != NULL
              ? g_strdup_printf (_("%s: %s"), verdict, explanation->clause)
              : g_strdup (verdict);
    }
  else
    scope = g_strdup (explanation->clause);

  set_text (self->scope_label, self->scope_box, scope);
  set_text (self->match_label, self->match_box, explanation->match_text);
  set_text (self->outcome_label, self->outcome_box, explanation->outcome);

  for (guint i = 0; explanation->changes != NULL && i < explanation->changes->len; i++)
    {
      HcFieldChange *change = g_ptr_array_index (explanation->changes, i);
      g_autofree char *field = hc_explain_view_describe_field (change->field);
      g_autofree char *value = hc_explain_view_format_change (change);
      GtkWidget *name_label = gtk_label_new (field);
      GtkWidget *value_label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (name_label), 0.0);
      gtk_label_set_yalign (GTK_LABEL (name_label), 0.0);
      gtk_widget_add_css_class (name_label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value_label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (value_label), 32);
      gtk_widget_set_hexpand (value_label, TRUE);
      gtk_grid_attach (self->changes_grid, name_label, 0, i, 1, 1);
      gtk_grid_attach (self->changes_grid, value_label, 1, i, 1, 1);
    }
  gtk_widget_set_visible (self->changes_box,
                          explanation->changes != NULL && explanation->changes->len > 0);
}

void
hc_explain_view_set_message (HcExplainView *self,
                             const char    *title,
                             const char    *message)
{
  g_return_if_fail (HC_IS_EXPLAIN_VIEW (self));

  reset (self, title, NULL);
  set_text (self->message_label, NULL, message);
}

void
hc_explain_view_set_note (HcExplainView *self,
                          const char    *note)
{
  g_return_if_fail (HC_IS_EXPLAIN_VIEW (self));

  set_text (self->note_label, NULL, note);
}

gboolean
hc_explain_view_get_loading (HcExplainView *self)
{
  g_return_val_if_fail (HC_IS_EXPLAIN_VIEW (self), FALSE);

  return self->loading;
}

static void
append_labels (GtkWidget *widget,
               GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (widget));

      if (label != NULL && *label != '\0')
        {
          g_string_append (text, label);
          g_string_append_c (text, '\n');
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_labels (child, text);
}

char *
hc_explain_view_dup_text (HcExplainView *self)
{
  GString *text;

  g_return_val_if_fail (HC_IS_EXPLAIN_VIEW (self), NULL);

  text = g_string_new (NULL);
  append_labels (GTK_WIDGET (self), text);

  return g_string_free (text, FALSE);
}

char *
hc_explain_view_describe_field (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return hc_undo_describe_field (field);
}

char *
hc_explain_view_format_change (const HcFieldChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);

  /* Translators: a field's value before and after the sync, "Engineer → Senior Engineer" */
  return g_strdup_printf (_("%s → %s"),
                          hc_undo_describe_value (change->field, change->before),
                          hc_undo_describe_value (change->field, change->after));
}
