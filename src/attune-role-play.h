/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "attune-conversation.h"
#include "attune-practice.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_ROLE_PLAY (attune_role_play_get_type ())
G_DECLARE_FINAL_TYPE (AttuneRolePlay, attune_role_play, ATTUNE, ROLE_PLAY, GtkWidget)

AttuneRolePlay     *attune_role_play_new              (AttunePractice    *practice);
void                attune_role_play_start            (AttuneRolePlay    *self,
                                                       AttuneScenario    *scenario);
void                attune_role_play_rehearse         (AttuneRolePlay    *self,
                                                       AttuneScenario    *scenario,
                                                       const char        *node_id);
void                attune_role_play_leave            (AttuneRolePlay    *self);
GtkWidget          *attune_role_play_ask_to_leave     (AttuneRolePlay    *self);
gboolean            attune_role_play_choose           (AttuneRolePlay    *self,
                                                       guint              index);
gboolean            attune_role_play_continue         (AttuneRolePlay    *self);
gboolean            attune_role_play_show_replies     (AttuneRolePlay    *self);
AttuneConversation *attune_role_play_get_conversation (AttuneRolePlay    *self);
AttunePractice     *attune_role_play_get_practice     (AttuneRolePlay    *self);

G_END_DECLS
