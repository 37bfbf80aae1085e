/* test-exclusion.c — the exclusion checkbox on every HR system, out of the
 * box: each fake has its own checkbox, which the default config finds by
 * name or label, and a field the config names is asked for
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hc-connector.h"
#include "hc-connector-test.h"
#include "hc-fake-bamboohr.h"
#include "hc-fake-hibob.h"
#include "hc-fake-lucca.h"
#include "hc-fake-personio.h"
#include "hc-fake-workday.h"
#include "hc-scope.h"

typedef struct
{
  const char *kind;
  const char *secret;
  const char *client_id;
  /* the field the company's checkbox lands on, and its label if the
   * vendor has field metadata */
  const char *field;
  const char *label;
  gboolean    vendor_skip;        /* the fake renders HcFakePerson.vendor_skip, else skip_sync */
  /* a field the vendor sends only when asked for, and how the request shows it */
  const char *on_request;
  const char *request_has;
} Vendor;

static const Vendor vendors[] = {
  { "bamboohr", HC_FAKE_BAMBOOHR_SECRET, NULL, "skip_elevo_sync", "Ne pas synchroniser avec Elevo",
    TRUE, "homeEmail", "\"homeEmail\"" },
  { "hibob", HC_FAKE_HIBOB_SECRET, HC_FAKE_HIBOB_CLIENT_ID, HC_FAKE_HIBOB_FIELD_VENDOR_SKIP,
    HC_FAKE_HIBOB_VENDOR_SKIP_LABEL, TRUE, "personal.pronouns", "\"personal.pronouns\"" },
  { "lucca", HC_FAKE_LUCCA_SECRET, NULL, "extendedData.e_ne_pas_synchroniser", NULL,
    TRUE, "culture.name", ",culture&" },
  { "personio", HC_FAKE_PERSONIO_SECRET, HC_FAKE_PERSONIO_CLIENT_ID, HC_FAKE_PERSONIO_SKIP_SYNC_KEY,
    "Skip sync", FALSE, NULL, NULL },
  { "workday", HC_FAKE_WORKDAY_SECRET, HC_FAKE_WORKDAY_CLIENT_ID, "Skip_Sync", NULL,
    FALSE, NULL, NULL },
};

/* One running fake of any kind. */
typedef struct
{
  const Vendor *vendor;
  gpointer      fake;
  HcFakeHris   *server;
  const char   *base_url;
} Fake;

static void
fake_start (Fake         *f,
            const Vendor *v,
            GPtrArray    *people)
{
  f->vendor = v;
  if (g_str_equal (v->kind, "bamboohr"))
    {
      f->fake = hc_fake_bamboohr_new (people);
      f->server = hc_fake_bamboohr_get_server (f->fake);
      f->base_url = hc_fake_bamboohr_get_base_url (f->fake);
    }
  else if (g_str_equal (v->kind, "hibob"))
    {
      f->fake = hc_fake_hibob_new (people);
      f->server = hc_fake_hibob_get_server (f->fake);
      f->base_url = hc_fake_hibob_get_base_url (f->fake);
    }
  else if (g_str_equal (v->kind, "lucca"))
    {
      f->fake = hc_fake_lucca_new (people);
      f->server = hc_fake_lucca_get_server (f->fake);
      f->base_url = hc_fake_lucca_get_base_url (f->fake);
    }
  else if (g_str_equal (v->kind, "personio"))
    {
      f->fake = hc_fake_personio_new (people);
      f->server = hc_fake_personio_get_server (f->fake);
      f->base_url = hc_fake_personio_get_base_url (f->fake);
    }
  else
    {
      f->fake = hc_fake_workday_new (people);
      f->server = hc_fake_workday_get_server (f->fake);
      f->base_url = hc_fake_workday_get_base_url (f->fake);
    }
}

static void
fake_stop (Fake *f)
{
  if (g_str_equal (f->vendor->kind, "bamboohr"))
    hc_fake_bamboohr_free (f->fake);
  else if (g_str_equal (f->vendor->kind, "hibob"))
    hc_fake_hibob_free (f->fake);
  else if (g_str_equal (f->vendor->kind, "lucca"))
    hc_fake_lucca_free (f->fake);
  else if (g_str_equal (f->vendor->kind, "personio"))
    hc_fake_personio_free (f->fake);
  else
    hc_fake_workday_free (f->fake);
}

/* The request that carries the field list: BambooHR's report and HiBob's
 * search are POST bodies, Lucca's is the query. */
static char *
dup_field_request (Fake *f)
{
  if (g_str_equal (f->vendor->kind, "bamboohr"))
    return hc_fake_bamboohr_dup_last_report_request (f->fake);
  if (g_str_equal (f->vendor->kind, "hibob"))
    return hc_fake_hibob_dup_last_search (f->fake);
  return hc_fake_hris_dup_request_log (f->server);
}

static HcConnector *
connector_new (Fake *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *settings = hc_connector_info_build_settings (f->base_url, NULL,
                                                                f->vendor->client_id, NULL);
  HcConnectorInfo info = { 0 };
  HcConnector *connector;

  info.name = (char *) "HR";
  info.kind = (char *) f->vendor->kind;
  info.settings = settings;
  connector = hc_connector_new_for_info (&info, f->vendor->secret, &error);
  g_assert_no_error (error);
  return connector;
}

static GPtrArray *
fetch (HcConnector *connector)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *employees;

  hc_connector_fetch_employees_async (connector, NULL, NULL, NULL,
                                      hc_connector_test_store_result_cb, &result);
  employees = hc_connector_fetch_employees_finish (connector, hc_connector_test_wait (&result), &error);
  g_assert_no_error (error);
  return employees;
}

/* Three active people; the second has the company's checkbox set. */
static GPtrArray *
three_people (const Vendor *v)
{
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_fake_person_free);
  const char *names[][3] = {
    { "2001", "Zoé", "Lefèvre" }, { "2002", "Élodie", "Martin" }, { "2003", "Jürgen", "Müller" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *email = g_strdup_printf ("p%s@fake-hris.example", names[i][0]);
      HcFakePerson *p = hc_fake_person_new (names[i][0], names[i][1], names[i][2], email);

      /* active already (hc_fake_person_new()) */
      p->hire_date = g_strdup ("2020-01-06");
      p->office = g_strdup ("Paris");
      if (i > 0)
        p->manager_id = g_strdup ("2001");
      g_ptr_array_add (people, p);
    }
  if (v->vendor_skip)
    ((HcFakePerson *) g_ptr_array_index (people, 1))->vendor_skip = TRUE;
  else
    ((HcFakePerson *) g_ptr_array_index (people, 1))->skip_sync = TRUE;
  return people;
}

/* With the config a new connector gets, the person whose checkbox is set is
 * excluded and the others are in; the chooser's field list has the
 * checkbox as a boolean, labelled where the vendor has labels. */
static void
test_default_excludes (gconstpointer data)
{
  const Vendor *v = data;
  g_autoptr (GPtrArray) people = three_people (v);
  g_autoptr (HcConfig) config = hc_config_new_for_kind (v->kind);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GHashTable) results = NULL;
  const HcFieldInfo *info;
  Fake f = { 0 };

  fake_start (&f, v, people);
  connector = connector_new (&f);
  g_assert_cmpstr (config->exclude_field, ==, HC_CONFIG_EXCLUDE_AUTO);
  hc_connector_request_config_fields (connector, config);
  employees = fetch (connector);
  g_assert_cmpuint (employees->len, ==, 3);

  /* BambooHR and HiBob send what they are asked for: the checkbox was */
  if (g_str_equal (v->kind, "bamboohr") || g_str_equal (v->kind, "hibob"))
    {
      g_autofree char *request = dup_field_request (&f);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", v->field);

      hc_connector_test_assert_has (request, quoted);
    }

  results = hc_scope_evaluate_all (config, employees);
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      HcScopeResult r = GPOINTER_TO_INT (g_hash_table_lookup (results, hc_employee_get_id (e))) - 1;

      if (g_str_equal (hc_employee_get_id (e), "2002"))
        {
          g_autofree char *why = hc_scope_explain (config, e, r, NULL, NULL);

          g_assert_cmpint (r, ==, HC_SCOPE_OUT_EXCLUDED);
          g_assert_true (hc_scope_value_is_set (hc_employee_get_field (e, v->field)));
          g_test_message ("%s: %s", v->kind, why);
        }
      else
        {
          g_assert_cmpint (r, ==, HC_SCOPE_IN);
          g_assert_false (hc_scope_value_is_set (hc_employee_get_field (e, v->field)));
        }
    }

  fields = hc_connector_describe_fields (connector, employees);
  info = hc_field_info_find (fields, v->field);
  g_assert_nonnull (info);
  g_assert_cmpint (info->type, ==, HC_FIELD_TYPE_BOOLEAN);
  g_assert_true (hc_field_info_is_exclusion (info));
  if (v->label != NULL)
    {
      g_assert_cmpstr (info->label, ==, v->label);
      g_assert_true (info->from_metadata);
    }

  g_clear_object (&connector);
  fake_stop (&f);
}

/* A field the config names is asked for whatever its name, and the data
 * has it. */
static void
test_requested (gconstpointer data)
{
  const Vendor *v = data;
  g_autoptr (GPtrArray) people = three_people (v);
  g_autoptr (HcConfig) config = hc_config_new_for_kind (v->kind);
  g_autoptr (HcConnector) connector = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autofree char *request = NULL;
  Fake f = { 0 };

  fake_start (&f, v, people);
  connector = connector_new (&f);

  /* not asked for by default */
  before = fetch (connector);
  request = dup_field_request (&f);
  hc_connector_test_assert_lacks (request, v->request_has);
  g_clear_pointer (&request, g_free);

  g_free (config->exclude_field);
  config->exclude_field = g_strdup (v->on_request);
  hc_connector_request_config_fields (connector, config);
  after = fetch (connector);
  request = dup_field_request (&f);
  hc_connector_test_assert_has (request, v->request_has);
  g_assert_cmpuint (after->len, ==, before->len);

  g_clear_object (&connector);
  fake_stop (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("HEADCOUNT_HTTP_POLICY", "connect=5,read=10,attempts=1,total=10,delay=10", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (vendors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/exclusion/%s/default-excludes", vendors[i].kind);

      g_test_add_data_func (path, &vendors[i], test_default_excludes);
      if (vendors[i].on_request != NULL)
        {
          g_autofree char *requested = g_strdup_printf ("/exclusion/%s/requested", vendors[i].kind);

          g_test_add_data_func (requested, &vendors[i], test_requested);
        }
    }

  return g_test_run ();
}
