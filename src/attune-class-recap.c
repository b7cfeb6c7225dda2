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

/* A decision as one row of @grid: its number (as on the trainer sheet),
 * the class's letter with its votes, the reply (cut to one line: the
 * printed recap has it whole, and so does its accessible name), and
 * whether it was the strongest; a decision a retry undid says so. */
static void
attach_decision (GtkGrid                   *grid,
                 const AttuneClassDecision *decision,
                 int                        row)
{
  g_autofree char *digit = g_strdup_printf ("%u", decision->number);
  guint total = attune_class_decision_get_total (decision);
  gboolean taken = decision->chosen >= 0;
  guint chosen = taken ? (guint) decision->chosen : decision->best;
  g_autofree char *letter = attune_class_reply_letter (chosen);
  g_autofree char *best = attune_class_reply_letter (decision->best);
  /* A decision the class had not chosen at yet: what the customer said. */
  const char *reply_text = taken ? attune_class_decision_get_choice (decision, chosen)->reply : decision->node->text;
  g_autofree char *votes = NULL;
  g_autofree char *verdict = NULL;
  GtkWidget *reply = text (reply_text, "attune-recap-reply");
  GtkWidget *verdict_label;

  if (!taken)
    /* Translators: on the class's recap, a decision the trainer went back from before the class chose; %u is how many votes were counted */
    votes = g_strdup_printf (ngettext ("No choice yet: %u vote", "No choice yet: %u votes", total), total);
  else if (total > 0)
    /* Translators: on the class's recap; %s is the letter the class chose (see “presenter reply letters”), then its votes, all the votes and their share */
    votes = g_strdup_printf (ngettext ("%s: %u of %u vote (%u%%)", "%s: %u of %u votes (%u%%)", total),
                             letter, decision->votes[chosen], total,
                             attune_class_decision_get_percent (decision, chosen));
  else
    votes = g_strdup (letter);
  if (taken && chosen == decision->best)
    /* Translators: on the class's recap, after the choice: it was the best one */
    verdict = g_strdup (_("★ Strongest"));
  else
    /* Translators: on the class's recap; %s is the letter of the strongest reply (see “presenter reply letters”) */
    verdict = g_strdup_printf (_("Strongest: %s"), best);
  if (decision->undone)
    {
      /* Translators: on the class's recap, after a decision the trainer's retry undid; %s says which reply was strongest */
      g_autofree char *undone = g_strdup_printf (_("%s · undone by a retry"), verdict);

      g_free (verdict);
      verdict = g_steal_pointer (&undone);
    }

  gtk_label_set_wrap (GTK_LABEL (reply), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (reply), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (reply), TRUE);
  gtk_widget_set_tooltip_text (reply, reply_text);
  gtk_widget_set_hexpand (reply, TRUE);
  verdict_label = text (verdict, taken && chosen == decision->best && !decision->undone ? "success" : "dim-label");
  /* Short enough to sit beside the reply; wrapped when a translation is long. */
  gtk_label_set_max_width_chars (GTK_LABEL (verdict_label), 30);
  gtk_grid_attach (grid, text (digit, "attune-presenter-letter"), 0, row, 1, 1);
  gtk_grid_attach (grid, text (votes, "attune-presenter-chosen"), 1, row, 1, 1);
  gtk_grid_attach (grid, reply, 2, row, 1, 1);
  gtk_grid_attach (grid, verdict_label, 3, row, 1, 1);
}

/* The recap of @session; @library names the strategies. */
GtkWidget *
attune_class_recap_new (AttuneClassSession *session,
                        AttuneLibrary      *library)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  AttuneConversation *conversation = attune_class_session_get_conversation (session);
  AttuneScenarioEnding *ending = attune_conversation_get_ending (conversation);
  GArray *history = attune_class_session_get_history (session);
  g_autoptr(GArray) strategies = attune_class_session_get_strategies (session);
  g_autofree char *elapsed = attune_format_elapsed (attune_class_session_get_elapsed (session));
  /* Translators: on the class's recap; %s is how long the session took, like 12:05 */
  g_autofree char *time = g_strdup_printf (_("Time: %s"), elapsed);
  GtkWidget *flow = gtk_flow_box_new ();

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

  /* Each pass through the role-play, with the decisions a retry undid:
   * their votes are kept for the end of the session. */
  for (guint pass = 1; pass <= attune_class_session_get_n_passes (session); pass++)
    {
      g_autofree char *title = attune_class_session_get_pass_title (session, pass);
      GtkWidget *grid = gtk_grid_new ();
      int row = 0;

      gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
      for (guint d = 0; d < history->len; d++)
        if (g_array_index (history, AttuneClassDecision, d).pass == pass)
          attach_decision (GTK_GRID (grid), &g_array_index (history, AttuneClassDecision, d), row++);
      if (row == 0)
        {
          g_object_ref_sink (grid);
          g_object_unref (grid);
          continue;
        }
      gtk_box_append (GTK_BOX (box), heading (title));
      gtk_box_append (GTK_BOX (box), grid);
    }

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
