/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneClassSession: a role-play run with a class. It follows one
 * conversation and keeps, for each decision, the hands the trainer counted
 * per reply (in the order the replies were shown, A–D), the class's choice,
 * the strongest reply and the time it took; then the recap at the end:
 * the path, the votes, the outcome and the strategies shown and missed,
 * also as CSV. It records nothing to any profile: AttunePractice does that,
 * when the trainer turned it on.
 *
 * A retry goes back to a decision and plays on from there: the path is
 * cut there, as the conversation's is, but the decisions it undoes stay in
 * the history with their votes, marked as undone and with the pass they
 * were taken in, for the recap and its CSV ("kept for the end of the
 * session").
 *
 * Decisions are numbered as the trainer sheet's map numbers them (the
 * best path first, then the others in the order a walk from the start
 * meets them), so that "decision 4" in the console, the recap and the
 * printed sheet is the same decision.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "attune-class-session.h"
#include "attune-export.h"

struct _AttuneClassSession
{
  GObject parent_instance;

  AttuneConversation *conversation;
  GArray *decisions;           /* AttuneClassDecision, the path taken */
  GArray *history;             /* AttuneClassDecision, every decision taken, undone ones too */
  GArray *pass_starts;         /* guint per pass: the step it started from */
  GHashTable *numbers;         /* node id → its number on the map */
  AttuneClassDecision current; /* the open one, when current.node != NULL */
  gint64 start_us;             /* of the session */
  gint64 opened_us;            /* of the open decision */
  guint n_retries;
};

G_DEFINE_FINAL_TYPE (AttuneClassSession, attune_class_session, G_TYPE_OBJECT)

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

/* The conversation's current decision becomes the open one, no votes yet. */
static void
open_decision (AttuneClassSession *self)
{
  AttuneScenarioNode *node = attune_conversation_get_node (self->conversation);
  guint authored_best;

  memset (&self->current, 0, sizeof self->current);
  self->current.chosen = -1;
  self->opened_us = now_us ();
  if (node == NULL || attune_conversation_is_finished (self->conversation))
    return;
  self->current.node = node;
  self->current.number = GPOINTER_TO_UINT (g_hash_table_lookup (self->numbers, node->id));
  self->current.step = self->decisions->len;
  self->current.pass = self->pass_starts->len;
  self->current.n_shown = attune_conversation_get_order (self->conversation, self->current.shown_order);
  authored_best = attune_scenario_node_get_best_choice (node, NULL);
  for (guint i = 0; i < self->current.n_shown; i++)
    if (self->current.shown_order[i] == authored_best)
      self->current.best = i;
}

static void
attune_class_session_finalize (GObject *object)
{
  AttuneClassSession *self = ATTUNE_CLASS_SESSION (object);

  g_clear_object (&self->conversation);
  g_clear_pointer (&self->decisions, g_array_unref);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->pass_starts, g_array_unref);
  g_clear_pointer (&self->numbers, g_hash_table_unref);
  G_OBJECT_CLASS (attune_class_session_parent_class)->finalize (object);
}

static void
attune_class_session_class_init (AttuneClassSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_class_session_finalize;
}

static void
attune_class_session_init (AttuneClassSession *self)
{
  guint first = 0;

  self->decisions = g_array_new (FALSE, TRUE, sizeof (AttuneClassDecision));
  self->history = g_array_new (FALSE, TRUE, sizeof (AttuneClassDecision));
  self->pass_starts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_append_val (self->pass_starts, first);
}

/**
 * attune_class_session_new:
 *
 * A class session following @conversation from where it stands. The
 * conversation must then be moved on only through the session.
 */
AttuneClassSession *
attune_class_session_new (AttuneConversation *conversation)
{
  AttuneClassSession *self = g_object_new (ATTUNE_TYPE_CLASS_SESSION, NULL);

  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  self->conversation = g_object_ref (conversation);
  self->numbers = attune_class_number_decisions (attune_conversation_get_scenario (conversation), order);
  self->start_us = now_us ();
  open_decision (self);
  return self;
}

AttuneConversation *
attune_class_session_get_conversation (AttuneClassSession *self)
{
  return self->conversation;
}

/* The decision on screen, or %NULL once the conversation has ended. */
AttuneClassDecision *
attune_class_session_get_current (AttuneClassSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_CLASS_SESSION (self), NULL);
  return self->current.node != NULL ? &self->current : NULL;
}

/* One more hand (or one fewer) for the reply shown at @position. */
gboolean
attune_class_session_add_vote (AttuneClassSession *self,
                               guint               position,
                               int                 delta)
{
  AttuneClassDecision *current = attune_class_session_get_current (self);

  if (current == NULL || position >= current->n_shown)
    return FALSE;
  if (delta < 0 && (guint) -delta > current->votes[position])
    return FALSE;
  current->votes[position] += delta;
  return TRUE;
}

/* The hands counted for the reply at @position, typed in. */
gboolean
attune_class_session_set_votes (AttuneClassSession *self,
                                guint               position,
                                guint               votes)
{
  AttuneClassDecision *current = attune_class_session_get_current (self);

  if (current == NULL || position >= current->n_shown || votes > 100000)
    return FALSE;
  current->votes[position] = votes;
  return TRUE;
}

/**
 * attune_class_session_choose:
 * @position: the class's choice, as shown (A = 0)
 *
 * Takes the open decision with its votes and moves the conversation on.
 * Returns: (transfer none): the chosen reply, or %NULL with @error
 */
AttuneChoice *
attune_class_session_choose (AttuneClassSession *self,
                             guint               position,
                             GError            **error)
{
  AttuneClassDecision *current = attune_class_session_get_current (self);
  AttuneChoice *choice;

  if (current == NULL || position >= current->n_shown)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is no such reply to choose."));
      return NULL;
    }
  choice = attune_conversation_choose (self->conversation, current->shown_order[position], error);
  if (choice == NULL)
    return NULL;
  current->chosen = (int) position;
  current->seconds = (now_us () - self->opened_us) / G_USEC_PER_SEC;
  g_array_append_val (self->decisions, *current);
  g_array_append_val (self->history, *current);
  open_decision (self);
  return choice;
}

/* Back to decision @decision (0 = the first on the path) to play on from
 * there: the path is cut there, as the conversation's is; the decisions
 * from it on stay in the history, votes and all, marked as undone, and a
 * new pass begins. */
gboolean
attune_class_session_retry_from (AttuneClassSession *self,
                                 guint               decision)
{
  g_return_val_if_fail (ATTUNE_IS_CLASS_SESSION (self), FALSE);

  if (decision >= self->decisions->len ||
      !attune_conversation_retry_from (self->conversation, decision))
    return FALSE;
  for (guint i = 0; i < self->history->len; i++)
    {
      AttuneClassDecision *taken = &g_array_index (self->history, AttuneClassDecision, i);

      if (!taken->undone && taken->step >= decision)
        taken->undone = TRUE;
    }
  /* Hands counted at the open decision count too, though no choice was made. */
  if (self->current.node != NULL && attune_class_decision_get_total (&self->current) > 0)
    {
      self->current.undone = TRUE;
      self->current.seconds = (now_us () - self->opened_us) / G_USEC_PER_SEC;
      g_array_append_val (self->history, self->current);
    }
  g_array_set_size (self->decisions, decision);
  g_array_append_val (self->pass_starts, decision);
  self->n_retries++;
  open_decision (self);
  return TRUE;
}

/* The decisions taken, in order (AttuneClassDecision). */
GArray *
attune_class_session_get_decisions (AttuneClassSession *self)
{
  return self->decisions;
}

/* Every decision taken, in the order taken, those a retry undid too. */
GArray *
attune_class_session_get_history (AttuneClassSession *self)
{
  return self->history;
}

/* Passes through the role-play: 1, and one more for each retry. */
guint
attune_class_session_get_n_passes (AttuneClassSession *self)
{
  return self->pass_starts->len;
}

/* The step (0 = the first decision on the path) pass @pass (from 1) began at. */
guint
attune_class_session_get_pass_start (AttuneClassSession *self,
                                     guint               pass)
{
  g_return_val_if_fail (pass >= 1 && pass <= self->pass_starts->len, 0);
  return g_array_index (self->pass_starts, guint, pass - 1);
}

/**
 * attune_class_session_get_pass_title:
 * @pass: from 1
 *
 * The heading over the decisions of @pass on the recap, on screen and on
 * paper: with no retry, simply the path; else which pass, and after a
 * retry the decision it went back to (numbered as on the map).
 * Returns: (transfer full)
 */
char *
attune_class_session_get_pass_title (AttuneClassSession *self,
                                     guint               pass)
{
  guint number = 0;

  g_return_val_if_fail (pass >= 1 && pass <= self->pass_starts->len, NULL);
  if (self->pass_starts->len == 1)
    /* Translators: a heading on the class's recap (on screen and printed), over its decisions and votes */
    return g_strdup (_("The class’s path and votes"));
  if (pass == 1)
    /* Translators: a heading on the class's recap, over the decisions taken before the trainer's first retry */
    return g_strdup (_("First pass"));
  for (guint i = 0; i < self->history->len && number == 0; i++)
    {
      AttuneClassDecision *taken = &g_array_index (self->history, AttuneClassDecision, i);

      if (taken->pass == pass)
        number = taken->number;
    }
  if (number == 0 && self->current.node != NULL && self->current.pass == pass)
    number = self->current.number;
  /* Translators: a heading on the class's recap; the first %u is the pass (2 after the first retry), the second the decision the trainer went back to */
  return g_strdup_printf (_("Pass %u: retried from decision %u"), pass, number);
}

guint
attune_class_session_get_n_retries (AttuneClassSession *self)
{
  return self->n_retries;
}

/* For tests: when the session began, on the monotonic clock. */
void
attune_class_session_set_start_time (AttuneClassSession *self,
                                     gint64              monotonic_us)
{
  self->start_us = monotonic_us;
  self->opened_us = monotonic_us;
}

/* Seconds since the session began. */
gint64
attune_class_session_get_elapsed (AttuneClassSession *self)
{
  return MAX (0, (now_us () - self->start_us) / G_USEC_PER_SEC);
}

/* Per strategy, what the class's path added up to: > 0 shown, < 0 missed
 * (AttuneStrategyTally; free with g_array_unref). */
GArray *
attune_class_session_get_strategies (AttuneClassSession *self)
{
  return attune_conversation_tally (self->conversation);
}

guint
attune_class_decision_get_total (const AttuneClassDecision *decision)
{
  guint total = 0;

  for (guint i = 0; i < decision->n_shown; i++)
    total += decision->votes[i];
  return total;
}

/* The share of the hands for the reply at @position, rounded, 0..100. */
guint
attune_class_decision_get_percent (const AttuneClassDecision *decision,
                                   guint                      position)
{
  guint total = attune_class_decision_get_total (decision);

  if (total == 0 || position >= decision->n_shown)
    return 0;
  return (decision->votes[position] * 100 + total / 2) / total;
}

/* The reply shown at @position. */
AttuneChoice *
attune_class_decision_get_choice (const AttuneClassDecision *decision,
                                  guint                      position)
{
  g_return_val_if_fail (position < decision->n_shown, NULL);
  return g_ptr_array_index (decision->node->choices, decision->shown_order[position]);
}

/* A duration as minutes and seconds, 4:05; hours when needed, 1:02:03. */
char *
attune_format_elapsed (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

/* The letters of the replies, which are also the keys that pick them:
 * translatable, so that a class with an Arabic or Greek keyboard sees
 * letters it can type; the presenter, the console, the tally, the recap
 * and the CSV all use them. Falls back to ABCD if the translation is
 * unusable. */
const char *
attune_class_reply_letters (void)
{
  /* Translators: the letters of the (up to) four replies in presenter mode, in
   * order; they are also the keys that pick the replies, so use four different
   * characters your keyboard types without modifiers (Arabic, for example: أبجد) */
  const char *letters = C_("presenter reply letters", "ABCD");

  if (!g_utf8_validate (letters, -1, NULL) || g_utf8_strlen (letters, -1) != ATTUNE_MAX_CHOICES)
    return "ABCD";
  return letters;
}

/* The letter of the reply shown at @position (0 = the first), translated. */
char *
attune_class_reply_letter (guint position)
{
  const char *letter;

  g_return_val_if_fail (position < ATTUNE_MAX_CHOICES, g_strdup ("?"));
  letter = g_utf8_offset_to_pointer (attune_class_reply_letters (), position);
  return g_strndup (letter, g_utf8_next_char (letter) - letter);
}

static void
number_node (GHashTable         *numbers,
             GPtrArray          *order,
             AttuneScenarioNode *node)
{
  if (node == NULL || g_hash_table_contains (numbers, node->id))
    return;
  g_ptr_array_add (order, node);
  g_hash_table_insert (numbers, node->id, GUINT_TO_POINTER (order->len));
}

/**
 * attune_class_number_decisions:
 * @order: (element-type AttuneScenarioNode): filled with the decisions in
 *   the order numbered
 *
 * The number of each decision of @scenario, as the trainer sheet's map,
 * the console and the recap show it: the decisions on the best path first
 * (so that the best path reads 1, 2, 3…), then every other one in the
 * order a breadth-first walk from the start meets it.
 * Returns: (transfer full): node id → number, from 1
 */
GHashTable *
attune_class_number_decisions (AttuneScenario *scenario,
                               GPtrArray      *order)
{
  GHashTable *numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AttuneScenarioAnalysis) analysis = attune_scenario_analyse (scenario);
  AttuneScenarioNode *node = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));

  for (guint i = 0; node != NULL && i < analysis->best_path->len; i++)
    {
      AttuneChoice *choice = g_ptr_array_index (node->choices, g_array_index (analysis->best_path, guint, i));

      number_node (numbers, order, node);
      node = attune_scenario_find_node (scenario, choice->next);
    }
  number_node (numbers, order, attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario)));
  for (guint i = 0; i < order->len; i++)
    {
      AttuneScenarioNode *from = g_ptr_array_index (order, i);

      for (guint k = 0; k < from->choices->len; k++)
        number_node (numbers, order, attune_scenario_find_node (scenario, ((AttuneChoice *) g_ptr_array_index (from->choices, k))->next));
    }
  return numbers;
}

static void
append_row (GString     *csv,
            const char **fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *field = attune_csv_field (fields[i]);

      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, field);
    }
  g_string_append (csv, "\r\n");
}

/**
 * attune_class_session_to_csv:
 *
 * The recap as CSV (RFC 4180): one row per reply at each decision taken,
 * in the order taken, the ones a retry undid too: the pass it was taken
 * in, its step on the path and its number on the trainer sheet's map, the
 * reply's letter (as the class saw it), the hands counted, their share,
 * whether the class chose it, whether it was the strongest, and whether a
 * retry undid the decision; then one row for the outcome. Column names are
 * fixed English identifiers, for spreadsheets and scripts.
 */
char *
attune_class_session_to_csv (AttuneClassSession *self)
{
  GString *csv = g_string_new (NULL);
  AttuneScenario *scenario = attune_conversation_get_scenario (self->conversation);
  AttuneScenarioEnding *ending = attune_conversation_get_ending (self->conversation);
  static const char *header[] = { "scenario", "pass", "step", "decision", "node", "customer", "letter", "reply",
                                  "votes", "percent", "class_choice", "strongest", "seconds", "undone", NULL };

  append_row (csv, header);
  for (guint d = 0; d < self->history->len; d++)
    {
      AttuneClassDecision *decision = &g_array_index (self->history, AttuneClassDecision, d);
      g_autofree char *pass = g_strdup_printf ("%u", decision->pass);
      g_autofree char *step = g_strdup_printf ("%u", decision->step + 1);
      g_autofree char *number = g_strdup_printf ("%u", decision->number);
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, decision->seconds);

      for (guint i = 0; i < decision->n_shown; i++)
        {
          g_autofree char *letter = attune_class_reply_letter (i);
          g_autofree char *votes = g_strdup_printf ("%u", decision->votes[i]);
          g_autofree char *percent = g_strdup_printf ("%u", attune_class_decision_get_percent (decision, i));
          const char *row[] = {
            attune_scenario_get_id (scenario), pass, step, number, decision->node->id, decision->node->text,
            letter, attune_class_decision_get_choice (decision, i)->reply, votes, percent,
            (int) i == decision->chosen ? "yes" : "no", i == decision->best ? "yes" : "no",
            seconds, decision->undone ? "yes" : "no", NULL
          };

          append_row (csv, row);
        }
    }
  if (ending != NULL)
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, attune_class_session_get_elapsed (self));
      g_autofree char *pass = g_strdup_printf ("%u", self->pass_starts->len);
      const char *row[] = { attune_scenario_get_id (scenario), pass, "outcome", "", ending->id, "", "",
                            attune_outcome_get_id (ending->outcome), "", "", "", "", seconds, "no", NULL };

      append_row (csv, row);
    }
  return g_string_free (csv, FALSE);
}
