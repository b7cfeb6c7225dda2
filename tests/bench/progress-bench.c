/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress store under load, for build-aux/bench: a database with
 * N recorded choices across 50 profiles, then
 *   - recording one choice through the core API (a durable commit),
 *   - the floor: a bare INSERT + COMMIT on the same file and settings,
 *   - refreshing the whole Progress view's data for one profile,
 *   - the file's size per 1,000 choices.
 * Prints one line of figures: median microseconds and bytes.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "attune-library.h"
#include "attune-progress-report.h"
#include "attune-store.h"

#define PROFILES 50
#define DAY (G_USEC_PER_SEC * (gint64) 86400)

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static gint64
median (GArray *samples)
{
  g_array_sort (samples, compare_gint64);
  return g_array_index (samples, gint64, samples->len / 2);
}

/* Fills the file directly, in large transactions: the history a busy
 * classroom would build over a year, spread over 180 days. */
static void
fill (const char *path, guint64 choices, AttuneLibrary *library)
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

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL);
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
      gint64 started = now - (gint64) g_rand_int_range (rand, 0, 180) * DAY;
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
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (attempt);
  sqlite3_finalize (choice);
  sqlite3_finalize (evidence);
  sqlite3_close (db);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneLibrary) library = attune_library_new ();
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GArray) record = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) floor = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) refresh = g_array_new (FALSE, FALSE, sizeof (gint64));
  AttuneStoreEvidence evidence[] = { { "reassure", 2 }, { "active-listening", 1 } };
  guint64 choices;
  const char *path;
  gint64 attempt;
  sqlite3 *db;
  struct stat st;

  if (argc != 3)
    {
      g_printerr ("usage: %s DATABASE CHOICES\n", argv[0]);
      return 2;
    }
  path = argv[1];
  choices = g_ascii_strtoull (argv[2], NULL, 10);
  xmlInitParser ();
  attune_library_add_standard_folders (library);
  attune_library_load (library);

  /* Create the schema through the store, then fill it. */
  store = attune_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  fill (path, choices, library);
  store = attune_store_open (path, NULL, &error);
  g_assert_no_error (error);

  attempt = attune_store_begin_attempt (store, 1, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  for (guint i = 0; i < 200; i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_cmpint (attune_store_record_choice (store, attempt, "opening", 1, 2000, evidence, 2, &error), >, 0);
      g_array_append_val (record, (gint64) { g_get_monotonic_time () - start });
    }

  /* The floor: one bare INSERT and COMMIT, same file, WAL and synchronous=FULL. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    "CREATE TABLE IF NOT EXISTS floor (x INTEGER)", NULL, NULL, NULL);
  for (guint i = 0; i < 200; i++)
    {
      gint64 start = g_get_monotonic_time ();

      sqlite3_exec (db, "BEGIN; INSERT INTO floor VALUES (1); COMMIT", NULL, NULL, NULL);
      g_array_append_val (floor, (gint64) { g_get_monotonic_time () - start });
    }
  sqlite3_exec (db, "DROP TABLE floor", NULL, NULL, NULL);
  sqlite3_close (db);

  for (guint i = 0; i < 21; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(AttuneProgressReport) report =
        attune_progress_report_new (store, library, 1 + i % PROFILES, g_get_real_time (), &error);

      g_assert_no_error (error);
      g_assert_nonnull (report);
      g_array_append_val (refresh, (gint64) { g_get_monotonic_time () - start });
    }

  g_clear_object (&store);
  g_assert_cmpint (stat (path, &st), ==, 0);
  printf ("choices=%" G_GUINT64_FORMAT " record_us=%" G_GINT64_FORMAT " floor_us=%" G_GINT64_FORMAT
          " refresh_us=%" G_GINT64_FORMAT " bytes_per_1000=%" G_GINT64_FORMAT "\n",
          choices, median (record), median (floor), median (refresh),
          (gint64) st.st_size * 1000 / (gint64) MAX (choices, 1));
  return 0;
}
