/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "attune-presenter-window.h"

G_BEGIN_DECLS

void attune_presenter_keys_attach (GtkWidget             *window,
                                   AttunePresenterWindow *presenter);

G_END_DECLS
