/* hc-member-csv.c — members to and from CSV: export, column mapping, import preview, apply
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-member-csv"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-email.h"
#include "hc-error.h"
#include "hc-member-csv.h"

#define CUSTOM_PREFIX "custom."

/* Export */

static const char * const export_columns[] = {
  "email", "first_name", "last_name", "preferred_name", "title", "department", "team",
  "office", "manager", "employee_id", "start_date", "end_date", "state", "hr_status",
  "has_access",
};

/* The text fields export_columns[] holds as they are, by index. */
static const char * const plain_export_fields[] = {
  HC_MEMBER_FIELD_EMAIL, HC_MEMBER_FIELD_FIRST_NAME, HC_MEMBER_FIELD_LAST_NAME,
  HC_MEMBER_FIELD_PREFERRED_NAME, HC_MEMBER_FIELD_TITLE, HC_MEMBER_FIELD_DEPARTMENT,
  HC_MEMBER_FIELD_TEAM, HC_MEMBER_FIELD_OFFICE,
};

static char *
dup_custom_path (const char *name)
{
  if (g_str_has_prefix (name, CUSTOM_PREFIX))
    return g_strdup (name);

  return g_strconcat (CUSTOM_PREFIX, name, NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
is_exported (HcMember *member,
             int       state)
{
  return state < 0 || (int) hc_member_get_state (member) == state;
}

/* "Paris/Engineering; Teams/Blue": a member's list in one cell. */
static char *
join_cell (GHashTable *lists,
           gint64      member_id)
{
  GPtrArray *list = g_hash_table_lookup (lists, &member_id);
  g_autoptr (GString) cell = g_string_new (NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_string_append_printf (cell, "%s%s", i ? "; " : "", (const char *) g_ptr_array_index (list, i));
  return g_string_free (g_steal_pointer (&cell), FALSE);
}

gboolean
hc_member_csv_export (GOutputStream   *stream,
                      GPtrArray       *members,
                      int              state,
                      char             separator,
                      HcCsvWriterFlags flags,
                      guint           *n_exported,
                      GCancellable    *cancellable,
                      GError         **error)
{
  return hc_member_csv_export_full (stream, members, NULL, NULL, state, separator, flags, n_exported,
                                    cancellable, error);
}

gboolean
hc_member_csv_export_full (GOutputStream   *stream,
                           GPtrArray       *members,
                           GHashTable      *group_paths,
                           GHashTable      *role_names,
                           int              state,
                           char             separator,
                           HcCsvWriterFlags flags,
                           guint           *n_exported,
                           GCancellable    *cancellable,
                           GError         **error)
{
  return hc_member_csv_export_with_progress (stream, members, group_paths, role_names, state, separator,
                                             flags, n_exported, NULL, NULL, cancellable, error);
}

gboolean
hc_member_csv_export_with_progress (GOutputStream          *stream,
                                    GPtrArray              *members,
                                    GHashTable             *group_paths,
                                    GHashTable             *role_names,
                                    int                     state,
                                    char                    separator,
                                    HcCsvWriterFlags        flags,
                                    guint                  *n_exported,
                                    HcMemberCsvProgressFunc progress,
                                    gpointer                progress_data,
                                    GCancellable           *cancellable,
                                    GError                **error)
{
  g_autoptr (HcCsvWriter) writer = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) custom = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  guint count = 0;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (members != NULL, FALSE);
  g_return_val_if_fail (hc_csv_separator_is_valid (separator), FALSE);

  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);
      g_autoptr (GPtrArray) names = NULL;

      if (!is_exported (member, state))
        continue;

      /* Custom fields vary by member: one column for each seen anywhere. */
      names = hc_member_list_custom_fields (member);
      for (guint j = 0; j < names->len; j++)
        {
          char *path = dup_custom_path (g_ptr_array_index (names, j));

          if (g_hash_table_contains (seen, path))
            {
              g_free (path);
              continue;
            }
          g_hash_table_add (seen, path);
          g_ptr_array_add (custom, path);
        }
    }
  g_ptr_array_sort (custom, compare_strings);

  /* Managers by id, to name them. */
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);
      gint64 *key = g_new (gint64, 1);

      *key = hc_member_get_id (member);
      g_hash_table_insert (by_id, key, member);
    }

  writer = hc_csv_writer_new (stream, separator, flags);

  for (gsize c = 0; c < G_N_ELEMENTS (export_columns); c++)
    g_ptr_array_add (row, g_strdup (export_columns[c]));
  if (group_paths != NULL)
    g_ptr_array_add (row, g_strdup ("groups"));
  if (role_names != NULL)
    g_ptr_array_add (row, g_strdup ("roles"));
  for (guint c = 0; c < custom->len; c++)
    g_ptr_array_add (row, g_strdup (g_ptr_array_index (custom, c)));
  if (!hc_csv_writer_write_row (writer, (const char * const *) row->pdata, row->len, cancellable, error))
    return FALSE;

  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);
      gint64 manager_id = hc_member_get_manager_id (member);
      HcMember *manager = manager_id != 0 ? g_hash_table_lookup (by_id, &manager_id) : NULL;
      const char *manager_text = NULL;

      /* At every member: a cancelled export stops at once. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL && (i + 1) % 1000 == 0)
        progress (i + 1, members->len, 1, 1, progress_data);
      if (!is_exported (member, state))
        continue;

      if (manager != NULL)
        manager_text = hc_member_get_email (manager) != NULL ? hc_member_get_email (manager)
                                                            : hc_member_get_display_name (manager);
      else if (manager_id != 0)
        manager_text = hc_member_get_manager_name (member);

      g_ptr_array_set_size (row, 0);
      for (gsize c = 0; c < G_N_ELEMENTS (plain_export_fields); c++)
        g_ptr_array_add (row, g_strdup (hc_member_get_field (member, plain_export_fields[c])));
      g_ptr_array_add (row, g_strdup (manager_text));
      g_ptr_array_add (row, g_strdup (hc_member_get_external_id (member)));
      g_ptr_array_add (row, g_strdup (hc_member_get_field (member, HC_MEMBER_FIELD_START_DATE)));
      g_ptr_array_add (row, g_strdup (hc_member_get_field (member, HC_MEMBER_FIELD_END_DATE)));
      g_ptr_array_add (row, g_strdup (hc_member_state_to_string (hc_member_get_state (member))));
      g_ptr_array_add (row, g_strdup (hc_hr_status_to_string (hc_member_get_hr_status (member))));
      g_ptr_array_add (row, g_strdup (hc_member_get_has_access (member) ? "true" : "false"));
      if (group_paths != NULL)
        g_ptr_array_add (row, join_cell (group_paths, hc_member_get_id (member)));
      if (role_names != NULL)
        g_ptr_array_add (row, join_cell (role_names, hc_member_get_id (member)));
      for (guint c = 0; c < custom->len; c++)
        g_ptr_array_add (row, g_strdup (hc_member_get_field (member, g_ptr_array_index (custom, c))));

      if (!hc_csv_writer_write_row (writer, (const char * const *) row->pdata, row->len, cancellable, error))
        return FALSE;
      count++;
    }

  if (!hc_csv_writer_flush (writer, cancellable, error))
    return FALSE;

  if (n_exported != NULL)
    *n_exported = count;

  return TRUE;
}

/* Fields and guesses */

static const char * const import_fields[] = {
  HC_MEMBER_FIELD_EMAIL, HC_MEMBER_FIELD_FIRST_NAME, HC_MEMBER_FIELD_LAST_NAME,
  HC_MEMBER_FIELD_PREFERRED_NAME, HC_MEMBER_FIELD_TITLE, HC_MEMBER_FIELD_DEPARTMENT,
  HC_MEMBER_FIELD_TEAM, HC_MEMBER_FIELD_OFFICE, HC_MEMBER_FIELD_MANAGER,
  HC_MEMBER_FIELD_EMPLOYEE_ID, HC_MEMBER_FIELD_START_DATE, HC_MEMBER_FIELD_END_DATE,
  "state", "custom.NAME", NULL
};

#define FIELD_STATE "state"

const char *const *
hc_member_csv_list_fields (void)
{
  return import_fields;
}

gboolean
hc_member_csv_field_is_valid (const char *field)
{
  if (field == NULL)
    return FALSE;
  if (g_str_has_prefix (field, CUSTOM_PREFIX))
    return field[strlen (CUSTOM_PREFIX)] != '\0' && g_utf8_validate (field, -1, NULL);

  for (guint i = 0; import_fields[i] != NULL; i++)
    {
      if (g_str_equal (field, import_fields[i]))
        return TRUE;
    }

  return FALSE;
}

/* Headers as people write them, folded by fold_header (): lower case, no
 * accents, letters and digits only. */
static const struct
{
  const char *header;
  const char *field;
} guesses[] = {
  /* e-mail */
  { "email", HC_MEMBER_FIELD_EMAIL },
  { "mail", HC_MEMBER_FIELD_EMAIL },
  { "emailaddress", HC_MEMBER_FIELD_EMAIL },
  { "workemail", HC_MEMBER_FIELD_EMAIL },
  { "workemailaddress", HC_MEMBER_FIELD_EMAIL },
  { "businessemail", HC_MEMBER_FIELD_EMAIL },
  { "professionalemail", HC_MEMBER_FIELD_EMAIL },
  { "primaryemail", HC_MEMBER_FIELD_EMAIL },
  { "courriel", HC_MEMBER_FIELD_EMAIL },
  { "adressemail", HC_MEMBER_FIELD_EMAIL },
  { "adresseemail", HC_MEMBER_FIELD_EMAIL },
  { "adressecourriel", HC_MEMBER_FIELD_EMAIL },
  { "adresseelectronique", HC_MEMBER_FIELD_EMAIL },
  { "emailprofessionnel", HC_MEMBER_FIELD_EMAIL },
  { "mailprofessionnel", HC_MEMBER_FIELD_EMAIL },
  { "courrielprofessionnel", HC_MEMBER_FIELD_EMAIL },
  { "adresseemailprofessionnelle", HC_MEMBER_FIELD_EMAIL },
  { "adressemailprofessionnelle", HC_MEMBER_FIELD_EMAIL },
  { "emailpro", HC_MEMBER_FIELD_EMAIL },
  /* first name */
  { "firstname", HC_MEMBER_FIELD_FIRST_NAME },
  { "first", HC_MEMBER_FIELD_FIRST_NAME },
  { "givenname", HC_MEMBER_FIELD_FIRST_NAME },
  { "forename", HC_MEMBER_FIELD_FIRST_NAME },
  { "prenom", HC_MEMBER_FIELD_FIRST_NAME },
  /* last name */
  { "lastname", HC_MEMBER_FIELD_LAST_NAME },
  { "last", HC_MEMBER_FIELD_LAST_NAME },
  { "surname", HC_MEMBER_FIELD_LAST_NAME },
  { "familyname", HC_MEMBER_FIELD_LAST_NAME },
  { "nom", HC_MEMBER_FIELD_LAST_NAME },
  { "nomdefamille", HC_MEMBER_FIELD_LAST_NAME },
  /* preferred name */
  { "preferredname", HC_MEMBER_FIELD_PREFERRED_NAME },
  { "preferredfirstname", HC_MEMBER_FIELD_PREFERRED_NAME },
  { "nickname", HC_MEMBER_FIELD_PREFERRED_NAME },
  { "prenomusuel", HC_MEMBER_FIELD_PREFERRED_NAME },
  { "prenomdusage", HC_MEMBER_FIELD_PREFERRED_NAME },
  /* title */
  { "title", HC_MEMBER_FIELD_TITLE },
  { "jobtitle", HC_MEMBER_FIELD_TITLE },
  { "position", HC_MEMBER_FIELD_TITLE },
  { "role", HC_MEMBER_FIELD_TITLE },
  { "job", HC_MEMBER_FIELD_TITLE },
  { "poste", HC_MEMBER_FIELD_TITLE },
  { "fonction", HC_MEMBER_FIELD_TITLE },
  { "titre", HC_MEMBER_FIELD_TITLE },
  { "intituledeposte", HC_MEMBER_FIELD_TITLE },
  { "intituleduposte", HC_MEMBER_FIELD_TITLE },
  /* department */
  { "department", HC_MEMBER_FIELD_DEPARTMENT },
  { "dept", HC_MEMBER_FIELD_DEPARTMENT },
  { "division", HC_MEMBER_FIELD_DEPARTMENT },
  { "departement", HC_MEMBER_FIELD_DEPARTMENT },
  { "service", HC_MEMBER_FIELD_DEPARTMENT },
  /* team, office */
  { "team", HC_MEMBER_FIELD_TEAM },
  { "equipe", HC_MEMBER_FIELD_TEAM },
  { "office", HC_MEMBER_FIELD_OFFICE },
  { "location", HC_MEMBER_FIELD_OFFICE },
  { "site", HC_MEMBER_FIELD_OFFICE },
  { "workplace", HC_MEMBER_FIELD_OFFICE },
  { "bureau", HC_MEMBER_FIELD_OFFICE },
  { "etablissement", HC_MEMBER_FIELD_OFFICE },
  { "lieudetravail", HC_MEMBER_FIELD_OFFICE },
  /* manager */
  { "manager", HC_MEMBER_FIELD_MANAGER },
  { "manageremail", HC_MEMBER_FIELD_MANAGER },
  { "managermail", HC_MEMBER_FIELD_MANAGER },
  { "manageremailaddress", HC_MEMBER_FIELD_MANAGER },
  { "managername", HC_MEMBER_FIELD_MANAGER },
  { "reportsto", HC_MEMBER_FIELD_MANAGER },
  { "supervisor", HC_MEMBER_FIELD_MANAGER },
  { "emailmanager", HC_MEMBER_FIELD_MANAGER },
  { "emaildumanager", HC_MEMBER_FIELD_MANAGER },
  { "responsable", HC_MEMBER_FIELD_MANAGER },
  { "responsablehierarchique", HC_MEMBER_FIELD_MANAGER },
  { "superieurhierarchique", HC_MEMBER_FIELD_MANAGER },
  { "n1", HC_MEMBER_FIELD_MANAGER },
  /* employee id */
  { "employeeid", HC_MEMBER_FIELD_EMPLOYEE_ID },
  { "employeenumber", HC_MEMBER_FIELD_EMPLOYEE_ID },
  { "employeeno", HC_MEMBER_FIELD_EMPLOYEE_ID },
  { "externalid", HC_MEMBER_FIELD_EMPLOYEE_ID },
  { "hrid", HC_MEMBER_FIELD_EMPLOYEE_ID },
  { "staffid", HC_MEMBER_FIELD_EMPLOYEE_ID },
  { "personnelnumber", HC_MEMBER_FIELD_EMPLOYEE_ID },
  { "matricule", HC_MEMBER_FIELD_EMPLOYEE_ID },
  { "idemploye", HC_MEMBER_FIELD_EMPLOYEE_ID },
  { "idsalarie", HC_MEMBER_FIELD_EMPLOYEE_ID },
  /* dates */
  { "startdate", HC_MEMBER_FIELD_START_DATE },
  { "hiredate", HC_MEMBER_FIELD_START_DATE },
  { "hiringdate", HC_MEMBER_FIELD_START_DATE },
  { "datedentree", HC_MEMBER_FIELD_START_DATE },
  { "datedarrivee", HC_MEMBER_FIELD_START_DATE },
  { "datedembauche", HC_MEMBER_FIELD_START_DATE },
  { "datededebut", HC_MEMBER_FIELD_START_DATE },
  { "enddate", HC_MEMBER_FIELD_END_DATE },
  { "terminationdate", HC_MEMBER_FIELD_END_DATE },
  { "leavingdate", HC_MEMBER_FIELD_END_DATE },
  { "datedesortie", HC_MEMBER_FIELD_END_DATE },
  { "datededepart", HC_MEMBER_FIELD_END_DATE },
  { "datedefin", HC_MEMBER_FIELD_END_DATE },
  /* state ("status" is often the HR status, which is no member state) */
  { "state", FIELD_STATE },
  { "etat", FIELD_STATE },
};

/* "Adresse e-mail" → "adresseemail". (transfer full) */
static char *
fold_header (const char *text)
{
  g_autofree char *folded = hc_member_fold_search_text (text);
  GString *key = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, *p);
    }

  return g_string_free (key, FALSE);
}

char *
hc_member_csv_guess_field (const char *column_name)
{
  g_autofree char *stripped = NULL;
  g_autofree char *key = NULL;

  if (column_name == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (column_name));
  if (g_str_has_prefix (stripped, CUSTOM_PREFIX) && hc_member_csv_field_is_valid (stripped))
    return g_steal_pointer (&stripped);

  key = fold_header (stripped);
  for (gsize i = 0; i < G_N_ELEMENTS (guesses); i++)
    {
      if (g_str_equal (key, guesses[i].header))
        return g_strdup (guesses[i].field);
    }

  return NULL;
}

const char *
hc_member_csv_reason_to_string (HcMemberCsvReason reason)
{
  switch (reason)
    {
    case HC_MEMBER_CSV_OK:
      return "ok";
    case HC_MEMBER_CSV_MALFORMED:
      return "malformed";
    case HC_MEMBER_CSV_NO_IDENTITY:
      return "no_identity";
    case HC_MEMBER_CSV_INVALID_EMAIL:
      return "invalid_email";
    case HC_MEMBER_CSV_INVALID_VALUE:
      return "invalid_value";
    case HC_MEMBER_CSV_DUPLICATE:
      return "duplicate";
    case HC_MEMBER_CSV_EXISTS:
      return "exists";
    default:
      return NULL;
    }
}

/* The import */

struct _HcMemberCsvImport
{
  GObject       parent_instance;

  char          separator;
  gboolean      bom;
  GPtrArray    *columns;   /* char*: the header */
  GPtrArray    *fields;    /* char* or NULL, one per column */
  guint         n_records; /* after the header, empty ones left out */
  /* The file, read again by each pass: records are never all held
   * (rules.md 35). */
  GInputStream *stream;
  GSeekable    *seekable;
  goffset       start;
  GIOStream    *spool;     /* the copy of a stream that cannot seek, or NULL */
};

G_DEFINE_FINAL_TYPE (HcMemberCsvImport, hc_member_csv_import, G_TYPE_OBJECT)

static void
hc_member_csv_import_finalize (GObject *object)
{
  HcMemberCsvImport *self = HC_MEMBER_CSV_IMPORT (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->stream);
  g_clear_object (&self->spool);

  G_OBJECT_CLASS (hc_member_csv_import_parent_class)->finalize (object);
}

static void
hc_member_csv_import_class_init (HcMemberCsvImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_member_csv_import_finalize;
}

static void
hc_member_csv_import_init (HcMemberCsvImport *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->fields = g_ptr_array_new_with_free_func (g_free);
}

/* Spreadsheets leave lines of empty cells (",,,") after the data. */
static gboolean
record_is_blank (const HcCsvRecord *record)
{
  for (guint i = 0; i < record->n_fields; i++)
    {
      for (const char *p = record->fields[i]; *p != '\0'; p++)
        {
          if (!g_ascii_isspace (*p))
            return FALSE;
        }
    }

  return TRUE;
}

/* The next record that is not blank, or NULL at the end or on an error. */
static HcCsvRecord *
next_record (HcCsvReader  *reader,
             GCancellable *cancellable,
             GError      **error)
{
  HcCsvRecord *record;

  /* At every line: a cancelled preview stops at once. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  while ((record = hc_csv_reader_next (reader, cancellable, error)) != NULL && record_is_blank (record))
    hc_csv_record_free (record);

  return record;
}

/* Keeps a way back to the start of @stream: the stream itself when it can
 * seek (a file), else a copy in a temporary file, deleted at once. */
static gboolean
hold_stream (HcMemberCsvImport *self,
             GInputStream      *stream,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr (GFileIOStream) spool = NULL;
  g_autoptr (GFile) file = NULL;
  GOutputStream *output;

  if (G_IS_SEEKABLE (stream) && g_seekable_can_seek (G_SEEKABLE (stream)))
    {
      self->stream = g_object_ref (stream);
      self->seekable = G_SEEKABLE (stream);
      self->start = g_seekable_tell (self->seekable);
      return TRUE;
    }

  file = g_file_new_tmp ("headcount-import-XXXXXX.csv", &spool, error);
  if (file == NULL)
    return FALSE;
  /* The open stream keeps it: nothing is left behind, whatever happens. */
  g_file_delete (file, NULL, NULL);
  output = g_io_stream_get_output_stream (G_IO_STREAM (spool));
  if (g_output_stream_splice (output, stream, G_OUTPUT_STREAM_SPLICE_NONE, cancellable, error) < 0 ||
      !g_output_stream_flush (output, cancellable, error))
    return FALSE;

  self->spool = G_IO_STREAM (g_steal_pointer (&spool));
  self->stream = g_object_ref (g_io_stream_get_input_stream (self->spool));
  self->seekable = G_SEEKABLE (self->spool);
  self->start = 0;

  return g_seekable_seek (self->seekable, 0, G_SEEK_SET, cancellable, error);
}

/* A reader at the first record after the header, for one more pass. */
static HcCsvReader *
open_pass (HcMemberCsvImport *self,
           GError           **error)
{
  g_autoptr (HcCsvReader) reader = NULL;
  g_autoptr (HcCsvRecord) header = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!g_seekable_seek (self->seekable, self->start, G_SEEK_SET, NULL, error))
    return NULL;
  reader = hc_csv_reader_new (self->stream, self->separator);
  header = hc_csv_reader_next (reader, NULL, &local_error);
  if (header == NULL || header->n_fields != self->columns->len)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("The file changed while it was imported: open it again"));
      return NULL;
    }

  return g_steal_pointer (&reader);
}

HcMemberCsvImport *
hc_member_csv_import_new_from_stream (GInputStream *stream,
                                      char          separator,
                                      GCancellable *cancellable,
                                      GError      **error)
{
  g_autoptr (HcMemberCsvImport) self = NULL;
  g_autoptr (HcCsvReader) reader = NULL;
  g_autoptr (HcCsvRecord) header = NULL;
  g_autoptr (GError) local_error = NULL;
  HcCsvRecord *record;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (separator == 0 || hc_csv_separator_is_valid (separator), NULL);

  self = g_object_new (HC_TYPE_MEMBER_CSV_IMPORT, NULL);
  if (!hold_stream (self, stream, cancellable, error))
    return NULL;
  reader = hc_csv_reader_new (self->stream, separator);

  header = hc_csv_reader_next (reader, cancellable, &local_error);
  if (header == NULL && local_error == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("The file is empty: its first line should name the columns, such as “E-mail,First name,Last name”"));
      return NULL;
    }
  if (header == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (header->error != NULL)
    {
      g_set_error_literal (error, HC_ERROR, HC_ERROR_PARSE, header->error->message);
      return NULL;
    }

  for (guint c = 0; c < header->n_fields; c++)
    {
      g_autofree char *field = hc_member_csv_guess_field (header->fields[c]);

      g_ptr_array_add (self->columns, g_strdup (header->fields[c]));
      /* A field goes to the first column that looks like it. */
      for (guint d = 0; field != NULL && d < self->fields->len; d++)
        {
          if (g_strcmp0 (g_ptr_array_index (self->fields, d), field) == 0)
            g_clear_pointer (&field, g_free);
        }
      g_ptr_array_add (self->fields, g_steal_pointer (&field));
    }

  /* This pass only counts, and finds the errors that stop an import. */
  while ((record = next_record (reader, cancellable, &local_error)) != NULL)
    {
      self->n_records++;
      hc_csv_record_free (record);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self->separator = hc_csv_reader_get_separator (reader);
  self->bom = hc_csv_reader_had_bom (reader);

  return g_steal_pointer (&self);
}

char
hc_member_csv_import_get_separator (HcMemberCsvImport *self)
{
  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (self), ',');
  return self->separator;
}

gboolean
hc_member_csv_import_had_bom (HcMemberCsvImport *self)
{
  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (self), FALSE);
  return self->bom;
}

guint
hc_member_csv_import_get_n_records (HcMemberCsvImport *self)
{
  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (self), 0);
  return self->n_records;
}

guint
hc_member_csv_import_get_n_columns (HcMemberCsvImport *self)
{
  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (self), 0);
  return self->columns->len;
}

const char *
hc_member_csv_import_get_column_name (HcMemberCsvImport *self,
                                      guint              column)
{
  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_ptr_array_index (self->columns, column);
}

const char *
hc_member_csv_import_get_column_field (HcMemberCsvImport *self,
                                       guint              column)
{
  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->fields->len, NULL);
  return g_ptr_array_index (self->fields, column);
}

int
hc_member_csv_import_find_column (HcMemberCsvImport *self,
                                  const char        *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint c = 0; c < self->columns->len; c++)
    {
      if (g_str_equal (g_ptr_array_index (self->columns, c), name))
        return (int) c;
    }

  key = hc_member_fold_search_text (name);
  for (guint c = 0; c < self->columns->len; c++)
    {
      g_autofree char *column = hc_member_fold_search_text (g_ptr_array_index (self->columns, c));

      if (g_str_equal (g_strstrip (column), g_strstrip (key)))
        return (int) c;
    }

  /* "E-mail" for "Email": letters and digits only. */
  g_clear_pointer (&key, g_free);
  key = fold_header (name);
  for (guint c = 0; *key != '\0' && c < self->columns->len; c++)
    {
      g_autofree char *column = fold_header (g_ptr_array_index (self->columns, c));

      if (g_str_equal (column, key))
        return (int) c;
    }

  return -1;
}

gboolean
hc_member_csv_import_set_column_field (HcMemberCsvImport *self,
                                       guint              column,
                                       const char        *field,
                                       GError           **error)
{
  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (column < self->fields->len, FALSE);

  if (field != NULL && *field == '\0')
    field = NULL;

  if (field != NULL && !hc_member_csv_field_is_valid (field))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   /* Translators: the field names are not translated */
                   _("“%s” is not a member field: use email, first_name, last_name, preferred_name, "
                     "title, department, team, office, manager, employee_id, start_date, end_date, "
                     "state or custom.NAME"),
                   field);
      return FALSE;
    }

  for (guint c = 0; field != NULL && c < self->fields->len; c++)
    {
      if (c != column && g_strcmp0 (g_ptr_array_index (self->fields, c), field) == 0)
        g_clear_pointer (&g_ptr_array_index (self->fields, c), g_free);
    }

  g_free (g_ptr_array_index (self->fields, column));
  g_ptr_array_index (self->fields, column) = g_strdup (field);

  return TRUE;
}

/* The preview */

/* A row and what only the preview needs. */
typedef struct
{
  HcMemberCsvRow row;
  guint          index;            /* among the records that are not blank, from 0 */
  char          *manager_value;    /* the manager column, as written */
  char          *value_problem;    /* a state or date that is none, rejected after the e-mail */
  HcMember      *existing;         /* HC_MEMBER_CSV_EXISTS: the member it matches */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->row.message);
  g_free (row->row.warning);
  g_clear_object (&row->row.member);
  g_clear_object (&row->row.manager);
  g_free (row->manager_value);
  g_free (row->value_problem);
  g_clear_object (&row->existing);
  g_free (row);
}

void
hc_member_csv_preview_free (HcMemberCsvPreview *preview)
{
  if (preview == NULL)
    return;

  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_clear_pointer (&preview->existing, g_ptr_array_unref);
  g_clear_object (&preview->import);
  g_clear_pointer (&preview->fields, g_ptr_array_unref);
  g_clear_pointer (&preview->reasons, g_byte_array_unref);
  g_clear_pointer (&preview->targets, g_array_unref);
  g_clear_pointer (&preview->shown, g_hash_table_unref);
  g_free (preview);
}

/* One rule for an e-mail's syntax, the form's and the import's. */
#define email_is_valid hc_member_email_is_valid

static gboolean
parse_state (const char    *value,
             HcMemberState *state)
{
  g_autofree char *key = fold_header (value);

  if (g_str_equal (key, "active") || g_str_equal (key, "actif"))
    *state = HC_MEMBER_STATE_ACTIVE;
  else if (g_str_equal (key, "invited") || g_str_equal (key, "invite") || g_str_equal (key, "invitee"))
    *state = HC_MEMBER_STATE_INVITED;
  else if (g_str_equal (key, "archived") || g_str_equal (key, "archive") || g_str_equal (key, "archivee"))
    *state = HC_MEMBER_STATE_ARCHIVED;
  else
    return FALSE;

  return TRUE;
}

/* One rule for a date, the form's and the import's. */
#define date_is_valid hc_member_date_is_valid

static void
reject (Row              *row,
        HcMemberCsvReason reason,
        char             *message)
{
  if (row->row.reason != HC_MEMBER_CSV_OK)
    {
      g_free (message);
      return;
    }

  row->row.reason = reason;
  row->row.message = message;
}

/* Fills the member from the record; notes a value that is none. */
static void
read_record (GPtrArray         *fields,
             GPtrArray         *columns,
             const HcCsvRecord *record,
             Row               *row)
{
  HcMember *member = row->row.member;

  hc_member_begin_bulk (member);

  for (guint c = 0; c < fields->len && c < record->n_fields; c++)
    {
      const char *field = g_ptr_array_index (fields, c);
      g_autofree char *value = NULL;

      if (field == NULL)
        continue;
      /* The quote the export puts before a formula-like value (rules.md 34). */
      value = g_strstrip (g_strdup (hc_csv_unguard_value (record->fields[c])));
      if (*value == '\0')
        continue;

      if (g_str_equal (field, FIELD_STATE))
        {
          HcMemberState state;

          if (parse_state (value, &state))
            hc_member_set_state (member, state);
          else if (row->value_problem == NULL)
            row->value_problem = g_strdup_printf (_("Line %u: “%s” is not a state: use active, invited or archived"),
                                                  record->line, value);
        }
      else if (g_str_equal (field, HC_MEMBER_FIELD_MANAGER))
        {
          g_free (row->manager_value);
          row->manager_value = g_steal_pointer (&value);
        }
      else if (g_str_equal (field, HC_MEMBER_FIELD_EMPLOYEE_ID))
        {
          hc_member_set_external_id (member, value);
        }
      else
        {
          if ((g_str_equal (field, HC_MEMBER_FIELD_START_DATE) ||
               g_str_equal (field, HC_MEMBER_FIELD_END_DATE)) && !date_is_valid (value) &&
              row->value_problem == NULL)
            row->value_problem =
              /* Translators: the line, the column's name, its value */
              g_strdup_printf (_("Line %u: “%s” holds “%s”, which is not a date written YYYY-MM-DD"),
                               record->line, (const char *) g_ptr_array_index (columns, c), value);
          hc_member_set_field (member, field, value);
        }
    }

  hc_member_end_bulk (member);
}

static gboolean
has_name (HcMember *member)
{
  return hc_member_get_first_name (member) != NULL ||
         hc_member_get_last_name (member) != NULL ||
         hc_member_get_field (member, HC_MEMBER_FIELD_PREFERRED_NAME) != NULL;
}

/* The names a member can be designated by as a manager, folded: the
 * display name and "first last". (transfer full) */
static GPtrArray *
dup_name_keys (HcMember *member)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  const char *first = hc_member_get_first_name (member);
  const char *last = hc_member_get_last_name (member);

  if (has_name (member))
    g_ptr_array_add (keys, hc_member_fold_search_text (hc_member_get_display_name (member)));
  if (first != NULL && last != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s %s", first, last);
      char *key = hc_member_fold_search_text (full);

      if (g_strcmp0 (key, keys->len > 0 ? g_ptr_array_index (keys, 0) : NULL) != 0)
        g_ptr_array_add (keys, key);
      else
        g_free (key);
    }

  return keys;
}

/* key → GPtrArray of gpointer */
static void
multi_index_add (GHashTable *index,
                 const char *key,
                 gpointer    value)
{
  GPtrArray *values = g_hash_table_lookup (index, key);

  if (values == NULL)
    {
      values = g_ptr_array_new ();
      g_hash_table_insert (index, g_strdup (key), values);
    }
  g_ptr_array_add (values, value);
}

/* The e-mail index: an e-mail's key → the first line with it, and whether
 * that line is a new member, in one pointer. */
#define EMAIL_ENTRY(line, ok) GUINT_TO_POINTER (((line) << 1) | ((ok) ? 1 : 0))
#define EMAIL_LINE(entry)     (GPOINTER_TO_UINT (entry) >> 1)
#define EMAIL_OK(entry)       ((GPOINTER_TO_UINT (entry) & 1) != 0)

/* The name index: what the lines with a name make of it as a manager. */
typedef struct
{
  guint     ok_line;            /* the first line with it that is a new member, or 0 */
  gboolean  several_ok;         /* and another one */
  HcMember *exists[2];          /* distinct members matched by lines with it (borrowed) */
  guint     not_imported_line;  /* the first rejected line with it, or 0 */
} NameEntry;

static void
name_index_add (GHashTable *names,
                const char *key,
                const Row  *row)
{
  NameEntry *entry = g_hash_table_lookup (names, key);

  if (entry == NULL)
    {
      entry = g_new0 (NameEntry, 1);
      g_hash_table_insert (names, g_strdup (key), entry);
    }

  if (row->row.reason == HC_MEMBER_CSV_OK)
    {
      if (entry->ok_line == 0)
        entry->ok_line = row->row.line;
      else
        entry->several_ok = TRUE;
    }
  else if (row->row.reason == HC_MEMBER_CSV_EXISTS)
    {
      if (entry->exists[0] == NULL || entry->exists[0] == row->existing)
        entry->exists[0] = row->existing;
      else
        entry->exists[1] = row->existing;
    }
  else if (entry->not_imported_line == 0)
    {
      entry->not_imported_line = row->row.line;
    }
}

typedef struct
{
  GHashTable *existing_by_email;   /* key → HcMember */
  GHashTable *existing_by_name;    /* key → GPtrArray of HcMember */
  GHashTable *emails;              /* key → EMAIL_ENTRY */
  GHashTable *names;               /* key → NameEntry */
} ManagerIndex;

/* A manager target: > 0 an existing member's id, < 0 minus the line of a
 * new member, 0 none. */
#define TARGET_LINE(line) (-(gint64) (line))

/* The member a line's manager column designates, as a target; sets the
 * row's warning when there is none. */
static gint64
resolve_manager (ManagerIndex *index,
                 Row          *row)
{
  const char *value = row->manager_value;
  HcMember *existing_targets[2] = { NULL, NULL };
  guint n_existing = 0;
  guint ok_line = 0;
  guint n_targets;
  guint not_imported_line = 0;

  if (strchr (value, '@') != NULL)
    {
      g_autofree char *key = hc_email_normalize (value);
      gpointer entry = key != NULL ? g_hash_table_lookup (index->emails, key) : NULL;
      HcMember *existing = key != NULL ? g_hash_table_lookup (index->existing_by_email, key) : NULL;

      if (entry != NULL && EMAIL_OK (entry))
        ok_line = EMAIL_LINE (entry);
      else if (existing != NULL)
        existing_targets[n_existing++] = existing;
      else if (entry != NULL)
        not_imported_line = EMAIL_LINE (entry);
      n_targets = (ok_line != 0 ? 1 : 0) + n_existing;
    }
  else
    {
      g_autofree char *key = hc_member_fold_search_text (value);
      NameEntry *entry = g_hash_table_lookup (index->names, key);
      GPtrArray *existing = g_hash_table_lookup (index->existing_by_name, key);

      if (entry != NULL)
        {
          ok_line = entry->ok_line;
          not_imported_line = entry->not_imported_line;
          for (guint i = 0; i < G_N_ELEMENTS (entry->exists) && entry->exists[i] != NULL; i++)
            existing_targets[n_existing++] = entry->exists[i];
        }
      /* Distinct members only; two are enough to know there are several. */
      for (guint i = 0; existing != NULL && i < existing->len && n_existing < 2; i++)
        {
          HcMember *member = g_ptr_array_index (existing, i);

          if (n_existing == 0 || existing_targets[0] != member)
            existing_targets[n_existing++] = member;
        }
      n_targets = (ok_line != 0 ? 1 : 0) + (entry != NULL && entry->several_ok ? 1 : 0) + n_existing;
    }

  if (n_targets > 1)
    {
      row->row.warning = g_strdup_printf (_("Line %u: several members are named “%s”, so no manager is set"),
                                          row->row.line, value);
      return 0;
    }
  if (n_targets == 0)
    {
      if (not_imported_line != 0)
        row->row.warning = g_strdup_printf (_("Line %u: the manager “%s” is on line %u, which is not imported"),
                                            row->row.line, value, not_imported_line);
      else
        row->row.warning = g_strdup_printf (_("Line %u: no member is “%s”, so no manager is set"),
                                            row->row.line, value);
      return 0;
    }
  if (ok_line == row->row.line)
    {
      row->row.warning = g_strdup_printf (_("Line %u: a member cannot be their own manager"),
                                          row->row.line);
      return 0;
    }

  return ok_line != 0 ? TARGET_LINE (ok_line) : hc_member_get_id (existing_targets[0]);
}

static void
check_identity (Row        *row,
                GHashTable *existing_by_email,
                GHashTable *existing_by_external,
                GHashTable *first_email_line,
                GHashTable *first_external_line)
{
  HcMember *member = row->row.member;
  const char *email = hc_member_get_email (member);
  const char *external = hc_member_get_external_id (member);
  g_autofree char *key = hc_email_normalize (email);
  guint line = row->row.line;

  if (email == NULL && !has_name (member))
    reject (row, HC_MEMBER_CSV_NO_IDENTITY,
            g_strdup_printf (_("Line %u: neither an e-mail nor a name"), line));
  if (email != NULL && !email_is_valid (email))
    reject (row, HC_MEMBER_CSV_INVALID_EMAIL,
            g_strdup_printf (_("Line %u: “%s” is not an e-mail address"), line, email));
  if (row->value_problem != NULL)
    reject (row, HC_MEMBER_CSV_INVALID_VALUE, g_steal_pointer (&row->value_problem));

  if (key != NULL && email_is_valid (email) && g_hash_table_contains (existing_by_email, key))
    {
      HcMember *existing = g_hash_table_lookup (existing_by_email, key);

      if (row->row.reason == HC_MEMBER_CSV_OK)
        {
          row->row.existing_id = hc_member_get_id (existing);
          g_set_object (&row->existing, existing);
        }
      reject (row, HC_MEMBER_CSV_EXISTS,
              /* Translators: the line, an e-mail, a name */
              g_strdup_printf (_("Line %u: %s is already a member (%s)"),
                               line, email, hc_member_get_display_name (existing)));
    }
  if (external != NULL && g_hash_table_contains (existing_by_external, external))
    {
      HcMember *existing = g_hash_table_lookup (existing_by_external, external);

      if (row->row.reason == HC_MEMBER_CSV_OK)
        {
          row->row.existing_id = hc_member_get_id (existing);
          g_set_object (&row->existing, existing);
        }
      reject (row, HC_MEMBER_CSV_EXISTS,
              /* Translators: the line, an HR employee id, a name */
              g_strdup_printf (_("Line %u: employee id “%s” is already a member’s (%s)"),
                               line, external, hc_member_get_display_name (existing)));
    }

  if (key != NULL)
    {
      guint first = EMAIL_LINE (g_hash_table_lookup (first_email_line, key));

      if (first != 0)
        {
          if (row->row.reason == HC_MEMBER_CSV_OK)
            row->row.duplicate_of = first;
          reject (row, HC_MEMBER_CSV_DUPLICATE,
                  g_strdup_printf (_("Line %u: the e-mail %s is on line %u already"), line, email, first));
        }
      else
        {
          g_hash_table_insert (first_email_line, g_steal_pointer (&key), EMAIL_ENTRY (line, FALSE));
        }
    }
  if (external != NULL)
    {
      guint first = GPOINTER_TO_UINT (g_hash_table_lookup (first_external_line, external));

      if (first != 0)
        {
          if (row->row.reason == HC_MEMBER_CSV_OK)
            row->row.duplicate_of = first;
          reject (row, HC_MEMBER_CSV_DUPLICATE,
                  g_strdup_printf (_("Line %u: the employee id “%s” is on line %u already"),
                                   line, external, first));
        }
      else
        {
          g_hash_table_insert (first_external_line, g_strdup (external), GUINT_TO_POINTER (line));
        }
    }
}

static gboolean
maps_identity (GPtrArray *fields)
{
  for (guint c = 0; c < fields->len; c++)
    {
      const char *field = g_ptr_array_index (fields, c);

      if (g_strcmp0 (field, HC_MEMBER_FIELD_EMAIL) == 0 ||
          g_strcmp0 (field, HC_MEMBER_FIELD_FIRST_NAME) == 0 ||
          g_strcmp0 (field, HC_MEMBER_FIELD_LAST_NAME) == 0 ||
          g_strcmp0 (field, HC_MEMBER_FIELD_PREFERRED_NAME) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A row of the file: the member it holds, a problem that makes it malformed. */
static Row *
new_row (HcMemberCsvPreview *preview,
         const HcCsvRecord  *record,
         guint               index)
{
  Row *row = g_new0 (Row, 1);

  row->index = index;
  row->row.line = record->line;
  row->row.member = hc_member_new ();
  if (record->error != NULL)
    reject (row, HC_MEMBER_CSV_MALFORMED, g_strdup (record->error->message));
  read_record (preview->fields, preview->import->columns, record, row);

  return row;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *row_a = *(const Row * const *) a;
  const Row *row_b = *(const Row * const *) b;

  return row_a->index < row_b->index ? -1 : row_a->index > row_b->index;
}

/* The member a kept row's manager target is, for the preview to show. */
static HcMember *
lookup_target (HcMemberCsvPreview *preview,
               GHashTable         *existing_by_id,
               gint64              target)
{
  if (target > 0)
    return g_hash_table_lookup (existing_by_id, &target);

  return g_hash_table_lookup (preview->shown, GUINT_TO_POINTER ((guint) - target));
}

HcMemberCsvPreview *
hc_member_csv_import_preview (HcMemberCsvImport *self,
                              GPtrArray         *existing,
                              GError           **error)
{
  return hc_member_csv_import_preview_full (self, existing, NULL, NULL, NULL, error);
}

/* Progress is told every this many lines. */
#define PROGRESS_LINES 1000

static void
tell_progress (HcMemberCsvProgressFunc progress,
               gpointer                progress_data,
               guint                   line,
               guint                   n_lines,
               guint                   pass,
               guint                   n_passes)
{
  if (progress != NULL && (line % PROGRESS_LINES == 0 || line == n_lines))
    progress (line, n_lines, pass, n_passes, progress_data);
}

HcMemberCsvPreview *
hc_member_csv_import_preview_full (HcMemberCsvImport      *self,
                                   GPtrArray              *existing,
                                   GCancellable           *cancellable,
                                   HcMemberCsvProgressFunc progress,
                                   gpointer                progress_data,
                                   GError                **error)
{
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GHashTable) existing_by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) existing_by_external = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) existing_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                   (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GHashTable) existing_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) first_external_line = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) needed = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) warned = g_ptr_array_new_with_free_func (row_free);
  g_autoptr (HcCsvReader) reader = NULL;
  g_autoptr (GError) local_error = NULL;
  ManagerIndex index = { existing_by_email, existing_by_name, emails, names };
  gboolean maps_manager = FALSE;
  guint n_ok_kept = 0, n_rejected_kept = 0, n_warned_kept = 0;
  HcCsvRecord *record;
  guint i;

  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (self), NULL);

  if (!maps_identity (self->fields))
    {
      g_autoptr (GString) list = g_string_new (NULL);

      for (guint c = 0; c < self->columns->len; c++)
        g_string_append_printf (list, "%s“%s”", c > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (self->columns, c));
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s lists the columns of the file */
                   _("No column is taken as the e-mail or a name of the members; the columns are %s"),
                   list->str);
      return NULL;
    }

  preview = g_new0 (HcMemberCsvPreview, 1);
  preview->rows = g_ptr_array_new_with_free_func (row_free);
  preview->existing = existing != NULL ? g_ptr_array_ref (existing) : g_ptr_array_new ();
  preview->import = g_object_ref (self);
  /* The mapping as it is now: the apply reads the file again with it. */
  preview->fields = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < self->fields->len; c++)
    {
      const char *field = g_ptr_array_index (self->fields, c);

      g_ptr_array_add (preview->fields, g_strdup (field));
      if (g_strcmp0 (field, HC_MEMBER_FIELD_MANAGER) == 0)
        maps_manager = TRUE;
    }
  preview->reasons = g_byte_array_sized_new (self->n_records);
  preview->shown = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  for (guint m = 0; m < preview->existing->len; m++)
    {
      HcMember *member = g_ptr_array_index (preview->existing, m);
      char *key = hc_email_normalize (hc_member_get_email (member));
      const char *external = hc_member_get_external_id (member);
      g_autoptr (GPtrArray) keys = dup_name_keys (member);
      gint64 *id = g_new (gint64, 1);

      if (key != NULL && !g_hash_table_contains (existing_by_email, key))
        g_hash_table_insert (existing_by_email, key, member);
      else
        g_free (key);
      if (external != NULL && !g_hash_table_contains (existing_by_external, external))
        g_hash_table_insert (existing_by_external, (gpointer) external, member);
      for (guint j = 0; j < keys->len; j++)
        multi_index_add (existing_by_name, g_ptr_array_index (keys, j), member);
      *id = hc_member_get_id (member);
      g_hash_table_insert (existing_by_id, id, member);
    }

  /* Pass 1: each line checked against the lines before it and the
   * directory; only counts, indexes and the first lines of each kind are
   * kept (rules.md 35). */
  reader = open_pass (self, error);
  if (reader == NULL)
    return NULL;
  for (i = 0; (record = next_record (reader, cancellable, &local_error)) != NULL; i++)
    {
      Row *row = new_row (preview, record, i);
      g_autoptr (GPtrArray) keys = NULL;
      g_autofree char *key = NULL;
      guint8 reason;

      hc_csv_record_free (record);
      tell_progress (progress, progress_data, i + 1, self->n_records, 1, maps_manager ? 2 : 1);
      check_identity (row, existing_by_email, existing_by_external, emails, first_external_line);
      key = hc_email_normalize (hc_member_get_email (row->row.member));
      if (key != NULL && row->row.reason == HC_MEMBER_CSV_OK &&
          EMAIL_LINE (g_hash_table_lookup (emails, key)) == row->row.line)
        g_hash_table_insert (emails, g_steal_pointer (&key), EMAIL_ENTRY (row->row.line, TRUE));
      keys = dup_name_keys (row->row.member);
      for (guint j = 0; j < keys->len; j++)
        name_index_add (names, g_ptr_array_index (keys, j), row);

      reason = row->row.reason;
      g_byte_array_append (preview->reasons, &reason, 1);
      if (row->row.reason == HC_MEMBER_CSV_OK)
        preview->n_new++;
      else
        preview->n_rejected++;
      if (row->row.reason == HC_MEMBER_CSV_EXISTS)
        preview->n_existing++;

      if (row->row.reason == HC_MEMBER_CSV_OK ? n_ok_kept++ < HC_MEMBER_CSV_PREVIEW_LINES
                                              : n_rejected_kept++ < HC_MEMBER_CSV_PREVIEW_LINES)
        {
          g_ptr_array_add (preview->rows, row);
          if (row->row.reason == HC_MEMBER_CSV_OK)
            g_hash_table_insert (preview->shown, GUINT_TO_POINTER (row->row.line),
                                 g_object_ref (row->row.member));
        }
      else
        {
          row_free (row);
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  preview->n_lines = i;
  g_clear_pointer (&reader, hc_csv_reader_free);

  if (!maps_manager)
    return g_steal_pointer (&preview);

  /* Pass 2: every index complete, the managers of the new members. */
  preview->targets = g_array_sized_new (FALSE, TRUE, sizeof (gint64), preview->n_lines);
  g_array_set_size (preview->targets, preview->n_lines);
  reader = open_pass (self, error);
  if (reader == NULL)
    return NULL;
  for (i = 0, n_ok_kept = 0; (record = next_record (reader, cancellable, &local_error)) != NULL; i++)
    {
      g_autoptr (HcCsvRecord) owned = record;
      Row *kept = n_ok_kept < preview->rows->len ? g_ptr_array_index (preview->rows, n_ok_kept) : NULL;
      Row *row;
      gint64 target;

      tell_progress (progress, progress_data, i + 1, preview->n_lines, 2, 2);
      if (kept != NULL && kept->index == i)
        n_ok_kept++;
      else
        kept = NULL;
      if (i >= preview->reasons->len || preview->reasons->data[i] != HC_MEMBER_CSV_OK)
        continue;

      row = kept != NULL ? kept : new_row (preview, record, i);
      row->row.reason = HC_MEMBER_CSV_OK;
      if (row->manager_value == NULL)
        {
          if (kept == NULL)
            row_free (row);
          continue;
        }

      target = resolve_manager (&index, row);
      g_array_index (preview->targets, gint64, i) = target;
      if (row->row.warning != NULL)
        preview->n_warnings++;

      if (kept == NULL && row->row.warning != NULL && n_warned_kept < HC_MEMBER_CSV_PREVIEW_LINES)
        {
          /* Warned about, beyond the first new members: shown too. */
          g_ptr_array_add (warned, row);
          g_hash_table_insert (preview->shown, GUINT_TO_POINTER (row->row.line), g_object_ref (row->row.member));
          n_warned_kept++;
          continue;
        }
      if (kept != NULL && row->row.warning != NULL)
        n_warned_kept++;
      if (kept != NULL && target < 0 && !g_hash_table_contains (preview->shown, GUINT_TO_POINTER ((guint) - target)))
        g_hash_table_add (needed, GUINT_TO_POINTER ((guint) - target));
      if (kept == NULL)
        row_free (row);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_pointer (&reader, hc_csv_reader_free);

  /* Pass 3, rarely: the members shown as managers that are not shown lines. */
  if (g_hash_table_size (needed) > 0)
    {
      reader = open_pass (self, error);
      if (reader == NULL)
        return NULL;
      for (i = 0; (record = next_record (reader, cancellable, &local_error)) != NULL; i++)
        {
          g_autoptr (HcCsvRecord) owned = record;

          if (g_hash_table_contains (needed, GUINT_TO_POINTER (record->line)))
            {
              Row *row = new_row (preview, record, i);

              g_hash_table_insert (preview->shown, GUINT_TO_POINTER (record->line),
                                   g_object_ref (row->row.member));
              row_free (row);
            }
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_ptr_array_extend_and_steal (preview->rows, g_steal_pointer (&warned));
  g_ptr_array_sort (preview->rows, compare_rows);

  /* The managers of the rows shown. */
  for (guint r = 0; r < preview->rows->len; r++)
    {
      Row *row = g_ptr_array_index (preview->rows, r);
      gint64 target = g_array_index (preview->targets, gint64, row->index);
      HcMember *manager;

      if (row->row.reason != HC_MEMBER_CSV_OK || target == 0)
        continue;
      manager = lookup_target (preview, existing_by_id, target);
      if (manager != NULL)
        g_set_object (&row->row.manager, manager);
    }

  return g_steal_pointer (&preview);
}

gboolean
hc_member_csv_import_foreach (HcMemberCsvImport *self,
                              HcMemberCsvFunc    func,
                              gpointer           user_data,
                              GError           **error)
{
  g_autoptr (HcCsvReader) reader = NULL;
  g_autoptr (GError) local_error = NULL;
  HcCsvRecord *record;

  g_return_val_if_fail (HC_IS_MEMBER_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  reader = open_pass (self, error);
  if (reader == NULL)
    return FALSE;
  while ((record = next_record (reader, NULL, &local_error)) != NULL)
    {
      g_autoptr (HcCsvRecord) owned = record;
      Row row = { 0 };
      gboolean go_on;

      row.row.line = record->line;
      row.row.member = hc_member_new ();
      read_record (self->fields, self->columns, record, &row);
      go_on = func (row.row.member, record->line, user_data);
      g_clear_object (&row.row.member);
      g_free (row.manager_value);
      g_free (row.value_problem);
      if (!go_on)
        break;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* The apply: the file read once more, each new member added as it comes. */
typedef struct
{
  HcMemberCsvPreview *preview;
  HcCsvReader        *reader;
  guint               index;        /* of the next record */
  guint               line;         /* of the member last given */
  gint64              target;       /* its manager */
  GHashTable         *ids;          /* line of a new member that manages others → its id */
  GArray             *links;        /* of gint64 pairs: a member's id, its manager's target */
  guint               next_link;
} Apply;

static gboolean
apply_next_member (gpointer   user_data,
                   HcMember  *added,
                   HcMember **next,
                   GError   **error)
{
  Apply *apply = user_data;
  HcMemberCsvPreview *preview = apply->preview;
  HcCsvRecord *record;

  if (added != NULL)
    {
      gint64 id = hc_member_get_id (added);

      if (g_hash_table_contains (apply->ids, GUINT_TO_POINTER (apply->line)))
        g_hash_table_insert (apply->ids, GUINT_TO_POINTER (apply->line), g_memdup2 (&id, sizeof id));
      if (apply->target != 0)
        {
          g_array_append_val (apply->links, id);
          g_array_append_val (apply->links, apply->target);
        }
    }

  *next = NULL;
  while ((record = next_record (apply->reader, NULL, error)) != NULL)
    {
      g_autoptr (HcCsvRecord) owned = record;
      guint i = apply->index++;
      HcMember *member;

      if (i >= preview->reasons->len)
        break;
      if (preview->reasons->data[i] != HC_MEMBER_CSV_OK)
        continue;

      member = g_hash_table_lookup (preview->shown, GUINT_TO_POINTER (record->line));
      if (member != NULL)
        {
          g_object_ref (member);
        }
      else
        {
          Row *row = new_row (preview, record, i);

          member = g_steal_pointer (&row->row.member);
          row_free (row);
        }

      /* Manual members (rules.md 10): no connector manages them. */
      hc_member_set_connector_id (member, 0);
      hc_member_set_hr_status (member, HC_HR_STATUS_MANUAL);
      hc_member_set_has_access (member, hc_member_get_email (member) != NULL);
      apply->line = record->line;
      apply->target = preview->targets != NULL ? g_array_index (preview->targets, gint64, i) : 0;
      *next = member;
      return TRUE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  if (apply->index != preview->n_lines)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("The file changed while it was imported: open it again"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_next_manager (gpointer user_data,
                    gint64  *member_id,
                    gint64  *manager_id)
{
  Apply *apply = user_data;

  while (apply->next_link + 1 < apply->links->len)
    {
      gint64 target = g_array_index (apply->links, gint64, apply->next_link + 1);

      *member_id = g_array_index (apply->links, gint64, apply->next_link);
      apply->next_link += 2;
      if (target > 0)
        {
          *manager_id = target;
          return TRUE;
        }
      else
        {
          gint64 *id = g_hash_table_lookup (apply->ids, GUINT_TO_POINTER ((guint) - target));

          if (id != NULL)
            {
              *manager_id = *id;
              return TRUE;
            }
        }
    }

  return FALSE;
}

gboolean
hc_member_csv_preview_apply (HcMemberCsvPreview *preview,
                             HcStore            *store,
                             gboolean            skip_invalid,
                             guint              *n_imported,
                             GError            **error)
{
  g_autoptr (HcCsvReader) reader = NULL;
  g_autoptr (GHashTable) ids = NULL;
  g_autoptr (GArray) links = NULL;
  Apply apply = { 0 };
  guint count = 0;

  g_return_val_if_fail (preview != NULL, FALSE);
  g_return_val_if_fail (HC_IS_STORE (store), FALSE);

  if (n_imported != NULL)
    *n_imported = 0;

  if (preview->applied)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT,
                   _("This import has been applied already"));
      return FALSE;
    }

  if (preview->n_rejected > 0 && !skip_invalid)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u line is invalid, so nothing was imported",
                                "%u lines are invalid, so nothing was imported",
                                preview->n_rejected),
                   preview->n_rejected);
      return FALSE;
    }

  if (preview->n_new == 0)
    {
      preview->applied = TRUE;
      return TRUE;
    }

  reader = open_pass (preview->import, error);
  if (reader == NULL)
    return FALSE;

  /* The new members that manage others, whose ids the links need. */
  ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; preview->targets != NULL && i < preview->targets->len; i++)
    {
      gint64 target = g_array_index (preview->targets, gint64, i);

      if (target < 0)
        g_hash_table_insert (ids, GUINT_TO_POINTER ((guint) - target), NULL);
    }
  links = g_array_new (FALSE, FALSE, sizeof (gint64));

  apply.preview = preview;
  apply.reader = reader;
  apply.ids = ids;
  apply.links = links;
  if (!hc_store_add_members_streamed (store, apply_next_member, apply_next_manager, &apply, &count, error))
    {
      GHashTableIter iter;
      gpointer member;

      /* None was added: the members shown have no id again. */
      g_hash_table_iter_init (&iter, preview->shown);
      while (g_hash_table_iter_next (&iter, NULL, &member))
        hc_member_set_id (member, 0);
      return FALSE;
    }

  /* The members shown, as the directory now has them. */
  for (guint r = 0; r < preview->rows->len; r++)
    {
      Row *row = g_ptr_array_index (preview->rows, r);

      if (row->row.reason != HC_MEMBER_CSV_OK || row->row.manager == NULL)
        continue;
      hc_member_set_manager_id (row->row.member, hc_member_get_id (row->row.manager));
      hc_member_set_manager_name (row->row.member, hc_member_get_display_name (row->row.manager));
    }

  preview->applied = TRUE;
  if (n_imported != NULL)
    *n_imported = count;

  return TRUE;
}
