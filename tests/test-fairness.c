/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shipped role-plays measure skill: a learner who picks replies by
 * their form (the longest, the shortest, the one with the most sympathy
 * words, the one naming the customer, the one asking a question, always the
 * first or the last) reaches a resolved ending in at most a quarter of
 * them, while the best replies resolve every one. The best reply is not
 * singled out by length or by the words it uses.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <libxml/parser.h>

#include "attune-fairness.h"
#include "attune-library.h"

static AttuneLibrary *library;

static guint
n_scenarios (void)
{
  return g_list_model_get_n_items (attune_library_get_scenarios (library));
}

static AttuneScenario *
nth (guint i)
{
  return g_list_model_get_item (attune_library_get_scenarios (library), i);
}

static guint
resolved_by (AttunePolicy policy,
             GString     *which)
{
  guint resolved = 0;

  for (guint i = 0; i < n_scenarios (); i++)
    {
      g_autoptr(AttuneScenario) scenario = nth (i);
      AttuneOutcome outcome;

      if (attune_policy_play (policy, scenario, &outcome) && outcome == ATTUNE_OUTCOME_RESOLVED)
        {
          resolved++;
          if (which != NULL)
            g_string_append_printf (which, " %s", attune_scenario_get_id (scenario));
        }
    }
  return resolved;
}

static void
test_best_replies_resolve_all (void)
{
  g_assert_cmpuint (n_scenarios (), >=, 16);
  g_assert_cmpuint (resolved_by (ATTUNE_POLICY_BEST, NULL), ==, n_scenarios ());
}

static void
test_policies_without_skill_fail (void)
{
  for (AttunePolicy policy = ATTUNE_POLICY_LONGEST; policy < ATTUNE_N_POLICIES; policy++)
    {
      g_autoptr(GString) which = g_string_new (NULL);
      guint resolved = resolved_by (policy, which);

      g_test_message ("always %s: resolves %u of %u:%s", attune_policy_get_name (policy),
                      resolved, n_scenarios (), which->str);
      if (4 * resolved > n_scenarios ())
        g_test_fail_printf ("picking the %s reply resolves %u of %u role-plays:%s",
                            attune_policy_get_name (policy), resolved, n_scenarios (), which->str);
    }
}

/* Random picking: the share of runs that resolve, for the record. */
static void
test_random_rarely_resolves (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  guint runs = 0, resolved = 0;

  for (guint i = 0; i < n_scenarios (); i++)
    {
      g_autoptr(AttuneScenario) scenario = nth (i);

      for (guint trial = 0; trial < 500; trial++, runs++)
        {
          AttuneScenarioNode *node = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));

          for (guint step = 0; node != NULL && step < 200; step++)
            {
              AttuneChoice *choice = g_ptr_array_index (node->choices, g_rand_int_range (rand, 0, (gint32) node->choices->len));
              AttuneScenarioEnding *ending = attune_scenario_find_ending (scenario, choice->next);

              if (ending != NULL)
                {
                  resolved += ending->outcome == ATTUNE_OUTCOME_RESOLVED;
                  break;
                }
              node = attune_scenario_find_node (scenario, choice->next);
            }
        }
    }
  g_test_message ("random replies resolve %u of %u runs (%.0f%%)", resolved, runs, 100.0 * resolved / runs);
  g_assert_cmpuint (4 * resolved, <, runs);
}

static gboolean
asks (const char *reply)
{
  return strchr (reply, '?') != NULL;
}

/* Length and words: the best reply is the longest in about a third of the
 * decisions or fewer, and sympathy words and questions are as common in
 * the other replies as in the best. */
static void
test_form_gives_nothing_away (void)
{
  guint decisions = 0, longest = 0, shortest = 0;
  guint best_sympathy = 0, other_sympathy = 0, best_question = 0, other_question = 0, others = 0;

  for (guint i = 0; i < n_scenarios (); i++)
    {
      g_autoptr(AttuneScenario) scenario = nth (i);
      GPtrArray *nodes = attune_scenario_get_nodes (scenario);
      AttuneCueStats stats;

      attune_scenario_cue_stats (scenario, &stats);
      decisions += stats.n_decisions;
      longest += stats.best_longest;
      shortest += stats.best_shortest;
      g_assert_cmpuint (stats.ties, ==, 0);
      if (attune_scenario_get_difficulty (scenario) >= 2)
        g_assert_cmpuint (stats.without_close_call, ==, 0);

      for (guint n = 0; n < nodes->len; n++)
        {
          AttuneScenarioNode *node = g_ptr_array_index (nodes, n);
          guint best = attune_scenario_node_get_best_choice (node, NULL);

          for (guint c = 0; c < node->choices->len; c++)
            {
              AttuneChoice *choice = g_ptr_array_index (node->choices, c);
              gboolean sympathy = attune_text_count_sympathy (choice->reply) > 0;

              if (c == best)
                {
                  best_sympathy += sympathy;
                  best_question += asks (choice->reply);
                }
              else
                {
                  other_sympathy += sympathy;
                  other_question += asks (choice->reply);
                  others++;
                }
            }
        }
    }
  g_test_message ("%u decisions: the best reply is the longest in %u (%.0f%%) and the shortest in %u (%.0f%%)",
                  decisions, longest, 100.0 * longest / decisions, shortest, 100.0 * shortest / decisions);
  g_test_message ("sympathy words in %.0f%% of best replies and %.0f%% of others; questions in %.0f%% and %.0f%%",
                  100.0 * best_sympathy / decisions, 100.0 * other_sympathy / others,
                  100.0 * best_question / decisions, 100.0 * other_question / others);
  g_assert_cmpuint (decisions, >=, 100);
  g_assert_cmpuint (3 * longest, <=, decisions + 3);
  /* Within 15 points of each other. */
  g_assert_cmpfloat (fabs ((double) best_sympathy / decisions - (double) other_sympathy / others), <=, 0.15);
  g_assert_cmpfloat (fabs ((double) best_question / decisions - (double) other_question / others), <=, 0.15);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  xmlInitParser ();
  library = attune_library_new ();
  attune_library_add_standard_folders (library);
  attune_library_load (library);

  g_test_add_func ("/fairness/best-replies-resolve-all", test_best_replies_resolve_all);
  g_test_add_func ("/fairness/policies-without-skill-fail", test_policies_without_skill_fail);
  g_test_add_func ("/fairness/random-rarely-resolves", test_random_rarely_resolves);
  g_test_add_func ("/fairness/form-gives-nothing-away", test_form_gives_nothing_away);
  status = g_test_run ();
  g_clear_object (&library);
  return status;
}
