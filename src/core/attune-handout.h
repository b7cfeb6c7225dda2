/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "attune-class-session.h"
#include "attune-library.h"

G_BEGIN_DECLS

typedef enum
{
  ATTUNE_BLOCK_TITLE,
  ATTUNE_BLOCK_HEADING,
  ATTUNE_BLOCK_SUBHEADING,
  ATTUNE_BLOCK_PARAGRAPH,
  ATTUNE_BLOCK_QUOTE,      /* what a customer says */
  ATTUNE_BLOCK_BULLET,
  ATTUNE_BLOCK_NUMBERED,   /* @marker holds its number */
  ATTUNE_BLOCK_NOTE,       /* small print */
} AttuneBlockKind;

/* One block of a printed handout, in reading order. */
typedef struct
{
  AttuneBlockKind kind;
  guint indent;            /* nesting level, 0 at the margin */
  char *marker;            /* nullable: a number, a letter, a sign before the text */
  char *text;
} AttuneHandoutBlock;

#define ATTUNE_TYPE_HANDOUT (attune_handout_get_type ())
G_DECLARE_FINAL_TYPE (AttuneHandout, attune_handout, ATTUNE, HANDOUT, GObject)

AttuneHandout *attune_handout_new                (const char     *title);
AttuneHandout *attune_handout_new_for_lesson     (AttuneLesson   *lesson);
AttuneHandout *attune_handout_new_for_scenario   (AttuneScenario *scenario,
                                                  AttuneLibrary  *library);
AttuneHandout *attune_handout_new_for_recap      (AttuneClassSession *session,
                                                  AttuneLibrary  *library);
AttuneHandout *attune_handout_new_for_target     (AttuneLibrary  *library,
                                                  const char     *target,
                                                  GError        **error);
const char    *attune_handout_get_title          (AttuneHandout  *self);
GPtrArray     *attune_handout_get_blocks         (AttuneHandout  *self);
void           attune_handout_add                (AttuneHandout  *self,
                                                  AttuneBlockKind kind,
                                                  guint           indent,
                                                  const char     *marker,
                                                  const char     *text);
char          *attune_handout_to_text            (AttuneHandout  *self);

GPtrArray     *attune_scenario_discussion_questions (AttuneScenario *scenario,
                                                  AttuneLibrary  *library);
const char    *attune_strategy_title             (AttuneLibrary  *library,
                                                  const char     *strategy);

G_END_DECLS
