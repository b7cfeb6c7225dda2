/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The role-play by keyboard alone: number keys choose, Enter continues
 * after the feedback, to the debrief; the attempt and every choice land in
 * a temporary progress file; retry from a decision; leaving mid-way is
 * recorded as abandoned; assessment mode holds the feedback back. Renders
 * the conversation, the feedback and the debrief.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-role-play-debrief.h"
#include "attune-test-utils.h"
#include "attune-scenario-picker.h"
#include "attune-window.h"

static AttuneApplication *app;

static AttuneWindow *
window (void)
{
  return attune_application_get_main_window (app);
}

static GtkWidget *
focus (void)
{
  return gtk_root_get_focus (GTK_ROOT (window ()));
}

static guint
count_labels (GtkWidget  *root,
              const char *words)
{
  guint n = GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
            g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), words) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, words);
  return n;
}

/* The message dialog open over the main window. */
static GtkWidget *
open_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  g_assert_not_reached ();
}

/* The number a reply is shown with: the replies are shuffled. */
static guint
shown_position (AttuneConversation *conversation,
                guint               authored)
{
  guint8 order[ATTUNE_MAX_CHOICES];
  guint n = attune_conversation_get_order (conversation, order);

  for (guint i = 0; i < n; i++)
    if (order[i] == authored)
      return i;
  g_assert_not_reached ();
}

/* After a choice the feedback has the focus (a screen reader reads it
 * whole) and Enter continues; the focus then moves to the customer's new
 * line (or the debrief's top), never to a reply or to Try Again, so a
 * second Enter takes nothing. */
static void
continue_by_keyboard (AttuneRolePlay *play)
{
  AttuneConversation *conversation = attune_role_play_get_conversation (play);
  guint n_steps = attune_conversation_get_steps (conversation)->len;
  gboolean finished;
  GtkWidget *focused = focus ();

  g_assert_nonnull (focused);
  g_assert_true (gtk_widget_has_css_class (focused, "attune-feedback"));
  g_assert_true (gtk_widget_is_ancestor (focused, GTK_WIDGET (play)));
  attune_test_press (focused, GDK_KEY_Return, 0);
  finished = attune_conversation_is_finished (conversation);
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  focused = focus ();
  g_assert_nonnull (focused);
  g_assert_false (GTK_IS_BUTTON (focused));
  g_assert_true (gtk_widget_has_css_class (focused, "attune-spoken"));
  /* Enter again: nothing chosen, nothing restarted. */
  attune_test_press (focused, GDK_KEY_Return, 0);
  g_assert_true (attune_role_play_get_conversation (play) == conversation);
  g_assert_cmpuint (attune_conversation_get_steps (conversation)->len, ==, n_steps);
  g_assert_true (attune_conversation_is_finished (conversation) == finished);
}

/* Plays the best path by keyboard: its number key, then Enter. */
static void
play_best_path_by_keyboard (AttuneRolePlay *play,
                            gboolean        render)
{
  AttuneConversation *conversation = attune_role_play_get_conversation (play);
  g_autoptr(AttuneScenarioAnalysis) analysis = attune_scenario_analyse (attune_conversation_get_scenario (conversation));

  for (guint i = 0; i < analysis->best_path->len; i++)
    {
      guint index = g_array_index (analysis->best_path, guint, i);
      GtkWidget *focused;

      attune_test_wait_for_frame (GTK_WIDGET (window ()));
      /* Focus sits on the customer's line, so the keys go to the role-play. */
      focused = focus ();
      g_assert_nonnull (focused);
      g_assert_true (gtk_widget_is_ancestor (focused, GTK_WIDGET (play)));
      attune_test_press (focused, GDK_KEY_1 + shown_position (conversation, index), 0);
      g_assert_cmpuint (g_array_index (attune_conversation_get_steps (conversation), AttuneStep, i).choice_index, ==, index);
      if (i == 0 && render)
        g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-feedback"));
      continue_by_keyboard (play);
    }
}

static gboolean
expert_path_shown (gpointer play)
{
  return attune_test_find_label (GTK_WIDGET (play),
                                 _("Your next try counts for less in your progress, because you have seen these replies."),
                                 TRUE) != NULL;
}

/* Widgets under @root that carry the hint to press Enter apart from the
 * feedback card's name: as a description, or as text of their own. */
static guint
count_hint_carriers (GtkWidget *root)
{
  const char *hint = _("Press Enter to continue.");
  g_autofree char *differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint);
  guint n = differs == NULL ? 1 : 0;

  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), hint) != NULL)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_hint_carriers (child);
  return n;
}

static void
test_play_to_the_end (void)
{
  AttuneStore *store = attune_test_store (app);
  AttuneRolePlay *play;
  g_autoptr(GPtrArray) attempts = NULL;
  AttuneAttemptRecord *attempt;

  g_assert_true (attune_window_start_scenario (window (), "late-parcel"));
  play = attune_window_get_role_play (window ());
  g_assert_nonnull (play);
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-start"));
  /* The mood is in words as well as an icon. */
  g_assert_true (attune_test_find_label (GTK_WIDGET (play), _("Upset"), TRUE) != NULL ||
                 attune_test_find_label (GTK_WIDGET (play), _("Uneasy"), TRUE) != NULL);

  play_best_path_by_keyboard (play, TRUE);
  g_assert_true (attune_conversation_is_finished (attune_role_play_get_conversation (play)));
  g_assert_cmpint (attune_conversation_get_ending (attune_role_play_get_conversation (play))->outcome, ==,
                   ATTUNE_OUTCOME_RESOLVED);
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  g_assert_true ((attune_test_find_label (GTK_WIDGET (play), _("Debrief"), TRUE) != NULL));
  /* Every decision of the best path is marked strong; none weak. */
  g_assert_cmpuint (count_labels (GTK_WIDGET (play), _("Strong reply")), ==,
                    attune_conversation_get_steps (attune_role_play_get_conversation (play))->len);
  g_assert_cmpuint (count_labels (GTK_WIDGET (play), _("Weak reply")), ==, 0);
  /* The expert path waits to be asked for. */
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (play), _("The Expert Path"), TRUE));
  g_assert_null (attune_test_find_label (GTK_WIDGET (play),
                                         _("Your next try counts for less in your progress, because you have seen these replies."), TRUE));
  g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-debrief"));

  /* Recorded: one finished attempt with every decision. */
  attune_test_flush (attune_role_play_get_practice (play));
  attempts = attune_store_list_attempts (store, attune_test_profile (app), 10, NULL);
  g_assert_cmpuint (attempts->len, ==, 1);
  attempt = g_ptr_array_index (attempts, 0);
  g_assert_cmpstr (attempt->scenario, ==, "late-parcel");
  g_assert_cmpstr (attempt->outcome, ==, "resolved");
  g_assert_cmpuint (attempt->n_choices, ==,
                    attune_conversation_get_steps (attune_role_play_get_conversation (play))->len);
  g_assert_cmpuint (attempt->good_weight, >, 0);

  /* Asking for the expert path shows it, and the next try counts less. */
  gtk_widget_activate_action (GTK_WIDGET (play), "role-play.show-expert-path", NULL);
  /* Found off the GTK thread, then shown. */
  attune_test_wait_until (expert_path_shown, play);
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-expert-path"));

  /* Dark, for the contrast of the verdicts, chips and dimmed text. */
  g_settings_set_string (attune_test_settings (), "color-scheme", "dark");
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-debrief-dark"));
  g_settings_reset (attune_test_settings (), "color-scheme");
}

static void
test_retry_and_leave (void)
{
  AttuneStore *store = attune_test_store (app);
  AttuneRolePlay *play = attune_window_get_role_play (window ());
  AttuneConversation *conversation = attune_role_play_get_conversation (play);
  g_autoptr(GPtrArray) attempts = NULL;

  /* Retry from the second decision: back there, with one decision kept.
   * The expert path was seen (previous test), so the retry counts a tenth. */
  gtk_widget_activate_action (GTK_WIDGET (play), "role-play.retry-from", "u", 1);
  conversation = attune_role_play_get_conversation (play);
  g_assert_false (attune_conversation_is_finished (conversation));
  g_assert_cmpuint (attune_conversation_get_steps (conversation)->len, ==, 1);
  g_assert_true (attune_practice_get_recording (attune_role_play_get_practice (play)));
  attune_test_flush (attune_role_play_get_practice (play));
  attempts = attune_store_list_attempts (store, attune_test_profile (app), 1, NULL);
  g_assert_null (((AttuneAttemptRecord *) attempts->pdata[0])->outcome);
  g_assert_cmpfloat (attune_store_get_attempt_credit (store, ((AttuneAttemptRecord *) attempts->pdata[0])->id), ==, 0.1);
  g_clear_pointer (&attempts, g_ptr_array_unref);

  /* One more decision, then leave: an abandoned attempt. */
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  attune_test_press (focus (), GDK_KEY_2, 0);
  /* Esc mid-way asks first; keeping on practising keeps the attempt. */
  {
    GtkWidget *dialog = attune_role_play_ask_to_leave (play);

    g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
    attune_test_wait_for_frame (dialog);
    g_free (attune_test_render_png (dialog, "role-play-leave"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "stay");
    g_assert_nonnull (attune_role_play_get_conversation (play));
    gtk_window_destroy (GTK_WINDOW (dialog));
    attune_test_press (focus (), GDK_KEY_Escape, 0);
    g_assert_nonnull (attune_role_play_get_conversation (play));
    dialog = open_dialog ();
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "leave");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_null (attune_role_play_get_conversation (play));
  attune_test_flush (attune_role_play_get_practice (play));
  attempts = attune_store_list_attempts (store, attune_test_profile (app), 10, NULL);
  g_assert_cmpuint (attempts->len, ==, 2);
  g_assert_cmpstr (((AttuneAttemptRecord *) attempts->pdata[0])->outcome, ==, "abandoned");
  g_assert_cmpuint (((AttuneAttemptRecord *) attempts->pdata[0])->n_choices, ==, 1);
  /* Left before the end: not a session this week (the finished one is). */
  {
    AttuneProgressSummary summary;

    g_assert_true (attune_store_get_summary (store, attune_test_profile (app), g_get_real_time (), &summary, NULL));
    g_assert_cmpuint (summary.sessions_this_week, ==, 1);
  }
  /* Back at the list of role-plays, with the keyboard focus there. */
  g_assert_true (gtk_widget_is_ancestor (focus (), GTK_WIDGET (window ())));
}

/* Every shipped scenario can be played to the end by keyboard alone. */
static void
test_every_scenario_by_keyboard (void)
{
  GListModel *scenarios = attune_library_get_scenarios (attune_test_library (app));

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, i);
      AttuneRolePlay *play;

      g_assert_true (attune_window_start_scenario (window (), attune_scenario_get_id (scenario)));
      play = attune_window_get_role_play (window ());
      play_best_path_by_keyboard (play, FALSE);
      g_assert_true (attune_conversation_is_finished (attune_role_play_get_conversation (play)));
      attune_test_press (focus (), GDK_KEY_Escape, 0);
    }
}

/* As a learner would: a tempting wrong reply first, then the best replies,
 * by keyboard. The debrief marks the first decision as not strong, and the
 * record keeps the order the replies were shown in. */
static void
test_learner_paths (void)
{
  static const char *ids[] = { "lonely-caller", "flooded-home", "expired-coupon", "booking-website" };
  AttuneStore *store = attune_test_store (app);

  for (guint s = 0; s < G_N_ELEMENTS (ids); s++)
    {
      AttuneRolePlay *play;
      AttuneConversation *conversation;
      AttuneScenarioNode *node;
      guint wrong, best;
      g_autoptr(GPtrArray) choices = NULL;
      g_autofree char *shot = NULL;

      g_assert_true (attune_window_start_scenario (window (), ids[s]));
      play = attune_window_get_role_play (window ());
      conversation = attune_role_play_get_conversation (play);
      node = attune_conversation_get_node (conversation);
      best = attune_scenario_node_get_best_choice (node, NULL);
      wrong = best == 0 ? 1 : 0;
      attune_test_wait_for_frame (GTK_WIDGET (window ()));
      attune_test_press (focus (), GDK_KEY_1 + shown_position (conversation, wrong), 0);
      continue_by_keyboard (play);
      for (guint i = 0; i < 60 && !attune_conversation_is_finished (conversation); i++)
        {
          node = attune_conversation_get_node (conversation);
          attune_test_wait_for_frame (GTK_WIDGET (window ()));
          attune_test_press (focus (), GDK_KEY_1 + shown_position (conversation, attune_scenario_node_get_best_choice (node, NULL)), 0);
          continue_by_keyboard (play);
        }
      g_assert_true (attune_conversation_is_finished (conversation));
      attune_test_wait_for_frame (GTK_WIDGET (window ()));
      g_assert_cmpuint (count_labels (GTK_WIDGET (play), _("Partly right")) + count_labels (GTK_WIDGET (play), _("Weak reply")), >=, 1);
      shot = g_strdup_printf ("role-play-learner-%s", ids[s]);
      g_free (attune_test_render_png (GTK_WIDGET (window ()), shot));

      {
        g_autoptr(GPtrArray) attempts = NULL;

        attune_test_flush (attune_role_play_get_practice (play));
        attempts = attune_store_list_attempts (store, attune_test_profile (app), 1, NULL);
        AttuneAttemptRecord *attempt = g_ptr_array_index (attempts, 0);
        AttuneStep *first = &g_array_index (attune_conversation_get_steps (conversation), AttuneStep, 0);
        g_autoptr(GString) order = g_string_new (NULL);

        for (guint k = 0; k < first->n_shown; k++)
          g_string_append_printf (order, k > 0 ? ",%u" : "%u", first->shown_order[k]);
        g_assert_cmpstr (attempt->scenario, ==, ids[s]);
        choices = attune_store_list_choices (store, attempt->id, NULL);
        g_assert_cmpuint (((AttuneChoiceRecord *) choices->pdata[0])->choice_index, ==, wrong);
        g_assert_cmpstr (((AttuneChoiceRecord *) choices->pdata[0])->shown_order, ==, order->str);
      }
      attune_test_press (focus (), GDK_KEY_Escape, 0);
    }
}

static void
test_assessment_mode (void)
{
  AttuneRolePlay *play;

  g_settings_set_boolean (attune_test_settings (), "assessment-mode", TRUE);
  attune_window_start_scenario (window (), "expired-coupon");
  play = attune_window_get_role_play (window ());
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  attune_test_press (focus (), GDK_KEY_1, 0);
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  /* The mood's changes stay hidden until the end: they would give the answer away. */
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (play), _("Mood shown at the end"), TRUE));
  /* No feedback and no Continue: the next customer line is already there. */
  g_assert_false ((attune_test_find_label (GTK_WIDGET (play), _("Feedback"), TRUE) != NULL));
  g_assert_cmpuint (attune_conversation_get_steps (attune_role_play_get_conversation (play))->len, ==, 1);
  g_assert_false (attune_role_play_continue (play));
  g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-assessment"));
  g_settings_reset (attune_test_settings (), "assessment-mode");
  attune_role_play_leave (play);
}

static GtkWidget *
find_class (GtkWidget  *root,
            const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Screen-reader first: each new part takes the focus with its full text
 * as its name, so Orca reads it as it appears. */
static void
test_accessibility (void)
{
  AttuneRolePlay *play;
  GtkWidget *reply, *line;

  attune_window_start_scenario (window (), "booking-website");
  play = attune_window_get_role_play (window ());
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  {
    AttuneConversation *conversation = attune_role_play_get_conversation (play);
    AttuneScenario *scenario = attune_conversation_get_scenario (conversation);
    AttuneScenarioNode *node = attune_conversation_get_node (conversation);
    /* Reply 1 is whichever the shuffle put first. */
    AttuneChoice *first = g_ptr_array_index (node->choices, attune_conversation_authored_index (conversation, 0));
    g_autofree char *expected = g_strdup_printf (_("Reply %u: %s"), 1, first->reply);
    g_autofree char *customer_said = g_strdup_printf (C_("chat line", "%s: %s"), attune_scenario_get_customer_name (scenario), node->text);

    /* The customer's line has the focus and is read whole. */
    line = focus ();
    gtk_test_accessible_assert_property (line, GTK_ACCESSIBLE_PROPERTY_LABEL, customer_said);
    /* Tab goes straight to the replies, right under the conversation. */
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window ()), GTK_DIR_TAB_FORWARD));
    reply = focus ();
    g_assert_true (GTK_IS_BUTTON (reply));
    gtk_test_accessible_assert_role (reply, GTK_ACCESSIBLE_ROLE_BUTTON);
    gtk_test_accessible_assert_property (reply, GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

    /* The arrow keys move between the replies. */
    attune_test_press (reply, GDK_KEY_Down, 0);
    g_assert_true (focus () != reply);
    g_assert_true (gtk_widget_get_parent (focus ()) == gtk_widget_get_parent (reply));
    attune_test_press (focus (), GDK_KEY_Up, 0);
    g_assert_true (focus () == reply);

    /* After a choice: the learner's line is read as "You: …", and the
     * feedback takes the focus, named by its verdict, the mood change in
     * words and the feedback itself. */
    attune_test_press (reply, GDK_KEY_1, 0);
    attune_test_wait_for_frame (GTK_WIDGET (window ()));
    {
      AttuneStep *step = &g_array_index (attune_conversation_get_steps (conversation), AttuneStep, 0);
      AttuneReplyQuality quality = attune_scenario_node_get_quality (step->node, step->choice_index);
      const char *verdict = quality == ATTUNE_REPLY_STRONG ? _("Good reply") : quality == ATTUNE_REPLY_PARTLY ? _("Partly right") : _("Missed the mark");
      g_autofree char *mood = g_strdup_printf (step->mood_after > step->mood_before ? _("%s is calmer.")
                                               : step->mood_after < step->mood_before ? _("%s is more upset.")
                                               : _("%s’s mood has not changed."), attune_scenario_get_customer_name (scenario));
      g_autofree char *heard = g_strdup_printf (C_("feedback read out", "%s. %s %s Press Enter to continue."), verdict, mood, first->feedback);
      GtkWidget *feedback = focus ();
      g_autofree char *said = g_strdup_printf (C_("chat line", "%s: %s"), C_("speaker", "You"), first->reply);
      GtkWidget *you = gtk_widget_get_parent (attune_test_find_label (GTK_WIDGET (play), first->reply, FALSE));

      g_assert_true (gtk_widget_has_css_class (feedback, "attune-feedback"));
      gtk_test_accessible_assert_property (feedback, GTK_ACCESSIBLE_PROPERTY_LABEL, heard);
      /* The hint to press Enter is said once: in the card's name, and in
       * no description or other text of the role-play (Orca 43 read the
       * description twice). */
      g_assert_cmpuint (count_hint_carriers (GTK_WIDGET (play)), ==, 0);
      gtk_test_accessible_assert_property (you, GTK_ACCESSIBLE_PROPERTY_LABEL, said);
      /* The verdict is a heading, first in the card, in words. */
      g_assert_nonnull (attune_test_find_label (feedback, verdict, FALSE));
      g_assert_nonnull (attune_test_find_label (feedback, mood, FALSE));
      gtk_test_accessible_assert_role (attune_test_find_label (feedback, verdict, FALSE), GTK_ACCESSIBLE_ROLE_HEADING);
      gtk_test_accessible_assert_property (attune_test_find_label (feedback, verdict, FALSE), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3);
    }
  }
  attune_role_play_leave (play);
}

/* The width the role-play asks for, and the window's: at 360 px nothing
 * may push the window wider (chips and buttons wrap). */
static void
assert_fits_narrow (AttuneRolePlay *play,
                    const char     *what)
{
  int min, nat;

  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  gtk_widget_measure (GTK_WIDGET (play), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_test_message ("%s at 360 px: minimum %d, natural %d, window %d", what, min, nat,
                  gtk_widget_get_width (GTK_WIDGET (window ())));
  g_assert_cmpint (min, <=, 360);
  g_assert_cmpint (nat, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window ())), <=, 360);
}

/* The debrief opens at its top: outcome, mood and score in view. */
static void
assert_debrief_at_top (AttuneRolePlay *play)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (attune_test_find_widget (GTK_WIDGET (play), GTK_TYPE_SCROLLED_WINDOW, NULL));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  GtkWidget *top = focus ();
  graphene_rect_t bounds;

  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  g_assert_true (gtk_widget_is_ancestor (top, GTK_WIDGET (play)));
  g_assert_nonnull (attune_test_find_label (top, _("Debrief"), FALSE));
  g_assert_true (gtk_widget_compute_bounds (top, GTK_WIDGET (scroller), &bounds));
  g_test_message ("debrief top at %.0f in a view of %.0f (scrolled %.0f of %.0f)", bounds.origin.y,
                  gtk_adjustment_get_page_size (adjustment), gtk_adjustment_get_value (adjustment),
                  gtk_adjustment_get_upper (adjustment));
  /* Its top in the view, near the top of it, not scrolled to the bottom. */
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, <=, 48);
}

static void
test_narrow (void)
{
  AttuneRolePlay *play;
  AttuneConversation *conversation;

  attune_test_reopen_window (app, "practise", 360, 720);
  g_assert_true (attune_window_start_scenario (window (), "flooded-home"));
  play = attune_window_get_role_play (window ());
  conversation = attune_role_play_get_conversation (play);
  assert_fits_narrow (play, "start");
  g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-narrow"));
  /* A wrong reply: the most chips, the longest feedback. */
  for (guint i = 0; i < 60 && !attune_conversation_is_finished (conversation); i++)
    {
      AttuneScenarioNode *node = attune_conversation_get_node (conversation);
      guint best = attune_scenario_node_get_best_choice (node, NULL);

      attune_test_wait_for_frame (GTK_WIDGET (window ()));
      attune_test_press (focus (), GDK_KEY_1 + shown_position (conversation, i == 0 && best == 0 ? 1 : i == 0 ? 0 : best), 0);
      if (i == 0)
        {
          assert_fits_narrow (play, "feedback");
          g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-narrow-feedback"));
          g_settings_set_string (attune_test_settings (), "color-scheme", "dark");
          attune_test_wait_for_frame (GTK_WIDGET (window ()));
          g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-narrow-feedback-dark"));
          g_settings_reset (attune_test_settings (), "color-scheme");
        }
      continue_by_keyboard (play);
    }
  g_assert_true (attune_conversation_is_finished (conversation));
  assert_fits_narrow (play, "debrief");
  assert_debrief_at_top (play);
  g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-narrow-debrief"));
  attune_role_play_leave (play);
  attune_test_reopen_window (app, NULL, 1000, 760);
}

/* Large text (1.5×) in a 400 px high window: the conversation keeps most
 * of the height (the replies scroll with it), so nothing is cut off. */
static void
test_large_text_short_window (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  int dpi;
  AttuneRolePlay *play;
  GtkWidget *scroller;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);
  attune_test_reopen_window (app, "practise", 600, 400);
  g_assert_true (attune_window_start_scenario (window (), "flooded-home"));
  play = attune_window_get_role_play (window ());
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  attune_test_press (focus (), GDK_KEY_1, 0);
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  scroller = attune_test_find_widget (GTK_WIDGET (play), GTK_TYPE_SCROLLED_WINDOW, NULL);
  g_test_message ("1.5× text at 400 px: window %d high, conversation %d high",
                  gtk_widget_get_height (GTK_WIDGET (window ())), gtk_widget_get_height (scroller));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window ())), <=, 400);
  g_assert_cmpint (gtk_widget_get_height (scroller), >=, gtk_widget_get_height (GTK_WIDGET (play)) / 2);
  /* Continue is in the scrolled conversation, under the feedback. */
  g_assert_true (gtk_widget_is_ancestor (find_class (GTK_WIDGET (play), "suggested-action"), scroller));
  g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-large-text"));
  attune_role_play_leave (play);
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  attune_test_reopen_window (app, NULL, 1000, 760);
}

/* "Write your own reply first": the replies wait until the learner has
 * written, the words stay in the transcript, the debrief shows them, and
 * they are stored with the decision. */
static void
test_own_reply (void)
{
  const char *words = "I am sorry the birthday went by without it. Let me find out where it is right now.";
  AttuneStore *store = attune_test_store (app);
  AttuneRolePlay *play;
  AttuneConversation *conversation;
  GtkWidget *view;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autofree char *in_debrief = NULL;

  g_settings_set_boolean (attune_test_settings (), "write-own-reply", TRUE);
  g_assert_true (attune_window_start_scenario (window (), "late-parcel"));
  play = attune_window_get_role_play (window ());
  conversation = attune_role_play_get_conversation (play);
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  view = attune_test_find_widget (GTK_WIDGET (play), GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_nonnull (view);
  /* No replies yet: nothing to choose. */
  g_assert_false (attune_role_play_choose (play, 0));
  g_assert_null (find_class (GTK_WIDGET (play), "attune-choice"));
  g_free (attune_test_render_png (GTK_WIDGET (window ()), "role-play-own-reply"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), words, -1);
  /* Ctrl+Enter in the box shows the replies. */
  gtk_widget_grab_focus (view);
  attune_test_press (view, GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_nonnull (find_class (GTK_WIDGET (play), "attune-choice"));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (play), words, FALSE));
  /* The focus is on the learner's words, not on a reply. */
  g_assert_false (GTK_IS_BUTTON (focus ()));
  attune_test_press (focus (), GDK_KEY_1, 0);
  g_assert_cmpuint (attune_conversation_get_steps (conversation)->len, ==, 1);
  /* The rest by the replies alone, the toggle turned off for this one. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (attune_test_find_widget (GTK_WIDGET (play), GTK_TYPE_TOGGLE_BUTTON, NULL)), FALSE);
  continue_by_keyboard (play);
  for (guint i = 0; i < 60 && !attune_conversation_is_finished (conversation); i++)
    {
      attune_test_press (focus (), GDK_KEY_1, 0);
      continue_by_keyboard (play);
    }
  g_assert_true (attune_conversation_is_finished (conversation));
  in_debrief = g_strdup_printf (_("Your own words: “%s”"), words);
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (play), in_debrief, FALSE));
  attune_test_flush (attune_role_play_get_practice (play));
  attempts = attune_store_list_attempts (store, attune_test_profile (app), 1, NULL);
  choices = attune_store_list_choices (store, ((AttuneAttemptRecord *) attempts->pdata[0])->id, NULL);
  g_assert_cmpstr (((AttuneChoiceRecord *) choices->pdata[0])->own_reply, ==, words);
  g_assert_null (((AttuneChoiceRecord *) choices->pdata[1])->own_reply);
  g_settings_reset (attune_test_settings (), "write-own-reply");
  attune_role_play_leave (play);
}

static void
assert_all_named (GtkWidget  *root,
                  const char *view)
{
  g_autofree char *unnamed = NULL;
  guint n_checked = 0;

  attune_test_wait_for_frame (root);
  unnamed = attune_test_unnamed_controls (root, &n_checked);
  g_test_message ("%s: %u interactive controls", view, n_checked);
  g_assert_cmpuint (n_checked, >, 2);
  if (*unnamed != '\0')
    g_printerr ("Unnamed in %s:\n%s", view, unnamed);
  g_assert_cmpstr (unnamed, ==, "");
}

/* An accessibility-tree walk of every view: no interactive control
 * without a name a screen reader can say. */
static void
test_every_control_named (void)
{
  AttuneRolePlay *play;
  AttuneConversation *conversation;
  GtkWindow *lesson;

  attune_window_show_view (window (), "learn");
  assert_all_named (GTK_WIDGET (window ()), "Learn");
  attune_window_show_view (window (), "practise");
  assert_all_named (GTK_WIDGET (window ()), "Practise");
  attune_window_show_view (window (), "progress");
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  assert_all_named (GTK_WIDGET (window ()), "Progress");

  g_assert_true (attune_window_start_scenario (window (), "late-parcel"));
  play = attune_window_get_role_play (window ());
  conversation = attune_role_play_get_conversation (play);
  assert_all_named (GTK_WIDGET (window ()), "role-play");
  attune_test_press (focus (), GDK_KEY_1, 0);
  assert_all_named (GTK_WIDGET (window ()), "feedback");
  /* A chip opens its lesson over the role-play; closing it returns. */
  gtk_widget_activate_action (GTK_WIDGET (play), "role-play.open-lesson", "s", "acknowledge-the-impact");
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    lesson = NULL;
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

        if (gtk_window_get_transient_for (candidate) == GTK_WINDOW (window ()) && ADW_IS_WINDOW (candidate))
          lesson = candidate;
      }
  }
  g_assert_nonnull (lesson);
  attune_test_wait_for_frame (GTK_WIDGET (lesson));
  assert_all_named (GTK_WIDGET (lesson), "lesson over the role-play");
  g_free (attune_test_render_png (GTK_WIDGET (lesson), "role-play-lesson-aside"));
  gtk_window_destroy (lesson);
  g_assert_true (attune_window_get_role_play (window ()) == play);
  g_assert_true (attune_role_play_get_conversation (play) == conversation);
  g_assert_cmpstr (attune_window_get_view (window ()), ==, "practise");

  continue_by_keyboard (play);
  for (guint i = 0; i < 60 && !attune_conversation_is_finished (conversation); i++)
    {
      attune_test_press (focus (), GDK_KEY_1, 0);
      continue_by_keyboard (play);
    }
  assert_all_named (GTK_WIDGET (window ()), "debrief");
  attune_role_play_leave (play);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

        if (g_str_equal (G_OBJECT_TYPE_NAME (candidate), "AttunePreferencesWindow"))
          {
            assert_all_named (GTK_WIDGET (candidate), "Preferences");
            gtk_window_destroy (candidate);
            break;
          }
      }
  }
}

static gboolean
have_report (gpointer data)
{
  return attune_progress_model_get_report (data) != NULL;
}

/* Practise Next keeps to the filters; the cards say which were played. */
static void
test_practise_next_filtered (void)
{
  AttuneScenarioPicker *picker;
  const char *next;

  attune_window_show_view (window (), "practise");
  picker = ATTUNE_SCENARIO_PICKER (attune_test_find_widget (GTK_WIDGET (window ()), ATTUNE_TYPE_SCENARIO_PICKER, NULL));
  g_assert_nonnull (picker);
  attune_test_wait_until (have_report, attune_window_get_progress (window ()));
  for (guint level = 1; level <= 3; level++)
    {
      attune_scenario_picker_set_filters (picker, -1, level);
      next = attune_scenario_picker_get_next (picker);
      g_assert_nonnull (next);
      g_assert_cmpuint (attune_scenario_get_difficulty (attune_library_find_scenario (attune_test_library (app), next)), ==, level);
    }
  attune_test_wait_for_frame (GTK_WIDGET (window ()));
  /* Every role-play was played above, and the cards say so. */
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (picker), _("Played"), TRUE));
  g_assert_null (attune_test_find_label (GTK_WIDGET (picker), _("Not played yet"), TRUE));
  g_free (attune_test_render_png (GTK_WIDGET (window ()), "practise-filtered-statuses"));
  attune_scenario_picker_set_filters (picker, -1, 0);
}

/* Contrast measured from rendered pixels, light and dark: every label
 * in view in the role-play after a reply (the customer's line, the
 * feedback card, the mood) and in the debrief at 4.5:1 or more, and the
 * focus rings of the feedback card, a reply and Try Again at 3:1 or more. */
static void
test_contrast (void)
{
  static const char *schemes[] = { "light", "dark" };

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      AttuneRolePlay *play;
      AttuneConversation *conversation;
      g_autoptr(AttuneScenarioAnalysis) analysis = NULL;
      g_autofree char *what = NULL;
      GtkWidget *card, *reply, *again;
      double lowest;

      g_settings_set_string (attune_test_settings (), "color-scheme", schemes[s]);
      g_assert_true (attune_window_start_scenario (window (), "late-parcel"));
      play = attune_window_get_role_play (window ());
      conversation = attune_role_play_get_conversation (play);
      analysis = attune_scenario_analyse (attune_conversation_get_scenario (conversation));
      attune_test_wait_for_frame (GTK_WIDGET (window ()));

      /* A reply's ring, then the feedback after the best reply. */
      reply = find_class (GTK_WIDGET (play), "attune-choice");
      g_assert_nonnull (reply);
      attune_test_assert_ring (GTK_WIDGET (window ()), reply, "reply", schemes[s]);

      attune_test_press (focus (), GDK_KEY_1 + shown_position (conversation, g_array_index (analysis->best_path, guint, 0)), 0);
      attune_test_wait_for_frame (GTK_WIDGET (window ()));
      card = focus ();
      g_assert_true (gtk_widget_has_css_class (card, "attune-feedback"));
      g_free (what), what = g_strdup_printf ("feedback card, %s", schemes[s]);
      lowest = attune_test_text_contrast (GTK_WIDGET (window ()), card, what);
      g_assert_cmpfloat (lowest, >=, 4.5);
      g_free (what), what = g_strdup_printf ("role-play after a reply, %s", schemes[s]);
      lowest = attune_test_text_contrast (GTK_WIDGET (window ()), GTK_WIDGET (play), what);
      g_assert_cmpfloat (lowest, >=, 4.5);
      attune_test_assert_ring (GTK_WIDGET (window ()), card, "feedback", schemes[s]);

      /* The rest of the best path, then the debrief. */
      attune_test_press (card, GDK_KEY_Return, 0);
      for (guint i = 1; i < analysis->best_path->len; i++)
        {
          attune_test_wait_for_frame (GTK_WIDGET (window ()));
          attune_test_press (focus (), GDK_KEY_1 + shown_position (conversation, g_array_index (analysis->best_path, guint, i)), 0);
          attune_test_wait_for_frame (GTK_WIDGET (window ()));
          attune_test_press (focus (), GDK_KEY_Return, 0);
        }
      g_assert_true (attune_conversation_is_finished (conversation));
      attune_test_wait_for_frame (GTK_WIDGET (window ()));
      g_free (what), what = g_strdup_printf ("debrief, %s", schemes[s]);
      lowest = attune_test_text_contrast (GTK_WIDGET (window ()), GTK_WIDGET (play), what);
      g_assert_cmpfloat (lowest, >=, 4.5);
      again = find_class (GTK_WIDGET (play), "suggested-action");
      g_assert_nonnull (again);
      attune_test_assert_ring (GTK_WIDGET (window ()), again, "try-again", schemes[s]);
      attune_role_play_leave (play);
    }
  g_settings_reset (attune_test_settings (), "color-scheme");
}

static guint
count_class (GtkWidget  *root,
             const char *css_class)
{
  guint n = gtk_widget_has_css_class (root, css_class);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_class (child, css_class);
  return n;
}

/* The debrief is a widget of its own, built from a finished conversation
 * (no window, no store): a spoken top, a row per decision, and nothing
 * left behind when it goes. */
static void
test_debrief_alone (void)
{
  AttuneLibrary *library = attune_test_library (app);
  AttuneScenario *scenario = attune_library_find_scenario (library, "late-parcel");
  g_autoptr(AttuneConversation) conversation = attune_conversation_new (scenario);
  g_autoptr(AttuneScenarioAnalysis) analysis = attune_scenario_analyse (scenario);
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *debrief, *top;
  g_autofree char *own_line = NULL;

  for (guint i = 0; i < analysis->best_path->len; i++)
    g_assert_nonnull (attune_conversation_choose (conversation, g_array_index (analysis->best_path, guint, i), NULL));
  g_assert_true (attune_conversation_is_finished (conversation));
  g_ptr_array_add (own, g_strdup ("I am so sorry about the birthday."));

  debrief = g_object_ref_sink (attune_role_play_debrief_new (library, conversation, own));
  top = attune_role_play_debrief_get_top (ATTUNE_ROLE_PLAY_DEBRIEF (debrief));
  g_assert_true (gtk_widget_is_ancestor (top, debrief));
  g_assert_true (gtk_widget_get_focusable (top));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (top), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_cmpuint (count_class (debrief, "attune-decision"), ==, analysis->best_path->len);
  own_line = g_strdup_printf (_("Your own words: “%s”"), "I am so sorry about the birthday.");
  g_assert_nonnull (attune_test_find_label (debrief, own_line, FALSE));
  g_assert_nonnull (attune_test_find_label (debrief, _("Strong reply"), FALSE));
  g_assert_null (attune_test_find_label (debrief, _("Weak reply"), FALSE));
  g_assert_finalize_object (debrief);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_free (attune_test_isolate_database ());
  app = attune_test_new_application ();
  g_settings_set_int (attune_test_settings (), "window-width", 1000);
  g_settings_set_int (attune_test_settings (), "window-height", 760);
  g_application_activate (G_APPLICATION (app));
  attune_test_wait_until (attune_test_app_ready, app);

  g_test_add_func ("/role-play/play-to-the-end", test_play_to_the_end);
  g_test_add_func ("/role-play/retry-and-leave", test_retry_and_leave);
  g_test_add_func ("/role-play/every-scenario-by-keyboard", test_every_scenario_by_keyboard);
  g_test_add_func ("/role-play/learner-paths", test_learner_paths);
  g_test_add_func ("/role-play/assessment-mode", test_assessment_mode);
  g_test_add_func ("/role-play/accessibility", test_accessibility);
  g_test_add_func ("/role-play/narrow", test_narrow);
  g_test_add_func ("/role-play/large-text-short-window", test_large_text_short_window);
  g_test_add_func ("/role-play/own-reply", test_own_reply);
  g_test_add_func ("/role-play/every-control-named", test_every_control_named);
  g_test_add_func ("/role-play/practise-next-filtered", test_practise_next_filtered);
  g_test_add_func ("/role-play/contrast", test_contrast);
  g_test_add_func ("/role-play/debrief-alone", test_debrief_alone);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
