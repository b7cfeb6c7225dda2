/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every complete path through a scenario, for a trainer's report: each
 * way a learner can go from the start to an ending, with its score, its
 * closing mood and its ending.
 *
 * Loops are allowed in scenarios, so "every path" needs a bound: a path
 * may enter each node at most 1 + @revisits times. The report states the
 * bound. attune_paths_count() counts the same paths by a different method
 * (dynamic programming over the graph, with the visit counts of the nodes
 * on loops as part of the state) so that a test, and the report itself,
 * can check the enumeration against it.
 */
#include "config.h"

#include "attune-paths.h"

typedef struct
{
  AttuneScenario *scenario;
  guint revisits;
  GHashTable *visits;       /* node -> times entered on the current path */
  GArray *current;          /* AttuneDecision */
  AttunePathSet *set;
  guint64 n_found;
} Walk;

static guint
visits_of (GHashTable *visits,
           gpointer    node)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (visits, node));
}

static void
record_path (Walk                 *w,
             AttuneScenarioEnding *ending,
             int                   score,
             int                   mood)
{
  AttunePathSet *set = w->set;
  AttunePath *path;
  guint length = w->current->len;

  w->n_found++;
  set->by_outcome[ending->outcome]++;
  if (set->paths->len >= ATTUNE_PATHS_MAX_LISTED)
    {
      set->truncated = TRUE;
      return;
    }

  path = g_new0 (AttunePath, 1);
  path->decisions = g_array_sized_new (FALSE, FALSE, sizeof (AttuneDecision), length);
  g_array_append_vals (path->decisions, w->current->data, length);
  path->ending = ending;
  path->score = score;
  path->mood = mood;
  g_ptr_array_add (set->paths, path);

  if (set->paths->len == 1)
    {
      set->min_length = set->max_length = length;
      return;
    }
  set->min_length = MIN (set->min_length, length);
  set->max_length = MAX (set->max_length, length);
  /* Ties go to the ending that is better (or worse) for the customer, then
   * to the shorter path: the expert path rather than a recovery. */
  {
    AttunePath *best = g_ptr_array_index (set->paths, set->best);
    AttunePath *worst = g_ptr_array_index (set->paths, set->worst);

    if (score > best->score ||
        (score == best->score && ending->outcome < best->ending->outcome) ||
        (score == best->score && ending->outcome == best->ending->outcome && length < best->decisions->len))
      set->best = set->paths->len - 1;
    if (score < worst->score ||
        (score == worst->score && ending->outcome > worst->ending->outcome) ||
        (score == worst->score && ending->outcome == worst->ending->outcome && length < worst->decisions->len))
      set->worst = set->paths->len - 1;
  }
}

static void
walk (Walk               *w,
      AttuneScenarioNode *node,
      int                 score,
      int                 mood)
{
  if (w->n_found >= G_MAXUINT64 / 2)
    return;
  g_hash_table_insert (w->visits, node, GUINT_TO_POINTER (visits_of (w->visits, node) + 1));

  for (guint i = 0; i < node->choices->len; i++)
    {
      AttuneChoice *choice = g_ptr_array_index (node->choices, i);
      AttuneDecision decision = { node, i };
      int total = score + attune_choice_get_net_weight (choice);
      int next_mood = CLAMP (mood + choice->mood, -5, 5);
      AttuneScenarioEnding *ending = attune_scenario_find_ending (w->scenario, choice->next);
      AttuneScenarioNode *next = ending == NULL ? attune_scenario_find_node (w->scenario, choice->next) : NULL;

      g_array_append_val (w->current, decision);
      if (ending != NULL)
        record_path (w, ending, total, next_mood);
      else if (next != NULL && visits_of (w->visits, next) <= w->revisits &&
               !(w->set->truncated && w->n_found > 100 * (guint64) ATTUNE_PATHS_MAX_LISTED))
        walk (w, next, total, next_mood);
      g_array_set_size (w->current, w->current->len - 1);
    }

  g_hash_table_insert (w->visits, node, GUINT_TO_POINTER (visits_of (w->visits, node) - 1));
}

static void
path_free (gpointer data)
{
  AttunePath *path = data;

  g_array_unref (path->decisions);
  g_free (path);
}

/* Whether @from can reach @to by following choices (not through endings). */
static gboolean
reaches (AttuneScenario     *scenario,
         AttuneScenarioNode *from,
         AttuneScenarioNode *to)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, from);
  while (stack->len > 0)
    {
      AttuneScenarioNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      for (guint i = 0; i < node->choices->len; i++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, i);
          AttuneScenarioNode *next = attune_scenario_find_node (scenario, choice->next);

          if (next == NULL)
            continue;
          if (next == to)
            return TRUE;
          if (g_hash_table_add (seen, next))
            g_ptr_array_add (stack, next);
        }
    }
  return FALSE;
}

/**
 * attune_paths_enumerate:
 * @revisits: how many times a path may come back to a node it has
 *   already been through
 *
 * Lists every complete path (up to ATTUNE_PATHS_MAX_LISTED; the outcome
 * counts go further) with its score, mood and ending.
 */
AttunePathSet *
attune_paths_enumerate (AttuneScenario *scenario,
                        guint           revisits)
{
  AttunePathSet *set = g_new0 (AttunePathSet, 1);
  AttuneScenarioNode *start = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);
  Walk w = { scenario, revisits, g_hash_table_new (NULL, NULL),
             g_array_new (FALSE, FALSE, sizeof (AttuneDecision)), set, 0 };

  set->revisits = revisits;
  set->paths = g_ptr_array_new_with_free_func (path_free);
  for (guint i = 0; i < nodes->len && !set->has_loops; i++)
    set->has_loops = reaches (scenario, g_ptr_array_index (nodes, i), g_ptr_array_index (nodes, i));
  if (start != NULL)
    walk (&w, start, 0, attune_scenario_get_start_mood (scenario));

  g_hash_table_unref (w.visits);
  g_array_unref (w.current);
  return set;
}

void
attune_path_set_free (AttunePathSet *set)
{
  if (set == NULL)
    return;
  g_ptr_array_unref (set->paths);
  g_free (set);
}

/* The independent count. Nodes on no loop can only be entered once per
 * path, so only the visit counts of nodes on loops matter: the state is
 * (node, those counts), and the number of ways to finish from a state is
 * memoised. On a scenario without loops this is the plain count over a
 * directed acyclic graph. */
typedef struct
{
  AttuneScenario *scenario;
  guint revisits;
  GHashTable *loop_index;   /* node -> 1 + its index among loop nodes */
  guint n_loop_nodes;
  guint8 *counts;           /* visits of each loop node on the current path */
  GHashTable *memo;         /* state string -> guint64 * */
} Count;

static guint64
saturating_add (guint64 a,
                guint64 b)
{
  return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

static guint64
count_from (Count              *c,
            AttuneScenarioNode *node)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (c->loop_index, node));
  g_autoptr(GString) key = g_string_new (node->id);
  guint64 total = 0;
  guint64 *cached;

  if (index > 0)
    c->counts[index - 1]++;
  g_string_append_c (key, ':');
  for (guint i = 0; i < c->n_loop_nodes; i++)
    g_string_append_c (key, (char) ('a' + c->counts[i]));

  cached = g_hash_table_lookup (c->memo, key->str);
  if (cached != NULL)
    total = *cached;
  else
    {
      for (guint i = 0; i < node->choices->len; i++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, i);
          AttuneScenarioNode *next;
          guint next_index;

          if (attune_scenario_find_ending (c->scenario, choice->next) != NULL)
            {
              total = saturating_add (total, 1);
              continue;
            }
          next = attune_scenario_find_node (c->scenario, choice->next);
          if (next == NULL)
            continue;
          next_index = GPOINTER_TO_UINT (g_hash_table_lookup (c->loop_index, next));
          if (next_index > 0 && c->counts[next_index - 1] > c->revisits)
            continue;
          total = saturating_add (total, count_from (c, next));
        }
      g_hash_table_insert (c->memo, g_strdup (key->str), g_memdup2 (&total, sizeof total));
    }

  if (index > 0)
    c->counts[index - 1]--;
  return total;
}

/**
 * attune_paths_count:
 *
 * How many complete paths attune_paths_enumerate() finds with the same
 * @revisits, computed without listing them. Saturates at G_MAXUINT64.
 */
guint64
attune_paths_count (AttuneScenario *scenario,
                    guint           revisits)
{
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);
  AttuneScenarioNode *start = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));
  Count c = { scenario, MIN (revisits, 200), g_hash_table_new (NULL, NULL), 0, NULL,
              g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
  guint64 total = 0;

  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);

      if (reaches (scenario, node, node))
        g_hash_table_insert (c.loop_index, node, GUINT_TO_POINTER (++c.n_loop_nodes));
    }
  c.counts = g_new0 (guint8, MAX (c.n_loop_nodes, 1));
  if (start != NULL)
    total = count_from (&c, start);

  g_free (c.counts);
  g_hash_table_unref (c.loop_index);
  g_hash_table_unref (c.memo);
  return total;
}

/**
 * attune_path_tally_strategies:
 *
 * Strategy id -> summed evidence weight (as GINT_TO_POINTER) along @path:
 * positive means the path shows the strategy, negative that it misses it.
 */
GHashTable *
attune_path_tally_strategies (AttunePath *path)
{
  GHashTable *tally = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < path->decisions->len; i++)
    {
      AttuneDecision *decision = &g_array_index (path->decisions, AttuneDecision, i);
      AttuneChoice *choice = g_ptr_array_index (decision->node->choices, decision->choice_index);

      for (guint k = 0; k < choice->evidence->len; k++)
        {
          AttuneEvidence *evidence = g_ptr_array_index (choice->evidence, k);
          int sum = GPOINTER_TO_INT (g_hash_table_lookup (tally, evidence->strategy));

          g_hash_table_insert (tally, evidence->strategy, GINT_TO_POINTER (sum + evidence->weight));
        }
    }
  return tally;
}

/* "node-id/2": a decision, with the reply numbered from 1 as in the file. */
char *
attune_decision_key (const AttuneDecision *decision)
{
  return g_strdup_printf ("%s/%u", decision->node->id, decision->choice_index + 1);
}
