/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_LRS_PREFERENCES_PAGE (attune_lrs_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (AttuneLrsPreferencesPage, attune_lrs_preferences_page, ATTUNE, LRS_PREFERENCES_PAGE, AdwPreferencesPage)

AttuneLrsPreferencesPage *attune_lrs_preferences_page_new            (GSettings                *settings);
void                      attune_lrs_preferences_page_set_learner_id (AttuneLrsPreferencesPage *self,
                                                                      const char               *learner_id);

G_END_DECLS
