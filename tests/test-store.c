/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress store: profiles and attempts; a newer file refused and left
 * untouched; a damaged file kept aside and the newest backup restored;
 * an unwritable place reported; and a writer killed with SIGKILL at random
 * moments never leaves a damaged file or loses a recorded choice.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <time.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "attune-store.h"
#include "attune-test-store.h"

static void
test_create_and_record (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autofree char *version = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *backup = NULL;
  AttuneStoreEvidence given[] = { { "active-listening", 2 }, { "reassure", -1 } };
  AttuneStoreOpenResult result;
  gint64 ana, ben, attempt, abandoned;

  store = attune_store_open (f->path, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, ATTUNE_STORE_CREATED);
  version = pragma (f->path, "user_version");
  g_assert_cmpint (atoi (version), ==, ATTUNE_STORE_SCHEMA_VERSION);
  journal = pragma (f->path, "journal_mode");
  g_assert_cmpstr (journal, ==, "wal");

  ana = attune_store_create_profile (store, "  Ana  ", &error);
  g_assert_no_error (error);
  ben = attune_store_create_profile (store, "Ben", &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_create_profile (store, "ana", &error), ==, 0);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (attune_store_create_profile (store, "   ", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (attune_store_find_profile (store, "Ana"), ==, ana);
  g_assert_true (attune_store_rename_profile (store, ben, "Benjamin", &error));
  profiles = attune_store_list_profiles (store, &error);
  g_assert_cmpuint (profiles->len, ==, 2);
  g_assert_cmpstr (((AttuneProfileRecord *) profiles->pdata[0])->name, ==, "Ana");
  g_assert_cmpstr (((AttuneProfileRecord *) profiles->pdata[1])->name, ==, "Benjamin");

  g_assert_cmpint (attune_store_get_active_profile (store), ==, 0);
  g_assert_true (attune_store_set_active_profile (store, ben, &error));
  g_assert_cmpint (attune_store_get_active_profile (store), ==, ben);

  attempt = attune_store_begin_attempt (store, ana, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_record_choice (store, attempt, "opening", 2, 4100, given, 2, &error), >, 0);
  g_assert_cmpint (attune_store_record_choice (store, attempt, "details", 0, 2300, given, 1, &error), >, 0);
  g_assert_cmpint (attune_store_count_choices (store, attempt), ==, 2);
  g_assert_true (attune_store_finish_attempt (store, attempt, "resolved", 3, &error));
  g_assert_no_error (error);
  /* Finishing twice is refused. */
  g_assert_false (attune_store_finish_attempt (store, attempt, "lost", 0, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* A finished attempt leaves a backup behind. */
  backup = g_strconcat (f->path, ".backup-1", NULL);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  abandoned = attune_store_begin_attempt (store, ana, "expired-coupon", ATTUNE_ATTEMPT_ASSESSMENT, &error);
  g_assert_true (attune_store_abandon_attempt (store, abandoned, &error));

  evidence = attune_store_get_evidence (store, ana, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 3);
  g_assert_cmpstr (((AttuneEvidenceRecord *) evidence->pdata[0])->strategy, ==, "active-listening");
  g_assert_cmpint (((AttuneEvidenceRecord *) evidence->pdata[1])->weight, ==, -1);

  g_assert_true (attune_store_mark_lesson_read (store, ana, "reassure", &error));
  g_assert_true (attune_store_lesson_was_read (store, ana, "reassure"));
  g_assert_false (attune_store_lesson_was_read (store, ben, "reassure"));

  /* Deleting a profile deletes its history, after a backup. */
  g_assert_true (attune_store_delete_profile (store, ana, &error));
  g_clear_object (&store);
  g_assert_cmpint (count_rows (f->path, "evidence"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "attempt"), ==, 0);
  g_assert_cmpint (count_rows (backup, "evidence"), ==, 3);
}

static void
test_newer_version_untouched (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = checksum_file (f->path);

  store = attune_store_open (f->path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NEWER_VERSION);
  after = checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_damaged_file_restored (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *kept = NULL;
  AttuneStoreOpenResult result;
  gsize len;

  fill_store (f->path, 2);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  /* Scribble over every page after the header. */
  for (gsize i = 4096; i < len; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
  damaged = checksum_file (f->path);

  store = attune_store_open (f->path, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, ATTUNE_STORE_RESTORED);
  /* The damaged file is kept, byte for byte, where the user is told. */
  kept = find_file_containing (f->dir, ".corrupt-");
  g_assert_nonnull (kept);
  g_assert_cmpstr (attune_store_get_damaged_copy (store), ==, kept);
  {
    g_autofree char *sum = checksum_file (kept);
    g_assert_cmpstr (sum, ==, damaged);
  }
  /* The newest backup (after both attempts) is back. */
  g_assert_cmpint (attune_store_find_profile (store, "Dana"), >, 0);
  g_clear_object (&store);
  g_assert_cmpint (count_rows (f->path, "attempt"), ==, 2);
}

static void
test_not_a_database (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  AttuneStoreOpenResult result;

  g_assert_true (g_file_set_contents (f->path, "This is a shopping list, not a database.\n", -1, NULL));
  store = attune_store_open (f->path, &result, &error);
  g_assert_no_error (error);
  /* No backup to restore: a fresh store, and the file kept aside. */
  g_assert_cmpint (result, ==, ATTUNE_STORE_RESET);
  g_assert_nonnull (attune_store_get_damaged_copy (store));
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (attune_store_get_damaged_copy (store), &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "This is a shopping list, not a database.\n");
  }
}

static void
test_unwritable_place (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;

  /* Root can write almost anywhere, so use a place nobody can: /proc. */
  store = attune_store_open ("/proc/attune-test/progress.db", NULL, &error);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "not recorded"));
}

static gboolean
is_rollback_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >=, 100);
  /* File format write/read versions: 1 is a rollback journal, 2 WAL. */
  return data[18] == 1 && data[19] == 1;
}

static void
set_modified_days_ago (const char *path, int days)
{
  struct utimbuf times;
  time_t then = time (NULL) - days * 86400;

  times.actime = then;
  times.modtime = then;
  g_assert_cmpint (utime (path, &times), ==, 0);
}

/* Backups: one a day however much is practised, one at quit, a few
 * forced ones rotating; each a self-contained rollback-journal file;
 * nothing left behind by a backup a kill interrupted. */
static void
test_backups (StoreFixture *f, gconstpointer data)
{
  g_autofree char *first = g_strconcat (f->path, ".backup-1", NULL);
  g_autofree char *second = g_strconcat (f->path, ".backup-2", NULL);
  g_autofree char *fourth = g_strconcat (f->path, ".backup-4", NULL);
  g_autofree char *quit = g_strconcat (f->path, ".backup-quit", NULL);
  g_autofree char *stale = g_strconcat (f->path, ".backup-new", NULL);
  g_autofree char *stale_journal = g_strconcat (f->path, ".backup-new-journal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  gint64 profile, attempt;

  fill_store (f->path, 5);
  /* Five finished attempts today: one daily backup, after the first. */
  g_assert_cmpint (count_rows (first, "attempt"), ==, 1);
  g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));
  /* The backup at quit holds everything. */
  g_assert_cmpint (count_rows (quit, "attempt"), ==, 5);
  g_assert_true (is_rollback_file (first));
  g_assert_true (is_rollback_file (quit));

  /* A kill in the middle of a backup left its temporary file: opening
   * removes it. */
  g_assert_true (g_file_set_contents (stale, "half a backup", -1, NULL));
  g_assert_true (g_file_set_contents (stale_journal, "its journal", -1, NULL));
  /* The daily backup was yesterday's: the next finished attempt takes
   * today's. */
  set_modified_days_ago (first, 1);
  store = attune_store_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_journal, G_FILE_TEST_EXISTS));
  profile = attune_store_find_profile (store, "Dana");
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_true (attune_store_finish_attempt (store, attempt, "lost", 0, &error));
  g_assert_cmpint (count_rows (first, "attempt"), ==, 6);
  g_assert_cmpint (count_rows (second, "attempt"), ==, 1);

  /* Forced backups (before a migration or a deletion) rotate, and only
   * ATTUNE_STORE_BACKUPS are kept. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (attune_store_backup (store, &error));
  g_assert_false (g_file_test (fourth, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  /* Reading a backup leaves nothing beside it. */
  g_assert_cmpint (count_rows (first, "attempt"), ==, 6);
  {
    g_autofree char *wal = g_strconcat (first, "-wal", NULL);
    g_autofree char *shm = g_strconcat (first, "-shm", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }
}

static void
saving_changed (AttuneStore *store, guint *count)
{
  (*count)++;
}

/* A full disk: recording pauses with a clear message, and nothing
 * already recorded is lost or damaged. SQLite's page limit stands in
 * for the disk (ATTUNE_STORE_MAX_PAGES, a test hook); the failing VFS in
 * test-store-failures.c covers a disk that fills and frees again. */
static void
test_disk_full (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  AttuneStoreEvidence evidence[] = { { "reassure", 2 }, { "active-listening", 1 } };
  g_autofree char *integrity = NULL;
  gint64 profile, attempt, recorded = 0;
  guint changes = 0;

  fill_store (f->path, 1);
  g_setenv ("ATTUNE_STORE_MAX_PAGES", "40", TRUE);
  store = attune_store_open (f->path, NULL, &error);
  g_unsetenv ("ATTUNE_STORE_MAX_PAGES");
  g_assert_no_error (error);
  g_signal_connect (store, "saving-changed", G_CALLBACK (saving_changed), &changes);
  profile = attune_store_find_profile (store, "Dana");
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 100000 && attune_store_get_saving_error (store) == NULL; i++)
    {
      gint64 id = attune_store_record_choice (store, attempt, "opening", 0, 1000, evidence, 2, &error);

      g_assert_no_error (error);
      g_assert_cmpint (id, !=, 0);
      if (id > 0)
        recorded++;
    }
  g_assert_error ((GError *) attune_store_get_saving_error (store), ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (attune_store_get_saving_error (store)->message, "disk is full"));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (attune_store_get_n_pending (store), ==, 1);
  g_assert_cmpint (recorded, >, 0);
  g_clear_object (&store);

  integrity = pragma (f->path, "integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  /* The one earlier choice and every one that was confirmed. */
  g_assert_cmpint (count_rows (f->path, "choice"), ==, recorded + 1);
}

static guint
crash_kills (void)
{
  const char *env = g_getenv ("ATTUNE_CRASH_KILLS");

  return env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 100;
}

/* integrity_check as the next opening sees the file: read-write, so that
 * a journal a kill left is rolled back first, as SQLite does. */
static char *
integrity_check (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  /* Leave the -wal as the kill left it, for the next writer to recover. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Every choice id in the file. */
static GHashTable *
stored_choices (const char *path)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM choice", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

/* Kills a writer with SIGKILL at random moments (100 times; 1,000 in
 * `build-aux/dev soak`, through ATTUNE_CRASH_KILLS): the file must pass
 * integrity_check each time and hold every choice whose recording call
 * had returned (the writer prints each one's id after the call returns),
 * and no kill may leave a backup's temporary file behind for good. */
static void
test_crash (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  g_autoptr(GArray) confirmed = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *writer = g_getenv ("ATTUNE_CRASH_WRITER");
  guint kills = crash_kills (), lost = 0;

  g_assert_nonnull (writer);
  for (guint round = 0; round < kills; round++)
    {
      const char *argv[] = { writer, f->path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      g_autoptr(GHashTable) stored = NULL;
      g_autofree char *integrity = NULL;
      char buffer[4096];
      gssize n;
      gint64 kill_at;
      GPid pid;
      int out_fd, status;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                               &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      /* Even rounds: a random moment after the start, often while the
       * file is opened, recovered, checked or backed up. Odd rounds: a
       * random moment after the first confirmed choice, however slowly
       * the writer starts (under a sanitizer, say). */
      if (round % 2 == 1)
        while (strchr (output->str, '\n') == NULL && (n = read (out_fd, buffer, sizeof buffer)) > 0)
          g_string_append_len (output, buffer, n);
      kill_at = g_get_monotonic_time () + g_rand_int_range (rand, round % 2 == 1 ? 0 : 20000, round % 2 == 1 ? 100000 : 250000);
      while (g_get_monotonic_time () < kill_at)
        g_usleep (1000);
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));

      while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
        g_string_append_len (output, buffer, n);
      close (out_fd);

      /* Each complete line is a choice known to be recorded: "n id". */
      {
        g_auto(GStrv) lines = g_strsplit (output->str, "\n", -1);
        guint count = g_strv_length (lines);

        for (guint i = 0; i + 1 < count; i++)
          {
            const char *space = strchr (lines[i], ' ');
            gint64 id;

            g_assert_nonnull (space);
            id = g_ascii_strtoll (space + 1, NULL, 10);
            g_assert_cmpint (id, >, 0);
            g_array_append_val (confirmed, id);
          }
      }

      /* Killed before it had created the file (a slow start, under a
       * sanitizer say): nothing was confirmed, so nothing can be lost. */
      if (!g_file_test (f->path, G_FILE_TEST_EXISTS))
        {
          g_assert_cmpuint (confirmed->len, ==, 0);
          continue;
        }
      integrity = integrity_check (f->path);
      g_assert_cmpstr (integrity, ==, "ok");
      if (confirmed->len == 0)
        continue;
      stored = stored_choices (f->path);
      for (guint i = 0; i < confirmed->len; i++)
        if (!g_hash_table_contains (stored, &g_array_index (confirmed, gint64, i)))
          lost++;
      g_assert_cmpuint (lost, ==, 0);
    }
  /* For the soak's report: kills, confirmed decisions, losses. */
  g_test_message ("crash: %u kills, %u confirmed decisions, %u lost", kills, confirmed->len, lost);
  g_assert_cmpuint (confirmed->len, >, 0);
  /* The last writer's backup temporary, if a kill left one, goes at the
   * next opening. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttuneStore) store = attune_store_open (f->path, NULL, &error);
    g_autofree char *stale = g_strconcat (f->path, ".backup-new", NULL);

    g_assert_no_error (error);
    g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
    /* Every attempt a kill cut short is now abandoned (as the app's opening
     * does), none in progress. */
    g_assert_true (attune_store_reclaim_unfinished (store, &error));
    g_clear_object (&store);
    g_assert_cmpint (count_rows (f->path, "attempt WHERE ended_at IS NULL"), ==, 0);
  }
}

static void
test_queries_for_the_view (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (f->path, NULL, &error);
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GArray) trend = NULL;
  g_autoptr(GHashTable) played = NULL;
  AttuneStoreEvidence good[] = { { "reassure", 2 }, { "active-listening", 1 } };
  AttuneStoreEvidence bad[] = { { "reassure", -3 } };
  AttuneProgressSummary summary;
  gint64 profile, first, second;
  AttuneAttemptRecord *latest;
  AttuneChoiceRecord *choice;

  profile = attune_store_create_profile (store, "Dana", &error);
  first = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  attune_store_record_choice (store, first, "opening", 1, 3000, good, 2, &error);
  attune_store_record_choice (store, first, "details", 0, 5000, bad, 1, &error);
  attune_store_finish_attempt (store, first, "partly-resolved", 1, &error);
  second = attune_store_begin_attempt (store, profile, "expired-coupon", ATTUNE_ATTEMPT_ASSESSMENT, &error);
  g_assert_no_error (error);

  attempts = attune_store_list_attempts (store, profile, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 2);
  latest = g_ptr_array_index (attempts, 0);
  g_assert_cmpint (latest->id, ==, second);
  g_assert_null (latest->outcome);
  latest = g_ptr_array_index (attempts, 1);
  g_assert_cmpstr (latest->outcome, ==, "partly-resolved");
  g_assert_cmpuint (latest->n_choices, ==, 2);
  /* The score: 3 good weight points of 6 in all. */
  g_assert_cmpuint (latest->good_weight, ==, 3);
  g_assert_cmpuint (latest->total_weight, ==, 6);

  choices = attune_store_list_choices (store, first, &error);
  g_assert_cmpuint (choices->len, ==, 2);
  choice = g_ptr_array_index (choices, 0);
  g_assert_cmpuint (choice->seq, ==, 1);
  g_assert_cmpstr (choice->node, ==, "opening");
  g_assert_cmpuint (choice->choice_index, ==, 1);
  g_assert_cmpuint (choice->time_taken_ms, ==, 3000);
  g_assert_cmpuint (choice->evidence->len, ==, 2);

  g_assert_true (attune_store_get_summary (store, profile, g_get_real_time (), &summary, &error));
  g_assert_cmpuint (summary.sessions_this_week, ==, 2);
  g_assert_cmpint (summary.practised_us, >=, 0);

  trend = attune_store_get_trend (store, profile, 8, g_get_real_time (), &error);
  g_assert_cmpuint (trend->len, ==, 8);
  /* This week: one good decision (net +3) and one poor (net -3). */
  g_assert_cmpuint (g_array_index (trend, AttuneTrendPoint, 7).good, ==, 1);
  g_assert_cmpuint (g_array_index (trend, AttuneTrendPoint, 7).total, ==, 2);
  g_assert_cmpuint (g_array_index (trend, AttuneTrendPoint, 0).total, ==, 0);

  played = attune_store_get_last_played (store, profile, &error);
  g_assert_nonnull (g_hash_table_lookup (played, "late-parcel"));
  g_assert_nonnull (g_hash_table_lookup (played, "expired-coupon"));
  g_assert_null (g_hash_table_lookup (played, "booking-website"));
}

/* Every earlier schema version opens, migrates to the current one and
 * keeps its data; a backup of the old file is taken first. */
static void
test_migrations (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = g_test_build_filename (G_TEST_DIST, "fixtures", "progress", "v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *backup = g_strconcat (f->path, ".backup-1", NULL);
  g_autofree char *version = NULL;
  g_autofree char *backup_version = NULL;
  g_autoptr(AttuneStore) store = NULL;
  sqlite3 *db;

  /* Version 0: an empty file (or one from before Attune kept progress). */
  {
    g_autofree char *empty = g_build_filename (f->dir, "v0.db", NULL);
    g_autoptr(AttuneStore) fresh = NULL;
    g_autofree char *v = NULL;

    g_assert_cmpint (sqlite3_open (empty, &db), ==, SQLITE_OK);
    sqlite3_exec (db, "PRAGMA user_version = 0", NULL, NULL, NULL);
    sqlite3_close (db);
    fresh = attune_store_open (empty, NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&fresh);
    v = pragma (empty, "user_version");
    g_assert_cmpint (atoi (v), ==, ATTUNE_STORE_SCHEMA_VERSION);
  }

  /* Version 1, with history. */
  g_assert_true (g_file_get_contents (v1, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = attune_store_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_find_profile (store, "Dana"), ==, 1);
  g_assert_cmpint (attune_store_get_active_profile (store), ==, 1);
  g_assert_true (attune_store_lesson_was_read (store, 1, "reassure"));
  g_assert_cmpint (attune_store_count_choices (store, 1), ==, 2);
  g_clear_object (&store);

  version = pragma (f->path, "user_version");
  g_assert_cmpint (atoi (version), ==, ATTUNE_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (f->path, "evidence"), ==, 3);
  /* The index version 2 added. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE name = 'evidence_by_time'", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  /* The old file was backed up, as it was, before migrating. */
  backup_version = pragma (backup, "user_version");
  g_assert_cmpstr (backup_version, ==, "1");
}

/* The order the replies were shown in is kept with the authored choice,
 * and each attempt carries the credit its evidence counts for: a fresh
 * attempt in full, a retry (from the debrief, or the same role-play again
 * within hours) less, and after the expert path least. */
static void
test_shown_order_and_credit (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (f->path, NULL, &error);
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  AttuneStoreEvidence given[] = { { "active-listening", 2 } };
  const guint8 order[] = { 2, 0, 1 };
  gint64 profile, first, again, expert, other;

  g_assert_no_error (error);
  profile = attune_store_create_profile (store, "Ana", &error);
  first = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_record_choice_full (store, first, "opening", 1, order, 3, 1500, given, 1, &error), >, 0);
  g_assert_cmpint (attune_store_record_choice (store, first, "details", 0, 900, given, 1, &error), >, 0);
  choices = attune_store_list_choices (store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 2);
  g_assert_cmpuint (((AttuneChoiceRecord *) choices->pdata[0])->choice_index, ==, 1);
  g_assert_cmpstr (((AttuneChoiceRecord *) choices->pdata[0])->shown_order, ==, "2,0,1");
  g_assert_null (((AttuneChoiceRecord *) choices->pdata[1])->shown_order);

  /* The same role-play again straight away is a retry, whatever the caller says. */
  again = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  expert = attune_store_begin_attempt_full (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH,
                                            ATTUNE_ATTEMPT_RETRY_AFTER_EXPERT, &error);
  other = attune_store_begin_attempt (store, profile, "lonely-caller", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (attune_store_get_attempt_credit (store, first), ==, 1.0);
  g_assert_cmpfloat (attune_store_get_attempt_credit (store, again), ==, 0.25);
  g_assert_cmpfloat (attune_store_get_attempt_credit (store, expert), ==, 0.1);
  g_assert_cmpfloat (attune_store_get_attempt_credit (store, other), ==, 1.0);

  /* Evidence carries its attempt's credit and role-play. */
  attune_store_record_choice (store, expert, "opening", 1, 1000, given, 1, &error);
  evidence = attune_store_get_evidence (store, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 3);
  g_assert_cmpfloat (((AttuneEvidenceRecord *) evidence->pdata[0])->credit, ==, 1.0);
  g_assert_cmpfloat (((AttuneEvidenceRecord *) evidence->pdata[2])->credit, ==, 0.1);
  g_assert_cmpstr (((AttuneEvidenceRecord *) evidence->pdata[2])->scenario, ==, "late-parcel");
}

/* The worker's calls run at a lower priority than the thread that asked,
 * so a busy CPU delays an export rather than the window's next frame. */
static gpointer
read_priority (AttuneStore   *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  int *priority = g_new (int, 1);

  *(gboolean *) data = g_thread_self () != NULL;
  *priority = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
  return priority;
}

static void
priority_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(int **) user_data = attune_store_call_finish (ATTUNE_STORE (source), result, NULL);
}

static void
test_worker_yields (StoreFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (f->path, NULL, &error);
  g_autofree int *worker = NULL;
  gboolean ran = FALSE;
  int mine = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));

  g_assert_no_error (error);
  attune_store_call_async (store, read_priority, &ran, NULL, g_free, NULL, priority_read, &worker);
  while (worker == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ran);
  g_assert_cmpint (*worker, ==, MIN (mine + 10, 19));
  /* The calling thread is untouched. */
  g_assert_cmpint (getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid)), ==, mine);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)
  ADD ("/store/create-and-record", test_create_and_record);
  ADD ("/store/newer-version-untouched", test_newer_version_untouched);
  ADD ("/store/damaged-file-restored", test_damaged_file_restored);
  ADD ("/store/not-a-database", test_not_a_database);
  ADD ("/store/unwritable-place", test_unwritable_place);
  ADD ("/store/backups", test_backups);
  ADD ("/store/queries-for-the-view", test_queries_for_the_view);
  ADD ("/store/migrations", test_migrations);
  ADD ("/store/shown-order-and-credit", test_shown_order_and_credit);
  ADD ("/store/disk-full", test_disk_full);
  ADD ("/store/crash", test_crash);
  ADD ("/store/worker-yields", test_worker_yields);
#undef ADD
  return g_test_run ();
}
