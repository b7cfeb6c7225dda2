/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "attune-library.h"
#include "attune-lrs-service.h"
#include "attune-store.h"

G_BEGIN_DECLS

/* How long after the last change in a user folder the library is read again. */
#define ATTUNE_SESSION_RELOAD_DELAY_MS 500

/* Where the progress store stands. */
typedef enum
{
  ATTUNE_SESSION_STORE_CLOSED,    /* not asked for yet */
  ATTUNE_SESSION_STORE_OPENING,
  ATTUNE_SESSION_STORE_OPEN,
  ATTUNE_SESSION_STORE_FAILED,    /* see attune_session_get_store_error() */
} AttuneSessionStoreState;

GType attune_session_store_state_get_type (void);
#define ATTUNE_TYPE_SESSION_STORE_STATE (attune_session_store_state_get_type ())

#define ATTUNE_TYPE_SESSION (attune_session_get_type ())
G_DECLARE_FINAL_TYPE (AttuneSession, attune_session, ATTUNE, SESSION, GObject)

AttuneSession        *attune_session_new                (GSettings     *settings,
                                                         const char    *database);
GSettings            *attune_session_get_settings       (AttuneSession *self);
AttuneLibrary        *attune_session_get_library        (AttuneSession *self);
const char           *attune_session_get_database       (AttuneSession *self);
void                  attune_session_set_extra_folders  (AttuneSession *self,
                                                         const char * const *folders);
void                  attune_session_reload_library     (AttuneSession *self,
                                                         gboolean       load_now);
void                  attune_session_load_library       (AttuneSession *self);
void                  attune_session_open_store         (AttuneSession *self);
void                  attune_session_retry_store        (AttuneSession *self);
const char           *attune_session_get_saving_problem (AttuneSession *self);
AttuneSessionStoreState attune_session_get_store_state  (AttuneSession *self);
AttuneStore          *attune_session_get_store          (AttuneSession *self);
const GError         *attune_session_get_store_error    (AttuneSession *self);
AttuneStoreOpenResult attune_session_get_store_result   (AttuneSession *self);
gint64                attune_session_get_profile        (AttuneSession *self);
void                  attune_session_set_profile        (AttuneSession *self,
                                                         gint64         profile);
void                  attune_session_progress_changed   (AttuneSession *self);
void                  attune_session_hold_writes        (AttuneSession *self);
void                  attune_session_release_writes     (AttuneSession *self);
void                  attune_session_shutdown           (AttuneSession *self);
AttuneLrsService     *attune_session_get_lrs_service    (AttuneSession *self);

G_END_DECLS
