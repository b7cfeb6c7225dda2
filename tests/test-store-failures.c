/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress store against real failures, on real files: another
 * program's lock, a full disk, disk errors, read-only files and folders,
 * a -wal from another database, read-only opening for exports, and
 * attempts a crash left open. Only damage may move a file; everything
 * else is reported, every file left as it was, and writes that could
 * not be saved are kept and saved later.
 *
 * Faults come from a failing SQLite VFS (attune-test-vfs.c) installed as
 * SQLite's default, so the store runs unchanged on top of it.
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "attune-store.h"
#include "attune-test-store.h"
#include "attune-test-vfs.h"

static AttuneStoreEvidence evidence[] = { { "reassure", 2 }, { "active-listening", -1 } };

static void
setup (StoreFixture *f, gconstpointer data)
{
  store_fixture_setup (f, data);
  attune_test_vfs_fail (ATTUNE_TEST_FAULT_NONE);
  attune_test_vfs_respect_modes (FALSE);
}

static void
teardown (StoreFixture *f, gconstpointer data)
{
  attune_test_vfs_fail (ATTUNE_TEST_FAULT_NONE);
  attune_test_vfs_respect_modes (FALSE);
  store_fixture_teardown (f, data);
}

static void
count_signal (AttuneStore *store, guint *count)
{
  (*count)++;
}

/* A store with one profile and @n recorded decisions, closed. */
static void
store_with_decisions (const char *path, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (path, NULL, &error);
  gint64 profile, attempt;

  g_assert_no_error (error);
  profile = attune_store_create_profile (store, "Dana", &error);
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (attune_store_record_choice (store, attempt, "opening", i % 3, 900, evidence, 2, &error), >, 0);
  g_assert_true (attune_store_finish_attempt (store, attempt, "resolved", 2, &error));
  g_assert_no_error (error);
}

/* No file in @dir was moved aside as damaged or replaced. */
static void
assert_nothing_moved (const char *dir)
{
  g_autofree char *corrupt = find_file_containing (dir, ".corrupt-");

  g_assert_null (corrupt);
}

/* Another program changed the file to rollback-journal mode and holds an
 * exclusive lock: opening waits, then says the file is in use. Nothing is
 * renamed or restored, and the other program's commit lands in the file. */
static void
test_locked_by_another_program (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autofree char *backup = g_strconcat (f->path, ".backup-1", NULL);
  sqlite3 *other;

  store_with_decisions (f->path, 57);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE;"
                                 "UPDATE profile SET name = 'Dana B.';", NULL, NULL, NULL), ==, SQLITE_OK);

  g_setenv ("ATTUNE_STORE_BUSY_TIMEOUT_MS", "300", TRUE);
  store = attune_store_open (f->path, NULL, &error);
  g_unsetenv ("ATTUNE_STORE_BUSY_TIMEOUT_MS");
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  assert_nothing_moved (f->dir);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_clear_error (&error);
  store = attune_store_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_find_profile (store, "Dana B."), >, 0);
  g_clear_object (&store);
  g_assert_cmpint (count_rows (f->path, "choice"), ==, 57);
}

/* A brief lock while recording: saving pauses, every decision is kept,
 * and once the lock is gone a retry saves them all, in order, and the
 * notice clears. An attempt begun while paused gets a provisional id
 * that works until it is saved. */
static void
test_lock_while_recording (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  gint64 profile, attempt, later;
  guint changes = 0;
  sqlite3 *other;

  store_with_decisions (f->path, 3);
  g_setenv ("ATTUNE_STORE_BUSY_TIMEOUT_MS", "200", TRUE);
  store = attune_store_open (f->path, NULL, &error);
  g_unsetenv ("ATTUNE_STORE_BUSY_TIMEOUT_MS");
  g_assert_no_error (error);
  g_signal_connect (store, "saving-changed", G_CALLBACK (count_signal), &changes);
  profile = attune_store_find_profile (store, "Dana");
  attempt = attune_store_begin_attempt (store, profile, "expired-coupon", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_cmpint (attempt, >, 0);
  g_assert_cmpint (attune_store_record_choice (store, attempt, "opening", 0, 1000, evidence, 2, &error), >, 0);

  /* Another program takes the write lock (WAL: readers still read). */
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (attune_store_record_choice (store, attempt, "details", 1, 1000, evidence, 2, &error), <, 0);
  g_assert_no_error (error);
  g_assert_error ((GError *) attune_store_get_saving_error (store), ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_BUSY);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (attune_store_record_choice (store, attempt, "offer", 2, 1000, evidence, 1, &error), <, 0);
  g_assert_true (attune_store_finish_attempt (store, attempt, "resolved", 3, &error));
  later = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_ASSESSMENT, &error);
  g_assert_cmpint (later, <, 0);
  g_assert_cmpint (attune_store_record_choice (store, later, "opening", 2, 1000, evidence, 2, &error), <, 0);
  g_assert_true (attune_store_mark_lesson_read (store, profile, "reassure", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (attune_store_get_n_pending (store), ==, 6);
  /* Still locked: a retry keeps everything. */
  g_assert_false (attune_store_retry (store));
  g_assert_cmpuint (attune_store_get_n_pending (store), ==, 6);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  /* The store retries by itself every second. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (attune_store_get_saving_error (store) != NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_null (attune_store_get_saving_error (store));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (attune_store_get_n_pending (store), ==, 0);

  choices = attune_store_list_choices (store, attempt, &error);
  g_assert_cmpuint (choices->len, ==, 3);
  g_assert_cmpstr (((AttuneChoiceRecord *) choices->pdata[1])->node, ==, "details");
  g_assert_cmpuint (((AttuneChoiceRecord *) choices->pdata[2])->seq, ==, 3);
  /* The provisional id still names the attempt it stood for. */
  g_assert_cmpint (attune_store_count_choices (store, later), ==, 1);
  g_assert_true (attune_store_abandon_attempt (store, later, &error));
  g_assert_no_error (error);
  g_assert_true (attune_store_lesson_was_read (store, profile, "reassure"));
  g_clear_object (&store);
  {
    g_autofree char *outcome = query_text (f->path, "SELECT outcome FROM attempt WHERE scenario_id = 'expired-coupon'");

    g_assert_cmpstr (outcome, ==, "resolved");
  }
  g_assert_cmpint (count_rows (f->path, "choice"), ==, 3 + 4);
}

/* Writes fail with @fault until it is lifted: recording pauses with
 * @code and a message containing @words, then resumes with nothing lost. */
static void
check_transient_write_fault (StoreFixture   *f,
                             AttuneTestFault fault,
                             int             code,
                             const char     *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autofree char *integrity = NULL;
  guint injected = attune_test_vfs_get_n_injected ();
  gint64 profile, attempt;
  guint changes = 0;

  store_with_decisions (f->path, 5);
  store = attune_store_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "saving-changed", G_CALLBACK (count_signal), &changes);
  profile = attune_store_find_profile (store, "Dana");
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_cmpint (attune_store_record_choice (store, attempt, "opening", 0, 1000, evidence, 2, &error), >, 0);

  attune_test_vfs_fail (fault);
  g_assert_cmpint (attune_store_record_choice (store, attempt, "details", 1, 1000, evidence, 2, &error), <, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (attune_test_vfs_get_n_injected (), >, injected);
  g_assert_error ((GError *) attune_store_get_saving_error (store), ATTUNE_STORE_ERROR, code);
  g_assert_nonnull (strstr (attune_store_get_saving_error (store)->message, words));
  g_assert_cmpint (attune_store_record_choice (store, attempt, "offer", 2, 1000, evidence, 2, &error), <, 0);
  g_assert_false (attune_store_retry (store));
  g_assert_cmpuint (attune_store_get_n_pending (store), ==, 2);

  attune_test_vfs_fail (ATTUNE_TEST_FAULT_NONE);
  g_assert_true (attune_store_retry (store));
  g_assert_null (attune_store_get_saving_error (store));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpint (attune_store_count_choices (store, attempt), ==, 3);
  g_clear_object (&store);

  assert_nothing_moved (f->dir);
  integrity = pragma (f->path, "integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (count_rows (f->path, "choice"), ==, 5 + 3);
}

static void
test_disk_full_then_freed (StoreFixture *f, gconstpointer data)
{
  check_transient_write_fault (f, ATTUNE_TEST_FAULT_FULL, ATTUNE_STORE_ERROR_FULL, "disk is full");
}

static void
test_write_error_then_fixed (StoreFixture *f, gconstpointer data)
{
  check_transient_write_fault (f, ATTUNE_TEST_FAULT_IO_WRITE, ATTUNE_STORE_ERROR_IO, "disk error");
}

static void
test_busy_lock_then_free (StoreFixture *f, gconstpointer data)
{
  g_setenv ("ATTUNE_STORE_BUSY_TIMEOUT_MS", "200", TRUE);
  check_transient_write_fault (f, ATTUNE_TEST_FAULT_BUSY, ATTUNE_STORE_ERROR_BUSY, "in use by another program");
  g_unsetenv ("ATTUNE_STORE_BUSY_TIMEOUT_MS");
}

/* Opening fails with @fault: the error is @code, no file is renamed,
 * replaced or written, and the file opens with everything once the fault
 * is gone. */
static void
check_open_fault (StoreFixture   *f,
                  AttuneTestFault fault,
                  int             code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint injected = attune_test_vfs_get_n_injected ();

  store_with_decisions (f->path, 57);
  before = checksum_file (f->path);
  attune_test_vfs_fail (fault);
  store = attune_store_open (f->path, NULL, &error);
  attune_test_vfs_fail (ATTUNE_TEST_FAULT_NONE);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, code);
  g_assert_cmpuint (attune_test_vfs_get_n_injected (), >, injected);
  assert_nothing_moved (f->dir);
  after = checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);

  g_clear_error (&error);
  store = attune_store_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (count_rows (f->path, "choice"), ==, 57);
}

/* No room for the -shm: the healthy file is neither renamed nor replaced
 * by an empty one. */
static void
test_full_disk_at_open (StoreFixture *f, gconstpointer data)
{
  check_open_fault (f, ATTUNE_TEST_FAULT_FULL, ATTUNE_STORE_ERROR_FULL);
}

static void
test_read_error_at_open (StoreFixture *f, gconstpointer data)
{
  check_open_fault (f, ATTUNE_TEST_FAULT_IO_READ, ATTUNE_STORE_ERROR_IO);
}

/* Read-only file, then read-only folder. Tests may run as root, for whom
 * chmod stops nothing, so the VFS honours the permission bits as an
 * unprivileged user meets them; the same is asserted for everyone. */
static void
test_read_only_file_and_folder (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  store_with_decisions (f->path, 57);
  before = checksum_file (f->path);
  attune_test_vfs_respect_modes (TRUE);

  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  store = attune_store_open (f->path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "cannot be written"));
  g_clear_error (&error);
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);

  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  store = attune_store_open (f->path, NULL, &error);
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY);
  g_assert_null (strstr (error->message, "damaged"));
  g_clear_error (&error);

  attune_test_vfs_respect_modes (FALSE);
  assert_nothing_moved (f->dir);
  after = checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
  /* An export still reads a read-only file. */
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  attune_test_vfs_respect_modes (TRUE);
  store = attune_store_open_read_only (f->path, &error);
  attune_test_vfs_respect_modes (FALSE);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_find_profile (store, "Dana"), >, 0);
}

/* Copies @from to @to byte for byte. */
static void
copy_file (const char *from, const char *to)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &data, &len, NULL));
  g_assert_true (g_file_set_contents (to, data, len, NULL));
}

/* A -wal from another database beside a healthy file: it is set aside,
 * unused, with a message; exports refuse and change nothing. A file's
 * own -wal, left by a crash, is used as usual. */
static void
test_foreign_wal (StoreFixture *f, gconstpointer data)
{
  g_autofree char *other_dir = g_build_filename (f->dir, "other", NULL);
  g_autofree char *other = g_build_filename (other_dir, "progress.db", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneStore) writer = NULL;
  AttuneStoreOpenResult result;
  gint64 profile, attempt;

  store_with_decisions (f->path, 57);
  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);

  /* Another learner's file, 31 decisions still in its -wal. */
  store_with_decisions (other, 1);
  writer = attune_store_open (other, NULL, &error);
  profile = attune_store_find_profile (writer, "Dana");
  attempt = attune_store_begin_attempt (writer, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  for (guint i = 0; i < 30; i++)
    g_assert_cmpint (attune_store_record_choice (writer, attempt, "opening", 1, 700, evidence, 1, &error), >, 0);
  copy_file (other_wal, wal);
  g_clear_object (&writer);

  /* An export leaves the folder byte for byte as it was. */
  folder = describe_folder (f->dir);
  store = attune_store_open_read_only (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FOREIGN_LOG);
  after = describe_folder (f->dir);
  g_assert_cmpstr (folder, ==, after);
  g_clear_error (&error);

  store = attune_store_open (f->path, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, ATTUNE_STORE_OPENED);
  g_assert_nonnull (attune_store_get_foreign_log (store));
  g_assert_true (g_file_test (attune_store_get_foreign_log (store), G_FILE_TEST_IS_REGULAR));
  assert_nothing_moved (f->dir);
  g_assert_cmpint (attune_store_count_choices (store, 1), ==, 57);
  g_clear_object (&store);
  g_assert_cmpint (count_rows (f->path, "choice"), ==, 57);
  {
    g_autofree char *integrity = pragma (f->path, "integrity_check");

    g_assert_cmpstr (integrity, ==, "ok");
  }

  /* The file's own -wal, as a crash leaves it, is replayed. */
  writer = attune_store_open (f->path, NULL, &error);
  attempt = attune_store_begin_attempt (writer, 1, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (attune_store_record_choice (writer, attempt, "opening", 1, 700, evidence, 1, &error), >, 0);
  {
    g_autofree char *copy_dir = g_build_filename (f->dir, "crashed", NULL);
    g_autofree char *copy = g_build_filename (copy_dir, "progress.db", NULL);
    g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);

    g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
    copy_file (f->path, copy);
    copy_file (wal, copy_wal);
    store = attune_store_open (copy, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (attune_store_get_foreign_log (store));
    g_assert_cmpint (count_rows (copy, "choice"), ==, 62);
  }
}

/* Exports open read-only: a damaged file or one from a newer Attune is
 * an error that says what to do, and the folder stays byte for byte. */
static void
test_read_only_opening (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  /* Healthy, in WAL mode, closed: readable, and nothing appears. */
  store_with_decisions (f->path, 12);
  before = describe_folder (f->dir);
  store = attune_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_count_choices (store, 1), ==, 12);
  g_assert_cmpint (attune_store_begin_attempt (store, 1, "late-parcel", ATTUNE_ATTEMPT_COACH, &error), ==, 0);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);
  after = describe_folder (f->dir);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  /* Damaged. */
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
    for (gsize i = 4096; i < len; i++)
      contents[i] = (char) (i * 7);
    g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
  }
  before = describe_folder (f->dir);
  store = attune_store_open_read_only (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "nothing was changed"));
  g_clear_error (&error);
  after = describe_folder (f->dir);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  /* From a newer Attune. */
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; CREATE TABLE future (x); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = describe_folder (f->dir);
  store = attune_store_open_read_only (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NEWER_VERSION);
  after = describe_folder (f->dir);
  g_assert_cmpstr (before, ==, after);
}

/* A session killed mid-attempt: the next opening marks the attempt
 * abandoned, ended at its last decision, with its decisions kept. */
static void
test_unfinished_attempts_abandoned (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  AttuneAttemptRecord *record;
  gint64 profile, attempt;

  store_with_decisions (f->path, 2);
  store = attune_store_open (f->path, NULL, &error);
  profile = attune_store_find_profile (store, "Dana");
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_cmpint (attune_store_record_choice (store, attempt, "opening", 0, 1000, evidence, 2, &error), >, 0);
  g_assert_cmpint (attune_store_record_choice (store, attempt, "details", 0, 1000, evidence, 2, &error), >, 0);
  g_assert_cmpuint (attune_store_get_n_reclaimed (store), ==, 0);
  g_clear_object (&store);

  store = attune_store_open (f->path, NULL, &error);
  g_assert_no_error (error);
  /* The app does this as it opens its store; nothing else does. */
  g_assert_cmpuint (attune_store_get_n_reclaimed (store), ==, 0);
  g_assert_true (attune_store_reclaim_unfinished (store, &error));
  g_assert_cmpuint (attune_store_get_n_reclaimed (store), ==, 1);
  attempts = attune_store_list_attempts (store, profile, 0, &error);
  record = attempts->pdata[0];
  g_assert_cmpint (record->id, ==, attempt);
  g_assert_cmpstr (record->outcome, ==, "abandoned");
  g_assert_cmpuint (record->n_choices, ==, 2);
  g_assert_cmpint (record->ended_at, >=, record->started_at);
  {
    g_autoptr(GPtrArray) choices = attune_store_list_choices (store, attempt, &error);

    g_assert_cmpint (record->ended_at, ==, ((AttuneChoiceRecord *) choices->pdata[1])->chosen_at);
  }
}

/* A write that can never succeed (its attempt does not exist) is an
 * error at once: it does not pause saving or hold up what follows. */
static void
test_impossible_write_not_kept (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  gint64 attempt;

  store_with_decisions (f->path, 1);
  store = attune_store_open (f->path, NULL, &error);
  g_assert_cmpint (attune_store_record_choice (store, 9999, "opening", 0, 1000, evidence, 2, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (attune_store_begin_attempt (store, 9999, "late-parcel", ATTUNE_ATTEMPT_COACH, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (attune_store_get_saving_error (store));
  g_assert_cmpuint (attune_store_get_n_pending (store), ==, 0);
  attempt = attune_store_begin_attempt (store, 1, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_cmpint (attune_store_record_choice (store, attempt, "opening", 0, 1000, evidence, 2, &error), >, 0);
  g_assert_no_error (error);
}

/* Another process writing to the file all along (its -wal live, and
 * checkpointed into the file now and then): reading it or opening it
 * never takes its -wal for a foreign one, and never disturbs the writer
 * (it is still running when it is killed). */
static void
test_live_writer_not_foreign (StoreFixture *f, gconstpointer data)
{
  const char *writer = g_getenv ("ATTUNE_CRASH_WRITER");
  const char *argv[] = { writer, f->path, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status;

  g_assert_nonnull (writer);
  store_with_decisions (f->path, 1);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  while (count_rows (f->path, "choice") < 50)
    {
      g_assert_cmpint (waitpid (pid, &status, WNOHANG), ==, 0);
      g_usleep (10000);
    }
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(AttuneStore) reader = attune_store_open_read_only (f->path, &error);
      g_autoptr(AttuneStore) store = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (attune_store_count_choices (reader, 1), ==, 1);
      store = attune_store_open (f->path, NULL, &error);
      g_assert_no_error (error);
      g_assert_null (attune_store_get_foreign_log (store));
    }
  g_assert_cmpint (waitpid (pid, &status, WNOHANG), ==, 0);
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  {
    g_autofree char *foreign = find_file_containing (f->dir, "foreign");
    g_autofree char *integrity = pragma (f->path, "integrity_check");

    g_assert_null (foreign);
    g_assert_cmpstr (integrity, ==, "ok");
  }
  g_assert_cmpint (count_rows (f->path, "choice"), >, 50);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  attune_test_vfs_install ();

#define ADD(path, func) g_test_add (path, StoreFixture, NULL, setup, func, teardown)
  ADD ("/store-failures/locked-by-another-program", test_locked_by_another_program);
  ADD ("/store-failures/lock-while-recording", test_lock_while_recording);
  ADD ("/store-failures/disk-full-then-freed", test_disk_full_then_freed);
  ADD ("/store-failures/write-error-then-fixed", test_write_error_then_fixed);
  ADD ("/store-failures/busy-lock-then-free", test_busy_lock_then_free);
  ADD ("/store-failures/full-disk-at-open", test_full_disk_at_open);
  ADD ("/store-failures/read-error-at-open", test_read_error_at_open);
  ADD ("/store-failures/read-only-file-and-folder", test_read_only_file_and_folder);
  ADD ("/store-failures/foreign-wal", test_foreign_wal);
  ADD ("/store-failures/read-only-opening", test_read_only_opening);
  ADD ("/store-failures/unfinished-attempts-abandoned", test_unfinished_attempts_abandoned);
  ADD ("/store-failures/impossible-write-not-kept", test_impossible_write_not_kept);
  ADD ("/store-failures/live-writer-not-foreign", test_live_writer_not_foreign);
#undef ADD
  return g_test_run ();
}
