/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks the schema cannot express: ids and references, and the shape of a
 * scenario's conversation graph. A trainer's file that passes these can be
 * played from the start to an ending along every path.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attune-lint.h"
#include "attune-problem.h"

/* The edit distance between two ids, stopping early once it exceeds @limit. */
static guint
id_distance (const char *a,
             const char *b,
             guint       limit)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = NULL;

  if ((la > lb ? la - lb : lb - la) > limit || la > 128 || lb > 128)
    return limit + 1;
  row = g_new (guint, lb + 1);
  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = (guint) i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }
  return row[lb];
}

/**
 * attune_lint_suggest_id:
 * @wrong: the id a trainer typed
 * @candidates: (element-type utf8): the ids that exist
 *
 * The existing id closest to @wrong, when it is close enough to be a
 * typing slip (at most two edits, and fewer than a third of its length),
 * or %NULL.
 */
const char *
attune_lint_suggest_id (const char *wrong,
                        GPtrArray  *candidates)
{
  guint limit = MIN (2, MAX (1, (guint) strlen (wrong) / 3));
  const char *best = NULL;
  guint best_distance = limit + 1;

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *candidate = g_ptr_array_index (candidates, i);
      guint distance = id_distance (wrong, candidate, limit);

      if (distance > 0 && distance < best_distance)
        {
          best = candidate;
          best_distance = distance;
        }
    }
  return best;
}

static GPtrArray *
scenario_ids (AttuneScenario *scenario,
              gboolean        with_nodes,
              gboolean        with_endings)
{
  GPtrArray *ids = g_ptr_array_new ();
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);
  GPtrArray *endings = attune_scenario_get_endings (scenario);

  for (guint i = 0; with_nodes && i < nodes->len; i++)
    g_ptr_array_add (ids, ((AttuneScenarioNode *) g_ptr_array_index (nodes, i))->id);
  for (guint i = 0; with_endings && i < endings->len; i++)
    g_ptr_array_add (ids, ((AttuneScenarioEnding *) g_ptr_array_index (endings, i))->id);
  return ids;
}

static GPtrArray *
table_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  /* Sorted, so that a tie always suggests the same id. */
  g_ptr_array_sort (keys, (GCompareFunc) g_strcmp0);
  return keys;
}

typedef void (*EvidenceFunc) (AttuneEvidence *evidence,
                              gpointer        data);

/* Calls @func on every piece of evidence of every choice, in file order. */
static void
foreach_evidence (AttuneScenario *scenario,
                  EvidenceFunc    func,
                  gpointer        data)
{
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);

  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);

      for (guint j = 0; j < node->choices->len; j++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, j);

          for (guint k = 0; k < choice->evidence->len; k++)
            func (g_ptr_array_index (choice->evidence, k), data);
        }
    }
}

/**
 * attune_lint_lesson:
 *
 * Checks one lesson on its own: it must not list itself, or another lesson
 * twice, as related.
 */
void
attune_lint_lesson (AttuneLesson *lesson,
                    GPtrArray    *problems)
{
  GPtrArray *related = attune_lesson_get_related (lesson);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *file = attune_lesson_get_file (lesson);

  for (guint i = 0; i < related->len; i++)
    {
      AttuneReference *ref = g_ptr_array_index (related, i);

      if (g_str_equal (ref->id, attune_lesson_get_id (lesson)))
        attune_problems_add (problems, file, ref->line,
                             _("A lesson cannot be related to itself (“%s”)."), ref->id);
      else if (!g_hash_table_add (seen, ref->id))
        attune_problems_add (problems, file, ref->line,
                             _("The related lesson “%s” is listed twice."), ref->id);
    }
}

static void
check_ids_and_links (AttuneScenario *scenario,
                     GPtrArray      *problems)
{
  const char *file = attune_scenario_get_file (scenario);
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);
  GPtrArray *endings = attune_scenario_get_endings (scenario);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);

      if (!g_hash_table_add (ids, node->id))
        attune_problems_add (problems, file, node->line,
                             _("The id “%s” is used more than once."), node->id);
    }
  for (guint i = 0; i < endings->len; i++)
    {
      AttuneScenarioEnding *ending = g_ptr_array_index (endings, i);

      if (!g_hash_table_add (ids, ending->id))
        attune_problems_add (problems, file, ending->line,
                             _("The id “%s” is used more than once."), ending->id);
    }

  if (endings->len == 0)
    attune_problems_add (problems, file, attune_scenario_get_line (scenario),
                         _("The scenario has no ending. Add at least one <ending>."));

  if (attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario)) == NULL)
    {
      const char *start = attune_scenario_get_start_id (scenario);
      g_autoptr(GPtrArray) node_ids = scenario_ids (scenario, TRUE, FALSE);
      const char *suggestion = attune_lint_suggest_id (start, node_ids);

      if (attune_scenario_find_ending (scenario, start) != NULL)
        attune_problems_add (problems, file, attune_scenario_get_line (scenario),
                             _("The start attribute names “%s”, which is an ending. The start must be the node where the conversation begins."),
                             start);
      else if (suggestion != NULL)
        attune_problems_add (problems, file, attune_scenario_get_line (scenario),
                             /* Translators: both %s are ids */
                             _("The start node “%s” does not exist. Did you mean “%s”?"),
                             start, suggestion);
      else
        attune_problems_add (problems, file, attune_scenario_get_line (scenario),
                             _("The start node “%s” does not exist."), start);
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);

      for (guint j = 0; j < node->choices->len; j++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, j);

          if (attune_scenario_find_node (scenario, choice->next) == NULL &&
              attune_scenario_find_ending (scenario, choice->next) == NULL)
            {
              g_autoptr(GPtrArray) all_ids = scenario_ids (scenario, TRUE, TRUE);
              const char *suggestion = attune_lint_suggest_id (choice->next, all_ids);

              if (suggestion != NULL)
                attune_problems_add (problems, file, choice->line,
                                     /* Translators: both %s are ids */
                                     _("The choice leads to “%s”, which is neither a node nor an ending. Did you mean “%s”?"),
                                     choice->next, suggestion);
              else
                attune_problems_add (problems, file, choice->line,
                                     _("The choice leads to “%s”, which is neither a node nor an ending."),
                                     choice->next);
            }

          if (choice->feedback == NULL || *choice->feedback == '\0')
            attune_problems_add (problems, file, choice->line, _("The choice has no feedback."));
          if (choice->evidence->len == 0)
            attune_problems_add (problems, file, choice->line, _("The choice gives no evidence for any strategy."));

          for (guint k = 0; k < choice->evidence->len; k++)
            {
              AttuneEvidence *evidence = g_ptr_array_index (choice->evidence, k);

              if (evidence->weight == 0)
                attune_problems_add (problems, file, evidence->line,
                                     _("Evidence needs a weight other than 0: positive for the strategy, negative against it."));
            }
        }
    }
}

/* Nodes reachable from the start, following choices forwards. */
static GHashTable *
reachable_from_start (AttuneScenario *scenario)
{
  GHashTable *reached = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GQueue) queue = g_queue_new ();
  AttuneScenarioNode *start = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));

  if (start == NULL)
    return reached;

  g_hash_table_add (reached, start->id);
  g_queue_push_tail (queue, start);
  while (!g_queue_is_empty (queue))
    {
      AttuneScenarioNode *node = g_queue_pop_head (queue);

      for (guint i = 0; i < node->choices->len; i++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, i);
          AttuneScenarioNode *next = attune_scenario_find_node (scenario, choice->next);

          if (attune_scenario_find_ending (scenario, choice->next) != NULL)
            g_hash_table_add (reached, choice->next);
          else if (next != NULL && g_hash_table_add (reached, next->id))
            g_queue_push_tail (queue, next);
        }
    }
  return reached;
}

/* Nodes from which some ending can be reached. Computed as a fixed point:
 * a node can finish if any of its choices leads to an ending or to a node
 * that can finish. Scenarios are small, so the quadratic bound is fine. */
static GHashTable *
nodes_that_can_finish (AttuneScenario *scenario)
{
  GHashTable *finishing = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < nodes->len; i++)
        {
          AttuneScenarioNode *node = g_ptr_array_index (nodes, i);

          if (g_hash_table_contains (finishing, node->id))
            continue;
          for (guint j = 0; j < node->choices->len; j++)
            {
              AttuneChoice *choice = g_ptr_array_index (node->choices, j);

              if (attune_scenario_find_ending (scenario, choice->next) != NULL ||
                  g_hash_table_contains (finishing, choice->next))
                {
                  g_hash_table_add (finishing, node->id);
                  changed = TRUE;
                  break;
                }
            }
        }
    }
  return finishing;
}

static void
check_graph (AttuneScenario *scenario,
             GPtrArray      *problems)
{
  const char *file = attune_scenario_get_file (scenario);
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);
  GPtrArray *endings = attune_scenario_get_endings (scenario);
  g_autoptr(GHashTable) reached = reachable_from_start (scenario);
  g_autoptr(GHashTable) finishing = nodes_that_can_finish (scenario);

  /* Without a start every node would be "unreachable"; that is one problem, already reported. */
  if (attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario)) == NULL)
    return;

  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);

      if (attune_scenario_find_node (scenario, node->id) != node)
        continue;  /* a duplicate, reported already */
      if (!g_hash_table_contains (reached, node->id))
        attune_problems_add (problems, file, node->line,
                             _("The node “%s” cannot be reached from the start."), node->id);
      else if (!g_hash_table_contains (finishing, node->id))
        attune_problems_add (problems, file, node->line,
                             _("From the node “%s” no ending can be reached: it is a dead end or a loop without an exit."),
                             node->id);
    }

  for (guint i = 0; i < endings->len; i++)
    {
      AttuneScenarioEnding *ending = g_ptr_array_index (endings, i);

      if (attune_scenario_find_ending (scenario, ending->id) == ending &&
          !g_hash_table_contains (reached, ending->id))
        attune_problems_add (problems, file, ending->line,
                             _("The ending “%s” cannot be reached from the start."), ending->id);
    }
}

/* Text no conversation needs, and that would make the role-play slow to
 * lay out and hard to read: a reply is a few sentences, a customer's turn a
 * paragraph or two. */
static void
check_length (GPtrArray  *problems,
              const char *file,
              guint       line,
              const char *text,
              const char *element,
              glong       limit)
{
  glong length;

  /* No more bytes than the limit means no more characters: counting
   * characters is only needed near the limit. */
  if (text == NULL || strlen (text) <= (gsize) limit)
    return;
  length = g_utf8_strlen (text, -1);
  if (length > limit)
    attune_problems_add (problems, file, line,
                         /* Translators: %s is an element name such as <reply>; the numbers are counts of characters */
                         _("This %s is %ld characters long; the limit is %ld. Shorten it or split it across turns."),
                         element, length, limit);
}

static void
check_lengths (AttuneScenario *scenario,
               GPtrArray      *problems)
{
  const char *file = attune_scenario_get_file (scenario);
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);
  GPtrArray *endings = attune_scenario_get_endings (scenario);

  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);

      check_length (problems, file, node->line, node->cue, "<cue>", ATTUNE_LINT_MAX_LINE);
      check_length (problems, file, node->line, node->text, "<line>", ATTUNE_LINT_MAX_LINE);
      for (guint k = 0; k < node->choices->len; k++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, k);

          check_length (problems, file, choice->line, choice->reply, "<reply>", ATTUNE_LINT_MAX_REPLY);
          check_length (problems, file, choice->line, choice->feedback, "<feedback>", ATTUNE_LINT_MAX_LINE);
        }
    }
  for (guint i = 0; i < endings->len; i++)
    {
      AttuneScenarioEnding *ending = g_ptr_array_index (endings, i);

      check_length (problems, file, ending->line, ending->text, "<line>", ATTUNE_LINT_MAX_LINE);
      check_length (problems, file, ending->line, ending->debrief, "<debrief>", ATTUNE_LINT_MAX_LINE);
    }
}

/* A strategy the scenario claims to practise must be measured somewhere. */
static void
add_measured (AttuneEvidence *evidence,
              GHashTable     *measured)
{
  g_hash_table_add (measured, evidence->strategy);
}

/* A strategy the scenario claims to practise must be measured somewhere. */
static void
check_practised_strategies (AttuneScenario *scenario,
                            GPtrArray      *problems)
{
  GPtrArray *practises = attune_scenario_get_practises (scenario);
  g_autoptr(GHashTable) measured = g_hash_table_new (g_str_hash, g_str_equal);

  foreach_evidence (scenario, (EvidenceFunc) add_measured, measured);

  for (guint i = 0; i < practises->len; i++)
    {
      AttuneReference *ref = g_ptr_array_index (practises, i);

      if (!g_hash_table_contains (measured, ref->id))
        {
          g_autoptr(GPtrArray) ids = table_keys (measured);
          const char *suggestion = attune_lint_suggest_id (ref->id, ids);

          if (suggestion != NULL)
            attune_problems_add (problems, attune_scenario_get_file (scenario), ref->line,
                                 /* Translators: both %s are strategy ids */
                                 _("The scenario says it practises “%s”, but no choice gives evidence for it. Did you mean “%s”?"),
                                 ref->id, suggestion);
          else
            attune_problems_add (problems, attune_scenario_get_file (scenario), ref->line,
                                 _("The scenario says it practises “%s”, but no choice gives evidence for it."),
                                 ref->id);
        }
    }
}

/**
 * attune_lint_scenario:
 *
 * Checks one scenario on its own: unique ids, links that resolve, a start
 * that exists, every node reachable, an ending reachable from every node,
 * feedback and evidence on every choice, no text longer than a
 * conversation needs (ATTUNE_LINT_MAX_REPLY, ATTUNE_LINT_MAX_LINE).
 */
void
attune_lint_scenario (AttuneScenario *scenario,
                      GPtrArray      *problems)
{
  check_ids_and_links (scenario, problems);
  check_graph (scenario, problems);
  check_practised_strategies (scenario, problems);
  check_lengths (scenario, problems);
}

/**
 * attune_lint_lesson_references:
 * @lesson_ids: set of every loaded lesson id
 *
 * Every related lesson must exist.
 */
void
attune_lint_lesson_references (AttuneLesson *lesson,
                               GHashTable   *lesson_ids,
                               GPtrArray    *problems)
{
  GPtrArray *related = attune_lesson_get_related (lesson);

  for (guint i = 0; i < related->len; i++)
    {
      AttuneReference *ref = g_ptr_array_index (related, i);

      if (!g_hash_table_contains (lesson_ids, ref->id))
        attune_problems_add (problems, attune_lesson_get_file (lesson), ref->line,
                             _("The related lesson “%s” does not exist."), ref->id);
    }
}

/**
 * attune_lint_scenario_references:
 * @lesson_ids: set of every loaded lesson id
 *
 * Every strategy a scenario practises or gives evidence for must be a
 * lesson, so that feedback can link to it and progress can be shown.
 */
typedef struct
{
  const char *file;
  GHashTable *lesson_ids;
  GPtrArray *problems;
} ReferenceCheck;

static void
report_unknown_strategy (ReferenceCheck *check,
                         guint           line,
                         const char     *strategy)
{
  g_autoptr(GPtrArray) ids = table_keys (check->lesson_ids);
  const char *suggestion = attune_lint_suggest_id (strategy, ids);

  if (suggestion != NULL)
    attune_problems_add (check->problems, check->file, line,
                         /* Translators: both %s are strategy (lesson) ids */
                         _("The strategy “%s” is not a lesson. Did you mean “%s”?"), strategy, suggestion);
  else
    attune_problems_add (check->problems, check->file, line,
                         _("The strategy “%s” is not a lesson."), strategy);
}

static void
check_evidence_reference (AttuneEvidence *evidence,
                          ReferenceCheck *check)
{
  if (!g_hash_table_contains (check->lesson_ids, evidence->strategy))
    report_unknown_strategy (check, evidence->line, evidence->strategy);
}

void
attune_lint_scenario_references (AttuneScenario *scenario,
                                 GHashTable     *lesson_ids,
                                 GPtrArray      *problems)
{
  ReferenceCheck check = { attune_scenario_get_file (scenario), lesson_ids, problems };
  GPtrArray *practises = attune_scenario_get_practises (scenario);

  for (guint i = 0; i < practises->len; i++)
    {
      AttuneReference *ref = g_ptr_array_index (practises, i);

      if (!g_hash_table_contains (lesson_ids, ref->id))
        report_unknown_strategy (&check, ref->line, ref->id);
    }

  foreach_evidence (scenario, (EvidenceFunc) check_evidence_reference, &check);
}
