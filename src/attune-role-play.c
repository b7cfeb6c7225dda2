/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneRolePlay: a conversation with a simulated customer. The customer's
 * lines and the learner's replies build up as a chat; the customer's name
 * and mood (an icon and a word, never colour alone) sit above it; the
 * replies are large numbered buttons (keys 1–4, or arrows and Enter).
 *
 * Coach mode (the default) shows the feedback after each choice, with the
 * strategies shown or missed as links to their lessons; assessment mode
 * keeps it for the debrief, and keeps the customer's mood hidden too, since
 * its changes would give the answers away. The replies are shown in an
 * order shuffled for each attempt. The debrief gives the outcome, final
 * mood and score, every decision marked strong, partly right or weak with
 * its feedback, the strategies, and ways to try again from the start or
 * from any decision. The expert path is shown only on request, because a
 * retry made after seeing it counts for less (attune-store-write.c).
 *
 * Every attempt and choice is recorded through the progress store; leaving
 * before the end records an abandoned attempt. Without a store, practice
 * works and a line says it is not being saved.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-widget-util.h"
#include "attune-chat-bubble.h"
#include "attune-role-play.h"

struct _AttuneRolePlay
{
  GtkWidget parent_instance;

  AttunePractice *practice;
  AttuneConversation *conversation;
  gint64 shown_at;             /* when the current choices appeared, µs */
  gboolean awaiting_continue;
  gboolean expert_path_seen;   /* in this run of the scenario: retries count less */
  gboolean rehearsal;          /* a trainer's preview: nothing is recorded */
  GtkBox *expert_box;          /* in the debrief; owned by the transcript */

  GtkLabel *title_label;
  GtkLabel *customer_label;
  GtkImage *mood_icon;
  GtkLabel *mood_label;
  GtkLabel *notice_label;
  GtkScrolledWindow *scroller;
  GtkBox *transcript;
  GtkBox *actions;
};

G_DEFINE_FINAL_TYPE (AttuneRolePlay, attune_role_play, GTK_TYPE_WIDGET)

enum {
  OPEN_LESSON,
  LEFT,
  NODE_SHOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PRACTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static gboolean
scroll_to_end_idle (gpointer data)
{
  AttuneRolePlay *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  return G_SOURCE_REMOVE;
}

/* Once the new lines are laid out, show the newest. */
static void
scroll_to_end (AttuneRolePlay *self)
{
  g_idle_add_full (G_PRIORITY_LOW, scroll_to_end_idle, g_object_ref (self), g_object_unref);
}

static void
add_bubble (AttuneRolePlay *self,
            const char     *speaker,
            const char     *words,
            gboolean        from_customer)
{
  GtkWidget *bubble = attune_chat_bubble_new (speaker, words, from_customer, FALSE);
  g_autofree char *spoken = NULL;

  /* A screen reader hears who speaks, then the words, in order. */
  /* Translators: how a chat line is read out: speaker, then words */
  spoken = g_strdup_printf (C_("chat line", "%s: %s"), speaker, words);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bubble), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_box_append (self->transcript, bubble);
}

static gboolean
assessing (AttuneRolePlay *self)
{
  return g_settings_get_boolean (attune_practice_get_settings (self->practice), "assessment-mode");
}

/* In assessment mode the mood stays hidden until the end: how it moves
 * after each reply would tell the learner which replies were right. */
static void
update_mood (AttuneRolePlay *self)
{
  int mood = attune_conversation_get_mood (self->conversation);
  gboolean hidden = assessing (self) && !attune_conversation_is_finished (self->conversation) &&
                    attune_conversation_get_steps (self->conversation)->len > 0;
  const char *word = hidden ? _("Mood shown at the end") : attune_mood_get_label (mood);
  /* Translators: the customer's mood, read out; %s is a word such as “Upset” */
  g_autofree char *spoken = g_strdup_printf (_("Customer’s mood: %s"), word);

  gtk_image_set_from_icon_name (self->mood_icon, hidden ? "view-conceal-symbolic" : attune_mood_get_icon_name (mood));
  gtk_label_set_text (self->mood_label, word);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mood_label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/* Chips naming the strategies a choice (or the whole conversation) showed
 * or missed; each opens its lesson. */
static GtkWidget *
strategy_chips (AttuneRolePlay *self,
                GArray         *tally)
{
  AttuneLibrary *library = attune_practice_get_library (self->practice);
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 4);
  for (guint i = 0; i < tally->len; i++)
    {
      AttuneStrategyTally *entry = &g_array_index (tally, AttuneStrategyTally, i);
      AttuneLesson *lesson = attune_library_find_lesson (library, entry->strategy);
      const char *title = lesson != NULL ? attune_lesson_get_title (lesson) : entry->strategy;
      g_autofree char *label = NULL;
      GtkWidget *chip;

      /* Evidence that cancelled out says nothing either way. */
      if (entry->total == 0)
        continue;
      /* Translators: a chip after a choice; %s is a lesson title. Shown
       * and missed differ in words and icon, not only colour. */
      label = g_strdup_printf (entry->total > 0 ? _("✓ Shown: %s") : _("✗ Missed: %s"), title);
      chip = gtk_button_new_with_label (label);
      /* Long titles (German, or any longer translation) wrap instead of widening a narrow window. */
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (chip, "pill");
      gtk_widget_add_css_class (chip, entry->total > 0 ? "attune-shown" : "attune-missed");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "role-play.open-lesson");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (chip), "s", entry->strategy);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), chip);
    }
  return flow;
}

static GArray *
tally_of_choice (AttuneChoice *choice)
{
  GArray *tally = g_array_new (FALSE, FALSE, sizeof (AttuneStrategyTally));

  for (guint k = 0; k < choice->evidence->len; k++)
    {
      AttuneEvidence *evidence = g_ptr_array_index (choice->evidence, k);
      AttuneStrategyTally entry = { evidence->strategy, evidence->weight };

      g_array_append_val (tally, entry);
    }
  return tally;
}

static GtkWidget *
feedback_card (AttuneRolePlay *self,
               AttuneChoice   *choice)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autoptr(GArray) tally = tally_of_choice (choice);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "attune-feedback");
  gtk_box_append (GTK_BOX (card), attune_wrapped_label (_("Feedback"), "heading"));
  gtk_box_append (GTK_BOX (card), attune_wrapped_label (choice->feedback, NULL));
  gtk_box_append (GTK_BOX (card), strategy_chips (self, tally));
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Feedback"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, choice->feedback, -1);
  return card;
}

static void show_debrief (AttuneRolePlay *self);

/* The customer speaks; the replies appear as numbered buttons. */
static void
show_node (AttuneRolePlay *self)
{
  AttuneScenarioNode *node = attune_conversation_get_node (self->conversation);
  AttuneScenario *scenario = attune_conversation_get_scenario (self->conversation);
  guint8 order[ATTUNE_MAX_CHOICES];
  guint n_shown;

  attune_box_remove_all (self->actions);
  self->awaiting_continue = FALSE;
  update_mood (self);
  g_signal_emit (self, signals[NODE_SHOWN], 0, node != NULL ? node->id : NULL);
  if (node == NULL)
    {
      show_debrief (self);
      return;
    }
  if (node->cue != NULL)
    gtk_box_append (self->transcript, attune_wrapped_label (node->cue, "attune-cue"));
  add_bubble (self, attune_scenario_get_customer_name (scenario), node->text, TRUE);

  n_shown = attune_conversation_get_order (self->conversation, order);
  for (guint i = 0; i < n_shown; i++)
    {
      AttuneChoice *choice = g_ptr_array_index (node->choices, order[i]);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *badge = gtk_label_new (number);
      /* Translators: a reply button, read out; %u is its number (its key), %s the reply */
      g_autofree char *spoken = g_strdup_printf (_("Reply %u: %s"), i + 1, choice->reply);

      gtk_widget_add_css_class (badge, "attune-choice-number");
      gtk_widget_set_valign (badge, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (row), badge);
      gtk_box_append (GTK_BOX (row), attune_wrapped_label (choice->reply, NULL));
      gtk_button_set_child (GTK_BUTTON (button), row);
      gtk_widget_add_css_class (button, "attune-choice");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "role-play.choose");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      gtk_box_append (self->actions, button);
    }
  gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->actions)));
  self->shown_at = g_get_monotonic_time ();
  scroll_to_end (self);
}

static void
record_choice (AttuneRolePlay *self,
               AttuneStep     *step)
{
  attune_practice_record (self->practice, step, (guint) ((g_get_monotonic_time () - self->shown_at) / 1000));
}

/**
 * attune_role_play_choose:
 * @position: 0 for the reply shown first
 *
 * Takes a reply, as clicking it or pressing its number does.
 */
gboolean
attune_role_play_choose (AttuneRolePlay *self,
                         guint           position)
{
  g_autoptr(GError) error = NULL;
  AttuneChoice *choice;
  GArray *steps;
  guint index;

  g_return_val_if_fail (ATTUNE_IS_ROLE_PLAY (self), FALSE);

  if (self->conversation == NULL || self->awaiting_continue)
    return FALSE;
  index = attune_conversation_authored_index (self->conversation, position);
  if (index == G_MAXUINT)
    return FALSE;
  choice = attune_conversation_choose (self->conversation, index, &error);
  if (choice == NULL)
    return FALSE;
  steps = attune_conversation_get_steps (self->conversation);
  record_choice (self, &g_array_index (steps, AttuneStep, steps->len - 1));

  attune_box_remove_all (self->actions);
  add_bubble (self, C_("speaker", "You"), choice->reply, FALSE);
  update_mood (self);

  if (!assessing (self))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (C_("role-play", "_Continue"));

      gtk_box_append (self->transcript, feedback_card (self, choice));
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "role-play.continue");
      gtk_box_append (self->actions, button);
      gtk_widget_grab_focus (button);
      self->awaiting_continue = TRUE;
      scroll_to_end (self);
      return TRUE;
    }
  show_node (self);
  return TRUE;
}

/* After the feedback: the customer answers. */
gboolean
attune_role_play_continue (AttuneRolePlay *self)
{
  g_return_val_if_fail (ATTUNE_IS_ROLE_PLAY (self), FALSE);

  if (!self->awaiting_continue)
    return FALSE;
  show_node (self);
  return TRUE;
}

static void
begin_attempt (AttuneRolePlay    *self,
               AttuneAttemptKind  kind)
{
  if (self->rehearsal)
    return;
  attune_practice_begin (self->practice, self->conversation,
                         assessing (self) ? ATTUNE_ATTEMPT_ASSESSMENT : ATTUNE_ATTEMPT_COACH, kind);
}

/* Ends the recorded attempt, if any: finished with its outcome, or abandoned. */
static void
end_attempt (AttuneRolePlay *self)
{
  if (self->conversation != NULL)
    attune_practice_end (self->practice, self->conversation);
}

/* "This practice is not being saved: …" while the practice says so. */
static void
update_notice (AttuneRolePlay *self)
{
  const char *reason = attune_practice_get_not_saved_reason (self->practice);

  gtk_label_set_text (self->notice_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), reason != NULL);
}

static void
replay_transcript (AttuneRolePlay *self)
{
  AttuneScenario *scenario = attune_conversation_get_scenario (self->conversation);
  GArray *steps = attune_conversation_get_steps (self->conversation);

  attune_box_remove_all (self->transcript);
  self->expert_box = NULL;
  for (guint i = 0; i < steps->len; i++)
    {
      AttuneStep *step = &g_array_index (steps, AttuneStep, i);

      if (step->node->cue != NULL)
        gtk_box_append (self->transcript, attune_wrapped_label (step->node->cue, "attune-cue"));
      add_bubble (self, attune_scenario_get_customer_name (scenario), step->node->text, TRUE);
      add_bubble (self, C_("speaker", "You"), step->choice->reply, FALSE);
    }
}

/* What the learner has seen of this scenario before the next attempt. */
static AttuneAttemptKind
retry_kind (AttuneRolePlay *self)
{
  return self->expert_path_seen ? ATTUNE_ATTEMPT_RETRY_AFTER_EXPERT : ATTUNE_ATTEMPT_RETRY;
}

static void start_with (AttuneRolePlay *self, AttuneScenario *scenario);

static void
start (AttuneRolePlay    *self,
       AttuneScenario    *scenario,
       AttuneAttemptKind  kind)
{
  end_attempt (self);
  g_clear_object (&self->conversation);
  self->conversation = attune_conversation_new (scenario);
  start_with (self, scenario);
  begin_attempt (self, kind);
  show_node (self);
}

/* Shows @scenario's header and an empty transcript for the conversation. */
static void
start_with (AttuneRolePlay *self,
            AttuneScenario *scenario)
{
  g_autofree char *customer = NULL;

  gtk_label_set_text (self->title_label, attune_scenario_get_title (scenario));
  /* Translators: the customer in a role-play: their name, then a line about them */
  customer = g_strdup_printf (_("%s — %s"), attune_scenario_get_customer_name (scenario),
                              attune_scenario_get_customer_about (scenario));
  gtk_label_set_text (self->customer_label, customer);
  attune_box_remove_all (self->transcript);
  self->expert_box = NULL;
  if (self->rehearsal)
    show_node (self);
}

/**
 * attune_role_play_start:
 *
 * Starts @scenario from the beginning, as a new attempt.
 */
void
attune_role_play_start (AttuneRolePlay *self,
                        AttuneScenario *scenario)
{
  g_return_if_fail (ATTUNE_IS_ROLE_PLAY (self));

  self->expert_path_seen = FALSE;
  self->rehearsal = FALSE;
  start (self, scenario, ATTUNE_ATTEMPT_FIRST);
}

/**
 * attune_role_play_rehearse:
 * @node_id: (nullable): where to start, or %NULL for the start
 *
 * Plays @scenario for its author, from @node_id: nothing is recorded in
 * the learner's progress. The map and the live preview use it.
 */
void
attune_role_play_rehearse (AttuneRolePlay *self,
                           AttuneScenario *scenario,
                           const char     *node_id)
{
  g_return_if_fail (ATTUNE_IS_ROLE_PLAY (self));

  end_attempt (self);
  self->rehearsal = TRUE;
  self->expert_path_seen = FALSE;
  g_clear_object (&self->conversation);
  self->conversation = attune_conversation_new (scenario);
  if (node_id != NULL)
    attune_conversation_jump_to (self->conversation, node_id);
  start_with (self, scenario);
}

/* Goes back to decision @step and plays on from there, as a new attempt. */
static void
retry_from (AttuneRolePlay *self,
            guint           step)
{
  end_attempt (self);
  if (!attune_conversation_retry_from (self->conversation, step))
    return;
  begin_attempt (self, retry_kind (self));
  replay_transcript (self);
  show_node (self);
}

static void
add_debrief_section (GtkBox     *box,
                     const char *title)
{
  GtkWidget *heading = g_object_new (GTK_TYPE_LABEL, "label", title, "xalign", 0.0f,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

  gtk_widget_add_css_class (heading, "title-4");
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (box, heading);
}

/* A decision's verdict at a glance: an icon and words, not colour alone. */
static GtkWidget *
verdict (AttuneReplyQuality quality)
{
  static const struct { const char *icon; const char *css; } looks[] = {
    [ATTUNE_REPLY_STRONG] = { "emblem-ok-symbolic", "success" },
    [ATTUNE_REPLY_PARTLY] = { "dialog-information-symbolic", "warning" },
    [ATTUNE_REPLY_WEAK] = { "dialog-warning-symbolic", "error" },
  };
  const char *words = quality == ATTUNE_REPLY_STRONG ? _("Strong reply")
                      : quality == ATTUNE_REPLY_PARTLY ? _("Partly right")
                      : _("Weak reply");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = attune_wrapped_label (words, "heading");

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (looks[quality].icon));
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, looks[quality].css);
  gtk_widget_add_css_class (box, "attune-verdict");
  return box;
}

static void
analyse_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      scenario,
                   GCancellable *cancellable)
{
  g_task_return_pointer (task, attune_scenario_analyse (scenario), (GDestroyNotify) attune_scenario_analysis_free);
}

static void
expert_path_found (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AttuneRolePlay *self = ATTUNE_ROLE_PLAY (source);
  AttuneScenario *scenario = g_task_get_task_data (G_TASK (result));
  g_autoptr(AttuneScenarioAnalysis) analysis = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(AttuneConversation) best = NULL;

  /* The debrief may have gone (a retry, another role-play) meanwhile. */
  if (analysis == NULL || self->expert_box == NULL || self->conversation == NULL ||
      attune_conversation_get_scenario (self->conversation) != scenario)
    return;
  best = attune_conversation_new (scenario);
  attune_box_remove_all (self->expert_box);
  for (guint i = 0; i < analysis->best_path->len; i++)
    {
      AttuneChoice *choice = attune_conversation_choose (best, g_array_index (analysis->best_path, guint, i), NULL);
      g_autofree char *line = g_strdup_printf (_("%u. “%s”"), i + 1, choice->reply);

      gtk_box_append (self->expert_box, attune_wrapped_label (line, NULL));
    }
  gtk_box_append (self->expert_box, attune_wrapped_label (_("Your next try counts for less in your progress, because you have seen these replies."), "dim-label"));
  gtk_widget_child_focus (GTK_WIDGET (self->actions), GTK_DIR_TAB_FORWARD);
}

/* The strongest reply at every decision, from the start. Finding it is
 * bounded but not trivial for a large scenario, so it runs off the GTK
 * thread. */
static void
show_expert_path (AttuneRolePlay *self)
{
  g_autoptr(GTask) task = NULL;
  AttuneScenario *scenario;

  if (self->conversation == NULL || self->expert_box == NULL)
    return;
  scenario = attune_conversation_get_scenario (self->conversation);
  self->expert_path_seen = TRUE;
  task = g_task_new (self, NULL, expert_path_found, NULL);
  g_task_set_task_data (task, g_object_ref (scenario), g_object_unref);
  g_task_run_in_thread (task, analyse_in_thread);
}

static void
show_debrief (AttuneRolePlay *self)
{
  AttuneScenario *scenario = attune_conversation_get_scenario (self->conversation);
  AttuneScenarioEnding *ending = attune_conversation_get_ending (self->conversation);
  GArray *steps = attune_conversation_get_steps (self->conversation);
  g_autoptr(GArray) tally = attune_conversation_tally (self->conversation);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *again;
  g_autofree char *summary = NULL;

  end_attempt (self);

  if (ending->text != NULL)
    add_bubble (self, attune_scenario_get_customer_name (scenario), ending->text, TRUE);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "attune-debrief");
  gtk_box_append (GTK_BOX (card), g_object_new (GTK_TYPE_LABEL, "label", _("Debrief"), "xalign", 0.0f,
                                                "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                                "css-classes", (const char *[]) { "title-2", NULL }, NULL));
  /* Translators: the end of a role-play: outcome, the customer's final mood, a score out of 100 */
  summary = g_strdup_printf (_("%s. Final mood: %s. Score: %u%%."), attune_outcome_get_label (ending->outcome),
                             attune_mood_get_label (attune_conversation_get_mood (self->conversation)),
                             attune_conversation_get_score (self->conversation));
  gtk_box_append (GTK_BOX (card), attune_wrapped_label (summary, "heading"));
  gtk_box_append (GTK_BOX (card), attune_wrapped_label (ending->debrief, NULL));

  add_debrief_section (GTK_BOX (card), _("Strategies"));
  gtk_box_append (GTK_BOX (card), strategy_chips (self, tally));

  add_debrief_section (GTK_BOX (card), _("Your Decisions"));
  for (guint i = 0; i < steps->len; i++)
    {
      AttuneStep *step = &g_array_index (steps, AttuneStep, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *retry = gtk_button_new_with_label (_("Retry from Here"));
      /* Translators: a decision in the debrief; %u is its number, %s the reply chosen */
      g_autofree char *chosen = g_strdup_printf (_("%u. “%s”"), i + 1, step->choice->reply);

      gtk_box_append (GTK_BOX (words), verdict (attune_scenario_node_get_quality (step->node, step->choice_index)));
      gtk_box_append (GTK_BOX (words), attune_wrapped_label (chosen, NULL));
      gtk_box_append (GTK_BOX (words), attune_wrapped_label (step->choice->feedback, "dim-label"));
      gtk_widget_set_hexpand (words, TRUE);
      gtk_widget_set_valign (retry, GTK_ALIGN_START);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "role-play.retry-from");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (retry), "u", i);
      {
        /* Translators: accessible name of a button; %u is a decision number */
        g_autofree char *spoken = g_strdup_printf (_("Retry from decision %u"), i + 1);
        gtk_accessible_update_property (GTK_ACCESSIBLE (retry), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      }
      gtk_box_append (GTK_BOX (row), words);
      gtk_box_append (GTK_BOX (row), retry);
      gtk_box_append (GTK_BOX (card), row);
    }

  /* The expert path waits to be asked for: beside Try Again it would be
   * an answer key. */
  add_debrief_section (GTK_BOX (card), _("The Expert Path"));
  self->expert_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  {
    GtkWidget *show = gtk_button_new_with_mnemonic (_("_Show the Expert Path"));

    gtk_widget_set_halign (show, GTK_ALIGN_START);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (show), "role-play.show-expert-path");
    gtk_box_append (self->expert_box, attune_wrapped_label (_("See the strongest reply at every decision. If you look before trying again, your next try counts for less in your progress."), "dim-label"));
    gtk_box_append (self->expert_box, show);
  }
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->expert_box));
  gtk_box_append (self->transcript, card);

  again = gtk_button_new_with_mnemonic (_("_Try Again"));
  gtk_widget_add_css_class (again, "suggested-action");
  gtk_widget_add_css_class (again, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (again), "role-play.restart");
  /* Side by side, the two must fit 360 px in any language: their labels wrap. */
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (again))), TRUE);
  gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (again))), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (buttons), again);
  {
    GtkWidget *back = gtk_button_new_with_mnemonic (_("_Other Role-Plays"));

    gtk_widget_add_css_class (back, "pill");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "role-play.leave");
    gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (back))), TRUE);
    gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (back))), GTK_JUSTIFY_CENTER);
    gtk_box_append (GTK_BOX (buttons), back);
  }
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (self->actions, buttons);
  gtk_widget_grab_focus (again);
  scroll_to_end (self);
}

/* Leaving mid-way records an abandoned attempt. */
void
attune_role_play_leave (AttuneRolePlay *self)
{
  g_return_if_fail (ATTUNE_IS_ROLE_PLAY (self));

  end_attempt (self);
  g_clear_object (&self->conversation);
  g_signal_emit (self, signals[LEFT], 0);
}

AttuneConversation *
attune_role_play_get_conversation (AttuneRolePlay *self)
{
  g_return_val_if_fail (ATTUNE_IS_ROLE_PLAY (self), NULL);
  return self->conversation;
}

AttunePractice *
attune_role_play_get_practice (AttuneRolePlay *self)
{
  g_return_val_if_fail (ATTUNE_IS_ROLE_PLAY (self), 0);
  return self->practice;
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  attune_role_play_choose (ATTUNE_ROLE_PLAY (widget), g_variant_get_uint32 (parameter));
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  attune_role_play_continue (ATTUNE_ROLE_PLAY (widget));
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  attune_role_play_leave (ATTUNE_ROLE_PLAY (widget));
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttuneRolePlay *self = ATTUNE_ROLE_PLAY (widget);

  if (self->conversation != NULL)
    {
      g_autoptr(AttuneScenario) scenario = g_object_ref (attune_conversation_get_scenario (self->conversation));

      start (self, scenario, retry_kind (self));
    }
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttuneRolePlay *self = ATTUNE_ROLE_PLAY (widget);

  if (self->conversation != NULL)
    retry_from (self, g_variant_get_uint32 (parameter));
}

static void
show_expert_path_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  show_expert_path (ATTUNE_ROLE_PLAY (widget));
}

static void
open_lesson_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_LESSON], 0, g_variant_get_string (parameter, NULL));
}

static void
attune_role_play_dispose (GObject *object)
{
  AttuneRolePlay *self = ATTUNE_ROLE_PLAY (object);
  GtkWidget *child;

  if (self->practice != NULL)
    {
      end_attempt (self);
      g_signal_handlers_disconnect_by_data (self->practice, self);
    }
  g_clear_object (&self->conversation);
  g_clear_object (&self->practice);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_ROLE_PLAY);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (attune_role_play_parent_class)->dispose (object);
}

static void
attune_role_play_constructed (GObject *object)
{
  AttuneRolePlay *self = ATTUNE_ROLE_PLAY (object);

  G_OBJECT_CLASS (attune_role_play_parent_class)->constructed (object);
  g_return_if_fail (self->practice != NULL);
  g_signal_connect_swapped (self->practice, "notify::not-saved-reason", G_CALLBACK (update_notice), self);
  update_notice (self);
}

static void
attune_role_play_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AttuneRolePlay *self = ATTUNE_ROLE_PLAY (object);

  switch (prop_id)
    {
    case PROP_PRACTICE:
      g_value_set_object (value, self->practice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_role_play_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AttuneRolePlay *self = ATTUNE_ROLE_PLAY (object);

  switch (prop_id)
    {
    case PROP_PRACTICE:
      self->practice = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_role_play_class_init (AttuneRolePlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_role_play_dispose;
  object_class->constructed = attune_role_play_constructed;
  object_class->get_property = attune_role_play_get_property;
  object_class->set_property = attune_role_play_set_property;

  properties[PROP_PRACTICE] =
    g_param_spec_object ("practice", NULL, NULL, ATTUNE_TYPE_PRACTICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_LESSON] =
    g_signal_new ("open-lesson", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The node now shown (NULL at an ending): the map follows the play. */
  signals[NODE_SHOWN] =
    g_signal_new ("node-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[LEFT] =
    g_signal_new ("left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attune/Attune/attune-role-play.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneRolePlay, title_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneRolePlay, customer_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneRolePlay, mood_icon);
  gtk_widget_class_bind_template_child (widget_class, AttuneRolePlay, mood_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneRolePlay, notice_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneRolePlay, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttuneRolePlay, transcript);
  gtk_widget_class_bind_template_child (widget_class, AttuneRolePlay, actions);

  gtk_widget_class_install_action (widget_class, "role-play.choose", "u", choose_action);
  gtk_widget_class_install_action (widget_class, "role-play.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "role-play.leave", NULL, leave_action);
  gtk_widget_class_install_action (widget_class, "role-play.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "role-play.retry-from", "u", retry_action);
  gtk_widget_class_install_action (widget_class, "role-play.show-expert-path", NULL, show_expert_path_action);
  gtk_widget_class_install_action (widget_class, "role-play.open-lesson", "s", open_lesson_action);

  /* Keys 1–4 choose, on the main keyboard and the keypad. */
  for (guint i = 0; i < 4; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0, "role-play.choose", "u", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0, "role-play.choose", "u", i);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "role-play.leave", NULL);
}

static void
attune_role_play_init (AttuneRolePlay *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AttuneRolePlay *
attune_role_play_new (AttunePractice *practice)
{
  return g_object_new (ATTUNE_TYPE_ROLE_PLAY, "practice", practice, NULL);
}
