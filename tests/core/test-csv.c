/* test-csv.c — the CSV reader and writer: tricky files, line numbers, streaming
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "hc-csv.h"

/* A stream that hands out a few bytes per read (1 to 7, in turn), so that
 * every record of every file straddles the reader's buffer refills. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream
{
  GInputStream parent_instance;
  GBytes      *bytes;
  gsize        pos;
  guint        reads;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream *stream,
                          void         *buffer,
                          gsize         count,
                          GCancellable *cancellable,
                          GError      **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size = 0;
  const guchar *data = g_bytes_get_data (self->bytes, &size);
  gsize trickle = 1 + self->reads++ % 7;   /* MIN () evaluates twice: no ++ inside */
  gsize n = MIN (MIN (count, size - self->pos), trickle);

  memcpy (buffer, data + self->pos, n);
  self->pos += n;

  return n;
}

static gboolean
test_trickle_stream_close (GInputStream *stream,
                           GCancellable *cancellable,
                           GError      **error)
{
  return TRUE;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  g_bytes_unref (TEST_TRICKLE_STREAM (object)->bytes);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = test_trickle_stream_close;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static GInputStream *
trickle_stream_new (GBytes *bytes)
{
  TestTrickleStream *self = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_ref (bytes);

  return G_INPUT_STREAM (self);
}

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static const char *
describe_code (const GError *error)
{
  if (error->domain != HC_CSV_ERROR)
    return "other";

  switch (error->code)
    {
    case HC_CSV_ERROR_UNTERMINATED_QUOTE:
      return "unterminated";
    case HC_CSV_ERROR_FIELD_COUNT:
      return "field-count";
    case HC_CSV_ERROR_INVALID_UTF8:
      return "utf8";
    default:
      return "?";
    }
}

/* Non-ASCII bytes stay as they are in the dump, so that accents read. */
static const char *
escape_exceptions (void)
{
  static char exceptions[129];

  if (exceptions[0] == '\0')
    {
      for (int i = 0; i < 128; i++)
        exceptions[i] = (char) (0x80 + i);
    }

  return exceptions;
}

/* Every record as "LINE: [field] [field]", escaped, with " !code@line" for
 * its problem; a fatal error as "!code@line". Also checks that every
 * message names the line it is about. (transfer full) */
static char *
dump_reader (HcCsvReader *reader)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  HcCsvRecord *record;

  while ((record = hc_csv_reader_next (reader, NULL, &error)) != NULL)
    {
      g_assert_cmpuint (record->n_fields, ==, g_strv_length (record->fields));
      g_string_append_printf (out, "%u:", record->line);
      for (guint i = 0; i < record->n_fields; i++)
        {
          g_autofree char *escaped = g_strescape (record->fields[i], escape_exceptions ());

          g_assert_true (g_utf8_validate (record->fields[i], -1, NULL));
          g_string_append_printf (out, " [%s]", escaped);
        }
      if (record->error != NULL)
        {
          g_autofree char *prefix = g_strdup_printf ("Line %u: ", record->error_line);

          g_assert_true (g_str_has_prefix (record->error->message, prefix));
          g_string_append_printf (out, " !%s@%u", describe_code (record->error), record->error_line);
        }
      g_string_append_c (out, '\n');
      hc_csv_record_free (record);
    }

  if (error != NULL)
    {
      g_autofree char *prefix = g_strdup_printf ("Line %u: ", hc_csv_reader_get_error_line (reader));

      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_string_append_printf (out, "!%s@%u\n", describe_code (error), hc_csv_reader_get_error_line (reader));
    }

  /* The end, or a fatal error, is final. */
  g_clear_error (&error);
  g_assert_null (hc_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  const char *file;
  char        separator;         /* given; 0 detects */
  char        expect_separator;
  gboolean    expect_bom;
  const char *expect;
} ReadCase;

static const ReadCase read_cases[] = {
  { "comma.csv", 0, ',', FALSE,
    "1: [name] [email] [title]\n"
    "2: [Ana] [ana@example.org] [CEO]\n"
    "3: [Bob] [bob@example.org] [Developer]\n" },
  { "semicolon.csv", 0, ';', FALSE,
    "1: [name] [email] [title]\n"
    "2: [Ana] [ana@example.org] [CEO]\n"
    "3: [Bob] [bob@example.org] [Développeur]\n" },
  { "bom-comma.csv", 0, ',', TRUE,
    "1: [name] [email]\n"
    "2: [Zoé] [zoe@example.org]\n" },
  { "bom-semicolon.csv", 0, ';', TRUE,
    "1: [Nom] [Prénom] [Courriel]\n"
    "2: [López] [Ana] [ana@example.org]\n" },
  { "crlf.csv", 0, ',', FALSE,
    "1: [a] [b]\n2: [1] [2]\n3: [3] [4]\n" },
  { "no-final-newline.csv", 0, ',', FALSE,
    "1: [a] [b]\n2: [1] [2]\n3: [3] [4]\n" },
  { "crlf-no-final-newline.csv", 0, ',', FALSE,
    "1: [a] [b]\n2: [1] [2]\n3: [3] [4]\n" },
  { "lone-cr.csv", 0, ',', FALSE,
    "1: [a] [b]\n2: [1] [2]\n3: [3] [4]\n" },
  { "quoted-separator.csv", 0, ',', FALSE,
    "1: [name] [title]\n"
    "2: [Martin, Bob] [Head of sales; EMEA]\n" },
  { "quoted-semicolon.csv", 0, ';', FALSE,
    "1: [nom] [poste]\n"
    "2: [Dupont; Jean] [Vente, export]\n" },
  { "doubled-quotes.csv", 0, ',', FALSE,
    "1: [name] [nick]\n"
    "2: [Ana] [The \\\"Boss\\\"]\n"
    "3: [\\\"] []\n" },
  { "quoted-newline.csv", 0, ',', FALSE,
    "1: [name] [address]\n"
    "2: [Ana] [1 rue de Paris\\n75001 Paris\\nFrance]\n"
    "5: [Bob] [here]\n" },
  { "quoted-crlf.csv", 0, ',', FALSE,
    "1: [name] [note]\n"
    "2: [Ana] [line one\\r\\nline two]\n"
    "4: [Bob] [x]\n" },
  { "empty-lines.csv", 0, ',', FALSE,
    "2: [a] [b]\n4: [1] [2]\n7: [3] [4]\n" },
  { "leading-empty-lines.csv", 0, ';', FALSE,
    "3: [nom] [email]\n4: [A] [a@x]\n" },
  { "missing-columns.csv", 0, ',', FALSE,
    "1: [a] [b] [c]\n"
    "2: [1] [2] [3]\n"
    "3: [4] [5] !field-count@3\n"
    "4: [6] [7] [8]\n" },
  { "extra-columns.csv", 0, ',', FALSE,
    "1: [a] [b]\n"
    "2: [1] [2]\n"
    "3: [3] [4] [5] [6] !field-count@3\n"
    "4: [7] [8]\n" },
  { "invalid-utf8.csv", 0, ',', FALSE,
    "1: [name] [city]\n"
    "2: [Ana] [Paris]\n"
    "3: [Zo\xef\xbf\xbd] [Lyon] !utf8@3\n"
    "4: [Bob] [Nice]\n" },
  { "invalid-utf8-multiline.csv", 0, ',', FALSE,
    "1: [name] [note]\n"
    "2: [Ana] [first\\nsecond \xef\xbf\xbd\\nthird] !utf8@3\n"
    "5: [Bob] [ok]\n" },
  { "nul-byte.csv", 0, ',', FALSE,
    "1: [a] [b]\n"
    "2: [1] [x\xef\xbf\xbdy] !utf8@2\n" },
  { "unterminated-quote-end.csv", 0, ',', FALSE,
    "1: [name] [note]\n"
    "2: [Ana] [ok]\n"
    "!unterminated@3\n" },
  { "unterminated-quote-middle.csv", 0, ',', FALSE,
    "1: [name] [note]\n"
    "!unterminated@2\n" },
  { "header-only.csv", 0, ',', FALSE,
    "1: [email] [first_name] [last_name]\n" },
  { "header-only-no-newline.csv", 0, ';', FALSE,
    "1: [email] [first_name] [last_name]\n" },
  { "empty.csv", 0, ',', FALSE, "" },
  { "bom-only.csv", 0, ',', TRUE, "" },
  { "empty-fields.csv", 0, ',', FALSE,
    "1: [a] [b] [c]\n"
    "2: [] [] []\n"
    "3: [] [x] []\n"
    "4: [1] [] []\n" },
  { "utf16.csv", 0, ',', FALSE, "!utf8@1\n" },
  { "sep-line.csv", 0, ';', FALSE,
    "2: [name] [email]\n"
    "3: [Ana] [ana@example.org]\n" },
  { "stray-quotes.csv", 0, ',', FALSE,
    "1: [a] [b]\n"
    "2: [say \\\"hi\\\"] [quotedtail]\n" },
  { "detect-from-header.csv", 0, ';', FALSE,
    "1: [Nom] [Prénom] [Poste]\n"
    "2: [Dupont] [Jean] [Vente, export, et achats]\n" },
  { "spaces.csv", 0, ',', FALSE,
    "1: [a] [b]\n"
    "2: [  padded  ] [ \\\"quoted \\\" ]\n" },
  { "unicode.csv", 0, ',', FALSE,
    "1: [name] [emoji]\n"
    "2: [José Ångström] [\xf0\x9f\x98\x80]\n"
    "3: [李雷] [æøå]\n" },
  /* The separator given wins over the detection. */
  { "semicolon.csv", ',', ',', FALSE,
    "1: [name;email;title]\n"
    "2: [Ana;ana@example.org;CEO]\n"
    "3: [Bob;bob@example.org;Développeur]\n" },
  { "quoted-separator.csv", ';', ';', FALSE,
    "1: [name,title]\n"
    "2: [Martin, Bob,\\\"Head of sales] [ EMEA\\\"] !field-count@2\n" },
  { "bom-comma.csv", ';', ';', TRUE,
    "1: [name,email]\n"
    "2: [Zoé,zoe@example.org]\n" },
};

static void
check_read_case (const ReadCase *c,
                 GInputStream   *stream)
{
  g_autoptr (HcCsvReader) reader = hc_csv_reader_new (stream, c->separator);
  g_autofree char *dump = dump_reader (reader);

  g_assert_cmpstr (dump, ==, c->expect);
  g_assert_cmpint (hc_csv_reader_get_separator (reader), ==, c->expect_separator);
  g_assert_cmpint (hc_csv_reader_had_bom (reader), ==, c->expect_bom);
}

static void
test_read_file (gconstpointer data)
{
  const ReadCase *c = data;
  g_autoptr (GBytes) bytes = load_fixture (c->file);
  g_autoptr (GInputStream) memory = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr (GInputStream) trickle = trickle_stream_new (bytes);

  check_read_case (c, memory);
  check_read_case (c, trickle);
}

/* The first record sets the number of columns; the line numbers of the
 * problems are those of the records. */
static void
test_read_columns (void)
{
  g_autoptr (HcCsvReader) reader = hc_csv_reader_new_for_data ("a;b;c\r\n1;2;3\r\n", -1, 0);
  g_autoptr (HcCsvRecord) header = NULL;

  g_assert_cmpuint (hc_csv_reader_get_n_columns (reader), ==, 0);
  header = hc_csv_reader_next (reader, NULL, NULL);
  g_assert_nonnull (header);
  g_assert_cmpuint (hc_csv_reader_get_n_columns (reader), ==, 3);
  g_assert_cmpint (hc_csv_reader_get_separator (reader), ==, ';');
  g_assert_cmpuint (hc_csv_reader_get_error_line (reader), ==, 0);
}

static void
test_read_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (HcCsvReader) reader = hc_csv_reader_new_for_data ("a,b\n1,2\n", -1, 0);
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (hc_csv_reader_next (reader, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A field or a record over the limits stops the reader, naming the line
 * where it starts and the limit (rules.md 35). */
static void
test_read_limits (void)
{
  static const struct
  {
    const char *data;
    gsize       max_field;
    gsize       max_line;
    int         code;
    guint       line;
    const char *message;
  } cases[] = {
    { "a,b\n1,2\nx,12345678901\n", 10, 0, HC_CSV_ERROR_FIELD_TOO_LONG, 3,
      "Line 3: a field is longer than 10 bytes, the most a field may hold" },
    /* A quoted field over lines: the line it starts on. */
    { "a,b\n1,\"12345\n67890\n12\"\n", 10, 0, HC_CSV_ERROR_FIELD_TOO_LONG, 2, "Line 2: a field" },
    { "a,b,c\n1,2,3\n\n123456789,123456789,123456789\n", 0, 20, HC_CSV_ERROR_LINE_TOO_LONG, 4,
      "Line 4: the line is longer than 20 bytes, the most a line may hold" },
    { "a,b\n1,\"x\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\"\n", 0, 20, HC_CSV_ERROR_LINE_TOO_LONG, 2,
      "Line 2: the line is longer" },
    /* The last record, without its newline. */
    { "a,b\n1,12345678901", 10, 0, HC_CSV_ERROR_FIELD_TOO_LONG, 2, "Line 2: a field" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HcCsvReader) reader = hc_csv_reader_new_for_data (cases[i].data, -1, 0);
      g_autoptr (GError) error = NULL;
      HcCsvRecord *record;

      hc_csv_reader_set_limits (reader, cases[i].max_field, cases[i].max_line);
      while ((record = hc_csv_reader_next (reader, NULL, &error)) != NULL)
        hc_csv_record_free (record);
      g_assert_error (error, HC_CSV_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
      g_assert_cmpuint (hc_csv_reader_get_error_line (reader), ==, cases[i].line);
      g_clear_error (&error);
      g_assert_null (hc_csv_reader_next (reader, NULL, &error));
      g_assert_no_error (error);
    }
}

/* The limits a reader starts with: a field of 200 kB, a line of 1.3 MB. */
static void
test_read_default_limits (void)
{
  g_autoptr (GString) big_field = g_string_new ("a,b\nx,");
  g_autoptr (GString) big_line = g_string_new ("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o\n");
  g_autoptr (HcCsvReader) reader = NULL;
  g_autoptr (HcCsvReader) line_reader = NULL;
  g_autoptr (HcCsvRecord) header = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (big_field, 'z');
  g_string_append_c (big_field, '\n');
  reader = hc_csv_reader_new_for_data (big_field->str, big_field->len, 0);
  header = hc_csv_reader_next (reader, NULL, &error);
  g_assert_nonnull (header);
  g_assert_null (hc_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, HC_CSV_ERROR, HC_CSV_ERROR_FIELD_TOO_LONG);
  g_assert_cmpstr (error->message, ==, "Line 2: a field is longer than 100.0\u00a0kB, the most a field may hold; "
                   "is this a CSV file of members?");
  g_clear_error (&error);

  for (guint f = 0; f < 15; f++)
    {
      if (f > 0)
        g_string_append_c (big_line, ',');
      for (guint i = 0; i < 90000; i++)
        g_string_append_c (big_line, 'y');
    }
  g_string_append (big_line, "\r\n");
  line_reader = hc_csv_reader_new_for_data (big_line->str, big_line->len, 0);
  hc_csv_record_free (hc_csv_reader_next (line_reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (hc_csv_reader_next (line_reader, NULL, &error));
  g_assert_error (error, HC_CSV_ERROR, HC_CSV_ERROR_LINE_TOO_LONG);
  g_assert_cmpstr (error->message, ==, "Line 2: the line is longer than 1.0\u00a0MB, the most a line may hold; "
                   "is this a CSV file of members?");
}

typedef struct
{
  char               separator;
  const char * const fields[5];
  guint              n_fields;
  const char        *expect;
} WriteCase;

static const WriteCase write_cases[] = {
  { ',', { "a", "b", "c" }, 3, "a,b,c\r\n" },
  { ';', { "a", "b", "c" }, 3, "a;b;c\r\n" },
  { ',', { "Martin, Bob", "x;y" }, 2, "\"Martin, Bob\",x;y\r\n" },
  { ';', { "Martin, Bob", "x;y" }, 2, "Martin, Bob;\"x;y\"\r\n" },
  { ',', { "say \"hi\"", "\"" }, 2, "\"say \"\"hi\"\"\",\"\"\"\"\r\n" },
  { ',', { "one\ntwo", "cr\rlf" }, 2, "\"one\ntwo\",\"cr\rlf\"\r\n" },
  { ',', { NULL, "", "x" }, 3, ",,x\r\n" },
  { ',', { "" }, 1, "\"\"\r\n" },
  { ',', { NULL }, 1, "\"\"\r\n" },
  { ',', { "  spaces kept " }, 1, "  spaces kept \r\n" },
  { '\t', { "a\tb", "c" }, 2, "\"a\tb\"\tc\r\n" },
  { ',', { "Zoé", "李雷" }, 2, "Zoé,李雷\r\n" },
  /* Formulas get a quote before them (rules.md 34), inside the double quotes. */
  { ',', { "=HYPERLINK(\"http://evil.example/\",\"x\")", "@SUM(A1:A9)" }, 2,
    "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\",'@SUM(A1:A9)\r\n" },
  { ',', { "+33 1 23 45 67 89", "-5" }, 2, "'+33 1 23 45 67 89,'-5\r\n" },
  { ',', { "\tTabbed", "\rCR" }, 2, "'\tTabbed,\"'\rCR\"\r\n" },
  { '\t', { "\tTabbed", "=1+1" }, 2, "\"'\tTabbed\"\t'=1+1\r\n" },
  { ';', { "'=already", "''" }, 2, "''=already;'''\r\n" },
  { ',', { "'plain", "a=b", "'" }, 3, "'plain,a=b,'\r\n" },
  { ',', { "-", "@" }, 2, "'-,'@\r\n" },
};

typedef struct
{
  const char *value;
  gboolean    guarded;
} GuardCase;

/* Which values get the quote, and that the import takes exactly that one away. */
static void
test_guard (void)
{
  static const GuardCase cases[] = {
    { "=1+1", TRUE }, { "+33 1 23", TRUE }, { "-5", TRUE }, { "@SUM(A1)", TRUE },
    { "\tx", TRUE }, { "\rx", TRUE }, { "'=x", TRUE }, { "''", TRUE }, { "'''x", TRUE },
    { "", FALSE }, { "plain", FALSE }, { "a=b", FALSE }, { " =1", FALSE }, { "\nx", FALSE },
    { "'", FALSE }, { "'a", FALSE }, { "'-", TRUE }, { "5-3", FALSE }, { "ada@example.com", FALSE },
  };

  g_assert_false (hc_csv_value_needs_guard (NULL));
  g_assert_null (hc_csv_unguard_value (NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *written = NULL;

      g_test_message ("“%s”", cases[i].value);
      g_assert_cmpint (hc_csv_value_needs_guard (cases[i].value), ==, cases[i].guarded);
      written = cases[i].guarded ? g_strconcat ("'", cases[i].value, NULL) : g_strdup (cases[i].value);
      g_assert_cmpstr (hc_csv_unguard_value (written), ==, cases[i].value);
      if (!cases[i].guarded)
        g_assert_true (hc_csv_unguard_value (cases[i].value) == cases[i].value);
    }
}

static void
test_write_row (gconstpointer data)
{
  const WriteCase *c = data;
  g_autoptr (GString) out = g_string_new (NULL);

  hc_csv_append_row (out, c->separator, c->fields, c->n_fields);
  g_assert_cmpstr (out->str, ==, c->expect);
}

/* Whatever the writer writes, the reader reads back the same, with either
 * separator; "" and NULL both read back as "". */
static void
test_write_read_round_trip (void)
{
  static const char * const values[] = {
    "plain", "", "Martin, Bob", "x;y", "say \"hi\"", "\"", "\"\"",
    "one\ntwo", "one\r\ntwo", "ends with newline\n", "  spaces  ", "Zoé Łukasz", "😀",
    ",", ";", "\r", "sep=;",
    "=HYPERLINK(\"http://evil.example/\")", "@SUM(A1)", "+33 1 23", "-5", "\tx", "'=x", "''", "'", "'a",
  };
  const char separators[] = { ',', ';' };

  for (gsize s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
      g_autoptr (HcCsvWriter) writer = hc_csv_writer_new (memory, separators[s], HC_CSV_WRITER_BOM);
      g_autoptr (HcCsvReader) reader = NULL;
      g_autoptr (GInputStream) stream = NULL;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;
      const char *header[] = { "a", "b" };
      HcCsvRecord *record;
      guint n = 0;

      g_assert_true (hc_csv_writer_write_row (writer, header, 2, NULL, &error));
      for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
        {
          /* Each value alone, and next to every other. */
          for (gsize j = 0; j < G_N_ELEMENTS (values); j++)
            {
              const char *row[] = { values[i], values[j] };

              g_assert_true (hc_csv_writer_write_row (writer, row, 2, NULL, &error));
              g_assert_no_error (error);
            }
        }
      g_assert_true (hc_csv_writer_flush (writer, NULL, &error));
      g_assert_true (g_output_stream_close (memory, NULL, &error));
      bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 3, "\xef\xbb\xbf", 3);

      /* Detected, not given: the header shows the separator. */
      stream = g_memory_input_stream_new_from_bytes (bytes);
      reader = hc_csv_reader_new (stream, 0);
      record = hc_csv_reader_next (reader, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (record);
      g_assert_cmpuint (record->n_fields, ==, 2);
      hc_csv_record_free (record);
      g_assert_cmpint (hc_csv_reader_get_separator (reader), ==, separators[s]);
      g_assert_true (hc_csv_reader_had_bom (reader));

      for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
        {
          for (gsize j = 0; j < G_N_ELEMENTS (values); j++)
            {
              g_autoptr (HcCsvRecord) read = hc_csv_reader_next (reader, NULL, &error);

              g_assert_no_error (error);
              g_assert_nonnull (read);
              g_assert_null (read->error);
              g_assert_cmpuint (read->n_fields, ==, 2);
              /* The reader is plain: the quote before a formula is the import's to remove. */
              g_assert_cmpstr (hc_csv_unguard_value (read->fields[0]), ==, values[i]);
              g_assert_cmpstr (hc_csv_unguard_value (read->fields[1]), ==, values[j]);
              g_assert_false (read->fields[0][0] != '\0' && strchr ("=+-@\t\r", read->fields[0][0]) != NULL);
              n++;
            }
        }
      g_assert_null (hc_csv_reader_next (reader, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, G_N_ELEMENTS (values) * G_N_ELEMENTS (values));
    }
}

/* 10,000 records, a third of them over two lines, CRLF, ";": every value
 * and every line number right, across many buffer refills. */
static void
test_read_many (void)
{
  g_autoptr (GString) text = g_string_new ("\xef\xbb\xbfid;name;note\r\n");
  g_autoptr (HcCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  guint line = 2;
  guint n = 0;
  HcCsvRecord *record;

  for (guint i = 0; i < 10000; i++)
    {
      g_array_append_val (lines, line);
      if (i % 3 == 0)
        {
          g_string_append_printf (text, "%u;Name %u;\"first %u\r\nsecond; \"\"quoted\"\"\"\r\n", i, i, i);
          line += 2;
        }
      else
        {
          g_string_append_printf (text, "%u;Name %u;Zoé %u\r\n", i, i, i);
          line += 1;
        }
    }
  g_assert_cmpuint (text->len, >, 4 * 64 * 1024);

  reader = hc_csv_reader_new_for_data (text->str, text->len, 0);
  record = hc_csv_reader_next (reader, NULL, &error);
  g_assert_nonnull (record);
  g_assert_cmpstr (record->fields[0], ==, "id");
  hc_csv_record_free (record);

  while ((record = hc_csv_reader_next (reader, NULL, &error)) != NULL)
    {
      g_autofree char *id = g_strdup_printf ("%u", n);
      g_autofree char *name = g_strdup_printf ("Name %u", n);
      g_autofree char *note = n % 3 == 0 ? g_strdup_printf ("first %u\r\nsecond; \"quoted\"", n)
                                         : g_strdup_printf ("Zoé %u", n);

      g_assert_null (record->error);
      g_assert_cmpuint (record->line, ==, g_array_index (lines, guint, n));
      g_assert_cmpuint (record->n_fields, ==, 3);
      g_assert_cmpstr (record->fields[0], ==, id);
      g_assert_cmpstr (record->fields[1], ==, name);
      g_assert_cmpstr (record->fields[2], ==, note);
      hc_csv_record_free (record);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 10000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (read_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/read/%s/%s", read_cases[i].file,
                                               read_cases[i].separator == 0 ? "detected"
                                               : read_cases[i].separator == ',' ? "comma" : "semicolon");

      g_test_add_data_func (path, &read_cases[i], test_read_file);
    }
  g_test_add_func ("/csv/read/columns", test_read_columns);
  g_test_add_func ("/csv/read/cancelled", test_read_cancelled);
  g_test_add_func ("/csv/read/10000-records", test_read_many);
  g_test_add_func ("/csv/read/limits", test_read_limits);
  g_test_add_func ("/csv/read/default-limits", test_read_default_limits);
  for (gsize i = 0; i < G_N_ELEMENTS (write_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/write/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &write_cases[i], test_write_row);
    }
  g_test_add_func ("/csv/write/round-trip", test_write_read_round_trip);
  g_test_add_func ("/csv/write/guard", test_guard);

  return g_test_run ();
}
