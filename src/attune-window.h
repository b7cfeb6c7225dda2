/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-handout.h"
#include "attune-progress-model.h"
#include "attune-role-play.h"
#include "attune-session.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_WINDOW (attune_window_get_type ())
G_DECLARE_FINAL_TYPE (AttuneWindow, attune_window, ATTUNE, WINDOW, AdwApplicationWindow)

AttuneWindow *attune_window_new       (GtkApplication    *app,
                                       AttuneSession     *session);
AttuneSession *attune_window_get_session (AttuneWindow   *self);
AttuneProgressModel *attune_window_get_progress (AttuneWindow *self);
void          attune_window_show_view (AttuneWindow      *self,
                                       const char        *name);
const char   *attune_window_get_view  (AttuneWindow      *self);
void          attune_window_show_lesson (AttuneWindow    *self,
                                         const char      *id);
GtkWindow    *attune_window_show_lesson_aside (AttuneWindow *self,
                                               const char   *id);
void          attune_window_filter_practise (AttuneWindow *self,
                                             const char   *strategy);
gboolean      attune_window_start_scenario  (AttuneWindow *self,
                                             const char   *id);
void          attune_window_start_scenario_when_loaded (AttuneWindow *self,
                                                        const char   *id,
                                                        gboolean      present);
gboolean      attune_window_present_scenario (AttuneWindow *self,
                                              const char   *id);
AttuneRolePlay *attune_window_get_role_play (AttuneWindow *self);
AttuneHandout *attune_window_get_handout    (AttuneWindow *self);

G_END_DECLS
