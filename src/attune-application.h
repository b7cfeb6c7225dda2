/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-library.h"
#include "attune-store.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_APPLICATION (attune_application_get_type ())
G_DECLARE_FINAL_TYPE (AttuneApplication, attune_application, ATTUNE, APPLICATION, AdwApplication)

typedef struct _AttuneWindow AttuneWindow;

AttuneApplication *attune_application_new         (void);
AttuneWindow      *attune_application_get_main_window (AttuneApplication *self);
AttuneLibrary     *attune_application_get_library (AttuneApplication *self);
GSettings         *attune_application_get_settings (AttuneApplication *self);
void               attune_application_reload_library (AttuneApplication *self);
void               attune_application_open_store  (AttuneApplication *self);
void               attune_application_retry_store (AttuneApplication *self);
AttuneStore       *attune_application_get_store   (AttuneApplication *self);
const GError      *attune_application_get_store_error (AttuneApplication *self);
AttuneStoreOpenResult attune_application_get_store_result (AttuneApplication *self);
gint64             attune_application_get_profile (AttuneApplication *self);
void               attune_application_set_profile (AttuneApplication *self,
                                                   gint64             profile);
void               attune_application_progress_changed (AttuneApplication *self);

G_END_DECLS
