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

#include <glib/gstdio.h>

#include "attune-content.h"
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
  g_assert_cmpstr (choice->feedback, ==, "Polite, but she was clear: asking again without listening costs trust.");
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

  /* Score: weights +1 -2, +2, then -2 +1: 4 good of 8. */
  g_assert_cmpuint (attune_conversation_get_score (conversation), ==, 50);
  {
    g_autoptr(GArray) tally = attune_conversation_tally (conversation);

    g_assert_cmpuint (tally->len, ==, 2);
    g_assert_cmpstr (g_array_index (tally, AttuneStrategyTally, 0).strategy, ==, "fixture-extra-lesson");
    g_assert_cmpint (g_array_index (tally, AttuneStrategyTally, 0).total, ==, -1);
    g_assert_cmpstr (g_array_index (tally, AttuneStrategyTally, 1).strategy, ==, "active-listening");
    g_assert_cmpint (g_array_index (tally, AttuneStrategyTally, 1).total, ==, 1);
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

/* Replies are shown shuffled: the same within an attempt, new for each
 * attempt and retry, every order possible, and each step says what was
 * shown where. */
static void
test_shuffle (void)
{
  AttuneScenario *refund = scenario ("fixture-refund");
  guint first_shown[2] = { 0, 0 };

  for (guint32 seed = 0; seed < 200; seed++)
    {
      g_autoptr(AttuneConversation) conversation = attune_conversation_new (refund);
      guint8 order[ATTUNE_MAX_CHOICES], again[ATTUNE_MAX_CHOICES];
      guint n;

      attune_conversation_set_seed (conversation, seed);
      n = attune_conversation_get_order (conversation, order);
      g_assert_cmpuint (n, ==, 2);
      g_assert_cmpuint (order[0] + order[1], ==, 1);
      first_shown[order[0]]++;
      /* Stable within the attempt, also when the node comes round again. */
      attune_conversation_choose (conversation, 1, NULL);
      g_assert_cmpstr (attune_conversation_get_node (conversation)->id, ==, "ask");
      attune_conversation_get_order (conversation, again);
      g_assert_cmpmem (order, n, again, n);
      /* The step records the order shown, and the authored choice. */
      {
        AttuneStep *step = &g_array_index (attune_conversation_get_steps (conversation), AttuneStep, 0);

        g_assert_cmpuint (step->choice_index, ==, 1);
        g_assert_cmpuint (step->n_shown, ==, 2);
        g_assert_cmpmem (step->shown_order, 2, order, 2);
      }
      g_assert_cmpuint (attune_conversation_authored_index (conversation, 0), ==, order[0]);
      g_assert_cmpuint (attune_conversation_authored_index (conversation, 2), ==, G_MAXUINT);
    }
  /* Both replies come first about half of the time. */
  g_assert_cmpuint (first_shown[0], >, 60);
  g_assert_cmpuint (first_shown[1], >, 60);

  /* A retry reshuffles: over many retries the first reply changes. */
  {
    g_autoptr(AttuneConversation) conversation = attune_conversation_new (refund);
    guint changed = 0;
    guint8 before[ATTUNE_MAX_CHOICES], after[ATTUNE_MAX_CHOICES];

    for (guint i = 0; i < 50; i++)
      {
        attune_conversation_get_order (conversation, before);
        attune_conversation_choose (conversation, 0, NULL);
        g_assert_true (attune_conversation_retry_from (conversation, 0));
        attune_conversation_get_order (conversation, after);
        changed += before[0] != after[0];
      }
    g_assert_cmpuint (changed, >, 10);
  }
}

/* An independent count: every simple path, by brute force. */
typedef struct
{
  guint64 paths;
  int best, worst;
} Brute;

static void
brute (AttuneScenario     *s,
       AttuneScenarioNode *node,
       GHashTable         *on_path,
       int                 score,
       Brute              *b)
{
  g_hash_table_add (on_path, node);
  for (guint i = 0; i < node->choices->len; i++)
    {
      AttuneChoice *choice = g_ptr_array_index (node->choices, i);
      int total = score;
      AttuneScenarioNode *next = attune_scenario_find_node (s, choice->next);

      for (guint k = 0; k < choice->evidence->len; k++)
        total += ((AttuneEvidence *) g_ptr_array_index (choice->evidence, k))->weight;
      if (attune_scenario_find_ending (s, choice->next) != NULL)
        {
          b->best = b->paths == 0 ? total : MAX (b->best, total);
          b->worst = b->paths == 0 ? total : MIN (b->worst, total);
          b->paths++;
        }
      else if (next != NULL && !g_hash_table_contains (on_path, next))
        brute (s, next, on_path, total, b);
    }
  g_hash_table_remove (on_path, node);
}

static void
test_analysis_agrees_with_brute_force (void)
{
  GListModel *scenarios = attune_library_get_scenarios (library);

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(AttuneScenario) s = g_list_model_get_item (scenarios, i);
      g_autoptr(AttuneScenarioAnalysis) analysis = attune_scenario_analyse (s);
      g_autoptr(GHashTable) on_path = g_hash_table_new (NULL, NULL);
      Brute b = { 0, 0, 0 };

      brute (s, attune_scenario_find_node (s, attune_scenario_get_start_id (s)), on_path, 0, &b);
      g_assert_cmpuint (analysis->n_paths, ==, b.paths);
      g_assert_cmpint (analysis->best_score, ==, b.best);
      g_assert_cmpint (analysis->worst_score, ==, b.worst);
    }
}

/* A valid "ladder": @rungs decisions of four replies, each leading on to
 * the next rung (and, with @loop, one back to the start). Four to the
 * power of @rungs paths. */
static AttuneScenario *
ladder (guint     rungs,
        gboolean  loop,
        char    **dir_out)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<scenario id=\"ladder\" situation=\"general\" difficulty=\"1\" start=\"r0\" mood=\"0\">"
                                         "<title>Ladder</title><summary>Many paths.</summary>"
                                         "<customer><name>Ada</name><about>Tests.</about></customer>"
                                         "<practises strategy=\"active-listening\"/>");
  g_autofree char *dir = g_dir_make_tmp ("attune-ladder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ladder.xml", NULL);
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();

  for (guint r = 0; r < rungs; r++)
    {
      g_autofree char *next = r + 1 < rungs ? g_strdup_printf ("r%u", r + 1) : g_strdup ("end");

      g_string_append_printf (xml, "<node id=\"r%u\"><line>Rung %u.</line>", r, r);
      for (guint c = 0; c < 4; c++)
        g_string_append_printf (xml, "<choice next=\"%s\" mood=\"0\"><reply>Reply %u.</reply><feedback>Fine.</feedback>"
                                "<evidence strategy=\"active-listening\" weight=\"%d\"/></choice>",
                                loop && c == 3 && r > 0 ? "r0" : next, c, c == 0 ? 2 : -1);
      g_string_append (xml, "</node>");
    }
  g_string_append (xml, "<ending id=\"end\" outcome=\"resolved\"><debrief>Done.</debrief></ending></scenario>");
  g_assert_true (g_file_set_contents (path, xml->str, -1, NULL));
  attune_content_load_file (set, path);
  g_assert_cmpuint (set->problems->len, ==, 0);
  g_assert_cmpuint (set->scenarios->len, ==, 1);
  g_unlink (path);
  *dir_out = g_steal_pointer (&dir);
  return g_object_ref (g_ptr_array_index (set->scenarios, 0));
}

/* The analysis is bounded: a ladder of 4^60 paths is solved exactly and at
 * once, and a ladder with loops stops at its budget and says so. */
static void
test_ladder_is_bounded (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *dir2 = NULL;
  g_autoptr(AttuneScenario) straight = ladder (60, FALSE, &dir);
  g_autoptr(AttuneScenario) looped = ladder (60, TRUE, &dir2);
  g_autoptr(AttuneScenarioAnalysis) a = attune_scenario_analyse (straight);
  g_autoptr(AttuneScenarioAnalysis) b = attune_scenario_analyse (looped);

  g_assert_false (a->truncated);
  g_assert_cmpuint (a->n_paths, ==, G_MAXUINT);   /* saturated */
  g_assert_cmpint (a->best_score, ==, 2 * 60);
  g_assert_cmpint (a->worst_score, ==, -60);
  g_assert_cmpuint (a->best_path->len, ==, 60);
  for (guint i = 0; i < a->best_path->len; i++)
    g_assert_cmpuint (g_array_index (a->best_path, guint, i), ==, 0);
  g_assert_cmpuint (a->n_nodes_reached, ==, 60);

  g_assert_true (b->truncated);
  g_assert_cmpuint (b->n_nodes_reached, ==, 60);
  g_assert_cmpuint (b->best_path->len, >, 0);
  g_rmdir (dir);
  g_rmdir (dir2);
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
  g_test_add_func ("/conversation/shuffle", test_shuffle);
  g_test_add_func ("/conversation/analysis-agrees-with-brute-force", test_analysis_agrees_with_brute_force);
  g_test_add_func ("/conversation/ladder-is-bounded", test_ladder_is_bounded);
  g_test_add_func ("/conversation/every-shipped-scenario", test_every_shipped_scenario);
  g_test_add_func ("/conversation/every-strategy-practised-twice", test_every_strategy_practised_twice);
  g_test_add_func ("/conversation/mood-words", test_mood_words);
  status = g_test_run ();
  g_clear_object (&library);
  return status;
}
