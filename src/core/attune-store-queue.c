/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneStore, continued: identity and the learning record store's queue.
 *
 * The queue is filled by triggers (migration 2 -> 3 in attune-store.c), in
 * the same transaction that records an attempt, a decision or an ending,
 * so a statement can never be recorded without being queued. A row leaves
 * the queue only when the LRS has accepted its statement. A statement the
 * LRS refuses (400, or a different statement under the same id) stays,
 * marked with the LRS's reason, and is not resent until asked.
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gi18n.h>

#include "attune-store-private.h"
#include "attune-store-queue.h"

static const char *kind_names[] = { "attempted", "answered", "completed", "judged" };

static char *
select_text (AttuneStore  *self,
             const char   *sql,
             gint64        arg,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _attune_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, arg);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                 _("The progress file has no identity for the learning record store."));
  else
    _attune_store_set_error (error, self->db, rc, self->path);
  return NULL;
}

/**
 * attune_store_get_installation_id:
 *
 * The random id this progress file was given when it was created (or
 * upgraded); it never changes. Returns %NULL with @error set on failure.
 */
char *
attune_store_get_installation_id (AttuneStore  *self,
                                  GError      **error)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  return select_text (self, "SELECT value FROM app_state WHERE key = 'installation-id' AND ?1 = ?1", 0, error);
}

/**
 * attune_store_get_profile_uid:
 *
 * The random id @profile was given when it was created; renaming the
 * profile does not change it. It is the learner's account name in xAPI.
 */
char *
attune_store_get_profile_uid (AttuneStore  *self,
                              gint64        profile,
                              GError      **error)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  return select_text (self, "SELECT uid FROM profile WHERE id = ?1", profile, error);
}

/**
 * attune_store_queue_peek:
 * @limit: at most this many
 *
 * The oldest statements still waiting, not counting refused ones.
 *
 * Returns: (transfer full) (element-type AttuneQueuedStatement): the rows
 */
GArray *
attune_store_queue_peek (AttuneStore  *self,
                         guint         limit,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self, "SELECT id, attempt_id, coalesce(choice_id, 0), kind FROM lrs_queue "
                                 "WHERE refused IS NULL ORDER BY id LIMIT ?1", error);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (AttuneQueuedStatement));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttuneQueuedStatement row = { 0 };
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);

      row.id = sqlite3_column_int64 (stmt, 0);
      row.attempt = sqlite3_column_int64 (stmt, 1);
      row.choice = sqlite3_column_int64 (stmt, 2);
      for (guint k = 0; k < G_N_ELEMENTS (kind_names); k++)
        if (g_str_equal (kind, kind_names[k]))
          row.kind = k;
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Removes statements the LRS has accepted, in one transaction. */
gboolean
attune_store_queue_remove (AttuneStore   *self,
                           const gint64  *ids,
                           guint          n_ids,
                           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (n_ids == 0)
    return TRUE;
  if (!_attune_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = _attune_store_prepare (self, "DELETE FROM lrs_queue WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < n_ids; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _attune_store_set_error (error, self->db, rc, self->path);
          goto fail;
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (_attune_store_exec (self, "COMMIT", error))
    return TRUE;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Keeps a statement the LRS refused, with its reason, out of later sends. */
gboolean
attune_store_queue_refuse (AttuneStore  *self,
                           gint64        id,
                           const char   *reason,
                           GError      **error)
{
  sqlite3_stmt *stmt = _attune_store_prepare (self, "UPDATE lrs_queue SET refused = ?1 WHERE id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reason != NULL ? reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return _attune_store_step_done (self, stmt, error);
}

/* Offers refused statements again, for when the LRS has been fixed. */
gboolean
attune_store_queue_retry_refused (AttuneStore  *self,
                                  GError      **error)
{
  return _attune_store_exec (self, "UPDATE lrs_queue SET refused = NULL WHERE refused IS NOT NULL", error);
}

void
attune_queue_status_clear (AttuneQueueStatus *status)
{
  g_clear_pointer (&status->last_error, g_free);
}

gboolean
attune_store_queue_get_status (AttuneStore        *self,
                               AttuneQueueStatus  *status,
                               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self, "SELECT (SELECT count(*) FROM lrs_queue WHERE refused IS NULL),"
                                 " (SELECT count(*) FROM lrs_queue WHERE refused IS NOT NULL),"
                                 " (SELECT value FROM app_state WHERE key = 'lrs-last-synced'),"
                                 " (SELECT value FROM app_state WHERE key = 'lrs-last-error')", error);
  int rc;

  memset (status, 0, sizeof *status);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _attune_store_set_error (error, self->db, rc, self->path);
  status->pending = sqlite3_column_int (stmt, 0);
  status->refused = sqlite3_column_int (stmt, 1);
  status->last_synced = sqlite3_column_int64 (stmt, 2);
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    status->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  return TRUE;
}

/**
 * attune_store_queue_set_result:
 * @synced_at: when a sync finished, or 0 if it failed
 * @error_message: (nullable): why it failed, in plain words
 *
 * Remembers how the last sync went, in the progress file, so that every
 * window and the next start can say it.
 */
gboolean
attune_store_queue_set_result (AttuneStore  *self,
                               gint64        synced_at,
                               const char   *error_message,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  if (synced_at > 0)
    {
      stmt = _attune_store_prepare (self, "INSERT OR REPLACE INTO app_state (key, value) VALUES ('lrs-last-synced', ?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, synced_at);
      if (!_attune_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (error_message == NULL)
    return _attune_store_exec (self, "DELETE FROM app_state WHERE key = 'lrs-last-error'", error);
  stmt = _attune_store_prepare (self, "INSERT OR REPLACE INTO app_state (key, value) VALUES ('lrs-last-error', ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, error_message, -1, SQLITE_TRANSIENT);
  return _attune_store_step_done (self, stmt, error);
}

/* One attempt, as attune_store_list_attempts() describes it, for building
 * its queued statements. */
AttuneAttemptRecord *
attune_store_queue_get_attempt (AttuneStore  *self,
                                gint64        attempt,
                                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self,
             "SELECT a.profile_id, a.scenario_id, a.mode, a.started_at, a.ended_at, a.outcome, a.final_mood,"
             "  (SELECT count(*) FROM choice c WHERE c.attempt_id = a.id),"
             "  (SELECT coalesce(sum(max(e.weight, 0)), 0) FROM choice c JOIN evidence e ON e.choice_id = c.id WHERE c.attempt_id = a.id),"
             "  (SELECT coalesce(sum(abs(e.weight)), 0) FROM choice c JOIN evidence e ON e.choice_id = c.id WHERE c.attempt_id = a.id)"
             " FROM attempt a WHERE a.id = ?1", error);
  AttuneAttemptRecord *record;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attempt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("That attempt no longer exists."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  record = g_new0 (AttuneAttemptRecord, 1);
  record->id = attempt;
  record->profile = sqlite3_column_int64 (stmt, 0);
  record->scenario = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  record->mode = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  record->started_at = sqlite3_column_int64 (stmt, 3);
  record->ended_at = sqlite3_column_int64 (stmt, 4);
  record->outcome = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  record->final_mood = sqlite3_column_int (stmt, 6);
  record->n_choices = (guint) sqlite3_column_int (stmt, 7);
  record->good_weight = (guint) sqlite3_column_int (stmt, 8);
  record->total_weight = (guint) sqlite3_column_int (stmt, 9);
  return record;
}
