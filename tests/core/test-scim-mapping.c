/* test-scim-mapping.c — a destination's outbound mapping: its defaults,
 * its checks, the values it sends, and its round trip through the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hc-error.h"
#include "hc-scim-mapping.h"
#include "hc-test-fixtures.h"

static HcDestination *
new_destination (void)
{
  HcDestination *destination = g_new0 (HcDestination, 1);

  destination->name = g_strdup ("platform");
  destination->kind = g_strdup ("scim");
  destination->base_url = g_strdup ("https://scim.example/v2");
  return destination;
}

/* Unedited, every attribute takes what a User always carried. */
static void
test_defaults (void)
{
  g_autoptr (HcDestination) d = new_destination ();
  const HcScimAttribute *attributes;
  guint n;
  const struct
  {
    const char *attribute;
    const char *field;
  } expected[] = {
    { "userName", "email" },
    { "externalId", HC_SCIM_FIELD_EXTERNAL_ID },
    { "name.givenName", HC_SCIM_FIELD_GIVEN_NAME },
    { "name.familyName", "last_name" },
    { "displayName", HC_SCIM_FIELD_DISPLAY_NAME },
    { "emails[primary]", "email" },
    { "title", "title" },
    { "active", HC_SCIM_FIELD_STATUS },
    { "employeeNumber", "employee_id" },
    { "department", "department" },
    { "manager", "manager" },
  };

  attributes = hc_scim_mapping_get_attributes (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (attributes[i].attribute, ==, expected[i].attribute);
      g_assert_cmpstr (hc_scim_mapping_get (d, expected[i].attribute), ==, expected[i].field);
      g_assert_true (hc_scim_mapping_is_default (d, expected[i].attribute));
    }
  g_assert_true (hc_scim_mapping_find_attribute ("department")->enterprise);
  g_assert_false (hc_scim_mapping_find_attribute ("title")->enterprise);
  g_assert_null (hc_scim_mapping_find_attribute ("nickName"));
  g_assert_null (d->mapping);
}

static void
test_set_and_check (void)
{
  g_autoptr (HcDestination) d = new_destination ();
  g_autoptr (GError) error = NULL;

  g_assert_true (hc_scim_mapping_set (d, "title", "custom.job_code", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hc_scim_mapping_get (d, "title"), ==, "custom.job_code");
  g_assert_false (hc_scim_mapping_is_default (d, "title"));
  g_assert_true (hc_scim_mapping_set (d, "department", NULL, &error));
  g_assert_null (hc_scim_mapping_get (d, "department"));
  g_assert_true (hc_scim_mapping_set (d, "manager", NULL, &error));
  g_assert_null (hc_scim_mapping_get (d, "manager"));
  g_assert_true (hc_scim_mapping_set (d, "userName", "employee_id", &error));
  g_assert_cmpstr (hc_scim_mapping_get (d, "userName"), ==, "employee_id");

  /* Setting the default takes the override away. */
  g_assert_true (hc_scim_mapping_set (d, "userName", "email", &error));
  g_assert_false (g_hash_table_contains (d->mapping, "userName"));

  /* Unknown attribute, unknown field, a field the attribute cannot take,
   * "Not sent" where the service needs a value, active. */
  g_assert_false (hc_scim_mapping_set (d, "nickName", "first_name", &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "nickName"));
  g_assert_nonnull (strstr (error->message, "userName"));
  g_clear_error (&error);
  g_assert_false (hc_scim_mapping_set (d, "title", "shoe_size", &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "shoe_size"));
  g_clear_error (&error);
  g_assert_false (hc_scim_mapping_set (d, "title", "custom.bad name", &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (hc_scim_mapping_set (d, "manager", "title", &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (hc_scim_mapping_set (d, "userName", NULL, &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (hc_scim_mapping_set (d, "externalId", "", &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (hc_scim_mapping_set (d, "active", "title", &error));
  g_assert_error (error, HC_ERROR, HC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* A refused change leaves the mapping as it was. */
  g_assert_cmpstr (hc_scim_mapping_get (d, "title"), ==, "custom.job_code");
  g_assert_cmpstr (hc_scim_mapping_get (d, "userName"), ==, "email");

  hc_scim_mapping_reset (d);
  g_assert_true (hc_scim_mapping_is_default (d, "title"));
  g_assert_true (hc_scim_mapping_is_default (d, "department"));
}

static void
test_values (void)
{
  g_autoptr (HcDestination) d = new_destination ();
  g_autoptr (HcMember) member = hc_test_member ("7|E7|Noah.Petit@Acme.example|Noah|Petit|active||1|Engineer");
  g_autoptr (HcMember) manual = hc_test_member ("8||ines@acme.example|Inès|Caron|invited");
  g_autoptr (GError) error = NULL;
  char *value;

  value = hc_scim_mapping_get_value (d, "userName", member);
  g_assert_cmpstr (value, ==, "noah.petit@acme.example");
  g_free (value);
  value = hc_scim_mapping_get_value (d, "externalId", member);
  g_assert_cmpstr (value, ==, "E7");
  g_free (value);
  value = hc_scim_mapping_get_value (d, "externalId", manual);
  g_assert_cmpstr (value, ==, "headcount-8");
  g_free (value);
  value = hc_scim_mapping_get_value (d, "name.givenName", member);
  g_assert_cmpstr (value, ==, "Noah");
  g_free (value);
  hc_member_set_field (member, HC_MEMBER_FIELD_PREFERRED_NAME, "Noé");
  value = hc_scim_mapping_get_value (d, "name.givenName", member);
  g_assert_cmpstr (value, ==, "Noé");
  g_free (value);

  /* A custom field in a core attribute; an empty one sends nothing. */
  g_assert_true (hc_scim_mapping_set (d, "title", "custom.job_code", &error));
  g_assert_null (hc_scim_mapping_get_value (d, "title", member));
  hc_member_set_field (member, "custom.job_code", "ENG-2");
  value = hc_scim_mapping_get_value (d, "title", member);
  g_assert_cmpstr (value, ==, "ENG-2");
  g_free (value);

  /* userName from an empty field falls back to the e-mail. */
  g_assert_true (hc_scim_mapping_set (d, "userName", "team", &error));
  value = hc_scim_mapping_get_value (d, "userName", member);
  g_assert_cmpstr (value, ==, "noah.petit@acme.example");
  g_free (value);
  hc_member_set_field (member, HC_MEMBER_FIELD_TEAM, "Platform");
  value = hc_scim_mapping_get_value (d, "userName", member);
  g_assert_cmpstr (value, ==, "Platform");
  g_free (value);

  g_assert_true (hc_scim_mapping_set (d, "displayName", NULL, &error));
  g_assert_null (hc_scim_mapping_get_value (d, "displayName", member));
}

static void
test_uses_field (void)
{
  g_autoptr (HcDestination) d = new_destination ();
  g_autoptr (GError) error = NULL;

  g_assert_true (hc_scim_mapping_uses_field (d, "first_name"));
  g_assert_true (hc_scim_mapping_uses_field (d, "preferred_name"));
  g_assert_true (hc_scim_mapping_uses_field (d, "employee_id"));
  g_assert_true (hc_scim_mapping_uses_field (d, "state"));
  g_assert_false (hc_scim_mapping_uses_field (d, "team"));
  g_assert_false (hc_scim_mapping_uses_field (d, "office"));
  g_assert_false (hc_scim_mapping_uses_field (d, "custom.job_code"));

  g_assert_true (hc_scim_mapping_set (d, "title", "team", &error));
  g_assert_true (hc_scim_mapping_set (d, "department", NULL, &error));
  g_assert_true (hc_scim_mapping_uses_field (d, "team"));
  g_assert_false (hc_scim_mapping_uses_field (d, "department"));
  g_assert_true (hc_scim_mapping_set (d, "employeeNumber", "custom.job_code", &error));
  g_assert_true (hc_scim_mapping_uses_field (d, "custom.job_code"));
  g_assert_false (hc_scim_mapping_uses_field (d, "custom.cost_center"));
  d->custom_schema = g_strdup ("urn:example:custom");
  g_assert_true (hc_scim_mapping_uses_field (d, "custom.cost_center"));
}

/* The mapping is stored with the destination's settings. */
static void
test_store (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hc-scim-mapping-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr (HcStore) store = hc_store_new (path, &error);
  g_autoptr (HcDestination) d = new_destination ();
  g_autoptr (HcDestination) read = NULL;
  g_autoptr (HcDestination) again = NULL;

  g_assert_no_error (error);
  d->id = hc_destination_add (store, d, &error);
  g_assert_no_error (error);
  read = hc_destination_find (store, "platform", &error);
  g_assert_no_error (error);
  g_assert_null (read->mapping);

  g_assert_true (hc_scim_mapping_set (read, "title", "custom.job_code", &error));
  g_assert_true (hc_scim_mapping_set (read, "department", NULL, &error));
  g_assert_true (hc_destination_save_settings (store, read, &error));
  g_assert_no_error (error);
  again = hc_destination_find (store, "platform", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hc_scim_mapping_get (again, "title"), ==, "custom.job_code");
  g_assert_null (hc_scim_mapping_get (again, "department"));
  g_assert_true (hc_scim_mapping_is_default (again, "userName"));
  /* The other settings stayed. */
  g_assert_cmpstr (again->group_names, ==, HC_DESTINATION_GROUPS_PATH);

  hc_scim_mapping_reset (again);
  g_assert_true (hc_destination_save_settings (store, again, &error));
  g_clear_pointer (&read, hc_destination_free);
  read = hc_destination_find (store, "platform", &error);
  g_assert_true (hc_scim_mapping_is_default (read, "title"));
  g_assert_true (hc_scim_mapping_is_default (read, "department"));

  g_clear_object (&store);
  hc_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scim-mapping/defaults", test_defaults);
  g_test_add_func ("/scim-mapping/set-and-check", test_set_and_check);
  g_test_add_func ("/scim-mapping/values", test_values);
  g_test_add_func ("/scim-mapping/uses-field", test_uses_field);
  g_test_add_func ("/scim-mapping/store", test_store);
  return g_test_run ();
}
