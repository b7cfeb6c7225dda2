/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneConversation: one run through a scenario. It knows where the
 * conversation is, the customer's mood (clamped to -5..5), what has been
 * chosen, and how it ended; it can go back to any earlier decision. It is
 * deterministic: the same choices always give the same conversation.
 *
 * The replies of each decision are shown in an order shuffled from a seed
 * that is new for every conversation and every retry, and the same for
 * every visit to a node within one, so that a learner cannot pass by
 * remembering positions, and history can say what was seen where.
 *
 * attune_scenario_analyse() finds the best and worst paths by total
 * evidence weight: by dynamic programming when the graph has no loops, and
 * by walking simple paths within a budget when it has.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "attune-conversation.h"

struct _AttuneConversation
{
  GObject parent_instance;

  AttuneScenario *scenario;
  AttuneScenarioNode *node;      /* NULL once ended */
  AttuneScenarioEnding *ending;  /* NULL until ended */
  int mood;
  guint32 seed;                  /* for the order the replies are shown in */
  GArray *steps;                 /* AttuneStep */
};

G_DEFINE_FINAL_TYPE (AttuneConversation, attune_conversation, G_TYPE_OBJECT)

static void
attune_conversation_finalize (GObject *object)
{
  AttuneConversation *self = ATTUNE_CONVERSATION (object);

  g_clear_object (&self->scenario);
  g_array_unref (self->steps);
  G_OBJECT_CLASS (attune_conversation_parent_class)->finalize (object);
}

static void
attune_conversation_class_init (AttuneConversationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_conversation_finalize;
}

static void
attune_conversation_init (AttuneConversation *self)
{
  self->steps = g_array_new (FALSE, FALSE, sizeof (AttuneStep));
  self->seed = g_random_int ();
}

/**
 * attune_conversation_new:
 *
 * A conversation at the start of @scenario (which must have passed the
 * lint, so that the start exists and every path ends).
 */
AttuneConversation *
attune_conversation_new (AttuneScenario *scenario)
{
  AttuneConversation *self = g_object_new (ATTUNE_TYPE_CONVERSATION, NULL);

  self->scenario = g_object_ref (scenario);
  self->node = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));
  self->mood = attune_scenario_get_start_mood (scenario);
  g_return_val_if_fail (self->node != NULL, self);
  return self;
}

/**
 * attune_conversation_jump_to:
 * @node_id: a node of the scenario
 *
 * Forgets the steps taken and goes on from @node_id, with the mood the
 * scenario starts with: a trainer's rehearsal of one branch (the map's
 * "play from here", the live preview keeping its place). Returns %FALSE
 * when the scenario has no such node.
 */
gboolean
attune_conversation_jump_to (AttuneConversation *self,
                             const char         *node_id)
{
  AttuneScenarioNode *node;

  g_return_val_if_fail (ATTUNE_IS_CONVERSATION (self), FALSE);
  node = attune_scenario_find_node (self->scenario, node_id);
  if (node == NULL)
    return FALSE;
  self->node = node;
  self->ending = NULL;
  self->mood = attune_scenario_get_start_mood (self->scenario);
  g_array_set_size (self->steps, 0);
  return TRUE;
}

/* Fixes the shuffle, for tests and for replaying a recorded order. */
void
attune_conversation_set_seed (AttuneConversation *self,
                              guint32             seed)
{
  g_return_if_fail (ATTUNE_IS_CONVERSATION (self));
  self->seed = seed;
}

/**
 * attune_conversation_get_order:
 * @order: (out caller-allocates) (array fixed-size=4): receives the authored
 *   index of the reply shown first, second, …
 *
 * The order in which the current node's replies are shown: a shuffle that
 * depends only on the seed and the node, so it holds for the whole attempt.
 * Returns the number of replies (0 once the conversation has ended).
 */
guint
attune_conversation_get_order (AttuneConversation *self,
                               guint8             *order)
{
  g_autoptr(GRand) rand = NULL;
  guint n;

  g_return_val_if_fail (ATTUNE_IS_CONVERSATION (self), 0);

  if (self->node == NULL)
    return 0;
  n = MIN (self->node->choices->len, ATTUNE_MAX_CHOICES);
  rand = g_rand_new_with_seed (self->seed ^ g_str_hash (self->node->id));
  for (guint i = 0; i < n; i++)
    order[i] = (guint8) i;
  /* Fisher–Yates */
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
      guint8 t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
  return n;
}

/* The authored index of the reply shown at @position (0 for the first),
 * or G_MAXUINT when there is none. */
guint
attune_conversation_authored_index (AttuneConversation *self,
                                    guint               position)
{
  guint8 order[ATTUNE_MAX_CHOICES];
  guint n = attune_conversation_get_order (self, order);

  return position < n ? order[position] : G_MAXUINT;
}

AttuneScenario *
attune_conversation_get_scenario (AttuneConversation *self)
{
  g_return_val_if_fail (ATTUNE_IS_CONVERSATION (self), NULL);
  return self->scenario;
}

/* Where the customer is now; NULL once the conversation has ended. */
AttuneScenarioNode *
attune_conversation_get_node (AttuneConversation *self)
{
  g_return_val_if_fail (ATTUNE_IS_CONVERSATION (self), NULL);
  return self->node;
}

AttuneScenarioEnding *
attune_conversation_get_ending (AttuneConversation *self)
{
  g_return_val_if_fail (ATTUNE_IS_CONVERSATION (self), NULL);
  return self->ending;
}

gboolean
attune_conversation_is_finished (AttuneConversation *self)
{
  g_return_val_if_fail (ATTUNE_IS_CONVERSATION (self), FALSE);
  return self->ending != NULL;
}

int
attune_conversation_get_mood (AttuneConversation *self)
{
  g_return_val_if_fail (ATTUNE_IS_CONVERSATION (self), 0);
  return self->mood;
}

/* The decisions so far, in order (AttuneStep). */
GArray *
attune_conversation_get_steps (AttuneConversation *self)
{
  g_return_val_if_fail (ATTUNE_IS_CONVERSATION (self), NULL);
  return self->steps;
}

/**
 * attune_conversation_choose:
 * @index: which of the current node's choices
 *
 * Takes a choice: the mood moves, the conversation goes on to the next
 * node or ends. Returns the choice (for its feedback), or %NULL with
 * @error set when the conversation has ended or @index is out of range.
 */
AttuneChoice *
attune_conversation_choose (AttuneConversation  *self,
                            guint                index,
                            GError             **error)
{
  AttuneStep step = { 0 };

  g_return_val_if_fail (ATTUNE_IS_CONVERSATION (self), NULL);

  if (self->node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The conversation has already ended."));
      return NULL;
    }
  if (index >= self->node->choices->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no choice %u here."), index + 1);
      return NULL;
    }

  step.n_shown = attune_conversation_get_order (self, step.shown_order);
  step.node = self->node;
  step.choice_index = index;
  step.choice = g_ptr_array_index (self->node->choices, index);
  step.mood_before = self->mood;
  self->mood = CLAMP (self->mood + step.choice->mood, -5, 5);
  step.mood_after = self->mood;
  g_array_append_val (self->steps, step);

  self->ending = attune_scenario_find_ending (self->scenario, step.choice->next);
  self->node = self->ending != NULL ? NULL : attune_scenario_find_node (self->scenario, step.choice->next);
  return step.choice;
}

/**
 * attune_conversation_retry_from:
 * @step: the decision to take again (0 is the first)
 *
 * Goes back to just before decision @step, forgetting it and everything
 * after, with the mood as it was then. A retry is a new attempt, so the
 * replies are shuffled afresh.
 */
gboolean
attune_conversation_retry_from (AttuneConversation *self,
                                guint               step)
{
  AttuneStep *target;

  g_return_val_if_fail (ATTUNE_IS_CONVERSATION (self), FALSE);

  if (step >= self->steps->len)
    return FALSE;
  target = &g_array_index (self->steps, AttuneStep, step);
  self->node = target->node;
  self->mood = target->mood_before;
  self->ending = NULL;
  g_array_set_size (self->steps, step);
  self->seed = g_random_int ();
  return TRUE;
}

/* Share of evidence weight that was for strategies, 0..100. */
guint
attune_conversation_get_score (AttuneConversation *self)
{
  int good = 0, total = 0;

  for (guint i = 0; i < self->steps->len; i++)
    {
      AttuneChoice *choice = g_array_index (self->steps, AttuneStep, i).choice;

      for (guint k = 0; k < choice->evidence->len; k++)
        {
          int weight = ((AttuneEvidence *) g_ptr_array_index (choice->evidence, k))->weight;

          total += ABS (weight);
          good += MAX (weight, 0);
        }
    }
  return total > 0 ? (guint) (100 * good / total) : 0;
}

/* Per strategy, the evidence summed over the conversation, in the order
 * strategies first appeared (AttuneStrategyTally). */
GArray *
attune_conversation_tally (AttuneConversation *self)
{
  GArray *tally = g_array_new (FALSE, FALSE, sizeof (AttuneStrategyTally));

  for (guint i = 0; i < self->steps->len; i++)
    {
      AttuneChoice *choice = g_array_index (self->steps, AttuneStep, i).choice;

      for (guint k = 0; k < choice->evidence->len; k++)
        {
          AttuneEvidence *evidence = g_ptr_array_index (choice->evidence, k);
          guint j;

          for (j = 0; j < tally->len; j++)
            if (g_str_equal (g_array_index (tally, AttuneStrategyTally, j).strategy, evidence->strategy))
              break;
          if (j == tally->len)
            {
              AttuneStrategyTally entry = { evidence->strategy, 0 };

              g_array_append_val (tally, entry);
            }
          g_array_index (tally, AttuneStrategyTally, j).total += evidence->weight;
        }
    }
  return tally;
}

/* The best and worst totals from a node to an ending, the reply that
 * starts each, and how many simple paths there are (acyclic case). */
typedef struct
{
  gboolean done;
  int best, worst;
  guint best_choice, worst_choice;
  guint64 paths;
} Memo;

typedef struct
{
  AttuneScenario *scenario;
  GHashTable *index;           /* node -> its position in the scenario */
  Memo *memo;
  guint8 *colour;              /* 0 unseen, 1 on the DFS stack, 2 done */
  gboolean cyclic;
  GHashTable *endings_reached;
} Graph;

static guint
node_index (Graph              *g,
            AttuneScenarioNode *node)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (g->index, node)) - 1;
}

/* Reachability from the start, and whether any loop can be reached. */
static void
explore (Graph              *g,
         AttuneScenarioNode *start)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gpointer));
  g_autoptr(GArray) next_choice = g_array_new (FALSE, FALSE, sizeof (guint));
  guint zero = 0;

  /* Iterative, so that a very long chain of nodes cannot overflow the C stack. */
  g_array_append_val (stack, start);
  g_array_append_val (next_choice, zero);
  g->colour[node_index (g, start)] = 1;
  while (stack->len > 0)
    {
      AttuneScenarioNode *node = g_array_index (stack, AttuneScenarioNode *, stack->len - 1);
      guint *i = &g_array_index (next_choice, guint, next_choice->len - 1);

      if (*i < node->choices->len)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, (*i)++);
          AttuneScenarioEnding *ending = attune_scenario_find_ending (g->scenario, choice->next);
          AttuneScenarioNode *next = ending == NULL ? attune_scenario_find_node (g->scenario, choice->next) : NULL;

          if (ending != NULL)
            g_hash_table_add (g->endings_reached, ending);
          else if (next != NULL && g->colour[node_index (g, next)] == 1)
            g->cyclic = TRUE;
          else if (next != NULL && g->colour[node_index (g, next)] == 0)
            {
              g->colour[node_index (g, next)] = 1;
              g_array_append_val (stack, next);
              g_array_append_val (next_choice, zero);
            }
        }
      else
        {
          g->colour[node_index (g, node)] = 2;
          g_array_set_size (stack, stack->len - 1);
          g_array_set_size (next_choice, next_choice->len - 1);
        }
    }
}

/* Acyclic: each node's best and worst totals from the ones after it, in
 * reverse topological order (children are done before their parents). */
static Memo *
solve (Graph              *g,
       AttuneScenarioNode *start)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gpointer));

  g_array_append_val (stack, start);
  while (stack->len > 0)
    {
      AttuneScenarioNode *node = g_array_index (stack, AttuneScenarioNode *, stack->len - 1);
      Memo *m = &g->memo[node_index (g, node)];
      gboolean ready = TRUE;

      if (m->done)
        {
          g_array_set_size (stack, stack->len - 1);
          continue;
        }
      for (guint i = 0; i < node->choices->len; i++)
        {
          AttuneScenarioNode *next = attune_scenario_find_node (g->scenario, ((AttuneChoice *) g_ptr_array_index (node->choices, i))->next);

          if (next != NULL && !g->memo[node_index (g, next)].done)
            {
              g_array_append_val (stack, next);
              ready = FALSE;
            }
        }
      if (!ready)
        continue;
      for (guint i = 0; i < node->choices->len; i++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, i);
          AttuneScenarioNode *next = attune_scenario_find_node (g->scenario, choice->next);
          int weight = attune_choice_get_net_weight (choice);
          int best = weight, worst = weight;
          guint64 paths = 1;

          if (next != NULL)
            {
              Memo *after = &g->memo[node_index (g, next)];

              best += after->best;
              worst += after->worst;
              paths = after->paths;
            }
          else if (attune_scenario_find_ending (g->scenario, choice->next) == NULL)
            continue;   /* a broken link: the lint reports it */
          if (m->paths == 0 || best > m->best)
            {
              m->best = best;
              m->best_choice = i;
            }
          if (m->paths == 0 || worst < m->worst)
            {
              m->worst = worst;
              m->worst_choice = i;
            }
          m->paths = MIN (m->paths + paths, (guint64) G_MAXUINT);
        }
      m->done = TRUE;
      g_array_set_size (stack, stack->len - 1);
    }
  return &g->memo[node_index (g, start)];
}

static void
follow (Graph                  *g,
        AttuneScenarioNode     *node,
        gboolean                best,
        GArray                 *path)
{
  while (node != NULL)
    {
      Memo *m = &g->memo[node_index (g, node)];
      guint choice = best ? m->best_choice : m->worst_choice;

      g_array_append_val (path, choice);
      node = attune_scenario_find_node (g->scenario, ((AttuneChoice *) g_ptr_array_index (node->choices, choice))->next);
    }
}

/* With loops: every simple path, within a budget of visits. */
typedef struct
{
  Graph *g;
  AttuneScenarioAnalysis *analysis;
  guint8 *on_path;
  GArray *path;
  guint visits;
} Walk;

static void
walk (Walk               *w,
      AttuneScenarioNode *node,
      int                 score)
{
  guint here = node_index (w->g, node);

  if (++w->visits > ATTUNE_ANALYSIS_MAX_VISITS)
    {
      w->analysis->truncated = TRUE;
      return;
    }
  w->on_path[here] = TRUE;
  for (guint i = 0; i < node->choices->len && !w->analysis->truncated; i++)
    {
      AttuneChoice *choice = g_ptr_array_index (node->choices, i);
      AttuneScenarioEnding *ending = attune_scenario_find_ending (w->g->scenario, choice->next);
      int total = score + attune_choice_get_net_weight (choice);

      g_array_append_val (w->path, i);
      if (ending != NULL)
        {
          AttuneScenarioAnalysis *a = w->analysis;

          if (a->n_paths == 0 || total > a->best_score)
            {
              a->best_score = total;
              g_array_set_size (a->best_path, 0);
              g_array_append_vals (a->best_path, w->path->data, w->path->len);
            }
          if (a->n_paths == 0 || total < a->worst_score)
            {
              a->worst_score = total;
              g_array_set_size (a->worst_path, 0);
              g_array_append_vals (a->worst_path, w->path->data, w->path->len);
            }
          if (a->n_paths < G_MAXUINT)
            a->n_paths++;
        }
      else
        {
          AttuneScenarioNode *next = attune_scenario_find_node (w->g->scenario, choice->next);

          if (next != NULL && !w->on_path[node_index (w->g, next)])
            walk (w, next, total);
        }
      g_array_set_size (w->path, w->path->len - 1);
    }
  w->on_path[here] = FALSE;
}

/**
 * attune_scenario_analyse:
 *
 * The best and worst paths of @scenario's conversation (the most and the
 * least evidence for the strategies), how many simple paths there are, and
 * what can be reached. Without loops this is dynamic programming over the
 * graph, linear in its size however many paths there are; with loops it
 * walks every simple path within ATTUNE_ANALYSIS_MAX_VISITS visits, and
 * says when it stopped short. Either way it is bounded, but run it off
 * the GTK thread.
 */
AttuneScenarioAnalysis *
attune_scenario_analyse (AttuneScenario *scenario)
{
  AttuneScenarioAnalysis *analysis = g_new0 (AttuneScenarioAnalysis, 1);
  GPtrArray *nodes = attune_scenario_get_nodes (scenario);
  AttuneScenarioNode *start = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));
  Graph g = { scenario, g_hash_table_new (NULL, NULL), g_new0 (Memo, nodes->len + 1),
              g_new0 (guint8, nodes->len + 1), FALSE, g_hash_table_new (NULL, NULL) };

  analysis->best_path = g_array_new (FALSE, FALSE, sizeof (guint));
  analysis->worst_path = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < nodes->len; i++)
    g_hash_table_insert (g.index, g_ptr_array_index (nodes, i), GUINT_TO_POINTER (i + 1));

  if (start != NULL)
    {
      explore (&g, start);
      for (guint i = 0; i < nodes->len; i++)
        analysis->n_nodes_reached += g.colour[i] != 0;
      analysis->n_endings_reached = g_hash_table_size (g.endings_reached);
      if (!g.cyclic)
        {
          Memo *m = solve (&g, start);

          analysis->n_paths = (guint) m->paths;
          analysis->best_score = m->best;
          analysis->worst_score = m->worst;
          follow (&g, start, TRUE, analysis->best_path);
          follow (&g, start, FALSE, analysis->worst_path);
        }
      else
        {
          Walk w = { &g, analysis, g_new0 (guint8, nodes->len + 1), g_array_new (FALSE, FALSE, sizeof (guint)), 0 };

          walk (&w, start, 0);
          g_free (w.on_path);
          g_array_unref (w.path);
        }
    }

  g_hash_table_unref (g.index);
  g_hash_table_unref (g.endings_reached);
  g_free (g.memo);
  g_free (g.colour);
  return analysis;
}

void
attune_scenario_analysis_free (AttuneScenarioAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_array_unref (analysis->best_path);
  g_array_unref (analysis->worst_path);
  g_free (analysis);
}

/* The customer's mood in words: shown with an icon, never by colour alone. */
const char *
attune_mood_get_label (int mood)
{
  if (mood <= -4)
    return C_("customer mood", "Furious");
  if (mood <= -2)
    return C_("customer mood", "Upset");
  if (mood <= 0)
    return C_("customer mood", "Uneasy");
  if (mood <= 2)
    return C_("customer mood", "Calmer");
  return C_("customer mood", "Reassured");
}

const char *
attune_mood_get_icon_name (int mood)
{
  if (mood <= -4)
    return "face-angry-symbolic";
  if (mood <= -2)
    return "face-sad-symbolic";
  if (mood <= 0)
    return "face-uncertain-symbolic";
  if (mood <= 2)
    return "face-smile-symbolic";
  return "face-smile-big-symbolic";
}
