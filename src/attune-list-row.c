/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of Attune's lists (lessons, role-plays), shared by every
 * GtkListView that shows them.
 *
 * List rows are recycled by GtkListView, so only the visible ones are
 * built and measured: with long, wrapping summaries that is most of the
 * cost of the first frame. Each row is a card holding a title, a summary
 * and an optional suffix, with a group heading above it when it starts a
 * new group.
 */
#include "config.h"

#include "attune-list-row.h"

void
attune_list_row_setup (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkWidget *root = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = g_object_new (GTK_TYPE_LABEL,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                    "xalign", 0.0f,
                                    "wrap", TRUE,
                                    NULL);
  /* One label per row, title and summary in markup: half the widgets and
   * measurements of a title label plus a summary label. */
  GtkWidget *card = g_object_new (GTK_TYPE_LABEL,
                                  "xalign", 0.0f,
                                  "wrap", TRUE,
                                  "wrap-mode", PANGO_WRAP_WORD,
                                  "use-markup", TRUE,
                                  NULL);

  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "attune-group-heading");
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "attune-row");
  gtk_box_append (GTK_BOX (root), header);
  gtk_box_append (GTK_BOX (root), card);

  g_object_set_data (G_OBJECT (root), "header", header);
  g_object_set_data (G_OBJECT (root), "card", card);
  gtk_list_item_set_child (item, root);
}

/* Fills a row made by attune_list_row_setup(). @heading and @detail may
 * be NULL. A compact row shows only the title (a sidebar: a third of the
 * layout work at start-up); the summary is then its tooltip, and for
 * screen readers its description either way. */
void
attune_list_row_fill (GtkListItem *item,
                      const char  *id,
                      const char  *heading,
                      const char  *title,
                      const char  *summary,
                      const char  *detail,
                      gboolean     compact)
{
  GtkWidget *root = gtk_list_item_get_child (item);
  GtkWidget *card = g_object_get_data (G_OBJECT (root), "card");
  GtkWidget *header = g_object_get_data (G_OBJECT (root), "header");
  g_autofree char *markup = NULL;

  if (compact)
    markup = g_markup_printf_escaped ("<span weight=\"bold\">%s</span>", title);
  else if (detail != NULL)
    markup = g_markup_printf_escaped ("<span weight=\"bold\">%s</span>\n"
                                      "<span size=\"small\" alpha=\"70%%\">%s</span>\n"
                                      "<span size=\"small\" alpha=\"55%%\">%s</span>",
                                      title, summary, detail);
  else
    markup = g_markup_printf_escaped ("<span weight=\"bold\">%s</span>\n"
                                      "<span size=\"small\" alpha=\"70%%\">%s</span>",
                                      title, summary);

  gtk_widget_set_name (card, id);
  gtk_label_set_text (GTK_LABEL (header), heading != NULL ? heading : "");
  gtk_widget_set_visible (header, heading != NULL);
  gtk_label_set_markup (GTK_LABEL (card), markup);
  gtk_widget_set_tooltip_text (card, compact ? summary : NULL);
  /* A screen reader reads the title, then the summary. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

