/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Building a lesson from its XML is the loader's business
 * (attune-content.c): nothing outside the core sees libxml2. */
#include <libxml/tree.h>

#include "attune-lesson.h"

G_BEGIN_DECLS
AttuneLesson       *attune_lesson_new_from_xml      (xmlNode       *root,
                                                     const char    *file);

G_END_DECLS
