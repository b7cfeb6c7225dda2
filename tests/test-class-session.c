/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The classroom's core, without GTK: a class session's votes per decision
 * (by the letter shown, in the shuffled order), the path, a retry, the
 * time, the recap's strategies and its CSV; and the handouts' content: a
 * lesson, a trainer sheet with its best path, map and discussion
 * questions, a recap.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include <libxml/parser.h>

#include "attune-class-session.h"
#include "attune-handout.h"
#include "attune-library.h"

static AttuneLibrary *library;

static AttuneClassSession *
new_session (const char *id,
             guint32     seed)
{
  AttuneScenario *scenario = attune_library_find_scenario (library, id);
  g_autoptr(AttuneConversation) conversation = NULL;

  g_assert_nonnull (scenario);
  conversation = attune_conversation_new (scenario);
  attune_conversation_set_seed (conversation, seed);
  return attune_class_session_new (conversation);
}

static void
test_votes_and_path (void)
{
  g_autoptr(AttuneClassSession) session = new_session ("late-parcel", 7);
  AttuneConversation *conversation = attune_class_session_get_conversation (session);
  AttuneClassDecision *current = attune_class_session_get_current (session);
  AttuneClassDecision *taken;
  guint8 order[ATTUNE_MAX_CHOICES];
  AttuneChoice *choice;

  g_assert_nonnull (current);
  g_assert_cmpuint (current->n_shown, ==, attune_conversation_get_order (conversation, order));
  /* The letters follow the order shown, and the strongest is found by it. */
  g_assert_cmpmem (current->shown_order, current->n_shown, order, current->n_shown);
  g_assert_cmpuint (current->shown_order[current->best], ==, attune_scenario_node_get_best_choice (current->node, NULL));

  /* Hands counted: +1s, a −1, a typed number; never below zero. */
  g_assert_true (attune_class_session_add_vote (session, 0, 1));
  g_assert_true (attune_class_session_add_vote (session, 0, 1));
  g_assert_true (attune_class_session_add_vote (session, 0, -1));
  g_assert_false (attune_class_session_add_vote (session, 2, -1));
  g_assert_true (attune_class_session_set_votes (session, 1, 3));
  g_assert_false (attune_class_session_add_vote (session, 7, 1));
  g_assert_cmpuint (current->votes[0], ==, 1);
  g_assert_cmpuint (attune_class_decision_get_total (current), ==, 4);
  g_assert_cmpuint (attune_class_decision_get_percent (current, 0), ==, 25);
  g_assert_cmpuint (attune_class_decision_get_percent (current, 1), ==, 75);
  g_assert_cmpuint (attune_class_decision_get_percent (current, 2), ==, 0);

  /* The class chooses B: the authored reply shown second. */
  choice = attune_class_session_choose (session, 1, NULL);
  g_assert_nonnull (choice);
  g_assert_cmpuint (attune_class_session_get_decisions (session)->len, ==, 1);
  taken = &g_array_index (attune_class_session_get_decisions (session), AttuneClassDecision, 0);
  g_assert_cmpint (taken->chosen, ==, 1);
  g_assert_true (choice == g_ptr_array_index (taken->node->choices, order[1]));
  g_assert_cmpuint (taken->votes[1], ==, 3);
  g_assert_true (g_array_index (attune_conversation_get_steps (conversation), AttuneStep, 0).choice == choice);
  /* The next decision starts with no votes. */
  current = attune_class_session_get_current (session);
  g_assert_nonnull (current);
  g_assert_cmpuint (attune_class_decision_get_total (current), ==, 0);
  g_assert_null (attune_class_session_choose (session, 9, NULL));

  /* Two more decisions, then back to the second: the path is cut there. */
  attune_class_session_add_vote (session, 0, 1);
  attune_class_session_choose (session, 0, NULL);
  if (attune_class_session_get_current (session) != NULL)
    attune_class_session_choose (session, 0, NULL);
  g_assert_true (attune_class_session_retry_from (session, 1));
  g_assert_cmpuint (attune_class_session_get_decisions (session)->len, ==, 1);
  g_assert_cmpuint (attune_conversation_get_steps (conversation)->len, ==, 1);
  g_assert_cmpuint (attune_class_session_get_n_retries (session), ==, 1);
  g_assert_false (attune_class_session_retry_from (session, 5));

  /* Play to the end, always the strongest: the recap's strategies are shown. */
  while (attune_class_session_get_current (session) != NULL)
    attune_class_session_choose (session, attune_class_session_get_current (session)->best, NULL);
  g_assert_true (attune_conversation_is_finished (conversation));
  g_assert_false (attune_class_session_add_vote (session, 0, 1));
  {
    g_autoptr(GArray) strategies = attune_class_session_get_strategies (session);

    g_assert_cmpuint (strategies->len, >, 0);
  }
}

static void
test_elapsed (void)
{
  g_autoptr(AttuneClassSession) session = new_session ("late-parcel", 1);
  g_autofree char *short_time = attune_format_elapsed (65);
  g_autofree char *long_time = attune_format_elapsed (3723);
  g_autofree char *zero = attune_format_elapsed (-4);

  attune_class_session_set_start_time (session, g_get_monotonic_time () - 125 * G_USEC_PER_SEC);
  g_assert_cmpint (attune_class_session_get_elapsed (session), >=, 125);
  g_assert_cmpint (attune_class_session_get_elapsed (session), <, 130);
  /* The decision open since then took as long. */
  attune_class_session_choose (session, 0, NULL);
  g_assert_cmpint (g_array_index (attune_class_session_get_decisions (session), AttuneClassDecision, 0).seconds, >=, 125);
  g_assert_cmpstr (short_time, ==, "1:05");
  g_assert_cmpstr (long_time, ==, "1:02:03");
  g_assert_cmpstr (zero, ==, "0:00");
}

static void
test_csv (void)
{
  g_autoptr(AttuneClassSession) session = new_session ("late-parcel", 3);
  AttuneClassDecision *current = attune_class_session_get_current (session);
  guint n_first = current->n_shown;
  g_autofree char *expected_row = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) rows = NULL;
  guint n_rows;

  attune_class_session_set_votes (session, 0, 2);
  attune_class_session_set_votes (session, 1, 6);
  expected_row = g_strdup_printf ("late-parcel,1,1,1,opening,\"%s\",B,", current->node->text);
  attune_class_session_choose (session, 1, NULL);
  while (attune_class_session_get_current (session) != NULL)
    attune_class_session_choose (session, 0, NULL);
  csv = attune_class_session_to_csv (session);
  rows = g_strsplit (csv, "\r\n", -1);
  n_rows = g_strv_length (rows);
  g_assert_cmpstr (rows[0], ==, "scenario,pass,step,decision,node,customer,letter,reply,votes,percent,class_choice,strongest,seconds,undone");
  /* A header, a row per reply shown, an outcome row, and the last CRLF. */
  g_assert_cmpuint (n_rows, >=, 1 + n_first + 1 + 1);
  g_assert_true (g_str_has_prefix (rows[2], expected_row));
  g_assert_nonnull (strstr (rows[2], ",6,75,yes,"));
  g_assert_nonnull (strstr (rows[1], ",2,25,no,"));
  g_assert_true (g_str_has_prefix (rows[n_rows - 2], "late-parcel,1,outcome,"));
  g_assert_true (g_str_has_suffix (rows[2], ",no"));
  g_assert_cmpstr (rows[n_rows - 1], ==, "");
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A retry goes back on the path, but the votes of the decisions it undoes
 * are kept for the end of the session: in the history, marked as undone
 * with their pass, in the recap under their pass, and in the CSV. */
static void
test_retry_keeps_votes (void)
{
  g_autoptr(AttuneClassSession) session = new_session ("late-parcel", 11);
  GArray *history = attune_class_session_get_history (session);
  GArray *path = attune_class_session_get_decisions (session);
  AttuneClassDecision *first, *second, *undone, *again;
  g_autoptr(AttuneHandout) recap = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *title1 = NULL;
  g_autofree char *title2 = NULL;
  g_autofree char *undone_heading = NULL;
  g_autofree char *expected_title = NULL;
  g_autofree char *retried_row = NULL;
  g_autofree char *undone_row = NULL;
  guint second_number;

  g_assert_cmpuint (attune_class_session_get_n_passes (session), ==, 1);
  /* Pass 1: 5 hands on the first decision, 7 on the second. */
  attune_class_session_set_votes (session, 0, 5);
  g_assert_nonnull (attune_class_session_choose (session, 0, NULL));
  second_number = attune_class_session_get_current (session)->number;
  attune_class_session_set_votes (session, 1, 7);
  g_assert_nonnull (attune_class_session_choose (session, 1, NULL));
  g_assert_cmpuint (history->len, ==, 2);

  /* Back to the second decision: the path is cut, the history is not. */
  g_assert_true (attune_class_session_retry_from (session, 1));
  g_assert_cmpuint (path->len, ==, 1);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpuint (attune_class_session_get_n_passes (session), ==, 2);
  g_assert_cmpuint (attune_class_session_get_pass_start (session, 2), ==, 1);
  first = &g_array_index (history, AttuneClassDecision, 0);
  undone = &g_array_index (history, AttuneClassDecision, 1);
  g_assert_false (first->undone);
  g_assert_true (undone->undone);
  g_assert_cmpuint (undone->votes[1], ==, 7);
  g_assert_cmpuint (undone->pass, ==, 1);
  g_assert_cmpuint (undone->step, ==, 1);
  g_assert_cmpuint (undone->number, ==, second_number);
  /* The decision open again belongs to pass 2 and starts with no votes. */
  g_assert_cmpuint (attune_class_session_get_current (session)->pass, ==, 2);
  g_assert_cmpuint (attune_class_session_get_current (session)->number, ==, second_number);
  g_assert_cmpuint (attune_class_decision_get_total (attune_class_session_get_current (session)), ==, 0);

  /* Pass 2: 3 hands this time, then on to the end. */
  attune_class_session_set_votes (session, 0, 3);
  g_assert_nonnull (attune_class_session_choose (session, 0, NULL));
  while (attune_class_session_get_current (session) != NULL)
    attune_class_session_choose (session, attune_class_session_get_current (session)->best, NULL);
  g_assert_cmpuint (history->len, ==, path->len + 1);
  /* (The arrays grew: look the decisions up again.) */
  undone = &g_array_index (history, AttuneClassDecision, 1);
  g_assert_true (undone->undone);
  g_assert_cmpuint (undone->votes[1], ==, 7);
  again = &g_array_index (history, AttuneClassDecision, 2);
  second = &g_array_index (path, AttuneClassDecision, 1);
  g_assert_false (again->undone);
  g_assert_cmpuint (again->pass, ==, 2);
  g_assert_cmpuint (again->votes[0], ==, 3);
  g_assert_cmpuint (second->votes[0], ==, 3);
  /* History and path agree on what was not undone. */
  g_assert_cmpuint (g_array_index (path, AttuneClassDecision, 0).votes[0], ==, 5);

  /* The recap, by pass, labelled. */
  title1 = attune_class_session_get_pass_title (session, 1);
  title2 = attune_class_session_get_pass_title (session, 2);
  g_assert_cmpstr (title1, ==, "First pass");
  expected_title = g_strdup_printf ("Pass 2: retried from decision %u", second_number);
  g_assert_cmpstr (title2, ==, expected_title);
  recap = attune_handout_new_for_recap (session, library);
  text = attune_handout_to_text (recap);
  undone_heading = g_strdup_printf ("Decision %u, undone by a retry\n", second_number);
  g_assert_nonnull (strstr (text, title1));
  g_assert_nonnull (strstr (text, title2));
  g_assert_true (strstr (text, title1) < strstr (text, undone_heading));
  g_assert_true (strstr (text, undone_heading) < strstr (text, title2));
  g_assert_nonnull (strstr (text, "7 votes (100%)"));
  g_assert_nonnull (strstr (text, "5 votes (100%)"));
  g_assert_nonnull (strstr (text, "3 votes (100%)"));
  g_assert_cmpuint (count (text, "undone by a retry"), ==, 1);

  /* The CSV: both passes, the undone decision's rows marked. */
  csv = attune_class_session_to_csv (session);
  undone_row = g_strdup_printf ("late-parcel,1,2,%u,", second_number);
  retried_row = g_strdup_printf ("late-parcel,2,2,%u,", second_number);
  g_assert_cmpuint (count (csv, undone_row), ==, undone->n_shown);
  g_assert_cmpuint (count (csv, retried_row), ==, again->n_shown);
  g_assert_nonnull (strstr (csv, ",7,100,yes,"));
  g_assert_cmpuint (count (csv, ",yes\r\n"), ==, undone->n_shown);
  g_assert_nonnull (strstr (csv, "late-parcel,2,outcome,"));
}

/* Hands counted at a decision the trainer goes back from before the class
 * chose are kept too: undone, with no choice. */
static void
test_retry_keeps_open_votes (void)
{
  g_autoptr(AttuneClassSession) session = new_session ("late-parcel", 12);
  GArray *history = attune_class_session_get_history (session);
  AttuneClassDecision *open;
  g_autoptr(AttuneHandout) recap = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;

  attune_class_session_choose (session, 0, NULL);
  attune_class_session_set_votes (session, 2, 4);
  /* Back to the first decision with the second one open and voted on. */
  g_assert_true (attune_class_session_retry_from (session, 0));
  g_assert_cmpuint (history->len, ==, 2);
  open = &g_array_index (history, AttuneClassDecision, 1);
  g_assert_true (open->undone);
  g_assert_cmpint (open->chosen, ==, -1);
  g_assert_cmpuint (open->votes[2], ==, 4);
  /* Going back with nothing counted adds nothing. */
  g_assert_true (attune_class_session_get_current (session) != NULL);
  attune_class_session_choose (session, 1, NULL);
  g_assert_true (attune_class_session_retry_from (session, 0));
  g_assert_cmpuint (history->len, ==, 3);
  while (attune_class_session_get_current (session) != NULL)
    attune_class_session_choose (session, 0, NULL);

  recap = attune_handout_new_for_recap (session, library);
  text = attune_handout_to_text (recap);
  g_assert_nonnull (strstr (text, "The trainer went back before the class chose; the strongest reply was"));
  g_assert_nonnull (strstr (text, "4 votes (100%)"));
  csv = attune_class_session_to_csv (session);
  g_assert_nonnull (strstr (csv, ",4,100,no,"));
  g_assert_cmpuint (attune_class_session_get_n_passes (session), ==, 3);
}

/* The trainer sheet numbers decisions once: the best path, the map, its
 * arrows, the questions and a class session all use the same numbers. */
static void
test_decision_numbers (void)
{
  GListModel *scenarios = attune_library_get_scenarios (library);

  for (guint s = 0; s < g_list_model_get_n_items (scenarios); s++)
    {
      g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, s);
      g_autoptr(AttuneHandout) handout = attune_handout_new_for_scenario (scenario, library);
      g_autofree char *text = attune_handout_to_text (handout);
      g_autoptr(AttuneScenarioAnalysis) analysis = attune_scenario_analyse (scenario);
      g_autoptr(GPtrArray) order = g_ptr_array_new ();
      g_autoptr(GHashTable) numbers = attune_class_number_decisions (scenario, order);
      AttuneScenarioNode *node = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));
      const char *best_section = strstr (text, "The best path\n");
      const char *map = strstr (text, "Map of decisions\n");

      g_assert_nonnull (best_section);
      g_assert_nonnull (map);
      g_assert_cmpuint (order->len, ==, g_hash_table_size (numbers));
      /* Every decision on the map exactly once, with its text. */
      for (guint i = 0; i < order->len; i++)
        {
          AttuneScenarioNode *step = g_ptr_array_index (order, i);
          g_autofree char *heading = g_strdup_printf ("Decision %u\n%s\n", i + 1, step->text);

          g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (numbers, step->id)), ==, i + 1);
          g_assert_nonnull (strstr (map, heading));
        }
      /* The best path reads 1, 2, 3… and each is the map's decision of that number. */
      for (guint i = 0; node != NULL && i < analysis->best_path->len; i++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, g_array_index (analysis->best_path, guint, i));
          g_autofree char *item = g_strdup_printf ("%u. %s\n  ★ %s\n", i + 1, node->text, choice->reply);
          g_autofree char *on_map = g_strdup_printf ("Decision %u\n%s\n", i + 1, node->text);
          const char *found = strstr (best_section, item);

          g_assert_nonnull (found);
          g_assert_true (found < map);
          g_assert_nonnull (strstr (map, on_map));
          node = attune_scenario_find_node (scenario, choice->next);
        }
    }

  /* A class session numbers its decisions as the map does. */
  {
    g_autoptr(AttuneClassSession) session = new_session ("late-parcel", 2);
    AttuneScenario *scenario = attune_library_find_scenario (library, "late-parcel");
    g_autoptr(GPtrArray) order = g_ptr_array_new ();
    g_autoptr(GHashTable) numbers = attune_class_number_decisions (scenario, order);

    for (guint i = 0; i < 40 && attune_class_session_get_current (session) != NULL; i++)
      {
        AttuneClassDecision *current = attune_class_session_get_current (session);

        g_assert_cmpuint (current->number, ==, GPOINTER_TO_UINT (g_hash_table_lookup (numbers, current->node->id)));
        g_assert_cmpuint (current->number, ==, i + 1);   /* the strongest each time: the best path */
        attune_class_session_choose (session, current->best, NULL);
      }
  }
}

/* With a translation of the reply letters (Arabic's أبجد), the CSV and
 * the printed recap use them, as the presenter does. */
static void
test_translated_letters (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
      g_autoptr(AttuneClassSession) session = NULL;
      g_autoptr(AttuneHandout) recap = NULL;
      g_autofree char *csv = NULL;
      g_autofree char *text = NULL;
      g_autofree char *letter = NULL;

      g_setenv ("LANGUAGE", "ar", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      g_assert_cmpstr (attune_class_reply_letters (), ==, "أبجد");
      letter = attune_class_reply_letter (1);
      g_assert_cmpstr (letter, ==, "ب");
      session = new_session ("late-parcel", 4);
      attune_class_session_set_votes (session, 1, 2);
      attune_class_session_choose (session, 1, NULL);
      while (attune_class_session_get_current (session) != NULL)
        attune_class_session_choose (session, 0, NULL);
      csv = attune_class_session_to_csv (session);
      g_assert_nonnull (strstr (csv, ",ب,"));
      g_assert_nonnull (strstr (csv, ",أ,"));
      g_assert_null (strstr (csv, ",B,"));
      recap = attune_handout_new_for_recap (session, library);
      text = attune_handout_to_text (recap);
      g_assert_nonnull (strstr (text, "\n  ب "));
      g_assert_null (strstr (text, "\n  B "));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_lesson_handout (void)
{
  AttuneLesson *lesson = attune_library_find_lesson (library, "active-listening");
  g_autoptr(AttuneHandout) handout = attune_handout_new_for_lesson (lesson);
  g_autofree char *text = attune_handout_to_text (handout);
  const char * const *steps = attune_lesson_get_steps (lesson);
  AttuneHandoutBlock *first = g_ptr_array_index (attune_handout_get_blocks (handout), 0);

  g_assert_cmpint (first->kind, ==, ATTUNE_BLOCK_TITLE);
  g_assert_cmpstr (first->text, ==, attune_lesson_get_title (lesson));
  g_assert_nonnull (strstr (text, attune_lesson_get_summary (lesson)));
  g_assert_nonnull (strstr (text, "How to do it"));
  g_assert_nonnull (strstr (text, steps[0]));
}

static void
test_trainer_sheet (void)
{
  AttuneScenario *scenario = attune_library_find_scenario (library, "late-parcel");
  g_autoptr(AttuneHandout) handout = attune_handout_new_for_scenario (scenario, library);
  g_autoptr(GPtrArray) questions = attune_scenario_discussion_questions (scenario, library);
  g_autofree char *text = attune_handout_to_text (handout);
  g_autoptr(AttuneScenarioAnalysis) analysis = attune_scenario_analyse (scenario);
  AttuneScenarioNode *start = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));
  AttuneChoice *best = g_ptr_array_index (start->choices, g_array_index (analysis->best_path, guint, 0));
  g_autofree char *best_line = g_strdup_printf ("★ %s", best->reply);
  const char *headings[] = { "Summary", "Persona", "Trainer notes", "The best path", "Map of decisions",
                             "Discussion questions" };
  const char *last = text;

  g_assert_cmpstr (attune_handout_get_title (handout), ==, "Trainer sheet: The birthday telescope");
  /* Each section, in this order. */
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      const char *found = strstr (last, headings[i]);

      g_assert_nonnull (found);
      last = found;
    }
  g_assert_nonnull (strstr (text, attune_scenario_get_customer_about (scenario)));
  g_assert_nonnull (strstr (text, attune_scenario_get_trainer_notes (scenario)[0]));
  g_assert_nonnull (strstr (text, best_line));
  /* The map: every decision, each reply saying where it leads. */
  for (guint i = 0; i < attune_scenario_get_nodes (scenario)->len; i++)
    {
      g_autofree char *heading = g_strdup_printf ("Decision %u\n", i + 1);

      g_assert_nonnull (strstr (text, heading));
    }
  g_assert_nonnull (strstr (text, "→ decision 2"));
  g_assert_nonnull (strstr (text, "→ ends: Resolved"));

  /* Questions: the notes' own, with the statement they lean on; the
   * strongest against the weakest reply; the strategies. */
  g_assert_cmpuint (questions->len, >=, 4);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (questions, 0), "Tomasz never says he is upset"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (questions, 0), "“you must be devastated”?"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (questions, 1), "And when he asks"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (questions, 2), "At decision 1, what makes “So the birthday"));
  g_assert_nonnull (strstr (text, g_ptr_array_index (questions, questions->len - 1)));
}

static void
test_recap_handout (void)
{
  g_autoptr(AttuneClassSession) session = new_session ("late-parcel", 5);
  g_autoptr(AttuneHandout) handout = NULL;
  g_autofree char *text = NULL;
  AttuneClassDecision *current = attune_class_session_get_current (session);
  guint best = current->best;
  guint other = best == 0 ? 1 : 0;

  attune_class_session_set_votes (session, other, 4);
  attune_class_session_set_votes (session, best, 1);
  attune_class_session_choose (session, other, NULL);
  while (attune_class_session_get_current (session) != NULL)
    attune_class_session_choose (session, attune_class_session_get_current (session)->best, NULL);
  handout = attune_handout_new_for_recap (session, library);
  text = attune_handout_to_text (handout);
  g_assert_nonnull (strstr (text, "Class recap: The birthday telescope"));
  g_assert_nonnull (strstr (text, "Outcome: "));
  g_assert_nonnull (strstr (text, "4 votes (80%)"));
  g_assert_nonnull (strstr (text, "1 vote (20%)"));
  g_assert_nonnull (strstr (text, "the strongest reply was"));
  g_assert_nonnull (strstr (text, "the strongest reply."));
}

static void
test_targets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneHandout) lesson = attune_handout_new_for_target (library, "lesson:reassure", NULL);
  g_autoptr(AttuneHandout) sheet = attune_handout_new_for_target (library, "scenario:late-parcel", NULL);
  g_autoptr(AttuneHandout) missing = attune_handout_new_for_target (library, "scenario:nope", &error);

  g_assert_nonnull (lesson);
  g_assert_nonnull (sheet);
  g_assert_null (missing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (attune_handout_new_for_target (library, "reassure", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  xmlInitParser ();
  library = attune_library_new ();
  attune_library_add_standard_folders (library);
  attune_library_load (library);

  g_test_add_func ("/class-session/votes-and-path", test_votes_and_path);
  g_test_add_func ("/class-session/elapsed", test_elapsed);
  g_test_add_func ("/class-session/csv", test_csv);
  g_test_add_func ("/class-session/retry-keeps-votes", test_retry_keeps_votes);
  g_test_add_func ("/class-session/retry-keeps-open-votes", test_retry_keeps_open_votes);
  g_test_add_func ("/class-session/translated-letters", test_translated_letters);
  g_test_add_func ("/handout/decision-numbers", test_decision_numbers);
  g_test_add_func ("/handout/lesson", test_lesson_handout);
  g_test_add_func ("/handout/trainer-sheet", test_trainer_sheet);
  g_test_add_func ("/handout/recap", test_recap_handout);
  g_test_add_func ("/handout/targets", test_targets);
  status = g_test_run ();
  g_clear_object (&library);
  return status;
}
