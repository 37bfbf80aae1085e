/* hc-member-dialog.c — one member's details, locked where HR rules
 *
 * Every field shows as a selectable value; on a managed member the fields
 * its HR system feeds carry a lock naming the system (rules.md 2: HR is the
 * source of truth for those), the others are changed with Edit…. A note
 * says so, with "Why?": the filter clause, the match and the changes,
 * worked out against the employees the window's last sync of the
 * connector fetched. Below, the invitation's history and the actions by
 * hand (mark as joined, resend, archive, restore), through hc-directory.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-member-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-directory.h"
#include "hc-explain-view.h"
#include "hc-explainer.h"
#include "hc-format.h"
#include "hc-group-plan.h"
#include "hc-member-dialog.h"
#include "hc-member-form.h"
#include "hc-session.h"
#include "hc-undo.h"

struct _HcMemberDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *subtitle_label;
  GtkLabel            *test_badge;
  AdwPreferencesGroup *note_group;
  AdwActionRow        *note_row;
  GtkImage            *note_icon;
  GtkMenuButton       *why_button;
  HcExplainView       *explain_view;
  GtkButton           *preview_button;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *job_group;
  AdwPreferencesGroup *hr_group;
  AdwPreferencesGroup *custom_group;
  AdwPreferencesGroup *invitation_group;
  AdwPreferencesGroup *groups_group;
  GtkButton           *edit_button;
  GtkButton           *joined_button;
  GtkButton           *resend_button;
  GtkButton           *restore_button;
  GtkButton           *archive_button;

  /* Owned state */
  HcMember            *member;
  HcStore             *store;           /* nullable */
  HcSyncFlow          *sync_flow;       /* nullable: the window's, for "Why?" */
  HcConnectorInfo     *connector;       /* the managing connector, or NULL */
  GtkWidget           *first_row;       /* owned by its group */
  GCancellable        *cancellable;
  HcExplanation       *explanation;
  gboolean             explaining;
};

G_DEFINE_FINAL_TYPE (HcMemberDialog, hc_member_dialog, ADW_TYPE_WINDOW)

/* A "property" row: the field's name small and dim above its value, which
 * wraps at full width and can be selected and copied. Read-only: nothing
 * here edits a member. */
static void add_row_locked (HcMemberDialog *self, AdwPreferencesGroup *group, const char *title,
                            const char *value, const char *lock);

static void
add_row (HcMemberDialog      *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  add_row_locked (self, group, title, value, NULL);
}

/* @lock: the HR system that feeds the field, shown with a lock; NULL for
 * a field the admin edits. */
static void
add_row_locked (HcMemberDialog      *self,
                AdwPreferencesGroup *group,
                const char          *title,
                const char          *value,
                const char          *lock)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label;
  gboolean empty = value == NULL || *value == '\0';

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "member-field");

  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_widget_set_margin_top (outer, 8);
  gtk_widget_set_margin_bottom (outer, 8);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (outer), box);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title_label, "caption");
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_box_append (GTK_BOX (box), title_label);

  value_label = gtk_label_new (empty ? "—" : value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), !empty);
  if (empty)
    gtk_widget_add_css_class (value_label, "dim-label");
  gtk_box_append (GTK_BOX (box), value_label);

  if (lock != NULL)
    {
      GtkWidget *lock_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *from_label;
      g_autofree char *from = NULL;
      g_autofree char *tooltip = NULL;

      /* Translators: %s is an HR system's connector, "Personio" */
      from = g_strdup_printf (_("From %s"), lock);
      /* Translators: %s is an HR system's connector, "Personio" */
      tooltip = g_strdup_printf (_("%s feeds this field: change it there, the next sync brings it here"), lock);
      from_label = gtk_label_new (from);
      gtk_widget_add_css_class (from_label, "caption");
      gtk_widget_add_css_class (from_label, "dim-label");
      gtk_box_append (GTK_BOX (lock_box), gtk_image_new_from_icon_name ("changes-prevent-symbolic"));
      gtk_box_append (GTK_BOX (lock_box), from_label);
      gtk_widget_set_valign (lock_box, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (lock_box, tooltip);
      gtk_widget_add_css_class (row, "locked");
      gtk_box_append (GTK_BOX (outer), lock_box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);

  /* Read by screen readers as "Title, value". */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL,
                                  -1);
  if (lock == NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, value_label, NULL,
                                    -1);

  adw_preferences_group_add (group, row);

  if (self->first_row == NULL)
    self->first_row = row;
}

static void
add_field_row (HcMemberDialog      *self,
               AdwPreferencesGroup *group,
               const char          *title,
               const char          *field)
{
  add_row_locked (self, group, title, hc_member_get_field (self->member, field),
                  hc_directory_get_field_lock (self->connector, self->member, field));
}

static const char *
describe_hr_status (HcHrStatus status)
{
  return hc_undo_describe_value ("hr_status", hc_hr_status_to_string (status));
}

/* One meaning everywhere: Invited is access without having joined yet;
 * Active is joined, or, without access, in the directory. */
static const char *
describe_state (HcMember *member)
{
  switch (hc_member_get_state (member))
    {
    case HC_MEMBER_STATE_INVITED:
      return _("Invited: has access, has not joined yet");
    case HC_MEMBER_STATE_ARCHIVED:
      return C_("member state", "Archived");
    case HC_MEMBER_STATE_ACTIVE:
    default:
      return hc_member_get_has_access (member) ? _("Active: joined")
                                               : _("Active: in the directory, without access");
    }
}

/* The invitation's history: created, sent, resends, joined. */
static void
fill_invitations (HcMemberDialog *self,
                  HcStore        *store)
{
  g_autoptr (GPtrArray) invitations = NULL;
  g_autoptr (GError) error = NULL;
  HcInvitation *invitation;

  invitations = hc_store_list_member_invitations (store, hc_member_get_id (self->member), &error);
  if (invitations == NULL)
    {
      g_warning ("Could not read the invitations: %s", error->message);
      return;
    }
  if (invitations->len == 0)
    return;

  /* The newest; an earlier one (before an archive) is summed up. */
  invitation = g_ptr_array_index (invitations, invitations->len - 1);
  {
    g_autofree char *created = hc_format_datetime (invitation->created_at);
    g_autofree char *text = NULL;

    if (invitations->len > 1)
      /* Translators: a date, then a number of earlier invitations */
      text = g_strdup_printf (ngettext ("%s (after %u earlier invitation)", "%s (after %u earlier invitations)",
                                        invitations->len - 1),
                              created, invitations->len - 1);
    add_row (self, self->invitation_group, _("Invited"), text != NULL ? text : created);
  }
  {
    g_autofree char *sent = invitation->sent_at ? hc_format_datetime (invitation->sent_at) : NULL;
    gboolean test = self->connector != NULL && self->connector->test_instance;

    add_row (self, self->invitation_group, _("Sent"),
             sent != NULL ? sent
             : test ? _("Never: a test instance sends no invitations")
             : invitation->joined_at ? _("Not exported")
             : _("Not yet: “Export Invitations to Send…” on the Invited tab hands it over"));
  }
  if (invitation->resend_count > 0)
    {
      g_autofree char *last = hc_format_datetime (invitation->resent_at);
      g_autofree char *text = NULL;

      /* Translators: a number of times, then a date */
      text = g_strdup_printf (ngettext ("%u time, last on %s", "%u times, last on %s", invitation->resend_count),
                              invitation->resend_count, last);
      add_row (self, self->invitation_group, _("Sent again"), text);
    }
  {
    g_autofree char *joined = invitation->joined_at ? hc_format_datetime (invitation->joined_at) : NULL;

    add_row (self, self->invitation_group, _("Joined"),
             joined != NULL ? joined : _("Not yet"));
  }
  gtk_widget_set_visible (GTK_WIDGET (self->invitation_group), TRUE);
}

/* Its groups and roles, each with what put it there (rules.md 38, 39). */
static void
fill_groups (HcMemberDialog *self,
             HcStore        *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lines = hc_group_plan_describe_member (store, hc_member_get_id (self->member), &error);

  if (lines == NULL)
    {
      g_warning ("Could not read a member's groups: %s", error->message);
      return;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (lines, i));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->groups_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->groups_group), lines->len > 0);
}

static void
update_actions (HcMemberDialog *self)
{
  HcMemberState state = hc_member_get_state (self->member);
  gboolean has_store = self->store != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), has_store);
  gtk_widget_set_visible (GTK_WIDGET (self->joined_button), has_store && state == HC_MEMBER_STATE_INVITED);
  gtk_widget_set_visible (GTK_WIDGET (self->resend_button), has_store && state == HC_MEMBER_STATE_INVITED);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), has_store && state == HC_MEMBER_STATE_ARCHIVED);
  gtk_widget_set_visible (GTK_WIDGET (self->archive_button), has_store && state != HC_MEMBER_STATE_ARCHIVED);
}

static void
fill (HcMemberDialog *self,
      HcStore        *store)
{
  HcMember *member = self->member;
  HcConnectorInfo *connector = NULL;
  g_autoptr (GPtrArray) custom = NULL;
  g_autofree char *subtitle = NULL;
  const char *display_name = hc_member_get_display_name (member);
  const char *title = hc_member_get_title (member);
  const char *department = hc_member_get_department (member);
  const char *connector_name = NULL;
  gint64 connector_id = hc_member_get_connector_id (member);
  HcHrStatus hr_status = hc_member_get_hr_status (member);

  if (store != NULL && connector_id != 0)
    {
      g_autoptr (GError) error = NULL;

      connector = hc_store_get_connector (store, connector_id, &error);
      if (connector == NULL)
        g_debug ("No connector %" G_GINT64_FORMAT ": %s", connector_id, error->message);
      else
        connector_name = connector->name;
      self->connector = connector;
    }

  gtk_window_set_title (GTK_WINDOW (self), display_name);
  adw_avatar_set_text (self->avatar, display_name);
  gtk_label_set_label (self->name_label, display_name);

  if (title != NULL && *title != '\0' && department != NULL && *department != '\0')
    /* Translators: "Sales Manager · Sales", a job title and a department */
    subtitle = g_strdup_printf (_("%s · %s"), title, department);
  else if (title != NULL && *title != '\0')
    subtitle = g_strdup (title);
  else if (department != NULL && *department != '\0')
    subtitle = g_strdup (department);

  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);

  /* The note: why the fields are read-only, or were managed once. */
  if (hr_status == HC_HR_STATUS_MANAGED)
    {
      g_autofree char *note_title = NULL;

      /* Translators: %s is a connector name, "Demo company" */
      note_title = g_strdup_printf (_("Managed by %s"),
                                    connector_name != NULL ? connector_name : _("the HR system"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), note_title);
      adw_action_row_set_subtitle (self->note_row,
                                   _("HR is the source of truth for the fields with a lock: change them in the HR "
                                     "system. The other fields are yours to edit."));
      gtk_image_set_from_icon_name (self->note_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->note_icon), "success");
      gtk_widget_set_visible (GTK_WIDGET (self->note_group), TRUE);
    }
  else if (hr_status == HC_HR_STATUS_PREVIOUSLY_MANAGED)
    {
      g_autofree char *note_title = NULL;

      /* Translators: %s is a connector name, "Demo company" */
      note_title = g_strdup_printf (_("No longer managed by %s"),
                                    connector_name != NULL ? connector_name : _("the HR system"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), note_title);
      adw_action_row_set_subtitle (self->note_row,
                                   _("This person is no longer in the HR scope; HR no longer updates these fields."));
      gtk_image_set_from_icon_name (self->note_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->note_icon), "warning");
      gtk_widget_set_visible (GTK_WIDGET (self->note_group), TRUE);
    }

  add_field_row (self, self->identity_group, _("First name"), HC_MEMBER_FIELD_FIRST_NAME);
  add_field_row (self, self->identity_group, _("Last name"), HC_MEMBER_FIELD_LAST_NAME);
  add_field_row (self, self->identity_group, _("Preferred name"), HC_MEMBER_FIELD_PREFERRED_NAME);
  add_field_row (self, self->identity_group, _("E-mail"), HC_MEMBER_FIELD_EMAIL);

  add_field_row (self, self->job_group, _("Title"), HC_MEMBER_FIELD_TITLE);
  add_field_row (self, self->job_group, _("Department"), HC_MEMBER_FIELD_DEPARTMENT);
  add_field_row (self, self->job_group, _("Team"), HC_MEMBER_FIELD_TEAM);
  add_field_row (self, self->job_group, _("Office"), HC_MEMBER_FIELD_OFFICE);
  add_row (self, self->job_group, _("Manager"), hc_member_get_manager_name (member));

  add_row_locked (self, self->hr_group, _("Employee ID"), hc_member_get_external_id (member),
                  hc_directory_get_field_lock (self->connector, member, HC_MEMBER_FIELD_EMPLOYEE_ID));
  add_field_row (self, self->hr_group, _("Start date"), HC_MEMBER_FIELD_START_DATE);
  add_field_row (self, self->hr_group, _("End date"), HC_MEMBER_FIELD_END_DATE);
  add_row (self, self->hr_group, _("Connector"), connector_name);
  gtk_widget_set_visible (GTK_WIDGET (self->test_badge),
                          self->connector != NULL && self->connector->test_instance);
  add_row (self, self->hr_group, _("HR status"), describe_hr_status (hr_status));
  add_row (self, self->hr_group, _("State"), describe_state (member));
  add_row (self, self->hr_group, _("Access"),
           hc_member_get_has_access (member)
             ? _("Signs in with their e-mail")
             : _("No access: no e-mail to sign in with; giving them one invites them"));

  custom = hc_member_list_custom_fields (member);
  for (guint i = 0; custom != NULL && i < custom->len; i++)
    {
      const char *name = g_ptr_array_index (custom, i);
      g_autofree char *field = NULL;

      field = g_str_has_prefix (name, "custom.") ? g_strdup (name) : g_strconcat ("custom.", name, NULL);
      add_row_locked (self, self->custom_group,
                      g_str_has_prefix (name, "custom.") ? name + strlen ("custom.") : name,
                      hc_member_get_field (member, field),
                      hc_directory_get_field_lock (self->connector, member, field));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->custom_group), custom != NULL && custom->len > 0);

  if (store != NULL)
    fill_invitations (self, store);
  if (store != NULL)
    fill_groups (self, store);
  update_actions (self);
}

/* "Why?" */

static HcSyncFlow *
get_sync_flow (HcMemberDialog *self)
{
  return self->sync_flow;
}

static const char *
describe_manager (HcMemberDialog *self)
{
  return self->connector != NULL ? self->connector->name : _("the HR system");
}

static void
show_no_employees (HcMemberDialog *self)
{
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  if (hc_member_get_hr_status (self->member) == HC_HR_STATUS_MANAGED)
    /* Translators: %s is a connector name */
    title = g_strdup_printf (_("Managed by %s"), describe_manager (self));
  else
    /* Translators: %s is a connector name */
    title = g_strdup_printf (_("No longer managed by %s"), describe_manager (self));

  /* Translators: %s is a connector name */
  message = g_strdup_printf (_("No sync of %s has fetched its employees in this window yet. Preview a sync: "
                               "its “Why?” shows, for each person, the filter clause that includes or "
                               "excludes them, how they were matched and what changes."),
                             describe_manager (self));
  hc_explain_view_set_message (self->explain_view, title, message);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_button),
                          self->connector != NULL && get_sync_flow (self) != NULL);
}

static void
explain_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (HcMemberDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  self->explanation = hc_explainer_explain_finish (HC_EXPLAINER (source), result, &error);
  if (self->explanation == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->explaining = FALSE;
  if (self->explanation != NULL)
    hc_explain_view_set_explanation (self->explain_view, self->explanation);
  else
    hc_explain_view_set_message (self->explain_view, hc_member_get_display_name (self->member),
                                 error->message);
}

static void
why_popover_show_cb (HcMemberDialog *self)
{
  g_autoptr (HcExplainer) explainer = NULL;
  g_autofree char *member_query = NULL;
  HcSyncFlow *flow = get_sync_flow (self);
  GPtrArray *employees = NULL;
  const char *external_id = hc_member_get_external_id (self->member);

  gtk_widget_set_visible (GTK_WIDGET (self->preview_button), FALSE);

  if (self->explanation != NULL)
    {
      hc_explain_view_set_explanation (self->explain_view, self->explanation);
      return;
    }
  if (self->explaining)
    return;

  if (flow != NULL && self->connector != NULL)
    employees = hc_sync_flow_get_employees (flow, self->connector->id);
  if (employees == NULL || self->store == NULL || self->connector->config == NULL)
    {
      show_no_employees (self);
      return;
    }

  /* By the HR id the member was matched with, else as the member. */
  member_query = g_strdup_printf ("#%" G_GINT64_FORMAT, hc_member_get_id (self->member));
  explainer = hc_explainer_new (self->store, self->connector->id, self->connector->config, employees);
  self->explaining = TRUE;
  hc_explain_view_set_loading (self->explain_view, hc_member_get_display_name (self->member),
                               hc_member_get_email (self->member));
  hc_explainer_explain_async (explainer,
                              external_id != NULL ? external_id : member_query,
                              external_id != NULL ? member_query : NULL,
                              self->cancellable, explain_done_cb, g_object_ref (self));
}

static void
preview_sync_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HcMemberDialog *self = HC_MEMBER_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent == NULL || self->connector == NULL)
    return;

  /* The preview is modal on the window: this dialog makes way. */
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.sync-connector", "x", self->connector->id);
  gtk_window_close (GTK_WINDOW (self));
}

/* Changes by hand */

static void
after_change (HcMemberDialog *self,
              const char     *toast_text)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->store != NULL)
    hc_session_members_changed (hc_session_get_for_store (self->store), NULL, 0);
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.add-toast", "s", toast_text);
  gtk_window_close (GTK_WINDOW (self));
}

gboolean
hc_member_dialog_apply (HcMemberDialog      *self,
                        HcMemberDialogChange change,
                        GError             **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *text = NULL;
  const char *name = hc_member_get_display_name (self->member);
  gint64 id = hc_member_get_id (self->member);
  gboolean ok;

  g_return_val_if_fail (HC_IS_MEMBER_DIALOG (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  g_array_append_val (ids, id);
  switch (change)
    {
    case HC_MEMBER_DIALOG_ARCHIVE:
      ok = hc_directory_archive_members (self->store, ids, NULL, error);
      /* Translators: a member's name */
      text = g_strdup_printf (_("%s archived"), name);
      break;
    case HC_MEMBER_DIALOG_RESTORE:
      ok = hc_directory_restore_members (self->store, ids, NULL, error);
      /* Translators: a member's name */
      text = g_strdup_printf (_("%s restored"), name);
      break;
    case HC_MEMBER_DIALOG_MARK_JOINED:
      ok = hc_directory_mark_joined (self->store, ids, NULL, error);
      /* Translators: a member's name */
      text = g_strdup_printf (_("%s joined: active now"), name);
      break;
    case HC_MEMBER_DIALOG_RESEND:
    default:
      ok = hc_directory_resend_invitations (self->store, ids, NULL, error);
      /* Translators: a member's name */
      text = g_strdup_printf (_("The invitation of %s goes out with the next export"), name);
      break;
    }
  if (ok)
    after_change (self, text);
  return ok;
}

static void
apply_or_say (HcMemberDialog      *self,
              HcMemberDialogChange change)
{
  g_autoptr (GError) error = NULL;

  if (!hc_member_dialog_apply (self, change, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Change the Member"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HcMemberDialog *self = HC_MEMBER_DIALOG (widget);

  if (g_str_equal (action_name, "member.restore"))
    apply_or_say (self, HC_MEMBER_DIALOG_RESTORE);
  else if (g_str_equal (action_name, "member.mark-joined"))
    apply_or_say (self, HC_MEMBER_DIALOG_MARK_JOINED);
  else
    apply_or_say (self, HC_MEMBER_DIALOG_RESEND);
}

static void
archive_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     HcMemberDialog   *self)
{
  if (g_str_equal (response, "archive"))
    apply_or_say (self, HC_MEMBER_DIALOG_ARCHIVE);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HcMemberDialog *self = HC_MEMBER_DIALOG (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: a member's name */
  heading = g_strdup_printf (_("Archive %s?"), hc_member_get_display_name (self->member));
  if (hc_member_get_hr_status (self->member) == HC_HR_STATUS_MANAGED && self->connector != NULL)
    /* Translators: a connector's name */
    body = g_strdup_printf (_("They lose access and move to the Archived tab. %s still has them: the next sync "
                              "brings them back unless they leave its scope there."),
                            self->connector->name);
  else
    body = g_strdup (_("They lose access and move to the Archived tab. Restore brings them back as they were."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "archive", _("_Archive"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "archive", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (archive_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWindow *
hc_member_dialog_edit (HcMemberDialog *self)
{
  GtkWindow *parent;
  HcMemberForm *form;

  g_return_val_if_fail (HC_IS_MEMBER_DIALOG (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  /* The form takes the details' place, on the same window. */
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  form = hc_member_form_new_edit (self->store, self->member);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (form), parent);
  gtk_window_present (GTK_WINDOW (form));
  gtk_window_close (GTK_WINDOW (self));
  return GTK_WINDOW (form);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  hc_member_dialog_edit (HC_MEMBER_DIALOG (widget));
}

static void
hc_member_dialog_dispose (GObject *object)
{
  HcMemberDialog *self = HC_MEMBER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  /* A popover unparented while it shows stays alive in GTK 4.8. */
  if (self->why_button != NULL)
    gtk_menu_button_popdown (self->why_button);
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_MEMBER_DIALOG);
  g_clear_object (&self->member);
  g_clear_object (&self->sync_flow);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->connector, hc_connector_info_free);
  g_clear_pointer (&self->explanation, hc_explanation_free);

  G_OBJECT_CLASS (hc_member_dialog_parent_class)->dispose (object);
}

static void
hc_member_dialog_class_init (HcMemberDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_member_dialog_dispose;

  g_type_ensure (HC_TYPE_EXPLAIN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-member-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, avatar);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, test_badge);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, note_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, note_icon);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, why_button);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, explain_view);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, groups_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, preview_button);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, identity_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, job_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, hr_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, custom_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, invitation_group);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, edit_button);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, joined_button);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, resend_button);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, HcMemberDialog, archive_button);
  gtk_widget_class_bind_template_callback (widget_class, why_popover_show_cb);

  gtk_widget_class_install_action (widget_class, "member.preview-sync", NULL, preview_sync_action);
  gtk_widget_class_install_action (widget_class, "member.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "member.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "member.restore", NULL, change_action);
  gtk_widget_class_install_action (widget_class, "member.mark-joined", NULL, change_action);
  gtk_widget_class_install_action (widget_class, "member.resend", NULL, change_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hc_member_dialog_init (HcMemberDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

HcMemberDialog *
hc_member_dialog_new (HcStore  *store,
                      HcMember *member)
{
  HcMemberDialog *self;

  g_return_val_if_fail (store == NULL || HC_IS_STORE (store), NULL);
  g_return_val_if_fail (HC_IS_MEMBER (member), NULL);

  self = g_object_new (HC_TYPE_MEMBER_DIALOG, NULL);
  self->member = g_object_ref (member);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  fill (self, store);
  /* A manual member has nothing to explain: HR never touches it. */
  gtk_widget_set_visible (GTK_WIDGET (self->why_button),
                          hc_member_get_hr_status (member) != HC_HR_STATUS_MANUAL &&
                          hc_member_get_connector_id (member) != 0);

  /* Start on a row, not in a selectable label: GTK would select all of
   * its text when it takes the initial focus. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->note_group)))
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->note_row));
  else if (self->first_row != NULL)
    gtk_window_set_focus (GTK_WINDOW (self), self->first_row);

  return self;
}

HcMember *
hc_member_dialog_get_member (HcMemberDialog *self)
{
  g_return_val_if_fail (HC_IS_MEMBER_DIALOG (self), NULL);

  return self->member;
}

gboolean
hc_member_dialog_get_managed (HcMemberDialog *self)
{
  g_return_val_if_fail (HC_IS_MEMBER_DIALOG (self), FALSE);

  return hc_member_get_hr_status (self->member) == HC_HR_STATUS_MANAGED;
}

void
hc_member_dialog_show_explanation (HcMemberDialog *self)
{
  g_return_if_fail (HC_IS_MEMBER_DIALOG (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->why_button)))
    gtk_menu_button_popup (self->why_button);
}

HcExplainView *
hc_member_dialog_get_explain_view (HcMemberDialog *self)
{
  g_return_val_if_fail (HC_IS_MEMBER_DIALOG (self), NULL);

  return self->explain_view;
}

void
hc_member_dialog_set_sync_flow (HcMemberDialog *self,
                                HcSyncFlow     *flow)
{
  g_return_if_fail (HC_IS_MEMBER_DIALOG (self));
  g_return_if_fail (flow == NULL || HC_IS_SYNC_FLOW (flow));

  g_set_object (&self->sync_flow, flow);
}
