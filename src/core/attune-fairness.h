/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "attune-scenario.h"

G_BEGIN_DECLS

/* Ways to pick a reply without any empathy skill, by the form alone, and
 * the skilled way (the best reply) to compare them with. */
typedef enum
{
  ATTUNE_POLICY_BEST,
  ATTUNE_POLICY_LONGEST,
  ATTUNE_POLICY_SHORTEST,
  ATTUNE_POLICY_MOST_SYMPATHY,   /* the most sympathy words and apologies */
  ATTUNE_POLICY_NAMES_CUSTOMER,  /* the one that uses the customer's name */
  ATTUNE_POLICY_QUESTION,        /* the one that asks the most questions */
  ATTUNE_POLICY_FIRST,
  ATTUNE_POLICY_LAST,
  ATTUNE_N_POLICIES
} AttunePolicy;

/* How the best replies of one scenario stand out by their form. */
typedef struct
{
  guint n_decisions;
  guint best_longest;        /* decisions where the best reply is (one of) the longest */
  guint best_shortest;
  guint best_most_sympathy;  /* where it alone has the most sympathy words */
  guint without_close_call;  /* decisions with no partly right reply */
  guint ties;                /* decisions where two replies tie for best */
} AttuneCueStats;

const char   *attune_policy_get_name          (AttunePolicy    policy);
guint         attune_policy_pick              (AttunePolicy    policy,
                                               AttuneScenario *scenario,
                                               AttuneScenarioNode *node);
gboolean      attune_policy_play              (AttunePolicy    policy,
                                               AttuneScenario *scenario,
                                               AttuneOutcome  *outcome);
guint         attune_text_count_sympathy      (const char     *text);
gboolean      attune_node_has_close_call      (AttuneScenarioNode *node);
void          attune_scenario_cue_stats       (AttuneScenario *scenario,
                                               AttuneCueStats *stats);
void          attune_lint_scenario_cues       (AttuneScenario *scenario,
                                               GPtrArray      *warnings);

void          attune_lint_scenario_design     (AttuneScenario *scenario,
                                               GPtrArray      *warnings);

G_END_DECLS
