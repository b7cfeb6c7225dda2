/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "attune-library.h"
#include "attune-mastery.h"
#include "attune-store.h"

G_BEGIN_DECLS

#define ATTUNE_PROGRESS_TREND_WEEKS 12
#define ATTUNE_PROGRESS_HISTORY 100

/* Everything the Progress view shows, read in one go. */
typedef struct
{
  gint64 profile;
  AttuneProgressSummary summary;
  guint n_handled_well;
  guint n_strategies;
  GHashTable *mastery;                  /* strategy id -> AttuneStrategyMastery */
  AttuneRecommendation *next;           /* nullable */
  GArray *trend;                        /* AttuneTrendPoint, oldest first */
  GPtrArray *attempts;                  /* AttuneAttemptRecord, newest first */
  GPtrArray *stats;                     /* AttuneStrategyStats, as read */
  GHashTable *last_played;              /* scenario id -> gint64* µs */
  GHashTable *lessons_read;             /* set of lesson ids */
  gint64 now;
} AttuneProgressReport;

AttuneProgressReport *attune_progress_report_new     (AttuneStore          *store,
                                                      AttuneLibrary        *library,
                                                      gint64                profile,
                                                      gint64                now,
                                                      GError              **error);
AttuneProgressReport *attune_progress_report_read    (AttuneStore          *store,
                                                      gint64                profile,
                                                      gint64                now,
                                                      GError              **error);
void                  attune_progress_report_complete (AttuneProgressReport *report,
                                                      AttuneLibrary        *library);
void                  attune_progress_report_free    (AttuneProgressReport *report);
char                 *attune_progress_report_describe_lesson (AttuneProgressReport *report,
                                                      const char           *strategy);
char                 *attune_progress_trend_describe (GArray               *trend);
char                 *attune_progress_format_duration (gint64               microseconds);
char                 *attune_progress_describe_lesson (AttuneStore         *store,
                                                       gint64               profile,
                                                       const char          *strategy,
                                                       gint64               now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneProgressReport, attune_progress_report_free)

G_END_DECLS
