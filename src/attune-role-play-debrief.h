/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "attune-conversation.h"
#include "attune-library.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_ROLE_PLAY_DEBRIEF (attune_role_play_debrief_get_type ())
G_DECLARE_FINAL_TYPE (AttuneRolePlayDebrief, attune_role_play_debrief, ATTUNE, ROLE_PLAY_DEBRIEF, GtkWidget)

GtkWidget *attune_role_play_debrief_new              (AttuneLibrary         *library,
                                                      AttuneConversation    *conversation,
                                                      GPtrArray             *own_replies);
GtkWidget *attune_role_play_debrief_get_top          (AttuneRolePlayDebrief *self);
void       attune_role_play_debrief_show_expert_path (AttuneRolePlayDebrief *self);

G_END_DECLS
