/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-library.h"
#include "attune-progress-model.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_SCENARIO_PICKER (attune_scenario_picker_get_type ())
G_DECLARE_FINAL_TYPE (AttuneScenarioPicker, attune_scenario_picker, ATTUNE, SCENARIO_PICKER, GtkWidget)

AttuneScenarioPicker *attune_scenario_picker_new (AttuneLibrary       *library,
                                                  AttuneProgressModel *progress);
void        attune_scenario_picker_filter_strategy (AttuneScenarioPicker *self,
                                                    const char           *strategy);
GListModel *attune_scenario_picker_get_shown       (AttuneScenarioPicker *self);
void        attune_scenario_picker_set_filters     (AttuneScenarioPicker *self,
                                                    int                   situation,
                                                    guint                 difficulty);
void        attune_scenario_picker_refresh         (AttuneScenarioPicker *self);
const char *attune_scenario_picker_get_next        (AttuneScenarioPicker *self);

G_END_DECLS
