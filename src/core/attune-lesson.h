/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ATTUNE_LESSON_GROUP_FOUNDATIONS,
  ATTUNE_LESSON_GROUP_LISTENING,
  ATTUNE_LESSON_GROUP_ACKNOWLEDGING,
  ATTUNE_LESSON_GROUP_RESOLVING,
  ATTUNE_LESSON_GROUP_BOUNDARIES,
  ATTUNE_LESSON_GROUP_SITUATIONS,
  ATTUNE_N_LESSON_GROUPS
} AttuneLessonGroup;

/* A phrase that works or backfires; @reason may be NULL for one that works. */
typedef struct
{
  char *say;
  char *reason;
} AttunePhrase;

typedef struct
{
  gboolean from_customer;
  char *text;
} AttuneExampleLine;

/* A reference to another id, remembered with its line for the lint. */
typedef struct
{
  char *id;
  guint line;
} AttuneReference;

#define ATTUNE_TYPE_LESSON (attune_lesson_get_type ())
G_DECLARE_FINAL_TYPE (AttuneLesson, attune_lesson, ATTUNE, LESSON, GObject)

const char         *attune_lesson_get_id            (AttuneLesson  *self);
const char         *attune_lesson_get_file          (AttuneLesson  *self);
guint               attune_lesson_get_line          (AttuneLesson  *self);
AttuneLessonGroup   attune_lesson_get_group         (AttuneLesson  *self);
guint               attune_lesson_get_order         (AttuneLesson  *self);
const char         *attune_lesson_get_title         (AttuneLesson  *self);
const char         *attune_lesson_get_summary       (AttuneLesson  *self);
const char * const *attune_lesson_get_what          (AttuneLesson  *self);
const char * const *attune_lesson_get_why           (AttuneLesson  *self);
const char * const *attune_lesson_get_how_intro     (AttuneLesson  *self);
const char * const *attune_lesson_get_steps         (AttuneLesson  *self);
GPtrArray          *attune_lesson_get_works         (AttuneLesson  *self);
GPtrArray          *attune_lesson_get_backfires     (AttuneLesson  *self);
const char         *attune_lesson_get_example_setting (AttuneLesson *self);
GPtrArray          *attune_lesson_get_example_lines (AttuneLesson  *self);
const char         *attune_lesson_get_example_comment (AttuneLesson *self);
GPtrArray          *attune_lesson_get_related       (AttuneLesson  *self);
const char * const *attune_lesson_get_sources       (AttuneLesson  *self);
const char         *attune_lesson_get_keywords      (AttuneLesson  *self);
int                 attune_lesson_compare           (gconstpointer  a,
                                                     gconstpointer  b,
                                                     gpointer       user_data);

const char         *attune_lesson_group_to_string   (AttuneLessonGroup group);
const char         *attune_lesson_group_get_label   (AttuneLessonGroup group);

void                attune_reference_free           (AttuneReference *ref);

G_END_DECLS
