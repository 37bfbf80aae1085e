/* hc-member-csv.h — members to and from CSV: export, column mapping, import preview, apply
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-csv.h"
#include "hc-member.h"
#include "hc-store.h"

G_BEGIN_DECLS

/* Export (rules.md 15, 28). The header, in this order, then one column per custom
 * field any exported member has ("custom.cost_center"…), sorted:
 *
 *   email,first_name,last_name,preferred_name,title,department,team,office,
 *   manager,employee_id,start_date,end_date,state,hr_status,has_access
 *
 * "manager" is the manager's e-mail, or their name when they have none;
 * "employee_id" the HR employee id a member was matched to; "state" is
 * active, invited or archived; "hr_status" managed, previously_managed or
 * manual; "has_access" true or false. Import reads this header back
 * without any mapping. */
#define HC_MEMBER_CSV_EXPORT_HEADER \
  "email,first_name,last_name,preferred_name,title,department,team,office," \
  "manager,employee_id,start_date,end_date,state,hr_status,has_access"

/* Told, from the thread the work runs in, every 1,000 lines: @line of
 * @n_lines in @pass of @n_passes (an import preview makes a second pass
 * to find the managers when a column is mapped to them; an export one). */
typedef void (*HcMemberCsvProgressFunc) (guint              line,
                                         guint              n_lines,
                                         guint              pass,
                                         guint              n_passes,
                                         gpointer           user_data);

/* Writes the members of @members in @state (-1 for all) as CSV. @members
 * should be every member of the workspace, so that managers in another
 * state are still named. */
gboolean      hc_member_csv_export           (GOutputStream     *stream,
                                              GPtrArray         *members,
                                              int                state,
                                              char               separator,
                                              HcCsvWriterFlags   flags,
                                              guint             *n_exported,
                                              GCancellable      *cancellable,
                                              GError           **error);

/* The same, with a "groups" column after has_access (the paths of the
 * member's groups, joined by "; ") when @group_paths is given, and a
 * "roles" column (the names of their roles, joined the same way) when
 * @role_names is: maps as hc_groups_list_member_paths() and
 * hc_roles_list_member_names() give them. Import leaves both columns out,
 * as it does hr_status and has_access. */
gboolean      hc_member_csv_export_full      (GOutputStream     *stream,
                                              GPtrArray         *members,
                                              GHashTable        *group_paths,
                                              GHashTable        *role_names,
                                              int                state,
                                              char               separator,
                                              HcCsvWriterFlags   flags,
                                              guint             *n_exported,
                                              GCancellable      *cancellable,
                                              GError           **error);

/* The same, telling @progress every 1,000 members of @members and
 * stopping with G_IO_ERROR_CANCELLED as soon as @cancellable is (checked
 * at every member). */
gboolean      hc_member_csv_export_with_progress (GOutputStream          *stream,
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
                                              GError                **error);

/* The member fields a column can be imported into: "email", "first_name",
 * "last_name", "preferred_name", "title", "department", "team", "office",
 * "manager" (an e-mail, or a name, of a member in the file or already in
 * the directory), "employee_id", "start_date", "end_date" (YYYY-MM-DD),
 * "state" (active, invited or archived; active when empty) and
 * "custom.NAME". NULL-terminated. */
const char * const *hc_member_csv_list_fields (void);
gboolean      hc_member_csv_field_is_valid   (const char        *field);
/* The field a column is guessed to hold from its header, in English or
 * French ("E-mail", "Courriel", "Prénom", "Last name", "Poste",
 * "Service"…), or NULL. (transfer full) */
char         *hc_member_csv_guess_field      (const char        *column_name);

typedef struct _HcMemberCsvImport HcMemberCsvImport;

/* Why a line is not imported: its first problem, in this order. */
typedef enum
{
  HC_MEMBER_CSV_OK,               /* it is a new member */
  HC_MEMBER_CSV_MALFORMED,        /* wrong number of fields, not UTF-8 */
  HC_MEMBER_CSV_NO_IDENTITY,      /* neither an e-mail nor a name */
  HC_MEMBER_CSV_INVALID_EMAIL,
  HC_MEMBER_CSV_INVALID_VALUE,    /* a state or a date that is none */
  HC_MEMBER_CSV_DUPLICATE,        /* the e-mail or employee id of an earlier line */
  HC_MEMBER_CSV_EXISTS,           /* the e-mail or employee id of an existing member */
} HcMemberCsvReason;

/* "ok", "malformed", "no_identity", "invalid_email", "invalid_value",
 * "duplicate", "exists": stable, for JSON. */
const char   *hc_member_csv_reason_to_string (HcMemberCsvReason  reason);

/* One line of the file in the preview. */
typedef struct
{
  guint              line;          /* where its record starts */
  HcMemberCsvReason  reason;
  char              *message;       /* why it is rejected, "Line 4: …"; NULL when OK */
  char              *warning;       /* imported, but: a manager not found…; or NULL */
  HcMember          *member;        /* what the line holds; created by the apply, which sets its id */
  gint64             existing_id;   /* HC_MEMBER_CSV_EXISTS: the member it matches */
  guint              duplicate_of;  /* HC_MEMBER_CSV_DUPLICATE: the earlier line */
  HcMember          *manager;       /* the manager: an existing member, another line's, or NULL */
} HcMemberCsvRow;

/* How many lines of each kind a preview shows (rules.md 35). */
#define HC_MEMBER_CSV_PREVIEW_LINES 1000

/* The preview holds counts and the lines it shows, never every line: the
 * apply reads the file again. */
typedef struct
{
  /* of HcMemberCsvRow*, in file order: the first HC_MEMBER_CSV_PREVIEW_LINES
   * new members, rejected lines and new members with a warning */
  GPtrArray *rows;
  guint      n_lines;       /* lines of members; empty lines are none */
  guint      n_new;
  guint      n_rejected;
  guint      n_existing;    /* of the rejected, HC_MEMBER_CSV_EXISTS */
  guint      n_warnings;
  GPtrArray *existing;      /* the members it was built against (a reference) */
  gboolean   applied;

  /*< private >*/
  HcMemberCsvImport *import;
  GPtrArray  *fields;       /* the mapping it was made with */
  GByteArray *reasons;      /* HcMemberCsvReason, one per line of members */
  GArray     *targets;      /* gint64 per line: its manager; NULL when no column is */
  GHashTable *shown;        /* line → HcMember: the members the rows show */
} HcMemberCsvPreview;

void          hc_member_csv_preview_free     (HcMemberCsvPreview *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcMemberCsvPreview, hc_member_csv_preview_free)

/* Creates the members of the preview's OK lines, manual (rules.md 10), with
 * their managers, in one store transaction. When a line is rejected,
 * nothing is imported (HC_ERROR_PARSE) unless @skip_invalid. Once only. */
gboolean      hc_member_csv_preview_apply    (HcMemberCsvPreview *preview,
                                              HcStore            *store,
                                              gboolean            skip_invalid,
                                              guint              *n_imported,
                                              GError            **error);

/* An import: the file read, its columns mapped to fields. */
#define HC_TYPE_MEMBER_CSV_IMPORT (hc_member_csv_import_get_type ())
G_DECLARE_FINAL_TYPE (HcMemberCsvImport, hc_member_csv_import, HC, MEMBER_CSV_IMPORT, GObject)

/* Reads the whole file once (a separator of 0 detects it), counting its
 * lines, and guesses the mapping from the header. Fails on an empty file,
 * a header that is not UTF-8, an unterminated quote, a field or a line over
 * the reader's limits or a read error, naming the line. Other bad lines
 * are left for the preview to reject. The preview and the apply read the
 * stream again: one that cannot seek is copied to a temporary file first.
 * No line is held in memory (rules.md 35). */
HcMemberCsvImport *hc_member_csv_import_new_from_stream (GInputStream *stream,
                                              char               separator,
                                              GCancellable      *cancellable,
                                              GError           **error);

char          hc_member_csv_import_get_separator (HcMemberCsvImport *self);
gboolean      hc_member_csv_import_had_bom   (HcMemberCsvImport *self);
/* Lines after the header that are not empty. */
guint         hc_member_csv_import_get_n_records (HcMemberCsvImport *self);

guint         hc_member_csv_import_get_n_columns (HcMemberCsvImport *self);
const char   *hc_member_csv_import_get_column_name (HcMemberCsvImport *self,
                                              guint              column);
/* The field a column goes to, NULL when it is not imported. */
const char   *hc_member_csv_import_get_column_field (HcMemberCsvImport *self,
                                              guint              column);
/* The column named @name: exactly, else ignoring case and accents, else
 * comparing letters and digits only ("E-mail" finds "Email"); or -1. */
int           hc_member_csv_import_find_column (HcMemberCsvImport *self,
                                              const char        *name);
/* Maps a column to @field (NULL or "" for none); a column that had
 * @field before loses it. HC_ERROR_INVALID_ARGUMENT for an unknown field. */
gboolean      hc_member_csv_import_set_column_field (HcMemberCsvImport *self,
                                              guint              column,
                                              const char        *field,
                                              GError           **error);

/* Calls @func with the member each line holds by the mapping, in file
 * order, whatever its problems, reading the file again; stops when @func
 * returns FALSE. */
typedef gboolean (*HcMemberCsvFunc) (HcMember          *member,
                                     guint              line,
                                     gpointer           user_data);
gboolean      hc_member_csv_import_foreach   (HcMemberCsvImport *self,
                                              HcMemberCsvFunc    func,
                                              gpointer           user_data,
                                              GError           **error);

/* Checks every line against the mapping and @existing (the members of the
 * directory): pure, nothing is stored. HC_ERROR_INVALID_ARGUMENT when no
 * column is mapped to an e-mail or a name. (transfer full) */
HcMemberCsvPreview *hc_member_csv_import_preview (HcMemberCsvImport *self,
                                              GPtrArray         *existing,
                                              GError           **error);


/* The same, stopping with G_IO_ERROR_CANCELLED as soon as @cancellable is
 * (checked at every line), telling @progress every 1,000 lines and at the
 * last one. */
HcMemberCsvPreview *hc_member_csv_import_preview_full (HcMemberCsvImport      *self,
                                              GPtrArray              *existing,
                                              GCancellable           *cancellable,
                                              HcMemberCsvProgressFunc progress,
                                              gpointer                progress_data,
                                              GError                **error);

G_END_DECLS
