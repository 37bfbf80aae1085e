/* hc-group-actions.c — members into and out of a group by hand, from a
 * selection of the member table: what "Add to Group…" and "Remove from
 * Group" do
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-group-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-group-actions.h"
#include "hc-group-dialog.h"
#include "hc-group-path.h"
#include "hc-groups.h"

/* The members directly in the group at @path (not its subgroups'), as a
 * set of gint64*. NULL on error. */
static GHashTable *
list_direct (HcStore    *store,
             const char *path,
             char      **label,
             GError    **error)
{
  g_autoptr (GPtrArray) groups = hc_groups_list (store, error);
  g_autoptr (GArray) memberships = NULL;
  g_autoptr (GHashTable) direct = NULL;
  HcGroup *group;

  if (groups == NULL)
    return NULL;
  group = hc_groups_find (groups, path, error);
  if (group == NULL)
    return NULL;
  memberships = hc_store_list_group_memberships (store, error);
  if (memberships == NULL)
    return NULL;
  direct = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < memberships->len; i++)
    {
      HcGroupMembership *m = &g_array_index (memberships, HcGroupMembership, i);

      if (m->group_id == group->id)
        g_hash_table_add (direct, g_memdup2 (&m->member_id, sizeof m->member_id));
    }
  *label = hc_group_actions_dup_label (path);
  return g_steal_pointer (&direct);
}

gboolean
hc_group_actions_add (HcStore    *store,
                      const char *path,
                      GArray     *member_ids,
                      char      **message,
                      GError    **error)
{
  g_autoptr (GHashTable) direct = NULL;
  g_autoptr (GArray) to_add = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *label = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL && member_ids != NULL && message != NULL, FALSE);

  direct = list_direct (store, path, &label, error);
  if (direct == NULL)
    return FALSE;
  for (guint i = 0; i < member_ids->len; i++)
    {
      gint64 id = g_array_index (member_ids, gint64, i);

      if (!g_hash_table_contains (direct, &id))
        g_array_append_val (to_add, id);
    }
  if (to_add->len == 0)
    {
      /* Translators: a group, "Paris / Engineering" */
      *message = g_strdup_printf (ngettext ("Already in “%s”", "All already in “%s”", member_ids->len), label);
      return TRUE;
    }
  if (!hc_groups_add_members (store, path, to_add, NULL, error))
    return FALSE;
  /* Translators: a count, then a group, "Paris / Engineering" */
  *message = g_strdup_printf (ngettext ("%u member added to “%s”", "%u members added to “%s”", to_add->len),
                              to_add->len, label);
  return TRUE;
}

gboolean
hc_group_actions_remove (HcStore    *store,
                         const char *path,
                         GArray     *member_ids,
                         char      **message,
                         GError    **error)
{
  g_autoptr (GHashTable) direct = NULL;
  g_autoptr (GArray) to_remove = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *label = NULL;
  guint elsewhere;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL && member_ids != NULL && message != NULL, FALSE);

  direct = list_direct (store, path, &label, error);
  if (direct == NULL)
    return FALSE;
  for (guint i = 0; i < member_ids->len; i++)
    {
      gint64 id = g_array_index (member_ids, gint64, i);

      if (g_hash_table_contains (direct, &id))
        g_array_append_val (to_remove, id);
    }
  elsewhere = member_ids->len - to_remove->len;
  if (to_remove->len > 0 && !hc_groups_remove_members (store, path, to_remove, NULL, error))
    return FALSE;
  if (elsewhere == 0)
    /* Translators: a count, then a group, "Paris / Engineering" */
    *message = g_strdup_printf (ngettext ("%u member removed from “%s”", "%u members removed from “%s”",
                                          to_remove->len), to_remove->len, label);
  else
    /* Translators: a count, a group, then another count */
    *message = g_strdup_printf (ngettext ("%u removed from “%s”; %u is in a subgroup: remove them there",
                                          "%u removed from “%s”; %u are in a subgroup: remove them there",
                                          elsewhere), to_remove->len, label, elsewhere);
  return TRUE;
}

char *
hc_group_actions_dup_label (const char *path)
{
  g_auto (GStrv) names = hc_group_path_parse (path, NULL);

  if (names == NULL)
    return g_strdup (path);
  /* Translators: the separator of a group under its parent, "Paris / Engineering" */
  return g_strjoinv (C_("group path separator", " / "), names);
}

typedef struct
{
  HcStore       *store;
  GArray        *member_ids;
  void (*done)(gpointer, const char *);
  gpointer       user_data;
  GDestroyNotify destroy;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->member_ids, g_array_unref);
  if (data->destroy != NULL)
    data->destroy (data->user_data);
  g_free (data);
}

static void
choose_data_closure_free (gpointer  data,
                          GClosure *closure)
{
  choose_data_free (data);
}

static void
choose_response_cb (HcGroupDialog *dialog,
                    const char    *response,
                    ChooseData    *data)
{
  const char *path = hc_group_dialog_get_selected_path (dialog);
  g_autofree char *message = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "accept") || path == NULL)
    return;
  if (!hc_group_actions_add (data->store, path, data->member_ids, &message, &error))
    data->done (data->user_data, error->message);
  else
    data->done (data->user_data, message);
}

void
hc_group_actions_choose_and_add (GtkWindow     *parent,
                                 HcStore       *store,
                                 GArray        *member_ids,
                                 void (        *done ) (gpointer    user_data,
                                                        const char *message),
                                 gpointer       user_data,
                                 GDestroyNotify destroy)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *heading = NULL;
  ChooseData *data;
  HcGroupDialog *dialog;

  g_return_if_fail (HC_IS_STORE (store));
  g_return_if_fail (member_ids != NULL && done != NULL);

  groups = hc_groups_list (store, &error);
  if (groups == NULL || groups->len == 0)
    {
      done (user_data, groups == NULL ? error->message
                                      : _("No groups yet: create one on the Groups page first"));
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  heading = g_strdup_printf (ngettext ("Add %u Member to a Group", "Add %u Members to a Group", member_ids->len),
                             member_ids->len);
  dialog = hc_group_dialog_new (parent, HC_GROUP_DIALOG_GROUP, heading,
                                _("Added by hand, they stay in the group through every sync."),
                                _("_Add"), groups, NULL, NULL, NULL);
  data = g_new0 (ChooseData, 1);
  data->store = g_object_ref (store);
  data->member_ids = g_array_ref (member_ids);
  data->done = done;
  data->user_data = user_data;
  data->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (choose_response_cb), data,
                         choose_data_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
