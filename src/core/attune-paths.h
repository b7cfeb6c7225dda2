/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "attune-scenario.h"

G_BEGIN_DECLS

/* By default a path may enter each node at most twice: a loop is taken
 * once more, then no more. */
#define ATTUNE_PATHS_DEFAULT_REVISITS 1
/* Enumeration stops here; the count goes on (see attune_paths_count). */
#define ATTUNE_PATHS_MAX_LISTED 100000

/* One decision: the node and the choice as authored. */
typedef struct
{
  AttuneScenarioNode *node;
  guint choice_index;
} AttuneDecision;

/* A complete path from the start to an ending. */
typedef struct
{
  GArray *decisions;              /* AttuneDecision */
  AttuneScenarioEnding *ending;
  int score;                      /* the sum of the net evidence weights */
  int mood;                       /* the mood at the end, clamped to -5..5 */
} AttunePath;

typedef struct
{
  guint revisits;                 /* the cap the paths were enumerated with */
  gboolean has_loops;             /* some node can be reached again from itself */
  gboolean truncated;             /* more than ATTUNE_PATHS_MAX_LISTED paths */
  GPtrArray *paths;               /* AttunePath, in depth-first order */
  guint64 by_outcome[ATTUNE_N_OUTCOMES];
  guint best;                     /* index of the best path in @paths */
  guint worst;
  guint min_length;
  guint max_length;
} AttunePathSet;

AttunePathSet *attune_paths_enumerate         (AttuneScenario *scenario,
                                               guint           revisits);
guint64        attune_paths_count             (AttuneScenario *scenario,
                                               guint           revisits);
void           attune_path_set_free           (AttunePathSet  *set);
GHashTable    *attune_path_tally_strategies   (AttunePath     *path);
char          *attune_decision_key            (const AttuneDecision *decision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttunePathSet, attune_path_set_free)

G_END_DECLS
