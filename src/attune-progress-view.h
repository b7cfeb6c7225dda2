/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-application.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_PROGRESS_VIEW (attune_progress_view_get_type ())
G_DECLARE_FINAL_TYPE (AttuneProgressView, attune_progress_view, ATTUNE, PROGRESS_VIEW, GtkWidget)

void attune_progress_view_set_application (AttuneProgressView *self,
                                           AttuneApplication  *app);
void attune_progress_view_refresh         (AttuneProgressView *self);
void attune_progress_view_set_now         (AttuneProgressView *self,
                                           gint64              now);

G_END_DECLS
