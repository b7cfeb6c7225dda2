/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-library.h"
#include "attune-store.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_TRANSCRIPT_WINDOW (attune_transcript_window_get_type ())
G_DECLARE_FINAL_TYPE (AttuneTranscriptWindow, attune_transcript_window, ATTUNE, TRANSCRIPT_WINDOW, AdwWindow)

AttuneTranscriptWindow *attune_transcript_window_new (AttuneStore         *store,
                                                      AttuneLibrary       *library,
                                                      AttuneAttemptRecord *attempt);

G_END_DECLS
