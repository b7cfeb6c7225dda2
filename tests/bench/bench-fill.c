/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A progress file with a long history, for the benchmarks: written
 * directly, in large transactions, with the schema's triggers keeping
 * the running totals as the app's own writes do.
 */
#include "config.h"

#include <malloc.h>
#include <sqlite3.h>

#include "bench-fill.h"

/* Fills the file directly, in large transactions: the history a busy
 * classroom would build over a year, spread over 180 days. */
void
bench_fill (const char *path, guint64 choices, AttuneLibrary *library)
{
  static const char *strategies[] = { "active-listening", "reassure", "acknowledge-the-impact",
                                      "focus-on-solutions", "apologise-when-responsible", "manage-time" };
  GListModel *scenarios = attune_library_get_scenarios (library);
  guint n_scenarios = g_list_model_get_n_items (scenarios);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  sqlite3 *db;
  sqlite3_stmt *attempt, *choice, *evidence;
  gint64 now = g_get_real_time ();
  guint64 made = 0, attempt_id = 0;

  /* Each statement's trigger programs open and free a small temporary
   * table; glibc would hand the memory back to the kernel every time.
   * Keep it while filling, then restore glibc's default. */
  mallopt (M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* No journal and a large cache while filling: this is set-up, not what
   * is measured. The store's own settings come back afterwards. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA journal_mode = OFF;"
                                     "PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; BEGIN",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint p = 1; p <= PROFILES; p++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO profile (id, name, created_at) VALUES (%u, 'Learner %u', 0)", p, p);
      sqlite3_exec (db, sql, NULL, NULL, NULL);
    }
  sqlite3_prepare_v2 (db, "INSERT INTO attempt (id, profile_id, scenario_id, mode, started_at, ended_at, outcome, final_mood) "
                          "VALUES (?1, ?2, ?3, 'coach', ?4, ?4 + 240000000, 'resolved', 2)", -1, &attempt, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO choice (attempt_id, seq, node_id, choice_index, chosen_at, time_taken_ms) "
                          "VALUES (?1, ?2, 'node', ?3, ?4, 3000)", -1, &choice, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO evidence (choice_id, profile_id, strategy_id, weight, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                      -1, &evidence, NULL);
  while (made < choices)
    {
      guint profile = 1 + (guint) (attempt_id % PROFILES);
      /* Any moment of the last 180 days, ended before now. */
      gint64 started = now - 600 * G_USEC_PER_SEC - (gint64) g_rand_int_range (rand, 0, 180 * 86400) * G_USEC_PER_SEC;
      g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, (guint) (attempt_id % n_scenarios));

      attempt_id++;
      sqlite3_bind_int64 (attempt, 1, (gint64) attempt_id);
      sqlite3_bind_int (attempt, 2, (int) profile);
      sqlite3_bind_text (attempt, 3, attune_scenario_get_id (scenario), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (attempt, 4, started);
      sqlite3_step (attempt);
      sqlite3_reset (attempt);
      for (guint seq = 1; seq <= 5 && made < choices; seq++, made++)
        {
          gint64 choice_id;

          sqlite3_bind_int64 (choice, 1, (gint64) attempt_id);
          sqlite3_bind_int (choice, 2, (int) seq);
          sqlite3_bind_int (choice, 3, (int) (seq % 3));
          sqlite3_bind_int64 (choice, 4, started + seq * 30 * G_USEC_PER_SEC);
          sqlite3_step (choice);
          sqlite3_reset (choice);
          choice_id = sqlite3_last_insert_rowid (db);
          for (guint e = 0; e < 2; e++)
            {
              int weight = g_rand_int_range (rand, -3, 4);

              sqlite3_bind_int64 (evidence, 1, choice_id);
              sqlite3_bind_int (evidence, 2, (int) profile);
              sqlite3_bind_text (evidence, 3, strategies[(seq + e * 3) % G_N_ELEMENTS (strategies)], -1, SQLITE_STATIC);
              sqlite3_bind_int (evidence, 4, weight == 0 ? 1 : weight);
              sqlite3_bind_int64 (evidence, 5, started + seq * 30 * G_USEC_PER_SEC);
              sqlite3_step (evidence);
              sqlite3_reset (evidence);
            }
          if (made % 100000 == 99999)
            sqlite3_exec (db, "COMMIT; BEGIN", NULL, NULL, NULL);
        }
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT; PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_finalize (attempt);
  sqlite3_finalize (choice);
  sqlite3_finalize (evidence);
  sqlite3_close (db);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024);
}

