/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "attune-store.h"

/* The running totals' time slot: a quarter of an hour, in µs. Every time
 * zone's offset is a whole number of quarter-hours, so a local day is a
 * whole number of slots. */
#define ATTUNE_STORE_SLOT_US 900000000

G_BEGIN_DECLS

typedef struct _AttunePendingWrite AttunePendingWrite;

struct _AttuneStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  char *damaged_copy;        /* where a damaged file was moved, if it was */
  char *foreign_log;         /* where a foreign -wal was moved, if one was */
  gboolean read_only;        /* opened for reading only: never writes */
  guint n_reclaimed;         /* attempts a crash left open, marked abandoned */
  char *private_dir;         /* read-only: a private copy of file and -wal */

  /* Writes that could not be saved yet (attune-store-pending.c). */
  GQueue pending;            /* AttunePendingWrite, oldest first */
  GHashTable *provisional;   /* provisional attempt id (< 0) -> real id */
  gint64 next_provisional;
  GError *saving_error;      /* why saving is paused, or NULL (worker thread) */
  char *saving_message;      /* its message, as the main thread last heard it */
  guint retry_source;
  GThreadPool *worker;       /* attune-store-worker.c */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

gboolean      _attune_store_set_error (GError      **error,
                                       sqlite3      *db,
                                       int           code,
                                       const char   *path);
sqlite3_stmt *_attune_store_prepare   (AttuneStore  *self,
                                       const char   *sql,
                                       GError      **error);

gboolean      _attune_store_exec      (AttuneStore  *self,
                                       const char   *sql,
                                       GError      **error);
gboolean      _attune_store_step_done (AttuneStore  *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);
gboolean      _attune_store_migrate   (AttuneStore  *self,
                                       int           from,
                                       GError      **error);
void          _attune_store_register_functions (sqlite3 *db);
gboolean      _attune_store_is_transient (const GError *error);
void          _attune_store_emit_saving_changed (AttuneStore *self);

/* attune-store-backup.c */
gboolean      _attune_store_copy_database (sqlite3     *from,
                                           const char  *to,
                                           GError     **error);
char        **_attune_store_list_backups  (const char  *path);
sqlite3      *_attune_store_open_snapshot (const char  *path,
                                           GError     **error);
void          _attune_store_remove_stale  (const char  *path);

/* attune-store-pending.c */
void          _attune_store_pending_clear (AttuneStore *self);
gint64        _attune_store_resolve_attempt (AttuneStore *self,
                                             GHashTable  *flushing,
                                             gint64       attempt);
gint64        _attune_store_submit        (AttuneStore        *self,
                                           AttunePendingWrite *write,
                                           GError            **error);

/* attune-store-write.c: one pending write, run inside the flush's
 * transaction. Returns the new row's id (or 1), 0 with @error set. */
typedef enum
{
  ATTUNE_WRITE_BEGIN,
  ATTUNE_WRITE_CHOICE,
  ATTUNE_WRITE_END,
  ATTUNE_WRITE_LESSON,
} AttuneWriteKind;

struct _AttunePendingWrite
{
  AttuneWriteKind kind;
  gint64 profile;
  gint64 attempt;            /* may be provisional (< 0) */
  gint64 provisional;        /* BEGIN: the id handed out while queued */
  char *text;                /* scenario, node, outcome or lesson */
  int number;                /* mode, or choice index */
  guint time_taken_ms;
  gboolean has_mood;
  int mood;
  gint64 at;                 /* when the learner did it, µs */
  GArray *evidence;          /* AttuneStoreEvidence, strategies owned */
  gint64 result;
  AttuneAttemptKind kind_of_attempt;  /* BEGIN */
  char *shown_order;         /* CHOICE: authored indexes as shown, "2,0,1" */
  char *own_reply;           /* CHOICE: what the learner wrote first, or NULL */
};

AttunePendingWrite *_attune_pending_write_new  (AttuneWriteKind     kind);
void                _attune_pending_write_free (AttunePendingWrite *write);
gint64              _attune_store_run_write    (AttuneStore        *self,
                                                AttunePendingWrite *write,
                                                GHashTable         *flushing,
                                                GError            **error);
gboolean            _attune_store_count_save   (AttuneStore        *self,
                                                GError            **error);
void          _attune_store_stop_worker (AttuneStore *self);

G_END_DECLS
