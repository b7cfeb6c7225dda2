/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *attune_chat_bubble_new (const char *speaker,
                                   const char *words,
                                   gboolean    from_customer,
                                   gboolean    selectable);

G_END_DECLS
