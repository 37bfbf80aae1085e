/* hc-workday-connector.h — Workday, through a custom report exposed as a
 * web service (RaaS, Report-as-a-Service) in JSON
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hc-connector.h"

G_BEGIN_DECLS

/*
 * Settings (as Workday's Report-as-a-Service documentation names them):
 *
 * @base_url  REQUIRED: the report's URL as Workday shows it under the
 *            report's Actions › Web Service › View URLs (the JSON link), e.g.
 *            https://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/ISU_Headcount/Headcount_Workers?format=json
 *            Workday has no production default: the host, the tenant and
 *            the report are the customer's. The query (report prompts) is
 *            kept as given; "format" is set to json whatever it was, and
 *            added when missing. A fragment is ignored.
 * @subdomain ignored.
 * @client_id REQUIRED: the integration system user (ISU) name, sent as is
 *            ("ISU_Headcount", or "ISU_Headcount@acme" where the tenant
 *            asks for it).
 * @secret    REQUIRED: the ISU's password. Both go in HTTP Basic.
 *
 * A RaaS report answers {"Report_Entry": [ {…}, … ]} in one response, with
 * no paging, and columns named by whoever built the report. test_connection
 * runs the report once (RaaS has no row limit) and checks its shape.
 *
 * Field table: every column of an entry is kept under its report name
 * ("Employee_ID", "Cost_Center", "CF_Skip_Sync"…). Nested objects are
 * joined with dots ("Primary_Address.City"); lists of values, and the
 * groups RaaS emits for multi-instance fields ("Phone_group": [{"Phone":
 * …}, …]), are joined with ", " per path ("Phone_group.Phone" = "a, b").
 * Booleans read "true"/"false" (Workday itself usually sends "1"/"0",
 * kept as sent), numbers as text, nulls and empty strings are absent. A
 * column whose name is a standard field name (id, status, email…) is kept
 * as "workday.<name>" so that it never overwrites the normalised value.
 *
 * Standard fields, from the first of these top-level columns that has a
 * value, case, "_", "-" and spaces ignored ("businessTitle" =
 * "Business_Title"); the first value of a list is used. Groups are not
 * searched: a "Manager_group" holds the manager's Employee_ID and e-mail.
 *   id              Employee_ID, Employee_Number, Worker_ID,
 *                   Contingent_Worker_ID, ID, Workday_ID
 *   first_name      Legal_Name_First_Name, First_Name, Legal_First_Name,
 *                   Given_Name; else the first word of Worker / Full_Name
 *   last_name       Legal_Name_Last_Name, Last_Name, Legal_Last_Name,
 *                   Family_Name; else the rest of Worker / Full_Name
 *   preferred_name  Preferred_Name_First_Name, Preferred_First_Name,
 *                   Preferred_Name
 *   email           Email_Address, Primary_Work_Email, Work_Email,
 *                   Email_Primary_Work, Email (never a home e-mail)
 *   position        Business_Title, Job_Title, Position_Title, Job_Profile,
 *                   Job_Profile_Name, Position
 *   department      Department, Supervisory_Organization, Organization
 *   team            Team, Team_Name
 *   office          Location, Work_Location, Office, Business_Site,
 *                   Location_Name
 *   manager_id      Manager_ID, Manager_Employee_ID, Supervisor_ID,
 *                   Manager_Worker_ID
 *   hire_date       Hire_Date, Start_Date, Most_Recent_Hire_Date,
 *                   Original_Hire_Date
 *   end_date        Termination_Date, End_Date, Separation_Date
 * Dates are cut to YYYY-MM-DD (RaaS sends "2015-01-01-08:00" or a time);
 * a value that does not start with a date leaves the standard date absent
 * (the raw column keeps it).
 *
 * Status, from what the report has:
 *   1. a status text (Worker_Status, Employee_Status, Employment_Status,
 *      Status): Active → active; On Leave / Leave of Absence → leave;
 *      Terminated / Inactive / Retired → inactive; Pre-Hire / Pending Hire
 *      / Onboarding → onboarding;
 *   2. else the flags (Terminated, Active, On_Leave; "1"/"0", true/false,
 *      Yes/No): Terminated → inactive; Active = 0 → onboarding when the hire
 *      date is ahead or the report says Terminated = 0, else inactive;
 *      Active = 1 → active;
 *   3. else the dates: a Termination_Date today or earlier (and not followed
 *      by a later hire) → inactive; a hire date ahead → onboarding;
 *   4. else active.
 *   Then an active worker whose On_Leave flag is set is on leave.
 * An unknown status text (a tenant's own "Suspended"…) is not an error: it
 * falls through to 2–4, so a worker we cannot read is kept as active rather
 * than archived; the raw column keeps the word for filters.
 *
 * Errors: a report without a "Report_Entry" list is HC_ERROR_PARSE asking
 * for the JSON report URL; an entry that is not an object, has no usable
 * id, or repeats an id is HC_ERROR_PARSE naming the entry's index.
 */

#define HC_TYPE_WORKDAY_CONNECTOR (hc_workday_connector_get_type ())
G_DECLARE_FINAL_TYPE (HcWorkdayConnector, hc_workday_connector, HC, WORKDAY_CONNECTOR, GObject)

/* Every connector takes the same four strings; which ones it needs is
 * vendor-specific (above). Missing or invalid settings are an
 * HC_ERROR_INVALID_CONFIG whose message names the setting and the CLI flag
 * that sets it (--base-url, --client-id, --secret-stdin). */
HcConnector *hc_workday_connector_new (const char  *base_url,
                                       const char  *subdomain,
                                       const char  *client_id,
                                       const char  *secret,
                                       GError     **error);

G_END_DECLS
