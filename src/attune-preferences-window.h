/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_PREFERENCES_WINDOW (attune_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (AttunePreferencesWindow, attune_preferences_window, ATTUNE, PREFERENCES_WINDOW, AdwPreferencesWindow)

AttunePreferencesWindow *attune_preferences_window_new            (GSettings               *settings);
void                     attune_preferences_window_set_learner_id (AttunePreferencesWindow *self,
                                                                   const char              *learner_id);

G_END_DECLS
