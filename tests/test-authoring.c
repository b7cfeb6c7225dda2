/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trainer authoring tools: every message a trainer can get for a broken
 * file, in the guide's words and at the right line (table-driven, from
 * the guide's own example with one mistake each); --validate against
 * everything the app loads; the authoring warnings; the paths and the
 * report.
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "attune-content.h"
#include "attune-fairness.h"
#include "attune-paths.h"
#include "attune-problem.h"
#include "attune-report.h"
#include "attune-validator.h"
#include "attune-xml.h"

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "authoring", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* The number of the line in @text holding @needle (the first one). */
static guint
line_of (const char *text,
         const char *needle)
{
  const char *at = strstr (text, needle);
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

/* Loads one file as the app does; returns its only problem. */
static AttuneProblem *
load_one_problem (const char *path)
{
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();
  g_autofree char *lessons = g_build_filename (g_getenv ("ATTUNE_CONTENT_DIR"), "lessons", NULL);
  g_autoptr(AttuneContentSet) reference = attune_content_set_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  attune_content_collect_files (lessons, FALSE, files, reference->problems);
  attune_content_load_files (reference, files, 1, NULL);
  attune_content_load_file (set, path);
  attune_content_set_cross_check (set, reference->lessons);
  if (set->problems->len != 1)
    for (guint i = 0; i < set->problems->len; i++)
      g_test_message ("%s", attune_problem_get_message (g_ptr_array_index (set->problems, i)));
  g_assert_cmpuint (set->problems->len, ==, 1);
  return g_object_ref (g_ptr_array_index (set->problems, 0));
}

typedef struct
{
  const char *what;
  const char *find;        /* replaced once in the guide's example */
  const char *replace;
  const char *expected;    /* a part of the message */
  const char *line_of;     /* the text (after the change) on the line expected, or NULL for line 0 */
} MessageCase;

static const MessageCase message_cases[] = {
  { "mood out of range", "next=\"pushback\" mood=\"-1\"", "next=\"pushback\" mood=\"-6\"",
    "The mood of <choice> must be a whole number from -5 to 5, not “-6”.", "mood=\"-6\"" },
  { "weight out of range", "strategy=\"acknowledge-the-impact\" weight=\"2\"/>", "strategy=\"acknowledge-the-impact\" weight=\"4\"/>",
    "The weight of <evidence> must be a whole number from -3 to 3, not “4”.", "weight=\"4\"" },
  { "situation with a space, on the second line of the tag", "situation=\"third-party\"", "situation=\"third party\"",
    "The situation of <scenario> cannot be “third party”. Use one of: third-party, our-responsibility, personal-matter, general.",
    "situation=\"third party\"" },
  { "difficulty", "difficulty=\"1\"", "difficulty=\"4\"",
    "The difficulty of <scenario> cannot be “4”. Use one of: 1, 2, 3.", "difficulty=\"4\"" },
  { "ending without outcome", "<ending id=\"complaint-ending\" outcome=\"escalated\">", "<ending id=\"complaint-ending\">",
    "<ending> needs the attribute outcome, with one of: resolved, partly-resolved, escalated, lost.", "<ending id=\"complaint-ending\">" },
  { "choice without next", "<choice next=\"complaint-ending\" mood=\"-2\">", "<choice mood=\"-2\">",
    "<choice> needs the attribute next.", "<choice mood=\"-2\">" },
  { "unknown attribute", "<choice next=\"complaint-ending\" mood=\"-2\">", "<choice next=\"complaint-ending\" mood=\"-2\" moods=\"1\">",
    "<choice> has no attribute “moods”. Its attributes are: next, mood.", "moods=" },
  { "bad id", "<node id=\"pushback\">", "<node id=\"Push_back\">",
    "The id of <node> is “Push_back”, which is not an id", "Push_back" },
  { "empty feedback", "<feedback>A calm recovery: no argument, the cost to her named, and a move towards a solution that you own.</feedback>",
    "<feedback> </feedback>", "<feedback> is empty. Every text element must contain some text.", "<feedback> </feedback>" },
  { "markup in a reply", "<reply>You’re right.", "<reply><b>You’re</b> right.",
    "<reply> holds plain text only: remove the <b> inside it", "<b>You’re</b>" },
  { "one reply only (no false cue error)", "    <choice next=\"complaint-ending\" mood=\"-2\">\n      <reply>I do understand",
    "    <choice next=\"complaint-ending\" mood=\"-2\">\n      <reply>I do understand",
    NULL, NULL },
  { "cue after line", "<cue>Her voice hardens.</cue>\n    <line>I don’t care whose van it is. I booked with you.</line>",
    "<line>I don’t care whose van it is. I booked with you.</line>\n    <cue>Her voice hardens.</cue>",
    "<cue> is out of order in <node>. The order is: an optional <cue>, one <line>, then 2 to 4 <choice>.", "<cue>Her voice hardens.</cue>" },
  { "unknown element", "<cue>Her voice hardens.</cue>", "<cue>Her voice hardens.</cue><tone/>",
    "<tone> is not allowed in <node>. It contains an optional <cue>, one <line>, then 2 to 4 <choice>.", "<tone/>" },
  { "missing title", "  <title>The engineer who didn’t come</title>\n", "",
    "<scenario> needs a <title>.", "start=\"opening\" mood=\"-2\">" },
  { "text in a node", "<node id=\"pushback\">", "<node id=\"pushback\">Hello",
    "Text is not allowed directly inside <node>.", "Hello" },
  { "content in evidence", "<evidence strategy=\"empower-the-customer\" weight=\"3\"/>",
    "<evidence strategy=\"empower-the-customer\" weight=\"3\">yes</evidence>",
    "<evidence> must be empty", "weight=\"3\">yes" },
  { "smart quotes from a word processor", "<choice next=\"resolved-ending\" mood=\"2\">", "<choice next=“resolved-ending” mood=“2”>",
    "in typographic quotes", "next=“resolved-ending”" },
  { "unknown entity", "Honest, and offering", "Honest&nbsp;and offering",
    "“&nbsp;” is not allowed: the only entities are", "Honest&nbsp;" },
  { "bare ampersand", "Honest, and offering", "Honest & offering",
    "An ampersand (&) must be written &amp; in XML.", "Honest & offering" },
  { "mismatched end tag", "<cue>Her voice hardens.</cue>", "<cue>Her voice hardens.</line>",
    "The end tag </line> does not match <cue>", "Her voice hardens.</line>" },
  { "unclosed at the end", "</scenario>", "", "The file ends before <scenario>", NULL },
  { "content after the root", "</scenario>", "</scenario>\n<scenario/>",
    "There is more in the file after the closing tag of the root element", "<scenario/>" },
  { "comment with two hyphens", "<!-- Endings: resolved,", "<!-- Endings -- resolved,",
    "A comment must end with -->", "<!-- Endings -- resolved," },
  { "start names an ending", "start=\"opening\"", "start=\"complaint-ending\"",
    "The start attribute names “complaint-ending”, which is an ending.", "start=\"complaint-ending\"" },
  { "start misspelt", "start=\"opening\"", "start=\"openin\"",
    "The start node “openin” does not exist. Did you mean “opening”?", "start=\"openin\"" },
  { "next misspelt", "<choice next=\"options\" mood=\"1\">\n      <reply>A day’s pay", "<choice next=\"option\" mood=\"1\">\n      <reply>A day’s pay",
    "The choice leads to “option”, which is neither a node nor an ending. Did you mean “options”?", "<choice next=\"option\" mood=\"1\">" },
  { "strategy misspelt", "<evidence strategy=\"focus-on-solutions\" weight=\"1\"/>\n    </choice>\n    <choice next=\"complaint-ending\" mood=\"-1\">\n      <reply>I’ll book",
    "<evidence strategy=\"focus-on-solution\" weight=\"1\"/>\n    </choice>\n    <choice next=\"complaint-ending\" mood=\"-1\">\n      <reply>I’ll book",
    "The strategy “focus-on-solution” is not a lesson. Did you mean “focus-on-solutions”?", "focus-on-solution\"" },
  { "practised strategy misspelt", "<practises strategy=\"empower-the-customer\"/>", "<practises strategy=\"empower-the-custmer\"/>",
    "Did you mean “empower-the-customer”?", "empower-the-custmer" },
};

static void
test_messages (gconstpointer data)
{
  const MessageCase *c = data;
  g_autofree char *example = read_fixture ("guide-example.xml");
  g_autoptr(GString) text = g_string_new (example);
  g_autofree char *dir = g_dir_make_tmp ("attune-messages-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(AttuneProblem) problem = NULL;
  const char *message;

  if (c->expected == NULL)
    {
      /* A node with one reply: delete the second reply of "pushback". */
      const char *node = strstr (text->str, "<node id=\"pushback\">");
      const char *second = strstr (node, "<choice next=\"options\"");
      const char *end = strstr (second, "</choice>") + strlen ("</choice>");

      g_string_erase (text, second - text->str, end - second);
    }
  else
    g_assert_cmpuint (g_string_replace (text, c->find, c->replace, 1), ==, 1);
  path = write_temp (dir, "example.xml", text->str, -1);

  problem = load_one_problem (path);
  message = attune_problem_get_message (problem);
  g_test_message ("%s: %u: %s", c->what, attune_problem_get_line (problem), message);
  g_assert_null (strstr (message, "Expecting"));
  g_assert_null (strstr (message, "Element "));
  if (c->expected == NULL)
    {
      g_assert_cmpstr (message, ==, "<node> needs 2 to 4 <choice> elements; this one has 1.");
      g_assert_cmpuint (attune_problem_get_line (problem), ==, line_of (text->str, "<node id=\"pushback\">"));
    }
  else
    {
      g_assert_nonnull (strstr (message, c->expected));
      if (c->line_of != NULL)
        g_assert_cmpuint (attune_problem_get_line (problem), ==, line_of (text->str, c->line_of));
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* Lesson files get the same plain words, from a table of lesson.rng: one
 * mistake each in a shipped lesson. */
static const MessageCase lesson_message_cases[] = {
  { "group not in the list", "group=\"acknowledging\"", "group=\"acknowledge\"",
    "The group of <lesson> cannot be “acknowledge”. Use one of: foundations, listening, acknowledging, resolving, boundaries, situations.",
    "group=\"acknowledge\"" },
  { "negative order", "order=\"4\"", "order=\"-1\"",
    "The order of <lesson> must be a whole number, 0 or more, not “-1”.", "order=\"-1\"" },
  { "bad lesson id", "<lesson id=\"use-their-name\"", "<lesson id=\"Use their name\"",
    "The id of <lesson> is “Use their name”, which is not an id", "<lesson id=" },
  { "unknown attribute", "<lesson id=\"use-their-name\"", "<lesson level=\"2\" id=\"use-their-name\"",
    "<lesson> has no attribute “level”. Its attributes are: id, group, order.", "level=" },
  { "example line without a speaker", "<line speaker=\"agent\">“Thanks, Olu.", "<line>“Thanks, Olu.",
    "<line> needs the attribute speaker, with one of: customer, agent.", "<line>“Thanks, Olu." },
  { "speaker not in the list", "<line speaker=\"agent\">“Thanks, Olu.", "<line speaker=\"trainer\">“Thanks, Olu.",
    "The speaker of <line> cannot be “trainer”. Use one of: customer, agent.", "speaker=\"trainer\"" },
  { "a phrase that backfires needs its reason", "<reason>Overusing the name sounds scripted, like a sales technique.</reason>", "",
    "<phrase> needs a <reason>.", "<phrase>\n      <say>“Sure, David." },
  { "a phrase that works: a second reason", "<reason>It asks for the name and lets the customer choose between first name and title.</reason>",
    "<reason>It asks for the name.</reason><reason>Twice.</reason>",
    "<phrase> may have at most 1 <reason>; this is the second.", "<reason>Twice.</reason>" },
  { "a note on a source", "<source>Developing Empathy</source>", "<source note=\"x\">Developing Empathy</source>",
    "<source> has no attributes, so “note” is not allowed here.", "<source note=" },
  { "an empty source", "<source>Developing Empathy</source>", "<source> </source>",
    "<source> is empty. Every text element must contain some text.", "<source> </source>" },
  { "related after the sources", "  <keywords>", "  <related ref=\"follow-up\"/>\n  <keywords>",
    "<related> is out of order in <lesson>. The order is: <title>, <summary>, <what>, <why>, <how>, <works>, <backfires>, <example>, any <related>, one or more <source>, then <keywords>.",
    "<related ref=\"follow-up\"/>\n  <keywords>" },
  { "a paragraph after a step", "<step>If you are unsure", "<p>Hi.</p><step>If you are unsure",
    "<p> is out of order in <how>. The order is: any <p>, then one or more <step>.", "<p>Hi.</p>" },
  { "misspelt element", "<summary>Ask for", "<sumary>Ask for",
    NULL, NULL },
  { "markup in a step", "<step>Use the name at key moments", "<step><em>Use</em> the name at key moments",
    "<step> holds plain text only: remove the <em> inside it", "<em>Use</em>" },
  { "related without ref", "<related ref=\"follow-up\"/>", "<related/>",
    "<related> needs the attribute ref.", "<related/>" },
  { "no step", NULL, NULL,
    NULL, NULL },
};

static void
test_lesson_messages (gconstpointer data)
{
  const MessageCase *c = data;
  g_autofree char *shipped = g_build_filename (g_getenv ("ATTUNE_CONTENT_DIR"), "lessons", "use-their-name.xml", NULL);
  g_autofree char *original = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attune-lesson-messages-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(AttuneProblem) problem = NULL;
  const char *message;

  g_assert_true (g_file_get_contents (shipped, &original, NULL, NULL));
  text = g_string_new (original);
  if (g_str_equal (c->what, "misspelt element"))
    {
      g_assert_cmpuint (g_string_replace (text, "<summary>", "<sumary>", 1), ==, 1);
      g_assert_cmpuint (g_string_replace (text, "</summary>", "</sumary>", 1), ==, 1);
    }
  else if (g_str_equal (c->what, "no step"))
    {
      /* Every <step> of <how> removed. */
      const char *how = strstr (text->str, "<how>") + strlen ("<how>");
      const char *end = strstr (how, "</how>");

      g_string_erase (text, how - text->str, end - how);
    }
  else
    g_assert_cmpuint (g_string_replace (text, c->find, c->replace, 1), ==, 1);
  path = write_temp (dir, "lesson.xml", text->str, -1);

  problem = load_one_problem (path);
  message = attune_problem_get_message (problem);
  g_test_message ("%s: %u: %s", c->what, attune_problem_get_line (problem), message);
  /* Never libxml2's own words, prefixed or not. */
  g_assert_null (strstr (message, "Does not follow the format"));
  g_assert_null (strstr (message, "Expecting"));
  g_assert_null (strstr (message, "Element "));
  if (g_str_equal (c->what, "misspelt element"))
    {
      g_assert_cmpstr (message, ==, "<sumary> is not allowed in <lesson>. It contains <title>, <summary>, <what>, <why>, <how>, <works>, <backfires>, <example>, any <related>, one or more <source>, then <keywords>.");
      g_assert_cmpuint (attune_problem_get_line (problem), ==, line_of (text->str, "<sumary>"));
    }
  else if (g_str_equal (c->what, "no step"))
    {
      g_assert_cmpstr (message, ==, "<how> needs at least one <step>.");
      g_assert_cmpuint (attune_problem_get_line (problem), ==, line_of (text->str, "<how>"));
    }
  else
    {
      g_assert_nonnull (strstr (message, c->expected));
      g_assert_cmpuint (attune_problem_get_line (problem), ==, line_of (text->str, c->line_of));
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* A fifth reply is reported at the fifth, not at an earlier one. */
static void
test_message_fifth_reply (void)
{
  g_autofree char *example = read_fixture ("guide-example.xml");
  g_autoptr(GString) text = g_string_new (example);
  g_autofree char *dir = g_dir_make_tmp ("attune-messages-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(AttuneProblem) problem = NULL;
#define EXTRA "\n    <choice next=\"options\" mood=\"0\"><reply>Extra %u</reply><feedback>F.</feedback>" \
              "<evidence strategy=\"reassure\" weight=\"1\"/></choice>"
  const char *anchor = "<evidence strategy=\"empower-the-customer\" weight=\"-1\"/>\n    </choice>";

  for (guint i = 4; i >= 3; i--)
    {
      g_autofree char *choice = g_strdup_printf (EXTRA, i + 1);
      g_autofree char *with = g_strconcat (anchor, choice, NULL);

      g_assert_cmpuint (g_string_replace (text, anchor, with, 1), ==, 1);
    }
  path = write_temp (dir, "example.xml", text->str, -1);
  problem = load_one_problem (path);
  g_assert_cmpstr (attune_problem_get_message (problem), ==, "<node> may have at most 4 <choice>; this is the fifth.");
  g_assert_cmpuint (attune_problem_get_line (problem), ==, line_of (text->str, "Extra 5"));
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  const char *what;
  const char *bytes;
  gssize length;
  const char *expected;
} BytesCase;

static void
test_message_encodings (void)
{
  g_autofree char *example = read_fixture ("guide-example.xml");
  g_autofree char *dir = g_dir_make_tmp ("attune-bytes-XXXXXX", NULL);
  g_autofree char *utf16 = NULL;
  gsize utf16_length = 0;
  g_autoptr(GString) ansi = g_string_new ("<?xml version=\"1.0\"?>\n<scenario id=\"x\">\n<title>A \223quote\224</title>");
  const BytesCase cases[] = {
    { "docx", "PK\003\004\024\000\006\000", 8, "This is a word-processor document" },
    { "rtf", "{\\rtf1\\ansi Hello}", -1, "This is a Rich Text (RTF) document" },
    { "doc", "\320\317\021\340\241\261\032\341", 8, "This is a Word document (.doc)" },
    { "utf-16", NULL, 0, "The file is saved as UTF-16" },
    { "windows-1252", NULL, 0, "looks like a Windows (“ANSI”, Windows-1252) typographic quote" },
  };

  utf16 = g_convert (example, -1, "UTF-16", "UTF-8", NULL, &utf16_length, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(AttuneProblem) problem = NULL;

      if (i == 3)
        path = write_temp (dir, "file.xml", utf16, (gssize) utf16_length);
      else if (i == 4)
        path = write_temp (dir, "file.xml", ansi->str, (gssize) ansi->len);
      else
        path = write_temp (dir, "file.xml", cases[i].bytes, cases[i].length);
      problem = load_one_problem (path);
      g_test_message ("%s: %s", cases[i].what, attune_problem_get_message (problem));
      g_assert_nonnull (strstr (attune_problem_get_message (problem), cases[i].expected));
      if (i == 4)
        g_assert_cmpuint (attune_problem_get_line (problem), ==, 3);
      g_unlink (path);
    }

  /* A UTF-8 byte-order mark, as Notepad writes, is fine. */
  {
    g_autofree char *with_bom = g_strconcat ("\357\273\277", example, NULL);
    g_autofree char *path = write_temp (dir, "file.xml", with_bom, -1);
    g_autoptr(AttuneContentSet) set = attune_content_set_new ();

    attune_content_load_file (set, path);
    g_assert_cmpuint (set->problems->len, ==, 0);
    g_assert_cmpuint (set->scenarios->len, ==, 1);
    g_unlink (path);
  }
  g_rmdir (dir);
}

static GStrv
library_folders (const char *user_dir)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *lessons = g_build_filename (g_getenv ("ATTUNE_CONTENT_DIR"), "lessons", NULL);
  g_autofree char *scenarios = g_build_filename (g_getenv ("ATTUNE_CONTENT_DIR"), "scenarios", NULL);

  g_strv_builder_add (builder, lessons);
  g_strv_builder_add (builder, scenarios);
  g_strv_builder_add (builder, user_dir);
  return g_strv_builder_end (builder);
}

/* The app refuses a scenario that reuses a bundled id, so --validate does
 * too, with FILE:LINE at both files; and a clash between two of the
 * trainer's own files names both lines, whichever file is validated. */
static void
test_validate_id_clashes (void)
{
  g_autofree char *example = read_fixture ("guide-example.xml");
  g_autofree char *user = g_dir_make_tmp ("attune-user-XXXXXX", NULL);
  g_autofree char *elsewhere = g_dir_make_tmp ("attune-new-XXXXXX", NULL);
  g_auto(GStrv) folders = library_folders (user);
  g_autoptr(GString) bundled_clash = g_string_new (example);
  g_autofree char *bundled = g_build_filename (g_getenv ("ATTUNE_CONTENT_DIR"), "scenarios", "late-parcel.xml", NULL);
  g_autofree char *bundled_text = NULL;
  g_autofree char *mine = NULL, *first = NULL, *second = NULL;

  g_string_replace (bundled_clash, "id=\"guide-example\"", "id=\"late-parcel\"", 1);
  mine = write_temp (elsewhere, "mine.xml", bundled_clash->str, -1);
  g_assert_true (g_file_get_contents (bundled, &bundled_text, NULL, NULL));

  {
    g_autoptr(GString) errors = g_string_new (NULL);
    g_autoptr(GString) summary = g_string_new (NULL);
    const char *paths[] = { mine, NULL };
    g_autofree char *error_line = g_strdup_printf ("%s:%u: error: The scenario id “late-parcel” is already used by %s:%u",
                                                   mine, line_of (bundled_clash->str, "start=\"opening\" mood="),
                                                   bundled, line_of (bundled_text, "<scenario "));
    g_autofree char *note_line = g_strdup_printf ("%s:%u: note: “late-parcel” is first used here",
                                                  bundled, line_of (bundled_text, "<scenario "));

    AttuneValidateStatus status = attune_validate_paths (paths, (const char * const *) folders, FALSE, errors, summary);

    g_test_message ("%s", errors->str);
    g_assert_cmpint (status, ==, ATTUNE_VALIDATE_INVALID);
    g_assert_nonnull (strstr (errors->str, error_line));
    g_assert_nonnull (strstr (errors->str, note_line));
  }

  /* Two files of the trainer's own folder: a-….xml loads first. */
  {
    g_autoptr(GString) copy = g_string_new (example);

    g_string_replace (copy, "id=\"guide-example\"", "id=\"acme-example\"", 1);
    first = write_temp (user, "a-first.xml", copy->str, -1);
    g_string_replace (copy, "<scenario id", "\n\n<scenario id", 1);
    second = write_temp (user, "b-second.xml", copy->str, -1);
  }
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GString) errors = g_string_new (NULL);
      g_autoptr(GString) summary = g_string_new (NULL);
      const char *paths[] = { round == 0 ? first : second, NULL };
      g_autofree char *expected = g_strdup_printf ("%s:%u: error: The scenario id “acme-example” is already used by %s:%u",
                                                   second, line_of (example, "start=\"opening\" mood=") + 2, first, line_of (example, "start=\"opening\" mood="));

      /* Whichever of the two is validated, the clash is reported. */
      g_assert_cmpint (attune_validate_paths (paths, (const char * const *) folders, FALSE, errors, summary), ==, ATTUNE_VALIDATE_INVALID);
      g_assert_nonnull (strstr (errors->str, expected));
      g_assert_nonnull (strstr (errors->str, ": note: "));
    }

  /* Validating the bundled content itself is no clash. */
  {
    g_autoptr(GString) errors = g_string_new (NULL);
    g_autoptr(GString) summary = g_string_new (NULL);
    const char *paths[] = { bundled, NULL };

    g_unlink (first);
    g_unlink (second);
    g_assert_cmpint (attune_validate_paths (paths, (const char * const *) folders, TRUE, errors, summary), ==, ATTUNE_VALIDATE_OK);
    g_assert_cmpstr (errors->str, ==, "");
  }
  g_unlink (mine);
  g_rmdir (user);
  g_rmdir (elsewhere);
}

static AttuneScenario *
load_scenario_text (const char *text,
                    const char *dir)
{
  g_autofree char *path = write_temp (dir, "s.xml", text, -1);
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();

  attune_content_load_file (set, path);
  g_assert_cmpuint (set->problems->len, ==, 0);
  g_assert_cmpuint (set->scenarios->len, ==, 1);
  g_unlink (path);
  return g_object_ref (g_ptr_array_index (set->scenarios, 0));
}

static gboolean
has_warning (GPtrArray  *warnings,
             const char *part)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (attune_problem_get_message (g_ptr_array_index (warnings, i)), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_design_warnings (void)
{
  g_autofree char *example = read_fixture ("guide-example.xml");
  g_autofree char *dir = g_dir_make_tmp ("attune-design-XXXXXX", NULL);

  {
    g_autoptr(AttuneScenario) scenario = load_scenario_text (example, dir);
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);

    attune_lint_scenario_design (scenario, warnings);
    g_assert_cmpuint (warnings->len, ==, 0);
  }
  {
    /* The partly right reply at "options" loses its negative evidence:
     * 100 of 100, as high as the best reply's score. */
    g_autoptr(GString) text = g_string_new (example);
    g_autoptr(AttuneScenario) scenario = NULL;
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);

    g_string_replace (text, "<evidence strategy=\"focus-on-solutions\" weight=\"1\"/>\n      <evidence strategy=\"empower-the-customer\" weight=\"-2\"/>",
                      "<evidence strategy=\"focus-on-solutions\" weight=\"1\"/>", 1);
    scenario = load_scenario_text (text->str, dir);
    attune_lint_scenario_design (scenario, warnings);
    g_assert_cmpuint (warnings->len, ==, 1);
    g_assert_nonnull (strstr (attune_problem_get_message (g_ptr_array_index (warnings, 0)), "scores 100 of 100, at least as well as the best reply (100"));
    g_assert_cmpuint (attune_problem_get_line (g_ptr_array_index (warnings, 0)), ==,
                      line_of (text->str, "<choice next=\"complaint-ending\" mood=\"-1\">\n      <reply>I’ll book"));
  }
  {
    g_autoptr(GString) text = g_string_new (example);
    g_autoptr(AttuneScenario) scenario = NULL;
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);

    g_string_replace (text, "outcome=\"escalated\"", "outcome=\"resolved\"", 1);
    scenario = load_scenario_text (text->str, dir);
    attune_lint_scenario_design (scenario, warnings);
    g_assert_true (has_warning (warnings, "All 2 endings have the outcome “Resolved”"));
  }
  g_rmdir (dir);
}

/* Every scenario shipped: the listing agrees with the independent count,
 * and the best path is at least as good as any other. */
static void
test_paths_count_shipped (void)
{
  g_autofree char *folder = g_build_filename (g_getenv ("ATTUNE_CONTENT_DIR"), "scenarios", NULL);
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  attune_content_collect_files (folder, FALSE, files, set->problems);
  attune_content_load_files (set, files, 1, NULL);
  g_assert_cmpuint (set->scenarios->len, >=, 10);
  for (guint i = 0; i < set->scenarios->len; i++)
    {
      AttuneScenario *scenario = g_ptr_array_index (set->scenarios, i);
      g_autoptr(AttunePathSet) paths = attune_paths_enumerate (scenario, ATTUNE_PATHS_DEFAULT_REVISITS);
      guint64 total = 0;
      AttunePath *best;

      for (guint o = 0; o < ATTUNE_N_OUTCOMES; o++)
        total += paths->by_outcome[o];
      g_assert_cmpuint (total, ==, paths->paths->len);
      g_assert_cmpuint (attune_paths_count (scenario, ATTUNE_PATHS_DEFAULT_REVISITS), ==, total);
      g_assert_cmpuint (total, >, 0);
      best = g_ptr_array_index (paths->paths, paths->best);
      for (guint p = 0; p < paths->paths->len; p++)
        g_assert_cmpint (((AttunePath *) g_ptr_array_index (paths->paths, p))->score, <=, best->score);
    }
}

/* A loop: the customer repeats a complaint until it is answered. With no
 * revisits the loop cannot be taken; each allowed revisit adds paths, and
 * both methods agree at every cap. */
static void
test_paths_loop (void)
{
  g_autofree char *text = read_fixture ("loop.xml");
  g_autofree char *dir = g_dir_make_tmp ("attune-loop-XXXXXX", NULL);
  g_autoptr(AttuneScenario) scenario = load_scenario_text (text, dir);
  guint64 previous = 0;

  for (guint revisits = 0; revisits <= 4; revisits++)
    {
      g_autoptr(AttunePathSet) paths = attune_paths_enumerate (scenario, revisits);

      g_assert_true (paths->has_loops);
      g_assert_cmpuint (attune_paths_count (scenario, revisits), ==, paths->paths->len);
      g_assert_cmpuint (paths->paths->len, >, previous);
      previous = paths->paths->len;
    }
  /* With no revisits: opening/2 → fixed, and opening/1 → repeat/2 → lost. */
  {
    g_autoptr(AttunePathSet) paths = attune_paths_enumerate (scenario, 0);

    g_assert_cmpuint (paths->paths->len, ==, 2);
    g_assert_cmpuint (paths->max_length, ==, 2);
  }
  g_rmdir (dir);
}

static void
test_report (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "fixtures", "authoring", "guide-example.xml", NULL);
  g_autofree char *lessons = g_build_filename (g_getenv ("ATTUNE_CONTENT_DIR"), "lessons", NULL);
  const char *paths[] = { example, NULL };
  const char *folders[] = { lessons, NULL };

  {
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(GString) errors = g_string_new (NULL);

    int status = attune_report_paths (paths, folders, ATTUNE_REPORT_TEXT, out, errors);

    g_test_message ("%s", errors->str);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (errors->str, ==, "");
    /* opening: 3 replies; 2 to pushback (2 replies: 1 ending + options), 1 to options (3 endings):
     * 2 × (1 + 3) + 3 = 11 */
    g_assert_nonnull (strstr (out->str, "11 complete paths from the start to an ending."));
    g_assert_nonnull (strstr (out->str, "Independent count: 11 paths, which agrees."));
    g_assert_nonnull (strstr (out->str, "no loops"));
    g_assert_nonnull (strstr (out->str, "Path length: 2 to 3 decisions"));
    g_assert_nonnull (strstr (out->str, "Resolved: 27% of paths (3)"));
    g_assert_nonnull (strstr (out->str, "Escalated: 73% of paths (8)"));
    g_assert_nonnull (strstr (out->str, "Best path: score 8, Resolved (ending “resolved-ending”), customer finally Calmer, 2 decisions."));
    g_assert_nonnull (strstr (out->str, "Worst path: score -6, Escalated"));
    g_assert_nonnull (strstr (out->str, "Ending “resolved-ending” (Resolved, line"));
    g_assert_nonnull (strstr (out->str, "at “options”, reply 1"));
    g_assert_nonnull (strstr (out->str, "the last decision on 3"));
    g_assert_nonnull (strstr (out->str, "shows: "));
    g_assert_nonnull (strstr (out->str, "Warnings"));
  }
  {
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(GString) errors = g_string_new (NULL);

    g_assert_cmpint (attune_report_paths (paths, folders, ATTUNE_REPORT_HTML, out, errors), ==, 0);
    g_assert_true (g_str_has_prefix (out->str, "<!DOCTYPE html>"));
    g_assert_nonnull (strstr (out->str, "<h3>Paths</h3>"));
    g_assert_true (g_str_has_suffix (out->str, "</html>\n"));
  }
}

/* Titles sort as people count: "Call 2" before "Call 11". */
static void
test_natural_sort (void)
{
  g_autofree char *example = read_fixture ("guide-example.xml");
  g_autofree char *dir = g_dir_make_tmp ("attune-sort-XXXXXX", NULL);
  g_autoptr(AttuneScenario) eleven = NULL, two = NULL, one_ten = NULL;
  g_autoptr(GString) text = g_string_new (example);

  g_string_replace (text, "The engineer who didn’t come", "Call 11", 1);
  eleven = load_scenario_text (text->str, dir);
  g_string_replace (text, "Call 11", "Call 2", 1);
  two = load_scenario_text (text->str, dir);
  g_string_replace (text, "Call 2", "Call 110", 1);
  one_ten = load_scenario_text (text->str, dir);
  g_assert_cmpint (attune_scenario_compare (two, eleven, NULL), <, 0);
  g_assert_cmpint (attune_scenario_compare (eleven, one_ten, NULL), <, 0);
  g_assert_cmpint (attune_scenario_compare (one_ten, two, NULL), >, 0);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (message_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/authoring/messages/%02u", i);

      g_test_add_data_func (name, &message_cases[i], test_messages);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lesson_message_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/authoring/messages/lesson/%02u", i);

      g_test_add_data_func (name, &lesson_message_cases[i], test_lesson_messages);
    }
  g_test_add_func ("/authoring/messages/fifth-reply", test_message_fifth_reply);
  g_test_add_func ("/authoring/messages/encodings", test_message_encodings);
  g_test_add_func ("/authoring/validate/id-clashes", test_validate_id_clashes);
  g_test_add_func ("/authoring/warnings/design", test_design_warnings);
  g_test_add_func ("/authoring/paths/shipped", test_paths_count_shipped);
  g_test_add_func ("/authoring/paths/loop", test_paths_loop);
  g_test_add_func ("/authoring/report", test_report);
  g_test_add_func ("/authoring/natural-sort", test_natural_sort);
  return g_test_run ();
}
