/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The running totals (schema 6) against a full recount: whatever the
 * history (several pieces of evidence per decision with mixed signs,
 * retries at a quarter credit, evidence from a clock set ahead, decades
 * between two decisions, time zones a quarter-hour off), the Progress
 * view's figures read from the totals are those a recount of every row
 * gives; an older file gets its totals at the upgrade; deleting a profile
 * takes its totals with it.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sqlite3.h>

#include <glib/gstdio.h>

#include "attune-decay.h"
#include "attune-store.h"
#include "attune-test-store.h"

#define DAY (G_USEC_PER_SEC * (gint64) 86400)
#define NOW ((gint64) 1800000000 * G_USEC_PER_SEC)

static const char *strategies[] = { "reassure", "active-listening", "follow-up", "manage-time" };
static const char *scenarios[] = { "late-parcel", "lonely-caller", "flooded-home" };

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* @n decisions for each of two profiles, written as the store writes them,
 * spread over three years before NOW, a few after it, and one decision
 * thirty years before the rest (so a row's reference time moves). */
static void
write_history (const char *path,
               guint       n,
               guint       days)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261130);
  sqlite3 *db;
  guint choice = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec (db, "BEGIN; INSERT INTO profile (id, name, created_at) VALUES (2, 'Sam', 0)");
  for (guint a = 1; a <= n / 4; a++)
    {
      guint profile = 1 + a % 2;
      gint64 started = a == 1 ? NOW - 30 * 365 * DAY
                       : a % 23 == 0 ? NOW + g_rand_int_range (rand, 1, 40) * (DAY / 8)
                       : NOW - (gint64) g_rand_int_range (rand, 0, (gint32) days * 96) * (DAY / 96)
                         - g_rand_int_range (rand, 0, 900) * G_USEC_PER_SEC;
      double credit = a % 5 == 0 ? 0.25 : 1.0;
      g_autofree char *ended = a % 7 == 0 ? g_strdup ("NULL")
                               : g_strdup_printf ("%" G_GINT64_FORMAT, started + 180 * G_USEC_PER_SEC);
      g_autofree char *attempt =
        g_strdup_printf ("INSERT INTO attempt (id, profile_id, scenario_id, mode, started_at, ended_at, outcome, credit)"
                         " VALUES (%u, %u, '%s', 'coach', %" G_GINT64_FORMAT ", %s, %s, %g)",
                         a, profile, scenarios[a % G_N_ELEMENTS (scenarios)], started,
                         ended, a % 7 == 0 ? "NULL" : "'resolved'", credit);

      exec (db, attempt);
      for (guint seq = 1; seq <= 4; seq++)
        {
          gint64 at = started + seq * 20 * G_USEC_PER_SEC;
          guint n_evidence = 1 + g_rand_int_range (rand, 0, 3);
          g_autofree char *row =
            g_strdup_printf ("INSERT INTO choice (id, attempt_id, seq, node_id, choice_index, chosen_at, time_taken_ms)"
                             " VALUES (%u, %u, %u, 'n', 0, %" G_GINT64_FORMAT ", 1000)", ++choice, a, seq, at);

          exec (db, row);
          for (guint e = 0; e < n_evidence; e++)
            {
              int weight = g_rand_int_range (rand, -3, 4);
              g_autofree char *evidence =
                g_strdup_printf ("INSERT INTO evidence (choice_id, profile_id, strategy_id, weight, at, credit, scenario_id)"
                                 " SELECT %u, profile_id, '%s', %d, %" G_GINT64_FORMAT ", credit, scenario_id"
                                 " FROM attempt WHERE id = %u",
                                 choice, strategies[(seq + e) % G_N_ELEMENTS (strategies)],
                                 weight == 0 ? 1 : weight, at, a);

              exec (db, evidence);
            }
        }
    }
  /* Some attempts end later, as the app ends them. */
  exec (db, "UPDATE attempt SET ended_at = started_at + 600000000, outcome = 'abandoned' WHERE id % 21 = 0;"
            "COMMIT");
  sqlite3_close (db);
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           gint64      profile)
{
  sqlite3_stmt *stmt;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, profile);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* good_days summed over strategies and profiles, per time zone, as the
 * last recount found them. */
static guint day_sums[3];

static void
assert_close (double expected,
              double actual)
{
  g_assert_cmpfloat (fabs (expected - actual), <=, 1e-9 * MAX (1.0, fabs (expected)));
}

/* Every figure the Progress view reads, from the store, against a recount
 * of the rows themselves. */
static void
assert_totals_match_recount (const char *path,
                             guint       at_least)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (path, NULL, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  memset (day_sums, 0, sizeof day_sums);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (gint64 profile = 1; profile <= 2; profile++)
    {
      g_autoptr(GPtrArray) evidence = attune_store_get_evidence (store, profile, &error);
      g_autoptr(GHashTable) played = attune_store_get_last_played (store, profile, &error);
      g_autoptr(GArray) trend = attune_store_get_trend (store, profile, 200, NOW, &error);
      AttuneProgressSummary summary = { 0 };
      /* A day boundary a quarter-hour off UTC's, and one behind it. */
      const gint64 offsets[] = { 0, (gint64) (5 * 60 + 45) * 60 * G_USEC_PER_SEC, -(gint64) (3 * 60 + 30) * 60 * G_USEC_PER_SEC };
      guint checked = 0, good_choices = 0, total_choices = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (evidence->len, >, at_least);

      for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
        {
          g_autoptr(GPtrArray) stats = attune_store_get_strategy_stats (store, profile, NOW, offsets[o], &error);

          g_assert_no_error (error);
          g_assert_cmpuint (stats->len, ==, G_N_ELEMENTS (strategies));
          for (guint i = 0; i < stats->len; i++)
            {
              AttuneStrategyStats *s = g_ptr_array_index (stats, i);
              double good = 0, bad = 0, raw = 0;
              guint count = 0;
              gint64 last_at = G_MININT64;
              g_autoptr(GHashTable) roleplays = g_hash_table_new (g_str_hash, g_str_equal);
              g_autoptr(GHashTable) days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
              g_autoptr(GList) day_list = NULL;
              guint good_days = 0;

              for (guint e = 0; e < evidence->len; e++)
                {
                  AttuneEvidenceRecord *r = g_ptr_array_index (evidence, e);
                  double counted = attune_decay ((double) (NOW - r->at) / (double) DAY) * r->credit;

                  if (g_strcmp0 (r->strategy, s->strategy) != 0)
                    continue;
                  count++;
                  last_at = MAX (last_at, r->at);
                  raw += ABS (r->weight) * r->credit;
                  if (r->weight > 0)
                    good += r->weight * counted;
                  else
                    bad += -r->weight * counted;
                  if (r->weight > 0 && r->credit >= 1.0)
                    {
                      gint64 *day = g_new (gint64, 1);

                      *day = (r->at + offsets[o]) / DAY;
                      g_hash_table_add (roleplays, r->scenario);
                      g_hash_table_add (days, day);
                    }
                }
              /* The store counts the most recent ATTUNE_STATS_MAX_DAYS. */
              good_days = MIN (g_hash_table_size (days), ATTUNE_STATS_MAX_DAYS);
              assert_close (good, s->good);
              assert_close (bad, s->bad);
              assert_close (raw, s->raw);
              g_assert_cmpuint (count, ==, s->count);
              g_assert_cmpint (last_at, ==, s->last_at);
              g_assert_cmpuint (g_hash_table_size (roleplays), ==, s->good_scenarios);
              g_assert_cmpuint (good_days, ==, s->good_days);
              day_sums[o] += s->good_days;
              checked++;
            }
        }
      g_assert_cmpuint (checked, ==, G_N_ELEMENTS (offsets) * G_N_ELEMENTS (strategies));

      /* When each role-play was last started. */
      g_assert_cmpuint (g_hash_table_size (played), ==, (guint) query_int (db,
                        "SELECT count(DISTINCT scenario_id) FROM attempt WHERE profile_id = ?1", profile));
      for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT max(started_at) FROM attempt WHERE profile_id = ?1"
                                                  " AND scenario_id = '%s'", scenarios[i]);
          gint64 *when = g_hash_table_lookup (played, scenarios[i]);

          g_assert_nonnull (when);
          g_assert_cmpint (*when, ==, query_int (db, sql, profile));
        }

      /* Time practised. */
      g_assert_true (attune_store_get_summary (store, profile, NOW, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpint (summary.practised_us, ==, query_int (db,
                       "SELECT coalesce(sum(ended_at - started_at), 0) FROM attempt WHERE profile_id = ?1", profile));
      g_assert_cmpint (summary.practised_us, >, 0);

      /* The weekly trend: a decision is good when its weights add up to
       * more than zero. */
      g_assert_cmpuint (trend->len, ==, 200);
      for (guint w = 0; w < trend->len; w++)
        {
          AttuneTrendPoint *point = &g_array_index (trend, AttuneTrendPoint, w);
          const gint64 week = 7 * DAY;
          sqlite3_stmt *stmt;

          g_assert_cmpint (sqlite3_prepare_v2 (db,
                           "SELECT coalesce(sum(net > 0), 0), count(*) FROM"
                           " (SELECT sum(weight) AS net FROM evidence WHERE profile_id = ?1"
                           "  AND at >= ?2 AND at < ?3 GROUP BY choice_id)", -1, &stmt, NULL), ==, SQLITE_OK);
          sqlite3_bind_int64 (stmt, 1, profile);
          sqlite3_bind_int64 (stmt, 2, point->week_start);
          sqlite3_bind_int64 (stmt, 3, point->week_start + week);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpuint (point->good, ==, (guint) sqlite3_column_int (stmt, 0));
          g_assert_cmpuint (point->total, ==, (guint) sqlite3_column_int (stmt, 1));
          good_choices += point->good;
          total_choices += point->total;
          sqlite3_finalize (stmt);
        }
      /* The trend has real data in it. */
      g_assert_cmpuint (total_choices, >, at_least / 3);
      g_assert_cmpuint (good_choices, >, 0);
      g_assert_cmpuint (good_choices, <, total_choices);
    }
  sqlite3_close (db);
}

static void
test_match_recount (StoreFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (f->path, NULL, &error);

  g_assert_no_error (error);
  attune_store_create_profile (store, "Dana", &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  write_history (f->path, 2000, 3 * 365);
  assert_totals_match_recount (f->path, 100);

  /* And they keep matching as the app records more. */
  store = attune_store_open (f->path, NULL, &error);
  for (guint i = 0; i < 3; i++)
    {
      AttuneStoreEvidence evidence[] = { { "reassure", 2 }, { "follow-up", -1 } };
      gint64 attempt = attune_store_begin_attempt (store, 1, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);

      g_assert_cmpint (attune_store_record_choice (store, attempt, "opening", 1, 2000, evidence, 2, &error), >, 0);
      g_assert_true (attune_store_finish_attempt (store, attempt, "resolved", 2, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);
  assert_totals_match_recount (f->path, 100);
}

/* A short, sparse history: fewer local days than the cap, with decisions
 * either side of midnight, so the time zone decides the count. */
static void
test_local_days (StoreFixture  *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (f->path, NULL, &error);

  g_assert_no_error (error);
  attune_store_create_profile (store, "Dana", &error);
  g_clear_object (&store);
  write_history (f->path, 96, 9);
  assert_totals_match_recount (f->path, 20);
  /* Under the cap, and the time zone changed the count. */
  g_assert_cmpuint (day_sums[0], >, 0);
  g_assert_cmpuint (day_sums[0], <, 2 * G_N_ELEMENTS (strategies) * ATTUNE_STATS_MAX_DAYS);
  g_assert_true (day_sums[0] != day_sums[1] || day_sums[0] != day_sums[2]);
}

/* A file from before the totals gets them, from its whole history, when
 * it is first opened. */
static void
test_upgrade (StoreFixture  *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (f->path, NULL, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  attune_store_create_profile (store, "Dana", &error);
  g_clear_object (&store);

  /* Schema 5, as the previous Attune left it, then its history. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  exec (db, "DROP TRIGGER evidence_totals; DROP TRIGGER attempt_totals_started; DROP TRIGGER attempt_totals_ended;"
            "DROP TABLE strategy_total; DROP TABLE strategy_scenario; DROP TABLE strategy_slot;"
            "DROP TABLE decision_day; DROP TABLE scenario_played; DROP TABLE profile_total;"
            "PRAGMA user_version = 5");
  sqlite3_close (db);
  write_history (f->path, 2000, 3 * 365);
  g_assert_cmpint (count_rows (f->path, "evidence"), >, 1000);

  assert_totals_match_recount (f->path, 100);
  {
    g_autofree char *version = pragma (f->path, "user_version");

    g_assert_cmpint (atoi (version), ==, ATTUNE_STORE_SCHEMA_VERSION);
  }
  g_assert_cmpint (count_rows (f->path, "strategy_total"), ==, 2 * G_N_ELEMENTS (strategies));
}

/* Deleting a profile deletes its totals, and only its. */
static void
test_delete_profile (StoreFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (f->path, NULL, &error);
  const char *tables[] = { "strategy_total", "strategy_scenario", "strategy_slot", "decision_day",
                           "scenario_played", "profile_total" };
  gint64 before[G_N_ELEMENTS (tables)];

  attune_store_create_profile (store, "Dana", &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  write_history (f->path, 400, 3 * 365);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      before[i] = count_rows (f->path, tables[i]);
      g_assert_cmpint (before[i], >, 1);
    }

  store = attune_store_open (f->path, NULL, &error);
  g_assert_true (attune_store_delete_profile (store, 2, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE profile_id = 2", tables[i]);
      g_autofree char *left = query_text (f->path, sql);
      gint64 after = count_rows (f->path, tables[i]);

      g_assert_cmpstr (left, ==, "0");
      g_assert_cmpint (after, >, 0);
      g_assert_cmpint (after, <, before[i]);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-totals/match-recount", StoreFixture, NULL, store_fixture_setup, test_match_recount, store_fixture_teardown);
  g_test_add ("/store-totals/local-days", StoreFixture, NULL, store_fixture_setup, test_local_days, store_fixture_teardown);
  g_test_add ("/store-totals/upgrade", StoreFixture, NULL, store_fixture_setup, test_upgrade, store_fixture_teardown);
  g_test_add ("/store-totals/delete-profile", StoreFixture, NULL, store_fixture_setup, test_delete_profile, store_fixture_teardown);
  return g_test_run ();
}
