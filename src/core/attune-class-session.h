/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "attune-conversation.h"

G_BEGIN_DECLS

/* One decision a class took: what was on screen, the hands counted for
 * each reply (by the position shown, A = 0), and the reply the trainer
 * picked for the class; where it stands on the class's path and on the
 * trainer sheet's map; and whether a later retry undid it (its votes are
 * kept for the recap all the same). */
typedef struct
{
  AttuneScenarioNode *node;
  guint number;                            /* the decision's number on the trainer sheet's map, from 1 */
  guint step;                              /* its place on the class's path, 0 = the first */
  guint pass;                              /* 1 for the first pass, 2 after the first retry, … */
  gboolean undone;                         /* a retry went back to it or before it */
  guint n_shown;
  guint8 shown_order[ATTUNE_MAX_CHOICES];  /* authored indexes, in the order shown */
  guint votes[ATTUNE_MAX_CHOICES];         /* by position shown */
  int chosen;                              /* position shown, -1 until chosen (and in the history, for a
                                            * decision a retry went back from before the class chose) */
  guint best;                              /* position shown of the strongest reply */
  gint64 seconds;                          /* spent on this decision */
} AttuneClassDecision;

#define ATTUNE_TYPE_CLASS_SESSION (attune_class_session_get_type ())
G_DECLARE_FINAL_TYPE (AttuneClassSession, attune_class_session, ATTUNE, CLASS_SESSION, GObject)

AttuneClassSession  *attune_class_session_new           (AttuneConversation *conversation);
AttuneConversation  *attune_class_session_get_conversation (AttuneClassSession *self);
AttuneClassDecision *attune_class_session_get_current   (AttuneClassSession *self);
gboolean             attune_class_session_add_vote      (AttuneClassSession *self,
                                                         guint               position,
                                                         int                 delta);
gboolean             attune_class_session_set_votes     (AttuneClassSession *self,
                                                         guint               position,
                                                         guint               votes);
AttuneChoice        *attune_class_session_choose        (AttuneClassSession *self,
                                                         guint               position,
                                                         GError            **error);
gboolean             attune_class_session_retry_from    (AttuneClassSession *self,
                                                         guint               decision);
GArray              *attune_class_session_get_decisions (AttuneClassSession *self);
GArray              *attune_class_session_get_history   (AttuneClassSession *self);
guint                attune_class_session_get_n_passes  (AttuneClassSession *self);
guint                attune_class_session_get_pass_start (AttuneClassSession *self,
                                                         guint               pass);
char                *attune_class_session_get_pass_title (AttuneClassSession *self,
                                                         guint               pass);
void                 attune_class_session_set_start_time (AttuneClassSession *self,
                                                         gint64              monotonic_us);
gint64               attune_class_session_get_elapsed   (AttuneClassSession *self);
guint                attune_class_session_get_n_retries (AttuneClassSession *self);
GArray              *attune_class_session_get_strategies (AttuneClassSession *self);
char                *attune_class_session_to_csv        (AttuneClassSession *self);

guint                attune_class_decision_get_total    (const AttuneClassDecision *decision);
guint                attune_class_decision_get_percent  (const AttuneClassDecision *decision,
                                                         guint                      position);
AttuneChoice        *attune_class_decision_get_choice   (const AttuneClassDecision *decision,
                                                         guint                      position);
char                *attune_format_elapsed              (gint64              seconds);
const char          *attune_class_reply_letters         (void);
char                *attune_class_reply_letter          (guint               position);
GHashTable          *attune_class_number_decisions      (AttuneScenario     *scenario,
                                                         GPtrArray          *order);

G_END_DECLS
