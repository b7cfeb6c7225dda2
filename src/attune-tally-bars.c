/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A class's votes at one decision as bars, big enough to read from the
 * back of the room: per reply its letter, a bar, and the count with its
 * share in words, so that nothing rests on colour alone.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-tally-bars.h"

/* The tally of @decision, by letter as shown; %NULL shows nothing. */
GtkWidget *
attune_tally_bars_new (const AttuneClassDecision *decision)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  guint total;
  g_autofree char *summary = NULL;

  gtk_widget_add_css_class (box, "attune-tally");
  if (decision == NULL)
    return box;
  total = attune_class_decision_get_total (decision);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < decision->n_shown; i++)
    {
      g_autofree char *letter = attune_class_reply_letter (i);
      guint percent = attune_class_decision_get_percent (decision, i);
      /* Translators: the votes for one reply in the class's tally; %u a count, then its share */
      g_autofree char *count = g_strdup_printf (ngettext ("%u vote · %u%%", "%u votes · %u%%", decision->votes[i]),
                                                decision->votes[i], percent);
      /* Translators: read out for a bar of the tally; %s is the reply's letter (see “presenter reply letters”), then the votes and their share */
      g_autofree char *spoken = g_strdup_printf (ngettext ("Reply %s: %u vote, %u%%", "Reply %s: %u votes, %u%%",
                                                           decision->votes[i]), letter, decision->votes[i], percent);
      GtkWidget *name = gtk_label_new (letter);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (total, 1));
      GtkWidget *value = gtk_label_new (count);

      gtk_widget_add_css_class (name, "attune-presenter-letter");
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), decision->votes[i]);
      /* The default offsets would colour a bar by its value; one colour will do. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (bar, "attune-tally-bar");
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_width_chars (GTK_LABEL (value), 12);
      gtk_widget_add_css_class (value, "attune-tally-count");
      gtk_widget_add_css_class (value, "numeric");
      gtk_grid_attach (GTK_GRID (grid), name, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), bar, 1, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 2, (int) i, 1, 1);
    }
  /* Translators: under the class's tally; %u is how many hands were counted */
  summary = g_strdup_printf (ngettext ("%u vote counted", "%u votes counted", total), total);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), gtk_label_new (summary));
  gtk_label_set_xalign (GTK_LABEL (gtk_widget_get_last_child (box)), 0);
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  return box;
}
