/* test-merge-patch.c — JSON merge patch (RFC 7396), table-driven
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "hc-error.h"
#include "hc-merge-patch.h"

typedef struct
{
  const char *target;           /* NULL: absent */
  const char *patch;
  const char *result;
} PatchCase;

static const PatchCase patch_cases[] = {
  /* RFC 7396, appendix A */
  { "{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}" },
  { "{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}" },
  { "{\"a\":\"b\"}", "{\"a\":null}", "{}" },
  { "{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}" },
  { "{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}" },
  { "{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}" },
  { "{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}" },
  { "{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}" },
  { "[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]" },
  { "{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]" },
  { "{\"a\":\"foo\"}", "null", "null" },
  { "{\"a\":\"foo\"}", "\"bar\"", "\"bar\"" },
  { "{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}" },
  { "[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}" },
  { "{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}" },
  /* RFC 7396, section 3 */
  { "{\"title\":\"Goodbye!\",\"author\":{\"givenName\":\"John\",\"familyName\":\"Doe\"},"
    "\"tags\":[\"example\",\"sample\"],\"content\":\"This will be unchanged\"}",
    "{\"title\":\"Hello!\",\"phoneNumber\":\"+01-123-456-7890\",\"author\":{\"familyName\":null},"
    "\"tags\":[\"example\"]}",
    "{\"title\":\"Hello!\",\"author\":{\"givenName\":\"John\"},\"tags\":[\"example\"],"
    "\"content\":\"This will be unchanged\",\"phoneNumber\":\"+01-123-456-7890\"}" },
  /* a connector's configuration: one key changes, the rest stays */
  { "{\"scope\":{\"mode\":\"custom\",\"rules\":[{\"field\":\"office\",\"values\":[\"Paris\"]}],"
    "\"include_managers\":false},\"schedule\":\"24h\"}",
    "{\"scope\":{\"include_managers\":true}}",
    "{\"scope\":{\"mode\":\"custom\",\"rules\":[{\"field\":\"office\",\"values\":[\"Paris\"]}],"
    "\"include_managers\":true},\"schedule\":\"24h\"}" },
  /* a list is replaced, never merged item by item */
  { "{\"scope\":{\"rules\":[{\"field\":\"office\",\"values\":[\"Paris\"]}]}}",
    "{\"scope\":{\"rules\":[{\"field\":\"team\",\"values\":[\"Sales\"]}]}}",
    "{\"scope\":{\"rules\":[{\"field\":\"team\",\"values\":[\"Sales\"]}]}}" },
  /* null deletes a nested key; deleting what is not there is no error */
  { "{\"pre_start_days\":7,\"scope\":{\"exclude_field\":\"skip_sync\"}}",
    "{\"pre_start_days\":null,\"scope\":{\"exclude_field\":null,\"statuses\":null}}",
    "{\"scope\":{}}" },
  /* an empty patch object changes nothing */
  { "{\"a\":{\"b\":[1,2]}}", "{}", "{\"a\":{\"b\":[1,2]}}" },
  /* no target at all */
  { NULL, "{\"a\":{\"b\":null,\"c\":1}}", "{\"a\":{\"c\":1}}" },
  { NULL, "3", "3" },
  /* scalars replace whatever was there, objects too */
  { "{\"a\":{\"b\":1}}", "{\"a\":false}", "{\"a\":false}" },
  { "{\"a\":false}", "{\"a\":{\"b\":1}}", "{\"a\":{\"b\":1}}" },
};

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static void
test_patch (gconstpointer data)
{
  const PatchCase *c = data;
  g_autoptr (JsonNode) target = c->target ? parse (c->target) : NULL;
  g_autoptr (JsonNode) patch = parse (c->patch);
  g_autoptr (JsonNode) expected = parse (c->result);
  g_autoptr (JsonNode) result = NULL;
  g_autofree char *target_before = target ? to_text (target) : NULL;
  g_autofree char *patch_before = to_text (patch);
  g_autofree char *target_after = NULL;
  g_autofree char *patch_after = NULL;

  result = hc_json_merge_patch (target, patch);
  if (!json_node_equal (result, expected))
    {
      g_autofree char *got = to_text (result);

      g_error ("%s + %s: expected %s, got %s", c->target, c->patch, c->result, got);
    }

  /* pure: neither argument changes */
  target_after = target ? to_text (target) : NULL;
  patch_after = to_text (patch);
  g_assert_cmpstr (target_before, ==, target_after);
  g_assert_cmpstr (patch_before, ==, patch_after);

  /* changing the result leaves the target alone */
  if (target != NULL && JSON_NODE_HOLDS_OBJECT (result))
    {
      g_autofree char *again = NULL;

      json_object_set_string_member (json_node_get_object (result), "added", "x");
      again = to_text (target);
      g_assert_cmpstr (again, ==, target_before);
    }
}

static void
test_text (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *merged = hc_json_merge_patch_text ("{\"a\": 1, \"b\": {\"c\": 2}}",
                                                      "{\"b\": {\"c\": null, \"d\": 3}}", &error);
  g_autofree char *bad = NULL;
  g_autoptr (JsonNode) got = NULL;
  g_autoptr (JsonNode) expected = parse ("{\"a\": 1, \"b\": {\"d\": 3}}");

  g_assert_no_error (error);
  got = parse (merged);
  g_assert_true (json_node_equal (got, expected));

  bad = hc_json_merge_patch_text ("{}", "{\"a\": ", &error);
  g_assert_null (bad);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "patch"));
  g_clear_error (&error);

  bad = hc_json_merge_patch_text ("{", "{}", &error);
  g_assert_null (bad);
  g_assert_error (error, HC_ERROR, HC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "configuration"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (patch_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/merge-patch/case/%02u", i);
      g_test_add_data_func (path, &patch_cases[i], test_patch);
    }
  g_test_add_func ("/merge-patch/text", test_text);

  return g_test_run ();
}
