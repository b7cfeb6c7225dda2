/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "attune-handout.h"

G_BEGIN_DECLS

GtkPrintOperation *attune_print_operation_new (AttuneHandout *handout);
void               attune_print_handout       (GtkWindow     *parent,
                                               AttuneHandout *handout);
void               attune_print_show_error    (GtkWindow     *parent,
                                               const char    *heading,
                                               const char    *message);

G_END_DECLS
