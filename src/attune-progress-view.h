/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-progress-model.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_PROGRESS_VIEW (attune_progress_view_get_type ())
G_DECLARE_FINAL_TYPE (AttuneProgressView, attune_progress_view, ATTUNE, PROGRESS_VIEW, GtkWidget)

AttuneProgressView *attune_progress_view_new (AttuneProgressModel *progress);
void attune_progress_view_refresh         (AttuneProgressView *self);

G_END_DECLS
