/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_PREFERENCES_WINDOW (attune_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (AttunePreferencesWindow, attune_preferences_window, ATTUNE, PREFERENCES_WINDOW, AdwPreferencesWindow)

AttunePreferencesWindow *attune_preferences_window_new (GSettings *settings);

G_END_DECLS
