/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "attune-lesson.h"
#include "attune-scenario.h"

G_BEGIN_DECLS

/* The longest reply, and the longest customer line, cue, feedback or
 * debrief, in characters. */
#define ATTUNE_LINT_MAX_REPLY 600
#define ATTUNE_LINT_MAX_LINE 1500

void attune_lint_lesson               (AttuneLesson   *lesson,
                                       GPtrArray      *problems);
void attune_lint_scenario             (AttuneScenario *scenario,
                                       GPtrArray      *problems);
void attune_lint_lesson_references    (AttuneLesson   *lesson,
                                       GHashTable     *lesson_ids,
                                       GPtrArray      *problems);
void attune_lint_scenario_references  (AttuneScenario *scenario,
                                       GHashTable     *lesson_ids,
                                       GPtrArray      *problems);

const char *attune_lint_suggest_id   (const char     *wrong,
                                       GPtrArray      *candidates);

G_END_DECLS
