/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_FOLDER_WATCH (attune_folder_watch_get_type ())
G_DECLARE_FINAL_TYPE (AttuneFolderWatch, attune_folder_watch, ATTUNE, FOLDER_WATCH, GObject)

AttuneFolderWatch *attune_folder_watch_new           (void);
void               attune_folder_watch_set_folders   (AttuneFolderWatch  *self,
                                                      const char * const *roots);
guint              attune_folder_watch_get_n_folders (AttuneFolderWatch  *self);

G_END_DECLS
