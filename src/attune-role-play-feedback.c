/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The role-play's feedback after a choice: the verdict first (an icon
 * and words: "Good reply", "Partly right", "Missed the mark"), the mood
 * change in words ("Tomasz is calmer."), the feedback, then compact chips
 * for the strategies shown or missed, which wrap and open their lessons.
 * The card takes the focus with all of it as its name, so that a screen
 * reader reads it as it appears. Also the small helpers the role-play and
 * its debrief share.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-role-play-private.h"
#include "attune-widget-util.h"

/* Makes @widget a tab stop whose accessible name is @spoken, so that a
 * screen reader reads all of it when the focus moves there. */
void
_attune_role_play_make_spoken (GtkWidget  *widget,
                               const char *spoken)
{
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_add_css_class (widget, "attune-spoken");
  if (spoken != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/* A button whose label wraps, so that a long translation never makes
 * the role-play wider than a 360 px window. */
GtkWidget *
_attune_role_play_wrapping_button (const char *mnemonic)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  return button;
}

/* Compact chips naming the strategies a choice (or the whole
 * conversation) showed or missed; they wrap, and each opens its lesson in
 * a window of its own, so that closing it returns to the role-play. */
GtkWidget *
_attune_role_play_strategy_chips (AttuneLibrary *library,
                                  GArray        *tally,
                                  GHashTable    *mixed)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  /* Narrow chips side by side never ask for more than the narrowest
   * window: two a line at most in the natural width, more when there
   * is room. */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_widget_add_css_class (flow, "attune-chips");
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Strategies"), -1);
  for (guint i = 0; i < tally->len; i++)
    {
      AttuneStrategyTally *entry = &g_array_index (tally, AttuneStrategyTally, i);
      AttuneLesson *lesson = attune_library_find_lesson (library, entry->strategy);
      const char *title = lesson != NULL ? attune_lesson_get_title (lesson) : entry->strategy;
      gboolean both = mixed != NULL && g_hash_table_contains (mixed, entry->strategy);
      g_autofree char *words = NULL;
      GtkWidget *chip, *row, *label;

      /* Evidence that cancelled out says nothing either way. */
      if (entry->total == 0 && !both)
        continue;
      /* Translators: a chip after a choice; %s is a lesson title. Shown
       * and missed differ in words and icon, not only colour. */
      words = g_strdup_printf (both ? _("Shown and missed: %s") : entry->total > 0 ? _("Shown: %s") : _("Missed: %s"), title);
      chip = gtk_button_new ();
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      label = attune_wrapped_label (words, NULL);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name (both ? "view-more-horizontal-symbolic"
                                                                   : entry->total > 0 ? "emblem-ok-symbolic"
                                                                   : "window-close-symbolic"));
      gtk_box_append (GTK_BOX (row), label);
      gtk_button_set_child (GTK_BUTTON (chip), row);
      gtk_widget_add_css_class (chip, "attune-chip");
      gtk_widget_add_css_class (chip, both ? "attune-mixed" : entry->total > 0 ? "attune-shown" : "attune-missed");
      /* Translators: what a strategy chip does, read after its name */
      gtk_widget_set_tooltip_text (chip, _("Open the lesson"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "role-play.open-lesson");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (chip), "s", entry->strategy);
      attune_flow_box_append_unfocusable (GTK_FLOW_BOX (flow), chip);
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

/* The mood change in words: "Tomasz is calmer". */
static char *
mood_change (AttuneScenario *scenario,
             AttuneStep     *step)
{
  const char *name = attune_scenario_get_customer_name (scenario);

  if (step->mood_after > step->mood_before)
    /* Translators: after a reply; %s is the customer's name */
    return g_strdup_printf (_("%s is calmer."), name);
  if (step->mood_after < step->mood_before)
    /* Translators: after a reply; %s is the customer's name */
    return g_strdup_printf (_("%s is more upset."), name);
  /* Translators: after a reply; %s is the customer's name */
  return g_strdup_printf (_("%s’s mood has not changed."), name);
}

/* The verdict at a glance, an icon and words, first in the feedback. */
static GtkWidget *
feedback_verdict (AttuneReplyQuality quality,
                  const char       **words)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  const char *icon = quality == ATTUNE_REPLY_STRONG ? "emblem-ok-symbolic"
                     : quality == ATTUNE_REPLY_PARTLY ? "dialog-information-symbolic"
                     : "dialog-warning-symbolic";
  GtkWidget *heading;

  *words = quality == ATTUNE_REPLY_STRONG ? _("Good reply")
           : quality == ATTUNE_REPLY_PARTLY ? _("Partly right")
           : _("Missed the mark");
  heading = g_object_new (GTK_TYPE_LABEL, "label", *words, "xalign", 0.0f, "wrap", TRUE,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_box_append (GTK_BOX (box), heading);
  gtk_widget_add_css_class (box, "attune-verdict");
  gtk_widget_add_css_class (box, quality == ATTUNE_REPLY_STRONG ? "good" : quality == ATTUNE_REPLY_PARTLY ? "partly" : "poor");
  return box;
}

/* Verdict, mood change, the feedback, then the chips. The card is the
 * focus after a choice; its name is all of it, and Enter continues. */
GtkWidget *
_attune_role_play_feedback_card (AttuneLibrary  *library,
                                 AttuneScenario *scenario,
                                 AttuneStep     *step)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autoptr(GArray) tally = tally_of_choice (step->choice);
  g_autofree char *mood = mood_change (scenario, step);
  g_autofree char *spoken = NULL;
  const char *words;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "attune-feedback");
  gtk_box_append (GTK_BOX (card), feedback_verdict (attune_scenario_node_get_quality (step->node, step->choice_index), &words));
  gtk_box_append (GTK_BOX (card), attune_wrapped_label (mood, "heading"));
  gtk_box_append (GTK_BOX (card), attune_wrapped_label (step->choice->feedback, NULL));
  gtk_box_append (GTK_BOX (card), _attune_role_play_strategy_chips (library, tally, NULL));
  /* The hint is part of the name, not a description: Orca 43 read a
   * description twice (build-aux/orca-speech). */
  /* Translators: the feedback after a reply, read out whole by a screen
   * reader: a verdict such as “Good reply”, the mood change, the
   * feedback, then how to go on */
  spoken = g_strdup_printf (C_("feedback read out", "%s. %s %s Press Enter to continue."), words, mood, step->choice->feedback);
  _attune_role_play_make_spoken (card, spoken);
  return card;
}

