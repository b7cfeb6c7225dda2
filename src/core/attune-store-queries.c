/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneStore, continued: the read side — what the Progress view, mastery
 * and export read back. Every query is a prepared statement with bound
 * parameters and is served by an index (see the schema in attune-store.c).
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gi18n.h>

#include "attune-decay.h"
#include "attune-store-private.h"

void
attune_evidence_record_free (AttuneEvidenceRecord *record)
{
  g_free (record->strategy);
  g_free (record->scenario);
  g_free (record);
}

/* Every piece of evidence for @profile, oldest first, for mastery. */
GPtrArray *
attune_store_get_evidence (AttuneStore  *self,
                           gint64        profile,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self, "SELECT strategy_id, weight, at, credit, scenario_id FROM evidence WHERE profile_id = ?1"
                           " ORDER BY at, choice_id, strategy_id", error);
  GPtrArray *records;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, profile);
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_evidence_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttuneEvidenceRecord *record = g_new0 (AttuneEvidenceRecord, 1);

      record->strategy = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      record->weight = sqlite3_column_int (stmt, 1);
      record->at = sqlite3_column_int64 (stmt, 2);
      record->credit = sqlite3_column_double (stmt, 3);
      record->scenario = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (records, record);
    }
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (records);
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return records;
}

gint64
attune_store_count_choices (AttuneStore *self,
                            gint64       attempt)
{
  g_autoptr(sqlite3_stmt) stmt = _attune_store_prepare (self, "SELECT count(*) FROM choice WHERE attempt_id = ?1", NULL);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, _attune_store_resolve_attempt (self, NULL, attempt));
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

void
attune_attempt_record_free (AttuneAttemptRecord *record)
{
  g_free (record->scenario);
  g_free (record->mode);
  g_free (record->outcome);
  g_free (record);
}

static void
clear_evidence (AttuneStoreEvidence *evidence)
{
  g_free ((char *) evidence->strategy);
}

void
attune_choice_record_free (AttuneChoiceRecord *record)
{
  g_free (record->node);
  g_free (record->shown_order);
  g_free (record->own_reply);
  g_array_unref (record->evidence);
  g_free (record);
}

/**
 * attune_store_list_attempts:
 * @limit: at most this many, newest first; 0 for all
 *
 * The history of @profile (or of every profile when @profile is 0).
 */
GPtrArray *
attune_store_list_attempts (AttuneStore  *self,
                            gint64        profile,
                            guint         limit,
                            GError      **error)
{
#define LIST_ATTEMPTS(where) \
             "SELECT a.id, a.profile_id, a.scenario_id, a.mode, a.started_at, a.ended_at, a.outcome, a.final_mood," \
             "  (SELECT count(*) FROM choice c WHERE c.attempt_id = a.id)," \
             "  (SELECT coalesce(sum(max(e.weight, 0)), 0) FROM choice c JOIN evidence e ON e.choice_id = c.id WHERE c.attempt_id = a.id)," \
             "  (SELECT coalesce(sum(abs(e.weight)), 0) FROM choice c JOIN evidence e ON e.choice_id = c.id WHERE c.attempt_id = a.id)" \
             " FROM (SELECT id FROM attempt " where " ORDER BY started_at DESC, id DESC LIMIT ?2) AS newest" \
             " JOIN attempt a ON a.id = newest.id ORDER BY a.started_at DESC, a.id DESC"
  /* One profile's newest attempts come straight off attempt_by_profile
   * (a "?1 = 0 OR" in one query would scan every profile's), and only
   * those are summed. */
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self, profile != 0 ? LIST_ATTEMPTS ("WHERE profile_id = ?1") : LIST_ATTEMPTS ("WHERE ?1 = 0"), error);
#undef LIST_ATTEMPTS
  GPtrArray *attempts;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, profile);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  attempts = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_attempt_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttuneAttemptRecord *record = g_new0 (AttuneAttemptRecord, 1);

      record->id = sqlite3_column_int64 (stmt, 0);
      record->profile = sqlite3_column_int64 (stmt, 1);
      record->scenario = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      record->mode = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      record->started_at = sqlite3_column_int64 (stmt, 4);
      record->ended_at = sqlite3_column_int64 (stmt, 5);
      record->outcome = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      record->final_mood = sqlite3_column_int (stmt, 7);
      record->n_choices = (guint) sqlite3_column_int (stmt, 8);
      record->good_weight = (guint) sqlite3_column_int (stmt, 9);
      record->total_weight = (guint) sqlite3_column_int (stmt, 10);
      g_ptr_array_add (attempts, record);
    }
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (attempts);
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return attempts;
}

/* The decisions of one attempt, in order, with their evidence. */
GPtrArray *
attune_store_list_choices (AttuneStore  *self,
                           gint64        attempt,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self,
             "SELECT c.id, c.seq, c.node_id, c.choice_index, c.chosen_at, c.time_taken_ms, e.strategy_id, e.weight,"
             " c.shown_order, c.own_reply"
             " FROM choice c LEFT JOIN evidence e ON e.choice_id = c.id"
             " WHERE c.attempt_id = ?1 ORDER BY c.seq, e.strategy_id", error);
  GPtrArray *choices;
  AttuneChoiceRecord *current = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, _attune_store_resolve_attempt (self, NULL, attempt));
  choices = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_choice_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (current == NULL || current->id != id)
        {
          current = g_new0 (AttuneChoiceRecord, 1);
          current->id = id;
          current->attempt = attempt;
          current->seq = (guint) sqlite3_column_int (stmt, 1);
          current->node = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          current->choice_index = (guint) sqlite3_column_int (stmt, 3);
          current->chosen_at = sqlite3_column_int64 (stmt, 4);
          current->time_taken_ms = (guint) sqlite3_column_int (stmt, 5);
          current->shown_order = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
          current->own_reply = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
          current->evidence = g_array_new (FALSE, FALSE, sizeof (AttuneStoreEvidence));
          g_array_set_clear_func (current->evidence, (GDestroyNotify) clear_evidence);
          g_ptr_array_add (choices, current);
        }
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        {
          AttuneStoreEvidence evidence = { g_strdup ((const char *) sqlite3_column_text (stmt, 6)),
                                           sqlite3_column_int (stmt, 7) };

          g_array_append_val (current->evidence, evidence);
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (choices);
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return choices;
}

static gint64
week_start (gint64 time)
{
  /* 1970-01-01 was a Thursday; weeks start on Monday. */
  gint64 day = time / (G_USEC_PER_SEC * (gint64) 86400);
  gint64 monday = day - ((day + 3) % 7);

  return monday * G_USEC_PER_SEC * (gint64) 86400;
}

/* Sessions this week (attempts started since Monday, not counting those
 * left before the end) and time practised. */
gboolean
attune_store_get_summary (AttuneStore           *self,
                          gint64                 profile,
                          gint64                 now,
                          AttuneProgressSummary *summary,
                          GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self,
             "SELECT (SELECT count(*) FROM attempt WHERE profile_id = ?1 AND started_at >= ?2"
             "        AND outcome IS NOT 'abandoned'),"
             "       (SELECT coalesce(sum(practised_us), 0) FROM profile_total WHERE profile_id = ?1)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, profile);
  sqlite3_bind_int64 (stmt, 2, week_start (now));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _attune_store_set_error (error, self->db, rc, self->path);
  summary->sessions_this_week = (guint) sqlite3_column_int (stmt, 0);
  summary->practised_us = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/**
 * attune_store_get_trend:
 * @weeks: how many weeks back, this one included
 *
 * Good decisions per week, oldest week first, one point per week even
 * when there was no practice.
 */
GArray *
attune_store_get_trend (AttuneStore  *self,
                        gint64        profile,
                        guint         weeks,
                        gint64        now,
                        GError      **error)
{
  const gint64 week = G_USEC_PER_SEC * (gint64) 86400 * 7;
  gint64 first = week_start (now) - (gint64) (weeks - 1) * week;
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self,
             "SELECT (day * ?4 - ?2) / ?3 AS w, sum(good), sum(total) FROM decision_day"
             " WHERE profile_id = ?1 AND day >= ?2 / ?4"
             " GROUP BY w", error);
  GArray *trend;
  int rc;

  if (stmt == NULL)
    return NULL;
  trend = g_array_sized_new (FALSE, TRUE, sizeof (AttuneTrendPoint), weeks);
  for (guint i = 0; i < weeks; i++)
    {
      AttuneTrendPoint point = { first + (gint64) i * week, 0, 0 };

      g_array_append_val (trend, point);
    }
  sqlite3_bind_int64 (stmt, 1, profile);
  sqlite3_bind_int64 (stmt, 2, first);
  sqlite3_bind_int64 (stmt, 3, week);
  sqlite3_bind_int64 (stmt, 4, G_USEC_PER_SEC * (gint64) 86400);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 w = sqlite3_column_int64 (stmt, 0);

      if (w >= 0 && w < weeks)
        {
          g_array_index (trend, AttuneTrendPoint, w).good = (guint) sqlite3_column_int (stmt, 1);
          g_array_index (trend, AttuneTrendPoint, w).total = (guint) sqlite3_column_int (stmt, 2);
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_array_unref (trend);
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return trend;
}

/* scenario id -> gint64* when @profile last started it. */
GHashTable *
attune_store_get_last_played (AttuneStore  *self,
                              gint64        profile,
                              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _attune_store_prepare (self, "SELECT scenario_id, last_started FROM scenario_played WHERE profile_id = ?1", error);
  GHashTable *played;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, profile);
  played = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *when = g_new (gint64, 1);

      *when = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (played, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), when);
    }
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (played);
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return played;
}

void
attune_strategy_stats_free (AttuneStrategyStats *stats)
{
  g_free (stats->strategy);
  g_free (stats);
}

/**
 * attune_store_get_strategy_stats:
 * @utc_offset: the learner's offset from UTC in µs, which decides where
 *   their days begin and end
 *
 * Mastery's input for @profile, read from the running totals that the
 * schema's triggers keep (migration 5 -> 6), so that the cost grows with
 * the number of strategies and role-plays, not with the history:
 *  - the recency- and credit-weighted sums, each kept relative to its
 *    row's reference time and brought to @now here;
 *  - evidence dated after @now (a clock set back) counts in full, as
 *    attune_decay() says; those few rows are corrected one by one;
 *  - the role-plays that showed each strategy at full credit;
 *  - the local days of good practice at full credit, at most
 *    ATTUNE_STATS_MAX_DAYS, counted from quarter-hour slots.
 */
GPtrArray *
attune_store_get_strategy_stats (AttuneStore  *self,
                                 gint64        profile,
                                 gint64        now,
                                 gint64        utc_offset,
                                 GError      **error)
{
  const double half_life_us = ATTUNE_MASTERY_HALF_LIFE_DAYS * 86400.0 * (double) G_USEC_PER_SEC;
  const gint64 day = G_USEC_PER_SEC * (gint64) 86400;
  g_autoptr(sqlite3_stmt) sums =
    _attune_store_prepare (self,
                           "SELECT strategy_id, good, bad, raw, n, last_at, ref_at,"
                           "  (SELECT count(*) FROM strategy_scenario s"
                           "   WHERE s.profile_id = t.profile_id AND s.strategy_id = t.strategy_id)"
                           " FROM strategy_total t WHERE profile_id = ?1 ORDER BY strategy_id", error);
  g_autoptr(sqlite3_stmt) future =
    _attune_store_prepare (self,
                           "SELECT strategy_id, weight * credit, at FROM evidence INDEXED BY evidence_by_time"
                           " WHERE profile_id = ?1 AND at > ?2", error);
  g_autoptr(sqlite3_stmt) slots =
    _attune_store_prepare (self,
                           "SELECT max(slot) FROM strategy_slot WHERE profile_id = ?1 AND strategy_id = ?2"
                           " AND slot < ?3", error);
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GHashTable) by_strategy = NULL;
  int rc;

  if (sums == NULL || future == NULL || slots == NULL)
    return NULL;
  stats = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_strategy_stats_free);
  by_strategy = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_bind_int64 (sums, 1, profile);
  while ((rc = sqlite3_step (sums)) == SQLITE_ROW)
    {
      AttuneStrategyStats *s = g_new0 (AttuneStrategyStats, 1);
      double to_now = exp2 ((double) (sqlite3_column_int64 (sums, 6) - now) / half_life_us);

      s->strategy = g_strdup ((const char *) sqlite3_column_text (sums, 0));
      s->good = sqlite3_column_double (sums, 1) * to_now;
      s->bad = sqlite3_column_double (sums, 2) * to_now;
      s->raw = sqlite3_column_double (sums, 3);
      s->count = (guint) sqlite3_column_int (sums, 4);
      s->last_at = sqlite3_column_int64 (sums, 5);
      s->good_scenarios = (guint) sqlite3_column_int (sums, 7);
      g_ptr_array_add (stats, s);
      g_hash_table_insert (by_strategy, s->strategy, s);
    }
  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  /* Evidence from the future was summed as if it weighed more than 1. */
  sqlite3_bind_int64 (future, 1, profile);
  sqlite3_bind_int64 (future, 2, now);
  while ((rc = sqlite3_step (future)) == SQLITE_ROW)
    {
      AttuneStrategyStats *s = g_hash_table_lookup (by_strategy, sqlite3_column_text (future, 0));
      double counted = sqlite3_column_double (future, 1);
      double summed = counted * exp2 ((double) (sqlite3_column_int64 (future, 2) - now) / half_life_us);

      if (s == NULL)
        continue;
      if (counted > 0)
        s->good += counted - summed;
      else
        s->bad += summed - counted;
    }
  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  for (guint i = 0; i < stats->len; i++)
    {
      AttuneStrategyStats *s = g_ptr_array_index (stats, i);
      gint64 below = G_MAXINT64;

      /* The newest good slot, then the newest before that slot's local
       * day began, and so on: one index seek per day counted. */
      while (s->good_days < ATTUNE_STATS_MAX_DAYS)
        {
          gint64 local_day, day_starts;

          sqlite3_reset (slots);
          sqlite3_bind_int64 (slots, 1, profile);
          sqlite3_bind_text (slots, 2, s->strategy, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (slots, 3, below);
          if ((rc = sqlite3_step (slots)) != SQLITE_ROW)
            {
              _attune_store_set_error (error, self->db, rc, self->path);
              return NULL;
            }
          if (sqlite3_column_type (slots, 0) == SQLITE_NULL)
            break;
          /* As SQLite divides: towards zero. */
          local_day = (sqlite3_column_int64 (slots, 0) * ATTUNE_STORE_SLOT_US + utc_offset) / day;
          s->good_days++;
          /* slot × SLOT + offset < day start ⟺ slot < ⌈(day start − offset) / SLOT⌉ */
          day_starts = local_day * day - utc_offset;
          below = day_starts >= 0 ? (day_starts + ATTUNE_STORE_SLOT_US - 1) / ATTUNE_STORE_SLOT_US
                                  : day_starts / ATTUNE_STORE_SLOT_US;
        }
    }
  return g_steal_pointer (&stats);
}
