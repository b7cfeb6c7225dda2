/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       attune_box_remove_all (GtkBox     *box);
GtkWidget *attune_wrapped_label  (const char *text,
                                  const char *css_class);
void       attune_flow_box_append_unfocusable (GtkFlowBox *flow,
                                               GtkWidget  *child);

G_END_DECLS
