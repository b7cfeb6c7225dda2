/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-library.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_APPLICATION (attune_application_get_type ())
G_DECLARE_FINAL_TYPE (AttuneApplication, attune_application, ATTUNE, APPLICATION, AdwApplication)

AttuneApplication *attune_application_new         (void);
AttuneLibrary     *attune_application_get_library (AttuneApplication *self);
GSettings         *attune_application_get_settings (AttuneApplication *self);
void               attune_application_reload_library (AttuneApplication *self);

G_END_DECLS
