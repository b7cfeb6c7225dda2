/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing a handout through GtkPrintOperation: the print dialog, then the
 * pages AttuneHandoutLayout lays out, the same as `attune --print` writes.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attune-handout-layout.h"
#include "attune-print.h"

static void
begin_print (GtkPrintOperation   *operation,
             GtkPrintContext     *context,
             AttuneHandoutLayout *layout)
{
  guint pages = attune_handout_layout_paginate (layout, gtk_print_context_get_cairo_context (context),
                                                gtk_print_context_get_width (context),
                                                gtk_print_context_get_height (context),
                                                /* The printer's own margins are outside the context. */
                                                18);

  gtk_print_operation_set_n_pages (operation, (int) pages);
}

static void
draw_page (GtkPrintOperation   *operation,
           GtkPrintContext     *context,
           int                  page,
           AttuneHandoutLayout *layout)
{
  attune_handout_layout_draw_page (layout, gtk_print_context_get_cairo_context (context), (guint) page);
}

/* A print operation for @handout, in points, A4 unless the user picks another paper. */
GtkPrintOperation *
attune_print_operation_new (AttuneHandout *handout)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  AttuneHandoutLayout *layout = attune_handout_layout_new (handout);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, attune_handout_get_title (handout));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), layout);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), layout);
  g_object_set_data_full (G_OBJECT (operation), "attune-layout", layout, g_object_unref);
  return operation;
}

/* Shows the print dialog for @handout; printing goes on in the background. */
void
attune_print_handout (GtkWindow     *parent,
                      AttuneHandout *handout)
{
  g_autoptr(GtkPrintOperation) operation = attune_print_operation_new (handout);
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_allow_async (operation, TRUE);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    attune_print_show_error (parent, _("Could Not Print"), error->message);
}

/* Says what went wrong, in a dialog over @parent. */
void
attune_print_show_error (GtkWindow  *parent,
                         const char *heading,
                         const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
