/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Does a scenario measure skill, or can it be passed by the form of its
 * replies? A learner who is test-wise rather than skilled picks the
 * longest reply, the one with the most sympathy words, the one that uses
 * the customer's name, and so on. These policies play a scenario that way
 * (tests/test-fairness.c plays the whole library with them), and the cue
 * lint warns an author, with file and line, when the best replies stand
 * out by their form or a harder scenario has no close calls.
 *
 * The word lists are English, like the source files they check.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attune-fairness.h"
#include "attune-problem.h"

#define MAX_STEPS 200

static const char *sympathy_words[] = {
  "sorry", "apologis", "apologiz", "understand", "i can see", "i hear", "frustrat",
  "upset", "i know", "appreciate", "imagine", "must be", "completely", "that sounds",
  "i realise", "i realize",
};

const char *
attune_policy_get_name (AttunePolicy policy)
{
  static const char *names[] = {
    "best", "longest", "shortest", "most-sympathy", "names-customer", "question", "first", "last",
  };

  g_return_val_if_fail (policy < ATTUNE_N_POLICIES, NULL);
  return names[policy];
}

/* Lower case, with typographic apostrophes made plain. The word lists are
 * English and ASCII, so ASCII is lowered byte by byte (without the locale:
 * a Turkish locale must not turn "I know" into "ı know"); other characters
 * take their simple lower case. One pass, one allocation: the cue lint
 * folds every reply of every file --validate checks. */
static char *
fold (const char *text)
{
  gsize length = strlen (text);
  char *out = g_malloc (length + 1);
  char *q = out;

  for (const guchar *p = (const guchar *) text; *p != '\0';)
    {
      gunichar c;

      if (*p < 0x80)
        {
          *q++ = g_ascii_tolower ((char) *p++);
          continue;
        }
      c = g_utf8_get_char ((const char *) p);
      p = (const guchar *) g_utf8_next_char ((const char *) p);
      if (c == 0x2019 || c == 0x2018)
        *q++ = '\'';
      else
        {
          char buffer[6];
          gint n = g_unichar_to_utf8 (g_unichar_tolower (c), buffer);

          /* A lower case is never longer than its upper case here
           * (checked, so that the buffer cannot overflow). */
          if ((gsize) (q - out) + (gsize) n > length)
            {
              gsize used = (gsize) (q - out);

              length = used + (gsize) n + strlen ((const char *) p);
              out = g_realloc (out, length + 1);
              q = out + used;
            }
          memcpy (q, buffer, (gsize) n);
          q += n;
        }
    }
  *q = '\0';
  return out;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '\'';
}

/* Occurrences of @needle in @haystack that start at a word boundary. */
static guint
count_from_word_start (const char *haystack,
                       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    if (p == haystack || !is_word_char (p[-1]))
      n++;
  return n;
}

/* How many sympathy words and apologies @text holds. */
guint
attune_text_count_sympathy (const char *text)
{
  g_autofree char *folded = fold (text);
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sympathy_words); i++)
    n += count_from_word_start (folded, sympathy_words[i]);
  return n;
}

static gboolean
names_customer (AttuneScenario *scenario,
                const char     *text)
{
  g_autofree char *folded = fold (text);
  g_autofree char *name = fold (attune_scenario_get_customer_name (scenario));
  g_auto(GStrv) parts = g_strsplit (name, " ", -1);
  static const char *titles[] = { "mr ", "mrs ", "ms ", "miss ", "dr " };

  for (guint i = 0; parts[i] != NULL; i++)
    if (strlen (parts[i]) > 1 && count_from_word_start (folded, parts[i]) > 0)
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (count_from_word_start (folded, titles[i]) > 0)
      return TRUE;
  return FALSE;
}

static guint
count_char (const char *text,
            char        c)
{
  guint n = 0;

  for (; *text != '\0'; text++)
    n += *text == c;
  return n;
}

/* The measure a policy maximises; the first reply with the highest wins. */
static double
measure (AttunePolicy    policy,
         AttuneScenario *scenario,
         AttuneChoice   *choice,
         guint           index)
{
  switch (policy)
    {
    case ATTUNE_POLICY_BEST:
      return attune_choice_get_net_weight (choice);
    case ATTUNE_POLICY_LONGEST:
      return (double) g_utf8_strlen (choice->reply, -1);
    case ATTUNE_POLICY_SHORTEST:
      return -(double) g_utf8_strlen (choice->reply, -1);
    case ATTUNE_POLICY_MOST_SYMPATHY:
      return attune_text_count_sympathy (choice->reply);
    case ATTUNE_POLICY_NAMES_CUSTOMER:
      return names_customer (scenario, choice->reply);
    case ATTUNE_POLICY_QUESTION:
      return count_char (choice->reply, '?');
    case ATTUNE_POLICY_FIRST:
      return -(double) index;
    case ATTUNE_POLICY_LAST:
      return index;
    case ATTUNE_N_POLICIES:
    default:
      g_return_val_if_reached (0);
    }
}

/* The authored index of the reply @policy picks at @node. */
guint
attune_policy_pick (AttunePolicy        policy,
                    AttuneScenario     *scenario,
                    AttuneScenarioNode *node)
{
  guint best = 0;
  double best_value = 0;

  for (guint i = 0; i < node->choices->len; i++)
    {
      double value = measure (policy, scenario, g_ptr_array_index (node->choices, i), i);

      if (i == 0 || value > best_value)
        {
          best = i;
          best_value = value;
        }
    }
  return best;
}

/**
 * attune_policy_play:
 * @outcome: (out): how the conversation ended
 *
 * Plays @scenario from the start, picking every reply with @policy.
 * Returns %FALSE when the policy goes round a loop for ever.
 */
gboolean
attune_policy_play (AttunePolicy    policy,
                    AttuneScenario *scenario,
                    AttuneOutcome  *outcome)
{
  AttuneScenarioNode *node = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));

  for (guint steps = 0; node != NULL && steps < MAX_STEPS; steps++)
    {
      AttuneChoice *choice = g_ptr_array_index (node->choices, attune_policy_pick (policy, scenario, node));
      AttuneScenarioEnding *ending = attune_scenario_find_ending (scenario, choice->next);

      if (ending != NULL)
        {
          *outcome = ending->outcome;
          return TRUE;
        }
      node = attune_scenario_find_node (scenario, choice->next);
    }
  return FALSE;
}

/* A close call is a reply that is partly right: not the best, but with
 * evidence for one strategy and against another. */
gboolean
attune_node_has_close_call (AttuneScenarioNode *node)
{
  for (guint i = 0; i < node->choices->len; i++)
    {
      AttuneChoice *choice = g_ptr_array_index (node->choices, i);

      if (attune_scenario_node_get_quality (node, i) == ATTUNE_REPLY_PARTLY &&
          attune_choice_has_negative_evidence (choice))
        return TRUE;
    }
  return FALSE;
}

void
attune_scenario_cue_stats (AttuneScenario *scenario,
                           AttuneCueStats *stats)
{
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);

  memset (stats, 0, sizeof *stats);
  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);
      gboolean unique;
      guint best = attune_scenario_node_get_best_choice (node, &unique);
      AttuneChoice *best_choice = g_ptr_array_index (node->choices, best);
      glong best_length = g_utf8_strlen (best_choice->reply, -1);
      guint best_sympathy = attune_text_count_sympathy (best_choice->reply);
      gboolean longest = TRUE, shortest = TRUE, most_sympathy = best_sympathy > 0;

      for (guint k = 0; k < node->choices->len; k++)
        {
          AttuneChoice *other = g_ptr_array_index (node->choices, k);
          glong length = g_utf8_strlen (other->reply, -1);

          if (k == best)
            continue;
          longest &= best_length >= length;
          shortest &= best_length <= length;
          most_sympathy &= best_sympathy > attune_text_count_sympathy (other->reply);
        }
      stats->n_decisions++;
      stats->best_longest += longest;
      stats->best_shortest += shortest;
      stats->best_most_sympathy += most_sympathy;
      stats->ties += !unique;
      stats->without_close_call += !attune_node_has_close_call (node);
    }
}

static void
take_warning (GPtrArray  *warnings,
              const char *file,
              guint       line,
              char       *message)
{
  g_ptr_array_add (warnings, attune_problem_new_warning (file, line, message));
  g_free (message);
}

/**
 * attune_lint_scenario_cues:
 * @warnings: receives AttuneProblem warnings
 *
 * Warns where the form of the replies gives the answer away: the best
 * reply is the longest, or alone has the most sympathy words, in most
 * decisions; two replies tie for best; a level 2 or 3 decision has no close
 * call. data/scenarios/README.md explains each warning.
 */
void
attune_lint_scenario_cues (AttuneScenario *scenario,
                           GPtrArray      *warnings)
{
  const char *file = attune_scenario_get_file (scenario);
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);
  AttuneCueStats stats;

  attune_scenario_cue_stats (scenario, &stats);
  if (stats.n_decisions > 0 && 2 * stats.best_longest > stats.n_decisions)
    take_warning (warnings, file, attune_scenario_get_line (scenario),
      /* Translators: both numbers count decisions, such as “5 of 7”; a warning for authors */
      g_strdup_printf (ngettext ("The best reply is the longest in %u of %u decision, so a learner can pass by picking the longest reply. Trim the best reply and give the others substance.",
                                 "The best reply is the longest in %u of %u decisions, so a learner can pass by picking the longest reply. Trim the best reply and give the others substance.",
                                 stats.n_decisions),
                       stats.best_longest, stats.n_decisions));
  if (stats.n_decisions > 0 && 2 * stats.best_most_sympathy > stats.n_decisions)
    take_warning (warnings, file, attune_scenario_get_line (scenario),
      /* Translators: both numbers count decisions; a warning for authors */
      g_strdup_printf (ngettext ("The best reply has the most sympathy words (“sorry”, “I understand” …) in %u of %u decision, so a learner can pass by picking them. Use such words in the other replies too.",
                                 "The best reply has the most sympathy words (“sorry”, “I understand” …) in %u of %u decisions, so a learner can pass by picking them. Use such words in the other replies too.",
                                 stats.n_decisions),
                       stats.best_most_sympathy, stats.n_decisions));

  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);
      gboolean unique;

      attune_scenario_node_get_best_choice (node, &unique);
      if (!unique)
        take_warning (warnings, file, node->line, g_strdup (
          _("Two replies tie for the best total evidence weight here, so the debrief marks both as strong. Give the better one a higher weight.")));
      if (attune_scenario_get_difficulty (scenario) >= 2 && !attune_node_has_close_call (node))
        take_warning (warnings, file, node->line, g_strdup (
          _("This level 2–3 decision has no close call: add a reply that is partly right, with evidence for one strategy and against another.")));
    }
}

/* The score the learner is shown for a reply: the share of its evidence
 * weight that is for the strategies, 0 to 100, as
 * attune_conversation_get_score() computes it over a conversation. */
static guint
choice_score (AttuneChoice *choice)
{
  int good = 0, total = 0;

  for (guint k = 0; k < choice->evidence->len; k++)
    {
      int weight = ((AttuneEvidence *) g_ptr_array_index (choice->evidence, k))->weight;

      total += ABS (weight);
      good += MAX (weight, 0);
    }
  return total > 0 ? (guint) (100 * good / total) : 0;
}

/**
 * attune_lint_scenario_design:
 * @warnings: receives AttuneProblem warnings
 *
 * Warns where the story rewards the wrong thing: a reply that is not the
 * best (a lower net evidence weight) yet earns the learner a score at
 * least as high as the best reply does; and a scenario whose endings all
 * have the same outcome, so that no choice changes how it ends.
 */
void
attune_lint_scenario_design (AttuneScenario *scenario,
                             GPtrArray      *warnings)
{
  const char *file = attune_scenario_get_file (scenario);
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);
  GPtrArray *endings = attune_scenario_get_endings (scenario);
  gboolean same_outcome = endings->len > 0;

  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);
      guint best_index = attune_scenario_node_get_best_choice (node, NULL);
      AttuneChoice *best = g_ptr_array_index (node->choices, best_index);
      int best_weight = attune_choice_get_net_weight (best);
      guint best_score = choice_score (best);

      for (guint j = 0; j < node->choices->len; j++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, j);
          guint score = choice_score (choice);

          if (j == best_index || attune_choice_get_net_weight (choice) >= best_weight || score < best_score)
            continue;
          take_warning (warnings, file, choice->line,
            /* Translators: a warning for authors; the numbers are scores out of 100 and a line number */
            g_strdup_printf (_("This reply is not the best one, yet it scores %u of 100, at least as well as the best reply (%u at line %u): the score counts the share of evidence weight that is positive. Give this reply some negative evidence for what it misses, or make the best reply’s evidence all positive."),
                             score, best_score, best->line));
        }
    }

  for (guint i = 1; i < endings->len; i++)
    if (((AttuneScenarioEnding *) g_ptr_array_index (endings, i))->outcome !=
        ((AttuneScenarioEnding *) g_ptr_array_index (endings, 0))->outcome)
      same_outcome = FALSE;
  if (same_outcome && endings->len == 1)
    take_warning (warnings, file, attune_scenario_get_line (scenario),
      /* Translators: a warning for authors; %s is an outcome such as “Resolved” */
      g_strdup_printf (_("The only ending has the outcome “%s”, so no reply changes how the conversation ends. Add an ending with a different outcome."),
                       attune_outcome_get_label (((AttuneScenarioEnding *) g_ptr_array_index (endings, 0))->outcome)));
  else if (same_outcome)
    take_warning (warnings, file, attune_scenario_get_line (scenario),
      /* Translators: a warning for authors; %u counts endings (always 2 or more), %s is an outcome such as “Resolved” */
      g_strdup_printf (ngettext ("All %u endings have the outcome “%s”, so no reply changes how the conversation ends. Give at least one a different outcome.",
                                 "All %u endings have the outcome “%s”, so no reply changes how the conversation ends. Give at least one a different outcome.",
                                 endings->len),
                       endings->len, attune_outcome_get_label (((AttuneScenarioEnding *) g_ptr_array_index (endings, 0))->outcome)));
}
