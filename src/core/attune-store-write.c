/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneStore, continued: the write side — profiles, attempts, choices
 * and lessons read. Each recording call is one transaction; when it
 * returns, what it recorded is on disk (WAL, synchronous=FULL).
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gi18n.h>

#include "attune-conversation.h"
#include "attune-store-private.h"

static const char *mode_names[] = { "coach", "assessment", "presenter" };

gint64
attune_store_create_profile (AttuneStore  *self,
                             const char   *name,
                             GError      **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), 0);

  if (*trimmed == '\0')
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED, _("A profile needs a name."));
      return 0;
    }
  stmt = _attune_store_prepare (self, "INSERT INTO profile (name, created_at) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_EXISTS,
                   _("There is already a profile called “%s”."), trimmed);
      return 0;
    }
  if (rc != SQLITE_DONE)
    return _attune_store_set_error (error, self->db, rc, self->path);
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
attune_store_rename_profile (AttuneStore  *self,
                             gint64        profile,
                             const char   *name,
                             GError      **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  sqlite3_stmt *stmt;
  int rc;

  if (*trimmed == '\0')
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED, _("A profile needs a name."));
      return FALSE;
    }
  stmt = _attune_store_prepare (self, "UPDATE profile SET name = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, profile);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_EXISTS,
                   _("There is already a profile called “%s”."), trimmed);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _attune_store_set_error (error, self->db, rc, self->path);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND, _("That profile no longer exists."));
      return FALSE;
    }
  return TRUE;
}

/**
 * attune_store_delete_profile:
 *
 * Deletes a profile and its history, after writing a backup, so that a
 * mistaken deletion can still be undone from the backup.
 */
gboolean
attune_store_delete_profile (AttuneStore  *self,
                             gint64        profile,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  if (!attune_store_backup (self, error))
    return FALSE;
  stmt = _attune_store_prepare (self, "DELETE FROM profile WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, profile);
  return _attune_store_step_done (self, stmt, error);
}

void
attune_profile_record_free (AttuneProfileRecord *record)
{
  g_free (record->name);
  g_free (record);
}

/* Every profile, in the order they were created. */
GPtrArray *
attune_store_list_profiles (AttuneStore  *self,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _attune_store_prepare (self, "SELECT id, name FROM profile ORDER BY id", error);
  GPtrArray *profiles;
  int rc;

  if (stmt == NULL)
    return NULL;
  profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_profile_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttuneProfileRecord *record = g_new0 (AttuneProfileRecord, 1);

      record->id = sqlite3_column_int64 (stmt, 0);
      record->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (profiles, record);
    }
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (profiles);
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return profiles;
}

gint64
attune_store_find_profile (AttuneStore *self,
                           const char  *name)
{
  g_autoptr(sqlite3_stmt) stmt = _attune_store_prepare (self, "SELECT id FROM profile WHERE name = ?1", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

gboolean
attune_store_set_active_profile (AttuneStore  *self,
                                 gint64        profile,
                                 GError      **error)
{
  sqlite3_stmt *stmt = _attune_store_prepare (self, "INSERT OR REPLACE INTO app_state (key, value) VALUES ('active-profile', ?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, profile);
  return _attune_store_step_done (self, stmt, error);
}

/* The remembered active profile if it still exists, else 0. */
gint64
attune_store_get_active_profile (AttuneStore *self)
{
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self, "SELECT p.id FROM app_state s JOIN profile p ON p.id = CAST(s.value AS INTEGER) "
                   "WHERE s.key = 'active-profile'", NULL);

  if (stmt == NULL)
    return 0;
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

gint64
attune_store_begin_attempt (AttuneStore        *self,
                            gint64              profile,
                            const char         *scenario,
                            AttuneAttemptMode   mode,
                            GError            **error)
{
  sqlite3_stmt *stmt = _attune_store_prepare (self, "INSERT INTO attempt (profile_id, scenario_id, mode, started_at) "
                                      "VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, profile);
  sqlite3_bind_text (stmt, 2, scenario, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mode_names[mode], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  if (!_attune_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * attune_store_record_choice:
 *
 * Records one decision and the evidence it gave, in one transaction. When
 * this returns a non-zero id the choice is on disk and survives a crash
 * or power cut.
 */
gint64
attune_store_record_choice (AttuneStore               *self,
                            gint64                     attempt,
                            const char                *node,
                            guint                      choice_index,
                            guint                      time_taken_ms,
                            const AttuneStoreEvidence *evidence,
                            guint                      n_evidence,
                            GError                   **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();
  gint64 choice;

  if (!_attune_store_exec (self, "BEGIN IMMEDIATE", error))
    return 0;

  stmt = _attune_store_prepare (self, "INSERT INTO choice (attempt_id, seq, node_id, choice_index, chosen_at, time_taken_ms) "
                        "VALUES (?1, (SELECT count(*) + 1 FROM choice WHERE attempt_id = ?1), ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, attempt);
  sqlite3_bind_text (stmt, 2, node, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int) choice_index);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int (stmt, 5, (int) time_taken_ms);
  if (!_attune_store_step_done (self, stmt, error))
    goto fail;
  choice = sqlite3_last_insert_rowid (self->db);

  stmt = _attune_store_prepare (self, "INSERT INTO evidence (choice_id, profile_id, strategy_id, weight, at) "
                        "SELECT ?1, profile_id, ?2, ?3, ?4 FROM attempt WHERE id = ?5", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < n_evidence; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, choice);
      sqlite3_bind_text (stmt, 2, evidence[i].strategy, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, evidence[i].weight);
      sqlite3_bind_int64 (stmt, 4, now);
      sqlite3_bind_int64 (stmt, 5, attempt);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          _attune_store_set_error (error, self->db, rc, self->path);
          goto fail;
        }
    }
  sqlite3_finalize (stmt);

  if (!_attune_store_exec (self, "COMMIT", error))
    goto fail;
  return choice;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return 0;
}

static gboolean
end_attempt (AttuneStore  *self,
             gint64        attempt,
             const char   *outcome,
             gboolean      has_mood,
             int           final_mood,
             GError      **error)
{
  sqlite3_stmt *stmt = _attune_store_prepare (self, "UPDATE attempt SET ended_at = ?1, outcome = ?2, final_mood = ?3 "
                                      "WHERE id = ?4 AND ended_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_text (stmt, 2, outcome, -1, SQLITE_TRANSIENT);
  if (has_mood)
    sqlite3_bind_int (stmt, 3, final_mood);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, attempt);
  if (!_attune_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("That attempt does not exist or has already ended."));
      return FALSE;
    }
  return TRUE;
}

/* Ends an attempt with its outcome, then writes a rotating backup. */
gboolean
attune_store_finish_attempt (AttuneStore  *self,
                             gint64        attempt,
                             const char   *outcome,
                             int           final_mood,
                             GError      **error)
{
  if (!end_attempt (self, attempt, outcome, TRUE, final_mood, error))
    return FALSE;
  /* A failed backup is not a failed attempt: the data is safe in the database. */
  attune_store_backup (self, NULL);
  return TRUE;
}

gboolean
attune_store_abandon_attempt (AttuneStore  *self,
                              gint64        attempt,
                              GError      **error)
{
  return end_attempt (self, attempt, "abandoned", FALSE, 0, error);
}

gboolean
attune_store_mark_lesson_read (AttuneStore  *self,
                               gint64        profile,
                               const char   *lesson,
                               GError      **error)
{
  sqlite3_stmt *stmt = _attune_store_prepare (self, "INSERT OR REPLACE INTO lesson_read (profile_id, lesson_id, read_at) "
                                      "VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, profile);
  sqlite3_bind_text (stmt, 2, lesson, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  return _attune_store_step_done (self, stmt, error);
}

gboolean
attune_store_lesson_was_read (AttuneStore *self,
                              gint64       profile,
                              const char  *lesson)
{
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self, "SELECT 1 FROM lesson_read WHERE profile_id = ?1 AND lesson_id = ?2", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, profile);
  sqlite3_bind_text (stmt, 2, lesson, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}


/**
 * attune_store_record_step:
 * @step: the decision just taken in a conversation
 * @time_taken_ms: how long the learner took to choose
 *
 * Records @step with the evidence its choice gives, as
 * attune_store_record_choice() does.
 */
gint64
attune_store_record_step (AttuneStore  *self,
                          gint64        attempt,
                          AttuneStep   *step,
                          guint         time_taken_ms,
                          GError      **error)
{
  g_autoptr(GArray) evidence = g_array_new (FALSE, FALSE, sizeof (AttuneStoreEvidence));

  for (guint k = 0; k < step->choice->evidence->len; k++)
    {
      AttuneEvidence *e = g_ptr_array_index (step->choice->evidence, k);
      AttuneStoreEvidence record = { e->strategy, e->weight };

      g_array_append_val (evidence, record);
    }
  return attune_store_record_choice (self, attempt, step->node->id, step->choice_index, time_taken_ms,
                                     (AttuneStoreEvidence *) evidence->data, evidence->len, error);
}

/**
 * attune_store_end_conversation:
 *
 * Ends @attempt as @conversation stands: finished with its ending's
 * outcome and the final mood, or abandoned when it has not ended.
 */
gboolean
attune_store_end_conversation (AttuneStore         *self,
                               gint64               attempt,
                               AttuneConversation  *conversation,
                               GError             **error)
{
  static const char *outcomes[] = { "resolved", "partly-resolved", "escalated", "lost" };
  AttuneScenarioEnding *ending = attune_conversation_get_ending (conversation);

  if (ending == NULL)
    return attune_store_abandon_attempt (self, attempt, error);
  return attune_store_finish_attempt (self, attempt, outcomes[ending->outcome],
                                      attune_conversation_get_mood (conversation), error);
}
