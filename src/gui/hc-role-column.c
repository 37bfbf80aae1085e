/* hc-role-column.c — the member table's Roles column and its Role filter
 *
 * Each row shows the member's roles as one line read from an HcRoleIndex
 * that the members page's loading task built: a bind is a bisection, and
 * the filter asks the same index, so 100,000 rows cost no query on the
 * main thread (rules.md 39).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-role-column"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-list-slot.h"
#include "hc-role-column.h"
#include "hc-roles.h"

struct _HcRoleColumn
{
  GObject              parent_instance;

  GtkColumnViewColumn *column;
  GtkDropDown         *drop_down;
  GtkStringList       *choices;     /* "All roles", then each role */
  GArray              *choice_ids;  /* gint64, parallel to choices; 0 for all */
  gboolean             updating;    /* choices being rebuilt: no selection change */

  HcRoleIndex         *index;
  gint64               role_id;     /* the filter, 0 for none */
  char                *role_name;
};

G_DEFINE_FINAL_TYPE (HcRoleColumn, hc_role_column, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
cell_query_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 16);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (cell), 1);
  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
  gtk_list_item_set_child (item, cell);
}

static void
show (GtkListItem *item,
      gpointer     member,
      gpointer     user_data)
{
  HcRoleColumn *self = user_data;
  const char *label = NULL;

  if (self->index != NULL)
    label = hc_role_index_get_label (self->index, hc_member_get_id (member));
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), label);
}

/* The table's rows show members through slots (HcSlotModel). */
static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         HcRoleColumn             *self)
{
  hc_list_slot_bind (item, show, self);
}

/* A new factory: the rows on screen bind again, with the new index. */
static void
set_factory (HcRoleColumn *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  gtk_column_view_column_set_factory (self->column, factory);
}

static void
set_filter (HcRoleColumn *self,
            gint64        role_id,
            const char   *name)
{
  if (self->role_id == role_id && g_strcmp0 (self->role_name, name) == 0)
    return;
  self->role_id = role_id;
  g_free (self->role_name);
  self->role_name = role_id != 0 ? g_strdup (name) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

static void
selected_cb (HcRoleColumn *self)
{
  guint selected = gtk_drop_down_get_selected (self->drop_down);
  gint64 role_id = 0;
  const char *name = NULL;

  if (self->updating)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->choice_ids->len)
    {
      role_id = g_array_index (self->choice_ids, gint64, selected);
      for (guint i = 0; self->index != NULL && i < hc_role_index_get_roles (self->index)->len; i++)
        {
          HcRole *role = g_ptr_array_index (hc_role_index_get_roles (self->index), i);

          if (role->id == role_id)
            name = role->name;
        }
    }
  set_filter (self, role_id, name);
}

/* The drop-down's choices from the index, the filter kept where its role
 * still is and cleared where it is gone. */
static void
update_choices (HcRoleColumn *self)
{
  GPtrArray *roles = self->index != NULL ? hc_role_index_get_roles (self->index) : NULL;
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;
  const char *name = NULL;

  g_array_set_size (self->choice_ids, 1);
  g_ptr_array_add (texts, g_strdup (_("All Roles")));
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      HcRole *role = g_ptr_array_index (roles, i);

      /* Translators: a role and how many members hold it, "Engineer (42)" */
      g_ptr_array_add (texts, g_strdup_printf (_("%s (%u)"), role->name, role->n_members));
      g_array_append_val (self->choice_ids, role->id);
      if (role->id == self->role_id)
        {
          selected = i + 1;
          name = role->name;
        }
    }
  g_ptr_array_add (texts, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->choices, 0, g_list_model_get_n_items (G_LIST_MODEL (self->choices)),
                          (const char * const *) texts->pdata);
  gtk_drop_down_set_selected (self->drop_down, selected);
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->drop_down), roles != NULL && roles->len > 0);
  set_filter (self, selected > 0 ? self->role_id : 0, name);
}

static void
hc_role_column_finalize (GObject *object)
{
  HcRoleColumn *self = HC_ROLE_COLUMN (object);

  g_clear_object (&self->column);
  g_clear_object (&self->drop_down);
  g_clear_object (&self->choices);
  g_clear_pointer (&self->choice_ids, g_array_unref);
  g_clear_pointer (&self->index, hc_role_index_free);
  g_clear_pointer (&self->role_name, g_free);

  G_OBJECT_CLASS (hc_role_column_parent_class)->finalize (object);
}

static void
hc_role_column_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HcRoleColumn *self = HC_ROLE_COLUMN (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_string (value, self->role_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_role_column_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HcRoleColumn *self = HC_ROLE_COLUMN (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      hc_role_column_set_role (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_role_column_class_init (HcRoleColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_role_column_finalize;
  object_class->get_property = hc_role_column_get_property;
  object_class->set_property = hc_role_column_set_property;

  /* The role the table is filtered by, NULL for all. */
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_role_column_init (HcRoleColumn *self)
{
  gint64 all = 0;

  self->choice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (self->choice_ids, all);
  self->choices = gtk_string_list_new (NULL);
  self->drop_down = GTK_DROP_DOWN (g_object_ref_sink (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->choices)),
                                                                         NULL)));
  /* type a role's first letters in a long list */
  gtk_drop_down_set_enable_search (self->drop_down, TRUE);
  gtk_drop_down_set_expression (self->drop_down,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_widget_set_valign (GTK_WIDGET (self->drop_down), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->drop_down), _("Filter by Role"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter members by role"), -1);
  g_signal_connect_object (self->drop_down, "notify::selected", G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);
  update_choices (self);
}

HcRoleColumn *
hc_role_column_new (GtkColumnView       *column_view,
                    GtkColumnViewColumn *after)
{
  HcRoleColumn *self;
  GListModel *columns;
  guint position;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), NULL);

  self = g_object_new (HC_TYPE_ROLE_COLUMN, NULL);
  self->column = gtk_column_view_column_new (_("Roles"), NULL);
  gtk_column_view_column_set_expand (self->column, TRUE);
  gtk_column_view_column_set_resizable (self->column, TRUE);
  set_factory (self);

  columns = gtk_column_view_get_columns (column_view);
  position = g_list_model_get_n_items (columns);
  for (guint i = 0; after != NULL && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (column == after)
        position = i + 1;
    }
  gtk_column_view_insert_column (column_view, position, self->column);
  return self;
}

GtkColumnViewColumn *
hc_role_column_get_column (HcRoleColumn *self)
{
  g_return_val_if_fail (HC_IS_ROLE_COLUMN (self), NULL);
  return self->column;
}

GtkWidget *
hc_role_column_get_filter_widget (HcRoleColumn *self)
{
  g_return_val_if_fail (HC_IS_ROLE_COLUMN (self), NULL);
  return GTK_WIDGET (self->drop_down);
}

void
hc_role_column_set_index (HcRoleColumn *self,
                          HcRoleIndex  *index)
{
  g_return_if_fail (HC_IS_ROLE_COLUMN (self));

  if (self->index != index)
    g_clear_pointer (&self->index, hc_role_index_free);
  self->index = index;
  update_choices (self);
  set_factory (self);
}

const char *
hc_role_column_get_role (HcRoleColumn *self)
{
  g_return_val_if_fail (HC_IS_ROLE_COLUMN (self), NULL);
  return self->role_name;
}

gboolean
hc_role_column_set_role (HcRoleColumn *self,
                         const char   *name)
{
  GPtrArray *roles;
  HcRole *role;

  g_return_val_if_fail (HC_IS_ROLE_COLUMN (self), FALSE);

  if (name == NULL)
    {
      gtk_drop_down_set_selected (self->drop_down, 0);
      return TRUE;
    }
  if (self->index == NULL)
    return FALSE;
  roles = hc_role_index_get_roles (self->index);
  role = hc_roles_find (roles, name, NULL);
  for (guint i = 0; role != NULL && i < roles->len; i++)
    {
      /* the roles are the choices after "All Roles", in order */
      if (g_ptr_array_index (roles, i) == role)
        {
          gtk_drop_down_set_selected (self->drop_down, i + 1);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
hc_role_column_match (HcRoleColumn *self,
                      HcMember     *member)
{
  if (self->role_id == 0 || self->index == NULL)
    return TRUE;
  return hc_role_index_holds (self->index, hc_member_get_id (member), self->role_id);
}
