/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lessons, scenarios, the lint and the library: what a good file becomes,
 * and the exact problem (with its line) each kind of bad file gets.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "attune-content.h"
#include "attune-library.h"
#include "attune-lint.h"
#include "attune-problem.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

/* The bundled lessons, loaded once for every lint test. */
static GPtrArray *reference_lessons;

static GPtrArray *
get_reference_lessons (void)
{
  if (reference_lessons == NULL)
    {
      g_autoptr(AttuneLibrary) bundled = attune_library_new ();
      GListModel *lessons;

      reference_lessons = g_ptr_array_new_with_free_func (g_object_unref);
      attune_library_add_standard_folders (bundled);
      attune_library_load (bundled);
      lessons = attune_library_get_lessons (bundled);
      for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
        g_ptr_array_add (reference_lessons, g_list_model_get_item (lessons, i));
      g_assert_cmpuint (reference_lessons->len, >=, 2);
    }
  return reference_lessons;
}

/* Loads @xml as a file and cross-checks it against the bundled lessons. */
static AttuneContentSet *
load_string (const char *xml)
{
  AttuneContentSet *set = attune_content_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("attune-test-XXXXXX.xml", &path, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  close (fd);

  attune_content_load_file (set, path);
  attune_content_set_cross_check (set, get_reference_lessons ());
  g_unlink (path);
  return set;
}

static void
assert_one_problem (AttuneContentSet *set,
                    guint             line,
                    const char       *fragment)
{
  AttuneProblem *problem;

  if (set->problems->len != 1)
    for (guint i = 0; i < set->problems->len; i++)
      g_printerr ("%s\n", attune_problem_to_string (g_ptr_array_index (set->problems, i)));
  g_assert_cmpuint (set->problems->len, ==, 1);
  problem = g_ptr_array_index (set->problems, 0);
  g_assert_cmpuint (attune_problem_get_line (problem), ==, line);
  if (strstr (attune_problem_get_message (problem), fragment) == NULL)
    g_error ("“%s” does not contain “%s”", attune_problem_get_message (problem), fragment);
  /* A file with a problem is left out. */
  g_assert_cmpuint (set->lessons->len + set->scenarios->len, ==, 0);
}

static void
test_lesson_model (void)
{
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();
  g_autofree char *path = fixture_path ("good/extra-lesson.xml");
  AttuneLesson *lesson;
  GPtrArray *works, *lines, *related;

  attune_content_load_file (set, path);
  g_assert_cmpuint (set->problems->len, ==, 0);
  g_assert_cmpuint (set->lessons->len, ==, 1);
  lesson = g_ptr_array_index (set->lessons, 0);

  g_assert_cmpstr (attune_lesson_get_id (lesson), ==, "fixture-extra-lesson");
  g_assert_cmpint (attune_lesson_get_group (lesson), ==, ATTUNE_LESSON_GROUP_RESOLVING);
  g_assert_cmpuint (attune_lesson_get_order (lesson), ==, 9);
  /* White space is normalised as xgettext does; entities are decoded. */
  g_assert_cmpstr (attune_lesson_get_title (lesson), ==, "Keep the customer informed");
  g_assert_cmpstr (attune_lesson_get_summary (lesson), ==, "Say what happens next & when.");
  g_assert_cmpuint (g_strv_length ((GStrv) attune_lesson_get_why (lesson)), ==, 2);
  g_assert_cmpstr (attune_lesson_get_how_intro (lesson)[0], ==, "Before you end the call:");
  g_assert_cmpuint (g_strv_length ((GStrv) attune_lesson_get_steps (lesson)), ==, 2);
  works = attune_lesson_get_works (lesson);
  g_assert_cmpuint (works->len, ==, 1);
  g_assert_cmpstr (((AttunePhrase *) works->pdata[0])->reason, ==, "A time they can hold you to.");
  g_assert_cmpuint (attune_lesson_get_backfires (lesson)->len, ==, 1);
  lines = attune_lesson_get_example_lines (lesson);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_true (((AttuneExampleLine *) lines->pdata[0])->from_customer);
  g_assert_false (((AttuneExampleLine *) lines->pdata[1])->from_customer);
  g_assert_cmpstr (attune_lesson_get_example_setting (lesson), ==, "A delayed refund.");
  related = attune_lesson_get_related (lesson);
  g_assert_cmpuint (related->len, ==, 2);
  g_assert_cmpstr (((AttuneReference *) related->pdata[1])->id, ==, "follow-up");
  g_assert_cmpuint (((AttuneReference *) related->pdata[1])->line, ==, 28);
  g_assert_cmpstr (attune_lesson_get_sources (lesson)[0], ==, "The Importance of Empathy in Customer Service");
  g_assert_cmpstr (attune_lesson_get_keywords (lesson), ==, "informed, next steps, expectations");
}

static void
test_scenario_model (void)
{
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();
  g_autofree char *path = fixture_path ("good/extra-scenario.xml");
  AttuneScenario *scenario;
  AttuneScenarioNode *node;
  AttuneChoice *choice;

  attune_content_load_file (set, path);
  g_assert_cmpuint (set->problems->len, ==, 0);
  scenario = g_ptr_array_index (set->scenarios, 0);

  g_assert_cmpstr (attune_scenario_get_id (scenario), ==, "fixture-refund");
  g_assert_cmpint (attune_scenario_get_situation (scenario), ==, ATTUNE_SITUATION_THIRD_PARTY);
  g_assert_cmpuint (attune_scenario_get_difficulty (scenario), ==, 2);
  g_assert_cmpint (attune_scenario_get_start_mood (scenario), ==, -2);
  g_assert_cmpstr (attune_scenario_get_customer_name (scenario), ==, "Ana");
  g_assert_true (attune_scenario_practises (scenario, "active-listening"));
  g_assert_false (attune_scenario_practises (scenario, "follow-up"));
  g_assert_cmpstr (attune_scenario_get_trainer_notes (scenario)[0], ==, "Ask the room what Ana needs to hear.");
  g_assert_cmpuint (attune_scenario_get_nodes (scenario)->len, ==, 2);
  g_assert_cmpuint (attune_scenario_get_endings (scenario)->len, ==, 2);

  node = attune_scenario_find_node (scenario, "explain");
  g_assert_nonnull (node);
  g_assert_null (node->cue);
  g_assert_cmpuint (node->choices->len, ==, 2);
  choice = g_ptr_array_index (node->choices, 1);
  g_assert_cmpstr (choice->next, ==, "bad-end");
  g_assert_cmpint (choice->mood, ==, -3);
  g_assert_cmpuint (choice->evidence->len, ==, 2);
  g_assert_cmpint (((AttuneEvidence *) choice->evidence->pdata[0])->weight, ==, -2);
  g_assert_cmpstr (attune_scenario_find_node (scenario, "ask")->cue, ==, "Speaks fast.");
  g_assert_cmpint (attune_scenario_find_ending (scenario, "bad-end")->outcome, ==, ATTUNE_OUTCOME_ESCALATED);
  g_assert_null (attune_scenario_find_ending (scenario, "ask"));
}

/* A minimal valid scenario, with the body replaced per test. */
#define SCENARIO_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<scenario id=\"t\" situation=\"general\" difficulty=\"1\" start=\"a\" mood=\"0\">\n" \
  "<title>T</title><summary>S</summary><customer><name>N</name><about>A</about></customer>\n" \
  "<practises strategy=\"active-listening\"/>\n"
#define CHOICE(next) \
  "<choice next=\"" next "\" mood=\"0\"><reply>R</reply><feedback>F</feedback>" \
  "<evidence strategy=\"active-listening\" weight=\"1\"/></choice>"

static void
test_lint_valid_graph (void)
{
  g_autoptr(AttuneContentSet) set = load_string (SCENARIO_HEAD
    "<node id=\"a\"><line>L</line>" CHOICE ("b") CHOICE ("a") "</node>\n"
    "<node id=\"b\"><line>L</line>" CHOICE ("end") CHOICE ("a") "</node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");

  g_assert_cmpuint (set->problems->len, ==, 0);
  g_assert_cmpuint (set->scenarios->len, ==, 1);
}

static void
test_lint_dangling_next (void)
{
  g_autoptr(AttuneContentSet) set = load_string (SCENARIO_HEAD
    "<node id=\"a\"><line>L</line>\n" CHOICE ("end") "\n" CHOICE ("missing") "</node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");

  assert_one_problem (set, 7, "“missing”");
}

static void
test_lint_missing_start (void)
{
  g_autoptr(AttuneContentSet) set = load_string (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario id=\"t\" situation=\"general\" difficulty=\"1\" start=\"nope\" mood=\"0\">\n"
    "<title>T</title><summary>S</summary><customer><name>N</name><about>A</about></customer>\n"
    "<practises strategy=\"active-listening\"/>\n"
    "<node id=\"a\"><line>L</line>" CHOICE ("end") CHOICE ("end") "</node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");

  assert_one_problem (set, 2, "start node");
}

static void
test_lint_unreachable (void)
{
  g_autoptr(AttuneContentSet) set = load_string (SCENARIO_HEAD
    "<node id=\"a\"><line>L</line>" CHOICE ("end") CHOICE ("end") "</node>\n"
    "<node id=\"island\"><line>L</line>" CHOICE ("end") CHOICE ("a") "</node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");

  assert_one_problem (set, 6, "cannot be reached");
}

static void
test_lint_loop_without_exit (void)
{
  g_autoptr(AttuneContentSet) set = load_string (SCENARIO_HEAD
    "<node id=\"a\"><line>L</line>" CHOICE ("end") CHOICE ("b") "</node>\n"
    "<node id=\"b\"><line>L</line>" CHOICE ("c") CHOICE ("b") "</node>\n"
    "<node id=\"c\"><line>L</line>" CHOICE ("b") CHOICE ("c") "</node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");

  g_assert_cmpuint (set->problems->len, ==, 2);
  g_assert_cmpuint (attune_problem_get_line (g_ptr_array_index (set->problems, 0)), ==, 6);
  g_assert_cmpuint (attune_problem_get_line (g_ptr_array_index (set->problems, 1)), ==, 7);
  g_assert_nonnull (strstr (attune_problem_get_message (g_ptr_array_index (set->problems, 0)), "no ending"));
  g_assert_cmpuint (set->scenarios->len, ==, 0);
}

static void
test_lint_unreachable_ending (void)
{
  g_autoptr(AttuneContentSet) set = load_string (SCENARIO_HEAD
    "<node id=\"a\"><line>L</line>" CHOICE ("end") CHOICE ("end") "</node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending>\n"
    "<ending id=\"other\" outcome=\"lost\"><debrief>D</debrief></ending></scenario>");

  assert_one_problem (set, 7, "“other” cannot be reached");
}

static void
test_lint_duplicate_id (void)
{
  g_autoptr(AttuneContentSet) set = load_string (SCENARIO_HEAD
    "<node id=\"a\"><line>L</line>" CHOICE ("end") CHOICE ("end") "</node>\n"
    "<ending id=\"a\" outcome=\"resolved\"><debrief>D</debrief></ending>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");

  assert_one_problem (set, 6, "more than once");
}

static void
test_lint_zero_weight (void)
{
  g_autoptr(AttuneContentSet) set = load_string (SCENARIO_HEAD
    "<node id=\"a\"><line>L</line>" CHOICE ("end")
    "<choice next=\"end\" mood=\"0\"><reply>R</reply><feedback>F</feedback>\n"
    "<evidence strategy=\"active-listening\" weight=\"0\"/></choice></node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");

  assert_one_problem (set, 6, "weight");
}

static void
test_lint_unknown_strategy (void)
{
  g_autoptr(AttuneContentSet) set = load_string (SCENARIO_HEAD
    "<node id=\"a\"><line>L</line>" CHOICE ("end")
    "<choice next=\"end\" mood=\"0\"><reply>R</reply><feedback>F</feedback>\n"
    "<evidence strategy=\"mind-reading\" weight=\"2\"/></choice></node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");

  assert_one_problem (set, 6, "“mind-reading” is not a lesson");
}

static void
test_lint_practised_without_evidence (void)
{
  g_autoptr(AttuneContentSet) set = load_string (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario id=\"t\" situation=\"general\" difficulty=\"1\" start=\"a\" mood=\"0\">\n"
    "<title>T</title><summary>S</summary><customer><name>N</name><about>A</about></customer>\n"
    "<practises strategy=\"active-listening\"/>\n"
    "<practises strategy=\"follow-up\"/>\n"
    "<node id=\"a\"><line>L</line>" CHOICE ("end") CHOICE ("end") "</node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");

  assert_one_problem (set, 5, "no choice gives evidence");
}

static void
test_schema_errors_have_lines (void)
{
  /* One choice only: the schema wants two to four. */
  g_autoptr(AttuneContentSet) set = load_string (SCENARIO_HEAD
    "<node id=\"a\"><line>L</line>\n" CHOICE ("end") "</node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");

  g_assert_cmpuint (set->problems->len, >=, 1);
  g_assert_cmpuint (attune_problem_get_line (g_ptr_array_index (set->problems, 0)), ==, 5);
  /* In the guide's words, at the node, not libxml2's "Expecting an element choice". */
  g_assert_cmpstr (attune_problem_get_message (g_ptr_array_index (set->problems, 0)), ==,
                   "<node> needs 2 to 4 <choice> elements; this one has 1.");
  g_assert_cmpuint (set->scenarios->len, ==, 0);
}

/* xgettext extracts text with a comment in it differently (a double
 * space), and drops text with a processing instruction: both are refused
 * with their line, and a comment between elements is still fine. */
static void
test_comment_inside_text (void)
{
  g_autoptr(AttuneContentSet) comment = load_string (SCENARIO_HEAD
    "<!-- between elements: fine -->\n"
    "<node id=\"a\"><line>Hello <!-- not here -->\nthere</line>" CHOICE ("end") CHOICE ("end") "</node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D</debrief></ending></scenario>");
  g_autoptr(AttuneContentSet) pi = load_string (SCENARIO_HEAD
    "<node id=\"a\"><line>L</line>" CHOICE ("end") CHOICE ("end") "</node>\n"
    "<ending id=\"end\" outcome=\"resolved\"><debrief>D\n<?editor fold?></debrief></ending></scenario>");

  assert_one_problem (comment, 6, "A comment inside <line>");
  assert_one_problem (pi, 7, "A processing instruction inside <debrief>");
}

static void
test_lint_lesson_related_to_itself (void)
{
  g_autofree char *path = fixture_path ("good/extra-lesson.xml");
  g_autofree char *text = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(AttuneContentSet) set = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  changed = g_string_new (text);
  g_string_replace (changed, "<related ref=\"follow-up\"/>", "<related ref=\"fixture-extra-lesson\"/>", 1);
  set = load_string (changed->str);
  assert_one_problem (set, 28, "itself");

  g_string_replace (changed, "<related ref=\"fixture-extra-lesson\"/>", "<related ref=\"no-such-lesson\"/>", 1);
  g_clear_pointer (&set, attune_content_set_free);
  set = load_string (changed->str);
  assert_one_problem (set, 28, "“no-such-lesson” does not exist");
}

static void
test_wrong_root (void)
{
  g_autoptr(AttuneContentSet) set = load_string ("<?xml version=\"1.0\"?>\n\n<lessons/>");

  assert_one_problem (set, 3, "<lessons>");
}

static void
test_library_loads_and_reports (void)
{
  g_autoptr(AttuneLibrary) library = attune_library_new ();
  g_autofree char *good = fixture_path ("good");
  g_autofree char *broken = fixture_path ("broken");
  GListModel *lessons;
  guint n;

  attune_library_add_standard_folders (library);
  attune_library_add_folder (library, good, FALSE);
  attune_library_add_folder (library, broken, FALSE);
  attune_library_add_folder (library, "/nonexistent/folder", FALSE);
  attune_library_load (library);

  lessons = attune_library_get_lessons (library);
  n = g_list_model_get_n_items (lessons);
  g_assert_cmpuint (n, >=, 3);
  g_assert_nonnull (attune_library_find_lesson (library, "active-listening"));
  g_assert_nonnull (attune_library_find_lesson (library, "fixture-extra-lesson"));
  g_assert_nonnull (attune_library_find_scenario (library, "fixture-refund"));
  g_assert_nonnull (attune_library_find_scenario (library, "late-parcel"));
  g_assert_null (attune_library_find_scenario (library, "fixture-bad-link"));

  /* bad-link.xml, truncated.xml, the duplicate extra-lesson.xml, the missing folder */
  g_assert_cmpuint (attune_library_get_n_bad_files (library), ==, 4);

  /* Sorted by group, then order. */
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(AttuneLesson) a = g_list_model_get_item (lessons, i - 1);
      g_autoptr(AttuneLesson) b = g_list_model_get_item (lessons, i);

      g_assert_cmpint (attune_lesson_compare (a, b, NULL), <, 0);
    }
}

/* Many files load on several threads; the result must not depend on it. */
static void
test_library_many_files (void)
{
  g_autofree char *source = fixture_path ("good/extra-scenario.xml");
  g_autofree char *dir = g_dir_make_tmp ("attune-many-XXXXXX", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) first_order = g_string_new (NULL);

  g_assert_nonnull (dir);
  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  for (guint i = 0; i < 64; i++)
    {
      g_autofree char *id = g_strdup_printf ("id=\"fixture-refund-%02u\"", i);
      g_autofree char *name = g_strdup_printf ("s%02u.xml", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GString) copy = g_string_new (text);

      g_string_replace (copy, "id=\"fixture-refund\"", id, 1);
      /* Every eighth file is broken, so problems interleave with results. */
      if (i % 8 == 7)
        g_string_truncate (copy, copy->len / 2);
      g_assert_true (g_file_set_contents (path, copy->str, -1, NULL));
    }

  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(AttuneLibrary) library = attune_library_new ();
      g_autoptr(GString) order = g_string_new (NULL);
      GListModel *problems;

      g_autofree char *lesson = fixture_path ("good/extra-lesson.xml");

      attune_library_add_standard_folders (library);
      attune_library_add_folder (library, lesson, FALSE);
      attune_library_add_folder (library, dir, FALSE);
      attune_library_load (library);
      g_assert_nonnull (attune_library_find_scenario (library, "fixture-refund-00"));
      g_assert_nonnull (attune_library_find_scenario (library, "fixture-refund-62"));
      g_assert_null (attune_library_find_scenario (library, "fixture-refund-07"));
      g_assert_cmpuint (attune_library_get_n_bad_files (library), ==, 8);

      problems = attune_library_get_problems (library);
      for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
        {
          g_autoptr(AttuneProblem) problem = g_list_model_get_item (problems, i);

          g_string_append_printf (order, "%s;", attune_problem_get_file (problem));
        }
      if (round == 0)
        g_string_assign (first_order, order->str);
      g_assert_cmpstr (order->str, ==, first_order->str);
    }
  g_assert_nonnull (strstr (first_order->str, "s07.xml;"));
  g_assert_true (strstr (first_order->str, "s07.xml") < strstr (first_order->str, "s15.xml"));
}

static void
loaded_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attune_library_load_finish (ATTUNE_LIBRARY (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static void
test_library_async (void)
{
  g_autoptr(AttuneLibrary) library = attune_library_new ();
  gboolean done = FALSE;

  attune_library_add_standard_folders (library);
  g_assert_false (attune_library_get_loaded (library));
  attune_library_load_async (library, NULL, loaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (attune_library_get_loaded (library));
  g_assert_cmpuint (attune_library_get_n_bad_files (library), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (attune_library_get_problems (library)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (attune_library_get_scenarios (library)), >=, 1);
}

static void
test_user_folder (void)
{
  g_autoptr(AttuneLibrary) library = attune_library_new ();
  g_autofree char *user_dir = g_build_filename (g_get_user_data_dir (), "attune", "scenarios", NULL);
  g_autofree char *source = fixture_path ("good/extra-scenario.xml");
  g_autofree char *target = g_build_filename (user_dir, "mine.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *lesson_source = fixture_path ("good/extra-lesson.xml");
  g_autofree char *lesson_target = g_build_filename (g_get_user_data_dir (), "attune", "lessons", "l.xml", NULL);
  g_autofree char *lesson_dir = g_path_get_dirname (lesson_target);

  /* g_test_init (G_TEST_OPTION_ISOLATE_DIRS) gives a private data dir. */
  g_assert_cmpint (g_mkdir_with_parents (user_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (lesson_dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (target, text, -1, NULL));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (lesson_source, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (lesson_target, text, -1, NULL));

  attune_library_add_standard_folders (library);
  attune_library_load (library);
  g_assert_nonnull (attune_library_find_scenario (library, "fixture-refund"));
  g_assert_cmpuint (attune_library_get_n_bad_files (library), ==, 0);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xmlInitParser ();

  g_test_add_func ("/content/lesson-model", test_lesson_model);
  g_test_add_func ("/content/scenario-model", test_scenario_model);
  g_test_add_func ("/lint/valid-graph", test_lint_valid_graph);
  g_test_add_func ("/lint/dangling-next", test_lint_dangling_next);
  g_test_add_func ("/lint/missing-start", test_lint_missing_start);
  g_test_add_func ("/lint/unreachable-node", test_lint_unreachable);
  g_test_add_func ("/lint/unreachable-ending", test_lint_unreachable_ending);
  g_test_add_func ("/lint/loop-without-exit", test_lint_loop_without_exit);
  g_test_add_func ("/lint/duplicate-id", test_lint_duplicate_id);
  g_test_add_func ("/lint/zero-weight", test_lint_zero_weight);
  g_test_add_func ("/lint/unknown-strategy", test_lint_unknown_strategy);
  g_test_add_func ("/lint/practised-without-evidence", test_lint_practised_without_evidence);
  g_test_add_func ("/lint/schema-errors-have-lines", test_schema_errors_have_lines);
  g_test_add_func ("/lint/lesson-related", test_lint_lesson_related_to_itself);
  g_test_add_func ("/lint/wrong-root", test_wrong_root);
  g_test_add_func ("/library/loads-and-reports", test_library_loads_and_reports);
  g_test_add_func ("/content/comment-inside-text", test_comment_inside_text);
  g_test_add_func ("/library/async", test_library_async);
  g_test_add_func ("/library/many-files", test_library_many_files);
  g_test_add_func ("/library/user-folder", test_user_folder);

  status = g_test_run ();
  g_clear_pointer (&reference_lessons, g_ptr_array_unref);
  return status;
}
