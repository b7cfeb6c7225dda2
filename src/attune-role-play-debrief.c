/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneRolePlayDebrief: the card at the end of a role-play. Its top
 * (outcome, final mood and score, then the ending's debrief) is one
 * spoken tab stop, which takes the focus so that a screen reader reads
 * it; then each decision with its verdict in words and a Retry from Here
 * button, the learner's own words where written, the strategies shown
 * and missed (shown at one decision and missed at another says so), and
 * the expert path, found off the GTK thread when asked for.
 *
 * The buttons activate the role-play's actions ("role-play.retry-from",
 * "role-play.show-expert-path", "role-play.open-lesson").
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-role-play-debrief.h"
#include "attune-role-play-private.h"
#include "attune-widget-util.h"

struct _AttuneRolePlayDebrief
{
  GtkWidget parent_instance;

  AttuneLibrary *library;
  AttuneConversation *conversation;
  GPtrArray *own_replies;      /* per decision: the learner's own words, or NULL */

  GtkWidget *card;
  GtkWidget *top;
  GtkBox *expert_box;
};

G_DEFINE_FINAL_TYPE (AttuneRolePlayDebrief, attune_role_play_debrief, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_CONVERSATION,
  PROP_OWN_REPLIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EXPERT_PATH_SHOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_section (GtkBox     *box,
             const char *title)
{
  GtkWidget *heading = g_object_new (GTK_TYPE_LABEL, "label", title, "xalign", 0.0f, "wrap", TRUE,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (box, heading);
}

/* A decision's verdict at a glance: an icon and words, not colour alone. */
static GtkWidget *
verdict (AttuneReplyQuality quality)
{
  /* The words carry the verdict; only the icon is coloured (style.css),
   * since coloured text would fall below 4.5:1. */
  static const struct { const char *icon; } looks[] = {
    [ATTUNE_REPLY_STRONG] = { "emblem-ok-symbolic" },
    [ATTUNE_REPLY_PARTLY] = { "dialog-information-symbolic" },
    [ATTUNE_REPLY_WEAK] = { "dialog-warning-symbolic" },
  };
  const char *words = quality == ATTUNE_REPLY_STRONG ? _("Strong reply")
                      : quality == ATTUNE_REPLY_PARTLY ? _("Partly right")
                      : _("Weak reply");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = attune_wrapped_label (words, "heading");

  gtk_widget_add_css_class (box, quality == ATTUNE_REPLY_STRONG ? "good" : quality == ATTUNE_REPLY_PARTLY ? "partly" : "poor");
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (looks[quality].icon));
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "attune-verdict");
  return box;
}

/* Strategies shown at one decision and missed at another: the net total
 * alone would call them shown right after a turn said missed. */
static GHashTable *
mixed_strategies (GArray *steps)
{
  g_autoptr(GHashTable) signs = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *mixed = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < steps->len; i++)
    {
      AttuneStep *step = &g_array_index (steps, AttuneStep, i);

      for (guint k = 0; k < step->choice->evidence->len; k++)
        {
          AttuneEvidence *evidence = g_ptr_array_index (step->choice->evidence, k);
          int sign = evidence->weight > 0 ? 1 : evidence->weight < 0 ? 2 : 0;
          int seen = GPOINTER_TO_INT (g_hash_table_lookup (signs, evidence->strategy));

          g_hash_table_insert (signs, evidence->strategy, GINT_TO_POINTER (seen | sign));
          if ((seen | sign) == 3)
            g_hash_table_add (mixed, evidence->strategy);
        }
    }
  return mixed;
}

/* Outcome, final mood and score, then the ending's debrief: one tab stop
 * read out whole. */
static GtkWidget *
top_of (AttuneConversation *conversation)
{
  AttuneScenarioEnding *ending = attune_conversation_get_ending (conversation);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading;
  g_autofree char *summary = NULL;
  g_autofree char *spoken = NULL;

  heading = g_object_new (GTK_TYPE_LABEL, "label", _("Debrief"), "xalign", 0.0f, "wrap", TRUE,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                          "css-classes", (const char *[]) { "title-2", NULL }, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (top), heading);
  /* Translators: the end of a role-play: outcome, the customer's final mood, a score out of 100 */
  summary = g_strdup_printf (_("%s. Final mood: %s. Score: %u%%."), attune_outcome_get_label (ending->outcome),
                             attune_mood_get_label (attune_conversation_get_mood (conversation)),
                             attune_conversation_get_score (conversation));
  gtk_box_append (GTK_BOX (top), attune_wrapped_label (summary, "title-4"));
  gtk_box_append (GTK_BOX (top), attune_wrapped_label (ending->debrief, NULL));
  /* Translators: the debrief read out: “Debrief”, the outcome, mood and score, then the debrief */
  spoken = g_strdup_printf (C_("debrief read out", "%s. %s %s"), _("Debrief"), summary, ending->debrief);
  _attune_role_play_make_spoken (top, spoken);
  return top;
}

/* Each decision: its verdict, the learner's own words where written,
 * the reply, the feedback and a way to retry from there. */
static void
add_decisions (AttuneRolePlayDebrief *self)
{
  GArray *steps = attune_conversation_get_steps (self->conversation);

  add_section (GTK_BOX (self->card), _("Your Decisions"));
  for (guint i = 0; i < steps->len; i++)
    {
      AttuneStep *step = &g_array_index (steps, AttuneStep, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *retry = _attune_role_play_wrapping_button (_("Retry from Here"));
      /* Translators: a decision in the debrief; %u is its number, %s the reply chosen */
      g_autofree char *chosen = g_strdup_printf (_("%u. “%s”"), i + 1, step->choice->reply);
      /* Translators: accessible name of a button: its label, then a decision number */
      g_autofree char *retry_name = g_strdup_printf (_("Retry from Here, decision %u"), i + 1);

      gtk_widget_add_css_class (row, "attune-decision");
      gtk_box_append (GTK_BOX (row), verdict (attune_scenario_node_get_quality (step->node, step->choice_index)));
      if (self->own_replies != NULL && i < self->own_replies->len && g_ptr_array_index (self->own_replies, i) != NULL)
        {
          /* Translators: in the debrief, what the learner wrote before the replies showed */
          g_autofree char *own = g_strdup_printf (_("Your own words: “%s”"), (char *) g_ptr_array_index (self->own_replies, i));

          gtk_box_append (GTK_BOX (row), attune_wrapped_label (own, "attune-own-words-line"));
        }
      gtk_box_append (GTK_BOX (row), attune_wrapped_label (chosen, NULL));
      gtk_box_append (GTK_BOX (row), attune_wrapped_label (step->choice->feedback, "attune-secondary"));
      gtk_widget_set_halign (retry, GTK_ALIGN_START);
      gtk_widget_add_css_class (retry, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "role-play.retry-from");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (retry), "u", i);
      gtk_accessible_update_property (GTK_ACCESSIBLE (retry), GTK_ACCESSIBLE_PROPERTY_LABEL, retry_name, -1);
      gtk_box_append (GTK_BOX (row), retry);
      gtk_box_append (GTK_BOX (self->card), row);
    }
}

static void
attune_role_play_debrief_constructed (GObject *object)
{
  AttuneRolePlayDebrief *self = ATTUNE_ROLE_PLAY_DEBRIEF (object);
  g_autoptr(GArray) tally = NULL;
  g_autoptr(GHashTable) mixed = NULL;
  GtkWidget *show;

  G_OBJECT_CLASS (attune_role_play_debrief_parent_class)->constructed (object);
  g_return_if_fail (self->library != NULL && self->conversation != NULL);
  g_return_if_fail (attune_conversation_is_finished (self->conversation));

  tally = attune_conversation_tally (self->conversation);
  mixed = mixed_strategies (attune_conversation_get_steps (self->conversation));
  self->top = top_of (self->conversation);
  gtk_box_append (GTK_BOX (self->card), self->top);
  add_decisions (self);

  add_section (GTK_BOX (self->card), _("Strategies"));
  gtk_box_append (GTK_BOX (self->card), _attune_role_play_strategy_chips (self->library, tally, mixed));

  /* The expert path waits to be asked for: beside Try Again it would be
   * an answer key. */
  add_section (GTK_BOX (self->card), _("The Expert Path"));
  self->expert_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  show = _attune_role_play_wrapping_button (_("_Show the Expert Path"));
  gtk_widget_set_halign (show, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (show), "role-play.show-expert-path");
  gtk_box_append (self->expert_box, attune_wrapped_label (_("See the strongest reply at every decision. If you look before trying again, your next try counts for less in your progress."), "attune-secondary"));
  gtk_box_append (self->expert_box, show);
  gtk_box_append (GTK_BOX (self->card), GTK_WIDGET (self->expert_box));
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
  AttuneRolePlayDebrief *self = ATTUNE_ROLE_PLAY_DEBRIEF (source);
  AttuneScenario *scenario = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneScenarioAnalysis) analysis = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(AttuneConversation) best = NULL;

  if (analysis == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The expert path could not be found: %s", error->message);
      return;
    }
  /* The debrief may have gone meanwhile (a retry, another role-play). */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) == NULL)
    return;
  best = attune_conversation_new (scenario);
  attune_box_remove_all (self->expert_box);
  for (guint i = 0; i < analysis->best_path->len; i++)
    {
      AttuneChoice *choice = attune_conversation_choose (best, g_array_index (analysis->best_path, guint, i), &error);
      g_autofree char *line = NULL;

      /* The analysis walked this very scenario: a refusal is a bug. */
      if (choice == NULL)
        {
          g_critical ("The expert path does not fit %s: %s", attune_scenario_get_id (scenario), error->message);
          break;
        }
      line = g_strdup_printf (_("%u. “%s”"), i + 1, choice->reply);

      gtk_box_append (self->expert_box, attune_wrapped_label (line, NULL));
    }
  gtk_box_append (self->expert_box, attune_wrapped_label (_("Your next try counts for less in your progress, because you have seen these replies."), "dim-label"));
  g_signal_emit (self, signals[EXPERT_PATH_SHOWN], 0);
}

/**
 * attune_role_play_debrief_show_expert_path:
 *
 * Shows the strongest reply at every decision, from the start, in place
 * of the button that asks for it. Finding it is bounded but not trivial
 * for a large scenario, so it runs off the GTK thread;
 * #AttuneRolePlayDebrief::expert-path-shown follows.
 */
void
attune_role_play_debrief_show_expert_path (AttuneRolePlayDebrief *self)
{
  g_autoptr(GTask) task = NULL;
  AttuneScenario *scenario;

  g_return_if_fail (ATTUNE_IS_ROLE_PLAY_DEBRIEF (self));

  scenario = attune_conversation_get_scenario (self->conversation);
  task = g_task_new (self, NULL, expert_path_found, NULL);
  g_task_set_task_data (task, g_object_ref (scenario), g_object_unref);
  g_task_run_in_thread (task, analyse_in_thread);
}

/* The top of the debrief, which takes the focus when it opens. */
GtkWidget *
attune_role_play_debrief_get_top (AttuneRolePlayDebrief *self)
{
  g_return_val_if_fail (ATTUNE_IS_ROLE_PLAY_DEBRIEF (self), NULL);
  return self->top;
}

GtkWidget *
attune_role_play_debrief_new (AttuneLibrary      *library,
                              AttuneConversation *conversation,
                              GPtrArray          *own_replies)
{
  return g_object_new (ATTUNE_TYPE_ROLE_PLAY_DEBRIEF,
                       "library", library, "conversation", conversation, "own-replies", own_replies, NULL);
}

static void
attune_role_play_debrief_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AttuneRolePlayDebrief *self = ATTUNE_ROLE_PLAY_DEBRIEF (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_CONVERSATION:
      g_value_set_object (value, self->conversation);
      break;
    case PROP_OWN_REPLIES:
      g_value_set_boxed (value, self->own_replies);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_role_play_debrief_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  AttuneRolePlayDebrief *self = ATTUNE_ROLE_PLAY_DEBRIEF (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_CONVERSATION:
      self->conversation = g_value_dup_object (value);
      break;
    case PROP_OWN_REPLIES:
      self->own_replies = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_role_play_debrief_dispose (GObject *object)
{
  AttuneRolePlayDebrief *self = ATTUNE_ROLE_PLAY_DEBRIEF (object);

  g_clear_pointer (&self->card, gtk_widget_unparent);
  g_clear_object (&self->library);
  g_clear_object (&self->conversation);
  g_clear_pointer (&self->own_replies, g_ptr_array_unref);
  G_OBJECT_CLASS (attune_role_play_debrief_parent_class)->dispose (object);
}

static void
attune_role_play_debrief_class_init (AttuneRolePlayDebriefClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = attune_role_play_debrief_constructed;
  object_class->dispose = attune_role_play_debrief_dispose;
  object_class->get_property = attune_role_play_debrief_get_property;
  object_class->set_property = attune_role_play_debrief_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, ATTUNE_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL, ATTUNE_TYPE_CONVERSATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Per decision: what the learner wrote before the replies showed, or NULL. */
  properties[PROP_OWN_REPLIES] =
    g_param_spec_boxed ("own-replies", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AttuneRolePlayDebrief::expert-path-shown:
   *
   * The expert path has replaced the button that asked for it.
   */
  signals[EXPERT_PATH_SHOWN] =
    g_signal_new ("expert-path-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attune-role-play-debrief");
}

static void
attune_role_play_debrief_init (AttuneRolePlayDebrief *self)
{
  self->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->card, "card");
  gtk_widget_add_css_class (self->card, "attune-debrief");
  gtk_widget_set_parent (self->card, GTK_WIDGET (self));
}
