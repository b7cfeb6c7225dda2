/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "attune-conversation.h"
#include "attune-session.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_PRACTICE (attune_practice_get_type ())
G_DECLARE_FINAL_TYPE (AttunePractice, attune_practice, ATTUNE, PRACTICE, GObject)

AttunePractice *attune_practice_new                 (AttuneSession      *session);
AttuneSession  *attune_practice_get_session         (AttunePractice     *self);
AttuneLibrary  *attune_practice_get_library         (AttunePractice     *self);
GSettings      *attune_practice_get_settings        (AttunePractice     *self);
void            attune_practice_begin               (AttunePractice     *self,
                                                     AttuneConversation *conversation,
                                                     AttuneAttemptMode   mode,
                                                     AttuneAttemptKind   kind);
void            attune_practice_record_with_own_reply (AttunePractice   *self,
                                                      AttuneStep       *step,
                                                      guint             time_taken_ms,
                                                      const char       *own_reply);
void            attune_practice_record              (AttunePractice     *self,
                                                     AttuneStep         *step,
                                                     guint               time_taken_ms);
void            attune_practice_end                 (AttunePractice     *self,
                                                     AttuneConversation *conversation);
gboolean        attune_practice_get_recording       (AttunePractice     *self);
const char     *attune_practice_get_not_saved_reason (AttunePractice    *self);
guint           attune_practice_get_n_pending       (AttunePractice     *self);
void            attune_practice_flush               (AttunePractice     *self);

G_END_DECLS
