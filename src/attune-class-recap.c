/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The class's recap, for the projected screen: the outcome, the time, the
 * path the class took with the votes at each decision, and the strategies
 * it showed and missed. Words and signs say it all; colour only helps.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-class-recap.h"
#include "attune-handout.h"
#include "attune-widget-util.h"

static GtkWidget *
text (const char *string,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (string);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
heading (const char *string)
{
  GtkWidget *label = text (string, "title-3");

  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, string, -1);
  gtk_widget_set_margin_top (label, 12);
  return label;
}

/* A decision as one row of @grid: its number, the class's letter with its
 * votes, the reply (cut to one line: the printed recap has it whole), and
 * whether it was the strongest. */
static void
attach_decision (GtkGrid                   *grid,
                 const AttuneClassDecision *decision,
                 guint                      number)
{
  g_autofree char *digit = g_strdup_printf ("%u", number);
  guint total = attune_class_decision_get_total (decision);
  guint chosen = (guint) decision->chosen;
  g_autofree char *votes = NULL;
  g_autofree char *verdict = NULL;
  GtkWidget *reply = text (attune_class_decision_get_choice (decision, chosen)->reply, "attune-recap-reply");

  if (total > 0)
    /* Translators: on the class's recap; %c is the letter the class chose, then its votes, all the votes and their share */
    votes = g_strdup_printf (ngettext ("%c: %u of %u vote (%u%%)", "%c: %u of %u votes (%u%%)", total),
                             'A' + chosen, decision->votes[chosen], total,
                             attune_class_decision_get_percent (decision, chosen));
  else
    votes = g_strdup_printf ("%c", 'A' + chosen);
  if (chosen == decision->best)
    /* Translators: on the class's recap, after the choice: it was the best one */
    verdict = g_strdup (_("★ Strongest"));
  else
    /* Translators: on the class's recap; %c is the letter of the strongest reply */
    verdict = g_strdup_printf (_("Strongest: %c"), 'A' + decision->best);

  gtk_label_set_wrap (GTK_LABEL (reply), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (reply), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (reply), TRUE);
  gtk_widget_set_hexpand (reply, TRUE);
  gtk_grid_attach (grid, text (digit, "attune-presenter-letter"), 0, (int) number, 1, 1);
  gtk_grid_attach (grid, text (votes, "attune-presenter-chosen"), 1, (int) number, 1, 1);
  gtk_grid_attach (grid, reply, 2, (int) number, 1, 1);
  gtk_grid_attach (grid, text (verdict, chosen == decision->best ? "success" : "dim-label"), 3, (int) number, 1, 1);
}

/* The recap of @session; @library names the strategies. */
GtkWidget *
attune_class_recap_new (AttuneClassSession *session,
                        AttuneLibrary      *library)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  AttuneConversation *conversation = attune_class_session_get_conversation (session);
  AttuneScenarioEnding *ending = attune_conversation_get_ending (conversation);
  GArray *decisions = attune_class_session_get_decisions (session);
  g_autoptr(GArray) strategies = attune_class_session_get_strategies (session);
  g_autofree char *elapsed = attune_format_elapsed (attune_class_session_get_elapsed (session));
  /* Translators: on the class's recap; %s is how long the session took, like 12:05 */
  g_autofree char *time = g_strdup_printf (_("Time: %s"), elapsed);
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *grid = gtk_grid_new ();

  gtk_widget_add_css_class (box, "attune-recap");
  gtk_box_append (GTK_BOX (box), text (_("The class’s recap"), "attune-presenter-name"));
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 32);

    if (ending != NULL)
      {
        /* Translators: how the class's role-play ended; %s is the outcome, such as Resolved */
        g_autofree char *outcome = g_strdup_printf (_("Outcome: %s"), attune_outcome_get_label (ending->outcome));

        gtk_box_append (GTK_BOX (row), text (outcome, "attune-recap-outcome"));
      }
    gtk_box_append (GTK_BOX (row), text (time, "dim-label"));
    gtk_widget_set_valign (gtk_widget_get_last_child (row), GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (box), row);
  }

  gtk_box_append (GTK_BOX (box), heading (_("The path and the votes")));
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  for (guint d = 0; d < decisions->len; d++)
    attach_decision (GTK_GRID (grid), &g_array_index (decisions, AttuneClassDecision, d), d + 1);
  gtk_box_append (GTK_BOX (box), grid);

  gtk_box_append (GTK_BOX (box), heading (_("Strategies")));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 8);
  for (guint i = 0; i < strategies->len; i++)
    {
      AttuneStrategyTally *entry = &g_array_index (strategies, AttuneStrategyTally, i);
      g_autofree char *label = NULL;

      if (entry->total == 0)
        continue;
      label = g_strdup_printf (entry->total > 0
                               /* Translators: a strategy the class showed, on its recap */
                               ? _("✓ Shown: %s")
                               /* Translators: a strategy the class missed, on its recap */
                               : _("✗ Missed: %s"), attune_strategy_title (library, entry->strategy));
      attune_flow_box_append_unfocusable (GTK_FLOW_BOX (flow), text (label, entry->total > 0 ? "attune-recap-shown" : "attune-recap-missed"));
    }
  gtk_box_append (GTK_BOX (box), flow);
  return box;
}
