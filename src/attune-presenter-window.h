/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-class-session.h"
#include "attune-conversation.h"
#include "attune-practice.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_PRESENTER_WINDOW (attune_presenter_window_get_type ())
G_DECLARE_FINAL_TYPE (AttunePresenterWindow, attune_presenter_window, ATTUNE, PRESENTER_WINDOW, AdwWindow)

AttunePresenterWindow *attune_presenter_window_new     (AttunePractice        *practice,
                                                        AttuneScenario        *scenario);
gboolean               attune_presenter_window_select  (AttunePresenterWindow *self,
                                                        guint                  index);
gboolean               attune_presenter_window_advance (AttunePresenterWindow *self);
AttuneConversation    *attune_presenter_window_get_conversation (AttunePresenterWindow *self);
int                    attune_presenter_window_get_selected (AttunePresenterWindow *self);
gboolean               attune_presenter_window_get_revealed (AttunePresenterWindow *self);
gboolean               attune_presenter_window_add_vote (AttunePresenterWindow *self,
                                                         guint                  position,
                                                         int                    delta);
gboolean               attune_presenter_window_set_votes (AttunePresenterWindow *self,
                                                          guint                  position,
                                                          guint                  votes);
gboolean               attune_presenter_window_toggle_tally (AttunePresenterWindow *self);
gboolean               attune_presenter_window_get_show_tally (AttunePresenterWindow *self);
gboolean               attune_presenter_window_show_recap (AttunePresenterWindow *self);
gboolean               attune_presenter_window_get_show_recap (AttunePresenterWindow *self);
gboolean               attune_presenter_window_retry_from (AttunePresenterWindow *self,
                                                           guint                  decision);
AttuneClassSession    *attune_presenter_window_get_class_session (AttunePresenterWindow *self);
AttunePractice        *attune_presenter_window_get_practice (AttunePresenterWindow *self);


gboolean attune_presenter_window_fits         (AttunePresenterWindow *self,
                                              int                   *needed,
                                              int                   *available);
gboolean attune_presenter_window_get_fitting  (AttunePresenterWindow *self);
gboolean attune_presenter_window_go_back      (AttunePresenterWindow *self,
                                              guint                  step);
gboolean attune_presenter_window_toggle_notes (AttunePresenterWindow *self);

G_END_DECLS
