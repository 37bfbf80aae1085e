/* hc-fake-workday.h — a fake Workday tenant serving one custom report as
 * a web service (RaaS), as Workday's documentation describes it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-fake-hris.h"

G_BEGIN_DECLS

/*
 * GET HC_FAKE_WORKDAY_REPORT_PATH?format=json with HTTP Basic
 * HC_FAKE_WORKDAY_CLIENT_ID:HC_FAKE_WORKDAY_SECRET answers
 * {"Report_Entry": [ {…}, … ]}: every person in one response, no paging
 * (RaaS has none). Without format=json (or with another format) it answers
 * the report in XML, Workday's default. A missing or wrong Authorization is
 * a 401 with WWW-Authenticate: Basic; another path is a 404; another
 * method a 405.
 *
 * The columns depend on the layout (the report's author names them):
 *
 * HC_FAKE_WORKDAY_LAYOUT_DEFAULT, Workday's own field names, booleans as
 * "1"/"0", dates with the tenant's offset ("2019-05-06-08:00"), empty
 * fields left out:
 *   Employee_ID, Worker ("Zoé Lefèvre", the preferred name first),
 *   Legal_Name_First_Name, Legal_Name_Last_Name, Preferred_Name_First_Name,
 *   Email_Address, Business_Title, Supervisory_Organization (department),
 *   Team, Cost_Center, Location (office), Manager_ID, Hire_Date,
 *   Termination_Date, Worker_Status ("Active", "On Leave", "Terminated",
 *   "Pre-Hire"), Active, On_Leave, Terminated, Skip_Sync, Worker_Type
 *   ("Employee"), Phone_group ([{"Phone_Number", "Phone_Type"}], two for
 *   even ids).
 *
 * HC_FAKE_WORKDAY_LAYOUT_CAMEL, the aliases of a report built by hand,
 * JSON booleans, plain dates, nulls for empty fields, no status text:
 *   employeeID, workdayID (a 32-hex WID), firstName, lastName,
 *   preferredFirstName, primaryWorkEmail, businessTitle,
 *   supervisoryOrganization, teamName, costCenter, location,
 *   managerEmployeeID, hireDate, terminationDate, active, terminated,
 *   onLeave, skipSync.
 *   (onboarding: active false, terminated false; inactive: active false,
 *   terminated true; leave: active true, onLeave true)
 */

/* The credentials the fake accepts (fixed, fake, obviously not real). */
#define HC_FAKE_WORKDAY_SECRET      "FAKE-wd-isu-Passw0rd-9f3a1c"
#define HC_FAKE_WORKDAY_CLIENT_ID   "ISU_Headcount_Fake"
#define HC_FAKE_WORKDAY_SUBDOMAIN   ""
#define HC_FAKE_WORKDAY_TENANT      "acme_fake"
/* The report's owner is not the ISU here: hc-http redacts the ISU's name
 * wherever it appears, the report path included. */
#define HC_FAKE_WORKDAY_REPORT_PATH "/ccx/service/customreport2/" HC_FAKE_WORKDAY_TENANT \
                                    "/hr_reports/Headcount_Workers"

typedef enum
{
  HC_FAKE_WORKDAY_LAYOUT_DEFAULT,
  HC_FAKE_WORKDAY_LAYOUT_CAMEL,
} HcFakeWorkdayLayout;

typedef struct _HcFakeWorkday HcFakeWorkday;

HcFakeWorkday *hc_fake_workday_new          (GPtrArray      *people);   /* HcFakePerson*, deep-copied */
/* Replaces the data (thread-safe). */
void           hc_fake_workday_set_people   (HcFakeWorkday  *fake,
                                             GPtrArray      *people);
/* Base URL, faults, request log. */
HcFakeHris    *hc_fake_workday_get_server   (HcFakeWorkday  *fake);
/* The report URL to give the connector's --base-url:
 * "http://127.0.0.1:PORT" HC_FAKE_WORKDAY_REPORT_PATH "?format=json". */
const char    *hc_fake_workday_get_base_url (HcFakeWorkday  *fake);
void           hc_fake_workday_free         (HcFakeWorkday  *fake);

/* Knobs, all thread-safe. */
void           hc_fake_workday_set_layout   (HcFakeWorkday       *fake,
                                             HcFakeWorkdayLayout  layout);
/* Appends @json (any JSON value, usually an object with odd or missing
 * columns) to Report_Entry, after the people. */
void           hc_fake_workday_add_raw_entry (HcFakeWorkday *fake,
                                              const char    *json);
void           hc_fake_workday_clear_raw_entries (HcFakeWorkday *fake);
/* Answers @json, verbatim, instead of the report (an answer without
 * Report_Entry…); NULL serves the report again. */
void           hc_fake_workday_set_raw_body (HcFakeWorkday  *fake,
                                             const char     *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcFakeWorkday, hc_fake_workday_free)

G_END_DECLS
