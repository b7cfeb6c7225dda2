/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-practice.h"
#include "attune-role-play.h"
#include "attune-scenario-map.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_PREVIEW_WINDOW (attune_preview_window_get_type ())
G_DECLARE_FINAL_TYPE (AttunePreviewWindow, attune_preview_window, ATTUNE, PREVIEW_WINDOW, AdwWindow)

AttunePreviewWindow *attune_preview_window_new          (AttunePractice      *practice,
                                                         const char          *path,
                                                         const char          *node_id);
AttuneRolePlay      *attune_preview_window_get_role_play (AttunePreviewWindow *self);
AttuneScenarioMap   *attune_preview_window_get_map      (AttunePreviewWindow *self);
const char          *attune_preview_window_get_problems (AttunePreviewWindow *self);
guint                attune_preview_window_get_n_loads  (AttunePreviewWindow *self);
void                 attune_preview_window_reload       (AttunePreviewWindow *self);

G_END_DECLS
