/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers that several views share, so that each is written once.
 */
#include "config.h"

#include "attune-widget-util.h"

/* Removes every child of @box, as views rebuilding their content do. */
void
attune_box_remove_all (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* A label of running text: wrapped at words (or inside a long word),
 * aligned to the start, with an optional style class. */
GtkWidget *
attune_wrapped_label (const char *text,
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

/* Appends @child to @flow so that @child, not the flow box child around
 * it, is what the keyboard reaches: a flow box child is a tab stop with
 * no name of its own. */
void
attune_flow_box_append_unfocusable (GtkFlowBox *flow,
                                    GtkWidget  *child)
{
  gtk_flow_box_append (flow, child);
  gtk_widget_set_focusable (gtk_widget_get_parent (child), FALSE);
}
