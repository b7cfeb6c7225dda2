/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_PROBLEM (attune_problem_get_type ())
G_DECLARE_FINAL_TYPE (AttuneProblem, attune_problem, ATTUNE, PROBLEM, GObject)

AttuneProblem *attune_problem_new        (const char    *file,
                                          guint          line,
                                          const char    *message);
AttuneProblem *attune_problem_new_warning (const char    *file,
                                          guint          line,
                                          const char    *message);
gboolean       attune_problem_is_warning (AttuneProblem *self);
const char    *attune_problem_get_file   (AttuneProblem *self);
guint          attune_problem_get_line   (AttuneProblem *self);
const char    *attune_problem_get_message (AttuneProblem *self);
char          *attune_problem_to_string  (AttuneProblem *self);
void           attune_problem_set_related (AttuneProblem *self,
                                          const char    *file,
                                          guint          line,
                                          const char    *message);
const char    *attune_problem_get_related_file (AttuneProblem *self);
char          *attune_problem_related_to_string (AttuneProblem *self);

void           attune_problems_add       (GPtrArray     *problems,
                                          const char    *file,
                                          guint          line,
                                          const char    *format,
                                          ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
