/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line of a conversation as a chat bubble: the speaker's name above
 * the words, the customer's lines on the start side and the learner's on
 * the end side. Shared by the role-play, past transcripts and the worked
 * examples of lessons; style.css draws the bubble.
 */
#include "config.h"

#include "attune-chat-bubble.h"
#include "attune-widget-util.h"

/**
 * attune_chat_bubble_new:
 * @speaker: who speaks, shown above the words
 * @words: what they say
 * @from_customer: whether the customer speaks (rather than the learner)
 * @selectable: whether the words can be selected and copied
 *
 * The speaker's name is never selectable, so that it is not selected
 * when a window opens. The words are the bubble's last child.
 *
 * Returns: (transfer floating): a new vertical #GtkBox
 */
GtkWidget *
attune_chat_bubble_new (const char *speaker,
                        const char *words,
                        gboolean    from_customer,
                        gboolean    selectable)
{
  GtkWidget *bubble = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = attune_wrapped_label (speaker, NULL);
  GtkWidget *said = attune_wrapped_label (words, NULL);

  gtk_widget_add_css_class (bubble, "attune-bubble");
  gtk_widget_add_css_class (bubble, from_customer ? "customer" : "agent");
  gtk_widget_set_halign (bubble, from_customer ? GTK_ALIGN_START : GTK_ALIGN_END);
  gtk_widget_set_margin_start (bubble, from_customer ? 0 : 48);
  gtk_widget_set_margin_end (bubble, from_customer ? 48 : 0);
  gtk_widget_add_css_class (name, "caption-heading");
  gtk_label_set_selectable (GTK_LABEL (said), selectable);
  gtk_box_append (GTK_BOX (bubble), name);
  gtk_box_append (GTK_BOX (bubble), said);
  return bubble;
}
