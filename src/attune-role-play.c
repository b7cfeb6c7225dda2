/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneRolePlay: a conversation with a simulated customer. The customer's
 * lines and the learner's replies build up as a chat, with the replies as
 * numbered buttons right under it (keys 1–4, or arrows and Enter); the
 * customer's mood (an icon and a word, never colour alone) sits above.
 *
 * The focus follows the conversation, so that a screen reader speaks each
 * new part as it appears (GTK 4.8 has no announcement call) and a second
 * Enter never takes a reply the learner has not seen: after a choice it
 * moves to the feedback (verdict first, then the mood change in words),
 * Enter there continues, and the focus then moves to the customer's new
 * line, never to a reply; the debrief opens at its top, with the focus on
 * its outcome, mood and score rather than on Try Again.
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

#include "attune-chat-bubble.h"
#include "attune-role-play-debrief.h"
#include "attune-role-play-private.h"
#include "attune-role-play.h"
#include "attune-widget-util.h"

struct _AttuneRolePlay
{
  GtkWidget parent_instance;

  AttunePractice *practice;
  AttuneConversation *conversation;
  gint64 shown_at;             /* when the current choices appeared, µs */
  gboolean awaiting_continue;
  gboolean expert_path_seen;   /* in this run of the scenario: retries count less */
  gboolean rehearsal;          /* a trainer's preview: nothing is recorded */

  GtkLabel *title_label;
  GtkToggleButton *own_reply_toggle;
  GtkLabel *customer_label;
  GtkImage *mood_icon;
  GtkLabel *mood_label;
  GtkLabel *notice_label;
  GtkScrolledWindow *scroller;
  GtkBox *transcript;
  GtkBox *actions;
  GtkWidget *debrief;          /* the debrief card, once shown */
  GtkTextView *own_view;       /* while the learner writes their own reply */
  char *own_reply;             /* written for the decision on screen */
  GPtrArray *own_replies;      /* per decision: the learner's own words, or NULL */
  GtkWidget *spoken_focus;     /* what takes the focus once laid out */
  guint focus_tick;
  guint focus_frames;
};

G_DEFINE_FINAL_TYPE (AttuneRolePlay, attune_role_play, GTK_TYPE_WIDGET)

enum {
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

/* Focuses @target without the viewport's own scroll to it, which animates
 * and would undo the scrolling done here. */
static void
grab_quietly (AttuneRolePlay *self,
              GtkWidget      *target)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);

  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), FALSE);
  gtk_widget_grab_focus (target);
  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
}

static gboolean
focus_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  AttuneRolePlay *self = ATTUNE_ROLE_PLAY (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *target = self->spoken_focus;
  GtkWidget *page = gtk_scrolled_window_get_child (self->scroller);
  graphene_point_t top;

  /* A frame has laid the new lines out once the second tick comes. */
  if (++self->focus_frames < 2)
    return G_SOURCE_CONTINUE;
  self->focus_tick = 0;
  if (target == NULL || !gtk_widget_is_ancestor (target, GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  grab_quietly (self, target);
  /* The debrief opens at its top; a new line shows at the top of the
   * view, with what follows it (the replies, or Continue) below. */
  if (self->debrief != NULL && gtk_widget_is_ancestor (target, self->debrief))
    target = self->debrief;
  if (gtk_widget_compute_point (target, page, &GRAPHENE_POINT_INIT (0, 0), &top))
    {
      double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      /* The viewport's coordinates start at what is scrolled into view. */
      double wanted = gtk_adjustment_get_value (adjustment) + top.y - 12;

      gtk_adjustment_set_value (adjustment, MIN (MAX (wanted, 0), MAX (end, 0)));
    }
  self->spoken_focus = NULL;
  return G_SOURCE_REMOVE;
}

/* Once the new lines are laid out, scrolls to @target and focuses it. */
static void
focus_when_laid_out (AttuneRolePlay *self,
                     GtkWidget      *target)
{
  self->spoken_focus = target;
  /* Nothing focusable must keep the focus meanwhile: a reply under it
   * would take the next Enter. */
  grab_quietly (self, target);
  self->focus_frames = 0;
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick, NULL, NULL);
}

static GtkWidget *
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
  return bubble;
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

static void show_debrief (AttuneRolePlay *self);

/* The replies, as numbered buttons in the order shuffled for this attempt. */
static void
show_choices (AttuneRolePlay *self)
{
  AttuneScenarioNode *node = attune_conversation_get_node (self->conversation);
  guint8 order[ATTUNE_MAX_CHOICES];
  guint n_shown = attune_conversation_get_order (self->conversation, order);

  attune_box_remove_all (self->actions);
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
  self->shown_at = g_get_monotonic_time ();
}

/* "Write your own reply first": a box for the learner's own words, and a
 * button that then shows the replies. Nothing grades what is written. */
static void
show_writing (AttuneRolePlay *self)
{
  AttuneScenario *scenario = attune_conversation_get_scenario (self->conversation);
  /* Translators: above the box for the learner's own reply; %s is the customer's name */
  g_autofree char *prompt = g_strdup_printf (_("What would you say to %s?"), attune_scenario_get_customer_name (scenario));
  GtkWidget *heading = attune_wrapped_label (prompt, "heading");
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *show = _attune_role_play_wrapping_button (_("Show the _Replies"));
  GtkEventController *keys = gtk_shortcut_controller_new ();

  attune_box_remove_all (self->actions);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "attune-own-reply");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, prompt,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Ctrl+Enter shows the replies. What you write is kept, not graded."), -1);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("role-play.show-replies")));
  gtk_widget_add_controller (view, keys);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (show, "pill");
  gtk_widget_set_halign (show, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (show, _("Ctrl+Enter"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (show), "role-play.show-replies");
  gtk_box_append (self->actions, heading);
  gtk_box_append (self->actions, frame);
  gtk_box_append (self->actions, show);
  self->own_view = GTK_TEXT_VIEW (view);
}

/**
 * attune_role_play_show_replies:
 *
 * After writing one's own reply: keeps it in the transcript and shows
 * the replies. Returns %FALSE if the replies already show.
 */
gboolean
attune_role_play_show_replies (AttuneRolePlay *self)
{
  GtkTextIter start, end;
  g_autofree char *words = NULL;
  GtkWidget *target = NULL;

  g_return_val_if_fail (ATTUNE_IS_ROLE_PLAY (self), FALSE);

  if (self->own_view == NULL)
    return FALSE;
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->own_view), &start, &end);
  words = g_strstrip (gtk_text_buffer_get_text (gtk_text_view_get_buffer (self->own_view), &start, &end, FALSE));
  self->own_view = NULL;
  g_clear_pointer (&self->own_reply, g_free);
  if (*words != '\0')
    {
      target = add_bubble (self, C_("speaker", "Your own words"), words, FALSE);
      gtk_widget_add_css_class (target, "attune-own-words");
      _attune_role_play_make_spoken (target, NULL);
      self->own_reply = g_steal_pointer (&words);
    }
  show_choices (self);
  /* Not a reply: Enter there must not take one unseen. */
  focus_when_laid_out (self, target != NULL ? target : gtk_widget_get_last_child (GTK_WIDGET (self->transcript)));
  return TRUE;
}

/* The customer speaks; the replies appear as numbered buttons (or, when
 * writing one's own reply first, a box to write it in). */
static void
show_node (AttuneRolePlay *self)
{
  AttuneScenarioNode *node = attune_conversation_get_node (self->conversation);
  AttuneScenario *scenario = attune_conversation_get_scenario (self->conversation);
  GtkWidget *line;

  attune_box_remove_all (self->actions);
  self->awaiting_continue = FALSE;
  self->own_view = NULL;
  update_mood (self);
  g_signal_emit (self, signals[NODE_SHOWN], 0, node != NULL ? node->id : NULL);
  if (node == NULL)
    {
      show_debrief (self);
      return;
    }
  if (node->cue != NULL)
    gtk_box_append (self->transcript, attune_wrapped_label (node->cue, "attune-cue"));
  line = add_bubble (self, attune_scenario_get_customer_name (scenario), node->text, TRUE);
  /* The customer's new line takes the focus, never a reply. */
  _attune_role_play_make_spoken (line, NULL);
  if (gtk_toggle_button_get_active (self->own_reply_toggle))
    show_writing (self);
  else
    show_choices (self);
  focus_when_laid_out (self, line);
}

static void
record_choice (AttuneRolePlay *self,
               AttuneStep     *step)
{
  attune_practice_record_with_own_reply (self->practice, step, (guint) ((g_get_monotonic_time () - self->shown_at) / 1000),
                                         self->own_reply);
  g_ptr_array_add (self->own_replies, g_steal_pointer (&self->own_reply));
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

  if (self->conversation == NULL || self->awaiting_continue || self->own_view != NULL)
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
      GtkWidget *button = _attune_role_play_wrapping_button (C_("role-play", "_Continue"));
      GtkWidget *card = _attune_role_play_feedback_card (attune_practice_get_library (self->practice), attune_conversation_get_scenario (self->conversation),
                                                         &g_array_index (steps, AttuneStep, steps->len - 1));

      gtk_box_append (self->transcript, card);
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "role-play.continue");
      gtk_box_append (self->actions, button);
      self->awaiting_continue = TRUE;
      /* The verdict is read out first; Enter on it continues. */
      focus_when_laid_out (self, card);
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
  self->debrief = NULL;
  for (guint i = 0; i < steps->len; i++)
    {
      AttuneStep *step = &g_array_index (steps, AttuneStep, i);

      if (step->node->cue != NULL)
        gtk_box_append (self->transcript, attune_wrapped_label (step->node->cue, "attune-cue"));
      add_bubble (self, attune_scenario_get_customer_name (scenario), step->node->text, TRUE);
      if (i < self->own_replies->len && g_ptr_array_index (self->own_replies, i) != NULL)
        gtk_widget_add_css_class (add_bubble (self, C_("speaker", "Your own words"),
                                              g_ptr_array_index (self->own_replies, i), FALSE), "attune-own-words");
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
  g_ptr_array_set_size (self->own_replies, 0);
  g_clear_pointer (&self->own_reply, g_free);
  gtk_label_set_text (self->title_label, attune_scenario_get_title (scenario));
  /* The line about the customer names them already. */
  gtk_label_set_text (self->customer_label, attune_scenario_get_customer_about (scenario));
  /* Two lines at most keep the conversation in view; all of it on hover. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->customer_label), attune_scenario_get_customer_about (scenario));
  attune_box_remove_all (self->transcript);
  self->debrief = NULL;
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
  /* The preference says how each role-play starts; its own toggle can
   * change that for this one. */
  gtk_toggle_button_set_active (self->own_reply_toggle,
                                g_settings_get_boolean (attune_practice_get_settings (self->practice), "write-own-reply"));
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
  if (step < self->own_replies->len)
    g_ptr_array_set_size (self->own_replies, step);
  g_clear_pointer (&self->own_reply, g_free);
  begin_attempt (self, retry_kind (self));
  replay_transcript (self);
  show_node (self);
}

/* The expert path has replaced its button: the focus goes on to Try Again. */
static void
expert_path_shown (AttuneRolePlay *self)
{
  gtk_widget_child_focus (GTK_WIDGET (self->actions), GTK_DIR_TAB_FORWARD);
}

/* Seeing it makes this run's next attempt count for less. */
static void
show_expert_path (AttuneRolePlay *self)
{
  if (self->conversation == NULL || self->debrief == NULL)
    return;
  self->expert_path_seen = TRUE;
  attune_role_play_debrief_show_expert_path (ATTUNE_ROLE_PLAY_DEBRIEF (self->debrief));
}

static void
show_debrief (AttuneRolePlay *self)
{
  AttuneScenario *scenario = attune_conversation_get_scenario (self->conversation);
  AttuneScenarioEnding *ending = attune_conversation_get_ending (self->conversation);
  GtkWidget *buttons = gtk_flow_box_new ();
  GtkWidget *again, *back;

  end_attempt (self);

  if (ending->text != NULL)
    add_bubble (self, attune_scenario_get_customer_name (scenario), ending->text, TRUE);

  self->debrief = attune_role_play_debrief_new (attune_practice_get_library (self->practice), self->conversation,
                                                self->own_replies);
  g_signal_connect_object (self->debrief, "expert-path-shown", G_CALLBACK (expert_path_shown), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->transcript, self->debrief);

  again = _attune_role_play_wrapping_button (_("_Try Again"));
  gtk_widget_add_css_class (again, "suggested-action");
  gtk_widget_add_css_class (again, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (again), "role-play.restart");
  back = _attune_role_play_wrapping_button (_("_Other Role-Plays"));
  gtk_widget_add_css_class (back, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "role-play.leave");
  /* Side by side where they fit; a narrow window stacks them. */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 8);
  attune_flow_box_append_unfocusable (GTK_FLOW_BOX (buttons), again);
  attune_flow_box_append_unfocusable (GTK_FLOW_BOX (buttons), back);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (self->actions, buttons);
  /* The debrief's top takes the focus and is read out whole: Try Again
   * under the focus would start over on a second Enter. */
  focus_when_laid_out (self, attune_role_play_debrief_get_top (ATTUNE_ROLE_PLAY_DEBRIEF (self->debrief)));
}

/* Leaving mid-way records an abandoned attempt, which gets no score. */
void
attune_role_play_leave (AttuneRolePlay *self)
{
  g_return_if_fail (ATTUNE_IS_ROLE_PLAY (self));

  end_attempt (self);
  g_clear_object (&self->conversation);
  g_signal_emit (self, signals[LEFT], 0);
}

static void
leave_response (AdwMessageDialog *dialog,
                const char       *response,
                AttuneRolePlay   *self)
{
  if (g_str_equal (response, "leave"))
    attune_role_play_leave (self);
}

/**
 * attune_role_play_ask_to_leave:
 *
 * Esc and the back button: leaves at once before the first reply or
 * after the end; mid-way it asks first, and returns the dialog (else
 * %NULL).
 */
GtkWidget *
attune_role_play_ask_to_leave (AttuneRolePlay *self)
{
  GtkWidget *dialog;
  GtkRoot *root;

  g_return_val_if_fail (ATTUNE_IS_ROLE_PLAY (self), NULL);

  if (self->conversation == NULL || attune_conversation_is_finished (self->conversation) ||
      attune_conversation_get_steps (self->conversation)->len == 0)
    {
      attune_role_play_leave (self);
      return NULL;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Leave This Role-Play?"),
                                   _("It will not be finished or scored. Your replies so far are kept in your history."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "stay", _("_Keep Practising"),
                                    "leave", _("_Leave"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "leave", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "stay");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "stay");
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
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
show_replies_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  attune_role_play_show_replies (ATTUNE_ROLE_PLAY (widget));
}

/* The per-role-play toggle: writing first now, or the replies now. */
static void
own_reply_toggled (AttuneRolePlay *self)
{
  gboolean writing = gtk_toggle_button_get_active (self->own_reply_toggle);

  if (self->conversation == NULL || self->awaiting_continue || attune_conversation_is_finished (self->conversation))
    return;
  if (writing && self->own_view == NULL && self->own_reply == NULL)
    show_writing (self);
  else if (!writing && self->own_view != NULL)
    {
      self->own_view = NULL;
      show_choices (self);
    }
}

static void
ask_to_leave_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  attune_role_play_ask_to_leave (ATTUNE_ROLE_PLAY (widget));
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
  /* Over the role-play, so that closing it returns to the same attempt. */
  gtk_widget_activate_action_variant (widget, "win.open-lesson-aside", parameter);
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
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick);
  self->focus_tick = 0;
  g_clear_object (&self->conversation);
  g_clear_object (&self->practice);
  g_clear_pointer (&self->own_replies, g_ptr_array_unref);
  g_clear_pointer (&self->own_reply, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, AttuneRolePlay, own_reply_toggle);
  gtk_widget_class_bind_template_callback (widget_class, own_reply_toggled);
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
  gtk_widget_class_install_action (widget_class, "role-play.ask-to-leave", NULL, ask_to_leave_action);
  gtk_widget_class_install_action (widget_class, "role-play.show-replies", NULL, show_replies_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "role-play.ask-to-leave", NULL);
  /* Enter on the feedback (which has the focus after a choice) goes on;
   * a focused button takes Enter itself first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "role-play.continue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "role-play.continue", NULL);
}

static void
attune_role_play_init (AttuneRolePlay *self)
{
  self->own_replies = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

AttuneRolePlay *
attune_role_play_new (AttunePractice *practice)
{
  return g_object_new (ATTUNE_TYPE_ROLE_PLAY, "practice", practice, NULL);
}
