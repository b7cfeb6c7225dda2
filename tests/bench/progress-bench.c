/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress store under load, for build-aux/bench: a database with
 * N recorded choices across 50 profiles, then
 *   - recording one choice through the core API (a durable commit),
 *   - the floor: a bare INSERT + COMMIT on the same file and settings,
 *   - refreshing the whole Progress view's data for one profile,
 *   - one lesson's status line,
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
#include "bench-fill.h"


static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static gint64
largest (GArray *samples)
{
  gint64 most = 0;

  for (guint i = 0; i < samples->len; i++)
    most = MAX (most, g_array_index (samples, gint64, i));
  return most;
}

static gint64
median (GArray *samples)
{
  g_array_sort (samples, compare_gint64);
  return g_array_index (samples, gint64, samples->len / 2);
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
  g_autoptr(GArray) lesson = g_array_new (FALSE, FALSE, sizeof (gint64));
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

  /* Create the schema through the store, then fill it; a file filled
   * before (ATTUNE_BENCH_REUSE=1) is measured again as it is. */
  if (g_getenv ("ATTUNE_BENCH_REUSE") == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store = attune_store_open (path, NULL, &error);
      g_assert_no_error (error);
      g_clear_object (&store);
      bench_fill (path, choices, library);
    }
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

  /* A lesson page's status line, as the command line and a fresh page
   * compute it from the store (the window reads it from the report). */
  for (guint i = 0; i < 21; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *status = attune_progress_describe_lesson (store, 1 + i % PROFILES, "reassure", g_get_real_time ());

      g_assert_nonnull (status);
      g_array_append_val (lesson, (gint64) { g_get_monotonic_time () - start });
    }

  g_clear_object (&store);
  g_assert_cmpint (stat (path, &st), ==, 0);
  printf ("choices=%" G_GUINT64_FORMAT " record_us=%" G_GINT64_FORMAT " floor_us=%" G_GINT64_FORMAT
          " refresh_us=%" G_GINT64_FORMAT " lesson_us=%" G_GINT64_FORMAT
          " refresh_max_us=%" G_GINT64_FORMAT " lesson_max_us=%" G_GINT64_FORMAT " bytes_per_1000=%" G_GINT64_FORMAT "\n",
          choices, median (record), median (floor), median (refresh), median (lesson), largest (refresh), largest (lesson),
          (gint64) st.st_size * 1000 / (gint64) MAX (choices, 1));
  return 0;
}
