/* test-sanitize.c — table-driven tests of the cleaning of HR values
 * (rules.md 31)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "hc-employee.h"
#include "hc-member.h"
#include "hc-sanitize.h"

typedef struct
{
  const char      *name;
  const char      *field;
  const char      *value;
  HcSanitizeResult result;
  const char      *out;
} SanitizeCase;

static const SanitizeCase cases[] = {
  { "plain", HC_FIELD_FIRST_NAME, "Zoé", HC_SANITIZE_OK, "Zoé" },
  { "null", HC_FIELD_FIRST_NAME, NULL, HC_SANITIZE_OK, NULL },
  { "bad-utf8", HC_FIELD_LAST_NAME, "Ab\xff", HC_SANITIZE_BAD_TEXT, NULL },
  { "lone-surrogate", HC_FIELD_OFFICE, "x\xed\xa0\x80", HC_SANITIZE_BAD_TEXT, NULL },
  { "esc-bel", HC_FIELD_LAST_NAME, "A\x1b[31mB\x07", HC_SANITIZE_CHANGED, "A[31mB" },
  { "c1", HC_FIELD_OFFICE, "A\xc2\x9b" "B", HC_SANITIZE_CHANGED, "AB" },
  { "tab-newline", HC_FIELD_FIRST_NAME, "Ana\tMaria\nJo", HC_SANITIZE_CHANGED, "Ana Maria Jo" },
  { "bidi-name", HC_FIELD_LAST_NAME, "Ab\xe2\x80\xae" "cd", HC_SANITIZE_CHANGED, "Abcd" },
  { "zwsp-name", HC_FIELD_POSITION, "Dev\xe2\x80\x8bOps", HC_SANITIZE_CHANGED, "DevOps" },
  { "bidi-custom-kept", "notes", "Ab\xe2\x81\xa6" "cd", HC_SANITIZE_OK, "Ab\xe2\x81\xa6" "cd" },
  { "only-controls", HC_FIELD_TEAM, "\x01\x02", HC_SANITIZE_CHANGED, NULL },
  { "email-ok", HC_FIELD_EMAIL, "ana@example.com", HC_SANITIZE_OK, "ana@example.com" },
  { "email-trimmed", HC_FIELD_EMAIL, " ana@example.com ", HC_SANITIZE_CHANGED, "ana@example.com" },
  { "email-cut-by-nul", HC_FIELD_EMAIL, "a", HC_SANITIZE_BAD_EMAIL, NULL },
  { "email-zwsp", HC_FIELD_EMAIL, "ana\xe2\x80\x8b@example.com", HC_SANITIZE_BAD_EMAIL, NULL },
  { "email-bidi", HC_FIELD_EMAIL, "ana\xe2\x80\xae@example.com", HC_SANITIZE_BAD_EMAIL, NULL },
  { "email-esc", HC_FIELD_EMAIL, "ana\x1b@example.com", HC_SANITIZE_BAD_EMAIL, NULL },
  { "email-syntax", HC_FIELD_EMAIL, "not an address", HC_SANITIZE_BAD_EMAIL, NULL },
  { "email-bad-utf8", HC_FIELD_EMAIL, "an\xff@example.com", HC_SANITIZE_BAD_TEXT, NULL },
};

static void
test_case (gconstpointer data)
{
  const SanitizeCase *c = data;
  g_autofree char *out = NULL;

  g_assert_cmpint (hc_sanitize_value (c->field, c->value, &out), ==, c->result);
  g_assert_cmpstr (out, ==, c->out);
  /* the quick look keeps only what hc_sanitize_value() keeps as it is */
  if (hc_sanitize_value_is_kept (c->field, c->value))
    {
      g_assert_cmpint (c->result, ==, HC_SANITIZE_OK);
      g_assert_cmpstr (c->out, ==, c->value);
    }
}

/* The quick look of hc_connector_clean_employee(): plain values are kept
 * without a copy; anything it is not sure of goes to hc_sanitize_value(). */
static void
test_is_kept (void)
{
  g_autoptr (GString) ascii = g_string_new (NULL);
  g_autoptr (GString) email = g_string_new (NULL);

  g_assert_true (hc_sanitize_value_is_kept (HC_FIELD_FIRST_NAME, "Ana"));
  g_assert_true (hc_sanitize_value_is_kept (HC_FIELD_FIRST_NAME, NULL));
  g_assert_true (hc_sanitize_value_is_kept ("cost_center.name", "R&D 4 (Berlin)"));
  g_assert_true (hc_sanitize_value_is_kept (HC_FIELD_EMAIL, "ana@example.com"));
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_EMAIL, " ana@example.com"));
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_EMAIL, "ana@example.com "));
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_EMAIL, "not an address"));
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_EMAIL, ""));
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_LAST_NAME, "Ab\x7f"));
  /* text with accents is kept as it is, unless something in it is not */
  g_assert_true (hc_sanitize_value_is_kept (HC_FIELD_LAST_NAME, "Zo\xc3\xa9"));
  g_assert_true (hc_sanitize_value_is_kept ("cost_center.name", "M\xc3\xbcnchen \xe2\x80\x94 R&D"));
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_LAST_NAME, "Zo\xc3\xa9\xe2\x80\x8b"));
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_LAST_NAME, "Zo\xc3\xa9\t"));
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_LAST_NAME, "Zo\xc3"));
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_LAST_NAME, "Zo\xc2\x85"));
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_EMAIL, "zo\xc3\xa9@example.com"));

  /* lengths: a name is cut past 256 characters, an e-mail refused past 254 */
  g_string_append_c (ascii, 'a');
  while (ascii->len < HC_SANITIZE_NAME_MAX)
    g_string_append_c (ascii, 'b');
  g_assert_true (hc_sanitize_value_is_kept (HC_FIELD_FIRST_NAME, ascii->str));
  g_string_append_c (ascii, 'c');
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_FIRST_NAME, ascii->str));
  /* the same in characters when they are not all ASCII */
  g_string_truncate (ascii, HC_SANITIZE_NAME_MAX - 1);
  g_string_append (ascii, "\xc3\xa9");
  g_assert_true (hc_sanitize_value_is_kept (HC_FIELD_FIRST_NAME, ascii->str));
  g_string_append (ascii, "\xc3\xa9");
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_FIRST_NAME, ascii->str));
  while (email->len < HC_SANITIZE_EMAIL_MAX - strlen ("@example.com"))
    g_string_append_c (email, 'a');
  g_string_append (email, "@example.com");
  g_assert_cmpuint (email->len, ==, HC_SANITIZE_EMAIL_MAX);
  g_assert_cmpint (hc_member_email_is_valid (email->str), ==,
                   hc_sanitize_value_is_kept (HC_FIELD_EMAIL, email->str));
  g_string_prepend_c (email, 'a');
  g_assert_false (hc_sanitize_value_is_kept (HC_FIELD_EMAIL, email->str));
}

/* rules.md 31: names are cut at 256 characters, other values at 1,024, on
 * a character boundary; an e-mail longer than 254 is no e-mail. */
static void
test_lengths (void)
{
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (GString) email = g_string_new (NULL);
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;

  for (guint i = 0; i < 65536 / 2; i++)
    g_string_append (name, "é");
  g_assert_cmpint (hc_sanitize_value (HC_FIELD_FIRST_NAME, name->str, &out), ==, HC_SANITIZE_CHANGED);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (out, -1), ==, HC_SANITIZE_NAME_MAX);

  g_assert_cmpint (hc_sanitize_value ("address.street", name->str, &out2), ==, HC_SANITIZE_CHANGED);
  g_assert_cmpint (g_utf8_strlen (out2, -1), ==, HC_SANITIZE_VALUE_MAX);

  for (guint i = 0; i < 250; i++)
    g_string_append_c (email, 'a');
  g_string_append (email, "@example.com");
  g_assert_cmpint (hc_sanitize_value (HC_FIELD_EMAIL, email->str, &out3), ==, HC_SANITIZE_BAD_EMAIL);
  g_assert_null (out3);
}

/* The one e-mail validator refuses hidden characters too, so that the
 * CSV import and the form agree with the connectors. */
static void
test_email_validator (void)
{
  g_assert_true (hc_member_email_is_valid ("ana@example.com"));
  g_assert_false (hc_member_email_is_valid ("ana\xe2\x80\x8b@example.com"));
  g_assert_false (hc_member_email_is_valid ("ana@exa\xe2\x80\xaemple.com"));
  g_assert_false (hc_member_email_is_valid ("an\xff@example.com"));
  /* ASCII: no control, space nor what a mail header would choke on */
  g_assert_true (hc_member_email_is_valid ("ana.b-c+d_e'f@ex-ample.co.uk"));
  g_assert_false (hc_member_email_is_valid ("an\x7f@example.com"));
  g_assert_false (hc_member_email_is_valid ("an\x1f@example.com"));
  g_assert_false (hc_member_email_is_valid ("an a@example.com"));
  for (const char *c = "()<>,;:\\\"[]"; *c != '\0'; c++)
    {
      g_autofree char *bad = g_strdup_printf ("an%ca@example.com", *c);

      g_assert_false (hc_member_email_is_valid (bad));
    }
  /* not ASCII: checked by character */
  g_assert_true (hc_member_email_is_valid ("zo\xc3\xa9@example.com"));
  g_assert_false (hc_member_email_is_valid ("zo\xc2\x85@example.com"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sanitize/value/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/sanitize/lengths", test_lengths);
  g_test_add_func ("/sanitize/email-validator", test_email_validator);
  g_test_add_func ("/sanitize/is-kept", test_is_kept);
  return g_test_run ();
}
