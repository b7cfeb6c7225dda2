/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-session.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_APPLICATION (attune_application_get_type ())
G_DECLARE_FINAL_TYPE (AttuneApplication, attune_application, ATTUNE, APPLICATION, AdwApplication)

typedef struct _AttuneWindow AttuneWindow;

AttuneApplication *attune_application_new         (void);
AttuneWindow      *attune_application_get_main_window (AttuneApplication *self);
AttuneSession     *attune_application_get_session (AttuneApplication *self);

G_END_DECLS
