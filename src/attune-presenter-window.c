/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttunePresenterWindow: a role-play for a classroom, on a projector.
 * Fullscreen, large type (twice the normal size to begin with; Ctrl+plus,
 * Ctrl+minus and Ctrl+0 change it, and it is remembered), high contrast
 * friendly, and no learner statistics anywhere.
 *
 * The replies are labelled A–D, in the conversation's shuffled order. The
 * class discusses and votes; the trainer counts the hands (1–4, or in the
 * console), can show the tally as bars (T), picks the class's choice (its
 * letter, or a click), and only then reveals the feedback (Space, Enter or
 * a clicker's Page Down). Space again moves on; after the ending comes the
 * class's recap. Esc leaves. The keys are the same in the trainer's console
 * (attune-presenter-keys.c). The class session (AttuneClassSession) keeps
 * the path, the votes and the time; nothing is recorded to a profile unless
 * the trainer turned "presenter-records" on (AttunePractice does that).
 *
 * Each screen fits the projector: the chosen size is where the text
 * starts, and it shrinks (down to 40 % of it) until the question and all
 * of its replies fit without scrolling; each question starts at the top.
 * N shows the trainer notes (never by default: the class would read the
 * answers); the end recaps the path the class took.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "attune-widget-util.h"
#include "attune-class-recap.h"
#include "attune-presenter-keys.h"
#include "attune-presenter-window.h"
#include "attune-tally-bars.h"

struct _AttunePresenterWindow
{
  AdwWindow parent_instance;

  AttunePractice *practice;    /* records, when Preferences say so */
  AttuneScenario *scenario;
  AttuneConversation *conversation;
  AttuneClassSession *class_session;
  int selected;                /* -1: no choice picked yet */
  gboolean revealed;           /* the picked choice's feedback is showing */
  gboolean show_tally;         /* the class sees the tally as bars */
  gboolean show_recap;         /* the class sees the recap */
  GtkCssProvider *zoom;
  int fit;                     /* percent of the chosen size that fits */
  guint fit_tick;
  guint fit_frames;            /* frames since the last change */
  gboolean notes_shown;

  GtkScrolledWindow *scroller;
  GtkWidget *clamp;
  GtkBox *content;
};

G_DEFINE_FINAL_TYPE (AttunePresenterWindow, attune_presenter_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PRACTICE,
  PROP_SCENARIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A key name or letter range inside a sentence, wrapped in Unicode
 * first-strong isolates: a right-to-left sentence that starts with a
 * Latin key name is still laid out right to left. */
static char *
isolate (const char *text)
{
  return g_strdup_printf ("\u2068%s\u2069", text);
}

/* "A–D", or its translation, isolated. */
static char *
letter_range (void)
{
  const char *letters = attune_class_reply_letters ();
  g_autofree char *first = g_strndup (letters, g_utf8_next_char (letters) - letters);
  const char *last = g_utf8_offset_to_pointer (letters, ATTUNE_MAX_CHOICES - 1);
  g_autofree char *range = g_strdup_printf ("%s–%s", first, last);

  return isolate (range);
}

static char *
reply_letter (guint i)
{
  return attune_class_reply_letter (i);
}

static GtkWidget *
big_text (const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}


static void
apply_zoom (AttunePresenterWindow *self)
{
  int percent = g_settings_get_int (attune_practice_get_settings (self->practice), "presenter-zoom");
  g_autofree char *css = g_strdup_printf ("window.attune-presenter { font-size: %d%%; }", percent * self->fit / 100);

  gtk_css_provider_load_from_data (self->zoom, css, -1);
}

/* Whether the screen's content fits the window without scrolling. */
gboolean
attune_presenter_window_fits (AttunePresenterWindow *self,
                              int                   *needed,
                              int                   *available)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->scroller));
  int height = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  int min, nat;

  gtk_widget_measure (self->clamp, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  if (needed != NULL)
    *needed = min;
  if (available != NULL)
    *available = height;
  return width > 0 && min <= height;
}

gboolean
attune_presenter_window_get_fitting (AttunePresenterWindow *self)
{
  return self->fit_tick != 0;
}

/* Once a frame has laid out the new size, measures again: text that
 * wraps grows with the square of its size, hence the square root. */
static gboolean
fit_tick (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  AttunePresenterWindow *self = ATTUNE_PRESENTER_WINDOW (widget);
  int needed, available, next;

  if (++self->fit_frames < 2 || gtk_widget_get_width (GTK_WIDGET (self->scroller)) == 0)
    return G_SOURCE_CONTINUE;
  if (self->notes_shown || attune_presenter_window_fits (self, &needed, &available) || self->fit <= 40)
    {
      gtk_widget_set_opacity (GTK_WIDGET (self->content), 1.0);
      self->fit_tick = 0;
      return G_SOURCE_REMOVE;
    }
  next = (int) (self->fit * sqrt ((double) available / needed) * 0.98);
  self->fit = CLAMP (next, 40, self->fit - 3);
  self->fit_frames = 0;
  apply_zoom (self);
  return G_SOURCE_CONTINUE;
}

/* A new screen: from the top, at the chosen size, shrunk to fit. The
 * content stays invisible until it fits, so nothing jumps. */
static void
start_fitting (AttunePresenterWindow *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  if (self->notes_shown)
    return;
  if (self->fit != 100)
    {
      self->fit = 100;
      apply_zoom (self);
    }
  self->fit_frames = 0;
  gtk_widget_set_opacity (GTK_WIDGET (self->content), 0.0);
  if (self->fit_tick == 0)
    self->fit_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fit_tick, NULL, NULL);
}

/* The trainer notes, on request (N): a card above the screen. */
static void
add_notes (AttunePresenterWindow *self)
{
  const char * const *notes = attune_scenario_get_trainer_notes (self->scenario);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = g_object_new (GTK_TYPE_LABEL, "label", _("Trainer Notes"), "xalign", 0.0f,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "attune-trainer-notes");
  gtk_box_append (GTK_BOX (card), heading);
  if (notes == NULL || notes[0] == NULL)
    gtk_box_append (GTK_BOX (card), big_text (_("This role-play has no trainer notes."), NULL));
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    gtk_box_append (GTK_BOX (card), big_text (notes[i], NULL));
  gtk_box_append (GTK_BOX (card), big_text (_("N: hide the notes"), "attune-presenter-hint"));
  gtk_box_append (self->content, card);
}

/* The class's path at the end: each decision's letter, reply and verdict. */
static void
add_recap (AttunePresenterWindow *self)
{
  GArray *steps = attune_conversation_get_steps (self->conversation);
  GtkWidget *heading = g_object_new (GTK_TYPE_LABEL, "label", _("The Class’s Path"), "xalign", 0.0f,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_widget_add_css_class (heading, "title-3");
  gtk_box_append (self->content, heading);
  for (guint i = 0; i < steps->len; i++)
    {
      AttuneStep *step = &g_array_index (steps, AttuneStep, i);
      AttuneReplyQuality quality = attune_scenario_node_get_quality (step->node, step->choice_index);
      const char *verdict = quality == ATTUNE_REPLY_STRONG ? _("Strong reply")
                            : quality == ATTUNE_REPLY_PARTLY ? _("Partly right")
                            : _("Weak reply");
      guint position = 0;
      g_autofree char *line = NULL;

      g_autofree char *letter = NULL;
      GArray *decisions = attune_class_session_get_decisions (self->class_session);
      guint number = i < decisions->len ? g_array_index (decisions, AttuneClassDecision, i).number : i + 1;

      while (position + 1 < step->n_shown && step->shown_order[position] != step->choice_index)
        position++;
      letter = reply_letter (position);
      /* Translators: the recap of a class's path: the decision's number (as on
       * the trainer sheet), the letter chosen (see “presenter reply letters”),
       * a verdict such as “Strong reply”, then the reply */
      line = g_strdup_printf (_("%u. %s — %s: “%s”"), number, letter, verdict, step->choice->reply);
      gtk_box_append (self->content, big_text (line, "attune-presenter-recap"));
    }
}

static void
render (AttunePresenterWindow *self)
{
  AttuneScenario *scenario = attune_conversation_get_scenario (self->conversation);
  AttuneScenarioNode *node = attune_conversation_get_node (self->conversation);
  AttuneScenarioEnding *ending = attune_conversation_get_ending (self->conversation);
  int mood = attune_conversation_get_mood (self->conversation);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *mood_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GArray *steps = attune_conversation_get_steps (self->conversation);
  guint8 order[ATTUNE_MAX_CHOICES];
  guint n_shown;

  attune_box_remove_all (self->content);
  if (self->show_recap)
    {
      gtk_box_append (self->content, GTK_WIDGET (attune_class_recap_new (self->class_session,
                                                                         attune_practice_get_library (self->practice))));
      gtk_box_append (self->content, big_text (_("Esc: leave"), "dim-label"));
      return;
    }
  gtk_box_append (GTK_BOX (top), big_text (attune_scenario_get_customer_name (scenario), "attune-presenter-name"));
  gtk_widget_set_hexpand (gtk_widget_get_last_child (top), TRUE);
  gtk_box_append (GTK_BOX (mood_box), gtk_image_new_from_icon_name (attune_mood_get_icon_name (mood)));
  gtk_image_set_pixel_size (GTK_IMAGE (gtk_widget_get_last_child (mood_box)), 32);
  gtk_box_append (GTK_BOX (mood_box), big_text (attune_mood_get_label (mood), NULL));
  gtk_widget_add_css_class (mood_box, "attune-mood");
  gtk_box_append (GTK_BOX (top), mood_box);
  gtk_box_append (self->content, top);
  if (self->notes_shown)
    add_notes (self);

  if (self->revealed && steps->len > 0)
    {
      /* The picked reply and what it did. */
      AttuneStep *step = &g_array_index (steps, AttuneStep, steps->len - 1);
      guint position = 0;
      g_autofree char *chosen = NULL;
      g_autofree char *chosen_letter = NULL;

      /* The letter the class saw, in the shuffled order. */
      while (position + 1 < step->n_shown && step->shown_order[position] != step->choice_index)
        position++;
      chosen_letter = reply_letter (position);
      /* Translators: presenter mode; %s is the letter of the reply the class chose (see “presenter reply letters”) */
      chosen = g_strdup_printf (_("The class chose %s"), chosen_letter);

      gtk_box_append (self->content, big_text (step->node->text, "attune-presenter-line"));
      gtk_box_append (self->content, big_text (chosen, "attune-presenter-chosen"));
      gtk_box_append (self->content, big_text (step->choice->reply, "attune-presenter-reply"));
      gtk_box_append (self->content, big_text (step->choice->feedback, "attune-presenter-feedback"));
      {
        g_autofree char *space = isolate (C_("key name", "Space"));
        g_autofree char *notes = isolate (C_("presenter notes key", "N"));
        g_autofree char *esc = isolate (C_("key name", "Esc"));
        /* Translators: a hint in presenter mode; the %s are the names of the Space, N and Esc keys */
        g_autofree char *hint = g_strdup_printf (_("%s: go on  ·  %s: trainer notes  ·  %s: leave"), space, notes, esc);

        gtk_box_append (self->content, big_text (hint, "attune-presenter-hint"));
      }
      return;
    }

  if (ending != NULL)
    {
      if (ending->text != NULL)
        gtk_box_append (self->content, big_text (ending->text, "attune-presenter-line"));
      gtk_box_append (self->content, big_text (attune_outcome_get_label (ending->outcome), "title-1"));
      gtk_box_append (self->content, big_text (ending->debrief, "attune-presenter-feedback"));
      add_recap (self);
      {
        g_autofree char *space = isolate (C_("key name", "Space"));
        g_autofree char *notes = isolate (C_("presenter notes key", "N"));
        g_autofree char *esc = isolate (C_("key name", "Esc"));
        /* Translators: a hint in presenter mode; the %s are the names of the Space, N and Esc keys */
        g_autofree char *hint = g_strdup_printf (_("%s: the class’s recap  ·  %s: trainer notes  ·  %s: leave"), space, notes, esc);

        gtk_box_append (self->content, big_text (hint, "attune-presenter-hint"));
      }
      return;
    }

  if (self->show_tally)
    {
      /* The votes fill the screen, to be read from the back of the room. */
      gtk_box_append (self->content, big_text (_("How the class voted"), "attune-presenter-line"));
      gtk_box_append (self->content, attune_tally_bars_new (attune_class_session_get_current (self->class_session)));
      gtk_box_append (self->content, big_text (_("T: back to the replies  ·  Space: reveal"), "dim-label"));
      return;
    }
  if (node->cue != NULL)
    gtk_box_append (self->content, big_text (node->cue, "attune-cue"));
  gtk_box_append (self->content, big_text (node->text, "attune-presenter-line"));
  n_shown = attune_conversation_get_order (self->conversation, order);
  for (guint i = 0; i < n_shown; i++)
    {
      AttuneChoice *choice = g_ptr_array_index (node->choices, order[i]);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
      g_autofree char *letter = reply_letter (i);
      /* Translators: a reply in presenter mode, read out; the first %s is its letter (its key), the second the reply */
      g_autofree char *spoken = g_strdup_printf (_("Reply %s: %s"), letter, choice->reply);

      gtk_box_append (GTK_BOX (row), big_text (letter, "attune-presenter-letter"));
      gtk_box_append (GTK_BOX (row), big_text (choice->reply, NULL));
      gtk_button_set_child (GTK_BUTTON (button), row);
      gtk_widget_add_css_class (button, "attune-choice");
      if ((int) i == self->selected)
        gtk_widget_add_css_class (button, "attune-selected");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "presenter.select");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      gtk_box_append (self->content, button);
    }
  {
    g_autofree char *space = isolate (C_("key name", "Space"));
    g_autofree char *range = letter_range ();
    g_autofree char *numbers = isolate ("1–4");
    g_autofree char *tally_key = isolate ("T");
    g_autofree char *notes = isolate (C_("presenter notes key", "N"));
    g_autofree char *hint = self->selected >= 0
      /* Translators: a hint in presenter mode; the first %s is the name of the Space key, the second the reply letters, such as “A–D” */
      ? g_strdup_printf (_("%s: reveal the feedback  ·  %s: change the choice"), space, range)
      /* Translators: a hint in presenter mode; the %s are the reply letters (such as “A–D”), the vote keys “1–4”, the tally key “T” and the notes key “N” */
      : g_strdup_printf (_("%s: pick the class’s choice  ·  %s: count a vote  ·  %s: show the votes  ·  %s: trainer notes"),
                         range, numbers, tally_key, notes);

    gtk_box_append (self->content, big_text (hint, "attune-presenter-hint"));
  }
}

static void
changed (AttunePresenterWindow *self)
{
  render (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Picks the class's choice (0 = A, as shown); the feedback stays hidden. */
gboolean
attune_presenter_window_select (AttunePresenterWindow *self,
                                guint                  index)
{
  AttuneScenarioNode *node = attune_conversation_get_node (self->conversation);

  if (node == NULL || self->revealed || index >= node->choices->len)
    return FALSE;
  self->selected = (int) index;
  changed (self);
  return TRUE;
}

static void
end_recording (AttunePresenterWindow *self)
{
  attune_practice_end (self->practice, self->conversation);
}

/* The reply with the most hands, when one has more than any other. */
static int
most_voted (AttunePresenterWindow *self)
{
  AttuneClassDecision *current = attune_class_session_get_current (self->class_session);
  int top = -1;
  gboolean tie = FALSE;

  for (guint i = 0; current != NULL && i < current->n_shown; i++)
    {
      if (current->votes[i] == 0)
        continue;
      if (top < 0 || current->votes[i] > current->votes[top])
        top = (int) i, tie = FALSE;
      else if (current->votes[i] == current->votes[top])
        tie = TRUE;
    }
  return tie ? -1 : top;
}

/* Space, Enter or Page Down: reveal the picked choice's feedback (with
 * none picked, the reply most hands went up for), move on, and after the
 * ending show the recap. */
gboolean
attune_presenter_window_advance (AttunePresenterWindow *self)
{
  g_autoptr(GError) error = NULL;
  GArray *steps;

  if (self->show_recap)
    return FALSE;
  if (self->revealed)
    {
      self->revealed = FALSE;
      self->selected = -1;
      self->show_tally = FALSE;
      if (attune_conversation_is_finished (self->conversation))
        end_recording (self);
      changed (self);
      start_fitting (self);
      return TRUE;
    }
  if (attune_conversation_is_finished (self->conversation))
    return attune_presenter_window_show_recap (self);
  if (self->selected < 0)
    self->selected = most_voted (self);
  if (self->selected < 0)
    return FALSE;

  if (attune_class_session_choose (self->class_session, (guint) self->selected, &error) == NULL)
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  steps = attune_conversation_get_steps (self->conversation);
  attune_practice_record (self->practice, &g_array_index (steps, AttuneStep, steps->len - 1), 0);
  self->revealed = TRUE;
  self->show_tally = FALSE;
  changed (self);
  start_fitting (self);
  return TRUE;
}

/* A vote more (or fewer) for the reply shown at @position. */
gboolean
attune_presenter_window_add_vote (AttunePresenterWindow *self,
                                  guint                  position,
                                  int                    delta)
{
  if (self->revealed || !attune_class_session_add_vote (self->class_session, position, delta))
    return FALSE;
  changed (self);
  return TRUE;
}

gboolean
attune_presenter_window_set_votes (AttunePresenterWindow *self,
                                   guint                  position,
                                   guint                  votes)
{
  AttuneClassDecision *current = attune_class_session_get_current (self->class_session);

  if (self->revealed || current == NULL || position >= current->n_shown)
    return FALSE;
  if (current->votes[position] == votes)
    return TRUE;
  attune_class_session_set_votes (self->class_session, position, votes);
  changed (self);
  return TRUE;
}

/* Shows or hides the tally on the projected screen. */
gboolean
attune_presenter_window_toggle_tally (AttunePresenterWindow *self)
{
  if (self->revealed || self->show_recap || attune_class_session_get_current (self->class_session) == NULL)
    return FALSE;
  self->show_tally = !self->show_tally;
  changed (self);
  return TRUE;
}

gboolean
attune_presenter_window_get_show_tally (AttunePresenterWindow *self)
{
  return self->show_tally;
}

/* The recap, once the conversation has ended. */
gboolean
attune_presenter_window_show_recap (AttunePresenterWindow *self)
{
  if (!attune_conversation_is_finished (self->conversation) || self->show_recap)
    return FALSE;
  if (self->revealed)
    {
      self->revealed = FALSE;
      end_recording (self);
    }
  self->show_recap = TRUE;
  changed (self);
  return TRUE;
}

gboolean
attune_presenter_window_get_show_recap (AttunePresenterWindow *self)
{
  return self->show_recap;
}

/* Back to decision @decision (0 = the first): the class plays on from there. */
gboolean
attune_presenter_window_retry_from (AttunePresenterWindow *self,
                                    guint                  decision)
{
  end_recording (self);
  if (!attune_class_session_retry_from (self->class_session, decision))
    return FALSE;
  attune_practice_begin (self->practice, self->conversation, ATTUNE_ATTEMPT_PRESENTER, ATTUNE_ATTEMPT_RETRY);
  self->revealed = FALSE;
  self->selected = -1;
  self->show_tally = FALSE;
  self->show_recap = FALSE;
  changed (self);
  return TRUE;
}

AttuneClassSession *
attune_presenter_window_get_class_session (AttunePresenterWindow *self)
{
  return self->class_session;
}

AttunePractice *
attune_presenter_window_get_practice (AttunePresenterWindow *self)
{
  return self->practice;
}

AttuneConversation *
attune_presenter_window_get_conversation (AttunePresenterWindow *self)
{
  return self->conversation;
}

int
attune_presenter_window_get_selected (AttunePresenterWindow *self)
{
  return self->selected;
}

gboolean
attune_presenter_window_get_revealed (AttunePresenterWindow *self)
{
  return self->revealed;
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  attune_presenter_window_select (ATTUNE_PRESENTER_WINDOW (widget), g_variant_get_uint32 (parameter));
}

static void
zoom_changed (AttunePresenterWindow *self)
{
  apply_zoom (self);
  start_fitting (self);
}

/**
 * attune_presenter_window_go_back:
 * @step: the decision to show again (0 is the first)
 *
 * Back to decision @step, with nothing picked, as a trainer replaying a
 * question with the class; the replies are shuffled afresh.
 */
gboolean
attune_presenter_window_go_back (AttunePresenterWindow *self,
                                 guint                  step)
{
  /* The class session keeps the votes in step with the conversation. */
  if (!attune_presenter_window_retry_from (self, step))
    return FALSE;
  start_fitting (self);
  return TRUE;
}

/* N: the trainer notes, shown or hidden. */
gboolean
attune_presenter_window_toggle_notes (AttunePresenterWindow *self)
{
  self->notes_shown = !self->notes_shown;
  render (self);
  if (self->notes_shown)
    {
      gtk_widget_set_opacity (GTK_WIDGET (self->content), 1.0);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  else
    start_fitting (self);
  return self->notes_shown;
}

static void
notes_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  attune_presenter_window_toggle_notes (ATTUNE_PRESENTER_WINDOW (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttunePresenterWindow *self = ATTUNE_PRESENTER_WINDOW (widget);
  GSettings *settings = attune_practice_get_settings (self->practice);
  int step = g_variant_get_int32 (parameter);

  if (step == 0)
    g_settings_reset (settings, "presenter-zoom");
  else
    g_settings_set_int (settings, "presenter-zoom",
                        CLAMP (g_settings_get_int (settings, "presenter-zoom") + step, 100, 400));
}

static void
attune_presenter_window_dispose (GObject *object)
{
  AttunePresenterWindow *self = ATTUNE_PRESENTER_WINDOW (object);

  if (self->fit_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fit_tick);
  self->fit_tick = 0;
  if (self->conversation != NULL)
    end_recording (self);
  if (self->zoom != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->zoom));
  g_clear_object (&self->zoom);
  g_clear_object (&self->class_session);
  g_clear_object (&self->conversation);
  if (self->practice != NULL)
    g_signal_handlers_disconnect_by_data (attune_practice_get_settings (self->practice), self);
  g_clear_object (&self->practice);
  g_clear_object (&self->scenario);
  G_OBJECT_CLASS (attune_presenter_window_parent_class)->dispose (object);
}

static void
attune_presenter_window_constructed (GObject *object)
{
  AttunePresenterWindow *self = ATTUNE_PRESENTER_WINDOW (object);
  GSettings *settings;

  G_OBJECT_CLASS (attune_presenter_window_parent_class)->constructed (object);
  g_return_if_fail (self->practice != NULL && self->scenario != NULL);

  settings = attune_practice_get_settings (self->practice);
  self->conversation = attune_conversation_new (self->scenario);
  self->class_session = attune_class_session_new (self->conversation);
  self->zoom = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->zoom),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  g_signal_connect_swapped (settings, "changed::presenter-zoom", G_CALLBACK (zoom_changed), self);
  apply_zoom (self);
  attune_practice_begin (self->practice, self->conversation, ATTUNE_ATTEMPT_PRESENTER, ATTUNE_ATTEMPT_FIRST);
  render (self);
  start_fitting (self);
  /* The size of a common projector, should fullscreen not be honoured.
   * Which monitor it fills is the console's choice
   * (attune_presenter_console_open). */
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
  gtk_window_fullscreen (GTK_WINDOW (self));
}

static void
attune_presenter_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AttunePresenterWindow *self = ATTUNE_PRESENTER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRACTICE:
      g_value_set_object (value, self->practice);
      break;
    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_presenter_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  AttunePresenterWindow *self = ATTUNE_PRESENTER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRACTICE:
      self->practice = g_value_dup_object (value);
      break;
    case PROP_SCENARIO:
      self->scenario = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_presenter_window_class_init (AttunePresenterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_presenter_window_dispose;
  object_class->constructed = attune_presenter_window_constructed;
  object_class->get_property = attune_presenter_window_get_property;
  object_class->set_property = attune_presenter_window_set_property;

  properties[PROP_PRACTICE] =
    g_param_spec_object ("practice", NULL, NULL, ATTUNE_TYPE_PRACTICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL, ATTUNE_TYPE_SCENARIO,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The console redraws itself after any change. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "presenter.select", "u", select_action);
  gtk_widget_class_install_action (widget_class, "presenter.zoom", "i", zoom_action);
  gtk_widget_class_install_action (widget_class, "presenter.notes", NULL, notes_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "presenter.notes", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_SHIFT_MASK, "presenter.notes", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "presenter.zoom", "i", 20);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "presenter.zoom", "i", 20);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "presenter.zoom", "i", 20);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "presenter.zoom", "i", -20);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "presenter.zoom", "i", -20);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "presenter.zoom", "i", 0);
}

static void
attune_presenter_window_init (AttunePresenterWindow *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  attune_presenter_keys_attach (GTK_WIDGET (self), self);
  self->selected = -1;
  self->fit = 100;
  self->scroller = GTK_SCROLLED_WINDOW (scroller);
  self->clamp = clamp;
  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  g_object_set (self->content, "margin-top", 32, "margin-bottom", 32, "margin-start", 32, "margin-end", 32, NULL);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1600);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->content));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  adw_window_set_content (ADW_WINDOW (self), scroller);
  gtk_widget_add_css_class (GTK_WIDGET (self), "attune-presenter");
  gtk_window_set_title (GTK_WINDOW (self), _("Presenter"));
}

/**
 * attune_presenter_window_new:
 *
 * A fullscreen presentation of @scenario from its start, recorded through
 * @practice when the trainer turned that on.
 */
AttunePresenterWindow *
attune_presenter_window_new (AttunePractice *practice,
                             AttuneScenario *scenario)
{
  return g_object_new (ATTUNE_TYPE_PRESENTER_WINDOW, "practice", practice, "scenario", scenario, NULL);
}
