/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The safe XML reader against hostile input: every file below must be
 * refused with a clear problem and a line where one makes sense, without
 * expanding entities, reading other files, or using unbounded memory.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "attune-problem.h"
#include "attune-xml.h"
#include "attune-xml-explain.h"

typedef struct
{
  GPtrArray *problems;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->problems = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_ptr_array_unref (f->problems);
}

static AttuneProblem *
only_problem (Fixture *f)
{
  g_assert_cmpuint (f->problems->len, ==, 1);
  return g_ptr_array_index (f->problems, 0);
}

static xmlDoc *
read_string (Fixture *f, const char *text)
{
  return attune_xml_read_memory (text, strlen (text), "test.xml", f->problems);
}

static void
test_well_formed (Fixture *f, gconstpointer data)
{
  g_autoptr(xmlDoc) doc = read_string (f, "<?xml version=\"1.0\"?>\n<lesson id=\"a\"><title>Hi &amp; bye</title></lesson>");
  g_autofree char *text = NULL;

  g_assert_nonnull (doc);
  g_assert_cmpuint (f->problems->len, ==, 0);
  text = attune_xml_dup_text (xmlDocGetRootElement (doc)->children);
  g_assert_cmpstr (text, ==, "Hi & bye");
}

static void
test_billion_laughs (Fixture *f, gconstpointer data)
{
  const char *text =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    "]>\n<lesson>&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;</lesson>\n";
  g_autoptr(xmlDoc) doc = read_string (f, text);

  g_assert_null (doc);
  g_assert_cmpuint (attune_problem_get_line (only_problem (f)), ==, 2);
  g_assert_nonnull (strstr (attune_problem_get_message (only_problem (f)), "DOCTYPE"));
}

static void
test_external_entity (Fixture *f, gconstpointer data)
{
  const char *text =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE s [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
    "<scenario>&secret;</scenario>\n";
  g_autoptr(xmlDoc) doc = read_string (f, text);

  g_assert_null (doc);
  g_assert_nonnull (strstr (attune_problem_get_message (only_problem (f)), "DOCTYPE"));
}

static void
test_external_dtd (Fixture *f, gconstpointer data)
{
  g_autoptr(xmlDoc) doc = read_string (f, "<?xml version=\"1.0\"?>\n<!DOCTYPE lesson SYSTEM \"http://example.com/x.dtd\">\n<lesson/>");

  g_assert_null (doc);
  g_assert_cmpuint (only_problem (f) != NULL, ==, TRUE);
}

static void
test_xinclude_is_not_run (Fixture *f, gconstpointer data)
{
  g_autoptr(xmlDoc) doc = read_string (f,
    "<lesson xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"/etc/passwd\" parse=\"text\"/></lesson>");
  g_autofree char *text = NULL;

  /* Well-formed, so it parses, but the include stays an inert element. */
  g_assert_nonnull (doc);
  text = attune_xml_dup_text (xmlDocGetRootElement (doc));
  g_assert_cmpstr (text, ==, "");
}

static void
test_deep_nesting (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new ("<lesson>");
  g_autoptr(xmlDoc) doc = NULL;

  for (int i = 0; i < 10000; i++)
    g_string_append (text, "<a>");
  for (int i = 0; i < 10000; i++)
    g_string_append (text, "</a>");
  g_string_append (text, "</lesson>");

  doc = attune_xml_read_memory (text->str, text->len, "deep.xml", f->problems);
  g_assert_null (doc);
  g_assert_nonnull (strstr (attune_problem_get_message (only_problem (f)), "256"));
}

static void
test_huge_text (Fixture *f, gconstpointer data)
{
  gsize size = 50 * 1024 * 1024;
  g_autofree char *text = g_malloc (size + 1);
  g_autoptr(xmlDoc) doc = NULL;

  memset (text, 'x', size);
  memcpy (text, "<lesson>", 8);
  text[size] = '\0';
  doc = attune_xml_read_memory (text, size, "huge.xml", f->problems);
  g_assert_null (doc);
  g_assert_cmpuint (attune_problem_get_line (only_problem (f)), ==, 0);
  g_assert_nonnull (strstr (attune_problem_get_message (only_problem (f)), "too large"));
}

static void
test_invalid_utf8 (Fixture *f, gconstpointer data)
{
  g_autoptr(xmlDoc) doc = read_string (f, "<?xml version=\"1.0\"?>\n<lesson>\n<title>caf\xe9</title></lesson>");

  g_assert_null (doc);
  g_assert_cmpuint (attune_problem_get_line (only_problem (f)), ==, 3);
  g_assert_nonnull (strstr (attune_problem_get_message (only_problem (f)), "UTF-8"));
}

static void
test_truncated (Fixture *f, gconstpointer data)
{
  g_autoptr(xmlDoc) doc = read_string (f, "<?xml version=\"1.0\"?>\n<lesson id=\"x\">\n  <title>Cut");

  g_assert_null (doc);
  g_assert_cmpuint (attune_problem_get_line (only_problem (f)), ==, 3);
  g_assert_nonnull (strstr (attune_problem_get_message (only_problem (f)), "The file ends before <title> (opened at line 3) is closed."));
}

static void
test_binary_junk (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 junk[4096];
  g_autoptr(xmlDoc) doc = NULL;

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_rand_int_range (rand, 0, 256);
  doc = attune_xml_read_memory ((const char *) junk, sizeof junk, "junk.xml", f->problems);
  g_assert_null (doc);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_nul_bytes (Fixture *f, gconstpointer data)
{
  const char text[] = "<lesson>\0</lesson>";
  g_autoptr(xmlDoc) doc = attune_xml_read_memory (text, sizeof text - 1, "nul.xml", f->problems);

  g_assert_null (doc);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(xmlDoc) doc = attune_xml_read_memory ("", 0, "empty.xml", f->problems);

  g_assert_null (doc);
  g_assert_nonnull (strstr (attune_problem_get_message (only_problem (f)), "empty"));
}

static void
test_not_a_regular_file (Fixture *f, gconstpointer data)
{
  g_autoptr(xmlDoc) doc = attune_xml_read_file ("/dev/zero", "/dev/zero", f->problems);

  g_assert_null (doc);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_autoptr(xmlDoc) doc = attune_xml_read_file ("/nonexistent/x.xml", "x.xml", f->problems);

  g_assert_null (doc);
  g_assert_cmpstr (attune_problem_get_file (only_problem (f)), ==, "x.xml");
}

static void
test_big_file_on_disk (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  int fd = g_file_open_tmp ("attune-big-XXXXXX.xml", &path, &error);

  g_assert_no_error (error);
  /* A sparse 50 MB file: the reader must refuse it from its size alone. */
  g_assert_cmpint (ftruncate (fd, 50 * 1024 * 1024), ==, 0);
  close (fd);
  doc = attune_xml_read_file (path, path, f->problems);
  g_assert_null (doc);
  g_assert_nonnull (strstr (attune_problem_get_message (only_problem (f)), "too large"));
  g_unlink (path);
}

/* Memory is bounded: a quadratic-blowup document (10 GB if expanded) is
 * refused with the process's peak memory growing by less than 64 MB.
 * Measured with the peak RSS rather than an address-space limit, which
 * AddressSanitizer's shadow memory would trip. */
static void
test_bounded_memory (void)
{
  if (g_test_subprocess ())
    {
      struct rusage before, after;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE q [<!ENTITY a \"");
      g_autoptr(xmlDoc) doc = NULL;

      for (int i = 0; i < 100000; i++)
        g_string_append_c (text, 'a');
      g_string_append (text, "\">]>\n<lesson>");
      for (int i = 0; i < 100000; i++)
        g_string_append (text, "&a;");
      g_string_append (text, "</lesson>");
      g_assert_cmpint (getrusage (RUSAGE_SELF, &before), ==, 0);
      doc = attune_xml_read_memory (text->str, text->len, "quadratic.xml", problems);
      g_assert_cmpint (getrusage (RUSAGE_SELF, &after), ==, 0);
      g_assert_null (doc);
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_cmpint (after.ru_maxrss - before.ru_maxrss, <, 64 * 1024);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_normalize_space (void)
{
  char text[] = "  Two\t\tspaces \n\n and  lines  ";

  attune_normalize_space (text);
  g_assert_cmpstr (text, ==, "Two spaces and lines");
}

/* ---- Facets compiled once (attune-xml-facets.c) ------------------------ */

static void
ignore_error (void *data, xmlErrorPtr error)
{
}

/* libxml2's verdict with the .rng exactly as shipped, as xmllint gives it. */
static gboolean
libxml2_accepts (const char *schema_name,
                 xmlDoc     *doc)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "schemas", schema_name, NULL);
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt (path);
  xmlRelaxNGPtr rng;
  xmlRelaxNGValidCtxtPtr vctxt;
  int result;

  xmlRelaxNGSetParserStructuredErrors (pctxt, ignore_error, NULL);
  rng = xmlRelaxNGParse (pctxt);
  g_assert_nonnull (rng);
  vctxt = xmlRelaxNGNewValidCtxt (rng);
  xmlRelaxNGSetValidStructuredErrors (vctxt, ignore_error, NULL);
  xmlSetStructuredErrorFunc (NULL, ignore_error);
  result = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlRelaxNGFreeValidCtxt (vctxt);
  xmlRelaxNGFree (rng);
  xmlRelaxNGFreeParserCtxt (pctxt);
  return result == 0;
}

typedef struct
{
  const char *find;      /* replaced once by… */
  const char *with;      /* …this, with @@ the value */
} FacetCase;

/* Values at and around every facet in the two schemas: the ident pattern
 * and its length, the mood, delta and weight ranges, non-empty tokens. */
static const FacetCase scenario_cases[] = {
  { "<scenario id=\"late-parcel\"", "<scenario id=\"@@\"" },
  { "start=\"opening\"", "start=\"@@\"" },
  { "mood=\"-2\">", "mood=\"@@\">" },
  { "<choice next=\"pity\" mood=\"-1\">", "<choice next=\"pity\" mood=\"@@\">" },
  { "strategy=\"acknowledge-the-impact\" weight=\"-1\"", "strategy=\"acknowledge-the-impact\" weight=\"@@\"" },
  { "<practises strategy=\"follow-up\"/>", "<practises strategy=\"@@\"/>" },
  { "<title>The birthday telescope</title>", "<title>@@</title>" },
  { "<name>Tomasz</name>", "<name>@@</name>" },
};

static const char *facet_values[] = {
  "a", "abc-def", "a1-b2-c3", "ABC", "a_b", "a--b", "-a", "a-", "", " ", " a", "a ", "a\tb", "é",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "0", "3", "-3", "4", "-4", "5", "-5", "6", "-6", "+2", "03", " 2 ", "1.0", "x", "2e1",
  "&#10;", "  two  words ",
};

static void
check_same_verdicts (const char      *file,
                     const char      *schema_name,
                     AttuneSchema     schema,
                     const FacetCase *cases,
                     guint            n_cases)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", file, NULL);
  g_autofree char *text = NULL;
  guint n_rejected = 0, n_accepted = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (guint c = 0; c < n_cases; c++)
    {
      g_assert_nonnull (strstr (text, cases[c].find));
      for (guint v = 0; v < G_N_ELEMENTS (facet_values); v++)
        {
          g_autoptr(GString) replacement_text = g_string_new (cases[c].with);
          g_autoptr(GString) mutated = g_string_new (text);
          g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
          g_autoptr(xmlDoc) doc = NULL;
          gboolean ours, theirs;

          g_string_replace (replacement_text, "@@", facet_values[v], 1);
          g_string_replace (mutated, cases[c].find, replacement_text->str, 1);
          doc = attune_xml_read_memory (mutated->str, mutated->len, "case.xml", problems);
          g_assert_nonnull (doc);
          ours = attune_xml_validate (doc, schema, "case.xml", problems);
          theirs = libxml2_accepts (schema_name, doc);
          if (ours != theirs)
            g_error ("%s, %s: Attune %s, libxml2 %s", file, replacement_text->str,
                     ours ? "accepts" : "rejects", theirs ? "accepts" : "rejects");
          if (ours)
            g_assert_cmpuint (problems->len, ==, 0);
          else
            g_assert_cmpuint (problems->len, >, 0);
          if (ours)
            n_accepted++;
          else
            n_rejected++;
        }
    }
  /* The table reaches both sides of the facets. */
  g_assert_cmpuint (n_accepted, >, 10);
  g_assert_cmpuint (n_rejected, >, 10);
}

static void
test_facets_scenario (void)
{
  /* The fast path is in use: the ident, mood, delta, weight and text
   * patterns are all taken over. */
  g_assert_cmpuint (_attune_xml_get_n_compiled_facets (ATTUNE_SCHEMA_SCENARIO), ==, 5);
  check_same_verdicts ("scenarios/late-parcel.xml", "scenario.rng", ATTUNE_SCHEMA_SCENARIO,
                       scenario_cases, G_N_ELEMENTS (scenario_cases));
}

static const FacetCase lesson_cases[] = {
  { "<lesson id=\"use-their-name\"", "<lesson id=\"@@\"" },
  { "order=\"4\"", "order=\"@@\"" },
  { "<source>Developing Empathy</source>", "<source>@@</source>" },
  { "<title>Use their name and personalise</title>", "<title>@@</title>" },
};

static void
test_facets_lesson (void)
{
  /* The ident, the text, and <source>'s own token. */
  g_assert_cmpuint (_attune_xml_get_n_compiled_facets (ATTUNE_SCHEMA_LESSON), ==, 3);
  check_same_verdicts ("lessons/use-their-name.xml", "lesson.rng", ATTUNE_SCHEMA_LESSON,
                       lesson_cases, G_N_ELEMENTS (lesson_cases));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  xmlInitParser ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/xml/well-formed", test_well_formed);
  ADD ("/xml/hostile/billion-laughs", test_billion_laughs);
  ADD ("/xml/hostile/external-entity", test_external_entity);
  ADD ("/xml/hostile/external-dtd", test_external_dtd);
  ADD ("/xml/hostile/xinclude", test_xinclude_is_not_run);
  ADD ("/xml/hostile/deep-nesting", test_deep_nesting);
  ADD ("/xml/hostile/huge-text", test_huge_text);
  ADD ("/xml/hostile/invalid-utf8", test_invalid_utf8);
  ADD ("/xml/hostile/truncated", test_truncated);
  ADD ("/xml/hostile/binary-junk", test_binary_junk);
  ADD ("/xml/hostile/nul-bytes", test_nul_bytes);
  ADD ("/xml/hostile/empty", test_empty);
  ADD ("/xml/hostile/not-a-regular-file", test_not_a_regular_file);
  ADD ("/xml/hostile/big-file-on-disk", test_big_file_on_disk);
  ADD ("/xml/missing-file", test_missing_file);
#undef ADD
  g_test_add_func ("/xml/hostile/bounded-memory", test_bounded_memory);
  g_test_add_func ("/xml/normalize-space", test_normalize_space);
  g_test_add_func ("/xml/facets/scenario", test_facets_scenario);
  g_test_add_func ("/xml/facets/lesson", test_facets_lesson);

  return g_test_run ();
}
