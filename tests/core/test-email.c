/* test-email.c — table-driven tests of the one e-mail normaliser
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>

#include "hc-email.h"

typedef struct
{
  const char *email;
  const char *key;              /* NULL: no key (blank) */
} NormalizeCase;

static const NormalizeCase normalize_cases[] = {
  { "ana@example.com", "ana@example.com" },
  { "Ana@Example.COM", "ana@example.com" },
  { "  ana@example.com\t", "ana@example.com" },
  { "ANA.MARTIN+HR@EXAMPLE.COM", "ana.martin+hr@example.com" },
  { "", NULL },
  { "   ", NULL },
  { NULL, NULL },
  /* non-ASCII: case-folded, and composed so that é typed either way is one */
  { "ÉLODIE@exemple.fr", "élodie@exemple.fr" },
  { "E\xcc\x81lodie@exemple.fr", "élodie@exemple.fr" },      /* E + combining acute */
  { "Jürgen@Firma.DE", "jürgen@firma.de" },
  /* accents count: they are other letters */
  { "jurgen@firma.de", "jurgen@firma.de" },
  /* not UTF-8: compared as bytes, ASCII lower-cased */
  { "AB\xff@x.fr", "ab\xff@x.fr" },
};

static void
test_normalize (gconstpointer data)
{
  const NormalizeCase *c = data;
  g_autofree char *key = hc_email_normalize (c->email);

  g_assert_cmpstr (key, ==, c->key);
}

typedef struct
{
  const char *a;
  const char *b;
  gboolean    equal;
} EqualCase;

static const EqualCase equal_cases[] = {
  { "ana@x.fr", "ANA@X.FR", TRUE },
  { " ana@x.fr", "ana@x.fr ", TRUE },
  { "élodie@x.fr", "ÉLODIE@X.FR", TRUE },
  { "élodie@x.fr", "elodie@x.fr", FALSE },
  { "ana@x.fr", "ana@y.fr", FALSE },
  { "", "", FALSE },
  { NULL, NULL, FALSE },
  { "ana@x.fr", NULL, FALSE },
};

static void
test_equal (gconstpointer data)
{
  const EqualCase *c = data;

  g_assert_cmpint (hc_email_equal (c->a, c->b), ==, c->equal);
  g_assert_cmpint (hc_email_equal (c->b, c->a), ==, c->equal);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (normalize_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/email/normalize/%02u", i);
      g_test_add_data_func (path, &normalize_cases[i], test_normalize);
    }
  for (guint i = 0; i < G_N_ELEMENTS (equal_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/email/equal/%02u", i);
      g_test_add_data_func (path, &equal_cases[i], test_equal);
    }

  return g_test_run ();
}
