/* hc-employee.h — one HR record, normalised, with its raw fields flattened
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hc-types.h"

G_BEGIN_DECLS

#define HC_TYPE_EMPLOYEE (hc_employee_get_type ())
G_DECLARE_FINAL_TYPE (HcEmployee, hc_employee, HC, EMPLOYEE, GObject)

/* Standard field names; every employee also carries them in its field
 * table, so filters and mappings address standard and custom fields the
 * same way ("office", "cost_center", "address.city"…). */
#define HC_FIELD_ID             "id"
#define HC_FIELD_FIRST_NAME     "first_name"
#define HC_FIELD_LAST_NAME      "last_name"
#define HC_FIELD_PREFERRED_NAME "preferred_name"
#define HC_FIELD_EMAIL          "email"
#define HC_FIELD_STATUS         "status"
#define HC_FIELD_POSITION       "position"
#define HC_FIELD_DEPARTMENT     "department"
#define HC_FIELD_TEAM           "team"
#define HC_FIELD_OFFICE         "office"
#define HC_FIELD_MANAGER_ID     "manager_id"
#define HC_FIELD_HIRE_DATE      "hire_date"
#define HC_FIELD_END_DATE       "end_date"

HcEmployee       *hc_employee_new            (const char       *id);

const char       *hc_employee_get_id         (HcEmployee       *self);
HcEmployeeStatus  hc_employee_get_status     (HcEmployee       *self);
void              hc_employee_set_status     (HcEmployee       *self,
                                              HcEmployeeStatus  status);

/* Every value, standard or custom, lives in one table of path → string.
 * Empty strings are stored as absent (NULL). */
const char       *hc_employee_get_field      (HcEmployee       *self,
                                              const char       *path);
void              hc_employee_set_field      (HcEmployee       *self,
                                              const char       *path,
                                              const char       *value);
/* The same by the field's id (hc_employee_field_id ()), for a value read
 * from each of 100,000 records: the name is looked up once. */
guint             hc_employee_field_id       (const char       *path);
const char       *hc_employee_get_field_by_id (HcEmployee      *self,
                                              guint             field);
/* hc_employee_set_field() by the field's id, for a decoder writing the
 * same fields on every record of a page; not for the id nor the status. */
void              hc_employee_set_field_by_id (HcEmployee      *self,
                                              guint             field,
                                              const char       *value);
/* Asks the processor for the record's fields and values ahead of their
 * use, for a loop over 100,000 records that reads a few of each. */
void              hc_employee_prefetch       (HcEmployee       *self);
/* The field names, sorted, for choosers. (transfer container) */
GPtrArray        *hc_employee_list_fields    (HcEmployee       *self);

/* Called with a field name (interned: compare it as a pointer if you like)
 * and its value. */
typedef gboolean (*HcEmployeeFieldFunc) (const char *name,
                                         const char *value,
                                         gpointer    user_data);
/* The first field name, in byte order, for which @func is TRUE, or NULL.
 * Without copying the table: this runs for every employee. */
const char       *hc_employee_find_field     (HcEmployee          *self,
                                              HcEmployeeFieldFunc  func,
                                              gpointer             user_data);

/* Once a connector has filled and cleaned the record: its values copied
 * into one block of the exact size, and its field array trimmed, for the
 * 100,000 records of a large company (peak memory). Values read before
 * are no longer valid: call it before handing the record on. */
void              hc_employee_compact        (HcEmployee          *self);

/* Memory lent to the records a decoder fills one after the other: a
 * record made in it allocates nothing until hc_employee_compact() copies
 * it into its block and gives the memory back for the next. One record
 * at a time; one thread. */
typedef struct _HcEmployeeScratch HcEmployeeScratch;

HcEmployeeScratch *hc_employee_scratch_new   (void);
void              hc_employee_scratch_free   (HcEmployeeScratch   *scratch);
HcEmployee       *hc_employee_new_in_scratch (const char          *id,
                                              HcEmployeeScratch   *scratch);

/* Convenience getters for the standard fields. */
#define hc_employee_get_email(e)      hc_employee_get_field ((e), HC_FIELD_EMAIL)
#define hc_employee_get_first_name(e) hc_employee_get_field ((e), HC_FIELD_FIRST_NAME)
#define hc_employee_get_last_name(e)  hc_employee_get_field ((e), HC_FIELD_LAST_NAME)
#define hc_employee_get_manager_id(e) hc_employee_get_field ((e), HC_FIELD_MANAGER_ID)

/* rules.md 31: what cleaning the record at the connector boundary found,
 * one sentence each, for the plan's warnings. (transfer none) of char*,
 * NULL when nothing */
GPtrArray        *hc_employee_get_problems   (HcEmployee       *self);
void              hc_employee_add_problem    (HcEmployee       *self,
                                              const char       *problem);
/* TRUE when a value was not valid text: the plan skips the record. */
gboolean          hc_employee_get_invalid    (HcEmployee       *self);
void              hc_employee_set_invalid    (HcEmployee       *self);

/* Whether hc_connector_clean_employee() has cleaned the record (rules.md
 * 31), so that it is cleaned once. */
gboolean          hc_employee_get_cleaned    (HcEmployee       *self);
void              hc_employee_set_cleaned    (HcEmployee       *self);

/* "Zoé Ørsted", for messages. (transfer full) */
char             *hc_employee_dup_display_name (HcEmployee     *self);

/* Reads one employee in the normalised snapshot form:
 * {"id", "first_name", …, "status", "manager_id", "fields": {…}}.
 * Nested objects in "fields" are flattened with dots. */
HcEmployee       *hc_employee_new_from_json  (JsonObject       *object,
                                              GError          **error);
void              hc_employee_to_json        (HcEmployee       *self,
                                              JsonBuilder      *builder);

G_END_DECLS
