/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "attune-lesson.h"

G_BEGIN_DECLS

typedef enum
{
  ATTUNE_SITUATION_THIRD_PARTY,
  ATTUNE_SITUATION_OUR_RESPONSIBILITY,
  ATTUNE_SITUATION_PERSONAL_MATTER,
  ATTUNE_SITUATION_GENERAL,
  ATTUNE_N_SITUATIONS
} AttuneSituation;

typedef enum
{
  ATTUNE_OUTCOME_RESOLVED,
  ATTUNE_OUTCOME_PARTLY_RESOLVED,
  ATTUNE_OUTCOME_ESCALATED,
  ATTUNE_OUTCOME_LOST,
  ATTUNE_N_OUTCOMES
} AttuneOutcome;

/* The plain structs below belong to their scenario and are read-only. */

typedef struct
{
  char *strategy;
  int weight;
  guint line;
} AttuneEvidence;

typedef struct
{
  char *next;
  int mood;
  char *reply;
  char *feedback;
  GPtrArray *evidence;   /* AttuneEvidence */
  guint line;
} AttuneChoice;

typedef struct
{
  char *id;
  char *cue;             /* nullable */
  char *text;
  GPtrArray *choices;    /* AttuneChoice */
  guint line;
} AttuneScenarioNode;

typedef struct
{
  char *id;
  AttuneOutcome outcome;
  char *text;            /* nullable: the customer's last words */
  char *debrief;
  guint line;
} AttuneScenarioEnding;

/* How a reply compares with the others at its decision. */
typedef enum
{
  ATTUNE_REPLY_STRONG,   /* the best reply: the highest net evidence weight */
  ATTUNE_REPLY_PARTLY,   /* not the best, but it shows some strategy */
  ATTUNE_REPLY_WEAK,     /* shows no strategy at all */
} AttuneReplyQuality;

#define ATTUNE_TYPE_SCENARIO (attune_scenario_get_type ())
G_DECLARE_FINAL_TYPE (AttuneScenario, attune_scenario, ATTUNE, SCENARIO, GObject)

const char           *attune_scenario_get_id             (AttuneScenario *self);
const char           *attune_scenario_get_file           (AttuneScenario *self);
guint                 attune_scenario_get_line           (AttuneScenario *self);
AttuneSituation       attune_scenario_get_situation      (AttuneScenario *self);
guint                 attune_scenario_get_difficulty     (AttuneScenario *self);
int                   attune_scenario_get_start_mood     (AttuneScenario *self);
const char           *attune_scenario_get_start_id       (AttuneScenario *self);
const char           *attune_scenario_get_title          (AttuneScenario *self);
const char           *attune_scenario_get_summary        (AttuneScenario *self);
const char           *attune_scenario_get_customer_name  (AttuneScenario *self);
const char           *attune_scenario_get_customer_about (AttuneScenario *self);
GPtrArray            *attune_scenario_get_practises      (AttuneScenario *self);
const char * const   *attune_scenario_get_trainer_notes  (AttuneScenario *self);
GPtrArray            *attune_scenario_get_nodes          (AttuneScenario *self);
GPtrArray            *attune_scenario_get_endings        (AttuneScenario *self);
AttuneScenarioNode   *attune_scenario_find_node          (AttuneScenario *self,
                                                          const char     *id);
AttuneScenarioEnding *attune_scenario_find_ending        (AttuneScenario *self,
                                                          const char     *id);
gboolean              attune_scenario_practises          (AttuneScenario *self,
                                                          const char     *strategy);
int                   attune_scenario_compare            (gconstpointer   a,
                                                          gconstpointer   b,
                                                          gpointer        user_data);

int                   attune_choice_get_net_weight       (AttuneChoice   *choice);
gboolean              attune_choice_has_positive_evidence (AttuneChoice  *choice);
gboolean              attune_choice_has_negative_evidence (AttuneChoice  *choice);
guint                 attune_scenario_node_get_best_choice (AttuneScenarioNode *node,
                                                          gboolean       *unique);
AttuneReplyQuality    attune_scenario_node_get_quality   (AttuneScenarioNode *node,
                                                          guint           index);
const char           *attune_situation_get_label         (AttuneSituation situation);
const char           *attune_outcome_get_label           (AttuneOutcome   outcome);
const char           *attune_outcome_get_id              (AttuneOutcome   outcome);
gboolean              attune_outcome_from_id             (const char     *id,
                                                          AttuneOutcome  *outcome);

G_END_DECLS
