/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "attune-scenario.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_SCENARIO_MAP (attune_scenario_map_get_type ())
G_DECLARE_FINAL_TYPE (AttuneScenarioMap, attune_scenario_map, ATTUNE, SCENARIO_MAP, GtkWidget)

GtkWidget      *attune_scenario_map_new              (AttuneScenario    *scenario);
void            attune_scenario_map_set_scenario     (AttuneScenarioMap *self,
                                                      AttuneScenario    *scenario);
AttuneScenario *attune_scenario_map_get_scenario     (AttuneScenarioMap *self);
void            attune_scenario_map_set_current      (AttuneScenarioMap *self,
                                                      const char        *node_id);
const char     *attune_scenario_map_node_at          (AttuneScenarioMap *self,
                                                      double             x,
                                                      double             y);
gboolean        attune_scenario_map_get_node_center  (AttuneScenarioMap *self,
                                                      const char        *node_id,
                                                      double            *x,
                                                      double            *y);
gboolean        attune_scenario_map_get_node_bounds  (AttuneScenarioMap *self,
                                                      const char        *node_id,
                                                      graphene_rect_t   *bounds);
gboolean        attune_scenario_map_export_svg       (AttuneScenarioMap *self,
                                                      const char        *path,
                                                      GError           **error);
gboolean        attune_scenario_map_export_png       (AttuneScenarioMap *self,
                                                      const char        *path,
                                                      GError           **error);

G_END_DECLS
