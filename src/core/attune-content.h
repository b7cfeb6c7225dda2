/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "attune-lesson.h"
#include "attune-scenario.h"

G_BEGIN_DECLS

/* A set of loaded content, before or after cross-checking. */
typedef struct
{
  GPtrArray *lessons;    /* AttuneLesson */
  GPtrArray *scenarios;  /* AttuneScenario */
  GPtrArray *problems;   /* AttuneProblem */
  GPtrArray *warnings;   /* AttuneProblem warnings, when checking */
  /* Set by `attune --validate`: each scenario that loads gets its
   * authoring warnings as it is read, then keeps only what
   * cross-checking needs (_attune_scenario_release_texts()). */
  gboolean checking;
} AttuneContentSet;

AttuneContentSet *attune_content_set_new          (void);
void              attune_content_set_free         (AttuneContentSet *set);
void              attune_content_collect_files    (const char       *path,
                                                   gboolean          missing_ok,
                                                   GPtrArray        *files,
                                                   GPtrArray        *problems);
void              attune_content_load_file        (AttuneContentSet *set,
                                                   const char       *path);
void              attune_content_load_data        (AttuneContentSet *set,
                                                   const char       *data,
                                                   gsize             length,
                                                   const char       *name);
void              attune_content_load_files       (AttuneContentSet *set,
                                                   GPtrArray        *files,
                                                   guint             max_threads,
                                                   GCancellable     *cancellable);
void              attune_content_set_cross_check  (AttuneContentSet *set,
                                                   GPtrArray        *reference_lessons);
void              attune_content_load_file_async  (const char       *path,
                                                   GPtrArray        *reference_lessons,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
AttuneContentSet *attune_content_load_file_finish (GAsyncResult     *result,
                                                   GError          **error);
guint             attune_problems_count_files     (GPtrArray        *problems);
void              attune_content_init             (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneContentSet, attune_content_set_free)

G_END_DECLS
