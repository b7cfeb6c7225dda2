/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneStore, continued: the write side — profiles, attempts, choices
 * and lessons read. Each recording call is one transaction; when it
 * returns a positive id, what it recorded is on disk (WAL,
 * synchronous=FULL). Recordings go through the queue in
 * attune-store-pending.c, which keeps them while saving is paused.
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gi18n.h>

#include "attune-conversation.h"
#include "attune-store-private.h"

static const char *mode_names[] = { "coach", "assessment", "presenter" };

/**
 * attune_attempt_kind_get_credit:
 *
 * How much an attempt's evidence counts towards mastery. A first attempt
 * shows what the learner can do: it counts in full. A retry comes right
 * after the feedback on the very same decisions, so a right answer shows
 * memory as much as skill: it counts a quarter. After the expert path has
 * been shown, the retry is close to copying an answer key: a tenth. Only
 * full-credit evidence counts towards the role-plays and days that
 * "handles well" asks for.
 */
double
attune_attempt_kind_get_credit (AttuneAttemptKind kind)
{
  switch (kind)
    {
    case ATTUNE_ATTEMPT_FIRST:
      return 1.0;
    case ATTUNE_ATTEMPT_RETRY:
      return 0.25;
    case ATTUNE_ATTEMPT_RETRY_AFTER_EXPERT:
      return 0.1;
    default:
      g_return_val_if_reached (0.0);
    }
}

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

/* Every write to an attempt or a choice also touches app_state, so that
 * any -wal Attune writes holds this file's id (attune-store-open.c tells
 * a foreign -wal by it). */
gboolean
_attune_store_count_save (AttuneStore  *self,
                          GError      **error)
{
  return _attune_store_exec (self,
                             "INSERT INTO app_state (key, value) VALUES ('saves', 1)"
                             " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                             error);
}

static gint64
run_begin (AttuneStore        *self,
           AttunePendingWrite *write,
           GError            **error)
{
  AttuneAttemptKind kind = write->kind_of_attempt;
  sqlite3_stmt *stmt;

  /* A "first" attempt at a scenario the profile started a few hours ago
   * is a retry: its feedback is still fresh. */
  if (kind == ATTUNE_ATTEMPT_FIRST)
    {
      g_autoptr(sqlite3_stmt) recent =
        _attune_store_prepare (self, "SELECT 1 FROM attempt WHERE profile_id = ?1 AND scenario_id = ?2"
                               " AND started_at > ?3 LIMIT 1", error);

      if (recent == NULL)
        return 0;
      sqlite3_bind_int64 (recent, 1, write->profile);
      sqlite3_bind_text (recent, 2, write->text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (recent, 3, write->at - (gint64) ATTUNE_RETRY_WINDOW_HOURS * 3600 * G_USEC_PER_SEC);
      if (sqlite3_step (recent) == SQLITE_ROW)
        kind = ATTUNE_ATTEMPT_RETRY;
    }

  stmt = _attune_store_prepare (self, "INSERT INTO attempt (profile_id, scenario_id, mode, started_at, credit) "
                                "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, write->profile);
  sqlite3_bind_text (stmt, 2, write->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mode_names[write->number], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, write->at);
  sqlite3_bind_double (stmt, 5, attune_attempt_kind_get_credit (kind));
  if (!_attune_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

static gint64
run_choice (AttuneStore        *self,
            AttunePendingWrite *write,
            gint64              attempt,
            GError            **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  sqlite3_stmt *stmt;
  gint64 choice;

  stmt = _attune_store_prepare (self, "INSERT INTO choice (attempt_id, seq, node_id, choice_index, chosen_at, time_taken_ms,"
                                " shown_order, own_reply) "
                                "VALUES (?1, (SELECT count(*) + 1 FROM choice WHERE attempt_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, attempt);
  sqlite3_bind_text (stmt, 2, write->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, write->number);
  sqlite3_bind_int64 (stmt, 4, write->at);
  sqlite3_bind_int (stmt, 5, (int) write->time_taken_ms);
  if (write->shown_order != NULL)
    sqlite3_bind_text (stmt, 6, write->shown_order, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 6);
  if (write->own_reply != NULL)
    sqlite3_bind_text (stmt, 7, write->own_reply, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 7);
  if (!_attune_store_step_done (self, stmt, error))
    return 0;
  choice = sqlite3_last_insert_rowid (self->db);

  insert = _attune_store_prepare (self, "INSERT INTO evidence (choice_id, profile_id, strategy_id, weight, at, credit, scenario_id) "
                                  "SELECT ?1, profile_id, ?2, ?3, ?4, credit, scenario_id FROM attempt WHERE id = ?5", error);
  if (insert == NULL)
    return 0;
  for (guint i = 0; write->evidence != NULL && i < write->evidence->len; i++)
    {
      AttuneStoreEvidence *e = &g_array_index (write->evidence, AttuneStoreEvidence, i);
      int rc;

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, choice);
      sqlite3_bind_text (insert, 2, e->strategy, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (insert, 3, e->weight);
      sqlite3_bind_int64 (insert, 4, write->at);
      sqlite3_bind_int64 (insert, 5, attempt);
      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        return _attune_store_set_error (error, self->db, rc, self->path);
    }
  return choice;
}

static gint64
run_end (AttuneStore        *self,
         AttunePendingWrite *write,
         gint64              attempt,
         GError            **error)
{
  sqlite3_stmt *stmt = _attune_store_prepare (self, "UPDATE attempt SET ended_at = ?1, outcome = ?2, final_mood = ?3 "
                                              "WHERE id = ?4 AND ended_at IS NULL", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, write->at);
  sqlite3_bind_text (stmt, 2, write->text, -1, SQLITE_TRANSIENT);
  if (write->has_mood)
    sqlite3_bind_int (stmt, 3, write->mood);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, attempt);
  if (!_attune_store_step_done (self, stmt, error))
    return 0;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("That attempt does not exist or has already ended."));
      return 0;
    }
  return 1;
}

static gint64
run_lesson (AttuneStore        *self,
            AttunePendingWrite *write,
            GError            **error)
{
  sqlite3_stmt *stmt = _attune_store_prepare (self, "INSERT OR REPLACE INTO lesson_read (profile_id, lesson_id, read_at) "
                                              "VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, write->profile);
  sqlite3_bind_text (stmt, 2, write->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, write->at);
  return _attune_store_step_done (self, stmt, error) ? 1 : 0;
}

/* Runs one pending write inside the transaction that saves the queue
 * (attune-store-pending.c). */
gint64
_attune_store_run_write (AttuneStore        *self,
                         AttunePendingWrite *write,
                         GHashTable         *flushing,
                         GError            **error)
{
  gint64 attempt = _attune_store_resolve_attempt (self, flushing, write->attempt);

  if (write->kind != ATTUNE_WRITE_BEGIN && write->kind != ATTUNE_WRITE_LESSON && attempt <= 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("That attempt does not exist or has already ended."));
      return 0;
    }
  switch (write->kind)
    {
    case ATTUNE_WRITE_BEGIN:
      return run_begin (self, write, error);
    case ATTUNE_WRITE_CHOICE:
      return run_choice (self, write, attempt, error);
    case ATTUNE_WRITE_END:
      return run_end (self, write, attempt, error);
    case ATTUNE_WRITE_LESSON:
    default:
      return run_lesson (self, write, error);
    }
}

/**
 * attune_store_begin_attempt:
 *
 * Records that @profile started @scenario. Returns the attempt's id; a
 * provisional negative id, usable in later calls, while saving is paused
 * (attune_store_get_saving_error()); 0 with @error set on failure.
 */
gint64
attune_store_begin_attempt (AttuneStore        *self,
                            gint64              profile,
                            const char         *scenario,
                            AttuneAttemptMode   mode,
                            GError            **error)
{
  return attune_store_begin_attempt_full (self, profile, scenario, mode, ATTUNE_ATTEMPT_FIRST, error);
}

/**
 * attune_store_begin_attempt_full:
 * @kind: what the learner had seen before; a "first" attempt at a
 *   scenario the profile started less than ATTUNE_RETRY_WINDOW_HOURS ago is
 *   recorded as a retry, since its feedback is still fresh
 *
 * Starts an attempt, with the credit its evidence will carry
 * (attune_attempt_kind_get_credit()), as attune_store_begin_attempt().
 */
gint64
attune_store_begin_attempt_full (AttuneStore        *self,
                                 gint64              profile,
                                 const char         *scenario,
                                 AttuneAttemptMode   mode,
                                 AttuneAttemptKind   kind,
                                 GError            **error)
{
  AttunePendingWrite *write = _attune_pending_write_new (ATTUNE_WRITE_BEGIN);

  g_return_val_if_fail (ATTUNE_IS_STORE (self), 0);

  write->profile = profile;
  write->text = g_strdup (scenario);
  write->number = (int) mode;
  write->kind_of_attempt = kind;
  return _attune_store_submit (self, write, error);
}

/* How much @attempt's evidence counts, or 0 if there is no such attempt. */
double
attune_store_get_attempt_credit (AttuneStore *self,
                                 gint64       attempt)
{
  g_autoptr(sqlite3_stmt) stmt = _attune_store_prepare (self, "SELECT credit FROM attempt WHERE id = ?1", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, attempt);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_double (stmt, 0) : 0;
}

/**
 * attune_store_record_choice:
 *
 * Records one decision and the evidence it gave, in one transaction. When
 * this returns a positive id the choice is on disk and survives a crash
 * or power cut. While saving is paused it returns -1: the choice waits in
 * memory and is saved, in order, when saving resumes. 0 with @error set:
 * it can never be saved (its attempt does not exist).
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
  return attune_store_record_choice_full (self, attempt, node, choice_index, NULL, 0,
                                          time_taken_ms, evidence, n_evidence, error);
}

/**
 * attune_store_record_choice_full:
 * @choice_index: the reply chosen, as authored in the scenario
 * @shown_order: (array length=n_shown) (nullable): authored indexes in the
 *   order the learner saw them
 *
 * As attune_store_record_choice(), with the order the replies were shown in.
 */
gint64
attune_store_record_choice_full (AttuneStore               *self,
                                 gint64                     attempt,
                                 const char                *node,
                                 guint                      choice_index,
                                 const guint8              *shown_order,
                                 guint                      n_shown,
                                 guint                      time_taken_ms,
                                 const AttuneStoreEvidence *evidence,
                                 guint                      n_evidence,
                                 GError                   **error)
{
  return attune_store_record_choice_with_own_reply (self, attempt, node, choice_index, shown_order, n_shown,
                                                    time_taken_ms, evidence, n_evidence, NULL, error);
}

/**
 * attune_store_record_choice_with_own_reply:
 * @own_reply: (nullable): what the learner wrote before the replies were
 *   shown ("Write your own reply first"); never graded
 *
 * Like attune_store_record_choice_full(), in the same one transaction.
 */
gint64
attune_store_record_choice_with_own_reply (AttuneStore               *self,
                                           gint64                     attempt,
                                           const char                *node,
                                           guint                      choice_index,
                                           const guint8              *shown_order,
                                           guint                      n_shown,
                                           guint                      time_taken_ms,
                                           const AttuneStoreEvidence *evidence,
                                           guint                      n_evidence,
                                           const char                *own_reply,
                                           GError                   **error)
{
  AttunePendingWrite *write = _attune_pending_write_new (ATTUNE_WRITE_CHOICE);

  write->own_reply = g_strdup (own_reply);

  g_return_val_if_fail (ATTUNE_IS_STORE (self), 0);

  if (n_shown > 0)
    {
      GString *order = g_string_new (NULL);

      for (guint i = 0; i < n_shown; i++)
        g_string_append_printf (order, i > 0 ? ",%u" : "%u", shown_order[i]);
      write->shown_order = g_string_free (order, FALSE);
    }
  write->attempt = attempt;
  write->text = g_strdup (node);
  write->number = (int) choice_index;
  write->time_taken_ms = time_taken_ms;
  write->evidence = g_array_sized_new (FALSE, FALSE, sizeof (AttuneStoreEvidence), n_evidence);
  for (guint i = 0; i < n_evidence; i++)
    {
      AttuneStoreEvidence copy = { g_strdup (evidence[i].strategy), evidence[i].weight };

      g_array_append_val (write->evidence, copy);
    }
  return _attune_store_submit (self, write, error);
}

static gboolean
end_attempt (AttuneStore  *self,
             gint64        attempt,
             const char   *outcome,
             gboolean      has_mood,
             int           final_mood,
             GError      **error)
{
  AttunePendingWrite *write = _attune_pending_write_new (ATTUNE_WRITE_END);

  write->attempt = attempt;
  write->text = g_strdup (outcome);
  write->has_mood = has_mood;
  write->mood = final_mood;
  return _attune_store_submit (self, write, error) != 0;
}

/* Ends an attempt with its outcome, then takes the day's backup if it
 * is due. */
gboolean
attune_store_finish_attempt (AttuneStore  *self,
                             gint64        attempt,
                             const char   *outcome,
                             int           final_mood,
                             GError      **error)
{
  if (!end_attempt (self, attempt, outcome, TRUE, final_mood, error))
    return FALSE;
  /* A failed backup is not a failed attempt: the data is safe in the
   * database, and the next finished attempt tries again. */
  if (self->saving_error == NULL)
    {
      g_autoptr(GError) backup_error = NULL;

      if (!attune_store_backup_if_due (self, &backup_error))
        g_message ("The daily backup of %s was not taken: %s", self->path, backup_error->message);
    }
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
  AttunePendingWrite *write = _attune_pending_write_new (ATTUNE_WRITE_LESSON);

  write->profile = profile;
  write->text = g_strdup (lesson);
  return _attune_store_submit (self, write, error) != 0;
}

/* The lessons @profile has read: a set of ids. */
GHashTable *
attune_store_get_lessons_read (AttuneStore  *self,
                               gint64        profile,
                               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _attune_store_prepare (self, "SELECT lesson_id FROM lesson_read WHERE profile_id = ?1", error);
  g_autoptr(GHashTable) read = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_bind_int64 (stmt, 1, profile);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (read, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&read);
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
  return attune_store_record_choice_full (self, attempt, step->node->id, step->choice_index,
                                          step->shown_order, step->n_shown, time_taken_ms,
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
  AttuneScenarioEnding *ending = attune_conversation_get_ending (conversation);

  if (ending == NULL)
    return attune_store_abandon_attempt (self, attempt, error);
  return attune_store_finish_attempt (self, attempt, attune_outcome_get_id (ending->outcome),
                                      attune_conversation_get_mood (conversation), error);
}
