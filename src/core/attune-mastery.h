/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "attune-library.h"

G_BEGIN_DECLS

/* How strongly evidence counts falls by half every this many days. */
#define ATTUNE_MASTERY_HALF_LIFE_DAYS 30.0
/* Below this much recent evidence (in weight points) there is no verdict. */
#define ATTUNE_MASTERY_MIN_EVIDENCE 4.0

typedef enum
{
  ATTUNE_MASTERY_NOT_PRACTISED,
  ATTUNE_MASTERY_NOT_ENOUGH,      /* some practice, too little for a verdict */
  ATTUNE_MASTERY_LEARNING,
  ATTUNE_MASTERY_GETTING_THERE,
  ATTUNE_MASTERY_HANDLES_WELL,
} AttuneMasteryLevel;

typedef struct
{
  char *strategy;
  AttuneMasteryLevel level;
  double estimate;        /* 0..1: share of recent evidence that was for the strategy */
  double amount;          /* recency-weighted evidence, in weight points */
  guint recent_good;      /* of the last ATTUNE_STATS_RECENT decisions */
  guint recent_total;
  gint64 last_practised;  /* µs since the epoch */
  gboolean due;           /* handled well, and due for a refresher */
  gint64 due_at;          /* when a refresher is due (0 if not handled well) */
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
