/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "attune-scenario.h"

G_BEGIN_DECLS

/* The schema allows two to four replies per decision. */
#define ATTUNE_MAX_CHOICES 4

/* One decision taken in a conversation. */
typedef struct _AttuneStep
{
  AttuneScenarioNode *node;
  guint choice_index;      /* as authored in the file */
  AttuneChoice *choice;
  int mood_before;
  int mood_after;
  guint n_shown;
  guint8 shown_order[ATTUNE_MAX_CHOICES];  /* authored indexes, in the order shown */
} AttuneStep;

/* What a strategy's evidence added up to over a conversation. */
typedef struct
{
  const char *strategy;
  int total;               /* > 0 shown, < 0 missed */
} AttuneStrategyTally;

/* The exhaustive walk of a scenario's conversation graph. */
typedef struct
{
  guint n_paths;           /* simple paths from the start to an ending (at most G_MAXUINT) */
  guint n_nodes_reached;
  guint n_endings_reached;
  int best_score;          /* total evidence weight along the best path */
  int worst_score;
  GArray *best_path;       /* guint choice indexes from the start */
  GArray *worst_path;
  gboolean truncated;      /* a loop's walk stopped at ATTUNE_ANALYSIS_MAX_VISITS */
} AttuneScenarioAnalysis;

/* With loops, the walk of simple paths stops after this many visits. */
#define ATTUNE_ANALYSIS_MAX_VISITS 200000

#define ATTUNE_TYPE_CONVERSATION (attune_conversation_get_type ())
G_DECLARE_FINAL_TYPE (AttuneConversation, attune_conversation, ATTUNE, CONVERSATION, GObject)

AttuneConversation   *attune_conversation_new          (AttuneScenario     *scenario);
gboolean              attune_conversation_jump_to      (AttuneConversation *self,
                                                        const char         *node_id);
void                  attune_conversation_set_seed     (AttuneConversation *self,
                                                        guint32             seed);
guint                 attune_conversation_get_order    (AttuneConversation *self,
                                                        guint8             *order);
guint                 attune_conversation_authored_index (AttuneConversation *self,
                                                        guint               position);
AttuneScenario       *attune_conversation_get_scenario (AttuneConversation *self);
AttuneScenarioNode   *attune_conversation_get_node     (AttuneConversation *self);
AttuneScenarioEnding *attune_conversation_get_ending   (AttuneConversation *self);
gboolean              attune_conversation_is_finished  (AttuneConversation *self);
int                   attune_conversation_get_mood     (AttuneConversation *self);
GArray               *attune_conversation_get_steps    (AttuneConversation *self);
AttuneChoice         *attune_conversation_choose       (AttuneConversation *self,
                                                        guint               index,
                                                        GError            **error);
gboolean              attune_conversation_retry_from   (AttuneConversation *self,
                                                        guint               step);
guint                 attune_conversation_get_score    (AttuneConversation *self);
GArray               *attune_conversation_tally        (AttuneConversation *self);

AttuneScenarioAnalysis *attune_scenario_analyse        (AttuneScenario     *scenario);
void                  attune_scenario_analysis_free    (AttuneScenarioAnalysis *analysis);
const char           *attune_mood_get_label            (int                 mood);
const char           *attune_mood_get_icon_name        (int                 mood);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneScenarioAnalysis, attune_scenario_analysis_free)

G_END_DECLS
