/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-scenario.h"
#include "attune-scenario-map.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_MAP_WINDOW (attune_map_window_get_type ())
G_DECLARE_FINAL_TYPE (AttuneMapWindow, attune_map_window, ATTUNE, MAP_WINDOW, AdwWindow)

AttuneMapWindow   *attune_map_window_new     (AttuneScenario  *scenario);
AttuneScenarioMap *attune_map_window_get_map (AttuneMapWindow *self);
GtkWidget         *attune_map_legend_new     (void);
GtkWidget         *attune_map_play_from_new  (AttuneScenarioMap *map);

G_END_DECLS
