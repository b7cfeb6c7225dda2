/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-presenter-window.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_PRESENTER_CONSOLE (attune_presenter_console_get_type ())
G_DECLARE_FINAL_TYPE (AttunePresenterConsole, attune_presenter_console, ATTUNE, PRESENTER_CONSOLE, AdwWindow)

AttunePresenterConsole *attune_presenter_console_new          (AttunePresenterWindow  *presenter);
AttunePresenterWindow  *attune_presenter_console_get_presenter (AttunePresenterConsole *self);
void                    attune_presenter_console_open          (AttunePresenterConsole *self,
                                                               GtkWindow              *trainer_window);
gboolean                attune_presenter_console_export_csv   (AttunePresenterConsole *self,
                                                               GFile                  *file);

G_END_DECLS
