/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneStore: the learner's progress, in one SQLite file that must never
 * lose what it has been told.
 *
 *  - WAL with synchronous=FULL: a call that recorded something has made it
 *    durable before it returns.
 *  - The schema is versioned with PRAGMA user_version; each migration runs
 *    in one transaction, after a backup. A file from a newer Attune is
 *    refused and left exactly as it was (nothing is written to it, not even
 *    the journal mode).
 *  - A damaged file (quick_check fails, or it is not a database) is moved
 *    aside with its -wal and -shm as *.corrupt-<timestamp>, and the newest
 *    backup that passes quick_check is restored. Nothing is deleted.
 *  - Backups use the SQLite backup API into a temporary file, then an
 *    atomic rename; the newest ATTUNE_STORE_BACKUPS are kept.
 *  - Only prepared statements with bound parameters.
 */
#include "config.h"

#include <errno.h>
#include <sqlite3.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attune-mastery.h"
#include "attune-store-private.h"

G_DEFINE_FINAL_TYPE (AttuneStore, attune_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (attune-store-error-quark, attune_store_error)

/* Migrations: step i takes the schema from version i to i + 1. Never edit
 * a step that has shipped; add a new one. */
static const char *migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE profile ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE profile_setting ("
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (profile_id, key)) WITHOUT ROWID;"
  "CREATE TABLE app_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE attempt ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,"
  "  scenario_id TEXT NOT NULL,"
  "  mode TEXT NOT NULL CHECK (mode IN ('coach', 'assessment', 'presenter')),"
  "  started_at INTEGER NOT NULL,"
  "  ended_at INTEGER,"
  "  outcome TEXT CHECK (outcome IN ('resolved', 'partly-resolved', 'escalated', 'lost', 'abandoned')),"
  "  final_mood INTEGER);"
  "CREATE INDEX attempt_by_profile ON attempt (profile_id, started_at);"
  "CREATE TABLE choice ("
  "  id INTEGER PRIMARY KEY,"
  "  attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL,"
  "  node_id TEXT NOT NULL,"
  "  choice_index INTEGER NOT NULL,"
  "  chosen_at INTEGER NOT NULL,"
  "  time_taken_ms INTEGER NOT NULL,"
  "  UNIQUE (attempt_id, seq));"
  /* Profile and time are repeated here so that mastery reads one index. */
  "CREATE TABLE evidence ("
  "  choice_id INTEGER NOT NULL REFERENCES choice(id) ON DELETE CASCADE,"
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,"
  "  strategy_id TEXT NOT NULL,"
  "  weight INTEGER NOT NULL CHECK (weight BETWEEN -3 AND 3 AND weight <> 0),"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (choice_id, strategy_id)) WITHOUT ROWID;"
  "CREATE INDEX evidence_by_profile ON evidence (profile_id, strategy_id, at);"
  "CREATE TABLE lesson_read ("
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,"
  "  lesson_id TEXT NOT NULL,"
  "  read_at INTEGER NOT NULL,"
  "  PRIMARY KEY (profile_id, lesson_id)) WITHOUT ROWID;",
  /* 1 -> 2: covering indexes, so that the Progress view reads a long
   * history from indexes alone (build-aux/bench: 1,000,000 choices). */
  "DROP INDEX evidence_by_profile;"
  "CREATE INDEX evidence_by_profile ON evidence (profile_id, strategy_id, at, weight);"
  "CREATE INDEX evidence_by_time ON evidence (profile_id, at, choice_id, weight);"
  "DROP INDEX attempt_by_profile;"
  "CREATE INDEX attempt_by_profile ON attempt (profile_id, started_at, ended_at);"
  "CREATE INDEX attempt_by_scenario ON attempt (profile_id, scenario_id, started_at);",
  /* 2 -> 3: how much each attempt counts (retries count less), the order
   * the replies were shown in, and the role-play each piece of evidence
   * came from, so that "handles well" can ask for two role-plays. */
  "ALTER TABLE attempt ADD COLUMN credit REAL NOT NULL DEFAULT 1.0;"
  "ALTER TABLE choice ADD COLUMN shown_order TEXT;"
  "ALTER TABLE evidence ADD COLUMN credit REAL NOT NULL DEFAULT 1.0;"
  "ALTER TABLE evidence ADD COLUMN scenario_id TEXT NOT NULL DEFAULT '';"
  "UPDATE evidence SET scenario_id = (SELECT a.scenario_id FROM choice c JOIN attempt a ON a.id = c.attempt_id"
  "  WHERE c.id = evidence.choice_id);"
  "DROP INDEX evidence_by_profile;"
  "CREATE INDEX evidence_by_profile ON evidence (profile_id, strategy_id, at, weight, credit, scenario_id);",
  /* 3 -> 4: what the learner wrote before seeing the replies ("Write
   * your own reply first"), kept with the decision; never graded. */
  "ALTER TABLE choice ADD COLUMN own_reply TEXT;",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ATTUNE_STORE_SCHEMA_VERSION);

static void
attune_store_finalize (GObject *object)
{
  AttuneStore *self = ATTUNE_STORE (object);

  _attune_store_stop_worker (self);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->damaged_copy);
  G_OBJECT_CLASS (attune_store_parent_class)->finalize (object);
}

static void
attune_store_class_init (AttuneStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_store_finalize;
}

static void
attune_store_init (AttuneStore *self)
{
}

/* $XDG_DATA_HOME/attune/progress.db, unless ATTUNE_DATABASE says otherwise. */
char *
attune_store_default_path (void)
{
  const char *env = g_getenv ("ATTUNE_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "attune", "progress.db", NULL);
}

/* Turns an SQLite failure into a GError a person can act on. */
gboolean
_attune_store_set_error (GError    **error,
                  sqlite3    *db,
                  int         code,
                  const char *path)
{
  int primary = code & 0xff;

  switch (primary)
    {
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is a file path */
                   _("Your progress cannot be saved: %s cannot be written. Practice still works, but it is not recorded."),
                   path);
      break;
    case SQLITE_FULL:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FULL,
                   _("Your progress cannot be saved because the disk is full. Free some space; practice still works meanwhile."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   /* Translators: %s is a file path */
                   _("The progress file %s is damaged."), path);
      break;
    default:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   /* Translators: the first %s is a file path, the second SQLite's own message */
                   _("The progress file %s could not be used: %s"),
                   path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code));
      break;
    }
  return FALSE;
}

gboolean
_attune_store_exec (AttuneStore  *self,
      const char   *sql,
      GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _attune_store_set_error (error, self->db, rc, self->path);
  return TRUE;
}

sqlite3_stmt *
_attune_store_prepare (AttuneStore  *self,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return stmt;
}


/* Runs a statement that returns no rows; finalises it. */
gboolean
_attune_store_step_done (AttuneStore   *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _attune_store_set_error (error, self->db, rc, self->path);
  return TRUE;
}

static char *
quick_check (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK)
    return g_strdup (sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    result = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return result;
}

static int
user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static char *
backup_path (const char *path,
             guint       n)
{
  return g_strdup_printf ("%s.backup-%u", path, n);
}

/* attune_decay(age): how much evidence @age µs old still counts, halving
 * every ATTUNE_MASTERY_HALF_LIFE_DAYS (see attune-mastery.c). Registered
 * on every connection so that mastery can be summed inside SQLite. */
static void
decay_function (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  double age_days = (double) sqlite3_value_int64 (argv[0]) / ((double) G_USEC_PER_SEC * 86400.0);

  sqlite3_result_double (context, attune_mastery_decay (age_days));
}

/* Opens @path and checks it. Returns NULL with *damaged set when the file
 * exists but is not a healthy database. */
static sqlite3 *
open_checked (const char  *path,
              int          flags,
              gboolean    *damaged,
              GError     **error)
{
  sqlite3 *db = NULL;
  g_autofree char *check = NULL;
  int rc;

  *damaged = FALSE;
  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_create_function_v2 (db, "attune_decay", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              NULL, decay_function, NULL, NULL, NULL);

  check = quick_check (db);
  if (g_strcmp0 (check, "ok") != 0)
    {
      *damaged = TRUE;
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   _("The progress file %s is damaged (%s)."), path, check);
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

/* Moves the damaged file and its journal files aside, keeping them. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  static const char *suffixes[] = { "-wal", "-shm" };

  if (g_rename (path, target) != 0)
    {
      int saved = errno;

      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   _("The damaged progress file could not be moved aside: %s"), g_strerror (saved));
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

/* Copies the database @from into a new file @to with the backup API. */
static gboolean
copy_database (sqlite3     *from,
               const char  *to,
               GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc = sqlite3_open_v2 (to, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, dest, rc, to);
      sqlite3_close_v2 (dest);
      return FALSE;
    }
  backup = sqlite3_backup_init (dest, "main", from, "main");
  if (backup == NULL)
    {
      _attune_store_set_error (error, dest, sqlite3_errcode (dest), to);
      sqlite3_close_v2 (dest);
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, dest, rc, to);
      sqlite3_close_v2 (dest);
      return FALSE;
    }
  /* The copy is in rollback-journal mode, complete on disk once closed. */
  rc = sqlite3_close_v2 (dest);
  if (rc != SQLITE_OK)
    return _attune_store_set_error (error, NULL, rc, to);
  return TRUE;
}

/* Restores the newest backup that passes quick_check into @path. */
static gboolean
restore_newest_backup (const char *path)
{
  for (guint n = 1; n <= ATTUNE_STORE_BACKUPS; n++)
    {
      g_autofree char *candidate = backup_path (path, n);
      g_autofree char *tmp = g_strconcat (path, ".restoring", NULL);
      g_autoptr(GError) error = NULL;
      gboolean damaged;
      sqlite3 *db;

      if (!g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        continue;
      db = open_checked (candidate, SQLITE_OPEN_READONLY, &damaged, &error);
      if (db == NULL)
        continue;
      if (copy_database (db, tmp, &error) && g_rename (tmp, path) == 0)
        {
          sqlite3_close_v2 (db);
          return TRUE;
        }
      sqlite3_close_v2 (db);
      g_unlink (tmp);
    }
  return FALSE;
}

/**
 * attune_store_backup:
 *
 * Writes a consistent copy of the database next to it and rotates the
 * older copies (path.backup-1 is the newest). Called after each finished
 * attempt and before every migration.
 */
gboolean
attune_store_backup (AttuneStore  *self,
                     GError      **error)
{
  g_autofree char *tmp = g_strconcat (self->path, ".backup-new", NULL);

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);

  g_unlink (tmp);
  if (!copy_database (self->db, tmp, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  for (guint n = ATTUNE_STORE_BACKUPS; n > 1; n--)
    {
      g_autofree char *older = backup_path (self->path, n);
      g_autofree char *newer = backup_path (self->path, n - 1);

      if (g_file_test (newer, G_FILE_TEST_EXISTS))
        g_rename (newer, older);
    }
  {
    g_autofree char *newest = backup_path (self->path, 1);

    if (g_rename (tmp, newest) != 0)
      {
        int saved = errno;

        g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                     _("The backup could not be saved: %s"), g_strerror (saved));
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
migrate (AttuneStore  *self,
         int           from,
         GError      **error)
{
  if (from > 0 && from < ATTUNE_STORE_SCHEMA_VERSION && !attune_store_backup (self, error))
    return FALSE;

  for (int version = from; version < ATTUNE_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!_attune_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!_attune_store_exec (self, migrations[version], error) || !_attune_store_exec (self, set_version, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (!_attune_store_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * attune_store_open:
 * @path: the database file; created (with its folder) if missing
 * @result: (out) (optional): what opening involved
 *
 * Opens the progress store, repairing what can be repaired without losing
 * anything. On failure the caller runs without saving and tells the user
 * the error's message.
 */
AttuneStore *
attune_store_open (const char             *path,
                   AttuneStoreOpenResult  *result,
                   GError                **error)
{
  g_autoptr(AttuneStore) self = g_object_new (ATTUNE_TYPE_STORE, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local_error = NULL;
  AttuneStoreOpenResult outcome = ATTUNE_STORE_OPENED;
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  gboolean damaged = FALSE;
  int version;

  self->path = g_strdup (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY,
                   _("Your progress cannot be saved: the folder %s cannot be created. Practice still works, but it is not recorded."),
                   dir);
      return NULL;
    }

  self->db = open_checked (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &damaged, &local_error);
  if (self->db == NULL && damaged)
    {
      self->damaged_copy = move_aside (path, error);
      if (self->damaged_copy == NULL)
        return NULL;
      outcome = restore_newest_backup (path) ? ATTUNE_STORE_RESTORED : ATTUNE_STORE_RESET;
      g_clear_error (&local_error);
      self->db = open_checked (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &damaged, &local_error);
    }
  if (self->db == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      _attune_store_set_error (error, self->db, SQLITE_READONLY, path);
      return NULL;
    }

  /* Before anything is written: a newer file is left as it is. */
  version = user_version (self->db);
  if (version > ATTUNE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NEWER_VERSION,
                   _("Your progress was saved by a newer version of Attune and cannot be read by this one. It has been left untouched; update Attune to see it."));
      return NULL;
    }

  /* For tests only: a disk that fills up after this many pages. */
  if (g_getenv ("ATTUNE_STORE_MAX_PAGES") != NULL)
    {
      g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GUINT64_FORMAT,
                                                g_ascii_strtoull (g_getenv ("ATTUNE_STORE_MAX_PAGES"), NULL, 10));

      if (!_attune_store_exec (self, limit, error))
        return NULL;
    }

  if (!_attune_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_attune_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !_attune_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !migrate (self, version, error))
    return NULL;

  if (outcome == ATTUNE_STORE_OPENED && (!existed || version == 0))
    outcome = ATTUNE_STORE_CREATED;
  if (result != NULL)
    *result = outcome;
  return g_steal_pointer (&self);
}

const char *
attune_store_get_path (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  return self->path;
}

/* Where a damaged file was moved, when opening found one; else NULL. */
const char *
attune_store_get_damaged_copy (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  return self->damaged_copy;
}

