/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneRolePlay's feedback: what is shared between attune-role-play.c
 * and attune-role-play-feedback.c.
 */
#pragma once

#include <gtk/gtk.h>

#include "attune-conversation.h"
#include "attune-library.h"

G_BEGIN_DECLS

void       _attune_role_play_make_spoken      (GtkWidget      *widget,
                                               const char     *spoken);
GtkWidget *_attune_role_play_wrapping_button  (const char     *mnemonic);
GtkWidget *_attune_role_play_strategy_chips   (AttuneLibrary  *library,
                                               GArray         *tally,
                                               GHashTable     *mixed);
GtkWidget *_attune_role_play_feedback_card    (AttuneLibrary  *library,
                                               AttuneScenario *scenario,
                                               AttuneStep     *step);

G_END_DECLS
