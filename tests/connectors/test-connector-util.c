/* test-connector-util.c — the helpers the HR connectors share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "config.h"
#include "hc-connector-map.h"
#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-http.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

typedef struct
{
  const char     *json;
  HcJsonTextFlags flags;
  const char     *text;
} ScalarCase;

static const ScalarCase scalar_cases[] = {
  { "\" Ada \"", HC_JSON_TEXT_DEFAULT, " Ada " },
  { "\" Ada \"", HC_JSON_TEXT_TRIM, "Ada" },
  { "\"  \"", HC_JSON_TEXT_TRIM, "" },
  { "\"  \"", HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY, NULL },
  { "\"\"", HC_JSON_TEXT_DEFAULT, "" },
  { "42", HC_JSON_TEXT_DEFAULT, "42" },
  { "-7", HC_JSON_TEXT_NO_EMPTY, "-7" },
  { "true", HC_JSON_TEXT_DEFAULT, "true" },
  { "false", HC_JSON_TEXT_DEFAULT, "false" },
  { "null", HC_JSON_TEXT_DEFAULT, NULL },
  { "{}", HC_JSON_TEXT_DEFAULT, NULL },
  { "[1]", HC_JSON_TEXT_DEFAULT, NULL },
  { "0.1", HC_JSON_TEXT_DEFAULT, "0.10000000000000001" },
  { "0.1", HC_JSON_TEXT_DOUBLE_15, "0.1" },
  { "37.5", HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_ROUND_TRIP, "37.5" },
  { "0.30000000000000004", HC_JSON_TEXT_DOUBLE_15, "0.3" },
  { "0.30000000000000004", HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_ROUND_TRIP, "0.30000000000000004" },
  { "3000.0", HC_JSON_TEXT_DEFAULT, "3000" },
  { "-0.0", HC_JSON_TEXT_DOUBLE_15, "-0" },
  { "-0.0", HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_WHOLE, "0" },
  { "1e20", HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_WHOLE, "1e+20" },
  { "1e300", HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_WHOLE, "1e+300" },
  { "-1e300", HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_WHOLE, "-1e+300" },
  { "9223372036854775808.0", HC_JSON_TEXT_DOUBLE_15 | HC_JSON_TEXT_DOUBLE_WHOLE, "9.22337203685478e+18" },
};

typedef struct
{
  const char    *json;
  gboolean       doubles;
  HcJsonIdResult result;
  const char    *text;
} IdCase;

/* rules.md 32 */
static const IdCase id_cases[] = {
  { "\" 1001 \"", FALSE, HC_JSON_ID_OK, "1001" },
  { "\"e-42\"", FALSE, HC_JSON_ID_OK, "e-42" },
  { "\"  \"", FALSE, HC_JSON_ID_NONE, NULL },
  { "1001", FALSE, HC_JSON_ID_OK, "1001" },
  { "0", FALSE, HC_JSON_ID_OK, "0" },
  { "9007199254740991", FALSE, HC_JSON_ID_OK, "9007199254740991" },
  { "9007199254740992", FALSE, HC_JSON_ID_INVALID, "9007199254740992" },
  { "-1", FALSE, HC_JSON_ID_INVALID, "-1" },
  { "9223372036854775808", FALSE, HC_JSON_ID_INVALID, "-9223372036854775808" },
  { "1001.0", TRUE, HC_JSON_ID_OK, "1001" },
  { "1001.0", FALSE, HC_JSON_ID_NONE, NULL },
  { "1.5", TRUE, HC_JSON_ID_NONE, NULL },
  { "1e300", TRUE, HC_JSON_ID_INVALID, "1e+300" },
  { "-1e300", TRUE, HC_JSON_ID_INVALID, "-1e+300" },
  { "9223372036854775808.0", TRUE, HC_JSON_ID_INVALID, "9.22337203685478e+18" },
  { "-1.0", TRUE, HC_JSON_ID_INVALID, "-1" },
  { "true", TRUE, HC_JSON_ID_NONE, NULL },
  { "null", TRUE, HC_JSON_ID_NONE, NULL },
  { "{}", TRUE, HC_JSON_ID_NONE, NULL },
};

static void
test_id_text (gconstpointer data)
{
  const IdCase *c = data;
  g_autoptr (JsonNode) node = parse (c->json);
  g_autofree char *text = NULL;

  g_assert_cmpint (hc_json_id_text (node, c->doubles, &text), ==, c->result);
  g_assert_cmpstr (text, ==, c->text);
}

static void
test_scalar_text (gconstpointer data)
{
  const ScalarCase *c = data;
  g_autoptr (JsonNode) node = parse (c->json);
  g_autofree char *text = hc_json_scalar_text (node, c->flags);

  g_assert_cmpstr (text, ==, c->text);
}

static void
test_scalar_text_null (void)
{
  g_assert_null (hc_json_scalar_text (NULL, HC_JSON_TEXT_DEFAULT));
  g_assert_cmpint (hc_json_value_type (NULL), ==, G_TYPE_INVALID);
}

static void
test_join (void)
{
  g_autoptr (JsonNode) list = parse ("[\" a \", \"\", null, 2, {\"x\": 1}, [3], true]");
  g_autoptr (JsonNode) empty = parse ("[null, \"  \", {}]");
  JsonArray *array = json_node_get_array (list);
  g_autofree char *trimmed = hc_json_join_scalars (array, HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY);
  g_autofree char *plain = hc_json_join_scalars (array, HC_JSON_TEXT_DEFAULT);
  g_autofree char *containers = hc_json_join_scalars (array, HC_JSON_TEXT_NO_EMPTY |
                                                      HC_JSON_TEXT_JSON_CONTAINERS);
  g_autofree char *value = hc_json_value_text (list, HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY);

  g_assert_cmpstr (trimmed, ==, "a, 2, true");
  g_assert_cmpstr (plain, ==, " a , , 2, true");
  g_assert_cmpstr (containers, ==, " a , 2, {\"x\":1}, [3], true");
  g_assert_cmpstr (value, ==, "a, 2, true");
  g_assert_null (hc_json_join_scalars (json_node_get_array (empty),
                                       HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY));
}

static void
test_member_access (void)
{
  g_autoptr (JsonNode) root = parse ("{\"s\": \"x\", \"n\": 1, \"o\": {\"a\": {\"b\": 2}}, \"l\": []}");
  JsonObject *object = json_node_get_object (root);

  g_assert_cmpstr (hc_json_member_string (object, "s"), ==, "x");
  g_assert_null (hc_json_member_string (object, "n"));
  g_assert_null (hc_json_member_string (object, "missing"));
  g_assert_null (hc_json_member_string (NULL, "s"));
  g_assert_nonnull (hc_json_member_object (object, "o"));
  g_assert_null (hc_json_member_object (object, "l"));
  g_assert_nonnull (hc_json_member_array (object, "l"));
  g_assert_null (hc_json_member_array (object, "o"));
  g_assert_null (hc_json_member (NULL, "s"));
  g_assert_cmpint (json_node_get_int (hc_json_lookup (object, "o.a.b")), ==, 2);
  g_assert_null (hc_json_lookup (object, "o.a.c"));
  g_assert_null (hc_json_lookup (object, "s.x"));
}

static void
test_flatten (void)
{
  g_autoptr (JsonNode) record = parse ("{\"name\": \" Ada \", \"team\": {\"id\": 3, \"tags\": [\"x\", \"y\"]},"
                                       " \"roles\": [{\"n\": \"a\"}, {\"n\": \"b\"}], \"gone\": null,"
                                       " \"blank\": \"\"}");
  g_autoptr (HcEmployee) employee = hc_employee_new ("1");
  HcJsonFlat flat;

  hc_json_flat_init (&flat);
  hc_json_flatten (&flat, NULL, record, HC_JSON_TEXT_TRIM | HC_JSON_TEXT_NO_EMPTY);
  g_assert_cmpuint (flat.paths->len, ==, 4);
  g_assert_cmpstr (hc_json_flat_lookup (&flat, "name"), ==, "Ada");
  g_assert_cmpstr (hc_json_flat_lookup (&flat, "team.id"), ==, "3");
  g_assert_cmpstr (hc_json_flat_lookup (&flat, "team.tags"), ==, "x, y");
  g_assert_cmpstr (hc_json_flat_lookup (&flat, "roles.n"), ==, "a, b");
  g_assert_null (hc_json_flat_lookup (&flat, "gone"));
  g_assert_null (hc_json_flat_lookup (&flat, "blank"));

  hc_json_flat_set_fields (&flat, employee);
  g_assert_cmpstr (hc_employee_get_field (employee, "roles.n"), ==, "a, b");
  hc_json_flat_clear (&flat);
  g_assert_null (flat.values);
}

static void
add_leaf (const char *path,
          JsonNode   *node,
          gpointer    user_data)
{
  GPtrArray *leaves = user_data;
  g_autofree char *text = hc_json_value_text (node, HC_JSON_TEXT_DEFAULT);

  g_ptr_array_add (leaves, g_strdup_printf ("%s=%s", path, text ? text : "(none)"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_foreach_leaf (void)
{
  g_autoptr (JsonNode) record = parse ("{\"a\": {\"b\": 1, \"c\": [2, {\"d\": 3}]}, \"e\": null, \"f\": \"g\"}");
  g_autoptr (GPtrArray) leaves = g_ptr_array_new_with_free_func (g_free);

  /* json-glib does not promise the members' order */
  hc_json_foreach_leaf ("r", record, add_leaf, leaves);
  g_ptr_array_sort (leaves, compare_strings);
  g_assert_cmpuint (leaves->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (leaves, 0), ==, "r.a.b=1");
  g_assert_cmpstr (g_ptr_array_index (leaves, 1), ==, "r.a.c=2");
  g_assert_cmpstr (g_ptr_array_index (leaves, 2), ==, "r.f=g");
}

typedef struct
{
  const char *text;
  const char *after;
  const char *date;
} DateCase;

static const DateCase date_cases[] = {
  { "2024-03-01", NULL, "2024-03-01" },
  { "2024-03-01T00:00:00+01:00", NULL, "2024-03-01" },
  { "2024-03-01 09:00", NULL, "2024-03-01" },
  { "2024-02-29", NULL, "2024-02-29" },
  { "2023-02-29", NULL, NULL },
  { "0000-00-00", NULL, NULL },
  { "2024-13-01", NULL, NULL },
  { "2024-3-01", NULL, NULL },
  { "04/05/2021", NULL, NULL },
  { " 2024-03-01", NULL, NULL },
  { "2024-03-01-08:00", NULL, NULL },
  { "2024-03-01-08:00", "Tt -+Zz", "2024-03-01" },
  { "2024-03-01Z", "Tt -+Zz", "2024-03-01" },
  { "2024-03-01x", "Tt -+Zz", NULL },
  { "2024-03", NULL, NULL },
  { "", NULL, NULL },
};

static void
test_cut_date (gconstpointer data)
{
  const DateCase *c = data;
  g_autofree char *date = hc_connector_util_cut_date (c->text, c->after, NULL);

  g_assert_cmpstr (date, ==, c->date);
}

static void
test_cut_date_gdate (void)
{
  g_autofree char *text = NULL;
  GDate date;

  g_assert_null (hc_connector_util_cut_date (NULL, NULL, NULL));
  text = hc_connector_util_cut_date ("2015-01-02T00:00:00.000-08:00", NULL, &date);
  g_assert_cmpstr (text, ==, "2015-01-02");
  g_assert_true (g_date_valid (&date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2015);
  g_assert_cmpint (g_date_get_month (&date), ==, 1);
  g_assert_cmpint (g_date_get_day (&date), ==, 2);
}

static void
test_slugify (void)
{
  static const char * const cases[][2] = {
    { "Skip sync", "skip_sync" },
    { "Coût (€)", "cout_eur" },
    { "Name (preferred)", "name_preferred" },
    { "Kostenstelle Nr.", "kostenstelle_nr" },
    { "  --Team--  ", "team" },
    { "A1 b2", "a1_b2" },
    { "(!?)", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = hc_connector_util_slugify (cases[i][0]);

      g_assert_cmpstr (slug, ==, cases[i][1]);
    }
}

static void
test_today (void)
{
  g_autofree char *today = hc_connector_util_today ();
  g_autofree char *cut = hc_connector_util_cut_date (today, NULL, NULL);

  g_assert_cmpuint (strlen (today), ==, 10);
  g_assert_cmpstr (cut, ==, today);
}

static void
test_messages (void)
{
  /* the tests run in C.UTF-8, which has no thousands separator */
  g_autofree char *locale = hc_connector_util_format_count (5000, HC_CONNECTOR_UTIL_COUNT_LOCALE);
  g_autofree char *grouped = hc_connector_util_format_count (1234567, HC_CONNECTOR_UTIL_COUNT_GROUPED);
  g_autofree char *small = hc_connector_util_format_count (999, HC_CONNECTOR_UTIL_COUNT_GROUPED);
  g_autofree char *of = hc_connector_util_fetched_message ("Workday", 500, 5000,
                                                           HC_CONNECTOR_UTIL_COUNT_GROUPED);
  g_autofree char *one = hc_connector_util_fetched_message ("HiBob", 1, 1,
                                                            HC_CONNECTOR_UTIL_COUNT_LOCALE);
  g_autofree char *count = hc_connector_util_fetched_count_message ("Lucca", 5,
                                                                    HC_CONNECTOR_UTIL_COUNT_LOCALE);

  g_assert_cmpstr (locale, ==, "5000");
  g_assert_cmpstr (grouped, ==, "1,234,567");
  g_assert_cmpstr (small, ==, "999");
  g_assert_cmpstr (of, ==, "Fetched 500 of 5,000 employees from Workday");
  g_assert_cmpstr (one, ==, "Fetched 1 of 1 employee from HiBob");
  g_assert_cmpstr (count, ==, "Fetched 5 employees from Lucca");
}

typedef struct
{
  GPtrArray *messages;
  GArray    *fractions;
} Progress;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_ptr_array_add (p->messages, g_strdup (message));
  g_array_append_val (p->fractions, fraction);
}

static void
test_progress (void)
{
  Progress p = {
    .messages = g_ptr_array_new_with_free_func (g_free),
    .fractions = g_array_new (FALSE, FALSE, sizeof (double)),
  };
  g_autoptr (GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  /* on the caller's own context: at once */
  hc_connector_util_report_progress (task, progress_cb, &p, 0.5, g_strdup ("now"));
  g_assert_cmpuint (p.messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (p.messages, 0), ==, "now");
  g_assert_cmpfloat (g_array_index (p.fractions, double, 0), ==, 0.5);

  /* queued: only once the context runs, in order */
  hc_connector_util_queue_progress (task, progress_cb, &p, -1, g_strdup ("later"));
  hc_connector_util_queue_progress (task, progress_cb, &p, 1.0, NULL);
  g_assert_cmpuint (p.messages->len, ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (p.messages->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (p.messages, 1), ==, "later");
  g_assert_null (g_ptr_array_index (p.messages, 2));
  g_assert_cmpfloat (g_array_index (p.fractions, double, 2), ==, 1.0);

  /* no callback: the message is freed, nothing runs */
  hc_connector_util_report_progress (task, NULL, NULL, 0, g_strdup ("nobody"));
  hc_connector_util_queue_progress (task, NULL, NULL, 0, g_strdup ("nobody"));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (p.messages->len, ==, 3);

  g_ptr_array_unref (p.messages);
  g_array_unref (p.fractions);
}

/* The start of a mapping and the status table (hc-connector-map.h). */
static void
test_map (void)
{
  static const HcConnectorMapStatusWord words[] = {
    { "pending", HC_CONNECTOR_MAP_EQUAL, HC_EMPLOYEE_STATUS_ONBOARDING },
    { "leave", HC_CONNECTOR_MAP_CONTAINS, HC_EMPLOYEE_STATUS_LEAVE },
    { "gone", HC_CONNECTOR_MAP_EXACT, HC_EMPLOYEE_STATUS_INACTIVE },
    { NULL }
  };
  static const char * const skip[] = { "secret_part", NULL };
  const char *today = "2024-06-15";
  g_autoptr (JsonNode) good = json_from_string ("{\"id\": 7, \"name\": \" Ada \", \"secret_part\": 1, \"d\": \"2024-01-02T10:00:00Z\"}", NULL);
  g_autoptr (JsonNode) no_id = json_from_string ("{\"name\": \"Ada\"}", NULL);
  g_autoptr (JsonNode) not_object = json_from_string ("[1]", NULL);
  g_autoptr (HcEmployee) employee = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  JsonObject *object = NULL;

  g_assert_cmpint (hc_connector_map_status ("PENDING", words, NULL, NULL, today), ==, HC_EMPLOYEE_STATUS_ONBOARDING);
  g_assert_cmpint (hc_connector_map_status ("on_Leave", words, NULL, NULL, today), ==, HC_EMPLOYEE_STATUS_LEAVE);
  g_assert_cmpint (hc_connector_map_status ("gone", words, NULL, NULL, today), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  /* exact means exact; unknown values and none fall to the dates */
  g_assert_cmpint (hc_connector_map_status ("GONE", words, NULL, NULL, today), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  g_assert_cmpint (hc_connector_map_status ("GONE", words, NULL, "2024-06-14", today), ==, HC_EMPLOYEE_STATUS_INACTIVE);
  g_assert_cmpint (hc_connector_map_status (NULL, words, NULL, "2024-06-15", today), ==, HC_EMPLOYEE_STATUS_ACTIVE);
  /* a future start wins over any value */
  g_assert_cmpint (hc_connector_map_status ("gone", words, "2024-06-16", NULL, today), ==, HC_EMPLOYEE_STATUS_ONBOARDING);

  employee = hc_connector_map_begin (good, 1, "Acme", "/people", HC_JSON_TEXT_DEFAULT, skip, NULL, NULL, &object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hc_employee_get_id (employee), ==, "7");
  g_assert_cmpstr (hc_employee_get_field (employee, "name"), ==, " Ada ");
  g_assert_null (hc_employee_get_field (employee, "secret_part"));
  g_assert_nonnull (object);
  hc_connector_map_set_text (employee, "trimmed", object, "name", HC_JSON_TEXT_DEFAULT);
  g_assert_cmpstr (hc_employee_get_field (employee, "trimmed"), ==, "Ada");
  date = hc_connector_map_date (json_object_get_member (object, "d"));
  g_assert_cmpstr (date, ==, "2024-01-02");
  g_clear_object (&employee);

  employee = hc_connector_map_begin (no_id, 3, "Acme", "/people", HC_JSON_TEXT_DEFAULT, NULL, NULL, NULL, &object, &error);
  g_assert_null (employee);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "record 3 at /people without an id"));
  g_assert_null (strstr (error->message, "Ada"));
  g_clear_error (&error);
  employee = hc_connector_map_begin (not_object, 4, "Acme", "/people", HC_JSON_TEXT_DEFAULT, NULL, NULL, NULL, &object, &error);
  g_assert_null (employee);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "not an object"));
}

/* Settings and secrets */

static void
test_settings_and_secrets (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *trimmed = hc_connector_util_dup_setting ("  acme \n");
  g_autofree char *url = NULL;
  g_autoptr (HcHttp) http = NULL;
  char *secret = g_strdup ("s3cr3t");
  char buffer[] = "abc";

  g_assert_cmpstr (trimmed, ==, "acme");
  g_assert_null (hc_connector_util_dup_setting (NULL));
  g_assert_null (hc_connector_util_dup_setting (" \t\n"));

  /* wiped in place, up to its end */
  hc_connector_util_wipe (buffer);
  g_assert_cmpmem (buffer, sizeof buffer, "\0\0\0\0", 4);
  hc_connector_util_wipe (NULL);
  hc_connector_util_clear_secret (&secret);
  g_assert_null (secret);
  hc_connector_util_clear_secret (&secret);

  g_assert_true (hc_connector_util_is_header_token ("abc-123_XYZ"));
  g_assert_false (hc_connector_util_is_header_token (NULL));
  g_assert_false (hc_connector_util_is_header_token (""));
  g_assert_false (hc_connector_util_is_header_token ("ab c"));
  g_assert_false (hc_connector_util_is_header_token ("abc\n"));
  g_assert_false (hc_connector_util_is_header_token ("a\x01"));

  /* the address as hc-http keeps it; a bad one is a settings error with
   * the hint, or where the command line sets it */
  url = hc_connector_util_check_base_url ("Acme", "https://api.acme.example/v1/", NULL, &error);
  g_assert_no_error (error);
  http = hc_http_new ("Acme", url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, hc_http_get_base_url (http));
  g_clear_pointer (&url, g_free);
  url = hc_connector_util_check_base_url ("Acme", "ftp://api.acme.example", NULL, &error);
  g_assert_null (url);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  g_assert_nonnull (strstr (error->message, "--base-url"));
  g_clear_error (&error);
  url = hc_connector_util_check_base_url ("Acme", "ftp://api.acme.example", "Use --subdomain.", &error);
  g_assert_null (url);
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_CONFIG);
  g_assert_true (g_str_has_suffix (error->message, " Use --subdomain."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scalar_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/connector-util/scalar-text/%u", i);

      g_test_add_data_func (name, &scalar_cases[i], test_scalar_text);
    }
  g_test_add_func ("/connector-util/scalar-text/null", test_scalar_text_null);
  for (guint i = 0; i < G_N_ELEMENTS (id_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/connector-util/id-text/%u", i);

      g_test_add_data_func (name, &id_cases[i], test_id_text);
    }
  g_test_add_func ("/connector-util/join", test_join);
  g_test_add_func ("/connector-util/member-access", test_member_access);
  g_test_add_func ("/connector-util/flatten", test_flatten);
  g_test_add_func ("/connector-util/foreach-leaf", test_foreach_leaf);
  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/connector-util/cut-date/%u", i);

      g_test_add_data_func (name, &date_cases[i], test_cut_date);
    }
  g_test_add_func ("/connector-util/cut-date/gdate", test_cut_date_gdate);
  g_test_add_func ("/connector-util/slugify", test_slugify);
  g_test_add_func ("/connector-util/today", test_today);
  g_test_add_func ("/connector-util/messages", test_messages);
  g_test_add_func ("/connector-util/progress", test_progress);
  g_test_add_func ("/connector-util/map", test_map);
  g_test_add_func ("/connector-util/settings-and-secrets", test_settings_and_secrets);

  return g_test_run ();
}
