/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneStore, continued: backups.
 *
 *  - A backup is a rollback-journal (journal_mode=DELETE) file: one
 *    self-contained file, which opening never surrounds with -wal/-shm.
 *  - It is written with the SQLite backup API into path.backup-new, then
 *    renamed into place atomically and the folder synced. A kill leaves at
 *    most path.backup-new, which the next opening removes.
 *  - path.backup-1 to -ATTUNE_STORE_BACKUPS rotate, newest first: taken
 *    at most once a day (after a finished attempt), and before every
 *    migration and profile deletion. path.backup-quit is replaced at
 *    each quit. So backups use at most (ATTUNE_STORE_BACKUPS + 1) times
 *    the size of the database, plus one more while a backup is written.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attune-store-private.h"

static char *
backup_path (const char *path,
             guint       n)
{
  return g_strdup_printf ("%s.backup-%u", path, n);
}

static char *
quit_backup_path (const char *path)
{
  return g_strconcat (path, ".backup-quit", NULL);
}

/* Removes what an interrupted backup or restore left behind. */
void
_attune_store_remove_stale (const char *path)
{
  static const char *temporaries[] = { ".backup-new", ".restoring" };
  static const char *journals[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (temporaries); i++)
    for (guint j = 0; j < G_N_ELEMENTS (journals); j++)
      {
        g_autofree char *name = g_strconcat (path, temporaries[i], journals[j], NULL);

        g_unlink (name);
      }
}

static gint64
modified (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return (gint64) st.st_mtime;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  gint64 ma = modified (*(char **) a), mb = modified (*(char **) b);

  return ma < mb ? 1 : ma > mb ? -1 : 0;
}

/* Every backup of @path that exists, newest first. */
char **
_attune_store_list_backups (const char *path)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  char *quit = quit_backup_path (path);

  if (g_file_test (quit, G_FILE_TEST_IS_REGULAR))
    g_ptr_array_add (found, quit);
  else
    g_free (quit);
  for (guint n = 1; n <= ATTUNE_STORE_BACKUPS; n++)
    {
      char *candidate = backup_path (path, n);

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (found, candidate);
      else
        g_free (candidate);
    }
  g_ptr_array_sort (found, newest_first);
  g_ptr_array_add (found, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}

/**
 * _attune_store_open_snapshot:
 *
 * Reads @path whole and opens that copy in memory, read-only: nothing is
 * created beside the file, not even a -shm. The file must not change
 * while it is read (its size and time are compared), so a copy torn by
 * another program's write is never taken for damage.
 */
sqlite3 *
_attune_store_open_snapshot (const char  *path,
                             GError     **error)
{
  GStatBuf before, after;
  g_autofree char *data = NULL;
  g_autoptr(GError) read_error = NULL;
  gsize len = 0;
  sqlite3 *db = NULL;
  unsigned char *image;
  int rc;

  if (g_stat (path, &before) != 0 || !g_file_get_contents (path, &data, &len, &read_error) ||
      g_stat (path, &after) != 0)
    {
      if (read_error != NULL)
        g_message ("%s", read_error->message);
      return _attune_store_set_error (error, NULL, SQLITE_CANTOPEN, path), NULL;
    }
  if (before.st_mtime != after.st_mtime || before.st_size != after.st_size ||
      (gsize) after.st_size != len
#ifdef __linux__
      || before.st_mtim.tv_nsec != after.st_mtim.tv_nsec
#endif
      )
    return _attune_store_set_error (error, NULL, SQLITE_BUSY, path), NULL;

  rc = sqlite3_open_v2 ("attune-snapshot", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      return NULL;
    }
  if (len == 0)
    return db;
  image = sqlite3_malloc64 (len);
  if (image == NULL)
    {
      sqlite3_close_v2 (db);
      return _attune_store_set_error (error, NULL, SQLITE_NOMEM, path), NULL;
    }
  memcpy (image, data, len);
  /* An in-memory copy cannot use a -wal: read it as a rollback file. */
  if (len >= 100 && memcmp (image, "SQLite format 3", 16) == 0)
    image[18] = image[19] = 1;
  rc = sqlite3_deserialize (db, "main", image, (sqlite3_int64) len, (sqlite3_int64) len,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Copies the database @from into a new rollback-journal file @to with
 * the backup API; the copy is complete on disk when this returns. */
gboolean
_attune_store_copy_database (sqlite3     *from,
                             const char  *to,
                             GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_unlink (to);
  rc = sqlite3_open_v2 (to, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, dest, rc, to);
      sqlite3_close_v2 (dest);
      return FALSE;
    }
  sqlite3_extended_result_codes (dest, 1);
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
  /* The pages came from a WAL file, header and all: make the copy a
   * rollback-journal file again. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, dest, rc, to);
      sqlite3_close_v2 (dest);
      return FALSE;
    }
  rc = sqlite3_close_v2 (dest);
  if (rc != SQLITE_OK)
    return _attune_store_set_error (error, NULL, rc, to);
  return TRUE;
}

/* Writes a backup into path.backup-new; the caller renames it. */
static char *
write_temporary (AttuneStore  *self,
                 GError      **error)
{
  char *tmp = g_strconcat (self->path, ".backup-new", NULL);

  if (!_attune_store_copy_database (self->db, tmp, error))
    {
      g_unlink (tmp);
      g_free (tmp);
      return NULL;
    }
  return tmp;
}

static gboolean
rename_into_place (const char  *tmp,
                   const char  *target,
                   GError     **error)
{
  if (g_rename (tmp, target) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   /* Translators: %s is the system's reason */
                   _("The backup could not be saved: %s"), g_strerror (saved));
      return FALSE;
    }
  sync_folder (target);
  return TRUE;
}

/**
 * attune_store_backup:
 *
 * Writes a consistent copy of the database next to it and rotates the
 * older copies (path.backup-1 is the newest). Taken before every
 * migration and profile deletion, and once a day by
 * attune_store_backup_if_due().
 */
gboolean
attune_store_backup (AttuneStore  *self,
                     GError      **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *newest = NULL;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->read_only, FALSE);

  tmp = write_temporary (self, error);
  if (tmp == NULL)
    return FALSE;
  for (guint n = ATTUNE_STORE_BACKUPS; n > 1; n--)
    {
      g_autofree char *older = backup_path (self->path, n);
      g_autofree char *newer = backup_path (self->path, n - 1);

      if (g_file_test (newer, G_FILE_TEST_EXISTS))
        g_rename (newer, older);
    }
  newest = backup_path (self->path, 1);
  return rename_into_place (tmp, newest, error);
}

/**
 * attune_store_backup_if_due:
 *
 * Takes a rotating backup unless one was already taken today (local
 * time), so that backups cost one copy a day however much is practised.
 */
gboolean
attune_store_backup_if_due (AttuneStore  *self,
                            GError      **error)
{
  g_autofree char *newest = NULL;
  gint64 taken;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);

  if (self->read_only)
    return TRUE;
  newest = backup_path (self->path, 1);
  taken = modified (newest);
  if (taken != 0)
    {
      g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (taken);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      if (g_date_time_get_year (then) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (now))
        return TRUE;
    }
  return attune_store_backup (self, error);
}

/**
 * attune_store_backup_at_quit:
 *
 * Replaces path.backup-quit with a copy of the database as it is now.
 */
gboolean
attune_store_backup_at_quit (AttuneStore  *self,
                             GError      **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);

  if (self->read_only)
    return TRUE;
  tmp = write_temporary (self, error);
  if (tmp == NULL)
    return FALSE;
  target = quit_backup_path (self->path);
  return rename_into_place (tmp, target, error);
}
