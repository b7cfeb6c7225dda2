/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-library.h"
#include "attune-progress-model.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_LESSON_BROWSER (attune_lesson_browser_get_type ())
G_DECLARE_FINAL_TYPE (AttuneLessonBrowser, attune_lesson_browser, ATTUNE, LESSON_BROWSER, GtkWidget)

AttuneLessonBrowser *attune_lesson_browser_new (AttuneLibrary       *library,
                                                AttuneProgressModel *progress);
gboolean    attune_lesson_browser_show_lesson  (AttuneLessonBrowser *self,
                                                const char          *id);
const char *attune_lesson_browser_get_lesson_id (AttuneLessonBrowser *self);
void        attune_lesson_browser_focus_search (AttuneLessonBrowser *self);
gboolean    attune_lesson_browser_go_back      (AttuneLessonBrowser *self);
gboolean    attune_lesson_browser_go_forward   (AttuneLessonBrowser *self);
GListModel *attune_lesson_browser_get_results  (AttuneLessonBrowser *self);

G_END_DECLS
