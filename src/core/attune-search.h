/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "attune-lesson.h"

G_BEGIN_DECLS

/* How much a match counts, by where it is found. */
typedef enum
{
  ATTUNE_SEARCH_WEIGHT_BODY = 1,
  ATTUNE_SEARCH_WEIGHT_SUMMARY = 3,
  ATTUNE_SEARCH_WEIGHT_KEYWORDS = 5,
  ATTUNE_SEARCH_WEIGHT_TITLE = 10,
} AttuneSearchWeight;

char  *attune_search_fold          (const char    *text);
GStrv  attune_search_parse_query   (const char    *query);
guint  attune_search_score_lesson  (AttuneLesson  *lesson,
                                    const char * const *terms);

G_END_DECLS
