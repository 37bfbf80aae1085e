/* hc-groups-page.c — the groups tree with member counts: create, rename,
 * move, delete; the selected group filters the member table
 *
 * hc_groups_list() (tree order, counts) read in a thread → HcGroupItem
 * trees → GtkTreeListModel (every level open) → GtkSingleSelection →
 * GtkListView with a GtkTreeExpander per row. Changes go through
 * hc-groups.h, each one run by hand in History, and the whole window
 * reloads after them, as after any change by hand.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-groups-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hc-error.h"
#include "hc-group-dialog.h"
#include "hc-group-item.h"
#include "hc-group-path.h"
#include "hc-groups-page.h"
#include "hc-groups.h"
#include "hc-member.h"
#include "hc-session.h"

/* How many names the delete confirmation spells out. */
#define MAX_NAMED_MEMBERS 5

struct _HcGroupsPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *error_status;
  GtkListView        *list_view;

  /* Owned state */
  HcStore            *store;
  GSignalGroup       *session_signals; /* the workspace's HcSession */
  GCancellable       *cancellable;
  GPtrArray          *groups;         /* HcGroup*, tree order; NULL before the first load */
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
  char               *selected_path;
  gboolean            loading;
  gboolean            restoring;      /* the selection is being put back after a load */
};

G_DEFINE_FINAL_TYPE (HcGroupsPage, hc_groups_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_PATH,
  PROP_STATE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

/* (transfer full) */
static HcGroupItem *
get_selected_item (HcGroupsPage *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static void
show_toast (HcGroupsPage *self,
            const char   *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-toast", "s", text);
}

static GtkWindow *
get_window (HcGroupsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update_actions (HcGroupsPage *self)
{
  gboolean ready = self->store != NULL && self->groups != NULL;
  gboolean selected = ready && self->selected_path != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.new", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.rename", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.move", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.show-members", selected);
}

static void
set_selected_path_internal (HcGroupsPage *self,
                            const char   *path)
{
  if (g_strcmp0 (self->selected_path, path) == 0)
    return;
  g_free (self->selected_path);
  self->selected_path = g_strdup (path);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_PATH]);
}

static void
selection_changed_cb (HcGroupsPage *self)
{
  g_autoptr (HcGroupItem) item = NULL;

  if (self->restoring)
    return;
  item = get_selected_item (self);
  set_selected_path_internal (self, item != NULL ? hc_group_item_get_path (item) : NULL);
}

/* After a change the session tells every page that members' groups
 * changed, this one included. */
static void
reload_window (HcGroupsPage *self)
{
  if (self->store != NULL)
    hc_session_members_changed (hc_session_get_for_store (self->store), NULL, 0);
  else
    hc_groups_page_reload (self);
}

/* The path of @name under @parent (NULL: a top group). (transfer full) */
static char *
build_child_path (const char *parent,
                  const char *name)
{
  g_autofree char *escaped = hc_group_path_escape (name);

  if (parent == NULL || *parent == '\0')
    return g_steal_pointer (&escaped);
  return g_strconcat (parent, "/", escaped, NULL);
}

/* The parent's path of @path, NULL for a top group. (transfer full) */
static char *
dup_parent_path (HcGroupsPage *self,
                 HcGroupItem  *item)
{
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (self->groups, i);

      if (group->id == hc_group_item_get_parent_id (item))
        return g_strdup (group->path);
    }
  return NULL;
}

/* Rows */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GListStore *children = hc_group_item_get_children (HC_GROUP_ITEM (item));

  if (g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    return NULL;
  return g_object_ref (G_LIST_MODEL (children));
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *tag = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (tag, "caption");
  gtk_widget_add_css_class (tag, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_start (expander, 6);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *tag = gtk_widget_get_next_sibling (name);
  GtkWidget *count = gtk_widget_get_next_sibling (tag);
  HcGroupItem *item = gtk_tree_list_row_get_item (row);
  guint n = hc_group_item_get_n_members (item);
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *description = NULL;
  const char *tag_text = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_label (GTK_LABEL (name), hc_group_item_get_name (item));
  if (hc_group_item_get_archived (item))
    tag_text = _("Archived");
  else if (hc_group_item_get_origin (item) == HC_GROUP_ORIGIN_HR)
    tag_text = _("From HR");
  gtk_label_set_label (GTK_LABEL (tag), tag_text);
  gtk_widget_set_visible (tag, tag_text != NULL);
  gtk_label_set_label (GTK_LABEL (count), text);
  description = g_strdup_printf (ngettext ("%u member, subgroups included", "%u members, subgroups included", n),
                                 n);
  gtk_widget_set_tooltip_text (count, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, hc_group_item_get_label (item),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  g_object_unref (item);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

/* Keyboard: Right opens a group, Left closes it or goes to its parent
 * (as in a file manager's tree); F2, Delete and Ctrl+N are bindings. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HcGroupsPage          *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  gboolean open;

  if (row == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    open = !rtl;
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    open = rtl;
  else
    return FALSE;

  if (open)
    {
      gtk_tree_list_row_set_expanded (row, TRUE);
      return TRUE;
    }
  if (gtk_tree_list_row_get_expanded (row) && gtk_tree_list_row_is_expandable (row))
    {
      gtk_tree_list_row_set_expanded (row, FALSE);
      return TRUE;
    }
  {
    g_autoptr (GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

    if (parent != NULL)
      {
        guint position = gtk_tree_list_row_get_position (parent);

        gtk_single_selection_set_selected (self->selection, position);
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
      }
  }
  return TRUE;
}

static void
row_activated_cb (HcGroupsPage *self,
                  guint         position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "groups.show-members", NULL);
}

/* Loading */

static void
set_state (HcGroupsPage *self,
           const char   *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0)
    return;
  gtk_stack_set_visible_child_name (self->stack, name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_NAME]);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HcStore *store = task_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *groups = hc_groups_list (store, &error);

  if (groups == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, groups, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_groups (HcGroupsPage *self,
             GPtrArray    *groups)
{
  g_autoptr (GListStore) top = hc_group_item_build_tree (groups);
  g_autofree char *selected = g_strdup (self->selected_path);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = g_ptr_array_ref (groups);

  self->restoring = TRUE;
  g_clear_object (&self->tree);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_steal_pointer (&top)), FALSE, TRUE,
                                        create_children_cb, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->restoring = FALSE;

  /* The same group stays selected; one that went away leaves none. */
  if (!hc_groups_page_set_selected_path (self, selected))
    set_selected_path_internal (self, NULL);

  set_state (self, groups->len > 0 ? "tree" : "empty");
  update_actions (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HcGroupsPage *self = HC_GROUPS_PAGE (object);
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GError) error = NULL;

  groups = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (groups == NULL)
    {
      /* The description is markup. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      g_warning ("Could not read the groups: %s", error->message);
      adw_status_page_set_description (self->error_status, escaped);
      set_state (self, "error");
      return;
    }
  show_groups (self, groups);
}

/* Actions: New, Rename, Move */

static void
after_change (HcGroupsPage *self,
              const char   *select_path,
              const char   *text)
{
  /* The new path is selected before the reload, so the reload keeps it. */
  set_selected_path_internal (self, select_path);
  show_toast (self, text);
  reload_window (self);
}

static void
new_response_cb (HcGroupDialog *dialog,
                 const char    *response,
                 HcGroupsPage  *self)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "accept") || self->store == NULL)
    return;
  name = hc_group_dialog_dup_name (dialog);
  path = build_child_path (hc_group_dialog_get_selected_path (dialog), name);
  if (!hc_groups_create (self->store, path, NULL, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }
  /* Translators: a group's name */
  text = g_strdup_printf (_("Group “%s” created"), name);
  after_change (self, path, text);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  HcGroupsPage *self = HC_GROUPS_PAGE (widget);
  HcGroupDialog *dialog;

  dialog = hc_group_dialog_new (get_window (self),
                                HC_GROUP_DIALOG_NAME | HC_GROUP_DIALOG_GROUP | HC_GROUP_DIALOG_TOP_LEVEL,
                                _("New Group"),
                                _("A group made here is kept as it is: no sync renames or deletes it."),
                                _("C_reate"), self->groups, NULL, self->selected_path, NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_response_cb (HcGroupDialog *dialog,
                    const char    *response,
                    HcGroupsPage  *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  const char *parent = g_object_get_data (G_OBJECT (dialog), "parent");
  g_autofree char *name = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "accept") || self->store == NULL)
    return;
  name = hc_group_dialog_dup_name (dialog);
  if (!hc_groups_rename (self->store, path, name, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }
  new_path = build_child_path (parent, name);
  /* Translators: a group's new name */
  text = g_strdup_printf (_("Group renamed “%s”"), name);
  after_change (self, new_path, text);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HcGroupsPage *self = HC_GROUPS_PAGE (widget);
  HcGroupItem *item = get_selected_item (self);
  g_autofree char *heading = NULL;
  HcGroupDialog *dialog;

  if (item == NULL)
    return;
  /* Translators: a group's name */
  heading = g_strdup_printf (_("Rename “%s”"), hc_group_item_get_name (item));
  dialog = hc_group_dialog_new (get_window (self), HC_GROUP_DIALOG_NAME, heading, NULL, _("_Rename"),
                                NULL, NULL, NULL, hc_group_item_get_name (item));
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (hc_group_item_get_path (item)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "parent", dup_parent_path (self, item), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_unref (item);
}

static void
move_response_cb (HcGroupDialog *dialog,
                  const char    *response,
                  HcGroupsPage  *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  const char *parent;
  g_autofree char *new_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "accept") || self->store == NULL)
    return;
  parent = hc_group_dialog_get_selected_path (dialog);
  if (!hc_groups_move (self->store, path, parent, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }
  new_path = build_child_path (parent, name);
  /* Translators: a group's name */
  text = g_strdup_printf (_("Group “%s” moved"), name);
  after_change (self, new_path, text);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcGroupsPage *self = HC_GROUPS_PAGE (widget);
  HcGroupItem *item = get_selected_item (self);
  g_autofree char *heading = NULL;
  g_autofree char *parent = NULL;
  HcGroupDialog *dialog;

  if (item == NULL)
    return;
  parent = dup_parent_path (self, item);
  /* Translators: a group's name */
  heading = g_strdup_printf (_("Move “%s”"), hc_group_item_get_name (item));
  dialog = hc_group_dialog_new (get_window (self), HC_GROUP_DIALOG_GROUP | HC_GROUP_DIALOG_TOP_LEVEL, heading,
                                _("Choose its new parent group. Its subgroups and members move with it."),
                                _("_Move"), self->groups, hc_group_item_get_path (item), parent, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (hc_group_item_get_path (item)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (hc_group_item_get_name (item)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (move_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_unref (item);
}

/* Delete: always asked, naming who leaves the group */

/* "Ana Lima, Ben Okafor and 3 others": the first names of @ids. (transfer full) */
static char *
describe_members (HcGroupsPage *self,
                  GArray       *ids)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  guint rest;

  for (guint i = 0; i < ids->len && names->len < MAX_NAMED_MEMBERS; i++)
    {
      g_autoptr (HcMember) member = hc_store_get_member (self->store, g_array_index (ids, gint64, i), NULL);

      if (member != NULL)
        g_ptr_array_add (names, g_strdup (hc_member_get_display_name (member)));
    }
  rest = ids->len - names->len;
  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **) names->pdata);
  if (rest == 0)
    return g_steal_pointer (&list);
  /* Translators: a list of names, then how many more members */
  return g_strdup_printf (ngettext ("%s and %u other", "%s and %u others", rest), list, rest);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    HcGroupsPage     *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  gboolean confirmed = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "confirmed"));
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;
  /* Confirmed for the members named: one who came in since is asked for again. */
  if (!hc_groups_delete (self->store, path, confirmed, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }
  /* Translators: a group's name */
  text = g_strdup_printf (_("Group “%s” deleted"), name);
  after_change (self, NULL, text);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HcGroupsPage *self = HC_GROUPS_PAGE (widget);
  g_autoptr (HcGroupItem) item = get_selected_item (self);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (item == NULL || self->store == NULL)
    return;

  /* A group with subgroups is refused, naming them (hc_groups_delete()). */
  if (g_list_model_get_n_items (G_LIST_MODEL (hc_group_item_get_children (item))) > 0)
    {
      if (!hc_groups_delete (self->store, hc_group_item_get_path (item), FALSE, NULL, &error))
        show_toast (self, error->message);
      else
        reload_window (self);
      return;
    }

  ids = hc_groups_list_members (self->store, hc_group_item_get_path (item), &error);
  if (ids == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  /* Translators: a group's name */
  heading = g_strdup_printf (_("Delete “%s”?"), hc_group_item_get_name (item));
  if (ids->len == 0)
    body = g_strdup (_("Nobody is in this group."));
  else
    {
      g_autofree char *names = describe_members (self, ids);

      /* Translators: a count, then a list of names */
      body = g_strdup_printf (ngettext ("%u member leaves the group: %s. The member stays in the directory.",
                                        "%u members leave the group: %s. They stay in the directory.",
                                        ids->len),
                              ids->len, names);
    }
  dialog = adw_message_dialog_new (get_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (hc_group_item_get_path (item)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (hc_group_item_get_name (item)), g_free);
  g_object_set_data (G_OBJECT (dialog), "confirmed", GINT_TO_POINTER (ids->len > 0));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_members_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HcGroupsPage *self = HC_GROUPS_PAGE (widget);

  if (self->selected_path != NULL)
    gtk_widget_activate_action (widget, "win.show-page", "s", "members");
}

/* GObject */

static void
hc_groups_page_dispose (GObject *object)
{
  HcGroupsPage *self = HC_GROUPS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_GROUPS_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->store);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_groups_page_parent_class)->dispose (object);
}

static void
hc_groups_page_finalize (GObject *object)
{
  HcGroupsPage *self = HC_GROUPS_PAGE (object);

  g_clear_pointer (&self->selected_path, g_free);

  G_OBJECT_CLASS (hc_groups_page_parent_class)->finalize (object);
}

static void
hc_groups_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HcGroupsPage *self = HC_GROUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SELECTED_PATH:
      g_value_set_string (value, self->selected_path);
      break;

    case PROP_STATE_NAME:
      g_value_set_string (value, hc_groups_page_get_state_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_groups_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HcGroupsPage *self = HC_GROUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hc_groups_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_PATH:
      hc_groups_page_set_selected_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_groups_page_class_init (HcGroupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_groups_page_dispose;
  object_class->finalize = hc_groups_page_finalize;
  object_class->get_property = hc_groups_page_get_property;
  object_class->set_property = hc_groups_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_PATH] =
    g_param_spec_string ("selected-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE_NAME] =
    g_param_spec_string ("state-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/headcount/Headcount/hc-groups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HcGroupsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HcGroupsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, HcGroupsPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "groups.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "groups.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "groups.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "groups.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "groups.show-members", NULL, show_members_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "groups.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "groups.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "groups.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "groups.delete", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hc-groups-page");
}

static void
hc_groups_page_init (HcGroupsPage *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Counts follow what changes members and groups: edits, syncs, undo. */
  self->session_signals = g_signal_group_new (HC_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "members-changed",
                                  G_CALLBACK (hc_groups_page_reload), self);
  g_signal_group_connect_swapped (self->session_signals, "run-finished",
                                  G_CALLBACK (hc_groups_page_reload), self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::model",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Capture: the row's own keys (the expander's) come after ours. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  self->loading = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_actions (self);
}

HcGroupsPage *
hc_groups_page_new (void)
{
  return g_object_new (HC_TYPE_GROUPS_PAGE, NULL);
}

void
hc_groups_page_set_store (HcGroupsPage *self,
                          HcStore      *store)
{
  g_return_if_fail (HC_IS_GROUPS_PAGE (self));
  g_return_if_fail (store == NULL || HC_IS_STORE (store));

  if (self->store == store)
    return;
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->session_signals,
                             store != NULL ? hc_session_get_for_store (store) : NULL);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  set_selected_path_internal (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  hc_groups_page_reload (self);
}

void
hc_groups_page_reload (HcGroupsPage *self)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HC_IS_GROUPS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL)
    {
      update_actions (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, hc_groups_page_reload);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

gboolean
hc_groups_page_get_loading (HcGroupsPage *self)
{
  g_return_val_if_fail (HC_IS_GROUPS_PAGE (self), FALSE);

  return self->loading;
}

const char *
hc_groups_page_get_state_name (HcGroupsPage *self)
{
  g_return_val_if_fail (HC_IS_GROUPS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
hc_groups_page_get_model (HcGroupsPage *self)
{
  g_return_val_if_fail (HC_IS_GROUPS_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

const char *
hc_groups_page_get_selected_path (HcGroupsPage *self)
{
  g_return_val_if_fail (HC_IS_GROUPS_PAGE (self), NULL);

  return self->selected_path;
}

gboolean
hc_groups_page_set_selected_path (HcGroupsPage *self,
                                  const char   *path)
{
  guint n;

  g_return_val_if_fail (HC_IS_GROUPS_PAGE (self), FALSE);

  if (path == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      set_selected_path_internal (self, NULL);
      return TRUE;
    }
  if (self->tree == NULL)
    {
      /* Before the first load: kept, and looked for once the groups are in. */
      set_selected_path_internal (self, path);
      return TRUE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr (HcGroupItem) item = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (hc_group_item_get_path (item), path) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          set_selected_path_internal (self, path);
          return TRUE;
        }
    }
  return FALSE;
}
