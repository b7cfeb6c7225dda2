/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_PROBLEMS_WINDOW (attune_problems_window_get_type ())
G_DECLARE_FINAL_TYPE (AttuneProblemsWindow, attune_problems_window, ATTUNE, PROBLEMS_WINDOW, AdwWindow)

AttuneProblemsWindow *attune_problems_window_new (GListModel *problems);

G_END_DECLS
