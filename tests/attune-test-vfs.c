/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A failing SQLite VFS for tests, as SQLite's own test harness has: it
 * wraps the default VFS, is installed as the default, and on demand
 * answers writes with SQLITE_FULL or an I/O error, reads with an I/O
 * error, and write locks with SQLITE_BUSY, on real files.
 *
 * It can also honour permission bits as an unprivileged user would meet
 * them: tests may run as root, for whom chmod stops nothing. With
 * respect_modes on, a file without its owner's write bit opens read-only
 * (as the unix VFS falls back when open(O_RDWR) fails) and nothing can be
 * created or deleted in a folder without it, whoever runs the test.
 */
#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "attune-test-vfs.h"

typedef struct
{
  sqlite3_file base;
  sqlite3_file *real;
  char *path;
} ShimFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static AttuneTestFault fault;
static gboolean respect_modes;
static guint n_injected;
static int last_errno;

static int
inject (int rc, int os_errno)
{
  n_injected++;
  last_errno = os_errno;
  return rc;
}

static gboolean
writable (const char *path)
{
  struct stat st;

  return stat (path, &st) != 0 || (st.st_mode & S_IWUSR) != 0;
}

static gboolean
folder_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return writable (dir);
}

static int
shim_close (sqlite3_file *file)
{
  ShimFile *shim = (ShimFile *) file;
  int rc = shim->real->pMethods->xClose (shim->real);

  sqlite3_free (shim->real);
  g_free (shim->path);
  return rc;
}

static int
shim_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  ShimFile *shim = (ShimFile *) file;

  if (fault == ATTUNE_TEST_FAULT_IO_READ)
    return inject (SQLITE_IOERR_READ, EIO);
  return shim->real->pMethods->xRead (shim->real, buffer, amount, offset);
}

static int
shim_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  ShimFile *shim = (ShimFile *) file;

  if (fault == ATTUNE_TEST_FAULT_FULL)
    return inject (SQLITE_FULL, ENOSPC);
  if (fault == ATTUNE_TEST_FAULT_IO_WRITE)
    return inject (SQLITE_IOERR_WRITE, EIO);
  return shim->real->pMethods->xWrite (shim->real, buffer, amount, offset);
}

static int
shim_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  ShimFile *shim = (ShimFile *) file;

  return shim->real->pMethods->xTruncate (shim->real, size);
}

static int
shim_sync (sqlite3_file *file, int flags)
{
  ShimFile *shim = (ShimFile *) file;

  if (fault == ATTUNE_TEST_FAULT_IO_WRITE)
    return inject (SQLITE_IOERR_FSYNC, EIO);
  return shim->real->pMethods->xSync (shim->real, flags);
}

static int
shim_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  ShimFile *shim = (ShimFile *) file;

  return shim->real->pMethods->xFileSize (shim->real, size);
}

static int
shim_lock (sqlite3_file *file, int level)
{
  ShimFile *shim = (ShimFile *) file;

  if (fault == ATTUNE_TEST_FAULT_BUSY && level >= SQLITE_LOCK_RESERVED)
    return inject (SQLITE_BUSY, 0);
  return shim->real->pMethods->xLock (shim->real, level);
}

static int
shim_unlock (sqlite3_file *file, int level)
{
  ShimFile *shim = (ShimFile *) file;

  return shim->real->pMethods->xUnlock (shim->real, level);
}

static int
shim_check_reserved_lock (sqlite3_file *file, int *out)
{
  ShimFile *shim = (ShimFile *) file;

  return shim->real->pMethods->xCheckReservedLock (shim->real, out);
}

static int
shim_file_control (sqlite3_file *file, int op, void *arg)
{
  ShimFile *shim = (ShimFile *) file;

  return shim->real->pMethods->xFileControl (shim->real, op, arg);
}

static int
shim_sector_size (sqlite3_file *file)
{
  ShimFile *shim = (ShimFile *) file;

  return shim->real->pMethods->xSectorSize (shim->real);
}

static int
shim_device_characteristics (sqlite3_file *file)
{
  ShimFile *shim = (ShimFile *) file;

  return shim->real->pMethods->xDeviceCharacteristics (shim->real);
}

static int
shim_shm_map (sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
  ShimFile *shim = (ShimFile *) file;
  g_autofree char *shm = g_strconcat (shim->path, "-shm", NULL);

  if (fault == ATTUNE_TEST_FAULT_FULL && extend)
    return inject (SQLITE_IOERR_SHMSIZE, ENOSPC);
  if (respect_modes && !g_file_test (shm, G_FILE_TEST_EXISTS) && !folder_writable (shm))
    return inject (SQLITE_CANTOPEN, EACCES);
  return shim->real->pMethods->xShmMap (shim->real, region, size, extend, out);
}

static int
shim_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  ShimFile *shim = (ShimFile *) file;

  /* The WAL write lock is slot 0. */
  if (fault == ATTUNE_TEST_FAULT_BUSY && (flags & SQLITE_SHM_LOCK) && (flags & SQLITE_SHM_EXCLUSIVE) && offset == 0)
    return inject (SQLITE_BUSY, 0);
  return shim->real->pMethods->xShmLock (shim->real, offset, n, flags);
}

static void
shim_shm_barrier (sqlite3_file *file)
{
  ShimFile *shim = (ShimFile *) file;

  shim->real->pMethods->xShmBarrier (shim->real);
}

static int
shim_shm_unmap (sqlite3_file *file, int delete_flag)
{
  ShimFile *shim = (ShimFile *) file;

  return shim->real->pMethods->xShmUnmap (shim->real, delete_flag);
}

static int
shim_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  ShimFile *shim = (ShimFile *) file;

  /* No memory-mapped reads: every read goes through shim_read. */
  *out = NULL;
  (void) shim;
  return SQLITE_OK;
}

static int
shim_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  return SQLITE_OK;
}

static const sqlite3_io_methods shim_methods = {
  3,
  shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_file_size,
  shim_lock, shim_unlock, shim_check_reserved_lock, shim_file_control,
  shim_sector_size, shim_device_characteristics,
  shim_shm_map, shim_shm_lock, shim_shm_barrier, shim_shm_unmap,
  shim_fetch, shim_unfetch,
};

static int
shim_open (sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
  ShimFile *shim = (ShimFile *) file;
  int rc;

  file->pMethods = NULL;
  if (respect_modes && name != NULL && (flags & SQLITE_OPEN_READWRITE))
    {
      if (g_file_test (name, G_FILE_TEST_EXISTS) && !writable (name))
        {
          /* As the unix VFS does when open(O_RDWR) is refused. */
          flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
        }
      else if (!g_file_test (name, G_FILE_TEST_EXISTS) && (flags & SQLITE_OPEN_CREATE) && !folder_writable (name))
        return inject (SQLITE_CANTOPEN, EACCES);
    }

  shim->real = sqlite3_malloc (real_vfs->szOsFile);
  memset (shim->real, 0, real_vfs->szOsFile);
  rc = real_vfs->xOpen (real_vfs, name, shim->real, flags, out_flags);
  if (rc != SQLITE_OK || shim->real->pMethods == NULL)
    {
      if (shim->real->pMethods != NULL)
        shim->real->pMethods->xClose (shim->real);
      sqlite3_free (shim->real);
      shim->real = NULL;
      return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
    }
  shim->path = g_strdup (name);
  file->pMethods = &shim_methods;
  return SQLITE_OK;
}

static int
shim_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  if (respect_modes && !folder_writable (name))
    return inject (SQLITE_IOERR_DELETE, EACCES);
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
shim_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  int rc = real_vfs->xAccess (real_vfs, name, flags, out);

  if (rc == SQLITE_OK && respect_modes && flags == SQLITE_ACCESS_READWRITE && *out && !writable (name))
    *out = 0;
  return rc;
}

static int
shim_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
shim_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
shim_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*shim_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
shim_dl_close (sqlite3_vfs *vfs, void *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
shim_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
shim_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
shim_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

static int
shim_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

/* sqlite3_system_errno() reads this: the reason behind an injected error. */
static int
shim_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  if (last_errno != 0)
    return last_errno;
  return real_vfs->xGetLastError != NULL ? real_vfs->xGetLastError (real_vfs, n, out) : 0;
}

/* Makes the shim SQLite's default VFS; the store then uses it unchanged. */
void
attune_test_vfs_install (void)
{
  if (real_vfs != NULL)
    return;
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  shim_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = sizeof (ShimFile),
    .mxPathname = real_vfs->mxPathname,
    .zName = "attune-test-shim",
    .xOpen = shim_open,
    .xDelete = shim_delete,
    .xAccess = shim_access,
    .xFullPathname = shim_full_pathname,
    .xDlOpen = shim_dl_open,
    .xDlError = shim_dl_error,
    .xDlSym = shim_dl_sym,
    .xDlClose = shim_dl_close,
    .xRandomness = shim_randomness,
    .xSleep = shim_sleep,
    .xCurrentTime = shim_current_time,
    .xGetLastError = shim_get_last_error,
    .xCurrentTimeInt64 = shim_current_time_int64,
  };
  g_assert_cmpint (sqlite3_vfs_register (&shim_vfs, 1), ==, SQLITE_OK);
}

/* From now on, fail as @fault says (ATTUNE_TEST_FAULT_NONE: stop). */
void
attune_test_vfs_fail (AttuneTestFault new_fault)
{
  fault = new_fault;
  last_errno = 0;
}

void
attune_test_vfs_respect_modes (gboolean respect)
{
  respect_modes = respect;
}

/* How many failures were injected so far: a test checks that its fault
 * was actually met, not merely switched on. */
guint
attune_test_vfs_get_n_injected (void)
{
  return n_injected;
}
