/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "attune-decay.h"
#include "attune-library.h"

G_BEGIN_DECLS

/* Below this much recent evidence (in weight points) there is no verdict. */
#define ATTUNE_MASTERY_MIN_EVIDENCE 4.0

typedef enum
{
  ATTUNE_MASTERY_NOT_PRACTISED,
  ATTUNE_MASTERY_NOT_ENOUGH,      /* some practice, too little for a verdict */
  ATTUNE_MASTERY_LEARNING,
  ATTUNE_MASTERY_GETTING_THERE,
  ATTUNE_MASTERY_HANDLES_WELL,
  ATTUNE_MASTERY_DUE_FOR_REVIEW,  /* the evidence has aged, or a spaced review is due */
} AttuneMasteryLevel;

/* What holds a strategy below "handles well", for its caption. */
typedef enum
{
  ATTUNE_MASTERY_LIMIT_NONE,
  ATTUNE_MASTERY_LIMIT_SHARE,       /* too little of the evidence was for it */
  ATTUNE_MASTERY_LIMIT_SCENARIOS,   /* shown well in one role-play only */
  ATTUNE_MASTERY_LIMIT_DAYS,        /* shown well on one day only */
} AttuneMasteryLimit;

/* "Handles well" needs good evidence at full credit from this many
 * different role-plays, on this many different local days. */
#define ATTUNE_MASTERY_MIN_SCENARIOS 2
#define ATTUNE_MASTERY_MIN_DAYS 2

typedef struct
{
  char *strategy;
  AttuneMasteryLevel level;
  AttuneMasteryLimit limit;
  double estimate;        /* 0..1: share of recent evidence that was for the strategy */
  double amount;          /* recency- and credit-weighted evidence, in weight points */
  guint good_scenarios;   /* role-plays that showed it at full credit */
  guint good_days;        /* local days that showed it at full credit */
  gint64 last_practised;  /* µs since the epoch */
  gboolean due;           /* level is ATTUNE_MASTERY_DUE_FOR_REVIEW */
  gint64 due_at;          /* when a review is or was due (0 if never) */
} AttuneStrategyMastery;

typedef struct
{
  AttuneScenario *scenario;
  char *reason;           /* translated, for the learner */
  double score;
} AttuneRecommendation;

GHashTable           *attune_mastery_compute        (GPtrArray           *evidence,
                                                     gint64               now);
GHashTable           *attune_mastery_compute_from_stats (GPtrArray       *stats,
                                                     gint64               now);
double                attune_mastery_decay          (double               age_days);
gint64                attune_mastery_utc_offset     (gint64               now);
AttuneMasteryLevel    attune_mastery_level_for      (GHashTable          *mastery,
                                                     const char          *strategy);
const char           *attune_mastery_level_get_label (AttuneMasteryLevel  level);
char                 *attune_mastery_describe       (AttuneStrategyMastery *mastery);
AttuneRecommendation *attune_mastery_recommend      (GHashTable          *mastery,
                                                     AttuneLibrary       *library,
                                                     GHashTable          *last_played,
                                                     gint64               now);
void                  attune_recommendation_free    (AttuneRecommendation *recommendation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneRecommendation, attune_recommendation_free)

G_END_DECLS
