/* hc-directory.c — the directory by hand: add, edit, archive, restore, invitations
 *
 * The app's forms and headcount-cli's members commands share these
 * operations: each one validates, then applies its changes and records
 * them as one run by hand (hc_store_apply_hand_changes()).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-directory"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-directory.h"
#include "hc-error.h"
#include "hc-mapping.h"

static const char * const editable_fields[] = {
  HC_MEMBER_FIELD_FIRST_NAME,
  HC_MEMBER_FIELD_LAST_NAME,
  HC_MEMBER_FIELD_PREFERRED_NAME,
  HC_MEMBER_FIELD_EMAIL,
  HC_MEMBER_FIELD_TITLE,
  HC_MEMBER_FIELD_DEPARTMENT,
  HC_MEMBER_FIELD_TEAM,
  HC_MEMBER_FIELD_OFFICE,
  HC_MEMBER_FIELD_START_DATE,
  HC_MEMBER_FIELD_END_DATE,
  NULL
};

const char *const *
hc_directory_list_fields (void)
{
  return editable_fields;
}

gboolean
hc_directory_field_is_editable (const char *field)
{
  if (field == NULL)
    return FALSE;
  if (g_str_has_prefix (field, "custom."))
    return hc_mapping_is_valid_target (field);
  return g_strv_contains (editable_fields, field);
}

const char *
hc_directory_get_field_lock (const HcConnectorInfo *connector,
                             HcMember              *member,
                             const char            *field)
{
  g_return_val_if_fail (HC_IS_MEMBER (member), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (hc_member_get_hr_status (member) != HC_HR_STATUS_MANAGED || connector == NULL ||
      connector->id != hc_member_get_connector_id (member))
    return NULL;
  /* The match key (rules.md 5) is always the HR id. */
  if (g_str_equal (field, HC_MEMBER_FIELD_EMPLOYEE_ID))
    return connector->name;
  if (connector->config != NULL && hc_mapping_get_entry (connector->config, field) != NULL)
    return connector->name;
  return NULL;
}

gboolean
hc_directory_check_email (const char *email,
                          GError    **error)
{
  if (!hc_member_email_is_valid (email))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what was typed as an e-mail */
                   _("“%s” is not an e-mail address: type one like name@example.com"),
                   email != NULL ? email : "");
      return FALSE;
    }
  return TRUE;
}

HcMember *
hc_directory_find_member (HcStore    *store,
                          const char *id_or_email,
                          GError    **error)
{
  guint64 id;
  HcMember *member;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (id_or_email != NULL, NULL);

  if (g_ascii_string_to_unsigned (id_or_email, 10, 1, G_MAXINT64, &id, NULL))
    {
      member = hc_store_get_member (store, (gint64) id, NULL);
      if (member != NULL)
        return member;
    }
  else
    {
      g_autoptr (GError) local_error = NULL;

      member = hc_store_find_member_by_email (store, id_or_email, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (member != NULL)
        return member;
    }

  g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
               /* Translators: %s is a member id or an e-mail */
               _("There is no member “%s” in the directory"), id_or_email);
  return NULL;
}

/* NULL for an empty or blank value; else trimmed. (transfer full) */
static char *
dup_value (const char *value)
{
  char *trimmed;

  if (value == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);
  return trimmed;
}

static char *
describe_field (const char *field)
{
  return hc_mapping_describe_target (field);
}

/* Start and end dates are YYYY-MM-DD, a real day, as the CSV import and
 * the HR systems give them. */
static gboolean
check_value (const char *field,
             const char *value,
             GError    **error)
{
  if (value == NULL ||
      (!g_str_equal (field, HC_MEMBER_FIELD_START_DATE) && !g_str_equal (field, HC_MEMBER_FIELD_END_DATE)))
    return TRUE;
  if (hc_member_date_is_valid (value))
    return TRUE;

  g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
               /* Translators: what was typed as a date */
               _("“%s” is not a date: write it YYYY-MM-DD, such as 2026-09-01"), value);
  return FALSE;
}

gboolean
hc_directory_check_email_free (HcStore    *store,
                               const char *email,
                               gint64      self_id,
                               GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (HcMember) other = hc_store_find_member_by_email (store, email, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other != NULL && hc_member_get_id (other) != self_id)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_EXISTS,
                   /* Translators: an e-mail, then a member's name */
                   _("The e-mail %s already belongs to %s: two members cannot share one"),
                   email, hc_member_get_display_name (other));
      return FALSE;
    }
  return TRUE;
}

static HcHandChange *
hand_change_new (const char *kind,
                 gint64      member_id,
                 const char *field,
                 const char *before,
                 const char *after)
{
  HcHandChange *change = g_new0 (HcHandChange, 1);

  change->kind = kind;
  change->member_id = member_id;
  change->field = g_strdup (field);
  change->before = g_strdup (before);
  change->after = g_strdup (after);
  return change;
}

static gboolean
apply (HcStore   *store,
       GPtrArray *changes,
       guint      counts[HC_PLAN_N_KINDS],
       gint64    *run_id,
       GError   **error)
{
  g_autoptr (HcSyncRun) run = NULL;

  if (run_id != NULL)
    *run_id = 0;
  if (changes->len == 0)
    return TRUE;

  run = hc_sync_run_new (0, HC_SYNC_TRIGGER_EDIT);
  memcpy (run->counts, counts, sizeof run->counts);
  if (!hc_store_apply_hand_changes (store, changes, run, error))
    return FALSE;
  if (run_id != NULL)
    *run_id = run->id;
  return TRUE;
}

/* The initial values of an added member, as a sync records a created one. */
static char *
initial_values_json (HcMember *member)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GPtrArray) custom = hc_member_list_custom_fields (member);
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; editable_fields[i] != NULL; i++)
    {
      const char *value = hc_member_get_field (member, editable_fields[i]);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, editable_fields[i]);
      json_builder_add_string_value (builder, value);
    }
  for (guint i = 0; custom != NULL && i < custom->len; i++)
    {
      const char *name = g_ptr_array_index (custom, i);
      g_autofree char *field = g_str_has_prefix (name, "custom.") ? g_strdup (name)
                                                                 : g_strconcat ("custom.", name, NULL);

      json_builder_set_member_name (builder, field);
      json_builder_add_string_value (builder, hc_member_get_field (member, field));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
hc_directory_add_member (HcStore  *store,
                         HcMember *member,
                         gint64   *run_id,
                         GError  **error)
{
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_hand_change_free);
  g_autoptr (GPtrArray) custom = NULL;
  g_autofree char *email = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;
  guint counts[HC_PLAN_N_KINDS] = { 0 };
  HcHandChange *add;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (HC_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (hc_member_get_id (member) == 0, FALSE);

  /* Trimmed, as a form's entries may leave spaces. */
  for (guint i = 0; editable_fields[i] != NULL; i++)
    {
      g_autofree char *value = dup_value (hc_member_get_field (member, editable_fields[i]));

      if (!check_value (editable_fields[i], value, error))
        return FALSE;
      hc_member_set_field (member, editable_fields[i], value);
    }
  custom = hc_member_list_custom_fields (member);
  for (guint i = 0; custom != NULL && i < custom->len; i++)
    {
      const char *name = g_ptr_array_index (custom, i);
      g_autofree char *field = g_str_has_prefix (name, "custom.") ? g_strdup (name)
                                                                 : g_strconcat ("custom.", name, NULL);

      if (!hc_mapping_is_valid_target (field))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a custom field name: use letters, digits, “_”, “-” and “.”"),
                       field + strlen ("custom."));
          return FALSE;
        }
    }

  email = g_strdup (hc_member_get_email (member));
  first_name = g_strdup (hc_member_get_first_name (member));
  last_name = g_strdup (hc_member_get_last_name (member));
  if (first_name == NULL && last_name == NULL)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                           _("A member needs a first or a last name"));
      return FALSE;
    }
  if (email != NULL && (!hc_directory_check_email (email, error) ||
                        !hc_directory_check_email_free (store, email, 0, error)))
    return FALSE;

  /* By hand: manual (rules.md 10), whatever the caller set. */
  hc_member_set_connector_id (member, 0);
  hc_member_set_external_id (member, NULL);
  hc_member_set_hr_status (member, HC_HR_STATUS_MANUAL);
  hc_member_set_has_access (member, email != NULL);
  hc_member_set_state (member, email != NULL ? HC_MEMBER_STATE_INVITED : HC_MEMBER_STATE_ACTIVE);

  /* The store records the invitation of a member added with access. */
  add = hand_change_new (HC_RUN_CHANGE_ADD, 0, NULL, NULL, NULL);
  add->member = g_object_ref (member);
  add->after = initial_values_json (member);
  g_ptr_array_add (changes, add);
  counts[email != NULL ? HC_PLAN_INVITE : HC_PLAN_CREATE_NO_ACCESS]++;

  return apply (store, changes, counts, run_id, error);
}

static gboolean
state_is (HcMember     *member,
          HcMemberState state)
{
  return hc_member_get_state (member) == state;
}

gboolean
hc_directory_edit_member (HcStore    *store,
                          gint64      member_id,
                          GHashTable *values,
                          gint64     *run_id,
                          GError    **error)
{
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_hand_change_free);
  g_autoptr (HcMember) member = NULL;
  g_autoptr (HcConnectorInfo) connector = NULL;
  g_autoptr (GList) fields = NULL;
  guint counts[HC_PLAN_N_KINDS] = { 0 };
  gboolean invite = FALSE;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  member = hc_store_get_member (store, member_id, error);
  if (member == NULL)
    return FALSE;
  if (hc_member_get_connector_id (member) != 0)
    connector = hc_store_get_connector (store, hc_member_get_connector_id (member), NULL);

  fields = g_list_sort (g_hash_table_get_keys (values), (GCompareFunc) g_strcmp0);
  for (GList *l = fields; l != NULL; l = l->next)
    {
      const char *field = l->data;
      const char *lock;
      g_autofree char *after = dup_value (g_hash_table_lookup (values, field));
      const char *before = hc_member_get_field (member, field);

      if (!hc_directory_field_is_editable (field))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a member field that can be edited"), field);
          return FALSE;
        }
      if (g_strcmp0 (before, after) == 0)
        continue;
      if (!check_value (field, after, error))
        return FALSE;

      lock = hc_directory_get_field_lock (connector, member, field);
      if (lock != NULL)
        {
          g_autofree char *label = describe_field (field);

          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                       /* Translators: a field ("Office"), a member, a connector ("Personio") */
                       _("%s of %s comes from %s: change it there, the next sync brings it here"),
                       label, hc_member_get_display_name (member), lock);
          return FALSE;
        }

      if (g_str_equal (field, HC_MEMBER_FIELD_EMAIL))
        {
          if (after == NULL && hc_member_get_has_access (member))
            {
              g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                           _("%s signs in with their e-mail, so it cannot be removed: "
                             "archive the member instead"),
                           hc_member_get_display_name (member));
              return FALSE;
            }
          if (after != NULL && (!hc_directory_check_email (after, error) ||
                                !hc_directory_check_email_free (store, after, member_id, error)))
            return FALSE;
          /* An e-mail gives a member without access access: an invitation. */
          if (after != NULL && !hc_member_get_has_access (member))
            invite = TRUE;
        }
      if ((g_str_equal (field, HC_MEMBER_FIELD_FIRST_NAME) || g_str_equal (field, HC_MEMBER_FIELD_LAST_NAME)) &&
          after == NULL)
        {
          const char *other = g_str_equal (field, HC_MEMBER_FIELD_FIRST_NAME)
                              ? HC_MEMBER_FIELD_LAST_NAME : HC_MEMBER_FIELD_FIRST_NAME;
          const char *other_value = g_hash_table_contains (values, other)
                                    ? g_hash_table_lookup (values, other)
                                    : hc_member_get_field (member, other);
          g_autofree char *other_after = dup_value (other_value);

          if (other_after == NULL)
            {
              g_set_error_literal (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                                   _("A member needs a first or a last name"));
              return FALSE;
            }
        }

      g_ptr_array_add (changes, hand_change_new (HC_RUN_CHANGE_EDIT, member_id, field, before, after));
    }

  if (invite)
    {
      g_ptr_array_add (changes, hand_change_new (HC_RUN_CHANGE_EDIT, member_id, "access", "no", "yes"));
      if (state_is (member, HC_MEMBER_STATE_ACTIVE))
        g_ptr_array_add (changes, hand_change_new (HC_RUN_CHANGE_EDIT, member_id, "state", "active", "invited"));
      g_ptr_array_add (changes, hand_change_new (HC_RUN_CHANGE_INVITE, member_id, NULL, NULL, NULL));
      counts[HC_PLAN_INVITE]++;
    }
  else if (changes->len > 0)
    counts[HC_PLAN_UPDATE]++;

  return apply (store, changes, counts, run_id, error);
}

/* Loads @member_ids; HC_ERROR_INVALID_ARGUMENT naming the first member
 * @check refuses, with @why. (transfer full) */
static GPtrArray *
load_members (HcStore    *store,
              GArray     *member_ids,
              gboolean ( *check ) (HcMember *member),
              const char *why,
              GError    **error)
{
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < member_ids->len; i++)
    {
      HcMember *member = hc_store_get_member (store, g_array_index (member_ids, gint64, i), error);

      if (member == NULL)
        return NULL;
      g_ptr_array_add (members, member);
      if (!check (member))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT, why, hc_member_get_display_name (member));
          return NULL;
        }
    }
  return g_steal_pointer (&members);
}

static gboolean
is_not_archived (HcMember *member)
{
  return !state_is (member, HC_MEMBER_STATE_ARCHIVED);
}

static gboolean
is_archived (HcMember *member)
{
  return state_is (member, HC_MEMBER_STATE_ARCHIVED);
}

static gboolean
is_invited (HcMember *member)
{
  return state_is (member, HC_MEMBER_STATE_INVITED);
}

gboolean
hc_directory_archive_members (HcStore *store,
                              GArray  *member_ids,
                              gint64  *run_id,
                              GError **error)
{
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_hand_change_free);
  g_autoptr (GPtrArray) members = NULL;
  guint counts[HC_PLAN_N_KINDS] = { 0 };

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (member_ids != NULL, FALSE);

  /* Translators: %s is a member's name */
  members = load_members (store, member_ids, is_not_archived, _("%s is archived already"), error);
  if (members == NULL)
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      g_ptr_array_add (changes, hand_change_new (HC_RUN_CHANGE_ARCHIVE, hc_member_get_id (member), "state",
                                                 hc_member_state_to_string (hc_member_get_state (member)),
                                                 "archived"));
      counts[HC_PLAN_ARCHIVE]++;
    }
  return apply (store, changes, counts, run_id, error);
}

gboolean
hc_directory_restore_members (HcStore *store,
                              GArray  *member_ids,
                              gint64  *run_id,
                              GError **error)
{
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_hand_change_free);
  g_autoptr (GPtrArray) members = NULL;
  guint counts[HC_PLAN_N_KINDS] = { 0 };

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (member_ids != NULL, FALSE);

  /* Translators: %s is a member's name */
  members = load_members (store, member_ids, is_archived, _("%s is not archived"), error);
  if (members == NULL)
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);
      gint64 id = hc_member_get_id (member);
      gboolean invited = hc_member_returns_invited (member, hc_member_get_email (member));

      g_ptr_array_add (changes, hand_change_new (HC_RUN_CHANGE_RESTORE, id, "state", "archived",
                                                 invited ? "invited" : "active"));
      if (invited)
        g_ptr_array_add (changes, hand_change_new (HC_RUN_CHANGE_INVITE, id, NULL, NULL, NULL));
      counts[HC_PLAN_UPDATE]++;
    }
  return apply (store, changes, counts, run_id, error);
}

gboolean
hc_directory_mark_joined (HcStore *store,
                          GArray  *member_ids,
                          gint64  *run_id,
                          GError **error)
{
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_hand_change_free);
  g_autoptr (GPtrArray) members = NULL;
  guint counts[HC_PLAN_N_KINDS] = { 0 };

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (member_ids != NULL, FALSE);

  /* Translators: %s is a member's name */
  members = load_members (store, member_ids, is_invited, _("%s is not invited, so cannot join"), error);
  if (members == NULL)
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      g_ptr_array_add (changes, hand_change_new (HC_RUN_CHANGE_JOINED, hc_member_get_id (member), "state",
                                                 "invited", "active"));
      counts[HC_PLAN_UPDATE]++;
    }
  return apply (store, changes, counts, run_id, error);
}

gboolean
hc_directory_resend_invitations (HcStore *store,
                                 GArray  *member_ids,
                                 gint64  *run_id,
                                 GError **error)
{
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_hand_change_free);
  g_autoptr (GPtrArray) members = NULL;
  guint counts[HC_PLAN_N_KINDS] = { 0 };

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (member_ids != NULL, FALSE);

  /* Translators: %s is a member's name */
  members = load_members (store, member_ids, is_invited, _("%s is not invited, so has no invitation to send again"),
                          error);
  if (members == NULL)
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      g_ptr_array_add (changes, hand_change_new (HC_RUN_CHANGE_RESEND, hc_member_get_id (member), NULL, NULL,
                                                 hc_member_get_email (member)));
      counts[HC_PLAN_UPDATE]++;
    }
  return apply (store, changes, counts, run_id, error);
}

static char *
build_link (const char *link,
            const char *email)
{
  g_autofree char *escaped = NULL;
  g_auto (GStrv) parts = NULL;

  if (link == NULL || *link == '\0')
    return NULL;
  if (strstr (link, "{email}") == NULL)
    return g_strdup (link);
  escaped = g_uri_escape_string (email, NULL, FALSE);
  parts = g_strsplit (link, "{email}", -1);
  return g_strjoinv (escaped, parts);
}

gboolean
hc_directory_export_invitations (HcStore         *store,
                                 GOutputStream   *stream,
                                 char             separator,
                                 HcCsvWriterFlags flags,
                                 const char      *link,
                                 GArray         **exported_ids,
                                 guint           *n_test_instance,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  static const char * const header[] = { "first_name", "last_name", "name", "email", "link" };
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GArray) exported = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (HcCsvWriter) writer = NULL;
  guint n_test = 0;

  g_return_val_if_fail (HC_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  ids = hc_store_list_invitations_to_send (store, &n_test, error);
  if (ids == NULL)
    return FALSE;

  writer = hc_csv_writer_new (stream, separator, flags);
  if (!hc_csv_writer_write_row (writer, header, G_N_ELEMENTS (header), cancellable, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr (HcMember) member = hc_store_get_member (store, id, error);
      g_autofree char *member_link = NULL;
      const char *row[5];

      if (member == NULL)
        return FALSE;
      member_link = build_link (link, hc_member_get_email (member));
      row[0] = hc_member_get_first_name (member);
      row[1] = hc_member_get_last_name (member);
      row[2] = hc_member_get_display_name (member);
      row[3] = hc_member_get_email (member);
      row[4] = member_link;
      if (!hc_csv_writer_write_row (writer, row, G_N_ELEMENTS (row), cancellable, error))
        return FALSE;
      g_array_append_val (exported, id);
    }
  if (!hc_csv_writer_flush (writer, cancellable, error))
    return FALSE;

  if (exported_ids != NULL)
    *exported_ids = g_steal_pointer (&exported);
  if (n_test_instance != NULL)
    *n_test_instance = n_test;
  return TRUE;
}
