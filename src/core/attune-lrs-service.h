/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_LRS_SERVICE (attune_lrs_service_get_type ())
G_DECLARE_FINAL_TYPE (AttuneLrsService, attune_lrs_service, ATTUNE, LRS_SERVICE, GObject)

AttuneLrsService *attune_lrs_service_new            (GSettings        *settings,
                                                     const char       *database);
gboolean          attune_lrs_service_is_configured  (AttuneLrsService *self);
gboolean          attune_lrs_service_is_busy        (AttuneLrsService *self);
void              attune_lrs_service_sync           (AttuneLrsService *self);
void              attune_lrs_service_sync_all       (AttuneLrsService *self);
void              attune_lrs_service_queue_changed  (AttuneLrsService *self);
char             *attune_lrs_service_describe       (AttuneLrsService *self);
void              attune_lrs_service_shutdown       (AttuneLrsService *self);

G_END_DECLS
