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

#include <glib/gi18n.h>

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
                                      "<span size=\"small\" alpha=\"65%%\">%s</span>",
                                      title, summary, detail);
  else
    markup = g_markup_printf_escaped ("<span weight=\"bold\">%s</span>\n"
                                      "<span size=\"small\" alpha=\"70%%\">%s</span>",
                                      title, summary);

  gtk_widget_set_name (card, id);
  gtk_label_set_text (GTK_LABEL (header), heading != NULL ? heading : "");
  gtk_widget_set_visible (header, heading != NULL);
  gtk_label_set_markup (GTK_LABEL (card), markup);
  g_object_set_data_full (G_OBJECT (card), "markup", g_steal_pointer (&markup), g_free);
  g_object_set_data_full (G_OBJECT (card), "title", g_strdup (title), g_free);
  gtk_widget_set_tooltip_text (card, compact ? summary : NULL);
  /* A screen reader reads the title, then the summary. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}


/* Adds a status line under a row filled by attune_list_row_fill ("Played",
 * "Read · Learning"), in words, and to the name a screen reader reads.
 * Takes @status; NULL shows none. */
void
attune_list_row_set_status (GtkListItem *item,
                            char        *status)
{
  GtkWidget *card = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "card");
  const char *markup = g_object_get_data (G_OBJECT (card), "markup");
  const char *title = g_object_get_data (G_OBJECT (card), "title");
  g_autofree char *full = NULL;
  g_autofree char *name = NULL;

  if (status == NULL || markup == NULL)
    {
      g_free (status);
      return;
    }
  /* The row's markup is escaped already: only the status is new. */
  {
    g_autofree char *escaped = g_markup_escape_text (status, -1);

    full = g_strdup_printf ("%s\n<span size=\"small\" weight=\"bold\">%s</span>", markup, escaped);
  }
  gtk_label_set_markup (GTK_LABEL (card), full);
  /* Translators: a list row read out: its title, then its status */
  name = g_strdup_printf (C_("row read out", "%s, %s"), title, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_free (status);
}

/* Binds every visible row again, after the statuses they show changed. */
void
attune_list_row_rebind (GtkListView *list)
{
  g_autoptr(GtkListItemFactory) factory = g_object_ref (gtk_list_view_get_factory (list));

  gtk_list_view_set_factory (list, NULL);
  gtk_list_view_set_factory (list, factory);
}
