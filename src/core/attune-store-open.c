/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneStore, continued: opening the file, and telling damage from
 * everything else.
 *
 *  - Nothing is written until the file has been checked. The check runs
 *    with checkpoint-on-close turned off, so that closing a connection
 *    never folds a -wal file into the database before it was judged.
 *  - Only SQLITE_CORRUPT, SQLITE_NOTADB or a quick_check row other than
 *    "ok" mean damage: then the file, its -wal and -shm are moved aside as
 *    *.corrupt-<time> and the newest good backup is restored. A lock, a
 *    full disk, a read-only file or folder or a disk error are reported and
 *    every file is left as it was.
 *  - A foreign -wal: each file carries Attune's application_id and a
 *    random file id (app_state 'file-id'), written into the database file
 *    itself when it is created, and every save touches app_state (see
 *    _attune_store_count_save()), so any log Attune wrote holds its file's
 *    id. The id is read from the database file alone (immutable=1, the log
 *    ignored) and again with the log replayed; when they differ the log
 *    belongs to another file, and it is moved aside unused.
 *  - Read-only opening (exports) never migrates, repairs or backs up, and
 *    leaves the folder as it was: a file nobody has open (no -wal, -shm or
 *    -journal) is read into memory and checked there.
 *  - At start-up, attempts a crash left without an outcome are marked
 *    abandoned.
 */
#include "config.h"

#include <errno.h>
#include <sqlite3.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attune-store-private.h"

typedef enum
{
  PROBE_OK,
  PROBE_DAMAGED,
  PROBE_FOREIGN_LOG,
  PROBE_FAILED,
} ProbeVerdict;

typedef struct
{
  gboolean read;          /* FALSE when it could not be read at all */
  int rc;                 /* why not */
  gint64 application_id;
  char *file_id;          /* NULL before it was given one */
} Identity;

static void
identity_clear (Identity *identity)
{
  g_clear_pointer (&identity->file_id, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Identity, identity_clear)

static int
busy_timeout_ms (void)
{
  /* For tests only: how long to wait for another program's lock. */
  const char *env = g_getenv ("ATTUNE_STORE_BUSY_TIMEOUT_MS");

  return env != NULL ? (int) g_ascii_strtoll (env, NULL, 10) : 5000;
}

static void
configure (sqlite3 *db)
{
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, busy_timeout_ms ());
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  _attune_store_register_functions (db);
}

static void
read_identity (sqlite3  *db,
               Identity *identity)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  identity->read = FALSE;
  rc = sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      identity->rc = rc;
      sqlite3_finalize (stmt);
      return;
    }
  identity->application_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  /* No app_state table yet is not a failure: the file has no id. */
  if (sqlite3_prepare_v2 (db, "SELECT value FROM app_state WHERE key = 'file-id'", -1, &stmt, NULL) == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        identity->file_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        {
          identity->rc = rc;
          sqlite3_finalize (stmt);
          return;
        }
    }
  sqlite3_finalize (stmt);
  identity->read = TRUE;
}

/* The identity in the database file alone, as if there were no -wal. */
static void
read_identity_without_log (const char *path,
                           Identity   *identity)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);
  sqlite3 *db = NULL;

  identity->read = FALSE;
  if (uri != NULL &&
      sqlite3_open_v2 (immutable, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      read_identity (db, identity);
    }
  sqlite3_close_v2 (db);
}

static gboolean
has_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

static gboolean
is_damage (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* Judges the file @db has open, writing nothing. */
static ProbeVerdict
probe (sqlite3     *db,
       const char  *path,
       gboolean     check_log,
       GError     **error)
{
  const char *file = sqlite3_db_filename (db, "main");
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* @path names the file for people; @file is the one open (a private
   * copy, or "" for one read into memory). */
  if (check_log && file != NULL && *file != '\0' && has_log (file))
    {
      g_auto(Identity) after = { 0 };
      gboolean differs = TRUE;

      /* The file alone is read without locks: another process folding
       * its -wal in at that moment could tear the read. A -wal is foreign
       * only if two readings agree that it is. */
      read_identity (db, &after);
      if (!after.read && !is_damage (after.rc))
        {
          _attune_store_set_error (error, db, after.rc, path);
          return PROBE_FAILED;
        }
      for (guint reading = 0; reading < 2 && differs; reading++)
        {
          g_auto(Identity) before = { 0 };

          if (reading > 0)
            g_usleep (50 * 1000);
          read_identity_without_log (file, &before);
          differs = before.read &&
                    ((!after.read && is_damage (after.rc)) ||
                     (after.read &&
                      ((before.application_id != 0 && before.application_id != after.application_id) ||
                       (before.file_id != NULL && g_strcmp0 (before.file_id, after.file_id) != 0))));
        }
      if (differs)
        return PROBE_FOREIGN_LOG;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (result, "ok") != 0)
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                       /* Translators: the first %s is a file path, the second SQLite's finding */
                       _("The progress file %s is damaged (%s)."), path, result);
          sqlite3_finalize (stmt);
          return PROBE_DAMAGED;
        }
      sqlite3_finalize (stmt);
    }
  else
    {
      sqlite3_finalize (stmt);
      _attune_store_set_error (error, db, rc, path);
      return is_damage (rc) ? PROBE_DAMAGED : PROBE_FAILED;
    }

  stmt = NULL;
  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      _attune_store_set_error (error, db, rc, path);
      return is_damage (rc) ? PROBE_DAMAGED : PROBE_FAILED;
    }
  if (sqlite3_column_int (stmt, 0) > ATTUNE_STORE_SCHEMA_VERSION)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NEWER_VERSION,
                   _("Your progress was saved by a newer version of Attune and cannot be read by this one. It has been left untouched; update Attune to see it."));
      return PROBE_FAILED;
    }
  sqlite3_finalize (stmt);
  return PROBE_OK;
}

static char *
timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y%m%dT%H%M%SZ");
}

/* Moves the damaged file and its journal files aside, keeping them. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autofree char *stamp = timestamp ();
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  static const char *suffixes[] = { "-wal", "-shm" };

  if (g_rename (path, target) != 0)
    {
      int saved = errno;

      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   /* Translators: the first %s is a file path, the second the system's reason */
                   _("The progress file %s is damaged and could not be moved aside (%s). Check that you may write to its folder, then open Attune again."),
                   path, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  return g_steal_pointer (&target);
}

/* Moves a -wal that belongs to another database (and its -shm, built
 * from it) aside, so that the database opens without it. */
static char *
move_log_aside (const char  *path,
                GError     **error)
{
  g_autofree char *stamp = timestamp ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *target = g_strdup_printf ("%s.foreign-wal-%s", path, stamp);
  g_autofree char *shm_target = g_strdup_printf ("%s.foreign-shm-%s", path, stamp);

  if (g_rename (wal, target) != 0)
    {
      int saved = errno;

      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FOREIGN_LOG,
                   /* Translators: the first %s is a file path, the second the system's reason */
                   _("Beside the progress file lies %s, a journal that belongs to another database, and it could not be moved aside (%s). Move it elsewhere, then open Attune again."),
                   wal, g_strerror (saved));
      return NULL;
    }
  if (g_file_test (shm, G_FILE_TEST_EXISTS))
    g_rename (shm, shm_target);
  return g_steal_pointer (&target);
}

/* Restores the newest backup that passes quick_check into @path. */
static gboolean
restore_newest_backup (const char *path)
{
  g_auto(GStrv) backups = _attune_store_list_backups (path);
  g_autofree char *tmp = g_strconcat (path, ".restoring", NULL);

  for (guint i = 0; backups[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      sqlite3 *db = _attune_store_open_snapshot (backups[i], &error);

      if (db == NULL)
        continue;
      if (probe (db, backups[i], FALSE, &error) == PROBE_OK &&
          _attune_store_copy_database (db, tmp, &error) && g_rename (tmp, path) == 0)
        {
          sqlite3_close_v2 (db);
          return TRUE;
        }
      sqlite3_close_v2 (db);
      g_unlink (tmp);
    }
  return FALSE;
}

/* Gives a file Attune's application_id and its own random id, so that a
 * -wal from another file can be told apart (see the top of this file). */
static gboolean
ensure_identity (AttuneStore  *self,
                 GError      **error)
{
  g_auto(Identity) identity = { 0 };
  gboolean wrote = FALSE;

  read_identity (self->db, &identity);
  if (!identity.read)
    return _attune_store_set_error (error, self->db, identity.rc, self->path);
  if (identity.application_id != ATTUNE_STORE_APPLICATION_ID)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d", ATTUNE_STORE_APPLICATION_ID);

      if (!_attune_store_exec (self, sql, error))
        return FALSE;
      wrote = TRUE;
    }
  if (identity.file_id == NULL)
    {
      g_autofree char *id = g_uuid_string_random ();
      sqlite3_stmt *stmt = _attune_store_prepare (self, "INSERT INTO app_state (key, value) VALUES ('file-id', ?1)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (!_attune_store_step_done (self, stmt, error))
        return FALSE;
      wrote = TRUE;
    }
  /* An older file in WAL mode: put the id into the database file itself. */
  if (wrote)
    sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;
}

/**
 * attune_store_reclaim_unfinished:
 *
 * Marks the attempts a crash left running as abandoned, ending them at
 * their last recorded choice. Only the app calls it, once, as it opens its
 * store: other connections (the learning record store's sync, the command
 * line) must never end an attempt the app is recording.
 */
gboolean
attune_store_reclaim_unfinished (AttuneStore  *self,
                                 GError      **error)
{
  if (!_attune_store_exec (self,
                           "UPDATE attempt SET outcome = 'abandoned',"
                           " ended_at = coalesce((SELECT max(chosen_at) FROM choice WHERE choice.attempt_id = attempt.id), started_at)"
                           " WHERE ended_at IS NULL", error))
    return FALSE;
  self->n_reclaimed = (guint) sqlite3_changes (self->db);
  return TRUE;
}

static sqlite3 *
open_file (const char  *path,
           int          flags,
           GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      return NULL;
    }
  configure (db);
  return db;
}

/**
 * attune_store_open:
 * @path: the database file; created (with its folder) if missing
 * @result: (out) (optional): what opening involved
 *
 * Opens the progress store for recording. Damage is repaired without
 * losing anything (the damaged file is kept); any other failure leaves
 * every file as it was, and the caller runs without saving and tells the
 * user the error's message.
 */
AttuneStore *
attune_store_open (const char             *path,
                   AttuneStoreOpenResult  *result,
                   GError                **error)
{
  g_autoptr(AttuneStore) self = g_object_new (ATTUNE_TYPE_STORE, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  AttuneStoreOpenResult outcome = ATTUNE_STORE_OPENED;
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  int version;

  self->path = g_strdup (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY,
                   _("Your progress cannot be saved: the folder %s cannot be created. Practice still works, but it is not recorded."),
                   dir);
      return NULL;
    }
  /* A backup or a restore a kill interrupted. */
  _attune_store_remove_stale (path);

  for (guint tries = 0; self->db == NULL; tries++)
    {
      g_autoptr(GError) local_error = NULL;
      ProbeVerdict verdict;
      sqlite3 *db = open_file (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);

      if (db == NULL)
        return NULL;
      verdict = probe (db, path, TRUE, &local_error);
      if (verdict == PROBE_OK)
        {
          self->db = db;
          break;
        }
      sqlite3_close_v2 (db);
      if (verdict == PROBE_FAILED || tries >= 2)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (verdict == PROBE_FOREIGN_LOG)
        {
          g_free (self->foreign_log);
          self->foreign_log = move_log_aside (path, error);
          if (self->foreign_log == NULL)
            return NULL;
          continue;
        }
      /* Damaged: keep it, restore a backup, check again. */
      g_free (self->damaged_copy);
      self->damaged_copy = move_aside (path, error);
      if (self->damaged_copy == NULL)
        return NULL;
      outcome = restore_newest_backup (path) ? ATTUNE_STORE_RESTORED : ATTUNE_STORE_RESET;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      _attune_store_set_error (error, self->db, SQLITE_READONLY, path);
      return NULL;
    }
  version = 0;
  {
    g_autoptr(sqlite3_stmt) stmt = _attune_store_prepare (self, "PRAGMA user_version", error);

    if (stmt == NULL)
      return NULL;
    if (sqlite3_step (stmt) == SQLITE_ROW)
      version = sqlite3_column_int (stmt, 0);
  }

  /* For tests only: a disk that fills up after this many pages. */
  if (g_getenv ("ATTUNE_STORE_MAX_PAGES") != NULL)
    {
      g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GUINT64_FORMAT,
                                                g_ascii_strtoull (g_getenv ("ATTUNE_STORE_MAX_PAGES"), NULL, 10));

      if (!_attune_store_exec (self, limit, error))
        return NULL;
    }

  /* A new file is set up in rollback mode, so that its identity is in the
   * database file itself before it first has a -wal. */
  if (!_attune_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !_attune_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_attune_store_migrate (self, version, error) ||
      !ensure_identity (self, error) ||
      !_attune_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      /* Can it be written? A read-only folder says so here, not at the
       * learner's first decision. */
      !_attune_store_exec (self, "BEGIN IMMEDIATE; COMMIT", error))
    return NULL;
  /* Checked and set up: closing may now fold the -wal in as usual. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  if (outcome == ATTUNE_STORE_OPENED && (!existed || version == 0))
    outcome = ATTUNE_STORE_CREATED;
  if (result != NULL)
    *result = outcome;
  return g_steal_pointer (&self);
}

static gboolean
exists_with (const char *path,
             const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);

  return g_file_test (name, G_FILE_TEST_EXISTS);
}

/* Copies @from to @to, refusing a copy torn by a write under way. */
static gboolean
copy_unchanged (const char  *from,
                const char  *to,
                const char  *path,
                GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) io_error = NULL;
  GStatBuf before, after;
  gsize len;

  /* The store's own error says what it means for the learner; the
   * system's reason goes to the log. */
  if (g_stat (from, &before) != 0 || !g_file_get_contents (from, &data, &len, &io_error) || g_stat (from, &after) != 0)
    {
      if (io_error != NULL)
        g_message ("%s", io_error->message);
      return _attune_store_set_error (error, NULL, SQLITE_CANTOPEN, path);
    }
  if (before.st_mtime != after.st_mtime || before.st_size != after.st_size || (gsize) after.st_size != len)
    return _attune_store_set_error (error, NULL, SQLITE_BUSY, path);
  if (!g_file_set_contents (to, data, len, &io_error))
    {
      g_message ("%s", io_error->message);
      return _attune_store_set_error (error, NULL, SQLITE_CANTOPEN, path);
    }
  return TRUE;
}

/* A crash left a -wal but nobody has the file open (no -shm): read the
 * file and its -wal in a private copy, so that replaying the log leaves
 * nothing beside the original. */
static sqlite3 *
open_private_copy (AttuneStore  *self,
                   const char   *path,
                   GError      **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *from_wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *to_wal = NULL;

  self->private_dir = g_dir_make_tmp ("attune-read-XXXXXX", NULL);
  if (self->private_dir == NULL)
    return _attune_store_set_error (error, NULL, SQLITE_CANTOPEN, path), NULL;
  copy = g_build_filename (self->private_dir, "progress.db", NULL);
  to_wal = g_strconcat (copy, "-wal", NULL);
  if (!copy_unchanged (path, copy, path, error) || !copy_unchanged (from_wal, to_wal, path, error))
    return NULL;
  return open_file (copy, SQLITE_OPEN_READWRITE, error);
}

/**
 * attune_store_open_read_only:
 *
 * Opens @path for reading only, as exports do: nothing is migrated,
 * repaired, backed up or written, and the folder is left as it was. A
 * damaged file, a file from a newer Attune or a foreign -wal is an error
 * that says what to do.
 */
AttuneStore *
attune_store_open_read_only (const char  *path,
                             GError     **error)
{
  g_autoptr(AttuneStore) self = g_object_new (ATTUNE_TYPE_STORE, NULL);
  g_autoptr(GError) local_error = NULL;
  ProbeVerdict verdict;

  self->path = g_strdup (path);
  self->read_only = TRUE;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return _attune_store_set_error (error, NULL, SQLITE_CANTOPEN, path), NULL;

  /* Nobody has it open: read it whole and check that copy, so that not
   * even a -shm is left behind. Otherwise share it as SQLite does. */
  if (!exists_with (path, "-wal") && !exists_with (path, "-shm") && !exists_with (path, "-journal"))
    self->db = _attune_store_open_snapshot (path, &local_error);
  else if (exists_with (path, "-wal") && !exists_with (path, "-shm") && !exists_with (path, "-journal"))
    self->db = open_private_copy (self, path, &local_error);
  else
    self->db = open_file (path, SQLITE_OPEN_READONLY, &local_error);
  if (self->db == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  configure (self->db);

  verdict = probe (self->db, path, TRUE, &local_error);
  switch (verdict)
    {
    case PROBE_OK:
      return g_steal_pointer (&self);
    case PROBE_DAMAGED:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   /* Translators: %s is a file path */
                   _("The progress file %s is damaged, so nothing was exported and nothing was changed. Open Attune, which keeps the damaged file aside and restores the newest backup, then export again."),
                   path);
      return NULL;
    case PROBE_FOREIGN_LOG:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FOREIGN_LOG,
                   /* Translators: %s is a file path */
                   _("Beside the progress file %s lies a journal (-wal) that belongs to another database, so nothing was exported and nothing was changed. Open Attune, which sets the journal aside, then export again."),
                   path);
      return NULL;
    case PROBE_FAILED:
    default:
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
}
