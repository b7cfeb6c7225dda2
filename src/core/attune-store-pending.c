/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneStore, continued: writes that cannot be saved yet.
 *
 * Every recording call (attempts, choices, lessons read) becomes a
 * pending write, queued in order and then saved with all writes still
 * waiting, in one transaction. When saving fails for a reason that may
 * pass (another program's lock, a full disk, a disk error, permissions),
 * nothing is lost: the writes stay queued, saving is paused
 * (attune_store_get_saving_error() says why, "saving-changed" is
 * emitted) and retried every second, and new writes join the queue.
 * When a retry succeeds, everything is saved in order and saving resumes.
 * An attempt begun while paused gets a provisional (negative) id that
 * later calls may use; it is mapped to the real id once saved.
 *
 * A write that can never succeed (its attempt was deleted or has ended)
 * is dropped and reported; it never blocks the writes behind it.
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gi18n.h>

#include "attune-store-private.h"

#define RETRY_INTERVAL_MS 1000
#define RETRY_BUSY_TIMEOUT_MS 100

typedef enum
{
  FLUSH_SAVED,     /* the queue is empty */
  FLUSH_PAUSED,    /* kept for later */
} FlushResult;

AttunePendingWrite *
_attune_pending_write_new (AttuneWriteKind kind)
{
  AttunePendingWrite *write = g_new0 (AttunePendingWrite, 1);

  write->kind = kind;
  write->at = g_get_real_time ();
  return write;
}

void
_attune_pending_write_free (AttunePendingWrite *write)
{
  if (write->evidence != NULL)
    {
      for (guint i = 0; i < write->evidence->len; i++)
        g_free ((char *) g_array_index (write->evidence, AttuneStoreEvidence, i).strategy);
      g_array_unref (write->evidence);
    }
  g_free (write->text);
  g_free (write->shown_order);
  g_free (write->own_reply);
  g_free (write);
}

void
_attune_store_pending_clear (AttuneStore *self)
{
  if (self->retry_source != 0)
    g_source_remove (self->retry_source);
  self->retry_source = 0;
  g_queue_clear_full (&self->pending, (GDestroyNotify) _attune_pending_write_free);
  g_clear_error (&self->saving_error);
}

/* The real id of @attempt, which may be provisional; @flushing maps the
 * attempts saved by the transaction under way. */
gint64
_attune_store_resolve_attempt (AttuneStore *self,
                               GHashTable  *flushing,
                               gint64       attempt)
{
  gint64 *real;

  if (attempt > 0)
    return attempt;
  if (flushing != NULL && (real = g_hash_table_lookup (flushing, &attempt)) != NULL)
    return *real;
  if ((real = g_hash_table_lookup (self->provisional, &attempt)) != NULL)
    return *real;
  return attempt;
}

static gboolean retry_cb (gpointer data);

/* What the notice says while saving is paused: what happened, that
 * nothing is lost, and what to do. */
static GError *
paused_error (GError *cause)
{
  GError *error;

  switch (cause->code)
    {
    case ATTUNE_STORE_ERROR_BUSY:
      error = g_error_new_literal (ATTUNE_STORE_ERROR, cause->code,
                                   _("Saving is paused: your progress file is in use by another program. Your choices are kept and saved as soon as it is free; close the other program to resume."));
      break;
    case ATTUNE_STORE_ERROR_FULL:
      error = g_error_new_literal (ATTUNE_STORE_ERROR, cause->code,
                                   _("Saving is paused because the disk is full. Your choices are kept and saved as soon as there is room; free some space to resume."));
      break;
    case ATTUNE_STORE_ERROR_READ_ONLY:
    case ATTUNE_STORE_ERROR_CANT_OPEN:
      error = g_error_new_literal (ATTUNE_STORE_ERROR, cause->code,
                                   _("Saving is paused: your progress file cannot be written. Your choices are kept and saved as soon as it can be; check that you may write to it and to its folder."));
      break;
    case ATTUNE_STORE_ERROR_IO:
      error = g_error_new_literal (ATTUNE_STORE_ERROR, cause->code,
                                   _("Saving is paused by a disk error. Your choices are kept and saved as soon as the disk answers again; check the disk or the network share."));
      break;
    case ATTUNE_STORE_ERROR_CORRUPT:
      error = g_error_new_literal (ATTUNE_STORE_ERROR, cause->code,
                                   _("Saving is paused: your progress file seems damaged. Your choices are kept while Attune stays open; quit and open Attune again to restore the newest backup."));
      break;
    default:
      error = g_error_new (ATTUNE_STORE_ERROR, cause->code,
                           /* Translators: %s is the reason, a sentence */
                           _("Saving is paused. Your choices are kept and Attune keeps trying. The reason: %s"),
                           cause->message);
      break;
    }
  g_error_free (cause);
  return error;
}

static void
pause_saving (AttuneStore *self,
              GError      *cause)
{
  GError *error = paused_error (cause);
  gboolean changed = self->saving_error == NULL || self->saving_error->code != error->code;

  g_clear_error (&self->saving_error);
  self->saving_error = error;
  if (self->retry_source == 0)
    self->retry_source = g_timeout_add (RETRY_INTERVAL_MS, retry_cb, self);
  if (changed)
    _attune_store_emit_saving_changed (self);
}

static void
resume_saving (AttuneStore *self)
{
  if (self->retry_source != 0)
    g_source_remove (self->retry_source);
  self->retry_source = 0;
  if (self->saving_error != NULL)
    {
      g_clear_error (&self->saving_error);
      _attune_store_emit_saving_changed (self);
    }
}

static void
rollback (AttuneStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Saves every queued write in one transaction. @mine is the caller's
 * own write: if it can never be saved, its error goes to @error and it is
 * dropped; other such writes are dropped with a warning. */
static FlushResult
flush (AttuneStore         *self,
       AttunePendingWrite  *mine,
       GError             **error)
{
  g_autoptr(GHashTable) flushing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GError *failure = NULL;

  if (g_queue_is_empty (&self->pending))
    {
      resume_saving (self);
      return FLUSH_SAVED;
    }
  if (!_attune_store_exec (self, "BEGIN IMMEDIATE", &failure))
    goto paused;

  for (GList *l = self->pending.head; l != NULL; l = l->next)
    {
      AttunePendingWrite *write = l->data;
      g_autoptr(GError) local_error = NULL;

      if (!_attune_store_exec (self, "SAVEPOINT attune_write", &failure))
        goto paused;
      write->result = _attune_store_run_write (self, write, flushing, &local_error);
      if (write->result == 0 && _attune_store_is_transient (local_error))
        {
          failure = g_steal_pointer (&local_error);
          goto paused;
        }
      if (write->result == 0)
        {
          sqlite3_exec (self->db, "ROLLBACK TO attune_write", NULL, NULL, NULL);
          if (write == mine)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_warning ("A recording that waited could not be saved: %s", local_error->message);
        }
      else if (write->kind == ATTUNE_WRITE_BEGIN)
        g_hash_table_insert (flushing, g_memdup2 (&write->provisional, sizeof (gint64)),
                             g_memdup2 (&write->result, sizeof (gint64)));
      if (!_attune_store_exec (self, "RELEASE attune_write", &failure))
        goto paused;
    }
  if (!_attune_store_count_save (self, &failure) ||
      !_attune_store_exec (self, "COMMIT", &failure))
    goto paused;

  /* Saved: provisional ids now stand for real ones. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, flushing);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (self->provisional, g_memdup2 (key, sizeof (gint64)), g_memdup2 (value, sizeof (gint64)));
  }
  while (!g_queue_is_empty (&self->pending))
    {
      AttunePendingWrite *write = g_queue_pop_head (&self->pending);

      if (write != mine)
        _attune_pending_write_free (write);
    }
  resume_saving (self);
  return FLUSH_SAVED;

paused:
  rollback (self);
  for (GList *l = self->pending.head; l != NULL; l = l->next)
    ((AttunePendingWrite *) l->data)->result = 0;
  pause_saving (self, failure);
  return FLUSH_PAUSED;
}

/**
 * _attune_store_submit:
 *
 * Queues @write (taking it) and saves the queue unless saving is paused.
 * Returns the new row's id once saved; a negative id when it waits (for
 * an attempt, its provisional id); 0 with @error set when it can never
 * be saved.
 */
gint64
_attune_store_submit (AttuneStore         *self,
                      AttunePendingWrite  *write,
                      GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 result;

  if (self->read_only)
    {
      _attune_pending_write_free (write);
      return _attune_store_set_error (error, NULL, SQLITE_READONLY, self->path);
    }
  if (write->kind == ATTUNE_WRITE_BEGIN)
    write->provisional = self->next_provisional--;
  g_queue_push_tail (&self->pending, write);

  /* While paused the timer retries: a click must not wait on a lock. */
  if (self->saving_error != NULL)
    return write->kind == ATTUNE_WRITE_BEGIN ? write->provisional : -1;

  if (flush (self, write, &local_error) == FLUSH_PAUSED)
    return write->kind == ATTUNE_WRITE_BEGIN ? write->provisional : -1;

  result = write->result;
  _attune_pending_write_free (write);
  if (result == 0)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return result;
}

/**
 * attune_store_retry:
 *
 * Tries to save what is waiting now, without waiting long for a lock.
 * Returns %TRUE when nothing waits any more. Called every second while
 * saving is paused; callers may call it sooner (at quit, say).
 */
gboolean
attune_store_retry (AttuneStore *self)
{
  FlushResult result;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);

  if (self->read_only)
    return g_queue_is_empty (&self->pending);
  sqlite3_busy_timeout (self->db, RETRY_BUSY_TIMEOUT_MS);
  result = flush (self, NULL, NULL);
  {
    const char *env = g_getenv ("ATTUNE_STORE_BUSY_TIMEOUT_MS");

    sqlite3_busy_timeout (self->db, env != NULL ? (int) g_ascii_strtoll (env, NULL, 10) : 5000);
  }
  return result == FLUSH_SAVED;
}

static gpointer
retry_call (AttuneStore   *self,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  attune_store_retry (self);
  return GINT_TO_POINTER (TRUE);
}

static gboolean
retry_cb (gpointer data)
{
  AttuneStore *self = data;

  /* This source ends here; pausing again starts a new one. */
  self->retry_source = 0;
  /* The interface's writes run on the store's worker thread: so does the
   * retry, never beside them. */
  if (self->worker != NULL)
    attune_store_call_async (self, retry_call, NULL, NULL, NULL, NULL, NULL, NULL);
  else
    attune_store_retry (self);
  return G_SOURCE_REMOVE;
}

/**
 * attune_store_get_saving_error:
 *
 * Why saving is paused, or %NULL while everything is being saved. Its
 * message is for people: it says what happened and what to do.
 */
const GError *
attune_store_get_saving_error (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  return self->saving_error;
}

/* How many recordings wait to be saved. */
guint
attune_store_get_n_pending (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), 0);
  return g_queue_get_length (&self->pending);
}
