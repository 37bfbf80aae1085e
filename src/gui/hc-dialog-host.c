/* hc-dialog-host.c — a window's content, and a dialog shown in its place
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hc-dialog-host.h"

struct _HcDialogHost
{
  GtkWidget  parent_instance;

  GtkStack  *stack;
  GtkWidget *content;
  GtkWidget *dialog;
  GtkWidget *focus_before;      /* weak: where the focus goes back to */
};

G_DEFINE_FINAL_TYPE (HcDialogHost, hc_dialog_host, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTENT,
  PROP_DIALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* the host of a window, kept on the window while the host is in it */
static GQuark
host_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("hc-dialog-host");
  return quark;
}

HcDialogHost *
hc_dialog_host_new (void)
{
  return g_object_new (HC_TYPE_DIALOG_HOST, NULL);
}

GtkWidget *
hc_dialog_host_get_content (HcDialogHost *self)
{
  g_return_val_if_fail (HC_IS_DIALOG_HOST (self), NULL);
  return self->content;
}

void
hc_dialog_host_set_content (HcDialogHost *self,
                            GtkWidget    *content)
{
  g_return_if_fail (HC_IS_DIALOG_HOST (self));
  g_return_if_fail (content == NULL || GTK_IS_WIDGET (content));

  if (self->content == content)
    return;
  if (self->content != NULL)
    gtk_stack_remove (self->stack, self->content);
  self->content = content;
  if (content != NULL)
    {
      gtk_stack_add_named (self->stack, content, "content");
      if (self->dialog == NULL)
        gtk_stack_set_visible_child (self->stack, content);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

GtkWidget *
hc_dialog_host_get_dialog (HcDialogHost *self)
{
  g_return_val_if_fail (HC_IS_DIALOG_HOST (self), NULL);
  return self->dialog;
}

void
hc_dialog_host_present (HcDialogHost *self,
                        GtkWidget    *dialog)
{
  GtkRoot *root;

  g_return_if_fail (HC_IS_DIALOG_HOST (self));
  g_return_if_fail (GTK_IS_WIDGET (dialog));
  g_return_if_fail (self->dialog == NULL);
  g_return_if_fail (gtk_widget_get_parent (dialog) == NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  g_set_weak_pointer (&self->focus_before, root != NULL ? gtk_root_get_focus (root) : NULL);
  /* The focus leaves the content while it is still on screen: a text
   * field hidden with the focus would go on blinking its cursor. */
  if (root != NULL)
    gtk_root_set_focus (root, NULL);

  self->dialog = dialog;
  gtk_stack_add_named (self->stack, dialog, "dialog");
  gtk_stack_set_visible_child (self->stack, dialog);
  gtk_widget_child_focus (dialog, GTK_DIR_TAB_FORWARD);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIALOG]);
}

void
hc_dialog_host_dismiss (HcDialogHost *self,
                        GtkWidget    *dialog)
{
  g_autoptr (GtkWidget) focus = NULL;
  GtkRoot *root;

  g_return_if_fail (HC_IS_DIALOG_HOST (self));
  g_return_if_fail (GTK_IS_WIDGET (dialog));

  if (self->dialog != dialog)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = self->focus_before != NULL ? g_object_ref (self->focus_before) : NULL;
  g_clear_weak_pointer (&self->focus_before);
  if (root != NULL)
    gtk_root_set_focus (root, NULL);
  self->dialog = NULL;
  if (self->content != NULL)
    gtk_stack_set_visible_child (self->stack, self->content);
  gtk_stack_remove (self->stack, dialog);

  /* Back where the admin was, when that is still there to focus. */
  if ((focus == NULL || gtk_widget_get_root (focus) != root ||
       !gtk_widget_is_drawable (focus) || !gtk_widget_grab_focus (focus)) &&
      self->content != NULL)
    gtk_widget_child_focus (self->content, GTK_DIR_TAB_FORWARD);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIALOG]);
}

HcDialogHost *
hc_dialog_host_find (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (widget == NULL || GTK_IS_WIDGET (widget), NULL);

  if (widget == NULL)
    return NULL;
  root = GTK_IS_ROOT (widget) ? GTK_ROOT (widget) : gtk_widget_get_root (widget);
  return root != NULL ? g_object_get_qdata (G_OBJECT (root), host_quark ()) : NULL;
}

static void
hc_dialog_host_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hc_dialog_host_parent_class)->root (widget);
  g_object_set_qdata (G_OBJECT (gtk_widget_get_root (widget)), host_quark (), widget);
}

static void
hc_dialog_host_unroot (GtkWidget *widget)
{
  GObject *root = G_OBJECT (gtk_widget_get_root (widget));

  if (g_object_get_qdata (root, host_quark ()) == widget)
    g_object_set_qdata (root, host_quark (), NULL);
  GTK_WIDGET_CLASS (hc_dialog_host_parent_class)->unroot (widget);
}

static void
hc_dialog_host_dispose (GObject *object)
{
  HcDialogHost *self = HC_DIALOG_HOST (object);

  g_clear_weak_pointer (&self->focus_before);
  self->dialog = NULL;
  self->content = NULL;
  if (self->stack != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->stack)));

  G_OBJECT_CLASS (hc_dialog_host_parent_class)->dispose (object);
}

static void
hc_dialog_host_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HcDialogHost *self = HC_DIALOG_HOST (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;
    case PROP_DIALOG:
      g_value_set_object (value, self->dialog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_dialog_host_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HcDialogHost *self = HC_DIALOG_HOST (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      hc_dialog_host_set_content (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_dialog_host_class_init (HcDialogHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_dialog_host_dispose;
  object_class->get_property = hc_dialog_host_get_property;
  object_class->set_property = hc_dialog_host_set_property;
  widget_class->root = hc_dialog_host_root;
  widget_class->unroot = hc_dialog_host_unroot;

  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DIALOG] =
    g_param_spec_object ("dialog", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hc_dialog_host_init (HcDialogHost *self)
{
  /* No transition: the dialog is there in the next frame, the content
   * not drawn behind it. */
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
}
