/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void attune_list_row_setup (GtkSignalListItemFactory *factory,
                            GtkListItem              *item,
                            gpointer                  user_data);
void attune_list_row_fill  (GtkListItem              *item,
                            const char               *id,
                            const char               *heading,
                            const char               *title,
                            const char               *summary,
                            const char               *detail,
                            gboolean                  compact);

void attune_list_row_set_status (GtkListItem            *item,
                                 char                   *status);
void attune_list_row_rebind     (GtkListView            *list);

G_END_DECLS
