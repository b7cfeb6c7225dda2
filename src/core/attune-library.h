/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "attune-lesson.h"
#include "attune-scenario.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_LIBRARY (attune_library_get_type ())
G_DECLARE_FINAL_TYPE (AttuneLibrary, attune_library, ATTUNE, LIBRARY, GObject)

AttuneLibrary  *attune_library_new             (void);
void            attune_library_add_folder      (AttuneLibrary        *self,
                                                const char           *path,
                                                gboolean              missing_ok);
void            attune_library_clear_folders   (AttuneLibrary        *self);
void            attune_library_add_standard_folders (AttuneLibrary   *self);
void            attune_library_load            (AttuneLibrary        *self);
void            attune_library_load_async      (AttuneLibrary        *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        attune_library_load_finish     (AttuneLibrary        *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean        attune_library_get_loaded      (AttuneLibrary        *self);
GListModel     *attune_library_get_lessons     (AttuneLibrary        *self);
GListModel     *attune_library_get_scenarios   (AttuneLibrary        *self);
GListModel     *attune_library_get_problems    (AttuneLibrary        *self);
guint           attune_library_get_n_bad_files (AttuneLibrary        *self);
AttuneLesson   *attune_library_find_lesson     (AttuneLibrary        *self,
                                                const char           *id);
AttuneScenario *attune_library_find_scenario   (AttuneLibrary        *self,
                                                const char           *id);

guint           attune_library_count_scenarios_practising (AttuneLibrary *self,
                                                           const char    *strategy);

gboolean        attune_library_is_user_content (AttuneLibrary        *self,
                                                const char           *file);
const char     *attune_content_dir             (void);
GStrv           attune_library_dup_standard_folders (void);

G_END_DECLS
