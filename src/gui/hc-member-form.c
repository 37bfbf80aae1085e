/* hc-member-form.c — add a member by hand, or edit one
 *
 * Entry rows for the fields the admin sets; on a managed member the fields
 * its HR system feeds are rows with a lock naming the system (rules.md 2).
 * Checked as one types: an e-mail's syntax, an e-mail another member has
 * (named), a name. Saving goes through hc-directory, which records the
 * change in History as a run by hand.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-member-form"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-directory.h"
#include "hc-error.h"
#include "hc-mapping.h"
#include "hc-member-form.h"
#include "hc-session.h"

struct _HcMemberForm
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *save_button;
  AdwPreferencesGroup *message_group;
  GtkLabel            *message_label;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *job_group;
  AdwPreferencesGroup *custom_group;
  AdwEntryRow         *new_custom_row;

  /* Owned state */
  HcStore             *store;
  HcMember            *member;        /* NULL when adding */
  HcConnectorInfo     *connector;     /* the member's connector, or NULL */
  GHashTable          *entries;       /* field → AdwEntryRow (owned by its group) */
  GHashTable          *locked;        /* field → AdwActionRow */
  char                *message;
  gboolean             can_save;
};

G_DEFINE_FINAL_TYPE (HcMemberForm, hc_member_form, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_message (HcMemberForm *self,
             const char   *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), message != NULL);
}

static const char *
entry_text (HcMemberForm *self,
            const char   *field)
{
  GtkEditable *entry = g_hash_table_lookup (self->entries, field);

  if (entry == NULL)
    return self->member != NULL ? hc_member_get_field (self->member, field) : NULL;
  return gtk_editable_get_text (entry);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Checks the form as it is now: the message and Save follow. */
static void
validate (HcMemberForm *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *email = g_strstrip (g_strdup (entry_text (self, HC_MEMBER_FIELD_EMAIL) ?: ""));
  GtkWidget *email_row = g_hash_table_lookup (self->entries, HC_MEMBER_FIELD_EMAIL);
  gboolean named = !is_blank (entry_text (self, HC_MEMBER_FIELD_FIRST_NAME)) ||
                   !is_blank (entry_text (self, HC_MEMBER_FIELD_LAST_NAME));
  gboolean email_ok = TRUE;

  if (email_row != NULL && *email != '\0')
    email_ok = hc_directory_check_email (email, &error) &&
               hc_directory_check_email_free (self->store, email,
                                              self->member ? hc_member_get_id (self->member) : 0, &error);
  if (email_row != NULL)
    {
      if (email_ok)
        gtk_widget_remove_css_class (email_row, "error");
      else
        gtk_widget_add_css_class (email_row, "error");
    }

  if (error != NULL)
    set_message (self, error->message);
  else if (!named && self->member != NULL)
    set_message (self, _("A member needs a first or a last name"));
  else
    set_message (self, NULL);

  self->can_save = named && email_ok;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->can_save);
}

/* Enter in a field saves, once the form can be saved. */
static void
entry_activated_cb (HcMemberForm *self)
{
  if (self->can_save)
    gtk_widget_activate_action (GTK_WIDGET (self), "form.save", NULL);
}

static char *
describe_field (const char *field)
{
  if (g_str_has_prefix (field, "custom."))
    return g_strdup (field + strlen ("custom."));
  return hc_mapping_describe_target (field);
}

static void
add_field (HcMemberForm        *self,
           AdwPreferencesGroup *group,
           const char          *field,
           const char          *title)
{
  const char *value = self->member != NULL ? hc_member_get_field (self->member, field) : NULL;
  const char *lock = self->member != NULL
                     ? hc_directory_get_field_lock (self->connector, self->member, field) : NULL;
  g_autofree char *label = title != NULL ? g_strdup (title) : describe_field (field);

  if (lock != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
      g_autofree char *from = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *from_label;

      /* Translators: %s is an HR system's connector, "Personio" */
      from = g_strdup_printf (_("From %s"), lock);
      /* Translators: %s is an HR system's connector, "Personio" */
      tooltip = g_strdup_printf (_("%s feeds this field: change it there, the next sync brings it here"), lock);
      from_label = gtk_label_new (from);
      gtk_widget_add_css_class (from_label, "dim-label");
      gtk_widget_add_css_class (from_label, "caption");
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), from_label);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (box, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : "—");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      gtk_widget_add_css_class (row, "property");
      adw_preferences_group_add (group, row);
      g_hash_table_insert (self->locked, g_strdup (field), row);
      return;
    }

  {
    GtkWidget *row = adw_entry_row_new ();

    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
    gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
    if (g_str_equal (field, HC_MEMBER_FIELD_EMAIL))
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
    g_signal_connect_object (row, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (row, "entry-activated", G_CALLBACK (entry_activated_cb),
                             self, G_CONNECT_SWAPPED);
    if (group == self->custom_group)
      adw_preferences_group_remove (group, GTK_WIDGET (self->new_custom_row));
    adw_preferences_group_add (group, row);
    if (group == self->custom_group)
      adw_preferences_group_add (group, GTK_WIDGET (self->new_custom_row));
    g_hash_table_insert (self->entries, g_strdup (field), row);
  }
}

GtkEditable *
hc_member_form_add_custom_field (HcMemberForm *self,
                                 const char   *name)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *field = NULL;
  GtkEditable *entry;

  g_return_val_if_fail (HC_IS_MEMBER_FORM (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name));
  field = g_strconcat ("custom.", trimmed, NULL);
  if (!hc_mapping_is_valid_target (field))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” is not a custom field name: use letters, digits, “_”, “-” and “.”"),
                                 trimmed);
      set_message (self, message);
      return NULL;
    }

  entry = g_hash_table_lookup (self->entries, field);
  if (entry == NULL && g_hash_table_lookup (self->locked, field) == NULL)
    {
      add_field (self, self->custom_group, field, NULL);
      entry = g_hash_table_lookup (self->entries, field);
    }
  if (entry != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (entry));
  validate (self);
  return entry;
}

static void
new_custom_apply_cb (HcMemberForm *self,
                     AdwEntryRow  *row)
{
  if (hc_member_form_add_custom_field (self, gtk_editable_get_text (GTK_EDITABLE (row))) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
fill (HcMemberForm *self)
{
  g_autoptr (GPtrArray) custom = NULL;

  add_field (self, self->identity_group, HC_MEMBER_FIELD_FIRST_NAME, _("First name"));
  add_field (self, self->identity_group, HC_MEMBER_FIELD_LAST_NAME, _("Last name"));
  add_field (self, self->identity_group, HC_MEMBER_FIELD_PREFERRED_NAME, _("Preferred name"));
  add_field (self, self->identity_group, HC_MEMBER_FIELD_EMAIL, _("E-mail"));
  add_field (self, self->job_group, HC_MEMBER_FIELD_TITLE, _("Title"));
  add_field (self, self->job_group, HC_MEMBER_FIELD_DEPARTMENT, _("Department"));
  add_field (self, self->job_group, HC_MEMBER_FIELD_TEAM, _("Team"));
  add_field (self, self->job_group, HC_MEMBER_FIELD_OFFICE, _("Office"));

  if (self->member != NULL)
    custom = hc_member_list_custom_fields (self->member);
  for (guint i = 0; custom != NULL && i < custom->len; i++)
    {
      const char *name = g_ptr_array_index (custom, i);
      g_autofree char *field = g_str_has_prefix (name, "custom.") ? g_strdup (name)
                                                                 : g_strconcat ("custom.", name, NULL);

      add_field (self, self->custom_group, field, NULL);
    }
  /* Custom fields the HR system feeds but this member lacks stay HR's. */
}

gboolean
hc_member_form_save (HcMemberForm *self,
                     GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *toast_text = NULL;
  GHashTableIter iter;
  gpointer field, row;
  gint64 member_id = 0;
  gint64 run_id = 0;
  gboolean ok;

  g_return_val_if_fail (HC_IS_MEMBER_FORM (self), FALSE);

  validate (self);
  if (!self->can_save)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                           self->message != NULL ? self->message : _("A member needs a first or a last name"));
      return FALSE;
    }

  if (self->member == NULL)
    {
      g_autoptr (HcMember) member = hc_member_new ();

      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, &field, &row))
        hc_member_set_field (member, field, gtk_editable_get_text (GTK_EDITABLE (row)));
      ok = hc_directory_add_member (self->store, member, &run_id, &local_error);
      member_id = hc_member_get_id (member);
      if (ok)
        toast_text = g_strdup_printf (hc_member_get_has_access (member)
                                      /* Translators: a member's name */
                                      ? _("%s added and invited")
                                      /* Translators: a member's name */
                                      : _("%s added, without access"),
                                      hc_member_get_display_name (member));
    }
  else
    {
      g_autoptr (GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, &field, &row))
        g_hash_table_insert (values, field, (gpointer) gtk_editable_get_text (GTK_EDITABLE (row)));
      member_id = hc_member_get_id (self->member);
      ok = hc_directory_edit_member (self->store, member_id, values, &run_id, &local_error);
      if (ok && run_id != 0)
        /* Translators: a member's name */
        toast_text = g_strdup_printf (_("Changes to %s saved"), hc_member_get_display_name (self->member));
    }

  if (!ok)
    {
      set_message (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, member_id);
  hc_session_members_changed (hc_session_get_for_store (self->store), &member_id, 1);
  if (parent != NULL && toast_text != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.add-toast", "s", toast_text);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  hc_member_form_save (HC_MEMBER_FORM (widget), NULL);
}

static void
hc_member_form_dispose (GObject *object)
{
  HcMemberForm *self = HC_MEMBER_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_MEMBER_FORM);
  g_clear_object (&self->store);
  g_clear_object (&self->member);
  g_clear_pointer (&self->connector, hc_connector_info_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->locked, g_hash_table_unref);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (hc_member_form_parent_class)->dispose (object);
}

static void
hc_member_form_class_init (HcMemberFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_member_form_dispose;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-member-form.ui");
  gtk_widget_class_bind_template_child (widget_class, HcMemberForm, save_button);
  gtk_widget_class_bind_template_child (widget_class, HcMemberForm, message_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, HcMemberForm, identity_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberForm, job_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberForm, custom_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberForm, new_custom_row);
  gtk_widget_class_bind_template_callback (widget_class, new_custom_apply_cb);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hc_member_form_init (HcMemberForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->locked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static HcMemberForm *
form_new (HcStore  *store,
          HcMember *member)
{
  HcMemberForm *self = g_object_new (HC_TYPE_MEMBER_FORM, NULL);

  self->store = g_object_ref (store);
  if (member != NULL)
    {
      self->member = g_object_ref (member);
      if (hc_member_get_connector_id (member) != 0)
        self->connector = hc_store_get_connector (store, hc_member_get_connector_id (member), NULL);
    }
  fill (self);
  validate (self);
  return self;
}

HcMemberForm *
hc_member_form_new_add (HcStore *store)
{
  HcMemberForm *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  self = form_new (store, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Add Member"));
  gtk_button_set_label (self->save_button, _("_Add"));
  return self;
}

HcMemberForm *
hc_member_form_new_edit (HcStore  *store,
                         HcMember *member)
{
  HcMemberForm *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (HC_IS_MEMBER (member), NULL);

  self = form_new (store, member);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Member"));
  gtk_button_set_label (self->save_button, _("_Save"));
  return self;
}

GtkEditable *
hc_member_form_get_entry (HcMemberForm *self,
                          const char   *field)
{
  g_return_val_if_fail (HC_IS_MEMBER_FORM (self), NULL);

  return g_hash_table_lookup (self->entries, field);
}

AdwActionRow *
hc_member_form_get_locked_row (HcMemberForm *self,
                               const char   *field)
{
  g_return_val_if_fail (HC_IS_MEMBER_FORM (self), NULL);

  return g_hash_table_lookup (self->locked, field);
}

const char *
hc_member_form_get_message (HcMemberForm *self)
{
  g_return_val_if_fail (HC_IS_MEMBER_FORM (self), NULL);

  return self->message;
}

gboolean
hc_member_form_get_can_save (HcMemberForm *self)
{
  g_return_val_if_fail (HC_IS_MEMBER_FORM (self), FALSE);

  return self->can_save;
}
