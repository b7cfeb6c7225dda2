/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "attune-store.h"

G_BEGIN_DECLS

/* What a queued statement says about its attempt. */
typedef enum
{
  ATTUNE_QUEUED_ATTEMPTED,
  ATTUNE_QUEUED_ANSWERED,
  ATTUNE_QUEUED_COMPLETED,
  ATTUNE_QUEUED_JUDGED,        /* passed or failed */
} AttuneQueuedKind;

/* One statement waiting for the learning record store. */
typedef struct
{
  gint64 id;
  gint64 attempt;
  gint64 choice;               /* 0 unless ANSWERED */
  AttuneQueuedKind kind;
} AttuneQueuedStatement;

/* The queue's state, for the Progress view's status line. */
typedef struct
{
  guint pending;               /* waiting to be sent */
  guint refused;               /* refused by the LRS; kept, not resent on their own */
  gint64 last_synced;          /* µs since the epoch, 0 if never */
  char *last_error;            /* the last sync's error in plain words, or NULL */
} AttuneQueueStatus;

char      *attune_store_get_installation_id (AttuneStore       *self,
                                             GError           **error);
char      *attune_store_get_profile_uid     (AttuneStore       *self,
                                             gint64             profile,
                                             GError           **error);
GArray    *attune_store_queue_peek          (AttuneStore       *self,
                                             guint              limit,
                                             GError           **error);
gboolean   attune_store_queue_remove        (AttuneStore       *self,
                                             const gint64      *ids,
                                             guint              n_ids,
                                             GError           **error);
gboolean   attune_store_queue_refuse        (AttuneStore       *self,
                                             gint64             id,
                                             const char        *reason,
                                             GError           **error);
gboolean   attune_store_queue_retry_refused (AttuneStore       *self,
                                             GError           **error);
gboolean   attune_store_queue_get_status    (AttuneStore       *self,
                                             AttuneQueueStatus *status,
                                             GError           **error);
gboolean   attune_store_queue_set_result    (AttuneStore       *self,
                                             gint64             synced_at,
                                             const char        *error_message,
                                             GError           **error);
AttuneAttemptRecord *attune_store_queue_get_attempt (AttuneStore *self,
                                                     gint64       attempt,
                                                     GError     **error);
void       attune_queue_status_clear        (AttuneQueueStatus *status);

G_END_DECLS
