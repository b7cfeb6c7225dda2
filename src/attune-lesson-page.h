/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-library.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_LESSON_PAGE (attune_lesson_page_get_type ())
G_DECLARE_FINAL_TYPE (AttuneLessonPage, attune_lesson_page, ATTUNE, LESSON_PAGE, GtkWidget)

void          attune_lesson_page_set_lesson (AttuneLessonPage *self,
                                             AttuneLibrary    *library,
                                             AttuneLesson     *lesson);
AttuneLesson *attune_lesson_page_get_lesson (AttuneLessonPage *self);
void          attune_lesson_page_set_status (AttuneLessonPage *self,
                                             const char       *text);

G_END_DECLS
