/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The conversation engine, and an exhaustive walk of every shipped
 * scenario: every path ends, every node and ending is reachable, the best
 * and worst paths are found and replay to those scores, and each scenario
 * meets the writing brief (three decisions on the best path, two or more
 * different endings). Every strategy taught is practised by two scenarios.
 */
#include "config.h"

#include <libxml/parser.h>

#include "attune-conversation.h"
#include "attune-library.h"

static AttuneLibrary *library;

static AttuneScenario *
scenario (const char *id)
{
  AttuneScenario *found = attune_library_find_scenario (library, id);

  g_assert_nonnull (found);
  return found;
}

static void
test_play_and_retry (void)
{
  g_autoptr(AttuneConversation) conversation = attune_conversation_new (scenario ("fixture-refund"));
  g_autoptr(GError) error = NULL;
  AttuneChoice *choice;

  g_assert_cmpstr (attune_conversation_get_node (conversation)->id, ==, "ask");
  g_assert_cmpint (attune_conversation_get_mood (conversation), ==, -2);

  /* The loop: asking again stays at "ask" with mood falling. */
  choice = attune_conversation_choose (conversation, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (choice->feedback, ==, "Asking again without listening costs trust.");
  g_assert_cmpstr (attune_conversation_get_node (conversation)->id, ==, "ask");
  g_assert_cmpint (attune_conversation_get_mood (conversation), ==, -3);

  attune_conversation_choose (conversation, 0, &error);
  g_assert_cmpstr (attune_conversation_get_node (conversation)->id, ==, "explain");
  g_assert_cmpint (attune_conversation_get_mood (conversation), ==, -2);
  attune_conversation_choose (conversation, 1, &error);
  g_assert_true (attune_conversation_is_finished (conversation));
  g_assert_null (attune_conversation_get_node (conversation));
  g_assert_cmpstr (attune_conversation_get_ending (conversation)->id, ==, "bad-end");
  g_assert_cmpint (attune_conversation_get_mood (conversation), ==, -5);
  g_assert_cmpuint (attune_conversation_get_steps (conversation)->len, ==, 3);

  /* No choosing after the end, nor out of range. */
  g_assert_null (attune_conversation_choose (conversation, 0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Score: weights -1, +2, then -2 -1: 2 good of 6. */
  g_assert_cmpuint (attune_conversation_get_score (conversation), ==, 33);
  {
    g_autoptr(GArray) tally = attune_conversation_tally (conversation);

    g_assert_cmpuint (tally->len, ==, 2);
    g_assert_cmpstr (g_array_index (tally, AttuneStrategyTally, 0).strategy, ==, "active-listening");
    g_assert_cmpint (g_array_index (tally, AttuneStrategyTally, 0).total, ==, 0);
    g_assert_cmpint (g_array_index (tally, AttuneStrategyTally, 1).total, ==, -2);
  }

  /* Retry from the last decision: back at "explain" with the mood then. */
  g_assert_true (attune_conversation_retry_from (conversation, 2));
  g_assert_false (attune_conversation_is_finished (conversation));
  g_assert_cmpstr (attune_conversation_get_node (conversation)->id, ==, "explain");
  g_assert_cmpint (attune_conversation_get_mood (conversation), ==, -2);
  attune_conversation_choose (conversation, 0, &error);
  g_assert_cmpstr (attune_conversation_get_ending (conversation)->id, ==, "good-end");
  g_assert_false (attune_conversation_retry_from (conversation, 9));
  g_assert_null (attune_conversation_choose (conversation, 7, &error));
}

static void
test_every_shipped_scenario (void)
{
  GListModel *scenarios = attune_library_get_scenarios (library);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(AttuneScenario) s = g_list_model_get_item (scenarios, i);
      g_autoptr(AttuneScenarioAnalysis) analysis = NULL;
      g_autoptr(GHashTable) outcomes = g_hash_table_new (NULL, NULL);
      GPtrArray *endings = attune_scenario_get_endings (s);

      if (g_str_has_prefix (attune_scenario_get_id (s), "fixture-"))
        continue;
      n++;
      analysis = attune_scenario_analyse (s);
      g_test_message ("%s: %u paths, best %d, worst %d", attune_scenario_get_id (s),
                      analysis->n_paths, analysis->best_score, analysis->worst_score);
      g_assert_false (analysis->truncated);
      g_assert_cmpuint (analysis->n_paths, >, 1);
      /* Every node and every ending can be reached. */
      g_assert_cmpuint (analysis->n_nodes_reached, ==, attune_scenario_get_nodes (s)->len);
      g_assert_cmpuint (analysis->n_endings_reached, ==, endings->len);
      g_assert_cmpint (analysis->best_score, >, analysis->worst_score);
      /* At least three decisions on the best path. */
      g_assert_cmpuint (analysis->best_path->len, >=, 3);
      for (guint j = 0; j < endings->len; j++)
        g_hash_table_add (outcomes, GINT_TO_POINTER (((AttuneScenarioEnding *) endings->pdata[j])->outcome + 1));
      g_assert_cmpuint (g_hash_table_size (outcomes), >=, 2);

      /* Replaying the best and worst paths ends, as the analysis said. */
      for (guint which = 0; which < 2; which++)
        {
          GArray *path = which == 0 ? analysis->best_path : analysis->worst_path;
          g_autoptr(AttuneConversation) conversation = attune_conversation_new (s);
          int total = 0;

          for (guint k = 0; k < path->len; k++)
            {
              g_autoptr(GError) error = NULL;
              AttuneChoice *choice = attune_conversation_choose (conversation, g_array_index (path, guint, k), &error);

              g_assert_no_error (error);
              for (guint e = 0; e < choice->evidence->len; e++)
                total += ((AttuneEvidence *) choice->evidence->pdata[e])->weight;
            }
          g_assert_true (attune_conversation_is_finished (conversation));
          g_assert_cmpint (total, ==, which == 0 ? analysis->best_score : analysis->worst_score);
          if (which == 0)
            /* The best path is a good conversation. */
            g_assert_cmpint (attune_conversation_get_ending (conversation)->outcome, ==, ATTUNE_OUTCOME_RESOLVED);
        }
    }
  g_assert_cmpuint (n, >=, 15);
}

/* Every strategy taught in Learn is practised by at least two scenarios. */
static void
test_every_strategy_practised_twice (void)
{
  GListModel *lessons = attune_library_get_lessons (library);

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(AttuneLesson) lesson = g_list_model_get_item (lessons, i);

      if (g_str_has_prefix (attune_lesson_get_id (lesson), "fixture-"))
        continue;
      if (attune_library_count_scenarios_practising (library, attune_lesson_get_id (lesson)) < 2)
        g_error ("“%s” is practised by fewer than two scenarios", attune_lesson_get_id (lesson));
    }
}

static void
test_mood_words (void)
{
  g_assert_cmpstr (attune_mood_get_label (-5), ==, "Furious");
  g_assert_cmpstr (attune_mood_get_label (0), ==, "Uneasy");
  g_assert_cmpstr (attune_mood_get_label (5), ==, "Reassured");
  g_assert_cmpstr (attune_mood_get_icon_name (-3), !=, attune_mood_get_icon_name (3));
}

int
main (int argc, char *argv[])
{
  g_autofree char *fixtures = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  xmlInitParser ();
  fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", "good", NULL);
  library = attune_library_new ();
  attune_library_add_standard_folders (library);
  attune_library_add_folder (library, fixtures, FALSE);
  attune_library_load (library);
  g_assert_cmpuint (attune_library_get_n_bad_files (library), ==, 0);

  g_test_add_func ("/conversation/play-and-retry", test_play_and_retry);
  g_test_add_func ("/conversation/every-shipped-scenario", test_every_shipped_scenario);
  g_test_add_func ("/conversation/every-strategy-practised-twice", test_every_strategy_practised_twice);
  g_test_add_func ("/conversation/mood-words", test_mood_words);
  status = g_test_run ();
  g_clear_object (&library);
  return status;
}
